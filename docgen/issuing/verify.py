"""Verify the signatures of an issued PDF: who signed and when, whether the certificate is valid
against the trust roots the user gives, whether the file changed after signing beyond what each
signature allowed, and whether each signature's appearance sits where Nghị định 30/2020 puts it
(Phụ lục I §II.7d: the signer's image between title and name; §II.8a: the seal over the left third
of it; §II.8b: an attachment's agency signature at the top right of page 1)."""

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from docgen.errors import Location, OutputError
from docgen.issuing.layout import Box, read_layout
from docgen.issuing.signing import AGENCY_FIELD, SIGNER_FIELD, VIETNAM, _field_box

PLACEMENT_SLACK = 2.0  # points a box may stray from where docgen computes it


@dataclass(frozen=True)
class SignatureReport:
    """One signature of the file, judged; each `*_ok` False says what is wrong in its text."""

    index: int  # from 1, in the order of the file
    field: str
    signer: str  # the certificate's common name
    signed_at: dt.datetime | None  # as the signer reported it, in Vietnam time
    intact: bool  # the signed bytes are unchanged and the signature is cryptographically valid
    trusted: bool  # the certificate chains to a trust root and was valid
    certificate: str  # what was found about the certificate
    changes_ok: bool  # nothing changed after signing beyond what the signature allowed
    changes: str
    placement_ok: bool | None  # None: not a field docgen places
    placement: str

    @property
    def ok(self) -> bool:
        return self.intact and self.trusted and self.changes_ok and self.placement_ok is not False

    def lines(self) -> list[str]:
        when = self.signed_at.isoformat() if self.signed_at else "không rõ thời gian"
        return [f"Chữ ký {self.index} ({self.field}): {self.signer}, ký lúc {when}",
                "  - chữ ký: " + ("hợp lệ, nội dung đã ký còn nguyên" if self.intact else
                                  "KHÔNG HỢP LỆ: nội dung đã ký bị thay đổi hoặc chữ ký hỏng"),
                f"  - chứng thư: {self.certificate}",
                f"  - thay đổi sau khi ký: {self.changes}",
                f"  - vị trí: {self.placement}"]


_TRUST = {
    "EXPIRED": "chứng thư đã hết hạn", "OUT_OF_BOUNDS_NO_POE": "chứng thư đã hết hạn khi ký",
    "OUT_OF_BOUNDS_NOT_REVOKED": "chứng thư đã hết hạn", "NOT_YET_VALID": "chứng thư chưa có hiệu lực",
    "NO_CERTIFICATE_CHAIN_FOUND": "chứng thư không do tổ chức chứng thực tin cậy cấp (không nối được tới gốc"
                                  " tin cậy đã chỉ)",
    "REVOKED": "chứng thư đã bị thu hồi", "REVOKED_NO_POE": "chứng thư đã bị thu hồi",
}


def load_roots(paths: list[Path]) -> list:
    """The trust roots (PEM or DER certificates); raises OutputError naming a file that is not one."""
    from asn1crypto import pem, x509

    roots = []
    for path in paths:
        try:
            data = path.read_bytes()
            if pem.detect(data):
                roots += [x509.Certificate.load(der) for _, _, der in pem.unarmor(data, multiple=True)]
            else:
                roots.append(x509.Certificate.load(data))
            roots[-1].native  # noqa: B018 (parse it now, so a bad file is named here)
        except (OSError, ValueError, TypeError, IndexError):
            raise OutputError.at(Location(path), "không đọc được chứng thư gốc (cần tệp .pem hoặc .cer)") from None
    return roots


def verify(pdf: Path, roots: list[Path], at: dt.datetime | None = None) -> list[SignatureReport]:
    """Judge every signature of `pdf` against the trust `roots`, at time `at` (default now).
    Raises OutputError when the file is not a readable PDF or holds no signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    if not pdf.is_file():
        raise OutputError.at(Location(pdf), "không tìm thấy tệp")
    try:
        data = pdf.read_bytes()
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = list(reader.embedded_signatures)
    except Exception:  # noqa: BLE001 (pyHanko raises many kinds on a broken file)
        raise OutputError.at(Location(pdf), "không đọc được PDF (tệp hỏng hoặc không phải PDF)") from None
    if not signatures:
        raise OutputError.at(Location(pdf), "tệp không có chữ ký số nào")
    context = dict(trust_roots=load_roots(roots), allow_fetching=False, revocation_mode="soft-fail")
    if at is not None:
        context["moment"] = at
    layout = read_layout(pdf)
    boxes = {name: _field_box(reader, name) for name in (SIGNER_FIELD, AGENCY_FIELD)}
    reports = []
    for index, sig in enumerate(signatures, start=1):
        try:
            status = validate_pdf_signature(sig, ValidationContext(**context))
        except Exception as err:  # noqa: BLE001
            reports.append(SignatureReport(index, sig.field_name, "?", None, False, False,
                                           f"không kiểm tra được: {err}", False, "không kiểm tra được", False,
                                           "không kiểm tra được"))
            continue
        cert = status.signing_cert
        signer = cert.subject.native.get("common_name", cert.subject.human_friendly)
        reported = status.signer_reported_dt
        signed_at = reported.astimezone(VIETNAM) if reported else None
        intact = bool(status.intact and status.valid)
        if status.trusted:
            certificate = "hợp lệ, do tổ chức chứng thực tin cậy cấp"
        else:
            problem = status.trust_problem_indic
            certificate = _TRUST.get(problem.name if problem else "", "không xác thực được chứng thư"
                                     + (f" ({problem.name})" if problem else ""))
        changes_ok, changes = _changes(status)
        placement_ok, placement = _placement(sig.field_name, boxes, layout)
        reports.append(SignatureReport(index, sig.field_name, signer, signed_at, intact, bool(status.trusted),
                                       certificate, changes_ok, changes, placement_ok, placement))
    return reports


def _changes(status) -> tuple[bool, str]:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True, "không có"
    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and status.docmdp_ok and level is not None \
            and level <= ModificationLevel.FORM_FILLING:
        return True, "chỉ điền biểu mẫu (số, ngày) và thêm chữ ký: được phép"
    return False, "CÓ THAY ĐỔI KHÔNG ĐƯỢC PHÉP sau khi ký (thêm, sửa hay xóa nội dung, trang)"


def _placement(field: str, boxes: dict[str, Box | None], layout) -> tuple[bool | None, str]:
    box = boxes.get(field)
    if box is None:
        return None, "không phải ô chữ ký docgen đặt: không kiểm tra"
    signer = boxes.get(SIGNER_FIELD)
    if field == SIGNER_FIELD:
        cell = layout.cell
        if cell is None:
            return False, "không tìm thấy ô chữ ký (giữa chức vụ và họ tên người ký) để đối chiếu"
        centred = abs((box.x0 + box.x1) / 2 - (cell.x0 + cell.x1) / 2) <= PLACEMENT_SLACK
        between = box.page == cell.page and box.y0 >= cell.y0 - PLACEMENT_SLACK and box.y1 <= cell.y1 + PLACEMENT_SLACK
        if centred and between:
            return True, "đúng Nghị định 30 (giữa chức vụ và họ tên người ký, canh giữa)"
        return False, "SAI: hình chữ ký không nằm giữa chức vụ và họ tên người ký (Phụ lục I §II.7d)"
    if field == AGENCY_FIELD and signer is not None:
        third = signer.x0 + signer.width / 3
        covers = (box.page == signer.page and signer.x0 < box.x1 <= third + PLACEMENT_SLACK
                  and box.y0 < signer.y1 and box.y1 > signer.y0)
        if covers:
            return True, "đúng Nghị định 30 (dấu trùm khoảng 1/3 hình chữ ký về bên trái)"
        return False, "SAI: hình dấu không trùm 1/3 bên trái hình chữ ký (Phụ lục I §II.8a)"
    width, height = layout.pages[box.page] if box.page < len(layout.pages) else (0, 0)
    if box.page == 0 and box.x1 >= width * 0.6 and box.y0 >= height * 0.8:
        return True, "đúng Nghị định 30 (văn bản kèm theo: góc trên, bên phải trang đầu)"
    return False, "SAI: chữ ký số của cơ quan trên văn bản kèm theo phải ở góc trên, bên phải trang đầu" \
                  " (Phụ lục I §II.8b)"
