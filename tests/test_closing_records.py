"""What the records put into the closing lines (s6-misc): the "Lưu" line names VT once however
the record's `archive` is typed; Điều 3 of an award decision names the awardees once.

Fixtures: copies of the shipped examples changed as fresh users typed them.
"""

from pathlib import Path

from conftest import run
from test_bad_input import edit
from test_consolidated import _paragraphs
from test_report_truth import _build

from docgen.model.archive import archive_after_vt


def _archive_line(path: Path) -> str:
    return next(t for t in _paragraphs(path) if t.startswith("- Lưu:"))


def test_archive_after_vt_names_each_unit_once():
    assert archive_after_vt("VT") == ""
    assert archive_after_vt("VT, VP") == "VP"
    assert archive_after_vt(" vt ,VP,  VP, TĐKT ") == "VP, TĐKT"
    assert archive_after_vt("VP (02 bản)") == "VP (02 bản)"
    assert archive_after_vt("") == ""


def test_archive_vt_in_a_document_record_prints_vt_once(workspace):
    folder = workspace / "plans" / "cong-van-dang-ky-thi-dua"
    edit(folder / "cong-van.yaml", "archive: TĐKT", "archive: VT")
    assert _archive_line(_build(folder) / "cong-van.docx") == "- Lưu: VT."
    edit(folder / "cong-van.yaml", "archive: VT", "archive: VT, TĐKT, TĐKT")
    out = _build(folder) / "cong-van.docx"
    assert _archive_line(out) == "- Lưu: VT, TĐKT."
    assert run("lint", "--draft", out).exit_code == 0


def test_archive_vt_in_a_plan_its_report_and_its_awards_prints_vt_once(plan_dir):
    edit(plan_dir / "plan.yaml", 'archive: VP             # "- Lưu: VT, VP."', "archive: VT, VP")
    edit(plan_dir / "plan.yaml", "  archive: VP\n", "  archive: VT\n")
    edit(plan_dir / "awards.yaml", "archive: VP", "archive: VT")
    out = _build(plan_dir)
    assert _archive_line(out / "ke-hoach.docx") == "- Lưu: VT, VP."
    assert _archive_line(out / "bao-cao-tong-hop.docx") == "- Lưu: VT."
    assert _archive_line(out / "bao-cao-so-ket.docx") == "- Lưu: VT."
    assert _archive_line(out / "quyet-dinh" / "du-thao-giay-khen.docx") == "- Lưu: VT."
    assert _archive_line(out / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx") == "- Lưu: VT."


EXECUTORS = "Chánh Văn phòng Sở, Trưởng các phòng nghiệp vụ, Thủ trưởng các đơn vị trực thuộc Sở"


def _article3(path: Path) -> str:
    return next(t for t in _paragraphs(path) if t.startswith("Điều 3."))


def test_article3_names_the_awardees_once(plan_dir):
    out = _build(plan_dir) / "quyet-dinh" / "du-thao-giay-khen.docx"
    assert _article3(out) == (f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {EXECUTORS} và các tập thể, cá"
                              " nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    # A clerk who named them in executors already: the template does not add them again.
    edit(plan_dir / "awards.yaml", "Thủ trưởng các đơn vị trực thuộc Sở\n",
         "Thủ trưởng các đơn vị trực thuộc Sở và các cá nhân, tập thể có tên tại  Điều 1\n")
    out = _build(plan_dir) / "quyet-dinh" / "du-thao-giay-khen.docx"
    assert _article3(out) == (f"Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {EXECUTORS} và các cá nhân,"
                              " tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    assert run("lint", "--draft", out).exit_code == 0
