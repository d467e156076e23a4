"""layout.share_spaces on the XML: a justified body line the layout would stretch (its next run
does not fit at its end) gives its no-break spaces back to the line and lets its letters take a
little of the width; the text, its order and every other line stay as they were (issue 11)."""

import random
import re

from docgen.render import layout
from docgen.render.layout import TRACK, justified_styles, share_spaces

STYLES = ('<w:styles><w:style w:type="paragraph" w:customStyle="1" w:styleId="NoiDung"><w:name w:val="ND30 Nội'
          ' dung"/><w:pPr><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr><w:sz w:val="28"/>'
          '</w:rPr></w:style></w:styles>')
SECTION = ('<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134"'
           ' w:left="1701"/></w:sectPr>')
# The district's Điều 3, as keep_names glues it: "Trưởng phòng Tài chính" does not fit at the end
# of the line "Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ,".
DIEU_3 = ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn\u00a0phòng Hội\u00a0đồng nhân dân và"
          " Ủy\u00a0ban nhân dân huyện, Trưởng\u00a0phòng Nội vụ, Trưởng\u00a0phòng Tài chính - Kế hoạch và các tập"
          " thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")


def _body(text: str, where: str = "{}") -> str:
    para = f'<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    return f"<w:body>{where.format(para)}{SECTION}</w:body>"


def _runs(xml: str) -> list[tuple[str, str]]:
    """(w:spacing value or "", text) of each run."""
    out = []
    for run in re.findall(r"<w:r>.*?</w:r>", xml):
        spacing = re.search(r'<w:spacing w:val="(\d+)"/>', run)
        out.append((spacing.group(1) if spacing else "", "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", run))))
    return out


def test_a_stretched_line_shares_its_no_break_spaces_and_its_letters_take_a_little():
    styles = justified_styles(STYLES)
    assert styles == {"NoiDung": (14.0, "regular", 567, 0, 0)}
    laid = share_spaces(_body(DIEU_3), styles)
    runs = _runs(laid)
    assert "".join(t for _, t in runs).replace("\u00a0", " ") == DIEU_3.replace("\u00a0", " ")
    assert [t for _, t in runs] == [
        "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn\u00a0phòng ",
        "Hội\u00a0đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ,",
        " Trưởng\u00a0phòng Tài chính - Kế hoạch và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi"
        " hành Quyết định này./."]
    # The line's letters spaced by a whole number of twips, at most TRACK of the 14 pt em.
    assert runs[0][0] == runs[2][0] == "" and 0 < int(runs[1][0]) <= TRACK * 14 * 20
    assert share_spaces(_body(DIEU_3), {}) == _body(DIEU_3)  # no justified style known: as it is


def test_a_paragraph_in_a_table_cell_or_set_loose_is_left_as_it_is():
    styles = justified_styles(STYLES)
    in_cell = _body(DIEU_3, '<w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="9354" w:type="dxa"/></w:tcPr>{}</w:tc></w:tr>'
                            "</w:tbl><w:p/>")
    assert share_spaces(in_cell, styles) == in_cell
    loose = _body("Giao cho các đơn vị có tên sau đây thực hiện Quyết định này, báo cáo kết quả về Văn phòng"
                  " Sở trước ngày 15 tháng 12 năm 2024.")
    assert share_spaces(loose, styles) == loose


def test_the_paragraphs_found_by_their_style_are_laid_out_as_every_paragraph_matched(monkeypatch):
    """FAST_SHARE (paragraphs found by their w:pStyle, cells and sections found once) against
    every paragraph matched by the pattern, on bodies of body text, cells, other styles and
    sections of other widths."""
    styles = justified_styles(STYLES)
    rng = random.Random(11)
    words = DIEU_3.split(" ")
    pieces = [
        lambda: _body(" ".join(rng.sample(words, rng.randint(5, len(words)))), "{}").removeprefix("<w:body>")
        .split(SECTION)[0],
        lambda: f'<w:p><w:pPr><w:pStyle w:val="TenLoai"/></w:pPr><w:r><w:t>{DIEU_3}</w:t></w:r></w:p>',
        lambda: '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr><w:r><w:t xml:space="preserve">'
                f"{DIEU_3}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        lambda: '<w:p w:rsidR="00AB"><w:pPr><w:pStyle w:val="NoiDung"/><w:jc w:val="both"/></w:pPr><w:r><w:t'
                f' xml:space="preserve">{DIEU_3}</w:t></w:r></w:p>',
        lambda: f'<w:p><w:pPr>{SECTION.replace("9", str(rng.randint(1, 8)))}</w:pPr></w:p>',
        lambda: "<w:p/>",
    ]
    changed = 0
    for _ in range(60):
        body = "<w:body>" + "".join(rng.choice(pieces)() for _ in range(rng.randint(0, 12))) + SECTION + "</w:body>"
        got = {}
        for fast in (True, False):
            monkeypatch.setattr(layout, "FAST_SHARE", fast)
            got[fast] = share_spaces(body, styles)
        assert got[True] == got[False], body
        changed += got[True] != body
    assert changed > 20
