"""The plan as every other document cites it: one value, computed here and nowhere else.

The report, the award decisions, the tờ trình and the units' forms all cite the plan through
`cite_plan`, so the set never contradicts itself. The number is the plan's own (plan.yaml
`number`, for a plan numbered outside docgen); without one the citation keeps the blank a
draft keeps ("Kế hoạch số      /KH-LĐTBXH"), for the văn thư to fill when the plan is issued.
The words around the values ("số", "của") are the templates'.
"""

from dataclasses import dataclass

from docgen.model.plan import Plan
from docgen.vn import PartialDate, doc_symbol


@dataclass(frozen=True)
class Citation:
    """What a document needs to cite another: type, number and symbol, date, issuer."""

    type_name: str  # "Kế hoạch", as the cited record names its type
    symbol: str  # "125/KH-LĐTBXH", or "      /KH-LĐTBXH" while the number is blank
    date: PartialDate  # the template writes it with the cite_date filter
    issuer: str  # the issuing agency's name: "Sở Lao động - Thương binh và Xã hội"
    numbered: bool  # False: the number is still blank (a draft's citation)


def cite_plan(plan: Plan) -> Citation:
    """The plan's citation: its type, number and symbol, date and issuer."""
    return Citation(plan.type_name, doc_symbol(plan.number, plan.type_abbr, plan.header.abbreviation),
                    plan.date, plan.organisation.name, plan.number is not None)
