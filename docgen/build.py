"""The pipeline, read top to bottom: records -> model -> documents -> render -> write."""

import contextlib
import functools
import os
from collections.abc import Callable
from dataclasses import astuple, dataclass, field, replace
from datetime import date
from pathlib import Path

from docgen.errors import DocgenError, Location, Problem, RecordError, WorkspaceError, display_path
from docgen.finish import Finished, finish, judge_later
from docgen.model import Plan, build_plan
from docgen.model.awards import AwardDocument, build_award_documents
from docgen.model.consolidated import Reporting, period_reports
from docgen.model.document import Document, build_document, document_job
from docgen.model.documents import Job, award_jobs, form_jobs, plan_documents, report_jobs
from docgen.model.report import Form, check_results, unit_forms
from docgen.model.units import Units, build_units
from docgen.output.bundle import bundle
from docgen.output.package import package_bytes
from docgen.output.transaction import Transaction, recover_all
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
from docgen.records.register import REGISTER_FILE, Entry, Numbering, Register, Request
from docgen.records.units import RESULTS_DIR, load_results, load_units
from docgen.records.yeartexts import load_year_texts
from docgen.render import TemplateSet
from docgen.render.batch import render_each
from docgen.render.properties import core_xml
from docgen.vn import PartialDate
from docgen.workspace import Workspace

BUNDLE_FILE = "quyet-dinh/tat-ca.docx"
TRIAL_SUFFIX = "-du-thao"  # build/<plan>-du-thao/: a trial build, beside the numbered set
GONE = "văn bản không còn trong hồ sơ khen thưởng (awards.yaml) khi dựng lại"
GONE_DOCUMENT = "văn bản không còn trong thư mục văn bản khi dựng lại"
# Fast paths (issue 16; tests/test_build_fastpaths.py turns them off and compares): the print
# bundle's parts go to be judged before its bytes are packed, not its bytes after; each document
# is written into the transaction's staging folder by the process that rendered it (its bytes
# never cross to the build's process), not by the build's process after everything rendered.
JUDGE_BUNDLE_PARTS = True
WRITE_WHERE_RENDERED = True


@dataclass(frozen=True)
class BuildResult:
    plan: Plan | None  # None when the folder holds document records only
    written: list[Path]
    bundle: Path | None = None  # the print bundle, and the documents it holds
    bundled: tuple[Path, ...] = ()
    pdfs: list[Path] = field(default_factory=list)  # written with the documents (--pdf)
    removed: list[Path] = field(default_factory=list)  # docgen's files that left the output folder
    voided: list[Entry] = field(default_factory=list)  # numbers voided by this build
    trial: bool = False  # no number taken: every numbered document is a draft
    unchanged: bool = False  # records, templates, law and docgen as at the last build: nothing redone
    folder: Path | None = None  # the output folder
    reports: dict = field(default_factory=dict)  # lint reports of written files, by path (build(lint=True))


def validate(plan_dir: Path) -> Plan:
    """Load and check the records of a plan folder without rendering anything."""
    return build_plan(load_records(plan_dir), Workspace.of_plan(plan_dir).law_dir())


def award_documents(plan_dir: Path, plan: Plan, numbering: Numbering | None = None) -> list[AwardDocument]:
    """The year's decisions and proposal, numbered from the register (drafts keep a blank).

    Without `numbering` (a trial build) every document is a draft. With it, numbers are only
    reserved; documents no longer in the records have theirs voided (`numbering.retire`).
    """
    workspace = Workspace.of_plan(plan_dir)
    law = Law(workspace.law_dir())
    awards = load_awards(plan_dir, law.forms)
    docs = build_award_documents(plan, awards, law) if awards is not None else []
    return number_awards(plan_dir, plan, docs, awards is not None and awards.record.draft, numbering)


def number_awards(plan_dir: Path, plan: Plan, docs: list[AwardDocument], draft: bool,
                  numbering: Numbering | None) -> list[AwardDocument]:
    """`docs` with the number and date the register gave them at issue (`docgen issue`); the
    others are drafts, their number and day blank. All are drafts when `draft` (awards.yaml marks
    the list a draft) or without `numbering` (a trial build). Nothing is numbered here; numbers
    of documents no longer in the records are voided (`numbering.retire`)."""
    if numbering is None or draft:
        return [replace(d, date=_undated(d.date)) for d in docs]
    numbering.adopt_old(plan_dir / REGISTER_FILE, plan.organisation.name, plan.id)
    numbering.retire(plan.id, {d.key for d in docs}, GONE)
    return [_issued(d, numbering.lookup(d.key)) for d in docs]


def award_requests(plan: Plan, docs: list[AwardDocument], day: date) -> list[Request]:
    """What the register records when `docs` are issued on `day` (a book per agency and year)."""
    agency = plan.organisation.name
    return [Request(d.key, agency, d.agency_abbr, day.year, d.type_abbr, day.isoformat(), d.subject,
                    owner=plan.id, signer=d.signature.name,
                    recipients="\n".join(r.removeprefix("- ").rstrip(";.") for r in d.recipients)) for d in docs]


def _undated(when: PartialDate) -> PartialDate:
    """A draft's date: its day blank for the văn thư (Nghị định 30/2020, Điều 15.2)."""
    return PartialDate(when.year, when.month)


def _issued(doc, entry: Entry | None):
    """`doc` (an AwardDocument or Document) with its registered number and issue date, or as a draft."""
    if entry is None:
        return replace(doc, number=None, date=_undated(doc.date))
    return replace(doc, number=entry.number, date=PartialDate.of(entry.date))


def reports(plan_dir: Path, plan: Plan) -> tuple[Units | None, list[Form], Reporting | None]:
    """The units' forms and, when results exist, what the consolidated reports are made from."""
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
    texts = load_year_texts(plan_dir / RESULTS_DIR, plan.year)
    return units, forms, Reporting(units, tuple(r for r, _ in results), texts,
                                   period_reports(plan_dir, plan, records.sources["plan.yaml"]))


@dataclass(frozen=True)
class Inputs:
    """Every record a build reads, loaded and checked, nothing numbered nor rendered yet."""

    folder: Path  # the plan or document folder the output folder is named after
    partial: bool  # a single document file: the folder's other documents are kept
    plan: Plan | None  # None when the folder holds document records only
    forms: list[Form]  # the units' report forms
    report: Reporting | None  # what the consolidated reports are made from, when results exist
    awards: list[AwardDocument]  # the year's decisions and proposal, unnumbered
    awards_draft: bool  # awards.yaml marks the list a draft: no number is taken
    documents: list[Document]  # the document records (documents/ of a plan, or the folder's)

    @property
    def name(self) -> str:
        """The output folder's name: the plan's id, or the document folder's name."""
        return self.plan.id if self.plan is not None else self.folder.resolve().name


def sources(path: Path) -> tuple[Path, list[Path], bool]:
    """What `path` (a document record .yaml, a folder of them, or a plan folder) builds:
    (folder, document files, partial). Raises WorkspaceError when it holds nothing to build."""
    if path.is_file():
        folder, files, partial = _folder_of(path), [path], True
    elif path.is_dir():
        folder, files, partial = path, document_files(path), False
    else:
        raise WorkspaceError.at(Location(path), "không tìm thấy tệp hay thư mục")
    if not files and not _is_plan(folder, partial):
        raise WorkspaceError.at(Location(path), "không có văn bản nào để dựng: thư mục cần plan.yaml"
                                " hoặc các tệp văn bản .yaml (xem README, mục Văn bản đơn lẻ)")
    return folder, files, partial


def _is_plan(folder: Path, partial: bool) -> bool:
    return (folder / "plan.yaml").is_file() and not partial


def read_inputs(path: Path) -> Inputs:
    """Read and check every record a build of `path` reads: plan, organisation, units, results,
    the law, the award list (YAML or Excel) and the document records.

    Every file is read even when another one fails, so one run names every problem of every
    file; `docgen validate` and `docgen build` both report through here, with the same messages.
    Raises the DocgenError subclass the stages raised (DocgenError when they differ), holding
    every problem in the order the files are read.
    """
    folder, files, partial = sources(path)
    problems: list[Problem] = []
    kinds: list[type[DocgenError]] = []

    def attempt(step):
        try:
            return step()
        except DocgenError as err:
            problems.extend(p for p in err.problems if p not in problems)
            kinds.append(type(err))
            return None

    plan = loaded = award_list = law = None
    award_docs: list[AwardDocument] | None = []
    if _is_plan(folder, partial):
        plan = attempt(lambda: validate(folder))
        if plan is None:  # still read the other files, so that one run shows every problem
            attempt(lambda: load_units(folder))
            attempt(lambda: load_results(folder))
        else:
            loaded = attempt(lambda: reports(folder, plan))
            if loaded is None:  # units or results refused: every other file is still read and checked
                _read_the_rest(folder, plan, attempt)
        law = attempt(lambda: Law(Workspace.of_plan(folder).law_dir()))
        award_list = attempt(lambda: load_awards(folder, law.forms)) if law is not None else None
        if plan is not None and law is not None and award_list is not None:
            award_docs = attempt(lambda: build_award_documents(plan, award_list, law))
    documents = attempt(lambda: load_documents(files)) if files else []
    if documents is not None:
        attempt(lambda: _refuse_typed_twice(folder, plan, documents, files))
    if problems:
        kind = kinds[0] if all(k is kinds[0] for k in kinds) else DocgenError
        raise kind(sorted(problems, key=_in_file_order))
    _, forms, report = loaded if loaded is not None else (None, [], None)
    return Inputs(folder, partial, plan, forms, report, award_docs or [],
                  award_list is not None and award_list.record.draft, documents or [])


def _typed(folder: Path, plan: Plan | None, documents: list[Document], files: list[Path]) -> list:
    """The numbers typed in the records of a build (docgen.model.typed_numbers.typed_numbers)."""
    from docgen.model.typed_numbers import typed_numbers

    name = plan.id if plan is not None else folder.resolve().name
    return typed_numbers(plan, folder / "plan.yaml" if plan is not None else None, documents, files,
                         lambda d: _document_key(name, d))


def _refuse_typed_twice(folder: Path, plan: Plan | None, documents: list[Document], files: list[Path]) -> None:
    """Raise RecordError at each number typed twice for one agency and year (Nghị định 30/2020,
    Điều 15.1: one sequence per agency and year, every kind of document)."""
    from docgen.model.typed_numbers import repeated

    problems = repeated(_typed(folder, plan, documents, files))
    if problems:
        raise RecordError(problems)


def _refuse_given_numbers(inputs: Inputs, files: list[Path], numbering: Numbering) -> None:
    """Raise RecordError at each number typed in the records that the register already gave to
    another document of the same agency and year."""
    from docgen.model.typed_numbers import given_elsewhere

    problems = given_elsewhere(_typed(inputs.folder, inputs.plan, inputs.documents, files), numbering)
    if problems:
        raise RecordError(problems)


def _read_the_rest(folder: Path, plan: Plan, attempt: Callable) -> None:
    """After `reports` failed: the result files and the period reports, each read alone through
    `attempt`, so that one run names the problems of every file (a problem already named is not
    named twice)."""
    from docgen.records.document import DOCUMENTS_DIR
    from docgen.records.review import load_reviews

    attempt(lambda: load_results(folder))
    attempt(lambda: load_reviews(folder / DOCUMENTS_DIR, plan.year, plan.last_year))


def _in_file_order(problem: Problem) -> tuple:
    """Problems of several files, each file's together (by path), in line order (a sheet's
    cells keep the order they were read in: a stable sort)."""
    where = problem.location
    return str(where.file), where.line or 0, where.column or 0


def build(plan_dir: Path, out_dir: Path | None = None,
          progress: Callable[[int, int], None] | None = None, trial: bool = False,
          with_pdf: bool = False) -> BuildResult:
    """Build every document of a plan folder (with its documents/) as one transaction.

    Everything is rendered and written to a staging folder beside the output folder, which is
    then swapped in whole; numbers are reserved meanwhile and committed to the workspace's
    register only once the files are in place. On any error the output folder and the register
    are as they were. A trial build (`trial`, or any `out_dir`) takes no number: its numbered
    documents are drafts, written to `out_dir` or build/<plan>-du-thao/.
    `with_pdf` converts every document to PDF inside the transaction (LibreOffice).
    `progress(done, total)` is called as documents are rendered and written.
    Raises RecordError, TemplateError, OutputError (each with its location).
    """
    return build_path(plan_dir, out_dir, progress, trial, with_pdf)


def build_path(path: Path, out_dir: Path | None = None,
               progress: Callable[[int, int], None] | None = None, trial: bool = False,
               with_pdf: bool = False, duplex: bool = False,
               register_step: Callable[[Numbering, Inputs], None] | None = None, lint: bool = False) -> BuildResult:
    """Build a document record (.yaml), a folder of them, or a plan folder with its documents.

    A folder is built whole and its output folder mirrors it; a single file is built into its
    folder's output folder, the other documents there kept. Same guarantees as `build`.
    `register_step(numbering, inputs)` changes the register inside the transaction before
    anything is rendered (`docgen issue`, `docgen withdraw`: docgen.issuing); it raises to fail
    the whole build, leaving everything as it was.
    With `duplex`, each decision of the print bundle starts on an odd page (two-sided printing).
    With `lint`, every written file is also judged by docgen.checker (as a draft in a trial
    build), on the cores that render it, before the output folder is swapped in: the reports
    are in BuildResult.reports, by final path (none when the build was unchanged).
    Raises WorkspaceError when the path holds nothing to build, RecordError when it would change
    the text of an issued document (`_changed_issued`), and what the stages raise.
    """
    folder, _, partial = sources(path)
    workspace = Workspace.of_plan(folder)
    trial = trial or out_dir is not None
    # A whole folder built from the same inputs, still intact, is not built again.
    last = None if partial else _unchanged(folder, workspace, out_dir, trial, with_pdf, duplex)
    if isinstance(last, BuildResult):
        if register_step is None:
            return last
        last = _inputs_digest(folder, workspace, out_dir, trial, with_pdf, duplex)
    from docgen.buildwork import early_workers, paused_collector
    from docgen.records.yamlsplit import helping

    with (early_workers(folder, workspace.template_folders(folder), lint) as workers, paused_collector(),
          helping(workers)):
        return _build_path(path, out_dir, progress, trial, with_pdf, lint, last, workers, duplex, register_step)


def _build_path(path: Path, out_dir: Path | None, progress: Callable[[int, int], None] | None, trial: bool,
                with_pdf: bool, lint: bool, last: str | None, workers, duplex: bool = False,
                register_step: Callable[[Numbering, Inputs], None] | None = None) -> BuildResult:
    """`build_path` once the inputs are known to have changed (`last`: their digest, for
    `_remember`), rendering on `workers` (docgen.render.batch.Workers) when started."""
    folder, files, partial = sources(path)
    workspace = Workspace.of_plan(folder)
    inputs = read_inputs(path)  # every record checked before anything is locked or written
    partial, plan, docs, name = inputs.partial, inputs.plan, inputs.documents, inputs.name
    target = out_dir or workspace.build_dir(name + (TRIAL_SUFFIX if trial else ""))
    register = None if trial else Register.of_workspace(workspace.root)
    with contextlib.ExitStack() as stack:
        # The register's lock first, then the output folder's: every build takes them in this order.
        numbering = stack.enter_context(register.numbering()) if register else None
        if register is not None:
            recover_all(workspace.root / "build", register.committed)
            _refuse_given_numbers(inputs, files, numbering)
            if register_step is not None:
                register_step(numbering, inputs)
        jobs: list[Job] = []
        numbered_jobs: list[tuple[str, Job]] = []
        if plan is not None:
            jobs = plan_documents(plan)
            jobs += form_jobs(plan, inputs.forms)
            awards = number_awards(folder, plan, inputs.awards, inputs.awards_draft, numbering)
            jobs += report_jobs(plan, inputs.report, awards)  # after numbering: section IV cites them
            award_job_list = award_jobs(plan, awards)
            jobs += award_job_list
            numbered_jobs += [(d.key, job) for d, job in zip(awards, award_job_list, strict=True)]
        docs = _registered(name, docs, numbering, keep_others=partial)
        for doc in docs:
            job = document_job(doc, name)
            jobs.append(job)
            if doc.from_register and numbering is not None and doc.number is not None:
                numbered_jobs.append((_document_key(name, doc), job))
        templates = TemplateSet(workspace.template_folders(folder))
        total = 2 * len(jobs) + 1
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, total)

        # Everything is rendered before anything is written; packaged, linted and read back
        # for the register on the cores that render it (docgen.finish).
        final = Path(os.path.abspath(target))
        if lint and workers is None:
            import docgen.checker  # noqa: F401  (once here, not in every worker; early workers import it)
        made: dict[str, object] = {}  # the print bundle, made as soon as its decisions are rendered
        ready = functools.partial(_bundle_ready, made, plan, jobs, final, lint, trial, workers)
        tx = stack.enter_context(_transaction(target, register, partial)) if WRITE_WHERE_RENDERED else None
        each = render_each(templates, jobs, step,
                           functools.partial(finish, final, lint, trial, numbering is not None,
                                             stage=tx.staging if tx is not None else None),
                           workers, early=(_is_decision, ready) if plan is not None else None)
        rendered = [(job, parts) for job, (parts, _) in zip(jobs, each, strict=True)]
        finished = {id(job): done for job, (_, done) in zip(jobs, each, strict=True)}
        del each
        if numbering is not None:
            changed = _changed_issued(final, numbered_jobs, numbering, {id(job): parts for job, parts in rendered})
            if changed:  # before anything is swapped in: build/ and the register stay as they were
                raise RecordError(changed)
            placed_in = _relative(final, workspace.root)  # resolved once, not for each of 1,000 files
            for key, job in numbered_jobs:
                numbering.place(key, f"{placed_in}/{job.output}", finished[id(job)].subject,
                                finished[id(job)].recipients)
        if "job" in made:
            decisions, core = made["decisions"], made["core"]
            rendered.append((made["job"], made["parts"]))
            finished[id(made["job"])] = made["finished"]
        if tx is None:
            tx = stack.enter_context(_transaction(target, register, partial))
        written = []
        for job, _ in rendered:
            made_file = finished[id(job)]
            written.append(tx.write(job.output, made_file.data) if made_file.data is not None else
                           tx.adopt(job.output, made_file.staged))
            step(1)
        reports = {path: finished[id(job)].report for path, (job, _) in zip(written, rendered, strict=True)
                   if finished[id(job)].report is not None}
        reports = {path: report() if callable(report) else report for path, report in reports.items()}
        bundled = tuple(tx.path(job.output) for job in jobs if job.template == "quyet-dinh.docx")
        pdfs = _convert(tx, [job.output for job, _ in rendered], bundled) if with_pdf or duplex else []
        if duplex and len(bundled) > 1 and plan is not None:
            _pad_for_duplex(tx, decisions, core, bundled)
        voided = numbering.voided if numbering is not None else []
        tx.commit(numbering.commit if numbering is not None and numbering.pending else None)
    result = BuildResult(plan, written, tx.path(BUNDLE_FILE) if bundled else None, bundled, pdfs,
                         tx.removed, voided, trial, folder=tx.target, reports=reports)
    if last is not None:
        _remember(last, workspace, tx.target, result)
    return result


def _transaction(target: Path, register: Register | None, partial: bool) -> Transaction:
    """The transaction that writes a build's files into `target` (docgen.output.transaction):
    committed with the register's numbers when there is a `register`; `partial`: one document
    of a folder, docgen's other files kept."""
    return Transaction(target, committed=register.committed if register else None, keep_others=partial)


def _is_decision(job: Job) -> bool:
    """A job of an award decision: the print bundle holds them all."""
    return job.template == "quyet-dinh.docx"


def _bundle_ready(made: dict, plan: Plan, jobs: list[Job], final: Path, lint: bool, trial: bool, workers,
                  items: list[tuple[dict[str, bytes], object]]) -> None:
    """The print bundle of the rendered decisions `items` ((parts, finished) in job order) put in
    `made` (its job, parts, Finished, the decisions' parts and core properties); with `lint`,
    its judgment started on `workers` (docgen.finish.judge_later), while the other documents
    are still rendering and then written."""
    decisions = [parts for parts, _ in items]
    first = next(job for job in jobs if _is_decision(job))
    core = core_xml(replace(first.properties, title=f"Các quyết định khen thưởng năm {plan.year}"))
    bundle_job = Job("", BUNDLE_FILE, {}, first.properties)
    report = None
    if lint and workers is not None and _carry_bundle_verdict(made, bundle_job, final, trial, workers, items,
                                                             core):
        return
    parts = bundle(decisions, core)
    if lint and JUDGE_BUNDLE_PARTS:  # its parts are what its bytes unpack to: judged while they are packed
        report = judge_later(workers, final / BUNDLE_FILE, trial, parts=parts)
    data = package_bytes(parts)
    if lint and not JUDGE_BUNDLE_PARTS:
        report = judge_later(workers, final / BUNDLE_FILE, trial, data)
    made.update(job=bundle_job, parts=parts, decisions=decisions, core=core,
                finished=Finished(data, report, None, []))


def _carry_bundle_verdict(made: dict, bundle_job: Job, final: Path, trial: bool, workers,
                          items: list[tuple[dict[str, bytes], Finished]], core: bytes) -> bool:
    """`_bundle_ready`'s work on `workers` with the bundle's report carried from its decisions'
    reports (judged on the workers as each rendered) and a sample bundle's
    (docgen.bundleverdict): the bundle judged whole only if one of them is not clean. False
    (nothing done) when the switch is off or the sample would be the whole bundle. The sample
    goes to be judged first, then the whole bundle is made and packed here meanwhile (the
    judgment is the build's last task: it waits for nothing this process makes)."""
    from docgen import bundleverdict

    decisions = [p for p, _ in items]
    chosen = bundleverdict.sample(decisions) if bundleverdict.CARRY else []
    if not chosen or len(chosen) >= len(decisions):
        return False
    path = final / BUNDLE_FILE
    sampled = judge_later(workers, path, trial, parts=bundleverdict.sample_bundle(decisions, core, chosen))
    parts = bundle(decisions, core)
    report = functools.partial(bundleverdict.carried, sampled, [done.report for _, done in items],
                               lambda: judge_later(workers, path, trial, parts=parts)())
    made.update(job=bundle_job, parts=parts, decisions=decisions, core=core,
                finished=Finished(package_bytes(parts), report, None, []))
    return True


def _changed_issued(final: Path, numbered_jobs: list[tuple[str, Job]], numbering: Numbering,
                    parts_of: dict[int, dict[str, bytes]]) -> list[Problem]:
    """The issued documents whose text this build would change: the build refuses them.

    An issued document (number and date in the register, Nghị định 30/2020, Điều 15-16) has been
    signed as it is: records or templates changed since must not rewrite it. Its
    word/document.xml as rendered now is compared with the file written when it was issued (in
    the output folder `final`); a file that is gone, or is still the draft being issued now
    (without its number), is written again. Returns a problem per changed document naming the
    file, its number and date, the paragraphs that would change (docgen.output.changes: or that
    only the formatting would, as a template change does) and the ways out (put the records and
    templates back, or withdraw it and build again); `_build_path` raises them as a RecordError
    before writing anything.
    """
    import zipfile

    from docgen.render.layout import laid_symbol  # its hyphen a non-breaking one (issue 11)

    problems = []
    for key, job in numbered_jobs:
        entry = numbering.lookup(key)
        path = final / job.output
        if entry is None or entry.void or not path.is_file():
            continue
        try:
            with zipfile.ZipFile(path) as zf:
                before = zf.read("word/document.xml")
        except (OSError, KeyError, zipfile.BadZipFile):
            continue  # not docgen's file as written: the build writes it again
        if entry.symbol.encode("utf-8") not in before and laid_symbol(entry.symbol).encode("utf-8") not in before:
            continue  # the draft this issue numbers (a document record keeps its file name)
        after = parts_of[id(job)]["word/document.xml"]
        if before != after:
            from docgen.output.changes import what_changed
            from docgen.texts import say

            problems.append(Problem(Location(path), say(
                "issued {symbol} of {date} would change: {changes}; withdraw {path}", symbol=entry.symbol,
                date=f"{date.fromisoformat(entry.date):%d/%m/%Y}", changes=what_changed(before, after),
                path=display_path(path))))
    return problems


# --- general documents -------------------------------------------------------------------

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
            doc = build_document(record, source, numbering, issuer=issuers[folder],
                                 law_dir=Workspace.of_plan(folder).law_dir())
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


def _document_key(folder_name: str, doc: Document) -> str:
    return f"van-ban:{folder_name}/{doc.id}"


def _registered(folder_name: str, docs: list[Document], numbering: Numbering | None,
                keep_others: bool = False) -> list[Document]:
    """Documents with `number: register` with the number and date the workspace's sổ văn bản (the
    book the award decisions use) gave them at issue (`docgen issue`), else drafts (number and day
    blank); without `numbering` (a trial build) all are drafts. Nothing is numbered here. Unless
    `keep_others`, numbers of documents no longer in the folder are voided."""
    if numbering is None:
        return [replace(d, number=None, date=_undated(d.date)) if d.from_register else d for d in docs]
    owner = f"van-ban:{folder_name}"
    if not keep_others:
        numbering.retire(owner, {_document_key(folder_name, d) for d in docs if d.from_register}, GONE_DOCUMENT)
    return [_issued(d, numbering.lookup(_document_key(folder_name, d))) if d.from_register else d for d in docs]


def document_requests(folder_name: str, docs: list[Document], day: date) -> list[Request]:
    """What the register records when the documents `docs` of a folder are issued on `day`."""
    return [Request(_document_key(folder_name, d), str(d.header.agency), d.header.abbreviation, day.year,
                    d.type_abbr or "CV", day.isoformat(), str(d.subject), owner=f"van-ban:{folder_name}",
                    signer=d.signature.name, recipients="\n".join(d.recipients), unit=d.drafting_unit or "")
            for d in docs]


def _register_rows(workspace: Workspace, target: Path, trial: bool) -> list:
    """The register's entries for the documents of `target` (none for a trial build)."""
    if trial:
        return []
    folder = _relative(target, workspace.root) + "/"
    return [astuple(e) for e in Register.of_workspace(workspace.root).entries() if e.file.startswith(folder)]


def _inputs_digest(plan_dir: Path, workspace: Workspace, out_dir: Path | None, trial: bool,
                   with_pdf: bool, duplex: bool = False) -> str:
    """The digest of the inputs' files of a build (docgen.output.unchanged.files_digest)."""
    from docgen.output import unchanged

    target = Path(os.path.abspath(out_dir or workspace.build_dir(
        plan_dir.resolve().name + (TRIAL_SUFFIX if trial else ""))))
    return unchanged.files_digest(plan_dir, workspace.root, workspace.template_folders(plan_dir),
                                  {"trial": trial, "pdf": with_pdf, "target": str(target),
                                   **({"duplex": True} if duplex else {})})


def _unchanged(plan_dir: Path, workspace: Workspace, out_dir: Path | None, trial: bool,
               with_pdf: bool, duplex: bool = False) -> "BuildResult | str":
    """The last build's result when its inputs are unchanged and its folder intact; else the
    digest of the inputs' files, for `_remember` once this build is done."""
    from docgen.output import unchanged

    target = Path(os.path.abspath(out_dir or workspace.build_dir(
        plan_dir.resolve().name + (TRIAL_SUFFIX if trial else ""))))
    files = _inputs_digest(plan_dir, workspace, out_dir, trial, with_pdf, duplex)
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


def _pad_for_duplex(tx: Transaction, decisions: list[dict[str, bytes]], core: bytes,
                    bundled: tuple[Path, ...]) -> None:
    """The print bundle again, each decision of an odd page count followed by a blank page."""
    from docgen.output.duplex import blank_backs, padded_pdf, page_counts

    members = [tx.staged(p.relative_to(tx.target).as_posix()).with_suffix(".pdf") for p in bundled]
    tx.staged(BUNDLE_FILE).unlink()
    tx.write_package(BUNDLE_FILE, bundle(decisions, core, blank_backs(page_counts(members))))
    pdf = Path(BUNDLE_FILE).with_suffix(".pdf").as_posix()
    padded_pdf(members, tx.staged(pdf))
    tx.add_staged(pdf)


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
