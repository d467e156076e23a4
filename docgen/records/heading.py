"""The header's names of a record (organisation.yaml, a unit of units.yaml, a document's issuer)
checked against the header's cell: every line a clerk gives fits it, `header_lines` spell the whole
name, and a name given on one line can be broken between its units (docgen.vn.heading)."""

from collections.abc import Iterable

from docgen.errors import Problem
from docgen.records.yamlsource import PathKey, Source, format_field
from docgen.vn.heading import HEADER_ROOM, cm, split, width
from docgen.vn.text import upper

_DASH = str.maketrans({"\u2013": "-", "\u2014": "-", "\u00a0": " "})


def _holds(lines: str, name: str) -> bool:
    """True when the joined lines hold the whole name (in any case, any dash): "Thủ tướng Chính
    phủ" for "Chính phủ", never "Trung tâm Quan trắc tài nguyên và môi trường" for the centre's
    longer name."""
    def flat(text: str) -> str:
        return " ".join(text.translate(_DASH).split()).casefold()
    return f" {flat(name)} " in f" {flat(lines)} "


def _lines(source: Source, path: PathKey, lines: list[str], bold: bool) -> list[Problem]:
    out = []
    for i, line in enumerate(lines):
        size = width(upper(line), bold)
        if size > HEADER_ROOM:
            at = (*path, i)
            out.append(Problem(source.locate(at), f"dòng “{line}” in hoa rộng {cm(size)} cm, ô tên cơ quan ở"
                               f" tiêu đề chỉ rộng {cm(HEADER_ROOM)} cm nên Word sẽ tự xuống dòng giữa tên; hãy tách"
                               " dòng này thành hai dòng của danh sách, ngắt giữa hai phần của tên", format_field(at)))
    return out


def _one(source: Source, path: PathKey, name: str, bold: bool, kept: Iterable[str], how: str) -> list[Problem]:
    if split(name, bold=bold, kept=kept) is not None:
        return []
    return [Problem(source.locate(path), f"tên “{name}” in hoa rộng {cm(width(upper(name), bold))} cm, không ngắt"
                    f" được giữa các phần của tên thành những dòng vừa ô tên cơ quan ở tiêu đề ({cm(HEADER_ROOM)}"
                    f" cm); {how}", format_field(path))]


def header_problems(source: Source, record, at: PathKey = (), kept: Iterable[str] | None = None) -> list[Problem]:
    """Problems of `record`'s `parent` (regular type) and `name` / `header_lines` (bold) in the
    header's left cell, located in `source` under the path `at`: a given line wider than the cell
    (the line would wrap where the clerk did not choose), `header_lines` that do not spell `name`
    (that do not hold the whole name: the rest would be dropped), a one-line name with no break that fits. `record` is
    an Organisation, a UnitRecord or an IssuerRecord (whose `name` may itself be the lines); `kept`
    the names never broken (default: the record's `fixed_names`)."""
    kept = tuple(kept if kept is not None else getattr(record, "fixed_names", None) or ())
    out: list[Problem] = []
    parent = getattr(record, "parent", None)
    if isinstance(parent, list):
        out += _lines(source, (*at, "parent"), parent, bold=False)
    elif parent:
        out += _one(source, (*at, "parent"), parent, False, kept,
                    "hãy ghi parent thành danh sách các dòng, ví dụ parent: [Ủy ban nhân dân, thành phố Buôn Ma Thuột]")
    name, lines = record.name, getattr(record, "header_lines", None)
    if isinstance(name, list):
        out += _lines(source, (*at, "name"), name, bold=True)
    elif lines:
        if not _holds(" ".join(lines), name):
            where = (*at, "header_lines")
            out.append(Problem(source.locate(where), f"các dòng header_lines ghép lại là “{' '.join(lines)}”, không có"
                               f" đủ tên cơ quan “{name}” (name): tiêu đề sẽ thiếu tên (Nghị định 30, Phụ lục I §II.2:"
                               " tên đầy đủ); hãy ghi đủ tên, mỗi dòng một phần, hoặc bỏ header_lines để docgen tự ngắt"
                               " dòng", format_field(where)))
        out += _lines(source, (*at, "header_lines"), lines, bold=True)
    else:
        out += _one(source, (*at, "name"), name, True, kept,
                    "hãy ghi các dòng vào header_lines, mỗi dòng một phần của tên")
    return out
