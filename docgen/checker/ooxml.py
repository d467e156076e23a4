"""A .docx read for judging: paragraphs in order with their effective formatting.

Formatting is resolved as Word does: run properties, then the run's character style, then
the paragraph style and its basedOn chain, then the document defaults; fonts named through
the theme are looked up in it. Nothing here knows about the decree.
"""

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from docgen.checker.numbering import Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PPR, _PSTYLE, _VAL, _RPR = f"{W}pPr", f"{W}pStyle", f"{W}val", f"{W}rPr"
_T, _TAB, _BR, _CR, _TYPE = f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}type"
_INSTR, _NBH, _FLDSIMPLE = f"{W}instrText", f"{W}noBreakHyphen", f"{W}fldSimple"
_DRAWING, _PICT = f"{W}drawing", f"{W}pict"
_SECTPR = f"{W}sectPr"
_DRAWINGS = {_DRAWING, _PICT, f"{W}object"}
_ALT = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_comments=True)
_TRUE = {None, "1", "true", "on"}
# Characters of layout, not text, as every docgen reader takes them: a no-break space (U+00A0)
# is a space, a word joiner (U+2060, docgen.render.layout) nothing.
LAYOUT_CHARS = str.maketrans({"\u00a0": " ", "\u2060": None})


def _default_tab(xml: bytes | None) -> int:
    """Word's default tab stop (w:defaultTabStop in settings.xml), in twips; 720 if unset."""
    if xml:
        m = re.search(rb"defaultTabStop[^>]*?w:val=\"(\d+)\"", xml)
        if m and int(m.group(1)) > 0:
            return int(m.group(1))
    return 720


class UnreadableDocx(Exception):
    """The file is not a .docx that can be judged (not a zip, no document.xml, bad XML)."""


def _on(el) -> bool | None:
    if el is None:
        return None
    return el.get(f"{W}val") in _TRUE


@dataclass
class RunProps:
    font: str | None = None
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool | None = None
    color: str | None = None
    underline: str | None = None
    font_source: str | None = None  # the rFonts attribute the font came from
    vert_align: str | None = None  # superscript note markers are not body text

    def merge(self, other: "RunProps") -> "RunProps":
        """Fill what is unset here from `other` (the next level down)."""
        a, b = self.__dict__, other.__dict__
        return RunProps(**{k: (v if v is not None else b[k]) for k, v in a.items()})


@dataclass
class ParaProps:
    align: str | None = None
    first_line: int | None = None  # twips; negative for hanging
    left: int | None = None
    right: int | None = None
    before: int | None = None  # twips
    after: int | None = None
    line: int | None = None
    line_rule: str | None = None
    border_top: str | None = None
    border_bottom: str | None = None
    page_break_before: bool | None = None
    tabs: tuple[int, ...] | None = None  # custom tab stops, twips from the left margin
    num_id: str | None = None  # Word numbering: w:numPr (numId "0" switches it off)
    num_level: int | None = None

    def merge(self, other: "ParaProps") -> "ParaProps":
        a, b = self.__dict__, other.__dict__
        return ParaProps(**{k: (v if v is not None else b[k]) for k, v in a.items()})


def _int(el, attr: str) -> int | None:
    if el is None:
        return None
    value = el.get(f"{W}{attr}")
    if value is None:
        return None
    try:
        return int(float(value))
    except ValueError:
        return None


# Containers a paragraph's runs may sit in (links, insertions, content controls, fields…);
# runs under a drawing belong to its text box, not to the paragraph.
_RUN = f"{W}r"
_SKIP = {f"{W}pPr", f"{W}del", f"{W}moveFrom", f"{W}rPr"}
REVISIONS = {f"{W}ins": "chèn", f"{W}del": "xóa", f"{W}moveFrom": "di chuyển", f"{W}moveTo": "di chuyển",
             f"{W}rPrChange": "đổi định dạng", f"{W}pPrChange": "đổi định dạng",
             f"{W}sectPrChange": "đổi định dạng", f"{W}tblPrChange": "đổi định dạng",
             f"{W}trPrChange": "đổi định dạng", f"{W}tcPrChange": "đổi định dạng",
             f"{W}cellIns": "chèn", f"{W}cellDel": "xóa"}


def _runs_of(paragraph):
    """The paragraph's own w:r in order: not those of text boxes, deletions or moved-away text."""
    stack = list(reversed(paragraph))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == _RUN:
            yield node
        elif tag not in _SKIP and isinstance(tag, str):
            stack.extend(reversed(node))


class Theme:
    def __init__(self, xml: bytes | None) -> None:
        self.fonts = {"major": None, "minor": None}
        if xml:
            root = etree.fromstring(xml, _PARSER)
            for kind in ("major", "minor"):
                latin = root.find(f".//{A}{kind}Font/{A}latin")
                if latin is not None:
                    self.fonts[kind] = latin.get("typeface")

    def resolve(self, theme_attr: str) -> str | None:
        return self.fonts["major" if theme_attr.startswith("major") else "minor"]


def read_rpr(rpr, theme: Theme) -> RunProps:
    """The run properties written in one w:rPr (nothing inherited)."""
    props = RunProps()
    if rpr is None:
        return props
    fonts = rpr.find(f"{W}rFonts")
    if fonts is not None:
        for attr in ("ascii", "hAnsi"):
            if fonts.get(f"{W}{attr}"):
                props.font, props.font_source = fonts.get(f"{W}{attr}"), attr
                break
            theme_attr = fonts.get(f"{W}{attr}Theme")
            if theme_attr:
                props.font, props.font_source = theme.resolve(theme_attr), f"{attr}Theme"
                break
    sz = rpr.find(f"{W}sz")
    if sz is not None and sz.get(f"{W}val"):
        props.size = int(sz.get(f"{W}val")) / 2
    props.bold = _on(rpr.find(f"{W}b"))
    props.italic = _on(rpr.find(f"{W}i"))
    props.caps = _on(rpr.find(f"{W}caps"))
    color = rpr.find(f"{W}color")
    if color is not None:
        props.color = color.get(f"{W}val")
    va = rpr.find(f"{W}vertAlign")
    if va is not None:
        props.vert_align = va.get(f"{W}val")
    u = rpr.find(f"{W}u")
    if u is not None:
        props.underline = u.get(f"{W}val")
    return props


def read_ppr(ppr) -> ParaProps:
    props = ParaProps()
    if ppr is None:
        return props
    jc = ppr.find(f"{W}jc")
    if jc is not None:
        props.align = {"both": "justify", "distribute": "justify", "start": "left",
                       "end": "right"}.get(jc.get(f"{W}val"), jc.get(f"{W}val"))
    ind = ppr.find(f"{W}ind")
    if ind is not None:
        hanging = _int(ind, "hanging")
        first = _int(ind, "firstLine")
        props.first_line = -hanging if hanging is not None else first
        props.left = _int(ind, "left") if _int(ind, "left") is not None else _int(ind, "start")
        props.right = _int(ind, "right") if _int(ind, "right") is not None else _int(ind, "end")
    spacing = ppr.find(f"{W}spacing")
    if spacing is not None:
        props.before = _int(spacing, "before")
        props.after = _int(spacing, "after")
        props.line = _int(spacing, "line")
        props.line_rule = spacing.get(f"{W}lineRule") if props.line is not None else None
        if props.line is not None and props.line_rule is None:
            props.line_rule = "auto"
    borders = ppr.find(f"{W}pBdr")
    if borders is not None:
        for side in ("top", "bottom"):
            b = borders.find(f"{W}{side}")
            if b is not None:
                setattr(props, f"border_{side}", b.get(f"{W}val"))
    props.page_break_before = _on(ppr.find(f"{W}pageBreakBefore"))
    tabs = ppr.find(f"{W}tabs")
    if tabs is not None:
        props.tabs = tuple(sorted(p for t in tabs if t.get(f"{W}val") != "clear"
                                  and (p := _int(t, "pos")) is not None))
    num = ppr.find(f"{W}numPr")
    if num is not None:
        num_id, level = num.find(f"{W}numId"), num.find(f"{W}ilvl")
        if num_id is not None:
            props.num_id = num_id.get(f"{W}val")
        if level is not None:
            props.num_level = _int(level, "val")
    return props


@dataclass
class Style:
    id: str
    type: str
    name: str
    based_on: str | None
    ppr: ParaProps
    rpr: RunProps


class Styles:
    def __init__(self, xml: bytes | None, theme: Theme) -> None:
        self.by_id: dict[str, Style] = {}
        self.default_rpr = RunProps()
        self.default_ppr = ParaProps()
        self.default_para: str | None = None
        if not xml:
            return
        root = etree.fromstring(xml, _PARSER)
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            self.default_rpr = read_rpr(defaults.find(f"{W}rPrDefault/{W}rPr"), theme)
            self.default_ppr = read_ppr(defaults.find(f"{W}pPrDefault/{W}pPr"))
        for el in root.iter(f"{W}style"):
            sid = el.get(f"{W}styleId") or ""
            name = el.find(f"{W}name")
            based = el.find(f"{W}basedOn")
            style = Style(
                id=sid,
                type=el.get(f"{W}type") or "paragraph",
                name=name.get(f"{W}val") if name is not None else sid,
                based_on=based.get(f"{W}val") if based is not None else None,
                ppr=read_ppr(el.find(f"{W}pPr")),
                rpr=read_rpr(el.find(f"{W}rPr"), theme),
            )
            self.by_id[sid] = style
            if style.type == "paragraph" and el.get(f"{W}default") in ("1", "true"):
                self.default_para = sid
        self._rpr_cache: dict[str, RunProps] = {}
        self._ppr_cache: dict[str, ParaProps] = {}

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield self.by_id[sid]
            sid = self.by_id[sid].based_on

    def para_rpr(self, sid: str | None) -> RunProps:
        key = sid or ""
        if key not in self._rpr_cache:
            props = RunProps()
            for style in self._chain(sid or self.default_para):
                props = props.merge(style.rpr)
            self._rpr_cache[key] = props.merge(self.default_rpr)
        return self._rpr_cache[key]

    def char_rpr(self, sid: str | None) -> RunProps:
        props = RunProps()
        for style in self._chain(sid):
            props = props.merge(style.rpr)
        return props

    def ppr(self, sid: str | None) -> ParaProps:
        key = sid or ""
        if key not in self._ppr_cache:
            props = ParaProps()
            for style in self._chain(sid or self.default_para):
                props = props.merge(style.ppr)
            self._ppr_cache[key] = props.merge(self.default_ppr)
        return self._ppr_cache[key]

    def name(self, sid: str | None) -> str:
        sid = sid or self.default_para
        return self.by_id[sid].name if sid in self.by_id else (sid or "")


@dataclass
class Run:
    text: str
    props: RunProps
    numbering: str | None = None  # the label Word numbering draws: its numFmt ("bullet", "decimal"…)


def _clean(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def _text_runs(runs: list[Run]) -> list[Run]:
    return [r for r in runs if r.text.strip() and r.props.vert_align not in ("superscript", "subscript")]


@dataclass
class Paragraph:
    """A paragraph with where it stands: body order, and table/row/cell when in a table."""

    index: int  # 1-based, all paragraphs of the body in document order
    element: object
    text: str
    runs: list[Run]
    props: ParaProps
    style: str
    table: int | None = None  # 1-based table number
    row: int | None = None
    cell: int | None = None
    has_drawing: bool = False
    fields: list[str] = field(default_factory=list)
    page_break: bool = False  # starts on a new page (a break inside or page-break-before)
    label: str = ""  # text drawn by Word numbering ("- ", "1.\t", "a) "), already at the start of text

    @cached_property
    def clean(self) -> str:
        """The text as read: numbering label included, NFC, runs of white space as one space."""
        return _clean(self.text)

    def text_runs(self) -> list[Run]:
        """Runs that carry text, without superscript note markers ("TÊN CƠ QUAN²")."""
        found = self.__dict__.get("_text_runs")
        if found is None:  # read by many rules: worked out once (callers do not change it)
            found = self.__dict__["_text_runs"] = _text_runs(self.runs)
        return found

    def shown(self) -> str:
        """Text as displayed: runs with caps shown in capitals."""
        return "".join(r.text.upper() if r.props.caps else r.text for r in self.runs)


@dataclass
class Shape:
    """What a w:p says by itself, before its place in the document is known.

    Paragraphs with the same XML have the same shape: a print bundle's thousand decisions
    share most of theirs, so each is worked out once (see checker/fastread.py).
    """

    element: object  # the w:p
    text: str  # without any numbering label
    runs: list[Run]
    props: ParaProps
    style: str  # the paragraph style's name
    has_drawing: bool
    fields: list[str]
    page_break: bool
    sect: object  # its w:pPr/w:sectPr (a section ends here), or None
    ppr_el: object  # its w:pPr, or None (the paragraph mark's rPr formats a numbering label)
    sid: str | None  # paragraph style id
    base_rpr: RunProps  # run formatting the paragraph style gives

    @cached_property
    def paragraph(self) -> dict:
        """The attributes of an unnumbered `Paragraph` of this shape, all but its index and
        table place; what a Paragraph works out once from them (`clean`, `text_runs`) included."""
        return {"element": self.element, "text": self.text, "runs": self.runs, "props": self.props,
                "style": self.style, "table": None, "row": None, "cell": None,
                "has_drawing": self.has_drawing, "fields": self.fields, "page_break": self.page_break,
                "label": "", "clean": _clean(self.text), "_text_runs": _text_runs(self.runs)}


@dataclass
class Section:
    index: int
    width: int | None
    height: int | None
    orient: str | None
    margins: dict[str, int | None]
    title_page: bool
    headers: dict[str, str]  # type -> part name
    footers: dict[str, str]
    restart: int | None
    has_table: bool  # a table or a figure: landscape is allowed for it
    last: int = 0  # index of the section's last body paragraph


@dataclass
class Part:
    name: str
    paragraphs: list[Paragraph]


_STYLES: dict[tuple[bytes | None, bytes | None], tuple] = {}
KEEP_PARTS = 64  # header and footer parts whose paragraph shapes are kept per styles entry
KEEP_SECTIONS = True  # the fast road reads a kept w:sectPr's properties once (False: every file)


def _styles_of(theme_xml: bytes | None, styles_xml: bytes | None) -> tuple:
    """Theme, styles, the resolved-properties caches and the paragraph shapes (fastread.py),
    shared by files with the same parts.

    Every file made from one template (a build's decisions, a bundle's copies) carries the same
    styles.xml: it is read once per process. Keyed by the parts' bytes, so never stale.
    """
    key = (theme_xml, styles_xml)
    entry = _STYLES.get(key)
    if entry is None:
        if len(_STYLES) >= 16:
            _STYLES.pop(next(iter(_STYLES)))
        theme = Theme(theme_xml)
        entry = _STYLES[key] = (theme, Styles(styles_xml, theme), {}, {}, {})
    return entry


KEEP_SMALL = True  # the relationships and custom properties read once per their bytes (False: every file)
_SMALL: dict[tuple, object] = {}


def _kept(read, xml: bytes | None):
    """`read(xml)` (a pure reading of a small part), kept by the part's bytes for files made from
    one template; a dict comes back as a copy of the one kept."""
    if not KEEP_SMALL or xml is None:
        return read(xml)
    key = (read.__name__, xml)
    found = _SMALL.get(key)
    if found is None:
        if len(_SMALL) >= 256:
            _SMALL.clear()
        found = _SMALL[key] = read(xml)
    return dict(found) if isinstance(found, dict) else found


def _wanted(name: str) -> bool:
    """The package members the rules read."""
    return name.startswith("word/") and name.endswith(".xml") or name.endswith(".rels") or name == "docProps/custom.xml"


def _require_body(names) -> None:
    if "word/document.xml" not in names:
        raise UnreadableDocx("tệp không có word/document.xml: không phải văn bản Word")


class Document:
    """Everything a rule needs: paragraphs, sections, headers and footers."""

    def __init__(self, path: Path, data: bytes | None = None, parts: dict[str, bytes] | None = None) -> None:
        """Read `path`, or the package `data` (the bytes a build is about to write there), or the
        `parts` that package holds (its members' bytes by name, as a zip reader gives them)."""
        self.path = path
        try:
            if parts is None:
                with zipfile.ZipFile(path if data is None else io.BytesIO(data)) as zf:
                    names = set(zf.namelist())
                    _require_body(names)
                    read = {n: zf.read(n) for n in names if _wanted(n)}
            else:
                _require_body(parts)
                read = {n: v for n, v in parts.items() if _wanted(n)}
        except zipfile.BadZipFile:
            raise UnreadableDocx("không phải tệp .docx (không đọc được dạng nén zip)") from None
        except OSError as err:
            raise UnreadableDocx(f"không đọc được tệp: {err.strerror or err}") from None
        try:
            self.theme, self.styles, self._rpr_cache, self._ppr_cache, self._shape_cache = _styles_of(
                read.get("word/theme/theme1.xml"), read.get("word/styles.xml"))
            self.numbering = Numbering(read.get("word/numbering.xml"), _PARSER)
            self.default_tab = _default_tab(read.get("word/settings.xml"))
            from docgen.checker import fastread  # it builds on this module

            self.paragraphs: list[Paragraph] = []
            self.sections: list[Section] = []
            # Read by the fast road, `paragraphs` are every w:p of document.xml, in order, none
            # inside another, each `element` a w:p of the bytes in `paragraph_xml` beside it
            # (docgen.finish reads the register's fields from them); None: read otherwise.
            self.paragraph_xml: list[bytes] | None = None
            fast = fastread.read_body(self, read["word/document.xml"])
            if not fast:
                self.root = etree.fromstring(read["word/document.xml"], _PARSER)
            rels = _kept(self._rels, read.get("word/_rels/document.xml.rels"))
        except etree.XMLSyntaxError as err:
            raise UnreadableDocx(f"XML hỏng: {err}") from None
        self.declares_draft = _kept(self._draft_property, read.get("docProps/custom.xml"))
        if fast:
            self.revisions: list[tuple[Paragraph, str]] = []  # the fast road takes no file with any
        else:
            body = self.root.find(f"{W}body")
            if body is None:
                raise UnreadableDocx("word/document.xml không có phần thân (w:body)")
            self._walk(body)
            self.revisions = self._revisions(body)
        for n, section in enumerate(self.sections):
            if n == len(self.sections) - 1 or not section.last:
                section.last = section.last or len(self.paragraphs)
        self.parts: dict[str, Part] = {}
        for section in self.sections:
            for kind in ("headers", "footers"):
                for rid in getattr(section, kind).values():
                    name = rels.get(rid)
                    if name and name not in self.parts and f"word/{name}" in read:
                        self.parts[name] = Part(name, [self._place(shape, 0, numbered=False)
                                                       for shape in self._part_shapes(read[f"word/{name}"])])
            section.headers = {k: rels.get(v, "") for k, v in section.headers.items()}
            section.footers = {k: rels.get(v, "") for k, v in section.footers.items()}

    def _part_shapes(self, xml: bytes) -> list["Shape"]:
        """The shapes of a header's or footer's paragraphs (`xml`: the part). Every file made
        from one template has the same headers: kept by their bytes, beside the shapes of the
        body's paragraphs (`KEEP_PARTS`; 0: read each file's own)."""
        kept = self._shape_cache.setdefault("parts", {})
        shapes = kept.get(xml)
        if shapes is None:
            root = etree.fromstring(xml, _PARSER)
            shapes = [self._shape(p) for p in root.iter(f"{W}p")]
            if len(kept) >= KEEP_PARTS:
                kept.clear()
            if KEEP_PARTS:
                kept[xml] = shapes
        return shapes

    def _revisions(self, body) -> list[tuple["Paragraph", str]]:
        """Pending tracked changes (w:ins, w:del, moves, formatting changes): paragraph and kind."""
        changes = list(body.iter(*REVISIONS))
        if not changes:
            return []
        by_element = {p.element: p for p in self.paragraphs}
        out: list[tuple[Paragraph, str]] = []
        seen: set[tuple[int, str]] = set()
        for el in changes:
            node = el
            while node is not None and node.tag != f"{W}p":
                node = node.getparent()
            if node is None:  # a table's own change: the table's first paragraph
                node = next(el.getparent().iter(f"{W}p"), None) if el.getparent() is not None else None
            p = by_element.get(node)
            kind = REVISIONS[el.tag]
            if p is not None and (p.index, kind) not in seen:
                seen.add((p.index, kind))
                out.append((p, kind))
        return out

    @staticmethod
    def _draft_property(xml: bytes | None) -> bool:
        """docgen marks a document with a blank number or date as a draft (dự thảo)."""
        if not xml:
            return False
        root = etree.fromstring(xml, _PARSER)
        for prop in root:
            if prop.get("name") == "docgen.draft":
                return "".join(prop.itertext()).strip().lower() == "true"
        return False

    @staticmethod
    def _rels(xml: bytes | None) -> dict[str, str]:
        if not xml:
            return {}
        root = etree.fromstring(xml, _PARSER)
        return {rel.get("Id"): rel.get("Target", "").lstrip("/").removeprefix("word/")
                for rel in root}

    def _walk(self, body) -> None:
        table_no = 0
        section_has_table = False
        for child in body:
            tag = child.tag
            if tag == f"{W}p":
                shape = self._shape(child)
                p = self._place(shape, len(self.paragraphs) + 1)
                self.paragraphs.append(p)
                section_has_table = section_has_table or p.has_drawing
                sect = shape.sect
                if sect is not None:
                    self.sections.append(self._section(sect, section_has_table))
                    self.sections[-1].last = p.index
                    section_has_table = False
            elif tag == f"{W}tbl":
                table_no += 1
                section_has_table = True
                for r_i, row in enumerate(child.iterfind(f"{W}tr"), start=1):
                    for c_i, cell in enumerate(row.iterfind(f"{W}tc"), start=1):
                        for p_el in cell.iter(f"{W}p"):
                            p = self._place(self._shape(p_el), len(self.paragraphs) + 1)
                            p.table, p.row, p.cell = table_no, r_i, c_i
                            self.paragraphs.append(p)
            elif tag == f"{W}sectPr":
                self.sections.append(self._section(child, section_has_table))
            elif tag == f"{W}sdt":
                self._walk(child.find(f"{W}sdtContent") if child.find(f"{W}sdtContent") is not None
                           else etree.Element("x"))

    def _run_props(self, rpr_el, sid: str | None, base_rpr: RunProps) -> RunProps:
        key = (etree.tostring(rpr_el) if rpr_el is not None else None, sid)
        props = self._rpr_cache.get(key)
        if props is not None:
            return props
        props = self._rpr_cache.get(key)
        if props is None:
            props = read_rpr(rpr_el, self.theme)
            rstyle = rpr_el.find(f"{W}rStyle") if rpr_el is not None else None
            if rstyle is not None:
                props = props.merge(self.styles.char_rpr(rstyle.get(f"{W}val")))
            props = self._rpr_cache[key] = props.merge(base_rpr)
        return props

    def _paragraph(self, el, index: int, numbered: bool = True) -> Paragraph:
        """The paragraph `el` at body position `index` (its numbering label drawn if `numbered`)."""
        return self._place(self._shape(el), index, numbered)

    def _place(self, shape: "Shape", index: int, numbered: bool = True) -> Paragraph:
        """A paragraph of `shape` at body position `index`: Word numbering's label, if any, in front.

        Labels are drawn in reading order (the list counters advance here), so paragraphs are
        placed in document order.
        """
        runs, text, label = shape.runs, shape.text, ""
        props = shape.props
        if numbered and props.num_id and props.num_id != "0" and self.numbering is not None:
            drawn = self.numbering.label(props.num_id, props.num_level)
            if drawn is not None:
                label, level = drawn
                mark = shape.ppr_el.find(_RPR) if shape.ppr_el is not None else None
                lprops = read_rpr(level.rpr, self.theme).merge(self._run_props(mark, shape.sid, shape.base_rpr))
                runs = [Run(label, lprops, numbering=level.fmt), *runs]
                text = label + text
        if not label:  # the common case, 120,000 times in a print bundle: no __init__ to run
            p = object.__new__(Paragraph)
            p.__dict__.update(shape.paragraph)
            p.index = index
            return p
        return Paragraph(
            index=index, element=shape.element, text=text, runs=runs, props=props,
            style=shape.style, has_drawing=shape.has_drawing, fields=shape.fields,
            page_break=shape.page_break, label=label,
        )

    def _shape(self, el) -> "Shape":
        """What the w:p `el` says by itself: runs with resolved formatting, text, fields, drawings."""
        # One pass over the paragraph's own elements (lxml proxies are the cost here): the
        # properties, its runs (not those of text boxes, deletions or moved-away text),
        # simple fields and drawings.
        ppr_el = None
        sid = None
        run_els = []
        fields: list[str] = []
        drawing = False
        stack = list(reversed(el))
        while stack:
            node = stack.pop()
            tag = node.tag
            if tag == _RUN:
                run_els.append(node)
            elif tag == _PPR:
                ppr_el = node
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                if tag == _FLDSIMPLE:
                    fields.append((node.get(f"{W}instr") or "").strip())
                stack.extend(reversed(node))
        if ppr_el is not None:
            style_el = ppr_el.find(_PSTYLE)
            if style_el is not None:
                sid = style_el.get(_VAL)
            key = (etree.tostring(ppr_el), sid)
        else:
            key = (None, None)
        cached = self._ppr_cache.get(key)
        if cached is None:
            cached = self._ppr_cache[key] = (read_ppr(ppr_el).merge(self.styles.ppr(sid)),
                                             self.styles.para_rpr(sid), self.styles.name(sid))
        props, base_rpr, style_name = cached
        runs: list[Run] = []
        page_break = bool(props.page_break_before)
        run_props = self._run_props
        for r in run_els:
            rpr_el = None
            text = []
            for node in r:
                tag = node.tag
                if tag == _T:
                    # A no-break space (U+00A0, Word's Ctrl+Shift+Space) is layout, not text:
                    # it reads as a space, so fixed wording matches however it is kept on a line;
                    # a word joiner (U+2060, after an en dash in a range) reads as nothing.
                    text.append((node.text or "").translate(LAYOUT_CHARS))
                elif tag == _RPR:
                    rpr_el = node
                elif tag == _TAB:
                    text.append("\t")
                elif tag == _BR or tag == _CR:
                    if node.get(_TYPE) == "page":
                        page_break = True
                    else:
                        text.append("\n")
                elif tag == _INSTR:
                    fields.append((node.text or "").strip())
                elif tag == _NBH:
                    text.append("-")
                elif tag in _DRAWINGS:
                    drawing = True
                elif tag == _ALT:
                    drawing = drawing or next(node.iter(_DRAWING, _PICT), None) is not None
            runs.append(Run("".join(text), run_props(rpr_el, sid, base_rpr)))
        sect = next((s for ppr in el.iterchildren(_PPR) if (s := ppr.find(_SECTPR)) is not None), None)
        return Shape(el, "".join([r.text for r in runs]), runs, props, style_name, drawing, fields,
                     page_break, sect, ppr_el, sid, base_rpr)

    def _section(self, sect, has_table: bool) -> Section:
        """The section whose w:sectPr is `sect`, numbered after those already read."""
        return Section(index=len(self.sections) + 1, has_table=has_table, **self._section_props(sect))

    def _kept_section(self, sect, has_table: bool) -> Section:
        """`_section`, its properties read once per w:sectPr element kept across files (the
        fast road's sections: elements of kept shapes, or parsed once per sectPr's bytes)."""
        if not KEEP_SECTIONS:
            return self._section(sect, has_table)
        kept = self._shape_cache.setdefault("sections", {})
        props = kept.get(sect)
        if props is None:
            if len(kept) >= 4096:
                kept.clear()
            props = kept[sect] = self._section_props(sect)
        return Section(index=len(self.sections) + 1, has_table=has_table,
                       **{**props, "margins": dict(props["margins"]), "headers": dict(props["headers"]),
                          "footers": dict(props["footers"])})

    @staticmethod
    def _section_props(sect) -> dict:
        """What a w:sectPr says by itself: the `Section` fields but index and has_table."""
        size = sect.find(f"{W}pgSz")
        margins = sect.find(f"{W}pgMar")
        headers = {h.get(f"{W}type", "default"): h.get(f"{R}id")
                   for h in sect.iterfind(f"{W}headerReference")}
        footers = {h.get(f"{W}type", "default"): h.get(f"{R}id")
                   for h in sect.iterfind(f"{W}footerReference")}
        numbering = sect.find(f"{W}pgNumType")
        return {
            "width": _int(size, "w"), "height": _int(size, "h"),
            "orient": size.get(f"{W}orient") if size is not None else None,
            "margins": {k: _int(margins, k) for k in ("top", "bottom", "left", "right")},
            "title_page": _on(sect.find(f"{W}titlePg")) or False,
            "headers": headers, "footers": footers,
            "restart": _int(numbering, "start"),
        }
