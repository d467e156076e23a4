"""Write the record files' JSON Schemas (schemas/, docgen/law/schemas/) and the first line of each
shipped record file that points to its schema.

Run `python tools/make_schemas.py` after changing a record model (docgen/records/) or its texts
(docgen/records/editor_schema.yaml); tests/test_editor_schema.py checks that the committed files
are what this writes.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.records.editor_schema import (  # noqa: E402
    LAW,
    MODELINE,
    SCHEMA_FILES,
    modeline,
    write_workspace_schemas,
)

LAW_DIR = ROOT / "docgen" / "law"


def shipped_records():
    """(schema row, path in the checkout, path relative to a workspace root) of each shipped file."""
    for entry in SCHEMA_FILES:
        for pattern in entry.records:
            base, pattern_in = (LAW_DIR, pattern.removeprefix("law/")) if entry.folder == LAW else (ROOT, pattern)
            for path in sorted(p for p in base.glob(pattern_in) if entry.holds(p)):
                relative = f"law/{path.relative_to(LAW_DIR)}" if entry.folder == LAW else str(path.relative_to(ROOT))
                yield entry, path, relative


def with_modeline(text: str, line: str) -> str:
    """The file's text with `line` first: replacing an older schema line, or added above the rest.

    When added, the first empty or bare "#" line of the leading comments goes, so that every
    line of data keeps its number (messages and tests name file:line:col).
    """
    lines = text.split("\n")
    if lines[0].startswith(MODELINE):
        return "\n".join([line, *lines[1:]])
    for i, current in enumerate(lines):
        if current.strip() in ("", "#"):
            del lines[i]
            break
        if not current.startswith("#"):
            break
    return "\n".join([line, *lines])


def main() -> None:
    for path in write_workspace_schemas(ROOT, law_dir=LAW_DIR):
        print(path.relative_to(ROOT))
    for entry, path, relative in shipped_records():
        text = path.read_text(encoding="utf-8")
        new = with_modeline(text, modeline(entry, relative))
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
