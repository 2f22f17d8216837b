"""Coders' separate work put together, through the builder (`split` takes it apart).

Merging matches sources by id, else by identical (non-empty) text, codes by id, else by
path, themes by id, else by name, and cases by id, else by label and kind; each coding keeps
its coder, so the merged project can be compared coder against coder. What the projects
disagree on (a code's name, definition or place, a case's label or value, a source's or
theme's name, a link, set or graph) is reported as a `MergeConflict` naming what differs,
and the version of the input that brought the object first kept; what cannot be merged is
reported, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from attrs import frozen

from qcode._builder import ProjectBuilder
from qcode._builder._holdings import held_once
from qcode._model import Project
from qcode._model._lookup import nfc
from qcode.agreement._merge import _cases, _codebook, _notes, _sources, _users
from qcode.agreement._merge._step import MergeConflict, Step
from qcode.agreement._units import AgreementError


@frozen
class Merged:
    """The merged project; ``conflicts``: where the inputs disagree (the version of the
    input that brought an object first is kept); ``notes``: what was matched by text,
    added, or left out."""

    project: Project
    conflicts: tuple[MergeConflict, ...] = ()
    notes: tuple[str, ...] = ()


def merge(projects: Sequence[Project], *, labels: Sequence[str] | None = None) -> Merged:
    """One project holding every input's coding, each coding with its coder. ``labels``
    name the inputs in the report (by default their project names, numbered ``NAME (input
    N)`` where inputs share a name, as coders' copies of one project do)."""
    if isinstance(projects, (Project, str)):
        one = f"project {projects.name!r}" if isinstance(projects, Project) else repr(projects)
        raise TypeError(f"merge takes a list of two or more projects, not one: {one}")
    projects = list(projects)
    if len(projects) < 2:
        raise AgreementError(f"merging needs two or more projects; given {len(projects)}")
    for given in projects:
        if not isinstance(given, Project):
            raise TypeError(
                f"merge takes loaded projects (qcode.load, qcode.read), not "
                f"{type(given).__name__} {given!r}"
            )
    names = _labels(projects, labels)
    for project, name in zip(projects, names, strict=True):
        held_once(project, f"merge: {name!r}")
    builder = ProjectBuilder.from_project(projects[0])
    conflicts: list[MergeConflict] = []
    notes: list[str] = []
    coded_in = dict.fromkeys(
        _users.coders_with_none(projects[0]), names[0]
    )  # each coder's first input
    inputs = list(zip(projects, names, strict=True))
    brought_in: dict[UUID | tuple[UUID, UUID], str] = {}
    for number, (project, label) in enumerate(inputs[1:], 1):
        earlier, base = inputs[:number], builder.build()
        step = Step(builder, base, project, label, earlier, brought_in, conflicts, notes)
        _users.users(step)
        codes = _codebook.codes(step)
        variables = _cases.variables(step)
        added: set[UUID | None] = set()
        moved = _sources.sources(step, codes, variables, added)
        _users.coders(step, coded_in, added)
        _notes.memos(step, codes, variables)
        _notes.project_memos(step)
        moved |= _codebook.themes(step, codes)
        moved |= codes | variables
        moved |= _cases.cases(step, moved)
        _notes.relations(step, moved)
        _codebook.examples(step, moved)
    return Merged(builder.build(), tuple(conflicts), tuple(notes))


def _labels(projects: Sequence[Project], labels: Sequence[str] | None) -> list[str]:
    """What the report calls each input: its label (by default its project's name),
    numbered where two inputs share one."""
    if isinstance(labels, str):
        raise TypeError(f"labels must be a list, one per project, not str {labels!r}")
    if labels is not None and len(labels) != len(projects):
        raise AgreementError(f"labels: {len(labels)} given for {len(projects)} projects")
    for label in labels or ():
        if not isinstance(label, str):
            raise TypeError(f"labels are text, not {type(label).__name__} {label!r}")
    if labels is not None and not all(labels):
        raise AgreementError(f"labels: input {[*labels].index('') + 1} has an empty label")
    names = [project.name for project in projects] if labels is None else list(labels)
    same = [nfc(name) for name in names]  # labels in either Unicode form are one label
    numbered = [
        f"{name} (input {number})" if same.count(nfc(name)) > 1 else name
        for number, name in enumerate(names, 1)
    ]
    if len({nfc(n) for n in numbered}) < len(numbered):  # a label is another's numbered form
        return [f"{name} (input {number})" for number, name in enumerate(names, 1)]
    return numbered
