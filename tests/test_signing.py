"""Electronic issue, the decree's order: draft → the signer's signature → number and date filled →
the agency's signature → verify. With a test CA made here (tests/signing_ca.py); the PDFs are read
back by pyHanko's validator, poppler's pdfsig and pdftoppm (the images found on the page)."""

import datetime as dt
import shutil
import subprocess

import pytest
from conftest import ROOT, run
from signing_ca import PASSWORD, make_ca, seal_png, signature_png, two_valid_signatures

from docgen.errors import display_path
from docgen.issuing.layout import read_layout

PLAN = "ninh-binh-2021"
DRAFT = f"build/{PLAN}/quyet-dinh/du-thao-giay-khen.docx"


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    """A workspace whose first decision went the whole way: built, signed, issued with its seal and
    an attachment; and the CA, keys and images used."""
    if not all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftoppm")):
        pytest.skip("thiếu LibreOffice hoặc poppler-utils")
    root = tmp_path_factory.mktemp("ky") / "ws"
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    keys = root.parent / "khoa"
    ca = make_ca(keys)
    people = {"signer": ca.person("nguoi-ky.p12", "Lâm Xuân Phương"),
              "agency": ca.person("co-quan.p12", "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình"),
              "expired": ca.person("het-han.p12", "Người Hết Hạn", expired=True)}
    images = {"signature": signature_png(keys / "chu-ky.png"), "seal": seal_png(keys / "dau.png")}
    mp = pytest.MonkeyPatch()
    mp.setenv("DOCGEN_PASSWORD", PASSWORD)
    mp.chdir(root)
    assert run("build", f"plans/{PLAN}").exit_code == 0
    signed = run("sign", DRAFT, "--signer", people["signer"], "--image", images["signature"])
    assert signed.exit_code == 0, signed.output
    attachment = root / "danh-sach-kem-theo.pdf"
    _blank_pdf(attachment)
    issued = run("issue", f"build/{PLAN}/quyet-dinh/du-thao-giay-khen-da-ky.pdf", "--date", "2021-12-20",
                 "--agency", people["agency"], "--seal", images["seal"], "--attachment", attachment)
    assert issued.exit_code == 0, issued.output
    yield {"root": root, "ca": ca, "people": people, "images": images, "signed_output": signed.output,
           "issued_output": issued.output, "attachment": attachment, "mp": mp,
           "draft_signed": root / f"build/{PLAN}/quyet-dinh/du-thao-giay-khen-da-ky.pdf",
           "final": root / f"build/{PLAN}/quyet-dinh/01-giay-khen-ky-so.pdf"}
    mp.undo()


def _blank_pdf(path):
    """A one-page A4 PDF, as an attachment issued as a file of its own."""
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter

    writer = PdfFileWriter()
    writer.insert_page(PageObject(contents=writer.add_object(generic.StreamObject(stream_data=b"")),
                                  media_box=(0, 0, 595.3, 841.9)))
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def test_the_whole_chain_gives_two_valid_signatures_and_only_allowed_changes(chain):
    root = chain["root"]
    assert chain["signed_output"] == f"Đã ký: build/{PLAN}/quyet-dinh/du-thao-giay-khen-da-ky.pdf\n"
    assert chain["issued_output"].splitlines() == [
        f"Ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021: build/{PLAN}/quyet-dinh/01-giay-khen.docx",
        f"Đã ký số của cơ quan: build/{PLAN}/quyet-dinh/01-giay-khen-ky-so.pdf",
        "Đã ký số của cơ quan: danh-sach-kem-theo-ky-so.pdf",
        "Xong: ban hành 1 văn bản."]
    result = run("verify", chain["final"], "--trust", chain["ca"].root_pem)
    assert result.exit_code == 0, result.output
    two_valid_signatures(result.output, "Lâm Xuân Phương", "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình")
    # The number and day read on the page; the register holds the number.
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", chain["final"], "-"], capture_output=True,
                          check=True).stdout.decode()
    # pdftotext splits the filled field from the printed "/QĐ-…" (another font): on the page they touch.
    assert "Số: 01 /QĐ-LĐTBXH" in " ".join(text.split()) and "ngày 20 tháng 12 năm 2021" in " ".join(text.split())
    listed = run("register", root).output.splitlines()
    assert listed[1].startswith("01/QĐ-LĐTBXH\t2021-12-20\tVề việc tặng Giấy khen của Giám đốc Sở\t")


def test_the_draft_pdf_is_pdf_a_and_the_signer_may_only_allow_form_filling(chain):
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(chain["draft_signed"], "rb") as f:
        reader = PdfFileReader(f, strict=False)
        assert b"pdfaid:part" in reader.root["/Metadata"].get_object().data
        perms = reader.root["/Perms"]["/DocMDP"].get_object()["/Reference"][0]["/TransformParams"]
        assert perms["/P"] == 2  # form filling and signing: Nghị định 30's further steps, nothing else


def test_pdfsig_reads_two_valid_signatures(chain):
    if not shutil.which("pdfsig"):
        pytest.skip("thiếu pdfsig (poppler-utils)")
    out = subprocess.run(["pdfsig", chain["final"]], capture_output=True, timeout=60).stdout.decode()
    assert out.count("Signature Validation: Signature is Valid.") == 2
    assert "Signature Field Name: ChuKyNguoiKy" in out and "Signature Field Name: ChuKyCoQuan" in out


def _pixels(png, colour):
    """The bounding box (x0, y0, x1, y1, in pixels from the top left) of pixels of `colour`."""
    from PIL import Image

    img = Image.open(png).convert("RGB")
    xs, ys = [], []
    for y in range(img.height):
        for x in range(img.width):
            r, g, b = img.getpixel((x, y))
            blue = b > 150 and r < 90 and g < 110
            if (colour == "blue" and blue) or (colour == "red" and r > 170 and g < 80 and b < 80):
                xs.append(x)
                ys.append(y)
    return (min(xs), min(ys), max(xs), max(ys)) if xs else None


def test_the_images_sit_where_decree_30_puts_them(chain, tmp_path):
    layout = read_layout(chain["final"])
    cell = layout.cell
    page = cell.page + 1
    subprocess.run(["pdftoppm", "-png", "-r", "72", "-f", str(page), "-l", str(page), chain["final"],
                    tmp_path / "p"], check=True, timeout=120)
    png = next(tmp_path.glob("p*.png"))
    height = layout.pages[cell.page][1]
    blue, red = _pixels(png, "blue"), _pixels(png, "red")
    assert blue and red
    # The signer's image: between the title and the name, centred on the cell (72 dpi: 1 px = 1 pt).
    assert cell.y0 - 1 <= height - blue[3] and height - blue[1] <= cell.y1 + 1
    assert abs((blue[0] + blue[2]) / 2 - (cell.x0 + cell.x1) / 2) < 6
    # The seal: over the left third of the signer's image, not beyond it.
    third = blue[0] + (blue[2] - blue[0]) / 3
    assert blue[0] < red[2] <= third + 3
    assert red[1] < blue[3] and red[3] > blue[1]


def test_the_attachment_carries_the_agency_signature_top_right_with_number_and_time(chain):
    sealed = chain["root"] / "danh-sach-kem-theo-ky-so.pdf"
    result = run("verify", sealed, "--trust", chain["ca"].root_pem)
    assert result.exit_code == 0, result.output
    assert "  - vị trí: đúng Nghị định 30 (văn bản kèm theo: góc trên, bên phải trang đầu)" in \
        result.output.splitlines()
    words = subprocess.run(["pdftotext", "-bbox", sealed, "-"], capture_output=True, check=True).stdout.decode()
    assert ">01/QĐ-LĐTBXH</word>" in words
    import re

    stamp = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00)</word>', words)
    assert stamp, words
    assert float(stamp.group(1)) > 595.3 * 0.6 and float(stamp.group(2)) < 841.9 * 0.2
    fonts = subprocess.run(["pdffonts", sealed], capture_output=True, check=True).stdout.decode()
    assert "Serif" in fonts or "Times" in fonts


def test_filled_text_has_its_glyph_widths_in_thousandths_of_an_em(chain):
    """pyHanko writes TrueType widths in font units (signing._font_factory corrects them): the
    digits of the number are 0.5 em wide, 500 in the PDF."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(chain["final"], "rb") as f:
        reader = PdfFileReader(f, strict=False)
        field = next(x.get_object() for x in reader.root["/AcroForm"]["/Fields"] if x.get_object()["/T"] == "SoVanBan")
        font = field["/AP"]["/N"].get_object()["/Resources"]["/Font"]["/F1"].get_object()
        widths = font["/DescendantFonts"][0].get_object()["/W"]
        assert field["/V"] == "01"
        assert {int(w) for w in widths[1]} == {500}


def _copy(chain, tmp_path, name="thu.pdf"):
    path = tmp_path / name
    shutil.copy(chain["final"], path)
    return path


def test_a_changed_byte_is_reported(chain, tmp_path):
    path = _copy(chain, tmp_path)
    data = bytearray(path.read_bytes())
    at = data.index(b"stream", 2000) + 40  # inside a content stream the first signature covers
    data[at] ^= 0x01
    path.write_bytes(bytes(data))
    result = run("verify", path, "--trust", chain["ca"].root_pem)
    assert result.exit_code == 1
    assert "  - chữ ký: KHÔNG HỢP LỆ: nội dung đã ký bị thay đổi hoặc chữ ký hỏng" in result.output.splitlines()
    assert result.output.splitlines()[-1] == "Kết quả: 0/2 chữ ký đạt."


def test_an_added_page_is_reported(chain, tmp_path):
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.writer import PageObject

    path = _copy(chain, tmp_path)
    writer = IncrementalPdfFileWriter(io.BytesIO(path.read_bytes()), strict=False)
    writer.insert_page(PageObject(contents=writer.add_object(generic.StreamObject(stream_data=b"BT ET")),
                                  media_box=(0, 0, 595.3, 841.9)))
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    result = run("verify", path, "--trust", chain["ca"].root_pem)
    assert result.exit_code == 1
    changes = [line for line in result.output.splitlines() if line.startswith("  - thay đổi")]
    assert changes == ["  - thay đổi sau khi ký: CÓ THAY ĐỔI KHÔNG ĐƯỢC PHÉP sau khi ký (thêm, sửa hay xóa nội"
                       " dung, trang)"] * 2


def test_an_untrusted_root_is_reported(chain, tmp_path):
    other = make_ca(tmp_path / "khac", "CA khác")
    result = run("verify", chain["final"], "--trust", other.root_pem)
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if line.startswith("  - chứng thư")] == [
        "  - chứng thư: chứng thư không do tổ chức chứng thực tin cậy cấp (không nối được tới gốc tin cậy đã chỉ)"] * 2


def test_an_expired_certificate_is_reported(chain, tmp_path):
    draft = chain["attachment"]
    out = tmp_path / "het-han.pdf"
    # Signing with it is refused by nobody (the key still works); verifying says it.
    from docgen.issuing.signing import load_signer, seal_attachment

    seal_attachment(draft, out, "01/QĐ-LĐTBXH", load_signer(chain["people"]["expired"], PASSWORD))
    result = run("verify", out, "--trust", chain["ca"].root_pem)
    assert result.exit_code == 1
    assert "  - chứng thư: chứng thư đã hết hạn" in result.output.splitlines() or \
        "  - chứng thư: chứng thư đã hết hạn khi ký" in result.output.splitlines(), result.output


def test_a_wrong_password_is_one_vietnamese_line(chain, tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_PASSWORD", "sai")
    p12 = chain["people"]["signer"]
    result = run("sign", chain["draft_signed"], "--signer", p12, "--image", chain["images"]["signature"],
                 "--out", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert result.stderr == (f"{display_path(p12)}: sai mật khẩu, hoặc tệp không phải chứng thư số PKCS#12"
                             " (.p12/.pfx)\n")
    assert not (tmp_path / "x.pdf").exists()


def test_an_issued_pdf_cannot_be_signed_again_as_a_draft(chain, tmp_path):
    result = run("sign", chain["final"], "--signer", chain["people"]["signer"], "--image",
                 chain["images"]["signature"], "--out", tmp_path / "x.pdf")
    assert result.exit_code == 1
    assert result.stderr == (f"{display_path(chain['final'])}: văn bản đã có số (01): chỉ ký bản dự thảo, số và"
                             " ngày do văn thư cấp khi ban hành (docgen issue)\n")


def test_a_docx_that_cannot_be_signed_is_named_not_its_temporary_pdf(chain, tmp_path):
    issued = f"build/{PLAN}/quyet-dinh/01-giay-khen.docx"
    result = run("sign", issued, "--signer", chain["people"]["signer"], "--image", chain["images"]["signature"],
                 "--out", tmp_path / "x.pdf")
    assert (result.exit_code, result.stderr) == (1, f"{issued}: văn bản đã có số (01): chỉ ký bản dự thảo, số và"
                                                 " ngày do văn thư cấp khi ban hành (docgen issue)\n")
    assert not (tmp_path / "x.pdf").exists()


def test_key_material_never_enters_records_or_output(chain):
    secret_files = [chain["people"]["signer"], chain["people"]["agency"]]
    blobs = [p.read_bytes() for p in secret_files]
    for path in [*chain["root"].rglob("*")]:
        if path.is_file() and path.suffix in (".pdf", ".docx", ".sqlite", ".yaml", ".json"):
            data = path.read_bytes()
            assert PASSWORD.encode() not in data, path
            assert not any(blob[-64:] in data for blob in blobs), path


def test_the_issue_date_outside_the_signed_month_is_refused(chain, tmp_path):
    from docgen.issuing.signing import SigningError, fill_and_seal, load_signer

    with pytest.raises(SigningError) as err:
        fill_and_seal(chain["draft_signed"], tmp_path / "x.pdf", "02", dt.date(2022, 1, 5),
                      load_signer(chain["people"]["agency"], PASSWORD), chain["images"]["seal"])
    assert str(err.value.problems[0]).endswith(
        "bản đã ký ghi tháng 12 năm 2021, ngày ban hành 05/01/2022 khác tháng: không sửa được chữ đã ký; hãy ban"
        " hành trong tháng đó, hoặc dựng lại dự thảo với ngày mới và ký lại")


def test_verify_names_a_missing_or_broken_file(tmp_path):
    result = run("verify", tmp_path / "khong-co.pdf")
    assert (result.exit_code, result.stderr) == (1, f"{display_path(tmp_path / 'khong-co.pdf')}: không tìm thấy tệp\n")
    (tmp_path / "hong.pdf").write_bytes(b"%PDF-1.7\nkhong phai pdf")
    result = run("verify", tmp_path / "hong.pdf")
    assert (result.exit_code, result.stderr) == (1, f"{display_path(tmp_path / 'hong.pdf')}: không đọc được PDF (tệp"
                                                 " hỏng hoặc không phải PDF)\n")
