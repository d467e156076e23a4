"""Awards turned into documents: decisions of the issuer, and a proposal (tờ trình) for what only a
higher level may decide; money as the law fixes it.

The model computes values only (counts, amounts, sorted rows, dates, the register number); every
sentence of a decision or a proposal is written in templates/quyet-dinh.docx and to-trinh.docx.
Who decides which form comes from law/authority.yaml, verbs and labels from law/award_forms.yaml.
"""

import datetime as dt
import functools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from docgen.errors import Problem, RecordError
from docgen.model.archive import archive_after_vt
from docgen.model.award_dates import date_problems
from docgen.model.citation import Citation, cite_plan
from docgen.model.plan import Plan, Signature, signature_of, signers_of
from docgen.model.references import ReferenceError_, resolve
from docgen.records.awards import AwardList, AwardRecord, problem_at
from docgen.records.law import AwardForm, Law
from docgen.records.schema import Organisation
from docgen.vn import (
    PartialDate,
    doc_number,
    doc_symbol,
    format_date,
    format_number,
    heading,
    join_and,
    match_key,
)
from docgen.vn.collation import given_name_first


def round_up(amount: Decimal, step: int = 10_000) -> int:
    """Award money is rounded up to the next ten thousand đồng (NĐ 91/2017 Điều 68.2, NĐ 98/2023 Điều 53)."""
    return int(math.ceil(amount / step)) * step


@dataclass(frozen=True)
class Row:
    """One awardee: a line of an attached list, or a name in Điều 1 of a short decision."""

    number: int
    name: str  # with Ông/Bà for a person
    kind: str  # "collective" or "individual"
    position: str  # chức vụ, or ""
    office: str  # đơn vị công tác, or ""
    position_office: str  # both, comma-separated
    achievement: str | None  # only where it differs from the shared one
    amount: int  # đồng; 0 without money
    amount_text: str  # "900.000"


@dataclass(frozen=True)
class FormCount:
    """One award form of a document with how many collectives and individuals receive it."""

    key: str  # a key of law/award_forms.yaml
    name: str
    label: str  # as written after the verb
    verb: str  # tặng, tặng thưởng, công nhận, phong tặng
    title: bool  # a danh hiệu thi đua: written with its year
    money: bool
    collectives: int
    individuals: int

    @property
    def count(self) -> int:
        return self.collectives + self.individuals


@dataclass(frozen=True)
class ListGroup:
    """A table of the attached list: one kind of awardee (and, in a proposal, one form)."""

    index: int  # 1, 2, … (the template writes it as I., II.)
    kind: str  # "collective" or "individual"
    form: FormCount
    rows: tuple[Row, ...]

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def total(self) -> int:
        """Đồng: the group's awards added up (its subtotal row)."""
        return sum(r.amount for r in self.rows)


@dataclass(frozen=True)
class AwardDocument:
    """A decision (quyết định) or a proposal (tờ trình): the values its template writes out.

    Amounts are in đồng; `each_collective` / `each_individual` are the amount every collective /
    individual receives when they all receive the same, else None.
    """

    key: str  # stable across builds: the register's key
    kind: str  # "decision" or "proposal"
    type_abbr: str  # QĐ or TTr
    slug: str
    date: PartialDate
    number: int | None
    agency_abbr: str
    year: int  # the year of the achievements
    forms: tuple[FormCount, ...]
    achievement: str  # the shared thành tích, as written in awards.yaml
    rows: tuple[Row, ...]  # every awardee: collectives, then individuals
    groups: tuple[ListGroup, ...]
    collectives: int
    individuals: int
    money: bool  # some award of the document carries money
    each_collective: int | None
    each_individual: int | None
    total: int
    fund: str  # nguồn tiền thưởng
    executors: str  # who carries the decision out
    proposed_by: str  # "Xét đề nghị của …"
    # căn cứ, without their closing ";" or "."; the plan's Citation among them (after the records'
    # own), for the template to cite as every document cites the plan
    bases: tuple["str | Citation", ...]
    recipients: tuple[str, ...]  # the record's extra Nơi nhận lines, as "- … ;"
    archive: str  # the drafting unit after "Lưu: VT"
    signature: Signature
    to: str = ""  # a proposal's Kính gửi
    movement: str = ""  # the movement's name
    school_year: str = ""  # "2024-2025" when the awards are of a school plan's year (Plan.school_year)

    @property
    def count(self) -> int:
        """How many awardees: the template names one or two in Điều 1 and lists more."""
        return self.collectives + self.individuals

    @property
    def title(self) -> bool:
        return all(f.title for f in self.forms)

    @property
    def all_own(self) -> bool:
        """Every awardee has its own achievement, so the shared one is not written."""
        return all(r.achievement for r in self.rows)

    @property
    def number_line(self) -> str:
        return doc_number(self.number, self.type_abbr, self.agency_abbr)

    @property
    def symbol(self) -> str:
        """"01/QĐ-LĐTBXH" (a blank for a draft), as cited after "số"."""
        return doc_symbol(self.number, self.type_abbr, self.agency_abbr)

    @property
    def subject(self) -> str:
        """What the register and the document properties name the document by: its forms."""
        return ", ".join(f.name for f in self.forms)

    @property
    def total_text(self) -> str:
        return format_number(self.total)

    @property
    def file_name(self) -> str:
        folder = "quyet-dinh" if self.kind == "decision" else "to-trinh"
        prefix = f"{self.number:02d}" if self.number is not None else "du-thao"
        return f"{folder}/{prefix}-{self.slug}.docx"


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFD", text.lower()).replace("đ", "d")
    text = re.sub(r"[\u0300-\u036f]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


class _Checker:
    def __init__(self, awards: AwardList) -> None:
        self.awards = awards
        self.problems: list[Problem] = []

    def add(self, index: int, field_: str, message: str) -> None:
        self.problems.append(problem_at(self.awards, index, field_, message))


def _fits_issuer(level, issuer: str | None) -> bool:
    """Whether an issuer named `issuer` may be of `level` (law/authority.yaml `issuers`)."""
    if not level.issuers or issuer is None:
        return True
    name = match_key(issuer)
    return any(name[:len(match_key(w))] == match_key(w) for w in level.issuers)  # by whole words


def issuer_level(awards: AwardList, law: Law, head_title: str,
                 issuer: str | None = None) -> tuple[str | None, Problem | None]:
    """(the key of law/authority.yaml the decisions are issued at, None) or (None, what is wrong).

    The level is awards.yaml's `authority`, or else the one level whose `head` is the issuer's
    head title (organisation.yaml head.title: "Hiệu trưởng" is a school's); a law folder whose
    levels name no head keeps the old default, giam_doc_so. A level whose head is another's
    title is refused: a school's decision is no Sở's.
    """
    record = awards.record
    heads = {key: a.head for key, a in law.authorities.items() if a.head}
    fitting = [key for key, head in heads.items() if match_key(head) == match_key(head_title)
               and _fits_issuer(law.authorities[key], issuer)]
    anyone = [key for key, a in law.authorities.items() if not a.head and _fits_issuer(a, issuer)]
    if record.authority is not None:
        level = law.authorities.get(record.authority)
        if level is None:
            return None, Problem(awards.source.locate(("authority",)), f"không có cấp '{record.authority}' trong"
                                 f" law/authority.yaml (có: {', '.join(law.authorities)})", "authority")
        if level.head and match_key(level.head) == match_key(head_title) and not _fits_issuer(level, issuer):
            return None, Problem(awards.source.locate(("authority",)), f"cấp '{record.authority}' là cấp của"
                                 f" {level.title}, còn cơ quan ban hành (organisation.yaml name) là {issuer},"
                                 f" không phải {' hay '.join(level.issuers)}; hãy ghi authority: "
                                 + " hoặc ".join(fitting + anyone) + " hoặc bỏ dòng authority", "authority")
        if level.head and record.authority not in fitting:
            return None, Problem(awards.source.locate(("authority",)), f"cấp '{record.authority}' là cấp của"
                                 f" {level.head}, còn người đứng đầu cơ quan ban hành (organisation.yaml head.title)"
                                 f" là {head_title}; hãy ghi authority: "
                                 + (" hoặc ".join(fitting) if fitting else
                                    "cấp của cơ quan (có: " + ", ".join(law.authorities) + ")"), "authority")
        return record.authority, None
    if not heads:
        return "giam_doc_so", None
    if len(fitting) == 1:
        return fitting[0], None
    if not fitting and len(anyone) == 1:  # a hospital's Giám đốc: the head of an agency or unit
        return anyone[0], None
    where = awards.source.locate(("awards",), key=True)
    # A level that has ceased by the awards' date (the district level after 2025-06-30) is no choice.
    on = record.date.to_date()
    fitting = [k for k in fitting if law.authorities[k].until is None or law.authorities[k].until.to_date() >= on]
    if len(fitting) == 1:
        return fitting[0], None
    if fitting:
        return None, Problem(where, f"{head_title} là người đứng đầu ở nhiều cấp: ghi authority (cấp của người ký)"
                                    f" trong awards.yaml, một trong: {', '.join(fitting)}", "authority")
    return None, Problem(where, f"không có cấp nào của law/authority.yaml do {head_title} đứng đầu: ghi authority"
                                f" (cấp của người ký) trong awards.yaml (có: {', '.join(law.authorities)})",
                         "authority")


def _as_level(awards: AwardList, aliases: dict[str, str]) -> AwardList:
    """The awards with each form as the level means it (giay_khen of a school: giay_khen_hieu_truong)."""
    if not any(a.form in aliases for a in awards.awards):
        return awards
    found = [a.model_copy(update={"form": aliases[a.form]}) if a.form in aliases else a for a in awards.awards]
    return AwardList(awards.record, awards.source, found, awards._places)


def _usable_forms(law: Law, level) -> list[str]:
    """The forms an awards.yaml of `level` may name: those it decides, then those of the levels
    it proposes to (all levels when it names none), in law/award_forms.yaml's order."""
    targets = law.authorities.keys() if level.proposes_to is None else level.proposes_to
    usable = set(level.decides) | {k for t in targets if t in law.authorities for k in law.authorities[t].decides}
    return [k for k in law.forms if k in usable]


def _counterparts(law: Law, level, given: str, kind: str) -> list[str]:
    """The forms of `level` for a `kind` (collective/individual) that `given` (a form for the
    other kind) names a variant of: lao_dong_tien_tien -> tap_the_lao_dong_tien_tien."""
    return [k for k in _usable_forms(law, level) if kind in law.forms[k].kind and (given in k or k in given)]


def _validate(awards: AwardList, law: Law, plan: Plan, level_key: str) -> tuple[list[str], _Checker, list[tuple]]:
    """(each award's achievement as resolved, the faults found, each award's match_key of its name:
    the rows are sorted by it, docgen.vn.collation.given_name_first)."""
    check = _Checker(awards)
    record = awards.record
    level = law.authorities[level_key]
    groups = {g.id: g for g in record.groups}
    achievements: list[str] = []
    names: list[tuple] = []
    seen: dict[tuple, list[int]] = {}
    resolved: dict[str, tuple[str, str | None]] = {}  # a list repeats one achievement on every row
    clean: set[tuple] = set()  # (form, kind, group) of awards that passed the checks of a form
    same: dict = {}  # _duplicate's classes of offices and achievements
    for i, award in enumerate(awards.awards):
        text = award.achievement or record.achievement
        if text not in resolved:
            try:
                resolved[text] = (str(resolve(text, plan.names)), None)
            except ReferenceError_ as err:
                resolved[text] = (text, str(err))
        achievement, fault = resolved[text]
        if fault is not None:
            check.add(i, "achievement", fault)
        achievements.append(achievement)
        names.append(match_key(award.name))
        combination = (award.form, award.kind, award.group)
        if combination in clean:  # the checks below depend on these three only: passed already
            _duplicate(awards, law, check, seen, i, names[i], achievement, same)
            continue
        before = len(check.problems)
        form = law.forms.get(award.form)
        if form is None:
            known = ", ".join(_usable_forms(law, level))
            check.add(i, "form", f"không có hình thức khen thưởng '{award.form}' trong law/award_forms.yaml"
                                 f" (dùng được ở cấp {level.title}: {known})")
            continue
        if award.form not in level.decides and level.proposes_to is not None \
                and law.decider(award.form, level.proposes_to) is None:
            decider = law.decider(award.form)
            check.add(i, "form", f"{form.name}"
                                 + (f" do {law.authorities[decider].title} quyết định," if decider else "")
                                 + f" không thuộc thẩm quyền của {level.title}, và {level.title} không trình thẳng"
                                 " cấp đó (chỉ trình " + join_and([law.authorities[k].title for k in level.proposes_to
                                                                    if k in law.authorities])
                                 + f"); {level.title} quyết định "
                                 + join_and([form_label(law.forms[k].label, plan.organisation)
                                             for k in level.decides if k in law.forms])
                                 + ": hãy đổi form, hoặc xóa dòng này và đề nghị qua cấp trên")
            continue
        if award.kind not in form.kind:
            fits = _counterparts(law, level, award.form, award.kind)
            check.add(i, "kind", f"{form.name} chỉ dành cho"
                                 f" {'tập thể' if form.kind == ['collective'] else 'cá nhân'}, không tặng cho"
                                 f" {'tập thể' if award.kind == 'collective' else 'cá nhân'} '{award.name}'"
                                 + (f"; hãy ghi form: {' hoặc '.join(fits)}" if fits else ""))
        if award.group is not None:
            group = groups.get(award.group)
            if group is None:
                check.add(i, "group", f"không có nhóm '{award.group}' trong groups")
            elif group.document == "decision" and award.form not in level.decides:
                check.add(i, "group", f"{form.name} vượt thẩm quyền của {level.title}: phải đưa vào tờ trình"
                                      f" đề nghị (nhóm có document: proposal), không vào quyết định")
        if len(check.problems) == before:
            clean.add(combination)
        _duplicate(awards, law, check, seen, i, names[i], achievement, same)
    return achievements, check, names


def _duplicate(awards: AwardList, law: Law, check: _Checker, seen: dict[tuple, list[int]], i: int,
               name: tuple, achievement: str, same: dict) -> None:
    """Add to `check` a fault at award `i` when an earlier award of the same person (`name`: its
    match key), office and achievement has a form it may not be given with (law.allowed_together);
    `seen` keeps the awards met so far by those three. `same` (one dict for a list) numbers the
    offices' and achievements' match keys as met: the key holds those small numbers, not the
    keys of a long achievement's every letter hashed again on each row."""
    award = awards.awards[i]
    key = (name, _class(same, award.office or ""), _class(same, achievement))
    earlier = seen.get(key)
    if earlier is None:  # the usual case: a name met once
        seen[key] = [i]
        return
    first = next((j for j in earlier if not law.allowed_together(awards.awards[j].form, award.form)), None)
    if first is not None:
        where = awards.locate(first, "name")[0]
        check.add(i, "form", f"'{award.name}' đã được đề nghị khen thưởng cho cùng thành tích ở"
                             f" {f'dòng {where.line}' if where.line else where.cell};"
                             " mỗi thành tích chỉ một hình thức khen thưởng")
    else:
        earlier.append(i)


def _class(same: dict, text: str) -> int:
    """The number of `text`'s match key among those `same` has met (a text of the same match key
    has the same number)."""
    found = same.get(text)
    if found is None:
        found = same[text] = same.setdefault(match_key(text), len(same))
    return found


def _amount(form: AwardForm, award: AwardRecord, law: Law, on: dt.date, check: _Checker, index: int) -> int:
    if not form.money:
        return 0
    multiplier = law.multiplier(form, on)
    salary = law.salary(on)
    if multiplier is None or salary is None:
        check.add(index, "form", f"không có {'hệ số' if multiplier is None else 'mức lương cơ sở'} áp dụng cho"
                                 f" ngày {format_date(on)} trong tệp luật")
        return 0
    factor = form.collective_factor if award.kind == "collective" else 1
    return round_up(multiplier.value * salary.amount * factor)


def build_award_documents(plan: Plan, awards: AwardList, law: Law) -> list[AwardDocument]:
    """Group the awards into decisions and a proposal; raise RecordError with every fault located."""
    record = awards.record
    org = plan.organisation
    level_key, fault = issuer_level(awards, law, org.head.title, org.name)
    if fault is not None:
        raise RecordError([fault])
    level = law.authorities[level_key]
    awards = _as_level(awards, level.aliases)
    achievements, check, names = _validate(awards, law, plan, level_key)
    signature = signature_of(org, record.signer)
    if signature is None:
        loc = awards.source.locate(("signer",))
        check.problems.append(Problem(loc, f"không có người ký '{record.signer}' trong organisation.yaml"
                                           f" (có: {signers_of(org)})", "signer"))
    if record.date.month is None:
        check.problems.append(Problem(awards.source.locate(("date",)), "ngày ký quyết định cần ít nhất tháng và"
                                      " năm (ví dụ 2021-12; ngày có thể để trống cho văn thư điền)", "date"))
    check.problems += date_problems(plan, awards, level_key, law)
    if check.problems:
        raise RecordError(check.problems)
    on = record.date.to_date()  # a blank day: the law and the salary in force on the 1st of the month
    year = record.year or plan.year
    buckets: dict[tuple, list[int]] = {}
    group_kind = {g.id: g.document for g in record.groups}
    decides = level.decides
    for i, award in enumerate(awards.awards):
        if award.group is not None:
            bucket = (group_kind[award.group], f"nhom-{award.group}")
        elif award.form in decides:
            bucket = ("decision", award.form)
        else:
            bucket = ("proposal", "de-nghi")
        buckets.setdefault(bucket, []).append(i)
    amount_of: dict[tuple[str, bool], int] = {}  # by form and collective or not: all _amount reads
    amounts = []
    for i, a in enumerate(awards.awards):
        key = (a.form, a.kind == "collective")
        if key not in amount_of:
            before = len(check.problems)
            amount = _amount(law.forms[a.form], a, law, on, check, i)
            if len(check.problems) > before:  # a fault is reported at each row it concerns
                amounts.append(amount)
                continue
            amount_of[key] = amount
        amounts.append(amount_of[key])
    proposed = {awards.awards[i].form for (kind, _), ix in buckets.items() if kind == "proposal" for i in ix}
    if proposed and record.proposal is None and named_recipient(law, level_key, proposed, org) is None:
        forms = join_and([law.forms[k].name for k in sorted(proposed)])
        check.problems.append(Problem(
            awards.source.locate(("awards",), key=True),
            f"có hình thức phải đề nghị cấp trên ({forms}) mà hồ sơ không cho biết tên người nhận tờ trình:"
            " ghi proposal.to (Kính gửi của tờ trình) trong awards.yaml, ví dụ"
            " “proposal: {to: Chủ tịch Ủy ban nhân dân huyện Gia Lộc}”, hoặc ghi superior (cơ quan cấp trên,"
            " như “Ủy ban nhân dân huyện Gia Lộc”) trong organisation.yaml", "proposal.to"))
    if record.fund is None and any(law.forms[a.form].money for a in awards.awards):
        check.problems.append(Problem(awards.source.locate(("awards",), key=True), "có hình thức kèm tiền"
                                      " thưởng: ghi fund (nguồn tiền thưởng) trong awards.yaml", "fund"))
    if check.problems:
        raise RecordError(check.problems)
    docs = []
    memo: dict = {}  # what every document of the list shares, computed once (issue 16)
    for (doc_kind, name), indices in buckets.items():
        docs.append(_document(plan, awards, law, doc_kind, name, indices, achievements, amounts, signature, year,
                              level_key, names, memo))
    docs.sort(key=lambda d: d.kind != "decision")  # decisions first, in the order of the list
    return docs


def named_recipient(law: Law, level_key: str, forms: set[str], org: Organisation) -> str | None:
    """The "Kính gửi" of a tờ trình whose awards.yaml gives no proposal.to, or None when the records
    cannot name it.

    The recipient is the head of a level the issuer proposes to (law/authority.yaml `proposes_to`, in
    that file's order, lowest first) that decides every form of `forms`, and whose body the issuer's
    organisation.yaml names in `superior` (then `parent`): level title "Chủ tịch Ủy ban nhân dân huyện"
    (head "Chủ tịch") and superior "Ủy ban nhân dân huyện Gia Lộc" give "Chủ tịch Ủy ban nhân dân huyện
    Gia Lộc". A bare level title ("Chủ tịch Ủy ban nhân dân xã") names no one and is never returned.
    """
    among = law.authorities[level_key].proposes_to
    bodies = [b.strip() for b in (org.superior, heading.joined(org.parent)) if b and b.strip()]
    for key, level in law.authorities.items():
        if (among is not None and key not in among) or not forms <= set(level.decides):
            continue
        if not level.head or not level.title.startswith(level.head + " "):
            continue
        kind = level.title[len(level.head) + 1:]  # "Ủy ban nhân dân huyện", "Sở"
        for body in bodies:
            if body.startswith(kind + " ") and body[len(kind):].strip():
                return f"{level.head} {body}"
    return None


@functools.lru_cache(maxsize=1024)
def _money(amount: int) -> str:
    """format_number of an amount in đồng (an int): a list repeats a handful of amounts on
    thousands of rows (20,000 calls, 0.15 s, for the 1,000-decision plan of bench/build.py)."""
    return format_number(amount)


def _rows(awards: AwardList, indices: list[int], achievements: list[str], shared: str,
          amounts: list[int], kind: str, names: list[tuple]) -> tuple[Row, ...]:
    """The rows of the awards `indices` of `kind`, sorted; `names`: each award's match_key of its
    name (_validate)."""
    chosen = [i for i in indices if awards.awards[i].kind == kind]
    # People by given name, then middle and family names (docgen.vn.name_sort_key); collectives
    # by their name as read (docgen.vn.text_sort_key): both from the names' match keys.
    if kind == "individual":
        chosen.sort(key=lambda i: given_name_first(names[i], awards.awards[i].name))
    else:
        chosen.sort(key=lambda i: (names[i], awards.awards[i].name))
    rows = []
    for n, i in enumerate(chosen, start=1):
        a = awards.awards[i]
        name = f"{a.honorific} {a.name}" if a.honorific else a.name
        position = f"{a.position}, {a.office}" if a.position and a.office else a.position or a.office or ""
        own = achievements[i] if achievements[i] != shared else None
        rows.append(Row(n, name, kind, a.position or "", a.office or "", position, own, amounts[i],
                        _money(amounts[i])))
    return tuple(rows)


def form_label(label: str, org: Organisation) -> str:
    """A form's label (law/award_forms.yaml) with its issuer filled in: {head} the head's title,
    {issuer} the issuing organisation's name (giay_khen_thu_truong: "Giấy khen của {head} {issuer}")."""
    return label.replace("{head}", org.head.title).replace("{issuer}", org.name)


def _form_count(awards: AwardList, law: Law, key: str, indices: list[int], org: Organisation) -> FormCount:
    form = law.forms[key]
    mine = [i for i in indices if awards.awards[i].form == key]
    collectives = sum(awards.awards[i].kind == "collective" for i in mine)
    return FormCount(key, form.name, form_label(form.label, org), form.verb, form.title, form.money, collectives,
                     len(mine) - collectives)


def _each(awards: AwardList, indices: list[int], amounts: list[int], kind: str) -> int | None:
    values = {amounts[i] for i in indices if awards.awards[i].kind == kind}
    return values.pop() if len(values) == 1 and 0 not in values else None


def _recipient_lines(names: list[str]) -> tuple[str, ...]:
    return tuple(f"- {r.rstrip(';.')};" for r in names)


def _document(plan: Plan, awards: AwardList, law: Law, doc_kind: str, name: str, indices: list[int],
              achievements: list[str], amounts: list[int], signature: Signature, year: int,
              level_key: str, names: list[tuple], memo: dict | None = None) -> AwardDocument:
    """The decision or proposal `name` of the awards `indices`; `memo` (one dict for every
    document of a list) keeps what they all share: the shared achievement, the bases of a kind
    of document, the Nơi nhận lines, the archive line."""
    record = awards.record
    org = plan.organisation
    memo = {} if memo is None else memo
    keys: list[str] = []
    for i in indices:
        if awards.awards[i].form not in keys:
            keys.append(awards.awards[i].form)
    forms = tuple(_form_count(awards, law, k, indices, org) for k in keys)
    if "shared" not in memo:
        memo["shared"] = str(resolve(record.achievement, plan.names))
    shared = memo["shared"]
    collectives = sum(awards.awards[i].kind == "collective" for i in indices)
    proposal = record.proposal
    date = proposal.date if doc_kind == "proposal" and proposal and proposal.date else record.date
    if ("bases", doc_kind, date) not in memo:
        found: list = [b.text.rstrip(";. ") for b in law.legal_bases(date.to_date(), level_key)]
        found += [b.rstrip(";. ") for b in record.bases] + [cite_plan(plan)]
        if doc_kind == "proposal" and proposal:
            found += [b.rstrip(";. ") for b in proposal.bases]
        memo["bases", doc_kind, date] = tuple(found)
    bases = memo["bases", doc_kind, date]
    if doc_kind == "decision":
        rows = [_rows(awards, indices, achievements, shared, amounts, kind, names)
                for kind in ("collective", "individual")]
        groups = tuple(ListGroup(n, r[0].kind, forms[0], r)
                       for n, r in enumerate((r for r in rows if r), start=1))
        if "recipients" not in memo:
            memo["recipients"] = _recipient_lines(list(record.recipients))
        recipients = memo["recipients"]
        slug = slugify(forms[0].name) if len(forms) == 1 and not name.startswith("nhom-") else name
        to = ""
    else:
        found = []
        for f in forms:
            for kind in ("collective", "individual"):
                r = _rows(awards, [i for i in indices if awards.awards[i].form == f.key], achievements, shared,
                          amounts, kind, names)
                if r:
                    found.append((kind, f, r))
        groups = tuple(ListGroup(n, k, f, r) for n, (k, f, r) in enumerate(found, start=1))
        rows = [tuple(r for g in groups if g.kind == kind for r in g.rows) for kind in ("collective", "individual")]
        recipients = _recipient_lines(list(proposal.recipients) if proposal else [])
        slug = "de-nghi-khen-thuong"
        to = proposal.to if proposal else named_recipient(law, level_key, set(keys), org)
    if "archive" not in memo:
        memo["archive"] = archive_after_vt(record.archive)
    archive = memo["archive"]
    return AwardDocument(
        key=f"{plan.id}/{'quyet-dinh' if doc_kind == 'decision' else 'to-trinh'}/{name}", kind=doc_kind,
        type_abbr="QĐ" if doc_kind == "decision" else "TTr", slug=slug, date=date, number=None,
        agency_abbr=org.abbreviation, year=year, forms=forms, achievement=shared,
        school_year=(plan.school_year or "") if year == plan.year else "",
        rows=rows[0] + rows[1], groups=groups, collectives=collectives, individuals=len(indices) - collectives,
        money=any(f.money for f in forms), each_collective=_each(awards, indices, amounts, "collective"),
        each_individual=_each(awards, indices, amounts, "individual"),
        total=sum(amounts[i] for i in indices), fund=record.fund or "", executors=record.executors,
        proposed_by=record.proposed_by, bases=bases, recipients=recipients,
        archive=archive, signature=signature, to=to, movement=plan.movement_name,
    )


def numbered(doc: AwardDocument, number: int | None) -> AwardDocument:
    return replace(doc, number=number)
