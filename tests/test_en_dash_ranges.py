"""An en-dash range typed without spaces ("2021–2025", "01–05") never breaks after its dash
(issue 11, fresh users' finding): a word joiner (U+2060) follows the dash in the laid-out XML,
LibreOffice honours it, the PDF shows and reads the text as typed, and docgen's readers read it
as typed."""

import re
import subprocess
import zipfile
from pathlib import Path

import docx
from conftest import _need, run
from docx.shared import Pt
from docxread import shown
from pdfpages import pages

from docgen.render.layout import WORD_JOINER, no_break_in_ranges

RANGE = "giai đoạn 2021–2025 và các tháng 01–05"


def _laid(text: str) -> str:
    return no_break_in_ranges(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>')[31:-12]


def test_an_en_dash_range_is_glued_by_a_word_joiner():
    assert _laid(RANGE) == f"giai đoạn 2021–{WORD_JOINER}2025 và các tháng 01–{WORD_JOINER}05"
    assert _laid("28% – 32%") == "28%\u00a0–\u00a032%"  # spaced: no-break spaces, as before
    assert _laid(_laid(RANGE)) == _laid(RANGE)  # laid out twice: the same
    for text in ("Lao động – Thương binh", "2021 –2025", "QĐ–2"):  # not a range
        assert _laid(text) == text


def _document(path: Path, glue: bool) -> None:
    """Paragraphs whose range falls where a 16.5 cm line ends, one more "x" at a time."""
    document = docx.Document()
    for n in range(30, 60):
        run_ = document.add_paragraph(f"{'x' * n} {RANGE} end").runs[0]
        run_.font.name, run_.font.size = "Times New Roman", Pt(14)
    document.save(str(path))
    if glue:
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["word/document.xml"] = no_break_in_ranges(parts["word/document.xml"].decode()).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)


def _pdf_lines(docx_path: Path) -> list[str]:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(docx_path.parent),
                    str(docx_path)], check=True, capture_output=True, timeout=180)
    return [line for page in pages(docx_path.with_suffix(".pdf")) for line in page]


def test_libreoffice_never_breaks_after_a_glued_en_dash(tmp_path):
    _need("soffice", "pdftotext")
    _document(plain := tmp_path / "plain.docx", glue=False)
    _document(glued := tmp_path / "glued.docx", glue=True)
    cut = re.compile(r"[0-9]–$")
    assert [line for line in _pdf_lines(plain) if cut.search(line)]  # the fault, without the glue
    lines = _pdf_lines(glued)
    assert [line for line in lines if cut.search(line)] == []
    text = "\n".join(lines)
    assert WORD_JOINER not in text  # nothing shows and nothing reads in the PDF's text
    assert text.count("2021–2025") + text.count("2021–\n2025") == 30 and "2021–\n" not in text
    assert text.count("01–05") == 30


def test_a_clerks_en_dash_range_reads_back_as_typed_and_lints_clean(workspace):
    _need("soffice", "pdftotext")
    folder = workspace / "plans" / "to-trinh-truong-tieu-hoc"
    record = folder / "to-trinh.yaml"
    text = record.read_text(encoding="utf-8")
    assert "năm học 2023 - 2024" in text
    record.write_text(text.replace("năm học 2023 - 2024", "năm học 2023–2024", 1), encoding="utf-8")
    result = run("build", "--pdf", folder)
    assert result.exit_code == 0, result.output
    assert "ND30-" not in result.output  # lint and lint --pages, as build --pdf runs them
    out = workspace / "build" / "to-trinh-truong-tieu-hoc" / "to-trinh.docx"
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    glued = [p for p in paragraphs if f"2023–{WORD_JOINER}2024" in p]
    assert glued and "năm học 2023–2024" in shown(glued[0])
    laid = "\n".join(line for page in pages(out.with_suffix(".pdf")) for line in page)
    assert "2023–2024" in laid and WORD_JOINER not in laid
    result = run("lint", out)
    assert result.exit_code == 0 and "ND30-" not in result.output, result.output
