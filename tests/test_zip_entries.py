"""A package joined from entries kept for the process (docgen.output.zipentries) is, byte for
byte, the zip that zipfile writes for the same parts, and reads back as those parts."""

import io
import os
import zipfile

import pytest
from conftest import ROOT

import docgen.output.package as package
from docgen.output import zipentries


def _template_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(ROOT / "templates" / "quyet-dinh.docx") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _both(monkeypatch, parts: dict[str, bytes], deflate_all: bool) -> tuple[bytes, bytes]:
    monkeypatch.setattr(package, "KEEP_ENTRIES", False)
    whole = package.package_bytes(parts, deflate_all)
    monkeypatch.setattr(package, "KEEP_ENTRIES", True)
    return whole, package.package_bytes(parts, deflate_all)


@pytest.mark.parametrize("deflate_all", [False, True])
def test_a_package_joined_from_kept_entries_is_the_one_zipfile_writes(monkeypatch, deflate_all):
    parts = _template_parts()
    seen = set()
    # The same template parts again and again with a body that differs each time (kept entries
    # met again, new bytes under a name met), a part changed in place, one added, a name not in
    # ASCII, an empty part, bytes that deflate to more than they are.
    for i, change in enumerate([{}, {"word/document.xml": b"<w:document>" + b"x" * 5000 + b"</w:document>"},
                                {"word/styles.xml": parts["word/styles.xml"] + b" "},
                                {"word/footer1.xml": b"<w:ftr/>"}, {"word/m\u1ee5c.xml": "mục".encode()},
                                {"docProps/custom.xml": b""}, {"word/document.xml": os.urandom(70_000)},
                                {"word/styles.xml": bytes(range(256)) * 300}, {}]):
        parts = {**parts, **change}
        body = parts["word/document.xml"] + str(i).encode()
        whole, joined = _both(monkeypatch, {**parts, "word/document.xml": body}, deflate_all)
        assert joined == whole
        with zipfile.ZipFile(io.BytesIO(joined)) as zf:
            assert zf.testzip() is None
            assert {n: zf.read(n) for n in zf.namelist()} == {**parts, "word/document.xml": body}
        seen.add(joined)
    assert len(seen) == 9


def test_kept_entries_are_told_apart_by_every_byte_and_by_their_compression(monkeypatch):
    monkeypatch.setattr(zipentries, "_ENTRIES", {})
    monkeypatch.setattr(zipentries, "_SHAPES", {})
    info = package._info("word/styles.xml", False)
    stored = zipentries.entry(info, b"<a/>", 1)
    assert zipentries.entry(package._info("word/styles.xml", False), b"<a/>", 1) is stored  # kept
    assert zipentries.entry(info, b"<b/>", 1) != stored
    assert zipentries.entry(package._info("word/styles.xml", True), b"<a/>", 6) != stored
    assert zipentries.entry(package._info("word/styles2.xml", False), b"<a/>", 1) != stored


def test_the_memo_of_entries_stays_bounded(monkeypatch):
    monkeypatch.setattr(zipentries, "_ENTRIES", {})
    for i in range(3 * zipentries._KEPT):
        zipentries.entry(package._info("word/document.xml", False), str(i).encode(), 1)
    assert len(zipentries._ENTRIES) <= zipentries._KEPT
