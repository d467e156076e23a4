"""What a build makes of each rendered document beside its parts, on the core that rendered it.

The render workers (docgen.render.batch.render_each) call `finish` on every document they
render: the package's bytes as they will be written, the lint report of those very bytes
(docgen.checker, judged without writing and reading the file back) and what the register
records of it (docgen.render.readback). Given the build's staging folder, they also write the
bytes there (docgen.output.transaction.stage): only the parts, the report, the register's
fields and the bytes' digest travel back to the build, which records the file as written.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docgen.model.documents import Job
from docgen.output.package import package_bytes
from docgen.output.transaction import stage as write_staged
from docgen.render.readback import register_fields, register_fields_of

# The register's subject and recipients read from the paragraphs the lint has just parsed
# (docgen.render.readback.register_fields_of) when it read the body by its fast road; off: from
# the parts again (register_fields). The same fields either way.
READ_ONCE = True


@dataclass(frozen=True)
class Finished:
    """One rendered document, ready to write (or written to the build's staging folder)."""

    data: bytes | None  # the .docx bytes (docgen.output.package.package_bytes of its parts); None: staged
    report: object | None  # docgen.checker.Report of `data` at its final path, or a call giving it; None: not asked
    subject: str | None  # the trích yếu, as the register records it (None: not asked, or none)
    recipients: list[str]  # the Nơi nhận items, as the register records them
    staged: str | None = None  # the sha256 of the bytes written to the staging folder, when they were


def finish(folder: Path, lint: bool, draft: bool, read_back: bool, index: int, job: Job,
           parts: dict[str, bytes], *, stage: Path | None = None) -> Finished:
    """`job`'s rendered `parts` finished: packaged; linted (`lint`, as a draft when `draft`) as
    the file `folder`/job.output; its subject and recipients read back when `read_back`.
    With `stage` (the staging folder of the build's docgen.output.transaction.Transaction on
    `folder`), the bytes are written there as job.output and not returned (Finished.staged:
    their digest); raises OutputError when they cannot be.
    `index` is the job's place in the batch (unused: every job is finished alike)."""
    data = package_bytes(parts)
    report = doc = None
    if lint:
        from docgen.checker import lint_read

        # The parts the package holds: what reading `data` back would give, without unzipping it.
        report, doc = lint_read(folder / job.output, draft=draft, parts=parts)
    digest = None
    if stage is not None:
        digest, data = write_staged(stage, folder, job.output, data), None
    if not read_back:
        return Finished(data, report, None, [], digest)
    if READ_ONCE and doc is not None and doc.paragraph_xml is not None:
        read = zip(doc.paragraph_xml, [p.element for p in doc.paragraphs], strict=True)
        return Finished(data, report, *register_fields_of(read), digest)
    return Finished(data, report, *register_fields(parts), digest)


def judge(path: Path, draft: bool, data: bytes | None = None, parts: dict[str, bytes] | None = None) -> object:
    """docgen.checker.Report of the package `data` (or of its `parts`) as the file `path` (as a
    draft when `draft`)."""
    from docgen.checker import lint

    return lint(path, draft=draft, data=data, parts=parts)


def judge_later(workers, path: Path, draft: bool, data: bytes | None = None,
                parts: dict[str, bytes] | None = None) -> Callable[[], object]:
    """`judge(path, draft, data, parts)` started on `workers` (docgen.render.batch.Workers;
    None: here, when asked): call the result for the report."""
    if workers is None:
        return functools.partial(judge, path, draft, data, parts)
    return workers.submit(judge, path, draft, data, parts).result
