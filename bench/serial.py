"""The build's serial part: reading the records while the early workers wait, awards.yaml's
list read whole or in pieces on them (docgen.records.yamlsplit).

    python bench/serial.py [--awardees 20000] [--rounds 3]

Writes the 1,000-decision plan of bench/build.py into a temporary workspace, starts the
build's early workers as `docgen build` does (docgen.buildwork.early_workers, warmed up), then
reads the records as a build does (`build.read_inputs`: every record read and checked, the
award model made) with the list's split on and off alternately. For each reading: its wall
time, the CPU of this process (the build's critical path: the workers wait for it) and of the
workers (from /proc), and the load average. Figures only, nothing asserted.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


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
    args = parser.parse_args()

    import build as bench_build
    from decisions import synthetic_awards

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


if __name__ == "__main__":
    main()
