"""A long file's documents judged on two cores give the findings judged on one, in the same order."""

import os

import pytest
from nd30doc import body_of, make, paragraph

from docgen.checker import lint, twocores


@pytest.mark.skipif(not hasattr(os, "fork"), reason="không có fork")
def test_judge_all_in_a_fork_returns_every_document_in_order(monkeypatch):
    monkeypatch.setattr(twocores, "MIN_PARAGRAPHS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    parent = os.getpid()
    out = twocores.judge_all(lambda i: [(i, os.getpid() == parent)], [10] * 8)
    assert [found[0][0] for found in out] == list(range(8))
    assert {found[0][1] for found in out} == {True, False}  # both processes judged some


@pytest.mark.skipif(not hasattr(os, "fork"), reason="không có fork")
def test_findings_of_a_file_of_many_documents_are_the_same_on_two_cores(tmp_path, monkeypatch):
    wrong = make(tmp_path / "sai.docx", tn={"text": "Độc lập-Tự do-Hạnh phúc"},
                 dieu1={"runs": [("Điều 1. ", {}), ("Tặng Giấy khen cho 02 tập thể:", {})]})
    right = make(tmp_path / "dung.docx")
    body = paragraph({"text": ""}) + body_of(wrong) + body_of(right) + body_of(wrong) + body_of(wrong)
    path = make(tmp_path / "gop.docx", date={"text": "Hà Nội, ngày 5 tháng 1 năm 2022"}, after_closing=body)
    one = lint(path)
    monkeypatch.setattr(twocores, "MIN_PARAGRAPHS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    two = lint(path)
    assert len(one.findings) >= 7
    assert two.findings == one.findings
