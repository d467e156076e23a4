"""Units in force on the plan's date, and which targets each one carries with what figure."""

import zlib
from dataclasses import dataclass
from decimal import Decimal

from docgen.errors import Problem, RecordError
from docgen.model.plan import Header, Plan, Signature
from docgen.model.rich import Lines
from docgen.model.targets import Target
from docgen.records.heading import header_problems
from docgen.records.units import UnitRecord, UnitsRecord
from docgen.records.yamlsource import Source, format_field
from docgen.texts import did_you_mean
from docgen.vn import heading, upper


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    group: str
    group_name: str
    header: Header
    signature: Signature
    place: str
    short_name: str = ""  # the annex's column title; the name when units.yaml gives none

    @property
    def display_name(self) -> str:
        """"Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn" in a list of several units."""
        parent = str(self.header.parent)
        if parent.startswith("UBND "):
            where = parent.split(" ", 1)[1].lower().replace(self.place.lower(), self.place)
            if where.lower() not in self.name.lower():  # "Phòng Nội vụ huyện Ninh Giang" says it already
                return f"{self.name} {where}"
        return self.name


@dataclass(frozen=True)
class UnitTarget:
    """A target as one unit carries it: its share of a split target, or the whole figure."""

    target: Target
    planned: Decimal | None  # the unit's own figure, None when it carries a range or bound
    planned_text: str
    own: bool = True  # the unit has a plan of its own (a share of a split, or a per-unit target)

    @property
    def id(self) -> str:
        return self.target.id

    @property
    def field_id(self) -> int:
        """A stable content-control id (w:id) per target: Word wants them unique in a file."""
        return zlib.crc32(self.target.id.encode()) % 900_000_000 + 1


@dataclass(frozen=True)
class Units:
    units: tuple[Unit, ...]
    groups: dict[str, str]  # id -> name, in the file's order
    all_ids: frozenset[str]

    def get(self, unit_id: str) -> Unit | None:
        return next((u for u in self.units if u.id == unit_id), None)

    def targets_of(self, plan: Plan, unit: Unit) -> list[UnitTarget]:
        """The targets of `plan` that `unit` carries, in the plan's order (`target_of` each)."""
        return [ut for ut in (self.target_of(t, unit) for t in plan.targets.values()) if ut is not None]

    @staticmethod
    def target_of(t: Target, unit: Unit) -> UnitTarget | None:
        """Target `t` as `unit` carries it, or None when the unit does not carry it."""
        if unit.group not in t.groups:
            return None
        share = t.split.get(unit.id) if t.split else None
        if share is not None:
            return UnitTarget(t, share, t.format_value(share))
        if t.split:
            return None  # a split target a unit has no share of
        if t.per_unit:
            return UnitTarget(t, t.value if isinstance(t.value, Decimal) else None, t.planned)
        # The province's figure is not the unit's plan: the form shows it, the report compares
        # nothing with it unit by unit.
        return UnitTarget(t, None, t.planned, own=False)


def _in_force(u: UnitRecord, on) -> bool:
    return (u.valid_from is None or u.valid_from.to_date() <= on) and (
        u.valid_to is None or on <= u.valid_to.to_date())


def build_units(plan: Plan, record: UnitsRecord, source: Source, plan_source: Source) -> Units:
    """Units in force on the plan's date; every cross-reference checked and located."""
    problems: list[Problem] = []
    groups = {g.id: g.name for g in record.groups}
    ids = [u.id for u in record.units]
    for i, u in enumerate(record.units):
        if ids.index(u.id) != i:
            problems.append(Problem(source.locate(("units", i, "id")), f"mã đơn vị '{u.id}' bị trùng",
                                    format_field(("units", i, "id"))))
        if u.group not in groups:
            problems.append(Problem(source.locate(("units", i, "group")),
                                    f"không có nhóm '{u.group}' trong groups (có: {', '.join(groups)})",
                                    format_field(("units", i, "group"))))
        if u.successor is not None and u.successor not in ids:
            problems.append(Problem(source.locate(("units", i, "successor")),
                                    f"không có đơn vị '{u.successor}'" + did_you_mean(u.successor, ids),
                                    format_field(("units", i, "successor"))))
    for n, t in enumerate(plan.targets.values()):
        for k, g in enumerate(t.groups):
            if g not in groups:
                path = ("targets", n, "groups", k)
                problems.append(Problem(plan_source.locate(path), f"không có nhóm đơn vị '{g}' trong units.yaml"
                                        f" (có: {', '.join(groups)})", format_field(path)))
        for uid in t.split:
            unit = next((u for u in record.units if u.id == uid), None)
            if unit is None or unit.group not in t.groups:
                path = ("targets", n, "split", uid)
                why = ("không có trong units.yaml" + did_you_mean(uid, ids) if unit is None
                       else "không thuộc nhóm thực hiện chỉ tiêu này")
                problems.append(Problem(plan_source.locate(path, key=True), f"đơn vị '{uid}' {why}",
                                        format_field(path)))
        if t.aggregate == "weighted" and t.weight not in plan.targets:
            path = ("targets", n, "weight")
            problems.append(Problem(plan_source.locate(path), "bình quân gia quyền cần `weight`: mã của một chỉ"
                                    " tiêu có trong kế hoạch", format_field(path)))
    for i, u in enumerate(record.units):
        problems += header_problems(source, u, ("units", i), kept=plan.organisation.fixed_names)
    if problems:
        raise RecordError(problems)
    on = plan.date.to_date()
    units = []
    kept = plan.organisation.fixed_names  # the issuer's names: its units name the same places
    for u in record.units:
        if not _in_force(u, on):
            continue
        lines = Lines(heading.lines(u.header_lines or u.name, bold=True, kept=kept))
        header = Header(Lines(heading.lines(u.parent, bold=False, kept=kept)), lines, u.abbreviation, u.place)
        units.append(Unit(u.id, u.name, u.group, groups[u.group], header,
                          Signature((upper(u.head.title),), u.head.name), u.place, u.short_name or u.name))
    return Units(tuple(units), groups, frozenset(ids))
