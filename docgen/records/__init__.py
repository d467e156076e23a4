"""Records: YAML files of a plan folder -> validated, frozen, located records."""

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from docgen.errors import Location, RecordError
from docgen.records.messages import problems_from
from docgen.records.schema import Node, Organisation, PlanRecord, TargetRecord
from docgen.records.yamlsource import Source, format_field, load_yaml

__all__ = [
    "Node",
    "Organisation",
    "PlanRecord",
    "Records",
    "Source",
    "TargetRecord",
    "format_field",
    "load_records",
]

ORGANISATION_FILE = "organisation.yaml"
PLAN_FILE = "plan.yaml"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Records:
    """Everything read from one plan folder, with the sources kept for locating later errors."""

    plan_id: str
    folder: Path
    organisation: Organisation
    plan: PlanRecord
    sources: dict[str, Source]


def _validate(source: Source, model: type[M]) -> M:
    if not isinstance(source.data, dict):
        raise RecordError.at(
            source.locate(()), "tệp phải là một bảng khóa: giá trị (tệp trống hoặc sai dạng)"
        )
    problems = list(source.problems)
    try:
        record = model.model_validate(source.data)
    except ValidationError as err:
        problems.extend(problems_from(err, source, model))
    if problems:
        problems.sort(key=lambda p: (p.location.line or 0, p.location.column or 0))
        raise RecordError(problems)
    return record


def load_records(folder: Path) -> Records:
    """Read and validate every record file of a plan folder; report all problems at once."""
    if not folder.is_dir():
        raise RecordError.at(Location(folder), "không tìm thấy thư mục kế hoạch")
    problems = []
    loaded: dict[str, object] = {}
    sources: dict[str, Source] = {}
    for name, model in ((ORGANISATION_FILE, Organisation), (PLAN_FILE, PlanRecord)):
        try:
            source = load_yaml(folder / name)
            sources[name] = source
            loaded[name] = _validate(source, model)
        except RecordError as err:
            problems.extend(err.problems)
    if problems:
        raise RecordError(problems)
    return Records(
        plan_id=folder.resolve().name,
        folder=folder,
        organisation=loaded[ORGANISATION_FILE],  # type: ignore[arg-type]
        plan=loaded[PLAN_FILE],  # type: ignore[arg-type]
        sources=sources,
    )
