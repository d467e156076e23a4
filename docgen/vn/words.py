"""Amounts in Vietnamese words, as decisions write money: "Ba triệu năm trăm mười nghìn đồng"."""

DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _group(n: int, full: bool) -> list[str]:
    """Words for 0 < n < 1000; `full` when a higher group precedes ("không trăm linh năm")."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units:
            if words:
                words.append("linh")
            words.append(DIGITS[units])
    elif tens == 1:
        words.append("mười")
        if units:
            words.append("lăm" if units == 5 else DIGITS[units])
    else:
        words += [DIGITS[tens], "mươi"]
        if units:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(units, DIGITS[units]))
    return words


def _below_billion(n: int, full: bool) -> list[str]:
    """0 < n < 10^9 in groups of triệu, nghìn and units; empty groups are not read."""
    words: list[str] = []
    for scale, size in (("triệu", 10**6), ("nghìn", 10**3), ("", 1)):
        g, n = divmod(n, size)
        if g:
            words += _group(g, full=full or bool(words))
            if scale:
                words.append(scale)
    return words


def _read(n: int, full: bool = False) -> list[str]:
    """Above 10^9 the count of tỷ is read as a number of its own: 2.500 tỷ, 1 tỷ tỷ."""
    if n < 10**9:
        return _below_billion(n, full)
    billions, rest = divmod(n, 10**9)
    words = _read(billions, full) + ["tỷ"]
    if rest:
        words += _below_billion(rest, full=True)
    return words


def amount_in_words(amount: int, unit: str = "đồng") -> str:
    """3510000 -> "Ba triệu năm trăm mười nghìn đồng"; 0 -> "Không đồng"; unit "" for bare."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        if hasattr(amount, "as_integer_ratio") and amount == int(amount):
            amount = int(amount)
        else:
            raise ValueError(f"số tiền phải là số nguyên, nhận được {amount!r}")
    if amount < 0:
        raise ValueError(f"số tiền không được âm: {amount}")
    words = _read(amount) if amount else ["không"]
    if unit:
        words.append(unit)
    text = " ".join(words)
    return text[0].upper() + text[1:]


_VALUES = {w: i for i, w in enumerate(DIGITS)} | {"mốt": 1, "tư": 4, "lăm": 5, "nhăm": 5, "bẩy": 7}
_SCALE_WORDS = {"nghìn": 10**3, "ngàn": 10**3, "triệu": 10**6}


def words_to_amount(text: str) -> int:
    """Read amount words back: "Một triệu không trăm linh năm nghìn đồng" -> 1005000."""
    tokens = text.lower().replace(",", " ").split()
    if tokens and tokens[-1] in ("đồng", "đ"):
        tokens = tokens[:-1]
    if not tokens:
        raise ValueError("không có chữ số nào để đọc")
    total = 0  # whole tỷ read so far
    below = 0  # triệu and nghìn since the last tỷ
    group = 0
    pending: int | None = None
    for word in tokens:
        if word in _VALUES:
            if pending is not None:
                raise ValueError(f"hai chữ số liền nhau ở '{word}' trong '{text}'")
            pending = _VALUES[word]
        elif word == "trăm":
            group += (pending if pending is not None else 1) * 100
            pending = None
        elif word == "mươi":
            if pending is None:
                raise ValueError(f"'mươi' thiếu chữ số đứng trước trong '{text}'")
            group += pending * 10
            pending = None
        elif word == "mười":
            group += 10
        elif word in ("linh", "lẻ"):
            pass
        elif word in ("tỷ", "tỉ"):
            # Everything since the previous tỷ counts the tỷ: "hai nghìn năm trăm tỷ".
            total = (total + below + group + (pending or 0)) * 10**9
            below, group, pending = 0, 0, None
        elif word in _SCALE_WORDS:
            below += (group + (pending or 0)) * _SCALE_WORDS[word]
            group, pending = 0, None
        else:
            raise ValueError(f"không đọc được chữ '{word}' trong '{text}'")
    return total + below + group + (pending or 0)
