"""When a build starts its worker processes: early, for a large award list.

A build of a thousand decisions renders and lints them on every core (docgen.render.batch).
Forking the workers before the records are read keeps them small (the records stay in the
build's own process) and lets them import the checker and compile the decision templates on the
other core meanwhile. A small build starts none: starting them costs more than it saves.
"""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

LARGE_LIST = 128 * 1024  # bytes of award list (YAML or Excel) from which a build has ~50 decisions
# The templates a plan's build renders, the award lists' first: the workers compile them while
# this process reads the records (the other core is free then), not while both cores render.
WARM = ("quyet-dinh.docx", "to-trinh.docx", "bao-cao-tong-hop.docx", "bieu-mau.docx", "ke-hoach.docx",
        "bao-cao-so-ket.docx")
MODULES = ("docgen.checker", "docgen.finish")


def _award_list_size(folder: Path) -> int:
    size = 0
    for pattern in ("awards.yaml", "*.xlsx"):
        for path in folder.glob(pattern):
            with contextlib.suppress(OSError):
                size += path.stat().st_size
    return size


@contextlib.contextmanager
def early_workers(folder: Path, template_folders: list[Path], lint: bool) -> Iterator[object | None]:
    """docgen.render.batch.Workers for a build of `folder` when its award list is large and the
    machine has two cores or more, else None; they end when the block does."""
    if (os.cpu_count() or 1) < 2 or not hasattr(os, "fork") or _award_list_size(folder) < LARGE_LIST:
        yield None
        return
    from docgen.render.batch import Workers

    with Workers(template_folders, WARM, MODULES if lint else ("docgen.finish",)) as workers:
        yield workers


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """The cyclic garbage collector paused for a build: records, model and documents are hundreds
    of thousands of small objects that live until the build ends, and a collection pass over
    them every few thousand allocations costs a tenth of the build. Memory held in cycles is
    collected when the build returns."""
    import gc

    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
