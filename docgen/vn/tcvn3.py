"""Legacy TCVN3 (TCVN 5712:1993, the .VnTime fonts) text to Unicode.

Old government files still carry text typed in TCVN3: read as Latin-1 it shows "B¶o Th¾ng"
for "Bảo Thắng". The table maps the code points 0x80-0xFF (as Latin-1 characters) to the
letters of TCVN 5712:1993 VN1, of which the .VnTime layout (VN3) is the 0xA1-0xFF part;
it was generated from glibc's iconv TCVN5712-1 converter.
"""

import re
import unicodedata

# Each row: 16 TCVN3 code points (as Latin-1 characters) and the Unicode letters they stand for.
_ROWS = [
    ('\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f', 'ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ'),
    ('\x90\x91\x92\x93\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f', 'ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ'),
    ('¡¢£¤¥¦§¨©ª«¬\xad®¯°', 'ĂÂÊÔƠƯĐăâêôơưđẰ̀'),
    ('±²³´µ¶·¸¹º»¼½¾¿À', '̣̉̃́àảãáạẲằẳẵắẴẮ'),
    ('ÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐ', 'ẦẨẪẤỀặầẩẫấậèỂẻẽé'),
    ('ÑÒÓÔÕÖ×ØÙÚÛÜÝÞßà', 'ẹềểễếệìỉỄẾỒĩíịòỔ'),
    ('áâãäåæçèéêëìíîïð', 'ỏõóọồổỗốộờởỡớợùỖ'),
    ('ñòóôõö÷øùúûüýþÿ', 'ủũúụừửữứựỳỷỹýỵỐ'),
]
_TABLE = str.maketrans("".join(a for a, _ in _ROWS), "".join(b for _, b in _ROWS))

# Characters that are Vietnamese letters only in TCVN3, never in Unicode Vietnamese text.
_TCVN3_ONLY = re.compile("[\u0080-\u009f\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce\u00cf\u00d0\u00d1"
                         "\u00d6-\u00d8\u00db\u00dc\u00de\u00df\u00e4-\u00e7\u00eb\u00ee\u00ef"
                         "\u00f0\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]")
# Letters only Unicode Vietnamese has (ă â ê ô ơ ư đ and the toned forms).
_UNICODE_VI = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")


def tcvn3_to_unicode(text: str) -> str:
    """Convert text typed in TCVN3 (read as Latin-1) to Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_TABLE))


def looks_like_tcvn3(text: str) -> bool:
    """True when text reads as TCVN3 mojibake: TCVN3-only characters, no Unicode Vietnamese."""
    if _UNICODE_VI.search(text):
        return False
    hits = len(_TCVN3_ONLY.findall(text))
    return hits >= 2 or (hits == 1 and len(text) <= 12)
