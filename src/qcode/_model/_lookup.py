"""Finding things in a project: by id, by name or code path, and along its hierarchies.

A project is immutable, so its index is built once, on the first look-up, and kept.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from qcode._issues import AmbiguousNameError, NotFoundError
from qcode._model._cases import Case
from qcode._model._codebook import Code, Theme, in_tree_order, walk_down
from qcode._model._common import User
from qcode._model._relations import Note
from qcode._model._sources import Excerpt, Source

if TYPE_CHECKING:
    from qcode._model._project import Project

GUID = re.compile(
    r"\{?[0-9A-Fa-f]{8}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{4}-?[0-9A-Fa-f]{12}\}?\Z"
)
"""Text that is a UUID (with or without dashes and braces)."""
_T = TypeVar("_T")
_V = TypeVar("_V")
SEPARATOR = "/"
"""Between the names of a code path: ``"Findings/The toll"``."""


class Index:
    """Every object of a project by id, and the maps the look-ups need."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.code_children: dict[UUID | None, list[Code]] = defaultdict(list)
        for code in project.codes:
            self.code_children[code.parent].append(code)
        self.theme_children: dict[UUID | None, list[Theme]] = defaultdict(list)
        for theme in project.themes:
            self.theme_children[theme.parent].append(theme)
        self.codes_by_id = {code.id: code for code in reversed(project.codes)}
        self.paths = paths_of(project.codes, self.codes_by_id)

    @cached_property
    def by_id(self) -> dict[UUID, Any]:
        """Every object by id, the first of each id in the project's field order; built on
        the first look-up by id, since a code's look-ups do not need it."""
        project = self.project
        by_id: dict[UUID, Any] = {}
        groups: Iterable[Iterable[Any]] = (
            project.users,
            project.variables,
            project.cases,
            project.codes,
            project.themes,
            project.sources,
            project.notes,
            project.links,
            project.sets,
            project.graphs,
        )
        for group in groups:
            for item in group:
                by_id.setdefault(item.id, item)
        for source in project.sources:
            for coding in source.codings:
                by_id.setdefault(coding.id, coding)
            for excerpt in source.excerpts:
                by_id.setdefault(excerpt.id, excerpt)
                for coding in excerpt.codings:
                    by_id.setdefault(coding.id, coding)
        return by_id

    @cached_property
    def by_kind(self) -> dict[tuple[type, UUID], Any]:
        """Every top-level object (user, variable, case, code, theme, source, note, link,
        set, graph) by its kind and id, the first of each: where two kinds share an id
        (ATLAS.ti's do), each is found as what it is."""
        project = self.project
        found: dict[tuple[type, UUID], Any] = {}
        for group in (project.users, project.variables, project.cases, project.codes,
                      project.themes, project.sources, project.notes, project.links,
                      project.sets, project.graphs):  # fmt: skip
            for item in group:
                found.setdefault((type(item), item.id), item)
        return found

    @cached_property
    def theme_paths(self) -> dict[UUID, str]:
        """Each theme's names from the top down, joined by ``/``, by the theme's id."""
        by_id = {theme.id: theme for theme in reversed(self.project.themes)}
        return paths_of(self.project.themes, by_id)

    def code(self, key: Code | UUID | str) -> Code:
        """The project's code given as itself (any version of it), its id, its path or its
        name (unique names only)."""
        if isinstance(key, Code):
            key = key.id
        if isinstance(key, str) and GUID.match(key) and UUID(key) in self.codes_by_id:
            key = UUID(key)
        if isinstance(key, UUID):
            found = self.codes_by_id.get(key)
            if found is None:
                raise NotFoundError(f"no code has id {key}")
            return found
        if not isinstance(key, str):
            raise TypeError(f"a code is looked up by id, path or name, not {type(key).__name__}")
        matches = self._by_path_or_name(key)
        if not matches:
            spellings: dict[str, list[str]] = {path: [path] for path in self.paths.values()}
            for code in self.project.codes:
                if code.name:
                    spellings.setdefault(code.name, []).append(self.paths[code.id])
            if GUID.match(key):  # an id, most likely, of a code this project lacks
                raise NotFoundError(f"no code has id {UUID(key)}, nor the path or name {key!r}")
            shown = known_names(key, self.paths.values(), "codes", spellings)
            raise NotFoundError(f"no code has the path or name {key!r}{shown}")
        if len(matches) > 1:
            paths = [self.paths[c.id] for c in matches]
            shown = ", ".join(
                repr(path) if paths.count(path) == 1 else f"{path!r} (id {c.id})"
                for path, c in zip(paths, matches, strict=True)
            )
            raise AmbiguousNameError(f"{len(matches)} codes are called {key!r}: {shown}")
        return matches[0]

    def _by_path_or_name(self, key: str) -> list[Code]:
        """The codes whose path is ``key``, else those whose name is; failing both, the same
        once names are in one Unicode form (NFC)."""
        codes = self.project.codes
        for same in (key.__eq__, lambda text: same_text(text, key)):
            found = [c for c in codes if same(self.paths[c.id])] or [
                c for c in codes if same(c.name)
            ]
            if found:
                return found
        return []

    def theme(self, key: Theme | UUID | str) -> Theme:
        """The project's theme given as itself (any version of it), its id, its path (the
        tables' ``theme_path``: ``Top/Sub``) or its (unique) name."""
        if isinstance(key, str) and GUID.match(key) is None:
            paths = self.theme_paths  # by path first, as codes are (a top one's is its name)
            at_path = [t for t in self.project.themes if same_text(paths[t.id], key)]
            if len(at_path) == 1:
                return at_path[0]
            if len(at_path) > 1 and not any(same_text(t.name, key) for t in at_path):
                ids = ", ".join(str(t.id) for t in at_path)  # two siblings of one name
                raise AmbiguousNameError(f"{len(at_path)} themes have the path {key!r} (ids {ids})")
            called = [t for t in self.project.themes if same_text(t.name, key)]
            if len(called) > 1:  # name them by path, as codes are, and by id where it repeats
                repeated = len({paths[t.id] for t in called}) < len(called)
                shown = ", ".join(
                    repr(paths[t.id]) + (f" (id {t.id})" if repeated else "") for t in called
                )
                raise AmbiguousNameError(f"{len(called)} themes are called {key!r}: {shown}")
        themes, paths = self.project.themes, self.theme_paths
        listed = [paths[theme.id] for theme in themes]  # a miss lists paths: names repeat
        key = key.id if isinstance(key, Theme) else key
        return one(themes, key, "theme", attrgetter("name"), listed, by="path or name")

    def descendants(self, code: Code) -> list[Code]:
        """``code`` and every code below it, parents first (a cycle is walked once)."""
        return walk_down([code], self.code_children)

    def theme_descendants(self, theme: Theme) -> list[Theme]:
        """``theme`` and every theme below it, parents first."""
        return walk_down([theme], self.theme_children)

    def excerpts_of(self, codes: Iterable[Code]) -> tuple[tuple[Source, Excerpt], ...]:
        wanted = {code.id for code in codes}
        return tuple(
            (source, excerpt)
            for source in self.project.sources
            for excerpt in source.excerpts
            if any(coding.code in wanted for coding in excerpt.codings)
        )


_Node = TypeVar("_Node", Code, Theme)


def paths_of(nodes: Iterable[_Node], by_id: dict[UUID, _Node]) -> dict[UUID, str]:
    """Each node's names from the top of its tree down, joined by `SEPARATOR`, by id (the
    first node of an id). A parent cycle ends a path: a member's path runs once round the
    cycle to it. Each node is walked once, whatever the depth (a hostile file's chain of
    thousands of parents costs no more than its paths' length)."""
    paths: dict[UUID, str] = {}
    for node in nodes:
        chain: list[_Node] = []  # from ``node`` up to a node with a path, the top or a loop
        on: dict[UUID, int] = {}
        current: _Node | None = node
        while current is not None and current.id not in paths and current.id not in on:
            on[current.id] = len(chain)
            chain.append(current)
            current = by_id.get(current.parent) if current.parent else None
        if current is not None and current.id in on:  # chain[at:] is a parent cycle
            at = on[current.id]
            loop = [member.name for member in chain[at:]]
            twice = loop + loop
            for i, member in enumerate(chain[at:]):
                paths[member.id] = SEPARATOR.join(reversed(twice[i : i + len(loop)]))
            del chain[at:]
        for member in reversed(chain):
            parent = by_id.get(member.parent) if member.parent else None
            above = paths.get(parent.id) if parent is not None else None
            paths[member.id] = member.name if above is None else above + SEPARATOR + member.name
    return paths


def counterparts(
    first: Project, other: Project, kind: type[_Node]
) -> tuple[dict[UUID, UUID], dict[UUID, UUID]]:
    """Each code (or theme, by ``kind``) of ``other`` that ``first`` holds too, mapped to
    its id there: the same id, else the same name (in either Unicode form) under the one its
    parent was matched with (so a top code called ``Home/Stress`` is not ``Stress`` under
    ``Home``, and a child follows its parent through a rename). Each of ``first``'s is
    matched once; the second map holds ``other``'s that found every such code taken (two of
    one name under one parent), each with the first of them."""
    codes = kind is Code
    mine = cast("tuple[_Node, ...]", first.codes if codes else first.themes)
    theirs = cast("tuple[_Node, ...]", other.codes if codes else other.themes)
    held = {node.id for node in mine}
    known = {node.id for node in theirs}
    by_place: dict[tuple[UUID | None, str], list[_Node]] = {}
    for node in mine:
        parent = node.parent if node.parent in held else None
        by_place.setdefault((parent, nfc(node.name)), []).append(node)
    claimed = known & held
    mapped: dict[UUID, UUID] = {}
    taken: dict[UUID, UUID] = {}
    for node in in_tree_order(theirs):  # parents first: a match needs its parent's
        if node.id in held:
            mapped[node.id] = node.id
            continue
        above = node.parent if node.parent in known else None
        if above is not None and above not in mapped:
            continue  # under a code first lacks: so is it
        place = (mapped.get(above) if above else None, nfc(node.name))
        candidates = by_place.get(place, ())
        free = next((n for n in candidates if n.id not in claimed), None)
        if free is not None:
            claimed.add(free.id)
            mapped[node.id] = free.id
        elif candidates:
            taken[node.id] = candidates[0].id
    return mapped, taken


def ids_once(items: Iterable[Any], kind: str, where: str, because: str) -> None:
    """Refuse ``items``, one collection (``kind``: ``"codes"``), if two of them share an id:
    ``where`` opens the message and ``because`` says why one would be lost."""
    first: dict[UUID, Any] = {}
    for item in items:
        if item.id in first:
            other = first[item.id]
            said = (
                f"{kind[:-1]} {_called(item)} is listed twice (id {item.id})"
                if other == item
                else f"two {kind} have the id {item.id} ({_called(other)} and {_called(item)})"
            )
            raise ValueError(
                f"{where}: {said}; {because}, so one would be lost: qcode.validate lists "
                "every problem"
            )
        first[item.id] = item


def _called(item: Any) -> str:
    """An object as a message names it: its name or label, else its kind."""
    name = getattr(item, "name", None) or getattr(item, "label", None)
    return repr(name) if name is not None else f"a {type(item).__name__}"


def same_text(name: str | None, key: str) -> bool:
    """Whether ``name`` is ``key`` once both are in one Unicode form (`nfc`)."""
    return name is not None and nfc(name) == nfc(key)


def nfc(value: _V) -> _V:
    """``value``, if text, in one Unicode form (NFC): an accented letter is one code point
    or a letter and a combining accent (macOS writes the second), and the two look alike."""
    return cast(_V, unicodedata.normalize("NFC", value)) if isinstance(value, str) else value


def known_names(
    key: str,
    names: Iterable[str | None],
    plural: str,
    spellings: Mapping[str, Sequence[str]] | None = None,
) -> str:
    """What to say after "no ... is called ``key``": every name when there are few, else
    the closest (`closest`; ``spellings``: every way to name one, with what to show for it,
    by default the names themselves), else how many there are."""
    found = list(dict.fromkeys(name for name in names if name))
    if not found:
        return f"; there are no {plural}"
    if len(found) <= 8:
        return f" ({plural}: {', '.join(map(repr, found))})"
    if spellings is None:
        spellings = {name: [name] for name in found}
    close = closest(
        key, {spelling: [repr(s) for s in shown] for spelling, shown in spellings.items()}
    )
    return suggested(close) or f" (none of the {len(found)} {plural} is close)"


def closest(key: str, spellings: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """What to show for each of the (up to three) spellings closest to ``key``, as a
    misspelling would be, whatever the letter case; ``spellings`` maps each way to name
    something (a name, a path, a label) to what to show for it (two things where two share
    it: following such a suggestion needs the object or its id)."""
    folded: dict[str, list[str]] = {}
    for spelling, shown in spellings.items():
        folded.setdefault(spelling.casefold(), []).extend(shown)
    near = difflib.get_close_matches(key.casefold(), list(folded), n=3)
    return [list(dict.fromkeys(folded[match])) for match in near]


def suggested(groups: list[list[str]], shared: bool = False) -> str:
    """`closest`'s suggestions as the end of a message ("" for none); ``shared``: one of
    them names two things, so following it needs the object or its id."""
    if not groups:
        return ""
    shown = " or ".join(dict.fromkeys(item for group in groups for item in group))
    return f"; did you mean {shown}?" + (
        " (a name two share: pass the object or its id)" if shared else ""
    )


def one(
    items: Iterable[_T],
    key: UUID | str,
    kind: str,
    name_of: Callable[[_T], Any],
    names: Iterable[str | None] | None = None,
    by: str = "name",
) -> _T:
    """The one item of ``items`` whose id (or the id's text) or name (``name_of``) is
    ``key``; ``names`` (default: every ``name_of``) are those a miss lists; ``by`` is what
    the messages call ``name_of``."""
    items = list(items)
    if isinstance(key, str) and GUID.match(key):  # any spelling of an id: braces, no dashes
        wanted = UUID(key)
        by_id = [item for item in items if getattr(item, "id", None) == wanted]
        if by_id:
            return by_id[0]
    if not isinstance(key, (str, UUID)):
        raise TypeError(f"a {kind} is looked up by id or {by}, not {type(key).__name__}")
    if isinstance(key, UUID):
        matches = [item for item in items if getattr(item, "id", None) == key]
        if not matches:
            raise NotFoundError(f"no {kind} has id {key}")
        return matches[0]
    matches = [item for item in items if name_of(item) == key] or [
        item for item in items if same_text(name_of(item), key)
    ]
    if not matches:
        listed = [name_of(item) for item in items] if names is None else names
        shown = known_names(key, listed, f"{kind}s")
        said = "is called" if by == "name" else f"has the {by}"
        raise NotFoundError(f"no {kind} {said} {key!r}{shown}")
    if len(matches) > 1:
        ids = ", ".join(str(getattr(item, "id", "?")) for item in matches)
        said = "are called" if by == "name" else f"have the {by}"
        raise AmbiguousNameError(f"{len(matches)} {kind}s {said} {key!r} (ids {ids})")
    return matches[0]


_NAMES: dict[type, tuple[str, Callable[[Any], str | None]]] = {
    Source: ("source", lambda source: source.name),
    Case: ("case", lambda case: case.label),
    Theme: ("theme", lambda theme: theme.name),
    User: ("user", lambda user: user.name),
    Note: ("note", lambda note: note.name),
}
"""What each kind found by `named` is called, and the name it is known by."""


def named(items: Iterable[_T], key: _T | UUID | str, kind: type[_T]) -> _T:
    """The source, case (by label), theme, note or user (by name, else, where no user has
    that name, by login) of ``items`` given as itself (any version of it), its id or its
    name, by `one`'s rules."""
    given = cast("UUID | str", key.id if isinstance(key, kind) else key)  # type: ignore[attr-defined]
    what, name_of = _NAMES[kind]
    items = list(items)
    if (
        kind is User
        and isinstance(given, str)
        and not any(same_text(name_of(u), given) for u in items)
    ):
        names = [name_of(user) or getattr(user, "login", None) for user in items]
        return one(items, given, what, attrgetter("login"), names, by="name or login")
    return one(items, given, what, name_of)
