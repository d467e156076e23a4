"""A run of a long list's items read line by line, when each item is written in the plain
shapes an award list has (issue 16).

awards.yaml's list of 20,000 awardees is most of the build's reading (docgen.records.yamlsplit
reads it in pieces on the workers). Read through libyaml's events (yamlsource._plain), each
item costs some twenty Python calls; most lists are written in one of two shapes a regular
expression reads whole:

    - {name: 'Hồ Kim Vân', kind: individual, form: giay_khen, group: g00000}

    - name: Hồ Kim Vân
      kind: individual

`items(text)` reads a run of items of those shapes only: a key is a plain word; a value is a
single-quoted scalar on one line, or a plain scalar on one line that holds none of the
characters that could make it anything else (`#`, `:`, quotes, tabs, line separators; in a flow
mapping also `,[]{}`; not starting with an indicator), each line at the indentation of its
item. Blank and comment lines between them are skipped. Every value is typed and checked by
the very function `_plain` uses (yamlsource._clean_value), each distinct one once. Any other
line, a repeated key, a value `_plain` declines: None, and the run is read by `_plain` as
before, which then says what it says. tests/test_yaml_lines.py compares both readings.
"""

import re
from typing import Any

FAST = True  # fast path (tests/test_build_fastpaths.py turns it off)

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# A plain scalar's first character: not a space, an indicator, a quote or a line separator.
_FIRST = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`\u2028\u2029\ufeff]"
# Its other characters: never one that could end it, start a comment or break the line (its
# trailing spaces are not its own: the reader strips them, as YAML does).
_FLOW_REST = r"[^\n\r\t,\[\]{}#:'\"\u2028\u2029\ufeff]"
_BLOCK_REST = r"[^\n\r\t#:'\"\u2028\u2029\ufeff]"
_IN_QUOTES = r"[^'\n\r\u2028\u2029\ufeff]"
_QUOTED = rf"'({_IN_QUOTES}*(?:''{_IN_QUOTES}*)*)'"  # a quote doubled is one quote

_FLOW_ITEM = re.compile(r"( *)- +\{(.*)\} *\Z")
# The pairs of a flow mapping's text: each pair's extent is certain (a plain value holds no
# comma, a quoted one ends at the first quote not doubled), so `_FLOW_PAIRS` (the whole text
# made of pairs and commas) and `_FLOW_PAIR` (each pair, found left to right) cut it alike.
_FLOW_PAIR_TEXT = rf" *({_KEY}): +(?:{_QUOTED} *|({_FIRST}{_FLOW_REST}*))"
_FLOW_PAIR = re.compile(rf"{_FLOW_PAIR_TEXT},?")
_FLOW_PAIRS = re.compile(rf"(?:{_FLOW_PAIR_TEXT},)*{_FLOW_PAIR_TEXT}| *")
_BLOCK_VALUE = rf"(?:{_QUOTED} *|({_FIRST}{_BLOCK_REST}*))\Z"
_BLOCK_ITEM = re.compile(rf"( *)- +({_KEY}): +{_BLOCK_VALUE}")
_BLOCK_PAIR = re.compile(rf"( +)({_KEY}): +{_BLOCK_VALUE}")
_SKIPPED = re.compile(r" *(?:#.*)?\Z")


def items(text: str) -> list[dict[str, Any]] | None:
    """The items of the block list `text` (lines of one list's items, nothing else), as
    yamlsource._plain reads them; None when a line is not of the shapes read here (see the
    module) or a value is one `_plain` declines."""
    from docgen.records.yamlsource import _REFUSED, _clean_value, _key

    plain: dict[str, Any] = {}
    quoted: dict[str, Any] = {}
    keys: dict[str, str] = {}

    def put(mapping: dict, raw_key: str, in_quotes: str | None, bare: str | None) -> bool:
        """mapping[key] = the value of one pair (of a flow or a block mapping); False when `_plain` would decline."""
        key = keys.get(raw_key)
        if key is None:
            key = keys[raw_key] = _key(raw_key)
        if key in mapping:
            return False
        if bare is not None:
            bare = bare.rstrip(" ")
            value = plain.get(bare, _REFUSED)
            if value is _REFUSED:
                value = plain[bare] = _clean_value(bare, True)
        else:
            value = quoted.get(in_quotes, _REFUSED)
            if value is _REFUSED:
                value = quoted[in_quotes] = _clean_value(in_quotes.replace("''", "'"), False)
        if value is _REFUSED:
            return False
        mapping[key] = value
        return True

    out: list[dict[str, Any]] = []
    indent = -1  # the items' indentation, from the first
    column = -1  # the keys' column in the item being read, when it is a block mapping
    for line in text.split("\n"):
        found = _FLOW_ITEM.match(line)
        if found is not None:
            if indent < 0:
                indent = len(found.group(1))
            elif len(found.group(1)) != indent:
                return None
            body = found.group(2)
            mapping: dict[str, Any] = {}
            if _FLOW_PAIRS.fullmatch(body) is None:
                return None
            for raw_key, in_quotes, bare in _FLOW_PAIR.findall(body):
                if not put(mapping, raw_key, in_quotes, bare or None):  # a plain value is never empty
                    return None
            out.append(mapping)
            column = -1
            continue
        found = _BLOCK_ITEM.match(line)
        if found is not None:
            if indent < 0:
                indent = len(found.group(1))
            elif len(found.group(1)) != indent:
                return None
            mapping = {}
            if not put(mapping, found.group(2), found.group(3), found.group(4)):
                return None
            out.append(mapping)
            column = found.start(2)
            continue
        found = _BLOCK_PAIR.match(line)
        if found is not None:
            if column < 0 or len(found.group(1)) != column:
                return None
            if not put(out[-1], found.group(2), found.group(3), found.group(4)):
                return None
            continue
        if _SKIPPED.match(line) is None:
            return None
    return out
