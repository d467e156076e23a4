"""Phụ lục (annex): label, title and the "(Kèm theo …)" line."""

from docgen.checker.findings import RULES, Context, rule


@rule("ND30-PHULUC-LABEL", "ND30-PHULUC-TITLE", "ND30-PHULUC-REF")
def annexes(ctx: Context):
    for label, title, ref in ctx.roles.annexes:
        r = RULES["ND30-PHULUC-LABEL"]
        yield from ctx.size("ND30-PHULUC-LABEL", label, r["size_pt"])
        yield from ctx.flag("ND30-PHULUC-LABEL", label, "bold", True)
        yield from ctx.align("ND30-PHULUC-LABEL", label, "center")
        if title is not None:
            r = RULES["ND30-PHULUC-TITLE"]
            yield from ctx.upper("ND30-PHULUC-TITLE", title)
            yield from ctx.size("ND30-PHULUC-TITLE", title, r["min_pt"], r["max_pt"])
            yield from ctx.flag("ND30-PHULUC-TITLE", title, "bold", True)
            yield from ctx.align("ND30-PHULUC-TITLE", title, "center")
        if ref is None:
            yield ctx.at("ND30-PHULUC-REF", label, "thiếu dòng \"(Kèm theo … số … ngày …)\" dưới tên phụ lục")
        else:
            r = RULES["ND30-PHULUC-REF"]
            yield from ctx.size("ND30-PHULUC-REF", ref, r["min_pt"], r["max_pt"])
            yield from ctx.flag("ND30-PHULUC-REF", ref, "italic", True)
            yield from ctx.align("ND30-PHULUC-REF", ref, "center")
