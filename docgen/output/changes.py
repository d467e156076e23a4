"""What differs between an issued document and the same document built again, said for the clerk.

An issued document is not rewritten (docgen.build refuses the build); the refusal names the part
of the page that would change, so the clerk finds the record field (or the template) behind it:
the paragraphs (table cells included) whose text changes, in page order, or, when every paragraph
reads the same, that only the formatting would change, which a change of the .docx template does.
"""

import difflib

from lxml import etree

from docgen.texts import say

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SHOWN = 2  # changes named in full; the others are counted
WIDTH = 60  # characters of a paragraph quoted
# A paragraph's text as a reader sees it, as docgen's checker reads it (checker.ooxml.LAYOUT_CHARS):
# a no-break space (a name kept on one line) is a space, a word joiner nothing. Quoted in a
# message, U+00A0 would print as a space yet make two texts that read alike differ.
_AS_READ = str.maketrans({"\u00a0": " ", "\u2060": None})


def paragraph_texts(document_xml: bytes) -> list[str]:
    """The text of every paragraph of a word/document.xml (body and table cells), in order, as a
    reader sees it (no-break spaces as spaces, word joiners left out)."""
    root = etree.fromstring(document_xml)
    return ["".join(t.text or "" for t in p.iter(f"{_W}t")).translate(_AS_READ) for p in root.iter(f"{_W}p")]


def what_changed(before: bytes, after: bytes) -> str:
    """How `after` (word/document.xml) differs from `before`, in Vietnamese: the first SHOWN
    paragraph changes quoted (changed, removed, added), the rest counted; or that the text is the
    same and only the formatting (the template) changed."""
    old, new = paragraph_texts(before), paragraph_texts(after)
    changes = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        gone = [t for t in old[i1:i2] if t.strip()]
        came = [t for t in new[j1:j2] if t.strip()]
        if tag == "equal" or not gone and not came:
            continue
        if gone and came:
            start = _common_start(" / ".join(gone), " / ".join(came))
            changes.append(say("'{old}' becomes '{new}'", old=_quoted(gone, start), new=_quoted(came, start)))
        elif gone:
            changes.append(say("'{old}' removed", old=_quoted(gone)))
        else:
            changes.append(say("'{new}' added", new=_quoted(came)))
    if not changes:
        return say("the text is the same; only the formatting changes (the .docx template)")
    text = "; ".join(changes[:SHOWN])
    if len(changes) > SHOWN:
        text += say(" and {count} more changes", count=len(changes) - SHOWN)
    return text


def _common_start(old: str, new: str) -> int:
    """Where to start quoting two texts so that their first difference shows: a few words
    before it (0 when it is near the start)."""
    same = 0
    while same < min(len(old), len(new)) and old[same] == new[same]:
        same += 1
    if same < WIDTH // 2:
        return 0
    space = old.rfind(" ", 0, same - WIDTH // 4)
    return space + 1 if space > 0 else 0


def _quoted(paragraphs: list[str], start: int = 0) -> str:
    """The paragraphs joined by " / ", from `start` ("…" before), cut to WIDTH ("…" after)."""
    text = " / ".join(paragraphs)
    head = "…" if start else ""
    text = text[start:]
    return head + (text if len(text) <= WIDTH else text[:WIDTH - 1].rstrip() + "…")
