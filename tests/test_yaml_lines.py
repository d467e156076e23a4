"""The line reader (docgen.records.yamllines) gives exactly the data of the one-pass reading, or
nothing (issue 16): on the shipped records, on texts with something to report, and on texts
generated from tricky lines."""

import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.records import yamlsource
from docgen.records.yamllines import read_lines


def synthetic_awards(n: int) -> str:
    """awards.yaml as bench/decisions.py writes it for the 1,000-decision plan: n awardees, 20 a group."""
    offices = ["Văn phòng Sở", "Phòng Người có công", "Phòng Bảo trợ xã hội & Trẻ em", "Phòng Lao động - Việc làm"]
    lines = ["date: 2021-12-20", "proposed_by: Chánh Văn phòng Sở",
             "achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2021",
             "fund: Quỹ Thi đua, khen thưởng của Sở", "executors: Chánh Văn phòng Sở", "archive: VP", "groups:"]
    lines += [f"  - {{id: g{g:05d}, document: decision}}" for g in range((n + 19) // 20)]
    lines.append("awards:")
    lines += [f"  - {{name: 'Nguyễn Thị Hoa {i}', honorific: {'Ông' if i % 3 else 'Bà'}, kind: individual,"
              f" form: giay_khen, position: Chuyên viên, office: '{offices[i % 4]}', group: g{i // 20:05d}}}"
              for i in range(n)]
    return "\n".join(lines) + "\n"

SHIPPED = sorted((ROOT / "plans").rglob("*.yaml")) + sorted((ROOT / "docgen" / "law").glob("*.yaml"))


def agrees(text: str) -> bool:
    """Whether the line reader took `text`; when it did, its data is the one-pass reading's."""
    lines = read_lines(text)
    if lines is None:
        return False
    plain = yamlsource._plain(Path("x.yaml"), text)
    assert plain is not None, f"the line reader took a text the one-pass reading refuses: {text!r}"
    assert repr(lines[0]) == repr(plain.data) and lines[0] == plain.data
    assert [type(v) for v in _leaves(lines[0])] == [type(v) for v in _leaves(plain.data)]
    return True


def _leaves(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from _leaves(value)
    elif isinstance(data, list):
        for value in data:
            yield from _leaves(value)
    else:
        yield data


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_records_read_the_same(path):
    agrees(path.read_text(encoding="utf-8-sig"))


def test_a_long_award_list_is_read_by_the_line_reader():
    text = synthetic_awards(200)
    assert agrees(text)
    assert agrees(text.replace("'", '"'))
    block = yaml.safe_dump(yaml.safe_load(text), allow_unicode=True, sort_keys=False)
    assert agrees(block)


@pytest.mark.parametrize("text", [
    "a: 1\nb: [x, 'y z', \"w\"]\nc:\n  - {d: 19.400, e: null, f: true}\n  - ''\n'': rỗng\ni: ~\nj: 0o17\nk: 0x1F\n"
    "l: -.inf\nm: 2021-09-05\nn: 10:30\no: no\n",
    "- một\n- hai: 2\n  ba: [3]\n  bốn:\n  - 4\n  -\n  - - 5\n",
    "a:\n  b:\n    c: 'it''s'   # chú thích\n\n  d: -5\n# cuối\n",
    "{}\n", "[]\n", "a: {}\nb: []\nc: { }\n",
])
def test_plain_texts_read_the_same(text):
    agrees(text)


@pytest.mark.parametrize("text", [
    "a: !!int '1'\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "x: {a: 1, a: 2}\n", "? [a, b]\n: 1\n",
    "a: " + "9" * 31 + "\n", 'a: "x\\x01y"\n', "a: Nguy\u00ean V\u00a5n An\n", "a: Nguyeãn Vaên Bình\n",
    "a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: |\n  x\n", "a: b\n  c\n", "a: 'x\n  y'\n", "\ta: 1\n", "a: 1\r\n",
    "chỉ một chuỗi\n", "", "# chỉ chú thích\n", "a: x # y: z\nb: 'q'x\n", "a: {b: {c: 1}}\n",
    "k" * 1100 + ": 1\n",
    "x: {" + ", ".join(["a    : b    "] * 14) + ", }\n",  # refused at once, not after trying each split of spaces
    "a:\n" + "".join(" " * i + "b:\n" for i in range(1, 1200)),  # deeper than Python's recursion
])
def test_what_the_line_reader_leaves_to_libyaml(text):
    assert read_lines(text) is None


def test_the_places_are_found_when_asked(tmp_path):
    text = synthetic_awards(40)
    source = yamlsource.parse_yaml(tmp_path / "awards.yaml", text)
    assert source._values is None  # read by the line reader, no places yet
    full = yamlsource._plain(tmp_path / "awards.yaml", text)
    assert list(source.values.items()) == list(full.values.items())
    assert list(source.keys.items()) == list(full.keys.items())
    assert str(source.locate(("awards", 3, "name"))) == f"{tmp_path / 'awards.yaml'}:{3 + 9 + 2}:12"


# Generated texts: lines of tricky keys and values at random indents; most are not YAML at all.
PIECES = ["a", "b", "tên", "x y", "1", "19.400", "-5", "0o17", "null", "~", "true", "no", "10:30", "a: b", "a:b",
          "#", "a #b", "a#b", "'q'", "'it''s'", "'a' b", '"d"', '"e\\n"', "[x, y]", "{k: v}", "{k: v, k: w}",
          "{k:v}", "[]", "{}", "{k: 'v', m: \"w\"}", "[x, 'y', ]", "&a x", "*a", "!!str x", "|", ">", "- x", "-",
          "-x", "?", ":", "Nguyeãn Vaên Bình", unicodedata.normalize("NFD", "Phòng Đức"), "  spaced  ", "x,y",
          "[x", "{k: v", "'open", "9" * 31, "a\u00a0", "Ông's", "%x", "@x", "<<", "x:", "{k: [1]}", "''", "' '"]
LINES = st.tuples(st.sampled_from([0, 0, 1, 2, 2, 3, 4, 6]),
                  st.sampled_from(["{k}: {v}", "{k}:", "- {v}", "-", "- {k}: {v}", "- {k}:", "# c", "", "{v}",
                                   "{k}: {v} # c", "{k} : {v}"]),
                  st.sampled_from(PIECES), st.sampled_from(PIECES))


@settings(max_examples=400, deadline=None)
@given(st.lists(LINES, min_size=1, max_size=8))
def test_generated_texts_read_the_same_or_are_left_to_libyaml(lines):
    text = "".join(" " * indent + form.format(k=k, v=v) + "\n" for indent, form, k, v in lines)
    agrees(text)


def _nested(inner: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(PIECES), inner, max_size=3)


VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.sampled_from(PIECES) | st.text(max_size=8),
    _nested, max_leaves=12)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(PIECES), VALUES, min_size=1, max_size=4), st.sampled_from([None, True, False]))
def test_dumped_records_read_the_same(data, flow):
    agrees(yaml.safe_dump(data, allow_unicode=True, default_flow_style=flow, width=10**6))
