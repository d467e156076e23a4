"""Shell completion (click's) for bash and zsh, as the README tells a user to turn it on."""

import os
import subprocess
import sys
from pathlib import Path

DOCGEN = str(Path(sys.executable).parent / "docgen")


def _complete(shell: str, words: str, cword: int) -> list[str]:
    env = {**os.environ, "COMP_WORDS": words, "COMP_CWORD": str(cword), "_DOCGEN_COMPLETE": f"{shell}_complete"}
    proc = subprocess.run([DOCGEN], env=env, capture_output=True, text=True, check=True)
    return proc.stdout.splitlines()


def test_commands_and_choices_complete():
    assert _complete("bash", "docgen bu", 1) == ["plain,build"]
    assert _complete("bash", "docgen lint --format ", 3) == ["plain,text", "plain,json"]
    # zsh: type, value, help (the command's description, shortened by click).
    assert _complete("zsh", "docgen val", 1) == ["plain", "validate", "Kiểm tra hồ sơ YAML của một kế hoạch, một..."]


def test_bash_completes_after_the_readme_line():
    ask = f'_docgen_completion {DOCGEN}; echo "${{COMPREPLY[@]}}"; COMPREPLY=()\n'
    script = (f'eval "$(_DOCGEN_COMPLETE=bash_source {DOCGEN})"\n'
              "COMP_WORDS=(docgen reg); COMP_CWORD=1\n" + ask
              + "COMP_WORDS=(docgen init --f); COMP_CWORD=2\n" + ask)
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, check=True)
    assert proc.stdout == "register\n--force\n"
