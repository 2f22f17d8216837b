"""The effective codebook of one that extends another."""

from __future__ import annotations

import attrs

from qcode._issues import NotFoundError, QcodeError
from qcode._model import Codebook
from qcode._validation import validate


class ExtensionError(QcodeError, ValueError):
    """A codebook does not extend the one given as its base, or removes codes it lacks."""


def resolve(codebook: Codebook, base: Codebook) -> Codebook:
    """The effective codebook of ``codebook``, which extends ``base``: base codes kept with
    their ids (and in their order), a code of ``codebook`` with a base code's id replacing
    it, the others added after them; a base code dropped only when ``codebook.removes``
    names it (its children move up to its parent). Themes likewise, by id. The result is
    ``codebook``'s metadata with nothing extended and the two change logs, base first.

    Raises `ExtensionError` if ``codebook`` does not extend ``base`` (id, or the version it
    pins) or the result has errors (say, a code under a parent neither holds), and
    `NotFoundError` if it removes a code ``base`` does not hold.
    """
    ref = codebook.extends
    if ref is None or ref.id != base.id:
        said = "extends nothing" if ref is None else f"extends {ref.id}"
        raise ExtensionError(f"codebook {codebook.name!r} {said}, not {base.name!r} ({base.id})")
    if ref.version is not None and ref.version != base.version:
        has = f"version {base.version!r}" if base.version is not None else "no version"
        raise ExtensionError(
            f"codebook {codebook.name!r} extends version {ref.version!r} of {base.name!r}, "
            f"which has {has}"
        )
    known = {code.id: code for code in base.codes}
    missing = [str(code) for code in codebook.removes if code not in known]
    if missing:
        raise NotFoundError(
            f"codebook {codebook.name!r} removes codes {base.name!r} does not hold: "
            + ", ".join(missing)
        )
    dropped = set(codebook.removes)
    own = {code.id: code for code in codebook.codes}
    codes = []
    for code in (*base.codes, *(c for c in codebook.codes if c.id not in known)):
        if code.id in dropped:
            continue
        code = own.get(code.id, code)
        parent = code.parent
        while parent in dropped:
            parent = known[parent].parent
        codes.append(code if parent == code.parent else attrs.evolve(code, parent=parent))
    kept = {code.id for code in codes}
    theirs = {theme.id: theme for theme in codebook.themes}
    base_themes = {theme.id for theme in base.themes}
    themes = [
        attrs.evolve(t, codes=tuple(c for c in t.codes if c in kept))
        for t in (
            *(theirs.get(t.id, t) for t in base.themes),
            *(t for t in codebook.themes if t.id not in base_themes),
        )
    ]
    effective = attrs.evolve(
        codebook,
        extends=None,
        removes=(),
        changes=(*base.changes, *codebook.changes),
        codes=tuple(codes),
        themes=tuple(themes),
    )
    errors = [issue for issue in validate(effective) if issue.is_error]
    if errors:
        said = "; ".join(f"{issue.path}: {issue.message}" for issue in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise ExtensionError(
            f"codebook {codebook.name!r} on {base.name!r} gives an invalid codebook: {said}{more}"
        )
    return effective
