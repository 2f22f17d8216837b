"""Analysis tables as the report shows them: readable cells, ids left out."""

from __future__ import annotations

import math

from attrs import frozen

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
    """A cell as text: a list joined, a float to three decimals, nothing for no value."""
    if cell is None:
        return ""
    if isinstance(cell, tuple):
        return LIST_SEPARATOR.join(cell)
    if isinstance(cell, bool):
        return "yes" if cell else "no"
    if isinstance(cell, float):
        return "n/a" if math.isnan(cell) else f"{cell:.3f}".rstrip("0").rstrip(".")
    return str(cell)
