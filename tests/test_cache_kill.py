"""A build killed while it replaces its cache file leaves no temporary file in build/ (s6-misc).

The build cache (build/<folder>/.docgen-cache.json, docgen.output.unchanged) is replaced after
the transaction committed. The kill is made to land exactly between writing the cache's
temporary file and its rename: the build runs in a child process whose os.replace kills the
process (SIGKILL) when it is asked to put the cache in place.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run
from test_transaction import snapshot

KILLED_AT_THE_CACHE_RENAME = """
import os, signal, sys
real = os.replace
def replace(src, dst, *args, **kwargs):
    if str(dst).endswith(".docgen-cache.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst, *args, **kwargs)
os.replace = replace
from docgen.cli import cli
cli(["build", sys.argv[1]])
"""


def _killed_build(folder: Path) -> None:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run([sys.executable, "-c", KILLED_AT_THE_CACHE_RENAME, str(folder)], env=env,
                          capture_output=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()


def _temporary_files(build: Path) -> list[str]:
    return sorted(p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_file()
                  and p.name.endswith(".tmp"))


def test_a_build_killed_between_the_cache_write_and_its_rename_leaves_no_temporary_file(workspace):
    folder = workspace / "plans" / "to-trinh-truong-tieu-hoc"
    build = workspace / "build"
    target = build / folder.name
    _killed_build(folder)  # the first build: the set is committed, then the kill
    built = snapshot(target)
    assert "to-trinh.docx" in built
    assert _temporary_files(build) == []
    assert sorted(p.name for p in target.iterdir()) == [".docgen-manifest.json", "to-trinh.docx"]

    # A rebuild of a changed record, killed at the same point: the new set, still no stray file.
    record = folder / "to-trinh.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("archive: TĐKT", "archive: TĐKT, VP"),
                      encoding="utf-8")
    _killed_build(folder)
    assert snapshot(target) != built
    assert _temporary_files(build) == []

    # The next build repairs what the kill left beside the folder and writes its cache.
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    assert (target / ".docgen-cache.json").is_file()
    assert [p.name for p in build.iterdir() if p.name.startswith(".")] == []
    assert _temporary_files(build) == []
    # and the one after that finds nothing to do
    assert run("build", folder).exit_code == 0
