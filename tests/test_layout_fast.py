"""The layout's fast searches (docgen.render.layout.FAST_LAYOUT: the sections' places found once a
part, the titles' longest lines kept, the paragraphs before the closing table found by
str.find) give what the plain searches give: the same bytes, whatever the sections, the styles'
ids, the titles' places and the paragraphs around the closing."""

import itertools

import pytest

import docgen.render.layout as layout

LONG = ("Phát động phong trào thi đua “Yên Khánh chung sức xây dựng nông thôn mới nâng cao” năm 2024 và"
        " tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho các tập thể, cá nhân")
SHORT = "Về việc tặng Giấy khen"


def para(style: str, text: str) -> str:
    return (f'\n<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r>'
            "</w:p>")


def sect(width: int, inner: bool) -> str:
    props = (f'<w:sectPr><w:pgSz w:w="{width}" w:h="16838"/><w:pgMar w:top="1134" w:right="851" w:bottom="1134"'
             ' w:left="1701"/></w:sectPr>')
    return f"\n<w:p><w:pPr>{props}</w:pPr></w:p>" if inner else props


IDS = [None, {"ND30Trchyu": "TrichYeu", "ND30ngk": "DuongKe", "ND30Tiu": "DanhSachTieuDe",
              "KemTheo2": "DanhSachKemTheo", "PL": "PhuLuc"},
       {"A": "TrichYeu", "B": "TrichYeu", "PhuLuc": "PhuLuc"}, {"DuongKe": "DuongKe"}]


def parts() -> list[tuple[str, dict | None]]:
    out = []
    for ids in IDS:
        styles = list(ids or layout.STYLE_NAMES.values())
        for n, widths in itertools.product((1, 3, 7), ([9354], [9354, 14000], [5000, 9354, 0])):
            body = []
            for i in range(n):
                body.append(para(styles[i % len(styles)], LONG if i % 2 == 0 else SHORT))
                body.append(para(styles[(i * 3) % len(styles)], LONG[: 40 + 13 * i]))
                if i < len(widths) - 1:
                    body.append(sect(widths[i] + 2552, inner=True))
            body.append(para(styles[0], LONG))  # after the last inner section: the body's
            tail = sect(widths[-1] + 2552, inner=False) if widths[-1] else ""
            xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:document><w:body>"
                   + "".join(body) + tail + "</w:body></w:document>")
            out.append((xml, ids))
    return out


@pytest.mark.parametrize("step", [layout.balance_titles, layout.fit_title_rules, layout.lay_out])
def test_titles_laid_out_by_the_fast_searches_are_those_of_the_plain_ones(monkeypatch, step):
    each = {}
    for fast in (True, False, True):  # the second fast round with what it keeps
        monkeypatch.setattr(layout, "FAST_LAYOUT", fast)
        each[fast] = [step(xml, ids) for xml, ids in parts()]
    assert each[True] == each[False]
    if step is layout.balance_titles:
        assert sum(a != xml for a, (xml, _) in zip(each[True], parts(), strict=True)) > 20


def test_paragraphs_found_with_find_are_the_patterns_matches():
    import random

    rng = random.Random(16)
    tokens = ["<w:p>", "<w:p ", "<w:pPr>", "</w:p>", "x", "<w:p", "</w:p", " ", ">", "<w:t>", "\n"]
    for _ in range(3000):
        xml = "".join(rng.choice(tokens) for _ in range(rng.randint(0, 30)))
        low = rng.randint(0, len(xml))
        high = rng.randint(low, len(xml))
        assert layout._paragraphs(xml, low, high) == [m.span() for m in layout._PARA.finditer(xml, low, high)], xml


def test_the_closing_kept_with_the_paragraph_before_it_either_way(monkeypatch):
    closing = ('<w:tbl><w:tr><w:tc><w:p><w:pPr><w:pStyle w:val="NoiNhan"/></w:pPr><w:r><w:t>Nơi nhận:</w:t></w:r>'
               "</w:p></w:tc></w:tr></w:tbl>")
    bodies = [para("NoiDung", "Điều 3. Thi hành.") + "\n<w:p/>" + closing,
              para("NoiDung", "a") + "\n<w:p><w:r><w:t>b</w:t></w:r></w:p>" + "<w:p> </w:p>" * 3 + closing,
              "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" + closing,
              para("NoiDung", "y" * 9000) + closing, "<w:p><w:pPr><w:keepNext/></w:pPr></w:p>" + closing,
              "x" * 7990 + para("NoiDung", "z") + closing, closing]
    for body in bodies:
        got = {}
        for fast in (True, False):
            monkeypatch.setattr(layout, "FAST_LAYOUT", fast)
            got[fast] = layout.keep_closing(f"<w:body>{body}</w:body>")
        assert got[True] == got[False]
    assert "<w:keepNext/>" in layout.keep_closing(f"<w:body>{bodies[0]}</w:body>")
