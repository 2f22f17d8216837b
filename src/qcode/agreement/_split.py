"""A project taken apart by coder (`merge` puts the parts together again)."""

from __future__ import annotations

from uuid import UUID

from qcode._builder import ProjectBuilder
from qcode._builder._holdings import held_once
from qcode._model import Excerpt, Project, User
from qcode.agreement._merge._users import coders_of
from qcode.agreement._units import AgreementError


def split(project: Project) -> dict[str, Project]:
    """One project per coder, without the other coders who coded, holding only that coder's
    codings (and codings with no coder, which every part keeps). Excerpts left without
    codings go, but for those a code's example quotes (the codebook stays whole). Keyed by
    the coder's name (else login, else id)."""
    if not isinstance(project, Project):
        raise TypeError(
            f"split takes a loaded project (qcode.load, qcode.read), not "
            f"{type(project).__name__} {project!r}"
        )
    held_once(project, f"split: project {project.name!r}")
    coders = [u for u in project.users if u.id in coders_of(project)]
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
