"""A body laid out piece by piece, the pieces met before taken as kept (docgen.render.splice,
SPLICE), is the body `layout.lay_out` gives laid out whole: the same string, for every document
the shipped examples render, for many decisions of one kind, and for bodies built to cross the
pieces' edges (titles above a rule in other pieces, sections of other widths, the closing kept
with a paragraph two pieces back, a text box)."""

import itertools

import pytest
from conftest import copy_examples, run
from test_layout_fast import IDS, LONG, SHORT, para, sect
from test_transaction import many_decisions

import docgen.render.layout as layout
import docgen.render.splice as splice
import docgen.render.template as template


def _recorded(monkeypatch, folders) -> list[tuple[str, dict, dict]]:
    """The (body, ids, justified) every lay_out of `docgen build` of `folders` was given."""
    seen = []

    def recording(xml, ids=None, justified=None):
        seen.append((xml, ids, justified))
        return layout.lay_out(xml, ids, justified)

    monkeypatch.setattr(template, "lay_out_kept", recording)
    for folder in folders:
        result = run("build", folder)
        assert result.exit_code == 0, result.output
    monkeypatch.undo()
    return seen


def _same_each_round(bodies) -> int:
    """lay_out_kept against lay_out on every body, three rounds (the later ones meet kept pieces);
    how many bodies the layout changed."""
    splice._KEPT.clear()
    whole = [layout.lay_out(*b) for b in bodies]
    for _ in range(3):
        assert [splice.lay_out_kept(*b) for b in bodies] == whole
    return sum(w != b[0] for w, b in zip(whole, bodies, strict=True))


def test_every_shipped_example_is_laid_out_the_same_by_pieces(tmp_path, monkeypatch):
    root = copy_examples(tmp_path)
    bodies = _recorded(monkeypatch, sorted((root / "plans").iterdir()))
    assert len(bodies) > 30
    assert _same_each_round(bodies) > 30
    # Most shipped bodies are cut into pieces (none is laid out whole for want of a plain shape).
    assert sum(splice._pieces(xml) is not None for xml, _, _ in bodies) == len(bodies)


def test_many_decisions_of_one_kind_are_laid_out_the_same_and_their_shared_pieces_kept(tmp_path, monkeypatch):
    root = tmp_path / "ws"
    copy_examples(root)
    (root / "plans" / "ninh-binh-2021" / "awards.yaml").write_text(many_decisions(30, people=3), encoding="utf-8")
    monkeypatch.setattr("docgen.render.batch.PARALLEL_FROM", 10**9)  # rendered here, recorded
    bodies = _recorded(monkeypatch, [root / "plans" / "ninh-binh-2021"])
    decisions = [b for b in bodies if "DanhSachTieuDe" in b[0] or "Điều 1" in b[0]]
    assert len(decisions) > 30
    assert _same_each_round(bodies) > 30
    kept = next(iter(splice._KEPT.values()))
    assert kept[0]  # the pieces the decisions share were kept


def _bodies() -> list[tuple[str, dict | None, dict | None]]:
    """Bodies whose layout reaches across the pieces' edges."""
    justified = {"NoiDung": (14.0, "regular", 567, 0, 0), "A": (13.0, "regular", 0, 0, 0)}
    out = []
    for ids in IDS:
        styles = list(ids or layout.STYLE_NAMES.values())
        rule = next((k for k, v in (ids or {v: v for v in layout.STYLE_NAMES.values()}).items() if v == "DuongKe"),
                    "DuongKe")
        for n, widths in itertools.product((1, 3), ([9354], [9354, 14000], [5000, 9354])):
            body = []
            for i in range(n):
                body.append(para(styles[i % len(styles)], LONG if i % 2 == 0 else SHORT))
                body.append(para(styles[(i * 3) % len(styles)], LONG[: 40 + 13 * i]))
                body.append(para(rule, "").replace("<w:pPr>", '<w:pPr><w:ind w:left="0" w:right="0"/>'))
                body.append(para("NoiDung", "Giai đoạn 2021-2025, Quyết định số 125/KH-LĐTBXH ngày 05/9 của"
                                            " Ủy\u00a0ban\u00a0nhân\u00a0dân huyện " + LONG))
                if i < len(widths) - 1:
                    body.append(sect(widths[i] + 2552, inner=True))
            body.append(para(styles[0], LONG))
            body.append(para("NoiDung", "Điều 3. " + LONG))
            body.append('\n<w:p><w:pPr><w:pStyle w:val="X"/></w:pPr></w:p>')  # an empty spacer
            body.append('<w:tbl><w:tblPr/><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>'
                        + para(styles[0], SHORT + " " + LONG) + para(rule, "")
                        + '\n<w:p><w:pPr><w:pStyle w:val="NoiNhan"/></w:pPr><w:r><w:t>Nơi nhận:</w:t></w:r></w:p>'
                        "</w:tc></w:tr></w:tbl>")
            tail = sect(widths[-1] + 2552, inner=False)
            xml = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:document><w:body>"
                   + "".join(body) + tail + "</w:body></w:document>")
            out.append((xml, ids, justified))
            out.append((xml, ids, None))
    return out


def test_bodies_laid_out_across_the_pieces_edges_are_the_same():
    bodies = _bodies()
    assert _same_each_round(bodies) == len(bodies)
    assert all(splice._pieces(xml) is not None for xml, _, _ in bodies)


@pytest.mark.parametrize("odd", ["textbox", "no-sections", "text-after"])
def test_a_body_not_plainly_shaped_is_laid_out_whole(odd):
    xml, ids, justified = _bodies()[3]
    if odd == "textbox":
        xml = xml.replace("<w:r><w:t>Nơi nhận:", "<w:r><w:txbxContent>\n<w:p/></w:txbxContent><w:t>Nơi nhận:")
    elif odd == "no-sections":
        xml = xml.replace("<w:sectPr>", "<w:x>").replace("</w:sectPr>", "</w:x>")
    else:
        xml = xml.replace("</w:body>", para("NoiDung", "2021-2025") + "</w:body>")
    assert splice._pieces(xml) is None
    assert splice.lay_out_kept(xml, ids, justified) == layout.lay_out(xml, ids, justified)
