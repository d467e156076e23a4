"""A rendered part's well-formedness judged from its kept skeleton (docgen.render.wellformed) is
expat's verdict on the whole part: the same parts pass, the same error (code, line, column) for
the others, whichever was seen first."""

from xml.parsers import expat

import pytest

import docgen.render.wellformed as wellformed

HEAD = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
TAIL = b"</w:body></w:document>"


def part(*texts: str, run: bytes = b'<w:r><w:t xml:space="preserve">%s</w:t></w:r>') -> bytes:
    paras = b"".join(b"\n<w:p>" + run.replace(b"%s", t.encode()) + b"</w:p>" for t in texts)
    return HEAD + paras + TAIL


GOOD = [part("Nguyễn Văn An"), part("Trần Thị B &amp; C &#39;x&#39; &lt;&gt; &quot;"),
        part("Lê\u00a0Văn\u2060C", "2021–2025"),
        part("a]]b", "x]>"), part("\tTab\r\n"), part("x", run=b"<w:r><w:t>%s</w:t></w:r>"),
        part("ʼ\uff0c\ufffd"), part("x", run=b'<w:r><w:t xml:space="preserve">%s</w:t><w:t/></w:r>'),
        HEAD + b"<!-- a comment --><w:p><w:r><w:t>x</w:t></w:r></w:p>" + TAIL,
        HEAD + b"<?pi x?><w:p/>" + TAIL]
BAD = [part("a < b"), part("a & b"), part("&nbsp;"), part("a]]>b"), part("\x01"), part("\x1f"), part("\ufffe"),
       part("&#1;"), part("&#x41"), part("x", run=b"<w:r><w:t>%s</w:t>"),  # a run left open
       part("x", run=b'<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:r>'),
       HEAD + b'<w:p w:x="<w:t>y</w:t>"/>' + TAIL,  # markup in a value: its text dropped, the "<" stays
       HEAD + b"<!-- <w:t>a--b</w:t> --><w:p/>" + TAIL,  # "--" in a comment, hidden in a text
       HEAD + b"<![CDATA[<w:t>]]></w:t>]]><w:p/>" + TAIL,
       HEAD + b'<w:p><w:r><w:t xml:space="preserve">a</w:r></w:t></w:p>' + TAIL,
       HEAD + b"<w:p><w:r><w:t>a</w:t></w:r></w:p>" + TAIL + b"<w:t>x</w:t>",
       HEAD + b"<w:p>" + TAIL, b"<w:t>x</w:t>" + HEAD + TAIL]


def verdict(data: bytes) -> tuple | None:
    try:
        wellformed.check(data)
    except expat.ExpatError as err:
        return err.code, err.lineno, err.offset
    return None


def expat_verdict(data: bytes) -> tuple | None:
    try:
        expat.ParserCreate().Parse(data, True)
    except expat.ExpatError as err:
        return err.code, err.lineno, err.offset
    return None


@pytest.mark.parametrize("order", [1, -1])
def test_the_kept_skeletons_verdict_is_expats_on_the_whole_part(monkeypatch, order):
    monkeypatch.setattr(wellformed, "KEEP_SKELETONS", True)
    monkeypatch.setattr(wellformed, "_SKELETONS", set())
    datas = (GOOD + BAD)[::order]
    for data in datas * 2:  # the second time with every good skeleton kept
        assert verdict(data) == expat_verdict(data), data
    assert [expat_verdict(d) is None for d in GOOD] == [True] * len(GOOD)
    assert [expat_verdict(d) is None for d in BAD] == [False] * len(BAD)
    # Parts of one shape differing in their texts share one skeleton.
    before = len(wellformed._SKELETONS)
    assert verdict(part("Phạm Văn D")) is None and verdict(part("E")) is None
    assert len(wellformed._SKELETONS) == before


def test_a_bad_text_in_a_kept_shape_is_refused_where_expat_refuses_it(monkeypatch):
    monkeypatch.setattr(wellformed, "_SKELETONS", set())
    assert verdict(part("An", "Bình")) is None
    assert wellformed._SKELETONS
    for text in ("<", "&", "]]>", "\x0b", "&#0;", "\uffff"):
        bad = part("An", f"Bình {text}")
        assert verdict(bad) == expat_verdict(bad) != None  # noqa: E711


@pytest.mark.parametrize("kept", [True, False])
def test_a_template_rendering_broken_xml_is_refused_with_the_same_message_either_way(tmp_path, monkeypatch, kept):
    import docx
    from markupsafe import Markup

    from docgen.errors import TemplateError
    from docgen.render.template import DocxTemplate

    monkeypatch.setattr(wellformed, "KEEP_SKELETONS", kept)
    monkeypatch.setattr(wellformed, "_SKELETONS", set())
    document = docx.Document()
    document.add_paragraph("Kính gửi: {{ a }}")
    document.save(tmp_path / "t.docx")
    template = DocxTemplate(tmp_path / "t.docx")
    assert "Kính gửi: Sở &amp; Phòng".encode() in template.render({"a": "Sở & Phòng"})["word/document.xml"]
    assert len(wellformed._SKELETONS) == kept  # the good part's skeleton kept, when kept at all
    # Markup passes unescaped (a value never is: docgen's values are str): broken XML of the same shape.
    for value, reason in ((Markup("<w:t>"), "mismatched tag"), (Markup("a &nbsp; b"), "undefined entity"),
                          (Markup("</w:t></w:r></w:p>"), "mismatched tag")):
        with pytest.raises(TemplateError) as err:
            template.render({"a": value})
        assert [p.message for p in err.value.problems] == [
            f"văn bản dựng từ mẫu không phải XML hợp lệ ({reason}, dòng 3); kiểm tra các thẻ {{%p %}} và {{%tr %}}"
            " trong mẫu"]
