"""The consolidated report's prose (s6-misc): a strength is what was reached, never "0/21 chỉ
tiêu đạt".

Fixtures: the shipped example (plans/ninh-binh-2021) as built, and a copy changed as a clerk's
own year would be: one district reported, below its plan on every target it carries.
"""

from pathlib import Path

from conftest import run
from test_consolidated import EXPORT, JOBS, _paragraphs


def _one_district_below_plan(plan_dir: Path) -> list[str]:
    """Only Hoa Lư reported 2021, below its plan: the report of that year, paragraph by paragraph."""
    for path in (plan_dir / "results").glob("*.yaml"):
        if path.name not in ("hoa_lu.yaml", "bao-cao.yaml"):
            path.unlink()
    path = plan_dir / "results" / "hoa_lu.yaml"
    text = path.read_text(encoding="utf-8")
    per_unit = ("xa_lam_tot_tbls", "me_vnah", "bao_tro_xa_hoi", "tro_cap_cong_dong", "tre_em_bhyt")
    for old, new in (("viec_lam: 2000", "viec_lam: 1000"), ("xuat_khau_lao_dong: 162", "xuat_khau_lao_dong: 90"),
                     *((f"{key}: 100", f"{key}: 90") for key in per_unit)):
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return _paragraphs(plan_dir.parents[1] / "build" / plan_dir.name / "bao-cao-tong-hop.docx")


def _strengths(texts: list[str]) -> list[str]:
    return texts[texts.index("1. Ưu điểm") + 1:texts.index(next(t for t in texts if t.startswith("2. Tồn tại")))]


def test_no_target_reached_is_not_said_among_the_strengths(plan_dir):
    texts = _one_district_below_plan(plan_dir)
    assert next(t for t in texts if t.startswith("Trong 21 chỉ tiêu")).startswith(
        "Trong 21 chỉ tiêu của Kế hoạch, 7 chỉ tiêu không đạt, 14 chỉ tiêu chưa đủ số liệu để đánh giá.")
    strengths = _strengths(texts)
    assert strengths[0] == "Phong trào thi đua được các đơn vị triển khai đồng bộ."
    assert not any("0/21" in t or "đạt và vượt" in t for t in texts)
    # where shortcomings go: the targets not met, by name
    assert any(t.startswith(f"Chỉ tiêu chưa đạt kế hoạch: {JOBS}; {EXPORT}; ") for t in texts)


def test_targets_reached_are_counted_among_the_strengths(built):
    texts = _paragraphs(built.parent / "bao-cao-tong-hop.docx")
    assert _strengths(texts)[0] == ("Phong trào thi đua được các đơn vị triển khai đồng bộ; 17/21 chỉ tiêu đạt và"
                                    " vượt kế hoạch.")
    assert "Còn 1 đơn vị chưa gửi báo cáo đúng hạn, nên 3 chỉ tiêu chưa đủ số liệu để đánh giá." in texts
