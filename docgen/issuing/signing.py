"""Electronic issue (văn bản điện tử): PAdES signatures with pyHanko, where Decree 30 puts them.

The order is the decree's (Nghị định 30/2020, Điều 15 and Phụ lục I §II.7d, §II.8):
1. `sign_draft`: the competent person signs the draft's PDF. A certification signature (DocMDP
   level 2: form filling and further signatures allowed), its appearance the signer's image
   (blue .png, transparent) centred in the signature cell between title and name (§II.7d). The
   same revision adds two empty text fields over the blanks of the number and the day.
2. `fill_and_seal`: the văn thư fills the number and day into those fields (an incremental
   update that form filling allows, so the first signature stays valid), then signs as the
   agency with the seal image (red .png, actual size) over the left third of the signer's
   image (§II.8a).
3. `seal_attachment`: an attachment in a file of its own gets the agency's signature at the top
   right of page 1, no image, its text the number and ký hiệu and the signing time (ISO 8601,
   Vietnam time) in Times New Roman 10 pt, upright, black (§II.8b).

Key material stays where the user keeps it: a PKCS#12 file is read in memory with its password
(from a prompt or an environment variable) and never written anywhere; a key on a PKCS#11 token
never leaves it (docgen.issuing.token). Every function here takes either signer.
"""

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Location, OutputError, WorkspaceError
from docgen.issuing.layout import Box, Layout, read_layout

SIGNER_FIELD = "ChuKyNguoiKy"  # the competent person's signature
AGENCY_FIELD = "ChuKyCoQuan"  # the agency's signature (the seal)
NUMBER_FIELD = "SoVanBan"
DAY_FIELD = "NgayBanHanh"
VIETNAM = dt.timezone(dt.timedelta(hours=7))
SEAL_MM = 36.0  # the seal field's size unless the signer says (docgen sign --seal-size): a round seal ≈ 36 mm
SIGNER_MAX_WIDTH = 170.0  # points: the widest the signer's image is drawn (about 6 cm)
MM = 72 / 25.4

# Fonts for the text docgen adds to a PDF: Times New Roman when installed, else its metric twin.
SERIF = ("/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
         "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
         "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf")
SERIF_ITALIC = ("/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Italic.ttf",
                "/usr/share/fonts/truetype/msttcorefonts/timesi.ttf",
                "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
                "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf")


class SigningError(OutputError):
    """A signature could not be made (a key, an image, a PDF that is not a draft)."""


def _font(candidates: tuple[str, ...]) -> str:
    for path in candidates:
        if Path(path).is_file():
            return path
    raise SigningError.at(Location(candidates[0]), "không tìm thấy phông Times New Roman hay Liberation Serif"
                          " (apt-get install fonts-liberation2)")


def load_signer(p12: Path, password: str | None):
    """The signer held in a PKCS#12 file (.p12/.pfx), decrypted in memory with `password` (read
    with cryptography, handed to pyHanko's SimpleSigner; nothing is written anywhere).
    Raises SigningError with one Vietnamese line when the file is missing or the password wrong."""
    from asn1crypto import keys, x509
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    try:
        data = p12.read_bytes()
    except OSError:
        raise SigningError.at(Location(p12), "không tìm thấy hoặc không đọc được tệp chứng thư số") from None
    try:
        key, cert, others = pkcs12.load_key_and_certificates(data, password.encode("utf-8") if password else None)
    except (ValueError, TypeError):
        key = cert = None
    if key is None or cert is None:
        raise SigningError.at(Location(p12), "sai mật khẩu, hoặc tệp không phải chứng thư số PKCS#12"
                              " (.p12/.pfx)")
    der = serialization.Encoding.DER
    signing_key = keys.PrivateKeyInfo.load(key.private_bytes(der, serialization.PrivateFormat.PKCS8,
                                                             serialization.NoEncryption()))
    chain = [x509.Certificate.load(c.public_bytes(der)) for c in others]
    return SimpleSigner(signing_cert=x509.Certificate.load(cert.public_bytes(der)), signing_key=signing_key,
                        cert_registry=SimpleCertificateStore.from_certs(chain))


def _font_factory(path: str, size: int):
    """pyHanko's OpenType font engine factory for `path`, its glyph widths written in the PDF's
    1/1000 em. pyHanko (0.38) writes a TrueType font's widths in the font's own units (2048 an
    em for Times New Roman and Liberation Serif), so a viewer spaces the glyphs twice too wide;
    tests/test_signing.py reads the widths back and fails if pyHanko changes this."""
    from dataclasses import dataclass as _dataclass

    from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory

    @_dataclass(frozen=True)
    class ScaledFactory(GlyphAccumulatorFactory):
        def create_font_engine(self, writer, obj_stream=None):
            # The font read into memory: pyHanko's own factory leaves its file open.
            engine = GlyphAccumulator(writer=writer, font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
                                      font_size=self.font_size, obj_stream=obj_stream)
            upem = engine.units_per_em
            original = engine.prepare_write

            def prepare_write():
                if upem != 1000 and not engine._write_prepared:
                    engine._glyphs = {g: (cid, round(w * 1000 / upem)) for g, (cid, w) in engine._glyphs.items()}
                original()

            engine.prepare_write = prepare_write
            return engine

    return ScaledFactory(path, font_size=size)


def _image(path: Path):
    """The .png as a PIL image (RGBA kept: its transparency is the decree's 'nền trong suốt')."""
    from PIL import Image, UnidentifiedImageError

    try:
        img = Image.open(path)
        img.load()
    except (OSError, UnidentifiedImageError):
        raise SigningError.at(Location(path), "không đọc được ảnh; cần tệp .png nền trong suốt") from None
    if img.format != "PNG":
        raise SigningError.at(Location(path), f"ảnh là {img.format}, cần tệp .png nền trong suốt"
                              " (Nghị định 30, Phụ lục I §II.7d, §II.8a)")
    return img


def signer_box(layout: Layout, img) -> Box:
    """Where the signer's image goes: centred in the signature cell, as large as fits (keeping
    its proportions, at most SIGNER_MAX_WIDTH wide, 2 pt from the title and the name)."""
    cell = layout.cell
    height = max(cell.height - 4, 1)
    width = height * img.width / img.height
    max_width = max(cell.width, SIGNER_MAX_WIDTH)
    if width > max_width:
        width, height = max_width, max_width * img.height / img.width
    cx, cy = (cell.x0 + cell.x1) / 2, (cell.y0 + cell.y1) / 2
    return Box(cell.page, cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def seal_box(signer: Box, size_mm: float = SEAL_MM) -> Box:
    """Where the seal goes: a square `size_mm` across (the seal's actual size), centred on the
    signer's image's height, its right edge at a third of the signer's image from the left, so it
    covers the left third (Phụ lục I §II.8a). The box is made when the signer signs (a certified
    document may only have its existing signature fields signed), the seal drawn into it at issue."""
    width = height = size_mm * MM
    right = signer.x0 + signer.width / 3
    cy = (signer.y0 + signer.y1) / 2
    return Box(signer.page, right - width, cy - height / 2, right, cy + height / 2)


def attachment_box(layout: Layout) -> Box:
    """Top right of page 1 (Phụ lục I §II.8b): 75 mm wide, 14 mm high, 10 mm from the top and
    from the right edge of the page."""
    width, height = layout.pages[0]
    return Box(0, width - 10 * MM - 75 * MM, height - 10 * MM - 14 * MM, width - 10 * MM, height - 10 * MM)


def _stamp(img, opacity: float = 1.0):
    from pyhanko.pdf_utils.images import PdfImage
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(background=PdfImage(img), border_width=0, background_opacity=opacity)


def _text_field(writer, name: str, box: Box) -> None:
    """An empty single-line text field over `box`, for the văn thư to fill."""
    from pyhanko.pdf_utils import generic

    page_ref = writer.find_page_for_modification(box.page)[0]
    page = page_ref.get_object()
    field = generic.DictionaryObject({
        generic.pdf_name("/Type"): generic.pdf_name("/Annot"),
        generic.pdf_name("/Subtype"): generic.pdf_name("/Widget"),
        generic.pdf_name("/FT"): generic.pdf_name("/Tx"),
        generic.pdf_name("/T"): generic.pdf_string(name),
        generic.pdf_name("/F"): generic.NumberObject(4),  # printed
        generic.pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in
                                                        (box.x0, box.y0, box.x1, box.y1)),
        generic.pdf_name("/P"): page_ref,
        generic.pdf_name("/DA"): generic.pdf_string("/F1 13 Tf 0 g"),
        generic.pdf_name("/Q"): generic.NumberObject(1),
    })
    ref = writer.add_object(field)
    annots = page.get("/Annots")
    if annots is None:
        page[generic.pdf_name("/Annots")] = generic.ArrayObject([ref])
    else:
        annots.get_object().append(ref)
        if isinstance(annots, generic.IndirectObject):
            writer.mark_update(annots)
    writer.update_container(page)
    root = writer.root
    form = root.get("/AcroForm")
    if form is None:
        root[generic.pdf_name("/AcroForm")] = generic.DictionaryObject(
            {generic.pdf_name("/Fields"): generic.ArrayObject([ref])})
        writer.update_root()
    else:
        form = form.get_object()
        form["/Fields"].append(ref)
        writer.update_container(form)


@dataclass(frozen=True)
class SignedDraft:
    path: Path
    signer: Box  # where the signer's image is


def sign_draft(pdf: Path, out: Path, signer, image: Path, reason: str | None = None,
               seal_mm: float = SEAL_MM, props: dict[str, str] | None = None) -> SignedDraft:
    """Sign the draft `pdf` as the competent person (step 1), writing `out`. The same revision
    holds the empty fields the văn thư fills at issue: the number, the day and the agency's
    signature (a seal `seal_mm` across, over the left third of the signer's image). `props`, the
    docgen.* properties of the draft's .docx, go into the PDF's document information, so that
    `docgen issue` knows which document of the register the signed file is.

    Raises SigningError when `pdf` is not a draft (a number is printed), has no signature block
    or no blank for the day, or the image cannot be read."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    layout = read_layout(pdf)
    data = pdf.read_bytes()
    if b"/ByteRange" in data and layout.number_printed is None:
        from pyhanko.pdf_utils.reader import PdfFileReader

        if PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures:
            raise SigningError.at(Location(pdf), "tệp đã có chữ ký số: chỉ ký bản dự thảo chưa ai ký (tệp .docx"
                                  " hoặc PDF docgen dựng ra)")
    if layout.number_printed is not None:
        raise SigningError.at(Location(pdf), f"văn bản đã có số ({layout.number_printed}): chỉ ký bản dự thảo,"
                              " số và ngày do văn thư cấp khi ban hành (docgen issue)")
    if layout.cell is None:
        raise SigningError.at(Location(pdf), "không tìm thấy ô chữ ký (giữa chức vụ và họ tên người ký, ngang"
                              " hàng với \"Nơi nhận:\")")
    if layout.number is None or layout.day is None:
        raise SigningError.at(Location(pdf), "không tìm thấy chỗ để trống số (\"Số:   /…\") hay ngày (\"ngày"
                              "   tháng\") ở trang đầu: văn bản cần là bản dự thảo docgen dựng ra")
    img = _image(image)
    box = signer_box(layout, img)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    _text_field(writer, NUMBER_FIELD, layout.number)
    _text_field(writer, DAY_FIELD, layout.day)
    if props:
        _set_props(writer, props)
    seal = seal_box(box, seal_mm)
    fields.append_signature_field(writer, fields.SigFieldSpec(AGENCY_FIELD, on_page=seal.page,
                                                              box=(seal.x0, seal.y0, seal.x1, seal.y1)))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNER_FIELD, certify=True, docmdp_permissions=fields.MDPPerm.FILL_FORMS,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256", reason=reason)
    spec = fields.SigFieldSpec(SIGNER_FIELD, on_page=box.page, box=(box.x0, box.y0, box.x1, box.y1))
    output = io.BytesIO()
    signers.PdfSigner(meta, signer=signer, stamp_style=_stamp(img), new_field_spec=spec).sign_pdf(
        writer, output=output)
    _write(out, output.getvalue())
    return SignedDraft(out, box)


PROPERTY_PREFIX = "/Docgen."  # docgen.key -> /Docgen.key in the PDF's document information


def _set_props(writer, props: dict[str, str]) -> None:
    from pyhanko.pdf_utils import generic

    info_ref = writer._info
    info = info_ref.get_object() if info_ref is not None else generic.DictionaryObject()
    for key, value in props.items():
        info[generic.pdf_name(PROPERTY_PREFIX + key.removeprefix("docgen."))] = generic.pdf_string(value)
    if info_ref is not None:
        writer.mark_update(info_ref)
    else:
        writer.set_info(info)


def pdf_props(pdf: Path) -> dict[str, str]:
    """The docgen.* properties `sign_draft` wrote into a signed PDF ({} when none or unreadable)."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(pdf.read_bytes()), strict=False)
        info = reader.trailer_view["/Info"]
    except Exception:  # noqa: BLE001 (not a PDF, or no document information)
        return {}
    return {"docgen." + str(k)[len(PROPERTY_PREFIX):]: str(v) for k, v in info.items()
            if str(k).startswith(PROPERTY_PREFIX)}


def _field_box(reader, name: str) -> Box | None:
    """The widget box of the field `name` and its page (from 0), or None."""
    for page_no, page in enumerate(_pages(reader)):
        for annot in page.get("/Annots", []) or []:
            annot = annot.get_object()
            if str(annot.get("/T", "")) == name:
                x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
                return Box(page_no, min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    return None


def _pages(reader):
    root = reader.root["/Pages"]

    def walk(node):
        node = node.get_object()
        if node.get("/Type") == "/Pages":
            for kid in node["/Kids"]:
                yield from walk(kid)
        else:
            yield node

    return list(walk(root))


BASELINE = 0.269  # a line's baseline above the bottom of its word boxes, as a share of their height
# (pdftotext's boxes of LibreOffice's Times New Roman/Liberation Serif text: 4.9 of 18.2 pt at 14 pt)


def _fill(writer, name: str, text: str, font: str, size: int, align: str) -> None:
    """Fill the text field `name` with `text`, its appearance drawn in `font` at `size` pt on the
    baseline of the line it stands on; `align` "right" (the number, against "/QĐ-…") or "centre"."""
    from pyhanko.pdf_utils import generic

    for page in _pages(writer):
        for ref in page.get("/Annots", []) or []:
            annot = ref.get_object()
            if str(annot.get("/T", "")) != name:
                continue
            x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
            width, height = abs(x1 - x0), abs(y1 - y0)
            engine = _font_factory(font, size).create_font_engine(writer)
            engine.font_size = size
            shaped = engine.shape(text)
            advance = shaped.x_advance * size
            x = width - advance - 0.3 if align == "right" else (width - advance) / 2
            ops = b"/Tx BMC q BT 0 g /F1 %d Tf %.3f %.3f Td " % (size, x, BASELINE * height)
            fonts = generic.DictionaryObject({generic.pdf_name("/F1"): engine.as_resource()})
            appearance = generic.StreamObject({
                generic.pdf_name("/Type"): generic.pdf_name("/XObject"),
                generic.pdf_name("/Subtype"): generic.pdf_name("/Form"),
                generic.pdf_name("/BBox"): generic.ArrayObject(generic.FloatObject(v) for v in (0, 0, width, height)),
                generic.pdf_name("/Resources"): generic.DictionaryObject({generic.pdf_name("/Font"): fonts}),
            }, stream_data=ops + shaped.graphics_ops + b" ET Q EMC")
            annot[generic.pdf_name("/V")] = generic.pdf_string(text)
            annot[generic.pdf_name("/AP")] = generic.DictionaryObject(
                {generic.pdf_name("/N"): writer.add_object(appearance)})
            annot[generic.pdf_name("/Ff")] = generic.NumberObject(1)  # read-only once filled
            writer.update_container(annot)
            return
    raise SigningError.at(Location(name), "không có ô để điền")


def fill_and_seal(signed: Path, out: Path, number: str, day: dt.date, agency, seal: Path) -> Box:
    """Fill the number and day into the signed draft `signed` (step 2, an incremental update the
    first signature allows), then sign as the agency with the seal image (step 3); writes `out`.
    The seal is drawn into the agency's field made at signing; returns its box. Raises
    SigningError when `signed` is not a draft signed by `sign_draft`, or its printed month and
    year differ from `day`'s."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import fields, signers

    data = signed.read_bytes()
    reader = PdfFileReader(io.BytesIO(data), strict=False)
    signer = _field_box(reader, SIGNER_FIELD)
    box = _field_box(reader, AGENCY_FIELD)
    if signer is None or box is None or _field_box(reader, NUMBER_FIELD) is None or not reader.embedded_signatures:
        raise SigningError.at(Location(signed), "không phải bản dự thảo đã ký bằng docgen sign (thiếu chữ ký của"
                              " người có thẩm quyền hay ô số, ngày); hãy ký trước: docgen sign")
    layout = read_layout(signed)
    if (layout.month, layout.year) != (day.month, day.year):
        raise SigningError.at(Location(signed), f"bản đã ký ghi tháng {layout.month} năm {layout.year}, ngày ban"
                              f" hành {day:%d/%m/%Y} khác tháng: không sửa được chữ đã ký; hãy ban hành trong tháng"
                              " đó, hoặc dựng lại dự thảo với ngày mới và ký lại")
    img = _image(seal)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    _fill(writer, NUMBER_FIELD, number, _font(SERIF), 13, "right")
    _fill(writer, DAY_FIELD, f"{day.day:02d}", _font(SERIF_ITALIC), 14, "centre")
    meta = signers.PdfSignatureMetadata(field_name=AGENCY_FIELD, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    output = io.BytesIO()
    signers.PdfSigner(meta, signer=agency, stamp_style=_stamp(img)).sign_pdf(writer, output=output)
    _write(out, output.getvalue())
    return box


def seal_attachment(pdf: Path, out: Path, symbol: str, agency, when: dt.datetime | None = None) -> Box:
    """Sign the attachment `pdf` as the agency (step 4): top right of page 1, no image, the
    number and ký hiệu and the signing time (ISO 8601, Vietnam time) in Times New Roman 10 pt,
    upright, black (Phụ lục I §II.8b). Writes `out`; returns the box."""
    from pyhanko.pdf_utils import layout as pl
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import TextStampStyle

    stamped = (when or dt.datetime.now(VIETNAM)).astimezone(VIETNAM).replace(microsecond=0)
    box = attachment_box(read_layout(pdf))
    text = f"{symbol}\n{stamped.isoformat()}"
    style = TextStampStyle(
        stamp_text=text.replace("%", "%%"), border_width=0, background=None,
        text_box_style=TextBoxStyle(font=_font_factory(_font(SERIF), 10), font_size=10,
                                    box_layout_rule=pl.SimpleBoxLayoutRule(
                                        x_align=pl.AxisAlignment.ALIGN_MAX, y_align=pl.AxisAlignment.ALIGN_MAX,
                                        margins=pl.Margins(0, 0, 0, 0))),
        inner_content_layout=pl.SimpleBoxLayoutRule(x_align=pl.AxisAlignment.ALIGN_MAX,
                                                    y_align=pl.AxisAlignment.ALIGN_MAX,
                                                    margins=pl.Margins(0, 0, 0, 0)))
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf.read_bytes()), strict=False)
    meta = signers.PdfSignatureMetadata(field_name=AGENCY_FIELD, subfilter=fields.SigSeedSubFilter.PADES,
                                        md_algorithm="sha256")
    spec = fields.SigFieldSpec(AGENCY_FIELD, on_page=0, box=(box.x0, box.y0, box.x1, box.y1))
    output = io.BytesIO()
    signers.PdfSigner(meta, signer=agency, stamp_style=style, new_field_spec=spec).sign_pdf(writer, output=output)
    _write(out, output.getvalue())
    return box


def _write(path: Path, data: bytes) -> None:
    from docgen.output.package import write_atomic

    try:
        write_atomic(path, data)
    except OSError as err:
        raise SigningError.at(Location(path), f"không ghi được tệp: {err.strerror}") from None


def password_for(p12: Path, env: str, prompt) -> str | None:
    """The password of `p12`: the environment variable `env` when set (even empty), else what
    `prompt(text)` returns (the CLI asks without echo). Never stored."""
    import os

    if env in os.environ:
        return os.environ[env]
    if prompt is None:
        raise WorkspaceError.at(Location(p12), f"cần mật khẩu của chứng thư số: đặt biến môi trường {env}")
    return prompt(f"Mật khẩu của {p12.name}")
