"""The list tables sized on the part's bytes (docgen/render/widthscan.py, the path every build
takes) give byte for byte what the lxml path gives (parse the part, size, write it back): over
every document of every shipped example as rendered, and over hand-made tables with what a
clerk's template may hold (entities, merged cells, a table in a cell, a section break in a
paragraph, content controls, a table inside a content control)."""

import random

import pytest
from conftest import copy_examples, run
from lxml import etree

import docgen.render
import docgen.render.batch
from docgen.render import widths, widthscan

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
SECTION = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:left="1701" w:right="851"/></w:sectPr>'
LANDSCAPE = ('<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
             '<w:pgMar w:left="1701" w:right="851"/></w:sectPr></w:pPr></w:p>')


def _as_rendered(body: str) -> bytes:
    """A document.xml as docgen's render writes it (lxml's writing)."""
    xml = f"<w:document {NS}><w:body>{body}{SECTION}</w:body></w:document>"
    return etree.tostring(etree.fromstring(xml.encode()), xml_declaration=True, encoding="UTF-8", standalone=True)


def _cell(text: str, width: int = 1500, props: str = "", bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    run_ = f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{props}</w:tcPr><w:p>{run_}</w:p></w:tc>'


def _list(rows: list[str], layout: str = "autofit", grid: tuple[int, ...] = (700, 3000, 3000, 1500)) -> str:
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    head = ("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            + "".join(_cell(h, w) for h, w in zip(["STT", "Họ và tên", "Chức vụ &amp; đơn vị", "Ghi chú"], grid,
                                                 strict=True)) + "</w:tr>")
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="Bang"/><w:jc w:val="center"/><w:tblLayout w:type="{layout}"/>'
            '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
            f"</w:tblPr><w:tblGrid>{cols}</w:tblGrid>{head}{''.join(rows)}</w:tbl>")


def _row(*cells: str, props: str = "<w:trPr><w:cantSplit/></w:trPr>") -> str:
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


PLAIN = [_row(_cell(str(i), 700), _cell(name, 3000), _cell(office, 3000), _cell("", 1500))
         for i, (name, office) in enumerate([
             ("Bà Hồ Kim Vân", "Chuyên viên, Phòng Người có công"),
             ("Ông Nguyễn Văn A &lt;Tư&gt; &amp; &quot;Ba&quot; &#7875;&#x1EC3;", "Trưởng phòng &apos;Lao động&apos;"),
             ("Ông Trần\u00a0Văn\u00a0Bình", "Phó Giám đốc Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình"),
         ], start=1)]
MERGED = [
    _row(_cell("1", 700, '<w:vMerge w:val="restart"/>'), _cell("Tập thể Phòng Kế hoạch - Tài chính", 6000,
                                                                 '<w:gridSpan w:val="2"/>'), _cell("x", 1500)),
    _row(_cell("", 700, "<w:vMerge/>"), _cell("Ông Lê Văn C", 3000), _cell("Kế toán viên", 3000),
         _cell("Có ghi chú dài một chút cho cột cuối", 1500)),
    _row(_cell("Cộng", 3700, '<w:gridSpan w:val="2"/>', bold=True), _cell("2 người", 3000), _cell("", 1500),
         props='<w:trPr><w:gridBefore w:val="0"/></w:trPr>'),
]
NESTED = _row(_cell("9", 700), "<w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>"
              + '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="2800"/>'
              + '</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>trong</w:t></w:r></w:p>'
              + "</w:tc></w:tr></w:tbl><w:p/></w:tc>", _cell("Ở ngoài", 3000), _cell("", 1500))
FIELD = _row(_cell("4", 700), _cell("Bà Đinh Thị D", 3000),
             '<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:sdt><w:sdtPr><w:text/></w:sdtPr>'
             '<w:sdtContent><w:r><w:t xml:space="preserve">Điền vào</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc>',
             _cell("", 1500))
HEADER_BLOCK = ('<w:tbl><w:tblPr><w:tblW w:w="9354" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
                '<w:tblGrid><w:gridCol w:w="4139"/><w:gridCol w:w="5215"/></w:tblGrid>'
                + _row(_cell("UBND TỈNH NINH BÌNH", 4139), _cell("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 5215), props="")
                + "</w:tbl>")
PARA = '<w:p><w:r><w:t xml:space="preserve">Điều 1. Tặng Giấy khen cho:</w:t></w:r></w:p>'

CASES = {
    "plain": PARA + _list(PLAIN),
    "merged cells": _list(MERGED + PLAIN),
    "a table in a cell": _list(PLAIN + [NESTED]),
    "a table in a cell, the list beside": _list([NESTED], layout="fixed") + PARA + _list(PLAIN),
    "a content control": _list([FIELD] + PLAIN),
    "two sections": HEADER_BLOCK + _list(PLAIN) + LANDSCAPE + _list(MERGED) + PARA,
    "fixed": _list(PLAIN, layout="fixed"),
    "no header row": _list(PLAIN).replace("<w:tblHeader/>", ""),
    "header row off": _list(PLAIN).replace("<w:tblHeader/>", '<w:tblHeader w:val="0"/>'),
    "no layout, no grid widths": _list(PLAIN).replace('<w:tblLayout w:type="autofit"/>', "").replace(
        '<w:gridCol w:w="3000"/>', "<w:gridCol/>"),
    "rows not plain": _list([p.replace("<w:tr>", '<w:tr w:rsidR="00A1"><w:bookmarkStart w:id="1" w:name="b"/>')
                             for p in PLAIN] + MERGED),
    "a list in a content control": (f"<w:sdt><w:sdtPr/><w:sdtContent>{_list(PLAIN)}</w:sdtContent></w:sdt>"
                                    + _list(MERGED)),
    "a comment": "<!-- clerk's note -->" + _list(PLAIN),
    "a tracked change": _list(PLAIN).replace("<w:tblPr>", '<w:tblPr><w:tblPrChange w:id="1" w:author="A">'
                                             '<w:tblPr/></w:tblPrChange>', 1),
}
READ_FAST = {"plain", "merged cells", "a table in a cell", "a table in a cell, the list beside", "a content control",
             "two sections", "fixed", "no header row", "header row off", "no layout, no grid widths",
             "rows not plain", "a list in a content control"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_fast_path_writes_the_bytes_of_the_tree_path(case):
    xml = _as_rendered(CASES[case])
    tree = widths._fit_tree(xml)
    fast = widthscan.fit_fast(xml)
    if case in READ_FAST:
        assert fast == tree
    else:  # what it does not read exactly goes to the tree path
        assert fast is None
    assert widths.fit_tables(xml) == tree


def test_the_hand_made_tables_are_sized_as_they_should_be():
    out = etree.fromstring(widthscan.fit_fast(_as_rendered(CASES["two sections"])))
    grids = [[int(c.get(f"{W}w")) for c in t.iter(f"{W}gridCol")] for t in out.iter(f"{W}tbl")]
    assert grids[0] == [4139, 5215]  # the header block: layout, not a list
    # A section's properties close it: the first list is in the landscape section, the second not.
    assert sum(grids[1]) == 16838 - 1701 - 851 and sum(grids[2]) == 11906 - 1701 - 851
    merged = out.findall(f"{W}body/{W}tbl")[2]
    cells = [int(w.get(f"{W}w")) for w in merged.find(f"{W}tr[2]").iter(f"{W}tcW")]
    assert cells[1] == grids[2][1] + grids[2][2]  # the spanned cell covers its two columns
    # A table in a cell keeps the list as it was (the tree path's rule), and is not taken for its end.
    nested = _as_rendered(CASES["a table in a cell, the list beside"])
    out = etree.fromstring(widthscan.fit_fast(nested))
    tables = out.findall(f"{W}body/{W}tbl")
    assert tables[0].find(f"{W}tblGrid/{W}gridCol").get(f"{W}w") == "700"
    assert sum(int(c.get(f"{W}w")) for c in tables[1].iter(f"{W}gridCol")) == 11906 - 1701 - 851
    # The entities are read as text: "&lt;Tư&gt;" is as wide as "<Tư>", not as its letters.
    assert b"&lt;T\xc6\xb0&gt;" in widthscan.fit_fast(_as_rendered(CASES["plain"]))


def test_every_example_document_the_same_bytes_on_both_paths(tmp_path, monkeypatch):
    parts: list[bytes] = []

    def record(xml: bytes) -> bytes:
        parts.append(xml)
        return widths.fit_tables(xml)

    monkeypatch.setattr(docgen.render, "fit_tables", record)
    monkeypatch.setattr(docgen.render.batch, "PARALLEL_FROM", 10**9)  # rendered here, where `record` is
    root = copy_examples(tmp_path)
    result = run("build", *sorted(p for p in (root / "plans").iterdir() if p.is_dir()))
    assert result.exit_code == 0, result.output
    listed = [xml for xml in parts if b"tblHeader" in xml]
    assert len(listed) >= 20, len(parts)
    fast = 0
    for xml in listed:
        out = widthscan.fit_fast(xml)
        assert out is not None  # every shipped template is read on the fast path
        assert out == widths._fit_tree(xml)
        fast += out != xml
    assert fast >= 20


def test_a_columns_lines_read_by_steps_are_counted_as_line_by_line():
    """`widths._Lines` (the byte path's count of a column's lines at the widths `balance` tries:
    each line's whole width, then its `_steps`) against `_count` line by line (the tree path's),
    at every room from the narrowest asked to past the widest line: cells of one or several
    lines, rows of no cell or two, words wider than the room (broken), spaces of 0."""
    rng = random.Random(16)
    tried = 0
    for _ in range(400):
        rows = [[[([rng.randint(1, 900) for _ in range(rng.randint(1, 14))], rng.choice([0, 65, 72]))
                  for _ in range(rng.randint(1, 3))] for _ in range(rng.randint(0, 2))]
                for _ in range(rng.randint(1, 4))]
        for low in (1, 300, 900):
            counter = widths._Lines(rows, low)
            for room in range(low, 7000, 23):
                assert counter.at(room) == [max((widths._count(lines, room) for lines in cells), default=0)
                                            for cells in rows], (rows, low, room)
                tried += 1
    assert tried > 100_000
