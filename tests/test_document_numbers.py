"""Numbers typed the Vietnamese way in a general document record (issue 13, kind 3): the
`amounts` and the cells of a table's summed columns are read with the records' one reading
(records/schema.py `_number`), or refused with both readings, as typed, at their line."""

from pathlib import Path

import pytest
from conftest import ROOT, run
from test_general_documents import MINIMAL, _errors, _record, page_lines

TABLE = """  - table:
      columns: [Tổ, {title: Số đoàn viên, sum: true}, Ghi chú]
      rows:
        - [Tổ Toán, CELL, 1.200]
        - [Tổ Văn, 13, ""]
      total: Tổng cộng
"""


def _table_record(tmp_path: Path, cell: str) -> Path:
    body = TABLE.replace("CELL", cell)
    text = MINIMAL.replace("[KT. Trưởng phòng]", "[Trưởng phòng]").replace(
        "  - text: Nội dung thông báo./.\n", body)
    return _record(tmp_path, text)


@pytest.mark.parametrize("cell", ["1.200", '"1.200"'])
def test_a_summed_cell_with_a_dot_and_three_digits_gives_both_readings(tmp_path, cell):
    path = _table_record(tmp_path, cell)
    assert _errors(path) == [
        "F:12:21: body[0].table.rows[0][1]: '1.200' đọc được hai cách: 1.200 hay 1,2; hãy viết 1200"
        " nếu là 1.200, hoặc 1.2 nếu là 1,2 (trong hồ sơ không dùng dấu chấm ngăn cách hàng nghìn)",
    ]
    assert not (tmp_path / "ws" / "build").exists()


@pytest.mark.parametrize("cell, shown, total", [('"1.200.000"', "1.200.000", "1.200.013"),
                                                ("1.200.000", "1.200.000", "1.200.013"),
                                                ('"70,5"', "70,5", "83,5"),
                                                ("1200", "1.200", "1.213")])
def test_a_summed_cell_that_reads_one_way_is_read(tmp_path, cell, shown, total):
    path = _table_record(tmp_path, cell)
    result = run("build", path)
    assert result.exit_code == 0, result.output
    lines = page_lines(tmp_path / "ws" / "build" / "thu" / "van-ban.docx")
    # A cell of a column not added up comes out as typed, 1.200 not YAML's 1,2.
    assert f"Tổ Toán | {shown} | 1.200" in lines
    assert f"Tổng cộng | {total} | " in lines


def _amount_record(tmp_path: Path, typed: str) -> Path:
    text = MINIMAL.replace("[KT. Trưởng phòng]", "[Trưởng phòng]").replace(
        "Nội dung thông báo./.", "Thưởng {{ amounts.thuong }} đồng ({{ amounts.thuong.words }})./.")
    return _record(tmp_path, text + f"amounts:\n  thuong: {typed}\n")


@pytest.mark.parametrize("typed, line", [
    ("19.400.000", "Thưởng 19.400.000 đồng (Mười chín triệu bốn trăm nghìn đồng)./."),
    ('"19.400.000"', "Thưởng 19.400.000 đồng (Mười chín triệu bốn trăm nghìn đồng)./."),
    ("19.400", "Thưởng 19.400 đồng (Mười chín nghìn bốn trăm đồng)./."),
])
def test_money_is_whole_so_its_dots_group_thousands(tmp_path, typed, line):
    path = _amount_record(tmp_path, typed)
    result = run("build", path)
    assert result.exit_code == 0, result.output
    assert line in page_lines(tmp_path / "ws" / "build" / "thu" / "van-ban.docx")


@pytest.mark.parametrize("typed, quoted", [('"70,5"', "70,5"), ("19.400.000,5", "19.400.000,5"),
                                           ("mười nghìn", "mười nghìn")])
def test_money_that_is_not_whole_is_refused_as_typed(tmp_path, typed, quoted):
    path = _amount_record(tmp_path, typed)
    assert _errors(path) == [
        f"F:14:11: amounts.thuong: số tiền (đồng) phải là số nguyên, viết 19400000 hoặc \"19.400.000\";"
        f" nhận được '{quoted}'",
    ]


def test_a_type_not_in_the_list_is_said_in_vietnamese(tmp_path):
    path = _record(tmp_path, MINIMAL.replace("type: Thông báo", "type: Thong bao"))
    message = _errors(path)[0]
    assert message.startswith("F:1:7: type: phải là một trong: 'Nghị quyết', 'Quyết định', ")
    assert message.endswith(", 'Công văn' hoặc 'Thư công'; có phải là 'Thông báo'?")
    assert " or " not in message


def test_the_readmes_example_error_is_what_docgen_prints(workspace):
    report = workspace / "plans" / "bao-cao-cong-doan" / "bao-cao.yaml"
    text = report.read_text(encoding="utf-8")
    assert "[1, Tổ Khoa học tự nhiên, 14," in text
    report.write_text(text.replace("[1, Tổ Khoa học tự nhiên, 14,", "[1, Tổ Khoa học tự nhiên, 1.400,"),
                      encoding="utf-8")
    result = run("validate", report)
    assert result.exit_code == 1
    line = result.output.splitlines()[0].replace(str(workspace) + "/", "")
    assert "'1.400' đọc được hai cách" in line
    assert f"\n{line}\n" in (ROOT / "README.md").read_text(encoding="utf-8")
