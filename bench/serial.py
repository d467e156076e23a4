"""The build's serial part: reading the records while the early workers wait, awards.yaml's
list read whole or in pieces on them (docgen.records.yamlsplit).

    python bench/serial.py [--awardees 20000] [--rounds 3]

Writes the 1,000-decision plan of bench/build.py into a temporary workspace, starts the
build's early workers as `docgen build` does (docgen.buildwork.early_workers, warmed up), then
reads the records as a build does (`build.read_inputs`: every record read and checked, the
award model made) with the list's split on and off alternately. For each reading: its wall
time, the CPU of this process (the build's critical path: the workers wait for it) and of the
workers (from /proc), and the load average. Figures only, nothing asserted.

    python bench/serial.py --whole [--rounds 3] [--fast-only]

The same part as the user meets it: `docgen build` of that plan as a subprocess (a fresh copy
of the workspace each time), the serial part's fast paths (SWITCHES) on and off alternately.
The child notes, on the clock both processes share, the moment each stage starts; printed as
seconds from the moment the parent started it (Python's own start-up included) with the CPU of
the build's process and of its workers then: the imports done, the records read and modelled,
rendering starts; then the whole build's wall and CPU (os.wait4) and the load average.

    python bench/serial.py --model [--rounds 5]

The award model and the jobs made from it in this process, as a build makes them once the records
are read: build_award_documents, number_awards (a trial build's), report_jobs, award_jobs, each
the fastest of the rounds (CPU, time.process_time), with a digest of the documents' and the
report jobs' repr: the same digests from two trees say they model the same documents.

    python bench/serial.py --whole --to-render [--base DIR] [--no-pyc]

`--to-render`: each build ends where rendering starts (the child exits there, its workers with
it): the serial part only, without a minute of rendering on a shared machine. `--base DIR`:
each round also runs the same build with the docgen tree at DIR (say, `git archive` of the base
commit), right after this tree's, for paired figures. docgen's modules run from their compiled
bytecode (__pycache__, written by a first import before the rounds) as an installed docgen
does; `--no-pyc` keeps PYTHONDONTWRITEBYTECODE as the environment sets it (when it is set and
no __pycache__ exists, every build compiles docgen's ~100 modules from source first: ~0.3 s
more CPU on the build's process before its workers start).
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
# The serial part's fast paths (issue 16): `--whole` turns them off on every other build.
SWITCHES: tuple[tuple[str, str], ...] = (("docgen.records.yamlsplit", "SPLIT"), ("docgen.records.yamllines", "FAST"))

# Run as the child of `--whole`: `docgen build` with the moments of its stages noted (time.time(),
# the clock the parent reads too) in the file argv[1]; argv[2] "0" turns the SWITCHES off.
CHILD = r"""
import json, os, resource, sys, time
marks = []

def mark(what, workers=None):
    own = resource.getrusage(resource.RUSAGE_SELF)
    theirs = 0.0
    if workers is not None:
        tick = os.sysconf("SC_CLK_TCK")
        for pid in list(workers.pool._processes):
            with open(f"/proc/{pid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            theirs += (int(fields[11]) + int(fields[12])) / tick
    marks.append((what, time.time(), own.ru_utime + own.ru_stime, theirs))

out, fast, switches, to_render = sys.argv[1], sys.argv[2] == "1", json.loads(sys.argv[3]), sys.argv[4] == "1"
del sys.argv[1:5]
import importlib
import docgen.cli
import docgen.build as build
mark("imports done")
for module, name in switches:
    setattr(importlib.import_module(module), name, fast)
original_read, original_render = build.read_inputs, build.render_each

def read_inputs(*args, **kwargs):
    result = original_read(*args, **kwargs)
    mark("records read and modelled")
    return result

def render_each(*args, **kwargs):
    workers = kwargs.get("workers", args[4] if len(args) > 4 else None)
    mark("rendering starts", workers)
    if to_render:  # the serial part only: its workers end with this process (PR_SET_PDEATHSIG)
        with open(out, "w") as f:
            json.dump(marks, f)
        os._exit(0)
    the_workers.append(workers)
    try:
        return original_render(*args, **kwargs)
    finally:
        mark("rendering ends", workers)

the_workers = []
original_bundle, original_commit, original_build = build._bundle_ready, None, build.build_path

def bundle_ready(*args, **kwargs):
    try:
        return original_bundle(*args, **kwargs)
    finally:
        mark("print bundle made", the_workers[-1] if the_workers else None)

def build_path(*args, **kwargs):
    try:
        return original_build(*args, **kwargs)
    finally:
        mark("build returned (workers ended)")

import docgen.output.transaction as transaction
original_commit = transaction.Transaction.commit

def commit(*args, **kwargs):
    mark("lint reports in, commit", the_workers[-1] if the_workers else None)
    return original_commit(*args, **kwargs)

build.read_inputs, build.render_each, build._bundle_ready = read_inputs, render_each, bundle_ready
build.build_path, transaction.Transaction.commit = build_path, commit
import atexit

def written():
    mark("interpreter exits")
    with open(out, "w") as f:
        json.dump(marks, f)

atexit.register(written)
docgen.cli.main()
"""


def workers_cpu(workers) -> float:
    """CPU seconds (user + system) the worker processes of `workers` have used so far."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in list(workers.pool._processes):
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--awardees", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--whole", action="store_true", help="`docgen build` as a subprocess, from its start")
    parser.add_argument("--fast-only", action="store_true", help="with --whole: no build with the fast paths off")
    parser.add_argument("--to-render", action="store_true", help="with --whole: each build ends where rendering starts")
    parser.add_argument("--base", type=Path, help="with --whole: also build with the docgen tree at BASE, paired")
    parser.add_argument("--no-pyc", action="store_true", help="with --whole: PYTHONDONTWRITEBYTECODE as set")
    parser.add_argument("--model", action="store_true", help="the award model and its jobs, in-process")
    args = parser.parse_args()
    if args.model:
        model(args.awardees, args.rounds)
        return
    if args.whole:
        whole(args.awardees, args.rounds, (True,) if args.fast_only else (True, False), args.to_render,
              args.base, not args.no_pyc)
        return

    from decisions import synthetic_awards

    import build as bench_build
    import docgen.build as build
    from docgen.buildwork import early_workers, paused_collector
    from docgen.records import yamlsplit
    from docgen.workspace import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        workspace = bench_build.fresh_workspace(Path(tmp), "ws", synthetic_awards(args.awardees))
        plan = workspace / "plans" / bench_build.PLAN
        folders = Workspace.of_plan(plan).template_folders(plan)
        with early_workers(plan, folders, True) as workers, paused_collector(), yamlsplit.helping(workers):
            if workers is None:
                print("no early workers (one core, or a small list): nothing to compare")
                return
            for future in [workers.submit(time.sleep, 0.2) for _ in range(workers.count)]:
                future.result()  # every worker started and warmed up
            build.read_inputs(plan)  # this process's caches, as in any build after the first file
            for n in range(1, args.rounds + 1):
                for split in (True, False):
                    yamlsplit.SPLIT = split
                    wall, cpu, theirs = time.perf_counter(), time.process_time(), workers_cpu(workers)
                    build.read_inputs(plan)
                    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                    theirs = workers_cpu(workers) - theirs
                    print(f"round {n}, list {'in pieces' if split else 'whole    '}: read_inputs {wall:5.2f} s wall,"
                          f" CPU this process {cpu:5.2f} s, workers {theirs:5.2f} s"
                          f" (load {' '.join(f'{x:.1f}' for x in os.getloadavg())})", flush=True)
            yamlsplit.SPLIT = True


def model(awardees: int, rounds: int) -> None:
    """The award model of `awardees` and the jobs made from it: CPU of each step, digests."""
    import gc
    import hashlib

    from decisions import synthetic_awards

    import build as bench_build
    import docgen.build as build
    from docgen.model.awards import build_award_documents
    from docgen.model.documents import award_jobs, report_jobs
    from docgen.records.awards import load_awards
    from docgen.records.law import Law
    from docgen.workspace import Workspace

    def best(step):
        times, out = [], None
        for _ in range(rounds):
            gc.collect()
            gc.disable()
            start = time.process_time()
            out = step()
            times.append(time.process_time() - start)
            gc.enable()
        return min(times), out

    def digest(value) -> str:
        return hashlib.sha256(repr(value).encode()).hexdigest()[:12]

    with tempfile.TemporaryDirectory() as tmp:
        workspace = bench_build.fresh_workspace(Path(tmp), "ws", synthetic_awards(awardees))
        folder = workspace / "plans" / bench_build.PLAN
        plan = build.validate(folder)
        law = Law(Workspace.of_plan(folder).law_dir())
        awards = load_awards(folder, law.forms)
        _, _, reporting = build.reports(folder, plan)
        cpu, docs = best(lambda: build_award_documents(plan, awards, law))
        print(f"build_award_documents  {cpu:6.3f} s CPU   {len(docs)} documents, digest {digest(docs)}")
        cpu, numbered = best(lambda: build.number_awards(folder, plan, docs, False, None))
        print(f"number_awards (trial)  {cpu:6.3f} s CPU")
        cpu, jobs = best(lambda: report_jobs(plan, reporting, numbered))
        print(f"report_jobs            {cpu:6.3f} s CPU   digest {digest([(j.output, j.context) for j in jobs])}")
        cpu, jobs = best(lambda: award_jobs(plan, numbered))
        print(f"award_jobs             {cpu:6.3f} s CPU   digest {digest(jobs)}")
        print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def whole(awardees: int, rounds: int, sides: tuple[bool, ...] = (True, False), to_render: bool = False,
          other: Path | None = None, pyc: bool = True) -> None:
    """`docgen build` as a subprocess, fast paths on and off alternately (and with the tree at
    `other` after each, when given): its stages' moments."""
    from decisions import synthetic_awards

    import build as bench_build

    trees = [ROOT] + ([other.resolve()] if other is not None else [])
    env = dict(os.environ)
    if pyc:  # as an installed docgen runs: from bytecode its first run wrote
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        for tree in trees:
            subprocess.run([sys.executable, "-c", "import docgen.cli, docgen.build, docgen.checker, docgen.buildwork,"
                            " docgen.records.yamllines, docgen.records.yamlsplit, docgen.model.consolidated,"
                            " docgen.model.typed_numbers, docgen.output.unchanged"],
                           env={**env, "PYTHONPATH": str(tree)}, check=True)
    awards = synthetic_awards(awardees)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for n in range(1, rounds + 1):
            for fast, tree in [(fast, tree) for fast in sides for tree in trees]:
                workspace = bench_build.fresh_workspace(base, f"w{n}{int(fast)}", awards)
                notes = base / "marks.json"
                cmd = [sys.executable, "-c", CHILD, str(notes), "1" if fast else "0", json.dumps(SWITCHES),
                       "1" if to_render else "0", "build", f"plans/{bench_build.PLAN}"]
                start = time.time()
                with open(base / "out.txt", "wb") as out:
                    proc = subprocess.Popen(cmd, cwd=workspace, stdout=out, stderr=subprocess.STDOUT,
                                            env={**env, "PYTHONPATH": str(tree)})
                    _, status, usage = os.wait4(proc.pid, 0)
                wall = time.time() - start
                if os.waitstatus_to_exitcode(status) != 0:
                    sys.exit((base / "out.txt").read_text(encoding="utf-8", errors="replace")[-3000:])
                load = " ".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"round {n}, {'this tree' if tree == ROOT else tree}, fast paths {'on' if fast else 'off'},"
                      f" {'bytecode' if pyc else 'PYTHONDONTWRITEBYTECODE as set'} (load {load}):")
                for what, when, own, theirs in json.loads(notes.read_text()):
                    print(f"  {when - start:6.2f} s   CPU build {own:5.2f} s, workers {theirs:5.2f} s   {what}")
                print(f"  {wall:6.2f} s   CPU build and workers {usage.ru_utime + usage.ru_stime:5.2f} s,"
                      f" peak RSS {usage.ru_maxrss / 1024:.0f} MiB   {'exit' if to_render else 'done'}", flush=True)
                shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
