"""The date line of a unit's report form is in the year the unit signs its report: a school year's
plan (năm học 2024-2025, report due 15/5/2025) gets forms dated "… năm 2025", not the plan's 2024,
and a filled form's day and month are collected in that year. Found by a new user's school plan."""

import docx
import yaml
from conftest import run
from fill import fill
from test_bad_input import edit
from test_reports import _all_filled


def _date_line(form) -> str:
    texts = [c.text for t in docx.Document(str(form)).tables for row in t.rows for c in row.cells]
    # The blanks' width is the templates' business; the words and the year are this test's.
    return " ".join(next(t for t in texts if ", ngày" in t and "tháng" in t).split())


def test_forms_are_dated_in_the_deadline_year_and_collected_in_it(plan_dir, tmp_path):
    # The sample plan is a calendar year 2021 with the report due 15/12/2021; moved to the next January
    # as a school year's plan would be.
    edit(plan_dir / "plan.yaml", "report_deadline: 2021-12-15", "report_deadline: 2022-01-10")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    form = tmp_path / "kim_son.docx"
    form.write_bytes((plan_dir.parents[1] / "build" / "ninh-binh-2021" / "bieu-mau" / "kim_son.docx").read_bytes())
    assert _date_line(form) == "Kim Sơn, ngày tháng năm 2022"
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(form)).paragraphs]  # kept words read as typed
    assert any("Kết quả thực hiện phong trào thi đua" in t and t.endswith("năm 2021") for t in texts), texts
    _all_filled(form)
    fill(form, {"docgen:meta:day": "08", "docgen:meta:month": "01"})
    result = run("collect", plan_dir, form, "--force")
    assert result.exit_code == 0, result.output
    saved = yaml.safe_load((plan_dir / "results" / "kim_son.yaml").read_text(encoding="utf-8"))
    assert (saved["year"], saved["date"]) == (2021, "2022-01-08")


def test_a_later_years_forms_keep_the_deadline_a_year_after_that_year(plan_dir, tmp_path):
    edit(plan_dir / "plan.yaml", "report_deadline: 2021-12-15", "report_deadline: 2022-01-10")
    forms = tmp_path / "2023"
    result = run("bieu-mau", plan_dir, "--year", "2023", "--out", forms)
    assert result.exit_code == 0, result.output
    form = forms / "kim_son.docx"
    assert _date_line(form) == "Kim Sơn, ngày tháng năm 2024"
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(form)).paragraphs]
    # How the deadline is written ("10/1/2024", "ngày 10 tháng 01 năm 2024") is the template's.
    (due,) = [t for t in texts if "trước ngày" in t]
    assert due.endswith("2024./.") and "10" in due.split("trước ngày")[1], due


def test_a_calendar_years_form_stays_in_its_year(built):
    assert _date_line(built.parent / "bieu-mau" / "kim_son.docx") == "Kim Sơn, ngày tháng năm 2021"
