"""The lines of a name in the document's header (ô 2: cơ quan chủ quản, cơ quan ban hành), broken
where a văn thư breaks it: "ỦY BAN NHÂN DÂN" / "THÀNH PHỐ BUÔN MA THUỘT", "SỞ TÀI NGUYÊN" /
"VÀ MÔI TRƯỜNG"; never inside a place name or a word of two syllables."""

import itertools
from collections.abc import Iterable

from docgen.vn.font_widths import WIDTHS
from docgen.vn.text import _BETWEEN, _DASHES, OFFICES, keep_names, name_breaks, upper
from docgen.vn.titles import bound, inside_word

# The header's left cell in the stock templates (tools/make_templates.py: HEADER_COLS[0] less
# its two CELL_PAD paddings), in twips; tests/test_header_names.py checks it against templates/.
HEADER_ROOM = 4139 - 2 * 57
SIZE = 13  # pt: the styles ND30 Cơ quan chủ quản / Cơ quan ban hành
MAX_LINES = 4  # lines tried when breaking a name by itself (the decree sets no number)
TWIPS_PER_CM = 567


def width(text: str, bold: bool) -> int:
    """`text` on one line at 13 pt in Times New Roman (Liberation Serif's metrics), in twips;
    regular for the cơ quan chủ quản, bold for the cơ quan ban hành. An unknown character counts
    as an "n"."""
    table = WIDTHS["bold" if bold else "regular"]
    default = table["n"]
    return sum(table.get(ch, default) for ch in text) * SIZE * 20 // 1000


def cm(twips: int) -> str:
    """Twips as centimetres the way a clerk reads them: "7,10"."""
    return f"{twips / TWIPS_PER_CM:.2f}".replace(".", ",")


def _ends_between(words: list[str]) -> bool:
    """True when the words end with an administrative level or "và" ("… THÀNH PHỐ" / "BUÔN MA
    THUỘT"): a line a văn thư would not end there, the level belongs to its place."""
    lowered = [w.lower() for w in words]
    return any(len(t) <= len(lowered) and tuple(lowered[-len(t):]) == t for t in _BETWEEN)


def _pairs(words: list[str]) -> set[int]:
    """docgen's own guess of the breaks between the words of a name, where the name's units
    alone (`name_breaks`) leave a line too wide: every break between two syllables that do not
    make one word (`vn.titles.inside_word`: "PHÒNG" / "HỘ", "BẢO" / "TỒN", "QUẢN" / "LÝ" never)
    nor part an organ's name (`vn.titles.bound`: "ỦY BAN" / "NHÂN DÂN" never).
    A guess: a word of two lower-case syllables no list knows may still be split (`_guess` prices each break)."""
    return {i for i in range(1, len(words)) if not inside_word(words[i - 1], words[i])
            and not bound(" ".join(words[max(0, i - 2):i]), " ".join(words[i:i + 2]))}


# What a guessed break costs (`_guess`'s tiers), beside the lines' evenness (the sum of their
# squared room left, as shares of the room): a line ending where docgen is sure of the word
# nothing, after a capitalised word before its lower-case object a little, inside a lower-case
# run much, between syllables no list knows most. docgen's house rule.
GUESS_COST = (0.0, 0.01, 0.15, 0.6)


def _guess(words: list[str], i: int) -> int:
    """How much a line starting at words[i] rests on a guess (GUESS_COST's index): 0 after a
    sign, before "và", between two capitalised words, or before a capitalised word after a word
    a list knows or a level ("… NÔNG THÔN" / "TỈNH"); 1 after a capitalised word's last syllable
    ("BAN QUẢN LÝ" / "RỪNG …": the organ and its work before what it works on); 2 between two
    lower-case words, either of which a list knows ("RỪNG" / "PHÒNG HỘ"), or before a capitalised
    word after a lone lower-case syllable ("SÔNG" / "HƯƠNG"); 3 between two lower-case syllables
    no list knows (they may make one word)."""
    before, after = words[i - 1], words[i]
    ends_known = i >= 2 and inside_word(words[i - 2], before)
    if not before[-1:].isalpha() or after == "và" or before.lower() in ("và", "tỉnh", "huyện", "xã", "phố"):
        return 0
    if after[:1].isupper():
        return 0 if before[:1].isupper() or ends_known else 2
    if before[:1].isupper() or (ends_known and words[i - 2][:1].isupper()):
        return 1
    return 2 if ends_known or (i + 1 < len(words) and inside_word(after, words[i + 1])) else 3


def candidates(name: str, kept: Iterable[str] = (), pairs: bool = False) -> tuple[int, ...]:
    """Where a header line may break inside `name` (as typed, before upper-casing): the indices i
    (into `name.split(" ")`) of the words a line may start with, ascending. A line starts after
    a dash between two parts of the name or at a unit of a long part (`vn.name_breaks`:
    "Sở Tài nguyên" / "và Môi trường"), and never inside a name kept whole in the body
    (`keep_names` with `OFFICES` and the clerk's `fixed_names`: "Buôn Ma Thuột"). With `pairs`,
    also between the two-syllable words of a lower-case run (`_pairs`)."""
    words = name.split(" ")
    text = keep_names(name, (*OFFICES, *kept), longest=0)  # a cell's line never stretches
    spaces = [i for i, ch in enumerate(text) if ch in " \u00a0"]
    free = {i for i in range(1, len(words)) if words[i - 1] in _DASHES} | set(name_breaks(name))
    if pairs:
        free |= _pairs(words)
    return tuple(i for i in sorted(free) if text[spaces[i - 1]] == " ")


def split(name: str, *, bold: bool, kept: Iterable[str] = (), room: int = HEADER_ROOM) -> tuple[str, ...] | None:
    """`name` upper-cased on lines that each fit `room` twips, broken only at `candidates`, at most
    `MAX_LINES`: first the fewest lines ending with a level ("… THÀNH PHỐ" / "BUÔN MA THUỘT") or
    "VÀ", then the fewest lines, then the most even lines (least sum of squared room left); only
    when no way fits, the same with the breaks between two-syllable words added (`_pairs`).
    None when no way fits (a unit alone wider than the cell): the clerk must give the lines.
    This is docgen's house rule: Decree 30 (Phụ lục I §II.2) only says the names may wrap."""
    words = name.split(" ")
    if width(upper(name), bold) <= room:
        return (upper(name),)
    for pairs in (False, True):
        found = _best(words, candidates(name, kept, pairs), bold, room, guessing=pairs)
        if found:
            return found
    return None


def _best(words: list[str], breaks: tuple[int, ...], bold: bool, room: int,
          guessing: bool = False) -> tuple[str, ...] | None:
    """The lines of `words` broken at some of `breaks` that fit `room` (see `split`); with
    `guessing`, each break also pays its GUESS_COST. None when no way fits."""
    best: tuple[tuple[int, int, float], tuple[str, ...]] | None = None
    for count in range(1, min(len(breaks), MAX_LINES - 1) + 1):
        for chosen in itertools.combinations(breaks, count):
            bounds = (0, *chosen, len(words))
            parts = [words[a:b] for a, b in itertools.pairwise(bounds)]
            lines = tuple(upper(" ".join(p)) for p in parts)
            sizes = [width(line, bold) for line in lines]
            if max(sizes) > room:
                continue
            even = sum(((room - s) / room) ** 2 for s in sizes)
            key = (sum(_ends_between(p) for p in parts[:-1]), count,
                   even + sum(GUESS_COST[_guess(words, b)] for b in chosen) if guessing else even)
            if best is None or key < best[0]:
                best = (key, lines)
    return best[1] if best else None


def lines(value: str | list[str] | None, *, bold: bool, kept: Iterable[str] = ()) -> tuple[str, ...] | None:
    """The header lines of a record's value, upper-cased: the clerk's own lines as given (a list),
    a name on one line broken by `split` (kept on one line when nothing fits: the records' check,
    docgen.records.heading, has already refused it), None for no value."""
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return tuple(upper(x) for x in value)
    return split(value, bold=bold, kept=kept) or (upper(value),)


def joined(value: str | list[str] | None) -> str | None:
    """A name given as lines, on one line ("Ủy ban nhân dân thành phố Buôn Ma Thuột")."""
    return " ".join(value) if isinstance(value, list | tuple) else value
