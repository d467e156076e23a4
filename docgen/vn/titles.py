"""The words a centred title (trích yếu, "V/v …") never splits across its lines."""

from collections.abc import Iterable
from itertools import pairwise

from docgen.vn.pairs import HONORIFICS, NAME_WORDS, ORGAN_WORDS, WORD_PAIRS
from docgen.vn.text import keep_names

# Words of two syllables (and the award terms) that trích yếu of the emulation and rewards work
# are made of. A justified body line stretches around a no-break space, so these are kept only
# in centred titles, which do not stretch: "… và hình / thức khen thưởng", "danh / hiệu “Tập thể
# lao động xuất sắc”" is what a văn thư sends back. docgen's house rule: Decree 30 says nothing
# on line breaks in the trích yếu.
TITLE_TERMS = (
    "danh hiệu", "hình thức", "khen thưởng", "tặng thưởng", "thi đua", "phong trào", "kết quả",
    "thực hiện", "đề nghị", "đăng ký", "phát động", "tổng kết", "sơ kết", "kế hoạch", "báo cáo",
    "quyết định", "tờ trình", "công tác", "nhiệm vụ", "giai đoạn", "năm học", "tập thể", "cá nhân",
    "lao động", "tiên tiến", "xuất sắc", "chiến sĩ", "cơ sở", "Bằng khen", "Giấy khen", "Cờ thi đua",
    "Chủ tịch", "nhân dân", "Ủy ban", "cán bộ", "công chức", "viên chức", "người lao động",
    "giáo viên", "học sinh", "tài nguyên", "môi trường", "giáo dục", "đào tạo",
    # Words of two syllables that titles of movements are made of (a line of a centred title may
    # break between two words, never inside one: "Đại / hội", "nông / thôn" is what a văn thư
    # sends back).
    "Đại hội", "đại biểu", "Đảng bộ", "Nghị quyết", "phát triển", "kinh tế", "xã hội", "quyết tâm",
    "thắng lợi", "đổi mới", "sáng tạo", "chung sức", "xây dựng", "nông thôn", "nâng cao", "Giám đốc",
    "Hiệu trưởng", "hằng năm", "giao thông", "vận tải", "đoàn viên", "Công đoàn", "văn hóa",
    "an toàn", "chuyển đổi", "hành chính", "cải cách", "thủ tục", "đơn vị", "địa phương", "tiêu biểu",
    # A công văn's V/v (issue 11: "… các đơn vị y / tế trên địa bàn tỉnh …" in a Sở Y tế's).
    "y tế", "địa bàn", "trực thuộc",
)


def keep_title(text: str, names: Iterable[str]) -> str:
    """`text` with `names` (the issuer's, as `keep_names` takes them), `TITLE_TERMS` and
    `vn.pairs.WORD_PAIRS` ("y tế", "đơn vị") each kept on one line; the rest breaks as usual.
    Raises ValueError when `text` or a name is not a string."""
    return keep_names(text, (*names, *TITLE_TERMS), longest=0, pairs=True)  # a centred title never stretches


# Where a văn thư breaks a centred title of several lines ("phrase joints"), docgen's house rule
# after the decree's samples (Phụ lục III: the trích yếu under the kind's name, centred, its
# lines of about equal length, each ending where a phrase ends). Words a line never ends with:
# a preposition, a conjunction, a classifier or a counting word waits for what it governs
# ("… của" / "Ủy ban …", "lần thứ" / "XXII"). Words a line may well start with: a phrase opens
# there ("… Giấy khen" / "của Chủ tịch …", "… nông thôn mới" / "năm 2024").
NEVER_LAST = frozenset((
    "của", "và", "các", "cho", "về", "theo", "những", "được", "tại", "với", "đối", "lần", "thứ", "số",
    "ngày", "tháng", "năm", "học", "đoạn", "giai", "trong", "từ", "đến", "trên", "dưới", "là", "có",
    "việc", "nhằm", "để", "thuộc", "mỗi", "hằng", "toàn", "“", "(", "-", "–", "V/v", "Về",
))
OPENS_PHRASE = frozenset((
    "của", "và", "cho", "về", "theo", "tại", "với", "đối", "trong", "từ", "đến", "trên", "nhằm", "để",
    "thuộc", "năm", "giai", "lần", "giai đoạn", "năm học", "kèm", "gồm", "hoặc",
))
# The costs a break pays, in squared line widths (1 = a whole line's width of raggedness): at a
# comma, a quotation's or a bracket's edge, none; before a word opening a phrase, a little; between
# two words of one phrase, more; after a word that never ends a line or before a number, most.
JOINT_COST = {"clause": 0.0, "phrase": 0.01, "word": 0.04, "never": 1.0}

# Names of one organ that a centred title never breaks between their words, though each word is
# kept whole (TITLE_TERMS): "… Chủ tịch Ủy ban" / "nhân dân tỉnh …" is what a văn thư sends back.
BONDS = (("ủy ban", "nhân dân"), ("hội đồng", "nhân dân"))
# Words after a capitalised syllable that start a phrase of their own, not the second syllable of
# its word ("… Thừa Thiên Huế" / "trong …"): the administrative levels and the phrase openers.
_NOT_SECOND = frozenset(("tỉnh", "huyện", "xã", "thành", "thị", "quận", "phường", "trường", "sở"))
# The administrative levels before a place's name: a break before one that a capitalised name
# follows opens a phrase ("… năm 2024 của Sở" / "tỉnh Bà Rịa - Vũng Tàu").
_LEVELS = frozenset(("tỉnh", "huyện", "xã", "quận", "phường", "thị", "thành"))


def one_word(before: str, after: str) -> bool:
    """Whether the syllables `before` and `after` (one word each, no spaces) are likely the two
    syllables of one word of a name: a capitalised syllable (not an organ's word, "Sở", "Ban",
    nor an honorific) and a lower-case one that opens no phrase ("Liên" / "đoàn", "Chấp" / "hành",
    "Quản" / "lý"): a name's words are capitalised on their first syllable only (Decree 30,
    Phụ lục VI, I.2: "Ủy ban nhân dân", "Liên đoàn Lao động"). A guess where no word list knows
    the word; docgen's house rule."""
    core = before.lstrip("“(\"'")
    if not core[:1].isupper() or not core[1:].islower() or not after.isalpha() or not after.islower():
        return False
    if core in ORGAN_WORDS or core in HONORIFICS:
        return False
    return after not in NEVER_LAST and after not in OPENS_PHRASE and after not in _NOT_SECOND


# Two syllables (lower case) known to make one word, or two consecutive syllables of one: of
# TITLE_TERMS, vn.pairs.WORD_PAIRS and vn.pairs.NAME_WORDS.
KNOWN_PAIRS = frozenset((a.lower(), b.lower()) for term in (*TITLE_TERMS, *WORD_PAIRS, *NAME_WORDS)
                        for a, b in pairwise(term.split(" ")))


def inside_word(before: str, after: str) -> bool:
    """Whether a line ending with the syllable `before` and the next opening with `after` would
    split a word: two syllables of KNOWN_PAIRS ("phòng" / "hộ", "Ủy" / "ban") or, where no list
    knows them, a name's word by `one_word` ("Liên" / "đoàn")."""
    core = before.rstrip(",;:”)").lstrip("“(")
    return (core.lower(), after.lower()) in KNOWN_PAIRS or one_word(core, after)


def joint(before: str, after: str, prior: str = "", following: str = "") -> str:
    """The kind of break between the words `before` and `after` (JOINT_COST's keys), `prior`
    the word before `before`, `following` the one after `after`; a word is one or more syllables
    joined by no-break spaces (U+00A0), as `keep_title` keeps them. A date stays whole ("ngày 15
    tháng 9 năm 2021"); an organ's name of two capitalised parts joined by "và" ("Sở Tài nguyên"
    / "và Môi trường") breaks there only as between two words of a phrase; a level before a
    capitalised place ("tỉnh Bà Rịa - Vũng Tàu") opens a phrase."""
    first = after.split("\u00a0")[0]
    last = before.split("\u00a0")[-1]
    if last in NEVER_LAST or last.lower() in NEVER_LAST or first[:1].isdigit() or _roman(first) \
            or first in ("-", "–", "—") or (last.isdigit() and len(last) <= 2):
        return "never"  # nor a line opening with a dash, nor a short number left at a line's end
    if last[:1].isdigit() and prior.split("\u00a0")[-1].lower() in ("ngày", "tháng") \
            and first.lower() in ("tháng", "năm"):
        return "never"
    if before[-1:] in ",;:”)" or after[:1] in "“(":
        return "clause"
    if inside_word(last, first) or bound(before, after):
        return "never"  # inside a word ("Liên / đoàn") or an organ's name ("Ủy ban / nhân dân")
    if first == "và" and before[:1].isupper() and (after.split("\u00a0")[1:2] or [following])[0][:1].isupper():
        return "word"  # inside a name: "Tài nguyên" / "và Môi trường"
    if first.lower() in _LEVELS and (after.split("\u00a0")[1:2] or [following])[0][:1].isupper():
        return "phrase"  # a place opens: "… năm 2024" / "tỉnh Bà Rịa - Vũng Tàu"
    if first.lower() in OPENS_PHRASE or after.lower().replace("\u00a0", " ") in OPENS_PHRASE:
        return "phrase"
    return "word"


def bound(before: str, after: str) -> bool:
    """Whether `before` ends and `after` opens one of BONDS (syllables joined by spaces or
    U+00A0, any case): "Chủ tịch Ủy ban" and "nhân dân tỉnh"."""
    tail = before.replace("\u00a0", " ").lower()
    head = after.replace("\u00a0", " ").lower()
    return any(tail.endswith(a) and (head == b or head.startswith(b + " ")) for a, b in BONDS)


def _roman(word: str) -> bool:
    core = word.rstrip("”),.;:")
    return bool(core) and all(ch in "IVXLC" for ch in core)


def balanced_breaks(words: list[str], widths: list[float], gaps: list[float], line: float,
                    room: float | None = None) -> list[int]:
    """Where a centred title of `words` (their `widths`, the `gaps` between word i and i + 1, in
    one unit) breaks into as many lines as a renderer wrapping at `line` makes: the indices i of
    the gaps that end a line, chosen for lines of about equal width, none wider than `room`
    (`line` when None or when `room` leaves no way), that end at phrase joints (`joint`,
    JOINT_COST). [] when the words fit on one line. Dynamic programming over the break points:
    len(words) times the words on a line, times the lines."""
    n = len(words)
    if n == 0 or sum(widths) + sum(gaps) <= line:
        return []
    count, width = 1, 0.0  # greedy, as Word and LibreOffice wrap: the fewest lines
    for i, w in enumerate(widths):
        if width and width + gaps[i - 1] + w > line:
            count, width = count + 1, w
        else:
            width = width + gaps[i - 1] + w if width else w
    kinds = [JOINT_COST[joint(words[i], words[i + 1], words[i - 1] if i else "", words[i + 2] if i + 2 < n else "")]
             for i in range(n - 1)]
    target = (sum(widths) + sum(gaps)) / count
    for limit in ((room, line) if room and room < line else (line,)):
        done = _fewest(widths, gaps, kinds, count, limit, target, line)
        if done is not None:
            return done
    return []


def _fewest(widths: list[float], gaps: list[float], kinds: list[float], count: int, limit: float,
            target: float, line: float) -> list[int] | None:
    """balanced_breaks' search for `count` lines of at most `limit`; None when there is none.
    A line costs ((its width - target) / line)²; a break, its joint's cost."""
    n = len(widths)
    inf = float("inf")
    # best[k][j]: (cost, breaks) of words[:j] set on k lines.
    best: list[dict[int, tuple[float, tuple[int, ...]]]] = [{0: (0.0, ())}]
    for k in range(1, count + 1):
        row: dict[int, tuple[float, tuple[int, ...]]] = {}
        for start, (cost, breaks) in best[k - 1].items():
            width = 0.0
            for end in range(start, n):
                width = width + gaps[end - 1] + widths[end] if end > start else widths[end]
                if width > limit and end > start:
                    break
                last = end == n - 1
                if last and k < count:
                    break  # a line before the last cannot end the title
                if k == count and not last:
                    continue  # the last line ends at the last word
                step = cost + ((width - target) / line) ** 2 + (0.0 if last else kinds[end])
                if step < row.get(end + 1, (inf,))[0]:
                    row[end + 1] = (step, breaks if last else (*breaks, end))
        best.append(row)
    done = best[count].get(n)
    return list(done[1]) if done else None
