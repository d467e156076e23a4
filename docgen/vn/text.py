"""Unicode normalisation and case mapping for Vietnamese text."""

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

_SPACE = re.compile(r"\s+")
_UNTIDY = re.compile(r"\s\s|[^\S ]|^\s|\s$")


def normalize(text: str) -> str:
    """NFC with inner whitespace collapsed, so NFD keyboards and stray spaces read the same."""
    if not isinstance(text, str):
        raise ValueError(f"normalize cần một chuỗi, nhận được {text!r}")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if _UNTIDY.search(text):  # most values are already tidy: skip the rewrite
        text = _SPACE.sub(" ", text).strip()
    return text


def upper(text: str) -> str:
    """Uppercase that keeps every diacritic ("Sở" -> "SỞ", "đ" -> "Đ")."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).upper())


NO_BREAK_SPACE = "\u00a0"  # what Word's Ctrl+Shift+Space types
_DASHES = {"-", "–", "—"}


def nobreak(text: str, *names: str) -> str:
    """`text` kept on one line: its spaces become no-break spaces (U+00A0), which Word and
    LibreOffice never break a line at (OOXML has no keep-words-together run property). A line
    may still break after a dash standing between two parts of a name ("Sở Lao động -" /
    "Thương binh và Xã hội"), so a long name never runs past the margin, and between the units
    of a long part (see `name_breaks`: "Ủy ban nhân dân" / "huyện Yên Khánh"), so a name
    that cannot end a line does not leave the line before it stretched.

    With `names`, only those names are kept together where they occur in `text`; the rest of
    it breaks as usual ("Quỹ Thi đua, khen thưởng của Sở Lao động - …" with the issuer's name).
    Meant for short fixed names in running text, never for a table cell. The value is the
    same text to every reader: docgen's checker and read-backs take U+00A0 as a space.
    Raises ValueError when `text` or a name is not a string.
    """
    if not isinstance(text, str) or not all(isinstance(n, str) for n in names):
        raise ValueError(f"nobreak cần chuỗi, nhận được {text!r}, {names!r}")
    text = unicodedata.normalize("NFC", text)
    if not names:
        return _joined(text)
    for name in sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()},
                       key=len, reverse=True):
        text = text.replace(name, _joined(name))
    return text


def keep_names(text: str, names: Iterable[str], opening: int = 0) -> str:
    """`text` with each of `names` kept on one line wherever it occurs, whatever the case of its
    letters ("phòng Lao động" for the listed "Phòng Lao động"); the rest breaks as usual.

    `names` is the organisation's `fixed_names` (organisation.yaml): short fixed names that a
    line must not split in running text ("Ninh Bình", "Lao động - Thương binh và Xã hội"). As
    with `nobreak`, a line may still break after a dash between two parts of a name, and the
    text reads the same to every reader (U+00A0 is a space to docgen's checker and read-backs).
    Names may overlap ("Phòng Lao động", "Lao động - Thương binh và Xã hội"); a name matches
    whole words only, its spaces typed as spaces or U+00A0. A long name is kept in units, as
    `nobreak` keeps it (`name_breaks`); where names overlap, a shorter name kept whole wins.
    A number of one or two digits is kept with the word before it ("Tổ chuyên môn khối 1" never
    leaves "1" alone on a cell's last line), and a place name after its administrative level
    stays whole ("huyện Nho Quan", see `place_spaces`), with or without names.
    With `opening` (characters; `OPENING` for a paragraph's text), a name that ends within the
    text's first `opening` characters is left free: at the start of a paragraph it never meets
    the line's end, and kept no-break its spaces keep their width while the line's others
    stretch ("Trường Tiểu học Khánh Hòa kính trình …", the closing of a tờ trình).
    Raises ValueError when `text` or a name is not a string.
    """
    if KEEP_RESULTS and type(text) is str and type(names) is tuple and type(opening) is int:
        key = (names, opening)
        try:
            memo = _RESULTS.get(key)
        except TypeError:  # a name that is no string (and cannot be hashed): refused below
            return _keep_names(text, names, opening)
        if memo is not None:  # `names` was checked when its memo was made
            done = memo.get(text)
            if done is None:
                done = memo[text] = _keep_names(text, names, opening, checked=True)
                if len(memo) > _RESULTS_KEPT:
                    memo.clear()
            return done
        done = _keep_names(text, names, opening)  # raises ValueError before any memo is made
        if len(_RESULTS) > 64:
            _RESULTS.clear()
        _RESULTS[key] = {text: done}
        return done
    return _keep_names(text, names, opening)


def _keep_names(text: str, names: Iterable[str], opening: int = 0, checked: bool = False) -> str:
    """`keep_names`; `checked`: `text` a str and `names` a tuple of str, known already."""
    if not checked:
        names = tuple(names)
        if not isinstance(text, str) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"keep_names cần chuỗi, nhận được {text!r}, {list(names)!r}")
    text = unicodedata.normalize("NFC", text)
    wanted, anywhere = (_wanted if FAST_NAMES else _wanted.__wrapped__)(names)
    if FAST_NAMES and not (wanted and anywhere.search(text)) and not _SHORT_NUMBER.search(text) \
            and not _LEVEL.search(text):
        return text  # most values (a list's cells) hold none: one search instead of one per name
    kept: set[int] = {m.start() for m in _SHORT_NUMBER.finditer(text)}  # the spaces made no-break
    kept.update(place_spaces(text))
    for name in wanted:
        pattern, free = (_name_pattern if FAST_NAMES else _name_pattern.__wrapped__)(name)
        for m in pattern.finditer(text):
            if m.end() <= opening:
                continue
            gaps = [i for i in range(m.start(), m.end()) if text[i] in " \u00a0"]
            kept.update(i for n, i in enumerate(gaps, 1) if n not in free and text[i] == " ")
    if not kept:
        return text
    chars = list(text)
    for i in kept:
        chars[i] = NO_BREAK_SPACE
    return "".join(chars)


# Characters from a paragraph's start within which a name never meets the end of its first line:
# a line of body text at 13-14 pt on Nghị định 30's text width (A4 less 30 and 15-20 mm margins)
# holds 65-80 characters of Vietnamese, its first line less the indent at least 60.
OPENING = 40


# The patterns of a list of names kept for the process (a build renders every decision with the
# issuer's same few names), and a text without any of the names returned after one search. Off
# (FAST_NAMES False): the patterns compiled again and each searched, for every text.
FAST_NAMES = True

# What keep_names gave, by its tuple of names, its `opening` and its text, for the process: a build's list
# repeats its few positions and units in every row (46 calls a decision, 28 µs each). The result
# depends on the text and the names alone. Off (KEEP_RESULTS False): each call works it out.
KEEP_RESULTS = True
_RESULTS_KEPT = 50_000  # texts a tuple of names keeps before its memo starts again
_RESULTS: dict[tuple, dict[str, str]] = {}


# Offices and bodies of the administration, kept in every typed text with or without the
# clerk's fixed_names: a văn thư sends back "Ủy / ban nhân dân", "Chính / phủ", "Giám / đốc".
# An office of two words ("Giám đốc") stays whole; a longer one is kept in its units, each a
# unit a line may start with ("Ủy ban" / "nhân" / "dân", "Chánh" / "Văn phòng"): LibreOffice
# sets a no-break space at its width in a justified line, so a line with many of them stretches
# its other spaces. Kept whole, "Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng" left
# a line with its breaking spaces at 0.87 of the text's height (0.70 kept as "Ủy ban" /
# "nhân dân"); loose body text has 0.2.
_OFFICE_UNITS = (("Ủy ban", "nhân", "dân"), ("Hội đồng", "nhân", "dân"), ("Chính phủ",), ("Thủ tướng",),
                 ("Quốc hội",), ("Chủ tịch",), ("Giám đốc",), ("Hiệu trưởng",), ("Trưởng phòng",),
                 ("Bộ trưởng",), ("Chánh", "Văn phòng"))
OFFICES = tuple(" ".join(units) for units in _OFFICE_UNITS)
# The words (indices into the office's split) a line may start with, by office in lower case.
_OFFICE_BREAKS = {" ".join(units).lower(): frozenset(
    itertools.accumulate(len(u.split(" ")) for u in units[:-1])) for units in _OFFICE_UNITS}

# A number of one or two digits ending the text or a clause never stands alone on a line:
# "Tổ chuyên môn khối 1", "Điều 3.". Dates and numbers inside a sentence break as usual.
_SHORT_NUMBER = re.compile(r"(?<=\w) (?=\d{1,2}(?:[.,;:)](?!\d)|$))")


@functools.lru_cache(maxsize=64)  # the same list for every value of a document
def _wanted(names: tuple[str, ...]) -> tuple[list[str], re.Pattern[str]]:
    """The names, NFC and stripped, and one pattern finding any of them (case ignored)."""
    wanted = sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()})
    anywhere = "|".join(r"[ \u00a0]".join(re.escape(w) for w in n.split(" ")) for n in wanted)
    # The names' first letters looked at first: a class under IGNORECASE matches what its letters
    # do as literals, so the search finds what the alternation alone finds, in half the time.
    firsts = "".join(sorted({re.escape(n[0]) for n in wanted}))
    return wanted, re.compile(f"(?=[{firsts}])(?:{anywhere})" if anywhere else r"(?!)", re.IGNORECASE)


@functools.lru_cache(maxsize=256)  # the same few names, for every row of a long list
def _name_pattern(name: str) -> tuple[re.Pattern[str], frozenset[int]]:
    """The name matched as whole words in any case, its spaces typed as spaces or U+00A0; and
    the words (indices into `name.split(" ")`) a line may start with: after a dash, `name_breaks`."""
    words = name.split(" ")
    pattern = re.compile(r"(?<!\w)" + r"[ \u00a0]".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    free = {i for i in range(1, len(words)) if words[i - 1] in _DASHES}
    free.update(_OFFICE_BREAKS.get(name.lower(), ()))
    return pattern, frozenset(free.union(name_breaks(name)))


SHORT_NAME = 15  # characters: a part of a name this long or shorter ("Ủy ban nhân dân") stays whole
# Lower-case words that stand between the units of a name: a level before its place name
# ("huyện Yên Khánh") and "và" ("Thương binh và Xã hội").
_BETWEEN = (("thành", "phố"), ("thị", "xã"), ("thị", "trấn"), ("tỉnh",), ("huyện",), ("quận",),
            ("xã",), ("phường",), ("và",))


def name_breaks(name: str) -> tuple[int, ...]:
    """Where a line may break inside a long name other than after its dashes: the indices i
    (into `name.split(" ")`) of the words a line may start with, ascending.

    A part of the name between dashes of at most `SHORT_NAME` characters is never broken ("Sở Lao
    động", "Ủy ban nhân dân tỉnh"). A longer part breaks only between its units. A unit begins at
    a capitalised word that follows a lower-case one and takes the lower-case words after it
    ("Trường Tiểu học" / "Khánh Hòa", "Ủy ban nhân dân"); an administrative level or "và" standing
    just before a capitalised word is a unit of its own ("Ủy ban nhân dân" / "huyện" / "Yên
    Khánh", "Thương binh" / "và" / "Xã hội"). So a line never splits a word of two syllables in a
    name ("Sở Lao / động", "Giám / đốc") nor a place name ("Yên / Khánh"), yet a 32-character name
    need not move to the next line whole and leave the line before it stretched.
    This is docgen's house rule: Decree 30 says nothing on line breaks inside names.
    """
    words = name.split(" ")
    breaks: set[int] = set()
    start = 0  # first word of the current part (between dashes)
    for end in [i for i, w in enumerate(words) if w in _DASHES] + [len(words)]:
        part = words[start:end]
        if len(" ".join(part)) > SHORT_NAME:
            for j in range(1, len(part)):
                if part[j][:1].isupper() and part[j - 1][:1].islower():
                    breaks.add(start + j)
                    lead = next((len(t) for t in _BETWEEN if j - len(t) > 0
                                 and tuple(w.lower() for w in part[j - len(t):j]) == t), 0)
                    if lead:
                        breaks.add(start + j - lead)
        start = end + 1
    return tuple(sorted(breaks))


def _joined(name: str) -> str:
    """`name` with its spaces no-break but where `name_breaks` and its dashes let a line break;
    kept by name for the process (`KEEP_RESULTS`): a build's `nobreak` asks for the same few."""
    if not KEEP_RESULTS:
        return _join(name)
    done = _JOINED.get(name)
    if done is None:
        if len(_JOINED) > 10_000:
            _JOINED.clear()
        done = _JOINED[name] = _join(name)
    return done


_JOINED: dict[str, str] = {}


def _join(name: str) -> str:
    words = name.split(" ")
    breaks = name_breaks(name)
    out = words[0]
    for i, (before, word) in enumerate(zip(words, words[1:], strict=False), 1):
        out += (" " if before in _DASHES or i in breaks else NO_BREAK_SPACE) + word
    return out


# An administrative level before its place name ("huyện Nho Quan", "thành phố Tam Điệp"): the
# levels of _BETWEEN, in any case ("Huyện" opening a cell, "HUYỆN" in a heading).
_LEVEL = re.compile(r"(?<!\w)(?:" + "|".join(r"[ \u00a0]".join(t) for t in _BETWEEN if t != ("và",))
                    + r")[ \u00a0](?=\w)", re.IGNORECASE)


def place_spaces(text: str) -> list[int]:
    """The indices of the spaces of `text` inside a place name written after its administrative
    level (`_BETWEEN`: tỉnh, thành phố, huyện, quận, thị xã, xã, phường, thị trấn): the words
    after the level that begin with a capital, up to the first that does not or that ends with
    punctuation. "Phòng Lao động - Thương binh và Xã hội huyện Nho Quan" gives the space of
    "Nho Quan", so a cell never ends a line with "huyện Nho" and starts the next with "Quan"; a
    line may still break between the level and the name, as `name_breaks` lets it. "Xã hội"
    (a level's word, then a lower-case one) holds no place. docgen's house rule, as name_breaks.
    """
    out: list[int] = []
    for m in _LEVEL.finditer(text):
        at = m.end()
        while True:
            end = at
            while end < len(text) and text[end] not in " \u00a0":
                end += 1
            word = text[at:end]
            if not word[:1].isupper() or end >= len(text) or not word[-1:].isalnum():
                break
            if not text[end + 1:end + 2].isupper():
                break
            if text[end] == " ":
                out.append(end)
            at = end + 1
    return out
