"""Codes with structured (MacQueen-style) definitions, and themes that group codes."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TypeVar
from uuid import UUID

from attrs import frozen

from qcode._model._checks import typed
from qcode._model._common import Displayed


class CodeOrigin(enum.Enum):
    """Where a code came from."""

    DEDUCTIVE = "deductive"
    INDUCTIVE = "inductive"
    IN_VIVO = "in_vivo"


class CodeStatus(enum.Enum):
    """Where a code stands in the codebook's life."""

    DRAFT = "draft"
    ACTIVE = "active"
    RETIRED = "retired"


class ExampleKind(enum.Enum):
    """How well an example illustrates its code."""

    TYPICAL = "typical"
    ATYPICAL = "atypical"
    NEAR_MISS = "near_miss"


@frozen(kw_only=True, field_transformer=typed)
class Example:
    """An illustration of a code, optionally pointing at the excerpt it quotes.

    Fields:

    - ``text``: the example's text.
    - ``kind``: typical, atypical or near miss (`ExampleKind`).
    - ``excerpt``: the id of the excerpt it quotes, if any.
    - ``note``: why it illustrates the code.
    """

    text: str
    kind: ExampleKind = ExampleKind.TYPICAL
    excerpt: UUID | None = None
    note: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class Code(Displayed):
    """A code in the codebook. ``parent`` builds the hierarchy; folders have ``codable=False``.

    Fields:

    - ``id``: the code's id.
    - ``name``: its name (unique among its siblings).
    - ``parent``: the id of the code above it, or ``None`` at the top.
    - ``codable``: ``False`` for folders that only group codes.
    - ``color``: ``#RRGGBB``.
    - ``brief_definition``: a one-line definition.
    - ``full_definition``: the full definition.
    - ``when_to_use``: inclusion criteria.
    - ``when_not_to_use``: exclusion criteria.
    - ``examples``: `Example` s.
    - ``origin``: deductive, inductive or in vivo (`CodeOrigin`).
    - ``status``: draft, active or retired (`CodeStatus`).
    - ``note_refs``: ids of memos about the code.
    """

    id: UUID
    name: str
    parent: UUID | None = None
    codable: bool = True
    color: str | None = None
    brief_definition: str | None = None
    full_definition: str | None = None
    when_to_use: tuple[str, ...] = ()
    when_not_to_use: tuple[str, ...] = ()
    examples: tuple[Example, ...] = ()
    origin: CodeOrigin | None = None
    status: CodeStatus | None = None
    note_refs: tuple[UUID, ...] = ()


@frozen(kw_only=True, field_transformer=typed)
class Theme:
    """An analytic theme: a named group of codes; themes may nest through ``parent``.

    Fields:

    - ``id``: the theme's id.
    - ``name``: its name.
    - ``description``: what the theme says.
    - ``parent``: the id of the theme above it, or ``None``.
    - ``codes``: ids of the codes it groups.
    - ``color``: ``#RRGGBB``.
    - ``note_refs``: ids of memos about it.
    """

    id: UUID
    name: str
    description: str | None = None
    parent: UUID | None = None
    codes: tuple[UUID, ...] = ()
    color: str | None = None
    note_refs: tuple[UUID, ...] = ()


_N = TypeVar("_N", Code, Theme)


def in_tree_order(codes: tuple[_N, ...]) -> tuple[_N, ...]:
    """``codes`` (or themes) with every parent before its children and siblings in their
    given order: the order a nested codebook (REFI-QDA's) lists them in. Codes under a
    missing parent count as top-level; codes in a parent cycle come last."""
    children = by_parent(codes)
    ordered = walk_down(children.get(None, []), children)
    seen = {code.id for code in ordered}
    ordered.extend(code for code in codes if code.id not in seen)
    return tuple(ordered)


def by_parent(codes: tuple[_N, ...]) -> dict[UUID | None, list[_N]]:
    """The codes under each parent, in their given order; under ``None`` the top-level
    codes and those whose parent is not among ``codes``."""
    known = {code.id for code in codes}
    children: dict[UUID | None, list[_N]] = {}
    for code in codes:
        children.setdefault(code.parent if code.parent in known else None, []).append(code)
    return children


def walk_down(starts: list[_N], children: Mapping[UUID | None, list[_N]]) -> list[_N]:
    """``starts`` and everything below them through ``children``, each parent before its
    children and siblings in order, each once (a parent cycle is walked once); no recursion,
    so any depth is fine."""
    found: list[_N] = []
    seen: set[UUID] = set()
    pending = list(reversed(starts))
    while pending:
        current = pending.pop()
        if current.id in seen:
            continue
        seen.add(current.id)
        found.append(current)
        pending.extend(reversed(children.get(current.id, [])))
    return found
