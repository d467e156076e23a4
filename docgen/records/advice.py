"""Warnings on records that are valid but probably not what the clerk meant; nothing is refused.

`plan_warnings` reads plan.yaml as typed (the keys the clerk wrote, with their lines):
- a target whose name ends with the period's final year ("(đến năm 2025)", "đến hết năm 2025",
  "năm 2025"; a year after the plan's own) is a level to reach by the end of the period, which the
  period report judges only with `period: final`; without any `period` the report judges every
  year against it (`each_year`, the default), so the clerk is told to add `period: final`. A
  target that writes `period` (whatever its value) is left alone: the clerk has chosen.

`unit_warnings` reads units.yaml as typed: a unit without `header_lines` whose name, upper-cased
in bold, cannot be broken between the parts of the name (docgen.vn.heading.candidates) into
lines that fit the header's left cell (HEADER_ROOM) gets the lines docgen chooses between its
words (`split`'s second try: never inside a word a list knows, "PHÒNG HỘ", "ỦY BAN NHÂN DÂN");
when one of those breaks falls inside a run of lower-case words (docgen.vn.heading's guess
tiers 2 and 3: "BAN QUẢN LÝ RỪNG" / "PHÒNG HỘ …", where the clerk may well break otherwise),
the clerk is shown the lines and told that `header_lines` chooses others. A break after a
capitalised word ("PHÒNG GIÁO DỤC" / "NGHỀ NGHIỆP") is taken as sound: no warning.
"""

import re
from pathlib import Path

from docgen.errors import Problem
from docgen.records.yamlsource import load_yaml
from docgen.texts import say
from docgen.vn.heading import HEADER_ROOM, _best, _guess, candidates, cm, split, width
from docgen.vn.text import upper

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


def _unsure(words: list[str], lines: tuple[str, ...]) -> bool:
    """True when a break of `lines` (the words of `words` on lines) lies inside a run of
    lower-case words (docgen.vn.heading._guess tier 2 or 3)."""
    at = 0
    for line in lines[:-1]:
        at += len(line.split(" "))
        if _guess(words, at) >= 2:
            return True
    return False


def unit_warnings(folder: Path) -> list[Problem]:
    """The warnings of folder/units.yaml (already validated), in line order: a unit's name the
    form's header can only break by guessing (see the module's docstring). None without the file."""
    path = folder / "units.yaml"
    if not path.is_file():
        return []
    source = load_yaml(path)
    units = source.data.get("units") if isinstance(source.data, dict) else None
    # The issuer's names kept whole, as the form's header keeps them (docgen.model.units).
    org = load_yaml(folder / "organisation.yaml").data if (folder / "organisation.yaml").is_file() else None
    kept = tuple(org.get("fixed_names") or ()) if isinstance(org, dict) else ()
    warnings = []
    for i, unit in enumerate(units if isinstance(units, list) else []):
        if not isinstance(unit, dict) or unit.get("header_lines") or not isinstance(unit.get("name"), str):
            continue
        name = unit["name"]
        if width(upper(name), True) <= HEADER_ROOM or _best(name.split(" "), candidates(name, kept), True, HEADER_ROOM):
            continue
        guess = split(name, bold=True, kept=kept)
        if guess is None or not _unsure(name.split(" "), guess):
            continue  # refused by the records' check (docgen.records.heading), or a sound break
        at = ("units", i, "name")
        warnings.append(Problem(source.locate(at), say(
            "warning: unit {id}'s name '{name}' is {size} cm wide (cell {room} cm) and breaks only by a guess: {lines}",
            id=unit.get("id", ""), name=name, size=cm(width(upper(name), True)), room=cm(HEADER_ROOM),
            lines=" / ".join(guess)), f"units[{i}].name"))
    return warnings
