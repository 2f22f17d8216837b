"""The report: one self-contained HTML file that shows a whole project.

Everything it needs (styles, the script that filters and pages the segments) is inline
and nothing is fetched, so it works offline, from an e-mail attachment or a USB stick.
Sections a project has no data for are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from uuid import UUID

from attrs import frozen

from qcode import agreement
from qcode._analysis import summarize
from qcode._display import clipped, colour, colours, in_context, place, render
from qcode._display._tables import Shown, shown
from qcode._display._tree import code_tree
from qcode._model import Case, Code, Coding, Project, Source, Theme, VariableValue
from qcode._model._codebook import in_tree_order
from qcode._table import Table

CONTEXT = 100
"""The characters of a source's text shown on either side of a coded segment."""
WHOLE_SOURCE = 200
"""The characters shown of a source coded as a whole."""
ALL_SOURCES = "(all sources)"
"""The source of `qcode.agreement.alpha`'s rows over every source."""
OPEN_UP_TO = 1000
"""A project with at most this many segments shows them unfolded; a larger one folds
each code's segments (the page pages them either way)."""


@frozen
class Segment:
    """One code applied to one excerpt (or to a whole source), for the report."""

    before: str
    coded: str
    after: str
    source: Source
    place: str
    cases: tuple[str, ...]
    coders: tuple[str, ...]


@frozen
class CodeSegments:
    """A code's segments, with its path and colour."""

    code: Code
    path: str
    colour: str
    segments: tuple[Segment, ...]


def report(project: Project) -> str:
    """The project as one self-contained HTML page: the project at a glance, the codebook
    (the code tree with colours and every definition field, the themes), each code's coded
    segments in context with source, kind, case and coder, and a filter box for them.

    Sections a project has no data for are left out. Nothing is fetched when the page is
    opened: styles, script and figures are inline. ``qcode report FILE -o report.html``
    writes it from the command line.
    """
    painted = colours(project)
    segments = _segments(project, painted)
    counts = {entry.code.id: len(entry.segments) for entry in segments}
    tree, _ = code_tree(project, counts)
    summary = summarize(project)
    total = sum(counts.values())
    variables = {variable.id: variable.name for variable in project.variables}
    names = {code.id: (project.path(code), painted[code.id]) for code in project.codes}
    return render(
        "report/report.html.j2",
        project=project,
        paragraphs=_paragraphs(project.description),
        counts=[(k, v) for k, v in summary.items() if isinstance(v, int) and v],
        kinds=summary["sources_by_kind"],
        media=summary["sources_by_medium"],
        sources=_rows(project.sources, variables),
        cases=_rows(project.cases, variables),
        tree=tree,
        codes=[(code, *names[code.id]) for code in in_tree_order(project.codes)],
        names=names,
        excerpt_sources={e.id: s.name for s, e in project.iter_excerpts()},
        themes=[(t, _theme_path(project, t), colour(t)) for t in project.themes],
        tables=_tables(project),
        segments=segments,
        segmented={entry.code.id for entry in segments},
        total=total,
        unfolded=total <= OPEN_UP_TO,
    )


def _tables(project: Project) -> list[tuple[str, str, Shown]]:
    """The analysis tables: agreement per code when more than one coder coded."""
    tables = []
    coders = {c.coder for _, e in project.iter_excerpts() for c in e.codings if c.coder}
    if len(coders) > 1:
        tables.append(("agreement", "Agreement between the coders", _agreement(project)))
    return tables


def _agreement(project: Project) -> Shown:
    """ATLAS.ti's α family between every coder, over all sources: |uα per code, cuα per
    domain and Cuα (the per-source rows of `qcode.agreement.alpha` are left to it)."""
    table = agreement.alpha(project)
    overall = [row for row in table.rows if row[2] == ALL_SOURCES]
    kept = Table(table.name, table.columns, overall, table.notes)
    return shown(kept, "Krippendorff's α per code, over all sources", hide=("source",))


def _segments(project: Project, painted: Mapping[UUID, str]) -> list[CodeSegments]:
    """Each code's segments in tree order (codes with none left out), each segment in
    document order, whole-source codings before a source's excerpts."""
    users = {user.id: user.name or user.login or str(user.id) for user in project.users}
    speakers: dict[UUID, list[str]] = {}
    for case in project.cases:
        for excerpt_id in case.excerpts:
            speakers.setdefault(excerpt_id, []).append(case.label or str(case.id))
    found: dict[UUID, list[Segment]] = {}
    for source in project.sources:
        if source.codings:
            shown = ("", clipped(source.text, WHOLE_SOURCE), "")
            _add(found, source.codings, shown, source, "the whole source", (), users)
        for excerpt in source.excerpts:
            shown = in_context(source, excerpt.anchor, excerpt.quote, CONTEXT)
            cases = tuple(speakers.get(excerpt.id, ()))
            _add(found, excerpt.codings, shown, source, place(excerpt.anchor), cases, users)
    return [
        CodeSegments(code, project.path(code), painted[code.id], tuple(found[code.id]))
        for code in in_tree_order(project.codes)
        if code.id in found
    ]


def _add(
    found: dict[UUID, list[Segment]],
    codings: Iterable[Coding],
    shown: tuple[str, str, str],
    source: Source,
    where: str,
    cases: tuple[str, ...],
    users: Mapping[UUID, str],
) -> None:
    """One segment per code among ``codings``, with every coder who applied it."""
    coders: dict[UUID, dict[str, None]] = {}
    for coding in codings:
        named = coders.setdefault(coding.code, {})
        if coding.coder is not None:
            named[users.get(coding.coder, str(coding.coder))] = None
    for code, named in coders.items():
        found.setdefault(code, []).append(Segment(*shown, source, where, cases, tuple(named)))


def _paragraphs(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


def _rows(
    owners: tuple[Case, ...] | tuple[Source, ...], variables: Mapping[UUID, str]
) -> tuple[list[str], list[tuple[Case | Source, list[str]]]]:
    """The names of the variables any of ``owners`` carries (in the project's order), and
    each owner with its values of them."""
    used = {value.variable for owner in owners for value in owner.values}
    columns = [variable for variable in variables if variable in used]
    rows: list[tuple[Case | Source, list[str]]] = []
    for owner in owners:
        given: dict[UUID, VariableValue] = {value.variable: value for value in owner.values}
        rows.append((owner, [_shown(given[v].value) if v in given else "" for v in columns]))
    return [variables[variable] for variable in columns], rows


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _theme_path(project: Project, theme: Theme) -> str:
    """The theme's names from the top down, joined by ``/``."""
    themes = {t.id: t for t in project.themes}
    names, seen, current = [theme.name], {theme.id}, theme
    while current.parent in themes and current.parent not in seen:
        current = themes[current.parent]
        seen.add(current.id)
        names.append(current.name)
    return "/".join(reversed(names))
