"""The award list as clerks keep it in Excel, read with openpyxl; every bad cell named.

Columns, found by their header text in the first ten rows (title rows may stand above):
STT | Danh xưng (Ông/Bà) | Họ và tên / Tên tập thể (or "Họ và tên đệm" | "Tên") | Chức vụ |
Đơn vị công tác | Cá nhân/Tập thể | Danh hiệu/Hình thức | Thành tích. Every sheet with that
header is read, in order; a merged cell's value holds for each row of the range; line breaks
in a cell become spaces; a formula whose result was never saved, a date where text belongs,
a hidden row and a character that is not text are refused at their cell. .xls and .ods are
refused with how to save them as .xlsx (openpyxl reads neither).

Two readers give the same cells: python-calamine (Rust; 20,000 rows in a fraction of a second)
reads the saved values and merged ranges, and openpyxl (about 3.7 ms a row) also sees formulas
and hidden rows. A cheap scan of the sheets' XML (`_needs_openpyxl`) sends every file with what
calamine reads differently (a hidden row, an error cell, a formula without a saved result, an
escaped surrogate, a long integer, a sheet that is no worksheet) to openpyxl, as does any file
calamine cannot open.
"""

import datetime as dt
import functools
import re
import unicodedata
import zipfile
from pathlib import Path

from docgen.errors import Location, Problem, RecordError
from docgen.records.characters import BAD, refusal
from docgen.records.legacy import legacy_problem
from docgen.texts import closest, say
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


def _check_kind(path: Path) -> None:
    """RecordError unless `path` is an .xlsx file (an .xls or .ods is named with how to save it)."""
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


def _open(path: Path):
    """The workbook twice: its saved values, and its formulas."""
    import openpyxl

    try:
        return (openpyxl.load_workbook(path, data_only=True),
                openpyxl.load_workbook(path, data_only=False))
    except Exception:  # openpyxl raises many kinds (KeyError, ValueError, lxml's) for a damaged file
        raise RecordError.at(Location(path), f"tệp Excel bị hỏng, không đọc được; {SAVE_AS_XLSX}") from None


class _Sheet:
    """One worksheet as the list reader sees it, whichever library read it.

    `rows[r - 1][c - 1]` is the saved value of row r, column c (1-based; None or "" when empty,
    rows may be short; a merged range's value in each of its cells); `hidden(row)` and
    `formula(row, column)` ("=A1&B1", or None) come from openpyxl only: the files calamine reads
    have neither a hidden row nor a formula without its saved result."""

    def __init__(self, title: str, rows: list[list], hidden=None, formula=None) -> None:
        self.title = title
        self.rows = rows
        self.max_row = len(rows)
        self.max_column = max(map(len, rows), default=0)
        self.hidden = hidden or (lambda row: False)
        self.formula = formula or (lambda row, column: None)
        self.formulas = formula is not None

    def value(self, row: int, column: int):
        """The saved value at (row, column), 1-based; None past the sheet's cells."""
        cells = self.rows[row - 1] if 0 < row <= len(self.rows) else ()
        return cells[column - 1] if 0 < column <= len(cells) else None


def _rows(grid: dict[tuple[int, int], object]) -> list[list]:
    """{(row, column): value} -> rows of values, 1-based positions kept (None where empty)."""
    rows: list[list] = [[] for _ in range(max((r for r, _ in grid), default=0))]
    for (r, c), value in grid.items():
        row = rows[r - 1]
        if len(row) < c:
            row.extend([None] * (c - len(row)))
        row[c - 1] = value
    return rows


def _merge(rows: list[list], ranges) -> None:
    """Give each cell of every merged range, ((row, column), (row, column)) 0-based, its first value."""
    for (r0, c0), (r1, c1) in ranges:
        value = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else None
        while len(rows) <= r1:
            rows.append([])
        for r in range(r0, r1 + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([None] * (c1 + 1 - len(row)))
            row[c0:c1 + 1] = [value] * (c1 + 1 - c0)


def _openpyxl_sheets(path: Path) -> list[_Sheet]:
    values_book, formula_book = _open(path)
    sheets = []
    for sheet in values_book.worksheets:
        formulas = formula_book[sheet.title]
        grid = {k: (decode_escapes(v) if isinstance(v, str) else v) for k, v in _grid(sheet).items()}
        rows = _rows(grid)
        rows.extend([] for _ in range(sheet.max_row - len(rows)))
        sheets.append(_Sheet(sheet.title, rows,
                             lambda r, dims=sheet.row_dimensions: bool(dims[r].hidden),
                             lambda r, c, f=formulas: _formula(f, r, c)))
    return sheets


# What calamine reads otherwise than openpyxl does, found in a sheet's XML without parsing it
# (each first by a plain byte search, then by its pattern): a hidden row (calamine does not say),
# an error cell (calamine gives ""), a formula cell (checked for its saved result one by one), a
# surrogate escape (calamine keeps "_xD83D_" as typed, openpyxl's reading decodes and refuses
# it), an integer past a float's 15 digits (calamine rounds it), an element with a namespace
# prefix (the scan would not see the others).
_SUSPECTS = (
    (b'hidden="', re.compile(rb'<row\b[^>]*\bhidden="(?:1|true)"')),
    (b't="e"', re.compile(rb'<c\b[^>]*\bt="e"')),
    (b"_x", re.compile(rb"_x[dD][89a-fA-F][0-9a-fA-F]{2}_")),
    (b"<v>", re.compile(rb"<v>-?[0-9]{16,}")),
    (b":", re.compile(rb"<[A-Za-z_][\w.-]*:(?:sheetData|row|c|f|v|si|t|r|is)\b")),
)
_FORMULA = re.compile(rb"<f[\s>/]")
_SAVED = re.compile(rb"<v>[^<]")


def _needs_openpyxl(book: zipfile.ZipFile) -> bool:
    """Whether any worksheet (or the shared strings) holds what only openpyxl reads as the list needs."""
    for name in book.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")) and name != "xl/sharedStrings.xml":
            continue
        xml = book.read(name)
        for plain, pattern in _SUSPECTS:
            if plain in xml and pattern.search(xml):
                return True
        if b"<f" in xml:
            for found in _FORMULA.finditer(xml):
                end = xml.find(b"</c>", found.start())
                if end < 0 or not _SAVED.search(xml, found.start(), end):
                    return True  # a formula without its saved result
    return False


def _calamine_sheets(path: Path) -> list[_Sheet] | None:
    """The worksheets as python-calamine reads them; None when openpyxl must read the file."""
    try:
        with zipfile.ZipFile(path) as book:
            if _needs_openpyxl(book):
                return None
        import python_calamine

        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            sheets = []
            for meta in workbook.sheets_metadata:
                if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                    return None
                sheet = workbook.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=False)
                _merge(rows, sheet.merged_cell_ranges or ())
                sheets.append(_Sheet(meta.name, rows))
            return sheets
    except Exception:  # a file calamine cannot read: openpyxl reads it, or names it damaged
        return None


def _grid(sheet) -> dict[tuple[int, int], object]:
    """Cell values by (row, column), 1-based, a merged range's value in each of its cells."""
    grid = {(c.row, c.column): c.value for row in sheet.iter_rows() for c in row if c.value is not None}
    for merged in sheet.merged_cells.ranges:
        value = grid.get((merged.min_row, merged.min_col))
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                grid[(r, c)] = value
    return grid


def _header(sheet: "_Sheet") -> tuple[int, dict[int, str]] | None:
    """The header row among the first ten (titles may stand above it) and its columns."""
    for r in range(1, min(sheet.max_row, 10) + 1):
        found = {}
        for c in range(1, sheet.max_column + 1):
            v = sheet.value(r, c)
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
    _check_kind(path)
    from docgen.records.yamlsource import collector_paused

    with collector_paused():  # 20,000 rows are hundreds of thousands of objects and no cycle
        sheets = _calamine_sheets(path)
        return read_sheets(path, sheets if sheets is not None else _openpyxl_sheets(path), forms)


class _Cells:
    """Where an award of the list stands: {field: "Sheet!C5"} made when asked, and "row" (Sheet!A5)."""

    __slots__ = ("letters", "row", "moved")

    def __init__(self, letters: dict[str, str], row: int, moved: dict[str, str] | None = None) -> None:
        self.letters = letters  # field -> "Sheet!C"
        self.row = row
        self.moved = moved  # fields whose cell is another's (a split name's)

    def get(self, field: str, default: str | None = None) -> str | None:
        """The cell of `field` ("Sheet1!C5"), "row" giving the row's first cell; `default` for a field
        the sheet has no column for."""
        if self.moved and field in self.moved:
            field = self.moved[field]
        letters = self.letters.get(field)
        return default if letters is None else f"{letters}{self.row}"

    def __getitem__(self, field: str) -> str:
        found = self.get(field)
        if found is None:
            raise KeyError(field)
        return found


def read_sheets(path: Path, sheets: list[_Sheet], forms: dict):
    """read_award_sheet's work on sheets already read (by either library)."""
    from openpyxl.utils import get_column_letter
    from pydantic import ValidationError

    problems: list[Problem] = []
    # Rows that passed the cell checks: (how many problems came before, data, cells); validated together.
    pending: list[tuple[int, dict, _Cells]] = []
    headers: dict[int, tuple[dict[int, str], dict[int, str]]] = {}  # id(a sheet's letters) -> (columns, titles)
    found_any = False
    form_ids = _form_names(forms)
    for sheet in sheets:
        header = _header(sheet)
        if header is None:
            continue
        found_any = True
        header_row, columns = header
        titles = {c: _LINE_BREAKS.sub(" ", str(sheet.value(header_row, c))) for c in columns}
        letters = {field: f"{sheet.title}!{get_column_letter(c)}" for c, field in columns.items()}
        letters["row"] = f"{sheet.title}!A"
        headers[id(letters)] = (columns, titles)
        # (index in the row, field, column title, the column's values already read: a list repeats most)
        fields = [(c - 1, field, titles[c], {}) for c, field in columns.items() if field != "number"]
        width = max(columns)
        split = "name" not in columns.values()
        for r in range(header_row + 1, sheet.max_row + 1):
            row = sheet.rows[r - 1]
            if len(row) < width:
                row = [*row, *([None] * (width - len(row)))]
            if all(row[i] in (None, "") for i, _, _, _ in fields) and not (
                    sheet.formulas and any(sheet.formula(r, c) for c in columns)):
                continue  # an empty row
            cells = _Cells(letters, r)
            if sheet.hidden(r):
                problems.append(Problem(Location(path, cell=cells["row"]), "dòng này đang bị ẩn trong Excel;"
                                        " hãy bỏ ẩn (Unhide) và xóa dòng nếu không đề nghị khen thưởng"))
                continue
            total = _total_label(row, columns)
            if total is not None:
                problems.append(Problem(Location(path, cell=cells["row"]), f"dòng \"{total}\" là dòng tổng cộng,"
                                        " không phải tập thể hay cá nhân được đề nghị; hãy xóa cả dòng này trong"
                                        f" Excel (bấm chuột phải vào số dòng {r}, chọn Delete), kể cả khi các ô"
                                        " của dòng đã gộp (Merge)"))
                continue
            data, bad = {}, False
            for i, field, title, seen in fields:
                value = row[i]
                if sheet.formulas:
                    text, problem = _field(field, value, sheet.formula(r, i + 1), title, form_ids)
                elif value.__class__ is str:
                    found = seen.get(value)
                    if found is None:
                        found = seen[value] = _field(field, value, None, title, form_ids)
                    text, problem = found
                elif value is None:
                    continue
                else:
                    text, problem = _field(field, value, None, title, form_ids)
                if problem:
                    problems.append(Problem(Location(path, cell=cells[field]), problem))
                    bad = True
                elif text is not None:
                    data[field] = text
            family, given = data.pop("family", None), data.pop("given", None)
            if "name" not in data and (family or given) and split:
                data["name"] = " ".join(p for p in (family, given) if p)
                cells.moved = {"name": "family" if "family" in letters else "given"}
            if bad:
                continue
            pending.append((len(problems), data, cells))
    if not found_any:
        first = sheets[0].title
        raise RecordError.at(Location(path, cell=f"{first}!A1"), "không thấy dòng tiêu đề"
                             " (cần các cột \"Họ và tên / Tên tập thể\" và \"Danh hiệu/Hình thức\")")
    try:
        awards = _award_list().validate_python([data for _, data, _ in pending])
    except ValidationError as err:
        # Each row's findings go where the row stands among the cells' findings.
        found: dict[int, list[Problem]] = {}
        for e in err.errors():
            index, loc = e["loc"][0], e["loc"][1:]
            _, data, cells = pending[index]
            field = str(loc[0]) if loc else "row"
            message = {"missing": "thiếu (ô trống)", "literal_error": "giá trị không hợp lệ"}.get(
                e["type"], str((e.get("ctx") or {}).get("error", e["msg"])))
            if e["type"] == "missing":
                message = _missing(field, *headers[id(cells.letters)])
            if field == "honorific" and e["type"] == "literal_error":
                message = f"'{data.get('honorific')}': danh xưng phải là \"Ông\" hoặc \"Bà\""
            found.setdefault(index, []).append(Problem(Location(path, cell=cells.get(field, cells["row"])), message))
        for index in sorted(found, reverse=True):
            at = pending[index][0]
            problems[at:at] = found[index]
    if problems:
        raise RecordError(problems)
    return awards, [(path, cells) for _, _, cells in pending]


@functools.cache
def _award_list():
    """The validator of a list of AwardRecord (one call for the list: a tenth of the cost of one per row)."""
    from pydantic import TypeAdapter

    from docgen.records.awards import AwardRecord

    return TypeAdapter(list[AwardRecord])


# A totals line under the list ("Tổng cộng: 5 người", "Tổng số: …", "Cộng: 3"); "Cộng đồng …" and
# "Tổng công ty …" are names, not totals.
_TOTAL = re.compile(r"(?:tổng cộng|tổng số)(?!\w)|cộng\s*(?::|\d|$)")


def _total_label(row: list, columns: dict[int, str]) -> str | None:
    """The text of a totals row, None for any other row.

    A clerk's total row often spans columns merged across A:E, so its text stands in the number,
    Danh xưng and name cells at once and its kind is empty; a row whose kind is "Cá nhân" or
    "Tập thể" is an awardee, whatever its name says.
    """
    kind = next((row[c - 1] for c, f in columns.items() if f == "kind"), None)
    if isinstance(kind, str) and _key(kind) in KINDS:
        return None
    for c, field in columns.items():
        value = row[c - 1]
        if field in ("number", "honorific", "name", "family", "given", "position", "office") \
                and isinstance(value, str) and _TOTAL.match(_key(value).strip()):
            return _LINE_BREAKS.sub(" ", value).strip()
    return None


def _field(field: str, value, formula: str | None, title: str,
           form_ids: dict[str, str]) -> tuple[str | None, str | None]:
    """(the record's value of a cell of column `field`, None) or (None, what is wrong with it and what to do)."""
    text, problem = _cell_text(value, formula)
    if problem:
        return None, f"cột \"{title}\": {problem}"
    if text is None:
        return None, None
    legacy = legacy_problem(text)
    if legacy:
        return None, legacy
    if field == "kind":
        kind = KINDS.get(_key(text))
        if kind is None:
            return None, f"'{text}': phải là \"Cá nhân\" hoặc \"Tập thể\""
        return kind, None
    if field == "honorific":
        return text.capitalize(), None
    if field == "form":
        key = _form_id(text, form_ids)
        if isinstance(form_ids, _FormNames) and form_ids and key not in form_ids.keys_:
            return None, _unknown_form(text, title, form_ids)
        return key, None
    return text, None


def _unknown_form(text: str, title: str, names: "_FormNames") -> str:
    """What is wrong with a cell naming no form of law/award_forms.yaml, in the clerk's words:
    the forms as written on the page ("Giấy khen", "Lao động tiên tiến"), never their keys."""
    near = closest(_key(text), {_key(name) for name in names.shown})
    hint = next((say("; did you mean '{hint}'?", hint=name) for name in names.shown if _key(name) == near), "")
    return say("column \"{title}\": '{given}' is no award form of law/award_forms.yaml{hint}; write one of:"
               " {names}", title=title, given=text, hint=hint, names=", ".join(names.shown))


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
    text = _LINE_BREAKS.sub(" ", text)
    bad = BAD.search(text)
    if bad:
        return None, refusal(bad.group())
    text = normalize(text)
    return (text or None), None


def form_id(text: str, forms: dict) -> str:
    """"Giấy khen", "Lao động tiên tiến", "giay_khen" -> the form's key (unknown names pass as a slug)."""
    return _form_id(text, _form_names(forms))


class _FormNames(dict):
    """{every way a form is written, as `_key` reads it: its key}, with the keys (`keys_`) and the
    forms' names as a clerk writes them (`shown`, in law/award_forms.yaml's order)."""

    keys_: frozenset[str]
    shown: list[str]


def _form_names(forms: dict) -> dict[str, str]:
    """Every way a form is written (its name, its label, its key), as `_key` reads it -> its key."""
    names = _FormNames()
    for key, form in forms.items():
        names[_key(form.name)] = key
        names[_key(form.label).strip('"“” ')] = key
        names[key] = key
    names.keys_ = frozenset(forms)
    names.shown = [form.name for form in forms.values()]
    return names


def _form_id(text: str, names: dict[str, str]) -> str:
    key = _key(text).strip('"“” ')
    key = re.sub(r'^danh hiệu\s+', "", key).strip('"“” ')
    if key in names:
        return names[key]
    slug = unicodedata.normalize("NFD", key).replace("đ", "d")
    slug = re.sub(r"[\u0300-\u036f]", "", slug)
    return re.sub(r"[^a-z0-9]+", "_", slug).strip("_") or "khong_ro"
