"""Outputs read with the libraries already in use: PDF fonts through pypdf, the register as .xlsx."""

import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from nd30doc import make

from docgen.errors import OutputError
from docgen.output.pdf import pdf_fonts, to_pdf
from docgen.output.register_xlsx import write_register
from docgen.records.register import Entry


def _pdffonts(pdf: Path) -> list[tuple[str, bool]]:
    """poppler's own reading, to compare with: name and the "emb" column of each font."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    header = lines[0]
    emb = header.index("emb")
    return [(line.split()[0].split("+")[-1], line[emb:emb + 3] == "yes") for line in lines[2:]]


def test_fonts_of_a_libreoffice_pdf_as_poppler_reads_them(office, tmp_path):
    source = make(tmp_path / "qd.docx")
    (pdf,) = to_pdf([source]).written
    fonts = pdf_fonts(pdf)
    assert fonts == _pdffonts(pdf)
    assert {name for name, _ in fonts} == {"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic",
                                          "LiberationSerif-BoldItalic"}
    assert all(embedded for _, embedded in fonts)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table from its numbered objects (1 0 obj ...)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_fonts_not_embedded_subset_type0_and_in_a_form(tmp_path):
    content = b"BT /F1 12 Tf 72 720 Td (Hello) Tj ET /X1 Do"
    form = b"BT /F3 12 Tf (x) Tj ET"
    pdf = tmp_path / "fonts.pdf"
    pdf.write_bytes(_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R /F2 6 0 R >> /XObject << /X1 9 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+DejaVuSans /Encoding /Identity-H"
        b" /DescendantFonts [7 0 R] >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+DejaVuSans /FontDescriptor 8 0 R >>",
        b"<< /Type /FontDescriptor /FontName /ABCDEF+DejaVuSans /FontFile2 10 0 R >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length %d"
        b" /Resources << /Font << /F3 11 0 R >> >> >>\nstream\n%s\nendstream" % (len(form), form),
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Type /Font /Subtype /TrueType /BaseFont /Arial >>",
    ]))
    assert pdf_fonts(pdf) == [("Helvetica", False), ("DejaVuSans", True), ("Arial", False)]


def test_fonts_of_a_file_that_is_not_a_pdf(tmp_path):
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"PK\x03\x04 not a pdf")
    with pytest.raises(OutputError) as err:
        pdf_fonts(bad)
    assert str(err.value.problems[0]).startswith(f"{bad}: không đọc được PDF: ")


def test_register_export_is_deflated_and_reads_back(tmp_path):
    entries = [Entry("Sở Lao động - Thương binh và Xã hội", 2021, n, "LĐTBXH", "QĐ", f"k{n}", "ninh-binh-2021",
                     "2021-12-20", "Về việc tặng Giấy khen " * 20) for n in range(1, 40)]
    path = tmp_path / "so.xlsx"
    write_register(path, entries)
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
        assert sheet.compress_size * 5 < sheet.file_size
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(path).active.iter_rows()]
    assert rows[2][0] == "01/QĐ-LĐTBXH" and rows[-1][0] == "39/QĐ-LĐTBXH"
    assert len(rows) == 41  # the book's title, the header, 39 entries
