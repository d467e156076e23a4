"""The laid-out pages of every kind of document the examples make, read from LibreOffice's PDF
page by page (issue 11): the page with "Nơi nhận:" also holds body text, the signer's title and
name are on that page, nothing but an annex follows."""

import re
import shutil
import zipfile
from dataclasses import dataclass
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


@dataclass
class Built:
    build: Path  # build/ after issuing: the issued decisions and tờ trình, every other document
    drafts: Path  # a copy of build/ before issuing: the drafts (dự thảo) and their PDFs
    outputs: dict[str, str]  # example folder -> what `build --pdf` printed
    judged: list[tuple[Path, Path, list]]  # what `build --pdf` gave the page check: (docx, pdf, findings)


@pytest.fixture(scope="module")
def built_examples(tmp_path_factory) -> Built:
    """Every example of plans/ built with its PDFs (one LibreOffice run per folder), and the
    example's decisions and tờ trình issued as the văn thư does after signing (Điều 15.2); the
    drafts kept aside before, and what build's page check was given and found."""
    import docgen.checker.pages as page_check

    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("pages")
    copy_examples(root)
    judged = []
    real = page_check.judge_converted

    def recording(pairs, png_dir=None):
        reports = real(pairs, png_dir)
        judged.extend((docx, pdf, r.findings) for (docx, pdf), r in zip(pairs, reports, strict=True))
        return reports

    outputs = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(page_check, "judge_converted", recording)
        for folder in sorted({folder for folder, _ in KINDS.values()}):
            result = run("build", "--pdf", root / "plans" / folder)
            assert result.exit_code == 0, result.output
            outputs[folder] = result.output
    shutil.copytree(root / "build", root / "du-thao")
    result = run("issue", "--pdf", "--date", "2021-12-20", root / "plans" / "ninh-binh-2021")
    assert result.exit_code == 0, result.output
    return Built(root / "build", root / "du-thao", outputs, judged)


@pytest.fixture(scope="module")
def examples(built_examples) -> Path:
    return built_examples.build


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


def test_lint_pages_finds_nothing_in_any_document_of_the_examples(built_examples):
    """`docgen lint --pages` over every document of every example, drafts and issued documents and
    the print bundles, in one LibreOffice run: no page finding (nor any other)."""
    drafts, build = built_examples.drafts, built_examples.build
    documents = sorted(build.rglob("*.docx")) + sorted(drafts.rglob("*.docx"))
    # Of every example and kind, the drafts and the issued ones, the bundle of each.
    for root in (build, drafts):
        assert {d.relative_to(root).parts[0] for d in documents if d.is_relative_to(root)} == {
            folder for folder, _ in KINDS.values()}
    assert {"quyet-dinh/du-thao-giay-khen.docx", "quyet-dinh/01-giay-khen.docx", "quyet-dinh/tat-ca.docx",
            "to-trinh/du-thao-de-nghi-khen-thuong.docx", "to-trinh/04-de-nghi-khen-thuong.docx"} <= {
        f"{d.parent.name}/{d.name}" for d in documents}
    # Three examples issue decisions (the Sở, the school, the district): a bundle each, drafts and issued.
    assert len([d for d in documents if d.name == "tat-ca.docx"]) == 6
    result = run("lint", "--pages", build, drafts)
    lines = [line for line in result.output.splitlines() if "xét như bản dự thảo" not in line]
    assert lines == [f"Đã kiểm tra {len(documents)} văn bản: 0 lỗi, 0 cảnh báo."]
    assert result.exit_code == 0
    assert not list(build.parent.rglob("kiem-tra-trang"))  # no page drawn: none had a finding


def test_build_pdf_checks_the_pages_of_every_document_it_converts(built_examples):
    """Each `build --pdf` of the examples gave the page check every .docx it wrote, each with the
    PDF it wrote beside it (a decision's: cut from the bundle's), and it found nothing."""
    drafts, build = built_examples.drafts, built_examples.build
    judged = {docx.relative_to(build): pdf.relative_to(build) for docx, pdf, _ in built_examples.judged}
    assert judged == {d.relative_to(drafts): d.with_suffix(".pdf").relative_to(drafts) for d in drafts.rglob("*.docx")}
    for kind, (folder, pattern) in KINDS.items():
        draft = pattern.replace("/0*", "/du-thao-*")  # the decisions and tờ trình before issue
        assert [d for d in judged if d.parts[0] == folder and d.relative_to(folder).match(draft)], kind
    assert all(findings == [] for _, _, findings in built_examples.judged)
    for folder, output in built_examples.outputs.items():
        written = {line.removeprefix("Đã ghi ") for line in output.splitlines() if line.startswith("Đã ghi ")}
        assert {str(build / pdf) for pdf in judged.values() if pdf.parts[0] == folder} <= written
        assert "ND30-" not in output


# --- Stretched lines (issue 11, the last new user's finding) ------------------------------------

# Justified body text at 13-14 pt sets its spaces at about 0.2 of the text's height, and ordinary
# Vietnamese words widen them to 0.37 in 95 % of the examples' and users' lines, 0.48 in 98 %
# (pdfspaces.justified_lines). A line whose next run may not start it (a name kept whole, a
# document's symbol) stretched to 1.37 in the district's tờ trình before its name broke between
# units; the users' third round sent back lines at 0.51, 0.57 and 0.61. The page check's limit
# (rules.yaml ND30-PAGE-STRETCHED), which every example keeps under (layout.share_spaces).
STRETCHED = 0.50


def test_no_justified_line_of_any_example_is_stretched(built_examples):
    from pdfspaces import justified_lines

    pdfs = sorted({*built_examples.build.rglob("*.pdf"), *built_examples.drafts.rglob("*.pdf")})
    lines = [(pdf.name, line) for pdf in pdfs for line in justified_lines(pdf)]
    assert len(pdfs) >= 40 and len(lines) > 1000
    assert [(name, line.page, round(line.space, 2), line.text) for name, line in lines
            if line.space > STRETCHED] == []


def test_the_district_to_trinh_breaks_its_name_between_units(built_examples):
    """'Ủy ban nhân dân huyện Yên Khánh' (32 characters) no longer moves to the next line whole:
    the line before 'Yên Khánh kính trình' ends inside the name, between its units, and is set
    like its neighbours."""
    from pdfspaces import justified_lines

    pdf = built_examples.drafts / "thi-dua-ubnd-huyen" / "to-trinh" / "du-thao-de-nghi-khen-thuong.pdf"
    lines = justified_lines(pdf)
    before = next(line for line in lines if "căn cứ thành tích đạt được," in line.text)
    assert before.space < 0.5, before
    text = "\n".join(line for page in pages(pdf) for line in page)
    # Broken only between units: never inside "Ủy ban nhân dân", "Yên Khánh", "Chủ tịch".
    for unit in ("Ủy ban nhân dân", "Yên Khánh", "Chủ tịch", "Ninh Bình"):
        pattern = r"\s+".join(unit.split())
        assert all("\n" not in m.group(0) for m in re.finditer(pattern, text)), unit


def test_a_stretched_line_shares_its_width_with_the_no_break_spaces_inside_it(built_examples):
    """The district's Điều 3 ("… Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ,"
    before "Trưởng phòng Tài chính - Kế hoạch", an office kept whole) had 10 breaking spaces of 13
    and set them at 0.60 of the text's height: the no-break spaces of "Ủy ban" and "Trưởng phòng"
    inside the line now widen with the others and its letters take a little (w:spacing): 0.45; the
    line still starts and ends where it did."""
    from pdfspaces import all_lines

    pdf = built_examples.drafts / "thi-dua-ubnd-huyen" / "quyet-dinh" / "tat-ca.pdf"
    lines = [(words, gaps) for _, words, gaps in all_lines(pdf) if " ".join(words).startswith(
        "Hội đồng nhân dân và Ủy ban nhân dân huyện,")]
    assert lines and all(" ".join(words).endswith("Trưởng phòng Nội vụ,") for words, _ in lines)
    for words, gaps in lines:
        assert words[:2] == ["Hội", "đồng"]  # the line's first word keeps its no-break space (gaps[0])
        assert max(gaps[1:]) < STRETCHED and max(gaps[1:]) - min(gaps[1:]) < 0.03  # every other space alike
