"""A long file's documents judged on two cores: the checks of its later documents in a fork.

A print bundle holds a thousand decisions, each judged on its own (roles.segments). Once the
file is read, a forked child (which shares the read file, copy-on-write) judges the later
documents while this process judges the first ones, then the child's findings come back
through a pipe. Every document is judged by every check either way; if forking is not
possible or the child fails, this process judges them all itself.
"""

import os
import pickle
from collections.abc import Callable

MIN_PARAGRAPHS = 20_000  # below this a fork costs more than it saves
PARENT_SHARE = 0.4  # the first document also carries the page-wide checks of the whole file


def judge_all(judge: Callable[[int], list], sizes: list[int]) -> list[list]:
    """`judge(i)` for every document i (sizes: its paragraph counts), in order.

    Returns one list per document. `judge` must give the same result in either process.
    """
    n = len(sizes)
    total = sum(sizes)
    if n < 4 or total < MIN_PARAGRAPHS or not hasattr(os, "fork") or (os.cpu_count() or 1) < 2:
        return [judge(i) for i in range(n)]
    split, seen = n - 1, 0
    for i, size in enumerate(sizes):
        seen += size
        if seen >= total * PARENT_SHARE:
            split = max(i + 1, 1)
            break
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: judge the later documents, send the findings, leave at once
        os.close(read)
        try:
            data = pickle.dumps([judge(i) for i in range(split, n)])
        except BaseException:
            data = b""
        try:
            with os.fdopen(write, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write)
    try:
        mine = [judge(i) for i in range(split)]
    finally:
        with os.fdopen(read, "rb") as src:
            data = src.read()
        os.waitpid(pid, 0)
    theirs = pickle.loads(data) if data else [judge(i) for i in range(split, n)]
    return mine + theirs
