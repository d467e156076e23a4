"""What crosses from a render worker back to the build (issue 16): a job's large parts as its
package deflated them (docgen.output.packed), a template's own parts once a batch per worker
(docgen.render.batch.STATICS_ONCE); the build gets back exactly the parts that were rendered."""

import functools
import pickle
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import ROOT

import docgen.render.batch as batch
from docgen.finish import finish
from docgen.model.documents import Job
from docgen.output import packed, zipentries
from docgen.output.package import package_bytes
from docgen.output.packed import Deflated, Spliced, pack, unpack
from docgen.render import TemplateSet


def _template_parts() -> dict[str, bytes]:
    with zipfile.ZipFile(ROOT / "templates" / "quyet-dinh.docx") as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _stored_data(package: bytes, name: str) -> bytes:
    """The compressed bytes of `name`'s entry, as they stand in the zip `package`."""
    with zipfile.ZipFile(__import__("io").BytesIO(package)) as zf:
        info = zf.getinfo(name)
    start = info.header_offset
    names, extras = struct.unpack_from("<2H", package, start + 26)
    begin = start + 30 + names + extras
    return package[begin:begin + info.compress_size]


@pytest.mark.parametrize("first", [True, False])
def test_a_packaged_body_travels_as_the_bytes_its_package_holds_and_comes_back_as_it_was(first):
    parts = _template_parts()
    if first:  # a name never met: zipfile writes the entry (its compressed bytes cut from its zip)
        zipentries._SHAPES.clear()
        zipentries._ENTRIES.clear()
    body = parts["word/document.xml"].replace(b"</w:body>", "<w:p><w:r><w:t>Đinh Văn Ân</w:t></w:r></w:p>".encode()
                                              * 300 + b"</w:body>")
    parts = {**parts, "word/document.xml": body}
    data = package_bytes(parts)
    sent = pack(parts)
    assert type(sent["word/document.xml"]) is Deflated
    assert sent["word/document.xml"].data == _stored_data(data, "word/document.xml")
    assert len(pickle.dumps(sent)) < len(pickle.dumps(parts)) - len(body) * 3 // 4
    # The small parts, stored in the package, travel as they are.
    assert all(sent[n] is parts[n] for n in parts if n != "word/document.xml")
    back = unpack(pickle.loads(pickle.dumps(sent)))
    assert back == parts and list(back) == list(parts)


def test_parts_not_packaged_here_travel_as_they_are():
    parts = _template_parts()
    other = {**parts, "word/document.xml": parts["word/document.xml"] + b" " * 5000}
    package_bytes(other)
    same_name = {**parts, "word/document.xml": parts["word/document.xml"] + b"\n" * 5000}
    sent = pack(same_name)  # packaged last under that name: other bytes
    assert sent == same_name
    assert unpack(sent) is sent  # nothing to inflate: the same dict


def test_a_deflated_part_of_another_length_is_refused():
    compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
    data = compressor.compress(b"x" * 10_000) + compressor.flush()
    assert Deflated(data, 10_000).inflated() == b"x" * 10_000
    with pytest.raises(ValueError):
        Deflated(data, 10_001).inflated()
    assert packed.MIN_SIZE > 1024  # the property parts (under a kilobyte) are never packed


@pytest.mark.parametrize("before, after, spliced", [
    ("<cp:title>Quyết định số 1 của Sở</cp:title>".encode() + b"<x/>" * 40,
     "<cp:title>Quyết định số 22 của Sở</cp:title>".encode() + b"<x/>" * 40, True),
    (b"a" * 200, b"a" * 300, True),  # one the start of the other
    (b"a" * 300, b"a" * 200, True),
    (b"x" * 100 + b"y" * 100, b"x" * 100 + b"y" * 100, True),  # the same bytes
    (b"", b"a" * 100, False),
    (bytes(range(256)), bytes(range(255, -1, -1)), False),  # nothing shared: as they are
    (b"a" * 40 + b"b" * 40, b"a" * 30 + b"c" * 40 + b"b" * 30, False),  # too little shared
])
def test_a_small_part_travels_as_it_differs_from_the_one_before(before, after, spliced):
    sent = pack({"docProps/core.xml": after, "docProps/app.xml": b"<x/>"}, before={"docProps/core.xml": before})
    assert sent["docProps/app.xml"] == b"<x/>"  # no part of that name before: as it is
    assert type(sent["docProps/core.xml"]) is (Spliced if spliced else bytes)
    back = unpack(pickle.loads(pickle.dumps(sent)), {"docProps/core.xml": before})
    assert back == {"docProps/core.xml": after, "docProps/app.xml": b"<x/>"}
    if spliced:
        assert len(sent["docProps/core.xml"].middle) < len(after) - packed.MIN_SHARED + 1
        with pytest.raises(ValueError, match="spliced from a part not given"):
            unpack(sent, {})
    if before == after:
        assert sent["docProps/core.xml"] == Spliced(len(after), b"", 0)


def _jobs(tmp_path: Path) -> tuple[list[Path], list[Job]]:
    """The template folders and the award decisions' jobs of a plan of 6 decisions."""
    from test_build_fastpaths import workspace
    from test_transaction import many_decisions

    from docgen.build import award_documents, validate
    from docgen.model.documents import award_jobs
    from docgen.records.register import Register
    from docgen.workspace import Workspace

    plan_dir = workspace(tmp_path / "ws", many_decisions(6, people=3))
    plan = validate(plan_dir)
    with Register.of_workspace(tmp_path / "ws").numbering() as numbering:  # reserved, never committed
        docs = award_documents(plan_dir, plan, numbering)
    jobs = [j for j in award_jobs(plan, docs) if j.template == "quyet-dinh.docx"]
    return Workspace.of_plan(plan_dir).template_folders(plan_dir), jobs


def test_a_worker_sends_a_templates_own_parts_once_a_batch(tmp_path, monkeypatch):
    folders, jobs = _jobs(tmp_path)
    jobs = jobs[:6]
    monkeypatch.setattr(batch, "_sent", ("", set()))
    monkeypatch.setattr(batch, "_worker_templates", TemplateSet(folders))  # as batch._init makes it
    after = functools.partial(finish, tmp_path, True, False, True)
    rendered = [TemplateSet(folders).render(job) for job in jobs]
    got = []
    for batch_name, chunk in (("b1", [0, 1]), ("b1", [2, 3]), ("b2", [4, 5])):
        out, own = batch._render_chunk([jobs[i] for i in chunk], after, chunk, True, batch_name)
        got.append(own)
        statics = own.get("quyet-dinh.docx") or got[0]["quyet-dinh.docx"]
        before: dict = {}
        for n, (i, (changed, done)) in enumerate(zip(chunk, out, strict=True)):
            assert type(changed["word/document.xml"]) is Deflated
            assert (type(changed["docProps/core.xml"]) is Spliced) == (n > 0)  # as the chunk's first differs
            before = unpack(changed, before)
            assert {**statics, **before} == rendered[i]
            assert done.report.findings == [] and done.subject
    assert [sorted(own) for own in got] == [["quyet-dinh.docx"], [], ["quyet-dinh.docx"]]
    monkeypatch.setattr(batch, "STATICS_ONCE", False)
    monkeypatch.setattr(batch, "PACK_RESULTS", False)
    out, own = batch._render_chunk(jobs[:1], after, 0, True)
    assert sorted(own) == ["quyet-dinh.docx"] and type(out[0][0]["word/document.xml"]) is bytes
