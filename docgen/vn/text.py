"""Unicode normalisation and case mapping for Vietnamese text."""

import re
import unicodedata
from collections.abc import Iterable

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


def keep_names(text: str, names: Iterable[str]) -> str:
    """`text` with each of `names` kept on one line wherever it occurs, whatever the case of its
    letters ("phòng Lao động" for the listed "Phòng Lao động"); the rest breaks as usual.

    `names` is the organisation's `fixed_names` (organisation.yaml): short fixed names that a
    line must not split in running text ("Ninh Bình", "Lao động - Thương binh và Xã hội"). As
    with `nobreak`, a line may still break after a dash between two parts of a name, and the
    text reads the same to every reader (U+00A0 is a space to docgen's checker and read-backs).
    Names may overlap ("Phòng Lao động", "Lao động - Thương binh và Xã hội"); a name matches
    whole words only, its spaces typed as spaces or U+00A0.
    Raises ValueError when `text` or a name is not a string.
    """
    names = list(names)
    if not isinstance(text, str) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"keep_names cần chuỗi, nhận được {text!r}, {names!r}")
    text = unicodedata.normalize("NFC", text)
    wanted = sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()})
    if not wanted:
        return text
    kept: set[int] = set()  # the spaces that become no-break spaces
    for name in wanted:
        words = r"[ \u00a0]".join(re.escape(w) for w in name.split(" "))
        for m in re.finditer(rf"(?<!\w){words}(?!\w)", text, re.IGNORECASE):
            kept.update(i for i in range(m.start(), m.end())
                        if text[i] == " " and not (text[i - 1] in _DASHES and text[i - 2] in " \u00a0"))
    return "".join(NO_BREAK_SPACE if i in kept else c for i, c in enumerate(text))


def _joined(name: str) -> str:
    words = name.split(" ")
    out = words[0]
    for before, word in zip(words, words[1:], strict=False):
        out += (" " if before in _DASHES else NO_BREAK_SPACE) + word
    return out
