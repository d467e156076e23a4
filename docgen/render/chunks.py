"""A template part's Jinja source cut into top-level pieces, each rendered once for the values it reads.

The decisions of one award kind render the same header, căn cứ, Điều 2–3, Nơi nhận and
signature: only the number, the date, the counts and the list's rows change (issue 16).
`Chunked(environment, source)` cuts the part's source (one paragraph a line, as
docgen.render.template writes it) before the lines where no Jinja block is open; each piece is
compiled on its own, with the top-level `{% set %}` before it, and its output kept for the
process by the values it reads: the context's paths it names (`d.bases`, `org.head.title`,
the receiver of a method it calls: `d.executors` of `d.executors.split()`; every name it
loads, a loop's own too, the context's value or its absence), and what the filters that read
the context read (`keep_names`: `org` or `doc`). A piece is kept once met
twice (a decision's rows never come back).

`render(context)` gives the string the whole part's template gives, or None when it cannot
say (a value it reads is missing or unhashable where it must be compared by value, a piece
raised): the caller then renders the whole template, which raises what it raises. Why the
same string: Jinja writes a template's top-level nodes one after the other, and a cut falls
between two of them (no block open, no tag across it); a piece's own `{% set %}`s run in it
again, a loop's variables are its own; a value is compared with its type (1 and True and 1.0
are equal, but not written alike), an object that cannot be hashed by identity. Whitespace
control (`{%-`, `-%}`) could reach across a cut: a source holding it is not cut.

Off (CHUNKS False): the whole template renders (tests/test_build_fastpaths.py plain_paths).
"""

import re
from typing import Any

from jinja2 import Environment, nodes
from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_BLOCK_END, TOKEN_NAME
from jinja2.runtime import Undefined
from jinja2.utils import _PassArg

from docgen.render.compiled import compile_part

CHUNKS = True  # fast path (issue 16; tests/test_build_fastpaths.py plain_paths turns it off)
MAX_KEPT = 4_000  # outputs (and keys met) kept for the process by a part, emptied past this
TRIES = 16  # renders of a piece after which one never met again is rendered without its key

_OPENS = {"for", "if", "filter", "with", "autoescape"}
_CLOSES = {"endfor", "endif", "endfilter", "endwith", "endautoescape"}
_REFUSED = {"raw", "macro", "call", "block", "extends", "include", "import", "from", "trans", "endset"}
_CONTROL = re.compile(r"\{%-|-%\}|\{\{-|-\}\}|\{#-|-#\}")
_NO_VALUE = object()


class _Same:
    """A value compared by identity (it cannot be hashed), held so its id is not reused."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __hash__(self) -> int:
        return id(self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.value is self.value


class _Piece:
    __slots__ = ("index", "render", "literal", "paths", "tries", "hits")

    def __init__(self, index: int, render, literal: str | None, paths: tuple[tuple[str, ...], ...]) -> None:
        self.index, self.render, self.literal, self.paths = index, render, literal, paths
        self.tries = self.hits = 0  # a piece never met again after TRIES is rendered without its key


class Chunked:
    """A part's source as pieces (see the module); `pieces` is empty when it is not cut."""

    def __init__(self, environment: Environment, source: str, name: str, filename: str,
                 context_reads: dict[str, tuple[str, ...] | None]) -> None:
        self.environment = environment
        self.pieces: list[_Piece] = []
        self.kept: dict = {}
        self.met: set = set()
        try:
            cuts = _cuts(environment, source)
        except Exception:  # noqa: BLE001  (a source Jinja cannot lex: the whole template says why)
            return
        if cuts is None:
            return
        lines = source.split("\n")
        sets: list[str] = []
        pieces = []
        for n, (start, end, own_sets) in enumerate(cuts):
            text = "\n".join(lines[start:end]) + ("\n" if end < len(lines) else "")
            try:
                pieces.append(_piece(environment, n, "".join(sets), text, name, filename, context_reads))
            except Exception:  # noqa: BLE001  (a piece Jinja cannot read alone: the part is not cut)
                return
            sets += own_sets
        if any(p is None for p in pieces):
            return
        self.pieces = pieces  # type: ignore[assignment]

    def render(self, context: dict[str, Any]) -> str | None:
        """The part rendered for `context`, or None (see the module)."""
        if not self.pieces:
            return None
        env = self.environment
        out = []
        ctx = None
        for piece in self.pieces:
            if piece.literal is not None:
                out.append(piece.literal)
                continue
            if piece.tries >= TRIES and not piece.hits:  # per decision (its number, its rows)
                if ctx is None:
                    ctx = piece.render.new_context(context)
                try:
                    out.append(env.concat(piece.render.root_render_func(ctx)))  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001  (the whole template raises it, where it stands)
                    return None
                continue
            piece.tries += 1
            key = [piece.index]
            for path in piece.paths:
                value = context.get(path[0], _NO_VALUE)
                if value is _NO_VALUE:  # a loop's or a set's own name, a global, or missing (the piece raises)
                    key.append(_NO_VALUE)
                    continue
                try:
                    for attr in path[1:]:
                        value = env.getattr(value, attr)
                except Exception:  # noqa: BLE001  (the whole template raises it, where it stands)
                    return None
                if isinstance(value, Undefined):
                    return None
                try:
                    hash(value)
                except TypeError:
                    key.append(_Same(value))
                else:
                    key.append((type(value), value))
            k = tuple(key)
            done = self.kept.get(k)
            if done is not None:
                piece.hits += 1
            else:
                if ctx is None:
                    ctx = piece.render.new_context(context)
                try:
                    done = env.concat(piece.render.root_render_func(ctx))  # type: ignore[attr-defined]
                except Exception:  # noqa: BLE001  (the whole template raises it, where it stands)
                    return None
                try:
                    seen = hash(k)
                except TypeError:
                    seen = None
                if seen is not None:
                    if seen in self.met:
                        if len(self.kept) > MAX_KEPT:
                            self.kept.clear()
                        self.kept[k] = done
                    else:
                        if len(self.met) > MAX_KEPT:
                            self.met.clear()
                        self.met.add(seen)
            out.append(done)
        return "".join(out)


def _cuts(environment: Environment, source: str) -> list[tuple[int, int, list[str]]] | None:
    """The pieces as (first line, end line, the top-level `{% set x = … %}` tags they hold);
    None when the source is not to be cut."""
    if _CONTROL.search(source) or environment.line_statement_prefix or environment.line_comment_prefix:
        return None
    depth_after: dict[int, int] = {}  # line -> depth after its last block tag
    open_at: set[int] = set()  # lines a tag spans past
    sets: dict[int, list[str]] = {}
    depth = 0
    tokens = list(environment.lex(source))
    for n, (line, kind, _) in enumerate(tokens):  # a tag or comment across lines: no cut inside
        if kind.endswith("_begin"):
            end = next((t[0] for t in tokens[n:] if t[1] == kind[:-len("begin")] + "end"), None)
            if end is None:
                return None
            open_at.update(range(line, end))
    i = 0
    while i < len(tokens):
        line, kind, _ = tokens[i]
        if kind != TOKEN_BLOCK_BEGIN:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j][1] != TOKEN_BLOCK_END:
            j += 1
        if j == len(tokens):
            return None
        inner = [t for t in tokens[i + 1:j] if t[1] != "whitespace"]  # raw tokens (Environment.lex)
        word = inner[0][2] if inner and inner[0][1] == TOKEN_NAME else ""
        if word in _REFUSED:
            return None
        if word == "set":
            if not any(t[1] == "operator" and t[2] == "=" for t in inner):
                return None  # a block set: {% set x %}…{% endset %}
            if depth:
                return None  # set in an {% if %}, a name the pieces after it would read otherwise
            sets.setdefault(line, []).append("{%" + "".join(t[2] for t in tokens[i + 1:j]) + "%}")
        elif word in _OPENS:
            depth += 1
        elif word in _CLOSES:
            depth -= 1
        depth_after[line] = depth
        i = j + 1
    if depth != 0:
        return None
    lines = source.count("\n") + 1
    starts = [0]
    depth = 0
    for n in range(1, lines + 1):  # Jinja's lines count from 1; cut before line n+1 (index n)
        depth = depth_after.get(n, depth)
        if n < lines and depth == 0 and n not in open_at:
            starts.append(n)
    out = []
    for a, b in zip(starts, starts[1:] + [lines], strict=True):
        own = [s for n in range(a + 1, b + 1) for s in sets.get(n, [])]
        out.append((a, b, own))
    return out


def _piece(environment: Environment, index: int, sets: str, text: str, name: str, filename: str,
           context_reads: dict[str, tuple[str, ...] | None]) -> _Piece | None:
    """The piece `text` (after the top-level `sets` before it), compiled, with what it reads."""
    ast = environment.parse(sets + text)
    if not any(isinstance(n, (nodes.Output, nodes.For, nodes.If, nodes.With, nodes.FilterBlock))
               and not _constant(n) for n in ast.body):
        literal = "".join(_constant(n) or "" for n in ast.body)
        if literal == text:
            return _Piece(index, None, literal, ())
    paths: set[tuple[str, ...]] = set()
    _reads(ast, paths)  # every name it loads, its own (a loop's) too: a superset, and no scoping pass
    for f in ast.find_all(nodes.Filter):
        func = environment.filters.get(f.name)
        if getattr(func, "jinja_pass_arg", None) is _PassArg.context:  # eval context, environment: the same for all
            reads = context_reads.get(f.name)
            if reads is None:
                return None  # a filter reading the context as it likes: not cut
            paths.update((n,) for n in reads)  # read when the context holds them
    for t in ast.find_all(nodes.Test):
        if getattr(environment.tests.get(t.name), "jinja_pass_arg", None) is _PassArg.context:
            return None
    code = compile_part(environment, sets + text, name, filename)
    template = environment.template_class.from_code(environment, code, environment.make_globals(None), None)
    return _Piece(index, template, None, tuple(sorted(paths)))


def _constant(node: nodes.Node) -> str | None:
    """The text of an Output node of template data alone, else None."""
    if isinstance(node, nodes.Output) and all(isinstance(c, nodes.TemplateData) for c in node.nodes):
        return "".join(c.data for c in node.nodes)
    return None


def _chain(node: nodes.Node) -> tuple[str, ...] | None:
    """("d", "signature", "lines") for `d.signature.lines`; None for anything but names' attributes."""
    attrs = []
    while isinstance(node, nodes.Getattr):
        attrs.append(node.attr)
        node = node.node
    if isinstance(node, nodes.Name) and node.ctx == "load":
        return (node.name, *reversed(attrs))
    return None


def _reads(node: nodes.Node, out: set[tuple[str, ...]]) -> None:
    """The context paths `node` reads, into `out`: a name's attributes, a method's receiver, a name."""
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        receiver = _chain(node.node.node)
        if receiver is not None:
            out.add(receiver)
            for child in (*node.args, *node.kwargs, node.dyn_args, node.dyn_kwargs):
                if child is not None:
                    _reads(child, out)
            return
    if isinstance(node, (nodes.Getattr, nodes.Name)):
        path = _chain(node)
        if path is not None:
            out.add(path)
            return
    for child in node.iter_child_nodes():
        _reads(child, out)


# What the environment's filters that read the context read of it (docgen.render.environment:
# keep_names and keep_title take the issuer's names from `org`, else from `doc`); Jinja's map,
# select, reject, selectattr and rejectattr read its environment, and what the filter or test
# they are given by name reads (of this environment's: keep_names' and keep_title's).
_ISSUER = ("org", "doc")
CONTEXT_READS: dict[str, tuple[str, ...] | None] = {
    "keep_names": _ISSUER, "keep_title": _ISSUER, "map": _ISSUER, "select": _ISSUER, "reject": _ISSUER,
    "selectattr": _ISSUER, "rejectattr": _ISSUER}
FROM = 64  # a part is cut at its FROM-th render in a process: cutting costs ~0.05 s, saves ~0.2 ms a render


def render_cut(kept: dict, environment: Environment, name: str, source: str, filename: str,
               context: dict[str, Any]) -> str | None:
    """The part `name` (word/document.xml: what a kind's decisions share is there) rendered by
    pieces once it has been rendered FROM times (`kept`: the template's own state), else None."""
    if not CHUNKS or name != "word/document.xml":
        return None
    state = kept.get(name)
    if state is None:
        state = kept[name] = [0, None]
    state[0] += 1
    if state[0] < FROM:
        return None
    if state[1] is None:
        state[1] = Chunked(environment, source, name, filename, CONTEXT_READS)
    return state[1].render(context)
