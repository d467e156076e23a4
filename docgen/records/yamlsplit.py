"""A long list of a clean YAML file read in pieces on the build's workers (issue 16).

awards.yaml of 20,000 awardees is one block list under a top-level key; reading it (libyaml's
events, docgen.records.yamlsource._plain) is a third of the build's serial part while the
build's worker processes, started early (docgen.buildwork), wait for the records. The list is
cut at lines that start one of its items ("  - " at the list's indentation), each piece read
alone as a list by `_plain` on a worker while this process reads the first piece and the rest
of the file (the list taken out, its key left empty), and the items are put back in order.

Only the fast reading of a clean file is split, and only when it is the same reading: every
piece must read as a list of exactly as many items as it has item lines (a quoted or flow
value running over an item line, an anchor, a tag, anything `_plain` declines, breaks that),
and the rest of the file must read as a mapping with that key empty, the key on the line the
list was cut under (not words of a quoted value running over lines). Otherwise, or on any
trouble with the workers, `plain` gives None and the file is read whole as before (`_plain`,
then `_parse` for a file with something to report): messages, with their line and column, come
from that whole reading only. The Source keeps the whole text, so places asked later are found
in it as for a file read whole. tests/test_yaml_split.py compares both readings.
"""

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SPLIT = True  # fast path (tests/test_build_fastpaths.py turns it off)
MIN_CHARS = 200_000  # below this a file is read whole: sending pieces costs more than it saves

# After a line end (searched in "\n" + text: a literal first character is found fast, where
# ^ with re.M tries every position): a top-level key with its value on the following lines
# ("awards:", "awards:  # …"); a line with content at column 0.
_BLOCK_KEY = re.compile(r"\n([A-Za-z_][A-Za-z0-9_-]*):[ \t]*(?:#[^\n]*)?(?=\n)")
_TOP_LEVEL = re.compile(r"\n[^\s#]")

_helpers: Any = None  # the docgen.render.batch.Workers of the build under way, while it reads


@contextlib.contextmanager
def helping(workers: Any) -> Iterator[None]:
    """Let long lists be read on `workers` (docgen.render.batch.Workers, or None) in this block."""
    global _helpers
    before, _helpers = _helpers, workers
    try:
        yield
    finally:
        _helpers = before


def pieces(text: str, count: int) -> tuple[str, str, int, list[tuple[str, int]]] | None:
    """(the rest of `text` with the longest top-level block list taken out, its key, the key's
    line, and the list's text in up to `count` pieces, each with its number of item lines), or
    None when `text` has no such list of two items or more."""
    if "\r" in text:
        return None
    best = _block(text)
    if best is None:
        return None
    name, start, end = best
    block = text[start:end]
    first = re.search(r"^( +)-(?: |$)", block, re.M)
    if first is None or block[:first.start()].strip(" \n") and not _only_comments(block[:first.start()]):
        return None
    item = re.compile(rf"\n{first.group(1)}-(?=[ \n]|\Z)")
    items = [m.start() + 1 - start for m in item.finditer(text, start - 1, end)]
    if len(items) < 2:
        return None
    out = []
    step = len(block) / count
    cut = 0
    for n in range(1, count + 1):
        target = len(block) if n == count else n * step
        following = next((i for i in range(cut + 1, len(items)) if items[i] >= target), len(items))
        if following > cut:
            stop = items[following] if following < len(items) else len(block)
            begin = 0 if cut == 0 else items[cut]
            out.append((block[begin:stop], following - cut))
            cut = following
        if cut >= len(items):
            break
    return text[:start] + text[end:], name, text.count("\n", 0, start), out


def _block(text: str) -> tuple[str, int, int] | None:
    """(key, start, end) of the longest value written on the lines under a top-level key:
    from the line after the key's to the next line with content at column 0."""
    padded = "\n" + text  # offsets one more than in `text`
    best = None
    for key in _BLOCK_KEY.finditer(padded):
        start = key.end()  # the key line's end in `padded`: the next line's start in `text`
        after = _TOP_LEVEL.search(padded, key.end())
        end = after.start() if after else len(text)
        if best is None or end - start > best[2] - best[1]:
            best = (key.group(1), start, end)
    return best


def _only_comments(text: str) -> bool:
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.split("\n"))


def read_items(path: Path, piece: str, items: int) -> list | None:
    """The list `piece` (a run of a list's items) reads as by `_plain` (line by line when it
    can: docgen.records.yamllines), or None when it does not read as a list of exactly `items`
    items."""
    from docgen.records import yamllines
    from docgen.records.yamlsource import _plain

    data = yamllines.items(piece) if yamllines.FAST else None  # the same items, read faster
    if data is None:
        source = _plain(path, piece)
        data = None if source is None else source.data
    return data if isinstance(data, list) and len(data) == items else None


def plain(path: Path, text: str) -> Any:
    """The Source `_plain(path, text)` gives, read in pieces on the workers (see the module);
    None when this reading does not apply or does not come out the same way."""
    from docgen.records.yamlsource import Source, _plain

    helpers = _helpers
    if not SPLIT or helpers is None or len(text) < MIN_CHARS:
        return None
    cut = pieces(text, helpers.count + 1)
    if cut is None or len(cut[3]) < 2:
        return None
    rest, key, line, parts = cut
    try:
        sent = [helpers.submit(read_items, path, piece, items) for piece, items in parts[1:]]
    except Exception:  # noqa: BLE001  (a pool that cannot take work: read whole)
        return None
    mine = read_items(path, *parts[0])
    head = _plain(path, rest)
    lists = [mine]
    for future in sent:
        try:
            lists.append(future.result())
        except Exception:  # noqa: BLE001  (a worker that failed: read whole)
            lists.append(None)
    data = None if head is None else head.data
    if not isinstance(data, dict) or data.get(key, 0) is not None or any(items is None for items in lists):
        return None
    # The key read is the one on the line the list was cut under, not words of a quoted value
    # running over lines (the rest of the file is small: its places cost little).
    if head.keys.get((key,), (0, 0))[0] != line:
        return None
    data[key] = [item for items in lists for item in items]
    return Source(path, data, text=text)
