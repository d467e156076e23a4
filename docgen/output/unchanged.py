"""Skipping work that cannot change the output: a rebuild with nothing changed, and the lint of
files already found clean.

A build's inputs are fingerprinted by content (`fingerprint`): every file of the plan folder,
the workspace's templates/, law/ and documents/ folders, docgen's own code and data (its
version, templates and law as shipped), the numbers the register holds for the output folder,
and the build's options. After a build committed, `remember` writes that fingerprint with the
list of written files into the output folder's cache file (`CACHE`, docgen's bookkeeping, never
carried over by the next transaction). The next build of the same plan `recall`s it: when the
fingerprint is the same, the transaction that wrote the folder was committed, and every file of
its manifest is on disk with the bytes it was written with, the folder is already exactly what
a full build would write, and nothing is rendered or written.

Lint: a file is a pure function of its bytes for the checker, so `clean_reports` returns the
report of a file whose sha256 was found clean before by the same docgen, and `remember_clean`
records the clean ones after a lint. Files with findings are always checked again.
"""

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from docgen.output.transaction import CACHE, MANIFEST, read_manifest

PACKAGE = Path(__file__).resolve().parents[1]
_SKIP_NAMES = ("so-van-ban.sqlite",)


@dataclass(frozen=True)
class Recalled:
    """What the last build of a folder wrote, by name relative to the folder, in its order."""

    written: list[str]
    bundled: list[str]
    pdfs: list[str]
    bundle: str | None


def _tree(h: "hashlib._Hash", folder: Path, label: str) -> None:
    """Feed every file below `folder` (name and bytes, in a stable order) into `h`."""
    if not folder.is_dir():
        h.update(f"\0{label}: none\0".encode())
        return
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d not in ("__pycache__", "build") and not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(_SKIP_NAMES) or name.endswith((".pyc", ".lock")) or name.startswith("~$"):
                continue
            path = Path(dirpath) / name
            h.update(f"\0{label}/{path.relative_to(folder).as_posix()}\0".encode())
            try:
                h.update(hashlib.sha256(path.read_bytes()).digest())
            except OSError:
                h.update(b"\0unreadable\0")


_CODE: str | None = None


def code_digest() -> str:
    """The digest of docgen's own files (code and its version, shipped law, locale)."""
    global _CODE
    if _CODE is None:
        h = hashlib.sha256()
        _tree(h, PACKAGE, "docgen")
        _CODE = h.hexdigest()
    return _CODE


def files_digest(plan_dir: Path, root: Path, template_folders: list[Path], options: dict) -> str:
    """The sha256 (hex) of the files a build of `plan_dir` reads (see the module's docstring)
    and of its `options`; taken before the build reads them."""
    h = hashlib.sha256(code_digest().encode())
    _tree(h, plan_dir, "plan")
    for i, folder in enumerate(template_folders):
        _tree(h, folder, f"templates{i}")
    for name in ("law", "documents"):
        _tree(h, root / name, name)
    h.update(json.dumps(options, sort_keys=True).encode())
    return h.hexdigest()


def fingerprint(files: str, entries: list) -> str:
    """`files_digest` together with the register's entries for the output folder (as tuples)."""
    h = hashlib.sha256(files.encode())
    h.update(json.dumps([list(e) for e in entries], ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def _read(target: Path) -> dict:
    try:
        data = json.loads((target / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write(target: Path, data: dict) -> None:
    """Best effort: a cache that cannot be written only costs the next build its shortcut."""
    from docgen.errors import OutputError
    from docgen.output.transaction import replace_bookkeeping

    # Its temporary file never in `target`: a build killed while writing it leaves no stray file.
    try:
        replace_bookkeeping(target, CACHE, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OutputError:
        pass


def _intact(target: Path, manifest: dict) -> bool:
    """Every file of the manifest is on disk with the bytes it was written with."""
    for name, digest in manifest["files"].items():
        try:
            data = (target / name).read_bytes()
        except OSError:
            return False
        if hashlib.sha256(data).hexdigest() != digest:
            return False
    return True


def recall(target: Path, inputs: str, committed) -> Recalled | None:
    """The last build of `target` when it was made from exactly `inputs` and is intact, else None.

    `committed(id)` tells whether a transaction's numbers reached the register (None: no register).
    """
    cache = _read(target)
    manifest = read_manifest(target) if target.is_dir() else None
    if not manifest or cache.get("inputs") != inputs or cache.get("manifest") != manifest.get("id"):
        return None
    if manifest.get("register") and not (committed and committed(manifest["id"])):
        return None
    prefix = f".{target.name}.tx-"
    if any(p.name.startswith(prefix) for p in target.parent.iterdir()):
        return None  # a killed transaction to repair first: the full path does it
    if not _intact(target, manifest):
        return None
    try:
        return Recalled(list(cache["written"]), list(cache["bundled"]), list(cache["pdfs"]), cache.get("bundle"))
    except (KeyError, TypeError):
        return None


def remember(target: Path, inputs: str, written: list[str], bundled: list[str], pdfs: list[str],
             bundle: str | None) -> None:
    """Record, after a committed build, what it was made from and what it wrote."""
    manifest = read_manifest(target)
    if manifest is None:
        return
    old_clean = _read(target).get("clean", {})
    files = set(manifest["files"].values())
    _write(target, {"inputs": inputs, "manifest": manifest["id"], "written": written, "bundled": bundled,
                    "pdfs": pdfs, "bundle": bundle,
                    # Clean lint verdicts stay valid for the files written again with the same bytes.
                    "clean": {k: v for k, v in old_clean.items() if k.rsplit(":", 1)[-1] in files}})


def _lint_key(digest: str, draft: bool) -> str:
    return f"{code_digest()[:16]}:{int(draft)}:{digest}"


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# Fast path (issue 16; tests/test_build_fastpaths.py's plain_paths turns it off): the digests
# `clean_verdicts` reads are kept for `remember_clean` (`digests`), not read and hashed again:
# after a build of 1,000 decisions, each read of its files is ~20 MB and 1,021 opens.
DIGEST_ONCE = True


def clean_verdicts(target: Path, paths: list[Path], draft: bool,
                   digests: dict[Path, str | None] | None = None) -> dict[Path, tuple[str | None, dict]]:
    """For each of `paths` (files of `target`) found clean before with the same bytes, the
    (draft reason, deferred counts) of its report. `digests`, when given (and DIGEST_ONCE),
    receives each path's digest, for `remember_clean`."""
    clean = _read(target).get("clean", {})
    found = {}
    for path in paths:
        digest = _digest(path)
        if digests is not None and DIGEST_ONCE:
            digests[path] = digest
        hit = clean.get(_lint_key(digest, draft)) if digest else None
        if isinstance(hit, list) and len(hit) == 2:
            found[path] = (hit[0], dict(hit[1]))
    return found


def remember_clean(target: Path, verdicts: dict[Path, tuple[str | None, dict]], draft: bool,
                   digests: dict[Path, str | None] | None = None) -> None:
    """Add the clean verdicts of files of `target` to its cache (only when the cache exists).
    `digests`: the files' digests as `clean_verdicts` read them (files unchanged since); a file
    not in it is read again."""
    cache = _read(target)
    if not cache or not verdicts:
        return
    clean = cache.setdefault("clean", {})
    for path, (reason, deferred) in verdicts.items():
        digest = digests[path] if digests is not None and path in digests else _digest(path)
        if digest:
            clean[_lint_key(digest, draft)] = [reason, deferred]
    _write(target, cache)


__all__ = ["CACHE", "MANIFEST", "Recalled", "clean_verdicts", "files_digest", "fingerprint", "recall",
           "remember", "remember_clean"]
