"""`docgen lint` as a user runs it, on docgen's own documents and on the decree's templates."""

import json
from pathlib import Path

import pytest
from conftest import run
from nd30doc import make

from docgen.checker import lint

TEMPLATES = Path(__file__).resolve().parents[2] / "shared" / "reference" / "nd30-templates"


def test_the_built_plan_has_no_finding(built):
    report = lint(built)
    assert report.error is None
    assert report.findings == []


def test_the_built_plan_is_a_declared_draft(built):
    # Blank number and day: docgen marks the file as a draft, so the blanks are allowed.
    assert lint(built).findings == []
    assert lint(built, draft=False).findings == []


def test_lint_a_file_and_a_folder(tmp_path):
    good = make(tmp_path / "good.docx")
    bad = make(tmp_path / "sub" / "bad.docx" if (tmp_path / "sub").mkdir() is None else None,
               plain={"size": 12})
    result = run("lint", good)
    assert result.exit_code == 0
    assert result.output == "Đã kiểm tra 1 văn bản: 0 lỗi, 0 cảnh báo.\n"
    result = run("lint", tmp_path)
    assert result.exit_code == 1
    assert result.output == (
        f'{bad}:¶20 ("Đã có thành tích xuất sắc tro…"): ND30-BODY-SIZE: cỡ chữ 12 pt, quy định 13–14 pt\n'
        "Đã kiểm tra 2 văn bản: 1 lỗi, 0 cảnh báo.\n")


def test_lint_json(tmp_path):
    bad = make(tmp_path / "bad.docx", plain={"size": 12})
    result = run("lint", "--format", "json", bad)
    assert result.exit_code == 1
    assert json.loads(result.output) == [{
        "file": str(bad), "error": None, "draft": None, "deferred": {}, "findings": [{
            "rule": "ND30-BODY-SIZE", "severity": "error", "where": '¶20 ("Đã có thành tích xuất sắc tro…")',
            "paragraph": 20, "message": "cỡ chữ 12 pt, quy định 13–14 pt"}]}]


def test_unreadable_file_exits_2(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 broken")
    result = run("lint", tmp_path / "x.docx")
    assert result.exit_code == 2
    assert result.output == (
        f"{tmp_path}/x.docx: không đọc được: không phải tệp .docx (không đọc được dạng nén zip)\n"
        "Đã kiểm tra 0 văn bản: 0 lỗi, 0 cảnh báo. 1 tệp không đọc được.\n")


def test_missing_path(tmp_path):
    result = run("lint", tmp_path / "nope.docx")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}/nope.docx: không tìm thấy tệp hay thư mục\n"


def test_build_lints_what_it_writes_and_strict_makes_it_fatal(plan_dir):
    import re
    import zipfile

    from zipparts import replace_in

    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    with zipfile.ZipFile(template) as zf:
        styles = zf.read("word/styles.xml").decode()
    style = re.search(r'<w:style [^>]*w:styleId="NoiNhan".*?</w:style>', styles).group(0)
    replace_in(template, "word/styles.xml", style, style.replace('w:val="24"', 'w:val="28"'))
    result = run("build", plan_dir)
    assert result.exit_code == 0
    out = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"
    assert "ND30-NOINHAN-LABEL: cỡ chữ 14 pt, quy định 12 pt" in result.stderr
    assert result.stderr.endswith("Đã kiểm tra 25 văn bản: 1 lỗi, 0 cảnh báo.\n")
    assert out.exists()
    assert run("build", "--strict", plan_dir).exit_code == 1


# What the checker finds in the decree's own appendix files under --draft (they are models with
# blanks to fill). Each remaining finding was checked by hand against the file and is true; the
# reason is given beside it. The findings this checker used to give and no longer gives were false
# (see the issue 12 note): a Quốc hiệu demanded of annexes, italic căn cứ outside QĐ/NQ, captions
# read as body text, Nơi nhận and signatures in a row of their own not found.
SPACES = "ND30-TEXT-SPACES: hai dấu cách liền nhau: "
GAP4 = "ND30-BODY-PARA-SPACING: khoảng cách giữa các đoạn 4 pt, quy định tối thiểu 6 pt"
CALIBRI = "ND30-FONT: phông Calibri, quy định Times New Roman"
SIZE12 = "ND30-BODY-SIZE: cỡ chữ 12 pt, quy định 13–14 pt"
EXPECTED_TEMPLATE_FINDINGS = {
    "Phuluc1.docx": [
        # Section 2 holds only the heading of Mục V on a landscape page with a 15 mm bottom margin:
        # the section break stands after the heading, the table follows in a portrait section.
        ("phần 2: ND30-MARGIN-BOTTOM: lề dưới 15 mm, quy định 20–25 mm", "true: pgMar bottom=851"),
        ("phần 2: ND30-ORIENTATION: trang nằm ngang chỉ dùng cho phần có bảng biểu; phần này không có bảng",
         "true: the landscape section holds a heading and an empty paragraph"),
        # Runs of spaces typed inside sentences (left from a conversion of the printed text).
        ('¶29 ("c) Tên cơ quan, tổ chức ban h…"): ' + SPACES + '"2              Mục"', "true: 14 spaces"),
        ('¶36 ("c) Số, ký hiệu của văn bản đư…"): ' + SPACES + '"(/),               giữa"', "true"),
        ('¶47 ("b) Tên loại và trích yếu nội …"): ' + SPACES + '"5a              Mục"', "true"),
        ('¶52 ("Căn cứ ban hành văn bản được …"): ' + SPACES + '"kiểu                chữ"', "true"),
        ('¶59 ("Từ “Điều”, số thứ tự và tiêu …"): ' + SPACES + '"số                 Ả"', "true"),
        ('¶81 ("Họ và tên của người ký văn bả…"): ' + SPACES + '"IV            Phần"', "true"),
        ('¶87 ("Thông tin: Số và ký hiệu văn …"): ' + SPACES + '"năm;                giờ"', "true"),
        ('¶96 ("Phần nơi nhận tại ô số 9a (áp…"): ' + SPACES + '"quan,                    tổ"', "true"),
        ('¶101 ("b) Từ “Phụ lục” và số thứ tự …"): ' + SPACES + '"tên    Phụ"', "true"),
        ('¶113 ("Việc xác định và đóng dấu chỉ…"): ' + SPACES + '"dấu  tài"', "true"),
        ('¶116 ("Con dấu các mức độ khẩn được …"): ' + SPACES + '"thước            30"', "true"),
        # These paragraphs have 4 pt after (w:after=80), the rest of the text 6 pt.
        ('¶117 ("c) Các chỉ dẫn về phạm vi lưu…"): ' + GAP4, "true"),
        ('¶118 ("Đối với những văn bản có phạm…"): ' + GAP4, "true"),
        ('¶118 ("Đối với những văn bản có phạm…"): ' + SPACES + '"LẠI”,                      “LƯU"', "true"),
        ('¶119 ("3. Ký hiệu người soạn thảo vă…"): ' + GAP4, "true"),
        ('¶120 ("Được trình bày tại ô số 12 Mụ…"): ' + GAP4, "true"),
        ('¶121 ("4. Địa chỉ cơ quan, tổ chức; …"): ' + GAP4, "true"),
        ('¶122 ("Các thành phần này được trình…"): ' + GAP4, "true"),
        ('¶123 ("IV. SƠ ĐỒ BỐ TRÍ CÁC THÀNH PH…"): ' + GAP4, "true"),
        ('¶124 ("1. Vị trí trình bày các thành…"): ' + GAP4, "true"),
        ('¶829 ("c) Thông tin: Hình thức sao, …"): ' + SPACES + '"chuẩn                      ISO"', "true"),
        ('¶872 ("b) Sơ đồ"): ND30-BODY-PARA-SPACING: khoảng cách giữa các đoạn 0 pt, quy định tối thiểu 6 pt',
         "true: no spacing before or after"),
    ],
    "Phuluc3.docx": [
        # The captions "Mẫu … - …" above the models have words in Calibri 11 pt.
        ('¶196 ("Mẫu 1.2 - Quyết định (cá biệt…"): ' + CALIBRI, 'true: "quy định trực tiếp" is Calibri'),
        ('¶268 ("Điều ... ....................…"): ND30-BODY-ALIGN: đang căn trái, phải căn đều hai lề',
         "true: the only Điều line of Mẫu 1.3 without w:jc=both"),
        ('¶295 ("Mẫu văn bản (được ban hành, p…"): ' + CALIBRI, "true"),
        ('¶368 ("Mẫu 1.4 - Văn bản có tên loại"): ' + CALIBRI, "true"),
        ('¶380 ("......... 7 ........"): ND30-TRICHYEU: phải in đậm',
         "true: Mẫu 1.4's trích yếu is regular; P1 II.5.b says bold (the text governs, nd30.md §9)"),
        ('¶417 ("Mẫu 1.5 - Công văn"): ' + CALIBRI, "true"),
        # Mẫu 1.5 has a Quốc hiệu of 12 pt over a Tiêu ngữ and a date of 14 pt: true against the
        # pairs of P1-V's example (a warning; no longer deferred since issue 11 fixed docgen's own).
        ('bảng 19, hàng 1, ô 2, ¶424 ("Độc lập - Tự do - Hạnh phúc"): ND30-SIZE-PAIR: Quốc hiệu cỡ 12 pt thì'
         " Tiêu ngữ cỡ 13 pt, đang 14 pt (Quốc hiệu/Tiêu ngữ/ngày: 12/13/13 hoặc 13/14/14)", "true"),
        ('bảng 19, hàng 1, ô 2, ¶426 ("..... 5 ....., ngày …… tháng …"): ND30-SIZE-PAIR: Quốc hiệu cỡ 12 pt thì'
         " dòng địa danh, ngày tháng cỡ 13 pt, đang 14 pt (Quốc hiệu/Tiêu ngữ/ngày: 12/13/13 hoặc 13/14/14)",
         "true"),
        ('¶467 ("Mẫu 1.6 - Công điện"): ' + CALIBRI, "true"),
        ('¶580 ("Mẫu 1.8 - Giấy giới thiệu"): ' + CALIBRI, "true"),
        ('¶596 ("Ông (bà) ……………………………5………………………"): ND30-BODY-PARA-SPACING: khoảng cách giữa các đoạn 0 pt,'
         " quy định tối thiểu 6 pt", "true: before=0 after=0, its neighbours have 6 pt"),
        ('¶632 ("Mẫu 1.9 - Biên bản"): ' + CALIBRI, "true"),
        ('¶653 ("Cuộc họp (hội nghị, hội thảo)…"): ND30-BODY-SIZE: cỡ chữ 11 pt, quy định 13–14 pt',
         'true: " năm …../." is Calibri 11 pt'),
        ('¶653 ("Cuộc họp (hội nghị, hội thảo)…"): ' + CALIBRI, "true: the same run"),
        ('¶685 ("Mẫu 1.10 - Giấy nghỉ phép"): ' + CALIBRI, "true"),
        ('¶699 ("……………………………… 2………… ……… cấp ch…"): ND30-BODY-INDENT: thụt đầu dòng 0 cm, quy định 1 cm'
         " hoặc 1,27 cm", "true: a paragraph of its own (Enter typed mid-sentence) with no indent"),
        # Mẫu 2.1/2.2: the annex's content lines are 12 pt; body text is 13-14 (P1 II.6.e).
        ('¶743 (".............................…"): ' + SIZE12, "true"),
        ('¶746 ("./."): ' + SIZE12, "true"),
        ('¶790 (".............................…"): ' + SIZE12, "true"),
        ('¶793 ("./."): ' + SIZE12, "true"),
        ('¶824 ("Mẫu 3.1 - Bản sao sang định d…"): ' + CALIBRI, "true"),
        ('¶840 ("./."): ' + SIZE12, "true: Mẫu 3.1's closing mark is 12 pt"),
    ],
}
# No rule is deferred any more (issue 11 made docgen's templates follow them).
EXPECTED_DEFERRED = {"Phuluc1.docx": {}, "Phuluc3.docx": {}}


@pytest.mark.skipif(not TEMPLATES.is_dir(), reason="shared/reference/nd30-templates không có bên cạnh kho mã")
@pytest.mark.parametrize("name", sorted(EXPECTED_TEMPLATE_FINDINGS))
def test_decree_templates(name):
    report = lint(TEMPLATES / name, draft=True)
    assert [f"{f.where}: {f.rule}: {f.message}" for f in report.findings] == [
        line for line, _reason in EXPECTED_TEMPLATE_FINDINGS[name]]
    assert report.deferred == EXPECTED_DEFERRED[name]


def test_decree_templates_cli(tmp_path):
    if not TEMPLATES.is_dir():
        pytest.skip("shared/reference/nd30-templates không có bên cạnh kho mã")
    result = run("lint", "--draft", TEMPLATES)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "Đã kiểm tra 2 văn bản: 31 lỗi, 15 cảnh báo."
