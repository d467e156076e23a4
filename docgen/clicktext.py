"""click's own messages (usage errors, help headings, prompts) in Vietnamese, through gettext.

click marks each of its messages with the standard library's `gettext.gettext` (module-level
`from gettext import gettext as _`), which looks the text up in the current text domain for the
languages named by the LANGUAGE/LC_ALL/LC_MESSAGES/LANG variables at the moment of the call
(Python documentation, `gettext` — GNU gettext API). docgen ships the Vietnamese catalogue
docgen/locale/vi/LC_MESSAGES/docgen.mo, compiled from docgen.po beside it by
tools/compile_messages.py, and `vietnamese()` makes it the one in force while a command runs.
"""

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "docgen"
LANGUAGE = "vi"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
PO_FILE = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"
MO_FILE = PO_FILE.with_suffix(".mo")


@contextmanager
def vietnamese() -> Iterator[None]:
    """Within the block, click's (and any `gettext.gettext` user's) messages come from docgen.mo.

    Sets the process's text domain and the LANGUAGE variable, and puts both back on leaving, so
    a caller embedding docgen (tests with click's CliRunner) keeps its own settings afterwards.
    """
    previous_domain = gettext.textdomain()
    previous_language = os.environ.get("LANGUAGE")
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)
    os.environ["LANGUAGE"] = LANGUAGE
    try:
        yield
    finally:
        gettext.textdomain(previous_domain)
        if previous_language is None:
            os.environ.pop("LANGUAGE", None)
        else:
            os.environ["LANGUAGE"] = previous_language
