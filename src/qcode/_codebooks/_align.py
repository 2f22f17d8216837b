"""Matching the codes and themes of two codebooks: by id, or by path where the two were made
apart (a table drafted without ids, another team's export)."""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import Any, Literal, TypeVar
from uuid import UUID

import attrs

from qcode._codebooks._formats._table import TABLE_NAMESPACE
from qcode._model import Code, Codebook, Project, Theme
from qcode._model._common import full_color
from qcode._model._document import METADATA
from qcode._model._lookup import ids_once, nfc

Match = Literal["id", "path"]
MATCHES = ("id", "path")
_NOT_IN_TABLES = ("description", "parent", "color", "note_refs")
"""A theme's fields a codebook table cannot hold (it lists a theme by name)."""


def as_codebook(given: Codebook | Project, what: str) -> Codebook:
    """``given`` as a codebook: a project gives its own (`Project.codebook`); one whose ids
    repeat is refused (`one_id_each`)."""
    if isinstance(given, Project):
        given = given.codebook
    elif not isinstance(given, Codebook):
        hint = ": read a codebook file with qcode.read_codebook" if _a_path(given) else ""
        raise TypeError(
            f"the {what} codebook is a Codebook or a Project, not {type(given).__name__}{hint}"
        )
    one_id_each(given, f"the {what} codebook")
    return given


def _a_path(given: object) -> bool:
    return isinstance(given, (str, PathLike))


def one_id_each(codebook: Codebook, where: str) -> None:
    """Refuse ``codebook`` (named ``where`` in the message) if two of its codes or two of its
    themes share an id: codes and themes are matched by id, and one of the two would be lost
    without a word."""
    for kind, entries in (("codes", codebook.codes), ("themes", codebook.themes)):
        ids_once(entries, kind, where, "they are matched by id")


def aligned(codebook: Codebook, to: Codebook, match: Match) -> Codebook:
    """``codebook`` with, when ``match`` is ``"path"``, each code that has the path of a code
    of ``to`` given that code's id, every reference following. Themes are matched by id,
    then by name (a table holds no theme ids): a theme whose id ``to`` lacks takes the id
    of ``to``'s theme of that name. A codebook read from a table takes from ``to`` what a
    table cannot hold, so that it is not a change: the metadata (id, name, version, ...;
    its name is its file's), codes' memo references, themes' descriptions, parents,
    colours and memo references, and the themes that group no codes."""
    if match not in MATCHES:
        raise ValueError(f"match must be 'id' or 'path', not {match!r}")
    new = {code.id: code.id for code in codebook.codes}
    spelled: dict[UUID, str] = {}  # a name matched in the other Unicode form: to's spelling
    if match == "path":
        found = _by_spelling([(to.path(c), c) for c in to.codes])
        taken = {code.id for code in codebook.codes}  # each of to's codes matched once,
        for ours in codebook.codes:  # and none that another of ours has by its id
            theirs = found(codebook.path(ours))
            if theirs is not None and (theirs.id == ours.id or theirs.id not in taken):
                taken.add(theirs.id)
                new[ours.id] = theirs.id
                if theirs.name != ours.name:
                    spelled[theirs.id] = theirs.name
    known = {theme.id: theme for theme in to.themes}
    named = _by_spelling([(theme.name, theme) for theme in to.themes])
    new_themes: dict[UUID, UUID] = {}
    claimed = {theme.id for theme in codebook.themes}  # likewise each of to's themes
    for t in codebook.themes:
        same = known.get(t.id)
        if same is None and (by_name := named(t.name)) and by_name.id not in claimed:
            same = by_name
            claimed.add(by_name.id)
        new_themes[t.id] = t.id if same is None else same.id
        if same is not None and same.name != t.name and nfc(same.name) == nfc(t.name):
            spelled[same.id] = same.name
    table = codebook.id == TABLE_NAMESPACE
    their_colours: dict[UUID, str | None] = {c.id: c.color for c in to.codes}
    their_colours.update((t.id, t.color) for t in to.themes)
    recoloured: dict[UUID, str | None] = {}  # one colour spelled two ways: to's spelling
    for key, color in [(new[c.id], c.color) for c in codebook.codes] + [
        (new_themes[t.id], t.color) for t in codebook.themes
    ]:
        if _same_colour(color, their_colours.get(key)):  # a .qdc gives #F00 back as #FF0000
            recoloured[key] = their_colours[key]
    if (
        not table
        and not spelled
        and not recoloured
        and all(k == v for k, v in new.items())
        and all(k == v for k, v in new_themes.items())
    ):
        return codebook
    their_codes = {c.id: c for c in to.codes} if table else {}
    their_themes = {t.id: t for t in to.themes} if table else {}

    def code(c: Code) -> Code:
        parent = None if c.parent is None else new.get(c.parent, c.parent)
        made = attrs.evolve(
            c,
            id=new[c.id],
            parent=parent,
            name=spelled.get(new[c.id], c.name),
            color=recoloured.get(new[c.id], c.color),
        )
        theirs = their_codes.get(made.id)
        return made if theirs is None else attrs.evolve(made, note_refs=theirs.note_refs)

    def theme(t: Theme) -> Theme:
        parent = None if t.parent is None else new_themes.get(t.parent, t.parent)
        codes = tuple(new.get(c, c) for c in t.codes)
        name = spelled.get(new_themes[t.id], t.name)
        color = recoloured.get(new_themes[t.id], t.color)
        made = attrs.evolve(
            t, id=new_themes[t.id], name=name, parent=parent, codes=codes, color=color
        )
        theirs = their_themes.get(made.id)
        if theirs is None:
            return made
        return attrs.evolve(made, **{f: getattr(theirs, f) for f in _NOT_IN_TABLES})

    themes = [theme(t) for t in codebook.themes]
    if table:  # a table names the themes that group codes, in no order of their own
        listed = {t.id: t for t in themes}
        ordered = [listed.pop(t.id, t) for t in to.themes if t.id in listed or not t.codes]
        themes = [*ordered, *listed.values()]
    meta: dict[str, Any] = {"removes": tuple(new.get(r, r) for r in codebook.removes)}
    if table:
        meta = {f: getattr(to, f) for f in METADATA}
    return attrs.evolve(
        codebook, codes=tuple(code(c) for c in codebook.codes), themes=tuple(themes), **meta
    )


def _same_colour(ours: str | None, theirs: str | None) -> bool:
    """Whether two colours are one spelled two ways (``#F00``, ``#ff0000``)."""
    if ours is None or theirs is None or ours == theirs:
        return False
    return (full_color(ours) or ours).upper() == (full_color(theirs) or theirs).upper()


_Found = TypeVar("_Found", Code, Theme)


def _by_spelling(pairs: list[tuple[str, _Found]]) -> Callable[[str], _Found | None]:
    """A look-up among ``pairs`` (a path or name, and its code or theme; the first of a key
    wins) that prefers the key spelled exactly as asked, else one in the other Unicode
    form."""
    exact: dict[str, _Found] = {}
    loose: dict[str, _Found] = {}
    for key, value in pairs:
        exact.setdefault(key, value)
        loose.setdefault(nfc(key), value)
    return lambda key: exact.get(key) or loose.get(nfc(key))


def paths_without_ids(given: Codebook, other: Codebook) -> int:
    """How many of ``given``'s codes have a path of ``other``'s where none has an id of
    ``other``'s (0 where one has): matched by id, nothing would match, by path these."""
    ids = {code.id for code in other.codes}
    if any(code.id in ids for code in given.codes):
        return 0
    held = {nfc(other.path(code)) for code in other.codes}  # as --match path matches them
    return sum(nfc(given.path(code)) in held for code in given.codes)
