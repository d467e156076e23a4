"""Vietnamese text helpers that Decree 30 and Vietnamese practice format one exact way.

Standard library only: any layer may import this package.
"""

from docgen.vn.collation import match_key, name_sort_key, text_sort_key
from docgen.vn.counts import capfirst, count, count_phrase, group_phrase, join_and, lowfirst
from docgen.vn.dates import PartialDate, cite_date, format_date, parse_partial_date, place_date
from docgen.vn.doctypes import DOC_TYPES, doc_number, doc_symbol
from docgen.vn.numbers import format_number, format_percent, parse_number, point_letter, roman
from docgen.vn.tcvn3 import looks_like_tcvn3, tcvn3_to_unicode
from docgen.vn.text import OFFICES, OPENING, keep_names, nobreak, normalize, upper
from docgen.vn.words import amount_in_words, words_to_amount

__all__ = [
    "OFFICES",
    "OPENING",
    "DOC_TYPES",
    "PartialDate",
    "amount_in_words",
    "capfirst",
    "lowfirst",
    "group_phrase",
    "cite_date",
    "count",
    "count_phrase",
    "doc_number",
    "doc_symbol",
    "format_date",
    "format_number",
    "format_percent",
    "join_and",
    "looks_like_tcvn3",
    "match_key",
    "name_sort_key",
    "keep_names",
    "nobreak",
    "normalize",
    "parse_number",
    "parse_partial_date",
    "place_date",
    "point_letter",
    "roman",
    "tcvn3_to_unicode",
    "text_sort_key",
    "upper",
    "words_to_amount",
]
