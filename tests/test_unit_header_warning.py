"""A unit's name the form's header can break only by guessing (issue 11, item 6; fresh user
snn-hue-2024): docgen breaks it between words, never inside one, and `docgen validate` and
`build` say at units.yaml:line:col which lines it chose and that `header_lines` chooses others;
valid records, nothing refused."""

from pathlib import Path

from conftest import run
from test_bad_input import edit

LONG = "Ban Quản lý rừng phòng hộ Bắc Hải Vân và Khu bảo tồn thiên nhiên Sao La"


def test_a_long_unit_name_broken_by_a_guess_is_warned_with_header_lines_the_cure(plan_dir: Path):
    units = plan_dir / "units.yaml"
    assert run("validate", plan_dir).stderr == ""  # the shipped names break soundly
    edit(units, "    name: Phòng Giáo dục nghề nghiệp\n", f"    name: {LONG}\n")
    warning = (f"{units}:38:11: units[2].name: cảnh báo: tên đơn vị giao_duc_nghe_nghiep “{LONG}” in hoa rộng"
               " 19,65 cm, không ngắt được giữa các phần của tên thành những dòng vừa ô tên cơ quan ở tiêu đề biểu"
               " mẫu (7,10 cm), nên docgen tự chọn chỗ ngắt giữa các từ: “BAN QUẢN LÝ RỪNG / PHÒNG HỘ BẮC HẢI VÂN"
               " / VÀ KHU BẢO TỒN / THIÊN NHIÊN SAO LA”; muốn ngắt chỗ khác, hãy ghi header_lines vào đơn vị, mỗi"
               " dòng một phần của tên (README, bảng units.yaml: `header_lines`)\n")
    result = run("validate", plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stderr == warning
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(warning)
    # The clerk's own lines, each fitting the cell: no warning.
    edit(units, f"    name: {LONG}\n", f"    name: {LONG}\n    header_lines: [Ban Quản lý rừng, phòng hộ Bắc Hải Vân,"
         " và Khu bảo tồn, thiên nhiên Sao La]\n")
    assert run("validate", plan_dir).stderr == ""


def test_the_readme_documents_header_lines_for_units():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert ("| `units[].header_lines` | cách ngắt dòng tên đơn vị ở tiêu đề biểu mẫu (ô tên cơ quan, rộng 7,10 cm),"
            " mỗi dòng một phần của tên") in readme


def test_a_name_broken_after_a_capitalised_word_needs_no_warning(plan_dir: Path):
    """"PHÒNG GIÁO DỤC" / "NGHỀ NGHIỆP" (the shipped name) is broken where a văn thư breaks it;
    an even run of lower-case words ("… rừng phòng hộ đầu nguồn …", session 8's guess missed it)
    is told, with docgen's lines, none inside a word."""
    units = plan_dir / "units.yaml"
    assert run("validate", plan_dir).stderr == ""
    edit(units, "    name: Phòng Giáo dục nghề nghiệp\n", "    name: Ban Quản lý rừng phòng hộ đầu nguồn sông Hương\n")
    result = run("validate", plan_dir)
    assert result.exit_code == 0, result.output
    assert "“BAN QUẢN LÝ / RỪNG PHÒNG HỘ / ĐẦU NGUỒN SÔNG HƯƠNG”" in result.stderr
