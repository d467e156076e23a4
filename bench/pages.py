"""`docgen lint --pages` on a folder of .docx: the one LibreOffice run, then the reading of the
pages (pdftotext, matching lines to paragraphs, the rules), timed apart. Prints figures; asserts
nothing.

    python bench/pages.py [FOLDER]      (default build/: run `docgen build plans/*/` first)
    python bench/pages.py --decisions N (N two-page decisions of tests/nd30doc.py instead)
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from docgen.checker import _files  # noqa: E402
from docgen.checker.pages import judge  # noqa: E402
from docgen.output.pdf import to_pdf  # noqa: E402


def _clock() -> tuple[float, float]:
    t = os.times()
    return time.perf_counter(), t.user + t.system + t.children_user + t.children_system


def main(args: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args[:1] == ["--decisions"]:
            from nd30doc import two_page_decision

            n = int(args[1]) if len(args) > 1 else 20
            files = [two_page_decision(work / f"qd-{i:04d}.docx") for i in range(n)]
        else:
            folder = Path(args[0]) if args else ROOT / "build"
            files = []
            for i, path in enumerate(_files([folder])):
                copy = work / f"{i:05d}" / path.name
                copy.parent.mkdir()
                files.append(Path(shutil.copyfile(path, copy)))
        wall, cpu = _clock()
        conversion = to_pdf(files)
        wall_lo, cpu_lo = _clock()
        assert not conversion.failed, conversion.failed
        findings = pages = 0
        for docx in files:
            report = judge(docx, docx.with_suffix(".pdf"), work / "png")
            findings += len(report.findings)
        wall_end, cpu_end = _clock()
        from docgen.checker.pdfpages import read_pdf

        pages = sum(len(read_pdf(f.with_suffix(".pdf"))) for f in files)
    load = os.getloadavg()[0]
    print(f"{len(files)} documents, {pages} pages, {findings} findings; load average {load:.1f}")
    print(f"LibreOffice, one run: {wall_lo - wall:.2f} s wall, {cpu_lo - cpu:.2f} s CPU")
    print(f"pages read and judged: {wall_end - wall_lo:.2f} s wall, {cpu_end - cpu_lo:.2f} s CPU"
          f" ({(wall_end - wall_lo) / max(pages, 1) * 1000:.0f} ms a page)")
    print(f"total: {len(files)} documents, {wall_end - wall:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
