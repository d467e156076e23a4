"""Errors that reach the user: each problem carries where it is (file, line, column, field)."""

import os
from dataclasses import dataclass, field
from pathlib import Path

# Fast path (issue 16; tests/test_build_fastpaths.py's plain_paths turns it off): a path below the
# working directory is cut by its text, not by os.path.relpath (which makes both paths absolute
# and compares them part by part: ~0.1 s for the 2,000 lines that name a build's 1,000 files).
FAST_DISPLAY = True


def display_path(path: Path | str) -> str:
    """A path as the user typed it: relative to the working directory when below it."""
    if FAST_DISPLAY:
        text = str(path if isinstance(path, Path) else Path(path))  # a Path's text is kept: not parsed again
        if text.startswith("/") and "/.." not in text:
            here = os.getcwd()
            if here != "/" and text.startswith(here + "/") and "/." not in here and "//" not in here:
                return text[len(here) + 1:]
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:
        return str(p)
    return str(p) if rel.startswith("..") else rel


@dataclass(frozen=True)
class Location:
    """A place in an input: a file, optionally a line and column, or a paragraph of a template."""

    file: Path | str
    line: int | None = None
    column: int | None = None
    where: str | None = None  # e.g. 'đoạn "Ghi chú: {{ plan.note }}"'
    cell: str | None = None  # a spreadsheet cell, e.g. "Sheet1!D14"

    def __str__(self) -> str:
        text = display_path(self.file)
        if self.cell:
            text += f":{self.cell}"
        if self.line is not None:
            text += f":{self.line}"
            if self.column is not None:
                text += f":{self.column}"
        if self.where:
            text += f": {self.where}"
        return text


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    field: str | None = None

    def __str__(self) -> str:
        prefix = f"{self.location}: "
        if self.field:
            prefix += f"{self.field}: "
        return prefix + self.message


@dataclass(eq=False)
class DocgenError(Exception):
    """Base of every error the CLI reports without a traceback; holds one or more problems."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    @classmethod
    def at(cls, location: Location, message: str, field: str | None = None) -> "DocgenError":
        return cls([Problem(location, message, field)])


class RecordError(DocgenError):
    """A YAML record is unreadable, invalid or refers to something that does not exist."""


class TemplateError(DocgenError):
    """A .docx template is broken or asks for data that is not there."""


class OutputError(DocgenError):
    """A document could not be written."""


class WorkspaceError(DocgenError):
    """A plan folder, template or workspace is missing or misplaced."""
