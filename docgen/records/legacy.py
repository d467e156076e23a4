"""Text typed in a legacy Vietnamese encoding, found in a record or a cell, with its reading.

TCVN3 is told by its own characters (docgen.vn.tcvn3); VNI-Windows and VISCII by which
reading turns words that are not Vietnamese syllables into syllables (docgen.vn.syllables).
"""

import functools
import re

from docgen.vn import looks_like_tcvn3, tcvn3_to_unicode
from docgen.vn.legacy import utf8_misread, viscii_to_unicode, vni_to_unicode
from docgen.vn.syllables import odd_words

_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_HIGH = re.compile("[\u0080-\u00ff]")
MISREAD = "UTF-8 misread"
_READINGS = (("VNI-Windows (VNI-Times)", vni_to_unicode), ("VISCII", viscii_to_unicode), (MISREAD, utf8_misread))


def legacy_reading(text: str) -> tuple[str, str] | None:
    """(encoding name, Unicode reading) when `text` reads as a legacy Vietnamese encoding."""
    # Most text has a letter only Unicode Vietnamese has (ă â đ ơ ư, a toned vowel), or is ASCII:
    # no reading then (looks_like_tcvn3 says no to both), and no cache entry for each name.
    if text.isascii() or _UNICODE_VI.search(text):
        return None
    return _reading(text)


@functools.lru_cache(maxsize=4096)  # positions and offices repeat down a list
def _reading(text: str) -> tuple[str, str] | None:
    tcvn3 = looks_like_tcvn3(text)
    if not tcvn3 and (not _HIGH.search(text) or _UNICODE_VI.search(text)):
        return None
    odd = odd_words(text)
    if not odd:
        return None
    best = None
    if tcvn3:
        reading = tcvn3_to_unicode(text)
        if odd_words(reading) < odd:  # a reading is taken only when it gives more Vietnamese words
            best = (odd_words(reading), "TCVN3 (.VnTime)", reading)
    for name, convert in _READINGS:
        reading = convert(text)
        if reading != text:
            score = odd_words(reading)
            if score < odd and (best is None or score < best[0]):
                best = (score, name, reading)
    return None if best is None else (best[1], best[2])


def legacy_problem(text: str) -> str | None:
    """A Vietnamese message when `text` reads as a legacy encoding, with the Unicode reading."""
    found = legacy_reading(text)
    if found is None:
        return None
    name, reading = found
    if name == MISREAD:
        return (f"chữ Unicode (UTF-8) có vẻ đã bị một phần mềm đọc nhầm thành Windows-1252: '{text}'; hãy"
                f" chép lại chữ đúng, có lẽ là: '{reading}'")
    return (f"chữ có vẻ được gõ bằng bảng mã {name}: '{text}'; hãy chuyển sang Unicode,"
            f" có lẽ là: '{reading}'")
