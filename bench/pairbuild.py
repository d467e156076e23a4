"""`docgen build` of two trees paired in the same minutes: whole process, CPU beside wall.

    python bench/pairbuild.py OTHER_TREE [--rounds 3] [--awardees 20000]

Writes bench/build.py's 20,000-awardee workspace (1,000 decisions of 20), then alternates
`python -m docgen build plans/<plan>` run with this tree's docgen and with OTHER_TREE's (a base
tree: `git archive <commit> | tar -x -C OTHER_TREE`), each in a fresh copy of the workspace,
`--rounds` times. Prints each run's wall, CPU (user + system, os.wait4) and peak RSS, the
load average, the medians and the paired CPU and wall ratios (other / this, per round, median),
and whether the two trees wrote the same bytes (every document under build/; the build's own
.docgen-manifest.json and .docgen-cache.json left out: they name the build's transaction and
what it was built from, which differ from one run to the next). Figures only, nothing asserted.
"""

import argparse
import hashlib
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from decisions import synthetic_awards  # noqa: E402

from build import PLAN, fresh_workspace, line, load, run  # noqa: E402  (bench/build.py)


def written(root: Path) -> str:
    """A digest of every document under the workspace's build/, by its path there."""
    digest = hashlib.sha256()
    build = root / "build"
    for path in sorted(p for p in build.rglob("*") if p.is_file() and not p.name.startswith(".docgen-")):
        digest.update(str(path.relative_to(build)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("other", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--awardees", type=int, default=20000)
    args = parser.parse_args()
    trees = {"cây này": ROOT, "cây kia": args.other.resolve()}
    awards = synthetic_awards(args.awardees)
    got: dict[str, list[tuple[float, float, float]]] = {name: [] for name in trees}
    digests: dict[str, set[str]] = {name: set() for name in trees}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, tree in (trees.items() if r % 2 == 0 else reversed(trees.items())):
                ws = fresh_workspace(Path(tmp), f"{r}-{name}".replace(" ", "-"), awards)
                os.environ["PYTHONPATH"] = str(tree)
                figures = run([sys.executable, "-m", "docgen", "build", f"plans/{PLAN}"], ws)
                got[name].append(figures)
                digests[name].add(written(ws))
                print(line(f"lượt {r + 1} {name}", *figures), flush=True)
    for name in trees:
        wall, cpu, rss = (statistics.median(x[i] for x in got[name]) for i in range(3))
        print(line(f"trung vị {name}", wall, cpu, rss))
    cpu_ratio = statistics.median(b[1] / a[1] for a, b in zip(got["cây này"], got["cây kia"], strict=True))
    wall_ratio = statistics.median(b[0] / a[0] for a, b in zip(got["cây này"], got["cây kia"], strict=True))
    same = digests["cây này"] == digests["cây kia"] and len(digests["cây này"]) == 1
    print(f"tải {load()}; cùng từng byte: {'có' if same else 'KHÔNG'}; CPU kia/này {cpu_ratio:.3f}×,"
          f" thực kia/này {wall_ratio:.3f}×")


if __name__ == "__main__":
    sys.exit(main())
