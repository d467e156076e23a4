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


# Awardee lines: one skeleton (the same runs and formatting), texts that a reading by skeleton
# could get wrong: escapes, a no-break space, decomposed (NFD) Vietnamese, the private-use
# characters the skeletons stand their texts with, an empty text, TCVN3 bytes, a tab between.
_NAMES = ["Nguyễn Văn An", "Trần &amp; Lê", "Phạm\u00a0Thị  Bình ", "Nguye\u0302\u0303n Thi\u0323 Ca",
          "Lý \U000F0000 \U000F0001 Hoa", "", "Ho\u00b5ng V\u00a8n", "&lt;Đỗ&gt; &#273;ức"]


def _line(name: str, salt: str, tail: str = "") -> str:
    return ('<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"'
            ' w:hAnsi="Times New Roman"/><w:b/><w:sz w:val="28"/></w:rPr>'
            f'<w:t xml:space="preserve">{salt} </w:t></w:r><w:r><w:rPr><w:rFonts w:ascii="Times New Roman"'
            ' w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr><w:tab/>'
            f'<w:t>{name}</w:t><w:t>{tail}</w:t></w:r></w:p>')


def _skeleton_family(tmp_path: Path, salt: str) -> list[Path]:
    """Decisions whose added lines differ only in their texts, the later ones with one faulty
    line each (a font the decree does not allow, a red run, text in TCVN3, NFD text)."""
    lines = "".join(_line(name, f"{salt}{i}", tail=f" ({i})" * (i % 3)) for i, name in enumerate(_NAMES))
    faulty = [
        _line("Vũ Văn Sai", salt).replace("Times New Roman", "Arial"),
        _line("Đỏ Văn Màu", salt).replace("<w:sz w:val=\"28\"/>", "<w:sz w:val=\"28\"/><w:color w:val=\"FF0000\"/>"),
        _line("Ho\u00b5ng Th\u00b8nh", salt),
        _line("Nguye\u0302\u0303n", salt + "x"),
    ]
    return [make(tmp_path / f"{salt}-{n}.docx", after_closing=lines + extra)
            for n, extra in enumerate(["", *faulty])]


def test_paragraphs_read_by_skeleton_read_as_whole(tmp_path):
    paths = _skeleton_family(tmp_path, "sk")
    fast = [Document(p) for p in paths]  # the first file makes the skeletons, the others use them
    skeletons = [kept for key, kept in fast[0]._shape_cache.items() if key[0] == "skeletons"]
    family = fastread._WT.sub(rb"\1</w:t>", _line("", "").encode())  # the lines' XML without texts
    assert len(skeletons) == 1 and skeletons[0][family]  # the lines after the first are filled in
    assert all(_took_fast_road(d) for d in fast)
    for path, doc in zip(paths, fast, strict=True):
        with mock.patch.object(fastread, "read_body", lambda doc, data: False):
            whole = Document(path)
        assert _seen(doc) == _seen(whole)
    texts = [p.text for p in fast[0].paragraphs[-len(_NAMES):]]
    assert texts[1] == "sk1 \tTrần & Lê (1)" and texts[7] == "sk7 \t<Đỗ> đức (7)"
    assert texts[2] == "sk2 \tPhạm Thị  Bình  (2) (2)" and texts[5] == "sk5 \t (5) (5)"


def test_verdicts_by_skeleton_are_those_of_each_paragraph_read_whole(tmp_path, monkeypatch):
    paths = _skeleton_family(tmp_path, "vd")
    fast = [lint(p) for p in paths]
    monkeypatch.setattr(fastread, "SKELETONS", False)
    plain = [lint(p) for p in paths]
    whole = [_lint_whole(p, draft=False) for p in paths]
    assert [r.findings for r in fast] == [r.findings for r in plain] == whole
    last = len(Document(paths[0]).paragraphs) + 1  # the faulty line, after the family's lines
    assert [[f.rule for f in r.findings if f.paragraph == last] for r in fast] == [
        [], ["ND30-FONT"], ["ND30-COLOR"], ["ND30-TEXT-TCVN3"], ["ND30-TEXT-NFC"]]
    # The family's own NFD and TCVN3 names are found too, on the lines holding them.
    assert {(f.rule, f.paragraph) for f in fast[0].findings} == {
        ("ND30-TEXT-NFC", last - len(_NAMES) + 3), ("ND30-TEXT-TCVN3", last - len(_NAMES) + 6)}


_RED = b'<w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>x</w:t></w:r></w:p>'


def test_a_file_planned_as_an_earlier_one_is_read_and_judged_as_itself(tmp_path, monkeypatch):
    # Files whose pieces divide as the first's did (only a paragraph's own bytes differ: here a red
    # run added to one paragraph, in turn every paragraph of the body) take the first's plan
    # (fastread.KEEP_PLANS): each reads as the whole-tree walk reads it, and each one's fault is
    # found, on its own paragraph, as the plain road finds it.
    first = two_page_decision(tmp_path / "qd.docx")
    with zipfile.ZipFile(first) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    pieces = parts["word/document.xml"].split(b"</w:p>")
    paths = []
    for i in range(len(pieces) - 1):
        changed = dict(parts, **{"word/document.xml": b"</w:p>".join(
            [*pieces[:i], pieces[i] + _RED.removesuffix(b"</w:p>"), *pieces[i + 1:]])})
        path = tmp_path / f"do-{i}.docx"
        with zipfile.ZipFile(path, "w") as zf:
            for name, data in changed.items():
                zf.writestr(name, data)
        paths.append(path)
    planned = []
    real = fastread._planned
    monkeypatch.setattr(fastread, "_planned", lambda *a: planned.append(real(*a)) or planned[-1])
    Document(first)  # planned the long way (unless an earlier test did); the others take its plan
    planned.clear()
    fast = [Document(p) for p in paths]
    assert len(planned) == len(paths) and all(p is not None for p in planned)
    for path, doc in zip(paths, fast, strict=True):
        assert _took_fast_road(doc)
        with mock.patch.object(fastread, "read_body", lambda doc, data: False):
            assert _seen(doc) == _seen(Document(path))
    kept = [lint(p).findings for p in paths]
    monkeypatch.setattr(fastread, "KEEP_PLANS", False)
    plain = [lint(p).findings for p in paths]
    assert kept == plain == [_lint_whole(p, draft=False) for p in paths]
    red = [[f.paragraph for f in found if f.rule == "ND30-COLOR"] for found in kept]
    assert all(len(r) == 1 for r in red) and len({r[0] for r in red}) == len(paths)


def test_a_file_dividing_otherwise_is_planned_afresh(tmp_path, monkeypatch):
    # One more paragraph, or one paragraph fewer, than a file already planned: no plan of its
    # own kept yet, the pieces walked, and read as the whole-tree walk reads it.
    first = two_page_decision(tmp_path / "qd.docx")
    Document(first)
    with zipfile.ZipFile(first) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    body = parts["word/document.xml"]
    at = body.index(b"</w:p>") + len(b"</w:p>")
    nxt = body.index(b"</w:p>", at) + len(b"</w:p>")
    start = fastread._opening(body[:at])
    for name, xml in (("them", body[:at] + body[start:at] + body[at:]), ("bot", body[:at] + body[nxt:])):
        path = tmp_path / f"{name}.docx"
        with zipfile.ZipFile(path, "w") as zf:
            for n, data in dict(parts, **{"word/document.xml": xml}).items():
                zf.writestr(n, data)
        fast, whole = _both(path)
        assert _took_fast_road(fast) and _seen(fast) == _seen(whole)
        assert len(fast.paragraphs) == len(Document(first).paragraphs) + (1 if name == "them" else -1)


def test_a_long_file_is_planned_alone(tmp_path, monkeypatch):
    # A file of more paragraphs than _PLANNED_PIECES (a print bundle) keeps no plan: read the long
    # way each time, as the whole-tree walk reads it.
    monkeypatch.setattr(fastread, "_PLANNED_PIECES", 10)
    planned = []
    monkeypatch.setattr(fastread, "_planned", lambda *a: planned.append(a))
    path = two_page_decision(tmp_path / "qd.docx")
    kept = {key: len(v) for key, v in Document(path)._shape_cache.items() if key[0] == "plans"}
    for _ in range(2):
        fast, whole = _both(path)
        assert _took_fast_road(fast) and _seen(fast) == _seen(whole)
    assert planned == []
    assert {key: len(v) for key, v in fast._shape_cache.items() if key[0] == "plans"} == kept
