"""awards.yaml (and the same list from Excel): who is proposed for which award, and why."""

from pathlib import Path
from typing import Literal

from docgen.errors import Location, Problem, RecordError
from docgen.records.messages import validated
from docgen.records.schema import DateField, Identifier, Record, Text, Year
from docgen.records.yamlsource import Source, collector_paused, load_yaml
from docgen.texts import did_you_mean

AWARDS_FILE = "awards.yaml"


class AwardRecord(Record):
    """One award: the awardee (a person or a collective) and the form or title."""

    name: Text  # họ và tên / tên tập thể
    kind: Literal["individual", "collective"]
    form: Identifier  # a key of law/award_forms.yaml
    honorific: Literal["Ông", "Bà"] | None = None  # danh xưng
    position: str | None = None  # chức vụ
    office: str | None = None  # đơn vị công tác
    unit: Identifier | None = None  # the unit of the plan, where there is one
    achievement: str | None = None  # its own thành tích; else the shared one
    group: Identifier | None = None  # a group of `groups`


class GroupRecord(Record):
    """A decision or proposal the user composes by hand instead of one per form."""

    id: Identifier
    document: Literal["decision", "proposal"]


class ProposalRecord(Record):
    to: Text  # Kính gửi
    date: DateField | None = None
    bases: list[Text] = []
    recipients: list[Text] = []


class AwardsRecord(Record):
    """The year's awards of a plan: shared wording, money source, and the awardees."""

    date: DateField  # ngày ký quyết định, tờ trình
    year: Year | None = None  # năm của thành tích; mặc định năm của kế hoạch
    draft: bool = False  # dự thảo: không lấy số trong sổ văn bản
    signer: Identifier = "head"
    # cấp của người ký: a key of law/authority.yaml; None: the level whose head is organisation.yaml's head
    authority: Identifier | None = None
    proposed_by: Text  # "Xét đề nghị của …"
    achievement: Text  # thành tích chung
    fund: Text | None = None  # nguồn tiền thưởng (khi có tiền thưởng)
    executors: Text  # những người thi hành (Điều 3)
    bases: list[Text] = []  # căn cứ riêng (quy chế của tỉnh, chức năng của Sở, kế hoạch)
    recipients: list[Text] = []  # nơi nhận thêm, sau "- Như Điều 3;"
    archive: str = ""
    proposal: ProposalRecord | None = None
    groups: list[GroupRecord] = []
    list_file: str | None = None  # danh sách từ Excel thay cho `awards`
    awards: list[AwardRecord] = []


class AwardList:
    """The awards with, for each, where it came from (a YAML line or an Excel cell)."""

    def __init__(self, record: AwardsRecord, source: Source, awards: list[AwardRecord],
                 places: list[tuple[Path, object]]) -> None:
        self.record = record
        self.source = source
        self.awards = awards
        self._places = places  # (file, path in YAML or an Excel cell per field: {field: "Sheet!C5"})

    def locate(self, index: int, field: str) -> tuple[Location, str | None]:
        """Where award `index`'s `field` stands: a YAML location and field path, or an Excel cell."""
        file, place = self._places[index]
        if not isinstance(place, tuple):
            return Location(file, cell=place.get(field) or place.get("row")), None
        path = (*place, field)
        from docgen.records.yamlsource import format_field

        return self.source.locate(path), format_field(path)


def load_awards(folder: Path, forms: dict) -> AwardList | None:
    """awards.yaml of a plan folder, with its Excel list when it names one; None when absent.

    Raises RecordError for a list_file outside the workspace, an award's unit that units.yaml
    does not have, and Ông/Bà given to a collective, each at its place.
    """
    path = folder / AWARDS_FILE
    if not path.exists():
        return None
    with collector_paused():  # 20,000 awardees are a million objects and no cycle
        source = load_yaml(path)
        record = validated(source, AwardsRecord)
    if record.list_file:
        if record.awards:
            raise RecordError.at(source.locate(("awards",), key=True), "đã có list_file (Excel):"
                                 " không ghi thêm danh sách awards trong tệp này")
        from docgen.records.excel import read_award_sheet

        sheet = (folder / record.list_file).resolve()
        if not sheet.is_relative_to(_workspace_root(folder)):
            raise RecordError.at(source.locate(("list_file",)), f"tệp '{record.list_file}' nằm ngoài bộ hồ sơ;"
                                 " hãy chép tệp Excel vào thư mục kế hoạch và ghi tên tệp", "list_file")
        awards, places = read_award_sheet(folder / record.list_file, forms)
        found = AwardList(record, source, awards, places)
    else:
        places = [(path, ("awards", i)) for i in range(len(record.awards))]
        found = AwardList(record, source, list(record.awards), places)
    problems = _check(found, folder)
    if problems:
        raise RecordError(problems)
    return found


def _workspace_root(folder: Path) -> Path:
    """The workspace a plan folder belongs to (plans/<id>/ two levels down), as Workspace.of_plan."""
    folder = folder.resolve()
    return folder.parent.parent if folder.parent.name == "plans" else folder.parent


def _check(awards: AwardList, folder: Path) -> list[Problem]:
    """What no schema sees: Ông/Bà on a collective, a unit that does not exist."""
    problems = []
    units = None
    for i, award in enumerate(awards.awards):
        if award.kind == "collective" and award.honorific:
            problems.append(problem_at(awards, i, "honorific", f"'{award.name}' là tập thể: không ghi danh xưng"
                                       f" '{award.honorific}'; hãy xóa danh xưng (chỉ cá nhân mới có Ông/Bà)"))
        if award.unit is not None:
            if units is None:
                from docgen.records.units import UNITS_FILE, load_units

                loaded = load_units(folder)
                units = {u.id for u in loaded[0].units} if loaded else set()
            if award.unit not in units:
                listed = ", ".join(sorted(units)) or f"chưa có {UNITS_FILE}"
                known = did_you_mean(award.unit, units) or f" (có: {listed})"
                problems.append(problem_at(awards, i, "unit", f"không có đơn vị '{award.unit}' trong units.yaml"
                                           + known))
    problems.sort(key=lambda p: (str(p.location.file), p.location.line or 0, p.location.cell or ""))
    return problems


def problem_at(awards: AwardList, index: int, field: str, message: str) -> Problem:
    location, dotted = awards.locate(index, field)
    return Problem(location, message, dotted)
