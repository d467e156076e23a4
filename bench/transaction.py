"""What the build transaction costs: a full build of N decisions into a fresh and into a built
build/ folder (staging, carrying over, swap, register commit), against writing the same files
directly with write_package.

    python bench/transaction.py [N]

Figures only, nothing asserted.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from build import PLAN, fresh_workspace  # bench/build.py
    from decisions import synthetic_awards

    from docgen.build import build
    from docgen.output.package import write_atomic
    from docgen.output.transaction import Transaction

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    with tempfile.TemporaryDirectory() as tmp:
        root = fresh_workspace(Path(tmp), "ws", synthetic_awards(n))
        shutil.copytree(ROOT / "templates", root / "templates")
        plan_dir = root / "plans" / PLAN
        start = time.perf_counter()
        first = build(plan_dir)
        fresh_s = time.perf_counter() - start
        start = time.perf_counter()
        build(plan_dir)
        again_s = time.perf_counter() - start
        count = len(first.written)
        out = root / "build" / "ninh-binh-2021"
        files = {p.relative_to(out).as_posix(): p.read_bytes() for p in first.written}
        print(f"{count} tệp ({n} người được khen), cả dựng:")
        print(f"  dựng lần đầu (sổ mới, build/ trống): {fresh_s:.2f} s")
        print(f"  dựng lại (giữ số, mang tệp sang, đổi thư mục): {again_s:.2f} s")
        print("chỉ phần ghi, cùng các tệp đó:")
        for label, target in (("giao dịch vào thư mục mới", root / "tx-new"),
                              ("giao dịch thay thư mục đã có", root / "tx-new"),
                              ("ghi thẳng từng tệp (write_atomic), không giao dịch", None)):
            start = time.perf_counter()
            if target is None:
                for name, data in files.items():
                    write_atomic(root / "direct" / name, data)
            else:
                with Transaction(target) as tx:
                    for name, data in files.items():
                        tx.write(name, data)
                    tx.commit()
            print(f"  {label}: {time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
