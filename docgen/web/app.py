"""The web view's routes (Flask): pages rendered on the server from Jinja2 templates in pages/.

Every page works without JavaScript: plain links, plain forms, a build's progress page reloads
itself with <meta http-equiv="refresh">. Every form that changes something is a POST carrying
the page's CSRF token; requests naming another host than the one served are refused (a web
page elsewhere cannot drive the clerk's browser into this server by DNS rebinding).

`create_app(root)` serves the workspace at `root`; see docgen.web for what it may touch.
"""

import datetime as dt
import hmac
import io
import json
import re
import secrets
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, abort, redirect, render_template, request, send_file, url_for
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from docgen.errors import DocgenError, Location, Problem, RecordError
from docgen.web import files as wf
from docgen.web.jobs import Builds
from docgen.web.state import Checks, digest, folder_state, workspace_state

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
RESULT = "ket-qua.json"  # what a collect of an upload found, for its page
_HOST = re.compile(r"^\[?([^\]]*?)\]?(?::\d+)?$")
_PAGE = re.compile(r"^trang (\d+)\b")  # where a page check's finding is (docgen.checker.pages)


@dataclass(frozen=True)
class PageChecks:
    """What `docgen lint --pages` found on a preview's pages: findings by page number (1-based),
    those placed on no page, and why the check could not run (else None)."""

    by_page: dict
    apart: list
    error: str | None


@dataclass(frozen=True)
class Shown:
    """A problem as a page shows it: where (relative to the workspace, or the uploaded file's
    name), the field, and the message."""

    where: str
    field: str | None
    message: str
    file: str  # the file alone: problems of one form are listed under it


def shown(problem: Problem, root: Path, upload: Path | None = None) -> Shown:
    """`problem` located relative to the workspace, an uploaded file by the name it was given."""
    loc: Location = problem.location
    path = Path(loc.file)
    if upload is not None and wf.inside(upload, path):
        name = path.name
    elif wf.inside(root, path):
        name = path.resolve().relative_to(root.resolve()).as_posix()
    else:
        name = path.name
    where = name + (f":{loc.cell}" if loc.cell else "")
    if loc.line is not None:
        where += f":{loc.line}" + (f":{loc.column}" if loc.column is not None else "")
    if loc.where:
        where += f": {loc.where}"
    return Shown(where, problem.field, problem.message, name)


def create_app(root: Path, public: bool = False) -> Flask:
    """The Flask app serving the workspace at `root`. `public`: the server listens on an address
    other machines reach (--host), so any Host header is accepted."""
    root = Path(root).resolve()
    app = Flask(__name__, template_folder="pages", static_folder="static")
    app.config.update(MAX_CONTENT_LENGTH=wf.MAX_REQUEST, MAX_FORM_PARTS=wf.MAX_FILES + 20,
                      TEMPLATES_AUTO_RELOAD=False)
    app.jinja_env.autoescape = True
    checks = Checks()
    builds = Builds(root)
    csrf = secrets.token_urlsafe(32)  # one per server start: a page of an earlier start is refused
    app.jinja_env.globals["csrf"] = csrf  # seen by imported macros too (the Dựng lại button)
    app.extensions["docgen"] = {"root": root, "builds": builds, "checks": checks, "csrf": csrf}

    @app.context_processor
    def globals_() -> dict:
        from docgen.issuing.lifecycle import today

        return {"root_name": root.name, "running": builds.running,
                "now": dt.datetime.now(), "issue_today": today().isoformat()}

    @app.template_filter("vndate")
    def vndate(value) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return value.strftime("%d/%m/%Y %H:%M")
        if isinstance(value, dt.date):
            return value.strftime("%d/%m/%Y")
        day, month = getattr(value, "day", None), getattr(value, "month", None)
        return "/".join(f"{p:02d}" if isinstance(p, int) and p < 100 else str(p)
                        for p in (day, month, value.year) if p is not None)

    @app.template_filter("isodate")
    def isodate(value: str) -> str:
        """"2021-12-20" as "20/12/2021" (the register keeps ISO dates)."""
        return "/".join(reversed(value.split("-"))) if value else ""

    @app.before_request
    def guard():
        host = _HOST.match(request.host or "")
        if not public and (host is None or host.group(1) not in LOOPBACK):
            return render_template("loi.html", code=421), 421  # Misdirected Request (no abort(421) in Werkzeug 3.0)
        if request.method == "POST":
            origin = request.headers.get("Origin")
            if origin and origin != "null" and origin.split("://", 1)[-1] != request.host:
                abort(403)
            sent = request.form.get("csrf", "")
            if not hmac.compare_digest(sent.encode(), csrf.encode()):
                abort(403)

    @app.errorhandler(HTTPException)
    def http_error(err: HTTPException):
        if isinstance(err, RequestEntityTooLarge):
            code = 413
        else:
            code = err.code or 500
        return render_template("loi.html", code=code, limit=wf.MAX_REQUEST // (1024 * 1024)), code

    def the_folder(name: str, plan: bool = False) -> wf.Folder:
        found = wf.folder(root, name)
        if found is None or (plan and not found.is_plan):
            abort(404)
        return found

    # --- the workspace and builds ---------------------------------------------------------------

    @app.get("/")
    def workspace():
        states = workspace_state(root, checks)
        return render_template("bo-ho-so.html", states=states)

    @app.post("/dung")
    def start_build():
        name = request.form.get("ten", "")
        targets = wf.folders(root) if name == "" else [the_folder(name)]
        job, started = builds.start(targets)
        return redirect(url_for("build_page", job_id=job.id, **({} if started else {"dang-chay": 1})), 303)

    @app.post("/cap-so")
    def start_issue():
        """Cấp số: the văn thư issues the named drafts (field `tep`, files below build/<ten>/; none:
        every draft of the folder) on the day typed (`ngay`, NĂM-THÁNG-NGÀY; empty: today in
        Vietnam), from the number typed (`so_dau`, optional: `docgen issue --first-number`), through
        docgen.issuing.lifecycle.issue, the function `docgen issue` calls."""
        from docgen.issuing.lifecycle import parse_day, today

        folder = the_folder(request.form.get("ten", ""))
        paths = []
        for rel in request.form.getlist("tep"):
            path = wf.built_file(root, folder.name, rel)
            if path is None or not rel.endswith(".docx"):
                abort(404)
            paths.append(path)
        typed = request.form.get("ngay", "").strip()
        try:
            day = parse_day(typed) if typed else today()
        except DocgenError as err:
            return render_template("loi.html", code=400, problems=[
                Shown("Ngày ban hành", None, p.message, "") for p in err.problems]), 400
        first = request.form.get("so_dau", "").strip()
        if first and not (first.isdigit() and int(first) > 0):
            return render_template("loi.html", code=400, problems=[
                Shown("Số đầu", None, f"'{first}' không phải số văn bản; hãy ghi một số nguyên dương hoặc để trống",
                      "")]), 400
        job, started = builds.start([folder], (paths or [folder.path], day, int(first) if first else None))
        return redirect(url_for("build_page", job_id=job.id, **({} if started else {"dang-chay": 1})), 303)

    @app.get("/dung/<job_id>")
    def build_page(job_id: str):
        job = builds.get(job_id)
        if job is None:
            abort(404)
        problems = [(name, shown(p, root)) for name, p in job.problems]
        issued = [(symbol, *(file.split("/", 2)[1:] if file.startswith("build/") and file.count("/") >= 2
                             else ("", file))) for symbol, file in job.issued]  # (symbol, folder, rel)
        return render_template("dung.html", job=job, problems=problems, busy="dang-chay" in request.args,
                               issued=issued)

    # --- a plan: units, forms, collect ------------------------------------------------------------

    def plan_and_units(folder: wf.Folder):
        from docgen.build import validate
        from docgen.model.units import build_units
        from docgen.records import load_records
        from docgen.records.units import load_results, load_units

        plan = validate(folder.path)
        loaded = load_units(folder.path)
        units = build_units(plan, *loaded, load_records(folder.path).sources["plan.yaml"]) if loaded else None
        # The plan's own year, the one its report deadline and forms are for (results/<year>/
        # holds the later years of the period, docgen.records.units.load_results).
        results = {r.unit: r for r, _ in load_results(folder.path) if r.year == plan.year}
        return plan, units, results

    @app.get("/ke-hoach/<name>")
    def plan_page(name: str):
        folder = the_folder(name, plan=True)
        problems, rows, plan = [], [], None
        try:
            plan, units, results = plan_and_units(folder)
        except DocgenError as err:
            problems = [shown(p, root) for p in err.problems]
            units, results = None, {}
        forms = set(wf.built_files(root, name))
        deadline = _deadline(plan.deadline) if plan is not None else None
        today = dt.date.today()
        for unit in units.units if units else []:
            result = results.get(unit.id)
            date = result.date if result is not None else None
            day = _deadline(date) if date is not None else None
            late = (day > deadline if (day and deadline) else False) if result else bool(deadline and today > deadline)
            rows.append({"unit": unit, "result": result, "date": date, "late": late,
                         "form": f"bieu-mau/{unit.id}.docx" in forms})
        state = folder_state(root, folder, checks, with_documents=False)
        return render_template("ke-hoach.html", folder=folder, plan=plan, rows=rows, problems=problems,
                               deadline=plan.deadline if plan else None, state=state,
                               reported=sum(1 for r in rows if r["result"]), max_mb=wf.MAX_UPLOAD // 2**20,
                               max_files=wf.MAX_FILES, suffixes=", ".join(wf.FORM_SUFFIXES),
                               any_form=any(r["form"] for r in rows))

    @app.get("/ke-hoach/<name>/bieu-mau/<unit>.docx")
    def blank_form(name: str, unit: str):
        the_folder(name, plan=True)
        path = wf.built_file(root, name, f"bieu-mau/{unit}.docx")
        if path is None:
            abort(404)
        return _send(path, f"{unit}.docx")

    @app.get("/ke-hoach/<name>/bieu-mau.zip")
    def all_forms(name: str):
        the_folder(name, plan=True)
        names = [rel for rel in wf.built_files(root, name) if rel.startswith("bieu-mau/") and rel.endswith(".docx")]
        if not names:
            abort(404)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for rel in names:
                path = wf.built_file(root, name, rel)
                if path is not None:
                    info = zipfile.ZipInfo(rel.split("/", 1)[1], date_time=(1980, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
        buffer.seek(0)
        return send_file(buffer, mimetype="application/zip", as_attachment=True,
                         download_name=f"bieu-mau-{name}.zip", max_age=0)

    def take_uploads(suffixes: tuple[str, ...], fallback: str) -> tuple[str, Path, list[Path], list[Shown]]:
        token, folder = wf.new_upload(root)
        saved, refused = [], []
        uploads = [f for f in request.files.getlist("tep") if f and (f.filename or "")]
        if not uploads:
            refused.append(Shown("", None, "chưa chọn tệp nào", ""))
        if len(uploads) > wf.MAX_FILES:
            refused.append(Shown("", None, f"chọn {len(uploads)} tệp; mỗi lần gửi tối đa {wf.MAX_FILES} tệp", ""))
            uploads = []
        for upload in uploads:
            try:
                name = wf.clean_name(upload.filename, suffixes, fallback)
                saved.append(wf.save_upload(folder, name, upload.stream))
            except wf.Refused as err:
                refused.append(Shown(err.name, None, err.message, err.name))
        return token, folder, saved, refused

    def collect_into(token: str, folder: wf.Folder, upload: Path, forms: list[Path], force: bool,
                     refused: list[Shown]) -> None:
        from docgen.collect import collect

        outcome: dict = {"force": force, "written": [], "unchanged": [], "kept": [], "problems": [],
                         "reported": [], "missing": [], "notes": []}
        outcome["problems"] = [s.__dict__ for s in refused]
        if forms:
            try:
                result = collect(folder.path, forms, force=force)
            except DocgenError as err:
                outcome["problems"] += [shown(p, root, upload).__dict__ for p in err.problems]
            else:
                outcome["problems"] += [shown(p, root, upload).__dict__ for p in result.problems]
                outcome["notes"] = [shown(p, root, upload).__dict__ for p in result.rate_notes]
                outcome["written"] = [_values(p) for p in result.written]
                outcome["unchanged"] = [p.stem for p in result.unchanged]
                for target in result.kept:
                    diff = result.diffs.get(target, "")
                    form = next((Path(line[4:].strip()) for line in diff.splitlines() if line.startswith("+++ ")),
                                None)
                    outcome["kept"].append({"unit": target.stem, "form": form.name if form else "",
                                            "diff": [line for line in diff.splitlines()[2:]]})
                outcome["reported"], outcome["missing"] = result.reported, result.missing
        (upload / RESULT).write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")

    @app.post("/ke-hoach/<name>/bieu-mau")
    def upload_forms(name: str):
        folder = the_folder(name, plan=True)
        token, upload, saved, refused = take_uploads(wf.FORM_SUFFIXES, "bieu-mau")
        collect_into(token, folder, upload, saved, False, refused)
        return redirect(url_for("collected", name=name, token=token), 303)

    def collected_upload(token: str) -> tuple[Path, dict]:
        """The upload folder of `token` and what collecting it found; 404 when there is none."""
        upload = wf.upload_dir(root, token)
        if upload is None or not (upload / RESULT).is_file():
            abort(404)
        return upload, json.loads((upload / RESULT).read_text(encoding="utf-8"))

    @app.get("/ke-hoach/<name>/nhan/<token>")
    def collected(name: str, token: str):
        folder = the_folder(name, plan=True)
        upload, outcome = collected_upload(token)
        by_form: dict[str, list] = {}
        for p in outcome["problems"]:
            by_form.setdefault(p["file"], []).append(p)
        try:
            units = {u.id: u.display_name for u in (plan_and_units(folder)[1] or ()).units}
        except (DocgenError, AttributeError):
            units = {}
        return render_template("nhan.html", folder=folder, token=token, outcome=outcome, by_form=by_form,
                               names=_target_names(folder), units=units)

    @app.post("/ke-hoach/<name>/nhan/<token>/ghi-de")
    def overwrite(name: str, token: str):
        folder = the_folder(name, plan=True)
        upload, outcome = collected_upload(token)
        chosen = set(request.form.getlist("don-vi"))
        forms = [upload / k["form"] for k in outcome["kept"] if k["unit"] in chosen and k["form"]]
        forms = [f for f in forms if f.is_file() and f.parent == upload]
        if not forms:
            return redirect(url_for("collected", name=name, token=token), 303)
        token2, upload2 = wf.new_upload(root)
        copies = []
        for form in forms:
            copy = upload2 / form.name
            copy.write_bytes(form.read_bytes())
            copies.append(copy)
        collect_into(token2, folder, upload2, copies, True, [])
        return redirect(url_for("collected", name=name, token=token2), 303)

    # --- awards ---------------------------------------------------------------------------------

    def award_state(folder: wf.Folder):
        from docgen.records.awards import load_awards
        from docgen.records.law import Law
        from docgen.workspace import Workspace

        forms = Law(Workspace.of_plan(folder.path).law_dir()).forms
        try:
            return forms, load_awards(folder.path, forms), []
        except DocgenError as err:
            return forms, None, [shown(p, root) for p in err.problems]

    def list_file(folder: wf.Folder) -> str | None:
        """The Excel list awards.yaml names (list_file), when it names one inside the plan folder."""
        import yaml

        try:
            data = yaml.safe_load((folder.path / "awards.yaml").read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return None
        name = data.get("list_file") if isinstance(data, dict) else None
        if not isinstance(name, str) or not wf.inside(folder.path, folder.path / name):
            return None
        return name

    @app.get("/ke-hoach/<name>/khen-thuong")
    def awards_page(name: str):
        folder = the_folder(name, plan=True)
        _, awards, problems = award_state(folder)
        state = folder_state(root, folder, checks)
        docs = [d for d in state.documents if d.rel.startswith(("quyet-dinh/", "to-trinh/"))]
        return render_template("khen-thuong.html", folder=folder, awards=awards, problems=problems, docs=docs,
                               awaiting=[d for d in docs if d.awaiting],
                               sheet=list_file(folder), has_awards=(folder.path / "awards.yaml").is_file(),
                               state=state, max_mb=wf.MAX_UPLOAD // 2**20)

    @app.get("/ke-hoach/<name>/khen-thuong/danh-sach")
    def award_sheet(name: str):
        folder = the_folder(name, plan=True)
        sheet = list_file(folder)
        path = folder.path / sheet if sheet else None
        if path is None or path.is_symlink() or not path.is_file() or not wf.inside(folder.path, path):
            abort(404)
        return _send(path, path.name)

    @app.post("/ke-hoach/<name>/khen-thuong")
    def upload_sheet(name: str):
        from docgen.records.excel import read_award_sheet

        folder = the_folder(name, plan=True)
        sheet = list_file(folder)
        token, upload, saved, refused = take_uploads(wf.LIST_SUFFIXES, "danh-sach")
        if sheet is None:
            refused, saved = [], []
        rows, problems = [], list(refused)
        if len(saved) > 1:
            problems.append(Shown("", None, f"chọn {len(saved)} tệp; danh sách khen thưởng là một tệp", ""))
            saved = []
        forms = award_state(folder)[0]
        for path in saved:
            try:
                rows, _ = read_award_sheet(path, forms)
            except RecordError as err:
                problems += [shown(p, root, upload) for p in err.problems]
        return render_template("danh-sach.html", folder=folder, token=token, rows=rows, problems=problems,
                               sheet=sheet, no_sheet=sheet is None, forms=forms,
                               file=saved[0].name if saved and not problems else None)

    @app.post("/ke-hoach/<name>/khen-thuong/<token>/thay")
    def replace_sheet(name: str, token: str):
        from docgen.output.package import write_atomic

        folder = the_folder(name, plan=True)
        upload = wf.upload_dir(root, token)
        sheet = list_file(folder)
        chosen = request.form.get("tep", "")
        source = upload / chosen if upload is not None and chosen else None
        if sheet is None or source is None or source.parent != upload or not source.is_file():
            abort(404)
        target = folder.path / sheet
        if target.is_symlink():
            abort(404)
        write_atomic(target, source.read_bytes())
        return redirect(url_for("awards_page", name=name, thay=1), 303)

    # --- documents ------------------------------------------------------------------------------

    @app.get("/van-ban/<name>/<path:rel>")
    def document_page(name: str, rel: str):
        from docgen.web.previews import by_page, cached, preview

        folder = the_folder(name)
        path = wf.built_file(root, name, rel)
        if path is None or not rel.endswith(".docx"):
            abort(404)
        state = folder_state(root, folder, checks)
        doc = next((d for d in state.documents if d.rel == rel), None)
        if doc is None:
            abort(404)
        sha = digest(path)
        error = None
        shot = cached(root, sha)
        if shot is None and "xem" in request.args:
            try:
                shot = preview(root, path, sha)
            except DocgenError as err:
                error = [shown(p, root) for p in err.problems]
        placed, rest = by_page(doc.findings, shot.texts()) if shot else ({}, doc.findings)
        page_checks = page_checks_of(path, shot) if shot else None
        bundle = "quyet-dinh/tat-ca.docx" if doc.is_decision and "quyet-dinh/tat-ca.docx" in wf.built_files(
            root, name) else None
        return render_template("van-ban.html", folder=folder, doc=doc, shot=shot, placed=placed, rest=rest,
                               error=error, bundle=bundle, sha=sha, page_checks=page_checks)

    page_reports: dict[str, PageChecks] = {}
    page_lock = threading.Lock()

    def page_checks_of(path: Path, shot) -> "PageChecks":
        """`docgen lint --pages` of the document (docgen.checker.pages.judge) on its preview's PDF,
        the one LibreOffice run already made: once per content, remembered while the server runs."""
        import tempfile

        from docgen.checker.pages import judge

        with page_lock:
            known = page_reports.get(shot.digest)
        if known is not None:
            return known
        with tempfile.TemporaryDirectory(prefix="docgen-trang-") as tmp:  # its page images: the preview's own
            report = judge(path, shot.pdf, Path(tmp))
        by_number: dict[int, list] = {}
        apart = []
        for f in report.findings:
            found = _PAGE.match(f.where or "")
            if found:
                by_number.setdefault(int(found.group(1)), []).append(f)
            else:
                apart.append(f)
        known = PageChecks(by_number, apart, report.error)
        with page_lock:
            page_reports[shot.digest] = known
        return known

    @app.get("/tai/<name>/<path:rel>")
    def download(name: str, rel: str):
        path = wf.built_file(root, name, rel)
        if path is None:
            abort(404)
        return _send(path, path.name)

    @app.get("/pdf/<name>/<path:rel>")
    def pdf(name: str, rel: str):
        """The PDF of a built .docx: the one docgen wrote beside it, else its preview's."""
        from docgen.web.previews import preview

        path = wf.built_file(root, name, rel)
        if path is None or not rel.endswith(".docx"):
            abort(404)
        built = wf.built_file(root, name, rel[:-5] + ".pdf")
        if built is None:
            try:
                built = preview(root, path, digest(path)).pdf
            except DocgenError as err:
                return render_template("loi.html", code=500, problems=[shown(p, root) for p in err.problems]), 500
        return _send(built, path.stem + ".pdf")

    @app.get("/xem-truoc/<sha>/<int:page>.png")
    def page_image(sha: str, page: int):
        from docgen.web.previews import cached

        shot = cached(root, sha)
        if shot is None or not 1 <= page <= shot.pages:
            abort(404)
        return _send(shot.images[page - 1], None)

    # --- the register ---------------------------------------------------------------------------

    @app.get("/so-van-ban")
    def register_page():
        from docgen.records.register import Register

        try:
            entries, problems = Register.of_workspace(root).entries(), []
        except DocgenError as err:
            entries, problems = [], [shown(p, root) for p in err.problems]
        links = {}
        for f in wf.folders(root):
            for rel in wf.built_files(root, f.name):
                links[f"build/{f.name}/{rel}"] = (f.name, rel)
        return render_template("so-dang-ky.html", entries=entries, problems=problems, links=links)

    @app.get("/so-van-ban.xlsx")
    def register_xlsx():
        import tempfile

        from docgen.output.register_xlsx import write_register
        from docgen.records.register import Register

        entries = Register.of_workspace(root).entries()
        with tempfile.TemporaryDirectory(prefix="docgen-so-") as tmp:
            path = Path(tmp) / "so-van-ban.xlsx"
            write_register(path, entries)
            data = path.read_bytes()
        return send_file(io.BytesIO(data), as_attachment=True, download_name="so-van-ban.xlsx", max_age=0,
                         mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    return app


def _send(path: Path, name: str | None):
    """The bytes of `path` (read whole: no file is left open); a download named `name`, or shown
    inline (an image) when `name` is None."""
    import mimetypes

    kind = mimetypes.guess_type(name or path.name)[0] or "application/octet-stream"
    return send_file(io.BytesIO(path.read_bytes()), mimetype=kind, as_attachment=name is not None,
                     download_name=name, max_age=0)


def _deadline(value) -> dt.date | None:
    """A (partial) date as the last day it can mean: "2021-12" is 31 December 2021."""
    import calendar

    if value is None:
        return None
    if isinstance(value, dt.date):
        return value
    month = value.month or 12
    day = value.day or calendar.monthrange(value.year, month)[1]
    return dt.date(value.year, month, day)


def _values(path: Path) -> dict:
    """A written result: the unit's id, its report's date (dd/mm/yyyy) and its figures written
    the Vietnamese way (1.250; 70,5), from results/<unit>.yaml."""
    from decimal import Decimal

    import yaml

    from docgen.vn import format_number

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    values = {k: format_number(Decimal(str(v))) if isinstance(v, int | float) else str(v)
              for k, v in (data.get("values") or {}).items()}
    date = str(data.get("date") or "")
    return {"unit": path.stem, "values": values, "date": "/".join(reversed(date.split("-"))) if date else ""}


def _target_names(folder: wf.Folder) -> dict[str, str]:
    from docgen.build import validate

    try:
        return {t.id: f"{t.name} ({t.unit})" if t.unit else t.name for t in validate(folder.path).targets.values()}
    except DocgenError:
        return {}
