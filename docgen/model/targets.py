"""Targets (chỉ tiêu) with their planned values as the text writes them."""

import functools
from dataclasses import dataclass
from decimal import Decimal

from docgen.records import TargetRecord
from docgen.records.schema import Bound, Range
from docgen.vn import format_number


@dataclass(frozen=True)
class Target:
    """A target of the plan; `planned` is how its value reads in a sentence ("70%-72%")."""

    id: str
    name: str
    unit: str
    value: Decimal | Range | Bound
    direction: str
    groups: tuple[str, ...]
    split: dict[str, Decimal]
    aggregate: str  # sum, mean or weighted
    weight: str | None
    per_unit: bool = False  # the value binds each unit too: every unit carries it as its own plan
    period: str = "each_year"  # how the period report judges it: each_year, final or total

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def _fmt(self, number: Decimal) -> str:
        return format_number(number) + ("%" if self.is_percent else "")

    def format_value(self, number: Decimal) -> str:
        """A figure of this target as the text writes it: "19.400", "1,8%"."""
        return self._fmt(number)

    @functools.cached_property  # the reports ask it of every unit's every target (issue 16)
    def planned(self) -> str:
        v = self.value
        if isinstance(v, Range):
            return f"{self._fmt(v.min)}-{self._fmt(v.max)}"
        if isinstance(v, Bound):
            return f"dưới {self._fmt(v.below)}" if v.below is not None else f"trên {self._fmt(v.above)}"
        return self._fmt(v)

    def parts(self) -> dict[str, str]:
        """What `{{ targets.<id>.<part> }}` may name."""
        v = self.value
        out = {"": self.planned, "name": self.name, "unit": self.unit}
        if isinstance(v, Range):
            out["min"] = format_number(v.min)
            out["max"] = format_number(v.max)
        elif isinstance(v, Bound):
            out["value"] = format_number(v.below if v.below is not None else v.above)
        else:
            out["value"] = format_number(v)
        return out

    @classmethod
    def from_record(cls, rec: TargetRecord) -> "Target":
        aggregate = rec.aggregate or ("mean" if rec.unit == "%" else "sum")
        return cls(rec.id, rec.name, rec.unit, rec.value, rec.direction, tuple(rec.groups), dict(rec.split),
                   aggregate, rec.weight, rec.per_unit, rec.period)
