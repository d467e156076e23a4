"""A test certification authority made in the test (cryptography), and the two images of Decree
30's electronic signatures (PIL): nothing here is a real key or a real seal."""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "mat-khau-thu"
NOW = dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class TestCA:
    root_pem: Path
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    folder: Path

    def person(self, file: str, name: str, org: str = "Sở Lao động - Thương binh và Xã hội tỉnh Ninh Bình",
               expired: bool = False, rsa_bits: int | None = None) -> Path:
        """A PKCS#12 file for `name`, issued by this CA, protected by PASSWORD; an EC P-256 key,
        or RSA of `rsa_bits` (as the USB tokens of Vietnam's certification providers hold)."""
        key = rsa.generate_private_key(65537, rsa_bits) if rsa_bits else ec.generate_private_key(ec.SECP256R1())
        start, end = (NOW - dt.timedelta(days=400), NOW - dt.timedelta(days=30)) if expired else \
            (NOW - dt.timedelta(days=1), NOW + dt.timedelta(days=365))
        subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
                             x509.NameAttribute(NameOID.COMMON_NAME, name)])
        cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(self.cert.subject)
                .public_key(key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(start).not_valid_after(end)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                             key_encipherment=False, data_encipherment=False, key_agreement=False,
                                             key_cert_sign=False, crl_sign=False, encipher_only=False,
                                             decipher_only=False), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()),
                               critical=False)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .sign(self.key, hashes.SHA256()))
        path = self.folder / file
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            name.encode(), key, cert, [self.cert],
            serialization.BestAvailableEncryption(PASSWORD.encode())))
        return path


def make_ca(folder: Path, name: str = "CA thử nghiệm docgen") -> TestCA:
    folder.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                         x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(NOW - dt.timedelta(days=800)).not_valid_after(NOW + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    root = folder / f"{name.split()[0].lower()}-goc.pem"
    root.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return TestCA(root, key, cert, folder)


def signature_png(path: Path) -> Path:
    """A blue handwritten-like stroke on a transparent ground, 600 x 240 px."""
    from PIL import Image, ImageDraw

    img = Image.new("RGBA", (600, 240), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    points = [(20 + i * 14, 120 + int(70 * ((-1) ** i)) * (1 if i % 3 else -1) // 2) for i in range(41)]
    draw.line(points, fill=(20, 40, 200, 255), width=9)
    img.save(path)
    return path


def seal_png(path: Path, dpi: int = 300) -> Path:
    """A red ring (the seal) on a transparent ground, 36 mm across at `dpi`."""
    from PIL import Image, ImageDraw

    size = round(36 / 25.4 * dpi)
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((4, 4, size - 4, size - 4), outline=(220, 0, 0, 255), width=max(6, size // 25))
    draw.ellipse((size // 4, size // 4, 3 * size // 4, 3 * size // 4), fill=(220, 0, 0, 255))
    img.save(path, dpi=(dpi, dpi))
    return path


def two_valid_signatures(output: str, signer: str, agency: str) -> list[str]:
    """`docgen verify` output of an issued decision, checked: the competent person's signature
    (form filling allowed after it) and the agency's, both valid, trusted and where Decree 30 puts
    them, and the verdict 2/2. Returns the lines for further checks."""
    lines = output.splitlines()
    assert lines[0].startswith(f"Chữ ký 1 (ChuKyNguoiKy): {signer}, ký lúc ") and lines[0].endswith("+07:00")
    assert lines[1:5] == ["  - chữ ký: hợp lệ, nội dung đã ký còn nguyên",
                          "  - chứng thư: hợp lệ, do tổ chức chứng thực tin cậy cấp",
                          "  - thay đổi sau khi ký: chỉ điền biểu mẫu (số, ngày) và thêm chữ ký: được phép",
                          "  - vị trí: đúng Nghị định 30 (giữa chức vụ và họ tên người ký, canh giữa)"]
    assert lines[5].startswith(f"Chữ ký 2 (ChuKyCoQuan): {agency}, ký lúc ")
    assert lines[6:10] == ["  - chữ ký: hợp lệ, nội dung đã ký còn nguyên",
                           "  - chứng thư: hợp lệ, do tổ chức chứng thực tin cậy cấp",
                           "  - thay đổi sau khi ký: không có",
                           "  - vị trí: đúng Nghị định 30 (dấu trùm khoảng 1/3 hình chữ ký về bên trái)"]
    assert lines[10:] == ["Kết quả: 2/2 chữ ký đạt."]
    return lines
