"""A fault deep in a list of 20,000 awardees is still reported at its exact line and column (issue 16).

A clean awards.yaml is read without the place of each value (`yamlsource._plain`); the places are
found only when a problem asks for one. These tests put one fault near the end of a long list and
read back the message: the line and column are counted here from the text itself, not taken from
docgen.
"""

from pathlib import Path

import pytest
from conftest import run

from docgen.errors import RecordError
from docgen.records import yamlsource
from docgen.records.awards import AWARDS_FILE, load_awards
from docgen.records.law import Law

N = 20_000
DEEP = 19_876  # the award the fault is put in
HEAD = [
    "date: 2021-12-20",
    "proposed_by: Chánh Văn phòng Sở",
    "achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2021",
    "executors: Chánh Văn phòng Sở",
    "awards:",
]


def flow(i: int) -> str:
    return (f"  - {{name: 'Nguyễn Văn An {i}', honorific: Ông, kind: individual, form: giay_khen,"
            f" position: Chuyên viên, office: 'Phòng {i % 40}'}}")


def block(i: int) -> list[str]:
    return [f"  - name: Trần Thị Hoa {i}", "    honorific: Bà", "    kind: individual", "    form: giay_khen",
            "    position: Chuyên viên", f"    office: Phòng {i % 40}"]


def awards_text(style: str = "flow", fault=None) -> tuple[str, int]:
    """The text of awards.yaml with N awardees, award DEEP's lines passed through `fault`, and the
    1-based line of its first line."""
    lines = list(HEAD)
    line_of_deep = 0
    for i in range(N):
        entry = [flow(i)] if style == "flow" else block(i)
        if i == DEEP:
            line_of_deep = len(lines) + 1
            entry = fault(entry) if fault else entry
        lines += entry
    return "\n".join(lines) + "\n", line_of_deep


@pytest.fixture(scope="module")
def forms():
    return Law().forms


def problems(folder: Path, text: str, forms) -> list[str]:
    (folder / AWARDS_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(RecordError) as caught:
        load_awards(folder, forms)
    return [str(p).removeprefix(f"{folder / AWARDS_FILE}:") for p in caught.value.problems]


def column(line: str, fragment: str) -> int:
    return line.index(fragment) + 1


def test_a_clean_long_list_is_read_without_its_places_until_one_is_asked_for(tmp_path, forms):
    text, line = awards_text()
    (tmp_path / AWARDS_FILE).write_text(text, encoding="utf-8")
    awards = load_awards(tmp_path, forms)
    assert len(awards.awards) == N and awards.awards[DEEP].name == f"Nguyễn Văn An {DEEP}"
    assert awards.source._values is None  # not composed: nothing asked for a place
    location, field = awards.locate(DEEP, "office")
    assert (location.line, location.column, field) == (line, column(flow(DEEP), "'Phòng"), f"awards[{DEEP}].office")
    assert str(awards.source.locate(("awards", N - 1, "name"), key=True)).endswith(f":{len(HEAD) + N}:6")


def test_a_wrong_choice_deep_in_the_list(tmp_path, forms):
    def fault(entry):
        return [entry[0].replace("kind: individual", "kind: individul")]

    text, line = awards_text(fault=fault)
    assert problems(tmp_path, text, forms) == [
        f"{line}:{column(fault([flow(DEEP)])[0], 'individul')}: awards[{DEEP}].kind: phải là một trong:"
        " 'individual' hoặc 'collective'; có phải là 'individual'?"]


def test_an_unknown_field_and_a_missing_one_deep_in_a_block_list(tmp_path, forms):
    def fault(entry):
        return [entry[0], "    honorific: Bà", "    kind: individual", "    forme: giay_khen", *entry[4:]]

    text, line = awards_text("block", fault)
    assert problems(tmp_path, text, forms) == [
        f"{line}:5: awards[{DEEP}].form: thiếu trường bắt buộc",
        f"{line + 3}:5: awards[{DEEP}].forme: trường 'forme' không có trong mẫu hồ sơ; có phải là 'form'?",
    ]


def test_what_the_schema_cannot_see_deep_in_the_list(tmp_path, forms):
    """Ông on a collective is found after validation: its place is asked for then."""
    def fault(entry):
        return [entry[0].replace("kind: individual", "kind: collective")]

    text, line = awards_text(fault=fault)
    assert problems(tmp_path, text, forms) == [
        f"{line}:{column(flow(DEEP), 'Ông')}: awards[{DEEP}].honorific: 'Nguyễn Văn An {DEEP}' là tập thể:"
        " không ghi danh xưng 'Ông'; hãy xóa danh xưng (chỉ cá nhân mới có Ông/Bà)"]


def test_a_fault_found_while_reading_deep_in_the_list(tmp_path, forms):
    """A duplicate key sends the text to the full reading: the same places."""
    def fault(entry):
        return [entry[0].replace("kind: individual,", "kind: individual, kind: collective,")]

    text, line = awards_text(fault=fault)
    assert yamlsource._plain(Path("x.yaml"), text) is None
    assert problems(tmp_path, text, forms) == [
        f"{line}:{column(fault([flow(DEEP)])[0], 'kind: collective')}: awards[{DEEP}].kind: khóa 'kind' bị lặp"
        f" (đã có ở dòng {line})"]


def test_the_build_names_the_place_of_a_fault_deep_in_the_list(plan_dir):
    """As the clerk sees it: docgen build, one line naming file:line:col and the field, exit 1."""
    def fault(entry):
        return [entry[0].replace("form: giay_khen", "form: giay-khen")]

    text, line = awards_text(fault=fault)
    (plan_dir / AWARDS_FILE).write_text(text, encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"{plan_dir / AWARDS_FILE}:{line}:{column(flow(DEEP), 'giay_khen')}: awards[{DEEP}].form: sai định dạng"
        " (chỉ dùng chữ thường không dấu, chữ số và '_', ví dụ viec_lam)\n")
