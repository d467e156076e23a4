"""docProps/core.xml and docProps/custom.xml written from the job, not from the clock."""

from docgen.model.documents import Properties
from docgen.render.xmltext import escape

CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)


def core_xml(props: Properties) -> bytes:
    stamp = props.date.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title>"
        f"<dc:subject>{escape(props.subject)}</dc:subject>"
        f"<dc:creator>{escape(props.creator)}</dc:creator>"
        f"<cp:keywords>{escape(props.keywords)}</cp:keywords>"
        "<cp:lastModifiedBy>docgen</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def custom_xml(props: Properties) -> bytes:
    items = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{i}"'
        f' name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for i, (name, value) in enumerate(sorted(props.custom.items()), start=2)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{items}</Properties>"
    ).encode()


def apply(parts: dict[str, bytes], props: Properties) -> dict[str, bytes]:
    """Set core (and custom) properties; register custom.xml in the package when needed."""
    parts["docProps/core.xml"] = core_xml(props)
    if props.custom:
        if "docProps/custom.xml" not in parts:
            ct = parts["[Content_Types].xml"].decode()
            if "/docProps/custom.xml" not in ct:
                ct = ct.replace(
                    "</Types>",
                    f'<Override PartName="/docProps/custom.xml" ContentType="{CUSTOM_TYPE}"/></Types>',
                )
                parts["[Content_Types].xml"] = ct.encode()
            rels = parts["_rels/.rels"].decode()
            if CUSTOM_REL not in rels:
                rels = rels.replace(
                    "</Relationships>",
                    f'<Relationship Id="rIdCustomProps" Type="{CUSTOM_REL}"'
                    ' Target="docProps/custom.xml"/></Relationships>',
                )
                parts["_rels/.rels"] = rels.encode()
        parts["docProps/custom.xml"] = custom_xml(props)
    return parts
