"""When each stage of one `docgen build` runs, and on which process: the build's serial part and its overlap.

    python bench/overlap.py [--awardees 20000] [--rounds 2]

Writes the 1,000-decision plan of bench/build.py into a temporary workspace and builds it
in-process with lint (as `docgen build` does), alternating the fast paths of issue 16 on
and off (`--plain` side: render.batch.FIRST_WANTED, HOME_COMPILE_AFTER, STATIC_FROM_WORKERS,
SHRINKING_CHUNKS, build.JUDGE_BUNDLE_PARTS, WRITE_WHERE_RENDERED, bundleverdict.CARRY,
records.yamlsplit.SPLIT, render.batch.STATICS_ONCE, bundleverdict.FIND_MARKS all False), each build in a fresh copy.
For each build it prints the moments (wall seconds from the call) at which the records are
read, the rendering starts, the print bundle is made, the rendering ends, the first file is
written and the transaction commits, with the CPU of the build's process and of its reaped
workers, and the load average. Figures only, nothing asserted.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

SWITCHES = (("docgen.render.batch", "FIRST_WANTED"), ("docgen.render.batch", "HOME_COMPILE_AFTER"),
            ("docgen.render.batch", "STATIC_FROM_WORKERS"), ("docgen.render.batch", "SHRINKING_CHUNKS"),
            ("docgen.build", "JUDGE_BUNDLE_PARTS"), ("docgen.build", "WRITE_WHERE_RENDERED"),
            ("docgen.bundleverdict", "CARRY"), ("docgen.records.yamlsplit", "SPLIT"),
            ("docgen.render.batch", "STATICS_ONCE"),
            ("docgen.bundleverdict", "FIND_MARKS"))


def cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def one(plan_dir: Path, fast: bool) -> list[tuple[str, float, float, float]]:
    """The marks of one build of `plan_dir`: (what, wall s, CPU of this process, of its reaped children)."""
    import importlib

    import docgen.build as build
    import docgen.output.transaction as transaction

    for module, name in SWITCHES:
        setattr(importlib.import_module(module), name, fast)
    marks: list[tuple[str, float, float, float]] = []
    start = time.perf_counter()
    own0, children0 = cpu()

    def mark(what: str) -> None:
        own, children = cpu()
        marks.append((what, time.perf_counter() - start, own - own0, children - children0))

    patched = []

    def wrap(owner, name: str, before: str | None, after: str | None, first_only: bool = False) -> None:
        original = getattr(owner, name)
        seen = []

        def wrapper(*args, **kwargs):
            if before and not (first_only and seen):
                mark(before)
            seen.append(1)
            result = original(*args, **kwargs)
            if after:
                mark(after)
            return result

        setattr(owner, name, wrapper)
        patched.append((owner, name, original))

    wrap(build, "read_inputs", None, "records read and modelled")
    wrap(build, "render_each", "rendering starts", "rendering ends")
    wrap(build, "_bundle_ready", None, "print bundle made (and sent to be judged)")
    wrap(transaction.Transaction, "write", "first file written", None, first_only=True)
    wrap(transaction.Transaction, "commit", "lint reports in, commit", None)
    try:
        build.build_path(plan_dir, lint=True)
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
    mark("done")
    return marks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awardees", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from decisions import synthetic_awards

    import build as bench_build

    awards = synthetic_awards(args.awardees)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for fast in (True, False):
                workspace = bench_build.fresh_workspace(Path(tmp), f"w{r}{int(fast)}", awards)
                here = os.getcwd()
                os.chdir(workspace)
                try:
                    marks = one(Path("plans") / bench_build.PLAN, fast)
                finally:
                    os.chdir(here)
                    shutil.rmtree(workspace, ignore_errors=True)
                load = " ".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"round {r + 1}, fast paths {'on' if fast else 'off'} (load {load}):")
                for what, wall, own, children in marks:
                    print(f"  {wall:6.2f} s   CPU build {own:5.2f} s, workers {children:5.2f} s   {what}")
                print(flush=True)


if __name__ == "__main__":
    main()
