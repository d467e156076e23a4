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
def build(paths: tuple[str, ...], out_dir: str | None, draft: bool, strict: bool, with_pdf: bool) -> None:
    """Dựng văn bản vào build/<tên thư mục>/, rồi kiểm tra thể thức. Mỗi tham số là một tệp văn
    bản .yaml, một thư mục các văn bản, hoặc một thư mục kế hoạch (cùng các văn bản trong
    documents/ của nó); `docgen build plans/*/` dựng mọi ví dụ.

    Mỗi thư mục: hoặc ghi đủ cả bộ, hoặc không đổi gì: khi có lỗi, build/ và sổ văn bản giữ nguyên."""
    from docgen.build import build_path
    from docgen.checker.report import exit_code, text_lines
    from docgen.output.pdf import INSTALL_LIBREOFFICE, require

    if with_pdf:
        require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
    if out_dir and len(paths) > 1:
        raise WorkspaceError.at(Location(Path(out_dir)), "--out chỉ dùng khi dựng một tệp hay một thư mục")
    results = [_with_progress(lambda progress, path=path: build_path(
        Path(path), Path(out_dir) if out_dir else None, progress, trial=draft, with_pdf=with_pdf, lint=True))
        for path in paths]
    for result in results:
        for path in [] if result.unchanged else [*result.written, *result.pdfs]:
            click.echo(f"Đã ghi {display_path(path)}")
        for path in result.removed:
            click.echo(f"Đã xóa {display_path(path)}: không còn trong hồ sơ")
        for entry in result.voided:
            click.echo(f"Hủy số {entry.symbol} năm {entry.year}: {entry.void}")
    click.echo(f"Xong: {sum(len(result.written) for result in results)} văn bản.")
    if any(result.unchanged for result in results):
        click.echo("Hồ sơ, mẫu và sổ văn bản không đổi từ lần dựng trước: các tệp đã dựng được giữ nguyên.")
    if any(result.trial for result in results):
        click.echo("Bản dựng thử: không lấy số trong sổ văn bản; văn bản lấy số để trống số.")
    reports = [report for result in results
               for report in _lint_built(result.written, result.folder, result.trial, result.reports)]
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
def lint(paths: tuple[str, ...], fmt: str, draft: bool, final: bool, all_rules: bool) -> None:
    """Kiểm tra thể thức Nghị định 30/2020/NĐ-CP của các tệp .docx (hoặc mọi .docx trong thư mục)."""
    from docgen.checker import lint_paths
    from docgen.checker.report import as_json, exit_code, text_lines

    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise WorkspaceError([Problem(Location(Path(p)), "không tìm thấy tệp hay thư mục")
                              for p in missing])
    if draft and final:
        raise click.UsageError("--draft và --final không dùng cùng nhau")
    reports = lint_paths([Path(p) for p in paths], draft=draft, final=final, all_rules=all_rules)
    if fmt == "json":
        click.echo(as_json(reports))
    else:
        for line in text_lines(reports):
            click.echo(line)
    sys.exit(exit_code(reports))


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
    sources = {name: stock(name) for name in ("plans", "templates")}
    sources["law"] = LAW_DIR  # the law's figures, for the clerk to update when a decree changes them
    result = copy_stock(root, sources, skip=lambda p: p.name.startswith(REGISTER_FILE))
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
def collect(plan_dir: str, paths: tuple[str, ...], force: bool) -> None:
    """Đọc các biểu mẫu báo cáo các đơn vị đã điền, ghi results/<đơn vị>.yaml."""
    from docgen.collect import collect as collect_forms

    result = collect_forms(_plan_dir(plan_dir), [Path(p) for p in paths], force=force)
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
    known = unchanged.clean_verdicts(folder, files, draft) if folder else {}
    fresh = iter(lint_paths([f for f in files if f not in known and f not in linted], draft=draft))
    reports = [Report(f, [], None, *known[f]) if f in known else linted[f] if f in linted else next(fresh)
               for f in files]
    if folder:
        unchanged.remember_clean(folder, {r.path: (r.draft, r.deferred) for r in reports
                                          if r.path not in known and not r.findings and not r.error}, draft)
    return reports


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


def main() -> None:
    cli()
