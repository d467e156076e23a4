"""The Python code Jinja compiles a template part's source to, kept on disk between processes.

Compiling the Jinja source of a template's parts (`Environment.compile`) is four fifths of
reading a template (docgen.render.template.DocxTemplate): 0.15 s for the decision template,
0.12 s for the consolidated report's. A build of a long award list does it in each of its worker
processes (docgen.render.batch), for every template it renders (about 0.7 s of CPU a worker,
issue 16), and every build and `docgen lint`-free render does it again. Jinja's own
FileSystemBytecodeCache keeps the compiled code (marshal, checked by Jinja's magic number for
its bytecode format and the Python version) in the user's cache folder: `$DOCGEN_CACHE`, else
`$XDG_CACHE_HOME/docgen`, else `~/.cache/docgen`, below `jinja/`; `DOCGEN_CACHE=""` keeps
nothing. An entry's key is the sha256 of the source, the part's name and what Jinja's code
generation reads of the environment (`_settings`: its options, the names of its filters and
tests, Jinja's and Python's versions), so a changed template, environment or Jinja never meets
an old entry. The code is the same whichever path the template was read from; its file name
(what Jinja's tracebacks and docgen's template error messages name) is set to this template's.

A source that does not compile is never kept: its error is raised by Jinja as before. When the
folder cannot be made or written, the code is compiled as before and not kept.
"""

import hashlib
import os
from pathlib import Path
from types import CodeType

from jinja2 import Environment

KEEP_CODE = True  # fast path (issue 16; tests/test_build_fastpaths.py plain_paths turns it off)
SUBFOLDER = "jinja"

_caches: dict[str, object] = {}  # folder -> its FileSystemBytecodeCache (None: cannot be used)


def folder() -> Path | None:
    """The folder the compiled code is kept in (see the module), or None when none is wanted."""
    chosen = os.environ.get("DOCGEN_CACHE")
    if chosen is not None:
        return Path(chosen) / SUBFOLDER if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "docgen" / SUBFOLDER


def _cache():
    """A jinja2.FileSystemBytecodeCache on `folder()`, made on first use; None when none can be."""
    where = folder()
    if where is None:
        return None
    key = str(where)
    if key not in _caches:
        from jinja2 import FileSystemBytecodeCache

        try:
            where.mkdir(parents=True, exist_ok=True, mode=0o700)
            _caches[key] = FileSystemBytecodeCache(key, "%s.code") if os.access(where, os.W_OK) else None
        except OSError:
            _caches[key] = None
    return _caches[key]


def _settings(environment: Environment) -> str:
    """What Jinja's code generation reads of `environment` besides the source: its class and
    code generator, syntax, whitespace and newline options, extensions, the names of its filters
    and tests (a name missing is a syntax error), finalize and autoescape; with Jinja's version
    and Python's. Filters and tests themselves are looked up by name when rendering."""
    import sys

    import jinja2

    def named(thing) -> str:
        if callable(thing):
            return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', type(thing).__qualname__)}" \
                   f":{getattr(thing, 'jinja_pass_arg', None)}"
        return repr(thing)

    e = environment
    return repr((jinja2.__version__, sys.version_info[:2], named(type(e)), named(e.code_generator_class),
                 e.block_start_string, e.block_end_string, e.variable_start_string, e.variable_end_string,
                 e.comment_start_string, e.comment_end_string, e.line_statement_prefix, e.line_comment_prefix,
                 e.trim_blocks, e.lstrip_blocks, e.newline_sequence, e.keep_trailing_newline, e.optimized,
                 e.is_async, sorted(e.extensions), sorted(e.filters), sorted(e.tests), named(e.finalize),
                 named(e.autoescape)))


def _key(environment: Environment, source: str, name: str) -> str:
    h = hashlib.sha256()
    for piece in (_settings(environment), name, source):
        h.update(piece.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def compile_part(environment: Environment, source: str, name: str, filename: str) -> CodeType:
    """`environment.compile(source, name=name, filename=filename)`, taken from the cache folder
    when an earlier process compiled the same source with the same docgen and Jinja, and kept
    there otherwise. Raises what `Environment.compile` raises (jinja2.TemplateSyntaxError)."""
    cache = _cache() if KEEP_CODE else None
    if cache is None:
        return environment.compile(source, name=name, filename=filename)
    from jinja2.bccache import Bucket

    key = _key(environment, source, name)
    bucket = Bucket(environment, key, key)
    try:
        cache.load_bytecode(bucket)
    except Exception:  # noqa: BLE001  (a cut or spoilt entry: Jinja's reading raises pickle's errors)
        bucket.reset()
    if bucket.code is None:
        code = environment.compile(source, name=name, filename=filename)
        bucket.code = code
        try:
            cache.dump_bytecode(bucket)
        except OSError:
            pass
        return code
    return _refiled(bucket.code, filename)


def _refiled(code: CodeType, filename: str) -> CodeType:
    """`code` and every code object inside it with `filename` as their file name."""
    if code.co_filename == filename:  # and so every code object inside it: compiled together
        return code
    consts = tuple(_refiled(c, filename) if isinstance(c, CodeType) else c for c in code.co_consts)
    return code.replace(co_filename=filename, co_consts=consts)
