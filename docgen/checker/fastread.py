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

from docgen.checker.ooxml import _PARSER, W, Shape

_P = f"{W}p"
_END = b"</w:p>"
_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*\?>)?\s*<w:document\s[^>]*>")
_BINDING = b'xmlns:w="' + W[1:-1].encode() + b'"'
_REVISION = re.compile(rb"<w:(?:ins|del|moveFrom|moveTo|cellIns|cellDel|\w+PrChange)[\s>/]")
_UNSAFE = (b"<!", b"txbxContent", b"<w:sdt", b"customXml", b"AlternateContent")
_TAG = re.compile(rb"<(/?)([^\s/>!?]+)([^>]*?)(/?)>")
_STRUCTURE = {b"w:body", b"w:tbl", b"w:tr", b"w:tc", b"w:document"}
_MAX_CACHED = 100_000  # shapes kept per styles entry across files

# Where the reader stands between paragraphs: which element a paragraph met here is a child of.
_TOP, _BODY, _TBL, _TR, _TC, _END_DOC = range(6)
_OPEN = {(b"w:body", _TOP): _BODY, (b"w:tbl", _BODY): _TBL, (b"w:tr", _TBL): _TR, (b"w:tc", _TR): _TC}
_CLOSE = {(b"w:tc", _TC): _TR, (b"w:tr", _TR): _TBL, (b"w:tbl", _TBL): _BODY, (b"w:body", _BODY): _END_DOC}


class _Doubt(Exception):
    """The cut cannot be trusted: read the file whole."""


def _events(prefix: bytes) -> tuple[list[tuple], bytes]:
    """The table-structure events in the bytes between two paragraphs, and those bytes with
    structure tags made empty (for the well-formedness check of what is left)."""
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
    missing = [item[1] for item in plan if item[0] == "p" and item[1] not in known]
    if missing:
        distinct = list(dict.fromkeys(missing))
        try:
            batch = etree.fromstring(head + b"".join(distinct) + tail, _PARSER)
        except etree.XMLSyntaxError:
            return False
        if len(batch) != len(distinct) or any(el.tag != _P for el in batch):
            return False  # a piece held more (or less) than one paragraph
        if len(known) > _MAX_CACHED:
            known.clear()
        fresh = {xml: doc._shape(el) for xml, el in zip(distinct, batch)}
        known.update(fresh)
    else:
        fresh = {}
    _apply(doc, plan, known, fresh, head, tail)
    return True


def _plan(data: bytes, cache: dict) -> tuple[list[tuple], bytes, bytes]:
    """What `_walk` would meet in `data`, in order, and the root's start and end tags.

    Items: ("p", paragraph bytes, table, row, cell) (table None in the body), ("t",) a table
    starts, ("s", sectPr bytes) the body's own section properties. `cache` keeps the events
    of the bytes between paragraphs already seen (they repeat: a cell's end and the next's start).
    """
    if any(mark in data for mark in _UNSAFE) or data.count(b"xmlns:w=") != 1 or _REVISION.search(data):
        raise _Doubt
    if data.count(b"</w:document>") != 1 or not data.rstrip().endswith(b"</w:document>"):
        raise _Doubt
    root = _ROOT.match(data)
    if root is None or _BINDING not in root.group():
        raise _Doubt
    head, tail = root.group(), b"</w:document>"
    prefixes: dict[bytes, tuple[list[tuple], bytes]] = cache.setdefault(("prefixes", head), {})
    new: dict[bytes, tuple[list[tuple], bytes]] = {}  # kept once the check parse passes
    pieces = data[root.end():].split(_END)
    plan: list[tuple] = []
    where, table, row, cell = _TOP, 0, 0, 0
    last = len(pieces) - 1
    for n, piece in enumerate(pieces):
        if n < last:
            at = max(piece.rfind(b"<w:p>"), piece.rfind(b"<w:p "))
            if at < 0:
                raise _Doubt  # a "</w:p>" with no opening of its own: nested paragraphs
            prefix = piece[:at]
        else:
            prefix = piece
        if prefix and b"<" in prefix:
            found = prefixes.get(prefix) or new.get(prefix)
            if found is None:
                found = new[prefix] = _events(prefix)
            for kind, name in found[0]:
                if kind == b"<":
                    if name == b"w:document":
                        raise _Doubt
                    where = _OPEN.get((name, where), -1)
                    if where < 0:
                        raise _Doubt
                    if where == _TBL:
                        table, row = table + 1, 0
                        plan.append(("t",))
                    elif where == _TR:
                        row, cell = row + 1, 0
                    elif where == _TC:
                        cell += 1
                elif kind == b"/":
                    if name == b"w:document" and where == _END_DOC:
                        where = -1
                        continue
                    where = _CLOSE.get((name, where), -1)
                    if where < 0:
                        raise _Doubt
                elif kind == b".":  # an empty table, row or cell still counts
                    if (name, where) not in _OPEN:
                        raise _Doubt
                    if name == b"w:tbl":
                        table += 1
                        plan.append(("t",))
                    elif name == b"w:tr":
                        row, cell = row + 1, 0
                    elif name == b"w:tc":
                        cell += 1
                    else:
                        raise _Doubt
                else:  # a section's properties standing in the body
                    if where != _BODY:
                        raise _Doubt
                    plan.append(("s", name))
        elif prefix.strip():
            raise _Doubt
        if n < last:
            if where == _BODY:
                plan.append(("p", piece[at:] + _END, None, None, None))
            elif where == _TC:
                plan.append(("p", piece[at:] + _END, table, row, cell))
            else:
                raise _Doubt
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
    return plan, head, tail


def _apply(doc, plan: list[tuple], known: dict, fresh: dict, head: bytes, tail: bytes) -> None:
    """Place the planned paragraphs and sections on `doc`, as `Document._walk` does."""
    paragraphs, sections, place = doc.paragraphs, doc.sections, doc._place
    has_table = False
    for item in plan:
        kind = item[0]
        if kind == "p":
            shape: Shape = fresh.get(item[1]) or known[item[1]]
            p = place(shape, len(paragraphs) + 1)
            paragraphs.append(p)
            if item[2] is not None:
                p.table, p.row, p.cell = item[2], item[3], item[4]
                continue
            has_table = has_table or p.has_drawing
            if shape.sect is not None:
                sections.append(doc._section(shape.sect, has_table))
                sections[-1].last = p.index
                has_table = False
        elif kind == "t":
            has_table = True
        else:
            sect = etree.fromstring(head + item[1] + tail, _PARSER)[0]
            sections.append(doc._section(sect, has_table))
