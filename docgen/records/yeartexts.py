"""results/bao-cao.yaml and results/<year>/bao-cao.yaml: the office's own texts of one year's report.

The figures of the báo cáo tổng hợp come from the units' results; what only the office can write
(đặc điểm tình hình, its own direction work, đánh giá chung, phương hướng, kiến nghị) is kept
beside that year's results, one file a year, so each year's report carries its own texts.
A year without the file gets the computed sentences and the units' statements only (README,
"Báo cáo tổng hợp").
"""

from pathlib import Path
from typing import Annotated

from pydantic import Field

from docgen.errors import Problem, RecordError
from docgen.records.issued import half_issued
from docgen.records.messages import validated
from docgen.records.schema import DateField, Record, Text, Year
from docgen.records.yamlsource import Source, load_yaml

TEXTS_FILE = "bao-cao.yaml"  # not a unit id (ids have no '-'), so never a unit's result


class YearTexts(Record):
    """The office's paragraphs of one year's consolidated report, per section of Mẫu 1.4."""

    year: Year
    # The report's own number and day: the văn thư gives them when it is issued (the report takes
    # no number from docgen's register, like the plan), then writes them here and rebuilds.
    number: Annotated[int, Field(ge=1)] | None = None
    date: DateField | None = None
    situation: list[Text] = []  # I. Đặc điểm tình hình
    leadership: list[Text] = []  # II. công tác chỉ đạo of the office itself
    achievements: list[Text] = []  # III.2 kết quả theo lĩnh vực, before the units' statements
    strengths: list[Text] = []  # V.1 ưu điểm
    shortcomings: list[Text] = []  # V.2 tồn tại, hạn chế
    causes: list[Text] = []  # V.3 nguyên nhân
    next_year: list[Text] = []  # VI. phương hướng, nhiệm vụ năm sau
    proposals: list[Text] = []  # VII. kiến nghị
    sample: bool = False


def texts_files(results_dir: Path) -> list[Path]:
    """The year texts below results/: its own bao-cao.yaml and each results/<year>/bao-cao.yaml."""
    return [p for p in [results_dir / TEXTS_FILE, *sorted(results_dir.glob(f"*/{TEXTS_FILE}"))] if p.is_file()]


def load_each(paths: list[Path], model: type[Record], problems: list[Problem]) -> list[tuple[Record, Source]]:
    """Each file read and validated as `model`; a file's problems are added to `problems` and the
    others are still read, so that one run names them all."""
    out = []
    for path in paths:
        try:
            source = load_yaml(path)
            out.append((validated(source, model), source))
        except RecordError as err:
            problems.extend(err.problems)
    return out


def load_year_texts(results_dir: Path, plan_year: int) -> dict[int, YearTexts]:
    """Every year's texts by year. results/bao-cao.yaml is the plan's year; a file in
    results/<year>/ is that year's. Raises RecordError (every problem, located) when a file
    is invalid, names another year than its folder's, or when two files give the same year."""
    out: dict[int, YearTexts] = {}
    seen: dict[int, Source] = {}
    problems: list[Problem] = []
    for texts, source in load_each(texts_files(results_dir), YearTexts, problems):
        path = source.path
        folder_year = plan_year if path.parent == results_dir else path.parent.name
        if str(texts.year) != str(folder_year):
            problems.append(Problem(source.locate(("year",)), f"năm {texts.year} khác năm của thư mục"
                                    f" ({folder_year}): mỗi năm một tệp {TEXTS_FILE}, đặt trong results/<năm>/"
                                    f" (năm của kế hoạch: ngay trong results/)", "year"))
            continue
        if texts.year in seen:
            problems.append(Problem(source.locate(("year",)), f"năm {texts.year} đã có {seen[texts.year].path}",
                                    "year"))
            continue
        seen[texts.year] = source
        out[texts.year] = texts
        if (fault := half_issued(texts.number, texts.date, source)) is not None:
            problems.append(fault)
    if problems:
        raise RecordError(problems)
    return out
