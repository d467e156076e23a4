"""The number register as an Excel sheet, for the văn thư's own records."""

import io
import zipfile
from pathlib import Path

from docgen.output.package import ZIP_EPOCH, write_atomic

HEADERS = ["Số", "Ký hiệu", "Ngày", "Loại", "Trích yếu", "Khóa"]


def write_register(path: Path, entries) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "So van ban di"
    sheet.append(HEADERS)
    for e in entries:
        sheet.append([e.number, f"{e.number:02d}/{e.doc_type}-{e.issuer}", e.date, e.doc_type, e.subject, e.key])
    for column, width in zip("ABCDEF", (6, 18, 12, 8, 80, 40), strict=True):
        sheet.column_dimensions[column].width = width
    book.properties.creator = "docgen"
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(path, _fixed_times(buffer.getvalue()))


def _fixed_times(data: bytes) -> bytes:
    """openpyxl stamps the clock into the zip and docProps; keep exports comparable, every part deflated."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo would be stored uncompressed
            dst.writestr(entry, body)
    return out.getvalue()
