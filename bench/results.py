"""What a build's render workers send back, and what sending and taking it costs (issue 16).

    python bench/results.py [N] [--rounds 3]

Renders and finishes (package, lint, read-back, staging write) the first N (1,000) decisions of
bench/build.py's 20,000-awardee workspace in this process, in the chunks a 2-worker build cuts
them into (render.batch._chunks), as a worker's `_render_chunk` does; then, for each chunk's
result, the pool's work: pickled on the worker's side, unpickled on the build's side, and the
build's own loop (render.batch.render_each: each job's parts unpacked and put over its
template's own parts). render.batch.PACK_RESULTS and STATICS_ONCE off and on alternately, on
the same decisions (the checker's caches make the later finishes cheaper: they are not timed). Prints, per round, the bytes sent back, the
CPU of the worker's side (pickling and packing: `pack` inside the chunk, timed apart) and of the
build's side (unpickling and the loop), and a digest of the parts the build ends with, which
must be the same both ways. The pipe's own copying (the kernel's) is not here: it follows the
bytes. Figures only, nothing asserted.
"""

import argparse
import functools
import gc
import hashlib
import os
import pickle
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render import jobs_of  # noqa: E402  (bench/render.py)


def one_round(folder: Path, stage: Path, jobs: list, batch_name: str) -> tuple[int, float, float, float, str]:
    """(bytes back, worker's pickling CPU s, worker's packing CPU s, build's CPU s, digest)."""
    import docgen.output.packed as packed
    from docgen.finish import finish
    from docgen.output.packed import unpack
    from docgen.render import batch

    pack_cpu = [0.0]
    original = packed.pack

    def timed_pack(*args, **kwargs):
        t = time.process_time()
        try:
            return original(*args, **kwargs)
        finally:
            pack_cpu[0] += time.process_time() - t

    packed.pack = timed_pack
    after = functools.partial(finish, folder, True, False, True, stage=stage)
    sent = worker = home = 0.0
    digest = hashlib.sha256()
    statics: dict = {}
    try:
        for chunk in batch._chunks(list(range(len(jobs))), 2):
            result = batch._render_chunk([jobs[i] for i in chunk], after, chunk, True,
                                         batch_name if batch.STATICS_ONCE else "")
            t0 = time.process_time()
            data = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
            t1 = time.process_time()
            changed, own = pickle.loads(data)
            for name, parts in own.items():
                statics.setdefault(name, parts)
            before: dict = {}
            for i, (item, _) in zip(chunk, changed, strict=True):
                parts = before = unpack(item, before)
                whole = {**statics[jobs[i].template], **parts}
                digest.update(whole["word/document.xml"] + whole["docProps/core.xml"] + whole["docProps/custom.xml"])
            t2 = time.process_time()
            sent += len(data)
            worker += t1 - t0
            home += t2 - t1
    finally:
        packed.pack = original
    return int(sent), worker, pack_cpu[0], home, digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    gc.disable()  # as in the render workers and the build (docgen.render.batch, buildwork)
    from docgen.render import TemplateSet, batch

    rounds: dict[bool, list] = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        folders, jobs = jobs_of(Path(tmp), 20 * args.n)
        jobs = jobs[:args.n]
        batch._worker_templates = TemplateSet(folders)  # as batch._init makes it in a worker
        for r in range(args.rounds):
            for on in (False, True):
                batch.PACK_RESULTS = batch.STATICS_ONCE = on
                stage = Path(tmp) / f"stage-{r}-{on}"
                stage.mkdir()
                got = one_round(Path(tmp), stage, jobs, f"round-{r}-{on}")
                rounds[on].append(got)
                print(f"round {r + 1} {'on ' if on else 'off'}: back {got[0] / 1e6:6.2f} MB; worker: pickling"
                      f" {got[1] * 1000:6.1f} ms, packing {got[2] * 1000:6.1f} ms; build: unpickling and"
                      f" its loop {got[3] * 1000:6.1f} ms; digest {got[4]}; load {os.getloadavg()[0]:.1f}", flush=True)
    for on in (False, True):
        r = rounds[on]
        print(f"{'on ' if on else 'off'} (median of {len(r)}): back {statistics.median(x[0] for x in r) / 1e6:.2f} MB,"
              f" worker {statistics.median(x[1] + x[2] for x in r) * 1000:.1f} ms, build"
              f" {statistics.median(x[3] for x in r) * 1000:.1f} ms CPU for {args.n} decisions")
    same = len({x[4] for x in rounds[False] + rounds[True]}) == 1
    print(f"load {' '.join(f'{x:.1f}' for x in os.getloadavg())}; the same parts both ways: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    sys.exit(main())
