"""Layout the rendered body needs and a template cannot know: rules sized to their titles,
no break inside a year range, the closing kept with the text.

`lay_out(xml)` takes word/document.xml as rendered (str) and returns it with:

- the rule under a title (a `DuongKe` paragraph right after trích yếu, "DANH SÁCH", "Phụ lục"
  or "(Kèm theo …)" paragraphs) centred and sized to `RULE_RATIO` of the longest line of
  those paragraphs: Nghị định 30, Phụ lục I, II.5.b asks 1/3 to 1/2 of the line of text;
- no break inside a range of numbers ("2021-2025", "năm học 2023 - 2024", "28% – 32%") nor
  inside a document's symbol ("125/KH-LĐTBXH", "28/2020/TT-BGDĐT"): a hyphen there is written
  as <w:noBreakHyphen/> (what Word's Ctrl+Shift+- types), which Word and LibreOffice never
  break at, which LibreOffice draws with the font's own "-" and exports to PDF text as "-", and
  which every reader (python-docx, docgen's checker and readback) reads as "-"; the spaces
  around a range's dash become no-break spaces (U+00A0, a space to every docgen reader). The
  text stays what was typed. OOXML has no non-breaking en dash, and a line may break after an
  en dash typed without spaces ("2021–" / "2025"; Unicode's line breaking, UAX #14, class BA):
  a WORD JOINER (U+2060, `WORD_JOINER`) goes right after it, which forbids that break (UAX #14,
  WJ), has no width and no glyph, and is left out of the PDF's text by LibreOffice (checked on
  Liberation Serif); docgen's checker and read-backs read it as nothing;
- keep-with-next on the paragraph just before the closing table (Nơi nhận + signature), so
  the closing never stands alone on a page, whatever the template's last paragraph is;
- a title of several lines (trích yếu, the plan's and report's title, a list's title and its
  "(Kèm theo …)") broken as a văn thư breaks it: the fewest lines, of about equal width, each
  ending at a phrase joint (docgen.vn.titles.balanced_breaks); every other space of the title
  becomes a no-break space and a dash or slash after the first line is glued (a no-break
  hyphen, a word joiner), so Word and LibreOffice break it there and nowhere else. As many
  lines as they would make; each at most TITLE_FILL of the line where the words allow, so a
  renderer's own rounding never pushes a word over.

Plain string work on the rendered XML, linear in its length. Widths: Times New Roman's
advance widths (docgen/vn/font_widths.py).
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import lru_cache
from html import unescape

from docgen.vn.font_widths import WIDTHS
from docgen.vn.titles import balanced_breaks

WORD_JOINER = "\u2060"  # no break here, no width: glues an en dash to the number after it
RULE_RATIO = 0.42  # of the longest line: inside 1/3-1/2 with room for rounding either way
# Title styles whose following DuongKe paragraph is sized here: (size pt, face).
TITLE_STYLES = {
    "TrichYeu": (14, "bold"),
    "DanhSachTieuDe": (14, "bold"),
    "DanhSachKemTheo": (14, "italic"),
    "PhuLuc": (14, "bold"),
}
# The templates' styles by name: LibreOffice, saving a template, renames the ids after the
# names ("ND30 Trích yếu" becomes "ND30Trchyu"); the names stay.
STYLE_NAMES = {
    "ND30 Trích yếu": "TrichYeu",
    "ND30 Tiêu đề danh sách": "DanhSachTieuDe",
    "ND30 Kèm theo": "DanhSachKemTheo",
    "ND30 Phụ lục": "PhuLuc",
    "ND30 Đường kẻ": "DuongKe",
    "ND30 Nơi nhận": "NoiNhan",
}
_STYLE_DEF = re.compile(r'<w:style\b[^>]*?w:styleId="([^"]+)"[^>]*>\s*<w:name w:val="([^"]+)"/>')
_PARA = re.compile(r"<w:p[ >].*?</w:p>", re.S)
_STYLE = re.compile(r'<w:pStyle w:val="([^"]+)"/>')
_TEXT = re.compile(r"<w:t(?: [^>]*)?>([^<]*)</w:t>")
_IND = re.compile(r"<w:ind\b[^>]*/>")
# A dash before a number: of a range when a number stands before it, spaced on both sides or on
# neither ("2021-2025", "28% - 32%"). One pattern a dash: a pattern opening with a literal is
# searched for by that character, one opening with a set [-–] tries every position, a dozen
# times slower on a decision's XML (0.19 ms against 0.02).
_RANGES = (re.compile(r"-(?= ?[0-9])"), re.compile(r"–(?= ?[0-9])"))
# A document's symbol after its number ("125/KH-LĐTBXH", "30/2020/NĐ-CP", "20/2023/QĐ-TTg", a
# draft's "     /QĐ-LĐTBXH"): Nghị định 30, Phụ lục I, II.3; the slash first, a literal.
_SYMBOL = re.compile(r"/(?:[0-9]{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)+(?![\w-])")
_NUMBER_END = re.compile(r"[0-9.,%]*+(?![^\W\d_])")  # the rest of a number, no letter after it
_NUMBER_LAST = set("0123456789%")
_NBH = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
_PG_W = re.compile(r'<w:pgSz w:w="(\d+)"')
_MARGINS = re.compile(r"<w:pgMar [^>]*/>")
_LEFT, _RIGHT = re.compile(r'w:(?:left|start)="(\d+)"'), re.compile(r'w:(?:right|end)="(\d+)"')


def style_ids(styles_xml: bytes | str) -> dict[str, str]:
    """{style id in this package: docgen's id} for the styles of STYLE_NAMES (word/styles.xml)."""
    text = styles_xml.decode("utf-8") if isinstance(styles_xml, bytes) else styles_xml
    return {sid: STYLE_NAMES[name] for sid, name in _STYLE_DEF.findall(text) if name in STYLE_NAMES}


def text_width(text: str, size_pt: float, face: str = "regular") -> float:
    """Width of `text` on one line, in twips (1/20 pt); unknown characters as an "n"."""
    return _em_width(text, face) * size_pt * 20 / 1000


@lru_cache(maxsize=4096)
def _em_width(text: str, face: str) -> int:
    """Width in 1/1000 em; cached: a batch's titles repeat their words."""
    table = WIDTHS[face]
    default = table["n"]
    return sum(table.get(ch, default) for ch in text)


def longest_line(text: str, size_pt: float, face: str, width: int) -> float:
    """Width in twips of the longest line of `text` wrapped at word boundaries into `width`."""
    space = text_width(" ", size_pt, face)
    longest = current = 0.0
    for word in text.split(" "):  # a no-break space (U+00A0) joins: no line ends there
        if not word:
            continue
        w = text_width(word, size_pt, face)
        if current and current + space + w > width:
            longest = max(longest, current)
            current = w
        else:
            current = current + space + w if current else w
    return min(max(longest, current), width)


# longest_line kept by its arguments (FAST_LAYOUT): a build's decisions repeat their titles.
_longest_kept = lru_cache(maxsize=1024)(longest_line)


def text_area_width(xml: str) -> int | None:
    """Page width less left and right margins of the first section, in twips."""
    page, margins = _PG_W.search(xml), _MARGINS.search(xml)
    left, right = (_LEFT.search(margins.group(0)), _RIGHT.search(margins.group(0))) if margins else (None, None)
    if not page or not left or not right:
        return None
    return int(page.group(1)) - int(left.group(1)) - int(right.group(1))


def _text(paragraph: str) -> str:
    return unescape("".join(_TEXT.findall(paragraph)))


TITLE_FILL = 0.97  # of the text area: the widest a balanced title line is reckoned, when it can
_TITLE_PIECE = re.compile(r'(<w:t(?: [^>]*)?>)([^<]*)</w:t>|<w:noBreakHyphen/>')
_CHAR = re.compile(r"&[^;]+;|.", re.S)
_GLUED_AFTER = {"–": "–" + WORD_JOINER, "—": "—" + WORD_JOINER, "/": "/" + WORD_JOINER}


def balance_titles(xml: str, ids: dict[str, str] | None = None) -> str:
    """Each title paragraph of TITLE_STYLES longer than a line broken at balanced phrase joints
    (see the module's docstring); `ids` as for fit_title_rules. A title that fits on one line,
    or whose section's width is unknown, is left as it is."""
    ids = ids or {v: v for v in STYLE_NAMES.values()}
    width_at = _section_widths(xml) if FAST_LAYOUT else lambda at: _section_width(xml, at)
    edits: list[tuple[int, int, str]] = []
    for sid, name in ids.items():
        if name not in TITLE_STYLES:
            continue
        marker = f'<w:pStyle w:val="{sid}"/>'
        at = xml.find(marker)
        while at >= 0:
            start = _paragraph_start(xml, at)
            end = xml.find("</w:p>", at) + len("</w:p>")
            width = width_at(end)
            if width:
                para = xml[start:end]
                laid = _balanced(para, *TITLE_STYLES[name], width)
                if laid != para:
                    edits.append((start, end, laid))
            at = xml.find(marker, end)
    if not edits:
        return xml
    out, last = [], 0
    for start, end, text in sorted(edits):
        out.append(xml[last:start])
        out.append(text)
        last = end
    out.append(xml[last:])
    return "".join(out)


# The sections' places found once a part and each one's width read once (`_section_widths`),
# against a search from each title to its section and the section's width read again for each
# title; the titles' longest lines kept by their text (fit_title_rules); the paragraphs before the
# closing table found with str.find (keep_closing). Off (False): the plain searches. The edits,
# and so the bytes, are the same.
FAST_LAYOUT = True


def _section_widths(xml: str) -> Callable[[int], int | None]:
    """`_section_width(xml, at)` as a function of `at` (FAST_LAYOUT): the sections' places found
    on its first call, each section's width read once."""
    places: list[int] = []
    widths: dict[int, int | None] = {}

    def width_at(at: int) -> int | None:
        if not places:
            places.extend(_found(xml, "<w:sectPr") or [-1])
        i = bisect_left(places, at)
        sect = places[i] if i < len(places) and places[i] >= 0 else -1
        if sect not in widths:
            widths[sect] = text_area_width(xml[sect:xml.find("</w:sectPr>", sect)] if sect >= 0 else xml)
        return widths[sect]

    return width_at


def _found(xml: str, text: str) -> list[int]:
    """Where `text` starts in `xml`, each place (str.find: a pattern's search is slower)."""
    out = []
    at = xml.find(text)
    while at >= 0:
        out.append(at)
        at = xml.find(text, at + 1)
    return out


def _section_width(xml: str, at: int) -> int | None:
    """The text area's width (twips) of the section holding position `at`: that of the next
    w:sectPr (a section's properties close it), the body's last when none follows."""
    sect = xml.find("<w:sectPr", at)
    return text_area_width(xml[sect:xml.find("</w:sectPr>", sect)] if sect >= 0 else xml)


@lru_cache(maxsize=1024)
def _balanced(para: str, size: float, face: str, line: int) -> str:
    """The title paragraph `para` with its spaces made no-break but at the chosen line ends;
    cached: a batch's decisions repeat their titles."""
    pieces = list(_TITLE_PIECE.finditer(para))
    text = "".join(unescape(m.group(2)) if m.group(1) else "-" for m in pieces)
    if " " not in text.strip(" "):
        return para
    words, gaps, runs = [], [], []  # runs: (first, end) text indices of each gap's spaces
    end = 0
    for m in re.finditer(r"[^ ]+", text):
        if words:
            runs.append((end, m.start()))
            gaps.append(text_width(" ", size, face) * (m.start() - end))
        words.append(m.group(0))
        end = m.end()
    chosen = balanced_breaks(words, [text_width(w, size, face) for w in words], gaps, line, line * TITLE_FILL)
    if not chosen:
        return para
    free = {i for b in chosen for i in range(*runs[b])}  # the spaces lines break at
    second = runs[chosen[0]][1]  # where the second line starts: a break before is never taken
    out, last, index = [], 0, 0
    for m in pieces:
        if not m.group(1):
            index += 1
            continue
        chars = []
        for c in _CHAR.findall(m.group(2)):
            if c == " " and index not in free:
                c = "\u00a0"
            elif index >= second and c == "-":
                c = _NBH
            elif index >= second and c in _GLUED_AFTER:
                c = _GLUED_AFTER[c]
            chars.append(c)
            index += 1
        out.append(para[last:m.start(2)])
        out.append("".join(chars))
        last = m.end(2)
    out.append(para[last:])
    return "".join(out)


def fit_title_rules(xml: str, ids: dict[str, str] | None = None) -> str:
    """Each rule under a title centred at RULE_RATIO of the title's longest line; `ids` maps the
    package's style ids to docgen's (style_ids), docgen's own ids when None."""
    ids = ids or {v: v for v in STYLE_NAMES.values()}
    line_id = next((k for k, v in ids.items() if v == "DuongKe"), None)
    marker = f'<w:pStyle w:val="{line_id}"/>'
    if line_id is None or marker not in xml:
        return xml
    width = text_area_width(xml)
    if width is None:
        return xml
    out, last = [], 0
    at = xml.find(marker)
    while at >= 0:
        start = _paragraph_start(xml, at)
        end = xml.find("</w:p>", at) + len("</w:p>")
        titles = _titles_above(xml, start, ids)
        para = xml[start:end]
        if titles and _IND.search(para):
            measure = _longest_kept if FAST_LAYOUT else longest_line
            longest = max(measure(text, *TITLE_STYLES[s], width) for s, text in titles)
            if longest:
                indent = max(0, round((width - RULE_RATIO * longest) / 2))
                para = _IND.sub(f'<w:ind w:left="{indent}" w:right="{indent}" w:firstLine="0"/>', para, count=1)
                out.append(xml[last:start])
                out.append(para)
                last = end
        at = xml.find(marker, end)
    out.append(xml[last:])
    return "".join(out)


def _paragraph_start(xml: str, at: int) -> int:
    """Where the paragraph holding position `at` starts (its "<w:p>" or "<w:p ")."""
    start = at
    while True:
        start = xml.rfind("<w:p", 0, start)
        if start < 0 or xml[start + 4] in " >":
            return max(start, 0)


def _titles_above(xml: str, start: int, ids: dict[str, str]) -> list[tuple[str, str]]:
    """(docgen style, text) of the title paragraphs right above the paragraph at `start`."""
    titles = []
    while True:
        end = start
        while end > 0 and xml[end - 1].isspace():
            end -= 1
        if not xml.endswith("</w:p>", 0, end):
            break
        begin = _paragraph_start(xml, end - len("</w:p>"))
        style = _STYLE.search(xml, begin, min(end, begin + 300))
        name = ids.get(style.group(1), "") if style else ""
        if name not in TITLE_STYLES:
            break
        titles.append((name, _text(xml[begin:end])))
        start = begin
    return titles


def no_break_in_ranges(xml: str) -> str:
    """Ranges of numbers and documents' symbols in the runs' text kept on one line (see the
    module's docstring): "2021-2025", "2023 - 2024", "28% – 32%", "125/KH-LĐTBXH"."""
    edits: list[tuple[int, int, str]] = []
    for m in (m for pattern in _RANGES for m in pattern.finditer(xml)):  # the edits are sorted below
        space = " " if xml[m.start() - 1] == " " else ""
        start, end = m.start() - len(space), m.end() + len(space)
        if (xml[m.end()] == " ") != bool(space) or xml[start - 1:start] not in _NUMBER_LAST:
            continue  # "2021 -2025", "Lao động - Thương binh"
        left = start
        while left > 0 and xml[left - 1] in "0123456789.,%":
            left -= 1
        if xml[left - 1:left].isalpha() or xml[left - 1:left] in ("/", "-") or not xml[left].isdigit():
            continue  # "QĐ-2", "125/2021-…": not a number on the left
        if not _NUMBER_END.match(xml, end) or not _in_text(xml, start):
            continue
        dash = _NBH if m.group(0) == "-" else m.group(0) + ("" if space else WORD_JOINER)
        edits.append((start, end, (space and "\u00a0") + dash + (space and "\u00a0")))
    for m in _SYMBOL.finditer(xml):
        before = xml[m.start() - 1:m.start()]
        if not (before.isdigit() or before in (" ", "\u00a0")) or not _in_text(xml, m.start()):
            continue
        at = m.start()
        for part in m.group(0).split("-")[:-1]:
            at += len(part)
            edits.append((at, at + 1, _NBH))
            at += 1
    if not edits:
        return xml
    out, last = [], 0
    for start, end, text in sorted(edits):
        if start < last:
            continue
        out.append(xml[last:start])
        out.append(text)
        last = end
    out.append(xml[last:])
    return "".join(out)


def laid_symbol(symbol: str) -> str:
    """A document's number and symbol ("01/QĐ-LĐTBXH") as it stands in a run's text once laid out
    (no_break_in_ranges): what to look for in a written word/document.xml."""
    return no_break_in_ranges(f"<w:t>{symbol}</w:t>")[len("<w:t>"):-len("</w:t>")]


def _in_text(xml: str, at: int) -> bool:
    """Whether position `at` is in the text of a run: after "<w:t>" with no tag between."""
    opened, closed = xml.rfind("<", 0, at), xml.find("<", at)
    return (xml.startswith("<w:t>", opened) or xml.startswith("<w:t ", opened)) and xml.startswith("</w:t>", closed)


def keep_closing(xml: str, ids: dict[str, str] | None = None) -> str:
    """Keep-with-next on the last paragraph before the table holding "Nơi nhận:"."""
    ids = ids or {v: v for v in STYLE_NAMES.values()}
    closing = next((k for k, v in ids.items() if v == "NoiNhan"), None)
    at = xml.find(f'w:val="{closing}"') if closing else -1
    if at < 0:
        return xml
    table = xml.rfind("<w:tbl>", 0, at)
    if table < 0:
        return xml
    found = (_paragraphs(xml, max(0, table - 8000), table) if FAST_LAYOUT
             else [m.span() for m in _PARA.finditer(xml, max(0, table - 8000), table)])
    for start, end in reversed(found):
        para = xml[start:end]
        if "</w:tbl>" in xml[end:table]:
            return xml  # a table stands between: nothing to keep here
        if "<w:keepNext/>" in para or "<w:sectPr" in para:
            return xml
        if not _text(para).strip():
            continue  # an empty spacer: keep looking for the text
        if "<w:pPr>" in para:
            kept = re.sub(r"(<w:pPr>(?:<w:pStyle [^>]*/>)?)", r"\1<w:keepNext/>", para, count=1)
        else:
            kept = para.replace(">", "><w:pPr><w:keepNext/></w:pPr>", 1)
        return xml[:start] + kept + xml[end:]
    return xml


def _paragraphs(xml: str, low: int, high: int) -> list[tuple[int, int]]:
    """The spans `_PARA.finditer(xml, low, high)` gives, found with str.find (FAST_LAYOUT): a
    paragraph starts at "<w:p" and a space or ">" before `high` and ends at the first "</w:p>"
    after, ending by `high`; the next is looked for from its end. The lazy pattern tries its end
    at each character of the 8,000 before the closing table."""
    out = []
    at = low
    while (start := xml.find("<w:p", at, high)) >= 0:
        if start + 4 < high and xml[start + 4] in " >":
            end = xml.find("</w:p>", start + 5, high)
            if end < 0:
                break
            out.append((start, end + 6))
            at = end + 6
        else:
            at = start + 1
    return out


def lay_out(xml: str, ids: dict[str, str] | None = None) -> str:
    """All of the above, on a rendered word/document.xml; `ids` as for fit_title_rules."""
    return keep_closing(fit_title_rules(balance_titles(no_break_in_ranges(xml), ids), ids), ids)
