"""Values are data, never template code; text comes out NFC; builds repeat byte for byte."""

import unicodedata
import zipfile

import docx
from conftest import run
from docxread import read, shown
from test_bad_input import edit

TRICKY = "Lâm <Xuân> & 'Phương' \"{{ plan.id }}\" {% if x %}"


def _build(plan_dir):
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"


def test_special_characters_come_out_as_typed(plan_dir):
    edit(plan_dir / "organisation.yaml", "  name: Lâm Xuân Phương",
         "  name: '" + TRICKY.replace("'", "''") + "'")
    edit(plan_dir / "organisation.yaml", "abbreviation: LĐTBXH", "abbreviation: LĐTB&XH")
    edit(plan_dir / "plan.yaml", "  - Sở Nội vụ\n", "  - 'Phòng LĐ-TB&XH <huyện> {{ 1 + 1 }}'\n")
    edit(plan_dir / "plan.yaml", "Việc tổ chức triển khai thực hiện nghiêm túc",
         "Tổng < 5 & > 2, “trích” 'đơn' \"kép\" — việc tổ chức triển khai thực hiện nghiêm túc")
    out = _build(plan_dir)
    doc = read(out)
    assert doc.signature[-1].text == TRICKY
    assert doc.find("Số:").text == "Số: 125/KH-LĐTB&XH"
    assert doc.recipients[1].text == "- Phòng LĐ-TB&XH <huyện> {{ 1 + 1 }};"
    assert doc.find("- Tổng").text.startswith(
        "- Tổng < 5 & > 2, “trích” 'đơn' \"kép\" — việc tổ chức")
    # Nothing after the changed values was lost.
    assert doc.body[-1].text.endswith("nghiêm túc, hiệu quả./.")


def test_decomposed_input_comes_out_composed(plan_dir):
    nfd = unicodedata.normalize("NFD", "Lâm Xuân Phương")
    assert nfd != "Lâm Xuân Phương"
    edit(plan_dir / "organisation.yaml", "  name: Lâm Xuân Phương", f"  name: {nfd}")
    edit(plan_dir / "plan.yaml", "  - Các đơn vị trực thuộc",
         "  - " + unicodedata.normalize("NFD", "Các   đơn vị trực thuộc"))
    doc = read(_build(plan_dir))
    assert doc.signature[-1].text == "Lâm Xuân Phương"
    assert "- Các đơn vị trực thuộc;" in [shown(p.text) for p in doc.recipients]  # pairs glued (vn.pairs)
    with zipfile.ZipFile(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx") as zf:
        xml = zf.read("word/document.xml").decode()
    assert xml == unicodedata.normalize("NFC", xml)


def test_builds_are_byte_identical(plan_dir):
    first = _build(plan_dir).read_bytes()
    second = _build(plan_dir).read_bytes()
    assert first == second
    with zipfile.ZipFile(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx") as zf:
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_output_does_not_depend_on_where_it_is_built(tmp_path, plan_dir):
    other = tmp_path / "elsewhere"
    assert run("build", plan_dir, "--out", other).exit_code == 0
    assert (other / "ke-hoach.docx").read_bytes() == _build(plan_dir).read_bytes()


def test_document_reads_in_python_docx(plan_dir):
    document = docx.Document(str(_build(plan_dir)))
    assert document.paragraphs[0].text == "KẾ HOẠCH"
