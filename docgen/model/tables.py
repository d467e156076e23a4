"""A table of a document's body: column widths on the page, cells as text, the totals row."""

from dataclasses import dataclass
from decimal import Decimal

from docgen.records.document import Column, TableRecord
from docgen.records.schema import AmbiguousNumber, _number
from docgen.vn import format_number
from docgen.vn.font_widths import WIDTHS

CM = 567  # twips per centimetre (rounded, as in tools/make_templates.py)
CELL_SIZE = 13  # pt: the templates' table styles (ND30 Bảng - chữ, - số, - tiêu đề)
CELL_PADDING = 2 * 57  # twips: a cell's left and right margins (docgen/render/tables.py CELL_PAD)


@dataclass(frozen=True)
class TableColumn:
    title: str
    width: int  # twips
    align: str  # left, center, right


@dataclass(frozen=True)
class Table:
    """Header row, rows and totals as printed; `span` leading cells of the totals row hold its label."""

    columns: tuple[TableColumn, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] | None = None
    span: int = 1
    marked: frozenset[tuple[int, int]] = frozenset()  # (row, column) of cells printed in bold
    # Columns sized again by content when rendered (docgen/render/widths.py); False keeps these
    # widths as they are (a record that gives a column's width).
    by_content: bool = True


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


def _summed(value, title: str) -> Decimal:
    """A cell of a column added up, read the Vietnamese way (records/schema.py `_number`):
    "1.200.000" and "70,5" read one way only; "1.200" may be 1200 or 1,2 and is refused."""
    try:
        return _number(value)
    except AmbiguousNumber:
        raise
    except ValueError:
        raise ValueError(f"cột '{title}' được cộng nên ô phải là số") from None


def _word_width(word: str, face: str) -> int:
    """Width of `word` at CELL_SIZE in Times New Roman, in twips (unknown characters as an "n")."""
    table = WIDTHS[face]
    default = table["n"]
    return round(sum(table.get(ch, default) for ch in word) * CELL_SIZE * 20 / 1000)


def min_widths(record: TableRecord) -> list[int]:
    """The narrowest each column can be without breaking a word, in twips: its longest word,
    of the header (bold) or of a cell, plus the cell's margins. A column given a width keeps it."""
    out = []
    for i, col in enumerate(record.columns):
        col = col if isinstance(col, Column) else Column(title=col)
        if col.width:
            out.append(round(col.width * CM))
            continue
        words = [_word_width(w, "bold") for w in col.title.split()]
        words += [_word_width(w, "regular") for row in record.rows if i < len(row) for w in _cell(row[i]).split()]
        out.append(max(words, default=0) + CELL_PADDING)
    return out


def fits(record: TableRecord, width: int) -> bool:
    """Whether `record` fits `width` twips with no word broken inside a cell (`min_widths`)."""
    return sum(min_widths(record)) <= width


def build_table(record: TableRecord, width: int) -> Table:
    """Lay out `record` across `width` twips; raise TableProblem when it does not fit."""
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
    numeric = [bool(record.rows) and (c.sum or all(isinstance(r[i], int | float) and not isinstance(r[i], bool)
                                                   for r in record.rows if i < len(r) and r[i] is not None))
               for i, c in enumerate(cols)]
    columns = tuple(TableColumn(c.title, round(c.width * CM) if c.width else shares[i],
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
    return Table(columns, tuple(rows), total, span, by_content=not any(c.width for c in cols))
