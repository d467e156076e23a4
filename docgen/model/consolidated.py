"""The consolidated report of a year (báo cáo tổng hợp) and of the period (sơ kết, tổng kết).

Values only: figures, like-for-like plans, verdicts as codes, the units that lead and lag, the
units' statements merged where they are the same, the award counts. Every sentence, heading
and column title is in templates/bao-cao-tong-hop.docx and bao-cao-so-ket.docx.

Like for like: a target is judged against the plan of the units that reported it. With every
unit in, that is the whole plan; with some missing, it is the sum of the reporting units' shares
when the target is split among them and added up, or the value every unit must reach when the
target binds each unit (`per_unit`). Otherwise the verdict is "insufficient" and the missing units
are named: a verdict is never drawn from missing data. A target without a split or `per_unit`
gives no unit a plan of its own, so no unit is judged on it.
"""

import datetime as dt
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from docgen.model.archive import archive_after_vt
from docgen.model.citation import Citation, cite_plan
from docgen.model.plan import Header, Plan, Signature
from docgen.model.report import ABOVE, BELOW, MET, aggregate, evaluate
from docgen.model.tables import Table, TableColumn, column_title, turn_titles
from docgen.model.targets import Target
from docgen.model.units import Unit, Units
from docgen.records.review import ReviewDocument
from docgen.records.schema import Bound, Range
from docgen.records.units import NARRATIVE, ResultRecord
from docgen.records.yeartexts import YearTexts
from docgen.vn import PartialDate, doc_number, doc_symbol, format_number

INSUFFICIENT = "insufficient"  # the template writes it "chưa đủ số liệu"
# A `final` target ("đến năm 2025") below its level before the period's last year: not failed,
# not yet due. The template writes it "chưa đến hạn".
NOT_DUE = "not_due"
VERDICTS = ("above", "met", "below", INSUFFICIENT, NOT_DUE)
RATE_TOLERANCE = Decimal("0.5")  # a typed rate within half a point of the computed one agrees
TWIPS_LANDSCAPE = 16838 - 1701 - 851  # text width of a turned A4 page (margins of Decree 30)
UNIT_COLUMN = 1150  # twips: widest a unit's column of Phụ lục II needs to be


def _ratio(actual: Decimal, planned) -> Decimal | None:
    if not isinstance(planned, Decimal) or planned == 0:
        return None
    return (actual / planned * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _text(number: Decimal | None) -> str:
    return "" if number is None else format_number(number)


def _planned_text(target: Target, value) -> str:
    if isinstance(value, Range):
        return f"{target.format_value(value.min)}-{target.format_value(value.max)}"
    if isinstance(value, Bound):
        return target.planned
    return target.format_value(value)


@dataclass(frozen=True)
class Named:
    """A unit named beside a figure in section III's sentence: the leading or lagging unit with its rate."""

    name: str  # the unit's display name: running text names a unit in full (its short name is a column title)
    ratio: str  # "112,3" (per cent), or "" for a range or bound target


@dataclass(frozen=True)
class UnitNote:
    unit: str  # short name
    text: str  # the unit's Ghi chú, as typed


@dataclass(frozen=True)
class RateCheck:
    """A "Tỷ lệ" the unit typed on its form that differs from the one computed from its figures."""

    unit: str
    typed: str
    computed: str


@dataclass(frozen=True)
class Cell:
    """One unit's figure for one target."""

    unit: Unit
    actual: Decimal | None
    own: bool  # the unit has a plan of its own for this target
    planned: Decimal | Range | Bound | None
    verdict: str  # ABOVE, MET, BELOW; "" without a figure or a plan of its own
    ratio: Decimal | None


@dataclass(frozen=True)
class TargetRow:
    """One target of the year, as Phụ lục I and section III write it."""

    number: int
    target: Target
    name: str
    unit: str
    planned: str  # the whole plan, as the plan writes it
    compared: str  # the plan the figure is compared with ("" with no verdict)
    like_for_like: bool  # compared with the reporting units' plan, not the whole
    actual: str  # "" when no unit reported it
    previous: str  # last year's figure, "" when none
    ratio: str  # per cent of `compared`, "" for a range or bound
    verdict: str  # ABOVE, MET, BELOW or INSUFFICIENT
    reported: int
    carriers: int
    missing: tuple[str, ...]  # short names of the carriers without a figure (Phụ lục I's Ghi chú cell)
    notes: tuple[UnitNote, ...]
    rate_checks: tuple[RateCheck, ...]
    leading: tuple[Named, ...]
    lagging: tuple[Named, ...]
    cells: tuple[Cell, ...]
    figure: Decimal | None = None  # `actual` as a number
    plan_figure: Decimal | Range | Bound | None = None  # `compared` as a value (None with no verdict)

    @property
    def missing_names(self) -> tuple[str, ...]:
        """The carriers without a figure by their display names, for section III's sentence: running
        text names units in full, never by `short_name`, which only tables use (README, units.yaml)."""
        return tuple(c.unit.display_name for c in self.cells if c.actual is None)


@dataclass(frozen=True)
class Statement:
    """What one or more units wrote for one part, word for word the same."""

    text: str
    units: tuple[str, ...]  # display names, in the order of units.yaml


@dataclass(frozen=True)
class AwardLine:
    """One award form of a decision or a proposal: counts, money, the document citing it."""

    label: str
    collectives: int
    individuals: int
    money: str  # "4.260.000", or "" (a proposal: the deciding level pays)
    kind: str  # "decision" or "proposal"
    symbol: str  # "01/QĐ-LĐTBXH"
    numbered: bool  # False for a draft: the report names the document without its blank number
    date: PartialDate


@dataclass(frozen=True)
class Cited:
    """A decision or tờ trình as the report cites it; a draft's blank number is left out."""

    symbol: str
    numbered: bool
    date: PartialDate
    to: str = ""  # a tờ trình's addressee


@dataclass(frozen=True)
class Awards:
    lines: tuple[AwardLine, ...]
    decisions: tuple[Cited, ...]
    proposals: tuple[Cited, ...]
    collectives: int
    individuals: int
    money: str  # total paid by the issued decisions (a draft pays nothing yet)

    # The same documents split: an issued one (numbered) is cited with its number and day, a
    # draft is counted as a draft, never said to be issued.
    issued_decisions: tuple[Cited, ...] = ()
    draft_decisions: tuple[Cited, ...] = ()
    issued_proposals: tuple[Cited, ...] = ()
    draft_proposals: tuple[Cited, ...] = ()


@dataclass(frozen=True)
class GroupMatrix:
    """Phụ lục II for one unit group: rows are targets, columns the units and the group total."""

    name: str
    units: tuple[Unit, ...]
    rows: tuple[tuple[TargetRow, Cell | None, tuple[Cell | None, ...]], ...]  # (row, group total, unit cells)

    def table(self, first: str, unit_title: str, plan_title: str, total_title: str) -> Table:
        """The matrix with the template's column titles; a cell holds the figure and, under it,
        the unit's own plan when the target is split; missed cells are marked (bold)."""
        fixed = [3300, 800, 1200]
        # The group total gets half a column more: it holds the largest figures. A unit's column
        # needs no more than UNIT_COLUMN ("17.349" over "(17.100)" at 13 pt): a small group gives
        # the rest to the targets' names, so their rows are not four lines high.
        share = min(UNIT_COLUMN, (TWIPS_LANDSCAPE - sum(fixed)) * 2 // (2 * len(self.units) + 3))
        fixed[0] = TWIPS_LANDSCAPE - fixed[1] - fixed[2] - share * len(self.units) - share * 3 // 2
        columns = [TableColumn(first, fixed[0], "left"), TableColumn(unit_title, fixed[1], "center"),
                   TableColumn(plan_title, fixed[2], "right")]
        columns += [TableColumn(column_title(u.short_name), share, "right") for u in self.units]
        columns.append(TableColumn(total_title, TWIPS_LANDSCAPE - sum(fixed) - share * len(self.units), "right"))
        # Names too wide to stand side by side level are turned (model/tables.py turn_titles).
        columns, head_height = turn_titles(columns, list(range(3, 3 + len(self.units))), TWIPS_LANDSCAPE, 3300)
        rows, marked = [], set()
        for i, (row, total, cells) in enumerate(self.rows):
            out = [row.name, row.unit, row.planned]
            for j, cell in enumerate((*cells, total)):
                if cell is None:
                    out.append("")
                    continue
                text = "—" if cell.actual is None else row.target.format_value(cell.actual)
                if cell.own and row.target.split and isinstance(cell.planned, Decimal):
                    text += f"\n({row.target.format_value(cell.planned)})"
                if cell.verdict == BELOW:
                    marked.add((i, 3 + j))
                out.append(text)
            rows.append(tuple(out))
        return Table(tuple(columns), tuple(rows), marked=frozenset(marked), head_height=head_height)


@dataclass(frozen=True)
class Consolidated:
    """The department's report of one year to the province."""

    header: Header
    number_line: str
    symbol: str  # the report's own number and symbol, as its annexes cite it
    year: int
    movement: str
    plan: Citation
    date: PartialDate
    units: int  # units in force that carry the plan
    groups: tuple[tuple[str, int], ...]  # (group name, units in it)
    reported: tuple[str, ...]  # display names of the units that reported this year
    not_reported: tuple[str, ...]  # display names of those that did not
    targets: tuple[TargetRow, ...]
    counts: dict[str, int]  # verdict code -> how many targets
    below: tuple[str, ...]  # names of the targets not met
    sections: dict[str, tuple[Statement, ...]]  # per narrative part
    situation: tuple[str, ...]  # the Sở's own paragraphs for section I
    texts: YearTexts  # the office's own texts of the year (empty lists when it wrote none)
    awards: Awards | None
    matrices: tuple[GroupMatrix, ...]
    has_previous: bool
    recipients: tuple[str, ...]
    archive: str
    signature: Signature
    # "2024-2025" and "2025-2026" when the report is of a school plan's year (Plan.school_year):
    # the template then says "năm học …" where it would say "năm …".
    school_year: str = ""
    next_school_year: str = ""

    @property
    def reported_count(self) -> int:
        return len(self.reported)


def _key(text: str) -> str:
    """Two statements are the same when they differ only in spacing, case or the final stop."""
    text = unicodedata.normalize("NFC", " ".join(text.split())).rstrip(" .;")
    return text.casefold()


def merge_statements(lines: list[tuple[str, str]]) -> tuple[Statement, ...]:
    """(unit, text) pairs -> one Statement per distinct text, in order of first appearance."""
    order: list[str] = []
    texts: dict[str, str] = {}
    units: dict[str, list[str]] = {}
    for unit, text in lines:
        key = _key(text)
        if not key:
            continue
        if key not in texts:
            order.append(key)
            texts[key] = " ".join(text.split())
            units[key] = []
        units[key].append(unit)
    return tuple(Statement(texts[k], tuple(units[k])) for k in order)


def _carriers(plan: Plan, units: Units, target: Target) -> list[tuple[Unit, object]]:
    """The units that carry `target`, each with the target as it carries it (Units.target_of:
    the one target, not each unit's every target searched for it)."""
    out = []
    for u in units.units:
        ut = units.target_of(target, u)
        if ut is not None:
            out.append((u, ut))
    return out


def _weights(target: Target, results: dict[str, ResultRecord]) -> dict[str, Decimal]:
    if not target.weight:
        return {}
    return {uid: r.values[target.weight] for uid, r in results.items() if target.weight in r.values}


def _cell(unit: Unit, ut, value: Decimal | None) -> Cell:
    own = ut.own
    planned = (ut.planned if ut.planned is not None else ut.target.value) if own else None
    verdict = evaluate(ut.target, value, planned) if own and value is not None else ""
    return Cell(unit, value, own, planned, verdict, _ratio(value, planned) if value is not None else None)


def judge(target: Target, carriers: list[tuple[Unit, object]], results: dict[str, ResultRecord],
          whole: bool = True):
    """(actual, compared-with plan or None, like_for_like, verdict, cells) of a target in a year.

    `whole`: the carriers are all the plan's (the province's figure, compared with the plan's
    value when every unit reported); else a group of them, which has a plan only as the sum of
    its shares or as the value each unit must reach.
    """
    cells = [_cell(u, ut, results[u.id].values.get(target.id) if u.id in results else None)
             for u, ut in carriers]
    values = {c.unit.id: c.actual for c in cells if c.actual is not None}
    actual = aggregate(target, values, _weights(target, results))
    missing = [c for c in cells if c.actual is None]
    if actual is None:
        return None, None, False, INSUFFICIENT, cells
    if not missing and whole:
        return actual, target.value, False, evaluate(target, actual), cells
    if target.split and target.aggregate == "sum" and all(c.own for c in cells):
        compared = sum((c.planned for c in cells if c.actual is not None), Decimal(0))
        return actual, compared, bool(missing), evaluate(target, actual, compared), cells
    if target.per_unit:  # the reporting units' plan is the value itself: like for like already
        return actual, target.value, False, evaluate(target, actual), cells
    return actual, None, False, INSUFFICIENT, cells


def _leading_lagging(target: Target, cells: list[Cell]) -> tuple[tuple[Named, ...], tuple[Named, ...]]:
    judged = [c for c in cells if c.own and c.actual is not None]
    if len(judged) < 2:
        return (), ()
    rated = [c for c in judged if c.ratio is not None]
    lagging = tuple(Named(c.unit.display_name, _text(c.ratio))
                    for c in sorted((c for c in judged if c.verdict == BELOW),
                                    key=lambda c: (c.ratio if c.ratio is not None else Decimal(0))))
    leading: tuple[Named, ...] = ()
    if rated:
        best = max(c.ratio for c in rated)
        top = [c for c in rated if c.ratio == best]
        if len(top) <= 2 and best > min(c.ratio for c in rated) and top[0].verdict != BELOW:
            leading = tuple(Named(c.unit.display_name, _text(c.ratio)) for c in top)
    return leading, lagging


def _rate_checks(target: Target, cells: list[Cell], results: dict[str, ResultRecord]) -> tuple[RateCheck, ...]:
    out = []
    for c in cells:
        result = results.get(c.unit.id)
        typed = result.rates.get(target.id) if result else None
        if typed is None or c.actual is None:
            continue
        if c.ratio is None or abs(typed - c.ratio) > RATE_TOLERANCE:
            out.append(RateCheck(c.unit.short_name, format_number(typed), _text(c.ratio)))
    return tuple(out)


def _due(target: Target, verdict: str, due: bool) -> str:
    """A `final` target's BELOW before the period's last year is NOT_DUE: its level is set for the
    end of the period ("đến năm 2025"), so an earlier year below it has not failed it."""
    return NOT_DUE if verdict == BELOW and not due and target.period == "final" else verdict


def target_rows(plan: Plan, units: Units, results: dict[str, ResultRecord],
                previous: dict[str, ResultRecord] | None = None, due: bool = True) -> tuple[TargetRow, ...]:
    """Every target of the plan judged on `results` (one year's, by unit id). `due`: the year is
    the period's last (Plan.last_year), when targets set for the end of the period are judged."""
    rows = []
    for n, target in enumerate(plan.targets.values(), start=1):
        carriers = _carriers(plan, units, target)
        actual, compared, like, verdict, cells = judge(target, carriers, results)
        verdict = _due(target, verdict, due)
        cells = [replace(c, verdict=_due(target, c.verdict, due)) for c in cells]
        last = ""
        if previous:
            values = {u.id: previous[u.id].values[target.id] for u, _ in carriers
                      if u.id in previous and target.id in previous[u.id].values}
            figure = aggregate(target, values, _weights(target, previous))
            last = "" if figure is None else target.format_value(figure)
        leading, lagging = _leading_lagging(target, cells)
        notes = tuple(UnitNote(c.unit.short_name, results[c.unit.id].notes[target.id]) for c in cells
                      if c.unit.id in results and target.id in results[c.unit.id].notes)
        rows.append(TargetRow(
            n, target, target.name, target.unit, target.planned,
            "" if compared is None or verdict == INSUFFICIENT else _planned_text(target, compared), like,
            "" if actual is None else target.format_value(actual), last,
            "" if actual is None or verdict == INSUFFICIENT else _text(_ratio(actual, compared)),
            verdict, len(cells) - sum(c.actual is None for c in cells), len(cells),
            tuple(c.unit.short_name for c in cells if c.actual is None), notes,
            _rate_checks(target, cells, results), leading, lagging, tuple(cells), actual,
            None if verdict == INSUFFICIENT else compared))
    return tuple(rows)


def _matrices(plan: Plan, units: Units, rows: tuple[TargetRow, ...],
              results: dict[str, ResultRecord], due: bool = True) -> tuple[GroupMatrix, ...]:
    out = []
    for gid, gname in units.groups.items():
        members = tuple(u for u in units.units if u.group == gid)
        if not members:
            continue
        lines = []
        for row in rows:
            by_unit = {c.unit.id: c for c in row.cells}
            cells = tuple(by_unit.get(u.id) for u in members)
            if all(c is None for c in cells):
                continue
            carriers = [(u, ut) for u, ut in _carriers(plan, units, row.target) if u.group == gid]
            actual, compared, _, verdict, _ = judge(row.target, carriers, results, whole=False)
            verdict = _due(row.target, verdict, due)
            total = Cell(members[0], actual, compared is not None, compared,
                         "" if verdict == INSUFFICIENT else verdict, None)
            lines.append((row, total, cells))
        out.append(GroupMatrix(gname, members, tuple(lines)))
    return tuple(out)


def award_summary(docs: list, year: int) -> Awards | None:
    """The year's decisions and proposals, counted by award form."""
    mine = [d for d in docs if d.year == year]
    if not mine:
        return None
    lines = []
    for d in mine:
        for f in d.forms:
            if d.kind == "decision" and len(d.forms) == 1:
                paid = d.total  # every row of a one-form decision is of that form
            elif d.kind == "proposal":
                paid = sum(r.amount for g in d.groups if g.form.key == f.key for r in g.rows)
            else:
                paid = sum(r.amount for r in d.rows if _form_of(d, r) == f.key)
            lines.append(AwardLine(f.label, f.collectives, f.individuals,
                                   format_number(paid) if d.kind == "decision" and f.money else "",
                                   d.kind, d.symbol, d.number is not None, d.date))
    decisions = tuple(Cited(d.symbol, d.number is not None, d.date) for d in mine if d.kind == "decision")
    proposals = tuple(Cited(d.symbol, d.number is not None, d.date, d.to) for d in mine if d.kind == "proposal")
    return Awards(tuple(lines), decisions, proposals, sum(x.collectives for x in lines),
                  sum(x.individuals for x in lines),
                  format_number(sum(d.total for d in mine if d.kind == "decision" and d.number is not None)),
                  tuple(c for c in decisions if c.numbered), tuple(c for c in decisions if not c.numbered),
                  tuple(c for c in proposals if c.numbered), tuple(c for c in proposals if not c.numbered))


def _form_of(doc, row) -> str:
    """A decision gives one form (several only when a group mixes them): the row's form key."""
    if len(doc.forms) == 1:
        return doc.forms[0].key
    for g in doc.groups:
        if row in g.rows:
            return g.form.key
    return doc.forms[0].key


def by_year(results: list[ResultRecord]) -> dict[int, dict[str, ResultRecord]]:
    out: dict[int, dict[str, ResultRecord]] = {}
    for r in results:
        out.setdefault(r.year, {})[r.unit] = r
    return out


def _report_date(results: dict[str, ResultRecord], year: int) -> PartialDate:
    dates = [r.date.to_date() for r in results.values() if r.date is not None and r.date.is_complete]
    day = max(dates) if dates else dt.date(year, 12, 31)
    return PartialDate.of(f"{day.year}-{day.month:02d}")


@dataclass(frozen=True)
class Reporting:
    """What the reports are made from: the units in force and every year's results."""

    units: Units
    results: tuple[ResultRecord, ...]
    texts: dict[int, YearTexts] = field(default_factory=dict)  # the office's own texts, by year
    reviews: tuple["Asked", ...] = ()  # the period reports asked for (sơ kết, tổng kết)

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({r.year for r in self.results}))


def _situation(plan: Plan, year: int, texts: YearTexts | None) -> tuple[str, ...]:
    if texts is not None and texts.situation:
        return tuple(texts.situation)
    if plan.report and year == plan.year:  # the older place of the plan year's text
        return tuple(plan.report.situation)
    return ()


def consolidated(plan: Plan, units: Units, results: list[ResultRecord], year: int,
                 award_docs: list | None = None, texts: YearTexts | None = None) -> Consolidated:
    """The report of `year` from every unit's results (all years, the previous one beside) and
    the office's own `texts` of that year (results/<year>/bao-cao.yaml). Section I takes their
    situation; without it, plan.yaml's report.situation, for the plan's own year only."""
    years = by_year(results)
    mine = years.get(year, {})
    previous = years.get(year - 1)
    due = year >= plan.last_year
    rows = target_rows(plan, units, mine, previous, due)
    counts = {code: sum(r.verdict == code for r in rows) for code in VERDICTS}
    ordered = [mine[u.id] for u in units.units if u.id in mine]
    sections = {key: merge_statements([(units.get(r.unit).display_name, r.narrative[key])
                                       for r in ordered if r.narrative.get(key, "").strip()])
                for key in NARRATIVE}
    groups = tuple((name, sum(u.group == gid for u in units.units)) for gid, name in units.groups.items()
                   if any(u.group == gid for u in units.units))
    report = plan.report
    return Consolidated(
        header=plan.header, number_line=doc_number(texts.number if texts else None, "BC", plan.header.abbreviation),
        symbol=doc_symbol(texts.number if texts else None, "BC", plan.header.abbreviation), year=year,
        movement=plan.movement_name, plan=cite_plan(plan),
        date=texts.date if texts is not None and texts.date is not None else _report_date(mine, year),
        units=len(units.units), groups=groups,
        reported=tuple(u.display_name for u in units.units if u.id in mine),
        not_reported=tuple(u.display_name for u in units.units if u.id not in mine),
        targets=rows, counts=counts, below=tuple(r.name for r in rows if r.verdict == BELOW),
        sections=sections, situation=_situation(plan, year, texts), texts=texts or YearTexts(year=year),
        awards=award_summary(award_docs or [], year), matrices=_matrices(plan, units, rows, mine, due),
        has_previous=previous is not None,
        recipients=tuple(f"- {r.rstrip(';.')};" for r in (report.recipients if report else [])),
        archive=archive_after_vt(report.archive) if report else "", signature=plan.signature,
        **_school_years(plan, year),
    )


def _school_years(plan: Plan, year: int) -> dict[str, str]:
    """The school year of the report and the next one, for the plan's own year of a school plan."""
    if not plan.school_year or year != plan.year:
        return {}
    first, second = (int(y) for y in plan.school_year.split("-"))
    return {"school_year": plan.school_year, "next_school_year": f"{first + 1}-{second + 1}"}


# --- the period: sơ kết / tổng kết ---------------------------------------------------------

@dataclass(frozen=True)
class PeriodRow:
    number: int
    name: str
    unit: str
    planned: str
    years: tuple[TargetRow, ...]  # the target in each year of the period
    verdict: str  # ABOVE, MET, BELOW or INSUFFICIENT over the period
    period: str = "each_year"  # how it is judged (Target.period)
    basis: int | None = None  # `final`: the year whose level is judged
    total: str = ""  # `total`: the years' figures added up
    total_planned: str = ""  # `total`: the years' plans (like for like) added up
    ratio: str = ""  # `total`: per cent of total_planned


def period_verdict(verdicts: list[str]) -> str:
    """Every year judged: any year below is below; all above is above; else met."""
    if not verdicts or INSUFFICIENT in verdicts:
        return INSUFFICIENT
    if BELOW in verdicts:
        return BELOW
    return ABOVE if all(v == ABOVE for v in verdicts) else MET


def period_row(number: int, target: Target, yearly: tuple[TargetRow, ...], years: tuple[int, ...]) -> PeriodRow:
    """One target over the period, judged as its `period` says:
    - each_year: every year reaches its plan (period_verdict);
    - final: a level set for the end of the period ("đến năm 2025"): the latest year with a
      verdict is the period's verdict, that year named; none judged: insufficient;
    - total: the years' figures added up against the years' plans (each year's like-for-like
      plan) added up; a year without a verdict leaves the total insufficient.
    """
    base = (number, target.name, target.unit, target.planned, yearly)
    if target.period == "final":
        judged = [(y, r) for y, r in zip(years, yearly, strict=True) if r.verdict != INSUFFICIENT]
        if not judged:
            return PeriodRow(*base, INSUFFICIENT, "final")
        year, row = judged[-1]
        return PeriodRow(*base, row.verdict, "final", basis=year)
    if target.period == "total":
        if any(r.verdict == INSUFFICIENT or not isinstance(r.plan_figure, Decimal) for r in yearly) or not yearly:
            return PeriodRow(*base, INSUFFICIENT, "total")
        actual = sum((r.figure for r in yearly), Decimal(0))
        planned = sum((r.plan_figure for r in yearly), Decimal(0))
        return PeriodRow(*base, evaluate(target, actual, planned), "total", total=target.format_value(actual),
                         total_planned=target.format_value(planned), ratio=_text(_ratio(actual, planned)))
    return PeriodRow(*base, period_verdict([r.verdict for r in yearly]))


@dataclass(frozen=True)
class Review:
    """The report of the period so far (sơ kết) or of the whole period (tổng kết)."""

    header: Header
    number_line: str
    symbol: str
    kind: str  # "sơ kết" or "tổng kết", as plan.yaml writes it
    first: int
    last: int
    movement: str
    plan: Citation
    date: PartialDate
    years: tuple[int, ...]
    rows: tuple[PeriodRow, ...]
    counts: dict[str, int]
    yearly: tuple[tuple[int, dict[str, int], int], ...]  # (year, verdict counts, units reported)
    units: int
    recipients: tuple[str, ...]
    archive: str
    signature: Signature
    texts: ReviewDocument | None = None  # the office's own texts (a documents/ record), if any
    numbers: dict[str, str] = field(default_factory=dict)  # section key -> its Roman number

    def table(self, number: str, first: str, unit_title: str, plan_title: str, year_title: str,
              verdict_title: str, above: str, met: str, below: str, insufficient: str,
              level: str = "", summed: str = "", not_due: str = "") -> Table:
        """Year-by-year figures of every target with the period's verdict; the template gives the
        titles and the verdict words, and the words naming what a `final` verdict judged
        ("mức năm" 2022) and what a `total` one added up ("cộng dồn" 37.540, 102,8%). Years
        below plan are marked."""
        words = {ABOVE: above, MET: met, BELOW: below, INSUFFICIENT: insufficient, NOT_DUE: not_due}
        fixed = (700, 4300, 900, 1500, 1900)
        share = (TWIPS_LANDSCAPE - sum(fixed)) // len(self.years)
        columns = [TableColumn(number, fixed[0], "center"), TableColumn(first, fixed[1], "left"),
                   TableColumn(unit_title, fixed[2], "center"), TableColumn(plan_title, fixed[3], "right")]
        columns += [TableColumn(f"{year_title} {y}", share, "right") for y in self.years]
        columns.append(TableColumn(verdict_title, fixed[4], "center"))
        rows, marked = [], set()
        for i, row in enumerate(self.rows):
            cells = [str(row.number), row.name, row.unit, row.planned]
            for j, year in enumerate(row.years):
                text = year.actual or "—"
                if year.ratio:
                    text += f"\n({year.ratio}%)"
                if year.verdict == BELOW:
                    marked.add((i, 4 + j))
                cells.append(text)
            verdict = words[row.verdict]
            if row.basis is not None and level:
                verdict += f"\n({level} {row.basis})"
            if row.total and summed:
                verdict += f"\n({summed} {row.total}; {row.ratio}%)"
            cells.append(verdict)
            rows.append(tuple(cells))
        return Table(tuple(columns), tuple(rows), marked=frozenset(marked))


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII")


def _numbers(texts: ReviewDocument | None) -> dict[str, str]:
    """The number of each section the period report has (Roman), and of the parts of its
    đánh giá (1, 2, 3): the office's sections only when it wrote them (the template holds the
    headings); "" for a section it has not."""
    keys = ["situation"] if texts is not None and texts.situation else []
    keys += ["years", "verdict"]
    keys += [k for k in ("next_period", "proposals") if texts is not None and getattr(texts, k)]
    parts = [k for k in ("strengths", "shortcomings", "causes") if texts is not None and getattr(texts, k)]
    every = dict.fromkeys(("situation", "next_period", "proposals", "strengths", "shortcomings", "causes"), "")
    return every | {k: ROMAN[i] for i, k in enumerate(keys)} | {k: str(i) for i, k in enumerate(parts, start=1)}


@dataclass(frozen=True)
class Asked:
    """A period report asked for: by a documents/ record (with texts) or plan.yaml's report.review."""

    kind: str
    until: int
    date: PartialDate | None
    texts: ReviewDocument | None = None


def period_reports(plan_dir, plan: Plan, plan_source) -> tuple[Asked, ...]:
    """The period reports of a plan folder: its documents/ records with a `review:` key, else
    plan.yaml's report.review. Raises RecordError at report.review when both ask for one."""
    from docgen.errors import RecordError
    from docgen.records.document import DOCUMENTS_DIR
    from docgen.records.review import load_reviews

    last = plan.last_year
    records = load_reviews(plan_dir / DOCUMENTS_DIR, plan.year, last)
    old = plan.report.review if plan.report else None
    if old is not None and records:
        raise RecordError.at(plan_source.locate(("report", "review")), "báo cáo "
                             f"{records[0][0].review} đã có ở {DOCUMENTS_DIR}/{records[0][1].path.name}: xóa khóa"
                             " report.review trong plan.yaml (báo cáo sơ kết, tổng kết nay là một văn bản trong"
                             f" {DOCUMENTS_DIR}/)", "report.review")
    if old is not None:
        return (Asked(old.kind, old.until, old.date),)
    return tuple(Asked(r.review, r.until, r.date, r) for r, _ in records)


def review(plan: Plan, units: Units, results: list[ResultRecord], asked: Asked | None = None) -> Review | None:
    """The period report `asked` for (default: plan.yaml's report.review), or None."""
    if asked is None:
        old = plan.report.review if plan.report else None
        asked = Asked(old.kind, old.until, old.date) if old is not None else None
    if asked is None:
        return None
    years = tuple(range(plan.year, asked.until + 1))
    by = by_year(results)
    last = plan.last_year
    per_year = [target_rows(plan, units, by.get(y, {}), by.get(y - 1), y >= last) for y in years]
    rows = []
    for i, target in enumerate(plan.targets.values()):
        rows.append(period_row(i + 1, target, tuple(rows_of[i] for rows_of in per_year), years))
    counts = {code: sum(r.verdict == code for r in rows) for code in VERDICTS}
    yearly_counts = tuple((y, {code: sum(r.verdict == code for r in per_year[k])
                               for code in VERDICTS}, len(by.get(y, {})))
                          for k, y in enumerate(years))
    report = plan.report
    date = asked.date or _report_date(by.get(asked.until, {}), asked.until)
    return Review(plan.header, doc_number(None, "BC", plan.header.abbreviation),
                  doc_symbol(None, "BC", plan.header.abbreviation), asked.kind, plan.year,
                  asked.until, plan.movement_name, cite_plan(plan), date, years, tuple(rows), counts,
                  yearly_counts, len(units.units),
                  tuple(f"- {r.rstrip(';.')};" for r in (report.recipients if report else [])),
                  archive_after_vt(report.archive) if report else "", plan.signature, asked.texts,
                  _numbers(asked.texts))
