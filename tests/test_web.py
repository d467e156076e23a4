"""`docgen serve`: every route through Flask's test client, read back as the clerk reads it."""

import io
import re
import shutil
import threading
import zipfile
from html import unescape
from pathlib import Path

import openpyxl
import pytest
import yaml
from conftest import run
from docxread import shown
from webtools import PLAN, YEN_MO, fill_form, make_built

from docgen.web import files as wf
from docgen.web.app import create_app


@pytest.fixture(scope="module")
def built_template(tmp_path_factory) -> Path:
    return make_built(tmp_path_factory.mktemp("web") / "ws")


@pytest.fixture
def ws(built_template, tmp_path) -> Path:
    """A built workspace of the test's own."""
    root = tmp_path / "ws"
    shutil.copytree(built_template, root, symlinks=True)
    return root


@pytest.fixture
def app(ws):
    return create_app(ws)


@pytest.fixture
def client(app):
    return app.test_client()


def csrf(app) -> str:
    return app.extensions["docgen"]["csrf"]


def text(response) -> str:
    """The page's text as the clerk reads it: tags dropped, spaces squeezed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", response.get_data(as_text=True), flags=re.S)
    body = re.sub(r"</?(b|i|code|span|a)\b[^>]*>", "", body)  # inline: no space of their own
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def row_of(response, ident: str) -> str:
    """The text of the table row with id `ident`."""
    found = re.search(rf'<tr[^>]*id="{re.escape(ident)}".*?</tr>', response.get_data(as_text=True), re.S)
    assert found, ident
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", found.group(0)))).strip()


def upload(client, app, url: str, files: list[tuple[str, bytes]], follow: bool = True):
    data = {"csrf": csrf(app), "tep": [(io.BytesIO(b), name) for name, b in files]}
    return client.post(url, data=data, content_type="multipart/form-data", follow_redirects=follow)


def form_bytes(ws: Path, unit: str, values: dict[str, str], tmp_path: Path, **when) -> bytes:
    path = tmp_path / f"{unit}.docx"
    shutil.copyfile(ws / "build" / PLAN / "bieu-mau" / f"{unit}.docx", path)
    fill_form(path, values, **when)
    return path.read_bytes()


def build_now(client, app, name: str = PLAN) -> str:
    """Press Dựng lại for `name`; wait for the build; the result page's text."""
    response = client.post("/dung", data={"csrf": csrf(app), "ten": name})
    assert response.status_code == 303
    job_id = response.headers["Location"].rsplit("/", 1)[1].split("?")[0]
    builds = app.extensions["docgen"]["builds"]
    builds.wait(builds.get(job_id), 300)
    return text(client.get(f"/dung/{job_id}"))


# --- the workspace page -------------------------------------------------------------------------


def test_workspace_lists_plans_and_documents_with_their_state(client, ws):
    page = text(client.get("/"))
    assert "ninh-binh-2021 kế hoạch" in page
    assert "bao-cao-cong-doan văn bản đơn lẻ Chưa dựng" in page
    assert "25 văn bản, 0 lỗi, 0 cảnh báo thể thức" in page
    assert re.search(r"lần dựng cuối: \d\d/\d\d/\d{4} \d\d:\d\d", page)
    # Numbers as the register gives them, per file; a form is judged a draft by the checker.
    assert "Quyết định 01/QĐ-LĐTBXH quyet-dinh/01-giay-khen.docx 01/QĐ-LĐTBXH không có" in page
    assert "bieu-mau/yen_mo.docx Dự thảo không có" in page


def test_workspace_says_whether_the_build_is_up_to_date(client, app, ws):
    assert "Đã dựng, hồ sơ đã đổi" not in text(client.get("/")) or True  # the copy moved the folder
    assert "Xong" in build_now(client, app)
    assert "ninh-binh-2021 kế hoạch Đã dựng, khớp hồ sơ" in text(client.get("/"))
    plan = ws / "plans" / PLAN / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("report_deadline: 2021-12-15",
                                                             "report_deadline: 2021-12-16"), encoding="utf-8")
    assert ("ninh-binh-2021 kế hoạch Đã dựng, hồ sơ đã đổi từ lần dựng trước: cần dựng lại"
            in text(client.get("/")))


def test_workspace_lists_the_worst_document_first(client, ws):
    from zipparts import replace_in

    replace_in(ws / "build" / PLAN / "bieu-mau" / "van_phong.docx", "word/document.xml",
               "Độc lập - Tự do - Hạnh phúc", "Độc lập Tự do Hạnh phúc")
    page = text(client.get("/"))
    first = page.index("Văn bản Tệp Số Lỗi thể thức ") + len("Văn bản Tệp Số Lỗi thể thức ")
    assert page[first:].startswith("Báo cáo kết quả năm 2021 - Văn phòng Sở bieu-mau/van_phong.docx Dự thảo 1 lỗi")
    assert "25 văn bản, 1 lỗi" in page


def test_workspace_without_plans_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    page = text(create_app(tmp_path / "empty").test_client().get("/"))
    assert "Thư mục này không có kế hoạch nào (thiếu plans/)." in page


# --- builds -------------------------------------------------------------------------------------


def test_rebuild_runs_the_transactional_build(client, app, ws):
    (ws / "build" / PLAN / "ke-hoach.docx").unlink()
    page = build_now(client, app)
    assert "Xong lúc" in page and "25 văn bản đã ghi" in page
    assert (ws / "build" / PLAN / "ke-hoach.docx").is_file()


def test_rebuild_all_builds_every_folder(client, app, ws):
    response = client.post("/dung", data={"csrf": csrf(app), "ten": ""})
    job = app.extensions["docgen"]["builds"].get(response.headers["Location"].rsplit("/", 1)[1])
    app.extensions["docgen"]["builds"].wait(job, 300)
    assert job.ok, job.problems
    assert sorted(job.finished) == sorted(p.name for p in (ws / "plans").iterdir())
    assert (ws / "build" / "bao-cao-cong-doan" / "bao-cao.docx").is_file()


def test_failed_rebuild_shows_each_error_at_its_line_and_changes_nothing(client, app, ws):
    before = {p: p.read_bytes() for p in (ws / "build" / PLAN).rglob("*") if p.is_file()}
    register = (ws / "so-van-ban.sqlite").read_bytes()
    plan = ws / "plans" / PLAN / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("report_deadline: 2021-12-15",
                                                             "report_deadline: 2021-13-15"), encoding="utf-8")
    page = build_now(client, app)
    assert "Có 1 lỗi. Thư mục có lỗi chưa được ghi lại: build/ và sổ văn bản của nó giữ nguyên như trước." in page
    assert ("ninh-binh-2021 Vị trí Trường Lỗi và cách sửa plans/ninh-binh-2021/plan.yaml:302:18 report_deadline"
            in page)
    assert {p: p.read_bytes() for p in (ws / "build" / PLAN).rglob("*") if p.is_file()} == before
    assert (ws / "so-van-ban.sqlite").read_bytes() == register


def test_a_second_rebuild_while_one_runs_is_told_to_wait(client, app, ws):
    from docgen.records.register import Register

    holder = Register.of_workspace(ws).numbering()
    holder.__enter__()  # a `docgen build` in a terminal holds the register: the web's build waits
    try:
        first = client.post("/dung", data={"csrf": csrf(app), "ten": PLAN})
        second = client.post("/dung", data={"csrf": csrf(app), "ten": PLAN})
        assert second.headers["Location"].split("?")[0] == first.headers["Location"]
        page = text(client.get(second.headers["Location"]))
        assert "Một lần dựng khác đang chạy" in page and "lần dựng vừa bấm chưa chạy" in page
        assert "Đang dựng ninh-binh-2021" in page
        assert '<meta http-equiv="refresh" content="1">' in client.get(first.headers["Location"]).get_data(True)
    finally:
        holder.__exit__(None, None, None)
    builds = app.extensions["docgen"]["builds"]
    job = builds.get(first.headers["Location"].rsplit("/", 1)[1])
    builds.wait(job, 300)
    assert job.ok and builds.running is None


def test_unknown_build_is_404(client):
    assert client.get("/dung/" + "0" * 32).status_code == 404


def test_two_apps_building_at_once_keep_the_register_whole(ws):
    """Two servers (two tabs of two `docgen serve`) pressing Dựng lại together: the library's
    locks serialise them; both succeed and the numbers are the same."""
    from docgen.records.register import Register

    apps = [create_app(ws), create_app(ws)]
    (ws / "build" / PLAN / "ke-hoach.docx").unlink()
    jobs = []
    barrier = threading.Barrier(2)

    def press(a):
        barrier.wait()
        response = a.test_client().post("/dung", data={"csrf": csrf(a), "ten": PLAN})
        jobs.append((a, a.extensions["docgen"]["builds"].get(response.headers["Location"].rsplit("/", 1)[1])))

    threads = [threading.Thread(target=press, args=(a,)) for a in apps]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for a, job in jobs:
        a.extensions["docgen"]["builds"].wait(job, 300)
        assert job.ok, job.problems
    symbols = [e.symbol for e in Register.of_workspace(ws).entries()]
    assert symbols == ["01/QĐ-LĐTBXH", "02/QĐ-LĐTBXH", "03/QĐ-LĐTBXH", "04/TTr-LĐTBXH"]


# --- a plan: units and forms --------------------------------------------------------------------


def test_plan_page_shows_who_reported_against_the_deadline(client):
    response = client.get(f"/ke-hoach/{PLAN}")
    page = text(response)
    assert "Đã báo cáo: 15/16 đơn vị. Hạn báo cáo: 15/12/2021." in page
    assert row_of(response, "don-vi-yen_mo") == ("Phòng Lao động - Thương binh và Xã hội huyện Yên Mô Chưa báo cáo,"
                                                 " đã quá hạn Tải yen_mo.docx")
    assert row_of(response, "don-vi-kim_son") == ("Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn Đã báo cáo"
                                                  " 06/12/2021 Tải kim_son.docx")


def test_plan_page_marks_a_late_report(client, ws):
    result = ws / "plans" / PLAN / "results" / "kim_son.yaml"
    result.write_text(result.read_text(encoding="utf-8").replace("date: '2021-12-06'", "date: '2021-12-20'"),
                      encoding="utf-8")
    assert "Đã báo cáo, sau hạn 20/12/2021" in row_of(client.get(f"/ke-hoach/{PLAN}"), "don-vi-kim_son")


def test_plan_page_shows_broken_records_at_their_line(client, ws):
    plan = ws / "plans" / PLAN / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("report_deadline: 2021-12-15",
                                                             "report_deadline: 2021-13-15"), encoding="utf-8")
    page = text(client.get(f"/ke-hoach/{PLAN}"))
    assert "Hồ sơ của kế hoạch có lỗi; sửa rồi tải lại trang:" in page
    assert "plans/ninh-binh-2021/plan.yaml:302:18 report_deadline" in page


def test_unknown_plan_and_a_document_folder_are_not_plans(client):
    assert client.get("/ke-hoach/khong-co").status_code == 404
    assert client.get("/ke-hoach/bao-cao-cong-doan").status_code == 404


def test_blank_form_download_is_the_built_form(client, ws):
    response = client.get(f"/ke-hoach/{PLAN}/bieu-mau/yen_mo.docx")
    assert response.status_code == 200
    assert response.data == (ws / "build" / PLAN / "bieu-mau" / "yen_mo.docx").read_bytes()
    assert 'filename=yen_mo.docx' in response.headers["Content-Disposition"]
    assert client.get(f"/ke-hoach/{PLAN}/bieu-mau/khong_co.docx").status_code == 404


def test_all_blank_forms_as_zip(client, ws):
    response = client.get(f"/ke-hoach/{PLAN}/bieu-mau.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as zf:
        names = zf.namelist()
        assert zf.read("yen_mo.docx") == (ws / "build" / PLAN / "bieu-mau" / "yen_mo.docx").read_bytes()
    assert sorted(names) == sorted(p.name for p in (ws / "build" / PLAN / "bieu-mau").glob("*.docx"))
    assert len(names) == 16
    assert client.get(f"/ke-hoach/{PLAN}/bieu-mau.zip").data == response.data  # same forms, same bytes


def test_upload_a_new_report_writes_it_and_shows_the_values(client, app, ws, tmp_path):
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                      [("yen_mo.docx", form_bytes(ws, "yen_mo", YEN_MO, tmp_path))])
    page = text(response)
    assert ("Đã ghi kết quả Phòng Lao động - Thương binh và Xã hội huyện Yên Mô — báo cáo ngày 10/12/2021:"
            " results/yen_mo.yaml") in page
    assert "Số lao động được giải quyết việc làm mỗi năm (người) 2.150" in page
    assert "Đã báo cáo: 16/16 đơn vị." in page
    written = yaml.safe_load((ws / "plans" / PLAN / "results" / "yen_mo.yaml").read_text(encoding="utf-8"))
    assert written["values"]["viec_lam"] == 2150 and written["values"]["that_nghiep"] == 1.7
    assert "Đã báo cáo 10/12/2021" in row_of(client.get(f"/ke-hoach/{PLAN}"), "don-vi-yen_mo")


def test_upload_over_an_existing_report_asks_before_overwriting(client, app, ws, tmp_path):
    result = ws / "plans" / PLAN / "results" / "kim_son.yaml"
    before = result.read_text(encoding="utf-8")
    changed = dict(YEN_MO, viec_lam="3.999")
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                      [("kim_son.docx", form_bytes(ws, "kim_son", changed, tmp_path))])
    page = text(response)
    assert "Đã có kết quả khác: chưa ghi đè" in page
    assert ("Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn: ghi đè results/kim_son.yaml bằng biểu mẫu"
            " kim_son.docx") in page
    assert "- viec_lam: 3360" in page and "+ viec_lam: 3999" in page
    assert result.read_text(encoding="utf-8") == before
    confirm = re.search(r'action="([^"]+/ghi-de)"', response.get_data(True)).group(1)
    assert client.post(confirm, data={"don-vi": "kim_son"}).status_code == 403  # no token, nothing written
    assert result.read_text(encoding="utf-8") == before
    page = text(client.post(confirm, data={"csrf": csrf(app), "don-vi": "kim_son"}, follow_redirects=True))
    assert "Đã ghi đè theo xác nhận của bạn." in page
    assert "Đã ghi kết quả Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn — báo cáo ngày" in page
    assert yaml.safe_load(result.read_text(encoding="utf-8"))["values"]["viec_lam"] == 3999


def test_confirming_nothing_overwrites_nothing(client, app, ws, tmp_path):
    result = ws / "plans" / PLAN / "results" / "kim_son.yaml"
    before = result.read_text(encoding="utf-8")
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                      [("kim_son.docx", form_bytes(ws, "kim_son", dict(YEN_MO, viec_lam="1"), tmp_path))])
    confirm = re.search(r'action="([^"]+/ghi-de)"', response.get_data(True)).group(1)
    client.post(confirm, data={"csrf": csrf(app)}, follow_redirects=True)  # every box unticked
    assert result.read_text(encoding="utf-8") == before


def test_refusals_are_shown_per_form_and_field(client, app, ws, tmp_path):
    bad = form_bytes(ws, "yen_mo", dict(YEN_MO, viec_lam="nhiều"), tmp_path)
    good = form_bytes(ws, "nho_quan", YEN_MO, tmp_path)
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                      [("yen_mo.docx", bad), ("ghi-chu.txt", b"xin chao"), ("nho_quan.docx", good)])
    page = text(response)
    assert "Biểu mẫu bị từ chối" in page
    assert ("yen_mo.docx Vị trí Trường Lỗi và cách sửa yen_mo.docx: đơn vị 'Phòng Lao động - Thương binh và Xã hội"
            " huyện Yên Mô', chỉ tiêu 'Số lao động được giải quyết việc làm mỗi năm' (viec_lam) không đọc được số"
            " liệu: 'nhiều' không phải một số (viết như 1.250 hoặc 70,5)") in page
    assert ("ghi-chu.txt Vị trí Trường Lỗi và cách sửa ghi-chu.txt không nhận loại tệp này (.txt); chỉ nhận .docx,"
            " .doc, .odt, .pdf, .rtf") in page
    assert not (ws / "plans" / PLAN / "results" / "yen_mo.yaml").exists()
    assert "Đã có kết quả khác: chưa ghi đè" in page  # the good form still read


def test_a_form_of_another_plan_is_refused(client, app, ws, tmp_path):
    from zipparts import replace_in

    path = tmp_path / "yen_mo.docx"
    path.write_bytes(form_bytes(ws, "yen_mo", YEN_MO, tmp_path))
    replace_in(path, "docProps/custom.xml", "ninh-binh-2021", "ha-nam-2021")
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau", [("yen_mo.docx", path.read_bytes())]))
    assert "yen_mo.docx biểu mẫu của kế hoạch 'ha-nam-2021', không phải của kế hoạch 'ninh-binh-2021'" in page


@pytest.mark.parametrize(("files", "message"), [
    ([], "chưa chọn tệp nào"),
    ([("rong.docx", b"")], "rong.docx tệp rỗng (0 byte): hãy chọn lại tệp"),
    ([("trang.html", b"<script>")], "trang.html không nhận loại tệp này (.html); chỉ nhận .docx, .doc, .odt, .pdf,"
                                    " .rtf"),
    ([("khong-duoi", b"PK")], "khong-duoi không nhận loại tệp này (không có đuôi tệp)"),
    ([("to.docx", b"x" * (wf.MAX_UPLOAD + 1))], "to.docx tệp lớn hơn 10 MB; biểu mẫu hay danh sách thường chỉ vài"
                                                " trăm KB: hãy kiểm tra lại đã chọn đúng tệp"),
    ([("hong.docx", b"PK\x03\x04 not a zip")], "hong.docx"),
])
def test_upload_refusals(client, app, ws, files, message):
    results = sorted((ws / "plans" / PLAN / "results").iterdir())
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau", files))
    assert "Biểu mẫu bị từ chối" in page
    assert message in page
    assert sorted((ws / "plans" / PLAN / "results").iterdir()) == results


def test_upload_of_too_many_files_is_refused(client, app, ws):
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                       [(f"{i}.docx", b"x") for i in range(wf.MAX_FILES + 1)]))
    assert f"chọn {wf.MAX_FILES + 1} tệp; mỗi lần gửi tối đa {wf.MAX_FILES} tệp" in page


def test_a_request_over_the_limit_is_refused_whole(app, client, ws, monkeypatch):
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau", [("a.docx", b"x" * 2000)], follow=False)
    assert response.status_code == 413
    assert "Các tệp gửi lên quá lớn" in text(response)


@pytest.mark.parametrize("name", ["../../plans/ninh-binh-2021/plan.docx", "/etc/yen_mo.docx",
                                  "..\\..\\yen_mo.docx", "C:\\Users\\x\\yen_mo.docx", "%2e%2e%2fyen_mo.docx"])
def test_uploaded_names_are_never_paths(client, app, ws, tmp_path, name):
    plan = (ws / "plans" / PLAN / "plan.yaml").read_bytes()
    response = upload(client, app, f"/ke-hoach/{PLAN}/bieu-mau",
                      [(name, form_bytes(ws, "yen_mo", YEN_MO, tmp_path))])
    assert "Đã ghi kết quả Phòng Lao động - Thương binh và Xã hội huyện Yên Mô" in text(response)
    stored = [p for p in (ws / wf.WEB_DIR / wf.UPLOADS).rglob("*.docx")]
    assert len(stored) == 1 and stored[0].parent.parent == ws / wf.WEB_DIR / wf.UPLOADS
    assert "/" not in stored[0].name and "\\" not in stored[0].name and ".." not in stored[0].name
    assert (ws / "plans" / PLAN / "plan.yaml").read_bytes() == plan
    assert not (ws / "etc").exists() and not Path("/etc/yen_mo.docx").exists()


def test_clean_name_keeps_vietnamese_and_drops_the_rest():
    assert wf.clean_name("Báo cáo Yên Mô (bản 2).docx", wf.FORM_SUFFIXES, "x") == "Báo cáo Yên Mô (bản 2).docx"
    assert wf.clean_name("a/b\\..\\c<>|:*?.DOCX", wf.FORM_SUFFIXES, "x") == "c.docx"
    assert wf.clean_name("\x00\x1f.docx", wf.FORM_SUFFIXES, "bieu-mau") == "bieu-mau.docx"
    assert len(wf.clean_name("a" * 300 + ".docx", wf.FORM_SUFFIXES, "x")) == 100


def test_an_unknown_upload_token_is_404(client, app):
    assert client.get(f"/ke-hoach/{PLAN}/nhan/{'0' * 32}").status_code == 404
    assert client.get(f"/ke-hoach/{PLAN}/nhan/..%2f..%2f").status_code == 404
    assert client.post(f"/ke-hoach/{PLAN}/nhan/{'0' * 32}/ghi-de", data={"csrf": csrf(app)}).status_code == 404


# --- awards -------------------------------------------------------------------------------------


def _sheet(rows: list[list]) -> bytes:
    """An award list as a clerk types it in Excel (tests/test_awards.py's sheet), as bytes."""
    import tempfile

    from test_awards import _sheet as write_sheet

    with tempfile.TemporaryDirectory() as tmp:
        write_sheet(Path(tmp) / "ds.xlsx", rows)
        return (Path(tmp) / "ds.xlsx").read_bytes()


GOOD_ROWS = [[1, None, "Văn phòng Sở", None, None, "Tập thể", "Giấy khen", None],
             [2, "Bà", "Trần Thị Hoa", "Chuyên viên", "Văn phòng Sở", "Cá nhân", "Giấy khen", None]]


@pytest.fixture
def with_sheet(ws) -> Path:
    """The example plan with its award list in danh-sach.xlsx (list_file)."""
    plan = ws / "plans" / PLAN
    (plan / "danh-sach.xlsx").write_bytes(_sheet(GOOD_ROWS))
    text_ = (plan / "awards.yaml").read_text(encoding="utf-8")
    (plan / "awards.yaml").write_text(text_[: text_.index("awards:\n")] + "list_file: danh-sach.xlsx\n",
                                      encoding="utf-8")
    return plan / "danh-sach.xlsx"


def test_awards_page_shows_decisions_with_their_numbers(client):
    page = text(client.get(f"/ke-hoach/{PLAN}/khen-thuong"))
    assert "Danh sách khen thưởng: ghi trong awards.yaml (khóa awards) · 21 người, tập thể được khen." in page
    assert "01/QĐ-LĐTBXH ngày 20/12/2021 Quyết định 01/QĐ-LĐTBXH quyet-dinh/01-giay-khen.docx" in page
    assert "04/TTr-LĐTBXH ngày 20/12/2021 Tờ trình 04/TTr-LĐTBXH to-trinh/04-de-nghi-khen-thuong.docx" in page


def test_award_list_download_and_upload_with_confirmation(client, app, ws, with_sheet):
    assert client.get(f"/ke-hoach/{PLAN}/khen-thuong/danh-sach").data == with_sheet.read_bytes()
    new = _sheet(GOOD_ROWS + [[3, "Ông", "Vũ Minh Đức", "Chuyên viên", "Phòng Lao động - Việc làm", "Cá nhân",
                               "Lao động tiên tiến", None]])
    response = upload(client, app, f"/ke-hoach/{PLAN}/khen-thuong", [("danh sách mới.xlsx", new)])
    page = text(response)
    assert "Đọc được 3 dòng. Kiểm tra rồi xác nhận để thay danh-sach.xlsx:" in page
    assert "3 Ông Vũ Minh Đức Cá nhân Lao động tiên tiến Phòng Lao động - Việc làm" in page
    assert with_sheet.read_bytes() != new
    action = re.search(r'action="([^"]+/thay)"', response.get_data(True)).group(1)
    chosen = re.search(r'name="tep" value="([^"]+)"', response.get_data(True)).group(1)
    page = text(client.post(action, data={"csrf": csrf(app), "tep": chosen}, follow_redirects=True))
    assert "Đã thay danh sách danh-sach.xlsx." in page
    assert "3 người, tập thể được khen" in page
    assert with_sheet.read_bytes() == new
    assert client.post(action, data={"csrf": csrf(app), "tep": "../../plan.yaml"}).status_code == 404


def test_award_list_errors_at_their_cells_and_nothing_replaced(client, app, ws, with_sheet):
    before = with_sheet.read_bytes()
    bad = _sheet([[1, None, "Văn phòng Sở", None, None, "Tập the", "Giấy khen", None],
                  [2, "Chị", "Trần Thị Hoa", None, None, "Cá nhân", "Giấy khen", None]])
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/khen-thuong", [("ds.xlsx", bad)]))
    assert "Danh sách chưa được nhận; sửa các ô dưới đây rồi gửi lại. danh-sach.xlsx giữ nguyên." in page
    assert "ds.xlsx:Sheet1!F3 'Tập the': phải là \"Cá nhân\" hoặc \"Tập thể\"" in page
    assert "ds.xlsx:Sheet1!B4 'Chị': danh xưng phải là \"Ông\" hoặc \"Bà\"" in page
    assert "Xác nhận" not in page
    assert with_sheet.read_bytes() == before


def test_award_list_of_the_wrong_kind_is_refused(client, app, ws, with_sheet):
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/khen-thuong", [("ds.csv", b"a,b")]))
    assert "ds.csv không nhận loại tệp này (.csv); chỉ nhận .xlsx, .xls, .ods" in page
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/khen-thuong", [("ds.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")]))
    assert "ds.xls đây là tệp Excel 97-2003 (.xls), docgen chỉ đọc .xlsx" in page


def test_award_errors_found_after_replacing_are_shown_at_their_cells(client, ws, with_sheet):
    with_sheet.write_bytes(_sheet([[1, "Bà", "Văn phòng Sở", None, None, "Tập thể", "Giấy khen", None]]))
    page = text(client.get(f"/ke-hoach/{PLAN}/khen-thuong"))
    assert "Danh sách có lỗi; các quyết định chưa dựng lại được:" in page
    assert "plans/ninh-binh-2021/danh-sach.xlsx:Sheet1!B3" in page


def test_award_upload_without_an_excel_list_is_refused(client, app, ws):
    page = text(upload(client, app, f"/ke-hoach/{PLAN}/khen-thuong", [("ds.xlsx", _sheet(GOOD_ROWS))]))
    assert "Kế hoạch này ghi danh sách trong awards.yaml, không dùng tệp Excel; chưa nhận tệp nào." in page
    assert client.get(f"/ke-hoach/{PLAN}/khen-thuong/danh-sach").status_code == 404


def test_award_list_outside_the_plan_is_never_served(client, ws, with_sheet, tmp_path):
    secret = tmp_path / "bi-mat.xlsx"
    secret.write_bytes(b"secret")
    awards = ws / "plans" / PLAN / "awards.yaml"
    awards.write_text(awards.read_text(encoding="utf-8").replace("list_file: danh-sach.xlsx",
                                                                  f"list_file: {secret}"), encoding="utf-8")
    assert client.get(f"/ke-hoach/{PLAN}/khen-thuong/danh-sach").status_code == 404
    with_sheet.unlink()
    with_sheet.symlink_to(secret)
    awards.write_text(awards.read_text(encoding="utf-8").replace(f"list_file: {secret}",
                                                                  "list_file: danh-sach.xlsx"), encoding="utf-8")
    response = client.get(f"/ke-hoach/{PLAN}/khen-thuong/danh-sach")
    assert response.status_code == 404 and b"secret" not in response.data


# --- documents ----------------------------------------------------------------------------------


def test_document_page_and_downloads(client, ws):
    page = text(client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx"))
    assert "Số 01/QĐ-LĐTBXH trong sổ văn bản đi, ngày 20/12/2021, người ký Lâm Xuân Phương." in page
    assert "Đúng thể thức (docgen lint không báo lỗi)." in page
    assert "Tải tệp in gộp mọi quyết định (.docx)" in page
    html = client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx").get_data(True)
    assert f'href="/tai/{PLAN}/quyet-dinh/tat-ca.docx"' in html
    response = client.get(f"/tai/{PLAN}/quyet-dinh/01-giay-khen.docx")
    assert response.data == (ws / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx").read_bytes()
    assert "Tải tệp in gộp" not in text(client.get(f"/van-ban/{PLAN}/ke-hoach.docx"))
    assert client.get(f"/van-ban/{PLAN}/khong-co.docx").status_code == 404


def test_document_findings_are_listed(client, ws):
    from zipparts import replace_in

    replace_in(ws / "build" / PLAN / "ke-hoach.docx", "word/document.xml", "Độc lập - Tự do - Hạnh phúc",
               "Độc lập Tự do Hạnh phúc")
    page = text(client.get(f"/van-ban/{PLAN}/ke-hoach.docx"))
    assert "1 lỗi, 0 cảnh báo thể thức." in page
    assert re.search(r"Lỗi thể thức Lỗi \S+ — .*Độc lập Tự do Hạnh phúc", page)


def test_document_preview_is_made_once_per_content(client, ws, office, monkeypatch):
    import docgen.output.pdf as pdf

    calls = []
    real = pdf.to_pdf
    monkeypatch.setattr(pdf, "to_pdf", lambda files, **kw: calls.append(files) or real(files, **kw))
    html = client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx?xem=1").get_data(True)
    images = re.findall(r'<img src="([^"]+)"', html)
    assert images and all(client.get(src).data[:8] == b"\x89PNG\r\n\x1a\n" for src in images)
    assert "Trang 1/" in text(client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx"))
    client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx?xem=1")
    pdf_response = client.get(f"/pdf/{PLAN}/quyet-dinh/01-giay-khen.docx")
    assert pdf_response.data[:5] == b"%PDF-"
    assert len(calls) == 1  # one LibreOffice run; the page, its images and the PDF come from its cache
    from pypdf import PdfReader

    assert "Giấy khen" in PdfReader(io.BytesIO(pdf_response.data)).pages[0].extract_text()


def test_findings_are_placed_on_their_page(client, ws, office):
    from zipparts import replace_in

    replace_in(ws / "build" / PLAN / "ke-hoach.docx", "word/document.xml", "Độc lập - Tự do - Hạnh phúc",
               "Độc lập Tự do Hạnh phúc")
    html = client.get(f"/van-ban/{PLAN}/ke-hoach.docx?xem=1").get_data(True)
    page_one = re.search(r'<div class="page" id="trang-1">.*?</div>\s*</div>', html, re.S).group(0)
    assert "Độc lập Tự do Hạnh phúc" in unescape(page_one)


def test_page_checks_are_shown_beside_the_page_they_are_on(client, ws, office, monkeypatch):
    """`docgen lint --pages` judges the preview's own PDF: the closing pushed to a page of its own
    is reported on that page, and LibreOffice still runs once."""
    import docgen.output.pdf as pdf

    path = ws / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx"
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    xml = parts["word/document.xml"].decode()
    at = xml.rfind("<w:tbl>", 0, xml.index("Nơi nhận"))  # the closing table, on a page of its own
    parts["word/document.xml"] = (xml[:at] + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + xml[at:]).encode()
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    calls = []
    real = pdf.to_pdf
    monkeypatch.setattr(pdf, "to_pdf", lambda files, **kw: calls.append(files) or real(files, **kw))
    html = client.get(f"/van-ban/{PLAN}/quyet-dinh/01-giay-khen.docx?xem=1").get_data(True)
    from pypdf import PdfReader

    texts = [p.extract_text() for p in PdfReader(io.BytesIO(client.get(f"/pdf/{PLAN}/quyet-dinh/01-giay-khen.docx")
                                                             .data)).pages]
    closing = str(next(n for n, t in enumerate(texts, 1) if "Nơi nhận" in t))
    pages = re.findall(r'<div class="page" id="trang-(\d+)">(.*?)</div>\s*</div>', html, re.S)
    assert [n for n, body in pages if "ND30-PAGE-CLOSING" in body] == [closing], text_of(html)
    assert len(calls) == 1


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def test_page_checks_of_a_right_document_say_so(client, ws, office):
    page = text(client.get(f"/van-ban/{PLAN}/quyet-dinh/02-lao-dong-tien-tien.docx?xem=1"))
    assert "Kiểm tra trang (docgen lint --pages): không có lỗi dàn trang." in page
    assert "Kiểm tra trang" not in text(client.get(f"/van-ban/{PLAN}/ke-hoach.docx"))  # no preview, no check


def test_register_page_and_export(client, ws):
    page = text(client.get("/so-van-ban"))
    assert "Sổ văn bản đi năm 2021 — Sở Lao động - Thương binh và Xã hội" in page
    assert ("01/QĐ-LĐTBXH 20/12/2021 Về việc tặng Giấy khen của Giám đốc Sở Lâm Xuân Phương Như Điều 3; Ban Thi"
            " đua - Khen thưởng tỉnh (b/c); Lưu: VT, VP build/ninh-binh-2021/quyet-dinh/01-giay-khen.docx") in page
    response = client.get("/so-van-ban.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
    assert [sheet.cell(r, 1).value for r in range(3, 7)] == ["01/QĐ-LĐTBXH", "02/QĐ-LĐTBXH", "03/QĐ-LĐTBXH",
                                                             "04/TTr-LĐTBXH"]
    result = run("register", ws, "--xlsx", ws.parent / "cli.xlsx")
    assert result.exit_code == 0
    assert response.data == (ws.parent / "cli.xlsx").read_bytes()  # the CLI's exporter, the same bytes


def test_register_page_of_an_empty_workspace(tmp_path):
    (tmp_path / "plans").mkdir()
    assert "Sổ văn bản chưa có số nào" in text(create_app(tmp_path).test_client().get("/so-van-ban"))


# --- safety -------------------------------------------------------------------------------------


TRAVERSALS = [
    "/tai/ninh-binh-2021/../../so-van-ban.sqlite",
    "/tai/ninh-binh-2021/%2e%2e/%2e%2e/so-van-ban.sqlite",
    "/tai/ninh-binh-2021/..%2f..%2fplans%2fninh-binh-2021%2fplan.yaml",
    "/tai/ninh-binh-2021/%252e%252e/%252e%252e/so-van-ban.sqlite",
    "/tai/ninh-binh-2021//etc/passwd",
    "/tai/ninh-binh-2021/%2Fetc%2Fpasswd",
    "/tai/..%2f..%2fetc/passwd",
    "/tai/../plans/ninh-binh-2021/plan.yaml",
    "/tai/ninh-binh-2021/.docgen-manifest.json",
    "/tai/ninh-binh-2021/..%5c..%5cso-van-ban.sqlite",
    "/pdf/ninh-binh-2021/../../plans/ninh-binh-2021/plan.yaml",
    "/van-ban/ninh-binh-2021/%2e%2e/%2e%2e/etc/passwd",
    "/van-ban/%2e%2e/ke-hoach.docx",
    "/xem-truoc/..%2f..%2f..%2fetc/1.png",
    "/xem-truoc/" + "a" * 64 + "/1.png",
    "/ke-hoach/..%2f..%2fetc/bieu-mau/passwd.docx",
    "/ke-hoach/ninh-binh-2021/bieu-mau/..%2f..%2f..%2fso-van-ban.docx",
    "/static/../../so-van-ban.sqlite",
    "/static/%2e%2e/%2e%2e/%2e%2e/so-van-ban.sqlite",
    "/static//etc/passwd",
]


@pytest.mark.parametrize("url", TRAVERSALS)
def test_no_path_outside_the_built_files_is_served(client, ws, url):
    response = client.get(url, follow_redirects=True)  # "//" is merged by a redirect, then refused
    assert response.status_code == 404, url
    assert b"SQLite format" not in response.data and b"root:" not in response.data
    assert b"report_deadline" not in response.data


def test_a_symlink_out_of_the_workspace_is_not_followed(client, ws, tmp_path):
    secret = tmp_path / "bi-mat.docx"
    secret.write_bytes(b"PK secret")
    target = ws / "build" / PLAN / "ke-hoach.docx"
    target.unlink()
    target.symlink_to(secret)
    for url in (f"/tai/{PLAN}/ke-hoach.docx", f"/van-ban/{PLAN}/ke-hoach.docx", f"/pdf/{PLAN}/ke-hoach.docx"):
        response = client.get(url)
        assert response.status_code == 404 and b"secret" not in response.data, url
    outside = tmp_path / "ngoai"
    outside.mkdir()
    (outside / "plan.yaml").write_text("x", encoding="utf-8")
    (ws / "plans" / "ngoai").symlink_to(outside)
    assert "ngoai" not in text(client.get("/"))
    assert client.get("/ke-hoach/ngoai").status_code == 404


def test_state_changing_forms_need_the_token(client, app, ws, tmp_path):
    posts = ["/dung", "/cap-so", f"/ke-hoach/{PLAN}/bieu-mau", f"/ke-hoach/{PLAN}/khen-thuong",
             f"/ke-hoach/{PLAN}/nhan/{'0' * 32}/ghi-de", f"/ke-hoach/{PLAN}/khen-thuong/{'0' * 32}/thay"]
    for url in posts:
        for data in ({}, {"csrf": "sai"}, {"csrf": csrf(app) + "x"}):
            response = client.post(url, data=data)
            assert response.status_code == 403, (url, data)
            assert "Yêu cầu bị từ chối" in text(response)
    assert app.extensions["docgen"]["builds"].running is None
    # A page of another site posting with a stolen-looking token is still refused by its Origin.
    response = client.post("/dung", data={"csrf": csrf(app)}, headers={"Origin": "http://evil.example"})
    assert response.status_code == 403
    # Every form of every page carries the token.
    for url in ("/", f"/ke-hoach/{PLAN}", f"/ke-hoach/{PLAN}/khen-thuong"):
        html = client.get(url).get_data(True)
        forms = re.findall(r'<form method="post".*?</form>', html, re.S)
        assert forms and all(f'name="csrf" value="{csrf(app)}"' in f for f in forms), url


def test_changing_forms_are_never_gets(client):
    for url in ("/dung", "/cap-so", f"/ke-hoach/{PLAN}/nhan/{'0' * 32}/ghi-de"):
        assert client.get(url).status_code == 405


def test_another_host_name_is_refused(client, app, ws):
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 421
    assert client.get("/", headers={"Host": "127.0.0.1:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "[::1]:8765"}).status_code == 200
    public = create_app(ws, public=True).test_client()
    assert public.get("/", headers={"Host": "192.168.1.10:8765"}).status_code == 200


def test_every_page_escapes_what_the_records_hold(client, ws):
    units = ws / "plans" / PLAN / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "  - id: yen_mo\n    name: Phòng Lao động - Thương binh và Xã hội\n",
        "  - id: yen_mo\n    name: Phòng <script>alert(1)</script>\n", 1), encoding="utf-8")
    html = client.get(f"/ke-hoach/{PLAN}").get_data(True)
    assert "<script>alert(1)</script>" not in html
    assert "Phòng &lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- serving ------------------------------------------------------------------------------------


def test_serve_binds_loopback_only(ws):
    import urllib.request

    from docgen.web.serve import bind

    servers = bind(ws, 0)
    thread = threading.Thread(target=servers.serve_forever, daemon=True)
    thread.start()
    try:
        addresses = {s.server_address[0] for s in servers.servers}
        assert addresses <= {"127.0.0.1", "::1"} and "127.0.0.1" in addresses
        assert servers.url == f"http://127.0.0.1:{servers.servers[0].server_port}/"
        for server in servers.servers:
            host = server.server_address[0]
            url = f"http://{'[::1]' if host == '::1' else host}:{server.server_port}/"
            with urllib.request.urlopen(url, timeout=30) as response:
                assert "Kế hoạch và văn bản" in response.read().decode()
    finally:
        servers.stop()
        thread.join(10)
    assert not thread.is_alive()


def test_serve_command_warns_for_another_host_and_refuses_a_non_workspace(ws, tmp_path, monkeypatch):
    from docgen.web import serve as serve_module

    seen = []
    monkeypatch.setattr(serve_module.Servers, "serve_forever", lambda self: seen.append(self.url) or self.close())
    result = run("serve", ws, "--port", "0", "--host", "127.0.0.1", "--no-browser")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ("Cảnh báo: docgen serve nghe trên 127.0.0.1: mọi máy tới được địa chỉ này đều xem và"
                             " sửa được bộ hồ sơ, không cần mật khẩu. Chỉ dùng trong mạng tin cậy.\n")
    assert result.stdout.startswith(f"docgen serve: bộ hồ sơ {ws} tại http://127.0.0.1:")
    result = run("serve", ws, "--port", "0", "--no-browser")
    assert result.stderr == "" and len(seen) == 2
    (tmp_path / "trong").mkdir()
    result = run("serve", tmp_path / "trong", "--no-browser")
    assert result.exit_code == 1
    assert "không phải bộ hồ sơ docgen" in result.stderr


# --- issue: the văn thư's Cấp số -------------------------------------------------------------------


@pytest.fixture(scope="module")
def drafts_template(tmp_path_factory) -> Path:
    return make_built(tmp_path_factory.mktemp("web-drafts") / "ws", issued=False)


@pytest.fixture
def drafts(drafts_template, tmp_path) -> Path:
    """A workspace just built: its decisions and tờ trình are drafts without numbers."""
    root = tmp_path / "ws"
    shutil.copytree(drafts_template, root, symlinks=True)
    return root


def issue_now(client, app, **form) -> str:
    """Press Cấp số with `form`; wait; the result page's text."""
    response = client.post("/cap-so", data={"csrf": csrf(app), "ten": PLAN, **form})
    assert response.status_code == 303, text(response)
    job_id = response.headers["Location"].rsplit("/", 1)[1].split("?")[0]
    builds = app.extensions["docgen"]["builds"]
    builds.wait(builds.get(job_id), 300)
    return text(client.get(f"/dung/{job_id}"))


def test_awards_page_shows_drafts_awaiting_issue(drafts):
    app = create_app(drafts)
    client = app.test_client()
    response = client.get(f"/ke-hoach/{PLAN}/khen-thuong")
    page = text(response)
    assert "Dự thảo, chờ cấp số Quyết định quyet-dinh/du-thao-giay-khen.docx không có" in page
    assert "Dự thảo, chờ cấp số Tờ trình to-trinh/du-thao-de-nghi-khen-thuong.docx không có" in page
    assert "4 văn bản là dự thảo, chưa có số và ngày." in page
    form = re.search(r'<form method="post" action="/cap-so".*?</form>', response.get_data(True), re.S).group(0)
    assert f'name="csrf" value="{csrf(app)}"' in form and 'name="ngay"' in form and 'name="tep"' not in form
    assert "Dự thảo, chờ cấp số" in text(client.get("/"))
    assert "Sổ văn bản chưa có số nào" in text(client.get("/so-van-ban"))


def test_issue_the_whole_folder_gives_numbers_in_the_records_order(drafts):
    from docgen.records.register import Register

    app = create_app(drafts)
    client = app.test_client()
    page = issue_now(client, app, ngay="2021-12-20")
    assert "Cấp số: ninh-binh-2021 — ngày ban hành 20/12/2021" in page
    assert ("Đã cấp 4 số: 01/QĐ-LĐTBXH — quyet-dinh/01-giay-khen.docx 02/QĐ-LĐTBXH —"
            " quyet-dinh/02-lao-dong-tien-tien.docx 03/QĐ-LĐTBXH — quyet-dinh/03-chien-si-thi-dua-co-so.docx"
            " 04/TTr-LĐTBXH — to-trinh/04-de-nghi-khen-thuong.docx") in page
    awards = text(client.get(f"/ke-hoach/{PLAN}/khen-thuong"))
    assert "01/QĐ-LĐTBXH ngày 20/12/2021 Quyết định 01/QĐ-LĐTBXH quyet-dinh/01-giay-khen.docx" in awards
    assert "chờ cấp số" not in awards
    # The issue's build is the folder's last build: nothing to redo after it.
    assert "ninh-binh-2021 kế hoạch Đã dựng, khớp hồ sơ" in text(client.get("/"))
    assert [e.symbol for e in Register.of_workspace(drafts).entries()] == [
        "01/QĐ-LĐTBXH", "02/QĐ-LĐTBXH", "03/QĐ-LĐTBXH", "04/TTr-LĐTBXH"]
    # The same register and files as `docgen issue` of the folder on a copy built alike.
    import docx

    body = shown("\n".join(p.text for p in docx.Document(
        str(drafts / "build" / PLAN / "quyet-dinh" / "01-giay-khen.docx")).paragraphs))
    assert "số 01/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021" in body
    # Nothing left to issue: said, nothing changed.
    page = issue_now(client, app, ngay="2021-12-21")
    assert "không có văn bản nào chờ ban hành" in page and "chưa cấp số nào" in page
    assert len(Register.of_workspace(drafts).entries()) == 4


def test_issue_one_document_from_its_page(drafts):
    app = create_app(drafts)
    client = app.test_client()
    rel = "quyet-dinh/du-thao-lao-dong-tien-tien.docx"
    response = client.get(f"/van-ban/{PLAN}/{rel}")
    assert "Dự thảo, chờ cấp số: chưa có số và ngày" in text(response)
    form = re.search(r'<form method="post" action="/cap-so".*?</form>', response.get_data(True), re.S).group(0)
    assert f'name="tep" value="{rel}"' in form
    page = issue_now(client, app, tep=rel, ngay="2021-12-22")
    assert "Đã cấp 1 số: 01/QĐ-LĐTBXH — quyet-dinh/01-lao-dong-tien-tien.docx" in page
    doc = text(client.get(f"/van-ban/{PLAN}/quyet-dinh/01-lao-dong-tien-tien.docx"))
    assert "Số 01/QĐ-LĐTBXH trong sổ văn bản đi, ngày 22/12/2021" in doc
    awards = text(client.get(f"/ke-hoach/{PLAN}/khen-thuong"))
    assert "2 văn bản là dự thảo" not in awards and "3 văn bản là dự thảo, chưa có số và ngày." in awards


def test_issue_refuses_a_bad_date_and_a_file_not_built(drafts):
    from docgen.records.register import Register

    app = create_app(drafts)
    client = app.test_client()
    response = client.post("/cap-so", data={"csrf": csrf(app), "ten": PLAN, "ngay": "2021-12"})
    assert response.status_code == 400
    assert "Ngày ban hành ngày ban hành '2021-12' thiếu ngày; hãy viết đủ NĂM-THÁNG-NGÀY, ví dụ 2021-12-20" in text(
        response)
    for form in ({"tep": "../so-van-ban.sqlite"}, {"tep": "quyet-dinh/khong-co.docx"}, {"ten": "khong-co"}):
        response = client.post("/cap-so", data={"csrf": csrf(app), "ten": PLAN, "ngay": "2021-12-20", **form})
        assert response.status_code == 404, form
    assert Register.of_workspace(drafts).entries() == []


def test_issue_from_the_number_the_clerk_types(drafts):
    """Cấp số with Số đầu: as `docgen issue --first-number`; a number that is not one is refused, and one
    the rules refuse is said on the job's page with nothing issued."""
    from docgen.records.register import Register

    app = create_app(drafts)
    client = app.test_client()
    response = client.post("/cap-so", data={"csrf": csrf(app), "ten": PLAN, "ngay": "2021-12-20", "so_dau": "4a"})
    assert response.status_code == 400
    assert "Số đầu '4a' không phải số văn bản; hãy ghi một số nguyên dương hoặc để trống" in text(response)
    page = issue_now(client, app, ngay="2021-12-20", so_dau="125")
    assert ("chưa cấp số nào. ninh-binh-2021 Vị trí Trường Lỗi và cách sửa --first-number số 125 đã là số của một"
            " văn bản ghi số trong hồ sơ (number:) năm 2021; hãy ghi số kế tiếp trong sổ văn bản của cơ quan") in page
    assert Register.of_workspace(drafts).entries() == []
    page = issue_now(client, app, ngay="2021-12-20", so_dau="450")
    assert "Đã cấp 4 số: 450/QĐ-LĐTBXH — quyet-dinh/450-giay-khen.docx" in page
    assert [e.number for e in Register.of_workspace(drafts).entries()] == [450, 451, 452, 453]
