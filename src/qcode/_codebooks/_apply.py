"""What bringing a project in line with a codebook changes (`ProjectBuilder.apply_codebook`
makes the changes): codes added and updated, themes likewise, and a report of what was
left and what could not be done. Codings are never touched."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

import attrs
from attrs import frozen

from qcode._codebooks._align import Match, aligned, as_codebook, paths_without_ids
from qcode._issues import Issue, Severity
from qcode._model import Code, Codebook, Project, Theme
from qcode._model._codebook import in_tree_order
from qcode._model._document import ENTRY_FIELDS
from qcode._model._lookup import nfc, paths_of

_THEME_GIVEN = ("description", "parent", "color")
"""A theme's fields set only where the codebook gives them (a table holds none of them)."""
_THEME_FIELDS = ("name", *_THEME_GIVEN, "codes")


_Entry = TypeVar("_Entry", Code, Theme)


@frozen
class Plan:
    """The codes and themes to put into the project (new or changed), and the report."""

    codes: tuple[Code, ...]
    themes: tuple[Theme, ...]
    report: tuple[Issue, ...]


def _apply_issue(severity: Severity, code: str, path: str, message: str) -> Issue:
    return Issue(severity=severity, code=code, path=path, message=message)


def plan(project: Project, codebook: Codebook | Project, match: Match) -> Plan:
    """What applying ``codebook`` (or a project's) to ``project`` changes; codes matched by
    ``match``."""
    codebook = aligned(as_codebook(codebook, "applied"), project.codebook, match)
    current = {code.id: code for code in project.codes}
    report: list[Issue] = []
    if match == "id":
        shared = paths_without_ids(codebook, project.codebook)
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
    changed = _codes(project, codebook, current, report)
    report += _left(
        project.codes,
        codebook.codes,
        project.path,
        "not in the codebook; left as it is, with its codings",
    )
    held_after = {*current, *(code.id for code in changed)}
    themes = _themes(project, codebook, held_after, report)
    return Plan(changed, themes, tuple(report))


def _codes(
    project: Project, codebook: Codebook, current: dict[UUID, Code], report: list[Issue]
) -> tuple[Code, ...]:
    """The codebook's codes to put into the project (new or changed), parents first, each
    reported in ``report`` with the ones refused."""
    paths = {code.id: codebook.path(code) for code in codebook.codes}
    pending: dict[UUID, Code] = {}  # the codebook's changes, in tree order
    for code in in_tree_order(codebook.codes):
        was = current.get(code.id)
        new = code if was is None else attrs.evolve(was, **_given(code))
        if new != was:
            pending[code.id] = new

    def refused(code: Code, target: dict[UUID, Code], skipped: dict[UUID, str]) -> str | None:
        if code.parent is not None and code.parent in skipped:
            return f"its parent {paths[code.parent]!r} was not applied, so neither is it"
        if code.parent is not None and code.parent not in target:
            return (
                f"its parent {code.parent} is in neither the codebook nor the project; not applied"
            )
        if _below_itself(code, target):
            return "the codebook puts it below itself in the project's tree; not applied"
        return None

    skipped = _settle(pending, current, refused, _CODE_TWIN)
    excerpts = {excerpt.id for _, excerpt in project.iter_excerpts()}
    for code_id, new in pending.items():
        path = paths[code_id]
        if code_id in skipped:
            report.append(
                _apply_issue(Severity.WARNING, "codebook-conflict", path, skipped[code_id])
            )
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
        report.append(_applied(current.get(code_id), new, path, ENTRY_FIELDS))
    return tuple(new for code_id, new in pending.items() if code_id not in skipped)


def _empty(value: object) -> bool:
    """Whether a codebook leaves a field empty (nothing, no items, a text of only
    spaces), so that the project's value stays."""
    return value is None or value == () or (isinstance(value, str) and not value.strip())


_ALWAYS = ("name", "parent", "codable")
"""A code's fields a codebook always gives (no parent: a top-level code)."""


def _given(code: Code) -> dict[str, Any]:
    """The fields of ``code`` a codebook sets (Any: each field its own type): its place,
    and every definition field it gives; an empty one (a column a spreadsheet lacks or
    leaves blank, a text of only spaces in any format) keeps the project's, so applying
    never clears a definition."""
    values = {f: getattr(code, f) for f in ENTRY_FIELDS}
    return {f: v for f, v in values.items() if f in _ALWAYS or not _empty(v)}


def _themes(
    project: Project, codebook: Codebook, codes: set[UUID], report: list[Issue]
) -> tuple[Theme, ...]:
    """The themes to put: the codebook's, each keeping the project's members that the
    codebook does not list (codes it leaves), and only codes the project will hold; a
    theme's description, parent and colour change only where the codebook gives one, and
    its memos stay the project's."""
    current = {theme.id: theme for theme in project.themes}
    listed = {code.id for code in codebook.codes}
    pending: dict[UUID, Theme] = {}  # the codebook's changes, parents first
    for theme in in_tree_order(codebook.themes):
        was = current.get(theme.id)
        kept = () if was is None else tuple(c for c in was.codes if c not in listed)
        members = tuple(dict.fromkeys(c for c in (*theme.codes, *kept) if c in codes))
        for missing in dict.fromkeys(c for c in theme.codes if c not in codes):
            said = (
                f"groups code {codebook.path(missing)!r}, which was not applied"
                if missing in listed
                else f"groups code {missing}, which neither the codebook nor the project holds"
            )
            report.append(
                _apply_issue(
                    Severity.WARNING,
                    "codebook-conflict",
                    theme.name,
                    f"{said}; left out of the theme",
                )
            )
        if was is None:
            new = attrs.evolve(theme, codes=members)
        else:
            given = {f: getattr(theme, f) for f in _THEME_GIVEN if not _empty(getattr(theme, f))}
            new = attrs.evolve(was, name=theme.name, codes=members, **given)
        if new != was:
            pending[theme.id] = new
    skipped = _settle(pending, current, _theme_refused, _THEME_TWIN)
    put = []
    for theme_id, new in pending.items():
        if theme_id in skipped:
            report.append(
                _apply_issue(Severity.WARNING, "codebook-conflict", new.name, skipped[theme_id])
            )
            continue
        report.append(_applied(current.get(theme_id), new, new.name, _THEME_FIELDS))
        put.append(new)
    report += _left(
        project.themes,
        codebook.themes,
        lambda theme: theme.name,
        "not in the codebook; left as it is",
    )
    place = {theme.id: n for n, theme in enumerate(codebook.themes)}
    return tuple(sorted(put, key=lambda theme: place[theme.id]))  # in the codebook's order


def _applied(was: _Entry | None, new: _Entry, path: str, fields: Sequence[str]) -> Issue:
    """The report of a code or theme added (``was`` is ``None``) or updated: the ``fields``
    that differ, a new name with the old one beside it (a report of renames, a swap above
    all, would otherwise show only the new names)."""
    if was is None:
        return _apply_issue(Severity.INFO, "codebook-added", path, "added")
    changed = ", ".join(
        f"name (was {was.name!r})" if field == "name" else field
        for field in fields
        if getattr(was, field) != getattr(new, field)
    )
    return _apply_issue(Severity.INFO, "codebook-updated", path, f"updated: {changed}")


def _left(
    held: Sequence[_Entry], listed: Sequence[_Entry], path: Callable[[_Entry], str], said: str
) -> list[Issue]:
    """A warning for each of the project's codes (or themes) ``held`` the codebook does not
    list."""
    ids = {entry.id for entry in listed}
    return [
        _apply_issue(Severity.WARNING, "not-in-codebook", path(entry), said)
        for entry in held
        if entry.id not in ids
    ]


def _theme_refused(theme: Theme, target: dict[UUID, Theme], skipped: dict[UUID, str]) -> str | None:
    """Why ``theme`` cannot take its place in ``target`` (``skipped``: the themes refused so
    far, which keep their place), or ``None``; twins are `_settle`'s to find."""
    if theme.parent is not None and theme.parent not in target:
        return (
            f"its parent theme {theme.parent} is in neither the project nor what was applied "
            "of the codebook; not applied"
        )
    if _below_itself(theme, target):
        return "the codebook puts it below itself in the project's themes; not applied"
    return None


_CODE_TWIN = (
    "the project has another code with this path (id {}); the codebook's code (id {}) was not "
    "applied"
)
_THEME_TWIN = (
    "the project has another theme of this name under the same parent (id {}); the codebook's "
    "theme (id {}) was not applied"
)
_PATH_TWIN = (
    "a '/' in a name would give it the path of another (id {}); the codebook's entry (id {}) "
    "was not applied"
)


def _settle(
    pending: dict[UUID, _Entry],
    current: dict[UUID, _Entry],
    refused: Callable[[_Entry, dict[UUID, _Entry], dict[UUID, str]], str | None],
    twin: str,
) -> dict[UUID, str]:
    """Which of the changes ``pending`` (parents first) can be made together, judged on
    where they all lead, not one at a time: two siblings that swap names are both applied.

    A change is refused where ``refused`` gives a reason, then where it would leave two
    siblings of one name (``twin`` names by id the one that stays, an entry the codebook
    leaves or else the first change, and the one refused). A refused entry keeps its place
    (a new one is not added), which may refuse others in turn. Returns the refused, with
    why."""
    target = {**current, **pending}
    skipped: dict[UUID, str] = {}
    while True:
        problems = {
            entry_id: why
            for entry_id, entry in pending.items()
            if entry_id not in skipped and (why := refused(entry, target, skipped)) is not None
        }
        if not problems:  # siblings of one name first: a refused parent refuses its children
            problems = _twins(pending, current, target, skipped, twin, _place)
        if not problems:  # then a '/' in a name that makes two paths one
            problems = _twins(pending, current, target, skipped, _PATH_TWIN, _path_in(target))
        if not problems:
            return skipped
        for entry_id, why in problems.items():
            skipped[entry_id] = why
            if entry_id in current:
                target[entry_id] = current[entry_id]
            else:
                del target[entry_id]


def _twins(
    pending: dict[UUID, _Entry],
    current: dict[UUID, _Entry],
    target: dict[UUID, _Entry],
    skipped: dict[UUID, str],
    twin: str,
    key: Callable[[_Entry], object],
) -> dict[UUID, str]:
    """The changes that would give an entry of ``target`` the ``key`` of another (its place
    among its siblings, or its path), each with ``twin`` naming the entry that stays. Only
    a new entry or one that changes its name or parent is refused: twins a project already
    holds (a file may) keep theirs, and their other fields can change."""
    places: dict[object, list[_Entry]] = {}
    for entry in target.values():
        places.setdefault(key(entry), []).append(entry)
    order = {entry_id: n for n, entry_id in enumerate(pending)}

    def moving(entry: _Entry) -> bool:
        was = current.get(entry.id)
        return entry.id not in skipped and (was is None or _place(was) != _place(entry))

    problems = {}
    for alike in places.values():
        if len(alike) < 2:
            continue
        changing = [e for e in alike if e.id in pending and moving(e)]
        staying = [e for e in alike if e.id not in pending or not moving(e)]
        changing.sort(key=lambda e: order[e.id])
        kept = staying[0] if staying else changing.pop(0)
        for entry in changing:
            problems[entry.id] = twin.format(kept.id, entry.id)
    return problems


def _path_in(target: dict[UUID, _Entry]) -> Callable[[_Entry], object]:
    """An entry's path among ``target`` (in NFC)."""
    paths = paths_of(target.values(), target)
    return lambda entry: nfc(paths[entry.id])


def _place(entry: Code | Theme) -> tuple[UUID | None, str]:
    """Where an entry sits among its siblings: its parent and its name (in NFC)."""
    return entry.parent, nfc(entry.name)


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
