"""What the pages show about the workspace: each folder's build, each document's state.

Read only: the manifest docgen wrote into build/<name>/ says which files exist; the build's own
fingerprint (`docgen.build._unchanged`, the check `docgen build` uses to skip a rebuild) says
whether they are up to date; the register (`docgen.records.register`) says which file carries
which number; the checker (`docgen.checker.lint`) gives the findings, a clean verdict remembered
by the build reused as `docgen build` reuses it.

A document is "numbered" when the register holds a live entry whose file is that document, and
a "draft" when the checker judged it as one (it declares itself a draft); neither depends on the
step that gave the number, so it holds whether numbers come at build or at a later issue step.
"""

import datetime as dt
import hashlib
import html
import re
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.checker import Report, lint
from docgen.checker.findings import Finding
from docgen.errors import DocgenError, Problem
from docgen.records.register import Entry, Register
from docgen.web.files import Folder, built_files, folders, output_folder

_TITLE = re.compile(rb"<dc:title>(.*?)</dc:title>", re.S)
_BLANK_SYMBOL = re.compile(r"\s+/\S+$")  # "Tờ trình /TTr-LĐTBXH": a draft's symbol without its number
BUNDLE = "quyet-dinh/tat-ca.docx"
DRAFT_PREFIX = "du-thao-"  # a decision or tờ trình built without its number (docgen.model.awards)


@dataclass
class DocState:
    """One built .docx: `rel` below build/<folder>/, its title, number and findings."""

    folder: str
    rel: str
    title: str
    entry: Entry | None  # its live register entry, when it carries a number from the register
    report: Report | None  # None: the checker could not run (the file is unreadable)
    pdf: str | None  # the PDF docgen wrote beside it (build --pdf), relative like `rel`

    @property
    def errors(self) -> int:
        return self.report.errors if self.report else 0

    @property
    def warnings(self) -> int:
        return self.report.warnings if self.report else 0

    @property
    def draft(self) -> bool:
        return self.entry is None and bool(self.report and self.report.draft)

    @property
    def findings(self) -> list[Finding]:
        """Errors first, then warnings, each in document order."""
        found = self.report.findings if self.report else []
        return sorted(found, key=lambda f: f.severity != "error")

    @property
    def awaiting(self) -> bool:
        """A decision or tờ trình built as a draft, waiting for the văn thư to issue it (Cấp số)."""
        name = self.rel.rsplit("/", 1)[-1]
        return (self.entry is None and name.startswith(DRAFT_PREFIX)
                and self.rel.startswith(("quyet-dinh/", "to-trinh/")))

    @property
    def label(self) -> str:
        """Its title as a page names it: a draft's blank number ("Tờ trình /TTr-…") left out."""
        if not self.title:
            return self.rel
        return _BLANK_SYMBOL.sub("", self.title) if self.entry is None else self.title

    @property
    def is_decision(self) -> bool:
        return self.rel.startswith("quyet-dinh/") and self.rel != BUNDLE


@dataclass
class FolderState:
    """A plan or document folder with what its last build left in build/<name>/."""

    folder: Folder
    built: bool
    up_to_date: bool
    built_at: dt.datetime | None
    documents: list[DocState] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why the state could not be read

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def errors(self) -> int:
        return sum(d.errors for d in self.documents)

    @property
    def warnings(self) -> int:
        return sum(d.warnings for d in self.documents)

    def worst_first(self) -> list[DocState]:
        """The documents, those with the most errors (then warnings) first, else in name order."""
        return sorted(self.documents, key=lambda d: (-d.errors, -d.warnings, d.rel))


class Checks:
    """The checker's reports by file content (sha256): a file is checked once per content."""

    def __init__(self) -> None:
        self._reports: dict[str, Report] = {}
        self._lock = threading.Lock()

    def report(self, path: Path, digest: str) -> Report:
        with self._lock:
            known = self._reports.get(digest)
        if known is None:
            known = lint(path)
            with self._lock:
                self._reports[digest] = known
        return Report(path, known.findings, known.error, known.draft, known.deferred)


def digest(path: Path) -> str:
    """sha256 (hex) of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def title_of(path: Path) -> str:
    """The document's title as its properties hold it (docProps/core.xml dc:title), else ''."""
    try:
        with zipfile.ZipFile(path) as zf:
            found = _TITLE.search(zf.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""
    return html.unescape(found.group(1).decode("utf-8", "replace")).strip() if found else ""


def live_entries(root: Path) -> dict[str, Entry]:
    """The register's live entries by the file they name (relative to the workspace)."""
    return {e.file: e for e in Register.of_workspace(root).entries() if e.void is None and e.file}


def up_to_date(folder: Folder, root: Path) -> bool:
    """True when `docgen build` of the folder would find nothing to redo (with or without PDFs)."""
    from docgen.build import BuildResult, _unchanged
    from docgen.workspace import Workspace

    workspace = Workspace.of_plan(folder.path)
    try:
        return any(isinstance(_unchanged(folder.path, workspace, None, False, pdf), BuildResult)
                   for pdf in (False, True))
    except (DocgenError, OSError):
        return False


def folder_state(root: Path, folder: Folder, checks: Checks, entries: dict[str, Entry] | None = None,
                 with_documents: bool = True) -> FolderState:
    """The state of one folder of plans/ (see the module's docstring)."""
    out = output_folder(root, folder.name)
    files = built_files(root, folder.name)
    manifest = out / ".docgen-manifest.json"
    built_at = dt.datetime.fromtimestamp(manifest.stat().st_mtime) if files and manifest.is_file() else None
    state = FolderState(folder, bool(files), bool(files) and up_to_date(folder, root), built_at)
    if not with_documents or not files:
        return state
    if entries is None:
        entries = live_entries(root)
    for rel in files:
        path = out / rel
        if not rel.endswith(".docx") or not path.is_file() or path.is_symlink():
            continue
        pdf = rel[:-5] + ".pdf"
        try:
            report = checks.report(path, digest(path))
        except OSError:
            report = None
        state.documents.append(DocState(folder.name, rel, title_of(path),
                                        entries.get(f"build/{folder.name}/{rel}"), report,
                                        pdf if pdf in files else None))
    return state


def workspace_state(root: Path, checks: Checks) -> list[FolderState]:
    """Every folder's state, in name order."""
    try:
        entries = live_entries(root)
    except DocgenError:
        entries = {}
    return [folder_state(root, f, checks, entries) for f in folders(root)]
