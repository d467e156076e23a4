"""Inline formatting in record text: *italic*, **bold**, and \\* for a literal star."""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\\\*|\*\*|\*")


@dataclass(frozen=True)
class Segment:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Rich:
    """A paragraph's text as runs; str() gives the plain text."""

    segments: tuple[Segment, ...]

    def __str__(self) -> str:
        return "".join(s.text for s in self.segments)

    def prefixed(self, label: str) -> "Rich":
        """The same text after a label such as "I." or "a)"."""
        if not label:
            return self
        return Rich((Segment(label + " "), *self.segments))

    @classmethod
    def plain(cls, text: str) -> "Rich":
        return cls((Segment(text),))


class MarkupError(ValueError):
    """An unclosed * or ** in a text."""


def parse_markup(text: str) -> list[Segment]:
    """Split text at * and ** into segments; raise MarkupError when one is left open."""
    segments: list[Segment] = []
    bold = italic = False
    buf: list[str] = []
    pos = 0

    def flush() -> None:
        if buf:
            segments.append(Segment("".join(buf), bold, italic))
            buf.clear()

    for m in _TOKEN.finditer(text):
        buf.append(text[pos : m.start()])
        pos = m.end()
        token = m.group()
        if token == "\\*":
            buf.append("*")
            continue
        flush()
        if token == "**":
            bold = not bold
        else:
            italic = not italic
    buf.append(text[pos:])
    flush()
    if bold or italic:
        mark = "**" if bold else "*"
        raise MarkupError(
            f"dấu {mark} mở chữ {'đậm' if bold else 'nghiêng'} mà không đóng"
            " (viết \\* nếu muốn in dấu sao)"
        )
    return [s for s in segments if s.text]


@dataclass(frozen=True)
class Lines:
    """Text set on several lines of one paragraph (a long agency name in the header)."""

    lines: tuple[str, ...]

    def __str__(self) -> str:
        return " ".join(self.lines)
