"""Where a line may break inside a person's name (issue 11, "long personal names in list cells"):
the rule of docgen/vn/personal.py, and the layout breaking a name glued whole in a table cell that
it does not fit (docgen/render/layout.py fit_cell_names). Read back from the PDF in
tests/test_glued_names.py (the names of 6-8 words of tests/data/glue)."""

import pytest

from docgen.render.layout import fit_cell_names
from docgen.vn.personal import FAMILY, HONORIFIC, MIDDLE, breaks, joints

NB = "\u00a0"


@pytest.mark.parametrize(("name", "ranks"), [
    # honorific, a compound family name never split, middle names, the given name kept with one
    ("Bà Công Tằng Tôn Nữ Thị Thanh Phương Thảo", [HONORIFIC, 0, 0, 0, FAMILY, MIDDLE, MIDDLE, 0]),
    ("Ông Nguyễn Văn An", [HONORIFIC, FAMILY, 0]),
    ("Nguyễn Phước Bảo Châu", [0, FAMILY, 0]),
    ("Tôn Nữ Hoa", [0, 0]),  # a family and a given name: no break
    ("Bà Lê Hòa", [HONORIFIC, 0]),
    ("Lê Hòa", [0]),
    ("Hòa", []),
])
def test_the_joints_of_a_name(name, ranks):
    assert joints(name.split(" ")) == ranks


def _chars(words):
    return lambda i, j: len(" ".join(words[i:j]))


@pytest.mark.parametrize(("name", "room", "shown"), [
    ("Bà Nguyễn Thị Thanh Hương", 25, "Bà Nguyễn Thị Thanh Hương"),  # fits: whole
    ("Bà Nguyễn Thị Thanh Hương", 22, "Bà | Nguyễn Thị Thanh Hương"),  # the honorific first
    ("Bà Nguyễn Thị Thanh Hương", 15, "Bà | Nguyễn | Thị Thanh Hương"),  # then the family name
    ("Bà Nguyễn Thị Thanh Hương", 11, "Bà | Nguyễn | Thị | Thanh Hương"),  # then middle names
    ("Bà Nguyễn Thị Thanh Hương", 5, "Bà | Nguyễn | Thị | Thanh Hương"),  # never "Thanh / Hương"
    # "Công Tằng Tôn Nữ" (16 characters) stays whole even past the room
    ("Công Tằng Tôn Nữ Thị Diệu Linh", 15, "Công Tằng Tôn Nữ | Thị Diệu Linh"),
    ("Công Tằng Tôn Nữ Thị Thanh Phương Thảo", 15, "Công Tằng Tôn Nữ | Thị Thanh | Phương Thảo"),
])
def test_the_fewest_breaks_that_fit(name, room, shown):
    words = name.split(" ")
    opened = breaks(words, _chars(words), room)
    assert words[0] + "".join((" | " if k in opened else " ") + w for k, w in enumerate(words[1:], 1)) == shown


def _cell(width: int, text: str, section: int = 9354) -> str:
    return (f'<w:body><w:tbl><w:tr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="BangChu"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
            f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p>'
            f'<w:sectPr><w:pgSz w:w="{section + 2835}" w:h="16838"/><w:pgMar w:top="1134" w:right="1134"'
            f' w:bottom="1134" w:left="1701"/></w:sectPr></w:body>')


def test_a_short_name_stays_whole():
    name = NB.join("Ông Lê Văn Hòa".split(" "))
    assert fit_cell_names(_cell(1500, name)) == _cell(1500, name)


def test_a_long_name_breaks_between_its_parts():
    name = NB.join("Ông Công Tằng Tôn Nữ Đức Anh Tuấn".split(" "))
    out = fit_cell_names(_cell(3100, name))
    # in the cell: after the honorific and the family name taken whole; the body's paragraph as it was
    assert out == _cell(3100, name).replace(name, f"Ông Công{NB}Tằng{NB}Tôn{NB}Nữ Đức{NB}Anh{NB}Tuấn", 1)
    # wider than half the text's line: between its middle names as well, never before the given name
    longest = NB.join("Bà Công Tằng Tôn Nữ Thị Thanh Phương Thảo".split(" "))
    out = fit_cell_names(_cell(3100, longest))
    assert f"<w:t>Bà Công{NB}Tằng{NB}Tôn{NB}Nữ Thị Thanh Phương{NB}Thảo</w:t>" in out
    # no honorific nor middle name to open at, wider than its cell: as it is, the rule has no joint
    short = NB.join("Công Tằng Tôn Nữ Hoa".split(" "))
    assert fit_cell_names(_cell(600, short)) == _cell(600, short)


def test_a_run_of_other_words_is_left_as_it_is():
    run = NB.join("Trung tâm Y tế huyện Côn Đảo".split(" "))  # not all capitalised
    assert fit_cell_names(_cell(600, run)) == _cell(600, run)
