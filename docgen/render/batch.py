"""Render many jobs across the machine's cores; each worker compiles each template once."""

import contextlib
import gc
import itertools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from docgen.model.documents import Job
from docgen.render import TemplateSet

PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves
# Fast paths (issue 16; tests/test_build_fastpaths.py turns them off and compares):
FIRST_WANTED = True  # render_each's `early` jobs go to the workers first, `ready` called meanwhile
HOME_COMPILE_AFTER = True  # this process compiles its templates while the workers render, not before
# The templates' own parts (what a rendered job's changed parts go back into) come from the
# workers with their first jobs: this process compiles its templates only when a worker failed,
# to raise a template's error once, from here (not 0.3 s of Jinja compiles beside the workers).
STATIC_FROM_WORKERS = True
# The jobs go out in chunks that shrink towards the end of the batch, handled as each comes
# back: the last ones (the longest documents come after the decisions) end the batch together
# on every core, not one core finishing a large last chunk alone.
SHRINKING_CHUNKS = True
# With STATIC_FROM_WORKERS, a worker sends a template's own parts with the first chunk of the
# batch it renders from that template, not with every chunk (51 chunks of a 1,000-decision
# build sent the decision's 50 kB of styles, headers and settings 51 times): a worker does its
# chunks in the order they were submitted and the build takes them in that order too.
STATICS_ONCE = True

_sent: tuple[str, set[str]] = ("", set())  # a worker's: (its batch, the templates whose own parts it sent)
_batches = itertools.count()

_worker_templates: TemplateSet | None = None
# render_each's `early`: (wanted, ready), ready given the (parts, after's result) of the wanted jobs
Early = tuple[Callable[[Job], bool], Callable[[list[tuple[dict[str, bytes], Any]]], None]]


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent() -> None:
    """End this worker when the build that started it dies (kill -9 included).

    Linux delivers SIGKILL on the parent's death (prctl PR_SET_PDEATHSIG); elsewhere, and as a
    second guard, a thread polls the parent id twice a second.
    """
    parent = os.getppid()
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # died before the request took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="docgen-parent-watch", daemon=True).start()


def _init(folders: list[Path]) -> None:
    global _worker_templates
    _die_with_parent()
    # A worker lives for one batch (one build), as the build's own process pauses its collector
    # for the build (docgen.buildwork.paused_collector): rendering makes few cycles, while the
    # checker's caches of paragraph shapes grow to hundreds of thousands of objects that every
    # collection pass would walk again (a sixth of the workers' CPU on 1,000 decisions).
    gc.disable()
    _worker_templates = TemplateSet(folders)


def _warm(names: tuple[str, ...], modules: tuple[str, ...]) -> None:
    """Import `modules` and compile the templates `names` in a worker, ahead of its first job.
    A template that fails is left alone here: the build compiles it at home and reports it."""
    import importlib

    for module in modules:
        importlib.import_module(module)
    assert _worker_templates is not None
    for name in names:
        try:
            _worker_templates.get(name)
        except Exception:  # noqa: BLE001  (reported by the build, once)
            pass


class Workers:
    """The worker processes of one build, started before its records are read.

    Started early, each worker is forked from a small process (imports only, no records) and
    warms up (`warm`: imports, the templates most builds render) on the other core while this
    one reads the records. `render_each(..., workers=...)` then renders on them and `submit`
    runs any other picklable call there. Use as a context manager: the processes end with it.
    """

    def __init__(self, folders: list[Path], warm: tuple[str, ...] = (), modules: tuple[str, ...] = ()) -> None:
        self.count = min(os.cpu_count() or 1, 8)
        self.pool = ProcessPoolExecutor(max_workers=self.count, initializer=_init, initargs=(folders,))
        self.folders = folders
        for k in range(self.count):  # with fork, the first submit starts every process
            # Each worker compiles its share first, then the others' (by then, mostly, their
            # code kept on disk by the worker that compiled it: docgen.render.compiled).
            self.pool.submit(_warm, warm[k::self.count] + tuple(n for n in warm if n not in warm[k::self.count]),
                             modules)

    def submit(self, fn: Callable[..., Any], *args: Any) -> Any:
        """A concurrent.futures.Future of `fn(*args)` run in a worker."""
        return self.pool.submit(fn, *args)

    def __enter__(self) -> "Workers":
        return self

    def __exit__(self, *exc: object) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _render_chunk(jobs: list[Job], after: Callable[[int, Job, dict[str, bytes]], Any] | None = None,
                  first: int | list[int] = 0, statics: bool = False, batch: str = "") -> Any:
    """Only the parts a job changed travel back; the template's own parts are added at home.
    With `after`, each job's changed parts travel with `after(index, job, parts)`; `first` is
    the index of the chunk's first job, or the index of each job. With `statics`, the result is
    (that list, the own parts of each template the chunk rendered, by name): with `batch` (the
    batch's name), only those this worker has not sent for that batch yet."""
    global _sent
    assert _worker_templates is not None
    indices = first if isinstance(first, list) else range(first, first + len(jobs))
    out: list[Any] = []
    for i, job in zip(indices, jobs, strict=True):
        static = _worker_templates.get(job.template).parts
        parts = _worker_templates.render(job)
        changed = {name: data for name, data in parts.items() if static.get(name) is not data}
        out.append(changed if after is None else (changed, after(i, job, parts)))
    if statics:
        names = {job.template for job in jobs}
        if batch:
            if _sent[0] != batch:
                _sent = (batch, set())
            names -= _sent[1]
            _sent[1].update(names)
        return out, {name: _worker_templates.get(name).parts for name in names}
    return out


def render_all(templates: TemplateSet, jobs: list[Job],
               progress: Callable[[int], None] | None = None) -> list[dict[str, bytes]]:
    """The parts of every job, in order; in worker processes when the batch is large."""
    return [parts for parts, _ in render_each(templates, jobs, progress)]


def render_each(templates: TemplateSet, jobs: list[Job], progress: Callable[[int], None] | None = None,
                after: Callable[[int, Job, dict[str, bytes]], Any] | None = None,
                workers: Workers | None = None,
                early: "Early | None" = None) -> list[tuple[dict[str, bytes], Any]]:
    """(parts, `after(i, job, parts)`) of every job i, in order; in worker processes when the
    batch is large (on `workers` when given, else on a pool started here), where `after` (a
    picklable function: a module's function or a partial of one) runs beside the rendering, on
    every core. Without `after` the second item is None.

    `early` = (wanted, ready): `ready` is called once with the items of the jobs `wanted` picks
    (in job order) as soon as those are done: on worker processes (with FIRST_WANTED) they are
    rendered first and `ready` runs while the others still render (the build starts judging its
    print bundle there); otherwise it runs once every job is done. Not called when no job is
    wanted. Raises what rendering raises (a template's error once, from this process).
    """
    count = workers.count if workers is not None else min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or count < 2:
        out = []
        for i, job in enumerate(jobs):
            parts = templates.render(job)
            out.append((parts, after(i, job, parts) if after is not None else None))
            if progress:
                progress(1)
        _ready(early, jobs, out)
        return out
    if workers is not None and workers.folders != templates.folders:
        raise ValueError("the workers were started for other template folders")
    order = list(range(len(jobs)))
    if early is not None and FIRST_WANTED:
        order.sort(key=lambda i: not early[0](jobs[i]))  # stable: the wanted ones first, in order
    if not HOME_COMPILE_AFTER:
        _compile_at_home(templates, jobs)
    out: list[tuple[dict[str, bytes], Any] | None] = [None] * len(jobs)
    missing = sum(1 for job in jobs if early is not None and early[0](job))
    statics: dict[str, dict[str, bytes]] = {}
    with contextlib.nullcontext(workers) if workers is not None else Workers(templates.folders) as running:
        chunks = _chunks(order, count)
        batch = f"{os.getpid()}-{next(_batches)}" if STATICS_ONCE else ""
        futures = [running.submit(_render_chunk, [jobs[i] for i in chunk], after, chunk, STATIC_FROM_WORKERS, batch)
                   for chunk in chunks]
        if not STATIC_FROM_WORKERS:
            # The templates are compiled here while the workers render: a template error is
            # reported once, from here, with its location (the workers compile their own).
            _compile_at_home(templates, jobs)
        for n in _as_done(futures, templates, jobs):
            changed = futures[n].result()
            if STATIC_FROM_WORKERS:
                changed, own = changed
                for name, parts in own.items():
                    statics.setdefault(name, parts)
            for i, item in zip(chunks[n], changed, strict=True):
                parts, extra = (item, None) if after is None else item
                template = jobs[i].template
                static = statics.get(template) if STATIC_FROM_WORKERS else None
                if static is None:  # (with STATIC_FROM_WORKERS, never: a worker's chunks come in order)
                    static = templates.get(template).parts
                out[i] = ({**static, **parts}, extra)
                if early is not None and FIRST_WANTED and early[0](jobs[i]):
                    missing -= 1
                    if missing == 0:
                        _ready(early, jobs, out)
            if progress:
                progress(len(changed))
    if early is not None and not FIRST_WANTED:
        _ready(early, jobs, out)
    return out  # type: ignore[return-value]  (every item set: each chunk came back or raised)


def _chunks(order: list[int], count: int) -> list[list[int]]:
    """`order` (job indices) cut into chunks for `count` workers: with SHRINKING_CHUNKS, each a
    quarter of what is left for each worker (at most 64 jobs), so the last ones are short: the
    documents after the decisions (the consolidated reports, a tenth of a second each) go one
    by one, to whichever worker is free; otherwise all of one size, an eighth of each worker's
    share (at least 8)."""
    if not SHRINKING_CHUNKS:
        size = max(8, len(order) // (count * 8))
        return [order[i:i + size] for i in range(0, len(order), size)]
    chunks = []
    start = 0
    while start < len(order):
        size = max(1, min(64, (len(order) - start) // (count * 4)))
        chunks.append(order[start:start + size])
        start += size
    return chunks


def _as_done(futures: list, templates: TemplateSet, jobs: list[Job]) -> Iterator[int]:
    """The indices of `futures` as each is done (in index order among those done together).
    When one failed: with STATIC_FROM_WORKERS the templates are compiled here first (a
    template's error raised once, from here, with its location); then its index is given (the
    caller's `result()` raises its error) and the others are cancelled, those already running
    waited for: nothing renders (nor writes into a staging folder the build is removing) once
    the batch has failed."""
    index = {future: n for n, future in enumerate(futures)}
    pending = set(futures)
    try:
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for n in sorted(index[future] for future in done):
                if futures[n].exception() is not None and STATIC_FROM_WORKERS:
                    _compile_at_home(templates, jobs)
                yield n
    finally:
        for future in pending:
            future.cancel()
        wait(pending)


def _compile_at_home(templates: TemplateSet, jobs: list[Job]) -> None:
    for job in jobs:
        templates.get(job.template)


def _ready(early, jobs: list[Job], out: list) -> None:
    """Call early's `ready` with the items of the wanted jobs, when any is wanted."""
    if early is None:
        return
    wanted, ready = early
    items = [item for job, item in zip(jobs, out, strict=True) if wanted(job)]
    if items:
        ready(items)
