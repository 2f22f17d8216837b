"""Three-way merge of codebooks: two versions (ours, theirs) made from one base.

Each code, theme and metadata field is merged on its own: a change made on one side only is
taken, the same change made on both sides is taken once, and lists (criteria, examples, a
theme's codes, authors, the change log) take the additions and removals of both sides. What
cannot be merged is a `Conflict`: a field changed two ways, a code removed on one side and
changed (renamed, moved, redefined) on the other, a code removed on one side and added to a
theme on the other, a code moved or added under a parent the other side removed, and a
parent cycle made by two moves. Every conflict is written into the merged codebook for a
person to resolve: a text field holds both versions between ``<<<<<<< ours`` /
``=======`` / ``>>>>>>> theirs`` lines, any other field keeps ours, a removed code the
other side changed or added to a theme is kept, as is a removed parent, and the change log
gets one ``Merge conflict (KIND) ...`` entry per conflict.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Any, TypeVar
from uuid import UUID

import attrs
from attrs import frozen

from qcode._codebooks._align import Match, aligned, as_codebook
from qcode._codebooks._diff import show
from qcode._model import Code, Codebook, CodebookChange, Example, Project, Theme
from qcode._model._document import METADATA
from qcode._model._lookup import nfc, paths_of

_T = TypeVar("_T", Code, Theme)
_K = TypeVar("_K", bound=Hashable)
_LISTS = frozenset(
    (
        "when_to_use",
        "when_not_to_use",
        "examples",
        "note_refs",
        "codes",
        "authors",
        "removes",
        "changes",
    )
)
_TEXTS = frozenset(("brief_definition", "full_definition", "description"))


@frozen(kw_only=True)
class Conflict:
    """A change the merge could not make on its own.

    Fields:

    - ``kind``: ``field`` (changed two ways), ``removed-changed`` (removed on one side,
      changed on the other), ``removed-member`` (a code removed on one side and added to a
      theme on the other; ``field`` is ``themes``), ``parent-removed`` (moved or added
      under a code the other side removed), ``cycle`` (two moves that together make a code
      its own ancestor), ``twin-path`` (two codes the merge puts on one path; ``ours`` and
      ``theirs`` are their ids).
    - ``path``: the code's path in the merged codebook, a theme's name or the codebook's.
    - ``id``: the code's or theme's id (``None`` for the codebook's metadata).
    - ``field``: the field in conflict, if one is (for ``removed-changed``, the fields the
      side that kept it changed).
    - ``base``, ``ours``, ``theirs``: its value in each version (``None``: absent; a parent
      as its path).
    """

    kind: str
    path: str
    id: UUID | None = None
    field: str | None = None
    base: Any = None
    ours: Any = None
    theirs: Any = None

    def __str__(self) -> str:
        field = f" {self.field}" if self.field else ""
        if self.kind in ("removed-changed", "removed-member"):
            removed, kept = ("ours", "theirs") if self.ours is None else ("theirs", "ours")
            done, taken = (
                (f"its{field} changed", "kept, changed")
                if self.kind == "removed-changed"
                else ("added to a theme", "kept")
            )
            return (
                f"conflict ({self.kind}) {self.path}: removed in {removed}, {done} in {kept} "
                f"({taken})"
            )
        shown = _with_note if self.field == "examples" else show
        return (
            f"conflict ({self.kind}) {self.path}{field}: ours {shown(self.ours)}, "
            f"theirs {shown(self.theirs)}"
        )


def _with_note(example: Example | None) -> str:
    """An example as a conflict shows it: its note too, where two sides changed it."""
    if example is None or example.note is None:
        return show(example)
    return f"{show(example)} (note {show(example.note)})"


@frozen
class MergeResult:
    """A merged codebook and the conflicts written into it (none: a clean merge).

    Fields:

    - ``codebook``: the merged codebook, conflicts marked in it.
    - ``conflicts``: the `Conflict` s, in the order met.
    """

    codebook: Codebook
    conflicts: tuple[Conflict, ...]


def markers(ours: str | None, theirs: str | None) -> str:
    """Both versions of a text, between conflict markers, for a person to choose."""
    return f"<<<<<<< ours\n{ours or ''}\n=======\n{theirs or ''}\n>>>>>>> theirs"


def merge_codebooks(
    base: Codebook | Project,
    ours: Codebook | Project,
    theirs: Codebook | Project,
    *,
    match: Match = "id",
) -> MergeResult:
    """Merge ``ours`` and ``theirs``, two versions of ``base``. ``match="path"`` matches codes
    by path (themes by name) instead of by id. The merged codes follow ours' order, or
    theirs' where ours kept base's, with the other side's additions after them. A project
    given for any of the three stands for its codebook."""
    base = as_codebook(base, "base")
    ours, theirs = as_codebook(ours, "ours"), as_codebook(theirs, "theirs")
    ours, theirs = aligned(ours, base, match), aligned(theirs, base, match)
    merger = _Merger()
    members = (_joined(base.themes, ours.themes), _joined(base.themes, theirs.themes))
    codes = merger.items(base.codes, ours.codes, theirs.codes, members)
    codes = merger.restore_parents(codes, base.codes, ours.codes, theirs.codes)
    codes = merger.break_cycles(codes, base.codes, ours.codes)
    merger.twins(codes, ours.codes, base.codes)
    known = {code.id for code in codes}
    was = {theme.id: theme.codes for theme in base.themes}
    listed = _listed(ours) | _listed(theirs)
    themes = [
        attrs.evolve(t, codes=_members(t, was.get(t.id, ()), known, merger.kept, listed))
        for t in merger.items(base.themes, ours.themes, theirs.themes)
    ]
    themes = merger.restore_parents(themes, base.themes, ours.themes, theirs.themes)
    merger.twins(themes, ours.themes, base.themes)
    meta = merger.fields(base, ours, theirs, METADATA, None)
    merged = attrs.evolve(ours, **meta, codes=tuple(codes), themes=tuple(themes))
    conflicts = tuple(merger.located(c, merged) for c in merger.conflicts)
    notes = tuple(CodebookChange(text=f"Merge {c}") for c in conflicts)
    return MergeResult(attrs.evolve(merged, changes=(*merged.changes, *notes)), conflicts)


def _members(
    theme: Theme,
    base: tuple[UUID, ...],
    known: set[UUID],
    kept: set[UUID],
    listed: set[tuple[UUID, UUID]],
) -> tuple[UUID, ...]:
    """A merged theme's codes: those still in the codebook, and the base's members among the
    codes a conflict kept (one side removed them, and their memberships with them) where the
    side that kept a code still lists it in the theme (`_listed`)."""
    merged = theme.codes
    back = (c for c in base if c in kept and c not in merged and (theme.id, c) in listed)
    return tuple(c for c in (*merged, *back) if c in known)


def _listed(side: Codebook) -> set[tuple[UUID, UUID]]:
    """Each theme and code of ``side`` that lists the code, for the codes it holds."""
    held = {code.id for code in side.codes}
    return {(theme.id, code) for theme in side.themes for code in theme.codes if code in held}


def _joined(base: tuple[Theme, ...], side: tuple[Theme, ...]) -> set[UUID]:
    """The codes ``side`` added to a theme (one the base held or a new one)."""
    was = {theme.id: set(theme.codes) for theme in base}
    return {code for theme in side for code in theme.codes if code not in was.get(theme.id, ())}


def _merge_list(
    base: tuple[Any, ...], ours: tuple[Any, ...], theirs: tuple[Any, ...]
) -> tuple[Any, ...]:
    """Ours' items but those theirs removed, then theirs' additions."""
    kept = [item for item in ours if item in theirs or item not in base]
    return (*kept, *(item for item in theirs if item not in base and item not in ours))


class _Merger:
    """Merges items field by field, collecting conflicts (located at the end, when the
    merged paths are known)."""

    def __init__(self) -> None:
        self.conflicts: list[Conflict] = []
        self.kept: set[UUID] = set()
        """Codes and themes one side removed that a conflict kept."""

    def _conflict(self, kind: str, **fields: Any) -> None:
        """Record a conflict (its path is found when the merged paths are known)."""
        self.conflicts.append(Conflict(kind=kind, path="", **fields))

    def value(self, field: str, base: Any, ours: Any, theirs: Any, where: UUID | None) -> Any:
        if ours == theirs or theirs == base:
            return ours
        if ours == base:
            return theirs
        if field == "examples":
            return self.examples(base or (), ours, theirs, where)
        if field in _LISTS:
            return _merge_list(base or (), ours, theirs)
        self._conflict(kind="field", id=where, field=field, base=base, ours=ours, theirs=theirs)
        if field in _TEXTS:
            return markers(ours, theirs)
        return ours

    def examples(
        self,
        base: tuple[Example, ...],
        ours: tuple[Example, ...],
        theirs: tuple[Example, ...],
        where: UUID | None,
    ) -> tuple[Example, ...]:
        """Examples matched by text and excerpt, as diffs match them, each merged field by
        field (one side's new kind and the other's new note are both taken); a side that
        gives one text of one excerpt twice is merged as a list of values."""
        given = (base, ours, theirs)
        b, o, t = ({(e.text, e.excerpt): e for e in side} for side in given)
        if (len(b), len(o), len(t)) != tuple(map(len, given)):
            return _merge_list(base, ours, theirs)
        merged = []
        for key in _order(list(b), list(o), list(t)):
            before, mine, other = b.get(key), o.get(key), t.get(key)
            if mine is not None and other is not None:
                merged.append(self._example(before, mine, other, where))
                continue
            present = mine if other is None else other
            if present is None or present == before:
                continue  # removed on both sides, or on one and left alone on the other
            if before is not None:  # removed on one side, changed on the other: kept
                self._example_conflict(before, mine, other, where)
            merged.append(present)
        return tuple(merged)

    def _example(
        self, before: Example | None, mine: Example, other: Example, where: UUID | None
    ) -> Example:
        if mine == other or other == before:
            return mine
        if mine == before:
            return other
        fields: dict[str, Any] = {}
        clash = False
        for name in ("kind", "note"):
            was, ours, theirs = (getattr(e, name, None) for e in (before, mine, other))
            if ours == theirs or theirs == was:
                fields[name] = ours
            elif ours == was:
                fields[name] = theirs
            else:  # changed two ways: a note gets both between markers, a kind ours
                fields[name] = markers(ours, theirs) if name == "note" else ours
                clash = True
        if clash:
            self._example_conflict(before, mine, other, where)
        return attrs.evolve(mine, **fields)

    def _example_conflict(
        self,
        before: Example | None,
        mine: Example | None,
        other: Example | None,
        where: UUID | None,
    ) -> None:
        self._conflict(
            kind="field",
            id=where,
            field="examples",
            base=before,
            ours=mine,
            theirs=other,
        )

    def fields(
        self, base: Any, ours: Any, theirs: Any, names: Iterable[str], where: UUID | None
    ) -> dict[str, Any]:
        return {
            name: self.value(
                name, getattr(base, name, None), getattr(ours, name), getattr(theirs, name), where
            )
            for name in names
        }

    def items(
        self,
        base: Iterable[_T],
        ours: Iterable[_T],
        theirs: Iterable[_T],
        members: tuple[set[UUID], set[UUID]] = (set(), set()),
    ) -> list[_T]:
        """The items of both sides merged, in `_order`; ``members`` are the codes ours and
        theirs added to a theme, which the other side's removal does not take away."""
        b, o, t = ({item.id: item for item in side} for side in (base, ours, theirs))
        merged: dict[UUID, _T] = {}
        for key in _order(list(b), list(o), list(t)):
            before, mine, other = b.get(key), o.get(key), t.get(key)
            if mine is None and other is None:
                continue
            if mine is None or other is None:
                present = mine if other is None else other
                assert present is not None
                if before is None:
                    merged[key] = present
                elif present != before or key in members[mine is None]:
                    # removed on one side; changed, or made a theme's member, on the other
                    changed = [
                        f.name
                        for f in attrs.fields(type(present))
                        if getattr(present, f.name) != getattr(before, f.name)
                    ]
                    kind = "removed-changed" if changed else "removed-member"
                    field = ", ".join(changed) if changed else "themes"
                    self._conflict(kind, id=key, field=field, base=before, ours=mine, theirs=other)
                    merged[key] = present
                    self.kept.add(key)
                continue
            names = [f.name for f in attrs.fields(type(mine)) if f.name != "id"]
            merged[key] = attrs.evolve(mine, **self.fields(before, mine, other, names, key))
        return list(merged.values())

    def restore_parents(
        self, merged: list[_T], base: Iterable[_T], ours: Iterable[_T], theirs: Iterable[_T]
    ) -> list[_T]:
        """``merged`` with each parent one side removed and the other still points at (by
        a move or an addition) put back, as a conflict."""
        base = list(base)
        where = {item.id: item for side in (base, theirs, ours) for item in side}
        was = {item.id: item.parent for item in base}
        mine = {item.id: item for item in ours}
        present = {item.id for item in merged}
        put_back: set[UUID] = set()
        pending = list(reversed(merged))
        while pending:
            item = pending.pop()
            parent = item.parent
            if parent is None or parent not in where:
                continue
            if parent in present and parent not in put_back:
                continue
            if parent not in present:  # each removed parent put back once
                restored = where[parent]
                present.add(parent)
                put_back.add(parent)
                self.kept.add(parent)
                merged.append(restored)
                pending.append(restored)
            by_ours = parent in mine  # a conflict for each code under it, in merged order
            self._conflict(
                kind="parent-removed",
                id=item.id,
                field="parent",
                base=was.get(item.id),
                ours=parent if by_ours else None,
                theirs=None if by_ours else parent,
            )
        return merged

    def break_cycles(
        self, merged: list[Code], base: Iterable[Code], ours: Iterable[Code]
    ) -> list[Code]:
        """``merged`` with each parent cycle the two sides' moves made together undone by
        giving a code in it ours' parent (a conflict)."""
        mine = {code.id: code.parent for code in ours}
        was = {code.id: code.parent for code in base}
        by_id = {code.id: code for code in merged}
        for start in list(by_id):
            seen: list[UUID] = []
            current: UUID | None = start
            while current is not None and current in by_id and current not in seen:
                seen.append(current)
                current = by_id[current].parent
            if current is None or current not in seen:
                continue
            cycle = seen[seen.index(current) :]
            moved = next(
                (c for c in cycle if by_id[c].parent != mine.get(c, by_id[c].parent)), None
            )
            if moved is None:
                continue  # a cycle ours holds already: not the merge's doing
            code = by_id[moved]
            self._conflict(
                kind="cycle",
                id=moved,
                field="parent",
                base=was.get(moved),
                ours=mine[moved],
                theirs=code.parent,
            )
            by_id[moved] = attrs.evolve(code, parent=mine[moved])
        return [by_id[code.id] for code in merged]

    def twins(self, codes: list[_T], ours: tuple[_T, ...], base: tuple[_T, ...]) -> None:
        """A conflict for each code (or theme) the merge puts on another's path (each side
        added one there, or one side re-added one the other kept): two of one path cannot be
        told apart, so a person chooses. Both are kept; ``ours`` and ``theirs`` give their
        ids. Paths are compared whole (a ``/`` in a name can make two one), and twins the
        base held already on one path are no conflict of this merge."""
        mine = paths_of(ours, {code.id: code for code in ours})  # where ours put each
        now = paths_of(codes, {code.id: code for code in codes})
        was = paths_of(base, {code.id: code for code in base})
        seen: dict[str, _T] = {}
        for code in codes:
            first = seen.setdefault(nfc(now[code.id]), code)
            held = first.id in was and code.id in was and nfc(was[first.id]) == nfc(was[code.id])
            if first is not code and not held:
                by_ours = nfc(mine.get(first.id, "")) == nfc(now[first.id])
                ours_code, theirs_code = (first, code) if by_ours else (code, first)
                self._conflict(
                    kind="twin-path",
                    id=code.id,
                    field="id",
                    ours=ours_code.id,
                    theirs=theirs_code.id,
                )

    def located(self, conflict: Conflict, merged: Codebook) -> Conflict:
        """``conflict`` with its path in the merged codebook, and parents as paths."""
        codes = {code.id for code in merged.codes}
        project = merged.as_project()
        themes = {theme.id: project.path(theme) for theme in merged.themes}

        def named(value: Any) -> Any:
            if isinstance(value, UUID) and value in codes:
                return merged.path(value)
            return themes.get(value, value) if isinstance(value, UUID) else value

        if conflict.id is None:
            path = merged.name
        elif conflict.id in codes:
            path = merged.path(conflict.id)
        else:
            path = themes.get(conflict.id, str(conflict.id))
        if conflict.field == "parent":
            return attrs.evolve(
                conflict,
                path=path,
                base=named(conflict.base),
                ours=named(conflict.ours),
                theirs=named(conflict.theirs),
            )
        return attrs.evolve(conflict, path=path)


def _order(base: list[_K], ours: list[_K], theirs: list[_K]) -> list[_K]:
    """Ours' order, or theirs' where ours kept base's; then the other side's, then base's."""
    first, second = (theirs, ours) if ours == base else (ours, theirs)
    return list(dict.fromkeys((*first, *second, *base)))
