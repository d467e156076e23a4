"""`docgen init` copies the shipped examples only (docgen/examples.txt), never the user's own
plans or results that an editable install's clone holds in its plans/."""

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run

import docgen.cli
from docgen.examples import shipped_files


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_init_copies_only_the_shipped_examples(tmp_path, monkeypatch):
    clone = tmp_path / "clone"  # a clone the user works in (editable install)
    shutil.copytree(ROOT / "plans", clone / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    mine = clone / "plans" / "ke-hoach-cua-toi"
    mine.mkdir()
    (mine / "plan.yaml").write_text("type: KH\n", encoding="utf-8")
    later = clone / "plans" / "ninh-binh-2021" / "results" / "2023"
    later.mkdir()
    (later / "hoa_lu.yaml").write_text("unit: hoa_lu\nyear: 2023\n", encoding="utf-8")
    folders = {"plans": clone / "plans", "templates": ROOT / "templates"}
    monkeypatch.setattr(docgen.cli, "stock", lambda name: folders[name])
    target = tmp_path / "ho-so"
    result = run("init", target)
    assert result.exit_code == 0, result.output
    assert not (target / "plans" / "ke-hoach-cua-toi").exists()
    assert not (target / "plans" / "ninh-binh-2021" / "results" / "2023").exists()
    assert _files(target / "plans") == set(shipped_files())
    assert "ke-hoach-cua-toi" not in result.output


def test_the_manifest_lists_the_files_git_tracks_under_plans():
    try:
        out = subprocess.run(["git", "ls-files", "-z", "plans"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout (an installed package): the manifest was checked where it was made")
    tracked = {p.decode("utf-8").removeprefix("plans/") for p in out.split(b"\0") if p}
    if not tracked:
        pytest.skip("not a git checkout")
    assert set(shipped_files()) == tracked, "run python tools/make_examples.py"
