"""Kính gửi, signature (ô 7) and Nơi nhận (ô 9b)."""

import re

from docgen.checker.findings import RULES, Context, rule


@rule("ND30-KINHGUI")
def kinh_gui(ctx: Context):
    r = RULES["ND30-KINHGUI"]
    lines = ctx.roles.recipients_to
    for p in lines:
        yield from ctx.size("ND30-KINHGUI", p, r["min_pt"], r["max_pt"])
        yield from ctx.flag("ND30-KINHGUI", p, "bold", False)
    items = lines[1:]
    if lines and not lines[0].clean.startswith("Kính gửi:"):
        yield ctx.at("ND30-KINHGUI", lines[0], "phải viết \"Kính gửi:\" (có dấu hai chấm)")
    for i, p in enumerate(items):
        last = i == len(items) - 1
        if not p.clean.endswith("." if last else ";"):
            yield ctx.at("ND30-KINHGUI", p, "dòng kính gửi cuối kết thúc bằng \".\"" if last
                         else "mỗi dòng kính gửi kết thúc bằng \";\"")


@rule("ND30-SIG-AUTH")
def authority(ctx: Context):
    r = RULES["ND30-SIG-AUTH"]
    for p in ctx.roles.signature:
        yield from ctx.upper("ND30-SIG-AUTH", p)
        yield from ctx.size("ND30-SIG-AUTH", p, r["min_pt"], r["max_pt"])
        yield from ctx.flag("ND30-SIG-AUTH", p, "bold", True)
        first = p.clean.split(" ")[0]
        if first.endswith(".") and first not in r["prefixes"] and len(first) <= 4:
            yield ctx.at("ND30-SIG-AUTH", p, f"\"{first}\" không phải tiền tố thẩm quyền của Nghị định"
                                              " 30 (TM., KT., Q., TL., TUQ.)")


@rule("ND30-SIG-NAME")
def signer(ctx: Context):
    p, r = ctx.roles.signer, RULES["ND30-SIG-NAME"]
    if p is None:
        return
    yield from ctx.size("ND30-SIG-NAME", p, r["min_pt"], r["max_pt"])
    yield from ctx.flag("ND30-SIG-NAME", p, "bold", True)
    first = p.clean.split(" ")[0]
    if first in r["academic_titles"]:
        yield ctx.at("ND30-SIG-NAME", p, f"không ghi học hàm, học vị (\"{first}\") trước họ tên người ký")


@rule("ND30-NOINHAN-LABEL", "ND30-NOINHAN-ITEM", "ND30-NOINHAN-LUU")
def noi_nhan(ctx: Context):
    p = ctx.roles.noi_nhan
    if p is None:
        return
    r = RULES["ND30-NOINHAN-LABEL"]
    if p.clean != r["text"]:
        yield ctx.at("ND30-NOINHAN-LABEL", p, f"phải viết \"{r['text']}\"")
    yield from ctx.size("ND30-NOINHAN-LABEL", p, r["size_pt"])
    yield from ctx.flag("ND30-NOINHAN-LABEL", p, "bold", True)
    yield from ctx.flag("ND30-NOINHAN-LABEL", p, "italic", True)
    items = ctx.roles.noi_nhan_items
    r = RULES["ND30-NOINHAN-ITEM"]
    for item in items:
        yield from ctx.size("ND30-NOINHAN-ITEM", item, r["size_pt"])
        yield from ctx.flag("ND30-NOINHAN-ITEM", item, "bold", False)
    # An item may wrap onto paragraphs of its own; it starts with "- " and ends with ";".
    groups = ctx.roles.noi_nhan_groups or [[p] for p in items]
    dashed = True
    for i, group in enumerate(groups):
        dashed = group[0].clean.startswith("- ")
        if not dashed:
            yield ctx.at("ND30-NOINHAN-ITEM", group[0], "mỗi nơi nhận bắt đầu bằng \"- \"")
        elif i < len(groups) - 1 and not group[-1].clean.endswith(";"):
            yield ctx.at("ND30-NOINHAN-ITEM", group[-1], "mỗi nơi nhận kết thúc bằng dấu \";\"")
    last = " ".join(p.clean for p in groups[-1]) if groups else ""
    if items and dashed and not re.match(RULES["ND30-NOINHAN-LUU"]["regex"], last):
        yield ctx.at("ND30-NOINHAN-LUU", items[-1], "dòng cuối phải là \"- Lưu: VT, ….\" và kết thúc bằng \".\"")
    elif not items:
        yield ctx.at("ND30-NOINHAN-LUU", p, "thiếu dòng \"- Lưu: VT, ….\"")
