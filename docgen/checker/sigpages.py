"""Previews of the pages of a PDF that carry digital signatures, for `docgen lint --pages`
(issue 19, item 3): the văn thư sees the signer's image and the agency's seal as a reader draws
them, whether or not the page has a finding.

A signature is a widget annotation of a field of type /Sig (ISO 32000-1 §12.7.4.5, §12.8) in a
page's /Annots, the field being the widget itself or its /Parent, signed when it has a value /V.
One with an empty /Rect has no appearance (an invisible signature) and shows nothing on a page,
so it is left out, and so is an empty field kept for a later signature. pdftoppm
draws each field's appearance (docgen.checker.pdfpages.page_png).
"""

from dataclasses import dataclass
from pathlib import Path

from docgen.checker.pages import PNG_DIR
from docgen.checker.pdfpages import UnreadablePdf, page_png


@dataclass(frozen=True)
class Preview:
    """The PNG of one page of `pdf` holding `signatures` visible signature fields; `png` is None
    and `error` says why when the page could not be drawn."""

    pdf: Path
    page: int  # from 1
    signatures: int
    png: Path | None = None
    error: str | None = None


def _is_signature(widget) -> bool:
    """A signed signature field: /FT /Sig with a value (/V, the signature dictionary); /FT and /V
    may be inherited from the field's parents. An empty field (one kept for a later signature,
    as docgen sign keeps the agency's) is not a signature yet."""
    node, depth, kind, value = widget, 0, None, None
    while node is not None and depth < 32:
        kind = kind if kind is not None else node.get("/FT")
        value = value if value is not None else node.get("/V")
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
        depth += 1
    return kind == "/Sig" and value is not None


def _visible(widget) -> bool:
    try:
        x0, y0, x1, y1 = (float(v) for v in widget.get("/Rect", [0, 0, 0, 0]))
    except (TypeError, ValueError):
        return False
    return abs(x1 - x0) > 0 and abs(y1 - y0) > 0


def signature_pages(pdf: Path) -> dict[int, int]:
    """Page number (from 1) -> how many visible signature fields it holds, for the pages holding
    any; empty for a PDF without signatures or one pypdf cannot read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    found: dict[int, int] = {}
    try:
        for number, page in enumerate(PdfReader(pdf).pages, start=1):
            annots = page.get("/Annots")
            for ref in (annots.get_object() if annots is not None else None) or []:
                widget = ref.get_object()
                if widget.get("/Subtype") == "/Widget" and _is_signature(widget) and _visible(widget):
                    found[number] = found.get(number, 0) + 1
    except (PyPdfError, OSError, ValueError, AttributeError, TypeError):
        return {}
    return found


def signature_previews(pdfs: list[Path], png_dir: Path | None = None) -> list[Preview]:
    """For each PDF, the PNG of every page holding a signature, written as <pdf stem>-<page>.png
    to `png_dir` (default: kiem-tra-trang/ beside the PDF, where the page check puts the PNG of
    a page with a finding, under the same name). Pages that pdftoppm cannot draw give a Preview
    with `error` set; nothing is raised."""
    out = []
    for pdf in pdfs:
        folder = png_dir if png_dir is not None else pdf.parent / PNG_DIR
        for page, count in sorted(signature_pages(pdf).items()):
            try:
                out.append(Preview(pdf, page, count, page_png(pdf, page, folder / f"{pdf.stem}-{page}.png")))
            except (UnreadablePdf, OSError) as err:
                out.append(Preview(pdf, page, count, error=str(err)))
    return out
