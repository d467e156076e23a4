"""The number register (sổ đăng ký văn bản đi): one book per issuing agency and calendar year.

One SQLite file at the root of the workspace (`so-van-ban.sqlite`) holds every book: all plans
and documents of an agency share its numbers, which run from 01 on 1 January (Nghị định 30/2020,
Điều 15) and are kept in the spirit of the sổ đăng ký văn bản đi of Phụ lục IV: number, ký hiệu,
date, trích yếu, signer, recipients, file.

An agency's book is named by its ký hiệu (the "LĐTBXH" of "01/QĐ-LĐTBXH"), which the number
itself carries, together with its full name: every People's Committee signs "UBND", so the ký
hiệu alone does not name an agency, and two agencies never share a book. The name is compared by
`agency_key` (docgen.vn.match_key: case, Unicode normal form, spacing and old/new tone placement
ignored), so writing it another way keeps every number; a real change of the name or of the ký
hiệu (a renamed or reorganised agency) starts a new book, the old numbers voided with the reason.

A number is a legal fact, so an entry is never deleted or renumbered:
- a document keeps its number on every rebuild (found by its key);
- a withdrawn document's entry is marked void with the reason; issued again, it gets the next
  number of the book of its new issue date, and the old number is never given again;
- a document that left the records is marked void with the reason.

A document is a draft (dự thảo: blank number and day) until it is issued (`docgen issue`,
`Numbering.issue`): numbers and issue dates are given then, after signing (Nghị định 30/2020,
Điều 15.2), in the order asked; a build only renders what the register holds (`Numbering.lookup`)
and never numbers anything. Withdrawing (`docgen withdraw`, `Numbering.withdraw`) voids the
number with the reason. Numbers are *reserved* while an issue runs (nothing written) and committed
in one SQLite transaction only when its files are in place (`Numbering.commit`). A
`Numbering` holds an exclusive lock on the workspace for its lifetime, so two builds of one
workspace never reserve the same number; the lock dies with the process.

The register of older versions lived in each plan folder (`plans/<id>/so-van-ban.sqlite`); it is
taken over by the next build of that plan (`adopt_old`) when its numbers do not clash with the
workspace's book, and kept beside as `so-van-ban.sqlite.da-chuyen`; a clash is refused.

A register written before books were named by the agency too (no `agency_key` column) is read as
is, each entry's key computed from its stored agency name, and converted in the transaction of
the next build's commit: every number it holds is kept.
"""

import contextlib
import json
import os
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path

from docgen.errors import Location, RecordError
from docgen.vn import match_key

REGISTER_FILE = "so-van-ban.sqlite"
LOCK_WAIT = 15  # seconds another build may hold the register before this one gives up, saying so
OLD_SUFFIX = ".da-chuyen"  # an adopted per-plan register is renamed, never deleted

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    agency TEXT NOT NULL,          -- the issuing agency's name, as the records last gave it
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    abbr TEXT NOT NULL,            -- the agency's ký hiệu (LĐTBXH)
    doc_type TEXT NOT NULL,        -- QĐ, TTr, KH...
    key TEXT NOT NULL,             -- stable name of the document across builds
    owner TEXT NOT NULL,           -- the plan (or document record) the document comes from
    date TEXT NOT NULL,
    subject TEXT NOT NULL,
    signer TEXT NOT NULL DEFAULT '',
    recipients TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL DEFAULT '',
    void TEXT,                     -- NULL while the number stands; else why it was voided
    agency_key TEXT NOT NULL,      -- agency_key(agency): one book per ký hiệu, agency and year
    unit TEXT NOT NULL DEFAULT '', -- a công văn's drafting unit (VP of 125/SGTVT-VP); '' for none
    PRIMARY KEY (agency_key, abbr, year, number)
);
CREATE UNIQUE INDEX IF NOT EXISTS live_key ON entries (key) WHERE void IS NULL;
CREATE TABLE IF NOT EXISTS transactions (id TEXT PRIMARY KEY);
"""


def agency_key(name: str) -> str:
    """What names an agency's book besides its ký hiệu: the same string for every spelling a clerk
    sees as the same name (docgen.vn.match_key: case, NFC/NFD, spacing, hòa/hoà). For comparing
    and storing, never printing."""
    return json.dumps(match_key(name), separators=(",", ":"))


@dataclass(frozen=True)
class Request:
    """A document that needs a number: `year` is the year of its date (numbers restart on 1 January)."""

    key: str
    agency: str
    abbr: str
    year: int
    doc_type: str
    date: str  # ISO
    subject: str
    owner: str = ""
    signer: str = ""
    recipients: str = ""
    file: str = ""
    unit: str = ""  # a công văn's drafting unit, after the agency's ký hiệu: "125/SGTVT-VP"


@dataclass(frozen=True)
class Entry:
    """One line of a book; `void` is the reason the number was voided, or None."""

    agency: str
    year: int
    number: int
    abbr: str
    doc_type: str
    key: str
    owner: str
    date: str
    subject: str
    signer: str = ""
    recipients: str = ""
    file: str = ""
    void: str | None = None
    agency_key: str = ""  # agency_key(agency), the book's agency
    # A công văn's drafting unit: its ký hiệu is the agency's then the unit's ("125/SGTVT-VP",
    # Nghị định 30, Phụ lục I §II.3.b). Not part of the book: every document of an agency shares
    # its numbers whichever unit drafted it (Điều 15.1).
    unit: str = ""

    @property
    def book(self) -> tuple[str, str, int]:
        """The book the entry is in: (ký hiệu, agency key, year)."""
        return (self.abbr, self.agency_key, self.year)

    @property
    def symbol(self) -> str:
        """Số, ký hiệu: "01/QĐ-LĐTBXH"; a công văn's (doc_type CV, which has no type abbreviation):
        "125/SGTVT-VP", or "125/SGTVT" without a drafting unit."""
        if self.doc_type == "CV":
            return f"{self.number:02d}/{self.abbr}" + (f"-{self.unit}" if self.unit else "")
        return f"{self.number:02d}/{self.doc_type}-{self.abbr}"


OLD_COLUMNS = "agency, year, number, abbr, doc_type, key, owner, date, subject, signer, recipients, file, void"
COLUMNS = f"{OLD_COLUMNS}, agency_key, unit"
KEYED_COLUMNS = f"{OLD_COLUMNS}, agency_key"  # a register written before the drafting unit


def _error(path: Path, action: str, err: Exception) -> RecordError:
    if "locked" in str(err) or "busy" in str(err):
        # SQLite's "database is locked", said: another build holds the register.
        return RecordError.at(Location(path), f"sổ văn bản đang được một lần dựng khác giữ (đã chờ {LOCK_WAIT}"
                              " giây); hãy chờ lần dựng đó (docgen build) xong rồi chạy lại")
    return RecordError.at(Location(path), f"không {action} được sổ văn bản: {err}")


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, timeout=LOCK_WAIT, isolation_level=None)
        conn.executescript(SCHEMA)
    except sqlite3.Error as err:
        raise _error(path, "mở", err) from None
    return conn


def _current(conn: sqlite3.Connection) -> bool:
    """Whether the register has the agency_key column (else it was written by an older version)."""
    return any(row[1] == "agency_key" for row in conn.execute("PRAGMA table_info(entries)"))


def _has_unit(conn: sqlite3.Connection) -> bool:
    """Whether the register has the unit column (else it was written before the drafting unit)."""
    return any(row[1] == "unit" for row in conn.execute("PRAGMA table_info(entries)"))


def _read(conn: sqlite3.Connection) -> list[Entry]:
    """Every entry, by book and number; an older register's keys computed from the agency names,
    its công văn without a drafting unit."""
    if _current(conn):
        columns = COLUMNS if _has_unit(conn) else KEYED_COLUMNS
        entries = [Entry(*r) for r in conn.execute(f"SELECT {columns} FROM entries")]
    else:
        entries = [Entry(*r, agency_key=agency_key(r[0])) for r in conn.execute(f"SELECT {OLD_COLUMNS} FROM entries")]
    return sorted(entries, key=lambda e: (e.abbr, json.loads(e.agency_key or "[]"), e.year, e.number))


def _migrate(conn: sqlite3.Connection) -> None:
    """Convert an older register inside the caller's transaction: the table gets agency_key (from
    each entry's stored agency name) and its books become (agency_key, ký hiệu, year); a register
    with agency_key but no unit column gets the column, empty for the entries it holds."""
    if _current(conn):
        if not _has_unit(conn):
            conn.execute("ALTER TABLE entries ADD COLUMN unit TEXT NOT NULL DEFAULT ''")
        return
    entries = _read(conn)
    conn.execute("DROP INDEX IF EXISTS live_key")
    conn.execute("ALTER TABLE entries RENAME TO entries_before_agency_key")
    statement = ""
    for line in SCHEMA.splitlines(keepends=True):  # executescript would commit the caller's transaction
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    for e in entries:
        conn.execute(f"INSERT INTO entries ({COLUMNS}) VALUES ({', '.join('?' * 15)})", _row(e))
    conn.execute("DROP TABLE entries_before_agency_key")


class Register:
    """The workspace's register file; `entries()` reads it, `numbering()` starts a build's session."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of_workspace(cls, root: Path) -> "Register":
        return cls(root / REGISTER_FILE)

    def entries(self) -> list[Entry]:
        """Every entry, by book (ký hiệu, agency, year) and number; [] when no number was ever given."""
        if not self.path.exists():
            return []
        conn = _connect(self.path)
        try:
            return _read(conn)
        except sqlite3.Error as err:
            raise _error(self.path, "đọc", err) from None
        finally:
            conn.close()

    def committed(self, txid: str) -> bool:
        """Whether the build transaction `txid` committed its numbers."""
        if not self.path.exists():
            return False
        conn = _connect(self.path)
        try:
            return conn.execute("SELECT 1 FROM transactions WHERE id = ?", (txid,)).fetchone() is not None
        finally:
            conn.close()

    def numbering(self) -> "Numbering":
        """A session that reserves numbers under the workspace lock; use it as a context manager."""
        return Numbering(self)


@dataclass
class _Plan:
    new: dict[str, Entry] = field(default_factory=dict)  # key -> entry to insert
    voided: dict[tuple[str, str, int, int], str] = field(default_factory=dict)  # (*book, number) -> reason
    updated: dict[str, Entry] = field(default_factory=dict)  # key -> live entry with new details
    adopted: list[Entry] = field(default_factory=list)
    adopted_files: list[Path] = field(default_factory=list)


class Numbering:
    """Reserve numbers for one build, then commit them all at once (or forget them).

    Holds an exclusive lock (flock on the workspace folder) from `__enter__` to `__exit__`, so the
    book cannot change under a build; the lock is released by the kernel if the process dies.
    Nothing is written before `commit`.
    """

    def __init__(self, register: Register) -> None:
        self.register = register
        self.path = register.path
        self._fd: int | None = None
        self._plan = _Plan()
        self._live: dict[str, Entry] = {}
        self._last: dict[tuple[str, str, int], int] = {}  # book -> its last number
        self._voided: dict[tuple[str, str, int, int], Entry] = {}
        self._latest: dict[tuple[str, str, int], tuple[int, str, str]] = {}  # book -> (number, symbol, date)
        self._outside: dict[tuple[str, str, int], set[int]] = {}  # book -> numbers given outside the register
        self._given: dict[tuple[str, str, int, int], Entry] = {}  # (*book, number) -> its entry, void ones too

    def _note(self, book: tuple[str, str, int], number: int, symbol: str, date: str) -> None:
        """Remember the highest number of `book` with its symbol and date (void entries included)."""
        self._last[book] = max(self._last.get(book, 0), number)
        if number >= self._latest.get(book, (0, "", ""))[0]:
            self._latest[book] = (number, symbol, date)

    def take_outside(self, agency: str, abbr: str, year: int, number: int, doc_type: str, date: str) -> None:
        """Count `number` of the book (ký hiệu `abbr`, `agency`, `year`) as taken: a number the
        records hold but was given outside the register (a plan's typed `number` with its `date`).
        The agency's numbers form one sequence per year (Nghị định 30/2020, Điều 15.1), so the
        register never gives a number equal to it (it skips it)."""
        self._outside.setdefault((abbr, agency_key(agency), year), set()).add(number)

    def continue_from(self, agency: str, abbr: str, year: int, first: int) -> None:
        """Let the book (ký hiệu `abbr`, `agency`, `year`) give `first` as its next number: the office's
        sổ đăng ký văn bản đi also holds documents numbered outside docgen, and the văn thư says where
        that book stands (`docgen issue --first-number`). Numbers rise in date order within the year
        (Nghị định 30/2020, Điều 15.1), so `first` must come after every number this register holds
        in the book and after none the records typed; raises ValueError with the Vietnamese reason."""
        book = (abbr, agency_key(agency), year)
        last = self._last.get(book, 0)
        if first <= last:
            symbol, date = self._latest[book][1:]
            raise ValueError(f"số {first} không đứng sau số cuối cùng đã cấp trong sổ văn bản năm {year}: số"
                             f" {symbol} ngày {_vn_date(date)}; hãy ghi số từ {last + 1} trở lên")
        if first in self._outside.get(book, ()):
            raise ValueError(f"số {first} đã là số của một văn bản ghi số trong hồ sơ (number:) năm {year};"
                             f" hãy ghi số kế tiếp trong sổ văn bản của cơ quan")
        self._last[book] = first - 1

    def given(self, agency: str, abbr: str, year: int, number: int) -> Entry | None:
        """The register's entry (void or not) holding `number` in the book (ký hiệu `abbr`,
        `agency`, `year`) when this session began, or None."""
        return self._given.get((abbr, agency_key(agency), year, number))

    def latest(self, agency: str, abbr: str, year: int) -> tuple[str, str] | None:
        """The highest number of the book (ký hiệu, agency, year) in the register as (symbol, ISO
        date), void entries included; None when the book is empty."""
        found = self._latest.get((abbr, agency_key(agency), year))
        return (found[1], found[2]) if found else None

    def __enter__(self) -> "Numbering":
        import fcntl

        try:
            self._fd = os.open(self.path.parent, os.O_RDONLY)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except OSError as err:
            raise _error(self.path, "khóa", err) from None
        for e in self.register.entries():
            self._note(e.book, e.number, e.symbol, e.date)
            self._given[(*e.book, e.number)] = e
            if e.void is None:
                self._live[e.key] = e
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None

    def adopt_old(self, old: Path, agency: str, owner: str) -> None:
        """Take over the per-plan register of older versions (`plans/<id>/so-van-ban.sqlite`).

        Raises RecordError (at the old file) when one of its numbers is already given to another
        document in the workspace's book: two plans then issued the same number, which a person
        has to sort out.
        """
        if not old.is_file():
            return
        try:
            conn = sqlite3.connect(f"{old.as_uri()}?mode=ro", uri=True)
            rows = conn.execute("SELECT issuer, year, number, doc_type, key, date, subject FROM numbers"
                                " ORDER BY year, number").fetchall()
            conn.close()
        except sqlite3.Error as err:
            raise RecordError.at(Location(old), f"không đọc được sổ văn bản cũ của kế hoạch: {err}") from None
        taken = {(*e.book, e.number): e for e in self.register.entries()}
        for abbr, year, number, doc_type, key, date, subject in rows:
            entry = Entry(agency, year, number, abbr, doc_type, key, owner, date, subject,
                          agency_key=agency_key(agency))
            other = taken.get((*entry.book, number))
            if other is not None and other.key == key:
                continue  # adopted before (the rename after it did not happen)
            if other is not None or key in self._live:
                clash = other.symbol if other else self._live[key].symbol
                raise RecordError.at(
                    Location(old),
                    f"sổ văn bản cũ của kế hoạch này có số {entry.symbol} năm {year}, nhưng sổ chung của"
                    f" cơ quan (tệp {self.path.name} ở thư mục gốc) đã có {clash} cho văn bản khác: hai kế"
                    " hoạch đã cấp trùng số. Hãy đối chiếu với văn thư; nếu văn bản của kế hoạch này chưa"
                    f" ban hành, đổi tên tệp này thành {old.name}{OLD_SUFFIX} để dựng lại và lấy số mới")
            self._plan.adopted.append(entry)
            self._live[key] = entry
            self._given[(*entry.book, number)] = entry
            self._note(entry.book, number, entry.symbol, date)
        self._plan.adopted_files.append(old)

    def reserve(self, requests: list[Request]) -> dict[str, int]:
        """The number of each request (by key): the one it holds, else the next of its book (ký
        hiệu, agency as `agency_key` compares it, year).

        A document whose book changed (another year, a renamed agency, another ký hiệu) gets a new
        number and its old one is voided with the reason.
        """
        out = {}
        for req in requests:
            live = self._live.get(req.key)
            book = (req.abbr, agency_key(req.agency), req.year)
            details = dict(date=req.date, subject=req.subject, signer=req.signer, recipients=req.recipients,
                           agency=req.agency, doc_type=req.doc_type, unit=req.unit)
            if live is not None and live.book == book:
                changed = replace(live, **details, file=live.file)
                if changed != live:
                    self._plan.updated[req.key] = changed
                    self._live[req.key] = changed
                out[req.key] = live.number
                continue
            if live is not None:
                if live.abbr != req.abbr:
                    reason = (f"ký hiệu cơ quan ban hành đổi thành {req.abbr}: đã cấp số mới trong sổ của"
                              f" {req.abbr} năm {req.year}")
                elif live.agency_key != book[1]:
                    reason = (f"tên cơ quan ban hành đổi thành {req.agency}: đã cấp số mới trong sổ của cơ"
                              f" quan này năm {req.year}")
                else:
                    reason = f"văn bản đổi ngày sang {_vn_date(req.date)}: đã cấp số mới trong sổ năm {req.year}"
                self._void(live, reason)
            number = self._last.get(book, 0) + 1
            while number in self._outside.get(book, ()):
                number += 1
            entry = Entry(req.agency, req.year, number, req.abbr, req.doc_type, req.key, req.owner, req.date,
                          req.subject, req.signer, req.recipients, req.file, agency_key=book[1], unit=req.unit)
            self._note(book, number, entry.symbol, req.date)
            self._plan.new[req.key] = entry
            self._live[req.key] = entry
            out[req.key] = number
        return out

    def lookup(self, key: str) -> Entry | None:
        """The live entry of the document `key`: its number and issue date once issued, else None
        (a draft). Nothing is reserved: `build` renders what the register says and numbers nothing."""
        return self._live.get(key)

    def issue(self, requests: list[Request]) -> list[Entry]:
        """Give each request, in the order given, the next number of its book (ký hiệu, agency,
        year of the issue date); returns the new entries. The văn thư's step (Nghị định 30/2020,
        Điều 15.2: numbered and dated after signing). Raises ValueError naming the entry when a
        document is already issued (it must be withdrawn first: a number is never given twice)."""
        for req in requests:
            live = self._live.get(req.key)
            if live is not None:
                raise ValueError(live.symbol)
        numbers = self.reserve(requests)
        return [self._live[req.key] for req in requests if numbers.get(req.key) is not None]

    def withdraw(self, key: str, reason: str) -> Entry:
        """Void the live entry of `key` with `reason` (thu hồi): the number is never given again
        and the document is a draft once more. Raises KeyError when it holds no number."""
        live = self._live[key]
        self._void(live, reason)
        return replace(live, void=reason)

    def place(self, key: str, file: str, subject: str | None = None, recipients: list[str] | None = None) -> None:
        """Record where the document of `key` is written (known once its number is) and, once it
        is rendered, its trích yếu and Nơi nhận as the page shows them (the template writes them)."""
        live = self._live.get(key)
        if live is None:
            return
        entry = replace(live, file=file, subject=subject or live.subject,
                        recipients="\n".join(recipients) if recipients else live.recipients)
        if entry == live:
            return
        (self._plan.new if key in self._plan.new else self._plan.updated)[key] = entry
        self._live[key] = entry

    @property
    def pending(self) -> bool:
        """Whether committing would change the register."""
        p = self._plan
        return bool(p.new or p.voided or p.updated or p.adopted or p.adopted_files)

    def retire(self, owner: str, keep: set[str], reason: str) -> list[Entry]:
        """Void the live numbers of `owner` whose documents are not in `keep`; returns them."""
        gone = [e for e in self._live.values() if e.owner == owner and e.key not in keep]
        for e in gone:
            self._void(e, reason)
        return gone

    def _void(self, entry: Entry, reason: str) -> None:
        self._live.pop(entry.key, None)
        if self._plan.new.pop(entry.key, None) is None:
            self._plan.voided[(*entry.book, entry.number)] = reason
            self._plan.updated.pop(entry.key, None)
            self._voided[(*entry.book, entry.number)] = replace(entry, void=reason)

    @property
    def voided(self) -> list[Entry]:
        """The entries this session voids, with their reasons."""
        return sorted(self._voided.values(), key=lambda e: (e.abbr, json.loads(e.agency_key), e.year, e.number))

    def commit(self, txid: str) -> None:
        """Write every reserved number, void and adoption in one transaction, recorded as `txid`."""
        p = self._plan
        conn = _connect(self.path)
        try:
            conn.execute("BEGIN IMMEDIATE")
            _migrate(conn)
            for e in p.adopted:
                conn.execute(f"INSERT OR IGNORE INTO entries ({COLUMNS}) VALUES ({', '.join('?' * 15)})",
                             _row(e))
            for (abbr, key, year, number), reason in p.voided.items():
                conn.execute("UPDATE entries SET void = ? WHERE abbr = ? AND agency_key = ? AND year = ?"
                             " AND number = ?", (reason, abbr, key, year, number))
            for e in p.updated.values():
                conn.execute("UPDATE entries SET date = ?, subject = ?, signer = ?, recipients = ?, file = ?,"
                             " agency = ?, doc_type = ?, unit = ? WHERE key = ? AND void IS NULL",
                             (e.date, e.subject, e.signer, e.recipients, e.file, e.agency, e.doc_type, e.unit,
                              e.key))
            for e in p.new.values():
                conn.execute(f"INSERT INTO entries ({COLUMNS}) VALUES ({', '.join('?' * 15)})", _row(e))
            conn.execute("INSERT INTO transactions VALUES (?)", (txid,))
            conn.execute("COMMIT")
        except sqlite3.Error as err:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
            raise _error(self.path, "ghi", err) from None
        finally:
            conn.close()
        for old in p.adopted_files:
            with contextlib.suppress(OSError):
                old.rename(old.with_name(old.name + OLD_SUFFIX))
        self._plan = _Plan()
        self._voided = {}


def _row(e: Entry) -> tuple:
    return (e.agency, e.year, e.number, e.abbr, e.doc_type, e.key, e.owner, e.date, e.subject, e.signer,
            e.recipients, e.file, e.void, e.agency_key, e.unit)


def _vn_date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso
