"""JSON Schemas of the record files, for editors: generated from the pydantic models, with the
Vietnamese titles and descriptions of docgen/records/editor_schema.yaml.

An editor that reads JSON Schema (VS Code's YAML extension, any yaml-language-server client)
completes keys, shows what each means and flags a wrong value as the clerk types, when a record
file starts with `# yaml-language-server: $schema=<relative path>` (MODELINE). The schemas are
JSON Schema draft 2020-12 (pydantic's output). They help the editor; docgen's own validation
(records/messages.py) stays the authority, since most rules across fields (below or above, a
target's groups) are checked there only; RULES adds the few that JSON Schema can say.

To add a record file, add a row to SCHEMA_FILES and its texts to editor_schema.yaml; the tests
check that every shipped file of the row carries the modeline and validates.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, RootModel
from pydantic.json_schema import GenerateJsonSchema

from docgen.records import document
from docgen.records.awards import AwardsRecord
from docgen.records.document import DOCUMENTS_DIR, DocumentRecord, Numbering, document_files
from docgen.records.law import Authority, AwardForm, Combinations, LegalBasis, SalaryRow
from docgen.records.review import ReviewDocument, is_review
from docgen.records.schema import Identifier, Organisation, PlanRecord, _partial_date
from docgen.records.units import ResultRecord, UnitsRecord
from docgen.records.yeartexts import TEXTS_FILE as YEAR_TEXTS
from docgen.records.yeartexts import YearTexts

TEXTS_FILE = Path(__file__).with_name("editor_schema.yaml")
MODELINE = "# yaml-language-server: $schema="
DRAFT = "https://json-schema.org/draft/2020-12/schema"
RECORDS = "schemas"  # a workspace's folder for the plan record schemas
LAW = "law/schemas"  # and for the law files' schemas, inside law/ (docgen init copies law/ whole)


@dataclass(frozen=True)
class SchemaFile:
    """One record file kind: its schema's name, model, where its files and its schema live.

    name: the schema is <name>.schema.json and its texts are under `name` in editor_schema.yaml.
    records: glob patterns of its files, relative to a workspace root.
    folder: the schema's folder relative to a workspace root (RECORDS or LAW).
    where: of the files the patterns match, those this keeps (None: all), when a glob cannot say
        which files are of the kind (a document record is any .yaml of a folder without plan.yaml).
    """

    name: str
    model: type[BaseModel]
    records: tuple[str, ...]
    folder: str = RECORDS
    where: Callable[[Path], bool] | None = None

    def holds(self, path: Path) -> bool:
        """Whether a file that one of the patterns matches is of this kind."""
        return self.where is None or self.where(path)

    @property
    def file_name(self) -> str:
        return f"{self.name}.schema.json"


def is_document(path: Path) -> bool:
    """Whether a .yaml file is a document record, as `docgen build` finds them (document_files):
    <folder>/documents/x.yaml, or <folder>/x.yaml of a folder without plan.yaml that is not one
    of the folder's other records (organisation.yaml…)."""
    folder = path.parent.parent if path.parent.name == DOCUMENTS_DIR else path.parent
    return path in document_files(folder)


SCHEMA_FILES: tuple[SchemaFile, ...] = (
    SchemaFile("organisation", Organisation, ("plans/*/organisation.yaml",)),
    SchemaFile("plan", PlanRecord, ("plans/*/plan.yaml",)),
    SchemaFile("units", UnitsRecord, ("plans/*/units.yaml",)),
    SchemaFile("awards", AwardsRecord, ("plans/*/awards.yaml",)),
    SchemaFile("result", ResultRecord, ("plans/*/results/*.yaml", "plans/*/results/*/*.yaml"),
               where=lambda path: path.name != YEAR_TEXTS),
    SchemaFile("year_texts", YearTexts, (f"plans/*/results/{YEAR_TEXTS}", f"plans/*/results/*/{YEAR_TEXTS}")),
    SchemaFile("document", DocumentRecord, ("plans/*/*.yaml", "plans/*/documents/*.yaml", "documents/*.yaml"),
               where=is_document),
    SchemaFile("review", ReviewDocument, ("plans/*/documents/*.yaml",), where=is_review),
    SchemaFile("award_forms", RootModel[dict[Identifier, AwardForm]], ("law/award_forms.yaml",), LAW),
    SchemaFile("base_salary", RootModel[list[SalaryRow]], ("law/base_salary.yaml",), LAW),
    SchemaFile("legal_bases", RootModel[list[LegalBasis]], ("law/legal_bases.yaml",), LAW),
    SchemaFile("authority", RootModel[dict[Identifier, Authority]], ("law/authority.yaml",), LAW),
    SchemaFile("award_combinations", Combinations, ("law/award_combinations.yaml",), LAW),
    SchemaFile("numbering", Numbering, ("law/numbering.yaml",), LAW),
)

# How the YAML is typed, where the model's Python type says less: a date is written 2021-09-15,
# 2021-09 or 2021 (records/schema.py _partial_date); a number is a YAML number, never a string.
DATE = {"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{1,2}(-\d{1,2})?)?$"}
NUMBER = {"type": "number"}
# A document's number: 328, register (the next number of the sổ văn bản) or blank (records/document.py).
DOC_NUMBER = {"anyOf": [{"type": "integer", "minimum": 1}, {"const": "register"}, {"type": "null"}]}


# Rules across a model's keys that JSON Schema can say, added to the generated schema so that the
# editor flags them too (docgen's validation says them in its own words): a body element has
# exactly one of its four kinds, and only a section has children (records/document.py BodyNode).
RULES: dict[str, dict[str, Any]] = {
    "BodyNode": {
        "oneOf": [{"required": [kind]} for kind in ("section", "text", "item", "table")],
        "dependentRequired": {"children": ["section"]},
    },
}


class _Generator(GenerateJsonSchema):
    def function_before_schema(self, schema):
        if schema["function"]["function"] is _partial_date:
            return dict(DATE)
        if schema["function"]["function"] is document._number:
            return dict(DOC_NUMBER)
        return super().function_before_schema(schema)

    def decimal_schema(self, schema):
        # Every Decimal of the records is typed as a YAML number (records/schema.py _number).
        return dict(NUMBER)


@cache
def _texts() -> dict:
    return yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))


def _describe(node: dict, text: dict | None) -> None:
    node.pop("title", None)
    if text is None:
        return
    node["title"] = text["title"]
    node["description"] = text["description"]
    fields = text.get("fields", {})
    for key, prop in node.get("properties", {}).items():
        prop.pop("title", None)
        if key in fields:
            title, description = fields[key]
            prop["title"], prop["description"] = title, description


def schema_of(entry: SchemaFile) -> dict[str, Any]:
    """The JSON Schema (a dict) of one record file kind, with its Vietnamese texts.

    Raises KeyError when editor_schema.yaml has no texts for the schema's name.
    """
    texts = _texts()[entry.name]
    generated = entry.model.model_json_schema(schema_generator=_Generator)
    defs = generated.pop("$defs", {})
    root_name = entry.model.__name__ if not issubclass(entry.model, RootModel) else "_root"
    _describe(generated, texts.get(root_name))
    for name, node in defs.items():
        _describe(node, texts.get(name))
        node.update(RULES.get(name, {}))
    schema = {"$schema": DRAFT, **generated}
    if defs:
        schema["$defs"] = dict(sorted(defs.items()))
    _closed_maps(schema)
    return _whole_numbers(schema)


def _whole_numbers(node: Any) -> Any:
    """A bound like `ge=0` on a float field is written 0.0 by newer pydantic and 0 by older
    ones; JSON Schema reads both alike, so write whole numbers as integers whatever the version."""
    if isinstance(node, dict):
        return {key: _whole_numbers(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_whole_numbers(value) for value in node]
    if isinstance(node, float) and node.is_integer():
        return int(node)
    return node


def _closed_maps(node: Any) -> None:
    """A map whose keys pydantic constrains (dict[Identifier, …]) lists them as patternProperties;
    any other key is refused by the model, so the schema refuses it too."""
    if isinstance(node, dict):
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _closed_maps(value)
    elif isinstance(node, list):
        for value in node:
            _closed_maps(value)


def schema_text(entry: SchemaFile) -> str:
    """The schema as written to disk: UTF-8 JSON, two-space indent, a final newline."""
    return json.dumps(schema_of(entry), ensure_ascii=False, indent=2) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into one folder (created if needed); returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for entry in SCHEMA_FILES:
        path = folder / entry.file_name
        path.write_text(schema_text(entry), encoding="utf-8")
        written.append(path)
    return written


def write_workspace_schemas(root: Path, law_dir: Path | None = None) -> list[Path]:
    """Write each schema where a workspace's record files point: root/schemas/ and law/schemas/.

    law_dir: the folder holding the law files when it is not root/law (the source checkout
    keeps them in docgen/law/).
    """
    written = []
    for entry in SCHEMA_FILES:
        if entry.folder == LAW:
            folder = (law_dir if law_dir is not None else root / "law") / "schemas"
        else:
            folder = root / entry.folder
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / entry.file_name
        path.write_text(schema_text(entry), encoding="utf-8")
        written.append(path)
    return written


def modeline(entry: SchemaFile, record_file: str) -> str:
    """The first line of a record file (path relative to a workspace root) naming its schema."""
    depth = len(Path(record_file).parent.parts)
    if entry.folder == LAW:
        depth -= 1  # from law/ to law/schemas/
        return MODELINE + "/".join([".."] * depth + ["schemas", entry.file_name])
    return MODELINE + "/".join([".."] * depth + [entry.folder, entry.file_name])
