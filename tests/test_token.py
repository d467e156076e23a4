"""Signing with PKCS#11 tokens (the USB ký số of a certification provider), for real: SoftHSM2
holds two tokens made here, the competent person's and the agency's, each with a key and
certificate of the test CA (tests/signing_ca.py) imported with softhsm2-util and python-pkcs11.
The whole chain runs with them (sign → issue with the seal → verify, pdfsig); a wrong PIN, a
missing token and a missing library each give one Vietnamese line; the PIN is written nowhere.

Skipped, saying why, only when SoftHSM2 is not installed and DOCGEN_REQUIRE_SOFTHSM is unset
(.ci/run sets it: there a missing SoftHSM2 fails)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, _need, run
from signing_ca import PASSWORD, make_ca, seal_png, signature_png, two_valid_signatures

PLAN = "ninh-binh-2021"
DRAFT = f"build/{PLAN}/quyet-dinh/du-thao-giay-khen.docx"
OTHER = f"build/{PLAN}/quyet-dinh/du-thao-lao-dong-tien-tien.docx"  # still a draft after the chain test
MODULES = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
           "/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so", "/usr/local/lib/softhsm/libsofthsm2.so")
SIGNER_PIN = "PIN-nguoi-ky-4821"
AGENCY_PIN = "PIN-co-quan-7390"
SIGNER_TOKEN, AGENCY_TOKEN = "docgen-nguoi-ky", "docgen-co-quan"


def _module() -> str:
    found = next((m for m in MODULES if Path(m).is_file()), None)
    if not shutil.which("softhsm2-util") or found is None:
        message = "không có SoftHSM2 để kiểm thử ký bằng thẻ PKCS#11 (apt-get install softhsm2)"
        if os.environ.get("DOCGEN_REQUIRE_SOFTHSM"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _import(token: str, pin: str, p12: Path, label: str, tmp: Path, env: dict) -> None:
    """The key of `p12` into `token` with softhsm2-util (as PKCS#8, the file removed at once), and
    its certificate and the CA's beside it with python-pkcs11 (softhsm2-util 2.6 imports keys only)."""
    import pkcs11
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pkcs11 import Attribute, CertificateType, ObjectClass

    key, cert, chain = pkcs12.load_key_and_certificates(p12.read_bytes(), PASSWORD.encode())
    pem = tmp / f"{label}.pem"
    pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                      serialization.NoEncryption()))
    try:
        subprocess.run(["softhsm2-util", "--import", pem, "--token", token, "--label", label, "--id", "01",
                        "--pin", pin], check=True, capture_output=True, env=env, timeout=60)
    finally:
        pem.unlink()
    session = pkcs11.lib(_module()).get_token(token_label=token).open(rw=True, user_pin=pin)
    with session:
        for name, ident, c in ((label, b"\x01", cert), ("ca-thu", b"\x02", chain[0])):
            session.create_object({Attribute.CLASS: ObjectClass.CERTIFICATE,
                                   Attribute.CERTIFICATE_TYPE: CertificateType.X_509, Attribute.TOKEN: True,
                                   Attribute.LABEL: name, Attribute.ID: ident,
                                   Attribute.SUBJECT: c.subject.public_bytes(),
                                   Attribute.VALUE: c.public_bytes(serialization.Encoding.DER)})


@pytest.fixture(scope="module")
def tokens(tmp_path_factory):
    """Two SoftHSM2 tokens, the competent person's (an EC key 'ky-so') and the agency's (one RSA key), their
    URIs, the CA, the images, and a workspace with the example built."""
    module = _module()
    _need("soffice", "pdftotext", "pdftoppm")
    base = tmp_path_factory.mktemp("the")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    mp = pytest.MonkeyPatch()
    mp.setenv("SOFTHSM2_CONF", str(conf))
    env = dict(os.environ)
    for label, pin in ((SIGNER_TOKEN, SIGNER_PIN), (AGENCY_TOKEN, AGENCY_PIN)):
        subprocess.run(["softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin",
                        "so-" + pin], check=True, capture_output=True, env=env, timeout=60)
    keys = base / "khoa"
    ca = make_ca(keys)
    _import(SIGNER_TOKEN, SIGNER_PIN, ca.person("nguoi-ky.p12", "Lâm Xuân Phương"), "ky-so", base, env)
    _import(AGENCY_TOKEN, AGENCY_PIN, ca.person("co-quan.p12", "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình",
                                                rsa_bits=2048),
            "dau-co-quan", base, env)
    root = base / "ws"
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    mp.chdir(root)
    assert run("build", f"plans/{PLAN}").exit_code == 0
    yield {"root": root, "ca": ca, "module": module,
           "signer": f"pkcs11:token={SIGNER_TOKEN};object=ky-so?module-path={module}",
           # The agency's token holds one key: the URI needs no object.
           "agency": f"pkcs11:token={AGENCY_TOKEN}?module-path={module}",
           "signature": signature_png(keys / "chu-ky.png"), "seal": seal_png(keys / "dau.png")}
    mp.undo()


def test_a_decision_signed_and_issued_with_tokens_verifies(tokens, monkeypatch):
    root = tokens["root"]
    monkeypatch.setenv("DOCGEN_PASSWORD", SIGNER_PIN)
    signed = run("sign", DRAFT, "--signer", tokens["signer"], "--image", tokens["signature"])
    assert (signed.exit_code, signed.output) == (0, f"Đã ký: build/{PLAN}/quyet-dinh/du-thao-giay-khen-da-ky.pdf\n")
    # The agency's PIN from a variable of its own (--password-env).
    monkeypatch.delenv("DOCGEN_PASSWORD")
    monkeypatch.setenv("DOCGEN_PIN_CO_QUAN", AGENCY_PIN)
    issued = run("issue", f"build/{PLAN}/quyet-dinh/du-thao-giay-khen-da-ky.pdf", "--date", "2021-12-20",
                 "--agency", tokens["agency"], "--seal", tokens["seal"], "--password-env", "DOCGEN_PIN_CO_QUAN")
    assert issued.exit_code == 0, issued.output
    final = root / f"build/{PLAN}/quyet-dinh/01-giay-khen-ky-so.pdf"
    assert issued.output.splitlines()[1] == f"Đã ký số của cơ quan: build/{PLAN}/quyet-dinh/01-giay-khen-ky-so.pdf"
    result = run("verify", final, "--trust", tokens["ca"].root_pem)
    assert result.exit_code == 0, result.output
    two_valid_signatures(result.output, "Lâm Xuân Phương", "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình")
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", final], capture_output=True, timeout=60).stdout.decode()
        assert out.count("Signature Validation: Signature is Valid.") == 2
    # The PINs are written nowhere: not in the files, not in what was printed.
    for text in (signed.output, signed.stderr, issued.output, issued.stderr, result.output):
        assert SIGNER_PIN not in text and AGENCY_PIN not in text
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert SIGNER_PIN.encode() not in data and AGENCY_PIN.encode() not in data, path


def test_a_wrong_pin_is_one_vietnamese_line(tokens, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_PASSWORD", "0000-sai")
    result = run("sign", OTHER, "--signer", tokens["signer"], "--image", tokens["signature"],
                 "--out", tmp_path / "x.pdf")
    assert (result.exit_code, result.stdout, result.stderr) == (
        1, "", f"--signer: sai mã PIN của thẻ ký số '{SIGNER_TOKEN}'; nhập sai nhiều lần thẻ sẽ bị khóa\n")
    assert not (tmp_path / "x.pdf").exists()
    # The right PIN still opens it afterwards (the failed command left no session behind).
    monkeypatch.setenv("DOCGEN_PASSWORD", SIGNER_PIN)
    result = run("sign", OTHER, "--signer", tokens["signer"], "--image", tokens["signature"],
                 "--out", tmp_path / "x.pdf")
    assert result.exit_code == 0, result.output


def test_a_missing_token_is_one_vietnamese_line(tokens, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_PASSWORD", SIGNER_PIN)
    module = tokens["module"]
    result = run("sign", OTHER, "--signer", f"pkcs11:token=the-khong-co;object=ky-so?module-path={module}",
                 "--image", tokens["signature"], "--out", tmp_path / "x.pdf")
    assert (result.exit_code, result.stderr) == (
        1, f"--signer: không thấy thẻ ký số 'the-khong-co' qua thư viện {module}; hãy cắm thẻ, hoặc sửa tên thẻ"
           f" (token=…) cho đúng (đang có: '{AGENCY_TOKEN}', '{SIGNER_TOKEN}')\n")
    result = run("sign", OTHER, "--signer", f"pkcs11:token={SIGNER_TOKEN};object=khoa-khac?module-path={module}",
                 "--image", tokens["signature"], "--out", tmp_path / "x.pdf")
    assert (result.exit_code, result.stderr) == (
        1, f"--signer: thẻ ký số '{SIGNER_TOKEN}' không có khóa ký và chứng thư số tên 'khoa-khac' (object=…);"
           " khóa trên thẻ: 'ky-so'\n")
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_library_is_one_vietnamese_line(tokens, monkeypatch, tmp_path):
    monkeypatch.setenv("DOCGEN_PIN_CO_QUAN", AGENCY_PIN)
    result = run("issue", OTHER, "--date", "2021-12-20", "--agency",
                 f"pkcs11:token={AGENCY_TOKEN}?module-path=/khong/co/libthe.so", "--seal", tokens["seal"],
                 "--password-env", "DOCGEN_PIN_CO_QUAN")
    assert (result.exit_code, result.stderr) == (
        1, "--agency: không tìm thấy thư viện PKCS#11 của thẻ ký số: /khong/co/libthe.so (module-path); hãy cài"
           " phần mềm đi kèm thẻ và chỉ đúng tệp .so/.dll của nó\n")


def test_a_pin_in_the_uri_is_refused(tmp_path, monkeypatch):
    draft = tmp_path / "du-thao.pdf"
    draft.write_bytes(b"%PDF-1.7\n")
    result = run("sign", draft, "--signer", "pkcs11:token=a;object=b?module-path=/x.so&pin-value=1234",
                 "--image", tmp_path / "a.png")
    assert (result.exit_code, result.stderr) == (
        1, "--signer: không ghi mã PIN vào địa chỉ thẻ ký số (lộ trong lệnh và lịch sử lệnh); bỏ"
           " pin-value/pin-source: docgen hỏi mã PIN, hoặc đọc từ biến môi trường (--password-env)\n")
    # No PIN in the environment and no terminal to ask on: said, nothing tried on the token.
    monkeypatch.delenv("DOCGEN_PASSWORD", raising=False)
    result = run("sign", draft, "--signer", "pkcs11:token=a;object=b?module-path=/x.so", "--image", tmp_path / "a.png")
    assert (result.exit_code, result.stderr) == (
        1, "--signer: cần mã PIN của thẻ ký số: đặt biến môi trường DOCGEN_PASSWORD\n")
    result = run("sign", draft, "--signer", "pkcs11:token=a;object=b", "--image", tmp_path / "a.png")
    assert (result.exit_code, result.stderr) == (
        1, "--signer: địa chỉ thẻ ký số thiếu module-path (thư viện PKCS#11 đi kèm thẻ, tệp .so/.dll); viết dạng"
           " pkcs11:token=TÊN_THẺ;object=TÊN_KHÓA?module-path=/usr/lib/softhsm/libsofthsm2.so\n")


def test_the_uri_is_read_as_rfc_7512_writes_it_and_the_pin_is_asked_naming_the_token(monkeypatch):
    from docgen.issuing.token import TokenSpec, parse_uri, pin_for

    spec = parse_uri("pkcs11:model=SoftHSM%20v2;token=Nguyen%20Van%20A;id=%01%a2;type=private"
                     "?module-path=C:\\Windows\\System32\\the.dll", "--signer")
    assert spec == TokenSpec(Path("C:\\Windows\\System32\\the.dll"), "Nguyen Van A", None, None, b"\x01\xa2")
    monkeypatch.delenv("DOCGEN_PASSWORD", raising=False)
    asked = []
    assert pin_for(spec, "--signer", "DOCGEN_PASSWORD", lambda text: asked.append(text) or "1234") == "1234"
    assert asked == ["Mã PIN của thẻ ký số 'Nguyen Van A'"]
    monkeypatch.setenv("DOCGEN_PASSWORD", "")
    assert pin_for(spec, "--signer", "DOCGEN_PASSWORD", None) == ""  # set, even empty: not asked
