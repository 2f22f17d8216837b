"""NVivo's coding comparison: per code and source, over every unit of the source, the four
cells (coded by both, by one only, by neither), percentage agreement and Cohen's κ."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from attrs import frozen

from qcode._model import Project
from qcode._table import Cell, Table
from qcode.agreement._units import CoderSpec, Comparison, compare, overlap
from qcode.analysis._select import flag

COLUMNS = ("code", "source", "unit", "scope", "total", "both", "a_only", "b_only", "neither",
           "agreement_pct", "kappa", "jaccard", "note")  # fmt: skip
ZERO_OVER_ZERO = "κ is 0/0 (neither coder coded anything, or both coded everything)"


@frozen
class Cells:
    """A 2×2 comparison over ``total`` units: coded by ``both``, by A only, by B only; the
    rest by neither."""

    total: int
    both: int
    a_only: int
    b_only: int

    @property
    def neither(self) -> int:
        """Units neither coded."""
        return self.total - self.both - self.a_only - self.b_only

    @property
    def agreement(self) -> float:
        """Percentage of units on which the coders agree (NVivo's Agreement %)."""
        if self.total == 0:
            return math.nan
        return 100 * (self.both + self.neither) / self.total

    @property
    def kappa(self) -> float:
        """Cohen's κ as NVivo computes it; ``nan`` where it is 0/0."""
        total = self.total
        a, b = self.both + self.a_only, self.both + self.b_only
        expected = (a * b + (total - a) * (total - b)) / total if total else 0.0
        if total - expected == 0:
            return math.nan
        return (self.both + self.neither - expected) / (total - expected)

    @property
    def jaccard(self) -> float:
        """Agreement on coded units only: both / coded by either (not a κ)."""
        coded = self.both + self.a_only + self.b_only
        return self.both / coded if coded else math.nan

    def __getitem__(self, field: int) -> int:
        return (self.total, self.both, self.a_only, self.b_only)[field]


def nvivo(
    project: Project,
    other: Project | None = None,
    *,
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
    as_nvivo: bool = True,
) -> Table:
    """NVivo's coding comparison between two coders (or groups, or two projects; see
    `compare`): a row per code and source that either coded, then the aggregates NVivo
    leaves to its users: pooled cells, the mean weighted by source size and the plain mean.

    Where κ is 0/0, ``as_nvivo`` gives 1 as NVivo shows it; otherwise ``nan`` with the
    reason in the row's note.
    """
    return nvivo_table(
        compare(project, other, coders=coders, include_children=include_children), as_nvivo
    )


def nvivo_table(comparison: Comparison, as_nvivo: bool = True) -> Table:
    """`nvivo` on a comparison already made."""
    flag("as_nvivo", as_nvivo)
    comparison.needs(2, "the NVivo coding comparison")
    rows: list[tuple[Cell, ...]] = []
    by_unit: dict[str, list[tuple[Cells, Figures]]] = {}
    for index, _, path, (a, b) in comparison.cells():
        universe = comparison.universes[index]
        both = overlap(a, b)
        cells = Cells(universe.size, both, a.size - both, b.size - both)
        figures = _figures(cells, as_nvivo)
        by_unit.setdefault(universe.unit, []).append((cells, figures))
        rows.append(_row(path, universe.source, universe.unit, "code × source", cells, figures))
    for unit, found in by_unit.items():
        rows += _aggregates(unit, found, as_nvivo)
    first, second = comparison.sides[0].label, comparison.sides[1].label
    notes = (
        f"A = {first}; B = {second}. NVivo's coding comparison: per code and source over "
        "every unit of the source; agreement_pct = (both + neither) / total; kappa is "
        "Cohen's κ on the units; jaccard = both / (both + a_only + b_only).",
        "Aggregates (not NVivo's): pooled sums the cells of every row, then computes; "
        "size-weighted mean weights each row by its total; unweighted mean weighs rows "
        "alike; a row whose figure is undefined is left out of that figure's means.",
        *comparison.notes,
    )
    return Table("agreement: nvivo", COLUMNS, rows, notes)


Figures = tuple[float, float, float, str | None]
"""A row's agreement %, κ (as shown), Jaccard index and note."""


def _figures(cells: Cells, as_nvivo: bool) -> Figures:
    kappa = cells.kappa
    note = None
    if math.isnan(kappa):
        note = ZERO_OVER_ZERO + ("; NVivo shows 1" if as_nvivo else "")
        kappa = 1.0 if as_nvivo else kappa
    return cells.agreement, kappa, cells.jaccard, note


def _row(
    code: str, source: str, unit: str, scope: str, cells: Cells, figures: Figures
) -> tuple[Cell, ...]:
    return (code, source, unit, scope, cells.total, cells.both, cells.a_only, cells.b_only,
            cells.neither, *figures)  # fmt: skip


def _aggregates(
    unit: str, found: list[tuple[Cells, Figures]], as_nvivo: bool
) -> list[tuple[Cell, ...]]:
    """The pooled row and the two means of the rows ``found``."""
    pooled = Cells(*(sum(c[i] for c, _ in found) for i in range(4)))
    made = [_row("(all codes)", "(all sources)", unit, "pooled", pooled,
                 _figures(pooled, as_nvivo))]  # fmt: skip
    # an undefined κ stays out of the means, whether the row shows it as NVivo does (1)
    numbers = [(c.total, f[0], c.kappa, f[2]) for c, f in found]
    left = [
        f"{count} row{'' if count == 1 else 's'} with {name} undefined left out of the {name} mean"
        for name, at in (("agreement_pct", 1), ("κ", 2), ("jaccard", 3))
        if (count := sum(math.isnan(n[at]) for n in numbers))
    ]
    note = "; ".join(left) or None
    for scope, weighted in (("size-weighted mean", True), ("unweighted mean", False)):
        means = [_mean((n[at], n[0] if weighted else 1) for n in numbers) for at in (1, 2, 3)]
        made.append(("(all codes)", "(all sources)", unit, scope, pooled.total, None, None,
                     None, None, *means, note))  # fmt: skip
    return made


def _mean(pairs: Iterable[tuple[float, float]]) -> float:
    """The weighted mean of the values that are numbers; ``nan`` if none is."""
    kept = [(v, w) for v, w in pairs if not math.isnan(v)]
    total = sum(w for _, w in kept)
    return sum(v * w for v, w in kept) / total if total else math.nan
