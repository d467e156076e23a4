"""Templates compiled from the code kept on disk (docgen.render.compiled) give what a fresh compile
gives: the same files, and a template's errors named at its own path and paragraph."""

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_examples, run
from test_unchanged import files
from zipparts import replace_in

import docgen.render.compiled as compiled
from docgen.build import build_path
from docgen.render.environment import ENVIRONMENT
from docgen.render.template import DocxTemplate

PLAN = "ninh-binh-2021"


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """The names of the parts Jinja compiles from now on, in this process."""
    seen: list[str] = []
    original = ENVIRONMENT.compile

    def counted(source, name=None, filename=None, *args, **kwargs):
        seen.append(name)
        return original(source, name, filename, *args, **kwargs)

    monkeypatch.setattr(ENVIRONMENT, "compile", counted)
    return seen


def built(root: Path) -> dict[str, bytes]:
    result = build_path(root / "plans" / PLAN, trial=True)
    return files(result.folder)


def test_a_build_from_kept_code_is_byte_for_byte_a_build_compiled_afresh(tmp_path, monkeypatch, compiles):
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "cache"))
    cold = built(copy_examples(tmp_path / "cold"))
    assert compiles, "the first build compiles every template part it renders"
    kept = sorted((tmp_path / "cache" / compiled.SUBFOLDER).glob("*.code"))
    assert len(kept) == len(compiles)
    compiles.clear()
    warm = built(copy_examples(tmp_path / "warm"))  # another folder: the same sources, their code kept
    assert compiles == []
    monkeypatch.setattr(compiled, "KEEP_CODE", False)
    afresh = built(copy_examples(tmp_path / "afresh"))
    assert len(compiles) == len(kept)
    assert len(cold) > 20
    assert cold == warm == afresh


def compiled_templates(folder: Path) -> dict[tuple[str, str], object]:
    """The code of every templated part of the templates in `folder`, by (template, part)."""
    return {(path.name, part.name): part.template.root_render_func.__code__
            for path in sorted(folder.glob("*.docx")) for part in DocxTemplate(path).compiled}


def test_a_spoilt_or_unwritable_cache_is_compiled_past(tmp_path, monkeypatch, compiles):
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "cache"))
    templates = ROOT / "templates"
    first = compiled_templates(templates)
    entries = sorted((tmp_path / "cache" / compiled.SUBFOLDER).glob("*.code"))
    assert len(entries) == len(first) == len(compiles) >= 8
    for entry in entries[::2]:
        entry.write_bytes(entry.read_bytes()[:40])  # cut inside the code
    for entry in entries[1::2]:
        entry.write_bytes(b"not jinja's")
    compiles.clear()
    assert compiled_templates(templates) == first
    assert len(compiles) == len(entries)  # every spoilt entry compiled again, and written again
    compiles.clear()
    again = compiled_templates(templates)
    assert again == first
    assert compiles == []
    assert {code.co_filename for code in again.values()} == {f"{templates / t}:{p}" for t, p in again}
    (tmp_path / "file").write_text("a file where the folder would be")
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "file"))
    assert compiled_templates(templates) == first
    assert len(compiles) == len(entries)
    monkeypatch.setenv("DOCGEN_CACHE", "")  # nothing kept
    assert compiled.folder() is None
    assert compiled_templates(templates) == first
    assert len(compiles) == 2 * len(entries)


def test_a_template_error_from_kept_code_names_its_own_file_and_paragraph(tmp_path, monkeypatch, compiles):
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "cache"))
    messages = []
    for name in ("a", "b"):
        root = copy_examples(tmp_path / name)
        template = root / "templates" / "ke-hoach.docx"
        replace_in(template, "word/document.xml", "{{ plan.subject | keep_title }}", "Ghi chú: {{ plan.note }}")
        result = run("build", root / "plans" / PLAN)
        assert result.exit_code == 1, result.output
        assert not (root / "build").exists()
        messages.append((template, result.stderr))
    assert compiles.count("word/document.xml") == 1  # b's ke-hoach.docx came from a's code
    for template, message in messages:
        assert message == f'{template}: đoạn "Ghi chú: {{{{ plan.note }}}}": không có trường \'note\' trong dữ liệu\n'


def test_a_template_that_does_not_compile_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_CACHE", str(tmp_path / "cache"))
    root = copy_examples(tmp_path / "ws")
    template = root / "templates" / "ke-hoach.docx"
    replace_in(template, "word/document.xml", "{{ plan.subject | keep_title }}", "{{ plan.subject | bogus }}")
    for _ in range(2):
        result = run("build", root / "plans" / PLAN)
        assert result.stderr == f'{template}: đoạn "{{{{ plan.subject | bogus }}}}": không có bộ lọc \'bogus\'\n'
    shutil.rmtree(root)
