"""The laid-out pages of a .docx, judged as a văn thư looks at them: `docgen lint --pages`.

The .docx says which text is which (the Decree 30 parts of roles.py: header, body, headings,
Nơi nhận, signature, signer; headings by paragraph style or label); the PDF says where each line
fell. Each PDF line is matched back to the paragraph holding its text (white space and case
aside), the nearest to the last match when a text repeats, so a line of a page has the role of
its paragraph. The rules (rules.yaml, ND30-PAGE-*):

- ND30-PAGE-CLOSING: the page where the closing block starts holds no line of the text above it;
- ND30-PAGE-SIGNATURE: the authority/title lines and the signer's name on different pages;
- ND30-PAGE-ALONE: a page after that holds only Nơi nhận lines, or only the signer's name;
- ND30-PAGE-HEADING: a heading is the bottom line of a page the document goes on after;
- ND30-PAGE-MARGIN: a word lies outside the page's text area (page minus the section's margins);
- ND30-PAGE-STRETCHED: a justified line with its spaces stretched (stretch.py);
- ND30-PAGE-BLANK: a page with no line in its text area (only the page number or header).

Each finding names its page and the PNG of that page (pdftoppm), written to `kiem-tra-trang/`
beside the document (or to the folder asked for). A batch of files is converted by one
LibreOffice process (docgen.output.pdf).
"""

import bisect
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from docgen.checker import Report, _files
from docgen.checker.findings import RULES, Finding
from docgen.checker.ooxml import Document, Paragraph, Section, UnreadableDocx
from docgen.checker.pdfpages import Line, Page, UnreadablePdf, page_png, read_pdf
from docgen.checker.roles import find_roles, segments
from docgen.checker.stretch import stretched
from docgen.errors import display_path

BACK = 8  # paragraphs: how far back a line may be found ahead of the others (table columns)
FAR = 300  # paragraphs: a match further than this needs STRONG letters
STRONG = 20
PNG_DIR = "kiem-tra-trang"  # beside the document: the PNG of each page with a finding
TWIP = 1 / 20  # points
MM = 72 / 25.4  # points

# Roles of a paragraph on the page.
HEADER, CONTENT, HEADING, NOI_NHAN, SIGNATURE, SIGNER, CLOSING = (
    "header", "content", "heading", "noi_nhan", "signature", "signer", "closing")
CLOSING_ROLES = {NOI_NHAN, SIGNATURE, SIGNER, CLOSING}

_DROP = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff"))
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
                         "\u2026": "...", "\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def _compact(text: str) -> str:
    """Text to compare a PDF line with a paragraph: NFC, lower case, no white space, one dash."""
    text = unicodedata.normalize("NFC", text).translate(_DROP).translate(_DASHES).lower()
    return "".join(text.split())


@dataclass
class Part:
    """One document inside the file (a print bundle holds many), and the role of its paragraphs."""

    roles: dict[int, str] = field(default_factory=dict)  # paragraph index -> role
    closing_start: int | None = None  # index of the closing block's first paragraph


@dataclass
class Placed:
    """A PDF line with the paragraph it was matched to (None: page number, drawing, unknown)."""

    line: Line
    paragraph: int | None
    part: int | None = None
    role: str | None = None


def _is_heading(p: Paragraph) -> bool:
    r = RULES["ND30-PAGE-HEADING"]
    style = (p.style or "").lower()
    if style in {s.lower() for s in r["styles"]} or style.startswith(r["style_prefix"]):
        return bool(p.clean)
    runs = p.text_runs()
    return (bool(runs) and all(run.props.bold for run in runs) and len(p.clean) <= r["max_chars"]
            and re.match(r["label"], p.clean) is not None)


def _parts(doc: Document) -> tuple[list[Part], dict[int, int]]:
    """The documents in the file and, for each paragraph index, the document it belongs to."""
    parts: list[Part] = []
    owner: dict[int, int] = {}
    for n, ps in enumerate(segments(doc)):
        roles = find_roles(doc, ps)
        part = Part()
        header = [roles.quoc_hieu, roles.tieu_ngu, *roles.parent_agency, *roles.agency_lines, roles.number,
                  roles.date, roles.vv, roles.type_name, *roles.subject, roles.attached_to]
        for p in header:
            if p is not None:
                part.roles[p.index] = HEADER
        closing: list[tuple[Paragraph | None, str]] = [(roles.noi_nhan, NOI_NHAN)]
        closing += [(p, NOI_NHAN) for p in roles.noi_nhan_items]
        closing += [(p, SIGNATURE) for p in roles.signature] + [(roles.signer, SIGNER)]
        starts = [p.index for p, _ in closing if p is not None]
        tables = {t for t in (roles.closing_table,) if t is not None}
        if roles.signature and roles.signature[0].table is not None:
            tables.add(roles.signature[0].table)
        starts += [p.index for p in ps if p.table in tables]
        part.closing_start = min(starts) if starts else None
        for p in ps:
            owner[p.index] = n
            if p.index in part.roles:
                continue
            if p.table is not None and p.table == roles.header_table:
                part.roles[p.index] = HEADER
            elif p.table is not None and p.table in tables:
                part.roles[p.index] = CLOSING
            elif part.closing_start is None or p.index < part.closing_start:
                part.roles[p.index] = HEADING if p.table is None and _is_heading(p) else CONTENT
            else:
                part.roles[p.index] = CONTENT  # after the closing: an annex, a list
        for p, role in closing:
            if p is not None:
                part.roles[p.index] = role
        parts.append(part)
    return parts, owner


class _Matcher:
    """Finds the paragraph a PDF line's text comes from, nearest to the last one found."""

    def __init__(self, paragraphs: list[Paragraph]) -> None:
        texts = [_compact(p.text) for p in paragraphs]
        self.text = "\x00".join(texts)
        self.starts = []
        at = 0
        for t in texts:
            self.starts.append(at)
            at += len(t) + 1
        self.cursor = 0  # 0-based paragraph position of the last match
        # 0-based first and last paragraph position of each table (tables are contiguous).
        self.tables: dict[int, tuple[int, int]] = {}
        for i, p in enumerate(paragraphs):
            if p.table is not None:
                self.tables[p.table] = (self.tables.get(p.table, (i, i))[0], i)
        self.table_of = [p.table for p in paragraphs]
        self.whole = [(0, len(self.text))]
        self.ranges = self.whole  # where the paragraphs of the page being read may lie (characters)

    def _at(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def limit(self, spans: list[tuple[int, int]] | None) -> None:
        """Look first in these spans of paragraphs (0-based, first and last included): those of the
        sections laid out on pages of the size of the page being read; None: anywhere."""
        if spans is None or not self.starts:
            self.ranges = self.whole
            return
        ends = [*self.starts[1:], len(self.text) + 1]
        self.ranges = [(self.starts[a], ends[b] - 1) for a, b in spans]

    def _first(self, text: str, start: int, ranges: list[tuple[int, int]]) -> int:
        """Position of `text` in `ranges`: the first from `start` on, else the last before it."""
        for a, b in ranges:
            if b > start and (pos := self.text.find(text, max(a, start), b)) >= 0:
                return pos
        end = start + len(text) - 1
        for a, b in reversed(ranges):
            if a < end and (pos := self.text.rfind(text, a, min(b, end))) >= 0:
                return pos
        return -1

    def _in_table(self, text: str, start: int) -> int:
        """Position of `text` in the table of the last match, wherever in it (-1: none there).

        poppler may read a table's column after all its rows (a right-aligned money column, its
        header cell on two lines): that header is then many paragraphs behind the last match,
        and the same words further on (the next decision of a print bundle: "Điều 2. Tiền thưởng
        …") must not take it, nor move the place on into that decision."""
        table = self.table_of[self.cursor] if self.cursor < len(self.table_of) else None
        if table is None:
            return -1
        first, last = self.tables[table]
        a = self.starts[first]
        b = self.starts[last + 1] - 1 if last + 1 < len(self.starts) else len(self.text)
        spans = [(max(a, x), min(b, y)) for x, y in self.ranges if max(a, x) < min(b, y)]
        return self._first(text, start, spans) if spans else -1

    def find(self, text: str) -> int | None:
        """0-based paragraph holding `text` (compacted), or None.

        The first one from just before the last match onwards (a page reads on from the last
        line; a table's columns go back a little), else the nearest one behind it; one in the
        table of the last match before any other (poppler may read a column after all the rows),
        then one of a section of the page's size (a table's header row repeats on each page and its
        text may stand in a later part of the document too). Only a line with a few letters moves the
        place on: a row of dots or a number is everywhere.
        """
        if not text or not self.starts:
            return None
        start = self.starts[max(0, self.cursor - BACK)]
        pos = self._in_table(text, start)
        if pos < 0:
            pos = self._first(text, start, self.ranges)
        fitting = pos >= 0
        if not fitting and self.ranges is not self.whole:
            pos = self._first(text, start, self.whole)
        if pos < 0:
            return None
        found = self._at(pos)
        letters = sum(c.isalpha() for c in text)
        if far := abs(found - self.cursor) > FAR:
            if letters < STRONG:
                return None  # a short common text far away: not this line's
        if (letters >= 6 and fitting) or letters >= STRONG or far:
            self.cursor = found
        return found

    def place(self, line: Line) -> list[tuple[Line, int | None]]:
        """The line, or pieces of it when poppler joined cells of a table row into one line."""
        whole = self.find(_compact(line.text))
        if whole is not None:
            return [(line, whole)]
        out: list[tuple[Line, int | None]] = []
        words = line.words
        i = 0
        while i < len(words):
            j, found = i + 1, self.find(_compact(words[i].text))
            if found is None:
                out.append((Line(line.page, [words[i]]), None))
                i += 1
                continue
            while j < len(words):
                longer = self.find(_compact(" ".join(w.text for w in words[i:j + 1])))
                if longer is None:
                    break
                found, j = longer, j + 1
            piece = Line(line.page, words[i:j])
            if sum(c.isalpha() for c in piece.text) < 6:
                found = None  # a word or two found somewhere: too little to say where it belongs
            out.append((piece, found))
            i = j
        return out


def _section_of(page: Page, sections: list[Section], last: int) -> int:
    """Index of the section that lays out `page`: the next one of the page's size from `last`."""
    def fits(s: Section) -> bool:
        if s.width is None or s.height is None:
            return True
        return abs(s.width * TWIP - page.width) < 3 and abs(s.height * TWIP - page.height) < 3

    for i in range(last, len(sections)):
        if fits(sections[i]):
            return i
    return next((i for i, s in enumerate(sections) if fits(s)), min(last, len(sections) - 1))


def _margins(section: Section) -> dict[str, float]:
    defaults = {"top": 1440, "bottom": 1440, "left": 1800, "right": 1800}  # Word's defaults
    return {k: (v if v is not None else defaults[k]) * TWIP for k, v in section.margins.items()}


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _mm(points: float) -> str:
    return f"{points / MM:.0f}"


def judge(docx: Path, pdf: Path, png_dir: Path | None = None, name: Path | None = None) -> Report:
    """Judge the pages of `pdf`, the layout of `docx`; PNGs of pages with findings go to `png_dir`
    (default: kiem-tra-trang/ beside the document), as <name>-<page>.png. The report names `name`
    (default: `docx`), and so do the PNGs.

    An unreadable .docx or PDF gives a report with `error` set.
    """
    named = name or docx
    try:
        doc = Document(docx)
        pages = read_pdf(pdf)
    except (UnreadableDocx, UnreadablePdf) as err:
        return Report(named, error=str(err))
    parts, owner = _parts(doc)
    matcher = _Matcher(doc.paragraphs)
    placed: list[list[Placed]] = []
    section = 0
    area: list[dict[str, float]] = []
    for page in pages:
        section = _section_of(page, doc.sections, section) if doc.sections else 0
        m = _margins(doc.sections[section]) if doc.sections else _margins(Section(0, None, None, None, {
            "top": None, "bottom": None, "left": None, "right": None}, False, {}, {}, None, False))
        area.append(m)
        matcher.limit(_spans(doc, page))
        on_page = []
        for line in page.lines:
            # The header and footer (page number) stand in the top and bottom margins.
            if line.y1 <= m["top"] or line.y0 >= page.height - m["bottom"]:
                continue
            for piece, index in matcher.place(line):
                if index is None:
                    on_page.append(Placed(piece, None))
                    continue
                p = doc.paragraphs[index].index
                n = owner.get(p)
                on_page.append(Placed(piece, p, n, parts[n].roles.get(p) if n is not None else None))
        placed.append(on_page)
    foreign = _foreign(doc, pages, placed)
    _unplace_strays(doc, pages, placed, foreign)
    found: list[tuple[int, str, str]] = []  # (page, rule, message)
    by_part: dict[int, list[Placed]] = {}
    for page_lines in placed:
        for p in page_lines:
            if p.part is not None:
                by_part.setdefault(p.part, []).append(p)
    for n, lines in by_part.items():
        found += _closing(n, lines, placed)
    found += _headings(pages, placed, foreign)
    found += _margin(doc, pages, placed, area)
    found += stretched(doc, placed)
    found += _blank(doc, pages, placed)
    return _report(named, pdf, found, png_dir)


def _blank(doc: Document, pages: list[Page], placed: list[list[Placed]]) -> list[tuple[int, str, str]]:
    """Pages with no line inside their text area: nothing printed but the header or the page
    number in the margins (a paragraph pushed past a full page, e.g. the one carrying a section
    break after the signature, prints a page of its own: issue 11).

    A section with no text and no drawing at all is a blank page made on purpose (the back of a
    sheet in a two-sided print bundle, docgen/output/bundle.py): as many pages with nothing on
    them at all, not even a page number, as there are such sections are not reported."""
    r = RULES["ND30-PAGE-BLANK"]
    excused, first = 0, 1
    for s in doc.sections:
        mine = [p for p in doc.paragraphs if first <= p.index <= s.last]
        if s.last >= first and not any(p.text.strip() or p.has_drawing for p in mine):
            excused += 1
        first = s.last + 1
    out = []
    for page, lines in zip(pages, placed, strict=True):
        if lines:
            continue
        if excused and not page.lines:
            excused -= 1
            continue
        out.append((page.number, "ND30-PAGE-BLANK", r["message"].format(page=page.number)))
    return out


def _closing(n: int, mine: list[Placed], placed: list[list[Placed]]) -> list[tuple[int, str, str]]:
    """The closing block of document `n` of the file, whose lines are `mine`; `placed`: every page."""
    strays = _stray_names(n, mine, placed)
    mine = [p for p in mine if id(p) not in strays]
    closing = [p for p in mine if p.role in CLOSING_ROLES]
    if not closing:
        return []
    out = []
    start = min(p.line.page for p in closing)
    first_page = mine[0].line.page
    top = min(p.line.y0 for p in closing if p.line.page == start)
    # Any other line above counts: one not found in the document (a tab leader's dots, a drawing's
    # text) may be text of it.
    above = [p for p in placed[start - 1] if p.line.y1 <= top + 1
             and not (p.part == n and p.role in CLOSING_ROLES | {HEADER})]
    if start > first_page and not above:
        out.append((start, "ND30-PAGE-CLOSING", RULES["ND30-PAGE-CLOSING"]["message"].format(page=start)))
    titles = [p for p in mine if p.role == SIGNATURE]
    names = [p for p in mine if p.role == SIGNER]
    alone_name: set[int] = set()
    pages = sorted({p.line.page for p in closing})
    for page in pages:
        if page == start:
            continue
        lines = placed[page - 1]
        r = RULES["ND30-PAGE-ALONE"]
        if lines and all(p.part == n and p.role == NOI_NHAN for p in lines):
            out.append((page, "ND30-PAGE-ALONE", r["noi_nhan"].format(page=page, count=len(lines))))
        elif lines and titles and all(p.part == n and p.role == SIGNER for p in lines):
            alone_name.add(page)
            out.append((page, "ND30-PAGE-ALONE", r["name"].format(
                page=page, name=_short(" ".join(p.line.text for p in lines)),
                title_page=max(p.line.page for p in titles))))
    if titles and names:
        title = min(titles, key=lambda p: (p.line.page, p.line.y0))
        name = max(names, key=lambda p: (p.line.page, p.line.y0))
        if title.line.page < name.line.page and name.line.page not in alone_name:
            out.append((name.line.page, "ND30-PAGE-SIGNATURE", RULES["ND30-PAGE-SIGNATURE"]["message"].format(
                title=_short(title.line.text), title_page=title.line.page,
                name=_short(" ".join(p.line.text for p in names if p.line.page == name.line.page)),
                page=name.line.page)))
    return out


def _stray_names(n: int, mine: list[Placed], placed: list[list[Placed]]) -> set[int]:
    """ids of the lines of document `n` matched to its signer's name that are not the signature
    block's: one before the first title line, or one after a line of the document's text that
    follows the signer's paragraph (an annex, its "Phụ lục" heading, a list after a section
    break). A signer often stands in the list attached too, and the list's row of the same name,
    read a few paragraphs after the signer's, is matched to the signer's paragraph (_Matcher.find
    looks back BACK paragraphs); it is not the signer's name (issue 11, LĐLĐ Phong Điền)."""
    names = [p for p in mine if p.role == SIGNER]
    titles = [p for p in mine if p.role == SIGNATURE]
    if not names or not titles:
        return set()
    signer = max(p.paragraph for p in names)
    title = id(titles[0])
    kept: set[int] = set()
    seen_title = False
    for lines in placed:
        for p in lines:
            seen_title = seen_title or id(p) == title
            if not seen_title or p.paragraph is None:
                continue
            if p.part == n and p.role == SIGNER:
                kept.add(id(p))
            elif p.part is not None and (p.part != n or (p.paragraph > signer and p.role not in CLOSING_ROLES)):
                return {id(p) for p in names} - kept
    return {id(p) for p in names} - kept


def _headings(pages: list[Page], placed: list[list[Placed]], foreign: set[int]) -> list[tuple[int, str, str]]:
    out = []
    for i, lines in enumerate(placed[:-1]):
        if not lines or {i + 1, i + 2} & foreign:
            continue
        last = max(lines, key=lambda p: (p.line.y1, p.line.x0))
        if last.role != HEADING:
            continue
        later = next((p for page in placed[i + 1:] for p in page if p.part == last.part), None)
        if later is None:
            continue
        text = " ".join(p.line.text for p in lines if p.paragraph == last.paragraph)
        out.append((i + 1, "ND30-PAGE-HEADING", RULES["ND30-PAGE-HEADING"]["message"].format(
            text=_short(text), page=i + 1, next=later.line.page)))
    return out


def _table_boxes(docx: Path) -> list[tuple[int, int, str | None]]:
    """(indent, width, jc) in twips of each table of the body, numbered as ooxml.Document numbers them.

    The width is the larger of the declared one (w:tblW in twips) and the sum of the grid's columns.
    """
    import zipfile

    from lxml import etree

    from docgen.checker.ooxml import W

    boxes = []
    with zipfile.ZipFile(docx) as zf, zf.open("word/document.xml") as xml:
        for _, tbl in etree.iterparse(xml, events=("end",), tag=f"{W}tbl", huge_tree=True):
            if any(a.tag in (f"{W}tbl", f"{W}p") for a in tbl.iterancestors()):
                continue
            pr = tbl.find(f"{W}tblPr")
            width = sum(int(float(g.get(f"{W}w") or 0)) for g in tbl.iterfind(f"{W}tblGrid/{W}gridCol"))
            indent, jc = 0, None
            if pr is not None:
                tw, ind, j = pr.find(f"{W}tblW"), pr.find(f"{W}tblInd"), pr.find(f"{W}jc")
                if tw is not None and tw.get(f"{W}type", "dxa") == "dxa":
                    width = max(width, int(float(tw.get(f"{W}w") or 0)))
                if ind is not None and ind.get(f"{W}type", "dxa") == "dxa":
                    indent = int(float(ind.get(f"{W}w") or 0))
                jc = j.get(f"{W}val") if j is not None else None
            boxes.append((indent, width, jc))
            tbl.clear()
    return boxes


def _section_index(doc: Document) -> list[int]:
    """The last paragraph index of each section, for bisect."""
    return [s.last for s in doc.sections]


def _area(section: Section) -> tuple[float, float]:
    """Left and right edges of a section's text area, in points from the page's left edge."""
    m = _margins(section)
    width = section.width * TWIP if section.width else 595.3
    return m["left"], width - m["right"]


def _fits(page: Page, section: Section) -> bool:
    if section.width is None or section.height is None:
        return True
    return abs(section.width * TWIP - page.width) < 3 and abs(section.height * TWIP - page.height) < 3


def _foreign(doc: Document, pages: list[Page], placed: list[list[Placed]]) -> set[int]:
    """Pages LibreOffice laid out in another size than the section of the text on them (it lays a
    landscape section's long table on portrait pages): what lies there is the converter's doing."""
    if not doc.sections:
        return set()
    lasts = _section_index(doc)
    out = set()
    for page, lines in zip(pages, placed, strict=True):
        counts: dict[int, int] = {}
        for p in lines:
            if p.paragraph is not None:
                i = min(bisect.bisect_left(lasts, p.paragraph), len(lasts) - 1)
                counts[i] = counts.get(i, 0) + 1
        if counts and not _fits(page, doc.sections[max(counts, key=counts.get)]):
            out.add(page.number)
    return out


def _spans(doc: Document, page: Page) -> list[tuple[int, int]] | None:
    """The paragraphs (0-based first and last, one span a section) of the sections laid out on
    pages of `page`'s size; None when every paragraph may be there."""
    if not doc.sections or all(_fits(page, s) for s in doc.sections):
        return None
    spans, first = [], 0
    for s in doc.sections:
        if _fits(page, s) and s.last > first:
            spans.append((first, s.last - 1))
        first = s.last
    return spans


def _unplace_strays(doc: Document, pages: list[Page], placed: list[list[Placed]], foreign: set[int]) -> None:
    """Lines matched to a paragraph of a section of another page size, on a page laid out in its
    own section's size: the same text stands elsewhere in the document (a table's repeated header
    row, words poppler joined across cells), so the line's paragraph is not known."""
    if not doc.sections:
        return
    lasts = _section_index(doc)
    for page, lines in zip(pages, placed, strict=True):
        if page.number in foreign:
            continue
        for p in lines:
            if p.paragraph is not None and not _fits(
                    page, doc.sections[min(bisect.bisect_left(lasts, p.paragraph), len(lasts) - 1)]):
                p.paragraph = p.part = p.role = None


def _margin(doc: Document, pages: list[Page], placed: list[list[Placed]],
            area: list[dict[str, float]]) -> list[tuple[int, str, str]]:
    """Words outside the text area of their paragraph's section; a table's words may fill the box
    the table declares (the decree's own models run their tables into the right margin); no word
    nearer the paper's edge than `edge_mm`, whatever it is (a line of no known paragraph: that
    only, its distance told from the margins of the page, `area`)."""
    r = RULES["ND30-PAGE-MARGIN"]
    tolerance, edge = r["tolerance_mm"] * MM, r["edge_mm"] * MM
    boxes = _table_boxes(doc.path) if any(p.table for p in doc.paragraphs) else []
    lasts = _section_index(doc)
    out = []
    for page, lines in zip(pages, placed, strict=True):
        seen: set[tuple[object, str]] = set()
        for p in lines:
            if p.paragraph is None or not doc.sections:  # text of a drawing: the paper's edge only
                left, right = area[page.number - 1]["left"], page.width - area[page.number - 1]["right"]
                lo, hi = edge, page.width - edge
            else:
                section = doc.sections[min(bisect.bisect_left(lasts, p.paragraph), len(lasts) - 1)]
                left, right = lo, hi = _area(section)
                table = doc.paragraphs[p.paragraph - 1].table
                if table is not None and table <= len(boxes):
                    indent, width, jc = boxes[table - 1]
                    start = left + indent * TWIP
                    if jc == "center":
                        start = left + (right - left - width * TWIP) / 2
                    elif jc in ("right", "end"):
                        start = right - width * TWIP
                    paper = section.width * TWIP if section.width else page.width
                    lo, hi = max(min(lo, start), edge), min(max(hi, start + width * TWIP), paper - edge)
            over = {"phải": (p.line.x1 - hi, p.line.x1 - right), "trái": (lo - p.line.x0, left - p.line.x0)}
            for side, (by, past_margin) in over.items():
                # One finding a paragraph, or a table, and side on each page: its first line past.
                table = doc.paragraphs[p.paragraph - 1].table if p.paragraph is not None else None
                key = (("bảng", table) if table else p.paragraph if p.paragraph is not None else id(p), side)
                if by > tolerance and key not in seen:
                    seen.add(key)
                    out.append((page.number, "ND30-PAGE-MARGIN", r["message"].format(
                        text=_short(p.line.text), side=side, mm=_mm(past_margin), page=page.number)))
    return out


def _report(docx: Path, pdf: Path, found: list[tuple[int, str, str]], png_dir: Path | None) -> Report:
    folder = png_dir if png_dir is not None else docx.parent / PNG_DIR
    for old in folder.glob(f"{docx.stem}-*.png") if folder.is_dir() else []:
        if old.stem.rsplit("-", 1)[-1].isdigit() and old.stem.rsplit("-", 1)[0] == docx.stem:
            old.unlink()
    findings = []
    images: dict[int, str] = {}
    for page, rule, message in sorted(found, key=lambda f: f[0]):
        if page not in images:
            try:
                images[page] = display_path(page_png(pdf, page, folder / f"{docx.stem}-{page}.png"))
            except (UnreadablePdf, OSError) as err:
                images[page] = f"không vẽ được ảnh: {err}"
        findings.append(Finding(rule, RULES[rule]["severity"], f"trang {page} (ảnh {images[page]})", message))
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
    return Report(docx, findings)


def judge_converted(pairs: list[tuple[Path, Path]], png_dir: Path | None = None) -> list[Report]:
    """Judge already converted documents: (docx, pdf) pairs, in that order."""
    return [judge(docx, pdf, png_dir) for docx, pdf in pairs]


def judge_pdfs(pdfs: list[Path], png_dir: Path | None = None) -> list[Report]:
    """PDFs judged as they are, without LibreOffice: a signed or issued PDF (docgen sign, docgen
    issue) keeps its signature and seal images, which the PNGs of its pages show (pdftoppm draws
    the appearance of each signature field). Each against the .docx it was laid out from
    (docgen.checker.pdfsource.docx_of); a report names the PDF, with `error` set when no .docx
    was found or a file is unreadable."""
    from docgen.checker.pdfsource import docx_of

    reports = []
    for pdf in pdfs:
        docx = docx_of(pdf)
        if docx is None:
            reports.append(Report(pdf, error="không tìm thấy tệp .docx của PDF này (cùng tên, hoặc văn bản docgen"
                                             " dựng cùng thư mục); cần nó để biết đâu là nội dung, Nơi nhận, chữ ký"))
        else:
            reports.append(judge(docx, pdf, png_dir, name=pdf))
    return reports


def judge_paths(paths: list[Path], png_dir: Path | None = None) -> list[Report]:
    """Every .docx named, or found below a named folder, converted by one LibreOffice process into
    a temporary folder and judged page by page; a file that did not convert gives a report with
    `error` set. Raises OutputError when LibreOffice is not installed."""
    from docgen.output.pdf import to_pdf

    files = _files(paths)
    with tempfile.TemporaryDirectory(prefix="docgen-pages-") as tmp:
        copies = []
        for i, path in enumerate(files):
            copy = Path(tmp) / f"{i:05d}" / path.name
            copy.parent.mkdir()
            shutil.copyfile(path, copy)
            copies.append(copy)
        conversion = to_pdf(copies)
        failed = dict(conversion.failed)
        reports = []
        for path, copy in zip(files, copies, strict=True):
            if copy in failed:
                reports.append(Report(path, error=failed[copy]))
            else:
                reports.append(judge(path, copy.with_suffix(".pdf"), png_dir))
    return reports
