"""A rendered word/document.xml laid out piece by piece, the pieces a batch repeats laid out once.

The 1,000 decisions of one award kind share nearly all their body: header, căn cứ, Điều 2–3,
Nơi nhận, signature, the list's titles; what changes is the number and date, the counts and the
list's rows (issue 16). `lay_out` (docgen.render.layout) reads the whole body of each: its
range and symbol search, its title and rule sizing and its stretched lines walk every paragraph
again for every decision. `lay_out_kept(xml, ids, justified)` gives the same string as
`layout.lay_out(xml, ids, justified)`, laying out each piece of the body (a top-level paragraph
with the tables after it) on its own and keeping what a piece became, by its text, for the
process: a piece met again costs a dictionary look-up.

Why a piece laid out alone becomes what it becomes inside the whole body (each step of
`lay_out`, see docgen.render.layout):

- the pieces are cut only before a top-level paragraph (`"\\n<w:p"`, as docgen.render.template
  writes every paragraph on a line of its own), outside every table, so each paragraph, table
  and cell lies whole in one piece; a body holding a text box (a paragraph inside a paragraph)
  is laid out whole;
- `no_break_in_ranges` reads a run's text and the tags around it; `balance_titles` a title
  paragraph, its cell or its section's width; `share_spaces` a justified paragraph, whether it
  lies in a cell, and its section's width: all of it lies in the piece, but the widths. A piece is
  laid out between two section properties copied from the body: the body's first (whose page
  and margins `fit_title_rules` reads, the first in the body) before it, and the first one
  after the piece's end (the section whose width its paragraphs take) after it. Those two are
  then cut off again, and must come back as they went in;
- `fit_title_rules` sizes a rule (DuongKe) by the title paragraphs right above it: a piece
  holding a rule is laid out together with the pieces before it that hold a title's style;
- `fit_cell_names` (after keep_closing in `lay_out`) breaks a long name in a cell by the cell's
  width, which lies in the piece, and its section's width (after it): it runs in the first pass;
- `keep_closing` looks from the closing table back to the paragraph before it, across pieces:
  it runs on the whole body, between the two passes (the rest of `lay_out` before it, and
  `share_spaces` after it, as `lay_out` orders them), and only the piece it changed is new.

A piece is kept only when it has been met once before (its hash remembered): a decision's list
of awardees never comes back, and is not kept. Off (SPLICE False): `layout.lay_out` on the
whole body (tests/test_build_fastpaths.py, tests/test_splice.py compare the two byte for byte).
"""

import re
from bisect import bisect_left

from docgen.render import layout

SPLICE = True  # fast path (issue 16; tests/test_build_fastpaths.py plain_paths turns it off)
MAX_KEPT = 4_000  # pieces (and hashes met) kept for the process, each table emptied past this

_CUT = re.compile(r"\n<w:p[ >]")
_TABLE = re.compile(r"<w:tbl[ >]|</w:tbl>")  # a table's start or end
_SECT_END = "</w:sectPr>"
_TEXT_OR_PARA = re.compile(r"<w:(?:p|t|tc|r)[ >]")
# (id of ids, of justified) -> ({piece key: laid out}, the same after keep_closing, the hashes met by each
# pass, ids, justified)
_KEPT: dict[tuple[int, int], tuple] = {}


def lay_out_kept(xml: str, ids: dict[str, str] | None = None,
                 justified: dict[str, tuple[float, str, int, int, int]] | None = None) -> str:
    """`layout.lay_out(xml, ids, justified)`, the body's pieces met before taken as kept (see the
    module). The whole body is laid out at once when SPLICE is off or its shape is not the plain
    one this needs (no section properties, a text box, no paragraph)."""
    if not SPLICE:
        return layout.lay_out(xml, ids, justified)
    cut = _pieces(xml)
    if cut is None:
        return layout.lay_out(xml, ids, justified)
    starts, tail, sects = cut
    first = sects[0]
    before = xml[first[0]:first[1]]
    kept = _kept(ids, justified)
    line_id, titles = _rule_and_titles(ids)
    pieces = _grouped(xml, starts, tail, line_id, titles)
    afters = {}  # piece end -> the section properties after it
    laid: list[str] = []
    for start, end in pieces:
        after = afters.get(end)
        if after is None:
            s = sects[bisect_left(sects, (end, -1))]
            after = afters[end] = xml[s[0]:s[1]]
        done = _once(kept[0], kept[2], (xml[start:end], before, after), _first_pass, ids)
        if done is None:
            return layout.lay_out(xml, ids, justified)
        laid.append(done)
    whole = "".join(laid) + xml[tail:]
    closed = layout.keep_closing(whole, ids)
    if closed is not whole:
        laid = _changed_piece(laid, closed, len(xml) - tail)
        if laid is None:
            return layout.lay_out(xml, ids, justified)
    if not justified:
        return "".join(laid) + xml[tail:]
    out = []
    marks = _justified_marks(justified)
    for (_, end), piece in zip(pieces, laid, strict=True):
        key = (piece, before, afters[end])
        done = kept[1].get(key)
        if done is None:
            if not any(mark in piece for mark in marks):
                out.append(piece)  # no paragraph share_spaces would look at
                continue
            done = _once(kept[1], kept[3], key, _second_pass, justified)
        if done is None:
            return layout.lay_out(xml, ids, justified)
        out.append(done)
    return "".join(out) + xml[tail:]


def _pieces(xml: str) -> tuple[list[int], int, list[tuple[int, int]]] | None:
    """(where each piece starts, where the body's closing section properties start, the
    (start, end) of every section properties), or None when the body is not plainly shaped."""
    if "<w:txbxContent" in xml:
        return None
    tail = xml.rfind("<w:sectPr")
    if tail < 0 or tail < xml.rfind("</w:p>") or tail < xml.rfind("</w:tbl>") or _TEXT_OR_PARA.search(xml, tail):
        return None  # the body's own section properties are not last, or text follows them
    sects = []
    at = xml.find("<w:sectPr")
    while at >= 0:
        end = xml.find(_SECT_END, at)
        if end < 0:
            return None
        sects.append((at, end + len(_SECT_END)))
        at = xml.find("<w:sectPr", end)
    first = xml[sects[0][0]:sects[0][1]]
    if '<w:pgSz w:w="' not in first or "<w:pgMar " not in first:
        return None  # the page's width read elsewhere than the first section's properties
    starts = [0]
    for low, high in _outside_tables(xml, tail):
        starts += [m.start() for m in _CUT.finditer(xml, low, high) if m.start() > 0]
    if len(starts) < 2:
        return None
    return starts, tail, sects


def _outside_tables(xml: str, tail: int) -> list[tuple[int, int]]:
    """The stretches of `xml[:tail]` outside every table (a table inside a table as well)."""
    out, low, depth, at = [], 0, 0, 0
    while True:
        m = _TABLE.search(xml, at, tail)
        if m is None:
            break
        if m.group(0)[1] != "/":
            if depth == 0:
                out.append((low, m.start()))
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                low = m.end()
        at = m.end()
    out.append((low, tail) if depth == 0 else (tail, tail))
    return out


def _rule_and_titles(ids: dict[str, str] | None) -> tuple[str | None, tuple[str, ...]]:
    """The style marker of the rule under a title and those of the titles (as lay_out reads `ids`)."""
    ids = ids or {v: v for v in layout.STYLE_NAMES.values()}
    line_id = next((k for k, v in ids.items() if v == "DuongKe"), None)
    marker = f'<w:pStyle w:val="{line_id}"/>' if line_id is not None else None
    return marker, tuple(f'<w:pStyle w:val="{k}"/>' for k, v in ids.items() if v in layout.TITLE_STYLES)


def _grouped(xml: str, starts: list[int], tail: int, rule: str | None,
             titles: tuple[str, ...]) -> list[tuple[int, int]]:
    """The pieces' (start, end); a piece holding a rule joined with the pieces right before it
    that hold a title's style (fit_title_rules reads the titles above a rule)."""
    spans = [(a, b) for a, b in zip(starts, starts[1:] + [tail], strict=True)]
    if rule is None or rule not in xml:
        return spans
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if xml.find(rule, start, end) >= 0:
            while out and any(xml.find(t, *out[-1]) >= 0 for t in titles):
                start = out.pop()[0]
        out.append((start, end))
    return out


def _justified_marks(justified: dict) -> tuple[str, ...]:
    """What a paragraph `share_spaces` may change holds: a justified style's reference (it reads
    the paragraph's first, written so), or a justification of its own."""
    marks = _MARKS.get(id(justified))
    if marks is None or marks[0] is not justified:
        if len(_MARKS) > 64:
            _MARKS.clear()
        marks = _MARKS[id(justified)] = (justified, (*(f'<w:pStyle w:val="{sid}"/>' for sid in justified),
                                                    'w:val="both"'))
    return marks[1]


_MARKS: dict[int, tuple] = {}


def _first_pass(text: str, ids: dict[str, str] | None) -> str:
    # fit_cell_names comes after keep_closing in `lay_out`; here before it, which gives the same:
    # it turns a no-break space into a space (one character for one: keep_closing's 8,000-character
    # window and positions stay), only inside tables, and keep_closing's keep-with-next changes
    # neither a cell's width nor a paragraph's style.
    laid = layout.fit_title_rules(layout.balance_titles(layout.no_break_in_ranges(text), ids), ids)
    return layout.fit_cell_names(laid, ids)


def _second_pass(text: str, justified: dict) -> str:
    return layout.share_spaces(text, justified)


def _once(table: dict, met: set, key: tuple[str, str, str], step, arg) -> str | None:
    """`step(before + piece + after, arg)` without the two section properties again, kept in
    `table` by `key` = (piece, before, after) once met twice; None when they did not come back."""
    done = table.get(key)
    if done is not None:
        return done
    piece, before, after = key
    laid = step(before + piece + after, arg)
    if not (laid.startswith(before) and laid.endswith(after)):
        return None
    done = laid[len(before):len(laid) - len(after)]
    h = hash(key)
    if h in met:
        if len(table) > MAX_KEPT:
            table.clear()
        table[key] = done
    else:
        if len(met) > MAX_KEPT:
            met.clear()
        met.add(h)
    return done


def _kept(ids, justified) -> tuple:
    key = (id(ids), id(justified))
    kept = _KEPT.get(key)
    if kept is None or kept[4] is not ids or kept[5] is not justified:
        if len(_KEPT) > 64:
            _KEPT.clear()
        # the two held: their ids are not reused while kept
        kept = _KEPT[key] = ({}, {}, set(), set(), ids, justified)
    return kept


def _changed_piece(laid: list[str], closed: str, tail: int) -> list[str] | None:
    """`laid` with the one piece `keep_closing` changed taken from `closed` (the joined pieces
    and a tail of `tail` characters, changed in one paragraph); None when the change is not
    inside one piece."""
    joined = "".join(laid)
    # The first character that differs, by halves (slices compare as memcmp).
    lo, hi = 0, min(len(joined), len(closed))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if joined[lo:mid] == closed[lo:mid]:
            lo = mid
        else:
            hi = mid - 1
    grown = len(closed) - tail - len(joined)
    at = 0
    for i, piece in enumerate(laid):
        if at <= lo < at + len(piece):
            new = closed[at:at + len(piece) + grown]
            rest = closed[at + len(piece) + grown:len(closed) - tail]
            if rest != joined[at + len(piece):]:
                return None
            return laid[:i] + [new] + laid[i + 1:]
        at += len(piece)
    return None
