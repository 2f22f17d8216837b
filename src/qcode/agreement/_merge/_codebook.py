"""Merging codes (by id, else path), themes (by id, else path) and codes' examples; how
two versions of a code's definition differ (`definition_conflicts`)."""

from __future__ import annotations

from uuid import UUID

import attrs

from qcode._model import Code, Theme
from qcode._model._codebook import in_tree_order
from qcode._model._lookup import counterparts, nfc
from qcode.agreement._merge._step import Step, differing, own, union

DEFINITION = ("brief_definition", "full_definition", "when_to_use", "when_not_to_use",
              "examples")  # fmt: skip
"""The fields that make a code's definition."""


def definition_conflicts(kept: Code, other: Code) -> list[str]:
    """How two versions of one code differ in name or definition (empty if they agree; text
    in either Unicode form is the same)."""
    for given in (kept, other):
        if not isinstance(given, Code):
            raise TypeError(
                f"definition_conflicts compares two versions of one code, not a "
                f"{type(given).__name__}"
            )
    return differing(kept, other, ("name", *DEFINITION))


def codes(step: Step) -> dict[UUID, UUID]:
    """``other``'s code ids mapped to the merged project's, its new codes added."""
    base = step.base
    found, apart = counterparts(base, step.other, Code)
    mapped: dict[UUID, UUID] = {}
    matched = []
    for code in in_tree_order(step.other.codes):
        kept = own(base, Code, found[code.id]) if code.id in found else None
        matched.append((code, kept))
        mapped[code.id] = code.id if kept is None else kept.id
    for code, kept in matched:
        if kept is not None:
            memos = union(kept.note_refs, code.note_refs)
            if memos != kept.note_refs:
                step.builder._carry(kept, note_refs=memos)
            differ = definition_conflicts(kept, code)
            differ += differing(kept, code, ("codable", "color", "status", "origin"))
            there = mapped.get(code.parent) if code.parent else None
            step.differs("code", base.path(kept), kept, code, differ, there)
            continue
        parent = mapped.get(code.parent) if code.parent else None
        name = code.name
        if code.id in apart:
            siblings = {nfc(c.name): c for c in step.builder.build().codes if c.parent == parent}
            for theirs in step.other.codes:  # and the input's own, which may come later
                if (mapped.get(theirs.parent) if theirs.parent else None) == parent:
                    siblings[nfc(theirs.name)] = theirs
            name = step.apart("code", step.other.path(code), "path", code.name, siblings)
        step.builder.add(attrs.evolve(code, parent=parent, name=name))
    return mapped


def themes(step: Step, codes: dict[UUID, UUID]) -> dict[UUID, UUID]:
    """Each theme of ``other`` joined to the merged theme with its id, else its path under
    the parent the merge put its own (its codes added to those), or added under its parent,
    with its codes as merged; returns where each theme went."""
    current = {theme.id: theme for theme in step.base.themes}
    by_name: dict[str, UUID] = {}
    for theme in step.base.themes:
        by_name.setdefault(nfc(theme.name), theme.id)
    found, apart = counterparts(step.base, step.other, Theme)
    mapped: dict[UUID, UUID] = {}
    for theme in in_tree_order(step.other.themes):
        members = tuple(codes[c] for c in theme.codes if c in codes)
        parent = mapped.get(theme.parent) if theme.parent else None
        kept = found.get(theme.id)
        name = theme.name
        if theme.id in apart:  # another theme of this input has that one's path
            theirs = {nfc(t.name): t.id for t in step.other.themes}  # which may come later
            name = step.apart("theme", step.other.path(theme), "path", theme.name,
                              {**by_name, **theirs})  # fmt: skip
        if kept is None:
            added = attrs.evolve(theme, name=name, codes=members, parent=parent)
            current[theme.id] = step.builder.add(added)
            by_name.setdefault(nfc(name), theme.id)
            mapped[theme.id] = theme.id
            continue
        if kept != theme.id:
            step.notes.append(f"theme {step.other.path(theme)!r} of {step.label} matched by path")
        mine = current[kept]
        changed = differing(mine, theme, ("name", "description", "color"))
        step.differs("theme", mine.name, mine, theme, changed, parent)
        mapped[theme.id] = kept
        held = current[kept]
        joined = {
            "codes": union(held.codes, members),
            "note_refs": union(held.note_refs, theme.note_refs),
        }
        current[kept] = step.gain(held, joined)
    return mapped


def examples(step: Step, moved: dict[UUID, UUID]) -> None:
    """The examples of the codes ``other`` added quoting the excerpts where the merge
    put them (``moved``: ``other``'s ids the merged project knows by another)."""
    merged = step.builder.build()
    for code in step.other.codes:
        if own(step.base, Code, code.id) is not None or own(merged, Code, code.id) is None:
            continue  # matched: the merge keeps the first input's examples
        quoted = tuple(
            attrs.evolve(e, excerpt=moved.get(e.excerpt, e.excerpt)) if e.excerpt else e
            for e in code.examples
        )
        if quoted != code.examples:
            step.builder._carry(code.id, examples=quoted)
