"""Read a generated .docx back as a person sees it: text and effective formatting."""

import re
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.paragraph import Paragraph


def shown(text: str) -> str:
    """The text as a reader sees it: a no-break space (U+00A0, which docgen's `nobreak` filter
    puts inside fixed names) is a space and a word joiner (U+2060, glueing an en dash to the
    number after it) nothing, as docgen's checker and read-backs take them."""
    return text.replace("\u00a0", " ").replace("\u2060", "")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _style_chain(paragraph: Paragraph):
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def _defaults(document) -> dict:
    rpr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))
    sz = rpr.find(qn("w:sz"))
    fonts = rpr.find(qn("w:rFonts"))
    return {
        "size": int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0,
        "font": fonts.get(qn("w:ascii")) if fonts is not None else None,
    }


@dataclass(frozen=True)
class Format:
    text: str
    style: str
    size: float
    bold: bool
    italic: bool
    font: str | None
    align: str | None
    first_line_cm: float
    space_after_pt: float
    space_before_pt: float
    line_spacing: float | None


def _from_styles(paragraph: Paragraph, getter):
    for style in _style_chain(paragraph):
        value = getter(style)
        if value is not None:
            return value
    return None


def run_value(paragraph: Paragraph, run, attr: str):
    value = getattr(run.font, attr)
    if value is not None:
        return value
    return _from_styles(paragraph, lambda s: getattr(s.font, attr))


def paragraph_format(paragraph: Paragraph, document) -> Format:
    """Effective formatting of the paragraph's runs (all runs must agree) and paragraph."""
    defaults = _defaults(document)
    runs = [r for r in paragraph.runs if r.text.strip()]
    sizes = {run_value(paragraph, r, "size") for r in runs} or {
        _from_styles(paragraph, lambda s: s.font.size)}
    size = sizes.pop() if len(sizes) == 1 else None
    size_pt = size.pt if isinstance(size, Length) else defaults["size"]
    bold = all(bool(run_value(paragraph, r, "bold")) for r in runs) if runs else bool(
        _from_styles(paragraph, lambda s: s.font.bold))
    italic = all(bool(run_value(paragraph, r, "italic")) for r in runs) if runs else bool(
        _from_styles(paragraph, lambda s: s.font.italic))
    fonts = {run_value(paragraph, r, "name") for r in runs} or {None}
    font = fonts.pop() if len(fonts) == 1 else "mixed"

    def pf(attr):
        direct = getattr(paragraph.paragraph_format, attr)
        if direct is not None:
            return direct
        return _from_styles(paragraph, lambda s: getattr(s.paragraph_format, attr))

    align = pf("alignment")
    first = pf("first_line_indent")
    after = pf("space_after")
    before = pf("space_before")
    return Format(
        text=collapse(paragraph.text),
        style=paragraph.style.name,
        size=size_pt,
        bold=bold,
        italic=italic,
        font=font or defaults["font"],
        align=align.name if align is not None else None,
        first_line_cm=round(first.cm, 2) if first is not None else 0.0,
        space_after_pt=after.pt if after is not None else 0.0,
        space_before_pt=before.pt if before is not None else 0.0,
        line_spacing=pf("line_spacing"),
    )


@dataclass
class Read:
    """A generated document split as the expected text file lists it."""

    document: object
    header: list[Paragraph]
    body: list[Paragraph]
    recipients: list[Paragraph]
    signature: list[Paragraph]

    def fmt(self, paragraph: Paragraph) -> Format:
        return paragraph_format(paragraph, self.document)

    def find(self, start: str) -> Paragraph:
        for p in self.header + self.body + self.recipients + self.signature:
            if collapse(p.text).startswith(start):
                return p
        raise AssertionError(f"no paragraph starts with {start!r}")


def _nonempty(paragraphs) -> list[Paragraph]:
    return [p for p in paragraphs if p.text.strip()]


def read(path: Path) -> Read:
    document = docx.Document(str(path))
    header_table, signature_table = document.tables[0], document.tables[-1]
    header = [p for cell in header_table._cells for p in _nonempty(cell.paragraphs)]
    left, right = signature_table.rows[0].cells
    return Read(
        document=document,
        header=header,
        body=_nonempty(document.paragraphs),
        recipients=_nonempty(left.paragraphs),
        signature=_nonempty(right.paragraphs),
    )
