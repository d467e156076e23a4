"""A reported figure of a target counted in whole things (people, households) is a whole number.

ResultRecord reads figures without knowing their targets; the targets' units come with the
plan. A count of people typed "2185.5", or "2,185" (the Vietnamese decimal comma, or the English
thousands comma), would otherwise add a fraction of a person to the report and rate the unit on
it (issue 13, kind 3: where the field's kind decides the notation, read it or refuse it with
both readings).
"""

from decimal import Decimal

from docgen.errors import Problem
from docgen.records.yamlsource import Source, format_field
from docgen.vn.numbers import format_number, is_count_unit


def count_problem(value: Decimal, unit: str) -> str | None:
    """What is wrong with `value` as a figure in `unit`, or None: a count of whole things
    ("người", "hộ": vn.numbers.COUNT_UNITS) is a whole number, not below zero."""
    if not is_count_unit(unit):
        return None
    if value < 0:
        return f"số {unit} không thể âm, nhận được {format_number(value)}; hãy sửa lại số liệu"
    if value == value.to_integral_value():
        return None
    message = f"số {unit} phải là số nguyên, nhận được {format_number(value)}"
    if value.as_tuple().exponent == -3:  # "2,185": a thousands comma, read as a decimal one
        thousands = int(value * 1000)
        return message + f"; nếu là {format_number(thousands)} {unit} hãy viết {thousands}"
    return message + "; hãy sửa lại số liệu"


def count_problems(values: dict[str, Decimal], units: dict[str, str], source: Source) -> list[Problem]:
    """One problem per figure of `values` (target id -> figure) that `count_problem` refuses
    (`units`: target id -> unit), located at the figure."""
    problems = []
    for tid, value in values.items():
        message = count_problem(value, units.get(tid, ""))
        if message:
            path = ("values", tid)
            problems.append(Problem(source.locate(path), message, format_field(path)))
    return problems
