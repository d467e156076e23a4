"""A render worker's whole CPU a decision, in one process: render, then finish (package, lint of
its parts, the register's read-back), this branch's fast paths off and on alternately.

    python bench/worker.py [N] [--rounds 5] [--awardees 20000]

Makes the 20,000-awardee workspace of bench/build.py (1,000 decisions of 20) and renders its
first N (300) decisions one after the other as a build's render worker does
(`TemplateSet.render`, then `docgen.finish.finish` with lint and read-back): each decision met
once a round, its awardees new. Each round flips every switch of SWITCHES and empties what they
keep (KEPT), so the "on" rounds start as a worker starts. Prints, per round and as medians, the
CPU (time.process_time) a decision of render and finish, the wall time beside it, the load
average, and a digest of every byte written, every finding and every register field, which must
be the same both ways. Figures only, nothing asserted.
"""

import argparse
import gc
import hashlib
import importlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import jobs_of  # noqa: E402  (bench/render.py)

# (module, switch): the per-decision fast paths of branches s6-worker, s7-render and s8-finish
# (tests/test_build_fastpaths.py turns them off with the others).
SWITCHES = [("docgen.vn.text", "KEEP_RESULTS"), ("docgen.render.environment", "KEEP_NAMES"),
            ("docgen.checker.fastread", "KEEP_PLANS"), ("docgen.output.package", "KEEP_ENTRIES"),
            ("docgen.render.wellformed", "KEEP_SKELETONS"), ("docgen.render.layout", "FAST_LAYOUT"),
            ("docgen.checker.fastread", "MASK_WIDTHS"), ("docgen.finish", "READ_ONCE"),
            ("docgen.render.splice", "SPLICE"),
            ("docgen.render.layout", "FAST_SHARE")]
KEPT = [("docgen.vn.text", "_RESULTS"), ("docgen.vn.text", "_JOINED"), ("docgen.render.environment", "_NAMES_OF"),
        ("docgen.output.zipentries", "_ENTRIES"), ("docgen.output.zipentries", "_SHAPES"),
        ("docgen.render.wellformed", "_SKELETONS"), ("docgen.render.readback", "_READ"),
        ("docgen.render.splice", "_KEPT"), ("docgen.render.layout", "_CELL_NAMES")]


def one_round(folder: Path, templates, jobs: list) -> tuple[float, float, float, str]:
    """(render, finish) CPU ms a decision, wall ms a decision, and the digest of what they gave."""
    from docgen.finish import finish

    render = done = 0.0
    digest = hashlib.sha256()
    wall = time.perf_counter()
    for i, job in enumerate(jobs, 1):
        t0 = time.process_time()
        parts = templates.render(job)
        t1 = time.process_time()
        out = finish(folder, True, False, True, i, job, parts)
        t2 = time.process_time()
        render, done = render + t1 - t0, done + t2 - t1
        digest.update(out.data)
        findings = [(f.rule, f.paragraph, f.message) for f in out.report.findings]
        digest.update(repr((findings, out.subject, out.recipients)).encode())
    n = len(jobs) / 1000
    return render / n, done / n, (time.perf_counter() - wall) / n, digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--awardees", type=int, default=20000)
    args = parser.parse_args()
    gc.disable()  # as in the render workers (docgen.render.batch)
    from docgen.finish import finish
    from docgen.render import TemplateSet

    switches = [(importlib.import_module(m), name) for m, name in SWITCHES]
    kept = [getattr(importlib.import_module(m), name) for m, name in KEPT]
    rounds: dict[bool, list] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        folders, jobs = jobs_of(Path(tmp), args.awardees)
        templates = TemplateSet(folders)
        finish(Path(tmp), True, False, True, 0, jobs[0], templates.render(jobs[0]))  # a worker's warm-up
        jobs = jobs[1:args.n + 1]
        for r in range(args.rounds):
            for on in (False, True):
                for module, name in switches:
                    setattr(module, name, on)
                for memo in kept:
                    memo.clear()
                got = one_round(Path(tmp), templates, jobs)
                rounds[on].append(got)
                print(f"lượt {r + 1} nhanh {'bật' if on else 'tắt'}: dựng {got[0]:.3f} ms, hoàn tất {got[1]:.3f} ms,"
                      f" tổng {got[0] + got[1]:.3f} ms CPU ({got[2]:.3f} ms thực) mỗi quyết định; dấu {got[3]};"
                      f" tải {os.getloadavg()[0]:.1f}", flush=True)
    medians = {}
    for on in (False, True):
        r = rounds[on]
        medians[on] = statistics.median(x[0] + x[1] for x in r)
        print(f"nhanh {'bật' if on else 'tắt'}: dựng {statistics.median(x[0] for x in r):.3f} ms, hoàn tất"
              f" {statistics.median(x[1] for x in r):.3f} ms, tổng {medians[on]:.3f} ms CPU mỗi quyết định"
              f" (trung vị {len(r)} lượt, {len(jobs)} quyết định)")
    same = {x[3] for x in rounds[False]} == {x[3] for x in rounds[True]}
    print(f"tải {' '.join(f'{x:.1f}' for x in os.getloadavg())}; cùng từng byte: {'có' if same else 'KHÔNG'};"
          f" tắt/bật {medians[False] / medians[True]:.2f}×")


if __name__ == "__main__":
    sys.exit(main())
