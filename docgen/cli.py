"""Command line: parse arguments, call the library, print; the only place that prints."""

import sys
from pathlib import Path

import click

from docgen import __version__
from docgen.clicktext import vietnamese
from docgen.errors import DocgenError, Location, OutputError, Problem, WorkspaceError, display_path
from docgen.workspace import Workspace, stock

# Each command imports what it uses (the records, the renderer, the checker, docxtpl, openpyxl,
# pydantic, lxml) when it runs: `docgen --version` or `docgen --help` loads none of them.
REGISTER_FILE = "so-van-ban.sqlite"  # docgen.records.register.REGISTER_FILE (tests check they agree)


class VnFormatter(click.HelpFormatter):
    """click's help layout with a Vietnamese usage line (click 8.1 writes "Usage:" and "[OPTIONS]"
    without gettext); every other heading and message comes from docgen.mo (docgen.clicktext)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[TÙY CHỌN]")
        super().write_usage(prog, args, prefix="Cách dùng: ")


class VnContext(click.Context):
    formatter_class = VnFormatter


class VnCommand(click.Command):
    context_class = VnContext


class VnGroup(click.Group):
    """The docgen group; catches every DocgenError once and prints it with its location."""

    context_class = VnContext
    command_class = VnCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # A bare `docgen` shows the help and succeeds, as click 8.1 did (8.2 made it an error).
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(0)
        return super().parse_args(ctx, args)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        with vietnamese():
            self._main(args, prog_name, complete_var, **extra)

    def _main(self, args, prog_name, complete_var, **extra):
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except DocgenError as err:
            for problem in err.problems:
                click.echo(str(problem), err=True)
            count = len(err.problems)
            if count > 1:
                click.echo(f"Có {count} lỗi; chưa ghi văn bản nào.", err=True)
            sys.exit(1)
        except click.UsageError as err:
            click.echo(f"Lỗi: {err.format_message()}", err=True)
            click.echo("Xem 'docgen --help' để biết cách dùng.", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("Đã hủy.", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("Đã dừng.", err=True)
            sys.exit(130)
        sys.exit(rv if isinstance(rv, int) else 0)


@click.group(name="docgen", cls=VnGroup, subcommand_metavar="LỆNH [THAM SỐ]...",
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="docgen",
                      message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản rồi thoát.")
def cli() -> None:
    """docgen: sinh văn bản thi đua, khen thưởng đúng thể thức Nghị định 30/2020/NĐ-CP
    từ hồ sơ YAML (kế hoạch, báo cáo, tờ trình, quyết định khen thưởng)."""


def _plan_dir(path: str) -> Path:
    p = Path(path)
    if not p.is_dir():
        raise WorkspaceError.at(Location(p), "không tìm thấy thư mục kế hoạch")
    return p


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="VĂN_BẢN_HOẶC_THƯ_MỤC...")
@click.option("--out", "out_dir", metavar="THƯ_MỤC",
              help="Dựng thử vào thư mục này (không lấy số trong sổ văn bản; văn bản lấy số để trống số).")
@click.option("--draft", is_flag=True,
              help="Dựng thử vào build/<tên thư mục>-du-thao/: không lấy số trong sổ văn bản.")
@click.option("--strict", is_flag=True,
              help="Coi mọi lỗi thể thức (docgen lint) của văn bản vừa dựng là lỗi: thoát với mã 1.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Xuất thêm mỗi văn bản ra PDF bên cạnh (cần LibreOffice).")
@click.option("--duplex", is_flag=True,
              help="In hai mặt: trong tệp in gộp, sau quyết định có số trang lẻ thêm một trang trắng, để mỗi"
                   " quyết định bắt đầu ở mặt trước tờ giấy (cần LibreOffice; xuất cả PDF).")
def build(paths: tuple[str, ...], out_dir: str | None, draft: bool, strict: bool, with_pdf: bool,
          duplex: bool) -> None:
    """Dựng văn bản vào build/<tên thư mục>/, rồi kiểm tra thể thức. Mỗi tham số là một tệp văn
    bản .yaml, một thư mục các văn bản, hoặc một thư mục kế hoạch (cùng các văn bản trong
    documents/ của nó); `docgen build plans/*/` dựng mọi ví dụ.

    Mỗi thư mục: hoặc ghi đủ cả bộ, hoặc không đổi gì: khi có lỗi, build/ và sổ văn bản giữ nguyên."""
    from docgen.build import build_path, sources
    from docgen.output.pdf import INSTALL_LIBREOFFICE, require

    if with_pdf or duplex:
        require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
    if out_dir and len(paths) > 1:
        raise WorkspaceError.at(Location(Path(out_dir)), "--out chỉ dùng khi dựng một tệp hay một thư mục")
    results = [_with_progress(lambda progress, path=path: build_path(
        Path(path), Path(out_dir) if out_dir else None, progress, trial=draft, with_pdf=with_pdf,
        duplex=duplex, lint=True))
        for path in paths]
    for result in results:
        for path in [] if result.unchanged else [*result.written, *result.pdfs]:
            click.echo(f"Đã ghi {display_path(path)}")
        for path in result.removed:
            click.echo(f"Đã xóa {display_path(path)}: không còn trong hồ sơ")
        for entry in result.voided:
            click.echo(f"Hủy số {entry.symbol} năm {entry.year}: {entry.void}")
    for path, result in zip(paths, results, strict=True):
        _warn(sources(Path(path))[0], result.plan)
    _say_done(paths, results)
    if any(result.trial for result in results):
        click.echo("Bản dựng thử: không lấy số trong sổ văn bản; văn bản lấy số để trống số.")
    # The checker imported once the build is done: a large build's workers import it while this
    # process reads the records (docgen.buildwork), not this process before it starts them.
    from docgen.checker.report import exit_code, text_lines

    reports = [report for result in results
               for report in _lint_built(result.written, result.folder, result.trial, result.reports)]
    if with_pdf:  # the pages of what this build converted, in the same LibreOffice run
        converted = {pdf.with_suffix(".docx"): pdf for result in results for pdf in result.pdfs}
        reports = _with_pages(reports, [], {d: p for d, p in converted.items() if d in set(
            f for result in results for f in result.written)})
    findings = [line for line in text_lines(reports)[:-1]]
    if any(r.findings or r.error for r in reports):
        for line in findings:
            click.echo(line, err=True)
        click.echo(text_lines(reports)[-1], err=True)
        if strict and exit_code(reports):
            sys.exit(1)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="TỆP_HOẶC_THƯ_MỤC...")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              help="text: mỗi lỗi một dòng (mặc định); json: cho chương trình khác đọc.")
@click.option("--draft", is_flag=True,
              help="Bản dự thảo: cho phép để trống số văn bản và ngày tháng.")
@click.option("--final", is_flag=True,
              help="Bản sẵn sàng ban hành: báo số, ngày còn để trống, kể cả ở tệp tự khai là dự thảo.")
@click.option("--all-rules", is_flag=True, help="Báo cả các quy tắc đang tạm hoãn (ghi trong rules.yaml).")
@click.option("--pages", is_flag=True,
              help="Kiểm tra cả trang đã dàn (cần LibreOffice): phần kết đứng riêng, chữ ký bị tách trang,"
                   " đề mục cuối trang, chữ vượt lề; ảnh trang có lỗi ghi vào kiem-tra-trang/ cạnh văn bản."
                   " Tệp .pdf (cả PDF đã ký số) được xét nguyên như nó là, cạnh tệp .docx của nó; ảnh mọi"
                   " trang có chữ ký số cũng được ghi vào kiem-tra-trang/.")
def lint(paths: tuple[str, ...], fmt: str, draft: bool, final: bool, all_rules: bool, pages: bool) -> None:
    """Kiểm tra thể thức Nghị định 30/2020/NĐ-CP của các tệp .docx (hoặc mọi .docx trong thư mục)."""
    from docgen.checker import lint_paths
    from docgen.checker.report import as_json, exit_code, text_lines

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise WorkspaceError([Problem(Location(Path(p)), "không tìm thấy tệp hay thư mục")
                              for p in missing])
    if draft and final:
        raise click.UsageError("--draft và --final không dùng cùng nhau")
    pdfs = [Path(p) for p in paths if pages and Path(p).suffix.lower() == ".pdf"]  # judged as they are
    docs = [Path(p) for p in paths if Path(p) not in pdfs]
    reports = lint_paths(docs, draft=draft, final=final, all_rules=all_rules) if docs else []
    if pages:
        reports = _with_pages(reports, docs) if docs else []
        reports += _pdf_pages(pdfs)
    if fmt == "json":
        click.echo(as_json(reports))
    else:
        lines = text_lines(reports)
        for line in lines[:-1] + _signature_lines(pdfs) + lines[-1:]:
            click.echo(line)
    sys.exit(exit_code(reports))


def _say_done(paths: tuple[str, ...], results: list) -> None:
    """The last line of `build`: how many documents were written, or that nothing changed, never
    both of one folder (a folder built again from the same records writes nothing)."""
    from docgen.texts import say

    built = [result for result in results if not result.unchanged]
    kept = [path for path, result in zip(paths, results, strict=True) if result.unchanged]
    if built:
        click.echo(say("Done: {count} documents.", count=sum(len(result.written) for result in built)))
    if kept and not built:
        click.echo(say("Records, templates and register unchanged since the last build: files kept."))
    elif kept:
        for path in kept:
            click.echo(say("{folder}: records, templates and register unchanged since the last build: files kept.",
                           folder=display_path(Path(path))))


def _warn(folder: Path, plan) -> None:
    """Print the warnings of a plan folder's records (docgen.records.advice) on stderr: valid
    records that are probably not what the clerk meant; the command goes on."""
    if plan is None:
        return
    from docgen.records.advice import plan_warnings, unit_warnings

    for warning in unit_warnings(folder) + plan_warnings(folder, plan.year):
        click.echo(str(warning), err=True)


@cli.command()
@click.argument("plan_dir", metavar="VĂN_BẢN_HOẶC_THƯ_MỤC")
def validate(plan_dir: str) -> None:
    """Kiểm tra hồ sơ YAML của một kế hoạch, một tệp văn bản hay một thư mục văn bản, không ghi
    văn bản nào."""
    from docgen.validation import validate_all as validate_plan_folder

    path = Path(plan_dir)
    if not path.is_file():
        _plan_dir(plan_dir)
    inputs = validate_plan_folder(path)  # what `build` reads, read as `build` reads it
    plan = inputs.plan
    _warn(inputs.folder, plan)
    if plan is None:
        click.echo(f"Hồ sơ hợp lệ: {display_path(path)} — {len(inputs.documents)} văn bản.")
        return
    click.echo(
        f"Hồ sơ hợp lệ: {display_path(Path(plan_dir))} — {plan.type_name.lower()} năm {plan.year},"
        f" {len(plan.blocks)} đoạn nội dung, {len(plan.targets)} chỉ tiêu."
    )


@cli.command()
@click.argument("directory", metavar="THƯ_MỤC")
@click.option("--force", is_flag=True,
              help="Thư mục đã có nội dung: chỉ thêm tệp còn thiếu và làm mới tệp mẫu chưa ai sửa;"
                   " không bao giờ xóa sổ văn bản hay tệp đã sửa.")
def init(directory: str, force: bool) -> None:
    """Tạo một bộ hồ sơ mới (plans/ và templates/ với kế hoạch mẫu) để sửa."""
    from docgen.output.stock import copy_stock
    from docgen.records.editor_schema import write_workspace_schemas
    from docgen.records.law import LAW_DIR

    root = Path(directory).expanduser()
    if root.exists() and not root.is_dir():
        raise WorkspaceError.at(Location(root), "đã có một tệp trùng tên, không phải thư mục")
    if root.is_dir() and any(root.iterdir()) and not force:
        raise WorkspaceError.at(
            Location(root), "thư mục đã có nội dung; hãy chọn một thư mục trống. Nếu đây là bộ hồ sơ docgen"
            " và muốn bổ sung tệp mẫu còn thiếu: --force chỉ thêm tệp còn thiếu, giữ nguyên sổ văn bản và"
            " mọi tệp đã sửa"
        )
    from docgen.examples import not_shipped

    sources = {name: stock(name) for name in ("plans", "templates")}
    sources["law"] = LAW_DIR  # the law's figures, for the clerk to update when a decree changes them
    # Only the shipped examples: the clone's plans/ may hold the user's own plans and results.
    example = not_shipped(sources["plans"])
    result = copy_stock(root, sources, skip=lambda p: p.name.startswith(REGISTER_FILE) or example(p))
    try:
        write_workspace_schemas(root)  # the editor's schemas, where the record files' first lines point
    except OSError as err:
        raise WorkspaceError.at(Location(root), f"không ghi được schemas/: {err.strerror}") from None
    if not (result.refreshed or result.skipped or result.kept):
        click.echo(f"Đã tạo bộ hồ sơ {display_path(root)}:")
        for folder in [*sorted(p for p in (root / "plans").iterdir() if p.is_dir()), root / "templates",
                       root / "schemas"]:
            click.echo(f"  {display_path(folder)}")
    else:
        click.echo(f"Đã bổ sung bộ hồ sơ {display_path(root)}:")
        for path in result.added:
            click.echo(f"  thêm {display_path(path)}")
        for path in result.refreshed:
            click.echo(f"  làm mới {display_path(path)}")
        for path in result.skipped:
            click.echo(f"  giữ nguyên {display_path(path)}: đã sửa, khác bản mẫu")
        click.echo(f"  {len(result.kept)} tệp đã đúng bản mẫu, không đổi; sổ văn bản và thư mục build/ không"
                   " bị động đến.")
    folders = sorted(p for p in (root / "plans").iterdir() if p.is_dir())
    # The try-out builds the full example: a plan with its reports and decisions.
    first = next((f for f in folders if (f / "plan.yaml").is_file()), folders[0] if folders else None)
    if first is not None:
        click.echo(f"Dựng thử: docgen build {display_path(first)}")


@cli.command()
@click.argument("directory", metavar="[THƯ_MỤC]", default="schemas")
def schema(directory: str) -> None:
    """Ghi JSON Schema của các tệp hồ sơ (mặc định vào schemas/) để trình soạn thảo gợi ý khóa và báo lỗi."""
    from docgen.records.editor_schema import write_schemas

    folder = Path(directory)
    if folder.exists() and not folder.is_dir():
        raise WorkspaceError.at(Location(folder), "đã có một tệp trùng tên, không phải thư mục")
    try:
        written = write_schemas(folder)
    except OSError as err:
        raise WorkspaceError.at(Location(folder), f"không ghi được: {err.strerror}") from None
    for path in written:
        click.echo(f"Đã ghi {display_path(path)}")


@cli.command()
@click.argument("plan_dir", metavar="THƯ_MỤC_KẾ_HOẠCH")
@click.argument("paths", nargs=-1, required=True, metavar="BIỂU_MẪU_HOẶC_THƯ_MỤC...")
@click.option("--force", is_flag=True, help="Ghi đè kết quả đã có (results/<đơn vị>.yaml).")
@click.option("--year", "year", type=int, metavar="NĂM",
              help="Năm của các biểu mẫu (mặc định: năm của kế hoạch); năm sau ghi vào results/<năm>/.")
def collect(plan_dir: str, paths: tuple[str, ...], force: bool, year: int | None) -> None:
    """Đọc các biểu mẫu báo cáo các đơn vị đã điền, ghi results/<đơn vị>.yaml."""
    from docgen.collect import collect as collect_forms

    result = collect_forms(_plan_dir(plan_dir), [Path(p) for p in paths], force=force, year=year)
    for note in result.rate_notes:
        click.echo(str(note), err=True)
    if result.checked_rates:
        click.echo(f"Tỷ lệ (%) do docgen tính từ số liệu Thực hiện và Kế hoạch; {result.checked_rates} tỷ lệ"
                   f" đơn vị gõ đã được đối chiếu, {len(result.rate_notes)} tỷ lệ khác.")
    for diff in result.diffs.values():
        click.echo(diff, nl=False)
    for path in result.written:
        click.echo(f"Đã ghi {display_path(path)}")
    for path in result.unchanged:
        click.echo(f"Không đổi {display_path(path)}")
    for path in result.kept:
        click.echo(f"Giữ nguyên {display_path(path)}: đã có kết quả khác; dùng --force để ghi đè", err=True)
    total = len(result.reported) + len(result.missing)
    click.echo(f"Đã báo cáo: {len(result.reported)}/{total} đơn vị.")
    if result.missing:
        click.echo("Chưa báo cáo: " + "; ".join(result.missing) + ".")
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if result.problems:
        click.echo(f"Có {len(result.problems)} lỗi; các biểu mẫu có lỗi chưa được ghi, các biểu mẫu khác đã ghi.",
                   err=True)
    if result.kept or result.problems:
        sys.exit(1)


@cli.command(name="bieu-mau")
@click.argument("plan_dir", metavar="THƯ_MỤC_KẾ_HOẠCH")
@click.option("--year", "year", type=int, required=True, metavar="NĂM",
              help="Năm báo cáo, trong giai đoạn của kế hoạch (đến năm report.until của plan.yaml).")
@click.option("--out", "out_dir", metavar="THƯ_MỤC",
              help="Ghi vào thư mục này (mặc định build/<kế hoạch>-bieu-mau-<năm>/).")
def bieu_mau(plan_dir: str, year: int, out_dir: str | None) -> None:
    """Tạo biểu mẫu báo cáo của các đơn vị cho một năm của giai đoạn kế hoạch."""
    from docgen.yearforms import write_year_forms

    written = write_year_forms(_plan_dir(plan_dir), year, Path(out_dir) if out_dir else None)
    for path in written:
        click.echo(f"Đã ghi {display_path(path)}")
    click.echo(f"Xong: {len(written)} biểu mẫu năm {year}; thu lại bằng: docgen collect {plan_dir} <thư mục>"
               f" --year {year}")


def _workspace_root(path: Path) -> Path:
    """The workspace of a path: itself when it holds plans/ (or a register), else a plan folder's."""
    if (path / "plans").is_dir() or (path / REGISTER_FILE).is_file():
        return path
    from docgen.records.document import document_files

    if (path / "plan.yaml").is_file() or (path.is_dir() and document_files(path)):
        return Workspace.of_plan(path).root
    raise WorkspaceError.at(Location(path), "không phải bộ hồ sơ docgen (không có thư mục plans/), thư mục"
                            " kế hoạch (không có plan.yaml) hay thư mục văn bản (không có tệp .yaml)")


@cli.command()
@click.argument("path", metavar="[THƯ_MỤC]", default=".", required=False)
@click.option("--year", "year", type=int, metavar="NĂM", help="Chỉ sổ của năm này.")
@click.option("--xlsx", "xlsx", metavar="TỆP.xlsx", help="Xuất sổ văn bản ra tệp Excel (mỗi sổ một trang tính).")
def register(path: str, year: int | None, xlsx: str | None) -> None:
    """Sổ đăng ký văn bản đi của bộ hồ sơ: mỗi cơ quan, mỗi năm một sổ, số chạy từ 01 ngày 01/01.

    THƯ_MỤC là bộ hồ sơ hoặc một thư mục kế hoạch trong đó (mặc định: thư mục hiện tại)."""
    from docgen.output.register_xlsx import write_register
    from docgen.records.register import Register

    root = _workspace_root(Path(path))
    book = Register.of_workspace(root)
    entries = [e for e in book.entries() if year is None or e.year == year]
    for old in sorted((root / "plans").glob(f"*/{REGISTER_FILE}")):
        click.echo(f"{display_path(old)}: sổ riêng của kế hoạch (bản cũ); lần dựng tới của kế hoạch này sẽ"
                   " chuyển các số vào sổ chung", err=True)
    if not entries:
        click.echo(f"Sổ văn bản chưa có số nào: {display_path(book.path)}")
    named = {e.book: e.agency for e in entries}  # a book is headed by the name the records last gave
    current = None
    for e in entries:
        if e.book != current:
            current = e.book
            click.echo(f"Sổ văn bản đi năm {e.year} - {named[e.book]}")
        tail = f"HỦY SỐ: {e.void}" if e.void else f"{'; '.join(e.recipients.splitlines())}\t{e.file}"
        click.echo(f"{e.symbol}\t{e.date}\t{e.subject}\t{tail}")
    if xlsx:
        write_register(Path(xlsx), entries)
        click.echo(f"Đã ghi {display_path(Path(xlsx))}")


def _lint_built(files: list[Path], folder: Path | None, draft: bool, linted: dict | None = None) -> list:
    """Lint what a build wrote; a file found clean before with the same bytes (by the same
    docgen) keeps its verdict without being read again (docgen.output.unchanged); a file the
    build judged already (`linted`: its report by path) is not judged again."""
    from docgen.checker import Report, lint_paths
    from docgen.output import unchanged

    linted = linted or {}
    digests: dict = {}  # each file read and hashed once for both (unchanged.DIGEST_ONCE)
    known = unchanged.clean_verdicts(folder, files, draft, digests) if folder else {}
    fresh = iter(lint_paths([f for f in files if f not in known and f not in linted], draft=draft))
    reports = [Report(f, [], None, *known[f]) if f in known else linted[f] if f in linted else next(fresh)
               for f in files]
    if folder:
        unchanged.remember_clean(folder, {r.path: (r.draft, r.deferred) for r in reports
                                          if r.path not in known and not r.findings and not r.error}, draft,
                                  digests)
    return reports


def _with_pages(reports: list, paths: list[Path], pdfs: dict[Path, Path] | None = None) -> list:
    """The reports with the findings of the laid-out pages added (docgen.checker.pages): of the
    PDFs given (docx -> pdf, as a build converted them), else of one LibreOffice run over `paths`."""
    from docgen.checker import Report
    from docgen.checker.pages import judge_converted, judge_paths
    from docgen.output.pdf import INSTALL_LIBREOFFICE, require

    if pdfs is None:
        require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để dàn trang)")
        found = {r.path: r for r in judge_paths(paths)}
    else:
        found = {r.path: r for r in judge_converted(list(pdfs.items()))}
    out = []
    for report in reports:
        page = found.get(report.path)
        if page is None or report.error:
            out.append(report)
        elif page.error:
            out.append(Report(report.path, report.findings, f"không dàn được trang: {page.error}", report.draft,
                              report.deferred))
        else:
            out.append(Report(report.path, report.findings + page.findings, None, report.draft, report.deferred))
    return out


def _pdf_pages(pdfs: list[Path]) -> list:
    """`lint --pages FILE.pdf`: the pages of a PDF as it is (a signed one keeps its images)."""
    from docgen.checker.pages import judge_pdfs

    return judge_pdfs(pdfs) if pdfs else []


def _signature_lines(pdfs: list[Path]) -> list[str]:
    """`lint --pages FILE.pdf`: the preview of each page holding a signature (docgen.checker.sigpages),
    one line a page; not findings."""
    from docgen.checker.sigpages import signature_previews

    return [f"{display_path(p.pdf)}:trang {p.page} (ảnh {display_path(p.png) if p.png else p.error}):"
            f" có {p.signatures} chữ ký số trên trang này, xem ảnh" for p in (signature_previews(pdfs) if pdfs else [])]


def _issued_pages(build) -> None:
    """`issue --pdf`: the page check (docgen.checker.pages) of what the issue converted, as
    `build --pdf` does; findings on stderr, the exit code unchanged."""
    from docgen.checker.pages import judge_converted
    from docgen.checker.report import text_lines

    written = set(build.written) if build is not None else set()
    pairs = [(pdf.with_suffix(".docx"), pdf) for pdf in (build.pdfs if build is not None else [])
             if pdf.with_suffix(".docx") in written]
    reports = judge_converted(pairs)
    if any(r.findings or r.error for r in reports):
        for line in text_lines(reports):
            click.echo(line, err=True)


def _with_progress(work):
    """A progress bar on a terminal (stderr), nothing when the output goes to a file or a pipe."""
    if not sys.stderr.isatty():
        return work(None)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            if total < 20:
                return
            bar = click.progressbar(length=total, label="Đang dựng văn bản", file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        return work(progress)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _docx_files(paths: tuple[str, ...]) -> list[Path]:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise WorkspaceError([Problem(Location(Path(p)), "không tìm thấy tệp hay thư mục") for p in missing])
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*.docx") if not f.name.startswith((".", "~$"))))
        else:
            files.append(p)
    return files


def _convert(files: list[Path]) -> list[Path]:
    """Convert with one LibreOffice process; name each file that failed, keep the others."""
    from docgen.output.pdf import to_pdf

    return _report_conversion(to_pdf(files))


def _report_conversion(conversion) -> list[Path]:
    for path in conversion.written:
        click.echo(f"Đã ghi {display_path(path)}")
    if conversion.failed:
        raise OutputError([Problem(Location(path), f"không xuất được PDF: {reason}")
                           for path, reason in conversion.failed])
    return conversion.written


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="TỆP_HOẶC_THƯ_MỤC...")
def pdf(paths: tuple[str, ...]) -> None:
    """Xuất các tệp .docx (hoặc mọi .docx trong thư mục) ra PDF bên cạnh, bằng LibreOffice."""
    from docgen.output.pdf import pdf_fonts

    files = _docx_files(paths)
    written = _convert(files)
    fonts = sorted({name for path in written for name, _ in pdf_fonts(path)})
    click.echo(f"Xong: {len(written)} tệp PDF; phông nhúng: {', '.join(fonts) or 'không có'}.")


@cli.command()
@click.argument("path", metavar="TỆP.docx")
@click.option("--dpi", default=80, show_default=True, help="Độ phân giải ảnh (điểm ảnh mỗi inch).")
def preview(path: str, dpi: int) -> None:
    """Xem trước: ảnh PNG của từng trang, ghi vào thư mục xem-truoc/ bên cạnh tệp."""
    import tempfile

    from docgen.output.pdf import INSTALL_POPPLER, require, to_pdf, to_png

    (source,) = _docx_files((path,))
    require("pdftoppm", INSTALL_POPPLER, "poppler-utils (cần để xem trước)")
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as tmp:
        conversion = to_pdf([source], out_dir=Path(tmp))
        if conversion.failed:
            raise OutputError([Problem(Location(p), f"không xuất được PDF: {r}") for p, r in conversion.failed])
        pages = to_png(conversion.written[0], source.parent / "xem-truoc", dpi=dpi)
    for page in pages:
        click.echo(display_path(page))
    click.echo(f"Xong: {len(pages)} trang.")


PASSWORD_ENV = "DOCGEN_PASSWORD"  # where a script puts the certificate's password; else it is asked


def _signer(p12: str, env: str, option: str = "--signer"):
    """The signer of a PKCS#12 file, or of a PKCS#11 token named by a pkcs11: URI (its session
    closed when the command ends), the password or PIN from the environment variable `env` or a prompt."""
    from docgen.issuing.signing import load_signer, password_for

    path = Path(p12)
    prompt = (lambda text: click.prompt(text, hide_input=True, default="", show_default=False, err=True)) \
        if sys.stdin.isatty() else None
    from docgen.issuing import token

    if token.is_token_uri(p12):
        spec = token.parse_uri(p12, option)
        signer, close = token.open_signer(spec, token.pin_for(spec, option, env, prompt), option)
        click.get_current_context().call_on_close(close)
        return signer
    return load_signer(path, password_for(path, env, prompt))


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="VĂN_BẢN...")
@click.option("--date", "day", metavar="NĂM-THÁNG-NGÀY",
              help="Ngày ban hành (mặc định: hôm nay theo giờ Việt Nam).")
@click.option("--first-number", "first", type=click.IntRange(min=1), metavar="SỐ",
              help="Số cấp cho văn bản đầu tiên, khi sổ văn bản đi của cơ quan còn ghi cả văn bản làm ngoài"
                   " docgen: số kế tiếp trong sổ đó; các văn bản sau lấy các số tiếp theo.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Xuất thêm mỗi văn bản ra PDF bên cạnh (cần LibreOffice).")
@click.option("--agency", metavar="CHỨNG_THƯ.p12",
              help="Văn bản điện tử (PDF đã ký bằng docgen sign): chứng thư số của cơ quan để ký số khi ban hành"
                   " (tệp .p12, hoặc thẻ ký số: pkcs11:token=…;object=…?module-path=…).")
@click.option("--seal", metavar="DẤU.png", help="Hình dấu của cơ quan (màu đỏ, .png nền trong suốt).")
@click.option("--attachment", "attachments", multiple=True, metavar="KÈM_THEO.pdf",
              help="Văn bản kèm theo ở tệp riêng: ký số của cơ quan ở góc trên bên phải trang đầu (lặp lại được).")
@click.option("--password-env", default=PASSWORD_ENV, show_default=True, metavar="TÊN_BIẾN",
              help="Biến môi trường chứa mật khẩu của chứng thư (mã PIN của thẻ ký số); không có thì hỏi.")
def issue(paths: tuple[str, ...], day: str | None, first: int | None, with_pdf: bool, agency: str | None,
          seal: str | None, attachments: tuple[str, ...], password_env: str) -> None:
    """Ban hành (việc của văn thư, sau khi người có thẩm quyền đã ký): cấp số tiếp theo trong sổ
    văn bản của cơ quan, năm của ngày ban hành, theo đúng thứ tự đã chỉ, rồi dựng lại văn bản có
    số và ngày. Mỗi VĂN_BẢN là một tệp .docx dự thảo trong build/, một tệp văn bản .yaml, một
    thư mục hồ sơ (mọi văn bản chờ số của nó, theo thứ tự trong hồ sơ), hoặc một tệp PDF đã ký
    bằng docgen sign (văn bản điện tử: cần --agency và --seal). Có lỗi thì không đổi gì."""
    from docgen.issuing.lifecycle import issue as issue_documents
    from docgen.issuing.lifecycle import parse_day, today
    from docgen.output.pdf import INSTALL_LIBREOFFICE, require

    if with_pdf:
        require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
    from docgen.issuing.lifecycle import Electronic

    when = parse_day(day) if day else today()
    electronic = None
    if agency or seal or attachments:
        if not agency:
            raise click.UsageError("--seal và --attachment cần --agency (chứng thư số của cơ quan)")
        electronic = Electronic(_signer(agency, password_env, "--agency"), Path(seal) if seal else None,
                                tuple(Path(a) for a in attachments))
    outcome = _with_progress(lambda progress: issue_documents([Path(p) for p in paths], when, with_pdf, progress,
                                                              electronic, first=first))
    for entry in outcome.entries:
        click.echo(f"Ban hành số {entry.symbol} ngày {when.strftime('%d/%m/%Y')}: {entry.file}")
    for path in outcome.signed:
        click.echo(f"Đã ký số của cơ quan: {display_path(path)}")
    for entry in outcome.build.voided:
        if entry.key not in {e.key for e in outcome.entries}:
            click.echo(f"Hủy số {entry.symbol} năm {entry.year}: {entry.void}")
    click.echo(f"Xong: ban hành {len(outcome.entries)} văn bản.")
    if with_pdf:
        _issued_pages(outcome.build)


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="VĂN_BẢN...")
@click.option("--reason", required=True, metavar="LÝ_DO", help="Lý do thu hồi, ghi vào sổ văn bản bên số bị hủy.")
def withdraw(paths: tuple[str, ...], reason: str) -> None:
    """Thu hồi văn bản đã ban hành: số của nó bị hủy trong sổ văn bản (ghi lý do), không bao giờ
    cấp lại; văn bản trở lại là dự thảo. Mỗi VĂN_BẢN là tệp .docx đã ban hành trong build/ hoặc
    tệp văn bản .yaml."""
    from docgen.issuing.lifecycle import withdraw as withdraw_documents

    outcome = _with_progress(lambda progress: withdraw_documents([Path(p) for p in paths], reason, progress))
    for entry in outcome.entries:
        click.echo(f"Thu hồi số {entry.symbol} năm {entry.year}: {entry.void}")
    click.echo(f"Xong: thu hồi {len(outcome.entries)} văn bản.")


@cli.command()
@click.argument("draft", metavar="DỰ_THẢO")
@click.option("--signer", required=True, metavar="CHỨNG_THƯ.p12",
              help="Chứng thư số của người có thẩm quyền ký (tệp .p12, hoặc thẻ ký số:"
                   " pkcs11:token=…;object=…?module-path=…).")
@click.option("--image", required=True, metavar="CHỮ_KÝ.png",
              help="Hình chữ ký (màu xanh, .png nền trong suốt), đặt giữa chức vụ và họ tên người ký.")
@click.option("--out", "out", metavar="TỆP.pdf", help="Tệp đã ký (mặc định: <dự thảo>-da-ky.pdf bên cạnh).")
@click.option("--seal-size", default=36.0, show_default=True, metavar="MM",
              help="Đường kính dấu của cơ quan (mm), để dành chỗ cho chữ ký số của cơ quan khi ban hành.")
@click.option("--password-env", default=PASSWORD_ENV, show_default=True, metavar="TÊN_BIẾN",
              help="Biến môi trường chứa mật khẩu của chứng thư (mã PIN của thẻ ký số); không có thì hỏi.")
def sign(draft: str, signer: str, image: str, out: str | None, seal_size: float, password_env: str) -> None:
    """Người có thẩm quyền ký số bản dự thảo (tệp .docx docgen dựng, chuyển sang PDF/A bằng
    LibreOffice, hoặc tệp PDF của nó): hình chữ ký ở ô chữ ký; số và ngày để trống cho văn thư
    điền khi ban hành (docgen issue TỆP.pdf --agency … --seal …)."""
    import tempfile

    from docgen.issuing.lifecycle import _properties
    from docgen.issuing.signing import sign_draft
    from docgen.output.pdf import INSTALL_LIBREOFFICE, PDF_A2B, require, to_pdf

    source = Path(draft)
    if not source.is_file():
        raise WorkspaceError.at(Location(source), "không tìm thấy tệp")
    key = _signer(signer, password_env)
    target = Path(out) if out else source.with_name(source.stem + "-da-ky.pdf")
    docx_file = source if source.suffix.lower() == ".docx" else source.with_suffix(".docx")
    props = _properties(docx_file) if docx_file.is_file() else {}
    with tempfile.TemporaryDirectory(prefix="docgen-ky-") as tmp:
        pdf = source
        if source.suffix.lower() == ".docx":
            require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
            conversion = to_pdf([source], out_dir=Path(tmp), export=PDF_A2B)
            if conversion.failed:
                raise OutputError([Problem(Location(p), f"không xuất được PDF: {r}") for p, r in conversion.failed])
            pdf = conversion.written[0]
        try:
            sign_draft(pdf, target, key, Path(image), seal_mm=seal_size, props=props)
        except DocgenError as err:  # the PDF made from a .docx is a temporary file: name the user's file
            from dataclasses import replace

            raise type(err)([replace(p, location=replace(p.location, file=source)) if p.location.file == pdf else p
                             for p in err.problems]) from None
    click.echo(f"Đã ký: {display_path(target)}")


@cli.command()
@click.argument("path", metavar="TỆP.pdf")
@click.option("--trust", "roots", multiple=True, metavar="GỐC.pem",
              help="Chứng thư gốc tin cậy (của tổ chức cung cấp dịch vụ chứng thực); lặp lại được.")
def verify(path: str, roots: tuple[str, ...]) -> None:
    """Kiểm tra từng chữ ký số của tệp PDF: ai ký, lúc nào, chứng thư có hợp lệ theo gốc tin cậy,
    văn bản có bị sửa sau khi ký ngoài phạm vi cho phép, hình chữ ký và dấu có đúng vị trí Nghị
    định 30 không. Mã thoát 0 khi mọi chữ ký đều đạt."""
    from docgen.issuing.verify import verify as verify_pdf

    reports = verify_pdf(Path(path), [Path(r) for r in roots])
    for report in reports:
        for line in report.lines():
            click.echo(line)
    good = sum(r.ok for r in reports)
    click.echo(f"Kết quả: {good}/{len(reports)} chữ ký đạt.")
    sys.exit(0 if good == len(reports) else 1)


# Fast path (issue 16; tests/test_build_fastpaths.py's plain_paths turns it off): once a command
# has finished, the process ends without the interpreter's teardown. After a build of 1,000
# decisions the build's process holds millions of small objects (records, model, jobs, caches);
# freeing them one by one, and the final collection pass over them, took ~0.3 s of CPU and wall
# after the last line was printed. The exit handlers still run and the output is flushed first.
QUICK_EXIT = True


def main() -> None:
    try:
        cli()
    except SystemExit as done:
        if QUICK_EXIT:
            _quick_exit(done.code)
        raise


def _quick_exit(code: object) -> None:
    """End the process with `code` now (atexit handlers run, stdout and stderr flushed), skipping
    the interpreter's teardown; returns (the caller exits as usual) when `code` is not a number
    or another thread than the main one still runs (the usual exit waits for it)."""
    import atexit
    import os
    import threading

    if code is not None and not isinstance(code, int):
        return  # a message: the usual exit prints it
    if any(t is not threading.main_thread() and not t.daemon for t in threading.enumerate()):
        return
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # closed or broken pipe: the usual exit would not write it either
            pass
    os._exit(code or 0)


@cli.command()
@click.argument("path", metavar="[THƯ_MỤC]", default=".", required=False)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Cổng; 0: cổng trống bất kỳ.")
@click.option("--host", metavar="ĐỊA_CHỈ",
              help="Nghe trên địa chỉ này thay cho 127.0.0.1 và ::1 (máy khác trong mạng vào được: cẩn thận).")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
def serve(path: str, port: int, host: str | None, no_browser: bool) -> None:
    """Trang web cho văn phòng trên máy này: các kế hoạch, văn bản, đơn vị đã báo cáo, khen thưởng,
    sổ văn bản. THƯ_MỤC là bộ hồ sơ (mặc định: thư mục hiện tại). Dừng bằng Ctrl+C."""
    import os
    import webbrowser

    from docgen.web.serve import bind

    root = _workspace_root(Path(path).expanduser())
    if not (root / "plans").is_dir():
        raise WorkspaceError.at(Location(root), "không phải bộ hồ sơ docgen (không có thư mục plans/)")
    if host is not None:
        click.echo(f"Cảnh báo: docgen serve nghe trên {host}: mọi máy tới được địa chỉ này đều xem và sửa được"
                   " bộ hồ sơ, không cần mật khẩu. Chỉ dùng trong mạng tin cậy.", err=True)
    try:
        servers = bind(root.resolve(), port, host)
    except OSError as err:
        raise WorkspaceError.at(Location(root), f"không mở được cổng {port}: {err.strerror}; hãy chọn cổng"
                                " khác bằng --port") from None
    click.echo(f"docgen serve: bộ hồ sơ {display_path(root)} tại {servers.url} (dừng: Ctrl+C)")
    if not no_browser and (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform
                           in ("darwin", "win32")):
        webbrowser.open(servers.url)
    servers.serve_forever()
