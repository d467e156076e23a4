"""Each kind of input clerks make (issue 13), with small inputs made here: read right or refused
with one Vietnamese line at its place."""

import shutil
import signal
import sqlite3
import time
import unicodedata
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
import yaml
from clerk import all_text, builds, fails, out
from conftest import run
from test_bad_input import edit
from zipparts import replace_in, rewrite

from docgen.errors import DocgenError, RecordError
from docgen.records.yamlsource import load_yaml
from docgen.vn import match_key, name_sort_key

CONTROL = ("có ký tự điều khiển {} không phải chữ (thường lẫn vào khi dán từ PDF hay phần mềm khác); hãy xóa"
           " ký tự đó rồi gõ lại chữ ở chỗ này")


_out, _fails, _builds, _all_text = out, fails, builds, all_text


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "r.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        return [str(p).removeprefix(f"{path}:") for p in load_yaml(path).problems]
    except RecordError as err:
        return [str(p).removeprefix(f"{path}:") for p in err.problems]


# --- 1. characters that are not text ----------------------------------------------------------

REFUSED = [c for c in range(0x00, 0xA0) if c < 0x20 and c not in (0x09, 0x0A, 0x0D) or 0x7F <= c]


@pytest.mark.parametrize("code", REFUSED)
def test_every_control_character_raw_or_escaped_is_refused_at_its_place(tmp_path, code):
    described = f"U+{code:04X}"
    names = {0x00: "NUL", 0x02: "STX", 0x07: "BEL", 0x08: "Backspace", 0x0B: "Tab dọc",
             0x0C: "ngắt trang (form feed)", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL"}
    if code in names:
        described += f" ({names[code]})"
    raw = _problems(tmp_path, f"head:\n  name: Lâm{chr(code)}Xuân\n")
    assert raw == [f"2:12: head.name: {CONTROL.format(described)}"]
    escaped = _problems(tmp_path, f'head:\n  name: "Lâm\\x{code:02X}Xuân"\n')
    assert escaped == [f"2:9: head.name: {CONTROL.format(described)}"]


def test_xml_illegal_characters_and_lone_surrogates(tmp_path):
    assert _problems(tmp_path, 'name: "Lâm\\uFFFE"\n') == [f"1:7: name: {CONTROL.format('U+FFFE')}"]
    assert _problems(tmp_path, 'name: "Lâm\\uD800"\n') == [
        "1:13: cú pháp YAML sai: mã \\u… trong chuỗi ngoặc kép không phải một ký tự (nửa cặp surrogate); hãy"
        " xóa mã đó và gõ chữ"]


def test_a_control_character_in_a_comment_is_located_too(tmp_path):
    assert _problems(tmp_path, "# ghi chú\x01\nname: A\n") == [f"1:10: {CONTROL.format('U+0001')}"]


def test_a_control_character_never_reaches_a_document(plan_dir):
    edit(plan_dir / "plan.yaml", 'subject: "Phát', 'subject: "\\x1FPhát')
    assert _fails(plan_dir) == f"{plan_dir}/plan.yaml:14:10: subject: {CONTROL.format('U+001F')}\n"
    assert not _out(plan_dir).exists()


# --- 2. YAML that is not data -----------------------------------------------------------------

ALIAS = ("không dùng neo và bí danh YAML (&tên, *tên) trong hồ sơ: hãy viết thẳng giá trị ở mỗi chỗ"
         " cần")


def _within(seconds: int, work):
    def timeout(*_):
        raise TimeoutError(f"more than {seconds} s")

    old = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(seconds)
    try:
        return work()
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_a_recursive_alias_is_refused(tmp_path):
    assert _problems(tmp_path, "name: &a [x, *a]\n") == [f"1:14: name[1]: {ALIAS}"]


def test_an_alias_bomb_neither_hangs_nor_eats_memory(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    started = time.monotonic()
    problems = _within(10, lambda: _problems(tmp_path, "\n".join(lines) + "\n"))
    assert time.monotonic() - started < 5
    assert problems == [f"2:10: a1[0]: {ALIAS} (cùng 80 chỗ khác)"]


@pytest.mark.parametrize("text, where, tag", [
    ("year: !!int abc\n", "1:7: year", "!!int"),
    ("value: !!float x\n", "1:8: value", "!!float"),
    ("name: !!python/object/apply:os.system [ls]\n", "1:7: name", "!!python/object/apply:os.system"),
    ("name: !vni Tên\n", "1:7: name", "!vni"),
])
def test_explicit_tags_are_refused(tmp_path, text, where, tag):
    assert _problems(tmp_path, text) == [
        f"{where}: thẻ kiểu YAML '{tag}' không được dùng trong hồ sơ; hãy xóa thẻ và viết thẳng giá trị (văn"
        " bản đặt trong ngoặc kép)"]


def test_a_number_of_thousands_of_digits(plan_dir):
    edit(plan_dir / "plan.yaml", "value: 19400", "value: " + "9" * 5000)
    assert _within(10, lambda: _fails(plan_dir)) == (
        f"{plan_dir}/plan.yaml:341:12: targets[2].value: số có 5000 chữ số, quá dài cho một số liệu; hãy kiểm"
        " tra lại số đã gõ\n")


def test_infinity_is_no_figure(plan_dir):
    edit(plan_dir / "plan.yaml", "value: 19400", "value: .inf")
    assert _fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:341:12: targets[2].value: phải là một số hữu hạn, nhận được inf\n")


def test_a_tab_in_the_indentation_is_said_in_vietnamese(plan_dir):
    edit(plan_dir / "organisation.yaml", "  title: Giám đốc", "\ttitle: Giám đốc")
    assert _fails(plan_dir, "validate") == (
        f"{plan_dir}/organisation.yaml:13:1: head.title: dòng được thụt lề bằng phím Tab; YAML cần dấu cách"
        " (space): hãy thay Tab bằng dấu cách\n")


@pytest.mark.parametrize("text, message", [
    ("a: b: c\n", "1:5: cú pháp YAML sai: dấu ':' không được đứng ở đây; nếu giá trị có dấu ':' hãy đặt cả giá"
                  " trị trong ngoặc kép, nếu không hãy kiểm tra thụt lề"),
    ("a: 'x\n", "2:1: cú pháp YAML sai: chuỗi trong ngoặc chưa được đóng: thiếu dấu ngoặc kép đóng (mở ở dòng 1)"),
    ('a: "\\q"\n', "1:5: cú pháp YAML sai: ký tự sau dấu '\\' trong chuỗi ngoặc kép không hợp lệ; hãy dùng ngoặc"
                   " đơn ' ' hoặc viết '\\\\'"),
    ("a: *x\n", "1:4: cú pháp YAML sai: có '*' (bí danh YAML) không trỏ tới đâu; hãy viết thẳng giá trị, hoặc đặt"
                " cả giá trị có dấu '*' trong ngoặc kép"),
    ("- a\nb: 1\n", "2:1: cú pháp YAML sai: dòng này không thẳng hàng với danh sách phía trên; mỗi phần tử của"
                    " danh sách bắt đầu bằng '- ' ở cùng một cột (mở ở dòng 1)"),
])
def test_libyaml_errors_said_in_vietnamese(tmp_path, text, message):
    assert _problems(tmp_path, text) == [message]


# --- 3. numbers the Vietnamese way ------------------------------------------------------------

def test_a_count_of_people_written_with_a_thousands_dot_is_read_right(plan_dir):
    edit(plan_dir / "plan.yaml", "value: 19400", "value: 19.400")
    edit(plan_dir / "plan.yaml", "split: {ninh_binh: 2600", "split: {ninh_binh: 2.600")
    text = _all_text(_builds(plan_dir) / "ke-hoach.docx")
    assert "19.400 người" in text and "19,4" not in text
    from test_reports import _annex_rows

    rows = _annex_rows(_out(plan_dir) / "bao-cao-tong-hop.docx")
    assert rows["Số lao động được giải quyết việc làm mỗi năm"][3] == "19.400"


def test_a_reported_figure_with_a_dot_and_three_digits_gives_both_readings(plan_dir):
    path = plan_dir / "results" / "gia_vien.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip().startswith("viec_lam:"))
    column = text.splitlines()[line - 1].index(":") + 3
    number = yaml.safe_load(text)["values"]["viec_lam"]
    written = f"{number // 1000}.{number % 1000:03d}"
    path.write_text(text.replace(f"viec_lam: {number}", f"viec_lam: {written}"), encoding="utf-8")
    whole = f"{number // 1000}.{number % 1000:03d}"
    decimal = Decimal(written)
    assert _fails(plan_dir) == (
        f"{path}:{line}:{column}: values.viec_lam: '{written}' đọc được hai cách: {whole} hay"
        f" {str(decimal.normalize()).replace('.', ',')}; hãy viết {number} nếu là {whole}, hoặc"
        f" {decimal.normalize()} nếu là {str(decimal.normalize()).replace('.', ',')} (trong hồ sơ không dùng"
        " dấu chấm ngăn cách hàng nghìn)\n")


@pytest.mark.parametrize("written, value", [('"1.250.000"', Decimal(1250000)), ('"70,5"', Decimal("70.5")),
                                           ('"19.400,5"', Decimal("19400.5")), ("70.5", Decimal("70.5"))])
def test_unambiguous_vietnamese_notation_is_read(written, value):
    from docgen.records.schema import _number
    from docgen.records.yamlsource import parse_yaml

    data = parse_yaml(Path("x.yaml"), f"v: {written}\n").data
    assert _number(data["v"]) == value


# --- 4. Excel lists as clerks keep them -------------------------------------------------------

HEADER = ["STT", "Danh xưng (Ông/Bà)", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
          "Danh hiệu/Hình thức", "Thành tích"]


def _list(plan_dir: Path, book: openpyxl.Workbook) -> Path:
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("awards:\n")] + "list_file: danh-sach.xlsx\n", encoding="utf-8")
    book.save(plan_dir / "danh-sach.xlsx")
    return plan_dir / "danh-sach.xlsx"


def test_excel_as_clerks_keep_it(plan_dir):
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Văn phòng"
    first.append(["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"])  # title rows above the header
    first.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2021"])
    first.append([])
    first.append(["STT", "Danh xưng", "Họ và tên đệm", "Tên", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
                  "Danh hiệu/Hình thức", "Thành tích"])
    first.append(["1", "Bà", "Trần Thị", "Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None])
    first.append(["2", "Ông", "Vũ Minh", "Đức", 1, None, "Cá nhân", "Giấy khen", None])  # a number as text
    first.append(["3", "Ông", "Lê Văn", "Nam", "Chuyên viên", None, "Cá nhân", "Giấy khen", None])
    first.merge_cells("F6:F7")  # one office for two rows
    first["F6"] = "Phòng Kế hoạch - Tài chính"
    second = book.create_sheet("Các phòng")
    second.append(HEADER)
    second.append([1, None, "Phòng Người có công", None, None, "Tập thể", "Giấy khen", None])
    book.create_sheet("Ghi chú").append(["Danh sách lập ngày 10/12/2021"])  # no header: not a list
    _list(plan_dir, book)
    text = _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    assert "Bà Trần Thị Hoa" in text
    assert "Ông Vũ Minh Đức" in text and "1, Phòng Kế hoạch - Tài chính" in text
    assert "Ông Lê Văn Nam" in text and "Chuyên viên, Phòng Kế hoạch - Tài chính" in text
    assert "Phòng Người có công" in text


def test_excel_cells_that_cannot_be_read_right_are_named(plan_dir):
    import datetime as dt

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(HEADER)
    sheet.append([1, "Bà", "Trần Thị Hoa", dt.datetime(2021, 3, 1), "Văn phòng Sở", "Cá nhân", "Giấy khen", None])
    sheet.append([2, "Ông", "Vũ Minh Đức", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", "#REF!"])
    sheet.append([3, "Ông", "Lê Văn Nam", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None])
    sheet.row_dimensions[4].hidden = True
    sheet.append([4, "Ông", "Nguyeãn Vaên Bình", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None])
    path = _list(plan_dir, book)
    assert _fails(plan_dir) == (
        f"{path}:Sheet1!D2: cột \"Chức vụ\": Excel đã đổi chữ trong ô thành ngày tháng (01/03/2021); hãy định dạng"
        " cột là Text (Văn bản) rồi gõ lại chữ\n"
        f"{path}:Sheet1!H3: cột \"Thành tích\": ô có lỗi công thức #REF!; hãy sửa công thức trong Excel rồi lưu"
        " lại\n"
        f"{path}:Sheet1!A4: dòng này đang bị ẩn trong Excel; hãy bỏ ẩn (Unhide) và xóa dòng nếu không đề nghị"
        " khen thưởng\n"
        f"{path}:Sheet1!C5: chữ có vẻ được gõ bằng bảng mã VNI-Windows (VNI-Times): 'Nguyeãn Vaên Bình'; hãy"
        " chuyển sang Unicode, có lẽ là: 'Nguyễn Văn Bình'\n"
        "Có 4 lỗi; chưa ghi văn bản nào.\n")


def test_an_ods_or_damaged_list_is_named(plan_dir):
    path = _list(plan_dir, openpyxl.Workbook())
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert _fails(plan_dir) == (
        f"{path}: đây là bảng tính OpenDocument (.ods), docgen chỉ đọc .xlsx; hãy mở tệp bằng Excel (hoặc"
        " LibreOffice) và lưu lại dạng \"Excel Workbook (.xlsx)\"\n")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<broken")
    assert _fails(plan_dir) == (
        f"{path}: tệp Excel bị hỏng, không đọc được; hãy mở tệp bằng Excel (hoặc LibreOffice) và lưu lại dạng"
        " \"Excel Workbook (.xlsx)\"\n")


# --- 5. names as a clerk sees them ------------------------------------------------------------

@pytest.mark.parametrize("a, b", [("Nguyễn Thị Hòa", "Nguyễn Thị Hoà"), ("Lê Thu Thủy", "Lê Thu Thuỷ"),
                                  ("Trần Quý", "Trần Qúy"), ("Phạm Đức", unicodedata.normalize("NFD", "Phạm Đức")),
                                  ("Vũ  Thị An", "vũ thị an")])
def test_the_same_name_whatever_the_spelling(a, b):
    assert match_key(a) == match_key(b)
    assert name_sort_key(a)[0] == name_sort_key(b)[0]


def test_different_tones_stay_different_names():
    assert match_key("Hòa") != match_key("Hóa")
    assert sorted(["Hoà", "An", "Án", "Hóa", "Anh"], key=name_sort_key) == ["An", "Án", "Anh", "Hoà", "Hóa"]


def test_a_duplicate_awardee_is_found_across_tone_placement_and_kept_as_typed(plan_dir):
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hoà")
    text = text.replace("awards:\n", "awards:\n  - {name: Nguyễn Thị Hòa, honorific: Bà, kind: individual, form:"
                        " giay_khen, position: Chuyên viên, office: Văn phòng Sở}\n"
                        f"  - {{name: {decomposed}, honorific: Bà, kind: individual, form: giay_khen,"
                        " position: Chuyên viên, office: Văn phòng Sở}\n", 1)
    path.write_text(text, encoding="utf-8")
    stderr = _fails(plan_dir)
    assert stderr.startswith(f"{path}:")
    assert ("awards[1].form: 'Nguyễn Thị Hoà' đã được đề nghị khen thưởng cho cùng thành tích ở dòng"
            in stderr)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if decomposed not in line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "Bà Nguyễn Thị Hòa" in _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")


# --- 6. legacy encodings ----------------------------------------------------------------------

@pytest.mark.parametrize("legacy, name, reading", [
    ("Nguyeãn Vaên Bình", "VNI-Windows (VNI-Times)", "Nguyễn Văn Bình"),
    ("Phoøng Taøi chính", "VNI-Windows (VNI-Times)", "Phòng Tài chính"),
    ("Tr¥n Th¸ Hß½ng", "VISCII", "Trần Thị Hương"),
    ("Ninh B×nh", "TCVN3 (.VnTime)", "Ninh Bình"),
])
def test_legacy_encodings_are_found_with_their_reading(plan_dir, legacy, name, reading):
    edit(plan_dir / "organisation.yaml", "name: Lâm Xuân Phương", f"name: {legacy}")
    assert _fails(plan_dir, "validate") == (
        f"{plan_dir}/organisation.yaml:12:9: head.name: chữ có vẻ được gõ bằng bảng mã {name}: '{legacy}'; hãy"
        f" chuyển sang Unicode, có lẽ là: '{reading}'\n")


@pytest.mark.parametrize("text", ["Hòa Bình", "Nguyễn Thị Thuỷ", "Phòng Tài chính", "Ông Bà", "Café Müller"])
def test_unicode_vietnamese_is_not_taken_for_a_legacy_encoding(text):
    from docgen.records.legacy import legacy_problem

    assert legacy_problem(text) is None or "TCVN3" in legacy_problem(text) and "Müller" in text


# --- 7. templates as clerks save them ---------------------------------------------------------

def _template(plan_dir: Path) -> Path:
    return plan_dir.parents[1] / "templates" / "quyet-dinh.docx"


def test_spell_check_marks_and_smart_quotes_inside_tags(plan_dir):
    original = _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    shutil.rmtree(_out(plan_dir))
    template = _template(plan_dir)
    replace_in(template, "word/document.xml", 'g.kind == "collective"', "g.kind == “collective”")
    replace_in(template, "word/document.xml", "{{ d.proposed_by }}",
               '{{ d.proposed_</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>by</w:t></w:r>'
               '<w:proofErr w:type="spellEnd"/><w:r><w:t xml:space="preserve"> }}')
    assert _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx") == original


def test_a_part_saved_in_another_encoding(plan_dir):
    original = _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    shutil.rmtree(_out(plan_dir))

    def utf16(parts):
        xml = parts["word/document.xml"].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
        parts["word/document.xml"] = xml.encode("utf-16")

    rewrite(_template(plan_dir), utf16)
    assert _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx") == original


def test_comments_in_a_template_are_refused_by_name(plan_dir):
    def comment(parts):
        parts["word/comments.xml"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            '<w:comment w:id="0" w:author="Chánh Văn phòng"><w:p><w:r><w:t>Nhớ sửa số</w:t></w:r></w:p>'
            '</w:comment></w:comments>').encode()

    rewrite(_template(plan_dir), comment)
    assert _fails(plan_dir) == (
        f"{_template(plan_dir)}: mẫu có 1 ghi chú (Comment) sẽ bị chép vào mọi văn bản: “Nhớ sửa số” (Chánh Văn"
        " phòng); hãy xóa các ghi chú (Review > Delete > Delete All Comments) rồi lưu lại\n")


def test_every_shipped_template_survives_a_save_by_python_docx(plan_dir):
    original = {p.relative_to(_out(plan_dir)).as_posix(): _all_text(p)
                for p in sorted(_builds(plan_dir).rglob("*.docx"))}
    shutil.rmtree(_out(plan_dir))
    (plan_dir.parents[1] / "so-van-ban.sqlite").unlink()
    for template in (plan_dir.parents[1] / "templates").glob("*.docx"):
        docx.Document(str(template)).save(str(template))
    assert {p.relative_to(_out(plan_dir)).as_posix(): _all_text(p)
            for p in sorted(_builds(plan_dir).rglob("*.docx"))} == original


def test_every_shipped_template_survives_a_save_by_libreoffice(office, plan_dir, tmp_path):
    import subprocess

    original = {p.relative_to(_out(plan_dir)).as_posix(): _all_text(p)
                for p in sorted(_builds(plan_dir).rglob("*.docx"))}
    shutil.rmtree(_out(plan_dir))
    (plan_dir.parents[1] / "so-van-ban.sqlite").unlink()
    folder = plan_dir.parents[1] / "templates"
    templates = sorted(folder.glob("*.docx"))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "saved"),
                    *map(str, templates)], check=True, capture_output=True, timeout=300)
    for template in templates:
        saved = tmp_path / "saved" / template.name
        assert saved.is_file(), template.name
        shutil.copy(saved, template)
    assert {p.relative_to(_out(plan_dir)).as_posix(): _all_text(p)
            for p in sorted(_builds(plan_dir).rglob("*.docx"))} == original


# --- 8. forms as units return them ------------------------------------------------------------

def _forms(plan_dir: Path) -> Path:
    shutil.rmtree(plan_dir / "results")
    return _builds(plan_dir) / "bieu-mau"


@pytest.mark.parametrize("head, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "biểu mẫu được lưu dạng Word 97-2003 (.doc), docgen chỉ đọc .docx; hãy"
     " mở biểu mẫu bằng Word, chọn File > Save As > Word Document (.docx) rồi gửi lại tệp .docx"),
    (b"%PDF-1.7\n", "biểu mẫu là tệp PDF: không còn ô để đọc số liệu; hãy điền vào tệp .docx docgen đã gửi rồi gửi"
     " lại chính tệp .docx đó"),
])
def test_a_form_saved_in_another_format_is_named(plan_dir, tmp_path, head, message):
    (tmp_path / "nhan").mkdir()
    path = tmp_path / "nhan" / "bao-cao.doc"
    path.write_bytes(head + b"\x00" * 100)
    result = run("collect", plan_dir, tmp_path / "nhan")
    assert result.exit_code == 1
    assert result.stderr == f"{path}: {message}\n"


def test_an_odt_form_is_named(plan_dir, tmp_path):
    path = tmp_path / "bao-cao.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    result = run("collect", plan_dir, path)
    assert result.stderr == (f"{path}: biểu mẫu được lưu dạng OpenDocument (.odt), docgen chỉ đọc .docx; hãy mở"
                             " bằng LibreOffice hoặc Word và lưu lại dạng Word (.docx) rồi gửi lại\n")


def test_one_bad_form_does_not_stop_the_good_ones_and_typed_rates_are_checked(plan_dir, tmp_path):
    from fill import fill
    from test_reports import _all_filled

    forms = _forms(plan_dir)
    good = forms / "yen_mo.docx"
    _all_filled(good)
    fill(good, {"docgen:target:viec_lam": "2.450", "docgen:rate:viec_lam": "95%",
                "docgen:note:viec_lam": "Tính cả lao động thời vụ"})
    bad = forms / "kim_son.docx"
    _all_filled(bad)
    fill(bad, {"docgen:target:viec_lam": "khoảng 3000"})
    result = run("collect", plan_dir, good, bad)
    assert result.exit_code == 1
    saved = yaml.safe_load((plan_dir / "results" / "yen_mo.yaml").read_text(encoding="utf-8"))
    assert saved["values"]["viec_lam"] == 2450
    assert saved["notes"] == {"viec_lam": "Tính cả lao động thời vụ"}
    assert not (plan_dir / "results" / "kim_son.yaml").exists()
    unit = "đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện {}', chỉ tiêu 'Số lao động được giải quyết việc" \
           " làm mỗi năm' (viec_lam)"
    lines = result.stderr.splitlines()
    assert lines[0] == (f"{good}: {unit.format('Yên Mô')}, tỷ lệ: tỷ lệ đơn vị gõ 95% khác tỷ lệ tính từ số liệu"
                        " (2.450/2.300 = 106,5%); báo cáo dùng tỷ lệ tính được")
    assert f"{bad}: {unit.format('Kim Sơn')}: không đọc được số liệu: 'khoảng 3000' không phải một số (viết như" \
           " 1.250 hoặc 70,5)" in lines
    assert lines[-1] == "Có 1 lỗi; các biểu mẫu có lỗi chưa được ghi, các biểu mẫu khác đã ghi."
    assert "Đã ghi" in result.output and "1 tỷ lệ đơn vị gõ đã được đối chiếu, 1 tỷ lệ khác." in result.output


# --- 9. validate checks everything build reads ------------------------------------------------

def test_validate_says_valid_only_when_build_would_build(plan_dir):
    result = run("validate", plan_dir)
    assert result.exit_code == 0 and result.output.startswith("Hồ sơ hợp lệ")
    edit(plan_dir / "results" / "gia_vien.yaml", "year: 2021", "year: 99999")
    edit(plan_dir / "awards.yaml", "signer: head", "signer: head\nyear: 0")
    stderr = _fails(plan_dir, "validate")
    assert stderr == (
        f"{plan_dir}/awards.yaml:15:7: year: phải lớn hơn hoặc bằng 1945\n"
        f"{plan_dir}/results/gia_vien.yaml:6:7: year: phải nhỏ hơn hoặc bằng 2100, nhận được 99999\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n")
    for line in _fails(plan_dir, "build").splitlines()[:-1]:
        assert line in stderr


def test_validate_renders_the_templates(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    replace_in(template, "word/document.xml", "{{ plan.subject | keep_title }}", "{{ plan.subjet }}")
    assert _fails(plan_dir, "validate") == _fails(plan_dir, "build")


# --- 10. fields nobody checked ----------------------------------------------------------------

def test_an_award_unit_that_does_not_exist(plan_dir):
    path = plan_dir / "awards.yaml"
    edit(path, "{name: Trung tâm Dịch vụ việc làm, kind: collective",
         "{name: Trung tâm Dịch vụ việc làm, unit: tt_viec_lam, kind: collective")
    stderr = _fails(plan_dir)
    assert stderr.startswith(f"{path}:")
    assert stderr.endswith(": awards[18].unit: không có đơn vị 'tt_viec_lam' trong units.yaml; có phải là"
                           " 'tt_dich_vu_viec_lam'?\n")
    edit(path, "unit: tt_viec_lam,", "unit: zzz,")  # nothing near: the units are listed
    assert ": awards[18].unit: không có đơn vị 'zzz' trong units.yaml (có: bao_tro_xa_hoi," in _fails(plan_dir)


def test_a_collective_has_no_honorific(plan_dir):
    path = plan_dir / "awards.yaml"
    edit(path, "{name: Trung tâm Dịch vụ việc làm, kind: collective",
         "{name: Trung tâm Dịch vụ việc làm, honorific: Ông, kind: collective")
    stderr = _fails(plan_dir)
    assert stderr.endswith(": awards[18].honorific: 'Trung tâm Dịch vụ việc làm' là tập thể: không ghi danh xưng"
                           " 'Ông'; hãy xóa danh xưng (chỉ cá nhân mới có Ông/Bà)\n")


def test_a_year_of_five_digits(plan_dir):
    edit(plan_dir / "awards.yaml", "signer: head", "signer: head\nyear: 99999")
    assert _fails(plan_dir).endswith(": year: phải nhỏ hơn hoặc bằng 2100, nhận được 99999\n")
    edit(plan_dir / "awards.yaml", "year: 99999", "year: 2021")
    edit(plan_dir / "awards.yaml", "date: 2021-12-20", "date: 0021-12-20")
    assert _fails(plan_dir).endswith(": date: năm 21 không hợp lý: phải từ 1945 đến 2100\n")


def test_a_list_file_outside_the_workspace(plan_dir, tmp_path):
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    outside = tmp_path / "danh-sach.xlsx"
    openpyxl.Workbook().save(outside)
    path.write_text(text[: text.index("awards:\n")] + f"list_file: {outside}\n", encoding="utf-8")
    line = len(path.read_text(encoding="utf-8").splitlines())
    assert _fails(plan_dir) == (
        f"{path}:{line}:12: list_file: tệp '{outside}' nằm ngoài bộ hồ sơ; hãy chép tệp Excel vào thư mục kế"
        " hoạch và ghi tên tệp\n")


# --- 11. every message in Vietnamese ----------------------------------------------------------

def test_a_register_held_by_another_build(plan_dir, monkeypatch):
    from docgen.records import register

    monkeypatch.setattr(register, "LOCK_WAIT", 0.2)
    book = plan_dir.parent.parent / register.REGISTER_FILE  # one register for the whole workspace
    holder = sqlite3.connect(book, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        stderr = _fails(plan_dir)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert stderr == (f"{book}: sổ văn bản đang được một lần dựng khác giữ (đã chờ 0.2"
                      " giây); hãy chờ lần dựng đó (docgen build) xong rồi chạy lại\n")


def test_docgen_errors_are_all_located(plan_dir):
    """Nothing but a DocgenError with a place escapes the records, whatever the file holds."""
    from docgen.validation import validate_all

    (plan_dir / "units.yaml").write_text("groups: &g [*g]\nunits: !!set {a}\n", encoding="utf-8")
    with pytest.raises(DocgenError) as caught:
        validate_all(plan_dir)
    assert all(p.location.line for p in caught.value.problems)


def test_a_control_character_in_a_form_is_refused_at_its_field(plan_dir):
    from fill import fill
    from test_reports import _all_filled

    form = _forms(plan_dir) / "yen_mo.docx"
    _all_filled(form)
    fill(form, {"docgen:text:ton_tai": "Còn chậm\x9c trễ"})  # C1: XML 1.0 holds it, Word shows nothing
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr == (f"{form}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Yên Mô', mục 'ton_tai': "
                             + CONTROL.format("U+009C") + "\n")


def test_a_file_saved_in_a_legacy_encoding_gets_the_reading_of_its_line(plan_dir):
    path = plan_dir / "organisation.yaml"
    path.write_bytes(path.read_bytes().replace("name: Lâm Xuân Phương".encode(),
                                               "name: L©m Xu©n Ph\xad¬ng".encode("latin-1")))
    assert _fails(plan_dir, "validate") == (
        f"{path}:12:10: tệp không phải mã UTF-8 (byte 0xA9); hãy lưu lại tệp với bảng mã UTF-8 (Unicode); dòng này"
        " có vẻ gõ bằng bảng mã TCVN3 (.VnTime), có lẽ là: 'Lâm Xuân Phương'\n")


def test_a_collected_rate_with_three_decimals_reads_back_one_way(plan_dir):
    from fill import fill
    from test_reports import _all_filled

    form = _forms(plan_dir) / "yen_mo.docx"
    _all_filled(form)
    fill(form, {"docgen:target:that_nghiep": "1,125%"})
    assert run("collect", plan_dir, form).exit_code == 0
    assert "that_nghiep: 1,125\n" in (plan_dir / "results" / "yen_mo.yaml").read_text(encoding="utf-8")
    from test_reports import _matrix

    districts = _matrix(_builds(plan_dir) / "bao-cao-tong-hop.docx", "Yên Mô")
    assert districts["Tỷ lệ thất nghiệp mỗi năm"]["Yên Mô"] == "1,125%"


def test_utf8_misread_as_windows_1252_is_found_with_its_reading(plan_dir):
    edit(plan_dir / "organisation.yaml", "name: Lâm Xuân Phương", "name: LÃ¢m XuÃ¢n PhÆ°Æ¡ng")
    assert _fails(plan_dir, "validate") == (
        f"{plan_dir}/organisation.yaml:12:9: head.name: chữ Unicode (UTF-8) có vẻ đã bị một phần mềm đọc nhầm thành"
        " Windows-1252: 'LÃ¢m XuÃ¢n PhÆ°Æ¡ng'; hãy chép lại chữ đúng, có lẽ là: 'Lâm Xuân Phương'\n")


def test_a_record_saved_by_notepad_as_unicode_is_read(plan_dir):
    path = plan_dir / "organisation.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))  # with its byte order mark
    result = run("validate", plan_dir)
    assert result.exit_code == 0, result.stderr
