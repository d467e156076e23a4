"""Page numbers on the printed page, whatever headers a clerk's tools saved in the template.

Nghị định 30, Phụ lục I, I.7: the number is centred in the top margin from page 2 on, never on
the first page; each Phụ lục (a decision's or tờ trình's DANH SÁCH) is numbered on its own.
Every shipped template is saved again the ways clerks save it, each of the seven builds a
document of two pages or more, the documents go to PDF, and each page's top line is read back.
"""

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from conftest import ROOT, _need, run

from docgen.render.version import TEMPLATE_FORMAT, template_format

# template -> (workspace folder to build, the document it makes, relative to build/)
DOCUMENTS = {
    "ke-hoach.docx": ("ninh-binh-2021", "ninh-binh-2021/ke-hoach.docx"),
    "quyet-dinh.docx": ("ninh-binh-2021", "ninh-binh-2021/quyet-dinh/du-thao-giay-khen.docx"),
    "to-trinh.docx": ("ninh-binh-2021", "ninh-binh-2021/to-trinh/du-thao-de-nghi-khen-thuong.docx"),
    "bieu-mau.docx": ("ninh-binh-2021", "ninh-binh-2021/bieu-mau/hoa_lu.docx"),
    "bao-cao-tong-hop.docx": ("ninh-binh-2021", "ninh-binh-2021/bao-cao-tong-hop.docx"),
    "van-ban.docx": ("bao-cao-cong-doan", "bao-cao-cong-doan/bao-cao.docx"),
    "cong-van.docx": ("cong-van-dang-ky-thi-dua", "cong-van-dang-ky-thi-dua/cong-van.docx"),
}
# The first page of each Phụ lục / DANH SÁCH section (1-based), which shows no number either.
ANNEX_FIRST_PAGES = {"quyet-dinh.docx": 3, "to-trinh.docx": 3}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _workspace(root: Path) -> Path:
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite*"))
    shutil.copytree(ROOT / "templates", root / "templates")
    # The sample công văn and the union's report (its signer's lines sitting together) fit one
    # page: three more sections make each two.
    for record in (root / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml",
                   root / "plans" / "bao-cao-cong-doan" / "bao-cao.yaml"):
        data = yaml.safe_load(record.read_text(encoding="utf-8"))
        data["body"] += [{"section": f"Nội dung thứ {n}", "children": [{"text": "Các đơn vị tổ chức thực hiện"
                          " đúng hướng dẫn, tổng hợp kết quả và báo cáo đúng thời hạn. " * 6}]} for n in (1, 2, 3)]
        record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root


def _save_with_python_docx(folder: Path, profile: Path) -> None:
    for template in folder.glob("*.docx"):
        docx.Document(str(template)).save(str(template))


def _save_with_libreoffice(folder: Path, profile: Path) -> None:
    templates = sorted(folder.glob("*.docx"))
    saved = profile.parent / "saved"
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(saved), *map(str, templates)],
                   check=True, capture_output=True, timeout=600)
    for template in templates:
        assert (saved / template.name).is_file(), template.name  # soffice exits 0 even when it fails
        shutil.copy(saved / template.name, template)


def _rewrite(template: Path, change) -> None:
    with zipfile.ZipFile(template) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts = change(parts)
    with zipfile.ZipFile(template, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def _without_headers(parts: dict[str, bytes]) -> dict[str, bytes]:
    """What is left when a clerk deletes the header (and "Different First Page") in Word."""
    document = re.sub(rb"<w:headerReference [^>]*/>|<w:titlePg/>", b"", parts["word/document.xml"])
    rels = re.sub(rb'<Relationship [^>]*Target="header\d\.xml"/>', b"", parts["word/_rels/document.xml.rels"])
    types = re.sub(rb'<Override PartName="/word/header\d\.xml"[^>]*/>', b"", parts["[Content_Types].xml"])
    kept = {n: d for n, d in parts.items() if not re.fullmatch(r"word/header\d\.xml", n)}
    return {**kept, "word/document.xml": document, "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types}


FOOTER = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:ftr xmlns:w="http://schemas.openxmlformats'
          b'.org/wordprocessingml/2006/main"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:fldSimple w:instr=" PAGE ">'
          b"<w:r><w:t>1</w:t></w:r></w:fldSimple></w:p></w:ftr>")


def _number_in_footer(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Word's Insert > Page Number > Bottom of Page, on every page, over the deleted header."""
    parts = _without_headers(parts)
    document = parts["word/document.xml"].replace(b"<w:sectPr>", b'<w:sectPr><w:footerReference w:type="default"'
                                                  b' r:id="rIdClerkFooter"/>')
    rels = parts["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdClerkFooter" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>')
    types = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.footer+xml"/></Types>')
    return {**parts, "word/document.xml": document, "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types, "word/footer1.xml": FOOTER}


def _even_and_odd(parts: dict[str, bytes]) -> dict[str, bytes]:
    """Word's "Different Odd & Even Pages" turned on, with only the odd pages' header kept: page 2,
    an even page, would show the even header, which the template does not have."""
    settings = parts["word/settings.xml"].replace(b"<w:characterSpacingControl",
                                                  b"<w:evenAndOddHeaders/><w:characterSpacingControl", 1)
    assert b"evenAndOddHeaders" in settings
    return {**parts, "word/settings.xml": settings}


def _save_with_even_and_odd_pages(folder: Path, profile: Path) -> None:
    for template in folder.glob("*.docx"):
        _rewrite(template, _even_and_odd)


def _save_without_headers(folder: Path, profile: Path) -> None:
    for template in folder.glob("*.docx"):
        _rewrite(template, _without_headers)


def _save_with_number_in_footer(folder: Path, profile: Path) -> None:
    for template in folder.glob("*.docx"):
        _rewrite(template, _number_in_footer)


SAVES = {
    "libreoffice": _save_with_libreoffice,
    "python-docx": _save_with_python_docx,
    "header-deleted": _save_without_headers,
    "number-in-footer": _save_with_number_in_footer,
    "even-and-odd-pages": _save_with_even_and_odd_pages,
}


def _top_lines(pdf: Path) -> list[str]:
    """The first line of text of each page of a PDF (pdftotext, one page at a time)."""
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                                                             text=True, check=True).stdout).group(1))
    lines = []
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        lines.append(next((line.strip() for line in text.splitlines() if line.strip()), ""))
    return lines


def _bottom_lines(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in text.splitlines() if line.strip()][-1]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[tuple, object]:
    """(way of saving, template) -> the top line of each printed page of the document it made;
    (way, template, "pdf") -> the PDF; (way, "stderr") -> what the build said on stderr."""
    _need("soffice", "pdftotext", "pdfinfo")
    base = tmp_path_factory.mktemp("page-numbers")
    profile = base / "profile"
    documents: dict[tuple[str, str], object] = {}
    for way, save in SAVES.items():
        root = _workspace(base / way)
        save(root / "templates", profile)
        folders = sorted({folder for folder, _ in DOCUMENTS.values()})
        result = run("build", *(root / "plans" / f for f in folders))
        assert result.exit_code == 0, (way, result.output)
        documents[way, "stderr"] = result.stderr
        for template, (_, document) in DOCUMENTS.items():
            documents[way, template] = root / "build" / document
    pdfs = base / "pdf"
    copies = []
    for (way, template), path in documents.items():
        if template == "stderr":
            continue
        copy = base / "docx" / f"{way}--{template}"
        copy.parent.mkdir(exist_ok=True)
        shutil.copy(path, copy)
        copies.append(copy)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(pdfs), *map(str, copies)], check=True, capture_output=True, timeout=600)
    out = {}
    for way, template in documents:
        if template == "stderr":
            out[way, template] = documents[way, template]
            continue
        pdf = pdfs / f"{way}--{template[:-5]}.pdf"
        assert pdf.is_file(), pdf.name
        out[way, template] = _top_lines(pdf)
        out[way, template, "pdf"] = pdf
    return out


@pytest.mark.parametrize("template", sorted(DOCUMENTS))
@pytest.mark.parametrize("way", sorted(SAVES))
def test_page_two_is_numbered_at_the_top_and_page_one_is_not(printed, way, template):
    tops = printed[way, template]
    assert len(tops) >= 2, tops
    assert not tops[0].isdigit(), tops[0]  # page 1: the header block (cơ quan, Quốc hiệu) comes first
    assert tops[1] == "2"
    annex = ANNEX_FIRST_PAGES.get(template)
    if annex:
        assert len(tops) >= annex and not tops[annex - 1].isdigit(), tops
        assert tops[annex - 1] == "DANH SÁCH"


@pytest.mark.parametrize("way", sorted(SAVES))
def test_the_documents_pass_the_checker(printed, way):
    assert printed[way, "stderr"] == ""  # the build lints what it writes: no finding


@pytest.mark.parametrize("way", ["number-in-footer"])
def test_a_page_number_in_the_footer_is_not_printed_at_the_bottom(printed, way):
    pdf = printed[way, "cong-van.docx", "pdf"]
    assert _bottom_lines(pdf, 2) != "2"
    assert not _bottom_lines(pdf, 1).isdigit()


def test_the_template_as_libreoffice_saves_it_loses_the_first_page_setting(tmp_path):
    """The input of this test file is what it claims: LibreOffice drops w:titlePg from section 1
    (and keeps the custom property that declares the template's format)."""
    _need("soffice")
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(ROOT / "templates" / "to-trinh.docx", folder)
    _save_with_libreoffice(folder, tmp_path / "profile")
    with zipfile.ZipFile(folder / "to-trinh.docx") as zf:
        body = zf.read("word/document.xml")
        declared = template_format({"docProps/custom.xml": zf.read("docProps/custom.xml")})
    first = re.search(rb"<w:sectPr\b.*?</w:sectPr>", body, re.S).group()
    assert b"<w:titlePg" not in first
    assert declared == TEMPLATE_FORMAT  # the template format survives too (test_template_format.py)


def test_each_section_is_set_by_whether_it_starts_a_document():
    """Own small package: section 1 as LibreOffice leaves it (no titlePg, default header empty),
    a landscape section continuing the numbering, an annex restarting at 1, a PAGE footer."""
    from docgen.render.pagenumbers import follow_decree

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    body = ('<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference'
            ' w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgNumType w:start="1"/>'
            '<w:docGrid w:linePitch="360"/></w:sectPr></w:pPr></w:p>'
            '<w:p><w:pPr><w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:titlePg/>'
            '</w:sectPr></w:pPr></w:p>'
            '<w:sectPr><w:type w:val="nextPage"/><w:pgNumType w:fmt="decimal" w:start="1"/>'
            '<w:titlePg w:val="false"/><w:textDirection w:val="lrTb"/></w:sectPr>')
    parts = {
        "[Content_Types].xml": b'<Types><Override PartName="/word/header1.xml" ContentType="h"/>'
                               b'<Override PartName="/word/footer1.xml" ContentType="f"/></Types>',
        "word/document.xml": f'<w:document {w} {r}><w:body>{body}</w:body></w:document>'.encode(),
        "word/_rels/document.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId2" Type="{rel}/header" Target="header1.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/footer" Target="/word/footer1.xml"/></Relationships>').encode(),
        "word/header1.xml": f"<w:hdr {w}><w:p/></w:hdr>".encode(),
        "word/footer1.xml": f'<w:ftr {w}><w:p><w:fldSimple w:instr=" PAGE "/></w:p></w:ftr>'.encode(),
    }
    out = follow_decree(parts)
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", out["word/document.xml"].decode())
    assert [re.findall(r'w:type="(\w+)" r:id="(\w+)"', s) for s in sections] == [
        [("default", "rIdNd30Page"), ("even", "rIdNd30Page"), ("first", "rIdNd30First")],
        [("default", "rIdNd30Page"), ("even", "rIdNd30Page")],
        [("default", "rIdNd30Page"), ("even", "rIdNd30Page"), ("first", "rIdNd30First")]]
    # Section 1 and the annex start a document: titlePg on, in its place in the schema order.
    assert '<w:pgNumType w:start="1"/><w:titlePg/><w:docGrid' in sections[0]
    assert "<w:titlePg" not in sections[1]  # continues page 2, 3…: numbered on its first page too
    assert '<w:pgNumType w:fmt="decimal" w:start="1"/><w:titlePg/><w:textDirection' in sections[2]
    assert "footerReference" not in out["word/document.xml"].decode()
    assert set(out) == {"[Content_Types].xml", "word/document.xml", "word/_rels/document.xml.rels",
                        "word/headerNd30Page.xml", "word/headerNd30First.xml"}
    assert b"header1" not in out["[Content_Types].xml"] and b"footer1" not in out["[Content_Types].xml"]
    assert b"/word/headerNd30Page.xml" in out["[Content_Types].xml"]
    numbered = out["word/headerNd30Page.xml"].decode()
    assert '<w:jc w:val="center"/>' in numbered and '<w:sz w:val="28"/>' in numbered
    assert "> PAGE </w:instrText>" in numbered and "PAGE" not in out["word/headerNd30First.xml"].decode()
    assert follow_decree(out) == out  # a second pass changes nothing
