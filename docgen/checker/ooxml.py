"""A .docx read for judging: paragraphs in order with their effective formatting.

Formatting is resolved as Word does: run properties, then the run's character style, then
the paragraph style and its basedOn chain, then the document defaults; fonts named through
the theme are looked up in it. Nothing here knows about the decree.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{W_NS}}}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True, remove_comments=True)
_TRUE = {None, "1", "true", "on"}


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
        return RunProps(**{k: (v if v is not None else getattr(other, k))
                           for k, v in vars(self).items()})


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

    def merge(self, other: "ParaProps") -> "ParaProps":
        return ParaProps(**{k: (v if v is not None else getattr(other, k))
                            for k, v in vars(self).items()})


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


def _in_textbox(run, paragraph) -> bool:
    """A run of a text box anchored in `paragraph` belongs to the box, not the paragraph."""
    node = run.getparent()
    while node is not None and node is not paragraph:
        if node.tag == f"{W}txbxContent":
            return True
        node = node.getparent()
    return False


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

    @property
    def clean(self) -> str:
        return re.sub(r"\s+", " ", unicodedata.normalize("NFC", self.text)).strip()

    def text_runs(self) -> list[Run]:
        """Runs that carry text, without superscript note markers ("TÊN CƠ QUAN²")."""
        return [r for r in self.runs if r.text.strip()
                and r.props.vert_align not in ("superscript", "subscript")]

    def shown(self) -> str:
        """Text as displayed: runs with caps shown in capitals."""
        return "".join(r.text.upper() if r.props.caps else r.text for r in self.runs)


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


@dataclass
class Part:
    name: str
    paragraphs: list[Paragraph]


class Document:
    """Everything a rule needs: paragraphs, sections, headers and footers."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
                if "word/document.xml" not in names:
                    raise UnreadableDocx("tệp không có word/document.xml: không phải văn bản Word")
                read = {n: zf.read(n) for n in names if n.startswith("word/") and n.endswith(".xml")
                        or n.endswith(".rels") or n == "docProps/custom.xml"}
        except zipfile.BadZipFile:
            raise UnreadableDocx("không phải tệp .docx (không đọc được dạng nén zip)") from None
        except OSError as err:
            raise UnreadableDocx(f"không đọc được tệp: {err.strerror or err}") from None
        try:
            self.theme = Theme(read.get("word/theme/theme1.xml"))
            self.styles = Styles(read.get("word/styles.xml"), self.theme)
            self.root = etree.fromstring(read["word/document.xml"], _PARSER)
            rels = self._rels(read.get("word/_rels/document.xml.rels"))
        except etree.XMLSyntaxError as err:
            raise UnreadableDocx(f"XML hỏng: {err}") from None
        self.declares_draft = self._draft_property(read.get("docProps/custom.xml"))
        body = self.root.find(f"{W}body")
        if body is None:
            raise UnreadableDocx("word/document.xml không có phần thân (w:body)")
        self.paragraphs: list[Paragraph] = []
        self.sections: list[Section] = []
        self._walk(body)
        self.parts: dict[str, Part] = {}
        for section in self.sections:
            for kind in ("headers", "footers"):
                for rid in getattr(section, kind).values():
                    name = rels.get(rid)
                    if name and name not in self.parts and f"word/{name}" in read:
                        root = etree.fromstring(read[f"word/{name}"], _PARSER)
                        self.parts[name] = Part(name, [self._paragraph(p, 0) for p in
                                                       root.iter(f"{W}p")])
            section.headers = {k: rels.get(v, "") for k, v in section.headers.items()}
            section.footers = {k: rels.get(v, "") for k, v in section.footers.items()}

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
                p = self._paragraph(child, len(self.paragraphs) + 1)
                self.paragraphs.append(p)
                section_has_table = section_has_table or p.has_drawing
                sect = child.find(f"{W}pPr/{W}sectPr")
                if sect is not None:
                    self.sections.append(self._section(sect, section_has_table))
                    section_has_table = False
            elif tag == f"{W}tbl":
                table_no += 1
                section_has_table = True
                for r_i, row in enumerate(child.iterfind(f"{W}tr"), start=1):
                    for c_i, cell in enumerate(row.iterfind(f"{W}tc"), start=1):
                        for p_el in cell.iter(f"{W}p"):
                            p = self._paragraph(p_el, len(self.paragraphs) + 1)
                            p.table, p.row, p.cell = table_no, r_i, c_i
                            self.paragraphs.append(p)
            elif tag == f"{W}sectPr":
                self.sections.append(self._section(child, section_has_table))
            elif tag == f"{W}sdt":
                self._walk(child.find(f"{W}sdtContent") if child.find(f"{W}sdtContent") is not None
                           else etree.Element("x"))

    def _paragraph(self, el, index: int) -> Paragraph:
        ppr_el = el.find(f"{W}pPr")
        style_el = ppr_el.find(f"{W}pStyle") if ppr_el is not None else None
        sid = style_el.get(f"{W}val") if style_el is not None else None
        base_rpr = self.styles.para_rpr(sid)
        props = read_ppr(ppr_el).merge(self.styles.ppr(sid))
        runs: list[Run] = []
        fields: list[str] = []
        page_break = bool(props.page_break_before)
        for r in el.iter(f"{W}r"):
            if _in_textbox(r, el):
                continue
            rpr_el = r.find(f"{W}rPr")
            rstyle = rpr_el.find(f"{W}rStyle") if rpr_el is not None else None
            props_r = read_rpr(rpr_el, self.theme)
            if rstyle is not None:
                props_r = props_r.merge(self.styles.char_rpr(rstyle.get(f"{W}val")))
            props_r = props_r.merge(base_rpr)
            text = []
            for node in r:
                if node.tag == f"{W}t":
                    text.append(node.text or "")
                elif node.tag == f"{W}tab":
                    text.append("\t")
                elif node.tag in (f"{W}br", f"{W}cr"):
                    if node.get(f"{W}type") == "page":
                        page_break = True
                    else:
                        text.append("\n")
                elif node.tag == f"{W}instrText":
                    fields.append((node.text or "").strip())
            runs.append(Run("".join(text), props_r))
        for simple in el.iter(f"{W}fldSimple"):
            fields.append((simple.get(f"{W}instr") or "").strip())
        drawing = el.find(f".//{W}drawing") is not None or el.find(f".//{W}pict") is not None
        return Paragraph(
            index=index, element=el, text="".join(r.text for r in runs), runs=runs, props=props,
            style=self.styles.name(sid), has_drawing=drawing, fields=fields, page_break=page_break,
        )

    def _section(self, sect, has_table: bool) -> Section:
        size = sect.find(f"{W}pgSz")
        margins = sect.find(f"{W}pgMar")
        headers = {h.get(f"{W}type", "default"): h.get(f"{R}id")
                   for h in sect.iterfind(f"{W}headerReference")}
        footers = {h.get(f"{W}type", "default"): h.get(f"{R}id")
                   for h in sect.iterfind(f"{W}footerReference")}
        numbering = sect.find(f"{W}pgNumType")
        return Section(
            index=len(self.sections) + 1,
            width=_int(size, "w"), height=_int(size, "h"),
            orient=size.get(f"{W}orient") if size is not None else None,
            margins={k: _int(margins, k) for k in ("top", "bottom", "left", "right")},
            title_page=_on(sect.find(f"{W}titlePg")) or False,
            headers=headers, footers=footers,
            restart=_int(numbering, "start"),
            has_table=has_table,
        )
