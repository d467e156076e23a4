"""Column widths of the list tables chosen by what they hold (issue 11, item 4).

A table docgen fills from records (a Danh sách, the unit form's targets, the report's tables and
annexes) is laid out here, after rendering, from the text that went into it:

- each column is at least its longest word (a word of the bold header or of a cell, Times New
  Roman 13 pt, `docgen/vn/font_widths.py`) plus the cell's margins, so no word breaks;
- a column wants its longest line (a cell's paragraph or line on one line; the header in at most
  two lines);
- the text width of the table's section (16.5 cm portrait, 25.2 cm landscape) is then shared by
  need, the most even way: columns that want little get all they want, the columns of long text
  share the rest equally (max-min fair share);
- where two or more columns hold long text (a report's names and notes), twips move between
  columns while that makes the table lower (fewer lines, each row as high as its fullest cell);
- when every column has all it wants, what is left goes by the template's widths.

Which tables, and what happens to a clerk's own widths:
- sized are the tables with a header row repeated on each page (Word: "Repeat as header row")
  and "Automatically resize to fit contents" on (no `<w:tblLayout w:type="fixed"/>`); the stock
  templates' list tables are made so;
- a table whose layout is fixed (the clerk unticks "Automatically resize to fit contents" in
  Word, or a template older than this rule) keeps the widths of the template, as typed; a
  template saved by LibreOffice, which writes every table fixed, is read as autofit (`as_saved`);
- a column of blanks the reader fills (content controls, the unit form's "Thực hiện" and its
  "Ghi chú") keeps at least the template's width (only the template knows how much a hand-typed
  answer needs), and at least `BLANK_MIN`, `BLANK_SAMPLE` on one line with the cell's margins
  and never under the README's 1.7 cm (`BLANK_README`, 964 twips), so that a figure or a word
  can be typed in Word or written by hand; an empty
  blank (a note) as well: at the template's 600 twips (1 cm) a unit's clerk could not write in it.
The output is written with a fixed layout, so Word and LibreOffice show exactly these widths.

Same XML in, same widths out: all arithmetic is on integers (twips).
"""

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice
from operator import mul

from lxml import etree

from docgen.vn.font_widths import WIDTHS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CELL_SIZE = 13  # pt: the templates' table styles (ND30 Bảng - chữ, - số, - tiêu đề)
_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)
SLACK = 40  # twips added to a column's longest line (see column_widths)
# What a blank the reader fills must hold on one line (issue 11, item 6): a rate or a figure as
# a unit types it, "100,0%" or "12.345"; written by hand, six figures at about 2.5 mm each.
BLANK_SAMPLE = "100,0%"
_UNITS = CELL_SIZE * 20  # font units (1/1000 em) * this // 1000 = twips
_BREAKABLE = str.maketrans({"\t": " ", "\n": " ", "\u2002": " ", "\u2003": " ", "\u2009": " "})


def text_width(text: str, face: str = "regular") -> int:
    """Width of `text` on one line at 13 pt in Times New Roman, in twips (an unknown character as
    an "n"). U+00A0 (a kept name's space) is measured as a space."""
    table = WIDTHS[face]
    default = table["n"]
    return sum(table.get(ch, default) for ch in text) * _UNITS // 1000


# The README's promise for a blank: at least 1.7 cm, rounded up to whole twips so that the width
# read back in cm is never under 1,70 (1.7 cm = 963.78 twips -> 964).
BLANK_README = -(-17 * 14400 // 254)  # 17 mm * 1440 twips / 25.4 mm, rounded up
BLANK_MIN = max(text_width(BLANK_SAMPLE) + 2 * 57 + SLACK, BLANK_README)  # twips: 964


def _words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces, never at U+00A0 (docgen's `nobreak`).
    A name of three words each with a capital first letter ("TP Ninh Bình": a unit's column
    title) is two pieces, its narrower split in two lines: squeezing a column never takes a name
    to a word a line ("TP / Ninh / Bình"). A name of two ("Yên / Mô") may break, as in a column
    title of two lines. Text that holds a U+00A0 is taken as glued (`keep_names` has said where
    it may break): "Ông Công Tằng Tôn Nữ Đức Anh Tuấn" glued in three runs is not two."""
    words = [w for w in text.translate(_BREAKABLE).split(" ") if w]
    if len(words) == 3 and all(w[0].isupper() for w in words) and "\u00a0" not in text:
        first, last = f"{words[0]}\u00a0{words[1]}", f"{words[1]}\u00a0{words[2]}"
        if max(text_width(first), text_width(words[2])) <= max(text_width(words[0]), text_width(last)):
            return [first, words[2]]
        return [words[0], last]
    return words


def _two_lines(line: "_Line") -> int:
    """The width a header line's words need in at most two lines, in twips."""
    sizes, space = line
    if len(sizes) < 2:
        return sum(sizes)
    total = sum(sizes) + space * (len(sizes) - 1)
    best, left = total, -space
    for size in sizes[:-1]:
        left += space + size
        best = min(best, max(left, total - left - space))
    return best


def _fill(least: list[int], most: list[int], width: int) -> list[int]:
    """`min(max(L, least), most)` per column for the one level L that fills `width` (whole twips
    left go one each to the first columns that grow at L + 1); needs sum(least) < width < sum(most)."""

    def at(level: int) -> list[int]:
        return [min(max(level, lo), hi) for lo, hi in zip(least, most, strict=True)]

    low, high = 0, max(most) + 1  # sum(at(low)) <= width < sum(at(high))
    while high - low > 1:
        mid = (low + high) // 2
        if sum(at(mid)) <= width:
            low = mid
        else:
            high = mid
    out, grown = at(low), at(low + 1)
    rest = width - sum(out)
    for i in range(len(out)):
        if rest and grown[i] > out[i]:
            out[i] += 1
            rest -= 1
    return out


def share(least: list[int], most: list[int], template: list[int], width: int,
          wraps: list[bool] | None = None) -> list[int]:
    """Widths (twips) summing to `width`, each column between `least` and `most` where it can.

    The most even share (one level for all): the columns that want less than it get all they
    want, the others (long texts) the level. When every column can have `most`, the rest goes
    to the columns of text (`wraps`: a cell holds a line of several words; by default every
    column), by the template's widths. When `least` overflows, the columns shrink in proportion
    to it (words will break: the model turns a wide annex to landscape first).
    """
    n = len(least)
    if sum(least) >= width:
        scale = sum(least) or 1
        out = [x * width // scale for x in least]
        out[-1] += width - sum(out)
        return out
    if sum(most) <= width:
        takers = [i for i in range(n) if (wraps is None or wraps[i]) and template[i] > 0] or list(range(n))
        weights = [template[i] if i in takers else 0 for i in range(n)]
        total = sum(weights)
        left = width - sum(most)
        if total:
            out = [m + left * w // total for m, w in zip(most, weights, strict=True)]
        else:
            out = [m + (left // len(takers) if i in takers else 0) for i, m in enumerate(most)]
        out[max(takers, key=lambda i: (weights[i], -i))] += width - sum(out)
        return out
    return _fill(least, most, width)


def _count(lines: list["_Line"], room: int) -> int:
    """How many lines `lines` take in a cell `room` twips wide, broken at spaces (a word wider
    than the cell is broken in it, as Word and LibreOffice do)."""
    count = 0
    for sizes, space in lines:
        used = -1
        for size in sizes:
            if used >= 0 and used + space + size <= room:
                used += space + size
                continue
            if used >= 0:
                count += 1
            broken = (size - 1) // room  # full lines of a word wider than the cell
            count += broken
            used = size - broken * room
        count += 1
    return count


def _steps(line: "_Line") -> list[int]:
    """The rooms (twips, ascending) at which `line` takes one line fewer, as `_count` counts it:
    in a room of at least its widest word it takes 1 + (how many of them are wider than the
    room) lines. A greedy filling is the fewest lines any split of the words gives, so the
    count only falls as the room grows, and it changes only where the room reaches the width of
    some run of consecutive words: the step to c lines is the narrowest such width at which the
    filling needs c lines or fewer (found by halving)."""
    sizes, space = line
    widest = max(sizes)
    runs = set()
    for i in range(len(sizes)):
        run = -space
        for size in sizes[i:]:
            run += space + size
            if run >= widest:
                runs.add(run)
    rooms = sorted(runs)  # rooms[0] is the widest word, rooms[-1] the whole line

    def lines_in(room: int) -> int:
        count, used = 1, -space
        for size in sizes:
            if used + space + size <= room:
                used += space + size
            else:
                count, used = count + 1, size
        return count

    steps, low = [], 0
    for target in range(lines_in(rooms[0]) - 1, 0, -1):
        high = len(rooms) - 1  # the whole line: 1 line
        while low < high:
            mid = (low + high) // 2
            if lines_in(rooms[mid]) <= target:
                high = mid
            else:
                low = mid + 1
        steps.append(rooms[low])
    return steps


_STEPS: dict[tuple[tuple[int, ...], int], list[int]] = {}  # (a line's word widths, space) -> `_steps`


def _steps_of(line: "_Line") -> list[int]:
    """`_steps(line)`, kept: the lines that wrap (a list's offices) repeat over a build."""
    key = (tuple(line[0]), line[1])
    got = _STEPS.get(key)
    if got is None:
        if len(_STEPS) > 20_000:
            _STEPS.clear()
        got = _STEPS[key] = _steps(line)
    return got


class _Lines:
    """The lines each row's cells of one column take at a width, as `_count` counts them (the
    most of the row's cells), from each line's whole width and, when the room is narrower, its
    `_steps` (once for all the widths `balance` tries; a room narrower than a word: `_count`).
    `held`: row -> the column's cells there, each its lines; `low`: the narrowest room asked
    (the column's least less the margins): the rows whose lines all fit it are counted once.
    Twips."""

    __slots__ = ("ones", "lines", "rows")

    def __init__(self, held: "list[list[list[_Line]]]", low: int) -> None:
        self.ones = []  # row -> its lines, each on one line (a room at least as wide as any)
        # The rows of one line wider than `low`, the widest first: [whole width, row, the
        # line, its `_steps` and widest word once read]; the other rows with a line wider than
        # `low`: (row, cells).
        self.lines: list[list] = []
        self.rows: list[tuple[int, list]] = []
        for r, cells in enumerate(held):
            if len(cells) == 1 and len(cells[0]) == 1:  # a cell of one line: most rows
                line = cells[0][0]
                sizes, space = line
                whole = sum(sizes) + space * (len(sizes) - 1)
                self.ones.append(1)
                if whole > low:
                    self.lines.append([whole, r, line, None, 0])
                continue
            most = 0
            wider = False
            for lines in cells:
                if len(lines) > most:
                    most = len(lines)
                if not wider:
                    for sizes, space in lines:
                        whole = sum(sizes) + space * (len(sizes) - 1)
                        if whole > low:
                            wider = True
                            break
            self.ones.append(most)
            if wider:
                self.rows.append((r, cells))
        self.lines.sort(key=lambda one: (-one[0], one[1]))

    def at(self, room: int) -> list[int]:
        """Per row, the most lines of its cells in a room `room` twips wide (>= `low`, >= 1)."""
        if not (self.rows or self.lines):
            return self.ones
        out = list(self.ones)
        for one in self.lines:
            if room >= one[0]:
                break  # this one and the narrower ones: on one line
            steps = one[3]
            if steps is None:
                steps = one[3] = _steps_of(one[2])
                one[4] = max(one[2][0])
            # In a room narrower than a word, the word is broken: `_count`.
            out[one[1]] = 1 + len(steps) - bisect_right(steps, room) if room >= one[4] else _count([one[2]], room)
        for r, cells in self.rows:
            most = 0
            for lines in cells:
                count = 0
                for line in lines:
                    sizes, space = line
                    if room >= sum(sizes) + space * (len(sizes) - 1):
                        count += 1
                    elif room >= max(sizes):
                        steps = _steps_of(line)
                        count += 1 + len(steps) - bisect_right(steps, room)
                    else:
                        count += _count([line], room)
                if count > most:
                    most = count
            out[r] = most
        return out


STEPS = (1024, 512, 256, 128, 64)  # twips moved between two columns while balancing


HEAD_WEIGHT = 2  # a line of the header row counts as this many lines of the table (see balance)
NAME_LINES = 1  # table lines a line of a `whole` column (a name's) costs in balance's last choice
SQUEEZE = 8  # the short columns are tried at least + k/8 of their room above it, k = 0..7


def balance(widths: list[int], least: list[int], most: list[int], rows: list[list[tuple[int, list]]],
            pad: int, heads: list[bool] | None = None, texts: list[bool] | None = None,
            fast: bool = False, whole: list[bool] | None = None) -> list[int]:
    """`widths` changed, twips moved between columns, while the table gets lower: the sum over
    rows of the row's most lines (a row is as high as its fullest cell), on a tie its rows more
    even (`_evenness`). Columns stay within `least` and `most`; the sum stays.

    Two moves, each kept only when the table gets lower (of the squeeze's tries the lowest, on a tie
    the mildest):
    - squeeze: every column that has its `most`, but a column of text (`texts`), gives the
      same share of what it has above its `least` (7/8, 6/8, ... all of it) to the columns
      short of `most`, in proportion to what
      they lack: a form's or an annex's "Chỉ tiêu" beside columns of figures and "—" kept at
      their two-line headers' width (issue 11: "Chỉ tiêu" on 7 lines). A header of two lines
      ("Thực hiện năm trước") goes to three when the rows under it lose more lines than the
      header row gains (its lines count twice, `HEAD_WEIGHT`, in a table longer than a page: it
      repeats on every page; `heads` says which rows are header rows); no column goes under its
      longest word;
    - pairs: twips moved between two columns, 1,024 then 512, ... 64 at a time (the long names
      and the long notes of a report want different room: the even share is a guess).
    With two takers or more: pairs, the squeeze of their result, pairs again from the squeeze's
    best; with one (a decision's list, a form: what a build does a thousand times), the squeeze.

    `fast`: a column's lines at a width counted by `_Lines` (the byte path's, a build's), not
    by `_count` line by line (the tree path's, the reference); the same numbers.

    `whole`: the columns of short lines given their longest line whole (`_short_lines`: a
    list's names). They give twips too, by pairs, when the table gets lower (a Sở's list: names
    of 6 cm kept whole left the offices 5 lines a row, 131 lines where 95 do); of two layouts as
    low and as even, the one with fewer lines in them (names on one line where they fit); last,
    each of their lines counts `NAME_LINES` lines of the table, ties to the fewer (a name broken
    costs more than an office line wrapped in a row already two lines high). A column of
    short lines the even share gave all it wants is one of them too (`_widths`)."""
    movable = [i for i in range(len(widths)) if most[i] > least[i]]
    takers = [i for i in movable if widths[i] < most[i]]
    # The givers: the columns that have their line, of figures or words one a line (`texts`
    # says which hold lines of several words: a list's names on one line keep it).
    givers = [i for i in range(len(widths))
              if i not in takers and widths[i] > least[i] and not (texts and texts[i])]
    shrink = [i for i in movable if whole and whole[i] and i not in takers]
    if not takers or (len(takers) < 2 and not givers and not shrink):
        return widths
    if len(takers) < 2:
        movable = [*takers, *givers, *shrink]
    widths = list(widths)
    # Lines per row of each column at each width tried, counted once: a move changes two columns.
    counted: dict[tuple[int, int], list[int]] = {}

    cells: list[list[list]] = [[[] for _ in rows] for _ in widths]  # column -> row -> its cells' lines
    for r, row in enumerate(rows):
        for col, lines in row:
            if col < len(widths):
                cells[col][r].append(lines)

    def column(c: int, w: int) -> list[int]:
        got = counted.get((c, w))
        if got is None:
            room = max(w - pad, 1)
            got = counted[c, w] = [max((_count(lines, room) for lines in held), default=0) for held in cells[c]]
        return got

    if fast:
        counters: dict[int, _Lines] = {}
        first = list(widths)

        def column(c: int, w: int) -> list[int]:  # noqa: F811 (the same numbers, read faster)
            got = counted.get((c, w))
            if got is None:
                counter = counters.get(c)
                if counter is None:
                    # No width tried is under the column's least or its width now.
                    counter = counters[c] = _Lines(cells[c], max(min(least[c], first[c]) - pad, 1))
                got = counted[c, w] = counter.at(max(w - pad, 1))
            return got

    if len(takers) == 1:
        # One column short: only it can lose lines, so only if all the givers can spare helps
        # it (a decision's list: a few twips of "STT", the offices' lines the same) is there a
        # move to look for.
        (taker,) = takers
        spare = sum(widths[i] - least[i] for i in (*givers, *shrink))
        if column(taker, widths[taker]) == column(taker, min(widths[taker] + spare, most[taker])):
            return widths

    # A header row counts twice where it is repeated on every page of the table (`_head_weight`).
    head_rows = [r for r, head in enumerate(heads or []) if head]
    lines = [max(got) for got in zip(*(column(c, widths[c]) for c in range(len(widths))), strict=True)] if rows else []
    weight = [_head_weight(lines, heads, sum(widths)) if head else 1 for head in heads] if heads else [1] * len(rows)

    def height(w: list[int]) -> tuple[int, int, int]:
        """The table's lines, then the lines of the header's cells and of the `whole` columns
        (a title or a name broken where the table is no lower for it), then (`_evenness`) how
        unevenly its rows hold them."""
        if not rows:
            return 0, 0, 0
        if len(w) > 1:  # the rows' most lines: max(a, b, ...) over the columns' counts, row by row
            highs = list(map(max, *[column(c, w[c]) for c in range(len(w))]))
        else:
            highs = list(column(0, w[0]))
        broken = sum(sum(column(c, w[c])) for c in shrink)
        broken += sum(got[r] for c in range(len(w)) for got in (column(c, w[c]),) for r in head_rows)
        return sum(map(mul, weight, highs)), broken, _evenness(highs)

    def pairs(widths: list[int], best: tuple[int, int, int]) -> tuple[list[int], tuple[int, int, int]]:
        for step in STEPS:
            better = True
            while better:
                better = False
                for i in movable:
                    for j in movable:
                        if i == j or widths[i] + step > most[i] or widths[j] - step < least[j]:
                            continue
                        widths[i] += step
                        widths[j] -= step
                        tried = height(widths)
                        if tried < best:
                            best, better = tried, True
                        else:
                            widths[i] -= step
                            widths[j] += step
        return widths, best

    best = height(widths)
    first_widths = widths
    for c in shrink:  # each width at which one more of its lines is whole: no local search finds it
        rooms = sorted({sum(sizes) + space * (len(sizes) - 1) + pad for held in cells[c] for lines in held
                        for sizes, space in lines})
        start = widths
        for room in rooms:
            if least[c] <= room < start[c]:
                tried = _squeezed(start, least, most, [c], takers, 0, room)
                if tried is not None and (got := height(tried)) < best:
                    best, widths = got, tried
    trimmed = widths is not first_widths  # a `whole` column gave: pairs refine what it gave
    if len(takers) > 1 or trimmed:  # one taker: the squeeze below moves what pairs would, in fewer tries
        widths, best = pairs(widths, best)
    if givers and _helps(widths, least, most, givers, takers, column):
        found = widths
        for k in range(SQUEEZE - 1, -1, -1):
            tried = _squeezed(widths, least, most, givers, takers, k)
            if tried is not None and (got := height(tried)) < best:
                best, found = got, tried
        if found is not widths and (len(takers) > 1 or trimmed):
            widths, best = pairs(list(found), best)
        else:
            widths = list(found)
        # The squeeze takes the same share of every giver: a giver that lost a line for nothing
        # (a title of three words set a word a line beside a note no lower for its twips: a
        # school's "Số / học / sinh") has its twips back from a taker, at each width where one of
        # its lines fewer, while the table is no higher and less broken.
        for c in givers:
            for room in sorted({step + pad for held in cells[c] for lines in held for line in lines
                                for step in (*_steps_of(line), sum(line[0]) + line[1] * (len(line[0]) - 1))}):
                if not widths[c] < room <= most[c]:
                    continue
                more = room - widths[c]
                donors = [j for j in takers if widths[j] - more >= least[j]]
                if not donors:
                    break
                j = max(donors, key=lambda j: (widths[j] - least[j], -j))
                tried = list(widths)
                tried[j] -= more
                tried[c] = room
                if (got := height(tried)) < best:
                    best, widths = got, tried
    if shrink:
        # A name broken costs more than an office line wrapped in a row already two lines high:
        # each line of the `whole` columns counts `NAME_LINES` table lines, and of layouts that
        # cost the same the one with fewer of them wins (ten of a hospital's people: "Ông Trần Đình
        # Loan" whole in 22 lines, not broken for 21; a Giấy khen's nine names whole in 28 lines,
        # not all broken for 20: tests/test_name_widths.py). Each width at which one more of a
        # column's lines is whole is tried, its twips from the taker with the most above its least.
        chosen, key = widths, (best[0] + NAME_LINES * best[1], best[1], best[0], best[2])
        for c in shrink:
            for room in sorted({sum(sizes) + space * (len(sizes) - 1) + pad for held in cells[c]
                                for lines in held for sizes, space in lines}):
                if not widths[c] < room <= most[c]:
                    continue
                more = room - widths[c]
                donors = [j for j in takers if j != c and widths[j] - more >= least[j]]
                if not donors:
                    break
                j = max(donors, key=lambda j: (widths[j] - least[j], -j))
                tried = list(widths)
                tried[j] -= more
                tried[c] = room
                got = height(tried)
                if (got[0] + NAME_LINES * got[1], got[1], got[0], got[2]) < key:
                    chosen, key = tried, (got[0] + NAME_LINES * got[1], got[1], got[0], got[2])
        widths = chosen
    return widths


def _evenness(highs: list[int]) -> int:
    """The sum of the squares of the rows' lines (`highs`): of two layouts of a table as low, the
    one whose tallest rows are lower has less (a report's note of 7 lines beside its target's 4,
    when 2 lines moved to the note cost two other rows one line each: issue 11)."""
    return sum(h * h for h in highs)


def page_lines(width: int) -> int:
    """Lines of 13 pt (about 300 twips each) an A4 page holds whose text is `width` twips wide:
    its other side less 2 x 20 mm (Decree 30's top and bottom margins at the least): 32 on a
    landscape page (25.2 cm of text), 48 on a portrait one."""
    height = 11906 if width > 11906 - 1701 - 851 else 16838
    return (height - 2 * 1134) // 300


def _head_weight(lines: list[int], heads: list[bool], width: int) -> int:
    """What a line of the header row counts in `balance`: `HEAD_WEIGHT` when the table's body
    (`lines`: each row's lines, as first laid out) runs over a page (`page_lines`), so its
    header is printed again on the next; 1 for a table of one page, where a third line of a
    header is one line ("Thực hiện / năm báo / cáo" to give the notes of a report's Phụ lục I
    room: issue 11, a note of 9 lines beside columns holding "—")."""
    body = sum(n for n, head in zip(lines, heads, strict=True) if not head)
    return HEAD_WEIGHT if body > page_lines(width) else 1


def _helps(widths: list[int], least: list[int], most: list[int], givers: list[int], takers: list[int],
           column) -> bool:
    """Whether a squeeze may lower the table: some row of a taker has fewer lines with all that
    the givers can spare (`_squeezed` with k = 0) than now; a column's lines never grow with its
    width, so when they do not, no squeeze does (a decision's list: a few twips of "STT")."""
    widest = _squeezed(widths, least, most, givers, takers, 0)
    if widest is None:  # more to spare than the takers lack: each taker at its most
        widest = [most[i] if i in takers else w for i, w in enumerate(widths)]
    return any(column(i, widest[i]) != column(i, widths[i]) for i in takers)


def _squeezed(widths: list[int], least: list[int], most: list[int], givers: list[int], takers: list[int],
              k: int, to: int | None = None) -> list[int] | None:
    """`widths` with each giver at `least` + k/SQUEEZE of its room above it and the twips freed
    shared among the takers in proportion to what they lack of `most` (whole twips left to the
    first); None when the takers cannot take them all. `to`: each giver at that width instead.
    Twips."""
    out = list(widths)
    freed = 0
    for i in givers:
        out[i] = to if to is not None else least[i] + (widths[i] - least[i]) * k // SQUEEZE
        freed += widths[i] - out[i]
    lack = [most[i] - widths[i] for i in takers]
    if not freed or freed > sum(lack):
        return None
    given = 0
    for i, want in zip(takers, lack, strict=True):
        share_ = freed * want // sum(lack)
        out[i] += share_
        given += share_
    out[takers[0]] += freed - given
    return out


def _on(el: etree._Element | None) -> bool:
    return el is not None and el.get(_VAL, "true") not in ("0", "false", "off")


_T, _BR, _CR, _NBH, _RPR, _B = (f"{W}{n}" for n in ("t", "br", "cr", "noBreakHyphen", "rPr", "b"))
_P, _TC, _TCPR, _TCW, _SPAN, _SDT_CONTENT = (f"{W}{n}" for n in ("p", "tc", "tcPr", "tcW", "gridSpan", "sdtContent"))
_VAL, _WIDTH = f"{W}val", f"{W}w"
_Line = tuple[list[int], int]  # (widths of the words, width of a space), twips
_SIZES: dict[tuple[str, str], int] = {}  # (word, face) -> twips: names and offices repeat over a list


def _sizes(words: list[str], face: str) -> list[int]:
    if len(_SIZES) > 100_000:
        _SIZES.clear()
    out = []
    for word in words:
        size = _SIZES.get((word, face))
        if size is None:
            size = _SIZES[word, face] = text_width(word, face)
        out.append(size)
    return out


def _add(out: list[_Line], pieces: list[str], face: str) -> None:
    words = _words("".join(pieces)) if pieces else None
    if words:
        out.append((_sizes(words, face), _sizes([" "], face)[0]))


@dataclass
class _Scan:
    """A table read in one pass: the measured cells of each row, the blank columns, and each
    cell's width element with the grid columns it covers."""

    rows: list[list[tuple[int, list[_Line]]]] = field(default_factory=list)
    headers: list[bool] = field(default_factory=list)
    blanks: set[int] = field(default_factory=set)
    cell_widths: list[list] = field(default_factory=list)  # [tcW element or None, column, span]


_TR, _R, _HEAD, _SPAN_TAGS = f"{W}tr", f"{W}r", f"{W}tblHeader", (f"{W}gridSpan", f"{W}gridBefore")
_TDIR = f"{W}textDirection"


def turned(direction: str | None) -> bool:
    """Whether a cell's w:textDirection value sets its text across the column (a Phụ lục II unit's
    title turned bottom to top: docgen/model/tables.py turn_titles): its lines then ask nothing
    of the column's width, the row grows instead."""
    return direction in ("btLr", "tbRl")


def _scan(table: etree._Element) -> _Scan:
    """Every cell of `table` measured: one walk over the elements that matter, as this runs for
    each decision of a batch."""
    out = _Scan()
    cell: list | None = None  # [tcW, column, span] of the current cell
    lines: list[_Line] = []
    pieces: list[str] = []
    col = 0
    header = bold = False
    for el in table.iter(_TR, _TC, _TCW, *_SPAN_TAGS, _HEAD, _P, _R, _B, _T, _BR, _CR, _NBH, _SDT_CONTENT, _TDIR):
        tag = el.tag
        if tag == _TDIR:
            if cell is not None and turned(el.get(_VAL)):
                lines = []  # the cell's own lines, no longer the row's: read, not measured
        elif tag == _T:
            if el.text:
                pieces.append(el.text)
        elif tag == _R:
            bold = header
        elif tag == _B:
            bold = bold or _on(el)
        elif tag == _P:
            _add(lines, pieces, "bold" if bold or header else "regular")
            pieces = []
        elif tag == _TC:
            _add(lines, pieces, "bold" if bold or header else "regular")
            pieces = []
            if cell is not None:
                col += cell[2]
            cell = [None, col, 1]
            lines = []
            out.cell_widths.append(cell)
            out.rows[-1].append((cell, lines))
        elif tag == _TR:
            _add(lines, pieces, "bold" if bold or header else "regular")
            pieces = []
            cell, col, header = None, 0, False
            out.rows.append([])
            out.headers.append(False)
        elif tag == _TCW and cell is not None and cell[0] is None:
            cell[0] = el
        elif tag == _SPAN_TAGS[0] and cell is not None:
            cell[2] = int(el.get(_VAL, "1"))
        elif tag == _SPAN_TAGS[1] and cell is None:
            col = int(el.get(_VAL, "0"))
        elif tag == _HEAD:
            header = out.headers[-1] = _on(el)
        elif tag == _SDT_CONTENT and cell is not None and not header:
            out.blanks.add(cell[1])
        elif tag in (_BR, _CR):
            _add(lines, pieces, "bold" if bold or header else "regular")
            pieces = []
        elif tag == _NBH:
            pieces.append("-")
    _add(lines, pieces, "bold" if bold or header else "regular")
    return out


def _grid(table: etree._Element) -> list[etree._Element]:
    grid = table.find(f"{W}tblGrid")
    return [] if grid is None else grid.findall(f"{W}gridCol")


def _sized(table: etree._Element) -> bool:
    """A list table docgen sizes: a repeated header row, its layout not fixed, no table inside."""
    if next(islice(table.iter(f"{W}tbl"), 1, None), None) is not None:
        return False
    layout = table.find(f"{W}tblPr/{W}tblLayout")
    if layout is not None and layout.get(f"{W}type") == "fixed":
        return False
    return table.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None


def _margins(table: etree._Element) -> int:
    """The cell's left and right margins, in twips (the table's default; 2 x 1 mm if unset)."""
    total = 0
    for side, default in (("left", 57), ("right", 57)):
        el = table.find(f"{W}tblPr/{W}tblCellMar/{W}{side}")
        total += int(el.get(f"{W}w")) if el is not None and el.get(f"{W}w", "").isdigit() else default
    return total


def column_widths(table: etree._Element, width: int, scan: _Scan | None = None) -> list[int]:
    """The widths (twips) of `table`'s grid columns for a section `width` twips wide: see the
    module's docstring. The table's current grid widths are the template's."""
    scan = scan or _scan(table)
    template = [int(c.get(_WIDTH, "0")) for c in _grid(table)]
    return _widths(scan, template, _margins(table), width)


WHOLE_WORDS = 2  # a body line of this many words or fewer is never broken (see _need)


def _need(lines: list[_Line], header: bool) -> tuple[int, int, bool]:
    """What a cell's `lines` ask of their column: (the longest word, or the whole line of two
    words outside the header: a figure and its word, "dưới 2%", "2.000 người", "Yên Mô", never
    broken apart; the longest line (a header's in at most two lines), twips; a line of several
    words outside the header)."""
    least = most = 0
    wraps = False
    for line in lines:
        sizes, space = line
        whole = sum(sizes) + space * (len(sizes) - 1)
        least = max(least, whole if not header and len(sizes) <= WHOLE_WORDS else max(sizes))
        most = max(most, _two_lines(line) if header else whole)
        wraps = wraps or (not header and len(sizes) > 1)
    return least, most, wraps


def _widths(scan: _Scan, template: list[int], pad: int, width: int, fast: bool = False) -> list[int]:
    """`column_widths` on a table already read: its scan, its grid's widths (twips) and its cells'
    left + right margins (twips). A cell of the scan may carry its `_need` (a 4th item). `fast`:
    `balance`'s."""
    n = len(template)
    least, most, wraps = [0] * n, [0] * n, [False] * n
    rows = []
    for header, row in zip(scan.headers, scan.rows, strict=True):
        cells = []
        for cell, lines in row:
            col, span = cell[1], cell[2]
            if span != 1 or col >= n:
                continue
            cells.append((col, lines))
            if lines:
                lo, hi, wrap = cell[3] if len(cell) > 3 else _need(lines, header)
                if lo > least[col]:
                    least[col] = lo
                if hi > most[col]:
                    most[col] = hi
                if wrap:
                    wraps[col] = True
        rows.append(cells)
    least = [x + pad for x in least]
    # A little slack on a whole line: Word and LibreOffice round each glyph's advance.
    most = [x + pad + SLACK if x else x + pad for x in most]
    for i in range(n):
        if i in scan.blanks:
            least[i] = max(least[i], template[i], BLANK_MIN)
        most[i] = max(most[i], least[i])
    out = share(least, most, template, width, wraps)
    whole = None
    if sum(least) < width < sum(most):
        short = _short_lines(least, most, [w and o < m for w, o, m in zip(wraps, out, most, strict=True)], width)
        if short != least:
            # The short lines (a list's names) start whole, not held whole: balance takes twips
            # from them when that makes the table lower (offices of 5 lines beside whole names).
            whole = [s != lo for s, lo in zip(short, least, strict=True)]
            out = share(short, most, template, width, wraps)
        # A column of short lines the even share gave all it wants (a list's names beside offices
        # that wrap) gives twips by the same rule: `balance` takes no twips from a column of text
        # otherwise, and a CSTĐCS list kept its names' column half empty beside offices of 3-4 lines.
        # Only in a table of two such columns (names and offices: a report's tables keep theirs).
        if (sum(w and m > lo for w, m, lo in zip(wraps, most, least, strict=True)) == 2
                and any(w and o < m for w, o, m in zip(wraps, out, most, strict=True))):
            whole = [bool(whole and whole[i]) or (wraps[i] and out[i] >= most[i] > least[i]) for i in range(n)]
            if not any(whole):
                whole = None
    if sum(least) < width < sum(most):
        # A column's least as balance counts it (half the slack): its longest word stays whole.
        floor = [min(lo + SLACK // 2, hi) for lo, hi in zip(least, most, strict=True)]
        out = balance(out, floor, most, rows, pad + SLACK // 2, scan.headers, wraps, fast, whole)
    return out


SHORT = (2, 3)  # a column of short lines takes its longest line whole up to this share of the room


def _short_lines(least: list[int], most: list[int], wraps: list[bool], width: int) -> list[int]:
    """`least` raised to `most` for the columns of short lines (a list's names beside their
    offices): a clerk expects a person's name on one line, not "Bà Nguyễn Phạm Bảo / Châu"
    because the fair share ended the names 200 twips short and the offices wrap anyway.

    Only the columns the even share leaves short (`wraps`: text, given less than `most`), so a
    short column that has its line already stays free for `balance`. The room is what those
    share, the others having all they want; a column of them whose longest line fits in 2/3 of
    the room left (so a longer text column beside it keeps at least half of what it gets) has it
    whole, the shortest first, as long as another
    column of text is left to share the rest and every column keeps its `least`. Twips."""
    text = [i for i in range(len(most)) if wraps[i] and most[i] > least[i]]
    if len(text) < 2:
        return least
    least = list(least)
    room = width - sum(most[i] for i in range(len(most)) if i not in text)
    for i in sorted(text, key=lambda i: (most[i], i))[:-1]:
        others = sum(least[j] for j in text if j != i)
        if most[i] * SHORT[1] > room * SHORT[0] or room - most[i] < others:
            break
        least[i] = most[i]
        room -= most[i]
        text.remove(i)
        if len(text) < 2:
            break
    return least


def _apply(table: etree._Element, widths: list[int], scan: _Scan) -> None:
    for col, w in zip(_grid(table), widths, strict=True):
        col.set(_WIDTH, str(w))
    for tc_w, col, span in scan.cell_widths:
        if tc_w is not None:
            tc_w.set(_WIDTH, str(sum(widths[col:col + span])))
            tc_w.set(f"{W}type", "dxa")
    props = table.find(f"{W}tblPr")
    tbl_w = props.find(f"{W}tblW")
    if tbl_w is None:
        tbl_w = etree.SubElement(props, f"{W}tblW")
    tbl_w.set(f"{W}w", str(sum(widths)))
    tbl_w.set(f"{W}type", "dxa")
    layout = props.find(f"{W}tblLayout")
    if layout is None:
        layout = etree.SubElement(props, f"{W}tblLayout")
    layout.set(f"{W}type", "fixed")
    _order(props)


# CT_TblPr's child order (ECMA-376 17.4.60): Word refuses a file with them out of order.
_TBLPR_ORDER = [f"{W}{n}" for n in (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
    "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
    "tblCaption", "tblDescription", "tblPrChange")]


def _order(props: etree._Element) -> None:
    rank = {tag: i for i, tag in enumerate(_TBLPR_ORDER)}
    children = list(props)
    ordered = sorted(children, key=lambda el: rank.get(el.tag, len(rank)))
    if ordered != children:
        for el in children:
            props.remove(el)
        props.extend(ordered)


def _text_width(sect: etree._Element) -> int | None:
    size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    if size is None or margins is None:
        return None
    try:
        return (int(size.get(f"{W}w")) - int(margins.get(f"{W}left", "0")) - int(margins.get(f"{W}right", "0"))
                - int(margins.get(f"{W}gutter", "0")))
    except (TypeError, ValueError):
        return None


FAST = True  # False: always the tree path (`_fit_tree`); tests compare the two byte for byte


def fit_tables(xml: bytes) -> bytes:
    """word/document.xml with every list table's columns sized by content to its section's text
    width (see the module's docstring); unchanged (the same bytes) when there is none.

    Two paths, the same bytes out: the tree path parses the whole part with lxml, sizes the
    tables and writes the part back; the fast path (`docgen/render/widthscan.py`: a build
    renders 1,000 decisions) reads and rewrites only the list tables' spans of the string, and
    hands a part it cannot read exactly (comments, tracked changes, ...) to the tree path."""
    if b"tblHeader" not in xml:
        return xml
    if FAST:
        from docgen.render.widthscan import fit_fast

        out = fit_fast(xml)
        if out is not None:
            return out
    return _fit_tree(xml)


def _fit_tree(xml: bytes) -> bytes:
    """`fit_tables` by lxml: the whole part parsed and written back."""
    root = etree.fromstring(xml, _PARSER)
    body = root.find(f"{W}body")
    if body is None:
        return xml
    # Each table lies in the section whose properties come next: in a paragraph, or the body's.
    ends = []
    for sect in body.iter(f"{W}sectPr"):
        owner = sect if sect.getparent() is body else sect.getparent().getparent()
        if owner.getparent() is body:
            ends.append((body.index(owner), _text_width(sect)))
    changed = False
    for table in body.iterchildren(f"{W}tbl"):
        if not (_sized(table) and _grid(table)):
            continue
        at = body.index(table)
        width = next((w for end, w in ends if end > at), None)
        if width:
            scan = _scan(table)
            _apply(table, column_widths(table, width, scan), scan)
            changed = True
    if not changed:
        return xml
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def as_saved(parts: dict[str, bytes]) -> dict[str, bytes]:
    """A template's parts with the choice its list tables carry made readable: LibreOffice saves
    every table with a fixed layout (it has no "resize to fit contents"), so in a template it
    saved (docProps/app.xml names it) "fixed" says nothing and the list tables are sized by
    content as the stock template's are. Word writes the clerk's choice, which is kept."""
    app = parts.get("docProps/app.xml", b"")
    document = parts.get("word/document.xml", b"")
    if b"LibreOffice" not in app or b"tblHeader" not in document:
        return parts
    root = etree.fromstring(document, _PARSER)
    changed = False
    for table in root.iter(f"{W}tbl"):
        layout = table.find(f"{W}tblPr/{W}tblLayout")
        header = table.find(f"{W}tr/{W}trPr/{W}tblHeader")
        if layout is not None and layout.get(f"{W}type") == "fixed" and header is not None:
            layout.set(f"{W}type", "autofit")
            changed = True
    if not changed:
        return parts
    return {**parts, "word/document.xml": etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                          standalone=True)}
