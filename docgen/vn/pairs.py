"""Words a narrow line never splits: the words of two syllables of the offices, units and titles
that fill a list's cells, a Nơi nhận or Kính gửi item and a công văn's "V/v" line, and the
honorifics a person's name opens with."""

# Words of two syllables (a Vietnamese word is written as syllables with spaces between them) that
# name a unit, an office or a post. A văn thư sends back a cell or a Nơi nhận item reading
# "Trung / tâm", "Phó / Trưởng khoa", "Bệnh viện Tâm / thần tỉnh", "(để báo / cáo);": in those
# narrow lines, which do not stretch (a cell) or hold one item each (Nơi nhận, Kính gửi), the
# word is kept whole (filter `keep_names(pairs=True)`). A justified body line is left to break
# between them: kept there, each no-break space widens the line's others (docgen.checker.stretch).
# docgen's house rule after the decree's samples (Phụ lục III, Nơi nhận and lists); Decree 30
# says nothing on line breaks.
WORD_PAIRS = (
    # units and bodies
    "Trung tâm", "Bệnh viện", "Văn phòng", "Thanh tra", "Trạm Y tế", "Y tế", "y tế", "y dược",
    "Nghiệp vụ", "Tổ chức", "Kế hoạch", "Tài chính", "Tài vụ", "Hành chính", "Quản trị",
    "Kiểm soát", "bệnh tật", "Tâm thần", "Phục hồi", "chức năng", "Đa khoa", "Sản Nhi", "Truyền nhiễm",
    "Hồi sức", "cấp cứu", "chống độc", "Xét nghiệm", "Dược phẩm", "vật tư", "thiết bị",
    "Giáo dục", "Đào tạo", "Tiểu học", "Trung học", "cơ sở", "phổ thông", "Mầm non", "Ngữ văn",
    "Khoa học", "Tự nhiên", "Xã hội", "Công đoàn", "Đoàn viên", "Thi đua", "Khen thưởng",
    "Lao động", "Thương binh", "Tài nguyên", "Môi trường", "Giao thông", "Vận tải", "Nội vụ",
    "Tư pháp", "Công an", "Quân sự", "Dân y", "kết hợp", "thị xã", "thành phố", "thị trấn",
    "nhân dân", "đơn vị", "trực thuộc",
    # posts and titles
    "Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Trưởng khoa", "Trưởng trạm",
    "Trưởng ban", "Điều dưỡng", "Bác sĩ", "Dược sĩ", "Y sĩ", "Kỹ thuật viên", "Chuyên viên",
    "Giáo viên", "Hiệu trưởng", "Hiệu phó", "Tổ trưởng", "Kế toán", "Nhân viên", "chuyên khoa",
    "điều dưỡng", "xét nghiệm", "trưởng khoa", "phụ trách", "chuyên môn", "giáo viên",
    # what a Nơi nhận item's parenthesis and a list's cell say
    "báo cáo", "thực hiện", "phối hợp", "theo dõi", "chỉ đạo", "đăng tải", "Cổng thông tin",
    "thường xuyên", "cộng đồng", "thủ tục", "trực tuyến", "bảo hiểm",
    "điện tử", "tập thể", "cá nhân", "danh hiệu", "hình thức",
)

# A word that stands before a person's name ("Ông Nguyễn Văn An", "Bà Lê Thị Hòa"): where a
# person's name with it is longer than a glued run may be (vn.text.LONGEST), the line may break
# after it, never inside the name.
HONORIFICS = frozenset(("Ông", "Bà", "Anh", "Chị", "Đồng chí", "đồng chí", "ông", "bà"))

# The words of a date that never end a line without their number ("ngày / 05", "tháng 02 năm /
# 2024"): kept in every text (vn.text.date_spaces; "năm" after its month only), as Phụ lục V of
# Decree 30 writes the date whole.
DATE_WORDS = ("ngày", "tháng", "năm", "Ngày", "Tháng", "Năm")

# Words that open the name of an organ or a field ("Sở" / "Giao thông vận tải", "Ngành" / "Lao
# động - Thương binh và Xã hội", "Ban" / "Thi đua - Khen thưởng"): capitalised, yet the name they
# open is not a proper name of two capitalised words, and a line may break after them
# (vn.text._cut_long's second joint). A run of capitalised words opening with one starts after it.
ORGAN_WORDS = frozenset((
    "Sở", "Ngành", "Phòng", "Ban", "Bộ", "Cục", "Chi", "Tổ", "Hội", "Khoa", "Trạm", "Trường", "Viện",
    "Chánh", "Luật", "Điều", "Khối", "Đội", "Ty", "Vụ", "Cổng", "Quỹ", "Cụm", "Khu", "Đài",
))

# Words of two syllables of units' names in lower case ("Ban Quản lý rừng phòng hộ", "Khu bảo tồn
# thiên nhiên", "Trung tâm Nước sạch và Vệ sinh môi trường nông thôn"), known so that a line of the
# header (vn.heading: docgen's own breaks when the clerk gives no header_lines) or of a centred
# title (vn.titles.joint) never ends between their two syllables: "RỪNG PHÒNG" / "HỘ", "KHU BẢO" /
# "TỒN" is what a văn thư sends back. Not glued in running text nor in a list's cells (WORD_PAIRS
# is): only where docgen chooses the breaks. docgen's house rule; Decree 30 says nothing on it.
NAME_WORDS = (
    "quản lý", "phòng hộ", "đặc dụng", "đầu nguồn", "bảo tồn", "thiên nhiên", "vườn quốc gia",
    "nông nghiệp", "lâm nghiệp", "nông thôn", "nông dân", "thủy sản", "thủy lợi", "khuyến nông",
    "kiểm lâm", "trồng trọt", "bảo vệ", "thực vật", "chăn nuôi", "thú y", "nước sạch", "vệ sinh",
    "môi trường", "điều phối", "chương trình", "mục tiêu", "quốc gia", "xây dựng", "phát triển",
    "dịch vụ", "công nghệ", "thông tin", "quỹ đất", "quan trắc", "đất đai", "đo đạc", "bản đồ",
    "viễn thám", "sự nghiệp", "công ích", "đô thị", "cấp nước", "thoát nước", "hạ tầng", "kỹ thuật",
    "khu vực", "dân số", "gia đình", "trẻ em", "kiểm nghiệm", "kiểm định", "chất lượng", "an toàn",
    "thực phẩm", "dự án", "đầu tư", "bồi dưỡng", "chính trị", "ngoại ngữ", "tin học", "hướng nghiệp",
    "giáo dục", "thường xuyên", "nội trú", "bán trú", "dân tộc", "mầm non", "khuyết tật", "hòa nhập",
    "văn hóa", "thể thao", "du lịch", "truyền thông", "phát thanh", "truyền hình", "lưu trữ",
    "thư viện", "bảo tàng", "di tích", "bảo trợ", "xã hội", "công tác", "trợ giúp", "pháp lý",
    "đấu giá", "tài sản", "công chứng", "bảo hiểm", "thanh niên", "phụ nữ", "lao động", "việc làm",
    "thương binh", "người có công", "giao thông", "vận tải", "tài nguyên", "khoáng sản", "địa chất",
    "khí tượng", "thủy văn", "biến đổi", "khí hậu", "sinh thái", "hiện đại", "thích ứng", "kinh tế",
    "tài chính", "kế toán", "ngân sách", "hành chính", "tổng hợp", "tổ chức", "cán bộ", "nhân sự",
    "thi đua", "khen thưởng", "thanh tra", "pháp chế", "kế hoạch", "nghiệp vụ", "y tế", "dự phòng",
    "chăm sóc", "sức khỏe", "sinh sản", "an ninh", "trật tự", "phòng cháy", "chữa cháy", "cứu nạn",
    "cứu hộ", "quân sự", "biên phòng", "hải quan", "thuế vụ", "kho bạc", "thống kê", "nội vụ",
    "tư pháp", "tôn giáo", "ngoại vụ", "công thương", "khoa học", "đào tạo", "học sinh", "sinh viên",
    "giáo viên", "trung học", "tiểu học", "phổ thông", "cơ sở", "nhân dân", "chấp hành", "thường vụ",
)
