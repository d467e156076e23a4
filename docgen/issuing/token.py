"""A signer held on a PKCS#11 token (the USB ký số a certification provider hands out, or an HSM),
for `docgen sign --signer` and the agency's signature at `docgen issue --agency`.

The user names the token with a PKCS#11 URI (RFC 7512), the form p11tool and OpenSSL print:

    pkcs11:token=Nguyen%20Van%20A;object=ky-so?module-path=/usr/lib/softhsm/libsofthsm2.so

- `module-path` (required): the token's PKCS#11 library (.so/.dll) its vendor installs;
- `token` and/or `serial`: which token (may be left out when one token is present);
- `object` and/or `id`: the private key and its certificate, same label/ID as PKCS#11 tools pair
  them (may be left out when the token holds one signing key).

The PIN never appears in the URI, records or output: it comes from an environment variable or a
prompt (`pin_for`), is given to the token and kept nowhere. The key never leaves the token:
pyHanko's PKCS11Signer (over python-pkcs11) asks the token to sign.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from docgen.errors import Location, WorkspaceError
from docgen.issuing.signing import SigningError

SCHEME = "pkcs11:"
EXAMPLE = "pkcs11:token=TÊN_THẺ;object=TÊN_KHÓA?module-path=/usr/lib/softhsm/libsofthsm2.so"
# Attributes that only describe the token or its library (p11tool prints them): read, not needed.
_DESCRIPTIVE = {"manufacturer", "model", "library-manufacturer", "library-description", "library-version",
                "slot-description", "slot-manufacturer", "type"}


def is_token_uri(text: str) -> bool:
    """True when `text` names a PKCS#11 token (an RFC 7512 URI) rather than a PKCS#12 file."""
    return text[:len(SCHEME)].lower() == SCHEME


@dataclass(frozen=True)
class TokenSpec:
    """What a PKCS#11 URI names: the library, the token (label, serial), the key (label, ID)."""

    module: Path
    token: str | None = None
    serial: str | None = None
    label: str | None = None
    key_id: bytes | None = None

    @property
    def name(self) -> str:
        """The token as messages name it."""
        return f"'{self.token}'" if self.token else f"số sê-ri {self.serial}" if self.serial else ""


def parse_uri(uri: str, where: str) -> TokenSpec:
    """The TokenSpec of the PKCS#11 URI `uri` (RFC 7512: ';' between path attributes, '&' between
    query attributes, %XX escapes). Raises WorkspaceError located at the option `where` when it
    holds a PIN, lacks module-path, or has an attribute docgen does not know."""
    body = uri[len(SCHEME):]
    path, _, query = body.partition("?")
    attrs: dict[str, str] = {}
    raw: dict[str, str] = {}
    for part, sep in ((path, ";"), (query, "&")):
        for item in filter(None, part.split(sep)):
            key, eq, value = item.partition("=")
            key = key.strip().lower()
            if not eq:
                raise WorkspaceError.at(Location(where), f"'{item}' trong địa chỉ thẻ ký số thiếu dấu '=';"
                                        f" viết dạng {EXAMPLE}")
            attrs[key], raw[key] = unquote(value), value
    if "pin-value" in attrs or "pin-source" in attrs:
        raise WorkspaceError.at(Location(where), "không ghi mã PIN vào địa chỉ thẻ ký số (lộ trong lệnh và lịch"
                                " sử lệnh); bỏ pin-value/pin-source: docgen hỏi mã PIN, hoặc đọc từ biến môi"
                                " trường (--password-env)")
    known = {"module-path", "token", "serial", "object", "id"} | _DESCRIPTIVE
    unknown = sorted(set(attrs) - known)
    if unknown:
        raise WorkspaceError.at(Location(where), "địa chỉ thẻ ký số có thuộc tính docgen không dùng:"
                                f" {', '.join(unknown)}; dùng module-path, token, serial, object, id")
    if not attrs.get("module-path"):
        raise WorkspaceError.at(Location(where), "địa chỉ thẻ ký số thiếu module-path (thư viện PKCS#11 đi kèm"
                                f" thẻ, tệp .so/.dll); viết dạng {EXAMPLE}")
    return TokenSpec(Path(attrs["module-path"]), attrs.get("token") or None, attrs.get("serial") or None,
                     attrs.get("object") or None, unquote_to_bytes(raw["id"]) if raw.get("id") else None)


def pin_for(spec: TokenSpec, where: str, env: str, prompt: Callable[[str], str] | None) -> str:
    """The token's PIN: the environment variable `env` when set (even empty), else what
    `prompt(text)` returns (the CLI asks without echo). Never stored, never shown."""
    import os

    if env in os.environ:
        return os.environ[env]
    if prompt is None:
        raise WorkspaceError.at(Location(where), f"cần mã PIN của thẻ ký số: đặt biến môi trường {env}")
    return prompt(f"Mã PIN của thẻ ký số {spec.name}".rstrip())


def _serial(token) -> str:
    serial = token.serial
    return (serial.decode("ascii", "replace") if isinstance(serial, bytes) else str(serial)).strip()


def _labels(session, cls) -> list[str]:
    from pkcs11 import Attribute

    return sorted({str(o[Attribute.LABEL]) for o in session.get_objects({Attribute.CLASS: cls})})


def open_signer(spec: TokenSpec, pin: str, where: str):
    """pyHanko's PKCS11Signer for the key `spec` names, in a session logged in with `pin`, and the
    function that closes the session (call it once signing is done: the token logs out).
    The key and certificate are looked up now, so that every problem is said before any work.
    Raises SigningError located at `where` with one Vietnamese line when the library is missing
    or cannot be loaded, the token is absent, the PIN is wrong or locked, or the key or its
    certificate is not on the token."""
    import pkcs11
    from pkcs11 import Attribute, ObjectClass
    from pyhanko.sign.pkcs11 import PKCS11Signer

    def fail(message: str):
        return SigningError.at(Location(where), message)

    if not spec.module.is_file():
        raise fail(f"không tìm thấy thư viện PKCS#11 của thẻ ký số: {spec.module} (module-path); hãy cài phần"
                   " mềm đi kèm thẻ và chỉ đúng tệp .so/.dll của nó")
    try:
        lib = pkcs11.lib(str(spec.module))
        tokens = [t for t in (slot.get_token() for slot in lib.get_slots(token_present=True))
                  if t.flags & pkcs11.TokenFlag.TOKEN_INITIALIZED]
    except (pkcs11.PKCS11Error, OSError, RuntimeError):
        raise fail(f"không nạp được thư viện PKCS#11 {spec.module} (module-path): tệp không phải thư viện"
                   " PKCS#11 hoặc hỏng; hãy chỉ tệp .so/.dll phần mềm của thẻ cài vào máy") from None
    found = [t for t in tokens if (spec.token is None or t.label == spec.token)
             and (spec.serial is None or _serial(t) == spec.serial)]
    present = ", ".join(sorted(f"'{t.label}'" for t in tokens)) or "không có thẻ nào"
    if len(found) != 1:
        which = f"thẻ ký số {spec.name}" if spec.token or spec.serial else "thẻ ký số nào"
        if found:
            raise fail(f"có {len(found)} thẻ ký số cắm vào máy ({present}); hãy ghi tên thẻ: token=TÊN_THẺ")
        raise fail(f"không thấy {which} qua thư viện {spec.module}; hãy cắm thẻ, hoặc sửa tên thẻ (token=…)"
                   f" cho đúng (đang có: {present})")
    token = found[0]
    try:
        session = token.open(user_pin=pin)
    except (pkcs11.PinIncorrect, pkcs11.PinInvalid, pkcs11.PinLenRange):
        raise fail(f"sai mã PIN của thẻ ký số '{token.label}'; nhập sai nhiều lần thẻ sẽ bị khóa") from None
    except pkcs11.PinLocked:
        raise fail(f"thẻ ký số '{token.label}' đã bị khóa vì nhập sai mã PIN nhiều lần; hãy nhờ tổ chức cấp thẻ"
                   " mở khóa") from None
    except pkcs11.PKCS11Error as err:
        raise fail(f"không mở được thẻ ký số '{token.label}' ({type(err).__name__})") from None
    try:
        label, key_id = spec.label, spec.key_id
        if label is None and key_id is None:
            keys = list(session.get_objects({Attribute.CLASS: ObjectClass.PRIVATE_KEY, Attribute.SIGN: True}))
            if len(keys) != 1:
                raise fail(f"thẻ ký số '{token.label}' có {len(keys)} khóa ký"
                           f" ({', '.join(_labels(session, ObjectClass.PRIVATE_KEY)) or 'không có'}); hãy ghi tên"
                           " khóa: object=TÊN_KHÓA")
            key_id = bytes(keys[0][Attribute.ID])
        signer = PKCS11Signer(session, key_label=label, cert_label=label, key_id=key_id, cert_id=key_id,
                              other_certs_to_pull=None)
        try:
            signer.signing_cert  # noqa: B018 (looked up now: a missing key is said before any work)
        except pkcs11.PKCS11Error:
            what = f"tên '{label}'" if label else f"mã id {key_id.hex()}"
            keys = ", ".join(f"'{k}'" for k in _labels(session, ObjectClass.PRIVATE_KEY)) or "không có"
            raise fail(f"thẻ ký số '{token.label}' không có khóa ký và chứng thư số {what} (object=…);"
                       f" khóa trên thẻ: {keys}") from None
        # ECDSA: the token signs the digest pyHanko computes (CKM_ECDSA); tokens and SoftHSM2
        # often lack the hash-and-sign mechanisms (CKM_ECDSA_SHA256). RSA keeps CKM_SHA256_RSA_PKCS.
        signer.use_raw_mechanism = signer.signing_cert.public_key.algorithm == "ec"
    except BaseException:
        session.close()
        raise
    return signer, session.close
