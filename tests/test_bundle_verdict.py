"""The print bundle's report carried from its decisions' reports and a sample bundle's
(docgen.bundleverdict) is the report of the bundle judged whole, clean or not."""

from pathlib import Path

import pytest
from test_build_fastpaths import verdicts, workspace
from test_transaction import many_decisions

import docgen.buildwork
import docgen.bundleverdict as bundleverdict
import docgen.output.bundle as bundle_module
from docgen.build import build_path
from docgen.checker import Report, lint
from docgen.checker.findings import Finding

# A paragraph in Arial at every join between two decisions: a fault of the bundle's making,
# which no decision's own file has.
ARIAL = (b'<w:p><w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial"/></w:rPr>'
         b'<w:t>Ch\xe1\xbb\xaf \xe1\xbb\x9f m\xe1\xbb\x91i n\xe1\xbb\x91i</w:t></w:r></w:p>')


def _spy(monkeypatch) -> list[str]:
    """What bundleverdict.carried did in the builds of this test: 'carried', then 'whole' when
    it judged the bundle whole."""
    calls: list[str] = []
    carried = bundleverdict.carried

    def spy(sampled, decisions, whole):
        calls.append("carried")
        return carried(sampled, decisions, lambda: (calls.append("whole"), whole())[1])

    monkeypatch.setattr(bundleverdict, "carried", spy)
    return calls


def _build(tmp_path: Path, monkeypatch, name: str, trial: bool = False):
    plan = workspace(tmp_path / name, many_decisions(60, people=3))
    monkeypatch.setattr(docgen.buildwork, "LARGE_LIST", 0)  # workers for this small list too
    return build_path(plan, trial=trial, lint=True)


@pytest.mark.parametrize("trial", [False, True])
def test_a_clean_bundle_carries_the_verdict_of_the_bundle_judged_whole(tmp_path, monkeypatch, trial):
    calls = _spy(monkeypatch)
    built = _build(tmp_path, monkeypatch, "ws", trial)
    assert calls == ["carried"]  # the fast road, not the whole judgment
    assert len(built.bundled) == 60
    carried = built.reports[built.bundle]
    whole = lint(built.bundle, draft=trial)
    assert carried == whole
    assert carried.findings == [] and carried.draft is not None  # unnumbered decisions: drafts
    # The decisions' own reports are those of their written files.
    written = [lint(p, draft=trial) for p in built.bundled]
    assert verdicts([built.reports[p] for p in built.bundled]) == verdicts(written)


def test_a_fault_only_the_bundle_has_is_found_and_named_as_the_whole_judgment_names_it(tmp_path, monkeypatch):
    monkeypatch.setattr(bundle_module, "_BREAK_PPR", ARIAL + bundle_module._BREAK_PPR)
    calls = _spy(monkeypatch)
    built = _build(tmp_path, monkeypatch, "ws")
    assert calls == ["carried", "whole"]  # the sample bundle had it: the bundle was judged whole
    assert all(built.reports[p].findings == [] for p in built.bundled)  # no decision has it
    report = built.reports[built.bundle]
    assert report == lint(built.bundle)
    fonts = [f for f in report.findings if f.rule == "ND30-FONT"]
    assert len(fonts) == 59  # one a join, each at its own paragraph
    assert len({f.paragraph for f in fonts}) == 59
    assert fonts[0].message == lint(built.bundle).findings[0].message


def test_without_the_switch_the_bundle_is_judged_whole(tmp_path, monkeypatch):
    calls = _spy(monkeypatch)
    monkeypatch.setattr(bundleverdict, "CARRY", False)
    built = _build(tmp_path, monkeypatch, "ws")
    assert calls == []
    assert built.reports[built.bundle] == lint(built.bundle)


def _report(findings=(), draft="d", deferred=None, error=None) -> Report:
    return Report(Path("b.docx"), list(findings), error, draft, deferred or {})


FINDING = Finding("ND30-FONT", "error", "¶3", "phông Arial")


@pytest.mark.parametrize(("sampled", "decision", "carried"), [
    (_report(), _report(), True),
    (_report([FINDING]), _report(), False),  # the sample bundle has a finding
    (_report(), _report([FINDING]), False),  # a decision has one: the bundle's names its paragraph
    (_report(), _report(deferred={"ND30-X": 1}), False),  # deferred findings are counted per file
    (_report(), _report(draft=None), False),  # a decision judged as final, the bundle as a draft
    (_report(error="hỏng"), _report(), False),
    (_report(), _report(error="hỏng"), False),
])
def test_the_verdict_is_carried_only_when_every_report_is_clean_and_alike(sampled, decision, carried):
    whole = _report([FINDING], draft="whole")
    got = bundleverdict.carried(lambda: sampled, [_report(), lambda: decision, _report()], lambda: whole)
    assert (got is sampled) is carried
    assert (got is whole) is not carried


def _document(*sections: str) -> dict[str, bytes]:
    body = "".join(f'<w:p><w:pPr><w:sectPr w:rsidR="{s}"><w:pgSz/></w:sectPr></w:pPr></w:p>' for s in sections[:-1])
    return {"word/document.xml": f'<w:document><w:body>{body}<w:sectPr w:rsidR="{sections[-1]}"/>'
                                 f'</w:body></w:document>'.encode()}


def test_the_sample_holds_every_kind_of_section_marks_the_bundle_holds():
    documents = [_document("a", "b")] * 5 + [_document("a", "c")] + [_document("a", "b")] * 3 + [_document("d")]
    assert bundleverdict.sample(documents) == [0, 1, 5, 9]
    assert bundleverdict.sample(documents[:1]) == [0]
    assert bundleverdict.section_marks(_document("a", "b")["word/document.xml"]) == (
        b'<w:sectPr w:rsidR="a"><w:pgSz/></w:sectPr>', b'<w:sectPr w:rsidR="b"/>')


def test_section_tags_found_by_find_are_the_patterns_matches(monkeypatch):
    import random

    pieces = [b"<w:sectPr", b"</w:sectPr>", b"</w:sectPr", b"w:sectPr", b"<w:sectPrChange>", b"</w:sectPrChange>",
              b">", b"/>", b"/", b" w:rsidR=\"a\"", b"<w:pgSz/>", b"_", b"x", b"\xc3\xa1", b"<", b"\n", b"<w:p>"]
    rng = random.Random(16)
    documents = [b"".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30))) for _ in range(4000)]
    documents += [_document("a", "b")["word/document.xml"], b"<w:sectPr", b"<w:sectPr>", b"<w:sectPr/>",
                  b"a</w:sectPr>"]
    for document in documents:
        monkeypatch.setattr(bundleverdict, "FIND_MARKS", True)
        found = list(bundleverdict.section_tags(document)), bundleverdict.section_marks(document)
        monkeypatch.setattr(bundleverdict, "FIND_MARKS", False)
        assert found == (list(bundleverdict.section_tags(document)), bundleverdict.section_marks(document)), document
