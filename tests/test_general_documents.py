"""General documents (documents/<name>.yaml): the shipped examples read back, lint, bad records.

Set DOCGEN_UPDATE_GOLDEN=1 to rewrite tests/data/<example>-expected.txt from the build; review
the diff like code.
"""

import os
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, run
from docx.oxml.ns import qn
from docxread import collapse

from docgen.checker import lint_paths
from docgen.vn import DOC_TYPES

DATA = Path(__file__).parent / "data"
EXAMPLES = {
    "to-trinh-truong-tieu-hoc": "to-trinh",
    "ke-hoach-thi-dua-phong-gd": "ke-hoach",
    "bao-cao-cong-doan": "bao-cao",
    "cong-van-dang-ky-thi-dua": "cong-van",
    "quyet-dinh-ubnd-tinh": "quyet-dinh",
}


def _text(element) -> str:
    """Text of an element, a line break read as a space (header lines as the clerk broke them), a
    non-breaking hyphen as "-" (a symbol's: "15/TTr-THKH"), as python-docx and Word read them."""
    return collapse("".join(" " if t.tag == qn("w:br") else "-" if t.tag == qn("w:noBreakHyphen") else t.text or ""
                            for t in element.iter(qn("w:t"), qn("w:br"), qn("w:noBreakHyphen"))))


def _paragraphs(element) -> list[str]:
    return [t for t in (_text(p) for p in element.iter(qn("w:p"))) if t]


def page_lines(path: Path) -> list[str]:
    """The document as read on the page, in order: header cells, body paragraphs, a body table
    row by row ("a | b | c"), then Nơi nhận and the signature."""
    body = docx.Document(str(path)).element.body
    tables = [el for el in body if el.tag == qn("w:tbl")]
    lines: list[str] = []
    for el in body:
        if el.tag == qn("w:p"):
            lines += _paragraphs(el)
        elif el is tables[0]:
            row1, row2 = el.findall(qn("w:tr"))
            left = [c for r in (row1, row2) for c in r.findall(qn("w:tc"))[:1]]
            right = [c for r in (row1, row2) for c in r.findall(qn("w:tc"))[1:]]
            lines += [t for c in left for t in _paragraphs(c)] + [t for c in right for t in _paragraphs(c)]
        elif "Nơi nhận:" in _paragraphs(el):
            lines += [t for c in el.iter(qn("w:tc")) for t in _paragraphs(c)]
        else:
            lines += [" | ".join(_text(c) for c in row.findall(qn("w:tc"))) for row in el.findall(qn("w:tr"))]
    return lines


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    """Every general example built once, as README's command does, into <root>/build."""
    root = tmp_path_factory.mktemp("general")
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    for name in EXAMPLES:
        result = run("build", root / "plans" / name)
        assert result.exit_code == 0, result.output
        assert "lỗi" not in result.output, result.output
    return root / "build"


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_example_reads_back_as_expected(examples, example):
    got = page_lines(examples / example / f"{EXAMPLES[example]}.docx")
    expected_file = DATA / f"{example}-expected.txt"
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        expected_file.write_text("\n".join(got) + "\n", encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8").splitlines()


def test_every_document_of_every_example_passes_lint(examples):
    files = sorted(examples.rglob("*.docx"))
    assert len(files) == len(EXAMPLES)
    for report in lint_paths(files):
        assert report.findings == [], report.path


def test_a_folder_of_documents_builds_only_those(examples):
    built = sorted(p.relative_to(examples).as_posix() for p in examples.rglob("*.docx"))
    assert built == sorted(f"{k}/{v}.docx" for k, v in EXAMPLES.items())


def _para(path: Path, start: str):
    """The first paragraph starting with `start`, a no-break space read as the space typed
    ("Năm học 2023 - 2024": a range's spaces are made no-break, issue 11)."""
    for p in docx.Document(str(path)).paragraphs:
        if p.text.replace("\u00a0", " ").startswith(start):
            return p
    raise AssertionError(f"no paragraph starts with {start!r}")


def test_parts_carry_their_formatting(examples):
    decision = examples / "quyet-dinh-ubnd-tinh" / "quyet-dinh.docx"
    basis = _para(decision, "Căn cứ Luật Thi đua")
    assert basis.style.name == "ND30 Căn cứ" and basis.style.font.italic
    article = _para(decision, "Điều 2.")
    assert [(r.text, bool(r.bold)) for r in article.runs][:1] == [("Điều 2. ", True)]
    proposal = examples / "to-trinh-truong-tieu-hoc" / "to-trinh.docx"
    # a tờ trình's căn cứ are italic as a decision's (Decree 30 Phụ lục I §II.6.a; tests/test_to_trinh_alike.py)
    assert _para(proposal, "Căn cứ Luật Thi đua").style.name == "ND30 Căn cứ"
    emphasis = _para(proposal, "Năm học 2023 - 2024")
    assert [r.text for r in emphasis.runs if r.italic] == ["100% học sinh hoàn thành chương trình lớp học"]
    assert [r.text for r in _para(proposal, "- 05 cá nhân").runs if r.bold] == ["Chiến sĩ thi đua cơ sở"]


def test_report_table_has_header_rows_and_totals(examples):
    document = docx.Document(str(examples / "bao-cao-cong-doan" / "bao-cao.docx"))
    table = document.tables[1]
    rows = [[collapse(c.text) for c in row.cells] for row in table.rows]
    assert rows[0] == ["STT", "Tổ công đoàn", "Số đoàn viên", "Đạt danh hiệu", "Ghi chú"]
    assert rows[-1][0] == "Tổng cộng" and rows[-1][2:4] == ["38", "33"]
    assert table.rows[0]._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    total = table.rows[-1].cells[0].paragraphs[0]
    assert total.style.name == "ND30 Bảng - dòng tổng" and total.style.font.bold


def test_a_single_file_builds_alone(workspace):
    record = workspace / "plans" / "quyet-dinh-ubnd-tinh" / "quyet-dinh.yaml"
    result = run("build", record)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Đã ghi " + str(
        workspace / "build" / "quyet-dinh-ubnd-tinh" / "quyet-dinh.docx").removeprefix(os.getcwd() + "/")
    assert [p.name for p in (workspace / "build").rglob("*.docx")] == ["quyet-dinh.docx"]


def test_a_plan_folder_builds_its_own_documents_too(workspace):
    plan = workspace / "plans" / "ninh-binh-2021"
    (plan / "documents").mkdir(exist_ok=True)  # the example has its sơ kết there
    shutil.copy(workspace / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml", plan / "documents" / "cv.yaml")
    result = run("build", plan)
    assert result.exit_code == 0, result.output
    out = workspace / "build" / "ninh-binh-2021"
    assert (out / "ke-hoach.docx").is_file()
    assert page_lines(out / "cv.docx") == page_lines_of_example(workspace, "cong-van-dang-ky-thi-dua", "cong-van")


def page_lines_of_example(workspace: Path, example: str, stem: str) -> list[str]:
    assert run("build", workspace / "plans" / example).exit_code == 0
    return page_lines(workspace / "build" / example / f"{stem}.docx")


def _edit_template(path: Path, old: str, new: str) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert xml.count(old) == 1, old
    parts["word/document.xml"] = xml.replace(old, new).encode("utf-8")
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@pytest.mark.parametrize(("template", "example", "stem", "old", "new"), [
    ("van-ban.docx", "to-trinh-truong-tieu-hoc", "to-trinh", "Kính gửi: {{ doc.to[0] | keep_names(pairs=True) }}",
     "Kính trình: {{ doc.to[0] | keep_names(pairs=True) }}"),
    ("van-ban.docx", "quyet-dinh-ubnd-tinh", "quyet-dinh", "QUYẾT ĐỊNH:", "QUYẾT ĐỊNH NHƯ SAU:"),
    ("cong-van.docx", "cong-van-dang-ky-thi-dua", "cong-van", "V/v {{ doc.subject | keep_title }}",
     "V/v: {{ doc.subject | keep_title }}"),
])
def test_a_clerks_edit_of_a_fixed_word_shows_in_the_next_build(workspace, template, example, stem, old, new):
    before = page_lines_of_example(workspace, example, stem)
    _edit_template(workspace / "templates" / template, old, new)
    after = page_lines_of_example(workspace, example, stem)
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].startswith(new.split("{{")[0])


def _record(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "ws" / "plans" / "thu"
    folder.mkdir(parents=True)
    path = folder / "van-ban.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """type: Thông báo
issuer:
  name: Phòng Nội vụ
  abbreviation: PNV
  place: Yên Khánh
date: 2025-01
subject: Kết quả bình xét thi đua
body:
  - text: Nội dung thông báo./.
signature:
  lines: [KT. Trưởng phòng]
  name: Trần Minh Đức
"""


def _errors(path: Path) -> list[str]:
    result = run("build", path)
    assert result.exit_code == 1
    return [line.replace(str(path), "F") for line in result.output.splitlines()]


def test_kt_signature_without_the_deputys_title_is_refused(tmp_path):
    path = _record(tmp_path, MINIMAL)
    assert _errors(path) == [
        "F:11:11: signature.lines[0]: 'KT. TRƯỞNG PHÒNG' cần thêm dòng chức vụ của cấp phó ký thay"
        " (ví dụ PHÓ CHỦ TỊCH) ngay dưới"]
    assert not (tmp_path / "ws" / "build").exists()


def test_authority_forms_are_spelt_as_the_decree_writes_them(tmp_path):
    path = _record(tmp_path, MINIMAL.replace("[KT. Trưởng phòng]", "[TM Ban chấp hành, Chủ tịch]"))
    assert _errors(path) == [
        "F:11:11: signature.lines[0]: viết 'TM.' (có dấu chấm) cho thẩm quyền ký, như Nghị định 30"
        " Phụ lục I mục II.7"]


def test_bad_records_get_every_problem_located(tmp_path):
    text = MINIMAL.replace("subject:", "subjet:").replace(
        "  - text: Nội dung thông báo./.",
        "  - table:\n      columns: [STT, Tên]\n      rows:\n        - [1, A, thừa]\n  - text: a\n    item: b")
    text = text.replace("[KT. Trưởng phòng]", "[Trưởng phòng]") + "articles:\n  - Điều gì đó.\n"
    path = _record(tmp_path, text)
    assert _errors(path) == [
        "F:1:1: subject: thiếu trường bắt buộc",
        "F:7:1: subjet: trường 'subjet' không có trong mẫu hồ sơ; có phải là 'subject'?",
        "F:13:5: body[1]: mỗi phần tử cần đúng một trong bốn khóa: section (mục có số), text (đoạn văn),"
        " item (gạch đầu dòng) hoặc table (bảng)",
        "Có 3 lỗi; chưa ghi văn bản nào.",
    ]
    path.write_text(text.replace("subjet:", "subject:").replace("  - text: a\n    item: b\n", ""),
                    encoding="utf-8")
    assert _errors(path) == [
        "F:12:11: body[0].table.rows[0]: dòng có 3 ô, bảng có 2 cột",
        "F:17:3: articles: chỉ quyết định, nghị quyết mới có các Điều; thông báo viết nội dung trong body",
        "Có 2 lỗi; chưa ghi văn bản nào.",
    ]


def test_chapters_numbering_and_a_blank_number(tmp_path):
    text = MINIMAL.replace("type: Thông báo", "type: Quy chế\nnumbering: chapters").replace(
        "  - text: Nội dung thông báo./.",
        "  - section: Quy định chung\n    children:\n      - section: Phạm vi\n        children:\n"
        "          - section: Quy chế này áp dụng cho các phòng.\n      - section: Đối tượng\n"
        "  - section: Tổ chức thực hiện\n    children:\n      - section: Trách nhiệm thi hành\n"
    ).replace("[KT. Trưởng phòng]", "[Trưởng phòng]")
    path = _record(tmp_path, text)
    result = run("build", path)
    assert result.exit_code == 0, result.output
    lines = page_lines(tmp_path / "ws" / "build" / "thu" / "van-ban.docx")
    assert "Số: /QC-PNV" in lines and "Yên Khánh, ngày tháng 01 năm 2025" in lines
    start = lines.index("QUY CHẾ")
    assert lines[start:start + 10] == [
        "QUY CHẾ", "Kết quả bình xét thi đua", "Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi",
        "1. Quy chế này áp dụng cho các phòng.", "Điều 2. Đối tượng", "Chương II", "TỔ CHỨC THỰC HIỆN",
        "Điều 3. Trách nhiệm thi hành"]


def test_annexes_on_their_own_pages_one_turned_for_its_table(tmp_path):
    folder = tmp_path / "ws" / "plans" / "pl"
    folder.mkdir(parents=True)
    shutil.copy(DATA / "annex-record.yaml", folder / "bao-cao.yaml")
    result = run("build", folder)
    assert result.exit_code == 0 and "lỗi" not in result.output, result.output
    out = tmp_path / "ws" / "build" / "pl" / "bao-cao.docx"
    lines = page_lines(out)
    annex = lines[lines.index("Phụ lục I"):]
    assert annex == [
        "Phụ lục I", "TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM 2025",
        "(Kèm theo Báo cáo số 12/BC-PNV ngày 20 tháng 12 năm 2024 của Phòng Nội vụ)",
        "STT | Cơ quan, đơn vị | Số tập thể đăng ký | Số cá nhân đăng ký | Danh hiệu cao nhất đăng ký",
        "1 | Văn phòng HĐND và UBND huyện | 1 | 18 | Tập thể lao động xuất sắc",
        "2 | Phòng Tài chính - Kế hoạch | 1 | 9 | Tập thể lao động tiên tiến",
        "Tổng cộng | 2 | 27 | ",
        "DANH SÁCH CÁ NHÂN ĐĂNG KÝ DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ",
        "(Kèm theo Báo cáo số 12/BC-PNV ngày 20 tháng 12 năm 2024 của Phòng Nội vụ)",
        "STT | Họ và tên | Chức vụ, đơn vị", "1 | Nguyễn Văn An | Chánh Văn phòng"]
    sections = docx.Document(str(out)).sections
    assert [s.orientation.name for s in sections] == ["PORTRAIT", "LANDSCAPE", "PORTRAIT"]
    assert [round(s.page_width.mm) for s in sections] == [210, 297, 210]
    starts = [s._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) for s in sections]
    assert starts == ["1", "1", "1"]
    # The landscape table spans the turned page's text width (29.7 cm - 3 cm - 1.5 cm).
    widths = [int(c.get(qn("w:w"))) for c in docx.Document(str(out)).tables[2]._tbl.iter(qn("w:gridCol"))]
    assert sum(widths) <= 16838 - 1701 - 851 and sum(widths) > 9354


def test_readme_build_command_builds_every_example_without_a_finding(workspace):
    folders = sorted(p for p in (workspace / "plans").iterdir() if p.is_dir())
    result = run("build", *folders)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Xong: 38 văn bản."
    assert result.stderr == ""
    built = {p.relative_to(workspace / "build").parts[0] for p in (workspace / "build").rglob("*.docx")}
    assert built == {p.name for p in folders}


def test_out_is_refused_with_several_paths(workspace):
    result = run("build", "--out", workspace / "x", workspace / "plans" / "bao-cao-cong-doan",
                 workspace / "plans" / "cong-van-dang-ky-thi-dua")
    assert result.exit_code == 1
    assert result.stderr.endswith(": --out chỉ dùng khi dựng một tệp hay một thư mục\n")


def test_a_plans_type_sets_its_title_and_its_ky_hieu(plan_dir):
    text = (plan_dir / "plan.yaml").read_text(encoding="utf-8")
    (plan_dir / "plan.yaml").write_text(text.replace("type: Kế hoạch", "type: Báo cáo", 1), encoding="utf-8")
    assert run("build", plan_dir).exit_code == 0
    lines = page_lines(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx")
    assert "Số: 125/BC-LĐTBXH" in lines and "BÁO CÁO" in lines and "KẾ HOẠCH" not in lines


def test_a_plan_cannot_be_a_cong_van(plan_dir):
    text = (plan_dir / "plan.yaml").read_text(encoding="utf-8")
    (plan_dir / "plan.yaml").write_text(text.replace("type: Kế hoạch", "type: Công văn", 1), encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{plan_dir / 'plan.yaml'}:11:7: type: công văn không có tên loại nên không viết bằng plan.yaml;"
        " hãy viết nó thành một tệp văn bản (documents/<tên>.yaml, xem README)\n")


def test_a_workspaces_documents_folder_builds(workspace):
    (workspace / "documents").mkdir()
    shutil.copy(workspace / "plans" / "to-trinh-truong-tieu-hoc" / "to-trinh.yaml", workspace / "documents")
    result = run("build", workspace / "documents")
    assert result.exit_code == 0, result.output
    out = workspace / "build" / "documents" / "to-trinh.docx"
    assert page_lines(out) == (DATA / "to-trinh-truong-tieu-hoc-expected.txt").read_text(
        encoding="utf-8").splitlines()


def test_a_folder_without_documents_says_what_it_needs(tmp_path):
    (tmp_path / "empty").mkdir()
    result = run("build", tmp_path / "empty")
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path / 'empty'}: không có văn bản nào để dựng: thư mục cần plan.yaml"
                             " hoặc các tệp văn bản .yaml (xem README, mục Văn bản đơn lẻ)\n")


def test_number_from_the_register_is_kept_on_rebuild(tmp_path):
    path = _record(tmp_path, MINIMAL.replace("date: 2025-01", "number: register\ndate: 2025-01-06").replace(
        "[KT. Trưởng phòng]", "[Trưởng phòng]"))
    (path.parent / "khac.yaml").write_text(path.read_text(encoding="utf-8").replace(
        "Kết quả bình xét thi đua", "Lịch họp Hội đồng"), encoding="utf-8")
    assert run("build", path.parent).exit_code == 0
    out = tmp_path / "ws" / "build" / "thu"
    # A draft until the văn thư issues it: no number taken, number and day blank.
    assert not (tmp_path / "ws" / "so-van-ban.sqlite").exists()
    assert {"Số: /TB-PNV", "Yên Khánh, ngày tháng 01 năm 2025"} <= set(page_lines(out / "khac.docx"))
    result = run("issue", path.parent, "--date", "2025-01-06")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["Ban hành số 01/TB-PNV ngày 06/01/2025: build/thu/khac.docx",
                                          "Ban hành số 02/TB-PNV ngày 06/01/2025: build/thu/van-ban.docx",
                                          "Xong: ban hành 2 văn bản."]
    for _ in range(2):
        assert run("build", path.parent).exit_code == 0
    assert "Số: 01/TB-PNV" in page_lines(out / "khac.docx")
    assert "Số: 02/TB-PNV" in page_lines(out / "van-ban.docx")
    listed = run("register", path.parent).output.splitlines()
    # One book for the workspace: the trích yếu and Nơi nhận as the page shows them, and the file.
    assert listed == ["Sổ văn bản đi năm 2025 - PHÒNG NỘI VỤ",
                      "01/TB-PNV\t2025-01-06\tLịch họp Hội đồng\tLưu: VT\tbuild/thu/khac.docx",
                      "02/TB-PNV\t2025-01-06\tKết quả bình xét thi đua\tLưu: VT\tbuild/thu/van-ban.docx"]
    assert (tmp_path / "ws" / "so-van-ban.sqlite").is_file()


def test_a_number_that_is_neither_a_number_nor_register(tmp_path):
    path = _record(tmp_path, MINIMAL.replace("date: 2025-01", "number: 12a\ndate: 2025-01"))
    assert _errors(path)[0] == (
        "F:6:9: number: số văn bản là một số nguyên dương (number: 328), register (lấy số tiếp theo trong sổ"
        " văn bản) hoặc để trống; nhận được '12a'")
    assert not (tmp_path / "ws" / "so-van-ban.sqlite").exists()


def test_amounts_are_written_as_figures_and_words_and_checked(tmp_path):
    text = MINIMAL.replace("[KT. Trưởng phòng]", "[Trưởng phòng]").replace(
        "Nội dung thông báo./.", "Thưởng {{ amounts.thuong }} đồng ({{ amounts.thuong.words }})./.")
    path = _record(tmp_path, text + "amounts:\n  thuong: 1880000\n")
    assert run("build", path).exit_code == 0
    lines = page_lines(tmp_path / "ws" / "build" / "thu" / "van-ban.docx")
    assert "Thưởng 1.880.000 đồng (Một triệu tám trăm tám mươi nghìn đồng)./." in lines
    path.write_text(text.replace("amounts.thuong.words", "amounts.thuog.words") + "amounts:\n  thuong: 1880000\n",
                    encoding="utf-8")
    assert _errors(path) == [
        "F:9:11: body[0].text: không có tên 'thuog' trong 'amounts'; có phải là 'thuong'?"]


def test_validate_reads_documents_without_writing(workspace):
    folder = workspace / "plans" / "bao-cao-cong-doan"
    result = run("validate", folder)
    assert result.exit_code == 0
    assert result.output == f"Hồ sơ hợp lệ: {folder} — 1 văn bản.\n"
    assert not (workspace / "build").exists()


def test_templates_saved_again_by_libreoffice_build_the_same_text(workspace, office, tmp_path):
    """A clerk who opens van-ban.docx and cong-van.docx in LibreOffice and saves them as .docx."""
    import subprocess

    saved = tmp_path / "saved"
    names = ["van-ban.docx", "cong-van.docx"]
    subprocess.run(["soffice", "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
                    *(str(workspace / "templates" / n) for n in names)], check=True, capture_output=True,
                   timeout=300)
    for name in names:
        assert (saved / name).is_file(), name  # soffice exits 0 even when it fails
        shutil.copy(saved / name, workspace / "templates" / name)
    result = run("build", *(workspace / "plans" / e for e in EXAMPLES))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no lint finding either
    for example, stem in EXAMPLES.items():
        got = page_lines(workspace / "build" / example / f"{stem}.docx")
        assert got == (DATA / f"{example}-expected.txt").read_text(encoding="utf-8").splitlines(), example


def test_every_problem_of_a_bad_record_in_one_message_each(tmp_path):
    path = _record(tmp_path, (DATA / "bad-document.yaml").read_text(encoding="utf-8"))
    types = ", ".join(f"'{t}'" for t in list(DOC_TYPES)[:-1]) + f" hoặc '{list(DOC_TYPES)[-1]}'"
    assert _errors(path) == [
        f"F:1:7: type: phải là một trong: {types}; có phải là 'Quyết định'?",
        "F:6:7: date: ngày 30 tháng 2 năm 2025 không có thật (tháng 2 có 28 ngày)",
        "F:10:16: body[0].table.columns: cần ít nhất 1 phần tử",
        "F:12:15: body[0].table.rows[0][1]: ô của bảng là chữ hoặc số (ô trống: \"\"), nhận được {'a': 2}",
        "F:12:23: body[0].table.rows[0][2]: ô của bảng là chữ hoặc số (ô trống: \"\"), nhận được True",
        "F:14:3: signature.name: thiếu trường bắt buộc",
        "F:14:10: signature.lines: cần ít nhất 1 phần tử",
        "Có 7 lỗi; chưa ghi văn bản nào.",
    ]


def test_a_plans_document_may_take_its_issuer_from_organisation_yaml(workspace):
    plan = workspace / "plans" / "ninh-binh-2021"
    (plan / "documents").mkdir(exist_ok=True)
    record = (workspace / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml").read_text(encoding="utf-8")
    start, end = record.index("issuer:"), record.index("number:")
    (plan / "documents" / "cv.yaml").write_text(record[:start] + record[end:], encoding="utf-8")
    result = run("build", plan / "documents" / "cv.yaml")
    assert result.exit_code == 0, result.output
    lines = page_lines(workspace / "build" / "ninh-binh-2021" / "cv.docx")
    assert lines[:4] == ["UBND TỈNH NINH BÌNH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI", "Số: 215/LĐTBXH",
                         "V/v đăng ký thi đua năm 2025"]


def test_a_document_without_issuer_outside_an_organisation(tmp_path):
    start, end = MINIMAL.index("issuer:"), MINIMAL.index("date:")
    path = _record(tmp_path, MINIMAL[:start] + MINIMAL[end:])
    assert _errors(path)[0] == ("F:1:1: issuer: thiếu cơ quan ban hành (issuer); hoặc đặt văn bản trong thư mục"
                                " có organisation.yaml")


def test_values_come_out_as_typed_and_builds_repeat_byte_for_byte(tmp_path):
    tricky = "Tổ <Văn phòng> & \"{{ doc.id }}\" {% if x %}"
    text = MINIMAL.replace("[KT. Trưởng phòng]", "[Trưởng phòng]").replace(
        "  - text: Nội dung thông báo./.",
        "  - table:\n      columns: [Tổ, Số]\n      rows:\n        - ['" + tricky + "', 3]\n"
        "  - text: '" + tricky.replace("{{ doc.id }}", "a\\*b") + "./.'")
    path = _record(tmp_path, text)
    out = tmp_path / "ws" / "build" / "thu" / "van-ban.docx"
    assert run("build", path).exit_code == 0
    first = out.read_bytes()
    assert run("build", path).exit_code == 0
    assert out.read_bytes() == first
    lines = page_lines(out)
    # A cell is text as typed; a paragraph is text too, where only {{ name }} and *…* mean something.
    assert f"{tricky} | 3" in lines and "Tổ <Văn phòng> & \"a*b\" {% if x %}./." in lines


def _committee(name: str, subject: str) -> str:
    """A notice of a People's Committee (ký hiệu UBND) numbered from the register."""
    return (MINIMAL.replace("name: Phòng Nội vụ", f"name: {name}").replace("abbreviation: PNV", "abbreviation: UBND")
            .replace("place: Yên Khánh", f"place: {name.split(maxsplit=5)[-1]}")
            .replace("date: 2025-01", "number: register\ndate: 2025-01-06")
            .replace("Kết quả bình xét thi đua", subject)
            .replace("[KT. Trưởng phòng]", "[TM. Ủy ban nhân dân, Chủ tịch]"))


def test_two_agencies_of_one_abbreviation_keep_two_books(tmp_path):
    """Issue 14: every People's Committee signs UBND; UBND tỉnh Ninh Bình and UBND huyện Yên Mô
    never share a book: each document takes 01 of its own agency's book, and the books stay apart."""
    import openpyxl

    path = _record(tmp_path, _committee("Ủy ban nhân dân huyện Yên Mô", "Lịch tiếp công dân"))
    (path.parent / "tinh.yaml").write_text(_committee("Ủy ban nhân dân tỉnh Ninh Bình", "Kết quả bình xét thi đua"),
                                           encoding="utf-8")
    assert run("build", path.parent).exit_code == 0
    assert run("issue", path.parent, "--date", "2025-01-06").exit_code == 0
    for _ in range(2):  # a rebuild keeps both numbers
        result = run("build", path.parent)
        assert result.exit_code == 0, result.output
    out = tmp_path / "ws" / "build" / "thu"
    assert "Số: 01/TB-UBND" in page_lines(out / "van-ban.docx")
    assert "Số: 01/TB-UBND" in page_lines(out / "tinh.docx")
    listed = run("register", path.parent, "--xlsx", tmp_path / "so.xlsx").output.splitlines()
    assert listed == ["Sổ văn bản đi năm 2025 - ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ",
                      "01/TB-UBND\t2025-01-06\tLịch tiếp công dân\tLưu: VT\tbuild/thu/van-ban.docx",
                      "Sổ văn bản đi năm 2025 - ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
                      "01/TB-UBND\t2025-01-06\tKết quả bình xét thi đua\tLưu: VT\tbuild/thu/tinh.docx",
                      f"Đã ghi {tmp_path / 'so.xlsx'}"]
    book = openpyxl.load_workbook(tmp_path / "so.xlsx")
    assert book.sheetnames == ["UBND 2025", "UBND 2025 2"]
    assert [(s["A1"].value, s["A3"].value, s["C3"].value) for s in book.worksheets] == [
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025 - ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ", "01/TB-UBND", "Thông báo lịch tiếp công dân"),
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM 2025 - ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "01/TB-UBND",
         "Thông báo kết quả bình xét thi đua")]  # the trích yếu after the kind: lower case


def test_a_register_of_the_abbreviation_only_schema_keeps_its_numbers(tmp_path):
    """A register written when the ký hiệu alone named a book (issue 14's bug: the tỉnh's notice got
    02 of the huyện's book) is converted on the next build: every number kept, each agency's next
    number the next of its own book, the conversion committed with the build."""
    import sqlite3

    path = _record(tmp_path, _committee("Ủy ban nhân dân huyện Yên Mô", "Lịch tiếp công dân"))
    (path.parent / "tinh.yaml").write_text(_committee("Ủy ban nhân dân tỉnh Ninh Bình", "Kết quả bình xét thi đua"),
                                           encoding="utf-8")
    book = tmp_path / "ws" / "so-van-ban.sqlite"
    conn = sqlite3.connect(book)
    conn.executescript("""
        CREATE TABLE entries (agency TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,
            abbr TEXT NOT NULL, doc_type TEXT NOT NULL, key TEXT NOT NULL, owner TEXT NOT NULL, date TEXT NOT NULL,
            subject TEXT NOT NULL, signer TEXT NOT NULL DEFAULT '', recipients TEXT NOT NULL DEFAULT '',
            file TEXT NOT NULL DEFAULT '', void TEXT, PRIMARY KEY (abbr, year, number));
        CREATE UNIQUE INDEX live_key ON entries (key) WHERE void IS NULL;
        CREATE TABLE transactions (id TEXT PRIMARY KEY);
        INSERT INTO entries VALUES ('ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ', 2025, 1, 'UBND', 'TB', 'van-ban:thu/van-ban',
            'van-ban:thu', '2025-01-06', 'Lịch tiếp công dân', 'Trần Minh Đức', 'Lưu: VT', 'build/thu/van-ban.docx',
            NULL);
        INSERT INTO entries VALUES ('Ủy ban nhân dân tỉnh Ninh Bình', 2025, 2, 'UBND', 'TB', 'van-ban:thu/tinh',
            'van-ban:thu', '2025-01-06', 'Kết quả bình xét thi đua', 'Trần Minh Đức', 'Lưu: VT', 'build/thu/tinh.docx',
            NULL);
    """)
    conn.close()
    # Read as it is, nothing written.
    before = book.read_bytes()
    assert [line for line in run("register", path.parent).output.splitlines() if line.startswith("Sổ")] == [
        "Sổ văn bản đi năm 2025 - ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ",
        "Sổ văn bản đi năm 2025 - Ủy ban nhân dân tỉnh Ninh Bình"]
    assert book.read_bytes() == before
    (path.parent / "tinh-2.yaml").write_text(_committee("Ủy ban nhân dân tỉnh Ninh Bình", "Lịch trực Tết"),
                                             encoding="utf-8")
    (path.parent / "van-ban-2.yaml").write_text(_committee("Ủy ban nhân dân huyện Yên Mô", "Lịch trực Tết"),
                                                encoding="utf-8")
    result = run("issue", path.parent, "--date", "2025-01-06")
    assert result.exit_code == 0, result.output
    assert not [line for line in result.output.splitlines() if line.startswith("Hủy số")]
    out = tmp_path / "ws" / "build" / "thu"
    numbers = {name: [line for line in page_lines(out / f"{name}.docx") if line.startswith("Số:")]
               for name in ("van-ban", "van-ban-2", "tinh", "tinh-2")}
    assert numbers == {"van-ban": ["Số: 01/TB-UBND"], "van-ban-2": ["Số: 02/TB-UBND"],
                       "tinh": ["Số: 02/TB-UBND"], "tinh-2": ["Số: 03/TB-UBND"]}
    conn = sqlite3.connect(book)
    assert "agency_key" in [row[1] for row in conn.execute("PRAGMA table_info(entries)")]
    conn.close()
    assert [line.split("\t")[0] for line in run("register", path.parent).output.splitlines()] == [
        "Sổ văn bản đi năm 2025 - ỦY BAN NHÂN DÂN HUYỆN YÊN MÔ", "01/TB-UBND", "02/TB-UBND",
        "Sổ văn bản đi năm 2025 - ỦY BAN NHÂN DÂN TỈNH NINH BÌNH", "02/TB-UBND", "03/TB-UBND"]
