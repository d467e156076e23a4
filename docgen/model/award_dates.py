"""The dates an award list (awards.yaml) must keep, checked before its decisions are made.

- Its decisions and proposal cite the plan ("Căn cứ Kế hoạch số … ngày …"), and a document can
  only cite one already issued (Nghị định 30/2020/NĐ-CP, Phụ lục I, căn cứ ban hành): dated
  before the plan, they are refused (an error, not a warning: the cited plan did not exist yet).
- An issuer level that has ceased to exist (law/authority.yaml `until`: the district level,
  abolished from 01/7/2025, shared/reference/domain.md §3) issues nothing dated after it; a
  decision dated on or before `until` still builds (the old plans of a district stay buildable).
"""

import calendar
import datetime as dt

from docgen.errors import Problem
from docgen.model.plan import Plan
from docgen.records.awards import AwardList
from docgen.records.law import Law
from docgen.texts import say
from docgen.vn import PartialDate


def date_problems(plan: Plan, awards: AwardList, level_key: str, law: Law) -> list[Problem]:
    """The faults of awards.yaml's `date` against the plan's date and the issuer level's `until`,
    located at that date (none when the date has no month: that is reported elsewhere)."""
    signed = awards.record.date
    if signed.month is None:
        return []
    where = awards.source.locate(("date",))
    problems = []
    cited = plan.date.to_date()  # the plan's earliest possible day when its day is blank
    if _latest(signed) < cited:
        problems.append(Problem(where, say(
            "award list dated {date}, before the {plan} it cites ({plan_date})", date=_shown(signed),
            plan=plan.type_name.lower(), plan_date=_shown(plan.date)), "date"))
    level = law.authorities[level_key]
    if level.until is not None and signed.to_date() > level.until.to_date():
        gone = level.until.to_date() + dt.timedelta(days=1)
        problems.append(Problem(where, say(
            "level {title} gone from {gone} ({key}.until: {until}); decision dated {date}",
            title=level.title, gone=f"{gone:%d/%m/%Y}", key=level_key, until=level.until.isoformat(),
            date=_shown(signed)), "date"))
    return problems


def _latest(day: PartialDate) -> dt.date:
    """The latest day a date with a blank day (or month) can be."""
    month = day.month or 12
    return dt.date(day.year, month, day.day or calendar.monthrange(day.year, month)[1])


def _shown(day: PartialDate) -> str:
    """05/09/2021, or 09/2021 when the day is left blank."""
    if day.day is not None:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.month:02d}/{day.year}" if day.month is not None else str(day.year)
