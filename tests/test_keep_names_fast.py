"""vn.text.keep_names looks for a long list of names (vn.pairs.WORD_PAIRS with `pairs`) only where
the text holds a name's first word, and each rule only where the text holds what it looks for
(FAST_NAMES, `_kept_fast`): the same result as searching
every name's pattern, on the texts of the shipped and test records and random word salads."""

import random
from pathlib import Path

import pytest
import yaml

import docgen.vn.text as vn_text

ROOT = Path(__file__).resolve().parent.parent


def _texts() -> list[str]:
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in sorted([*ROOT.glob("plans/**/*.yaml"), *ROOT.glob("tests/data/**/*.yaml")]):
        try:
            walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        except (yaml.YAMLError, UnicodeDecodeError, ValueError):
            continue  # a fixture of a broken file (a bad date, a tab, …)
    rnd = random.Random(16)
    words = " ".join(out).split()
    out += [" ".join(rnd.choice(words) for _ in range(rnd.randint(1, 12))) for _ in range(2000)]
    out += ["(để báo cáo);", "**Lao động tiên tiến**", "TRUNG TÂM Y TẾ", "trung\u00a0tâm y\u00a0tế", "“Bệnh viện”"]
    return out


@pytest.mark.parametrize("names", [(), ("Ninh Bình", "Lao động - Thương binh và Xã hội", "Sở Y tế")])
@pytest.mark.parametrize("pairs", [False, True])
def test_names_looked_for_by_their_first_word_give_the_same_text(monkeypatch, names, pairs):
    monkeypatch.setattr(vn_text, "KEEP_RESULTS", False)
    texts = _texts()
    assert len(texts) > 2000
    fast, plain = [], []
    for switch, got in ((True, fast), (False, plain)):
        monkeypatch.setattr(vn_text, "FAST_NAMES", switch)
        got += [vn_text.keep_names(t, names, pairs=pairs) for t in texts]
    assert [(t, a, b) for t, a, b in zip(texts, fast, plain, strict=True) if a != b] == []
    assert any("\u00a0" in a for a in fast)
