"""Which paragraph plays which part of a Decree 30 document (ô 1-9), found from its text and place.

The decree fixes the words of the Quốc hiệu, the "Số:" line, the date line, "Nơi nhận:" and the
annex labels, so those anchor everything else: the agency lines stand left of the number, the
tên loại right after the header, the signature beside the Nơi nhận.
"""

import re
from dataclasses import dataclass, field

from docgen.checker.ooxml import Document, Paragraph
from docgen.vn import DOC_TYPES, upper

QUOC_HIEU = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"}
TYPE_NAMES = {upper(name) for name in DOC_TYPES} | {"NGHỊ QUYẾT", "QUYẾT ĐỊNH"}
_UNDERSCORES = re.compile(r"^[_\-–—.\s]{5,}$")
_CANCU = re.compile(r"^(Căn cứ|Thực hiện)\b")
_DENGHI = re.compile(r"^(Theo|Xét) đề nghị\b")
_ANNEX = re.compile(r"^Phụ lục(\s+[IVXLC0-9]+)?$", re.IGNORECASE)


def is_line(p: Paragraph) -> bool:
    """An empty paragraph drawn as a rule: a border, underscores or a drawing."""
    return (not p.clean and (p.props.border_top or p.props.border_bottom or p.has_drawing)) or bool(
        _UNDERSCORES.match(p.clean))


def line_under(doc: Document, p: Paragraph) -> str | None:
    """How a line is drawn under `p`, or None: its own border/underline, or the next paragraph."""
    if p.props.border_bottom and p.props.border_bottom not in ("nil", "none"):
        return "viền dưới đoạn"
    runs = p.text_runs()
    if runs and all(r.props.underline and r.props.underline not in ("none", "0") for r in runs):
        return "gạch chân"
    if p.has_drawing:
        return "đường vẽ"
    nxt = next_in_place(doc, p)
    if nxt is not None and is_line(nxt):
        if nxt.props.border_top and nxt.props.border_top not in ("nil", "none"):
            return "viền trên đoạn kế tiếp"
        return "đường vẽ" if nxt.has_drawing else "dòng gạch dưới"
    return None


def next_in_place(doc: Document, p: Paragraph) -> Paragraph | None:
    """The paragraph after `p` in the same cell (or the body), empty ones included."""
    i = p.index  # 1-based, so doc.paragraphs[i] is the next one
    if i < len(doc.paragraphs):
        nxt = doc.paragraphs[i]
        if (nxt.table, nxt.row, nxt.cell) == (p.table, p.row, p.cell):
            return nxt
    return None


@dataclass
class Roles:
    quoc_hieu: Paragraph | None = None
    tieu_ngu: Paragraph | None = None
    parent_agency: list[Paragraph] = field(default_factory=list)
    agency: Paragraph | None = None
    number: Paragraph | None = None
    date: Paragraph | None = None
    vv: Paragraph | None = None
    type_name: Paragraph | None = None
    subject: list[Paragraph] = field(default_factory=list)
    recipients_to: list[Paragraph] = field(default_factory=list)  # Kính gửi
    cancu: list[Paragraph] = field(default_factory=list)
    body: list[Paragraph] = field(default_factory=list)
    noi_nhan: Paragraph | None = None
    noi_nhan_items: list[Paragraph] = field(default_factory=list)
    signature: list[Paragraph] = field(default_factory=list)
    signer: Paragraph | None = None
    annexes: list[tuple[Paragraph, Paragraph | None, Paragraph | None]] = field(default_factory=list)
    attached_to: Paragraph | None = None  # "(Kèm theo Quyết định số …)" under the title
    header_table: int | None = None
    closing_table: int | None = None


def _is_type_name(p: Paragraph) -> bool:
    shown = " ".join(p.shown().split())
    letters = re.sub(r"[^\w]", "", re.sub(r"\d", "", shown))
    return bool(letters) and shown == upper(shown) and len(shown) < 40 and (
        (p.props.align or "left") == "center")


def _all_italic(p: Paragraph) -> bool:
    runs = p.text_runs()
    return bool(runs) and all(r.props.italic for r in runs)


def _nonempty(ps):
    return [p for p in ps if p.clean and not is_line(p)]


def _items_after(ps: list[Paragraph], label: Paragraph, base: int) -> bool:
    """A real Nơi nhận has "- …" lines after it (the diagram's box of the same name has none)."""
    follow = _nonempty(q for q in ps[label.index - base:label.index - base + 3]
                       if (q.table, q.row, q.cell) == (label.table, label.row, label.cell))
    return bool(follow) and follow[0].clean.startswith("-")


def is_quoc_hieu(p: Paragraph) -> bool:
    """The Quốc hiệu line itself: the first row of a header table, or a paragraph of the body.

    The words alone are not enough: the decree's own rule table quotes them in a cell.
    """
    first = " ".join(re.split(r"\n\s*_{3,}", p.text)[0].split())
    if not upper(first).startswith(("CỘNG HÒA XÃ HỘI CHỦ NGH", "CỘNG HOÀ XÃ HỘI CHỦ NGH")):
        return False
    return len(first) <= 40 and (p.table is None or p.row == 1)


def segments(doc: Document) -> list[list[Paragraph]]:
    """One list of paragraphs per document inside the file: each Quốc hiệu starts one.

    A print bundle holds many decisions, and the decree's own appendix file many model
    layouts; each is judged as the document it is.
    """
    ps = doc.paragraphs
    starts = []
    for p in ps:
        if is_quoc_hieu(p):
            start = p.index
            if p.table is not None:
                start = min(q.index for q in ps if q.table == p.table)
            if not starts or start > starts[-1]:
                starts.append(start)
    if not starts:
        return [ps]
    out = []
    if len(_nonempty(ps[: starts[0] - 1])) > 3:
        out.append(ps[: starts[0] - 1])  # a preamble before the first document
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(ps)
        # What stands on the next document's page before its header is not this one's body.
        for j in range(end, start, -1):
            if ps[j - 1].page_break and j > start:
                end = j - 1
                break
            if ps[j - 1].table is not None:
                break
        out.append(ps[start - 1:end])
    return out


def find_roles(doc: Document, ps: list[Paragraph] | None = None) -> Roles:
    """The roles inside one segment (all paragraphs by default)."""
    roles = Roles()
    ps = doc.paragraphs if ps is None else ps
    base = ps[0].index - 1 if ps else 0
    for p in ps[:40]:
        if is_quoc_hieu(p):
            roles.quoc_hieu = p
            break
    header_end = 0
    if roles.quoc_hieu is not None:
        qh = roles.quoc_hieu
        at = qh.index - base  # position after qh within the segment
        after = _nonempty(ps[at:at + 4])
        if after and (after[0].table, after[0].cell) == (qh.table, qh.cell):
            roles.tieu_ngu = after[0]
        if qh.table is not None:
            roles.header_table = qh.table
            block = [p for p in ps if p.table == qh.table]
            header_end = block[-1].index
        else:
            # Without a header table the header runs down to the date line.
            window = ps[: at + 12]
            date_at = next((n for n, q in enumerate(window) if re.search(r",\s*ngày\b", q.clean)), None)
            block = window[: date_at + 1] if date_at is not None else ps[: at + 4]
            header_end = block[-1].index
        for p in _nonempty(block):
            if roles.number is None and re.match(r"^Số\b", p.clean):
                roles.number = p
            elif roles.date is None and re.search(r",\s*ngày\b", p.clean):
                roles.date = p
            elif roles.vv is None and p.clean.startswith("V/v"):
                roles.vv = p
        if qh.table is not None:
            left = [p for p in _nonempty(block) if p.cell != qh.cell and p not in
                    (roles.number, roles.date, roles.vv)]
            if roles.number is not None:
                left = [p for p in left if p.index < roles.number.index]
            if left:
                roles.agency = left[-1]
                roles.parent_agency = left[:-1]
        if roles.date is not None:
            header_end = max(header_end, roles.date.index)
    closing = next((p for p in ps if p.clean.rstrip(":").strip() == "Nơi nhận"
                    and _items_after(ps, p, base)), None)
    if closing is not None:
        roles.noi_nhan = closing
        roles.closing_table = closing.table
        same = [p for p in ps if p.table is not None and (p.table, p.row, p.cell) ==
                (closing.table, closing.row, closing.cell) and p.index > closing.index]
        if closing.table is None:
            same = []
            for p in ps[closing.index - base:]:
                if not p.clean.startswith("-"):
                    break
                same.append(p)
        roles.noi_nhan_items = _nonempty(same)
        if closing.table is not None:
            other = [p for p in ps if p.table == closing.table and p.row == closing.row
                     and p.cell != closing.cell]
            lines = _nonempty(other)
            # Authority and title lines lead, in capitals; the name is the last line that is
            # not an instruction in brackets ("(Chữ ký, dấu)").
            while lines and lines[0].shown() == upper(lines[0].shown()):
                roles.signature.append(lines.pop(0))
            names = [p for p in lines if not p.clean.startswith("(") and not p.clean.endswith(")")]
            if names:
                roles.signer = names[-1]
    annex_start = base + len(ps) + 1
    for p in ps:
        if p.table is None and _ANNEX.match(p.clean) and (closing is None or p.index > closing.index):
            rest = _nonempty(ps[p.index - base:p.index - base + 6])
            title = rest[0] if rest else None
            ref = next((q for q in rest[:3] if q.clean.startswith("(Kèm theo")), None)
            roles.annexes.append((p, title, ref))
            annex_start = min(annex_start, p.index)
    body_end = closing.index if closing is not None else annex_start
    if closing is not None and closing.table is not None:
        body_end = min(p.index for p in ps if p.table == closing.table)
    header_end = max(header_end, base)
    rest = [p for p in ps[header_end - base:body_end - 1 - base] if p.table is None]
    rest = _nonempty(rest)
    if rest and _is_type_name(rest[0]):
        roles.type_name = rest.pop(0)
        for p in ps[roles.type_name.index - base:]:
            if not rest or p.index > rest[0].index:
                break
            if is_line(p) or (not p.clean and roles.subject):
                break
            if p is not rest[0]:
                continue
            if p.clean.startswith("(Kèm theo"):
                roles.attached_to = rest.pop(0)
                break
            if (p.props.align or "left") != "center" or _CANCU.match(p.clean) or (
                    p.shown() == upper(p.shown()) and roles.subject):
                break
            roles.subject.append(rest.pop(0))
    if rest and rest[0].clean.startswith("(Kèm theo"):
        roles.attached_to = rest.pop(0)
    while rest and rest[0].clean.startswith("Kính gửi"):
        roles.recipients_to.append(rest.pop(0))
        while rest and rest[0].clean.startswith("- ") and rest[0].props.align != "justify":
            roles.recipients_to.append(rest.pop(0))
    # A decision's authority line ("GIÁM ĐỐC SỞ …") stands before its căn cứ.
    start = 0
    while start < len(rest) and rest[start].props.align == "center" and not _CANCU.match(
            rest[start].clean):
        start += 1
    i = start
    while i < len(rest) and (_CANCU.match(rest[i].clean) and rest[i].clean.startswith("Căn cứ")):
        roles.cancu.append(rest[i])
        i += 1
    # The block goes on with "Theo/Xét đề nghị …" and any italic line that ends it.
    while roles.cancu and i < len(rest) and (_DENGHI.match(rest[i].clean) or (
            _all_italic(rest[i]) and (rest[i].props.align or "left") != "center")):
        roles.cancu.append(rest[i])
        i += 1
    body = rest[:start] + rest[i:] if roles.cancu else rest
    # The body ends with "./."; what follows before the signature is not body text.
    end = next((n for n, p in enumerate(body) if p.clean.endswith("./.")), None)
    roles.body = body if end is None else body[: end + 1]
    return roles
