"""Issue 12: one small hand-made document per kind of false finding (it must not appear) and per
kind of missed finding (it must appear), plus the real inputs in ../shared/cases."""

import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, run
from nd30doc import BODY, LINE, body_of, make, paragraph

from docgen.checker import lint

CASES = ROOT.parent / "shared" / "cases"
BULLET = ('<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
          '<w:lvlText w:val="{text}"/><w:suff w:val="space"/></w:lvl></w:abstractNum>'
          '<w:num w:numId="1"><w:abstractNumId w:val="0"/>{override}</w:num>')


def _numbering(fmt: str, text: str, start: int | None = None) -> str:
    override = (f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start}"/></w:lvlOverride>'
                if start else "")
    return BULLET.format(fmt=fmt, text=text, override=override)


def _lines(path: Path, **kw) -> list[str]:
    return [f"{f.rule}: {f.message}" for f in lint(path, **kw).findings]


# --- false findings that must not appear ------------------------------------------------------

def test_agency_name_wrapped_onto_two_bold_lines(tmp_path):
    two = {"cqbh": {"text": "SỞ LAO ĐỘNG - THƯƠNG BINH"}}
    path = make(tmp_path / "a.docx", cqcq=None, **two)
    from zipparts import replace_in

    marker = "SỞ LAO ĐỘNG - THƯƠNG BINH</w:t></w:r></w:p>"
    second = paragraph({"text": "VÀ XÃ HỘI", "size": 13, "bold": True, "align": "center"})
    replace_in(path, "word/document.xml", marker, marker + second)
    assert _lines(path) == []
    # With its parent body above, regular: still one agency of two lines.
    path = make(tmp_path / "b.docx", **two)
    replace_in(path, "word/document.xml", marker, marker + second)
    assert _lines(path) == []


def test_a_bold_parent_above_the_agency_is_still_reported(tmp_path):
    path = make(tmp_path / "x.docx", cqcq={"bold": True})
    assert _lines(path) == ["ND30-CQCQ: không được in đậm"]


def test_an_annex_file_is_not_asked_for_a_quoc_hieu(tmp_path):
    annex = (paragraph({"text": "Phụ lục I", "size": 14, "bold": True, "align": "center"})
             + paragraph({"text": "DANH SÁCH TẬP THỂ ĐƯỢC KHEN THƯỞNG", "size": 14, "bold": True,
                          "align": "center"})
             + paragraph({"text": "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05 tháng 01 năm 2022 của Sở Nội vụ)",
                          "size": 14, "italic": True, "align": "center"})
             + paragraph(dict(LINE, indent=(3500, 3500)))
             + paragraph(dict(BODY, text="Phòng Tổ chức cán bộ đã hoàn thành xuất sắc nhiệm vụ năm 2021.")))
    path = make(tmp_path / "x.docx", extra_body=[])
    from zipparts import rewrite

    def only_annex(parts):
        xml = parts["word/document.xml"].decode()
        head, rest = xml.split("<w:body>", 1)
        parts["word/document.xml"] = (head + "<w:body>" + annex + "<w:sectPr>" + rest.split("<w:sectPr>", 1)[1]
                                      ).encode()

    rewrite(path, only_annex)
    assert _lines(path) == []


def test_a_noi_nhan_item_wrapped_onto_a_second_paragraph(tmp_path):
    path = make(tmp_path / "x.docx", nn1={"text": "- Các phòng, ban, đơn vị trực thuộc Sở và Phòng"})
    from zipparts import replace_in

    marker = "Phòng</w:t></w:r></w:p>"
    more = paragraph({"text": "    Lao động - Thương binh và Xã hội các huyện;", "size": 11})
    replace_in(path, "word/document.xml", marker, marker + more)
    assert _lines(path) == []


def test_an_item_starting_without_a_dash_after_a_closed_one_is_reported(tmp_path):
    path = make(tmp_path / "x.docx")
    from zipparts import replace_in

    marker = "- Như Điều 2;</w:t></w:r></w:p>"
    replace_in(path, "word/document.xml", marker, marker + paragraph({"text": "Sở Tài chính;", "size": 11}))
    assert _lines(path) == ['ND30-NOINHAN-ITEM: mỗi nơi nhận bắt đầu bằng "- "']


def test_a_line_indented_by_a_leading_tab(tmp_path):
    path = make(tmp_path / "x.docx", plain={"first_line": 0, "lead_tab": True})
    assert _lines(path) == []  # the default tab stop, 720 twips = 1,27 cm
    path = make(tmp_path / "y.docx", plain={"first_line": 0, "lead_tab": True, "indent": (400, 0)})
    assert _lines(path) == ["ND30-BODY-INDENT: thụt đầu dòng 0,56 cm, quy định 1 cm hoặc 1,27 cm"]


def test_italic_can_cu_is_only_demanded_in_a_decision_or_resolution(tmp_path):
    bien_ban = dict(tenloai={"text": "BIÊN BẢN"}, so={"text": "Số: 05/BB-SNV"}, authority=None,
                    quyetdinh=None, trichyeu={"text": "Họp xét thi đua năm 2021"}, date=None)
    # Upright căn cứ in a biên bản: body text, judged as body text.
    assert _lines(make(tmp_path / "a.docx", cancu1={"italic": False}, cancu2={"italic": False},
                       denghi={"italic": False}, **bien_ban)) == []
    # The same lines upright in a decision are the căn cứ ban hành: italic is demanded.
    assert _lines(make(tmp_path / "b.docx", cancu1={"italic": False})) == ["ND30-CANCU: phải in nghiêng"]


def test_forms_the_decree_leaves_without_a_trich_yeu_or_number(tmp_path):
    # Mẫu 1.8: giấy giới thiệu, no trích yếu.
    path = make(tmp_path / "a.docx", tenloai={"text": "GIẤY GIỚI THIỆU"}, so={"text": "Số: 05/GGT-SNV"},
                trichyeu=None, authority=None, cancu1=None, cancu2=None, denghi=None, quyetdinh=None)
    assert _lines(path) == []
    # Mẫu 1.3: a text issued with a decision has "(Kèm theo …)" instead of a number, date,
    # Nơi nhận and signature.
    attached = paragraph({"text": "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05 tháng 01 năm 2022)", "size": 14,
                          "italic": True, "align": "center"})
    path = make(tmp_path / "b.docx", so=None, date=None, tenloai={"text": "QUY CHẾ"},
                trichyeu={"text": "Thi đua, khen thưởng"}, trichyeu_line=None, authority=None, cancu1=None,
                cancu2=None, denghi=None, quyetdinh=None, noinhan=None, nn1=None, nn2=None, sig1=None,
                sig2=None, name=None, space=None)
    from zipparts import replace_in

    marker = "Thi đua, khen thưởng</w:t></w:r></w:p>"
    replace_in(path, "word/document.xml", marker, marker + attached + paragraph({"text": "_" * 10,
                                                                                   "size": 13, "align": "center"}))
    assert _lines(path) == []


def test_a_plan_opening_with_can_cu(tmp_path):
    path = make(tmp_path / "x.docx", tenloai={"text": "KẾ HOẠCH"}, so={"text": "Số: 05/KH-SNV"},
                trichyeu={"text": "Thi đua năm 2022"}, trichyeu_line={"text": "_" * 7}, authority=None,
                quyetdinh=None, denghi=None, cancu2=None,
                cancu1={"italic": False, "text": "Căn cứ Kế hoạch số 125/KH-UBND ngày 15 tháng 9 năm 2021 của Ủy ban"
                        " nhân dân tỉnh, Sở Nội vụ xây dựng Kế hoạch như sau:"})
    assert _lines(path) == []


def test_build_strict_passes_on_the_shipped_example(plan_dir):
    result = run("build", "--strict", plan_dir)
    assert result.exit_code == 0, result.output
    assert "ND30-" not in result.output


def test_build_strict_passes_on_a_plan_opening_with_can_cu(plan_dir):
    plan = plan_dir / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    opening = "    Thực hiện Chỉ thị số 10/CT-UBND"
    assert opening in text
    plan.write_text(text.replace(opening, "    Căn cứ Chỉ thị số 10/CT-UBND"), encoding="utf-8")
    result = run("build", "--strict", plan_dir)
    assert result.exit_code == 0, result.output
    assert "ND30-" not in result.output


# --- missed findings that must appear ---------------------------------------------------------

def test_a_decision_without_noi_nhan(tmp_path):
    path = make(tmp_path / "x.docx", noinhan=None, nn1=None, nn2=None)
    assert _lines(path) == ["ND30-REQUIRED: quyết định thiếu: Nơi nhận"]


def test_a_decision_without_number_signature_or_trich_yeu(tmp_path):
    path = make(tmp_path / "x.docx", so=None, trichyeu=None, trichyeu_line=None, sig1=None, sig2=None,
                name=None)
    assert _lines(path) == ["ND30-REQUIRED: quyết định thiếu: số, ký hiệu (\"Số: …/…\"), trích yếu nội dung,"
                            " quyền hạn, chức vụ người ký, họ tên người ký"]


def test_cong_van_needs_its_v_v_line_not_a_type_name(tmp_path):
    path = make(tmp_path / "x.docx", so={"text": "Số: 05/SNV-VP"}, tenloai=None, trichyeu=None,
                trichyeu_line=None, authority=None, quyetdinh=None, cancu1=None, cancu2=None, denghi=None)
    assert _lines(path) == ["ND30-REQUIRED: công văn thiếu: trích yếu công văn (\"V/v …\")"]


def test_automatic_numbering_is_read_as_text(tmp_path):
    # Nơi nhận items drawn by a bullet list whose symbol is not a dash.
    path = make(tmp_path / "a.docx", numbering=_numbering("bullet", "+"),
                nn1={"text": "Như Điều 2;", "num": (1, 0)}, nn2={"text": "Lưu: VT, VP.", "num": (1, 0)})
    assert _lines(path) == ['ND30-NOINHAN-ITEM: mỗi nơi nhận bắt đầu bằng "- "'] * 2
    # The same with a dash: the items read "- Như Điều 2;" and "- Lưu: VT, VP.".
    path = make(tmp_path / "b.docx", numbering=_numbering("bullet", "-"),
                nn1={"text": "Như Điều 2;", "num": (1, 0)}, nn2={"text": "Lưu: VT, VP.", "num": (1, 0)})
    assert _lines(path) == []
    # Points numbered "%1)" from f: Word draws "f)", a letter the decree's sequence skips.
    path = make(tmp_path / "c.docx", numbering=_numbering("lowerLetter", "%1)", start=6),
                diem_a={"text": "Phòng Tổ chức cán bộ;", "num": (1, 0)}, diem_b=None)
    assert _lines(path) == ['ND30-DIEM: điểm "f)" không có trong thứ tự chữ cái tiếng Việt a), b), c), d), đ), e),'
                            ' g)…']


@pytest.mark.skipif(not (CASES / "lint-auto-bullets").is_dir(), reason="không có ../shared/cases")
def test_case_lint_auto_bullets():
    faulty = CASES / "lint-auto-bullets" / "ke-hoach-bullets-faults.docx"
    result = run("lint", faulty)
    assert result.exit_code == 1
    assert [line.removeprefix(f"{faulty}:") for line in result.output.splitlines()
            if line.startswith(f"{faulty}:") and "ND30-" in line] == [
        # Made by docgen before issue 11, with a 14 pt date under a 12 pt Quốc hiệu: true.
        'bảng 1, hàng 2, ô 2, ¶8 ("Ninh Bình, ngày tháng 9 năm 2…"): ND30-SIZE-PAIR: Quốc hiệu cỡ 12 pt thì dòng'
        " địa danh, ngày tháng cỡ 13 pt, đang 14 pt (Quốc hiệu/Tiêu ngữ/ngày: 12/13/13 hoặc 13/14/14)",
        'bảng 2, hàng 1, ô 1, ¶64 ("Nơi nhận:"): ND30-NOINHAN-LABEL: phải in nghiêng',
        'bảng 2, hàng 1, ô 2, ¶76 ("Lâm Xuân Phương"): ND30-SIG-NAME: cỡ chữ 12 pt, quy định 13–14 pt',
        'bảng 2, hàng 1, ô 2, ¶76 ("Lâm Xuân Phương"): ND30-SIG-NAME: phải in đậm',
    ]
    clean = CASES / "lint-auto-bullets" / "ke-hoach-bullets.docx"
    assert [f.rule for f in lint(clean).findings] == ["ND30-SIZE-PAIR"]  # its date, as above
    items = [p.clean for p in __import__("docgen.checker.ooxml", fromlist=["Document"]).Document(clean).paragraphs
             if p.table == 2 and p.cell == 1][1:]
    assert items[0] == "- Sở Nội vụ;" and items[-1] == "- Lưu: VT, VP."


@pytest.mark.skipif(not (CASES / "lint-auto-bullets").is_dir(), reason="không có ../shared/cases")
def test_case_lint_auto_bullets_clean_copy_is_clean_but_for_its_date_size(tmp_path):
    """The case's clean copy gives one ND30-SIZE-PAIR warning, and it is right: its Quốc hiệu is
    12 pt, its Tiêu ngữ 13 pt and its date 14 pt, where Decree 30 Phụ lục I's footnote pairs
    "Quốc hiệu cỡ chữ 12, Tiêu ngữ cỡ chữ 13, địa danh và ngày, tháng, năm văn bản cỡ chữ 13"
    (or 13/14/14); issue 11 names this same fault of the docgen that made the copy. The same copy
    with its date at 13 pt gives no finding: the bullets themselves are read right."""
    clean = CASES / "lint-auto-bullets" / "ke-hoach-bullets.docx"
    date_style = '<w:name w:val="ND30 Địa danh, ngày tháng"/>'
    with zipfile.ZipFile(clean) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    styles = parts["word/styles.xml"].decode("utf-8")
    at = styles.index(date_style)
    end = styles.index("</w:style>", at)
    assert '<w:sz w:val="28"/>' in styles[at:end]  # 14 pt
    parts["word/styles.xml"] = (styles[:at] + styles[at:end].replace('w:val="28"', 'w:val="26"')
                                + styles[end:]).encode("utf-8")
    fixed = tmp_path / "ke-hoach-bullets.docx"
    with zipfile.ZipFile(fixed, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert [(f.rule, f.severity) for f in lint(clean).findings] == [("ND30-SIZE-PAIR", "warning")]
    assert lint(fixed).findings == []


def test_ky_hieu_that_does_not_match_the_type(tmp_path):
    path = make(tmp_path / "x.docx", tenloai={"text": "KẾ HOẠCH"}, so={"text": "Số: 05/BC-SNV"},
                authority=None, quyetdinh=None, cancu1=None, cancu2=None, denghi=None)
    assert _lines(path) == ['ND30-KYHIEU: ký hiệu "BC" là của BÁO CÁO, nhưng tên loại là "KẾ HOẠCH" (viết tắt KH)']


def test_pending_tracked_revisions(tmp_path):
    path = make(tmp_path / "x.docx", plain={"inserted": True})
    assert _lines(path) == ["ND30-REVISIONS: còn thay đổi được theo dõi chưa chấp nhận (chèn); chấp nhận hoặc từ"
                            " chối mọi thay đổi (Review > Accept/Reject) rồi lưu lại"]


@pytest.mark.skipif(not (CASES / "template-tracked-changes").is_dir(), reason="không có ../shared/cases")
def test_case_template_tracked_changes():
    report = lint(CASES / "template-tracked-changes" / "quyet-dinh.docx")
    revisions = [f for f in report.findings if f.rule == "ND30-REVISIONS"]
    assert revisions and all(f.message.startswith("còn thay đổi được theo dõi chưa chấp nhận") for f in revisions)


def test_quoc_hieu_and_tieu_ngu_sizes_go_in_pairs(tmp_path):
    path = make(tmp_path / "x.docx", qh={"size": 13})
    # No longer deferred: docgen's own templates pair 12/13/13 since issue 11.
    assert lint(path).deferred == {}
    assert _lines(path) == [
        "ND30-SIZE-PAIR: Quốc hiệu cỡ 13 pt thì Tiêu ngữ cỡ 14 pt, đang 13 pt (Quốc hiệu/Tiêu ngữ/ngày: 12/13/13"
        " hoặc 13/14/14)",
        "ND30-SIZE-PAIR: Quốc hiệu cỡ 13 pt thì dòng địa danh, ngày tháng cỡ 14 pt, đang 13 pt (Quốc hiệu/Tiêu"
        " ngữ/ngày: 12/13/13 hoặc 13/14/14)"]


@pytest.mark.parametrize(("underscores", "ratio"), [(5, "0,23"), (20, "0,92")])
def test_line_under_trich_yeu_is_a_third_to_a_half_of_the_text(tmp_path, underscores, ratio):
    path = make(tmp_path / "x.docx", trichyeu_line={"text": "_" * underscores})
    length = f"{underscores * 130 / 567:.1f}".replace(".", ",").replace(",0", "")
    assert _lines(path, all_rules=True) == [
        f"ND30-TRICHYEU-LINE: đường kẻ dưới trích yếu dài {length} cm, bằng {ratio} dòng chữ; quy định từ 1/3 đến 1/2"]


def test_body_rules_run_inside_an_annex(tmp_path):
    annex = (paragraph({"text": "Phụ lục", "size": 14, "bold": True, "align": "center"})
             + paragraph({"text": "DANH SÁCH TẬP THỂ", "size": 14, "bold": True, "align": "center"})
             + paragraph({"text": "(Kèm theo Quyết định số 05/QĐ-SNV ngày 05/01/2022)", "size": 14, "italic": True,
                          "align": "center"})
             + paragraph(dict(BODY, text="Phòng Tổ chức cán bộ đã hoàn thành xuất sắc nhiệm vụ.", size=12)))
    path = make(tmp_path / "x.docx", after_closing=annex)
    assert _lines(path) == ["ND30-BODY-SIZE: cỡ chữ 12 pt, quy định 13–14 pt"]


def test_each_document_of_a_file_is_judged_on_its_own(tmp_path):
    first = make(tmp_path / "a.docx")
    second = make(tmp_path / "b.docx", noinhan=None, nn1=None, nn2=None, so={"text": "Số: 06/QĐ-SNV"})
    path = make(tmp_path / "both.docx", after_closing=paragraph({"text": ""}) + body_of(second))
    assert body_of(first) in body_of(path)
    report = lint(path)
    assert [(f.rule, f.message) for f in report.findings] == [
        ("ND30-REQUIRED", "quyết định thiếu: Nơi nhận")]
    assert report.findings[0].where.startswith("bảng 3, hàng 1, ô 2")  # the second decision's Quốc hiệu


# --- drafts are said aloud; --final asks whether the file is ready to issue ------------------

def test_lint_says_which_files_it_treated_as_drafts(tmp_path):
    blank = dict(so={"text": "Số:      /QĐ-SNV"}, date={"text": "Ninh Bình, ngày      tháng 01 năm 2022"})
    path = make(tmp_path / "x.docx", draft_property=True, **blank)
    result = run("lint", path)
    assert result.exit_code == 0
    assert result.output == (
        f"{path}: xét như bản dự thảo, tệp tự khai là bản dự thảo (thuộc tính docgen.draft): số và ngày để trống"
        " không bị báo; kiểm tra bản sẵn sàng ban hành bằng docgen lint --final\n"
        "Đã kiểm tra 1 văn bản: 0 lỗi, 0 cảnh báo.\n")
    result = run("lint", "--final", path)
    assert result.exit_code == 1
    assert [line[line.index("ND30-"):] for line in result.output.splitlines()[:-1]] == [
        "ND30-SO: chưa có số văn bản (chỉ để trống ở bản dự thảo: --draft)",
        "ND30-DATE: chưa ghi đủ ngày tháng (chỉ để trống ở bản dự thảo: --draft)"]
    assert run("lint", "--draft", "--final", path).exit_code == 2


def test_final_on_the_built_plan_reports_its_blank_number_and_day(plan_dir):
    # The shipped plan carries the number and day it was issued with; as the draft it was:
    text = (plan_dir / "plan.yaml").read_text(encoding="utf-8")
    (plan_dir / "plan.yaml").write_text(text.replace("number: 125 ", "number: null").replace(
        "date: 2021-09-15 ", "date: 2021-09    "), encoding="utf-8")
    assert run("build", plan_dir).exit_code == 0
    built = plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx"
    assert lint(built).draft == "tệp tự khai là bản dự thảo (thuộc tính docgen.draft)"
    assert [f.message for f in lint(built, final=True).findings] == [
        "chưa có số văn bản (chỉ để trống ở bản dự thảo: --draft)",
        "chưa ghi đủ ngày tháng (chỉ để trống ở bản dự thảo: --draft)"]


def test_many_files_are_judged_on_every_core_in_order(tmp_path, monkeypatch):
    import docgen.checker as checker

    files = [make(tmp_path / "a.docx"), make(tmp_path / "b.docx", plain={"size": 12}),
             make(tmp_path / "c.docx", noinhan=None, nn1=None, nn2=None)]
    serial = checker.lint_paths(files)
    monkeypatch.setattr(checker, "_size", lambda path: 10**7)  # as big as a 1,000-decision build
    parallel = checker.lint_paths(files)
    assert [(r.path, r.findings) for r in parallel] == [(r.path, r.findings) for r in serial]
    assert [len(r.findings) for r in parallel] == [0, 1, 1]


@pytest.mark.parametrize(("first", "second"), [("TRUNG TÂM DỊCH VỤ VIỆC LÀM", "TỈNH NINH BÌNH"),
                                               ("BAN THI ĐUA - KHEN THƯỞNG", "VÀ XÃ HỘI")])
def test_other_wrapped_agency_names(tmp_path, first, second):
    from zipparts import replace_in

    path = make(tmp_path / "x.docx", cqcq=None, cqbh={"text": first})
    marker = f"{first}</w:t></w:r></w:p>"
    replace_in(path, "word/document.xml", marker,
               marker + paragraph({"text": second, "size": 13, "bold": True, "align": "center"}))
    assert _lines(path) == []


def test_a_register_form_has_no_header_of_its_own(tmp_path):
    # Like the decree's Phụ lục IV/V forms (sổ, phiếu): a title and a table, no Quốc hiệu, number
    # or signature of their own; nothing is demanded of them.
    from zipparts import rewrite

    title = paragraph({"text": "SỔ ĐĂNG KÝ VĂN BẢN ĐI", "size": 14, "bold": True, "align": "center"})
    table = ('<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="4500"/>'
             '<w:gridCol w:w="4500"/></w:tblGrid><w:tr>'
             + "".join(f"<w:tc>{paragraph({'text': t, 'size': 13, 'bold': True, 'align': 'center'})}</w:tc>"
                       for t in ("Số, ký hiệu", "Trích yếu nội dung")) + "</w:tr></w:tbl>")
    path = make(tmp_path / "x.docx")

    def only_form(parts):
        xml = parts["word/document.xml"].decode()
        head, rest = xml.split("<w:body>", 1)
        parts["word/document.xml"] = (head + "<w:body>" + title + table + "<w:sectPr>"
                                      + rest.split("<w:sectPr>", 1)[1]).encode()

    rewrite(path, only_form)
    assert _lines(path) == []
    # The same title over a "Số:" line is a document: its Quốc hiệu is missing.
    number = paragraph({"text": "Số: 05/QĐ-SNV", "size": 13, "align": "center"})
    rewrite(path, lambda parts: parts.update({"word/document.xml": parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + number.encode(), 1)}))
    assert _lines(path)[0].startswith("ND30-REQUIRED: sổ đăng ký văn bản đi thiếu: Quốc hiệu và Tiêu ngữ,")
