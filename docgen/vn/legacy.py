"""Legacy Vietnamese 8-bit encodings read as Latin-1/Windows-1252: VNI-Windows and VISCII.

Beside TCVN3 (docgen.vn.tcvn3): text typed with the VNI-Times fonts shows "Nguyeãn Vaên
Bình" for "Nguyễn Văn Bình" (a base letter followed by a mark character); text in VISCII
(RFC 1456) shows one Latin-1 character per letter. Which encoding a text is in is told by
which reading gives Vietnamese syllables (docgen.vn.syllables).
"""

import re
import unicodedata

# VNI-Windows: each vowel's six tones as (base, sắc, huyền, hỏi, ngã, nặng) in VNI characters,
# lower case (upper case is the same with the characters upper-cased). The pattern is the
# VNI-Windows keyboard layout's (xvnkb's vni.h gives the same table).
_VNI_VOWELS = {
    "a": ("a", "aù", "aø", "aû", "aõ", "aï"),
    "â": ("aâ", "aá", "aà", "aå", "aã", "aä"),
    "ă": ("aê", "aé", "aè", "aú", "aü", "aë"),
    "e": ("e", "eù", "eø", "eû", "eõ", "eï"),
    "ê": ("eâ", "eá", "eà", "eå", "eã", "eä"),
    "o": ("o", "où", "oø", "oû", "oõ", "oï"),
    "ô": ("oâ", "oá", "oà", "oå", "oã", "oä"),
    "ơ": ("ô", "ôù", "ôø", "ôû", "ôõ", "ôï"),
    "u": ("u", "uù", "uø", "uû", "uõ", "uï"),
    "ư": ("ö", "öù", "öø", "öû", "öõ", "öï"),
    "i": ("i", "í", "ì", "æ", "ó", "ò"),
    "y": ("y", "yù", "yø", "yû", "yõ", "î"),
}
_TONES = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")


def _vni_pairs() -> list[tuple[str, str]]:
    pairs = [("ñ", "đ"), ("Ñ", "Đ")]
    for vowel, forms in _VNI_VOWELS.items():
        for tone, vni in zip(_TONES, forms, strict=True):
            letter = unicodedata.normalize("NFC", vowel + tone)
            if vni != letter:
                pairs.append((vni, letter))
                pairs.append((vni.upper(), letter.upper()))
    # Longest first, so "aá" (ấ) wins over "a".
    return sorted(set(pairs), key=lambda p: -len(p[0]))


_VNI = _vni_pairs()
_VNI_TABLE = dict(_VNI)
_VNI_RE = re.compile("|".join(re.escape(k) for k, _ in _VNI))

# VISCII (RFC 1456): the code points that differ from ASCII/Latin-1, generated from glibc's
# iconv VISCII converter; as Latin-1 characters, and the letters they stand for.
_VISCII_FROM = ("\x80\x81\x82\x83\x84\x85\x86\x87\x88\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91\x92\x93"
                "\x94\x95\x96\x97\x98\x99\x9a\x9b\x9c\x9d\x9e\x9f\xa0¡¢£¤¥¦§¨©ª«¬\xad®¯°±²³´µ¶·¸¹º"
                "»¼½¾¿ÄÅÆÇËÎÏÐÑÕÖ×ØÛÜÞßäåæçëîïðñö÷øûüþÿ\x02\x05\x06\x14\x19\x1e")
_VISCII_TO = ("ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯẢĂẳẵẺĨỳĐứạỷừửỹỵỡư"
              "ảăữẫẻĩỉđựỏọụũủợỮẲẴẪỶỸỴ")
_VISCII_TABLE = str.maketrans(_VISCII_FROM, _VISCII_TO)


def vni_to_unicode(text: str) -> str:
    """Text typed in VNI-Windows (read as Windows-1252) to Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_RE.sub(lambda m: _VNI_TABLE[m.group()], text))


def viscii_to_unicode(text: str) -> str:
    """Text in VISCII (read as Latin-1) to Unicode NFC."""
    return unicodedata.normalize("NFC", text.translate(_VISCII_TABLE))


def utf8_misread(text: str) -> str:
    """UTF-8 text once read as Windows-1252 ("LÃ¢m" for "Lâm"), read back; else the text as is."""
    for codec in ("cp1252", "latin-1"):
        try:
            return unicodedata.normalize("NFC", text.encode(codec).decode("utf-8"))
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return text
