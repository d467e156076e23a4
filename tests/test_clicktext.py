"""click's own messages in Vietnamese through gettext (docgen/locale), on every supported click."""

import gettext
import io
import os
import re
import string
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from conftest import ROOT, run

from docgen.clicktext import MO_FILE, PO_FILE

sys.path.insert(0, str(ROOT / "tools"))
from compile_messages import compiled  # noqa: E402

CLICK = tuple(int(part) for part in version("click").split(".")[:2])
HINT = "Xem 'docgen --help' để biết cách dùng.\n"


def _catalog(data: bytes | None = None) -> dict:
    return gettext.GNUTranslations(io.BytesIO(MO_FILE.read_bytes() if data is None else data))._catalog


def _click_messages() -> set[str]:
    """Every singular msgid the installed click marks with _() or ngettext()."""
    found = extract_from_dir(Path(click.__file__).parent, method_map=[("**.py", "python")],
                             keywords={"_": None, "ngettext": (1, 2)})
    return {m[2] if isinstance(m[2], str) else m[2][0] for m in found}


def _fields(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


def test_the_shipped_catalogue_is_the_compiled_po():
    shipped, fresh = _catalog(), _catalog(compiled(PO_FILE))
    shipped.pop(""), fresh.pop("")  # the header, written differently by each Babel version
    assert shipped == fresh, "run: python tools/compile_messages.py"


def test_every_message_of_the_installed_click_is_translated():
    catalog = _catalog()
    keys = {k if isinstance(k, str) else k[0] for k in catalog}
    missing = sorted(_click_messages() - keys)
    assert not missing, f"add to {PO_FILE.name} and compile: {missing}"


def test_translations_keep_the_placeholders():
    for key, text in _catalog().items():
        msgid = key if isinstance(key, str) else key[0]
        if not msgid:
            continue  # the header
        assert text.strip() and text != msgid or msgid in ("{text} {deprecated_message}",), msgid
        # Plural entries: the one Vietnamese form may use either English form's fields.
        assert _fields(text) <= _fields(msgid) | {"len", "nargs", "possibilities", "choices", "formats"}, msgid
        assert sorted(re.findall(r"%\((\w+)\)s", text)) == sorted(re.findall(r"%\((\w+)\)s", msgid)), msgid


def test_bare_docgen_prints_the_help_and_succeeds():
    bare = run()
    assert bare.exit_code == 0
    assert bare.output == run("--help").output
    assert bare.output.startswith("Cách dùng: docgen [TÙY CHỌN] LỆNH [THAM SỐ]...\n")


@pytest.mark.parametrize(("args", "message"), [
    (["build"], "Thiếu tham số 'VĂN_BẢN_HOẶC_THƯ_MỤC...'."),
    (["build", "--out"], "Tùy chọn '--out' cần 1 giá trị."),
    (["validate", "a", "b"], "Thừa tham số (b)"),
    (["lint", "--format", "xml", "x"],
     "Giá trị không hợp lệ cho '--format': 'xml' không phải là một trong 'text', 'json'."),
    (["bild"], "Không có lệnh 'bild'." + (" Có phải là 'build'?" if CLICK >= (8, 4) else "")),
    (["init", "--forc", "x"], "Không có tùy chọn '--forc'. Có phải là '--force'?" if CLICK >= (8, 4)
     else "Không có tùy chọn --forc. Có phải là --force?"),
])
def test_usage_errors_word_for_word(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {message}\n{HINT}"


def test_help_headings_and_help_option():
    out = run("build", "--help").output
    assert "\nTùy chọn:\n" in out
    assert "  -h, --help     Hiện hướng dẫn này rồi thoát.\n" in out
    assert "Options" not in out and "Show this" not in out


def test_messages_do_not_depend_on_the_users_locale_and_settings_are_restored():
    before = (gettext.textdomain(), os.environ.get("LANGUAGE"))
    for env in ({"LANG": "C", "LANGUAGE": ""}, {"LANG": "en_US.UTF-8", "LANGUAGE": "en"}):
        proc = subprocess.run([sys.executable, "-m", "docgen", "bild"], capture_output=True, text=True,
                              env={**os.environ, **env}, check=False)
        assert proc.returncode == 2
        assert proc.stderr.startswith("Lỗi: Không có lệnh 'bild'.")
    run("bild")
    assert (gettext.textdomain(), os.environ.get("LANGUAGE")) == before
