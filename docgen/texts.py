"""docgen's own messages, kept in the Vietnamese catalogue beside click's (docgen/locale).

Each message is an entry of docgen/locale/vi/LC_MESSAGES/docgen.po under msgctxt "docgen": its
msgid is an English key with the message's {placeholders}, its msgstr the Vietnamese the user reads.
tools/compile_messages.py compiles the .po into docgen.mo, which `say` reads (whatever the user's
locale: docgen speaks Vietnamese only). A key missing from the catalogue raises KeyError, so a
message is never shown in English or empty.
"""

import difflib
import gettext
from collections.abc import Iterable
from functools import cache

from docgen.clicktext import MO_FILE, PO_FILE

CONTEXT = "docgen"


@cache
def _catalogue() -> dict[str, str]:
    with MO_FILE.open("rb") as f:
        return gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]


def say(key: str, /, **values: object) -> str:
    """The Vietnamese message for `key`, its {placeholders} filled from `values` (str.format).

    Raises KeyError when the catalogue has no such message (add it to docgen.po and compile)."""
    text = _catalogue().get(f"{CONTEXT}\x04{key}")
    if text is None:
        raise KeyError(f"{key!r}: not in {PO_FILE.name} (msgctxt \"{CONTEXT}\"); add it and run"
                       " tools/compile_messages.py")
    return text.format(**values)


def closest(given: str, known: Iterable[str]) -> str | None:
    """The known name nearest to a mistyped `given` (difflib's ratio ≥ 0.6), or None."""
    found = difflib.get_close_matches(given, sorted(set(known)), n=1)
    return found[0] if found else None


def did_you_mean(given: str, known: Iterable[str]) -> str:
    """"; có phải là 'x'?" for the known name nearest to `given`, or "" when none is near."""
    hint = closest(given, known)
    return say("; did you mean '{hint}'?", hint=hint) if hint is not None else ""
