"""results/<unit>.yaml written from a collected form: plain YAML a clerk can read and correct."""

import re
from decimal import Decimal
from pathlib import Path

import yaml

from docgen.output.package import write_atomic


def _plain(value):
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        text = f"{value.normalize():f}"
        if re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
            # 1.125 would read back as one thousand one hundred and twenty-five (records refuse
            # it as ambiguous): written the Vietnamese way, "1,125" reads one way only.
            return text.replace(".", ",")
        return float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


# The editor's schema for results/<unit>.yaml (docgen/records/editor_schema.py, modeline()).
SCHEMA_LINE = "# yaml-language-server: $schema=../../../schemas/result.schema.json\n"


def result_text(data: dict, source_name: str) -> str:
    header = (SCHEMA_LINE + f"# Kết quả báo cáo của đơn vị, do `docgen collect` đọc từ biểu mẫu {source_name}.\n"
              "# Sửa trực tiếp nếu cần; `docgen collect --force` sẽ ghi đè từ biểu mẫu.\n")
    return header + yaml.safe_dump(_plain(data), allow_unicode=True, sort_keys=False, width=100)


def write_result(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))
