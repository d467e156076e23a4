"""Is a word a Vietnamese syllable? Used to tell text in a legacy encoding from Unicode text.

A syllable is an onset, an optional medial o/u, a nucleus, an optional coda and at most one
tone (Đoàn Thiện Thuật, Ngữ âm tiếng Việt, ch. 3). The check is deliberately loose: it only
has to tell "Nguyễn" from "Nguyeãn" and "Bảo" from "B¶o".
"""

import functools
import re
import unicodedata

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(
    r"^(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdđghklmnprstvx])?"
    r"(?:[ou](?=[aăâeêơiy]))?"
    r"(?:iê|yê|ia|ya|uô|ua|ươ|ưa|ưu|[aăâeêioôơuưy])"
    r"(?:ch|nh|ng|[cmnpt]|[iyou])?$"
)


@functools.lru_cache(maxsize=16384)  # a list of thousands of names has few distinct words
def is_syllable(word: str) -> bool:
    """True for a Vietnamese syllable in Unicode, any case, either tone placement."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in _TONE_MARKS)
    if tones > 1:
        return False
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONE_MARKS))
    return bool(_SYLLABLE.match(base))


_SPLIT = re.compile(r"[\s\-/{}*…–—\"“”‘’'()\[\].,;:!?%]+")
_LATIN1 = re.compile("[\u0080-\u00ff]")


def odd_words(text: str) -> int:
    """How many words with letters beyond ASCII are not Vietnamese syllables (abbreviations
    such as "LĐTBXH" and words with digits are not counted)."""
    count = 0
    for word in _SPLIT.split(text):
        if not word or word.isascii() or any(c.isdigit() for c in word):
            continue
        if word.isupper() and len(word) > 1 and not _LATIN1.search(word):
            continue
        if not is_syllable(word):
            count += 1
    return count
