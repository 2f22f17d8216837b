"""Agreement over pre-defined segments (paragraphs, one per source, or the caller's): for each
code, whether each coder coded it in each segment; then Cohen's κ, Krippendorff's α
(nominal), Fleiss' κ, percentage agreement or Holsti's index. The coefficients themselves
are here too, on plain data, for any labelled units."""

from __future__ import annotations

import itertools
import math
import numbers
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from uuid import UUID

from qcode._intervals import Interval
from qcode._model import Project
from qcode._table import Cell, Table
from qcode.agreement._nvivo import Cells
from qcode.agreement._units import (
    CHARACTERS,
    AgreementError,
    CoderSpec,
    Comparison,
    Coverage,
    Universe,
    compare,
)

Units = Sequence[Counter[Hashable]]
"""Per unit, how many coders gave each value."""
SEGMENTS = ("paragraphs", "sources")
METHODS = ("kappa", "krippendorff", "fleiss", "percent", "holsti")
COLUMNS = ("code", "scope", "segments", "coders", "both", "a_only", "b_only", "neither",
           "value", "note")  # fmt: skip
UNDEFINED = "undefined (0/0): the coders' values do not vary"


def cohen_kappa(table: Sequence[Sequence[int]]) -> float:
    """Cohen's κ from a square table of counts (rows: coder A's category, columns: B's);
    ``nan`` where chance agreement is total."""
    for number, row in enumerate(table, 1):
        if len(row) != len(table):
            raise ValueError(
                f"Cohen's κ needs a square table of counts; row {number} has {len(row)} cells "
                f"for {len(table)} rows"
            )
    _check_counts(table)
    total = sum(map(sum, table))
    if total == 0:
        return math.nan
    observed = sum(table[i][i] for i in range(len(table))) / total
    columns = [sum(row[j] for row in table) for j in range(len(table))]
    expected = sum(sum(row) * col for row, col in zip(table, columns, strict=True)) / total**2
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


def _check_counts(table: Sequence[Sequence[int]]) -> None:
    """Refuse a table of counts holding a negative count or something not a number."""
    for number, row in enumerate(table, 1):
        for column, count in enumerate(row, 1):
            if not isinstance(count, numbers.Real):
                raise ValueError(
                    f"a count must be a number, not {count!r} at row {number}, column "
                    f"{column} (coders' categories? krippendorff_alpha takes coders × units)"
                )
            if count < 0:
                raise ValueError(
                    f"a count cannot be negative: {count} at row {number}, column {column}"
                )


def _units(data: Sequence[Sequence[Hashable | None]]) -> list[Counter[Hashable]]:
    """Coders × units data (``None``: missing) as value counts per unit."""
    if len({len(row) for row in data}) > 1:
        raise ValueError("every coder's row needs one value per unit")
    return [Counter(v for v in unit if v is not None) for unit in zip(*data, strict=True)]


def krippendorff_alpha(data: Sequence[Sequence[Hashable | None]]) -> float:
    """Krippendorff's α for nominal values, from coders × units data (``None``: missing)."""
    return _alpha(_units(data))


def _alpha(units: Units) -> float:
    agree = 0.0
    totals: Counter[Hashable] = Counter()
    for unit in units:
        m = sum(unit.values())
        if m < 2:
            continue  # a value no one else gave is not pairable
        agree += sum(c * (c - 1) for c in unit.values()) / (m - 1)
        totals.update(unit)
    n = sum(totals.values())
    expected = n * n - sum(c * c for c in totals.values())
    return math.nan if expected == 0 else 1 - (n - 1) * (n - agree) / expected


def fleiss_kappa(counts: Sequence[Sequence[int]]) -> float:
    """Fleiss' κ from subjects × categories counts (every subject rated by as many
    raters, each row a count per category)."""
    for number, row in enumerate(counts, 1):
        if len(row) != len(counts[0]):
            raise ValueError(
                f"Fleiss' κ needs a count per category in every row; row {number} has "
                f"{len(row)} cells, row 1 {len(counts[0])}"
            )
    _check_counts(counts)
    return _fleiss([Counter(dict(enumerate(row))) for row in counts])


def _fleiss(units: Units) -> float:
    if not units:
        return math.nan
    raters = {sum(unit.values()) for unit in units}
    if len(raters) != 1:
        raise ValueError("Fleiss' κ needs every subject rated by as many raters")
    (n,) = raters
    if n < 2:
        return math.nan
    observed = sum(_pair_share(unit) for unit in units) / len(units)
    totals: Counter[Hashable] = Counter()
    for unit in units:
        totals.update(unit)
    expected = sum((c / (n * len(units))) ** 2 for c in totals.values())
    return math.nan if expected == 1 else (observed - expected) / (1 - expected)


def _pair_share(unit: Counter[Hashable]) -> float:
    """The share of a unit's pairs of coders who agree."""
    m = sum(unit.values())
    return sum(c * (c - 1) for c in unit.values()) / (m * (m - 1))


def percent_agreement(data: Sequence[Sequence[Hashable | None]]) -> float:
    """The share of pairs of coders who give a unit the same value, averaged over the units
    two or more coders valued (for two coders: the share of units they agree on)."""
    return _percent(_units(data))


def _percent(units: Units) -> float:
    shares = [_pair_share(u) for u in units if sum(u.values()) > 1]
    return sum(shares) / len(shares) if shares else math.nan


def holsti(agreements: int, first: int, second: int) -> float:
    """Holsti's CR = 2A / (N1 + N2): ``agreements`` against the decisions each coder made."""
    if min(agreements, first, second) < 0 or agreements > min(first, second):
        raise ValueError(
            f"Holsti's CR needs 0 <= agreements <= each coder's decisions; got {agreements} "
            f"agreements of {first} and {second}"
        )
    total = first + second
    return 2 * agreements / total if total else math.nan


def brennan_prediger(observed: float, categories: int) -> float:
    """Brennan and Prediger's κ_n: chance agreement 1 / ``categories``, from the
    ``observed`` share of agreement (0 to 1; ``nan``, where there was nothing to agree on,
    gives ``nan``)."""
    if math.isnan(observed):
        return math.nan
    if not 0 <= observed <= 1:
        raise ValueError(
            f"observed agreement is a share from 0 to 1, not {observed} (a percentage? "
            "divide it by 100)"
        )
    if categories < 2 or categories != int(categories):
        raise ValueError(f"κ_n needs two or more categories to choose from, not {categories}")
    chance = 1 / categories
    return (observed - chance) / (1 - chance)


def segments(
    project: Project,
    other: Project | None = None,
    *,
    method: str = "kappa",
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
    units: str | Mapping[str, Sequence[Interval]] = "paragraphs",
) -> Table:
    """Agreement on whether each code is in each segment, per code and over all codes.

    ``method``: ``kappa`` (Cohen, two coders), ``krippendorff`` (nominal α), ``fleiss``,
    ``percent`` (share of agreeing pairs) or ``holsti`` (2 × segments both coded / segments
    each coded, two coders). ``units``: ``paragraphs`` (a text's lines that are not blank),
    ``sources`` (one segment per source and medium) or, per source name, its segments as
    character spans.
    """
    comparison = compare(project, other, coders=coders, include_children=include_children)
    return segments_table(comparison, method, units)


def segments_table(
    comparison: Comparison, method: str, units: str | Mapping[str, Sequence[Interval]]
) -> Table:
    """`segments` on a comparison already made."""
    if method not in METHODS:
        raise AgreementError(f"no segment method {method!r}; methods: {', '.join(METHODS)}")
    pairwise = method in ("kappa", "holsti")
    comparison.needs(2 if pairwise else None, _NAMES[method])
    notes = list(comparison.notes)
    if not isinstance(units, str):
        known = {u.source for u in comparison.universes}
        strangers = [name for name in units if name not in known]
        if strangers:
            raise AgreementError(
                f"segments are given for {', '.join(map(repr, strangers))}, which no source "
                f"compared is called (sources: {', '.join(map(repr, sorted(known))) or 'none'})"
            )
    lists = [_segments_of(u, units, notes) for u in comparison.universes]
    total = sum(len(s) for s in lists)
    coded: dict[UUID, tuple[str, list[set[int]]]] = {}
    m = len(comparison.sides)
    offsets = [0]
    for found_lists in lists:
        offsets.append(offsets[-1] + len(found_lists))
    for index, key, path, coverages in comparison.cells():
        offset = offsets[index]
        _, found = coded.setdefault(key, (path, [set() for _ in range(m)]))
        for side, coverage in enumerate(coverages):
            found[side].update(offset + i for i in _touched(lists[index], coverage))
    measure = _MEASURES[method]
    rows: list[tuple[Cell, ...]] = []
    values: list[float] = []
    pooled: list[_Presence] = []
    for path, sets in coded.values():
        presence = _Presence(sets, total)
        pooled.append(presence)
        value = measure(presence)
        values.append(value)
        rows.append(_row(path, "code", presence, value, m))
    if pooled:
        joined = _Presence.joined(pooled)
        rows.append(_row("(all codes)", "pooled", joined, measure(joined), m))
        defined = [v for v in values if not math.isnan(v)]
        mean = sum(defined) / len(defined) if defined else math.nan
        rows.append(("(all codes)", "unweighted mean", total, m, None, None, None, None, mean,
                     None if defined else UNDEFINED))  # fmt: skip
    labels = ", ".join(side.label for side in comparison.sides)
    head = (
        f"Coders: {labels}. {_NAMES[method]} on whether each code is in each segment "
        f"({_described(units)}); a coder codes a segment by coding any part of it.",
        "pooled treats every code's segments as units of one comparison; unweighted mean "
        "averages the codes' values (every code has as many segments, so a size-weighted "
        "mean is the same).",
    )
    return Table(f"agreement: {method}", COLUMNS, rows, (*head, *notes))


_NAMES = {
    "kappa": "Cohen's κ",
    "krippendorff": "Krippendorff's α (nominal)",
    "fleiss": "Fleiss' κ",
    "percent": "percentage agreement (share of agreeing pairs of coders)",
    "holsti": "Holsti's CR = 2 × both / (segments A coded + segments B coded)",
}


class _Presence:
    """Which segments each coder coded with a code, out of ``total``."""

    def __init__(self, sets: list[set[int]], total: int) -> None:
        self.sets = sets
        self.total = total

    @classmethod
    def joined(cls, parts: list[_Presence]) -> _Presence:
        m = len(parts[0].sets)
        sets: list[set[int]] = [set() for _ in range(m)]
        offset = 0
        for part in parts:
            for side, found in enumerate(part.sets):
                sets[side].update(offset + i for i in found)
            offset += part.total
        return cls(sets, offset)

    def cells(self) -> Cells:
        a, b = self.sets
        both = len(a & b)
        return Cells(self.total, both, len(a) - both, len(b) - both)

    def units(self) -> list[Counter[Hashable]]:
        m = len(self.sets)
        counts = Counter(i for found in self.sets for i in found)
        untouched = self.total - len(counts)
        touched: list[Counter[Hashable]] = [
            Counter({True: k, False: m - k}) for k in counts.values()
        ]
        return touched + [Counter({False: m})] * untouched


_MEASURES: dict[str, Callable[[_Presence], float]] = {
    "kappa": lambda p: p.cells().kappa,
    "krippendorff": lambda p: _alpha(p.units()),
    "fleiss": lambda p: _fleiss(p.units()),
    "percent": lambda p: _percent(p.units()),
    "holsti": lambda p: holsti(p.cells().both, len(p.sets[0]), len(p.sets[1])),
}


def _row(code: str, scope: str, presence: _Presence, value: float, m: int) -> tuple[Cell, ...]:
    note = UNDEFINED if math.isnan(value) else None
    if m == 2:
        c = presence.cells()
        return (code, scope, presence.total, m, c.both, c.a_only, c.b_only, c.neither, value,
                note)  # fmt: skip
    return (code, scope, presence.total, m, None, None, None, None, value, note)


def _described(units: str | Mapping[str, Sequence[Interval]]) -> str:
    if units == "paragraphs":
        return "segments: a text's lines that are not blank"
    if units == "sources":
        return "segments: one per source and medium"
    return "segments: given per source"


_LINE = re.compile(r"[^\r\n]*\S[^\r\n]*")


def _segments_of(
    universe: Universe, units: str | Mapping[str, Sequence[Interval]], notes: list[str]
) -> list[Interval]:
    if units == "sources":
        return [(0, universe.size)]
    if universe.unit != CHARACTERS:
        notes.append(f"{universe.unit} of {universe.source!r} left out: segments are in text")
        return []
    if isinstance(units, str):
        if units != "paragraphs":
            raise AgreementError(f"no segments {units!r}; segments: {', '.join(SEGMENTS)}")
        return [m.span() for m in _LINE.finditer(universe.text or "")]
    given = units.get(universe.source)
    if given is None:
        notes.append(f"source {universe.source!r} left out: no segments given for it")
        return []
    return _checked(universe, given)


def _checked(universe: Universe, given: Iterable[Interval]) -> list[Interval]:
    spans = sorted(given)
    for start, end in spans:
        where = f"source {universe.source!r}: segment [{start}, {end})"
        if end <= start:
            raise AgreementError(f"{where} does not end after it starts")
        if start < 0 or end > universe.size:
            raise AgreementError(f"{where} is not within its {universe.size} characters")
    for (s1, e1), (s2, e2) in itertools.pairwise(spans):
        if s2 < e1:
            raise AgreementError(
                f"source {universe.source!r}: segments [{s1}, {e1}) and [{s2}, {e2}) overlap"
            )
    return spans


def _touched(spans: list[Interval], coverage: Coverage) -> Iterable[int]:
    """The segments (sorted, apart) that any of ``coverage`` falls in."""
    if coverage.boxes:
        return range(len(spans)) if coverage.size else ()
    starts = [s for s, _ in spans]
    found: set[int] = set()
    for start, end in coverage.spans:
        i = max(bisect_right(starts, start) - 1, 0)
        while i < len(spans) and spans[i][0] < end:
            if spans[i][1] > start:
                found.add(i)
            i += 1
    return found
