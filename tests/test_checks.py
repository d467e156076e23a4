"""Checks a new user found missing: near-miss ids, every file's problems at once, and the like.

Messages are asserted word for word, as the clerk reads them (Vietnamese, file:line:col, field)."""

from pathlib import Path

from conftest import run
from test_bad_input import edit


def _fails(*args) -> str:
    result = run(*args)
    assert result.exit_code == 1, result.output
    return result.stderr


# --- "có phải là …?" for an id that names nothing --------------------------------------------

def test_a_result_naming_a_mistyped_unit_or_target_is_told_the_nearest(plan_dir: Path):
    result = plan_dir / "results" / "hoa_lu.yaml"
    edit(result, "unit: hoa_lu", "unit: hoalu")
    edit(result, "  viec_lam: 2000", "  viec_lamm: 2000")
    assert _fails("validate", plan_dir) == (
        f"{result}:5:7: unit: đơn vị 'hoalu' không có trong units.yaml; có phải là 'hoa_lu'?\n")
    edit(result, "unit: hoalu", "unit: hoa_lu")
    assert _fails("validate", plan_dir) == (
        f"{result}:12:3: values.viec_lamm: không có chỉ tiêu 'viec_lamm' trong targets của plan.yaml; có phải"
        " là 'viec_lam'?; hãy ghi mã của một chỉ tiêu có trong kế hoạch\n")


def test_a_target_split_to_a_mistyped_unit_is_told_the_nearest(plan_dir: Path):
    plan = plan_dir / "plan.yaml"
    edit(plan, "split: {ninh_binh: 2600, tam_diep: 1500,", "split: {ninh_binh: 2600, tamdiep: 1500,")
    assert _fails("validate", plan_dir) == (
        f"{plan}:343:30: targets[2].split.tamdiep: đơn vị 'tamdiep' không có trong units.yaml; có phải là"
        " 'tam_diep'?\n")


# --- validate reports every file ---------------------------------------------------------------

def test_validate_reports_the_problems_of_every_file_sorted_by_file_and_line(plan_dir: Path):
    units, result = plan_dir / "units.yaml", plan_dir / "results" / "hoa_lu.yaml"
    document = plan_dir / "documents" / "bao-cao-so-ket.yaml"
    edit(units, "    name: Văn phòng Sở\n", "    nam: Văn phòng Sở\n")
    edit(result, "year: 2021", "year: abc")
    document.write_text(document.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    out = run("validate", plan_dir)
    assert out.exit_code == 1
    assert out.stdout == ""
    assert out.stderr == (
        f"{document}:40:1: cú pháp YAML sai: thiếu giá trị ở đây; kiểm tra dấu ',' và dấu ngoặc\n"
        f"{result}:6:7: year: phải là số nguyên, nhận được 'abc'\n"
        f"{units}:19:5: units[0].name: thiếu trường bắt buộc\n"
        f"{units}:20:5: units[0].nam: trường 'nam' không có trong mẫu hồ sơ; có phải là 'name'?\n"
        "Có 4 lỗi; chưa ghi văn bản nào.\n")
