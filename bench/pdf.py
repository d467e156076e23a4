"""Convert N two-page decisions to PDF both ways in one run: one LibreOffice process for the
whole batch, and one process per file. Prints documents per second, the ratio and the time
per page; asserts nothing.

    python bench/pdf.py [N]        (default 20)

Goal (issue 7): the batch at least 10x faster than one process per file, under 0.1 s a page.
A third way, as `docgen build --pdf` does for decisions: convert their print bundle once and
cut its PDF into one file per decision.
"""

import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from nd30doc import two_page_decision  # noqa: E402

from docgen.output import write_package  # noqa: E402
from docgen.output.bundle import bundle  # noqa: E402
from docgen.output.pdf import to_pdf, to_pdf_bundled  # noqa: E402


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main(n: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for way in ("lo", "mot"):
            (root / way).mkdir()
        batch = [two_page_decision(root / "lo" / f"qd-{i:04d}.docx") for i in range(n)]
        single = []
        for path in batch:
            copy = root / "mot" / path.name
            copy.write_bytes(path.read_bytes())
            single.append(copy)

        start = time.perf_counter()
        result = to_pdf(batch)
        batch_s = time.perf_counter() - start
        assert not result.failed, result.failed

        start = time.perf_counter()
        for path in single:
            assert not to_pdf([path]).failed
        single_s = time.perf_counter() - start

        (root / "bo").mkdir()
        members = []
        for path in batch:
            copy = root / "bo" / path.name
            copy.write_bytes(path.read_bytes())
            members.append(copy)
        parts = []
        for path in members:
            with zipfile.ZipFile(path) as zf:
                parts.append({name: zf.read(name) for name in zf.namelist()})
        bundle_path = root / "bo" / "tat-ca.docx"
        write_package(bundle_path, bundle(parts))
        start = time.perf_counter()
        cut = to_pdf_bundled([*members, bundle_path], bundle_path, members)
        bundle_s = time.perf_counter() - start
        assert not cut.failed and len(cut.written) == n + 1

        pages = sum(_pages(p) for p in result.written)
        print(f"{n} quyết định, {pages} trang ({pages / n:.1f} trang mỗi văn bản)")
        print(f"một tiến trình LibreOffice cho cả lô: {batch_s:.2f} s, {n / batch_s:.1f} văn bản/giây,"
              f" {batch_s / pages:.3f} s mỗi trang")
        print(f"một tiến trình cho mỗi tệp:          {single_s:.2f} s, {n / single_s:.1f} văn bản/giây,"
              f" {single_s / pages:.3f} s mỗi trang")
        print(f"tệp gộp chuyển một lần rồi cắt:    {bundle_s:.2f} s, {n / bundle_s:.1f} văn bản/giây,"
              f" {bundle_s / pages:.3f} s mỗi trang (được cả tệp gộp lẫn từng quyết định)")
        print(f"tỷ lệ: cả lô nhanh gấp {single_s / batch_s:.1f} lần mỗi tệp một tiến trình;"
              f" tệp gộp rồi cắt nhanh gấp {single_s / bundle_s:.1f} lần")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
