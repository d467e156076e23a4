"""Award decisions in bulk: docgen against a plain docxtpl loop, the bundle, and memory.

    python bench/decisions.py N [--bundle-sizes 250,500,1000]

Makes N synthetic awardees (Vietnamese names with diacritics, as an Excel list would hold
them) in N/20 decisions of 20 rows, then in the same run, with the same template and data:
docgen (compile once, render, write) and a docxtpl loop (load the template, render, save per
decision). Prints decisions per second for both and their ratio, the bundle time for several
sizes, and the peak memory of the process. Figures only, nothing asserted.
"""

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Mai Trịnh Đoàn".split()
MIDDLE = "Văn Thị Đức Minh Thu Ngọc Hữu Quang Thanh Xuân Hồng Anh Bảo Kim".split()
GIVEN = ("An Ánh Ân Bình Chi Cường Dũng Đào Giang Hà Hải Hạnh Hoa Hùng Hương Khánh Lan Linh Long Mai Minh"
         " Nam Nga Ngọc Phương Quân Quỳnh Sơn Tâm Thảo Thắng Thu Trang Tuấn Vân Việt Yến").split()
OFFICES = ["Văn phòng Sở", "Phòng Người có công", "Phòng Lao động - Việc làm", "Trung tâm Dịch vụ việc làm",
           "Phòng Lao động - Thương binh và Xã hội huyện Kim Sơn", "Phòng Bảo trợ xã hội & Trẻ em"]


def synthetic_awards(n: int, seed: int = 2021) -> str:
    """awards.yaml text: n awardees, 20 to a decision (one group each)."""
    rng = random.Random(seed)
    groups = (n + 19) // 20
    lines = ["date: 2021-12-20", "proposed_by: Chánh Văn phòng Sở",
             "achievement: đã có thành tích xuất sắc trong phong trào thi đua năm 2021",
             "fund: Quỹ Thi đua, khen thưởng của Sở", "executors: Chánh Văn phòng Sở", "archive: VP", "groups:"]
    lines += [f"  - {{id: g{g:05d}, document: decision}}" for g in range(groups)]
    lines.append("awards:")
    for i in range(n):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        honorific = rng.choice(["Ông", "Bà"])
        lines.append(f"  - {{name: '{name} {i}', honorific: {honorific}, kind: individual, form: giay_khen,"
                     f" position: Chuyên viên, office: '{rng.choice(OFFICES)}', group: g{i // 20:05d}}}")
    return "\n".join(lines) + "\n"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000 * 20)
    parser.add_argument("--bundle-sizes", default="250,500,1000")
    parser.add_argument("--docxtpl-sample", type=int, default=50,
                        help="decisions rendered by the docxtpl loop (its rate is per decision)")
    args = parser.parse_args()

    from docgen.build import award_documents, validate
    from docgen.model.documents import award_jobs
    from docgen.output import package_bytes, write_package
    from docgen.output.bundle import bundle
    from docgen.render import ENVIRONMENT, TemplateSet
    from docgen.render.batch import render_all

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "plans", root / "plans", ignore=shutil.ignore_patterns("so-van-ban.sqlite"))
        plan_dir = root / "plans" / "ninh-binh-2021"
        (plan_dir / "awards.yaml").write_text(synthetic_awards(args.n), encoding="utf-8")
        template = ROOT / "templates" / "quyet-dinh.docx"

        start = time.perf_counter()
        plan = validate(plan_dir)
        from docgen.records.register import Register

        with Register.of_workspace(root).numbering() as numbering:  # reserved, as a build does
            docs = award_documents(plan_dir, plan, numbering)
        jobs = award_jobs(plan, docs)
        model_s = time.perf_counter() - start
        count = len(jobs)
        print(f"{args.n} người được khen, {count} quyết định ({args.n // count} dòng mỗi danh sách);"
              f" đọc hồ sơ, kiểm tra và cấp số: {model_s:.2f} s")

        templates = TemplateSet([ROOT / "templates"])
        out = root / "out"
        out.mkdir()
        start = time.perf_counter()
        rendered = render_all(templates, jobs)  # as docgen build does
        render_s = time.perf_counter() - start
        zipped = [package_bytes(parts) for parts in rendered]
        zip_s = time.perf_counter() - start - render_s
        for job, parts in zip(jobs, rendered, strict=True):
            write_package(out / Path(job.output).name, parts)
        docgen_s = time.perf_counter() - start - zip_s  # render, then zip and write each file
        del zipped
        print(f"  trong đó: dựng {render_s / count * 1000:.2f} ms, nén zip {zip_s / count * 1000:.2f} ms,"
              f" nén và ghi tệp {(docgen_s - render_s) / count * 1000:.2f} ms mỗi quyết định")
        memory_rate = count / (render_s + zip_s)
        docgen_rate = count / docgen_s
        print(f"docgen: {count} quyết định trong {docgen_s:.2f} s = {docgen_rate:.0f} quyết định/giây"
              f" ({docgen_s / count * 1000:.2f} ms mỗi quyết định, dựng + ghi tệp, {os.cpu_count()} lõi)")
        print(f"bộ nhớ đỉnh sau khi dựng: {peak_mb():.0f} MB")

        import docxtpl

        sample = jobs[: args.docxtpl_sample]
        start = time.perf_counter()
        for job in sample:
            tpl = docxtpl.DocxTemplate(str(template))
            tpl.render(job.context, jinja_env=ENVIRONMENT)
            tpl.save(str(out / f"docxtpl-{Path(job.output).name}"))
        docxtpl_s = time.perf_counter() - start
        docxtpl_rate = len(sample) / docxtpl_s
        print(f"vòng lặp docxtpl: {len(sample)} quyết định trong {docxtpl_s:.2f} s = {docxtpl_rate:.0f}"
              f" quyết định/giây ({docxtpl_s / len(sample) * 1000:.1f} ms mỗi quyết định)")
        print(f"tỷ lệ: docgen nhanh gấp {docgen_rate / docxtpl_rate:.1f} lần (cả ghi tệp);"
              f" {memory_rate / docxtpl_rate:.1f} lần nếu chỉ tính dựng và nén trong bộ nhớ")

        for size in (int(s) for s in args.bundle_sizes.split(",")):
            if size > len(rendered):
                continue
            start = time.perf_counter()
            data = package_bytes(bundle(rendered[:size]))
            (out / f"tat-ca-{size}.docx").write_bytes(data)
            print(f"tệp in gộp {size} quyết định: {time.perf_counter() - start:.2f} s,"
                  f" {len(data) / 1e6:.1f} MB")
        print(f"bộ nhớ đỉnh của tiến trình (cả vòng lặp docxtpl và tệp gộp): {peak_mb():.0f} MB")


if __name__ == "__main__":
    sys.exit(main())
