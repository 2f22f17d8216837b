"""What bringing a project in line with a codebook changes (`ProjectBuilder.apply_codebook`
makes the changes): codes added and updated, themes likewise, and a report of what was
left and what could not be done. Codings are never touched."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import attrs
from attrs import frozen

from qcode._codebooks._align import Match, aligned
from qcode._issues import Issue, Severity
from qcode._model import Code, Codebook, Project, Theme
from qcode._model._codebook import in_tree_order
from qcode._model._document import ENTRY_FIELDS
from qcode._model._lookup import nfc

_THEME_GIVEN = ("description", "parent", "color")
"""A theme's fields set only where the codebook gives them (a table holds none of them)."""
_THEME_FIELDS = ("name", *_THEME_GIVEN, "codes")


@frozen
class Plan:
    """The codes and themes to put into the project (new or changed), and the report."""

    codes: tuple[Code, ...]
    themes: tuple[Theme, ...]
    report: tuple[Issue, ...]


def _apply_issue(severity: Severity, code: str, path: str, message: str) -> Issue:
    return Issue(severity=severity, code=code, path=path, message=message)


def plan(project: Project, codebook: Codebook, match: Match) -> Plan:
    """What applying ``codebook`` to ``project`` changes; codes matched by ``match``."""
    codebook = aligned(codebook, project.codebook, match)
    current = {code.id: code for code in project.codes}
    changed: dict[UUID, Code] = {}
    skipped: dict[UUID, str] = {}  # the codebook's codes not applied, with their paths
    report: list[Issue] = []
    if match == "id" and not any(code.id in current for code in codebook.codes):
        paths = set(project._index.paths.values())
        shared = sum(codebook.path(code) in paths for code in codebook.codes)
        if shared:
            report.append(
                _apply_issue(
                    Severity.WARNING,
                    "codebook-conflict",
                    "$",
                    f"no code of the codebook has an id of the project's, but {shared} have "
                    'a path of its codes: match them by path (match="path", --match path)',
                )
            )
    excerpts = {excerpt.id for _, excerpt in project.iter_excerpts()}
    for code in in_tree_order(codebook.codes):
        path = codebook.path(code)
        was = current.get(code.id)
        new = code if was is None else attrs.evolve(was, **_given(code))
        if was is not None and new == was:
            continue
        problem = _refused(new, current, skipped)
        if problem is not None:
            report.append(_apply_issue(Severity.WARNING, "codebook-conflict", path, problem))
            skipped[code.id] = path
            continue
        for example in new.examples:
            if example.excerpt is not None and example.excerpt not in excerpts:
                report.append(
                    _apply_issue(
                        Severity.WARNING,
                        "example-elsewhere",
                        path,
                        f"an example quotes excerpt {example.excerpt}, which this project does "
                        "not hold; the example is kept",
                    )
                )
        if was is None:
            report.append(_apply_issue(Severity.INFO, "codebook-added", path, "added"))
        else:
            fields = ", ".join(f for f in ENTRY_FIELDS if getattr(was, f) != getattr(new, f))
            report.append(
                _apply_issue(Severity.INFO, "codebook-updated", path, f"updated: {fields}")
            )
        current[code.id] = changed[code.id] = new
    listed = {code.id for code in codebook.codes}
    for code in project.codes:
        if code.id not in listed:
            report.append(
                _apply_issue(
                    Severity.WARNING,
                    "not-in-codebook",
                    project.path(code),
                    "not in the codebook; left as it is, with its codings",
                )
            )
    themes = _themes(project, codebook, set(current), report)
    return Plan(tuple(changed.values()), themes, tuple(report))


_ALWAYS = ("name", "parent", "codable")
"""A code's fields a codebook always gives (no parent: a top-level code)."""


def _given(code: Code) -> dict[str, Any]:
    """The fields of ``code`` a codebook sets (Any: each field its own type): its place,
    and every definition field it gives; an empty one (a column a spreadsheet lacks or
    leaves blank) keeps the project's, so applying never clears a definition."""
    values = {f: getattr(code, f) for f in ENTRY_FIELDS}
    return {f: v for f, v in values.items() if f in _ALWAYS or v not in (None, ())}


def _refused(code: Code, current: dict[UUID, Code], skipped: dict[UUID, str]) -> str | None:
    """Why ``code`` cannot take its place among ``current`` (``skipped``: the codebook's
    codes already refused, by id), or ``None``."""
    name = nfc(code.name)
    for other in current.values():
        if other.id != code.id and other.parent == code.parent and nfc(other.name) == name:
            return (
                f"the project has another code with this path (id {other.id}); "
                "the codebook's code was not applied"
            )
    if code.parent is not None and code.parent in skipped:
        return f"its parent {skipped[code.parent]!r} was not applied, so neither is it"
    if code.parent is not None and code.parent not in current:
        return f"its parent {code.parent} is in neither the codebook nor the project; not applied"
    if _below_itself(code, current):
        return "the codebook puts it below itself in the project's tree; not applied"
    return None


def _themes(
    project: Project, codebook: Codebook, codes: set[UUID], report: list[Issue]
) -> tuple[Theme, ...]:
    """The themes to put: the codebook's, each keeping the project's members that the
    codebook does not list (codes it leaves), and only codes the project will hold; a
    theme's description, parent and colour change only where the codebook gives one, and
    its memos stay the project's."""
    current = {theme.id: theme for theme in project.themes}
    listed = {code.id for code in codebook.codes}
    put = []
    for theme in in_tree_order(codebook.themes):  # a parent before its children
        was = current.get(theme.id)
        kept = () if was is None else tuple(c for c in was.codes if c not in listed)
        members = tuple(dict.fromkeys(c for c in (*theme.codes, *kept) if c in codes))
        if was is None:
            new = attrs.evolve(theme, codes=members)
        else:
            given = {f: getattr(theme, f) for f in _THEME_GIVEN if getattr(theme, f) is not None}
            new = attrs.evolve(was, name=theme.name, codes=members, **given)
        if new == was:
            continue
        problem = _theme_refused(new, current)
        if problem is not None:
            report.append(_apply_issue(Severity.WARNING, "codebook-conflict", theme.name, problem))
            continue
        if was is None:
            report.append(_apply_issue(Severity.INFO, "codebook-added", theme.name, "added"))
        else:
            fields = ", ".join(f for f in _THEME_FIELDS if getattr(was, f) != getattr(new, f))
            report.append(
                _apply_issue(Severity.INFO, "codebook-updated", theme.name, f"updated: {fields}")
            )
        current[new.id] = new
        put.append(new)
    themed = {theme.id for theme in codebook.themes}
    for theme in project.themes:
        if theme.id not in themed:
            report.append(
                _apply_issue(
                    Severity.WARNING,
                    "not-in-codebook",
                    theme.name,
                    "not in the codebook; left as it is",
                )
            )
    place = {theme.id: n for n, theme in enumerate(codebook.themes)}
    return tuple(sorted(put, key=lambda theme: place[theme.id]))  # in the codebook's order


def _theme_refused(theme: Theme, current: dict[UUID, Theme]) -> str | None:
    """Why ``theme`` cannot take its place among ``current``, or ``None``."""
    if theme.parent is not None and theme.parent not in current:
        return (
            f"its parent theme {theme.parent} is in neither the project nor what was applied "
            "of the codebook; not applied"
        )
    name = nfc(theme.name)
    for other in current.values():
        if other.id != theme.id and other.parent == theme.parent and nfc(other.name) == name:
            return (
                f"the project has another theme of this name under the same parent (id "
                f"{other.id}); the codebook's theme was not applied"
            )
    if _below_itself(theme, current):
        return "the codebook puts it below itself in the project's themes; not applied"
    return None


def _below_itself(item: Code | Theme, current: dict[UUID, Any]) -> bool:
    """Whether ``item``'s parent, followed up through ``current``, comes back to it."""
    above, seen = item.parent, set()
    while above is not None and above not in seen:
        if above == item.id:
            return True
        seen.add(above)
        parent = current.get(above)
        above = parent.parent if parent is not None else None
    return False
