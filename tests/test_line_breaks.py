"""No line break inside a document's symbol, a range of numbers or a place name (issue 11, "line
breaks"), read back from the laid-out PDFs of every shipped example and from their .docx text."""

import re
from pathlib import Path

import docx
import pytest
from conftest import ROOT, _need, copy_examples, run
from pdfpages import pages
from pdfspaces import all_lines, justified_lines

from docgen.render.layout import no_break_in_ranges
from docgen.vn.text import keep_names, place_spaces

FOLDERS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())
NBH = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
# A line ending inside a symbol ("số 125/KH-" / "LĐTBXH", "28/2020/" / "TT-BGDĐT").
SYMBOL_CUT = re.compile(r"[0-9]/(?:[0-9]{4}/)?(?:[A-ZĐ][A-Za-zĐđ]*-)?$|[0-9]/[0-9]{4}/$")
# A line ending inside a range ("năm học 2023 -" / "2024", "28% -" / "32%", "(2021-" / "2025)").
RANGE_CUT = re.compile(r"[0-9]%? ?[-–]$")
# A line ending inside a place name after its level ("huyện Nho" / "Quan").
PLACE_CUT = re.compile(r"(?:^|\s)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) \w+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every shipped example built with its PDFs, as the README's build does."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("breaks")
    copy_examples(root)
    for folder in FOLDERS:
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
        assert "ND30-" not in result.output  # lint and lint --pages clean, as build runs them
    return root / "build"


def _cuts(built: Path, pattern: re.Pattern[str], next_line: str = "") -> list[tuple[str, str, str]]:
    out = []
    for pdf in sorted(built.rglob("*.pdf")):
        lines = [line for page in pages(pdf) for line in page]
        for line, after in zip(lines, lines[1:], strict=False):
            if pattern.search(line) and re.match(next_line, after):
                out.append((pdf.name, line[-40:], after[:20]))
    return out


def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [p.text for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_a_symbol_never_breaks_and_reads_back_as_typed(built):
    assert _cuts(built, SYMBOL_CUT) == []
    report = built / "ninh-binh-2021" / "bao-cao-tong-hop.pdf"
    text = "\n".join(line for page in pages(report) for line in page)
    assert "Kế hoạch số\n125/KH-LĐTBXH ngày 15 tháng 9 năm 2021" in text  # the break before it
    assert "125/KH-LĐTBXH" in _docx_text(report.with_suffix(".docx"))
    decision = built / "thi-dua-truong-tieu-hoc" / "quyet-dinh" / "du-thao-giay-khen-cua-hieu-truong.pdf"
    text = "\n".join(line for page in pages(decision) for line in page)
    assert "28/2020/TT-BGDĐT" in text
    assert "Thông tư số 28/2020/TT-BGDĐT" in _docx_text(decision.with_suffix(".docx"))


def test_the_line_before_a_symbol_is_not_stretched(built):
    """The name opening the sentence is left breakable (it never meets the line's end): its
    spaces widen with the others, 0.51 of the text's height instead of 0.69 with them fixed."""
    for report in ("bao-cao-tong-hop.pdf", "bao-cao-tong-hop-2022.pdf"):
        line = next(x for x in justified_lines(built / "ninh-binh-2021" / report) if x.text.endswith("Kế hoạch số"))
        assert line.space < 0.55, (report, line)


@pytest.mark.parametrize(("document", "opening"), [
    ("ninh-binh-2021/to-trinh/du-thao-de-nghi-khen-thuong.pdf", "Sở Lao động - Thương binh và Xã hội kính trình"),
    ("ninh-binh-2021/bieu-mau/nho_quan.pdf", "Báo cáo gửi về Sở Lao động - Thương binh và Xã hội"),
    ("ninh-binh-2021/bao-cao-tong-hop.pdf", "Sở Lao động - Thương binh và Xã hội đã ban hành"),
    ("to-trinh-truong-tieu-hoc/to-trinh.pdf", "Trường Tiểu học Khánh Hòa kính trình"),  # typed by the clerk
])
def test_a_name_opening_a_paragraph_widens_with_its_line(built, document, opening):
    """The tờ trình's closing line, the biểu mẫu's "Báo cáo gửi về …": the issuer's name near
    the start of a paragraph never meets the line's end, so its spaces are left to widen with the
    line's others instead of staying narrow while those stretch (a line a văn thư sees loose)."""
    words = opening.split(" ")
    line = next(x for x in all_lines(built / document) if x[1][:len(words)] == words)
    gaps = line[2][:len(words) - 1]
    assert max(gaps) - min(gaps) < 0.03, (line[1], [round(g, 2) for g in line[2]])


def test_a_range_never_breaks_and_keeps_its_spaces(built):
    assert _cuts(built, RANGE_CUT) == []
    to_trinh = built / "to-trinh-truong-tieu-hoc" / "to-trinh.docx"
    text = _docx_text(to_trinh)
    assert "năm học 2023\u00a0-\u00a02024 cho:" in text  # as typed, its spaces made no-break
    laid = "\n".join(line for page in pages(to_trinh.with_suffix(".pdf")) for line in page)
    assert re.search(r"năm học\s+2023 - 2024 cho:", laid)  # pdftotext reads U+00A0 as a space
    plan = "\n".join(line for page in pages(built / "ninh-binh-2021" / "ke-hoach.pdf") for line in page)
    assert re.search(r"chứng chỉ đạt từ\s+28% - 32%", plan)


def test_a_place_name_stays_whole_in_list_cells(built):
    assert _cuts(built, PLACE_CUT, r"[A-ZĐ]") == []
    bundle = "\n".join(line for page in pages(built / "ninh-binh-2021" / "quyet-dinh" / "tat-ca.pdf") for line in page)
    assert re.search(r"huyện\s+Nho Quan", bundle) and re.search(r"thành phố\s+Tam Điệp", bundle)


def test_no_break_in_ranges_and_symbols_in_the_xml():
    def laid(text: str) -> str:
        return no_break_in_ranges(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>')[31:-12]

    assert laid("giai đoạn 2021-2025, mã 12-34") == f"giai đoạn 2021{NBH}2025, mã 12{NBH}34"
    assert laid("năm 2021 - 2025, 28% – 32%") == f"năm 2021\u00a0{NBH}\u00a02025, 28%\u00a0–\u00a032%"
    assert laid("số 125/KH-LĐTBXH, 20/2023/QĐ-TTg") == f"số 125/KH{NBH}LĐTBXH, 20/2023/QĐ{NBH}TTg"
    assert laid("Số:      /QĐ-LĐTBXH") == f"Số:      /QĐ{NBH}LĐTBXH"
    # Not a range or a symbol: a name's dash, a letter on either side, a one-sided space.
    for text in ("Lao động - Thương binh", "QĐ-2", "1.2-3a", "2021 -2025", "15/16 đơn vị", "A/B-C"):
        assert laid(text) == text


def test_place_spaces_follow_the_level_words():
    assert keep_names("Phòng Lao động - Thương binh và Xã hội huyện Nho Quan", ()) == \
        "Phòng Lao động - Thương binh và Xã hội huyện Nho\u00a0Quan"
    assert keep_names("thành phố Tam Điệp, tỉnh Ninh Bình", ()) == "thành phố Tam\u00a0Điệp, tỉnh Ninh\u00a0Bình"
    assert keep_names("HUYỆN NHO QUAN", ()) == "HUYỆN NHO\u00a0QUAN"
    assert place_spaces("Bộ Lao động - Thương binh và Xã hội Việt Nam") == []  # "Xã hội": no place
    assert place_spaces("xã Ninh Hải và huyện Kim Sơn") == [7, 24]


def test_a_name_opening_a_paragraph_is_left_free():
    names = ("Trường Tiểu học Khánh Hòa", "Phòng Giáo dục và Đào tạo")
    text = "Trường Tiểu học Khánh Hòa kính trình Phòng Giáo dục và Đào tạo huyện xem xét, quyết định./."
    assert keep_names(text, names, opening=40) == text.replace("Phòng Giáo dục và Đào tạo",
                                                               "Phòng\u00a0Giáo\u00a0dục và Đào\u00a0tạo")
    assert keep_names(text, names).startswith("Trường\u00a0Tiểu\u00a0học Khánh\u00a0Hòa kính")


def test_a_unit_form_keeps_its_units_name_and_its_deadline_in_their_units(built):
    """The form's opening names the unit, its closing the deadline: both glued as names are (the
    unit's name in its units, the date's number with its word), so no form line ends inside a word
    of two syllables of the name ("Sở Giao" / "thông") nor with a date's word before its number."""
    text = _docx_text(built / "ninh-binh-2021" / "bieu-mau" / "nho_quan.docx")
    assert "Phòng Lao\u00a0động\u00a0- Thương\u00a0binh và Xã\u00a0hội báo cáo kết quả" in text
    assert "trước ngày\u00a015 tháng\u00a012 năm\u00a02021./." in text
    forms = sorted(built.glob("*/bieu-mau/*.pdf"))
    assert len(forms) > 10
    for pdf in forms:
        lines = [line for page in pages(pdf) for line in page]
        cut = [(a, b) for a, b in zip(lines, lines[1:], strict=False)
               if re.search(r"(?:ngày|tháng|tháng \d{1,2} năm)$", a) and re.match(r"\d", b)]
        assert cut == [], pdf
