"""Fuzzing the record files: whatever a clerk's editor leaves in them, docgen answers with located
problems, never a traceback or a hang (hypothesis, bounded in examples and in time)."""

import shutil
import signal

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.build import reports, validate
from docgen.errors import DocgenError
from docgen.model.awards import build_award_documents
from docgen.records.awards import load_awards
from docgen.records.law import Law

FILES = ["organisation.yaml", "plan.yaml", "awards.yaml", "units.yaml", "results/gia_vien.yaml"]
SECONDS = 20  # one example: far more than a sound read takes; a hang or a blow-up trips it

# Text as pasted from anywhere: control and private-use characters included (surrogates cannot be
# in a UTF-8 file; they come as escapes below).
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
SCALARS = st.one_of(
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none(), TEXT,
    st.sampled_from(["19.400", "1.250.000", "70,5", "9" * 400, ".inf", "!!int abc", "!!float x",
                     "!!python/object/apply:os.system [ls]", "!!binary aGk=", "*nowhere", "&a [*a]",
                     '"\\x0c"', '"\\ud800"', '"\\uFFFE"', "[", "{a: 1", "'", "|", "- x", "? [a]", "\t1"]),
)

TAGS = st.sampled_from(["!!int", "!!float", "!!str", "!!bool", "!!null", "!!seq", "!!map", "!!binary",
                        "!!timestamp", "!!set", "!!omap", "!local", "!<tag:example.com,2000:x>",
                        "!!python/name:os.system", "!!python/object/new:dict"])


def _value(draw_value) -> str:
    if isinstance(draw_value, str):
        return draw_value
    return repr(draw_value).replace("None", "null").replace("True", "true").replace("False", "false")


@st.composite
def mutations(draw):
    name = draw(st.sampled_from(FILES))
    lines = (ROOT / "plans" / "ninh-binh-2021" / name).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "value", "duplicate", "delete", "alias", "tag"]))
        line = lines[i]
        if kind == "insert":
            at = draw(st.integers(0, len(line)))
            lines[i] = line[:at] + draw(TEXT) + line[at:]
        elif kind == "value" and ":" in line:
            lines[i] = line[: line.index(":") + 1] + " " + _value(draw(SCALARS))
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "delete":
            del lines[i]
        elif kind == "alias" and ":" in line:
            # An anchor on one value, an alias to it in another place (maybe before it, or itself).
            j = draw(st.integers(0, len(lines) - 1))
            at = line.index(":") + 1
            lines[i] = f"{line[:at]} &a{i}{line[at:]}"
            if ":" in lines[j]:
                lines[j] = lines[j][: lines[j].index(":") + 1] + f" *a{i}"
        elif kind == "tag" and ":" in line:
            at = line.index(":") + 1
            lines[i] = f"{line[:at]} {draw(TAGS)}{line[at:]}"
    return name, "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    return root / "plans" / "ninh-binh-2021"


def _read_everything(plan_dir):
    """What build reads, short of rendering: records, units, results, law, awards."""
    plan = validate(plan_dir)
    reports(plan_dir, plan)
    law = Law()
    awards = load_awards(plan_dir, law.forms)
    if awards is not None:
        build_award_documents(plan, awards, law)


def _timeout(*_):
    raise TimeoutError(f"one record file took more than {SECONDS} s to read")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(mutations())
def test_any_record_file_gives_located_problems_or_reads(folder, mutation):
    name, text = mutation
    path = folder / name
    original = (ROOT / "plans" / "ninh-binh-2021" / name).read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(SECONDS)
    try:
        _read_everything(folder)
    except DocgenError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.location.line is not None or problem.location.cell is not None, str(problem)
            assert "Traceback" not in problem.message
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
        path.write_text(original, encoding="utf-8")
