"""The award model's shortcuts of issue 16 (the build's serial part) read back as the plain rules.

The form checks run once per (form, kind, group) and the duplicate check numbers offices and
achievements by their match keys: a fault is still reported on every row it concerns, and two
spellings a clerk sees as the same office or achievement are still the same.
"""

import unicodedata
from importlib import resources

import pytest
import yaml

from docgen.build import read_inputs
from docgen.checker.findings import RULES
from docgen.errors import RecordError

PERSON = "{name: Hà Thị Mai, honorific: Bà, kind: individual, position: Chuyên viên"


def _awards(plan_dir, rows: list[str]) -> int:
    """awards.yaml's list replaced by `rows`; the line of the first."""
    path = plan_dir / "awards.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("awards:\n")]
    path.write_text(head + "awards:\n" + "".join(f"  - {r}\n" for r in rows), encoding="utf-8")
    return head.count("\n") + 2


def _messages(plan_dir) -> list[str]:
    with pytest.raises(RecordError) as err:
        read_inputs(plan_dir)
    return [f"{p.location.line}: {p.field}: {p.message}" for p in err.value.problems]


@pytest.mark.parametrize("other", ["văn  phòng SỞ", unicodedata.normalize("NFD", "Văn phòng Sở")])
def test_the_same_office_spelled_otherwise_is_the_same_award_twice(plan_dir, other):
    line = _awards(plan_dir, [f"{PERSON}, office: Văn phòng Sở, form: giay_khen}}",
                              f"{PERSON}, office: '{other}', form: giay_khen}}"])
    assert _messages(plan_dir) == [f"{line + 1}: awards[1].form: 'Hà Thị Mai' đã được đề nghị khen thưởng cho"
                                   f" cùng thành tích ở dòng {line}; mỗi thành tích chỉ một hình thức khen thưởng"]


def test_another_office_or_achievement_is_another_award(plan_dir):
    line = _awards(plan_dir, [f"{PERSON}, office: Văn phòng Sở, form: giay_khen}}",
                              f"{PERSON}, office: Phòng Tổ chức, form: giay_khen}}",
                              f"{PERSON}, office: Văn phòng Sở, form: giay_khen, achievement: Có sáng kiến cấp tỉnh}}",
                              f"{PERSON}, office: Văn phòng Sở, form: giay_khen,"
                              " achievement: 'có  sáng kiến CẤP tỉnh'}"])
    assert _messages(plan_dir) == [f"{line + 3}: awards[3].form: 'Hà Thị Mai' đã được đề nghị khen thưởng cho"
                                   f" cùng thành tích ở dòng {line + 2}; mỗi thành tích chỉ một hình thức khen thưởng"]


def test_a_wrong_kind_is_reported_on_each_row_that_has_it(plan_dir):
    line = _awards(plan_dir, ["{name: Văn phòng Sở, kind: collective, form: lao_dong_tien_tien}",
                              f"{PERSON}, office: Văn phòng Sở, form: lao_dong_tien_tien}}",
                              "{name: Phòng Tổ chức, kind: collective, form: lao_dong_tien_tien}"])
    messages = _messages(plan_dir)
    assert [m.split(":")[0] for m in messages] == [str(line), str(line + 2)]
    assert "không tặng cho tập thể 'Phòng Tổ chức'" in messages[1]


def test_the_checker_rules_read_as_pyyaml_reads_them():
    text = resources.files("docgen.checker").joinpath("rules.yaml").read_text(encoding="utf-8")
    assert RULES == yaml.safe_load(text)
