"""Codes with structured (MacQueen-style) definitions, and themes that group codes."""

from __future__ import annotations

import enum
from uuid import UUID

from attrs import frozen

from qcode._model._checks import typed


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
    """An illustration of a code, optionally pointing at the excerpt it quotes."""

    text: str
    kind: ExampleKind = ExampleKind.TYPICAL
    excerpt: UUID | None = None
    note: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class Code:
    """A code in the codebook. ``parent`` builds the hierarchy; folders have ``codable=False``."""

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
    """An analytic theme: a named group of codes; themes may nest through ``parent``."""

    id: UUID
    name: str
    description: str | None = None
    parent: UUID | None = None
    codes: tuple[UUID, ...] = ()
    color: str | None = None
    note_refs: tuple[UUID, ...] = ()


def in_tree_order(codes: tuple[Code, ...]) -> tuple[Code, ...]:
    """``codes`` with every parent before its children and siblings in their given order:
    the order a nested codebook (REFI-QDA's) lists them in. Codes under a missing parent
    count as top-level; codes in a parent cycle come last."""
    known = {code.id for code in codes}
    children: dict[UUID | None, list[Code]] = {}
    for code in codes:
        parent = code.parent if code.parent in known else None
        children.setdefault(parent, []).append(code)
    ordered: list[Code] = []
    seen: set[UUID] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        code = stack.pop()
        if code.id in seen:
            continue
        seen.add(code.id)
        ordered.append(code)
        stack.extend(reversed(children.get(code.id, [])))
    ordered += [code for code in codes if code.id not in seen]
    return tuple(ordered)
