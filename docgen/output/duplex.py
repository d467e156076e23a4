"""Two-sided printing of the print bundle (`docgen build --duplex`): every decision starts on
the front of a sheet.

A decision's page count is known only once laid out, so the bundle is padded after its PDF
conversion: each decision of an odd number of pages but the last is followed by a blank page,
in the bundle's .docx (a blank section, docgen/output/bundle.py) and in its PDF alike.
"""

import io
from pathlib import Path

from docgen.output.package import write_atomic


def page_counts(pdfs: list[Path]) -> list[int]:
    """Pages of each PDF, in order."""
    from pypdf import PdfReader

    return [len(PdfReader(p).pages) for p in pdfs]


def blank_backs(counts: list[int]) -> list[bool]:
    """Which documents need a blank page after them: an odd page count, not the last one."""
    return [n % 2 == 1 and i < len(counts) - 1 for i, n in enumerate(counts)]


def padded_pdf(members: list[Path], target: Path) -> None:
    """Write `target`: the member PDFs one after another, each odd one followed by a blank page."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    readers = [PdfReader(m) for m in members]
    for reader, blank in zip(readers, blank_backs([len(r.pages) for r in readers]), strict=True):
        for page in reader.pages:
            writer.add_page(page)
        if blank:
            last = reader.pages[-1]
            writer.add_blank_page(float(last.mediabox.width), float(last.mediabox.height))
    buffer = io.BytesIO()
    writer.write(buffer)
    write_atomic(target, buffer.getvalue())
