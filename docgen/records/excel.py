"""The award list as clerks keep it in Excel, read with openpyxl; every bad cell named.

Columns, found by their header text in the first rows: STT | Danh xưng (Ông/Bà) |
Họ và tên / Tên tập thể | Chức vụ | Đơn vị công tác | Cá nhân/Tập thể | Danh hiệu/Hình thức |
Thành tích.
"""

import re
import unicodedata
from pathlib import Path

from docgen.errors import Location, Problem, RecordError
from docgen.vn import looks_like_tcvn3, normalize, tcvn3_to_unicode

COLUMNS = {
    "stt": "number",
    "danh xưng": "honorific",
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


def _key(text: str) -> str:
    return normalize(unicodedata.normalize("NFC", str(text))).lower()


def _column_of(header: str) -> str | None:
    key = _key(header)
    for start, field in COLUMNS.items():
        if key.startswith(start) or key.split("(")[0].strip() == start:
            return field
    if "tập thể" in key and "/" in key and "cá nhân" not in key:
        return "name"
    return None


def read_award_sheet(path: Path, forms: dict):
    """(award dicts validated later, their cells) from the first sheet of `path`."""
    import openpyxl
    from pydantic import ValidationError

    from docgen.records.awards import AwardRecord

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise RecordError.at(Location(path), "không tìm thấy tệp danh sách") from None
    except Exception as err:  # openpyxl raises many kinds for a file that is not .xlsx
        raise RecordError.at(Location(path), f"không đọc được tệp Excel (.xlsx): {err}") from None
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    book.close()
    header_row, columns = None, {}
    for r, row in enumerate(rows[:10]):
        found = {i: _column_of(v) for i, v in enumerate(row) if isinstance(v, str) and _column_of(v)}
        if "name" in found.values() and "form" in found.values():
            header_row, columns = r, found
            break
    if header_row is None:
        raise RecordError.at(Location(path, cell=f"{sheet.title}!A1"), "không thấy dòng tiêu đề"
                             " (cần các cột \"Họ và tên / Tên tập thể\" và \"Danh hiệu/Hình thức\")")
    letters = {i: openpyxl.utils.get_column_letter(i + 1) for i in columns}
    awards, places, problems = [], [], []
    for r, row in enumerate(rows[header_row + 1:], start=header_row + 2):
        values = {columns[i]: row[i] for i in columns if i < len(row)}
        cells = {field: f"{sheet.title}!{letters[i]}{r}" for i, field in columns.items()}
        cells["row"] = f"{sheet.title}!A{r}"
        if all(v in (None, "") for k, v in values.items() if k != "number"):
            continue  # an empty row
        data, bad = {}, False
        for field, value in values.items():
            if field == "number" or value in (None, ""):
                continue
            text = normalize(str(value))
            if looks_like_tcvn3(text):
                problems.append(Problem(Location(path, cell=cells[field]),
                                        f"chữ có vẻ gõ bằng bảng mã TCVN3 (.VnTime): '{text}'; hãy chuyển sang"
                                        f" Unicode, có lẽ là: '{tcvn3_to_unicode(text)}'"))
                bad = True
                continue
            if field == "kind":
                kind = KINDS.get(_key(text))
                if kind is None:
                    problems.append(Problem(Location(path, cell=cells[field]),
                                            f"'{text}': phải là \"Cá nhân\" hoặc \"Tập thể\""))
                    bad = True
                    continue
                text = kind
            if field == "honorific":
                text = text.capitalize()
            data[field] = text
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
                    e["type"], e["msg"])
                if field == "honorific":
                    message = f"'{data.get('honorific')}': danh xưng phải là \"Ông\" hoặc \"Bà\""
                problems.append(Problem(Location(path, cell=cells.get(field, cells["row"])), message))
    if problems:
        raise RecordError(problems)
    return awards, places


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
