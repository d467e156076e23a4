"""Numbers typed in the records (a plan's or a document record's `number: 45`), checked against
one another and against the register.

An agency's documents share one sequence of numbers per calendar year, whatever their kind
(Nghị định 30/2020/NĐ-CP, Điều 15.1; README "Sổ văn bản"; docgen.records.register): a number
typed twice for the same agency and year, or typed for a number the register already gave to
another document, names two documents by one number, and is refused where it is typed.
"""

from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Location, Problem, display_path
from docgen.records.register import Numbering, agency_key
from docgen.vn import doc_symbol


@dataclass(frozen=True)
class Typed:
    """A number typed in a record: `book` is (ký hiệu, agency_key, year) as the register names
    books; `key` the document's register key (None for a plan, which the register never holds)."""

    agency: str
    abbr: str
    year: int
    number: int
    symbol: str  # "45/KH-UBND"
    file: Path  # the record the number is typed in
    key: str | None = None

    @property
    def book(self) -> tuple[str, str, int]:
        return (self.abbr, agency_key(self.agency), self.year)

    @property
    def location(self) -> Location:
        """Where `number` is written in the record (read again only for a message)."""
        from docgen.records.yamlsource import load_yaml

        return load_yaml(self.file).locate(("number",))


def typed_numbers(plan, plan_file: Path | None, documents: list, files: list[Path],
                  key_of) -> list[Typed]:
    """The numbers typed in the records, in reading order: the plan's (`plan_file`: its plan.yaml),
    each year's consolidated report's (results/bao-cao.yaml, results/<year>/bao-cao.yaml: the office's
    book, the year of the report's date), then each document record's (`documents` read from
    `files`, one for one) not taken from the register. `key_of(doc)` is a document's register key.
    A number without a year is left out."""
    out = []
    if plan is not None and plan_file is not None and isinstance(plan.number, int) and plan.date.year:
        out.append(Typed(plan.organisation.name, plan.header.abbreviation, plan.date.year, plan.number,
                         doc_symbol(plan.number, plan.type_abbr, plan.header.abbreviation), plan_file))
    if plan is not None and plan_file is not None:
        out += report_numbers(plan, plan_file.parent)
    for doc, path in zip(documents, files, strict=True):
        if not doc.from_register and isinstance(doc.number, int) and doc.date.year:
            out.append(Typed(str(doc.header.agency), doc.header.abbreviation, doc.date.year, doc.number,
                             doc_symbol(doc.number, doc.type_abbr, doc.header.abbreviation, doc.drafting_unit), path,
                             key_of(doc)))
    return out


def report_numbers(plan, folder: Path) -> list[Typed]:
    """The report numbers the văn thư typed in the year texts (docgen.records.yeartexts), each in the
    book of the plan's agency and the year of the report's date; a file that does not read is left
    to the report's own loader, which says why."""
    from docgen.errors import RecordError
    from docgen.records.messages import validated
    from docgen.records.units import RESULTS_DIR
    from docgen.records.yamlsource import load_yaml
    from docgen.records.yeartexts import YearTexts, texts_files

    out = []
    for path in texts_files(folder / RESULTS_DIR):
        try:
            texts = validated(load_yaml(path), YearTexts)
        except RecordError:
            continue
        if texts.number is not None and texts.date is not None:
            out.append(Typed(plan.organisation.name, plan.header.abbreviation, texts.date.year, texts.number,
                             doc_symbol(texts.number, "BC", plan.header.abbreviation), path))
    return out


def repeated(typed: list[Typed]) -> list[Problem]:
    """A problem at each number typed again for the same agency and year (any kinds), naming
    the record that typed it first."""
    first: dict[tuple, Typed] = {}
    problems = []
    for t in typed:
        seen = first.setdefault((*t.book, t.number), t)
        if seen is t:
            continue
        problems.append(Problem(t.location, (
            f"số {t.number} đã ghi ở {display_path(seen.file)} ({seen.symbol}), cùng cơ quan và cùng năm {t.year}:"
            " mọi văn bản của một cơ quan (mọi loại) dùng chung một dãy số mỗi năm (Nghị định 30/2020, Điều"
            " 15.1), nên hai văn bản không cùng một số; hãy ghi đúng số văn thư đã cấp cho văn bản này"),
            "number"))
    return problems


def given_elsewhere(typed: list[Typed], numbering: Numbering) -> list[Problem]:
    """A problem at each typed number the register already gave (void numbers too: never given
    again) to another document of the same agency and year."""
    problems = []
    for t in typed:
        entry = numbering.given(t.agency, t.abbr, t.year, t.number)
        if entry is None or (t.key is not None and entry.key == t.key):
            continue
        what = f"đã hủy ({entry.void})" if entry.void else f"ngày {_vn_date(entry.date)}"
        where = f", {entry.file}" if entry.file else ""
        problems.append(Problem(t.location, (
            f"số {t.number} năm {t.year} đã được cấp trong sổ văn bản cho văn bản khác: {entry.symbol} {what}"
            f"{where}. Mỗi số chỉ cấp một lần trong năm (Nghị định 30/2020, Điều 15.1); hãy ghi đúng số văn"
            " thư đã cấp cho văn bản này"), "number"))
    return problems


def _vn_date(iso: str) -> str:
    parts = iso.split("-")
    return "/".join(reversed(parts)) if len(parts) == 3 else iso
