"""The district level's end applied to every document a district body issues, not only awards.

The district level of local government is abolished from 01/7/2025 (shared/reference/domain.md
§3). Award decisions and tờ trình carry their issuer level and are refused after its `until`
(docgen.model.award_dates, law/authority.yaml). A plan, a tờ trình, a công văn or a report has
no such level: its issuer is known by its header, the cơ quan ban hành and its cơ quan chủ quản.
A header that names a district ("UBND huyện Yên Khánh", "Ủy ban nhân dân quận …", "thị xã …")
is a district body's; such a document dated after the district level's `until` (the same date,
from the same law file the user corrects) is refused. A "thành phố" may be a province (Hà Nội)
or a district (Tam Điệp): the header alone does not tell, so it is not judged.
"""

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from docgen.errors import Problem
from docgen.records.yamlsource import Source, format_field
from docgen.texts import say
from docgen.vn import PartialDate

DISTRICT_LEVEL = "chu_tich_ubnd_huyen"  # the law/authority.yaml level whose `until` ends the district level
DISTRICT = re.compile(r"(?<!\w)(huyện|quận|thị xã)(?!\w)", re.IGNORECASE)


def district_name(names: Iterable[str | Iterable[str] | None]) -> str | None:
    """The first of a header's names (cơ quan chủ quản, cơ quan ban hành; a name broken into
    lines is joined) that names a district, else None."""
    for name in names:
        if name is None:
            continue
        text = name if isinstance(name, str) else " ".join(name)
        text = " ".join(text.split())
        if DISTRICT.search(text):
            return text
    return None


def district_date_problem(names: Iterable, date: PartialDate, source: Source, law_dir: Path | None,
                          at: tuple = ()) -> Problem | None:
    """The problem of a document whose header names a district (`district_name`) and whose
    `date` (its earliest day when the day is blank) falls after the district level's `until` in
    law/authority.yaml (the workspace's `law_dir`, else the shipped one), located at the date;
    None otherwise, or when that date has no month (reported elsewhere)."""
    issuer = district_name(names)
    if issuer is None or date.month is None:
        return None
    from docgen.records.law import Law

    level = Law(law_dir).authorities.get(DISTRICT_LEVEL)
    if level is None or level.until is None or date.to_date() <= level.until.to_date():
        return None
    gone = level.until.to_date() + dt.timedelta(days=1)
    path = (*at, "date")
    shown = f"{date.day:02d}/{date.month:02d}/{date.year}" if date.is_complete else f"{date.month:02d}/{date.year}"
    return Problem(source.locate(path), say("district issuer {issuer} gone from {gone} ({key}.until: {until});"
                                            " document dated {date}", issuer=issuer, gone=f"{gone:%d/%m/%Y}",
                                            key=DISTRICT_LEVEL, until=level.until.isoformat(), date=shown),
                   format_field(path))

