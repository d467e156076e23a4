"""`docgen lint --pages` of a signed PDF (issue 19, item 3): the PDF is judged as it is, without
LibreOffice, against the .docx it was made from, and the PNG of a page with a finding shows the
signer's blue image and, once issued, the agency's red seal, where the signature cell is.

The first decision's closing is put on a page of its own by hand before signing, so that the page
check has a finding to draw; the second is signed as built, clean: `lint --pages` still writes the
PNG of each page holding a signature and names it in one line (not a finding). `issue --pdf` runs
the page check on what it converts, as `build --pdf` does."""

import shutil
import zipfile

import pytest
from conftest import copy_examples, run
from signing_ca import PASSWORD, make_ca, seal_png, signature_png

from docgen.issuing.layout import read_layout
from docgen.output.package import write_package
from docgen.output.pdf import to_pdf

PLAN = "ninh-binh-2021"
FOLDER = f"build/{PLAN}/quyet-dinh"
CLOSING = ("ND30-PAGE-CLOSING: phần kết (Nơi nhận, chữ ký) đứng riêng ở trang 3, không có dòng nội dung nào của"
           " văn bản phía trên; để ít nhất đoạn cuối của nội dung cùng trang với phần kết")
DPI = 60  # docgen.checker.pdfpages.page_png's


def _closing_on_its_own_page(docx) -> None:
    with zipfile.ZipFile(docx) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    table = xml.rfind("<w:tbl>", 0, xml.find('w:val="NoiNhan"'))
    parts["word/document.xml"] = (xml[:table] + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + xml[table:]).encode()
    write_package(docx, parts)


@pytest.fixture(scope="module")
def signed(tmp_path_factory):
    """A workspace whose first decision, its closing pushed to page 3, was signed, then issued
    with the agency's signature and seal; no LibreOffice may run for `lint --pages` of its PDFs."""
    if not all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftoppm")):
        pytest.skip("thiếu LibreOffice hoặc poppler-utils")
    root = copy_examples(tmp_path_factory.mktemp("ky-trang") / "ws")
    keys = root.parent / "khoa"
    ca = make_ca(keys)
    signer, agency = ca.person("nguoi-ky.p12", "Lâm Xuân Phương"), ca.person("co-quan.p12", "Sở Lao động")
    mp = pytest.MonkeyPatch()
    mp.setenv("DOCGEN_PASSWORD", PASSWORD)
    mp.chdir(root)
    assert run("build", f"plans/{PLAN}").exit_code == 0
    _closing_on_its_own_page(root / FOLDER / "du-thao-giay-khen.docx")
    result = run("sign", f"{FOLDER}/du-thao-giay-khen.docx", "--signer", signer,
                 "--image", signature_png(keys / "chu-ky.png"))
    assert result.exit_code == 0, result.output
    result = run("issue", f"{FOLDER}/du-thao-giay-khen-da-ky.pdf", "--date", "2021-12-20", "--agency", agency,
                 "--seal", seal_png(keys / "dau.png"))
    assert result.exit_code == 0, result.output
    result = run("sign", f"{FOLDER}/du-thao-lao-dong-tien-tien.docx", "--signer", signer,
                 "--image", keys / "chu-ky.png")
    assert result.exit_code == 0, result.output
    result = run("issue", f"{FOLDER}/du-thao-lao-dong-tien-tien-da-ky.pdf", "--date", "2021-12-20",
                 "--agency", agency, "--seal", keys / "dau.png")
    assert result.exit_code == 0, result.output

    def no_libreoffice(*args, **kwargs):
        raise AssertionError("lint --pages of a PDF must not convert anything")

    mp.setattr("docgen.output.pdf.to_pdf", no_libreoffice)
    yield root
    mp.undo()


def _boxes(png):
    """Bounding boxes (x0, y0, x1, y1 in pixels from the top left) of the blue and the red pixels."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    found: dict[str, list[tuple[int, int]]] = {"blue": [], "red": []}
    data = img.tobytes()
    for i, (r, g, b) in enumerate(zip(data[0::3], data[1::3], data[2::3], strict=True)):
        if b > 150 and r < 90 and g < 110:
            found["blue"].append((i % img.width, i // img.width))
        elif r > 170 and g < 80 and b < 80:
            found["red"].append((i % img.width, i // img.width))
    return {colour: (min(x for x, _ in at), min(y for _, y in at), max(x for x, _ in at), max(y for _, y in at))
            if at else None for colour, at in found.items()}


def _cell(pdf):
    """The signature cell of `pdf` in pixels of a PNG at DPI, from the top left, and its page (from 1)."""
    layout = read_layout(pdf)
    cell, height = layout.cell, layout.pages[layout.cell.page][1]
    k = DPI / 72
    return cell.page + 1, (cell.x0 * k, (height - cell.y1) * k, cell.x1 * k, (height - cell.y0) * k)


@pytest.mark.parametrize("name", ["du-thao-giay-khen-da-ky", "01-giay-khen-ky-so"])
def test_lint_pages_judges_a_signed_pdf_as_it_is(signed, name):
    pdf = signed / FOLDER / f"{name}.pdf"
    before = pdf.read_bytes()
    result = run("lint", "--pages", f"{FOLDER}/{name}.pdf")
    assert result.exit_code == 1
    signatures = 1 if name.endswith("da-ky") else 2  # the signer's, then the agency's
    assert result.output.splitlines() == [
        f"{FOLDER}/{name}.pdf:trang 3 (ảnh {FOLDER}/kiem-tra-trang/{name}-3.png): {CLOSING}",
        f"{FOLDER}/{name}.pdf:trang 3 (ảnh {FOLDER}/kiem-tra-trang/{name}-3.png): có {signatures} chữ ký số trên"
        " trang này, xem ảnh",
        "Đã kiểm tra 1 văn bản: 1 lỗi, 0 cảnh báo."]
    assert pdf.read_bytes() == before  # the signatures stay valid: nothing written into the file


def test_the_preview_of_the_signed_page_shows_the_signers_image_in_the_signature_cell(signed):
    pdf = signed / FOLDER / "du-thao-giay-khen-da-ky.pdf"
    run("lint", "--pages", pdf)
    page, (x0, y0, x1, y1) = _cell(pdf)
    boxes = _boxes(signed / FOLDER / "kiem-tra-trang" / f"du-thao-giay-khen-da-ky-{page}.png")
    blue = boxes["blue"]
    assert blue is not None and boxes["red"] is None  # signed, not yet issued: no seal
    assert x0 - 1 <= blue[0] < blue[2] <= x1 + 1 and y0 - 1 <= blue[1] < blue[3] <= y1 + 1
    assert abs((blue[0] + blue[2]) / 2 - (x0 + x1) / 2) < 5  # centred in the cell (Phụ lục I §II.7d)


def test_the_preview_of_the_issued_page_shows_the_seal_over_the_signers_image(signed):
    pdf = signed / FOLDER / "01-giay-khen-ky-so.pdf"
    run("lint", "--pages", pdf)
    page, (x0, y0, x1, y1) = _cell(pdf)
    boxes = _boxes(signed / FOLDER / "kiem-tra-trang" / f"01-giay-khen-ky-so-{page}.png")
    blue, red = boxes["blue"], boxes["red"]
    assert blue is not None and red is not None
    assert x0 - 1 <= blue[0] < blue[2] <= x1 + 1 and y0 - 1 <= blue[1] < blue[3] <= y1 + 1
    # The seal covers the left third of the signer's image (§II.8a), not beyond it.
    assert blue[0] < red[2] <= blue[0] + (blue[2] - blue[0]) / 3 + 3
    assert red[1] < blue[3] and red[3] > blue[1]


def test_a_pdf_without_its_docx_is_named_and_not_judged(signed):
    (signed / "rieng").mkdir()
    elsewhere = signed / "rieng" / "gui-lai.pdf"
    shutil.copyfile(signed / FOLDER / "01-giay-khen-ky-so.pdf", elsewhere)
    result = run("lint", "--pages", "rieng/gui-lai.pdf")
    assert result.exit_code == 2  # as for a file lint cannot read
    assert result.output.splitlines()[0] == (
        "rieng/gui-lai.pdf: không đọc được: không tìm thấy tệp .docx của PDF này (cùng tên, hoặc văn bản docgen"
        " dựng cùng thư mục); cần nó để biết đâu là nội dung, Nơi nhận, chữ ký")


@pytest.mark.parametrize(("name", "signatures"), [("du-thao-lao-dong-tien-tien-da-ky", 1),
                                                  ("02-lao-dong-tien-tien-ky-so", 2)])
def test_a_clean_signed_pdf_gets_the_preview_of_its_signature_page(signed, name, signatures):
    pdf = signed / FOLDER / f"{name}.pdf"
    before = pdf.read_bytes()
    page, (x0, y0, x1, y1) = _cell(pdf)
    result = run("lint", "--pages", f"{FOLDER}/{name}.pdf")
    assert result.exit_code == 0  # a preview is not a finding
    assert result.output.splitlines() == [
        f"{FOLDER}/{name}.pdf:trang {page} (ảnh {FOLDER}/kiem-tra-trang/{name}-{page}.png): có {signatures} chữ ký"
        " số trên trang này, xem ảnh",
        "Đã kiểm tra 1 văn bản: 0 lỗi, 0 cảnh báo."]
    assert pdf.read_bytes() == before
    boxes = _boxes(signed / FOLDER / "kiem-tra-trang" / f"{name}-{page}.png")
    blue, red = boxes["blue"], boxes["red"]
    assert blue is not None
    assert x0 - 1 <= blue[0] < blue[2] <= x1 + 1 and y0 - 1 <= blue[1] < blue[3] <= y1 + 1
    if signatures == 1:
        assert red is None  # signed, not yet issued: no seal
    else:  # issued: the seal over the left third of the signer's image (§II.8a)
        assert red is not None and blue[0] < red[2] <= blue[0] + (blue[2] - blue[0]) / 3 + 3


@pytest.fixture
def issuing(tmp_path):
    """A fresh workspace in which `issue --pdf` runs LibreOffice (even while `signed` forbids it)."""
    if not all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftoppm")):
        pytest.skip("thiếu LibreOffice hoặc poppler-utils")
    root = copy_examples(tmp_path / "ws")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("docgen.output.pdf.to_pdf", to_pdf)
        mp.chdir(root)
        yield root


def test_issue_pdf_of_a_good_document_prints_no_page_finding(issuing):
    assert run("build", f"plans/{PLAN}").exit_code == 0
    result = run("issue", "--pdf", "--date", "2021-12-20", f"{FOLDER}/du-thao-giay-khen.docx")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"Ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021: {FOLDER}/01-giay-khen.docx", "Xong: ban hành 1 văn bản."]
    assert result.stderr == ""
    assert (issuing / FOLDER / "01-giay-khen.pdf").is_file()


def test_issue_pdf_prints_the_page_findings_of_what_it_converted(issuing):
    """The decisions' template with the closing put on a page of its own: every decision the issue
    rebuilt and converted, and the print bundle, have their closing alone on a page."""
    _closing_on_its_own_page(issuing / "templates" / "quyet-dinh.docx")
    assert run("build", f"plans/{PLAN}").exit_code == 0
    result = run("issue", "--pdf", "--date", "2021-12-20", f"{FOLDER}/du-thao-giay-khen.docx")
    assert result.exit_code == 0, result.output  # as build --pdf without --strict

    def closing(name, page):
        return (f"{FOLDER}/{name}.docx:trang {page} (ảnh {FOLDER}/kiem-tra-trang/{name}-{page}.png): "
                + CLOSING.replace("trang 3", f"trang {page}"))

    assert result.stderr.splitlines() == [
        closing("tat-ca", 3), closing("tat-ca", 7), closing("tat-ca", 11), closing("01-giay-khen", 3),
        closing("du-thao-lao-dong-tien-tien", 3), closing("du-thao-chien-si-thi-dua-co-so", 3),
        "Đã kiểm tra 25 văn bản: 6 lỗi, 0 cảnh báo."]
