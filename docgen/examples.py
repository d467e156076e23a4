"""The shipped examples: the files of plans/ that `docgen init` copies into a new workspace.

An editable install (README) reads plans/ from the clone, where the user may have made plans
of their own and collected results into the examples: those are theirs, not examples. The
examples are the files listed in docgen/examples.txt (one path under plans/ a line, in the
package, so the wheel carries it too), written by tools/make_examples.py from the files git
tracks under plans/; tests/test_examples.py checks the list against git.
"""

from functools import cache
from pathlib import Path

MANIFEST = Path(__file__).resolve().parent / "examples.txt"


@cache
def shipped_files() -> frozenset[str]:
    """The shipped example files, as paths relative to plans/ ("ninh-binh-2021/plan.yaml").
    Raises OSError when the manifest is missing (a broken install)."""
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def not_shipped(plans: Path):
    """A predicate on a file below `plans` (the stock plans/ folder): True when it is not one of
    the shipped examples' files (a user's own plan, results, a register), so init skips it."""
    root = plans.resolve()

    def skip(path: Path) -> bool:
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            return False  # not under plans/ (templates, law): not this predicate's business
        return rel not in shipped_files()

    return skip
