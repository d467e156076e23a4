"""`{{ targets.viec_lam }}` in record text: names defined once, written wherever needed.

Only dotted names are allowed: record text is data, never template code.
"""

import re
from collections.abc import Mapping

from docgen.model.rich import MarkupError, Rich, Segment, parse_markup
from docgen.texts import did_you_mean, say

_REF = re.compile(r"\{\{(.*?)\}\}")
_NAME = re.compile(r"^\s*([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*)\s*$")

Namespace = Mapping[str, "Namespace | str"]


class ReferenceError_(ValueError):
    """A reference that names nothing, or is not a plain dotted name."""


def _lookup(namespace: Namespace, dotted: str) -> str:
    node: Namespace | str = namespace
    walked: list[str] = []
    for part in dotted.split("."):
        if not isinstance(node, Mapping) or part not in node:
            options = sorted(k for k in node if k) if isinstance(node, Mapping) else []
            where = ".".join(walked)
            what = "chỉ tiêu" if walked == ["targets"] else "tên"
            text = f"không có {what} '{part}'" + (f" trong '{where}'" if where else "")
            hint = did_you_mean(part, options)
            if hint:
                text += hint
            elif options:
                text += f" (có: {', '.join(options[:12])}{', …' if len(options) > 12 else ''})"
            raise ReferenceError_(text)
        node = node[part]
        walked.append(part)
    if isinstance(node, Mapping):
        if "" in node:
            return node[""]  # type: ignore[return-value]
        raise ReferenceError_(f"'{dotted}' là một nhóm, cần ghi rõ trường (ví dụ {dotted}.name)")
    return node


def _check_doubled(before: str, reference: str, value: str) -> None:
    """Refuse "dưới {{ targets.x }}" when the value already begins with the word ("dưới 5%"): the page
    would say "dưới dưới 5%". A new user wrote it; no Vietnamese sentence doubles a word that way
    across a reference (a reduplication like "dần dần" is typed whole, not half from a value)."""
    words = before.rstrip()
    last = words.split()[-1:] if words[-1:].isalnum() else []
    first = value.split()[:1]
    if last and first and last[0].casefold() == first[0].casefold():
        raise ReferenceError_(say("'{word} {reference}' would print '{word} {value}': drop '{word}'",
                                  word=last[0], reference=reference, value=value))


def resolve(text: str, namespace: Namespace) -> Rich:
    """Parse *italic*/**bold** and fill every {{ name }}; raise ValueError with a Vietnamese message."""
    try:
        segments = parse_markup(text)
    except MarkupError as err:
        raise ReferenceError_(str(err)) from None
    out: list[Segment] = []
    for seg in segments:
        def fill(m: re.Match[str], seg: Segment = seg) -> str:
            name = _NAME.match(m.group(1))
            if not name:
                raise ReferenceError_(
                    f"'{m.group(0)}' không phải tham chiếu hợp lệ: chỉ được ghi tên,"
                    " ví dụ {{ targets.viec_lam }}"
                )
            value = _lookup(namespace, name.group(1))
            _check_doubled(seg.text[:m.start()], m.group(0), value)
            return value

        out.append(Segment(_REF.sub(fill, seg.text), seg.bold, seg.italic))
    return Rich(tuple(out))
