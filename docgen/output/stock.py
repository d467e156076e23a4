"""Copy the shipped stock (plans/, templates/, law/) into a workspace without losing anyone's work.

A file is added when missing, and replaced only when it is still exactly what an earlier
`docgen init` wrote (its SHA-256 is kept in `STOCK_FILE`): a clerk's edit, a register or a file
docgen did not ship is never touched, and nothing is ever deleted.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Location, WorkspaceError
from docgen.output.package import _reason, write_atomic

STOCK_FILE = ".docgen-stock.json"


@dataclass
class StockCopy:
    """What `copy_stock` did, by workspace path."""

    added: list[Path] = field(default_factory=list)
    refreshed: list[Path] = field(default_factory=list)  # untouched stock files brought up to date
    skipped: list[Path] = field(default_factory=list)  # edited since: left as they are
    kept: list[Path] = field(default_factory=list)  # already the same as the stock


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def copy_stock(root: Path, sources: dict[str, Path], skip: Callable[[Path], bool] = lambda p: False) -> StockCopy:
    """Copy each `sources[name]` tree into `root/name`. Raises WorkspaceError if a file cannot be written."""
    record_path = root / STOCK_FILE
    try:
        recorded = json.loads(record_path.read_text(encoding="utf-8"))
        recorded = recorded if isinstance(recorded, dict) else {}
    except (OSError, ValueError):
        recorded = {}
    result = StockCopy()
    written = dict(recorded)
    try:
        for name, source in sources.items():
            for src in sorted(source.rglob("*")):
                if not src.is_file() or skip(src) or "__pycache__" in src.parts:
                    continue
                rel = f"{name}/{src.relative_to(source).as_posix()}"
                dest = root / rel
                data = src.read_bytes()
                if dest.is_file():
                    have = dest.read_bytes()
                    if have == data:
                        result.kept.append(dest)
                        written[rel] = _digest(data)
                        continue
                    if recorded.get(rel) != _digest(have):
                        result.skipped.append(dest)  # edited since init, or not ours
                        continue
                    result.refreshed.append(dest)
                elif dest.exists():
                    result.skipped.append(dest)  # a folder in its place
                    continue
                else:
                    result.added.append(dest)
                write_atomic(dest, data)
                written[rel] = _digest(data)
        write_atomic(record_path, json.dumps(dict(sorted(written.items())), indent=1).encode("utf-8"))
    except OSError as err:
        raise WorkspaceError.at(Location(root), f"không tạo được bộ hồ sơ: {_reason(err)}") from None
    return result
