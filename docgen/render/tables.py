"""A body table as WordprocessingML, styled with the template's table paragraph styles.

The template marks the place with `{{p block.table }}`; the paragraph is replaced by the table.
Cell text is escaped: it is data, never markup.
"""

from markupsafe import Markup

from docgen.model.tables import Table
from docgen.render.xmltext import escape

CELL_PAD = 57  # as tools/make_templates.py: 1 mm
_STYLE = {"left": "BangChu", "center": "BangGiua", "right": "BangSo"}
_BORDERS = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for side in ("top", "left", "bottom", "right", "insideH", "insideV"))


def _cell(width: int, style: str, text: str, span: int = 1, bold: bool = False, turned: bool = False,
          middle: bool = False) -> str:
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    # A turned title reads bottom to top (model/tables.py turn_titles); a header row made high by
    # one holds its other titles in the middle.
    span_xml += ('<w:textDirection w:val="btLr"/>' if turned else "") + ('<w:vAlign w:val="center"/>' if middle else "")
    # A line break in the text is a line break in the cell (a figure and its plan under it).
    pieces = '<w:br/>'.join(f'<w:t xml:space="preserve">{escape(t)}</w:t>' for t in text.split("\n"))
    props = "<w:rPr><w:b/><w:bCs/></w:rPr>" if bold else ""
    run = f'<w:r>{props}{pieces}</w:r>' if text else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}</w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{run}</w:p></w:tc>')


def table_xml(table: Table) -> Markup:
    """The whole <w:tbl>: header row repeated on each page, rows kept whole, then the totals."""
    cols = table.columns
    grid = "".join(f'<w:gridCol w:w="{c.width}"/>' for c in cols)
    high = table.head_height > 0
    head = "".join(_cell(c.width, "BangTieuDe", c.title, turned=c.turned, middle=high) for c in cols)
    height = f'<w:trHeight w:val="{table.head_height}" w:hRule="atLeast"/>' if high else ""
    rows = [f'<w:tr><w:trPr>{height}<w:tblHeader/></w:trPr>{head}</w:tr>']
    for r, row in enumerate(table.rows):
        cells = "".join(_cell(c.width, _STYLE[c.align], v, bold=(r, i) in table.marked)
                        for i, (c, v) in enumerate(zip(cols, row, strict=True)))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    if table.total is not None:
        label = _cell(sum(c.width for c in cols[: table.span]), "BangTong", table.total[0], table.span)
        rest = "".join(_cell(c.width, "BangTongSo" if c.align == "right" else "BangTong", v)
                       for c, v in zip(cols[table.span:], table.total[1:], strict=True))
        rows.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{label}{rest}</w:tr>")
    width = sum(c.width for c in cols)
    layout = "autofit" if table.by_content else "fixed"  # autofit: sized again by content (render/widths.py)
    return Markup(
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{_BORDERS}</w:tblBorders><w:tblLayout w:type="{layout}"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_PAD}" w:type="dxa"/><w:right w:w="{CELL_PAD}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
        # A paragraph after the table, so two tables or a table and the signature never touch: the
        # templates' "ND30 Sau bảng" (a line of 1 pt, a body paragraph's 6 pt after), as after their
        # own list tables, not an empty line of text (issue 11). Its size and spacing are also set
        # here, for a clerk's template made before the style.
        '<w:p><w:pPr><w:pStyle w:val="SauBang"/><w:spacing w:before="0" w:after="120" w:line="240"'
        ' w:lineRule="auto"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>'
    )
