"""Records: YAML files of a plan folder -> validated, frozen, located records."""

from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Location, RecordError
from docgen.records.heading import header_problems
from docgen.records.messages import validated
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

@dataclass(frozen=True)
class Records:
    """Everything read from one plan folder, with the sources kept for locating later errors."""

    plan_id: str
    folder: Path
    organisation: Organisation
    plan: PlanRecord
    sources: dict[str, Source]


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
            loaded[name] = validated(source, model)
            if model is Organisation:
                problems.extend(header_problems(source, loaded[name]))
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
