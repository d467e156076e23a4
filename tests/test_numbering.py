"""Labels come from the order of the body tree, never from the YAML."""

from pathlib import Path

import pytest

from docgen.errors import RecordError
from docgen.model import build_plan
from docgen.records import load_records

ORG = """parent: UBND tỉnh Ninh Bình
name: Sở Thử nghiệm
abbreviation: STN
place: Ninh Bình
head: {name: Nguyễn Văn An, title: Giám đốc}
deputies:
  - {id: pgd, name: Trần Thị Bình, title: Phó Giám đốc}
"""


def _plan(tmp_path: Path, body: str, extra: str = "") -> list[str]:
    folder = tmp_path / "plans" / "thu"
    folder.mkdir(parents=True)
    (folder / "organisation.yaml").write_text(ORG, encoding="utf-8")
    (folder / "plan.yaml").write_text(
        "type: Kế hoạch\ndate: 2021-09-05\nsubject: Thử\nmovement: {name: Thi đua}\n"
        "recipients: [Như trên]\n" + extra + "body:\n" + body, encoding="utf-8")
    return build_plan(load_records(folder))


def test_moving_a_section_renumbers_everything(tmp_path):
    body = "".join(f"  - section: Mục {c}\n    children:\n      - section: con {c}\n" for c in "ABC")
    plan = _plan(tmp_path, body)
    assert [str(b.text) for b in plan.blocks] == [
        "I. MỤC A", "1. con A", "II. MỤC B", "1. con B", "III. MỤC C", "1. con C"]
    (tmp_path / "plans").rename(tmp_path / "old")
    moved = "".join(f"  - section: Mục {c}\n    children:\n      - section: con {c}\n" for c in "CAB")
    assert [str(b.text) for b in _plan(tmp_path, moved).blocks][::2] == [
        "I. MỤC C", "II. MỤC A", "III. MỤC B"]


def test_point_letters_follow_the_vietnamese_sequence(tmp_path):
    points = "".join(f"              - section: điểm {i}\n" for i in range(1, 10))
    body = ("  - section: Một\n    children:\n      - section: Hai\n        children:\n"
            "          - section: Ba\n            children:\n" + points)
    labels = [b.label for b in _plan(tmp_path, body).blocks]
    assert labels == ["I.", "1.", "1.1.", "a)", "b)", "c)", "d)", "đ)", "e)", "g)", "h)", "i)"]


def test_paragraphs_and_items_do_not_count(tmp_path):
    body = ("  - text: Mở đầu\n  - section: Một\n    children:\n      - item: gạch\n"
            "      - text: đoạn\n      - section: con\n  - section: Hai\n")
    plan = _plan(tmp_path, body)
    assert [(b.kind, str(b.text)) for b in plan.blocks] == [
        ("text", "Mở đầu"), ("heading1", "I. MỘT"), ("item", "- gạch"), ("text", "đoạn"),
        ("numbered", "1. con"), ("numbered", "II. HAI")]


def test_too_deep(tmp_path):
    body = ("  - section: a\n    children:\n      - section: b\n        children:\n"
            "          - section: c\n            children:\n              - section: d\n"
            "                children:\n                  - section: e\n")
    with pytest.raises(RecordError) as err:
        _plan(tmp_path, body)
    assert str(err.value).endswith(
        "plan.yaml:15:30: body[0].children[0].children[0].children[0].children[0].section:"
        " mục lồng quá sâu: tối đa 4 cấp (I., 1., 1.1., a)); dùng item cho cấp dưới")


def test_deputy_signs_for_the_head(tmp_path):
    plan = _plan(tmp_path, "  - text: x\n", extra="signer: pgd\n")
    assert plan.signature.lines == ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    assert plan.signature.name == "Trần Thị Bình"


def test_markup_unclosed(tmp_path):
    with pytest.raises(RecordError) as err:
        _plan(tmp_path, "  - text: 'một *nghiêng'\n")
    assert str(err.value).endswith(
        "plan.yaml:7:11: body[0].text: dấu * mở chữ nghiêng mà không đóng"
        " (viết \\* nếu muốn in dấu sao)")
