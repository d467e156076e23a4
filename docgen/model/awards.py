"""Awards turned into documents: decisions of the head of the department, and a proposal
(tờ trình) for what only the province's chair may grant; money as the law fixes it."""

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from docgen.errors import Problem, RecordError
from docgen.model.plan import Plan, Signature, signature_of, signers_of
from docgen.model.references import ReferenceError_, resolve
from docgen.records.awards import AwardList, AwardRecord, problem_at
from docgen.records.law import AwardForm, Law
from docgen.vn import (
    PartialDate,
    amount_in_words,
    doc_number,
    format_date,
    format_number,
    match_key,
    name_sort_key,
    roman,
    text_sort_key,
    upper,
)

WITHIN = "giam_doc_so"  # the department head decides; anything else goes to a proposal
TITLES = {"lao_dong_tien_tien", "chien_si_thi_dua_co_so", "tap_the_lao_dong_tien_tien",
          "tap_the_lao_dong_xuat_sac", "co_thi_dua_ubnd_tinh", "chien_si_thi_dua_tinh"}


def round_up(amount: Decimal, step: int = 10_000) -> int:
    """Award money is rounded up to the next ten thousand đồng (NĐ 91/2017 Điều 68.2, NĐ 98/2023 Điều 53)."""
    return int(math.ceil(amount / step)) * step


@dataclass(frozen=True)
class Row:
    """One line of an attached list."""

    number: int
    name: str  # with Ông/Bà for a person
    kind: str
    position_office: str
    achievement: str | None  # only where it differs from the shared one
    amount: int
    amount_text: str


@dataclass(frozen=True)
class ListGroup:
    heading: str  # "I. TẬP THỂ"
    kind: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class AwardDocument:
    """A decision (quyết định) or a proposal (tờ trình), numbered from the register."""

    key: str  # stable across builds: the register's key
    kind: str  # "decision" or "proposal"
    type_abbr: str  # QĐ or TTr
    slug: str
    date: PartialDate
    number: int | None
    agency_abbr: str
    subject: str  # trích yếu
    bases: tuple[str, ...]  # căn cứ lines, the last ending with "."
    articles: tuple[tuple[str, str], ...]  # ("Điều 1.", text) for a decision; paragraphs for a proposal
    recipients: tuple[str, ...]
    signature: Signature
    authority_line: str  # "GIÁM ĐỐC SỞ …" above the căn cứ of a decision
    list_title: str
    groups: tuple[ListGroup, ...]
    total: int
    total_text: str
    issuer_title: str  # "Giám đốc Sở Lao động - Thương binh và Xã hội" in the list's (Kèm theo …) line
    proposal_to: str = ""
    counts: dict = field(default_factory=dict)

    @property
    def number_line(self) -> str:
        return doc_number(self.number, self.type_abbr, self.agency_abbr)

    @property
    def reference(self) -> str:
        """"Quyết định số 15/QĐ-LĐTBXH ngày 20 tháng 12 năm 2021" for the list's (Kèm theo …) line."""
        number = self.number_line.removeprefix("Số:")  # " 15/QĐ-…", or a blank "      /QĐ-…"
        kind = "Quyết định" if self.kind == "decision" else "Tờ trình"
        return f"{kind} số{number} {format_date(self.date)}"

    @property
    def attached_line(self) -> str:
        return f"(Kèm theo {self.reference} của {self.issuer_title})"

    @property
    def file_name(self) -> str:
        folder = "quyet-dinh" if self.kind == "decision" else "to-trinh"
        prefix = f"{self.number:02d}" if self.number is not None else "du-thao"
        return f"{folder}/{prefix}-{self.slug}.docx"


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = re.sub(r"[\u0300-\u036f]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _count(n: int) -> str:
    return f"{n:02d}"


class _Checker:
    def __init__(self, awards: AwardList) -> None:
        self.awards = awards
        self.problems: list[Problem] = []

    def add(self, index: int, field_: str, message: str) -> None:
        self.problems.append(problem_at(self.awards, index, field_, message))


def _validate(awards: AwardList, law: Law, plan: Plan) -> tuple[list[str], _Checker]:
    check = _Checker(awards)
    record = awards.record
    groups = {g.id: g for g in record.groups}
    achievements: list[str] = []
    seen: dict[tuple, list[int]] = {}
    for i, award in enumerate(awards.awards):
        text = award.achievement or record.achievement
        try:
            achievement = str(resolve(text, plan.names))
        except ReferenceError_ as err:
            check.add(i, "achievement", str(err))
            achievement = text
        achievements.append(achievement)
        form = law.forms.get(award.form)
        if form is None:
            known = ", ".join(law.forms)
            check.add(i, "form", f"không có hình thức khen thưởng '{award.form}' trong law/award_forms.yaml"
                                 f" (có: {known})")
            continue
        if award.kind not in form.kind:
            who = "tập thể" if award.kind == "collective" else "cá nhân"
            only = "tập thể" if form.kind == ["collective"] else "cá nhân"
            check.add(i, "kind", f"{form.name} chỉ dành cho {only}, không tặng cho {who} '{award.name}'")
        if award.group is not None:
            group = groups.get(award.group)
            if group is None:
                check.add(i, "group", f"không có nhóm '{award.group}' trong groups")
            elif group.document == "decision" and form.authority != WITHIN:
                check.add(i, "group", f"{form.name} vượt thẩm quyền của Giám đốc Sở: phải đưa vào tờ trình"
                                      f" đề nghị (nhóm có document: proposal), không vào quyết định")
        key = (match_key(award.name), match_key(award.office or ""), match_key(achievement))
        first = next((j for j in seen.get(key, []) if not law.allowed_together(awards.awards[j].form, award.form)),
                     None)
        if first is not None:
            where = awards.locate(first, "name")[0]
            place = f"dòng {where.line}" if where.line else where.cell
            check.add(i, "form", f"'{award.name}' đã được đề nghị khen thưởng cho cùng thành tích ở {place};"
                                 " mỗi thành tích chỉ một hình thức khen thưởng")
        else:
            seen.setdefault(key, []).append(i)
    return achievements, check


def _amount(form: AwardForm, award: AwardRecord, law: Law, on: dt.date, check: _Checker, index: int) -> int:
    multiplier = law.multiplier(form, on)
    salary = law.salary(on)
    if multiplier is None or salary is None:
        what = "hệ số" if multiplier is None else "mức lương cơ sở"
        check.add(index, "form", f"không có {what} áp dụng cho ngày {format_date(on)} trong tệp luật")
        return 0
    factor = form.collective_factor if award.kind == "collective" else 1
    return round_up(multiplier.value * salary.amount * factor)


def build_award_documents(plan: Plan, awards: AwardList, law: Law) -> list[AwardDocument]:
    """Group the awards into decisions and a proposal; raise RecordError with every fault located."""
    record = awards.record
    achievements, check = _validate(awards, law, plan)
    org = plan.organisation
    signature = signature_of(org, record.signer)
    if signature is None:
        loc = awards.source.locate(("signer",))
        check.problems.append(Problem(loc, f"không có người ký '{record.signer}' trong organisation.yaml"
                                           f" (có: {signers_of(org)})", "signer"))
    if not record.date.is_complete:
        check.problems.append(Problem(awards.source.locate(("date",)),
                                      "ngày ký quyết định phải đủ ngày, tháng, năm", "date"))
    if check.problems:
        raise RecordError(check.problems)
    on = record.date.to_date()
    year = record.year or plan.year
    buckets: dict[tuple, list[int]] = {}
    group_kind = {g.id: g.document for g in record.groups}
    for i, award in enumerate(awards.awards):
        form = law.forms[award.form]
        if award.group is not None:
            bucket = (group_kind[award.group], f"nhom-{award.group}")
        elif form.authority == WITHIN:
            bucket = ("decision", award.form)
        else:
            bucket = ("proposal", "de-nghi")
        buckets.setdefault(bucket, []).append(i)
    amounts = [_amount(law.forms[a.form], a, law, on, check, i) for i, a in enumerate(awards.awards)]
    if check.problems:
        raise RecordError(check.problems)
    docs = []
    for (doc_kind, name), indices in buckets.items():
        docs.append(_document(plan, awards, law, doc_kind, name, indices, achievements, amounts, signature, year))
    docs.sort(key=lambda d: d.kind != "decision")  # decisions first, in the order of the list
    return docs


def _rows(awards: AwardList, indices: list[int], achievements: list[str], shared: str,
          amounts: list[int], kind: str) -> tuple[Row, ...]:
    chosen = [i for i in indices if awards.awards[i].kind == kind]
    # People by given name, then middle and family names; collectives by their name as read.
    key = name_sort_key if kind == "individual" else text_sort_key
    chosen.sort(key=lambda i: key(awards.awards[i].name))
    rows = []
    for n, i in enumerate(chosen, start=1):
        a = awards.awards[i]
        name = f"{a.honorific} {a.name}" if a.honorific else a.name
        position = ", ".join(x for x in (a.position, a.office) if x)
        own = achievements[i] if achievements[i] != shared else None
        rows.append(Row(n, name, kind, position, own, amounts[i], format_number(amounts[i])))
    return tuple(rows)


def _document(plan: Plan, awards: AwardList, law: Law, doc_kind: str, name: str, indices: list[int],
              achievements: list[str], amounts: list[int], signature: Signature, year: int) -> AwardDocument:
    record = awards.record
    org = plan.organisation
    forms = []
    for i in indices:
        if awards.awards[i].form not in forms:
            forms.append(awards.awards[i].form)
    shared = str(resolve(record.achievement, plan.names))
    on = record.date.to_date()
    bases = [b.text for b in law.legal_bases(on)] + list(record.bases)
    issuer_title = f"{org.head.title} {org.name}"
    recipients_extra = list(record.recipients)
    archive = "- Lưu: VT" + (f", {record.archive}" if record.archive else "") + "."
    n_coll = sum(awards.awards[i].kind == "collective" for i in indices)
    n_ind = len(indices) - n_coll
    who = " và ".join(x for x in (f"{_count(n_coll)} tập thể" if n_coll else "",
                                   f"{_count(n_ind)} cá nhân" if n_ind else "") if x)
    total = sum(amounts[i] for i in indices)
    if doc_kind == "decision":
        form = law.forms[forms[0]] if len(forms) == 1 else None
        label = form.label if form else " và ".join(law.forms[f].label for f in forms)
        verb = form.verb if form else "tặng"
        is_title = all(f in TITLES for f in forms)
        subject = (f"Về việc công nhận {label} năm {year}" if verb == "công nhận"
                   else f"Về việc tặng {label}")
        article1 = (f"{verb.capitalize()} {label}{f' năm {year}' if is_title else ''} cho {who} (có danh"
                    f" sách kèm theo), {shared}.")
        money = []
        for kind, noun in (("collective", "tập thể"), ("individual", "cá nhân")):
            values = sorted({amounts[i] for i in indices if awards.awards[i].kind == kind})
            if len(values) == 1:
                money.append(f"mỗi {noun} {format_number(values[0])} đồng ({amount_in_words(values[0])})")
        article2 = ("Tiền thưởng kèm theo: " + "; ".join(money) + (", " if money else "")
                    + f"theo danh sách kèm theo. Tổng số tiền thưởng là {format_number(total)} đồng"
                      f" ({amount_in_words(total)}), trích từ {record.fund}.")
        doers = "các tập thể, cá nhân" if n_coll and n_ind else ("các tập thể" if n_coll else "các cá nhân")
        article3 = (f"Quyết định này có hiệu lực kể từ ngày ký. {record.executors} và {doers} có tên tại"
                    " Điều 1 chịu trách nhiệm thi hành Quyết định này./.")
        articles = (("Điều 1.", article1), ("Điều 2.", article2), ("Điều 3.", article3))
        recipients = ("- Như Điều 3;", *(f"- {r.rstrip(';.')};" for r in recipients_extra), archive)
        bases_lines = tuple(f"{b.rstrip(';.')};" for b in bases) + (f"Xét đề nghị của {record.proposed_by}.",)
        list_title = (f"{'Tập thể, cá nhân' if n_coll and n_ind else ('Tập thể' if n_coll else 'Cá nhân')}"
                      f" được {verb} {label}{f' năm {year}' if is_title else ''}")
        groups = []
        for kind, heading in (("collective", "TẬP THỂ"), ("individual", "CÁ NHÂN")):
            rows = _rows(awards, indices, achievements, shared, amounts, kind)
            if rows:
                groups.append((heading, kind, rows))
        numbered = len(groups) > 1


        list_groups = tuple(ListGroup(f"{roman(n)}. {h}" if numbered else h, k, r)
                            for n, (h, k, r) in enumerate(groups, start=1))
        slug = slugify(law.forms[forms[0]].name) if len(forms) == 1 and not name.startswith("nhom-") else name
        return AwardDocument(
            key=f"{plan.id}/quyet-dinh/{name}", kind="decision", type_abbr="QĐ", slug=slug,
            date=record.date, number=None, agency_abbr=org.abbreviation, subject=subject,
            bases=bases_lines, articles=articles, recipients=recipients, signature=signature,
            authority_line=upper(issuer_title), list_title=list_title, groups=list_groups, total=total,
            total_text=format_number(total), issuer_title=issuer_title,
            counts={"collective": n_coll, "individual": n_ind},
        )
    # A proposal to the province's chair, one list group per form and kind.
    proposal = record.proposal
    to = proposal.to if proposal else "Chủ tịch Ủy ban nhân dân tỉnh"
    labels = [law.forms[f].label for f in forms]
    subject = f"Về việc đề nghị tặng {', '.join(labels)} năm {year}"
    lines = []
    for n, f in enumerate(forms, start=1):
        mine = [i for i in indices if awards.awards[i].form == f]
        c = sum(awards.awards[i].kind == "collective" for i in mine)
        p = len(mine) - c
        parts = " và ".join(x for x in (f"{_count(c)} tập thể" if c else "", f"{_count(p)} cá nhân" if p else "") if x)
        lines.append(f"{n}. {law.forms[f].label}: {parts};")
    if lines:
        lines[-1] = lines[-1].rstrip(";") + "."
    intro = (f"Thực hiện phong trào thi đua “{plan.movement_name}” năm {year}, căn cứ thành tích đạt được,"
             f" {org.name} kính trình {to} xem xét, tặng thưởng cho các tập thể, cá nhân có thành tích"
             f" (có danh sách và báo cáo thành tích kèm theo), cụ thể:")
    articles = (("", intro), *(("", line) for line in lines),
                ("", f"{org.name} kính trình {to} xem xét, quyết định./."))
    date = proposal.date if proposal and proposal.date else record.date
    bases = [b.text for b in law.legal_bases(date.to_date())] + list(record.bases) + (
        list(proposal.bases) if proposal else [])
    bases_lines = tuple(f"{b.rstrip(';.')};" for b in bases)
    bases_lines = (*bases_lines[:-1], bases_lines[-1].rstrip(";") + ".") if bases_lines else ()
    recipients = ("- Như trên;", *(f"- {r.rstrip(';.')};" for r in (proposal.recipients if proposal else [])),
                  archive)
    groups = []
    for f in forms:
        for kind, noun in (("collective", "TẬP THỂ"), ("individual", "CÁ NHÂN")):
            rows = _rows(awards, [i for i in indices if awards.awards[i].form == f], achievements, shared,
                         amounts, kind)
            if rows:
                groups.append((f"{noun} ĐỀ NGHỊ TẶNG {upper(law.forms[f].label)}", kind, rows))


    list_groups = tuple(ListGroup(f"{roman(n)}. {h}", k, r) for n, (h, k, r) in enumerate(groups, start=1))
    return AwardDocument(
        key=f"{plan.id}/to-trinh/{name}", kind="proposal", type_abbr="TTr", slug="de-nghi-khen-thuong",
        date=date, number=None, agency_abbr=org.abbreviation, subject=subject, bases=bases_lines,
        articles=articles, recipients=recipients, signature=signature, authority_line="",
        list_title=f"Tập thể, cá nhân đề nghị {to} tặng thưởng năm {year}", groups=list_groups,
        total=total, total_text=format_number(total), issuer_title=org.name, proposal_to=to,
        counts={"collective": n_coll, "individual": n_ind},
    )


def numbered(doc: AwardDocument, number: int | None) -> AwardDocument:
    return replace(doc, number=number)
