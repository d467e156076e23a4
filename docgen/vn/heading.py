"""The lines of a name in the document's header (ô 2: cơ quan chủ quản, cơ quan ban hành), broken
where a văn thư breaks it: "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ BUÔN MA THUỘT", "SỞ TÀI NGUYÊN" /
"VÀ MÔI TRƯỜNG"; never inside a place name or a word of two syllables."""

import itertools
from collections.abc import Iterable

from docgen.vn.font_widths import WIDTHS
from docgen.vn.text import _BETWEEN, _DASHES, OFFICES, keep_names, name_breaks, upper

# The header's left cell in the stock templates (tools/make_templates.py: HEADER_COLS[0] less
# its two CELL_PAD paddings), in twips; tests/test_header_names.py checks it against templates/.
HEADER_ROOM = 4139 - 2 * 57
SIZE = 13  # pt: the styles ND30 Cơ quan chủ quản / Cơ quan ban hành
MAX_LINES = 4  # lines tried when breaking a name by itself (the decree sets no number)
TWIPS_PER_CM = 567


def width(text: str, bold: bool) -> int:
    """`text` on one line at 13 pt in Times New Roman (Liberation Serif's metrics), in twips;
    regular for the cơ quan chủ quản, bold for the cơ quan ban hành. An unknown character counts
    as an "n"."""
    table = WIDTHS["bold" if bold else "regular"]
    default = table["n"]
    return sum(table.get(ch, default) for ch in text) * SIZE * 20 // 1000


def cm(twips: int) -> str:
    """Twips as centimetres the way a clerk reads them: "7,10"."""
    return f"{twips / TWIPS_PER_CM:.2f}".replace(".", ",")


def _ends_between(words: list[str]) -> bool:
    """True when the words end with an administrative level or "và" ("… THÀNH PHỐ" / "BUÔN MA
    THUỘT"): a line a văn thư would not end there, the level belongs to its place."""
    lowered = [w.lower() for w in words]
    return any(len(t) <= len(lowered) and tuple(lowered[-len(t):]) == t for t in _BETWEEN)


def _pairs(words: list[str]) -> set[int]:
    """Breaks between the words of two syllables of a run of lower-case words after a capitalised
    one: "Giáo dục" / "nghề nghiệp", "Kế hoạch" / "tài chính" (most words of an office's name
    have two syllables; a guess, so only used when the units alone do not fit)."""
    out, start = set(), None
    for i, w in enumerate(words):
        if w[:1].isupper() or not w[:1].isalpha():
            start = i if w[:1].isupper() else None
        elif start is not None and i > start + 1 and (i - start) % 2 == 0 and words[i - 1][:1].islower():
            out.add(i)
    return out


def candidates(name: str, kept: Iterable[str] = (), pairs: bool = False) -> tuple[int, ...]:
    """Where a header line may break inside `name` (as typed, before upper-casing): the indices i
    (into `name.split(" ")`) of the words a line may start with, ascending. A line starts after
    a dash between two parts of the name or at a unit of a long part (`vn.name_breaks`:
    "Sở Tài nguyên" / "và Môi trường"), and never inside a name kept whole in the body
    (`keep_names` with `OFFICES` and the clerk's `fixed_names`: "Buôn Ma Thuột"). With `pairs`,
    also between the two-syllable words of a lower-case run (`_pairs`)."""
    words = name.split(" ")
    text = keep_names(name, (*OFFICES, *kept), longest=0)  # a cell's line never stretches
    spaces = [i for i, ch in enumerate(text) if ch in " \u00a0"]
    free = {i for i in range(1, len(words)) if words[i - 1] in _DASHES} | set(name_breaks(name))
    if pairs:
        free |= _pairs(words)
    return tuple(i for i in sorted(free) if text[spaces[i - 1]] == " ")


def split(name: str, *, bold: bool, kept: Iterable[str] = (), room: int = HEADER_ROOM) -> tuple[str, ...] | None:
    """`name` upper-cased on lines that each fit `room` twips, broken only at `candidates`, at most
    `MAX_LINES`: first the fewest lines ending with a level ("… THÀNH PHỐ" / "BUÔN MA THUỘT") or
    "VÀ", then the fewest lines, then the most even lines (least sum of squared room left); only
    when no way fits, the same with the breaks between two-syllable words added (`_pairs`).
    None when no way fits (a unit alone wider than the cell): the clerk must give the lines.
    This is docgen's house rule: Decree 30 (Phụ lục I §II.2) only says the names may wrap."""
    words = name.split(" ")
    if width(upper(name), bold) <= room:
        return (upper(name),)
    for pairs in (False, True):
        found = _best(words, candidates(name, kept, pairs), bold, room)
        if found:
            return found
    return None


def _best(words: list[str], breaks: tuple[int, ...], bold: bool, room: int) -> tuple[str, ...] | None:
    best: tuple[tuple[int, int, int], tuple[str, ...]] | None = None
    for count in range(1, min(len(breaks), MAX_LINES - 1) + 1):
        for chosen in itertools.combinations(breaks, count):
            bounds = (0, *chosen, len(words))
            parts = [words[a:b] for a, b in itertools.pairwise(bounds)]
            lines = tuple(upper(" ".join(p)) for p in parts)
            sizes = [width(line, bold) for line in lines]
            if max(sizes) > room:
                continue
            key = (sum(_ends_between(p) for p in parts[:-1]), count, sum((room - s) ** 2 for s in sizes))
            if best is None or key < best[0]:
                best = (key, lines)
    return best[1] if best else None


def lines(value: str | list[str] | None, *, bold: bool, kept: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The header lines of a record's value, upper-cased: the clerk's own lines as given (a list),
    a name on one line broken by `split` (kept on one line when nothing fits: the records' check,
    docgen.records.heading, has already refused it), None for no value."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(upper(x) for x in value)
    return split(value, bold=bold, kept=kept) or (upper(value),)


def joined(value: str | list[str] | None) -> str | None:
    """A name given as lines, on one line ("Ủy ban nhân dân thành phố Buôn Ma Thuột")."""
    return " ".join(value) if isinstance(value, list | tuple) else value
