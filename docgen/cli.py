"""Command line: parse arguments, call the library, print; the only place that prints."""

import re
import shutil
import sys
from pathlib import Path

import click

from docgen import __version__
from docgen.build import build_path, load_documents
from docgen.build import validate as validate_plan_folder
from docgen.checker import lint_paths
from docgen.checker.report import as_json, exit_code, text_lines
from docgen.errors import DocgenError, Location, OutputError, Problem, WorkspaceError, display_path
from docgen.output.pdf import (
    INSTALL_LIBREOFFICE,
    INSTALL_POPPLER,
    pdf_fonts,
    require,
    to_pdf,
    to_pdf_bundled,
    to_png,
)
from docgen.records.document import document_files
from docgen.records.law import LAW_DIR
from docgen.records.register import REGISTER_FILE, Register
from docgen.workspace import stock

HELP_TEXT = "Hiện hướng dẫn này rồi thoát."
SECTIONS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}


class VnFormatter(click.HelpFormatter):
    """click's help layout with Vietnamese headings."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[TÙY CHỌN]")
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def section(self, name: str):  # type: ignore[override]
        return super().section(SECTIONS.get(name, name))


class VnContext(click.Context):
    formatter_class = VnFormatter


class VnHelp:
    """click's --help option, described in Vietnamese."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_TEXT
        return option


class VnCommand(VnHelp, click.Command):
    context_class = VnContext


def _usage_message(err: click.UsageError) -> str:
    if isinstance(err, click.NoSuchOption):
        text = f"không có tùy chọn '{err.option_name}'"
        if err.possibilities:
            text += f"; có phải là {', '.join(sorted(err.possibilities))}?"
        return text
    if isinstance(err, click.MissingParameter) and err.param is not None:
        return f"thiếu tham số {err.param.metavar or (err.param.name or '').upper()}"
    message = err.format_message()
    if message.startswith("No such command"):
        m = re.match(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?", message)
        if m:
            hint = f"; có phải là '{m.group(2)}'?" if m.group(2) else ""
            return f"không có lệnh '{m.group(1)}'{hint}"
    if message.startswith("Got unexpected extra argument"):
        return "thừa tham số " + message.split("(", 1)[-1].rstrip(")")
    if message.startswith("Option") and "requires an argument" in message:
        return f"tùy chọn {message.split()[1]} cần một giá trị"
    return message


class VnGroup(VnHelp, click.Group):
    """The docgen group; catches every DocgenError once and prints it with its location."""

    context_class = VnContext
    command_class = VnCommand

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
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
            click.echo(f"Lỗi: {_usage_message(err)}", err=True)
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
              help="Ghi vào thư mục này thay cho build/<tên thư mục>/ (khi dựng một tệp hay thư mục).")
@click.option("--strict", is_flag=True,
              help="Coi mọi lỗi thể thức (docgen lint) của văn bản vừa dựng là lỗi: thoát với mã 1.")
@click.option("--pdf", "with_pdf", is_flag=True, help="Xuất thêm mỗi văn bản ra PDF bên cạnh (cần LibreOffice).")
def build(paths: tuple[str, ...], out_dir: str | None, strict: bool, with_pdf: bool) -> None:
    """Dựng văn bản vào build/<tên thư mục>/, rồi kiểm tra thể thức. Mỗi tham số là một tệp văn
    bản .yaml, một thư mục các văn bản, hoặc một thư mục kế hoạch (cùng các văn bản trong
    documents/ của nó); `docgen build plans/*/` dựng mọi ví dụ."""
    if with_pdf:
        require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
    if out_dir and len(paths) > 1:
        raise WorkspaceError.at(Location(Path(out_dir)), "--out chỉ dùng khi dựng một tệp hay một thư mục")
    results = [_with_progress(lambda progress, path=path: build_path(
        Path(path), Path(out_dir) if out_dir else None, progress)) for path in paths]
    written = [p for result in results for p in result.written]
    for path in written:
        click.echo(f"Đã ghi {display_path(path)}")
    click.echo(f"Xong: {len(written)} văn bản.")
    if with_pdf:
        for result in results:
            _report_conversion(to_pdf_bundled(result.written, result.bundle, list(result.bundled)))
    reports = lint_paths(written)
    findings = [line for line in text_lines(reports)[:-1]]
    if findings:
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
def lint(paths: tuple[str, ...], fmt: str, draft: bool) -> None:
    """Kiểm tra thể thức Nghị định 30/2020/NĐ-CP của các tệp .docx (hoặc mọi .docx trong thư mục)."""
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        raise WorkspaceError([Problem(Location(Path(p)), "không tìm thấy tệp hay thư mục")
                              for p in missing])
    reports = lint_paths([Path(p) for p in paths], draft=draft)
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
    path = Path(plan_dir)
    if path.is_file() or (path.is_dir() and not (path / "plan.yaml").is_file()):
        files = [path] if path.is_file() else document_files(path)
        if not files:
            raise WorkspaceError.at(Location(path), "không có văn bản nào: thư mục cần plan.yaml hoặc các tệp"
                                    " văn bản .yaml (xem README, mục Văn bản đơn lẻ)")
        docs = load_documents(files)
        click.echo(f"Hồ sơ hợp lệ: {display_path(path)} — {len(docs)} văn bản.")
        return
    plan = validate_plan_folder(_plan_dir(plan_dir))
    click.echo(
        f"Hồ sơ hợp lệ: {display_path(Path(plan_dir))} — {plan.type_name.lower()} năm {plan.year},"
        f" {len(plan.blocks)} đoạn nội dung, {len(plan.targets)} chỉ tiêu."
    )


@cli.command()
@click.argument("directory", metavar="THƯ_MỤC")
@click.option("--force", is_flag=True, help="Ghi cả vào thư mục đã có nội dung.")
def init(directory: str, force: bool) -> None:
    """Tạo một bộ hồ sơ mới (plans/ và templates/ với kế hoạch mẫu) để sửa."""
    root = Path(directory).expanduser()
    if root.exists() and not root.is_dir():
        raise WorkspaceError.at(Location(root), "đã có một tệp trùng tên, không phải thư mục")
    if root.is_dir() and any(root.iterdir()) and not force:
        raise WorkspaceError.at(
            Location(root), "thư mục đã có nội dung; dùng --force để ghi vào đó"
        )
    try:
        for name in ("plans", "templates"):
            shutil.copytree(stock(name), root / name, dirs_exist_ok=True)
        # The law's figures, for the clerk to update when a decree changes them.
        shutil.copytree(LAW_DIR, root / "law", dirs_exist_ok=True)
        for register_file in (root / "plans").rglob(REGISTER_FILE):
            register_file.unlink()  # a new workspace starts with an empty register
    except OSError as err:
        raise WorkspaceError.at(Location(root), f"không tạo được bộ hồ sơ: {err.strerror}") from None
    click.echo(f"Đã tạo bộ hồ sơ {display_path(root)}:")
    for plan in sorted((root / "plans").iterdir()):
        click.echo(f"  {display_path(plan)}")
    click.echo(f"  {display_path(root / 'templates')}")
    folders = sorted((root / "plans").iterdir())
    # The try-out builds the full example: a plan with its reports and decisions.
    first = next((f for f in folders if (f / "plan.yaml").is_file()), folders[0])
    click.echo(f"Dựng thử: docgen build {display_path(first)}")


@cli.command()
@click.argument("plan_dir", metavar="THƯ_MỤC_KẾ_HOẠCH")
@click.argument("paths", nargs=-1, required=True, metavar="BIỂU_MẪU_HOẶC_THƯ_MỤC...")
@click.option("--force", is_flag=True, help="Ghi đè kết quả đã có (results/<đơn vị>.yaml).")
def collect(plan_dir: str, paths: tuple[str, ...], force: bool) -> None:
    """Đọc các biểu mẫu báo cáo các đơn vị đã điền, ghi results/<đơn vị>.yaml."""
    from docgen.collect import collect as collect_forms

    result = collect_forms(_plan_dir(plan_dir), [Path(p) for p in paths], force=force)
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
    if result.kept:
        sys.exit(1)


@cli.command()
@click.argument("plan_dir", metavar="THƯ_MỤC_KẾ_HOẠCH")
@click.option("--xlsx", "xlsx", metavar="TỆP.xlsx", help="Xuất sổ văn bản ra tệp Excel.")
def register(plan_dir: str, xlsx: str | None) -> None:
    """Sổ văn bản đi của kế hoạch: số đã cấp cho các quyết định, tờ trình."""
    from docgen.output.register_xlsx import write_register

    folder = _plan_dir(plan_dir)
    entries = Register(folder / REGISTER_FILE).entries()
    if not entries:
        click.echo(f"Sổ văn bản chưa có số nào: {display_path(folder / REGISTER_FILE)}")
    for e in entries:
        click.echo(f"{e.number:02d}/{e.doc_type}-{e.issuer}\t{e.date}\t{e.subject}")
    if xlsx:
        write_register(Path(xlsx), entries)
        click.echo(f"Đã ghi {display_path(Path(xlsx))}")


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
