"""Helpers of the tests of clerks' inputs: a plan built or refused as a user runs it, and the
text of a built document."""

from pathlib import Path

import docx
from conftest import run


def out(plan_dir: Path) -> Path:
    """The output folder of the shipped example plan in a test workspace."""
    return plan_dir.parents[1] / "build" / "ninh-binh-2021"


def fails(plan_dir: Path, command: str = "build") -> str:
    """Run `command` on `plan_dir`; it must refuse with exit 1, no traceback. Returns stderr."""
    result = run(command, plan_dir)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output + result.stderr
    return result.stderr


def builds(plan_dir: Path) -> Path:
    """Build `plan_dir` and issue its drafts on 20/12/2021 (docgen issue); both must succeed.
    Returns the output folder."""
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.stderr
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert result.exit_code == 0 or "không có văn bản nào chờ ban hành" in result.stderr, result.stderr
    return out(plan_dir)


def all_text(path: Path) -> str:
    """Every paragraph of a .docx, body then table cells, one a line, as a reader sees it (a
    no-break space, which keeps a name or a short number on its line, read as a space)."""
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join(parts).replace("\u00a0", " ")
