"""`docgen validate`: every file `build` reads, checked as `build` checks it, nothing written.

Plan, organisation, units, results, the award list (YAML or Excel), the law files and the
templates are each read and checked; every problem of every file is reported together, with
the messages `build` gives. Documents are rendered in memory only (a template error shows at
render time), and award documents are left unnumbered: the register is not touched.
"""

from pathlib import Path

from docgen.build import reports
from docgen.build import validate as validate_plan
from docgen.errors import DocgenError, Problem
from docgen.model import Plan
from docgen.model.awards import build_award_documents
from docgen.model.documents import award_jobs, form_jobs, plan_documents, report_job
from docgen.records.awards import load_awards
from docgen.records.law import Law
from docgen.records.units import load_results, load_units
from docgen.render import TemplateSet
from docgen.workspace import Workspace


def validate_all(plan_dir: Path) -> Plan:
    """The plan when every input of a build is sound; DocgenError with all problems otherwise."""
    problems: list[Problem] = []

    def attempt(step):
        try:
            return step()
        except DocgenError as err:
            problems.extend(p for p in err.problems if p not in problems)
            return None

    plan = attempt(lambda: validate_plan(plan_dir))
    if plan is None:  # still read the other files, so that one run shows every problem
        attempt(lambda: load_units(plan_dir))
        attempt(lambda: load_results(plan_dir))
    loaded = attempt(lambda: reports(plan_dir, plan)) if plan is not None else None
    law = attempt(lambda: Law(Workspace.of_plan(plan_dir).law_dir()))
    awards = attempt(lambda: load_awards(plan_dir, law.forms)) if law is not None else None
    docs = None
    if plan is not None and law is not None and awards is not None:
        docs = attempt(lambda: build_award_documents(plan, awards, law))
    if problems or plan is None:
        raise DocgenError(problems)
    jobs = plan_documents(plan)
    if loaded is not None:
        _, forms, report = loaded
        jobs += form_jobs(plan, forms)
        if report is not None:
            jobs.append(report_job(plan, report))
    jobs += award_jobs(plan, docs or [])
    templates = TemplateSet(Workspace.of_plan(plan_dir).template_folders(plan_dir))
    for job in jobs:
        templates.render(job)  # raises TemplateError at the template's paragraph
    return plan
