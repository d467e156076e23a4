"""A title of several lines (trích yếu, the plan's and report's title, a list's title and its
"(Kèm theo …)") breaks as a văn thư breaks it (issue 11, fresh users' finding "… cho các tập thể
và cá / nhân …"): as many lines as Word would make, of about equal width, each ending at a phrase
joint, a date kept whole; read back from the laid-out PDFs of shipped examples."""

import re
from pathlib import Path

import pytest
from conftest import _need, copy_examples, run
from pdfpages import pages

from docgen.render.layout import TITLE_FILL, balance_titles, text_width
from docgen.vn.titles import NEVER_LAST, balanced_breaks, inside_word, joint, keep_title

TEXT_WIDTH = 11906 - 1701 - 851  # A4 less the 30 mm and 15 mm margins, twips (16.5 cm)
KINDS = ("KẾ HOẠCH", "BÁO CÁO", "TỜ TRÌNH", "QUYẾT ĐỊNH", "DANH SÁCH")


def _lines(text: str, width: float = TEXT_WIDTH) -> list[str]:
    words = text.split(" ")
    space = text_width(" ", 14, "bold")
    breaks = balanced_breaks(words, [text_width(w, 14, "bold") for w in words], [space] * (len(words) - 1),
                             width, width * TITLE_FILL)
    out, start = [], 0
    for b in [*breaks, len(words) - 1]:
        out.append(" ".join(words[start:b + 1]))
        start = b + 1
    return out


def test_breaks_are_balanced_and_at_phrase_joints():
    assert _lines("Về việc tặng Giấy khen của Giám đốc Sở") == ["Về việc tặng Giấy khen của Giám đốc Sở"]
    assert _lines("Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh, Bằng khen của Chủ tịch"
                  " Ủy ban nhân dân tỉnh năm 2021") == [
        "Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh,",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2021"]
    # A date stays whole, a blank for the văn thư included; the line ends before "của".
    assert _lines("(Kèm theo Quyết định số /QĐ-UBND ngày      tháng 6 năm 2025 của Chủ tịch Ủy ban"
                  " nhân dân huyện Thạch Thành)".replace("ngày      tháng", "ngày\u00a0\u00a0\u00a0tháng")) == [
        "(Kèm theo Quyết định số /QĐ-UBND ngày\u00a0\u00a0\u00a0tháng 6 năm 2025",
        "của Chủ tịch Ủy ban nhân dân huyện Thạch Thành)"]


def test_joints_a_line_never_ends_or_starts_with():
    assert joint("của", "Ủy") == joint("lần thứ", "XXII”") == joint("tế", "-") == "never"
    assert joint("6", "năm", "tháng") == joint("5", "năm", "hoạch") == "never"  # a date, "5 năm"
    assert joint("tỉnh,", "Bằng") == joint("đua", "“Dạy") == "clause"
    assert joint("khen", "của") == "phrase" and joint("sức", "xây") == "word"


def test_the_fewest_lines_as_the_renderer_would_make():
    """Balancing never adds a line: a title of 4 full lines stays 4 lines."""
    title = ("Phát động phong trào thi đua “Cán bộ, công chức, viên chức, người lao động Ngành Lao động -"
             " Thương binh và Xã hội quyết tâm thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội"
             " hằng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại hội đại biểu Đảng bộ tỉnh"
             " Ninh Bình lần thứ XXII")
    assert len(_lines(title)) == 4


def test_the_xml_keeps_the_chosen_breaks_only():
    xml = ('<w:body><w:p><w:pPr><w:pStyle w:val="TrichYeu"/></w:pPr><w:r><w:t xml:space="preserve">'
           "Phát động phong trào thi đua “Yên Khánh chung sức xây dựng nông thôn mới nâng cao” năm 2024"
           '</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134"'
           ' w:right="851" w:bottom="1134" w:left="1701"/></w:sectPr></w:body>')
    laid = balance_titles(xml)
    text = laid.split('preserve">')[1].split("</w:t>")[0]
    assert text.count(" ") == 1  # one line break left, every other space no-break
    assert text.replace("\u00a0", " ") == ("Phát động phong trào thi đua “Yên Khánh chung sức xây dựng nông"
                                           " thôn mới nâng cao” năm 2024")
    assert balance_titles(laid) == laid  # laid out twice: the same


def _cell_lines(subject: str, names: tuple[str, ...] = ()) -> list[str]:
    """A công văn's V/v laid out in the header's left cell (4139 twips less the table's 57-twip
    cell margins), as the template writes it: the lines balance_titles leaves breakable."""
    xml = ('<w:body><w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblCellMar><w:left w:w="57" w:type="dxa"/>'
           '<w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tr><w:tc><w:tcPr><w:tcW w:w="4139"'
           ' w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="VeViec"/></w:pPr><w:r><w:t xml:space="preserve">'
           + keep_title("V/v " + subject, names)
           + '</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar'
           ' w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/></w:sectPr></w:body>')
    laid = balance_titles(xml)
    text = re.sub(r"<[^>]+>", "", laid.replace("<w:noBreakHyphen/>", "-")).replace("\u2060", "")
    return [line.replace("\u00a0", " ") for line in text.split(" ")]


def test_a_cong_van_s_v_v_is_balanced_in_its_header_cell():
    """The V/v under the number (issue 11, fresh users): balanced to its cell as the decision's
    trích yếu is to the page, a year never alone on the last line ("… năm" / "2024"), a word
    never split ("Liên" / "đoàn", "y" / "tế"), an organ's name and its place whole."""
    assert _cell_lines("hướng dẫn bình xét thi đua, khen thưởng năm 2024 và giai đoạn 2021-2025") == [
        "V/v hướng dẫn bình xét thi đua,", "khen thưởng năm 2024", "và giai đoạn 2021-2025"]
    assert _cell_lines("đề nghị xét tặng Bằng khen của Ban Chấp hành Liên đoàn Lao động tỉnh năm 2024") == [
        "V/v đề nghị xét tặng Bằng khen", "của Ban Chấp hành Liên đoàn", "Lao động tỉnh năm 2024"]
    assert _cell_lines("Đăng ký danh hiệu thi đua và hình thức khen thưởng năm 2024 của Sở Tài nguyên và Môi"
                       " trường tỉnh Bà Rịa - Vũng Tàu", ("Bà Rịa - Vũng Tàu", "Tài nguyên và Môi trường")) == [
        "V/v Đăng ký danh hiệu thi đua", "và hình thức khen thưởng năm 2024", "của Sở Tài nguyên và Môi trường",
        "tỉnh Bà Rịa - Vũng Tàu"]
    assert _cell_lines("đăng ký danh hiệu thi đua, hình thức khen thưởng năm 2024 của các đơn vị y tế trên địa"
                       " bàn tỉnh Bà Rịa - Vũng Tàu") == [
        "V/v đăng ký danh hiệu thi đua, hình thức", "khen thưởng năm 2024 của các đơn vị",
        "y tế trên địa bàn tỉnh Bà Rịa - Vũng Tàu"]


def test_a_title_never_splits_a_word_nor_ủy_ban_nhân_dân():
    """A tờ trình's trích yếu (snn-hue-2024's, issue 11): "Chủ tịch Ủy ban" / "nhân dân tỉnh" was
    on the page; a word no list knows stays whole when a name writes it ("Liên" / "đoàn")."""
    assert _lines(keep_title("Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho các tập thể,"
                             " cá nhân có thành tích xuất sắc trong xây dựng nông thôn mới giai đoạn 2021-2025", ())
                  ) == ["Về việc đề\u00a0nghị tặng Bằng\u00a0khen của Chủ\u00a0tịch Ủy\u00a0ban nhân\u00a0dân tỉnh",
                        "cho các tập\u00a0thể, cá\u00a0nhân có thành tích xuất\u00a0sắc",
                        "trong xây\u00a0dựng nông\u00a0thôn mới giai\u00a0đoạn 2021-2025"]
    assert joint("Ủy\u00a0ban", "nhân\u00a0dân") == joint("Hội\u00a0đồng", "nhân\u00a0dân") == "never"
    assert joint("Liên", "đoàn") == joint("phòng", "hộ") == joint("bảo", "tồn") == "never"
    assert inside_word("Quản", "lý") and inside_word("Chấp", "hành") and not inside_word("Huế", "trong")
    assert not inside_word("Sở", "Tài") and not inside_word("Ban", "quản") and not inside_word("Bà", "trưởng")
    assert joint("Tài\u00a0nguyên", "và", "Sở", "Môi\u00a0trường") == "word"  # inside "Tài nguyên và Môi trường"
    assert joint("thưởng", "và", "khen", "Ủy\u00a0ban") == "phrase"
    assert joint("của", "Sở") == "never" and joint("Sở", "tỉnh", "", "Bà\u00a0Rịa") == "phrase"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    _need("soffice", "pdftotext")
    root = copy_examples(tmp_path_factory.mktemp("titles"))
    for folder in ("ninh-binh-2021", "thi-dua-ubnd-huyen"):
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
        assert "ND30-" not in result.output  # lint and lint --pages clean
    return root / "build"


def _title(pdf: Path, kind: str) -> list[str]:
    """The lines under the kind's name, up to "Kính gửi", the issuer's authority or the body."""
    lines = [line for page in pages(pdf) for line in page]
    start = lines.index(kind) + 1
    out = []
    for line in lines[start:]:
        if line.startswith(("Kính gửi", "Thực hiện", "Căn cứ", "STT", "GIÁM ĐỐC", "CHỦ TỊCH")) or line.isupper():
            break
        out.append(line)
    return out


@pytest.mark.parametrize(("document", "kind", "expected"), [
    ("thi-dua-ubnd-huyen/ke-hoach.pdf", "KẾ HOẠCH", [
        "Phát động phong trào thi đua “Yên Khánh chung sức",
        "xây dựng nông thôn mới nâng cao” năm 2024"]),
    ("ninh-binh-2021/bao-cao-tong-hop.pdf", "BÁO CÁO", [
        "Kết quả thực hiện phong trào thi đua “Cán bộ, công chức,",
        # The organ's name whole ("… Thương binh" / "và Xã hội" before issue 11's V/v work).
        "viên chức, người lao động Ngành Lao động - Thương binh và Xã hội",
        "quyết tâm thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội",
        "hằng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết",
        "Đại hội đại biểu Đảng bộ tỉnh Ninh Bình lần thứ XXII” năm 2021"]),
    ("ninh-binh-2021/to-trinh/du-thao-de-nghi-khen-thuong.pdf", "TỜ TRÌNH", [
        "Về việc đề nghị tặng Cờ thi đua của Ủy ban nhân dân tỉnh,",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2021"]),
    # The list's title keeps its recipient whole (issue 11: "… Chủ tịch Ủy ban nhân dân" / "tỉnh
    # Bà Rịa - Vũng Tàu …" in a Sở Y tế's tờ trình).
    ("ninh-binh-2021/to-trinh/du-thao-de-nghi-khen-thuong.pdf", "DANH SÁCH", [
        "Tập thể, cá nhân đề nghị",
        "Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình tặng thưởng năm 2021",
        "(Kèm theo Tờ trình số /TTr-LĐTBXH ngày tháng 12 năm 2021",
        "của Sở Lao động - Thương binh và Xã hội)"]),
])
def test_titles_on_the_page_break_at_phrase_joints(built, document, kind, expected):
    assert [" ".join(line.split()) for line in _title(built / document, kind)] == expected


def test_no_title_line_ends_on_a_word_that_waits_for_the_next(built):
    checked = 0
    for pdf in sorted(built.rglob("*.pdf")):
        lines = [line for page in pages(pdf) for line in page]
        for kind in KINDS:
            if kind not in lines:
                continue
            title = _title(pdf, kind)
            for line in title[:-1]:
                assert line.split()[-1] not in NEVER_LAST, (pdf.name, title)
            assert not any(line.startswith(("-", "–")) for line in title), (pdf.name, title)
            checked += 1
    assert checked >= 20

