"""The pipeline, read top to bottom: records -> model -> documents -> render -> write."""

from dataclasses import dataclass
from pathlib import Path

from docgen.model import Plan, build_plan
from docgen.model.documents import plan_documents
from docgen.output import write_package
from docgen.records import load_records
from docgen.render import TemplateSet
from docgen.workspace import Workspace


@dataclass(frozen=True)
class BuildResult:
    plan: Plan
    written: list[Path]


def validate(plan_dir: Path) -> Plan:
    """Load and check the records of a plan folder without rendering anything."""
    return build_plan(load_records(plan_dir))


def build(plan_dir: Path, out_dir: Path | None = None) -> BuildResult:
    """Build every document of a plan folder; nothing is written unless all render."""
    workspace = Workspace.of_plan(plan_dir)
    plan = validate(plan_dir)
    jobs = plan_documents(plan)
    templates = TemplateSet(workspace.template_folders(plan_dir))
    rendered = [(job, templates.render(job)) for job in jobs]
    target = out_dir or workspace.build_dir(plan.id)
    written = []
    for job, parts in rendered:
        path = target / job.output
        write_package(path, parts)
        written.append(path)
    return BuildResult(plan, written)
