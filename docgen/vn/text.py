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
