"""Merging variables (by id, else name and type) and cases (by id, else label and kind)."""

from __future__ import annotations

import uuid
from uuid import UUID

import attrs

from qcode._model import Variable
from qcode._model._lookup import nfc
from qcode.agreement._merge._step import Step, differing, free, held_id, own, revalued, union


def variables(step: Step) -> dict[UUID, UUID]:
    """``other``'s variables known by another id in the merged project (one of the same
    name and type, also where the merged one under its id has another type); the
    others are added (one whose name or id has another type there apart, named after
    this input, with a note)."""
    by_name: dict[str, list[Variable]] = {}
    for variable in step.base.variables:
        by_name.setdefault(nfc(variable.name), []).append(variable)
        apart = f" ({step.brought_in.get(variable.id)})"  # also by the name it came with
        if variable.id in step.brought_in and variable.name.endswith(apart):
            by_name.setdefault(nfc(variable.name[: -len(apart)]), []).append(variable)
    mapped: dict[UUID, UUID] = {}
    for variable in step.other.variables:
        mine = own(step.base, Variable, variable.id)
        if mine is not None and mine.type == variable.type:
            changed = differing(mine, variable, ("name", "description"))
            step.differs("variable", mine.name, mine, variable, changed)
            continue
        named = by_name.get(nfc(variable.name), [])
        same = next((v for v in named if v.type == variable.type), None)
        if same is not None:
            mapped[variable.id] = same.id
            changed = differing(same, variable, ("description",))
            step.differs("variable", same.name, same, variable, changed)
            continue
        before = mine if isinstance(mine, Variable) else next(iter(named), None)
        if mine is not None:  # the id is taken by another type
            mapped[variable.id] = uuid.uuid5(variable.id, step.label)
        name = variable.name if before is None else free(f"{variable.name} ({step.label})", by_name)
        added = mapped.get(variable.id, variable.id)
        step.builder.add(attrs.evolve(variable, id=added, name=name))
        if before is not None:
            step.brought_in[added] = step.label
            step.notes.append(
                f"variable {variable.name!r} is {variable.type.value} in {step.label}, "
                f"{before.type.value} before; added apart as {name!r}, with its values"
            )
    return mapped


def cases(step: Step, moved: dict[UUID, UUID]) -> dict[UUID, UUID]:
    """Each case of ``other`` joined to the merged case with its id, else its label and
    kind (its sources, excerpts, codes and the values the merged case lacks added to
    those; a value it holds otherwise is a conflict), or added; ``moved`` maps
    ``other``'s ids to the merged project's where they differ. Returns the cases matched
    by label."""
    merged = step.builder.build()  # with this input's variables, for their names
    matched: dict[UUID, UUID] = {}
    current = {case.id: case for case in merged.cases}
    by_label: dict[tuple[str | None, str], UUID] = {}
    for case in merged.cases:
        if case.label:
            by_label.setdefault((nfc(case.label), case.kind), case.id)
    claimed = {case.id for case in step.other.cases if case.id in current}
    for case in step.other.cases:
        carried = attrs.evolve(
            case,
            sources=tuple(moved.get(s, s) for s in case.sources),
            excerpts=tuple(
                moved.get(e, e) for e in case.excerpts if held_id(merged, moved.get(e, e))
            ),
            codes=tuple(moved.get(c, c) for c in case.codes),
            values=revalued(case.values, moved),
        )
        kept = case.id if case.id in current else by_label.get((nfc(case.label), case.kind))
        if case.label and kept != case.id and kept in claimed:  # another of the input's is it
            labels = {nfc(c.label): c for c in (*current.values(), *step.other.cases) if c.label}
            label = step.apart("case", case.label, "label", case.label, labels)
            carried, kept = attrs.evolve(carried, label=label), None
        if kept is None:
            current[case.id] = step.builder.add(carried)
            continue
        claimed.add(kept)
        if kept != case.id:
            step.notes.append(f"case {case.label!r} of {step.label} matched by label")
            matched[case.id] = kept
        mine = current[kept]
        fields = ("label", "kind", "real_name", "description")
        changed = differing(mine, case, fields)
        step.differs("case", mine.label or str(mine.id), mine, case, changed)
        shown = mine.label or str(mine.id)
        changes = {
            "sources": union(mine.sources, carried.sources),
            "excerpts": union(mine.excerpts, carried.excerpts),
            "codes": union(mine.codes, carried.codes),
            "values": step.joined_values("case", shown, mine, carried.values),
        }
        current[kept] = step.gain(mine, changes)
    return matched
