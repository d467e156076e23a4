"""PDF and PNG through LibreOffice and poppler: one LibreOffice process per batch.

LibreOffice takes about a second to start, so a batch is converted by one `soffice
--convert-to pdf` call over every file, in a throw-away profile so that a clerk's open
LibreOffice window or a second docgen run cannot block it. soffice exits 0 even when a file
did not convert: each PDF is checked to exist and to be a PDF.
"""

import io
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Location, OutputError
from docgen.output.package import write_atomic

INSTALL_LIBREOFFICE = "apt-get install libreoffice-writer-nogui"
INSTALL_POPPLER = "apt-get install poppler-utils"


@dataclass
class Conversion:
    """What a batch gave: the PDFs written, and each file that failed with the reason."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[Path, str]] = field(default_factory=list)


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require(tool: str, install: str, what: str) -> str:
    found = find_soffice() if tool == "soffice" else shutil.which(tool)
    if not found:
        raise OutputError.at(Location(tool), f"chưa cài {what}; cài bằng lệnh: {install}")
    return found


def _is_docx(path: Path) -> str | None:
    """Why `path` is not a Word file, or None. LibreOffice would import any text as a document."""
    try:
        with zipfile.ZipFile(path) as zf:
            if "word/document.xml" not in zf.namelist():
                return "không phải văn bản Word (thiếu word/document.xml)"
    except (zipfile.BadZipFile, OSError):
        return "không phải tệp .docx (không đọc được dạng nén zip)"
    return None


def to_pdf(files: list[Path], timeout: float | None = None, out_dir: Path | None = None) -> Conversion:
    """Convert .docx files to PDFs (beside them, or in `out_dir`) with one LibreOffice process."""
    soffice = require("soffice", INSTALL_LIBREOFFICE, "LibreOffice (cần để xuất PDF)")
    result = Conversion()
    for path in files:
        reason = _is_docx(path)
        if reason:
            result.failed.append((path, reason))
    files = [f for f in files if f not in {p for p, _ in result.failed}]
    if not files:
        return result
    timeout = timeout if timeout is not None else 60 + 5 * len(files)
    with tempfile.TemporaryDirectory(prefix="docgen-pdf-") as tmp:
        work = Path(tmp)
        inputs, outputs = work / "in", work / "out"
        inputs.mkdir()
        names = {}
        for i, path in enumerate(files):
            # Unique names: files of different folders may share one (ke-hoach.docx).
            name = f"{i:05d}-{path.stem}"
            shutil.copyfile(path, inputs / f"{name}.docx")
            names[path] = name
        command = [
            soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
            "--norestore", "--nologo", "--nodefault", "--nolockcheck",
            "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(outputs),
            *(str(inputs / f"{names[p]}.docx") for p in files),
        ]
        timed_out = _run(command, timeout)
        for path in files:
            pdf = outputs / f"{names[path]}.pdf"
            if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-":
                target = (out_dir / f"{path.stem}.pdf") if out_dir else path.with_suffix(".pdf")
                write_atomic(target, pdf.read_bytes())
                result.written.append(target)
            elif timed_out:
                result.failed.append((path, f"LibreOffice không trả lời sau {timeout:g} giây"))
            else:
                result.failed.append((path, "LibreOffice không chuyển được tệp này sang PDF"
                                            " (tệp hỏng hoặc không phải văn bản Word)"))
    order = {p: i for i, p in enumerate(files)}
    result.failed.sort(key=lambda f: order.get(f[0], -1))
    return result


def _run(command: list[str], timeout: float) -> bool:
    """Run soffice in its own process group; kill the whole group on timeout. True if it timed out."""
    env = dict(os.environ, HOME=os.environ.get("HOME", tempfile.gettempdir()))
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, env=env)
    try:
        proc.wait(timeout=timeout)
        return False
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        return True


def to_png(pdf: Path, out_dir: Path, dpi: int = 80) -> list[Path]:
    """One PNG per page with pdftoppm: out_dir/<name>-1.png, -2.png, …"""
    pdftoppm = require("pdftoppm", INSTALL_POPPLER, "poppler-utils (cần để xem trước)")
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    proc = subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(out_dir / pdf.stem)],
                          capture_output=True, text=True, timeout=120, check=False)
    if proc.returncode != 0:
        raise OutputError.at(Location(pdf), f"pdftoppm không đọc được PDF: {proc.stderr.strip()}")
    pages = sorted(out_dir.glob(f"{pdf.stem}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return pages


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """(font name, embedded) for each font object the PDF's pages use, in page order, read with pypdf.

    The name is the /BaseFont without its subset tag ("ABCDEF+LiberationSerif" -> "LiberationSerif");
    a font is embedded when its descriptor (of the descendant font, for a Type0 font) carries a font
    program, /FontFile, /FontFile2 or /FontFile3 (PDF 32000-1:2008, 9.8 and 9.9); Type3 fonts
    define their glyphs in the file. Fonts of form XObjects on the page are included.
    Raises OutputError when the file is not a readable PDF.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(pdf)
        fonts: dict[object, tuple[str, bool]] = {}
        for page in reader.pages:
            _collect_fonts(page.get("/Resources"), fonts, set())
    except (PyPdfError, OSError, ValueError, KeyError, IndexError, TypeError, AttributeError) as err:
        # A damaged file breaks pypdf in many ways; each is the same answer for the user.
        raise OutputError.at(Location(pdf), f"không đọc được PDF: {err}") from None
    return list(fonts.values())


def _collect_fonts(resources, fonts: dict, seen: set) -> None:
    resources = _resolved(resources)
    if not resources:
        return
    for ref in (_resolved(resources.get("/Font")) or {}).values():
        font = ref.get_object()
        key = getattr(ref, "idnum", None) or id(font)
        if key in fonts:
            continue
        name = str(font.get("/BaseFont", "")).lstrip("/").split("+")[-1]
        described = font
        if font.get("/Subtype") == "/Type0":
            described = _resolved(font["/DescendantFonts"])[0].get_object()
        descriptor = _resolved(described.get("/FontDescriptor")) or {}
        embedded = font.get("/Subtype") == "/Type3" or any(
            k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        fonts[key] = (name, embedded)
    for ref in (_resolved(resources.get("/XObject")) or {}).values():
        xobject = ref.get_object()
        key = getattr(ref, "idnum", None) or id(xobject)
        if xobject.get("/Subtype") == "/Form" and key not in seen:
            seen.add(key)
            _collect_fonts(xobject.get("/Resources"), fonts, seen)


def _resolved(value):
    """The object an indirect reference points to (pypdf 4 returns references from .get())."""
    return value.get_object() if value is not None else None


QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")


def split_bundle(bundle_pdf: Path, targets: list[Path]) -> bool:
    """Cut the PDF of a print bundle into one PDF per document, each starting at the page that
    carries its Quốc hiệu. False (nothing written) when the pages do not match `targets`."""
    import unicodedata

    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(bundle_pdf)
    starts = []
    for i, page in enumerate(reader.pages):
        text = " ".join(unicodedata.normalize("NFC", page.extract_text() or "").split())
        if any(q in text for q in QUOC_HIEU):
            starts.append(i)
    if len(starts) != len(targets) or (starts and starts[0] != 0):
        return False
    bounds = [*starts, len(reader.pages)]
    for k, target in enumerate(targets):
        writer = PdfWriter()
        for i in range(bounds[k], bounds[k + 1]):
            writer.add_page(reader.pages[i])
        buffer = io.BytesIO()
        writer.write(buffer)
        write_atomic(target, buffer.getvalue())
    return True


def to_pdf_bundled(files: list[Path], bundle: Path | None, members: list[Path]) -> Conversion:
    """Convert a build's documents; the bundled ones by converting their bundle once and cutting
    it (LibreOffice lays out one long file faster than many short ones), the rest as a batch."""
    if bundle is None or not members:
        return to_pdf(files)
    rest = [f for f in files if f not in members]
    result = to_pdf(rest)
    if bundle.with_suffix(".pdf") in result.written:
        targets = [m.with_suffix(".pdf") for m in members]
        if split_bundle(bundle.with_suffix(".pdf"), targets):
            result.written.extend(targets)
            return result
    more = to_pdf(members)  # the bundle did not convert or cut cleanly: convert them one by one
    result.written.extend(more.written)
    result.failed.extend(more.failed)
    return result
