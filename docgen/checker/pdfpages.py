"""The text of a laid-out PDF, page by page, line by line, with each word's box (poppler).

`pdftotext -bbox-layout` (poppler-utils, the same package as pdftoppm) gives every word with its
box in points from the page's top-left corner, grouped in the lines poppler reads; pypdf gives
text without positions, so it cannot say where on a page a line stands.
"""

import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
INSTALL_POPPLER = "apt-get install poppler-utils"


class UnreadablePdf(Exception):
    """poppler could not read the PDF (or is not installed); the message says which, in Vietnamese."""


@dataclass(frozen=True)
class Word:
    x0: float  # points from the left edge of the page
    y0: float  # points from the top edge
    x1: float
    y1: float
    text: str


@dataclass
class Line:
    """A line as poppler reads it: words of one baseline and one column, left to right."""

    page: int  # 1-based
    words: list[Word]

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Page:
    number: int  # 1-based
    width: float  # points
    height: float
    lines: list[Line]


def read_pdf(pdf: Path) -> list[Page]:
    """Every page of `pdf` with its lines in poppler's reading order.

    Raises UnreadablePdf when pdftotext is missing or cannot read the file.
    """
    tool = shutil.which("pdftotext")
    if tool is None:
        raise UnreadablePdf(f"chưa cài poppler-utils (cần để đọc trang PDF); cài bằng lệnh: {INSTALL_POPPLER}")
    proc = subprocess.run([tool, "-bbox-layout", str(pdf), "-"], capture_output=True, timeout=300, check=False)
    if proc.returncode != 0:
        raise UnreadablePdf(f"pdftotext không đọc được PDF: {proc.stderr.decode(errors='replace').strip()}")
    root = etree.fromstring(proc.stdout, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for n, page in enumerate(root.iter(f"{XHTML}page"), start=1):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = [Word(float(w.get("xMin")), float(w.get("yMin")), float(w.get("xMax")), float(w.get("yMax")),
                          unicodedata.normalize("NFC", w.text or "")) for w in line.iter(f"{XHTML}word")]
            words = [w for w in words if w.text.strip()]
            if words:
                lines.append(Line(n, words))
        pages.append(Page(n, float(page.get("width")), float(page.get("height")), lines))
    return pages


def page_png(pdf: Path, page: int, target: Path, dpi: int = 60) -> Path:
    """Draw one page of `pdf` as `target` (a .png) with pdftoppm; raises UnreadablePdf."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise UnreadablePdf(f"chưa cài poppler-utils (cần để vẽ trang PDF); cài bằng lệnh: {INSTALL_POPPLER}")
    target.parent.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run([tool, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
                           str(pdf), str(target.with_suffix(""))], capture_output=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise UnreadablePdf(f"pdftoppm không vẽ được trang {page}: {proc.stderr.decode(errors='replace').strip()}")
    return target
