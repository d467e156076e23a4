"""The award list read by python-calamine and by openpyxl gives the same awards, cells and messages.

calamine reads most lists; a file with what only openpyxl sees (a hidden row, an error cell, a
formula without its saved result, an escaped surrogate) goes to openpyxl. Both paths are read
here on the same workbooks and must agree exactly, and each file is checked to take the path
meant for it.
"""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ROOT
from zipparts import rewrite

from docgen.errors import RecordError
from docgen.records.excel import _calamine_sheets, _openpyxl_sheets, read_award_sheet, read_sheets
from docgen.records.law import Law

CASES = ROOT.parent / "shared" / "cases"
HEADER = ["STT", "Danh xưng (Ông/Bà)", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
          "Danh hiệu/Hình thức", "Thành tích"]
FIELDS = ("name", "family", "given", "honorific", "position", "office", "kind", "form", "achievement", "row")


def _read(path: Path, sheets) -> tuple:
    """What a reading gives, comparable: the awards with each field's cell, or the messages."""
    try:
        awards, places = read_sheets(path, sheets, Law().forms)
    except RecordError as err:
        return "refused", [str(p) for p in err.problems]
    return "read", [(a.model_dump(), {f: cells.get(f) for f in FIELDS})
                    for a, (_, cells) in zip(awards, places, strict=True)]


def _both(path: Path) -> tuple:
    fast = _calamine_sheets(path)
    assert fast is not None, "calamine should read this file"
    found = _read(path, fast)
    assert found == _read(path, _openpyxl_sheets(path))
    return found


def _book(*rows, title: str = "Sheet1") -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    return book


def test_a_list_as_clerks_keep_it_reads_the_same_both_ways(tmp_path):
    book = _book(["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"], ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2021"], [],
                 ["STT", "Danh xưng", "Họ và tên đệm", "Tên", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
                  "Danh hiệu/Hình thức", "Thành tích"],
                 ["1", "bà", "Trần Thị", "Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 ["2", "Ông", "Vũ Minh", "Đức", 1, None, "Cá nhân", "giay_khen", None],
                 [None, None, None, None, None, None, None, None, None],
                 ["3", "Ông", "Lê Văn", "Nam", 2.5, None, "Cá nhân", "Giấy khen", "dẫn đầu_x000D_\nkhối"],
                 ["4", "Ông", None, "Hùng", "  Phó   Trưởng phòng ", None, "cá nhân", "Giấy khen", None],
                 title="Văn phòng")
    first = book.active
    first.merge_cells("F8:F9")  # one office for two rows
    first["F8"] = "Phòng Kế hoạch - Tài chính"
    second = book.create_sheet("Các phòng")
    second.append(HEADER)
    second.append([1, None, "Phòng Người có công", None, None, "Tập thể", "Giấy khen", None])
    second.merge_cells("A3:H3")
    book.create_sheet("Ghi chú").append(["Danh sách lập ngày 10/12/2021"])
    book.save(tmp_path / "a.xlsx")
    kind, awards = _both(tmp_path / "a.xlsx")
    assert kind == "read"
    assert [(a["name"], a["office"], cells["name"], cells["office"]) for a, cells in awards] == [
        ("Trần Thị Hoa", "Văn phòng Sở", "Văn phòng!C5", "Văn phòng!F5"),
        ("Vũ Minh Đức", None, "Văn phòng!C6", "Văn phòng!F6"),
        ("Lê Văn Nam", "Phòng Kế hoạch - Tài chính", "Văn phòng!C8", "Văn phòng!F8"),
        ("Hùng", "Phòng Kế hoạch - Tài chính", "Văn phòng!C9", "Văn phòng!F9"),
        ("Phòng Người có công", None, "Các phòng!C2", "Các phòng!E2"),
    ]
    assert [a["position"] for a, _ in awards] == ["Chuyên viên", "1", "2.5", "Phó Trưởng phòng", None]
    assert awards[0][0]["honorific"] == "Bà" and awards[2][0]["achievement"] == "dẫn đầu khối"


def test_cells_refused_the_same_both_ways(tmp_path):
    book = _book(HEADER,
                 [1, "Bà", "Trần Thị Hoa", dt.datetime(2021, 3, 1), "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 [2, "Ông", "Vũ Minh Đức", True, "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 [3, "Ông", "Nguyeãn Vaên Bình", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 [4, "Cô", "Lê Thị Lan", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 [5, "Ông", "Lê Văn Nam", "Chuyên viên", "Văn phòng Sở", "Người", "Giấy khen", None],
                 [6, "Ông", None, "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                 [7, "Bà", "Đỗ Thị Mai", "Chuyên viên", "Văn phòng Sở", None, "Giấy khen", "có _x0002_ sáng kiến"],
                 [8, "Bà", "Đỗ Thị Mai", "Chuyên viên", "Văn phòng Sở", None, "Giấy khen", None])
    book.save(tmp_path / "b.xlsx")
    kind, messages = _both(tmp_path / "b.xlsx")
    path = tmp_path / "b.xlsx"
    assert kind == "refused"
    assert messages == [
        f"{path}:Sheet1!D2: cột \"Chức vụ\": Excel đã đổi chữ trong ô thành ngày tháng (01/03/2021); hãy định dạng"
        " cột là Text (Văn bản) rồi gõ lại chữ",
        f"{path}:Sheet1!D3: cột \"Chức vụ\": ô chứa TRUE/FALSE, không phải chữ; hãy gõ lại chữ",
        f"{path}:Sheet1!C4: chữ có vẻ được gõ bằng bảng mã VNI-Windows (VNI-Times): 'Nguyeãn Vaên Bình'; hãy"
        " chuyển sang Unicode, có lẽ là: 'Nguyễn Văn Bình'",
        f"{path}:Sheet1!B5: 'Cô': danh xưng phải là \"Ông\" hoặc \"Bà\"",
        f"{path}:Sheet1!F6: 'Người': phải là \"Cá nhân\" hoặc \"Tập thể\"",
        f"{path}:Sheet1!C7: cột \"Họ và tên / Tên tập thể\": ô trống; hãy điền ô này, hoặc xóa cả dòng nếu dòng"
        " không phải tập thể, cá nhân được đề nghị (dòng Tổng cộng, người lập biểu…)",
        f"{path}:Sheet1!H8: cột \"Thành tích\": có ký tự điều khiển U+0002 (STX) không phải chữ (thường lẫn vào khi"
        " dán từ PDF hay phần mềm khác); hãy xóa ký tự đó rồi gõ lại chữ ở chỗ này",
        f"{path}:Sheet1!F9: cột \"Cá nhân/Tập thể\": ô trống; hãy điền ô này, hoặc xóa cả dòng nếu dòng"
        " không phải tập thể, cá nhân được đề nghị (dòng Tổng cộng, người lập biểu…)",
    ]


def test_a_sheet_without_the_header_is_named_the_same_both_ways(tmp_path):
    _book(["Danh sách"], ["Họ và tên", "Chức vụ"], title="Trang 1").save(tmp_path / "c.xlsx")
    assert _both(tmp_path / "c.xlsx") == ("refused", [
        f"{tmp_path / 'c.xlsx'}:Trang 1!A1: không thấy dòng tiêu đề (cần các cột \"Họ và tên / Tên tập thể\" và"
        " \"Danh hiệu/Hình thức\")"])


def test_a_formula_with_its_saved_result_stays_with_calamine(tmp_path):
    _book(HEADER, ["=ROW()-1", "Bà", "Trần Thị Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen",
                   None]).save(tmp_path / "d.xlsx")
    # openpyxl writes no result; give the formula the one Excel would have saved.
    rewrite(tmp_path / "d.xlsx", lambda parts: parts.update({
        "xl/worksheets/sheet1.xml": parts["xl/worksheets/sheet1.xml"].replace(b"<f>ROW()-1</f><v></v>",
                                                                              b"<f>ROW()-1</f><v>1</v>")}))
    assert _both(tmp_path / "d.xlsx")[0] == "read"


def _hidden(book: openpyxl.Workbook) -> None:
    book.active.row_dimensions[2].hidden = True


def _error(book: openpyxl.Workbook) -> None:
    book.active["H2"] = "#REF!"


def _formula(book: openpyxl.Workbook) -> None:
    book.active["H2"] = "=A1&B1"


def _surrogate(book: openpyxl.Workbook) -> None:
    book.active["H2"] = "có _xD83D_ sáng kiến"


@pytest.mark.parametrize("change", [_hidden, _error, _formula, _surrogate])
def test_what_calamine_reads_otherwise_goes_to_openpyxl(tmp_path, change):
    book = _book(HEADER, [1, "Bà", "Trần Thị Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None])
    path = tmp_path / "e.xlsx"
    book.save(path)
    assert _calamine_sheets(path) is not None
    change(book)
    book.save(path)
    assert _calamine_sheets(path) is None
    with pytest.raises(RecordError) as err:
        read_award_sheet(path, Law().forms)
    assert str(err.value.problems[0]).startswith(f"{path}:Sheet1!")


def test_the_hr_export_case_reads_the_same_both_ways(tmp_path):
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes((CASES / "xlsx-escaped-line-breaks" / "danh-sach.xlsx").read_bytes())
    with zipfile.ZipFile(path) as zf:
        assert any(b"_x000D_" in zf.read(n) for n in zf.namelist() if n.startswith("xl/"))
    assert _both(path)[0] == "refused"  # the hidden U+0002
    rewrite(path, lambda parts: parts.update({
        name: data.replace(b"_x0002_", b"") for name, data in parts.items() if name.startswith("xl/")}))
    kind, awards = _both(path)
    assert kind == "read" and any("năm 2021; dẫn đầu khối văn phòng" in (a["achievement"] or "") for a, _ in awards)
