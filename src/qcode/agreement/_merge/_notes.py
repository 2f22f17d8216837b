"""Merging notes (memos), the project's memos, links, sets and graphs."""

from __future__ import annotations

import uuid
from typing import TypeVar
from uuid import UUID

import attrs

from qcode._model import Coding, Edge, Graph, Link, Note, Vertex
from qcode._model._lookup import nfc
from qcode.agreement._merge._step import (
    Step,
    carried_codings,
    differing,
    held_id,
    joined_excerpts,
    own,
    revalued,
    together,
    union,
)

_Drawn = TypeVar("_Drawn", Vertex, Edge)


def memos(step: Step, codes: dict[UUID, UUID], variables: dict[UUID, UUID]) -> None:
    """``other``'s notes put in, their codings, excerpts and values pointing where the
    merge put their codes and variables. A note both hold gains the codings, excerpts
    and values it lacked (when its text is the same); one that says another thing is a
    conflict."""
    base = step.base
    taken = {c.id: c for n in base.notes for c in (*n.codings, *_excerpt_codings(n))}
    held = {e.id for n in base.notes for e in n.excerpts}
    for note in step.other.notes:
        mine = own(base, Note, note.id)
        same_text = mine is not None and mine.text == note.text
        kept = {e.id: e for e in mine.excerpts} if mine is not None else {}
        excerpts = []
        for excerpt in note.excerpts:
            twin = kept.get(excerpt.id)
            here = same_text and twin is not None and twin.anchor == excerpt.anchor
            if not here and excerpt.id in held:
                excerpt = attrs.evolve(excerpt, id=uuid.uuid5(excerpt.id, step.label))
            recoded = carried_codings(excerpt.codings, codes, taken, step.label, here)
            excerpts.append(attrs.evolve(excerpt, codings=recoded))
        codings = carried_codings(note.codings, codes, taken, step.label, same_text)
        values = revalued(note.values, variables)
        if mine is None:
            step.builder.add(
                attrs.evolve(note, codings=codings, excerpts=tuple(excerpts), values=values)
            )
            continue
        shown = mine.name or str(mine.id)
        changed = differing(mine, note, ("name", "text", "description"))
        step.differs("note", shown, mine, note, changed)
        if not same_text:
            continue
        joined = {
            "codings": together(mine.codings, codings),
            "excerpts": joined_excerpts(mine.excerpts, excerpts),
            "values": step.joined_values("note", shown, mine, values),
        }
        step.gain(mine, joined)


def project_memos(step: Step) -> None:
    """The memos about ``other`` as a whole: about the merged project too."""
    memos = union(step.base.note_refs, step.other.note_refs)
    if memos != step.base.note_refs:
        step.builder._carry(step.base, note_refs=memos)


def relations(step: Step, moved: dict[UUID, UUID]) -> None:
    """The links, sets and graphs of ``other``, pointing where the merge put what they
    name. A link to an object the merged project does not hold is left out; a set or a
    graph keeps what it can (a vertex for a missing object stays, standing for nothing);
    the notes count each. A link is matched by id, else by its ends and name; a set by
    id, else by name (as copies built apart have them). A set both hold gains the
    other's members; a link, a set's name and description, or a graph that differs is a
    conflict, the first kept."""
    merged = step.builder.build()
    by_ends: dict[tuple[str | None, UUID | None, UUID | None], Link] = {}
    for known in step.base.links:
        by_ends.setdefault((nfc(known.name), known.origin, known.target), known)
    sets = {group.id: group for group in step.base.sets}
    by_name: dict[str, UUID] = {}
    for group in step.base.sets:
        if group.name:
            by_name.setdefault(nfc(group.name), group.id)

    def where(ref: UUID | None) -> UUID | None:
        return None if ref is None else held_id(merged, moved.get(ref, ref))

    def same(ref: UUID | None, there: UUID | None) -> UUID | None:
        """What ``ref`` is compared as: an object added apart (another text under the
        same id) as the one it was added apart from."""
        return ref if there in step.brought_in else there

    def placed(items: tuple[_Drawn, ...], compared: bool = False) -> tuple[_Drawn, ...]:
        """Vertices or edges standing for what the merge put where they stood for
        (``compared``: as `same` compares it)."""
        found = []
        for item in items:
            there = where(item.represents)
            found.append(
                attrs.evolve(item, represents=same(item.represents, there) if compared else there)
            )
        return tuple(found)

    for link in step.other.links:
        mine = own(step.base, Link, link.id)
        origin, target = where(link.origin), where(link.target)
        if (origin is None) != (link.origin is None) or (target is None) != (link.target is None):
            step.notes.append(
                f"link {link.name or str(link.id)!r} of {step.label} not "
                "merged: it names an object the merge does not hold"
            )
            continue
        carried = attrs.evolve(link, origin=origin, target=target)
        if not isinstance(mine, Link):
            mine = by_ends.get((nfc(link.name), origin, target))
            if mine is None:
                step.builder.add(carried)
                continue
            step.notes.append(f"link {link.name or str(link.id)!r} of {step.label} matched "
                              "by its ends and name")  # fmt: skip
            moved[link.id] = mine.id
        compared = attrs.evolve(
            carried, origin=same(link.origin, origin), target=same(link.target, target)
        )
        changed = differing(mine, compared, ("name", "origin", "target", "direction", "color"))
        step.differs("link", mine.name or str(mine.id), mine, compared, changed)
        memos = union(mine.note_refs, link.note_refs)
        if memos != mine.note_refs:
            step.builder._carry(mine, note_refs=memos)
    for group in step.other.sets:
        codes, sources, notes = (
            tuple(m for m in map(where, refs) if m is not None)
            for refs in (group.codes, group.sources, group.notes)
        )
        named = len(group.codes) + len(group.sources) + len(group.notes)
        step.lost("set", group, named - len(codes) - len(sources) - len(notes))
        kept = group.id if group.id in sets else by_name.get(nfc(group.name) or "")
        if kept is None:
            step.builder.add(attrs.evolve(group, codes=codes, sources=sources, notes=notes))
            continue
        if kept != group.id:
            step.notes.append(f"set {group.name!r} of {step.label} matched by name")
            moved[group.id] = kept
        held_set = sets[kept]
        changed = differing(held_set, group, ("name", "description"))
        step.differs("set", held_set.name or str(held_set.id), held_set, group, changed)
        joined = {
            "codes": union(held_set.codes, codes),
            "sources": union(held_set.sources, sources),
            "notes": union(held_set.notes, notes),
        }
        sets[kept] = step.gain(held_set, joined)
    if step.other.graphs:  # a vertex or edge may stand for a link or set just added
        merged = step.builder.build()
    for graph in step.other.graphs:
        vertices, edges = placed(graph.vertices), placed(graph.edges)
        redrawn = attrs.evolve(graph, vertices=vertices, edges=edges)
        drawn = own(step.base, Graph, graph.id)
        if drawn is not None:
            as_drawn = attrs.evolve(
                graph, vertices=placed(graph.vertices, True), edges=placed(graph.edges, True)
            )
            changed = differing(drawn, as_drawn, ("name", "vertices", "edges"))
            step.differs("graph", drawn.name or str(drawn.id), drawn, as_drawn, changed)
            continue
        step.lost(
            "graph",
            graph,
            sum(v.represents is None for v in vertices)
            + sum(e.represents is None for e in edges)
            - sum(v.represents is None for v in graph.vertices)
            - sum(e.represents is None for e in graph.edges),
        )
        step.builder.add(redrawn)


def _excerpt_codings(holder: Note) -> list[Coding]:
    return [coding for excerpt in holder.excerpts for coding in excerpt.codings]
