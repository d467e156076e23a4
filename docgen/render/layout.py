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
  renderer's own rounding never pushes a word over; a title in a table cell on the cell's width;
- a justified body line the layout would stretch (its next run, a name kept whole or a
  document's symbol, does not fit at its end) shares the width: the no-break spaces inside it
  break like the others, and its letters take a little (w:spacing), so its spaces stay under
  the page check's limit (`share_spaces`; ND30-PAGE-STRETCHED); where that is not enough, the
  run after it breaks at a joint and its first words end the line ("… của Sở" / "Nông
  nghiệp"), never inside a date, a number or a person's name. A break the layout is not sure
  of before such a line is made sure; every other break stays where it was.

Plain string work on the rendered XML, linear in its length. Widths: Times New Roman's
advance widths (docgen/vn/font_widths.py).
"""

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from docgen.vn import personal
from docgen.vn.font_widths import WIDTHS
from docgen.vn.pairs import WORD_PAIRS
from docgen.vn.text import LONGEST
from docgen.vn.titles import balanced_breaks

WORD_JOINER = "\u2060"  # no break here, no width: glues an en dash to the number after it
RULE_RATIO = 0.42  # of the longest line: inside 1/3-1/2 with room for rounding either way
# Title styles whose following DuongKe paragraph is sized here: (size pt, face).
TITLE_STYLES = {
    "TrichYeu": (14, "bold"),
    "DanhSachTieuDe": (14, "bold"),
    "DanhSachKemTheo": (14, "italic"),
    "PhuLuc": (14, "bold"),
    "VeViec": (12, "regular"),  # a công văn's trích yếu, in the header's left cell (balanced, not ruled)
}
# The templates' styles by name: LibreOffice, saving a template, renames the ids after the
# names ("ND30 Trích yếu" becomes "ND30Trchyu"); the names stay.
STYLE_NAMES = {
    "ND30 Trích yếu": "TrichYeu",
    "ND30 Tiêu đề danh sách": "DanhSachTieuDe",
    "ND30 Kèm theo": "DanhSachKemTheo",
    "ND30 Phụ lục": "PhuLuc",
    "ND30 Trích yếu công văn": "VeViec",
    "ND30 Đường kẻ": "DuongKe",
    "ND30 Nơi nhận": "NoiNhan",
    "ND30 Họ tên người ký": "NguoiKy",
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
            width = _cell_width(xml, start) if _in_table(xml, start) else width_at(end)
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


_TC_W = re.compile(r'<w:tcW w:w="(\d+)" w:type="dxa"/>')
_CELL_MAR = re.compile(r'<w:tblCellMar>(.*?)</w:tblCellMar>', re.S)
CELL_MARGIN = 108  # twips: a cell's left and right margin where the table states none (Word's)


def _cell_width(xml: str, at: int) -> int | None:
    """The text width (twips) of the table cell holding position `at`: its w:tcW (dxa) less the
    table's left and right cell margins (w:tblCellMar, `CELL_MARGIN` each when unstated)."""
    cell = xml.rfind("<w:tc>", 0, at)
    width = _TC_W.search(xml, cell, at)
    if cell < 0 or not width:
        return None
    table = xml.rfind("<w:tbl>", 0, cell)
    props = xml[table:xml.find("</w:tblPr>", table)] if table >= 0 else ""
    mar = _CELL_MAR.search(props)
    sides = [int(w) for side in ("left", "right") for w in re.findall(
        rf'<w:(?:{side}|{"start" if side == "left" else "end"}) w:w="(\d+)"', mar.group(1))][:2] if mar else []
    return int(width.group(1)) - (sum(sides) if len(sides) == 2 else 2 * CELL_MARGIN)


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


# --- A person's name in a table cell, glued whole where it fits the cell (issue 11) -----------
# keep_names(pairs=True) glues a proper name of a list's cell, a Nơi nhận or Kính gửi item whole
# (docgen.vn.text.proper_spaces); one wider than its cell is broken here where a person's name may
# break (docgen.vn.personal: after the honorific, after the family name taken whole, between
# middle names, never before the given name), on the cell's width as the template gives it.
# The column widths sized after (docgen.render.widths) take each glued piece as one word, so a
# name that fits the template's cell keeps a column at least as wide as it (see `_laid_name`).
NAME_SIZES = {"NguoiKy": (14, "bold")}  # a cell's paragraph style: (pt, face); any other 13 pt
CELL_NAME_SIZE = (13, "regular")  # the list tables' styles (ND30 Bảng - chữ)
SHORT_RUN = 15  # characters after a run's first word: a name no longer fits any cell of a list
# (run, cell width, line width, pt, face) -> the run laid out, for the process (FAST_LAYOUT): a
# build's lists repeat their people across decisions and documents.
_CELL_NAMES: dict[tuple[str, int, int, float, str], str] = {}


def fit_cell_names(xml: str, ids: dict[str, str] | None = None) -> str:
    """`xml` with each glued run of capitalised words (a proper name, `vn.personal`) in a table
    cell that does not fit the cell's text width broken by `_laid_name`: those no-break spaces
    (U+00A0) become spaces. A run is looked at when more than `SHORT_RUN` characters follow its
    first U+00A0 (shorter, a name fits any cell of a list: one search for the few longer runs);
    runs outside a table, and any other run, stay as they are."""
    if "\u00a0" not in xml or "<w:tbl>" not in xml:
        return xml
    out, last = [], 0
    tables: dict[int, tuple[int, int]] = {}  # a table's start: (its cell margins, its section's width)
    starts: list[int] | None = None
    for m in _LONG_GLUED.finditer(xml):
        begin = max(xml.rfind(" ", 0, m.start()), xml.rfind(">", 0, m.start())) + 1
        run = xml[begin:m.end()]
        if not all(w[:1].isupper() for w in run.split("\u00a0")) or not _in_table(xml, begin):
            continue
        cell = xml.rfind("<w:tc>", 0, begin)
        tcw = _TC_W.search(xml, cell, begin)
        if not tcw:
            continue
        if starts is None:
            starts = _found(xml, "<w:tbl>")  # the tables' starts, once: a search back crosses a long list
        table = starts[bisect_left(starts, cell) - 1]
        if table not in tables:
            tables[table] = (_cell_margins(xml[table:xml.find("</w:tblPr>", table)]), _section_width(xml, begin) or 0)
        margins, line = tables[table]
        size = NAME_SIZES.get(_style_at(xml, begin, ids, cell), CELL_NAME_SIZE)
        laid = _laid_name(run, int(tcw.group(1)) - margins, line, *size)
        if laid != run:
            out += [xml[last:begin], laid]
            last = m.end()
    return "".join(out) + xml[last:] if out else xml


# What follows a run's first U+00A0, more than SHORT_RUN characters of it (one literal first: a
# pattern opening with a class tries every position, 30 times slower on a decision).
_LONG_GLUED = re.compile(f"\u00a0[^ <>]{{{SHORT_RUN + 1},}}")


def _cell_margins(props: str) -> int:
    """A table's left + right cell margins (twips) from its w:tblPr, `CELL_MARGIN` each unstated."""
    mar = _CELL_MAR.search(props)
    sides = [int(w) for side in ("left", "right") for w in re.findall(
        rf'<w:(?:{side}|{"start" if side == "left" else "end"}) w:w="(\d+)"', mar.group(1))][:2] if mar else []
    return sum(sides) if len(sides) == 2 else 2 * CELL_MARGIN


def _style_at(xml: str, at: int, ids: dict[str, str] | None, low: int = 0) -> str:
    """docgen's id of the paragraph style of the paragraph holding `at`, which opens after `low`
    ("" for none)."""
    start = max(xml.rfind("<w:p>", low, at), xml.rfind("<w:p ", low, at))
    m = _STYLE.search(xml, start, at) if start >= 0 else None
    if not m:
        return ""
    return (ids or {}).get(m.group(1), m.group(1))


def _laid_name(run: str, width: int, line: int, size: float, face: str) -> str:
    """`run` (words joined by U+00A0) for a cell `width` twips wide on a text `line` twips wide:
    whole when it holds at most `LONGEST` characters; else open after its honorific and after its
    family name taken whole (`vn.personal.joints`: "Bà" / "Công Tằng Tôn Nữ" / "Thị Diệu Linh");
    a name wider than half the line, or than the cell when no such joint opens it, at its middle
    names as well. The widths sized after (docgen.render.widths) give a cell's line of up to three
    capitalised pieces its whole width, so a name in those pieces stays on one line where the
    table allows (a văn thư expects a name on one line), while the list's tables keep the widths
    they share; a longer name held whole would squeeze the other columns under their longest word."""
    key = (run, width, line, size, face)
    done = _CELL_NAMES.get(key) if FAST_LAYOUT else None
    if done is None:
        done = run
        if len(run) > LONGEST:
            words = run.split("\u00a0")
            whole = text_width(run, size, face)
            ranks = personal.joints(words)
            wanted = (personal.HONORIFIC, personal.FAMILY)
            if 2 * whole > line or whole > width and not any(r in wanted for r in ranks):
                wanted = (personal.HONORIFIC, personal.FAMILY, personal.MIDDLE)
            done = words[0] + "".join((" " if r in wanted else "\u00a0") + w
                                      for r, w in zip(ranks, words[1:], strict=True))
        if len(_CELL_NAMES) > 10_000:
            _CELL_NAMES.clear()
        _CELL_NAMES[key] = done
    return done


def lay_out(xml: str, ids: dict[str, str] | None = None,
            justified: dict[str, tuple[float, str, int, int, int]] | None = None) -> str:
    """All of the above, on a rendered word/document.xml; `ids` as for fit_title_rules;
    `justified` (justified_styles of the package) for share_spaces, none shared when None."""
    xml = fit_cell_names(keep_closing(fit_title_rules(balance_titles(no_break_in_ranges(xml), ids), ids), ids), ids)
    return share_spaces(xml, justified) if justified else xml


# --- Justified lines: the spaces a stretched line shares (issue 11) ---------------------------
# LibreOffice and Word fill a justified line greedily and widen its breaking spaces alike by what
# is left; a no-break space keeps its width. A line whose next run (a name kept whole, an office,
# a document's symbol) does not fit has that run's width to share among its breaking spaces, and
# the fewer they are the wider each grows: "Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng
# phòng Nội vụ," had 10 breaking spaces of 13 (three kept for "Hội đồng", "Ủy ban", "Trưởng
# phòng") and set them at 0.60 of the text's height. Inside such a line a no-break space does no
# work: the line breaks after its last word, so its spaces are made breaking and share the width,
# and every break stays where it was. A break before such a line the layout is not sure of (the
# run that went down misses by less than `SURE`, or the line's last word fits by less: it is laid
# on the next line) is made sure: that line's letters are set `PIN` wider (its words measured against
# LibreOffice's PDF: within 0.1 pt a word, the breaks of 186 lines of 190 alike, the rest in
# tables and notes not laid out here).
SHARE_ABOVE = 0.45  # of the words' height: a line reckoned wider than this shares its no-break spaces
EM_HEIGHT = 1.30  # ems a word's box is high in the PDF (pdftotext, Liberation Serif: 18.2 pt at 14 pt)
SURE = 20  # twips (1 pt): how clear a break must be for the layout to count on it
# The word before a place name ("tỉnh Thừa Thiên Huế", "thành phố Hồ Chí Minh"), as vn.text's
# place_spaces reads it: a name of three words after it is a place's, never a person's.
PLACE_LEVELS = frozenset(("tỉnh", "huyện", "quận", "xã", "phố", "phường", "trấn"))
# The words of two syllables a joint in small letters may stand between (docgen.vn.pairs).
_PAIRS = frozenset(p.lower() for p in WORD_PAIRS if p.count(" ") == 1)
_PUNCTUATION = ",.;:!?()“”\"'/"
# A run kept whole breaks at a joint only for a line that would still be stretched past the page
# check's limit (rules.yaml ND30-PAGE-STRETCHED, 0.50): a line of 0.45-0.50 keeps "Bà Rịa",
# "Côn Đảo" whole (tests/test_glued_names.py).
JOIN_ABOVE = 0.50
JOINT_DEPTH = 4  # lines a paragraph's layout weighs breaking a run at
PIN = 2  # twips a letter: what makes a break the layout is not sure of sure (70 letters: 7 pt)
# A line still wider than SHARE_ABOVE (no no-break space inside, or too few: "… năm 2021, Quyết
# định số" before "03/QĐ-LĐTBXH", a symbol that never breaks) lets its letters take part of the
# width, as a văn thư does in Word (Font, Character Spacing, Expanded): each letter's advance grows
# by up to TRACK of an em (w:spacing, twips), what brings its spaces to TRACK_TO of the height.
# 0.05 em (0.7 pt at 14 pt, Word's "Expanded by 0.7 pt"): at 0.04 a Sở Y tế công văn's line before a
# street's name kept whole ("… số 01 đường" / "Phạm Văn Đồng", tests/test_glued_names.py) stayed at 0.504.
TRACK = 0.05  # em
TRACK_TO = 0.40  # of the words' height
# A line still wider than SHARE_ABOVE with its letters spaced, whose next run is a name kept whole
# ("… năm 2024 của" / "Sở Nông nghiệp", "… thị xã Hương Trà," / "Hương Thủy"), takes that run's
# first words up: the run breaks at a joint (`_joint`), never inside a date, a number, a word or a
# person's name, where that leaves the paragraph's widest line narrower (the line after may be
# the one it leaves wide: "… của Sở Nội vụ tỉnh" / "Thừa Thiên Huế,", broken in turn), so no line
# docgen writes is sent back as stretched (ND30-PAGE-STRETCHED). A letter's spacing widens the
# gap it ends and the space's own too: a spaced gap is the space, twice the step and its share.
_DIRECT_IND = re.compile(r"<w:ind\b([^>]*)/>")
_RUN = re.compile(r"<w:r(?: [^>]*)?>.*?</w:r>", re.S)
_STYLE_BLOCK = re.compile(r'<w:style\b[^>]*w:type="paragraph"[^>]*w:styleId="([^"]+)"[^>]*>(.*?)</w:style>', re.S)


def justified_styles(styles_xml: bytes | str) -> dict[str, tuple[float, str, int, int, int]]:
    """{style id: (size pt, face, first-line indent, left indent, right indent; twips)} for the
    paragraph styles of word/styles.xml set justified (w:jc both) with their size stated, as
    docgen's templates state every style's (tools/make_templates.py). Face: WIDTHS' key."""
    text = styles_xml.decode("utf-8") if isinstance(styles_xml, bytes) else styles_xml
    out = {}
    for sid, body in _STYLE_BLOCK.findall(text):
        size = re.search(r'<w:sz w:val="(\d+)"', body)
        if '<w:jc w:val="both"/>' not in body or not size:
            continue
        out[sid] = (int(size.group(1)) / 2, _face(body), *_indents(body))
    return out


def _face(rpr: str) -> str:
    bold = re.search(r"<w:b/>|<w:b w:val=\"(?:1|true|on)\"/>", rpr) is not None
    italic = re.search(r"<w:i/>|<w:i w:val=\"(?:1|true|on)\"/>", rpr) is not None
    return {(False, False): "regular", (True, False): "bold", (False, True): "italic"}.get((bold, italic), "bolditalic")


def _indents(ppr: str, base: tuple[int, int, int] = (0, 0, 0)) -> tuple[int, int, int]:
    """(first line, left, right) indents in twips from the w:ind of `ppr` over `base`; a hanging
    indent as a negative first line."""
    m = _DIRECT_IND.search(ppr)
    if not m:
        return base
    first, left, right = base
    attrs = dict(re.findall(r'w:(\w+)="(-?\d+)"', m.group(1)))
    first = int(attrs["firstLine"]) if "firstLine" in attrs else -int(attrs["hanging"]) if "hanging" in attrs else first
    left = int(attrs.get("left", attrs.get("start", left)))
    right = int(attrs.get("right", attrs.get("end", right)))
    return first, left, right


def share_spaces(xml: str, styles: dict[str, tuple[float, str, int, int, int]]) -> str:
    """Each justified body paragraph (a style of `styles`, see `justified_styles`; outside a
    table, without tabs or line breaks) with the no-break spaces inside its stretched lines made
    breaking (see above), as laid out on its section's width; the rest as it is."""
    if not styles:
        return xml
    if FAST_SHARE:
        spans, width_at, in_table = _styled_spans(xml, styles), _section_widths(xml), _cells(xml)
    else:
        spans = [m.span() for m in _PARA.finditer(xml)]
        width_at, in_table = (lambda at: _section_width(xml, at)), (lambda at: _in_table(xml, at))
    edits = []
    for start, end in spans:
        para = xml[start:end]
        if "<w:tab/>" in para or "<w:br" in para or "<w:tbl" in para or "<w:numPr>" in para:
            continue  # a tab, a line break, a numbering label: widths the layout here does not know
        style = _STYLE.search(para)
        if not style or style.group(1) not in styles or in_table(start):
            continue
        jc = re.search(r'<w:jc w:val="(\w+)"/>', para)
        if jc and jc.group(1) != "both":
            continue
        width = width_at(end)
        if not width:
            continue
        size, face, *ind = styles[style.group(1)]
        if any(int(v) != size * 2 for v in re.findall(r'<w:sz w:val="(\d+)"/>', para)):
            continue  # a run of another size
        ppr = para[:para.find("</w:pPr>")] if "</w:pPr>" in para else ""
        first, left, right = _indents(ppr, tuple(ind))
        shared = _shared(para, size, face, width - left - right, first)
        if shared != para:
            edits.append((start, end, shared))
    if not edits:
        return xml
    out, last = [], 0
    for start, end, text in edits:
        out += [xml[last:start], text]
        last = end
    out.append(xml[last:])
    return "".join(out)


# share_spaces finds the paragraphs of its justified styles by their w:pStyle (FAST_SHARE): a
# decision holds 10 of them among 150 paragraphs, and going through every paragraph with the lazy
# pattern cost 0.8 ms of its render (issue 16); a cell's membership and a section's width are
# found once for the part. Off: every paragraph, each searched from its place.
FAST_SHARE = True
_STYLED: dict[tuple[str, ...], re.Pattern] = {}


def _styled_spans(xml: str, styles: dict) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph of `xml` holding a w:pStyle of `styles`, as
    `_PARA.finditer` spans it: from its "<w:p" to the first "</w:p>" after."""
    key = tuple(sorted(styles))
    pattern = _STYLED.get(key)
    if pattern is None:
        pattern = _STYLED[key] = re.compile('<w:pStyle w:val="(?:' + "|".join(re.escape(k) for k in key) + ')"/>')
    out: list[tuple[int, int]] = []
    for m in pattern.finditer(xml):
        start = xml.rfind("<w:p", 0, m.start())
        while start >= 0 and xml[start + 4] not in " >":
            start = xml.rfind("<w:p", 0, start)
        end = xml.find("</w:p>", m.end())
        if start < 0 or end < 0 or (out and start < out[-1][1]):
            continue
        out.append((start, end + 6))
    return out


def _cells(xml: str) -> Callable[[int], bool]:
    """`_in_table(xml, at)` as a function of `at`: False without a search outside the tables
    (their openings and closings found on its first call: a decision has four or five), where
    no cell is open."""
    found: list[list[int]] = []

    def in_table(at: int) -> bool:
        if not found:
            found.append([i for i in _found(xml, "<w:tbl") if xml[i + 6] in " >"])
            found.append(_found(xml, "</w:tbl>"))
        opened, closed = found
        return bisect_left(opened, at) > bisect_left(closed, at) and _in_table(xml, at)

    return in_table


_RUN_PARTS = re.compile(r"(<w:rPr>.*?</w:rPr>)|(<w:t(?: [^>]*)?>)([^<]*)</w:t>|(<w:noBreakHyphen/>)|<w:t(?: [^>]*)?/>",
                        re.S)
_RPR_AFTER_SPACING = ("<w:w ", "<w:w>", "<w:kern", "<w:position", "<w:sz ", "<w:szCs", "<w:highlight", "<w:u ",
                      "<w:effect", "<w:bdr", "<w:shd", "<w:fitText", "<w:vertAlign", "<w:rtl", "<w:cs/>", "<w:em ",
                      "<w:lang", "<w:eastAsianLayout", "<w:specVanish", "<w:oMath")


def _tracked(para: str, lines: list[tuple[int, int, int]]) -> str:
    """`para` with the characters of each (first, end, twips) of `lines` (indices into its text,
    as `_shared` reads it) in runs of their own spaced by w:spacing; `para` as it is when a run
    holds anything but its properties, text and no-break hyphens."""
    out, last, index = [], 0, 0
    for run in _RUN.finditer(para):
        body = run.group(0)
        inner = body[body.index(">") + 1:-len("</w:r>")]
        parts = list(_RUN_PARTS.finditer(inner))
        if re.sub(r"\s", "", _RUN_PARTS.sub("", inner)):
            return para  # a field, a drawing, a tab: left as it is
        rpr = next((m.group(1) for m in parts if m.group(1)), "")
        atoms = []  # (text index, XML of one character)
        for m in parts:
            if m.group(4):
                atoms.append((index, m.group(4)))
                index += 1
            elif m.group(2):
                for c in _CHAR.findall(m.group(3)):
                    atoms.append((index, c))
                    index += len(unescape(c))
        if not atoms:
            continue
        groups: list[tuple[int, list[str]]] = []  # (twips, atoms' XML) of consecutive atoms alike
        for at, xml in atoms:
            step = next((t for a, b, t in lines if a <= at < b), 0)
            if not groups or groups[-1][0] != step:
                groups.append((step, []))
            groups[-1][1].append(xml)
        if len(groups) == 1 and groups[0][0] == 0:
            continue
        start = body[:body.index(">") + 1]
        pieces = []
        for step, xmls in groups:
            content, text = [], []
            for x in xmls:
                if x == "<w:noBreakHyphen/>":
                    if text:
                        content.append('<w:t xml:space="preserve">' + "".join(text) + "</w:t>")
                        text = []
                    content.append(x)
                else:
                    text.append(x)
            if text:
                content.append('<w:t xml:space="preserve">' + "".join(text) + "</w:t>")
            pieces.append(start + (_spaced(rpr, step) if step else rpr) + "".join(content) + "</w:r>")
        out += [para[last:run.start()], "".join(pieces)]
        last = run.end()
    out.append(para[last:])
    return "".join(out)


def _spaced(rpr: str, step: int) -> str:
    """Run properties `rpr` with w:spacing `step` (twips) in its place in CT_RPr's sequence."""
    tag = f'<w:spacing w:val="{step}"/>'
    if not rpr:
        return f"<w:rPr>{tag}</w:rPr>"
    rpr = re.sub(r"<w:spacing [^>]*/>", "", rpr)
    at = min((i for i in (rpr.find(t) for t in _RPR_AFTER_SPACING) if i >= 0), default=rpr.rindex("</w:rPr>"))
    return rpr[:at] + tag + rpr[at:]


def _in_table(xml: str, at: int) -> bool:
    """Whether position `at` lies inside a table cell."""
    return xml.rfind("<w:tc>", 0, at) > xml.rfind("</w:tc>", 0, at)


def _letters(slack: float, gaps: int, count: int, space: float, height: float, most: int) -> tuple[int, float]:
    """(twips each of a line's `count` characters takes, its spaces' width then in units of the
    words' `height`) for a line `slack` twips short of its width with `gaps` breaking spaces of
    `space` twips: (0, its spaces' width) where they stay under SHARE_ABOVE. A letter's spacing
    widens the gap it ends and the space's own too (the checker measures ink to ink): a gap is
    the space, twice the step and its share of what the letters leave."""
    if not gaps:
        return 0, 0.0
    wide = (space + slack / gaps) / height
    if wide <= SHARE_ABOVE or count <= 2 * gaps:
        return 0, wide
    wanted = (slack + gaps * (space - TRACK_TO * height)) / (count - 2 * gaps)
    step = int(min(wanted, most, (slack - SURE) / count))
    if step <= 0:
        return 0, wide
    return step, (space + 2 * step + (slack - count * step) / gaps) / height


def _joint(text: str, upto: list[float], box: tuple[int, int], room: float) -> int | None:
    """The no-break space of the run `box` (character indices into `text`) at which a line may
    break so that the run's first part, `room` twips wide at most (`upto`: widths of the text's
    prefixes), ends the line before it; None when no joint may break or none fits. The joint of
    a place name of two words first ("Hương" / "Trà"), then one before a word that opens a unit
    with a capital ("Sở" / "Nông nghiệp", "Ban" / "Thường vụ", "huyện" / "Phong Điền"), then one
    inside a longer place name after its level ("tỉnh Thừa Thiên" / "Huế"); among joints alike
    the last that fits. Never a joint beside a number or a sign (a date, a document's number),
    inside a word (a small letter after it), nor inside another name of three capitalised words
    or more (a person's) or of two after a word in small letters ("huyện Phong" / "Điền")."""
    start, stop = box
    words, at = [], start
    for i in range(start, stop):
        if text[i] == "\u00a0":
            words.append((at, i))
            at = i + 1
    words.append((at, stop))
    names = [text[a:b] for a, b in words]
    before = text[:start].rstrip(" ").rsplit(" ", 1)[-1] if start else ""
    caps = [_capital(w) for w in names]
    best: tuple[int, int] | None = None
    for k in range(1, len(words)):
        joint = words[k][0] - 1
        if upto[joint] - upto[start] > room:
            break
        rank = _joint_rank(caps, k, [before, *names])
        if rank is not None and (best is None or rank <= best[0]):
            best = (rank, joint)
    return best[1] if best else None


def _capital(word: str) -> bool | None:
    """Whether `word` opens with a capital letter (quotes and brackets aside); None for a word
    with a digit or without a letter."""
    if any(c.isdigit() for c in word):
        return None
    letter = next((c for c in word if c.isalpha()), None)
    return None if letter is None else letter.isupper()


def _joint_rank(caps: list[bool | None], k: int, words: list[str]) -> int | None:
    """The rank (0 first) of the joint before word `k` of a run whose words' `_capital` are
    `caps`; `words`: the word before the run, then the run's words. None where it never breaks
    (see `_joint`)."""
    left, right = caps[k - 1], caps[k]
    if None in caps or words[k].lower() == "phó":
        return None  # a place with its dash ("Bà Rịa - Vũng Tàu"), a date, a number; "Phó" / "Trưởng khoa"
    if not right:  # between two words of two syllables ("Công đoàn" / "cơ sở"), never inside one
        pair = [w.strip(_PUNCTUATION).lower() for w in words[k - 1:k + 3]] + ["", ""]
        inside = f"{pair[1]} {pair[2]}" in _PAIRS
        return 1 if not inside and (f"{pair[0]} {pair[1]}" in _PAIRS or f"{pair[2]} {pair[3]}" in _PAIRS) else None
    if not left:
        return 1
    low, high = k - 1, k
    while low > 0 and caps[low - 1]:
        low -= 1
    while high + 1 < len(caps) and caps[high + 1]:
        high += 1
    if high - low >= 2:
        return 2 if words[low].lower() in PLACE_LEVELS else None
    if len(caps) == 2:
        return 0
    return 1 if low == 0 else None


@dataclass(frozen=True)
class _Line:
    """A line as `_Laying.line` lays it: boxes [at, end), its first and end character, how far
    its words fall short of the width (twips, spacing aside), how far the next box misses, the
    no-break spaces it frees, the twips each letter takes (w:spacing) and its spaces' width then
    in units of the words' height."""
    at: int
    end: int
    first: int
    last: int
    slack: float
    missed: float
    freed: tuple[int, ...]
    step: int
    spaced: float


class _Laying:
    """A paragraph's text laid out greedily as LibreOffice and Word lay it (`line`), on `line`
    twips the first `first` narrower, with the widths of `size`-pt characters of their faces."""

    def __init__(self, chars: list[tuple[str, str]], size: float, face: str):
        self.text = "".join(c for c, _ in chars)
        self.upto = [0.0]  # upto[i]: the width of text[:i], twips
        for c, f in chars:
            self.upto.append(self.upto[-1] + text_width(c, size, f))
        self.space = text_width(" ", size, face)
        self.height = size * 20 * EM_HEIGHT  # twips
        self.most = int(TRACK * size * 20)  # twips a letter may take
        self.push = False  # a line whose last word fits by less than SURE lays it on the next

    def width(self, box: tuple[int, int]) -> float:
        return self.upto[box[1]] - self.upto[box[0]]

    def line(self, boxes: list[tuple[int, int]], at: int, avail: float, opening: bool) -> _Line | None:
        """The line from box `at` on `avail` twips; None for the paragraph's last line (set flush
        left, never widened). `opening`: the paragraph's first line."""
        if at >= len(boxes):
            return None
        text, space = self.text, self.space
        end, used = at + 1, self.width(boxes[at])
        while end < len(boxes):
            wanted = used + space + self.width(boxes[end])
            if wanted > avail:
                break
            used, end = wanted, end + 1
        if end >= len(boxes):
            return None
        if self.push and avail - used < SURE and end - at > 1:
            # Its last word fits by less than SURE: laid on the next line, where PIN wider sends it
            # whatever a renderer's rounding (the word then misses by what it fitted by).
            shorter = used - space - self.width(boxes[end - 1])
            if avail - shorter >= (boxes[end - 2][1] - boxes[at][0]) * PIN + SURE:
                end, used = end - 1, shorter
        slack = avail - used
        gaps = end - at - 1
        inside = [i for b in range(at if opening else at + 1, end) for i in range(*boxes[b]) if text[i] == "\u00a0"
                  and 0 < i < len(text) - 1 and text[i - 1] not in " \u00a0" and text[i + 1] not in " \u00a0"]
        if opening:
            inside = [i for i in inside if i > boxes[0][1]]  # the first word's own: left as they are
        if not (gaps and inside and (space + slack / gaps) / self.height > SHARE_ABOVE):
            inside = []
        gaps += len(inside)
        first, last = boxes[at][0], boxes[end - 1][1]
        step, spaced = _letters(slack, gaps, last - first, space, self.height, self.most)
        return _Line(at, end, first, last, slack, space + self.width(boxes[end]) - slack, tuple(inside), step, spaced)


def _planned(lay: _Laying, boxes: list[tuple[int, int]], at: int, avail: float, opening: bool, line: float,
             depth: int = 0) -> tuple[float, list[tuple[_Line, int | None]]]:
    """(the widest spaces, the lines with the joint each breaks at or None) of the paragraph laid
    by `lay` from box `at`, its first line `avail` twips, the others `line`: each line wider than
    SHARE_ABOVE with its letters spaced either as it is or with the first words of the run after
    it taken up (`_joint`), whichever leaves the widest spaces to the paragraph's end narrower
    (the line after may be the one a run's first words leave wide); `JOINT_DEPTH` such choices."""
    out: list[tuple[_Line, int | None]] = []
    worst = 0.0
    while (ln := lay.line(boxes, at, avail, opening)) is not None:
        if ln.spaced > JOIN_ABOVE and depth < JOINT_DEPTH:
            joint = _joint(lay.text, lay.upto, boxes[ln.end], ln.slack - lay.space - SURE)
            split = boxes[:ln.end] + [(boxes[ln.end][0], joint), (joint + 1, boxes[ln.end][1])] + boxes[ln.end + 1:] \
                if joint is not None else boxes
            taken = lay.line(split, at, avail, opening) if joint is not None else None
            if taken is not None:
                kept_worst, kept = _planned(lay, boxes, ln.end, line, False, line, depth + 1)
                split_worst, after = _planned(lay, split, taken.end, line, False, line, depth + 1)
                if round(max(taken.spaced, split_worst), 2) < round(max(ln.spaced, kept_worst), 2):
                    return max(worst, taken.spaced, split_worst), out + [(taken, joint)] + after
                return max(worst, ln.spaced, kept_worst), out + [(ln, None)] + kept
        out.append((ln, None))
        worst = max(worst, ln.spaced)
        at, avail, opening = ln.end, line, False
    return worst, out


@lru_cache(maxsize=1024)
def _shared(para: str, size: float, face: str, line: int, first: int) -> str:
    """The paragraph `para` with the no-break spaces of its stretched lines made breaking, its
    letters spaced where that is not enough, the first words of the run that went down taken up
    (broken at a joint) where that is not enough either (see above), laid out on lines `line` twips wide, the first
    `first` twips narrower; cached: a batch repeats."""
    chars: list[tuple[str, str]] = []  # (character, face) of the paragraph's text, in order
    for run in _RUN.finditer(para):
        rpr = run.group(0)[:run.group(0).find("</w:rPr>")] if "</w:rPr>" in run.group(0) else ""
        run_face = _face(rpr) if rpr else face
        if rpr and face != "regular" and run_face == "regular":
            run_face = face  # a run with other properties keeps the style's face
        for piece in _TITLE_PIECE.finditer(run.group(0)):
            text = unescape(piece.group(2)) if piece.group(1) else "-"
            chars += [(c, run_face) for c in text]
    lay = _Laying(chars, size, face)
    text = lay.text
    boxes = [(m.start(), m.end()) for m in re.finditer(r"[^ ]+", text)]
    freed: set[int] = set()
    tracked: list[tuple[int, int, int]] = []  # (first, end) character indices of a line, twips a letter
    laid: list[tuple[int, int, int]] = []  # (first, end, pin) of each line laid; pin: +1 or 0 (sure)
    acted = 0  # lines of `laid` up to the last one shared, spaced or broken at a joint
    plan = _planned(lay, boxes, 0, line - first, True, line)[1]
    tight = next((n for n, (ln, _) in enumerate(plan) if not ln.step and ln.slack < SURE), len(plan))
    lay.push = any(ln.freed or ln.step or joint is not None for ln, joint in plan[tight + 1:])
    if lay.push:
        # A line to share after one whose last word fits by less than SURE: laid again with that
        # word on the next line, pinned there (a line so laid misses by what it fitted by).
        plan = _planned(lay, boxes, 0, line - first, True, line)[1]
    for ln, joint in plan:
        if not ln.step and ln.slack < SURE:
            break  # a word that fits by less than SURE may go down: the lines after it are guesses
        freed.update(ln.freed)
        if joint is not None:
            freed.add(joint)
        if ln.step:
            tracked.append((ln.first, ln.last, ln.step))
        # A word that misses by less than SURE: PIN wider makes it miss by more. (Letters set closer
        # did not pull a run up in LibreOffice: a line whose last word fits by less ends the work.)
        laid.append((ln.first, ln.last, 1 if not ln.step and ln.missed < SURE else 0))
        if ln.freed or ln.step or joint is not None or ln.missed <= 0:
            acted = len(laid)
    # A break the layout is not sure of (a word misses by less than SURE) before a line shared:
    # its letters set PIN wider, so it breaks where the lines after it were laid.
    tracked += [(a, b, pin * PIN) for a, b, pin in laid[:acted] if pin]
    if tracked:
        para = _tracked(para, tracked)
    if not freed:
        return para
    out, last, index = [], 0, 0
    for piece in _TITLE_PIECE.finditer(para):
        if not piece.group(1):
            index += 1
            continue
        parts = []
        for c in _CHAR.findall(piece.group(2)):
            parts.append(" " if index in freed else c)
            index += len(unescape(c))
        out += [para[last:piece.start(2)], "".join(parts)]
        last = piece.end(2)
    out.append(para[last:])
    return "".join(out)
