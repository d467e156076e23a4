"""Unit report forms, collecting them back, and the consolidated report."""

import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from conftest import run
from docxread import shown
from fill import fill, remove_field
from test_bad_input import edit

from docgen.checker import lint
from docgen.records.forms import read_form
from docgen.vn import format_number

UNITS = ["van_phong", "lao_dong_viec_lam", "giao_duc_nghe_nghiep", "nguoi_co_cong", "bao_tro_xa_hoi",
         "tt_dich_vu_viec_lam", "tt_cong_tac_xa_hoi", "co_so_cai_nghien", "ninh_binh", "tam_diep", "hoa_lu",
         "gia_vien", "nho_quan", "yen_mo", "yen_khanh", "kim_son"]
DISTRICTS = UNITS[8:]
SPLIT = {"ninh_binh": 2600, "tam_diep": 1500, "hoa_lu": 2000, "gia_vien": 2300, "nho_quan": 2900, "yen_mo": 2300,
         "yen_khanh": 2600, "kim_son": 3200}


def _build(plan_dir: Path) -> Path:
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return plan_dir.parents[1] / "build" / "ninh-binh-2021"


def _fresh(plan_dir: Path) -> Path:
    """The example without its sample results, built: every unit's blank form."""
    shutil.rmtree(plan_dir / "results")
    return _build(plan_dir)


def _texts(path: Path) -> list[str]:
    return [shown(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_one_form_per_unit_in_force(plan_dir):
    out = _fresh(plan_dir)
    assert sorted(p.stem for p in (out / "bieu-mau").glob("*.docx")) == sorted(UNITS)
    assert not (out / "bao-cao-tong-hop.docx").exists()  # no results yet


def test_district_offices_are_gone_after_30_june_2025(plan_dir):
    edit(plan_dir / "plan.yaml", "date: 2021-09-15 ", "date: 2025-09-15 ")
    shutil.rmtree(plan_dir / "results")
    (plan_dir / "awards.yaml").unlink()
    out = _build(plan_dir)
    assert sorted(p.stem for p in (out / "bieu-mau").glob("*.docx")) == sorted(UNITS[:8])


def test_district_form_reads_back(plan_dir):
    out = _fresh(plan_dir)
    path = out / "bieu-mau" / "kim_son.docx"
    document = docx.Document(str(path))
    header = [p.text for c in document.tables[0]._cells for p in c.paragraphs if p.text.strip()]
    assert header[:2] == ["UBND HUYỆN KIM SƠN", "PHÒNG LAO ĐỘNG -\nTHƯƠNG BINH VÀ XÃ HỘI"]
    # The number and the day are fields (content controls, which python-docx does not read as text).
    assert "Số: /BC-LĐTBXH" in header and "Kim Sơn, ngày  tháng  năm 2021" in header
    assert 'w:alias w:val="docgen:meta:number"/>' in _document_xml(path)
    texts = _texts(path)
    assert texts[:3] == ["BÁO CÁO", "Kết quả thực hiện phong trào thi đua “Cán bộ, công chức, viên chức, người"
                         " lao động Ngành Lao động - Thương binh và Xã hội quyết tâm thực hiện thắng lợi nhiệm vụ"
                         " phát triển kinh tế - xã hội hằng năm và Kế hoạch 5 năm (2021-2025) theo Nghị quyết Đại"
                         " hội đại biểu Đảng bộ tỉnh Ninh Bình lần thứ XXII” năm 2021",
                         "Kính gửi: Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình"]
    for heading in ("I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI", "II. KẾT QUẢ THỰC HIỆN", "III. CÔNG TÁC KHEN THƯỞNG",
                    "IV. ĐÁNH GIÁ CHUNG", "V. PHƯƠNG HƯỚNG, NHIỆM VỤ", "VI. ĐỀ XUẤT, KIẾN NGHỊ"):
        assert heading in texts
    assert ("Báo cáo gửi về Sở Lao động - Thương binh và Xã hội (qua Văn phòng Sở) trước ngày 15 tháng 12 năm"
            " 2021./.") in texts
    table = document.tables[1]
    rows = [[shown(c.text) for c in r.cells] for r in table.rows]  # a cell's kept words read as typed
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Ghi chú"]
    planned = {r[1]: r[3] for r in rows[1:]}
    assert planned["Số lao động được giải quyết việc làm mỗi năm"] == "3.200"
    assert planned["Tỷ lệ thất nghiệp mỗi năm"] == "dưới 2%"
    assert planned["Tỷ lệ lao động qua đào tạo (đến cuối nhiệm kỳ)"] == "70%-72%"
    assert len(rows) == 11  # only the ten targets a district office carries
    form = read_form(path)
    assert form.properties["docgen.plan"] == "ninh-binh-2021"
    assert form.properties["docgen.year"] == "2021" and form.unit == "kim_son"
    assert "docgen:target:viec_lam" in form.fields and form.fields["docgen:target:viec_lam"] == ""
    assert signature_of(document) == ["TRƯỞNG PHÒNG", "Nguyễn Văn Tú"]


def signature_of(document) -> list[str]:
    return [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text.strip()]


def test_every_form_passes_lint(plan_dir):
    out = _fresh(plan_dir)
    for path in (out / "bieu-mau").glob("*.docx"):
        assert lint(path).findings == [], path
        assert lint(path, draft=True).findings == []


def _values(unit: str, targets: dict[str, str]) -> dict[str, str]:
    out = {f"docgen:target:{k}": v for k, v in targets.items()}
    out.update({"docgen:meta:number": "12", "docgen:meta:day": "10", "docgen:meta:month": "12",
                "docgen:text:chi_dao": f"Chỉ đạo của {unit}.", "docgen:text:kien_nghi": f"Kiến nghị của {unit}."})
    return out


DISTRICT_TARGETS = ["lao_dong_qua_dao_tao", "lao_dong_co_bang_cap", "viec_lam", "xuat_khau_lao_dong", "that_nghiep",
                    "xa_lam_tot_tbls", "me_vnah", "bao_tro_xa_hoi", "tro_cap_cong_dong", "tre_em_bhyt"]


def _district_figures(i: int) -> dict[str, Decimal]:
    return {"lao_dong_qua_dao_tao": Decimal(70) + i, "lao_dong_co_bang_cap": Decimal("29.5"),
            "viec_lam": Decimal(SPLIT[DISTRICTS[i]] + 100 * i), "xuat_khau_lao_dong": Decimal(150 + i),
            "that_nghiep": Decimal("1.5") + Decimal(i) / 10, "xa_lam_tot_tbls": Decimal(100), "me_vnah": Decimal(100),
            "bao_tro_xa_hoi": Decimal(100), "tro_cap_cong_dong": Decimal(99), "tre_em_bhyt": Decimal(100)}


def _written(figure: Decimal, percent: bool) -> str:
    return format_number(figure) + (" %" if percent else "")


def test_round_trip_fill_collect_report(plan_dir):
    out = _fresh(plan_dir)
    figures = {}
    forms = []
    for i, unit in enumerate(DISTRICTS[:7]):  # Kim Sơn does not report
        figures[unit] = _district_figures(i)
        values = {t: _written(v, t not in ("viec_lam", "xuat_khau_lao_dong")) for t, v in figures[unit].items()}
        fill(out / "bieu-mau" / f"{unit}.docx", _values(unit, values))
        forms.append(out / "bieu-mau" / f"{unit}.docx")
    result = run("collect", plan_dir, *forms)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "Đã báo cáo: 7/16 đơn vị.",
        "Chưa báo cáo: Văn phòng Sở; Phòng Lao động - Việc làm; Phòng Giáo dục nghề nghiệp; Phòng Người có"
        " công; Phòng Bảo trợ xã hội; Trung tâm Dịch vụ việc làm; Trung tâm Công tác xã hội; Cơ sở cai nghiện"
        " ma túy; Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn."]
    import yaml

    saved = yaml.safe_load((plan_dir / "results" / "gia_vien.yaml").read_text(encoding="utf-8"))
    assert saved["values"]["viec_lam"] == 2600 and saved["values"]["that_nghiep"] == 1.8
    assert saved["number"] == 12 and saved["date"] == "2021-12-10"
    out = _build(plan_dir)
    rows = _annex_rows(out / "bao-cao-tong-hop.docx")
    jobs = sum(f["viec_lam"] for f in figures.values())
    # Like for like: Kim Sơn (3.200 of the 19.400) has not reported, so the others' 16.200 is the plan.
    row = rows["Số lao động được giải quyết việc làm mỗi năm"]
    assert row[3:] == ["19.400", "—", format_number(jobs), "16.200", format_number(
        (jobs / Decimal(16200) * 100).quantize(Decimal("0.1"))), "Không đạt" if jobs < 16200 else "Vượt",
        "Chưa có số liệu: Kim Sơn."]
    # Not split: no plan for the seven that reported, so no verdict without Kim Sơn.
    unemployment = sum(f["that_nghiep"] for f in figures.values()) / 7
    row = rows["Tỷ lệ thất nghiệp mỗi năm"]
    assert row[3:] == ["dưới 2%", "—", format_number(unemployment.quantize(Decimal("0.01"))) + "%", "—", "—",
                       "Chưa đủ số liệu", "Chưa có số liệu: Kim Sơn."]
    weighted = (sum(f["lao_dong_qua_dao_tao"] * f["viec_lam"] for f in figures.values()) / jobs).quantize(
        Decimal("0.01"))
    assert rows["Tỷ lệ lao động qua đào tạo (đến cuối nhiệm kỳ)"][5] == format_number(weighted) + "%"
    assert rows["Tỷ lệ hồ sơ công việc tại Sở được xử lý trên môi trường mạng (đến năm 2025)"][5:] == [
        "—", "—", "—", "Chưa đủ số liệu", "Chưa có số liệu: Văn phòng, Lao động - Việc làm, Giáo dục nghề"
        " nghiệp, Người có công, Bảo trợ xã hội."]
    texts = _texts(out / "bao-cao-tong-hop.docx")
    assert "- Phòng Lao động - Thương binh và Xã hội thành phố Ninh Bình: Chỉ đạo của ninh_binh." in texts
    assert any("7/16 đơn vị đã gửi báo cáo; chưa có báo cáo của Văn phòng Sở" in t and t.endswith("huyện Kim Sơn.")
               for t in texts)
    districts = _matrix(out / "bao-cao-tong-hop.docx", "Kim Sơn")
    assert districts and all(r["Kim Sơn"].split("\n")[0] == "—" for r in districts.values())
    assert lint(out / "bao-cao-tong-hop.docx").findings == []


def test_round_trip_through_libreoffice(office, plan_dir, tmp_path):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    figures = {t: v for t, v in _district_figures(3).items()}
    fill(form, _values("kim_son", {t: _written(v, t.startswith(("lao_dong", "that"))) for t, v in figures.items()}))
    saved = tmp_path / "lo"
    proc = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved), str(form)],
                          capture_output=True, timeout=180, check=False)
    assert proc.returncode == 0
    resaved = saved / "kim_son.docx"
    assert resaved.read_bytes() != form.read_bytes()
    assert "w:tag" not in _document_xml(resaved)  # LibreOffice dropped the tags: the aliases must do
    result = run("collect", plan_dir, resaved)
    assert result.exit_code == 0, result.output
    import yaml

    saved_values = yaml.safe_load((plan_dir / "results" / "kim_son.yaml").read_text(encoding="utf-8"))["values"]
    assert {k: Decimal(str(v)) for k, v in saved_values.items()} == figures


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("word/document.xml").decode()


@pytest.mark.parametrize(("unit", "values", "message"), [
    ("kim_son", {"viec_lam": "khoảng 200"},
     "đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn', chỉ tiêu 'Số lao động được giải quyết việc"
     " làm mỗi năm' (viec_lam): không đọc được số liệu: 'khoảng 200' không phải một số (viết như 1.250 hoặc"
     " 70,5)"),
    ("kim_son", {"viec_lam": "x"},
     "đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn', chỉ tiêu 'Số lao động được giải quyết việc"
     " làm mỗi năm' (viec_lam): không đọc được số liệu: 'x' không phải một số (viết như 1.250 hoặc 70,5)"),
    ("kim_son", {"viec_lam": ""},
     "đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn', chỉ tiêu 'Số lao động được giải quyết việc"
     " làm mỗi năm' (viec_lam): chưa điền số liệu \"Thực hiện\""),
])
def test_collect_refuses_what_it_cannot_read(plan_dir, unit, values, message):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / f"{unit}.docx"
    good = {t: _written(v, False) for t, v in _district_figures(0).items()}
    good.update(values)
    fill(form, {f"docgen:target:{k}": v for k, v in good.items()})
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr == f"{form}: {message}\n"
    assert not (plan_dir / "results").exists()


def test_collect_accepts_numbers_as_people_write_them(plan_dir):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    written = {t: "100" for t in DISTRICT_TARGETS}
    # xuat_khau_lao_dong counts people: whole ("1.250,5" people is refused, test_clerk_inputs_more.py).
    written.update({"viec_lam": "1.250", "xuat_khau_lao_dong": "1\u00a0250", "that_nghiep": "1,8 %",
                    "lao_dong_qua_dao_tao": "70%", "lao_dong_co_bang_cap": "70,5 %"})
    fill(form, {f"docgen:target:{k}": v for k, v in written.items()})
    assert run("collect", plan_dir, form).exit_code == 0
    import yaml

    values = yaml.safe_load((plan_dir / "results" / "kim_son.yaml").read_text(encoding="utf-8"))["values"]
    assert (values["viec_lam"], values["xuat_khau_lao_dong"], values["that_nghiep"], values["lao_dong_qua_dao_tao"],
            values["lao_dong_co_bang_cap"]) == (1250, 1250, 1.8, 70, 70.5)


def _all_filled(form: Path) -> None:
    fill(form, {f"docgen:target:{k}": _written(v, False) for k, v in _district_figures(0).items()})


def test_collect_refuses_a_form_of_another_year_plan_or_unit(plan_dir, tmp_path):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    _all_filled(form)
    from zipparts import replace_in

    other_year, other_unit, other_plan = (tmp_path / n for n in ("nam.docx", "donvi.docx", "kehoach.docx"))
    for copy in (other_year, other_unit, other_plan):
        shutil.copy(form, copy)
    replace_in(other_year, "docProps/custom.xml", "<vt:lpwstr>2021</vt:lpwstr>", "<vt:lpwstr>2022</vt:lpwstr>")
    replace_in(other_unit, "docProps/custom.xml", "<vt:lpwstr>kim_son</vt:lpwstr>",
               "<vt:lpwstr>phong_moi</vt:lpwstr>")
    replace_in(other_plan, "docProps/custom.xml", "<vt:lpwstr>ninh-binh-2021</vt:lpwstr>",
               "<vt:lpwstr>ha-nam-2021</vt:lpwstr>")
    result = run("collect", plan_dir, other_year, other_unit, other_plan)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{other_year}: biểu mẫu của năm 2022, kế hoạch này là năm 2021\n"
        f"{other_unit}: đơn vị 'phong_moi' không có trong units.yaml (hoặc không còn tồn tại vào ngày của kế"
        " hoạch)\n"
        f"{other_plan}: biểu mẫu của kế hoạch 'ha-nam-2021', không phải của kế hoạch 'ninh-binh-2021'\n"
        "Có 3 lỗi; chưa ghi văn bản nào.\n")
    assert not (plan_dir / "results").exists()


def test_collect_refuses_what_is_not_a_form(plan_dir, tmp_path):
    _fresh(plan_dir)
    text = tmp_path / "thu.docx"
    text.write_text("không phải docx")
    plan = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"
    result = run("collect", plan_dir, text, plan)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{text}: không phải tệp .docx đọc được\n"
        f"{plan}: không phải biểu mẫu báo cáo do docgen tạo (thiếu thuộc tính docgen.kind = bieu-mau)\n"
        "Có 2 lỗi; chưa ghi văn bản nào.\n")


def test_collect_refuses_a_form_whose_fields_were_deleted(plan_dir):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    _all_filled(form)
    remove_field(form, "docgen:target:viec_lam")
    result = run("collect", plan_dir, form)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{form}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn', chỉ tiêu 'Số lao động được giải"
        " quyết việc làm mỗi năm' (viec_lam): ô \"Thực hiện\" đã bị xóa khỏi biểu mẫu; hãy điền vào biểu mẫu gốc"
        " docgen đã tạo\n")


def test_collect_refuses_two_forms_for_one_unit(plan_dir, tmp_path):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    _all_filled(form)
    copy = tmp_path / "kim-son-ban-2.docx"
    shutil.copy(form, copy)
    result = run("collect", plan_dir, form, copy)
    assert result.exit_code == 1
    assert result.stderr == (f"{copy}: đơn vị 'Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn' đã có biểu"
                             f" mẫu {form}: mỗi đơn vị chỉ nộp một biểu mẫu\n")


def test_collect_never_overwrites_without_force(plan_dir):
    out = _fresh(plan_dir)
    form = out / "bieu-mau" / "kim_son.docx"
    _all_filled(form)
    assert run("collect", plan_dir, form).exit_code == 0
    result_file = plan_dir / "results" / "kim_son.yaml"
    before = result_file.read_text(encoding="utf-8")
    again = run("collect", plan_dir, form)
    assert again.exit_code == 0 and f"Không đổi {result_file}" in again.output
    fill(form, {"docgen:target:viec_lam": "3.999"})
    refused = run("collect", plan_dir, form)
    assert refused.exit_code == 1
    assert "-  viec_lam: 2600\n+  viec_lam: 3999\n" in refused.output
    assert refused.stderr == f"Giữ nguyên {result_file}: đã có kết quả khác; dùng --force để ghi đè\n"
    assert result_file.read_text(encoding="utf-8") == before
    forced = run("collect", "--force", plan_dir, form)
    assert forced.exit_code == 0
    assert "viec_lam: 3999" in result_file.read_text(encoding="utf-8")


def test_evaluation_follows_the_direction_of_the_target():
    from docgen.model.report import evaluate
    from docgen.model.targets import Target
    from docgen.records.schema import Bound, Range

    def target(value, direction="higher"):
        return Target("t", "t", "%", value, direction, (), {}, "mean", None)

    assert evaluate(target(Bound(below=Decimal(2)), "lower"), Decimal("1.8")) == "met"
    assert evaluate(target(Bound(below=Decimal(2)), "lower"), Decimal("2.1")) == "below"
    assert evaluate(target(Decimal(19400)), Decimal(19500)) == "above"
    assert evaluate(target(Decimal(19400)), Decimal(19400)) == "met"
    assert evaluate(target(Decimal(19400)), Decimal(19000)) == "below"
    assert evaluate(target(Decimal(5), "lower"), Decimal(4)) == "above"
    assert evaluate(target(Range(min=Decimal(70), max=Decimal(72))), Decimal("71.5")) == "met"
    assert evaluate(target(Range(min=Decimal(70), max=Decimal(72))), Decimal("73")) == "above"
    assert evaluate(target(Range(min=Decimal(70), max=Decimal(72))), Decimal("69")) == "below"


def test_aggregation_sum_mean_weighted():
    from docgen.model.report import aggregate
    from docgen.model.targets import Target

    def target(kind, weight=None):
        return Target("t", "t", "%", Decimal(1), "higher", (), {}, kind, weight)

    values = {"a": Decimal(10), "b": Decimal(20)}
    assert aggregate(target("sum"), values, {}) == 30
    assert aggregate(target("mean"), values, {}) == 15
    assert aggregate(target("weighted", "w"), values, {"a": Decimal(3), "b": Decimal(1)}) == Decimal("12.50")
    assert aggregate(target("sum"), {}, {}) is None


def test_results_for_an_unknown_target_are_located(plan_dir):
    path = plan_dir / "results" / "kim_son.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  viec_lam: 3360", "  viec_lamm: 3360"),
                    encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (f"{path}:12:3: values.viec_lamm: không có chỉ tiêu 'viec_lamm' trong targets của"
                             " plan.yaml; có phải là 'viec_lam'?; hãy ghi mã của một chỉ tiêu có trong kế hoạch\n")


def _annex_rows(report_path: Path) -> dict[str, list[str]]:
    """Phụ lục I of the consolidated report: target name -> the row's cells."""
    report = docx.Document(str(report_path))
    for table in report.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[:2] == ["STT", "Chỉ tiêu"] and "Ghi chú" in header:
            return {shown(r.cells[1].text): [shown(c.text) for c in r.cells] for r in table.rows[1:]}
    raise AssertionError("không thấy bảng Phụ lục I")


def _matrix(report_path: Path, unit: str) -> dict[str, dict[str, str]]:
    """The Phụ lục II matrix with a column for `unit` (short name): target -> {column title: cell}."""
    report = docx.Document(str(report_path))
    for table in report.tables:
        header = [c.text.replace("\u00a0", " ") for c in table.rows[0].cells]  # a name's kept spaces read as spaces
        if header[:3] == ["Chỉ tiêu", "Đơn vị tính", "Kế hoạch"] and unit in header:
            return {r.cells[0].text: dict(zip(header, (c.text for c in r.cells), strict=True))
                    for r in table.rows[1:]}
    raise AssertionError(f"không thấy ma trận có cột {unit}")


def test_a_units_note_reaches_the_report_beside_its_figure(plan_dir):
    """kind 8: the Ghi chú a unit typed in its form (results notes:) is printed in Phụ lục I, in the
    note of that target's row under the unit's short name, exactly as typed."""
    path = plan_dir / "results" / "yen_khanh.yaml"
    typed = "Số liệu <tạm tính> đến 30/11 & chờ \"xác nhận\" {{ của Sở }} — hoà/hòa"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("narrative:", "notes:\n  that_nghiep: '" + typed.replace("'", "''")
                                 + "'\nnarrative:", 1), encoding="utf-8")
    out = _build(plan_dir)
    rows = _annex_rows(out / "bao-cao-tong-hop.docx")
    assert f"Yên Khánh: {typed}" in rows["Tỷ lệ thất nghiệp mỗi năm"][9].split("\n")
    # The shipped sample's note, on the jobs row under Hoa Lư; rows without a note have none.
    jobs = rows["Số lao động được giải quyết việc làm mỗi năm"][9].split("\n")
    assert "Hoa Lư: Gồm 412 lao động qua các phiên \"Ngày hội việc làm\" & sàn giao dịch trực tuyến" in jobs
    assert [k for k, v in rows.items() if ": " in v[9].replace("Chưa có số liệu: ", "")] == [
        "Số lao động được giải quyết việc làm mỗi năm", "Tỷ lệ thất nghiệp mỗi năm"]
    assert lint(out / "bao-cao-tong-hop.docx").findings == []


def test_a_note_typed_in_a_returned_form_reaches_the_report(plan_dir):
    """kind 8 end to end: Ghi chú typed in Word in a unit's form -> collect -> the report's row."""
    form = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "bieu-mau" / "yen_mo.docx"
    _build(plan_dir)
    _all_filled(form)
    typed = "Số liệu ước tính; chờ Cục Thống kê & BHXH xác nhận"
    fill(form, {"docgen:note:viec_lam": typed})
    assert run("collect", plan_dir, form).exit_code == 0
    rows = _annex_rows(_build(plan_dir) / "bao-cao-tong-hop.docx")
    assert f"Yên Mô: {typed}" in rows["Số lao động được giải quyết việc làm mỗi năm"][9].split("\n")
    assert not any("Yên Mô:" in v[9] for k, v in rows.items() if k != "Số lao động được giải quyết việc làm mỗi năm")
