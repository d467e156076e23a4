"""Collecting filled report forms into results/<unit>.yaml: read, check every cell, then write.

Each form that reads cleanly is written; a bad one is named with its problems and does not stop
the others. An existing result is replaced only with --force, and what would change is shown
either way. "Tỷ lệ" is computed from "Thực hiện" and the plan: a rate the unit typed is only
checked against it, and a difference is said.
"""

import difflib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from docgen.build import reports, validate
from docgen.errors import Location, Problem, RecordError
from docgen.output.results import result_text, write_result
from docgen.records.characters import BAD, refusal
from docgen.records.counts import count_problem
from docgen.records.forms import FilledForm, read_form
from docgen.records.units import NARRATIVE, RESULTS_DIR
from docgen.texts import did_you_mean
from docgen.vn import format_number, parse_number


@dataclass
class Collected:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existing results not replaced (no --force)
    diffs: dict[Path, str] = field(default_factory=dict)
    reported: list[str] = field(default_factory=list)  # display names
    missing: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # forms not collected, and why
    checked_rates: int = 0  # rates the units typed, compared with the computed ones
    rate_notes: list[Problem] = field(default_factory=list)  # typed rates that differ (not errors)


FORM_SUFFIXES = {".docx", ".doc", ".odt", ".pdf", ".rtf"}  # the others are named, not skipped


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in FORM_SUFFIXES
                              and f.is_file() and not f.name.startswith((".", "~$"))))
        else:
            out.append(p)
    return out


def collect(plan_dir: Path, paths: list[Path], force: bool = False, year: int | None = None) -> Collected:
    """Read the filled forms of `year` (default: the plan's own) into results/<unit>.yaml, or
    results/<year>/<unit>.yaml for a later year of the plan's period (docgen.yearforms)."""
    from docgen.yearforms import check_year

    plan = validate(plan_dir)
    year = year or plan.year
    check_year(plan_dir, plan, year)
    units, _, _ = reports(plan_dir, plan)
    if units is None:
        raise RecordError.at(Location(plan_dir / "units.yaml"), "thiếu units.yaml: chưa có đơn vị nào để nhận báo cáo")
    problems: list[Problem] = []
    rate_notes: list[Problem] = []
    checked = 0
    forms: list[tuple[FilledForm, dict]] = []
    seen: dict[str, Path] = {}
    for path in _files(paths):
        if not path.exists():
            problems.append(Problem(Location(path), "không tìm thấy tệp"))
            continue
        try:
            form = read_form(path)
        except RecordError as err:
            problems.extend(err.problems)
            continue
        here = Location(path)
        props = form.properties
        if props.get("docgen.plan") != plan.id:
            problems.append(Problem(here, f"biểu mẫu của kế hoạch '{props.get('docgen.plan')}', không phải của"
                                          f" kế hoạch '{plan.id}'"))
            continue
        if props.get("docgen.year") != str(year):
            problems.append(Problem(here, f"biểu mẫu của năm {props.get('docgen.year')}, kế hoạch này là năm"
                                          f" {plan.year}" if year == plan.year else
                                          f"biểu mẫu của năm {props.get('docgen.year')}, đang thu năm {year}"
                                          f" (--year {year})"))
            continue
        unit = units.get(form.unit or "")
        if unit is None:
            problems.append(Problem(here, f"đơn vị '{form.unit}' không có trong units.yaml (hoặc không còn tồn"
                                          " tại vào ngày của kế hoạch)" + did_you_mean(form.unit or "", units.all_ids)))
            continue
        if unit.id in seen:
            problems.append(Problem(here, f"đơn vị '{unit.display_name}' đã có biểu mẫu {seen[unit.id]}: mỗi"
                                          " đơn vị chỉ nộp một biểu mẫu"))
            # Which of the two is right is the clerk's call: neither is collected.
            forms = [(f, d) for f, d in forms if f.path != seen[unit.id]]
            continue
        seen[unit.id] = path
        data, found, rates = _read_values(plan, units, unit, form, year)
        if found:
            problems.extend(found)  # this form is not collected; the others are
            continue
        checked += rates[0]
        rate_notes.extend(rates[1])
        forms.append((form, data))
    if problems and not forms:
        raise RecordError(problems)
    result = Collected(problems=problems, checked_rates=checked, rate_notes=rate_notes)
    folder = plan_dir / RESULTS_DIR if year == plan.year else plan_dir / RESULTS_DIR / str(year)
    for form, data in forms:
        target = folder / f"{data['unit']}.yaml"
        text = result_text(data, form.path.name)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old == text:
            result.unchanged.append(target)
            continue
        if old is not None:
            result.diffs[target] = "".join(difflib.unified_diff(
                old.splitlines(keepends=True), text.splitlines(keepends=True), str(target), f"{form.path}"))
            if not force:
                result.kept.append(target)
                continue
        write_result(target, text)
        result.written.append(target)
    reported = {p.stem for p in folder.glob("*.yaml")} if folder.is_dir() else set()
    result.reported = [u.display_name for u in units.units if u.id in reported]
    result.missing = [u.display_name for u in units.units if u.id not in reported]
    return result


def _is_text(text: str, where: Location, problems: list[Problem]) -> bool:
    """False, with the problem said, when a unit's text holds a character that is not text."""
    bad = BAD.search(text)
    if bad:
        problems.append(Problem(where, refusal(bad.group())))
    return bad is None


def _check_rate(ut, value: Decimal, typed: str, where: Location) -> Problem | None:
    """None when the typed rate agrees with the computed one (to the rounding of 0,5 point)."""
    if not ut.own:
        return Problem(where, f"tỷ lệ đơn vị gõ '{typed}' không được dùng: chỉ tiêu không chia cho từng đơn"
                              " vị, báo cáo đánh giá theo số liệu Thực hiện của cả tỉnh")
    if ut.planned is None or ut.planned == 0:
        return Problem(where, f"tỷ lệ đơn vị gõ '{typed}' không được dùng: chỉ tiêu là một khoảng hay một"
                              " ngưỡng, báo cáo đánh giá theo số liệu Thực hiện")
    computed = (value / ut.planned * 100).quantize(Decimal("0.1"), ROUND_HALF_UP)
    try:
        number = parse_number(typed)
    except ValueError:
        return Problem(where, f"tỷ lệ đơn vị gõ '{typed}' không đọc được nên bị bỏ qua; báo cáo dùng tỷ lệ"
                              f" tính từ số liệu: {format_number(computed)}%")
    if abs(number - computed) > Decimal("0.5"):
        return Problem(where, f"tỷ lệ đơn vị gõ {format_number(number)}% khác tỷ lệ tính từ số liệu"
                              f" ({format_number(value)}/{format_number(ut.planned)} ="
                              f" {format_number(computed)}%); báo cáo dùng tỷ lệ tính được")
    return None


def _read_values(plan, units, unit, form: FilledForm,
                 year: int) -> tuple[dict, list[Problem], tuple[int, list[Problem]]]:
    problems: list[Problem] = []
    checked, rate_notes = 0, []

    def where(what: str) -> Location:
        return Location(form.path, where=f"đơn vị '{unit.display_name}', {what}")

    values, notes, rates = {}, {}, {}
    for ut in units.targets_of(plan, unit):
        name = f"chỉ tiêu '{ut.target.name}' ({ut.id})"
        key = f"docgen:target:{ut.id}"
        if key not in form.fields:
            problems.append(Problem(where(name), "ô \"Thực hiện\" đã bị xóa khỏi biểu mẫu; hãy điền vào biểu mẫu"
                                                 " gốc docgen đã tạo"))
            continue
        note = form.fields.get(f"docgen:note:{ut.id}", "")
        if note and _is_text(note, where(f"{name}, ghi chú"), problems):
            notes[ut.id] = note
        text = form.fields[key]
        if not text:
            problems.append(Problem(where(name), "chưa điền số liệu \"Thực hiện\""))
            continue
        try:
            values[ut.id] = parse_number(text)
        except ValueError as err:
            problems.append(Problem(where(name), f"không đọc được số liệu: {err}"))
            continue
        whole = count_problem(values[ut.id], ut.target.unit)
        if whole:
            problems.append(Problem(where(name), f"số liệu \"Thực hiện\": {whole}"))
            continue
        typed = form.fields.get(f"docgen:rate:{ut.id}", "")
        if typed:
            checked += 1
            try:
                rates[ut.id] = parse_number(typed)
            except ValueError:
                pass  # said by _check_rate below; the report uses the computed rate
            differs = _check_rate(ut, values[ut.id], typed, where(f"{name}, tỷ lệ"))
            if differs:
                rate_notes.append(differs)
    narrative = {}
    for part in NARRATIVE:
        key = f"docgen:text:{part}"
        if key not in form.fields:
            problems.append(Problem(where(f"mục '{part}'"), "ô nội dung đã bị xóa khỏi biểu mẫu"))
        elif form.fields[key] and _is_text(form.fields[key], where(f"mục '{part}'"), problems):
            narrative[part] = form.fields[key]
    data: dict = {"unit": unit.id, "year": year}
    number = form.fields.get("docgen:meta:number", "")
    if number:
        if number.isdigit() and int(number) > 0:
            data["number"] = int(number)
        else:
            problems.append(Problem(where("số báo cáo"), f"'{number}' không phải số văn bản"))
    day, month = form.fields.get("docgen:meta:day", ""), form.fields.get("docgen:meta:month", "")
    if day and month:
        if day.isdigit() and month.isdigit():
            import datetime as dt

            from docgen.model.report import dated_year, report_deadline

            signed = dated_year(report_deadline(plan, year), year)  # the year printed on the form
            try:
                data["date"] = dt.date(signed, int(month), int(day)).isoformat()
            except ValueError:
                problems.append(Problem(where("ngày báo cáo"), f"ngày {day} tháng {month} năm {signed}"
                                                              " không có thật"))
        else:
            problems.append(Problem(where("ngày báo cáo"), f"'{day}/{month}' không phải ngày tháng"))
    data["values"] = values
    if notes:
        data["notes"] = notes
    if rates:
        data["rates"] = rates
    if narrative:
        data["narrative"] = narrative
    return data, problems, (checked, rate_notes)
