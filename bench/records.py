"""Time reading record files as clerks make them; prints figures, asserts nothing.

    python bench/records.py [N]

- an awards.yaml of N awardees (default 20000) through load_yaml: the cost of checking every
  value for characters that are not text, tags, aliases and legacy encodings;
- the 9×9 alias bomb of issue 13 (a billion nodes if expanded): refused, in milliseconds;
- the same number of awardees read and validated as a build does (load_awards);
- the award list read from an Excel file of N rows.
"""

import sys
import tempfile
import time
from pathlib import Path

import openpyxl

from docgen.errors import RecordError
from docgen.records.excel import read_award_sheet
from docgen.records.law import Law
from docgen.records.yamlsource import load_yaml


def _best(work, times: int = 3) -> float:
    best = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    folder = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    awards = folder / "awards.yaml"
    awards.write_text("awards:\n" + "\n".join(
        f"  - {{name: Nguyễn Văn An {i}, honorific: Ông, kind: individual, form: giay_khen,"
        f" position: Chuyên viên, office: Phòng {i % 40}}}" for i in range(n)) + "\n", encoding="utf-8")
    seconds = _best(lambda: load_yaml(awards))
    print(f"awards.yaml, {n} awardees: {seconds:.2f} s ({seconds / n * 1e6:.0f} µs per awardee)")

    # Read and validated as a build does: the 1,000-decision plan of bench/decisions.py.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from decisions import synthetic_awards

    from docgen.records.awards import load_awards

    plan = folder / "plan"
    plan.mkdir()
    (plan / "awards.yaml").write_text(synthetic_awards(n), encoding="utf-8")
    law = Law()
    seconds = _best(lambda: load_awards(plan, law.forms))
    print(f"awards.yaml -> validated records, {n} awardees in {n // 20} decisions: {seconds:.2f} s")

    bomb = folder / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"alias bomb 9×9: refused in {_best(lambda: load_yaml(bomb)) * 1000:.0f} ms")

    rows = n
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.append(["STT", "Danh xưng", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
                  "Danh hiệu/Hình thức", "Thành tích"])
    for i in range(rows):
        sheet.append([i + 1, "Bà", f"Trần Thị Hoa {i}", "Chuyên viên", f"Phòng {i % 40}", "Cá nhân", "Giấy khen",
                      None])
    book.save(folder / "danh-sach.xlsx")
    forms = Law().forms

    def read() -> None:
        try:
            read_award_sheet(folder / "danh-sach.xlsx", forms)
        except RecordError as err:
            raise SystemExit(str(err)) from None

    seconds = _best(read, 1)
    print(f"danh-sach.xlsx, {rows} rows: {seconds:.2f} s ({seconds / rows * 1e3:.1f} ms per row)")


if __name__ == "__main__":
    main()
