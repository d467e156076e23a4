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
_UNDERSCORES = re.compile(r"^[_\-–—\s]{5,}$")
_CAPTION = re.compile(r"^Mẫu\s+[\w.]+\s*[-–:]")  # "Mẫu 1.2 - Quyết định …": a model's caption
_CANCU = re.compile(r"^(Căn cứ|Thực hiện)\b")
_DENGHI = re.compile(r"^(Theo|Xét) đề nghị\b")
_ANNEX = re.compile(r"^Phụ lục(\s+(số\s+)?[IVXLC0-9.…_]+)?$", re.IGNORECASE)


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
    kind: str = "document"  # "document", "annex" (starts "Phụ lục …") or "preamble"
    doc_type: str | None = None  # "QUYẾT ĐỊNH", "CÔNG VĂN", … as the header and number show it
    agency_lines: list[Paragraph] = field(default_factory=list)  # the name, wrapped or not
    noi_nhan_groups: list[list[Paragraph]] = field(default_factory=list)  # an item and its continuations
    annex_body: list[Paragraph] = field(default_factory=list)


def _is_type_name(p: Paragraph) -> bool:
    shown = " ".join(p.shown().split())
    letters = re.sub(r"[^\w]", "", re.sub(r"\d", "", shown))
    return bool(letters) and shown == upper(shown) and len(shown) < 40 and (
        (p.props.align or "left") == "center")


def _all_bold(p: Paragraph) -> bool:
    runs = p.text_runs()
    return bool(runs) and all(r.props.bold for r in runs)


def _starts_organ(p: Paragraph, previous: Paragraph) -> bool:
    """A bold line that names a body of its own, not the wrapped end of the line above it.

    "SỞ LAO ĐỘNG - THƯƠNG BINH" / "VÀ XÃ HỘI" is one name; "UBND TỈNH NINH BÌNH" / "SỞ NỘI VỤ" two.
    The words are data (rules.yaml, ND30-CQBH: organ_words, continuation_words).
    """
    from docgen.checker.findings import RULES

    r = RULES["ND30-CQBH"]
    line, before = upper(p.clean), upper(previous.clean)
    if before.endswith(tuple(r["continuation_words"]) + ("-", "–", ",", "&")):
        return False
    return line.startswith(tuple(w + " " for w in r["organ_words"]))


def split_agency(lines: list[Paragraph]) -> tuple[list[Paragraph], list[Paragraph]]:
    """Parent-body lines and issuing-agency lines, from the lines standing above "Số".

    Decree 30 (P1 II.2.b): the issuing agency is bold, its parent (chủ quản) regular above it. So
    the bold lines are the agency, however many lines its name wraps onto; regular lines above
    them are the parent. A bold line naming a body of its own above the last name is a parent
    set in bold. With no bold line at all the last line is taken as the agency.
    """
    if not lines:
        return [], []
    bold = [n for n, p in enumerate(lines) if _all_bold(p)]
    if not bold:
        return lines[:-1], lines[-1:]
    start = bold[0]
    for n in range(bold[0] + 1, len(lines)):
        if _starts_organ(lines[n], lines[n - 1]):
            start = n
    return lines[:start], lines[start:]


def _all_italic(p: Paragraph) -> bool:
    runs = p.text_runs()
    return bool(runs) and all(r.props.italic for r in runs)


def _nonempty(ps):
    return [p for p in ps if p.clean and not is_line(p)]


def _column_after(ps: list[Paragraph], label: Paragraph, base: int, limit: int = 80) -> list[Paragraph]:
    """What follows `label` in its column: the rest of its cell, then the same cell of the rows
    below (a Nơi nhận label may stand in a row of its own, its list in the row under it)."""
    out = []
    for q in ps[label.index - base:label.index - base + limit]:
        if q.table != label.table:
            break
        if q.table is None or q.cell == label.cell:
            out.append(q)
    return out


def _items_after(ps: list[Paragraph], label: Paragraph, base: int) -> bool:
    """A real Nơi nhận has "- …" lines after it (the diagram's box of the same name has none)."""
    follow = _nonempty(_column_after(ps, label, base, 12))
    return bool(follow) and (follow[0].clean.startswith("-") or label.clean.endswith(":"))


def is_quoc_hieu(p: Paragraph) -> bool:
    """The Quốc hiệu line itself: the first row of a header table, or a paragraph of the body.

    The words alone are not enough: the decree's own rule table quotes them in a cell.
    """
    head = p.text.lstrip()[:1]
    if head not in ("C", "c"):
        return False  # most paragraphs: one look at the first letter
    first = " ".join(re.split(r"\n\s*_{3,}", p.text)[0].split())
    if not upper(first).startswith(("CỘNG HÒA XÃ HỘI CHỦ NGH", "CỘNG HOÀ XÃ HỘI CHỦ NGH")):
        return False
    return len(first) <= 40 and (p.table is None or p.row == 1)


def is_annex_label(p: Paragraph) -> bool:
    """"Phụ lục I", "Phụ lục 2", "Phụ lục …1..." on a line of its own, outside tables."""
    return p.table is None and p.text.lstrip()[:3].lower() == "phụ" and bool(_ANNEX.match(p.clean))


def segments(doc: Document) -> list[list[Paragraph]]:
    """One list of paragraphs per document inside the file: each Quốc hiệu or annex label starts one.

    A print bundle holds many decisions, and the decree's own appendix file many model
    layouts; each is judged as the document it is. Linear in the number of paragraphs.
    """
    ps = doc.paragraphs
    first_of_table: dict[int, int] = {}
    starts: list[int] = []
    quoc_hieu: dict[tuple[str, bool], bool] = {}
    for p in ps:
        if p.table is not None and p.table not in first_of_table:
            first_of_table[p.table] = p.index
        head = p.text.lstrip()[:3]  # both tests look here first: most paragraphs stop at it
        if head[:1] in ("C", "c"):  # "Căn cứ …" in every decision: judged once per text and place
            key = (p.text, p.table is None or p.row == 1)
            starts_here = quoc_hieu.get(key)
            if starts_here is None:
                starts_here = quoc_hieu[key] = is_quoc_hieu(p)
        else:
            starts_here = head.lower() == "phụ" and is_annex_label(p)
        if starts_here:
            start = first_of_table[p.table] if p.table is not None else p.index
            if not starts or start > starts[-1]:
                starts.append(start)
    if not starts:
        return [ps]
    out = []
    if len(_nonempty(ps[: starts[0] - 1])) > 3:
        out.append(ps[: starts[0] - 1])  # a preamble before the first document
    for i, start in enumerate(starts):
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(ps)
        # A model's caption ("Mẫu 1.2 - …") just before the next document is not this one's body.
        while end > start and i + 1 < len(starts) and (not ps[end - 1].clean or _CAPTION.match(ps[end - 1].clean)):
            end -= 1
        # What stands on the next document's page before its header is not this one's body (the
        # last document has no next one: a page break in it is its own).
        for j in range(end, start, -1) if i + 1 < len(starts) else ():
            if ps[j - 1].page_break and j > start:
                end = j - 1
                break
            if ps[j - 1].table is not None:
                break
        out.append(ps[start - 1:end])
    return out


def _type_of(roles: Roles) -> str | None:
    if roles.type_name is not None:
        return " ".join(upper(roles.type_name.shown()).split())
    if roles.vv is not None or roles.quoc_hieu is not None:
        return "CÔNG VĂN"  # a header with no tên loại (P1 II.5.b, ô 5b)
    return None


def find_roles(doc: Document, ps: list[Paragraph] | None = None) -> Roles:
    """The roles inside one segment (all paragraphs by default)."""
    roles = Roles()
    ps = doc.paragraphs if ps is None else ps
    base = ps[0].index - 1 if ps else 0
    first = next((p for p in ps[:40] if p.clean and not is_line(p)), None)
    if first is not None and is_annex_label(first):
        roles.kind = "annex"
        _annex_roles(roles, ps, base)
        return roles
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
            block = []
            for p in ps[:at + 40]:
                if p.table == qh.table:
                    block.append(p)
                elif block:
                    break
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
        taken = (roles.number, roles.date, roles.vv, roles.quoc_hieu, roles.tieu_ngu)
        if qh.table is not None:
            left = [p for p in _nonempty(block) if p.cell != qh.cell and p not in taken]
        else:
            left = [p for p in _nonempty(block) if p not in taken]
        if roles.number is not None:
            left = [p for p in left if p.index < roles.number.index]
        if qh.table is not None or roles.number is not None:
            roles.parent_agency, roles.agency_lines = split_agency(left)
            if roles.agency_lines:
                roles.agency = roles.agency_lines[-1]
        if roles.date is not None:
            header_end = max(header_end, roles.date.index)
    if roles.quoc_hieu is None:
        # No Quốc hiệu: a "Số:" line near the top still makes it a document (one missing its header).
        roles.number = next((p for p in _nonempty(ps[:15]) if re.match(r"^Số\s*:", p.clean)), None)
        if roles.number is not None:
            header_end = roles.number.index
    closing = next((p for p in ps if p.clean.rstrip(":").strip() == "Nơi nhận"
                    and _items_after(ps, p, base)), None)
    if closing is not None:
        roles.noi_nhan = closing
        roles.closing_table = closing.table
        same = []
        for p in _column_after(ps, closing, base, 200):
            if closing.table is None and p.clean and not p.clean.startswith("-") and not (
                    same and _continues(same[-1], p)):
                break  # in the body, the list ends where the lines stop being items
            same.append(p)
        roles.noi_nhan_items = _nonempty(same)
        roles.noi_nhan_groups = _group_items(roles.noi_nhan_items)
        if closing.table is not None:
            _signature_in_table(roles, ps, closing.table, exclude_cell=closing.cell)
        else:
            rest_after = _nonempty(ps[same[-1].index - base:] if same else [])
            while rest_after and rest_after[0].shown() == upper(rest_after[0].shown()) and (
                    rest_after[0].props.align == "center"):
                roles.signature.append(rest_after.pop(0))
            if roles.signature and rest_after and not rest_after[0].clean.startswith("("):
                roles.signer = rest_after[0]
    if closing is None:
        _signature_without_noi_nhan(roles, ps, base)
    body_end = closing.index if closing is not None else base + len(ps) + 1
    if closing is not None and closing.table is not None:
        body_end = next(p.index for p in ps if p.table == closing.table)
    elif roles.signature:
        body_end = min(body_end, roles.signature[0].index if roles.signature[0].table is None else next(
            p.index for p in ps if p.table == roles.signature[0].table))
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
            # An all-capitals line under the tên loại is the authority ("GIÁM ĐỐC SỞ …"), not a trích yếu.
            if (p.props.align or "left") != "center" or _CANCU.match(p.clean) or (
                    p.shown() == upper(p.shown()) and re.search(r"[^\W\d_]", p.clean)):
                break
            roles.subject.append(rest.pop(0))
    if rest and rest[0].clean.startswith("(Kèm theo"):
        roles.attached_to = rest.pop(0)
    roles.doc_type = _type_of(roles)
    while rest and rest[0].clean.startswith("Kính gửi"):
        roles.recipients_to.append(rest.pop(0))
        while rest and rest[0].clean.startswith("- ") and rest[0].props.align != "justify":
            roles.recipients_to.append(rest.pop(0))
    from docgen.checker.findings import RULES

    cancu_types = RULES["ND30-CANCU"]["types"]
    start = i = 0
    if roles.doc_type in cancu_types:
        # A decision's authority line ("GIÁM ĐỐC SỞ …") stands before its căn cứ.
        while start < len(rest) and rest[start].props.align == "center" and not _CANCU.match(
                rest[start].clean):
            start += 1
        i = start
        while i < len(rest) and rest[i].clean.startswith("Căn cứ"):
            roles.cancu.append(rest[i])
            i += 1
        # The block goes on with "Theo/Xét đề nghị …" and any italic line that ends it.
        while roles.cancu and i < len(rest) and (_DENGHI.match(rest[i].clean) or (
                _all_italic(rest[i]) and (rest[i].props.align or "left") != "center")):
            roles.cancu.append(rest[i])
            i += 1
    body = rest[:start] + rest[i:] if roles.cancu else rest
    roles.body = _until_end_mark(body)
    return roles


def _until_end_mark(body: list[Paragraph]) -> list[Paragraph]:
    """The body ends with "./."; what follows before the signature is not body text."""
    end = next((n for n, p in enumerate(body) if p.clean.endswith("./.")), None)
    return body if end is None else body[: end + 1]


def _annex_roles(roles: Roles, ps: list[Paragraph], base: int) -> None:
    """A Phụ lục: label, title lines, the "(Kèm theo …)" line, then a body judged as body text."""
    label = next(p for p in ps if p.clean and not is_line(p))
    at = label.index - base
    rest = _nonempty(ps[at:at + 8])
    title = rest[0] if rest and not rest[0].clean.startswith("(Kèm theo") else None
    ref = next((q for q in rest[:4] if q.clean.startswith("(Kèm theo")), None)
    roles.annexes.append((label, title, ref))
    head_end = max(p.index for p in (label, title, ref) if p is not None)
    # The reference line may wrap onto a second line ending ")".
    if ref is not None and not ref.clean.endswith(")"):
        nxt = next((q for q in rest if q.index > ref.index), None)
        if nxt is not None and nxt.clean.endswith(")") and _all_italic(nxt):
            head_end = nxt.index
    titles = [q for q in rest if title is not None and title.index < q.index < head_end and q is not ref
              and not q.clean.startswith("(")]
    roles.annex_body = titles
    body = [p for p in ps[head_end - base:] if p.table is None]
    roles.body = _until_end_mark(_nonempty(body))


def _signature_without_noi_nhan(roles: Roles, ps: list[Paragraph], base: int) -> None:
    """A signature block with no Nơi nhận beside it: the last table holding a bold capital line."""
    for p in reversed(ps[-60:]):
        if p.table is not None and p.clean and _all_bold(p) and p.shown() == upper(p.shown()) and (
                p.props.align == "center") and not is_quoc_hieu(p) and p.table != roles.header_table:
            _signature_in_table(roles, ps, p.table)
            return


def _signature_in_table(roles: Roles, ps: list[Paragraph], table: int, exclude_cell: int | None = None) -> None:
    """Authority, title and name lines: the rightmost column of the table that has text.

    A biên bản signs in two columns (thư ký, chủ tọa); the decree's layout puts the one who
    signs with authority on the right (P1 IV, ô 7a-7b).
    """
    cells = [p for p in ps if p.table == table and p.cell != exclude_cell and p.clean and not is_line(p)]
    if not cells:
        return
    column = max(p.cell for p in cells)
    lines = [p for p in cells if p.cell == column]
    # Authority and title lines lead, in capitals; the name is the last line that is
    # not an instruction in brackets ("(Chữ ký, dấu)").
    while lines and lines[0].shown() == upper(lines[0].shown()):
        roles.signature.append(lines.pop(0))
    names = [p for p in lines if not p.clean.startswith("(") and not p.clean.endswith(")")]
    if names:
        roles.signer = names[-1]


def _continues(previous: Paragraph, p: Paragraph) -> bool:
    """A Nơi nhận item wrapped onto a paragraph of its own: no dash, the item above left open."""
    return bool(p.clean) and not p.clean.startswith("-") and not previous.clean.endswith((";", "."))


def _group_items(items: list[Paragraph]) -> list[list[Paragraph]]:
    groups: list[list[Paragraph]] = []
    for p in items:
        if groups and _continues(groups[-1][-1], p):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups
