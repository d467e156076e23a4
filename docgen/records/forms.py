"""A report form as a unit sends it back: its properties and the text of each named field.

Fields are content controls named by their alias ("docgen:target:viec_lam"): Word keeps
alias and tag, LibreOffice keeps the alias, so the alias is what is read.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.errors import Location, RecordError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLACEHOLDER = "…"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


@dataclass(frozen=True)
class FilledForm:
    path: Path
    properties: dict[str, str]
    fields: dict[str, str]  # alias -> text (a blank or the placeholder reads as "")

    @property
    def unit(self) -> str | None:
        return self.properties.get("docgen.unit")


def _text(sdt) -> str:
    """The control's text; "" when Word shows its placeholder (w:showingPlcHdr: "Bấm hoặc gõ nhẹ
    vào đây để nhập văn bản.", "Click or tap here to enter text.")."""
    placeholder = sdt.find(f"{W}sdtPr/{W}showingPlcHdr")
    if placeholder is not None and placeholder.get(f"{W}val", "true") not in ("0", "false", "off"):
        return ""
    content = sdt.find(f"{W}sdtContent")
    if content is None:
        return ""
    pieces = []
    for node in content.iter(f"{W}t", f"{W}br", f"{W}tab", f"{W}p"):
        if node.tag == f"{W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{W}tab":
            pieces.append("\t")
        elif pieces:
            pieces.append("\n")
    text = "".join(pieces).strip()
    return "" if text.strip(" .…") == "" else text


_SAVE_AS_DOCX = ("hãy mở biểu mẫu bằng Word, chọn File > Save As > Word Document (.docx) rồi gửi lại tệp"
                 " .docx")


def _other_format(path: Path) -> str | None:
    """What a file saved in another format than .docx is, from its first bytes."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        return None
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return f"biểu mẫu được lưu dạng Word 97-2003 (.doc), docgen chỉ đọc .docx; {_SAVE_AS_DOCX}"
    if head.startswith(b"%PDF"):
        return ("biểu mẫu là tệp PDF: không còn ô để đọc số liệu; hãy điền vào tệp .docx docgen đã gửi"
                " rồi gửi lại chính tệp .docx đó")
    if head.startswith(b"{\\rtf"):
        return f"biểu mẫu được lưu dạng RTF, docgen chỉ đọc .docx; {_SAVE_AS_DOCX}"
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as zf:
                if "mimetype" in zf.namelist() and b"opendocument.text" in zf.read("mimetype"):
                    return ("biểu mẫu được lưu dạng OpenDocument (.odt), docgen chỉ đọc .docx; hãy mở bằng"
                            " LibreOffice hoặc Word và lưu lại dạng Word (.docx) rồi gửi lại")
        except (zipfile.BadZipFile, OSError):
            return None
    return None


def read_form(path: Path) -> FilledForm:
    """Read a filled form; RecordError naming the file when it is not a docgen form at all
    (.doc, .odt, .pdf and .rtf are named, with how to save them as .docx)."""
    other = _other_format(path)
    if other:
        raise RecordError.at(Location(path), other)
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                raise RecordError.at(Location(path), "không phải văn bản Word (thiếu word/document.xml)")
            document = zf.read("word/document.xml")
            custom = zf.read("docProps/custom.xml") if "docProps/custom.xml" in names else b""
    except (zipfile.BadZipFile, OSError):
        raise RecordError.at(Location(path), "không phải tệp .docx đọc được") from None
    properties = {}
    if custom:
        for prop in etree.fromstring(custom, _PARSER):
            properties[prop.get("name")] = "".join(prop.itertext()).strip()
    if properties.get("docgen.kind") != "bieu-mau":
        raise RecordError.at(Location(path), "không phải biểu mẫu báo cáo do docgen tạo (thiếu thuộc tính"
                                             " docgen.kind = bieu-mau)")
    try:
        root = etree.fromstring(document, _PARSER)
    except etree.XMLSyntaxError as err:
        raise RecordError.at(Location(path), f"XML của văn bản bị hỏng: {err}") from None
    fields = {}
    for sdt in root.iter(f"{W}sdt"):
        alias = sdt.find(f"{W}sdtPr/{W}alias")
        tag = sdt.find(f"{W}sdtPr/{W}tag")
        name = (alias if alias is not None else tag)
        if name is None:
            continue
        key = name.get(f"{W}val") or ""
        if re.match(r"^docgen:[a-z]+:", key):
            fields[key] = _text(sdt)
    return FilledForm(path, properties, fields)
