"""Start-up: `docgen --version` and `docgen --help` load no heavy module (issue 16)."""

import json
import subprocess
import sys

from docgen import __version__, cli
from docgen.records.register import REGISTER_FILE

HEAVY = ["docxtpl", "docx", "openpyxl", "pydantic", "lxml", "jinja2", "yaml", "docgen.checker", "docgen.records",
         "docgen.render", "docgen.build"]


def _loaded_after(code: str) -> set[str]:
    probe = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_importing_the_command_line_loads_no_heavy_module():
    loaded = _loaded_after("import docgen.cli")
    assert "docgen.cli" in loaded
    assert [m for m in HEAVY if m in loaded] == []


def test_version_loads_no_heavy_module():
    loaded = _loaded_after("from docgen.cli import cli\ntry:\n    cli.main(['--version'], standalone_mode=False)\n"
                           "except SystemExit:\n    pass")
    assert [m for m in HEAVY if m in loaded] == []


def test_version_prints_the_version():
    out = subprocess.run([sys.executable, "-m", "docgen", "--version"], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == f"docgen, phiên bản {__version__}"
    assert out.returncode == 0


def test_the_command_line_names_the_register_as_the_register_does():
    assert cli.REGISTER_FILE == REGISTER_FILE
