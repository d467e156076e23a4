"""A typed number and the issue date go together: a record is a draft or an issued document.

Nghị định 30/2020/NĐ-CP, Điều 15.2: the văn thư numbers and dates a document together, after it
is signed; `docgen issue` writes both at once into the register (docgen.issuing.lifecycle). A
record that carries a number typed by hand (plan.yaml, a document record, a year's bao-cao.yaml)
but a date without its day would print "Số: 328/QĐ-UBND … ngày      tháng 01 năm 2025": half
issued. The other way round is the domain's own: a date without a number is the day a draft is
planned for (awards.yaml's "ngày dự kiến ký", `number: register`, a plan still unnumbered), which
`docgen issue` or the văn thư completes.
"""

from docgen.errors import Problem
from docgen.records.yamlsource import Source, format_field
from docgen.texts import say
from docgen.vn import PartialDate


def half_issued(number: object, date: PartialDate | None, source: Source, at: tuple = ()) -> Problem | None:
    """The problem of a record (or the mapping at path `at` in it) whose `number` is typed (an
    int; "register" and blank are not) while its `date` is missing or has no day; located at the
    date (at the number when no date is given). None when the two agree."""
    if not isinstance(number, int) or isinstance(number, bool) or (date is not None and date.is_complete):
        return None
    number_text = f"{number:02d}"  # as the header writes it (Số: 07/…)
    if date is None:
        path = (*at, "number")
        return Problem(source.locate(path), say("numbered {number}, no date", number=number_text), format_field(path))
    path = (*at, "date")
    form = f"{date.isoformat()}-NGÀY" if date.month is not None else "NĂM-THÁNG-NGÀY"
    return Problem(source.locate(path), say("numbered {number}, dated {date} without its day: write {form}",
                                            number=number_text, date=date.isoformat(), form=form),
                   format_field(path))
