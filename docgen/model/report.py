"""Unit report forms (biểu mẫu), the units' results checked, and how figures add up and are judged.

Values only: figures, verdicts as codes. The sentences of the pages are written in
templates/bieu-mau.docx; the consolidated report itself is docgen/model/consolidated.py.
"""

import calendar
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from docgen.errors import Problem, RecordError
from docgen.model.citation import Citation, cite_plan
from docgen.model.plan import Header, Plan, Signature
from docgen.model.targets import Target
from docgen.model.units import Unit, Units, UnitTarget
from docgen.records.counts import count_problems
from docgen.records.schema import Bound, Range
from docgen.records.units import ResultRecord
from docgen.records.yamlsource import Source, format_field
from docgen.texts import did_you_mean, say
from docgen.vn import PartialDate, format_number

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
    plan: Citation  # the plan the form reports on, cited as every document cites it
    type_abbr: str = "BC"
    school_year: str = ""  # "2024-2025": the form of a school plan's year (Plan.school_year)

    @property
    def number_suffix(self) -> str:
        return f"/BC-{self.header.abbreviation}"

    @property
    def dated_year(self) -> int:
        """The year of the form's place-date line (see `dated_year`)."""
        return dated_year(self.deadline, self.year)


def report_deadline(plan: Plan, year: int) -> PartialDate | None:
    """The units' report deadline for `year` of the plan's period: the plan's `report_deadline`,
    the same day and month as many years later as `year` is after the plan's year."""
    deadline = plan.deadline
    if deadline is not None and year != plan.year:
        deadline = _shifted(deadline, year - plan.year)
    return deadline


def dated_year(deadline: PartialDate | None, year: int) -> int:
    """The year a unit dates its report of `year`: the unit signs it by the deadline, so the form of a
    school year (year 2024, deadline 15/5/2025) is dated 2025; without a deadline, `year`."""
    return deadline.year if deadline is not None else year


def unit_forms(plan: Plan, units: Units, year: int | None = None) -> list[Form]:
    """One form per unit in force, with the targets it carries and the plan's report deadline;
    for a later `year` of the plan's period, the same day and month of that year."""
    via = (plan.report.via or "") if plan.report else ""
    year = year or plan.year
    deadline = report_deadline(plan, year)
    return [Form(unit, unit.header, year, plan.movement_name, tuple(units.targets_of(plan, unit)),
                 deadline, via, (), unit.signature, cite_plan(plan),
                 school_year=(plan.school_year or "") if year == plan.year else "") for unit in units.units]


def _shifted(day: PartialDate, years: int) -> PartialDate:
    """The same day and month `years` later (a school year's deadline in May stays in the year after
    the plan's year); 29 February falls back to the 28th in a common year."""
    year = day.year + years
    if day.day is None:
        return PartialDate(year, day.month)
    return PartialDate(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


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


def _shown(source: Source) -> str:
    """A result file as the user knows it: "kim_son.yaml", or "2022/kim_son.yaml" below results/."""
    path = source.path
    return path.name if path.parent.name == "results" else f"{path.parent.name}/{path.name}"


def check_results(plan: Plan, units: Units, results: list[tuple[ResultRecord, Source]]) -> None:
    """Each result names a unit in force, a year of the plan's period (plan.yaml report.until,
    else the plan's year alone), once per unit and year, and only targets that unit carries."""
    problems: list[Problem] = []
    seen: dict[tuple[str, int], Source] = {}
    last = plan.last_year
    for result, source in results:
        unit = units.get(result.unit)
        if unit is None:
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' "
                                    + ("không có trong units.yaml" + did_you_mean(result.unit, units.all_ids)
                                       if result.unit not in units.all_ids
                                       else "không còn tồn tại vào ngày kế hoạch"), "unit"))
            continue
        if (result.unit, result.year) in seen:
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' đã có kết quả năm"
                                    f" {result.year} trong {_shown(seen[result.unit, result.year])}", "unit"))
        seen[result.unit, result.year] = source
        if result.year != plan.year and not plan.year <= result.year <= last:
            problems.append(Problem(source.locate(("year",)), f"năm {result.year} khác năm của kế hoạch"
                                    f" ({plan.year})" if last == plan.year else
                                    f"năm {result.year} ngoài giai đoạn của kế hoạch ({plan.year}-{last})", "year"))
        carried = {t.id for t in units.targets_of(plan, unit)}
        problems += count_problems(result.values, {t.id: t.unit for t in plan.targets.values()}, source)
        for tid in result.values:
            if tid not in plan.targets:
                path = ("values", tid)
                problems.append(Problem(source.locate(path, key=True), say(
                    "no target '{target}' in plan.yaml{hint}", target=tid,
                    hint=did_you_mean(tid, plan.targets)), format_field(path)))
            elif tid not in carried:
                path = ("values", tid)
                problems.append(Problem(source.locate(path, key=True), f"đơn vị '{unit.id}' không thực hiện chỉ"
                                        f" tiêu '{tid}'", format_field(path)))
    if problems:
        raise RecordError(problems)
