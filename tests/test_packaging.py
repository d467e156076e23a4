"""What the code imports is what pyproject.toml declares, and the floors CI tests are declared."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9._-]+", requirement).group()).lower()


def _third_party_imports(folder: str) -> dict[str, set[str]]:
    """{top-level module: files importing it} for every module outside the stdlib and docgen."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top != "docgen":
                    found.setdefault(top, set()).add(str(path.relative_to(ROOT)))
    return found


def _undeclared(folder: str, declared: set[str], local: set[str] = frozenset()) -> dict[str, str]:
    distributions = packages_distributions()
    missing = {}
    for module, files in _third_party_imports(folder).items():
        if module in local:
            continue
        names = {_name(d) for d in distributions.get(module, [module])}
        if not names & declared:
            missing[module] = ", ".join(sorted(files))
    return missing


def test_every_module_the_package_imports_is_a_declared_dependency():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert _undeclared("docgen", declared) == {}


def test_tests_and_tools_import_only_declared_packages():
    declared = {_name(r) for r in PYPROJECT["project"]["dependencies"]}
    declared |= {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["test"]}
    helpers = {p.stem for p in (ROOT / "tests").glob("*.py")} | {p.stem for p in (ROOT / "tools").glob("*.py")}
    assert _undeclared("tests", declared, helpers) == {}
    assert _undeclared("tools", declared, helpers) == {}


def test_every_dependency_has_a_floor_and_ci_tests_the_floors():
    for requirement in PYPROJECT["project"]["dependencies"]:
        assert ">=" in requirement, requirement
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "--resolution lowest-direct -e '.[test]'" in ci
