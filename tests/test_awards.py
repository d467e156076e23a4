"""Award decisions, the proposal, the register and the print bundle, read back from the files."""

import math
import re
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from conftest import build_and_issue, run
from docx.oxml.ns import qn
from docxread import shown
from test_bad_input import edit

from docgen.checker import lint
from docgen.records.register import Register, Request


def _build(plan_dir: Path, issue: bool = True) -> Path:
    """Build the plan and, unless `issue` is False, issue its decisions and proposal on 20/12/2021."""
    if issue:
        return build_and_issue(plan_dir)
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return plan_dir.parents[1] / "build" / "ninh-binh-2021"


def _money(multiplier: str, salary: int, factor: int = 1) -> int:
    """Independent of docgen: multiplier × lương cơ sở, rounded up to 10.000 đồng."""
    return math.ceil(Decimal(multiplier) * salary * factor / 10_000) * 10_000


def _texts(path: Path) -> list[str]:
    return [shown(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _table_rows(table) -> list[list[str]]:
    return [[shown(c.text) for c in row.cells] for row in table.rows]  # U+00A0 (fixed names) read as a space


def test_giay_khen_decision_reads_back(plan_dir):
    out = _build(plan_dir)
    path = out / "quyet-dinh" / "01-giay-khen.docx"
    document = docx.Document(str(path))
    header = [c.text for c in document.tables[0]._cells]
    assert "Số: 01/QĐ-LĐTBXH" in header and "Ninh Bình, ngày 20 tháng 12 năm 2021" in header
    texts = _texts(path)
    assert texts[:3] == ["QUYẾT ĐỊNH", "Về việc tặng Giấy khen của Giám đốc Sở",
                         "GIÁM ĐỐC SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"]
    assert texts[3] == ("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một"
                        " số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11"
                        " năm 2013;")
    assert "Xét đề nghị của Chánh Văn phòng Sở." in texts
    article1 = next(t for t in texts if t.startswith("Điều 1."))
    assert article1.startswith("Điều 1. Tặng Giấy khen của Giám đốc Sở cho 04 tập thể và 06 cá nhân (có danh"
                               " sách kèm theo), đã có thành tích xuất sắc")
    each_collective = _money("0.3", 1_490_000, 2)
    each_person = _money("0.3", 1_490_000)
    total = 4 * each_collective + 6 * each_person
    assert (each_collective, each_person, total) == (900_000, 450_000, 6_300_000)
    article2 = next(t for t in texts if t.startswith("Điều 2."))
    assert article2 == (
        "Điều 2. Tiền thưởng kèm theo: mỗi tập thể 900.000 đồng (Chín trăm nghìn đồng); mỗi cá nhân 450.000"
        " đồng (Bốn trăm năm mươi nghìn đồng), theo danh sách kèm theo. Tổng số tiền thưởng là 6.300.000 đồng"
        " (Sáu triệu ba trăm nghìn đồng), trích từ Quỹ Thi đua, khen thưởng của Sở Lao động - Thương binh và"
        " Xã hội.")
    # The list, on its own pages.
    assert "(Kèm theo Quyết định số 01/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021 của Giám đốc Sở Lao động -" \
           " Thương binh và Xã hội)" in texts
    collectives, people = document.tables[2], document.tables[3]
    assert _table_rows(collectives)[0] == ["STT", "Tên tập thể", "Tiền thưởng (đồng)"]
    assert [r[2] for r in _table_rows(collectives)[1:5]] == ["900.000"] * 4
    # Each group ends with its subtotal (tập thể and cá nhân both appear), the last with the total.
    assert _table_rows(collectives)[5:] == [["Cộng: 04 tập thể"] * 2 + ["3.600.000"]]
    assert _table_rows(people)[7:] == [["Cộng: 06 cá nhân"] * 3 + ["2.700.000"],
                                       ["Tổng cộng: 04 tập thể và 06 cá nhân"] * 3 + ["6.300.000"]]
    rows = _table_rows(people)[1:7]
    assert [r[1] for r in rows] == ["Ông Lê Đức Anh", "Ông Đinh Văn Ân", "Ông Nguyễn Văn Bình", "Bà Trần Thị Hoa",
                                    "Bà Phạm Thị Thu Hương", "Bà Hoàng Thị Lan"]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5", "6"]
    assert rows[0][2] == "Phó Trưởng phòng, Phòng Lao động - Thương binh và Xã hội huyện Nho Quan"
    assert sum(int(r[3].replace(".", "")) for r in rows) + 4 * 900_000 == total
    assert 3_600_000 + 2_700_000 == total
    assert not any(t.startswith("Tổng cộng") for t in texts)  # the total is the table's last row now


def test_list_pages_are_numbered_separately(plan_dir):
    path = _build(plan_dir) / "quyet-dinh" / "01-giay-khen.docx"
    sections = docx.Document(str(path)).sections
    assert len(sections) == 2
    for section in sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer


def test_titles_and_proposal(plan_dir):
    out = _build(plan_dir)
    texts = _texts(out / "quyet-dinh" / "02-lao-dong-tien-tien.docx")
    assert texts[1] == "Về việc công nhận danh hiệu “Lao động tiên tiến” năm 2021"
    assert next(t for t in texts if t.startswith("Điều 1.")).startswith(
        "Điều 1. Công nhận danh hiệu “Lao động tiên tiến” năm 2021 cho 05 cá nhân (có danh sách kèm theo)")
    texts = _texts(out / "quyet-dinh" / "03-chien-si-thi-dua-co-so.docx")
    assert "mỗi cá nhân 1.490.000 đồng (Một triệu bốn trăm chín mươi nghìn đồng)" in next(
        t for t in texts if t.startswith("Điều 2."))
    proposal = _texts(out / "to-trinh" / "04-de-nghi-khen-thuong.docx")
    assert proposal[:3] == ["TỜ TRÌNH", "Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh, Bằng khen"
                            " của Chủ tịch Ủy ban nhân dân tỉnh năm 2021",
                            "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"]
    assert "1. Cờ thi đua của Ủy ban nhân dân tỉnh: 01 tập thể;" in proposal
    assert "2. Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh: 01 tập thể và 02 cá nhân." in proposal
    assert ("(Kèm theo Tờ trình số 04/TTr-LĐTBXH ngày 20 tháng 12 năm 2021 của Sở Lao động - Thương binh và"
            " Xã hội)") in proposal


def test_every_built_document_passes_lint(plan_dir):
    out = _build(plan_dir)
    files = sorted(out.rglob("*.docx"))
    assert len(files) == 25  # plan, 16 forms, reports of 2021 and 2022, sơ kết, 3 decisions, proposal, bundle
    for path in files:
        report = lint(path)
        assert report.findings == [], (path, [f.line("") for f in report.findings])


def test_register_keeps_numbers_and_gives_the_next_one(plan_dir):
    out = _build(plan_dir)
    first = {p.name for p in out.rglob("*.docx")}
    assert _build(plan_dir) and {p.name for p in out.rglob("*.docx")} == first
    path = plan_dir / "awards.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "  - {name: Phòng Người có công, kind: collective, form: tap_the_lao_dong_tien_tien}\n"),
        encoding="utf-8")
    out = _build(plan_dir)
    assert (out / "quyet-dinh" / "05-tap-the-lao-dong-tien-tien.docx").exists()
    assert (out / "to-trinh" / "04-de-nghi-khen-thuong.docx").exists()
    result = run("register", plan_dir)
    # The register records the trích yếu as the page shows it (the template writes it).
    assert result.output.splitlines()[-1].startswith(
        "05/QĐ-LĐTBXH\t2021-12-20\tVề việc công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2021\t")


def _second_plan(plan_dir: Path, name: str = "ninh-binh-2021-b") -> Path:
    """Another plan folder of the same agency and year: same records under another id."""
    import shutil

    other = plan_dir.parent / name
    shutil.copytree(plan_dir, other)
    return other


def test_two_concurrent_issues_never_share_a_number(plan_dir):
    other = _second_plan(plan_dir)
    for p in (plan_dir, other):
        assert run("build", p).exit_code == 0
    procs = [subprocess.Popen([sys.executable, "-m", "docgen", "issue", str(p), "--date", "2021-12-20"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for p in (plan_dir, other)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    build = plan_dir.parents[1] / "build"
    names = [sorted(p.name for p in (build / p.name / "quyet-dinh").glob("0*.docx")) for p in (plan_dir, other)]
    numbers = [int(n[:2]) for folder in names for n in folder]
    assert sorted(numbers) == [1, 2, 3, 5, 6, 7]  # 04 and 08 are the two proposals
    entries = Register(plan_dir.parents[1] / "so-van-ban.sqlite").entries()
    assert [e.number for e in entries] == list(range(1, 9))
    assert {e.owner for e in entries[:4]} != {e.owner for e in entries[4:]}


def test_register_under_concurrent_sessions(tmp_path):
    script = (
        "import sys\nfrom pathlib import Path\nfrom docgen.records.register import Register, Request\n"
        "r = Register(Path(sys.argv[1]))\n"
        "for i in range(20):\n"
        "    with r.numbering() as n:\n"
        "        n.reserve([Request(f'{sys.argv[2]}-{i}', 'Sở Nội vụ', 'SNV', 2025, 'QĐ', '2025-12-01', 'x',"
        " owner=sys.argv[2])])\n"
        "        n.commit(f'{sys.argv[2]}-{i}')\n")
    procs = [subprocess.Popen([sys.executable, "-c", script, str(tmp_path / "r.sqlite"), f"p{n}"])
             for n in range(4)]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    numbers = [e.number for e in Register(tmp_path / "r.sqlite").entries()]
    assert numbers == list(range(1, 81))


def test_numbers_run_per_agency_and_year(tmp_path):
    register = Register(tmp_path / "r.sqlite")
    with register.numbering() as n:
        got = n.reserve([Request("a", "Sở Nội vụ", "SNV", 2025, "QĐ", "2025-12-01", "x"),
                         Request("b", "Sở Nội vụ", "SNV", 2026, "QĐ", "2026-01-02", "y"),
                         Request("c", "Ủy ban nhân dân tỉnh", "UBND", 2025, "QĐ", "2025-12-01", "z"),
                         Request("d", "Sở Nội vụ", "SNV", 2025, "TTr", "2025-12-02", "t")])
        assert register.entries() == []  # reserved only
        n.commit("t1")
    assert got == {"a": 1, "b": 1, "c": 1, "d": 2}
    assert [e.symbol for e in register.entries()] == ["01/QĐ-SNV", "02/TTr-SNV", "01/QĐ-SNV", "01/QĐ-UBND"]


def test_a_draft_takes_no_number(plan_dir):
    edit(plan_dir / "awards.yaml", "draft: false", "draft: true ")
    out = _build(plan_dir, issue=False)
    assert sorted(p.name for p in (out / "quyet-dinh").iterdir()) == [
        "du-thao-chien-si-thi-dua-co-so.docx", "du-thao-giay-khen.docx", "du-thao-lao-dong-tien-tien.docx",
        "tat-ca.docx"]
    assert not (plan_dir.parents[1] / "so-van-ban.sqlite").exists()
    texts = _texts(out / "quyet-dinh" / "du-thao-giay-khen.docx")
    # A draft's number and day are blank (Nghị định 30, Điều 15.2: given at issue).
    assert "(Kèm theo Quyết định số      /QĐ-LĐTBXH ngày      tháng 12 năm 2021 của Giám đốc Sở Lao động -" \
           " Thương binh và Xã hội)" in texts
    assert lint(out / "quyet-dinh" / "du-thao-giay-khen.docx").findings == []


def test_bundle_keeps_each_decision_in_its_own_sections(plan_dir):
    out = _build(plan_dir)
    bundle = out / "quyet-dinh" / "tat-ca.docx"
    document = docx.Document(str(bundle))
    # Three decisions; the two with more than two awardees have a list in its own section.
    assert len(document.sections) == 5
    for section in document.sections:
        assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
        assert section.different_first_page_header_footer
    texts = [shown(p.text) for p in document.paragraphs]
    assert [t for t in texts if t == "QUYẾT ĐỊNH"] == ["QUYẾT ĐỊNH"] * 3
    assert lint(bundle).findings == []
    singles = sum(len(docx.Document(str(p)).paragraphs) for p in sorted((out / "quyet-dinh").glob("0*.docx")))
    assert len(document.paragraphs) == singles + 2  # plus the two section-mark paragraphs


def test_bundle_pdf_restarts_page_numbers(office, plan_dir):
    from test_pdf import HEADER_LIMIT, _words

    out = _build(plan_dir)
    assert run("pdf", out / "quyet-dinh").exit_code == 0

    def numbers(pdf):
        return [[w for _, y0, _, w in page if y0 < HEADER_LIMIT] for page in _words(pdf)]

    # The bundle numbers its pages as each decision alone does: from 1, none on a first page.
    singles = [n for p in sorted((out / "quyet-dinh").glob("0*.pdf")) for n in numbers(p)]
    assert numbers(out / "quyet-dinh" / "tat-ca.pdf") == singles
    assert singles[:3] == [[], ["2"], []]  # decision 01: two pages, then its list from a new page 1


@pytest.mark.parametrize(("old", "new", "message"), [
    ("kind: collective, form: giay_khen}\n  - {name: Phòng Lao động - Thương binh và Xã hội huyện Yên Khánh",
     "kind: collective, form: giay_khenn}\n  - {name: Phòng Lao động - Thương binh và Xã hội huyện Yên Khánh",
     "awards.yaml:35:90: awards[0].form: không có hình thức khen thưởng 'giay_khenn' trong law/award_forms.yaml"
     " (dùng được ở cấp Giám đốc Sở: giay_khen, lao_dong_tien_tien, chien_si_thi_dua_co_so, tap_the_lao_dong_tien_tien,"
     " tap_the_lao_dong_xuat_sac, bang_khen_ubnd_tinh, co_thi_dua_ubnd_tinh, chien_si_thi_dua_tinh)"),
    ("{name: Vũ Minh Đức, honorific: Ông, kind: individual, form: lao_dong_tien_tien",
     "{name: Vũ Minh Đức, honorific: Ông, kind: individual, form: tap_the_lao_dong_tien_tien",
     "awards.yaml:48:47: awards[11].kind: Tập thể lao động tiên tiến chỉ dành cho tập thể, không tặng cho cá"
     " nhân 'Vũ Minh Đức'; hãy ghi form: lao_dong_tien_tien"),
    # an individual title on a collective points to the collective form
    ("kind: collective, form: giay_khen}\n  - {name: Phòng Lao động - Thương binh và Xã hội huyện Yên Khánh",
     "kind: collective, form: lao_dong_tien_tien}\n  - {name: Phòng Lao động - Thương binh và Xã hội huyện Yên Khánh",
     "awards.yaml:35:72: awards[0].kind: Lao động tiên tiến chỉ dành cho cá nhân, không tặng cho tập thể"
     " 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn'; hãy ghi form: tap_the_lao_dong_tien_tien"),
    ("{name: Vũ Minh Đức, honorific: Ông, kind: individual, form: lao_dong_tien_tien, position: Chuyên viên,"
     " office: Phòng Lao động - Việc làm}",
     "{name: Trần Thị Hoa, honorific: Bà, kind: individual, form: lao_dong_tien_tien, position: Chuyên viên,"
     " office: Văn phòng Sở}",
     "awards.yaml:48:65: awards[11].form: 'Trần Thị Hoa' đã được đề nghị khen thưởng cho cùng thành tích ở"
     " dòng 47; mỗi thành tích chỉ một hình thức khen thưởng"),
])
def test_award_validation(plan_dir, old, new, message):
    edit(plan_dir / "awards.yaml", old, new)
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == f"{plan_dir}/{message}\n"


def test_a_form_beyond_authority_cannot_go_into_a_decision(plan_dir):
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "awards:\n", "groups:\n  - {id: quyet_dinh_chung, document: decision}\nawards:\n")
    text = text.replace("{name: Trung tâm Dịch vụ việc làm, kind: collective, form: bang_khen_ubnd_tinh}",
                        "{name: Trung tâm Dịch vụ việc làm, kind: collective, form: bang_khen_ubnd_tinh,"
                        " group: quyet_dinh_chung}")
    path.write_text(text, encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{plan_dir}/awards.yaml:59:92: awards[18].group: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh vượt"
        " thẩm quyền của Giám đốc Sở: phải đưa vào tờ trình đề nghị (nhóm có document: proposal), không vào"
        " quyết định\n")


def _sheet(path: Path, rows: list[list]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.append(["STT", "Danh xưng (Ông/Bà)", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác",
                  "Cá nhân/Tập thể", "Danh hiệu/Hình thức", "Thành tích"])
    for row in rows:
        sheet.append(row)
    book.save(path)


def _use_sheet(plan_dir: Path, rows: list[list]) -> None:
    _sheet(plan_dir / "danh-sach.xlsx", rows)
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    if "\nlist_file:" not in text:
        path.write_text(text[: text.index("awards:\n")] + "list_file: danh-sach.xlsx\n", encoding="utf-8")


def test_award_list_from_excel(plan_dir):
    _use_sheet(plan_dir, [
        [1, None, "Văn phòng Sở", None, None, "Tập thể", "Giấy khen", None],
        [2, "Bà", "Trần Thị Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None],
        [3, "Ông", "Vũ Minh Đức", "Chuyên viên", "Phòng Lao động - Việc làm", "Cá nhân",
         "Lao động tiên tiến", None],
        [4, None, "Trung tâm Dịch vụ việc làm", None, None, "Tập thể", "Bằng khen của Chủ tịch Ủy ban nhân dân"
         " tỉnh", "đã hoàn thành xuất sắc nhiệm vụ năm 2021"],
    ])
    out = _build(plan_dir)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx")
                  if p.parent.name in ("quyet-dinh", "to-trinh")) == [
        "quyet-dinh/01-giay-khen.docx", "quyet-dinh/02-lao-dong-tien-tien.docx",
        "quyet-dinh/tat-ca.docx", "to-trinh/03-de-nghi-khen-thuong.docx"]
    document = docx.Document(str(out / "to-trinh" / "03-de-nghi-khen-thuong.docx"))
    assert _table_rows(document.tables[-1])[1] == ["1", "Trung tâm Dịch vụ việc làm\nđã hoàn thành xuất sắc"
                                                   " nhiệm vụ năm 2021"]


def test_bad_excel_cells_are_named(plan_dir):
    _use_sheet(plan_dir, [
        [1, None, "Văn phòng Sở", None, None, "Tập the", "Giấy khen", None],
        [2, "Chị", "Trần Thị Hoa", None, None, "Cá nhân", "Giấy khen", None],
        [3, "Ông", None, None, None, "Cá nhân", "Giấy khen", None],
        [4, "Ông", "Vũ Minh Đức", None, None, "Cá nhân", "Huân chương", None],
    ])
    result = run("build", plan_dir)
    assert result.exit_code == 1
    sheet = plan_dir / "danh-sach.xlsx"
    assert result.stderr == (
        f"{sheet}:Sheet1!F3: 'Tập the': phải là \"Cá nhân\" hoặc \"Tập thể\"\n"
        f"{sheet}:Sheet1!B4: 'Chị': danh xưng phải là \"Ông\" hoặc \"Bà\"\n"
        f"{sheet}:Sheet1!C5: cột \"Họ và tên / Tên tập thể\": ô trống; hãy điền ô này, hoặc xóa cả dòng nếu dòng"
        " không phải tập thể, cá nhân được đề nghị (dòng Tổng cộng, người lập biểu…)\n"
        f"{sheet}:Sheet1!G6: cột \"Danh hiệu/Hình thức\": không có danh hiệu hay hình thức khen thưởng"
        f" 'Huân chương'; hãy ghi một trong: {FORM_NAMES}\n"
        "Có 4 lỗi; chưa ghi văn bản nào.\n")
    # A near miss is named: the forms as the clerk writes them, never law/award_forms.yaml's keys.
    _use_sheet(plan_dir, [[4, "Ông", "Vũ Minh Đức", None, None, "Cá nhân", "Chiến sỹ thi đua cơ sở", None]])
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{sheet}:Sheet1!G3: cột \"Danh hiệu/Hình thức\": không có danh hiệu hay hình thức khen thưởng"
        f" 'Chiến sỹ thi đua cơ sở'; có phải là 'Chiến sĩ thi đua cơ sở'?; hãy ghi một trong: {FORM_NAMES}\n")
    assert "chien_si" not in result.stderr


FORM_NAMES = (
    "Giấy khen, Giấy khen của Hiệu trưởng, Giấy khen của Chủ tịch Ủy ban nhân dân xã, Giấy khen của Chủ tịch"
    " Ủy ban nhân dân huyện, Giấy khen của thủ trưởng cơ quan, đơn vị, Lao động tiên tiến, Chiến sĩ thi đua cơ sở,"
    " Tập thể lao động tiên tiến, Tập thể"
    " lao động xuất sắc, Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh, Cờ thi đua của Ủy ban nhân dân tỉnh,"
    " Chiến sĩ thi đua cấp tỉnh, Bằng khen của Thủ tướng Chính phủ, Cờ thi đua của Chính phủ")


def test_law_files_say_which_figures_are_unverified():
    from docgen.records.law import Law

    law = Law()
    rows = [(key, m.source) for key, form in law.forms.items() for m in form.multipliers if not m.verified]
    assert ("bang_khen_ubnd_tinh", "Nghị định 98/2023/NĐ-CP, Điều 58") in rows
    assert ("co_thi_dua_ubnd_tinh", "Nghị định 152/2025/NĐ-CP") in rows
    assert [s.amount for s in law.salaries] == [1_390_000, 1_490_000, 1_800_000, 2_340_000]
    import datetime as dt

    assert law.salary(dt.date(2025, 12, 1)).amount == 2_340_000
    assert law.multiplier(law.forms["bang_khen_ubnd_tinh"], dt.date(2025, 7, 1)).value == Decimal("1.5")
    assert re.search(r"verified: false", (Path(__file__).parents[1] / "docgen" / "law" /
                                          "base_salary.yaml").read_text(encoding="utf-8"))


def test_workspace_law_folder_overrides_the_shipped_figures(plan_dir):
    import shutil

    from docgen.records.law import LAW_DIR

    law = plan_dir.parents[1] / "law"
    shutil.copytree(LAW_DIR, law)
    text = (law / "base_salary.yaml").read_text(encoding="utf-8")
    (law / "base_salary.yaml").write_text(text.replace("amount: 1490000", "amount: 1500000"), encoding="utf-8")
    out = _build(plan_dir)
    texts = _texts(out / "quyet-dinh" / "03-chien-si-thi-dua-co-so.docx")
    assert "mỗi cá nhân 1.500.000 đồng" in next(t for t in texts if t.startswith("Điều 2."))
    assert zipfile.is_zipfile(out / "quyet-dinh" / "tat-ca.docx")


def test_collectives_are_listed_in_vietnamese_order(plan_dir):
    out = _build(plan_dir)
    rows = _table_rows(docx.Document(str(out / "quyet-dinh" / "01-giay-khen.docx")).tables[2])[1:-1]  # not "Cộng"
    assert [r[1] for r in rows] == [
        "Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn",
        "Phòng Lao động - Thương binh và Xã hội huyện Yên Khánh",
        "Phòng Lao động - Việc làm",
        "Văn phòng Sở",
    ]


def test_register_exports_to_excel(plan_dir, tmp_path):
    import openpyxl

    _build(plan_dir)
    result = run("register", plan_dir, "--xlsx", tmp_path / "so.xlsx")
    assert result.exit_code == 0
    sheet = openpyxl.load_workbook(tmp_path / "so.xlsx").active
    assert sheet.title == "LĐTBXH 2021"
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2021 - SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert rows[1] == ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản",
                       "Người ký", "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Ghi chú", "Tệp"]
    assert [r[0] for r in rows[2:]] == ["01/QĐ-LĐTBXH", "02/QĐ-LĐTBXH", "03/QĐ-LĐTBXH", "04/TTr-LĐTBXH"]
    assert rows[2][1:] == ["20/12/2021", "Quyết định về việc tặng Giấy khen của Giám đốc Sở", "Lâm Xuân Phương",
                           "Như Điều 3\nBan Thi đua - Khen thưởng tỉnh (b/c)", "VT, VP", None,
                           "build/ninh-binh-2021/quyet-dinh/01-giay-khen.docx"]
    first = (tmp_path / "so.xlsx").read_bytes()
    run("register", plan_dir, "--xlsx", tmp_path / "so.xlsx")
    assert (tmp_path / "so.xlsx").read_bytes() == first  # the export is reproducible too


def test_a_deputy_signs_for_the_head(plan_dir):
    edit(plan_dir / "organisation.yaml", "deputies: []", "deputies: [{id: pgd, name: Trần Văn Hưng,"
         " title: Phó Giám đốc}]")
    edit(plan_dir / "awards.yaml", "signer: head", "signer: pgd ")
    out = _build(plan_dir)
    document = docx.Document(str(out / "quyet-dinh" / "01-giay-khen.docx"))
    cell = document.tables[1].rows[0].cells[1]
    assert [p.text for p in cell.paragraphs if p.text.strip()] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Văn Hưng"]
    assert lint(out / "quyet-dinh" / "01-giay-khen.docx").findings == []


def test_an_issuer_without_a_parent_body_has_a_header_of_its_own(plan_dir):
    """A UBND tỉnh or a ministry has no cơ quan chủ quản (Phụ lục I §II.2): `parent` is left out."""
    path = plan_dir / "organisation.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(?m)^parent:.*\n", "", text), encoding="utf-8")
    out = _build(plan_dir)
    first_cell = docx.Document(str(out / "quyet-dinh" / "01-giay-khen.docx")).tables[0].cell(0, 0)
    assert [p.text for p in first_cell.paragraphs if p.text] == ["SỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI"]
