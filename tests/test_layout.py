"""Keep rules, tables, rules under titles, sizes and blanks as set in the XML (issue 11), read
back from every document the examples build."""

import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import ROOT, copy_examples, issue_all, run
from lxml import etree

from docgen.render.layout import RULE_RATIO, fit_title_rules, keep_closing, longest_line, no_break_in_ranges
from docgen.render.readback import subject_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_WIDTH = 11906 - 1701 - 851  # A4 less the 30 mm and 15 mm margins, in twips (16.5 cm)
FOLDERS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())
NUMBER_HEADS = {"Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Tiền thưởng (đồng)"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> list[Path]:
    root = tmp_path_factory.mktemp("layout")
    copy_examples(root)
    for folder in FOLDERS:
        result = run("build", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    issue_all(root / "plans" / "ninh-binh-2021")  # its decisions as issued, numbered (Điều 15.2)
    return sorted((root / "build").rglob("*.docx"))


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(part))


def _style(p) -> str:
    s = p.find(f"{W}pPr/{W}pStyle")
    return s.get(f"{W}val") if s is not None else ""


def _text(el) -> str:
    return "".join(t.text or "" if t.tag == f"{W}t" else "-" for t in el.iter(f"{W}t", f"{W}noBreakHyphen"))


def _styles(path: Path) -> dict[str, etree._Element]:
    root = _xml(path, "word/styles.xml")
    return {s.get(f"{W}styleId"): s for s in root.iter(f"{W}style")}


def _size(style) -> float | None:
    sz = style.find(f"{W}rPr/{W}sz")
    return int(sz.get(f"{W}val")) / 2 if sz is not None else None


@pytest.mark.parametrize("template", sorted(p.name for p in (ROOT / "templates").glob("*.docx")))
def test_template_styles_keep_headings_and_control_widows(template):
    styles = _styles(ROOT / "templates" / template)
    for name in ("Muc1", "Muc2", "Muc3", "Muc4", "TenLoai", "TrichYeu", "ThamQuyen", "QuyetDinhLenh",
                 "DanhSachTieuDe", "DanhSachKemTheo", "DanhSachNhom", "Chuong", "PhuLuc"):
        assert styles[name].find(f"{W}pPr/{W}keepNext") is not None, name
    defaults = _xml(ROOT / "templates" / template, "word/styles.xml").find(f"{W}docDefaults/{W}pPrDefault/{W}pPr")
    assert defaults.find(f"{W}widowControl") is not None
    # One pairing of Phụ lục I's footnote: Quốc hiệu 12, Tiêu ngữ 13, place and date 13.
    assert (_size(styles["QuocHieu"]), _size(styles["TieuNgu"]), _size(styles["DiaDanhNgay"])) == (12, 13, 13)


def test_the_closing_is_kept_with_the_text(documents):
    for path in documents:
        body = _xml(path).find(f"{W}body")
        children = list(body)
        closings = [i for i, el in enumerate(children) if el.tag == f"{W}tbl" and any(
            _style(p) == "NoiNhan" for p in el.iter(f"{W}p"))]
        assert closings, path.name
        for i in closings:
            table = children[i]
            assert all(tr.find(f"{W}trPr/{W}cantSplit") is not None for tr in table.iter(f"{W}tr")), path.name
            before = children[i - 1]
            assert before.tag == f"{W}p" and before.find(f"{W}pPr/{W}keepNext") is not None, path.name
            assert _text(before).strip(), path.name  # text, not an empty spacer


def _section_widths(body) -> dict:
    """The index of each top-level table of `body` -> the text width of its section (page width less the left and
    right margins, twips): a section's properties close it, in a paragraph or at the body's end."""
    widths, waiting = {}, []
    for i, el in enumerate(body):
        if el.tag == f"{W}tbl":
            waiting.append(i)
        sect = el if el.tag == f"{W}sectPr" else el.find(f"{W}pPr/{W}sectPr")
        if sect is not None:
            margins = sect.find(f"{W}pgMar")
            width = int(sect.find(f"{W}pgSz").get(f"{W}w")) - int(margins.get(f"{W}left")) - int(
                margins.get(f"{W}right"))
            widths.update({i: width for i in waiting})
            waiting = []
    return widths


def test_tables_span_the_text_width_with_repeated_headers(documents):
    for path in documents:
        body = _xml(path).find(f"{W}body")
        widths = _section_widths(body)
        for table in body.iter(f"{W}tbl"):
            outer = next(t for t in [table, *table.iterancestors(f"{W}tbl")][::-1])
            width = widths[body.index(outer)]
            assert width in (TEXT_WIDTH, 16838 - 1701 - 851), (path.name, width)  # A4 portrait or landscape
            grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
            if outer is table:
                assert sum(grid) == width, (path.name, grid)
                assert int(table.find(f"{W}tblPr/{W}tblW").get(f"{W}w")) == width
            if table.find(f"{W}tblPr/{W}tblBorders/{W}top").get(f"{W}val") == "single":  # a list, not the layout
                assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None, path.name


def test_numbers_are_right_aligned(documents):
    seen = 0
    for path in documents:
        document = docx.Document(str(path))
        for table in document.tables:
            heads = [c.text for c in table.rows[0].cells]
            for row in table.rows[1:]:
                for head, cell in zip(heads, row.cells, strict=True):
                    if head in NUMBER_HEADS and re.fullmatch(r"[\d.,]+", cell.text):
                        assert cell.paragraphs[0].style.paragraph_format.alignment == 2, (path.name, head)  # RIGHT
                        seen += 1
    assert seen > 50


def test_the_list_ends_with_subtotals_and_a_total(documents):
    path = next(p for p in documents if p.name == "01-giay-khen.docx")
    tables = docx.Document(str(path)).tables[2:]
    amounts, counts = [], []
    for table in tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        items = [r for r in rows[1:] if r[0].isdigit()]
        subtotal = next(r for r in rows if r[0].startswith("Cộng: "))
        assert subtotal[0] == f"Cộng: {len(items):02d} " + ("tập thể" if len(rows[0]) == 3 else "cá nhân")
        assert int(subtotal[-1].replace(".", "")) == sum(int(r[-1].replace(".", "")) for r in items)
        amounts.append(int(subtotal[-1].replace(".", "")))
        counts.append(len(items))
    total = [c.text for c in tables[-1].rows[-1].cells]
    assert total[0] == f"Tổng cộng: {counts[0]:02d} tập thể và {counts[1]:02d} cá nhân"
    assert int(total[-1].replace(".", "")) == sum(amounts) == 6_300_000


def test_proposal_list_counts_without_money(documents):
    path = next(p for p in documents if p.name.endswith("de-nghi-khen-thuong.docx"))
    tables = docx.Document(str(path)).tables[2:]
    last = [c.text for c in tables[-1].rows[-1].cells]
    assert last[0].startswith("Tổng cộng: ") and len(set(last)) == 1  # one cell across the table
    items = sum(1 for t in tables for r in t.rows[1:] if r.cells[0].text.isdigit())
    assert sum(int(n) for n in re.findall(r"\d+", last[0])) == items


def test_rules_under_titles_are_a_third_to_a_half_of_the_title(documents):
    checked = 0
    for path in documents:
        paragraphs = list(_xml(path).iter(f"{W}p"))
        for i, p in enumerate(paragraphs):
            if _style(p) != "DuongKe" or _style(paragraphs[i - 1]) not in ("TrichYeu", "DanhSachKemTheo"):
                continue
            titles = []
            j = i - 1
            while _style(paragraphs[j]) in ("TrichYeu", "DanhSachTieuDe", "DanhSachKemTheo", "PhuLuc"):
                face = "italic" if _style(paragraphs[j]) == "DanhSachKemTheo" else "bold"
                titles.append(longest_line(_text(paragraphs[j]), 14, face, TEXT_WIDTH))
                j -= 1
            ind = p.find(f"{W}pPr/{W}ind")
            left, right = int(ind.get(f"{W}left")), int(ind.get(f"{W}right"))
            assert abs(left - right) <= 1, path.name  # centred
            assert 1 / 3 <= (TEXT_WIDTH - left - right) / max(titles) <= 1 / 2, path.name
            spacing = p.find(f"{W}pPr/{W}spacing")
            assert int(spacing.get(f"{W}before")) >= 120, path.name  # about half a line under the text
            checked += 1
    assert checked >= len(documents)


def test_year_ranges_do_not_break_and_read_back_as_typed(documents):
    form = next(p for p in documents if p.parent.name == "bieu-mau")
    xml = zipfile.ZipFile(form).read("word/document.xml").decode("utf-8")
    assert "2021</w:t><w:noBreakHyphen/>" in xml
    subject = " ".join(p.text for p in docx.Document(str(form)).paragraphs
                       if p.style.style_id == "TrichYeu").replace("\u00a0", " ")  # a title's words kept: keep_title
    assert "Kế hoạch 5 năm (2021-2025) theo Nghị quyết" in subject
    with zipfile.ZipFile(form) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    assert "(2021-2025)" in subject_of(parts)


def test_blanks_for_the_van_thu_look_the_same_everywhere(documents):
    shown: dict[str, set[str]] = {}
    for path in documents:
        header = next(_xml(path).iter(f"{W}tbl"))
        for p in header.iter(f"{W}p"):
            text = _text(p)  # content controls included: the form's blanks are fields
            m = re.match(r"Số:(\s+)/", text)
            if m:
                shown.setdefault("số", set()).add(m.group(1))
            m = re.search(r"ngày(\s+)tháng", text)
            if m:
                shown.setdefault("ngày", set()).add(m.group(1))
            if path.parent.name == "bieu-mau":
                assert "…" not in text, path.name
    # The unit forms (blank number and day) and the draft decisions (blank number) alike.
    assert shown == {"số": {" " * 6}, "ngày": {" " * 6}}


def test_fit_title_rules_sizes_the_rule_to_the_title():
    title = "Về việc tặng Giấy khen của Giám đốc Sở"
    xml = ('<w:body><w:p><w:pPr><w:pStyle w:val="TrichYeu"/></w:pPr><w:r><w:t>' + title + '</w:t></w:r></w:p>'
           '<w:p><w:pPr><w:pStyle w:val="DuongKe"/><w:ind w:left="100" w:right="100" w:firstLine="0"/></w:pPr></w:p>'
           '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134"'
           ' w:left="1701"/></w:sectPr></w:body>')
    indent = int(re.search(r'w:left="(\d+)"', fit_title_rules(xml)).group(1))
    width = longest_line(title, 14, "bold", TEXT_WIDTH)
    assert 7 * 567 < width < 10 * 567  # a short title: one line of 7-10 cm
    assert abs((TEXT_WIDTH - 2 * indent) - RULE_RATIO * width) <= 2


def test_no_break_in_ranges_touches_ranges_of_numbers_only():
    xml = '<w:r><w:t xml:space="preserve">giai đoạn 2021-2025, Lao động - Thương binh, QĐ-2</w:t></w:r>'
    assert no_break_in_ranges(xml) == ('<w:r><w:t xml:space="preserve">giai đoạn 2021</w:t><w:noBreakHyphen/>'
                                       '<w:t xml:space="preserve">2025, Lao động - Thương binh, QĐ-2</w:t></w:r>')


def test_keep_closing_skips_an_empty_spacer_and_not_past_a_table():
    closing = '<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="NoiNhan"/></w:pPr></w:p></w:tc></w:tr></w:tbl>'
    text = '<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr><w:r><w:t>Trân trọng./.</w:t></w:r></w:p>'
    spacer = '<w:p><w:pPr><w:pStyle w:val="NoiDung"/></w:pPr></w:p>'
    assert keep_closing(text + spacer + closing) == (text.replace("<w:pPr>", "<w:pPr>", 1).replace(
        '<w:pStyle w:val="NoiDung"/>', '<w:pStyle w:val="NoiDung"/><w:keepNext/>') + spacer + closing)
    table = '<w:tbl><w:tr><w:tc>' + text + '</w:tc></w:tr></w:tbl>'
    assert keep_closing(table + spacer + closing) == table + spacer + closing


def test_committed_font_widths_are_what_the_tool_makes(tmp_path):
    import importlib.util

    fonts = Path("/usr/share/fonts/truetype/liberation2")
    if not (fonts / "LiberationSerif-Regular.ttf").is_file():
        pytest.skip("thiếu phông Liberation Serif (apt-get install fonts-liberation2)")
    spec = importlib.util.spec_from_file_location("make_font_widths", ROOT / "tools" / "make_font_widths.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    tool.main(tmp_path / "font_widths.py")
    assert (tmp_path / "font_widths.py").read_bytes() == (ROOT / "docgen" / "vn" / "font_widths.py").read_bytes()


def test_rules_follow_a_template_saved_by_libreoffice():
    # LibreOffice names the styles' ids after their names; the layout finds them by name.
    styles = ('<w:style w:type="paragraph" w:styleId="ND30Trchyu"><w:name w:val="ND30 Trích yếu"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="ND30ngk"><w:name w:val="ND30 Đường kẻ"/></w:style>')
    from docgen.render.layout import style_ids

    ids = style_ids(styles)
    assert ids == {"ND30Trchyu": "TrichYeu", "ND30ngk": "DuongKe"}
    xml = ('<w:p><w:pPr><w:pStyle w:val="ND30Trchyu"/></w:pPr><w:r><w:t>Về việc tặng Giấy khen</w:t></w:r></w:p>'
           '<w:p><w:pPr><w:pStyle w:val="ND30ngk"/><w:ind w:left="2976" w:right="2976" w:hanging="0"/></w:pPr></w:p>'
           '<w:sectPr><w:pgSz w:w="11906"/><w:pgMar w:left="1701" w:right="851" w:gutter="0"/></w:sectPr>')
    out = fit_title_rules(xml, ids)
    indent = int(re.search(r'<w:ind w:left="(\d+)" w:right="\1" w:firstLine="0"/>', out).group(1))
    assert abs(TEXT_WIDTH - 2 * indent - RULE_RATIO * longest_line("Về việc tặng Giấy khen", 14, "bold",
                                                                    TEXT_WIDTH)) <= 2
