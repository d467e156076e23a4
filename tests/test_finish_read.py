"""A worker reads a rendered document once: the register's subject and recipients come from the
paragraphs the lint has just parsed (docgen.finish.READ_ONCE, issue 16), and they are what the
register reads from the parts themselves (docgen.render.readback.register_fields).
"""

import zipfile
from pathlib import Path

import pytest
from nd30doc import make
from test_build_fastpaths import workspace
from test_checker_fastread import OTHERS
from test_transaction import many_decisions

import docgen.finish
from docgen.build import build_path
from docgen.checker import lint_read
from docgen.model.documents import Job
from docgen.render import readback
from docgen.render.readback import recipients_of, register_fields, register_fields_of, subject_of


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _read_once(path: Path, parts: dict[str, bytes]):
    """The fields read from the lint's paragraphs, or None when the lint read the file otherwise."""
    report, doc = lint_read(path, parts=parts)
    assert report.error is None and doc is not None
    if doc.paragraph_xml is None:
        return None
    return register_fields_of(zip(doc.paragraph_xml, [p.element for p in doc.paragraphs], strict=True))


def test_docgen_documents_give_the_register_the_same_fields_read_once(tmp_path):
    workspace(tmp_path / "ws", many_decisions(3))
    written = []
    for folder in sorted((tmp_path / "ws" / "plans").iterdir()):
        written += build_path(folder, trial=True).written
    assert len(written) > 20
    readback._READ.clear()
    for _ in range(2):  # read afresh, then from the paragraphs kept for the process
        for path in written:
            parts = _parts(path)
            fields = register_fields(parts)
            assert fields == (subject_of(parts), recipients_of(parts))
            assert _read_once(path, parts) == fields, path  # docgen's own documents: all read once
    decision = next(p for p in written if p.parent.name == "quyet-dinh" and "nhom-g000" in p.name)
    subject, recipients = _read_once(decision, _parts(decision))
    assert subject == "Về việc tặng Giấy khen của Giám đốc Sở" and recipients[-1].startswith("Lưu: VT")


def _styled(style: str, inside: str, ppr: str = "") -> str:
    return f'<w:p>{ppr}<w:pPr><w:pStyle w:val="{style}"/></w:pPr>{inside}</w:p>'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


TRICKY = "".join([
    # The trích yếu over three paragraphs: a tab (no text to the register), a no-break space and a
    # word joiner (kept as typed), a non-breaking hyphen, runs of blanks.
    _styled("TrichYeu", _run("Về việc  tặng") + "<w:r><w:tab/></w:r>" + _run("Giấy\u00a0khen")),
    _styled("TrichYeu", _run("năm 2021\u20602022 ") + "<w:r><w:noBreakHyphen/></w:r>" + _run(" đợt 1")),
    _styled("&#84;richYeu", _run("(lần&#160;hai)")),  # the style named through character references
    _styled("TrichYeu", ""),  # empty: left out
    _styled("VeViec", _run("V/v thi &amp; đua")),
    # A style reference in a second w:pPr, as the whole parse's path finds it.
    '<w:p><w:pPr><w:jc w:val="left"/></w:pPr><w:pPr><w:pStyle w:val="NoiNhanMuc"/></w:pPr>'
    + _run("- Sở Nội vụ;") + "</w:p>",
    _styled("NoiNhanMuc", _run("- Lưu: VT, TĐKT.")),
    _styled("NoiDung", _run("TrichYeu NoiNhanMuc: names in the text, another style")),
    _styled("NoiNhanMuc", _run("   ")),  # blank: left out
])


def test_hand_written_paragraphs_give_the_same_fields_read_once(tmp_path):
    path = make(tmp_path / "mot.docx", after_closing=TRICKY)
    parts = _parts(path)
    fields = register_fields(parts)
    assert fields == ("Về việc tặngGiấy khen năm 2021\u20602022 - đợt 1 (lần hai) V/v thi & đua",
                      ["Sở Nội vụ", "Lưu: VT, TĐKT"])
    assert _read_once(path, parts) == fields
    assert _read_once(path, parts) == fields  # the paragraphs kept


@pytest.mark.skipif(not OTHERS, reason="không có ../shared")
def test_files_we_did_not_write_give_the_same_fields_read_once():
    read_once = 0
    for path in OTHERS:
        parts = _parts(path)
        if "word/document.xml" not in parts:
            continue
        report, doc = lint_read(path, parts=parts)
        if doc is None or doc.paragraph_xml is None:
            continue
        read_once += 1
        assert register_fields_of(zip(doc.paragraph_xml, [p.element for p in doc.paragraphs], strict=True)) == \
            register_fields(parts), path
    assert read_once > 0


def test_finish_gives_the_same_fields_either_way(tmp_path, monkeypatch):
    path = make(tmp_path / "mot.docx", after_closing=TRICKY)
    parts = _parts(path)
    job = Job(template="quyet-dinh.docx", output="qd.docx", context={}, properties=None)
    got = []
    for once in (True, False):
        monkeypatch.setattr(docgen.finish, "READ_ONCE", once)
        done = docgen.finish.finish(tmp_path, True, False, True, 0, job, parts)
        got.append((done.data, done.subject, done.recipients,
                    [(f.rule, f.paragraph, f.message) for f in done.report.findings]))
    assert got[0] == got[1]
    assert got[0][1].startswith("Về việc tặngGiấy khen") and got[0][2] == ["Sở Nội vụ", "Lưu: VT, TĐKT"]
