"""Page: A4 portrait, margins, and page numbers at the top centre, hidden on page 1."""

from docgen.checker.findings import RULES, Context, pt, rule

TWIPS_PER_MM = 1440 / 25.4


def _mm(twips: int | None) -> float | None:
    return None if twips is None else twips / TWIPS_PER_MM


@rule("ND30-PAPER", "ND30-ORIENTATION")
def paper(ctx: Context):
    if not ctx.first:
        return
    r = RULES["ND30-PAPER"]
    for s in ctx.doc.sections:
        w, h = _mm(s.width), _mm(s.height)
        if w is None or h is None:
            yield ctx.where("ND30-PAPER", f"phần {s.index}", "không ghi khổ giấy; quy định A4")
            continue
        short, long_ = sorted((w, h))
        if abs(short - r["width_mm"]) > r["tolerance_mm"] or abs(long_ - r["height_mm"]) > r["tolerance_mm"]:
            yield ctx.where("ND30-PAPER", f"phần {s.index}",
                            f"khổ giấy {pt(round(w))} × {pt(round(h))} mm, quy định A4 (210 × 297 mm)")
        if (w > h or s.orient == "landscape") and not s.has_table:
            yield ctx.where("ND30-ORIENTATION", f"phần {s.index}",
                            "trang nằm ngang chỉ dùng cho phần có bảng biểu; phần này không có bảng")


@rule("ND30-MARGIN-TOP", "ND30-MARGIN-BOTTOM", "ND30-MARGIN-LEFT", "ND30-MARGIN-RIGHT")
def margins(ctx: Context):
    if not ctx.first:
        return
    names = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}
    for s in ctx.doc.sections:
        for side, name in names.items():
            rid = f"ND30-MARGIN-{side.upper()}"
            r = RULES[rid]
            mm = _mm(s.margins.get(side))
            if mm is None:
                yield ctx.where(rid, f"phần {s.index}", f"không ghi lề {name}")
            elif not r["min_mm"] - 0.1 <= abs(mm) <= r["max_mm"] + 0.1:
                yield ctx.where(rid, f"phần {s.index}",
                                f"lề {name} {pt(round(abs(mm), 1))} mm, quy định {r['min_mm']}–{r['max_mm']} mm")


def _page_paragraphs(ctx: Context, name: str):
    part = ctx.doc.parts.get(name)
    return [p for p in part.paragraphs if any("PAGE" in f.split() for f in p.fields)] if part else []


@rule("ND30-PAGENUM", "ND30-PAGENUM-MISSING")
def page_numbers(ctx: Context):
    if not ctx.first:
        return
    r = RULES["ND30-PAGENUM"]
    any_number = False
    for s in ctx.doc.sections:
        for kind, names in (("chân trang", s.footers), ("đầu trang", s.headers)):
            for htype, name in names.items():
                numbered = _page_paragraphs(ctx, name)
                if not numbered:
                    continue
                any_number = True
                if kind == "chân trang":
                    yield ctx.where("ND30-PAGENUM", f"phần {s.index}, {name}",
                                    "số trang phải ở giữa lề trên (đầu trang), không ở chân trang")
                    continue
                # A document's first page is the first section's, or one restarting at page 1.
                starts_document = s.index == 1 or s.restart == 1
                if starts_document and (htype == "first" or (htype == "default" and not s.title_page)):
                    yield ctx.where("ND30-PAGENUM", f"phần {s.index}, {name}",
                                    "số trang hiện ở trang đầu; phải bật \"trang đầu khác\" và để"
                                    " trống đầu trang của trang đầu")
                for p in numbered:
                    for f in ctx.size("ND30-PAGENUM", p, r["min_pt"], r["max_pt"]):
                        yield ctx.where("ND30-PAGENUM", f"phần {s.index}, {name}",
                                        f"số trang: {f.message}")
                    if (p.props.align or "left") != "center":
                        yield ctx.where("ND30-PAGENUM", f"phần {s.index}, {name}",
                                        "số trang phải căn giữa")
    if not any_number and len(ctx.doc.paragraphs) > 40:
        yield ctx.where("ND30-PAGENUM-MISSING", "phần 1",
                        "không có số trang (trường PAGE ở đầu trang) cho văn bản nhiều trang")
