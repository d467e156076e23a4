"""A table of a document's body: column widths on the page, cells as text, the totals row."""

from dataclasses import dataclass, replace
from decimal import Decimal

from docgen.records.document import Column, TableRecord
from docgen.records.schema import AmbiguousNumber, _number
from docgen.vn import format_number
from docgen.vn.font_widths import WIDTHS
from docgen.vn.numbers import parse_number

CM = 567  # twips per centimetre (rounded, as in tools/make_templates.py)
CELL_SIZE = 13  # pt: the templates' table styles (ND30 Bảng - chữ, - số, - tiêu đề)
CELL_PADDING = 2 * 57  # twips: a cell's left and right margins (docgen/render/tables.py CELL_PAD)


@dataclass(frozen=True)
class TableColumn:
    title: str
    width: int  # twips
    align: str  # left, center, right
    turned: bool = False  # the title set bottom to top (see `turn_titles`)


@dataclass(frozen=True)
class Table:
    """Header row, rows and totals as printed; `span` leading cells of the totals row hold its label."""

    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    span: int = 1
    marked: frozenset[tuple[int, int]] = frozenset()  # (row, column) of cells printed in bold
    # Columns sized again by content when rendered (docgen/render/widths.py), these widths (a
    # record's `width` among them) as the template's; False keeps them as they are.
    by_content: bool = True
    head_height: int = 0  # twips: the header row at least this high (turned titles), 0: as its text


class TableProblem(ValueError):
    """A table that cannot be laid out; `path` is where in the table record it is."""

    def __init__(self, path: tuple, message: str) -> None:
        super().__init__(message)
        self.path = path


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_number(value)
    return value


_NONE = frozenset({"", "-", "–", "—"})  # a cell of a column of figures that holds none


def _figures(values: list) -> bool:
    """Whether a column's cells are figures, to be right-aligned (issue 11, item 4): numbers as
    YAML reads them, or text in the Vietnamese notation as a clerk quotes it ("98,5", "1.452",
    "97,8%", "100": `parse_number`), at least one, the others empty or a dash."""
    found = False
    for value in values:
        if value is None or isinstance(value, str) and value.strip() in _NONE:
            continue
        if isinstance(value, bool):
            return False
        if not isinstance(value, int | float):
            try:
                parse_number(str(value))
            except ValueError:
                return False
        found = True
    return found


def _summed(value, title: str) -> Decimal:
    """A cell of a column added up, read the Vietnamese way (records/schema.py `_number`):
    "1.200.000" and "70,5" read one way only; "1.200" may be 1200 or 1,2 and is refused."""
    try:
        return _number(value)
    except AmbiguousNumber:
        raise
    except ValueError:
        raise ValueError(f"cột '{title}' được cộng nên ô phải là số") from None


# Words that stand before a name without being part of it: an administrative level ("Huyện Yên
# Khánh": "Huyện" / "Yên Khánh" may part). As docgen/vn/text.py `_BETWEEN`, one word each.
_LEVELS = frozenset({"tỉnh", "huyện", "quận", "xã", "phường", "thành", "thị"})
_NAME_DASHES = frozenset({"-", "–", "—"})


def _name_word(words: list[str], i: int) -> bool:
    """Whether `words[i]` is a syllable of a proper name: capitalised, not all capitals (an
    abbreviation: "TP", "TT", "THCS"), not an administrative level, and not the first word of a
    common phrase ("Tư pháp", "Ngữ văn", "Giao thông": the word after it in lower case)."""
    word = words[i]
    if not word[:1].isupper() or word.isupper() or word.lower() in _LEVELS:
        return False
    after = words[i + 1] if i + 1 < len(words) else ""
    return not after[:1].islower()


def column_title(title: str, phrases: bool = False) -> str:
    """`title` (a column's title: a unit's short name in Phụ lục II) with the spaces inside a
    proper name made no-break (U+00A0), so a title of two or three lines breaks only between
    the parts of the name that may part: "TP" / "Ninh Bình", never "TP Ninh" / "Bình"; "TP" /
    "Bà Rịa - Vũng Tàu", never at the dash of a province's name nor inside one of its parts.

    A name is a run of two or more capitalised syllables (`_name_word`), its parts joined by a
    dash between two such syllables. docgen/render/widths.py reads a U+00A0 as part of a word,
    so the column is given at least the name's width (a name wider than the column is broken
    by Word and LibreOffice inside the cell, as any word). docgen's house rule: Decree 30 says
    nothing on line breaks in a table's titles. The text reads the same (U+00A0 is a space to
    docgen's checker and read-backs). With `phrases`, the words of two syllables too
    (`_keep_phrases`)."""
    words = title.split(" ")
    keep = [False] * len(words)  # keep[i]: the space after words[i] never breaks a line
    for i in range(len(words) - 1):
        if _name_word(words, i) and _name_word(words, i + 1):
            keep[i] = True
        elif (words[i + 1] in _NAME_DASHES and i + 2 < len(words) and _name_word(words, i)
              and _name_word(words, i + 2)):
            keep[i] = keep[i + 1] = True
    if phrases:
        _keep_phrases(words, keep)
    return "".join(w + ("\u00a0" if k else " ") for w, k in zip(words, keep, strict=True)).rstrip(" ")


def _opens_phrase(words: list[str], i: int) -> bool:
    """Whether `words[i]` opens a common phrase of a title: capitalised, not all capitals, not an
    administrative level, the word after it in lower case ("Công tác", "Cơ sở", "Tư pháp")."""
    word = words[i]
    after = words[i + 1] if i + 1 < len(words) else ""
    return (word[:1].isupper() and not word.isupper() and word.lower() not in _LEVELS
            and after[:1].islower() and after.isalpha())


PHRASE_RUNS = (2, 4)  # syllables of a unit name's part read two by two (see _keep_phrases)


def _keep_phrases(words: list[str], keep: list[bool]) -> None:
    """`keep` (as `column_title`'s) with the words of two syllables of a unit's short name kept
    together. A part of the name is a capitalised syllable (`_opens_phrase`) and the lower-case
    ones after it; one of two or four syllables is read two by two: "TT" / "Công tác" / "xã hội"
    (never "TT Công" / "tác xã hội"), "Cơ sở" / "cai nghiện", "Văn phòng" / "Sở". An odd part
    ("Tổ công đoàn", "Người có công", "Đơn vị tính") or a longer one is left free: which
    syllables make one word there only a dictionary knows. Most words of a unit's name are of
    two syllables, and a name capitalises its parts' first. docgen's house rule, as
    `column_title`'s."""
    i = 0
    while i < len(words):
        if not _opens_phrase(words, i) or (i and keep[i - 1]):
            i += 1
            continue
        end = i + 1
        while end < len(words) and words[end].isalpha() and words[end][:1].islower():
            end += 1
        if end - i in PHRASE_RUNS:
            for j in range(i, end, 2):
                keep[j] = True
        i = end


TURN_SLACK = 2 * 142 + 40  # twips: a turned title's room beyond its line (2.5 mm each end + widths.SLACK)


def title_least(title: str, phrases: bool = False) -> int:
    """The narrowest column that sets `title` (bold, at CELL_SIZE) without breaking it inside a
    word or a name (`column_title`, `phrases` as there): its widest unbreakable piece plus the
    cell's margins, twips."""
    return max((_word_width(w, "bold") for w in column_title(title, phrases).split(" ") if w),
               default=0) + CELL_PADDING


def turn_titles(columns: list[TableColumn], turnable: list[int], width: int,
                room: int) -> tuple[list[TableColumn], int]:
    """`columns` with the titles of the `turnable` columns (a unit's column of Phụ lục II) turned
    to read bottom to top, when set level each at least its name (`title_least`) they leave the
    first column less than `room` twips of the table's `width`; and the height (twips) the header
    row needs then: the longest turned title on one line. Unchanged, 0, when they fit.

    Eight districts side by side ("TP Bà Rịa - Vũng Tàu", "Yên Khánh", ...) need 18.7 cm level,
    a landscape page's text is 25.2 cm: the targets' names would get 2 cm. Turned, a unit's
    column is as wide as its figures; titles set vertically over narrow columns of figures are
    the common way of a statistical annex, and no name is broken."""
    if not turnable:
        return columns, 0
    others = sum(c.width for i, c in enumerate(columns) if i and i not in turnable)
    plain = [c.title.replace("\u00a0", " ") for c in columns]
    # Level, the names' words of two syllables kept (`_keep_phrases`: "TT Công tác" / "xã hội",
    # never "TT Công" / "tác xã hội"); where they make the titles too wide, free to part, as five
    # short names of offices stay level rather than turned for them.
    for phrases in (True, False):
        level = sum(max(title_least(plain[i], phrases), columns[i].width) for i in turnable)
        if width - others - level >= room:
            return [replace(c, title=column_title(plain[i], phrases)) if i in turnable else c
                    for i, c in enumerate(columns)], 0
    out = [replace(c, turned=True) if i in turnable else c for i, c in enumerate(columns)]
    height = max(_word_width(columns[i].title.replace("\u00a0", " "), "bold") for i in turnable) + TURN_SLACK
    return out, height


def _word_width(word: str, face: str) -> int:
    """Width of `word` at CELL_SIZE in Times New Roman, in twips (unknown characters as an "n")."""
    table = WIDTHS[face]
    default = table["n"]
    return round(sum(table.get(ch, default) for ch in word) * CELL_SIZE * 20 / 1000)


def min_widths(record: TableRecord) -> list[int]:
    """The narrowest each column can be without breaking a word, in twips: its longest word,
    of the header (bold, a name of it whole: `column_title`) or of a cell, plus the cell's
    margins. A column given a width counts at that width (the page is turned for it)."""
    out = []
    for i, col in enumerate(record.columns):
        col = col if isinstance(col, Column) else Column(title=col)
        if col.width:
            out.append(round(col.width * CM))
            continue
        words = [_word_width(w, "bold") for w in column_title(col.title).split(" ") if w]
        words += [_word_width(w, "regular") for row in record.rows if i < len(row) for w in _cell(row[i]).split()]
        out.append(max(words, default=0) + CELL_PADDING)
    return out


def fits(record: TableRecord, width: int) -> bool:
    """Whether `record` fits `width` twips with no word broken inside a cell (`min_widths`)."""
    return sum(min_widths(record)) <= width


def build_table(record: TableRecord, width: int) -> Table:
    """Lay out `record` across `width` twips; raise TableProblem when it does not fit.

    The widths here are a start: docgen/render/widths.py sizes the columns by content once the
    table is rendered, as every list table (a trade union's report typed with `width: 3` for
    "Ghi chú" had its notes on two lines beside an empty half of "Tổ công đoàn"); a column's
    `width` is then what it is given of the room left when every column has its line."""
    cols = [c if isinstance(c, Column) else Column(title=c) for c in record.columns]
    fixed = sum(round(c.width * CM) for c in cols if c.width)
    free = [c for c in cols if not c.width]
    left = width - fixed
    if left < 567 * len(free) or (not free and fixed > width):
        raise TableProblem(("columns",), f"các cột rộng hơn trang: tổng {fixed / CM:.1f} cm,"
                                         f" trang còn {width / CM:.1f} cm")
    share = left // len(free) if free else 0
    # The free columns share what is left equally, unless a word would break in one of them: then
    # each gets its longest word and they share the rest (columns by content, issue 11).
    least = min_widths(record)
    shares = [share] * len(cols)
    wanting = [i for i, c in enumerate(cols) if not c.width]
    needed = sum(least[i] for i in wanting)
    if any(least[i] > share for i in wanting) and needed <= left:
        extra = (left - needed) // len(wanting)
        shares = [least[i] + extra for i in range(len(cols))]
    numeric = [bool(record.rows) and (c.sum or _figures([r[i] for r in record.rows if i < len(r)]))
               for i, c in enumerate(cols)]
    columns = tuple(TableColumn(column_title(c.title), round(c.width * CM) if c.width else shares[i],
                                c.align or ("right" if numeric[i] else "left"))
                    for i, c in enumerate(cols))
    rows = []
    sums = [Decimal(0)] * len(cols)
    for n, row in enumerate(record.rows):
        if len(row) != len(cols):
            raise TableProblem(("rows", n), f"dòng có {len(row)} ô, bảng có {len(cols)} cột")
        cells = []
        for i, value in enumerate(row):
            if cols[i].sum and value is not None:
                try:
                    number = _summed(value, cols[i].title)
                except ValueError as err:
                    raise TableProblem(("rows", n, i), str(err)) from None
                sums[i] += number
                cells.append(format_number(number))
            else:
                cells.append(_cell(value))
        rows.append(tuple(cells))
    total = None
    span = 1
    if record.total is not None:
        summed = [i for i, c in enumerate(cols) if c.sum]
        if not summed:
            raise TableProblem(("total",), "dòng tổng cộng cần ít nhất một cột có sum: true")
        span = summed[0]
        if span == 0:
            raise TableProblem(("columns", 0), "cột đầu giữ nhãn dòng tổng cộng, không cộng được")
        cells = [record.total]
        for i in range(span, len(cols)):
            if not cols[i].sum:
                cells.append("")
                continue
            cells.append(format_number(sums[i]))
        total = tuple(cells)
    return Table(columns, tuple(rows), total, span)
