"""Rich text and multi-line values as WordprocessingML runs.

A `{{ value }}` stands inside a run's <w:t>. A value with formatting closes that run, writes
its own runs and opens a plain run again, so it works in any paragraph without a special tag.
Formatting of the paragraph comes from its style; the runs only add bold or italic.
"""

from markupsafe import Markup

from docgen.model import Lines, Rich
from docgen.render.xmltext import escape

_OPEN = '<w:r><w:t xml:space="preserve">'
_CLOSE = "</w:t></w:r>"


def _run(text: str, bold: bool, italic: bool) -> str:
    props = ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def rich_xml(value: Rich) -> Markup:
    runs = "".join(_run(s.text, s.bold, s.italic) for s in value.segments)
    return Markup(_CLOSE + runs + _OPEN)


def lines_xml(value: Lines) -> Markup:
    """Lines joined by <w:br/> inside the same run, so they keep the run's formatting."""
    return Markup('</w:t><w:br/><w:t xml:space="preserve">'.join(escape(x) for x in value.lines))
