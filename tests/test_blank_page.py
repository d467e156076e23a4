"""Issue 11: a decision whose last page fills exactly to the signature gets no blank page before
its DANH SÁCH. The ninh-binh-2021 decision with fourteen more căn cứ lines ends its page 2 on the
signer's name; the paragraph carrying the section break (tools/make_templates.py section_break)
must stay on that page. Read back from the PDF LibreOffice makes (pdftotext)."""

import re
import subprocess
import zipfile
from pathlib import Path

from conftest import run

from docgen.checker.pages import judge
from docgen.output.pdf import to_pdf

EXTRA_BASES = 14  # found by trying 0-40: page 2 full to the signer's name


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [page.strip() for page in text.split("\f")[:-1]]


def _full_decision(office, workspace: Path) -> Path:
    awards = workspace / "plans" / "ninh-binh-2021" / "awards.yaml"
    extra = "".join(f"  - Căn cứ Công văn số {i + 10:02d}/UBND-VP ngày 01 tháng 3 năm 2021 của Ủy ban nhân dân tỉnh\n"
                    for i in range(EXTRA_BASES))
    awards.write_text(awards.read_text(encoding="utf-8").replace("recipients:\n", extra + "recipients:\n", 1),
                      encoding="utf-8")
    out = workspace / "out"
    result = run("build", "--pdf", "--out", out, workspace / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    return next((out / "quyet-dinh").glob("*lao-dong-tien-tien.docx"))


def test_a_decision_full_to_the_signature_has_its_list_on_the_next_page(office, workspace, tmp_path):
    docx = _full_decision(office, workspace)
    pages = _pages(docx.with_suffix(".pdf"))
    assert len(pages) == 3
    assert pages[1].splitlines()[-1].strip() == "Lâm Xuân Phương"  # page 2 ends on the signer
    assert pages[2].startswith("DANH SÁCH")
    assert judge(docx, docx.with_suffix(".pdf"), tmp_path).findings == []

    # The same document with the break on a paragraph of body size (the templates before the
    # fix): the fixture is exact, page 3 prints only its number and lint --pages says so.
    with zipfile.ZipFile(docx) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    xml, n = re.subn(r'<w:p><w:pPr><w:keepNext w:val="0"/>.*?(?=<w:sectPr>)', "<w:p><w:pPr>", xml, count=1)
    assert n == 1
    parts["word/document.xml"] = xml.encode()
    old = tmp_path / "old.docx"
    with zipfile.ZipFile(old, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert to_pdf([old]).failed == []
    pages = _pages(old.with_suffix(".pdf"))
    assert len(pages) == 4 and pages[2] == "3" and pages[3].startswith("DANH SÁCH")
    assert [(f.rule, f.where.split(" (")[0]) for f in judge(old, old.with_suffix(".pdf"), tmp_path).findings] == [
        ("ND30-PAGE-BLANK", "trang 3")]
