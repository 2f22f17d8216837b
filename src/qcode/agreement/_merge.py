"""Coders' separate work put together, through the builder (`split` takes it apart).

Merging matches sources by id, else by identical text, codes by id, else by path, themes by
id, else by name, and cases by id, else by label and kind; each coding keeps its coder, so
the merged project can be compared coder against coder. What the projects disagree on (a
code's name, definition or place, a case's label or value, a source's or theme's name, a
link, set or graph) is reported as a `MergeConflict` naming what differs, and the version
of the input that brought the object first kept; what cannot be merged is reported, never
dropped silently.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypeVar, cast
from uuid import UUID

import attrs
from attrs import frozen

from qcode._builder import ProjectBuilder
from qcode._display import place
from qcode._model import (
    AudioContent,
    Case,
    Code,
    Coding,
    Content,
    Edge,
    Excerpt,
    Graph,
    Link,
    Note,
    Project,
    Set,
    Source,
    TextContent,
    Theme,
    TranscriptSpan,
    User,
    Variable,
    VariableValue,
    Vertex,
    VideoContent,
)
from qcode._model._codebook import in_tree_order
from qcode._model._lookup import nfc
from qcode._model._sources import held_sync_points, misplaced, transcript_span_problem
from qcode.agreement._units import AgreementError

DEFINITION = ("brief_definition", "full_definition", "when_to_use", "when_not_to_use",
              "examples")  # fmt: skip
"""The fields that make a code's definition."""


@frozen
class MergeConflict:
    """Where a later input holds another version of an object the merged project keeps,
    or a coder's codings come from two inputs; ``str()`` says it in a sentence.

    - ``kind``: ``code``, ``theme``, ``source``, ``excerpt``, ``case``, ``variable``,
      ``user``, ``note``, ``link``, ``set`` or ``graph``.
    - ``id``: the object's id in the merged project; ``name``: how the merged project
      shows it (a code's path, a case's label, an unnamed excerpt's source and place).
    - ``fields``: what differs: field names (``parent`` for a code's or theme's place),
      ``value:NAME`` for the value of the variable NAME, ``codings`` for a coder found in
      two inputs.
    - ``ours``, ``theirs``: each field's value in the merged project and in the input
      (``None`` for ``codings``).
    - ``kept``: the label of the input whose version the merged project keeps (for a
      coder, the first input they coded in); ``input``: the label of the input that differs.
    """

    kind: str
    id: UUID
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


@frozen
class Merged:
    """The merged project; ``conflicts``: where the inputs disagree (the version of the
    input that brought an object first is kept); ``notes``: what was matched by text,
    added, or left out."""

    project: Project
    conflicts: tuple[MergeConflict, ...] = ()
    notes: tuple[str, ...] = ()


def definition_conflicts(kept: Code, other: Code) -> list[str]:
    """How two versions of one code differ in name or definition (empty if they agree; text
    in either Unicode form is the same)."""
    for given in (kept, other):
        if not isinstance(given, Code):
            raise TypeError(
                f"definition_conflicts compares two versions of one code, not a "
                f"{type(given).__name__}"
            )
    return _changed(kept, other, ("name", *DEFINITION))


_K = TypeVar("_K")


def _own(project: Project, kind: type[_K], id: UUID) -> _K | None:
    """``project``'s object of ``kind`` with ``id``: ids two kinds share (ATLAS.ti's) find
    each as what it is."""
    found = project._index.by_kind.get((kind, id))
    return cast(_K | None, found)


def _labels(projects: Sequence[Project], labels: Sequence[str] | None) -> list[str]:
    """What the report calls each input: its label (by default its project's name),
    numbered where two inputs share one."""
    if isinstance(labels, str):
        raise TypeError(f"labels must be a list, one per project, not str {labels!r}")
    if labels is not None and len(labels) != len(projects):
        raise AgreementError(f"labels: {len(labels)} given for {len(projects)} projects")
    for label in labels or ():
        if not isinstance(label, str):
            raise TypeError(f"labels are text, not {type(label).__name__} {label!r}")
    if labels is not None and not all(labels):
        raise AgreementError(f"labels: input {[*labels].index('') + 1} has an empty label")
    names = [project.name for project in projects] if labels is None else list(labels)
    same = [nfc(name) for name in names]  # labels in either Unicode form are one label
    numbered = [
        f"{name} (input {number})" if same.count(nfc(name)) > 1 else name
        for number, name in enumerate(names, 1)
    ]
    if len({nfc(n) for n in numbered}) < len(numbered):  # a label is another's numbered form
        return [f"{name} (input {number})" for number, name in enumerate(names, 1)]
    return numbered


def merge(projects: Sequence[Project], *, labels: Sequence[str] | None = None) -> Merged:
    """One project holding every input's coding, each coding with its coder. ``labels``
    name the inputs in the report (by default their project names, numbered ``NAME (input
    N)`` where inputs share a name, as coders' copies of one project do)."""
    projects = list(projects)
    if len(projects) < 2:
        raise AgreementError(f"merging needs two or more projects; given {len(projects)}")
    for given in projects:
        if not isinstance(given, Project):
            raise TypeError(
                f"merge takes loaded projects (qcode.load, qcode.read), not "
                f"{type(given).__name__} {given!r}"
            )
    names = _labels(projects, labels)
    builder = ProjectBuilder.from_project(projects[0])
    conflicts: list[MergeConflict] = []
    notes: list[str] = []
    coded_in = dict.fromkeys(_coders(projects[0]), names[0])  # each coder's first input
    inputs = list(zip(projects, names, strict=True))
    brought_in: dict[UUID | tuple[UUID, UUID], str] = {}
    for number, (project, label) in enumerate(inputs[1:], 1):
        earlier, base = inputs[:number], builder.build()
        step = _Step(builder, base, project, label, earlier, brought_in, conflicts, notes)
        step.users()
        codes = step.codes()
        variables = step.variables()
        added: set[UUID | None] = set()
        moved = step.sources(codes, variables, added)
        step.coders(coded_in, added)
        step.memos(codes, variables)
        step.project_memos()
        moved |= step.themes(codes)
        moved |= codes | variables
        moved |= step.cases(moved)
        step.relations(moved)
        step.examples(moved)
    return Merged(builder.build(), tuple(conflicts), tuple(notes))


def coders_of(project: Project) -> set[UUID]:
    """The ids of the users who coded in ``project``."""
    return {coder for coder in _coders(project) if coder is not None}


def _coders(project: Project) -> set[UUID | None]:
    """The coders of ``project``'s codings, ``None`` for those that name none."""
    return {
        coding.coder
        for source in project.sources
        for coding in (*source.codings, *(c for e in source.excerpts for c in e.codings))
    }


_Held = TypeVar("_Held", Note, Theme, Case, Set)
_Drawn = TypeVar("_Drawn", Vertex, Edge)


@frozen
class _Step:
    """Merging one more input, ``other`` (``label`` in the report), into ``builder``, whose
    project before it is ``base``. Each method puts one family of objects in and returns
    the ids of ``other`` that the merged project knows by another id; disagreements go to
    ``conflicts``, what was matched, added apart or left out to ``notes``. ``earlier``:
    the inputs merged before it, each with its label; ``brought_in``: the label of the
    input that brought an object the merge gave a new id (by that id), or a value a
    source, case or note lacked (by its id and the variable's)."""

    builder: ProjectBuilder
    base: Project
    other: Project
    label: str
    earlier: list[tuple[Project, str]]
    brought_in: dict[UUID | tuple[UUID, UUID], str]
    conflicts: list[MergeConflict]
    notes: list[str]

    def users(self) -> None:
        """``other``'s users added; one both hold that is called otherwise is a conflict."""
        for user in self.other.users:
            mine = _own(self.base, User, user.id)
            if mine is None:
                self.builder.add(user)
            else:
                shown = mine.name or mine.login or str(mine.id)
                self._differs("user", shown, mine, user, _changed(mine, user, ("name", "login")))

    def coders(self, coded_in: dict[UUID | None, str], added: set[UUID | None]) -> None:
        """A coder already found in an earlier input (``coded_in``: each coder's first input,
        extended here) who has codings among those this input ``added`` (the codings of
        theirs the merge held already, at the same place, are not) is a conflict; codings
        with no coder from two inputs (Taguette names none), a note."""
        for u in sorted(u for u in added & coded_in.keys() if u is not None):
            found = _own(self.base, User, u)
            name = (found.name or found.login) if found is not None else None
            who = f"user {name!r}" if name else f"user {u}"
            self.conflicts.append(
                MergeConflict(
                    "user",
                    u,
                    name or str(u),
                    ("codings",),
                    (None,),
                    (None,),
                    coded_in[u],
                    self.label,
                    f"{who} coded in {coded_in[u]} and in {self.label}; their "
                    "codings cannot be told apart (both kept under one user: give each coder "
                    "a user of their own to compare them)",
                )
            )
        if None in added and None in coded_in:
            self.notes.append(
                f"codings with no coder come from {coded_in[None]} and {self.label}; they "
                "cannot be told apart (give each input's codings a coder, "
                "update(coding, coder=user), to compare them)"
            )
        for coder in _coders(self.other):
            coded_in.setdefault(coder, self.label)

    def codes(self) -> dict[UUID, UUID]:
        """``other``'s code ids mapped to the merged project's, its new codes added."""
        base = self.base
        paths = {nfc(base.path(code)): code.id for code in base.codes}
        mapped: dict[UUID, UUID] = {}
        matched = []
        for code in in_tree_order(self.other.codes):  # every match first: a parent may follow
            kept = _own(base, Code, code.id)
            path = nfc(self.other.path(code))
            if kept is None and path in paths:
                kept = _own(base, Code, paths[path])
            matched.append((code, kept))
            mapped[code.id] = code.id if kept is None else kept.id
        for code, kept in matched:
            if kept is not None:
                memos = _union(kept.note_refs, code.note_refs)
                if memos != kept.note_refs:
                    self.builder.update(kept, note_refs=memos)
                differ = definition_conflicts(kept, code)
                differ += _changed(kept, code, ("codable", "color", "status", "origin"))
                there = mapped.get(code.parent) if code.parent else None
                self._differs("code", base.path(kept), kept, code, differ, there)
                continue
            parent = mapped.get(code.parent) if code.parent else None
            self.builder.add(attrs.evolve(code, parent=parent))
        return mapped

    def variables(self) -> dict[UUID, UUID]:
        """``other``'s variables known by another id in the merged project (one of the same
        name and type, also where the merged one under its id has another type); the
        others are added (one whose name or id has another type there apart, named after
        this input, with a note)."""
        by_name: dict[str, list[Variable]] = {}
        for variable in self.base.variables:
            by_name.setdefault(nfc(variable.name), []).append(variable)
            apart = f" ({self.brought_in.get(variable.id)})"  # also by the name it came with
            if variable.id in self.brought_in and variable.name.endswith(apart):
                by_name.setdefault(nfc(variable.name[: -len(apart)]), []).append(variable)
        mapped: dict[UUID, UUID] = {}
        for variable in self.other.variables:
            mine = _own(self.base, Variable, variable.id)
            if mine is not None and mine.type == variable.type:
                changed = _changed(mine, variable, ("name", "description"))
                self._differs("variable", mine.name, mine, variable, changed)
                continue
            named = by_name.get(nfc(variable.name), [])
            same = next((v for v in named if v.type == variable.type), None)
            if same is not None:
                mapped[variable.id] = same.id
                changed = _changed(same, variable, ("description",))
                self._differs("variable", same.name, same, variable, changed)
                continue
            before = mine if isinstance(mine, Variable) else next(iter(named), None)
            if mine is not None:  # the id is taken by another type
                mapped[variable.id] = uuid.uuid5(variable.id, self.label)
            name = (
                variable.name
                if before is None
                else _free(f"{variable.name} ({self.label})", by_name)
            )
            added = mapped.get(variable.id, variable.id)
            self.builder.add(attrs.evolve(variable, id=added, name=name))
            if before is not None:
                self.brought_in[added] = self.label
                self.notes.append(
                    f"variable {variable.name!r} is {variable.type.value} in {self.label}, "
                    f"{before.type.value} before; added apart as {name!r}, with its values"
                )
        return mapped

    def sources(
        self, codes: dict[UUID, UUID], variables: dict[UUID, UUID], added: set[UUID | None]
    ) -> dict[UUID, UUID]:
        """``other``'s sources, excerpts and codings put in, with ``codes`` and
        ``variables`` mapped; returns the ids of its sources and excerpts that are known by
        another id in the merged project, and puts the coders of the codings it adds in
        ``added`` (not of copies of codings the merge holds, under their ids, wherever they
        lie). A source with another text is added apart, named after this input; an
        excerpt whose id is used elsewhere (at another anchor, or in a source added apart)
        gets a new id, and its codings stay, whoever made them."""
        label = self.label
        moved: dict[UUID, UUID] = {}
        by_text: dict[str, list[Source]] = {}
        for source in self.base.sources:
            if source.text is not None:
                by_text.setdefault(source.text, []).append(source)
        taken = {c.id: c for s in self.base.sources for e in s.excerpts for c in e.codings}
        taken.update((c.id, c) for s in self.base.sources for c in s.codings)
        held = {e.id for s in self.base.sources for e in s.excerpts}
        coded = set(taken)  # a coding under one of these ids is a copy, wherever it lies
        names = {nfc(s.name) for s in self.base.sources}
        for source in self.other.sources:
            match = _own(self.base, Source, source.id)
            if not isinstance(match, Source) or match.text != source.text:
                # the same text under another id: a copy built apart, or one an earlier
                # input added apart
                same = by_text.get(source.text, []) if source.text is not None else []
                if len(same) == 1:
                    match = same[0]
                    moved[source.id] = match.id
                    self.notes.append(
                        f"source {source.name!r} of {label} matched {match.name!r} by text"
                    )
                elif not isinstance(match, Source):
                    match = None
            if isinstance(match, Source) and match.text != source.text:
                name = f"{source.name} ({label})"
                self.notes.append(f"source {source.name!r} has another text in {label}; "
                                  f"added apart as {name!r}")  # fmt: skip
                moved[source.id] = uuid.uuid5(source.id, label)
                self.brought_in[moved[source.id]] = label
                source = attrs.evolve(source, id=moved[source.id], name=name)
                match = None
            kept = {_twin_key(e): e for e in match.excerpts} if isinstance(match, Source) else {}
            shown_in = match.name if isinstance(match, Source) else source.name
            at_anchor: dict[Any, Excerpt] = {}
            for known in kept.values():
                at_anchor.setdefault(known.anchor, known)
            excerpts = []
            elsewhere = 0  # excerpts of a matched source under an id used at another anchor
            for excerpt in source.excerpts:
                mine = kept.get(_twin_key(excerpt))
                if mine is not None and mine.anchor == excerpt.anchor:
                    changed = _changed(mine, excerpt, ("name", "description"))
                    shown = mine.name or f"{shown_in}, {place(mine.anchor)}"
                    self._differs("excerpt", shown, mine, excerpt, changed)
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
                added.update(c.coder for c in excerpt.codings if c.id not in coded)
                recoded = _recoded(excerpt.codings, codes, taken, label, mine is not None)
                excerpts.append(attrs.evolve(excerpt, codings=recoded))
            if elsewhere and isinstance(match, Source):
                self.notes.append(f"source {match.name!r}: {elsewhere} excerpt(s) of {label} "
                                  "sit at another anchor under an id the merge holds; given "
                                  "new ids")  # fmt: skip
            whole = source.codings  # codings of the whole source
            if isinstance(match, Source):
                whole = _new(whole, match, codes)
            added.update(c.coder for c in whole if c.id not in coded)
            codings = _recoded(whole, codes, taken, label, isinstance(match, Source))
            if not isinstance(match, Source):
                values = _revalued(source.values, variables)
                if match is None and nfc(source.name) in names:  # another text, same name
                    name = f"{source.name} ({label})"
                    self.notes.append(f"source {source.name!r} of {label} has another text "
                                      f"than {source.name!r}; added apart as {name!r}")  # fmt: skip
                    source = attrs.evolve(source, name=name)
                self.builder.add(
                    attrs.evolve(source, codings=codings, excerpts=tuple(excerpts), values=values)
                )
                continue
            changed = _changed(match, source, ("name", "kind", "description"))
            if match.id != source.id:  # matched by text: its name is told in the notes
                changed = [field for field in changed if field != "name"]
            content, differs = _content(match.content, source.content)
            self._differs("source", match.name, match, source, changed + differs)
            content, dropped = _placeable(content, match.content)
            if dropped:
                self.notes.append(f"source {match.name!r}: {len(dropped)} sync point(s) of "
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
                self.notes.append(f"source {match.name!r}: {len(at_dropped)} excerpt(s) of "
                                  f"{label} at those sync points left out")  # fmt: skip
            if other_version:
                self.notes.append(f"source {match.name!r}: {len(other_version)} excerpt(s) of "
                                  f"{label} on a transcript the merge keeps in another version "
                                  "left out")  # fmt: skip
            values = self._values("source", match.name, match, _revalued(source.values, variables))
            self.builder.update(
                match,
                content=content,
                codings=_together(match.codings, codings),
                excerpts=_joined(match.excerpts, excerpts),
                note_refs=_union(match.note_refs, source.note_refs),
                values=values,
            )
        return moved

    def _values(
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
                name = self._variable_name(value.variable)
                kept = self.brought_in.get((mine.id, value.variable)) or self._first(mine.id)
                text = (f"{kind} {shown!r} has {name} {value.value!r} in {self.label}; kept "
                        f"{ours!r}, the value in {kept}")  # fmt: skip
                found = (kind, mine.id, shown, (f"value:{name}",), (ours,), (value.value,))
                self.conflicts.append(MergeConflict(*found, kept, self.label, text))
        return (*mine.values, *(v for v in theirs if v.variable not in held))

    def memos(self, codes: dict[UUID, UUID], variables: dict[UUID, UUID]) -> None:
        """``other``'s notes put in, their codings, excerpts and values pointing where the
        merge put their codes and variables. A note both hold gains the codings, excerpts
        and values it lacked (when its text is the same); one that says another thing is a
        conflict."""
        base = self.base
        taken = {c.id: c for n in base.notes for c in (*n.codings, *_excerpt_codings(n))}
        held = {e.id for n in base.notes for e in n.excerpts}
        for note in self.other.notes:
            mine = _own(base, Note, note.id)
            same_text = mine is not None and mine.text == note.text
            kept = {e.id: e for e in mine.excerpts} if mine is not None else {}
            excerpts = []
            for excerpt in note.excerpts:
                twin = kept.get(excerpt.id)
                here = same_text and twin is not None and twin.anchor == excerpt.anchor
                if not here and excerpt.id in held:
                    excerpt = attrs.evolve(excerpt, id=uuid.uuid5(excerpt.id, self.label))
                recoded = _recoded(excerpt.codings, codes, taken, self.label, here)
                excerpts.append(attrs.evolve(excerpt, codings=recoded))
            codings = _recoded(note.codings, codes, taken, self.label, same_text)
            values = _revalued(note.values, variables)
            if mine is None:
                self.builder.add(
                    attrs.evolve(note, codings=codings, excerpts=tuple(excerpts), values=values)
                )
                continue
            shown = mine.name or str(mine.id)
            changed = _changed(mine, note, ("name", "text", "description"))
            self._differs("note", shown, mine, note, changed)
            if not same_text:
                continue
            joined = {
                "codings": _together(mine.codings, codings),
                "excerpts": _joined(mine.excerpts, excerpts),
                "values": self._values("note", shown, mine, values),
            }
            self._gain(mine, joined)

    def project_memos(self) -> None:
        """The memos about ``other`` as a whole: about the merged project too."""
        memos = _union(self.base.note_refs, self.other.note_refs)
        if memos != self.base.note_refs:
            self.builder.update(self.base, note_refs=memos)

    def themes(self, codes: dict[UUID, UUID]) -> dict[UUID, UUID]:
        """Each theme of ``other`` joined to the merged theme with its id, else its name (its
        codes added to those), or added under its parent, with its codes as merged; returns
        where each theme went."""
        current = {theme.id: theme for theme in self.base.themes}
        by_name: dict[str, UUID] = {}
        for theme in self.base.themes:
            by_name.setdefault(nfc(theme.name), theme.id)
        mapped: dict[UUID, UUID] = {}
        for theme in in_tree_order(self.other.themes):
            members = tuple(codes[c] for c in theme.codes if c in codes)
            kept = theme.id if theme.id in current else by_name.get(nfc(theme.name))
            if kept is None:
                parent = mapped.get(theme.parent) if theme.parent else None
                current[theme.id] = self.builder.add(
                    attrs.evolve(theme, codes=members, parent=parent)
                )
                by_name.setdefault(nfc(theme.name), theme.id)
                mapped[theme.id] = theme.id
                continue
            if kept != theme.id:
                self.notes.append(f"theme {theme.name!r} of {self.label} matched by name")
            mine = current[kept]
            parent = mapped.get(theme.parent) if theme.parent else None
            changed = _changed(mine, theme, ("name", "description", "color"))
            self._differs("theme", mine.name, mine, theme, changed, parent)
            mapped[theme.id] = kept
            held = current[kept]
            joined = {
                "codes": _union(held.codes, members),
                "note_refs": _union(held.note_refs, theme.note_refs),
            }
            current[kept] = self._gain(held, joined)
        return mapped

    def cases(self, moved: dict[UUID, UUID]) -> dict[UUID, UUID]:
        """Each case of ``other`` joined to the merged case with its id, else its label and
        kind (its sources, excerpts, codes and the values the merged case lacks added to
        those; a value it holds otherwise is a conflict), or added; ``moved`` maps
        ``other``'s ids to the merged project's where they differ. Returns the cases matched
        by label."""
        merged = self.builder.build()  # with this input's variables, for their names
        matched: dict[UUID, UUID] = {}
        current = {case.id: case for case in merged.cases}
        by_label: dict[tuple[str | None, str], UUID] = {}
        for case in merged.cases:
            if case.label:
                by_label.setdefault((nfc(case.label), case.kind), case.id)
        for case in self.other.cases:
            carried = attrs.evolve(
                case,
                sources=tuple(moved.get(s, s) for s in case.sources),
                excerpts=tuple(
                    moved.get(e, e) for e in case.excerpts if _held(merged, moved.get(e, e))
                ),
                codes=tuple(moved.get(c, c) for c in case.codes),
                values=_revalued(case.values, moved),
            )
            kept = case.id if case.id in current else by_label.get((nfc(case.label), case.kind))
            if kept is None:
                current[case.id] = self.builder.add(carried)
                continue
            if kept != case.id:
                self.notes.append(f"case {case.label!r} of {self.label} matched by label")
                matched[case.id] = kept
            mine = current[kept]
            fields = ("label", "kind", "real_name", "description")
            changed = _changed(mine, case, fields)
            self._differs("case", mine.label or str(mine.id), mine, case, changed)
            shown = mine.label or str(mine.id)
            changes = {
                "sources": _union(mine.sources, carried.sources),
                "excerpts": _union(mine.excerpts, carried.excerpts),
                "codes": _union(mine.codes, carried.codes),
                "values": self._values("case", shown, mine, carried.values),
            }
            current[kept] = self._gain(mine, changes)
        return matched

    def relations(self, moved: dict[UUID, UUID]) -> None:
        """The links, sets and graphs of ``other``, pointing where the merge put what they
        name. A link to an object the merged project does not hold is left out; a set or a
        graph keeps what it can (a vertex for a missing object stays, standing for nothing);
        the notes count each. A link is matched by id, else by its ends and name; a set by
        id, else by name (as copies built apart have them). A set both hold gains the
        other's members; a link, a set's name and description, or a graph that differs is a
        conflict, the first kept."""
        merged = self.builder.build()
        by_ends: dict[tuple[str | None, UUID | None, UUID | None], Link] = {}
        for known in self.base.links:
            by_ends.setdefault((nfc(known.name), known.origin, known.target), known)
        sets = {group.id: group for group in self.base.sets}
        by_name: dict[str, UUID] = {}
        for group in self.base.sets:
            if group.name:
                by_name.setdefault(nfc(group.name), group.id)

        def where(ref: UUID | None) -> UUID | None:
            return None if ref is None else _held(merged, moved.get(ref, ref))

        def same(ref: UUID | None, there: UUID | None) -> UUID | None:
            """What ``ref`` is compared as: an object added apart (another text under the
            same id) as the one it was added apart from."""
            return ref if there in self.brought_in else there

        def placed(items: tuple[_Drawn, ...], compared: bool = False) -> tuple[_Drawn, ...]:
            """Vertices or edges standing for what the merge put where they stood for
            (``compared``: as `same` compares it)."""
            found = []
            for item in items:
                there = where(item.represents)
                found.append(
                    attrs.evolve(
                        item, represents=same(item.represents, there) if compared else there
                    )
                )
            return tuple(found)

        for link in self.other.links:
            mine = _own(self.base, Link, link.id)
            origin, target = where(link.origin), where(link.target)
            if (origin is None) != (link.origin is None) or (target is None) != (
                link.target is None
            ):
                self.notes.append(
                    f"link {link.name or str(link.id)!r} of {self.label} not "
                    "merged: it names an object the merge does not hold"
                )
                continue
            carried = attrs.evolve(link, origin=origin, target=target)
            if not isinstance(mine, Link):
                mine = by_ends.get((nfc(link.name), origin, target))
                if mine is None:
                    self.builder.add(carried)
                    continue
                self.notes.append(f"link {link.name or str(link.id)!r} of {self.label} matched "
                                  "by its ends and name")  # fmt: skip
                moved[link.id] = mine.id
            compared = attrs.evolve(
                carried, origin=same(link.origin, origin), target=same(link.target, target)
            )
            changed = _changed(mine, compared, ("name", "origin", "target", "direction", "color"))
            self._differs("link", mine.name or str(mine.id), mine, compared, changed)
            memos = _union(mine.note_refs, link.note_refs)
            if memos != mine.note_refs:
                self.builder.update(mine, note_refs=memos)
        for group in self.other.sets:
            codes, sources, notes = (
                tuple(m for m in map(where, refs) if m is not None)
                for refs in (group.codes, group.sources, group.notes)
            )
            named = len(group.codes) + len(group.sources) + len(group.notes)
            self._lost("set", group, named - len(codes) - len(sources) - len(notes))
            kept = group.id if group.id in sets else by_name.get(nfc(group.name) or "")
            if kept is None:
                self.builder.add(attrs.evolve(group, codes=codes, sources=sources, notes=notes))
                continue
            if kept != group.id:
                self.notes.append(f"set {group.name!r} of {self.label} matched by name")
                moved[group.id] = kept
            held_set = sets[kept]
            changed = _changed(held_set, group, ("name", "description"))
            self._differs("set", held_set.name or str(held_set.id), held_set, group, changed)
            joined = {
                "codes": _union(held_set.codes, codes),
                "sources": _union(held_set.sources, sources),
                "notes": _union(held_set.notes, notes),
            }
            sets[kept] = self._gain(held_set, joined)
        if self.other.graphs:  # a vertex or edge may stand for a link or set just added
            merged = self.builder.build()
        for graph in self.other.graphs:
            vertices, edges = placed(graph.vertices), placed(graph.edges)
            redrawn = attrs.evolve(graph, vertices=vertices, edges=edges)
            drawn = _own(self.base, Graph, graph.id)
            if drawn is not None:
                as_drawn = attrs.evolve(
                    graph, vertices=placed(graph.vertices, True), edges=placed(graph.edges, True)
                )
                changed = _changed(drawn, as_drawn, ("name", "vertices", "edges"))
                self._differs("graph", drawn.name or str(drawn.id), drawn, as_drawn, changed)
                continue
            self._lost(
                "graph",
                graph,
                sum(v.represents is None for v in vertices)
                + sum(e.represents is None for e in edges)
                - sum(v.represents is None for v in graph.vertices)
                - sum(e.represents is None for e in graph.edges),
            )
            self.builder.add(redrawn)

    def examples(self, moved: dict[UUID, UUID]) -> None:
        """The examples of the codes ``other`` added quoting the excerpts where the merge
        put them (``moved``: ``other``'s ids the merged project knows by another)."""
        merged = self.builder.build()
        for code in self.other.codes:
            if _own(self.base, Code, code.id) is not None or _own(merged, Code, code.id) is None:
                continue  # matched: the merge keeps the first input's examples
            quoted = tuple(
                attrs.evolve(e, excerpt=moved.get(e.excerpt, e.excerpt)) if e.excerpt else e
                for e in code.examples
            )
            if quoted != code.examples:
                self.builder.update(code.id, examples=quoted)

    def _variable_name(self, variable: UUID) -> str:
        """The name of the merged project's variable ``variable``."""
        for project in (self.base, self.other):
            found = _own(project, Variable, variable)
            if found is not None:
                return found.name
        found = _own(self.builder.build(), Variable, variable)  # added apart, under a new id
        return found.name if found is not None else str(variable)

    def _gain(self, held: _Held, joined: dict[str, Any]) -> _Held:
        """``held`` with the fields in ``joined`` (what it gains from this input), put in
        the builder where any differs."""
        if all(getattr(held, field) == value for field, value in joined.items()):
            return held
        return self.builder.update(held, **joined)

    def _place(self, there: UUID | None) -> str:
        """What a conflict says of a code or theme that sits under ``there`` (the merged
        project's id of its parent in this input) rather than where the merge keeps it."""
        if there is None:
            return "place (at the top there)"
        merged = self.builder.build()
        above = _own(merged, Code, there) or _own(merged, Theme, there)
        title = merged.path(above) if above is not None else None
        return f"place (under {title or str(there)!r} there)"

    def _lost(self, kind: str, named: Set | Graph, count: int) -> None:
        if count:
            self.notes.append(
                f"{kind} {named.name or str(named.id)!r} of {self.label}: "
                f"{count} member(s) name objects the merge does not hold; left "
                "out" + (" (each vertex stays, standing for nothing)" if kind == "graph" else "")
            )

    def _differs(
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
            fields, said = [*fields, "parent"], [*said, self._place(parent)]
            ours, other = [*ours, mine.parent], [*other, parent]
        if fields:
            kept = self._first(mine.id)
            text = (f"{kind} {shown!r} differs in {self.label}: {', '.join(said)}; kept the "
                    f"version in {kept}")  # fmt: skip
            found = (kind, mine.id, shown, tuple(fields), tuple(ours), tuple(other))
            self.conflicts.append(MergeConflict(*found, kept, self.label, text))

    def _first(self, id: UUID) -> str:
        """The label of the input whose version of the object with ``id`` is kept: the one
        that brought it under a new id, else the first holding it."""
        return self.brought_in.get(id) or next(
            (label for project, label in self.earlier if project.get(id) is not None),
            self.earlier[0][1],
        )


_NAMES = ("name", "label")
"""The fields a conflict gives with the other input's value."""


def _held(project: Project, ref: UUID) -> UUID | None:
    return ref if project.get(ref) is not None else None


def _said(value: object) -> str:
    return "none" if value is None else repr(value)


def _changed(mine: Any, theirs: Any, fields: Sequence[str]) -> list[str]:
    """The ``fields`` in which two versions of one object differ (text in either Unicode
    form being the same)."""
    return [field for field in fields if nfc(getattr(mine, field)) != nfc(getattr(theirs, field))]


def _revalued(
    values: tuple[VariableValue, ...], variables: dict[UUID, UUID]
) -> tuple[VariableValue, ...]:
    """``values`` with their variables as the merged project knows them."""
    return tuple(
        attrs.evolve(value, variable=variables[value.variable])
        if value.variable in variables
        else value
        for value in values
    )


def _recoded(
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
    another id is the same coding (`_together` joins its references)."""
    refs = {(coding.code, coding.coder): set(coding.note_refs) for coding in holder.codings}
    fresh = []
    for coding in codings:
        had = refs.get((codes.get(coding.code, coding.code), coding.coder))
        if had is None or not set(coding.note_refs) <= had:
            fresh.append(coding)
    return tuple(fresh)


def _together(kept: tuple[Coding, ...], added: Sequence[Coding]) -> tuple[Coding, ...]:
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
                joined[n], note_refs=_union(joined[n].note_refs, coding.note_refs)
            )
    return tuple(joined)


def _joined(kept: tuple[Excerpt, ...], added: list[Excerpt]) -> tuple[Excerpt, ...]:
    """``kept`` with ``added`` put in: an excerpt with the same id and kind of anchor (at
    the same anchor: the caller gave the others new ids) gets the other's codings and memo
    references."""
    by_id = {_twin_key(e): e for e in kept}
    extra: list[Excerpt] = []
    for excerpt in added:
        same = by_id.get(_twin_key(excerpt))
        if same is None:
            extra.append(excerpt)
        else:
            by_id[_twin_key(same)] = attrs.evolve(
                same,
                codings=_together(same.codings, excerpt.codings),
                note_refs=_union(same.note_refs, excerpt.note_refs),
            )
    return (*by_id.values(), *extra)


def _free(name: str, taken: Mapping[str, object]) -> str:
    """``name``, or where ``taken`` holds it (in either Unicode form), ``name 2``, ``name 3``
    ..., the first it does not hold."""
    found, n = name, 1
    while nfc(found) in taken:
        n += 1
        found = f"{name} {n}"
    return found


def _twin_key(excerpt: Excerpt) -> tuple[UUID, type]:
    """What tells an excerpt apart in a source: its id and its anchor's kind (ATLAS.ti
    gives a PDF quotation's region and its text span one id; `validate` warns of it)."""
    return excerpt.id, type(excerpt.anchor)


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


def _excerpt_codings(holder: Note) -> list[Coding]:
    return [coding for excerpt in holder.excerpts for coding in excerpt.codings]


def _union(first: tuple[UUID, ...], then: tuple[UUID, ...]) -> tuple[UUID, ...]:
    """``first``, then what ``then`` adds, each once."""
    return tuple(dict.fromkeys((*first, *then)))
