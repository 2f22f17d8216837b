"""Merging sources (by id, else identical non-empty text), their excerpts (by id and anchor) and
codings."""

from __future__ import annotations

import uuid
from typing import Any
from uuid import UUID

import attrs

from qcode._display import place
from qcode._model import (
    AudioContent,
    Coding,
    Content,
    Excerpt,
    Source,
    TextContent,
    TranscriptSpan,
    VideoContent,
)
from qcode._model._lookup import nfc
from qcode._model._sources import held_sync_points, misplaced, transcript_span_problem
from qcode.agreement._merge._step import (
    Step,
    carried_codings,
    differing,
    joined_excerpts,
    own,
    revalued,
    together,
    twin_key,
    union,
)


def sources(
    step: Step, codes: dict[UUID, UUID], variables: dict[UUID, UUID], added: set[UUID | None]
) -> dict[UUID, UUID]:
    """``other``'s sources, excerpts and codings put in, with ``codes`` and
    ``variables`` mapped; returns the ids of its sources and excerpts that are known by
    another id in the merged project, and puts the coders of the codings it adds in
    ``added`` (not of copies of codings the merge holds, under their ids, wherever they
    lie). A source with another text is added apart, named after this input; an
    excerpt whose id is used elsewhere (at another anchor, or in a source added apart)
    gets a new id, and its codings stay, whoever made them."""
    label = step.label
    moved: dict[UUID, UUID] = {}
    by_text: dict[str, list[Source]] = {}
    for source in step.base.sources:
        if source.text:  # an empty text (not transcribed yet, say) identifies nothing
            by_text.setdefault(source.text, []).append(source)
    taken = {c.id: c for s in step.base.sources for e in s.excerpts for c in e.codings}
    taken.update((c.id, c) for s in step.base.sources for c in s.codings)
    held = {e.id for s in step.base.sources for e in s.excerpts}
    originals = dict(taken)  # one of these under its id is a copy, wherever it lies

    def new_coders(codings: tuple[Coding, ...]) -> set[UUID | None]:
        """The coders of the ``codings`` that are no copies of codings the merge holds."""
        return {c.coder for c in codings if not _copy(c, originals.get(c.id), codes)}

    names = {nfc(s.name) for s in step.base.sources}
    for source in step.other.sources:
        match = own(step.base, Source, source.id)
        if not isinstance(match, Source) or match.text != source.text:
            # the same text under another id: a copy built apart, or one an earlier
            # input added apart
            same = by_text.get(source.text, []) if source.text else []
            if len(same) == 1:
                match = same[0]
                moved[source.id] = match.id
                step.notes.append(
                    f"source {source.name!r} of {label} matched {match.name!r} by text"
                )
            elif not isinstance(match, Source):
                match = None
        if isinstance(match, Source) and match.text != source.text:
            name = f"{source.name} ({label})"
            step.notes.append(f"source {source.name!r} has another text in {label}; "
                              f"added apart as {name!r}")  # fmt: skip
            moved[source.id] = uuid.uuid5(source.id, label)
            step.brought_in[moved[source.id]] = label
            source = attrs.evolve(source, id=moved[source.id], name=name)
            match = None
        kept = {twin_key(e): e for e in match.excerpts} if isinstance(match, Source) else {}
        shown_in = match.name if isinstance(match, Source) else source.name
        at_anchor: dict[Any, Excerpt] = {}
        for known in kept.values():
            at_anchor.setdefault(known.anchor, known)
        excerpts = []
        elsewhere = 0  # excerpts of a matched source under an id used at another anchor
        for excerpt in source.excerpts:
            mine = kept.get(twin_key(excerpt))
            if mine is not None and mine.anchor == excerpt.anchor:
                changed = differing(mine, excerpt, ("name", "description"))
                shown = mine.name or f"{shown_in}, {place(mine.anchor)}"
                step.differs("excerpt", shown, mine, excerpt, changed)
            else:
                mine = _same_place(at_anchor.get(excerpt.anchor), excerpt)
                if mine is not None:  # the same place under another id: one excerpt
                    moved[excerpt.id] = mine.id
                    excerpt = attrs.evolve(excerpt, id=mine.id)
            if mine is not None:
                excerpt = attrs.evolve(excerpt, codings=_new(excerpt.codings, mine, codes))
            elif excerpt.id in held:
                elsewhere += isinstance(match, Source)
                moved[excerpt.id] = uuid.uuid5(excerpt.id, label)
                excerpt = attrs.evolve(excerpt, id=moved[excerpt.id])
            added.update(new_coders(excerpt.codings))
            recoded = carried_codings(excerpt.codings, codes, taken, label, mine is not None)
            excerpts.append(attrs.evolve(excerpt, codings=recoded))
        if elsewhere and isinstance(match, Source):
            step.notes.append(f"source {match.name!r}: {elsewhere} excerpt(s) of {label} "
                              "sit at another anchor under an id the merge holds; given "
                              "new ids")  # fmt: skip
        whole = source.codings  # codings of the whole source
        if isinstance(match, Source):
            whole = _new(whole, match, codes)
        added.update(new_coders(whole))
        codings = carried_codings(whole, codes, taken, label, isinstance(match, Source))
        if not isinstance(match, Source):
            values = revalued(source.values, variables)
            if match is None and nfc(source.name) in names:  # another source, same name
                name = f"{source.name} ({label})"
                why = ("another text than" if source.text else
                       "no text to be matched by, and another id than")  # fmt: skip
                step.notes.append(f"source {source.name!r} of {label} has {why} "
                                  f"{source.name!r}; added apart as {name!r}")  # fmt: skip
                source = attrs.evolve(source, name=name)
            step.builder.add(
                attrs.evolve(source, codings=codings, excerpts=tuple(excerpts), values=values)
            )
            continue
        changed = differing(match, source, ("name", "kind", "description"))
        if match.id != source.id:  # matched by text: its name is told in the notes
            changed = [field for field in changed if field != "name"]
        content, differs = _content(match.content, source.content)
        step.differs("source", match.name, match, source, changed + differs)
        content, dropped = _placeable(content, match.content)
        if dropped:
            step.notes.append(f"source {match.name!r}: {len(dropped)} sync point(s) of "
                              f"{label} outside their transcript left out")  # fmt: skip
        placed = attrs.evolve(match, content=content)
        unplaced = [
            e
            for e in excerpts
            if isinstance(e.anchor, TranscriptSpan)
            and transcript_span_problem(e.anchor, placed) is not None
        ]
        at_dropped = [e for e in unplaced if _ends(e.anchor) & dropped]
        other_version = [e for e in unplaced if e not in at_dropped]
        excerpts = [e for e in excerpts if e not in unplaced]
        if at_dropped:
            step.notes.append(f"source {match.name!r}: {len(at_dropped)} excerpt(s) of "
                              f"{label} at those sync points left out")  # fmt: skip
        if other_version:
            step.notes.append(f"source {match.name!r}: {len(other_version)} excerpt(s) of "
                              f"{label} on a transcript the merge keeps in another version "
                              "left out")  # fmt: skip
        values = step.joined_values("source", match.name, match, revalued(source.values, variables))
        step.builder._carry(
            match,
            content=content,
            codings=together(match.codings, codings),
            excerpts=joined_excerpts(match.excerpts, excerpts),
            note_refs=union(match.note_refs, source.note_refs),
            values=values,
        )
    return moved


def _copy(coding: Coding, held: Coding | None, codes: dict[UUID, UUID]) -> bool:
    """Whether ``coding`` is a copy of ``held``, the merge's coding under its id: the same
    code (as the merge knows it) by the same coder (its memo references may differ)."""
    if held is None:
        return False
    mapped = codes.get(coding.code, coding.code)
    return attrs.evolve(coding, code=mapped, note_refs=held.note_refs) == held


def _same_place(known: Excerpt | None, excerpt: Excerpt) -> Excerpt | None:
    """``known``, at ``excerpt``'s anchor under another id, where it stands for the same
    excerpt: ``excerpt`` names and describes nothing otherwise (a coder's copy, or a second
    coder's selection of the same words); else none, and both stay."""
    if known is None:
        return None
    same = all(getattr(excerpt, f) in (None, getattr(known, f)) for f in ("name", "description"))
    return known if same else None


def _new(
    codings: tuple[Coding, ...], holder: Excerpt | Source, codes: dict[UUID, UUID]
) -> tuple[Coding, ...]:
    """The ``codings`` whose code (as the merge knows it) and coder ``holder`` does not
    already hold, or that bring memo references: a coding copied into another input under
    another id is the same coding (`together` joins its references)."""
    refs = {(coding.code, coding.coder): set(coding.note_refs) for coding in holder.codings}
    fresh = []
    for coding in codings:
        had = refs.get((codes.get(coding.code, coding.code), coding.coder))
        if had is None or not set(coding.note_refs) <= had:
            fresh.append(coding)
    return tuple(fresh)


def _content(mine: Content, theirs: Content) -> tuple[Content, list[str]]:
    """``mine``, a recording's with the transcripts of ``theirs`` it lacks (by id) and, in
    a transcript both hold with the same text, the sync points it lacks; and
    ``["content"]`` where ``theirs`` is another medium, names another file (a picture, PDF
    or recording; where a tool last found it, and a text's file, are left aside), or holds
    a transcript both hold with another text or sync point, else nothing."""
    if type(mine) is not type(theirs):
        return mine, ["content"]
    differs = not isinstance(mine, TextContent) and mine.path != theirs.path
    if isinstance(mine, (AudioContent, VideoContent)):
        other = {t.id: t for t in getattr(theirs, "transcripts", ())}
        joined = []
        for transcript in mine.transcripts:
            twin = other.pop(transcript.id, transcript)
            points = {point.id for point in transcript.sync_points}
            gained = tuple(p for p in twin.sync_points if p.id not in points)
            if twin.text != transcript.text or any(
                p != q for p in transcript.sync_points for q in twin.sync_points if p.id == q.id
            ):
                differs, gained = True, ()
            joined.append(attrs.evolve(transcript, sync_points=(*transcript.sync_points, *gained)))
        mine = attrs.evolve(mine, transcripts=(*joined, *other.values()))
    return mine, ["content"] if differs else []


def _placeable(content: Content, before: Content) -> tuple[Content, set[UUID]]:
    """``content`` without the sync points it gained over ``before`` that lie where no
    sync point can be (the builder refuses them: a later input's file held them), and
    the ids of those."""
    if not isinstance(content, (AudioContent, VideoContent)):
        return content, set()
    held = held_sync_points(before)
    dropped: set[UUID] = set()
    kept = []
    for transcript in content.transcripts:
        here, length = (transcript.id, transcript.text), len(transcript.text)
        points = []
        for point in transcript.sync_points:
            if (*here, point) in held or not misplaced(point, length):
                points.append(point)
            else:
                dropped.add(point.id)
        kept.append(attrs.evolve(transcript, sync_points=tuple(points)))
    return (attrs.evolve(content, transcripts=tuple(kept)) if dropped else content), dropped


def _ends(anchor: Any) -> set[UUID]:
    """The sync points a transcript span starts and ends at."""
    return {point for point in (anchor.from_sync, anchor.to_sync) if point is not None}
