"""The tables a third fresh user's records showed faulty on the pages (issue 11, tables part),
read back from LibreOffice's PDF of what docgen builds from those records as they were typed
(tests/data/nu3: a Sở Y tế's decisions, a school's report):

- a decision's list whose offices are long is laid out as low as its columns allow: the names
  give twips where the table gets lower for it, breaking only between their glued runs (the
  rule before kept every name whole, and the offices wrapped to five lines);
- a column of figures typed as text in the Vietnamese way ("98,5", "100") is right-aligned;
- a title of three words is never set a word a line beside a wide note ("Số / học / sinh");
- after a record table, the next heading stands as far from it as from a paragraph."""

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import _need, run
from lxml import etree

from docgen.checker.pdfpages import read_pdf
from docgen.render.widths import SLACK, _sizes, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DATA = Path(__file__).parent / "data" / "nu3"
PAD = 2 * 57
LEFT = 1701 / 20  # points: the page's left margin


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("nu3")
    for folder in ("truong-thcs-hue", "so-y-te-brvt-2024"):
        shutil.copytree(DATA / folder, root / "plans" / folder)
        result = run("build", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    out = root / "pdf"
    out.mkdir()
    docs = [root / "build" / "truong-thcs-hue" / "bao-cao-tong-ket.docx",
            root / "build" / "so-y-te-brvt-2024" / "quyet-dinh" / "du-thao-giay-khen.docx"]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{root}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=600)
    return root


def _table(docx: Path, head: str) -> tuple[list[str], list[int], list[list[str]]]:
    """The header texts, grid widths (twips) and rows' texts of the list table of `docx` with `head`."""
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    for table in root.iter(f"{W}tbl"):
        rows = [["".join(t.text or "" for t in c.iter(f"{W}t")).replace("\u00a0", " ")
                 for c in tr.iterchildren(f"{W}tc")] for tr in table.iterchildren(f"{W}tr")]
        if rows and head in rows[0]:
            return rows[0], [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")], rows[1:]
    raise AssertionError(head)


def _lines(text: str, room: int) -> int:
    """Lines of `text` in `room` twips, broken at spaces as a word processor does."""
    count, used, space = 1, -1, text_width(" ")
    for word in text.split():
        size = text_width(word)
        if used >= 0 and used + space + size <= room:
            used += space + size
        else:
            count += used >= 0
            used = size
    return count


def _rows_on_pages(pdf: Path, grid: list[int], head: str) -> list[dict[int, set[int]]]:
    """Per row of the list table with the column title `head`, on every page of `pdf`: column ->
    the lines (tops, rounded points) its words stand on. A row starts at a number in column 0
    (STT; rows never split, so a page's rows start at its first); the table ends at its line
    starting "Cộng" (or "Tổng cộng", a decision's list). poppler gives each cell's line apart, so
    the words are placed by x."""
    edges = [LEFT + sum(grid[:i]) / 20 for i in range(len(grid) + 1)]
    rows: list[dict[int, set[int]]] = []
    started = False
    for page in read_pdf(pdf):
        words = sorted(((round(w.y0), w.x0, w.text) for line in page.lines for w in line.words), key=lambda w: w[:2])
        top = next((y for line in page.lines if line.text.startswith(head) for y in (round(line.y0),)), None)
        if not started and top is None:
            continue
        numbers = [y for y, x, text in words
                   if text.isdigit() and edges[0] <= x < edges[1] and (top is None or y > top)]
        if not numbers:
            continue
        started = True
        end = min((round(line.y0) for line in page.lines
                   if line.text.startswith(("Cộng", "Tổng cộng")) and line.y0 > numbers[0]), default=None)
        for y, x, text in words:
            if y < numbers[0] or (end is not None and y >= end):
                continue
            col = next((i for i in range(len(grid)) if edges[i] <= x < edges[i + 1]), None)
            if col == 0 and text.isdigit():
                rows.append({})
            if col is not None and rows:
                rows[-1].setdefault(col, set()).add(y)
        if end is not None:
            return rows
    return rows


def test_a_list_of_long_offices_is_as_low_as_its_glued_names_allow(built):
    """Issue 11 (a fourth user's Sở: a column of names 7.6 cm wide and mostly empty beside
    offices of 4-5 lines): a column is at least its longest glued run, not its longest name, and
    the widths make the table lowest. The names give twips where their row is no higher for it,
    and break only where keep_names lets them (between its glued runs)."""
    docx = built / "build" / "so-y-te-brvt-2024" / "quyet-dinh" / "du-thao-giay-khen.docx"
    heads, grid, rows = _table(docx, "Chức vụ, đơn vị công tác")
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    glued = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}tc")]
    people = [row for row in rows if len(row) == len(heads)]
    name, office = heads.index("Họ và tên"), heads.index("Chức vụ, đơn vị công tác")
    # The rule of session 8: the names' column as wide as the longest name, the offices the rest.
    whole = list(grid)
    whole[name] = max(text_width(row[name]) for row in people) + PAD + SLACK
    whole[office] = sum(grid) - sum(w for i, w in enumerate(whole) if i != office)

    def height(widths: list[int]) -> int:
        return sum(max(_lines(row[i], widths[i] - PAD - SLACK // 2) for i in (name, office)) for row in people)

    # Lower by a sixth than beside whole names (134 lines before, 110 now).
    assert height(grid) * 6 <= height(whole) * 5, (height(grid), height(whole))
    # On the page, row by row, the lines the rule counted: the PDF's rows are as high as the
    # widths were chosen for (no name runs to a line more than counted).
    laid = _rows_on_pages(built / "pdf" / "du-thao-giay-khen.pdf", grid, "Họ và tên")
    assert len(laid) == len(people)
    on_page = [max(len(row.get(name, ())), len(row.get(office, ()))) for row in laid]
    counted = [max(_lines(row[i], grid[i] - PAD - SLACK // 2) for i in (name, office)) for row in people]
    assert on_page == counted
    assert 0 < sum(len(row.get(name, ())) > 1 for row in laid)  # some names do give their twips
    # Each glued run of a name (U+00A0 between its words) stands on one line of the PDF.
    lines = [line.text for page in read_pdf(built / "pdf" / "du-thao-giay-khen.pdf") for line in page.lines]
    runs = {run.replace("\u00a0", " ") for text in glued if text.startswith(("Ông ", "Bà "))
            for run in text.split(" ") if "\u00a0" in run}
    assert runs and sorted(run for run in runs if not any(run in line for line in lines)) == []


def _column_words(pdf: Path, grid: list[int], col: int, first: str, last: str) -> list[tuple[float, str, float]]:
    """(top, word, right edge) of the words in column `col` from the line starting `first` down to
    the one starting `last` (excluded) of `pdf`'s first page, top to bottom (poppler's reading
    order of a table's columns varies)."""
    lines = read_pdf(pdf)[0].lines
    top = min(x.y0 for x in lines if x.text.startswith(first))
    bottom = min(x.y0 for x in lines if x.text.startswith(last) and x.y0 > top)
    left = LEFT + sum(grid[:col]) / 20
    right = left + grid[col] / 20
    words = sorted((w for x in lines for w in x.words if top - 1 <= w.y0 < bottom - 1 and left <= w.x0 < right),
                   key=lambda w: (round(w.y0), w.x0))
    return [(round(w.y0), w.text, w.x1) for w in words]


def test_the_schools_rates_are_right_aligned_and_its_titles_two_lines(built):
    docx = built / "build" / "truong-thcs-hue" / "bao-cao-tong-ket.docx"
    heads, grid, _ = _table(docx, "Ghi chú")
    pdf = built / "pdf" / "bao-cao-tong-ket.pdf"
    rate = heads.index("Tỷ lệ lên lớp thẳng (%)")
    figures = [(word, x1) for _, word, x1 in _column_words(pdf, grid, rate, "STT", "Tổng cộng") if word[0].isdigit()]
    assert [word for word, _ in figures] == ["98,5", "97,8", "98,1", "100"]
    assert max(x1 for _, x1 in figures) - min(x1 for _, x1 in figures) < 1  # one right edge
    assert LEFT + sum(grid[:rate + 1]) / 20 - figures[0][1] < 6  # at the cell's right, its margin in
    # "Số học sinh" in two lines at most, beside the notes.
    pupils = heads.index("Số học sinh")
    title = [(y, word) for y, word, _ in _column_words(pdf, grid, pupils, "STT", "Tổng cộng") if not word[0].isdigit()]
    assert [word for _, word in title] == ["Số", "học", "sinh"] and len({y for y, _ in title}) == 2


def test_a_heading_after_a_record_table_stands_as_after_a_paragraph(built):
    lines = read_pdf(built / "pdf" / "bao-cao-tong-ket.pdf")[0].lines

    def gap(heading: str) -> float:
        at = next(x for x in lines if x.text.startswith(heading))
        return at.y0 - max(x.y1 for x in lines if x.y1 <= at.y0 + 1 and x is not at)

    after_table, after_text = gap("III. PHƯƠNG HƯỚNG"), gap("II. KẾT QUẢ THỰC HIỆN")
    # Before: an empty line of 13 pt between the totals row and the heading.
    assert abs(after_table - after_text) < 3, (after_table, after_text)


def test_a_glued_name_is_not_taken_for_a_place_of_three_words():
    """A fourth user's Sở (issue 11): "Ông Công Tằng Tôn Nữ Đức Anh Tuấn", glued by keep_names in
    three runs, was read as a place name of three words ("TP Ninh Bình": two pieces), then kept
    whole as a line of two, so the names' column was held at 7.6 cm. Its pieces are its runs, and
    the column's least is its widest run; an unglued title of three names still keeps two."""
    from docgen.render.widths import _need, _words

    name = "Ông Công\u00a0Tằng\u00a0Tôn Nữ\u00a0Đức\u00a0Anh\u00a0Tuấn"
    assert _words(name) == ["Ông", "Công\u00a0Tằng\u00a0Tôn", "Nữ\u00a0Đức\u00a0Anh\u00a0Tuấn"]
    sizes = _sizes(_words(name), "regular")
    least, most, wraps = _need([(sizes, text_width(" "))], header=False)
    assert least == max(sizes) == sizes[2] < most == sum(sizes) + 2 * text_width(" ")
    assert wraps
    assert len(_words("TP Ninh Bình")) == 2
