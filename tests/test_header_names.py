"""Names as a văn thư breaks them: the header's names between their units, fixed names whole in
Nơi nhận and Kính gửi, word pairs whole in the trích yếu. Read back from the laid-out PDF of a new
user's two plans (tests/data/clerk-names: a Sở in Bà Rịa - Vũng Tàu, a lower secondary school in
Buôn Ma Thuột), as the user found them."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, _need, run
from pdfspaces import baselines

from docgen.output.pdf import to_pdf
from docgen.vn.heading import HEADER_ROOM, candidates, split

DATA = Path(__file__).parent / "data" / "clerk-names"
QTMT_LINES = "    header_lines: [Trung tâm Quan trắc tài nguyên, và môi trường]\n"


def _workspace(root: Path, fix_qtmt: bool = True) -> Path:
    shutil.copytree(DATA, root / "plans")
    shutil.copytree(ROOT / "templates", root / "templates")
    if fix_qtmt:  # the user's header_lines dropped most of the unit's name: docgen now refuses them
        units = root / "plans" / "brvt-tnmt-2024" / "units.yaml"
        units.write_text(units.read_text(encoding="utf-8").replace(QTMT_LINES, ""), encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """Every document of the two plans, built and laid out by LibreOffice; by path under build/
    ("thcs-nbk-2024/ke-hoach")."""
    _need("soffice", "pdftotext")
    root = _workspace(tmp_path_factory.mktemp("names"))
    for plan in ("thcs-nbk-2024", "brvt-tnmt-2024"):
        result = run("build", root / "plans" / plan)
        assert result.exit_code == 0, result.output
    docs = [d for d in sorted((root / "build").rglob("*.docx")) if d.stem != "tat-ca"]  # not the bundles
    conversion = to_pdf(docs)
    assert not conversion.failed, conversion.failed
    return {str(d.relative_to(root / "build").with_suffix("")): d.with_suffix(".pdf") for d in docs}


def _segments(pdf: Path) -> list[tuple[int, float, float, str]]:
    """Each run of words on one line of the page, split where the gap is wider than the words'
    height (the two cells of the header, Nơi nhận beside the signature): (page, x, y, text)."""
    segments = []
    for number, y, words in baselines(pdf):
        run_ = [words[0]]
        for a, b in zip(words, words[1:], strict=False):
            if b[0] - a[1] > a[2]:
                segments.append((number, run_[0][0], y, " ".join(w[3] for w in run_)))
                run_ = []
            run_.append(b)
        segments.append((number, run_[0][0], y, " ".join(w[3] for w in run_)))
    return segments


def header_names(pdf: Path) -> list[str]:
    """The lines of the header's left cell on page 1 (ô 2: cơ quan chủ quản, cơ quan ban hành),
    above the "Số:" line."""
    segs = [s for s in _segments(pdf) if s[0] == 1]
    number = min(s[2] for s in segs if s[3].startswith("Số:"))
    width = 72 * (1701 + 4139) / 1440  # the page's left margin and the header's left column, in pt
    return [s[3] for s in segs if s[2] < number and s[1] < width and not s[3].startswith("CỘNG HÒA")]


def test_header_names_break_between_units(pdfs):
    assert header_names(pdfs["thcs-nbk-2024/ke-hoach"]) == [
        "UBND", "THÀNH PHỐ BUÔN MA THUỘT", "TRƯỜNG TRUNG HỌC CƠ SỞ", "NGUYỄN BỈNH KHIÊM"]
    assert header_names(pdfs["brvt-tnmt-2024/bieu-mau/van_phong"]) == [
        "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "VĂN PHÒNG SỞ"]
    assert header_names(pdfs["brvt-tnmt-2024/bieu-mau/qldd"]) == [
        "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "PHÒNG QUẢN LÝ ĐẤT ĐAI,", "ĐO ĐẠC, BẢN ĐỒ", "VÀ VIỄN THÁM"]
    assert header_names(pdfs["brvt-tnmt-2024/bieu-mau/qtmt"]) == [
        "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG", "TRUNG TÂM QUAN TRẮC", "TÀI NGUYÊN VÀ MÔI TRƯỜNG,",
        "CÔNG NGHỆ THÔNG TIN", "VÀ PHÁT TRIỂN QUỸ ĐẤT"]
    assert header_names(pdfs["thcs-nbk-2024/bieu-mau/to_toan"]) == [
        "TRƯỜNG TRUNG HỌC CƠ SỞ", "NGUYỄN BỈNH KHIÊM", "TỔ TOÁN - TIN HỌC -", "CÔNG NGHỆ"]
    assert header_names(pdfs["brvt-tnmt-2024/ke-hoach"]) == [
        "UBND TỈNH BÀ RỊA - VŨNG TÀU", "SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG"]


# A line ending with one of these leaves the rest of a name or a word of two syllables to the next:
# what the user found in Nơi nhận, Kính gửi and the trích yếu.
SPLIT = re.compile(r"(?:\bBuôn Ma|\bBuôn|\bVũng|\bMôi|\bTài|\bhình|\bdanh|\bBUÔN MA|\bMÔI|\bTÀI|\bCÔNG|\bĐO)$")


def names_and_titles(pdf: Path) -> list[str]:
    """The lines of page 1 above the body (header, trích yếu, Kính gửi: up to the first line
    opening with "Thực hiện" or "Căn cứ") and those of Nơi nhận (left of the signature)."""
    segs = _segments(pdf)
    body = min(s[2] for s in segs if s[0] == 1 and s[3].startswith(("Thực hiện", "Căn cứ")))
    top = [s[3] for s in segs if s[0] == 1 and s[2] < body]
    page, _, label, _ = next(s for s in segs if s[3] == "Nơi nhận:")
    sign = 72 * (1701 + 3969) / 1440  # the page's left margin and the Nơi nhận column, in pt
    return top + [s[3] for s in segs if s[0] == page and s[2] > label and s[1] < sign]


def test_no_line_ends_inside_a_name_or_word_pair(pdfs):
    found = [(key, text) for key, pdf in pdfs.items() for text in names_and_titles(pdf) if SPLIT.search(text)]
    assert found == []
    assert "Nơi nhận:" not in names_and_titles(pdfs["thcs-nbk-2024/ke-hoach"])  # read below the label
    assert "Buôn Ma Thuột (b/c);" in names_and_titles(pdfs["thcs-nbk-2024/ke-hoach"])


def test_recipients_keep_fixed_names(pdfs):
    texts = [s[3] for s in _segments(pdfs["thcs-nbk-2024/ke-hoach"])]
    assert "Buôn Ma Thuột (b/c);" in texts  # Nơi nhận: "- Phòng GD&ĐT thành phố" / "Buôn Ma Thuột (b/c);"
    texts = [s[3] for s in _segments(pdfs["brvt-tnmt-2024/cong-van-dang-ky"])]
    assert "Hội đồng Thi đua - Khen thưởng tỉnh Bà Rịa - Vũng Tàu." in " ".join(texts)


def test_subject_breaks_between_words(pdfs):
    texts = [s[3] for s in _segments(pdfs["brvt-tnmt-2024/to-trinh/du-thao-de-nghi-khen-thuong"])]
    assert "danh hiệu “Tập thể lao động xuất sắc” năm 2024" in texts
    # The V/v, balanced in the header's left cell (issue 11): the organ's name and the place
    # whole, each line ending at a phrase joint.
    texts = [s[3] for s in _segments(pdfs["brvt-tnmt-2024/cong-van-dang-ky"])]
    assert [t for t in texts if t in (
        "V/v Đăng ký danh hiệu thi đua", "và hình thức khen thưởng năm 2024", "của Sở Tài nguyên và Môi trường",
        "tỉnh Bà Rịa - Vũng Tàu")] == [
        "V/v Đăng ký danh hiệu thi đua", "và hình thức khen thưởng năm 2024", "của Sở Tài nguyên và Môi trường",
        "tỉnh Bà Rịa - Vũng Tàu"]


def test_header_lines_that_drop_the_name_are_refused(tmp_path, monkeypatch):
    root = _workspace(tmp_path, fix_qtmt=False)
    monkeypatch.chdir(root)
    result = run("build", "plans/brvt-tnmt-2024")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "plans/brvt-tnmt-2024/units.yaml:44:19: units[4].header_lines: các dòng header_lines ghép lại là"
        " “Trung tâm Quan trắc tài nguyên và môi trường”, không có đủ tên cơ quan “Trung tâm Quan trắc tài nguyên"
        " và môi trường, Công nghệ thông tin và Phát triển quỹ đất” (name): tiêu đề sẽ thiếu tên"
        " (Nghị định 30, Phụ lục I §II.2: tên đầy đủ); hãy ghi đủ tên, mỗi dòng một phần, hoặc bỏ header_lines"
        " để docgen tự ngắt dòng",
        "plans/brvt-tnmt-2024/units.yaml:44:20: units[4].header_lines[0]: dòng “Trung tâm Quan trắc tài"
        " nguyên” in hoa rộng 8,75 cm, ô tên cơ quan ở tiêu đề chỉ rộng 7,10 cm nên Word sẽ tự xuống dòng"
        " giữa tên; hãy tách dòng này thành hai dòng của danh sách, ngắt giữa hai phần của tên",
        "Có 2 lỗi; chưa ghi văn bản nào.",
    ]
    assert not (root / "build").exists()


def test_a_name_with_no_break_that_fits_is_refused(tmp_path, monkeypatch):
    root = _workspace(tmp_path)
    org = root / "plans" / "thcs-nbk-2024" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "parent: UBND thành phố Buôn Ma Thuột", "parent: Trung Tâm Hỗ Trợ Phát Triển Doanh Nghiệp Vừa Và Nhỏ"),
        encoding="utf-8")
    monkeypatch.chdir(root)
    result = run("build", "plans/thcs-nbk-2024")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "plans/thcs-nbk-2024/organisation.yaml:2:9: parent: tên “Trung Tâm Hỗ Trợ Phát Triển Doanh Nghiệp"
        " Vừa Và Nhỏ” in hoa rộng 13,88 cm, không ngắt được giữa các phần của tên thành những dòng vừa ô"
        " tên cơ quan ở tiêu đề (7,10 cm); hãy ghi parent thành danh sách các dòng, ví dụ parent: [Ủy ban"
        " nhân dân, thành phố Buôn Ma Thuột]",
    ]


def test_parent_given_as_lines(tmp_path, monkeypatch):
    from docx import Document

    root = _workspace(tmp_path)
    org = root / "plans" / "thcs-nbk-2024" / "organisation.yaml"
    org.write_text(org.read_text(encoding="utf-8").replace(
        "parent: UBND thành phố Buôn Ma Thuột", "parent: [Ủy ban nhân dân, thành phố Buôn Ma Thuột]"),
        encoding="utf-8")
    monkeypatch.chdir(root)
    assert run("build", "plans/thcs-nbk-2024").exit_code == 0
    doc = Document(str(root / "build" / "thcs-nbk-2024" / "ke-hoach.docx"))
    cell = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in cell.paragraphs][:2] == ["ỦY BAN NHÂN DÂN\nTHÀNH PHỐ BUÔN MA THUỘT",
                                                      "TRƯỜNG TRUNG HỌC CƠ SỞ\nNGUYỄN BỈNH KHIÊM"]


def test_header_room_is_the_templates_cell():
    from docx import Document

    for template in sorted((ROOT / "templates").glob("*.docx")):
        table = Document(str(template)).tables[0]._tbl
        grid = int(table.tblGrid.gridCol_lst[0].w.twips)
        pad = table.xpath("./w:tblPr/w:tblCellMar/w:left/@w:w")
        assert grid - 2 * int(pad[0]) == HEADER_ROOM, template.name


@pytest.mark.parametrize(("name", "bold", "kept", "lines"), [
    ("UBND thành phố Buôn Ma Thuột", False, ("Buôn Ma Thuột",), ("UBND", "THÀNH PHỐ BUÔN MA THUỘT")),
    ("Ủy ban nhân dân huyện Yên Khánh", True, (), ("ỦY BAN NHÂN DÂN", "HUYỆN YÊN KHÁNH")),
    ("Sở Tài nguyên và Môi trường", False, (), ("SỞ TÀI NGUYÊN", "VÀ MÔI TRƯỜNG")),
    ("Sở Lao động - Thương binh và Xã hội", False, (), ("SỞ LAO ĐỘNG -", "THƯƠNG BINH VÀ XÃ HỘI")),
    ("Phòng Giáo dục nghề nghiệp", True, (), ("PHÒNG GIÁO DỤC", "NGHỀ NGHIỆP")),
    ("UBND tỉnh Bà Rịa - Vũng Tàu", False, (), ("UBND TỈNH BÀ RỊA - VŨNG TÀU",)),
    ("Trung Tâm Hỗ Trợ Phát Triển Doanh Nghiệp Vừa Và Nhỏ", True, (), None),
    # docgen's own lines when the name's units alone do not fit (issue 11, snn-hue-2024): between
    # words, never inside one ("PHÒNG" / "HỘ", "BẢO" / "TỒN"), the organ and its work first.
    ("Ban Quản lý rừng phòng hộ Bắc Hải Vân và Khu bảo tồn thiên nhiên Sao La", True, (),
     ("BAN QUẢN LÝ RỪNG", "PHÒNG HỘ BẮC HẢI VÂN", "VÀ KHU BẢO TỒN", "THIÊN NHIÊN SAO LA")),
    ("Ban Quản lý rừng phòng hộ đầu nguồn sông Hương", True, (),
     ("BAN QUẢN LÝ", "RỪNG PHÒNG HỘ", "ĐẦU NGUỒN SÔNG HƯƠNG")),
    ("Trung tâm Nước sạch và Vệ sinh môi trường nông thôn", True, (),
     ("TRUNG TÂM", "NƯỚC SẠCH VÀ VỆ SINH", "MÔI TRƯỜNG NÔNG THÔN")),
    ("Ủy ban nhân dân xã Quảng Thành huyện Quảng Điền tỉnh Thừa Thiên Huế", True, (),
     ("ỦY BAN NHÂN DÂN", "XÃ QUẢNG THÀNH", "HUYỆN QUẢNG ĐIỀN", "TỈNH THỪA THIÊN HUẾ")),
])
def test_split(name, bold, kept, lines):
    assert split(name, bold=bold, kept=kept) == lines


def test_no_break_inside_a_fixed_name():
    assert candidates("Văn phòng Đăng ký đất đai tỉnh Bà Rịa - Vũng Tàu", ("Bà Rịa - Vũng Tàu",)) == (2, 6, 7)
    # A place named by its two towns is one name, listed or not: no break at its dash.
    assert candidates("Ủy ban nhân dân thành phố Phan Rang - Tháp Chàm") == (4, 6)
    assert 3 not in candidates("UBND thành phố Buôn Ma Thuột", ("Thành phố Buôn",))


def test_docgen_s_own_breaks_keep_words_and_ủy_ban_nhân_dân_whole():
    """The breaks docgen may guess (issue 11): between words, never "ỦY BAN" / "NHÂN DÂN", "RỪNG
    PHÒNG" / "HỘ", "KHU BẢO" / "TỒN", "QUẢN" / "LÝ", nor inside a proper name ("SAO" / "LA")."""
    assert candidates("Ủy ban nhân dân xã Quảng Thành huyện Quảng Điền", pairs=True) == (4, 5, 7, 8)
    name = "Ban Quản lý rừng phòng hộ Bắc Hải Vân và Khu bảo tồn thiên nhiên Sao La"
    assert [name.split(" ")[i] for i in candidates(name, pairs=True)] == [
        "Quản", "rừng", "phòng", "Bắc", "và", "Khu", "bảo", "thiên", "Sao"]


def _unit_parent(root: Path, parent: str) -> Path:
    """The clerk's brvt-tnmt-2024 workspace under `root` with its first unit's parent `parent`."""
    root = _workspace(root)
    units = root / "plans" / "brvt-tnmt-2024" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "    parent: Sở Tài nguyên và Môi trường\n", f"    parent: {parent}\n", 1), encoding="utf-8")
    return root


def test_a_units_parent_is_measured_as_the_issuers_is(tmp_path, monkeypatch):
    """units.yaml's `parent` (the line above the unit's name in its form's header) goes through
    the same check as the issuer's: one with no break that fits is refused at its file:line:col."""
    monkeypatch.chdir(_unit_parent(tmp_path, "Trung Tâm Hỗ Trợ Phát Triển Doanh Nghiệp Vừa Và Nhỏ"))
    result = run("build", "plans/brvt-tnmt-2024")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "plans/brvt-tnmt-2024/units.yaml:10:13: units[0].parent: tên “Trung Tâm Hỗ Trợ Phát Triển Doanh"
        " Nghiệp Vừa Và Nhỏ” in hoa rộng 13,88 cm, không ngắt được giữa các phần của tên thành những dòng"
        " vừa ô tên cơ quan ở tiêu đề (7,10 cm); hãy ghi parent thành danh sách các dòng, ví dụ parent: [Ủy"
        " ban nhân dân, thành phố Buôn Ma Thuột]",
    ]
    assert not (tmp_path / "build").exists()


def test_a_units_long_parent_breaks_between_its_units_in_the_forms_header(tmp_path, monkeypatch):
    from docx import Document

    monkeypatch.chdir(_unit_parent(tmp_path, "Sở Tài nguyên và Môi trường tỉnh Bà Rịa - Vũng Tàu"))
    assert run("build", "plans/brvt-tnmt-2024").exit_code == 0
    doc = Document(str(tmp_path / "build" / "brvt-tnmt-2024" / "bieu-mau" / "van_phong.docx"))
    cell = doc.tables[0].rows[0].cells[0]
    # Broken between its units, the place with its dash whole, each line inside the cell.
    assert cell.paragraphs[0].text == "SỞ TÀI NGUYÊN\nVÀ MÔI TRƯỜNG\nTỈNH BÀ RỊA - VŨNG TÀU"
