"""What a document must have (ND30-REQUIRED) and what must not be left in it (ND30-REVISIONS)."""

from docgen.checker.findings import RULES, Context, rule


def kind_of(ctx: Context) -> str | None:
    """The row of ND30-REQUIRED that applies: a type name, "attached", "annex", "form" or None."""
    roles = ctx.roles
    if ctx.preamble or roles.kind == "preamble":
        return None
    if roles.kind == "annex":
        return "annex"
    if roles.attached_to is not None and roles.number is None:
        return "attached"
    if roles.quoc_hieu is None and roles.number is None and roles.noi_nhan is None and not roles.signature:
        return "form"
    return roles.doc_type or "default"


def _present(ctx: Context, element: str) -> bool:
    roles = ctx.roles
    if element == "quoc_hieu":
        return roles.quoc_hieu is not None
    if element == "agency":
        return roles.agency is not None
    if element == "subject":
        return bool(roles.subject)
    if element == "signature":
        return bool(roles.signature)
    if element == "annex_title":
        return all(title is not None for _, title, _ in roles.annexes)
    return getattr(roles, element) is not None


@rule("ND30-REQUIRED")
def required(ctx: Context):
    r = RULES["ND30-REQUIRED"]
    kind = kind_of(ctx)
    if kind is None:
        return
    if kind in ("attached", "annex", "form"):
        wanted = r[kind]
    else:
        wanted = r["types"].get(kind, r["default"])
    missing = [r["names"][e] for e in wanted if not _present(ctx, e)]
    if not missing:
        return
    anchor = ctx.roles.quoc_hieu or ctx.roles.type_name or (ctx.roles.annexes[0][0] if ctx.roles.annexes else None)
    what = {"annex": "phụ lục", "attached": "văn bản kèm theo", "default": "văn bản"}.get(
        kind, kind.lower() if kind != "form" else "biểu mẫu")
    message = f"{what} thiếu: {', '.join(missing)}"
    if anchor is None:
        yield ctx.where("ND30-REQUIRED", "đầu văn bản", message)
    else:
        yield ctx.at("ND30-REQUIRED", anchor, message)


@rule("ND30-REVISIONS")
def revisions(ctx: Context):
    if not ctx.first:
        return
    by_paragraph: dict[int, list] = {}
    for p, kind in ctx.doc.revisions:
        by_paragraph.setdefault(p.index, [p, []])[1].append(kind)
    for p, kinds in by_paragraph.values():
        kinds = ", ".join(dict.fromkeys(kinds))
        yield ctx.at("ND30-REVISIONS", p, f"còn thay đổi được theo dõi chưa chấp nhận ({kinds}); chấp nhận"
                                          " hoặc từ chối mọi thay đổi (Review > Accept/Reject) rồi lưu lại")
