"""Column widths chosen by content (issue 11, item 4), read back from the .docx docgen writes and
from LibreOffice's PDF: every list table spans its section's text width, an empty column gets
little, a long one more, and a clerk who fixes a table's layout in Word keeps its widths."""

import io
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import _need, copy_examples, run
from lxml import etree

from docgen.checker.pdfpages import read_pdf
from docgen.render.widths import BLANK_MIN, SLACK, _count, _sizes, _words, column_widths, fit_tables, share, text_width

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PORTRAIT = 11906 - 1701 - 851  # 16.5 cm of text, twips
LANDSCAPE = 16838 - 1701 - 851
PAD = 2 * 57
FORM = "ninh-binh-2021/bieu-mau/hoa_lu.docx"
OLD_FORM_WIDTHS = [700, 4054, 800, 1000, 1000, 800, 1000]  # the hand widths before issue 11's item 4


def _cell(text: str, width: int = 1000, field: bool = False) -> str:
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    if field:
        run = f"<w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent>{run or '<w:r><w:t/></w:r>'}</w:sdtContent></w:sdt>"
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr><w:p>{run}</w:p></w:tc>'


def _table(heads: list[str], rows: list[list[str]], widths: list[int], layout: str = "autofit",
           fields: tuple[int, ...] = ()) -> str:
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(_cell(h, w) for h, w in zip(heads, widths, strict=True))
    body = "".join("<w:tr>" + "".join(_cell(c, w, i in fields)
                                      for i, (c, w) in enumerate(zip(row, widths, strict=True))) + "</w:tr>"
                   for row in rows)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="{layout}"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{body}</w:tbl>")


def _document(*tables: str, landscape: bool = False) -> bytes:
    w, h = (16838, 11906) if landscape else (11906, 16838)
    sect = (f'<w:sectPr><w:pgSz w:w="{w}" w:h="{h}"/>'
            '<w:pgMar w:left="1701" w:right="851" w:top="1134" w:bottom="1134"/></w:sectPr>')
    return f'<w:document {NS}><w:body>{"<w:p/>".join(tables)}{sect}</w:body></w:document>'.encode()


def _grids(xml: bytes) -> list[list[int]]:
    root = etree.fromstring(xml)
    return [[int(c.get(f"{W}w")) for c in t.iter(f"{W}gridCol")] for t in root.iter(f"{W}tbl")]


NAMES = ["Tỷ lệ lao động qua đào tạo có bằng cấp, chứng chỉ (đến cuối nhiệm kỳ)",
         "Số lao động được giải quyết việc làm mỗi năm", "Tỷ lệ xã, phường làm tốt công tác thương binh, liệt sỹ"]
TARGETS = _table(["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Ghi chú"],
                 [[str(i), name, "%", "28%-32%", ""] for i, name in enumerate(NAMES, start=1)],
                 [700, 4054, 800, 1000, 2800])


def test_widths_fill_the_text_width_the_empty_column_gets_little_the_long_one_more():
    out = fit_tables(_document(TARGETS))
    (widths,) = _grids(out)
    assert sum(widths) == PORTRAIT
    stt, name, unit, planned, note = widths
    # "Ghi chú" holds nothing: its header in two lines (its longest word, bold), the cell's margins
    # and the slack every whole line gets; no more.
    assert note == text_width("Ghi", "bold") + PAD + SLACK
    # The names get all the rest: they would take a line of 11 cm each, every other column is short.
    assert name == PORTRAIT - stt - unit - planned - note and name > 4054
    assert planned >= text_width("28%-32%") + PAD  # a figure never wraps
    # Each cell and the whole table say the same widths; the layout is fixed, so Word keeps them.
    root = etree.fromstring(out)
    assert [int(c.get(f"{W}w")) for c in root.find(f".//{W}tr").iter(f"{W}tcW")] == widths
    assert root.find(f".//{W}tblW").get(f"{W}w") == str(PORTRAIT)
    assert root.find(f".//{W}tblLayout").get(f"{W}type") == "fixed"


def test_a_landscape_section_gives_its_own_width():
    (widths,) = _grids(fit_tables(_document(TARGETS, landscape=True)))
    assert sum(widths) == LANDSCAPE


def test_same_content_same_widths_and_bytes():
    assert fit_tables(_document(TARGETS)) == fit_tables(_document(TARGETS))
    # The template's widths play no part when the content decides.
    other = _document(TARGETS.replace('w:w="4054"', 'w:w="3000"').replace('w:w="2800"', 'w:w="3854"'))
    assert _grids(fit_tables(other)) == _grids(fit_tables(_document(TARGETS)))


def test_a_fixed_layout_keeps_the_clerks_widths():
    # In Word: Table Properties > Options > "Automatically resize to fit contents" unticked.
    fixed = _document(TARGETS.replace('w:type="autofit"', 'w:type="fixed"'))
    assert fit_tables(fixed) == fixed
    # A table without a repeated header row (the header block, the signature) is layout: untouched.
    layout = _document(TARGETS.replace("<w:trPr><w:tblHeader/></w:trPr>", ""))
    assert fit_tables(layout) == layout


def test_when_everything_fits_the_rest_goes_by_the_templates_widths():
    # Short names: every column has its line, and what is left goes to the columns of text in the
    # proportions of the template; a clerk who widened "Tên" in the template sees it wider.
    rows = [["1", "Văn phòng Sở", "Tổ Hành chính"], ["2", "Phòng Người có công", "Tổ Chính sách"]]
    narrow = _grids(fit_tables(_document(_table(["STT", "Tên", "Tổ"], rows, [700, 3000, 3000]))))[0]
    wide = _grids(fit_tables(_document(_table(["STT", "Tên", "Tổ"], rows, [700, 6000, 2000]))))[0]
    assert sum(narrow) == sum(wide) == PORTRAIT
    assert narrow[0] == wide[0] == text_width("STT", "bold") + PAD + SLACK  # numbers take nothing more
    assert abs(narrow[1] - narrow[2]) <= text_width("Phòng Người có công") - text_width("Tổ Chính sách")
    assert wide[1] > 2 * wide[2]


def test_a_column_of_blanks_keeps_the_templates_width():
    # The unit types "Thực hiện" by hand: the template's 1.200 twips stay, however empty.
    rows = [["1", NAMES[0], ""], ["2", NAMES[1], ""]]
    widths = _grids(fit_tables(_document(_table(["STT", "Chỉ tiêu", "Thực hiện"], rows, [700, 7454, 1200],
                                                fields=(2,)))))[0]
    assert widths[2] == 1200 and sum(widths) == PORTRAIT


def test_two_long_columns_share_by_what_makes_the_table_lowest():
    # Names in every row, a long note in one: the names get more than half of what the two share.
    rows = [[str(i), name, ""] for i, name in enumerate(NAMES * 3, start=1)]
    rows[0][2] = "Hoa Lư: gồm 412 lao động qua các phiên Ngày hội việc làm và sàn giao dịch trực tuyến"
    widths = _grids(fit_tables(_document(_table(["STT", "Chỉ tiêu", "Ghi chú"], rows, [700, 4327, 4327]))))[0]
    assert sum(widths) == PORTRAIT and widths[1] > widths[2]


LONG_NAMES = ["Bà Công Tằng Tôn Nữ Thị Bích Ngọc", "Bà Nguyễn Phạm Bảo Châu", "Ông Dương Quốc Trung",
              "Bà Nguyễn Thị Hồng Nhung"]
OFFICES = ["Bác sĩ, Khoa Hồi sức tích cực - Chống độc Bệnh viện Đa khoa tỉnh Phú Thọ (cơ sở 2 tại thị xã Phú Thọ)",
           "Bí thư Đoàn, Đoàn Thanh niên Trung tâm Y tế huyện Thanh Sơn",
           "Kỹ thuật viên xét nghiệm, Trung tâm Y tế huyện Tân Sơn", "Giám đốc, Trung tâm Y tế huyện Tân Sơn"]


def _row_lines(rows: list[list[str]], widths: list[int]) -> list[list[int]]:
    """Each cell's lines at `widths` (the cell's margins and balance's half slack off), as docgen counts them."""
    out = []
    for row in rows:
        out.append([_count([(_sizes(_words(text), "regular"), text_width(" "))], w - PAD - SLACK // 2)
                    for text, w in zip(row, widths, strict=True)])
    return out


def test_a_list_gives_its_names_less_than_their_line_when_the_table_gets_lower():
    # Both columns want more than the even share (5.8 cm of names, 19 cm of offices). Names whole
    # (the rule before) left the offices 3 cm; now the names give twips while the table gets lower,
    # and no more: a name is broken only where its row is no higher for it.
    pairs = zip(LONG_NAMES, OFFICES, strict=True)
    rows = [[str(i), name, office, "540.000"] for i, (name, office) in enumerate(pairs, 1)]
    xml = fit_tables(_document(_table(["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Tiền thưởng (đồng)"],
                                      rows, [645, 2566, 4614, 1529])))
    widths = _grids(xml)[0]
    assert sum(widths) == PORTRAIT
    whole = list(widths)
    whole[1] = text_width(LONG_NAMES[0]) + PAD + SLACK
    whole[2] = PORTRAIT - whole[0] - whole[1] - whole[3]
    lines, before = _row_lines(rows, widths), _row_lines(rows, whole)
    assert sum(map(max, lines)) < sum(map(max, before))
    for name, row in zip(LONG_NAMES, lines, strict=True):
        assert row[1] == 1 or row[1] <= row[2], name  # broken only beside an office as high
    assert any(row[1] > 1 for row in lines) and widths[1] <= text_width(LONG_NAMES[0]) + PAD + SLACK
    stt, money = text_width("STT", "bold") + PAD + SLACK, text_width("Tiền thưởng", "bold") + PAD
    assert widths[0] == stt and widths[3] >= money
    assert widths[2] == PORTRAIT - widths[0] - widths[1] - widths[3] > widths[1] // 2
    # Names as long as the offices: nobody's line is short, the even share stays.
    rows = [[str(i), office, office, "540.000"] for i, office in enumerate(OFFICES, 1)]
    widths = _grids(fit_tables(_document(_table(["STT", "Họ và tên", "Chức vụ", "Tiền"], rows,
                                                [645, 2566, 4614, 1529]))))[0]
    assert abs(widths[1] - widths[2]) <= 1024


def test_share_is_exact_in_whole_twips():
    assert share([600, 900, 700], [600, 9000, 5000], [1, 1, 1], 9354) == [600, 4377, 4377]
    assert sum(share([3000, 4000, 5000], [3000, 4000, 5000], [1, 1, 1], 9354)) == 9354  # too wide: shrunk
    # A table whose grid has a spanned totals row: each cell is given the sum of its columns.
    table = etree.fromstring(_document(TARGETS.replace(
        "</w:tbl>", '<w:tr><w:tc><w:tcPr><w:tcW w:w="1" w:type="dxa"/><w:gridSpan w:val="3"/></w:tcPr><w:p/></w:tc>'
                    + _cell("9") + _cell("") + "</w:tr></w:tbl>"))).find(f".//{W}tbl")
    widths = column_widths(table, PORTRAIT)
    out = etree.fromstring(fit_tables(etree.tostring(table.getparent().getparent())))
    last = out.findall(f".//{W}tr")[-1]
    assert [int(c.get(f"{W}w")) for c in last.iter(f"{W}tcW")] == [sum(widths[:3]), widths[3], widths[4]]


# --- The examples, read back ------------------------------------------------------------------


def _grid_of(path: Path, first_head: str) -> dict[str, int]:
    """The header texts -> widths of every list table of `path` whose first heads are those."""
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for t in root.iter(f"{W}tbl"):
        row = t.find(f"{W}tr")
        heads = ["".join(x.text or "" for x in c.iter(f"{W}t")) for c in row.iterchildren(f"{W}tc")]
        if row.find(f"{W}trPr/{W}tblHeader") is not None and first_head in heads:
            out.append(dict(zip(heads, (int(c.get(f"{W}w")) for c in t.iter(f"{W}gridCol")), strict=True)))
    return out


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("widths")
    copy_examples(root)
    for folder in ("ninh-binh-2021", "thi-dua-truong-tieu-hoc"):
        result = run("build", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    return root


def test_the_lists_of_one_decision_line_up(examples):
    for path in (examples / "build").rglob("du-thao-giay-khen*.docx"):
        collective, individual = _grid_of(path, "STT")
        assert sum(collective.values()) == sum(individual.values()) == PORTRAIT
        assert collective["STT"] == individual["STT"]
        assert collective["Tiền thưởng (đồng)"] == individual["Tiền thưởng (đồng)"]
        # Every name on one line: the column is wider than the longest (Ông Bùi Quang Hưng Anh).
        names = [row.cells[1] for row in docx.Document(str(path)).tables[-1].rows[1:]
                 if row.cells[1]._tc is not row.cells[0]._tc]  # not the totals, across the columns
        longest = max(text_width(c.paragraphs[0].text) for c in names)
        assert individual["Họ và tên"] >= longest + PAD


def test_the_report_gives_the_names_room_and_an_empty_note_little(examples):
    report = examples / "build" / "ninh-binh-2021" / "bao-cao-tong-hop.docx"
    annex_one = next(g for g in _grid_of(report, "Chỉ tiêu") if "Ghi chú" in g)
    assert sum(annex_one.values()) == LANDSCAPE
    assert annex_one["Chỉ tiêu"] > 4300  # the hand width it had
    assert annex_one["Chỉ tiêu"] == max(annex_one.values())
    # The notes get what the names leave: less than the names, more than their header.
    assert text_width("Ghi", "bold") + PAD < annex_one["Ghi chú"] < annex_one["Chỉ tiêu"]


def _column_lines(docx: Path, pdf: Path, head: str | None) -> int:
    """The lines of the form's target table in column `head`, counted on the PDF: the distinct
    baselines of the words that start inside the column (every column: `head` None), from the
    table's heading to the next."""
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    table = next(t for t in root.iter(f"{W}tbl") if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None)
    heads = ["".join(x.text or "" for x in c.iter(f"{W}t")) for c in table.find(f"{W}tr").iterchildren(f"{W}tc")]
    grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    i = heads.index(head) if head else 0
    left = (1701 + sum(grid[:i])) / 20
    right = left + (grid[i] if head else sum(grid)) / 20
    seen, inside = set(), False
    for page in read_pdf(pdf):
        for line in page.lines:
            if line.text.startswith("1. Kết quả thực hiện các chỉ tiêu"):
                inside = True
            elif line.text.startswith("2. Kết quả theo"):
                return len(seen)
            elif inside:
                seen.update((page.number, round(w.y0)) for w in line.words if left <= w.x0 < right)
    return len(seen)


def _old_widths(template: Path) -> None:
    """The form template as it was before, or as a clerk would fix it: the targets' table with
    "Automatically resize to fit contents" off and the hand widths of before."""
    with zipfile.ZipFile(template) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    table = next(t for t in root.iter(f"{W}tbl") if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None)
    table.find(f"{W}tblPr/{W}tblLayout").set(f"{W}type", "fixed")
    for col, width in zip(table.iter(f"{W}gridCol"), OLD_FORM_WIDTHS, strict=True):
        col.set(f"{W}w", str(width))
    for row in table.iterchildren(f"{W}tr"):
        cells = list(row.iterchildren(f"{W}tc"))
        if len(cells) == len(OLD_FORM_WIDTHS):
            for cell, width in zip(cells, OLD_FORM_WIDTHS, strict=True):
                cell.find(f"{W}tcPr/{W}tcW").set(f"{W}w", str(width))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    template.write_bytes(buffer.getvalue())


def test_the_forms_target_table_is_lower_than_with_hand_widths(examples, tmp_path):
    _need("soffice", "pdftotext")
    hand = copy_examples(tmp_path / "hand")
    _old_widths(hand / "templates" / "bieu-mau.docx")
    result = run("build", hand / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    kept = _grid_of(hand / "build" / FORM, "STT")[0]
    assert list(kept.values()) == OLD_FORM_WIDTHS  # the fixed table kept the clerk's widths
    by_content = _grid_of(examples / "build" / FORM, "STT")[0]
    # The figures the unit fills ("…") have room for a figure (BLANK_MIN), no more; its note (an
    # empty blank) as much, not the template's 600 twips (1 cm: no room to write in); "Chỉ tiêu"
    # the rest.
    assert by_content["Thực hiện"] == by_content["Tỷ lệ (%)"] == BLANK_MIN < 1000
    assert by_content["Ghi chú"] == BLANK_MIN
    assert by_content["Chỉ tiêu"] == max(by_content.values())
    lines = {}
    for name, root in (("hand", hand), ("content", examples)):
        out = tmp_path / name
        out.mkdir(exist_ok=True)
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), str(root / "build" / FORM)], check=True, capture_output=True, timeout=300)
        lines[name] = _column_lines(root / "build" / FORM, out / "hoa_lu.pdf", None)
    assert 0 < lines["content"] < lines["hand"], lines


def test_the_columns_a_unit_fills_are_at_least_the_readmes_1_7_cm(examples):
    # README: a blank column keeps "ít nhất 1,7 cm". 1.7 cm = 963.78 twips; read back in cm
    # (twips * 2.54 / 1440, two decimals) a fill-in column must not show 1,68 cm (955 twips).
    grid = _grid_of(examples / "build" / FORM, "STT")[0]
    for head in ("Thực hiện", "Tỷ lệ (%)", "Ghi chú"):
        assert grid[head] >= 964, (head, grid[head])
        assert round(grid[head] * 2.54 / 1440, 2) >= 1.70, (head, grid[head])


def test_a_template_saved_by_libreoffice_still_sizes_by_content(examples, tmp_path):
    # LibreOffice writes every table "fixed" (it has no "resize to fit contents"): in its file that
    # says nothing, so the form's targets are sized as from the stock template.
    _need("soffice")
    saved = copy_examples(tmp_path / "lo")
    template = saved / "templates" / "bieu-mau.docx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(tmp_path / "out"), str(template)],
                   check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "out" / "bieu-mau.docx") as zf:
        assert b'<w:tblLayout w:type="fixed"/>' in zf.read("word/document.xml")
        assert b"LibreOffice" in zf.read("docProps/app.xml")
    template.write_bytes((tmp_path / "out" / "bieu-mau.docx").read_bytes())
    result = run("build", saved / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    grid = _grid_of(saved / "build" / FORM, "STT")[0]
    stock = _grid_of(examples / "build" / FORM, "STT")[0]
    assert sum(grid.values()) == PORTRAIT
    assert grid["Kế hoạch"] == stock["Kế hoạch"] >= text_width("70%-72%") + PAD  # by its figures
    assert grid["Chỉ tiêu"] == max(grid.values())
