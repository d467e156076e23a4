"""units.yaml: the units that carry a plan, dated (the district level ends on 30/6/2025);
results/<unit>.yaml: what each unit reported for a year."""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from docgen.errors import RecordError
from docgen.records.messages import validated
from docgen.records.schema import Abbreviation, DateField, Identifier, Number, Person, Record, Text, Year
from docgen.records.yamlsource import Source, load_yaml
from docgen.records.yeartexts import TEXTS_FILE

UNITS_FILE = "units.yaml"
RESULTS_DIR = "results"
NARRATIVE = ("chi_dao", "ket_qua_linh_vuc", "mo_hinh", "khen_thuong", "ton_tai", "phuong_huong", "kien_nghi")


class GroupRecord(Record):
    id: Identifier
    name: Text  # "Các phòng nghiệp vụ Sở"


class UnitRecord(Record):
    """A unit with its own header: cơ quan chủ quản, name, ký hiệu, place and head."""

    id: Identifier
    name: Text
    short_name: Text | None = None  # the unit's column title in the report's annex ("Kim Sơn")
    group: Identifier
    # Cơ quan chủ quản in its header ("Sở Lao động - Thương binh và Xã hội", "UBND huyện Kim Sơn"); a list: its lines.
    parent: Text | list[Text]
    header_lines: list[Text] | None = None
    abbreviation: Abbreviation
    place: Text
    head: Person
    valid_from: DateField | None = None
    valid_to: DateField | None = None
    successor: Identifier | None = None
    sample: bool = False  # a name the seed does not give: sample data


class UnitsRecord(Record):
    groups: list[GroupRecord]
    units: list[UnitRecord]


class ResultRecord(Record):
    """What one unit reported for a year: figures by target id and the narrative parts."""

    unit: Identifier
    year: Year
    number: Annotated[int, Field(ge=1)] | None = None
    date: DateField | None = None
    values: dict[Identifier, Number] = {}
    notes: dict[Identifier, Text] = {}
    rates: dict[Identifier, Number] = {}  # the "Tỷ lệ (%)" the unit typed, checked against the computed one
    narrative: dict[Literal[NARRATIVE], str] = {}  # type: ignore[valid-type]
    sample: bool = False


def load_units(folder: Path) -> tuple[UnitsRecord, Source] | None:
    path = folder / UNITS_FILE
    if not path.exists():
        return None
    source = load_yaml(path)
    return validated(source, UnitsRecord), source


def load_results(folder: Path) -> list[tuple[ResultRecord, Source]]:
    """Every results/*.yaml and results/<year>/*.yaml (the later years of the plan's period), in
    path order; all problems of all files reported together."""
    out, problems = [], []
    root = folder / RESULTS_DIR
    for path in [*sorted(root.glob("*.yaml")), *sorted(root.glob("*/*.yaml"))]:
        if path.name == TEXTS_FILE:  # the office's own texts of the year (records/yeartexts.py)
            continue
        try:
            source = load_yaml(path)
            out.append((validated(source, ResultRecord), source))
        except RecordError as err:
            problems.extend(err.problems)
    if problems:
        raise RecordError(problems)
    return out
