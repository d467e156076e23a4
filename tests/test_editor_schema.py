"""JSON Schemas of the record files: generated from the models, shipped, pointed to, and right."""

import json
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match
from pydantic import RootModel

from docgen.output.results import SCHEMA_LINE
from docgen.records.document import document_files
from docgen.records.editor_schema import (
    LAW,
    MODELINE,
    SCHEMA_FILES,
    TEXTS_FILE,
    modeline,
    schema_of,
    schema_text,
)
from docgen.records.yamlsource import load_yaml

sys.path.insert(0, str(ROOT / "tools"))
from make_schemas import LAW_DIR, shipped_records, with_modeline  # noqa: E402

BY_NAME = {entry.name: entry for entry in SCHEMA_FILES}


def _committed(entry) -> Path:
    return (LAW_DIR if entry.folder == LAW else ROOT) / "schemas" / entry.file_name


def _validator(name: str) -> Draft202012Validator:
    schema = schema_of(BY_NAME[name])
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _errors(name: str, data) -> list[str]:
    return sorted(e.message for e in _validator(name).iter_errors(data))


def _data(path: Path):
    """The file as an editor's YAML 1.2 reading sees it (docgen's loader: dates stay text)."""
    source = load_yaml(path)
    assert not source.problems, source.problems
    return source.data


@pytest.mark.parametrize("entry", SCHEMA_FILES, ids=lambda e: e.name)
def test_the_committed_schema_is_what_the_models_generate(entry):
    assert _committed(entry).read_text(encoding="utf-8") == schema_text(entry), (
        "the models or their texts changed: run python tools/make_schemas.py")


def test_every_shipped_record_file_starts_with_its_schema_line():
    records = list(shipped_records())
    assert {entry.name for entry, _, _ in records} == set(BY_NAME), "every schema has a shipped example"
    for entry, path, relative in records:
        text = path.read_text(encoding="utf-8")
        first = text.split("\n", 1)[0]
        assert first == modeline(entry, relative), path
        assert with_modeline(text, first) == text
        target = (path.parent / first.removeprefix(MODELINE)).resolve()
        assert target == _committed(entry).resolve(), path


@pytest.mark.parametrize(("entry", "path"), [(e, p) for e, p, _ in shipped_records()],
                         ids=lambda x: getattr(x, "name", None) or str(x))
def test_every_shipped_example_is_valid(entry, path):
    assert _errors(entry.name, _data(path)) == []


def test_collect_writes_the_schema_line_of_results():
    assert SCHEMA_LINE == modeline(BY_NAME["result"], "plans/p/results/u.yaml") + "\n"


def test_every_key_has_a_vietnamese_title_and_description():
    texts = yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))
    assert set(texts) == set(BY_NAME)
    for entry in SCHEMA_FILES:
        schema = schema_of(entry)
        root = "_root" if issubclass(entry.model, RootModel) else entry.model.__name__
        nodes = {root: schema, **schema.get("$defs", {})}
        assert schema["title"] and schema["description"], entry.name
        for name, node in nodes.items():
            if "properties" not in node and name != root:
                continue
            assert node.get("title") and node.get("description"), (entry.name, name)
            for key, prop in node.get("properties", {}).items():
                assert prop.get("title") and prop.get("description"), f"{entry.name}: {name}.{key}"
        # No text for a model or a key that is gone.
        for model, body in texts[entry.name].items():
            assert model in nodes, (entry.name, model)
            node = nodes[model]
            assert set(body.get("fields", {})) <= set(node.get("properties", {})), (entry.name, model)


PLAN = ROOT / "plans" / "ninh-binh-2021"


def _plan(**changes):
    data = dict(_data(PLAN / "plan.yaml"))
    data.update(changes)
    return data


def test_known_bad_records_are_refused():
    plan = _data(PLAN / "plan.yaml")
    target = dict(plan["targets"][0])
    assert _errors("plan", _plan(subjet="x")) == [
        "Additional properties are not allowed ('subjet' was unexpected)"]
    assert _errors("plan", _plan(type="Kế hoạc"))[0].startswith("'Kế hoạc' is not one of ['Nghị quyết'")
    assert _errors("plan", _plan(date="15/09/2021")) == [
        "'15/09/2021' does not match '^\\\\d{4}(-\\\\d{1,2}(-\\\\d{1,2})?)?$'"]
    assert _errors("plan", _plan(targets=[{**target, "value": "19.400"}]))
    assert _errors("plan", _plan(targets=[{**target, "id": "Viec-lam"}])) == [
        "'Viec-lam' does not match '^[a-z][a-z0-9_]*$'"]
    no_subject = {k: v for k, v in plan.items() if k != "subject"}
    assert _errors("plan", no_subject) == ["'subject' is a required property"]

    awards = _data(PLAN / "awards.yaml")
    award = {**awards["awards"][0], "kind": "ca_nhan"}
    assert _errors("awards", {**awards, "awards": [award]}) == [
        "'ca_nhan' is not one of ['individual', 'collective']"]

    result = _data(PLAN / "results" / "kim_son.yaml")
    assert _errors("result", {**result, "narrative": {"ket_qua": "x"}}) == [
        "'ket_qua' is not one of ['chi_dao', 'ket_qua_linh_vuc', 'mo_hinh', 'khen_thuong', 'ton_tai',"
        " 'phuong_huong', 'kien_nghi']"]
    assert _errors("result", {**result, "values": {"viec_lam": "3.360"}}) == ["'3.360' is not of type 'number'"]

    salary = _data(LAW_DIR / "base_salary.yaml")
    assert _errors("base_salary", [*salary, {"from": "2026-07-01", "amount": 2340000, "source": "x"}]) == [
        "'verified' is a required property"]
    forms = _data(LAW_DIR / "award_forms.yaml")
    assert _errors("award_forms", {**forms, "Giay-khen": forms["giay_khen"]})


DOCUMENT = ROOT / "plans" / "quyet-dinh-ubnd-tinh" / "quyet-dinh.yaml"


def _document(**changes):
    data = dict(_data(DOCUMENT))
    data.update(changes)
    return data


def test_known_bad_documents_are_refused():
    doc = _data(DOCUMENT)
    assert _errors("document", _document(subjet="x")) == [
        "Additional properties are not allowed ('subjet' was unexpected)"]
    assert _errors("document", _document(type="Quyết đinh"))[0].startswith(
        "'Quyết đinh' is not one of ['Nghị quyết', 'Quyết định'")
    assert _errors("document", _document(number="328/QĐ-UBND")) == [
        "'328/QĐ-UBND' is not valid under any of the given schemas"]
    assert _errors("document", _document(number=0)) == ["0 is not valid under any of the given schemas"]
    assert _errors("document", _document(date="15/01/2025")) == [
        "'15/01/2025' does not match '^\\\\d{4}(-\\\\d{1,2}(-\\\\d{1,2})?)?$'"]
    assert _errors("document", _document(archive="NC.")) == ["'NC.' does not match '^[^;.]*$'"]
    assert _errors("document", _document(amounts={"Thuong": 3510000})) == [
        "'Thuong' does not match any of the regexes: '^[a-z][a-z0-9_]*$'"]
    assert _errors("document", _document(signature={"lines": doc["signature"]["lines"]})) == [
        "'name' is a required property"]
    # A body element is exactly one of four kinds, and only a section has children.
    assert _errors("document", _document(body=[{"section": "Mục tiêu", "text": "x"}])) == [
        "{'section': 'Mục tiêu', 'text': 'x'} is valid under each of {'required': ['text']},"
        " {'required': ['section']}"]
    assert _errors("document", _document(body=[{"text": "x", "children": [{"item": "y"}]}])) == [
        "'section' is a dependency of 'children'"]
    table = {"columns": ["STT", "Tên"], "rows": [[1, {"ten": "Tổ 1"}]]}
    error = best_match(_validator("document").iter_errors(_document(body=[{"table": table}])))
    assert (list(error.absolute_path), error.message) == (
        ["body", 0, "table", "rows", 0, 1], "{'ten': 'Tổ 1'} is not valid under any of the given schemas")
    assert _errors("document", _document(body=[{"table": {**table, "rows": [[1, "Tổ 1"]]}}])) == []

    numbering = _data(LAW_DIR / "numbering.yaml")
    assert _errors("numbering", {**numbering, "decimal": [{"label": "{n}.", "style": "heading5"}]})[0].startswith(
        "'heading5' is not one of ['heading1'")


def _layout(root: Path) -> None:
    """A workspace with every place a record file can be: a plan with documents/, a folder of
    documents with its organisation.yaml, a workspace's documents/."""
    for name in ("plan.yaml", "organisation.yaml", "units.yaml", "awards.yaml", "results/kim_son.yaml",
                 "documents/cong-van.yaml"):
        (root / "plans" / "ke-hoach" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "plans" / "ke-hoach" / name).write_text("", encoding="utf-8")
    for name in ("organisation.yaml", "to-trinh.yaml", "quyet-dinh.yaml", "documents/thong-bao.yaml"):
        (root / "plans" / "van-ban" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "plans" / "van-ban" / name).write_text("", encoding="utf-8")
    (root / "documents").mkdir()
    (root / "documents" / "bao-cao.yaml").write_text("", encoding="utf-8")


def test_each_record_file_has_exactly_one_schema_and_documents_are_what_build_reads(tmp_path):
    _layout(tmp_path)
    rows = {}
    for entry in SCHEMA_FILES:
        for pattern in entry.records:
            for path in tmp_path.glob(pattern):
                if entry.holds(path):
                    rows.setdefault(path.relative_to(tmp_path).as_posix(), []).append(entry.name)
    assert rows == {
        "plans/ke-hoach/plan.yaml": ["plan"],
        "plans/ke-hoach/organisation.yaml": ["organisation"],
        "plans/ke-hoach/units.yaml": ["units"],
        "plans/ke-hoach/awards.yaml": ["awards"],
        "plans/ke-hoach/results/kim_son.yaml": ["result"],
        "plans/ke-hoach/documents/cong-van.yaml": ["document"],
        "plans/van-ban/organisation.yaml": ["organisation"],
        "plans/van-ban/to-trinh.yaml": ["document"],
        "plans/van-ban/quyet-dinh.yaml": ["document"],
        "plans/van-ban/documents/thong-bao.yaml": ["document"],
        "documents/bao-cao.yaml": ["document"],
    }
    built = {p for folder in (tmp_path / "plans" / "ke-hoach", tmp_path / "plans" / "van-ban", tmp_path)
             for p in document_files(folder)}
    assert {tmp_path / r for r, names in rows.items() if names == ["document"]} == built
    assert modeline(BY_NAME["document"], "documents/bao-cao.yaml") == MODELINE + "../schemas/document.schema.json"
    assert modeline(BY_NAME["document"], "plans/ke-hoach/documents/cong-van.yaml") == (
        MODELINE + "../../../schemas/document.schema.json")


def test_docgen_schema_writes_every_schema(tmp_path):
    result = run("schema", tmp_path / "s")
    assert result.exit_code == 0
    assert result.output == "".join(f"Đã ghi {tmp_path / 's' / e.file_name}\n" for e in SCHEMA_FILES)
    for entry in SCHEMA_FILES:
        written = json.loads((tmp_path / "s" / entry.file_name).read_text(encoding="utf-8"))
        assert written == schema_of(entry)
    (tmp_path / "tep").write_text("", encoding="utf-8")
    refused = run("schema", tmp_path / "tep")
    assert refused.exit_code == 1
    assert refused.stderr == f"{tmp_path / 'tep'}: đã có một tệp trùng tên, không phải thư mục\n"


def test_schema_lines_resolve_in_a_workspace_made_by_init(tmp_path):
    root = tmp_path / "ws"
    assert run("init", root).exit_code == 0
    files = [*root.glob("plans/*/*.yaml"), *root.glob("plans/*/results/*.yaml"), *root.glob("law/*.yaml"),
             *root.glob("plans/*/results/*/*.yaml"), *root.glob("plans/*/documents/*.yaml")]
    assert len(files) == len(list(shipped_records()))
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        target = path.parent / first.removeprefix(MODELINE)
        schema = json.loads(target.read_text(encoding="utf-8"))
        entry = BY_NAME[target.name.removesuffix(".schema.json")]
        assert schema == schema_of(entry)
        assert _errors(entry.name, _data(path)) == []
