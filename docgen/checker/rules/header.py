"""Header (ô 1-5): Quốc hiệu, Tiêu ngữ, agency names, number, place and date, title."""

import calendar
import re

from docgen.checker.findings import RULES, Context, pt, rule
from docgen.checker.roles import line_under
from docgen.checker.widths import line_length, text_width
from docgen.vn import DOC_TYPES, upper
from docgen.vn.doctypes import COPY_TYPES

_LINES = "viền dưới đoạn, gạch chân, đường vẽ hay dòng gạch dưới"
_PLACEHOLDER = re.compile(r"…|\.{3,}")


def _unfilled(ctx: Context, rid: str, p) -> list:
    """A model's blanks ("…", "....") are allowed in a draft and reported otherwise."""
    if not _PLACEHOLDER.search(p.clean):
        return []
    if ctx.draft:
        return [None]
    return [ctx.at(rid, p, "còn chỗ để trống (… hoặc ....) chưa điền; chỉ được để trống ở bản dự thảo"
                            " (--draft)")]
_ABBREVIATIONS = {a for a in DOC_TYPES.values() if a} | set(COPY_TYPES.values())
_TYPE_ABBREVIATION = {upper(name): a for name, a in {**DOC_TYPES, **COPY_TYPES}.items() if a}
_TYPE_NAME = {a: upper(name) for name, a in {**DOC_TYPES, **COPY_TYPES}.items() if a}


def _first_line(text: str) -> str:
    """Text before a line of underscores typed in the same paragraph."""
    return re.split(r"\n\s*[_]{3,}", text)[0]


@rule("ND30-QH")
def quoc_hieu(ctx: Context):
    p, r = ctx.roles.quoc_hieu, RULES["ND30-QH"]
    if p is None:
        return  # a missing Quốc hiệu is ND30-REQUIRED's
    text = " ".join(_first_line(p.shown()).split())
    if text not in r["text_any"]:
        yield ctx.at("ND30-QH", p, f"Quốc hiệu viết \"{text}\", phải là \"{r['text_any'][0]}\"")
    yield from ctx.size("ND30-QH", p, r["min_pt"], r["max_pt"])
    yield from ctx.flag("ND30-QH", p, "bold", True)
    yield from ctx.flag("ND30-QH", p, "italic", False)


@rule("ND30-TN")
def tieu_ngu(ctx: Context):
    p, r = ctx.roles.tieu_ngu, RULES["ND30-TN"]
    if ctx.roles.quoc_hieu is None:
        return
    if p is None:
        yield ctx.at("ND30-TN", ctx.roles.quoc_hieu, "thiếu Tiêu ngữ dưới Quốc hiệu")
        return
    text = " ".join(_first_line(p.text).split())
    if text != r["text"]:
        yield ctx.at("ND30-TN", p, f"Tiêu ngữ viết \"{text}\", phải đúng \"{r['text']}\"")
    yield from ctx.size("ND30-TN", p, r["min_pt"], r["max_pt"])
    yield from ctx.flag("ND30-TN", p, "bold", True)
    yield from ctx.flag("ND30-TN", p, "italic", False)
    if line_under(ctx.doc, p) is None and not re.search(r"\n\s*_{3,}", p.text):
        yield ctx.at("ND30-TN", p, f"thiếu đường kẻ nét liền dưới Tiêu ngữ (không có {_LINES})")


@rule("ND30-CQCQ")
def parent_agency(ctx: Context):
    r = RULES["ND30-CQCQ"]
    for p in ctx.roles.parent_agency:
        yield from ctx.upper("ND30-CQCQ", p)
        yield from ctx.size("ND30-CQCQ", p, r["min_pt"], r["max_pt"])
        yield from ctx.flag("ND30-CQCQ", p, "bold", False)


@rule("ND30-CQBH")
def agency(ctx: Context):
    p, r = ctx.roles.agency, RULES["ND30-CQBH"]
    if p is None:
        return
    for line in ctx.roles.agency_lines or [p]:
        yield from ctx.upper("ND30-CQBH", line, _first_line(line.shown()))
        yield from ctx.size("ND30-CQBH", line, r["min_pt"], r["max_pt"])
        yield from ctx.flag("ND30-CQBH", line, "bold", True)
    if line_under(ctx.doc, p) is None and not re.search(r"\n\s*_{3,}", p.text):
        yield ctx.at("ND30-CQBH", p, f"thiếu đường kẻ dưới tên cơ quan ban hành (không có {_LINES})")


@rule("ND30-SO", "ND30-KYHIEU", "ND30-KYHIEU-CV")
def number(ctx: Context):
    p, r = ctx.roles.number, RULES["ND30-SO"]
    if p is None:
        return  # a missing number is ND30-REQUIRED's
    text = p.clean
    unfilled = _unfilled(ctx, "ND30-SO", p)
    if unfilled:
        yield from (f for f in unfilled if f is not None)
    elif re.match(r["blank_regex"], text):
        if not ctx.draft:
            yield ctx.at("ND30-SO", p, "chưa có số văn bản (chỉ để trống ở bản dự thảo: --draft)")
    elif re.match(r"^Số: ?0*\d/", text) and not re.match(r"^Số: 0\d/", text):
        yield ctx.at("ND30-SO", p, "số dưới 10 phải có số 0 đứng trước (ví dụ 05)")
    elif not re.match(r["regex"], text):
        yield ctx.at("ND30-SO", p, f"\"{text}\" không đúng dạng \"Số: 05/QĐ-UBND\" (không dấu cách"
                                   " trong ký hiệu, \"/\" sau số, \"-\" giữa các nhóm)")
    symbol = text.split("/", 1)[1] if "/" in text else ""
    first = symbol.split("-")[0]
    # A công văn (V/v …) has no type: its ký hiệu is agency-unit ("05/BNV-VP").
    typed = ctx.roles.type_name is not None and ctx.roles.vv is None
    if ctx.roles.vv is not None and symbol and "-" not in symbol and not unfilled:
        yield ctx.at("ND30-KYHIEU-CV", p, f"ký hiệu công văn \"{symbol}\" chỉ có chữ viết tắt cơ quan; Nghị định 30"
                                          " ghi thêm chữ viết tắt đơn vị soạn thảo hoặc lĩnh vực sau dấu \"-\""
                                          " (\"05/BNV-VP\")")
    if typed and "-" in symbol and first not in _ABBREVIATIONS and not unfilled:
        yield ctx.at("ND30-SO", p, f"\"{first}\" không phải tên viết tắt loại văn bản của Nghị định 30")
    elif typed and "-" in symbol and first in _ABBREVIATIONS:
        want = _TYPE_ABBREVIATION.get(ctx.roles.doc_type or "")
        if want and first != want:
            yield ctx.at("ND30-KYHIEU", p, f"ký hiệu \"{first}\" là của {_TYPE_NAME[first]}, nhưng tên loại là"
                                           f" \"{ctx.roles.doc_type}\" (viết tắt {want})")
    yield from ctx.size("ND30-SO", p, r["size_pt"])
    yield from ctx.flag("ND30-SO", p, "bold", False)


_DATE = re.compile(r"^(?P<place>[^,]+), ngày\s*(?P<day>\d*)\s*tháng\s*(?P<month>\d*)\s*năm\s*(?P<year>\d{4})$")


@rule("ND30-DATE")
def date(ctx: Context):
    p, r = ctx.roles.date, RULES["ND30-DATE"]
    if p is None:
        return
    m = _DATE.match(p.clean)
    unfilled = _unfilled(ctx, "ND30-DATE", p)
    if unfilled:
        yield from (f for f in unfilled if f is not None)
    elif not m:
        yield ctx.at("ND30-DATE", p, "không đúng dạng \"Địa danh, ngày … tháng … năm …\"")
    else:
        day, month, year = m.group("day"), m.group("month"), int(m.group("year"))
        if not m.group("place")[0].isupper():
            yield ctx.at("ND30-DATE", p, "địa danh phải viết hoa chữ cái đầu")
        if not day or not month:
            if not ctx.draft:
                yield ctx.at("ND30-DATE", p, "chưa ghi đủ ngày tháng (chỉ để trống ở bản dự thảo: --draft)")
        if day and (len(day) != 2 or day == "00"):
            yield ctx.at("ND30-DATE", p, f"ngày \"{day}\": ngày dưới 10 phải có số 0 đứng trước (05)")
        if month:
            n = int(month)
            if n in (1, 2) and month != f"0{n}":
                yield ctx.at("ND30-DATE", p, f"tháng \"{month}\": tháng 1, 2 phải viết 01, 02")
            elif n >= 3 and month != str(n):
                yield ctx.at("ND30-DATE", p, f"tháng \"{month}\": tháng 3 đến 12 không thêm số 0")
            if not 1 <= n <= 12:
                yield ctx.at("ND30-DATE", p, f"tháng {n} không có thật")
            elif day and not 1 <= int(day) <= calendar.monthrange(year, n)[1]:
                yield ctx.at("ND30-DATE", p, f"ngày {int(day)} tháng {n} năm {year} không có thật")
    yield from ctx.size("ND30-DATE", p, r["min_pt"], r["max_pt"])
    yield from ctx.flag("ND30-DATE", p, "italic", True)
    yield from ctx.flag("ND30-DATE", p, "bold", False)


@rule("ND30-TENLOAI", "ND30-TRICHYEU", "ND30-TRICHYEU-LINE")
def title(ctx: Context):
    p = ctx.roles.type_name
    if p is None:
        return
    r = RULES["ND30-TENLOAI"]
    yield from ctx.upper("ND30-TENLOAI", p)
    yield from ctx.size("ND30-TENLOAI", p, r["min_pt"], r["max_pt"])
    yield from ctx.flag("ND30-TENLOAI", p, "bold", True)
    yield from ctx.align("ND30-TENLOAI", p, "center")
    r = RULES["ND30-TRICHYEU"]
    for s in ctx.roles.subject:
        yield from ctx.size("ND30-TRICHYEU", s, r["min_pt"], r["max_pt"])
        yield from ctx.flag("ND30-TRICHYEU", s, "bold", True)
        yield from ctx.align("ND30-TRICHYEU", s, "center")
    # A text issued with a decision has its line under the "(Kèm theo …)" line instead.
    last = ctx.roles.attached_to or (ctx.roles.subject[-1] if ctx.roles.subject else None)
    if ctx.roles.subject and line_under(ctx.doc, last) is None:
        yield ctx.at("ND30-TRICHYEU", last,
                     f"thiếu đường kẻ nét liền dưới trích yếu (không có {_LINES})")
    elif ctx.roles.subject:
        yield from _line_length(ctx, last)


def _line_length(ctx: Context, last):
    """The line under the trích yếu is 1/3 to 1/2 as long as the line of text (P1 II.5.b)."""
    r = RULES["ND30-TRICHYEU-LINE"]
    if any(_PLACEHOLDER.search(p.clean) for p in ctx.roles.subject):
        return  # a model's blank: its dots are no measure of the text to come
    length = line_length(ctx.doc, last)
    if length is None:
        return  # underlined text, or a line the checker cannot measure
    text = max(text_width(ctx.doc, p) for p in ctx.roles.subject)
    if not text:
        return
    ratio = length / text
    if not r["line_min"] - r["line_tolerance"] <= ratio <= r["line_max"] + r["line_tolerance"]:
        yield ctx.at("ND30-TRICHYEU-LINE", last, f"đường kẻ dưới trích yếu dài {pt(round(length / 567, 1))} cm,"
                                            f" bằng {pt(round(ratio, 2))} dòng chữ; quy định từ 1/3 đến 1/2")


@rule("ND30-VV")
def vv(ctx: Context):
    p, r = ctx.roles.vv, RULES["ND30-VV"]
    if p is not None:
        yield from ctx.size("ND30-VV", p, r["min_pt"], r["max_pt"])


@rule("ND30-SIZE-PAIR")
def size_pairs(ctx: Context):
    """Quốc hiệu, Tiêu ngữ and date sizes go in pairs: 12/13/13 or 13/14/14 (P1 II.1, II.4)."""
    qh, tn, date_ = ctx.roles.quoc_hieu, ctx.roles.tieu_ngu, ctx.roles.date
    if qh is None:
        return
    pairs = {row[0]: row for row in RULES["ND30-SIZE-PAIR"]["pairs"]}
    size = _size_of(qh)
    if size not in pairs:
        return  # the Quốc hiệu's own size is ND30-QH's
    shown = " hoặc ".join("/".join(pt(v) for v in row) for row in pairs.values())
    for p, name, want in ((tn, "Tiêu ngữ", pairs[size][1]), (date_, "dòng địa danh, ngày tháng", pairs[size][2])):
        got = _size_of(p) if p is not None else None
        if got is not None and got != want:
            yield ctx.at("ND30-SIZE-PAIR", p, f"Quốc hiệu cỡ {pt(size)} pt thì {name} cỡ {pt(want)} pt,"
                                              f" đang {pt(got)} pt (Quốc hiệu/Tiêu ngữ/ngày: {shown})")


def _size_of(p) -> float | None:
    runs = p.text_runs()
    return (runs[0].props.size or 10.0) if runs else None
