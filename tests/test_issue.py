"""The lifecycle of a document in the register: a draft until the văn thư issues it (Nghị định
30/2020, Điều 15.2: numbered and dated after signing), numbers given at issue in the order asked,
withdrawn numbers never given again; a failed issue changes nothing."""

import re
import sqlite3

import docx
from conftest import run
from test_bad_input import edit, edit_template
from test_transaction import PLAN, header_number, register_rows, state


def _cells(path):
    return [c.text for c in docx.Document(str(path)).tables[0]._cells]


def test_a_build_takes_no_number_and_leaves_number_and_day_blank(workspace):
    plan_dir = workspace / "plans" / PLAN
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert not (workspace / "so-van-ban.sqlite").exists()
    out = workspace / "build" / PLAN
    assert sorted(p.name for p in (out / "quyet-dinh").iterdir()) == [
        "du-thao-chien-si-thi-dua-co-so.docx", "du-thao-giay-khen.docx", "du-thao-lao-dong-tien-tien.docx",
        "tat-ca.docx"]
    cells = _cells(out / "quyet-dinh" / "du-thao-giay-khen.docx")
    assert "Số:      /QĐ-LĐTBXH" in cells
    assert "Ninh Bình, ngày      tháng 12 năm 2021" in cells  # the records say 20: the văn thư dates it


def test_issue_numbers_in_the_order_given_and_records_what_the_page_shows(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    drafts = workspace / "build" / PLAN / "quyet-dinh"
    result = run("issue", drafts / "du-thao-chien-si-thi-dua-co-so.docx", drafts / "du-thao-giay-khen.docx",
                 "--date", "2021-12-27")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Ban hành số 01/QĐ-LĐTBXH ngày 27/12/2021: build/ninh-binh-2021/quyet-dinh/01-chien-si-thi-dua-co-so.docx",
        "Ban hành số 02/QĐ-LĐTBXH ngày 27/12/2021: build/ninh-binh-2021/quyet-dinh/02-giay-khen.docx",
        "Xong: ban hành 2 văn bản."]
    issued = drafts / "02-giay-khen.docx"
    cells = _cells(issued)
    assert {"Số: 02/QĐ-LĐTBXH", "Ninh Bình, ngày 27 tháng 12 năm 2021"} <= set(cells)
    assert not (drafts / "du-thao-giay-khen.docx").exists()
    assert (drafts / "du-thao-lao-dong-tien-tien.docx").is_file()  # not issued: still a draft
    listed = run("register", workspace).output.splitlines()
    assert listed[2] == ("02/QĐ-LĐTBXH\t2021-12-27\tVề việc tặng Giấy khen của Giám đốc Sở\tNhư Điều 3; Ban Thi"
                         " đua - Khen thưởng tỉnh (b/c); Lưu: VT, VP\tbuild/ninh-binh-2021/quyet-dinh/"
                         "02-giay-khen.docx")
    conn = sqlite3.connect(workspace / "so-van-ban.sqlite")
    assert conn.execute("SELECT signer FROM entries WHERE number = 2").fetchone() == ("Lâm Xuân Phương",)
    conn.close()
    # The rest of the list, in the list's order: the plan folder is the batch.
    result = run("issue", plan_dir, "--date", "2021-12-28")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        "Ban hành số 03/QĐ-LĐTBXH ngày 28/12/2021", "Ban hành số 04/TTr-LĐTBXH ngày 28/12/2021",
        "Xong"]
    assert header_number(drafts / "03-lao-dong-tien-tien.docx") == "Số: 03/QĐ-LĐTBXH"


def test_build_renders_the_registered_number_and_date_and_numbers_nothing(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    assert run("issue", plan_dir, "--date", "2021-12-20").exit_code == 0
    rows = register_rows(workspace)
    # The records change their date and gain a decision: the build keeps what was issued.
    edit(plan_dir / "awards.yaml", "date: 2021-12-20", "date: 2022-01-10")
    awards = plan_dir / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8") + (
        "  - {name: Phòng Người có công, kind: collective, form: tap_the_lao_dong_tien_tien}\n"), encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert register_rows(workspace) == rows
    out = workspace / "build" / PLAN / "quyet-dinh"
    assert {"Số: 01/QĐ-LĐTBXH", "Ninh Bình, ngày 20 tháng 12 năm 2021"} <= set(_cells(out / "01-giay-khen.docx"))
    assert {"Số:      /QĐ-LĐTBXH", "Ninh Bình, ngày      tháng 01 năm 2022"} <= set(
        _cells(out / "du-thao-tap-the-lao-dong-tien-tien.docx"))


def test_a_build_that_changes_an_issued_documents_text_is_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    assert run("issue", plan_dir, "--date", "2021-12-20").exit_code == 0
    awards = plan_dir / "awards.yaml"
    kept = awards.read_text(encoding="utf-8")
    before = state(workspace)
    # One awardee struck from the list after 01/QĐ was signed and issued with that name on it.
    awards.write_text("".join(line for line in kept.splitlines(keepends=True) if "Đinh Văn Ân" not in line),
                      encoding="utf-8")
    result = run("build", plan_dir)
    issued = workspace / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx"
    assert (result.exit_code, result.stderr) == (1, (
        f"{issued}: văn bản đã ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021; bản dựng lại sẽ khác bản đã ký:"
        " “…04 tập thể và 06 cá nhân (có danh sách kèm theo), đã có thà…” thành “…04 tập thể và 05 cá nhân (có"
        " danh sách kèm theo), đã có thà…”; bỏ “Ông Đinh Văn Ân / Chuyên viên, Phòng Bảo trợ xã hội / 450.0…” và"
        " 4 chỗ khác. Hồ sơ hoặc mẫu .docx đã đổi (sửa mẫu cũng làm đổi văn bản): không dựng, build/ và sổ văn"
        " bản giữ nguyên. Hãy trả hồ sơ và mẫu về như lúc ban hành, hoặc thu hồi văn bản (docgen withdraw"
        f" {issued} --reason \"LÝ_DO\") rồi dựng lại\n"))
    assert state(workspace) == before
    # Issuing another document meanwhile is refused the same way: its build would rewrite 01/QĐ.
    assert run("issue", plan_dir, "--date", "2021-12-21").exit_code == 1
    assert state(workspace) == before
    # Way out 1: the records put back, the build goes through and leaves 01/QĐ as signed.
    awards.write_text(kept, encoding="utf-8")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    assert state(workspace)[0]["ninh-binh-2021/quyet-dinh/01-giay-khen.docx"] == \
        before[0]["ninh-binh-2021/quyet-dinh/01-giay-khen.docx"]
    # Way out 2: withdrawn, the decision is a draft again, built from the new list and issued anew.
    awards.write_text("".join(line for line in kept.splitlines(keepends=True) if "Đinh Văn Ân" not in line),
                      encoding="utf-8")
    result = run("withdraw", issued, "--reason", "danh sách sai")
    assert result.exit_code == 0, result.output
    assert "Đinh Văn Ân" not in "".join(_cells(workspace / "build" / PLAN / "quyet-dinh" / "du-thao-giay-khen.docx"))
    result = run("build", plan_dir)
    assert (result.exit_code, result.stderr) == (0, "")
    # withdraw built the folder already: this build says so, once, and not "Xong" besides
    assert result.stdout == ("Hồ sơ, mẫu và sổ văn bản không đổi từ lần dựng trước: các tệp đã dựng được"
                             " giữ nguyên.\n")
    result = run("issue", plan_dir, "--date", "2021-12-21")
    assert result.exit_code == 0, result.output
    assert "Đinh Văn Ân" not in "".join(_cells(workspace / "build" / PLAN / "quyet-dinh" / "05-giay-khen.docx"))


def test_after_issue_unchanged_or_unrelated_records_build_as_before(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    assert run("issue", plan_dir, "--date", "2021-12-20").exit_code == 0
    out = workspace / "build" / PLAN
    issued = {p.name: p.read_bytes() for p in (out / "quyet-dinh").glob("0*.docx")} | {
        p.name: p.read_bytes() for p in (out / "to-trinh").glob("0*.docx")}
    assert len(issued) == 4
    # The same records: built again, nothing changes.
    result = run("build", plan_dir)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    # A unit's result changed: the report follows it, the issued documents stay as signed.
    results = sorted(p for p in (plan_dir / "results").glob("*.yaml") if p.name != "bao-cao.yaml")[0]
    text = results.read_text(encoding="utf-8")
    figure = re.search(r"(?m)^ +\w+: (\d+) *$", text)
    results.write_text(text[:figure.start(1)] + str(int(figure.group(1)) + 1) + text[figure.end(1):],
                       encoding="utf-8")
    report = (out / "bao-cao-tong-hop.docx").read_bytes()
    result = run("build", plan_dir)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert (out / "bao-cao-tong-hop.docx").read_bytes() != report
    # A unit's head changed: its form follows, the issued documents stay.
    form = (out / "bieu-mau" / "kim_son.docx").read_bytes()
    edit(plan_dir / "units.yaml", "Nguyễn Văn Tú,", "Nguyễn Văn Tuấn,")
    result = run("build", plan_dir)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert (out / "bieu-mau" / "kim_son.docx").read_bytes() != form
    now = {p.name: p.read_bytes() for p in (out / "quyet-dinh").glob("0*.docx")} | {
        p.name: p.read_bytes() for p in (out / "to-trinh").glob("0*.docx")}
    assert now == issued


def test_an_issued_document_is_not_issued_twice(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    draft = workspace / "build" / PLAN / "quyet-dinh" / "du-thao-giay-khen.docx"
    assert run("issue", draft, "--date", "2021-12-20").exit_code == 0
    before = state(workspace)
    issued = workspace / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx"
    result = run("issue", issued, "--date", "2021-12-21")
    assert result.exit_code == 1
    assert result.stderr == (f"{issued}: đã ban hành: số 01/QĐ-LĐTBXH ngày 20/12/2021. Một số chỉ cấp một lần;"
                             " muốn ban hành lại, hãy thu hồi trước (docgen withdraw TỆP --reason LÝ_DO)\n")
    assert state(workspace) == before


def test_a_withdrawn_number_is_never_given_again(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    assert run("issue", plan_dir, "--date", "2021-12-20").exit_code == 0
    out = workspace / "build" / PLAN / "quyet-dinh"
    result = run("withdraw", out / "02-lao-dong-tien-tien.docx", "--reason", "sai danh sách")
    assert result.exit_code == 0, result.output
    assert result.output == "Thu hồi số 02/QĐ-LĐTBXH năm 2021: sai danh sách\nXong: thu hồi 1 văn bản.\n"
    assert not (out / "02-lao-dong-tien-tien.docx").exists()
    assert header_number(out / "du-thao-lao-dong-tien-tien.docx") == "Số:      /QĐ-LĐTBXH"
    result = run("issue", out / "du-thao-lao-dong-tien-tien.docx", "--date", "2021-12-22")
    assert result.exit_code == 0, result.output
    assert [(s, v) for s, _, _, v in register_rows(workspace)] == [
        ("01/QĐ-LĐTBXH", None), ("02/QĐ-LĐTBXH", "sai danh sách"), ("03/QĐ-LĐTBXH", None),
        ("04/TTr-LĐTBXH", None), ("05/QĐ-LĐTBXH", None)]
    assert header_number(out / "05-lao-dong-tien-tien.docx") == "Số: 05/QĐ-LĐTBXH"
    # A draft cannot be withdrawn, nor a folder.
    result = run("withdraw", plan_dir, "--reason", "x")
    assert result.exit_code == 1
    assert result.stderr == (f"{plan_dir}: là một thư mục; hãy chỉ từng văn bản cần thu hồi (tệp .docx đã ban"
                             " hành hoặc tệp hồ sơ .yaml)\n")


def test_a_failed_issue_changes_nothing(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    edit_template(workspace / "templates" / "quyet-dinh.docx", "{{ d.proposed_by }}", "{{ d.proposed_by }")
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert result.exit_code == 1
    assert "quyet-dinh.docx" in result.stderr
    assert state(workspace) == before
    assert not (workspace / "so-van-ban.sqlite").exists()


def test_what_cannot_be_issued_is_said(workspace, tmp_path):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    result = run("issue", plan_dir, "--date", "2021-12")
    assert (result.exit_code, result.stderr) == (1, "--date: ngày ban hành '2021-12' thiếu ngày; hãy viết đủ"
                                                 " NĂM-THÁNG-NGÀY, ví dụ 2021-12-20\n")
    stray = workspace / "khong-phai.docx"
    stray.write_bytes((workspace / "templates" / "quyet-dinh.docx").read_bytes())
    result = run("issue", stray)
    assert (result.exit_code, result.stderr) == (1, f"{stray}: không phải văn bản docgen dựng ra (tệp .docx trong"
                                                 " build/, PDF đã ký bằng docgen sign), tệp văn bản .yaml hay thư mục"
                                                 " hồ sơ: không biết văn bản nào cần ban hành\n")
    other = workspace / "plans" / "cong-van-dang-ky-thi-dua"
    result = run("issue", plan_dir, other, "--date", "2021-12-20")
    assert (result.exit_code, result.stderr) == (1, f"{other}: thuộc hồ sơ khác (cong-van-dang-ky-thi-dua) với văn"
                                                 " bản đầu (ninh-binh-2021); mỗi lệnh chỉ ban hành (hoặc thu hồi)"
                                                 " văn bản của một hồ sơ, để cả lô hoặc xong hết hoặc không đổi gì\n")
    edit(plan_dir / "awards.yaml", "draft: false", "draft: true ")
    assert run("build", plan_dir).exit_code == 0
    draft = workspace / "build" / PLAN / "quyet-dinh" / "du-thao-giay-khen.docx"
    result = run("issue", draft, "--date", "2021-12-20")
    assert (result.exit_code, result.stderr) == (1, f"{draft}: danh sách khen thưởng đang là dự thảo (awards.yaml:"
                                                 " draft: true); hãy sửa thành draft: false rồi ban hành\n")
    assert not (workspace / "so-van-ban.sqlite").exists()


def test_a_document_record_is_issued_by_its_file(workspace):
    folder = workspace / "plans" / "cong-van-dang-ky-thi-dua"
    record = folder / "cong-van.yaml"
    text = record.read_text(encoding="utf-8")
    import re

    record.write_text(re.sub(r"(?m)^number: .*$", "number: register", text), encoding="utf-8")
    assert run("build", folder).exit_code == 0
    built = workspace / "build" / "cong-van-dang-ky-thi-dua" / "cong-van.docx"
    assert header_number(built).startswith("Số:      /")
    result = run("issue", record, "--date", "2021-10-04")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("Ban hành số 01/")
    assert header_number(built).startswith("Số: 01/")
    result = run("issue", built, "--date", "2021-10-05")
    assert result.exit_code == 1 and "đã ban hành: số 01/" in result.stderr


def test_the_plan_and_the_reports_say_why_they_are_not_issued(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    plan = workspace / "build" / PLAN / "ke-hoach.docx"
    result = run("issue", plan)
    assert (result.exit_code, result.stderr) == (1, (
        f"{plan}: kế hoạch đã có số 125/KH-LĐTBXH ngày 15/09/2021, ghi trong hồ sơ ({plan_dir / 'plan.yaml'}:"
        " number): văn bản đánh số ngoài docgen, không lấy số trong sổ văn bản nên không ban hành lại; các quyết"
        f" định, tờ trình căn cứ kế hoạch thì ban hành bằng docgen issue {plan_dir}\n"))
    report = workspace / "build" / PLAN / "bao-cao-tong-hop.docx"
    result = run("issue", report)
    assert (result.exit_code, result.stderr) == (1, (
        f"{report}: báo cáo tổng hợp không lấy số trong sổ văn bản của docgen: văn thư cấp số khi ban hành báo"
        " cáo, rồi ghi số và ngày vào tệp lời của năm đó (results/bao-cao.yaml, hoặc results/<năm>/bao-cao.yaml"
        " của các năm sau: number: SỐ, date: NĂM-THÁNG-NGÀY) và dựng lại\n"))
    assert state(workspace) == before
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: null")
    assert run("build", plan_dir).exit_code == 0
    result = run("issue", plan)
    assert (result.exit_code, result.stderr) == (1, (
        f"{plan}: kế hoạch không lấy số trong sổ văn bản của docgen: văn thư cấp số khi ban hành kế hoạch, rồi ghi"
        f" số đó vào {plan_dir / 'plan.yaml'} (number: SỐ) và dựng lại\n"))


def test_a_decision_citing_a_plan_still_unnumbered_is_not_issued(workspace):
    plan_dir = workspace / "plans" / PLAN
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: null")
    assert run("build", plan_dir).exit_code == 0
    before = state(workspace)
    record = plan_dir / "plan.yaml"
    draft = workspace / "build" / PLAN / "quyet-dinh" / "du-thao-giay-khen.docx"
    result = run("issue", draft, "--date", "2021-12-20")
    assert (result.exit_code, result.stderr) == (1, (
        f"{draft}: văn bản này căn cứ Kế hoạch số …/KH-LĐTBXH ngày 15/09/2021, mà kế hoạch chưa có số ({record}:"
        " number để trống): văn bản ban hành không được để trống số của văn bản nó căn cứ. Hãy ban hành kế hoạch"
        f" trước, ghi số của nó vào {record} (number: SỐ) và dựng lại, rồi ban hành văn bản này\n"))
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert (result.exit_code, result.stderr) == (1, (
        f"{plan_dir}: 4 văn bản (du-thao-giay-khen.docx, du-thao-lao-dong-tien-tien.docx,"
        " du-thao-chien-si-thi-dua-co-so.docx, du-thao-de-nghi-khen-thuong.docx) căn cứ Kế hoạch số …/KH-LĐTBXH"
        f" ngày 15/09/2021, mà kế hoạch chưa có số ({record}: number để trống): văn bản ban hành không được để"
        f" trống số của văn bản nó căn cứ. Hãy ban hành kế hoạch trước, ghi số của nó vào {record} (number: SỐ)"
        " và dựng lại, rồi ban hành chúng\n"))
    assert state(workspace) == before
    # The plan issued as number 130: written in, built, the decision is issued citing it.
    edit(plan_dir / "plan.yaml", "number: null", "number: 130")
    assert run("build", plan_dir).exit_code == 0
    result = run("issue", draft, "--date", "2021-12-20")
    assert result.exit_code == 0, result.output
    assert any("Kế hoạch số 130/KH-LĐTBXH" in t for t in _paragraphs(
        workspace / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx"))


def _paragraphs(path):
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_a_number_typed_in_the_records_is_never_given_again(workspace):
    # The plan numbered outside docgen holds 02 of the agency's 2021 sequence (Nghị định 30: one
    # sequence per agency and year): the register skips it.
    plan_dir = workspace / "plans" / PLAN
    edit(plan_dir / "plan.yaml", "number: 125 ", "number: 2 ")
    assert run("build", plan_dir).exit_code == 0
    result = run("issue", plan_dir, "--date", "2021-12-20")
    assert result.exit_code == 0, result.output
    assert [line.split(":")[0] for line in result.output.splitlines()] == [
        "Ban hành số 01/QĐ-LĐTBXH ngày 20/12/2021", "Ban hành số 03/QĐ-LĐTBXH ngày 20/12/2021",
        "Ban hành số 04/QĐ-LĐTBXH ngày 20/12/2021", "Ban hành số 05/TTr-LĐTBXH ngày 20/12/2021", "Xong"]
    out = workspace / "build" / PLAN / "quyet-dinh"
    numbers = sorted(header_number(p) for p in out.glob("0*.docx"))
    assert numbers == ["Số: 01/QĐ-LĐTBXH", "Số: 03/QĐ-LĐTBXH", "Số: 04/QĐ-LĐTBXH"]


def test_an_issue_date_before_the_last_numbers_date_is_refused(workspace):
    plan_dir = workspace / "plans" / PLAN
    assert run("build", plan_dir).exit_code == 0
    drafts = workspace / "build" / PLAN / "quyet-dinh"
    assert run("issue", drafts / "du-thao-giay-khen.docx", "--date", "2021-12-27").exit_code == 0
    before = state(workspace)
    named = drafts / "du-thao-lao-dong-tien-tien.docx"
    result = run("issue", named, "--date", "2021-12-20")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{named}: ngày ban hành 20/12/2021 sớm hơn ngày của số cuối cùng đã cấp trong sổ văn bản năm 2021: số"
        " 01/QĐ-LĐTBXH ngày 27/12/2021. Số văn bản cấp theo thứ tự ngày trong năm; hãy ban hành với --date từ"
        " 2021-12-27 trở về sau\n")
    assert state(workspace) == before
    result = run("issue", named, "--date", "2021-12-27")
    assert result.exit_code == 0, result.output
    assert header_number(drafts / "02-lao-dong-tien-tien.docx") == "Số: 02/QĐ-LĐTBXH"
