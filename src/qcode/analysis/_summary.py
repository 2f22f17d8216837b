"""A project in numbers (`summarize`) and one row per excerpt (`excerpt_rows`), for
``qcode info`` and ``qcode excerpts``."""

from __future__ import annotations

from collections import Counter
from typing import Any

from qcode._model import Project, Source, TextSpan
from qcode._model._project import given_project
from qcode.analysis._select import Attribution


def summarize(project: Project) -> dict[str, Any]:
    """How many of each kind of object the project holds, and sources by kind and medium."""
    # Any: a JSON-ready mapping of counts, names and nested counters.
    project = given_project(project, "qcode.summarize")
    codings = sum(
        len(source.codings) + sum(len(e.codings) for e in source.excerpts)
        for source in project.sources
    )
    return {
        "name": project.name,
        "participants": len(project.participants),
        "cases": len(project.cases),
        "users": len(project.users),
        "sources": len(project.sources),
        "excerpts": sum(len(source.excerpts) for source in project.sources),
        "codings": codings,
        "codes": len(project.codes),
        "themes": len(project.themes),
        "notes": len(project.notes),
        "sets": len(project.sets),
        "links": len(project.links),
        "graphs": len(project.graphs),
        "variables": len(project.variables),
        "sources_by_kind": dict(sorted(Counter(s.kind for s in project.sources).items())),
        "sources_by_medium": dict(sorted(Counter(s.medium.value for s in project.sources).items())),
    }


EXCERPT_COLUMNS = (
    "id",
    "source",
    "source_id",
    "kind",
    "medium",
    "anchor",
    "start",
    "end",
    "text",
    "codes",
    "code_ids",
    "coders",
    "participants",
)


def excerpt_rows(project: Project) -> list[dict[str, Any]]:
    """One row per excerpt: where it is, its text (for text spans), its codes (by path, and
    by id in the same order, since codes under different parents share names), coders and
    the participants or cases it is attributed to (as in the tables: the cases that list
    it, and those that list its source but none of its excerpts). Keys are
    `EXCERPT_COLUMNS`."""
    # Any: row values are str, int, None or lists of names.
    project = given_project(project, "qcode.excerpt_rows")
    known = {code.id for code in project.codes}
    user_names = {user.id: user.name or user.login or str(user.id) for user in project.users}
    attribution = Attribution(project)
    rows = []
    for source, excerpt in project.iter_excerpts():
        cases = attribution.cases(excerpt, attribution.owners.get(source.id, ()))
        anchor = excerpt.anchor
        start = end = None
        text = excerpt.quote
        if isinstance(anchor, TextSpan):
            start, end = anchor.start, anchor.end
            text = _slice(source, start, end)
        codings = excerpt.codings
        rows.append(
            {
                "id": str(excerpt.id),
                "source": source.name,
                "source_id": str(source.id),
                "kind": source.kind,
                "medium": source.medium.value,
                "anchor": type(anchor).__name__,
                "start": start,
                "end": end,
                "text": text,
                "codes": [
                    project.path(c.code) if c.code in known else str(c.code) for c in codings
                ],
                "code_ids": [str(c.code) for c in codings],
                "coders": sorted(
                    {user_names.get(c.coder, str(c.coder)) for c in codings if c.coder}
                ),
                "participants": [case.label or str(case.id) for case in cases],
            }
        )
    return rows


def _slice(source: Source, start: int, end: int) -> str | None:
    text = source.text
    return None if text is None else text[start:end]
