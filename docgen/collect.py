"""Collecting filled report forms into results/<unit>.yaml: read, check every cell, then write.

Nothing is written unless every form reads cleanly; an existing result is replaced only with
--force, and what would change is shown either way.
"""

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from docgen.build import reports, validate
from docgen.errors import Location, Problem, RecordError
from docgen.output.results import result_text, write_result
from docgen.records.forms import FilledForm, read_form
from docgen.records.units import NARRATIVE, RESULTS_DIR
from docgen.vn import parse_number


@dataclass
class Collected:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)  # existing results not replaced (no --force)
    diffs: dict[Path, str] = field(default_factory=dict)
    reported: list[str] = field(default_factory=list)  # display names
    missing: list[str] = field(default_factory=list)


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*.docx") if not f.name.startswith((".", "~$"))))
        else:
            out.append(p)
    return out


def collect(plan_dir: Path, paths: list[Path], force: bool = False) -> Collected:
    plan = validate(plan_dir)
    units, _, _ = reports(plan_dir, plan)
    if units is None:
        raise RecordError.at(Location(plan_dir / "units.yaml"), "thiếu units.yaml: chưa có đơn vị nào để nhận báo cáo")
    problems: list[Problem] = []
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
        if props.get("docgen.year") != str(plan.year):
            problems.append(Problem(here, f"biểu mẫu của năm {props.get('docgen.year')}, kế hoạch này là năm"
                                          f" {plan.year}"))
            continue
        unit = units.get(form.unit or "")
        if unit is None:
            problems.append(Problem(here, f"đơn vị '{form.unit}' không có trong units.yaml (hoặc không còn tồn"
                                          " tại vào ngày của kế hoạch)"))
            continue
        if unit.id in seen:
            problems.append(Problem(here, f"đơn vị '{unit.display_name}' đã có biểu mẫu {seen[unit.id]}: mỗi"
                                          " đơn vị chỉ nộp một biểu mẫu"))
            continue
        seen[unit.id] = path
        data, found = _read_values(plan, units, unit, form)
        problems.extend(found)
        forms.append((form, data))
    if problems:
        raise RecordError(problems)
    result = Collected()
    folder = plan_dir / RESULTS_DIR
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


def _read_values(plan, units, unit, form: FilledForm) -> tuple[dict, list[Problem]]:
    problems: list[Problem] = []

    def where(what: str) -> Location:
        return Location(form.path, where=f"đơn vị '{unit.display_name}', {what}")

    values, notes = {}, {}
    for ut in units.targets_of(plan, unit):
        name = f"chỉ tiêu '{ut.target.name}' ({ut.id})"
        key = f"docgen:target:{ut.id}"
        if key not in form.fields:
            problems.append(Problem(where(name), "ô \"Thực hiện\" đã bị xóa khỏi biểu mẫu; hãy điền vào biểu mẫu"
                                                 " gốc docgen đã tạo"))
            continue
        text = form.fields[key]
        if not text:
            problems.append(Problem(where(name), "chưa điền số liệu \"Thực hiện\""))
            continue
        try:
            values[ut.id] = parse_number(text)
        except ValueError as err:
            problems.append(Problem(where(name), f"không đọc được số liệu: {err}"))
        note = form.fields.get(f"docgen:note:{ut.id}", "")
        if note:
            notes[ut.id] = note
    narrative = {}
    for part in NARRATIVE:
        key = f"docgen:text:{part}"
        if key not in form.fields:
            problems.append(Problem(where(f"mục '{part}'"), "ô nội dung đã bị xóa khỏi biểu mẫu"))
        elif form.fields[key]:
            narrative[part] = form.fields[key]
    data: dict = {"unit": unit.id, "year": plan.year}
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

            try:
                data["date"] = dt.date(plan.year, int(month), int(day)).isoformat()
            except ValueError:
                problems.append(Problem(where("ngày báo cáo"), f"ngày {day} tháng {month} năm {plan.year}"
                                                              " không có thật"))
        else:
            problems.append(Problem(where("ngày báo cáo"), f"'{day}/{month}' không phải ngày tháng"))
    data["values"] = values
    if notes:
        data["notes"] = notes
    if narrative:
        data["narrative"] = narrative
    return data, problems
