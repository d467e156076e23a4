"""Where the render workers' CPU goes in one `docgen build`: a ledger by task, worker by worker.

    python bench/workers.py [--awardees 20000] [--rounds 1] [--plain] [--code kept|cold|off]
    python bench/workers.py --against /tmp/base [--rounds 3] [--code kept|cold]

Writes the 1,000-decision plan of bench/build.py into a temporary workspace and builds it
in-process with lint (as `docgen build` does). Before the build, this process wraps the calls
its workers make (the workers are forked from it, so they run the wrappers): the pool's
initializer and warm-up (docgen.render.batch._init, _warm), the pieces of awards.yaml read on
the workers (records.yamlsplit.read_items), each chunk of jobs (batch._render_chunk) and,
inside it, each job's render (TemplateSet.render) and finish (docgen.finish: package, lint,
staging write, register read-back), by template, and the lint of the print bundle submitted
alone (docgen.finish.judge outside a finish). Each wrapper adds `time.process_time()` (the
worker's own CPU, zero at its fork) to the worker's ledger, written to a file after every
task. The size of what crosses is measured too: a chunk's jobs and its result pickled once
more (that pickling's CPU is kept apart, as "measuring", and is an estimate of what the pool's
own pickling costs).

Prints, for each worker and summed: CPU at its first task (fork and the pool's bootstrap), then
each task kind's CPU, what is left between tasks (the pool's pickling and unpickling, its
queue threads), and the CPU after the last task (exit), from the CPU the build's process
reaped from its children; and the bytes that crossed. With --plain, every fast path of
bench/overlap.py's list is off. Figures only, nothing asserted.
"""

import argparse
import collections
import contextlib
import functools
import json
import os
import pickle
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

_ledger: dict = {}  # this worker's: kind -> [cpu s, count]; "bytes" -> kind -> bytes
_stack: list[str] = []  # the kinds running now (a finish inside a chunk, a judge inside a finish)
_folder: Path | None = None  # where each worker writes its ledger (set before the fork)
_home = os.getpid()


def _add(kind: str, cpu: float, count: int = 1) -> None:
    entry = _ledger.setdefault(kind, [0.0, 0])
    entry[0] += cpu
    entry[1] += count


def _dump() -> None:
    if os.getpid() == _home or _folder is None:
        return
    _ledger["total"] = [time.process_time(), 1]
    (_folder / f"{os.getpid()}.json").write_text(json.dumps(_ledger))


def _timed(kind_of, original, dump: bool = False):
    """`original` wrapped: its CPU added to the ledger under `kind_of(*args)` (a str or a
    function of the call's arguments)."""

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        if os.getpid() == _home:
            return original(*args, **kwargs)
        if "first task" not in _ledger:
            _ledger["first task"] = [time.process_time(), 1]
        kind = kind_of if isinstance(kind_of, str) else kind_of(*args, **kwargs)
        _stack.append(kind)
        t0 = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            _add(kind, time.process_time() - t0)
            _stack.pop()
            if dump:
                _dump()

    return wrapper


def _group(template: str) -> str:
    return "a decision" if template == "quyet-dinh.docx" else f"other: {template}"


def install() -> None:
    """Wrap what the workers call (before the build forks them)."""
    import docgen.finish as finish
    import docgen.render as render
    import docgen.render.batch as batch
    from docgen.records import yamlsplit

    def module_level(module, name, wrapper):
        wrapper.__module__, wrapper.__qualname__ = module.__name__, name  # pickled by reference, as before
        setattr(module, name, wrapper)

    module_level(batch, "_init", _timed("pool initializer (_init)", batch._init, dump=True))
    module_level(batch, "_warm", _timed("warm-up (_warm: imports, templates)", batch._warm, dump=True))
    module_level(yamlsplit, "read_items", _timed("awards.yaml pieces (read_items)", yamlsplit.read_items, dump=True))

    chunk = batch._render_chunk

    def render_chunk(jobs, after=None, first=0, statics=False, *rest):
        if os.getpid() == _home:
            return chunk(jobs, after, first, statics, *rest)
        if "first task" not in _ledger:
            _ledger["first task"] = [time.process_time(), 1]
        t0 = time.process_time()
        out = chunk(jobs, after, first, statics, *rest)
        _add("chunk total", time.process_time() - t0)
        t1 = time.process_time()
        sent = len(pickle.dumps((jobs, after, first, statics, *rest), pickle.HIGHEST_PROTOCOL))
        back = pickle.dumps(out, pickle.HIGHEST_PROTOCOL)
        t2 = time.process_time()
        pickle.loads(back)
        _add("measuring: result pickled again", t2 - t1)
        _add("measuring: result unpickled", time.process_time() - t2)
        sizes = _ledger.setdefault("bytes", {"jobs sent": 0, "results back": 0, "chunks": 0})
        sizes["jobs sent"] += sent
        sizes["results back"] += len(back)
        sizes["chunks"] += 1
        _dump()
        return out

    module_level(batch, "_render_chunk", render_chunk)

    module_level(render, "DocxTemplate", _timed(lambda path: f"compile: {path.name}", render.DocxTemplate))
    original_render = render.TemplateSet.render
    render.TemplateSet.render = _timed(lambda self, job: f"render, {_group(job.template)}", original_render)
    for name, label in (("package_bytes", "package"), ("write_staged", "staging write"),
                        ("register_fields", "read-back")):
        setattr(finish, name, _timed(lambda *a, label=label, **k: f"finish {label}, {_in()}", getattr(finish, name)))
    judge = finish.judge

    def judged(path, draft, data=None, parts=None):
        if os.getpid() == _home:
            return judge(path, draft, data, parts)
        inside = bool(_stack)
        kind = f"finish lint, {_in()}" if inside else "print bundle lint (whole or sample)"
        return _timed(kind, judge, dump=not inside)(path, draft, data, parts)

    module_level(finish, "judge", judged)

    original_finish = finish.finish

    def finished(folder, lint, draft, read_back, index, job, parts, *, stage=None):
        return _timed(f"finish, {_group(job.template)}", original_finish)(folder, lint, draft, read_back, index,
                                                                          job, parts, stage=stage)

    finished.__module__, finished.__qualname__ = "docgen.finish", "finish"
    finish.finish = finished
    import docgen.build as build

    build.finish = finished


def _in() -> str:
    """The template group of the finish running now."""
    for kind in reversed(_stack):
        if kind.startswith("finish, "):
            return kind.removeprefix("finish, ")
    return "?"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(plan_dir: Path, folder: Path, fast: bool) -> tuple[float, float, float]:
    """Build `plan_dir` with lint; (wall s, this process's CPU s, reaped children's CPU s)."""
    import importlib

    from overlap import SWITCHES

    import docgen.build as build

    global _folder
    _folder = folder
    for module, name in SWITCHES:
        setattr(importlib.import_module(module), name, fast)
    wall, own, kids = time.perf_counter(), time.process_time(), children_cpu()
    build.build_path(plan_dir, lint=True)
    return time.perf_counter() - wall, time.process_time() - own, children_cpu() - kids


def report(folder: Path, children: float) -> None:
    ledgers = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    kinds = collections.OrderedDict()
    for ledger in ledgers:
        for kind in ledger:
            if kind not in ("bytes", "total", "first task"):
                kinds.setdefault(kind, None)
    order = sorted(kinds, key=lambda k: (not k.startswith(("pool", "warm", "awards")), k))
    width = max(len(k) for k in order) + 2

    def row(label: str, values: list[float], count: int | None = None) -> None:
        cells = "".join(f"{v:8.3f}" for v in values)
        extra = f"   ({count} calls)" if count else ""
        print(f"  {label:<{width}}{cells}{sum(values):9.3f}{extra}")

    print(f"  {'CPU s':<{width}}" + "".join(f"{'w' + str(i + 1):>8}" for i in range(len(ledgers))) + f"{'sum':>9}")
    row("at first task (fork, bootstrap)", [lg["first task"][0] for lg in ledgers])
    nested = ("render, ", "finish", "measuring", "compile: ")
    top = [k for k in order if not k.startswith(nested)]
    for kind in top:
        row(kind, [lg.get(kind, [0, 0])[0] for lg in ledgers], sum(lg.get(kind, [0, 0])[1] for lg in ledgers))
    for kind in order:
        if kind.startswith(("compile: ", "render, ", "finish")):
            row("  inside: " + kind, [lg.get(kind, [0, 0])[0] for lg in ledgers],
                sum(lg.get(kind, [0, 0])[1] for lg in ledgers))
    measuring = [sum(v[0] for k, v in lg.items() if k.startswith("measuring")) for lg in ledgers]
    row("measuring (this bench's extra pickling)", measuring)
    between = [lg["total"][0] - lg["first task"][0] - m - sum(lg.get(k, [0, 0])[0] for k in top)
               for lg, m in zip(ledgers, measuring, strict=True)]
    row("between tasks (pool IPC, threads)", between)
    totals = [lg["total"][0] for lg in ledgers]
    row("total at last task's end", totals)
    print(f"  reaped by the build's process: {children:.3f} s; after the last task (exit, GC of"
          f" nothing: gc is off) ≈ {children - sum(totals):.3f} s")
    sizes = collections.Counter()
    for lg in ledgers:
        sizes.update(lg.get("bytes", {}))
    print(f"  crossed: {sizes['chunks']} chunks, jobs sent {sizes['jobs sent'] / 1e6:.2f} MB,"
          f" results back {sizes['results back'] / 1e6:.2f} MB")


def paired(base: Path, awardees: int, rounds: int, code: str) -> None:
    """`docgen build` as a subprocess from the tree `base` (B) and from this tree (A), alternately,
    each in a fresh workspace: wall, CPU (its own and its workers', os.wait4) and peak RSS, the
    paired ratios, and whether both wrote the same bytes (the SHA-256 of every file of build/,
    the two bookkeeping .json left out: their ids and docgen's code digest differ)."""
    import hashlib
    import statistics

    from decisions import synthetic_awards

    import build as bench_build

    awards = synthetic_awards(awardees)
    runs: dict[str, list] = {"A": [], "B": []}
    with tempfile.TemporaryDirectory(prefix="docgen-bench-paired-") as tmp:
        kept = Path(tmp) / "kept-code"
        digests = set()
        if code == "kept":  # an earlier build of this tree compiled the templates
            run_in(bench_build.fresh_workspace(Path(tmp), "warm", awards), {"PYTHONPATH": str(ROOT),
                                                                             "DOCGEN_CACHE": str(kept)})
        for r in range(rounds):
            for side, tree in (("B", base), ("A", ROOT)):
                workspace = bench_build.fresh_workspace(Path(tmp), f"{side}{r}", awards)
                cache = kept if code == "kept" else Path(tmp) / f"code-{side}{r}"
                env = {"PYTHONPATH": str(tree), "DOCGEN_CACHE": str(cache)}
                wall, cpu, rss = run_in(workspace, env)
                out = workspace / "build" / bench_build.PLAN
                h = hashlib.sha256()
                for path in sorted(out.rglob("*")):
                    if path.is_file() and not path.name.startswith(".docgen-"):
                        name = path.relative_to(out).as_posix().encode()
                        h.update(name + hashlib.sha256(path.read_bytes()).digest())
                digests.add(h.hexdigest()[:16])
                runs[side].append((wall, cpu, rss))
                load = " ".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"round {r + 1} {side} ({'this tree' if side == 'A' else base}): wall {wall:6.2f} s, CPU"
                      f" {cpu:6.2f} s, peak RSS {rss:4.0f} MiB, files {h.hexdigest()[:16]} (load {load})", flush=True)
                shutil.rmtree(workspace, ignore_errors=True)
        for k, what in ((0, "wall"), (1, "CPU")):
            ratios = [b[k] / a[k] for a, b in zip(runs["A"], runs["B"], strict=True)]
            print(f"{what}: A median {statistics.median(x[k] for x in runs['A']):.2f} s, B median"
                  f" {statistics.median(x[k] for x in runs['B']):.2f} s,"
                  f" B/A paired median {statistics.median(ratios):.3f}"
                  f" ({', '.join(f'{x:.3f}' for x in ratios)})")
        print(f"same bytes in every build: {'yes' if len(digests) == 1 else 'NO'} ({', '.join(sorted(digests))})")


def run_in(workspace: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """`python -m docgen build plans/<plan>` in `workspace` with `env` added: (wall s, CPU s of
    it and its reaped workers, peak RSS MiB), from os.wait4."""
    import subprocess

    import build as bench_build

    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "docgen", "build", f"plans/{bench_build.PLAN}"], cwd=workspace,
                            env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"docgen build failed: {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--awardees", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--plain", action="store_true", help="every fast path off")
    parser.add_argument("--code", choices=("kept", "cold", "off"), default="kept",
                        help="the templates' compiled code (docgen.render.compiled): kept from an earlier"
                             " process, in an empty folder, or not kept at all")
    parser.add_argument("--against", type=Path, help="a base tree: `docgen build` from it and from this tree,"
                        " alternately, as subprocesses (no ledger)")
    args = parser.parse_args()
    if args.against is not None:
        paired(args.against.resolve(), args.awardees, args.rounds, args.code)
        return
    import docgen.render.compiled as compiled

    cache = tempfile.TemporaryDirectory(prefix="docgen-bench-code-")
    os.environ["DOCGEN_CACHE"] = cache.name
    compiled.KEEP_CODE = args.code != "off"
    if args.code == "kept":
        from docgen.render import TemplateSet

        templates = TemplateSet([ROOT / "templates"])
        for path in sorted((ROOT / "templates").glob("*.docx")):
            templates.get(path.name)  # an earlier build's compile
    from decisions import synthetic_awards

    import build as bench_build

    install()
    awards = synthetic_awards(args.awardees)
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            workspace = bench_build.fresh_workspace(Path(tmp), f"w{r}", awards)
            ledgers = Path(tmp) / f"ledger{r}"
            ledgers.mkdir()
            here = os.getcwd()
            os.chdir(workspace)
            try:
                wall, own, children = one(Path("plans") / bench_build.PLAN, ledgers, not args.plain)
            finally:
                os.chdir(here)
            load = " ".join(f"{x:.1f}" for x in os.getloadavg())
            print(f"round {r + 1}, fast paths {'off' if args.plain else 'on'}, code {args.code}: wall {wall:.2f} s,"
                  f" build process CPU {own:.2f} s, workers' CPU {children:.2f} s (load {load})")
            report(ledgers, children)
            with contextlib.suppress(OSError):
                shutil.rmtree(workspace)
            print(flush=True)
    cache.cleanup()


if __name__ == "__main__":
    main()
