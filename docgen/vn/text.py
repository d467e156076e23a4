"""Unicode normalisation and case mapping for Vietnamese text."""

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """NFC with inner whitespace collapsed, so NFD keyboards and stray spaces read the same."""
    if not isinstance(text, str):
        raise ValueError(f"normalize cần một chuỗi, nhận được {text!r}")
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def upper(text: str) -> str:
    """Uppercase that keeps every diacritic ("Sở" -> "SỞ", "đ" -> "Đ")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())
