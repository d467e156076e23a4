"""Change the parts of a .docx in place, as a clerk's editor would when saving."""

import zipfile
from collections.abc import Callable
from pathlib import Path


def rewrite(path: Path, change: Callable[[dict[str, bytes]], None]) -> None:
    with zipfile.ZipFile(path) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    change(parts)
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def replace_in(path: Path, part: str, old: str, new: str) -> None:
    def change(parts: dict[str, bytes]) -> None:
        text = parts[part].decode()
        assert old in text, old
        parts[part] = text.replace(old, new, 1).encode()

    rewrite(path, change)
