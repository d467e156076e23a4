"""The real failing inputs of ../shared/cases, each asserting the behaviour its README states."""

import re
import shutil
from pathlib import Path

import pytest
import yaml
from clerk import all_text, builds, fails, out
from conftest import ROOT, run
from zipparts import replace_in, rewrite

CASES = ROOT.parent / "shared" / "cases"
CONTROL = ("có ký tự điều khiển {} không phải chữ (thường lẫn vào khi dán từ PDF hay phần mềm khác); hãy xóa"
           " ký tự đó rồi gõ lại chữ ở chỗ này")
SAVE_AS = "hãy mở tệp bằng Excel (hoặc LibreOffice) và lưu lại dạng \"Excel Workbook (.xlsx)\""


def _out(plan_dir: Path) -> Path:
    return out(plan_dir)


def _fails(plan_dir: Path, command: str = "build") -> str:
    stderr = fails(plan_dir, command)
    assert not out(plan_dir).exists()
    return stderr


_builds, _all_text = builds, all_text


def _use_list(plan_dir: Path, source: Path) -> Path:
    """awards.yaml naming an Excel list instead of its own awards; the list copied beside it."""
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    if "\nlist_file:" not in text:
        path.write_text(text[: text.index("awards:\n")] + "list_file: danh-sach.xlsx\n", encoding="utf-8")
    target = plan_dir / "danh-sach.xlsx"
    shutil.copy(source, target)
    return target


# --- yaml-control-char ------------------------------------------------------------------------

@pytest.mark.parametrize("command", ["validate", "build"])
def test_form_feed_pasted_from_a_pdf(plan_dir, command):
    shutil.copy(CASES / "yaml-control-char" / "organisation.yaml", plan_dir / "organisation.yaml")
    assert _fails(plan_dir, command) == (
        f"{plan_dir}/organisation.yaml:12:17: head.name: " + CONTROL.format("U+000C (ngắt trang (form feed))")
        + "\n")


# --- xlsx-escaped-line-breaks -----------------------------------------------------------------

def test_hr_export_escapes_are_decoded_and_a_hidden_character_refused(plan_dir):
    sheet = _use_list(plan_dir, CASES / "xlsx-escaped-line-breaks" / "danh-sach.xlsx")
    assert _fails(plan_dir) == (
        f"{sheet}:Sheet1!C5: cột \"Họ và tên / Tên tập thể\": " + CONTROL.format("U+0002 (STX)") + "\n")
    # The clerk deletes the hidden character; the line breaks need nothing.
    rewrite(sheet, lambda parts: parts.update({
        name: data.replace(b"_x0002_", b"") for name, data in parts.items() if name.startswith("xl/")}))
    text = _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
    assert "đã hoàn thành xuất sắc nhiệm vụ năm 2021; dẫn đầu khối văn phòng" in text
    assert "Bà Vương Thị Hạnh" in text
    assert "Phó Trưởng phòng phụ trách kế toán" in text
    assert "_x" not in text and "\r" not in text


# --- xlsx-formulas-without-values -------------------------------------------------------------

FORMULA = ("ô chứa công thức {} nhưng kết quả chưa được lưu trong tệp; hãy mở tệp bằng Excel hoặc LibreOffice"
           " rồi lưu lại để công thức được tính")


def test_formulas_without_saved_results_are_refused_at_their_cells(plan_dir):
    sheet = _use_list(plan_dir, CASES / "xlsx-formulas-without-values" / "danh-sach.xlsx")
    achievement = FORMULA.format('="có sáng kiến được công nhận cấp cơ sở năm "&2021')
    assert _fails(plan_dir) == (
        f"{sheet}:Sheet1!C3: cột \"Họ và tên / Tên tập thể\": " + FORMULA.format('=J3&" "&K3') + "\n"
        f"{sheet}:Sheet1!H4: cột \"Thành tích\": {achievement}\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n")
    _use_list(plan_dir, CASES / "xlsx-formulas-without-values" / "danh-sach-b.xlsx")
    assert _fails(plan_dir) == f"{sheet}:Sheet1!H4: cột \"Thành tích\": {achievement}\n"


# --- xls-legacy -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["danh-sach.xls", "danh-sach-doi-ten.xlsx"])
def test_excel_97_2003_files_are_named_with_how_to_save_them(plan_dir, name):
    sheet = _use_list(plan_dir, CASES / "xls-legacy" / name)
    assert _fails(plan_dir) == (
        f"{sheet}: đây là tệp Excel 97-2003 (.xls), docgen chỉ đọc .xlsx; {SAVE_AS}\n")


# --- collect-word-placeholder -----------------------------------------------------------------

def test_a_control_showing_its_placeholder_is_empty(plan_dir):
    (plan_dir / "results" / "yen_mo.yaml").unlink(missing_ok=True)
    result = run("collect", plan_dir, CASES / "collect-word-placeholder" / "yen_mo-filled.docx")
    assert result.exit_code == 0, result.stderr
    saved = yaml.safe_load((plan_dir / "results" / "yen_mo.yaml").read_text(encoding="utf-8"))
    assert "notes" not in saved
    assert "kien_nghi" not in saved["narrative"]
    assert saved["narrative"]["phuong_huong"] == "Đẩy mạnh thi đua năm 2022."
    assert saved["values"]["viec_lam"] == 2450
    report = _all_text(_builds(plan_dir) / "bao-cao-tong-hop.docx")
    assert "Bấm hoặc gõ nhẹ" not in report and "Click or tap" not in report


def test_an_empty_number_field_showing_its_placeholder_is_not_filled_in(plan_dir, tmp_path):
    form = tmp_path / "yen_mo.docx"
    shutil.copy(CASES / "collect-word-placeholder" / "yen_mo-filled.docx", form)

    def empty_figure(parts):
        xml = parts["word/document.xml"].decode()
        xml, count = re.subn(r'(<w:alias w:val="docgen:target:viec_lam"/>.*?</w:sdtPr>)'
                             r'(<w:sdtContent>.*?)2\.450', r'\1\2Bấm hoặc gõ nhẹ vào đây để nhập văn bản.', xml,
                             count=1, flags=re.S)
        assert count == 1
        xml = xml.replace('<w:alias w:val="docgen:target:viec_lam"/>',
                          '<w:alias w:val="docgen:target:viec_lam"/><w:showingPlcHdr/>', 1)
        parts["word/document.xml"] = xml.encode()

    rewrite(form, empty_figure)
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{form}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Yên Mô', chỉ tiêu 'Số lao động được giải"
        " quyết việc làm mỗi năm' (viec_lam): chưa điền số liệu \"Thực hiện\"\n")


# --- title-and-higher-title-same-year ---------------------------------------------------------

def test_a_title_and_a_higher_title_the_same_year(plan_dir):
    shutil.copy(CASES / "title-and-higher-title-same-year" / "awards.yaml", plan_dir / "awards.yaml")
    out = _builds(plan_dir)
    decisions = sorted(p.name for p in (out / "quyet-dinh").glob("0*.docx"))
    assert decisions == ["01-lao-dong-tien-tien.docx", "02-chien-si-thi-dua-co-so.docx"]
    ldtt = _all_text(out / "quyet-dinh" / decisions[0])
    cstd = _all_text(out / "quyet-dinh" / decisions[1])
    assert "Bà Phan Thị Ngân" in ldtt and "Ông Tô Văn Hiếu" in ldtt
    assert "Bà Phan Thị Ngân" in cstd and "Tô Văn Hiếu" not in cstd


def test_the_allowed_combinations_are_law_data_with_their_source():
    data = yaml.safe_load((ROOT / "docgen" / "law" / "award_combinations.yaml").read_text(encoding="utf-8"))
    pair = data["together"][0]
    assert pair["pair"] == ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]
    assert "06/2022/QH15" in pair["source"]


# --- yaml-tab-indent --------------------------------------------------------------------------

def test_validate_reports_every_file_build_reads(plan_dir):
    shutil.copy(CASES / "yaml-tab-indent" / "awards.yaml", plan_dir / "awards.yaml")
    shutil.copy(CASES / "yaml-tab-indent" / "units-b.yaml", plan_dir / "units.yaml")
    units = (f"{plan_dir}/units.yaml:18:5: units[0].group: thiếu trường bắt buộc\n"
             f"{plan_dir}/units.yaml:20:5: units[0].grop: trường 'grop' không có trong mẫu hồ sơ; có phải là"
             " 'group'?\n")
    tab = (f"{plan_dir}/awards.yaml:29:1: proposal.to: dòng được thụt lề bằng phím Tab; YAML cần dấu cách"
           " (space): hãy thay Tab bằng dấu cách\n")
    validated = _fails(plan_dir, "validate")
    assert validated == tab + units + "Có 3 lỗi; chưa ghi văn bản nào.\n"  # by file, then line
    assert _fails(plan_dir, "build") == validated  # build reads the same files, says the same


def test_validate_and_build_say_the_same_of_a_plans_documents(plan_dir):
    """kind 9: a plan folder's documents/ records are read by validate as build reads them,
    together with the plan's own records."""
    shutil.copy(CASES / "yaml-tab-indent" / "units-b.yaml", plan_dir / "units.yaml")
    (plan_dir / "documents").mkdir(exist_ok=True)  # the example has its sơ kết there
    record = (plan_dir.parent / "cong-van-dang-ky-thi-dua" / "cong-van.yaml").read_text(encoding="utf-8")
    (plan_dir / "documents" / "cv.yaml").write_text(record.replace("subject:", "subjet:"), encoding="utf-8")
    line = 1 + record[: record.index("subject:")].count("\n")
    start = 1 + next(i for i, text in enumerate(record.splitlines()) if text and not text.startswith("#"))
    validated = _fails(plan_dir, "validate")
    assert validated == (
        f"{plan_dir}/documents/cv.yaml:{start}:1: subject: thiếu trường bắt buộc\n"
        f"{plan_dir}/documents/cv.yaml:{line}:1: subjet: trường 'subjet' không có trong mẫu hồ sơ; có phải là"
        " 'subject'?\n"
        f"{plan_dir}/units.yaml:18:5: units[0].group: thiếu trường bắt buộc\n"
        f"{plan_dir}/units.yaml:20:5: units[0].grop: trường 'grop' không có trong mẫu hồ sơ; có phải là 'group'?\n"
        "Có 4 lỗi; chưa ghi văn bản nào.\n")
    assert _fails(plan_dir, "build") == validated


def test_validate_and_build_say_the_same_of_a_document_folder(workspace):
    folder = workspace / "plans" / "cong-van-dang-ky-thi-dua"
    path = folder / "cong-van.yaml"
    record = path.read_text(encoding="utf-8")
    path.write_text(record.replace("number: 215", "number: mười"), encoding="utf-8")
    line = 1 + record[: record.index("number: 215")].count("\n")
    validated = _fails(folder, "validate")
    assert validated == (f"{path}:{line}:9: number: số văn bản là một số nguyên dương (number: 328), register (lấy số"
                         " tiếp theo trong sổ văn bản) hoặc để trống; nhận được 'mười'\n")
    assert _fails(folder, "build") == validated
    assert _fails(path, "build") == _fails(path, "validate") == validated
    assert sorted(p.name for p in workspace.iterdir()) == ["plans", "templates"]  # no build/, no register


# --- template-tracked-changes -----------------------------------------------------------------

def test_pending_tracked_changes_in_a_template_are_refused_by_name(plan_dir):
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    shutil.copy(CASES / "template-tracked-changes" / "quyet-dinh.docx", template)
    for command in ("build", "validate"):
        assert _fails(plan_dir, command) == (
            f"{template}: word/document.xml: mẫu còn 4 thay đổi chưa được chấp nhận (Track Changes): xóa “Tiền"
            " thưởng” (Van thu, 01/12/2021); thêm “Số tiền thưởng” (Van thu, 01/12/2021); xóa “Tiền thưởng”"
            " (Van thu, 01/12/2021); và 1 thay đổi khác; hãy mở mẫu bằng Word, chọn Review > Accept All Changes"
            " (Xem lại > Chấp nhận tất cả thay đổi), tắt Track Changes rồi lưu lại\n")


# --- template-saved-by-libreoffice ------------------------------------------------------------

def _documents(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): _all_text(p) for p in sorted(out.rglob("*.docx"))}


def test_a_template_saved_by_libreoffice_builds_exactly_as_the_original(plan_dir):
    """The case's file is the decision template of aeecc5a saved by LibreOffice. Templates have
    moved on since (wording moved into them), so that template no longer fits today's records
    either way: saved by LibreOffice or not, it must give exactly the same outcome. The kind
    (today's templates saved by LibreOffice) is tested on every shipped template in
    test_input_kinds.py."""
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    shutil.copy(ROOT / "tests" / "data" / "quyet-dinh-aeecc5a.docx", template)
    original = _fails(plan_dir)
    shutil.copy(CASES / "template-saved-by-libreoffice" / "quyet-dinh.docx", template)
    assert _fails(plan_dir) == original
    assert original == (f"{template}: đoạn \"{{{{ d.authority_line }}}}{{% for line in d.bases %}}\": không có trường"
                        " 'authority_line' trong dữ liệu; mẫu này làm cho docgen cũ hơn (không ghi định dạng mẫu,"
                        " docgen này dùng định dạng 1): hãy đổi tên tệp mẫu này (ví dụ thêm '-cu'), chạy docgen"
                        f" init --force {plan_dir.parents[1]} để lấy mẫu mới, rồi sửa mẫu mới như đã sửa mẫu cũ\n")


def test_tags_keep_their_meaning_through_entities(plan_dir):
    """The unescaping applies to what LibreOffice writes, in any tag of any template."""
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    replace_in(template, "word/document.xml", 'g.kind == "collective"', "g.kind == &quot;collective&quot;")
    assert "Văn phòng Sở" in _all_text(_builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx")
