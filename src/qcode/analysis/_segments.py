"""The coding report: every segment coded with the chosen codes or themes, with where it
is, who it is attributed to, who coded it, its text and the text around it."""

from __future__ import annotations

from qcode._bulk import bulk
from qcode._model import Project
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
    ``characters`` or ``milliseconds``; empty for regions and transcript spans), the text
    (a text span's characters, otherwise the excerpt's quote) and, with ``context``, up to
    that many characters before and after a text span."""
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, not {context}")
    coded = Coded(project)
    items = select(project, codes, themes, include_children)
    owners = items_by_code(items)
    found: list[list[tuple[object, ...]]] = [[] for _ in items]
    names = {user: coded.coder(user) for user in coded.users}
    shown: dict[int, tuple[str, str, str, str]] = {}
    for segment in coded.segments:
        coders: dict[int, dict[str | None, None]] = {}
        for coding in segment.excerpt.codings:
            for place in owners.get(coding.code, ()):
                coder = coding.coder
                name = names[coder] if coder in names else coded.coder(coder)
                coders.setdefault(place, {})[name] = None
        if not coders:
            continue
        source = segment.source
        about = shown.get(id(source))
        if about is None:
            about = shown[id(source)] = (
                str(source.id),
                source.name,
                source.kind,
                source.medium.value,
            )
        before = after = None
        text = source.text if segment.unit == CHARACTERS else None
        if text is None:
            quoted = segment.excerpt.quote
        else:
            start, end = segment.start or 0, segment.end or 0
            quoted = text[start:end]
            if context:
                before, after = text[max(0, start - context) : start], text[end : end + context]
        common = (
            str(segment.excerpt.id),
            *about,
            tuple(case.label or str(case.id) for case in segment.cases),
        )
        place_of = (
            type(segment.excerpt.anchor).__name__,
            segment.unit,
            segment.start,
            segment.end,
            quoted,
            before,
            after,
        )
        for place, coder_names in coders.items():
            found[place].append(
                (*common, tuple(n for n in coder_names if n is not None), *place_of)
            )
    kind = items[0].kind if items else "code"
    rows = [
        (*cells, *row)
        for cells, rows in zip([item.cells for item in items], found, strict=True)
        for row in rows
    ]
    return Table(
        "segments",
        (*item_columns(kind), *SEGMENT_COLUMNS),
        rows,
        notes=_notes(items, include_children, context) + coded.notes(),
    )


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
