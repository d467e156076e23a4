"""Place names and long glued names on the laid-out page (issue 11): a place named by two towns
("Bà Rịa - Vũng Tàu") never breaks at its dash, and no run of words kept together is so long that
the line before it stretches. Read back from the PDF of the công văn a new user wrote for Sở Giao
thông vận tải Bà Rịa - Vũng Tàu (tests/data/places), and from the text rules themselves."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, _need, run
from pdfpages import pages
from pdfspaces import all_lines

from docgen.vn import keep_names, nobreak
from docgen.vn.text import LONGEST, dash_place_spaces

FIXTURE = Path(__file__).parent / "data" / "places" / "cong-van.yaml"
NB = "\u00a0"


@pytest.fixture(scope="module")
def laid(tmp_path_factory) -> tuple[Path, str]:
    """The user's công văn built with its PDF (build --pdf runs lint and lint --pages)."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("places")
    shutil.copytree(ROOT / "templates", root / "templates")
    folder = root / "plans" / "cong-van-brvt"
    folder.mkdir(parents=True)
    shutil.copy(FIXTURE, folder / "cong-van.yaml")
    result = run("build", "--pdf", folder)
    assert result.exit_code == 0, result.output
    return root / "build" / "cong-van-brvt" / "cong-van.pdf", result.output


def test_a_place_named_by_two_towns_never_breaks_at_its_dash(laid):
    pdf, _ = laid
    lines = [line for page in pages(pdf) for line in page]
    assert [line for line in lines if re.search(r"(?:Rịa|Rang|RỊA) ?-$", line)] == []
    text = "\n".join(lines)
    # Kính gửi: the item wraps before the place, never inside it; the same in Nơi nhận.
    assert "Văn phòng Sở Giao thông vận tải tỉnh\nBà Rịa - Vũng Tàu;" in text
    assert "thành phố\nPhan Rang - Tháp Chàm." in text
    assert text.count("Bà Rịa - Vũng Tàu") == 7  # the header's place-date, Kính gửi (4), body, Nơi nhận


def test_the_line_before_a_long_issuer_name_is_not_stretched(laid):
    """"… ngày 05/9/2021 của" / "Sở Giao thông vận tải tỉnh Bà Rịa - Vũng Tàu": the issuer's
    name glued whole (21 characters) left the line above it at 0.91 of the text's height; cut at
    its joints, the line takes "Sở Giao thông" and its spaces stay near those of loose text."""
    pdf, output = laid
    line = next(x for x in all_lines(pdf) if x[1][:4] == ["Thực", "hiện", "Kế", "hoạch"])
    assert line[1][-3:] == ["Sở", "Giao", "thông"], line[1]
    assert max(line[2]) < 0.5, [round(g, 2) for g in line[2]]
    assert "ND30-" not in output  # lint and lint --pages clean


@pytest.mark.parametrize(("text", "shown"), [
    ("tỉnh Bà Rịa - Vũng Tàu;", f"tỉnh Bà{NB}Rịa{NB}-{NB}Vũng{NB}Tàu;"),
    ("đường bộ Bà Rịa - Vũng Tàu", f"đường bộ Bà{NB}Rịa{NB}-{NB}Vũng{NB}Tàu"),  # no level before it
    ("thành phố Phan Rang - Tháp Chàm.", f"thành phố Phan{NB}Rang{NB}-{NB}Tháp{NB}Chàm."),
    # A name's dash after a small letter, a range, a heading's capitals: not a place's dash.
    ("Ban Thi đua - Khen thưởng", "Ban Thi đua - Khen thưởng"),
    ("Lao động - Thương binh", "Lao động - Thương binh"),
    ("năm học 2023 - 2024", "năm học 2023 - 2024"),
    ("UBND TỈNH BÀ RỊA - VŨNG TÀU", f"UBND TỈNH BÀ{NB}RỊA - VŨNG TÀU"),
])
def test_a_place_with_its_dash_is_one_name(text, shown):
    assert keep_names(text, ()) == shown


def test_a_listed_place_with_its_dash_stays_whole_in_any_case():
    assert keep_names("UBND TỈNH BÀ RỊA - VŨNG TÀU", ("Bà Rịa - Vũng Tàu",)) == \
        f"UBND TỈNH BÀ{NB}RỊA{NB}-{NB}VŨNG{NB}TÀU"
    assert keep_names("Ban Thi đua - Khen thưởng", ("Thi đua - Khen thưởng",)) == f"Ban Thi{NB}đua{NB}- Khen{NB}thưởng"


def test_dash_place_spaces_and_nobreak_agree():
    assert dash_place_spaces("Bà Rịa - Vũng Tàu") == [2, 6, 8, 13]
    assert nobreak("Phòng Quản lý đô thị thành phố Phan Rang - Tháp Chàm").endswith(
        f"Phan{NB}Rang{NB}-{NB}Tháp{NB}Chàm")
    assert nobreak("Sở Lao động - Thương binh và Xã hội") == f"Sở{NB}Lao{NB}động{NB}- Thương{NB}binh và Xã{NB}hội"


@pytest.mark.parametrize(("args", "shown"), [
    # The organ before its field, then the field's words of two syllables.
    (("của Sở Giao thông vận tải tỉnh", ("Sở Giao thông vận tải",)), f"của Sở Giao{NB}thông vận{NB}tải tỉnh"),
    (("Trường Trung học cơ sở Nguyễn Bỉnh Khiêm kính trình", ("Trường Trung học cơ sở Nguyễn Bỉnh Khiêm",)),
     f"Trường Trung{NB}học{NB}cơ{NB}sở Nguyễn Bỉnh{NB}Khiêm kính trình"),
    # After "Ủy ban nhân dân" (its units) and before the level of the place.
    (("của Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu về", ("Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu",)),
     f"của Ủy{NB}ban nhân dân tỉnh Bà{NB}Rịa{NB}-{NB}Vũng{NB}Tàu về"),
    # A short fixed name stays whole (#11 item 5).
    (("của Phòng Lao động huyện", ("Phòng Lao động",)), f"của Phòng{NB}Lao{NB}động huyện"),
])
def test_a_glued_run_is_never_longer_than_longest(args, shown):
    out = keep_names(*args)
    assert out == shown
    runs = out.split(" ")
    assert all(len(r) <= LONGEST or "-" in r for r in runs), runs


def test_nobreak_keeps_a_date_in_its_parts():
    assert nobreak("ngày 15 tháng 10 năm 2021") == f"ngày{NB}15 tháng{NB}10 năm{NB}2021"
    assert nobreak("Phòng Quản lý vận tải, phương tiện và người lái") == \
        f"Phòng Quản{NB}lý vận{NB}tải, phương{NB}tiện và người{NB}lái"


def test_a_title_and_a_header_cell_keep_names_whole():
    """Centred lines never stretch: a trích yếu keeps the issuer's name whole (no LONGEST)."""
    from docgen.vn.titles import keep_title

    assert keep_title("của các đơn vị thuộc Sở Giao thông vận tải", ("Sở Giao thông vận tải",)).endswith(
        f"Sở{NB}Giao{NB}thông{NB}vận{NB}tải")
