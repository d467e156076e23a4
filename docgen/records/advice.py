"""Warnings on records that are valid but probably not what the clerk meant; nothing is refused.

`plan_warnings` reads plan.yaml as typed (the keys the clerk wrote, with their lines):
- a target whose name ends with the period's final year ("(đến năm 2025)", "đến hết năm 2025",
  "năm 2025"; a year after the plan's own) is a level to reach by the end of the period, which the
  period report judges only with `period: final`; without any `period` the report judges every
  year against it (`each_year`, the default), so the clerk is told to add `period: final`. A
  target that writes `period` (whatever its value) is left alone: the clerk has chosen.
"""

import re
from pathlib import Path

from docgen.errors import Problem
from docgen.records.yamlsource import load_yaml
from docgen.texts import say

# "(đến năm 2025)", "đến hết năm 2025", "tới cuối năm 2025", "năm 2025": at the end of the name.
_FINAL_YEAR = re.compile(r"(?:(?:đến|tới)\s+(?:hết\s+|cuối\s+)?)?năm\s+(\d{4})\s*\)?\s*[.;]?\s*$", re.IGNORECASE)


def plan_warnings(folder: Path, plan_year: int) -> list[Problem]:
    """The warnings of folder/plan.yaml (already validated: its year is `plan_year`), in line order."""
    source = load_yaml(folder / "plan.yaml")
    targets = source.data.get("targets") if isinstance(source.data, dict) else None
    warnings = []
    for i, target in enumerate(targets if isinstance(targets, list) else []):
        if not isinstance(target, dict) or "period" in target or not isinstance(target.get("name"), str):
            continue
        found = _FINAL_YEAR.search(target["name"])
        if found is None or int(found.group(1)) <= plan_year:
            continue
        path = ("targets", i, "name")
        warnings.append(Problem(source.locate(path), say(
            "warning: target {id} names its final year '{words}' without period: final",
            words=found.group(0).strip().strip("()").strip(), id=target.get("id", "")),
            f"targets[{i}].name"))
    return warnings
