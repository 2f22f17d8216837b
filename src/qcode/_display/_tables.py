"""Analysis tables as the report shows them: readable cells, and the co-occurrence heatmap."""

from __future__ import annotations

import math
from collections.abc import Mapping

from attrs import frozen

from qcode._display import GREY
from qcode._table import LIST_SEPARATOR, Cell, Table

RENAMED = {"code_path": "code", "theme_path": "theme"}
"""A path column is headed by what it is the path of; the name beside it is left out."""


@frozen
class Shown:
    """A table ready for the page: a caption, column headings, rows of text, which columns
    hold numbers (aligned right), and the table's notes."""

    caption: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    notes: tuple[str, ...]


def shown(
    table: Table, caption: str, *, drop_empty: bool = False, hide: tuple[str, ...] = ()
) -> Shown:
    """``table`` without id columns (a code is shown by its path) or those in ``hide``, and
    with ``drop_empty`` without columns that hold nothing but zeros and blanks
    (milliseconds in a project of texts)."""
    hidden = {*hide, *(RENAMED[name] for name in table.columns if name in RENAMED)}
    keep = [
        n
        for n, name in enumerate(table.columns)
        if name not in hidden
        and not name.endswith("_id")
        and not (drop_empty and all(row[n] in (None, "", 0) for row in table.rows))
    ]
    return Shown(
        caption,
        tuple(RENAMED.get(table.columns[n], table.columns[n]) for n in keep),
        tuple(tuple(text(row[n]) for n in keep) for row in table.rows),
        tuple(
            all(isinstance(row[n], int | float) or row[n] is None for row in table.rows)
            and any(isinstance(row[n], int | float) for row in table.rows)
            for n in keep
        ),
        table.notes,
    )


def text(cell: Cell) -> str:
    """A cell as text: a list joined, a float to three decimals (one under 0.001 to three
    significant digits, so that a small share does not read as none), nothing for no
    value."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return LIST_SEPARATOR.join(cell)
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float):
        if math.isnan(cell) or math.isinf(cell):
            return "n/a" if math.isnan(cell) else str(cell)
        places = 3 if cell == 0 or abs(cell) >= 0.001 else 2 - math.floor(math.log10(abs(cell)))
        return f"{cell:.{places}f}".rstrip("0").rstrip(".")
    return str(cell)


CELL = 18
"""The side of a heatmap cell, in pixels."""
LABELS = 330
"""The width given to the codes' paths left of the heatmap, in pixels."""
INK = (11, 83, 148)
"""The colour of the largest count; smaller ones are lighter."""


@frozen
class Square:
    """One cell of the heatmap: where it is, what it says and its fill."""

    x: int
    y: int
    row: str
    column: str
    value: int
    fill: str


@frozen
class Heatmap:
    """Codes by codes, each cell coloured by how often the pair co-occurs; the diagonal
    holds each code's own references, drawn grey."""

    labels: tuple[str, ...]
    colours: tuple[str, ...]
    squares: tuple[Square, ...]
    width: int
    height: int
    top: int


def heatmap(square: Table, painted: Mapping[str, str]) -> Heatmap:
    """The heatmap of a square co-occurrence table (a row per code: its id, path and name,
    then a count per code); ``painted`` gives each code's colour by id."""
    size = len(square.rows)
    labels = tuple(str(row[1]) for row in square.rows)
    counts = [[_count(cell) for cell in row[-size:]] for row in square.rows]
    most = max((counts[a][b] for a in range(size) for b in range(size) if a != b), default=0)
    top = 30
    squares = tuple(
        Square(
            LABELS + b * CELL,
            top + a * CELL,
            labels[a],
            labels[b],
            counts[a][b],
            "#e0e0e0" if a == b else _shade(counts[a][b], most),
        )
        for a in range(size)
        for b in range(size)
    )
    return Heatmap(
        labels,
        tuple(painted.get(str(row[0]), GREY) for row in square.rows),
        squares,
        LABELS + size * CELL + 10,
        top + size * CELL + 10,
        top,
    )


def _count(cell: Cell) -> int:
    return cell if isinstance(cell, int) else 0


def _shade(count: int, most: int) -> str:
    """White for 0, `INK` for ``most``, in between by the share of ``most``."""
    share = count / most if most else 0.0
    return "#" + "".join(f"{round(255 - (255 - c) * share):02x}" for c in INK)
