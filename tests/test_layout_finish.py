"""What issue 11 asked last of the laid-out page, read back from the built .docx and from
LibreOffice's PDF: the signer's lines sit together, short fixed names do not break, a wide
annex turns its page by itself."""

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import _need, copy_examples, run
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The main example and the province's decision (a KT. signature) built with their PDFs."""
    _need("soffice", "pdftotext")
    root = tmp_path_factory.mktemp("finish")
    copy_examples(root)
    for folder in ("ninh-binh-2021", "quyet-dinh-ubnd-tinh"):
        result = run("build", "--pdf", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    return root / "build"


def _xml(path: Path, part: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as zf:
        return etree.fromstring(zf.read(part))


def _words(pdf: Path) -> list[tuple[float, str]]:
    """(top in pt, word) of every word of the PDF, in reading order (pdftotext -bbox)."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [(float(y), w) for y, w in re.findall(r'<word xMin="[^"]+" yMin="([^"]+)"[^>]*>([^<]*)</word>', html)]


def test_the_signers_lines_sit_together(built):
    # "KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH": 12 pt above the first line only (Phụ lục III's samples).
    path = built / "quyet-dinh-ubnd-tinh" / "quyet-dinh.docx"
    style = next(s for s in _xml(path, "word/styles.xml").iter(f"{W}style") if s.get(f"{W}styleId") == "ChucVu")
    assert style.find(f"{W}pPr/{W}spacing").get(f"{W}before") == "240"
    assert style.find(f"{W}pPr/{W}contextualSpacing") is not None  # none between lines of this style
    lines = [p for p in _xml(path).iter(f"{W}p") if (s := p.find(f"{W}pPr/{W}pStyle")) is not None
             and s.get(f"{W}val") == "ChucVu"]
    assert ["".join(p.itertext()) for p in lines] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert all(p.find(f"{W}pPr/{W}spacing") is None for p in lines)  # nothing overrides the style
    # On the page: the second line one line (14 pt, single) under the first, level with "Nơi nhận:".
    words = _words(path.with_suffix(".pdf"))
    top = {w: y for y, w in reversed(words)}  # the first occurrence of each word
    kt = next(y for y, w in words if w == "KT.")
    pho = next(y for y, w in words if w == "PHÓ")
    assert 14 <= pho - kt <= 18, (kt, pho)
    assert abs(kt - top["Nơi"]) < 1


# --- No break inside short fixed names (issue 11, item 5) ---------------------------------------

NAME = "Sở Lao động - Thương binh và Xã hội"


@pytest.mark.parametrize("args, shown", [
    # A long part of a name breaks between its units, never inside one (see name_breaks).
    ((NAME,), "Sở\u00a0Lao\u00a0động\u00a0- Thương\u00a0binh và Xã\u00a0hội"),
    # A run longer than vn.text.LONGEST (15) is cut at its joints: after "Ủy ban nhân dân".
    (("Ủy ban nhân dân tỉnh",), "Ủy\u00a0ban\u00a0nhân\u00a0dân tỉnh"),
    (("Ủy ban nhân dân huyện Yên Khánh",), "Ủy\u00a0ban\u00a0nhân\u00a0dân huyện Yên\u00a0Khánh"),
    # With names: only those are kept together inside the text; the rest breaks as usual.
    (("Quỹ Thi đua, khen thưởng của " + NAME, NAME),
     "Quỹ Thi đua, khen thưởng của Sở\u00a0Lao\u00a0động\u00a0- Thương\u00a0binh và Xã\u00a0hội"),
    (("Quỹ của tỉnh", NAME), "Quỹ của tỉnh"),
    (("Sở Lao động", "Lao động", "Sở Lao động"), "Sở\u00a0Lao\u00a0động"),
    (("So\u0300 Lao", "Sò Lao"), "Sò\u00a0Lao"),  # NFD text, NFC name: the same name
])
def test_nobreak_joins_a_name_with_no_break_spaces(args, shown):
    from docgen.vn import nobreak

    assert nobreak(*args) == shown


def test_nobreak_refuses_what_is_not_text():
    from docgen.vn import nobreak

    with pytest.raises(ValueError, match="nobreak cần chuỗi"):
        nobreak(12)


def _broken_names(lines: list[str], name: str) -> list[str]:
    """Each place `name` is printed across two lines other than right after its dash or around
    its "và" (the breaks `name_breaks` allows in "Sở Lao động - Thương binh và Xã hội")."""
    text = "\n".join(lines)
    pattern = r"\s+".join(re.escape(w) for w in name.split())
    return [m.group(0) for m in re.finditer(pattern, text)
            if "\n" in m.group(0).replace("-\n", "- ").replace("\nvà", " và").replace("và\n", "và ")]


def _lines(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]  # U+00A0 read as a space


def test_fixed_names_do_not_break_across_lines(built):
    out = built / "ninh-binh-2021"
    # In the XML: the issuer's name joined by no-break spaces where the templates ask for it.
    decision = out / "quyet-dinh" / "du-thao-chien-si-thi-dua-co-so.docx"
    xml = zipfile.ZipFile(decision).read("word/document.xml").decode("utf-8")
    # (read across runs: share_spaces may cut a line's run to space its letters, layout.share_spaces)
    text = re.sub(r"<[^>]+>", "", xml)
    assert "trích từ Quỹ Thi đua, khen thưởng của Sở\u00a0Lao\u00a0động\u00a0- Thương\u00a0binh" in text
    # On LibreOffice's pages: the issuer's name breaks after its dash or not at all, in every document
    # of the example (before: "… khen thưởng của Sở Lao" / "động - Thương binh và Xã hội." in Điều 2,
    # and the tờ trình's "(Kèm theo … của Sở Lao" / "động - Thương binh và Xã hội)").
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 20
    printed = 0
    for pdf in pdfs:
        lines = _lines(pdf)
        assert _broken_names(lines, NAME) == [], pdf.name
        printed += len(re.findall(r"\s+".join(NAME.split()), "\n".join(lines)))
    assert printed > 50
    lines = _lines(decision.with_suffix(".pdf"))
    assert any(line.endswith("của") for line in lines) and "Sở Lao động - Thương binh và Xã hội." in lines


@pytest.mark.parametrize(("text", "names", "shown"), [
    # Overlapping names, any case: "phòng" typed lower-case; a line may still break after the dash.
    ("các phòng Lao động - Thương binh và Xã hội tỉnh Ninh Bình",
     ["Phòng Lao động", "Lao động - Thương binh và Xã hội", "Ninh Bình"],
     "các phòng\u00a0Lao\u00a0động\u00a0- Thương\u00a0binh và Xã\u00a0hội tỉnh Ninh\u00a0Bình"),
    # a name in small letters: a proper name's capitals are kept listed or not (vn.text.proper_spaces)
    ("lao độngx và lao  động", ["lao động"], "lao độngx và lao  động"),  # whole words only
    ("lao động", [], "lao động"),
    ("lao\u00a0động lao động", ["lao động"], "lao\u00a0động lao\u00a0động"),
])
def test_keep_names_joins_the_listed_names_only(text, names, shown):
    from docgen.vn import keep_names

    assert keep_names(text, names) == shown


@pytest.mark.parametrize(("name", "units"), [
    # Short parts (15 characters at most) are never broken.
    ("Sở Lao động", ["Sở Lao động"]),
    ("Ủy ban nhân dân tỉnh", ["Ủy ban nhân dân", "tỉnh"]),  # 20 characters: cut (LONGEST)
    ("Hiệu trưởng", ["Hiệu trưởng"]),
    # A long name: units begin at a capital after a lower-case word; a level or "và" before a
    # capitalised word stands alone; a place name and a two-syllable word are never split.
    ("Ủy ban nhân dân huyện Yên Khánh", ["Ủy ban nhân dân", "huyện", "Yên Khánh"]),
    ("Ủy ban nhân dân thành phố Tam Điệp", ["Ủy ban nhân dân", "thành phố", "Tam Điệp"]),
    ("Trường Tiểu học Khánh Hòa", ["Trường Tiểu học", "Khánh Hòa"]),
    ("Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình", ["Chủ tịch", "Ủy ban nhân dân", "tỉnh", "Ninh Bình"]),
    ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động -", "Thương binh", "và", "Xã hội"]),
    ("Phòng Giáo dục và Đào tạo", ["Phòng Giáo dục", "và", "Đào tạo"]),
])
def test_a_long_name_breaks_between_its_units_only(name, units):
    from docgen.vn import nobreak

    assert nobreak(name).split(" ") == [u.replace(" ", "\u00a0") for u in units]


def test_keep_names_lets_a_shorter_listed_name_win_where_names_overlap():
    from docgen.vn import keep_names

    # "huyện Yên Khánh" listed whole: the long name's break before "Yên" is not taken; the office
    # inside the long name keeps its units as it does alone ("Ủy ban" / "nhân" / "dân").
    assert keep_names("của Ủy ban nhân dân huyện Yên Khánh", ["Ủy ban nhân dân huyện Yên Khánh", "huyện Yên Khánh"]) \
        == "của Ủy\u00a0ban nhân dân huyện\u00a0Yên\u00a0Khánh"


def test_the_issuers_name_and_signers_titles_are_kept_without_being_listed():
    from types import SimpleNamespace

    from docgen.render.environment import ENVIRONMENT

    head = SimpleNamespace(title="Giám đốc")
    org = SimpleNamespace(name="Sở Nội vụ", head=head, deputies=[SimpleNamespace(title="Phó Giám đốc")], fixed_names=[],
                          superior=None, addressed_as=None)
    shown = ENVIRONMENT.from_string("{{ t | keep_names }}").render(
        org=org, t="(Kèm theo Quyết định của Giám đốc Sở Nội vụ; Phó Giám đốc ký)")
    assert shown == "(Kèm theo Quyết định của Giám\u00a0đốc Sở\u00a0Nội\u00a0vụ; Phó\u00a0Giám\u00a0đốc ký)"


@pytest.mark.parametrize(("text", "shown"), [
    # A short number ending the text or a clause stays with its word; dates and figures inside a
    # sentence break as usual.
    ("Giáo viên, Tổ chuyên môn khối 1", "Giáo viên, Tổ chuyên môn khối\u00a01"),
    ("theo Điều 3.", "theo Điều\u00a03."),
    ("ngày 15 tháng 6 năm 2022", "ngày\u00a015 tháng\u00a06 năm\u00a02022"),  # a date's words keep their numbers
    ("tỷ lệ 70,5%", "tỷ lệ 70,5%"),
    ("ngày 24/5/2021", "ngày 24/5/2021"),
])
def test_keep_names_keeps_a_short_number_with_its_word(text, shown):
    from docgen.vn import keep_names

    assert keep_names(text, []) == shown


def test_the_offices_are_kept_in_any_documents_text():
    from docgen.render.environment import ENVIRONMENT

    shown = ENVIRONMENT.from_string("{{ t | keep_names }}").render(
        t="Căn cứ Nghị định của Chính phủ; Quyết định của Ủy ban nhân dân tỉnh")
    assert shown == "Căn cứ Nghị định của Chính\u00a0phủ; Quyết định của Ủy\u00a0ban nhân dân tỉnh"


def test_an_office_of_three_words_or_more_breaks_between_its_units():
    """Two-word offices stay whole; "Ủy ban nhân dân", "Hội đồng nhân dân", "Chánh Văn phòng" keep
    "Ủy ban", "Hội đồng", "Văn phòng" and may break between them: a no-break space keeps its width
    in a justified line, and five of them left "Hội đồng nhân dân   và   Ủy ban nhân dân   huyện,"
    stretched (issue 11)."""
    from docgen.vn import OFFICES, keep_names

    text = "Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ, Giám đốc Sở"
    assert keep_names(text, OFFICES) == ("Chánh Văn\u00a0phòng Hội\u00a0đồng nhân dân và Ủy\u00a0ban nhân dân huyện,"
                                         " Trưởng\u00a0phòng Nội vụ, Giám\u00a0đốc Sở")


def test_keep_names_refuses_what_is_not_text():
    from docgen.vn import keep_names

    with pytest.raises(ValueError, match="keep_names cần chuỗi"):
        keep_names("Ninh Bình", [12])


def test_the_organisations_fixed_names_do_not_break_across_lines(built):
    """organisation.yaml's fixed_names stay whole in the running text and the list cells of every
    PDF of the example (before: "Ngành Lao động - Thương" / "binh và Xã hội" in the plan and the
    decisions, "Phòng Lao" / "động" in the decisions' lists)."""
    import yaml

    out = built / "ninh-binh-2021"
    names = yaml.safe_load((out.parents[1] / "plans" / "ninh-binh-2021" / "organisation.yaml")
                           .read_text(encoding="utf-8"))["fixed_names"]
    assert "Lao động - Thương binh và Xã hội" in names
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) >= 20
    broken, printed = [], 0
    for pdf in pdfs:
        text = "\n".join(_lines(pdf))
        for name in names:
            pattern = r"\s+".join(re.escape(w) for w in name.split())
            for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE):
                printed += 1
                # The header's capitals break where the clerk's header_lines say: not running text.
                # A long name may break after its dash and around its "và" (name_breaks).
                joined = m.group(0).replace("-\n", "- ").replace("\nvà", " và").replace("và\n", "và ")
                if "\n" in joined and not m.group(0).isupper():
                    broken.append((pdf.name, m.group(0)))
    assert broken == []
    assert printed > 100


def test_every_reader_takes_a_no_break_space_as_a_space(built, tmp_path):
    from nd30doc import make

    from docgen.checker import lint
    from docgen.render.readback import subject_of

    # docgen's own output lints clean, its fixed wording found however it is kept on a line.
    assert lint(built / "ninh-binh-2021" / "to-trinh" / "du-thao-de-nghi-khen-thuong.docx",
                draft=True).findings == []
    kept = make(tmp_path / "x.docx", qh={"text": "CỘNG\u00a0HÒA XÃ\u00a0HỘI CHỦ\u00a0NGHĨA VIỆT\u00a0NAM"},
                tn={"text": "Độc\u00a0lập - Tự\u00a0do - Hạnh\u00a0phúc"})
    assert lint(kept).findings == []
    # The register's read-back: the trích yếu as typed, spaces for no-break spaces.
    xml = (f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:pPr><w:pStyle w:val="TrichYeu"/></w:pPr>'
           '<w:r><w:t>Về việc khen thưởng của Sở\u00a0Lao\u00a0động</w:t></w:r></w:p></w:body></w:document>')
    assert subject_of({"word/document.xml": xml.encode()}) == "Về việc khen thưởng của Sở Lao động"


def test_a_general_documents_annex_head_keeps_the_signers_title_and_the_issuer(tmp_path):
    """The "(Kèm theo …)" line is typed by the clerk: "Trưởng phòng" (the signature's title) and
    "Phòng Nội vụ" (the issuer) are kept whole there without organisation.yaml listing them."""
    record = (Path(__file__).parent / "data" / "annex-record.yaml").read_text(encoding="utf-8")
    record = record.replace("năm 2024 của Phòng Nội vụ)", "năm 2024 của Trưởng phòng Phòng Nội vụ)")
    folder = tmp_path / "ws" / "plans" / "pl"
    folder.mkdir(parents=True)
    (folder / "bao-cao.yaml").write_text(record, encoding="utf-8")
    result = run("build", folder)
    assert result.exit_code == 0, result.output
    xml = zipfile.ZipFile(tmp_path / "ws" / "build" / "pl" / "bao-cao.docx").read("word/document.xml").decode()
    # The "(Kèm theo …)" head is a balanced title (balance_titles): its names stay whole, and
    # every space but its line breaks is no-break, so the words read as typed with U+00A0 as a space.
    assert xml.replace("\u00a0", " ").count("năm 2024 của Trưởng phòng Phòng Nội vụ)") == 2
    assert xml.count("Trưởng\u00a0phòng") >= 2 and xml.count("Phòng\u00a0Nội\u00a0vụ)") == 2


# --- A wide annex turns its page by itself (issue 11, item 4) -----------------------------------

MONTHS = ", ".join(f"{{title: Tháng {m:02d}, sum: true}}" for m in range(1, 13))
ROW = ", ".join(str(m) for m in range(1, 13))
WIDE = f"""
      - table:
          columns: [{{title: STT, align: center}}, Đơn vị, {MONTHS}]
          rows:
            - [1, Văn phòng, {ROW}]
          total: Tổng cộng"""
ANNEXES = f"""
annexes:
  - label: Phụ lục I
    title: Số sáng kiến theo tháng
    attached: (Kèm theo Báo cáo số 12/BC-PNV ngày 20 tháng 12 năm 2024 của Phòng Nội vụ)
    body:{WIDE}
  - label: Phụ lục II
    title: Danh sách cá nhân
    attached: (Kèm theo Báo cáo số 12/BC-PNV ngày 20 tháng 12 năm 2024 của Phòng Nội vụ)
    body:
      - table:
          columns: [STT, Họ và tên, "Chức vụ, đơn vị"]
          rows:
            - [1, Nguyễn Văn An, Chánh Văn phòng]
  - label: Phụ lục III
    title: Số sáng kiến theo tháng, in trên trang dọc
    attached: (Kèm theo Báo cáo số 12/BC-PNV ngày 20 tháng 12 năm 2024 của Phòng Nội vụ)
    landscape: false
    body:{WIDE}
"""


def test_a_wide_annex_goes_in_a_landscape_section(tmp_path):
    import docx
    from pypdf import PdfReader

    from docgen.checker import lint
    from docgen.model.tables import fits, min_widths
    from docgen.records.document import TableRecord

    _need("soffice")
    record = (Path(__file__).parent / "data" / "annex-record.yaml").read_text(encoding="utf-8")
    record = record[:record.index("annexes:")] + ANNEXES.lstrip("\n")
    folder = tmp_path / "ws" / "plans" / "pl"
    folder.mkdir(parents=True)
    (folder / "bao-cao.yaml").write_text(record, encoding="utf-8")
    result = run("build", "--pdf", folder)
    assert result.exit_code == 0, result.output
    out = tmp_path / "ws" / "build" / "pl" / "bao-cao.docx"
    assert lint(out).findings == []
    # Twelve months do not fit 16.5 cm without breaking "Tháng": Phụ lục I is turned by itself, the
    # three-column list stays upright, and Phụ lục III stays upright because its record says so.
    sections = docx.Document(str(out)).sections
    assert [s.orientation.name for s in sections] == ["PORTRAIT", "LANDSCAPE", "PORTRAIT", "PORTRAIT"]
    pages = [(round(float(p.mediabox.width)), round(float(p.mediabox.height)))
             for p in PdfReader(out.with_suffix(".pdf")).pages]
    assert (842, 595) in pages and pages[0] == (595, 842)  # A4 turned, in pt, and the report upright
    assert pages.count((842, 595)) == 1
    # The turned table: each column at least its longest word ("Tháng", "Tổng cộng" spans two).
    table = docx.Document(str(out)).tables[2]._tbl
    widths = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
    wide = TableRecord.model_validate({"columns": ["STT", "Đơn vị", *[f"Tháng {m:02d}" for m in range(1, 13)]],
                                       "rows": [[1, "Văn phòng", *range(1, 13)]]})
    assert not fits(wide, 9354) and fits(wide, 16838 - 1701 - 851)
    assert all(w >= least for w, least in zip(widths, min_widths(wide), strict=True))
    assert 9354 < sum(widths) <= 16838 - 1701 - 851


# --- Blanks the văn thư fills (issue 11, item 6) ------------------------------------------------

BLANK_AT = re.compile(r"(?i)(số:?|ngày|tháng)( +)(?=/|tháng\b|năm\b)")


def test_every_blank_is_the_same_six_spaces(built):
    # Header, citations and "(Kèm theo …)" heads of the drafts alike, as Phụ lục III's samples
    # leave them ("Số:      /QĐ-…", "ngày      tháng"); no other run of spaces anywhere.
    seen: dict[str, set[str]] = {}
    for path in sorted((built / "ninh-binh-2021").rglob("*.docx")):
        for p in _xml(path).iter(f"{W}p"):
            text = "".join(t.text or "" for t in p.iter(f"{W}t"))
            for m in BLANK_AT.finditer(text):
                seen.setdefault(m.group(1).lower().rstrip(":"), set()).add(m.group(2))
            rest = BLANK_AT.sub(r"\1 ", text)
            assert "  " not in rest, (path.name, text)
    assert seen == {"số": {" " * 6}, "ngày": {" " * 6}, "tháng": {" " * 6}}


def test_lowfirst_and_capfirst_change_the_first_letter_only():
    from docgen.vn import capfirst, lowfirst

    assert lowfirst("Phòng Lao động - Thương binh và Xã hội") == "phòng Lao động - Thương binh và Xã hội"
    assert capfirst("danh hiệu “Lao động tiên tiến”") == "Danh hiệu “Lao động tiên tiến”"
    assert lowfirst("") == capfirst("") == ""
