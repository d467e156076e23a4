"""Templates are real .docx files: edits a clerk makes are honoured; the stock ones are reproducible."""

import importlib.util
import re
import zipfile
from pathlib import Path

from conftest import ROOT, run
from docxread import read
from test_bad_input import edit_template
from zipparts import replace_in

from docgen.model import build_plan
from docgen.model.documents import plan_documents
from docgen.records import load_records
from docgen.render import DocxTemplate


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_committed_templates_are_what_the_script_makes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_templates", ROOT / "tools" / "make_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in module.TEMPLATES:
        assert (tmp_path / name).read_bytes() == (ROOT / "templates" / name).read_bytes(), name


def test_stock_template_is_slim():
    assert (ROOT / "templates" / "ke-hoach.docx").stat().st_size < 20_000


def test_static_sentence_edited_in_template_appears(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    # The title comes from the plan's type; a clerk's words around it stay.
    edit_template(template, ">{{ plan.type_name | upper }}<", ">{{ plan.type_name | upper }} (DỰ THẢO)<")
    assert run("build", plan_dir).exit_code == 0
    doc = read(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx")
    assert doc.body[0].text == "KẾ HOẠCH (DỰ THẢO)"


def test_style_size_edited_in_template_is_honoured(plan_dir):
    template = plan_dir.parents[1] / "templates" / "ke-hoach.docx"
    styles = _parts(template)["word/styles.xml"].decode()
    body_style = re.search(r'<w:style [^>]*w:styleId="NoiDung".*?</w:style>', styles).group(0)
    replace_in(template, "word/styles.xml", body_style, body_style.replace('w:val="28"', 'w:val="26"'))
    assert run("build", plan_dir).exit_code == 0
    doc = read(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx")
    assert doc.fmt(doc.find("Phát động toàn thể cán bộ")).size == 13


def test_plan_folder_template_overrides_workspace_template(plan_dir):
    own = plan_dir / "templates"
    own.mkdir()
    (own / "ke-hoach.docx").write_bytes((plan_dir.parents[1] / "templates" / "ke-hoach.docx").read_bytes())
    edit_template(own / "ke-hoach.docx", ">{{ plan.type_name | upper }}<", ">KẾ HOẠCH RIÊNG<")
    assert run("build", plan_dir).exit_code == 0
    doc = read(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "ke-hoach.docx")
    assert doc.body[0].text == "KẾ HOẠCH RIÊNG"


def test_one_compiled_template_renders_many_contexts(tmp_path, plan_dir):
    copy = tmp_path / "once.docx"
    copy.write_bytes((ROOT / "templates" / "ke-hoach.docx").read_bytes())
    template = DocxTemplate(copy)
    copy.unlink()  # rendering must not read the file again
    job = plan_documents(build_plan(load_records(plan_dir)))[0]
    first = template.render(job.context)
    (plan_dir / "organisation.yaml").write_text(
        (plan_dir / "organisation.yaml").read_text(encoding="utf-8").replace(
            "Lâm Xuân Phương", "Nguyễn Văn An"), encoding="utf-8")
    job2 = plan_documents(build_plan(load_records(plan_dir)))[0]
    second = template.render(job2.context)
    assert "Lâm Xuân Phương" in first["word/document.xml"].decode()
    assert "Nguyễn Văn An" in second["word/document.xml"].decode()
    assert "Lâm Xuân Phương" not in second["word/document.xml"].decode()
