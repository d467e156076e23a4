"""Body (ô 6): size, alignment, indent and spacing; headings, point letters, căn cứ."""

import re

from docgen.checker.findings import RULES, Context, pt, rule
from docgen.checker.ooxml import Paragraph

ROMAN = re.compile(r"^[IVXLC]+\.\s")
DIEU = re.compile(r"^Điều \d+\.")
KHOAN = re.compile(r"^\d+(\.\d+)*\.\s")
DIEM = re.compile(r"^([a-zđ])\)\s")
TWIPS_PER_CM = 1440 / 2.54


def kind(p: Paragraph) -> str:
    text = p.clean
    if ROMAN.match(text):
        return "roman"
    if DIEU.match(text):
        return "dieu"
    if KHOAN.match(text):
        return "khoan"
    if DIEM.match(text):
        return "diem"
    if (p.props.align or "left") == "center":
        return "centered"
    return "plain"


@rule("ND30-BODY-SIZE", "ND30-BODY-ALIGN", "ND30-BODY-INDENT", "ND30-BODY-PARA-SPACING",
      "ND30-BODY-LINE-SPACING")
def body(ctx: Context):
    size = RULES["ND30-BODY-SIZE"]
    indent = RULES["ND30-BODY-INDENT"]
    spacing = RULES["ND30-BODY-PARA-SPACING"]
    lines = RULES["ND30-BODY-LINE-SPACING"]
    for p in ctx.roles.body:
        k = kind(p)
        yield from ctx.size("ND30-BODY-SIZE", p, size["min_pt"], size["max_pt"])
        if k == "centered" or not re.search(r"[^\W\d_]", p.clean):
            continue  # a centred line ("QUYẾT ĐỊNH:") or no words at all ("./.", "……")
        if k == "plain":
            yield from ctx.align("ND30-BODY-ALIGN", p, "justify")
            yield from ctx.flag("ND30-BODY-ALIGN", p, "bold", False)
            yield from ctx.flag("ND30-BODY-ALIGN", p, "italic", False)
            first_cm = (p.props.first_line or 0) / TWIPS_PER_CM
            if not any(abs(first_cm - a) <= indent["tolerance_cm"] for a in indent["first_line_cm_allowed"]):
                yield ctx.at("ND30-BODY-INDENT", p,
                             f"thụt đầu dòng {pt(round(first_cm, 2))} cm, quy định 1 cm hoặc 1,27 cm")
        gap = max(p.props.before or 0, p.props.after or 0) / 20
        if gap < spacing["min_pt"]:
            yield ctx.at("ND30-BODY-PARA-SPACING", p,
                         f"khoảng cách giữa các đoạn {pt(gap)} pt, quy định tối thiểu {spacing['min_pt']} pt")
        ratio = _line_ratio(p)
        if ratio is not None and not lines["min_lines"] - 0.01 <= ratio <= lines["max_lines"] + 0.01:
            yield ctx.at("ND30-BODY-LINE-SPACING", p,
                         f"giãn dòng {pt(round(ratio, 2))} dòng, quy định từ 1 đến 1,5 dòng")


def _line_ratio(p: Paragraph) -> float | None:
    line, rule_ = p.props.line, p.props.line_rule
    if line is None:
        return 1.0
    if rule_ == "auto":
        return line / 240
    runs = p.text_runs()
    size = runs[0].props.size if runs and runs[0].props.size else 13
    return (line / 20) / (size * 1.15)  # a single line of Times New Roman is 1.15 × its size


@rule("ND30-MUC-ROMAN", "ND30-DIEU")
def headings(ctx: Context):
    for p in ctx.roles.body:
        k = kind(p)
        if k == "roman":
            title = ROMAN.sub("", p.shown())
            if title != title.upper():
                yield ctx.at("ND30-MUC-ROMAN", p, "tên mục sau số La Mã phải viết in hoa")
            yield from ctx.flag("ND30-MUC-ROMAN", p, "bold", True)
        elif k == "dieu":
            runs = p.text_runs()
            if runs and not runs[0].props.bold:
                yield ctx.at("ND30-DIEU", p, "\"Điều …\" phải in đậm")


@rule("ND30-DIEM")
def points(ctx: Context):
    letters = RULES["ND30-DIEM"]["letters"].split()
    expected: str | None = None
    for p in ctx.roles.body:
        k = kind(p)
        if k in ("roman", "khoan", "dieu"):
            expected = letters[0]
            continue
        if k != "diem":
            continue
        letter = DIEM.match(p.clean).group(1)
        if letter not in letters:
            yield ctx.at("ND30-DIEM", p, f"điểm \"{letter})\" không có trong thứ tự chữ cái tiếng Việt"
                                          f" a), b), c), d), đ), e), g)…")
            expected = None
        elif expected is not None and letter != expected and letter != letters[0]:
            yield ctx.at("ND30-DIEM", p, f"điểm \"{letter})\" đứng sau điểm trước, theo thứ tự phải là"
                                          f" \"{expected})\"")
            expected = letters[letters.index(letter) + 1] if letter != letters[-1] else None
        else:
            expected = letters[letters.index(letter) + 1] if letter != letters[-1] else None


@rule("ND30-CANCU")
def cancu(ctx: Context):
    r = RULES["ND30-CANCU"]
    lines = ctx.roles.cancu
    kind = ctx.roles.type_name.clean if ctx.roles.type_name is not None else None
    italic = kind is None or kind in r["italic_in"]
    for i, p in enumerate(lines):
        yield from ctx.size("ND30-CANCU", p, r["min_pt"], r["max_pt"])
        if italic:
            yield from ctx.flag("ND30-CANCU", p, "italic", True)
        end = p.clean[-1:]
        if i < len(lines) - 1 and end != r["line_end"]:
            yield ctx.at("ND30-CANCU", p, "mỗi dòng căn cứ phải kết thúc bằng dấu \";\"")
        elif i == len(lines) - 1 and end not in r["last_line_end"]:
            yield ctx.at("ND30-CANCU", p, "dòng căn cứ cuối phải kết thúc bằng dấu \".\"")
