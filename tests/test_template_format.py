"""A template made for another docgen says so, and what to do (issue 13, kind 7).

The stock templates declare their format in a custom document property (docgen/render/version.py);
a field or filter the template asks for and this docgen lacks is then explained by the format.
"""

import shutil
import zipfile

import docx
from clerk import builds, fails
from conftest import ROOT, run
from zipparts import replace_in, rewrite

from docgen.render.version import PROPERTY, TEMPLATE_FORMAT, template_format


def _declare(template, value: str) -> None:
    def change(parts: dict[str, bytes]) -> None:
        old = f'name="{PROPERTY}"><vt:lpwstr>{TEMPLATE_FORMAT}</vt:lpwstr>'.encode()
        assert old in parts["docProps/custom.xml"]
        parts["docProps/custom.xml"] = parts["docProps/custom.xml"].replace(
            old, f'name="{PROPERTY}"><vt:lpwstr>{value}</vt:lpwstr>'.encode())

    rewrite(template, change)


def _parts(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_every_stock_template_declares_the_format_and_keeps_it_through_python_docx(tmp_path):
    for template in sorted((ROOT / "templates").glob("*.docx")):
        assert template_format(_parts(template)) == TEMPLATE_FORMAT == 1, template.name
        saved = tmp_path / template.name
        docx.Document(str(template)).save(str(saved))
        assert template_format(_parts(saved)) == 1, template.name


def test_a_template_of_an_older_docgen_says_so_and_the_command_it_names_fixes_it(plan_dir):
    workspace = plan_dir.parents[1]
    template = workspace / "templates" / "quyet-dinh.docx"
    shutil.copy(ROOT / "tests" / "data" / "quyet-dinh-aeecc5a.docx", template)  # no format declared
    assert fails(plan_dir) == (
        f"{template}: đoạn \"{{{{ d.authority_line }}}}{{% for line in d.bases %}}\": không có trường"
        " 'authority_line' trong dữ liệu; mẫu này làm cho docgen cũ hơn (không ghi định dạng mẫu, docgen này dùng"
        f" định dạng 1): hãy đổi tên tệp mẫu này (ví dụ thêm '-cu'), chạy docgen init --force {workspace} để lấy"
        " mẫu mới, rồi sửa mẫu mới như đã sửa mẫu cũ\n")
    # What the message says to do, done.
    template.rename(template.with_name("quyet-dinh-cu.docx"))
    result = run("init", "--force", workspace)
    assert result.exit_code == 0, result.output
    assert f"  thêm {template}" in result.output.splitlines()
    assert (builds(plan_dir) / "quyet-dinh" / "01-giay-khen.docx").is_file()


def test_an_older_format_number_is_named(plan_dir):
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    _declare(template, "0")
    replace_in(template, "word/document.xml", "{{ d.number_line }}", "{{ d.authority_line }}")
    message = fails(plan_dir)
    assert message.startswith(f"{template}: đoạn \"{{{{ d.authority_line }}}}\": không có trường 'authority_line'"
                              " trong dữ liệu; mẫu này làm cho docgen cũ hơn (định dạng mẫu 0, docgen này dùng"
                              " định dạng 1): hãy đổi tên tệp mẫu này")
    assert message.count("\n") == 1


def test_a_template_of_a_newer_docgen_says_to_install_the_newer_docgen(plan_dir):
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    _declare(template, "2")
    replace_in(template, "word/document.xml", "{{ d.number_line }}", "{{ d.number_line | so_hieu_moi }}")
    assert fails(plan_dir) == (
        f"{template}: đoạn \"{{{{ d.number_line | so_hieu_moi }}}}\": không có bộ lọc 'so_hieu_moi'; mẫu này làm"
        " cho docgen mới hơn (định dạng mẫu 2, docgen này dùng định dạng 1): hãy cài bản docgen mới hơn, bản đã"
        " làm ra mẫu này, rồi dựng lại\n")


def test_a_mistyped_field_in_a_template_of_this_docgen_has_no_version_hint(plan_dir):
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    replace_in(template, "word/document.xml", "{{ d.number_line }}", "{{ d.number_lin }}")
    assert fails(plan_dir) == (f"{template}: đoạn \"{{{{ d.number_lin }}}}\": không có trường 'number_lin' trong"
                               " dữ liệu\n")
