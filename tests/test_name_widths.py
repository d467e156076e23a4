"""A list's names against its offices (a fifth fresh user's hospital, Bệnh viện Đa khoa tỉnh
Quảng Ngãi, tests/data/nu5: its records as typed), read back from LibreOffice's PDF of the
decisions docgen builds from them:

- the CSTĐCS list kept its names' column half empty (6.25 cm) beside offices of 3-4 lines: a
  column of names the even share gave all it wants took no part in `balance`;
- a name broken costs the table a line more (`NAME_LINES`; a broken name costs more than an
  office line in a row already two lines high; on a tie, the fewer broken): on the Lao động
  tiên tiến list one name more whole costs 8 lines, so 5 names break where vn.personal allows;
  the Giấy khen list keeps its nine names whole rather than break all for 8 lines."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import _need, run
from lxml import etree
from test_column_widths import _document, _grids, _table
from test_table_columns import _rows_on_pages

from docgen.render import widths as wm
from docgen.render.widths import SLACK, text_width

DATA = Path(__file__).parent / "data" / "nu5" / "bvdk-quang-ngai-2025"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PAD = 2 * 57
NAME, OFFICE = "Họ và tên", "Chức vụ, đơn vị công tác"
GIAY_KHEN = "giay-khen-cua-thu-truong-co-quan-don-vi"  # the form's file name (law/award_forms.yaml)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("nu5")
    shutil.copytree(DATA, root / "plans" / DATA.name)
    # The user's records name the Sở's level; a hospital's director is thu_truong_don_vi
    # (tests/test_issuer_authority.py: naming giam_doc_so is refused). Its Giấy khen decision is
    # then named by that form.
    awards = root / "plans" / DATA.name / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace(
        "authority: giam_doc_so\n", "authority: thu_truong_don_vi\n"), encoding="utf-8")
    result = run("build", root / "plans" / DATA.name)
    assert result.exit_code == 0, result.output
    out = root / "pdf"
    out.mkdir()
    docs = [root / "build" / DATA.name / "quyet-dinh" / f"du-thao-{name}.docx"
            for name in ("chien-si-thi-dua-co-so", "lao-dong-tien-tien", GIAY_KHEN)]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{root}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=600)
    return root


def _lines(text: str, room: int) -> int:
    """Lines of a cell's `text` in `room` twips, broken at its spaces, never at a U+00A0 (its
    glued runs: docgen.vn.keep_names)."""
    return wm._count([(wm._sizes(wm._words(text), "regular"), wm._sizes([" "], "regular")[0])], room)


def _laid(built: Path, name: str):
    """The list's people (rows' texts as written, U+00A0 kept), its grid, the name and office
    columns, and per person the lines of its name and of its office on the PDF's page."""
    docx = built / "build" / DATA.name / "quyet-dinh" / f"du-thao-{name}.docx"
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    tables = [[["".join(t.text or "" for t in c.iter(f"{W}t")) for c in tr.iterchildren(f"{W}tc")]
               for tr in table.iterchildren(f"{W}tr")] for table in root.iter(f"{W}tbl")]
    at = next(i for i, rows in enumerate(tables) if rows and NAME in rows[0])
    heads, *rows = tables[at]
    table = list(root.iter(f"{W}tbl"))[at]
    grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    people = [row for row in rows if len(row) == len(heads)]
    n, o = heads.index(NAME), heads.index(OFFICE)
    laid = _rows_on_pages(built / "pdf" / f"du-thao-{name}.pdf", grid, NAME)
    assert len(laid) == len(people)
    return people, grid, n, o, [(len(row.get(n, ())), len(row.get(o, ()))) for row in laid]


def _layouts(people, grid, n, o):
    """Per width of the names' column (the offices the rest), 1 twip apart: (the list's lines,
    the names broken), as the widths were chosen (each row as high as its fullest cell)."""
    both = grid[n] + grid[o]
    out = {}
    for w in range(max(max(wm._sizes(wm._words(p[n]), "regular")) for p in people) + PAD + SLACK // 2,
                   both - 2000):
        names = [_lines(p[n], w - PAD - SLACK // 2) for p in people]
        offices = [_lines(p[o], both - w - PAD - SLACK // 2) for p in people]
        out[w] = (sum(map(max, names, offices)), sum(k > 1 for k in names))
    return out


def test_the_cstdcs_names_give_their_empty_room_to_the_offices(built):
    """The CSTĐCS list: the names' column was 3,543 twips (as wide as the longest name, most
    of it empty) and the offices wrapped to 4 lines; now the names give twips while the list
    gets lower by more than a line a name broken."""
    people, grid, n, o, on_page = _laid(built, "chien-si-thi-dua-co-so")
    longest = max(text_width(p[n]) for p in people) + PAD + SLACK
    assert grid[n] < longest
    # On the page, the lines the widths were chosen for.
    assert on_page == [(_lines(p[n], grid[n] - PAD - SLACK // 2), _lines(p[o], grid[o] - PAD - SLACK // 2))
                       for p in people]
    height = sum(map(max, *zip(*on_page, strict=True)))
    broken = sum(name > 1 for name, _ in on_page)
    whole = _layouts(people, grid, n, o)[longest]
    assert whole[1] == 0 and height + broken < whole[0], (height, broken, whole)
    assert max(office for _, office in on_page) <= 3


def _cost(lines: int, broken: int) -> tuple[int, int]:
    """A layout's cost: its lines, a name broken counting `NAME_LINES` more; on a tie, fewer broken."""
    return lines + wm.NAME_LINES * broken, broken


def test_a_name_breaks_only_where_whole_it_costs_more_than_a_line(built):
    """The Lao động tiên tiến list (26 people): its names break ("Bà Lý / Nguyễn Thị Phương
    Châu") because every layout that keeps one more whole is higher by more than a line a name
    (offices of 2 lines go to 3: 63 lines for 4 broken, 80 for none, against 55 for 5)."""
    people, grid, n, o, on_page = _laid(built, "lao-dong-tien-tien")
    height = sum(map(max, *zip(*on_page, strict=True)))
    broken = sum(name > 1 for name, _ in on_page)
    layouts = _layouts(people, grid, n, o)
    assert min(_cost(*got) for got in layouts.values()) == _cost(height, broken)


def test_a_giay_khen_keeps_its_names_whole_beside_offices_of_three_lines(built):
    """The Giấy khen list (nine people): breaking every name would make it 8 lines lower (28 to 20),
    less than the nine names broken cost: the names stay whole on the page."""
    people, grid, n, o, on_page = _laid(built, GIAY_KHEN)
    assert [name for name, _ in on_page] == [1] * len(people)
    height = sum(map(max, *zip(*on_page, strict=True)))
    assert min(_cost(*got) for got in _layouts(people, grid, n, o).values()) == _cost(height, 0)


# Ten of the hospital's people as docgen glues them ("~": U+00A0, where keep_names keeps a joint).
NB = "\u00a0"
HOI_SUC = "Khoa Hồi~sức tích cực - Chống~độc và Lọc máu liên tục"
PEOPLE = [(name.replace("~", NB), office.replace("~", NB)) for name, office in [
    ("Ông~Trần~Đình~Loan", f"Dược~sĩ chuyên~khoa I, {HOI_SUC}"),
    ("Ông Võ Lê~Hoàng~Loan", "Kỹ~thuật~viên hạng III, Phòng Điều~dưỡng và Kiểm~soát nhiễm khuẩn"),
    ("Bà Dương Thị~Thanh~Ánh", f"Bác~sĩ chuyên~khoa II, Phó~Trưởng~khoa, {HOI_SUC}"),
    ("Bà Tôn~Nữ Thị~Ngọc~Oanh", "Dược~sĩ chuyên~khoa I, Trung~tâm Tim mạch và Can thiệp Tim mạch - Mạch máu"),
    ("Bà Âu~Dương Thị~Thanh~Châu", f"Kỹ~thuật~viên hạng III, {HOI_SUC}"),
    ("Ông~Đặng~Đình~Điệp", "Bác~sĩ nội trú, Phòng Điều~dưỡng và Kiểm~soát nhiễm khuẩn"),
    ("Bà Trần Thị~Kim~Khoa", f"Bác~sĩ nội trú, {HOI_SUC}"),
    ("Bà Trần Thị~Kim~Khoa", "Điều~dưỡng trưởng~khoa, Phòng Kế~hoạch tổng hợp - Công nghệ thông tin"),
    ("Bà Nguyễn Thị~Bích~Yến", f"Kỹ~thuật~viên hạng III, {HOI_SUC}"),
    ("Bà Bùi Thị~Thanh~Dũng", f"Chuyên~viên, {HOI_SUC}"),
]]


@pytest.mark.parametrize("fast", [True, False])
def test_a_name_is_kept_whole_for_one_line_of_the_table(fast, monkeypatch):
    """Ten of the hospital's people: the lowest layout (21 lines) breaks 5 names; one a line
    higher keeps "Ông Trần Đình Loan" whole. The names are kept whole for that line, by both
    paths (the byte path's counting and the tree's)."""
    monkeypatch.setattr(wm, "FAST", fast)
    rows = [[str(i), name, office, "1.500.000"] for i, (name, office) in enumerate(PEOPLE, start=1)]
    heads = ["STT", NAME, OFFICE, "Tiền thưởng (đồng)"]
    grid = _grids(wm.fit_tables(_document(_table(heads, rows, [700, 3000, 4000, 1654]))))[0]
    found = _layouts(rows, grid, 1, 2)
    lowest = min(lines for lines, _ in found.values())
    height, broken = found[grid[1]]
    assert (lowest, height, broken) == (21, 22, 4)
    assert min(_cost(*got) for got in found.values()) == _cost(height, broken)
