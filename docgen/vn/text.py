"""Unicode normalisation and case mapping for Vietnamese text."""

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

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
    names = tuple(names)
    try:
        found = (_name_patterns if FAST_NAMES else _name_patterns.__wrapped__)(names)
    except TypeError:  # a name that cannot be hashed is not a string either
        found = None
    if not isinstance(text, str) or found is None:
        raise ValueError(f"keep_names cần chuỗi, nhận được {text!r}, {names!r}")
    text = unicodedata.normalize("NFC", text)
    any_name, patterns = found
    if any_name is None or (FAST_NAMES and not any_name.search(text)):
        return text  # no name occurs: nothing to keep (most texts, a person's name among them)
    kept: set[int] = set()  # the spaces that become no-break spaces
    for pattern in patterns:
        for m in pattern.finditer(text):
            kept.update(i for i in range(m.start(), m.end())
                        if text[i] == " " and not (text[i - 1] in _DASHES and text[i - 2] in " \u00a0"))
    if not kept:
        return text
    chars = list(text)
    for i in kept:
        chars[i] = NO_BREAK_SPACE
    return "".join(chars)


# The patterns of a list of names kept for the process (a build renders every decision with the
# issuer's same few names), and a text without any of the names returned after one search. Off
# (FAST_NAMES False): the patterns compiled again and each searched, for every text.
FAST_NAMES = True


@lru_cache(maxsize=64)
def _name_patterns(names: tuple[str, ...]) -> tuple[re.Pattern[str] | None, tuple[re.Pattern[str], ...]] | None:
    """(any, each) for `names`: `each` one pattern a name (NFC, stripped, blank ones left out,
    sorted) matching its whole words in any letter case, its spaces typed as spaces or U+00A0
    (names may overlap, so each is searched on its own); `any` the alternation of them all,
    which matches somewhere whenever one of `each` does (None: no name). None when a name is
    not a string."""
    if not all(isinstance(n, str) for n in names):
        return None
    wanted = sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()})
    regexes = [r"(?<!\w)" + r"[ \u00a0]".join(re.escape(w) for w in name.split(" ")) + r"(?!\w)"
               for name in wanted]
    any_name = re.compile("|".join(f"(?:{r})" for r in regexes), re.IGNORECASE) if regexes else None
    return any_name, tuple(re.compile(r, re.IGNORECASE) for r in regexes)


def _joined(name: str) -> str:
    words = name.split(" ")
    out = words[0]
    for before, word in zip(words, words[1:], strict=False):
        out += (" " if before in _DASHES else NO_BREAK_SPACE) + word
    return out
