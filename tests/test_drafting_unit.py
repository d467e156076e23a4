"""A công văn's number carries the drafting unit (issue 11, fresh users' finding): "Số: 125/SGTVT-VP",
the issuer's abbreviation then the drafting unit's (Nghị định 30, Phụ lục I §II.3.b; Phụ lục III,
Mẫu 1.5). The unit comes from the document record (`drafting_unit`) or, for every công văn of
the office, from organisation.yaml; the register numbers it in the agency's one book and keeps the
unit; the lint warns on a công văn whose ký hiệu has the agency alone."""

import sqlite3

import docx
from conftest import run
from docxread import shown
from nd30doc import make, paragraph
from zipparts import replace_in

from docgen.checker import lint
from docgen.records.register import REGISTER_FILE, Entry, Register, Request, agency_key

CONG_VAN = """\
type: Công văn
number: register
date: 2021-12
subject: đăng ký thi đua năm 2022
to: Các phòng, đơn vị thuộc Sở
body:
  - text: Sở đề nghị các phòng, đơn vị đăng ký thi đua năm 2022 theo mẫu kèm theo.
recipients:
  - Như trên
archive: VP
signature:
  lines: [Giám đốc]
  name: Nguyễn Văn An
"""


def _with_cong_van(plan_dir, record: str = CONG_VAN, org_unit: str | None = "VP"):
    (plan_dir / "documents" / "cong-van-dang-ky.yaml").write_text(record, encoding="utf-8")
    if org_unit:
        org = plan_dir / "organisation.yaml"
        text = org.read_text(encoding="utf-8")
        org.write_text(text.replace("\nplace:", f"\ndrafting_unit: {org_unit}\nplace:", 1), encoding="utf-8")
    return plan_dir / "documents" / "cong-van-dang-ky.yaml"


def _number_line(path) -> str:
    header = docx.Document(str(path)).tables[0]
    return next(shown(p.text) for c in header._cells for p in c.paragraphs if p.text.startswith("Số:"))


def test_the_organisations_unit_is_in_the_number_and_the_register(workspace, plan_dir):
    _with_cong_van(plan_dir)
    assert run("build", plan_dir).exit_code == 0
    built = workspace / "build" / "ninh-binh-2021" / "cong-van-dang-ky.docx"
    assert _number_line(built) == "Số:      /LĐTBXH-VP"  # the draft: the number left for the văn thư
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert result.exit_code == 0, result.output
    entries = [e for e in Register.of_workspace(workspace).entries() if e.key.endswith("cong-van-dang-ky")]
    assert [(e.doc_type, e.abbr, e.unit) for e in entries] == [("CV", "LĐTBXH", "VP")]
    entry = entries[0]
    # The agency's one book: the công văn's number follows the plan's decisions of the same year.
    book = [e.number for e in Register.of_workspace(workspace).entries() if e.book == entry.book]
    assert entry.number == max(book) and len(book) > 1
    assert f"Ban hành số {entry.number:02d}/LĐTBXH-VP ngày 20/12/2021" in result.output
    assert _number_line(built) == f"Số: {entry.number:02d}/LĐTBXH-VP"
    linted = run("lint", built)
    assert linted.exit_code == 0 and "ND30-" not in linted.output, linted.output


def test_the_records_unit_wins_over_the_organisations(workspace, plan_dir):
    _with_cong_van(plan_dir, CONG_VAN.replace("number: register\n", "number: 45\ndrafting_unit: TĐKT\n")
                   .replace("date: 2021-12\n", "date: 2021-12-20\n"))
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert _number_line(workspace / "build" / "ninh-binh-2021" / "cong-van-dang-ky.docx") == "Số: 45/LĐTBXH-TĐKT"


def test_a_bad_unit_is_refused_at_its_line(workspace, plan_dir):
    record = _with_cong_van(
        plan_dir, CONG_VAN.replace("number: register\n", "number: register\ndrafting_unit: Văn phòng\n"), org_unit=None)
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert (f"{record}:3:16: drafting_unit: chữ viết tắt đơn vị soạn thảo viết hoa, liền nhau, không dấu cách,"
            " không \"-\" hay \"/\" (ví dụ VP, TĐKT: \"Số: 125/SGTVT-VP\"); nhận được 'Văn phòng'") in result.output
    assert not (workspace / "build").exists()


def test_only_a_cong_van_names_its_drafting_unit(workspace, plan_dir):
    record = _with_cong_van(plan_dir, CONG_VAN.replace("type: Công văn", "type: Thông báo")
                            .replace("number: register\n", "number: register\ndrafting_unit: VP\n"), org_unit=None)
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert (f"{record}:3:16: drafting_unit: chỉ công văn mới ghi đơn vị soạn thảo trong ký hiệu; thông báo có ký"
            " hiệu \"TB-\" + chữ viết tắt cơ quan: hãy bỏ drafting_unit") in result.output


def test_the_organisations_unit_leaves_other_kinds_alone(workspace, plan_dir):
    _with_cong_van(plan_dir, CONG_VAN.replace("type: Công văn", "type: Thông báo"))
    assert run("build", plan_dir).exit_code == 0
    assert _number_line(workspace / "build" / "ninh-binh-2021" / "cong-van-dang-ky.docx") == "Số:      /TB-LĐTBXH"


def test_lint_warns_on_a_cong_van_numbered_by_the_agency_alone(tmp_path):
    def cong_van(number: str):
        path = make(tmp_path / f"{number.count('-')}.docx", cqbh_line={"text": "", "border_top": True},
                    so={"runs": [(number, {})], "text": None}, cancu1=None, cancu2=None, denghi=None,
                    tenloai=None, trichyeu=None, trichyeu_line=None, authority=None, quyetdinh=None)
        vv = paragraph({"text": "V/v tổng kết phong trào thi đua năm 2021", "size": 13, "align": "center"})
        replace_in(path, "word/document.xml", f"{number}</w:t></w:r></w:p>", f"{number}</w:t></w:r></w:p>" + vv)
        return [(f.rule, f.message) for f in lint(path).findings]

    assert cong_van("Số: 05/SNV-VP") == []
    assert cong_van("Số: 05/SNV") == [("ND30-KYHIEU-CV", "ký hiệu công văn \"SNV\" chỉ có chữ viết tắt cơ quan;"
                                       " Nghị định 30 ghi thêm chữ viết tắt đơn vị soạn thảo hoặc lĩnh vực sau"
                                       " dấu \"-\" (\"05/BNV-VP\")")]


def test_a_register_written_before_the_unit_is_read_and_kept(tmp_path):
    path = tmp_path / REGISTER_FILE
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE entries (agency TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
            abbr TEXT NOT NULL, doc_type TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL,
            date TEXT NOT NULL, subject TEXT NOT NULL, signer TEXT NOT NULL DEFAULT '',
            recipients TEXT NOT NULL DEFAULT '', file TEXT NOT NULL DEFAULT '', void TEXT,
            agency_key TEXT NOT NULL, PRIMARY KEY (agency_key, abbr, year, number));
        CREATE TABLE transactions (id TEXT PRIMARY KEY);
    """)
    conn.execute("INSERT INTO entries VALUES (?, 2021, 7, 'SGTVT', 'CV', 'a', 'van-ban:x', '2021-10-01', 'V/v cũ',"
                 " '', '', '', NULL, ?)", ("Sở Giao thông vận tải", agency_key("Sở Giao thông vận tải")))
    conn.commit()
    conn.close()
    register = Register(path)
    old = register.entries()
    assert [(e.symbol, e.unit) for e in old] == [("07/SGTVT", "")]
    with register.numbering() as numbering:
        numbering.reserve([Request("b", "Sở Giao thông vận tải", "SGTVT", 2021, "CV", "2021-10-02", "V/v mới",
                                   owner="van-ban:x", unit="VP")])
        numbering.commit("t1")
    assert [(e.number, e.symbol, e.unit) for e in register.entries()] == [(7, "07/SGTVT", ""), (8, "08/SGTVT-VP", "VP")]
    assert Entry("A", 2021, 3, "UBND", "QĐ", "k", "o", "2021-01-01", "s", unit="").symbol == "03/QĐ-UBND"
