"""How much each code is used (``frequencies``), overall or broken down, and what each case
contributed (``cases``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from qcode._bulk import bulk
from qcode._intervals import length, merged
from qcode._model import Project
from qcode._table import Cell, Table
from qcode.analysis._select import (
    CHARACTERS,
    MILLISECONDS,
    Breakdown,
    Coded,
    CodeKeys,
    Item,
    Key,
    Segment,
    breakdown,
    cell,
    item_columns,
    items_by_code,
    select,
)


class Tally:
    """The segments one item has in one group, each once, in document order."""

    __slots__ = ("last", "segments")

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.last = -1


def tally(coded: Coded, items: list[Item], by: Breakdown) -> dict[tuple[Key, int], Tally]:
    """For each group of ``by`` and each item (by its position), the segments coded with
    one of the item's codes: one sweep over the codings."""
    owners = items_by_code(items)
    tallies: dict[tuple[Key, int], Tally] = {}
    for segment in coded.segments:
        shared = None if by.per_coding else by.of_segment(segment, None)
        for coding in segment.excerpt.codings:
            places = owners.get(coding.code)
            if not places:
                continue
            keys = by.of_segment(segment, coding) if shared is None else shared
            for key in keys:
                for place in places:
                    found = tallies.get((key, place))
                    if found is None:
                        found = tallies[(key, place)] = Tally()
                    if found.last != segment.number:
                        found.last = segment.number
                        found.segments.append(segment)
    return tallies


def groups(by: Breakdown, tallies: Iterable[tuple[Key, int]]) -> list[Key]:
    """Every group of ``by`` in its order, then those only the segments brought (no case,
    no value, a coder the project does not list)."""
    found = dict.fromkeys(by.groups)
    for key, _ in tallies:
        found.setdefault(key)
    return list(found)


def _group_texts(coded: Coded, by: Breakdown) -> dict[Key, int]:
    """The characters of text of each group's sources: those the group holds (a source, a
    kind, a case's sources) and those any of its segments lies in."""
    segments_of: dict[object, list[Segment]] = defaultdict(list)
    for segment in coded.segments:
        segments_of[id(segment.source)].append(segment)
    texts: dict[Key, int] = defaultdict(int)
    for source in coded.project.sources:
        text = source.text
        if text is None:
            continue
        keys = set(by.of_source(source))
        for segment in segments_of[id(source)]:
            for coding in segment.excerpt.codings if by.per_coding else (None,):
                keys.update(by.of_segment(segment, coding))
        for key in keys:
            texts[key] += len(text)
    return texts


FREQUENCY_COLUMNS = (
    "references",
    "sources",
    "cases",
    "characters",
    "coverage",
    "milliseconds",
    "without_position",
)


def _measures(segments: list[Segment], text: int) -> tuple[Cell, ...]:
    """The measures of one row. Sources and cases are told apart by the objects themselves
    (``id``): hashing a million UUIDs in Python costs more than the rest of the sweep."""
    spans: dict[tuple[object, str], list[tuple[int, int]]] = defaultdict(list)
    without = 0
    for segment in segments:
        if segment.unit is None or segment.start is None or segment.end is None:
            without += 1
        else:
            spans[(id(segment.source), segment.unit)].append((segment.start, segment.end))
    totals = {CHARACTERS: 0, MILLISECONDS: 0}
    for (_, unit), intervals in spans.items():
        totals[unit] += length(merged(intervals))
    characters = totals[CHARACTERS]
    return (
        len(segments),
        len({id(segment.source) for segment in segments}),
        len({id(case) for segment in segments for case in segment.cases}),
        characters,
        round(characters / text, 6) if text else None,
        totals[MILLISECONDS],
        without,
    )


@bulk()
def frequencies(
    project: Project,
    codes: CodeKeys | None = None,
    *,
    include_children: bool = False,
    by: str | None = None,
) -> Table:
    """Per code (default: every code, in codebook order): coded references, distinct
    sources and cases, characters coded and their share of the text, milliseconds coded,
    and references with no position on either axis (picture and PDF regions, transcript
    spans). ``include_children`` counts each code with every code below it; ``by`` breaks
    the counts down (``"source"``, ``"kind"``, ``"case"``, ``"variable:NAME"``,
    ``"coder"``)."""
    coded = Coded(project)
    split = breakdown(coded, by)
    items = select(project, codes, include_children=include_children)
    tallies = tally(coded, items, split)
    texts = _group_texts(coded, split)
    rows = []
    for key in groups(split, tallies):
        for place, item in enumerate(items):
            found = tallies.get((key, place))
            rows.append(
                (*key, *item.cells, *_measures(found.segments if found else [], texts.get(key, 0)))
            )
    notes = [
        "references: excerpts coded (an excerpt coded twice with a code counts once); "
        "characters and milliseconds: the union of the code's spans in each source, so "
        "overlapping excerpts count once; coverage: characters over the characters of "
        "every text source of the row's group (of the project, without a breakdown); "
        "without_position: references on picture or PDF regions "
        "or transcript spans, which have neither.",
    ]
    if include_children:
        notes.append("Each code counts itself and every code below it.")
    if by in ("case", "coder") or (by or "").startswith("variable:"):
        notes.append(
            "An excerpt with several cases or values counts in each; one with none counts "
            "in the row whose group is empty."
        )
    return Table(
        "frequencies",
        (*split.columns, *item_columns("code"), *FREQUENCY_COLUMNS),
        rows,
        notes=(*notes, *coded.notes()),
    )


@bulk()
def cases(project: Project) -> Table:
    """One row per case: its kind, the value of every variable (a column each, by name),
    and what it contributed: excerpts attributed to it (directly or through its sources),
    the references on them, the distinct sources they lie in and the distinct codes
    applied."""
    coded = Coded(project)
    used = dict.fromkeys(value.variable for case in project.cases for value in case.values)
    variables = [v for v in project.variables if v.id in used]
    of_case: dict[object, list[Segment]] = defaultdict(list)
    for segment in coded.segments:
        for case in segment.cases:
            of_case[case.id].append(segment)
    rows = []
    for case in project.cases:
        values = {value.variable: cell(value.value) for value in case.values}
        segments = of_case[case.id]
        sources = {s.source.id for s in segments} | set(case.sources)
        rows.append(
            (
                str(case.id),
                case.label,
                case.kind,
                *(values.get(v.id) for v in variables),
                len(segments),
                sum(len(s.codes) for s in segments),
                len(sources),
                len({code for s in segments for code in s.codes}),
            )
        )
    return Table(
        "cases",
        (
            "case_id",
            "case",
            "kind",
            *(v.name for v in variables),
            "excerpts",
            "references",
            "sources",
            "codes",
        ),
        rows,
        notes=(
            "references: codes applied to the case's excerpts (a code once per excerpt); "
            "sources: those the case lists and those its excerpts lie in.",
            *coded.notes(),
        ),
    )
