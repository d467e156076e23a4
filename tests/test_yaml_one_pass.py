"""The one-pass reading of a clean YAML file gives exactly the Source of the full reading (issue 16)."""

from pathlib import Path

import pytest
from conftest import ROOT

from docgen.errors import RecordError
from docgen.records import yamlsource
from docgen.records.yamlsource import DottedFloat

CLEAN = [
    "a: 1\nb: [x, 'y z', \"w\"]\nc:\n  - {d: 19.400, e: null, f: true}\n  - - 1\n    - 2.5\n  - ''\ng: |\n  dòng một\n"
    "  dòng hai\nh: >\n  gập\n  dòng\n'': rỗng\ni: ~\nj: 0o17\nk: 0x1F\nl: -.inf\nm: 2021-09-05\nn: 10:30\no: no\n",
    "- một\n- hai: 2\n  ba: [3]\n",
    "chỉ một chuỗi\n",
    "{}\n",
    "---\nkey: giá trị\n...\n",
]
TO_REPORT = [
    "a: !!int '1'\n",  # an explicit tag
    "a: &x 1\nb: *x\n",  # an anchor and an alias
    "a: 1\na: 2\n",  # a duplicate key
    "? [a, b]\n: 1\n",  # a complex key
    "a: " + "9" * 31 + "\n",  # a number too long
    'a: "x\\x01y"\n',  # a control character written as an escape
    "a: Nguy\u00ean V\u00a5n An\n",  # TCVN3-looking text
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # not YAML
]
# An anchor alone, !!str on a plain scalar, an empty text: read the full way, nothing to report.
NOT_PLAIN = ["a: &x 1\n", "a: !!str 1\n", ""]


def full(text: str) -> yamlsource.Source:
    bad = [m.start() for m in yamlsource.BAD.finditer(text)]
    return yamlsource._parse(Path("x.yaml"), text, yamlsource.BAD.sub("\ufffd", text), bad)


def same(a: yamlsource.Source, b: yamlsource.Source) -> None:
    assert repr(a.data) == repr(b.data) and a.data == b.data
    assert list(a.values.items()) == list(b.values.items())
    assert list(a.keys.items()) == list(b.keys.items())
    assert a.problems == b.problems == []


@pytest.mark.parametrize("text", CLEAN)
def test_a_clean_text_reads_the_same_in_one_pass(text):
    fast = yamlsource._plain(Path("x.yaml"), text)
    assert fast is not None
    same(fast, full(text))


def test_the_dotted_figure_stays_as_typed():
    fast = yamlsource._plain(Path("x.yaml"), "d: 19.400\n")
    assert isinstance(fast.data["d"], DottedFloat) and fast.data["d"].text == "19.400"


@pytest.mark.parametrize("text", TO_REPORT)
def test_anything_to_report_goes_to_the_full_reading(text):
    assert yamlsource._plain(Path("x.yaml"), text) is None
    try:
        assert full(text).problems
    except RecordError:
        pass


@pytest.mark.parametrize("text", NOT_PLAIN)
def test_the_rest_goes_to_the_full_reading_too(text):
    assert yamlsource._plain(Path("x.yaml"), text) is None
    assert full(text).problems == []


SHIPPED = sorted((ROOT / "plans").rglob("*.yaml")) + sorted((ROOT / "docgen" / "law").glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_records_read_the_same_in_one_pass(path):
    text = path.read_text(encoding="utf-8-sig")
    fast = yamlsource._plain(path, text)
    assert fast is not None
    slow = full(text)
    same(fast, yamlsource.Source(path, slow.data, slow.values, slow.keys, slow.problems))


@pytest.mark.parametrize("text", CLEAN)
def test_the_places_found_when_asked_are_the_full_readings(text):
    fast = yamlsource._plain(Path("x.yaml"), text)
    assert fast._values is None and fast._keys is None  # none found while reading
    values, keys = yamlsource._places(text)
    slow = full(text)
    assert list(values.items()) == list(slow.values.items())
    assert list(keys.items()) == list(slow.keys.items())
