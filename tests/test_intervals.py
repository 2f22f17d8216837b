"""Interval arithmetic against sets of positions (the per-position answer it avoids)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qcode._intervals import area, covered, intersection, length, merged

from .conftest import examples

spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 60)).map(lambda t: (min(t), max(t))),
    max_size=12,
)


def positions(intervals: list[tuple[int, int]]) -> set[int]:
    return {p for start, end in intervals for p in range(start, end)}


def test_merged_joins_overlapping_and_touching_and_drops_empty() -> None:
    assert merged([(5, 9), (0, 2), (2, 4), (7, 12), (20, 20), (15, 16)]) == [
        (0, 4),
        (5, 12),
        (15, 16),
    ]
    assert merged([(3, 8), (4, 5)]) == [(3, 8)]


def test_covered_by_hand() -> None:
    assert covered([(5, 9), (0, 2), (2, 4), (7, 12), (20, 20), (15, 16)]) == 12
    assert covered([(3, 8), (4, 5)]) == 5
    assert covered([(3, 8)]) == 5
    assert covered([(8, 3)]) == 0
    assert covered([(8, 3), (1, 2)]) == 1
    assert covered([]) == 0


def test_intersection_and_length_by_hand() -> None:
    a = merged([(0, 10), (20, 30)])
    b = merged([(5, 25), (29, 40)])
    assert intersection(a, b) == [(5, 10), (20, 25), (29, 30)]
    assert length(intersection(a, b)) == 11
    assert intersection(a, []) == []


@settings(max_examples=examples(200), deadline=None)
@given(spans, spans)
def test_against_sets_of_positions(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> None:
    ma, mb = merged(a), merged(b)
    assert positions(ma) == positions(a)
    assert all(s < e for s, e in ma)
    assert all(ma[k][1] < ma[k + 1][0] for k in range(len(ma) - 1))
    assert length(ma) == len(positions(a))
    assert covered(a) == len(positions(a))
    both = intersection(ma, mb)
    assert positions(both) == positions(a) & positions(b)
    assert both == merged(both)


boxes = st.lists(
    st.tuples(*(st.integers(0, 12),) * 4).map(
        lambda t: (min(t[0], t[2]), min(t[1], t[3]), max(t[0], t[2]), max(t[1], t[3]))
    ),
    max_size=8,
)


def test_area_by_hand() -> None:
    assert area([(0, 0, 10, 10), (5, 5, 15, 15)]) == 175
    assert area([(0, 0, 10, 10), (2, 2, 4, 4)]) == 100  # one inside the other
    assert area([(0, 0, 2, 2), (2, 0, 4, 2), (9, 9, 9, 12)]) == 8  # touching; one empty
    assert area([]) == 0


@settings(max_examples=examples(200), deadline=None)
@given(boxes)
def test_area_against_sets_of_pixels(rectangles: list[tuple[int, int, int, int]]) -> None:
    pixels = {(x, y) for x1, y1, x2, y2 in rectangles for x in range(x1, x2) for y in range(y1, y2)}
    assert area(rectangles) == len(pixels)
