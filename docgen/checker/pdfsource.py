"""The .docx a PDF was laid out from, so that `docgen lint --pages FILE.pdf` judges the PDF as it
is (a signed or issued PDF: converting the .docx again would give pages without the signatures).

The .docx says which text is which (Nơi nhận, signature, headings: docgen.checker.roles); the PDF
says where each line fell. docgen writes a document's PDF beside its .docx under the same name;
`docgen sign` and `docgen issue` name theirs <draft>-da-ky.pdf and <issued>-ky-so.pdf and write
the .docx's docgen.* custom properties into the PDF's document information (/Docgen.key …), by
which the .docx of the same document is found in the PDF's folder (the draft's .docx is gone once
the document is issued; the issued one has the same key).
"""

import zipfile
from pathlib import Path

from lxml import etree

PDF_KEY = "/Docgen.key"  # docgen.issuing.signing.PROPERTY_PREFIX + "key"
DOCX_KEY = "docgen.key"


def _pdf_key(pdf: Path) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        info = PdfReader(pdf).metadata
    except (PyPdfError, OSError, ValueError):
        return None
    value = info.get(PDF_KEY) if info is not None else None
    return str(value) if value else None


def _docx_key(docx: Path) -> str | None:
    try:
        with zipfile.ZipFile(docx) as zf:
            root = etree.fromstring(zf.read("docProps/custom.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return None
    return next(("".join(prop.itertext()).strip() for prop in root if prop.get("name") == DOCX_KEY), None)


def docx_of(pdf: Path) -> Path | None:
    """The .docx `pdf` was laid out from: the one of the same name beside it, else the one in its
    folder with the docgen.key the PDF carries (a PDF of docgen sign or issue); None if neither."""
    same = pdf.with_suffix(".docx")
    if same.is_file():
        return same
    key = _pdf_key(pdf)
    if key is None:
        return None
    return next((d for d in sorted(pdf.parent.glob("*.docx")) if _docx_key(d) == key), None)
