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
        "file": str(bad), "error": None, "findings": [{
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
    assert result.stderr.endswith("Đã kiểm tra 23 văn bản: 1 lỗi, 0 cảnh báo.\n")
    assert out.exists()
    assert run("build", "--strict", plan_dir).exit_code == 1


# What the checker finds in the decree's own appendix files, each finding checked by hand
# against the file (see the issue note): the appendix files are collections of model layouts
# with blanks to fill, so a draft run is the fair one.
EXPECTED_TEMPLATE_FINDINGS = {
    "Phuluc1.docx": [
        "phần 2: ND30-MARGIN-BOTTOM: lề dưới 15 mm, quy định 20–25 mm",
        "phần 2: ND30-ORIENTATION: trang nằm ngang chỉ dùng cho phần có bảng biểu; phần này không có bảng",
        "đầu văn bản: ND30-QH: không thấy Quốc hiệu \"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\"",
    ],
}


@pytest.mark.skipif(not TEMPLATES.is_dir(), reason="shared/reference/nd30-templates không có bên cạnh kho mã")
def test_decree_templates():
    report = lint(TEMPLATES / "Phuluc1.docx", draft=True)
    assert [f"{f.where}: {f.rule}: {f.message}" for f in report.findings] == EXPECTED_TEMPLATE_FINDINGS[
        "Phuluc1.docx"]
    report = lint(TEMPLATES / "Phuluc3.docx", draft=True)
    rules = sorted(f.rule for f in report.findings)
    assert rules == sorted(["ND30-FONT"] * 10 + ["ND30-BODY-SIZE"] * 2 + [
        "ND30-BODY-ALIGN", "ND30-TRICHYEU", "ND30-BODY-PARA-SPACING", "ND30-BODY-INDENT"])
    assert all("Calibri" in f.message for f in report.findings if f.rule == "ND30-FONT")
