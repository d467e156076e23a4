"""No line break inside a place name (issue 11, "line breaks"), read back from the laid-out PDFs
of every shipped example."""

import re
from pathlib import Path

import pytest
from conftest import ROOT, _need, copy_examples, run
from pdfpages import pages

from docgen.vn.text import keep_names, place_spaces

FOLDERS = sorted(p.name for p in (ROOT / "plans").iterdir() if p.is_dir())
# A line ending inside a place name after its level ("huyện Nho" / "Quan").
PLACE_CUT = re.compile(r"(?:^|\s)(?:tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn) \w+$")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Every shipped example built with its PDFs, as the README's build does."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("breaks")
    copy_examples(root)
    for folder in FOLDERS:
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
        assert "ND30-" not in result.output  # lint and lint --pages clean, as build runs them
    return root / "build"


def _cuts(built: Path, pattern: re.Pattern[str], next_line: str = "") -> list[tuple[str, str, str]]:
    out = []
    for pdf in sorted(built.rglob("*.pdf")):
        lines = [line for page in pages(pdf) for line in page]
        for line, after in zip(lines, lines[1:], strict=False):
            if pattern.search(line) and re.match(next_line, after):
                out.append((pdf.name, line[-40:], after[:20]))
    return out


def test_a_place_name_stays_whole_in_list_cells(built):
    assert _cuts(built, PLACE_CUT, r"[A-ZĐ]") == []
    bundle = "\n".join(line for page in pages(built / "ninh-binh-2021" / "quyet-dinh" / "tat-ca.pdf") for line in page)
    assert re.search(r"huyện\s+Nho Quan", bundle) and re.search(r"thành phố\s+Tam Điệp", bundle)


def test_place_spaces_follow_the_level_words():
    assert keep_names("Phòng Lao động - Thương binh và Xã hội huyện Nho Quan", ()) == \
        "Phòng Lao động - Thương binh và Xã hội huyện Nho\u00a0Quan"
    assert keep_names("thành phố Tam Điệp, tỉnh Ninh Bình", ()) == "thành phố Tam\u00a0Điệp, tỉnh Ninh\u00a0Bình"
    assert keep_names("HUYỆN NHO QUAN", ()) == "HUYỆN NHO\u00a0QUAN"
    assert place_spaces("Bộ Lao động - Thương binh và Xã hội Việt Nam") == []  # "Xã hội": no place
    assert place_spaces("xã Ninh Hải và huyện Kim Sơn") == [7, 24]
