"""Write the stock templates (templates/*.docx) from the OOXML below.

Run `python tools/make_templates.py` after changing this file; tests/test_templates.py
checks that the committed templates are what it makes. The parts are written by hand,
not from python-docx's default document, to keep each template small (a few KB instead of
about 790 KB of unused styles) and every value visible: a clerk may then restyle the
template in Word or LibreOffice, and docgen honours the edit.

Sizes come from Nghị định 30/2020/NĐ-CP, Phụ lục I (see shared/reference/nd30.md).
Widths of the header texts were measured with Liberation Serif, which has the metrics of
Times New Roman: "SỞ LAO ĐỘNG - THƯƠNG BINH" at 13 pt bold is 6.95 cm, "CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM" at 12 pt bold 8.83 cm, "Độc lập - Tự do - Hạnh phúc" at 13 pt bold 5.61 cm.
"""

import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.output.package import write_package  # noqa: E402
from docgen.render.version import stamp  # noqa: E402
from docgen.render.widths import text_width  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Page: A4 portrait; margins top/bottom 20 mm, left 30 mm, right 15 mm (ND30 I.3), in twips.
PAGE_W, PAGE_H = 11906, 16838
MARGIN = {"top": 1134, "bottom": 1134, "left": 1701, "right": 851, "header": 567, "footer": 567}
TEXT_W = PAGE_W - MARGIN["left"] - MARGIN["right"]  # 9354 twips = 16.5 cm
CELL_PAD = 57  # 1 mm cell padding, so the header lines fit their columns
HEADER_COLS = (4139, TEXT_W - 4139)  # 7.3 cm | 9.2 cm
SIGN_COLS = (3969, TEXT_W - 3969)  # 7.0 cm | 9.5 cm
CM = 567  # twips per centimetre (rounded)
KINH_GUI = 1982  # twips: "Kính gửi:" of several recipients in from the margin, as in Mẫu 1.5 (Phụ lục III)
# The recipients' dashes under the colon of "Kính gửi:" (Phụ lục I, II.9.a), 14 pt: its left edge.
KINH_GUI_DASH = KINH_GUI + text_width("Kính gửi") * 14 // 13


def _centre_indent(width: int, line: int) -> int:
    return (width - 2 * CELL_PAD - line) // 2


# Lines under the agency name (1/3-1/2 of its 6.95 cm), under the Tiêu ngữ (as long as its
# 5.61 cm) and under the trích yếu (1/3-1/2 of a full line).
AGENCY_LINE_INDENT = _centre_indent(HEADER_COLS[0], 3 * CM)
MOTTO_LINE_INDENT = _centre_indent(HEADER_COLS[1], round(5.65 * CM))
SUBJECT_LINE_INDENT = (TEXT_W - 6 * CM) // 2


# A heading or title keeps with the paragraph after it: never the last line of a page.
KEEP = "<w:keepNext/>"


def rpr(size=None, bold=False, italic=False) -> str:
    parts = []
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if size:
        parts.append(f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def para_style(style_id, name, *, size, bold=False, italic=False, align="both", first_line=0,
               before=0, after=0, line=240, based_on="Normal", extra_ppr="", caps=False, left=0,
               keep=False):
    left_xml = f' w:left="{left}"' if left else ""
    ppr = (
        (KEEP if keep else "")
        + f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>'
        f'<w:ind{left_xml} w:firstLine="{first_line}"/>{extra_ppr}<w:jc w:val="{align}"/>'
    )
    caps_xml = "<w:caps/>" if caps else ""
    run = rpr(size, bold, italic).replace("</w:rPr>", f"{caps_xml}</w:rPr>") if caps else rpr(
        size, bold, italic)
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr>{run}</w:style>"
    )


BODY = dict(size=14, align="both", first_line=CM, after=120, line=276)
HEADING = dict(BODY, keep=True)

STYLES = [
    # Header block (ô 1-4): single spacing, centred, no indent.
    para_style("CoQuanChuQuan", "ND30 Cơ quan chủ quản", size=13, align="center"),
    para_style("CoQuanBanHanh", "ND30 Cơ quan ban hành", size=13, bold=True, align="center"),
    para_style("SoKyHieu", "ND30 Số, ký hiệu", size=13, align="center", before=120),
    para_style("QuocHieu", "ND30 Quốc hiệu", size=12, bold=True, align="center"),
    para_style("TieuNgu", "ND30 Tiêu ngữ", size=13, bold=True, align="center"),
    # Quốc hiệu 12, Tiêu ngữ 13, date 13: one of the two pairings of Phụ lục I's footnote (12/13/13,
    # 13/14/14); 13/14/14 would not fit the Quốc hiệu on one line of the 9.2 cm column.
    para_style("DiaDanhNgay", "ND30 Địa danh, ngày tháng", size=13, italic=True, align="center",
               before=120),
    para_style(
        "DuongKe", "ND30 Đường kẻ", size=1, align="center", line=20, before=50,
        extra_ppr='<w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>',
    ),
    # Tên loại and trích yếu (ô 5a).
    para_style("TenLoai", "ND30 Tên loại", size=14, bold=True, align="center", before=360, keep=True),
    para_style("TrichYeu", "ND30 Trích yếu", size=14, bold=True, align="center", keep=True),
    # Body (ô 6): 14 pt, justified, first line 1 cm, 6 pt after, 1.15 lines.
    para_style("NoiDung", "ND30 Nội dung", **BODY),
    para_style("Muc1", "ND30 Mục I", bold=True, based_on="NoiDung", **HEADING),
    para_style("Muc2", "ND30 Mục 1", bold=True, based_on="NoiDung", **HEADING),
    para_style("Muc3", "ND30 Mục 1.1", bold=True, italic=True, based_on="NoiDung", **HEADING),
    para_style("Muc4", "ND30 Điểm a", italic=True, based_on="NoiDung", **HEADING),
    para_style("DoanDanhSo", "ND30 Đoạn có số", based_on="NoiDung", **BODY),
    para_style("GachDau", "ND30 Gạch đầu dòng", based_on="NoiDung", **BODY),
    # Nơi nhận (ô 9b) and signature (ô 7).
    para_style("NoiNhan", "ND30 Nơi nhận", size=12, bold=True, italic=True, align="left",
               before=240),
    para_style("NoiNhanMuc", "ND30 Nơi nhận - mục", size=11, align="left"),
    # 12 pt above the first line only: "KT. CHỦ TỊCH" and "PHÓ CHỦ TỊCH" sit together, as in the
    # decree's samples (Phụ lục III); contextual spacing drops the space between lines of one style.
    para_style("ChucVu", "ND30 Quyền hạn, chức vụ", size=14, bold=True, align="center",
               before=240, extra_ppr="<w:contextualSpacing/>"),
    para_style("ChoKy", "ND30 Chỗ ký", size=14, align="center"),
    para_style("NguoiKy", "ND30 Họ tên người ký", size=14, bold=True, align="center"),
    para_style("SoTrang", "ND30 Số trang", size=14, align="center"),
    # Decisions and proposals.
    para_style("ThamQuyen", "ND30 Thẩm quyền ban hành", size=14, bold=True, align="center", before=120,
               after=120, keep=True),
    para_style("CanCu", "ND30 Căn cứ", italic=True, based_on="NoiDung", **BODY),
    para_style("QuyetDinhLenh", "ND30 Quyết định:", size=14, bold=True, align="center", before=120, after=120, keep=True),
    para_style("KinhGui", "ND30 Kính gửi", size=14, align="center", before=120, after=120, keep=True),
    para_style("DanhSachTieuDe", "ND30 Tiêu đề danh sách", size=14, bold=True, align="center", keep=True),
    para_style("DanhSachKemTheo", "ND30 Kèm theo", size=14, italic=True, align="center", keep=True),
    para_style("DanhSachNhom", "ND30 Nhóm danh sách", size=13, bold=True, align="left", before=240, after=120, keep=True),
    para_style("BangTieuDe", "ND30 Bảng - tiêu đề", size=13, bold=True, align="center"),
    para_style("BangChu", "ND30 Bảng - chữ", size=13, align="left"),
    para_style("BangGhiChu", "ND30 Bảng - thành tích", size=13, italic=True, align="left"),
    para_style("BangSo", "ND30 Bảng - số", size=13, align="right"),
    para_style("BangGiua", "ND30 Bảng - giữa", size=13, align="center"),
    para_style("TongCong", "ND30 Tổng cộng", size=13, bold=True, align="left", before=120),
    # The general document (van-ban.docx, cong-van.docx).
    para_style("VeViec", "ND30 Trích yếu công văn", size=12, align="center", before=60),
    # Several recipients (Phụ lục I, II.9.a; Mẫu 1.5): "Kính gửi:" 3.5 cm in, alone on its line,
    # each recipient on a line of its own with the dashes in a column under the colon.
    para_style("KinhGuiNhieu", "ND30 Kính gửi nhiều nơi", size=14, align="left", first_line=KINH_GUI,
               before=120, keep=True),
    para_style("KinhGuiMuc", "ND30 Kính gửi - mục", size=14, align="left", left=KINH_GUI_DASH),
    para_style("Chuong", "ND30 Chương", size=14, bold=True, align="center", before=120, after=120, keep=True),
    para_style("BangTong", "ND30 Bảng - dòng tổng", size=13, bold=True, align="left"),
    para_style("BangTongSo", "ND30 Bảng - tổng số", size=13, bold=True, align="right"),
    para_style("PhuLuc", "ND30 Phụ lục", size=14, bold=True, align="center", keep=True),
    # An empty line of 1 pt after a list table, with the space a body paragraph leaves above the
    # next heading (6 pt): "2. Kết quả theo từng lĩnh vực" never sits against the table's border.
    para_style("SauBang", "ND30 Sau bảng", size=1, after=BODY["after"]),
]


def styles_xml() -> str:
    fonts = ('<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"'
             ' w:eastAsia="Times New Roman" w:cs="Times New Roman"/>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts}"
        '<w:color w:val="000000"/><w:sz w:val="28"/><w:szCs w:val="28"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "<w:qFormat/></w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "</w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_PAD}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_PAD}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>"
        + "".join(STYLES)
        + "</w:styles>"
    )


def p(style: str, text: str = "", ppr: str = "") -> str:
    run = f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{ppr}</w:pPr>{run}</w:p>'


def line(indent: int, after: int = 0) -> str:
    spacing = f'<w:spacing w:after="{after}"/>' if after else ""
    return p("DuongKe", ppr=f'{spacing}<w:ind w:left="{indent}" w:right="{indent}" w:firstLine="0"/>')


# The rule under a title sits about half a line (7 pt) under the text, as in the decree's
# samples, never against the letters. Its length here is a default: docgen/render/layout.py
# sizes it to 1/3-1/2 of the title's longest line once the title is known.
TITLE_RULE_BEFORE = 140


def title_line(after: int = 0) -> str:
    indent = SUBJECT_LINE_INDENT
    return p("DuongKe", ppr=f'<w:spacing w:before="{TITLE_RULE_BEFORE}" w:after="{after}"/>'
                            f'<w:ind w:left="{indent}" w:right="{indent}" w:firstLine="0"/>')


def table(cols: tuple[int, int], rows: list[list[str]], cant_split: bool = False) -> str:
    none = "".join(
        f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right",
                                                "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in cols)
    body = ""
    for row in rows:
        cells = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{content}</w:tc>'
            for w, content in zip(cols, row, strict=True)
        )
        row_pr = "<w:trPr><w:cantSplit/></w:trPr>" if cant_split else ""
        body += f"<w:tr>{row_pr}{cells}</w:tr>"
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(cols)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_PAD}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_PAD}" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{body}</w:tbl>"
    )


def header_table(number: str, date: str) -> str:
    return header_table_xml(p("SoKyHieu", number), p("DiaDanhNgay", date))


def header_table_xml(number: str, date: str) -> str:
    """Ô 1-4 in a borderless table: agency and number left, Quốc hiệu and date right."""
    # Cơ quan chủ quản is optional: a People's Committee has none above it in its header.
    agency = (
        p("CoQuanChuQuan", "{%p if header.parent %}")
        + p("CoQuanChuQuan", "{{ header.parent }}")
        + p("CoQuanChuQuan", "{%p endif %}")
        + p("CoQuanBanHanh", "{{ header.agency }}")
        + line(AGENCY_LINE_INDENT)
    )
    nation = (
        p("QuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + p("TieuNgu", "Độc lập - Tự do - Hạnh phúc")
        + line(MOTTO_LINE_INDENT)
    )
    return table(HEADER_COLS, [[agency, nation], [number, date]])


def signature_table(doc: str, lead: tuple[str, ...] = (), tail: tuple[str, ...] = (),
                    listed: bool = False) -> str:
    """Nơi nhận left, signature right; `doc` names the template variable (plan, d).

    The signature's lines carry the authority forms as the model gives them (TM., KT., Q., TL.,
    TUQ., then the titles). With `listed`, `{doc}.recipients` are bare names and the template
    writes the dashes, semicolons and the "Lưu" line; else they are lines written in full, with
    `lead` and `tail` the lines the template writes before and after them ("- Như trên;",
    "- Lưu: VT, …").
    """
    if listed:
        items = (p("NoiNhanMuc", f"{{%p for line in {doc}.recipients %}}")
                 + p("NoiNhanMuc", "- {{ line | keep_names(pairs=True) }};")
                 + p("NoiNhanMuc", "{%p endfor %}")
                 + p("NoiNhanMuc", f"- Lưu: VT{{% if {doc}.archive %}}, {{{{ {doc}.archive }}}}{{% endif %}}."))
    else:
        items = ("".join(p("NoiNhanMuc", line) for line in lead)
                 + p("NoiNhanMuc", f"{{%p for line in {doc}.recipients %}}")
                 + p("NoiNhanMuc", "{{ line | keep_names(pairs=True) }}")
                 + p("NoiNhanMuc", "{%p endfor %}")
                 + "".join(p("NoiNhanMuc", line) for line in tail))
    recipients = p("NoiNhan", "Nơi nhận:") + items
    signature = (
        p("ChucVu", f"{{%p for line in {doc}.signature.lines %}}")
        + p("ChucVu", "{{ line }}")
        + p("ChucVu", "{%p endfor %}")
        + p("ChoKy") * 4
        + p("NguoiKy", f"{{{{ {doc}.signature.name }}}}")
    )
    # One unbreakable row: the signer's title never stands on one page and the name on the next.
    return table(SIGN_COLS, [[recipients, signature]], cant_split=True)


BODY_KINDS = [
    ("heading1", "Muc1"),
    ("heading2", "Muc2"),
    ("heading3", "Muc3"),
    ("heading4", "Muc4"),
    ("numbered", "DoanDanhSo"),
    ("item", "GachDau"),
]


def body_loop() -> str:
    out = [p("NoiDung", "{%p for block in plan.blocks %}")]
    for i, (kind, style) in enumerate(BODY_KINDS):
        tag = "if" if i == 0 else "elif"
        out.append(p("NoiDung", f'{{%p {tag} block.kind == "{kind}" %}}'))
        out.append(p(style, "{{ block.text | keep_names }}"))
    out.append(p("NoiDung", "{%p else %}"))
    out.append(p("NoiDung", "{{ block.text | keep_names(opening=True) }}"))
    out.append(p("NoiDung", "{%p endif %}"))
    out.append(p("NoiDung", "{%p endfor %}"))
    return "".join(out)


def sect_pr() -> str:
    """A4 section numbered from 1, its first page unnumbered (a document, or its attached list)."""
    m = MARGIN
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}"'
        f' w:left="{m["left"]}" w:header="{m["header"]}" w:footer="{m["footer"]}"'
        ' w:gutter="0"/><w:pgNumType w:start="1"/><w:titlePg/></w:sectPr>'
    )


def section_break() -> str:
    """Ends a section: the attached list starts on a new page with its own page numbers.

    The paragraph carrying the break is 1 pt tall with no spacing (exact line of 20 twips, 1 pt
    mark): when the block before it (the signature table) fills the page to the last line, a
    paragraph of body size would spill onto a page of its own and print a blank page numbered 2
    before the list (issue 11); a 1 pt one stays on the full page in Word and LibreOffice."""
    return ('<w:p><w:pPr><w:keepNext w:val="0"/><w:widowControl w:val="0"/>'
            '<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            '<w:ind w:left="0" w:right="0" w:firstLine="0"/>'
            '<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>'
            f"{sect_pr()}</w:pPr></w:p>")


def document_xml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}{sect_pr()}'
        "</w:body></w:document>"
    )


def total_rows(widths: list[int], condition: str, label: str, amount: str | None = None) -> str:
    """Rows shown when `condition` holds: a bold total, its label across every column but the
    amount's (or across all of them without an amount)."""
    def cell(width: int, content: str, span: int = 1) -> str:
        grid = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{grid}</w:tcPr>{content}</w:tc>'

    whole = sum(widths)
    span = len(widths) - (1 if amount is not None else 0)
    cells = cell(sum(widths[:span]), p("BangTong", label), span)
    if amount is not None:
        cells += cell(widths[-1], p("BangTongSo", amount))
    return (f'<w:tr>{cell(whole, p("BangTong", f"{{%tr if {condition} %}}"), len(widths))}</w:tr>'
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
            f'<w:tr>{cell(whole, p("BangTong", "{%tr endif %}"), len(widths))}</w:tr>')


def list_table(cols: list[tuple[int, str, str]], row: list[tuple[str, str]], loop: str = "r in g.rows",
               tail: str = "") -> str:
    """A bordered table: a heading row repeated on each page, then one row per item ({%tr for %}
    rows), then `tail` (total rows)."""
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w, _, _ in cols)

    def cell(width: int, content: str) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{content}</w:tc>'

    head = "".join(cell(w, p("BangTieuDe", title)) for w, title, _ in cols)
    loop_open = "<w:tr>" + cell(sum(w for w, _, _ in cols), p("BangChu", f"{{%tr for {loop} %}}")) + "</w:tr>"
    body = "".join(cell(w, content) for (w, _, _), (style, content) in zip(cols, row, strict=True))
    loop_close = "<w:tr>" + cell(sum(w for w, _, _ in cols), p("BangChu", "{%tr endfor %}")) + "</w:tr>"
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(w for w, _, _ in cols)}" w:type="dxa"/><w:jc w:val="center"/>'
        # Autofit: docgen sizes the columns by what they hold (docgen/render/widths.py); a clerk
        # who unticks "Automatically resize to fit contents" in Word keeps the widths set here.
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="autofit"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_PAD}" w:type="dxa"/><w:right w:w="{CELL_PAD}" w:type="dxa"/>'
        f"</w:tblCellMar></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
        f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head}</w:tr>{loop_open}'
        f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{body}</w:tr>{loop_close}{tail}</w:tbl>'
    )


def ke_hoach_body() -> str:
    return "".join([
        header_table("{{ plan.number | doc_number(plan.type_abbr, header.abbreviation) }}",
                     "{{ header.place | place_date(plan.date) }}"),
        # The type sets the title, as it sets the ký hiệu: a Báo cáo is never titled KẾ HOẠCH.
        p("TenLoai", "{{ plan.type_name | upper }}"),
        p("TrichYeu", "{{ plan.subject | keep_title }}"),
        title_line(240),
        p("NoiDung", "{%p for paragraph in plan.opening %}"),
        p("NoiDung", "{{ paragraph | keep_names(opening=True) }}"),
        p("NoiDung", "{%p endfor %}"),
        body_loop(),
        signature_table("plan", listed=True),
    ])


def award_header_table() -> str:
    return header_table("{{ d.number_line }}", "{{ header.place | place_date(d.date) }}")


# The wording of the award documents: every sentence below is the template's, the values come
# from the model (docgen/model/awards.py) and the law data (verbs and labels of the forms).
# The year the awards are of: "năm 2024", or "năm học 2024-2025" for a school's plan that gives its
# school_year (plan.yaml). Set once at the document's kind line (SET_YEAR), written as D_YEAR: the
# template's text stays as short as it was (LibreOffice lays it out as before).
SET_YEAR = "{% set y = d.school_year and 'năm học ' ~ d.school_year or 'năm ' ~ d.year %}"
D_YEAR = "{{ y }}"
# The same for the report of a school plan's year (rep) and a unit's form (f): set once in the
# paragraph (or its first paragraph) that writes the year.
REP_SET_YEAR = "{% set y = rep.school_year and 'năm học ' ~ rep.school_year or 'năm ' ~ rep.year %}"
F_SET_YEAR = "{% set y = f.school_year and 'năm học ' ~ f.school_year or 'năm ' ~ f.year %}"
FORMS_AWARDED = ('{% for f in d.forms %}{% if not loop.first %} và {% endif %}{{ f.verb }} {{ f.label | keep_names }}'
                 '{% if f.title %} ' + D_YEAR + '{% endif %}{% endfor %}')
WHO = ('{% if d.collectives and d.individuals %}tập thể, cá nhân{% elif d.collectives %}tập thể'
       '{% else %}cá nhân{% endif %}')
WHO_CAP = ('{% if d.collectives and d.individuals %}Tập thể, cá nhân{% elif d.collectives %}Tập thể'
           '{% else %}Cá nhân{% endif %}')  # WHO opening a title line
COUNTS = '{{ {"tập thể": d.collectives, "cá nhân": d.individuals} | count_phrase }}'
NAMED = ('{% for r in d.rows %}{% if not loop.first %} và {% endif %}{{ r.name }}'
         '{% if r.position_office %}, {{ r.position_office }}{% endif %}'
         '{% if r.achievement %}, {{ r.achievement }}{% endif %}{% endfor %}')
KIND = '{% if g.kind == "collective" %}tập thể{% else %}cá nhân{% endif %}'
LISTED = "d.count > 2"  # one or two awardees are named in Điều 1; more go into the attached list
MONEY_EACH = ('{% if d.each_collective %}mỗi tập thể {{ d.each_collective | format_number }} đồng'
              ' ({{ d.each_collective | amount_in_words }}){% endif %}'
              '{% if d.each_collective and d.each_individual %}; {% endif %}'
              '{% if d.each_individual %}mỗi cá nhân {{ d.each_individual | format_number }} đồng'
              ' ({{ d.each_individual | amount_in_words }}){% endif %}')
EXECUTORS_ARTICLE = "{{ 3 if d.money else 2 }}"


def plan_cite(var: str, issuer: bool = True) -> str:
    """The plan as every document cites it (docgen/model/citation.py gives the values); without
    `issuer` where the sentence's subject already is the issuer ("Sở … đã ban hành Kế hoạch số …")."""
    return (f"{{{{ {var}.type_name }}}} số {{{{ {var}.symbol }}}} {{{{ {var}.date | cite_date }}}}"
            + (f" của {{{{ {var}.issuer | nobreak }}}}" if issuer else ""))


def cancu(last: str = ";") -> str:
    end = '{% if loop.last %}.{% else %};{% endif %}' if last == "." else ";"
    # A căn cứ is a line of the records, or the plan's citation (the plan the awards reward).
    line_ = ("{% if line.symbol is defined %}Căn cứ " + plan_cite("line")
             + " phát động phong trào thi đua " + D_YEAR + "{% else %}{{ line | keep_names }}{% endif %}")
    return "".join([p("CanCu", "{%p for line in d.bases %}"), p("CanCu", line_ + end),
                    p("CanCu", "{%p endfor %}")])


# The issuer's name opening a paragraph (or after its first few words: "Báo cáo gửi về …"): a
# name of up to vn.OPENING characters there never meets the first line's end, and kept no-break
# its spaces keep their width while the line's others stretch ("Sở Lao động - Thương binh và Xã
# hội đã ban hành Kế hoạch số" / "125/KH-LĐTBXH …" stretched to 0.69 of the text's height with
# the name's five spaces fixed, 0.51 with them free); a longer name stays kept in its units.
LEAD_NAME = "{{ org.name | keep_names(opening=True) }}"


# The last paragraph before the signature keeps with it, so a signature never stands alone on a page.
KEEP_WITH_SIGNATURE = "<w:keepNext/>"


def article(label: str, text: str, ppr: str = "") -> str:
    """A paragraph "Điều n. …" with its label in bold."""
    return (f'<w:p><w:pPr><w:pStyle w:val="NoiDung"/>{ppr}</w:pPr>'
            f'<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">{escape(label)} </w:t></w:r>'
            f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>')


def award_tables(with_money: bool) -> str:
    """The list's tables, one per group (collectives, individuals)."""
    # Every table spans the text width (16.5 cm), so the tables of one list line up.
    if with_money:
        collective = [(700, "STT", ""), (6654, "Tên tập thể", ""), (2000, "Tiền thưởng (đồng)", "")]
        # "Họ và tên" holds "Ông Bùi Quang Hưng Anh" (about 4.9 cm at 13 pt; 3100 twips less the
        # cell margins is 5.1 cm) on one line; the office beside it wraps in any case.
        individual = [(700, "STT", ""), (3100, "Họ và tên", ""), (3554, "Chức vụ, đơn vị công tác", ""),
                      (2000, "Tiền thưởng (đồng)", "")]
    else:
        collective = [(700, "STT", ""), (8654, "Tên tập thể", "")]
        individual = [(700, "STT", ""), (3600, "Họ và tên", ""), (5054, "Chức vụ, đơn vị công tác", "")]
    name_cell = (p("BangChu", "{{ r.name | keep_names(pairs=True) }}") + p("BangGhiChu", "{%p if r.achievement %}")
                 + p("BangGhiChu", "{{ r.achievement }}") + p("BangGhiChu", "{%p endif %}"))
    coll_row = [("", p("BangGiua", "{{ r.number }}")), ("", name_cell)]
    ind_row = [("", p("BangGiua", "{{ r.number }}")), ("", name_cell), ("", p("BangChu", "{{ r.position_office | keep_names(pairs=True) }}"))]
    if with_money:
        coll_row.append(("", p("BangSo", "{{ r.amount_text }}")))
        ind_row.append(("", p("BangSo", "{{ r.amount_text }}")))

    def totals(cols: list[tuple[int, str, str]]) -> str:
        # A subtotal per group where tập thể and cá nhân both appear, the total under the last.
        widths = [w for w, _, _ in cols]
        return (total_rows(widths, "d.groups | length > 1", "Cộng: {{ g.count | count }} " + KIND,
                           "{{ g.total | format_number }}" if with_money else None)
                + total_rows(widths, "loop.last", "Tổng cộng: " + COUNTS,
                             "{{ d.total | format_number }}" if with_money else None))

    return "".join([
        p("DanhSachNhom", '{%p if g.kind == "collective" %}'),
        list_table(collective, coll_row, tail=totals(collective)),
        p("DanhSachNhom", "{%p else %}"),
        list_table(individual, ind_row, tail=totals(individual)),
        p("DanhSachNhom", "{%p endif %}"),
    ])


def decision_list() -> str:
    """The decision's list on its own pages: title, the (Kèm theo …) line, one table per group."""
    return "".join([
        p("DanhSachTieuDe", "DANH SÁCH"),
        p("DanhSachTieuDe", "{% if d.collectives and d.individuals %}Tập thể, cá nhân{% elif d.collectives %}"
                            "Tập thể{% else %}Cá nhân{% endif %} được " + FORMS_AWARDED),
        p("DanhSachKemTheo", "(Kèm theo Quyết định số {{ d.symbol }} {{ d.date | format_date }} của"
                             " {{ org.head.title | nobreak }} {{ org.name | nobreak }})"),
        title_line(120),
        p("DanhSachNhom", "{%p for g in d.groups %}"),
        p("DanhSachNhom", '{% if d.groups | length > 1 %}{{ g.index | roman }}. {% endif %}'
                          '{% if g.kind == "collective" %}TẬP THỂ{% else %}CÁ NHÂN{% endif %}'),
        p("DanhSachNhom", "{%p if d.money %}"),
        award_tables(with_money=True),
        p("DanhSachNhom", "{%p else %}"),
        award_tables(with_money=False),
        p("DanhSachNhom", "{%p endif %}"),
        p("DanhSachNhom", "{%p endfor %}"),
    ])


def quyet_dinh_body() -> str:
    article1 = ("{% for f in d.forms %}{% if loop.first %}{{ f.verb | capfirst }}{% else %} và {{ f.verb }}"
                "{% endif %} {{ f.label }}{% if f.title %} " + D_YEAR + "{% endif %}{% endfor %} cho "
                f"{{% if {LISTED} %}}{COUNTS} (có danh sách kèm theo), {{{{ d.achievement | keep_names }}}}"
                f"{{% else %}}{NAMED}{{% if not d.all_own %}}, {{{{ d.achievement | keep_names }}}}{{% endif %}}{{% endif %}}.")
    article2 = ("Tiền thưởng kèm theo: {% if d.count == 1 %}{{ d.total | format_number }} đồng"
                " ({{ d.total | amount_in_words }}){% else %}"
                f"{{% if d.each_collective or d.each_individual %}}{MONEY_EACH}"
                f"{{% if {LISTED} %}}, theo danh sách kèm theo{{% endif %}}. "
                f"{{% elif {LISTED} %}}theo danh sách kèm theo. {{% endif %}}"
                "Tổng số tiền thưởng là {{ d.total | format_number }} đồng ({{ d.total | amount_in_words }})"
                "{% endif %}, trích từ {{ d.fund | nobreak(org.name) }}.")
    # The awardees are named once: by the template, unless the record's executors end naming them
    # ("… và các cá nhân có tên tại Điều 1"), a check on the value's words, spacing and case aside.
    article3 = ("Quyết định này có hiệu lực kể từ ngày ký. {{ d.executors | keep_names }}{% if not"
                " (d.executors.split() | join(' ') | lower).rstrip(' .;,').endswith('có tên tại điều 1') %} và"
                " {% if d.count > 1 %}các {% endif %}" + WHO + " có tên tại Điều 1{% endif %} chịu trách nhiệm"
                " thi hành Quyết định này./.")
    return "".join([
        award_header_table(),
        p("TenLoai", SET_YEAR + "QUYẾT ĐỊNH"),
        p("TrichYeu", "Về việc " + FORMS_AWARDED.replace("keep_names", "keep_title")),
        title_line(),
        p("ThamQuyen", "{{ (org.head.title ~ ' ' ~ org.name) | upper }}"),
        cancu(),
        p("CanCu", "Xét đề nghị của {{ d.proposed_by }}."),
        p("QuyetDinhLenh", "QUYẾT ĐỊNH:"),
        article("Điều 1.", article1),
        p("NoiDung", "{%p if d.money %}"),
        article("Điều 2.", article2),
        p("NoiDung", "{%p endif %}"),
        article(f"Điều {EXECUTORS_ARTICLE}.", article3, KEEP_WITH_SIGNATURE),
        signature_table("d", lead=(f"- Như Điều {EXECUTORS_ARTICLE};",),
                        tail=("- Lưu: VT{% if d.archive %}, {{ d.archive }}{% endif %}.",)),
        p("DanhSachTieuDe", f"{{%p if {LISTED} %}}"),
        section_break(),
        decision_list(),
        p("DanhSachTieuDe", "{%p endif %}"),
    ])


TO_WHOLE = 50  # characters: a recipient kept whole in a list's title (a 14 pt bold line holds about 60)


def proposal_list() -> str:
    return "".join([
        p("DanhSachTieuDe", "DANH SÁCH"),
        # "tặng thưởng" is one word: a no-break space keeps the title from ending a line inside it.
        # The recipient ("Chủ tịch Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu") is kept whole, so the
        # balanced title breaks around it (layout.balance_titles), unless longer than TO_WHOLE.
        p("DanhSachTieuDe", WHO_CAP + " đề nghị {% if d.to | length > " + str(TO_WHOLE) + " %}{{ d.to | nobreak }}"
          "{% else %}{{ d.to | replace(' ', '\u00a0') }}{% endif %} tặng\u00a0thưởng " + D_YEAR),
        p("DanhSachKemTheo", "(Kèm theo Tờ trình số {{ d.symbol }} {{ d.date | format_date }} của {{ org.name | nobreak }})"),
        title_line(120),
        p("DanhSachNhom", "{%p for g in d.groups %}"),
        p("DanhSachNhom", '{{ g.index | roman }}. {% if g.kind == "collective" %}TẬP THỂ{% else %}CÁ NHÂN'
                          '{% endif %} ĐỀ NGHỊ TẶNG {{ g.form.label | nobreak | upper }}'),
        award_tables(with_money=False),
        p("DanhSachNhom", "{%p endfor %}"),
    ])


def to_trinh_body() -> str:
    return "".join([
        award_header_table(),
        p("TenLoai", SET_YEAR + "TỜ TRÌNH"),
        p("TrichYeu", "Về việc đề\u00a0nghị tặng {{ d.forms | map(attribute='label') | join(', ') | keep_title }} " + D_YEAR),
        title_line(),
        p("KinhGui", "Kính gửi: {{ d.to | keep_names(pairs=True) }}"),
        cancu(last="."),
        p("NoiDung", "Thực hiện phong trào thi đua “{{ d.movement | keep_names }}” " + D_YEAR + ", căn cứ thành tích đạt"
                     " được, {{ org.name | nobreak }} kính trình {{ d.to | nobreak }} xem xét, tặng thưởng cho"
                     " {% if d.count > 1 %}các {% endif %}" + WHO + " có"
                     " thành tích (có danh sách và báo cáo thành tích kèm theo), cụ thể:"),
        p("NoiDung", "{%p for f in d.forms %}"),
        p("NoiDung", '{{ loop.index }}. {{ f.label | capfirst }}: {{ {"tập thể": f.collectives, "cá nhân": f.individuals}'
                     ' | count_phrase }}{% if loop.last %}.{% else %};{% endif %}'),
        p("NoiDung", "{%p endfor %}"),
        # The name opens the paragraph: a name of up to a line never meets its first line's end,
        # its spaces stay breakable (LEAD_NAME; plain, so the template's line stays one line).
        p("NoiDung", "{{ org.name }} kính trình {{ d.to | nobreak }} xem xét, quyết định./.", KEEP_WITH_SIGNATURE),
        signature_table("d", lead=("- Như trên;",),
                        tail=("- Lưu: VT{% if d.archive %}, {{ d.archive }}{% endif %}.",)),
        section_break(),
        proposal_list(),
    ])


GENERAL_KINDS = [*BODY_KINDS, ("chapter", "Chuong")]


def blocks_loop(blocks: str) -> str:
    """Body blocks of the general document: numbered parts, paragraphs, items and tables."""
    out = [p("NoiDung", f"{{%p for block in {blocks} %}}")]
    for i, (kind, style) in enumerate(GENERAL_KINDS):
        tag = "if" if i == 0 else "elif"
        out.append(p("NoiDung", f'{{%p {tag} block.kind == "{kind}" %}}'))
        out.append(p(style, "{{ block.text | keep_names }}"))
    out.append(p("NoiDung", '{%p elif block.kind == "table" %}'))
    out.append(p("BangChu", "{{p block.table }}"))
    out.append(p("NoiDung", "{%p else %}"))
    out.append(p("NoiDung", "{{ block.text | keep_names(opening=True) }}"))
    out.append(p("NoiDung", "{%p endif %}"))
    out.append(p("NoiDung", "{%p endfor %}"))
    return "".join(out)


def kinh_gui() -> str:
    """Kính gửi: one addressee on the line itself, without a full stop ("Kính gửi: Bộ Nội vụ",
    Decree 30 Phụ lục I Mục V, 9a; the award tờ trình and the reports write it so), several as a
    list under it, each ending ";" and the last "." (Phụ lục I §II.9.d)."""
    return "".join([
        p("KinhGui", "{%p if doc.to | length == 1 %}"),
        p("KinhGui", "Kính gửi: {{ doc.to[0] | keep_names(pairs=True) }}"),
        p("KinhGui", "{%p elif doc.to %}"),
        p("KinhGuiNhieu", "Kính gửi:"),
        p("KinhGuiMuc", "{%p for name in doc.to %}"),
        p("KinhGuiMuc", "- {{ name | keep_names(pairs=True) }}{% if loop.last %}.{% else %};{% endif %}"),
        p("KinhGuiMuc", "{%p endfor %}"),
        p("KinhGui", "{%p endif %}"),
    ])


def general_body() -> str:
    """Căn cứ, the decision's "QUYẾT ĐỊNH:", body blocks, Điều and the closing paragraphs."""
    label = '<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">Điều {{ article.number }}. </w:t></w:r>'
    text = '<w:r><w:t xml:space="preserve">{{ article.text | keep_names }}</w:t></w:r>'
    return "".join([
        p("NoiDung", "{%p for basis in doc.bases %}"),
        p("NoiDung", "{%p if doc.bases_italic %}"),
        p("CanCu", "{{ basis | keep_names }}"),
        p("NoiDung", "{%p else %}"),
        p("NoiDung", "{{ basis | keep_names }}"),
        p("NoiDung", "{%p endif %}"),
        p("NoiDung", "{%p endfor %}"),
        p("QuyetDinhLenh", '{%p if doc.articles and doc.type_abbr == "NQ" %}'),
        p("QuyetDinhLenh", "QUYẾT NGHỊ:"),
        p("QuyetDinhLenh", "{%p elif doc.articles %}"),
        p("QuyetDinhLenh", "QUYẾT ĐỊNH:"),
        p("QuyetDinhLenh", "{%p endif %}"),
        blocks_loop("doc.blocks"),
        p("NoiDung", "{%p for article in doc.articles %}"),
        f'<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr>{label}{text}</w:p>',
        blocks_loop("article.blocks"),
        p("NoiDung", "{%p endfor %}"),
        p("NoiDung", "{%p for paragraph in doc.closing %}"),
        # The closing stays on the page of the signature, so that page never holds it alone.
        p("NoiDung", "{{ paragraph | keep_names(opening=True) }}", ppr="<w:keepNext/>"),
        p("NoiDung", "{%p endfor %}"),
    ])


def annexes() -> str:
    """Each Phụ lục or DANH SÁCH on its own pages, numbered from 1 (Phụ lục I, III.1)."""
    return "".join([
        p("NoiDung", "{%p for annex in doc.annexes %}"),
        section_break(),
        p("PhuLuc", "{%p if annex.label %}"),
        p("PhuLuc", "{{ annex.label }}"),
        p("PhuLuc", "{%p endif %}"),
        p("DanhSachTieuDe", "{{ annex.title }}"),
        p("DanhSachKemTheo", "{{ annex.attached | keep_names }}"),
        title_line(240),
        blocks_loop("annex.blocks"),
        p("NoiDung", "{%p endfor %}"),
    ])


def van_ban_body() -> str:
    """Any document with a tên loại: quyết định, kế hoạch, báo cáo, tờ trình, thông báo, …"""
    return "".join([
        header_table("{{ doc.number | doc_number(doc.type_abbr, header.abbreviation, doc.drafting_unit) }}",
                     "{{ header.place | place_date(doc.date) }}"),
        p("TenLoai", "{{ doc.title }}"),
        p("TrichYeu", "{{ doc.subject | keep_title }}"),
        title_line(240),
        kinh_gui(),
        p("ThamQuyen", "{%p if doc.authority %}"),
        p("ThamQuyen", "{{ doc.authority }}"),
        p("ThamQuyen", "{%p endif %}"),
        general_body(),
        signature_table("doc", listed=True),
        annexes(),
    ])


def cong_van_body() -> str:
    """A công văn: no tên loại; "V/v" with its trích yếu under the number (Phụ lục I, II.5.b)."""
    number = (p("SoKyHieu", "{{ doc.number | doc_number(doc.type_abbr, header.abbreviation, doc.drafting_unit) }}")
              + p("VeViec", "V/v {{ doc.subject | keep_title }}"))
    return "".join([
        header_table_xml(number, p("DiaDanhNgay", "{{ header.place | place_date(doc.date) }}")),
        p("NoiDung", "", ppr='<w:spacing w:after="0"/>'),
        kinh_gui(),
        general_body(),
        signature_table("doc", listed=True),
        annexes(),
    ])


BLANK = " " * 6  # as docgen/vn: BLANK_NUMBER, dates.BLANK


def field(alias: str, field_id: str, placeholder: str = "…") -> str:
    """A plain-text content control, named by its alias (LibreOffice keeps the alias, not the tag)."""
    return (
        f'<w:sdt><w:sdtPr><w:alias w:val="{alias}"/><w:tag w:val="{alias}"/><w:id w:val="{field_id}"/>'
        '<w:text w:multiLine="1"/></w:sdtPr><w:sdtContent>'
        f'<w:r><w:t xml:space="preserve">{placeholder}</w:t></w:r></w:sdtContent></w:sdt>'
    )


def p_runs(style: str, *pieces: str) -> str:
    """A paragraph of text runs and content controls ("Số: " + field + "/BC-…")."""
    body = "".join(piece if piece.startswith("<w:sdt>") else
                   f'<w:r><w:t xml:space="preserve">{escape(piece)}</w:t></w:r>' for piece in pieces if piece)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{body}</w:p>'


# A heading straight after a table stands as far from the table's last line of text as from a
# paragraph's: 8 pt above it (measured: 6 pt left 4.6 pt between the glyphs, a paragraph's 6 pt 6.3 pt).
AFTER_TABLE = '<w:spacing w:before="160"/>'


def bieu_mau_body() -> str:
    # The number and day the văn thư fills are left as spaces, as in the decree's samples and in
    # every other docgen document ("Số:      /…", "ngày      tháng").
    # The spaces around a field stay when it is filled: "Số: 05/…", "ngày 05 tháng".
    number = p_runs("SoKyHieu", "Số: ", field("docgen:meta:number", "11", BLANK[1:]), "{{ f.number_suffix }}")
    date = p_runs("DiaDanhNgay", "{{ f.header.place }}, ngày ", field("docgen:meta:day", "12", BLANK[2:]), " tháng ",
                  field("docgen:meta:month", "13", BLANK[2:]), " năm {{ f.dated_year }}")
    # docgen sizes the columns by content (docgen/render/widths.py); the blanks the unit fills keep
    # at least these widths: "Thực hiện" a figure like "12.345", "Tỷ lệ" "100,0", "Ghi chú" a word.
    cols = [(700, "STT", ""), (4854, "Chỉ tiêu", ""), (800, "Đơn vị tính", ""), (1000, "Kế hoạch", ""),
            (900, "Thực hiện", ""), (700, "Tỷ lệ (%)", ""), (600, "Ghi chú", "")]
    row = [("", p("BangGiua", "{{ loop.index }}")), ("", p("BangChu", "{{ t.target.name | keep_names(pairs=True) }}")),
           ("", p("BangGiua", "{{ t.target.unit }}")), ("", p("BangSo", "{{ t.planned_text }}")),
           ("", p_runs("BangSo", field("docgen:target:{{ t.id }}", "{{ t.field_id }}"))),
           ("", p_runs("BangSo", field("docgen:rate:{{ t.id }}", "{{ t.field_id + 1 }}"))),
           # The note too shows the dots every blank the unit fills shows (issue 11, item 6).
           ("", p_runs("BangChu", field("docgen:note:{{ t.id }}", "{{ t.field_id + 2 }}")))]

    def text_field(name: str, n: int, lead: str = "") -> str:
        return p_runs("NoiDung", lead, field(f"docgen:text:{name}", str(n)))

    return "".join([
        header_table_xml(number, date),
        p("TenLoai", "BÁO CÁO"),
        p("TrichYeu", F_SET_YEAR + "Kết\u00a0quả thực\u00a0hiện phong\u00a0trào thi\u00a0đua “{{ f.movement | keep_title }}” " + D_YEAR),
        title_line(),
        p("KinhGui", "Kính gửi: {% if org.addressed_as %}{{ org.addressed_as | keep_names(pairs=True) }}{% else %}{{ org.name | nobreak }} tỉnh"
                     " {{ org.place | keep_names }}{% endif %}"),
        p("NoiDung", "Thực hiện " + plan_cite("f.plan") + " phát động phong trào thi đua " + D_YEAR + ","
                     " {{ f.unit.name | nobreak }} báo cáo kết quả thực hiện như sau:"),
        p("Muc1", "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI"),
        text_field("chi_dao", 21),
        p("Muc1", "II. KẾT QUẢ THỰC HIỆN"),
        p("Muc2", "1. Kết quả thực hiện các chỉ tiêu"),
        list_table(cols, row, loop="t in f.targets"),
        # The 6 pt after the table is this heading's own space before, not an empty "ND30 Sau bảng"
        # paragraph: with that paragraph LibreOffice 7.4 dropped the keep-with-next of a heading
        # further down the page ("VI. ĐỀ XUẤT, KIẾN NGHỊ" alone at the foot of page 1 of a unit's form);
        # see tests/test_heading_keep.py. A mitigation: LibreOffice's keep fails at other page heights
        # still (issue 11 notes), which `docgen lint --pages` reports.
        p("Muc2", "2. Kết quả theo từng lĩnh vực", AFTER_TABLE),
        text_field("ket_qua_linh_vuc", 22),
        p("Muc2", "3. Mô hình, sáng kiến, điển hình tiên tiến"),
        text_field("mo_hinh", 23),
        p("Muc1", "III. CÔNG TÁC KHEN THƯỞNG"),
        text_field("khen_thuong", 24),
        p("Muc1", "IV. ĐÁNH GIÁ CHUNG"),
        text_field("ton_tai", 25, "Tồn tại, hạn chế và nguyên nhân: "),
        p("Muc1", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ"),
        text_field("phuong_huong", 26),
        p("Muc1", "VI. ĐỀ XUẤT, KIẾN NGHỊ"),
        text_field("kien_nghi", 27),
        p("NoiDung", "{%p if f.deadline %}"),
        p("NoiDung", "Báo cáo gửi về " + LEAD_NAME + "{% if f.via %} (qua {{ f.via | nobreak }}){% endif %} trước"
                     " {{ f.deadline | format_date | nobreak }}./.", KEEP_WITH_SIGNATURE),
        p("NoiDung", "{%p endif %}"),
        signature_table("f", lead=("- Như trên;",), tail=("- Lưu: VT.",)),
    ])


VERDICT = ('{% if r.verdict == "above" %}Vượt{% elif r.verdict == "met" %}Đạt{% elif r.verdict == "below" %}'
           'Không đạt{% elif r.verdict == "not_due" %}Chưa đến hạn{% else %}Chưa đủ số liệu{% endif %}')
VERDICT_LOWER = ('{% if r.verdict == "above" %}vượt kế hoạch{% elif r.verdict == "met" %}đạt kế hoạch'
                 '{% elif r.verdict == "not_due" %}chưa đạt mức đặt cho cuối giai đoạn, chưa đến hạn đánh giá'
                 '{% else %}không đạt kế hoạch{% endif %}')


def merged(key: str, empty: str = "Các đơn vị chưa báo cáo nội dung này.") -> str:
    """The units' statements of one part: the same statement once, with how many units made it;
    a statement only one unit made, under that unit's name."""
    return (p("GachDau", f"{{%p for s in rep.sections.{key} %}}")
            + p("GachDau", "- {% if s.units | length > 1 %}{{ s.units | length }}/{{ rep.reported_count }}"
                           " đơn vị: {% else %}{{ s.units[0] | keep_names }}: {% endif %}{{ s.text | keep_names }}")
            + p("GachDau", "{%p else %}")
            + p("NoiDung", empty)
            + p("GachDau", "{%p endfor %}"))


# A list inside a sentence reads "A, B và C" (vn.join_and): the comma between, "và" before the last.
LIST_SEP = "{% if not loop.first %}{% if loop.last %} và {% else %}, {% endif %}{% endif %}"


def target_sentence() -> str:
    """Section III: one line per target, key figures inline, the leading and lagging units named
    by their full (display) names: short names are column titles of the tables only. A unit's name
    keeps its words of two syllables on one line ("Trung" / "tâm Y tế" is what a văn thư sends
    back), as a list's cell keeps them (keep_names pairs)."""
    return (
        "- {{ r.name }}: {% if r.actual %}thực hiện {{ r.actual }}{% if r.unit != '%' %} {{ r.unit }}{% endif %}"
        "{% if r.previous %} (năm {{ rep.year - 1 }}: {{ r.previous }}){% endif %}"
        '{% if r.verdict == "insufficient" %}, chưa đủ số liệu để đánh giá (chưa có số liệu của'
        " {{ r.missing_names | join_and | keep_names(pairs=True) }}){% elif r.unit == '%' %}, kế hoạch {{ r.compared }}, " + VERDICT_LOWER
        + "{% else %}, bằng {{ r.ratio }}% kế hoạch{% if r.like_for_like %} của các đơn vị đã báo cáo"
        " ({{ r.compared }}; chưa có số liệu của {{ r.missing_names | join_and | keep_names(pairs=True) }}){% else %} ({{ r.compared }})"
        "{% endif %}, " + VERDICT_LOWER + "{% endif %}"
        # The leading units share the best rate (model.consolidated): it is said once, after them.
        "{% if r.leading %}; dẫn đầu: {{ r.leading | map(attribute='name') | join_and | keep_names(pairs=True) }}"
        "{% if r.leading[0].ratio %} ({{ r.leading[0].ratio }}%){% endif %}{% endif %}"
        "{% if r.lagging %}; chưa đạt: {% for n in r.lagging %}" + LIST_SEP + "{{ n.name | keep_names(pairs=True) }}"
        "{% if n.ratio %} ({{ n.ratio }}%){% endif %}{% endfor %}{% endif %}"
        "{% else %}chưa có đơn vị nào báo cáo số liệu{% endif %}."
    )


# Section IV: what was issued is cited with its number and day; a draft is counted as a draft
# ("dự thảo … đang trình ký"), never said to be issued.
CITE_ISSUED = "Quyết định số {{ s.symbol }} {{ s.date | cite_date }}"
AWARDS_SENTENCE = (
    "{% set aw = rep.awards %}"
    "{% if aw.issued_decisions %}{{ org.head.title | nobreak }} {{ org.name | nobreak }} đã ban hành"
    " {{ aw.issued_decisions | length }} quyết định khen thưởng ({% for s in aw.issued_decisions %}"
    "{% if not loop.first %}, {% endif %}" + CITE_ISSUED + "{% endfor %})"
    "{% if aw.money != '0' %}, tổng số tiền thưởng {{ aw.money }} đồng{% endif %}{% endif %}"
    "{% if aw.draft_decisions %}{% if aw.issued_decisions %}; {% endif %}{{ aw.draft_decisions | length }} dự thảo"
    " quyết định khen thưởng đang trình {{ org.head.title | nobreak }} ký{% endif %}"
    "{% for s in aw.issued_proposals %}{% if aw.decisions or not loop.first %}; đã{% else %}Đã{% endif %} đề nghị"
    " {{ s.to | nobreak }} khen thưởng tại Tờ trình số {{ s.symbol }} {{ s.date | cite_date }}{% endfor %}"
    "{% for s in aw.draft_proposals %}{% if aw.decisions or aw.issued_proposals or not loop.first %}; d{% else %}D"
    "{% endif %}ự thảo Tờ trình đề nghị {{ s.to | nobreak }} khen thưởng đang trình ký{% endfor %}."
    " Tổng hợp theo hình thức:")


def award_summary_table() -> str:
    """Section IV: counts and money by award form, with the decision or tờ trình of each."""
    cols = [(700, "STT", ""), (2954, "Hình thức, danh hiệu", ""), (1000, "Tập thể", ""), (1000, "Cá nhân", ""),
            (1600, "Tiền thưởng (đồng)", ""), (2100, "Văn bản", "")]
    row = [("", p("BangGiua", "{{ loop.index }}")), ("", p("BangChu", "{{ a.label | capfirst }}")),
           ("", p("BangSo", "{{ a.collectives }}")), ("", p("BangSo", "{{ a.individuals }}")),
           ("", p("BangSo", "{% if a.money %}{{ a.money }}{% else %}—{% endif %}")),
           ("", p("BangChu", '{% if a.kind == "decision" %}Quyết định{% else %}Tờ trình{% endif %}'
                             " {% if a.numbered %}số {{ a.symbol }}{% else %}(dự thảo){% endif %}"))]
    return list_table(cols, row, loop="a in rep.awards.lines")


KEEP_WITH_TABLE = "<w:keepNext/>"  # a group's heading stays on the page of its table


def annex_break() -> str:
    """Ends the body (or an annex) before a Phụ lục: the section's last paragraph is one exact
    point high, so a signature that fills its page is not followed by a blank page."""
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
            f'<w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{sect_pr()}</w:pPr></w:p>')


def annex_head(label: str, title: str, report: str) -> str:
    """A Phụ lục of a report on its own pages (Mẫu 2.1): label, title, the (Kèm theo …) line."""
    return "".join([
        annex_break(),
        p("PhuLuc", label),
        p("DanhSachTieuDe", title),
        p("DanhSachKemTheo", f"(Kèm theo Báo cáo số {{{{ {report}.symbol }}}} {{{{ {report}.date | format_date }}}}"
                             " của {{ org.name | nobreak }})"),
        title_line(after=240),
    ])


def annex_one() -> str:
    """Phụ lục I: the province-level table, last year beside this year, the notes of each row."""
    # Figures need about 1.000 twips at 13 pt: the name gets the rest, so its rows stay two lines high.
    cols = [(700, "STT", ""), (4300, "Chỉ tiêu", ""), (800, "Đơn vị tính", ""), (1300, "Kế hoạch", ""),
            (1100, "Thực hiện năm trước", ""), (1100, "Thực hiện năm báo cáo", ""),
            (1100, "Kế hoạch so sánh", ""), (750, "Tỷ lệ (%)", ""), (1100, "Đánh giá", ""), (2036, "Ghi chú", "")]
    note = (p("BangChu", "{%p if r.missing %}")
            + p("BangChu", "Chưa có số liệu: {{ r.missing | join(', ') | keep_names(pairs=True) }}.")
            + p("BangChu", "{%p endif %}")
            + p("BangChu", "{%p for n in r.notes %}")
            + p("BangChu", "{{ n.unit | keep_names(pairs=True) }}: {{ n.text | keep_names(pairs=True) }}")
            + p("BangChu", "{%p endfor %}")
            + p("BangChu", "{%p for c in r.rate_checks %}")
            + p("BangChu", "{{ c.unit }} ghi tỷ lệ {{ c.typed }}%{% if c.computed %}, tính được"
                           " {{ c.computed }}%{% else %}, chỉ tiêu không chia cho đơn vị{% endif %}.")
            + p("BangChu", "{%p endfor %}"))
    row = [("", p("BangGiua", "{{ r.number }}")), ("", p("BangChu", "{{ r.name | keep_names(pairs=True) }}")),
           ("", p("BangGiua", "{{ r.unit }}")), ("", p("BangSo", "{{ r.planned }}")),
           ("", p("BangSo", "{% if r.previous %}{{ r.previous }}{% else %}—{% endif %}")),
           ("", p("BangSo", "{% if r.actual %}{{ r.actual }}{% else %}—{% endif %}")),
           ("", p("BangSo", "{% if r.compared %}{{ r.compared }}{% else %}—{% endif %}")),
           ("", p("BangSo", "{% if r.ratio %}{{ r.ratio }}{% else %}—{% endif %}")),
           ("", p("BangGiua", VERDICT)), ("", note)]
    return annex_head("Phụ lục I", REP_SET_YEAR + "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU {{ y | upper }}", "rep") + list_table(
        cols, row, loop="r in rep.targets")


def annex_two() -> str:
    """Phụ lục II: one matrix per unit group, the units by their short names."""
    return "".join([
        annex_head("Phụ lục II", REP_SET_YEAR + "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG ĐƠN VỊ {{ y | upper }}", "rep"),
        p("NoiDung", "Mỗi ô ghi số liệu thực hiện; số trong ngoặc là kế hoạch được giao của đơn vị (chỉ tiêu"
                     " được chia cho từng đơn vị); số in đậm: chưa đạt kế hoạch; —: chưa có số liệu."),
        p("DanhSachNhom", "{%p for g in rep.matrices %}"),
        p("DanhSachNhom", "{{ loop.index }}. {{ g.name }}", KEEP_WITH_TABLE),
        p("BangChu", '{{p g.table("Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Cả nhóm") }}'),
        p("DanhSachNhom", "{%p endfor %}"),
    ])


def own_texts(key: str) -> str:
    """The office's own paragraphs of one section (results/<year>/bao-cao.yaml), each as typed."""
    return (p("NoiDung", f"{{%p for t in rep.texts.{key} %}}")
            + p("NoiDung", "{{ t | keep_names }}")
            + p("NoiDung", "{%p endfor %}"))


def bao_cao_body() -> str:
    """The báo cáo tổng hợp (Mẫu 1.4): a synthesis in sections I-VII, then its landscape annexes."""
    return "".join([
        header_table("{{ rep.number_line }}", "{{ header.place | place_date(rep.date) }}"),
        p("TenLoai", "BÁO CÁO"),
        p("TrichYeu", REP_SET_YEAR + "Kết\u00a0quả thực\u00a0hiện phong\u00a0trào thi\u00a0đua “{{ rep.movement | keep_title }}” " + D_YEAR),
        title_line(),
        p("KinhGui", "Kính gửi: {% if org.superior %}{{ org.superior | keep_names(pairs=True) }}{% else %}Ủy ban nhân dân tỉnh"
                     " {{ org.place | keep_names }}{% endif %}"),
        p("NoiDung", "Thực hiện " + plan_cite("rep.plan") + " phát động phong trào thi đua “{{ rep.movement | keep_names }}”,"
                     " {{ org.name | nobreak }} báo cáo kết quả thực hiện " + D_YEAR + " như sau:"),
        p("Muc1", "I. ĐẶC ĐIỂM TÌNH HÌNH"),
        p("NoiDung", "{%p for paragraph in rep.situation %}"),
        p("NoiDung", "{{ paragraph | keep_names(opening=True) }}"),
        p("NoiDung", "{%p endfor %}"),
        p("NoiDung", "Phong trào thi đua " + D_YEAR + " được triển khai tới {{ rep.units }} đơn vị"
                     "{% for g in rep.groups %}{% if loop.first %} ({% else %}; {% endif %}{{ g[0] | group_phrase }}: {{ g[1] }}"
                     "{% if loop.last %}){% endif %}{% endfor %}. Đến hạn báo cáo, {{ rep.reported_count }}/{{ rep.units }}"
                     " đơn vị đã gửi báo cáo{% if rep.not_reported %}; chưa có báo cáo của"
                     " {{ rep.not_reported | join_and | keep_names }}{% endif %}."),
        p("Muc1", "II. CÔNG TÁC CHỈ ĐẠO, TỔ CHỨC PHONG TRÀO"),
        p("NoiDung", LEAD_NAME + " đã ban hành " + plan_cite("rep.plan", issuer=False) + ", giao chỉ tiêu cho các đơn vị"
                     " và hướng dẫn các đơn vị báo cáo kết quả."),
        own_texts("leadership"),
        p("NoiDung", "Tại các đơn vị:"),
        merged("chi_dao"),
        p("Muc1", "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU, NHIỆM VỤ"),
        # A verdict no target has is left out ("0 chỉ tiêu không đạt" says nothing).
        p("NoiDung", "Trong {{ rep.targets | length }} chỉ tiêu của Kế hoạch, {% set c = rep.counts %}{% for n, what in"
                     " [(c.above, 'vượt kế hoạch'), (c.met, 'đạt'), (c.below, 'không đạt'), (c.insufficient,"
                     " 'chưa đủ số liệu để đánh giá'), (c.not_due, 'đặt cho cuối giai đoạn chưa đạt mức đó, chưa đến"
                     " hạn đánh giá')] if n %}{% if not loop.first %}, {% endif %}{{ n }} chỉ tiêu {{ what }}"
                     "{% endfor %}. Mỗi chỉ tiêu được so với kế hoạch của chính các đơn vị đã báo cáo;"
                     " số liệu từng chỉ tiêu tại Phụ lục I, của từng đơn vị tại Phụ lục II kèm theo."),
        p("Muc2", "1. Các chỉ tiêu chủ yếu"),
        p("GachDau", "{%p for r in rep.targets %}"),
        p("GachDau", target_sentence()),
        p("GachDau", "{%p endfor %}"),
        p("Muc2", "2. Kết quả theo từng lĩnh vực"),
        own_texts("achievements"),
        merged("ket_qua_linh_vuc"),
        p("Muc2", "3. Mô hình, sáng kiến, điển hình tiên tiến"),
        merged("mo_hinh"),
        p("Muc1", "IV. CÔNG TÁC KHEN THƯỞNG"),
        p("NoiDung", "{%p if rep.awards %}"),
        p("NoiDung", AWARDS_SENTENCE),
        award_summary_table(),
        p("SauBang"),
        p("NoiDung", "{%p endif %}"),
        merged("khen_thuong", "Các đơn vị chưa báo cáo công tác khen thưởng."),
        p("Muc1", "V. ĐÁNH GIÁ CHUNG"),
        p("Muc2", "1. Ưu điểm"),
        # A strength is what was reached: no target met is not one (section III says how each went).
        p("NoiDung", "Phong trào thi đua được các đơn vị triển khai đồng bộ{% set ok = rep.counts.above"
                     " + rep.counts.met %}{% if ok %}; {{ ok }}/{{ rep.targets | length }} chỉ tiêu đạt và vượt"
                     " kế hoạch{% endif %}."),
        own_texts("strengths"),
        p("Muc2", "2. Tồn tại, hạn chế{% if not rep.texts.causes %} và nguyên nhân{% endif %}"),
        own_texts("shortcomings"),
        p("NoiDung", "{%p if rep.below %}"),
        p("NoiDung", "Chỉ tiêu chưa đạt kế hoạch: {{ rep.below | join('; ') }}."),
        p("NoiDung", "{%p endif %}"),
        p("NoiDung", "{%p if rep.not_reported %}"),
        p("NoiDung", "Còn {{ rep.not_reported | length }} đơn vị chưa gửi báo cáo đúng hạn{% if"
                     " rep.counts.insufficient %}, nên {{ rep.counts.insufficient }} chỉ tiêu chưa đủ số liệu"
                     " để đánh giá{% endif %}."),
        p("NoiDung", "{%p endif %}"),
        merged("ton_tai"),
        p("Muc2", "{%p if rep.texts.causes %}"),
        p("Muc2", "3. Nguyên nhân"),
        own_texts("causes"),
        p("Muc2", "{%p endif %}"),
        p("Muc1", "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ {% if rep.next_school_year %}NĂM HỌC {{ rep.next_school_year }}{% else %}NĂM {{ rep.year + 1 }}{% endif %}"),
        own_texts("next_year"),
        p("NoiDung", "{%p if rep.texts.next_year %}"),
        p("NoiDung", "Các đơn vị đề ra:"),
        p("NoiDung", "{%p endif %}"),
        merged("phuong_huong"),
        p("Muc1", "VII. KIẾN NGHỊ"),
        own_texts("proposals"),
        p("NoiDung", "{%p if rep.texts.proposals %}"),
        p("NoiDung", "Các đơn vị kiến nghị:"),
        p("NoiDung", "{%p endif %}"),
        merged("kien_nghi"),
        p("NoiDung", "Trên đây là báo cáo kết quả thực hiện phong trào thi đua " + D_YEAR + " của"
                     " {{ org.name | nobreak }}./.", KEEP_WITH_SIGNATURE),
        signature_table("rep", lead=("- Như trên;",),
                        tail=("- Lưu: VT{% if rep.archive %}, {{ rep.archive }}{% endif %}.",)),
        annex_one(),
        annex_two(),
    ])


def rev_texts(key: str) -> str:
    """The office's own paragraphs of one section of the period report (its documents/ record)."""
    return (p("NoiDung", f"{{%p for t in rev.texts.{key} %}}")
            + p("NoiDung", "{{ t | keep_names }}")
            + p("NoiDung", "{%p endfor %}"))


def so_ket_body() -> str:
    """The báo cáo sơ kết / tổng kết of the period: verdicts over the years, the table in an annex."""
    return "".join([
        header_table("{{ rev.number_line }}", "{{ header.place | place_date(rev.date) }}"),
        p("TenLoai", "BÁO CÁO"),
        # "giai đoạn" is one word: a no-break space keeps the trích yếu from ending a line inside it.
        p("TrichYeu", "{{ rev.kind | capfirst }} phong\u00a0trào thi\u00a0đua “{{ rev.movement | keep_title }}” giai\u00a0đoạn"
                      " {{ rev.first }}-{{ rev.last }}"),
        title_line(),
        p("KinhGui", "Kính gửi: {% if org.superior %}{{ org.superior | keep_names(pairs=True) }}{% else %}Ủy ban nhân dân tỉnh"
                     " {{ org.place | keep_names }}{% endif %}"),
        p("NoiDung", "Thực hiện " + plan_cite("rev.plan") + " phát động phong trào thi đua “{{ rev.movement | keep_names }}”,"
                     " {{ org.name | nobreak }} báo cáo {{ rev.kind }} kết quả thực hiện từ năm {{ rev.first }} đến năm"
                     " {{ rev.last }} như sau:"),
        p("Muc1", "{%p if rev.numbers.situation %}"),
        p("Muc1", "{{ rev.numbers.situation }}. ĐẶC ĐIỂM TÌNH HÌNH"),
        rev_texts("situation"),
        p("Muc1", "{%p endif %}"),
        p("Muc1", "{{ rev.numbers.years }}. KẾT QUẢ QUA CÁC NĂM"),
        p("GachDau", "{%p for y in rev.yearly %}"),
        p("GachDau", "- Năm {{ y[0] }}: {{ y[2] }}/{{ rev.units }} đơn vị báo cáo; {{ y[1].above }} chỉ tiêu vượt,"
                     " {{ y[1].met }} đạt, {{ y[1].below }} không đạt{% if y[1].insufficient %},"
                     " {{ y[1].insufficient }} chưa đủ số liệu{% endif %}{% if y[1].not_due %}, {{ y[1].not_due }}"
                     " chưa đến hạn đánh giá{% endif %}."),
        p("GachDau", "{%p endfor %}"),
        p("Muc1", "{{ rev.numbers.verdict }}. ĐÁNH GIÁ CẢ GIAI ĐOẠN"),
        p("NoiDung", "Chỉ tiêu giao cho từng năm đạt cả giai đoạn khi đạt kế hoạch ở mọi năm; chỉ tiêu đặt"
                     " cho cuối giai đoạn được đánh giá theo mức đạt được của năm gần nhất có đủ số liệu; chỉ"
                     " tiêu cộng dồn được đánh giá theo tổng số liệu các năm so với tổng kế hoạch các năm. Trong"
                     " {{ rev.rows | length }} chỉ tiêu: {{ rev.counts.above }} vượt, {{ rev.counts.met }} đạt,"
                     " {{ rev.counts.below }} không đạt{% if rev.counts.insufficient %}, {{ rev.counts.insufficient }}"
                     " chưa đủ số liệu{% endif %}{% if rev.counts.not_due %}, {{ rev.counts.not_due }} đặt cho cuối"
                     " giai đoạn chưa đạt mức đó, chưa đến hạn đánh giá{% endif %} (số liệu từng năm tại Phụ lục"
                     " kèm theo)."),
        p("GachDau", "{%p for r in rev.rows %}"),
        p("GachDau", '{%p if r.verdict == "below" %}'),
        p("GachDau", "- Chưa đạt: {{ r.name }} ({% if r.period == 'final' %}mức đạt năm {{ r.basis }}:"
                     " {{ r.years[r.basis - rev.first].actual }}, kế hoạch {{ r.planned }}"
                     "{% elif r.period == 'total' %}cộng dồn {{ r.total }}, bằng {{ r.ratio }}% kế hoạch các năm"
                     " ({{ r.total_planned }}){% else %}năm {% for y in r.years %}{% if y.verdict == 'below' %}"
                     "{{ rev.first + loop.index0 }} {% endif %}{% endfor %}không đạt{% endif %})."),
        p("GachDau", "{%p endif %}"),
        p("GachDau", "{%p endfor %}"),
        p("Muc2", "{%p if rev.numbers.strengths %}"),
        p("Muc2", "{{ rev.numbers.strengths }}. Ưu điểm"),
        rev_texts("strengths"),
        p("Muc2", "{%p endif %}"),
        p("Muc2", "{%p if rev.numbers.shortcomings %}"),
        p("Muc2", "{{ rev.numbers.shortcomings }}. Tồn tại, hạn chế"),
        rev_texts("shortcomings"),
        p("Muc2", "{%p endif %}"),
        p("Muc2", "{%p if rev.numbers.causes %}"),
        p("Muc2", "{{ rev.numbers.causes }}. Nguyên nhân"),
        rev_texts("causes"),
        p("Muc2", "{%p endif %}"),
        p("Muc1", "{%p if rev.numbers.next_period %}"),
        p("Muc1", "{{ rev.numbers.next_period }}. PHƯƠNG HƯỚNG, NHIỆM VỤ {% if rev.kind == 'sơ kết' %}CÁC NĂM"
                  " TIẾP THEO{% else %}GIAI ĐOẠN TỚI{% endif %}"),
        rev_texts("next_period"),
        p("Muc1", "{%p endif %}"),
        p("Muc1", "{%p if rev.numbers.proposals %}"),
        p("Muc1", "{{ rev.numbers.proposals }}. KIẾN NGHỊ"),
        rev_texts("proposals"),
        p("Muc1", "{%p endif %}"),
        p("NoiDung", "Trên đây là báo cáo {{ rev.kind }} phong trào thi đua giai đoạn {{ rev.first }}-{{ rev.last }}"
                     " của {{ org.name | nobreak }}./.", KEEP_WITH_SIGNATURE),
        signature_table("rev", lead=("- Như trên;",),
                        tail=("- Lưu: VT{% if rev.archive %}, {{ rev.archive }}{% endif %}.",)),
        annex_head("Phụ lục", "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU TỪNG NĂM, GIAI ĐOẠN {{ rev.first }}-{{ rev.last }}", "rev"),
        p("NoiDung", "Mỗi ô ghi số liệu thực hiện của năm và, trong ngoặc, tỷ lệ so với kế hoạch của các đơn vị"
                     " đã báo cáo; số in đậm: năm không đạt kế hoạch; —: chưa có số liệu."),
        p("BangChu", '{{p rev.table("STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Năm", "Đánh giá giai đoạn",'
                     ' "Vượt", "Đạt", "Không đạt", "Chưa đủ số liệu", "mức năm", "cộng dồn",'
                     ' "Chưa đến hạn") }}'),
    ])


def header_xml(with_page_number: bool) -> str:
    if with_page_number:
        content = (
            '<w:p><w:pPr><w:pStyle w:val="SoTrang"/></w:pPr>'
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            "<w:r><w:t>2</w:t></w:r>"
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )
    else:
        content = '<w:p><w:pPr><w:pStyle w:val="SoTrang"/></w:pPr></w:p>'
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:hdr>'
    )


SETTINGS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode"'
    ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="vi-VN"/></w:settings>'
)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)

DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>'
    "</Relationships>"
)


def core_xml(title: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:creator>docgen</dc:creator>"
        "<cp:lastModifiedBy>docgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        '<dcterms:created xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:created>'
        '<dcterms:modified xsi:type="dcterms:W3CDTF">2021-01-01T00:00:00Z</dcterms:modified>'
        "</cp:coreProperties>"
    )


APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)


def template_parts(title: str, body: str) -> dict[str, bytes]:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": core_xml(title),
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(body),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/header1.xml": header_xml(True),
        "word/header2.xml": header_xml(False),
    }
    return {name: text.encode("utf-8") for name, text in parts.items()}


TEMPLATES = {
    "ke-hoach.docx": lambda: template_parts("Mẫu kế hoạch", ke_hoach_body()),
    "quyet-dinh.docx": lambda: template_parts("Mẫu quyết định khen thưởng", quyet_dinh_body()),
    "to-trinh.docx": lambda: template_parts("Mẫu tờ trình đề nghị khen thưởng", to_trinh_body()),
    "bieu-mau.docx": lambda: template_parts("Biểu mẫu báo cáo kết quả của đơn vị", bieu_mau_body()),
    "bao-cao-tong-hop.docx": lambda: template_parts("Mẫu báo cáo tổng hợp kết quả", bao_cao_body()),
    "bao-cao-so-ket.docx": lambda: template_parts("Mẫu báo cáo sơ kết, tổng kết giai đoạn", so_ket_body()),
    "van-ban.docx": lambda: template_parts("Mẫu văn bản có tên loại", van_ban_body()),
    "cong-van.docx": lambda: template_parts("Mẫu công văn", cong_van_body()),
}


def main(out_dir: Path = ROOT / "templates") -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in TEMPLATES.items():
        write_package(out_dir / name, stamp(make()), deflate_all=True)  # the format: render/version.py
        print(out_dir / name)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates")
