"""Helpers of the web view's tests: a built workspace to copy, and a form filled as a unit fills
it in Word (python-docx: the text of each content control replaced)."""

import shutil
from pathlib import Path

import docx
from conftest import ROOT, build_and_issue, run
from docx.oxml.ns import qn

PLAN = "ninh-binh-2021"
# What Yên Mô (the example's one unit without a result) reports, by target id.
YEN_MO = {"lao_dong_qua_dao_tao": "71,5 %", "lao_dong_co_bang_cap": "28 %", "viec_lam": "2.150",
          "xuat_khau_lao_dong": "160", "that_nghiep": "1,7 %", "xa_lam_tot_tbls": "100 %", "me_vnah": "100 %",
          "bao_tro_xa_hoi": "100 %", "tro_cap_cong_dong": "99 %", "tre_em_bhyt": "100 %"}


def make_built(root: Path, issued: bool = True) -> Path:
    """A copy of the shipped workspace at `root`, the example plan built into build/ and, when
    `issued`, its decisions and tờ trình issued on 20/12/2021 as the văn thư does after signing
    (`docgen issue`); else they stay drafts awaiting their numbers."""
    shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
    shutil.copytree(ROOT / "templates", root / "templates")
    if issued:
        build_and_issue(root / "plans" / PLAN)
        return root
    result = run("build", root / "plans" / PLAN)
    assert result.exit_code == 0, result.stderr
    return root


def fill_form(path: Path, values: dict[str, str], day: str = "10", month: str = "12") -> None:
    """Type `values` ({target id: text}) into the "Thực hiện" fields of a unit's form, and the
    report's number and date, as the unit's clerk does in Word; saved with python-docx."""
    fields = {f"docgen:target:{k}": v for k, v in values.items()}
    fields.update({"docgen:meta:number": "25", "docgen:meta:day": day, "docgen:meta:month": month})
    document = docx.Document(str(path))
    filled = set()
    for sdt in document.element.body.iter(qn("w:sdt")):
        alias = sdt.find(qn("w:sdtPr") + "/" + qn("w:alias"))
        name = alias.get(qn("w:val")) if alias is not None else None
        if name not in fields:
            continue
        texts = list(sdt.find(qn("w:sdtContent")).iter(qn("w:t")))
        texts[0].text = fields[name]
        for t in texts[1:]:
            t.text = ""
        filled.add(name)
    assert filled == set(fields), set(fields) - filled
    document.save(str(path))
