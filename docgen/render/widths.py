"""Column widths of the list tables chosen by what they hold (issue 11, item 4).

A table docgen fills from records (a Danh sách, the unit form's targets, the report's tables and
annexes) is laid out here, after rendering, from the text that went into it:

- each column is at least its longest word (a word of the bold header or of a cell, Times New
  Roman 13 pt, `docgen/vn/font_widths.py`) plus the cell's margins, so no word breaks;
- a column wants its longest line (a cell's paragraph or line on one line; the header in at most
  two lines);
- the text width of the table's section (16.5 cm portrait, 24.7 cm landscape) is then shared by
  need, the most even way: columns that want little get all they want, the columns of long text
  share the rest equally (max-min fair share);
- where two or more columns hold long text (a report's names and notes), twips move between
  columns while that makes the table lower (fewer lines, each row as high as its fullest cell);
- when every column has all it wants, what is left goes by the template's widths.

Which tables, and what happens to a clerk's own widths:
- sized are the tables with a header row repeated on each page (Word: "Repeat as header row")
  and "Automatically resize to fit contents" on (no `<w:tblLayout w:type="fixed"/>`); the stock
  templates' list tables are made so;
- a table whose layout is fixed (the clerk unticks "Automatically resize to fit contents", or a
  template older than this rule) keeps the widths of the template, as typed;
- a column of blanks the reader fills (content controls, the unit form's "Thực hiện") keeps at
  least the template's width: only the template knows how much a hand-typed answer needs.
The output is written with a fixed layout, so Word and LibreOffice show exactly these widths.

Same XML in, same widths out: all arithmetic is on integers (twips).
"""

from lxml import etree

from docgen.vn.font_widths import WIDTHS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SIZE = 13  # pt: the templates' table styles (ND30 Bảng - chữ, - số, - tiêu đề)
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
SLACK = 40  # twips added to a column's longest line (see column_widths)
_UNITS = CELL_SIZE * 20  # font units (1/1000 em) * this // 1000 = twips
_BREAKABLE = str.maketrans({"\t": " ", "\n": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})


def text_width(text: str, face: str = "regular") -> int:
    """Width of `text` on one line at 13 pt in Times New Roman, in twips (an unknown character as
    an "n"). U+00A0 (a kept name's space) is measured as a space."""
    table = WIDTHS[face]
    default = table["n"]
    return sum(table.get(ch, default) for ch in text) * _UNITS // 1000


def _words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces, never at U+00A0 (docgen's `nobreak`)."""
    return [w for w in text.translate(_BREAKABLE).split(" ") if w]


def _two_lines(line: "_Line") -> int:
    """The width a header line's words need in at most two lines, in twips."""
    sizes, space = line
    if len(sizes) < 2:
        return sum(sizes)
    total = sum(sizes) + space * (len(sizes) - 1)
    best, left = total, -space
    for size in sizes[:-1]:
        left += space + size
        best = min(best, max(left, total - left - space))
    return best


def _fill(least: list[int], most: list[int], width: int) -> list[int]:
    """`min(max(L, least), most)` per column for the one level L that fills `width` (whole twips
    left go one each to the first columns that grow at L + 1); needs sum(least) < width < sum(most)."""

    def at(level: int) -> list[int]:
        return [min(max(level, lo), hi) for lo, hi in zip(least, most, strict=True)]

    low, high = 0, max(most) + 1  # sum(at(low)) <= width < sum(at(high))
    while high - low > 1:
        mid = (low + high) // 2
        if sum(at(mid)) <= width:
            low = mid
        else:
            high = mid
    out, grown = at(low), at(low + 1)
    rest = width - sum(out)
    for i in range(len(out)):
        if rest and grown[i] > out[i]:
            out[i] += 1
            rest -= 1
    return out


def share(least: list[int], most: list[int], template: list[int], width: int,
          wraps: list[bool] | None = None) -> list[int]:
    """Widths (twips) summing to `width`, each column between `least` and `most` where it can.

    The most even share (one level for all): the columns that want less than it get all they
    want, the others (long texts) the level. When every column can have `most`, the rest goes
    to the columns of text (`wraps`: a cell holds a line of several words; by default every
    column), by the template's widths. When `least` overflows, the columns shrink in proportion
    to it (words will break: the model turns a wide annex to landscape first).
    """
    n = len(least)
    if sum(least) >= width:
        scale = sum(least) or 1
        out = [x * width // scale for x in least]
        out[-1] += width - sum(out)
        return out
    if sum(most) <= width:
        takers = [i for i in range(n) if (wraps is None or wraps[i]) and template[i] > 0] or list(range(n))
        weights = [template[i] if i in takers else 0 for i in range(n)]
        total = sum(weights)
        left = width - sum(most)
        if total:
            out = [m + left * w // total for m, w in zip(most, weights, strict=True)]
        else:
            out = [m + (left // len(takers) if i in takers else 0) for i, m in enumerate(most)]
        out[max(takers, key=lambda i: (weights[i], -i))] += width - sum(out)
        return out
    return _fill(least, most, width)


def _count(lines: list["_Line"], room: int) -> int:
    """How many lines `lines` take in a cell `room` twips wide, broken at spaces (a word wider
    than the cell is broken in it, as Word and LibreOffice do)."""
    count = 0
    for sizes, space in lines:
        used = -1
        for size in sizes:
            if used >= 0 and used + space + size <= room:
                used += space + size
                continue
            if used >= 0:
                count += 1
            broken = (size - 1) // room  # full lines of a word wider than the cell
            count += broken
            used = size - broken * room
        count += 1
    return count


STEPS = (1024, 512, 256, 128, 64)  # twips moved between two columns while balancing


def balance(widths: list[int], least: list[int], most: list[int], rows: list[list[tuple[int, list]]],
            pad: int) -> list[int]:
    """`widths` changed, twips moved between columns, while the table gets lower: the sum over
    rows of the row's most lines (a row is as high as its fullest cell). Only when two or more
    columns are short of `most` (then the even share is a guess: the long names and the long
    notes of a report want different room); a list with one long column keeps `widths`.
    Columns stay within `least` and `most`; the sum stays."""
    movable = [i for i in range(len(widths)) if most[i] > least[i]]
    if sum(1 for i in movable if widths[i] < most[i]) < 2:
        return widths
    widths = list(widths)

    def height(w: list[int]) -> int:
        return sum(max((_count(lines, max(w[c] - pad, 1)) for c, lines in row), default=0) for row in rows)

    best = height(widths)
    for step in STEPS:
        better = True
        while better:
            better = False
            for i in movable:
                for j in movable:
                    if i == j or widths[i] + step > most[i] or widths[j] - step < least[j]:
                        continue
                    widths[i] += step
                    widths[j] -= step
                    tried = height(widths)
                    if tried < best:
                        best, better = tried, True
                    else:
                        widths[i] -= step
                        widths[j] += step
    return widths


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(f"{W}val", "true") not in ("0", "false", "off")


def _lines(paragraph: etree._Element, bold: bool) -> list[list[tuple[str, str]]]:
    """The paragraph's lines (split at <w:br/>), each a list of (text, face) runs."""
    lines: list[list[tuple[str, str]]] = [[]]
    for run in paragraph.iter(f"{W}r"):
        props = run.find(f"{W}rPr")
        face = "bold" if bold or (props is not None and _on(props.find(f"{W}b"))) else "regular"
        for el in run:
            if el.tag == f"{W}t" and el.text:
                lines[-1].append((el.text, face))
            elif el.tag in (f"{W}br", f"{W}cr"):
                lines.append([])
            elif el.tag == f"{W}noBreakHyphen":
                lines[-1].append(("-", face))
    return lines


_Line = tuple[list[int], int]  # (widths of the words, width of a space), twips


def _measure(cell: etree._Element, header: bool) -> list[_Line]:
    """The lines of a cell's text (a paragraph, or a part of one after a break) as word widths."""
    out = []
    for paragraph in cell.iter(f"{W}p"):
        for pieces in _lines(paragraph, header):
            if not pieces:
                continue
            face = pieces[0][1]
            words = _words("".join(t for t, _ in pieces))
            if words:
                out.append(([text_width(w, face) for w in words], text_width(" ", face)))
    return out


def _grid(table: etree._Element) -> list[etree._Element]:
    grid = table.find(f"{W}tblGrid")
    return [] if grid is None else grid.findall(f"{W}gridCol")


def _cells(row: etree._Element):
    """(first grid column, span, cell) of each cell of a row."""
    before = row.find(f"{W}trPr/{W}gridBefore")
    col = int(before.get(f"{W}val")) if before is not None else 0
    for cell in row.iterchildren(f"{W}tc"):
        span_el = cell.find(f"{W}tcPr/{W}gridSpan")
        span = int(span_el.get(f"{W}val")) if span_el is not None else 1
        yield col, span, cell
        col += span


def _sized(table: etree._Element) -> bool:
    """A list table docgen sizes: a repeated header row, and its layout not fixed."""
    layout = table.find(f"{W}tblPr/{W}tblLayout")
    if layout is not None and layout.get(f"{W}type") == "fixed":
        return False
    return table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def _margins(table: etree._Element) -> int:
    """The cell's left and right margins, in twips (the table's default; 2 x 1 mm if unset)."""
    total = 0
    for side, default in (("left", 57), ("right", 57)):
        el = table.find(f"{W}tblPr/{W}tblCellMar/{W}{side}")
        total += int(el.get(f"{W}w")) if el is not None and el.get(f"{W}w", "").isdigit() else default
    return total


def column_widths(table: etree._Element, width: int) -> list[int]:
    """The widths (twips) of `table`'s grid columns for a section `width` twips wide: see the
    module's docstring. The table's current grid widths are the template's."""
    template = [int(c.get(f"{W}w", "0")) for c in _grid(table)]
    n = len(template)
    least, most, blanks, wraps = [0] * n, [0] * n, [False] * n, [False] * n
    rows = []
    for row in table.iterchildren(f"{W}tr"):
        header = row.find(f"{W}trPr/{W}tblHeader") is not None
        cells = []
        for col, span, cell in _cells(row):
            if span != 1 or col >= n:
                continue
            lines = _measure(cell, header)
            cells.append((col, lines))
            for line in lines:
                sizes, space = line
                least[col] = max(least[col], max(sizes))
                whole = _two_lines(line) if header else sum(sizes) + space * (len(sizes) - 1)
                most[col] = max(most[col], whole)
                wraps[col] = wraps[col] or (not header and len(sizes) > 1)
            if not header and cell.find(f".//{W}sdt") is not None:
                blanks[col] = True
        rows.append(cells)
    pad = _margins(table)
    least = [x + pad for x in least]
    # A little slack on a whole line: Word and LibreOffice round each glyph's advance.
    most = [x + pad + SLACK if x else x + pad for x in most]
    for i in range(n):
        if blanks[i]:
            least[i] = max(least[i], template[i])
        most[i] = max(most[i], least[i])
    out = share(least, most, template, width, wraps)
    if sum(least) < width < sum(most):
        out = balance(out, least, most, rows, pad + SLACK // 2)
    return out


def _apply(table: etree._Element, widths: list[int]) -> None:
    for col, w in zip(_grid(table), widths, strict=True):
        col.set(f"{W}w", str(w))
    for row in table.iterchildren(f"{W}tr"):
        for col, span, cell in _cells(row):
            tc_w = cell.find(f"{W}tcPr/{W}tcW")
            if tc_w is not None:
                tc_w.set(f"{W}w", str(sum(widths[col:col + span])))
                tc_w.set(f"{W}type", "dxa")
    props = table.find(f"{W}tblPr")
    tbl_w = props.find(f"{W}tblW")
    if tbl_w is None:
        tbl_w = etree.SubElement(props, f"{W}tblW")
    tbl_w.set(f"{W}w", str(sum(widths)))
    tbl_w.set(f"{W}type", "dxa")
    layout = props.find(f"{W}tblLayout")
    if layout is None:
        layout = etree.SubElement(props, f"{W}tblLayout")
    layout.set(f"{W}type", "fixed")
    _order(props)


# CT_TblPr's child order (ECMA-376 17.4.60): Word refuses a file with them out of order.
_TBLPR_ORDER = [f"{W}{n}" for n in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange")]


def _order(props: etree._Element) -> None:
    rank = {tag: i for i, tag in enumerate(_TBLPR_ORDER)}
    children = list(props)
    ordered = sorted(children, key=lambda el: rank.get(el.tag, len(rank)))
    if ordered != children:
        for el in children:
            props.remove(el)
        props.extend(ordered)


def _text_width(sect: etree._Element) -> int | None:
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    if size is None or margins is None:
        return None
    try:
        return (int(size.get(f"{W}w")) - int(margins.get(f"{W}left", "0")) - int(margins.get(f"{W}right", "0"))
                - int(margins.get(f"{W}gutter", "0")))
    except (TypeError, ValueError):
        return None


def fit_tables(xml: bytes) -> bytes:
    """word/document.xml with every list table's columns sized by content to its section's text
    width (see the module's docstring); unchanged (the same bytes) when there is none."""
    if b"tblHeader" not in xml:
        return xml
    root = etree.fromstring(xml, _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        return xml
    changed, waiting = False, []
    for el in body:
        if el.tag == f"{W}tbl" and _sized(el) and _grid(el):
            waiting.append(el)
        sect = el if el.tag == f"{W}sectPr" else el.find(f"{W}pPr/{W}sectPr")
        if sect is None:
            continue
        width = _text_width(sect)
        for table in waiting if width else ():
            _apply(table, column_widths(table, width))
            changed = True
        waiting = []
    if not changed:
        return xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
