"""The template format: which docgen a template was made for, kept in the template itself.

The stock templates carry a custom document property `docgen.template_format` (Word: File >
Info > Properties > Advanced > Custom; LibreOffice: File > Properties > Custom Properties),
written by tools/make_templates.py. Word, LibreOffice and python-docx keep it when they save.
When a template asks for a field or filter this docgen does not have, the property says whether
the template is older or newer than the program, and the message says what to do.

Bump `TEMPLATE_FORMAT` when the templates stop working with the data an older docgen gave them
(a field renamed or removed, a filter gone), and regenerate the templates.
"""

import re

from lxml import etree

TEMPLATE_FORMAT = 1
PROPERTY = "docgen.template_format"
CUSTOM = "docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_CP = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
_PARSER = etree.XMLParser(resolve_entities=False)


def template_format(parts: dict[str, bytes]) -> int | None:
    """The format a template declares, or None when it declares none (made before formats were
    written, or by hand). A property that is not a whole number counts as none."""
    raw = parts.get(CUSTOM)
    if not raw:
        return None
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError:
        return None
    for prop in root.iter(f"{_CP}property"):
        if prop.get("name") == PROPERTY:
            text = "".join(prop.itertext()).strip()
            return int(text) if re.fullmatch(r"\d{1,6}", text) else None
    return None


def stamp(parts: dict[str, bytes]) -> dict[str, bytes]:
    """A stock template's parts with the current format declared (for tools/make_templates.py;
    the template must not have custom properties of its own)."""
    out = dict(parts)
    out[CUSTOM] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{PROPERTY}">'
        f"<vt:lpwstr>{TEMPLATE_FORMAT}</vt:lpwstr></property></Properties>"
    ).encode()
    out["[Content_Types].xml"] = out["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{CUSTOM}" ContentType="{CUSTOM_TYPE}"/></Types>'.encode())
    out["_rels/.rels"] = out["_rels/.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdTemplateFormat" Type="{CUSTOM_REL}" Target="{CUSTOM}"/></Relationships>'.encode())
    return out
