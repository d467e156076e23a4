"""Unit report forms (biểu mẫu) and the consolidated report (báo cáo tổng hợp) of a year.

Values only: figures, ratios, verdicts as codes, the units' own lines. The sentences, headings
and fallbacks of the pages are written in templates/bieu-mau.docx and bao-cao-tong-hop.docx.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from docgen.errors import Problem, RecordError
from docgen.model.plan import Header, Plan, Signature
from docgen.model.targets import Target
from docgen.model.units import Unit, Units, UnitTarget
from docgen.records.counts import count_problems
from docgen.records.schema import Bound, Range
from docgen.records.units import NARRATIVE, ResultRecord
from docgen.records.yamlsource import Source, format_field
from docgen.vn import PartialDate, doc_number, doc_symbol, format_number

NOT_AVAILABLE = "—"  # a ratio or verdict that cannot be computed (no figure, no numeric plan)


@dataclass(frozen=True)
class Form:
    """The pre-filled report form one unit fills in."""

    unit: Unit
    header: Header
    year: int
    movement: str  # the movement's name
    targets: tuple[UnitTarget, ...]
    deadline: PartialDate | None  # report before this day
    via: str  # the office the report goes through ("Văn phòng Sở"), or ""
    recipients: tuple[str, ...]  # Nơi nhận lines of the record, "- … ;"
    signature: Signature
    type_abbr: str = "BC"

    @property
    def number_suffix(self) -> str:
        return f"/BC-{self.header.abbreviation}"


def unit_forms(plan: Plan, units: Units) -> list[Form]:
    """One form per unit in force, with the targets it carries and the plan's report deadline."""
    via = (plan.report.via or "") if plan.report else ""
    return [Form(unit, unit.header, plan.year, plan.movement_name, tuple(units.targets_of(plan, unit)),
                 plan.deadline, via, (), unit.signature) for unit in units.units]


# --- the consolidated report ------------------------------------------------------------

def _ratio(actual: Decimal, planned: Decimal | None) -> str:
    if planned is None or planned == 0:
        return NOT_AVAILABLE
    return format_number((actual / planned * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))


ABOVE, MET, BELOW = "above", "met", "below"  # the template writes them as Vượt / Đạt / Không đạt


def evaluate(target: Target, actual: Decimal, planned: Decimal | Range | Bound | None = None) -> str:
    """"above" (vượt), "met" (đạt) or "below" (không đạt), the direction of the target taken into account."""
    v = target.value if planned is None else planned
    lower = target.direction == "lower"
    if isinstance(v, Range):
        if v.min <= actual <= v.max:
            return MET
        better = actual < v.min if lower else actual > v.max
        return ABOVE if better else BELOW
    if isinstance(v, Bound):
        if v.below is not None:
            return MET if actual < v.below else BELOW
        return MET if actual > v.above else BELOW
    if actual == v:
        return MET
    better = actual < v if lower else actual > v
    return ABOVE if better else BELOW


@dataclass(frozen=True)
class TargetRow:
    number: int
    name: str
    unit: str
    planned: str
    actual: str  # formatted, or "" when no unit reported it
    ratio: str
    verdict: str  # ABOVE, MET, BELOW, or "" without a figure
    reported: int  # how many units reported a figure
    carriers: int  # how many units carry the target


@dataclass(frozen=True)
class UnitRow:
    number: int
    unit: str
    target: str
    planned: str
    actual: str  # "" when the unit has not reported it
    ratio: str
    note: str = ""  # the unit's Ghi chú for this target (results notes:), as typed


@dataclass(frozen=True)
class UnitGroupTable:
    name: str  # the group's name in units.yaml
    rows: tuple[UnitRow, ...]


@dataclass(frozen=True)
class Line:
    """What one unit wrote for one part of the report."""

    unit: str
    text: str


@dataclass(frozen=True)
class Report:
    """The department's report to the province, gathered from the units' results."""

    header: Header
    number_line: str
    year: int
    movement: str
    plan_type: str  # "Kế hoạch", as the plan record names its type
    plan_symbol: str  # "125/KH-LĐTBXH", or "" for a plan without a number
    plan_date: PartialDate
    targets: tuple[TargetRow, ...]
    groups: tuple[UnitGroupTable, ...]
    not_reported: tuple[str, ...]
    sections: dict[str, tuple[Line, ...]]  # per narrative part, in the order of units.yaml
    recipients: tuple[str, ...]  # Nơi nhận lines of the record, "- … ;"
    archive: str  # the drafting unit after "Lưu: VT"
    signature: Signature
    date: dt.date


def aggregate(target: Target, values: dict[str, Decimal], weights: dict[str, Decimal]) -> Decimal | None:
    """The units' figures added up as the target says: sum, mean or weighted mean."""
    if not values:
        return None
    if target.aggregate == "sum":
        return sum(values.values(), Decimal(0))
    if target.aggregate == "weighted":
        pairs = [(v, weights[u]) for u, v in values.items() if u in weights]
        total = sum((w for _, w in pairs), Decimal(0))
        if not pairs or total == 0:
            return None
        return (sum((v * w for v, w in pairs), Decimal(0)) / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return (sum(values.values(), Decimal(0)) / len(values)).quantize(Decimal("0.01"), ROUND_HALF_UP)


def check_results(plan: Plan, units: Units, results: list[tuple[ResultRecord, Source]]) -> None:
    """Each result names a unit in force, the plan's year, and only targets that unit carries."""
    problems: list[Problem] = []
    seen: dict[str, Source] = {}
    for result, source in results:
        unit = units.get(result.unit)
        if unit is None:
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' "
                                    + ("không có trong units.yaml" if result.unit not in units.all_ids
                                       else "không còn tồn tại vào ngày kế hoạch"), "unit"))
            continue
        if result.unit in seen:
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' đã có kết quả trong"
                                    f" {seen[result.unit].path.name}", "unit"))
        seen[result.unit] = source
        if result.year != plan.year:
            problems.append(Problem(source.locate(("year",)), f"năm {result.year} khác năm của kế hoạch"
                                    f" ({plan.year})", "year"))
        carried = {t.id for t in units.targets_of(plan, unit)}
        problems += count_problems(result.values, {t.id: t.unit for t in plan.targets.values()}, source)
        for tid in result.values:
            if tid not in carried:
                path = ("values", tid)
                problems.append(Problem(source.locate(path, key=True), f"đơn vị '{unit.id}' không thực hiện chỉ"
                                        f" tiêu '{tid}'", format_field(path)))
    if problems:
        raise RecordError(problems)


def consolidated_report(plan: Plan, units: Units, results: list[ResultRecord]) -> Report:
    by_unit = {r.unit: r for r in results}
    rows = []
    for n, target in enumerate(plan.targets.values(), start=1):
        carriers = [u for u in units.units if any(t.id == target.id for t in units.targets_of(plan, u))]
        values = {u.id: by_unit[u.id].values[target.id] for u in carriers
                  if u.id in by_unit and target.id in by_unit[u.id].values}
        weights = {}
        if target.weight:
            weights = {uid: r.values[target.weight] for uid, r in by_unit.items() if target.weight in r.values}
        actual = aggregate(target, values, weights)
        planned_number = target.value if isinstance(target.value, Decimal) else None
        rows.append(TargetRow(
            n, target.name, target.unit, target.planned,
            "" if actual is None else target.format_value(actual),
            NOT_AVAILABLE if actual is None else _ratio(actual, planned_number),
            "" if actual is None else evaluate(target, actual),
            len(values), len(carriers),
        ))
    groups = []
    for gid, gname in units.groups.items():
        members = [u for u in units.units if u.group == gid]
        table_rows = []
        for u in members:
            result = by_unit.get(u.id)
            for ut in units.targets_of(plan, u):
                value = result.values.get(ut.id) if result else None
                table_rows.append(UnitRow(
                    len(table_rows) + 1, u.display_name, ut.target.name, ut.planned_text,
                    "" if value is None else ut.target.format_value(value),
                    NOT_AVAILABLE if value is None else _ratio(value, ut.planned),
                    result.notes.get(ut.id, "") if result else ""))
        if table_rows:
            groups.append(UnitGroupTable(gname, tuple(table_rows)))
    not_reported = tuple(u.display_name for u in units.units if u.id not in by_unit)
    ordered = [by_unit[u.id] for u in units.units if u.id in by_unit]  # in the order of units.yaml
    sections = {key: tuple(Line(units.get(r.unit).display_name, r.narrative[key].strip())
                           for r in ordered if r.narrative.get(key, "").strip()) for key in NARRATIVE}
    dates = [r.date.to_date() for r in results if r.date is not None and r.date.is_complete]
    day = max(dates) if dates else dt.date(plan.year, 12, 31)
    report = plan.report
    return Report(
        header=plan.header, number_line=doc_number(None, "BC", plan.header.abbreviation), year=plan.year,
        movement=plan.movement_name, plan_type=plan.type_name,
        plan_symbol="" if plan.number is None else doc_symbol(plan.number, plan.type_abbr, plan.header.abbreviation),
        plan_date=plan.date, targets=tuple(rows), groups=tuple(groups), not_reported=not_reported,
        sections=sections, recipients=tuple(f"- {r.rstrip(';.')};" for r in (report.recipients if report else [])),
        archive=report.archive if report else "",
        signature=plan.signature, date=day,
    )
