"""Where a line may break inside a person's name: the rule as data, and the breaks it gives.

A Vietnamese name is written family name (họ), middle names (tên đệm), given name (tên): "Nguyễn
Thị Thanh Hương", "Công Tằng Tôn Nữ Thị Diệu Linh". A văn thư who must break a name that does
not fit its line (a list's cell, the signer's name, a Kính gửi) breaks it, in this order:

1. after an honorific ("Ông" / "Nguyễn Văn An": `vn.pairs.HONORIFICS`);
2. after the family name, taken whole: a compound family name (họ kép, `FAMILY_NAMES`: "Tôn
   Nữ", "Tôn Thất", "Công Tằng Tôn Nữ", "Nguyễn Phước") is never split ("Công Tằng Tôn / Nữ …"
   is what a văn thư sends back);
3. between two middle names, as late in the name as the line allows;

and never between the given name and the middle name before it ("Thanh Hương", "Lan Anh",
"Diệu Linh" stay together: a given name alone on a line reads as another person). A name of a
family and a given name alone ("Lê Hòa", "Tôn Nữ Hoa") has no break but after its honorific.

docgen's house rule after common practice of Vietnamese typesetting (a name is one unit, as in
the decree's samples of Phụ lục III, whose lists never break one); Decree 30 says nothing on line
breaks. Compound family names after the lineages of the Nguyễn Phước tộc (Huế) and the double
family names in common use (Wikipedia, "Họ người Việt Nam", Họ kép).
"""

from collections.abc import Callable, Sequence

from docgen.vn.pairs import HONORIFICS

# Compound family names (họ kép): a line never breaks inside one. The royal lineages of the
# Nguyễn Phước tộc (Tôn Thất for men, Tôn Nữ / Công Tôn Nữ / Công Tằng Tôn Nữ / Công Huyền Tôn Nữ
# for women) and double family names of other lineages (Hồ Đắc, Nguyễn Khoa, Thân Trọng, …).
FAMILY_NAMES = (
    "Công Tằng Tôn Nữ", "Công Huyền Tôn Nữ", "Huyền Tôn Nữ", "Tằng Tôn Nữ", "Công Tôn Nữ", "Tôn Nữ",
    "Tôn Thất", "Nguyễn Phước", "Nguyễn Phúc", "Hồ Đắc", "Nguyễn Khoa", "Thân Trọng", "Trương Đăng",
    "Phạm Phú", "Lê Bá", "Đặng Trần", "Âu Dương", "Tư Mã", "Gia Cát",
)
# By first word: the compound names opening with it, longest first.
_FAMILY_BY_FIRST: dict[str, tuple[tuple[str, ...], ...]] = {}
for _name in sorted(FAMILY_NAMES, key=lambda n: -len(n.split(" "))):
    _words = tuple(_name.split(" "))
    _FAMILY_BY_FIRST[_words[0]] = (*_FAMILY_BY_FIRST.get(_words[0], ()), _words)

HONORIFIC, FAMILY, MIDDLE = 1, 2, 3  # the joints' ranks, in the order a line may take them


def joints(words: Sequence[str]) -> list[int]:
    """The rank of each joint of a name's `words` (joint k stands before words[k], k = 1 ..
    len - 1; the list holds len - 1 ranks): `HONORIFIC`, `FAMILY`, `MIDDLE`, or 0 where a line
    never breaks (inside a compound family name, before the given name). A leading abbreviation
    of a unit ("TTYT Côn Đảo") reads as a family name of one word. Any words give an answer."""
    n = len(words)
    ranks = [0] * max(0, n - 1)
    h = 1 if n > 2 and words[0] in HONORIFICS else 0
    if h:
        ranks[0] = HONORIFIC
    family = 1
    for compound in _FAMILY_BY_FIRST.get(words[h], ()) if h < n else ():
        if tuple(words[h:h + len(compound)]) == compound:
            family = len(compound)
            break
    first_middle = h + family  # words[first_middle:n - 1] are middle names, words[-1] the given name
    if first_middle <= n - 2:
        ranks[first_middle - 1] = FAMILY
        for k in range(first_middle + 1, n - 1):
            ranks[k - 1] = MIDDLE
    return ranks


def breaks(words: Sequence[str], size: Callable[[int, int], float], room: float) -> set[int]:
    """The joints (k: before words[k]) to open so that each piece of the name fits `room`, by
    `size(i, j)`: the size of words[i:j] on one line (characters, twips). None when the name
    fits whole; else the honorific's joint, then the family name's, each only where a piece is
    still too long, then middle joints from the given name back, as many words kept with it as
    fit. A piece no joint may cut (a compound family name) stays whole, however long."""
    n = len(words)
    if n < 2 or size(0, n) <= room:
        return set()
    ranks = joints(words)
    opened: set[int] = set()
    pieces = [(0, n)]
    for rank in (HONORIFIC, FAMILY):
        out = []
        for i, j in pieces:
            if size(i, j) <= room:
                out.append((i, j))
                continue
            cuts = [k for k in range(i + 1, j) if ranks[k - 1] == rank]
            opened.update(cuts)
            edges = [i, *cuts, j]
            out += list(zip(edges, edges[1:], strict=False))
        pieces = out
    for i, j in pieces:
        end = j
        while end > i and size(i, end) > room:
            start = next((k for k in range(i + 1, end) if ranks[k - 1] == MIDDLE and size(k, end) <= room), None)
            if start is None:  # nothing shorter fits: the longest tail the joints allow
                start = next((k for k in range(end - 1, i, -1) if ranks[k - 1] == MIDDLE), None)
                if start is None:
                    break
            opened.add(start)
            end = start
    return opened
