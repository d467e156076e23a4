"""The pipeline, read top to bottom: records -> model -> documents -> render -> write."""

import contextlib
import os
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, replace
from pathlib import Path

from docgen.model import Plan, build_plan
from docgen.model.awards import AwardDocument, build_award_documents, numbered
from docgen.model.documents import Job, award_jobs, form_jobs, plan_documents, report_job
from docgen.model.report import Form, Report, check_results, consolidated_report, unit_forms
from docgen.model.units import Units, build_units
from docgen.output.bundle import bundle
from docgen.output.transaction import Transaction, recover_all
from docgen.records import load_records
from docgen.records.awards import load_awards
from docgen.records.law import Law
from docgen.records.register import REGISTER_FILE, Entry, Numbering, Register, Request
from docgen.records.units import load_results, load_units
from docgen.render import TemplateSet
from docgen.render.batch import render_all
from docgen.render.properties import core_xml
from docgen.workspace import Workspace

BUNDLE_FILE = "quyet-dinh/tat-ca.docx"
TRIAL_SUFFIX = "-du-thao"  # build/<plan>-du-thao/: a trial build, beside the numbered set
GONE = "văn bản không còn trong hồ sơ khen thưởng (awards.yaml) khi dựng lại"


@dataclass(frozen=True)
class BuildResult:
    plan: Plan | None  # None when nothing changed since the last build (`unchanged`): not even read
    written: list[Path]
    bundle: Path | None = None  # the print bundle, and the documents it holds
    bundled: tuple[Path, ...] = ()
    pdfs: list[Path] = field(default_factory=list)  # written with the documents (--pdf)
    removed: list[Path] = field(default_factory=list)  # docgen's files that left the output folder
    voided: list[Entry] = field(default_factory=list)  # numbers voided by this build
    trial: bool = False  # no number taken: every numbered document is a draft
    unchanged: bool = False  # records, templates, law and docgen as at the last build: nothing redone
    folder: Path | None = None  # the output folder


def validate(plan_dir: Path) -> Plan:
    """Load and check the records of a plan folder without rendering anything."""
    return build_plan(load_records(plan_dir))


def award_documents(plan_dir: Path, plan: Plan, numbering: Numbering | None = None) -> list[AwardDocument]:
    """The year's decisions and proposal, numbered from the register (drafts keep a blank).

    Without `numbering` (a trial build) every document is a draft. With it, numbers are only
    reserved; documents no longer in the records have theirs voided (`numbering.retire`).
    """
    workspace = Workspace.of_plan(plan_dir)
    law = Law(workspace.law_dir())
    awards = load_awards(plan_dir, law.forms)
    docs = build_award_documents(plan, awards, law) if awards is not None else []
    if numbering is None or (awards is not None and awards.record.draft):
        return docs
    agency = plan.organisation.name
    numbering.adopt_old(plan_dir / REGISTER_FILE, agency, plan.id)
    numbers = numbering.reserve([
        Request(d.key, agency, d.agency_abbr, d.date.year, d.type_abbr, d.date.isoformat(), d.subject,
                owner=plan.id, signer=d.signature.name,
                recipients="\n".join(r.removeprefix("- ").rstrip(";.") for r in d.recipients)) for d in docs])
    numbering.retire(plan.id, set(numbers), GONE)
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
          progress: Callable[[int, int], None] | None = None, trial: bool = False,
          with_pdf: bool = False) -> BuildResult:
    """Build every document of a plan folder as one transaction.

    Everything is rendered and written to a staging folder beside the output folder, which is
    then swapped in whole; numbers are reserved meanwhile and committed to the workspace's
    register only once the files are in place. On any error the output folder and the register
    are as they were. A trial build (`trial`, or any `out_dir`) takes no number: its numbered
    documents are drafts, written to `out_dir` or build/<plan>-du-thao/.
    `with_pdf` converts every document to PDF inside the transaction (LibreOffice).
    `progress(done, total)` is called as documents are rendered and written.
    When the output folder was built from the same inputs and is intact, nothing is read,
    rendered or written (docgen.output.unchanged): the result lists the same files.
    Raises RecordError, TemplateError, OutputError (each with its location).
    """
    workspace = Workspace.of_plan(plan_dir)
    trial = trial or out_dir is not None
    last = _unchanged(plan_dir, workspace, out_dir, trial, with_pdf)
    if isinstance(last, BuildResult):
        return last
    plan = validate(plan_dir)
    target = out_dir or workspace.build_dir(plan.id + (TRIAL_SUFFIX if trial else ""))
    register = None if trial else Register.of_workspace(workspace.root)
    with contextlib.ExitStack() as stack:
        # The register's lock first, then the output folder's: every build takes them in this order.
        numbering = stack.enter_context(register.numbering()) if register else None
        if register is not None:
            recover_all(workspace.root / "build", register.committed)
        jobs = plan_documents(plan)
        _, forms, report = reports(plan_dir, plan)
        jobs += form_jobs(plan, forms)
        if report is not None:
            jobs.append(report_job(plan, report))
        awards = award_documents(plan_dir, plan, numbering)
        numbered_jobs = award_jobs(plan, awards)
        jobs += numbered_jobs
        final = Path(os.path.abspath(target))
        if numbering is not None:
            for d, job in zip(awards, numbered_jobs, strict=True):
                numbering.place(d.key, _relative(final / job.output, workspace.root))
        templates = TemplateSet(workspace.template_folders(plan_dir))
        total = 2 * len(jobs) + 1
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total)

        # Everything is rendered before anything is written.
        rendered = list(zip(jobs, render_all(templates, jobs, step), strict=True))
        decisions = [parts for job, parts in rendered if job.template == "quyet-dinh.docx"]
        if decisions:
            first = next(job for job in jobs if job.template == "quyet-dinh.docx")
            core = core_xml(replace(first.properties, title=f"Các quyết định khen thưởng năm {plan.year}"))
            rendered.append((Job("", BUNDLE_FILE, {}, first.properties), bundle(decisions, core)))
        tx = stack.enter_context(Transaction(target, committed=register.committed if register else None))
        written = []
        for job, parts in rendered:
            written.append(tx.write_package(job.output, parts))
            step(1)
        bundled = tuple(tx.path(job.output) for job in jobs if job.template == "quyet-dinh.docx")
        pdfs = _convert(tx, [job.output for job, _ in rendered], bundled) if with_pdf else []
        voided = numbering.voided if numbering is not None else []
        tx.commit(numbering.commit if numbering is not None and numbering.pending else None)
    result = BuildResult(plan, written, tx.path(BUNDLE_FILE) if bundled else None, bundled, pdfs,
                         tx.removed, voided, trial, folder=tx.target)
    _remember(last, workspace, tx.target, result)
    return result


def _register_rows(workspace: Workspace, target: Path, trial: bool) -> list:
    """The register's entries for the documents of `target` (none for a trial build)."""
    if trial:
        return []
    folder = _relative(target, workspace.root) + "/"
    return [astuple(e) for e in Register.of_workspace(workspace.root).entries() if e.file.startswith(folder)]


def _unchanged(plan_dir: Path, workspace: Workspace, out_dir: Path | None, trial: bool,
               with_pdf: bool) -> "BuildResult | str":
    """The last build's result when its inputs are unchanged and its folder intact; else the
    digest of the inputs' files, for `_remember` once this build is done."""
    from docgen.output import unchanged

    target = Path(os.path.abspath(out_dir or workspace.build_dir(
        plan_dir.resolve().name + (TRIAL_SUFFIX if trial else ""))))
    files = unchanged.files_digest(plan_dir, workspace.root, workspace.template_folders(plan_dir),
                                   {"trial": trial, "pdf": with_pdf, "target": str(target)})
    if not target.is_dir():
        return files
    register = None if trial else Register.of_workspace(workspace.root)
    inputs = unchanged.fingerprint(files, _register_rows(workspace, target, trial))
    last = unchanged.recall(target, inputs, register.committed if register else None)
    if last is None:
        return files
    return BuildResult(None, [target / n for n in last.written], target / last.bundle if last.bundle else None,
                       tuple(target / n for n in last.bundled), [target / n for n in last.pdfs], trial=trial,
                       unchanged=True, folder=target)


def _remember(files: str, workspace: Workspace, target: Path, result: BuildResult) -> None:
    """Record what this build was made from, for the next one (docgen.output.unchanged)."""
    from docgen.output import unchanged

    def names(paths) -> list[str]:
        return [p.relative_to(target).as_posix() for p in paths]

    inputs = unchanged.fingerprint(files, _register_rows(workspace, target, result.trial))
    unchanged.remember(target, inputs, names(result.written), names(result.bundled), names(result.pdfs),
                       names([result.bundle])[0] if result.bundle else None)


def _relative(path: Path, root: Path) -> str:
    """`path` as the register records it: relative to the workspace when inside it."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _convert(tx: Transaction, names: list[str], bundled: tuple[Path, ...]) -> list[Path]:
    """Convert the staged documents to PDF beside them; any failure fails the build."""
    from docgen.errors import Location, OutputError, Problem
    from docgen.output.pdf import to_pdf_bundled

    staged = {tx.staged(n): n for n in names}
    members = [tx.staged(p.relative_to(tx.target).as_posix()) for p in bundled]
    bundle_file = tx.staged(BUNDLE_FILE) if bundled else None
    conversion = to_pdf_bundled(list(staged), bundle_file, members)
    if conversion.failed:
        raise OutputError([Problem(Location(tx.path(staged[p])), f"không xuất được PDF: {reason}")
                           for p, reason in conversion.failed])
    out = []
    for pdf in conversion.written:
        name = pdf.relative_to(tx.staging).as_posix()
        tx.add_staged(name)
        out.append(tx.path(name))
    return out
