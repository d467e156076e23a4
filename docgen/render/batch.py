"""Render many jobs across the machine's cores; each worker compiles each template once."""

import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from docgen.model.documents import Job
from docgen.render import TemplateSet

PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves

_worker_templates: TemplateSet | None = None


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
    _worker_templates = TemplateSet(folders)


def _render_chunk(jobs: list[Job]) -> list[dict[str, bytes]]:
    """Only the parts a job changed travel back; the template's own parts are added at home."""
    assert _worker_templates is not None
    out = []
    for job in jobs:
        static = _worker_templates.get(job.template).parts
        parts = _worker_templates.render(job)
        out.append({name: data for name, data in parts.items() if static.get(name) is not data})
    return out


def render_all(templates: TemplateSet, jobs: list[Job],
               progress: Callable[[int], None] | None = None) -> list[dict[str, bytes]]:
    """The parts of every job, in order; in worker processes when the batch is large."""
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < PARALLEL_FROM or workers < 2:
        out = []
        for job in jobs:
            out.append(templates.render(job))
            if progress:
                progress(1)
        return out
    for job in jobs:  # compile here first: a template error is reported once, not per worker
        templates.get(job.template)
    size = max(8, len(jobs) // (workers * 8))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    out: list[dict[str, bytes]] = []
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(templates.folders,)) as pool:
        for chunk, changed in zip(chunks, pool.map(_render_chunk, chunks), strict=True):
            for job, parts in zip(chunk, changed, strict=True):
                out.append({**templates.get(job.template).parts, **parts})
            if progress:
                progress(len(changed))
    return out
