"""The shape of every record file, as frozen pydantic models that forbid unknown keys."""

import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from docgen.texts import say
from docgen.vn import DOC_TYPES, PartialDate, format_number, parse_number, parse_partial_date
from docgen.vn.numbers import is_count_unit

Identifier = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, Field(min_length=1)]
Abbreviation = Annotated[str, Field(pattern=r"^[0-9A-Za-zĐđ&]+(-[0-9A-Za-zĐđ&]+)*$")]


def _drafting_unit(value):
    """The drafting unit's abbreviation in a công văn's ký hiệu ("VP" of "125/SGTVT-VP"): upper-case
    letters and digits, no space, no "-" or "/" (Nghị định 30, Phụ lục I §II.3.b-c)."""
    if isinstance(value, str) and re.fullmatch(r"[0-9A-ZĐ&]+", value):
        return value
    raise ValueError(f"chữ viết tắt đơn vị soạn thảo viết hoa, liền nhau, không dấu cách, không \"-\" hay"
                     f" \"/\" (ví dụ VP, TĐKT: \"Số: 125/SGTVT-VP\"); nhận được {value!r}")


# The drafting unit (đơn vị soạn thảo) of a công văn's ký hiệu: "VP" in "Số: 125/SGTVT-VP".
DraftingUnit = Annotated[str, BeforeValidator(_drafting_unit), Field(pattern=r"^[0-9A-ZĐ&]+$")]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ValueError("ngày tháng phải viết dạng NĂM-THÁNG-NGÀY, ví dụ 2021-09-15")
    date = parse_partial_date(value)
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValueError(f"năm {date.year} không hợp lý: phải từ {FIRST_YEAR} đến {LAST_YEAR}")
    return date


# Years a record may name: from the Democratic Republic's first emulation movements to a
# horizon no plan reaches; 99999 or 0001 is a typing slip.
FIRST_YEAR, LAST_YEAR = 1945, 2100
Year = Annotated[int, Field(ge=FIRST_YEAR, le=LAST_YEAR)]


DateField = Annotated[PartialDate, BeforeValidator(_partial_date)]


# --- organisation.yaml -------------------------------------------------------------------

class Person(Record):
    name: Text
    title: Text


class Deputy(Person):
    id: Identifier


class Organisation(Record):
    """Cơ quan ban hành: names for the header, ký hiệu, địa danh and who signs.

    `parent` (cơ quan chủ quản, Phụ lục I §II.2) is left out by an issuer that has none: a UBND
    tỉnh, a ministry."""

    parent: Text | list[Text] | None = None  # one line, or the header's lines as the clerk breaks them
    name: Text
    header_lines: list[Text] | None = None
    abbreviation: Abbreviation
    # The drafting unit of its công văn when a document names none ("VP": "Số: 125/SGTVT-VP").
    drafting_unit: DraftingUnit | None = None
    place: Text
    head: Person
    deputies: list[Deputy] = []
    addressed_as: Text | None = None  # how units write to it: "Sở … tỉnh Ninh Bình" (Kính gửi)
    superior: Text | None = None  # to whom its own reports go: "Ủy ban nhân dân tỉnh Ninh Bình"
    # Short fixed names a line never splits in the documents' running text (filter keep_names).
    fixed_names: list[Text] = []


# --- plan.yaml -----------------------------------------------------------------------------

_ONE_DOT_GROUP = re.compile(r"^[-+]?[0-9]{1,3}\.[0-9]{3}$")


class AmbiguousNumber(ValueError):
    """A figure typed "19.400": 19400 or 19.4, and nothing in its field tells which."""


def _number(value: Any) -> Decimal:
    """A figure: a YAML number, or text in the Vietnamese notation when it reads one way only.

    "19.400" reads as 19400 (dot for thousands) or 19.4 (YAML's decimal point): refused with
    both readings, unless the field's kind decides (see `whole_counts`). "1.250.000" and
    "70,5" read one way only and are taken.
    """
    text = getattr(value, "text", None)  # a DottedFloat: 19.400 typed without quotes
    if text is None and isinstance(value, str) and _ONE_DOT_GROUP.match(value.strip()):
        text = value.strip()
    if text is not None:
        whole, decimal = Decimal(text.replace(".", "")), Decimal(text)
        raise AmbiguousNumber(
            f"'{text}' đọc được hai cách: {format_number(whole)} hay {format_number(decimal)};"
            f" hãy viết {whole} nếu là {format_number(whole)}, hoặc {_plain(decimal)} nếu là"
            f" {format_number(decimal)} (trong hồ sơ không dùng dấu chấm ngăn cách hàng nghìn)"
        )
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise ValueError(
            f"phải là một số (viết 19400 hoặc 70.5, không dùng dấu chấm ngăn cách hàng nghìn),"
            f" nhận được {value!r}"
        )
    number = Decimal(str(value))
    if not number.is_finite():
        raise ValueError(f"phải là một số hữu hạn, nhận được {value!r}")
    return number


def _plain(number: Decimal) -> str:
    """19.4, 90: a decimal as YAML takes it, without trailing zeros or exponent."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def whole_counts(value: Any) -> Any:
    """19.400 for a count of whole things (people, households) can only be 19400."""
    text = getattr(value, "text", None)
    if text is None and isinstance(value, str) and _ONE_DOT_GROUP.match(value.strip()):
        text = value.strip()
    return int(text.replace(".", "")) if text is not None else value


Number = Annotated[Decimal, BeforeValidator(_number)]


def _typed(value: Any) -> str:
    """The value as the clerk typed it: "19.400", not YAML's 19.4."""
    return str(getattr(value, "text", value))


def whole_amount(value: Any) -> int:
    """A sum of money in đồng, whole by nature: 19.400 and "19.400.000" read as thousands.

    The Vietnamese reading is `_number`'s, with `whole_counts` deciding "19.400"; raises
    ValueError quoting the value as typed when it is no whole number of đồng.
    """
    try:
        number = _number(whole_counts(value))
    except ValueError:
        number = None
    if number is None or number != number.to_integral_value():
        raise ValueError(f"số tiền (đồng) phải là số nguyên, viết 19400000 hoặc \"19.400.000\";"
                         f" nhận được '{_typed(value)}'")
    return int(number)


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
    # The value binds every unit too (a rate each unit must reach): each unit has it as its own plan.
    per_unit: bool = False
    # How the period report (sơ kết / tổng kết) judges it: each_year (every year must reach the
    # plan), final (a level set for the end of the period, "đến năm 2025": the latest year with a
    # verdict is judged) or total (the years' figures added up against the years' plans added up).
    period: Literal["each_year", "final", "total"] = "each_year"

    @model_validator(mode="before")
    @classmethod
    def _counts_are_whole(cls, data: Any) -> Any:
        """A target counted in whole things ("người", "hộ") reads 19.400 as 19400."""
        if not isinstance(data, dict) or not isinstance(data.get("unit"), str) \
                or not is_count_unit(data["unit"]):
            return data
        data = dict(data)
        if "value" in data:
            data["value"] = whole_counts(data["value"])
        if isinstance(data.get("split"), dict):
            data["split"] = {k: whole_counts(v) for k, v in data["split"].items()}
        return data


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


class ReviewRecord(Record):
    """The period report (báo cáo sơ kết / tổng kết) a plan asks for: its name and last year."""

    kind: Literal["sơ kết", "tổng kết"]
    until: Year  # the report covers the plan's year up to this one
    date: DateField | None = None


class ReportRecord(Record):
    """How the units report on the plan and where the office's own report goes (báo cáo)."""

    via: Text | None = None  # the units' reports go through it: "Văn phòng Sở"
    recipients: list[Text] = []  # Nơi nhận of the consolidated report, between "Như trên" and "Lưu"
    archive: Annotated[str, Field(pattern=r"^[^;.]*$")] = ""  # after "Lưu: VT, "
    until: Year | None = None  # the last year of the plan's period (2025): results may come up to it
    situation: list[Text] = []  # the Sở's own paragraphs of "I. Đặc điểm tình hình"
    review: ReviewRecord | None = None  # a sơ kết / tổng kết report of the period so far


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
    # A school's plan runs over a school year: "2024-2025" (năm học); the documents that cite the
    # plan then say "năm học 2024-2025" where they would say "năm 2024" (the wording is the
    # templates'). The plan's date falls in one of its two years.
    school_year: Annotated[str, Field(pattern=r"^\d{4}-\d{4}$")] | None = None

    @field_validator("school_year")
    @classmethod
    def _school_year_holds_the_plan(cls, value: str | None, info: ValidationInfo) -> str | None:
        date = info.data.get("date")
        if value is not None and date is not None:
            first, second = (int(y) for y in value.split("-"))
            if second != first + 1 or date.year not in (first, second):
                raise ValueError(say(
                    "school year {given}: two years in a row, the plan's ({year}) one of them, e.g. {year}-{next}",
                    given=value, year=date.year, next=date.year + 1))
        return value
