"""Which codes occur together: in the same excerpt, in overlapping excerpts, or in excerpts
near each other, counted per source or over the whole project.

The unit is the segment (the excerpt). Two segments *co-occur* when they are the same
excerpt or, by ``mode``:

- ``same-excerpt``: only then;
- ``overlap``: they lie in the same source on the same axis and share at least one
  character (or millisecond): ``max(s1, s2) < min(e1, e2)``;
- ``proximity``: they lie in the same source on the same axis and the gap between them is
  at most ``within`` characters (milliseconds for time spans); overlapping segments have
  no gap.

The count for codes *a* and *b* is the number of pairs (a segment of *a*, a segment of
*b*) that co-occur; an excerpt carrying both is one pair. The Jaccard index is the share
of the segments of *a* or *b* that co-occur with a segment of the other code: with
``same-excerpt`` it is ATLAS.ti's c-coefficient n12 / (n1 + n2 - n12).
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from itertools import combinations

from qcode._bulk import bulk
from qcode._model import Project
from qcode._table import Cell, Table, distinct
from qcode.analysis._select import (
    CHARACTERS,
    Coded,
    CodeKeys,
    Item,
    Key,
    Segment,
    flag,
    item_columns,
    items_by_code,
    select,
)

MODES = ("same-excerpt", "overlap", "proximity")
FORMS = ("long", "square")
MEASURES = ("count", "jaccard")

Pair = tuple[int, int]


class _Counts:
    """For one source (or the whole project): references per item, and per pair of items
    (by position, lower first) the co-occurring pairs of segments, the segments taking part
    and the segments carrying both.

    A segment lies in one source, so the segments taking part are gathered source by source
    (``taking_part``) and only their number kept (``took``, by `close_source`): the sets
    stay as small as a source, however large the project."""

    def __init__(self) -> None:
        self.references: dict[int, int] = defaultdict(int)
        self.pairs: dict[Pair, int] = defaultdict(int)
        self.taking_part: dict[Pair, set[int]] = defaultdict(set)
        self.took: dict[Pair, int] = defaultdict(int)
        self.both: dict[Pair, int] = defaultdict(int)

    def close_source(self) -> None:
        """Count the segments of the source just swept that took part, pair by pair."""
        for pair, numbers in self.taking_part.items():
            self.took[pair] += len(numbers)
        self.taking_part.clear()

    def jaccard(self, pair: Pair) -> float | None:
        a, b = pair
        either = self.references[a] + self.references[b] - self.both[pair]
        return round(self.took[pair] / either, 6) if either else None


def _near(mode: str, within: int) -> int | None:
    """How far apart two segments may be and still co-occur; ``None``: never apart."""
    if mode == "same-excerpt":
        return None
    return within if mode == "proximity" else -1


def _within_text(segment: Segment) -> bool:
    """Cut a text span to its source's text, as `frequencies` counts it, saying whether any
    of it is left: past a text's end there is nothing to share (this table's segments are
    its own to change)."""
    limit = len(segment.source.text or "")
    if (segment.end or 0) <= limit:
        return True
    segment.start, segment.end = min(segment.start or 0, limit), limit
    return segment.start < limit


def _sweep(segments: list[tuple[Segment, frozenset[int]]], reach: int, counts: _Counts) -> None:
    """Count the pairs of distinct segments of one source and axis that co-occur. Sorted by
    start, each segment meets those still open (ending within ``reach`` before it; -1:
    overlapping), counted by code rather than one by one: a thousand segments over one
    span make a million pairs, counted in a thousand steps. The segments taking part are
    each marked once per pair of codes, as the later segment of a pair reaches them."""
    ordered = sorted(segments, key=lambda pair: (pair[0].start, pair[0].end))
    ends: list[tuple[int, int, frozenset[int]]] = []  # a heap of the open segments' ends
    push, pop = heapq.heappush, heapq.heappop
    open_by_code: dict[int, int] = {}  # how many open segments carry each code
    seen: dict[int, list[tuple[int, int]]] = defaultdict(list)  # by code: (end, number)
    marked: dict[tuple[int, int], int] = {}  # (p, q): how much of seen[p] q has marked
    pairs, taking_part = counts.pairs, counts.taking_part
    for order, (later, owners) in enumerate(ordered):
        start, end = later.start or 0, later.end or 0
        while ends and ends[0][0] + reach < start:
            for gone in pop(ends)[2]:
                if open_by_code[gone] == 1:
                    del open_by_code[gone]
                else:
                    open_by_code[gone] -= 1
        if reach < 0 and end <= start:
            continue  # an empty span overlaps nothing
        if open_by_code:
            number = later.number
            for q in owners:
                for p, many in open_by_code.items():
                    if p == q:
                        continue
                    pair = (p, q) if p < q else (q, p)
                    pairs[pair] += many
                    part = taking_part[pair]
                    part.add(number)
                    listed = seen[p]
                    at = marked.get((p, q), 0)
                    if at < len(listed):
                        part.update(n for e, n in listed[at:] if e + reach >= start)
                        marked[(p, q)] = len(listed)
        push(ends, (end, order, owners))
        for p in owners:
            open_by_code[p] = open_by_code.get(p, 0) + 1
            seen[p].append((end, later.number))


@bulk()
def cooccurrence(
    project: Project,
    codes: CodeKeys | None = None,
    *,
    mode: str = "same-excerpt",
    within: int | None = None,
    per_source: bool = False,
    form: str = "long",
    measure: str = "count",
    include_children: bool = False,
) -> Table:
    """Code x code co-occurrence (see the module's definitions) of the chosen codes
    (default: every code), pooled or ``per_source``.

    The ``long`` form has a row per pair of codes that co-occur at least once: the count,
    each code's references and the Jaccard index. The ``square`` form has a row per code
    and a column per code (headed by its path), each cell the ``measure`` (``count`` or
    ``jaccard``); the diagonal holds a code's references (or 1.0). ``within`` (only with
    ``mode="proximity"``; default 0) is how far apart two segments may lie. Pairs are
    counted among the chosen codes only."""
    for name, value, allowed in (
        ("mode", mode, MODES),
        ("form", form, FORMS),
        ("measure", measure, MEASURES),
    ):
        if value not in allowed:
            raise ValueError(f"{name} must be one of {', '.join(allowed)}, not {value!r}")
    flag("per_source", per_source)
    if within is not None and mode != "proximity":
        raise ValueError(f"within applies to mode 'proximity' only, not {mode!r}")
    if within is None:
        within = 0
    if not isinstance(within, int) or isinstance(within, bool):
        raise TypeError(f"within is a whole number of characters or milliseconds, not {within!r}")
    if within < 0:
        raise ValueError(f"within must be 0 or more, not {within}")
    if measure != "count" and form != "square":
        raise ValueError(
            f"measure {measure!r} applies to the square form only "
            "(the long form gives both the count and the Jaccard index)"
        )
    reach = _near(mode, within)
    coded = Coded(project)
    items = select(project, codes, include_children=include_children)
    coded.about(items)
    owners = {code: frozenset(places) for code, places in items_by_code(items).items()}
    none: frozenset[int] = frozenset()
    counts: dict[Key, _Counts] = {}
    for source, segments in coded.sources():
        key: Key = (str(source.id), source.name) if per_source else ()
        placed: dict[str, list[tuple[Segment, frozenset[int]]]] = defaultdict(list)
        for segment in segments:
            codings = segment.excerpt.codings
            if len(codings) == 1:
                mine = owners.get(codings[0].code, none)
            else:
                mine = none.union(*(owners.get(code, none) for code in segment.codes))
            if not mine:
                continue
            found = counts.get(key)
            if found is None:
                found = counts[key] = _Counts()
            for place in mine:
                found.references[place] += 1
            for pair in combinations(sorted(mine), 2):
                found.pairs[pair] += 1
                found.both[pair] += 1
                found.taking_part[pair].add(segment.number)
            if reach is not None and segment.unit is not None:
                if coded.past_end and segment.unit == CHARACTERS and not _within_text(segment):
                    continue
                placed[segment.unit].append((segment, mine))
        if reach is not None:
            for group in placed.values():
                _sweep(group, reach, counts[key])
        if key in counts:
            counts[key].close_source()
    columns = ("source_id", "source") if per_source else ()
    if not per_source:
        counts.setdefault((), _Counts())  # nothing coded: the square still has its codes
    keys = list(counts)  # in the project's order of sources, as the sweep went
    notes = _notes(mode, within) + coded.notes()
    if len(items) == 1:
        notes += (
            "Only one code was chosen, and pairs are counted among the chosen codes: choose "
            "two or more, or none for every code.",
        )
    elif mode == "same-excerpt" and coded.count and not any(c.pairs for c in counts.values()):
        notes += (
            "No excerpt carries two of the chosen codes (NVivo, for one, writes a selection "
            'per coding): mode "overlap" counts codes whose excerpts share text.',
        )
    if include_children:
        notes += (
            "Each code counts the codes below it, so it co-occurs with each of them wherever "
            "that one is coded.",
        )
    if form == "square":
        return _square(items, keys, counts, measure, columns, notes)
    rows = []
    for key in keys:
        found = counts[key]
        for pair in sorted(found.pairs):
            a, b = pair
            rows.append(
                (
                    *key,
                    *items[a].cells,
                    *items[b].cells,
                    found.pairs[pair],
                    found.references[a],
                    found.references[b],
                    found.jaccard(pair),
                )
            )
    return Table(
        "cooccurrence",
        (
            *columns,
            *(f"{c}_a" for c in item_columns("code")),
            *(f"{c}_b" for c in item_columns("code")),
            "count",
            "references_a",
            "references_b",
            "jaccard",
        ),
        rows,
        notes=notes,
    )


def headers(items: list[Item]) -> list[str]:
    """Column headers for items: the path, with the id where two share it."""
    shared = Counter(item.path for item in items)
    return [item.path if shared[item.path] == 1 else f"{item.path} ({item.id})" for item in items]


def _square(
    items: list[Item],
    keys: list[Key],
    counts: dict[Key, _Counts],
    measure: str,
    columns: tuple[str, ...],
    notes: tuple[str, ...],
) -> Table:
    rows = []
    for key in keys:
        found = counts[key]
        for a, item in enumerate(items):
            cells: list[Cell] = []
            for b in range(len(items)):
                pair = (a, b) if a < b else (b, a)
                if measure == "count":
                    cells.append(found.references[a] if a == b else found.pairs.get(pair, 0))
                elif a == b:
                    cells.append(1.0 if found.references[a] else None)
                elif pair in found.pairs:
                    cells.append(found.jaccard(pair))
                else:  # never together: 0, or 0 / 0 where neither is in use
                    used = found.references[a] or found.references[b]
                    cells.append(0.0 if used else None)
            rows.append((*key, *item.cells, *cells))
    return Table(
        "cooccurrence",
        (
            *columns,
            *item_columns("code"),
            *distinct(headers(items), (*columns, *item_columns("code"))),
        ),
        rows,
        notes=(
            f"Cells: {measure}; the diagonal: a code's references."
            if measure == "count"
            else "Cells: Jaccard index, empty where neither code is in use; the diagonal: 1.0 "
            "for a code in use.",
            *notes,
        ),
    )


def _notes(mode: str, within: int) -> tuple[str, ...]:
    if mode == "same-excerpt":
        said = "Codes co-occur when they are applied to the same excerpt."
    elif mode == "overlap":
        said = (
            "Codes co-occur when their excerpts are the same or share at least one character "
            "(or millisecond); picture and PDF regions and untimed transcript spans only with "
            "themselves."
        )
    else:
        said = (
            f"Codes co-occur when their excerpts are the same or at most {within} characters "
            "(milliseconds for recordings) apart; picture and PDF regions and untimed "
            "transcript spans only with themselves."
        )
    return (
        said,
        "count: pairs of segments (an excerpt carrying both codes is one pair); jaccard: the "
        "share of the segments of either code that co-occur with the other.",
    )
