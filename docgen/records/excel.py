"""The award list as clerks keep it in Excel, read with openpyxl; every bad cell named.

Columns, found by their header text in the first ten rows (title rows may stand above):
STT | Danh xưng (Ông/Bà) | Họ và tên / Tên tập thể (or "Họ và tên đệm" | "Tên") | Chức vụ |
Đơn vị công tác | Cá nhân/Tập thể | Danh hiệu/Hình thức | Thành tích. Every sheet with that
header is read, in order; a merged cell's value holds for each row of the range; line breaks
in a cell become spaces; a formula whose result was never saved, a date where text belongs,
a hidden row and a character that is not text are refused at their cell. .xls and .ods are
refused with how to save them as .xlsx (openpyxl reads neither).
"""

import datetime as dt
import re
import unicodedata
import zipfile
from pathlib import Path

from docgen.errors import Location, Problem, RecordError
from docgen.records.characters import BAD, refusal
from docgen.records.legacy import legacy_problem
from docgen.vn import normalize

COLUMNS = {
    "stt": "number",
    "danh xưng": "honorific",
    # Split name columns, kept that way for sorting: "Họ và tên đệm" | "Tên".
    "họ và tên đệm": "family",
    "họ và chữ đệm": "family",
    "họ đệm": "family",
    "họ và tên": "name",
    "tên tập thể": "name",
    "chức vụ": "position",
    "đơn vị công tác": "office",
    "cá nhân/tập thể": "kind",
    "danh hiệu": "form",
    "hình thức": "form",
    "thành tích": "achievement",
}
KINDS = {"cá nhân": "individual", "tập thể": "collective"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")  # OOXML ST_Xstring escapes (ECMA-376 Part 1, 22.9.2.19)
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
SAVE_AS_XLSX = "hãy mở tệp bằng Excel (hoặc LibreOffice) và lưu lại dạng \"Excel Workbook (.xlsx)\""


def _key(text: str) -> str:
    return normalize(unicodedata.normalize("NFC", str(text))).lower()


def _column_of(header: str) -> str | None:
    key = _key(header)
    if key == "tên":
        return "given"
    for start, field in COLUMNS.items():
        if key.startswith(start) or key.split("(")[0].strip() == start:
            return field
    if "tập thể" in key and "/" in key and "cá nhân" not in key:
        return "name"
    return None


def decode_escapes(text: str) -> str:
    """"năm 2021;_x000D_" -> "năm 2021;\r": the _xHHHH_ escapes an exporter left in a string."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _sniff(path: Path) -> str:
    """"xlsx", "xls" (Excel 97-2003, an OLE file), "ods", or "other", from the bytes."""
    with open(path, "rb") as f:
        head = f.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if not head.startswith(b"PK"):
        return "other"
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            if "mimetype" in names and b"opendocument.spreadsheet" in zf.read("mimetype"):
                return "ods"
            return "xlsx" if "xl/workbook.xml" in names else "other"
    except (zipfile.BadZipFile, OSError):
        return "other"


def _open(path: Path):
    """The workbook twice: its saved values, and its formulas."""
    import openpyxl

    if not path.is_file():
        raise RecordError.at(Location(path), "không tìm thấy tệp danh sách")
    kind = _sniff(path)
    if kind == "xls":
        raise RecordError.at(Location(path), f"đây là tệp Excel 97-2003 (.xls), docgen chỉ đọc .xlsx; {SAVE_AS_XLSX}")
    if kind == "ods":
        raise RecordError.at(Location(path),
                             f"đây là bảng tính OpenDocument (.ods), docgen chỉ đọc .xlsx; {SAVE_AS_XLSX}")
    if kind != "xlsx":
        raise RecordError.at(Location(path), f"tệp không phải bảng tính Excel (.xlsx); {SAVE_AS_XLSX}")
    try:
        return (openpyxl.load_workbook(path, data_only=True),
                openpyxl.load_workbook(path, data_only=False))
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, lxml's) for a damaged file
        raise RecordError.at(Location(path), f"tệp Excel bị hỏng, không đọc được; {SAVE_AS_XLSX}") from None


def _grid(sheet) -> dict[tuple[int, int], object]:
    """Cell values by (row, column), 1-based, a merged range's value in each of its cells."""
    grid = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[(r, c)] = value
    return grid


def _header(sheet, grid) -> tuple[int, dict[int, str]] | None:
    """The header row among the first ten (titles may stand above it) and its columns."""
    for r in range(1, min(sheet.max_row, 10) + 1):
        found = {}
        for c in range(1, sheet.max_column + 1):
            v = grid.get((r, c))
            field = _column_of(v) if isinstance(v, str) else None
            if field and field not in found.values():
                found[c] = field
        fields = set(found.values())
        if "form" in fields and ("name" in fields or {"family", "given"} <= fields):
            return r, found
    return None


def read_award_sheet(path: Path, forms: dict):
    """(award records, their cells) from every sheet of `path` that has the list's header.

    Raises RecordError naming each bad cell (Sheet!cell) and what to do.
    """
    from openpyxl.utils import get_column_letter
    from pydantic import ValidationError

    from docgen.records.awards import AwardRecord

    values_book, formula_book = _open(path)
    awards, places, problems, found_any = [], [], [], False
    for sheet in values_book.worksheets:
        formulas = formula_book[sheet.title]
        grid = _grid(sheet)
        header = _header(sheet, grid)
        if header is None:
            continue
        found_any = True
        header_row, columns = header
        titles = {c: str(grid.get((header_row, c))) for c in columns}
        for r in range(header_row + 1, sheet.max_row + 1):
            cells = {field: f"{sheet.title}!{get_column_letter(c)}{r}" for c, field in columns.items()}
            cells["row"] = f"{sheet.title}!A{r}"
            raw = {columns[c]: grid.get((r, c)) for c in columns}
            if all(v in (None, "") for k, v in raw.items() if k != "number") and not any(
                    _formula(formulas, r, c) for c in columns):
                continue  # an empty row
            if sheet.row_dimensions[r].hidden:
                problems.append(Problem(Location(path, cell=cells["row"]), "dòng này đang bị ẩn trong Excel;"
                                        " hãy bỏ ẩn (Unhide) và xóa dòng nếu không đề nghị khen thưởng"))
                continue
            data, bad = {}, False
            for c, field in columns.items():
                if field == "number":
                    continue
                where = Location(path, cell=cells[field])
                text, problem = _cell_text(grid.get((r, c)), _formula(formulas, r, c))
                if problem:
                    problems.append(Problem(where, f"cột \"{titles[c]}\": {problem}"))
                    bad = True
                    continue
                if text is None:
                    continue
                legacy = legacy_problem(text)
                if legacy:
                    problems.append(Problem(where, legacy))
                    bad = True
                    continue
                if field == "kind":
                    kind = KINDS.get(_key(text))
                    if kind is None:
                        problems.append(Problem(where, f"'{text}': phải là \"Cá nhân\" hoặc \"Tập thể\""))
                        bad = True
                        continue
                    text = kind
                if field == "honorific":
                    text = text.capitalize()
                data[field] = text
            family, given = data.pop("family", None), data.pop("given", None)
            if "name" not in data and (family or given) and "name" not in columns.values():
                data["name"] = " ".join(p for p in (family, given) if p)
                cells["name"] = cells.get("family") or cells["given"]
            if "form" in data:
                data["form"] = form_id(data["form"], forms)
            if bad:
                continue
            try:
                awards.append(AwardRecord.model_validate(data))
                places.append((path, cells))
            except ValidationError as err:
                for e in err.errors():
                    field = str(e["loc"][0]) if e["loc"] else "row"
                    message = {"missing": "thiếu (ô trống)", "literal_error": "giá trị không hợp lệ"}.get(
                        e["type"], str((e.get("ctx") or {}).get("error", e["msg"])))
                    if e["type"] == "missing":
                        message = _missing(field, columns, titles)
                    if field == "honorific" and e["type"] == "literal_error":
                        message = f"'{data.get('honorific')}': danh xưng phải là \"Ông\" hoặc \"Bà\""
                    problems.append(Problem(Location(path, cell=cells.get(field, cells["row"])), message))
    if not found_any:
        first = values_book.worksheets[0].title
        raise RecordError.at(Location(path, cell=f"{first}!A1"), "không thấy dòng tiêu đề"
                             " (cần các cột \"Họ và tên / Tên tập thể\" và \"Danh hiệu/Hình thức\")")
    if problems:
        raise RecordError(problems)
    return awards, places


_NEEDED = {"name": "Họ và tên / Tên tập thể", "kind": "Cá nhân/Tập thể", "form": "Danh hiệu/Hình thức"}


def _missing(field: str, columns: dict[int, str], titles: dict[int, str]) -> str:
    """An empty cell a row needs: its column, and what to do (a total or signature row under
    the list, "Tổng cộng: 5 người", is not an awardee: it goes)."""
    wanted = {field, "family", "given"} if field == "name" else {field}  # a name split over two columns
    title = " | ".join(titles[c] for c, f in columns.items() if f in wanted) or None
    if title is None:
        column = _NEEDED.get(field, field)
        return f"danh sách không có cột \"{column}\"; hãy thêm cột đó vào dòng tiêu đề rồi điền cho mọi dòng"
    return (f"cột \"{title}\": ô trống; hãy điền ô này, hoặc xóa cả dòng nếu dòng không phải tập thể, cá nhân"
            " được đề nghị (dòng Tổng cộng, người lập biểu…)")


def _formula(sheet, row: int, column: int) -> str | None:
    value = sheet.cell(row=row, column=column).value
    return value if isinstance(value, str) and value.startswith("=") else None


def _cell_text(value, formula: str | None) -> tuple[str | None, str | None]:
    """(the text of a cell, None) or (None, what is wrong with it and what to do)."""
    if value is None or value == "":
        if formula:
            return None, (f"ô chứa công thức {formula} nhưng kết quả chưa được lưu trong tệp; hãy mở tệp"
                          " bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính")
        return None, None
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return None, (f"Excel đã đổi chữ trong ô thành ngày tháng ({value:%d/%m/%Y}); hãy định dạng cột là"
                      " Text (Văn bản) rồi gõ lại chữ")
    if isinstance(value, bool):
        return None, "ô chứa TRUE/FALSE, không phải chữ; hãy gõ lại chữ"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value)
    if text in _ERRORS:
        return None, f"ô có lỗi công thức {text}; hãy sửa công thức trong Excel rồi lưu lại"
    text = _LINE_BREAKS.sub(" ", decode_escapes(text))
    bad = BAD.search(text)
    if bad:
        return None, refusal(bad.group())
    text = normalize(text)
    return (text or None), None


def form_id(text: str, forms: dict) -> str:
    """"Giấy khen", "Lao động tiên tiến", "giay_khen" -> the form's key (unknown names pass as a slug)."""
    names = {}
    for key, form in forms.items():
        names[_key(form.name)] = key
        names[_key(form.label).strip('"“” ')] = key
        names[key] = key
    key = _key(text).strip('"“” ')
    key = re.sub(r'^danh hiệu\s+', "", key).strip('"“” ')
    if key in names:
        return names[key]
    slug = unicodedata.normalize("NFD", key).replace("đ", "d")
    slug = re.sub(r"[\u0300-\u036f]", "", slug)
    return re.sub(r"[^a-z0-9]+", "_", slug).strip("_") or "khong_ro"
