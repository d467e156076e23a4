"""The law as data: award forms with their multipliers and verbs, who may decide which form,
lương cơ sở, and căn cứ by date.

Shipped in docgen/law/; a workspace may hold its own law/ folder (docgen init copies it) so
that a clerk updates a figure when a new decree changes it, without touching Python.
"""

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, RootModel, ValidationError, model_validator

from docgen.errors import RecordError
from docgen.records.messages import problems_from
from docgen.records.schema import DateField, Identifier, Record, Text
from docgen.records.yamlsource import load_yaml

LAW_DIR = Path(__file__).resolve().parents[1] / "law"


class Multiplier(Record):
    from_: DateField = Field(alias="from")
    value: Decimal
    source: Text
    verified: bool


class AwardForm(Record):
    """A danh hiệu thi đua or hình thức khen thưởng: its words on the page and its money."""

    name: Text
    label: Text  # as written after the verb: "danh hiệu “Lao động tiên tiến”"
    verb: Literal["tặng", "tặng thưởng", "công nhận", "phong tặng"]
    title: bool = False  # a danh hiệu thi đua, written with its year
    money: bool = True  # False: no bonus, so a decision has no money article and no fund
    kind: list[Literal["individual", "collective"]]
    collective_factor: int = 1
    multipliers: list[Multiplier] = []

    @model_validator(mode="before")
    @classmethod
    def _not_the_old_shape(cls, data):
        """A law/ folder copied by an older docgen names the decider per form: say what to change."""
        if isinstance(data, dict) and "authority" in data:
            raise ValueError("tệp theo mẫu cũ: thẩm quyền nay ghi trong law/authority.yaml (danh sách decides"
                             " của mỗi cấp); hãy xóa authority, authority_verified ở mỗi hình thức và ghi"
                             " title: true cho các danh hiệu thi đua (hoặc chép lại law/ bằng docgen init)")
        return data


class Authority(Record):
    """One issuer level (Hiệu trưởng, Chủ tịch UBND xã, Giám đốc Sở, Chủ tịch UBND tỉnh, …), the
    forms it may decide and the levels it may propose others to."""

    title: Text  # whom a proposal to this level is addressed to
    head: Text | None = None  # the head's title at this level (organisation.yaml head.title): "Hiệu trưởng"
    decides: list[Identifier]
    # What a form of awards.yaml means at this level: {giay_khen: giay_khen_hieu_truong}, so that
    # "Giấy khen" of a school is the Hiệu trưởng's.
    aliases: dict[Identifier, Identifier] = {}
    # The levels this issuer sends a tờ trình to; None: any level.
    proposes_to: list[Identifier] | None = None
    # The first words of an issuer's name at this level (giam_doc_so: "Sở"); None: any issuer. A
    # hospital whose head is a Giám đốc is no Sở. A level with no head fits any head's title.
    issuers: list[Text] | None = None
    # The last day the level exists (the district level: 2025-06-30, domain.md §3); None: it still
    # does. A decision or a proposal dated later at or to this level is refused (docgen.model.award_dates).
    until: DateField | None = None
    source: Text
    verified: bool


class SalaryRow(Record):
    from_: DateField = Field(alias="from")
    amount: int
    source: Text
    verified: bool


class LegalBasis(Record):
    text: Text
    from_: DateField = Field(alias="from")
    to: DateField | None = None
    levels: list[Identifier] | None = None  # only in decisions of these levels (authority.yaml); None: all
    verified: bool


class Combination(Record):
    pair: Annotated[list[Identifier], Field(min_length=2, max_length=2)]
    source: Text
    verified: bool


class Combinations(Record):
    """Which two titles (danh hiệu; `title: true` in award_forms.yaml) may be given together."""

    together: list[Combination] = []


class Law:
    """Award forms, salaries and legal bases, each picked by a date."""

    def __init__(self, folder: Path | None = None) -> None:
        folder = folder if folder is not None and folder.is_dir() else LAW_DIR
        self.folder = folder
        self.forms: dict[str, AwardForm] = self._load(folder / "award_forms.yaml",
                                                      RootModel[dict[Identifier, AwardForm]])
        self.salaries: list[SalaryRow] = self._load(folder / "base_salary.yaml", RootModel[list[SalaryRow]])
        self.bases: list[LegalBasis] = self._load(folder / "legal_bases.yaml", RootModel[list[LegalBasis]])
        # A workspace's law/ copied before this file existed still gets the shipped rules.
        combos = folder / "award_combinations.yaml"
        self.combinations: Combinations = self._load(
            combos if combos.is_file() else LAW_DIR / "award_combinations.yaml", RootModel[Combinations])
        # A workspace law/ folder copied before authority.yaml existed uses the shipped one.
        levels = folder / "authority.yaml"
        self.authorities: dict[str, Authority] = self._load(
            levels if levels.exists() else LAW_DIR / "authority.yaml", RootModel[dict[Identifier, Authority]])

    def allowed_together(self, form: str, other: str) -> bool:
        """Whether one awardee may get `form` and `other` for the same achievement the same
        year: a title and an award form, or two titles the law pairs (award_combinations.yaml)."""
        titles = {key for key, f in self.forms.items() if f.title}
        if (form in titles) != (other in titles):
            return True
        return any({form, other} == set(c.pair) for c in self.combinations.together)

    def decider(self, form: str, among: list[str] | None = None) -> str | None:
        """The lowest issuer level (in the order of authority.yaml) that decides `form`, if any;
        only levels of `among` when given (those an issuer proposes to)."""
        return next((level for level, a in self.authorities.items()
                     if form in a.decides and (among is None or level in among)), None)

    @staticmethod
    def _load(path: Path, model):
        source = load_yaml(path)
        if source.problems:
            raise RecordError(source.problems)
        try:
            return model.model_validate(source.data).root
        except ValidationError as err:
            raise RecordError(problems_from(err, source, model)) from None

    def multiplier(self, form: AwardForm, on) -> Multiplier | None:
        rows = [m for m in form.multipliers if m.from_.to_date() <= on]
        return max(rows, key=lambda m: m.from_.to_date()) if rows else None

    def salary(self, on) -> SalaryRow | None:
        rows = [s for s in self.salaries if s.from_.to_date() <= on]
        return max(rows, key=lambda s: s.from_.to_date()) if rows else None

    def legal_bases(self, on, level: str | None = None) -> list[LegalBasis]:
        """The căn cứ in force on `on` for a decision of `level` (all levels' bases when None)."""
        return [b for b in self.bases
                if b.from_.to_date() <= on and (b.to is None or on <= b.to.to_date())
                and (b.levels is None or level is None or level in b.levels)]
