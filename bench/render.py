"""A render worker's per-decision CPU, in one process, with the render fast paths off and on.

    python bench/render.py [N] [--rounds 5] [--awardees 20000] [--profile]

Makes the 20,000-awardee workspace of bench/build.py (1,000 decisions of 20), numbers its
decisions as a build does, then renders the first N (300) of them the way a build's render
worker does: render (Jinja, layout, the strict well-formedness check, properties), package
(docgen.output.package_bytes) and the register's read-back (docgen.render.readback). The rounds
alternate every switch of RENDER_SWITCHES off and on; each prints the CPU (time.process_time) a
decision of the three stages, medians over the rounds, and a digest of every byte written and
read back, which must be the same both ways. --profile: one cProfile run, switches on.
Figures only, nothing asserted.
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

from decisions import synthetic_awards  # noqa: E402

from build import PLAN, fresh_workspace  # noqa: E402  (bench/build.py)

# (module, switch): the render fast paths of issue 16 (tests/test_build_fastpaths.py turns them off).
RENDER_SWITCHES = [("docgen.vn.text", "FAST_NAMES"), ("docgen.render.environment", "FAST_ATTRIBUTES"),
                   ("docgen.vn.text", "KEEP_RESULTS"), ("docgen.render.environment", "KEEP_NAMES"),
                   ("docgen.output.package", "KEEP_ENTRIES"),
                   ("docgen.render.wellformed", "KEEP_SKELETONS"), ("docgen.render.layout", "FAST_LAYOUT"),
                   ("docgen.render.splice", "SPLICE")]
# What those switches keep across calls, emptied before each round: a build meets each decision once.
KEPT = [("docgen.vn.text", "_RESULTS"), ("docgen.vn.text", "_JOINED"), ("docgen.render.environment", "_NAMES_OF"),
        ("docgen.output.zipentries", "_ENTRIES"), ("docgen.output.zipentries", "_SHAPES"),
        ("docgen.render.wellformed", "_SKELETONS"), ("docgen.render.splice", "_KEPT"),
        ("docgen.render.layout", "_CELL_NAMES")]


def jobs_of(root: Path, awardees: int) -> tuple[list[Path], list]:
    from docgen.build import award_documents, validate
    from docgen.model.documents import award_jobs
    from docgen.records.register import Register
    from docgen.workspace import Workspace

    ws = fresh_workspace(root, "ws", synthetic_awards(awardees))
    plan_dir = ws / "plans" / PLAN
    plan = validate(plan_dir)
    with Register.of_workspace(ws).numbering() as numbering:  # reserved, never committed
        docs = award_documents(plan_dir, plan, numbering)
    jobs = [j for j in award_jobs(plan, docs) if j.template == "quyet-dinh.docx"]
    return Workspace.of_plan(plan_dir).template_folders(plan_dir), jobs


def one_round(folders: list[Path], jobs: list) -> tuple[float, float, float, str]:
    """(render, package, read-back) CPU ms a decision, and the digest of what they gave."""
    from docgen.output.package import package_bytes
    from docgen.render import TemplateSet
    from docgen.render.readback import register_fields

    templates = TemplateSet(folders)
    templates.render(jobs[0])  # compiled, as a worker's warm-up does
    render = package = read = 0.0
    digest = hashlib.sha256()
    for job in jobs:
        t0 = time.process_time()
        parts = templates.render(job)
        t1 = time.process_time()
        data = package_bytes(parts)
        t2 = time.process_time()
        fields = register_fields(parts)
        t3 = time.process_time()
        render, package, read = render + t1 - t0, package + t2 - t1, read + t3 - t2
        digest.update(data)
        digest.update(repr(fields).encode())
    n = len(jobs) / 1000
    return render / n, package / n, read / n, digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--awardees", type=int, default=20000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    gc.disable()  # as in the render workers (docgen.render.batch)
    switches = [(importlib.import_module(m), name) for m, name in RENDER_SWITCHES]
    with tempfile.TemporaryDirectory() as tmp:
        folders, jobs = jobs_of(Path(tmp), args.awardees)
        jobs = jobs[: args.n]
        if args.profile:
            import cProfile
            import pstats

            profile = cProfile.Profile()
            profile.runcall(one_round, folders, jobs)
            pstats.Stats(profile).sort_stats("tottime").print_stats(30)
            return
        rounds: dict[bool, list] = {False: [], True: []}
        for _ in range(args.rounds):
            for on in (False, True):
                for module, name in switches:
                    setattr(module, name, on)
                for module, name in KEPT:
                    getattr(importlib.import_module(module), name).clear()
                rounds[on].append(one_round(folders, jobs))
    for on in (False, True):
        r = rounds[on]
        stages = [statistics.median(x[i] for x in r) for i in range(3)]
        total = statistics.median(sum(x[:3]) for x in r)
        print(f"nhanh {'bật' if on else 'tắt'}: dựng {stages[0]:.3f} ms, nén zip {stages[1]:.3f} ms,"
              f" đọc lại {stages[2]:.3f} ms; tổng {total:.3f} ms CPU mỗi quyết định (trung vị {len(r)} lượt,"
              f" {len(jobs)} quyết định); dấu {sorted({x[3] for x in r})}")
    same = {x[3] for x in rounds[False]} == {x[3] for x in rounds[True]}
    off = statistics.median(sum(x[:3]) for x in rounds[False])
    on = statistics.median(sum(x[:3]) for x in rounds[True])
    print(f"tải {' '.join(f'{x:.1f}' for x in os.getloadavg())}; cùng từng byte: {'có' if same else 'KHÔNG'};"
          f" tắt/bật {off / on:.2f}×")


if __name__ == "__main__":
    sys.exit(main())
