"""The README's "Thử ký số với chứng thư thử" commands, run word for word as a new user would (bash,
openssl, the installed docgen): a test CA and two .p12 files made, a decision built, signed,
issued with the seal and verified with two valid signatures."""

import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT, _need
from signing_ca import two_valid_signatures


def _snippet() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("#### Thử ký số với chứng thư thử", 1)[1].split("\n#", 1)[0]
    return re.search(r"```sh\n(.+?)\n```", section, re.S).group(1)


def test_the_readme_test_certificate_commands_sign_issue_and_verify(tmp_path):
    _need("soffice", "pdftotext", "pdftoppm", "openssl")
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "plans", ws / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", ws / "templates")
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_PASSWORD"}
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    done = subprocess.run(["bash", "-e", "-c", _snippet()], cwd=ws, env=env, capture_output=True, timeout=900)
    out = done.stdout.decode("utf-8")
    assert done.returncode == 0, out + done.stderr.decode("utf-8", "replace")
    assert "Ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021: build/ninh-binh-2021/quyet-dinh/01-giay-khen.docx" in \
        out.splitlines()
    verified = out[out.index("Chữ ký 1 (ChuKyNguoiKy)"):]
    two_valid_signatures(verified, "Thử nguoi-ky", "Thử co-quan")
