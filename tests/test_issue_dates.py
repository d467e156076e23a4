"""The issue date (`docgen issue --date`) keeps the rules a date typed in awards.yaml keeps
(docgen.model.award_dates.date_faults): an award decision or proposal is not dated before the
plan it cites, nor after its issuer level ceased to exist (law/authority.yaml `until`). A refused
date changes nothing: no number is given, build/ and the register stay byte for byte."""

import pytest
from conftest import run
from test_bad_input import edit
from test_transaction import header_number, register_rows, state

BEFORE_PLAN = (
    "--date: ngày ban hành {date} sớm hơn ngày của kế hoạch ({plan}) mà các quyết định, tờ trình khen thưởng"
    " căn cứ vào: văn bản chỉ căn cứ vào văn bản đã ban hành; hãy ban hành với --date từ {iso} trở về sau\n")

DISTRICT_GONE = (
    "--date: cấp Chủ tịch Ủy ban nhân dân huyện không còn từ ngày 01/07/2025 (law/authority.yaml,"
    " chu_tich_ubnd_huyen: until: 2025-06-30): không ban hành quyết định, tờ trình ngày 01/08/2025 ở cấp này"
    " được; hãy ban hành với --date đến 2025-06-30 là muộn nhất, hoặc ghi authority trong awards.yaml là cấp"
    " có thẩm quyền vào ngày ban hành\n")


@pytest.mark.parametrize(("plan", "day", "message"), [
    ("ninh-binh-2021", "2021-08-01", BEFORE_PLAN.format(date="01/08/2021", plan="15/09/2021", iso="2021-09-15")),
    ("thi-dua-truong-tieu-hoc", "2023-01-01",
     BEFORE_PLAN.format(date="01/01/2023", plan="15/01/2024", iso="2024-01-15")),
    ("thi-dua-ubnd-huyen", "2025-08-01", DISTRICT_GONE),
])
def test_an_issue_date_build_would_refuse_gives_no_number(workspace, plan, day, message):
    plan_dir = workspace / "plans" / plan
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    result = run("issue", plan_dir, "--date", day)
    assert result.exit_code == 1
    assert result.stderr == message
    assert result.stdout == ""
    assert state(workspace) == before
    assert not (workspace / "so-van-ban.sqlite").exists()


def test_the_same_rules_as_for_the_date_typed_in_awards_yaml(workspace):
    # The rule is one: the date build refuses in awards.yaml is the date issue refuses at --date.
    plan_dir = workspace / "plans" / "thi-dua-ubnd-huyen"
    edit(plan_dir / "awards.yaml", "date: 2024-12-26", "date: 2025-08-01")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert "chu_tich_ubnd_huyen: until: 2025-06-30" in result.stderr
    assert "ngày 01/08/2025 ở cấp này" in result.stderr


def test_a_refused_date_after_numbers_were_given_leaves_the_register_as_it_was(workspace):
    plan_dir = workspace / "plans" / "ninh-binh-2021"
    assert run("build", plan_dir).exit_code == 0
    drafts = workspace / "build" / "ninh-binh-2021" / "quyet-dinh"
    assert run("issue", drafts / "du-thao-giay-khen.docx", "--date", "2021-12-27").exit_code == 0
    rows, before = register_rows(workspace), state(workspace)
    result = run("issue", drafts / "du-thao-lao-dong-tien-tien.docx", "--date", "2021-09-14")
    assert result.exit_code == 1
    assert result.stderr == BEFORE_PLAN.format(date="14/09/2021", plan="15/09/2021", iso="2021-09-15")
    assert register_rows(workspace) == rows
    assert state(workspace) == before


def test_the_last_day_each_rule_allows_is_issued(workspace):
    plan_dir = workspace / "plans" / "thi-dua-ubnd-huyen"
    assert run("build", plan_dir).exit_code == 0
    result = run("issue", plan_dir, "--date", "2025-06-30")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Ban hành số 01/QĐ-UBND ngày 30/06/2025: ")
    tieu_hoc = workspace / "plans" / "thi-dua-truong-tieu-hoc"
    assert run("build", tieu_hoc).exit_code == 0
    result = run("issue", tieu_hoc, "--date", "2024-01-15")  # the plan's own day
    assert result.exit_code == 0, result.output
    issued = sorted((workspace / "build" / "thi-dua-truong-tieu-hoc" / "quyet-dinh").glob("01-*.docx"))
    assert header_number(issued[0]) == "Số: 01/QĐ-THKH"
