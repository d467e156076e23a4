"""The plan as a document: numbered body blocks, header lines, recipients and signature."""

from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Problem, RecordError
from docgen.model.archive import archive_after_vt
from docgen.model.district import district_date_problem
from docgen.model.references import ReferenceError_, resolve
from docgen.model.rich import Lines, Rich
from docgen.model.targets import Target
from docgen.records import Node, Records, format_field
from docgen.records.issued import half_issued
from docgen.records.schema import Organisation, ReportRecord
from docgen.vn import DOC_TYPES, PartialDate, heading, point_letter, roman, upper

MAX_DEPTH = 4


@dataclass(frozen=True)
class Block:
    """One body paragraph. kind: heading1-4 (a section with children), numbered, text, item."""

    kind: str
    label: str
    text: Rich
    depth: int


@dataclass(frozen=True)
class Signature:
    """Ô 7: quyền hạn (KT. …) and chức vụ lines, then the signer's name."""

    lines: tuple[str, ...]
    name: str


@dataclass(frozen=True)
class Header:
    parent: str | Lines | None  # cơ quan chủ quản; None when the issuer has none (a UBND tỉnh)
    agency: Lines
    abbreviation: str
    place: str


@dataclass(frozen=True)
class Plan:
    id: str
    type_name: str
    type_abbr: str | None
    number: int | None
    date: PartialDate
    header: Header
    subject: Rich
    movement_name: str
    opening: tuple[Rich, ...]
    blocks: tuple[Block, ...]
    targets: dict[str, Target]
    recipients: tuple[str, ...]
    signature: Signature
    organisation: Organisation
    archive: str
    names: dict  # what {{ … }} may name in record text: targets, movement, org, plan
    deadline: PartialDate | None = None  # units report their results before this date
    school_year: str | None = None  # "2024-2025": a school's plan, cited as "năm học 2024-2025"
    report: ReportRecord | None = None  # the reports' recipients and focal office

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def last_year(self) -> int:
        """The last year of the plan's period: plan.yaml report.until (2025 for a 2021-2025
        plan), or the plan's own year when it gives none."""
        return self.report.until if self.report and self.report.until else self.year


def _label(depth: int, index: int, parents: tuple[int, ...]) -> str:
    if depth == 1:
        return f"{roman(index)}."
    if depth == 2:
        return f"{index}."
    if depth == 3:
        return f"{parents[-1]}.{index}."
    return f"{point_letter(index)})"


class _Builder:
    """Walks the records once, collecting every problem before giving up."""

    def __init__(self, records: Records) -> None:
        self.records = records
        self.source = records.sources["plan.yaml"]
        self.problems: list[Problem] = []
        plan, org = records.plan, records.organisation
        self.targets: dict[str, Target] = {}
        for i, rec in enumerate(plan.targets):
            if rec.id in self.targets:
                self._problem(("targets", i, "id"), f"mã chỉ tiêu '{rec.id}' bị trùng")
            self.targets[rec.id] = Target.from_record(rec)
        self.namespace = {
            "targets": {tid: t.parts() for tid, t in self.targets.items()},
            "movement": {"name": plan.movement.name},
            "org": {
                "name": org.name,
                "parent": heading.joined(org.parent),
                "abbreviation": org.abbreviation,
                "place": org.place,
            },
            "plan": {"year": str(plan.date.year), "school_year": plan.school_year or str(plan.date.year)},
        }

    def _problem(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.source.locate(path), message, format_field(path)))

    def text(self, value: str, path: tuple) -> Rich:
        try:
            return resolve(value, self.namespace)
        except ReferenceError_ as err:
            self._problem(path, str(err))
            return Rich.plain(value)

    def blocks(self, nodes: list[Node], path: tuple, depth: int, parents: tuple[int, ...]):
        index = 0
        for i, node in enumerate(nodes):
            here = (*path, i)
            if node.section is not None:
                index += 1
                if depth > MAX_DEPTH:
                    self._problem(
                        (*here, "section"),
                        "mục lồng quá sâu: tối đa 4 cấp (I., 1., 1.1., a)); dùng item cho cấp dưới",
                    )
                    continue
                title = node.section.rstrip() if node.children else node.section
                if depth == 1:
                    title = upper(title)
                label = _label(depth, index, parents)
                rich = self.text(title, (*here, "section")).prefixed(label)
                kind = f"heading{depth}" if node.children else "numbered"
                yield Block(kind, label, rich, depth)
                yield from self.blocks(node.children, (*here, "children"), depth + 1,
                                       (*parents, index))
            elif node.text is not None:
                yield Block("text", "", self.text(node.text, (*here, "text")), depth)
            else:
                yield Block("item", "-", self.text(node.item, (*here, "item")).prefixed("-"), depth)


def signature_of(org: Organisation, signer: str) -> Signature | None:
    """Ô 7: the head signs with the title alone; a deputy "KT." for the head. None: no such signer."""
    head_title = upper(org.head.title)
    if signer == "head":
        return Signature((head_title,), org.head.name)
    for deputy in org.deputies:
        if deputy.id == signer:
            return Signature((f"KT. {head_title}", upper(deputy.title)), deputy.name)
    return None


def signers_of(org: Organisation) -> str:
    return ", ".join(["head", *(d.id for d in org.deputies)])


def _signature(records: Records, builder: _Builder) -> Signature:
    org, signer = records.organisation, records.plan.signer
    found = signature_of(org, signer)
    if found is None:
        builder._problem(("signer",), f"không có người ký '{signer}' trong organisation.yaml (có: {signers_of(org)})")
        return Signature((upper(org.head.title),), org.head.name)
    return found


def _recipients(records: Records) -> tuple[str, ...]:
    """Nơi nhận as bare names: the template writes the dashes and the "Lưu" line."""
    return tuple(r.rstrip(";.") for r in records.plan.recipients)


def build_plan(records: Records, law_dir: Path | None = None) -> Plan:
    """Number the body, fill references and check them; raise RecordError listing every fault.
    `law_dir`: the workspace's law/ folder (None: the shipped law), for the district level's end."""
    b = _Builder(records)
    plan, org = records.plan, records.organisation
    subject = b.text(plan.subject, ("subject",))
    opening = tuple(b.text(t, ("opening", i)) for i, t in enumerate(plan.opening))
    blocks = tuple(b.blocks(plan.body, ("body",), 1, ()))
    signature = _signature(records, b)
    if (fault := half_issued(plan.number, plan.date, b.source)) is not None:
        b.problems.append(fault)
    if (fault := district_date_problem((org.parent, org.name, org.header_lines), plan.date, b.source,
                                       law_dir)) is not None:
        b.problems.append(fault)
    if DOC_TYPES[plan.type] is None:
        b._problem(("type",), f"{plan.type.lower()} không có tên loại nên không viết bằng plan.yaml;"
                              " hãy viết nó thành một tệp văn bản (documents/<tên>.yaml, xem README)")
    if b.problems:
        raise RecordError(b.problems)
    agency = Lines(heading.lines(org.header_lines or org.name, bold=True, kept=org.fixed_names))
    parent = heading.lines(org.parent, bold=False, kept=org.fixed_names)
    return Plan(
        id=records.plan_id,
        type_name=plan.type,
        type_abbr=DOC_TYPES[plan.type],
        number=plan.number,
        date=plan.date,
        header=Header(Lines(parent) if parent else None, agency, org.abbreviation, org.place),
        subject=subject,
        movement_name=plan.movement.name,
        opening=opening,
        blocks=blocks,
        targets=b.targets,
        recipients=_recipients(records),
        archive=archive_after_vt(plan.archive),
        signature=signature,
        organisation=org,
        names=b.namespace,
        deadline=plan.report_deadline,
        report=plan.report,
        school_year=plan.school_year,
    )
