"""What a `ProjectBuilder` holds, and how a reference finds it there.

The builder keeps the project's objects as they stand, by id (`Parts`); an excerpt or a
coding is found through the source or excerpt holding it. A reference is an object from
any version of the project, its id or the id's text, or text that names it: a code by path
or name, a source, theme or user by name, a case by label.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast
from uuid import UUID

import attrs

from qcode._builder._cascade import Parts
from qcode._issues import AmbiguousNameError, NotFoundError
from qcode._model import (
    Case,
    Code,
    Coding,
    Excerpt,
    Graph,
    Link,
    Note,
    Project,
    Set,
    Source,
    Theme,
    User,
    Variable,
)
from qcode._model._lookup import GUID, closest, ids_once, named, same_text, suggested

Ref = UUID | User | Variable | Case | Code | Theme | Source | Excerpt | Note | Link | Set | Coding
"""What a builder method takes for an object: the object (any version of it) or its id."""
NAMED = (Code, Source, Case, Theme, User, Note)
"""The kinds that text names (by path, name or label) wherever a method takes them."""
_T = TypeVar("_T")
_P = ParamSpec("_P")
_H = TypeVar("_H", bound="Holdings")


def id_of(ref: Ref | str) -> UUID:
    """The id of an object, or an id given as a `UUID` or as its text."""
    if isinstance(ref, UUID):
        return ref
    if isinstance(ref, str):
        try:
            return UUID(ref)
        except ValueError:
            raise NotFoundError(f"{ref!r} is not an id") from None
    return ref.id


def gives_back_ids(
    method: Callable[Concatenate[_H, _P], _T],
) -> Callable[Concatenate[_H, _P], _T]:
    """Make an adder give back the ids it made where it is refused, so that with an
    ``id_namespace`` the call that follows (a notebook cell run again after its error, say)
    gets the ids a builder that never saw the refusal would give."""

    @functools.wraps(method)
    def adding(self: _H, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        outer = self._made is None
        made = self._made = [] if self._made is None else self._made
        start = len(made)
        try:
            result = method(self, *args, **kwargs)
        except Exception:  # refused: it changed nothing (a Ctrl-C may have, so keeps them)
            for new, text, before in reversed(made[start:]):
                self._used_ids.discard(new)
                if text is not None:  # and the count of tries as it was
                    self._tries[text] = before
            raise
        else:  # a call within another that succeeded keeps its ids, whatever the outer does
            return result
        finally:
            del made[start:]
            if outer:
                self._made = None

    return adding


class Holdings:
    """The objects of the project being built, by id, and the look-ups every builder
    method makes; `ProjectBuilder` adds the ways to change them."""

    def __init__(self, project: Project, id_namespace: UUID | None) -> None:
        self._project = project
        self._namespace = id_namespace
        self._used_ids: set[UUID] = set()
        self._tries: dict[str, int] = {}
        """By the text an id is made from, the number of the last id made from it: the
        next starts there, not at 1 (10,000 excerpts at one place took minutes)."""
        self._made: list[tuple[UUID, str | None, int]] | None = None
        """The ids made by the addition under way, if any (see `gives_back_ids`)."""
        self._parts = Parts()
        self._owners: dict[UUID, UUID] | None = None
        """For each excerpt and coding, the source or excerpt holding it (made when first
        needed)."""

    def _hold(self, project: Project) -> None:
        """Hold ``project``'s objects as they stand (a builder made from it); refused if
        two objects of one collection share an id, as one of them would be lost."""
        held_once(project, "ProjectBuilder.from_project")
        self._project = project
        parts = self._parts
        for collection, name in zip(parts.collections(), COLLECTIONS, strict=True):
            items: tuple[Any, ...] = getattr(project, name)
            collection.update((item.id, item) for item in items)
        parts.note_refs = project.note_refs
        parts.audit = project.audit
        if self._namespace is not None:
            self._used_ids.update(self._all_ids())

    def _all_ids(self) -> Iterable[UUID]:
        for collection in self._parts.collections():
            yield from collection
        for source in self._parts.sources.values():
            yield from (coding.id for coding in source.codings)
            for excerpt in source.excerpts:
                yield excerpt.id
                yield from (coding.id for coding in excerpt.codings)

    def _new_id(self, kind: str, key: str) -> UUID:
        text, before = None, 1
        if self._namespace is None:
            new = uuid.uuid4()
        else:
            text = f"{kind}/{key}"
            n = before = self._tries.get(text, 1)
            new = uuid.uuid5(self._namespace, text if n == 1 else f"{text}/{n}")
            while new in self._used_ids:
                n += 1
                new = uuid.uuid5(self._namespace, f"{text}/{n}")
            self._tries[text] = n
        self._used_ids.add(new)
        if self._made is not None:
            self._made.append((new, text, before))
        return new

    def _code(self, code: Code | UUID | str) -> Code:
        """The builder's current version of a code given as itself, its id (or the id's
        text) or its path."""
        _check_type(code, (Code,))
        if isinstance(code, str):
            return Project(name="codes", codes=tuple(self._parts.codes.values())).code(code)
        return cast(Code, self._find(id_of(code), (Code,), code))

    def _current(self, ref: Any, kind: type[_T]) -> _T:
        """The builder's current version of ``ref`` (an object, an id or its text; a code
        also by path or name, a source, theme or user by name, a case by label), of
        ``kind``."""
        if kind is Code:
            return cast(_T, self._code(ref))
        if kind is Theme and isinstance(ref, str):  # by path or name, as the project finds it
            themes = tuple(self._parts.themes.values())
            return cast(_T, Project(name="themes", themes=themes).theme(ref))
        _check_type(ref, (kind,))
        if isinstance(ref, str) and kind in NAMED:  # an id, else a name
            return named(cast(dict[UUID, _T], collection_of(self._parts, kind)).values(), ref, kind)
        return cast(_T, self._find(id_of(ref), (kind,), ref))

    def _any(self, ref: Any, kinds: tuple[type, ...]) -> Any:
        """The builder's current object for ``ref``, of one of ``kinds``: an object, an id
        or its text, or what text that is no id names."""
        _check_type(ref, kinds)
        found = self._by_text(ref, kinds)
        if found is not None:
            return found
        if type(ref) in kinds:  # an object: looked for as what it is
            return self._find(ref.id, (type(ref),), ref)
        return self._find(id_of(ref), kinds)

    def _by_text(self, ref: Any, kinds: tuple[type, ...]) -> Any | None:
        """What text names (`_named`), or ``None`` where ``ref`` is no text or spells an id:
        one this builder has used, or one that names nothing (a source called like an id
        is found by that name)."""
        if not isinstance(ref, str):
            return None
        spells_id = GUID.match(ref) is not None
        if spells_id and UUID(ref) in self._used_ids:
            return None
        try:
            return self._named(ref, kinds)
        except NotFoundError:
            if spells_id:
                return None
            raise

    def _named(self, text: str, kinds: tuple[type, ...]) -> Any:
        """The one object of ``kinds`` that ``text`` names: a code by path or name, a
        source, theme or user by name, a case by label. Text naming objects of two kinds
        is refused, as is text naming none (with the one kind's own message where only
        one kind has names)."""
        tried = [kind for kind in NAMED if kind in kinds]
        found, missed = [], []
        for kind in tried:
            try:
                found.append(self._current(text, kind))
            except NotFoundError as error:
                missed.append(error)
        if len(found) == 1:
            return found[0]
        if found:
            what = " and a ".join(type(item).__name__.lower() for item in found)
            raise AmbiguousNameError(f"{text!r} names a {what}: pass the object or its id")
        for kind in (kind for kind in NAMED if kind not in kinds):
            try:
                self._current(text, kind)
            except (NotFoundError, AmbiguousNameError):
                continue
            raise NotFoundError(f"{text!r} names a {kind.__name__.lower()}, not "
                                f"{_kinds_text(kinds)}")  # fmt: skip
        if any(same_text(v.name, text) for v in self._parts.variables.values()):
            raise NotFoundError(f"{text!r} names a variable: pass the variable or its id")
        if len(missed) == 1:
            raise missed[0]
        hints = [hint for kind, hint in _HINTS.items() if kind in tried]
        raise NotFoundError(f"no {_kinds_text(tried, article=False)} is called {text!r}"
                            + (f" ({', '.join(hints)})" if hints else "")
                            + self._close(text, tried))  # fmt: skip

    def _close(self, text: str, kinds: Iterable[type]) -> str:
        """What to add to a miss among several ``kinds``: the objects of theirs whose name
        (a code's also its path) is closest to ``text``, each with its kind, a code by its
        path, and whether one of those names two objects (nothing when none is close)."""
        spellings: dict[str, list[str]] = {}
        typed: dict[str, str] = {}  # what each suggestion shows: the text that names it
        for kind in kinds:
            held = (collection_of(self._parts, kind) or {}).values()
            paths = Project(name="codes", codes=tuple(held)) if kind is Code else None
            for item in held:
                names = [getattr(item, field, None) for field in _NAME_FIELDS]
                name = paths.path(item) if paths is not None else next(filter(None, names), "")
                if paths is not None:
                    names.append(name)
                shown = f"{kind.__name__.lower()} {name!r}"
                typed[shown] = name
                for spelling in dict.fromkeys(filter(None, names)):
                    spellings.setdefault(spelling, []).append(shown)
        groups = closest(text, spellings)
        shared = any(
            len(spellings.get(typed[shown], ())) > 1 for group in groups for shown in group
        )
        return suggested(groups, shared)

    def _find(self, key: UUID, kinds: tuple[type, ...], given: Any = None) -> Any:
        """The builder's current object with id ``key``, of one of ``kinds``; the message
        names ``given``, where that is the object looked for (say, one removed since)."""
        for kind in kinds:
            collection = collection_of(self._parts, kind)
            if collection is not None:
                found = collection.get(key)
                if found is not None:
                    return found
            elif kind in (Excerpt, Coding):
                nested = self._nested(key)
                if isinstance(nested, kind):
                    return nested
        if type(given) in kinds:
            name = getattr(given, "name", None) or getattr(given, "label", None)
            shown = f" {name!r}" if isinstance(name, str) else ""
            raise NotFoundError(
                f"this builder holds no {type(given).__name__.lower()}{shown} with id {key}: "
                "it was removed, or never added"
            )
        if set(TYPES) <= set(kinds):  # looked for as any kind of object
            raise NotFoundError(f"this builder holds nothing with id {key}")
        names = " or ".join(kind.__name__.lower() for kind in kinds)
        raise NotFoundError(f"this builder holds no {names} with id {key}")

    def _nested(self, key: UUID) -> Excerpt | Coding | None:
        owner = self._owners_map().get(key)
        if owner is None:
            return None
        holder = self._parts.sources.get(owner) or self._nested(owner)
        if isinstance(holder, Source):
            inside: tuple[Excerpt | Coding, ...] = (*holder.excerpts, *holder.codings)
            return next((i for i in inside if i.id == key), None)
        if isinstance(holder, Excerpt):
            return next((c for c in holder.codings if c.id == key), None)
        return None

    def _owners_map(self) -> dict[UUID, UUID]:
        if self._owners is None:
            owners: dict[UUID, UUID] = {}
            for source in self._parts.sources.values():
                for coding in source.codings:
                    owners[coding.id] = source.id
                for excerpt in source.excerpts:
                    owners[excerpt.id] = source.id
                    for coding in excerpt.codings:
                        owners[coding.id] = excerpt.id
            self._owners = owners
        return self._owners

    def _put(self, changed: Any) -> None:
        """Put ``changed`` where the object with its id is."""
        collection = collection_of(self._parts, type(changed))
        if collection is not None:
            collection[changed.id] = changed
            if isinstance(changed, Source) and self._owners is not None:
                for excerpt in changed.excerpts:
                    self._owners[excerpt.id] = changed.id
                    self._owners.update((c.id, excerpt.id) for c in excerpt.codings)
                self._owners.update((c.id, changed.id) for c in changed.codings)
            return
        holder = (
            self._nested(self._owners_map()[changed.id])
            or self._parts.sources[self._owners_map()[changed.id]]
        )
        for field in ("excerpts", "codings"):
            items = getattr(holder, field, ())
            if any(item.id == changed.id for item in items):
                replaced: dict[str, Any] = {
                    field: tuple(changed if item.id == changed.id else item for item in items)
                }
                self._put(attrs.evolve(holder, **replaced))
                return


_HELD = "a changed project's objects are held by id"


def held_once(project: Project, where: str) -> None:
    """Refuse ``project`` (``where`` opens the message) if two objects of one collection
    share an id: a builder made from it (`ProjectBuilder.from_project`) would keep one."""
    for name in COLLECTIONS:
        items: tuple[Any, ...] = getattr(project, name)
        if len({item.id for item in items}) != len(items):
            ids_once(items, name, where, _HELD)


COLLECTIONS = ("users", "variables", "cases", "codes", "themes", "sources", "notes", "links",
                "sets", "graphs")  # fmt: skip
TYPES = (User, Variable, Case, Code, Theme, Source, Note, Link, Set, Graph)


_HINTS = {Code: "a code by path or name", Case: "a case by label"}
"""How text names the kinds not found by name alone."""
_NAME_FIELDS = ("name", "label", "login")
"""The fields by which text names an object (a case by label, a user by name or login)."""


def _kinds_text(kinds: Iterable[type], article: bool = True) -> str:
    """``(Code, Theme, Source)`` as "a code, theme or source" (without ``article``: "code,
    theme or source"); "an excerpt", but "a user"."""
    *others, last = (kind.__name__.lower() for kind in kinds)
    named = f"{', '.join(others)} or {last}" if others else last
    if not article:
        return named
    return ("an " if named[0] in "aeio" else "a ") + named


def _check_type(ref: Any, kinds: tuple[type, ...]) -> None:
    """Refuse a model object of another kind than ``kinds`` (ids and text are looked up)."""
    if isinstance(ref, (str, UUID, *kinds)):
        return
    shown = getattr(ref, "name", None) or getattr(ref, "label", None)
    given = type(ref).__name__ + (f" {shown!r}" if isinstance(shown, str) else "")
    raise TypeError(f"expected {_kinds_text(kinds)} (or its id), not {given}")


def collection_of(parts: Parts, kind: type) -> dict[UUID, Any] | None:
    """The collection of ``parts`` that holds objects of ``kind`` (none for excerpts and
    codings, which their holders hold)."""
    for each, collection in zip(TYPES, parts.collections(), strict=True):
        if kind is each:
            return collection
    return None
