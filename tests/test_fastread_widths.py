"""Files differing from an earlier one only in their table widths take its plan, and read as
themselves (checker.fastread.MASK_WIDTHS, issue 16).

A build's decisions each size their list table to their names (docgen.render.widths): the
w:gridCol and w:tcW widths differ from one decision to the next, nothing else between the
paragraphs does. Each such file is read both ways and compared with the whole-tree walk; a
section's page size, written in the same kind of attribute, is never taken from another file.
"""

import zipfile
from pathlib import Path
from unittest import mock

from nd30doc import two_page_decision
from test_checker_fastread import _lint_whole, _seen, _took_fast_road

from docgen.checker import fastread, lint
from docgen.checker.ooxml import Document


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _variant(parts: dict[str, bytes], path: Path, xml: bytes) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in dict(parts, **{"word/document.xml": xml}).items():
            zf.writestr(name, data)
    return path


def _whole(path: Path) -> Document:
    with mock.patch.object(fastread, "read_body", lambda doc, data: False):
        return Document(path)


def _widths(xml: bytes, widths: list[int]) -> bytes:
    """`xml` with its table widths (the test decision's 4600 twips) given in turn from `widths`."""
    pieces = xml.split(b'w:w="4600"')
    out = [pieces[0]]
    for n, piece in enumerate(pieces[1:]):
        out.append(b'w:w="%d"' % widths[n % len(widths)] + piece)
    return b"".join(out)


def test_files_sized_otherwise_take_the_plan_and_read_as_themselves(tmp_path, monkeypatch):
    first = two_page_decision(tmp_path / "qd.docx")
    parts = _parts(first)
    xml = parts["word/document.xml"]
    assert xml.count(b'w:w="4600"') > 8  # the header's and the closing's columns and cells
    sized = [[4601], [3000, 6200], [2, 9198, 4600], [10000, 123456789]]
    paths = [_variant(parts, tmp_path / f"rong-{n}.docx", _widths(xml, w)) for n, w in enumerate(sized)]
    planned = []
    real = fastread._planned
    monkeypatch.setattr(fastread, "_planned", lambda *a: planned.append(real(*a)) or planned[-1])
    Document(first)
    planned.clear()
    fast = [Document(p) for p in paths]
    assert len(planned) == len(paths) and all(p is not None for p in planned)  # the first file's plan
    for path, doc in zip(paths, fast, strict=True):
        assert _took_fast_road(doc)
        assert _seen(doc) == _seen(_whole(path))
    kept = [lint(p).findings for p in paths]
    monkeypatch.setattr(fastread, "MASK_WIDTHS", False)
    planned.clear()
    plain = [lint(p).findings for p in paths]
    assert planned == [None] * len(paths)  # known by their own bytes: each planned afresh
    assert kept == plain == [_lint_whole(p, draft=False) for p in paths]


def test_a_section_sized_otherwise_is_read_from_its_own_bytes(tmp_path):
    # The same attribute gives a page its size: a section standing between paragraphs, or the
    # body's last, is read from this file's bytes, never carried from a file planned before.
    first = two_page_decision(tmp_path / "qd.docx")
    parts = _parts(first)
    xml = parts["word/document.xml"]
    at = xml.index(b"</w:tbl>") + len(b"</w:tbl>")  # after the header table, in the body
    portrait = b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
    landscape = b'<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/></w:sectPr>'
    letter = xml.replace(b'<w:pgSz w:w="11906"', b'<w:pgSz w:w="12240"')
    assert letter != xml
    docs = []
    for name, changed in (("doc", xml[:at] + portrait + xml[at:]), ("ngang", xml[:at] + landscape + xml[at:]),
                          ("doc-2", xml[:at] + portrait + xml[at:]), ("letter", letter), ("a4", xml)):
        path = _variant(parts, tmp_path / f"{name}.docx", changed)
        fast = Document(path)
        assert _took_fast_road(fast)
        assert _seen(fast) == _seen(_whole(path))
        assert lint(path).findings == _lint_whole(path, draft=False)
        docs.append(fast)
    assert [d.sections[0].width for d in docs] == [11906, 16838, 11906, 12240, 11906]
    assert docs[1].sections[0].orient == "landscape" and docs[0].sections[0].orient is None


def test_masked_bytes_keep_the_tags_and_leave_sections_and_other_numbers_alone():
    units = ((b'<w:tc><w:tcPr><w:tcW w:w="4600" w:type="dxa"/></w:tcPr>', None),
             (b'<w:tblGrid><w:gridCol w:w="645"/><w:gridCol w:w="3315"/></w:tblGrid>', b"<w:p/>"),
             (b'<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>', None),
             (b'<w:tr w:rsidR="00A1"><w:trPr><w:trHeight w:val="400"/></w:trPr>', None))
    masked = fastread._masked(units)
    assert masked == ((b'<w:tc><w:tcPr><w:tcW w:w="#" w:type="dxa"/></w:tcPr>', None),
                      (b'<w:tblGrid><w:gridCol w:w="#"/><w:gridCol w:w="#"/></w:tblGrid>', b"<w:p/>"),
                      units[2], units[3])
    assert [fastread._events(m)[0] for m, _ in masked] == [fastread._events(u)[0] for u, _ in units]
    plain = ((b"<w:tc>", None),)
    assert fastread._masked(plain) is plain


def test_a_skeleton_key_is_the_texts_taken_out_as_the_pattern_takes_them():
    import random

    rng = random.Random(16)
    bits = [b"<w:t>", b'<w:t xml:space="preserve">', b"</w:t>", b"<w:tab/>", b"<w:t/>", b"<w:tx>", b"<", b">",
            b"abc", "Đỗ ".encode(), b" ", b"&amp;", b"<w:r>", b"</w:r>", b"<w:t\n>", b"<w:tbl>"]
    for _ in range(5000):
        xml = b"".join(rng.choice(bits) for _ in range(rng.randrange(0, 14)))
        assert fastread._skeleton_key(xml) == fastread._WT.subn(rb"\1</w:t>", xml), xml


def test_paragraphs_placed_as_in_the_last_file_are_read_and_judged_as_made_anew(tmp_path, monkeypatch):
    # Files of one root read in turn (checker.fastread.KEEP_PLACED): where a file has the same
    # paragraph at the same place as the last one, it has the same Paragraph; everything the rules
    # read, and their findings, are those of each file read with every paragraph made anew.
    from test_checker_fastread import _skeleton_family

    first = two_page_decision(tmp_path / "qd.docx")
    parts = _parts(first)
    xml = parts["word/document.xml"]
    paths = [first, *_skeleton_family(tmp_path, "pl"),
             _variant(parts, tmp_path / "rong.docx", _widths(xml, [3000, 6200])),
             _variant(parts, tmp_path / "doi.docx", xml.replace("Phòng Tổ chức".encode(), "Phòng Kế hoạch".encode())),
             first]
    kept = [Document(p) for p in paths]
    assert kept[0].paragraphs[0] is kept[-1].paragraphs[0]  # taken from the file before
    changed = next(p for p in kept[-2].paragraphs if "Phòng Kế hoạch" in p.text)
    assert changed is not kept[0].paragraphs[changed.index - 1]
    assert kept[-2].paragraphs[changed.index] is kept[0].paragraphs[changed.index]  # the next one kept
    seen = [_seen(d) for d in kept]
    findings = [lint(p).findings for p in paths]
    monkeypatch.setattr(fastread, "KEEP_PLACED", False)
    anew = [Document(p) for p in paths]
    assert not any(a is b for a, b in zip(anew[0].paragraphs, anew[-1].paragraphs, strict=True))
    assert [_seen(d) for d in anew] == seen == [_seen(_whole(p)) for p in paths]
    assert [lint(p).findings for p in paths] == findings == [_lint_whole(p, draft=False) for p in paths]
