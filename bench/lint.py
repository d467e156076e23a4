"""Time `docgen lint` on 100 generated documents; prints figures, asserts nothing.

    python bench/lint.py [N]

Two kinds: the 7-page Kế hoạch of the example (rendered N times with different signers) and
a two-page decision written by tests/nd30doc.py. Goal (issue 4): under 20 ms per two-page document.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from nd30doc import two_page_decision  # noqa: E402

from docgen.build import validate  # noqa: E402
from docgen.checker import lint  # noqa: E402
from docgen.model.documents import plan_documents  # noqa: E402
from docgen.output import write_package  # noqa: E402
from docgen.render import TemplateSet  # noqa: E402


def _time(paths: list[Path]) -> list[float]:
    out = []
    for path in paths:
        start = time.perf_counter()
        report = lint(path)
        out.append(time.perf_counter() - start)
        assert report.error is None
    return out


def main(n: int = 100) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        plan = validate(ROOT / "plans" / "ninh-binh-2021")
        job = plan_documents(plan)[0]
        templates = TemplateSet([ROOT / "templates"])
        plans = []
        for i in range(n):
            path = tmp_path / f"ke-hoach-{i}.docx"
            write_package(path, templates.render(job))
            plans.append(path)
        decisions = [two_page_decision(tmp_path / f"qd-{i}.docx") for i in range(n)]
        lint(plans[0])  # warm up imports and caches
        for name, paths, pages in (("kế hoạch (7 trang)", plans, 7), ("quyết định (2 trang)", decisions, 2)):
            times = _time(paths)
            total = sum(times)
            print(f"{name}: {n} văn bản trong {total:.2f} s; trung bình {statistics.mean(times) * 1000:.1f} ms,"
                  f" trung vị {statistics.median(times) * 1000:.1f} ms, chậm nhất {max(times) * 1000:.1f} ms"
                  f" một văn bản; {statistics.mean(times) * 1000 / pages:.1f} ms một trang")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
