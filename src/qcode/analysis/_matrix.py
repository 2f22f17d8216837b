"""Codes or themes against groups of the data: NVivo's matrix coding query (``matrix``) and
the Framework method's cases x themes chart (``framework``)."""

from __future__ import annotations

from collections import Counter

from qcode._bulk import bulk
from qcode._model import Project
from qcode._table import Cell, Table, distinct
from qcode.analysis._cooccurrence import headers
from qcode.analysis._counts import Tally, found, groups, tally
from qcode.analysis._select import (
    Breakdown,
    Coded,
    CodeKeys,
    Key,
    Segment,
    ThemeKeys,
    breakdown,
    item_columns,
    select,
)

CELLS = ("references", "sources", "cases", "excerpts")
NO_TEXT = "(no text)"
"""A framework cell's entry for a segment without text (a region or time span without a
quote), which is counted too."""


def _cell(found: Tally | None, measure: str, within: set[int] | None) -> Cell:
    if found is None:
        return () if measure == "excerpts" else 0
    if measure == "references":
        return found.references
    if measure == "sources":
        return found.sources
    if measure == "cases":
        return found.case_count(within)
    return tuple(found.kept or ())


def _excerpt_id(segment: Segment) -> str:
    return str(segment.excerpt.id)


def _labels(labels: list[str]) -> list[str]:
    """Column headers for groups: a label two groups share gets the group's number."""
    shared = Counter(labels)
    return [label if shared[label] == 1 else f"{label} ({n})" for n, label in enumerate(labels, 1)]


@bulk()
def matrix(
    project: Project,
    codes: CodeKeys | None = None,
    *,
    themes: ThemeKeys | bool = False,
    by: str | None = "kind",
    cell: str = "references",
    include_children: bool = False,
) -> Table:
    """A row per code (default: every code) or theme (``themes``; ``True`` for all), a
    column per group of ``by`` (``"kind"``, ``"source"``, ``"case"``,
    ``"variable:NAME"`` or ``"coder"``; ``None``: one column for all), each cell the
    ``cell`` measure: ``references`` (excerpts), ``sources``, ``cases`` or ``excerpts``
    (their ids, to open them)."""
    if cell not in CELLS:
        raise ValueError(f"cell must be one of {', '.join(CELLS)}, not {cell!r}")
    coded = Coded(project)
    split = breakdown(coded, by)
    items = select(project, codes, themes, include_children)
    coded.about(items)
    tallies, _ = tally(coded, items, split, keep=_excerpt_id if cell == "excerpts" else None)
    keys = groups(split, tallies)
    within = [split.cases_in(key) for key in keys]
    rows = [
        (
            *item.cells,
            *(_cell(found(tallies, k, place), cell, w) for k, w in zip(keys, within, strict=True)),
        )
        for place, item in enumerate(items)
    ]
    kind = items[0].kind if items else "code"
    return Table(
        "matrix",
        (
            *item_columns(kind),
            *distinct(_labels([split.label(k) for k in keys]), item_columns(kind)),
        ),
        rows,
        notes=(
            f"Rows: {kind}s; columns: {_columns_note(split, keys)}; cells: {cell}.",
            *coded.notes(),
        ),
    )


def _columns_note(split: Breakdown, keys: list[Key]) -> str:
    if not split.columns:  # by=None
        return "one, of every segment"
    if len(split.columns) < 2:
        return f"each {split.name} (by value)"
    ids = ", ".join("none" if key[0] is None else str(key[0]) for key in keys)
    return f"each {split.name} (ids in order: {ids})"


_NO_CASES = (
    "The project has no cases: one row holds every segment; "
    "rows='source' (--rows source) gives a row per source.",
)


@bulk()
def framework(
    project: Project,
    codes: CodeKeys | None = None,
    *,
    themes: ThemeKeys | bool | None = None,
    rows: str = "case",
    include_children: bool = False,
) -> Table:
    """A row per case (``rows="case"``) or source (``"source"``), a pair of columns per theme
    (default: every theme, or every code in a project without themes; given ``codes``,
    those codes): the coded texts that fall in the cell, in document order, and how many
    there are."""
    if rows not in ("case", "source"):
        raise ValueError(f"rows must be case or source, not {rows!r}")
    coded = Coded(project)
    split = breakdown(coded, rows)
    fallen_back = themes is None and codes is None and not project.themes
    chosen = themes if themes is not None else codes is None and not fallen_back
    items = select(project, codes, chosen, include_children)
    coded.about(items)
    tallies, _ = tally(coded, items, split, keep=lambda s: coded.text(s) or NO_TEXT)
    chart = []
    for key in groups(split, tallies):
        cells: list[Cell] = []
        for place in range(len(items)):
            counted = found(tallies, key, place)
            texts = (counted.kept if counted else None) or []
            cells += [tuple(texts), len(texts)]
        chart.append((*key, *cells))
    kind = items[0].kind if items else "code" if fallen_back else "theme"
    ids = ", ".join(str(item.id) for item in items)
    return Table(
        "framework",
        (*split.columns, *_pairs(headers(items), split.columns)),
        chart,
        notes=(
            f"Rows: {rows}s; columns: each {kind} ({f'ids in order: {ids}' if ids else 'none'})"
            ", its coded texts and their number. A text is a text span's characters, "
            "else the excerpt's quote, else a transcript span's words; '(no text)' stands "
            "for a region, time span or span past its text's end without a quote.",
            *(("The project has no themes: a pair of columns per code.",) if fallen_back else ()),
            *(_NO_CASES if rows == "case" and not project.cases and project.sources else ()),
            *coded.notes(),
        ),
    )


def _pairs(names: list[str], fixed: tuple[str, ...]) -> list[str]:
    """A text column and its count column (``NAME n``) per name, numbered (``NAME (2)``,
    ``NAME (2) n``) where either would repeat a column, so that the two stay a pair."""
    taken, columns = set(fixed), []
    for name in names:
        header, number = name, 1
        while header in taken or f"{header} n" in taken:
            number += 1
            header = f"{name} ({number})"
        taken |= {header, f"{header} n"}
        columns += [header, f"{header} n"]
    return columns
