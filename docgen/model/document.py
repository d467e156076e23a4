"""The general document: one Decree 30 document of any type, built from a document record.

Every word on the page comes from the record or the template; this module numbers the body
after the chosen scheme (law/numbering.yaml), lays out tables, puts header and signature lines
in capitals, and checks the signature's authority forms (Nghị định 30/2020/NĐ-CP, Điều 13 and
Phụ lục I mục II.7).
"""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Problem, RecordError
from docgen.model.archive import archive_after_vt
from docgen.model.district import district_date_problem
from docgen.model.documents import Job, Properties
from docgen.model.plan import Header, Signature
from docgen.model.references import ReferenceError_, resolve
from docgen.model.rich import Lines, Rich
from docgen.model.tables import Table, TableProblem, build_table, fits
from docgen.records.document import ArticleRecord, BodyNode, DocumentRecord, IssuerRecord, Level, Numbering
from docgen.records.issued import half_issued
from docgen.records.yamlsource import Source, format_field
from docgen.vn import DOC_TYPES, PartialDate, amount_in_words, format_number, heading, point_letter, roman, upper
from docgen.vn.text import SHORT_NAME

# Text width of an A4 portrait and landscape page with Decree 30 margins, in twips
# (tools/make_templates.py: 210 mm - 30 - 15; 297 mm - 30 - 15).
PORTRAIT_WIDTH = 9354
LANDSCAPE_WIDTH = 16838 - 1701 - 851

# Authority forms of ô 7 (Phụ lục I, II.7.b): each needs a line after it (who the signer is),
# except Q., which names the acting head's post itself.
NEEDS_NEXT = ("TM.", "KT.", "TL.", "TUQ.")
FORMS = (*NEEDS_NEXT, "Q.")
_FORM = re.compile(r"^(TM|KT|Q|TL|TUQ)\b\.?")


@dataclass(frozen=True)
class Block:
    """One body paragraph or table; kind: heading1-4, chapter, numbered, text, item, table."""

    kind: str
    text: Rich | None = None
    table: Table | None = None


@dataclass(frozen=True)
class Article:
    number: int
    text: Rich
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Annex:
    label: str | None
    title: Lines
    attached: str
    landscape: bool
    blocks: tuple[Block, ...]


# The kinds whose căn cứ lines are italic: Decree 30 Phụ lục I §II.6.a sets căn cứ "kiểu chữ nghiêng"
# (its samples: Mẫu 1.1 nghị quyết, 1.2-1.3 quyết định), and a tờ trình's căn cứ are the same lines
# (NĐ 98/2023 Mẫu 01, reference/domain.md 4.3), as the award tờ trình (template to-trinh) sets them.
# A báo cáo's or kế hoạch's "Căn cứ …" opens a sentence of its body and stays upright.
BASES_ITALIC = ("QĐ", "NQ", "TTr")


@dataclass(frozen=True)
class Document:
    """Values for the general templates (van-ban.docx, cong-van.docx)."""

    id: str
    template: str
    type_name: str
    type_abbr: str | None
    title: str | None  # tên loại in capitals; none for a công văn
    number: int | None
    date: PartialDate
    header: Header
    subject: Rich
    to: tuple[str, ...]
    authority: str | None
    bases: tuple[Rich, ...]
    bases_italic: bool
    blocks: tuple[Block, ...]
    articles: tuple[Article, ...]
    closing: tuple[Rich, ...]
    recipients: tuple[str, ...]
    archive: str
    signature: Signature
    annexes: tuple[Annex, ...]
    sample: bool
    from_register: bool = False  # its number comes from the sổ văn bản at build time
    fixed_names: tuple[str, ...] = ()  # the issuer's names kept on one line (filter keep_names)
    # A công văn's drafting unit, after the issuer's abbreviation in its ký hiệu ("125/SGTVT-VP"):
    # the record's, else its issuer's (organisation.yaml); None for any other type.
    drafting_unit: str | None = None

    @property
    def is_draft(self) -> bool:
        return self.number is None or not self.date.is_complete


def _listed(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def _lines(value: str | list[str] | None, bold: bool, kept: list[str]) -> Lines | None:
    """A header name as its lines: the clerk's, or a one-line name broken (vn.heading.lines)."""
    lines = heading.lines(value, bold=bold, kept=kept)
    return Lines(lines) if lines else None


class _Builder:
    """Walks one record, collecting every problem before giving up."""

    def __init__(self, source: Source, numbering: Numbering, amounts: dict[str, int]) -> None:
        self.source = source
        # What {{ … }} may name in the record's text: the amounts, as figures and in words.
        self.names = {"amounts": {k: {"": format_number(v), "words": amount_in_words(v)}
                                  for k, v in amounts.items()}}
        self.numbering = numbering
        self.problems: list[Problem] = []
        self.count = 0  # articles numbered across the whole document (chapters scheme)

    def problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.source.locate(path), message, format_field(path)))

    def text(self, value: str, path: tuple) -> Rich:
        try:
            return resolve(value, self.names)
        except ReferenceError_ as err:
            self.problem(path, str(err))
            return Rich.plain(value)

    def blocks(self, nodes: list[BodyNode], path: tuple, scheme: list[Level], depth: int = 0,
               up: int = 0, width: int = PORTRAIT_WIDTH):
        index = 0
        for i, node in enumerate(nodes):
            here = (*path, i)
            if node.section is not None:
                index += 1
                if depth >= len(scheme):
                    self.problem((*here, "section"), f"mục lồng quá sâu: cách đánh số này có {len(scheme)}"
                                 " cấp; dùng item cho cấp dưới")
                    continue
                level = scheme[depth]
                if "{all}" in level.label:
                    self.count += 1
                label = level.label.format(n=index, roman=roman(index), letter=point_letter(index), up=up,
                                           all=self.count)
                title = node.section.rstrip()
                if level.case == "upper":
                    title = upper(title)
                kind = level.style if (node.children or level.keep) else "numbered"
                rich = self.text(title, (*here, "section"))
                if level.line:
                    yield Block(kind, Rich.plain(label))
                    yield Block(kind, rich)
                else:
                    yield Block(kind, rich.prefixed(label))
                yield from self.blocks(node.children, (*here, "children"), scheme, depth + 1, index, width)
            elif node.text is not None:
                yield Block("text", self.text(node.text, (*here, "text")))
            elif node.item is not None:
                yield Block("item", self.text(node.item, (*here, "item")).prefixed("-"))
            else:
                try:
                    yield Block("table", table=build_table(node.table, width))
                except TableProblem as err:
                    self.problem((*here, "table", *err.path), str(err))

    def signature(self, lines: list[str], name: str) -> Signature:
        """Ô 7 as written, in capitals; an authority form must be spelt and followed as the decree says."""
        shown = [upper(x.strip()) for x in lines]
        for i, line in enumerate(shown):
            m = _FORM.match(line)
            if not m:
                continue
            here = ("signature", "lines", i)
            form = m.group(1) + "."
            if not m.group(0).endswith("."):
                self.problem(here, f"viết '{form}' (có dấu chấm) cho thẩm quyền ký, như Nghị định 30"
                                   " Phụ lục I mục II.7")
            elif line == m.group(0):
                self.problem(here, f"sau '{form}' ghi chức vụ của người đứng đầu hoặc tên tập thể,"
                                   f" ví dụ '{form} CHỦ TỊCH'")
            elif form in NEEDS_NEXT and i == len(shown) - 1:
                whose = {"KT.": "cấp phó ký thay (ví dụ PHÓ CHỦ TỊCH)",
                         "TM.": "người ký thay mặt tập thể (ví dụ CHỦ TỊCH)",
                         "TL.": "người ký thừa lệnh (ví dụ CHÁNH VĂN PHÒNG)",
                         "TUQ.": "người ký thừa ủy quyền (ví dụ GIÁM ĐỐC TRUNG TÂM)"}[form]
                self.problem(here, f"'{line}' cần thêm dòng chức vụ của {whose} ngay dưới")
        return Signature(tuple(shown), name)


def _template(record: DocumentRecord) -> str:
    if record.template:
        return record.template
    return "van-ban.docx" if DOC_TYPES[record.type] else "cong-van.docx"


def build_document(record: DocumentRecord, source: Source, numbering: Numbering,
                   doc_id: str | None = None, issuer: IssuerRecord | None = None,
                   law_dir: Path | None = None) -> Document:
    """The document's values; raise RecordError listing every fault, each at its line.

    `issuer` stands in when the record names none (the folder's organisation.yaml). `law_dir`:
    the workspace's law/ folder (None: the shipped law), for the district level's end.
    """
    b = _Builder(source, numbering, record.amounts)
    issuer = record.issuer or issuer
    if issuer is None:
        b.problem(("issuer",), "thiếu cơ quan ban hành (issuer); hoặc đặt văn bản trong thư mục có"
                               " organisation.yaml")
    scheme: list[Level] = getattr(numbering, record.numbering)
    abbr = DOC_TYPES[record.type]
    blocks = tuple(b.blocks(record.body, ("body",), scheme))
    articles = []
    for i, art in enumerate(record.articles):
        art = art if isinstance(art, ArticleRecord) else ArticleRecord(text=art)
        where = ("articles", i) if isinstance(record.articles[i], str) else ("articles", i, "text")
        children = tuple(b.blocks(art.children, ("articles", i, "children"), scheme, depth=2))
        articles.append(Article(i + 1, b.text(art.text, where), children))
    annexes = []
    for i, annex in enumerate(record.annexes):
        landscape = annex.landscape if annex.landscape is not None else _wide(annex.body)
        width = LANDSCAPE_WIDTH if landscape else PORTRAIT_WIDTH
        title = Lines(tuple(upper(x) for x in _listed(annex.title)))
        annexes.append(Annex(annex.label, title, annex.attached, landscape,
                             tuple(b.blocks(annex.body, ("annexes", i, "body"), scheme, width=width))))
    if record.articles and abbr not in ("QĐ", "NQ"):
        b.problem(("articles",), f"chỉ quyết định, nghị quyết mới có các Điều; {record.type.lower()}"
                                 " viết nội dung trong body")
    signature = b.signature(record.signature.lines, record.signature.name)
    if (fault := half_issued(record.number, record.date, source)) is not None:
        b.problems.append(fault)
    if issuer is not None and (fault := district_date_problem(
            (issuer.parent, issuer.name), record.date, source, law_dir)) is not None:
        b.problems.append(fault)
    if b.problems:
        raise RecordError(b.problems)
    return Document(
        id=doc_id or Path(source.path).stem,
        template=_template(record),
        type_name=record.type,
        type_abbr=abbr,
        title=upper(record.type) if abbr else None,
        number=record.number if isinstance(record.number, int) else None,
        from_register=record.number == "register",
        date=record.date,
        header=Header(_lines(issuer.parent, False, issuer.fixed_names), _lines(issuer.name, True, issuer.fixed_names),
                      issuer.abbreviation, issuer.place),
        subject=b.text(record.subject, ("subject",)),
        to=tuple(t.rstrip(";.") for t in record.to),
        authority=upper(record.authority) if record.authority else None,
        bases=tuple(b.text(t, ("bases", i)) for i, t in enumerate(record.bases)),
        bases_italic=abbr in BASES_ITALIC,
        blocks=blocks,
        articles=tuple(articles),
        closing=tuple(b.text(t, ("closing", i)) for i, t in enumerate(record.closing)),
        recipients=tuple(r.rstrip(";.") for r in record.recipients),
        archive=archive_after_vt(record.archive),
        signature=signature,
        annexes=tuple(annexes),
        sample=record.sample,
        fixed_names=_kept_names(issuer, record.signature.lines),
        drafting_unit=None if abbr else (record.drafting_unit or issuer.drafting_unit),
    )


_AUTHORITY = re.compile(r"^(?:TM|KT|Q|TL|TUQ)\.\s*")


def _kept_names(issuer, signature_lines) -> tuple[str, ...]:
    """The names `keep_names` keeps whole in the document's typed text: the clerk's `fixed_names`,
    the issuer's name and, without the clerk listing them, the signer's short titles ("CHỦ TỊCH"
    matches "Chủ tịch": names match in any case), so "(Kèm theo … của Giám / đốc …)" never splits."""
    name = issuer.name if isinstance(issuer.name, str) else " ".join(issuer.name)
    titles = [t for t in (_AUTHORITY.sub("", line) for line in signature_lines) if len(t) <= SHORT_NAME]
    return (*issuer.fixed_names, name, *titles)


def _wide(nodes: list[BodyNode]) -> bool:
    """Whether a table among `nodes` (at any depth) needs more than a portrait page's text width
    with no word broken in a cell: its annex is then turned (Nghị định 30, Phụ lục I, I.2)."""
    return any((node.table is not None and not fits(node.table, PORTRAIT_WIDTH)) or _wide(node.children)
               for node in nodes)


def document_job(doc: Document, folder_id: str) -> Job:
    """The render job of one general document: its template, output name and properties."""
    day = doc.date.to_date()
    return Job(
        template=doc.template,
        output=f"{doc.id}.docx",
        context={"doc": doc, "header": doc.header},
        # The document, then each annex in its own section (the template breaks before each).
        landscape=(False, *(a.landscape for a in doc.annexes)) if any(a.landscape for a in doc.annexes) else (),
        properties=Properties(
            title=f"{doc.type_name} {doc.subject}",
            subject=str(doc.subject),
            creator=str(doc.header.agency),
            date=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
            keywords=f"{doc.type_abbr or ''}; {doc.date.year}; {folder_id}",
            custom={"docgen.folder": folder_id, "docgen.kind": "van-ban", "docgen.key": doc.id,
                    "docgen.draft": "true" if doc.is_draft else "false",
                    "docgen.sample": "true" if doc.sample else "false"},
        ),
    )
