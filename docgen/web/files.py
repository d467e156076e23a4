"""What the web view may read and serve, and how an uploaded file is named and limited.

Nothing the browser sends is used as a path. A plan or document folder is named by one of the
folder names found in plans/; a built file by a name its folder's manifest lists (docgen wrote
it, `docgen.output.transaction.MANIFEST`); a preview by a content hash and a page number. Every
path is then resolved and must stay inside the workspace, and a symbolic link is never followed
out of it. An upload keeps only a cleaned base name of what the browser said, inside a fresh
folder whose name the server chose.
"""

import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from docgen.build import TRIAL_SUFFIX
from docgen.output.transaction import read_manifest

WEB_DIR = Path("build") / ".docgen-web"  # the server's own files, below the workspace
UPLOADS = "tai-len"  # uploads waiting for the clerk's confirmation
PREVIEWS = "xem-truoc"  # page images by content hash

MAX_UPLOAD = 10 * 1024 * 1024  # bytes of one uploaded file
MAX_FILES = 100  # files in one upload
MAX_REQUEST = 64 * 1024 * 1024  # bytes of one request, every file together
FORM_SUFFIXES = (".docx", ".doc", ".odt", ".pdf", ".rtf")  # docgen.collect names the ones it cannot read
LIST_SUFFIXES = (".xlsx", ".xls", ".ods")  # docgen.records.excel names the ones it cannot read
TOKEN = re.compile(r"^[0-9a-f]{32}$")
DIGEST = re.compile(r"^[0-9a-f]{64}$")
_UNSAFE = re.compile(r"[^\w\-. ()]+")


class Refused(Exception):
    """An upload not taken: `message` says why, in Vietnamese, for the clerk."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(message)
        self.name = name
        self.message = message


@dataclass(frozen=True)
class Folder:
    """A folder of plans/: a plan (has plan.yaml) or a folder of document records."""

    name: str
    path: Path
    is_plan: bool


def inside(root: Path, path: Path) -> bool:
    """True when `path`, every link resolved, lies inside `root` (resolved too)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def folders(root: Path) -> list[Folder]:
    """The plan and document folders of the workspace at `root`, by name; links leading out skipped."""
    plans = root / "plans"
    if not plans.is_dir() or not inside(root, plans):
        return []
    out = []
    for path in sorted(plans.iterdir()):
        if not path.is_dir() or path.name.startswith(".") or not inside(root, path):
            continue
        is_plan = (path / "plan.yaml").is_file()
        if is_plan or any(p.suffix == ".yaml" for p in path.iterdir()) or (path / "documents").is_dir():
            out.append(Folder(path.name, path, is_plan))
    return out


def folder(root: Path, name: str) -> Folder | None:
    """The folder called `name` among `folders(root)`, else None (whatever `name` holds)."""
    return next((f for f in folders(root) if f.name == name), None)


def output_folder(root: Path, name: str, trial: bool = False) -> Path:
    """build/<name>/ (or the trial build's build/<name>-du-thao/) of a folder of `folders(root)`."""
    return root / "build" / (name + (TRIAL_SUFFIX if trial else ""))


def built_files(root: Path, name: str) -> list[str]:
    """The files docgen wrote into build/<name>/, as its manifest names them (relative, sorted)."""
    manifest = read_manifest(output_folder(root, name))
    return sorted(manifest["files"]) if manifest else []


def built_file(root: Path, name: str, rel: str) -> Path | None:
    """build/<name>/<rel> when `name` is a folder of the workspace, its manifest lists `rel`, and
    the file is a regular file inside that output folder (no link out); else None."""
    if folder(root, name) is None or rel not in built_files(root, name):
        return None
    out = output_folder(root, name)
    path = out / rel
    if path.is_symlink() or not path.is_file() or not inside(out, path):
        return None
    return path


def web_dir(root: Path, kind: str) -> Path:
    """build/.docgen-web/<kind>/, created."""
    path = root / WEB_DIR / kind
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_upload(root: Path) -> tuple[str, Path]:
    """A fresh upload folder: (its token, its path)."""
    token = secrets.token_hex(16)
    path = web_dir(root, UPLOADS) / token
    path.mkdir()
    return token, path


def upload_dir(root: Path, token: str) -> Path | None:
    """The upload folder of `token`, when `token` is one the server could have made and it exists."""
    if not TOKEN.match(token or ""):
        return None
    path = root / WEB_DIR / UPLOADS / token
    return path if path.is_dir() and not path.is_symlink() else None


def clean_name(raw: str | None, suffixes: tuple[str, ...], fallback: str) -> str:
    """A safe base name for an uploaded file from what the browser said it was called.

    Path parts (/ and \\), control characters and anything but letters, digits, space and
    - _ . ( ) are dropped; the text is NFC; at most 100 characters, its suffix kept. Raises
    Refused when the suffix is not one of `suffixes` (lower case).
    """
    text = unicodedata.normalize("NFC", raw or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if not unicodedata.category(c).startswith("C"))
    text = _UNSAFE.sub("_", text).strip(" ")
    shown = text.strip("._") or fallback
    stem, dot, suffix = text.rpartition(".")
    suffix = (dot + suffix).lower() if dot else ""
    if suffix not in suffixes:
        allowed = ", ".join(suffixes)
        raise Refused(shown, f"không nhận loại tệp này ({suffix or 'không có đuôi tệp'}); chỉ nhận {allowed}")
    stem = stem.strip(" ._")[: 100 - len(suffix)] or fallback
    return stem + suffix


def save_upload(folder_path: Path, name: str, stream, limit: int = MAX_UPLOAD) -> Path:
    """Write `stream` (a file-like object) to `folder_path`/`name`, a name not yet taken there
    ("x (2).docx" after "x.docx"). Raises Refused when it holds more than `limit` bytes or none."""
    stem, suffix = name.rsplit(".", 1)
    path, n = folder_path / name, 2
    while path.exists():
        path, n = folder_path / f"{stem} ({n}).{suffix}", n + 1
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise Refused(name, f"tệp lớn hơn {limit // (1024 * 1024)} MB; biểu mẫu hay danh sách thường chỉ vài"
                            " trăm KB: hãy kiểm tra lại đã chọn đúng tệp")
    if not data:
        raise Refused(name, "tệp rỗng (0 byte): hãy chọn lại tệp")
    path.write_bytes(data)
    return path
