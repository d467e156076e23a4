"""More inputs as clerks make them (issue 13), made here: the kinds the audit found beyond the
issue's list, and own small inputs for kinds whose only test used a file of shared/cases."""

import re
import shutil

import openpyxl
from clerk import all_text, builds, fails, out
from conftest import run
from fill import fill
from test_bad_input import edit
from test_reports import _all_filled
from zipparts import rewrite

HEADER = ["STT", "Danh xưng (Ông/Bà)", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
          "Danh hiệu/Hình thức", "Thành tích"]


def _result_line(path, key: str) -> tuple[int, int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    line = next(i for i, t in enumerate(lines, 1) if t.strip().startswith(f"{key}:"))
    return line, lines[line - 1].index(":") + 3


# --- kind 3: a count of people is whole, in results and in forms --------------------------------

def test_a_fraction_of_a_person_in_the_results_is_refused_with_the_thousands_reading(plan_dir):
    path = plan_dir / "results" / "gia_vien.yaml"
    edit(path, "viec_lam: 2185", "viec_lam: 2,185")  # the English thousands comma
    line, column = _result_line(path, "viec_lam")
    assert fails(plan_dir, "validate") == (f"{path}:{line}:{column}: values.viec_lam: số người phải là số nguyên,"
                                           " nhận được 2,185; nếu là 2.185 người hãy viết 2185\n")
    edit(path, "viec_lam: 2,185", "viec_lam: 2185.5")
    assert fails(plan_dir) == (f"{path}:{line}:{column}: values.viec_lam: số người phải là số nguyên, nhận được"
                               " 2.185,5; hãy sửa lại số liệu\n")
    edit(path, "viec_lam: 2185.5", "viec_lam: -2185")
    assert fails(plan_dir) == (f"{path}:{line}:{column}: values.viec_lam: số người không thể âm, nhận được"
                               " -2.185; hãy sửa lại số liệu\n")


def test_figures_typed_the_vietnamese_way_in_the_results_are_read(plan_dir):
    """Non-breaking and narrow spaces between thousands (Word and Excel put them), a decimal comma
    in a percent, a percent sign: the consolidated report prints the figures read right."""
    path = plan_dir / "results" / "gia_vien.yaml"
    edit(path, "viec_lam: 2185", "viec_lam: 2\u00a0185")
    edit(path, "xuat_khau_lao_dong: 185", "xuat_khau_lao_dong: '1\u202f85'")
    edit(path, "that_nghiep: 1.7", "that_nghiep: 1,7%")
    edit(path, "lao_dong_qua_dao_tao: 69.6", "lao_dong_qua_dao_tao: '69,6 %'")
    out_dir = builds(plan_dir)
    import docx

    report = docx.Document(str(out_dir / "bao-cao-tong-hop.docx"))
    rows = [[c.text for c in r.cells] for t in report.tables for r in t.rows]
    gia_vien = [r for r in rows if any("Gia Viễn" in c.replace("\u00a0", " ") for c in r)]  # names kept: U+00A0
    assert gia_vien, "the unit's table"
    text = all_text(out_dir / "bao-cao-tong-hop.docx")
    assert "2.185" in text and "1,7" in text and "69,6" in text
    assert "2 185" not in text and "\u00a0185" not in text


def test_a_fraction_of_a_person_in_a_form_is_refused_at_its_field(plan_dir):
    shutil.rmtree(plan_dir / "results")
    form = builds(plan_dir) / "bieu-mau" / "yen_mo.docx"
    _all_filled(form)
    fill(form, {"docgen:target:viec_lam": "2,185"})
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{form}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Yên Mô', chỉ tiêu 'Số lao động được giải"
        " quyết việc làm mỗi năm' (viec_lam): số liệu \"Thực hiện\": số người phải là số nguyên, nhận được 2,185;"
        " nếu là 2.185 người hãy viết 2185\n")
    assert not (plan_dir / "results" / "yen_mo.yaml").exists()


# --- kind 8: a form with a whole table row deleted in Word ------------------------------------

def test_a_form_with_a_target_row_deleted_names_the_target(plan_dir):
    shutil.rmtree(plan_dir / "results")
    form = builds(plan_dir) / "bieu-mau" / "kim_son.docx"
    _all_filled(form)

    def delete_row(parts: dict[str, bytes]) -> None:
        xml = parts["word/document.xml"].decode()
        rows = re.findall(r"<w:tr[ >](?:(?!</w:tr>).)*</w:tr>", xml, re.S)
        row = next(r for r in rows if 'w:val="docgen:target:viec_lam"' in r)
        parts["word/document.xml"] = xml.replace(row, "", 1).encode()

    rewrite(form, delete_row)
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{form}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn', chỉ tiêu 'Số lao động được giải"
        " quyết việc làm mỗi năm' (viec_lam): ô \"Thực hiện\" đã bị xóa khỏi biểu mẫu; hãy điền vào biểu mẫu gốc"
        " docgen đã tạo")


# --- kind 2/3: a record saved by Notepad with a BOM and CRLF line ends ---------------------------

def test_records_saved_by_notepad_with_bom_and_crlf_build_the_same(plan_dir):
    before = all_text(builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    shutil.rmtree(out(plan_dir))
    (plan_dir.parents[1] / "so-van-ban.sqlite").unlink()
    for name in ("organisation.yaml", "awards.yaml", "plan.yaml"):
        path = plan_dir / name
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert all_text(builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx") == before


def test_a_date_typed_day_first_is_refused_with_the_form_to_use(plan_dir):
    path = plan_dir / "awards.yaml"
    edit(path, "date: 2021-12-20", "date: 20/12/2021")
    assert fails(plan_dir) == (f"{path}:12:7: date: ngày tháng '20/12/2021' không đúng dạng NĂM-THÁNG-NGÀY (ví dụ"
                               " 2021-09-15, 2021-09)\n")


# --- kind 4: own small lists (the shared cases have files of their own) --------------------------

def _list(plan_dir, rows: list[list], header: list[str] = HEADER):
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("awards:\n")] + "list_file: danh-sach.xlsx\n", encoding="utf-8")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(plan_dir / "danh-sach.xlsx")
    return plan_dir / "danh-sach.xlsx"


def test_ooxml_escapes_in_cells_are_decoded(plan_dir):
    # openpyxl writes the text as given: "_x000D_" stands in the file as Excel's escape of a CR.
    _list(plan_dir, [[1, "Bà", "Trần Thị_x000D_\nHoa", "Kế toán_x000A_trưởng", "Văn phòng Sở", "Cá nhân",
                      "Giấy khen", "Hoàn thành xuất sắc nhiệm vụ năm 2021;_x000D_\ndẫn đầu khối văn phòng"]])
    text = all_text(builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    assert "Bà Trần Thị Hoa" in text
    assert "Kế toán trưởng, Văn phòng Sở" in text
    assert "_x00" not in text


def test_a_formula_without_a_saved_result_is_refused_at_its_cell(plan_dir):
    path = _list(plan_dir, [[1, "Bà", '="Trần Thị "&"Hoa"', "Kế toán", "Văn phòng Sở", "Cá nhân", "Giấy khen",
                             None]])
    assert fails(plan_dir) == (f"{path}:Sheet1!C2: cột \"Họ và tên / Tên tập thể\": ô chứa công thức =\"Trần Thị"
                               " \"&\"Hoa\" nhưng kết quả chưa được lưu trong tệp; hãy mở tệp bằng Excel hoặc"
                               " LibreOffice rồi lưu lại để công thức được tính\n")


def test_a_total_row_with_only_its_label_in_the_number_column_is_not_an_awardee(plan_dir):
    _list(plan_dir, [[1, "Bà", "Trần Thị Hoa", "Kế toán", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                     [2, "Ông", "Lê Văn Nam", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                     ["Tổng số: 02 cá nhân", None, None, None, None, None, None, None]])
    text = all_text(builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    assert "Tổng số: 02" not in text
    assert "Bà Trần Thị Hoa" in text and "Ông Lê Văn Nam" in text


def test_a_total_row_across_the_name_columns_is_refused_at_its_cells(plan_dir):
    path = _list(plan_dir, [[1, "Bà", "Trần Thị Hoa", "Kế toán", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
                            [None, None, "Tổng cộng: 01 cá nhân", None, None, None, None, None]])
    # One message for the row, at its first cell (tests/test_total_rows.py: the same row merged A:E).
    assert fails(plan_dir) == (f"{path}:Sheet1!A3: dòng \"Tổng cộng: 01 cá nhân\" là dòng tổng cộng, không phải"
                               " tập thể hay cá nhân được đề nghị; hãy xóa cả dòng này trong Excel (bấm chuột phải"
                               " vào số dòng 3, chọn Delete), kể cả khi các ô của dòng đã gộp (Merge)\n")


# --- kind 10: a title and a higher title the same year, with own records ------------------------

def test_two_titles_allowed_together_and_the_same_award_twice_refused(plan_dir):
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    person = "{name: Hà Thị Mai, honorific: Bà, kind: individual, position: Chuyên viên, office: Văn phòng Sở"
    path.write_text(text[: text.index("awards:\n")] + "awards:\n"
                    f"  - {person}, form: lao_dong_tien_tien}}\n"
                    f"  - {person}, form: chien_si_thi_dua_co_so}}\n", encoding="utf-8")
    out_dir = builds(plan_dir)
    assert "Bà Hà Thị Mai" in all_text(out_dir / "quyet-dinh" / "01-lao-dong-tien-tien.docx")
    assert "Bà Hà Thị Mai" in all_text(out_dir / "quyet-dinh" / "02-chien-si-thi-dua-co-so.docx")
    shutil.rmtree(out_dir)
    (plan_dir.parents[1] / "so-van-ban.sqlite").unlink()
    path.write_text(text[: text.index("awards:\n")] + "awards:\n"
                    f"  - {person}, form: giay_khen}}\n"
                    f"  - {person}, form: giay_khen}}\n", encoding="utf-8")
    line = text[: text.index("awards:")].count("\n") + 3
    column = len(f"  - {person}, form: ") + 1
    assert fails(plan_dir) == (f"{path}:{line}:{column}: awards[1].form: 'Hà Thị Mai' đã được đề nghị khen thưởng"
                               f" cho cùng thành tích ở dòng {line - 1}; mỗi thành tích chỉ một hình thức khen"
                               " thưởng\n")


def test_a_list_without_the_kind_column_says_which_column_to_add(plan_dir):
    path = _list(plan_dir, [[1, "Bà", "Trần Thị", "Hoa", "Chuyên viên", "Văn phòng Sở", "Giấy khen"]],
                 header=["STT", "Danh xưng", "Họ và tên đệm", "Tên", "Chức vụ", "Đơn vị công tác",
                         "Danh hiệu/Hình thức"])
    assert fails(plan_dir) == (f"{path}:Sheet1!A2: danh sách không có cột \"Cá nhân/Tập thể\"; hãy thêm cột đó"
                               " vào dòng tiêu đề rồi điền cho mọi dòng\n")
