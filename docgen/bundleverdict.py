"""The print bundle's lint from its decisions' verdicts and a sample of its joins (issue 16).

The print bundle (docgen.output.bundle) is the decisions' bodies one after another in the
first decision's package; each decision is also written, and judged, as a file of its own. The
bundle's whole lint reads its 120,000 paragraphs again (a second of one core, the build's
last task). When every decision's report is clean, the bundle's can be had without that read:

- every paragraph and section of a decision's body is in the bundle as the same bytes, and was
  judged by every rule in the decision's own file (as the first document of its file: the
  page-wide checks of its sections and of all its paragraphs included);
- what only the bundle has is how it is put together: its head and tail, its core properties,
  the first decision's other parts, and the paragraph that carries each decision's last section
  mark into the next one (the joins). A small bundle of the sampled decisions (`sample`: the
  first two, the last, and one of each distinct set of section marks, so that every kind of
  join and section the bundle holds is in it), made by the same `bundle` call, is judged whole
  by every rule, as the real bundle would be.

Both clean (and of the same draft status), the bundle's report is the sample bundle's report:
no finding, the same draft reason, nothing deferred. Anything else (a finding, a deferred
count, an unreadable part, a draft status differing between the decisions) and the bundle is
judged whole as before (`carried`'s `whole`), so its report names the exact paragraphs.
tests/test_bundle_verdict.py compares both roads, and shows a fault only the bundle has (in
its joins) found by the sample bundle.
"""

import re
from collections.abc import Callable

from docgen.output.bundle import bundle

CARRY = True  # fast path (tests/test_build_fastpaths.py turns it off): False judges the bundle whole
# Section marks found by bytes.find of "w:sectPr" (a decision holds three) rather than by the
# pattern tried at each of the 25 MB's "<" (68 ms of the build's process for 1,000 decisions,
# while the last documents render); the same tags either way (tests/test_bundle_verdict.py).
FIND_MARKS = True

# A section mark's opening tag (self-closing or not; not <w:sectPrChange>), or its end tag.
_SECTION_TAG = re.compile(rb"<w:sectPr\b[^>]*?(/?)>|</w:sectPr>")


def section_marks(document: bytes) -> tuple[bytes, ...]:
    """Every <w:sectPr …>…</w:sectPr> element (outermost, a tracked change's inside it kept
    in it) of a rendered word/document.xml, in order: a decision's sections, their page setup,
    headers and numbering restarts."""
    out = []
    depth = start = 0
    for at, end, closing, empty in section_tags(document):
        if closing:
            depth -= 1
            if depth == 0:
                out.append(document[start:end])
            depth = max(depth, 0)
        elif empty:  # self-closing
            if depth == 0:
                out.append(document[at:end])
        else:
            if depth == 0:
                start = at
            depth += 1
    return tuple(out)


def section_tags(document: bytes):
    """Each match of _SECTION_TAG in `document`, in order: (start, end, an end tag, a
    self-closing start tag); with FIND_MARKS found by bytes.find, not by the pattern."""
    if not FIND_MARKS:
        for tag in _SECTION_TAG.finditer(document):
            yield tag.start(), tag.end(), tag.group(0).startswith(b"</"), bool(tag.group(1))
        return
    at = document.find(b"w:sectPr")
    while at >= 0:
        after = at + 8
        if at >= 1 and document[at - 1] == 60:  # "<": a start tag when a non-word character follows
            follows = document[after:after + 1]
            if follows and not (follows.isalnum() or follows == b"_"):
                end = document.find(b">", after)
                if end < 0:
                    return  # no ">" left: nothing more matches
                yield at - 1, end + 1, False, end > after and document[end - 1] == 47  # "/>"
                at = document.find(b"w:sectPr", end + 1)
                continue
        elif at >= 2 and document[at - 2:at] == b"</" and document[after:after + 1] == b">":
            yield at - 2, after + 1, True, False
        at = document.find(b"w:sectPr", after)


def sample(decisions: list[dict[str, bytes]]) -> list[int]:
    """The indices (ascending) of the decisions whose small bundle stands for the whole one: the
    first two, the last, and the first decision of each set of section marks not yet among them
    (a decision's last section mark is the one its join carries)."""
    n = len(decisions)
    chosen = {0, min(1, n - 1), n - 1}
    seen = {section_marks(decisions[i]["word/document.xml"]) for i in chosen}
    for i, parts in enumerate(decisions):
        marks = section_marks(parts["word/document.xml"])
        if marks not in seen:
            seen.add(marks)
            chosen.add(i)
    return sorted(chosen)


def sample_bundle(decisions: list[dict[str, bytes]], core: bytes | None, chosen: list[int]) -> dict[str, bytes]:
    """The parts of the bundle of the `chosen` decisions, made as the whole bundle is."""
    return bundle([decisions[i] for i in chosen], core)


def _clean(report: object) -> bool:
    return (getattr(report, "error", "") is None and not getattr(report, "findings", True)
            and not getattr(report, "deferred", True))


def carried(sampled: Callable[[], object], decisions: list[object], whole: Callable[[], object]) -> object:
    """The bundle's docgen.checker.Report: `sampled()` (the sample bundle's report, judged at the
    bundle's path) when it and every decision's report (`decisions`: reports, or calls giving
    them) are clean and of its draft status; otherwise `whole()`, the bundle judged whole."""
    report = sampled()
    if not _clean(report):
        return whole()
    for each in decisions:
        each = each() if callable(each) else each
        if not _clean(each) or getattr(each, "draft", None) != getattr(report, "draft", None):
            return whole()
    return report
