"""What a rule reports: a rule id, a severity, a place in the document and a message."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from docgen.checker.ooxml import Document, Paragraph
from docgen.checker.roles import Roles

# libyaml's loader when PyYAML has it: the same data, 7 ms instead of 60 ms at every import
# (on `docgen build`'s serial part, before its workers start: issue 16).
RULES: dict[str, dict] = yaml.load(
    resources.files("docgen.checker").joinpath("rules.yaml").read_text(encoding="utf-8"),
    Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # "error" or "warning"
    where: str  # '¶12 ("Phấn đấu mỗi năm…")', 'phần 1', …
    message: str
    paragraph: int | None = None

    def line(self, path: str) -> str:
        return f"{path}:{self.where}: {self.rule}: {self.message}"


def place(p: Paragraph, part: str | None = None) -> str:
    text = p.clean
    short = text if len(text) <= 30 else text[:29] + "…"
    prefix = ""
    if part:
        prefix = f"đầu/chân trang {part}, "
    elif p.table is not None:
        prefix = f"bảng {p.table}, hàng {p.row}, ô {p.cell}, "
    return f'{prefix}¶{p.index} ("{short}")'


def pt(value: float) -> str:
    return f"{value:g}".replace(".", ",")


@dataclass
class Context:
    doc: Document
    roles: Roles
    draft: bool
    first: bool = True  # the first document in the file: page-wide checks run here only
    preamble: bool = False  # text before the first of several documents (not a document)

    @property
    def path(self) -> Path:
        return self.doc.path

    def at(self, rule: str, p: Paragraph, message: str, part: str | None = None) -> Finding:
        return Finding(rule, RULES[rule]["severity"], place(p, part), message, p.index)

    def where(self, rule: str, where: str, message: str) -> Finding:
        return Finding(rule, RULES[rule]["severity"], where, message)

    # --- shared checks, each yields at most one finding per paragraph -----------------------

    def size(self, rule: str, p: Paragraph, lo: float, hi: float | None = None) -> Iterator[Finding]:
        hi = lo if hi is None else hi
        for run in p.text_runs():
            size = run.props.size if run.props.size is not None else 10.0
            if not lo <= size <= hi:
                want = f"{pt(lo)} pt" if lo == hi else f"{pt(lo)}–{pt(hi)} pt"
                yield self.at(rule, p, f"cỡ chữ {pt(size)} pt, quy định {want}")
                return

    def flag(self, rule: str, p: Paragraph, attr: str, want: bool) -> Iterator[Finding]:
        runs = p.text_runs()
        if not runs:
            return
        values = [bool(getattr(r.props, attr)) for r in runs]
        words = {"bold": ("in đậm", "đậm"), "italic": ("in nghiêng", "nghiêng")}[attr]
        if want and not all(values):
            yield self.at(rule, p, f"phải {words[0]}")
        elif not want and all(values):
            yield self.at(rule, p, f"không được {words[0]}")

    def align(self, rule: str, p: Paragraph, want: str) -> Iterator[Finding]:
        got = p.props.align or "left"
        if got != want:
            names = {"center": "căn giữa", "justify": "căn đều hai lề", "left": "căn trái",
                     "right": "căn phải"}
            yield self.at(rule, p, f"đang {names.get(got, got)}, phải {names[want]}")

    def upper(self, rule: str, p: Paragraph, text: str | None = None) -> Iterator[Finding]:
        shown = p.shown() if text is None else text
        if shown != shown.upper():
            yield self.at(rule, p, "phải viết in hoa")


Check = Callable[[Context], Iterator[Finding]]
CHECKS: list[tuple[str, Check]] = []


def rule(*ids: str) -> Callable[[Check], Check]:
    """Register a check for the given rule ids (each must be in rules.yaml)."""
    for rid in ids:
        if rid not in RULES:
            raise KeyError(f"rule {rid} is not in rules.yaml")

    def register(fn: Check) -> Check:
        CHECKS.append((ids[0], fn))
        return fn

    return register
