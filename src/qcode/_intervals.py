"""Half-open intervals ``(start, end)`` on one axis (characters, milliseconds, pixels or
points), and the area of rectangles on a plane.

Analyses and agreement measure coded positions by sorting and sweeping intervals, never by
walking characters, so that their cost follows the number of codings, not the length of
the text. A *merged* list is sorted, with no two intervals overlapping or touching.
"""

from __future__ import annotations

import itertools
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


def covered(intervals: list[Interval]) -> int:
    """The length of the union of ``intervals``: `length` of `merged`, without building the
    merged list (one sort and sweep; a lone interval needs neither)."""
    if len(intervals) == 1:
        start, end = intervals[0]
        return end - start if end > start else 0
    total, reached = 0, None
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if reached is None or start >= reached:
            total += end - start
            reached = end
        elif end > reached:
            total += end - reached
            reached = end
    return total


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


Rectangle = tuple[int, int, int, int]
"""``(x1, y1, x2, y2)``: half-open on both axes, like intervals."""


def area(rectangles: Iterable[Rectangle]) -> int:
    """The area the union of ``rectangles`` covers: a sweep across x, merging the y intervals
    of the rectangles open over each strip (those that began at or before it and have not
    ended)."""
    boxes = sorted(r for r in rectangles if r[2] > r[0] and r[3] > r[1])
    edges = sorted({x for r in boxes for x in (r[0], r[2])})
    total, begun = 0, 0
    open_: list[Rectangle] = []
    for left, right in itertools.pairwise(edges):
        while begun < len(boxes) and boxes[begun][0] <= left:
            open_.append(boxes[begun])
            begun += 1
        open_ = [r for r in open_ if r[2] > left]
        total += (right - left) * length(merged((r[1], r[3]) for r in open_))
    return total
