"""Numbers as Vietnamese documents write them: "19.400", "70,5", "70%-72%", "IV", "đ)"."""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# The decree's point letters: the Vietnamese alphabet without ă â ê ô ơ ư (ND30 II.6.đ).
POINT_LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()

_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def _decimal(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"không phải số: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest exact text; 10 places drop binary artefacts (0.1 + 0.2).
        return Decimal(repr(value)).quantize(Decimal("1e-10"), ROUND_HALF_UP).normalize()
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"không phải số: {value!r}") from None


def format_number(value, decimals: int | None = None) -> str:
    """"19.400", "70,5", "-1.250,75": dot for thousands, comma for decimals, half up."""
    d = _decimal(value)
    if decimals is not None:
        d = d.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    elif d == d.to_integral_value():
        d = d.quantize(Decimal(1))
    else:
        d = d.normalize()
    sign = "-" if d < 0 else ""
    text = f"{abs(d):f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    if frac:
        out += "," + frac
    if out == "0" or set(out) <= {"0", ".", ","}:
        sign = ""
    return sign + out


def format_percent(value, decimals: int | None = None) -> str:
    """"70%", "70,3%"; a (low, high) pair as the seed writes it: "70%-72%"."""
    if isinstance(value, tuple):
        low, high = value
        return f"{format_percent(low, decimals)}-{format_percent(high, decimals)}"
    return format_number(value, decimals) + "%"


def roman(n: int) -> str:
    """Roman numeral for 1-3999 (section numbers "I.", annexes "Phụ lục II")."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise ValueError(f"số La Mã chỉ từ 1 đến 3999, nhận được {n!r}")
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def point_letter(n: int) -> str:
    """The n-th point letter (1 -> "a", 5 -> "đ"), never f, j, w or z."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= len(POINT_LETTERS):
        raise ValueError(f"thứ tự điểm phải từ 1 đến {len(POINT_LETTERS)}, nhận được {n!r}")
    return POINT_LETTERS[n - 1]


_WRITTEN = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$")


def parse_number(text: str) -> Decimal:
    """A figure as people write it: "1.250", "1.250,5", "70%", "70,5 %" -> Decimal.

    Refuses what it cannot read for certain ("khoảng 200", "x", "70.5": the dot would be a
    thousands separator in Vietnamese), with the reason in Vietnamese.
    """
    cleaned = text.strip().replace("\u00a0", " ")
    cleaned = re.sub(r"\s*%$", "", cleaned).replace(" ", "")
    if not cleaned:
        raise ValueError("ô trống")
    if not _WRITTEN.match(cleaned):
        if re.match(r"^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$", cleaned):
            raise ValueError(f"'{text}': dấu chấm ngăn cách hàng nghìn; số thập phân viết dấu phẩy"
                             f" ({cleaned.replace('.', ',')})")
        raise ValueError(f"'{text}' không phải một số (viết như 1.250 hoặc 70,5)")
    return Decimal(cleaned.replace(".", "").replace(",", "."))


# Units of a target that count whole things: a figure in them has no decimals, so "19.400"
# can only be nineteen thousand four hundred.
COUNT_UNITS = frozenset({
    "người", "lao động", "hộ", "hộ gia đình", "xã", "phường", "đơn vị", "lượt", "lượt người",
    "trẻ", "trẻ em", "học viên", "học sinh", "cơ sở", "doanh nghiệp", "hồ sơ", "thẻ", "lớp",
    "mô hình", "căn", "nhà", "suất", "người lao động", "đối tượng", "gia đình", "cuộc",
})


def is_count_unit(unit: str) -> bool:
    """True for a unit that counts whole things ("người", "hộ"), never for %, money or rates."""
    return " ".join(unit.lower().split()) in COUNT_UNITS
