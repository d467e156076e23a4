"""A build's process structure (issue 16): each document written into the transaction's staging
folder by the worker that rendered it, and the jobs sent in chunks shrinking towards the end."""

import errno
import os
from pathlib import Path

import pytest
from test_build_fastpaths import workspace
from test_transaction import many_decisions, state

import docgen.build
import docgen.buildwork
import docgen.output.transaction as transaction
import docgen.render.batch as batch
from docgen.build import build_path
from docgen.errors import OutputError


@pytest.mark.parametrize("where_rendered", [True, False])
def test_a_decision_that_cannot_be_written_fails_the_build_alike_wherever_it_is_written(
        tmp_path, monkeypatch, where_rendered):
    # A disk full at the 31st decision's write: on a worker (the fast road) or in the build's
    # own process (the plain one), the same one message, and build/ and the register as they were.
    plan_dir = workspace(tmp_path, many_decisions(60))
    first = build_path(plan_dir)
    full = next(p for p in first.written if p.name.endswith("g030.docx"))
    (plan_dir / "awards.yaml").write_text(many_decisions(61), encoding="utf-8")
    before = state(tmp_path)
    monkeypatch.setattr(docgen.buildwork, "LARGE_LIST", 0)  # workers for this small list too
    monkeypatch.setattr(docgen.build, "WRITE_WHERE_RENDERED", where_rendered)
    real_open = open

    def full_disk(path, mode="r", *args, **kwargs):
        if "x" in mode and Path(path).name == full.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_open(path, mode, *args, **kwargs)

    def full_disk_direct(path, flags, *args, **kwargs):  # output.transaction.FEWER_CALLS's road
        if flags & os.O_EXCL and Path(path).name == full.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return os_open(path, flags, *args, **kwargs)

    os_open = os.open
    monkeypatch.setattr(transaction, "open", full_disk, raising=False)  # the workers fork with it
    monkeypatch.setattr(os, "open", full_disk_direct)
    with pytest.raises(OutputError) as err:
        build_path(plan_dir, lint=True)
    assert [(p.location.file, p.message) for p in err.value.problems] == [
        (full, "không ghi được tệp: hết dung lượng đĩa")]
    assert state(tmp_path) == before  # no staging folder left, no file a worker wrote after the failure


def test_the_staging_folder_is_not_made_again_once_its_transaction_ended(tmp_path):
    staging = tmp_path / ".out.tx-1.new"
    with pytest.raises(OutputError) as err:
        transaction.stage(staging, tmp_path / "out", "quyet-dinh/a.docx", b"x")
    assert err.value.problems[0].location.file == tmp_path / "out" / "quyet-dinh" / "a.docx"
    assert not staging.exists()
    staging.mkdir()
    digest = transaction.stage(staging, tmp_path / "out", "quyet-dinh/a.docx", b"x")
    assert (staging / "quyet-dinh" / "a.docx").read_bytes() == b"x"
    assert digest == transaction._digest(b"x")


@pytest.mark.parametrize(("jobs", "count"), [(1020, 2), (60, 2), (1000, 8), (49, 4)])
def test_the_chunks_hold_every_job_once_in_order_and_shrink_to_the_end(monkeypatch, jobs, count):
    order = list(range(jobs))[::-1]
    chunks = batch._chunks(order, count)
    assert [i for chunk in chunks for i in chunk] == order
    sizes = [len(c) for c in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) <= 64 and sizes[-count * 4:] == [1] * min(jobs, count * 4)
    monkeypatch.setattr(batch, "SHRINKING_CHUNKS", False)
    plain = batch._chunks(order, count)
    assert [i for chunk in plain for i in chunk] == order
    assert len({len(c) for c in plain[:-1]}) <= 1
