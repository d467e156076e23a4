"""Tables made lower (issue 11, tables part): a targets table of long names beside columns of
figures and "—" gives the names what the short columns' headers can spare (a header may go to
three lines), no figure breaks, the blanks a unit fills have room for a figure, and the widths
still fill the text width. Lines are counted here with the font's widths, independently of
docgen's own counting, and on LibreOffice's PDF of a plan with long targets."""

import re
import subprocess

from conftest import _need, copy_examples, run
from lxml import etree
from test_column_widths import LANDSCAPE, PAD, PORTRAIT, _document, _grids, _table

from docgen.render.widths import BLANK_MIN, SLACK, fit_tables, text_width

LONG = [
    "Tỷ lệ lao động qua đào tạo (đến cuối nhiệm kỳ) của các cơ quan, đơn vị trên địa bàn toàn tỉnh, tính theo"
    " số liệu thống kê chính thức được Cục Thống kê tỉnh công bố hằng năm",
    "Số lao động được giải quyết việc làm mỗi năm theo hướng dẫn của Bộ Lao động - Thương binh và Xã hội và kết"
    " quả rà soát cuối năm của Ủy ban nhân dân cấp xã",
    "Tỷ lệ thất nghiệp mỗi năm",
    "Tỷ lệ đối tượng đủ điều kiện được hưởng trợ cấp xã hội thường xuyên tại cộng đồng, kể cả các đối tượng mới"
    " phát sinh trong năm được cấp có thẩm quyền phê duyệt",
]
HEADS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện năm trước", "Thực hiện năm báo cáo",
         "Kế hoạch so sánh", "Tỷ lệ (%)", "Đánh giá", "Ghi chú"]
FIGURES = [("%", "70%-72%", "—", "70,07%", "—", "—", "Chưa đủ số liệu"),
           ("người", "2.000 người", "—", "17.349", "17.100", "101,5", "Vượt"),
           ("%", "dưới 2%", "—", "1,8%", "—", "—", "Chưa đủ số liệu"),
           ("%", "100%", "—", "100%", "100%", "100", "Đạt")]
ROWS = [[str(i), name, *figures, ""]
        for i, (name, figures) in enumerate(zip(LONG * 3, FIGURES * 3, strict=True), start=1)]
TEMPLATE = [645, 4300, 800, 1100, 1100, 1100, 1100, 750, 1100, 2036]


def _lines(text: str, room: int, bold: bool = False) -> int:
    """Lines of `text` in `room` twips, broken at spaces as a word processor does."""
    face = "bold" if bold else "regular"
    count, used = 1, -1
    for word in text.split():
        size = text_width(word, face)
        if used >= 0 and used + text_width(" ", face) + size <= room:
            used += text_width(" ", face) + size
        else:
            count += used >= 0
            used = size
    return count


def _height(widths: list[int], heads: list[str], rows: list[list[str]]) -> int:
    """The table's lines: each row as high as its fullest cell, the header row's counted too."""
    room = [w - PAD - SLACK // 2 for w in widths]
    return (max(_lines(h, r, bold=True) for h, r in zip(heads, room, strict=True))
            + sum(max(_lines(c, r) for c, r in zip(row, room, strict=True)) for row in rows))


def _two_lines(head: str) -> int:
    """A header's width in two lines (the rule before this change: no header went to three)."""
    words = head.split()
    return min((max(text_width(" ".join(words[:i]), "bold"), text_width(" ".join(words[i:]), "bold"))
                for i in range(1, len(words))), default=text_width(head, "bold"))


def test_long_targets_take_what_the_short_columns_can_spare_and_the_table_is_lower():
    (widths,) = _grids(fit_tables(_document(_table(HEADS, ROWS, TEMPLATE), landscape=True)))
    assert sum(widths) == LANDSCAPE
    # Before: each short column kept its two-line header (and its longest cell) whole, the names
    # had the rest; the notes ("Ghi chú", empty) had their header's need.
    before = [max([_two_lines(h)] + [text_width(row[i]) for row in ROWS]) + PAD + SLACK for i, h in enumerate(HEADS)]
    before[1] = LANDSCAPE - sum(before) + before[1]
    assert _height(widths, HEADS, ROWS) < _height(before, HEADS, ROWS)
    assert widths[1] > before[1]
    # Short columns' headers went to three lines and more for it, a word a line at most: no word
    # of a header broken. A header the table is no lower for has its twips back: "Đơn vị / tính"
    # beside the row's other headers of three lines, not a word a line (a school's "Số / học /
    # sinh", issue 11).
    room = [w - PAD - SLACK // 2 for w in widths]
    head_lines = [_lines(h, r, bold=True) for h, r in zip(HEADS, room, strict=True)]
    assert head_lines[2] == 2 and max(head_lines) >= 3
    for head, width in zip(HEADS, widths, strict=True):
        assert all(text_width(word, "bold") + PAD <= width for word in head.split()), head
    # No figure breaks, nor a figure from its word ("2.000 người", "dưới 2%").
    for row in ROWS:
        for cell, width in zip(row[2:], widths[2:], strict=True):
            if re.search(r"\d", cell) and len(cell.split()) <= 2:
                assert text_width(cell) + PAD <= width, (cell, width)
    # The empty notes keep only what their header needs.
    assert widths[-1] <= text_width("Ghi chú", "bold") + PAD + SLACK


def test_a_column_of_blanks_has_room_for_a_figure_however_narrow_its_template():
    rows = [["1", LONG[0], "…", "…", "…", ""], ["2", LONG[1], "…", "…", "…", ""]]
    table = _table(["STT", "Chỉ tiêu", "Thực hiện", "Tỷ lệ (%)", "Năm trước", "Ghi chú"], rows,
                   [700, 5854, 700, 600, 1200, 300], fields=(2, 3, 4, 5))
    (widths,) = _grids(fit_tables(_document(table)))
    assert sum(widths) == PORTRAIT
    # "100,0%" typed at 13 pt, with the cell's margins (955 twips), but never under the README's
    # 1.7 cm (964 twips: 1.70 cm read back, not 1.68), from BLANK_MIN ...
    assert text_width("100,0%") + PAD + SLACK == 955 < BLANK_MIN == 964
    assert widths[2] == widths[3] == BLANK_MIN
    # ... or the template's width when the clerk made it wider.
    assert widths[4] == 1200
    # An empty blank (a note the unit fills) as much: at 300 twips, or its header's one word, a
    # clerk could not write in it (issue 11, fresh users: the form's "Ghi chú" at 1 cm).
    assert widths[5] == BLANK_MIN > text_width("Ghi", "bold") + PAD + SLACK


def _long_plan(root):
    """The example with its first twelve targets' names lengthened to three lines and more."""
    plan = root / "plans" / "ninh-binh-2021" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    tail = LONG[0].split("nhiệm kỳ)")[1]
    names = iter(range(12))
    text = re.sub(r"(?m)^(    name: )(.+)$", lambda m: m.group(0) + (tail if next(names, None) is not None else ""),
                  text[text.index("\ntargets:"):])
    plan.write_text(plan.read_text(encoding="utf-8").split("\ntargets:")[0] + text, encoding="utf-8")


def test_the_long_targets_of_another_plan_lay_out_without_a_broken_figure(tmp_path):
    _need("soffice", "pdftotext")
    root = copy_examples(tmp_path / "ws")
    _long_plan(root)
    result = run("build", "--draft", root / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    report = root / "build" / "ninh-binh-2021-du-thao" / "bao-cao-tong-hop.docx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(report)], check=True, capture_output=True, timeout=300)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "bao-cao-tong-hop.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    annex = text[text.index("Phụ lục I\n"):]
    assert "của các cơ quan, đơn vị trên địa bàn toàn tỉnh" in annex  # the long names are there
    # Every figure of the annex's first table whole on its line: "70%-72%", "28%-32%", "dưới 2%".
    for figure in ("70%-72%", "28%-32%", "dưới 2%", "19.400", "17.349"):
        assert re.search(rf"(?<![\w.,%-]){re.escape(figure)}(?![\w.,%-])", annex), figure
    # The list tables still span the text width of their sections.
    import zipfile

    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root_xml = etree.fromstring(zipfile.ZipFile(report).read("word/document.xml"))
    sized = [t for t in root_xml.iter(f"{W}tbl") if t.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None]
    assert sized and all(sum(int(c.get(f"{W}w")) for c in t.iter(f"{W}gridCol")) in (PORTRAIT, LANDSCAPE)
                         for t in sized)
