"""The whole process as a user runs it: `docgen build` against a naive docxtpl loop, in subprocesses.

    python bench/build.py [--awardees 20000] [--rounds 3]

Writes a plan with N awardees (default 20,000, in decisions of 20: bench/decisions.py's
synthetic list) into a temporary workspace. Then, alternating A/B `--rounds` times (each A in a
fresh copy of the workspace, so every A is a full build with an empty build/ and register):

- A: `docgen build plans/<plan>` (records, numbers, render, write, bundle, lint of every file);
- B: a naive docxtpl loop in its own process: for each decision, load the template, render it
  with the same context (numbered as A numbers it) and Jinja environment, save it. Its contexts
  are prepared beforehand (pickled, untimed), so B pays nothing for reading records: the ratio
  favours B. docxtpl compiles the template's Jinja on every render: about half of B's time is
  that compile, which grew when the decisions' wording moved into the template (its document
  part went from 21 to 104 block tags, commit 83a8eed), so B costs more per decision than the
  13.8 ms issue 16 measured on the earlier template.

Each child's wall time, CPU time (user + system) and peak RSS come from os.wait4 (that child's
own rusage). Prints every round, the medians and the paired ratio (B wall / A wall per round,
median), then the time of a second build with nothing changed and of `docgen --version`.
The last line holds the ratio. Figures only, nothing asserted.

The children run as a user's shell runs them: without PYTHONDONTWRITEBYTECODE (this machine
sets it; a clerk's doesn't), docgen's modules compiled to bytecode once before the rounds, as
the first `docgen build` after `pip install -e .` leaves them. With the variable inherited,
every A compiled docgen's ~100 modules from source on the build's process first (0.4 s CPU of
the serial part no user pays; branch s8-serial, bench/README.md).
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
PLAN = "ninh-binh-2021"

NAIVE = r"""
import pickle, sys
from pathlib import Path
import docxtpl
from docgen.render import ENVIRONMENT

template, jobs_file, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
out.mkdir(parents=True, exist_ok=True)
for name, context in pickle.loads(jobs_file.read_bytes()):
    tpl = docxtpl.DocxTemplate(template)
    tpl.render(context, jinja_env=ENVIRONMENT)
    tpl.save(str(out / Path(name).name))
"""

PREPARE = r"""
import pickle, sys
from pathlib import Path
from docgen.build import award_documents, validate
from docgen.model.documents import award_jobs
from docgen.records.register import Register
from docgen.workspace import Workspace

plan_dir = Path(sys.argv[1])
plan = validate(plan_dir)
# Numbered from the register, as `docgen build` numbers them (reserved, never committed): the
# contexts B renders are the ones A renders, number and date included.
with Register.of_workspace(Workspace.of_plan(plan_dir).root).numbering() as numbering:
    docs = award_documents(plan_dir, plan, numbering)
jobs = [j for j in award_jobs(plan, docs) if j.template == "quyet-dinh.docx"]
Path(sys.argv[2]).write_bytes(pickle.dumps([(j.output, j.context) for j in jobs]))
print(len(jobs))
"""


def docgen_command() -> list[str]:
    script = Path(sys.executable).parent / "docgen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "docgen"]


# The children's environment: a user's (see the module's docstring).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(cmd: list[str], cwd: Path) -> tuple[float, float, float]:
    """Run `cmd`; its (wall s, CPU s, peak RSS MiB), from its own rusage. Fails loudly."""
    start = time.perf_counter()
    with open(cwd / ".bench-out.txt", "wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=CHILD_ENV)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n"
                 + (cwd / ".bench-out.txt").read_text(encoding="utf-8", errors="replace")[-3000:])
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def fresh_workspace(base: Path, name: str, awards: str) -> Path:
    root = base / name
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    (root / "plans" / PLAN / "awards.yaml").write_text(awards, encoding="utf-8")
    return root


def line(label: str, wall: float, cpu: float, rss: float) -> str:
    return f"{label:<28} wall {wall:6.2f} s   CPU {cpu:6.2f} s   peak RSS {rss:6.0f} MiB   tải {load()}"


def load() -> str:
    """The load average (1, 5, 15 minutes): on a shared machine the wall times follow it."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main() -> None:
    from decisions import synthetic_awards

    parser = argparse.ArgumentParser()
    parser.add_argument("--awardees", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startups", type=int, default=7)
    args = parser.parse_args()
    awards = synthetic_awards(args.awardees)
    docgen = docgen_command()
    build_cmd = [*docgen, "build", f"plans/{PLAN}"]

    import docgen

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(docgen.__file__).parent)], check=True,
                   env=CHILD_ENV)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as tmp:
        base = Path(tmp)
        prep = fresh_workspace(base, "prepare", awards)
        jobs_file = base / "jobs.pickle"
        count = subprocess.run([sys.executable, "-c", PREPARE, str(prep / "plans" / PLAN), str(jobs_file)],
                               check=True, capture_output=True, text=True).stdout.strip()
        print(f"{args.awardees} người được khen, {count} quyết định; {os.cpu_count()} lõi;"
              f" lệnh: {' '.join(build_cmd)}")
        naive_cmd = [sys.executable, "-c", NAIVE, str(ROOT / "templates" / "quyet-dinh.docx"), str(jobs_file)]

        a_runs, b_runs = [], []
        workspace = prep
        for i in range(args.rounds):
            workspace = fresh_workspace(base, f"a{i}", awards)
            a = run(build_cmd, workspace)
            b = run([*naive_cmd, str(base / f"naive{i}")], base)
            shutil.rmtree(base / f"naive{i}")
            a_runs.append(a)
            b_runs.append(b)
            print(line(f"vòng {i + 1} A docgen build", *a))
            print(line(f"vòng {i + 1} B docxtpl loop", *b))
        med_a = [statistics.median(r[k] for r in a_runs) for k in range(3)]
        med_b = [statistics.median(r[k] for r in b_runs) for k in range(3)]
        print(line("trung vị A docgen build", *med_a))
        print(line("trung vị B docxtpl loop", *med_b))

        # A second build of the last workspace: records and templates unchanged.
        again = [run(build_cmd, workspace) for _ in range(3)]
        print(line("dựng lại, không đổi gì", *[statistics.median(r[k] for r in again) for k in range(3)]))

        startup = [run([*docgen, "--version"], base) for _ in range(args.startups)]
        print(line("docgen --version", *[statistics.median(r[k] for r in startup) for k in range(3)]))

        ratios = [b[0] / a[0] for a, b in zip(a_runs, b_runs, strict=True)]
        cpu = [b[1] / a[1] for a, b in zip(a_runs, b_runs, strict=True)]
        print(f"tỷ lệ (B/A, thời gian thực, theo cặp): trung vị {statistics.median(ratios):.2f}×"
              f" ({', '.join(f'{r:.2f}' for r in ratios)}); theo CPU {statistics.median(cpu):.2f}×;"
              f" docgen build nhanh gấp {statistics.median(ratios):.2f} lần vòng lặp docxtpl; tải {load()}")


if __name__ == "__main__":
    main()
