"""Vietnamese text helpers that Decree 30 and Vietnamese practice format one exact way.

Standard library only: any layer may import this package.
"""

from docgen.vn.dates import PartialDate, format_date, parse_partial_date, place_date
from docgen.vn.doctypes import DOC_TYPES, doc_number
from docgen.vn.numbers import format_number, format_percent, point_letter, roman
from docgen.vn.text import normalize, upper

__all__ = [
    "DOC_TYPES",
    "PartialDate",
    "doc_number",
    "format_date",
    "format_number",
    "format_percent",
    "normalize",
    "parse_partial_date",
    "place_date",
    "point_letter",
    "roman",
    "upper",
]
