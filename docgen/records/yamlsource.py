"""Strict YAML: YAML 1.2 scalars, no duplicate keys, and the line of every value kept.

PyYAML follows YAML 1.1, where `no` is False and `10:30` is 630; a clerk's record means
neither. Dates stay strings here and are parsed by the schema, so "2021-09" and
"2021-09-15" follow one rule.
"""

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from docgen.errors import Location, Problem, RecordError
from docgen.vn import looks_like_tcvn3, normalize, tcvn3_to_unicode

PathKey = tuple[str | int, ...]


# libyaml's parser when PyYAML was built with it (the PyPI wheels are): a long award list
# parses ten times faster than with the pure-Python one.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 core-schema resolvers."""

    def resolve(self, kind, value, implicit):
        """PyYAML's resolve, without its path resolvers (unused here), which cost more than
        the C parser itself on a list of thousands of awardees."""
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return "tag:yaml.org,2002:str"
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


@dataclass
class Source:
    """One YAML file: its data and where each value, and each key, stands."""

    path: Path
    data: Any
    values: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    keys: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal

    def locate(self, path: PathKey, *, key: bool = False) -> Location:
        """The nearest known place for `path`: the key itself, else the closest parent."""
        table = self.keys if key else self.values
        probe = tuple(path)
        while probe:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col)
            if probe in self.values:
                line, col = self.values[probe]
                return Location(self.path, line, col)
            probe = probe[:-1]
        line, col = self.values.get((), (1, 1))
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
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise RecordError.at(
            Location(path, line, col),
            f"tệp không phải mã UTF-8 (byte 0x{raw[err.start]:02X}); hãy lưu lại tệp với"
            " bảng mã UTF-8 (Unicode)",
        ) from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        loc = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        message = f"cú pháp YAML sai: {err.problem or err.context}"
        if err.context_mark and mark and err.context_mark.line != mark.line:
            message += f" ({err.context} ở dòng {err.context_mark.line + 1})"
        raise RecordError.at(loc, message) from None
    source = Source(path=path, data=None)
    if node is not None:
        source.data = _convert(node, (), source, source.problems)
    return source


def _convert(node: yaml.Node, path: PathKey, source: Source, problems: list[Problem]) -> Any:
    source.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(
                    Problem(Location(source.path, *_mark(key_node)),
                            "khóa phải là một tên đơn giản", format_field(path) or None)
                )
                continue
            key = _key(key_node.value)
            child = (*path, key)
            if key in out:
                first = source.keys[child][0]
                line, col = _mark(key_node)
                problems.append(
                    Problem(
                        Location(source.path, line, col),
                        f"khóa '{key}' bị lặp (đã có ở dòng {first})",
                        format_field(child),
                    )
                )
                continue
            source.keys[child] = _mark(key_node)
            out[key] = _convert(value_node, child, source, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [
            _convert(item, (*path, i), source, problems) for i, item in enumerate(node.value)
        ]
    value = _scalar(node)
    if isinstance(value, str) and looks_like_tcvn3(value):
        problems.append(
            Problem(
                Location(source.path, *_mark(node)),
                f"chữ có vẻ được gõ bằng bảng mã TCVN3 (.VnTime): '{value}'; hãy chuyển sang"
                f" Unicode, có lẽ là: '{tcvn3_to_unicode(value)}'",
                format_field(path) or None,
            )
        )
    return value


def _scalar(node: yaml.ScalarNode) -> Any:
    tag, value = node.tag, node.value
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
        return float(value)
    return normalize(value)
