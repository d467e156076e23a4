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

from docgen.errors import Location, Problem
from docgen.model.plan import Plan
from docgen.records.awards import AwardList
from docgen.records.law import Law
from docgen.texts import say
from docgen.vn import PartialDate

# The rules a date of the award documents keeps, each with its message for the date typed in
# awards.yaml (`date`) and for the issue date (`docgen issue --date`): same rule, other advice.
RULES = {
    "before-plan": ("award list dated {date}, before the {plan} it cites ({plan_date})",
                    "issue date {date}, before the {plan} it cites ({plan_date}); issue from {plan_iso}"),
    "level-gone": ("level {title} gone from {gone} ({key}.until: {until}); decision dated {date}",
                   "issue date {date}: level {title} gone from {gone} ({key}.until: {until})"),
}


def date_faults(plan: Plan, signed: PartialDate, level_key: str, law: Law) -> list[tuple[str, dict[str, str]]]:
    """The rules (keys of RULES) a decision or proposal of the plan's awards dated `signed` breaks
    at issuer level `level_key`, each with its message's values: dated before the plan it cites
    (a blank day counts as the month's last), or after the level's `until`. `signed` needs a
    month. Shared by awards.yaml's `date` (`date_problems`) and the issue date (`issue_problems`)."""
    faults = []
    cited = plan.date.to_date()  # the plan's earliest possible day when its day is blank
    if _latest(signed) < cited:
        faults.append(("before-plan", dict(date=_shown(signed), plan=plan.type_name.lower(),
                                           plan_date=_shown(plan.date), plan_iso=cited.isoformat())))
    level = law.authorities[level_key]
    if level.until is not None and signed.to_date() > level.until.to_date():
        gone = level.until.to_date() + dt.timedelta(days=1)
        faults.append(("level-gone", dict(title=level.title, gone=f"{gone:%d/%m/%Y}", key=level_key,
                                          until=level.until.isoformat(), date=_shown(signed))))
    return faults


def date_problems(plan: Plan, awards: AwardList, level_key: str, law: Law) -> list[Problem]:
    """The faults of awards.yaml's `date` against the plan's date and the issuer level's `until`,
    located at that date (none when the date has no month: that is reported elsewhere)."""
    signed = awards.record.date
    if signed.month is None:
        return []
    faults = date_faults(plan, signed, level_key, law)
    if not faults:
        return []  # a clean awards.yaml is read for its values only: its places are found when asked
    where = awards.source.locate(("date",))
    return [Problem(where, say(RULES[rule][0], **values), "date") for rule, values in faults]


def issue_problems(plan: Plan, level_key: str, law: Law, day: dt.date) -> list[Problem]:
    """The faults of an issue date (`docgen issue --date`, or today) of the plan's award
    documents, by the same rules as awards.yaml's `date` (`date_faults`), located at --date."""
    return [Problem(Location("--date"), say(RULES[rule][1], **values))
            for rule, values in date_faults(plan, PartialDate.of(day), level_key, law)]


def _latest(day: PartialDate) -> dt.date:
    """The latest day a date with a blank day (or month) can be."""
    month = day.month or 12
    return dt.date(day.year, month, day.day or calendar.monthrange(day.year, month)[1])


def _shown(day: PartialDate) -> str:
    """05/09/2021, or 09/2021 when the day is left blank."""
    if day.day is not None:
        return f"{day.day:02d}/{day.month:02d}/{day.year}"
    return f"{day.month:02d}/{day.year}" if day.month is not None else str(day.year)
