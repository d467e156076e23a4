"""The docgen.vn helpers as filters of a real .docx template, and TCVN3 caught in records."""

import datetime as dt

import docx
from conftest import run
from test_bad_input import edit

from docgen.render import DocxTemplate

LINES = {
    "{{ 3510000 | amount_in_words }}": "Ba triệu năm trăm mười nghìn đồng",
    "{{ 21 | amount_in_words('') }}": "Hai mươi mốt",
    "{{ day | format_date }}": "ngày 05 tháng 9 năm 2021",
    "{{ day | format_date(short=True) }}": "5/9/2021",
    "{{ 'Ninh Bình' | place_date(day) }}": "Ninh Bình, ngày 05 tháng 9 năm 2021",
    "{{ 5 | doc_number('QĐ', 'LĐTBXH') }}": "Số: 05/QĐ-LĐTBXH",
    "{{ 19400 | format_number }}": "19.400",
    "{{ (70, 72) | format_percent }}": "70%-72%",
    "{{ 4 | roman }}. {{ 5 | point_letter }})": "IV. đ)",
    "{{ 'Sở Nội vụ' | upper }}": "SỞ NỘI VỤ",
    "{{ 'B¶o Th¾ng' | tcvn3_to_unicode }}": "Bảo Thắng",
    "{% for n in names | sort(attribute='key') %}{{ n.name }}; {% endfor %}":
        "Nguyễn Thị An; Lê Đức Anh; Trần Văn Bình; ",
}


def test_filters_in_a_real_template(tmp_path):
    from docgen.vn import name_sort_key

    path = tmp_path / "filters.docx"
    document = docx.Document()
    for source in LINES:
        document.add_paragraph(source)
    document.save(str(path))
    people = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Đức Anh"]
    parts = DocxTemplate(path).render({
        "day": dt.date(2021, 9, 5),
        "names": [{"name": n, "key": name_sort_key(n)} for n in people],
    })
    out = tmp_path / "out.docx"
    from docgen.output import write_package

    write_package(out, parts)
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts == list(LINES.values())


def test_tcvn3_text_in_records_is_named_with_its_conversion(plan_dir):
    edit(plan_dir / "organisation.yaml", "place: Ninh Bình ", "place: Ninh B×nh  ")
    result = run("validate", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{plan_dir}/organisation.yaml:10:8: place: chữ có vẻ được gõ bằng bảng mã TCVN3"
        " (.VnTime): 'Ninh B×nh'; hãy chuyển sang Unicode, có lẽ là: 'Ninh Bình'\n"
    )
