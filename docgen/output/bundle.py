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
# The paragraph that carries a document's section mark after its last block (the list's table):
# 1 pt tall, no spacing, so a table that fills its last page does not push it onto a blank page
# of its own (issue 11; the same paragraph as tools/make_templates.py section_break).
_BREAK_PPR = (b'<w:p><w:pPr><w:keepNext w:val="0"/><w:widowControl w:val="0"/>'
              b'<w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
              b'<w:ind w:left="0" w:right="0" w:firstLine="0"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>')


def bundle(documents: list[dict[str, bytes]], core: bytes | None = None,
           blank_after: list[bool] | None = None) -> dict[str, bytes]:
    """The parts of one .docx holding every document of `documents` (rendered parts) in order.

    `blank_after[i]` puts a blank page after document i (not after the last): for two-sided
    printing, a document of an odd number of pages leaves the back of its last sheet blank, so
    the next one starts on a front (docgen/output/duplex.py). The blank page is a section of its
    own with no page number shown. (Word's and LibreOffice's "odd page" section start cannot do
    this: both judge odd by the page number, and every decision restarts its numbers at 1.)
    """
    if not documents:
        raise ValueError("no documents to bundle")
    bodies = []
    for i, parts in enumerate(documents):
        body = _body(parts["word/document.xml"])
        if i < len(documents) - 1:
            start, section = _last_section(body)
            body = body[:start] + _BREAK_PPR + section + b"</w:pPr></w:p>"
            if blank_after and blank_after[i]:
                body += b"<w:p><w:pPr>" + _blank_section(section) + b"</w:pPr></w:p>"
        bodies.append(body)
    first = documents[0]["word/document.xml"]
    head = first[: first.index(b"<w:body>") + len(b"<w:body>")]
    tail = first[first.index(b"</w:body>"):]
    out = dict(documents[0])
    out["word/document.xml"] = head + b"".join(bodies) + tail
    if core is not None:
        out["docProps/core.xml"] = core
    return out


def _blank_section(section: bytes) -> bytes:
    """A one-page section like `section`, its page showing the first-page header (no number)."""
    if b"<w:titlePg/>" not in section:
        section = section.replace(b"</w:sectPr>", b"<w:titlePg/></w:sectPr>")
    return section


def _body(document: bytes) -> bytes:
    """What `_BODY` matches: from the first <w:body> to the last </w:body> (found without a
    regular expression: `.*` over a long list costs a millisecond a decision)."""
    start = document.find(b"<w:body>")
    end = document.rfind(b"</w:body>")
    if start < 0 or end < start + len(b"<w:body>"):
        raise ValueError("a rendered document without <w:body>")
    return document[start + len(b"<w:body>"): end]


def _last_section(body: bytes) -> tuple[int, bytes]:
    """Where the body's closing section properties start, and that <w:sectPr> element: what
    `_LAST_SECT` matches (the last <w:sectPr, which ends the body but for white space)."""
    start = len(body)
    while True:
        start = body.rfind(b"<w:sectPr", 0, start)
        if start < 0:
            raise ValueError("a rendered document without its last <w:sectPr>")
        after = body[start + len(b"<w:sectPr"): start + len(b"<w:sectPr") + 1]
        if not (after.isalnum() or after == b"_"):  # \b: not <w:sectPrChange
            break
    tail = body[start:].rstrip()
    if not tail.endswith(b"</w:sectPr>"):
        raise ValueError("a rendered document whose body does not end with its <w:sectPr>")
    return start, tail
