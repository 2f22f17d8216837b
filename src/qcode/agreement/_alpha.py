"""ATLAS.ti's Krippendorff α family over the text continuum: |uα (alpha binary) per code,
cuα per semantic domain and Cuα across domains, for two or more coders.

Each coder divides a continuum (a source's characters, milliseconds or pixels) into
sections: their merged codings and the gaps between them. Coincidences are the lengths where
two coders' sections meet; the expected coincidences follow Krippendorff, Mathet, Bouvry and
Widlöcher (2016), with a coded section weighing its length squared and a gap counted as a
run of single units.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import combinations, permutations
from uuid import UUID

from attrs import field, frozen

from qcode._model import Code, Project
from qcode._table import Cell, Table
from qcode.agreement._units import (
    AgreementError,
    CoderSpec,
    Comparison,
    Coverage,
    compare,
    overlap,
    union,
)

COLUMNS = ("measure", "code", "source", "unit", "length", "observed", "expected", "alpha",
           "note")  # fmt: skip
_CODED, _GAP = 1, 0
NO_VARIATION = "α is 0/0: the coders' values do not vary (nothing coded, or all coded alike)"
NOTHING_SHARED = "α is 0/0: no stretch that two coders both coded"


@frozen
class Coincidences:
    """What α needs of a continuum: its pairable ``length`` (coders × units), the length of
    agreeing coincidences (``agree``: Σ o_cc), each value's total length (``lengths``) and
    the weights of its sections (``squares``: Σ |s|² for coded sections, |s| for gaps)."""

    length: float
    agree: float
    lengths: dict[Hashable, float] = field(factory=dict)
    squares: dict[Hashable, float] = field(factory=dict)

    def __add__(self, other: Coincidences) -> Coincidences:
        return Coincidences(
            self.length + other.length,
            self.agree + other.agree,
            _summed(self.lengths, other.lengths),
            _summed(self.squares, other.squares),
        )

    @property
    def expected(self) -> float:
        """The expected disagreement, l·· − Σ e_cc."""
        total = self.length
        weights = sum(self.squares.values())
        denominator = total * total - weights
        if denominator <= 0:
            return 0.0
        agree = sum(
            total * (size * size - self.squares.get(value, 0.0)) / denominator
            for value, size in self.lengths.items()
        )
        return total - agree

    @property
    def observed(self) -> float:
        """The observed disagreement, l·· − Σ o_cc."""
        return self.length - self.agree

    @property
    def alpha(self) -> float:
        """1 − observed / expected disagreement; ``nan`` where both are 0."""
        expected = self.expected
        if expected <= 0:
            return math.nan
        return 1 - self.observed / expected


def _summed(a: dict[Hashable, float], b: dict[Hashable, float]) -> dict[Hashable, float]:
    found = dict(a)
    for key, value in b.items():
        found[key] = found.get(key, 0.0) + value
    return found


def binary(coverages: Sequence[Coverage], size: int) -> Coincidences:
    """|uα's coincidences in one continuum of ``size`` units: each coder's coverage of one
    code against the gaps around it."""
    m = len(coverages)
    pairs = 2 * sum(overlap(a, b) for a, b in combinations(coverages, 2))
    coded = sum(c.size for c in coverages)
    gaps = m * size - coded
    apart = m * (m - 1) * size - 2 * (m - 1) * coded
    weights = sum(_squares(c) for c in coverages)
    return Coincidences(
        m * size,
        (2 * pairs + apart) / (m - 1),
        {_CODED: coded, _GAP: gaps},
        {_CODED: weights, _GAP: gaps},
    )


def _squares(coverage: Coverage) -> int:
    """Σ |s|² over a coverage's sections; a picture's pixels count one by one."""
    if coverage.boxes:
        return coverage.size
    return sum((end - start) ** 2 for start, end in coverage.spans)


def categorical(values: Mapping[Hashable, Sequence[Coverage]]) -> Coincidences:
    """cuα's coincidences: for each value (a code, or a domain), each coder's coverage; only
    where two coders both coded something do their values coincide."""
    m = len(next(iter(values.values()), ()))
    observed: dict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for c, first in values.items():
        for k, second in values.items():
            for g, h in permutations(range(m), 2):
                observed[c, k] += overlap(first[g], second[h]) / (m - 1)
    lengths: dict[Hashable, float] = defaultdict(float)
    for (c, _), amount in observed.items():
        lengths[c] += amount
    total = sum(lengths.values())
    agree = sum(amount for (c, k), amount in observed.items() if c == k)
    return Coincidences(total, agree, dict(lengths))


def alpha(
    project: Project,
    other: Project | None = None,
    *,
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
    domains: Mapping[str, Sequence[Code | UUID | str]] | None = None,
) -> Table:
    """ATLAS.ti's α family between two or more coders (see `compare` for who is compared):
    |uα per code in each source and over all sources; cuα per semantic domain and Cuα across
    domains, over all sources. ``domains`` names each domain's codes (by default, the
    children of every code that has some)."""
    comparison = compare(project, other, coders=coders, include_children=include_children)
    return alpha_table(comparison, _domains(comparison, domains))


def _domains(
    comparison: Comparison, given: Mapping[str, Sequence[Code | UUID | str]] | None
) -> dict[str, list[UUID]]:
    if not comparison.sides:  # nobody to compare: `alpha_table` says so
        return {}
    first = comparison.sides[0].project
    known = {key for key, _ in comparison.codes}
    if given is not None:
        return _given_domains(first, given)
    paths = dict(comparison.codes)
    found: dict[str, list[UUID]] = {}
    for code in first.codes:
        children = [c.id for c in first.children(code) if c.id in known]
        if children:  # one child is a domain too: its cuα has no choice (nan), Cuα counts it
            found[paths[code.id]] = children
    return found


def _given_domains(
    first: Project, given: Mapping[str, Sequence[Code | UUID | str]]
) -> dict[str, list[UUID]]:
    """The domains a caller named, as code keys; refused where one holds no code or a code
    is in two (Cuα takes the domains as values that exclude each other)."""
    if not isinstance(given, Mapping):
        raise TypeError(f"domains maps each domain's name to its codes, not {given!r}")
    found: dict[str, list[UUID]] = {}
    held: dict[UUID, str] = {}
    for name, codes in given.items():
        if isinstance(codes, (str, UUID, Code)) or not isinstance(codes, Iterable):
            raise TypeError(f"domain {name!r}: give a list of codes, not {codes!r}")
        keys = list(dict.fromkeys(first.code(c.id if isinstance(c, Code) else c).id for c in codes))
        if not keys:
            raise AgreementError(f"domain {name!r} holds no codes; give each domain one or more")
        for key in keys:
            if key in held:
                raise AgreementError(
                    f"code {first.path(key)!r} is in domains {held[key]!r} and {name!r}; "
                    "Cuα needs each code in one domain"
                )
            held[key] = name
        found[name] = keys
    return found


def alpha_table(comparison: Comparison, domains: Mapping[str, Sequence[UUID]]) -> Table:
    """`alpha` on a comparison already made, with ``domains`` as code keys."""
    comparison.needs(None, "the α family")
    m = len(comparison.sides)
    rows: list[tuple[Cell, ...]] = []
    per_code: dict[tuple[UUID, str], tuple[str, Coincidences, int]] = {}
    sizes: dict[str, int] = defaultdict(int)
    for universe in comparison.universes:
        sizes[universe.unit] += universe.size
    for index, key, path, coverages in comparison.cells():
        universe = comparison.universes[index]
        found = binary(coverages, universe.size)
        rows.append(_row("|uα", path, universe.source, universe.unit, found))
        _, before, size = per_code.get((key, universe.unit), (path, None, 0))
        per_code[key, universe.unit] = (
            path,
            found if before is None else before + found,
            size + universe.size,
        )
    for (_, unit), (path, found, size) in per_code.items():
        rest = (sizes[unit] - size) * m
        uncoded = Coincidences(rest, rest, {_GAP: rest}, {_GAP: rest})
        rows.append(_row("|uα", path, "(all sources)", unit, found + uncoded))
    rows += _categorical_rows(comparison, domains)
    names = ", ".join(side.label for side in comparison.sides)
    notes = (
        f"Coders: {names}. |uα: coded with the code or not, over every unit; cuα: which code "
        "of a domain, where coders both coded some code of it; Cuα: which domain, where "
        "coders both coded some domain. observed and expected are disagreement lengths; "
        "alpha = 1 − observed / expected.",
        "(all sources) concatenates the sources, units nobody coded with the code included.",
        *comparison.notes,
    )
    return Table("agreement: alpha", COLUMNS, rows, notes)


def _categorical_rows(
    comparison: Comparison, domains: Mapping[str, Sequence[UUID]]
) -> list[tuple[Cell, ...]]:
    m = len(comparison.sides)
    empty = (Coverage(),) * m
    wanted = {key for codes in domains.values() for key in codes}
    units = dict.fromkeys(
        comparison.universes[i].unit for i, key in comparison.coverage if key in wanted
    )
    rows: list[tuple[Cell, ...]] = []
    for unit in units:
        found: dict[str, Coincidences] = {}
        overall: Coincidences | None = None
        for index, universe in enumerate(comparison.universes):
            if universe.unit != unit:
                continue
            by_domain: dict[Hashable, tuple[Coverage, ...]] = {}
            for name, keys in domains.items():
                values: dict[Hashable, tuple[Coverage, ...]] = {
                    k: comparison.coverage.get((index, k), empty) for k in keys
                }
                part = categorical(values)
                found[name] = found[name] + part if name in found else part
                by_domain[name] = tuple(union(v[g] for v in values.values()) for g in range(m))
            part = categorical(by_domain)
            overall = part if overall is None else overall + part
        rows += [_row("cuα", name, "(all sources)", unit, each) for name, each in found.items()]
        if len(domains) > 1 and overall is not None:
            rows.append(_row("Cuα", "(all domains)", "(all sources)", unit, overall))
    return rows


def _row(measure: str, code: str, source: str, unit: str, found: Coincidences) -> tuple[Cell, ...]:
    value = found.alpha
    note = None
    if math.isnan(value):
        note = NOTHING_SHARED if found.length == 0 else NO_VARIATION
    # length is a float in every row: cuα's coincidences are fractions with three coders.
    return (measure, code, source, unit, float(found.length), found.observed, found.expected,
            value, note)  # fmt: skip
