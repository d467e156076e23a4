"""A plain document.xml read without building lxml's tree of the whole file.

A print bundle of 1,000 decisions is 24 MB of XML and 120,000 paragraphs, of which about
20,000 differ: the same "Nơi nhận:", the same căn cứ, the same empty signature lines. Here the
bytes are cut at each "</w:p>": what stands between two paragraphs is a few table tags
(read by a small state machine), and every distinct paragraph is parsed once (all of them in
one lxml parse) and read once into a `Shape`, shared by every paragraph with its bytes.

The result is the one `Document._walk` gives on the whole tree, and only plain files take this
road: paragraphs straight in the body or in the cells of tables that do not nest, and nothing
that could make the cut wrong or the reading differ (comments, CDATA, DTDs, content controls,
custom XML, text boxes, tracked changes, a second binding of the w: prefix). Anything else,
and any doubt met on the way (malformed XML included), returns False before anything is
placed, and the file is read whole as before: findings never depend on the road taken.
"""

import re

from lxml import etree

from docgen.checker import ooxml
from docgen.checker.ooxml import _PARSER, _T, LAYOUT_CHARS, Run, Shape, W

_P = f"{W}p"
_END = b"</w:p>"
_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>)?\s*<w:document\s[^>]*>")
_BINDING = b'xmlns:w="' + W[1:-1].encode() + b'"'
_REVISION = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|cellIns|cellDel|\w+PrChange)[\s>/]")
_UNSAFE = (b"<!", b"txbxContent", b"xmlns:w=")  # comments, CDATA, DTDs; text boxes; a w: rebound
_UNSAFE_BETWEEN = (b"<w:sdt", b"customXml", b"AlternateContent")  # blocks _walk reads its own way
_EMPTY_P = re.compile(rb"<w:p(?:\s[^>]*)?/>")
_SPACE = frozenset(b" \t\r\n")
_TAG = re.compile(rb"<(/?)([^\s/>!?]+)([^>]*?)(/?)>")
_STRUCTURE = {b"w:body", b"w:tbl", b"w:tr", b"w:tc", b"w:document"}
_MAX_CACHED = 100_000  # shapes kept per styles entry across files
SKELETONS = True  # a new paragraph whose XML differs from a known one only in its w:t texts
# takes that one's shape with its own texts (see `_Skeleton`); False: every new paragraph read whole
KEEP_PIECES = True  # how each piece cut at "</w:p>" divides (bytes between, paragraph) kept across
# files by the piece's bytes, its paragraph's bytes one object (hashed once); False: cut every time
KEEP_PLANS = True  # a file whose pieces divide as an earlier file's did (only the paragraphs cut at
# "</w:p>" differ: a decision's awardee lines) takes that file's plan with its own paragraphs; False:
# every file's pieces walked
MASK_WIDTHS = True  # the bytes between paragraphs known by what they are but their widths' digits
# (`_masked`): a decision's list table sized to its names (docgen.render.widths) divides as the last
# one did, its plan and the events of its cell tags kept; False: known by their own bytes alone
KEEP_PLACED = True  # an unnumbered paragraph of the same shape at the same place (index, table, row,
# cell) as in the last file of the same root is that file's `Paragraph` object (the rules read
# paragraphs and never change them); False: every paragraph made anew for each file
_PLANNED_PIECES = 5_000  # paragraphs: a longer file (a print bundle) is planned alone, its plan not kept
_WT = re.compile(rb"(<w:t(?:\s[^>]*)?>)[^<]*</w:t>")
_WT_PARTS = re.compile(rb"(<w:t(?:\s[^>]*)?>)([^<]*)(</w:t>)")  # _WT, its text a group of its own
_SLOT = 0xF0000  # texts of the skeleton's w:t stand as private-use characters from here
_UNSEEN = object()
_WIDTH = re.compile(rb'(?<=\sw:w=")[0-9]+(?=")')
_SLOTS = re.compile("[\U000F0000-\U000FFFFD]")

# Where the reader stands between paragraphs: which element a paragraph met here is a child of.
_TOP, _BODY, _TBL, _TR, _TC, _END_DOC = range(6)
_OPEN = {(b"w:body", _TOP): _BODY, (b"w:tbl", _BODY): _TBL, (b"w:tr", _TBL): _TR, (b"w:tc", _TR): _TC}
_CLOSE = {(b"w:tc", _TC): _TR, (b"w:tr", _TR): _TBL, (b"w:tbl", _TBL): _BODY, (b"w:body", _BODY): _END_DOC}


class _Doubt(Exception):
    """The cut cannot be trusted: read the file whole."""


def _events(prefix: bytes) -> tuple[list[tuple], bytes]:
    """The table-structure events in the bytes between two paragraphs, and those bytes with
    structure tags made empty (for the well-formedness check of what is left)."""
    if any(mark in prefix for mark in _UNSAFE + _UNSAFE_BETWEEN) or _REVISION.search(prefix):
        raise _Doubt
    events: list[tuple] = []
    inner: list[bytes] = []  # open elements that are not structure: they must close here
    for m in _TAG.finditer(prefix):
        closing, name, _, empty = m.groups()
        if name in _STRUCTURE:
            if inner:
                raise _Doubt
            events.append((b"/" if closing else (b"." if empty else b"<"), name))
        elif name == b"w:sectPr" and not closing and not inner:
            end = prefix.find(b"</w:sectPr>", m.end())
            if empty:
                events.append((b"s", m.group()))
            elif end < 0:
                raise _Doubt
            else:
                events.append((b"s", prefix[m.start():end + 11]))
                # the tags inside it balance; the check parse below reads them
        elif closing:
            if not inner or inner.pop() != name:
                if name != b"w:sectPr":
                    raise _Doubt
        elif not empty:
            inner.append(name)
    if inner:
        raise _Doubt
    check = _TAG.sub(lambda m: b"" if m.group(2) in _STRUCTURE and m.group(1) else (
        b"<" + m.group(2) + m.group(3) + b"/>" if m.group(2) in _STRUCTURE else m.group()), prefix)
    return events, check


def read_body(doc, data: bytes) -> bool:
    """Fill `doc.paragraphs` and `doc.sections` from document.xml `data`; False if not plain.

    `doc` is an `ooxml.Document` being built: its `_shape`, `_place`, `_section` and shape
    cache are used, so paragraphs and sections come out as `_walk` makes them.
    """
    try:
        plan, head, tail = _plan(data, doc._shape_cache)
    except _Doubt:
        return False
    known = doc._shape_cache.setdefault(("shapes", head), {})
    if len(known) > _MAX_CACHED:
        known.clear()
    missing = [item[1] for item in plan if item[0] == "p" and item[1] not in known]
    if missing:
        distinct = list(dict.fromkeys(missing))
        if any(_unsafe(xml) for xml in distinct):
            return False
        try:
            batch = etree.fromstring(head + b"".join(distinct) + tail, _PARSER)
        except etree.XMLSyntaxError:
            return False
        if len(batch) != len(distinct) or any(el.tag != _P for el in batch):
            return False  # a piece held more (or less) than one paragraph
        if SKELETONS:
            skeletons = doc._shape_cache.setdefault(("skeletons", head), {})
            if len(skeletons) > _MAX_CACHED:
                skeletons.clear()
            known.update((xml, _shape_of(doc, xml, el, skeletons)) for xml, el in zip(distinct, batch, strict=True))
        else:
            known.update((xml, doc._shape(el)) for xml, el in zip(distinct, batch, strict=True))
    _apply(doc, plan, known, head, tail)
    doc.paragraph_xml = [item[1] for item in plan if item[0] == "p"]
    return True


class _Skeleton:
    """What a paragraph's shape is made of once its w:t texts are taken out: the shape read with
    each text replaced by a private-use character (slot i: chr(_SLOT + i)), and each run's text
    as literal pieces and slot numbers.

    A decision's awardee paragraphs differ from each other only in their texts (the names): one
    shape read per skeleton, then each paragraph's shape is that one with its own texts put back.
    `_shape` reads a w:t's text into its run's text and nowhere else, so the slots stand exactly
    where the texts go; the paragraph a skeleton is made from (the second met) is also read whole
    and compared, and the skeleton kept only if both readings agree.
    """

    __slots__ = ("shape", "runs")

    def __init__(self, shape: Shape) -> None:
        self.shape = shape
        self.runs = []
        for run in shape.runs:
            pieces, at = [], 0
            for m in _SLOTS.finditer(run.text):
                if m.start() > at:
                    pieces.append(run.text[at:m.start()])
                pieces.append(ord(m.group()) - _SLOT)
                at = m.end()
            if at < len(run.text):
                pieces.append(run.text[at:])
            self.runs.append((pieces, run))

    def fill(self, el, texts: list[str]) -> Shape:
        """The shape of the paragraph `el` whose w:t texts are `texts`."""
        template = self.shape
        runs = []
        for pieces, run in self.runs:
            text = "".join([texts[x] if type(x) is int else x for x in pieces])
            runs.append(Run(text, run.props, run.numbering) if pieces else run)
        return Shape(el, "".join([r.text for r in runs]), runs, template.props, template.style,
                     template.has_drawing, template.fields, template.page_break, None, None,
                     template.sid, template.base_rpr)


def _shape_of(doc, xml: bytes, el, skeletons: dict) -> Shape:
    """`doc._shape(el)` (`xml`: the paragraph's bytes), from the shape of a paragraph differing
    only in its texts when one was read (`skeletons`: by skeleton bytes, a `_Skeleton`, False when
    met once, None when not usable)."""
    ts = list(el.iter(_T))
    if not ts or len(ts) > 4096:
        return doc._shape(el)
    key, count = _skeleton_key(xml)
    if count != len(ts):  # a w:t the pattern does not see (another spelling, an empty element)
        return doc._shape(el)
    texts = [(t.text or "").translate(LAYOUT_CHARS) for t in ts]
    skeleton = skeletons.get(key, _UNSEEN)
    if skeleton is _UNSEEN:  # first met: made on the second, so paragraphs met once pay nothing
        skeletons[key] = False
        return doc._shape(el)
    if skeleton is None:
        return doc._shape(el)
    if skeleton:
        if not _SLOTS.search("".join(texts)):
            return skeleton.fill(el, texts)
        return doc._shape(el)
    shape = doc._shape(el)
    if _SLOTS.search("".join(texts)):
        return shape
    if shape.sect is not None or shape.ppr_el is not None and shape.props.num_id:
        skeletons[key] = None  # its own section or numbering label: read whole (rare)
        return shape
    originals = [t.text for t in ts]
    for i, t in enumerate(ts):
        t.text = chr(_SLOT + i)
    try:
        skeleton = _Skeleton(doc._shape(el))
    finally:
        for t, text in zip(ts, originals, strict=True):
            t.text = text
    made = skeleton.fill(el, texts)
    same = (made.text == shape.text and made.fields == shape.fields and made.props == shape.props
            and [(r.text, r.props, r.numbering) for r in made.runs]
            == [(r.text, r.props, r.numbering) for r in shape.runs]
            and (made.style, made.has_drawing, made.page_break, made.sid, made.base_rpr)
            == (shape.style, shape.has_drawing, shape.page_break, shape.sid, shape.base_rpr))
    skeletons[key] = skeleton if same else None
    return shape


def _skeleton_key(xml: bytes) -> tuple[bytes, int]:
    """`_WT.subn(rb"\1</w:t>", xml)`: the paragraph's bytes with its w:t texts taken out, and how
    many were; cut by one split rather than a template expanded in Python for every match."""
    parts = _WT_PARTS.split(xml)  # [before, start tag, text, end tag, between, ...]
    del parts[2::4]
    return b"".join(parts), len(parts) // 3


def _unsafe(paragraph: bytes) -> bool:
    """A paragraph the cut or the shared reading could get wrong."""
    return any(mark in paragraph for mark in _UNSAFE) or bool(_REVISION.search(paragraph))


def _opening(piece: bytes) -> int:
    """Where the paragraph that the piece's "</w:p>" closes opens: its first "<w:p" start tag
    that is not empty ("<w:p/>" paragraphs before it stay in the prefix); -1 if none."""
    at = piece.find(b"<w:p")
    while at >= 0:
        after = piece[at + 4] if at + 4 < len(piece) else 0
        if after == 62:  # ">"
            return at
        if after in _SPACE:
            end = piece.find(b">", at)
            if end > 0 and piece[end - 1] != 47:  # not "/>"
                return at
        at = piece.find(b"<w:p", at + 4)
    return -1


def _plan(data: bytes, cache: dict) -> tuple[list[tuple], bytes, bytes]:
    """What `_walk` would meet in `data`, in order, and the root's start and end tags.

    Items: ("p", paragraph bytes, table, row, cell) (table None in the body), ("t",) a table
    starts, ("s", sectPr bytes) the body's own section properties. `cache` keeps the events
    of the bytes between paragraphs already seen (they repeat: a cell's end and the next's start).
    """
    root = _ROOT.match(data)
    if root is None or _BINDING not in root.group() or root.group().count(b"xmlns:w=") != 1:
        raise _Doubt
    head, tail = root.group(), b"</w:document>"
    prefixes: dict[bytes, tuple[list[tuple], bytes]] = cache.setdefault(("prefixes", head), {})
    new: dict[bytes, tuple[list[tuple], bytes]] = {}  # kept once the check parse passes
    pieces = data[root.end():].split(_END)
    cut: dict[bytes, tuple] = cache.setdefault(("pieces", head), {}) if KEEP_PIECES else {}
    if len(cut) > _MAX_CACHED:
        cut.clear()
    keep_plan = KEEP_PLANS and len(pieces) <= _PLANNED_PIECES
    plans: dict[tuple, list] = cache.setdefault(("plans", head), {}) if keep_plan else {}
    if plans:
        found = _planned(pieces, cut, plans)
        if found is not None:
            return found, head, tail
    plan: list[tuple] = []
    layout: list[tuple] = []  # the plan with each piece's own paragraph as (piece, table, row, cell)
    structure: list = []  # the piece's division but its own paragraph: what the plan follows from
    where, table, row, cell = _TOP, 0, 0, 0
    last = len(pieces) - 1
    moves: dict[tuple[bytes, int], tuple] = {}
    for n, piece in enumerate(pieces):
        if n < last:
            known = cut.get(piece) or _cut(piece, cut)
            units, xml, masked = known
            if not MASK_WIDTHS:
                masked = units
        else:
            if not piece.rstrip().endswith(tail):
                raise _Doubt  # something after the root element
            units = masked = _units(piece) if b"<w:p" in piece else ((piece, None),)
        if keep_plan:
            structure.append(masked)
        for between, empty in masked:
            if between and b"<" in between:
                move = moves.get((between, where))
                if move is None:
                    found = prefixes.get(between) or new.get(between)
                    if found is None:
                        found = new[between] = _events(between)
                    move = moves[between, where] = _move(found[0], where)
                where, tables, row_reset, rows, cell_reset, cells, items = move
                if tables:
                    table += tables
                row = rows if row_reset else row + rows
                cell = cells if cell_reset else cell + cells
                if items:
                    plan.extend(items)
                    if keep_plan:
                        layout.extend(items)
            elif between.strip():
                raise _Doubt
            if empty is not None:
                plan.append(_paragraph(empty, where, table, row, cell))
                if keep_plan:
                    layout.append(plan[-1])
        if n < last:
            plan.append(_paragraph(xml, where, table, row, cell))
            if keep_plan:
                layout.append((n, *plan[-1][2:]))
    if where != -1:
        raise _Doubt  # the document did not close where it should
    if new:
        try:
            etree.fromstring(head + b"".join(check for _, check in new.values()) + tail, _PARSER)
        except etree.XMLSyntaxError:
            raise _Doubt from None
        if len(prefixes) > _MAX_CACHED:
            prefixes.clear()
        prefixes.update(new)
    if keep_plan:
        if len(plans) >= 256:
            plans.clear()
        plans[tuple(structure)] = layout
    return plan, head, tail


def _planned(pieces: list[bytes], cut: dict[bytes, tuple], plans: dict[tuple, list]) -> list[tuple] | None:
    """`_plan`'s items for `pieces` from the layout of a file already planned whose pieces divide
    the same way (the same bytes between paragraphs, the same empty paragraphs, the same last
    piece): only each piece's own paragraph differs, and the plan follows from the rest. None
    when no such file was planned. Raises _Doubt as `_plan` does for a piece it cannot cut."""
    known = list(map(cut.get, pieces[:-1]))
    if None in known:  # a new paragraph (an awardee's line)
        for i in [i for i, k in enumerate(known) if k is None]:
            known[i] = _cut(pieces[i], cut)
    last = pieces[-1]
    at = 2 if MASK_WIDTHS else 0  # the units masked, or as they are
    layout = plans.get((*[k[at] for k in known], _units(last) if b"<w:p" in last else ((last, None),)))
    if layout is None:
        return None
    return [item if type(item[0]) is str else ("p", known[item[0]][1], item[1], item[2], item[3])
            for item in layout]


def _cut(piece: bytes, cut: dict[bytes, tuple]) -> tuple:
    """How a piece cut at "</w:p>" divides: (the units before its paragraph (`_units`), the
    paragraph's bytes, the units `_masked`), kept in `cut` (`KEEP_PIECES`)."""
    at = _opening(piece)
    if at < 0:
        raise _Doubt  # a "</w:p>" with no opening of its own: nested paragraphs
    prefix = piece[:at]
    units = _units(prefix) if b"<w:p" in prefix else ((prefix, None),)
    known = (units, piece[at:] + _END, _masked(units))
    if KEEP_PIECES:
        cut[piece] = known
    return known


def _masked(units: tuple) -> tuple:
    """`units` with each width written in the bytes between paragraphs (w:w="<digits>", a table
    grid's column or a cell's width) given as w:w="#", where no w:sectPr stands (its page size is
    read from its bytes): they are the same table tags to `_events`, and well-formed exactly when
    the bytes are (digits replaced in an attribute value or a text, never in a name or a
    reference, which hold no quote). `units` itself when nothing is masked (or `MASK_WIDTHS` off).
    """
    if not MASK_WIDTHS or not any(b'w:w="' in between for between, _ in units):
        return units
    return tuple((between if b"sectPr" in between else _WIDTH.sub(b"#", between), empty)
                 for between, empty in units)


def _units(prefix: bytes) -> tuple[tuple[bytes, bytes | None], ...]:
    """The bytes between two paragraphs cut at the empty paragraphs ("<w:p/>") standing there:
    (bytes before, the empty paragraph or None)."""
    units, start = [], 0
    for m in _EMPTY_P.finditer(prefix):
        units.append((prefix[start:m.start()], m.group()))
        start = m.end()
    units.append((prefix[start:], None))
    return tuple(units)


def _paragraph(xml: bytes, where: int, table: int, row: int, cell: int) -> tuple:
    """The plan item of a paragraph met at `where`."""
    if where == _BODY:
        return ("p", xml, None, None, None)
    if where == _TC:
        return ("p", xml, table, row, cell)
    raise _Doubt


def _move(events: list[tuple], where: int) -> tuple:
    """What the events between two paragraphs do, entered at `where`: the place reached, tables
    started, the row and cell numbers (reset and set, or added to), and plan items met."""
    tables, row_reset, rows, cell_reset, cells = 0, False, 0, False, 0
    items: list[tuple] = []
    for kind, name in events:
        if kind == b"<" or kind == b".":
            if name == b"w:document" or (name, where) not in _OPEN:
                raise _Doubt
            if name == b"w:tbl":
                tables, row_reset, rows = tables + 1, True, 0
                items.append(("t",))
            elif name == b"w:tr":
                rows, cell_reset, cells = rows + 1, True, 0
            elif name == b"w:tc":
                cells += 1
            elif kind == b".":
                raise _Doubt  # an empty body
            if kind == b"<":
                where = _OPEN[name, where]
        elif kind == b"/":
            if name == b"w:document" and where == _END_DOC:
                where = -1
            elif (name, where) in _CLOSE:
                where = _CLOSE[name, where]
            else:
                raise _Doubt
        else:  # a section's properties standing in the body
            if where != _BODY:
                raise _Doubt
            items.append(("s", name))
    return where, tables, row_reset, rows, cell_reset, cells, items


def _apply(doc, plan: list[tuple], known: dict, head: bytes, tail: bytes) -> None:
    """Place the planned paragraphs and sections on `doc`, as `Document._walk` does."""
    paragraphs, sections, place = doc.paragraphs, doc.sections, doc._place
    new, paragraph = object.__new__, ooxml.Paragraph
    # The paragraphs placed by the last file of this root (by index): the rules only read them.
    placed = doc._shape_cache.setdefault(("placed", head), []) if KEEP_PLACED and len(plan) <= _PLANNED_PIECES \
        else None
    has_table = False
    for item in plan:
        kind = item[0]
        if kind == "p":
            shape: Shape = known[item[1]]
            num = shape.props.num_id
            at = len(paragraphs)
            if num and num != "0":  # Word numbering may draw a label in front
                p = place(shape, at + 1)
                if item[2] is not None:
                    p.table, p.row, p.cell = item[2], item[3], item[4]
            elif placed is not None and at < len(placed) and (kept := placed[at]) is not None \
                    and kept[0] is shape and kept[1] == item[2] and kept[2] == item[3] and kept[3] == item[4]:
                p = kept[4]  # the same shape at the same place: the same paragraph
            else:  # what `place` makes of a paragraph with no label, its call saved
                p = new(paragraph)
                p.__dict__.update(shape.paragraph)
                p.index = at + 1
                if item[2] is not None:
                    p.table, p.row, p.cell = item[2], item[3], item[4]
                if placed is not None:
                    placed.extend([None] * (at + 1 - len(placed)))
                    placed[at] = (shape, item[2], item[3], item[4], p)
            paragraphs.append(p)
            if item[2] is not None:
                continue
            has_table = has_table or p.has_drawing
            if shape.sect is not None:
                sections.append(doc._kept_section(shape.sect, has_table))
                sections[-1].last = p.index
                has_table = False
        elif kind == "t":
            has_table = True
        else:
            sects = doc._shape_cache.setdefault(("sects", head), {})
            sect = sects.get(item[1])
            if sect is None:
                sect = etree.fromstring(head + item[1] + tail, _PARSER)[0]
                if ooxml.KEEP_SECTIONS:
                    if len(sects) >= 4096:
                        sects.clear()
                    sects[item[1]] = sect
            sections.append(doc._kept_section(sect, has_table))
