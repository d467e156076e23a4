"""The two kinds of tờ trình read alike (issue 11, a new user's Sở Nông nghiệp Thừa Thiên Huế):
the award tờ trình (template to-trinh, "… đề nghị khen thưởng") and a tờ trình written as a
document record (template van-ban). Decree 30 Phụ lục I §II.6.a sets căn cứ lines in italic
(its samples Mẫu 1.1-1.3); its Mục V shows one addressee as "Kính gửi: Bộ Nội vụ", no full stop
(§II.9.d: a full stop ends only the last of several). Read back from the runs of the built files."""

from pathlib import Path

import docx
import pytest
from conftest import copy_examples, run

AWARD = ("ninh-binh-2021", "to-trinh/du-thao-de-nghi-khen-thuong.docx")
RECORD = ("to-trinh-truong-tieu-hoc", "to-trinh.docx")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = copy_examples(tmp_path_factory.mktemp("to-trinh"))
    for folder in (AWARD[0], RECORD[0]):
        result = run("build", root / "plans" / folder)
        assert result.exit_code == 0, result.output
    return root / "build"


def _italic(paragraph) -> bool:
    """Every run of the paragraph shown in italic: its own setting, else its style's (and the
    styles it is based on)."""
    def style_italic(style) -> bool:
        while style is not None:
            if style.font.italic is not None:
                return style.font.italic
            style = style.base_style
        return False

    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.italic if r.italic is not None else style_italic(paragraph.style) for r in runs)


def _paragraphs(path: Path) -> list:
    return [p for p in docx.Document(str(path)).paragraphs if p.text.strip()]


@pytest.mark.parametrize(("folder", "name"), [AWARD, RECORD])
def test_both_kinds_set_their_can_cu_in_italic_and_one_addressee_without_a_stop(built, folder, name):
    paragraphs = _paragraphs(built / folder / name)
    bases = [p for p in paragraphs if p.text.startswith("Căn cứ ")]
    assert len(bases) >= 2
    assert [p.text[-1] for p in bases] == [";"] * (len(bases) - 1) + ["."]
    assert all(_italic(p) for p in bases), [(p.text[:30], p.style.name) for p in bases]
    to = [p.text.replace("\u00a0", " ") for p in paragraphs if p.text.startswith("Kính gửi:")]
    assert len(to) == 1 and not to[0].endswith("."), to
    # the text after the căn cứ is upright in both
    after = paragraphs[paragraphs.index(bases[-1]) + 1]
    assert not _italic(after), after.text


def test_the_kinh_gui_lines_are_the_same(built):
    award = next(p for p in _paragraphs(built / AWARD[0] / AWARD[1]) if p.text.startswith("Kính gửi:"))
    record = next(p for p in _paragraphs(built / RECORD[0] / RECORD[1]) if p.text.startswith("Kính gửi:"))
    assert award.text.replace("\u00a0", " ") == "Kính gửi: Chủ tịch Ủy ban nhân dân tỉnh Ninh Bình"
    assert record.text.replace("\u00a0", " ") == "Kính gửi: Phòng Giáo dục và Đào tạo huyện Yên Khánh"
    assert award.style.name == record.style.name
