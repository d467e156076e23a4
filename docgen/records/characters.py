"""Characters that are not text: control characters, XML-illegal code points, lone surrogates.

A clerk pastes from a PDF and a form feed (U+000C) or a U+0002 comes along; Word cannot show
them and XML 1.0 cannot hold most of them. Every C0 and C1 control character except tab, line
feed and carriage return is refused, as are U+FFFE, U+FFFF and lone surrogates (XML 1.0 §2.2).
"""

import re

# C0 except \t \n \r, DEL, C1 (U+0085 NEL included: YAML reads it as a line break), surrogates,
# and the two XML-illegal non-characters of the BMP.
BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_NAMES = {
    0x00: "NUL", 0x02: "STX", 0x07: "BEL", 0x08: "Backspace", 0x0B: "Tab dọc",
    0x0C: "ngắt trang (form feed)", 0x1B: "ESC", 0x7F: "DEL", 0x85: "NEL",
}


def describe(char: str) -> str:
    """"U+000C (ngắt trang (form feed))": the code point and, for the common ones, a name."""
    code = ord(char)
    name = _NAMES.get(code)
    if 0xD800 <= code <= 0xDFFF:
        name = "nửa cặp surrogate"
    return f"U+{code:04X}" + (f" ({name})" if name else "")


def refusal(char: str) -> str:
    """The message for a character that is not text, saying what to do."""
    return (f"có ký tự điều khiển {describe(char)} không phải chữ (thường lẫn vào khi dán từ PDF"
            " hay phần mềm khác); hãy xóa ký tự đó rồi gõ lại chữ ở chỗ này")
