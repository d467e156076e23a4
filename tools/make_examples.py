"""Write docgen/examples.txt: the shipped example files, the files git tracks under plans/.

Run after adding or removing a shipped example: python tools/make_examples.py
"""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAD = "# The shipped examples (docgen init copies only these), written by tools/make_examples.py.\n"


def tracked() -> list[str]:
    """The files git tracks under plans/, relative to plans/, sorted."""
    out = subprocess.run(["git", "ls-files", "-z", "plans"], cwd=ROOT, check=True, capture_output=True).stdout
    return sorted(p.decode("utf-8").removeprefix("plans/") for p in out.split(b"\0") if p)


def main() -> None:
    path = ROOT / "docgen" / "examples.txt"
    path.write_text(HEAD + "".join(f"{p}\n" for p in tracked()), encoding="utf-8")
    print(path)


if __name__ == "__main__":
    main()
