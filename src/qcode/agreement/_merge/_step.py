"""What merging one input needs wherever it puts things: the input, the builder, the
report (`MergeConflict`s and notes), and the helpers the families of objects share."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

import attrs
from attrs import frozen

from qcode._builder import ProjectBuilder
from qcode._model import (
    Case,
    Code,
    Coding,
    Excerpt,
    Graph,
    Note,
    Project,
    Set,
    Source,
    Theme,
    Variable,
    VariableValue,
)
from qcode._model._lookup import nfc


@frozen
class MergeConflict:
    """Where a later input holds another version of an object the merged project keeps,
    or a coder's codings come from two inputs; ``str()`` says it in a sentence.

    - ``kind``: ``code``, ``theme``, ``source``, ``excerpt``, ``case``, ``variable``,
      ``user``, ``note``, ``link``, ``set`` or ``graph``.
    - ``id``: the object's id in the merged project (``None`` for codings with no coder);
      ``name``: how the merged project shows it (a code's path, a case's label, an unnamed
      excerpt's source and place, ``(no coder)``).
    - ``fields``: what differs: field names (``parent`` for a code's or theme's place),
      ``value:NAME`` for the value of the variable NAME, ``codings`` for a coder found in
      two inputs.
    - ``ours``, ``theirs``: each field's value in the merged project and in the input
      (``None`` for ``codings``).
    - ``kept``: the label of the input whose version the merged project keeps (for a
      coder, the first input they coded in); ``input``: the label of the input that differs.
    """

    kind: str
    id: UUID | None
    name: str
    fields: tuple[str, ...]
    ours: tuple[Any, ...]
    theirs: tuple[Any, ...]
    kept: str
    input: str
    text: str = attrs.field(repr=False)
    """The sentence ``str()`` gives."""

    def __str__(self) -> str:
        return self.text


_Held = TypeVar("_Held", Note, Theme, Case, Set)


@frozen
class Step:
    """Merging one more input, ``other`` (``label`` in the report), into ``builder``, whose
    project before it is ``base``. The functions of `_users`, `_codebook`, `_sources`,
    `_cases` and `_notes` put ``other``'s objects in, a family at a time, some returning
    the ids of ``other`` that the merged project knows by another id; disagreements go
    to ``conflicts``, what was matched, added apart or left out to ``notes``.
    ``earlier``: the inputs merged before it, each with its label; ``brought_in``: the
    label of the input that brought an object the merge gave a new id (by that id), or a
    value a source, case or note lacked (by its id and the variable's)."""

    builder: ProjectBuilder
    base: Project
    other: Project
    label: str
    earlier: list[tuple[Project, str]]
    brought_in: dict[UUID | tuple[UUID, UUID], str]
    conflicts: list[MergeConflict]
    notes: list[str]

    def joined_values(
        self, kind: str, shown: str, mine: Source | Case | Note, theirs: tuple[VariableValue, ...]
    ) -> tuple[VariableValue, ...]:
        """``mine``'s values, then those of ``theirs`` it lacks; a value it holds otherwise
        is a conflict."""
        held = {value.variable: value.value for value in mine.values}
        for value in theirs:
            ours = held.get(value.variable, value.value)
            if value.variable not in held:
                self.brought_in[mine.id, value.variable] = self.label
            elif ours != value.value:
                name = self.variable_name(value.variable)
                kept = self.brought_in.get((mine.id, value.variable)) or self.first(mine.id)
                text = (f"{kind} {shown!r} has {name} {value.value!r} in {self.label}; kept "
                        f"{ours!r}, the value in {kept}")  # fmt: skip
                found = (kind, mine.id, shown, (f"value:{name}",), (ours,), (value.value,))
                self.conflicts.append(MergeConflict(*found, kept, self.label, text))
        return (*mine.values, *(v for v in theirs if v.variable not in held))

    def variable_name(self, variable: UUID) -> str:
        """The name of the merged project's variable ``variable``."""
        for project in (self.base, self.other):
            found = own(project, Variable, variable)
            if found is not None:
                return found.name
        found = own(self.builder.build(), Variable, variable)  # added apart, under a new id
        return found.name if found is not None else str(variable)

    def gain(self, held: _Held, joined: dict[str, Any]) -> _Held:
        """``held`` with the fields in ``joined`` (what it gains from this input), put in
        the builder where any differs."""
        if all(getattr(held, field) == value for field, value in joined.items()):
            return held
        return self.builder._carry(held, **joined)

    def parent_said(self, there: UUID | None) -> str:
        """What a conflict says of a code or theme that sits under ``there`` (the merged
        project's id of its parent in this input) rather than where the merge keeps it."""
        if there is None:
            return "place (at the top there)"
        merged = self.builder.build()
        above = own(merged, Code, there) or own(merged, Theme, there)
        title = merged.path(above) if above is not None else None
        return f"place (under {title or str(there)!r} there)"

    def lost(self, kind: str, named: Set | Graph, count: int) -> None:
        if count:
            self.notes.append(
                f"{kind} {named.name or str(named.id)!r} of {self.label}: "
                f"{count} member(s) name objects the merge does not hold; left "
                "out" + (" (each vertex stays, standing for nothing)" if kind == "graph" else "")
            )

    def differs(
        self,
        kind: str,
        shown: str,
        mine: Any,
        theirs: Any,
        fields: list[str],
        parent: UUID | Literal[False] | None = False,
    ) -> None:
        """A conflict, if ``fields`` is not empty or the input puts a code or theme under
        another ``parent`` (the merged project's id of it; ``False``: not compared): the
        object (``mine``, ``shown`` as the merge keeps it) differs in this input
        (``theirs``) in ``fields``, names and labels given with their value there."""
        said = [
            f"{field} ({_said(getattr(theirs, field))} there)" if field in _NAMES else field
            for field in fields
        ]
        ours = [getattr(mine, field) for field in fields]
        other = [getattr(theirs, field) for field in fields]
        if parent is not False and parent != mine.parent:
            fields, said = [*fields, "parent"], [*said, self.parent_said(parent)]
            ours, other = [*ours, mine.parent], [*other, parent]
        if fields:
            kept = self.first(mine.id)
            text = (f"{kind} {shown!r} differs in {self.label}: {', '.join(said)}; kept the "
                    f"version in {kept}")  # fmt: skip
            found = (kind, mine.id, shown, tuple(fields), tuple(ours), tuple(other))
            self.conflicts.append(MergeConflict(*found, kept, self.label, text))

    def apart(
        self, kind: str, shown: str, field: str, name: str, taken: Mapping[str, object]
    ) -> str:
        """The name an object of ``kind`` (``shown`` so) is added apart under, one ``taken``
        (by NFC) does not hold, with a note: its ``field`` (path, name or label) is that of
        one the merge matched to another object of this input."""
        given = free(f"{name} ({self.label})", taken)
        self.notes.append(
            f"{kind} {shown!r} of {self.label} has the {field} of a {kind} matched to another "
            f"of its {kind}s; added apart as {given!r}"
        )
        return given

    def first(self, id: UUID) -> str:
        """The label of the input whose version of the object with ``id`` is kept: the one
        that brought it under a new id, else the first holding it."""
        return self.brought_in.get(id) or next(
            (label for project, label in self.earlier if project.get(id) is not None),
            self.earlier[0][1],
        )


_NAMES = ("name", "label")
"""The fields a conflict gives with the other input's value."""

_K = TypeVar("_K")


def own(project: Project, kind: type[_K], id: UUID) -> _K | None:
    """``project``'s object of ``kind`` with ``id``: ids two kinds share (ATLAS.ti's) find
    each as what it is."""
    found = project._index.by_kind.get((kind, id))
    return cast(_K | None, found)


def _said(value: object) -> str:
    return "none" if value is None else repr(value)


def held_id(project: Project, ref: UUID) -> UUID | None:
    """``ref``, where ``project`` holds an object with that id; else ``None``."""
    return ref if project.get(ref) is not None else None


def differing(mine: Any, theirs: Any, fields: Sequence[str]) -> list[str]:
    """The ``fields`` in which two versions of one object differ (text in either Unicode
    form being the same)."""
    return [field for field in fields if nfc(getattr(mine, field)) != nfc(getattr(theirs, field))]


def revalued(
    values: tuple[VariableValue, ...], variables: dict[UUID, UUID]
) -> tuple[VariableValue, ...]:
    """``values`` with their variables as the merged project knows them."""
    return tuple(
        attrs.evolve(value, variable=variables[value.variable])
        if value.variable in variables
        else value
        for value in values
    )


def carried_codings(
    codings: tuple[Coding, ...],
    codes: dict[UUID, UUID],
    taken: dict[UUID, Coding],
    label: str,
    same_place: bool,
) -> tuple[Coding, ...]:
    """Codings with their codes mapped; at the ``same_place`` as in the project (the same
    excerpt, or the same whole source), those it already holds left out; a coding whose id
    another coding uses given a new id."""
    found = []
    for coding in codings:
        moved = attrs.evolve(coding, code=codes.get(coding.code, coding.code))
        if moved.id in taken:
            if same_place and taken[moved.id] == moved:
                continue
            moved = attrs.evolve(moved, id=uuid.uuid5(coding.id, label))
        taken[moved.id] = moved
        found.append(moved)
    return tuple(found)


def together(kept: tuple[Coding, ...], added: Sequence[Coding]) -> tuple[Coding, ...]:
    """``kept``, then ``added``: one coding of a code by a coder, with the memo references
    of both."""
    joined = list(kept)
    at = {(coding.code, coding.coder): n for n, coding in enumerate(joined)}
    for coding in added:
        n = at.setdefault((coding.code, coding.coder), len(joined))
        if n == len(joined):
            joined.append(coding)
        else:
            joined[n] = attrs.evolve(
                joined[n], note_refs=union(joined[n].note_refs, coding.note_refs)
            )
    return tuple(joined)


def joined_excerpts(kept: tuple[Excerpt, ...], added: list[Excerpt]) -> tuple[Excerpt, ...]:
    """``kept`` with ``added`` put in: an excerpt with the same id and kind of anchor (at
    the same anchor: the caller gave the others new ids) gets the other's codings and memo
    references."""
    by_id = {twin_key(e): e for e in kept}
    extra: list[Excerpt] = []
    for excerpt in added:
        same = by_id.get(twin_key(excerpt))
        if same is None:
            extra.append(excerpt)
        else:
            by_id[twin_key(same)] = attrs.evolve(
                same,
                codings=together(same.codings, excerpt.codings),
                note_refs=union(same.note_refs, excerpt.note_refs),
            )
    return (*by_id.values(), *extra)


def twin_key(excerpt: Excerpt) -> tuple[UUID, type]:
    """What tells an excerpt apart in a source: its id and its anchor's kind (ATLAS.ti
    gives a PDF quotation's region and its text span one id; `validate` warns of it)."""
    return excerpt.id, type(excerpt.anchor)


def union(first: tuple[UUID, ...], then: tuple[UUID, ...]) -> tuple[UUID, ...]:
    """``first``, then what ``then`` adds, each once."""
    return tuple(dict.fromkeys((*first, *then)))


def free(name: str, taken: Mapping[str, object]) -> str:
    """``name``, or where ``taken`` holds it (in either Unicode form), ``name 2``, ``name 3``
    ..., the first it does not hold."""
    found, n = name, 1
    while nfc(found) in taken:
        n += 1
        found = f"{name} {n}"
    return found
