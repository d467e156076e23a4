"""The data of a plain YAML record file read line by line, without libyaml (issue 16).

A long award list is lines like `  - {name: 'Trần Thị Hoa', kind: individual, form: giay_khen}`.
libyaml's events for 20,000 of them cost more than a second in Python objects alone; this
reader takes the data straight from the lines. It reads a strict part of YAML only: block
mappings and sequences indented with spaces, single-line plain and quoted scalars (double-quoted
ones without a backslash), and one-line flow mappings and sequences of such scalars. Anything
else — a tag, an anchor or alias, a block scalar (| or >), a multi-line scalar, a comment
inside a value, a `#` or `: ` inside a plain scalar, a document marker, a Tab, a CR, a
duplicate key, an over-long number, legacy-encoded text — gives None, and the one-pass reading
(`yamlsource._plain`, then `_parse`) reads the file and says what is wrong, as before.

Values are typed exactly as `yamlsource._plain` types them (same resolvers, same `_value`);
tests/test_yaml_lines.py compares both on the shipped records and on generated texts. Places
(line, column) are not kept here: `Source` finds them with the full reading when asked, which
only happens when something is reported.
"""

import re
from typing import Any

from docgen.records.legacy import legacy_problem
from docgen.records.yamlsource import MAX_DIGITS, _implicit_tag, _key, _value

_STR = "tag:yaml.org,2002:str"
_LONGEST_KEY = 1000  # libyaml refuses a simple key past 1024 characters
# Characters that cannot start a plain scalar (YAML 1.2 §7.3.3 c-indicator, and space).
_NOT_FIRST = " -?:,[]{}#&*!|>'\"%@`"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")

# One flow-mapping entry: key, ": ", value, then "," or the closing "}". A plain scalar in a flow
# holds none of , : [ ] { } # (stricter than YAML: the rest go to libyaml); it is matched with its
# trailing spaces, which are then cut (a lazy match is four times slower). Every repetition is
# possessive: a line that does not match fails at once, without trying each split of its spaces
# (which takes exponential time on a long flow line).
_FLOW_PLAIN = r"(?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ,\[\]{}]))[^,:\[\]{}#]*+"
_SCALAR = rf"(?:({_FLOW_PLAIN})|'([^']*+(?:''[^']*+)*+)'|\"([^\"\\]*+)\")"
_ENTRY = re.compile(rf" *+{_SCALAR} *+: ++{_SCALAR} *+(,|}})")
_ITEM = re.compile(rf" *+{_SCALAR} *+(,|\])")
_END = re.compile(r"(?: ++#.*+)?+ *+")  # what may follow a value on its line: spaces, a comment
# A block mapping key (plain, no : or #) and what follows its ": ".
_BLOCK_KEY = re.compile(r"((?:[^ \-?:,\[\]{}#&*!|>'\"%@`]|-(?=[^ ]))[^:#]*+):(?: ++|$)")


class _Refused(Exception):
    """The text is outside what this reader takes."""


def read_lines(text: str) -> tuple[Any] | None:
    """(the data of `text`,) when it is a block mapping or sequence this reader takes; else None."""
    if "\t" in text or "\r" in text or "\ufeff" in text or "\u2028" in text or "\u2029" in text:
        return None
    lines = []
    for number, line in enumerate(text.split("\n")):
        content = line.lstrip(" ").rstrip(" ")
        if not content or content[0] == "#":
            continue  # a blank line or a comment
        if line.startswith(("---", "...", "%")):
            return None  # a document marker or a directive
        lines.append((len(line) - len(line.lstrip(" ")), content, number))
    if not lines:
        return None
    reader = _Reader(lines)
    try:
        data, end = reader.block(0, lines[0][0])
    except (_Refused, IndexError, ValueError, RecursionError):  # ValueError: a quote not closed on its line
        return None
    if end != len(lines) or not isinstance(data, dict | list):
        return None
    return (data,)


def _scalar(plain: str | None, single: str | None, double: str | None) -> Any:
    """The value of a scalar matched by _SCALAR (one of the three groups is set)."""
    if plain is not None:
        raw = plain.rstrip(" ")
        tag = _implicit_tag(raw)
        if tag in _NUMBER_TAGS and sum(c.isdigit() for c in raw) > MAX_DIGITS:
            raise _Refused
    else:
        raw = single.replace("''", "'") if single is not None else double
        tag = _STR
    value = _value(tag, raw)
    if tag == _STR and value and legacy_problem(value):
        raise _Refused
    return value


class _Reader:
    def __init__(self, lines: list[tuple[int, str, int]]) -> None:
        self.lines = lines  # (indent, content without the indent and trailing spaces, line number)
        self.strings: dict[str, Any] = {}  # plain scalar -> its value: a list repeats most of its values

    def block(self, i: int, indent: int) -> tuple[Any, int]:
        """The block node whose first line is lines[i], at `indent`; and the index after it."""
        content = self.lines[i][1]
        if content == "-" or content.startswith("- "):
            return self.sequence(i, indent)
        return self.mapping(i, indent, content)

    def sequence(self, i: int, indent: int) -> tuple[list, int]:
        lines = self.lines
        out: list = []
        while i < len(lines) and lines[i][0] == indent:
            content = lines[i][1]
            if content == "-":
                value, i = self.nested(i + 1, indent, False)
                out.append(value)
                continue
            if not content.startswith("- "):
                break
            rest = content[2:]
            spaces = len(rest) - len(rest.lstrip(" "))
            rest = rest[spaces:]
            if _BLOCK_KEY.match(rest) and not rest.startswith(("'", '"', "{", "[")):
                # A mapping begun on the dash's line: its keys stand where this one does.
                value, i = self.mapping(i, indent + 2 + spaces, rest)
            else:
                value = self.inline(rest)
                i += 1
            out.append(value)
        if i < len(lines) and lines[i][0] > indent:
            raise _Refused
        return out, i

    def mapping(self, i: int, indent: int, first: str) -> tuple[dict, int]:
        """A block mapping at `indent`; its first entry is `first` (lines[i]'s content, or what
        follows a sequence's dash on that line)."""
        lines = self.lines
        out: dict[str, Any] = {}
        content = first
        while True:
            found = _BLOCK_KEY.match(content)
            if found is None:
                raise _Refused
            raw = found.group(1).rstrip(" ")
            key = _key(raw)
            if key in out or len(raw) > _LONGEST_KEY:
                raise _Refused  # a duplicate key: the full reading names both lines
            rest = content[found.end():]
            if rest and rest[0] != "#":
                out[key] = self.inline(rest)
                i += 1
            else:
                out[key], i = self.nested(i + 1, indent, True)
            if i >= len(lines) or lines[i][0] != indent:
                break
            content = lines[i][1]
            if content == "-" or content.startswith("- "):
                raise _Refused
        if i < len(lines) and lines[i][0] > indent:
            raise _Refused
        return out, i

    def nested(self, i: int, indent: int, in_mapping: bool) -> tuple[Any, int]:
        """The value of a key (or dash) with nothing after it: the block below, or null."""
        lines = self.lines
        if i < len(lines):
            below, content = lines[i][0], lines[i][1]
            if below > indent:
                return self.block(i, below)
            if in_mapping and below == indent and (content == "-" or content.startswith("- ")):
                return self.sequence(i, indent)  # a sequence under its key, not indented
        return None, i

    def inline(self, rest: str) -> Any:
        """The value written on the rest of a line: a scalar or a one-line flow collection."""
        first = rest[0]
        if first == "{":
            return self.flow(rest, _ENTRY, "}", {})
        if first == "[":
            return self.flow(rest, _ITEM, "]", [])
        if first == "'":
            end = 1
            while True:
                end = rest.index("'", end)
                if rest.startswith("''", end):
                    end += 2
                    continue
                break
            if not _END.fullmatch(rest, end + 1):
                raise _Refused
            return _scalar(None, rest[1:end], None)
        if first == '"':
            end = rest.index('"', 1)
            if "\\" in rest[:end] or not _END.fullmatch(rest, end + 1):
                raise _Refused
            return _scalar(None, None, rest[1:end])
        if first in _NOT_FIRST and not (first == "-" and len(rest) > 1 and rest[1] != " "):
            raise _Refused
        if "#" in rest or ": " in rest or rest[-1] == ":":
            raise _Refused
        found = self.strings.get(rest, self)
        if found is self:
            found = self.strings[rest] = _scalar(rest, None, None)
        return found

    def flow(self, rest: str, pattern: re.Pattern, close: str, out: Any) -> Any:
        """A flow mapping or sequence of scalars closed on its line."""
        pos = 1
        if rest[1:].lstrip(" ").startswith(close):
            pos = rest.index(close) + 1
        elif close == "}" and (whole := _whole_mapping(rest.count(": "))) is not None and \
                (found := whole.match(rest)) is not None:
            # The whole line in one match (as many entries as ": "; a quoted ": " makes it fail).
            groups = found.groups()
            for i in range(0, len(groups), 6):
                self.entry(out, *groups[i:i + 6])
            pos = found.end()
        else:
            while True:
                found = pattern.match(rest, pos)
                if found is None:
                    raise _Refused
                *groups, end = found.groups()
                if close == "}":
                    self.entry(out, *groups)
                else:
                    out.append(_scalar(*groups))
                pos = found.end()
                if end == close:
                    break
        if not _END.fullmatch(rest, pos):
            raise _Refused
        return out

    def entry(self, out: dict, plain_key: str | None, single_key: str | None, double_key: str | None,
              plain: str | None, single: str | None, double: str | None) -> None:
        """Put one flow-mapping entry, its key and value as _SCALAR's groups matched them, in `out`."""
        key = plain_key.rstrip(" ") if plain_key is not None else (
            single_key.replace("''", "'") if single_key is not None else double_key)
        if len(key) > _LONGEST_KEY:  # type: ignore[arg-type]
            raise _Refused
        key = _key(key)
        if key in out:
            raise _Refused
        if plain is None:
            plain = f"'{single}'" if single is not None else f'"{double}"'
        else:
            plain = plain.rstrip(" ")
        strings = self.strings
        value = strings.get(plain, strings)
        if value is strings:
            if plain[0] == "'":
                value = _scalar(None, plain[1:-1], None)
            elif plain[0] == '"':
                value = _scalar(None, None, plain[1:-1])
            else:
                value = _scalar(plain, None, None)
            strings[plain] = value
        out[key] = value


_WHOLE: dict[int, re.Pattern] = {}


def _whole_mapping(entries: int) -> re.Pattern | None:
    """A flow mapping of exactly `entries` entries, each entry's six _SCALAR groups in turn."""
    if not 0 < entries <= 16:
        return None
    found = _WHOLE.get(entries)
    if found is None:
        entry = rf" *+{_SCALAR} *+: ++{_SCALAR} *+"
        found = _WHOLE[entries] = re.compile(r"\{" + ",".join([entry] * entries) + r"\}")
    return found
