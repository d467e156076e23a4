"""A long list read in pieces on the build's workers (docgen.records.yamlsplit) reads as the
whole file does, or is not read that way at all: the same data, the same places, and every
message, with its line and column, the whole reading's."""

import pickle
from concurrent.futures import Future
from pathlib import Path

import pytest
import test_yaml_deep_errors as deep
from conftest import ROOT
from test_yaml_deep_errors import awards_text, flow

from docgen.errors import RecordError
from docgen.records import yamlsplit
from docgen.records.awards import AWARDS_FILE
from docgen.records.yamlsource import _plain, parse_yaml


class Inline:
    """Workers that run each call at once, here, its arguments and result pickled as a worker
    process's are."""

    count = 2

    def __init__(self) -> None:
        self.calls = 0

    def submit(self, fn, *args) -> Future:
        self.calls += 1
        future: Future = Future()
        future.set_result(pickle.loads(pickle.dumps(fn(*pickle.loads(pickle.dumps(args))))))
        return future


@pytest.fixture
def split(monkeypatch):
    monkeypatch.setattr(yamlsplit, "MIN_CHARS", 0)
    helpers = Inline()
    with yamlsplit.helping(helpers):
        yield helpers


def reading(text: str):
    """What parse_yaml gives for `text`: (data, keys in order) or the messages it raises."""
    try:
        source = parse_yaml(Path("awards.yaml"), text)
    except RecordError as err:
        return [str(p) for p in err.problems]
    return source.data, list(source.data) if isinstance(source.data, dict) else None


ITEMS = [
    "  - {name: 'Nguyễn Văn An', kind: individual, amount: 19.400, note: \"a: b\"}",
    "  - name: Trần Thị Hoa  # a comment\n    kind: individual\n    units: [a, b]\n    list:\n      - x\n      - y",
    "\n  # a comment between items, and a blank line\n",
    "  - note: |\n      dòng một\n        - not an item\n      dòng hai\n    kind: collective",
    "  - 12\n  - ~\n  - 'quoted ''x'''\n  -\n  - - nested\n    - list",
]
CLEAN = "date: 2021-12-20\nawards:\n" + "\n".join(ITEMS * 40) + "\nfund: Quỹ\n"


def test_a_clean_list_read_in_pieces_is_the_list_read_whole(split):
    whole = _plain(Path("awards.yaml"), CLEAN)
    pieces = yamlsplit.plain(Path("awards.yaml"), CLEAN)
    assert pieces is not None and split.calls == 2
    assert pieces.data == whole.data and list(pieces.data) == ["date", "awards", "fund"]
    assert len(pieces.data["awards"]) == 40 * 8
    assert pieces.data["awards"][0]["amount"].text == "19.400"  # a dotted figure keeps its text
    for path in (("awards", 0, "note"), ("awards", 313, "list", 1), ("awards", 319, 1), ("fund",)):
        assert pieces.locate(path) == whole.locate(path)
        assert pieces.locate(path, key=isinstance(path[-1], str)) == whole.locate(path, key=isinstance(path[-1], str))


@pytest.mark.parametrize("name", ["ninh-binh-2021", "thi-dua-truong-tieu-hoc", "thi-dua-ubnd-huyen"])
def test_the_shipped_award_lists_read_in_pieces_as_whole(split, name):
    text = (ROOT / "plans" / name / AWARDS_FILE).read_text(encoding="utf-8")
    pieces = yamlsplit.plain(Path("awards.yaml"), text)
    assert pieces is not None and split.calls == 2
    whole = _plain(Path("awards.yaml"), text)
    assert pieces.data == whole.data and list(pieces.data) == list(whole.data)


SPANNING = [
    # An item line inside a quoted value: the pieces would not read as the whole does.
    "awards:\n" + "".join(f'  - name: "An {i}\n  - {i}"\n' for i in range(30)),
    # Inside a flow list running over lines.
    "awards:\n" + "".join(f"  - [a{i},\n  - b]\n" for i in range(30)),
    # An anchor in one piece, its alias in another.
    "awards:\n  - &first {name: An}\n" + "  - {name: Bình}\n" * 30 + "  - *first\n",
    # Windows line ends; a list at column 0; a key written twice.
    "awards:\r\n" + "  - {name: An}\r\n" * 30,
    "awards:\n" + "- {name: An}\n" * 30,
    "awards:\n" + "  - {name: An}\n" * 30 + "awards:\n  - {name: Bình}\n",
    # The key's words again inside a quoted value running over lines, the real key empty.
    'awards:\nnote: "abc\nawards:\n' + "  - x\n" * 30 + '"\n',
    # Not a list under the key; a tab where an item starts.
    "awards:\n  a: 1\n" + "  - {name: An}\n" * 30,
    "awards:\n" + "  - {name: An}\n" * 15 + "\t- {name: Bình}\n" + "  - {name: An}\n" * 15,
]


@pytest.mark.parametrize("text", SPANNING)
def test_a_list_the_pieces_would_read_otherwise_is_read_whole(monkeypatch, split, text):
    assert yamlsplit.plain(Path("awards.yaml"), text) is None
    with_pieces = reading(text)
    monkeypatch.setattr(yamlsplit, "SPLIT", False)
    assert with_pieces == reading(text)


# The faults of test_yaml_deep_errors, late in a list of 20,000 (its last third, a worker's piece),
# with the pieces read: the same messages word for word, at the same line and column.
@pytest.mark.parametrize("case", [
    deep.test_a_wrong_choice_deep_in_the_list,
    deep.test_an_unknown_field_and_a_missing_one_deep_in_a_block_list,
    deep.test_what_the_schema_cannot_see_deep_in_the_list,
    deep.test_a_fault_found_while_reading_deep_in_the_list,
])
def test_a_fault_in_a_late_piece_is_named_as_the_whole_reading_names_it(tmp_path, split, case):
    case(tmp_path, deep.Law().forms)
    assert split.calls == 2


def test_the_build_reads_the_list_in_pieces_on_its_workers_and_names_a_late_fault(plan_dir, monkeypatch):
    read = []
    plain = yamlsplit.plain

    def spy(path, text):
        source = plain(path, text)
        read.append((path.name, source is not None))
        return source

    monkeypatch.setattr(yamlsplit, "plain", spy)
    deep.test_the_build_names_the_place_of_a_fault_deep_in_the_list(plan_dir)
    assert (AWARDS_FILE, True) in read  # read in pieces, on the build's early workers
    line = awards_text()[1]
    assert flow(deep.DEEP) == awards_text()[0].splitlines()[line - 1]


def test_without_helpers_nothing_is_split(monkeypatch):
    monkeypatch.setattr(yamlsplit, "MIN_CHARS", 0)
    assert yamlsplit.plain(Path("awards.yaml"), CLEAN) is None
    with yamlsplit.helping(Inline()):
        monkeypatch.setattr(yamlsplit, "SPLIT", False)
        assert yamlsplit.plain(Path("awards.yaml"), CLEAN) is None


def test_the_cut_falls_at_item_lines_of_the_list(split):
    rest, key, line, parts = yamlsplit.pieces(CLEAN, 3)
    assert key == "awards" and line == 2 and rest == "date: 2021-12-20\nawards:\nfund: Quỹ\n"
    assert "".join(piece for piece, _ in parts) + "fund: Quỹ\n" == CLEAN.split("awards:\n", 1)[1]
    assert sum(items for _, items in parts) == 40 * 8 and len(parts) == 3
    assert all(piece.startswith("  - ") for piece, _ in parts[1:])


def test_a_piece_is_taken_only_with_one_item_an_item_line():
    # libyaml reads a quoted value over an item line: one item from two item lines.
    piece = '  - "An\n  - b"\n'
    assert yamlsplit.read_items(Path("awards.yaml"), piece, 1) == ["An - b"]
    assert yamlsplit.read_items(Path("awards.yaml"), piece, 2) is None
    assert yamlsplit.read_items(Path("awards.yaml"), "  a: 1\n", 1) is None
