"""PDF and PNG through the real LibreOffice and poppler, as a user runs them."""

import re
import subprocess
from pathlib import Path

import pytest
from conftest import run
from nd30doc import make
from test_plan_document import ISSUED

from docgen.output.pdf import pdf_fonts, to_pdf

DATA = Path(__file__).parent / "data"
# The seed's text, with the number and day the example's plan.yaml gives (test_plan_document.ISSUED).
EXPECTED = [ISSUED.get(line, line)
            for line in (DATA / "ke-hoach-expected.txt").read_text(encoding="utf-8").splitlines()]


def _pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def plan_pdf(office, plan_dir) -> Path:
    result = run("build", "--pdf", plan_dir)
    assert result.exit_code == 0, result.output
    pdf = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.pdf"
    assert f"Đã ghi {pdf}" in result.output.splitlines()
    return pdf


def _words(pdf: Path) -> list[list[tuple[float, float, float, str]]]:
    """Words of each page as (x0, y0, x1, text). pdftotext's plain output drops a "-" that ends
    a line (it takes it for hyphenation); the word boxes keep every character."""
    import html

    pages = re.findall(r"<page .*?</page>", _pdftotext(pdf, "-bbox"), flags=re.S)
    return [[(float(x0), float(y0), float(x1), html.unescape(w)) for x0, y0, x1, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>', page)]
        for page in pages]


HEADER_LIMIT = 50.0  # points from the top: above the first text line (top margin 20 mm = 56.7 pt)


def test_plan_pdf_holds_every_paragraph_with_its_diacritics(plan_pdf):
    # Drop the page numbers (in the top margin) so paragraphs read on across pages.
    text = " ".join(w for page in _words(plan_pdf) for _, y0, _, w in page if y0 >= HEADER_LIMIT)
    squashed = _squash(text)
    for paragraph in EXPECTED:
        assert _squash(paragraph) in squashed, paragraph


def test_plan_pdf_is_a4_with_page_numbers_from_page_2(plan_pdf):
    info = subprocess.run(["pdfinfo", str(plan_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 2
    tops = [[(x0, x1, w) for x0, y0, x1, w in page if y0 < HEADER_LIMIT] for page in _words(plan_pdf)]
    assert len(tops) == pages
    assert tops[0] == [], "page 1 shows no page number"
    for number, top in enumerate(tops[1:], start=2):
        assert [w for _, _, w in top] == [str(number)]
        x0, x1, _ = top[0]
        # Centred on the text area: left margin 30 mm, right 15 mm.
        assert abs((x0 + x1) / 2 - (30 + (210 - 45) / 2) / 25.4 * 72) < 6


def test_plan_pdf_embeds_a_font_with_every_vietnamese_letter(plan_pdf):
    fonts = pdf_fonts(plan_pdf)
    assert fonts and all(embedded for _, embedded in fonts)
    # Only the Times New Roman family or its metric twin: no fallback font was needed for a glyph.
    assert {name.split("-")[0] for name, _ in fonts} <= {"LiberationSerif", "TimesNewRomanPSMT", "TimesNewRoman"}


def test_batch_reports_the_broken_file_and_converts_the_others(office, tmp_path):
    good = [make(tmp_path / f"qd-{i}.docx") for i in range(3)]
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    result = run("pdf", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == f"{broken}: không xuất được PDF: không phải tệp .docx (không đọc được dạng nén zip)\n"
    for path in good:
        assert path.with_suffix(".pdf").read_bytes()[:5] == b"%PDF-"
    assert not broken.with_suffix(".pdf").exists()


def test_a_file_libreoffice_cannot_open_is_named(office, tmp_path):
    import zipfile

    bad = tmp_path / "xml-hong.docx"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("word/document.xml", "<w:document")
    good = make(tmp_path / "tot.docx")
    conversion = to_pdf([bad, good])
    assert conversion.written == [good.with_suffix(".pdf")]
    assert conversion.failed == [(bad, "LibreOffice không chuyển được tệp này sang PDF"
                                       " (tệp hỏng hoặc không phải văn bản Word)")]


def test_pdf_command_names_the_embedded_fonts(office, tmp_path):
    make(tmp_path / "qd.docx")
    result = run("pdf", tmp_path / "qd.docx")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1].startswith("Xong: 1 tệp PDF; phông nhúng: LiberationSerif")


def test_preview_writes_one_png_per_page(office, plan_dir):
    assert run("build", plan_dir).exit_code == 0
    docx = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"
    result = run("preview", docx)
    assert result.exit_code == 0, result.output
    pages = result.output.splitlines()[:-1]
    assert len(pages) >= 2 and result.output.splitlines()[-1] == f"Xong: {len(pages)} trang."
    for i, line in enumerate(pages, start=1):
        png = Path(line)
        assert png == docx.parent / "xem-truoc" / f"ke-hoach-{i}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_without_libreoffice_pdf_says_how_to_install(monkeypatch, plan_dir):
    import shutil

    real = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name in ("soffice", "libreoffice")
                        else real(name, *a, **k))
    result = run("build", "--pdf", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == ("soffice: chưa cài LibreOffice (cần để xuất PDF); cài bằng lệnh:"
                             " apt-get install libreoffice-writer-nogui\n")
    assert not (plan_dir.parents[1] / "build").exists()
    assert run("build", plan_dir).exit_code == 0  # building .docx never needs LibreOffice


def test_a_hung_conversion_is_stopped_and_reported(office, tmp_path):
    good = make(tmp_path / "qd.docx")
    conversion = to_pdf([good], timeout=0.2)  # LibreOffice needs about a second to start
    assert conversion.written == []
    assert conversion.failed == [(good, "LibreOffice không trả lời sau 0.2 giây")]
    assert not good.with_suffix(".pdf").exists()


def test_page_numbers_restart_in_each_section_that_restarts(office, tmp_path):
    """A file of two decisions, each its own section numbered from 1 with page 1 unnumbered."""
    import zipfile

    from nd30doc import two_page_decision

    path = two_page_decision(tmp_path / "bo.docx")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    body = xml.split("<w:body>", 1)[1].split("<w:sectPr>", 1)[0]
    sect = "<w:sectPr>" + xml.split("<w:sectPr>", 1)[1].split("</w:body>", 1)[0]
    restart = sect.replace("<w:titlePg/>", '<w:pgNumType w:start="1"/><w:titlePg/>')
    first = body + f"<w:p><w:pPr>{restart}</w:pPr></w:p>"
    parts["word/document.xml"] = xml.replace(body + sect, first + body + restart).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    conversion = to_pdf([path])
    assert conversion.failed == []
    numbers = [[w for _, y0, _, w in page if y0 < HEADER_LIMIT] for page in _words(conversion.written[0])]
    assert numbers == [[], ["2"], [], ["2"]]


def test_build_pdf_cuts_the_bundle_into_each_decision(office, plan_dir, tmp_path):
    result = run("build", "--pdf", plan_dir)
    assert result.exit_code == 0, result.output
    out = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "quyet-dinh"
    decisions = sorted(out.glob("0*.docx"))
    assert not to_pdf(decisions, out_dir=tmp_path).failed  # each decision converted by itself
    for docx_path in decisions:
        cut = _words(docx_path.with_suffix(".pdf"))
        single = _words(tmp_path / f"{docx_path.stem}.pdf")
        assert [[w for _, _, _, w in page] for page in cut] == [[w for _, _, _, w in page] for page in single]


def test_split_bundle_refuses_pages_that_do_not_match(office, tmp_path):
    from docgen.output.pdf import split_bundle

    pdf = to_pdf([make(tmp_path / "qd.docx")]).written[0]
    assert not split_bundle(pdf, [tmp_path / "a.pdf", tmp_path / "b.pdf"])
    assert not (tmp_path / "a.pdf").exists()
