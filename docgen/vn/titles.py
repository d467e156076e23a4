"""The words a centred title (trích yếu, "V/v …") never splits across its lines."""

from collections.abc import Iterable

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


def joint(before: str, after: str, prior: str = "") -> str:
    """The kind of break between the words `before` and `after` (JOINT_COST's keys), `prior`
    the word before `before`; a word is one or more syllables joined by no-break spaces
    (U+00A0), as `keep_title` keeps them. A date stays whole ("ngày 15 tháng 9 năm 2021")."""
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
    if first.lower() in OPENS_PHRASE or after.lower().replace("\u00a0", " ") in OPENS_PHRASE:
        return "phrase"
    return "word"


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
    kinds = [JOINT_COST[joint(words[i], words[i + 1], words[i - 1] if i else "")] for i in range(n - 1)]
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
