"""What a build does after its last document (issue 16, the tail): its fast paths give what the
plain ones give.

- `docgen`'s process ends without the interpreter's teardown (cli.QUICK_EXIT): the same lines
  on stdout and stderr, in the same order, the same exit code and the same files as the usual
  exit, for a build, a build refused for its records, a lint with findings and --version, with
  stdout a pipe (block-buffered: what is not flushed is lost);
- a path below the working directory shown by cutting its text (errors.FAST_DISPLAY): the
  same as os.path.relpath gives, for paths below, beside and above the working directory;
- the lint verdicts' cache filled from one reading of the written files
  (output.unchanged.DIGEST_ONCE): the same cache as with each file read twice.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_examples, run

import docgen.errors
import docgen.output.unchanged as unchanged
from docgen.errors import display_path

PLAN = "ninh-binh-2021"
CHILD = """
import sys
import docgen.cli as cli
cli.QUICK_EXIT = sys.argv[1] == "1"
sys.argv = ["docgen", *sys.argv[2:]]
cli.main()
"""


def run_docgen(cwd: Path, quick: bool, *args: str) -> tuple[int, list[str], list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-c", CHILD, "1" if quick else "0", *args], cwd=cwd, env=env,
                          capture_output=True, timeout=600)
    return (proc.returncode, proc.stdout.decode("utf-8").splitlines(),
            proc.stderr.decode("utf-8").splitlines())


def files(folder: Path) -> dict[str, bytes]:
    """The files of a build's output folder by name, the transaction's and the cache's own left out
    (they hold the transaction's id, different on every build)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".docgen-")}


def test_a_build_ended_without_teardown_prints_and_writes_what_the_usual_exit_does(tmp_path):
    out = {}
    for quick in (True, False):
        root = copy_examples(tmp_path / f"q{int(quick)}")
        code, stdout, stderr = run_docgen(root, quick, "build", f"plans/{PLAN}")
        out[quick] = code, stdout, stderr, files(root / "build" / PLAN)
    code, stdout, stderr, written = out[True]
    assert out[True] == out[False]
    assert code == 0, stderr
    # Every line, the last included: with stdout a pipe, what is not flushed is lost.
    assert sorted(stdout[:-1]) == sorted(f"Đã ghi build/{PLAN}/{name}" for name in written)
    assert stdout[-1] == f"Xong: {len(written)} văn bản."


def test_a_refused_build_and_a_lint_with_findings_exit_alike_without_teardown(tmp_path):
    root = copy_examples(tmp_path / "ws")
    plan = root / "plans" / PLAN / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "ghi_chu: [\n", encoding="utf-8")
    refused = {quick: run_docgen(root, quick, "build", f"plans/{PLAN}") for quick in (True, False)}
    assert refused[True] == refused[False]
    code, stdout, stderr = refused[True]
    assert (code, stdout) == (1, []), stderr
    assert stderr[0].startswith(f"plans/{PLAN}/plan.yaml:") and len(stderr) == 1, stderr
    assert not (root / "build").exists()
    foreign = ROOT.parent / "shared" / "reference" / "nd30-templates"
    sample = next(iter(sorted(foreign.glob("*.docx"))), None) if foreign.is_dir() else None
    if sample is None:
        pytest.skip("no reference .docx to lint")
    shutil.copy(sample, root / "foreign.docx")
    linted = {quick: run_docgen(root, quick, "lint", "foreign.docx") for quick in (True, False)}
    assert linted[True] == linted[False]
    assert linted[True][1][-1].startswith("Đã kiểm tra 1 văn bản")
    assert run_docgen(root, True, "--version") == run_docgen(root, False, "--version")
    assert run_docgen(root, True, "--version")[1][0].startswith("docgen, phiên bản ")


@pytest.mark.parametrize("here", ["ws", "ws/plans", "a.b/c", "đ ư/x"])
def test_a_path_cut_by_its_text_is_the_path_relpath_gives(tmp_path, monkeypatch, here):
    folder = tmp_path / here
    folder.mkdir(parents=True)
    (tmp_path / "link").symlink_to(folder)
    paths = [folder / "build" / "x.docx", folder / "quyet-dinh" / "qd-001.docx", folder, folder.parent,
             tmp_path / "other" / "y.docx", folder / ".." / "z.docx", folder / "..z" / "a.docx",
             "build/x.docx", "../x.docx", Path("/"), tmp_path / "link" / "x.docx", str(folder) + "/./a//b.docx"]
    for cwd in (folder, tmp_path / "link", Path("/")):
        monkeypatch.chdir(cwd)
        fast = [display_path(p) for p in paths]
        monkeypatch.setattr(docgen.errors, "FAST_DISPLAY", False)
        assert fast == [display_path(p) for p in paths]
        monkeypatch.setattr(docgen.errors, "FAST_DISPLAY", True)
    monkeypatch.chdir(folder)
    assert display_path(folder / "build" / "x.docx") == "build/x.docx"


def test_the_lint_cache_from_one_reading_is_the_cache_from_two(tmp_path, monkeypatch):
    caches = {}
    for once in (True, False):
        monkeypatch.setattr(unchanged, "DIGEST_ONCE", once)
        root = copy_examples(tmp_path / f"d{int(once)}")
        assert run("build", root / "plans" / PLAN).exit_code == 0
        cache = json.loads((root / "build" / PLAN / unchanged.CACHE).read_text(encoding="utf-8"))
        caches[once] = cache["clean"]
    assert caches[True] == caches[False]
    assert len(caches[True]) == len(files(tmp_path / "d1" / "build" / PLAN))
