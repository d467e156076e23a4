"""Where Decree 30 puts things on a document's PDF pages, read from the text of the pages.

Nghị định 30/2020, Phụ lục I:
- §II.3 the number: "Số:" then the blank a draft leaves, then "/QĐ-…" (ô 3);
- §II.4 the date line: "…, ngày   tháng 12 năm 2021", the day blank in a draft (ô 4);
- §II.7d the signer's signature image: centred between the signer's title (quyền hạn, chức vụ)
  and name, in the signature block whose first line stands level with "Nơi nhận:" (§II.9b);
- §II.8a the seal image: over about a third of the signer's image, on the left;
- §II.8b an attachment in a file of its own: the agency's signature at the top right of page 1.

Positions come from poppler's `pdftotext -bbox` (each word and its box). Boxes are in PDF user
space: points, origin at the bottom left of the page; pages are counted from 0.
"""

import re
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from docgen.errors import Location, OutputError

_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@dataclass(frozen=True)
class Box:
    """A rectangle on page `page` (from 0): x0 < x1, y0 < y1, in points from the bottom left."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def inside(self, other: "Box", slack: float = 1.0) -> bool:
        """Whether this box lies within `other` (same page), give or take `slack` points."""
        return (self.page == other.page and self.x0 >= other.x0 - slack and self.x1 <= other.x1 + slack
                and self.y0 >= other.y0 - slack and self.y1 <= other.y1 + slack)


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    top: float  # from the top of the page, as pdftotext gives it
    x1: float
    bottom: float
    text: str


@dataclass(frozen=True)
class Layout:
    """What a document's pages show where: the number's blank, the day's blank and the printed
    month and year of the date line, the signature cell, and the size of each page."""

    pages: tuple[tuple[float, float], ...]  # (width, height) of each page
    number: Box | None  # the blank between "Số:" and "/…"; None when a number is printed
    number_printed: str | None  # the number printed there, if any
    day: Box | None  # the blank between "ngày" and "tháng"; None when a day is printed
    month: int | None  # the month and year printed on the date line
    year: int | None
    cell: Box | None  # between the signer's title and name; None when no signature block is found


def words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Every word of `pdf` with its box (pdftotext -bbox); raises OutputError when unreadable."""
    from docgen.output.pdf import INSTALL_POPPLER, require

    tool = require("pdftotext", INSTALL_POPPLER, "poppler-utils (cần để đọc vị trí chữ trong PDF)")
    try:
        done = subprocess.run([tool, "-bbox", str(pdf), "-"], capture_output=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise OutputError.at(Location(pdf), f"không đọc được chữ trong PDF: {err}") from None
    if done.returncode != 0:
        raise OutputError.at(Location(pdf), "không đọc được PDF (tệp hỏng hoặc không phải PDF)")
    text = done.stdout.decode("utf-8", "replace")
    pages: list[tuple[float, float]] = []
    found: list[Word] = []
    for chunk in text.split("<page ")[1:]:
        m = _PAGE.match("<page " + chunk)
        if m is None:
            continue
        pages.append((float(m.group(1)), float(m.group(2))))
        for x0, top, x1, bottom, word in _WORD.findall(chunk):
            found.append(Word(len(pages) - 1, float(x0), float(top), float(x1), float(bottom), unescape(word)))
    return pages, found


def _lines(ws: list[Word]) -> list[list[Word]]:
    """Words grouped into lines (same page, vertical centres within 40 % of a line's height; a
    filled form field's text sits in its line even in another font), top to bottom, left to right."""
    lines: list[list[Word]] = []
    for w in sorted(ws, key=lambda w: (w.page, (w.top + w.bottom) / 2, w.x0)):
        first = lines[-1][0] if lines else None
        if first is not None and first.page == w.page and \
                abs((first.top + first.bottom) / 2 - (w.top + w.bottom) / 2) < 0.4 * (first.bottom - first.top):
            lines[-1].append(w)
        else:
            lines.append([w])
    return [sorted(line, key=lambda w: w.x0) for line in lines]


def _box(pages, page: int, x0: float, top: float, x1: float, bottom: float) -> Box:
    height = pages[page][1]
    return Box(page, x0, height - bottom, x1, height - top)


def read_layout(pdf: Path) -> Layout:
    """The layout of `pdf` (see Layout); raises OutputError when poppler cannot read it."""
    pages, ws = words(pdf)
    lines = _lines(ws)
    number = number_printed = day = None
    month = year = None
    for line in (ln for ln in lines if ln[0].page == 0):
        texts = [w.text for w in line]
        if number is None and number_printed is None and "Số:" in texts:
            i = texts.index("Số:")
            if i + 1 < len(line):
                nxt = line[i + 1]
                if nxt.text.startswith("/"):
                    number = _box(pages, 0, line[i].x1 + 0.5, line[i].top, nxt.x0 - 0.2, line[i].bottom)
                else:
                    number_printed = nxt.text.split("/")[0]
        if month is None and "ngày" in texts:
            i = texts.index("ngày")
            rest = texts[i + 1:]
            if rest[:1] == ["tháng"] and len(rest) >= 4 and rest[2] == "năm":
                day = _box(pages, 0, line[i].x1 + 0.5, line[i].top, line[i + 1].x0 - 0.5, line[i].bottom)
            elif len(rest) >= 5 and rest[1] == "tháng" and rest[3] == "năm":
                rest = rest[1:]
            else:
                continue
            if rest[1].isdigit() and rest[3].rstrip(".").isdigit():
                month, year = int(rest[1]), int(rest[3].rstrip("."))
    return Layout(tuple(pages), number, number_printed, day, month, year, _cell(pages, lines))


def _cell(pages, lines: list[list[Word]]) -> Box | None:
    """The signature cell: in the signature block (the right-hand column that starts level with
    the last "Nơi nhận:"), the widest vertical gap between two lines, i.e. between the signer's
    title and name (Phụ lục I §II.7d)."""
    anchor = None
    for line in lines:
        for a, b in zip(line, line[1:], strict=False):
            if a.text == "Nơi" and b.text.startswith("nhận"):
                anchor = a
    if anchor is None:
        return None
    width = pages[anchor.page][0]
    block = [w for line in lines for w in line
             if w.page == anchor.page and w.x0 >= width * 0.45 and w.top >= anchor.top - 4]
    block_lines = _lines(block)
    if len(block_lines) < 2:
        return None
    gaps = [(b[0].top - a[0].bottom, a, b) for a, b in zip(block_lines, block_lines[1:], strict=False)]
    _, above, below = max(gaps, key=lambda g: g[0])
    x0 = min(w.x0 for w in block)
    x1 = max(w.x1 for w in block)
    bottom_of_title = max(w.bottom for w in above)
    top_of_name = min(w.top for w in below)
    return _box(pages, anchor.page, x0, bottom_of_title, x1, top_of_name)
