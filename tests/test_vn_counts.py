"""The helpers the templates use to write counts, lists, citations and first capitals."""

import pytest

from docgen.vn import capfirst, cite_date, count, count_phrase, doc_symbol, join_and


@pytest.mark.parametrize(("counts", "expected"), [
    ({"tập thể": 4, "cá nhân": 6}, "04 tập thể và 06 cá nhân"),
    ({"tập thể": 0, "cá nhân": 1}, "01 cá nhân"),
    ({"tập thể": 12, "cá nhân": 0}, "12 tập thể"),
    ({"tập thể": 1, "cá nhân": 2, "hộ gia đình": 3}, "01 tập thể, 02 cá nhân và 03 hộ gia đình"),
    ({"tập thể": 0, "cá nhân": 0}, ""),
])
def test_count_phrase(counts, expected):
    assert count_phrase(counts) == expected


@pytest.mark.parametrize(("items", "expected"), [
    ([], ""), (["A"], "A"), (["A", "B"], "A và B"), (["A", "B", "C"], "A, B và C")])
def test_join_and(items, expected):
    assert join_and(items) == expected


def test_count_is_two_digits_and_refuses_what_is_not_a_count():
    assert (count(0), count(4), count(123)) == ("00", "04", "123")
    with pytest.raises(ValueError, match="số đếm phải là số nguyên không âm"):
        count(-1)


@pytest.mark.parametrize(("text", "expected"), [
    ("tặng Giấy khen", "Tặng Giấy khen"), ("đề nghị", "Đề nghị"), ("", ""), ("Ông A", "Ông A")])
def test_capfirst_keeps_the_rest_as_written(text, expected):
    assert capfirst(text) == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-09-15", "ngày 15 tháng 9 năm 2021"), ("2021-09", "tháng 9 năm 2021"),
    ("2021-02", "tháng 02 năm 2021"), ("2021", "năm 2021")])
def test_cite_date_leaves_out_the_blanks(value, expected):
    assert cite_date(value) == expected


@pytest.mark.parametrize(("number", "expected"), [
    (1, "01/QĐ-LĐTBXH"), (125, "125/QĐ-LĐTBXH"), (None, "     /QĐ-LĐTBXH")])
def test_doc_symbol(number, expected):
    assert doc_symbol(number, "QĐ", "LĐTBXH") == expected
