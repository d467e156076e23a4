"""A build is a transaction, and the register is one book per agency and year: proved under faults."""

import errno
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from conftest import ROOT, run
from test_bad_input import edit, edit_template

from docgen.records.register import Register

PLAN = "ninh-binh-2021"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (docgen's bookkeeping aside) with the SHA-256 of its bytes."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()
            and p.name not in (".docgen-manifest.json", ".docgen-cache.json")}


def register_rows(root: Path) -> list[tuple]:
    return [(e.symbol, e.year, e.key, e.void) for e in Register(root / "so-van-ban.sqlite").entries()]


def state(root: Path) -> tuple:
    """build/ (all of it, hidden files too) and the register, byte for byte."""
    build = root / "build"
    files = {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*")) if p.is_file()} \
        if build.exists() else {}
    dirs = sorted(p.relative_to(build).as_posix() for p in build.rglob("*") if p.is_dir()) if build.exists() else []
    register = root / "so-van-ban.sqlite"
    return files, dirs, register.read_bytes() if register.exists() else None


def header_number(path: Path) -> str:
    cells = [c.text for c in docx.Document(str(path)).tables[0]._cells]
    return next(t for t in cells if t.startswith("Số:"))


def many_decisions(n: int, people: int = 2) -> str:
    """awards.yaml text with `n` decisions (one group each, `people` rows)."""
    lines = ["date: 2021-12-20", "proposed_by: Chánh Văn phòng Sở",
             "achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2021",
             "fund: Quỹ Thi đua, khen thưởng của Sở", "executors: Chánh Văn phòng Sở", "archive: VP", "groups:"]
    lines += [f"  - {{id: g{g:03d}, document: decision}}" for g in range(n)]
    lines.append("awards:")
    for g in range(n):
        for i in range(people):
            lines.append(f"  - {{name: 'Nguyễn Văn Người {g}-{i}', honorific: Ông, kind: individual, form: giay_khen,"
                         f" position: Chuyên viên, office: Văn phòng Sở, group: g{g:03d}}}")
    return "\n".join(lines) + "\n"


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (from /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.append(int(entry.name))
    return out


def alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def build_cmd(plan_dir: Path) -> list[str]:
    return [sys.executable, "-m", "docgen", "build", str(plan_dir)]


def issue(plan_dir: Path, date: str = "2021-12-20") -> None:
    """The văn thư issues every draft of the plan (docgen issue) on `date`."""
    result = run("issue", plan_dir, "--date", date)
    assert result.exit_code == 0, result.output


# --- kill at random moments ---------------------------------------------------------------------


def test_a_killed_build_leaves_the_old_or_the_new_set_and_the_next_build_succeeds(workspace, tmp_path):
    plan_dir = workspace / "plans" / PLAN
    awards = plan_dir / "awards.yaml"
    awards.write_text(many_decisions(40), encoding="utf-8")  # 58 documents: rendered by worker processes
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)  # the killed builds then void the number of the decision that leaves
    saved = tmp_path / "saved"
    shutil.copytree(workspace, saved, symlinks=True)
    old = snapshot(workspace / "build" / PLAN)
    old_register = register_rows(workspace)
    # The new records: one decision fewer, with its people (the text of the issued others may not
    # change: such a build is refused); its set, built in a copy.
    text = "".join(line for line in many_decisions(40).splitlines(keepends=True) if "g007" not in line)
    awards.write_text(text, encoding="utf-8")
    probe = tmp_path / "probe"
    shutil.copytree(workspace, probe, symlinks=True)
    start = time.monotonic()
    subprocess.run(build_cmd(probe / "plans" / PLAN), check=True, capture_output=True, timeout=300)
    duration = time.monotonic() - start
    new = snapshot(probe / "build" / PLAN)
    new_register = register_rows(probe)
    assert old != new and len(old) == len(new) + 1

    rng = random.Random(14)
    kills = 8
    outcomes = []
    for k in range(kills):
        # Spread over the whole run, start-up to the end, each at a random point of its slice.
        delay = duration * (k + rng.random()) / kills * 1.05
        proc = subprocess.Popen(build_cmd(plan_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        workers = children(proc.pid)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = snapshot(workspace / "build" / PLAN)
        assert now in (old, new), f"kill {k} after {delay:.2f} s left a mix"
        outcomes.append("new" if now == new else "old")
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "render workers outlived the killed build"
        # The next build repairs whatever the kill left and gives exactly the new set.
        result = run("build", plan_dir)
        assert result.exit_code == 0, result.output
        assert snapshot(workspace / "build" / PLAN) == new
        assert register_rows(workspace) == new_register
        assert not [p.name for p in (workspace / "build").iterdir() if p.name.startswith(".")]
        bookkeeping = (".docgen-manifest.json", ".docgen-cache.json")
        assert not [p for p in (workspace / "build" / PLAN).rglob(".*") if p.name not in bookkeeping]
        # Back to the old state for the next kill.
        shutil.rmtree(workspace / "build")
        shutil.copytree(saved / "build", workspace / "build", symlinks=True)
        shutil.copy2(saved / "so-van-ban.sqlite", workspace / "so-van-ban.sqlite")
        assert register_rows(workspace) == old_register
    assert "old" in outcomes, outcomes  # at least some kills landed before the swap


KILL_SCRIPT = """
import os, sys
import docgen.output.transaction as t
import docgen.records.register as r
where = sys.argv[1]
if where == "before-register":
    r.Numbering.commit = lambda self, txid: os.kill(os.getpid(), 9)
elif where == "mid-exchange":
    real = os.rename
    def rename(a, b):
        if str(a).endswith(".new") and str(b).endswith(".old"):
            os.kill(os.getpid(), 9)
        return real(a, b)
    t.os.rename = rename
elif where == "between-renames":
    t._exchange = lambda a, b: False
    real = os.rename
    def rename(a, b):
        real(a, b)
        if str(b).endswith(".old"):
            os.kill(os.getpid(), 9)
    t.os.rename = rename
sys.argv = ["docgen", *sys.argv[2:]]
from docgen.cli import main
main()
"""


@pytest.mark.parametrize("where", ["before-register", "mid-exchange", "between-renames"])
def test_a_kill_inside_the_swap_is_repaired_by_the_next_run(workspace, tmp_path, where):
    """Kills of an issue at the exact steps of its swap: the next transaction restores the old set
    (the drafts) and the register (none)."""
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    old = snapshot(workspace / "build" / PLAN)
    copy = tmp_path / "copy"
    shutil.copytree(workspace, copy)
    issue(copy / "plans" / PLAN, "2021-12-21")
    new = snapshot(copy / "build" / PLAN)
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, where, "issue", str(plan_dir), "--date",
                           "2021-12-21"], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    # Old or new; between the two renames of a file system that cannot exchange, not there at all.
    assert snapshot(workspace / "build" / PLAN) == ({} if where == "between-renames" else new)
    from docgen.output.transaction import Transaction

    register = Register(workspace / "so-van-ban.sqlite")
    with Transaction(workspace / "build" / PLAN, committed=register.committed):
        pass  # entering repairs; leaving drops its own (empty) staging folder
    assert state(workspace) == before
    assert snapshot(workspace / "build" / PLAN) == old


def test_a_build_of_another_plan_first_repairs_a_killed_one(workspace):
    plan_dir = workspace / "plans" / PLAN
    other = plan_dir.parent / "khoi-2"
    shutil.copytree(plan_dir, other)
    assert run("build", plan_dir).exit_code == 0
    before = snapshot(workspace / "build" / PLAN)
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, "before-register", "issue", str(plan_dir),
                           "--date", "2022-01-10"], capture_output=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()
    cells = [c.text for c in docx.Document(str(workspace / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx"))
             .tables[0]._cells]
    assert "Ninh Bình, ngày 10 tháng 01 năm 2022" in cells  # the issued set is in place, its numbers uncommitted
    assert run("build", other).exit_code == 0
    assert snapshot(workspace / "build" / PLAN) == before  # put back before the other plan took numbers
    assert [s for s, y, *_ in register_rows(workspace) if y == 2022] == []


# --- failures of the last write -------------------------------------------------------------------


def test_a_directory_in_the_way_of_the_last_file_changes_nothing(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    edit(plan_dir / "awards.yaml", "date: 2021-12-20", "date: 2021-12-21")
    blocker = workspace / "build" / PLAN / "quyet-dinh" / "tat-ca.docx"  # the bundle is written last
    blocker.unlink()
    blocker.mkdir()
    before = state(workspace)
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (f"{blocker}: đường dẫn là một thư mục, nằm đúng chỗ của văn bản cần ghi; hãy chuyển"
                             " nó đi rồi dựng lại\n")
    assert state(workspace) == before


@pytest.mark.parametrize("direct", [True, False])  # output.transaction.FEWER_CALLS: os.open, or open
def test_disk_full_on_the_last_write_changes_nothing(workspace, monkeypatch, direct):
    import builtins

    import docgen.output.transaction as transaction

    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    # A new decision: a new number would be taken if the build went through.
    awards = plan_dir / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8") + (
        "  - {name: Phòng Người có công, kind: collective, form: tap_the_lao_dong_tien_tien}\n"), encoding="utf-8")
    before = state(workspace)

    def full_disk(path, mode="r", *args, **kwargs):
        if "x" in mode and Path(path).name == "tat-ca.docx":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return builtins.open(path, mode, *args, **kwargs)

    def full_disk_direct(path, flags, *args, **kwargs):
        if flags & os.O_EXCL and Path(path).name == "tat-ca.docx":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return os_open(path, flags, *args, **kwargs)

    os_open = os.open
    monkeypatch.setattr(transaction, "FEWER_CALLS", direct)
    if direct:
        monkeypatch.setattr(os, "open", full_disk_direct)
    else:
        monkeypatch.setattr(transaction, "open", full_disk, raising=False)
    result = run("build", plan_dir)
    assert result.exit_code == 1
    target = workspace / "build" / PLAN / "quyet-dinh" / "tat-ca.docx"
    assert result.stderr == f"{target}: không ghi được tệp: hết dung lượng đĩa\n"
    assert state(workspace) == before
    assert not [p for p in (workspace / "build").iterdir() if p.name.startswith(".")], "no staging left"


def test_a_register_that_cannot_be_written_puts_the_old_set_back(workspace, monkeypatch):
    from docgen.errors import Location, RecordError
    from docgen.records.register import Numbering

    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)

    def locked(self, txid):
        raise RecordError.at(Location(self.path), "không ghi được sổ văn bản: database is locked")

    monkeypatch.setattr(Numbering, "commit", locked)
    result = run("issue", plan_dir, "--date", "2022-01-10")
    assert result.exit_code == 1
    assert result.stderr == f"{workspace / 'so-van-ban.sqlite'}: không ghi được sổ văn bản: database is locked\n"
    assert state(workspace) == before


def test_broken_template_on_a_fresh_register_takes_no_number(workspace):
    plan_dir = workspace / "plans" / PLAN
    edit_template(workspace / "templates" / "quyet-dinh.docx", "{{ d.proposed_by }}", "{{ d.proposed_by }")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert "quyet-dinh.docx" in result.stderr
    assert not (workspace / "so-van-ban.sqlite").exists()
    assert not (workspace / "build").exists()


def test_a_trial_build_takes_no_number(workspace, tmp_path):
    plan_dir = workspace / "plans" / PLAN
    result = run("build", plan_dir, "--out", tmp_path / "thu")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == ("Bản dựng thử: không lấy số trong sổ văn bản; văn bản lấy số để"
                                              " trống số.")
    assert not (workspace / "so-van-ban.sqlite").exists()
    assert sorted(p.name for p in (tmp_path / "thu" / "quyet-dinh").iterdir()) == [
        "du-thao-chien-si-thi-dua-co-so.docx", "du-thao-giay-khen.docx", "du-thao-lao-dong-tien-tien.docx",
        "tat-ca.docx"]
    assert header_number(tmp_path / "thu" / "quyet-dinh" / "du-thao-giay-khen.docx") == "Số:      /QĐ-LĐTBXH"
    result = run("build", plan_dir, "--draft")
    assert result.exit_code == 0, result.output
    assert (workspace / "build" / f"{PLAN}-du-thao" / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx").is_file()
    assert not (workspace / "so-van-ban.sqlite").exists()


# --- the register ----------------------------------------------------------------------------------


def test_reissuing_in_a_new_year_gives_the_next_number_of_that_year_and_voids_the_old(workspace):
    """Issue 14's re-dating, in the issue lifecycle: issued documents are withdrawn (their numbers
    voided with the reason) and issued again in 2022: the next numbers of 2022's book; a decision
    added later gets the next one, never a second 01."""
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    out = workspace / "build" / PLAN
    issued = [out / "quyet-dinh" / n for n in ("01-giay-khen.docx", "02-lao-dong-tien-tien.docx",
                                                "03-chien-si-thi-dua-co-so.docx")]
    issued.append(out / "to-trinh" / "04-de-nghi-khen-thuong.docx")
    reason = "văn bản đổi ngày sang 10/01/2022"
    result = run("withdraw", *issued, "--reason", reason)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Thu hồi số 01/QĐ-LĐTBXH năm 2021: {reason}", f"Thu hồi số 02/QĐ-LĐTBXH năm 2021: {reason}",
        f"Thu hồi số 03/QĐ-LĐTBXH năm 2021: {reason}", f"Thu hồi số 04/TTr-LĐTBXH năm 2021: {reason}",
        "Xong: thu hồi 4 văn bản."]
    assert not any(p.exists() for p in issued)  # drafts again
    assert header_number(out / "quyet-dinh" / "du-thao-giay-khen.docx") == "Số:      /QĐ-LĐTBXH"
    issue(plan_dir, "2022-01-10")
    assert header_number(out / "quyet-dinh" / "01-giay-khen.docx") == "Số: 01/QĐ-LĐTBXH"
    # Then one more decision: a draft at build, the next number of 2022 at issue.
    awards = plan_dir / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8") + (
        "  - {name: Phòng Người có công, kind: collective, form: tap_the_lao_dong_tien_tien}\n"), encoding="utf-8")
    assert run("build", plan_dir).exit_code == 0
    assert (out / "quyet-dinh" / "du-thao-tap-the-lao-dong-tien-tien.docx").is_file()
    assert len(register_rows(workspace)) == 8
    issue(plan_dir, "2022-01-11")
    rows = register_rows(workspace)
    assert [(s, y, v is not None) for s, y, _, v in rows] == [
        ("01/QĐ-LĐTBXH", 2021, True), ("02/QĐ-LĐTBXH", 2021, True), ("03/QĐ-LĐTBXH", 2021, True),
        ("04/TTr-LĐTBXH", 2021, True), ("01/QĐ-LĐTBXH", 2022, False), ("02/QĐ-LĐTBXH", 2022, False),
        ("03/QĐ-LĐTBXH", 2022, False), ("04/TTr-LĐTBXH", 2022, False), ("05/QĐ-LĐTBXH", 2022, False)]
    assert header_number(out / "quyet-dinh" / "05-tap-the-lao-dong-tien-tien.docx") == "Số: 05/QĐ-LĐTBXH"
    shown = run("register", workspace).output.splitlines()
    assert shown[0] == "Sổ văn bản đi năm 2021 - Sở Lao động - Thương binh và Xã hội"
    assert shown[1] == f"01/QĐ-LĐTBXH\t2021-12-20\tVề việc tặng Giấy khen của Giám đốc Sở\tHỦY SỐ: {reason}"
    assert shown[5] == "Sổ văn bản đi năm 2022 - Sở Lao động - Thương binh và Xã hội"
    assert run("register", workspace, "--year", "2022").output.splitlines()[0] == shown[5]


def test_a_removed_award_group_leaves_build_with_its_pdf(office, workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    out = workspace / "build" / PLAN
    decision = out / "quyet-dinh" / "03-chien-si-thi-dua-co-so.docx"
    assert run("pdf", decision, out / "quyet-dinh" / "01-giay-khen.docx").exit_code == 0
    (out / "ghi-chu.txt").write_text("của văn thư", encoding="utf-8")  # not docgen's: it stays
    awards = plan_dir / "awards.yaml"
    lines = awards.read_text(encoding="utf-8").splitlines(keepends=True)
    awards.write_text("".join(line for line in lines if "chien_si_thi_dua_co_so" not in line), encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert not decision.exists() and not decision.with_suffix(".pdf").exists()
    assert (out / "quyet-dinh" / "01-giay-khen.pdf").is_file()  # its document did not change
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "của văn thư"
    assert f"Đã xóa {decision}: không còn trong hồ sơ" in result.output.splitlines()
    assert f"Đã xóa {decision.with_suffix('.pdf')}: không còn trong hồ sơ" in result.output.splitlines()
    rows = register_rows(workspace)
    assert rows[2] == ("03/QĐ-LĐTBXH", 2021, f"{PLAN}/quyet-dinh/chien_si_thi_dua_co_so",
                       "văn bản không còn trong hồ sơ khen thưởng (awards.yaml) khi dựng lại")
    # Its number is never given again.
    awards.write_text("".join(lines), encoding="utf-8")
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    assert (out / "quyet-dinh" / "05-chien-si-thi-dua-co-so.docx").is_file()


def test_a_changed_document_loses_its_stale_pdf(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    out = workspace / "build" / PLAN
    (out / "ke-hoach.pdf").write_bytes(b"%PDF-1.4 as docgen pdf wrote it\n")
    (out / "bao-cao-tong-hop.pdf").write_bytes(b"%PDF-1.4\n")
    edit(plan_dir / "plan.yaml", "Phát", "Phat")
    assert run("build", plan_dir).exit_code == 0
    assert not (out / "ke-hoach.pdf").exists()  # its document changed: the PDF would be wrong
    assert (out / "bao-cao-tong-hop.pdf").exists()


def test_leftovers_of_a_killed_build_are_cleaned(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    out = workspace / "build" / PLAN
    temp = out / "quyet-dinh" / ".01-giay-khen.docx.k2j4_x9q.tmp"
    temp.write_bytes(b"")
    staging = workspace / "build" / f".{PLAN}.tx-0123456789abcdef.new"
    (staging / "quyet-dinh").mkdir(parents=True)
    (staging / ".docgen-staging").write_text("0123456789abcdef")
    (staging / "quyet-dinh" / "01-giay-khen.docx").write_bytes(b"half")
    assert run("build", plan_dir).exit_code == 0
    assert not temp.exists() and not staging.exists()


def test_two_plans_of_one_agency_share_one_book(workspace):
    plan_dir = workspace / "plans" / PLAN
    other = plan_dir.parent / "ninh-binh-2021-khoi-2"
    shutil.copytree(plan_dir, other)
    for folder in (plan_dir, other):
        assert run("build", folder).exit_code == 0
        issue(folder)
    assert sorted(p.name for p in (workspace / "build" / other.name / "quyet-dinh").iterdir()) == [
        "05-giay-khen.docx", "06-lao-dong-tien-tien.docx", "07-chien-si-thi-dua-co-so.docx", "tat-ca.docx"]
    assert header_number(workspace / "build" / other.name / "to-trinh" / "08-de-nghi-khen-thuong.docx") == \
        "Số: 08/TTr-LĐTBXH"
    assert run("build", plan_dir).exit_code == 0  # a rebuild keeps its numbers
    assert header_number(workspace / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx") == "Số: 01/QĐ-LĐTBXH"
    assert [s for s, *_ in register_rows(workspace)] == [
        "01/QĐ-LĐTBXH", "02/QĐ-LĐTBXH", "03/QĐ-LĐTBXH", "04/TTr-LĐTBXH",
        "05/QĐ-LĐTBXH", "06/QĐ-LĐTBXH", "07/QĐ-LĐTBXH", "08/TTr-LĐTBXH"]


def _old_register(path: Path, numbers: list[tuple[int, str, str]]) -> None:
    """A per-plan register as docgen 0.1 wrote it."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE numbers (issuer TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL,"
                 " doc_type TEXT NOT NULL, key TEXT NOT NULL UNIQUE, date TEXT NOT NULL, subject TEXT NOT NULL,"
                 " PRIMARY KEY (issuer, year, number))")
    for number, doc_type, key in numbers:
        conn.execute("INSERT INTO numbers VALUES ('LĐTBXH', 2021, ?, ?, ?, '2021-12-20', 'x')",
                     (number, doc_type, key))
    conn.commit()
    conn.close()


def test_the_old_per_plan_register_is_taken_over_or_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    _old_register(plan_dir / "so-van-ban.sqlite", [
        (7, "QĐ", f"{PLAN}/quyet-dinh/giay_khen"), (8, "QĐ", f"{PLAN}/quyet-dinh/lao_dong_tien_tien"),
        (9, "QĐ", f"{PLAN}/quyet-dinh/chien_si_thi_dua_co_so"), (10, "TTr", f"{PLAN}/to-trinh/de-nghi")])
    assert run("register", workspace).stderr == (
        f"{plan_dir / 'so-van-ban.sqlite'}: sổ riêng của kế hoạch (bản cũ); lần dựng tới của kế hoạch này sẽ"
        " chuyển các số vào sổ chung\n")
    assert run("build", plan_dir).exit_code == 0
    assert (workspace / "build" / PLAN / "quyet-dinh" / "07-giay-khen.docx").is_file()  # numbers kept
    assert not (plan_dir / "so-van-ban.sqlite").exists()
    assert (plan_dir / "so-van-ban.sqlite.da-chuyen").is_file()  # kept, renamed
    assert [s for s, *_ in register_rows(workspace)] == ["07/QĐ-LĐTBXH", "08/QĐ-LĐTBXH", "09/QĐ-LĐTBXH",
                                                         "10/TTr-LĐTBXH"]
    # A second plan whose old register issued the same numbers: refused, nothing changes.
    other = plan_dir.parent / "khoi-2"
    shutil.copytree(plan_dir, other, ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    _old_register(other / "so-van-ban.sqlite", [(7, "QĐ", "khoi-2/quyet-dinh/giay_khen")])
    before = state(workspace)
    result = run("build", other)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{other / 'so-van-ban.sqlite'}: sổ văn bản cũ của kế hoạch này có số 07/QĐ-LĐTBXH năm 2021, nhưng sổ"
        " chung của cơ quan (tệp so-van-ban.sqlite ở thư mục gốc) đã có 07/QĐ-LĐTBXH cho văn bản khác: hai kế"
        " hoạch đã cấp trùng số. Hãy đối chiếu với văn thư; nếu văn bản của kế hoạch này chưa ban hành, đổi"
        " tên tệp này thành so-van-ban.sqlite.da-chuyen để dựng lại và lấy số mới\n")
    assert state(workspace) == before


# --- init ----------------------------------------------------------------------------------------------


def test_init_force_on_a_built_workspace_keeps_the_register_and_edited_files(tmp_path):
    root = tmp_path / "ws"
    assert run("init", root).exit_code == 0
    plan_dir = root / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    edited = root / "templates" / "ke-hoach.docx"
    edit_template(edited, "{{ plan.subject | keep_title }}", "{{ plan.subject }} (đã sửa)")
    edited_bytes = edited.read_bytes()
    register = (root / "so-van-ban.sqlite").read_bytes()
    build = snapshot(root / "build")
    (root / "templates" / "to-trinh.docx").unlink()  # missing: added back
    untouched = root / "law" / "award_forms.yaml"  # an untouched stock file of an older release
    untouched.write_text("# bản cũ\n", encoding="utf-8")
    import json

    record = json.loads((root / ".docgen-stock.json").read_text())
    record["law/award_forms.yaml"] = hashlib.sha256("# bản cũ\n".encode()).hexdigest()
    (root / ".docgen-stock.json").write_text(json.dumps(record))
    result = run("init", root, "--force")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == f"Đã bổ sung bộ hồ sơ {root}:"
    assert f"  thêm {root / 'templates' / 'to-trinh.docx'}" in lines
    assert f"  làm mới {untouched}" in lines
    assert f"  giữ nguyên {edited}: đã sửa, khác bản mẫu" in lines
    assert edited.read_bytes() == edited_bytes
    assert (root / "so-van-ban.sqlite").read_bytes() == register
    assert snapshot(root / "build") == build
    from docgen.records.law import LAW_DIR

    assert untouched.read_bytes() == (LAW_DIR / "award_forms.yaml").read_bytes()


# --- the wheel ------------------------------------------------------------------------------------------


def test_the_wheel_holds_no_build_artefacts(tmp_path):
    """Built from a checkout in which a developer has built, collected and kept a register."""
    import zipfile

    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "__pycache__",
                                                             ".pytest_cache", "*.egg-info"))
    (src / "plans" / PLAN / "so-van-ban.sqlite").write_bytes(b"SQLite format 3\0")
    (src / "plans" / PLAN / "so-van-ban.sqlite.da-chuyen").write_bytes(b"SQLite format 3\0")
    (src / "so-van-ban.sqlite").write_bytes(b"SQLite format 3\0")
    (src / "build" / PLAN).mkdir(parents=True)
    (src / "build" / PLAN / "ke-hoach.docx").write_bytes(b"PK")
    (src / "plans" / PLAN / "xem-truoc").mkdir()
    (src / "plans" / PLAN / "xem-truoc" / "ke-hoach-1.png").write_bytes(b"\x89PNG")
    (src / "templates" / ".~lock.ke-hoach.docx#").write_text("x")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w",
                           str(tmp_path / "dist"), str(src)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = (tmp_path / "dist").glob("docgen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "docgen/_data/templates/ke-hoach.docx" in names
    assert "docgen/_data/plans/ninh-binh-2021/plan.yaml" in names
    artefacts = [n for n in names if "so-van-ban" in n or ".sqlite" in n or "/build/" in n or n.endswith(".png")
                 or "/." in n or "xem-truoc" in n]
    assert artefacts == []


WORKER_SCRIPT = """
import os, sys, time
from concurrent.futures import ProcessPoolExecutor
from docgen.render import batch
pool = ProcessPoolExecutor(2, initializer=batch._init, initargs=([],))
futures = [pool.submit(time.sleep, 60) for _ in range(2)]
time.sleep(1.5)
print(" ".join(str(p) for p in pool._processes), flush=True)
os.kill(os.getpid(), 9)
"""


def test_render_workers_exit_when_their_build_is_killed():
    proc = subprocess.run([sys.executable, "-c", WORKER_SCRIPT], capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    workers = [int(p) for p in proc.stdout.split()]
    assert len(workers) == 2
    deadline = time.monotonic() + 5
    while any(alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if alive(w)]


def test_a_folder_built_before_manifests_loses_its_stale_decisions_only(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    out = workspace / "build" / PLAN
    (out / ".docgen-manifest.json").unlink()  # as an older docgen left it
    stale = out / "quyet-dinh" / "09-giay-khen.docx"
    shutil.copy2(out / "quyet-dinh" / "01-giay-khen.docx", stale)
    stale.with_suffix(".pdf").write_bytes(b"%PDF-1.4\n")
    mine = out / "quyet-dinh" / "cong-van-cua-van-thu.docx"
    document = docx.Document()
    document.add_paragraph("Công văn do văn thư soạn")
    document.save(str(mine))
    filled = out / "bieu-mau" / "kim_son-da-dien.docx"  # a filled form carries docgen's properties
    shutil.copy2(out / "bieu-mau" / "kim_son.docx", filled)
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert not stale.exists() and not stale.with_suffix(".pdf").exists()
    assert f"Đã xóa {stale}: không còn trong hồ sơ" in result.output.splitlines()
    assert docx.Document(str(mine)).paragraphs[0].text == "Công văn do văn thư soạn"
    assert filled.read_bytes() == (out / "bieu-mau" / "kim_son.docx").read_bytes()


def test_correcting_the_agency_name_keeps_every_number(workspace, tmp_path):
    """The agency's name is part of its book (issue 14: two People's Committees both sign UBND).
    Writing it another way (case, spacing, tone placement) keeps the book: the next issue continues
    it. A real change of the name starts the new name's book. Issued documents print the name, so a
    build with it changed is refused until they are withdrawn (their numbers void, never reused)."""
    import openpyxl

    plan_dir = workspace / "plans" / PLAN
    out = workspace / "build" / PLAN
    assert run("build", plan_dir).exit_code == 0
    issue(plan_dir)
    awards = plan_dir / "awards.yaml"
    original = awards.read_text(encoding="utf-8")
    edit(plan_dir / "organisation.yaml", "name: Sở Lao động - Thương binh và Xã hội",
         "name: SỞ LAO ĐỘNG  -  THƯƠNG BINH VÀ XÃ HỘI")
    awards.write_text(original + "  - {name: Phòng Người có công, kind: collective,"
                      " form: tap_the_lao_dong_tien_tien}\n", encoding="utf-8")
    rows = register_rows(workspace)
    result = run("build", plan_dir)
    assert result.exit_code == 1 and "văn bản đã ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021" in result.stderr
    assert register_rows(workspace) == rows

    def withdraw_all(reason: str) -> None:
        issued = sorted(out.rglob("[0-9][0-9]-*.docx"))
        result = run("withdraw", *issued, "--reason", reason)
        assert result.exit_code == 0, result.output

    withdraw_all("sửa cách viết tên cơ quan")
    result = run("issue", plan_dir, "--date", "2021-12-22")
    assert result.output.splitlines()[0].startswith("Ban hành số 05/QĐ-LĐTBXH ngày 22/12/2021")
    assert [(s, v) for s, _, _, v in register_rows(workspace)] == [
        *((f"0{n}/QĐ-LĐTBXH", "sửa cách viết tên cơ quan") for n in (1, 2, 3)),
        ("04/TTr-LĐTBXH", "sửa cách viết tên cơ quan"), *((f"0{n}/QĐ-LĐTBXH", None) for n in (5, 6, 7, 8)),
        ("09/TTr-LĐTBXH", None)]
    assert len([line for line in run("register", plan_dir).output.splitlines() if line.startswith("Sổ")]) == 1
    edit(plan_dir / "organisation.yaml", "name: SỞ LAO ĐỘNG  -  THƯƠNG BINH VÀ XÃ HỘI",
         "name: Sở Lao động – Thương binh và Xã hội tỉnh Ninh Bình")
    # The header's lines follow the new name: lines without its "tỉnh Ninh Bình" are refused.
    edit(plan_dir / "organisation.yaml", "  - và Xã hội\n", "  - và Xã hội tỉnh Ninh Bình\n")
    assert run("build", plan_dir).exit_code == 1
    # Withdrawn and issued again under the new name: 01 of the new agency's book.
    withdraw_all("ban hành lại dưới tên mới của cơ quan")
    result = run("issue", plan_dir, "--date", "2021-12-23")
    assert result.output.splitlines()[0].startswith("Ban hành số 01/QĐ-LĐTBXH ngày 23/12/2021")
    assert [line for line in run("register", plan_dir).output.splitlines() if line.startswith("Sổ")] == [
        "Sổ văn bản đi năm 2021 - SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Sổ văn bản đi năm 2021 - Sở Lao động – Thương binh và Xã hội tỉnh Ninh Bình"]
    empty = tmp_path / "empty"
    (empty / "plans").mkdir(parents=True)
    result = run("register", empty, "--xlsx", tmp_path / "so.xlsx")
    assert result.output.splitlines()[0] == f"Sổ văn bản chưa có số nào: {empty / 'so-van-ban.sqlite'}"
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "so.xlsx").active.iter_rows()]
    assert rows[0][0] == "SỔ ĐĂNG KÝ VĂN BẢN ĐI" and rows[1][0] == "Số, ký hiệu văn bản"
