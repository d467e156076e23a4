"""A build as a transaction: stage the whole new output folder beside it, then swap it in.

    with Transaction(target, committed=register.committed) as tx:
        tx.write_package("ke-hoach.docx", parts)        # into the staging folder
        ...
        tx.commit(on_commit=numbering.commit)            # swap, then commit the numbers

The staging folder `.<name>.tx-<id>.new` lies beside `target` (same file system), so the swap is a
rename: one atomic exchange of the two folders (Linux renameat2 RENAME_EXCHANGE), or, where the
file system cannot exchange, two renames that the next transaction repairs. Until the swap
`target` is untouched, byte for byte; after it `target` holds exactly the new set.

`target` mirrors the records: a file docgen wrote (listed in the manifest, `MANIFEST`) and not
written again leaves it, together with the PDF of a document that changed or left. A file docgen
did not write (a clerk's note, a scan) is carried over untouched; one in the way of a new document
fails the build.

Crash safety: the swap happens before `on_commit` (the register) and the old folder is kept until
`on_commit` returned. A transaction killed in between is found by the next one on the same target
(the manifest names its id, `committed(id)` says False) and the old folder is put back; leftover
staging folders and temporary files of killed builds are removed. Transactions on one target are
serialised by a lock (flock on the parent folder), released by the kernel when a process dies.
"""

import contextlib
import ctypes
import errno
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

from docgen.errors import Location, OutputError
from docgen.output.package import _reason, package_bytes

MANIFEST = ".docgen-manifest.json"
CACHE = ".docgen-cache.json"  # what the folder was built from (docgen.output.unchanged): never carried over
STAGING_MARK = ".docgen-staging"  # in a staging folder until its manifest is written
TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]+\.tmp$")  # write_atomic's mkstemp names of a killed write
# Fast path (issue 16; tests/test_build_fastpaths.py plain_paths turns it off): `stage` writes
# with fewer system calls (_stage_direct).
FEWER_CALLS = True
_MADE: set[str] = set()  # folders of staging folders _stage_direct made or found, in this process
RENAME_EXCHANGE = 2
AT_FDCWD = -100


def read_manifest(folder: Path) -> dict | None:
    """The manifest of a folder docgen built: {"id", "register", "files": {relative path: sha256}}."""
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("files"), dict) else None


def _legacy_decisions(folder: Path) -> set[str]:
    """In a folder built before manifests existed: the decisions and proposals docgen wrote (they
    carry docgen's document properties), so that stale ones leave on the first new build. Other
    files are kept: a filled form also carries docgen's properties and is the clerk's."""
    import zipfile

    found = set()
    for sub in ("quyet-dinh", "to-trinh"):
        for path in sorted((folder / sub).glob("*.docx")) if (folder / sub).is_dir() else []:
            try:
                with zipfile.ZipFile(path) as zf:
                    custom = zf.read("docProps/custom.xml")
            except (OSError, KeyError, zipfile.BadZipFile):
                continue
            if re.search(rb'name="docgen.kind"><vt:lpwstr>(decision|proposal)<', custom):
                found.add(path.relative_to(folder).as_posix())
    return found


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stage(staging: Path, target: Path, name: str, data: bytes) -> str:
    """Write `data` as `name` (relative, with /) into the staging folder `staging` of a
    Transaction on `target`, from any process (the render workers write the documents they
    render: their bytes never travel back); returns the sha256 of `data`, which the
    transaction's `adopt` records. A file already there is not replaced. Raises OutputError,
    located at the final path, when the file cannot be written."""
    if FEWER_CALLS:
        return _stage_direct(staging, target, name, data)
    path = staging / name
    try:
        if path.parent != staging and not path.parent.is_dir():
            if not staging.is_dir():  # the transaction ended: its folder is not made again
                raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(staging))
            path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "xb") as fh:
            fh.write(data)
    except OSError as err:
        raise OutputError.at(Location(target / name), f"không ghi được tệp: {_reason(err)}") from None
    return _digest(data)


def _stage_direct(staging: Path, target: Path, name: str, data: bytes) -> str:
    """`stage` with two system calls fewer a file (issue 16: a worker stages ~500 files a
    build): the folders it made or found are remembered for the process (a folder is never
    looked for again; a staging folder removed meanwhile makes the open fail, as before), and
    the file is written by os.open/os.write, not through Path and a buffered file object."""
    parent, _, _ = name.rpartition("/")
    folder = f"{staging}/{parent}" if parent else os.fspath(staging)
    try:
        if folder not in _MADE:
            if parent and not os.path.isdir(folder):
                if not staging.is_dir():  # the transaction ended: its folder is not made again
                    raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(staging))
                os.makedirs(folder, exist_ok=True)
            if len(_MADE) > 256:  # a long-lived process (docgen.web): builds' folders come and go
                _MADE.clear()
            _MADE.add(folder)
        fd = os.open(f"{staging}/{name}", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as err:
        raise OutputError.at(Location(target / name), f"không ghi được tệp: {_reason(err)}") from None
    return _digest(data)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders; False when the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


class Transaction:
    """Write a build's files into a staging folder and swap it with `target` in one step.

    `committed(id)` tells whether an earlier transaction whose manifest asks for it (`register`
    True) completed its `on_commit`; without it every swapped-in folder counts as committed.
    `keep_others`: a partial build (one document of a folder); docgen's other files stay.
    Raises OutputError (located at the file) when a file cannot be written or the swap fails;
    `target` is then unchanged.
    """

    def __init__(self, target: Path, committed: Callable[[str], bool] | None = None,
                 keep_others: bool = False) -> None:
        self.keep_others = keep_others  # a partial build: docgen's files not written again stay
        self.target = Path(os.path.abspath(target))
        self.parent = self.target.parent
        self.id = uuid.uuid4().hex[:16]
        self.staging = self._tx_dir(self.id, "new")
        self.files: dict[str, str] = {}
        self.removed: list[Path] = []  # docgen's files of the old set that left it, once committed
        self._committed = committed
        self._fd: int | None = None
        self._done = False
        self._made: list[Path] = []

    def _tx_dir(self, txid: str, state: str) -> Path:
        return self.parent / f".{self.target.name}.tx-{txid}.{state}"

    # --- the context --------------------------------------------------------------------------

    def __enter__(self) -> "Transaction":
        import fcntl

        # The folders made here for the lock: a transaction that fails leaves none of them.
        self._made = [p for p in (self.parent, *self.parent.parents) if not p.exists()]
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self.parent, os.O_RDONLY)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        except OSError as err:
            self._release()
            raise OutputError.at(Location(self.parent), f"không tạo được thư mục đầu ra: {_reason(err)}") from None
        try:
            if self.target.exists() and not self.target.is_dir():
                raise OutputError.at(Location(self.target), "đường dẫn đầu ra là một tệp, không phải thư mục")
            self.recover()
            self.staging.mkdir()
            (self.staging / STAGING_MARK).write_text(self.id, encoding="utf-8")
        except OSError as err:
            self._release()
            raise OutputError.at(Location(self.parent), f"không tạo được thư mục tạm: {_reason(err)}") from None
        except BaseException:
            self._release()
            raise
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if not self._done:
                shutil.rmtree(self.staging, ignore_errors=True)
                for folder in self._made:  # deepest first; one holding anything stays
                    try:
                        os.rmdir(folder)
                    except OSError:
                        break
        finally:
            self._release()

    def _release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    # --- writing ----------------------------------------------------------------------------------

    def path(self, name: str) -> Path:
        """Where `name` (relative, with /) will be once committed."""
        return self.target / name

    def staged(self, name: str) -> Path:
        """Where `name` is while staged (e.g. for converting it to PDF before the swap)."""
        return self.staging / name

    def write(self, name: str, data: bytes) -> Path:
        """Stage `data` as `name`; returns its final path."""
        return self.adopt(name, stage(self.staging, self.target, name, data))

    def adopt(self, name: str, digest: str) -> Path:
        """Record `name`, staged by `stage` in another process (a render worker), its bytes'
        sha256 `digest`, as written by this transaction; returns its final path."""
        self.files[name] = digest
        return self.path(name)

    def write_package(self, name: str, parts: dict[str, bytes], deflate_all: bool = False) -> Path:
        return self.write(name, package_bytes(parts, deflate_all))

    def add_staged(self, name: str) -> None:
        """Record a file another tool wrote into the staging folder (a PDF) as docgen's."""
        self.files[name] = _digest((self.staging / name).read_bytes())

    # --- commit -----------------------------------------------------------------------------------

    def commit(self, on_commit: Callable[[str], None] | None = None) -> None:
        """Carry over the clerk's files, swap the staged folder in, then run `on_commit(id)`.

        If `on_commit` raises, the old folder is put back and the error propagates.
        """
        old = read_manifest(self.target) if self.target.is_dir() else None
        try:
            self._carry_over(old)
            manifest = {"id": self.id, "register": on_commit is not None, "files": dict(sorted(self.files.items()))}
            (self.staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                                 encoding="utf-8")
            (self.staging / STAGING_MARK).unlink()
        except OSError as err:
            raise OutputError.at(Location(Path(err.filename or self.staging)),
                                 f"không ghi được tệp: {_reason(err)}") from None
        old_dir = self._tx_dir(self.id, "old")
        try:
            self._swap(self.staging, self.target, old_dir)
        except OSError as err:
            raise OutputError.at(Location(self.target), f"không thay được thư mục đầu ra: {_reason(err)}") from None
        self._done = True
        try:
            if on_commit is not None:
                on_commit(self.id)
        except BaseException:
            self._undo(old_dir, self.staging)  # target then holds exactly what it held before
            raise
        shutil.rmtree(old_dir, ignore_errors=True)

    def _swap(self, new: Path, target: Path, old_dir: Path) -> None:
        """Put `new` at `target`; what was at `target` (if anything) ends at `old_dir`."""
        if not target.exists():
            os.rename(new, target)
            return
        if _exchange(new, target):
            os.rename(new, old_dir)
            return
        os.rename(target, old_dir)  # a kill between these two renames is repaired by recover()
        os.rename(new, target)

    def _undo(self, old_dir: Path, scratch: Path) -> None:
        """Put back the folder a swap moved to `old_dir` (none: target did not exist); drop the new one."""
        if old_dir.exists():
            self._swap(old_dir, self.target, scratch)
        else:
            os.rename(self.target, scratch)
        shutil.rmtree(scratch, ignore_errors=True)

    def _carry_over(self, old: dict | None) -> None:
        """Link into the staging folder every file of `target` docgen did not write, and the PDFs
        of documents that did not change. A file in the way of a new one fails the build."""
        if not self.target.is_dir():
            return
        ours = set(old["files"]) if old else _legacy_decisions(self.target)
        old_digests = old["files"] if old else {}
        if self.keep_others and old:
            # One document rebuilt: the others docgen wrote, and their PDFs, stay as they are.
            for name in sorted(ours):
                kept = self.target / name
                pdf_of = name[:-4] + ".docx" if name.endswith(".pdf") else None
                if name in self.files or not kept.is_file() or (pdf_of and pdf_of in self.files):
                    continue
                self._link(kept, name)
                self.files[name] = old_digests[name]

        if old is None and any(p.is_file() for p in self.target.rglob("*")) and not any(
                (self.target / name).exists() for name in self.files):
            raise OutputError.at(Location(self.target), "thư mục đầu ra đã có tệp khác, không phải văn bản docgen"
                                 " đã dựng; hãy chọn một thư mục trống hoặc chưa có")
        dropped: list[str] = []
        for path in sorted(self.target.rglob("*")):
            name = path.relative_to(self.target).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    self._link(path, name)  # an empty folder the clerk made
                continue
            if name in (MANIFEST, CACHE) or TEMP_FILE.match(path.name):
                continue  # docgen's bookkeeping, or a temporary file of a killed write
            if name in ours or (old is None and name in self.files):
                continue  # docgen's: written again, or no longer in the records
            docx = name[:-4] + ".docx" if name.endswith(".pdf") else None
            if docx and (docx in ours or old is None and docx in self.files):
                # The PDF of a document: kept only while the document is unchanged.
                if docx in self.files and old_digests.get(docx) == self.files[docx] and name not in self.files:
                    self._link(path, name)
                    self.files[name] = old_digests.get(name) or _digest(path.read_bytes())
                elif name not in self.files:
                    dropped.append(name)
                continue
            self._link(path, name)
        self.removed = [self.path(n) for n in sorted({*ours, *dropped}) if n not in self.files]

    def _link(self, source: Path, name: str) -> None:
        dest = self.staging / name
        if name in self.files or dest.exists() or any(p.as_posix() in self.files for p in Path(name).parents):
            kind = "một thư mục" if source.is_dir() else "một tệp docgen không ghi"
            raise OutputError.at(Location(self.path(name)), f"đường dẫn là {kind}, nằm đúng chỗ của văn bản"
                                 " cần ghi; hãy chuyển nó đi rồi dựng lại")
        if any(f.startswith(name + "/") for f in self.files):
            raise OutputError.at(Location(self.path(name)), "đường dẫn là một tệp docgen không ghi, nằm đúng chỗ"
                                 " của thư mục cần tạo; hãy chuyển nó đi rồi dựng lại")
        if source.is_dir() and not source.is_symlink():
            dest.mkdir(parents=True)
            return
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), dest)
            return
        try:
            os.link(source, dest)
        except OSError:
            shutil.copy2(source, dest)

    # --- crash recovery -----------------------------------------------------------------------------

    def recover(self) -> list[Path]:
        """Finish or undo what killed transactions on this target left; returns what was removed."""
        pattern = re.compile(rf"^\.{re.escape(self.target.name)}\.tx-([0-9a-f]+)\.(new|old|undo)$")
        leftovers: dict[str, list[Path]] = {}
        for entry in self.parent.iterdir():
            m = pattern.match(entry.name)
            if m:
                leftovers.setdefault(m.group(1), []).append(entry)
        removed = []
        for txid, dirs in sorted(leftovers.items()):
            for d in [d for d in dirs if d.name.endswith(".undo")]:
                shutil.rmtree(d, ignore_errors=True)  # the new set of an undo that was killed
                dirs.remove(d)
                removed.append(d)
            current = read_manifest(self.target) if self.target.is_dir() else None
            # The folder a swap moved aside: neither still staging nor the new set.
            olds = [d for d in dirs if not (d / STAGING_MARK).exists() and (read_manifest(d) or {}).get("id") != txid]
            if not self.target.exists() and olds:
                os.rename(olds[0], self.target)  # killed between the two renames of a swap
            elif current and current.get("id") == txid and current.get("register") and not (
                    self._committed and self._committed(txid)):
                # Swapped in, but its numbers never reached the register: undo the swap.
                undo = self._tx_dir(txid, "undo")
                if olds:
                    self._swap(olds[0], self.target, undo)
                else:
                    os.rename(self.target, undo)
                dirs.append(undo)
            for d in dirs:
                if d.exists():
                    shutil.rmtree(d, ignore_errors=True)
                    removed.append(d)
        if self.target.is_dir():
            for path in self.target.rglob(".*.tmp"):
                if TEMP_FILE.match(path.name) and path.is_file():
                    with contextlib.suppress(OSError):
                        path.unlink()
                        removed.append(path)
        return removed


LEFTOVER = re.compile(r"^\.(.+)\.tx-[0-9a-f]+\.(new|old|undo)$")


def recover_all(parent: Path, committed: Callable[[str], bool] | None = None) -> None:
    """Repair every output folder of `parent` (build/) that a killed transaction left behind.

    A build repairs its own target anyway; this lets it repair the others first, so that no
    folder shows numbers its register never committed while another build takes numbers.
    """
    if not parent.is_dir():
        return
    names = sorted({m.group(1) for entry in parent.iterdir() if (m := LEFTOVER.match(entry.name))})
    for name in names:
        tx = Transaction(parent / name, committed)
        with tx:
            pass


def replace_bookkeeping(target: Path, name: str, data: bytes) -> None:
    """Put `data` at `target`/`name` (docgen's bookkeeping file of an output folder, such as
    the build cache) in one rename, outside any transaction's swap.

    The temporary file is written in a staging folder of its own beside `target`
    (".<target>.tx-<id>.new", marked as staging), never inside `target`: a process killed
    between the write and the rename leaves only that folder, which the next transaction on the
    parent folder discards (`Transaction.recover`, `recover_all`), and `target` holds the old
    file or the new one. Runs under the same lock as a transaction. Raises OutputError (located
    at the file) when it cannot be written; the old file then stays.
    """
    import fcntl

    target = Path(os.path.abspath(target))
    path = target / name
    txid = uuid.uuid4().hex[:16]
    scratch = target.parent / f".{target.name}.tx-{txid}.new"
    fd = None
    try:
        fd = os.open(target.parent, os.O_RDONLY)
        fcntl.flock(fd, fcntl.LOCK_EX)
        scratch.mkdir()
        (scratch / STAGING_MARK).write_text(txid, encoding="utf-8")
        staged = scratch / name
        staged.write_bytes(data)
        os.replace(staged, path)
    except OSError as err:
        raise OutputError.at(Location(path), f"không ghi được tệp: {_reason(err)}") from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if fd is not None:
            os.close(fd)
