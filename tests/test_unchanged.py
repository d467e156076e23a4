"""A rebuild skips what has not changed, and its output is byte for byte a full build's (issue 16)."""

import hashlib
import shutil
import zipfile
from pathlib import Path

from conftest import ROOT, run
from test_transaction import many_decisions

import docgen.build
from docgen.build import build
from docgen.output.transaction import CACHE, MANIFEST

PLAN = "ninh-binh-2021"


def files(folder: Path) -> dict[str, bytes]:
    """The documents of an output folder (docgen's bookkeeping aside), by name."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in (MANIFEST, CACHE)}


def digests(folder: Path) -> dict[str, str]:
    return {name: hashlib.sha256(data).hexdigest() for name, data in files(folder).items()}


def workspace_with(root: Path, awards: str) -> Path:
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    shutil.copytree(ROOT / "templates", root / "templates")
    plan_dir = root / "plans" / PLAN
    (plan_dir / "awards.yaml").write_text(awards, encoding="utf-8")
    return plan_dir


def no_render(*args, **kwargs):
    raise AssertionError("nothing should be rendered")


def test_a_rebuild_with_nothing_changed_renders_nothing_and_keeps_every_byte(tmp_path, monkeypatch):
    plan_dir = workspace_with(tmp_path / "ws", many_decisions(6))
    first = build(plan_dir)
    out = first.folder
    before = files(out)
    inodes = {p: p.stat().st_ino for p in first.written}
    monkeypatch.setattr(docgen.build, "render_each", no_render)
    again = build(plan_dir)
    assert again.unchanged
    assert again.written == first.written and again.bundle == first.bundle and again.bundled == first.bundled
    assert files(out) == before
    assert {p: p.stat().st_ino for p in again.written} == inodes  # not even rewritten


def test_the_command_says_nothing_was_redone_and_lints_from_its_verdicts(tmp_path):
    plan_dir = workspace_with(tmp_path / "ws", many_decisions(3))
    first = run("build", plan_dir)
    assert first.exit_code == 0, first.output
    again = run("build", plan_dir)
    assert again.exit_code == 0, again.output
    lines = again.output.splitlines()
    assert not any(line.startswith(("Đã ghi", "Xong")) for line in lines)  # one message, not "Xong" too
    assert lines[-1] == "Hồ sơ, mẫu và sổ văn bản không đổi từ lần dựng trước: các tệp đã dựng được giữ nguyên."
    assert first.stderr == again.stderr  # the same lint summary, from the verdicts kept


def test_one_changed_award_changes_that_decision_and_the_bundle_only_as_a_full_build_does(tmp_path):
    awards = many_decisions(5)
    plan_dir = workspace_with(tmp_path / "ws", awards)
    build(plan_dir)
    out = plan_dir.parents[1] / "build" / PLAN
    before = digests(out)
    changed = awards.replace("Nguyễn Văn Người 2-1", "Nguyễn Văn Người Hai")
    assert changed != awards
    (plan_dir / "awards.yaml").write_text(changed, encoding="utf-8")
    result = build(plan_dir)
    assert not result.unchanged
    after = digests(out)
    differ = sorted(n for n in after if before.get(n) != after[n])
    assert len(differ) == 2
    assert "quyet-dinh/tat-ca.docx" in differ
    decision = next(n for n in differ if n != "quyet-dinh/tat-ca.docx")
    with zipfile.ZipFile(out / decision) as zf:
        assert "Nguyễn Văn Người Hai" in zf.read("word/document.xml").decode("utf-8")
    # A full build of the changed records in a fresh workspace writes the very same bytes.
    fresh = workspace_with(tmp_path / "fresh", changed)
    build(fresh)
    assert files(fresh.parents[1] / "build" / PLAN) == files(out)


def test_an_edited_output_file_or_template_makes_a_full_build(tmp_path, monkeypatch):
    plan_dir = workspace_with(tmp_path / "ws", many_decisions(2))
    first = build(plan_dir)
    out = first.folder
    before = files(out)
    decision = next(p for p in first.bundled)
    decision.write_bytes(b"a clerk saved over it")
    again = build(plan_dir)
    assert not again.unchanged
    assert files(out) == before  # put back as built
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    template.write_bytes(template.read_bytes())  # same bytes: still unchanged
    assert build(plan_dir).unchanged
    monkeypatch.setattr(docgen.build, "render_each", no_render)
    (plan_dir / "plan.yaml").write_text((plan_dir / "plan.yaml").read_text(encoding="utf-8") + "\n",
                                        encoding="utf-8")
    try:
        build(plan_dir)
    except AssertionError as err:
        assert str(err) == "nothing should be rendered"
    else:
        raise AssertionError("a changed record must be rebuilt")


def test_a_failed_build_after_a_skip_leaves_build_and_the_register_as_they_were(tmp_path):
    from test_transaction import state

    plan_dir = workspace_with(tmp_path / "ws", many_decisions(2))
    root = plan_dir.parents[1]
    build(plan_dir)
    assert build(plan_dir).unchanged
    before = state(root)
    template = root / "templates" / "quyet-dinh.docx"
    good = template.read_bytes()
    template.write_bytes(b"not a docx")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert state(root) == before
    template.write_bytes(good)
    assert build(plan_dir).unchanged  # the folder is still the one those inputs make
