"""Fonts, colours and the text itself: Times New Roman, black, Unicode NFC, no TCVN3."""

import re
import unicodedata

from docgen.checker.findings import RULES, Context, rule
from docgen.vn import looks_like_tcvn3


def _all_paragraphs(ctx: Context):
    for p in ctx.doc.paragraphs:
        yield p, None
    for name, part in ctx.doc.parts.items():
        for p in part.paragraphs:
            yield p, name


@rule("ND30-FONT", "ND30-COLOR")
def fonts(ctx: Context):
    if not ctx.first:
        return
    family = RULES["ND30-FONT"]["family"]
    legacy = {f.lower() for f in RULES["ND30-FONT"]["legacy"]}
    allowed = {c.lower() for c in RULES["ND30-COLOR"]["allowed"]}
    # Paragraphs read from the same XML share their list of runs (checker/fastread.py), in this
    # file and in every file of the process: each list is judged once (`_VERDICTS`).
    verdicts = _verdicts(("fonts", family, frozenset(legacy), frozenset(allowed)))
    for p, part in _all_paragraphs(ctx):
        runs = p.runs
        held = verdicts.get(id(runs))
        if held is None or held[0] is not runs:
            held = verdicts[id(runs)] = (runs, _font_and_color(p.text_runs(), family, legacy, allowed))
        message, color = held[1]
        if message:
            yield ctx.at("ND30-FONT", p, message, part)
        if color:
            yield ctx.at("ND30-COLOR", p, f"chữ màu {color}, quy định màu đen", part)


# Verdicts kept for the life of the process, by what they were judged under (the rule's
# settings) and then by the runs' list or the text. A list is held with its verdict, so its id
# is not reused while the verdict stands. Off (FAST False): judged afresh for every file.
FAST = True
_VERDICTS: dict[tuple, dict] = {}
_MAX_VERDICTS = 50_000  # lists held: about the shapes checker/fastread.py keeps


def _verdicts(key: tuple) -> dict:
    """The verdicts kept under `key` (a fresh dict for this file alone when FAST is off)."""
    if not FAST:
        return {}
    kept = _VERDICTS.get(key)
    if kept is None or len(kept) > _MAX_VERDICTS:
        kept = _VERDICTS[key] = {}
    return kept


def _font_and_color(runs, family: str, legacy: set[str], allowed: set[str]) -> tuple[str | None, str | None]:
    """The ND30-FONT message and the colour not allowed, for a paragraph's text runs (None: fine)."""
    message = None
    bad = next((r.props.font for r in runs if (r.props.font or "") != family), None)
    if runs and bad is not None or (runs and any(r.props.font is None for r in runs)):
        font = bad or "(không ghi)"
        if font.lower() in legacy:
            message = f"phông {font} là phông TCVN3 cũ; phải dùng Times New Roman (Unicode)"
        else:
            message = f"phông {font}, quy định Times New Roman"
    color = next((r.props.color for r in runs if r.props.color and r.props.color.lower() not in allowed), None)
    return message, color


@rule("ND30-TEXT-NFC", "ND30-TEXT-TCVN3")
def unicode_text(ctx: Context):
    if not ctx.first:
        return
    verdicts = _verdicts(("text",))  # a text's (not NFC, looks like TCVN3), once per text
    for p, part in _all_paragraphs(ctx):
        if not p.text.strip():
            continue
        verdict = verdicts.get(p.text)
        if verdict is None:
            verdict = verdicts[p.text] = (not unicodedata.is_normalized("NFC", p.text), looks_like_tcvn3(p.text))
        if verdict[0]:
            word = next(w for w in p.text.split() if not unicodedata.is_normalized("NFC", w))
            yield ctx.at("ND30-TEXT-NFC", p, f"chữ \"{unicodedata.normalize('NFC', word)}\" gõ ở dạng"
                                              " tổ hợp (NFD); phải dùng Unicode dựng sẵn (NFC)", part)
        if verdict[1]:
            yield ctx.at("ND30-TEXT-TCVN3", p, "văn bản có vẻ gõ bằng bảng mã TCVN3 (.VnTime), không phải Unicode",
                         part)


_DOUBLE = re.compile(r"(\S+)( {2,})(\S+)")
# A blank the văn thư fills by hand, as the decree's samples leave it (Phụ lục III, Mẫu 1.1-1.3:
# "Số:         /QĐ-…"; Phụ lục I, II.5: "số …/…-… ngày … tháng … năm …", left blank on electronic
# documents): spaces between "số" and the "/" of the symbol, and in place of a day or a month.
_BLANK = re.compile(r"(?i)(?<!\S)(số:?(?= +/)|ngày(?= +tháng\b)|tháng(?= +năm\b)) {2,}")


@rule("ND30-TEXT-SPACES")
def spaces(ctx: Context):
    for p in ctx.roles.body + ctx.roles.cancu:
        text = p.text.strip()
        if "  " in text:
            text = _BLANK.sub(r"\1 ", text)  # a decree-style blank is not a typing slip
        m = _DOUBLE.search(text) if "  " in text else None  # the pattern backtracks: look first
        if m:
            yield ctx.at("ND30-TEXT-SPACES", p, f"hai dấu cách liền nhau: \"{m.group(1)}{m.group(2)}{m.group(3)}\"")
