"""The consolidated report (issue 15) read back: like-for-like verdicts, merged statements, the
landscape annexes, the plan cited the same way in every document, and the period report.

Expected figures are computed by hand from the shipped sample results
(plans/ninh-binh-2021/results/*.yaml for 2021, results/2022/*.yaml for 2022):
- jobs 2021: seven districts reported 17.349; Yên Mô (plan 2.300 of 19.400) did not, so the
  plan compared with is 17.100 and the rate 17.349 / 17.100 = 101,5 % (Vượt), not 89,4 %;
- labour export 2021: 1.304 against 1.400 - 170 = 1.230: 106 % (Vượt);
- unemployment 2021: not split, Yên Mô missing: no verdict ("Chưa đủ số liệu");
- data-analysis skills 2021: not split, all eight units in: mean 49,875 -> 49,88 % against 50 %:
  99,8 %, below the level set for 2025 but not yet due ("Chưa đến hạn"); 2022: 54,25 % (Vượt);
  over the period (a level set for 2025, `period: final`): judged on 2022, Vượt;
- jobs 2022: all eight districts, 20.191 against 19.400: 104,1 % (Vượt); over the period (added
  up, `period: total`): 37.540 against 17.100 + 19.400 = 36.500: 102,8 %, Vượt.
"""

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from conftest import run
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docxread import shown
from test_bad_input import edit

from docgen.checker import lint

JOBS = "Số lao động được giải quyết việc làm mỗi năm"
EXPORT = "Số lao động đi xuất khẩu lao động mỗi năm"
UNEMPLOYMENT = "Tỷ lệ thất nghiệp mỗi năm"
SKILLS = "Tỷ lệ cán bộ, công chức, viên chức được bồi dưỡng kỹ năng phân tích dữ liệu (đến năm 2025)"
MOTHERS = "Tỷ lệ Mẹ Việt Nam anh hùng còn sống được phụng dưỡng"
OFFICE = "Phòng Lao động - Thương binh và Xã hội huyện "  # a district's unit, named in full in the text
CITATION = "Kế hoạch số 125/KH-LĐTBXH ngày 15 tháng 9 năm 2021 của Sở Lao động - Thương binh và Xã hội"


@pytest.fixture(scope="module")
def out(built) -> Path:
    """The example as built once (numbered from a fresh register) for the read-only tests."""
    return built.parent


def _paragraphs(path: Path) -> list[str]:
    """Every paragraph's text, the body's and the tables' cells (a cell's lines joined by \\n)."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts += [p.text for cell in row.cells for p in cell.paragraphs]
    return [shown(t) for t in texts if t.strip()]


def _table(path: Path, first: list[str]) -> list[list[str]]:
    for table in docx.Document(str(path)).tables:
        if [c.text for c in table.rows[0].cells][: len(first)] == first:
            return [[shown(c.text) for c in r.cells] for r in table.rows]  # kept words read as typed
    raise AssertionError(f"không thấy bảng {first}")


def _annex_one(path: Path) -> dict[str, list[str]]:
    rows = _table(path, ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện năm trước"])
    return {r[1]: r[2:] for r in rows[1:]}


# columns after the name: ĐVT, Kế hoạch, TH năm trước, TH năm báo cáo, KH so sánh, Tỷ lệ, Đánh giá, Ghi chú
def test_every_verdict_like_for_like(out):
    rows = _annex_one(out / "bao-cao-tong-hop.docx")
    assert rows[JOBS] == ["người", "19.400", "—", "17.349", "17.100", "101,5", "Vượt", "Chưa có số liệu: Yên Mô.\n"
                          "Hoa Lư: Gồm 412 lao động qua các phiên \"Ngày hội việc làm\" & sàn giao dịch trực tuyến"]
    assert rows[EXPORT][3:7] == ["1.304", "1.230", "106", "Vượt"]
    # Not split, one unit missing: no verdict, the missing unit named in the row's note.
    assert rows[UNEMPLOYMENT] == ["%", "dưới 2%", "—", "1,8%", "—", "—", "Chưa đủ số liệu",
                                  "Chưa có số liệu: Yên Mô."]
    # Not split, every unit in: judged against the whole plan; set for 2025 and below it in 2021:
    # not yet due, not failed.
    assert rows[SKILLS][3:7] == ["49,88%", "50%", "99,8", "Chưa đến hạn"]
    # The value binds each unit (per_unit): the reporting units' plan is the value itself.
    assert rows[MOTHERS][3:7] == ["100%", "100%", "100", "Đạt"]
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    line = next(t for t in texts if t.startswith(f"- {JOBS}:"))
    # Running text names units in full (display names); their short names title Phụ lục II's
    # columns and stay in Phụ lục I's Ghi chú cells (above). A list reads "A, B và C".
    assert line == (f"- {JOBS}: thực hiện 17.349 người, bằng 101,5% kế hoạch của các đơn vị đã báo cáo (17.100;"
                    f" chưa có số liệu của {OFFICE}Yên Mô), vượt kế hoạch; dẫn đầu: Phòng Lao động - Thương binh"
                    f" và Xã hội thành phố Tam Điệp (109%); chưa đạt: {OFFICE}Gia Viễn (95%)"
                    f" và {OFFICE}Nho Quan (97%).")
    assert (f"- {UNEMPLOYMENT}: thực hiện 1,8%, chưa đủ số liệu để đánh giá (chưa có số liệu của {OFFICE}Yên Mô)."
            in texts)


def test_a_typed_rate_is_checked_against_the_computed_one(out):
    """Kim Sơn typed 105 % for jobs (3.360 / 3.200 = 105 %: agrees) and 100 % for labour export
    (252 / 240 = 105 %: differs, said in the row's note)."""
    rows = _annex_one(out / "bao-cao-tong-hop.docx")
    assert rows[EXPORT][7] == "Chưa có số liệu: Yên Mô.\nKim Sơn ghi tỷ lệ 100%, tính được 105%."
    assert "Kim Sơn ghi" not in rows[JOBS][7]  # the Ghi chú of Hoa Lư is there, as typed


def test_unit_plans_only_where_the_records_give_one(out):
    """Phụ lục II: a split target shows each unit's share under its figure and marks (bold) the
    units below it; a target neither split nor per_unit gives no unit a plan, marks none."""
    document = docx.Document(str(out / "bao-cao-tong-hop.docx"))
    matrices = [t for t in document.tables if [c.text for c in t.rows[0].cells][:3] == ["Chỉ tiêu", "Đơn vị tính",
                                                                                         "Kế hoạch"]]
    assert [[c.text for c in t.rows[0].cells][3:] for t in matrices] == [
        # A unit's words of two syllables kept (model/tables.py column_title, phrases).
        ["Văn\u00a0phòng", "Lao\u00a0động - Việc\u00a0làm", "Giáo\u00a0dục nghề\u00a0nghiệp", "Người có công",
         "Bảo\u00a0trợ xã\u00a0hội", "Cả nhóm"],
        ["TT Dịch\u00a0vụ việc\u00a0làm", "TT Công\u00a0tác xã\u00a0hội", "Cơ\u00a0sở cai\u00a0nghiện", "Cả nhóm"],
        # A district's name kept whole (U+00A0), the level "TP" free to stand on its own line.
        ["TP Ninh\u00a0Bình", "TP Tam\u00a0Điệp", "Hoa\u00a0Lư", "Gia\u00a0Viễn", "Nho\u00a0Quan", "Yên\u00a0Mô",
         "Yên\u00a0Khánh", "Kim\u00a0Sơn", "Cả nhóm"]]

    def row(table, name):
        return next(r for r in table.rows if r.cells[0].text == name)

    def bold(cell) -> bool:
        return any(r.bold for p in cell.paragraphs for r in p.runs)

    jobs = row(matrices[2], JOBS)
    assert [c.text for c in jobs.cells[3:]] == ["2.756\n(2.600)", "1.635\n(1.500)", "2.000\n(2.000)",
                                                "2.185\n(2.300)", "2.813\n(2.900)", "—\n(2.300)",
                                                "2.600\n(2.600)", "3.360\n(3.200)", "17.349\n(17.100)"]
    assert [bold(c) for c in jobs.cells[3:]] == [False, False, False, True, True, False, False, False, False]
    skills = row(matrices[0], SKILLS)
    assert [c.text for c in skills.cells[3:]] == ["48%", "48%", "50%", "51%", "54%", "50,2%"]
    assert not any(bold(c) for c in skills.cells)


def test_no_unit_sentence_twice(out):
    for name in ("bao-cao-tong-hop.docx", "bao-cao-tong-hop-2022.docx"):
        texts = _paragraphs(out / name)
        statements = [t.split(": ", 1)[1] for t in texts if re.match(r"- (\d+/\d+ đơn vị|Phòng|Trung tâm|Văn"
                                                                     r" phòng|Cơ sở)[^:]*: ", t)]
        assert statements and len(statements) == len(set(statements)), name
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    assert ("- 15/15 đơn vị: Ban hành kế hoạch triển khai phong trào thi đua của đơn vị, tổ chức quán triệt đến"
            " toàn thể cán bộ, công chức, viên chức; ký giao ước thi đua đầu năm.") in texts
    # 2022: the statement only Kim Sơn made keeps its unit's name; the shared one counts the units.
    texts = _paragraphs(out / "bao-cao-tong-hop-2022.docx")
    assert ("- Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn: Xây dựng mô hình “Tổ hợp tác việc làm”"
            " tại 5 xã ven biển, giải quyết việc làm cho 320 lao động.") in texts
    assert "- 14/16 đơn vị: Nhân rộng mô hình giải quyết thủ tục hành chính trên môi trường mạng." in texts


def test_awards_counted_by_form_citing_their_documents(out):
    rows = _table(out / "bao-cao-tong-hop.docx", ["STT", "Hình thức, danh hiệu"])
    assert rows[1:] == [
        ["1", "Giấy khen của Giám đốc Sở", "4", "6", "6.300.000", "Quyết định số 01/QĐ-LĐTBXH"],
        ["2", "Danh hiệu “Lao động tiên tiến”", "0", "5", "2.250.000", "Quyết định số 02/QĐ-LĐTBXH"],
        ["3", "Danh hiệu “Chiến sĩ thi đua cơ sở”", "0", "2", "2.980.000", "Quyết định số 03/QĐ-LĐTBXH"],
        ["4", "Cờ thi đua của Ủy ban nhân dân tỉnh", "1", "0", "—", "Tờ trình số 04/TTr-LĐTBXH"],
        ["5", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "1", "2", "—", "Tờ trình số 04/TTr-LĐTBXH"]]
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    assert any("(Quyết định số 01/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021, Quyết định số 02/QĐ-LĐTBXH" in t
               and "tại Tờ trình số 04/TTr-LĐTBXH ngày 20 tháng 12 năm 2021" in t for t in texts)


def _citations(path: Path) -> set[str]:
    found = set()
    for text in _paragraphs(path):
        found |= set(re.findall(r"Kế hoạch số .{0,20}?/KH-LĐTBXH (?:ngày \d+ )?tháng \d+ năm \d{4} của Sở Lao"
                                r" động - Thương binh và Xã hội", text))
    return found


def test_the_plan_is_cited_the_same_in_every_document(out, plan_dir):
    cited = {p.relative_to(out).as_posix(): _citations(p) for p in sorted(out.rglob("*.docx"))
             if p.name not in ("ke-hoach.docx", "tat-ca.docx")}
    assert set(cited) >= {"bao-cao-tong-hop.docx", "bao-cao-tong-hop-2022.docx", "bao-cao-so-ket.docx",
                          "quyet-dinh/01-giay-khen.docx", "to-trinh/04-de-nghi-khen-thuong.docx",
                          "bieu-mau/kim_son.docx"}
    assert {name: c for name, c in cited.items() if c != {CITATION}} == {}
    assert "Kế hoạch số" not in (plan_dir / "awards.yaml").read_text(encoding="utf-8")  # no hand-typed copy


def test_an_unnumbered_plan_is_cited_with_the_blank_a_draft_keeps(plan_dir):
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: null")
    result = run("build", plan_dir)
    assert result.exit_code == 0
    # The blank is the decree's: docgen's own lint has nothing to say of it (ND30-TEXT-SPACES).
    assert "ND30-" not in result.stderr, result.stderr
    out = plan_dir.parents[1] / "build" / "ninh-binh-2021"
    blank = "Kế hoạch số      /KH-LĐTBXH ngày 15 tháng 9 năm 2021 của Sở Lao động - Thương binh và Xã hội"
    for name in ("bao-cao-tong-hop.docx", "quyet-dinh/du-thao-giay-khen.docx", "bieu-mau/yen_mo.docx"):
        assert _citations(out / name) == {blank}, name


def test_the_review_table_holds_each_years_figure(out):
    rows = _table(out / "bao-cao-so-ket.docx", ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch"])
    assert rows[0][4:] == ["Năm 2021", "Năm 2022", "Đánh giá giai đoạn"]
    by_name = {r[1]: r for r in rows[1:]}
    assert by_name[JOBS][4:] == ["17.349\n(101,5%)", "20.191\n(104,1%)", "Vượt\n(cộng dồn 37.540; 102,8%)"]
    assert by_name[SKILLS][4:] == ["49,88%\n(99,8%)", "54,25%\n(108,5%)", "Vượt\n(mức năm 2022)"]
    assert by_name[UNEMPLOYMENT][4:] == ["1,8%", "1,7%", "Chưa đủ số liệu"]
    assert len(rows) == 1 + 21


def test_the_yearly_report_shows_last_year_beside(out):
    rows = _annex_one(out / "bao-cao-tong-hop-2022.docx")
    assert rows[JOBS][:7] == ["người", "19.400", "17.349", "20.191", "19.400", "104,1", "Vượt"]
    assert rows[UNEMPLOYMENT][2:7] == ["1,8%", "1,7%", "dưới 2%", "—", "Đạt"]


def test_reports_pass_lint(out):
    for name in ("bao-cao-tong-hop.docx", "bao-cao-tong-hop-2022.docx", "bao-cao-so-ket.docx"):
        assert lint(out / name).findings == [], name


def test_annexes_are_landscape_with_their_own_page_numbers(out):
    document = docx.Document(str(out / "bao-cao-tong-hop.docx"))
    sections = document.sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.LANDSCAPE]
    assert all(s.page_width > s.page_height for s in sections[1:])
    assert [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in sections] == ["1", "1", "1"]
    texts = _paragraphs(out / "bao-cao-tong-hop.docx")
    attached = [t for t in texts if t.startswith("(Kèm theo Báo cáo số")]
    assert attached == ["(Kèm theo Báo cáo số      /BC-LĐTBXH ngày      tháng 12 năm 2021 của Sở Lao động - Thương binh"
                        " và Xã hội)"] * 2
    assert texts.index("Phụ lục I") < texts.index("Phụ lục II")


def test_the_report_fits_twelve_pages(office, out, tmp_path):
    from pypdf import PdfReader

    from docgen.output.pdf import to_pdf

    conversion = to_pdf([out / "bao-cao-tong-hop.docx"], out_dir=tmp_path)
    assert not conversion.failed
    pages = PdfReader(str(tmp_path / "bao-cao-tong-hop.pdf")).pages
    assert len(pages) <= 12
    wide = [float(p.mediabox.width) > float(p.mediabox.height) for p in pages]
    first_wide = wide.index(True)
    assert not any(wide[:first_wide]) and all(wide[first_wide:])  # portrait body, landscape annexes
    assert 3 <= first_wide <= 8
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bao-cao-tong-hop.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "101,5" in text and "Phụ lục II" in text


def test_results_outside_the_period_are_refused(plan_dir):
    path = plan_dir / "results" / "2022" / "kim_son.yaml"
    edit(path, "year: 2022", "year: 2026")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == f"{path}:4:7: year: năm 2026 ngoài giai đoạn của kế hoạch (2021-2025)\n"


def test_two_results_of_one_unit_and_year_are_refused(plan_dir):
    second = plan_dir / "results" / "2022" / "kim_son.yaml"
    edit(second, "year: 2022", "year: 2021")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == f"{second}:3:7: unit: đơn vị 'kim_son' đã có kết quả năm 2021 trong kim_son.yaml\n"
    first = plan_dir / "results" / "kim_son.yaml"
    edit(second, "year: 2021", "year: 2022")
    edit(first, "year: 2021", "year: 2022")
    result = run("build", plan_dir)
    assert result.stderr == f"{second}:3:7: unit: đơn vị 'kim_son' đã có kết quả năm 2022 trong kim_son.yaml\n"
    (plan_dir / "results" / "2023").mkdir()
    shutil.move(first, plan_dir / "results" / "2023" / "kim_son.yaml")
    result = run("build", plan_dir)
    moved = plan_dir / "results" / "2023" / "kim_son.yaml"
    assert result.stderr == f"{moved}:5:7: unit: đơn vị 'kim_son' đã có kết quả năm 2022 trong 2022/kim_son.yaml\n"


def test_a_rate_typed_in_a_returned_form_reaches_the_report(plan_dir):
    """Yên Mô fills its form in Word: 2.415 jobs against its 2.300 (105 %), typing 95 % as the
    rate; collect keeps the typed rate, the report names the difference in the row's note."""
    from fill import fill
    from test_reports import _all_filled

    assert run("build", plan_dir).exit_code == 0
    form = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "bieu-mau" / "yen_mo.docx"
    _all_filled(form)
    fill(form, {"docgen:target:viec_lam": "2.415", "docgen:rate:viec_lam": "95 %"})
    result = run("collect", plan_dir, form)
    assert result.exit_code == 0, result.output
    import yaml

    saved = yaml.safe_load((plan_dir / "results" / "yen_mo.yaml").read_text(encoding="utf-8"))
    assert saved["rates"] == {"viec_lam": 95}
    assert run("build", plan_dir).exit_code == 0
    rows = _annex_one(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "bao-cao-tong-hop.docx")
    assert rows[JOBS][3:] == ["19.764", "19.400", "101,9", "Vượt", "Hoa Lư: Gồm 412 lao động qua các phiên"
                              " \"Ngày hội việc làm\" & sàn giao dịch trực tuyến\n"
                              "Yên Mô ghi tỷ lệ 95%, tính được 105%."]


def test_a_units_name_that_already_says_its_district_is_not_told_twice():
    """A unit named "Phòng Nội vụ huyện Ninh Giang" under "UBND huyện Ninh Giang": its name in a
    list of units is the name itself, not "… huyện Ninh Giang huyện Ninh Giang" (new user's report)."""
    from docgen.model.plan import Header, Signature
    from docgen.model.units import Unit

    def unit(name: str) -> Unit:
        header = Header("UBND huyện Ninh Giang", "PHÒNG NỘI VỤ", "PNV", "Ninh Giang")
        return Unit("u", name, "g", "G", header, Signature(("TRƯỞNG PHÒNG",), "Vũ Văn An"), "Ninh Giang")

    assert unit("Phòng Nội vụ huyện Ninh Giang").display_name == "Phòng Nội vụ huyện Ninh Giang"
    assert unit("Phòng Nội vụ").display_name == "Phòng Nội vụ huyện Ninh Giang"
