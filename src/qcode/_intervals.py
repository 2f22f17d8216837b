"""Half-open intervals ``(start, end)`` on one axis: characters, milliseconds or pixels.

Analyses and agreement measure coded positions by sorting and sweeping intervals, never by
walking characters, so that their cost follows the number of codings, not the length of
the text. A *merged* list is sorted, with no two intervals overlapping or touching.
"""

from __future__ import annotations

from collections.abc import Iterable

Interval = tuple[int, int]


def merged(intervals: Iterable[Interval]) -> list[Interval]:
    """The union of ``intervals`` as a merged list (empty intervals dropped)."""
    result: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[1] > i[0]):
        if result and start <= result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
        else:
            result.append((start, end))
    return result


def length(intervals: Iterable[Interval]) -> int:
    """The total length of a merged list."""
    return sum(end - start for start, end in intervals)


def intersection(a: list[Interval], b: list[Interval]) -> list[Interval]:
    """Where two merged lists overlap, as a merged list (one sweep over both)."""
    result: list[Interval] = []
    i = j = 0
    while i < len(a) and j < len(b):
        start = max(a[i][0], b[j][0])
        end = min(a[i][1], b[j][1])
        if start < end:
            result.append((start, end))
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return result
