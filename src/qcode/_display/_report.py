"""The report: one self-contained HTML file that shows a whole project.

Everything it needs (styles, the script that filters and pages the segments) is inline
and nothing is fetched, so it works offline, from an e-mail attachment or a USB stick.
Sections a project has no data for are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from uuid import UUID

from attrs import frozen

from qcode import agreement, analysis
from qcode._display import colour, colours, place, render, trimmed
from qcode._display._tables import Shown, heatmap, shown
from qcode._display._tree import code_tree
from qcode._model import Case, Code, Project, Source, VariableValue
from qcode._model._codebook import in_tree_order
from qcode._table import Cell, Table

CONTEXT = 100
"""The characters of a source's text shown on either side of a coded segment."""
ALL_SOURCES = "(all sources)"
"""The source of `qcode.agreement.alpha`'s rows over every source."""
OPEN_UP_TO = 1000
"""A project with at most this many segments shows them unfolded; a larger one folds
each code's segments (the page pages them either way)."""


@frozen
class Segment:
    """One code applied to one excerpt, for the report."""

    before: str
    coded: str
    after: str
    source: str
    kind: str
    place: str
    cases: str
    coders: str


@frozen
class CodeSegments:
    """A code's segments, with its path and colour."""

    code: Code
    path: str
    colour: str
    segments: tuple[Segment, ...]


def report(project: Project) -> str:
    """The project as one self-contained HTML page: the project at a glance, the codebook
    (the code tree with colours and every definition field, the themes), how much each code
    is used by source kind and by case, a heatmap of the codes that occur together,
    agreement per code when more than one coder coded, and each code's segments in context
    with source, kind, case and coder, with a filter box for them.

    Sections a project has no data for are left out. Nothing is fetched when the page is
    opened: styles, script and figures are inline. ``qcode report FILE -o report.html``
    writes it from the command line.
    """
    painted = colours(project)
    segments = _segments(project, analysis.segments(project, context=CONTEXT), painted)
    counts = {entry.code.id: len(entry.segments) for entry in segments}
    tree, _ = code_tree(project, counts)
    summary = analysis.summarize(project)
    total = sum(counts.values())
    variables = {variable.id: variable.name for variable in project.variables}
    names = {code.id: (project.path(code), painted[code.id]) for code in project.codes}
    square = analysis.cooccurrence(project, form="square") if total else None
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
        themes=[(t, project._index.theme_paths[t.id], colour(t)) for t in project.themes],
        tables=_tables(project) if total else [],
        heatmap=heatmap(square, {str(k): v for k, v in painted.items()}) if square else None,
        cooccurrence=shown(square, "Excerpts coded with both codes") if square else None,
        segments=segments,
        segmented={entry.code.id for entry in segments},
        whole_sources=sum(len(source.codings) for source in project.sources),
        total=total,
        unfolded=total <= OPEN_UP_TO,
    )


def _tables(project: Project) -> list[tuple[str, str, Shown]]:
    """The analysis tables: each code's use, by source kind, by case when there are cases,
    and agreement per code when more than one coder coded."""
    tables = [
        (
            "frequencies",
            "How much each code is used",
            shown(analysis.frequencies(project), "Each code's use", drop_empty=True),
        ),
        (
            "by-kind",
            "By source kind",
            shown(analysis.matrix(project, by="kind"), "Excerpts coded, by source kind"),
        ),
    ]
    if project.cases:
        by_case = shown(analysis.matrix(project, by="case"), "Excerpts coded, by case")
        tables.append(("by-case", "By case", by_case))
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


def _segments(project: Project, found: Table, painted: Mapping[UUID, str]) -> list[CodeSegments]:
    """The rows of `qcode.analysis.segments` gathered by code, in tree order, each
    segment's context kept within its paragraph and cut at word breaks."""
    excerpts = {str(e.id): (s, e) for s, e in project.iter_excerpts()}
    by_code: dict[str, list[Segment]] = {}
    for row in found.records():
        source, excerpt = excerpts[str(row["excerpt_id"])]
        around = str(row["before"] or ""), str(row["after"] or "")
        before, after = trimmed(source.text, excerpt.anchor, *around)
        by_code.setdefault(str(row["code_id"]), []).append(
            Segment(
                before,
                str(row["text"] or ""),
                after,
                source.name,
                source.kind,
                place(excerpt.anchor),
                _joined(row["cases"]),
                _joined(row["coders"]),
            )
        )
    return [
        CodeSegments(code, project.path(code), painted[code.id], tuple(by_code[str(code.id)]))
        for code in in_tree_order(project.codes)
        if str(code.id) in by_code
    ]


def _joined(cell: Cell) -> str:
    return ", ".join(cell) if isinstance(cell, tuple) else ""


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
