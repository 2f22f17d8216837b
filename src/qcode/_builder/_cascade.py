"""Removing and merging objects: what goes with them, and the references cleaned up or
re-pointed.

`sweep` is the one pass the builder's `remove` and `merge_codes` end in: given the ids that
go, it drops every object that cannot stand without them (a code's child codes and
codings, a source's excerpts, links whose end went, graph vertices and edges) and every
reference to what went (theme, set and case memberships, note references, code examples,
variable values, coders and audit users). `Repoint` turns references to merged codes into
references to the code they were merged into. Both evolve only the objects that change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar, TypeVar
from uuid import UUID

import attrs

from qcode._model import (
    AudioContent,
    Audit,
    Case,
    Code,
    Coding,
    Excerpt,
    Graph,
    Link,
    Note,
    PDFContent,
    PictureContent,
    Set,
    Source,
    TextMeta,
    Theme,
    Transcript,
    User,
    Variable,
    Vertex,
    VideoContent,
)

_T = TypeVar("_T")
_I = TypeVar("_I", Coding, Excerpt)


class Parts:
    """A project's top-level collections, by id, as the builder keeps them."""

    def __init__(self) -> None:
        self.users: dict[UUID, User] = {}
        self.variables: dict[UUID, Variable] = {}
        self.cases: dict[UUID, Case] = {}
        self.codes: dict[UUID, Code] = {}
        self.themes: dict[UUID, Theme] = {}
        self.sources: dict[UUID, Source] = {}
        self.notes: dict[UUID, Note] = {}
        self.links: dict[UUID, Link] = {}
        self.sets: dict[UUID, Set] = {}
        self.graphs: dict[UUID, Graph] = {}
        self.note_refs: tuple[UUID, ...] = ()
        self.audit: Audit | None = None

    def collections(self) -> tuple[dict[UUID, Any], ...]:
        """Every collection, in the order a project lists them."""
        return (self.users, self.variables, self.cases, self.codes, self.themes, self.sources,
                self.notes, self.links, self.sets, self.graphs)  # fmt: skip


def sweep(parts: Parts, gone: set[UUID], *, drop_codings_by: Iterable[UUID] = ()) -> list[Any]:
    """Remove the objects whose ids are in ``gone`` and everything that depends on them;
    ``drop_codings_by`` also removes the codings of those users. Returns what went besides
    the objects named in ``gone``."""
    named = set(gone)
    went: list[Any] = []
    dropped = set(drop_codings_by)
    _close_under_parents(parts.codes, gone)
    _close_under_parents(parts.themes, gone)
    for key, source in list(parts.sources.items()):
        if key in gone:
            del parts.sources[key]
            for excerpt in source.excerpts:
                gone.add(excerpt.id)
                gone.update(coding.id for coding in excerpt.codings)
            gone.update(coding.id for coding in source.codings)
            went.extend(source.excerpts)
    if parts.links or parts.graphs:  # what can refer to a coding whose code or coder goes
        holders: list[Source | Note] = [*parts.sources.values(), *parts.notes.values()]
        for holder in holders:
            for coded in (holder, *holder.excerpts):
                if coded.id in gone:  # an excerpt removed
                    gone.update(c.id for c in coded.codings)
                gone.update(c.id for c in coded.codings if c.code in gone or c.coder in dropped)
    _close_over_links(parts.links, gone)
    for collection in parts.collections():
        for key in [key for key in collection if key in gone]:
            item = collection.pop(key)
            if key not in named:
                went.append(item)
    cleaner = _Cleaner(gone, dropped, went, named)
    for collection in parts.collections():
        for key, item in list(collection.items()):
            collection[key] = cleaner.other(item)
    parts.note_refs = cleaner.refs(parts.note_refs)
    parts.audit = cleaner.audit(parts.audit)
    return went


def referenced(parts: Parts, ids: set[UUID]) -> bool:
    """Whether a link or a graph refers to one of ``ids`` (what a coding can be to the rest
    of a project)."""
    links = parts.links.values()
    graphs = parts.graphs.values()
    return (
        any(link.origin in ids or link.target in ids for link in links)
        or any(vertex.represents in ids for graph in graphs for vertex in graph.vertices)
        or any(edge.represents in ids for graph in graphs for edge in graph.edges)
    )


def _close_over_links(links: dict[UUID, Link], gone: set[UUID]) -> None:
    """Add to ``gone`` every link with an end that goes (links to those links too)."""
    pending = True
    while pending:
        pending = False
        for link in links.values():
            if link.id not in gone and (link.origin in gone or link.target in gone):
                gone.add(link.id)
                pending = True


def _close_under_parents(items: dict[UUID, Any], gone: set[UUID]) -> None:
    """Add to ``gone`` every item below one that goes (children of children too)."""
    children: dict[UUID, list[UUID]] = {}
    for item in items.values():
        if item.parent is not None:
            children.setdefault(item.parent, []).append(item.id)
    pending = [key for key in gone if key in children]
    while pending:
        for child in children.get(pending.pop(), ()):
            if child not in gone:
                gone.add(child)
                pending.append(child)


class _Rebuilder:
    """Rebuilds objects field by field: ``FIELDS`` names, for each kind, the fields to
    rebuild and how; an object none of whose fields changes is returned as it is."""

    FIELDS: ClassVar[dict[type, Iterable[tuple[str, Callable[[Any, Any], Any]]]]] = {}

    def other(self, item: _T) -> _T:
        changes: dict[str, Any] = {}
        for name, rebuild in self.FIELDS.get(type(item), ()):
            value = getattr(item, name)
            rebuilt = rebuild(self, value)
            if rebuilt is not value:
                changes[name] = rebuilt
        return attrs.evolve(item, **changes) if changes else item  # type: ignore[misc]

    def each(self, items: tuple[_T, ...]) -> tuple[_T, ...]:
        """``items``, each rebuilt; the same tuple if none changed."""
        changed = tuple(self.other(item) for item in items)
        return items if all(a is b for a, b in zip(changed, items, strict=True)) else changed


class _Cleaner(_Rebuilder):
    """Rebuilds objects without references to what went; unchanged objects are returned as
    they are."""

    def __init__(
        self, gone: set[UUID], drop_codings_by: set[UUID], went: list[Any], named: set[UUID]
    ) -> None:
        self.gone = gone
        self.drop_codings_by = drop_codings_by
        self.went = went
        self.named = named

    def refs(self, refs: tuple[UUID, ...]) -> tuple[UUID, ...]:
        gone = self.gone
        if not refs or not any(ref in gone for ref in refs):
            return refs
        return tuple(ref for ref in refs if ref not in gone)

    def user(self, user: UUID | None) -> UUID | None:
        return None if user in self.gone else user

    def audit(self, audit: Audit | None) -> Audit | None:
        if audit is None or (
            audit.created_by not in self.gone and audit.modified_by not in self.gone
        ):
            return audit
        return attrs.evolve(
            audit, created_by=self.user(audit.created_by), modified_by=self.user(audit.modified_by)
        )

    def codings(self, codings: tuple[Coding, ...]) -> tuple[Coding, ...]:
        gone, dropped = self.gone, self.drop_codings_by
        return self._kept(codings, lambda c: c.id in gone or c.code in gone or c.coder in dropped)

    def excerpts(self, excerpts: tuple[Excerpt, ...]) -> tuple[Excerpt, ...]:
        return self._kept(excerpts, lambda e: e.id in self.gone)

    def _kept(self, items: tuple[_I, ...], goes: Callable[[_I], bool]) -> tuple[_I, ...]:
        """``items`` without those that go (recorded as gone), the rest cleaned."""
        kept: list[_I] = []
        changed = False
        for item in items:
            if goes(item):
                if item.id not in self.named:
                    self.went.append(item)
                changed = True
                continue
            cleaned = self.other(item)
            changed = changed or cleaned is not item
            kept.append(cleaned)
        return tuple(kept) if changed else items

    def nested(self, item: _T) -> _T:
        return item if item is None else self.other(item)


def _values(cleaner: _Cleaner, values: tuple[Any, ...]) -> tuple[Any, ...]:
    if not any(value.variable in cleaner.gone for value in values):
        return values
    return tuple(value for value in values if value.variable not in cleaner.gone)


def _examples(cleaner: _Cleaner, examples: tuple[Any, ...]) -> tuple[Any, ...]:
    if not any(example.excerpt in cleaner.gone for example in examples):
        return examples
    cleaner.went.extend(example for example in examples if example.excerpt in cleaner.gone)
    return tuple(example for example in examples if example.excerpt not in cleaner.gone)


def _vertices(cleaner: _Cleaner, vertices: tuple[Any, ...]) -> tuple[Any, ...]:
    kept = tuple(v for v in vertices if v.represents not in cleaner.gone)
    if len(kept) == len(vertices):
        return vertices
    cleaner.went.extend(v for v in vertices if v.represents in cleaner.gone)
    cleaner.gone.update(v.id for v in vertices if v.represents in cleaner.gone)
    return kept


def _edges(cleaner: _Cleaner, edges: tuple[Any, ...]) -> tuple[Any, ...]:
    gone = cleaner.gone
    kept = tuple(
        e
        for e in edges
        if e.source not in gone and e.target not in gone and e.represents not in gone
    )
    if len(kept) == len(edges):
        return edges
    cleaner.went.extend(e for e in edges if e not in kept)
    return kept


_Clean = Callable[[_Cleaner, Any], Any]
_REFS: _Clean = _Cleaner.refs
_NOTES: tuple[str, _Clean] = ("note_refs", _REFS)
_AUDIT: tuple[str, _Clean] = ("audit", _Cleaner.audit)
_FIELDS: dict[type, Iterable[tuple[str, _Clean]]] = {
    Code: (_NOTES, ("examples", _examples)),
    Theme: (_NOTES, ("codes", _REFS)),
    Case: (("values", _values), ("sources", _REFS), ("excerpts", _REFS), ("codes", _REFS)),
    Source: (("values", _values), ("codings", _Cleaner.codings), _NOTES, _AUDIT,
             ("content", _Cleaner.nested), ("excerpts", _Cleaner.excerpts)),
    Excerpt: (("quote_meta", _Cleaner.nested), ("codings", _Cleaner.codings), _NOTES, _AUDIT),
    Coding: (("coder", _Cleaner.user), _NOTES),
    PictureContent: (("text_meta", _Cleaner.nested),),
    PDFContent: (("text_meta", _Cleaner.nested),),
    AudioContent: (("transcripts", _Rebuilder.each),),
    VideoContent: (("transcripts", _Rebuilder.each),),
    Transcript: (_NOTES, _AUDIT),
    TextMeta: (_AUDIT,),
    Note: (_AUDIT, ("values", _values), ("codings", _Cleaner.codings),
           ("excerpts", _Cleaner.excerpts)),
    Link: (_NOTES,),
    Set: (("codes", _REFS), ("sources", _REFS), ("notes", _REFS)),
    Graph: (("vertices", _vertices), ("edges", _edges)),
}  # fmt: skip
"""The fields of each kind that can refer to other objects, and how to clean each."""
_Cleaner.FIELDS = _FIELDS


class Repoint(_Rebuilder):
    """Rebuilds objects so that references to the codes ``old`` point at ``new``: codings
    (one that would repeat a coding of ``new`` by the same coder in the same place is
    dropped, the earlier one kept), theme, set and case memberships, links and graph
    vertices."""

    def __init__(self, old: set[UUID], new: UUID) -> None:
        self.old = old
        self.new = new
        self.dropped: set[UUID] = set()
        """The codings dropped as repeats, for what refers to them to go too."""

    def ref(self, ref: UUID | None) -> UUID | None:
        return self.new if ref in self.old else ref

    def refs(self, refs: tuple[UUID, ...]) -> tuple[UUID, ...]:
        if not any(ref in self.old for ref in refs):
            return refs
        return tuple(dict.fromkeys(self.new if ref in self.old else ref for ref in refs))

    def codings(self, codings: tuple[Coding, ...]) -> tuple[Coding, ...]:
        if not any(coding.code in self.old for coding in codings):
            return codings
        first: dict[UUID | None, int] = {}  # each coder's coding that stays: of ``new``, else
        for n, coding in enumerate(codings):  # the first re-pointed
            if coding.code == self.new:
                first.setdefault(coding.coder, n)
        for n, coding in enumerate(codings):
            if coding.code in self.old:
                first.setdefault(coding.coder, n)
        memos: dict[int, list[UUID]] = {}
        kept: dict[int, Coding] = {}
        for n, coding in enumerate(codings):
            if coding.code in self.old:
                if first[coding.coder] != n:  # the coder applied the merged code here already
                    self.dropped.add(coding.id)
                    memos.setdefault(first[coding.coder], []).extend(coding.note_refs)
                    continue
                coding = attrs.evolve(coding, code=self.new)
            kept[n] = coding
        for n, refs in memos.items():  # the memos of a dropped repeat go to the one kept
            joined = tuple(dict.fromkeys((*kept[n].note_refs, *refs)))
            if joined != kept[n].note_refs:
                kept[n] = attrs.evolve(kept[n], note_refs=joined)
        return tuple(kept.values())


_Repoint = Callable[[Repoint, Any], Any]
_REPOINTED: dict[type, Iterable[tuple[str, _Repoint]]] = {
    Theme: (("codes", Repoint.refs),),
    Set: (("codes", Repoint.refs),),
    Case: (("codes", Repoint.refs),),
    Source: (("codings", Repoint.codings), ("excerpts", _Rebuilder.each)),
    Excerpt: (("codings", Repoint.codings),),
    Note: (("codings", Repoint.codings), ("excerpts", _Rebuilder.each)),
    Link: (("origin", Repoint.ref), ("target", Repoint.ref)),
    Graph: (("vertices", _Rebuilder.each),),
    Vertex: (("represents", Repoint.ref),),
}
"""The fields of each kind that can refer to a code, and how to re-point each."""
Repoint.FIELDS = _REPOINTED
