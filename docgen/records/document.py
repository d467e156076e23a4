"""A general Decree 30 document record: one YAML file, one document of any Điều 7 type.

The parts are those Nghị định 30/2020/NĐ-CP, Phụ lục I names (ô 1-9): issuer, number, place
and date, type, trích yếu, Kính gửi, căn cứ, body, articles, Nơi nhận, signature, annexes.
"""

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from docgen.errors import Location, RecordError
from docgen.records.heading import header_problems
from docgen.records.messages import validated
from docgen.records.schema import Abbreviation, DateField, DraftingUnit, Identifier, Record, Text, whole_amount
from docgen.records.yamlsource import Source, load_yaml
from docgen.vn import DOC_TYPES

# Files of a plan folder that are not document records.
OTHER_RECORDS = frozenset({"plan.yaml", "organisation.yaml", "units.yaml", "awards.yaml"})
DOCUMENTS_DIR = "documents"

Lines = Annotated[list[Text], Field(min_length=1)]


def _number(value):
    if value is None or value == "register":
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise ValueError(f"số văn bản là một số nguyên dương (number: 328), register (lấy số tiếp theo"
                     f" trong sổ văn bản) hoặc để trống; nhận được {value!r}")


DocNumber = Annotated[int | str | None, BeforeValidator(_number)]


class IssuerRecord(Record):
    """Cơ quan ban hành (ô 2): the header lines as the clerk breaks them."""

    parent: Text | Lines | None = None  # cơ quan chủ quản; none for a People's Committee
    name: Text | Lines
    abbreviation: Abbreviation  # ký hiệu in "Số: 05/QĐ-UBND"
    drafting_unit: DraftingUnit | None = None  # of its công văn: "VP" in "Số: 125/SGTVT-VP"
    place: Text  # địa danh
    fixed_names: list[Text] = []  # names kept on one line in running text (filter keep_names)


class Column(Record):
    title: Text
    width: Annotated[float, Field(gt=0)] | None = None  # cm; the others share what is left
    align: Literal["left", "center", "right"] | None = None
    sum: bool = False  # added up in the totals row


def _cell(value):
    if hasattr(value, "text"):  # 1.200 typed without quotes (a DottedFloat): kept as typed
        return value.text
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return value
    raise ValueError(f"ô của bảng là chữ hoặc số (ô trống: \"\"), nhận được {value!r}")


Cell = Annotated[str | int | float | None, BeforeValidator(_cell)]


class TableRecord(Record):
    """A table in the body: a header row, rows, and an optional totals row."""

    columns: Annotated[list[Text | Column], Field(min_length=1)]
    rows: list[list[Cell]]
    total: Text | None = None  # label of the totals row ("Tổng cộng"); sums the sum: true columns


class BodyNode(Record):
    """One body element: a numbered section, a paragraph, a "-" item or a table."""

    section: Text | None = None
    text: Text | None = None
    item: Text | None = None
    table: TableRecord | None = None
    children: list["BodyNode"] = []

    @model_validator(mode="after")
    def _one_kind(self) -> "BodyNode":
        kinds = [k for k in ("section", "text", "item", "table") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(
                "mỗi phần tử cần đúng một trong bốn khóa: section (mục có số), text (đoạn văn),"
                " item (gạch đầu dòng) hoặc table (bảng)"
            )
        if self.children and kinds[0] != "section":
            raise ValueError("chỉ mục có số (section) mới có children")
        return self


class ArticleRecord(Record):
    """Điều of a decision: its text, and clauses under it."""

    text: Text
    children: list[BodyNode] = []


class SignatureRecord(Record):
    """Ô 7: authority and title lines as written (TM., KT., Q., TL., TUQ.), then the name."""

    lines: Lines
    name: Text


class AnnexRecord(Record):
    """Phụ lục or DANH SÁCH: label, title, the "(Kèm theo …)" line, its own body."""

    label: Text | None = None  # "Phụ lục I"; none for a DANH SÁCH, whose title says it
    title: Text | Lines
    attached: Text  # the "(Kèm theo …)" line as written
    landscape: bool | None = None  # None: turned when a table of its own does not fit a portrait page
    body: list[BodyNode]


class DocumentRecord(Record):
    """One document: every part a Decree 30 document may have."""

    type: Literal[tuple(DOC_TYPES)]  # type: ignore[valid-type]
    issuer: IssuerRecord | None = None  # none: the folder's organisation.yaml
    number: DocNumber = None  # 328, "register" (the next number of the sổ văn bản) or blank
    date: DateField
    subject: Text  # trích yếu; for a công văn the words after "V/v"
    # A công văn's drafting unit (đơn vị soạn thảo), after the issuer's in its ký hiệu: "VP" in
    # "Số: 125/SGTVT-VP" (Nghị định 30, Phụ lục I §II.3.b); none: the issuer's drafting_unit.
    drafting_unit: DraftingUnit | None = None
    # Kính gửi: one place (on the "Kính gửi:" line) or several (a line each); README, `to`.
    # One place may be written as a plain string; the record holds a list either way.
    to: Text | list[Text] = []
    authority: Text | None = None  # a decision's authority line
    bases: list[Text] = []  # căn cứ, each as written
    numbering: Literal["roman", "decimal", "chapters"] = "roman"
    body: list[BodyNode] = []
    articles: list[Text | ArticleRecord] = []
    closing: list[Text] = []
    recipients: list[Text] = []  # Nơi nhận, before the "Lưu" line
    archive: Annotated[str, Field(pattern=r"^[^;.]*$")] = ""
    signature: SignatureRecord
    annexes: list[AnnexRecord] = []
    # Sums of money named once and written in the text as {{ amounts.thuong }} (3.510.000) and
    # {{ amounts.thuong.words }} (Ba triệu năm trăm mười nghìn đồng); typed 3510000, 3.510.000
    # or "3.510.000" (money is whole, so the dots can only group thousands).
    amounts: dict[Identifier, Annotated[int, Field(ge=0), BeforeValidator(whole_amount)]] = {}
    template: Annotated[str, Field(pattern=r"^[^/\\]+\.docx$")] | None = None
    sample: bool = False  # made-up data, shipped as an example

    @field_validator("drafting_unit")
    @classmethod
    def _only_cong_van(cls, value: str | None, info) -> str | None:
        """Only a công văn's ký hiệu names the drafting unit (Nghị định 30, Phụ lục I §II.3.b)."""
        kind = info.data.get("type")
        if value is not None and kind is not None and DOC_TYPES.get(kind):
            raise ValueError(f"chỉ công văn mới ghi đơn vị soạn thảo trong ký hiệu; {kind.lower()} có ký hiệu"
                             f" \"{DOC_TYPES[kind]}-\" + chữ viết tắt cơ quan: hãy bỏ drafting_unit")
        return value

    @field_validator("to")
    @classmethod
    def _one_place(cls, value: str | list[str]) -> list[str]:
        """`to: Ban Thường vụ …` (one place, as the README allows) read as the list of that one."""
        return [value] if isinstance(value, str) else value


def load_document(path: Path) -> tuple[DocumentRecord, Source]:
    """Read and validate one document record; RecordError with every problem, located."""
    source = load_yaml(path)
    record = validated(source, DocumentRecord)
    if record.issuer is not None and (problems := header_problems(source, record.issuer, ("issuer",))):
        raise RecordError(problems)
    return record, source


def document_files(folder: Path) -> list[Path]:
    """The document records of a folder: its documents/*.yaml, and, in a folder that is not a
    plan (no plan.yaml), its own *.yaml too."""
    if not folder.is_dir():
        raise RecordError.at(Location(folder), "không tìm thấy thư mục")
    files = sorted((folder / DOCUMENTS_DIR).glob("*.yaml")) if (folder / DOCUMENTS_DIR).is_dir() else []
    if (folder / "plan.yaml").is_file():  # a plan's sơ kết / tổng kết is made from its results
        from docgen.records.review import is_review

        files = [f for f in files if not is_review(f)]
    if not (folder / "plan.yaml").is_file():
        files = sorted(p for p in folder.glob("*.yaml") if p.name not in OTHER_RECORDS) + files
    return files


class Level(Record):
    label: Text
    case: Literal["upper"] | None = None
    style: Literal["heading1", "heading2", "heading3", "heading4", "chapter", "numbered"]
    line: bool = False
    keep: bool = False


class Numbering(Record):
    roman: list[Level]
    decimal: list[Level]
    chapters: list[Level]


NUMBERING_FILE = Path(__file__).resolve().parents[1] / "law" / "numbering.yaml"


def load_numbering(path: Path = NUMBERING_FILE) -> Numbering:
    """The numbering schemes (law/numbering.yaml): the labels of each level, as data."""
    return validated(load_yaml(path), Numbering)


def issuer_of(folder: Path) -> IssuerRecord | None:
    """The issuer a folder's organisation.yaml names, for documents that give none themselves."""
    from docgen.records.schema import Organisation

    path = folder / "organisation.yaml"
    if not path.is_file():
        return None
    org = validated(load_yaml(path), Organisation)
    return IssuerRecord(parent=org.parent, name=org.header_lines or org.name,
                        abbreviation=org.abbreviation, drafting_unit=org.drafting_unit, place=org.place,
                        fixed_names=org.fixed_names)
