"""What the văn thư fills and reads first (issue 11, tables part): the blanks of every document
look the same (spaces for a number and a day, "…" in a figure the unit fills), "Kính gửi:" is laid
out as Phụ lục I, II.9.a says, and the unit forms write their dates as every other document does
("ngày 05 tháng 02 năm 2022", Phụ lục I, II.4.b)."""

import re
import subprocess
import zipfile

import docx
import pytest
from conftest import _need, copy_examples, run
from lxml import etree

from docgen.checker.pdfpages import read_pdf

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def drafts(tmp_path_factory):
    """Every shipped example built as drafts: the number and the day left for the văn thư."""
    root = copy_examples(tmp_path_factory.mktemp("blanks"))
    for plan in sorted((root / "plans").iterdir()):
        result = run("build", "--draft", plan)
        assert result.exit_code == 0, result.output
    return root / "build"


def _paragraphs(path) -> list[str]:
    """Every paragraph's text, in the body and in table cells, U+00A0 read as a space."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")).replace("\u00a0", " ") for p in root.iter(f"{W}p")]


def test_every_blank_of_every_document_is_written_one_way(drafts):
    documents = sorted(drafts.rglob("*.docx"))
    assert len(documents) > 30
    numbers = dates = cells = 0
    for path in documents:
        for text in _paragraphs(path):
            # The number: spaces before the slash, never dots or "…" (the decree's "Số:      /QĐ-…").
            if text.startswith("Số:"):
                assert re.fullmatch(r"Số: (\d{2,}| {3,})/\S+", text), (path.name, text)
                numbers += text.startswith("Số:  ")
            # A date with its day or month to fill: spaces, the same in the header and the annexes.
            for m in re.finditer(r"ngày(.{1,12}?)tháng(.{1,8}?)năm", text):
                day, month = m.groups()
                assert re.fullmatch(r" \d{2} | {4,}", day) and re.fullmatch(r" (0[12]|[3-9]|1[0-2]) | {4,}", month), (
                    path.name, m.group(0))
                dates += day.isspace()
            assert "…/" not in text and "ngày …" not in text and "..." not in text, (path.name, text)
        if path.parent.name == "bieu-mau":
            table = docx.Document(str(path)).tables[1]._tbl
            for row in table.iterchildren(f"{W}tr"):
                # The content controls' text too (python-docx's cell.text leaves them out).
                texts = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in row.iterchildren(f"{W}tc")]
                if texts[0] != "STT":
                    assert texts[4] == texts[5] == texts[6] == "…", texts  # the unit's figures, its note
                    cells += 1
    assert numbers > 20 and dates > 20 and cells > 100


def test_the_unit_forms_write_their_deadline_as_every_document_writes_a_date(tmp_path):
    root = copy_examples(tmp_path)
    plan = root / "plans" / "ninh-binh-2021" / "plan.yaml"
    result = run("build", "--draft", plan.parent)
    assert result.exit_code == 0, result.output
    texts = _paragraphs(root / "build" / "ninh-binh-2021-du-thao" / "bieu-mau" / "hoa_lu.docx")
    assert ("Báo cáo gửi về Sở Lao động - Thương binh và Xã hội (qua Văn phòng Sở) trước ngày 15 tháng 12 năm"
            " 2021./.") in texts
    # A day under 10 and the months 1-2 with their leading 0, also in a form of a later year.
    plan.write_text(plan.read_text(encoding="utf-8").replace("report_deadline: 2021-12-15",
                                                             "report_deadline: 2022-02-05"), encoding="utf-8")
    result = run("build", "--draft", plan.parent)
    assert result.exit_code == 0, result.output
    texts = _paragraphs(root / "build" / "ninh-binh-2021-du-thao" / "bieu-mau" / "hoa_lu.docx")
    assert any(t.endswith("trước ngày 05 tháng 02 năm 2022./.") for t in texts), [t for t in texts if "trước" in t]
    assert not any(re.search(r"\d+/\d+/\d{4}", t) for t in texts)


def _letter(root, recipients: list[str]):
    record = root / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml"
    text = record.read_text(encoding="utf-8")
    listed = "".join(f"  - {r}\n" for r in recipients)
    text = re.sub(r"(?m)^to:\n(  - .*\n)+", "to:\n" + listed, text)
    record.write_text(text, encoding="utf-8")
    result = run("build", "--draft", record.parent)
    assert result.exit_code == 0, result.output
    return root / "build" / "cong-van-dang-ky-thi-dua-du-thao" / "cong-van.docx"


def test_kinh_gui_one_recipient_on_its_line_several_listed_under_the_colon(tmp_path):
    _need("soffice")
    one = _letter(copy_examples(tmp_path / "one"), ["Ủy ban nhân dân huyện Yên Khánh"])
    several = _letter(copy_examples(tmp_path / "several"), ["Các cơ quan, đơn vị thuộc UBND huyện",
                                                             "Ủy ban nhân dân các xã, thị trấn"])
    for path, name in ((one, "one"), (several, "several")):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to",
                        "pdf", "--outdir", str(tmp_path / name), str(path)], check=True, capture_output=True,
                       timeout=300)
    lines = [line for page in read_pdf(tmp_path / "one" / "cong-van.pdf") for line in page.lines]
    texts = [" ".join(w.text for w in line.words) for line in lines]
    assert "Kính gửi: Ủy ban nhân dân huyện Yên Khánh" in texts
    lines = [line for page in read_pdf(tmp_path / "several" / "cong-van.pdf") for line in page.lines]
    texts = [" ".join(w.text for w in line.words) for line in lines]
    at = texts.index("Kính gửi:")
    assert texts[at + 1:at + 3] == ["- Các cơ quan, đơn vị thuộc UBND huyện;", "- Ủy ban nhân dân các xã, thị trấn."]
    # "Kính gửi:" 3.5 cm in from the margin (Mẫu 1.5), the dashes in a column under its colon.
    head = lines[at].words
    colon = head[-1].x1 - (head[-1].x1 - head[-1].x0) / len(head[-1].text)  # where ":" starts
    dashes = [lines[at + i].words[0].x0 for i in (1, 2)]
    assert dashes[0] == dashes[1]
    assert abs(dashes[0] - colon) < 3, (dashes, colon)
    assert abs(head[0].x0 - (1701 + 1982) / 20) < 2


def test_one_recipient_may_be_written_as_a_plain_value(tmp_path):
    """The README: `to` is one place (on the "Kính gửi:" line) or several. A new user wrote
    `to: Ban Thường vụ …` as a plain value and was told it must be a list."""
    root = copy_examples(tmp_path)
    record = root / "plans" / "cong-van-dang-ky-thi-dua" / "cong-van.yaml"
    text = re.sub(r"(?m)^to:\n(  - .*\n)+", "to: Ủy ban nhân dân huyện Yên Khánh\n", record.read_text(encoding="utf-8"))
    record.write_text(text, encoding="utf-8")
    result = run("build", record.parent)
    assert result.exit_code == 0, result.output
    built = root / "build" / "cong-van-dang-ky-thi-dua" / "cong-van.docx"
    texts = [p.text.replace("\u00a0", " ") for p in docx.Document(str(built)).paragraphs]
    assert "Kính gửi: Ủy ban nhân dân huyện Yên Khánh" in texts
    assert run("lint", built).exit_code == 0
