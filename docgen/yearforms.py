"""The units' report forms of one year of the plan's period (`docgen bieu-mau --year`).

A build writes the forms of the plan's own year into build/<plan>/bieu-mau/; each later year of
the period (plan.yaml report.until) gets its forms here, into build/<plan>-bieu-mau-<year>/ (or
a folder of the user's), written as one transaction. The forms carry their year in their
properties, so `docgen collect --year` reads them into results/<year>/.
"""

from pathlib import Path

from docgen.build import reports, validate
from docgen.errors import Location, RecordError
from docgen.model.documents import form_jobs
from docgen.model.plan import Plan
from docgen.model.report import unit_forms
from docgen.output.transaction import Transaction
from docgen.render import TemplateSet
from docgen.render.batch import render_all
from docgen.workspace import Workspace


def period_of(plan: Plan) -> tuple[int, int]:
    """(first, last) year of the plan's period: its year to report.until (or its year alone)."""
    return plan.year, plan.last_year


def check_year(plan_dir: Path, plan: Plan, year: int) -> None:
    """RecordError at plan.yaml when `year` is outside the plan's period, saying how to widen it."""
    first, last = period_of(plan)
    if not first <= year <= last:
        raise RecordError.at(Location(plan_dir / "plan.yaml"), f"năm {year} ngoài giai đoạn của kế hoạch"
                             f" ({first}-{last}); giai đoạn kết thúc ở năm report.until của plan.yaml")


def write_year_forms(plan_dir: Path, year: int, out_dir: Path | None = None) -> list[Path]:
    """Render every unit's form of `year` and write them into `out_dir` (default
    build/<plan>-bieu-mau-<year>/), replacing that folder whole. Returns the files written.
    Raises RecordError for bad records or a year outside the period, and what rendering raises."""
    plan = validate(plan_dir)
    check_year(plan_dir, plan, year)
    units, _, _ = reports(plan_dir, plan)
    if units is None:
        raise RecordError.at(Location(plan_dir / "units.yaml"), "thiếu units.yaml: chưa có đơn vị nào để gửi"
                             " biểu mẫu")
    workspace = Workspace.of_plan(plan_dir)
    target = out_dir or workspace.build_dir(f"{plan.id}-bieu-mau-{year}")
    jobs = form_jobs(plan, unit_forms(plan, units, year), folder=".")
    rendered = render_all(TemplateSet(workspace.template_folders(plan_dir)), jobs)
    written = []
    with Transaction(target) as tx:
        for job, parts in zip(jobs, rendered, strict=True):
            name = Path(job.output).name
            tx.write_package(name, parts)
            written.append(Path(target) / name)
        tx.commit()
    return written
