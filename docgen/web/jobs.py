"""Builds started from the browser: run in the background, one at a time per workspace.

A build is `docgen.build.build_path`, the transaction `docgen build` runs, with its register
and output-folder locks (a `docgen build` in a terminal at the same time waits for them, and
they for it). Inside the server a second Dựng lại while one runs starts nothing: the clerk is
sent to the running build's page, which says so. A Cấp số (issue) runs the same way, through
`docgen.issuing.lifecycle.issue`, the function `docgen issue` calls (a build with the register's
step inside its transaction).
"""

import datetime as dt
import logging
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import DocgenError, Location, Problem

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One Dựng lại: the folders it builds and how far it got."""

    id: str
    names: list[str]
    started: dt.datetime
    running: bool = True
    current: str | None = None  # the folder being built
    done: int = 0  # steps of the current folder's build (docgen.build's progress)
    total: int = 0
    finished: list[str] = field(default_factory=list)  # folders built
    written: int = 0  # documents written
    unchanged: list[str] = field(default_factory=list)  # folders with nothing to redo
    voided: list[str] = field(default_factory=list)  # "01/QĐ-LĐTBXH: reason"
    problems: list[tuple[str, Problem]] = field(default_factory=list)  # (folder, problem)
    ended: dt.datetime | None = None
    issue_day: dt.date | None = None  # a Cấp số: the issue date (else a Dựng lại)
    issued: list[tuple[str, str]] = field(default_factory=list)  # (symbol, file) given by a Cấp số
    end: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def ok(self) -> bool:
        return not self.running and not self.problems


class Builds:
    """The builds of one workspace; `start` runs one unless one is running already."""

    def __init__(self, root: Path, on_done=None) -> None:
        self.root = root
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._running: Job | None = None
        self._on_done = on_done  # called after each build, e.g. to forget cached states

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    @property
    def running(self) -> Job | None:
        return self._running

    def start(self, folders: list, issue: tuple[list[Path], dt.date, int | None] | None = None) -> tuple[Job, bool]:
        """(the job, True) when a build of `folders` (docgen.web.files.Folder) started; (the
        running job, False) when another one is still running. `issue`: (the paths `docgen issue`
        takes, the issue date, the first number or None) to issue instead of build (one folder, the
        paths' own)."""
        if not self._lock.acquire(blocking=False):
            running = self._running
            if running is not None:
                return running, False
            self._lock.acquire()  # the other one is just finishing
        job = Job(secrets.token_hex(16), [f.name for f in folders], dt.datetime.now(),
                  issue_day=issue[1] if issue else None)
        self._jobs[job.id] = job
        self._running = job
        thread = threading.Thread(target=self._run, args=(job, folders, issue), name=f"docgen-build-{job.id}",
                                  daemon=True)
        thread.start()
        return job, True

    def wait(self, job: Job, timeout: float | None = None) -> None:
        """Block until `job` ended, or `timeout` seconds passed."""
        job.end.wait(timeout)

    def _run(self, job: Job, folders: list, issue: tuple[list[Path], dt.date, int | None] | None = None) -> None:
        from docgen.build import build_path
        from docgen.issuing.lifecycle import issue as issue_documents

        try:
            for folder in folders:
                job.current, job.done, job.total = folder.name, 0, 0

                def progress(done: int, total: int) -> None:
                    job.done, job.total = done, total

                try:
                    if issue is not None:
                        outcome = issue_documents(issue[0], issue[1], progress=progress, first=issue[2])
                        job.issued += [(e.symbol, e.file) for e in outcome.entries]
                        result = outcome.build
                    else:
                        result = build_path(folder.path, progress=progress)
                except DocgenError as err:
                    job.problems.extend((folder.name, p) for p in err.problems)
                    continue
                except Exception as err:  # a fault of docgen itself: said, logged, never a hang
                    log.exception("build or issue of %s failed", folder.path)
                    job.problems.append((folder.name, Problem(Location(folder.path),
                                                              f"lỗi của docgen khi dựng: {err!r}")))
                    continue
                job.finished.append(folder.name)
                if result.unchanged:
                    job.unchanged.append(folder.name)
                else:
                    job.written += len(result.written)
                job.voided += [f"{e.symbol}: {e.void}" for e in result.voided]
        finally:
            job.running, job.current, job.ended = False, None, dt.datetime.now()
            self._running = None
            self._lock.release()
            if self._on_done:
                self._on_done()
            job.end.set()
