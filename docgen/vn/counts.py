"""Counts as administrative documents write them: "04 tập thể và 06 cá nhân", "A, B và C"."""

from collections.abc import Iterable, Mapping

AND = " và "  # the conjunction before the last of a list (Vietnamese usage)


def count(n: int) -> str:
    """A count of awardees or documents, written with two digits below ten: 4 -> "04"."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"số đếm phải là số nguyên không âm, nhận được {n!r}")
    return f"{n:02d}"


def join_and(items: Iterable[object]) -> str:
    """"A", "A và B", "A, B và C": the items as text, the last joined with "và"."""
    texts = [str(i) for i in items]
    if len(texts) <= 1:
        return "".join(texts)
    return ", ".join(texts[:-1]) + AND + texts[-1]


def count_phrase(counts: Mapping[str, int]) -> str:
    """{"tập thể": 4, "cá nhân": 6} -> "04 tập thể và 06 cá nhân"; a zero count is left out.

    The nouns come from the caller (a template), in the order given; a Vietnamese noun has one
    form for one and many, so only the number changes.
    """
    return join_and(f"{count(n)} {noun}" for noun, n in counts.items() if n)


def capfirst(text: str) -> str:
    """The first letter in upper case, the rest as written ("tặng Giấy khen" -> "Tặng Giấy khen")."""
    text = str(text)
    return text[:1].upper() + text[1:]


def lowfirst(text: str) -> str:
    """The first letter in lower case, the rest as written, for a name that starts a phrase inside
    a sentence ("Các phòng nghiệp vụ Sở" -> "các phòng nghiệp vụ Sở"; proper names further on
    keep their capitals, as Decree 30 Phụ lục II writes them)."""
    text = str(text)
    return text[:1].lower() + text[1:]


# The plural markers that open a common-noun group ("Các phòng nghiệp vụ Sở", "Những đơn vị …"):
# never the first word of a proper name.
_PLURAL = ("các", "những")


def group_phrase(text: str) -> str:
    """A group of units' name inside a sentence: a common-noun group opening with a plural marker
    has it in lower case ("Các Trung tâm sự nghiệp trực thuộc Sở" -> "các Trung tâm sự nghiệp trực
    thuộc Sở"); any other name is an office's or type of office's name and stays as typed
    ("Văn phòng Điều phối nông thôn mới", "Phòng Lao động - Thương binh và Xã hội các huyện"), since
    Decree 30 Phụ lục II capitalises the first letter of an organisation's name."""
    text = str(text)
    first = text.split(" ", 1)[0]
    return lowfirst(text) if first.lower() in _PLURAL else text
