"""The number register (sổ văn bản đi): numbers are records, not accidents of build order.

An SQLite file kept with the plan gives each document the next number of its issuer and year,
from 01 on 1 January (Nghị định 30, Điều 15). A document keeps its number on every rebuild
(found by its key); a number is never given twice, also when two builds run at once: the
allocation runs in one IMMEDIATE transaction, which SQLite serialises.
"""

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Location, RecordError

REGISTER_FILE = "so-van-ban.sqlite"
LOCK_WAIT = 15  # seconds another build may hold the register before this one gives up, saying so

SCHEMA = """
CREATE TABLE IF NOT EXISTS numbers (
    issuer TEXT NOT NULL,
    year INTEGER NOT NULL,
    number INTEGER NOT NULL,
    doc_type TEXT NOT NULL,
    key TEXT NOT NULL UNIQUE,
    date TEXT NOT NULL,
    subject TEXT NOT NULL,
    PRIMARY KEY (issuer, year, number)
)
"""


@dataclass(frozen=True)
class Request:
    key: str
    issuer: str
    year: int
    doc_type: str
    date: str
    subject: str


@dataclass(frozen=True)
class Entry:
    issuer: str
    year: int
    number: int
    doc_type: str
    key: str
    date: str
    subject: str


class Register:
    def __init__(self, path: Path) -> None:
        self.path = path

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, timeout=LOCK_WAIT, isolation_level=None)
            conn.execute(SCHEMA)
        except sqlite3.Error as err:
            if "locked" in str(err) or "busy" in str(err):
                raise self._busy() from None
            raise RecordError.at(Location(self.path), f"không mở được sổ văn bản: {err}") from None
        return conn

    def _busy(self) -> RecordError:
        """SQLite's "database is locked", said: another build holds the register."""
        return RecordError.at(Location(self.path), f"sổ văn bản đang được một lần dựng khác giữ (đã chờ"
                              f" {LOCK_WAIT} giây); hãy chờ lần dựng đó (docgen build) xong rồi chạy lại")

    def allocate(self, requests: list[Request]) -> dict[str, int]:
        """The number of each request: the one it already has, else the next free one."""
        if not requests:
            return {}
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            out = {}
            for req in requests:
                row = conn.execute("SELECT number FROM numbers WHERE key = ?", (req.key,)).fetchone()
                if row is None:
                    (last,) = conn.execute("SELECT COALESCE(MAX(number), 0) FROM numbers WHERE issuer = ?"
                                           " AND year = ?", (req.issuer, req.year)).fetchone()
                    conn.execute("INSERT INTO numbers VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 (req.issuer, req.year, last + 1, req.doc_type, req.key, req.date, req.subject))
                    out[req.key] = last + 1
                else:
                    conn.execute("UPDATE numbers SET date = ?, subject = ? WHERE key = ?",
                                 (req.date, req.subject, req.key))
                    out[req.key] = row[0]
            conn.execute("COMMIT")
            return out
        except sqlite3.Error as err:
            conn.execute("ROLLBACK") if conn.in_transaction else None
            if "locked" in str(err) or "busy" in str(err):
                raise self._busy() from None
            raise RecordError.at(Location(self.path), f"không ghi được sổ văn bản: {err}") from None
        finally:
            conn.close()

    def entries(self) -> list[Entry]:
        if not self.path.exists():
            return []
        conn = self._connect()
        try:
            rows = conn.execute("SELECT issuer, year, number, doc_type, key, date, subject FROM numbers"
                                " ORDER BY issuer, year, number").fetchall()
        finally:
            conn.close()
        return [Entry(*r) for r in rows]
