"""The words a centred title (trích yếu, "V/v …") never splits across its lines."""

from collections.abc import Iterable

from docgen.vn.text import keep_names

# Words of two syllables (and the award terms) that trích yếu of the emulation and rewards work
# are made of. A justified body line stretches around a no-break space, so these are kept only
# in centred titles, which do not stretch: "… và hình / thức khen thưởng", "danh / hiệu “Tập thể
# lao động xuất sắc”" is what a văn thư sends back. docgen's house rule: Decree 30 says nothing
# on line breaks in the trích yếu.
TITLE_TERMS = (
    "danh hiệu", "hình thức", "khen thưởng", "tặng thưởng", "thi đua", "phong trào", "kết quả",
    "thực hiện", "đề nghị", "đăng ký", "phát động", "tổng kết", "sơ kết", "kế hoạch", "báo cáo",
    "quyết định", "tờ trình", "công tác", "nhiệm vụ", "giai đoạn", "năm học", "tập thể", "cá nhân",
    "lao động", "tiên tiến", "xuất sắc", "chiến sĩ", "cơ sở", "Bằng khen", "Giấy khen", "Cờ thi đua",
    "Chủ tịch", "nhân dân", "Ủy ban", "cán bộ", "công chức", "viên chức", "người lao động",
    "giáo viên", "học sinh", "tài nguyên", "môi trường", "giáo dục", "đào tạo",
)


def keep_title(text: str, names: Iterable[str]) -> str:
    """`text` with `names` (the issuer's, as `keep_names` takes them) and `TITLE_TERMS` each kept
    on one line; the rest breaks as usual. Raises ValueError when `text` or a name is not a string."""
    return keep_names(text, (*names, *TITLE_TERMS), longest=0)  # a centred title never stretches
