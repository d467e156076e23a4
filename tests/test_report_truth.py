"""The consolidated report says what is true (s5-report): drafts are not said to be issued, what
was issued is cited with its number and day; the report itself can be given a number and day;
a school plan's report says "năm học"; counts of zero are left out; the tờ trình's words follow
who is proposed.

Fixtures: the shipped example (plans/ninh-binh-2021) changed in a copy, as a clerk would.
"""

from pathlib import Path

import pytest
from conftest import run
from test_bad_input import edit
from test_consolidated import _paragraphs

HEAD = "Giám đốc Sở Lao động - Thương binh và Xã hội"
TO = "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"


def _build(plan_dir: Path) -> Path:
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return plan_dir.parents[1] / "build" / plan_dir.name


def _awards_sentence(report: Path) -> str:
    return next(t for t in _paragraphs(report) if t.endswith("Tổng hợp theo hình thức:"))


def test_drafts_are_counted_as_drafts_never_as_issued(plan_dir):
    sentence = _awards_sentence(_build(plan_dir) / "bao-cao-tong-hop.docx")
    assert sentence == (f"3 dự thảo quyết định khen thưởng đang trình Giám đốc ký; dự thảo Tờ trình đề nghị {TO}"
                        " khen thưởng đang trình ký. Tổng hợp theo hình thức:")
    assert "đã ban hành" not in sentence


def test_issued_decisions_are_cited_with_number_and_day(plan_dir):
    _build(plan_dir)
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert result.exit_code == 0, result.output
    sentence = _awards_sentence(plan_dir.parents[1] / "build" / plan_dir.name / "bao-cao-tong-hop.docx")
    assert sentence == (
        f"{HEAD} đã ban hành 3 quyết định khen thưởng (Quyết định số 01/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021,"
        " Quyết định số 02/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021, Quyết định số 03/QĐ-LĐTBXH ngày 20 tháng 12"
        f" năm 2021), tổng số tiền thưởng 11.530.000 đồng; đã đề nghị {TO} khen thưởng tại Tờ trình số"
        " 04/TTr-LĐTBXH ngày 20 tháng 12 năm 2021. Tổng hợp theo hình thức:")


def test_the_report_is_not_issued_by_docgen_and_says_where_its_number_goes(plan_dir):
    out = _build(plan_dir)
    result = run("issue", out / "bao-cao-tong-hop.docx", "--date", "2022-01-10")
    assert result.exit_code == 1
    assert result.output.endswith(
        "bao-cao-tong-hop.docx: báo cáo tổng hợp không lấy số trong sổ văn bản của docgen: văn thư cấp số khi"
        " ban hành báo cáo, rồi ghi số và ngày vào tệp lời của năm đó (results/bao-cao.yaml, hoặc"
        " results/<năm>/bao-cao.yaml của các năm sau: number: SỐ, date: NĂM-THÁNG-NGÀY) và dựng lại\n")
    assert run("lint", "--final", out / "bao-cao-tong-hop.docx").exit_code == 1


def test_the_report_given_its_number_and_day_passes_the_final_lint(plan_dir):
    edit(plan_dir / "results" / "bao-cao.yaml", "\nyear: 2021\n", "\nyear: 2021\nnumber: 12\ndate: 2022-01-10\n")
    out = _build(plan_dir)
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    assert "Số: 12/BC-LĐTBXH" in texts
    assert "Ninh Bình, ngày 10 tháng 01 năm 2022" in texts
    assert ("(Kèm theo Báo cáo số 12/BC-LĐTBXH ngày 10 tháng 01 năm 2022 của Sở Lao động - Thương binh và"
            " Xã hội)") in texts
    result = run("lint", "--final", out / "bao-cao-tong-hop.docx")
    assert result.exit_code == 0, result.output
    # the next year's report has no number of its own yet
    assert "Số: 12/BC-LĐTBXH" not in _paragraphs(out / "bao-cao-tong-hop-2022.docx")


def test_a_school_plan_s_report_and_forms_say_school_year(plan_dir):
    edit(plan_dir / "plan.yaml", "\ndate: 2021-09-15", "\nschool_year: 2021-2022\ndate: 2021-09-15")
    out = _build(plan_dir)
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    assert texts[texts.index("BÁO CÁO") + 1].endswith("” năm học 2021-2022")
    assert "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2022-2023" in texts
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC 2021-2022" in texts
    assert "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA TỪNG ĐƠN VỊ NĂM HỌC 2021-2022" in texts
    assert any(t.startswith("Phong trào thi đua năm học 2021-2022 được triển khai tới 16 đơn vị") for t in texts)
    assert any(t.startswith("Trên đây là báo cáo kết quả thực hiện phong trào thi đua năm học 2021-2022 của")
               for t in texts)
    assert not any("thi đua năm 2021" in t or "NĂM 2021" in t for t in texts)
    form = _paragraphs(out / "bieu-mau" / "hoa_lu.docx")
    assert any(t.endswith("” năm học 2021-2022") for t in form)
    # a later year of the period is a calendar year still
    later = _paragraphs(out / "bao-cao-tong-hop-2022.docx")
    assert "VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" in later


def test_counts_of_zero_are_left_out(built):
    texts = _paragraphs(built.parent / "bao-cao-tong-hop.docx")
    line = next(t for t in texts if t.startswith("Trong 21 chỉ tiêu của Kế hoạch"))
    assert line.startswith("Trong 21 chỉ tiêu của Kế hoạch, 7 chỉ tiêu vượt kế hoạch, 10 chỉ tiêu đạt, 3 chỉ tiêu"
                           " chưa đủ số liệu để đánh giá, 1 chỉ tiêu đặt cho cuối giai đoạn chưa đạt mức đó, chưa"
                           " đến hạn đánh giá. Mỗi chỉ tiêu")


@pytest.mark.parametrize("keep, who, title", [
    ("one", "tặng thưởng cho cá nhân có thành tích", "Cá nhân đề nghị"),
    ("all", "tặng thưởng cho các tập thể, cá nhân có thành tích", "Tập thể, cá nhân đề nghị"),
])
def test_the_to_trinh_names_who_is_proposed(plan_dir, keep, who, title):
    if keep == "one":  # the tờ trình proposes one person only
        path = plan_dir / "awards.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        dropped = [i for i, t in enumerate(lines) if t.lstrip().startswith("- ") and ("bang_khen_ubnd_tinh}" in t
                   or "co_thi_dua_ubnd_tinh" in t
                   or ("bang_khen_ubnd_tinh" in t and "Yên Mô" in t))]
        assert len(dropped) == 3
        path.write_text("".join(t for i, t in enumerate(lines) if i not in dropped), encoding="utf-8")
    texts = _paragraphs(_build(plan_dir) / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx")
    assert any(who in t for t in texts)
    assert any(t.replace("\u00a0", " ") == title + f" {TO} tặng thưởng năm 2021" for t in texts)
