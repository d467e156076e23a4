"""Every bad input: one Vietnamese message with file, line and field, exit 1, nothing written."""

from pathlib import Path

import pytest
from conftest import run
from zipparts import replace_in


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edit_template(path: Path, old: str, new: str) -> None:
    replace_in(path, "word/document.xml", old, new)


def build_fails(plan_dir: Path) -> str:
    result = run("build", plan_dir)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert not (plan_dir.parents[1] / "build").exists(), "nothing may be written"
    return result.stderr


def test_missing_field(plan_dir):
    edit(plan_dir / "plan.yaml", 'subject: "Phát', 'subjet: "Phát')
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:11:1: subject: thiếu trường bắt buộc\n"
        f"{plan_dir}/plan.yaml:14:1: subjet: trường 'subjet' không có trong mẫu hồ sơ;"
        " có phải là 'subject'?\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n"
    )


def test_unknown_key_in_a_nested_record(plan_dir):
    edit(plan_dir / "plan.yaml", "    unit: người\n    value: 19400", "    unit: người\n    valeu: 19400")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:337:5: targets[2].value: thiếu trường bắt buộc\n"
        f"{plan_dir}/plan.yaml:341:5: targets[2].valeu: trường 'valeu' không có trong mẫu hồ sơ;"
        " có phải là 'value'?\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n"
    )


def test_wrong_type(plan_dir):
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: abc  ")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:12:9: number: phải là số nguyên, nhận được 'abc'\n"
    )


def test_number_written_with_thousands_dot(plan_dir):
    edit(plan_dir / "plan.yaml", "    unit: \"%\"\n    value: 90\n", "    unit: \"%\"\n    value: 90.000\n")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:393:12: targets[10].value: '90.000' đọc được hai cách: 90.000 hay 90;"
        " hãy viết 90000 nếu là 90.000, hoặc 90 nếu là 90 (trong hồ sơ không dùng dấu chấm ngăn cách"
        " hàng nghìn)\n"
    )


def test_duplicate_key_and_other_problems_reported_together(plan_dir):
    edit(plan_dir / "plan.yaml", "type: Kế hoạch", "type: Kế hoạch\ntype: Báo cáo")
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: abc  ")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:12:1: type: khóa 'type' bị lặp (đã có ở dòng 11)\n"
        f"{plan_dir}/plan.yaml:13:9: number: phải là số nguyên, nhận được 'abc'\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n"
    )


def test_bad_date(plan_dir):
    edit(plan_dir / "plan.yaml", "date: 2021-09-15 ", "date: 2021-02-30")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:13:7: date: ngày 30 tháng 2 năm 2021 không có thật"
        " (tháng 2 có 28 ngày)\n"
    )


def test_date_not_iso(plan_dir):
    edit(plan_dir / "plan.yaml", "date: 2021-09-15 ", "date: 15/9/2021")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:13:7: date: ngày tháng '15/9/2021' không đúng dạng"
        " NĂM-THÁNG-NGÀY (ví dụ 2021-09-15, 2021-09)\n"
    )


def test_unknown_target_in_text(plan_dir):
    edit(plan_dir / "plan.yaml", "{{ targets.viec_lam }}", "{{ targets.viec_lamm }}")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:79:27: body[1].children[1].children[0].children[0].children[1].item:"
        " không có chỉ tiêu 'viec_lamm' trong 'targets'; có phải là 'viec_lam'?\n"
    )


def test_template_code_in_text_is_refused(plan_dir):
    edit(plan_dir / "plan.yaml", "{{ targets.viec_lam }}", "{{ targets.viec_lam | upper }}")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:79:27: body[1].children[1].children[0].children[0].children[1].item:"
        " '{{ targets.viec_lam | upper }}' không phải tham chiếu hợp lệ: chỉ được ghi tên,"
        " ví dụ {{ targets.viec_lam }}\n"
    )


def test_duplicate_target_id(plan_dir):
    path = plan_dir / "plan.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - id: viec_lam\n    name: Trùng\n    unit: người\n    value: 1\n"), encoding="utf-8")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:460:9: targets[21].id: mã chỉ tiêu 'viec_lam' bị trùng\n"
    )


def test_unknown_signer(plan_dir):
    edit(plan_dir / "plan.yaml", "signer: head ", "signer: pho  ")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:301:9: signer: không có người ký 'pho' trong organisation.yaml"
        " (có: head)\n"
    )


def test_non_utf8_file(plan_dir):
    path = plan_dir / "organisation.yaml"
    path.write_bytes(path.read_bytes().replace("Lâm".encode(), "Lâm".encode("cp1258")))
    assert build_fails(plan_dir) == (
        f"{plan_dir}/organisation.yaml:12:10: tệp không phải mã UTF-8 (byte 0xE2); hãy lưu lại"
        " tệp với bảng mã UTF-8 (Unicode)\n"
    )


def test_yaml_syntax_error(plan_dir):
    edit(plan_dir / "plan.yaml", "  - Sở Nội vụ\n", "  - [Sở Nội vụ\n")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:300:8: cú pháp YAML sai: thiếu dấu ']' đóng danh sách (hoặc thiếu"
        " dấu ',' giữa các phần tử) (mở ở dòng 295)\n"
    )


def test_missing_file(plan_dir):
    (plan_dir / "organisation.yaml").unlink()
    assert build_fails(plan_dir) == f"{plan_dir}/organisation.yaml: không tìm thấy tệp\n"


def test_template_with_typo_tag(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    edit_template(template, "{{ plan.subject | keep_title }}", "{{ plan.subject }")
    assert build_fails(plan_dir) == (
        f'{template}: đoạn "{{{{ plan.subject }}": thẻ chưa được đóng: thiếu'
        " '}}' trong cùng đoạn\n"
    )


def test_template_refers_to_missing_field(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    edit_template(template, "{{ plan.subject | keep_title }}", "Ghi chú: {{ plan.note }}")
    assert build_fails(plan_dir) == (
        f'{template}: đoạn "Ghi chú: {{{{ plan.note }}}}": không có trường \'note\' trong dữ liệu\n'
    )


def test_template_unknown_filter(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    edit_template(template, "{{ plan.subject | keep_title }}", "{{ plan.subject | bogus }}")
    assert build_fails(plan_dir) == (
        f'{template}: đoạn "{{{{ plan.subject | bogus }}}}": không có bộ lọc \'bogus\'\n'
    )


def test_template_cannot_reach_python_internals(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    edit_template(template, "{{ plan.subject | keep_title }}", "{{ ''.__class__.__mro__ }}")
    assert build_fails(plan_dir) == (
        f"{template}: đoạn \"{{{{ ''.__class__.__mro__ }}}}\": mẫu không được truy cập"
        " thuộc tính '__class__'\n"
    )


def test_broken_template_file(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    template.write_bytes(b"not a zip")
    assert build_fails(plan_dir) == (
        f"{template}: tệp mẫu không phải tệp .docx đọc được (File is not a zip file)\n"
    )


@pytest.mark.parametrize("blocker", ["file", "dir"])
def test_unwritable_output(plan_dir, blocker):
    build = plan_dir.parents[1] / "build"
    if blocker == "file":
        build.write_text("")
        expected = (f"{build}: không tạo được thư mục đầu ra: đã có một tệp trùng tên với thư mục"
                    " cần tạo\n")
    else:
        (build / "ninh-binh-2021" / "ke-hoach.docx").mkdir(parents=True)
        expected = (f"{build}/ninh-binh-2021/ke-hoach.docx: đường dẫn là một thư mục, nằm đúng chỗ"
                    " của văn bản cần ghi; hãy chuyển nó đi rồi dựng lại\n")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == expected
    if blocker == "dir":
        assert [p.name for p in (build / "ninh-binh-2021").iterdir()] == ["ke-hoach.docx"]


def test_failed_build_keeps_the_earlier_good_file(plan_dir):
    assert run("build", plan_dir).exit_code == 0
    out = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"
    before = out.read_bytes()
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    edit_template(template, "{{ plan.subject | keep_title }}", "{{ plan.nothing }}")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert out.read_bytes() == before
    hidden = sorted(p.name for p in out.parent.parent.rglob("*") if p.name.startswith("."))
    assert hidden == [".docgen-cache.json", ".docgen-manifest.json"], "no temporary file is left"


def test_missing_plan_folder(tmp_path):
    result = run("validate", tmp_path / "nope")
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}/nope: không tìm thấy thư mục kế hoạch\n"



def test_a_comma_in_an_unquoted_value_of_a_flow_mapping_says_to_quote_it(workspace):
    """A new user wrote `{…, office: Phòng Nội vụ, Lao động - Thương binh và Xã hội}`: YAML reads the part
    after the comma as a key without a value; the message says so and what to write."""
    awards = workspace / "plans" / "thi-dua-ubnd-huyen" / "awards.yaml"
    edit(awards, "office: Phòng Nội vụ}", "office: Phòng Nội vụ, Lao động - Thương binh và Xã hội}")
    assert build_fails(awards.parent) == (
        f"{awards}:33:123: awards[3].Lao động - Thương binh và Xã hội: trường 'Lao động - Thương binh và Xã hội'"
        " không có trong mẫu hồ sơ: trong { } dấu phẩy ngăn cách các trường, nên phần sau dấu phẩy của một giá"
        " trị bị đọc thành tên trường; hãy đặt cả giá trị có dấu phẩy trong ngoặc kép, ví dụ office:"
        ' "Phòng A, B"\n')


def test_a_word_the_targets_value_already_begins_with_is_refused(plan_dir):
    """A new user wrote "dưới {{ targets.x }}" for a target {below: 5}; the plan printed "dưới dưới 5%"."""
    edit(plan_dir / "plan.yaml", "mức\n                      {{ targets.that_nghiep }}",
         "mức\n                      dưới {{ targets.that_nghiep }}")
    assert build_fails(plan_dir) == (
        f"{plan_dir}/plan.yaml:79:27: body[1].children[1].children[0].children[0].children[1].item:"
        " 'dưới {{ targets.that_nghiep }}' sẽ in ra 'dưới dưới 2%': giá trị đã bắt đầu bằng 'dưới'; hãy bỏ chữ"
        " 'dưới' đứng trước {{ targets.that_nghiep }}\n")
