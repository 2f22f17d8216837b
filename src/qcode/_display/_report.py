"""The report: one self-contained HTML file that shows a whole project.

Everything it needs (styles, the script that filters and pages the segments) is inline
and nothing is fetched, so it works offline, from an e-mail attachment or a USB stick.
Sections a project has no data for are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from typing import cast
from uuid import UUID

from attrs import frozen

from qcode import agreement, analysis
from qcode._display import PARAGRAPH_BREAK, colour, colours, place, render, trimmed
from qcode._display._tables import Shown, heatmap, shown
from qcode._display._tree import code_tree
from qcode._model import Code, Excerpt, Project, Source, TimeSpan, VariableValue
from qcode._model._codebook import in_tree_order
from qcode._model._common import full_color
from qcode._model._project import given_project
from qcode._table import Cell, Table
from qcode.analysis._counts import used_variables, variable_headers
from qcode.analysis._select import pdf_twins

CONTEXT = 100
"""The characters of a source's text shown on either side of a coded segment."""
ALL_SOURCES = "(all sources)"
"""The source of `qcode.agreement.alpha`'s rows over every source."""
SOURCE_COLUMNS = ("source", "kind", "medium", "excerpts")
"""The fixed columns of the table of sources (a variable of one of these names is told
apart by its type)."""
DRAWN = 40
"""The most codes the co-occurrence heatmap draws (a map of n codes has n² cells)."""
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
    writes it from the command line. A project with errors (`qcode.validate`) is shown as
    it is: a coding of a code it lacks is left out, codes in a parent cycle are missing
    from the tree; ``qcode report`` prints the errors and exits 1.
    """
    project = given_project(project, "qcode.report")
    painted = colours(project)
    segments = _segments(project, analysis.segments(project, context=CONTEXT), painted)
    counts = {entry.code.id: len(entry.segments) for entry in segments}
    tree, left_out = code_tree(project, counts)
    summary = analysis.summarize(project)
    total = sum(counts.values())
    names = {code.id: (project.path(code), painted[code.id]) for code in project.codes}
    applied = [code.id for code in in_tree_order(project.codes) if counts.get(code.id)]
    drawn, drawn_notes = _drawn(project, applied)
    square = (  # overlap: a tool that codes one code per selection (NVivo) has no pairs else
        analysis.cooccurrence(project, drawn, mode="overlap", form="square") if drawn else None
    )
    return render(
        "report/report.html.j2",
        project=project,
        paragraphs=_paragraphs(project.description),
        counts=[(k, v) for k, v in summary.items() if isinstance(v, int) and v],
        kinds=summary["sources_by_kind"],
        media=summary["sources_by_medium"],
        sources=_sources(project),
        cases=_cases(project),
        tree=tree,
        left_out=left_out,
        codes=[
            (code, *names[code.id], full_color(code.color) is not None)
            for code in in_tree_order(project.codes)
        ],
        names=names,
        excerpt_sources={e.id: s.name for s, e in project.iter_excerpts()},
        themes=[(t, project._index.theme_paths[t.id], colour(t)) for t in project.themes],
        tables=_tables(project) if total else [],
        heatmap=heatmap(square, {str(k): v for k, v in painted.items()}) if square else None,
        cooccurrence=shown(square, "Overlapping excerpts of both codes") if square else None,
        drawn_notes=drawn_notes,
        segments=segments,
        segmented={entry.code.id for entry in segments},
        whole_sources=sum(len(source.codings) for source in project.sources),
        pdf_twins=sum(pdf_twins(source) for source in project.sources),
        lacking=sum(c.code not in names for _, e in project.iter_excerpts() for c in e.codings),
        total=total,
        unfolded=total <= OPEN_UP_TO,
    )


def _drawn(project: Project, applied: list[UUID]) -> tuple[list[UUID], list[str]]:
    """The codes the heatmap draws, in tree order: those whose excerpts overlap another
    code's, at most `DRAWN` of them (those that overlap others most), so that the map and
    its table stay readable however many codes a project applies; and what the page says
    of the rest."""
    if len(applied) < 2:
        return [], []
    together: Counter[str] = Counter()  # each code's pairs with others
    for row in analysis.cooccurrence(project, applied, mode="overlap").records():
        for side in ("code_id_a", "code_id_b"):
            together[str(row[side])] += cast(int, row["count"])
    if not together:
        return [], [f"No two of the {len(applied)} codes applied mark the same words."]
    order = {str(code): n for n, code in enumerate(applied)}
    most = set(sorted(together, key=lambda code: (-together[code], order[code]))[:DRAWN])
    drawn = [code for code in applied if str(code) in most]
    notes = []
    if len(together) > DRAWN:
        notes.append(
            f"The {DRAWN} codes that occur together with others most are drawn, of "
            f"{len(together)} that occur with another; qcode table cooccurrence FILE "
            "--mode overlap lists every pair."
        )
    alone = len(applied) - len(together)
    if alone:
        notes.append(
            f"{alone} {'code' if alone == 1 else 'codes'} applied "
            f"{'marks' if alone == 1 else 'mark'} no words another code marks, not drawn."
        )
    return drawn, notes


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
    users = {user.id for user in project.users}  # a coder the project lacks is no side
    coders = {c.coder for _, e in project.iter_excerpts() for c in e.codings} & users
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
    excerpts: dict[tuple[str, str], list[tuple[Source, Excerpt]]] = {}
    for s, e in project.iter_excerpts():
        excerpts.setdefault((str(s.id), str(e.id)), []).append((s, e))
    by_code: dict[str, list[Segment]] = {}
    met: Counter[tuple[Cell, ...]] = Counter()  # rows met of one code, source and id
    for row in found.records():
        key = (row["code_id"], row["source_id"], row["excerpt_id"], row["anchor"])
        source, excerpt = _excerpt_of(
            row, excerpts[str(row["source_id"]), str(row["excerpt_id"])], met[key]
        )
        met[key] += 1
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


def _excerpt_of(
    row: Mapping[str, Cell], candidates: list[tuple[Source, Excerpt]], before: int
) -> tuple[Source, Excerpt]:
    """The excerpt a segments row is about, of those its source holds under its id: one,
    but for a damaged file's repeated id or ATLAS.ti's PDF quotation written as a region
    and as a span (the row is the span's), told apart by the kind and place of the row;
    where those are alike (regions, which have no place in a row), by order: the row is
    the next after the ``before`` rows of its code met already."""
    if len(candidates) == 1:
        return candidates[0]
    code = row["code_id"]  # a twin coded otherwise is another segment
    coded = [c for c in candidates if any(str(k.code) == code for k in c[1].codings)]
    candidates = coded or candidates
    kind = [c for c in candidates if type(c[1].anchor).__name__ == row["anchor"]] or candidates
    placed = [c for c in kind if _bounds(c[1].anchor) == (row["start"], row["end"])]
    if len(placed) == 1:
        return placed[0]
    alike = placed or kind
    return alike[before % len(alike)]


def _bounds(anchor: object) -> tuple[object, object]:
    """Where a text or time span lies, as a segments row gives it (a transcript span's row
    holds the recording's milliseconds, and a region's none: such twins are told apart by
    kind only)."""
    if isinstance(anchor, TimeSpan):
        return anchor.begin, anchor.end
    return getattr(anchor, "start", None), getattr(anchor, "end", None)


def _joined(cell: Cell) -> str:
    return ", ".join(cell) if isinstance(cell, tuple) else ""


def _paragraphs(text: str | None) -> list[str]:
    return [part.strip() for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


def _sources(project: Project) -> tuple[list[str], list[tuple[Source, list[str]]]]:
    """The headings of the variables any source carries (in the project's order, told
    apart as `qcode.analysis.cases` tells them), and each source with its values."""
    used = {value.variable for source in project.sources for value in source.values}
    variables = used_variables(project, used)
    rows: list[tuple[Source, list[str]]] = []
    for source in project.sources:
        given: dict[UUID, VariableValue] = {value.variable: value for value in source.values}
        values = [_shown(given[v.id].value) if v.id in given else "" for v in variables]
        rows.append((source, values))
    return variable_headers(variables, SOURCE_COLUMNS), rows


def _cases(project: Project) -> tuple[list[str], list[tuple[str, str, int, int, list[str]]]]:
    """The rows of `qcode.analysis.cases` as the page shows them: the headings of the
    variables, and each case's label, kind, sources and excerpts it contributed, and
    values."""
    table = analysis.cases(project)
    headers = list(table.columns[3:-4])
    rows = [
        (str(case["case"] or case["case_id"]), str(case["kind"]), cast(int, case["sources"]),
         cast(int, case["excerpts"]), [_shown(case[header]) for header in headers])
        for case in table.records()
    ]  # fmt: skip
    return headers, rows


def _shown(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
