"""Page previews of a built document: one LibreOffice run, cached by the file's content hash.

build/.docgen-web/xem-truoc/<sha256>/ holds the PDF (van-ban.pdf), one PNG per page
(van-ban-1.png, …, or -01 from ten pages) and each page's text (trang.json, for placing the checker's findings on their
page). The folder is made aside and renamed into place whole, so a half-made preview is never
shown; the same bytes are never converted twice. Conversions run one at a time.
"""

import json
import re
import shutil
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from docgen.checker.findings import Finding
from docgen.errors import Location, OutputError
from docgen.web.files import DIGEST, PREVIEWS, web_dir

DPI = 100  # shown at half size; the image opened alone is sharp enough to read
PDF_NAME = "van-ban.pdf"
TEXTS = "trang.json"
_convert_lock = threading.Lock()
_QUOTED = re.compile(r'\("(.+?)"\)')


@dataclass(frozen=True)
class Preview:
    digest: str
    folder: Path
    images: tuple[Path, ...]  # page 1, 2, … (pdftoppm pads the numbers of a long document: -01)

    @property
    def pages(self) -> int:
        return len(self.images)

    @property
    def pdf(self) -> Path:
        return self.folder / PDF_NAME

    def texts(self) -> list[str]:
        return json.loads((self.folder / TEXTS).read_text(encoding="utf-8"))


def cached(root: Path, digest: str) -> Preview | None:
    """The preview of the file whose sha256 is `digest`, when it was made; else None."""
    if not DIGEST.match(digest or ""):
        return None
    folder = web_dir(root, PREVIEWS) / digest
    if not (folder / TEXTS).is_file():
        return None
    images = sorted(folder.glob("van-ban-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    return Preview(digest, folder, tuple(images))


def preview(root: Path, path: Path, digest: str) -> Preview:
    """The preview of `path` (a .docx whose sha256 is `digest`), made when not cached.
    Raises OutputError (LibreOffice or poppler missing, or the file not convertible)."""
    from pypdf import PdfReader

    from docgen.output.pdf import to_pdf, to_png

    found = cached(root, digest)
    if found:
        return found
    with _convert_lock:
        found = cached(root, digest)
        if found:
            return found
        base = web_dir(root, PREVIEWS)
        work = base / f".{digest}.dang-lam"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        try:
            conversion = to_pdf([path], out_dir=work)
            if conversion.failed:
                raise OutputError.at(Location(path), f"không xem trước được: {conversion.failed[0][1]}")
            conversion.written[0].rename(work / PDF_NAME)
            to_png(work / PDF_NAME, work, dpi=DPI)
            texts = [page.extract_text() or "" for page in PdfReader(work / PDF_NAME).pages]
            (work / TEXTS).write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
            target = base / digest
            shutil.rmtree(target, ignore_errors=True)
            work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    found = cached(root, digest)
    assert found is not None
    return found


def _squeezed(text: str) -> str:
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


def by_page(findings: list[Finding], texts: list[str]) -> tuple[dict[int, list[Finding]], list[Finding]]:
    """The findings placed on the page (1-based) whose text holds the paragraph they quote; the
    rest (a finding about the whole document, or text the PDF writes otherwise) apart."""
    pages = [_squeezed(t) for t in texts]
    placed: dict[int, list[Finding]] = {}
    rest: list[Finding] = []
    for finding in findings:
        quoted = _QUOTED.search(finding.where or "")
        snippet = _squeezed(quoted.group(1).rstrip("…")) if quoted else ""
        page = next((i for i, text in enumerate(pages, 1) if snippet and snippet in text), None)
        if page is None:
            rest.append(finding)
        else:
            placed.setdefault(page, []).append(finding)
    return placed, rest
