"""Every sentence on the page lives in a template or a record: model and render code hold none.

A string literal of docgen/model or docgen/render with two or more words, one of them written
with Vietnamese letters, is page text, unless it is an error message (an argument of an
exception or of a problem being reported) or a docstring.
"""

import ast
import re

import pytest
from conftest import ROOT

PACKAGES = ("docgen/model", "docgen/render")
# Document properties (docProps/core.xml title and subject) are metadata a file manager shows,
# not text on the page.
NOT_YET = {
    "docgen/model/documents.py",
}
# Calls whose arguments are messages to the user, not page text.
MESSAGE_CALLS = {"problem", "_problem", "Problem", "RecordError", "at", "add", "ValueError", "TableProblem",
                 "ReferenceError_", "MarkupError", "TemplateError", "append", "_error", "Location"}
VIETNAMESE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]",
                        re.IGNORECASE)


def page_text(source: str) -> list[tuple[int, str]]:
    """(line, text) of every literal that reads as a Vietnamese phrase outside messages.

    A message is what a Raise or a call in MESSAGE_CALLS holds; what flows into one is a message
    too: a local name assigned and then used in it, a function whose result it passes on.
    """
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.Module | ast.AsyncFunctionDef):
            doc = node.body[0] if node.body else None
            if isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant):
                exempt.add(id(doc.value))
    roots = [n for n in ast.walk(tree)
             if isinstance(n, ast.Raise) or (isinstance(n, ast.Call) and _name(n.func) in MESSAGE_CALLS)]
    names: set[str] = set()
    while True:
        for root in roots:
            for n in ast.walk(root):
                exempt.add(id(n))
                if isinstance(n, ast.Name):
                    names.add(n.id)
                elif isinstance(n, ast.Call):
                    names.add(_name(n.func))
        more = [n for n in ast.walk(tree) if id(n) not in exempt and (
            (isinstance(n, ast.FunctionDef) and n.name in names)
            or (isinstance(n, ast.Assign | ast.AugAssign | ast.AnnAssign) and any(
                isinstance(t, ast.Name) and t.id in names
                for t in (n.targets if isinstance(n, ast.Assign) else [n.target]))))]
        if not more:
            break
        roots = more
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in exempt:
            words = node.value.split()
            if len(words) >= 2 and any(VIETNAMESE.search(w) for w in words):
                found.append((node.lineno, node.value))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _files() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))


@pytest.mark.parametrize("path", [f for f in _files() if f not in NOT_YET])
def test_no_sentence_for_the_page_in_code(path):
    assert page_text((ROOT / path).read_text(encoding="utf-8")) == []


def test_the_scan_finds_page_text_and_spares_messages():
    source = '''
def f(x):
    """Tài liệu của hàm."""
    if x:
        raise ValueError(f"không có trường {x}")
    self.problem(("a",), "thiếu dòng chức vụ")
    why = "không có trong units.yaml"
    problems.append(Problem(loc, f"đơn vị {why}"))
    return "- Lưu: VT" + x
'''
    assert page_text(source) == [(9, "- Lưu: VT")]


def test_files_not_yet_moved_exist():
    """The exemptions name real files; one that is gone must leave the list."""
    assert all((ROOT / f).is_file() for f in NOT_YET)
