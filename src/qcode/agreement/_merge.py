"""Coders' separate work put together (`merge`) and apart (`split`), through the builder.

Merging matches sources by id, else by identical text, and codes by id, else by path; each
coding keeps its coder, so the merged project can be compared coder against coder. What the
projects disagree on (a code's definition, a code's name) is reported as a conflict and the
first project's version kept; what cannot be merged is reported, never dropped silently.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from uuid import UUID

import attrs
from attrs import frozen

from qcode._builder import ProjectBuilder
from qcode._model import Code, Coding, Excerpt, Project, Source, User
from qcode._model._codebook import in_tree_order
from qcode.agreement._units import AgreementError

DEFINITION = ("brief_definition", "full_definition", "when_to_use", "when_not_to_use",
              "examples")  # fmt: skip
"""The fields that make a code's definition."""
_SET_ASIDE = ("cases", "themes", "links", "sets", "graphs")


@frozen
class Merged:
    """The merged project; ``conflicts``: where the inputs disagree (the first input's
    version is kept); ``notes``: what was matched by text, added, or left out."""

    project: Project
    conflicts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def definition_conflicts(kept: Code, other: Code) -> list[str]:
    """How two versions of one code differ in name or definition (empty if they agree)."""
    fields = ("name", *DEFINITION)
    return [name for name in fields if getattr(kept, name) != getattr(other, name)]


def merge(projects: Sequence[Project], *, labels: Sequence[str] | None = None) -> Merged:
    """One project holding every input's coding, each coding with its coder. ``labels``
    name the inputs in the report (by default their project names)."""
    if len(projects) < 2:
        raise AgreementError(f"merging needs two or more projects; given {len(projects)}")
    names = list(labels) if labels is not None else [p.name for p in projects]
    builder = ProjectBuilder.from_project(projects[0])
    conflicts: list[str] = []
    notes: list[str] = []
    coders = _coders(projects[0])
    for project, label in zip(projects[1:], names[1:], strict=True):
        base = builder.build()
        for user in project.users:
            if base.get(user.id) is None:
                builder.add(user)
        twice = coders & _coders(project)
        conflicts += [f"{_who(base, u)} coded in {label} and in an earlier project; their "
                      "codings cannot be told apart" for u in sorted(twice)]  # fmt: skip
        coders |= _coders(project)
        codes = _merge_codes(builder, base, project, label, conflicts)
        _merge_sources(builder, base, project, label, codes, notes)
        for note in project.notes:
            if base.get(note.id) is None:
                builder.add(note)
        for variable in project.variables:
            if base.get(variable.id) is None:
                builder.add(variable)
        for kind in _SET_ASIDE:
            left = [item for item in getattr(project, kind) if base.get(item.id) is None]
            if left:
                notes.append(f"{len(left)} {kind} of {label} not merged (only in {label})")
    return Merged(builder.build(), tuple(conflicts), tuple(notes))


def _coders(project: Project) -> set[UUID]:
    return {
        coding.coder
        for source in project.sources
        for coding in (*source.codings, *(c for e in source.excerpts for c in e.codings))
        if coding.coder is not None
    }


def _who(project: Project, user: UUID) -> str:
    found = project.get(user)
    return f"user {found.name or found.login}" if isinstance(found, User) else f"user {user}"


def _merge_codes(
    builder: ProjectBuilder, base: Project, other: Project, label: str, conflicts: list[str]
) -> dict[UUID, UUID]:
    """``other``'s code ids mapped to the merged project's, its new codes added."""
    paths = {base.path(code): code.id for code in base.codes}
    mapped: dict[UUID, UUID] = {}
    for code in in_tree_order(other.codes):
        path = other.path(code)
        kept = base.get(code.id) if isinstance(base.get(code.id), Code) else None
        if kept is None and path in paths:
            kept = base.get(paths[path])
        if isinstance(kept, Code):
            mapped[code.id] = kept.id
            differ = definition_conflicts(kept, code)
            if differ:
                conflicts.append(f"code {base.path(kept)!r} differs in {label}: "
                                 f"{', '.join(differ)}; kept the first")  # fmt: skip
            continue
        parent = mapped.get(code.parent) if code.parent else None
        builder.add(attrs.evolve(code, parent=parent))
        mapped[code.id] = code.id
    return mapped


def _merge_sources(
    builder: ProjectBuilder,
    base: Project,
    other: Project,
    label: str,
    codes: dict[UUID, UUID],
    notes: list[str],
) -> None:
    by_text: dict[str, list[Source]] = {}
    for source in base.sources:
        if source.text is not None:
            by_text.setdefault(source.text, []).append(source)
    taken = {c.id: c for s in base.sources for e in s.excerpts for c in e.codings}
    taken.update((c.id, c) for s in base.sources for c in s.codings)
    for source in other.sources:
        match = base.get(source.id)
        if not isinstance(match, Source) and source.text is not None:
            same = by_text.get(source.text, [])
            match = same[0] if len(same) == 1 else None
            if match is not None:
                notes.append(f"source {source.name!r} of {label} matched {match.name!r} by text")
        codings = _recoded(source.codings, codes, taken, label)
        excerpts = tuple(
            attrs.evolve(e, codings=_recoded(e.codings, codes, taken, label))
            for e in source.excerpts
        )
        if isinstance(match, Source) and match.text != source.text:
            notes.append(f"source {source.name!r} has another text in {label}; added apart")
            source = attrs.evolve(source, id=uuid.uuid5(source.id, label))
            match = None
        if not isinstance(match, Source):
            builder.add(attrs.evolve(source, codings=codings, excerpts=excerpts))
            continue
        builder.update(
            match,
            codings=(*match.codings, *codings),
            excerpts=_joined(match.excerpts, excerpts, label),
        )


def _recoded(
    codings: tuple[Coding, ...], codes: dict[UUID, UUID], taken: dict[UUID, Coding], label: str
) -> tuple[Coding, ...]:
    """Codings with their codes mapped; those already in the project left out, and a coding
    whose id another coding uses given a new id."""
    found = []
    for coding in codings:
        moved = attrs.evolve(coding, code=codes.get(coding.code, coding.code))
        if moved.id in taken:
            if taken[moved.id] == moved:
                continue
            moved = attrs.evolve(moved, id=uuid.uuid5(coding.id, label))
        taken[moved.id] = moved
        found.append(moved)
    return tuple(found)


def _joined(
    kept: tuple[Excerpt, ...], added: tuple[Excerpt, ...], label: str
) -> tuple[Excerpt, ...]:
    """``kept`` with ``added`` put in: an excerpt with the same id and anchor gets the other's
    codings; one whose id is used at another anchor is added with a new id."""
    by_id = {e.id: e for e in kept}
    extra: list[Excerpt] = []
    for excerpt in added:
        same = by_id.get(excerpt.id)
        if same is None:
            extra.append(excerpt)
        elif same.anchor == excerpt.anchor:
            by_id[same.id] = attrs.evolve(same, codings=(*same.codings, *excerpt.codings))
        else:
            extra.append(attrs.evolve(excerpt, id=uuid.uuid5(excerpt.id, label)))
    return (*by_id.values(), *extra)


def split(project: Project) -> dict[str, Project]:
    """One project per coder, without the other coders who coded, holding only that coder's
    codings (and codings with no coder, which every part keeps). Excerpts left without
    codings go, but for those a code's example quotes (the codebook stays whole). Keyed by
    the coder's name (else login, else id)."""
    coders = [u for u in project.users if u.id in _coders(project)]
    if not coders:
        raise AgreementError(f"project {project.name!r} has no codings with a coder to split by")
    quoted = {example.excerpt for code in project.codes for example in code.examples}
    parts: dict[str, Project] = {}
    for user in coders:
        builder = ProjectBuilder.from_project(project)
        others = [u for u in coders if u.id != user.id]
        if others:
            builder.remove(*others, codings=True)
        current = builder.build()
        emptied = [
            e
            for _, e in current.iter_excerpts()
            if not e.codings and e.id not in quoted and _coded_by_others(project, e.id, others)
        ]
        if emptied:
            builder.remove(*emptied)
        name = user.name or user.login or str(user.id)
        parts[f"{name} ({user.id})" if name in parts else name] = builder.build()
    return parts


def _coded_by_others(project: Project, excerpt: UUID, others: list[User]) -> bool:
    found = project.get(excerpt)
    ids = {u.id for u in others}
    return isinstance(found, Excerpt) and any(c.coder in ids for c in found.codings)
