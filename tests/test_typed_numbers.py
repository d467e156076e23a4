"""A number typed in the records names one document: an agency's documents of every kind share
one sequence per year (Nghị định 30/2020, Điều 15.1; docgen.model.typed_numbers). A number typed
twice for one agency and year, or one the register already gave to another document, is refused
at the record that types it, naming the other; nothing is written."""

from conftest import run
from test_bad_input import edit
from test_transaction import register_rows, state

PLAN = "thi-dua-truong-tieu-hoc"

RECORD = """type: {kind}
number: {number}
date: {date}
subject: Tổ chức Hội khỏe Phù Đổng cấp trường
body:
  - text: Nhà trường tổ chức Hội khỏe Phù Đổng cấp trường cho học sinh toàn trường.
recipients:
  - Các tổ chuyên môn
archive: VP
signature:
  lines: [Hiệu trưởng]
  name: Nguyễn Văn A
"""


def _record(plan_dir, name, kind="Kế hoạch", number=45, date="2024-10-01"):
    path = plan_dir / "documents" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(RECORD.format(kind=kind, number=number, date=date), encoding="utf-8")
    return path


def _twice(path, first, symbol, number=45, year=2024):
    return (f"{path}:2:9: number: số {number} đã ghi ở {first} ({symbol}), cùng cơ quan và cùng năm {year}: mọi"
            " văn bản của một cơ quan (mọi loại) dùng chung một dãy số mỗi năm (Nghị định 30/2020, Điều 15.1),"
            " nên hai văn bản không cùng một số; hãy ghi đúng số văn thư đã cấp cho văn bản này\n")


def test_a_plan_number_typed_again_in_a_document_record_is_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    edit(plan_dir / "plan.yaml", "number: 8", "number: 45")
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    second = _record(plan_dir, "ke-hoach-2.yaml")
    message = _twice(second, plan_dir / "plan.yaml", "45/KH-THKH")
    for command in ("validate", "build"):
        result = run(command, plan_dir)
        assert result.exit_code == 1
        assert result.stderr == message
    assert state(workspace) == before
    assert not (workspace / "so-van-ban.sqlite").exists()


def test_two_records_of_other_kinds_share_the_sequence(workspace):
    plan_dir = workspace / "plans" / PLAN
    first = _record(plan_dir, "a-cong-van.yaml", kind="Công văn", number=12, date="2024-03-04")
    second = _record(plan_dir, "b-ke-hoach.yaml", number=12, date="2024-11-20")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == _twice(second, first, "12/THKH", number=12)
    assert not (workspace / "build").exists()


def test_the_same_number_in_another_year_is_another_number(workspace):
    plan_dir = workspace / "plans" / PLAN
    _record(plan_dir, "ke-hoach-2.yaml", number=8, date="2025-10-01")  # the plan's 8 is of 2024
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output


def test_a_number_the_register_gave_is_not_typed_for_another_document(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issued = run("issue", plan_dir, "--date", "2024-12-20")
    assert issued.exit_code == 0, issued.output
    rows, before = register_rows(workspace), state(workspace)
    typed = _record(plan_dir, "ke-hoach-2.yaml", number=1, date="2024-12-23")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{typed}:2:9: number: số 1 năm 2024 đã được cấp trong sổ văn bản cho văn bản khác: 01/QĐ-THKH ngày"
        " 20/12/2024, build/thi-dua-truong-tieu-hoc/quyet-dinh/01-giay-khen-cua-hieu-truong.docx. Mỗi số chỉ"
        " cấp một lần trong năm (Nghị định 30/2020, Điều 15.1); hãy ghi đúng số văn thư đã cấp cho văn bản"
        " này\n")
    assert register_rows(workspace) == rows
    assert state(workspace) == before
    edit(typed, "number: 1", "number: 2")  # the next free number of the book is accepted
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert register_rows(workspace) == rows


def test_the_reports_typed_number_shares_the_offices_sequence(workspace):
    """The consolidated report's number is typed by the văn thư in results/bao-cao.yaml (it takes none
    from the register, like the plan): the plan's own number, or one the register gave, is refused there."""
    plan_dir = workspace / "plans" / "ninh-binh-2021"
    texts = plan_dir / "results" / "bao-cao.yaml"
    edit(texts, "\nyear: 2021\n", "\nyear: 2021\nnumber: 125\ndate: 2021-12-25\n")
    before = state(workspace)
    result = run("build", plan_dir)
    assert (result.exit_code, result.stderr) == (1, (
        f"{texts}:8:9: number: số 125 đã ghi ở {plan_dir / 'plan.yaml'} (125/KH-LĐTBXH), cùng cơ quan và cùng"
        " năm 2021: mọi văn bản của một cơ quan (mọi loại) dùng chung một dãy số mỗi năm (Nghị định 30/2020,"
        " Điều 15.1), nên hai văn bản không cùng một số; hãy ghi đúng số văn thư đã cấp cho văn bản này\n"))
    assert state(workspace) == before
    edit(texts, "number: 125", "number: 130")
    assert run("build", plan_dir).exit_code == 0
    issued = run("issue", plan_dir, "--date", "2021-12-20")
    assert issued.exit_code == 0, issued.output
    rows, before = register_rows(workspace), state(workspace)
    edit(texts, "number: 130", "number: 2  ")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{texts}:8:9: number: số 2 năm 2021 đã được cấp trong sổ văn bản cho văn bản"
                                    " khác: 02/QĐ-LĐTBXH ngày 20/12/2021")
    assert (register_rows(workspace), state(workspace)) == (rows, before)


def test_issue_skips_the_reports_typed_number(workspace):
    plan_dir = workspace / "plans" / "ninh-binh-2021"
    edit(plan_dir / "results" / "bao-cao.yaml", "\nyear: 2021\n", "\nyear: 2021\nnumber: 2\ndate: 2021-12-15\n")
    assert run("build", plan_dir).exit_code == 0
    issued = run("issue", plan_dir, "--date", "2021-12-20")
    assert issued.exit_code == 0, issued.output
    assert [line.split(" ngày")[0] for line in issued.output.splitlines()[:3]] == [
        "Ban hành số 01/QĐ-LĐTBXH", "Ban hành số 03/QĐ-LĐTBXH", "Ban hành số 04/QĐ-LĐTBXH"]
