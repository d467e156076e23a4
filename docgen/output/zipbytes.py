"""A small zip written straight into bytes: the records `zipfile` writes for a .docx, without its
per-member machinery.

docgen writes a thousand decisions of eleven members each; `zipfile.ZipFile.writestr` costs
~70 µs a member in Python bookkeeping (a ZipInfo, a write handle, a seek back to rewrite the
local header), most of the time of packaging a decision. Here each member is one
`struct.pack` of its local header, its data, and one of its central-directory record.

The bytes are exactly those `zipfile` writes for the same members with the settings
docgen.output.package gives them (date 1980-01-01, MS-DOS attributes 0o644, no comment, data
stored or raw-deflated at the given level; ZIP format: PKWARE APPNOTE.TXT 4.3.7, 4.3.12,
4.3.16). `tests/test_build_fastpaths.py` compares both over the parts of every template and built file. Anything
outside that plain case (a member or archive large enough to need ZIP64, a name that is not
ASCII) is left to `zipfile`: `zip_bytes` returns None.
"""

import struct
import zlib

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # zipfile.structCentralDir
_END = struct.Struct("<4s4H2LH")  # zipfile.structEndArchive
_VERSION = 20  # zipfile.DEFAULT_VERSION: what a stored or deflated member needs to be read
_LIMIT = 1 << 30  # well below ZIP64 (zipfile switches at 2 GiB / 1.05): larger goes to zipfile
_STORED, _DEFLATED = 0, 8


def zip_bytes(members: list[tuple[str, bytes, int | None]], date_time: tuple[int, ...],
              external_attr: int) -> bytes | None:
    """The zip of `members` in order: (name, data, deflate level or None to store it), each
    dated `date_time` (year, month, day, hour, minute, second) with `external_attr` and
    create_system 0 (MS-DOS), as `zipfile` writes them; None when `zipfile` must write it."""
    if len(members) > 0xFFFF:
        return None
    dosdate = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    dostime = date_time[3] << 11 | date_time[4] << 5 | (date_time[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name, data, level in members:
        if not name.isascii() or len(data) > _LIMIT:
            return None
        filename = name.encode("ascii")
        crc = zlib.crc32(data)
        if level is None:
            method, body = _STORED, data
        else:
            compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
            method, body = _DEFLATED, compressor.compress(data) + compressor.flush()
        local = _LOCAL.pack(b"PK\003\004", _VERSION, 0, 0, method, dostime, dosdate, crc,
                            len(body), len(data), len(filename), 0)
        central.append(_CENTRAL.pack(b"PK\001\002", _VERSION, 0, _VERSION, 0, 0, method, dostime, dosdate,
                                     crc, len(body), len(data), len(filename), 0, 0, 0, 0,
                                     external_attr, offset) + filename)
        out += (local, filename, body)
        offset += len(local) + len(filename) + len(body)
        if offset > _LIMIT:
            return None
    directory = b"".join(central)
    out += (directory, _END.pack(b"PK\005\006", 0, 0, len(central), len(central), len(directory), offset, 0))
    return b"".join(out)
