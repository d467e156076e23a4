"""Dates as Decree 30 writes them: "ngày 05 tháng 9 năm 2021", blanks left for the văn thư."""

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# Width of a blank left for hand filling ("ngày      tháng 9 năm 2021").
BLANK = " " * 6

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose day, or day and month, are not known yet (a draft to be dated by hand)."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"năm {self.year} không hợp lệ")
        if self.month is None and self.day is not None:
            raise ValueError("có ngày mà thiếu tháng")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"tháng {self.month} không có thật")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(
                    f"ngày {self.day} tháng {self.month} năm {self.year} không có thật"
                    f" (tháng {self.month} có {last} ngày)"
                )

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def to_date(self) -> dt.date:
        """The date itself, or its earliest day when part of it is blank."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def isoformat(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def of(cls, value: "PartialDate | dt.date | str") -> "PartialDate":
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return cls(value.year, value.month, value.day)
        if isinstance(value, str):
            return parse_partial_date(value)
        raise ValueError(f"không phải ngày tháng: {value!r}")


def parse_partial_date(text: str) -> PartialDate:
    """Read "2021-09-15", "2021-09" or "2021"."""
    m = _ISO.match(text.strip())
    if not m:
        raise ValueError(
            f"ngày tháng '{text}' không đúng dạng NĂM-THÁNG-NGÀY (ví dụ 2021-09-15, 2021-09)"
        )
    year, month, day = (int(g) if g else None for g in m.groups())
    return PartialDate(year, month, day)


def _pad(n: int) -> str:
    return f"{n:02d}"


def format_date(value: "PartialDate | dt.date | str", short: bool = False) -> str:
    """"ngày 05 tháng 9 năm 2021": day < 10 and months 1-2 padded, months 3-12 not (ND30 II.4.b)."""
    d = PartialDate.of(value)
    if short:
        if not d.is_complete:
            raise ValueError(f"ngày viết tắt cần đủ ngày, tháng, năm: {d.isoformat()}")
        return f"{d.day}/{d.month}/{d.year}"
    # A blank replaces the number and its spaces: "ngày      tháng 9 năm 2021".
    day = f" {_pad(d.day)} " if d.day is not None else BLANK
    if d.month is None:
        month = BLANK
    else:
        month = f" {_pad(d.month) if d.month <= 2 else d.month} "
    return f"ngày{day}tháng{month}năm {d.year}"


def cite_date(value: "PartialDate | dt.date | str") -> str:
    """A date in a citation, with the blank parts left out: "ngày 05 tháng 9 năm 2021",
    "tháng 9 năm 2021" (no day yet), "năm 2021"."""
    d = PartialDate.of(value)
    if d.is_complete:
        return format_date(d)
    if d.month is not None:
        return f"tháng {_pad(d.month) if d.month <= 2 else d.month} năm {d.year}"
    return f"năm {d.year}"


def place_date(place: str, value: "PartialDate | dt.date | str") -> str:
    """"Ninh Bình, ngày 05 tháng 9 năm 2021"."""
    return f"{place}, {format_date(value)}"
