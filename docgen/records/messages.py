"""Pydantic's error types, said in Vietnamese and pinned to the YAML line they concern."""

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from docgen.errors import Problem
from docgen.records.yamlsource import PathKey, Source, format_field
from docgen.texts import did_you_mean, say

_TYPE_NAMES = {
    "string_type": "phải là chuỗi văn bản",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "decimal_type": "phải là số",
    "bool_type": "phải là true hoặc false",
    "bool_parsing": "phải là true hoặc false",
    "list_type": "phải là một danh sách (mỗi phần tử một dòng bắt đầu bằng '- ')",
    "dict_type": "phải là một bảng khóa: giá trị",
    "model_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "none_required": "phải để trống",
}


def _data_path(loc: tuple[Any, ...], data: Any) -> PathKey:
    """Keep the parts of pydantic's loc that step into the data (drop union tags)."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not path_is_tag(part):
            path.append(part)  # a missing key: point at it by name
            node = None
    return tuple(path)


def path_is_tag(part: str) -> bool:
    return part in {"number", "range", "bound"} or "[" in part


def _message(err: dict[str, Any], model: type[BaseModel], path: PathKey) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        known = _known_fields(model, path[:-1])
        hint = did_you_mean(str(path[-1]), known)
        key = str(path[-1])
        if err.get("input") is None and (not key.isascii() or " " in key or key[:1].isupper()):
            # "{name: A, office: Phòng X, Biển, Hải đảo}": YAML reads "Biển" as a key without a value.
            return say("no field '{key}': a comma splits an unquoted value in {{ }}", key=key)
        text = f"trường '{key}' không có trong mẫu hồ sơ"
        if hint:
            text += hint
        elif known:
            text += f" (các trường hợp lệ: {', '.join(sorted(known))})"
        return text
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        # pydantic joins the last choice with " or ": "'Công văn' or 'Thư công'".
        text = "phải là một trong: " + re.sub(r"' or (?=')", "' hoặc ", expected)
        choices = re.findall(r"'([^']*)'", expected)
        given = err.get("input")
        if isinstance(given, str):
            # "Quyết Định" for "Quyết định": the case is the likeliest slip.
            same = [c for c in choices if c.lower() == given.lower()]
            text += say("; did you mean '{hint}'?", hint=same[0]) if same else did_you_mean(given, choices)
        return text
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length', 1)} phần tử"
    if kind == "string_pattern_mismatch":
        return "sai định dạng (chỉ dùng chữ thường không dấu, chữ số và '_', ví dụ viec_lam)" \
            if "a-z" in str(ctx.get("pattern", "")) else "sai định dạng (không được có dấu cách)"
    if kind == "string_too_short":
        return "không được để trống"
    if kind in ("greater_than_equal", "greater_than"):
        return f"phải lớn hơn hoặc bằng {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le', ctx.get('lt'))}, nhận được {err.get('input')!r}"
    if kind in _TYPE_NAMES:
        return f"{_TYPE_NAMES[kind]}, nhận được {err.get('input')!r}"
    if kind == "target_value":
        return err["msg"]
    return f"giá trị không hợp lệ ({err['msg']})"


def _known_fields(model: type[BaseModel], path: PathKey) -> list[str]:
    """Field names of the model reached by `path`, for "did you mean" hints."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def problems_from(error: ValidationError, source: Source, model: type[BaseModel]) -> list[Problem]:
    problems = []
    for err in error.errors():
        path = _data_path(err["loc"], source.data)
        kind = err["type"]
        location = source.locate(path, key=kind == "extra_forbidden")
        problems.append(Problem(location, _message(err, model, path), format_field(path) or None))
    problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
    return problems


def validated(source: Source, model: type[BaseModel]):
    """The record of a YAML file, or RecordError with every problem of the file, in line order."""
    from docgen.errors import RecordError

    if not isinstance(source.data, dict):
        raise RecordError.at(source.locate(()), "tệp phải là một bảng khóa: giá trị (tệp trống hoặc sai dạng)")
    problems = list(source.problems)
    record = None
    try:
        record = model.model_validate(source.data)
    except ValidationError as err:
        # A value refused while reading (an alias, a tag, a control character) is not reported twice.
        refused = {(p.location.line, p.location.column) for p in problems}
        problems.extend(p for p in problems_from(err, source, model)
                        if (p.location.line, p.location.column) not in refused)
    if problems:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise RecordError(problems)
    return record
