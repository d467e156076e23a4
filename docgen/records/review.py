"""documents/<name>.yaml with a `review:` key: a sơ kết or tổng kết report of the plan's period.

It sits with the plan's other document records (documents/), as a clerk files it: the kind, the
last year it covers, its date, and the office's own texts; the figures and verdicts come from
the units' results. plan.yaml's older `report.review` key still asks for one without texts.
"""

import re
from pathlib import Path
from typing import Literal

from docgen.errors import Problem, RecordError
from docgen.records.schema import DateField, Record, Text, Year
from docgen.records.yamlsource import Source
from docgen.records.yeartexts import load_each

REVIEW_KEY = re.compile(r"^review[ \t]*:", re.MULTILINE)


class ReviewDocument(Record):
    """Báo cáo sơ kết / tổng kết: which, up to which year, its date, and the office's texts."""

    review: Literal["sơ kết", "tổng kết"]
    until: Year  # the report covers the plan's year up to this one
    date: DateField | None = None  # none: the month of the last units' reports of `until`
    situation: list[Text] = []  # đặc điểm tình hình of the period
    strengths: list[Text] = []  # ưu điểm
    shortcomings: list[Text] = []  # tồn tại, hạn chế
    causes: list[Text] = []  # nguyên nhân
    next_period: list[Text] = []  # phương hướng, nhiệm vụ of the years ahead
    proposals: list[Text] = []  # kiến nghị
    sample: bool = False


def is_review(path: Path) -> bool:
    """Whether a .yaml file of documents/ is a period report record (a top-level `review:` key)."""
    try:
        return bool(REVIEW_KEY.search(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError):
        return False  # read and reported by the document loader


def load_reviews(documents_dir: Path, first: int, last: int) -> list[tuple[ReviewDocument, Source]]:
    """The period reports among documents/*.yaml, in file order. Raises RecordError (located)
    when one is invalid, covers years outside the plan's period (`first`-`last`), or repeats the
    kind of an earlier one (each writes bao-cao-so-ket.docx or bao-cao-tong-ket.docx)."""
    out: list[tuple[ReviewDocument, Source]] = []
    problems: list[Problem] = []
    seen: dict[str, Source] = {}
    paths = [p for p in sorted(documents_dir.glob("*.yaml")) if is_review(p)] if documents_dir.is_dir() else []
    for record, source in load_each(paths, ReviewDocument, problems):
        if not first <= record.until <= last:
            problems.append(Problem(source.locate(("until",)), f"năm {record.until} ngoài giai đoạn của kế hoạch"
                                    f" ({first}-{last})", "until"))
            continue
        if record.review in seen:
            problems.append(Problem(source.locate(("review",)), f"đã có báo cáo {record.review} ở"
                                    f" {seen[record.review].path.name}: mỗi loại một tệp", "review"))
            continue
        seen[record.review] = source
        out.append((record, source))
    if problems:
        raise RecordError(problems)
    return out
