"""The commands a new user runs, through click's CliRunner and as a real process."""

import ast
import subprocess
import sys

from conftest import ROOT, run
from docxread import read

from docgen import __version__


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"docgen, phiên bản {__version__}\n"


def test_help_is_vietnamese():
    result = run("--help")
    assert result.exit_code == 0
    assert result.output.startswith("Cách dùng: docgen [TÙY CHỌN] LỆNH [THAM SỐ]...")
    assert "Tùy chọn:" in result.output and "Lệnh:" in result.output
    for command in ("build", "validate", "init"):
        sub = run(command, "--help")
        assert sub.exit_code == 0
        assert sub.output.startswith(f"Cách dùng: docgen {command} [TÙY CHỌN]")
        assert "Hiện hướng dẫn này rồi thoát." in sub.output


def test_validate(plan_dir):
    result = run("validate", plan_dir)
    assert result.exit_code == 0
    assert result.output == (
        f"Hồ sơ hợp lệ: {plan_dir} — kế hoạch năm 2021, 51 đoạn nội dung, 21 chỉ tiêu.\n")
    assert not (plan_dir.parents[1] / "build").exists()


def test_build_reports_what_it_wrote(plan_dir):
    result = run("build", plan_dir)
    out = plan_dir.parents[1] / "build" / "ninh-binh-2021"
    units = ["van_phong", "lao_dong_viec_lam", "giao_duc_nghe_nghiep", "nguoi_co_cong", "bao_tro_xa_hoi",
             "tt_dich_vu_viec_lam", "tt_cong_tac_xa_hoi", "co_so_cai_nghien", "ninh_binh", "tam_diep", "hoa_lu",
             "gia_vien", "nho_quan", "yen_mo", "yen_khanh", "kim_son"]
    written = (["ke-hoach.docx"] + [f"bieu-mau/{u}.docx" for u in units] + [
        "bao-cao-tong-hop.docx", "bao-cao-tong-hop-2022.docx", "bao-cao-so-ket.docx",
        "quyet-dinh/du-thao-giay-khen.docx", "quyet-dinh/du-thao-lao-dong-tien-tien.docx",
        "quyet-dinh/du-thao-chien-si-thi-dua-co-so.docx", "to-trinh/du-thao-de-nghi-khen-thuong.docx",
        "quyet-dinh/tat-ca.docx"])
    assert result.output == "".join(f"Đã ghi {out / w}\n" for w in written) + "Xong: 25 văn bản.\n"


def test_init_makes_a_workspace_that_builds(tmp_path):
    target = tmp_path / "thi-dua-2026"
    result = run("init", target)
    assert result.exit_code == 0, result.output
    assert (target / "plans" / "ninh-binh-2021" / "plan.yaml").is_file()
    assert (target / "templates" / "ke-hoach.docx").is_file()
    assert result.output.splitlines()[-1] == (
        f"Dựng thử: docgen build {target / 'plans' / 'ninh-binh-2021'}")
    assert run("build", target / "plans" / "ninh-binh-2021").exit_code == 0
    built = read(target / "build" / "ninh-binh-2021" / "ke-hoach.docx")
    assert built.signature[-1].text == "Lâm Xuân Phương"


def test_init_refuses_a_folder_with_content(tmp_path):
    (tmp_path / "x.txt").write_text("x")
    result = run("init", tmp_path)
    assert result.exit_code == 1
    assert result.stderr == (f"{tmp_path}: thư mục đã có nội dung; hãy chọn một thư mục trống. Nếu đây là bộ hồ"
                             " sơ docgen và muốn bổ sung tệp mẫu còn thiếu: --force chỉ thêm tệp còn thiếu, giữ"
                             " nguyên sổ văn bản và mọi tệp đã sửa\n")


def test_python_m_docgen_builds(tmp_path, plan_dir):
    proc = subprocess.run(
        [sys.executable, "-m", "docgen", "build", str(plan_dir)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.endswith("Xong: 25 văn bản.\n")


def test_error_exit_has_no_traceback_in_a_real_process(tmp_path, plan_dir):
    (plan_dir / "plan.yaml").write_text("type: [", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "docgen", "build", str(plan_dir)],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr == (f"{plan_dir}/plan.yaml:2:1: cú pháp YAML sai: thiếu giá trị ở đây; kiểm tra dấu ','"
                           " và dấu ngoặc\n")


# Which package may import which: records -> model -> render -> output; vn, errors and texts (the
# message catalogue, docgen.po) are leaves.
ALLOWED = {
    "vn": set(),
    "records": {"vn", "errors", "texts"},
    "model": {"vn", "errors", "texts", "records", "model"},
    "render": {"vn", "errors", "texts", "model", "render"},
    "output": {"errors", "texts", "output"},
}


def test_layers_only_import_downstream():
    package = ROOT / "docgen"
    for layer, allowed in ALLOWED.items():
        for path in (package / layer).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("docgen"):
                    parts = node.module.split(".")
                    target = parts[1] if len(parts) > 1 else None
                    if target in (None, "__init__"):
                        names = {a.name for a in node.names}
                        assert names <= {"vn"} | allowed, (path, node.module, names)
                        continue
                    assert target == layer or target in allowed, (path, node.module)


def test_init_copies_the_law_figures_for_the_clerk(tmp_path):
    target = tmp_path / "ws"
    assert run("init", target).exit_code == 0
    assert (target / "law" / "award_forms.yaml").is_file()
    assert not list((target / "plans").rglob("so-van-ban.sqlite"))


def test_no_progress_bar_when_not_on_a_terminal(plan_dir):
    result = run("build", plan_dir)
    assert "Đang dựng" not in result.output and "Đang dựng" not in result.stderr
