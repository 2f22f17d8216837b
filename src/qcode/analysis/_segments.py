"""The coding report: every segment coded with the chosen codes or themes, with where it
is, who it is attributed to, who coded it, its text and the text around it."""

from __future__ import annotations

from uuid import UUID

from qcode._bulk import bulk
from qcode._model import Coding, Project
from qcode._table import Table
from qcode.analysis._select import (
    CHARACTERS,
    Coded,
    CodeKeys,
    Item,
    ThemeKeys,
    item_columns,
    items_by_code,
    select,
)

SEGMENT_COLUMNS = (
    "excerpt_id",
    "source_id",
    "source",
    "kind",
    "medium",
    "cases",
    "coders",
    "anchor",
    "unit",
    "start",
    "end",
    "text",
    "before",
    "after",
)


@bulk()
def segments(
    project: Project,
    codes: CodeKeys | None = None,
    *,
    themes: ThemeKeys | bool = False,
    include_children: bool = False,
    context: int = 0,
) -> Table:
    """One row per segment and chosen code (default: every code) or theme (``themes``;
    ``True`` for all), code by code in codebook order, segments in document order.

    A row gives the excerpt, its source (id, name, kind, medium), the labels of its cases,
    the coders who applied the code, the anchor and its position (``unit`` is
    ``characters`` or ``milliseconds``, a transcript span's being the times of its sync
    points; empty for regions and untimed transcript spans), the text (a text span's
    characters, else the excerpt's quote, else a transcript span's words) and, with
    ``context``, up to that many characters before and after a text span."""
    if not isinstance(context, int) or isinstance(context, bool):
        raise TypeError(f"context is a whole number of characters, not {context!r}")
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, not {context}")
    coded = Coded(project)
    items = select(project, codes, themes, include_children)
    coded.about(items)
    owners = items_by_code(items)
    found: list[list[tuple[object, ...]]] = [[] for _ in items]
    cells = [item.cells for item in items]
    for source, segments in coded.sources():
        about = (str(source.id), source.name, source.kind, source.medium.value)
        text = source.text
        labels: tuple[str, ...] = ()
        cases: tuple[object, ...] | None = None
        for segment in segments:
            coders = _coders(coded, owners, segment.excerpt.codings)
            if not coders:
                continue
            if segment.cases is not cases:
                cases = segment.cases
                labels = tuple(case.label or str(case.id) for case in segment.cases)
            before = after = None
            start, end = segment.start, segment.end
            quoted = coded.text(segment)
            if context and segment.unit == CHARACTERS and text is not None:
                at, to = start or 0, end or 0
                before, after = text[max(0, at - context) : at], text[to : to + context]
            excerpt_id = str(segment.excerpt.id)
            anchor = type(segment.excerpt.anchor).__name__
            for place, named in coders:
                found[place].append(
                    (
                        *cells[place],
                        excerpt_id,
                        *about,
                        labels,
                        named,
                        anchor,
                        segment.unit,
                        start,
                        end,
                        quoted,
                        before,
                        after,
                    )
                )
    kind = items[0].kind if items else "code"
    rows = [row for rows in found for row in rows]
    return Table(
        "segments",
        (*item_columns(kind), *SEGMENT_COLUMNS),
        rows,
        notes=_notes(items, include_children, context) + coded.notes(),
    )


def _coders(
    coded: Coded, owners: dict[UUID, list[int]], codings: tuple[Coding, ...]
) -> list[tuple[int, tuple[str, ...]]]:
    """The places of the chosen items ``codings`` bring, each with the names of the coders
    who applied them (one coding, the common case, needs no merging)."""
    if len(codings) == 1:
        coding = codings[0]
        places = owners.get(coding.code)
        if not places:
            return []
        named = coded.coder_names(coding.coder)
        return [(place, named) for place in places]
    merged: dict[int, dict[str, None]] = {}
    for coding in codings:
        for place in owners.get(coding.code, ()):
            name = coded.coder(coding.coder)
            names = merged.setdefault(place, {})
            if name is not None:
                names[name] = None
    return [(place, tuple(names)) for place, names in merged.items()]


def _notes(items: list[Item], include_children: bool, context: int) -> tuple[str, ...]:
    notes = []
    if include_children:
        notes.append("Each code (or theme) includes the codes (or themes) below it.")
    if context:
        notes.append(
            f"before and after: up to {context} characters either side of a text span; "
            "empty for other anchors."
        )
    return tuple(notes)
