"""What a decision's render saves by doing once what the decisions of a kind share (issue 16):
render.splice (the body laid out by pieces, those met before kept), off and on in alternate
blocks of one process.

    python bench/kindshare.py [N] [--blocks 6] [--awardees 20000]

Makes the 20,000-awardee workspace of bench/build.py and renders its decisions as a build's
render worker does (`TemplateSet.render`, every other fast path on), N (100) new decisions a
block (a build meets each decision once), the blocks alternately with SPLICE off and
on; the first block of each kind is a warm-up (the pieces met once are not kept yet) and not
counted. Prints each block's render CPU (time.process_time) a decision with the load average,
the medians and their ratio, and a digest of every part of the decisions rendered both ways,
which must be the same. Figures only, nothing asserted.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=100)
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--awardees", type=int, default=20000)
    args = parser.parse_args()
    gc.disable()  # as in the render workers (docgen.render.batch)
    import docgen.render.splice as splice
    from docgen.render import TemplateSet

    with tempfile.TemporaryDirectory() as tmp:
        folders, jobs = jobs_of(Path(tmp), args.awardees)
        templates = TemplateSet(folders)
        templates.render(jobs[0])  # compiled, as a worker's warm-up does
        spent: dict[bool, list[float]] = {False: [], True: []}
        digests: dict[bool, list[str]] = {False: [], True: []}
        at = 1
        for block in range(2 * (args.blocks + 1)):
            on = block % 2 == 1
            splice.SPLICE = on
            block_jobs = jobs[at:at + args.n]
            at += args.n
            start = time.process_time()
            rendered = [templates.render(job) for job in block_jobs]
            per = (time.process_time() - start) * 1000 / len(block_jobs)
            # The same decisions the other way, for the digest (not timed).
            splice.SPLICE = not on
            other = [templates.render(job) for job in block_jobs]
            for got in (rendered, other):
                h = hashlib.sha256()
                for parts in got:
                    for name in sorted(parts):
                        h.update(name.encode())
                        h.update(parts[name])
                digests[on if got is rendered else not on].append(h.hexdigest()[:16])
            if block >= 2:
                spent[on].append(per)
            print(f"khối {block + 1} ({'bật' if on else 'tắt'}): dựng {per:.3f} ms CPU mỗi quyết định;"
                  f" tải {os.getloadavg()[0]:.1f}", flush=True)
    off, on = statistics.median(spent[False]), statistics.median(spent[True])
    print(f"trung vị {len(spent[True])} khối × {args.n} quyết định: tắt {off:.3f} ms, bật {on:.3f} ms,"
          f" tiết kiệm {off - on:.3f} ms ({off / on:.2f}×) mỗi quyết định")
    print(f"tải {' '.join(f'{x:.1f}' for x in os.getloadavg())};"
          f" cùng từng byte: {'có' if digests[False] == digests[True] else 'KHÔNG'}")


if __name__ == "__main__":
    sys.exit(main())
