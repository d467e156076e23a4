"""Time `docgen lint`: a two-page decision in-process, and docgen's print bundle of 1,000 decisions.

    python bench/lint.py [N_DECISIONS] [--repeat R]

1. A two-page decision (tests/nd30doc.py, written without docgen) and docgen's own award decision
   of 20 names, each linted R times in this process: median wall and CPU time per lint.
2. docgen's 1,000-decision print bundle (20,000 synthetic awardees, 20 to a decision, rendered and
   bundled as `docgen build` does) linted as one file: wall and CPU time, and the time per decision.
   The splitter is linear: the same bundle at 250 and 500 decisions shows the time per decision
   staying flat.
3. The same bundle through `lint_paths` with its 1,000 single decisions beside it (as `docgen build`
   lints what it writes, on every core).
4. ("khác nhau") the N distinct decisions of that workspace, each rendered once (untimed) and
   linted once from its rendered parts, as a build's worker does: CPU and wall per decision.
   Figures 1 lint one file again and again, so every paragraph's shape is already known; this
   is the figure a build gets, each decision's awardees met for the first time.

The checker keeps what files made from one template share (styles, the shapes of identical
paragraphs) for the life of the process; the two-page decision is also timed with the shapes
forgotten before each lint ("lạnh"), its paragraphs met for the first time. The load average
is printed with the figures: on a shared machine the wall times follow it.

Goals (issue 12): ≤ 2 ms a two-page decision, ≤ 2 s the 1,000-decision bundle. Figures only,
nothing asserted. The last line holds the figures.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from nd30doc import two_page_decision  # noqa: E402

from docgen.checker import lint, lint_paths  # noqa: E402


def _time(path: Path, repeat: int, cold: bool = False) -> tuple[float, float]:
    """Median wall and CPU seconds of one lint of `path` (`cold`: the shapes of paragraphs already
    met forgotten before each lint; the styles stay read, as they did before the shapes were kept)."""
    from docgen.checker import ooxml

    walls, cpus = [], []
    for _ in range(repeat):
        if cold:
            for entry in ooxml._STYLES.values():
                entry[4].clear()
        w, c = time.perf_counter(), time.process_time()
        report = lint(path)
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
        assert report.error is None and not report.findings, report.findings
    return statistics.median(walls), statistics.median(cpus)


def _bundles(root: Path, n: int) -> tuple[dict[int, Path], list[Path], list[dict[str, bytes]]]:
    """docgen's print bundle of the first 250, 500 and n decisions, n single decisions, and the
    rendered parts of those n decisions."""
    from decisions import synthetic_awards

    from docgen.build import award_documents, validate
    from docgen.model.documents import award_jobs
    from docgen.output import package_bytes, write_package
    from docgen.output.bundle import bundle
    from docgen.render import TemplateSet
    from docgen.render.batch import render_all

    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    plan_dir = root / "plans" / "ninh-binh-2021"
    (plan_dir / "awards.yaml").write_text(synthetic_awards(n * 20), encoding="utf-8")
    plan = validate(plan_dir)
    jobs = award_jobs(plan, award_documents(plan_dir, plan))
    rendered = render_all(TemplateSet([ROOT / "templates"]), jobs)
    singles = []
    (root / "qd").mkdir()
    for i, parts in enumerate(rendered):
        path = root / "qd" / f"{i:04d}.docx"
        write_package(path, parts)
        singles.append(path)
    out = {}
    for size in sorted({250, 500, n}):
        if size <= len(rendered):
            out[size] = root / f"tat-ca-{size}.docx"
            out[size].write_bytes(package_bytes(bundle(rendered[:size])))
    return out, singles, rendered


def _distinct(singles: list[Path], rendered: list[dict[str, bytes]]) -> tuple[float, float]:
    """Wall and CPU seconds per decision of one lint each of distinct decisions (their parts, as
    a build's worker judges them), in order, none judged before in this process."""
    w, c = time.perf_counter(), time.process_time()
    for path, parts in zip(singles, rendered, strict=True):
        report = lint(path, parts=parts)
        assert report.error is None and not report.findings, report.findings
    return (time.perf_counter() - w) / len(singles), (time.process_time() - c) / len(singles)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000, help="decisions in the bundle")
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        small = two_page_decision(root / "qd-2-trang.docx")
        bundles, singles, rendered = _bundles(root, args.n)
        lint(small)  # warm up imports and caches
        lint(singles[-1], parts=rendered[-1])  # and the template's styles, as a worker's first file does
        dist_wall, dist_cpu = _distinct(singles[:-1], rendered[:-1])
        print(f"{len(singles) - 1} quyết định khác nhau (20 người), mỗi quyết định một lần:"
              f" {dist_wall * 1000:.2f} ms (CPU {dist_cpu * 1000:.2f} ms) mỗi quyết định")
        wall, cpu = _time(small, args.repeat)
        print(f"quyết định 2 trang (tests/nd30doc.py): trung vị {wall * 1000:.2f} ms (CPU {cpu * 1000:.2f} ms)"
              f" một lần kiểm tra, {args.repeat} lần")
        cold_wall, cold_cpu = _time(small, args.repeat, cold=True)
        print(f"quyết định 2 trang, lạnh (quên các đoạn đã gặp mỗi lần): trung vị {cold_wall * 1000:.2f} ms"
              f" (CPU {cold_cpu * 1000:.2f} ms)")
        own_wall, own_cpu = _time(singles[0], args.repeat)
        print(f"quyết định của docgen (20 người): trung vị {own_wall * 1000:.2f} ms (CPU {own_cpu * 1000:.2f} ms)")
        per = {}
        for size, path in bundles.items():
            w, c = time.perf_counter(), time.process_time()
            report = lint(path)
            bw, bc = time.perf_counter() - w, time.process_time() - c
            assert report.error is None and not report.findings, report.findings[:3]
            per[size] = bw
            print(f"tệp in gộp {size} quyết định ({path.stat().st_size / 1e6:.1f} MB): {bw:.2f} s (CPU {bc:.2f} s),"
                  f" {bw / size * 1000:.2f} ms mỗi quyết định")
        files = singles + [bundles[args.n]]
        w = time.perf_counter()
        reports = lint_paths(files)
        all_s = time.perf_counter() - w
        assert all(not r.findings and not r.error for r in reports)
        print(f"lint_paths như docgen build: {len(singles)} quyết định lẻ và tệp gộp: {all_s:.2f} s"
              f" ({os.cpu_count()} lõi)")
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
        print(f"KẾT QUẢ: quyết định 2 trang {wall * 1000:.2f} ms (lạnh {cold_wall * 1000:.2f} ms; mục tiêu ≤ 2 ms);"
              f" quyết định khác nhau {dist_wall * 1000:.2f} ms (CPU {dist_cpu * 1000:.2f} ms);"
              f" tệp gộp {args.n} quyết định {per[args.n]:.2f} s (mục tiêu ≤ 2 s);"
              f" build lint {all_s:.2f} s; tải máy {load}")


if __name__ == "__main__":
    main()
