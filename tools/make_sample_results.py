"""Write the example's sample results (plans/ninh-binh-2021/results/) by filling each unit's form
and collecting it, as an office would. Sample figures, marked so; one unit has not reported.

    python tools/make_sample_results.py
"""

import random
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from fill import fill  # noqa: E402

from docgen.build import build, reports, validate  # noqa: E402
from docgen.collect import collect  # noqa: E402
from docgen.records.schema import Bound, Range  # noqa: E402
from docgen.vn import format_number  # noqa: E402

PLAN = ROOT / "plans" / "ninh-binh-2021"
NOT_REPORTED = "yen_mo"
TEXTS = {
    "chi_dao": "Ban hành kế hoạch triển khai phong trào thi đua của đơn vị, tổ chức quán triệt đến toàn thể"
               " cán bộ, công chức, viên chức; ký giao ước thi đua đầu năm.",
    "ket_qua_linh_vuc": "Hoàn thành các nhiệm vụ trọng tâm của năm trong lĩnh vực được giao.",
    "mo_hinh": "Nhân rộng mô hình giải quyết thủ tục hành chính trên môi trường mạng.",
    "khen_thuong": "Đề nghị khen thưởng kịp thời các tập thể, cá nhân có thành tích.",
    "ton_tai": "Một số chỉ tiêu còn chậm do ảnh hưởng của dịch COVID-19.",
    "phuong_huong": "Tiếp tục đẩy mạnh phong trào thi đua, hoàn thành các chỉ tiêu năm 2022.",
    "kien_nghi": "Đề nghị Sở tăng cường tập huấn nghiệp vụ cho cán bộ làm công tác thi đua, khen thưởng.",
}


def sample_value(planned, value, rng: random.Random) -> Decimal:
    if isinstance(value, Range):
        return (value.min + Decimal(rng.randint(-10, 30)) / 10).quantize(Decimal("0.1"))
    if isinstance(value, Bound):
        bound = value.below if value.below is not None else value.above
        return (bound - Decimal(rng.randint(1, 4)) / 10).quantize(Decimal("0.1"))
    if value == 100 and planned == 100:
        return Decimal(100)
    return (Decimal(planned) * Decimal(rng.randint(95, 112)) / 100).quantize(Decimal("1"))


def main() -> None:
    rng = random.Random(2021)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copytree(ROOT / "plans", work / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite", "results"))
        shutil.copytree(ROOT / "templates", work / "templates")
        plan_dir = work / "plans" / "ninh-binh-2021"
        build(plan_dir)
        plan = validate(plan_dir)
        units, _, _ = reports(plan_dir, plan)
        forms = []
        for unit in units.units:
            if unit.id == NOT_REPORTED:
                continue
            form = work / "build" / "ninh-binh-2021" / "bieu-mau" / f"{unit.id}.docx"
            values = {"docgen:meta:number": str(rng.randint(20, 90)), "docgen:meta:day": str(rng.randint(5, 14)),
                      "docgen:meta:month": "12"}
            for ut in units.targets_of(plan, unit):
                figure = sample_value(ut.planned if ut.planned is not None else ut.target.value, ut.target.value, rng)
                values[f"docgen:target:{ut.id}"] = format_number(figure) + ("%" if ut.target.is_percent else "")
            values.update({f"docgen:text:{k}": v for k, v in TEXTS.items()})
            fill(form, values)
            forms.append(form)
        collect(plan_dir, forms)
        target = PLAN / "results"
        target.mkdir(exist_ok=True)
        # Only the plan year's unit results are made here: the office's texts (bao-cao.yaml) and
        # the later years (results/<year>/) stay.
        for old in target.glob("*.yaml"):
            if old.name != "bao-cao.yaml":
                old.unlink()
        for path in sorted((plan_dir / "results").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            schema_line, rest = text.split("\n", 1)  # the editor's schema line stays first
            text = (schema_line + "\n# DỮ LIỆU MẪU: số liệu và nội dung minh họa, không phải báo cáo thật của đơn vị.\n"
                    + rest.rstrip("\n") + "\nsample: true\n")
            (target / path.name).write_text(text, encoding="utf-8")
            print(target / path.name)


if __name__ == "__main__":
    main()
