"""The cost of sizing list tables by content (docgen/render/widths.py), per decision.

    python bench/widths.py [N]

Makes N synthetic awardees (bench/decisions.py, 20 to a decision), renders every decision once
in this process as a build does (TemplateSet.render, columns sized), then times `fit_tables`
alone on each decision's document.xml as the template left it (autofit): on the fast path with
its caches emptied, again with them warm, then on the lxml path (`widths.FAST = False`); CPU
(process_time) and wall per decision, and the load average; last, a digest of every sized
document.xml (the same on both paths: compare it across commits). Figures only.
"""

import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    from build import PLAN, fresh_workspace  # bench/build.py
    from decisions import synthetic_awards

    import docgen.render as render
    from docgen.build import award_documents, validate
    from docgen.model.documents import award_jobs
    from docgen.records.register import Register
    from docgen.render import TemplateSet, widths, widthscan
    from docgen.render.widths import fit_tables

    with tempfile.TemporaryDirectory() as tmp:
        root = fresh_workspace(Path(tmp), "ws", synthetic_awards(n))
        plan_dir = root / "plans" / PLAN
        plan = validate(plan_dir)
        with Register.of_workspace(root).numbering() as numbering:
            docs = award_documents(plan_dir, plan, numbering)
        jobs = award_jobs(plan, docs)
        templates = TemplateSet([ROOT / "templates"])
        templates.render(jobs[0])  # compiled before timing

        def timed(fit) -> tuple[float, float, list[bytes]]:
            render.fit_tables = fit
            cpu, wall = time.process_time(), time.perf_counter()
            xml = [templates.render(job)["word/document.xml"] for job in jobs]
            return time.process_time() - cpu, time.perf_counter() - wall, xml

        plain_cpu, plain_wall, raw = timed(lambda xml: xml)
        sized_cpu, sized_wall, sized = timed(fit_tables)
        render.fit_tables = fit_tables

        def alone(fast: bool) -> tuple[float, float]:
            widths.FAST = fast
            cpu, wall = time.process_time(), time.perf_counter()
            for xml in raw:
                fit_tables(xml)
            widths.FAST = True
            return time.process_time() - cpu, time.perf_counter() - wall

        widthscan._CELLS.clear()
        widthscan._SHAPES.clear()
        cold_cpu, cold_wall = alone(True)
        fit_cpu, fit_wall = alone(True)
        tree_cpu, tree_wall = alone(False)
        count = len(jobs)
        print(f"{count} quyết định, {n // count} dòng mỗi danh sách")
        print(f"dựng không chia cột: {plain_cpu / count * 1000:.2f} ms CPU ({plain_wall / count * 1000:.2f} ms)"
              f" mỗi quyết định; có chia cột: {sized_cpu / count * 1000:.2f} ms CPU"
              f" ({sized_wall / count * 1000:.2f} ms)")
        print(f"riêng fit_tables, mỗi quyết định: {cold_cpu / count * 1000:.2f} ms CPU"
              f" ({cold_wall / count * 1000:.2f} ms) lần đầu, {fit_cpu / count * 1000:.2f} ms CPU"
              f" ({fit_wall / count * 1000:.2f} ms) lần hai; đường lxml (FAST = False)"
              f" {tree_cpu / count * 1000:.2f} ms CPU ({tree_wall / count * 1000:.2f} ms);"
              f" load average {os.getloadavg()[0]:.2f}")
        digest = hashlib.sha256(b"".join(hashlib.sha256(xml).digest() for xml in sized)).hexdigest()
        print(f"sha256 của mọi document.xml đã chia cột: {digest}")


if __name__ == "__main__":
    main()
