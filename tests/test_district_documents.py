"""Every document of a district body ends with the district level (s6-misc): a plan, tờ trình,
công văn or report whose header names a huyện, dated after 30/6/2025 (law/authority.yaml, the
date award decisions are refused after, shared/reference/domain.md §3), is refused with one
message at its date; the last day of the district level still builds.

Fixtures: the shipped examples of district bodies, copied and dated as a clerk would in 2025.
"""

import shutil
from pathlib import Path

import pytest
from conftest import run
from test_bad_input import edit
from test_half_issued import _refused

GONE = ("date: cơ quan ban hành thuộc cấp huyện ({issuer}), mà cấp huyện không còn từ ngày 01/07/2025"
        " (law/authority.yaml, chu_tich_ubnd_huyen: until: 2025-06-30): không ban hành văn bản ngày {date} được;"
        " hãy ghi cơ quan ban hành (issuer, hoặc organisation.yaml) là cơ quan có thẩm quyền vào ngày ký, hoặc"
        " sửa ngày (date) nếu văn bản ban hành trước ngày 01/07/2025\n")


@pytest.mark.parametrize("folder, file, old, line", [
    ("ke-hoach-thi-dua-phong-gd", "ke-hoach.yaml", "date: 2024-09-03", 13),  # a plan
    ("cong-van-dang-ky-thi-dua", "cong-van.yaml", "date: 2025-01-08", 12),  # a công văn (after its drafting_unit)
    ("to-trinh-truong-tieu-hoc", "to-trinh.yaml", "date: 2024-05-20", 12),  # a tờ trình
    ("bao-cao-cong-doan", "bao-cao.yaml", "date: 2024-12-18", 12),  # a report
])
def test_a_district_document_dated_after_the_district_level_is_refused(workspace, folder, file, old, line):
    path = workspace / "plans" / folder / file
    issuer = "Công đoàn Giáo dục huyện Yên Khánh" if folder == "bao-cao-cong-doan" else "UBND huyện Yên Khánh"
    edit(path, old, "date: 2025-07-01")
    assert _refused(path.parent, workspace) == (f"plans/{folder}/{file}:{line}:7: "
                                                + GONE.format(issuer=issuer, date="01/07/2025"))
    # The last day of the district level: built as before.
    edit(path, "date: 2025-07-01", "date: 2025-06-30")
    assert run("build", path.parent).exit_code == 0


def test_a_district_plan_dated_after_the_district_level_is_refused(workspace):
    folder = workspace / "plans" / "thi-dua-ubnd-huyen"
    (folder / "awards.yaml").unlink()  # the plan alone: its awards are checked by their own rule
    edit(folder / "plan.yaml", "date: 2024-02-05", "date: 2025-08-04")
    assert _refused(folder, workspace) == ("plans/thi-dua-ubnd-huyen/plan.yaml:6:7: "
                                           + GONE.format(issuer="Ủy ban nhân dân huyện Yên Khánh", date="04/08/2025"))
    result = run("validate", folder)
    assert result.exit_code == 1 and "plan.yaml:6:7: date: cơ quan ban hành thuộc cấp huyện" in result.output


def test_a_province_body_is_not_a_district_one(workspace):
    path = workspace / "plans" / "quyet-dinh-ubnd-tinh" / "quyet-dinh.yaml"
    edit(path, "date: 2025-01-20", "date: 2025-07-21")
    edit(path, "Tờ trình số 12/TTr-SNV ngày 10 tháng 01 năm 2025", "Tờ trình số 72/TTr-SNV ngày 10 tháng 7 năm 2025")
    assert run("build", path.parent).exit_code == 0


def test_the_date_the_district_level_ended_is_the_law_file_s(workspace):
    path = workspace / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml"
    edit(path, "date: 2025-01-08", "date: 2025-08-08")
    law = workspace / "law"
    shutil.copytree(Path(__file__).parents[1] / "docgen" / "law", law)
    text = (law / "authority.yaml").read_text(encoding="utf-8")
    (law / "authority.yaml").write_text(text.replace("  until: 2025-06-30\n", "  until: 2025-12-31\n"),
                                        encoding="utf-8")
    assert run("build", path.parent).exit_code == 0
