"""Page numbers as Decree 30 sets them, whatever headers the template was saved with.

Nghị định 30/2020/NĐ-CP, Phụ lục I, I.7: page numbers start at 1, in Arabic numerals, 13–14 pt,
centred in the top margin, not shown on the first page; III.1.đ: a Phụ lục is numbered on its
own. The stock templates say so in their section properties, but a clerk's tools do not keep it:
LibreOffice drops the first section's "different first page" (w:titlePg) and points its default
header at an empty one, so page 2 loses its number; Word's "Page Number > Bottom of Page" puts
the number in the footer; a clerk may delete the header altogether.

So every section of a template is set here, once when the template is read, and every document
made from it inherits the result:

- a section that starts a document or a Phụ lục (the first section, or one whose numbering
  restarts, w:pgNumType/@w:start) numbers from its start, shows no number on its first page
  (w:titlePg on, an empty first-page header) and a centred PAGE field on the others;
- a section that continues the numbering of the one before (no restart) shows the number on
  every page (w:titlePg off);
- the default and even-page headers are one PAGE field, centred, 14 pt Times New Roman, in the
  template's page-number paragraph style when it has one; footers holding a PAGE field are
  dropped (the number belongs in the top margin only).

Header and footer parts no longer referenced by any section are removed from the package.
"""

import re

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
HEADER_TYPE = f"{R_NS}/header"
FOOTER_TYPE = f"{R_NS}/footer"
HEADER_CONTENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"

NUMBERED = ("word/headerNd30Page.xml", "rIdNd30Page")
FIRST = ("word/headerNd30First.xml", "rIdNd30First")
DOCUMENT = "word/document.xml"
RELS = "word/_rels/document.xml.rels"

_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
# CT_SectPr's children in schema order (ECMA-376 Part 1, 17.6.17): Word refuses them out of order.
_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar",
          "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote",
          "titlePg", "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"]
_PAGE_FIELD = re.compile(rb"instrText[^>]*>\s*PAGE\b|w:instr=\"\s*PAGE\b")
# 14 pt (w:sz in half points), Times New Roman, centred (Phụ lục I, I.4 and I.7).
_RUN = ('<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>'
        '<w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>')
_STYLE = re.compile(rb'<w:pStyle w:val="([^"]+)"')
STOCK_STYLE = "SoTrang"  # the stock templates' page-number style (tools/make_templates.py)


def _headers(style: str | None) -> tuple[bytes, bytes]:
    """The numbered header and the empty first-page one, in `style`, centred, 14 pt Times New Roman
    whatever the style says (a Word "Header" style may be 11 pt or right-aligned)."""
    ppr = (f'<w:pStyle w:val="{style}"/>' if style else "") + f'<w:jc w:val="center"/>{_RUN}'
    run = _RUN
    field = (f'<w:r>{run}<w:fldChar w:fldCharType="begin"/></w:r>'
             f'<w:r>{run}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
             f'<w:r>{run}<w:fldChar w:fldCharType="separate"/></w:r>'
             f'<w:r>{run}<w:t>2</w:t></w:r>'
             f'<w:r>{run}<w:fldChar w:fldCharType="end"/></w:r>')
    return tuple(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  f'<w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr>{ppr}</w:pPr>{content}</w:p></w:hdr>'
                  ).encode() for content in (field, ""))


def _page_style(parts: dict[str, bytes], headers: list[str]) -> str | None:
    """The paragraph style of the template's own page number (the one its headers' PAGE field
    stands in, else the stock one), if styles.xml defines it."""
    styles = parts.get("word/styles.xml", b"")
    found = [m.group(1).decode() for name in headers if _PAGE_FIELD.search(parts.get(name, b""))
             for m in [_STYLE.search(parts.get(name, b""))] if m]
    for style in [*found, STOCK_STYLE]:
        if re.search(rb'w:styleId="' + re.escape(style.encode()) + rb'"', styles):
            return style
    return None


def _on(element: etree._Element | None) -> bool:
    return element is not None and element.get(f"{W}val", "true") not in ("0", "false", "off")


def _insert(sect: etree._Element, child: etree._Element) -> None:
    """Put `child` into `sect` at its place in the schema order."""
    rank = _ORDER.index(etree.QName(child).localname)
    at = 0
    for i, existing in enumerate(sect):
        name = etree.QName(existing).localname if isinstance(existing.tag, str) else ""
        if name in _ORDER and _ORDER.index(name) <= rank:
            at = i + 1
    sect.insert(at, child)


def _target(base: str, target: str) -> str:
    """A relationship's target as a part name: 'header1.xml' from word/ -> 'word/header1.xml'."""
    if target.startswith("/"):
        return target[1:]
    parts = base.split("/")[:-1]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _set_section(sect: etree._Element, first: bool, page_footers: set[str]) -> None:
    for ref in sect.findall(f"{W}headerReference"):
        sect.remove(ref)
    for ref in sect.findall(f"{W}footerReference"):
        if ref.get(f"{R}id") in page_footers:
            sect.remove(ref)
    numbering = sect.find(f"{W}pgNumType")
    if first and (numbering is None or numbering.get(f"{W}start") is None):
        if numbering is None:
            numbering = etree.Element(f"{W}pgNumType")
            _insert(sect, numbering)
        numbering.set(f"{W}start", "1")  # a document's pages count from 1 (Phụ lục I, I.7)
    starts = first or (numbering is not None and numbering.get(f"{W}start") is not None)
    refs = [("default", NUMBERED[1]), ("even", NUMBERED[1])] + ([("first", FIRST[1])] if starts else [])
    for kind, rid in reversed(refs):
        ref = etree.Element(f"{W}headerReference")
        ref.set(f"{W}type", kind)
        ref.set(f"{R}id", rid)
        sect.insert(0, ref)
    title_page = sect.find(f"{W}titlePg")
    if starts and not _on(title_page):
        if title_page is not None:
            sect.remove(title_page)
        _insert(sect, etree.Element(f"{W}titlePg"))
    elif not starts and title_page is not None:
        sect.remove(title_page)


def _sections(root: etree._Element) -> list[etree._Element]:
    """The sections of a body; a body without any gets one (Word's defaults otherwise)."""
    sections = [s for s in root.iter(f"{W}sectPr") if s.getparent().tag != f"{W}sectPrChange"]
    if not sections:
        body = root.find(f"{W}body")
        if body is not None:
            sections = [etree.SubElement(body, f"{W}sectPr")]
    return sections


def follow_decree(parts: dict[str, bytes]) -> dict[str, bytes]:
    """The parts of a template with every section numbered as Decree 30 sets (see the module).

    `parts` maps part names to bytes (document.xml in UTF-8); returns a new mapping, leaving
    the argument as it was. Raises lxml's XMLSyntaxError on a broken document.xml or rels part.
    """
    out = dict(parts)
    root = etree.fromstring(parts[DOCUMENT], _PARSER)
    rels_root = (etree.fromstring(parts[RELS], _PARSER) if RELS in parts
                 else etree.Element(f"{{{PKG_NS}}}Relationships", nsmap={None: PKG_NS}))
    targets = {rel.get("Id"): (rel.get("Type"), _target(DOCUMENT, rel.get("Target") or ""))
               for rel in rels_root if rel.get("TargetMode") != "External"}
    page_footers = {rid for rid, (kind, part) in targets.items()
                    if kind == FOOTER_TYPE and _PAGE_FIELD.search(parts.get(part, b""))}
    numbered_xml, first_xml = _headers(_page_style(parts, [part for kind, part in targets.values()
                                                           if kind == HEADER_TYPE]))
    for index, sect in enumerate(_sections(root)):
        _set_section(sect, index == 0, page_footers)
    out[DOCUMENT] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    used = {ref.get(f"{R}id") for ref in root.iter(f"{W}headerReference", f"{W}footerReference")}
    content_types = parts.get("[Content_Types].xml", b"").decode("utf-8")
    for rel in list(rels_root):
        rid = rel.get("Id")
        kind, part = targets.get(rid, (None, ""))
        if (kind in (HEADER_TYPE, FOOTER_TYPE) and rid not in used) or rid in (NUMBERED[1], FIRST[1]):
            rels_root.remove(rel)
            if part and not any(p == part for r, (_, p) in targets.items() if r in used):
                out.pop(part, None)
                out.pop(_rels_of(part), None)
                content_types = re.sub(rf'<Override PartName="/{re.escape(part)}"[^>]*/>', "", content_types)
    for (name, rid), xml in ((NUMBERED, numbered_xml), (FIRST, first_xml)):
        rel = etree.SubElement(rels_root, f"{{{PKG_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", HEADER_TYPE)
        rel.set("Target", name[len("word/"):])
        out[name] = xml
        content_types = re.sub(rf'<Override PartName="/{re.escape(name)}"[^>]*/>', "", content_types)
        content_types = content_types.replace(
            "</Types>", f'<Override PartName="/{name}" ContentType="{HEADER_CONTENT}"/></Types>')
    out[RELS] = etree.tostring(rels_root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out["[Content_Types].xml"] = content_types.encode("utf-8")
    return out
