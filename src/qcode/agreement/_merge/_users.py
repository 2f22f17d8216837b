"""Merging users, and telling where a coder's codings come from."""

from __future__ import annotations

from uuid import UUID

from qcode._model import Project, User
from qcode.agreement._merge._step import MergeConflict, Step, differing, own


def users(step: Step) -> None:
    """``other``'s users added; one both hold that is called otherwise is a conflict."""
    for user in step.other.users:
        mine = own(step.base, User, user.id)
        if mine is None:
            step.builder.add(user)
        else:
            shown = mine.name or mine.login or str(mine.id)
            step.differs("user", shown, mine, user, differing(mine, user, ("name", "login")))


def coders(step: Step, coded_in: dict[UUID | None, str], added: set[UUID | None]) -> None:
    """A coder already found in an earlier input (``coded_in``: each coder's first input,
    extended here) who has codings among those this input ``added`` (the codings of
    theirs the merge held already, at the same place, are not) is a conflict, and so are
    codings with no coder from two inputs (Taguette names none)."""
    for u in sorted(u for u in added & coded_in.keys() if u is not None):
        found = own(step.base, User, u)
        name = (found.name or found.login) if found is not None else None
        who = f"user {name!r}" if name else f"user {u}"
        said = (
            f"{who} coded in {coded_in[u]} and in {step.label}; their codings cannot be told "
            "apart (both kept under one user: give each coder a user of their own to compare "
            "them)"
        )
        _coded_twice(step, u, name or str(u), coded_in[u], said)
    if None in added and None in coded_in:
        said = (
            f"codings with no coder come from {coded_in[None]} and {step.label}; they cannot "
            "be told apart (both kept with no coder: give each input's codings a coder, "
            "update(coding, coder=user), to compare them)"
        )
        _coded_twice(step, None, "(no coder)", coded_in[None], said)
    for coder in coders_with_none(step.other):
        coded_in.setdefault(coder, step.label)


def _coded_twice(step: Step, coder: UUID | None, name: str, first: str, said: str) -> None:
    """The conflict of a coder (``None``: no coder) whose codings come from the input
    ``first`` and from this one."""
    conflict = MergeConflict(
        "user", coder, name, ("codings",), (None,), (None,), first, step.label, said
    )
    step.conflicts.append(conflict)


def coders_of(project: Project) -> set[UUID]:
    """The ids of the users who coded in ``project``."""
    return {coder for coder in coders_with_none(project) if coder is not None}


def coders_with_none(project: Project) -> set[UUID | None]:
    """The coders of ``project``'s codings, ``None`` for those that name none."""
    return {
        coding.coder
        for source in project.sources
        for coding in (*source.codings, *(c for e in source.excerpts for c in e.codings))
    }
