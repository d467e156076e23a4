"""The print bundle: every decision of a batch in one .docx, each in its own sections.

The decisions come from one template, so they share styles, headers and relationship ids:
the bundle is the first decision's package with the bodies placed one after another. Each
decision's last section mark moves into a paragraph, so every decision (and its list) keeps
its own page setup, restarts its page numbers at 1 and hides the number on its first page.
Plain string work, linear in the number of decisions (docxcompose merges into one section
and grows superlinearly).
"""

import re

_BODY = re.compile(rb"<w:body>(.*)</w:body>", re.S)
_LAST_SECT = re.compile(rb"(<w:sectPr\b(?:(?!<w:sectPr\b).)*</w:sectPr>)\s*$", re.S)


def bundle(documents: list[dict[str, bytes]], core: bytes | None = None) -> dict[str, bytes]:
    """The parts of one .docx holding every document of `documents` (rendered parts) in order."""
    if not documents:
        raise ValueError("no documents to bundle")
    bodies = []
    for i, parts in enumerate(documents):
        body = _BODY.search(parts["word/document.xml"]).group(1)
        if i < len(documents) - 1:
            last = _LAST_SECT.search(body)
            body = body[: last.start()] + b"<w:p><w:pPr>" + last.group(1) + b"</w:pPr></w:p>"
        bodies.append(body)
    first = documents[0]["word/document.xml"]
    head = first[: first.index(b"<w:body>") + len(b"<w:body>")]
    tail = first[first.index(b"</w:body>"):]
    out = dict(documents[0])
    out["word/document.xml"] = head + b"".join(bodies) + tail
    if core is not None:
        out["docProps/core.xml"] = core
    return out
