"""The văn thư's steps on the register: issue a draft (number and date), withdraw an issued one.

Nghị định 30/2020, Điều 15.2: a document is numbered and dated *after* the competent person has
signed it, so `docgen build` writes drafts (blank number and day) and `docgen issue` gives the
numbers. What the user names (a DOCUMENT) is what they hold:
- a .docx docgen built (build/<folder>/quyet-dinh/du-thao-giay-khen.docx): its document
  properties name the document (docgen.key) and the folder it was built from;
- a document record (.yaml) with `number: register`;
- a plan or document folder: every document of it that takes a number and has none, in the
  order of the records (the award list's order for decisions).

Issuing or withdrawing is a build of the document's folder (docgen.build.build_path) whose
register change is made inside the build's transaction: on any error nothing is written and the
register is as it was; the numbers are committed only once the new files are in place.
"""

import datetime as dt
import html
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.errors import Location, RecordError, WorkspaceError
from docgen.records.register import Entry, Numbering, Register, Request, _vn_date, agency_key

VIETNAM = dt.timezone(dt.timedelta(hours=7))  # Giờ Việt Nam (UTC+7), no daylight saving time


def today() -> dt.date:
    """Today's date in Vietnam (UTC+7), the default issue date."""
    return dt.datetime.now(VIETNAM).date()


def parse_day(text: str) -> dt.date:
    """An issue date typed as NĂM-THÁNG-NGÀY ("2021-12-20"); raises WorkspaceError otherwise."""
    from docgen.vn import parse_partial_date

    try:
        when = parse_partial_date(text)
    except ValueError as err:
        raise WorkspaceError.at(Location("--date"), str(err)) from None
    if not when.is_complete:
        raise WorkspaceError.at(Location("--date"), f"ngày ban hành '{text}' thiếu ngày; hãy viết đủ"
                                " NĂM-THÁNG-NGÀY, ví dụ 2021-12-20")
    return when.to_date()


@dataclass(frozen=True)
class Target:
    """A document the user named: `folder` is the plan or document folder it is built from;
    `key` names an award document, `doc_id` a document record; neither: every document of the
    folder that takes a number."""

    named: Path  # as the user typed it, for messages
    folder: Path
    key: str | None = None
    doc_id: str | None = None
    signed: Path | None = None  # a PDF the competent person signed (docgen sign): issued electronically

    @property
    def whole_folder(self) -> bool:
        return self.key is None and self.doc_id is None


@dataclass
class Outcome:
    """What an issue or withdrawal did: the register entries it made or voided, the build, and
    the electronic files it signed."""

    entries: list[Entry] = field(default_factory=list)
    build: object | None = None  # docgen.build.BuildResult
    signed: list[Path] = field(default_factory=list)


@dataclass(frozen=True)
class Electronic:
    """What electronic issue needs: the agency's signer (docgen.issuing.signing.load_signer, or
    docgen.issuing.token.open_signer for a token), its seal image, and the attachments issued as
    files of their own."""

    agency: object
    seal: Path | None
    attachments: tuple[Path, ...] = ()


_PROPERTY = re.compile(rb'name="(docgen\.[a-z]+)"><vt:lpwstr>([^<]*)<')


def _properties(path: Path) -> dict[str, str]:
    """The docgen.* custom document properties of a .docx docgen built ({} when none)."""
    try:
        with zipfile.ZipFile(path) as zf:
            custom = zf.read("docProps/custom.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    return {k.decode(): html.unescape(v.decode("utf-8")) for k, v in _PROPERTY.findall(custom)}


def _source_folder(path: Path, name: str) -> Path:
    """The folder `name` was built from, for a file inside build/<name>/ (or its -du-thao/ trial),
    or, for a file elsewhere (a signed PDF sent back), in the workspace of the working folder."""
    from docgen.build import TRIAL_SUFFIX

    roots = [parent.parent.parent for parent in path.resolve().parents
             if parent.parent.name == "build" and parent.name in (name, name + TRIAL_SUFFIX)]
    roots += [Path.cwd(), *Path.cwd().parents]
    for root in roots:
        for folder in (root / "plans" / name, root / name):
            if folder.is_dir():
                return folder
    raise WorkspaceError.at(Location(path), f"không tìm thấy hồ sơ '{name}' mà tệp này được dựng từ (tìm trong"
                            " plans/ của bộ hồ sơ chứa thư mục build/); hãy chỉ thư mục hồ sơ hoặc tệp .yaml")


def resolve(path: Path) -> Target:
    """What `path` names: a built .docx, a document record .yaml, or a plan/document folder.
    Raises WorkspaceError (located at `path`) when it names no document docgen can issue."""
    from docgen.build import _folder_of

    if path.is_dir():
        return Target(path, path)
    if not path.is_file():
        raise WorkspaceError.at(Location(path), "không tìm thấy tệp hay thư mục")
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return Target(path, _folder_of(path), doc_id=path.stem)
    if suffix in (".docx", ".pdf"):
        if suffix == ".docx":
            props, signed = _properties(path), None
        else:
            from docgen.issuing.signing import pdf_props

            props, signed = pdf_props(path), path
        kind = props.get("docgen.kind")
        if kind in ("decision", "proposal") and props.get("docgen.plan") and props.get("docgen.key"):
            return Target(path, _source_folder(path, props["docgen.plan"]), key=props["docgen.key"], signed=signed)
        if kind == "van-ban" and props.get("docgen.folder") and props.get("docgen.key"):
            return Target(path, _source_folder(path, props["docgen.folder"]), doc_id=props["docgen.key"],
                          signed=signed)
        if kind and props.get("docgen.plan"):
            raise WorkspaceError.at(Location(path), _not_issued_here(path, kind, props["docgen.plan"]))
    raise WorkspaceError.at(Location(path), "không phải văn bản docgen dựng ra (tệp .docx trong build/, PDF đã ký"
                            " bằng docgen sign), tệp văn bản .yaml hay thư mục hồ sơ: không biết văn bản nào cần"
                            " ban hành")


def _not_issued_here(path: Path, kind: str, plan_id: str) -> str:
    """Why a plan's own document docgen built (the plan, a unit's form, a report) is not issued
    with `docgen issue`: none takes a number from the register. The plan is numbered by the văn
    thư outside docgen, its number written in plan.yaml (the message says which, when known)."""
    from docgen.build import validate
    from docgen.errors import display_path

    folder = _source_folder(path, plan_id)
    if kind == "bao-cao-tong-hop":
        return ("báo cáo tổng hợp không lấy số trong sổ văn bản của docgen: văn thư cấp số khi ban hành báo cáo,"
                " rồi ghi số và ngày vào tệp lời của năm đó (results/bao-cao.yaml, hoặc results/<năm>/bao-cao.yaml"
                " của các năm sau: number: SỐ, date: NĂM-THÁNG-NGÀY) và dựng lại")
    if kind != "ke-hoach":
        return ("văn bản này không lấy số trong sổ văn bản của docgen (docgen cấp số khi ban hành cho quyết định,"
                " tờ trình khen thưởng và văn bản ghi number: register): không có gì để ban hành")
    plan = validate(folder)
    record = display_path(folder / "plan.yaml")
    if plan.number is None:
        return (f"kế hoạch không lấy số trong sổ văn bản của docgen: văn thư cấp số khi ban hành kế hoạch, rồi ghi"
                f" số đó vào {record} (number: SỐ) và dựng lại")
    from docgen.vn import doc_symbol

    symbol = doc_symbol(plan.number, plan.type_abbr, plan.header.abbreviation)
    day = f" ngày {_vn_date(plan.date.isoformat())}" if plan.date.is_complete else ""
    return (f"kế hoạch đã có số {symbol}{day}, ghi trong hồ sơ ({record}: number): văn bản đánh số ngoài"
            f" docgen, không lấy số trong sổ văn bản nên không ban hành lại; các quyết định, tờ trình căn cứ"
            f" kế hoạch thì ban hành bằng docgen issue {display_path(folder)}")


def _one_folder(targets: list[Target]) -> Path:
    first = targets[0].folder.resolve()
    for t in targets[1:]:
        if t.folder.resolve() != first:
            raise WorkspaceError.at(Location(t.named), f"thuộc hồ sơ khác ({t.folder.name}) với văn bản đầu"
                                    f" ({targets[0].folder.name}); mỗi lệnh chỉ ban hành (hoặc thu hồi) văn bản"
                                    " của một hồ sơ, để cả lô hoặc xong hết hoặc không đổi gì")
    return targets[0].folder


def _requests(inputs, day: dt.date) -> dict[str, Request]:
    """Every document of the folder that takes its number from the register, in the records'
    order (decisions and proposal in the award list's order, then the document records)."""
    from docgen.build import award_requests, document_requests

    out: dict[str, Request] = {}
    if inputs.plan is not None and not inputs.awards_draft:
        out.update((r.key, r) for r in award_requests(inputs.plan, inputs.awards, day))
    docs = [d for d in inputs.documents if d.from_register]
    out.update((r.key, r) for r in document_requests(inputs.name, docs, day))
    return out


def _key(target: Target, inputs) -> str | None:
    """The register key of a single-document target, or None when the records no longer hold it."""
    from docgen.build import _document_key

    if target.key is not None:
        return target.key
    return next((_document_key(inputs.name, d) for d in inputs.documents if d.id == target.doc_id), None)


def _not_numbered(target: Target, inputs) -> str:
    """Why a named document takes no number from the register (a message)."""
    if target.key is not None and inputs.awards_draft:
        return ("danh sách khen thưởng đang là dự thảo (awards.yaml: draft: true); hãy sửa thành draft: false"
                " rồi ban hành")
    if target.doc_id is not None and any(d.id == target.doc_id for d in inputs.documents):
        return ("văn bản này không lấy số trong sổ văn bản; muốn văn thư cấp số khi ban hành, hãy ghi"
                " number: register trong hồ sơ")
    return "văn bản không còn trong hồ sơ; hãy dựng lại (docgen build) rồi chỉ tệp mới"


def issue(paths: list[Path], day: dt.date, with_pdf: bool = False,
          progress: Callable[[int, int], None] | None = None, electronic: Electronic | None = None,
          when: dt.datetime | None = None, first: int | None = None) -> Outcome:
    """Issue the named drafts on `day`: the next numbers of the agency's book of that year (from
    `first` when the văn thư says where the office's book stands: `Numbering.continue_from`), in
    the order given (a folder: its documents in the records' order), recorded with the date,
    trích yếu, signer, Nơi nhận and file; the folder is rebuilt with them, in one transaction.
    A signed PDF (docgen sign) is issued electronically with `electronic`: its number and day
    filled in, then the agency's signature with the seal (docgen.issuing.signing), written beside
    it as <issued name>-ky-so.pdf; each attachment gets the agency's signature with the number
    (the first document's) and the signing time `when` (default now), as <name>-ky-so.pdf.
    Raises WorkspaceError or RecordError (located at the named document) when a document is
    already issued, takes no number or is not in the records, SigningError when a PDF cannot be
    signed, and what `build_path` raises; then nothing has changed."""
    from docgen.build import build_path

    targets = [resolve(p) for p in paths]
    folder = _one_folder(targets)
    outcome = Outcome()
    staged: list[tuple[Path, bytes]] = []
    if any(t.signed for t in targets) or (electronic and electronic.attachments):
        if electronic is None or electronic.agency is None:
            raise WorkspaceError.at(Location(targets[0].named), "ban hành văn bản điện tử cần chữ ký số của cơ quan:"
                                    " --agency CHỨNG_THƯ.p12 và --seal DẤU.png")

    def step(numbering: Numbering, inputs) -> None:
        requests = _requests(inputs, day)
        wanted: list[str] = []
        for target in targets:
            if target.whole_folder:
                pending = [k for k in requests if numbering.lookup(k) is None]
                if not pending:
                    raise RecordError.at(Location(target.named), "không có văn bản nào chờ ban hành: mọi văn bản"
                                         " lấy số trong sổ văn bản của hồ sơ này đã có số")
                wanted += [k for k in pending if k not in wanted]
                continue
            key = _key(target, inputs)
            if key is None or key not in requests:
                raise RecordError.at(Location(target.named), _not_numbered(target, inputs))
            live = numbering.lookup(key)
            if live is not None:
                raise RecordError.at(Location(target.named), f"đã ban hành: số {live.symbol} ngày"
                                     f" {_vn_date(live.date)}. Một số chỉ cấp một lần; muốn ban hành lại, hãy"
                                     " thu hồi trước (docgen withdraw TỆP --reason LÝ_DO)")
            if key not in wanted:
                wanted.append(key)
        _refuse_blank_citations(targets, wanted, inputs)
        _refuse_issue_date(inputs, wanted, day)
        _take_outside_numbers(numbering, inputs)
        _refuse_earlier_date(numbering, targets, [requests[k] for k in wanted], day)
        if first is not None:
            _continue_from(numbering, [requests[k] for k in wanted], first)
        outcome.entries = numbering.issue([requests[k] for k in wanted])
        staged.extend(_electronic(targets, inputs, outcome.entries, day, electronic, when))

    outcome.build = build_path(folder, progress=progress, with_pdf=with_pdf, register_step=step)
    _refresh(outcome, folder)
    outcome.signed = _write_signed(staged)
    return outcome


def _take_outside_numbers(numbering: Numbering, inputs) -> None:
    """Count as taken the numbers the folder's records hold outside the register: the plan's
    typed `number` (in the book of its agency and the year of its date), each year's report's
    (results/…/bao-cao.yaml) and every document record's typed number. An agency's numbers are
    one sequence per year (Nghị định 30/2020, Điều 15.1), so the register never gives one of them
    again: it skips them."""
    plan = inputs.plan
    if plan is not None and isinstance(plan.number, int) and plan.date.year:
        numbering.take_outside(plan.organisation.name, plan.header.abbreviation, plan.date.year, plan.number,
                               plan.type_abbr or "", plan.date.isoformat() if plan.date.is_complete else "")
    if plan is not None:
        from docgen.model.typed_numbers import report_numbers

        for t in report_numbers(plan, inputs.folder):
            numbering.take_outside(t.agency, t.abbr, t.year, t.number, "BC", "")
    for d in inputs.documents:
        if not d.from_register and isinstance(d.number, int) and d.date.year:
            numbering.take_outside(str(d.header.agency), d.header.abbreviation, d.date.year, d.number,
                                   d.type_abbr or "CV", d.date.isoformat() if d.date.is_complete else "")


def _continue_from(numbering: Numbering, requests: list[Request], first: int) -> None:
    """Start the one book of `requests` at `first` (`docgen issue --first-number`). Raises RecordError
    located at --first-number when the documents belong to several books (one number cannot start
    two) or when `first` is not after the book's last number (Numbering.continue_from)."""
    books = {(r.abbr, r.agency, r.year) for r in requests}
    if len({(a, agency_key(g), y) for a, g, y in books}) > 1:
        names = "; ".join(sorted(f"{g} ({a}) năm {y}" for a, g, y in books))
        raise RecordError.at(Location("--first-number"), "các văn bản đã chỉ thuộc nhiều sổ văn bản: " + names
                             + "; một số đầu chỉ dùng cho một sổ, hãy ban hành văn bản của từng sổ bằng một lệnh")
    abbr, agency, year = books.pop()
    try:
        numbering.continue_from(agency, abbr, year, first)
    except ValueError as err:
        raise RecordError.at(Location("--first-number"), str(err)) from None


def _refuse_earlier_date(numbering: Numbering, targets: list[Target], requests: list[Request], day: dt.date) -> None:
    """Refuse an issue date earlier than the date of the last number of the book (the agency's
    numbers of that year): numbers run in date order within the year (Nghị định 30/2020, Điều
    15.1: numbered in order from 01 on 1 January). Raises RecordError located at the first named
    document, naming that number and its date."""
    for req in requests:
        latest = numbering.latest(req.agency, req.abbr, req.year)
        if latest is None or not latest[1] or latest[1] <= day.isoformat():
            continue
        symbol, date = latest
        raise RecordError.at(Location(targets[0].named), (
            f"ngày ban hành {_vn_date(day.isoformat())} sớm hơn ngày của số cuối cùng đã cấp trong sổ văn bản năm"
            f" {req.year}: số {symbol} ngày {_vn_date(date)}. Số văn bản cấp theo thứ tự ngày trong năm; hãy ban"
            f" hành với --date từ {date} trở về sau"))


def _refuse_issue_date(inputs, wanted: list[str], day: dt.date) -> None:
    """Refuse an issue date the award documents among `wanted` may not carry, by the rules a date
    typed in awards.yaml keeps (docgen.model.award_dates.date_faults: not before the plan they
    cite, not after the issuer level's `until`). Raises RecordError located at --date."""
    if inputs.plan is None or not {d.key for d in inputs.awards} & set(wanted):
        return
    from docgen.model.award_dates import issue_problems
    from docgen.model.awards import issuer_level
    from docgen.records.awards import load_awards
    from docgen.records.law import Law
    from docgen.workspace import Workspace

    law = Law(Workspace.of_plan(inputs.folder).law_dir())
    awards = load_awards(inputs.folder, law.forms)
    level_key, _ = issuer_level(awards, law, inputs.plan.organisation.head.title, inputs.plan.organisation.name)
    problems = issue_problems(inputs.plan, level_key, law, day)
    if problems:
        raise RecordError(problems)


def _refuse_blank_citations(targets: list[Target], wanted: list[str], inputs) -> None:
    """Refuse to issue award documents that cite the plan while its number is still blank: a căn
    cứ names the document it rests on by its number and symbol, and once signed and issued the
    blank could never be filled. Raises RecordError located at the named document (or folder)
    saying to issue the plan first and write its number in plan.yaml."""
    from docgen.errors import display_path
    from docgen.model.citation import Citation

    docs = {d.key: d for d in inputs.awards}
    blank = [docs[k] for k in wanted if k in docs
             and any(isinstance(b, Citation) and not b.numbered for b in docs[k].bases)]
    if not blank:
        return
    cited = next(b for b in blank[0].bases if isinstance(b, Citation))
    symbol = cited.symbol.strip()
    day = f" ngày {_vn_date(cited.date.isoformat())}" if cited.date.is_complete else ""
    named = next(t for t in targets if t.whole_folder or t.key in {d.key for d in blank})
    what, them = ("văn bản này", "văn bản này") if not named.whole_folder else \
        (f"{len(blank)} văn bản ({', '.join(Path(d.file_name).name for d in blank)})", "chúng")
    record = display_path(inputs.folder / "plan.yaml")
    raise RecordError.at(Location(named.named), (
        f"{what} căn cứ {cited.type_name} số …{symbol}{day}, mà kế hoạch chưa có số ({record}: number để trống):"
        " văn bản ban hành không được để trống số của văn bản nó căn cứ. Hãy ban hành kế hoạch trước, ghi số"
        f" của nó vào {record} (number: SỐ) và dựng lại, rồi ban hành {them}"))


def _electronic(targets: list[Target], inputs, entries: list[Entry], day: dt.date, electronic: Electronic | None,
                when: dt.datetime | None) -> list[tuple[Path, bytes]]:
    """The signed files of an electronic issue, made in memory (nothing written before the build
    commits): each signed draft filled and sealed, each attachment sealed."""
    import tempfile

    from docgen.issuing import signing

    if electronic is None:
        return []
    by_key = {e.key: e for e in entries}
    out: list[tuple[Path, bytes]] = []
    with tempfile.TemporaryDirectory(prefix="docgen-ky-") as tmp:
        for target in targets:
            if target.signed is None:
                continue
            entry = by_key[_key(target, inputs)]
            if electronic.seal is None:
                raise WorkspaceError.at(Location("--seal"), "cần hình dấu của cơ quan (.png nền trong suốt)")
            made = Path(tmp) / f"{len(out)}.pdf"
            signing.fill_and_seal(target.signed, made, f"{entry.number:02d}", day, electronic.agency, electronic.seal)
            name = _issued_stem(target, inputs, entry.number) + "-ky-so.pdf"
            out.append((target.signed.parent / name, made.read_bytes()))
        if electronic.attachments:
            if not entries:
                raise WorkspaceError.at(Location("--attachment"), "văn bản kèm theo cần số của văn bản được ban hành")
            symbol = entries[0].symbol
            for attachment in electronic.attachments:
                made = Path(tmp) / f"{len(out)}.pdf"
                signing.seal_attachment(attachment, made, symbol, electronic.agency, when)
                out.append((attachment.with_name(attachment.stem + "-ky-so.pdf"), made.read_bytes()))
    return out


def _issued_stem(target: Target, inputs, number: int) -> str:
    """The issued document's file name without .docx: "01-giay-khen", or the record's name."""
    from dataclasses import replace

    if target.key is not None:
        doc = next(d for d in inputs.awards if d.key == target.key)
        return Path(replace(doc, number=number).file_name).stem
    return target.doc_id or f"{number:02d}"


def _write_signed(staged: list[tuple[Path, bytes]]) -> list[Path]:
    from docgen.issuing.signing import _write

    for path, data in staged:
        _write(path, data)
    return [path for path, _ in staged]


def withdraw(paths: list[Path], reason: str, progress: Callable[[int, int], None] | None = None) -> Outcome:
    """Withdraw (thu hồi) issued documents: each number voided in the register with `reason`,
    never given again; the folder is rebuilt with them as drafts, in one transaction.
    Raises WorkspaceError or RecordError (located at the named document) when one is not issued,
    a folder is named or the reason is blank; then nothing has changed."""
    from docgen.build import build_path

    if not reason.strip():
        raise WorkspaceError.at(Location("--reason"), "hãy ghi lý do thu hồi (sổ văn bản ghi lý do bên số bị hủy)")
    targets = [resolve(p) for p in paths]
    for target in targets:
        if target.whole_folder:
            raise WorkspaceError.at(Location(target.named), "là một thư mục; hãy chỉ từng văn bản cần thu hồi"
                                    " (tệp .docx đã ban hành hoặc tệp hồ sơ .yaml)")
    folder = _one_folder(targets)
    outcome = Outcome()

    def step(numbering: Numbering, inputs) -> None:
        for target in targets:
            key = _key(target, inputs)
            if key is None or numbering.lookup(key) is None:
                raise RecordError.at(Location(target.named), "văn bản chưa ban hành (chưa có số trong sổ văn"
                                     " bản): không có gì để thu hồi")
            outcome.entries.append(numbering.withdraw(key, " ".join(reason.split())))

    outcome.build = build_path(folder, progress=progress, register_step=step)
    return outcome


def _refresh(outcome: Outcome, folder: Path) -> None:
    """The issued entries as committed (with the file and the trích yếu read back from the page)."""
    from docgen.workspace import Workspace

    keys = {e.key for e in outcome.entries}
    live = {e.key: e for e in Register.of_workspace(Workspace.of_plan(folder).root).entries()
            if e.void is None and e.key in keys}
    outcome.entries = [live.get(e.key, e) for e in outcome.entries]

