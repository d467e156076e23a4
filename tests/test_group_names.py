"""The consolidated report names groups and units as units.yaml writes them (a new user's report,
Sở Nông nghiệp Thừa Thiên Huế 2024): a group named as an office ("Văn phòng Điều phối nông thôn
mới") keeps its capital inside the sentence, where a common-noun group ("Các phòng nghiệp vụ Sở")
is lower-cased."""

from pathlib import Path

import docx
from conftest import run
from docxread import shown
from test_bad_input import edit

OFFICE = "Phòng Lao động - Thương binh và Xã hội huyện "


def _paragraphs(path: Path) -> list[str]:
    return [shown(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def test_a_group_named_as_an_office_keeps_its_capital(plan_dir):
    units = plan_dir / "units.yaml"
    edit(units, "{id: don_vi_truc_thuoc, name: Các đơn vị trực thuộc Sở}",
         "{id: don_vi_truc_thuoc, name: Văn phòng Điều phối giảm nghèo bền vững}")
    result = run("build", plan_dir)
    assert result.exit_code == 0, result.output
    texts = _paragraphs(plan_dir.parents[1] / "build" / "ninh-binh-2021" / "bao-cao-tong-hop.docx")
    assert next(t for t in texts if t.startswith("Phong trào thi đua năm 2021")) == (
        "Phong trào thi đua năm 2021 được triển khai tới 16 đơn vị (các phòng nghiệp vụ Sở: 5; Văn phòng"
        " Điều phối giảm nghèo bền vững: 3; Phòng Lao động - Thương binh và Xã hội các huyện, thành phố: 8)."
        f" Đến hạn báo cáo, 15/16 đơn vị đã gửi báo cáo; chưa có báo cáo của {OFFICE}Yên Mô.")


def test_group_phrase_lowers_a_common_noun_group_only():
    from docgen.vn import group_phrase
    assert group_phrase("Các Trung tâm sự nghiệp trực thuộc Sở") == "các Trung tâm sự nghiệp trực thuộc Sở"
    assert group_phrase("Những đơn vị trực thuộc") == "những đơn vị trực thuộc"
    assert group_phrase("Văn phòng Điều phối nông thôn mới") == "Văn phòng Điều phối nông thôn mới"
    assert group_phrase("Phòng Lao động - Thương binh và Xã hội các huyện") == (
        "Phòng Lao động - Thương binh và Xã hội các huyện")
    assert group_phrase("Cácbon") == "Cácbon" and group_phrase("") == ""
