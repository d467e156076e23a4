"""Unit report forms (biểu mẫu) and the consolidated report (báo cáo tổng hợp) of a year."""

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from docgen.errors import Problem, RecordError
from docgen.model.plan import Header, Plan, Signature
from docgen.model.targets import Target
from docgen.model.units import Unit, Units, UnitTarget
from docgen.records.schema import Bound, Range
from docgen.records.units import NARRATIVE, ResultRecord
from docgen.records.yamlsource import Source, format_field
from docgen.vn import doc_number, format_date, format_number

SECTION_TITLES = {
    "chi_dao": "Công tác chỉ đạo, triển khai",
    "ket_qua_linh_vuc": "Kết quả theo từng lĩnh vực",
    "mo_hinh": "Mô hình, sáng kiến, điển hình tiên tiến",
    "khen_thuong": "Công tác khen thưởng",
    "ton_tai": "Tồn tại, hạn chế và nguyên nhân",
    "phuong_huong": "Phương hướng, nhiệm vụ",
    "kien_nghi": "Đề xuất, kiến nghị",
}
MISSING = "chưa có số liệu"


@dataclass(frozen=True)
class Form:
    """The pre-filled report form one unit fills in."""

    unit: Unit
    header: Header
    year: int
    to: str  # Kính gửi
    subject: str
    targets: tuple[UnitTarget, ...]
    deadline: str
    recipients: tuple[str, ...]
    signature: Signature
    type_abbr: str = "BC"

    @property
    def number_suffix(self) -> str:
        return f"/BC-{self.header.abbreviation}"


def _movement_subject(plan: Plan) -> str:
    return f"Kết quả thực hiện phong trào thi đua “{plan.movement_name}” năm {plan.year}"


def unit_forms(plan: Plan, units: Units) -> list[Form]:
    org = plan.organisation
    to = org.addressed_as or f"{org.name} tỉnh {org.place}"
    deadline = ""
    if plan.deadline is not None:
        deadline = (f"Báo cáo gửi về {org.name} (qua Văn phòng Sở) trước ngày"
                    f" {format_date(plan.deadline, short=True)}./.")
    forms = []
    for unit in units.units:
        forms.append(Form(unit, unit.header, plan.year, to, _movement_subject(plan),
                          tuple(units.targets_of(plan, unit)), deadline, ("- Như trên;", "- Lưu: VT."),
                          unit.signature))
    return forms


# --- the consolidated report ------------------------------------------------------------

def _ratio(actual: Decimal, planned: Decimal | None) -> str:
    if planned is None or planned == 0:
        return "—"
    return format_number((actual / planned * 100).quantize(Decimal("0.1"), ROUND_HALF_UP))


def evaluate(target: Target, actual: Decimal, planned: Decimal | Range | Bound | None = None) -> str:
    """Vượt / Đạt / Không đạt, the direction of the target taken into account."""
    v = target.value if planned is None else planned
    lower = target.direction == "lower"
    if isinstance(v, Range):
        if v.min <= actual <= v.max:
            return "Đạt"
        better = actual < v.min if lower else actual > v.max
        return "Vượt" if better else "Không đạt"
    if isinstance(v, Bound):
        if v.below is not None:
            return "Đạt" if actual < v.below else "Không đạt"
        return "Đạt" if actual > v.above else "Không đạt"
    if actual == v:
        return "Đạt"
    better = actual < v if lower else actual > v
    return "Vượt" if better else "Không đạt"


@dataclass(frozen=True)
class TargetRow:
    number: int
    name: str
    unit: str
    planned: str
    actual: str  # formatted, or MISSING
    ratio: str
    verdict: str
    reported: str  # "8/8 đơn vị"


@dataclass(frozen=True)
class UnitRow:
    number: int
    unit: str
    target: str
    planned: str
    actual: str
    ratio: str


@dataclass(frozen=True)
class UnitGroupTable:
    heading: str
    rows: tuple[UnitRow, ...]


@dataclass(frozen=True)
class Section:
    heading: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    """The department's report to the province, gathered from the units' results."""

    header: Header
    number_line: str
    date_line: str
    year: int
    to: str
    subject: str
    opening: str
    targets: tuple[TargetRow, ...]
    groups: tuple[UnitGroupTable, ...]
    not_reported: tuple[str, ...]
    sections: dict[str, Section]
    recipients: tuple[str, ...]
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
            why = ("không có trong units.yaml" if result.unit not in units.all_ids
                   else "không còn tồn tại vào ngày kế hoạch")
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' {why}", "unit"))
            continue
        if result.unit in seen:
            problems.append(Problem(source.locate(("unit",)), f"đơn vị '{result.unit}' đã có kết quả trong"
                                    f" {seen[result.unit].path.name}", "unit"))
        seen[result.unit] = source
        if result.year != plan.year:
            problems.append(Problem(source.locate(("year",)), f"năm {result.year} khác năm của kế hoạch"
                                    f" ({plan.year})", "year"))
        carried = {t.id for t in units.targets_of(plan, unit)}
        for tid in result.values:
            if tid not in carried:
                path = ("values", tid)
                problems.append(Problem(source.locate(path, key=True), f"đơn vị '{unit.id}' không thực hiện chỉ"
                                        f" tiêu '{tid}'", format_field(path)))
    if problems:
        raise RecordError(problems)


def _plan_reference(plan: Plan) -> str:
    """"Kế hoạch số 125/KH-LĐTBXH ngày 15 tháng 9 năm 2021"; a draft's blanks are left out."""
    text = "Kế hoạch"
    if plan.number is not None:
        text += " số " + doc_number(plan.number, plan.type_abbr, plan.header.abbreviation).removeprefix("Số: ")
    if plan.date.is_complete:
        return f"{text} {format_date(plan.date)}"
    month = f"tháng {plan.date.month} " if plan.date.month else ""
    return f"{text} {month}năm {plan.year}"


def consolidated_report(plan: Plan, units: Units, results: list[ResultRecord]) -> Report:
    by_unit = {r.unit: r for r in results}
    org = plan.organisation
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
            MISSING if actual is None else target.format_value(actual),
            "—" if actual is None else _ratio(actual, planned_number),
            "—" if actual is None else evaluate(target, actual),
            f"{len(values)}/{len(carriers)} đơn vị",
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
                    MISSING if value is None else ut.target.format_value(value),
                    "—" if value is None else _ratio(value, ut.planned)))
        if table_rows:
            groups.append(UnitGroupTable(f"2.{len(groups) + 1}. {gname}", tuple(table_rows)))
    not_reported = tuple(u.display_name for u in units.units if u.id not in by_unit)
    sections = {}
    ordered = [by_unit[u.id] for u in units.units if u.id in by_unit]  # in the order of units.yaml
    for key in NARRATIVE:
        lines = tuple(f"- {units.get(r.unit).display_name}: {r.narrative[key].strip()}"
                      for r in ordered if r.narrative.get(key, "").strip())
        sections[key] = Section(SECTION_TITLES[key], lines or ("Các đơn vị chưa báo cáo nội dung này.",))
    opening = (f"Thực hiện {_plan_reference(plan)} của {org.name} phát động phong trào thi đua"
               f" “{plan.movement_name}”, {org.name} báo cáo kết quả thực hiện năm {plan.year} như sau:")
    dates = [r.date.to_date() for r in results if r.date is not None and r.date.is_complete]
    day = max(dates) if dates else dt.date(plan.year, 12, 31)
    return Report(
        header=plan.header, number_line=doc_number(None, "BC", plan.header.abbreviation),
        date_line=f"{plan.header.place}, {format_date(f'{plan.year}-12')}", year=plan.year,
        to=org.superior or f"Ủy ban nhân dân tỉnh {org.place}", subject=_movement_subject(plan),
        opening=opening, targets=tuple(rows), groups=tuple(groups), not_reported=not_reported,
        sections=sections, recipients=("- Như trên;", "- Sở Nội vụ;", "- Lưu: VT, VP."),
        signature=plan.signature, date=day,
    )
