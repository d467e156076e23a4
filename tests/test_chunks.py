"""A template part rendered by top-level pieces, each kept by the values it reads
(docgen.render.chunks, CHUNKS), is the string the whole template renders: for every document the
shipped examples render, for many decisions of one kind (their shared pieces met again), and a
source the pieces cannot follow is rendered whole."""

import pytest
from conftest import copy_examples, run
from test_transaction import many_decisions

import docgen.render.chunks as chunks
import docgen.render.template as template
from docgen.render.environment import ENVIRONMENT


def _recorded(monkeypatch, folders) -> list[tuple[str, str, dict]]:
    """(part name, Jinja source, context) of every part `docgen build` of `folders` rendered."""
    seen = []

    def recording(kept, environment, name, source, filename, context):
        seen.append((name, source, context))
        return None  # the whole template renders, as without pieces

    monkeypatch.setattr(template, "render_cut", recording)
    for folder in folders:
        result = run("build", folder)
        assert result.exit_code == 0, result.output
    monkeypatch.undo()
    return seen


def _same_each_round(monkeypatch, rendered) -> tuple[int, int]:
    """Each part by pieces against the whole template, three rounds (later ones meet kept
    pieces, and pieces never met again rendered without their key); (parts cut, pieces kept)."""
    monkeypatch.setattr(chunks, "TRIES", 2)
    whole, cut = {}, {}
    for name, source, _ in rendered:
        if source not in whole:
            whole[source] = ENVIRONMENT.from_string(source)
            cut[source] = chunks.Chunked(ENVIRONMENT, source, name, "t", chunks.CONTEXT_READS)
    expected = [whole[source].render(context) for _, source, context in rendered]
    for _ in range(3):
        got = [cut[source].render(context) for _, source, context in rendered]
        assert [g if g is not None else e for g, e in zip(got, expected, strict=True)] == expected
        # Only a part not cut is left to the whole template (a {% set %} inside a block: the report's).
        assert all(cut[source].pieces == [] for g, (_, source, _) in zip(got, rendered, strict=True) if g is None)
    return sum(bool(c.pieces) for c in cut.values()), sum(len(c.kept) for c in cut.values())


def test_every_shipped_example_renders_the_same_by_pieces(tmp_path, monkeypatch):
    root = copy_examples(tmp_path)
    rendered = _recorded(monkeypatch, sorted((root / "plans").iterdir()))
    documents = [r for r in rendered if r[0] == "word/document.xml"]
    assert len(documents) > 30
    parts, _ = _same_each_round(monkeypatch, documents)
    assert parts >= 7  # every stock template's body is cut but the consolidated report's


def test_many_decisions_of_one_kind_render_the_same_and_share_their_pieces(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    copy_examples(root)
    (root / "plans" / "ninh-binh-2021" / "awards.yaml").write_text(many_decisions(30, people=3), encoding="utf-8")
    monkeypatch.setattr("docgen.render.batch.PARALLEL_FROM", 10**9)  # rendered here, recorded
    rendered = [r for r in _recorded(monkeypatch, [root / "plans" / "ninh-binh-2021"])
                if r[0] == "word/document.xml" and "d" in r[2]]
    assert len(rendered) >= 30
    _, kept = _same_each_round(monkeypatch, rendered)
    assert kept > 10  # the header, căn cứ, Nơi nhận … rendered once


@pytest.mark.parametrize("source", [
    "<a>{% for x in d.items -%}\n<b>{{ x }}</b>{% endfor %}\n<c/>",  # whitespace control
    "<a>{% set t %}{{ d.name }}{% endset %}\n<b>{{ t }}</b>",  # a block set
    "<a>{% macro m(v) %}{{ v }}{% endmacro %}\n<b>{{ m(d.name) }}</b>",  # a macro
    "<a>{% if d.name %}{% set d = {'name': 'B'} %}{% endif %}</a>\n<b>{{ d.name }}</b>",  # a set in a block
])
def test_a_source_the_pieces_cannot_follow_is_rendered_whole(source):
    cut = chunks.Chunked(ENVIRONMENT, source, "word/document.xml", "t", chunks.CONTEXT_READS)
    assert cut.pieces == []
    assert cut.render({"d": {"name": "A", "items": [1]}}) is None


def test_pieces_read_what_they_name_and_their_top_level_sets():
    source = ("<a>{% set y = 'năm ' ~ d.year %}{{ d.number }}</a>\n<b>{{ y }} {{ d.text.split() | join('-') }}</b>"
              "\n<c>{% for r in d.rows %}{{ r }}{% endfor %}</c>\n<e>{{ 'x' | keep_names }}</e>\n<f>cố định</f>")
    cut = chunks.Chunked(ENVIRONMENT, source, "word/document.xml", "t", chunks.CONTEXT_READS)
    assert [p.paths for p in cut.pieces] == [
        (("d", "number"), ("d", "year")),
        (("d", "text"), ("d", "year"), ("y",)),
        (("d", "rows"), ("d", "year"), ("r",)),
        (("d", "year"), ("doc",), ("org",)),
        (),
    ]
    assert cut.pieces[-1].literal == "<f>cố định</f>"
    whole = ENVIRONMENT.from_string(source)
    for n in range(5):
        d = {"year": 2021 + n % 2, "number": n, "text": "a b", "rows": [n, n]}
        assert cut.render({"d": d}) == whole.render({"d": d})
    # A value of another type, equal to the one kept, is not taken for it ("1" and "True").
    assert cut.render({"d": {**d, "year": True}}) == whole.render({"d": {**d, "year": True}})
    assert cut.render({"d": {**d, "year": 1}}) == whole.render({"d": {**d, "year": 1}})
    # A value missing: the whole template says what (StrictUndefined).
    assert cut.render({"d": {"number": 1}}) is None
