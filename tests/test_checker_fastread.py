"""The checker's fast road (checker/fastread.py) reads a file exactly as the whole-tree walk does.

Each file is read both ways and everything a rule can see is compared: paragraphs with their
text, runs and resolved formatting, table places, sections, header/footer parts.
"""

import zipfile
from pathlib import Path
from unittest import mock

import pytest
from nd30doc import body_of, make, paragraph, two_page_decision

from docgen.checker import fastread, lint
from docgen.checker.ooxml import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
OTHERS = sorted((SHARED / "reference" / "nd30-templates").glob("*.docx")) + sorted(
    (SHARED / "cases").glob("**/*.docx"))


def _seen(doc: Document):
    """What the rules can read of a document."""
    paragraphs = [(p.index, p.text, p.clean, p.style, p.table, p.row, p.cell, p.has_drawing, p.fields,
                   p.page_break, p.label, p.props, [(r.text, r.props, r.numbering) for r in p.runs],
                   [r.text for r in p.text_runs()], p.shown()) for p in doc.paragraphs]
    parts = {name: [(p.text, p.props, [(r.text, r.props) for r in p.runs], p.fields) for p in part.paragraphs]
             for name, part in doc.parts.items()}
    return (paragraphs, [s.__dict__ for s in doc.sections], parts,
            [(p.index, kind) for p, kind in doc.revisions], doc.declares_draft)


def _both(path: Path):
    fast = Document(path)
    with mock.patch.object(fastread, "read_body", lambda doc, data: False):
        whole = Document(path)
    return fast, whole


def _took_fast_road(doc: Document) -> bool:
    return not hasattr(doc, "root")  # the whole-tree walk keeps its tree


def test_a_two_page_decision_reads_the_same_both_ways(tmp_path):
    fast, whole = _both(two_page_decision(tmp_path / "qd.docx"))
    assert _took_fast_road(fast) and not _took_fast_road(whole)
    assert _seen(fast) == _seen(whole)


def test_two_documents_numbering_and_empty_cells_read_the_same_both_ways(tmp_path):
    # Two decisions in one file (repeated paragraphs, two header tables, empty <w:p/> cells),
    # a Word list drawing the Nơi nhận dashes, and a second list in the second decision.
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="bullet"/><w:lvlText w:val="-"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    second = make(tmp_path / "hai.docx", cqcq=None, so=None)  # an empty cell: "<w:p/>"
    path = make(tmp_path / "mot.docx", numbering=numbering, nn1={"text": "Như Điều 2;", "num": (1, 0)},
                nn2={"text": "Lưu: VT, VP.", "num": (1, 0)},
                after_closing=paragraph({"text": ""}) + '<w:p w:rsidR="00A1"/>' + body_of(second) + "<w:p/>"
                + body_of(second))
    fast, whole = _both(path)
    assert _took_fast_road(fast)
    assert _seen(fast) == _seen(whole)
    assert [p.clean for p in fast.paragraphs if p.label] == ["- Như Điều 2;", "- Lưu: VT, VP."]
    assert max(p.table for p in fast.paragraphs if p.table) == 6
    assert sum(not p.text for p in fast.paragraphs) == sum(not p.text for p in whole.paragraphs) > 4
    assert lint(path).findings == _lint_whole(path, draft=False)


@pytest.mark.skipif(not OTHERS, reason="không có ../shared")
@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_files_we_did_not_write_read_the_same_both_ways(path):
    fast, whole = _both(path)
    assert _seen(fast) == _seen(whole)
    assert lint(path, draft=True).findings == _lint_whole(path)


def _lint_whole(path: Path, draft: bool = True):
    with mock.patch.object(fastread, "read_body", lambda doc, data: False):
        return lint(path, draft=draft).findings


def test_malformed_xml_between_paragraphs_is_still_refused(tmp_path):
    good = two_page_decision(tmp_path / "qd.docx")
    bad = tmp_path / "hong.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as out:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:p><w:p>", b"</w:p><w:bookmarkEnd w:id=1/><w:p>", 1)
            out.writestr(item, data)
    assert b"w:id=1" in zipfile.ZipFile(bad).read("word/document.xml")
    report = lint(bad)
    assert report.error is not None and report.error.startswith("XML hỏng:")
