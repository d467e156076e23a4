"""The list tables of word/document.xml sized on the part's bytes, without parsing the part.

`docgen.render.widths.fit_tables` parses the whole part with lxml and writes it back: about
1.5 ms a decision of the 2.6 ms it cost (bench/widths.py), for a table that is a tenth of the
part. Here only the spans of the body's list tables are read, and only the width values in them
(w:gridCol, w:tcW, w:tblW) and the table's layout are rewritten; the rest of the part is copied
as it came. The widths are the tree path's (`widths._widths` on the same scan), the bytes out
the same as lxml's writing of the changed tree (tests/test_column_widths.py compares them):

- the part must be as lxml writes it (docgen's templates render through lxml): its declaration
  `<?xml version='1.0' encoding='UTF-8' standalone='yes'?>`, attributes in double quotes, `<`
  and `>` only as markup, empty elements written `<x/>`; then depth is `<` - 2 x `</` - `/>`;
  an empty text `<w:t ...></w:t>` (a value Jinja rendered empty) is written `<w:t .../>` in a
  part whose tables are sized, as lxml writes it (`_empty_texts`);
- what this reader does not follow exactly sends the part to the tree path (`fit_fast` returns
  None): comments, CDATA, processing instructions, tracked property changes (`...Change`), the
  main namespace under another prefix than `w:`, a text run outside a run, a scanned element
  where a table's row level does not hold it.

A cell's reading is kept by its bytes: the same cells (numbers, titles, units, the header)
repeat over the 1,000 decisions of a build.
"""

import re

from docgen.render.widths import _Line, _need, _Scan, _sizes, _widths, _words, turned

_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_MAIN = b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_UNREAD = (b"<!", b"Change")
# An empty text element as Jinja leaves it when a value renders empty (`<w:t ...></w:t>`): lxml
# writes it `<w:t .../>`, and so does `_empty_texts` in a part whose tables are sized (a general
# document's, sized since a record's widths no longer fix them; a decision holds none).
_UNWRITTEN = b"></w:t>"
# A start tag of an element `widths._scan` reads (the tag and its attributes), or any other tag.
_SCANNED = re.compile(rb"<w:(tr|tc|tcW|gridSpan|gridBefore|tblHeader|p|r|b|t|br|cr|noBreakHyphen|sdtContent"
                      rb"|textDirection)"
                      rb"(?=[\s/>])([^>]*?)(/?)>")
_TAG = re.compile(rb"<(/?)([^\s/>]+)([^>]*?)(/?)>")
_SECT = re.compile(rb"<w:sectPr(?=[\s/>])[^>]*?(/?)>")
_LAYOUT = re.compile(rb"<w:tblLayout(?=[\s/>])([^>]*?)/?>")
_ATTR = re.compile(rb'\s([^\s=]+)="([^"]*)"')
_OUTSIDE_CELLS = {b"w:tcW", b"w:gridSpan", b"w:p", b"w:r", b"w:b", b"w:t", b"w:br", b"w:cr", b"w:noBreakHyphen",
                  b"w:sdtContent", b"w:tbl"}  # read by widths._scan, not expected between a table's cells
_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_CELLS: dict[tuple[bytes, bool], tuple] = {}  # (cell's bytes, header row) -> its reading
_EDITS: dict[tuple[bytes, tuple], bytes] = {}  # (a tag or a tblPr, the values set) -> its new bytes


class _Unread(Exception):
    """The part holds something this reader does not follow exactly: the tree path sizes it."""


def _unescape(text: str) -> str:
    """XML character data as lxml reads it: the five entities and character references."""
    if "&" not in text:
        return text

    def one(m: re.Match) -> str:
        if m.group(1):
            return _NAMED[m.group(1)]
        return chr(int(m.group(2)) if m.group(2) else int(m.group(3), 16))

    return _ENTITY.sub(one, text)


def _get(attrs: bytes, name: bytes, default: str | None = None) -> str | None:
    for key, value in _ATTR.findall(attrs):
        if key == name:
            return _unescape(value.decode())
    return default


def _on(attrs: bytes) -> bool:
    return _get(attrs, b"w:val", "true") not in ("0", "false", "off")


def _depth(xml: bytes, start: int, end: int) -> int:
    """How many elements open at `start` are still open at `end` (markup only: see the module)."""
    return xml.count(b"<", start, end) - 2 * xml.count(b"</", start, end) - xml.count(b"/>", start, end)


def _read_cell(cell: bytes, header: bool, faces: list[str] | None = None) -> tuple:
    """A cell `<w:tc>...</w:tc>` read as `widths._scan` reads it: (lines, span, a blank to fill,
    (start, end, bytes) of its first w:tcW tag or None, what it asks of its column: `widths._need`)."""
    lines: list[_Line] = []
    pieces: list[str] = []
    span, blank, tc_w = 1, False, None
    bold: bool | None = None  # None: the row's state before the cell, unknown here
    across = False  # a turned title (widths.turned): its lines ask nothing of the column

    def flush() -> None:
        if not pieces:
            return
        if bold is None and not header:
            raise _Unread
        words = _words("".join(pieces))
        if words:
            face = "bold" if bold or header else "regular"
            if faces is not None:
                faces.append(face)
            lines.append((_sizes(words, face), _sizes([" "], face)[0]))
        pieces.clear()

    at = cell.index(b">") + 1  # past the cell's own start tag
    while m := _SCANNED.search(cell, at):
        name, attrs, empty = m.groups()
        at = m.end()
        if name == b"t":
            if not empty:
                end = cell.index(b"<", at)
                if not cell.startswith(b"</w:t>", end):
                    raise _Unread
                if end > at:
                    pieces.append(_unescape(cell[at:end].decode()))
                at = end
        elif name == b"r":
            bold = header
        elif name == b"b":
            bold = True if bold or _on(attrs) else bold
        elif name in (b"p", b"br", b"cr"):
            flush()
        elif name == b"tcW":
            if tc_w is None:
                tc_w = (m.start(), m.end(), m.group(0))
        elif name == b"gridSpan":
            span = int(_get(attrs, b"w:val", "1"))
        elif name == b"sdtContent":
            blank = True
        elif name == b"noBreakHyphen":
            pieces.append("-")
        elif name == b"textDirection":
            across = across or turned(_get(attrs, b"w:val"))
        elif name != b"gridBefore":  # tr, tc, tblHeader: only with a table inside
            raise _Unread
    flush()
    if across:
        lines = []
    return lines, span, blank, tc_w, _need(lines, header)


_PRESERVED = b'<w:t xml:space="preserve">'
_SHAPES: dict[tuple[bytes, bool], tuple | None] = {}  # (a cell without its one text, header) -> its reading


def _cell(cell: bytes, header: bool) -> tuple:
    """`_read_cell`, kept by the cell's bytes; a cell of one text run read from its shape (the
    cell without the text: the same for every name of a list) and the text's words."""
    key = (cell, header)
    out = _CELLS.get(key)
    if out is None:
        if len(_CELLS) > 20_000:  # about 10 MB: the repeated cells are read again after a clear
            _CELLS.clear()
        out = _CELLS[key] = _by_shape(cell, header) or _read_cell(cell, header)
    return out


def _by_shape(cell: bytes, header: bool) -> tuple | None:
    start = cell.find(_PRESERVED)
    if start < 0 or cell.count(b"<w:t ") != 1 or b"<w:t>" in cell:
        return None
    start += len(_PRESERVED)
    end = cell.find(b"</w:t>", start)
    if end <= start:
        return None
    shape_key = (cell[:start] + cell[end:], header)
    if shape_key not in _SHAPES:
        _SHAPES[shape_key] = _read_shape(cell[:start] + b"x" + cell[end:], header, start)
        if len(_SHAPES) > 1000:
            _SHAPES.clear()
            return None
    shape = _SHAPES[shape_key]
    if shape is None:
        return None
    span, blank, tc_w, face, space = shape
    words = _words(_unescape(cell[start:end].decode()))
    lines = [(_sizes(words, face), space)] if words else []
    return lines, span, blank, tc_w, _need(lines, header)


def _read_shape(cell: bytes, header: bool, text: int) -> tuple | None:
    """(span, blank, w:tcW, face, width of a space) of a cell whose one text run holds "x" at
    `text`, or None when its text is not read as one line of that run alone."""
    if b"noBreakHyphen" in cell or b"<w:br" in cell or b"<w:cr" in cell:
        return None
    faces: list[str] = []
    try:
        lines, span, blank, tc_w, _ = _read_cell(cell, header, faces)
    except _Unread:
        return None
    if len(lines) != 1 or (tc_w is not None and tc_w[1] > text):
        return None
    return span, blank, tc_w, faces[0], lines[0][1]


def _set(tag: bytes, values: tuple[tuple[bytes, bytes], ...]) -> bytes:
    """A start tag with attributes set as lxml's `set` does: a present one keeps its place, a
    new one goes last."""
    key = (tag, values)
    out = _EDITS.get(key)
    if out is None:
        if len(_EDITS) > 10_000:
            _EDITS.clear()
        end = len(tag) - (2 if tag.endswith(b"/>") else 1)
        head, close = tag[:end], tag[end:]
        for name, value in values:
            m = re.search(rb"\s" + re.escape(name) + rb'="[^"]*"', head)
            if m:
                head = head[:m.start()] + b" " + name + b'="' + value + b'"' + head[m.end():]
            else:
                head += b" " + name + b'="' + value + b'"'
        out = _EDITS[key] = head + close
    return out


# CT_TblPr's child order (ECMA-376 17.4.60), as widths._TBLPR_ORDER.
_ORDER = {name: i for i, name in enumerate(
    b"w:" + n for n in (
        b"tblStyle", b"tblpPr", b"tblOverlap", b"bidiVisual", b"tblStyleRowBandSize", b"tblStyleColBandSize",
        b"tblW", b"jc", b"tblCellSpacing", b"tblInd", b"tblBorders", b"shd", b"tblLayout", b"tblCellMar",
        b"tblLook", b"tblCaption", b"tblDescription", b"tblPrChange"))}


def _children(inner: bytes) -> tuple[bytes, list[list[bytes]]]:
    """The content of an element: its leading text and its children, each [name, bytes, tail]."""
    first = inner.find(b"<")
    if first < 0:
        return inner, []
    text, out, depth, start, name = inner[:first], [], 0, first, b""
    for m in _TAG.finditer(inner, first):
        closing, tag, _, empty = m.groups()
        if depth == 0:
            if out:
                out[-1][2] = inner[start:m.start()]
            start, name = m.start(), tag
        depth += -1 if closing else (0 if empty else 1)
        if depth == 0:
            out.append([name, inner[start:m.end()], b""])
            start = m.end()
    if out:
        out[-1][2] = inner[start:]
    return text, out


def _table_props(props: bytes, total: int) -> bytes:
    """A w:tblPr element as `widths._apply` leaves it: w:tblW `total` twips, layout fixed, its
    children in the schema's order."""
    key = (props, (b"tblPr", total))
    out = _EDITS.get(key)
    if out is not None:
        return out
    open_end = props.index(b">") + 1
    if props.endswith(b"/>"):
        start, inner, close = props[:-2] + b">", b"", b"</w:tblPr>"
    else:
        start, inner, close = props[:open_end], props[open_end:-len(b"</w:tblPr>")], b"</w:tblPr>"
    text, children = _children(inner)
    for name, values in ((b"w:tblW", ((b"w:w", str(total).encode()), (b"w:type", b"dxa"))),
                         (b"w:tblLayout", ((b"w:type", b"fixed"),))):
        child = next((c for c in children if c[0] == name), None)
        if child is None:
            child = [name, b"<" + name + b"/>", b""]
            children.append(child)
        tag_end = child[1].index(b">") + 1
        child[1] = _set(child[1][:tag_end], values) + child[1][tag_end:]
    ordered = sorted(children, key=lambda c: _ORDER.get(c[0], len(_ORDER)))
    body = b"".join(c[1] + c[2] for c in ordered)
    out = _EDITS[key] = start + text + body + close
    return out


def _layout(xml: bytes, body: int) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int | None]]]:
    """The body's own tables, (start, end, holds a table), and the sections the tree path counts
    (the body's w:sectPr and a body paragraph's: depth 0 or 2 under w:body), (where, text width
    in twips or None). Depths are counted between the points, a table's span skipped (it closes
    what it opens)."""
    tables = _tables(xml, body)
    points = sorted([(start, 0, end) for start, end, _ in tables]
                    + [(m.start(), 1, m.end() if m.group(1) else -1) for m in _SECT.finditer(xml, body)])
    found, sections = [], []
    at, depth, last = body, 0, (body, body, 0)  # last: (start, end, depth) of the last table passed
    for where, kind, end in points:
        if where < at:  # in the table just passed
            here = last[2] + _depth(xml, last[0], where)
        else:
            depth += _depth(xml, at, where)
            here, at = depth, where
        if kind == 0:
            if here == 0:
                found.append(next(t for t in tables if t[0] == where))
            last, at = (where, end, here), end
        elif here in (0, 2):
            if where < last[1] and last[2] == 0:
                raise _Unread  # a section's properties in a body table
            close = end if end >= 0 else xml.index(b"</w:sectPr>", where)
            sections.append((where, _text_width(xml[where:close])))
    return found, sections


def _text_width(sect: bytes) -> int | None:
    size = re.search(rb"<w:pgSz(?=[\s/>])([^>]*)>", sect)
    margins = re.search(rb"<w:pgMar(?=[\s/>])([^>]*)>", sect)
    if size is None or margins is None:
        return None
    try:
        return (int(_get(size.group(1), b"w:w")) - int(_get(margins.group(1), b"w:left", "0"))
                - int(_get(margins.group(1), b"w:right", "0")) - int(_get(margins.group(1), b"w:gutter", "0")))
    except (TypeError, ValueError):
        return None


_SPACE = frozenset(b" \t\n\r\f\v/>")  # what may follow a tag's name


def _tables(xml: bytes, body: int) -> list[tuple[int, int, bool]]:
    """(start, end, holds a table) of each outermost w:tbl after `body`."""
    out, depth, start, nested = [], 0, 0, False
    none = len(xml)  # no more
    at, opening, closing = body, -1, -1
    while True:
        if opening < at:
            opening = xml.find(b"<w:tbl", at) % (none + 1)
        if closing < at:
            closing = xml.find(b"</w:tbl>", at) % (none + 1)
        if opening == closing == none:
            if depth:
                raise _Unread
            return out
        if closing < opening:
            depth -= 1
            at = closing + len(b"</w:tbl>")
            if depth == 0:
                out.append((start, at, nested))
            continue
        at = opening + len(b"<w:tbl")
        if xml[at] not in _SPACE:  # w:tblPr, w:tblGrid, ...
            continue
        at = xml.index(b">", at) + 1
        if xml[at - 2] == ord("/"):
            nested = nested or depth > 0
        elif depth == 0:
            start, nested, depth = opening, False, 1
        else:
            nested, depth = True, depth + 1


def _add_cell(scan: _Scan, xml: bytes, start: int, close: int, header: bool, col: int) -> list:
    """The cell xml[start:close], at grid column `col`, added to the last row of `scan`."""
    lines, span, blank, tc_w, need = _cell(xml[start:close], header)
    cell = [None if tc_w is None else (start + tc_w[0], start + tc_w[1]), col, span, need,
            None if tc_w is None else tc_w[2]]
    scan.cell_widths.append(cell)
    scan.rows[-1].append((cell, lines))
    if blank and not header:
        scan.blanks.add(col)
    return cell


_ROW_HEAD = re.compile(rb"<w:tr>(?:<w:trPr>((?:<w:[A-Za-z]+(?: [^<>]*)?/>)*)</w:trPr>)?")
_ROWS: dict[bytes, tuple[bool, int, bool] | None] = {}  # a row's start up to its first cell -> its reading


def _row_head(head: bytes) -> tuple[bool, int, bool] | None:
    """(header row, the column of its first cell, a w:tblHeader there) of a row's start
    `<w:tr><w:trPr>...</w:trPr>` whose properties are all empty elements, or None (then `_size`
    reads the row tag by tag)."""
    out = _ROWS.get(head, _ROWS)
    if out is not _ROWS:
        return out
    out = None
    m = _ROW_HEAD.fullmatch(head)
    if m:
        header, col, headed = False, 0, False
        for tag in _TAG.finditer(m.group(1) or b""):
            name, attrs = tag.group(2), tag.group(3)
            if name == b"w:tblHeader":
                header, headed = _on(attrs), True
            elif name == b"w:gridBefore":
                col = int(_get(attrs, b"w:val", "0"))
            elif name in _OUTSIDE_CELLS or name in (b"w:tr", b"w:tc"):
                break
        else:
            out = (header, col, headed)
    if len(_ROWS) > 1000:
        _ROWS.clear()
    _ROWS[head] = out
    return out


def _rows(xml: bytes, at: int, end: int, scan: _Scan) -> tuple[int, bool]:
    """The rows from `at` read into `scan` while they are plain (`<w:tr>`, empty row properties,
    cells one after the other): where the first row not read starts (`at` when none), and whether
    one of the rows read holds a w:tblHeader."""
    headed = False
    while xml.startswith(b"<w:tr>", at):
        row_end = xml.find(b"</w:tr>", at, end)
        first = xml.find(b"<w:tc", at, row_end)
        if row_end < 0 or first < 0 or xml[first + 5:first + 6] not in (b">", b" "):
            return at, headed
        head = _row_head(xml[at:first])
        if head is None:
            return at, headed
        header, col, has_header = head
        # The row's cells read as they are found (`_add_cell`, inline: 86 cells a decision),
        # added to `scan` once the row is seen to be plain.
        cells: list = []
        widths: list = []
        blanks: list[int] = []
        start, span = first, 0
        while True:
            close = xml.find(b"</w:tc>", start, row_end)
            if close < 0:
                return at, headed
            close += len(b"</w:tc>")
            col += span
            text = xml[start:close]
            read = _CELLS.get((text, header))
            if read is None:
                try:
                    read = _cell(text, header)
                except _Unread:  # not a plain cell: read tag by tag (which refuses it if it must)
                    return at, headed
            lines, span, blank, tc_w, need = read
            cell = ([None, col, span, need, None] if tc_w is None
                    else [(start + tc_w[0], start + tc_w[1]), col, span, need, tc_w[2]])
            widths.append(cell)
            cells.append((cell, lines))
            if blank and not header:
                blanks.append(col)
            if close == row_end:
                break
            if not (xml.startswith(b"<w:tc>", close) or xml.startswith(b"<w:tc ", close)):
                return at, headed
            start = close
        scan.rows.append(cells)
        scan.headers.append(header)
        scan.cell_widths.extend(widths)
        scan.blanks.update(blanks)
        at = row_end + len(b"</w:tr>")
        headed = headed or has_header
    return at, headed


def _size(xml: bytes, start: int, end: int, width: int, edits: list) -> None:
    """The edits that size the body table xml[start:end] to `width` twips, none when it is not a
    list table (`widths._sized`: a w:tblHeader in a row's w:trPr, a grid, a layout not fixed)."""
    scan = _Scan()
    props = None
    grid_cols: list[tuple[int, int, bytes]] = []
    grid = "none"  # the first w:tblGrid: "none" yet, "open", "done"
    stack: list[bytes] = []
    col, header, cell, headed = 0, False, None, False
    at = start
    while m := _TAG.search(xml, at, end):
        closing, name, attrs, empty = m.groups()
        at = m.end()
        if closing:
            if stack.pop() == b"w:tblGrid" and len(stack) == 1 and grid == "open":
                grid = "done"
            continue
        depth = len(stack)
        if name == b"w:tc":
            if depth != 2 or stack[1] != b"w:tr":
                raise _Unread
            close = m.end() if empty else xml.index(b"</w:tc>", m.end()) + len(b"</w:tc>")
            cell = _add_cell(scan, xml, m.start(), close, header, col if cell is None else col + cell[2])
            col = cell[1]
            at = close
            continue
        if not empty:
            stack.append(name)
        if name == b"w:tr":
            if depth != 1:
                raise _Unread
            rows_end, seen = _rows(xml, m.start(), end, scan)
            headed = headed or seen
            if rows_end > m.start():  # whole rows read; the loop goes on after them
                stack.pop()
                at = rows_end
                continue
            cell, col, header = None, 0, False
            scan.rows.append([])
            scan.headers.append(False)
        elif name in (b"w:tblHeader", b"w:gridBefore"):
            if depth != 3 or stack[1:3] != [b"w:tr", b"w:trPr"] or cell is not None:
                raise _Unread
            if name == b"w:tblHeader":
                header = scan.headers[-1] = _on(attrs)
                headed = True
            else:
                col = int(_get(attrs, b"w:val", "0"))
        elif depth == 1 and name == b"w:tblPr" and props is None:
            props = (m.start(), m.end() if empty else xml.index(b"</w:tblPr>", m.end()) + len(b"</w:tblPr>"))
        elif depth == 1 and name == b"w:tblGrid" and grid == "none":
            grid = "done" if empty else "open"
        elif depth == 2 and name == b"w:gridCol" and grid == "open":
            grid_cols.append((m.start(), m.end(), attrs))
        elif depth > 0 and name in _OUTSIDE_CELLS:
            raise _Unread
    if not (headed and grid_cols):
        return
    if props is None:
        raise _Unread  # the tree path fails on it the same way
    layout = _LAYOUT.search(xml, props[0], props[1])
    if layout is not None and _get(layout.group(1), b"w:type") == "fixed":
        return
    template = [int(_get(attrs, b"w:w", "0")) for _, _, attrs in grid_cols]
    widths = _widths(scan, template, _margins(xml[props[0]:props[1]]), width, fast=True)
    for (s, e, _), w in zip(grid_cols, widths, strict=True):
        edits.append((s, e, _set(xml[s:e], ((b"w:w", str(w).encode()),))))
    _cell_widths(xml, scan, widths, edits)
    edits.append((props[0], props[1], _table_props(xml[props[0]:props[1]], sum(widths))))


def _cell_widths(xml: bytes, scan: _Scan, widths: list[int], edits: list) -> None:
    """The edits of the cells' w:tcW tags (`widths._apply`): the rows' span rewritten by one
    replacement per distinct tag when each distinct tag there is a cell's first w:tcW going to one
    value, else tag by tag."""
    tags: dict[bytes, bytes] = {}
    counts: dict[bytes, int] = {}
    news: dict[tuple, bytes] = {}
    one = True  # each distinct tag goes to one value
    first = last = None
    for cell in scan.cell_widths:
        if cell[0] is None:
            continue
        key = (cell[4], cell[1], cell[2])
        new = news.get(key)
        if new is None:
            value = str(sum(widths[cell[1]:cell[1] + cell[2]])).encode()
            new = news[key] = _set(cell[4], ((b"w:w", value), (b"w:type", b"dxa")))
            one = one and tags.setdefault(cell[4], new) == new
        counts[cell[4]] = counts.get(cell[4], 0) + 1
        first = first or cell[0]
        last = cell[0]
    if first is None:
        return
    start, end = first[0], last[1]
    changed = {old: new for old, new in tags.items() if old != new}
    if (one and not any(new in tags for new in changed.values())
            and all(xml.count(old, start, end) == n for old, n in counts.items())):
        span = xml[start:end]
        for old, new in changed.items():
            span = span.replace(old, new)
        edits.append((start, end, span))
    else:
        edits.extend((cell[0][0], cell[0][1], news[cell[4], cell[1], cell[2]])
                     for cell in scan.cell_widths if cell[0] is not None)


def _margins(props: bytes) -> int:
    mar = re.search(rb"<w:tblCellMar>(.*?)</w:tblCellMar>", props, re.S)
    total = 0
    for side, default in ((b"left", 57), (b"right", 57)):
        el = re.search(rb"<w:" + side + rb"(?=[\s/>])([^>]*)>", mar.group(1)) if mar else None
        value = _get(el.group(1), b"w:w", "") if el else ""
        total += int(value) if value.isdigit() else default
    return total


def _empty_texts(xml: bytes, edits: list) -> None:
    """The edits that write each empty `<w:t ...></w:t>` of `xml` as lxml writes it, `<w:t .../>`:
    the tree path writes the whole part back, so the sized part must say the same bytes."""
    at = xml.find(_UNWRITTEN)
    while at >= 0:
        start = xml.rfind(b"<", 0, at)
        if xml.startswith(b"<w:t>", start) or xml.startswith(b"<w:t ", start):
            edits.append((at, at + len(_UNWRITTEN), b"/>"))
        at = xml.find(_UNWRITTEN, at + 1)


def fit_fast(xml: bytes) -> bytes | None:
    """`widths.fit_tables(xml)` from the spans of the body's tables only (see the module), or None
    when the part holds something only the tree path reads exactly."""
    if not xml.startswith(_DECLARATION) or not xml.endswith(b">") or xml.count(b"<?") != 1:
        return None
    if any(mark in xml for mark in _UNREAD) or xml.count(_MAIN) != 1 or b"xmlns:w=" + _MAIN not in xml:
        return None
    body = xml.find(b"<w:body>")
    if body < 0:
        return None
    body += len(b"<w:body>")
    try:
        found, sections = _layout(xml, body)
        edits: list[tuple[int, int, bytes]] = []
        for start, end, nested in found:
            if nested or xml.find(b"tblHeader", start, end) < 0:
                continue
            width = next((w for at, w in sections if at > start), None)
            if width:
                _size(xml, start, end, width, edits)
    except _Unread:
        return None
    if not edits:
        return xml
    if _UNWRITTEN in xml:
        _empty_texts(xml, edits)
    edits.sort()
    out, at = [], 0
    for s, e, new in edits:
        out.append(xml[at:s])
        out.append(new)
        at = e
    out.append(xml[at:])
    return b"".join(out)
