"""Strict YAML: YAML 1.2 scalars, no duplicate keys, and the line of every value kept.

PyYAML follows YAML 1.1, where `no` is False and `10:30` is 630; a clerk's record means
neither. Dates stay strings here and are parsed by the schema, so "2021-09" and
"2021-09-15" follow one rule.

libyaml (PyYAML's C parser) reads every file. A file with nothing to report is read for its
values only (`_plain`); the line and column of its values are found again from its text when
a problem asks for one (`Source.locate`). A file with something to report is read the full way
(`_parse`), which finds every fault with its place.
"""

import bisect
import contextlib
import functools
import gc
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import Location, Problem, RecordError
from docgen.records import yamlerrors
from docgen.records.characters import BAD, refusal
from docgen.records.legacy import MISREAD, legacy_problem, legacy_reading
from docgen.vn import normalize

PathKey = tuple[str | int, ...]

# Longer figures are no count or amount a record holds; Python's int() refuses 4300 digits.
MAX_DIGITS = 30
_DOTTED = re.compile(r"^[-+]?[0-9]{1,3}\.[0-9]{3}$")
_RESOLVED = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
             "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"}


class DottedFloat(float):
    """A plain scalar like 19.400: YAML reads 19.4, a Vietnamese reader 19400.

    The schema decides by the field's kind; `text` is the scalar as typed.
    """

    text: str

    def __new__(cls, text: str) -> "DottedFloat":
        obj = super().__new__(cls, text)
        obj.text = text
        return obj


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): a long award list
# parses ten times faster than with the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema resolvers."""

    def resolve(self, kind, value, implicit):
        """PyYAML's resolve, without its path resolvers (unused here), which cost more than
        the C parser itself on a list of thousands of awardees."""
        if kind is yaml.ScalarNode:
            return _implicit_tag(value) if implicit[0] else "tag:yaml.org,2002:str"
        if kind is yaml.SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


_Loader.yaml_implicit_resolvers = {}
for _tag, _regex, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regex), list(_first))


class Source:
    """One YAML file: its data and where each value, and each key, stands.

    `values` and `keys` map a path in the data (("awards", 3, "name")) to its (line, column),
    1-based. A file read the fast way (`_plain`: nothing to report) keeps its text instead, and
    the places are found only when something asks for one (`locate`): reading a file of 20,000
    awardees with every place costs twice the reading of its values (issue 16).
    """

    def __init__(self, path: Path, data: Any, values: dict[PathKey, tuple[int, int]] | None = None,
                 keys: dict[PathKey, tuple[int, int]] | None = None, problems: list[Problem] | None = None,
                 *, text: str | None = None) -> None:
        self.path = path
        self.data = data
        self._values = {} if values is None and text is None else values
        self._keys = {} if keys is None and text is None else keys
        self.problems: list[Problem] = [] if problems is None else problems  # found while reading, not fatal
        self._text = text  # a clean text whose places are not yet known

    @property
    def values(self) -> dict[PathKey, tuple[int, int]]:
        """Where each value stands (its first character), by path."""
        if self._values is None:
            self._place()
        return self._values  # type: ignore[return-value]

    @property
    def keys(self) -> dict[PathKey, tuple[int, int]]:
        """Where each key of a mapping stands, by the path of its value."""
        if self._keys is None:
            self._place()
        return self._keys  # type: ignore[return-value]

    def _place(self) -> None:
        """Read the kept text again for the places of its values and keys."""
        with collector_paused():
            self._values, self._keys = _places(self._text or "")
        self._text = None

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The nearest known place for `path`: the key itself, else the closest parent."""
        values = self.values
        table = self.keys if key else values
        probe = tuple(path)
        while probe:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            if probe in values:
                line, col = values[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = values.get((), (1, 1))
        return Location(self.path, line, col)


def format_field(path: PathKey) -> str:
    """("targets", 2, "value") -> "targets[2].value"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@functools.lru_cache(maxsize=1024)
def _key(text: str) -> str:
    return normalize(text)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def load_yaml(path: Path) -> Source:
    """Read and parse `path`; raise RecordError when it cannot be read at all.

    Duplicate keys do not stop the reading: they are kept in `Source.problems` and reported
    together with the schema's findings.
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RecordError.at(Location(path), "không tìm thấy tệp") from None
    except OSError as err:
        raise RecordError.at(Location(path), f"không đọc được tệp: {err.strerror}") from None
    try:
        # Notepad's "Unicode" is UTF-16 with a byte order mark: read it as it is meant.
        text = raw.decode("utf-16") if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        message = (f"tệp không phải mã UTF-8 (byte 0x{raw[err.start]:02X}); hãy lưu lại tệp với"
                   " bảng mã UTF-8 (Unicode)")
        start = raw.rfind(b"\n", 0, err.start) + 1
        end = raw.find(b"\n", err.start)
        line_text = raw[start: end if end >= 0 else len(raw)].decode("cp1252", errors="replace").strip()
        found = legacy_reading(line_text.split("#")[0].partition(":")[2].strip() or line_text)
        if found and found[0] != MISREAD:
            message += f"; dòng này có vẻ gõ bằng bảng mã {found[0]}, có lẽ là: '{found[1]}'"
        raise RecordError.at(Location(path, line, col), message) from None
    return parse_yaml(path, text)


def parse_yaml(path: Path, text: str) -> Source:
    """Parse `text` read from `path` into a Source; RecordError when it is not YAML at all.

    Characters that are not text, aliases and explicit tags do not stop the reading: they are
    kept in `Source.problems` with their place and field, like duplicate keys.
    """
    raw_bad = [m.start() for m in BAD.finditer(text)]
    clean = BAD.sub("\ufffd", text) if raw_bad else text  # same length: marks stay right
    with collector_paused():
        fast = None
        if not raw_bad:  # a long list read in pieces on the build's workers when it reads the same
            from docgen.records import yamlsplit

            fast = yamlsplit.plain(path, text)
            fast = _plain(path, text) if fast is None else fast
        return fast if fast is not None else _parse(path, text, clean, raw_bad)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, and restore it as it was.

    The nodes and values of a long list are hundreds of thousands of objects without a cycle:
    the collector, run again and again as they are made, would cost more than the reading
    itself (half of it on 20,000 awardees)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _NotPlain(Exception):
    """The text needs the full reading (`_parse`): it has something to report, or is not YAML."""


_SCALAR, _MAP_START, _SEQ_START = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")
_KEY = object()  # in `_plain`: the mapping awaits a key


def _plain(path: Path, text: str) -> Source | None:
    """The Source of a text with nothing to report, its values read in one pass over the
    parser's events (no node tree, no places: those wait in the kept text until asked for);
    None when the text has anything `_parse` reports (a tag, an anchor or alias, a duplicate or
    complex key, an over-long number, a character that is not text, a legacy encoding) or is
    not YAML: `_parse` then reads it and says so, with the very same messages. For a clean text
    both give the same data, and the same places when they are asked for."""
    parser = _Loader(text)
    get = parser.get_event
    # A list repeats most of its values ("Chuyên viên", "individual"): each distinct scalar is
    # typed, normalised and checked once.
    plain: dict[str, Any] = {}
    quoted: dict[str, Any] = {}
    keys: dict[str, str] = {}
    stack: list[tuple[Any, Any]] = []  # the enclosing containers, each with its slot
    current: Any = None  # the container being filled; None before the first one
    slot: Any = None  # None in a list; _KEY, or the key awaiting its value, in a mapping
    data: Any = _KEY  # the document, once read
    try:
        get(), get()  # StreamStart, DocumentStart (or StreamEnd: an empty text)
        while True:
            event = get()
            kind = event.__class__
            if kind is _SCALAR:
                if event.anchor is not None or event.tag is not None:
                    return None
                raw = event.value
                if slot is _KEY:
                    key = keys.get(raw)
                    if key is None:
                        if event.style == '"' and BAD.search(raw):
                            return None
                        key = keys[raw] = _key(raw)
                    if key in current:
                        return None
                    slot = key
                    continue
                cache = plain if event.implicit[0] else quoted
                value = cache.get(raw, _KEY)
                if value is _KEY:
                    value = cache[raw] = _clean_value(raw, cache is plain)
                if value is _REFUSED:
                    return None
                if current is None:
                    data = value
                    break
                if slot is None:
                    current.append(value)
                else:
                    current[slot] = value
                    slot = _KEY
            elif kind is _MAP_START or kind is _SEQ_START:
                if event.anchor is not None or event.tag is not None or slot is _KEY and current is not None:
                    return None
                container: Any = {} if kind is _MAP_START else []
                if current is not None:
                    if slot is None:
                        current.append(container)
                        stack.append((current, None))
                    else:
                        current[slot] = container
                        stack.append((current, _KEY))
                current, slot = container, (_KEY if kind is _MAP_START else None)
            elif kind in _ENDS:
                if not stack:
                    data = current
                    break
                current, slot = stack.pop()
            else:
                return None  # an alias, or no document at all
        # Exactly one document: DocumentEnd, then StreamEnd.
        if not isinstance(get(), yaml.DocumentEndEvent) or not isinstance(get(), yaml.StreamEndEvent):
            return None
    except (yaml.YAMLError, IndexError, AttributeError):
        return None
    finally:
        parser.dispose()
    return Source(path, data, text=text)


def _places(text: str) -> tuple[dict[PathKey, tuple[int, int]], dict[PathKey, tuple[int, int]]]:
    """(values, keys) of a text `_plain` read: the place of each value and key, by path, from
    the parser's events (the text is clean: no tag, alias, duplicate or complex key). The same
    places `_parse` finds, in half its time."""
    values: dict[PathKey, tuple[int, int]] = {}
    keys: dict[PathKey, tuple[int, int]] = {}
    parser = _Loader(text)
    get = parser.get_event
    stack: list[list] = []  # [its path, slot, items so far]: slot is None in a list, _KEY or a key in a mapping
    try:
        get(), get()
        while True:
            event = get()
            kind = event.__class__
            if kind in _ENDS:
                stack.pop()
                if not stack:
                    break
                continue
            top = stack[-1] if stack else None
            if top is not None and top[1] is _KEY:
                key = _key(event.value)
                mark = event.start_mark
                keys[(*top[0], key)] = (mark.line + 1, mark.column + 1)
                top[1] = key
                continue
            if top is None:
                where: PathKey = ()
            elif top[1] is None:
                where = (*top[0], top[2])
                top[2] += 1
            else:
                where = (*top[0], top[1])
                top[1] = _KEY
            mark = event.start_mark
            values[where] = (mark.line + 1, mark.column + 1)
            if kind is _MAP_START or kind is _SEQ_START:
                stack.append([where, _KEY if kind is _MAP_START else None, 0])
            elif top is None:
                break
    finally:
        parser.dispose()
    return values, keys


_REFUSED = object()  # a scalar `_parse` has something to say about


def _clean_value(raw: str, plain: bool) -> Any:
    """The value of a scalar typed as `raw` (plain or in quotes or a block), or _REFUSED when
    `_parse` reports it: an over-long number, an escaped character that is not text, a legacy
    encoding."""
    if plain:
        tag = _implicit_tag(raw)
        if tag in _NUMBER_TAGS and sum(c.isdigit() for c in raw) > MAX_DIGITS:
            return _REFUSED
    else:
        if BAD.search(raw):  # only an escape in double quotes can give one here
            return _REFUSED
        tag = "tag:yaml.org,2002:str"
    value = _value(tag, raw)
    if tag == "tag:yaml.org,2002:str" and legacy_problem(value):
        return _REFUSED
    return value


def _parse(path: Path, text: str, clean: str, raw_bad: list[int]) -> Source:
    try:
        node = yaml.compose(clean, Loader=_Loader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = yamlerrors.message(err, clean)
        field = _field_at_line(clean, mark.line) if mark and message.startswith(yamlerrors.TAB) else None
        raise RecordError.at(loc, message, field) from None
    source = Source(path, None, {}, {})
    walk = _Walk(source, text, raw_bad)
    if node is not None:
        source.data = walk.convert(node, ())
    walk.finish()
    return source


class _Walk:
    """YAML nodes -> plain data, every value's place kept, every fault found on the way."""

    def __init__(self, source: Source, text: str, raw_bad: list[int]) -> None:
        self.source = source
        self.text = text  # as read, with its characters that are not text
        self.raw_bad = raw_bad
        self.raw_done: set[int] = set()
        self.seen: set[int] = set()
        self.aliases: list[tuple[PathKey, yaml.Node]] = []

    def problem(self, node: yaml.Node | tuple[int, int], message: str, path: PathKey | None) -> None:
        line, col = node if isinstance(node, tuple) else _mark(node)
        self.source.problems.append(
            Problem(Location(self.source.path, line, col), message, format_field(path) if path else None))

    def convert(self, node: yaml.Node, path: PathKey) -> Any:
        if id(node) in self.seen:  # the same node twice: an alias (also a recursive one)
            self.aliases.append((path, node))
            return None
        self.seen.add(id(node))
        source = self.source
        source.values[path] = _mark(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                self._tag(node, path)
            return [self.convert(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: PathKey) -> dict[str, Any]:
        if node.tag != "tag:yaml.org,2002:map":
            self._tag(node, path)
        source = self.source
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or id(key_node) in self.seen:
                self.problem(key_node, "khóa phải là một tên đơn giản", path or None)
                continue
            self.seen.add(id(key_node))
            self._characters(key_node, path)
            key = _key(key_node.value)
            child = (*path, key)
            if key in out:
                first = source.keys[child][0]
                self.problem(key_node, f"khóa '{key}' bị lặp (đã có ở dòng {first})", child)
                continue
            source.keys[child] = _mark(key_node)
            out[key] = self.convert(value_node, child)
        return out

    def _scalar(self, node: yaml.ScalarNode, path: PathKey) -> Any:
        expected = _implicit_tag(node.value) if not node.style else "tag:yaml.org,2002:str"
        if node.tag != expected and not (node.tag == "tag:yaml.org,2002:str" and not node.style):
            self._tag(node, path)
            return node.value
        if node.tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float") and \
                sum(c.isdigit() for c in node.value) > MAX_DIGITS:
            self.problem(node, f"số có {sum(c.isdigit() for c in node.value)} chữ số, quá dài cho một"
                               " số liệu; hãy kiểm tra lại số đã gõ", path or None)
            return None
        bad = self._characters(node, path)
        value = _scalar(node)
        if isinstance(value, str) and not bad:
            found = legacy_problem(value)
            if found:
                self.problem(node, found, path or None)
        return value

    def _characters(self, node: yaml.ScalarNode, path: PathKey) -> bool:
        """Report characters that are not text, raw in the file or written as escapes."""
        found = False
        if not self.raw_bad and node.style != '"':
            return False  # raw ones were all replaced in the parsed text; escapes need double quotes
        start, end = node.start_mark.index, node.end_mark.index
        i = bisect.bisect_left(self.raw_bad, start)
        while i < len(self.raw_bad) and self.raw_bad[i] < end:
            pos = self.raw_bad[i]
            self.raw_done.add(pos)
            self.problem(self._place(pos), refusal(self.text[pos]), path or None)
            found = True
            i += 1
        if not found and node.style == '"':
            m = BAD.search(node.value)
            if m:
                self.problem(node, refusal(m.group()), path or None)
                found = True
        return found

    def _place(self, pos: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, pos) + 1
        return line, pos - (self.text.rfind("\n", 0, pos) + 1) + 1

    def _tag(self, node: yaml.Node, path: PathKey) -> None:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        self.problem(node, f"thẻ kiểu YAML '{tag}' không được dùng trong hồ sơ; hãy xóa thẻ và viết thẳng"
                           " giá trị (văn bản đặt trong ngoặc kép)", path or None)

    def finish(self) -> None:
        """Report the raw characters outside any value (in comments), and the aliases."""
        for pos in self.raw_bad:
            if pos not in self.raw_done:
                self.problem(self._place(pos), refusal(self.text[pos]), None)
        if self.aliases:
            marks = _alias_marks(self.text)
            path, node = self.aliases[0]
            where = marks[0] if marks else _mark(node)
            more = f" (cùng {len(self.aliases) - 1} chỗ khác)" if len(self.aliases) > 1 else ""
            self.problem(where, "không dùng neo và bí danh YAML (&tên, *tên) trong hồ sơ: hãy viết thẳng"
                                f" giá trị ở mỗi chỗ cần{more}", path or None)


def _field_at_line(text: str, line: int) -> str | None:
    """The field a line indented with a Tab holds, read with the Tabs taken as spaces."""
    for width in (2, 4, 1):
        try:
            node = yaml.compose(text.replace("\t", " " * width), Loader=_Loader)
        except yaml.YAMLError:
            continue
        found = _key_on_line(node, (), line, set())
        if found:
            return format_field(found)
    return None


def _key_on_line(node: Any, path: PathKey, line: int, seen: set[int]) -> PathKey | None:
    if id(node) in seen:
        return None
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = (*path, str(key.value)) if isinstance(key, yaml.ScalarNode) else path
            if key.start_mark.line == line:
                return child
            found = _key_on_line(value, child, line, seen)
            if found:
                return found
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            found = _key_on_line(item, (*path, i), line, seen)
            if found:
                return found
    return None


_TAGS: dict[str, str] = {}  # plain scalar -> its implicit tag; a record repeats most of its values


def _implicit_tag(value: str) -> str:
    """The tag a plain scalar gets with no explicit tag."""
    found = _TAGS.get(value)
    if found is not None:
        return found
    found = "tag:yaml.org,2002:str"
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(value[:1], ()):
        if regexp.match(value):
            found = tag
            break
    if len(_TAGS) > 100_000:
        _TAGS.clear()
    _TAGS[value] = found
    return found


def _alias_marks(text: str) -> list[tuple[int, int]]:
    """Where each alias (*name) stands, in document order."""
    marks = []
    for event in yaml.parse(BAD.sub("\ufffd", text), Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            marks.append(_mark(event))
    return marks


def _scalar(node: yaml.ScalarNode) -> Any:
    return _value(node.tag, node.value)


def _value(tag: str, value: str) -> Any:
    """The Python value of a scalar of resolved `tag`, typed as `value`."""
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        if value.startswith("0o"):
            return int(value[2:], 8)
        if value.startswith("0x"):
            return int(value[2:], 16)
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        lowered = value.lower()
        if lowered.endswith(".inf"):
            return float(lowered.replace(".inf", "inf"))
        if lowered == ".nan":
            return float("nan")
        if _DOTTED.match(value):
            return DottedFloat(value)
        return float(value)
    return normalize(value)
