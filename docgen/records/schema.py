"""The shape of every record file, as frozen pydantic models that forbid unknown keys."""

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from docgen.vn import DOC_TYPES, PartialDate, parse_partial_date

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, Field(min_length=1)]
Abbreviation = Annotated[str, Field(pattern=r"^[0-9A-Za-zĐđ&]+(-[0-9A-Za-zĐđ&]+)*$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("ngày tháng phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2021-09-15")
    return parse_partial_date(value)


DateField = Annotated[PartialDate, BeforeValidator(_partial_date)]


# --- organisation.yaml -------------------------------------------------------------------

class Person(Record):
    name: Text
    title: Text


class Deputy(Person):
    id: Identifier


class Organisation(Record):
    """Cơ quan ban hành: names for the header, ký hiệu, địa danh and who signs."""

    parent: Text
    name: Text
    header_lines: list[Text] | None = None
    abbreviation: Abbreviation
    place: Text
    head: Person
    deputies: list[Deputy] = []
    addressed_as: Text | None = None  # how units write to it: "Sở … tỉnh Ninh Bình" (Kính gửi)
    superior: Text | None = None  # to whom its own reports go: "Ủy ban nhân dân tỉnh Ninh Bình"


# --- plan.yaml -----------------------------------------------------------------------------

def _number(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(
            f"phải là một số (viết 19400 hoặc 70.5, không dùng dấu chấm ngăn cách hàng nghìn),"
            f" nhận được {value!r}"
        )
    return Decimal(str(value))


Number = Annotated[Decimal, BeforeValidator(_number)]


class Range(Record):
    min: Number
    max: Number

    @model_validator(mode="after")
    def _ordered(self) -> "Range":
        if self.min >= self.max:
            raise ValueError("min phải nhỏ hơn max")
        return self


class Bound(Record):
    below: Number | None = None
    above: Number | None = None

    @model_validator(mode="after")
    def _one(self) -> "Bound":
        if (self.below is None) == (self.above is None):
            raise ValueError("ngưỡng cần đúng một trong hai khóa: below (dưới) hoặc above (trên)")
        return self


def _value_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        if value.keys() & {"min", "max"}:
            return "range"
        if value.keys() & {"below", "above"}:
            return "bound"
        return None
    return "number"


TargetValue = Annotated[
    Annotated[Number, Tag("number")] | Annotated[Range, Tag("range")] | Annotated[Bound, Tag("bound")],
    Discriminator(
        _value_kind,
        custom_error_type="target_value",
        custom_error_message="giá trị kế hoạch là một số, một khoảng {min: 70, max: 72}"
        " hoặc một ngưỡng {below: 2} / {above: 50}",
    ),
]


class TargetRecord(Record):
    """Chỉ tiêu: defined once, referred to by id in the text and, later, in the reports."""

    id: Identifier
    name: Text
    unit: Text
    value: TargetValue
    direction: Literal["higher", "lower"] = "higher"
    groups: list[Identifier] = []
    # The planned figure shared among units ({unit id: value}); the rest carry the target whole.
    split: dict[Identifier, Number] = {}
    # How the units' figures add up: sum (counts), mean, or weighted (by another target's figures).
    aggregate: Literal["sum", "mean", "weighted"] | None = None
    weight: Identifier | None = None


class Node(Record):
    """One body element: a numbered section (with children), a plain paragraph or a "-" item."""

    section: Text | None = None
    text: Text | None = None
    item: Text | None = None
    children: list["Node"] = []

    @model_validator(mode="after")
    def _one_kind(self) -> "Node":
        kinds = [k for k in ("section", "text", "item") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "mỗi phần tử cần đúng một trong ba khóa: section (mục có số), text (đoạn văn)"
                " hoặc item (gạch đầu dòng)"
            )
        if self.children and kinds[0] != "section":
            raise ValueError("chỉ mục có số (section) mới có children")
        return self


class Movement(Record):
    name: Text


class ReportRecord(Record):
    """How the units report on the plan and where the office's own report goes (báo cáo)."""

    via: Text | None = None  # the units' reports go through it: "Văn phòng Sở"
    recipients: list[Text] = []  # Nơi nhận of the consolidated report, between "Như trên" and "Lưu"
    archive: Annotated[str, Field(pattern=r"^[^;.]*$")] = ""  # after "Lưu: VT, "


class PlanRecord(Record):
    """Kế hoạch: the document's own fields; names come from organisation.yaml."""

    report_deadline: DateField | None = None  # units report "trước ngày 15/12"
    report: ReportRecord | None = None
    type: Literal[tuple(DOC_TYPES)]  # type: ignore[valid-type]
    number: Annotated[int, Field(ge=1)] | None = None
    date: DateField
    subject: Text
    movement: Movement
    opening: list[Text] = []
    body: list[Node]
    targets: list[TargetRecord] = []
    recipients: list[Text]
    archive: Annotated[str, Field(pattern=r"^[^;.]*$")] = ""
    signer: Identifier = "head"
