"""Word automatic numbering (word/numbering.xml): the text Word draws before a paragraph.

A list paragraph holds no "-", "1." or "a)" of its own: Word draws it from the paragraph's
w:numPr, the list's level definition (w:lvl: start, numFmt, lvlText, suff) and a counter per
list instance. `Numbering.label` returns that text in document order, so the checker reads
"- Sở Nội vụ;" where the reader sees it. Source: ECMA-376 Part 1, §17.9 (Numbering).
"""

from dataclasses import dataclass

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str  # numFmt: decimal, bullet, lowerLetter, upperRoman, …
    text: str  # lvlText: "%1.", "-", "%1.%2."
    suffix: str  # what follows the label: "\t", " " or ""
    rpr: object  # the level's w:rPr element (formatting of the label), or None


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + digits, n - value
    return out


def _letter(n: int) -> str:
    # Word repeats the letter after z: a … z, aa … zz, aaa …
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter as Word writes it for a numFmt."""
    if fmt in ("lowerLetter",):
        return _letter(n)
    if fmt == "upperLetter":
        return _letter(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)  # decimal and the formats the checker does not spell out


class Numbering:
    """The list definitions of one document and the counters while reading it in order."""

    def __init__(self, xml: bytes | None, parser) -> None:
        self.levels: dict[str, dict[int, Level]] = {}  # numId -> ilvl -> Level
        self.starts: dict[str, dict[int, int]] = {}  # numId -> ilvl -> startOverride
        self.counters: dict[str, dict[int, int]] = {}
        if not xml:
            return
        root = etree.fromstring(xml, parser)
        abstract: dict[str, dict[int, Level]] = {}
        for a in root.iterfind(f"{_W}abstractNum"):
            levels = {}
            for lvl in a.iterfind(f"{_W}lvl"):
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = Level(
                    start=int(_val(lvl, "start") or 1),
                    fmt=_val(lvl, "numFmt") or "decimal",
                    text=_val(lvl, "lvlText") or "",
                    suffix={"space": " ", "nothing": ""}.get(_val(lvl, "suff") or "tab", "\t"),
                    rpr=lvl.find(f"{_W}rPr"),
                )
            abstract[a.get(f"{_W}abstractNumId")] = levels
        for num in root.iterfind(f"{_W}num"):
            nid = num.get(f"{_W}numId")
            ref = num.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
            starts = {}
            for override in num.iterfind(f"{_W}lvlOverride"):
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                start = override.find(f"{_W}startOverride")
                if start is not None:
                    starts[ilvl] = int(start.get(f"{_W}val", "1"))
            self.levels[nid] = levels
            self.starts[nid] = starts

    def label(self, num_id: str | None, ilvl: int | None) -> tuple[str, Level] | None:
        """The text drawn before the next paragraph of list `num_id` at level `ilvl`, or None."""
        if not num_id or num_id == "0" or num_id not in self.levels:
            return None
        levels = self.levels[num_id]
        ilvl = ilvl or 0
        level = levels.get(ilvl)
        if level is None:
            return None
        counters = self.counters.setdefault(num_id, {})
        start = self.starts[num_id].get(ilvl, level.start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a higher level restarts the ones below it
        if level.fmt == "bullet":
            return level.text + level.suffix, level
        text = level.text
        for k in range(ilvl + 1):
            if f"%{k + 1}" in text:
                lv = levels.get(k)
                n = counters.get(k, self.starts[num_id].get(k, lv.start if lv else 1))
                text = text.replace(f"%{k + 1}", format_number(n, lv.fmt if lv else "decimal"))
        return text + level.suffix, level


def _val(el, tag: str) -> str | None:
    child = el.find(f"{_W}{tag}")
    return child.get(f"{_W}val") if child is not None else None
