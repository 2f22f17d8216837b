"""The code tree as nested nodes, for templates that draw it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple
from uuid import UUID

from attrs import frozen

from qcode._display import colours
from qcode._model import Code, Project
from qcode._model._codebook import by_parent, in_tree_order, walk_down


@frozen
class Node:
    """A code in the tree: its colour, path, how many segments it codes, the codes below."""

    code: Code
    colour: str
    path: str
    count: int
    children: tuple[Node, ...]


@frozen
class Row:
    """A node of the tree as a flat list draws it: the node, and how many of the lists
    around it end after it (each a ``</ul></li>``)."""

    node: Node
    closes: int


def rows(tree: tuple[Node, ...]) -> list[Row]:
    """``tree`` in order, parents before children, for a template that draws nested lists
    without recursing (a hostile file's tree can be thousands of levels deep)."""
    walked: list[tuple[Node, int]] = []
    pending = [(node, 0) for node in reversed(tree)]
    while pending:
        node, depth = pending.pop()
        walked.append((node, depth))
        pending.extend((child, depth + 1) for child in reversed(node.children))
    depths = [depth for _, depth in walked[1:]] + [0] if walked else []
    return [
        Row(node, 0 if node.children else depth - after)
        for (node, depth), after in zip(walked, depths, strict=True)
    ]


class LeftOut(NamedTuple):
    """How many codes a drawn tree leaves out, and why."""

    past_limit: int
    """Those past the first ``limit`` in tree order."""
    in_cycles: int
    """Those in or below a parent cycle (within the limit), which no walk from the top
    reaches."""


def code_tree(
    project: Project, counts: Mapping[UUID, int], limit: int | None = None
) -> tuple[list[Row], LeftOut]:
    """The code tree as `rows` to draw, and the codes it leaves out."""
    ordered = in_tree_order(project.codes)
    kept = ordered if limit is None else ordered[:limit]
    children = by_parent(kept)
    walked = walk_down(children.get(None, []), children)
    painted = colours(project)
    built: dict[UUID, Node] = {}
    for code in reversed(walked):  # children before their parents
        below = tuple(built.pop(child.id) for child in children.get(code.id, ()))
        path = project.path(code)
        built[code.id] = Node(code, painted[code.id], path, counts.get(code.id, 0), below)
    left_out = LeftOut(len(ordered) - len(kept), len(kept) - len(walked))
    return rows(tuple(built.values())[::-1]), left_out
