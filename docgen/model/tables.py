"""A table of a document's body: column widths on the page, cells as text, the totals row."""

from dataclasses import dataclass
from decimal import Decimal

from docgen.records.document import Column, TableRecord
from docgen.vn import format_number

CM = 567  # twips per centimetre (rounded, as in tools/make_templates.py)


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
    numeric = [all(isinstance(r[i], int | float) and not isinstance(r[i], bool)
                   for r in record.rows if i < len(r) and r[i] is not None) and record.rows
               for i in range(len(cols))]
    columns = tuple(TableColumn(c.title, round(c.width * CM) if c.width else share,
                                c.align or ("right" if numeric[i] else "left"))
                    for i, c in enumerate(cols))
    rows = []
    for n, row in enumerate(record.rows):
        if len(row) != len(cols):
            raise TableProblem(("rows", n), f"dòng có {len(row)} ô, bảng có {len(cols)} cột")
        rows.append(tuple(_cell(v) for v in row))
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
            values = [r[i] for r in record.rows if r[i] is not None]
            bad = next((n for n, r in enumerate(record.rows) if r[i] is not None
                        and (isinstance(r[i], bool) or not isinstance(r[i], int | float))), None)
            if bad is not None:
                raise TableProblem(("rows", bad, i), f"cột '{cols[i].title}' được cộng nên ô phải là số")
            cells.append(format_number(sum((Decimal(str(v)) for v in values), Decimal(0))))
        total = tuple(cells)
    return Table(columns, tuple(rows), total, span)
