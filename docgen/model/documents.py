"""Which documents a plan folder makes, each as a job: template, output name, data."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from docgen.model.plan import Plan


@dataclass(frozen=True)
class Properties:
    """Document properties; dated from the document, never from the clock, so builds repeat."""

    title: str
    subject: str
    creator: str
    date: dt.datetime
    keywords: str = ""
    custom: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    template: str  # file name in the templates folder
    output: str  # path below build/<plan-id>/
    context: dict[str, Any]
    properties: Properties
    landscape: tuple[bool, ...] = ()  # per section of the rendered document: turn its page


def plan_documents(plan: Plan) -> list[Job]:
    date = plan.date.to_date()
    return [
        Job(
            template="ke-hoach.docx",
            output="ke-hoach.docx",
            context={"plan": plan, "header": plan.header, "org": plan.organisation},
            properties=Properties(
                title=f"{plan.type_name} {str(plan.subject)}",
                subject=str(plan.subject),
                creator=plan.organisation.name,
                date=dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
                keywords=f"{plan.type_abbr}; {plan.year}; {plan.id}",
                custom={"docgen.plan": plan.id, "docgen.year": str(plan.year),
                        "docgen.kind": "ke-hoach",
                        # A blank number or day is left for the văn thư: the file is a draft.
                        "docgen.draft": "true" if plan.number is None or not plan.date.is_complete
                        else "false"},
            ),
        )
    ]


def award_jobs(plan: Plan, docs: list) -> list[Job]:
    """One job per decision or proposal, with the plan's header."""
    jobs = []
    for d in docs:
        date = d.date.to_date()
        kind = "Quyết định" if d.kind == "decision" else "Tờ trình"
        jobs.append(Job(
            template="quyet-dinh.docx" if d.kind == "decision" else "to-trinh.docx",
            output=d.file_name,
            context={"d": d, "header": plan.header, "org": plan.organisation},
            properties=Properties(
                title=f"{kind} {d.number_line.removeprefix('Số:').strip()}",
                subject=d.subject,
                creator=plan.organisation.name,
                date=dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC),
                keywords=f"{d.type_abbr}; {plan.year}; {plan.id}",
                custom={"docgen.plan": plan.id, "docgen.year": str(plan.year), "docgen.kind": d.kind,
                        "docgen.key": d.key, "docgen.draft": "true" if d.number is None or not d.date.is_complete
                        else "false"},
            ),
        ))
    return jobs


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def form_jobs(plan: Plan, forms: list, folder: str = "bieu-mau") -> list[Job]:
    """One report form per unit, written to `folder`/<unit>.docx; its properties say which plan,
    year (the form's) and unit it belongs to."""
    day = plan.deadline.to_date() if plan.deadline else plan.date.to_date()
    return [Job(
        template="bieu-mau.docx",
        output=f"{folder}/{f.unit.id}.docx",
        context={"f": f, "header": f.header, "org": plan.organisation},
        properties=Properties(
            title=f"Báo cáo kết quả năm {f.year} - {f.unit.display_name}",
            subject=f.movement,
            creator=plan.organisation.name,
            date=_stamp(f.deadline.to_date() if f.deadline else day),
            keywords=f"BC; {f.year}; {plan.id}; {f.unit.id}",
            custom={"docgen.plan": plan.id, "docgen.year": str(f.year), "docgen.kind": "bieu-mau",
                    "docgen.unit": f.unit.id, "docgen.draft": "true"},
        ),
    ) for f in forms]


def report_jobs(plan: Plan, reporting, awards: list) -> list[Job]:
    """The consolidated report of every year with results, and the period report plan.yaml asks
    for; `awards` are the year's decisions and proposals as numbered (cited in section IV)."""
    from docgen.model.consolidated import consolidated, review

    if reporting is None:
        return []
    jobs = [report_job(plan, consolidated(plan, reporting.units, list(reporting.results), year, awards,
                                          reporting.texts.get(year)))
            for year in reporting.years]
    for asked in reporting.reviews:
        jobs.append(review_job(plan, review(plan, reporting.units, list(reporting.results), asked)))
    return jobs


def report_job(plan: Plan, report) -> Job:
    """The year's report: the body portrait, its Phụ lục I and II turned (landscape tables)."""
    name = "bao-cao-tong-hop.docx" if report.year == plan.year else f"bao-cao-tong-hop-{report.year}.docx"
    date = report.date.to_date()
    return Job(
        template="bao-cao-tong-hop.docx",
        output=name,
        context={"rep": report, "header": plan.header, "org": plan.organisation},
        properties=Properties(
            title=f"Báo cáo tổng hợp kết quả năm {report.year}",
            subject=report.movement,
            creator=plan.organisation.name,
            date=_stamp(date),
            keywords=f"BC; {report.year}; {plan.id}",
            custom={"docgen.plan": plan.id, "docgen.year": str(report.year), "docgen.kind": "bao-cao-tong-hop",
                    "docgen.draft": "true" if report.texts.number is None or not report.date.is_complete
                    else "false"},
        ),
        landscape=(False, True, True),
    )


def review_job(plan: Plan, review) -> Job:
    """The period report (sơ kết / tổng kết): body portrait, its year-by-year annex turned."""
    slug = "so-ket" if review.kind == "sơ kết" else "tong-ket"
    return Job(
        template="bao-cao-so-ket.docx",
        output=f"bao-cao-{slug}.docx",
        context={"rev": review, "header": plan.header, "org": plan.organisation},
        properties=Properties(
            title=f"Báo cáo {review.kind} {review.first}-{review.last}",
            subject=review.movement,
            creator=plan.organisation.name,
            date=_stamp(review.date.to_date()),
            keywords=f"BC; {review.last}; {plan.id}",
            custom={"docgen.plan": plan.id, "docgen.year": str(review.last), "docgen.kind": f"bao-cao-{slug}",
                    "docgen.draft": "true"},
        ),
        landscape=(False, True),
    )
