"""Time reading record files as clerks make them; prints figures, asserts nothing.

    python bench/records.py [N]

- an awards.yaml of N awardees (default 20000) through load_yaml: the cost of checking every
  value for characters that are not text, tags, aliases and legacy encodings;
- the 9×9 alias bomb of issue 13 (a billion nodes if expanded): refused, in milliseconds;
- N awardees in N/20 decisions (the plan bench/build.py writes) read and validated as a build
  does (load_awards), and the memory the records stage holds for them (tracemalloc); then
  with a fault in the last award (the places of a clean file are found only when one is asked for);
- an Excel award list of N rows read as a build reads it (read_award_sheet: python-calamine,
  or openpyxl for what calamine cannot see), and the same list with a hidden row, which goes
  to openpyxl (only with --openpyxl: 3.7 ms a row).

CPU time (time.process_time) stands beside wall time: this machine is shared, and the last line
prints the load average.
"""

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import openpyxl

from docgen.errors import RecordError
from docgen.records.excel import _calamine_sheets, read_award_sheet
from docgen.records.law import Law
from docgen.records.yamlsource import load_yaml


def _best(work, times: int = 3) -> tuple[float, float]:
    """(wall s, CPU s) of the fastest of `times` runs of `work`."""
    best = (float("inf"), float("inf"))
    for _ in range(times):
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        best = min(best, (time.perf_counter() - wall, time.process_time() - cpu))
    return best


def _figures(label: str, wall: float, cpu: float, n: int, unit: str) -> str:
    return f"{label}: {wall:.2f} s wall, {cpu:.2f} s CPU ({cpu / n * 1e6:.0f} µs CPU per {unit})"


def _list(path: Path, rows: int, hidden: bool = False) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"])
    sheet.append(["STT", "Danh xưng", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Cá nhân/Tập thể",
                  "Danh hiệu/Hình thức", "Thành tích"])
    for i in range(rows):
        sheet.append([i + 1, "Bà", f"Trần Thị Hoa {i}", "Chuyên viên", f"Phòng {i % 40}", "Cá nhân", "Giấy khen",
                      None])
    if hidden:
        sheet.row_dimensions[3].hidden = True
    book.save(path)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=20000)
    parser.add_argument("--openpyxl", action="store_true", help="also time a list openpyxl must read")
    args = parser.parse_args()
    n = args.n
    folder = Path(tempfile.mkdtemp(prefix="docgen-bench-"))
    awards = folder / "awards.yaml"
    awards.write_text("awards:\n" + "\n".join(
        f"  - {{name: Nguyễn Văn An {i}, honorific: Ông, kind: individual, form: giay_khen,"
        f" position: Chuyên viên, office: Phòng {i % 40}}}" for i in range(n)) + "\n", encoding="utf-8")
    print(_figures(f"awards.yaml, {n} awardees -> Source (load_yaml)", *_best(lambda: load_yaml(awards)), n,
                   "awardee"))

    bomb = folder / "bomb.yaml"
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"alias bomb 9×9: refused in {_best(lambda: load_yaml(bomb))[0] * 1000:.0f} ms wall")

    # Read and validated as a build does: the 1,000-decision plan of bench/build.py.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from decisions import synthetic_awards

    from docgen.records.awards import load_awards

    plan = folder / "plan"
    plan.mkdir()
    (plan / "awards.yaml").write_text(synthetic_awards(n), encoding="utf-8")
    forms = Law().forms
    yaml_wall, yaml_cpu = _best(lambda: load_awards(plan, forms))
    print(_figures(f"awards.yaml -> validated records (load_awards), {n} awardees in {n // 20} decisions",
                   yaml_wall, yaml_cpu, n, "awardee"))
    tracemalloc.start()
    held = load_awards(plan, forms)
    now, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  memory of the records stage: {now / 2**20:.1f} MiB held for {len(held.awards)} awards,"
          f" {peak / 2**20:.1f} MiB at its peak")
    del held

    # A fault in the last award: the places, not kept for a clean file, are found when it asks.
    text = synthetic_awards(n)
    (plan / "awards.yaml").write_text(text[: text.rindex("individual")] + "individul"
                                      + text[text.rindex("individual") + len("individual"):], encoding="utf-8")

    def faulty() -> None:
        try:
            load_awards(plan, forms)
        except RecordError as err:
            assert err.problems[0].location.line == text.count("\n"), err
        else:
            raise AssertionError("the fault was not found")

    print(_figures("the same with a fault in the last award, to its line and column", *_best(faulty, 1), n,
                   "awardee"))

    def read(path: Path) -> None:
        try:
            read_award_sheet(path, forms)
        except RecordError as err:
            if not args.openpyxl:
                raise SystemExit(str(err)) from None

    _list(folder / "danh-sach.xlsx", n)
    reader = "python-calamine" if _calamine_sheets(folder / "danh-sach.xlsx") is not None else "openpyxl"
    excel_wall, excel_cpu = _best(lambda: read(folder / "danh-sach.xlsx"))
    print(_figures(f"danh-sach.xlsx, {n} rows -> validated records (read_award_sheet, {reader})", excel_wall,
                   excel_cpu, n, "row"))
    if args.openpyxl:
        _list(folder / "an-dong.xlsx", n, hidden=True)
        wall, cpu = _best(lambda: read(folder / "an-dong.xlsx"), 1)
        print(_figures(f"an-dong.xlsx, {n} rows, one hidden (openpyxl)", wall, cpu, n, "row"))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"records: YAML {n} awardees {yaml_cpu:.2f} s CPU / {yaml_wall:.2f} s wall; Excel {n} rows"
          f" {excel_cpu:.2f} s CPU / {excel_wall:.2f} s wall; load average {load}")


if __name__ == "__main__":
    main()
