"""The tables fresh users found faulty on the pages (issue 11), read back from what docgen writes
and from LibreOffice's PDF: Phụ lục II's unit titles never break inside a place name, the trade
union's record table is sized by content, the unit form's "Ghi chú" has room to write in, and a
heading after a table stands as far from it as from a paragraph."""

import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import _need, copy_examples, run
from lxml import etree

from docgen.checker.pdfpages import read_pdf
from docgen.model.tables import TURN_SLACK, TableColumn, column_title, title_least, turn_titles
from docgen.render import widths, widthscan
from docgen.render.widths import BLANK_MIN, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LANDSCAPE = 16838 - 1701 - 851
DISTRICTS = ["TP Ninh Bình", "TP Tam Điệp", "Hoa Lư", "Gia Viễn", "Nho Quan", "Yên Mô", "Yên Khánh", "Kim Sơn"]


@pytest.mark.parametrize(("title", "kept"), [
    ("TP Ninh Bình", "TP Ninh\u00a0Bình"),
    ("TP Bà Rịa - Vũng Tàu", "TP Bà\u00a0Rịa\u00a0-\u00a0Vũng\u00a0Tàu"),
    ("Yên Khánh", "Yên\u00a0Khánh"),
    ("Huyện Yên Khánh", "Huyện Yên\u00a0Khánh"),  # the level may stand on its own line
    ("Thành phố Ninh Bình", "Thành phố Ninh\u00a0Bình"),
    ("Trường THCS Nguyễn Bỉnh Khiêm", "Trường THCS Nguyễn\u00a0Bỉnh\u00a0Khiêm"),
    # Common words: no name, nothing kept ("Tư pháp", "Ngữ văn" open a phrase in lower case).
    ("Lao động - Việc làm", "Lao động - Việc làm"),
    ("TT Công tác xã hội", "TT Công tác xã hội"),
    ("Phòng Tư pháp", "Phòng Tư pháp"),
    ("Tổ Ngữ văn", "Tổ Ngữ văn"),
    ("Đơn vị tính", "Đơn vị tính"),
])
def test_a_column_title_breaks_only_between_the_parts_of_a_name(title, kept):
    assert column_title(title) == kept


@pytest.mark.parametrize(("title", "kept"), [
    # A unit's name in Phụ lục II: its words of two syllables kept, read two by two in a part of
    # two or four ("TT Công / tác xã hội", "Cơ sở cai / nghiện" were on the page, issue 11).
    ("TT Công tác xã hội", "TT Công\u00a0tác xã\u00a0hội"),
    ("Cơ sở cai nghiện", "Cơ\u00a0sở cai\u00a0nghiện"),
    ("TT Dịch vụ việc làm", "TT Dịch\u00a0vụ việc\u00a0làm"),
    ("Lao động - Việc làm", "Lao\u00a0động - Việc\u00a0làm"),
    ("Phòng Tư pháp", "Phòng Tư\u00a0pháp"),
    ("Văn phòng Sở", "Văn\u00a0phòng Sở"),
    ("TP Bà Rịa - Vũng Tàu", "TP Bà\u00a0Rịa\u00a0-\u00a0Vũng\u00a0Tàu"),
    # An odd part, or a long one: which syllables make a word only a dictionary knows.
    ("Tổ công đoàn", "Tổ công đoàn"),
    ("Người có công", "Người có công"),
    ("Học sinh giỏi cấp thành phố", "Học sinh giỏi cấp thành phố"),
])
def test_a_units_title_keeps_its_words_of_two_syllables(title, kept):
    assert column_title(title, phrases=True) == kept


def test_names_too_wide_side_by_side_are_turned_and_narrow_ones_stay_level():
    first = TableColumn("Chỉ tiêu", 3300, "left")
    fixed = [TableColumn("Đơn vị tính", 800, "center"), TableColumn("Kế hoạch", 1200, "right")]
    total = TableColumn("Cả nhóm", 1100, "right")
    eight = [first, *fixed, *(TableColumn(column_title(n), 900, "right") for n in DISTRICTS), total]
    turned, height = turn_titles(eight, list(range(3, 11)), LANDSCAPE, 3300)
    # Level, the eight names need more than the page leaves "Chỉ tiêu" its 3,300 twips.
    assert sum(title_least(n) for n in DISTRICTS) > LANDSCAPE - 800 - 1200 - 1100 - 3300
    assert [c.turned for c in turned] == [False] * 3 + [True] * 8 + [False]
    # The header row as high as the longest name on one line, with its margins.
    assert abs(height - (max(text_width(n, "bold") for n in DISTRICTS) + TURN_SLACK)) <= 1
    three = [first, *fixed, *(TableColumn(n, 900, "right") for n in ["Văn phòng", "Người có công", "Bảo trợ xã hội"]),
             total]
    level, height = turn_titles(three, [3, 4, 5], LANDSCAPE, 3300)
    assert height == 0 and not any(c.turned for c in level)
    # Level, a unit's words of two syllables kept.
    assert [c.title for c in level] == [c.title if i not in (3, 4, 5) else column_title(c.title, phrases=True)
                                        for i, c in enumerate(three)]


def _turned_table() -> bytes:
    def cell(text: str, turned: bool = False) -> str:
        props = '<w:textDirection w:val="btLr"/>' if turned else ""
        return (f'<w:tc><w:tcPr><w:tcW w:w="1000" w:type="dxa"/>{props}</w:tcPr><w:p><w:r>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>')

    head = cell("Chỉ tiêu") + "".join(cell(n, turned=True) for n in DISTRICTS)
    row = cell("Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ (đến cuối nhiệm kỳ)") + cell("2.756") * 8
    grid = '<w:gridCol w:w="1000"/>' * 9
    table = (f'<w:tbl><w:tblPr><w:tblLayout w:type="autofit"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
             f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr><w:tr>{row}</w:tr></w:tbl>')
    sect = '<w:sectPr><w:pgSz w:w="16838" w:h="11906"/><w:pgMar w:left="1701" w:right="851"/></w:sectPr>'
    xml = f"<w:document {NS}><w:body>{table}{sect}</w:body></w:document>".encode()
    return etree.tostring(etree.fromstring(xml), xml_declaration=True, encoding="UTF-8", standalone=True)


def test_a_turned_title_asks_nothing_of_its_columns_width_on_both_paths():
    xml = _turned_table()
    tree, fast = widths._fit_tree(xml), widthscan.fit_fast(xml)
    assert fast == tree
    grid = [int(c.get(f"{W}w")) for c in etree.fromstring(tree).iter(f"{W}gridCol")]
    figure = text_width("2.756") + 2 * 57 + widths.SLACK
    # Each district's column as wide as its figure (no name counted), the target's name the rest.
    assert grid[1:] == [figure] * 8, grid
    assert grid[0] == LANDSCAPE - 8 * figure


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("titles")
    copy_examples(root)
    for folder in ("ninh-binh-2021", "bao-cao-cong-doan"):
        result = run("build", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    out = root / "pdf"
    out.mkdir()
    docs = [root / "build" / "ninh-binh-2021" / "bao-cao-tong-hop.docx",
            root / "build" / "ninh-binh-2021" / "bieu-mau" / "van_phong.docx",
            root / "build" / "bao-cao-cong-doan" / "bao-cao.docx"]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{root}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *map(str, docs)], check=True, capture_output=True, timeout=600)
    return root


def _tables(docx: Path) -> list[etree._Element]:
    root = etree.fromstring(zipfile.ZipFile(docx).read("word/document.xml"))
    return list(root.iter(f"{W}tbl"))


def _texts(el: etree._Element) -> str:
    return "".join(t.text or "" for t in el.iter(f"{W}t"))


def test_the_districts_titles_are_turned_and_each_name_is_one_line_of_the_page(examples):
    report = examples / "build" / "ninh-binh-2021" / "bao-cao-tong-hop.docx"
    matrix = next(t for t in _tables(report) if "TP Tam\u00a0Điệp" in _texts(t.find(f"{W}tr")))
    head = matrix.find(f"{W}tr")
    cells = head.findall(f"{W}tc")
    turned = [_texts(c).replace("\u00a0", " ") for c in cells if c.find(f"{W}tcPr/{W}textDirection") is not None]
    assert turned == DISTRICTS
    high = int(head.find(f"{W}trPr/{W}trHeight").get(f"{W}val"))
    assert high >= max(text_width(n, "bold") for n in DISTRICTS)
    grid = [int(c.get(f"{W}w")) for c in matrix.iter(f"{W}gridCol")]
    assert grid[0] >= 3300 and sum(grid) == LANDSCAPE  # "Chỉ tiêu" keeps its room
    # The groups of short titles stay level.
    level = [t for t in _tables(report) if "Văn phòng" in _texts(t.find(f"{W}tr")).replace("\u00a0", " ")]
    assert level and all(t.find(f".//{W}textDirection") is None for t in level)
    # The units of the Sở's own group: level, each word of two syllables whole on the page.
    group = next(t for t in _tables(report) if "Cơ sở cai nghiện" in _texts(t.find(f"{W}tr")).replace("\u00a0", " "))
    assert group.find(f".//{W}textDirection") is None
    pages = read_pdf(examples / "pdf" / "bao-cao-tong-hop.pdf")
    heads = [line.text for page in pages for line in page.lines]
    joined = " | ".join(heads)
    for broken in ("TT Công |", "Cơ sở cai |", "TT Dịch |"):
        assert not any(h.endswith(broken[:-2]) for h in heads), broken
    assert "cai nghiện" in joined and "xã hội" in joined
    # On the page each district's name is one line, whole.
    lines = {line.text for page in read_pdf(examples / "pdf" / "bao-cao-tong-hop.pdf") for line in page.lines}
    assert set(DISTRICTS) <= lines, sorted(lines)[:40]


def test_the_trade_unions_table_is_sized_by_content(examples):
    report = examples / "build" / "bao-cao-cong-doan" / "bao-cao.docx"
    table = next(t for t in _tables(report) if "Tổ công đoàn" in _texts(t))
    grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    assert sum(grid) == 11906 - 1701 - 851
    # The record's widths (1.2, 2.6, 2.6, 3 cm) were a start: the figures' columns get their
    # two-line titles, the note its line, the names the rest.
    assert grid != [680, 1474, 1474, 1701] and grid[2] < 1474 and grid[3] < 1474
    lines = [line.text for page in read_pdf(examples / "pdf" / "bao-cao.pdf") for line in page.lines]
    assert any(text.endswith("2 đoàn viên mới") for text in lines), lines


def test_the_forms_note_has_room_and_the_heading_after_the_table_its_space(examples):
    form = examples / "build" / "ninh-binh-2021" / "bieu-mau" / "van_phong.docx"
    table = next(t for t in _tables(form) if "Chỉ tiêu" in _texts(t))
    heads = [_texts(c) for c in table.find(f"{W}tr").findall(f"{W}tc")]
    grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    assert grid[heads.index("Ghi chú")] >= BLANK_MIN
    page_lines = [line for page in read_pdf(examples / "pdf" / "van_phong.pdf") for line in page.lines]
    # The note shows the dots the other blanks show (issue 11, item 6), on the page too: a "…"
    # in the note's column on each target's row, as in "Thực hiện"'s.
    rows = table.findall(f"{W}tr")[1:]
    note, done = heads.index("Ghi chú"), heads.index("Thực hiện")
    assert rows and all(_texts(r.findall(f"{W}tc")[note]) == "…" for r in rows)

    def dots(col: int) -> int:
        left = 1701 / 20 + sum(grid[:col]) / 20
        return sum(w.text == "…" and left <= w.x0 < left + grid[col] / 20 for x in page_lines for w in x.words)

    assert dots(note) == dots(done) == len(rows)

    def gap(heading: str) -> float:
        line = next(x for x in page_lines if x.text.startswith(heading))
        above = [x for x in page_lines if x.page == line.page and x.y0 < line.y0 and x is not line]
        return line.y0 - max(x.y1 for x in above)

    # Below the table's last row as far as below a paragraph of text ("…" before "3. …").
    assert gap("2. Kết quả theo từng lĩnh vực") >= gap("3. Mô hình, sáng kiến") - 1
