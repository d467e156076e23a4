"""Checks a new user found missing: near-miss ids, every file's problems at once, and the like.

Messages are asserted word for word, as the clerk reads them (Vietnamese, file:line:col, field)."""

import shutil
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


# --- a target named after the period's last year -------------------------------------------------

def test_a_target_named_for_the_final_year_without_period_final_is_warned_not_refused(plan_dir: Path):
    plan = plan_dir / "plan.yaml"
    edit(plan, "    name: Tỷ lệ lao động qua đào tạo (đến cuối nhiệm kỳ)\n    period: final\n",
         "    name: Tỷ lệ lao động qua đào tạo (đến năm 2025)\n")
    warning = (f"{plan}:324:11: targets[0].name: cảnh báo: tên chỉ tiêu lao_dong_qua_dao_tao ghi 'đến năm"
               " 2025' (mức phải đạt vào cuối giai đoạn) mà chưa có period: final, nên báo cáo sơ kết, tổng kết"
               " so từng năm với mức này; nếu là mức của năm cuối, thêm dòng `period: final` vào chỉ tiêu (nếu"
               " đúng là mỗi năm phải đạt, ghi `period: each_year` để không nhắc lại)\n")
    result = run("validate", plan_dir)
    assert result.exit_code == 0
    assert result.stderr == warning
    assert result.stdout.startswith("Hồ sơ hợp lệ:")
    result = run("build", plan_dir)
    assert result.exit_code == 0
    assert result.stderr.startswith(warning)
    # The clerk who writes a period has chosen: no warning.
    edit(plan, "(đến năm 2025)\n", "(đến năm 2025)\n    period: each_year\n")
    assert run("validate", plan_dir).stderr == ""


def test_the_plans_own_year_at_the_end_of_a_name_is_no_final_year(plan_dir: Path):
    plan = plan_dir / "plan.yaml"
    edit(plan, "    name: Tỷ lệ thất nghiệp mỗi năm\n", "    name: Tỷ lệ thất nghiệp năm 2021\n")
    edit(plan, "    name: Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ (đến cuối nhiệm kỳ)\n    period: final\n",
         "    name: Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ đến hết năm 2025\n")
    result = run("validate", plan_dir)
    assert result.exit_code == 0
    assert result.stderr.count("cảnh báo") == 1
    assert result.stderr.startswith(f"{plan}:332:11: targets[1].name: cảnh báo: tên chỉ tiêu lao_dong_co_bang_cap"
                                    " ghi 'đến hết năm 2025'")


# --- the dates of an award list --------------------------------------------------------------------

def test_a_decision_dated_before_the_plan_it_cites_is_refused(plan_dir: Path):
    awards = plan_dir / "awards.yaml"
    edit(awards, "date: 2021-12-20", "date: 2021-09-14")
    assert _fails("build", plan_dir) == (
        f"{awards}:12:7: date: ngày ký 14/09/2021 sớm hơn ngày của kế hoạch (15/09/2021) mà các quyết định, tờ"
        " trình khen thưởng căn cứ vào: văn bản chỉ căn cứ vào văn bản đã ban hành; hãy sửa ngày ký (date) cho"
        " bằng hoặc sau 15/09/2021, hoặc sửa ngày của kế hoạch trong plan.yaml\n")
    edit(awards, "date: 2021-09-14", "date: 2021-09")  # the day left blank: it may still be on or after the 15th
    assert run("validate", plan_dir).exit_code == 0


DISTRICT_GONE = (
    "date: cấp Chủ tịch Ủy ban nhân dân huyện không còn từ ngày 01/07/2025 (law/authority.yaml,"
    " chu_tich_ubnd_huyen: until: 2025-06-30): không ban hành quyết định, tờ trình ngày {date} ở cấp này được;"
    " hãy ghi authority là cấp có thẩm quyền vào ngày ký, hoặc sửa ngày ký (date) nếu văn bản ban hành trước"
    " ngày 01/07/2025\n")


def test_a_district_decision_dated_after_the_district_level_ended_is_refused(workspace: Path):
    folder = workspace / "plans" / "thi-dua-ubnd-huyen"
    awards = folder / "awards.yaml"
    edit(awards, "date: 2024-12-26", "date: 2025-07-01")
    assert _fails("build", folder) == f"{awards}:8:7: " + DISTRICT_GONE.format(date="01/07/2025")
    assert not (workspace / "build" / "thi-dua-ubnd-huyen").exists()
    # The last day of the district level still builds: old plans of a district stay buildable.
    edit(awards, "date: 2025-07-01", "date: 2025-06-30")
    assert run("build", folder).exit_code == 0


def test_the_date_the_district_level_ended_is_data_the_user_corrects(workspace: Path):
    folder = workspace / "plans" / "thi-dua-ubnd-huyen"
    edit(folder / "awards.yaml", "date: 2024-12-26", "date: 2025-08")
    law = workspace / "law"
    shutil.copytree(Path(__file__).parents[1] / "docgen" / "law", law)  # the workspace's own law/ folder
    assert _fails("validate", folder).endswith(DISTRICT_GONE.format(date="08/2025"))
    shipped = (law / "authority.yaml").read_text(encoding="utf-8")
    assert "  until: 2025-06-30\n" in shipped
    (law / "authority.yaml").write_text(shipped.replace("  until: 2025-06-30\n", "  until: 2025-12-31\n"),
                                        encoding="utf-8")
    assert run("validate", folder).exit_code == 0


# --- wording ---------------------------------------------------------------------------------------

def test_the_register_sheet_reads_the_kind_then_the_trich_yeu_in_lower_case_names_kept():
    from docgen.output.register_xlsx import after_kind

    assert after_kind("Về việc tặng Giấy khen của Giám đốc Sở") == "về việc tặng Giấy khen của Giám đốc Sở"
    assert after_kind("Đề nghị khen thưởng năm 2021") == "đề nghị khen thưởng năm 2021"
    assert after_kind("Ninh Bình chung sức xây dựng nông thôn mới") == "Ninh Bình chung sức xây dựng nông thôn mới"
    assert after_kind("UBND tỉnh giao chỉ tiêu") == "UBND tỉnh giao chỉ tiêu"
    assert after_kind("V/v đăng ký thi đua") == "V/v đăng ký thi đua"


def test_an_issued_document_changed_by_its_template_alone_is_refused_saying_so(workspace: Path):
    from test_issue import state
    from zipparts import replace_in

    plan_dir = workspace / "plans" / "ninh-binh-2021"
    assert run("build", plan_dir).exit_code == 0
    assert run("issue", plan_dir, "--date", "2021-12-20").exit_code == 0
    before = state(workspace)
    replace_in(workspace / "templates" / "quyet-dinh.docx", "word/document.xml", 'w:jc w:val="center"',
               'w:jc w:val="right"')
    result = run("build", plan_dir)
    issued = workspace / "build" / "ninh-binh-2021" / "quyet-dinh"
    refusal = (": văn bản đã ban hành số {}/QĐ-LĐTBXH ngày 20/12/2021; bản dựng lại sẽ khác bản đã ký: chữ không"
               " đổi, chỉ định dạng đổi (thường do mẫu .docx trong templates/ đã sửa). Hồ sơ hoặc mẫu .docx đã đổi"
               " (sửa mẫu cũng làm đổi văn bản): không dựng, build/ và sổ văn bản giữ nguyên. Hãy trả hồ sơ và mẫu"
               " về như lúc ban hành, hoặc thu hồi văn bản (docgen withdraw {} --reason \"LÝ_DO\") rồi dựng lại")
    assert result.exit_code == 1
    first = issued / "01-giay-khen.docx"
    assert result.stderr.startswith(f"{first}" + refusal.format("01", first) + "\n")
    assert state(workspace) == before


def test_a_schools_plan_with_a_school_year_is_cited_by_its_school_year(workspace: Path):
    from clerk import all_text

    folder = workspace / "plans" / "thi-dua-truong-tieu-hoc"
    plan = folder / "plan.yaml"
    edit(plan, "date: 2024-01-15\n", "date: 2024-01-15\nschool_year: 2023-2024\n")
    edit(plan, "“{{ movement.name }}” năm 2024\n", "“{{ movement.name }}” năm học {{ plan.school_year }}\n")
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    out = workspace / "build" / "thi-dua-truong-tieu-hoc"
    decision = all_text(out / "quyet-dinh" / "du-thao-giay-khen-cua-hieu-truong.docx").replace("\xa0", " ")
    assert ("Căn cứ Kế hoạch số 08/KH-THKH ngày 15 tháng 01 năm 2024 của Trường Tiểu học Khánh Hòa phát động"
            " phong trào thi đua năm học 2023-2024;") in decision
    assert "phong trào thi đua năm 2024" not in decision
    assert "Phát động phong trào thi đua “Dạy tốt, học tốt” năm học 2023-2024" in all_text(out / "ke-hoach.docx")
    assert run("lint", out).exit_code == 0


def test_a_school_year_that_does_not_hold_the_plans_date_is_refused_at_its_line(workspace: Path):
    plan = workspace / "plans" / "thi-dua-truong-tieu-hoc" / "plan.yaml"
    edit(plan, "date: 2024-01-15\n", "date: 2024-01-15\nschool_year: 2024-2026\n")
    assert _fails("validate", plan.parent) == (
        f"{plan}:7:14: school_year: năm học '2024-2026' cần là hai năm liền nhau, một trong hai là năm của kế"
        " hoạch (2024), ví dụ 2024-2025; hãy sửa school_year\n")
