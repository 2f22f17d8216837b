"""Compact HTML for Jupyter: what an object is at a glance, never the whole of a project."""

from __future__ import annotations

from typing import Any

from qcode._codebooks._formats._markdown import coded_excerpts
from qcode._display import clipped, colour, place, render
from qcode._display._tree import code_tree
from qcode._model import Code, Excerpt, Project, Source
from qcode._model._document import Codebook
from qcode._table import LIST_SEPARATOR, Cell, Table
from qcode.analysis import summarize

TREE_CODES = 200
"""The most codes a project's folded code tree shows."""
TABLE_ROWS = 10
"""The rows of a table shown."""
TEXT_START = 300
"""The characters of a source's text, an excerpt's quote or a definition shown."""


def html(item: Any) -> str:
    """The display of a `Project`, `Codebook`, `Source`, `Code`, `Excerpt` or `Table`."""
    # Any: the displayable classes call this from their _repr_html_.
    if isinstance(item, Project):
        return _project(item)
    if isinstance(item, Codebook):
        tree, left_out = code_tree(item.as_project(), {}, TREE_CODES)
        return render(
            "notebook/codebook.html.j2",
            codebook=item,
            description=clipped(item.description, TEXT_START),
            tree=tree,
            left_out=left_out,
            counted=False,
        )
    if isinstance(item, Source):
        return render(
            "notebook/source.html.j2",
            source=item,
            medium=item.medium.value,
            description=clipped(item.description, TEXT_START),
            start=clipped(item.text, TEXT_START),
            codings=len(item.codings) + sum(len(e.codings) for e in item.excerpts),
        )
    if isinstance(item, Code):
        return render("notebook/code.html.j2", code=item, colour=colour(item), limit=TEXT_START)
    if isinstance(item, Excerpt):
        return render(
            "notebook/excerpt.html.j2",
            excerpt=item,
            place=place(item.anchor),
            quote=clipped(item.quote, TEXT_START),
        )
    assert isinstance(item, Table)
    return render(
        "notebook/table.html.j2",
        table=item,
        rows=[[_cell(cell) for cell in row] for row in item.rows[:TABLE_ROWS]],
    )


def _project(project: Project) -> str:
    summary = summarize(project)
    counts = [(key, n) for key, n in summary.items() if isinstance(n, int) and n]
    tree, left_out = code_tree(project, coded_excerpts(project), TREE_CODES)
    return render(
        "notebook/project.html.j2",
        project=project,
        counts=counts,
        kinds=summary["sources_by_kind"],
        tree=tree,
        left_out=left_out,
        counted=True,
    )


def _cell(cell: Cell) -> str:
    """A cell as text, a long one (a segment's text, a framework cell's texts) cut to the
    start a notebook shows of any text; ``to_pandas()`` and the writers give it whole."""
    if cell is None:
        return ""
    return clipped(LIST_SEPARATOR.join(cell) if isinstance(cell, tuple) else str(cell), TEXT_START)
