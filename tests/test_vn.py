"""docgen.vn: every helper against tables of known answers, and properties over many inputs."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.vn import (
    DOC_TYPES,
    amount_in_words,
    doc_number,
    format_date,
    format_number,
    format_percent,
    looks_like_tcvn3,
    name_sort_key,
    normalize,
    place_date,
    point_letter,
    roman,
    tcvn3_to_unicode,
    upper,
    words_to_amount,
)


@pytest.mark.parametrize(("value", "text"), [
    (dt.date(2021, 9, 5), "ngày 05 tháng 9 năm 2021"),
    (dt.date(2021, 1, 15), "ngày 15 tháng 01 năm 2021"),
    (dt.date(2022, 2, 3), "ngày 03 tháng 02 năm 2022"),
    (dt.date(2021, 10, 1), "ngày 01 tháng 10 năm 2021"),
    (dt.date(2021, 3, 10), "ngày 10 tháng 3 năm 2021"),
    (dt.date(2021, 12, 31), "ngày 31 tháng 12 năm 2021"),
    (dt.date(2024, 2, 29), "ngày 29 tháng 02 năm 2024"),
    ("2021-09", "ngày      tháng 9 năm 2021"),
    ("2021-02", "ngày      tháng 02 năm 2021"),
    ("2021", "ngày      tháng      năm 2021"),
    ("2021-08-27", "ngày 27 tháng 8 năm 2021"),
])
def test_format_date(value, text):
    assert format_date(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (dt.date(2021, 8, 27), "27/8/2021"), (dt.date(2014, 4, 7), "7/4/2014"),
    ("2021-12-15", "15/12/2021"),
])
def test_format_date_short(value, text):
    assert format_date(value, short=True) == text


@pytest.mark.parametrize(("value", "message"), [
    ("2021-04-31", "ngày 31 tháng 4 năm 2021 không có thật (tháng 4 có 30 ngày)"),
    ("2023-02-29", "ngày 29 tháng 2 năm 2023 không có thật (tháng 2 có 28 ngày)"),
    ("2021-13", "tháng 13 không có thật"),
    ("15/9/2021", "ngày tháng '15/9/2021' không đúng dạng NĂM-THÁNG-NGÀY (ví dụ 2021-09-15, 2021-09)"),
])
def test_format_date_rejects(value, message):
    with pytest.raises(ValueError) as err:
        format_date(value)
    assert str(err.value) == message


def test_place_date():
    assert place_date("Ninh Bình", dt.date(2021, 9, 5)) == "Ninh Bình, ngày 05 tháng 9 năm 2021"
    assert place_date("Thành phố Hồ Chí Minh", "2019-06-29") == (
        "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019")


@pytest.mark.parametrize(("args", "text"), [
    ((5, "QĐ", "LĐTBXH"), "Số: 05/QĐ-LĐTBXH"),
    ((15, "QĐ", "BNV"), "Số: 15/QĐ-BNV"),
    ((123, "KH", "UBND"), "Số: 123/KH-UBND"),
    ((None, "KH", "LĐTBXH"), "Số:      /KH-LĐTBXH"),
    ((1, "TTr", "SNV"), "Số: 01/TTr-SNV"),
    ((7, "QyĐ", "UBND"), "Số: 07/QyĐ-UBND"),
    ((5, None, "BNV-VP"), "Số: 05/BNV-VP"),
    ((3, "SY", "UBND"), "Số: 03/SY-UBND"),
])
def test_doc_number(args, text):
    assert doc_number(*args) == text


@pytest.mark.parametrize(("args", "message"), [
    ((5, "QD", "UBND"), "'QD' không phải tên viết tắt loại văn bản theo Nghị định 30"),
    ((5, "QĐ", "LĐ TBXH"), "ký hiệu cơ quan 'LĐ TBXH' không hợp lệ (không được có dấu cách)"),
    ((0, "QĐ", "UBND"), "số văn bản phải là số nguyên dương, nhận được 0"),
])
def test_doc_number_rejects(args, message):
    with pytest.raises(ValueError) as err:
        doc_number(*args)
    assert str(err.value) == message


def test_doc_types_are_the_decrees_29():
    assert len(DOC_TYPES) == 29
    assert DOC_TYPES["Kế hoạch"] == "KH" and DOC_TYPES["Quyết định"] == "QĐ"
    assert DOC_TYPES["Tờ trình"] == "TTr" and DOC_TYPES["Quy định"] == "QyĐ"
    assert DOC_TYPES["Chương trình"] == "CTr" and DOC_TYPES["Báo cáo"] == "BC"
    assert DOC_TYPES["Công văn"] is None and DOC_TYPES["Thư công"] is None


@pytest.mark.parametrize(("args", "text"), [
    ((19400,), "19.400"), ((1400,), "1.400"), ((70.5,), "70,5"), ((Decimal("2.34"), 2), "2,34"),
    ((0.1 + 0.2,), "0,3"), ((0.1 + 0.2, 1), "0,3"), ((-1250,), "-1.250"),
    ((-1250.75, 1), "-1.250,8"), ((1234567.891, 2), "1.234.567,89"), ((0,), "0"),
    ((Decimal("100.00"),), "100"), ((999,), "999"), ((1000,), "1.000"), ((2.5, 0), "3"),
    ((-0.04, 1), "0,0"),
])
def test_format_number(args, text):
    assert format_number(*args) == text


@pytest.mark.parametrize(("args", "text"), [
    ((70,), "70%"), ((70.25, 1), "70,3%"), ((70.35, 1), "70,4%"), (((70, 72),), "70%-72%"),
    ((100,), "100%"), ((Decimal("1.8"),), "1,8%"),
])
def test_format_percent(args, text):
    assert format_percent(*args) == text


@pytest.mark.parametrize(("amount", "words"), [
    (0, "Không đồng"), (5, "Năm đồng"), (10, "Mười đồng"), (11, "Mười một đồng"),
    (14, "Mười bốn đồng"), (15, "Mười lăm đồng"), (20, "Hai mươi đồng"),
    (21, "Hai mươi mốt đồng"), (24, "Hai mươi tư đồng"), (25, "Hai mươi lăm đồng"),
    (101, "Một trăm linh một đồng"), (105, "Một trăm linh năm đồng"), (110, "Một trăm mười đồng"),
    (115, "Một trăm mười lăm đồng"), (1001, "Một nghìn không trăm linh một đồng"),
    (702000, "Bảy trăm linh hai nghìn đồng"), (710000, "Bảy trăm mười nghìn đồng"),
    (1005000, "Một triệu không trăm linh năm nghìn đồng"),
    (1000005, "Một triệu không trăm linh năm đồng"),
    (2340000, "Hai triệu ba trăm bốn mươi nghìn đồng"),
    (3510000, "Ba triệu năm trăm mười nghìn đồng"),
    (1_000_000_000, "Một tỷ đồng"), (10**12, "Một nghìn tỷ đồng"),
    (2_500_000_000_000, "Hai nghìn năm trăm tỷ đồng"), (10**15, "Một triệu tỷ đồng"),
    (10**18, "Một tỷ tỷ đồng"), (10**15 + 3 * 10**9, "Một triệu không trăm linh ba tỷ đồng"),
    (10**9 + 5, "Một tỷ không trăm linh năm đồng"),
])
def test_amount_in_words(amount, words):
    assert amount_in_words(amount) == words
    assert words_to_amount(words) == amount


def test_amount_in_words_unit():
    assert amount_in_words(21, unit="") == "Hai mươi mốt"
    assert amount_in_words(3, unit="người") == "Ba người"


@pytest.mark.parametrize(("bad", "message"), [
    (-1, "số tiền không được âm: -1"), (1.5, "số tiền phải là số nguyên, nhận được 1.5"),
])
def test_amount_in_words_rejects(bad, message):
    with pytest.raises(ValueError) as err:
        amount_in_words(bad)
    assert str(err.value) == message


def test_words_to_amount_accepts_common_variants():
    assert words_to_amount("một trăm lẻ năm ngàn đồng") == 105000
    assert words_to_amount("Hai mươi bốn") == 24


def test_words_to_amount_rejects_unknown_words():
    with pytest.raises(ValueError) as err:
        words_to_amount("khoảng hai trăm")
    assert str(err.value) == "không đọc được chữ 'khoảng' trong 'khoảng hai trăm'"


@given(st.integers(min_value=0, max_value=10**15))
def test_amount_words_round_trip(n):
    assert words_to_amount(amount_in_words(n)) == n


@pytest.mark.parametrize(("n", "text"), [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"),
                                         (90, "XC"), (400, "CD"), (1994, "MCMXCIV"),
                                         (3999, "MMMCMXCIX")])
def test_roman(n, text):
    assert roman(n) == text


@pytest.mark.parametrize("bad", [0, 4000, -1])
def test_roman_rejects(bad):
    with pytest.raises(ValueError, match="số La Mã chỉ từ 1 đến 3999"):
        roman(bad)


def test_point_letters():
    letters = [point_letter(i) for i in range(1, 24)]
    assert letters == "a b c d đ e g h i k l m n o p q r s t u v x y".split()
    assert not {"f", "j", "w", "z"} & set(letters)
    with pytest.raises(ValueError):
        point_letter(24)


@pytest.mark.parametrize(("names", "ordered"), [
    (["Trần Văn Bình", "Nguyễn Thị An", "Lê Đức Anh"],
     ["Nguyễn Thị An", "Lê Đức Anh", "Trần Văn Bình"]),
    (["Lê Văn Đào", "Lê Văn Dũng"], ["Lê Văn Dũng", "Lê Văn Đào"]),
    (["Lê Văn Ân", "Lê Văn Ăn", "Lê Văn Anh"], ["Lê Văn Anh", "Lê Văn Ăn", "Lê Văn Ân"]),
    (["Hà Văn Án", "Hà Văn Ạn", "Hà Văn An", "Hà Văn Ản", "Hà Văn Àn", "Hà Văn Ãn"],
     ["Hà Văn An", "Hà Văn Àn", "Hà Văn Ản", "Hà Văn Ãn", "Hà Văn Án", "Hà Văn Ạn"]),
    (["Trần Văn An", "Nguyễn Văn Án"], ["Trần Văn An", "Nguyễn Văn Án"]),
    (["Phạm Thị Hoa", "Phạm Văn Hoa"], ["Phạm Thị Hoa", "Phạm Văn Hoa"]),
    (["Vũ Văn Hoa", "Đỗ Văn Hoa", "Bùi Văn Hoa"], ["Bùi Văn Hoa", "Đỗ Văn Hoa", "Vũ Văn Hoa"]),
    (["Ông Ơn", "Ông On", "Ông Ôn"], ["Ông On", "Ông Ôn", "Ông Ơn"]),
    (["Lý Ư", "Lý U"], ["Lý U", "Lý Ư"]),
])
def test_name_order(names, ordered):
    assert sorted(names, key=name_sort_key) == ordered


NAMES = st.lists(st.sampled_from("Nguyễn Trần Lê Phạm Hoàng Thị Văn Đức An Ánh Ân Bình Đào Hòa Hoà Ư U"
                                 .split()), min_size=1, max_size=4).map(" ".join)


@given(NAMES, NAMES)
def test_name_sort_key_is_a_total_order_consistent_with_equality(a, b):
    ka, kb = name_sort_key(a), name_sort_key(b)
    assert (ka == kb) == (a == b)
    assert (ka < kb) + (ka > kb) + (ka == kb) == 1


@given(NAMES, NAMES, NAMES)
def test_name_sort_key_is_transitive(a, b, c):
    x, y, z = sorted([a, b, c], key=name_sort_key)
    assert name_sort_key(x) <= name_sort_key(z)


def test_normalize_and_upper():
    assert normalize("  Lâm\tXuân \n Phương ") == "Lâm Xuân Phương"
    assert normalize("“Thi đua”") == "“Thi đua”"
    assert upper("Sở Lao động - Thương binh và Xã hội") == "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"
    assert upper("ủy ban nhân dân tỉnh") == "ỦY BAN NHÂN DÂN TỈNH"


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["L", "M", "Zs", "P"])))
def test_normalize_is_idempotent_and_maps_nfd_to_nfc(text):
    import unicodedata

    once = normalize(text)
    assert normalize(once) == once
    assert normalize(unicodedata.normalize("NFD", text)) == once
    assert unicodedata.is_normalized("NFC", once)


@pytest.mark.parametrize(("legacy", "text"), [
    ("B¶o Th¾ng", "Bảo Thắng"),
    ("M\xadêng Kh\xad¬ng", "Mường Khương"),
    ("Së Lao ®éng - Th\xad¬ng binh vµ X· héi", "Sở Lao động - Thương binh và Xã hội"),
    ("Ninh B×nh, ngµy 05 th¸ng 9 n¨m 2021", "Ninh Bình, ngày 05 tháng 9 năm 2021"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
])
def test_tcvn3_to_unicode(legacy, text):
    assert looks_like_tcvn3(legacy)
    assert tcvn3_to_unicode(legacy) == text
    assert not looks_like_tcvn3(text)


@pytest.mark.parametrize("text", ["Phát động", "Café", "ABC", "Hà Nội", "Đà Nẵng", "100%"])
def test_unicode_text_is_not_taken_for_tcvn3(text):
    assert not looks_like_tcvn3(text)
