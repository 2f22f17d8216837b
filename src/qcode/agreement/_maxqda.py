"""MAXQDA's segment-level intercoder agreement: each coder's coded segment agrees if the
other coder coded the same code on a segment overlapping it by at least ``min_overlap``
(intersection over union); per code and overall, the share of agreeing segments and
Brennan and Prediger's κ_n with chance 1 / the number of codes in the table."""

from __future__ import annotations

import math
from collections.abc import Sequence

from qcode._intervals import Interval
from qcode._model import Project
from qcode._table import Cell, Table
from qcode.agreement._segments import brennan_prediger
from qcode.agreement._units import AgreementError, CoderSpec, Comparison, compare

COLUMNS = ("code", "agreements", "disagreements", "total", "percent", "kappa")
MATCH_COLUMNS = ("source", "code", "coder", "start", "end", "other_start", "other_end",
                 "overlap", "agrees")  # fmt: skip


def maxqda(
    project: Project,
    other: Project | None = None,
    *,
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
    min_overlap: float = 0.9,
) -> tuple[Table, Table]:
    """MAXQDA's code-specific results table (with a total row) and its match table: every
    coded segment of either coder, the other coder's best-overlapping segment of the same
    code, and whether it agrees. Two coders (see `compare`)."""
    comparison = compare(project, other, coders=coders, include_children=include_children)
    return maxqda_tables(comparison, min_overlap)


def maxqda_tables(comparison: Comparison, min_overlap: float) -> tuple[Table, Table]:
    """`maxqda` on a comparison already made."""
    if isinstance(min_overlap, bool) or not isinstance(min_overlap, (int, float)):
        raise TypeError(f"the minimum overlap is a share (a number), not {min_overlap!r}")
    if not 0 < min_overlap <= 1:
        raise AgreementError(f"the minimum overlap is a share above 0 up to 1, not {min_overlap}")
    comparison.needs(2, "MAXQDA's intercoder agreement")
    labels = [side.label for side in comparison.sides]
    matches: list[tuple[Cell, ...]] = []
    counts: dict[str, list[int]] = {}
    notes = list(comparison.notes)
    for index, path, coverages in comparison.on_lines(notes, "segments are spans"):
        universe = comparison.universes[index]
        tally = counts.setdefault(path, [0, 0])
        for side, (mine, theirs) in enumerate([coverages, coverages[::-1]]):
            for segment, best, share in _best(list(mine.spans), list(theirs.spans)):
                agrees = share >= min_overlap
                tally[0 if agrees else 1] += 1
                matches.append((universe.source, path, labels[side], *segment,
                                *(best or (None, None)), share, agrees))  # fmt: skip
    k = len(counts)
    rows: list[tuple[Cell, ...]] = [_row(path, a, d, k) for path, (a, d) in counts.items()]
    if counts:
        agree = sum(a for a, _ in counts.values())
        rows.append(_row("(total)", agree, sum(d for _, d in counts.values()), k))
    head = (
        f"Coders: {labels[0]}, {labels[1]}. A segment agrees if the other coder coded the same "
        f"code on a segment overlapping it by at least {min_overlap:.0%} (intersection over "
        "union); percent = agreements / total; kappa is Brennan and Prediger's κ_n = "
        f"(P_o − P_c) / (1 − P_c) with P_c = 1 / {k} (the codes in this table).",
    )
    return (
        Table("agreement: maxqda", COLUMNS, rows, (*head, *notes)),
        Table("agreement: maxqda matches", MATCH_COLUMNS, matches, head),
    )


def _row(code: str, agreements: int, disagreements: int, codes: int) -> tuple[Cell, ...]:
    total = agreements + disagreements
    share = agreements / total if total else math.nan
    kappa = brennan_prediger(share, codes) if codes > 1 else math.nan
    return (code, agreements, disagreements, total, 100 * share, kappa)


def _best(
    mine: list[Interval], theirs: list[Interval]
) -> list[tuple[Interval, Interval | None, float]]:
    """Each of ``mine`` (merged) with the segment of ``theirs`` (merged) that overlaps it most,
    as intersection over union, in one sweep."""
    found: list[tuple[Interval, Interval | None, float]] = []
    j = 0
    for start, end in mine:
        while j < len(theirs) and theirs[j][1] <= start:
            j += 1
        best: Interval | None = None
        share = 0.0
        k = j
        while k < len(theirs) and theirs[k][0] < end:
            other = theirs[k]
            both = min(end, other[1]) - max(start, other[0])
            ratio = both / (max(end, other[1]) - min(start, other[0]))
            if ratio > share:
                best, share = other, ratio
            k += 1
        found.append(((start, end), best, share))
    return found
