"""The one Jinja environment every template renders with: strict, escaped and sandboxed."""

import types
import unicodedata
from dataclasses import replace
from typing import Any

from jinja2 import StrictUndefined, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from docgen import vn
from docgen.model import Lines, Rich
from docgen.model.tables import Table
from docgen.render.runs import lines_xml, rich_xml
from docgen.render.tables import table_xml
from docgen.vn.titles import keep_title as keep_title_text

FILTERS = {
    "doc_number": vn.doc_number,
    "format_date": vn.format_date,
    "place_date": vn.place_date,
    "format_number": vn.format_number,
    "format_percent": vn.format_percent,
    "roman": vn.roman,
    "point_letter": vn.point_letter,
    "upper": vn.upper,
    "normalize": vn.normalize,
    "amount_in_words": vn.amount_in_words,
    "name_sort_key": vn.name_sort_key,
    "tcvn3_to_unicode": vn.tcvn3_to_unicode,
    "count": vn.count,
    "count_phrase": vn.count_phrase,
    "join_and": vn.join_and,
    "capfirst": vn.capfirst,
    "lowfirst": vn.lowfirst,
    "group_phrase": vn.group_phrase,
    "cite_date": vn.cite_date,
    "nobreak": vn.nobreak,
}


@pass_context
def keep_names(context: Context, value: Any, opening: bool = False, pairs: bool = False) -> Any:
    """Filter `keep_names`: `value` (text or rich text) with the issuer's `fixed_names` kept on
    one line (see `vn.keep_names`); the names come from `org` in the context (organisation.yaml:
    its `fixed_names`, and without the clerk listing them its own name and its signers' titles,
    so "Giám / đốc" never splits), else from `doc` (a general document's issuer, whose model
    adds the same). Any other value, or no names, passes as is. `opening`: `value` opens a
    paragraph, a name within its first `vn.OPENING` characters is left free (`vn.keep_names`).
    `pairs`: `value` is a list's cell or a Nơi nhận or Kính gửi item, whose words of two
    syllables (`vn.pairs.WORD_PAIRS`) and short parenthesis are kept as well."""
    holder = context.get("org") if "org" in context else context.get("doc")
    kept = _NAMES_OF.get(id(holder)) if KEEP_NAMES else None
    if kept is not None and kept[0] is holder:
        names = kept[1]
    else:
        names = _issuer_names(holder)
        if KEEP_NAMES and _frozen(holder):
            if len(_NAMES_OF) > 64:
                _NAMES_OF.clear()
            _NAMES_OF[id(holder)] = (holder, names)  # the holder kept: its id is not reused meanwhile
    if not names and not pairs:
        return value
    free = vn.OPENING if opening else 0
    if isinstance(value, Rich):
        out, at = [], 0
        for s in value.segments:
            out.append(replace(s, text=vn.keep_names(s.text, names, max(0, free - at), pairs=pairs)))
            at += len(s.text)
        return Rich(tuple(out))
    if isinstance(value, str):
        return vn.keep_names(value, names, free, pairs=pairs)
    return value


@pass_context
def keep_title(context: Context, value: Any) -> Any:
    """Filter `keep_title`, for a centred title (trích yếu, "V/v …"): as `keep_names`, with the
    words of two syllables a title never splits as well (`vn.titles.TITLE_TERMS`: "danh hiệu",
    "hình thức")."""
    holder = context.get("org") if "org" in context else context.get("doc")
    names = _issuer_names(holder)
    if isinstance(value, Rich):
        return Rich(tuple(replace(s, text=keep_title_text(s.text, names)) for s in value.segments))
    if isinstance(value, str):
        return keep_title_text(value, names)
    return value


# The names of an issuer kept by the record holding them (frozen: its names cannot change), for
# the process: every keep_names of a list's rows asks for the same issuer's (46 a decision).
# Off (KEEP_NAMES False): gathered from the holder at each call.
KEEP_NAMES = True
_NAMES_OF: dict[int, tuple[Any, tuple[str, ...]]] = {}


def _frozen(holder: Any) -> bool:
    """A frozen dataclass (docgen.model) or frozen pydantic record (docgen.records.schema)."""
    params = getattr(type(holder), "__dataclass_params__", None)
    if params is not None:
        return params.frozen
    config = getattr(type(holder), "model_config", None)
    return isinstance(config, dict) and bool(config.get("frozen"))


def _issuer_names(holder: Any) -> tuple[str, ...]:
    """The names `keep_names` keeps whole for `holder`: the offices every document names
    (`vn.OFFICES`: "Ủy ban nhân dân", "Giám đốc"), its `fixed_names`, and for an
    organisation (one with a `head`) its name, its head's and deputies' titles, and the names
    of the body it reports to and of itself as its units address it (`superior`, `addressed_as`)."""
    names = (*vn.OFFICES, *(getattr(holder, "fixed_names", None) or ()))
    head = getattr(holder, "head", None)
    if head is None:
        return names
    others = (getattr(holder, "superior", None), getattr(holder, "addressed_as", None))
    return (*names, holder.name, head.title, *(d.title for d in getattr(holder, "deputies", ())),
            *(n for n in others if n))


def _finalize(value: Any) -> Any:
    """Every printed value: rich text becomes runs, anything else NFC text (escaped later)."""
    if type(value) is str:  # most values: the one test they need, before the three below
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Rich):
        return rich_xml(value)
    if isinstance(value, Lines):
        return lines_xml(value)
    if isinstance(value, Table):
        return table_xml(value)
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


# Off: every attribute goes through the sandbox's own getattr (docgen.render.environment._Sandbox).
FAST_ATTRIBUTES = True
_METHODS = (types.MethodType, types.BuiltinMethodType)


class _Sandbox(SandboxedEnvironment):
    """The sandbox, remembering its verdict per (type, attribute): the verdict depends on
    nothing else, and asking again for every row of a long list costs more than rendering it."""

    _verdicts: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        key = (type(obj), attr)
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value)
        return verdict

    def getattr(self, obj: Any, attribute: str) -> Any:
        """`obj.attribute` as the sandbox gives it. An attribute already judged safe for objects
        of this type, whose value is not a method, is the sandbox's answer without its checks
        again (the only value it wraps is a str's format method, the only verdict it asks is the
        one kept): the rows of a long list ask for the same few attributes thousands of times."""
        if FAST_ATTRIBUTES and self._verdicts.get((type(obj), attribute)):
            try:
                value = getattr(obj, attribute)
            except AttributeError:
                pass
            else:
                if not isinstance(value, _METHODS):
                    return value
        return super().getattr(obj, attribute)


def make_environment() -> SandboxedEnvironment:
    env = _Sandbox(
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
    )
    env.filters.update(FILTERS)
    env.filters["keep_names"] = keep_names
    env.filters["keep_title"] = keep_title
    return env


ENVIRONMENT = make_environment()
