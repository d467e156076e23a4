"""Checker: judges any .docx against Decree 30/2020/NĐ-CP, rule by rule.

It stands apart from records, model and render, so it judges documents docgen did not
write just as it judges its own.
"""

import gc
import os
from dataclasses import dataclass, field
from pathlib import Path

from docgen.checker import rules as _rules  # noqa: F401  (registers the checks)
from docgen.checker.findings import CHECKS, RULES, Context, Finding
from docgen.checker.ooxml import Document, UnreadableDocx
from docgen.checker.roles import find_roles, segments
from docgen.checker.twocores import judge_all

__all__ = ["RULES", "Finding", "Report", "UnreadableDocx", "lint", "lint_read", "lint_paths"]


@dataclass
class Report:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  # the file could not be read
    draft: str | None = None  # why the file was judged as a draft (dự thảo), None if it was not
    deferred: dict[str, int] = field(default_factory=dict)  # findings of deferred rules, by rule

    @property
    def errors(self) -> int:
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        return sum(f.severity == "warning" for f in self.findings)


def lint(path: Path, draft: bool = False, final: bool = False, all_rules: bool = False,
         data: bytes | None = None, parts: dict[str, bytes] | None = None) -> Report:
    """Judge one .docx; an unreadable file gives a report with `error` set.

    `data`: the file's bytes when the caller holds them (a build, before writing them to
    `path`), or `parts`: the members of that zip by name (what `data` unpacks to): judged as
    the file at `path` would be, without reading it.

    A draft (dự thảo) may leave its number and day blank. A file is judged as one when `draft`
    is asked for, or when it declares itself one (custom property docgen.draft) unless `final`
    asks "is this ready to issue?"; `Report.draft` then says which, for the user to read.
    Findings of a rule marked `deferred` in rules.yaml are counted in `Report.deferred` and
    listed only with `all_rules`.
    """
    return lint_read(path, draft, final, all_rules, data, parts)[0]


def lint_read(path: Path, draft: bool = False, final: bool = False, all_rules: bool = False,
              data: bytes | None = None, parts: dict[str, bytes] | None = None) -> tuple[Report, Document | None]:
    """`lint`'s report, and the `ooxml.Document` it judged (None when the file could not be
    read), for a caller that reads more of the same file (docgen.finish: the register's fields)."""
    collecting = gc.isenabled()
    gc.disable()  # a document is tens of thousands of small objects and no cycles to collect
    try:
        return _lint(path, draft, final, all_rules, data, parts)
    finally:
        if collecting:
            gc.enable()


def _lint(path: Path, draft: bool, final: bool, all_rules: bool, data: bytes | None = None,
          parts: dict[str, bytes] | None = None) -> tuple[Report, Document | None]:
    try:
        doc = Document(path, data, parts)
    except UnreadableDocx as err:
        return Report(path, error=str(err)), None
    reason = None
    if draft:
        reason = "theo yêu cầu (--draft)"
    elif doc.declares_draft and not final:
        reason = "tệp tự khai là bản dự thảo (thuộc tính docgen.draft)"
    findings: list[Finding] = []
    seen: set[Finding] = set()
    parts = segments(doc)

    def judge(i: int) -> list[Finding]:
        roles = find_roles(doc, parts[i])
        preamble = len(parts) > 1 and roles.quoc_hieu is None and roles.kind != "annex"
        if preamble:
            roles = type(roles)(kind="preamble")  # judged for page, fonts and text only
        ctx = Context(doc, roles, reason is not None, first=i == 0, preamble=preamble)
        return [f for _, check in CHECKS for f in check(ctx)]

    for found in judge_all(judge, [len(part) for part in parts]):
        for f in found:
            if f not in seen:  # document-wide checks run once per segment
                seen.add(f)
                findings.append(f)
    deferred: dict[str, int] = {}
    if not all_rules:
        kept = []
        for f in findings:
            if RULES[f.rule].get("deferred"):
                deferred[f.rule] = deferred.get(f.rule, 0) + 1
            else:
                kept.append(f)
        findings = kept
    findings.sort(key=lambda f: (f.paragraph or 0, f.rule))
    return Report(path, findings, draft=reason, deferred=deferred), doc


def _files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.docx") if not p.name.startswith((".", "~$"))))
        else:
            files.append(path)
    return files


def _lint_one(args: tuple[Path, bool, bool, bool]) -> Report:
    return lint(*args)


def lint_paths(paths: list[Path], draft: bool = False, final: bool = False,
               all_rules: bool = False) -> list[Report]:
    """Every .docx named, or found below a named folder, in a stable order.

    Several files are judged on every core (a process pool), each file on its own; the
    reports come back in the order of the files.
    """
    files = _files(paths)
    jobs = [(f, draft, final, all_rules) for f in files]
    workers = min(len(files), os.cpu_count() or 1)
    if workers < 2 or sum(_size(f) for f in files) < 2_000_000:
        return [_lint_one(job) for job in jobs]
    import multiprocessing

    ctx = multiprocessing.get_context("fork") if hasattr(os, "fork") else multiprocessing.get_context()
    with ctx.Pool(workers) as pool:
        return pool.map(_lint_one, jobs, chunksize=max(1, len(jobs) // (workers * 4)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
