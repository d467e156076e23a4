"""A title of several lines (trích yếu, the plan's and report's title, a list's title and its
"(Kèm theo …)") breaks as a văn thư breaks it (issue 11, fresh users' finding "… cho các tập thể
và cá / nhân …"): as many lines as Word would make, of about equal width, each ending at a phrase
joint, a date kept whole; read back from the laid-out PDFs of shipped examples."""

from pathlib import Path

import pytest
from conftest import _need, copy_examples, run
from pdfpages import pages

from docgen.render.layout import TITLE_FILL, balance_titles, text_width
from docgen.vn.titles import NEVER_LAST, balanced_breaks, joint

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
    assert joint("khen", "của") == "phrase" and joint("chung", "sức") == "word"


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
        "viên chức, người lao động Ngành Lao động - Thương binh",
        "và Xã hội quyết tâm thực hiện thắng lợi nhiệm vụ phát triển",
        "kinh tế - xã hội hằng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết",
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

