"""Matching the codes and themes of two codebooks: by id, or by path where the two were made
apart (a table drafted without ids, another team's export)."""

from __future__ import annotations

from typing import Literal

import attrs

from qcode._model import Code, Codebook, Theme

Match = Literal["id", "path"]
MATCHES = ("id", "path")


def aligned(codebook: Codebook, to: Codebook, match: Match) -> Codebook:
    """``codebook`` with, when ``match`` is ``"path"``, each code that has the path of a code
    of ``to`` given that code's id (and each theme with a theme's name, its id), every
    reference following; with ``"id"``, ``codebook`` itself."""
    if match not in MATCHES:
        raise ValueError(f"match must be 'id' or 'path', not {match!r}")
    if match == "id":
        return codebook
    theirs = {to.path(code): code.id for code in to.codes}
    new = {code.id: theirs.get(codebook.path(code), code.id) for code in codebook.codes}
    named = {theme.name: theme.id for theme in to.themes}
    new_themes = {theme.id: named.get(theme.name, theme.id) for theme in codebook.themes}

    def code(c: Code) -> Code:
        parent = None if c.parent is None else new.get(c.parent, c.parent)
        return attrs.evolve(c, id=new[c.id], parent=parent)

    def theme(t: Theme) -> Theme:
        parent = None if t.parent is None else new_themes.get(t.parent, t.parent)
        codes = tuple(new.get(c, c) for c in t.codes)
        return attrs.evolve(t, id=new_themes[t.id], parent=parent, codes=codes)

    return attrs.evolve(
        codebook,
        codes=tuple(code(c) for c in codebook.codes),
        themes=tuple(theme(t) for t in codebook.themes),
        removes=tuple(new.get(r, r) for r in codebook.removes),
    )
