"""Where a decision's render CPU goes on a worker, stage by stage, fast paths on.

    python bench/renderstages.py [N] [--rounds 3] [--awardees 20000]

Makes the 20,000-awardee workspace of bench/build.py and renders N (300) decisions a round as a
render worker does (`TemplateSet.render`, the first decision a warm-up), each round new ones (a
build meets each decision once: what is kept of their names does not serve again), each stage's function
wrapped to add its CPU (time.process_time): Jinja (the compiled template's render), the layout
of runs and titles (`lay_out`, and its four steps), the strict well-formedness check, the list
tables' widths (`fit_tables`), the document's properties, and what is left (the parts' copy,
the encoding, the empty-cell test). Each round prints the CPU a decision of each stage, the
total beside `python bench/worker.py`'s "dựng", the load average, and a digest of the parts,
which must not change with a change that only makes rendering faster. The wrappers cost a
little of their own (about 1 µs a call): the stages' sum is a little more than an unwrapped
render. Figures only, nothing asserted.
"""

import argparse
import gc
import hashlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import jobs_of  # noqa: E402  (bench/render.py)

# (label, module, attribute): the functions timed, by where the render looks them up.
# With render.splice (this tree), a decision's layout is lay_out_kept; an older tree's is lay_out.
STAGES = [("Jinja", "jinja2", "Template.render"),
          ("bố cục (lay_out)", "docgen.render.template", "lay_out"),
          ("bố cục theo mảnh (lay_out_kept)", "docgen.render.template", "lay_out_kept"),
          ("  no_break_in_ranges", "docgen.render.layout", "no_break_in_ranges"),
          ("  balance_titles", "docgen.render.layout", "balance_titles"),
          ("  fit_title_rules", "docgen.render.layout", "fit_title_rules"),
          ("  keep_closing", "docgen.render.layout", "keep_closing"),
          ("XML hợp lệ (expat)", "docgen.render.template", "well_formed"),
          ("độ rộng cột (fit_tables)", "docgen.render", "fit_tables"),
          ("  widthscan._rows", "docgen.render.widthscan", "_rows"),
          ("  widths._widths", "docgen.render.widthscan", "_widths"),
          ("thuộc tính (properties)", "docgen.render.properties", "apply")]
NESTED = {"  no_break_in_ranges", "  balance_titles", "  fit_title_rules", "  keep_closing", "  widthscan._rows",
          "  widths._widths"}


def wrap(spent: dict[str, float]) -> None:
    """Each function of STAGES replaced where it is looked up by one adding its CPU to `spent`;
    one the tree lacks (an older tree, paired with this one) left out: its CPU is in "còn lại"."""
    import importlib

    for label, module, attribute in STAGES:
        owner = importlib.import_module(module)
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        function = getattr(owner, name, None)
        if function is None:
            continue

        def timed(*args, _function=function, _label=label, **kwargs):
            start = time.process_time()
            try:
                return _function(*args, **kwargs)
            finally:
                spent[_label] += time.process_time() - start

        setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--awardees", type=int, default=20000)
    args = parser.parse_args()
    gc.disable()  # as in the render workers (docgen.render.batch)
    from docgen.render import TemplateSet

    spent = dict.fromkeys((label for label, _, _ in STAGES), 0.0)
    wrap(spent)
    rounds: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders, jobs = jobs_of(Path(tmp), args.awardees)
        templates = TemplateSet(folders)
        templates.render(jobs[0])  # compiled, as a worker's warm-up does
        for r in range(args.rounds):
            round_jobs = jobs[1 + r * args.n:1 + (r + 1) * args.n]
            for label in spent:
                spent[label] = 0.0
            digest = hashlib.sha256()
            start = time.process_time()
            for job in round_jobs:
                parts = templates.render(job)
                for name in sorted(parts):
                    digest.update(name.encode())
                    digest.update(parts[name])
            total = time.process_time() - start
            n = len(round_jobs)
            per = {label: spent[label] * 1000 / n for label in spent}
            per["còn lại"] = (total - sum(v for k, v in spent.items() if k not in NESTED)) * 1000 / n
            per["tổng"] = total * 1000 / n
            rounds.append(per)
            print(f"lượt {r + 1}: " + "; ".join(f"{k.strip()} {v:.3f}" for k, v in per.items())
                  + f" ms CPU mỗi quyết định; dấu {digest.hexdigest()[:16]}; tải {os.getloadavg()[0]:.1f}", flush=True)
    print(f"trung vị {len(rounds)} lượt, {args.n} quyết định mỗi lượt, ms CPU mỗi quyết định:")
    for label in rounds[0]:
        print(f"  {label:<28} {statistics.median(r[label] for r in rounds):7.3f}")
    print(f"tải {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    sys.exit(main())
