"""Lengths on the page, in twips: a line drawn under a paragraph, and a line of text.

Text width is an estimate from Times New Roman's average advance widths per kind of character
(rules.yaml, ND30-TRICHYEU: em), enough to tell a line of a third of the text from one as long
as it; the rules that use it allow for the estimate.
"""

import bisect
import re

from docgen.checker.findings import RULES
from docgen.checker.ooxml import _NBH, _T, Document, Paragraph
from docgen.checker.roles import is_line, next_in_place

_EMU_PER_TWIP = 635
_EXTENT = re.compile(rb'<wp:extent cx="(\d+)"')
_VML_WIDTH = re.compile(r"width:\s*([\d.]+)(pt|in|mm|cm)")
_UNITS = {"pt": 20, "in": 1440, "mm": 1440 / 25.4, "cm": 1440 / 2.54}


def column_width(doc: Document, p: Paragraph) -> int | None:
    """Width of the text column `p` stands in (body text only), less its own indents."""
    if p.table is not None:
        return None
    if not doc.sections:
        return None
    ends = doc.__dict__.get("_section_ends")
    if ends is None:
        ends = doc.__dict__["_section_ends"] = [s.last for s in doc.sections]
    at = bisect.bisect_left(ends, p.index)
    section = doc.sections[min(at, len(doc.sections) - 1)]
    if not section.width:
        return None
    margins = (section.margins.get("left") or 0) + (section.margins.get("right") or 0)
    return section.width - margins - (p.props.left or 0) - (p.props.right or 0)


def _drawing_length(p: Paragraph) -> int | None:
    from lxml import etree

    xml = etree.tostring(p.element)
    m = _EXTENT.search(xml)
    if m:
        return int(m.group(1)) // _EMU_PER_TWIP
    m = _VML_WIDTH.search(xml.decode("utf-8", "replace"))
    if m:
        return int(float(m.group(1)) * _UNITS[m.group(2)])
    return None


def _underscores(p: Paragraph) -> int:
    """A line typed as underscores: each is half an em of its run's size."""
    return int(sum(run.text.count("_") * 0.5 * (run.props.size or 10.0) * 20 for run in p.runs))


def line_length(doc: Document, p: Paragraph) -> int | None:
    """Length of the line drawn under `p` (its bottom border, or the next line paragraph)."""
    if p.props.border_bottom and p.props.border_bottom not in ("nil", "none"):
        return column_width(doc, p)
    if p.has_drawing:
        return _drawing_length(p)
    nxt = next_in_place(doc, p)
    if nxt is None or not is_line(nxt):
        return None
    if nxt.props.border_top and nxt.props.border_top not in ("nil", "none"):
        return column_width(doc, nxt)
    if nxt.has_drawing:
        return _drawing_length(nxt)
    return _underscores(nxt)


def text_width(doc: Document, p: Paragraph) -> int:
    """Estimated width of the paragraph's longest line, in twips. A paragraph longer than its
    column is wrapped where a line may break: at its spaces, not at its no-break spaces (U+00A0,
    which the reader takes as spaces; a title broken at balanced phrase joints keeps its lines so)."""
    em = RULES["ND30-TRICHYEU"]["em"]
    widths = []
    for run in p.runs:
        size = (run.props.size or 10.0) * 20
        for ch in run.text.upper() if run.props.caps else run.text:
            if ch.isupper():
                widths.append(em["upper"] * size)
            elif ch.isalpha():
                widths.append(em["lower"] * size)
            elif ch.isdigit():
                widths.append(em["digit"] * size)
            elif ch.isspace():
                widths.append(em["space"] * size)
            else:
                widths.append(em["other"] * size)
    total = sum(widths)
    column = column_width(doc, p)
    if column and total > column:
        return int(min(_longest_wrapped(p, widths, column), column))
    return int(min(total, column) if column else total)


def _longest_wrapped(p: Paragraph, widths: list[float], column: int) -> float:
    """The longest line of `p` wrapped greedily into `column` at its spaces (U+0020) only, each
    character as wide as `widths` says; the column when the runs' text and the XML's differ."""
    raw = "".join("-" if t.tag == _NBH else t.text or "" for t in p.element.iter(_T, _NBH)).replace("\u2060", "")
    if "\u00a0" not in raw or len(raw) != len(widths):
        return column
    longest = line = 0.0
    start = 0
    for i in [*(i for i, ch in enumerate(raw) if ch == " "), len(raw)]:
        word = sum(widths[start:i])
        if line and line + word > column:
            longest, line = max(longest, line), word - widths[start]  # the space ends the line
        else:
            line += word
        start = i
    return max(longest, line)
