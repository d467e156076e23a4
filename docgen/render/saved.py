"""Templates as Word and LibreOffice save them: what each writes differently, made the same.

- LibreOffice writes `"` as `&quot;` (and `'` as `&apos;`) in text, so inside a tag Jinja
  would read an entity: the tags are unescaped (docxtpl already turns Word's smart quotes and
  `&lt;`/`&gt;` back).
- A part may be saved in another encoding than UTF-8 (its XML declaration says which): it is
  re-encoded as UTF-8.
- Pending tracked changes (w:ins, w:del, …) would come out in every document, struck through
  or coloured: the template is refused, naming the revisions.
- Comments would be copied into every document: the template is refused, naming them.
"""

import re

from lxml import etree

from docgen.errors import Location, TemplateError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
_TAG_TEXT = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_ENTITIES = {"&quot;": '"', "&#34;": '"', "&#x22;": '"', "&apos;": "'", "&#39;": "'", "&#x27;": "'",
             "&amp;": "&"}
_ENTITY = re.compile("|".join(re.escape(e) for e in _ENTITIES))
# Revision marks of WordprocessingML (ECMA-376 Part 1, 17.13.5).
_REVISIONS = {"ins": "thêm", "del": "xóa", "moveFrom": "chuyển đi", "moveTo": "chuyển đến",
              "rPrChange": "đổi định dạng chữ", "pPrChange": "đổi định dạng đoạn",
              "sectPrChange": "đổi định dạng trang", "tblPrChange": "đổi định dạng bảng",
              "trPrChange": "đổi định dạng dòng bảng", "tcPrChange": "đổi định dạng ô bảng",
              "numberingChange": "đổi đánh số"}
_SHOWN = 3


def unescape_tags(source: str) -> str:
    """`{%p if g.kind == &quot;collective&quot; %}` -> `{%p if g.kind == "collective" %}`."""
    return _TAG_TEXT.sub(lambda m: _ENTITY.sub(lambda e: _ENTITIES[e.group()], m.group()), source)


def as_utf8(path, name: str, raw: bytes) -> bytes:
    """The part as UTF-8 bytes, whatever encoding its XML declaration names."""
    try:
        raw.decode("utf-8")
        return raw
    except UnicodeDecodeError:
        pass
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError:
        raise TemplateError.at(Location(path, where=name), "phần này của mẫu không phải mã UTF-8 và không đọc"
                               " được; hãy mở mẫu bằng Word và lưu lại dạng .docx") from None
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _text(node) -> str:
    text = "".join(t.text or "" for t in node.iter(f"{W}t", f"{W}delText", f"{W}instrText"))
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def refuse_revisions(path, name: str, raw: bytes) -> None:
    """TemplateError naming the pending tracked changes of a part, if it has any."""
    if b"Change" not in raw and b"<w:ins" not in raw and b"<w:del" not in raw and b"<w:move" not in raw:
        return
    root = etree.fromstring(raw, _PARSER)
    found = []
    for node in root.iter(*(f"{W}{k}" for k in _REVISIONS)):
        kind = _REVISIONS[node.tag[len(W):]]
        author = node.get(f"{W}author") or "không rõ người sửa"
        date = (node.get(f"{W}date") or "")[:10]
        when = f", {date[8:10]}/{date[5:7]}/{date[:4]}" if len(date) == 10 else ""
        text = _text(node) if kind in ("thêm", "xóa", "chuyển đi", "chuyển đến") else ""
        found.append(f"{kind}{f' “{text}”' if text else ''} ({author}{when})")
    if not found:
        return
    shown = "; ".join(found[:_SHOWN]) + (f"; và {len(found) - _SHOWN} thay đổi khác" if len(found) > _SHOWN else "")
    raise TemplateError.at(
        Location(path, where=name),
        f"mẫu còn {len(found)} thay đổi chưa được chấp nhận (Track Changes): {shown}; hãy mở mẫu bằng Word,"
        " chọn Review > Accept All Changes (Xem lại > Chấp nhận tất cả thay đổi), tắt Track Changes rồi lưu lại")


def refuse_comments(path, parts: dict[str, bytes]) -> None:
    """TemplateError naming the comments of a template, if it has any."""
    raw = parts.get("word/comments.xml")
    if not raw:
        return
    root = etree.fromstring(as_utf8(path, "word/comments.xml", raw), _PARSER)
    comments = [f"“{_text(c)}” ({c.get(f'{W}author') or 'không rõ người viết'})" for c in root.iter(f"{W}comment")]
    if not comments:
        return
    shown = "; ".join(comments[:_SHOWN]) + (f"; và {len(comments) - _SHOWN} ghi chú khác"
                                           if len(comments) > _SHOWN else "")
    raise TemplateError.at(
        Location(path), f"mẫu có {len(comments)} ghi chú (Comment) sẽ bị chép vào mọi văn bản: {shown}; hãy xóa"
        " các ghi chú (Review > Delete > Delete All Comments) rồi lưu lại")
