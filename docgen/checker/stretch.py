"""ND30-PAGE-STRETCHED: a justified line whose word spaces the layout stretched, as a văn thư
sees "Hội đồng nhân dân   và   Ủy ban nhân dân   huyện," and sends the page back.

Justification widens every breaking space of a line alike; no-break spaces (names kept whole)
and the last line of a paragraph keep their width. So a stretched line is a line of a justified
paragraph outside a table whose widest gap between words recurs (`RECUR` gaps or more within
`SAME` of each other), wider than the rule's `space` (rules.yaml), measured in units of the
height of the line's words (pdftotext's word boxes): body text at 13-14 pt set loose has spaces
of about 0.2 of it, ordinary Vietnamese words widen them to about 0.5. This is docgen's house
rule: Decree 30 asks justified body text (Phụ lục I) and says nothing of its spaces.
"""

from docgen.checker.findings import RULES
from docgen.checker.ooxml import Document
from docgen.checker.pdfpages import Line

RULE = "ND30-PAGE-STRETCHED"
MIN_WORDS = 5  # a shorter line is a title, a date or a cell's label, never set justified
RECUR = 2  # gaps: justification widens all the line's breaking spaces, a tab only one
SAME = 0.03  # of the height: gaps this close are one width


def widest_space(line) -> tuple[float, int]:
    """(the widest gap between two words of `line`, a pdfpages.Line, in units of its words'
    mean height; how many gaps are that wide within `SAME`). (0, 0) for a line of one word."""
    words = line.words
    height = sum(w.y1 - w.y0 for w in words) / len(words)
    gaps = [(b.x0 - a.x1) / height for a, b in zip(words, words[1:], strict=False)] if height > 0 else []
    if not gaps:
        return 0.0, 0
    widest = max(gaps)
    return widest, sum(abs(g - widest) < SAME for g in gaps)


def stretched(doc: Document, placed: list[list]) -> list[tuple[int, str, str]]:
    """(page, rule, message) for each stretched line of `placed` (pages.Placed by page, matched
    to the paragraphs of `doc`). poppler cuts a line stretched far into pieces (a word each), so
    the pieces standing on one baseline are taken together as one line; a line any of whose
    pieces belongs to a table, or to no justified paragraph, is left out. The message names the
    line and the first word of the next line of its paragraph: what did not fit at its end."""
    limit = RULES[RULE]["space"]
    paragraphs = {p.index: p for p in doc.paragraphs}
    rows = []  # (page, its pieces on one baseline), in reading order
    for number, lines in enumerate(placed, 1):
        on_page: dict[int, list] = {}
        for p in lines:
            on_page.setdefault(round(p.line.y1), []).append(p)
        rows += [(number, on_page[y]) for y in sorted(on_page)]
    out = []
    for at, (number, row) in enumerate(rows):
        paras = [paragraphs.get(p.paragraph) for p in row if p.paragraph is not None]
        if not paras or any(q is None or q.table is not None or q.props.align != "justify" for q in paras):
            continue
        line = Line(number, sorted((w for p in row for w in p.line.words), key=lambda w: w.x0))
        if len(line.words) < MIN_WORDS:
            continue
        widest, count = widest_space(line)
        if widest > limit and count >= RECUR:
            text = line.text
            out.append((number, RULE, RULES[RULE]["message"].format(
                text=text if len(text) <= 60 else text[:57] + "…", page=number,
                space=f"{widest:.2f}", limit=f"{limit:.2f}", next=_next_word(rows, at, paras[-1].index))))
    return out


def _next_word(rows: list, at: int, paragraph: int) -> str:
    """The first word of the line after rows[at] in paragraph `paragraph` (its next baseline
    holding a piece of it, on this page or a later one); "…" when none is found."""
    for _, row in rows[at + 1:]:
        mine = [p for p in row if p.paragraph == paragraph]
        if mine:
            return min((w for p in mine for w in p.line.words), key=lambda w: w.x0).text
    return "…"
