"""A rendered job's parts as they cross from a render worker back to the build (issue 16).

A worker sends back the parts a job changed (docgen.render.batch): for an award decision its
word/document.xml (~25 kB), its core and custom properties. A thousand decisions made 32 MB of
pickled results, read by the build's process through a pipe. The package the worker has just
made (docgen.output.package) holds that body deflated already (level 1, a seventh of its size):
`pack` sends those compressed bytes in place of the part, taken from the entries the package
kept (docgen.output.zipentries), and `unpack` inflates them in the build's process. Parts the
package did not deflate, or that were not packaged in this process (a render without a finish),
are not compressed only to be sent. The small parts that change with every decision (its core
and custom properties, 1.7 kB) differ from the decision's before it in the same chunk by a
few names and numbers: with `before` (that job's changed parts), each travels as a Spliced,
the bytes that differ between the two parts' common start and common end.
"""

import zlib
from dataclasses import dataclass

from docgen.output import zipentries

MIN_SIZE = 4096  # parts smaller than this are not sent deflated (they are not in the package)
MIN_SHARED = 64  # bytes a part must share with the one before it to travel as a Spliced


@dataclass(frozen=True, slots=True)
class Deflated:
    """A part's bytes as a raw deflate stream (zlib wbits -15), and its length once inflated."""

    data: bytes
    size: int

    def inflated(self) -> bytes:
        """The part's bytes. Raises ValueError if the stream does not give `size` bytes."""
        out = zlib.decompress(self.data, -15, self.size)
        if len(out) != self.size:
            raise ValueError("a packed part inflated to another length")
        return out


@dataclass(frozen=True, slots=True)
class Spliced:
    """A part's bytes as the same part of the job before it: its first `head` bytes, `middle`,
    its last `tail` bytes."""

    head: int
    middle: bytes
    tail: int

    def joined(self, before: bytes) -> bytes:
        """The part's bytes, given the part `before` it was spliced from."""
        return before[:self.head] + self.middle + before[len(before) - self.tail:]


Packed = bytes | Deflated | Spliced


def pack(parts: dict[str, bytes], level: int = 1, before: dict[str, bytes] | None = None) -> dict[str, Packed]:
    """`parts` with each part of MIN_SIZE bytes or more that this process has just packaged
    deflated at `level` (the last entry docgen.output.zipentries made under its name holds these
    very bytes) given as Deflated, those compressed bytes; each smaller one sharing MIN_SHARED
    bytes or more of its start and end with the same part in `before` given as Spliced; the
    others as they are. `unpack` with the same `before` gives `parts` back."""
    out: dict[str, Packed] = {}
    for name, data in parts.items():
        if len(data) >= MIN_SIZE:
            packed = zipentries.deflated(name, data, level)
            out[name] = data if packed is None else Deflated(packed, len(data))
            continue
        last = before.get(name) if before else None
        if last is None:
            out[name] = data
            continue
        head = _shared_start(data, last)
        tail = _shared_start(data[head:][::-1], last[head:][::-1])
        out[name] = Spliced(head, data[head:len(data) - tail], tail) if head + tail >= MIN_SHARED else data
    return out


def unpack(parts: dict[str, Packed], before: dict[str, bytes] | None = None) -> dict[str, bytes]:
    """`pack`'s parts as they were (`before`: as given to `pack`): every Deflated inflated,
    every Spliced joined, the others as they are. Raises ValueError for a Spliced without its
    part in `before`, or a Deflated that does not inflate to its size."""
    if all(type(data) is bytes for data in parts.values()):
        return parts  # type: ignore[return-value]  (nothing packed)
    out = {}
    for name, data in parts.items():
        if type(data) is Deflated:
            data = data.inflated()
        elif type(data) is Spliced:
            last = before.get(name) if before else None
            if last is None:
                raise ValueError(f"{name} was spliced from a part not given")
            data = data.joined(last)
        out[name] = data
    return out


def _shared_start(a: bytes, b: bytes) -> int:
    """How many bytes `a` and `b` share from their start (a binary search over slices compared
    whole: a few comparisons of a kilobyte, not a loop over bytes)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo
