"""Unicode normalisation and case mapping for Vietnamese text."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_UNTIDY = re.compile(r"\s\s|[^\S ]|^\s|\s$")


def normalize(text: str) -> str:
    """NFC with inner whitespace collapsed, so NFD keyboards and stray spaces read the same."""
    if not isinstance(text, str):
        raise ValueError(f"normalize cần một chuỗi, nhận được {text!r}")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _UNTIDY.search(text):  # most values are already tidy: skip the rewrite
        text = _SPACE.sub(" ", text).strip()
    return text


def upper(text: str) -> str:
    """Uppercase that keeps every diacritic ("Sở" -> "SỞ", "đ" -> "Đ")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


NO_BREAK_SPACE = "\u00a0"  # what Word's Ctrl+Shift+Space types
_DASHES = {"-", "–", "—"}


def nobreak(text: str, *names: str) -> str:
    """`text` kept on one line: its spaces become no-break spaces (U+00A0), which Word and
    LibreOffice never break a line at (OOXML has no keep-words-together run property). A line
    may still break after a dash standing between two parts of a name ("Sở Lao động -" /
    "Thương binh và Xã hội"), so a long name never runs past the margin.

    With `names`, only those names are kept together where they occur in `text`; the rest of
    it breaks as usual ("Quỹ Thi đua, khen thưởng của Sở Lao động - …" with the issuer's name).
    Meant for short fixed names in running text, never for a table cell. The value is the
    same text to every reader: docgen's checker and read-backs take U+00A0 as a space.
    Raises ValueError when `text` or a name is not a string.
    """
    if not isinstance(text, str) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"nobreak cần chuỗi, nhận được {text!r}, {names!r}")
    text = unicodedata.normalize("NFC", text)
    if not names:
        return _joined(text)
    for name in sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()},
                       key=len, reverse=True):
        text = text.replace(name, _joined(name))
    return text


def _joined(name: str) -> str:
    words = name.split(" ")
    out = words[0]
    for before, word in zip(words, words[1:], strict=False):
        out += (" " if before in _DASHES else NO_BREAK_SPACE) + word
    return out
