"""What issue 11 asked last of the laid-out page, read back from the built .docx and from
LibreOffice's PDF: the signer's lines sit together, short fixed names do not break, a wide
annex turns its page by itself."""

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import _need, copy_examples, run
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The main example and the province's decision (a KT. signature) built with their PDFs."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("finish")
    copy_examples(root)
    for folder in ("ninh-binh-2021", "quyet-dinh-ubnd-tinh"):
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    return root / "build"


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(part))


def _words(pdf: Path) -> list[tuple[float, str]]:
    """(top in pt, word) of every word of the PDF, in reading order (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [(float(y), w) for y, w in re.findall(r'<word xMin="[^"]+" yMin="([^"]+)"[^>]*>([^<]*)</word>', html)]


def test_the_signers_lines_sit_together(built):
    # "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH": 12 pt above the first line only (Phụ lục III's samples).
    path = built / "quyet-dinh-ubnd-tinh" / "quyet-dinh.docx"
    style = next(s for s in _xml(path, "word/styles.xml").iter(f"{W}style") if s.get(f"{W}styleId") == "ChucVu")
    assert style.find(f"{W}pPr/{W}spacing").get(f"{W}before") == "240"
    assert style.find(f"{W}pPr/{W}contextualSpacing") is not None  # none between lines of this style
    lines = [p for p in _xml(path).iter(f"{W}p") if (s := p.find(f"{W}pPr/{W}pStyle")) is not None
             and s.get(f"{W}val") == "ChucVu"]
    assert ["".join(p.itertext()) for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(p.find(f"{W}pPr/{W}spacing") is None for p in lines)  # nothing overrides the style
    # On the page: the second line one line (14 pt, single) under the first, level with "Nơi nhận:".
    words = _words(path.with_suffix(".pdf"))
    top = {w: y for y, w in reversed(words)}  # the first occurrence of each word
    kt = next(y for y, w in words if w == "KT.")
    pho = next(y for y, w in words if w == "PHÓ")
    assert 14 <= pho - kt <= 18, (kt, pho)
    assert abs(kt - top["Nơi"]) < 1
