"""The law as data: award forms with their multipliers, lương cơ sở, and căn cứ by date.

Shipped in docgen/law/; a workspace may hold its own law/ folder (docgen init copies it) so
that a clerk updates a figure when a new decree changes it, without touching Python.
"""

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, RootModel, ValidationError

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
    name: Text
    label: Text
    verb: Literal["tặng", "công nhận"]
    kind: list[Literal["individual", "collective"]]
    authority: Literal["giam_doc_so", "chu_tich_ubnd_tinh"]
    authority_verified: bool = True
    collective_factor: int = 1
    multipliers: list[Multiplier]


class SalaryRow(Record):
    from_: DateField = Field(alias="from")
    amount: int
    source: Text
    verified: bool


class LegalBasis(Record):
    text: Text
    from_: DateField = Field(alias="from")
    to: DateField | None = None
    verified: bool


class Combination(Record):
    pair: Annotated[list[Identifier], Field(min_length=2, max_length=2)]
    source: Text
    verified: bool


class Combinations(Record):
    """Which titles are titles (danh hiệu), and which two may be given together."""

    titles: list[Identifier]
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

    def allowed_together(self, form: str, other: str) -> bool:
        """Whether one awardee may get `form` and `other` for the same achievement the same
        year: a title and an award form, or two titles the law pairs (award_combinations.yaml)."""
        titles = set(self.combinations.titles)
        if (form in titles) != (other in titles):
            return True
        return any({form, other} == set(c.pair) for c in self.combinations.together)

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

    def legal_bases(self, on) -> list[LegalBasis]:
        return [b for b in self.bases
                if b.from_.to_date() <= on and (b.to is None or on <= b.to.to_date())]
