"""A rendered part's strict well-formedness check, its skeleton's verdict kept for the process.

`docgen.render.template` parses every rendered part with expat, strictly, so that broken XML
(a misplaced `{%p %}` tag) is refused instead of silently cut short: about 0.4 ms of a
decision's 3.5 ms of render (bench/worker.py), for parts that differ from one decision to the
next only in the texts of their runs.

The skeleton of a part is the part with the character data of every `<w:t>` and
`<w:t xml:space="preserve">` element left out. When the part holds no comment, CDATA, document
type or processing instruction but its declaration (then every `<` opens markup), no `]]>`,
no character XML 1.0 forbids and no `&` but the five named entities and `&#34;` `&#39;` (what
Jinja's escaping writes), each text left out is plain character data inside an element, and
the part is well-formed exactly when its skeleton is. The skeleton's verdict is kept by its
bytes: a thousand decisions of one shape have one skeleton. Whatever these checks do not
follow, and every skeleton expat refuses, goes to the whole part's parse, which raises the
same error the plain check raises (the fast road only ever says yes).
"""

import re
from xml.parsers import expat

# Off (False): every part parsed whole by expat (tests/test_build_fastpaths.py compares the two).
KEEP_SKELETONS = True
_SKELETONS: set[bytes] = set()
_KEPT = 64  # skeletons kept at most: a build's decisions have a few shapes

# A run's text element's start tag, and its text (dropped by `split`, the tag kept).
_TEXT = re.compile(rb'(<w:t(?: xml:space="preserve")?>)[^<]+(?=</w:t>)')
# The characters below U+0020 XML 1.0 forbids (tab, line feed and carriage return it allows).
_FORBIDDEN = bytes(range(0x09)) + b"\x0b\x0c" + bytes(range(0x0e, 0x20))
# The references Jinja's escaping writes: the five named entities, `"` and `'` by number.
_REFERENCE = re.compile(rb"&(?:amp|lt|gt|quot|apos|#34|#39);")


def _plain_texts(data: bytes) -> bool:
    """Whether every text of `data` is plain character data whatever surrounds it: no `&` but
    `_REFERENCE`s, no `]]>`, no character XML 1.0 forbids (U+FFFE, U+FFFF: EF BF BE/BF in UTF-8).
    Each test a search for one byte first: they are rare in a part."""
    at = data.find(b"&")
    while at >= 0:
        if not _REFERENCE.match(data, at):
            return False
        at = data.find(b"&", at + 1)
    if b"]" in data and b"]]>" in data or b"\xef" in data and b"\xef\xbf" in data:
        return False
    return len(data.translate(None, _FORBIDDEN)) == len(data)


def check(data: bytes) -> None:
    """Return when `data` (a str's UTF-8: a rendered part) is well-formed XML; raise
    expat.ExpatError as `expat.ParserCreate().Parse(data, True)` raises it when it is not."""
    if KEEP_SKELETONS and _plain_texts(data):
        skeleton = b"".join(_TEXT.split(data))
        if skeleton in _SKELETONS:
            return
        # No comment, CDATA or document type, no processing instruction but the declaration:
        # every `<` opens markup (a text holds none: these are the part's own).
        if b"<!" not in skeleton and skeleton.find(b"<?", 1) < 0:
            try:
                expat.ParserCreate().Parse(skeleton, True)
            except expat.ExpatError:
                pass  # the whole part's parse below says where
            else:
                if len(_SKELETONS) >= _KEPT:
                    _SKELETONS.clear()
                _SKELETONS.add(skeleton)
                return
    expat.ParserCreate().Parse(data, True)
