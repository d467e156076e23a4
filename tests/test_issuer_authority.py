"""The award's label, the decision's căn cứ and the signer's authority follow the issuing level
(law/authority.yaml): a school's Giấy khen is the Hiệu trưởng's, a district's the Chủ tịch UBND
huyện's, read back from the shipped examples; a form the issuer may neither decide nor propose is
one located message."""

import shutil
from pathlib import Path

import docx
import pytest
from conftest import run
from docxread import shown

from docgen.checker import lint

SCHOOL = "thi-dua-truong-tieu-hoc"
DISTRICT = "thi-dua-ubnd-huyen"
TCCQDP = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số"
          " điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;")
LAW = ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
       "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một"
       " số điều của Luật Thi đua, khen thưởng;"]


def _texts(path: Path) -> list[str]:
    return [shown(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _cells(path: Path) -> list[str]:
    return [p.text for t in docx.Document(str(path)).tables for c in t._cells for p in c.paragraphs
            if p.text.strip()]


def _built(workspace: Path, folder: str) -> Path:
    result = run("build", workspace / "plans" / folder)
    assert result.exit_code == 0, result.output
    return workspace / "build" / folder


def _fails(workspace: Path, folder: str) -> str:
    result = run("build", workspace / "plans" / folder)
    assert result.exit_code == 1, result.output
    assert not (workspace / "build").exists()
    return result.stderr


def _at(path: Path, text: str) -> tuple[int, int]:
    """Line and column (1-based) of the value after `text` in `path`, comments left out."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text in line and not line.lstrip().startswith("#"):
            return number, line.index(text) + len(text) + 1
    raise AssertionError(text)


def test_a_schools_decision_is_the_principals(workspace):
    path = _built(workspace, SCHOOL) / "quyet-dinh" / "du-thao-giay-khen-cua-hieu-truong.docx"
    texts = _texts(path)
    assert texts[:3] == ["QUYẾT ĐỊNH", "Về việc tặng Giấy khen của Hiệu trưởng",
                         "HIỆU TRƯỞNG TRƯỜNG TIỂU HỌC KHÁNH HÒA"]
    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert bases[:2] == LAW and TCCQDP not in bases  # a school is no People's Committee
    assert bases[2].startswith("Căn cứ Điều lệ Trường tiểu học")  # the record's own
    assert next(t for t in texts if t.startswith("Điều 1.")) == (
        "Điều 1. Tặng Giấy khen của Hiệu trưởng cho 02 tập thể và 03 cá nhân (có danh sách kèm theo), đã có thành"
        " tích xuất sắc trong phong trào thi đua “Dạy tốt, học tốt” năm 2024.")
    # 0,3 × 2.340.000 đồng rounded up to ten thousand; a collective twice that.
    assert next(t for t in texts if t.startswith("Điều 2.")).startswith(
        "Điều 2. Tiền thưởng kèm theo: mỗi tập thể 1.410.000 đồng (Một triệu bốn trăm mười nghìn đồng); mỗi cá"
        " nhân 710.000 đồng (Bảy trăm mười nghìn đồng)")
    assert "Tập thể, cá nhân được tặng Giấy khen của Hiệu trưởng" in texts
    assert ("(Kèm theo Quyết định số      /QĐ-THKH ngày      tháng 12 năm 2024 của Hiệu trưởng Trường Tiểu học"
            " Khánh Hòa)") in texts
    cells = _cells(path)
    signer = cells.index("HIỆU TRƯỞNG")  # the signature, before the list's tables
    assert cells[signer - 1].endswith("- Lưu: VT, VP.") and cells[signer + 1] == "Phạm Thị Thanh"
    assert "Giám đốc Sở" not in "\n".join(texts + cells)
    assert lint(path).findings == []


def test_a_districts_decisions_are_the_chairs_with_the_local_government_law(workspace):
    out = _built(workspace, DISTRICT)
    path = out / "quyet-dinh" / "du-thao-giay-khen-cua-chu-tich-uy-ban-nhan-dan-huyen.docx"
    texts = _texts(path)
    assert texts[:3] == ["QUYẾT ĐỊNH", "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện",
                         "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN KHÁNH"]
    assert [t for t in texts if t.startswith("Căn cứ")][:3] == [TCCQDP, *LAW]
    assert next(t for t in texts if t.startswith("Điều 1.")).startswith(
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân huyện cho 02 tập thể và 02 cá nhân")
    assert "Số:      /QĐ-UBND" in _cells(path)
    signer = _cells(path).index("KT. CHỦ TỊCH")
    assert _cells(path)[signer:signer + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Thị Thu Hà"]
    title = out / "quyet-dinh" / "du-thao-tap-the-lao-dong-tien-tien.docx"
    assert _texts(title)[1:4] == ["Về việc công nhận danh hiệu “Tập thể lao động tiên tiến” năm 2024",
                                  "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN YÊN KHÁNH", TCCQDP]
    proposal = out / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx"
    assert _texts(proposal)[1:3] == ["Về việc đề nghị tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024",
                                     "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"]
    for document in (path, title, proposal):
        assert "Giám đốc Sở" not in "\n".join(_texts(document) + _cells(document))
        assert lint(document).findings == []


def test_a_commune_gives_its_own_giay_khen_at_its_own_rate(workspace):
    awards = workspace / "plans" / DISTRICT / "awards.yaml"
    text = awards.read_text(encoding="utf-8")
    text = text.replace("authority: chu_tich_ubnd_huyen", "authority: chu_tich_ubnd_xa")
    text = "".join(line for line in text.splitlines(keepends=True) if "tap_the_lao_dong_tien_tien}" not in line)
    awards.write_text(text, encoding="utf-8")
    path = _built(workspace, DISTRICT) / "quyet-dinh" / "du-thao-giay-khen-cua-chu-tich-uy-ban-nhan-dan-xa.docx"
    texts = _texts(path)
    assert texts[1] == "Về việc tặng Giấy khen của Chủ tịch Ủy ban nhân dân xã"
    # Nghị định 98/2023 Điều 58.1.g: 0,15 × 2.340.000 = 351.000, rounded up to 360.000 đồng.
    assert next(t for t in texts if t.startswith("Điều 2.")).startswith(
        "Điều 2. Tiền thưởng kèm theo: mỗi tập thể 710.000 đồng (Bảy trăm mười nghìn đồng); mỗi cá nhân 360.000"
        " đồng (Ba trăm sáu mươi nghìn đồng)")


def test_a_school_issuing_bang_khen_is_one_located_message(workspace):
    awards = workspace / "plans" / SCHOOL / "awards.yaml"
    with awards.open("a", encoding="utf-8") as f:
        f.write("  - {name: Lê Văn Toàn, honorific: Ông, kind: individual, form: bang_khen_ubnd_tinh,"
                " position: Giáo viên, office: Tổ chuyên môn khối 4}\n")
    line, column = _at(awards, "Lê Văn Toàn, honorific: Ông, kind: individual, form: ")
    assert _fails(workspace, SCHOOL) == (
        f"{awards}:{line}:{column}: awards[5].form: Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh do Chủ tịch Ủy"
        " ban nhân dân tỉnh quyết định, không thuộc thẩm quyền của Hiệu trưởng, và Hiệu trưởng không trình thẳng"
        " cấp đó (chỉ trình Chủ tịch Ủy ban nhân dân xã, Chủ tịch Ủy ban nhân dân huyện và Giám đốc Sở); Hiệu"
        " trưởng quyết định Giấy khen của Hiệu trưởng: hãy đổi form, hoặc xóa dòng này và đề nghị qua cấp trên\n")


def test_a_level_whose_head_is_not_the_issuers_is_refused(workspace):
    awards = workspace / "plans" / SCHOOL / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("signer: head\n",
                                                                 "signer: head\nauthority: giam_doc_so\n"),
                      encoding="utf-8")
    line, column = _at(awards, "authority: ")
    assert _fails(workspace, SCHOOL) == (
        f"{awards}:{line}:{column}: authority: cấp 'giam_doc_so' là cấp của Giám đốc, còn người đứng đầu cơ quan"
        " ban hành (organisation.yaml head.title) là Hiệu trưởng; hãy ghi authority: hieu_truong\n")


def test_a_chair_names_the_level(workspace):
    awards = workspace / "plans" / DISTRICT / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("authority: chu_tich_ubnd_huyen\n", ""),
                      encoding="utf-8")
    line, column = _at(awards, "awards:")
    assert _fails(workspace, DISTRICT) == (
        f"{awards}:{line}:1: authority: Chủ tịch là người đứng đầu ở nhiều cấp: ghi authority (cấp của người ký)"
        " trong awards.yaml, một trong: chu_tich_ubnd_xa, chu_tich_ubnd_huyen, chu_tich_ubnd_tinh\n")


def test_a_chair_after_the_district_level_ceased_is_not_offered_it(workspace):
    awards = workspace / "plans" / DISTRICT / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("authority: chu_tich_ubnd_huyen\n", "")
                      .replace("date: 2024-12-26", "date: 2025-09-10"), encoding="utf-8")
    line, column = _at(awards, "awards:")
    assert _fails(workspace, DISTRICT) == (
        f"{awards}:{line}:1: authority: Chủ tịch là người đứng đầu ở nhiều cấp: ghi authority (cấp của người ký)"
        " trong awards.yaml, một trong: chu_tich_ubnd_xa, chu_tich_ubnd_tinh\n")


@pytest.mark.parametrize("form", ["Giấy khen", "giay_khen"])
def test_an_excel_list_of_a_school_reads_giay_khen_as_the_principals(workspace, form):
    import openpyxl

    folder = workspace / "plans" / SCHOOL
    awards = folder / "awards.yaml"
    text = awards.read_text(encoding="utf-8")
    awards.write_text(text[: text.index("awards:\n")] + "list_file: danh-sach.xlsx\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["STT", "Danh xưng", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị công tác",
                        "Cá nhân/Tập thể", "Danh hiệu/Hình thức"])
    book.active.append([1, "Bà", "Nguyễn Thị Hạnh", "Giáo viên", "Tổ chuyên môn khối 1", "Cá nhân", form])
    book.save(folder / "danh-sach.xlsx")
    path = _built(workspace, SCHOOL) / "quyet-dinh" / "du-thao-giay-khen-cua-hieu-truong.docx"
    assert _texts(path)[1] == "Về việc tặng Giấy khen của Hiệu trưởng"


def _propose_lao_dong_tien_tien(workspace: Path) -> Path:
    awards = workspace / "plans" / SCHOOL / "awards.yaml"
    with awards.open("a", encoding="utf-8") as f:
        f.write("  - {name: Lê Văn Toàn, honorific: Ông, kind: individual, form: lao_dong_tien_tien,"
                " position: Giáo viên, office: Tổ chuyên môn khối 4}\n")
    return awards


def test_a_proposal_to_no_one_the_records_name_is_one_located_message(workspace):
    # The school names only its parent (Phòng GD&ĐT), no body that decides "Lao động tiên tiến": the
    # lowest such level (Chủ tịch Ủy ban nhân dân xã) would be a commune no record names.
    awards = _propose_lao_dong_tien_tien(workspace)
    line = next(n for n, t in enumerate(awards.read_text(encoding="utf-8").splitlines(), start=1)
                if t.startswith("awards:"))
    assert _fails(workspace, SCHOOL) == (
        f"{awards}:{line}:1: proposal.to: có hình thức phải đề nghị cấp trên (Lao động tiên tiến) mà hồ sơ không"
        " cho biết tên người nhận tờ trình: ghi proposal.to (Kính gửi của tờ trình) trong awards.yaml, ví dụ"
        " “proposal: {to: Chủ tịch Ủy ban nhân dân huyện Gia Lộc}”, hoặc ghi superior (cơ quan cấp trên, như"
        " “Ủy ban nhân dân huyện Gia Lộc”) trong organisation.yaml\n")


def test_a_proposal_goes_to_the_head_of_the_superior_the_records_name(workspace):
    _propose_lao_dong_tien_tien(workspace)
    org = workspace / "plans" / SCHOOL / "organisation.yaml"
    with org.open("a", encoding="utf-8") as f:
        f.write("superior: Ủy ban nhân dân huyện Yên Khánh\n")
    proposal = _built(workspace, SCHOOL) / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx"
    texts = _texts(proposal)
    assert texts[2] == "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Yên Khánh"
    assert "Kính gửi: Chủ tịch Ủy ban nhân dân xã" not in texts
    assert lint(proposal).findings == []


def test_a_written_proposal_to_is_kept(workspace):
    awards = _propose_lao_dong_tien_tien(workspace)
    with awards.open("a", encoding="utf-8") as f:
        f.write("proposal:\n  to: Chủ tịch Ủy ban nhân dân huyện Gia Lộc\n")
    proposal = _built(workspace, SCHOOL) / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx"
    assert _texts(proposal)[2] == "Kính gửi: Chủ tịch Ủy ban nhân dân huyện Gia Lộc"


HOSPITAL = "bvdk-quang-ngai-2025"  # tests/data/nu5: a new user's records, a provincial hospital


def _hospital(workspace: Path, authority: str | None) -> Path:
    """The hospital's records in `workspace`, its awards.yaml's `authority` line set to `authority`
    (None: left out)."""
    folder = workspace / "plans" / HOSPITAL
    shutil.copytree(Path(__file__).parent / "data" / "nu5" / HOSPITAL, folder)
    awards = folder / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace(
        "authority: giam_doc_so\n", "" if authority is None else f"authority: {authority}\n"), encoding="utf-8")
    return awards


@pytest.mark.parametrize("authority", [None, "thu_truong_don_vi"])
def test_a_hospitals_giay_khen_is_its_directors_not_a_so(workspace, authority):
    """Luật Thi đua, khen thưởng 2022, Điều 75.1.a: a đơn vị sự nghiệp's head gives its own Giấy khen;
    its head is a Giám đốc, but the hospital is no Sở."""
    _hospital(workspace, authority)
    out = _built(workspace, HOSPITAL)
    path = out / "quyet-dinh" / "du-thao-giay-khen-cua-thu-truong-co-quan-don-vi.docx"
    texts = _texts(path)
    assert texts[:3] == ["QUYẾT ĐỊNH", "Về việc tặng Giấy khen của Giám đốc Bệnh viện Đa khoa tỉnh Quảng Ngãi",
                         "GIÁM ĐỐC BỆNH VIỆN ĐA KHOA TỈNH QUẢNG NGÃI"]
    assert next(t for t in texts if t.startswith("Điều 1.")).startswith(
        "Điều 1. Tặng Giấy khen của Giám đốc Bệnh viện Đa khoa tỉnh Quảng Ngãi cho 01 tập thể và 09 cá nhân (có"
        " danh sách kèm theo), đã có thành tích")
    assert "Tập thể, cá nhân được tặng Giấy khen của Giám đốc Bệnh viện Đa khoa tỉnh Quảng Ngãi" in texts
    report = docx.Document(str(out / "bao-cao-tong-hop.docx"))
    shown_all = "\n".join(shown(p.text) for p in report.paragraphs) + "\n".join(
        shown(c.text) for t in report.tables for c in t._cells)
    assert "Giấy khen của Giám đốc Bệnh viện Đa khoa tỉnh Quảng Ngãi" in shown_all
    assert "Giám đốc Sở" not in "\n".join(texts + _cells(path)) + shown_all
    assert lint(path).findings == []


def test_a_hospital_naming_the_so_level_is_one_located_message(workspace):
    awards = _hospital(workspace, "giam_doc_so")
    line, column = _at(awards, "authority: ")
    assert _fails(workspace, HOSPITAL) == (
        f"{awards}:{line}:{column}: authority: cấp 'giam_doc_so' là cấp của Giám đốc Sở, còn cơ quan ban hành"
        " (organisation.yaml name) là Bệnh viện Đa khoa tỉnh Quảng Ngãi, không phải Sở; hãy ghi authority:"
        " thu_truong_don_vi hoặc bỏ dòng authority\n")
