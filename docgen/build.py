"""The pipeline, read top to bottom: records -> model -> documents -> render -> write."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from docgen.errors import Location, RecordError, WorkspaceError
from docgen.model import Plan, build_plan
from docgen.model.awards import AwardDocument, build_award_documents, numbered
from docgen.model.document import Document, build_document, document_job
from docgen.model.documents import Job, award_jobs, form_jobs, plan_documents, report_job
from docgen.model.report import Form, Report, check_results, consolidated_report, unit_forms
from docgen.model.units import Units, build_units
from docgen.output import write_package
from docgen.output.bundle import bundle
from docgen.records import load_records
from docgen.records.awards import load_awards
from docgen.records.document import (
    DOCUMENTS_DIR,
    IssuerRecord,
    document_files,
    issuer_of,
    load_document,
    load_numbering,
)
from docgen.records.law import Law
from docgen.records.register import REGISTER_FILE, Register, Request
from docgen.records.units import load_results, load_units
from docgen.render import TemplateSet
from docgen.render.batch import render_all
from docgen.render.properties import core_xml
from docgen.workspace import Workspace

BUNDLE_FILE = "quyet-dinh/tat-ca.docx"


@dataclass(frozen=True)
class BuildResult:
    plan: Plan
    written: list[Path]
    bundle: Path | None = None  # the print bundle, and the documents it holds
    bundled: tuple[Path, ...] = ()


def validate(plan_dir: Path) -> Plan:
    """Load and check the records of a plan folder without rendering anything."""
    return build_plan(load_records(plan_dir))


def award_documents(plan_dir: Path, plan: Plan) -> list[AwardDocument]:
    """The year's decisions and proposal, numbered from the register (drafts keep a blank)."""
    workspace = Workspace.of_plan(plan_dir)
    law = Law(workspace.law_dir())
    awards = load_awards(plan_dir, law.forms)
    if awards is None:
        return []
    docs = build_award_documents(plan, awards, law)
    if awards.record.draft:
        return docs
    register = Register(plan_dir / REGISTER_FILE)
    numbers = register.allocate([
        Request(d.key, d.agency_abbr, d.date.year, d.type_abbr, d.date.isoformat(), d.subject) for d in docs])
    return [numbered(d, numbers[d.key]) for d in docs]


def reports(plan_dir: Path, plan: Plan) -> tuple[Units | None, list[Form], Report | None]:
    """The units' forms and, when results exist, the consolidated report."""
    loaded = load_units(plan_dir)
    if loaded is None:
        return None, [], None
    records = load_records(plan_dir)
    units = build_units(plan, *loaded, records.sources["plan.yaml"])
    forms = unit_forms(plan, units)
    results = load_results(plan_dir)
    if not results:
        return units, forms, None
    check_results(plan, units, results)
    return units, forms, consolidated_report(plan, units, [r for r, _ in results])


def build(plan_dir: Path, out_dir: Path | None = None,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """Build every document of a plan folder; nothing is written unless all render.

    `progress(done, total)` is called as documents are rendered and written.
    """
    workspace = Workspace.of_plan(plan_dir)
    plan = validate(plan_dir)
    jobs = plan_documents(plan)
    _, forms, report = reports(plan_dir, plan)
    jobs += form_jobs(plan, forms)
    if report is not None:
        jobs.append(report_job(plan, report))
    awards = award_documents(plan_dir, plan)
    jobs += award_jobs(plan, awards)
    templates = TemplateSet(workspace.template_folders(plan_dir))
    total = 2 * len(jobs) + 1
    done = 0

    def step(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(done, total)

    rendered = list(zip(jobs, render_all(templates, jobs, step), strict=True))
    decisions = [parts for job, parts in rendered if job.template == "quyet-dinh.docx"]
    if decisions:
        first = next(job for job in jobs if job.template == "quyet-dinh.docx")
        core = core_xml(replace(first.properties, title=f"Các quyết định khen thưởng năm {plan.year}"))
        rendered.append((Job("", BUNDLE_FILE, {}, first.properties), bundle(decisions, core)))
    target = out_dir or workspace.build_dir(plan.id)
    written = []
    for job, parts in rendered:
        path = target / job.output
        write_package(path, parts)
        written.append(path)
        step(1)
    bundled = tuple(target / job.output for job in jobs if job.template == "quyet-dinh.docx")
    return BuildResult(plan, written, target / BUNDLE_FILE if bundled else None, bundled)


# --- general documents -------------------------------------------------------------------

@dataclass(frozen=True)
class Written:
    """What a build wrote: every file, and the print bundle of decisions with what it holds."""

    written: list[Path]
    bundle: Path | None = None
    bundled: tuple[Path, ...] = ()


def _folder_of(path: Path) -> Path:
    """The folder a document belongs to: plans/<id>/documents/x.yaml belongs to plans/<id>."""
    folder = path.parent
    if folder.name == DOCUMENTS_DIR and any((folder.parent / n).is_file() for n in ("plan.yaml", "organisation.yaml")):
        return folder.parent
    return folder


def load_documents(files: list[Path]) -> list[Document]:
    """Read, validate and model every document record; RecordError lists every problem of all."""
    numbering = load_numbering()
    problems = []
    docs: list[Document] = []
    seen: dict[str, Path] = {}
    issuers: dict[Path, IssuerRecord | None] = {}
    for path in files:
        try:
            folder = _folder_of(path)
            if folder not in issuers:
                issuers[folder] = None  # read once: a broken organisation.yaml is reported once
                issuers[folder] = issuer_of(folder)
            record, source = load_document(path)
            doc = build_document(record, source, numbering, issuer=issuers[folder])
        except RecordError as err:
            problems.extend(err.problems)
            continue
        if doc.id in seen:
            problems.append(RecordError.at(Location(path), f"trùng tên với {seen[doc.id]}: hai văn bản"
                                           f" cùng ghi ra {doc.id}.docx; đổi tên một tệp").problems[0])
        seen[doc.id] = path
        docs.append(doc)
    if problems:
        raise RecordError(problems)
    return docs


def _registered(folder: Path, docs: list[Document]) -> list[Document]:
    """Documents with `number: register` numbered from the folder's sổ văn bản (the one the
    award decisions use): the next number of the issuer and year, kept on every rebuild."""
    asking = [d for d in docs if d.from_register]
    if not asking:
        return docs
    key = f"van-ban:{folder.resolve().name}/"
    numbers = Register(folder / REGISTER_FILE).allocate([
        Request(key + d.id, d.header.abbreviation, d.date.year, d.type_abbr or "CV", d.date.isoformat(),
                str(d.subject)) for d in asking])
    return [replace(d, number=numbers[key + d.id]) if d.from_register else d for d in docs]


def build_path(path: Path, out_dir: Path | None = None,
               progress: Callable[[int, int], None] | None = None) -> Written:
    """Build a document record (.yaml), a folder of them, or a plan folder with its documents.

    Nothing is written unless every document renders. Raises WorkspaceError when the path holds
    nothing to build, RecordError/TemplateError as the stages do.
    """
    if path.is_file():
        folder, files = _folder_of(path), [path]
    elif path.is_dir():
        folder, files = path, document_files(path)
    else:
        raise WorkspaceError.at(Location(path), "không tìm thấy tệp hay thư mục")
    is_plan = path.is_dir() and (path / "plan.yaml").is_file()
    if not files and not is_plan:
        raise WorkspaceError.at(Location(path), "không có văn bản nào để dựng: thư mục cần plan.yaml"
                                " hoặc các tệp văn bản .yaml (xem README, mục Văn bản đơn lẻ)")
    docs = load_documents(files)
    docs = _registered(folder, docs)
    workspace = Workspace.of_plan(folder)
    target = out_dir or workspace.build_dir(folder.resolve().name)
    jobs = [document_job(d, folder.resolve().name) for d in docs]
    templates = TemplateSet(workspace.template_folders(folder))
    rendered = render_all(templates, jobs)
    result = build(path, out_dir, progress) if is_plan else None
    written = []
    for job, parts in zip(jobs, rendered, strict=True):
        write_package(target / job.output, parts)
        written.append(target / job.output)
    if result is None:
        return Written(written)
    return Written(result.written + written, result.bundle, result.bundled)
