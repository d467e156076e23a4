"""Names and words a line never splits (issue 11, "glued names in running text, cells and Nơi
nhận"), read back from the laid-out PDF of the records a new user wrote for Sở Y tế Bà Rịa -
Vũng Tàu (tests/data/glue): its units' names and short names ("Bệnh viện Bà Rịa", "TTYT Côn
Đảo", "BV Bà Rịa"), a person's name in the text ("Phạm Văn Đồng"), a date's "năm 2024", the
words of two syllables of a list's cells, a Kính gửi item and the V/v line ("Trung tâm", "Phó
Trưởng khoa", "Tâm thần", "y tế") and a Nơi nhận item's parenthesis ("(để báo cáo);")."""

import re
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest
import yaml
from conftest import ROOT, _need, run
from pdfpages import pages
from pdfspaces import justified_lines

from docgen.vn import keep_names
from docgen.vn.pairs import WORD_PAIRS
from docgen.vn.personal import joints
from docgen.vn.text import LONGEST, bracket_spaces, date_spaces, proper_spaces
from docgen.vn.titles import keep_title

FIXTURE = Path(__file__).parent / "data" / "glue" / "so-y-te-brvt-2024"
NB = "\u00a0"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def laid(tmp_path_factory) -> tuple[Path, str]:
    """The user's plan folder built with its PDFs (build --pdf runs lint and lint --pages)."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("glue")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(FIXTURE, root / "plans" / FIXTURE.name)
    result = run("build", "--pdf", root / "plans" / FIXTURE.name)
    assert result.exit_code == 0, result.output
    return root / "build" / FIXTURE.name, result.output


def _lines(pdf: Path) -> list[str]:
    return [line for page in pages(pdf) for line in page]


def _wraps(pdf: Path) -> list[str]:
    """Each place a paragraph or a cell wraps: "the line's last two words | the next line's
    first", from pdftotext -bbox-layout (a block is a paragraph, or a column of a table's cells)."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    found = []
    for block in root.iter(f"{XHTML}block"):
        lines = [[w.text or "" for w in line.iter(f"{XHTML}word")] for line in block.iter(f"{XHTML}line")]
        found += [f"{' '.join(a[-2:])} | {b[0]}" for a, b in zip(lines, lines[1:], strict=False) if a and b]
    return found


# A line never ends inside these (its last word, then the next line's first): the units' names and
# short names, a person's name, a date's year, the words of two syllables of a cell or an item.
SPLIT = re.compile(r"(?:^|\s)(?:Bà \| Rịa|Côn \| Đảo|BV \| Bà|TTYT \| Côn|Xuyên \| Mộc|Vũng \| Tàu|Văn \| Đồng"
                   r"|Trung \| tâm|Phó \| Trưởng|Văn \| phòng|[yY] \| tế|Tâm \| thần|năm \| \d|tháng \| \d"
                   r"|\(để báo \| cáo|\(để \| báo)")


def test_the_units_names_never_split_in_running_text(laid):
    built, output = laid
    pdf = built / "bao-cao-tong-hop.pdf"
    # "… và Bệnh viện Bà" / "Rịa.", "dẫn đầu: TTYT Côn" / "Đảo (106,5%)", "của BV" / "Bà Rịa)" before
    assert [w for w in _wraps(pdf) if SPLIT.search(w)] == []
    text = re.sub(r"\s+", " ", "\n".join(_lines(pdf)))
    # running text names the unit in full: "TTYT Côn Đảo" titles Phụ lục II's column only
    assert "dẫn đầu: Trung tâm Y tế Quân - Dân y kết hợp huyện Côn Đảo (106,5%)" in text
    assert "ND30-PAGE-STRETCHED" not in output and "ND30-PAGE-SPLIT" not in output


def test_the_report_names_units_in_full_in_its_sentences(laid):
    """Section III's sentences name the units by name, never by units.yaml's short_name (a new
    user's "chưa có số liệu của Thủy sản và Nước sạch và VSMTNT"), a list as "A, B và C"; the
    short names stay in the tables (Phụ lục I's Ghi chú, Phụ lục II's columns), as the README says."""
    built, _ = laid
    lines = _lines(built / "bao-cao-tong-hop.pdf")
    start = lines.index(next(x for x in lines if x.strip() == "1. Các chỉ tiêu chủ yếu"))
    end = lines.index(next(x for x in lines if x.strip() == "2. Kết quả theo từng lĩnh vực"))
    prose = re.sub(r"\s+", " ", " ".join(lines[start:end]))
    assert "(chưa có số liệu của Phòng Nghiệp vụ Y - Dược và Quản lý hành nghề y dược tư nhân và Bệnh viện"\
           " Bà Rịa)" in prose
    assert "chưa đạt: Trung tâm Y tế huyện Xuyên Mộc (95,6%)" in prose
    assert re.findall(r"TTYT|BV Bà Rịa|(?<!Phòng )Nghiệp vụ Y - Dược", prose) == []
    document = docx.Document(str(built / "bao-cao-tong-hop.docx"))
    cells = {c.text.replace(NB, " ") for t in document.tables for r in t.rows for c in r.cells}
    assert "Chưa có số liệu: Nghiệp vụ Y - Dược, BV Bà Rịa." in cells  # Phụ lục I's Ghi chú


def test_a_list_cell_keeps_its_words_of_two_syllables(laid):
    built, _ = laid
    for name in ("du-thao-giay-khen.pdf", "du-thao-lao-dong-tien-tien.pdf", "tat-ca.pdf"):
        pdf = built / "quyet-dinh" / name
        # "Kỹ thuật viên xét nghiệm, Trung" / "tâm Kiểm soát …", "Phó" / "Trưởng khoa", "Trạm Y" / "tế"
        assert [w for w in _wraps(pdf) if SPLIT.search(w)] == [], name
    assert any("Trung tâm Kiểm soát" in line for line in _lines(built / "quyet-dinh" / "tat-ca.pdf"))


def test_a_persons_name_breaks_only_between_its_parts(laid):
    """A list's names of 6-8 words ("Bà Công Tằng Tôn Nữ Thị Thanh Phương Thảo"): whole on a line of
    the cell where they fit; else broken after the honorific, the family name taken whole or a middle
    name, never inside "Công Tằng Tôn Nữ" nor before the given name (vn.personal). The column's width
    is chosen by the table's height (widths.balance), so a 25-character name may break too, at a
    joint the rule allows."""
    built, _ = laid
    awards = yaml.safe_load((FIXTURE / "awards.yaml").read_text(encoding="utf-8"))["awards"]
    people = [f"{a['honorific']} {a['name']}".split(" ") for a in awards if a["kind"] == "individual"]
    never = {(w[k - 1], w[k]) for w in people for k, rank in enumerate(joints(w), 1) if not rank}
    assert ("Tôn", "Nữ") in never and ("Phương", "Thảo") in never
    for name in ("du-thao-giay-khen.pdf", "tat-ca.pdf"):
        wraps = _wraps(built / "quyet-dinh" / name)
        assert [w for w in wraps if (w.split(" | ")[0].split(" ")[-1], w.split(" | ")[1]) in never] == [], name
        lines = _lines(built / "quyet-dinh" / name)
        # the longest name does not fit its cell: broken, at a joint the rule allows
        assert not any("Tôn Nữ Thị Thanh Phương Thảo" in line for line in lines)
        # the family name taken whole with its honorific ("Bà Công Tằng Tôn Nữ"), never "Công Tằng Tôn" / "Nữ"
        assert any("Bà Công Tằng Tôn Nữ" in line and "Nguyệt" not in line for line in lines), name
        # a name that fits the column chosen by the table's height stays whole ("Ông Lê Minh Phước");
        # how wide the column is, is widths.balance's (tests/test_table_columns.py)
        assert any("Ông Lê Minh Phước" in line for line in lines), name


def test_the_cong_van_keeps_its_recipients_dates_and_parentheses(laid):
    built, _ = laid
    pdf = built / "cong-van-dang-ky.pdf"
    assert [w for w in _wraps(pdf) if SPLIT.search(w) or re.match(r"\S+ đơn vị \| y", w)] == []
    text = "\n".join(_lines(pdf))
    assert "y tế trên địa bàn tỉnh Bà Rịa - Vũng Tàu" in text  # the V/v line
    assert "Tâm thần tỉnh;" in text  # Kính gửi: "Bệnh viện Tâm" / "thần tỉnh;" before
    assert "Phạm Văn Đồng" in text
    assert "(để báo cáo);" in text


def test_the_glue_leaves_no_line_stretched_past_the_limit(laid):
    """A run kept whole (at most LONGEST characters) may widen the spaces of the line before it,
    never past the page check's limit (ND30-PAGE-STRETCHED, 0.62 of the text's height)."""
    built, _ = laid
    for pdf in sorted(built.rglob("*.pdf")):
        assert [x for x in justified_lines(pdf) if x.space >= 0.62] == [], pdf


@pytest.mark.parametrize(("text", "shown"), [
    ("và Bệnh viện Bà Rịa.", f"và Bệnh viện Bà{NB}Rịa."),
    ("dẫn đầu: TTYT Côn Đảo (106,5%)", f"dẫn đầu: TTYT{NB}Côn{NB}Đảo (106,5%)"),
    ("của BV Bà Rịa)", f"của BV{NB}Bà{NB}Rịa)"),
    ("số 01 đường Phạm Văn Đồng, phường", f"số 01 đường Phạm{NB}Văn{NB}Đồng, phường"),
    ("Ông Đặng Minh Lộc", f"Ông Đặng{NB}Minh{NB}Lộc"),  # 17 characters: the honorific goes free
    # Over 15 characters: the family name whole (vn.personal: "Tôn Nữ"), the given name with its middle one
    ("Bà Tôn Nữ Nguyễn Thanh Bình", f"Bà Tôn{NB}Nữ Nguyễn Thanh{NB}Bình"),
    ("Bà Công Tằng Tôn Nữ Thị Thanh Phương Thảo", f"Bà Công{NB}Tằng{NB}Tôn{NB}Nữ Thị{NB}Thanh Phương{NB}Thảo"),
    ("người lao động Ngành Lao động -", "người lao động Ngành Lao động -"),  # an organ's word
    ("Sở Giao thông vận tải", "Sở Giao thông vận tải"),
    ("ngày 29 tháng 02 năm 2024, đồng thời", f"ngày{NB}29 tháng{NB}02 năm{NB}2024, đồng thời"),
    ("ngày 24/5/2021 của", "ngày 24/5/2021 của"),  # a date in figures is a symbol of its own
    ("năm học 2024-2025", "năm học 2024-2025"),
    ("thi đua năm 2024 của", "thi đua năm 2024 của"),  # a year alone: a justified line breaks it
    ("SỞ Y TẾ BÀ RỊA", "SỞ Y TẾ BÀ RỊA"),  # a heading's capitals: its cell breaks them
])
def test_proper_names_and_dates_in_any_text(text, shown):
    assert keep_names(text, ()) == shown


@pytest.mark.parametrize(("text", "shown"), [
    ("- Ban Thi đua - Khen thưởng tỉnh (để báo cáo);", f"- Ban Thi{NB}đua - Khen{NB}thưởng tỉnh (để{NB}báo{NB}cáo);"),
    ("Kỹ thuật viên xét nghiệm, Trung tâm Kiểm soát bệnh tật",
     f"Kỹ{NB}thuật{NB}viên xét{NB}nghiệm, Trung{NB}tâm Kiểm{NB}soát bệnh{NB}tật"),
    ("Bác sĩ chuyên khoa cấp II, Phó Trưởng khoa Hồi sức",
     f"Bác{NB}sĩ chuyên{NB}khoa cấp II, Phó{NB}Trưởng{NB}khoa Hồi{NB}sức"),
    ("Bệnh viện Tâm thần tỉnh", f"Bệnh{NB}viện Tâm{NB}thần tỉnh"),
])
def test_a_cell_or_item_keeps_its_words_of_two_syllables(text, shown):
    assert keep_names(text, (), pairs=True) == shown
    assert keep_names(text, ()) != shown  # a body line is left to break between them


def test_the_title_keeps_its_words():
    # "y tế" a word pair (s8-glue, vn/pairs.py); "địa bàn" kept in titles (s8-stretch, vn/titles.py)
    assert keep_title("của các đơn vị y tế trên địa bàn", ()) == f"của các đơn{NB}vị y{NB}tế trên địa{NB}bàn"


@pytest.mark.parametrize("text", [
    "Bà Tôn Nữ Nguyễn Thanh Bình Minh Hoàng", "TTYT Quân Dân Y Kết Hợp Côn Đảo", "Ông Nguyễn Văn Anh Dũng",
    "(để báo cáo Ủy ban nhân dân tỉnh và Sở Nội vụ)", "Trường THCS Nguyễn Tri Phương",
])
def test_a_glued_run_is_never_longer_than_longest(text):
    assert max(len(run) for run in keep_names(text, ()).split(" ")) <= LONGEST, text


@pytest.mark.parametrize(("text", "shown"), [
    # A list's cell, a Nơi nhận or Kính gửi item: a proper name glued whole, whatever its length; the
    # layout breaks one wider than its cell (docgen.render.layout.fit_cell_names).
    ("Ông Nguyễn Văn Anh Dũng", f"Ông{NB}Nguyễn{NB}Văn{NB}Anh{NB}Dũng"),
    ("Bà Công Tằng Tôn Nữ Thị Diệu Linh", f"Bà{NB}Công{NB}Tằng{NB}Tôn{NB}Nữ{NB}Thị{NB}Diệu{NB}Linh"),
    ("(để báo cáo Ủy ban nhân dân tỉnh và Sở Nội vụ)", f"(để báo{NB}cáo Ủy ban nhân{NB}dân tỉnh và Sở Nội{NB}vụ)"),
])
def test_a_cell_keeps_a_persons_name_whole(text, shown):
    assert keep_names(text, (), pairs=True) == shown


def test_the_spaces_each_rule_keeps():
    assert proper_spaces("Côn Đảo", 15) == [3]
    assert proper_spaces("Côn Đảo mở", 15, opening=10) == []  # a name opening a paragraph
    assert date_spaces("ngày 05 tháng 9 năm 2021") == [4, 13, 19]
    assert bracket_spaces("a (để báo cáo); (đến hết ngày 31 tháng 12 năm 2024)", 15) == [5, 9]
    assert len(set(WORD_PAIRS)) == len(WORD_PAIRS)
    assert all(" " in pair for pair in WORD_PAIRS)
