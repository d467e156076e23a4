"""Reports as text lines for people and JSON for scripts."""

import json

from docgen.checker import RULES, Report
from docgen.errors import display_path


def text_lines(reports: list[Report]) -> list[str]:
    lines: list[str] = []
    for report in reports:
        path = display_path(report.path)
        if report.error:
            lines.append(f"{path}: không đọc được: {report.error}")
            continue
        lines.extend(f.line(path) for f in report.findings)
        if report.draft:
            lines.append(f"{path}: xét như bản dự thảo, {report.draft}: số và ngày để trống không bị báo;"
                         " kiểm tra bản sẵn sàng ban hành bằng docgen lint --final")
    readable = [r for r in reports if not r.error]
    deferred: dict[str, int] = {}
    for report in readable:
        for rid, n in report.deferred.items():
            deferred[rid] = deferred.get(rid, 0) + n
    if deferred:
        named = ", ".join(f"{rid} ({n} chỗ: {RULES[rid]['deferred']})" for rid, n in sorted(deferred.items()))
        lines.append(f"Quy tắc tạm hoãn, không tính lỗi (xem bằng docgen lint --all-rules): {named}")
    errors = sum(r.errors for r in readable)
    warnings = sum(r.warnings for r in readable)
    summary = f"Đã kiểm tra {len(readable)} văn bản: {errors} lỗi, {warnings} cảnh báo."
    unreadable = len(reports) - len(readable)
    if unreadable:
        summary += f" {unreadable} tệp không đọc được."
    lines.append(summary)
    return lines


def as_json(reports: list[Report]) -> str:
    out = []
    for report in reports:
        item = {"file": display_path(report.path), "error": report.error, "draft": report.draft,
                "deferred": report.deferred, "findings": [
            {"rule": f.rule, "severity": f.severity, "where": f.where, "paragraph": f.paragraph,
             "message": f.message} for f in report.findings]}
        out.append(item)
    return json.dumps(out, ensure_ascii=False, indent=2)


def exit_code(reports: list[Report]) -> int:
    if any(r.error for r in reports):
        return 2
    return 1 if any(r.errors for r in reports) else 0
