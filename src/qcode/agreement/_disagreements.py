"""Where coders differ: each stretch of a source that some coders coded with a code and the
others did not, with its text; what a reconciliation meeting goes through."""

from __future__ import annotations

from collections.abc import Sequence

from qcode._intervals import Interval
from qcode._model import Project
from qcode._table import Cell, Table
from qcode.agreement._units import CHARACTERS, CoderSpec, Comparison, Coverage, compare

COLUMNS = ("source", "unit", "start", "end", "code", "coded_by", "not_coded_by", "text")


def disagreements(
    project: Project,
    other: Project | None = None,
    *,
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
) -> Table:
    """Every stretch where the coders (see `compare`) differ on a code: its source and
    position, the code, who coded it and who did not, and the text (for characters); in
    source order, then by position."""
    comparison = compare(project, other, coders=coders, include_children=include_children)
    return disagreements_table(comparison)


def disagreements_table(comparison: Comparison) -> Table:
    """`disagreements` on a comparison already made."""
    comparison.needs(None, "listing disagreements")
    labels = [side.label for side in comparison.sides]
    found: list[tuple[int, int, int, str, tuple[str, ...], tuple[str, ...]]] = []
    notes = list(comparison.notes)
    for index, path, coverages in comparison.on_lines(notes, "only spans are listed"):
        for (start, end), who in _differing(coverages):
            coded = tuple(labels[n] for n in who)
            others = tuple(label for n, label in enumerate(labels) if n not in who)
            found.append((index, start, end, path, coded, others))
    found.sort(key=lambda row: row[:3])
    rows: list[tuple[Cell, ...]] = []
    for index, start, end, path, coded, others in found:
        universe = comparison.universes[index]
        text = universe.text[start:end] if universe.unit == CHARACTERS and universe.text else None
        rows.append((universe.source, universe.unit, start, end, path, coded, others, text))
    head = (f"Coders: {', '.join(labels)}. A row per stretch where some coded the code and "
            "others did not.")  # fmt: skip
    return Table("agreement: disagreements", COLUMNS, rows, (head, *notes))


def _differing(coverages: Sequence[Coverage]) -> list[tuple[Interval, frozenset[int]]]:
    """The stretches some but not all of ``coverages`` cover, each with who covers it: one
    sweep over every boundary (each side's spans are merged, so neighbouring stretches
    always differ in who covers them)."""
    events = sorted(
        (position, opens, side)
        for side, coverage in enumerate(coverages)
        for start, end in coverage.spans
        for position, opens in ((start, True), (end, False))
    )
    everyone = len(coverages)
    active: set[int] = set()
    found: list[tuple[Interval, frozenset[int]]] = []
    last = 0
    for position, opens, side in events:
        if position > last and 0 < len(active) < everyone:
            found.append(((last, position), frozenset(active)))
        last = position
        if opens:
            active.add(side)
        else:
            active.discard(side)
    return found
