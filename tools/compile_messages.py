"""Compile docgen/locale/vi/LC_MESSAGES/docgen.po into docgen.mo (gettext's binary catalogue).

Run `python tools/compile_messages.py` after editing the .po; tests/test_clicktext.py checks that
the committed .mo is what this writes. Uses Babel (a test extra), a maintained .po/.mo library.
"""

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.clicktext import MO_FILE, PO_FILE  # noqa: E402


def compiled(po_file: Path = PO_FILE) -> bytes:
    """The .mo bytes for a .po file (deterministic: entries sorted by msgid)."""
    with po_file.open("rb") as f:
        catalog = read_po(f)
    # Babel stamps the clock into the header; a fixed date keeps the .mo byte-identical.
    catalog.creation_date = catalog.revision_date = datetime(2026, 1, 1, tzinfo=UTC)
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


if __name__ == "__main__":
    MO_FILE.write_bytes(compiled())
    print(f"wrote {MO_FILE.relative_to(ROOT)}")
