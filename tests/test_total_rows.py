"""A clerk's "Tổng cộng" row under the award list, merged across the first columns (A:E): one
message at the row's first cell saying to delete the row, whichever program saved the file."""

import os
import shutil
import subprocess

import openpyxl
import pytest
from clerk import fails
from test_clerk_inputs_more import _list

ROWS = [[1, "Bà", "Trần Thị Hoa", "Kế toán", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
        [2, "Ông", "Lê Văn Nam", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None]]
TOTAL = "Tổng cộng: 02 cá nhân"


def _merged_total_list(plan_dir):
    """awards.yaml pointing at danh-sach.xlsx: the header, two people, and A4:E4 merged holding the total."""
    path = _list(plan_dir, [*ROWS, [TOTAL]])
    book = openpyxl.load_workbook(path)
    book["Sheet1"].merge_cells("A4:E4")
    book.save(path)
    return path


def _message(path) -> str:
    return (f"{path}:Sheet1!A4: dòng \"{TOTAL}\" là dòng tổng cộng, không phải tập thể hay cá nhân được"
            " đề nghị; hãy xóa cả dòng này trong Excel (bấm chuột phải vào số dòng 4, chọn Delete), kể cả"
            " khi các ô của dòng đã gộp (Merge)\n")


def test_a_merged_total_row_gives_one_message_saying_to_delete_it(plan_dir):
    path = _merged_total_list(plan_dir)
    assert fails(plan_dir) == _message(path)


def _calc_missing(reason: str) -> None:
    """Skip when LibreOffice Calc is not installed; in CI (DOCGEN_REQUIRE_LIBREOFFICE) fail."""
    message = f"{reason} (apt-get install libreoffice-calc-nogui)"
    if os.environ.get("DOCGEN_REQUIRE_LIBREOFFICE"):
        pytest.fail(message)
    pytest.skip(message)


def test_the_same_list_saved_by_libreoffice_gives_the_same_message(plan_dir, tmp_path):
    if shutil.which("soffice") is None:
        _calc_missing("thiếu soffice")
    path = _merged_total_list(plan_dir)
    converted = tmp_path / "lo"
    converted.mkdir()
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(converted), str(path)],
                          capture_output=True, text=True, timeout=300)
    saved = converted / "danh-sach.xlsx"
    if not saved.is_file():  # soffice exits 0 even when a conversion fails; without Calc it cannot load .xlsx
        _calc_missing(f"LibreOffice không mở được .xlsx: {done.stderr.strip()}")
    book = openpyxl.load_workbook(saved)
    assert [str(r) for r in book["Sheet1"].merged_cells.ranges] == ["A4:E4"]  # the round trip kept the merge
    shutil.copyfile(saved, path)
    assert fails(plan_dir) == _message(path)


@pytest.mark.parametrize(("cells", "total"), [
    (["Tổng cộng: 5 người", "Tổng cộng: 5 người", None, None], "Tổng cộng: 5 người"),
    ([None, None, "Tổng số 12", None], "Tổng số 12"),
    ([None, None, "Cộng: 3", None], "Cộng: 3"),
    ([None, None, "Cộng đồng dân cư thôn Đông", None], None),  # a collective's name
    ([None, None, "Tổng công ty Điện lực", None], None),
    ([None, None, "Tổng cộng: 2 tập thể", "Tập thể"], None),  # a kind given: an awardee, whatever its name
])
def test_what_reads_as_a_total_row(cells, total):
    from docgen.records.excel import _total_label

    assert _total_label(cells, {1: "number", 2: "honorific", 3: "name", 4: "kind"}) == total
