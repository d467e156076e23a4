"""Document types of Decree 30 (Phụ lục III, Mục I) and the "Số: 05/QĐ-UBND" line."""

import re

# Type name -> abbreviation (ND30 Phụ lục III). Công văn and thư công have none (Điều 7).
DOC_TYPES: dict[str, str | None] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Công văn": None,
    "Thư công": None,
}

# Copies (bản sao) carry their own abbreviations in their number line (Phụ lục III).
COPY_TYPES: dict[str, str] = {"Bản sao y": "SY", "Bản trích sao": "TrS", "Bản sao lục": "SL"}

_ABBREVIATIONS = {abbr for abbr in DOC_TYPES.values() if abbr} | set(COPY_TYPES.values())
_AGENCY = re.compile(r"^[0-9A-Za-zĐđ&]+(-[0-9A-Za-zĐđ&]+)*$")
BLANK_NUMBER = " " * 6


def doc_number(number: int | None, type_abbr: str | None, agency_abbr: str, unit: str | None = None) -> str:
    """"Số: 05/QĐ-LĐTBXH"; a blank number is left for the văn thư ("Số:      /KH-LĐTBXH"). A
    công văn (no `type_abbr`) with its drafting `unit`: "Số: 125/SGTVT-VP" (Nghị định 30, Phụ lục
    I §II.3.b: the issuer's abbreviation, then the drafting unit's). Raises ValueError for a type
    abbreviation not of the decree or an agency abbreviation with a space."""
    if type_abbr and type_abbr not in _ABBREVIATIONS:
        raise ValueError(f"'{type_abbr}' không phải tên viết tắt loại văn bản theo Nghị định 30")
    if not agency_abbr or not _AGENCY.match(agency_abbr):
        raise ValueError(f"ký hiệu cơ quan '{agency_abbr}' không hợp lệ (không được có dấu cách)")
    if number is None:
        shown = BLANK_NUMBER  # "Số:      /KH-LĐTBXH": the blank stands for " NN"
    else:
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ValueError(f"số văn bản phải là số nguyên dương, nhận được {number!r}")
        shown = f"{number:02d}"
    symbol = f"{type_abbr}-{agency_abbr}" if type_abbr else f"{agency_abbr}-{unit}" if unit else agency_abbr
    return f"Số:{shown}/{symbol}" if number is None else f"Số: {shown}/{symbol}"


def doc_symbol(number: int | None, type_abbr: str | None, agency_abbr: str, unit: str | None = None) -> str:
    """"05/QĐ-LĐTBXH" as cited after "số"; a blank number leaves the same gap as the "Số:" line
    ("số      /QĐ-LĐTBXH"); `unit` as for doc_number."""
    symbol = doc_number(number, type_abbr, agency_abbr, unit).split("/", 1)[1]
    return f"{number:02d}/{symbol}" if number is not None else f"{BLANK_NUMBER[1:]}/{symbol}"
