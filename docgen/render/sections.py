"""Landscape sections: an annex whose table needs the width of a turned A4 page.

Word keeps a section's page size in the <w:sectPr> that ends it, which a template cannot make
conditional without breaking the file for Word; so the rendered document is turned here, by
the flags the model gives per section (Nghị định 30, Phụ lục I, I.2: landscape for tables).
"""

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


def turn_pages(xml: bytes, landscape: tuple[bool, ...]) -> bytes:
    """Swap the page width and height of each flagged section (margins stay as Decree 30 sets them).

    `landscape[i]` is for the i-th <w:sectPr> in document order. Raises ValueError when the
    document has fewer sections than flags (a template that lost its section breaks).
    """
    root = etree.fromstring(xml, _PARSER)
    sections = list(root.iter(f"{W}sectPr"))
    if len(sections) < len(landscape):
        raise ValueError(f"mẫu có {len(sections)} phần (section), văn bản cần {len(landscape)}:"
                         " giữ nguyên các ngắt phần trước mỗi phụ lục trong mẫu")
    for sect, turn in zip(sections, landscape, strict=False):
        size = sect.find(f"{W}pgSz")
        if not turn or size is None:
            continue
        w, h = size.get(f"{W}w"), size.get(f"{W}h")
        if int(w) < int(h):
            size.set(f"{W}w", h)
            size.set(f"{W}h", w)
        size.set(f"{W}orient", "landscape")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
