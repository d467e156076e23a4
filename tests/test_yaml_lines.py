"""A run of a list's items read line by line (docgen.records.yamllines) reads as libyaml's
events do (yamlsource._plain), or is not read that way at all: the same items, the same
values typed and checked the same way; never other data."""

import random
from pathlib import Path

import pytest

from docgen.records import yamllines
from docgen.records.yamlsource import _plain

PATH = Path("awards.yaml")


def by_events(text: str):
    source = _plain(PATH, text)
    return None if source is None else source.data


# Runs the line reader reads: each must give exactly what the events give.
READ = [
    "  - {name: 'Hồ Kim Vân 0', honorific: Bà, kind: individual, form: giay_khen, position: Chuyên viên,"
    " office: 'Phòng Người có công', group: g00000}\n"
    "  - {name: 'Trần Quang Thắng 1', honorific: Ông, kind: individual, form: giay_khen, group: g00000}\n",
    "- {name: 'it''s', n: 12, f: 19.5, b: true, d: 2021-12-20, s: 'a, b: c # d', e: ''}\n",
    "  - {a: x,b: y ,  c:   'z'  ,d: w   }  \n\n  # a comment\n  - {}\n",
    "  - {name: Nguyễn Văn  An, office: Phòng Lao động - Việc làm, note: x-y?z!w}\n",
    "  - name: 'Hồ Kim Vân'\n    kind: individual\n    office: Phòng A, Phòng B [cũ] {x}\n"
    "  - name: Lê Văn B\n\n    # between pairs\n    kind: collective\n",
    "-   name: x\n    kind: y\n",
    "  - {name: \u0048o\u0300 Kim, quoted: 'Ho\u0300a'}\n",  # decomposed: values normalised alike
    "  - {number: 0x1F, octal: 0o17, big: 1e3, neg_in_quotes: '-5', null_in_quotes: 'null', t: True}\n",
]

# Runs it leaves to the events (whatever they make of them).
LEFT = [
    "  - {name: \"double\"}\n",
    "  - {name: a # comment}\n",
    "  - {name: a}  # comment\n",
    "  - {name: -5}\n",
    "  - {name: }\n",
    "  - {name: a, name: b}\n",
    "  - {name: a,}\n",
    "  - {name: 'a\n    b'}\n",
    "  - name: a\n      b\n",
    "  - name: a\n   kind: b\n",
    "  - {a: b}\n   - {a: c}\n",
    "  - {a: 10:30}\n",
    "  - {a: &x b}\n",
    "  - {a: !tag b}\n",
    "  - {a: [b]}\n",
    "  - {a:\tb}\n",
    "  - name:\n      nested: x\n",
    "  - 12\n",
    "  - {a: 1234567890123456789012345678901234567890}\n",
    "  - {a: 'Vi\u1ec7t Nam', b: '\u00e1\u00ba\u00a1'}\n",  # a legacy (mis-decoded) text: refused
    "---\n  - {a: b}\n",
    "  - {a: b\u2028c}\n",
]


@pytest.mark.parametrize("text", READ)
def test_reads_as_the_events_do(text):
    assert yamllines.items(text) is not None
    assert yamllines.items(text) == by_events(text)


@pytest.mark.parametrize("text", LEFT)
def test_leaves_the_rest_to_the_events(text):
    assert yamllines.items(text) is None


def test_a_refused_value_is_refused_by_both():
    text = "  - {a: 1234567890123456789012345678901234567890}\n"
    assert by_events(text) is None and yamllines.items(text) is None


def test_values_keep_their_types():
    got = yamllines.items(READ[1])
    assert got == by_events(READ[1])
    item = got[0]
    assert item["name"] == "it's" and item["n"] == 12 and item["b"] is True and item["e"] == ""
    assert [type(v).__name__ for v in item.values()] == [type(v).__name__ for v in by_events(READ[1])[0].values()]


# Characters that make YAML read a line otherwise: every mix of them either reads alike or is left.
PIECES = ["a", "Đ", "ồ", " ", "  ", ",", ":", ": ", "#", " #", "'", "''", '"', "-", "- ", "?", "{", "}",
          "[", "]", "&", "*", "!", "|", ">", "%", "@", "`", "\t", "1", "0x1", ".5", "true", "null", "~",
          "\u00a0", "\u2028", "\ufeff", "\u0300", "2021-12-20"]


def _value(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 5)))


def _pair(rng: random.Random, key: str, quoted: bool) -> str:
    return f"{key}: '{_value(rng)}'" if quoted else f"{key}: {_value(rng)}"


@pytest.mark.parametrize("seed", range(8))
def test_random_lines_read_alike_or_are_left(seed):
    rng = random.Random(seed)
    read = 0
    for _ in range(1500):
        keys = rng.sample(["name", "kind", "office", "a_b", "x1"], rng.randint(1, 3))
        quote = [rng.random() < 0.4 for _ in keys]
        if rng.random() < 0.5:
            pairs = [_pair(rng, k, q) for k, q in zip(keys, quote, strict=True)]
            text = f"  - {{{', '.join(pairs)}}}\n"
        else:
            lines = [_pair(rng, k, q) for k, q in zip(keys, quote, strict=True)]
            text = "  - " + "\n    ".join(lines) + "\n"
        got = yamllines.items(text)
        if got is not None:
            read += 1
            assert got == by_events(text), text
    assert read > 100  # the reader is exercised, not only left aside
