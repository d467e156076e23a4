"""What crosses from a render worker back to the build (issue 16): a template's own parts once a
batch per worker (docgen.render.batch.STATICS_ONCE), not with every chunk; the build puts each
job's changed parts over them and gets exactly the parts that were rendered."""

import functools
from pathlib import Path

import docgen.render.batch as batch
from docgen.finish import finish
from docgen.model.documents import Job
from docgen.render import TemplateSet


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
        for i, (changed, done) in zip(chunk, out, strict=True):
            assert {**statics, **changed} == rendered[i]
            assert done.report.findings == [] and done.subject
    assert [sorted(own) for own in got] == [["quyet-dinh.docx"], [], ["quyet-dinh.docx"]]
    # Without a batch's name (STATICS_ONCE off), with every chunk.
    for _ in range(2):
        assert sorted(batch._render_chunk(jobs[:1], after, 0, True)[1]) == ["quyet-dinh.docx"]
