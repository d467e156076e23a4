"""The number register as an Excel workbook, for the văn thư's own records.

One sheet per book (ký hiệu, agency and year), laid out like the sổ đăng ký văn bản đi of
Nghị định 30/2020, Phụ lục IV: số và ký hiệu, ngày tháng, tên loại và trích yếu, người ký,
nơi nhận, bản lưu, ghi chú (a voided number says why), and the file docgen wrote.
"""

import io
import re
import zipfile
from pathlib import Path

from docgen.output.package import ZIP_EPOCH, write_atomic

HEADERS = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
           "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Ghi chú", "Tệp"]
WIDTHS = (16, 12, 70, 22, 40, 16, 40, 50)
TYPE_NAMES = {"QĐ": "Quyết định", "TTr": "Tờ trình", "KH": "Kế hoạch", "BC": "Báo cáo", "TB": "Thông báo"}
VOID_NOTE = "Hủy số: "


def _date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso


def after_kind(subject: str) -> str:
    """The trích yếu as it reads after the document's kind: "Về việc tặng …" follows "Quyết định"
    as "Quyết định về việc tặng …". The capital a trích yếu starts with (it heads its own line
    on the page, Nghị định 30/2020, Phụ lục I) is lowered when its first word is an ordinary
    word: a single capital followed by a lower-case word ("Về việc", "Phát động phong trào");
    a name ("Ninh Bình …"), an abbreviation ("UBND …", "V/v …") keeps its capitals."""
    words = subject.split(" ", 2)
    first = words[0]
    ordinary = first.isalpha() and first[:1].isupper() and (len(first) == 1 or first[1:].islower())
    if len(words) < 2 or not ordinary or not words[1][:1].islower():
        return subject  # a name, an abbreviation ("V/v", "UBND") or a single word
    return first[:1].lower() + subject[1:]


def _sheet_title(abbr: str, year: int, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", "-", f"{abbr} {year}")[:28]
    title, n = base, 2
    while title in used:
        title, n = f"{base} {n}", n + 1
    used.add(title)
    return title


def write_register(path: Path, entries) -> None:
    """Write `entries` (records.register.Entry, sorted by book and number) to `path` (.xlsx): one
    sheet per book (ký hiệu, agency, year); two agencies of one ký hiệu get distinct sheet titles."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    book = openpyxl.Workbook()
    book.remove(book.active)
    books: dict[tuple[str, str, int], list] = {}
    for e in entries:
        books.setdefault(e.book, []).append(e)
    used: set[str] = set()
    if not books:
        book.create_sheet("So van ban di").append(["SỔ ĐĂNG KÝ VĂN BẢN ĐI"])
        book.active.append(HEADERS)
    for (abbr, _, year), rows in books.items():
        agency = rows[-1].agency  # the name the records last gave
        sheet = book.create_sheet(_sheet_title(abbr, year, used))
        sheet.append([f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {year} - {agency.upper()}"])
        sheet["A1"].font = Font(bold=True)
        sheet.append(HEADERS)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for e in rows:
            lines = e.recipients.split("\n") if e.recipients else []
            kept = [line for line in lines if line.startswith("Lưu")]
            sent = [line for line in lines if not line.startswith("Lưu")]
            kind = TYPE_NAMES.get(e.doc_type, e.doc_type)
            sheet.append([e.symbol, _date(e.date), f"{kind} {after_kind(e.subject)}", e.signer, "\n".join(sent),
                          "\n".join(line.removeprefix("Lưu:").strip() for line in kept),
                          f"{VOID_NOTE}{e.void}" if e.void else "", e.file])
        for row in sheet.iter_rows(min_row=3):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        for column, width in zip("ABCDEFGH", WIDTHS, strict=True):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A3"
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
                body = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", body)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED  # a bare ZipInfo would be stored uncompressed
            dst.writestr(entry, body)
    return out.getvalue()
