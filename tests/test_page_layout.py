"""The laid-out pages of every kind of document the examples make, read from LibreOffice's PDF
page by page (issue 11): the page with "Nơi nhận:" also holds body text, the signer's title and
name are on that page, nothing but an annex follows."""

import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, _need, copy_examples, run
from pdfpages import closing_faults, pages, squash

from docgen.output.package import write_package
from docgen.output.pdf import to_pdf

# Every document kind of plans/: (example folder, documents of the kind in its build folder).
KINDS = {
    "kế hoạch": ("ninh-binh-2021", "ke-hoach.docx"),
    "biểu mẫu báo cáo của đơn vị": ("ninh-binh-2021", "bieu-mau/*.docx"),
    "báo cáo tổng hợp (hằng năm, sơ kết)": ("ninh-binh-2021", "bao-cao-*.docx"),
    "quyết định khen thưởng có danh sách": ("ninh-binh-2021", "quyet-dinh/0*.docx"),
    "tệp in gộp các quyết định": ("ninh-binh-2021", "quyet-dinh/tat-ca.docx"),
    "tờ trình có danh sách": ("ninh-binh-2021", "to-trinh/*.docx"),
    "báo cáo (văn bản chung)": ("bao-cao-cong-doan", "*.docx"),
    "công văn": ("cong-van-dang-ky-thi-dua", "*.docx"),
    "kế hoạch (văn bản chung)": ("ke-hoach-thi-dua-phong-gd", "*.docx"),
    "quyết định (văn bản chung)": ("quyet-dinh-ubnd-tinh", "*.docx"),
    "tờ trình (văn bản chung)": ("to-trinh-truong-tieu-hoc", "*.docx"),
    "quyết định khen thưởng của trường học": ("thi-dua-truong-tieu-hoc", "quyet-dinh/du-thao-*.docx"),
    "quyết định khen thưởng của UBND huyện": ("thi-dua-ubnd-huyen", "quyet-dinh/du-thao-*.docx"),
}


@pytest.fixture(scope="module")
def examples(tmp_path_factory) -> Path:
    """Every example of plans/ built with its PDFs (one LibreOffice run per folder), and the
    example's decisions and tờ trình issued as the văn thư does after signing (Điều 15.2)."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("pages")
    copy_examples(root)
    for folder in sorted({folder for folder, _ in KINDS.values()}):
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    result = run("issue", "--pdf", "--date", "2021-12-20", root / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    return root / "build"


def test_every_example_folder_is_a_kind_here():
    assert {folder for folder, _ in KINDS.values()} == {p.name for p in (ROOT / "plans").iterdir() if p.is_dir()}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_closing_shares_its_page_with_the_text(examples, kind):
    folder, pattern = KINDS[kind]
    documents = sorted((examples / folder).glob(pattern))
    assert documents, kind
    faults = {d.name: closing_faults(d.with_suffix(".pdf"), d) for d in documents}
    assert faults == {d.name: [] for d in documents}


def test_the_decision_keeps_its_signature_with_article_3(examples):
    # Issue 11: page 2 held only Nơi nhận, "GIÁM ĐỐC" and the name. Now Điều 3 comes with them.
    laid = pages(examples / "ninh-binh-2021" / "quyet-dinh" / "01-giay-khen.pdf")
    signed = next(lines for lines in laid if any(line.startswith("Nơi nhận:") for line in lines))
    assert "Điều3." in squash(" ".join(signed))


def _with_page_break_before_closing(source: Path, target: Path) -> None:
    """`source` with a page break just before the table of Nơi nhận and the signature."""
    with zipfile.ZipFile(source) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    table = xml.rfind("<w:tbl>", 0, xml.find('w:val="NoiNhan"'))
    xml = xml[:table] + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + xml[table:]
    parts["word/document.xml"] = xml.encode("utf-8")
    write_package(target, parts)


def test_a_closing_alone_on_its_page_is_reported(examples, tmp_path):
    source = examples / "to-trinh-truong-tieu-hoc" / "to-trinh.docx"
    faulty = tmp_path / "to-trinh.docx"
    _with_page_break_before_closing(source, faulty)
    result = to_pdf([faulty])
    assert result.written == [faulty.with_suffix(".pdf")]
    assert closing_faults(faulty.with_suffix(".pdf"), faulty) == [
        "trang 2: Nơi nhận đứng đầu trang, không có nội dung văn bản phía trên"]


def test_duplex_bundle_starts_every_decision_on_an_odd_page(examples):
    root = examples.parent
    result = run("build", "--duplex", root / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    folder = examples / "ninh-binh-2021" / "quyet-dinh"
    members = sorted(folder.glob("0*.pdf"))
    counts = [len(pages(m)) for m in members]
    laid = pages(folder / "tat-ca.pdf")
    starts = [i for i, lines in enumerate(laid) if lines and "CỘNG HÒA XÃ HỘI" in " ".join(lines[:2])]
    assert len(starts) == len(members) and all(i % 2 == 0 for i in starts)  # page 1, 3, 5, … of the sheet
    # A blank back after each decision of an odd page count (not the last): nothing else added.
    assert len(laid) == sum(n + n % 2 for n in counts[:-1]) + counts[-1]
    assert [i for i, lines in enumerate(laid) if not lines] == [
        s - 1 for s, n in zip(starts[1:], counts, strict=False) if n % 2]
    # Each decision's own PDF holds its pages only, no blank one.
    assert all(all(lines for lines in pages(m)) for m in members)
    # The .docx bundle lays out the same way (LibreOffice, as a user would open it).
    copy = root / "bundle" / "tat-ca.docx"
    copy.parent.mkdir()
    shutil.copy(folder / "tat-ca.docx", copy)
    assert to_pdf([copy]).written == [copy.with_suffix(".pdf")]
    assert [bool(lines) for lines in pages(copy.with_suffix(".pdf"))] == [bool(lines) for lines in laid]
