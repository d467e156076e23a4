"""Model: meaning across records — references, targets, numbering, what each document holds."""

from docgen.model.plan import Block, Header, Plan, Signature, build_plan
from docgen.model.rich import Lines, Rich, Segment
from docgen.model.targets import Target

__all__ = ["Block", "Header", "Lines", "Plan", "Rich", "Segment", "Signature", "Target", "build_plan"]
