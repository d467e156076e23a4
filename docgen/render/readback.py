"""What a rendered document says, read back from its XML: what the register records of it."""

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SUBJECT_STYLES = {"TrichYeu", "VeViec"}  # the templates' styles of the trích yếu and a công văn's V/v
RECIPIENT_STYLE = "NoiNhanMuc"  # an item of Nơi nhận


def _paragraphs(parts: dict[str, bytes], styles: set[str]) -> list[str]:
    """The text of the paragraphs in `styles`, blanks folded, empty ones left out."""
    root = etree.fromstring(parts["word/document.xml"])
    lines = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") not in styles:
            continue
        text = " ".join("".join(t.text or "" if t.tag == f"{W}t" else "-"
                                for t in p.iter(f"{W}t", f"{W}noBreakHyphen")).split())
        if text:
            lines.append(text)
    return lines


def recipients_of(parts: dict[str, bytes]) -> list[str]:
    """The Nơi nhận items of a rendered document as the register records them: without the
    dash and the closing ";" or "." ("Như Điều 3", "Lưu: VT, TĐKT")."""
    return [line.removeprefix("-").strip().rstrip(";.") for line in _paragraphs(parts, {RECIPIENT_STYLE})]


def subject_of(parts: dict[str, bytes]) -> str | None:
    """The trích yếu of a rendered document (its paragraphs in the templates' trích yếu style,
    joined by spaces), as the sổ văn bản đi records it; None when the template has none.

    `parts`: the package's parts by name, as render gives them (word/document.xml read).
    """
    return " ".join(_paragraphs(parts, SUBJECT_STYLES)) or None
