"""What a rendered document says, read back from its XML: what the register records of it."""

import re

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUBJECT_STYLES = {"TrichYeu", "VeViec"}  # the templates' styles of the trích yếu and a công văn's V/v
RECIPIENT_STYLE = "NoiNhanMuc"  # an item of Nơi nhận
_W_DECL = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_STYLE_REF = re.compile(rb'<w:pStyle w:val="([^"<>&]*)"\s*/>')
_P_OPEN = re.compile(rb"<w:p[ >]")


def _text(p: etree._Element) -> str:
    """The paragraph's text, blanks folded; a non-breaking hyphen (<w:noBreakHyphen/>) reads "-"."""
    return " ".join("".join(t.text or "" if t.tag == f"{W}t" else "-"
                            for t in p.iter(f"{W}t", f"{W}noBreakHyphen")).split())


def _styled_parsed(xml: bytes, styles: set[str]) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs in `styles`, read from the whole parsed document."""
    root = etree.fromstring(xml)
    lines = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") not in styles:
            continue
        text = _text(p)
        if text:
            lines.append((style.get(f"{W}val"), text))
    return lines


def _styled_found(xml: bytes, styles: set[str]) -> list[tuple[str, str]] | None:
    """What `_styled_parsed` gives, parsing only the paragraphs in `styles` (a decision's list
    of names is most of its XML and none of the register's). None when the document is not
    plainly written (another prefix for the main namespace, a style reference written otherwise,
    a paragraph inside the one found): the caller then parses the whole document."""
    head = xml.find(b"<w:document")
    head_end = xml.find(b">", head)
    if head < 0 or head_end < 0 or _W_DECL not in xml[head:head_end]:
        return None
    # One pass over the document for its style references, compared as bytes (the document is
    # UTF-8): a decision holds a hundred of them, one or two of the register's.
    refs = list(_STYLE_REF.finditer(xml))
    if xml.count(b"<w:pStyle") != len(refs):
        return None
    wanted = {style.encode("utf-8"): style for style in styles}
    found, pieces = [], []
    for m in refs:
        style = wanted.get(m.group(1))
        if style is None:
            continue
        start = max(xml.rfind(b"<w:p>", 0, m.start()), xml.rfind(b"<w:p ", 0, m.start()))
        ppr = xml.rfind(b"<w:pPr>", 0, m.start())
        end = xml.find(b"</w:p>", m.end())
        # The reference must sit in the paragraph's own <w:pPr>, and that paragraph hold no other.
        if start < 0 or end < 0 or not start < ppr or b"</w:pPr>" in xml[ppr:m.start()] \
                or b"<" in xml[start:ppr].strip()[1:] or _P_OPEN.search(xml, start + 4, end):
            return None
        found.append(style)
        pieces.append(xml[start:end + len(b"</w:p>")])
    if not found:
        return []
    # One parse of the paragraphs found, under the document's own start tag (its namespaces).
    root = etree.fromstring(xml[head: head_end + 1] + b"".join(pieces) + b"</w:document>")
    if len(root) != len(found):
        return None
    return [(style, text) for style, p in zip(found, root, strict=True) if (text := _text(p))]


def _styled(parts: dict[str, bytes], styles: set[str]) -> list[tuple[str, str]]:
    """(style, text) of the paragraphs in `styles`, blanks folded, empty ones left out."""
    xml = parts["word/document.xml"]
    found = _styled_found(xml, styles)
    return found if found is not None else _styled_parsed(xml, styles)


def _paragraphs(parts: dict[str, bytes], styles: set[str]) -> list[str]:
    """The text of the paragraphs in `styles`, blanks folded, empty ones left out."""
    return [text for _, text in _styled(parts, styles)]


def register_fields(parts: dict[str, bytes]) -> tuple[str | None, list[str]]:
    """(`subject_of(parts)`, `recipients_of(parts)`), the document read once."""
    styled = _styled(parts, SUBJECT_STYLES | {RECIPIENT_STYLE})
    subject = " ".join(text for style, text in styled if style in SUBJECT_STYLES) or None
    return subject, [_item(text) for style, text in styled if style == RECIPIENT_STYLE]


_READ: dict = {}  # a w:p element (held here, so never another's id) -> (style, text) or None
_MAX_READ = 50_000


def register_fields_of(paragraphs) -> tuple[str | None, list[str]]:
    """`register_fields` of a document.xml whose every w:p is in `paragraphs`, in document order,
    none inside another, as (its bytes, its lxml element): the paragraphs a reader has already
    parsed (docgen.finish: the checker's fast road, checker.ooxml.Document.paragraph_xml). Each
    element is read once for the process (a template's paragraphs are the same elements in every
    document made from it), and one whose bytes cannot name a register style is not parsed."""
    read = _READ
    if len(read) > _MAX_READ:
        read.clear()
    styled = []
    for xml, p in paragraphs:
        found = read.get(p, _UNREAD)
        if found is _UNREAD:
            found = read[p] = _styled_paragraph(xml, p)
        if found is not None:
            styled.append(found)
    subject = " ".join(text for style, text in styled if style in SUBJECT_STYLES) or None
    return subject, [_item(text) for style, text in styled if style == RECIPIENT_STYLE]


def _styled_paragraph(xml: bytes, p: etree._Element) -> tuple[str, str] | None:
    """(style, text) of the paragraph `p` (`xml`: its bytes) as `_styled_parsed` reads it, None
    when it gives nothing. An attribute's value is its bytes but for character references, so
    bytes holding none of the styles' names and no "&#" cannot name one of them."""
    if b"&#" not in xml and not any(name in xml for name in _REGISTER_NAMES):
        return None
    # p.find("w:pPr/w:pStyle") as `_styled_parsed` asks it, without a path to interpret.
    style = next((s for ppr in p.iterchildren(_PPR) if (s := ppr.find(_PSTYLE)) is not None), None)
    if style is None or (val := style.get(_VAL)) not in _REGISTER_STYLES:
        return None
    text = _text(p)
    return (val, text) if text else None


_UNREAD = object()
_PPR, _PSTYLE, _VAL = f"{W}pPr", f"{W}pStyle", f"{W}val"
_REGISTER_STYLES = SUBJECT_STYLES | {RECIPIENT_STYLE}
_REGISTER_NAMES = tuple(style.encode("utf-8") for style in _REGISTER_STYLES)


def _item(line: str) -> str:
    return line.removeprefix("-").strip().rstrip(";.")


def recipients_of(parts: dict[str, bytes]) -> list[str]:
    """The Nơi nhận items of a rendered document as the register records them: without the
    dash and the closing ";" or "." ("Như Điều 3", "Lưu: VT, TĐKT")."""
    return [_item(line) for line in _paragraphs(parts, {RECIPIENT_STYLE})]


def subject_of(parts: dict[str, bytes]) -> str | None:
    """The trích yếu of a rendered document (its paragraphs in the templates' trích yếu style,
    joined by spaces), as the sổ văn bản đi records it; None when the template has none.

    `parts`: the package's parts by name, as render gives them (word/document.xml read).
    """
    return " ".join(_paragraphs(parts, SUBJECT_STYLES)) or None
