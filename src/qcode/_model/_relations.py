"""Notes (memos), links between objects, sets, and graphs."""

from __future__ import annotations

import enum
from uuid import UUID

from attrs import frozen

from qcode._model._cases import VariableValue
from qcode._model._checks import typed
from qcode._model._common import Audit
from qcode._model._sources import Coding, Excerpt


@frozen(kw_only=True, field_transformer=typed)
class Note:
    """A memo, comment or annotation. Objects point to notes through their ``note_refs``.

    Like REFI-QDA notes, a note can itself carry variable values, codings, and coded
    excerpts (text spans of its ``text``); most notes use none of these.

    Fields:

    - ``id``: the note's id.
    - ``text``: what it says.
    - ``name``: its title.
    - ``description``: a description.
    - ``path``: its file, if it has one.
    - ``audit``: its `Audit`.
    - ``values``: its `VariableValue` s.
    - ``codings``: codings of the whole note.
    - ``excerpts``: coded parts of its text.
    """

    id: UUID
    text: str
    name: str | None = None
    description: str | None = None
    path: str | None = None
    audit: Audit | None = None
    values: tuple[VariableValue, ...] = ()
    codings: tuple[Coding, ...] = ()
    excerpts: tuple[Excerpt, ...] = ()


class Direction(enum.Enum):
    """How a link or a graph edge reads."""

    ASSOCIATIVE = "associative"
    ONE_WAY = "one_way"
    BIDIRECTIONAL = "bidirectional"


@frozen(kw_only=True, field_transformer=typed)
class Link:
    """A relation between any two objects (code and code, memo and excerpt, ...).

    Fields:

    - ``id``: the link's id.
    - ``name``: what the relation is.
    - ``origin``: the id of one end.
    - ``target``: the id of the other end.
    - ``direction``: how it reads (`Direction`).
    - ``color``: ``#RRGGBB``.
    - ``note_refs``: ids of memos about it.
    """

    id: UUID
    name: str | None = None
    origin: UUID | None = None
    target: UUID | None = None
    direction: Direction | None = None
    color: str | None = None
    note_refs: tuple[UUID, ...] = ()


@frozen(kw_only=True, field_transformer=typed)
class Set:
    """A named collection of codes, sources and notes (a code group, a document group).

    Fields:

    - ``id``: the set's id.
    - ``name``: its name.
    - ``description``: a description.
    - ``codes``: ids of member codes.
    - ``sources``: ids of member sources.
    - ``notes``: ids of member notes.
    """

    id: UUID
    name: str
    description: str | None = None
    codes: tuple[UUID, ...] = ()
    sources: tuple[UUID, ...] = ()
    notes: tuple[UUID, ...] = ()


class Shape(enum.Enum):
    """The shape a graph vertex is drawn with."""

    PERSON = "person"
    OVAL = "oval"
    RECTANGLE = "rectangle"
    ROUNDED_RECTANGLE = "rounded_rectangle"
    STAR = "star"
    LEFT_TRIANGLE = "left_triangle"
    RIGHT_TRIANGLE = "right_triangle"
    UP_TRIANGLE = "up_triangle"
    DOWN_TRIANGLE = "down_triangle"
    NOTE = "note"


class LineStyle(enum.Enum):
    """How a graph edge is drawn."""

    DOTTED = "dotted"
    DASHED = "dashed"
    SOLID = "solid"


@frozen(kw_only=True, field_transformer=typed)
class Vertex:
    """A box in a graph, optionally standing for an object of the project.

    Fields:

    - ``id``: the vertex's id.
    - ``x1``: left edge.
    - ``y1``: top edge.
    - ``x2``: right edge.
    - ``y2``: bottom edge.
    - ``name``: its label.
    - ``represents``: the id of the object it stands for.
    - ``shape``: its `Shape`.
    - ``color``: ``#RRGGBB``.
    """

    id: UUID
    x1: int
    y1: int
    x2: int | None = None
    y2: int | None = None
    name: str | None = None
    represents: UUID | None = None
    shape: Shape | None = None
    color: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class Edge:
    """A line between two vertices of a graph, optionally standing for a link.

    Fields:

    - ``id``: the edge's id.
    - ``source``: the id of the vertex it starts at.
    - ``target``: the id of the vertex it ends at.
    - ``name``: its label.
    - ``represents``: the id of the object it stands for (usually a link).
    - ``direction``: how it reads.
    - ``line_style``: its `LineStyle`.
    - ``color``: ``#RRGGBB``.
    """

    id: UUID
    source: UUID
    target: UUID
    name: str | None = None
    represents: UUID | None = None
    direction: Direction | None = None
    line_style: LineStyle | None = None
    color: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class Graph:
    """A drawn network of vertices and edges (a concept map, an ATLAS.ti network).

    Fields:

    - ``id``: the graph's id.
    - ``name``: its name.
    - ``vertices``: its `Vertex` es.
    - ``edges``: its `Edge` s.
    """

    id: UUID
    name: str | None = None
    vertices: tuple[Vertex, ...] = ()
    edges: tuple[Edge, ...] = ()
