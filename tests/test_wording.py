"""Every sentence on the page lives in a template or a record: a clerk rewords it in Word, and the
model hands the templates values only. Also the award decisions that follow from it: one or two
awardees named in Điều 1, a title without money, a decision of a higher issuer."""

import ast
import re
import shutil
from pathlib import Path

import docx
import pytest
from conftest import ROOT, build_and_issue, run
from docxread import shown
from test_bad_input import edit

from docgen.checker import lint

# Letters only Vietnamese writes (a string holding one is Vietnamese text), and common Vietnamese
# words written without diacritics.
VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
WORDS = {"cho", "theo", "trong", "tinh", "nam", "thang", "ngay", "va", "kinh", "gui"}
# Calls whose text is an error message or a developer's note, not page text.
MESSAGES = {"Problem", "RecordError", "add", "at", "ValueError", "TypeError", "problem_at", "_problem"}
PAGE_MODULES = ["docgen/model/awards.py", "docgen/model/report.py", "docgen/render/environment.py",
                "docgen/render/batch.py", "docgen/render/runs.py"]


def page_text_in(source: str) -> list[tuple[int, str]]:
    """String literals of a module that would print Vietnamese on a page: (line, text).

    Docstrings and the texts of exceptions and problems (error messages) are left out.
    """
    tree = ast.parse(source)
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        name = None
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if isinstance(node, ast.Raise) or name in MESSAGES:
            skipped.update(id(n) for n in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            if len(node.value) <= 3 and " " not in node.value:
                continue  # a letter or a ký hiệu ("đ", "QĐ"), not a sentence
            words = set(node.value.lower().split())
            if VIETNAMESE.search(node.value) or words & WORDS:
                found.append((node.lineno, node.col_offset, node.value))
    return [(line, text) for line, _, text in sorted(found)]


def test_the_scanner_finds_page_text_and_ignores_messages():
    old = 'article = f"Tặng {label} cho {who}."\nto = "Kinh gui UBND tinh"\n'
    assert sorted(t for _, t in page_text_in(old)) == [" cho ", "Kinh gui UBND tinh", "Tặng "]
    messages = ('"""Quyết định khen thưởng."""\nraise RecordError.at(loc, f"không có {x}")\n'
                'check.add(i, "form", "sai hình thức")\nslug = "quyet-dinh"\n')
    assert page_text_in(messages) == []


@pytest.mark.parametrize("module", PAGE_MODULES)
def test_model_and_render_hold_no_page_sentence(module):
    assert page_text_in((ROOT / module).read_text(encoding="utf-8")) == []


# --- a clerk rewords the templates in Word ----------------------------------------------------------

def _reword(template: Path, old: str, new: str) -> None:
    """Change a sentence as Word would: in the runs of the paragraph that holds it, then save."""
    document = docx.Document(str(template))
    runs = [r for p in document.paragraphs for r in p.runs if old in r.text]
    assert len(runs) == 1, old
    runs[0].text = runs[0].text.replace(old, new)
    document.save(str(template))


def _texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [shown(p.text) for p in document.paragraphs if p.text.strip()]


def _cell_texts(path: Path) -> list[str]:
    document = docx.Document(str(path))
    return [shown(p.text) for t in document.tables for c in t._cells for p in c.paragraphs if p.text.strip()]


def _build(plan_dir: Path, issue: bool = True) -> Path:
    """Build the plan and, unless `issue` is False, issue its decisions and proposal on 20/12/2021."""
    if issue:
        return build_and_issue(plan_dir)
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    return plan_dir.parents[1] / "build" / "ninh-binh-2021"


def test_a_clerk_rewords_article_3_of_the_decision(plan_dir):
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    _reword(template, "Quyết định này có hiệu lực kể từ ngày ký. ", "")
    _reword(template, "chịu trách nhiệm thi hành Quyết định này./.", "căn cứ Quyết định thi hành./.")
    out = _build(plan_dir)
    texts = _texts(out / "quyet-dinh" / "01-giay-khen.docx")
    assert next(t for t in texts if t.startswith("Điều 3.")) == (
        "Điều 3. Chánh Văn phòng Sở, Trưởng các phòng nghiệp vụ, Thủ trưởng các đơn vị trực thuộc Sở và các"
        " tập thể, cá nhân có tên tại Điều 1 căn cứ Quyết định thi hành./.")
    assert lint(out / "quyet-dinh" / "01-giay-khen.docx").findings == []


def test_nhu_dieu_3_is_written_only_where_the_template_says(plan_dir):
    # The draft first: an issued decision is never rewritten by a changed template (the build refuses).
    out = _build(plan_dir, issue=False)
    assert "- Như Điều 3;" in _cell_texts(out / "quyet-dinh" / "du-thao-giay-khen.docx")
    template = plan_dir.parents[1] / "templates" / "quyet-dinh.docx"
    document = docx.Document(str(template))
    line = next(p for t in document.tables for c in t._cells for p in c.paragraphs if "Như Điều" in p.text)
    line._p.getparent().remove(line._p)
    document.save(str(template))
    out = _build(plan_dir)
    cells = _cell_texts(out / "quyet-dinh" / "01-giay-khen.docx")
    assert not [t for t in cells if "Như Điều" in t]
    assert cells[cells.index("Nơi nhận:") + 1] == "- Ban Thi đua - Khen thưởng tỉnh (b/c);"


def test_a_clerk_rewords_the_proposal(plan_dir):
    template = plan_dir.parents[1] / "templates" / "to-trinh.docx"
    _reword(template, "xem xét, quyết định./.", "xem xét, quyết định. Trân trọng kính trình./.")
    texts = _texts(_build(plan_dir) / "to-trinh" / "04-de-nghi-khen-thuong.docx")
    assert ("Sở Lao động - Thương binh và Xã hội kính trình Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình xem xét,"
            " quyết định. Trân trọng kính trình./.") in texts


def test_a_clerk_rewords_the_unit_form(plan_dir):
    template = plan_dir.parents[1] / "templates" / "bieu-mau.docx"
    _reword(template, "Báo cáo gửi về", "Đề nghị đơn vị gửi báo cáo về")
    texts = _texts(_build(plan_dir) / "bieu-mau" / "kim_son.docx")
    assert ("Đề nghị đơn vị gửi báo cáo về Sở Lao động - Thương binh và Xã hội (qua Văn phòng Sở) trước ngày"
            " 15 tháng 12 năm 2021./.") in texts


def test_the_form_focal_office_is_plan_data(plan_dir):
    edit(plan_dir / "plan.yaml", "via: Văn phòng Sở\n", "via: Phòng Thi đua - Khen thưởng\n")
    texts = _texts(_build(plan_dir) / "bieu-mau" / "kim_son.docx")
    assert ("Báo cáo gửi về Sở Lao động - Thương binh và Xã hội (qua Phòng Thi đua - Khen thưởng) trước ngày"
            " 15 tháng 12 năm 2021./.") in texts


def test_a_clerk_rewords_the_report(plan_dir):
    template = plan_dir.parents[1] / "templates" / "bao-cao-tong-hop.docx"
    _reword(template, "Trên đây là báo cáo kết quả", "Trên đây là báo cáo tóm tắt kết quả")
    edit(plan_dir / "plan.yaml", "  recipients: [Sở Nội vụ]\n  archive: VP\n",
         "  recipients: [Ban Thi đua - Khen thưởng tỉnh]\n  archive: TĐKT\n")
    out = _build(plan_dir)
    texts = _texts(out / "bao-cao-tong-hop.docx")
    assert ("Trên đây là báo cáo tóm tắt kết quả thực hiện phong trào thi đua năm 2021 của Sở Lao động -"
            " Thương binh và Xã hội./.") in texts
    cells = _cell_texts(out / "bao-cao-tong-hop.docx")
    start = cells.index("Nơi nhận:")
    assert cells[start:start + 4] == ["Nơi nhận:", "- Như trên;", "- Ban Thi đua - Khen thưởng tỉnh;",
                                      "- Lưu: VT, TĐKT."]


# --- award decisions shaped by their awardees and the law data ---------------------------------------

def test_two_awardees_are_named_in_article_1_without_a_list(plan_dir):
    path = _build(plan_dir) / "quyet-dinh" / "03-chien-si-thi-dua-co-so.docx"
    texts = _texts(path)
    assert next(t for t in texts if t.startswith("Điều 1.")).startswith(
        "Điều 1. Công nhận danh hiệu “Chiến sĩ thi đua cơ sở” năm 2021 cho Ông Nguyễn Văn Bình, Trưởng phòng,"
        " Phòng Người có công và Bà Mai Thị Thảo, Phó Chánh Văn phòng, Văn phòng Sở, đã có thành tích xuất sắc")
    assert next(t for t in texts if t.startswith("Điều 2.")) == (
        "Điều 2. Tiền thưởng kèm theo: mỗi cá nhân 1.490.000 đồng (Một triệu bốn trăm chín mươi nghìn đồng)."
        " Tổng số tiền thưởng là 2.980.000 đồng (Hai triệu chín trăm tám mươi nghìn đồng), trích từ Quỹ Thi"
        " đua, khen thưởng của Sở Lao động - Thương binh và Xã hội.")
    assert next(t for t in texts if t.startswith("Điều 3.")).endswith(
        "và các cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    assert "DANH SÁCH" not in texts and not [t for t in texts if "danh sách" in t]
    assert len(docx.Document(str(path)).sections) == 1
    assert lint(path).findings == []


NO_MONEY_FORM = """
tap_the_tieu_bieu:
  name: Tập thể tiêu biểu
  label: danh hiệu “Tập thể tiêu biểu”
  verb: công nhận
  title: true
  money: false
  kind: [collective]
"""

NO_MONEY_AWARDS = """date: 2021-12-20
signer: head
proposed_by: Chánh Văn phòng Sở
achievement: đã có thành tích tiêu biểu năm 2021
executors: Chánh Văn phòng Sở
archive: VP
awards:
{awards}
"""


def _law_with_a_title_without_money(plan_dir: Path) -> None:
    from docgen.records.law import LAW_DIR

    law = plan_dir.parents[1] / "law"
    shutil.copytree(LAW_DIR, law)
    with (law / "award_forms.yaml").open("a", encoding="utf-8") as f:
        f.write(NO_MONEY_FORM)
    edit(law / "authority.yaml", "  decides: [giay_khen,", "  decides: [tap_the_tieu_bieu, giay_khen,")


@pytest.mark.parametrize("names", [["Văn phòng Sở"], ["Văn phòng Sở", "Phòng Người có công", "Phòng Bảo trợ xã hội"]])
def test_a_title_without_money_has_no_money_article_and_no_fund(plan_dir, names):
    _law_with_a_title_without_money(plan_dir)
    awards = "\n".join(f"  - {{name: {n}, kind: collective, form: tap_the_tieu_bieu}}" for n in names)
    (plan_dir / "awards.yaml").write_text(NO_MONEY_AWARDS.format(awards=awards), encoding="utf-8")
    path = _build(plan_dir) / "quyet-dinh" / "01-tap-the-tieu-bieu.docx"
    texts = _texts(path)
    articles = [t for t in texts if t.startswith("Điều ")]
    if len(names) == 1:
        assert articles[0] == ("Điều 1. Công nhận danh hiệu “Tập thể tiêu biểu” năm 2021 cho Văn phòng Sở, đã có"
                               " thành tích tiêu biểu năm 2021.")
        assert articles[1] == ("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở và tập thể"
                               " có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
    else:
        assert articles[0] == ("Điều 1. Công nhận danh hiệu “Tập thể tiêu biểu” năm 2021 cho 03 tập thể (có danh"
                               " sách kèm theo), đã có thành tích tiêu biểu năm 2021.")
        assert articles[1].startswith("Điều 2. Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Sở và"
                                      " các tập thể có tên tại Điều 1")
        table = docx.Document(str(path)).tables[-1]
        assert [c.text for c in table.rows[0].cells] == ["STT", "Tên tập thể"]
    assert len(articles) == 2
    assert not [t for t in texts if "tiền thưởng" in t.lower() or "Quỹ" in t or "Tổng cộng" in t]
    assert "- Như Điều 2;" in _cell_texts(path)
    assert lint(path).findings == []


PROVINCE = """parent: Chính phủ
name: Ủy ban nhân dân tỉnh Ninh Bình
header_lines: [Ủy ban nhân dân, tỉnh Ninh Bình]
abbreviation: UBND
place: Ninh Bình
head: {name: Nguyễn Văn A, title: Chủ tịch}
deputies: [{id: pct, name: Trần Song Tùng, title: Phó Chủ tịch}]
"""

PROVINCE_AWARDS = """date: 2021-12-28
signer: pct
authority: chu_tich_ubnd_tinh
proposed_by: Giám đốc Sở Nội vụ
achievement: đã hoàn thành xuất sắc nhiệm vụ năm 2021
fund: ngân sách tỉnh
executors: Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Thủ trưởng các cơ quan, đơn vị liên quan
archive: VP, NC
awards:
  - {name: Trung tâm Dịch vụ việc làm tỉnh Ninh Bình, kind: collective, form: tap_the_lao_dong_xuat_sac}
"""


def test_a_decision_of_the_provincial_chair_from_the_same_records(plan_dir):
    (plan_dir / "organisation.yaml").write_text(PROVINCE, encoding="utf-8")
    (plan_dir / "awards.yaml").write_text(PROVINCE_AWARDS, encoding="utf-8")
    path = _build(plan_dir) / "quyet-dinh" / "01-tap-the-lao-dong-xuat-sac.docx"
    texts = _texts(path)
    assert texts[:3] == ["QUYẾT ĐỊNH", "Về việc tặng danh hiệu “Tập thể lao động xuất sắc” năm 2021",
                         "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"]
    assert next(t for t in texts if t.startswith("Điều 1.")) == (
        "Điều 1. Tặng danh hiệu “Tập thể lao động xuất sắc” năm 2021 cho Trung tâm Dịch vụ việc làm tỉnh Ninh"
        " Bình, đã hoàn thành xuất sắc nhiệm vụ năm 2021.")
    # 1,5 × 1.490.000 đồng, rounded up to ten thousand đồng.
    assert next(t for t in texts if t.startswith("Điều 2.")) == (
        "Điều 2. Tiền thưởng kèm theo: 2.240.000 đồng (Hai triệu hai trăm bốn mươi nghìn đồng), trích từ ngân"
        " sách tỉnh.")
    cells = _cell_texts(path)
    assert "Số: 01/QĐ-UBND" in cells
    assert cells[-3:] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Song Tùng"]
    assert "- Lưu: VT, VP, NC." in cells
    assert lint(path).findings == []


def test_who_decides_which_form_is_law_data():
    from docgen.records.law import Law

    law = Law()
    assert law.authorities["giam_doc_so"].decides == ["giay_khen", "lao_dong_tien_tien", "chien_si_thi_dua_co_so",
                                                      "tap_the_lao_dong_tien_tien"]
    assert "Điều 80.1" in law.authorities["giam_doc_so"].source and law.authorities["giam_doc_so"].verified
    assert law.decider("tap_the_lao_dong_xuat_sac") == "chu_tich_ubnd_tinh"
    assert law.decider("co_thi_dua_chinh_phu") == "thu_tuong"
    assert not law.authorities["chu_tich_ubnd_tinh"].verified
    assert {f.verb for f in law.forms.values()} == {"tặng", "tặng thưởng", "công nhận"}


def test_an_issuer_level_that_is_not_in_the_law_is_named(plan_dir):
    edit(plan_dir / "awards.yaml", "signer: head\n", "signer: head\nauthority: giam_doc\n")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (f"{plan_dir}/awards.yaml:15:12: authority: không có cấp 'giam_doc' trong"
                             " law/authority.yaml (có: hieu_truong, chu_tich_ubnd_xa, chu_tich_ubnd_huyen, giam_doc_so,"
                             " thu_truong_don_vi, chu_tich_ubnd_tinh, thu_tuong)\n")


GOVERNMENT = """parent: Chính phủ
name: Chính phủ
header_lines: [Thủ tướng Chính phủ]
abbreviation: TTg
place: Hà Nội
head: {name: Nguyễn Văn B, title: Thủ tướng}
"""

GOVERNMENT_AWARDS = """date: 2021-12
authority: thu_tuong
proposed_by: Bộ trưởng Bộ Nội vụ
achievement: đã hoàn thành xuất sắc toàn diện nhiệm vụ công tác năm 2021, dẫn đầu phong trào thi đua
fund: ngân sách nhà nước
executors: Bộ trưởng Bộ Nội vụ, Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình
awards:
  - {name: Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình, kind: collective, form: co_thi_dua_chinh_phu}
"""


def test_a_decision_of_the_prime_minister_uses_the_verb_of_the_law_data(plan_dir):
    (plan_dir / "organisation.yaml").write_text(GOVERNMENT, encoding="utf-8")
    (plan_dir / "awards.yaml").write_text(GOVERNMENT_AWARDS, encoding="utf-8")
    # Not issued yet: the number and the day are left for the văn thư (docgen issue gives them).
    path = _build(plan_dir, issue=False) / "quyet-dinh" / "du-thao-co-thi-dua-cua-chinh-phu.docx"
    texts = _texts(path)
    assert texts[1:3] == ["Về việc tặng thưởng Cờ thi đua của Chính phủ năm 2021", "THỦ TƯỚNG CHÍNH PHỦ"]
    assert next(t for t in texts if t.startswith("Điều 1.")).startswith(
        "Điều 1. Tặng thưởng Cờ thi đua của Chính phủ năm 2021 cho Sở Lao động - Thương binh và Xã hội tỉnh"
        " Ninh Bình, đã hoàn thành xuất sắc")
    # 12 × 1.490.000 đồng.
    assert "17.880.000 đồng (Mười bảy triệu tám trăm tám mươi nghìn đồng)" in next(
        t for t in texts if t.startswith("Điều 2."))
    cells = _cell_texts(path)
    assert cells[-2:] == ["THỦ TƯỚNG", "Nguyễn Văn B"]
    assert "Hà Nội, ngày      tháng 12 năm 2021" in cells  # the day is left for the văn thư
    assert lint(path).findings == []


def test_a_proposal_is_addressed_to_the_level_that_decides(plan_dir):
    edit(plan_dir / "awards.yaml", "proposal:\n  to: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình\n  recipients:\n"
         "    - Ban Thi đua - Khen thưởng tỉnh\n", "")
    texts = _texts(_build(plan_dir) / "to-trinh" / "04-de-nghi-khen-thuong.docx")
    # organisation.yaml's superior names the province: never the bare "Chủ tịch Ủy ban nhân dân tỉnh"
    assert texts[2] == "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"


def test_a_law_folder_of_the_old_shape_says_what_to_change(plan_dir):
    from docgen.records.law import LAW_DIR

    law = plan_dir.parents[1] / "law"
    shutil.copytree(LAW_DIR, law)
    edit(law / "award_forms.yaml", "  verb: tặng\n", "  verb: tặng\n  authority: giam_doc_so\n")
    result = run("build", plan_dir)
    assert result.exit_code == 1
    assert result.stderr == (
        f"{law}/award_forms.yaml:18:3: giay_khen: tệp theo mẫu cũ: thẩm quyền nay ghi trong law/authority.yaml"
        " (danh sách decides của mỗi cấp); hãy xóa authority, authority_verified ở mỗi hình thức và ghi title:"
        " true cho các danh hiệu thi đua (hoặc chép lại law/ bằng docgen init)\n")
