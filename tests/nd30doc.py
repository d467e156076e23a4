"""Build small .docx files for checker tests: a correct Decree 30 decision, one part changed.

Each element is a paragraph spec (text and direct formatting); a test overrides one spec
(`qh={"size": 14}`) and expects exactly the rule it breaks. Written as plain XML, without
docgen's templates, so the checker is tested on documents docgen did not make.
"""

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LINE = {"text": "", "border_top": True, "size": 1, "align": "center", "line": 240}
BODY = {"size": 14, "align": "both", "first_line": 567, "after": 120, "line": 276}

SPECS: dict[str, dict] = {
    "cqcq": {"text": "UBND TỈNH NINH BÌNH", "size": 13, "align": "center"},
    "cqbh": {"text": "SỞ NỘI VỤ", "size": 13, "bold": True, "align": "center"},
    "cqbh_line": dict(LINE, indent=(1100, 1100)),
    "qh": {"text": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "size": 12, "bold": True, "align": "center"},
    "tn": {"text": "Độc lập - Tự do - Hạnh phúc", "size": 13, "bold": True, "align": "center"},
    "tn_line": dict(LINE, indent=(1000, 1000)),
    "so": {"text": "Số: 05/QĐ-SNV", "size": 13, "align": "center"},
    "date": {"text": "Ninh Bình, ngày 05 tháng 01 năm 2022", "size": 13, "italic": True, "align": "center"},
    "tenloai": {"text": "QUYẾT ĐỊNH", "size": 14, "bold": True, "align": "center"},
    "trichyeu": {"text": "Về việc tặng Giấy khen", "size": 14, "bold": True, "align": "center"},
    "trichyeu_line": {"text": "_" * 10, "size": 13, "align": "center"},  # 1/3-1/2 of the trích yếu
    "authority": {"text": "GIÁM ĐỐC SỞ NỘI VỤ", "size": 14, "bold": True, "align": "center"},
    "cancu1": dict(BODY, text="Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;", italic=True),
    "cancu2": dict(BODY, text="Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023;", italic=True),
    "denghi": dict(BODY, text="Xét đề nghị của Chánh Văn phòng Sở.", italic=True),
    "quyetdinh": {"text": "QUYẾT ĐỊNH:", "size": 14, "bold": True, "align": "center", "after": 120},
    "dieu1": dict(BODY, runs=[("Điều 1. ", {"bold": True}), ("Tặng Giấy khen cho 02 tập thể:", {})]),
    "diem_a": dict(BODY, text="a) Phòng Tổ chức cán bộ;"),
    "diem_b": dict(BODY, text="b) Văn phòng Sở."),
    "plain": dict(BODY, text="Đã có thành tích xuất sắc trong phong trào thi đua năm 2021."),
    "dieu2": dict(BODY, runs=[("Điều 2. ", {"bold": True}), ("Quyết định có hiệu lực kể từ ngày ký./.", {})]),
    "noinhan": {"text": "Nơi nhận:", "size": 12, "bold": True, "italic": True, "before": 240},
    "nn1": {"text": "- Như Điều 2;", "size": 11},
    "nn2": {"text": "- Lưu: VT, VP.", "size": 11},
    "sig1": {"text": "KT. GIÁM ĐỐC", "size": 14, "bold": True, "align": "center", "before": 240},
    "sig2": {"text": "PHÓ GIÁM ĐỐC", "size": 14, "bold": True, "align": "center"},
    "space": {"text": "", "size": 14},
    "name": {"text": "Trần Thị Bình", "size": 14, "bold": True, "align": "center"},
}

CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/part1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.header+xml"/>'
    '<Override PartName="/word/part2.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'wordprocessingml.header+xml"/></Types>')
PACKAGE_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>')

SECTION = {"w": 11906, "h": 16838, "top": 1134, "bottom": 1134, "left": 1701, "right": 851,
           "title_page": True, "orient": None}
PAGE_NUMBER = {"size": 13, "align": "center", "in": "header"}


def _run(text: str, props: dict) -> str:
    rpr = ""
    if props.get("font", "Times New Roman"):
        f = props.get("font", "Times New Roman")
        rpr += f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:cs="{f}"/>'
    if props.get("bold"):
        rpr += "<w:b/>"
    if props.get("italic"):
        rpr += "<w:i/>"
    if props.get("color"):
        rpr += f'<w:color w:val="{props["color"]}"/>'
    if props.get("size"):
        rpr += f'<w:sz w:val="{int(props["size"] * 2)}"/>'
    return f'<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(spec: dict) -> str:
    ppr = ""
    if spec.get("border_top"):
        ppr += '<w:pBdr><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:pBdr>'
    ppr += (f'<w:spacing w:before="{spec.get("before", 0)}" w:after="{spec.get("after", 0)}"'
            f' w:line="{spec.get("line", 240)}" w:lineRule="auto"/>')
    left, right = spec.get("indent", (0, 0))
    ppr += f'<w:ind w:left="{left}" w:right="{right}" w:firstLine="{spec.get("first_line", 0)}"/>'
    ppr += f'<w:jc w:val="{spec.get("align", "left")}"/>'
    if spec.get("num"):  # Word numbering: (numId, ilvl); the label takes the paragraph mark's size
        ppr = f'<w:numPr><w:ilvl w:val="{spec["num"][1]}"/><w:numId w:val="{spec["num"][0]}"/></w:numPr>' + ppr
        ppr += f'<w:rPr><w:sz w:val="{int(spec.get("size", 14) * 2)}"/></w:rPr>'

    base = {k: spec[k] for k in ("size", "bold", "italic", "font", "color") if k in spec}
    runs = spec.get("runs") or ([(spec["text"], {})] if spec.get("text") else [])
    body = "".join(_run(text, dict(base, **extra)) for text, extra in runs)
    if spec.get("lead_tab"):  # a line indented with a Tab key press
        body = "<w:r><w:tab/></w:r>" + body
    if spec.get("inserted"):  # a pending tracked insertion of the whole text
        body = f'<w:ins w:id="1" w:author="Văn thư" w:date="2022-01-05T08:00:00Z">{body}</w:ins>'
    return f"<w:p><w:pPr>{ppr}</w:pPr>{body}</w:p>"


def _table(rows: list[list[list[str]]], specs: dict) -> str:
    out = ""
    for row in rows:
        cells = "".join(
            "<w:tc><w:tcPr><w:tcW w:w=\"4600\" w:type=\"dxa\"/></w:tcPr>"
            + "".join(paragraph(specs[k]) for k in keys if specs.get(k) is not None)
            + ("" if any(specs.get(k) is not None for k in keys) else "<w:p/>") + "</w:tc>"
            for keys in row)
        out += f"<w:tr>{cells}</w:tr>"
    return ('<w:tbl><w:tblPr><w:tblW w:w="9200" w:type="dxa"/></w:tblPr>'
            '<w:tblGrid><w:gridCol w:w="4600"/><w:gridCol w:w="4600"/></w:tblGrid>' + out + "</w:tbl>")


def make(path: Path, *, section: dict | None = None, page_number: dict | None = None,
         extra_body: list[dict] | None = None, tables: bool = True, numbering: str | None = None,
         draft_property: bool = False, after_closing: str = "", **overrides) -> Path:
    """Write a correct decision to `path`, with the named specs changed (None removes one).

    `numbering` is the inside of word/numbering.xml (w:abstractNum and w:num elements);
    `draft_property` marks the file a draft as docgen does (custom property docgen.draft);
    `after_closing` is body XML placed after the signature table (an annex, a second document).
    """
    specs = {k: dict(v) for k, v in SPECS.items()}
    for key, change in overrides.items():
        specs[key] = None if change is None else dict(specs[key], **change)
    header = _table([[["cqcq", "cqbh", "cqbh_line"], ["qh", "tn", "tn_line"]], [["so"], ["date"]]], specs)
    if not tables:  # the same parts as plain paragraphs, one under the other
        keys = ["qh", "tn", "tn_line", "cqcq", "cqbh", "cqbh_line", "so", "date"]
        header = "".join(paragraph(specs[k]) for k in keys if specs[k] is not None)
    order = ["tenloai", "trichyeu", "trichyeu_line", "authority", "cancu1", "cancu2", "denghi", "quyetdinh",
             "dieu1", "diem_a", "diem_b", "plain", "dieu2"]
    body = "".join(paragraph(specs[k]) for k in order if specs[k] is not None)
    body += "".join(paragraph(dict(BODY, **b)) for b in extra_body or [])
    closing = _table([[["noinhan", "nn1", "nn2"], ["sig1", "sig2", "space", "space", "name"]]], specs)
    if not tables:
        keys = ["noinhan", "nn1", "nn2", "sig1", "sig2", "name"]
        closing = "".join(paragraph(specs[k]) for k in keys if specs[k] is not None)
    s = dict(SECTION, **(section or {}))
    pn = dict(PAGE_NUMBER, **(page_number or {}))
    orient = f' w:orient="{s["orient"]}"' if s["orient"] else ""
    refs = '<w:headerReference w:type="default" r:id="rIdH1"/><w:headerReference w:type="first" r:id="rIdH2"/>'
    if pn["in"] == "footer":
        refs = '<w:footerReference w:type="default" r:id="rIdH1"/>'
    sect = (f'<w:sectPr>{refs}<w:pgSz w:w="{s["w"]}" w:h="{s["h"]}"{orient}/>'
            f'<w:pgMar w:top="{s["top"]}" w:right="{s["right"]}" w:bottom="{s["bottom"]}"'
            f' w:left="{s["left"]}" w:header="567" w:footer="567" w:gutter="0"/>'
            + ("<w:titlePg/>" if s["title_page"] else "") + "</w:sectPr>")
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W_NS}"'
                f' xmlns:r="{R_NS}"><w:body>{header}{body}{closing}{after_closing}{sect}</w:body></w:document>')
    number = (f'<w:p><w:pPr><w:jc w:val="{pn["align"]}"/></w:pPr>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
              + _run("2", {"size": pn["size"]}) + '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>')
    tag = "w:ftr" if pn["in"] == "footer" else "w:hdr"
    part = f'<{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{number}</{tag}>'
    first = f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p/></w:hdr>'
    styles = (f'<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr>'
              '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
              '</w:rPr></w:rPrDefault></w:docDefaults></w:styles>')
    rel_type = "footer" if pn["in"] == "footer" else "header"
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdH1" Type="{R_NS}/{rel_type}" Target="part1.xml"/>'
            f'<Relationship Id="rIdH2" Type="{R_NS}/header" Target="part2.xml"/>'
            f'<Relationship Id="rIdS" Type="{R_NS}/styles" Target="styles.xml"/></Relationships>')
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", PACKAGE_RELS)
        zf.writestr("word/document.xml", document)
        zf.writestr("word/styles.xml", styles)
        zf.writestr("word/part1.xml", part)
        zf.writestr("word/part2.xml", first)
        zf.writestr("word/_rels/document.xml.rels", rels)
        if numbering is not None:
            zf.writestr("word/numbering.xml", f'<w:numbering xmlns:w="{W_NS}">{numbering}</w:numbering>')
        if draft_property:
            zf.writestr("docProps/custom.xml", (
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
                ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="docgen.draft">'
                "<vt:lpwstr>true</vt:lpwstr></property></Properties>"))
    return path


def body_of(path: Path) -> str:
    """The inside of w:body without its final w:sectPr: to place one document after another."""
    with zipfile.ZipFile(path) as zf:
        xml = zf.read("word/document.xml").decode()
    inner = xml.split("<w:body>", 1)[1].rsplit("</w:body>", 1)[0]
    return inner.rsplit("<w:sectPr>", 1)[0]


def two_page_decision(path: Path) -> Path:
    """A correct decision of two A4 pages (the size issue 6 batches), for the benchmarks."""
    body = [{"text": f"Đoạn {i}: đã có thành tích xuất sắc trong phong trào thi đua năm 2021, góp phần hoàn"
             " thành thắng lợi nhiệm vụ chính trị của Ngành." * 2} for i in range(8)]
    return make(path, extra_body=body, dieu2={"runs": [
        ("Điều 2. ", {"bold": True}), ("Quyết định có hiệu lực kể từ ngày ký.", {})]})
