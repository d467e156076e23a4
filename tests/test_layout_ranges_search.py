"""The range dashes found one pattern a dash (render.layout._RANGES, searched by their literal
first character) are the ones the set [-–] finds, position for position, and no_break_in_ranges
keeps what it kept (issue 16: the set made re try every position of a decision's XML)."""

import itertools
import re
from pathlib import Path

from docgen.render import layout

_SET = re.compile(r"[-–](?= ?[0-9])")  # the pattern before: one set for both dashes


def _found(text: str) -> list[tuple[int, int]]:
    return sorted(m.span() for pattern in layout._RANGES for m in pattern.finditer(text))


def test_each_dash_found_alone_is_what_the_set_finds():
    pieces = ["2021", "-", "–", " ", "—", "a", "9", "%", "<w:t>", "</w:t>", "Độc lập", "\u00a0"]
    texts = ["".join(p) for n in range(1, 5) for p in itertools.product(pieces, repeat=n)]
    texts.append(Path(layout.__file__).read_text(encoding="utf-8"))  # long, both dashes, Vietnamese
    for text in texts:
        assert _found(text) == [m.span() for m in _SET.finditer(text)], text


def test_ranges_in_runs_are_kept_as_before():
    xml = ('<w:r><w:t xml:space="preserve">năm 2021-2025, 28% – 32%, 2023 - 2024, Lao động - Thương binh,'
           ' QĐ-2, 125/2021-7 và 125/KH-LĐTBXH</w:t></w:r>')
    nbh = '</w:t><w:noBreakHyphen/><w:t xml:space="preserve">'
    assert layout.no_break_in_ranges(xml) == (
        f'<w:r><w:t xml:space="preserve">năm 2021{nbh}2025, 28%\u00a0–\u00a032%, 2023\u00a0{nbh}\u00a02024,'
        f' Lao động - Thương binh, QĐ-2, 125/2021-7 và 125/KH{nbh}LĐTBXH</w:t></w:r>')
