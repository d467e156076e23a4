"""One tiny document per rule: it breaks exactly that rule, and only that rule is reported."""

import pytest
from nd30doc import BODY, make
from zipparts import replace_in, rewrite

from docgen.checker import RULES, lint

CASES = {
    "ND30-PAPER": dict(section={"w": 12240, "h": 15840}),  # US Letter
    "ND30-ORIENTATION": dict(section={"w": 16838, "h": 11906, "orient": "landscape"}, tables=False),
    "ND30-MARGIN-TOP": dict(section={"top": 850}),
    "ND30-MARGIN-BOTTOM": dict(section={"bottom": 1600}),
    "ND30-MARGIN-LEFT": dict(section={"left": 1134}),
    "ND30-MARGIN-RIGHT": dict(section={"right": 1400}),
    "ND30-FONT": dict(plain={"font": "Arial"}),
    "ND30-COLOR": dict(plain={"color": "FF0000"}),
    "ND30-PAGENUM": dict(page_number={"size": 11}),
    "ND30-BODY-SIZE": dict(plain={"size": 12}),
    "ND30-BODY-ALIGN": dict(plain={"align": "left"}),
    "ND30-BODY-INDENT": dict(plain={"first_line": 0}),
    "ND30-BODY-PARA-SPACING": dict(plain={"after": 60}),
    "ND30-BODY-LINE-SPACING": dict(plain={"line": 480}),
    "ND30-CANCU": dict(cancu1={"italic": False}),
    "ND30-QH": dict(qh={"size": 14}),
    "ND30-TN": dict(tn={"text": "Độc lập – Tự do – Hạnh phúc"}),
    "ND30-CQCQ": dict(cqcq={"bold": True}),
    "ND30-CQBH": dict(cqbh={"bold": False}),
    "ND30-SO": dict(so={"text": "Số: 5/QĐ-SNV"}),
    "ND30-DATE": dict(date={"text": "Ninh Bình, ngày 5 tháng 01 năm 2022"}),
    "ND30-TENLOAI": dict(tenloai={"bold": False}),
    "ND30-TRICHYEU": dict(trichyeu={"bold": False}),
    "ND30-MUC-ROMAN": dict(plain={"text": "I. Tổ chức thực hiện", "bold": True}),
    "ND30-DIEU": dict(dieu1={"runs": [("Điều 1. ", {}), ("Tặng Giấy khen cho 02 tập thể:", {})]}),
    "ND30-DIEM": dict(diem_b={"text": "f) Văn phòng Sở."}),
    "ND30-SIG-AUTH": dict(sig2={"bold": False}),
    "ND30-SIG-NAME": dict(name={"text": "TS. Trần Thị Bình"}),
    "ND30-KINHGUI": dict(extra_body=[]),  # replaced below: needs its own layout
    "ND30-NOINHAN-LABEL": dict(noinhan={"size": 14}),
    "ND30-NOINHAN-ITEM": dict(nn1={"text": "- Như Điều 2"}),
    "ND30-NOINHAN-LUU": dict(nn2={"text": "- Lưu VT, VP."}),
    "ND30-TEXT-NFC": dict(plain={"text": "Đã có thành tích xuất sắc trong phong tra\u0300o thi đua."}),
    "ND30-TEXT-TCVN3": dict(plain={"text": "§· cã thµnh tÝch xuÊt s¾c trong phong trµo thi ®ua."}),
    "ND30-TEXT-SPACES": dict(plain={"text": "Đã có thành tích  xuất sắc trong phong trào thi đua."}),
}


def _rules(path, draft=False):
    return sorted({f.rule for f in lint(path, draft=draft).findings})


def test_correct_document_has_no_finding(tmp_path):
    assert lint(make(tmp_path / "ok.docx")).findings == []
    assert lint(make(tmp_path / "plain.docx", tables=False)).findings == []


@pytest.mark.parametrize("rule", sorted(r for r in CASES if r != "ND30-KINHGUI"))
def test_each_rule_reports_exactly_itself(tmp_path, rule):
    path = make(tmp_path / "x.docx", **CASES[rule])
    assert _rules(path) == [rule]


def test_every_rule_in_the_data_file_is_tested():
    # CASES, plus the tests below for the rules that need a layout of their own.
    tested = set(CASES) | {"ND30-PAGENUM-MISSING", "ND30-VV", "ND30-PHULUC-LABEL", "ND30-PHULUC-TITLE",
                           "ND30-PHULUC-REF"}
    # test_checker_kinds.py: one document per kind of issue 12.
    tested |= {"ND30-REQUIRED", "ND30-KYHIEU", "ND30-REVISIONS", "ND30-SIZE-PAIR", "ND30-TRICHYEU-LINE"}
    # test_drafting_unit.py: a công văn numbered by the agency alone.
    tested |= {"ND30-KYHIEU-CV"}
    # test_pages.py: the laid-out pages (docgen lint --pages).
    tested |= {"ND30-PAGE-CLOSING", "ND30-PAGE-SIGNATURE", "ND30-PAGE-ALONE", "ND30-PAGE-HEADING", "ND30-PAGE-MARGIN",
               "ND30-PAGE-STRETCHED", "ND30-PAGE-BLANK"}
    assert set(RULES) == tested


def test_messages_point_at_the_paragraph(tmp_path):
    path = make(tmp_path / "x.docx", plain={"size": 12})
    finding = lint(path).findings[0]
    assert finding.line("x.docx") == (
        'x.docx:¶20 ("Đã có thành tích xuất sắc tro…"): ND30-BODY-SIZE: cỡ chữ 12 pt, quy định 13–14 pt')


def test_messages_for_header_items_name_the_cell(tmp_path):
    path = make(tmp_path / "x.docx", qh={"size": 14})
    assert [f.line("x") for f in lint(path).findings] == [
        'x:bảng 1, hàng 1, ô 2, ¶4 ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆ…"): ND30-QH: cỡ chữ 14 pt, quy định 12–13 pt']


def test_quoc_hieu_may_be_written_hoa_or_hoa(tmp_path):
    assert _rules(make(tmp_path / "x.docx", qh={"text": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"})) == []


def test_missing_line_under_motto_says_which_lines_were_looked_for(tmp_path):
    path = make(tmp_path / "x.docx", tn_line=None)
    assert [f.message for f in lint(path).findings] == [
        "thiếu đường kẻ nét liền dưới Tiêu ngữ (không có viền dưới đoạn, gạch chân, đường vẽ hay dòng gạch dưới)"]


def test_line_of_underscores_counts_as_a_line(tmp_path):
    path = make(tmp_path / "x.docx", tn_line={"text": "_" * 30, "border_top": False, "size": 13})
    assert _rules(path) == []


@pytest.mark.parametrize(("date", "message"), [
    ("Ninh Bình, ngày 05 tháng 1 năm 2022", "tháng \"1\": tháng 1, 2 phải viết 01, 02"),
    ("Ninh Bình, ngày 05 tháng 09 năm 2022", "tháng \"09\": tháng 3 đến 12 không thêm số 0"),
    ("Ninh Bình, ngày 30 tháng 02 năm 2022", "ngày 30 tháng 2 năm 2022 không có thật"),
    ("ninh Bình, ngày 05 tháng 9 năm 2022", "địa danh phải viết hoa chữ cái đầu"),
])
def test_date_rules(tmp_path, date, message):
    assert [f.message for f in lint(make(tmp_path / "x.docx", date={"text": date})).findings] == [message]


def test_blank_number_and_day_are_allowed_in_a_draft_only(tmp_path):
    path = make(tmp_path / "x.docx", so={"text": "Số:      /QĐ-SNV"},
                date={"text": "Ninh Bình, ngày      tháng 01 năm 2022"})
    assert _rules(path) == ["ND30-DATE", "ND30-SO"]
    assert _rules(path, draft=True) == []


def test_unknown_type_abbreviation(tmp_path):
    path = make(tmp_path / "x.docx", so={"text": "Số: 05/QD-SNV"})
    assert [f.message for f in lint(path).findings] == [
        "\"QD\" không phải tên viết tắt loại văn bản của Nghị định 30"]


def test_point_letters_out_of_sequence(tmp_path):
    path = make(tmp_path / "x.docx", diem_b={"text": "c) Văn phòng Sở."})
    assert [f.message for f in lint(path).findings] == [
        "điểm \"c)\" đứng sau điểm trước, theo thứ tự phải là \"b)\""]


def test_page_number_on_the_first_page(tmp_path):
    path = make(tmp_path / "x.docx", section={"title_page": False})
    assert [f.line("x") for f in lint(path).findings] == [
        "x:phần 1, part1.xml: ND30-PAGENUM: số trang hiện ở trang đầu; phải bật \"trang đầu khác\" và để"
        " trống đầu trang của trang đầu"]


def test_page_number_in_the_footer(tmp_path):
    path = make(tmp_path / "x.docx", page_number={"in": "footer"})
    assert [f.message for f in lint(path).findings] == [
        "số trang phải ở giữa lề trên (đầu trang), không ở chân trang"]


def test_kinh_gui_items(tmp_path):
    path = make(tmp_path / "x.docx", authority=None, cancu1=None, cancu2=None, denghi=None, quyetdinh=None,
                tenloai={"text": "TỜ TRÌNH"}, so={"text": "Số: 05/TTr-SNV"},
                trichyeu={"text": "Đề nghị tặng Bằng khen"},
                dieu1=dict(BODY, text="Kính gửi:", align="center", first_line=0, runs=None),
                diem_a=dict(BODY, text="- Ủy ban nhân dân tỉnh;", align="center", first_line=0),
                diem_b=dict(BODY, text="- Sở Tài chính;", align="center", first_line=0))
    assert [f.message for f in lint(path).findings] == ["dòng kính gửi cuối kết thúc bằng \".\""]


def test_annex_rules(tmp_path):
    path = make(tmp_path / "x.docx", extra_body=[])
    from nd30doc import paragraph

    annex = (paragraph({"text": "Phụ lục I", "size": 14, "bold": True, "align": "center"})
             + paragraph({"text": "DANH SÁCH TẬP THỂ", "size": 14, "bold": True, "align": "center"})
             + paragraph({"text": "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/01/2022)", "size": 14,
                          "align": "center"}))
    replace_in(path, "word/document.xml", "<w:sectPr>", annex + "<w:sectPr>")
    assert [(f.rule, f.message) for f in lint(path).findings] == [("ND30-PHULUC-REF", "phải in nghiêng")]


def test_unreadable_files(tmp_path):
    (tmp_path / "a.docx").write_text("not a zip")
    assert lint(tmp_path / "a.docx").error == "không phải tệp .docx (không đọc được dạng nén zip)"
    import zipfile

    with zipfile.ZipFile(tmp_path / "b.docx", "w") as zf:
        zf.writestr("x.xml", "<x/>")
    assert lint(tmp_path / "b.docx").error == "tệp không có word/document.xml: không phải văn bản Word"


def test_missing_page_numbers_in_a_long_document_is_a_warning(tmp_path):

    path = make(tmp_path / "x.docx", extra_body=[{"text": f"Đoạn {i}."} for i in range(40)])
    # The default header without its PAGE field.
    rewrite(path, lambda parts: parts.update({"word/part1.xml": parts["word/part2.xml"]}))
    report = lint(path)
    assert [(f.rule, f.severity) for f in report.findings] == [("ND30-PAGENUM-MISSING", "warning")]
    assert report.errors == 0


def test_cong_van_subject_line(tmp_path):
    path = make(tmp_path / "x.docx", cqbh_line={"text": "", "border_top": True},
                so={"runs": [("Số: 05/SNV-VP", {})], "text": None}, cancu1=None, cancu2=None, denghi=None,
                tenloai=None, trichyeu=None, trichyeu_line=None, authority=None, quyetdinh=None)
    from nd30doc import paragraph

    vv = paragraph({"text": "V/v tổng kết phong trào thi đua năm 2021", "size": 14, "align": "center"})
    marker = "Số: 05/SNV-VP</w:t></w:r></w:p>"
    replace_in(path, "word/document.xml", marker, marker + vv)
    assert [(f.rule, f.message) for f in lint(path).findings] == [
        ("ND30-VV", "cỡ chữ 14 pt, quy định 12–13 pt")]


@pytest.mark.parametrize(("label", "title", "rule"), [
    ({"text": "Phụ lục I", "size": 13, "bold": True, "align": "center"},
     {"text": "DANH SÁCH TẬP THỂ", "size": 14, "bold": True, "align": "center"}, "ND30-PHULUC-LABEL"),
    ({"text": "Phụ lục I", "size": 14, "bold": True, "align": "center"},
     {"text": "Danh sách tập thể", "size": 14, "bold": True, "align": "center"}, "ND30-PHULUC-TITLE"),
])
def test_annex_label_and_title(tmp_path, label, title, rule):
    from nd30doc import paragraph

    path = make(tmp_path / "x.docx")
    annex = paragraph(label) + paragraph(title) + paragraph(
        {"text": "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/01/2022)", "size": 14, "italic": True,
         "align": "center"})
    replace_in(path, "word/document.xml", "<w:sectPr>", annex + "<w:sectPr>")
    assert [f.rule for f in lint(path).findings] == [rule]


@pytest.mark.parametrize("text, found", [
    # The blanks a draft leaves for the văn thư, as the decree's samples leave them: no finding.
    ("Căn cứ Kế hoạch số      /KH-LĐTBXH ngày      tháng 9 năm 2021 của Sở Lao động.", None),
    ("Thực hiện Kế hoạch số      /KH-UBND ngày      tháng      năm 2024 của Ủy ban nhân dân.", None),
    # Two spaces anywhere else are a typing slip, also beside a blank.
    ("Căn cứ Kế hoạch số  05/KH-LĐTBXH ngày 05 tháng 9 năm 2021 của Sở.", '"số  05/KH-LĐTBXH"'),
    ("Căn cứ Kế hoạch số      /KH-LĐTBXH ngày      tháng 9  năm 2021 của Sở.", '"9  năm"'),
])
def test_spaces_rule_knows_a_decree_style_blank(tmp_path, text, found):
    findings = [f.message for f in lint(make(tmp_path / "x.docx", plain={"text": text})).findings]
    assert findings == ([] if found is None else [f"hai dấu cách liền nhau: {found}"])
