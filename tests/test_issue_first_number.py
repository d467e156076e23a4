"""`docgen issue --first-number`: the office's sổ đăng ký văn bản đi also holds documents made outside
docgen, so the văn thư says where that book stands and the batch continues from there (Nghị định
30/2020, Điều 15.1: one sequence a year, in date order). Refused, with nothing changed, when the
number is not after the register's last one, is a number the records typed, or would start two books."""

import re

from conftest import run
from test_transaction import PLAN, header_number, state


def test_the_batch_continues_from_the_number_the_clerk_gives(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    drafts = workspace / "build" / PLAN / "quyet-dinh"
    result = run("issue", drafts / "du-thao-chien-si-thi-dua-co-so.docx", "--date", "2021-12-27",
                 "--first-number", "450")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == ("Ban hành số 450/QĐ-LĐTBXH ngày 27/12/2021: build/ninh-binh-2021/"
                                             "quyet-dinh/450-chien-si-thi-dua-co-so.docx")
    assert header_number(drafts / "450-chien-si-thi-dua-co-so.docx") == "Số: 450/QĐ-LĐTBXH"
    # The next batch goes on from the book as it now stands.
    result = run("issue", plan_dir, "--date", "2021-12-28")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()][:3] == [
        "Ban hành số 451/QĐ-LĐTBXH ngày 28/12/2021", "Ban hành số 452/QĐ-LĐTBXH ngày 28/12/2021",
        "Ban hành số 453/TTr-LĐTBXH ngày 28/12/2021"]


def _refused(workspace, plan_dir, first: str, message: str) -> None:
    """Issuing the folder from `first` fails with `message` at --first-number; nothing changes."""
    before = state(workspace)
    result = run("issue", plan_dir, "--date", "2021-12-28", "--first-number", first)
    assert (result.exit_code, result.stderr) == (1, f"--first-number: {message}\n")
    assert state(workspace) == before


def test_a_number_not_after_the_books_last_or_typed_in_the_records_is_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    drafts = workspace / "build" / PLAN / "quyet-dinh"
    assert run("issue", drafts / "du-thao-chien-si-thi-dua-co-so.docx", "--date", "2021-12-27",
               "--first-number", "450").exit_code == 0
    _refused(workspace, plan_dir, "450", "số 450 không đứng sau số cuối cùng đã cấp trong sổ văn bản năm 2021: số"
             " 450/QĐ-LĐTBXH ngày 27/12/2021; hãy ghi số từ 451 trở lên")


def test_the_plans_own_typed_number_is_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    _refused(workspace, plan_dir, "125", "số 125 đã là số của một văn bản ghi số trong hồ sơ (number:) năm 2021; hãy"
             " ghi số kế tiếp trong sổ văn bản của cơ quan")


def test_one_number_cannot_start_two_books(workspace):
    plan_dir = workspace / "plans" / PLAN
    record = (workspace / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml").read_text(encoding="utf-8")
    record = re.sub(r"(?m)^number: .*$", "number: register", record)
    record = re.sub(r"(?m)^date: .*$", "date: 2021-12", record)
    (plan_dir / "documents" / "cv-phong-noi-vu.yaml").write_text(record, encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    _refused(workspace, plan_dir, "450", "các văn bản đã chỉ thuộc nhiều sổ văn bản: PHÒNG NỘI VỤ (PNV) năm"
             " 2021; Sở Lao động - Thương binh và Xã hội (LĐTBXH) năm 2021; một số đầu chỉ dùng cho một sổ, hãy ban"
             " hành văn bản của từng sổ bằng một lệnh")
