"""The "Lưu" line of Nơi nhận: what the records' `archive` adds after "VT".

Nghị định 30/2020/NĐ-CP, Phụ lục I, II.9.b (ô 9b): the last line of Nơi nhận is "Lưu" then the
văn thư's "VT", then the drafting unit's abbreviation (and the number of copies kept). Every
template writes "- Lưu: VT" itself and the record's `archive` after it, so a record that names
VT too (`archive: VT`, `archive: VT, VP`) would print "Lưu: VT, VT.".
"""

ARCHIVE_OFFICE = "VT"  # the văn thư, which every template already names


def archive_after_vt(text: str) -> str:
    """The record's `archive` ("VT, VP, VP") as the units after "VT": each once, in the order
    typed, without the VT the template writes ("VP"); "" when nothing is left. The parts are the
    comma-separated items, compared with spacing normalised; "VT" matched in any case."""
    out: list[str] = []
    for part in text.split(","):
        item = " ".join(part.split())
        if item and item.casefold() != ARCHIVE_OFFICE.casefold() and item not in out:
            out.append(item)
    return ", ".join(out)
