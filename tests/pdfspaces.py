"""The word spaces of justified lines in a laid-out PDF, as a văn thư sees a stretched line
(pdftotext -bbox, poppler)."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Line:
    page: int  # from 1
    space: float  # the width of the line's widened spaces, in units of its text's height
    text: str


def baselines(pdf: Path) -> list[tuple[int, int, list[tuple[float, float, float, str]]]]:
    """The words of `pdf` by baseline, in reading order: (page from 1, the baseline's y in pt
    rounded, its words left to right as (x min, x max, height, text)), from pdftotext -bbox."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    found = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), 1):
        rows: dict[int, list[tuple[float, float, float, str]]] = {}
        for w in page.iter(f"{_XHTML}word"):
            top, bottom = float(w.get("yMin")), float(w.get("yMax"))
            rows.setdefault(round(bottom), []).append((float(w.get("xMin")), float(w.get("xMax")),
                                                        bottom - top, w.text or ""))
        found += [(number, y, sorted(words)) for y, words in sorted(rows.items())]
    return found


def all_lines(pdf: Path) -> list[tuple[int, list[str], list[float]]]:
    """Every line of `pdf` (words on one baseline of a page): (page from 1, its words, the gaps
    between them in units of the words' mean height)."""
    lines = []
    for number, _, words in baselines(pdf):
        height = sum(w[2] for w in words) / len(words)
        lines.append((number, [w[3] for w in words],
                      [(b[0] - a[1]) / height for a, b in zip(words, words[1:], strict=False)]))
    return lines


def justified_lines(pdf: Path) -> list[Line]:
    """The justified lines of `pdf`: lines of five words or more whose widest gap recurs between
    at least half their words (justification widens every breaking space alike; a no-break space
    and a table's column gaps do not). A line of body text at 13-14 pt has spaces of about 0.2 of
    its height when set loose; table rows, headers and centred titles are left out, and so is a
    line most of whose spaces are no-break (a name kept whole): `all_lines` gives its gaps."""
    lines: list[Line] = []
    for number, words, gaps in all_lines(pdf):
        if len(words) < 5:
            continue
        widest = max(gaps)
        if sum(abs(g - widest) < 0.03 for g in gaps) * 2 >= len(gaps):
            lines.append(Line(number, widest, " ".join(words)))
    return lines
