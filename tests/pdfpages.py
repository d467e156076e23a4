"""Read a laid-out PDF page by page, as a văn thư looks at it (pdftotext -layout, poppler)."""

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn

ANNEX_HEAD = re.compile(r"^(DANH SÁCH|Phụ lục(?: [IVXLC]+)?|PHỤ LỤC)\b")  # a lone annex has no number


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pages(pdf: Path) -> list[list[str]]:
    """The non-blank lines of each page, the page number in the top margin left out."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    out = []
    for page in text.split("\f")[: _page_count(pdf)]:
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and lines[0].isdigit():
            lines = lines[1:]  # the page number (ND30: centred in the header from page 2)
        out.append(lines)
    return out


def _page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


@dataclass(frozen=True)
class Closing:
    titles: list[str]  # the signer's authority and title lines (ChucVu)
    name: str  # the signer (NguoiKy)


def closings(path: Path) -> list[Closing]:
    """The signature blocks of a .docx, in order (a print bundle holds several)."""
    document = docx.Document(str(path))
    body = document.element.body
    out: list[Closing] = []
    titles: list[str] = []
    for p in body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = style.get(qn("w:val")) if style is not None else ""
        text = "".join(t.text or "" for t in p.iter(qn("w:t"))).strip()
        if name == "ChucVu" and text:
            titles.append(text)
        elif name == "NguoiKy" and text:
            out.append(Closing(titles, text))
            titles = []
    return out


def closing_faults(pdf: Path, docx_path: Path) -> list[str]:
    """What a văn thư would refuse in the closing of each document of `pdf`: a page with
    "Nơi nhận:" and no body text above it, the signer's title or name not on that page,
    anything but an annex after it. Empty when the pages are right."""
    faults = []
    laid = pages(pdf)
    signed = [i for i, lines in enumerate(laid) if any(line.startswith("Nơi nhận:") for line in lines)]
    expected = closings(docx_path)
    if len(signed) != len(expected):
        return [f"{len(signed)} trang có Nơi nhận, {len(expected)} chữ ký"]
    for k, (i, closing) in enumerate(zip(signed, expected, strict=True)):
        lines = laid[i]
        at = next(n for n, line in enumerate(lines) if line.startswith("Nơi nhận:"))
        if at == 0:
            faults.append(f"trang {i + 1}: Nơi nhận đứng đầu trang, không có nội dung văn bản phía trên")
        page = squash(" ".join(lines[at:]))
        for line in [*closing.titles, closing.name]:
            if squash(line) not in page:
                faults.append(f"trang {i + 1}: thiếu \"{line}\" cạnh Nơi nhận")
        end = signed[k + 1] if k + 1 < len(signed) else len(laid)
        # What follows the signature up to the next document: an annex on its own pages, or nothing.
        following = [j for j in range(i + 1, end) if laid[j]]
        starts = [j for j in following if any("CỘNG HÒA XÃ HỘI" in line for line in laid[j][:3])]
        annex = [j for j in following if not starts or j < starts[0]]
        if annex and not ANNEX_HEAD.match(laid[annex[0]][0]):
            faults.append(f"trang {annex[0] + 1}: sau chữ ký là \"{laid[annex[0]][0]}\", không phải phụ lục")
    return faults
