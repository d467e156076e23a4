"""The built Kế hoạch read back: its text against the seed, its layout against Decree 30."""

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docxread import collapse, read

DATA = Path(__file__).parent / "data"
SHARED_EXPECTED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "ke-hoach-expected.txt"
EXPECTED = (DATA / "ke-hoach-expected.txt").read_text(encoding="utf-8").splitlines()
# The seed is the draft, its number and day left for the văn thư; the example's plan.yaml gives the
# number and day it was issued with (numbered outside docgen), which every document cites.
ISSUED = {"Số: /KH-LĐTBXH": "Số: 125/KH-LĐTBXH",
          "Ninh Bình, ngày tháng 9 năm 2021": "Ninh Bình, ngày 15 tháng 9 năm 2021"}


def test_expected_copy_matches_shared_seed():
    if not SHARED_EXPECTED.exists():
        pytest.skip("shared/seed không có bên cạnh kho mã")
    assert SHARED_EXPECTED.read_text(encoding="utf-8").splitlines() == EXPECTED


def test_header_lines_match_seed(built):
    doc = read(built)
    assert {collapse(p.text) for p in doc.header} == {ISSUED.get(line, line) for line in EXPECTED[:6]}
    assert len(doc.header) == 6


def test_body_matches_seed_paragraph_by_paragraph(built):
    doc = read(built)
    got = [collapse(p.text) for p in doc.body]
    got += [collapse(p.text) for p in doc.recipients + doc.signature]
    assert got == EXPECTED[6:]


def test_header_formatting(built):
    doc = read(built)
    parent = doc.fmt(doc.find("UBND TỈNH NINH BÌNH"))
    assert (parent.size, parent.bold, parent.italic, parent.align) == (13, False, False, "CENTER")
    agency = doc.fmt(doc.find("SỞ LAO ĐỘNG"))
    assert (agency.size, agency.bold, agency.align) == (13, True, "CENTER")
    nation = doc.fmt(doc.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    assert (nation.size, nation.bold, nation.italic) == (12, True, False)
    motto = doc.fmt(doc.find("Độc lập - Tự do - Hạnh phúc"))
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert (motto.size, motto.bold, motto.italic) == (13, True, False)
    number = doc.find("Số:")
    assert number.text == "Số: 125/KH-LĐTBXH"  # numbered outside docgen: plan.yaml gives it
    assert (doc.fmt(number).size, doc.fmt(number).bold) == (13, False)
    date = doc.find("Ninh Bình, ngày")
    assert date.text == "Ninh Bình, ngày 15 tháng 9 năm 2021"
    # 13 pt: the pairing 12/13/13 with the Quốc hiệu (Phụ lục I footnote).
    assert (doc.fmt(date).size, doc.fmt(date).italic, doc.fmt(date).bold) == (13, True, False)


def _line_after(paragraph) -> bool:
    """The next paragraph draws a solid top border: the decree's line under a header item."""
    nxt = paragraph._p.getnext()
    border = nxt.find(f"{qn('w:pPr')}") if nxt is not None else None
    style = nxt.find(f"{qn('w:pPr')}/{qn('w:pStyle')}") if nxt is not None else None
    return border is not None and style is not None and style.get(qn("w:val")) == "DuongKe"


def test_lines_under_agency_motto_and_subject(built):
    doc = read(built)
    for start in ("SỞ LAO ĐỘNG", "Độc lập - Tự do - Hạnh phúc", "Phát động phong trào"):
        assert _line_after(doc.find(start)), start
    styles = docx.Document(str(built)).styles
    border = styles["ND30 Đường kẻ"].element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}")
    assert border.get(qn("w:val")) == "single"


def test_title_and_subject(built):
    doc = read(built)
    title = doc.fmt(doc.find("KẾ HOẠCH"))
    assert (title.text, title.size, title.bold, title.align) == ("KẾ HOẠCH", 14, True, "CENTER")
    subject = doc.fmt(doc.find("Phát động phong trào thi đua"))
    assert (subject.size, subject.bold, subject.align) == (14, True, "CENTER")


def test_body_paragraphs_follow_decree(built):
    doc = read(built)
    body = [doc.fmt(p) for p in doc.body[2:]]  # after title and subject
    assert len(body) == len(EXPECTED) - 6 - 2 - 9
    for f in body:
        assert f.font == "Times New Roman", f.text
        assert 13 <= f.size <= 14, f.text
        assert f.align == "JUSTIFY", f.text
        assert f.first_line_cm in (1.0, 1.27), f.text
        assert f.space_after_pt >= 6, f.text
        assert 1.0 <= f.line_spacing <= 1.5, f.text
    plain = [f for f in body if f.style in ("ND30 Nội dung", "ND30 Gạch đầu dòng", "ND30 Đoạn có số")]
    assert plain and all(not f.bold and not f.italic for f in plain)


def test_heading_levels_are_styled_per_level(built):
    doc = read(built)
    assert doc.fmt(doc.find("I. MỤC ĐÍCH, YÊU CẦU")).style == "ND30 Mục I"
    assert doc.fmt(doc.find("I. MỤC ĐÍCH, YÊU CẦU")).bold
    assert doc.fmt(doc.find("1. Mục đích")).style == "ND30 Mục 1"
    assert doc.fmt(doc.find("2.1. Thực hiện tốt")).style == "ND30 Mục 1.1"
    assert doc.fmt(doc.find("a) Công tác đào tạo nghề")).style == "ND30 Điểm a"
    assert doc.fmt(doc.find("b) Thực hiện đầy đủ")).style == "ND30 Đoạn có số"
    assert doc.fmt(doc.find("- Sở Nội vụ;")).style == "ND30 Nơi nhận - mục"


def test_italic_parenthetical_as_in_seed(built):
    paragraph = read(built).find("2.7.")
    italic = [r.text for r in paragraph.runs if r.italic]
    assert italic == [
        "năm 2021, phấn đấu xếp thứ hạng trong top 35 cả nước, năm 2025 xếp thứ hạng trong top"
        " 20 của cả nước"
    ]
    assert collapse(paragraph.text).endswith("(năm 2021, phấn đấu xếp thứ hạng trong top 35 cả"
                                             " nước, năm 2025 xếp thứ hạng trong top 20 của cả"
                                             " nước).")


def test_recipients_and_signature(built):
    doc = read(built)
    label = doc.fmt(doc.recipients[0])
    assert (label.text, label.size, label.bold, label.italic) == ("Nơi nhận:", 12, True, True)
    items = [doc.fmt(p) for p in doc.recipients[1:]]
    assert all(f.size == 11 and not f.bold and not f.italic for f in items)
    assert all(f.text.startswith("- ") and f.text.endswith(";") for f in items[:-1])
    assert items[-1].text == "- Lưu: VT, VP."
    title, name = (doc.fmt(p) for p in doc.signature)
    assert (title.text, title.bold, title.size) == ("GIÁM ĐỐC", True, 14)
    assert (name.text, name.bold, name.size) == ("Lâm Xuân Phương", True, 14)


def test_page_size_and_margins(built):
    for section in docx.Document(str(built)).sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert 20 <= section.top_margin.mm <= 25
        assert 20 <= section.bottom_margin.mm <= 25
        assert 30 <= section.left_margin.mm <= 35
        assert 15 <= section.right_margin.mm <= 20


def test_page_number_in_header_not_on_first_page(built):
    section = docx.Document(str(built)).sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]
    assert " PAGE " in "".join(t.text for t in header._p.iter(qn("w:instrText")))
    assert (header.alignment or header.style.paragraph_format.alignment).name == "CENTER"
    size = header.style.font.size
    assert 13 <= size.pt <= 14


def test_every_run_is_times_new_roman_black(built):
    document = docx.Document(str(built))
    styles = document.styles.element
    fonts = styles.find(f"{qn('w:docDefaults')}//{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:hAnsi")) == "Times New Roman"
    assert styles.find(f"{qn('w:docDefaults')}//{qn('w:color')}").get(qn("w:val")) == "000000"
    body = document.element.body
    assert not list(body.iter(qn("w:rFonts"))), "no run overrides the font"
    assert not list(body.iter(qn("w:color"))), "no run overrides the colour"


def test_document_properties_are_dated_from_the_plan(built):
    props = docx.Document(str(built)).core_properties
    assert props.created.year == 2021 and props.created.month == 9
    assert props.modified == props.created
    assert props.author == "Sở Lao động - Thương binh và Xã hội"
