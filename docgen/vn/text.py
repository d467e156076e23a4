"""Unicode normalisation and case mapping for Vietnamese text."""

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable

from docgen.vn import personal
from docgen.vn.pairs import DATE_WORDS, ORGAN_WORDS, WORD_PAIRS

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
    that cannot end a line does not leave the line before it stretched; a run still longer than
    `LONGEST` characters is cut at its joints (`_cut_long`), and a place named by two towns
    ("Bà Rịa - Vũng Tàu") never breaks at its dash (`dash_place_spaces`).

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


def keep_names(text: str, names: Iterable[str], opening: int = 0, longest: int | None = None,
               pairs: bool = False) -> str:
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
    A place name whose parts stand either side of a spaced dash ("Bà Rịa - Vũng Tàu") is one
    name: never broken at or around its dash (`dash_place_spaces`). No run of words kept together
    is longer than `longest` characters (default `LONGEST`; 0 for no limit, as a centred title or
    a header cell, which never stretch, ask): a longer run is cut at its joints (`_cut_long`).
    In every text a proper name of two capitalised words or more ("Bà Rịa", "Côn Đảo", "Nguyễn
    Văn An", a unit's short name "TTYT Côn Đảo") stays on one line within `longest`
    (`proper_spaces`), and a date's word keeps its number ("ngày 05", "tháng 02 năm 2024", `date_spaces`). With
    `pairs` (a list's cell, a Nơi nhận or Kính gửi item: lines that hold one item and do not
    stretch), the words of two syllables of `vn.pairs.WORD_PAIRS` ("Trung tâm", "báo cáo") and a
    short parenthesis ("(để báo cáo)") are kept as well, and a proper name (a person's: "Bà Công
    Tằng Tôn Nữ Thị Diệu Linh") is kept whole whatever its length: the layout breaks one wider
    than its table cell where a person's name may break (docgen.render.layout.fit_cell_names,
    `vn.personal`).
    Raises ValueError when `text` or a name is not a string.
    """
    if longest is None:
        longest = LONGEST
    if pairs:
        names = (*names, *WORD_PAIRS)
    if KEEP_RESULTS and type(text) is str and type(names) is tuple and type(opening) is int:
        key = (names, opening, longest, pairs)
        try:
            memo = _RESULTS.get(key)
        except TypeError:  # a name that is no string (and cannot be hashed): refused below
            return _keep_names(text, names, opening, longest, pairs=pairs)
        if memo is not None:  # `names` was checked when its memo was made
            done = memo.get(text)
            if done is None:
                done = memo[text] = _keep_names(text, names, opening, longest, checked=True, pairs=pairs)
                if len(memo) > _RESULTS_KEPT:
                    memo.clear()
            return done
        done = _keep_names(text, names, opening, longest, pairs=pairs)  # raises ValueError before any memo is made
        if len(_RESULTS) > 64:
            _RESULTS.clear()
        _RESULTS[key] = {text: done}
        return done
    return _keep_names(text, names, opening, longest, pairs=pairs)


def _keep_names(text: str, names: Iterable[str], opening: int = 0, longest: int = 0, checked: bool = False,
                pairs: bool = False) -> str:
    """`keep_names`; `checked`: `text` a str and `names` a tuple of str, known already."""
    if not checked:
        names = tuple(names)
        if not isinstance(text, str) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"keep_names cần chuỗi, nhận được {text!r}, {list(names)!r}")
    text = unicodedata.normalize("NFC", text)
    proper_cap = 0 if pairs and longest else longest or UNCAPPED
    if FAST_NAMES:
        kept, fixed = _kept_fast(text, names, opening, longest, pairs, proper_cap)
    else:
        kept, fixed = _kept_plain(text, names, opening, longest, pairs, proper_cap)
    if not kept:
        return text
    chars = list(text)
    for i in kept:
        chars[i] = NO_BREAK_SPACE
    out = "".join(chars)
    if longest and len(out) > longest and kept - fixed and _cuttable(out, kept - fixed, longest):
        for i in _cut_long(text, kept, fixed, longest):
            chars[i] = " "
        out = "".join(chars)
    return out


def _kept_plain(text: str, names: tuple[str, ...], opening: int, longest: int, pairs: bool,
                proper_cap: int) -> tuple[set[int], set[int]]:
    """`_keep_names`' spaces to keep and those no cut frees, each rule searched in the whole text
    and each name's pattern compiled again (FAST_NAMES off: the reference `_kept_fast` matches)."""
    kept: set[int] = {m.start() for m in _SHORT_NUMBER.finditer(text)}  # the spaces made no-break
    kept.update(place_spaces(text))
    # A list's cell, a Nơi nhận or Kính gửi item: its proper names (a person's) glued whole, the
    # layout breaks one wider than its cell (docgen.render.layout.fit_cell_names); else `longest`.
    kept.update(proper_spaces(text, proper_cap, opening))
    kept.update(i for i in date_spaces(text) if i >= opening)
    if pairs:
        kept.update(bracket_spaces(text, longest or UNCAPPED))
    fixed = kept | set(dash_place_spaces(text))  # spaces no cut of a long run frees
    kept |= fixed
    for name in _wanted(names):
        _kept_name(text, name, _name_pattern.__wrapped__(name), opening, longest, kept, fixed)
    return kept, fixed


def _kept_fast(text: str, names: tuple[str, ...], opening: int, longest: int, pairs: bool,
               proper_cap: int) -> tuple[set[int], set[int]]:
    """`_kept_plain` in one look at the text: a rule's search runs only where the text holds what
    it looks for (a digit, a level's word, a date's word, a dash, two capitals, a bracket), and the
    names are found by one index of their first words (`_name_index`), each name's pattern tried
    only where the text holds that word: a list's cell holds two or three of vn.pairs' 130 words,
    and each of the ~20 cells of a decision that are new to the process (its people's names) paid
    for every search (issue 16)."""
    lowered = text.lower()
    kept: set[int] = set()
    if _HAS_DIGIT.search(text):
        kept.update(m.start() for m in _SHORT_NUMBER.finditer(text))
    if any(w in lowered for w in _LEVEL_FIRSTS):
        kept.update(place_spaces(text))
    if _CAPITAL_PAIR.search(text):
        kept.update(proper_spaces(text, proper_cap, opening))
    if "ngày" in lowered or "tháng" in lowered:
        kept.update(i for i in date_spaces(text) if i >= opening)
    if pairs and "(" in text:
        kept.update(bracket_spaces(text, longest or UNCAPPED))
    fixed = set(kept)
    if "-" in text or "–" in text or "—" in text:
        fixed.update(dash_place_spaces(text))
        kept |= fixed
    index, always = _name_index(names)
    wanted = always + [n for w in set(_LETTERS.findall(lowered)) for n in index.get(w, ())] if index else always
    for name in wanted:
        _kept_name(text, name, _name_pattern(name), opening, longest, kept, fixed)
    return kept, fixed


def _kept_name(text: str, name: str, found: tuple[re.Pattern[str], frozenset[int]], opening: int, longest: int,
               kept: set[int], fixed: set[int]) -> None:
    """The spaces of each place `name` stands in `text` (by its pattern and free words, `_name_pattern`)
    added to `kept`, and to `fixed` for a short name, past `opening`."""
    pattern, free = found
    for m in pattern.finditer(text):
        if m.end() <= opening:
            continue
        gaps = [i for i in range(m.start(), m.end()) if text[i] in " \u00a0"]
        joined = [i for n, i in enumerate(gaps, 1) if n not in free and text[i] == " "]
        kept.update(joined)
        if len(name) <= longest:  # a short fixed name stays whole ("Phòng Lao động")
            fixed.update(joined)


_HAS_DIGIT = re.compile(r"\d")


def _cuttable(out: str, free: set[int], longest: int) -> bool:
    """True when `out` (its kept spaces made U+00A0) has a run longer than `longest` characters
    holding a kept space `_cut_long` may free: one search, as most texts have none (a place with
    its dash is longer, and fixed)."""
    for m in re.finditer(rf"[^ ]{{{longest + 1},}}", out):
        if any(i in free for i in range(m.start(), m.end())):
            return True
    return False


# Characters from a paragraph's start within which a name never meets the end of its first line:
# a line of body text at 13-14 pt on Nghị định 30's text width (A4 less 30 and 15-20 mm margins)
# holds 65-80 characters of Vietnamese, its first line less the indent at least 60.
OPENING = 40


# The names' index and patterns kept for the process (a build renders every decision with the
# issuer's same few names), and each rule searched only where the text holds what it looks for
# (`_kept_fast`). Off (FAST_NAMES False): every rule searched and every name's pattern compiled
# again and searched, for every text (`_kept_plain`).
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


def _wanted(names: tuple[str, ...]) -> list[str]:
    """The names, NFC and stripped, sorted, each once."""
    return sorted({unicodedata.normalize("NFC", n.strip()) for n in names if n.strip()})


_LETTERS = re.compile(r"\w+")


@functools.lru_cache(maxsize=64)
def _name_index(names: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], list[str]]:
    """`_wanted(names)`'s names by their first word in small case, and those whose first word is
    not a word of letters alone (looked for in every text): a name's pattern matches whole words
    from its first, so a text holds it only where that word stands among the text's words."""
    index: dict[str, list[str]] = {}
    always: list[str] = []
    for n in _wanted(names):
        first = n.split(" ")[0].lower()
        if _LETTERS.fullmatch(first):
            index.setdefault(first, []).append(n)
        else:
            always.append(n)
    return {k: tuple(v) for k, v in index.items()}, always


@functools.lru_cache(maxsize=256)  # the same few names, for every row of a long list
def _name_pattern(name: str) -> tuple[re.Pattern[str], frozenset[int]]:
    """The name matched as whole words in any case, its spaces typed as spaces or U+00A0; and
    the words (indices into `name.split(" ")`) a line may start with: after a dash, `name_breaks`."""
    words = name.split(" ")
    pattern = re.compile(r"(?<!\w)" + r"[ \u00a0]".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    free = {i for i in range(1, len(words)) if words[i - 1] in _DASHES}
    free.update(_office_breaks(words))
    free.update(name_breaks(name))
    place = set(dash_place_spaces(name))  # a listed place with its dash stays whole in any case
    starts = list(itertools.accumulate(len(w) + 1 for w in words))  # starts[i - 1] - 1: the space before words[i]
    return pattern, frozenset(i for i in free if starts[i - 1] - 1 not in place)


def _office_breaks(words: list[str]) -> set[int]:
    """The breaks between the units of each office standing in `words` ("Ủy ban" / "nhân" / "dân"
    in "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu" as in the office alone), as indices into words."""
    lowered = [w.lower() for w in words]
    out: set[int] = set()
    for office, breaks in _OFFICE_BREAKS.items():
        if not breaks:
            continue
        parts = office.split(" ")
        for i in range(len(words) - len(parts) + 1):
            if lowered[i:i + len(parts)] == parts:
                out.update(i + b for b in breaks)
    return out


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
    fixed = set(dash_place_spaces(name))
    kept, at = set(), 0
    for i, before in enumerate(words[:-1], 1):
        at += len(before)  # the space before words[i]
        if not (before in _DASHES or i in breaks) or at in fixed:
            kept.add(at)
        at += 1
    kept -= _cut_long(name, kept, fixed, LONGEST)
    return "".join(NO_BREAK_SPACE if i in kept else ch for i, ch in enumerate(name))


# An administrative level before its place name ("huyện Nho Quan", "thành phố Tam Điệp"): the
# levels of _BETWEEN, in any case ("Huyện" opening a cell, "HUYỆN" in a heading).
_LEVEL_FIRSTS = tuple({t[0] for t in _BETWEEN if t != ("và",)})  # in small case: `_LEVEL`'s first words
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


# A dash with a space (or U+00A0) on each side, between two words.
_SPACED_DASH = re.compile(r"(?<=\w)[ \u00a0][-–—][ \u00a0](?=\w)")
PLACE_PART = 2  # words: the most a part of a dashed place name holds ("Phan Rang", "Tháp Chàm")


def _titled(word: str) -> bool:
    """A word written with a capital and then small letters ("Rịa", "Vũng"), never one in capitals
    ("UBND", "RỊA": a heading's words, which the header cell breaks by itself)."""
    return word[:1].isupper() and word[:1].isalpha() and (len(word) == 1 or not word[1:].isupper())


def dash_place_spaces(text: str) -> list[int]:
    """The indices of the spaces of `text` inside a place name whose two parts stand either side
    of a spaced dash: "Bà Rịa - Vũng Tàu", "Phan Rang - Tháp Chàm" (a province, a city named
    after the two towns it joined). A dash between two capitalised words, each part up to
    `PLACE_PART` capitalised words (a word ending in punctuation ends the name), is such a name:
    its spaces, the dash's two among them, never break. A name's dash after a small letter ("Lao
    động - Thương binh", "Thi đua - Khen thưởng") is not one: a line may break after it, and a
    heading's capitals are left to its cell. docgen's house rule: a văn thư never splits a
    place's name, and Decree 30 says nothing on line breaks."""
    out: list[int] = []
    for m in _SPACED_DASH.finditer(text):
        # the words near the dash (a part holds PLACE_PART words, each shorter than 40 characters)
        before = text[max(0, m.start() - 80):m.start()].replace("\u00a0", " ").split(" ")
        after = text[m.end():m.end() + 80].replace("\u00a0", " ").split(" ")
        if not (_titled(before[-1]) and before[-1][-1:].isalnum() and _titled(after[0])):
            continue
        back = 1  # words of the first part
        while back < PLACE_PART and back < len(before) and _titled(before[-1 - back]) \
                and before[-1 - back][-1:].isalnum():
            back += 1
        ahead = 1
        while ahead < PLACE_PART and ahead < len(after) and after[ahead - 1][-1:].isalnum() \
                and _titled(after[ahead]):
            ahead += 1
        # the spaces inside the first part, the dash's two, those inside the second
        start = m.start() - sum(len(w) + 1 for w in before[len(before) - back:]) + 1
        for i in range(start, m.start()):
            if text[i] in " \u00a0":
                out.append(i)
        out += [m.start(), m.end() - 1]
        end = m.end() + sum(len(w) + 1 for w in after[:ahead]) - 1
        out += [i for i in range(m.end(), end) if text[i] in " \u00a0"]
    return [i for i in sorted(set(out)) if text[i] == " "]


# Characters a run of words kept together may hold: a longer run (an issuer's name glued whole,
# "Sở Giao thông vận tải", a date) that cannot end a line moves down whole and leaves the line
# before it with its spaces stretched, each of its characters the line's gaps share. At 13-14 pt
# a justified line has 10-14 breaking spaces; a run of 15 characters at most (SHORT_NAME: "Ủy ban
# nhân dân", "Sở Lao động") keeps them under half the text's height. A place name with its dash
# (`dash_place_spaces`) is one name and is never cut.
LONGEST = SHORT_NAME
_LEVEL_WORDS = frozenset(t[0] for t in _BETWEEN)  # "tỉnh", "thành", "huyện", …, "và"


def _cut_long(text: str, kept: set[int], fixed: set[int], longest: int) -> set[int]:
    """The spaces of `kept` to free so that no run of words joined by kept spaces (or by U+00A0
    typed in `text`) is longer than `longest` characters: cut at its joints, the firsts first
    and only where a piece is still too long: (1) after punctuation, around "và" or before an
    administrative level, at a capitalised word after a small one (the units of `name_breaks`);
    (2) between two capitalised words ("Sở" / "Giao thông vận tải", "Trường" / "Trung học cơ
    sở"); (3) between the words of two syllables counted from a capitalised word or the piece's
    start ("Giao thông" / "vận tải", "ngày 15" / "tháng 10" / "năm 2021"). Spaces of `fixed`
    (a place's name, a short number with its word) are never freed. A guess at the words of two
    syllables, so used only where a run is too long; docgen's house rule, as `name_breaks`."""
    if not kept:
        return set()
    spaces = [i for i, ch in enumerate(text) if ch in " \u00a0"]
    free: set[int] = set()
    # the runs: stretches of words between breaking spaces
    bounds = [-1] + [i for i in spaces if text[i] == " " and i not in kept] + [len(text)]
    for a, b in zip(bounds, bounds[1:], strict=False):
        if b - a - 1 <= longest:
            continue
        gaps = [i for i in spaces if a < i < b]
        words = text[a + 1:b].replace("\u00a0", " ").split(" ")
        pieces = [(0, len(words))]  # word ranges [i, j) of the run
        for rank in (1, 2, 3):
            out = []
            for i, j in pieces:
                if _span(gaps, a, b, i, j) <= longest:
                    out.append((i, j))
                    continue
                cuts = [k for k in range(i + 1, j) if gaps[k - 1] in kept and gaps[k - 1] not in fixed
                        and _rank(words, k, i) == rank]
                edges = [i, *cuts, j]
                out += list(zip(edges, edges[1:], strict=False))
                free.update(gaps[k - 1] for k in cuts)
            pieces = out
    return free


def _span(gaps: list[int], a: int, b: int, i: int, j: int) -> int:
    """Characters of the words i..j-1 of the run between the breaking spaces at a and b."""
    start = a + 1 if i == 0 else gaps[i - 1] + 1
    end = b if j == len(gaps) + 1 else gaps[j - 1]
    return end - start


def _rank(words: list[str], k: int, first: int) -> int:
    """The kind of joint before words[k] (`_cut_long`): 1, 2, 3, or 0 for none."""
    before, word = words[k - 1], words[k]
    if before in _DASHES or word in _DASHES:
        return 0  # a name's dash: a line breaks after it already, where it may
    if not before[-1:].isalnum() or before.lower() == "và" or word.lower() in _LEVEL_WORDS and word[:1].islower():
        return 1
    if word[:1].isupper() and before[:1].islower():
        return 1
    if word[:1].isupper() and before[:1].isupper():
        return 2 if k - 1 == first else 0  # the organ before its field, once
    start = first
    for n in range(k - 1, first - 1, -1):
        if words[n][:1].isupper() or (n > first and not words[n - 1][-1:].isalnum()):
            start = n
            break
    return 3 if (k - start) % 2 == 0 and not word[:1].isupper() else 0


# Capital letters of Vietnamese (Latin with its diacritics): a word opening with one is a name's.
_CAPITALS = "".join(c for c in map(chr, [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]) if c.isupper())
# Two words, each opening with a capital, with a space between: the first test of `proper_spaces`.
_CAPITAL_PAIR = re.compile(rf"(?:^|[ \u00a0(“])[{_CAPITALS}][^ \u00a0]*[ \u00a0][{_CAPITALS}]")
_WORD = re.compile(r"[^ \u00a0]+")
# Characters a proper name or a parenthesis glued in a text without a limit of its own (`longest`
# 0: a centred title, a header cell) may hold: about half a narrow cell's or a title's line.
UNCAPPED = 2 * SHORT_NAME
# A date's word before its number: "ngày 05", "tháng 02", and the year of a whole date ("tháng 02
# năm 2024"). A year standing alone ("thi đua năm 2024 của") is left to break: each no-break space
# keeps its width in a justified line and widens the line's others.
_DAY = "|".join(w for w in DATE_WORDS if w.lower() != "năm")
_YEAR = "|".join(w for w in DATE_WORDS if w.lower() == "năm")
_DATE = re.compile(rf"(?<!\w)(?:{_DAY}) (?=\d{{1,2}}(?!\d|[/-]|\.\d))"  # not "ngày 24/5/2021"
                   rf"|(?<=[Tt]háng \d )(?:{_YEAR}) (?=\d{{4}}(?!\d))|(?<=[Tt]háng \d\d )(?:{_YEAR}) (?=\d{{4}}(?!\d))")


def _abbreviation(word: str) -> bool:
    """A unit's abbreviation in capitals, 2-6 letters ("BV", "TTYT", "THCS"), opening a short name."""
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def proper_spaces(text: str, longest: int = 0, opening: int = 0) -> list[int]:
    """The indices of the spaces of `text` inside a proper name: a run of two words or more, each
    written with a capital then small letters ("Bà Rịa", "Côn Đảo", "Phạm Văn Đồng", "Phó
    Trưởng"), or a unit's abbreviation before such words ("TTYT Côn Đảo", "BV Bà Rịa"); a word
    ending in punctuation ends the run. A run longer than `longest` characters (0: no limit) is
    kept in pieces where a person's name may break (`vn.personal`): after an honorific ("Ông" /
    "Đặng Minh Lộc"), then after the family name taken whole ("Công Tằng Tôn Nữ" / "Thị Diệu
    Linh"), then between middle names, so a given name never stands alone. A heading's capitals
    ("BÀ RỊA") are left to its cell, and a word opening an organ's name (`vn.pairs.ORGAN_WORDS`:
    "Sở", "Ngành", "Ban") is no part of a run.
    A run ending within the first `opening` characters is left free, as `keep_names` leaves a name.
    docgen's house rule, as `name_breaks`: a văn thư never splits a name across lines."""
    out: list[int] = []
    if "\u00a0" in text:
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    else:  # the same words, by one split (most texts): a word's start and end counted along
        words, at = [], 0
        for w in text.split(" "):
            if w:
                words.append((at, at + len(w), w))
            at += len(w) + 1
    titled = [w[:1].isupper() and w[:1].isalpha() and (len(w) == 1 or not w[1:].isupper())  # `_titled`, inline
              for _, _, w in words]
    i = 0
    while i < len(words):
        if words[i][2] in ORGAN_WORDS:  # "Ngành" / "Lao động": the organ's word, no proper name's
            i += 1
            continue
        j = i
        after = words[i + 1][2] if i + 1 < len(words) else ""
        # "TTYT" opens a run before a word in small letters ("Côn"), never "SỞ" before "Y" or "TẾ"
        if titled[i] or _abbreviation(words[i][2]) and len(after) > 1 and not after[1:].isupper():
            while j + 1 < len(words) and titled[j + 1] and words[j][2][-1:].isalnum() \
                    and words[j + 1][0] == words[j][1] + 1 and words[j][2] not in _DASHES:
                j += 1
        if j > i and words[j][1] > opening:
            out += _proper_pieces(text, words[i:j + 1], longest)
        i = j + 1
    return out


def _proper_pieces(text: str, run: list[tuple[int, int, str]], longest: int) -> list[int]:
    """`proper_spaces` for one run of words (start, end, word): the spaces kept. A run longer
    than `longest` characters is cut where a person's name may break (`vn.personal.breaks`)."""
    if not longest or run[-1][1] - run[0][0] <= longest:
        return [a[1] for a in run[:-1] if text[a[1]] == " "]
    opened = personal.breaks([w for _, _, w in run], lambda i, j: run[j - 1][1] - run[i][0], longest)
    return [a[1] for k, a in enumerate(run[:-1], 1) if k not in opened and text[a[1]] == " "]


def date_spaces(text: str) -> list[int]:
    """The indices of the spaces between a date's word and its number ("ngày 05", "tháng 02", and
    "năm 2024" after its month): a line never ends with the word and starts the next with the
    number, as Decree 30's Phụ lục V writes the date; the date's parts may still go on two lines."""
    return [m.end() - 1 for m in _DATE.finditer(text)]


_BRACKET = re.compile(r"\([^()]*\)")


def bracket_spaces(text: str, longest: int = 0) -> list[int]:
    """The indices of the spaces inside a short parenthesis ("(để báo cáo)", "(đến năm 2025)"),
    one of at most `longest` characters (0: any), which a Nơi nhận item or a cell keeps on one
    line: "(để báo" / "cáo);" is what a văn thư sends back."""
    out: list[int] = []
    for m in _BRACKET.finditer(text):
        if not longest or m.end() - m.start() <= longest:
            out += [i for i in range(m.start(), m.end()) if text[i] == " "]
    return out
