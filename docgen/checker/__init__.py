"""Checker: judges any .docx against Decree 30/2020/NĐ-CP, rule by rule.

It stands apart from records, model and render, so it judges documents docgen did not
write just as it judges its own.
"""

from dataclasses import dataclass, field
from pathlib import Path

from docgen.checker import rules as _rules  # noqa: F401  (registers the checks)
from docgen.checker.findings import CHECKS, RULES, Context, Finding
from docgen.checker.ooxml import Document, UnreadableDocx
from docgen.checker.roles import find_roles, segments

__all__ = ["RULES", "Finding", "Report", "UnreadableDocx", "lint", "lint_paths"]


@dataclass
class Report:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def lint(path: Path, draft: bool = False) -> Report:
    """Judge one .docx; an unreadable file gives a report with `error` set."""
    try:
        doc = Document(path)
    except UnreadableDocx as err:
        return Report(path, error=str(err))
    draft = draft or doc.declares_draft
    findings: list[Finding] = []
    seen: set[Finding] = set()
    parts = segments(doc)
    for i, segment in enumerate(parts):
        roles = find_roles(doc, segment)
        preamble = len(parts) > 1 and roles.quoc_hieu is None
        if preamble:
            roles = type(roles)()  # judged for page, fonts and text only
        ctx = Context(doc, roles, draft, first=i == 0, preamble=preamble)
        for _, check in CHECKS:
            for f in check(ctx):
                if f not in seen:  # document-wide checks run once per segment
                    seen.add(f)
                    findings.append(f)
    findings.sort(key=lambda f: (f.paragraph or 0, f.rule))
    return Report(path, findings)


def lint_paths(paths: list[Path], draft: bool = False) -> list[Report]:
    """Every .docx named, or found below a named folder, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith((".", "~$"))))
        else:
            files.append(path)
    return [lint(f, draft) for f in files]
