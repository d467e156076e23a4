"""A heading of a unit's form never ends a page (issue 11: "VI. ĐỀ XUẤT, KIẾN NGHỊ" alone at the foot).

The fixture is a fresh user's records (Sở Y tế Bà Rịa - Vũng Tàu, tests/data/heading-keep): its
form for the Phòng Nghiệp vụ Y - Dược (a three-line header, the unit's parent long) put section VI
as the last line of page 1 in LibreOffice 7.4, though the heading style keeps with the next
paragraph. The form is laid out at its own page and with 10 and 20 pt more room at the foot (the
bottom margin, 20 mm, made smaller: a probe of the layout, not a page docgen writes); before the
template's fix each of the three left the heading at the foot of page 1. The PDF is read back line
by line.
"""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, _need, run

from docgen.checker.pages import judge

RECORDS = Path(__file__).resolve().parent / "data" / "heading-keep" / "so-y-te-brvt-2024"
HEADING = re.compile(r"^([IVX]+|\d+)\. \S")
# Bottom margins in twips: the form's own 1134 (20 mm), then 10 and 20 pt less.
BOTTOMS = (1134, 934, 734)


def _with_bottom(src: Path, dst: Path, bottom: int) -> Path:
    with zipfile.ZipFile(src) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    xml, n = re.subn(r'(<w:pgMar [^>]*w:bottom=")\d+"', rf'\g<1>{bottom}"', xml)
    assert n == 1
    parts["word/document.xml"] = xml.encode()
    with zipfile.ZipFile(dst, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return dst


@pytest.fixture(scope="module")
def laid_out(tmp_path_factory) -> list[tuple[Path, Path]]:
    from docgen.output.pdf import to_pdf

    _need("soffice", "pdftoppm", "pdftotext")
    root = tmp_path_factory.mktemp("keep")
    shutil.copytree(RECORDS, root / "plans" / RECORDS.name)
    shutil.copytree(ROOT / "templates", root / "templates")
    result = run("build", root / "plans" / RECORDS.name)
    assert result.exit_code == 0, result.output
    form = root / "build" / RECORDS.name / "bieu-mau" / "nghiep_vu_y.docx"
    docs = [_with_bottom(form, root / f"nghiep_vu_y-{b}.docx", b) for b in BOTTOMS]
    conversion = to_pdf(docs)
    assert conversion.failed == []
    return [(d, d.with_suffix(".pdf")) for d in docs]


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def test_no_page_of_the_form_ends_on_a_heading(laid_out):
    for docx, pdf in laid_out:
        pages = _pages(pdf)
        assert len(pages) >= 2, docx.name
        for n, lines in enumerate(pages[:-1], start=1):
            assert not HEADING.match(lines[-1]), (docx.name, n, lines[-3:])


def test_each_heading_shares_its_page_with_the_line_after_it(laid_out):
    for docx, pdf in laid_out:
        lines = [(n, line) for n, page in enumerate(_pages(pdf)) for line in page]
        for (page, line), (next_page, _) in zip(lines, lines[1:], strict=False):
            if re.match(r"^[IVX]+\. ", line):
                assert next_page == page, (docx.name, line)


def test_lint_pages_finds_no_heading_at_a_foot(laid_out):
    for docx, pdf in laid_out:
        report = judge(docx, pdf)
        assert report.error is None
        assert [f for f in report.findings if f.rule == "ND30-PAGE-HEADING"] == [], docx.name
