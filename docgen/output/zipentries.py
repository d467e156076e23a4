"""A package's zip put together from entries made once per process (issue 16).

A build writes a thousand decisions of one template: their styles, settings, headers and
relationships are the same bytes every time, only the body and the properties differ. zipfile
would compute each part's CRC, copy it and write its headers again for every document. Here
each entry is made by zipfile itself, alone in a one-entry archive, and kept by its name, its
compression and its bytes: its local header with its data, and its central directory record.
An entry of new bytes under a name already met (a decision's body) takes the headers zipfile
wrote for that name, with its own CRC and sizes, and its data deflated as zipfile deflates it.
An archive is then those pieces joined, each central record given the offset of its local
header, and the end record: what zipfile writes for the same entries in the same order, byte
for byte (tests/test_zip_entries.py compares them).
"""

import io
import struct
import zipfile
import zlib

# (name, compress type, level, date, system, attributes, data) -> (local header and data,
# central directory record).
_ENTRIES: dict[tuple, tuple[bytes, bytes]] = {}
_KEPT = 64  # entries kept at most, the least recently used left out first (a body never repeats)
_CENTRAL_OFFSET = 42  # where a central directory record holds its local header's offset
_END = struct.Struct("<4s4H2LH")  # the end of central directory record, as zipfile packs it
_LIMIT = 0x7FFF_FFFF  # past this an archive might need zip64 records: zipfile writes it whole
# An entry's headers as zipfile wrote them for its name and compression (`entry`'s key but the
# data): a new body or property part takes them with its own CRC and sizes. Parts this small
# never need zip64 fields, whose presence zipfile decides by the size.
_SHAPES: dict[tuple, tuple[bytes, bytes]] = {}
_SMALL = 1 << 28


def entry(info: zipfile.ZipInfo, data: bytes, level: int) -> tuple[bytes, bytes]:
    """(local header with `data` compressed, central directory record at offset 0) of the
    entry `info` as zipfile writes it with `level`; kept for the process by content."""
    key = (info.filename, info.compress_type, level, info.date_time, info.create_system, info.external_attr, data)
    got = _ENTRIES.pop(key, None)
    if got is not None:
        _ENTRIES[key] = got  # the last used last: a template's parts stay, bodies leave first
        return got
    shape = key[:-1]
    made = _SHAPES.get(shape) if len(data) < _SMALL else None
    if made is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as zf:
            zf.writestr(info, data, compresslevel=level)
        raw = buffer.getvalue()
        _, _, _, _, _, size, start, _ = _END.unpack_from(raw, len(raw) - _END.size)
        got = (raw[:start], raw[start:start + size])
        if info.compress_type in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) and len(data) < _SMALL:
            names, extras = struct.unpack_from("<2H", raw, 26)
            if len(_SHAPES) >= 4096:  # names met: a build has a few dozen
                _SHAPES.clear()
            _SHAPES[shape] = (raw[:30 + names + extras], got[1])
    else:
        # zipfile's own headers for this name and compression, given this data's CRC and sizes.
        head, central = made
        packed = data
        if info.compress_type == zipfile.ZIP_DEFLATED:
            compressor = zlib.compressobj(level, zlib.DEFLATED, -15)  # as zipfile._get_compressor
            packed = compressor.compress(data) + compressor.flush()
        sizes = struct.pack("<3L", zlib.crc32(data), len(packed), len(data))
        got = (head[:14] + sizes + head[26:] + packed, central[:16] + sizes + central[28:])
    if len(_ENTRIES) >= _KEPT:
        del _ENTRIES[next(iter(_ENTRIES))]
    _ENTRIES[key] = got
    return got


def joined(entries: list[tuple[bytes, bytes]]) -> bytes | None:
    """The archive of `entries` (from `entry`, in order), as zipfile writes it; None when it
    is too large for plain records (the caller lets zipfile write it)."""
    local = b"".join(e[0] for e in entries)
    if len(local) > _LIMIT or len(entries) > 0xFFFF:
        return None
    central, at = [], 0
    for head, record in entries:
        central.append(record[:_CENTRAL_OFFSET])
        central.append(struct.pack("<L", at))
        central.append(record[_CENTRAL_OFFSET + 4:])
        at += len(head)
    directory = b"".join(central)
    end = _END.pack(b"PK\005\006", 0, 0, len(entries), len(entries), len(directory), len(local), 0)
    return local + directory + end
