"""How much each code is used (``frequencies``), overall or broken down, and what each case
contributed (``cases``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from uuid import UUID

from qcode._bulk import bulk
from qcode._intervals import covered
from qcode._model import Case, Project, Variable
from qcode._table import Cell, Table, distinct
from qcode.analysis._select import (
    CHARACTERS,
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
    """What one item has in one group: its segments counted once each, in document order,
    and measured as they come (a source's segments are consecutive, so its spans are
    merged when the next source begins). Measuring in the one sweep over the segments,
    rather than going over each tally's segments again, keeps the work in document order,
    as the segments lie in memory; a breakdown by case makes hundreds of thousands of
    tallies, so each holds only what it has been given."""

    __slots__ = (
        "cases",
        "characters",
        "keep",
        "kept",
        "last",
        "milliseconds",
        "references",
        "shared",
        "source",
        "sources",
        "text_spans",
        "time_spans",
        "without",
    )

    def __init__(self, keep: Callable[[Segment], str] | None = None) -> None:
        self.keep = keep
        self.kept: list[str] | None = None if keep is None else []
        """What ``keep`` made of each segment, where the table shows them."""
        self.last = -1
        self.source: object = None
        self.references = self.sources = self.without = 0
        self.characters = self.milliseconds = 0
        self.shared: tuple[object, ...] = ()
        self.cases: set[int] | None = None
        self.text_spans: list[tuple[int, int]] | None = None
        self.time_spans: list[tuple[int, int]] | None = None

    def add(self, segment: Segment) -> None:
        """Count ``segment`` (once, however many of its codings bring it)."""
        if self.last == segment.number:
            return
        self.last = segment.number
        self.references += 1
        if self.kept is not None:
            self.kept.append(self.keep(segment))  # type: ignore[misc]
        if segment.source is not self.source:
            self._close_source()
            self.source = segment.source
            self.sources += 1
        if segment.cases is not self.shared:
            self.shared = segment.cases
            if self.cases is None:
                self.cases = set()
            self.cases.update(map(id, segment.cases))
        span = (segment.start or 0, segment.end or 0)
        if segment.unit == CHARACTERS:
            if self.text_spans is None:
                self.text_spans = [span]
            else:
                self.text_spans.append(span)
        elif segment.unit is None:
            self.without += 1
        elif self.time_spans is None:
            self.time_spans = [span]
        else:
            self.time_spans.append(span)

    def _close_source(self) -> None:
        """Add the length of the last source's spans, merged, to the totals."""
        if self.text_spans:
            spans, limit = self.text_spans, len(getattr(self.source, "text", None) or "")
            if max(end for _, end in spans) > limit:  # past the text's end: validate says so
                spans = [(min(start, limit), min(end, limit)) for start, end in spans]
            self.characters += covered(spans)
            self.text_spans.clear()
        if self.time_spans:
            self.milliseconds += covered(self.time_spans)
            self.time_spans.clear()

    def case_count(self, within: set[int] | None = None) -> int:
        """How many distinct cases the segments are attributed to (of those ``within``, a
        group's own cases, where given)."""
        if not self.cases:
            return 0
        return len(self.cases) if within is None else len(self.cases & within)

    def measures(self, text: int, within: set[int] | None = None) -> tuple[Cell, ...]:
        """References, sources, cases (of those ``within``, where given), characters,
        coverage of ``text`` characters, milliseconds and references without a position."""
        self._close_source()
        characters = self.characters
        return (
            self.references,
            self.sources,
            self.case_count(within),
            characters,
            round(characters / text, 6) if text else None,
            self.milliseconds,
            self.without,
        )


Tallies = dict[Key, list[Tally | None]]
"""For each group, a tally per item (by its position), ``None`` where it has nothing."""


def tally(
    coded: Coded, items: list[Item], by: Breakdown, keep: Callable[[Segment], str] | None = None
) -> tuple[Tallies, dict[Key, int]]:
    """For each group of ``by`` and each item, what the segments coded with one of the
    item's codes add up to (``keep``: and what it makes of each segment), in one sweep over
    the codings; and the characters of text of each group's sources (those the group holds,
    a source, a kind, a case's sources, and those any of its segments lies in).
    Consecutive segments that share cases share their groups' rows, so a segment costs no
    look-up by group."""
    owners = items_by_code(items)
    tallies: Tallies = {}
    texts: dict[Key, int] = defaultdict(int)
    width, per_coding = len(items), by.per_coding
    for source, segments in coded.sources():
        held = set(by.of_source(source))
        rows: list[list[Tally | None]] = []
        cases = None
        for segment in segments:
            if not per_coding and segment.cases is not cases:
                cases = segment.cases
                keys = by.of_segment(segment, None)
                held.update(keys)
                rows = [_row(tallies, key, width) for key in keys]
            for coding in segment.excerpt.codings:
                places = owners.get(coding.code)
                if per_coding:
                    keys = by.of_segment(segment, coding)
                    held.update(keys)
                    if places:
                        rows = [_row(tallies, key, width) for key in keys]
                if not places:
                    continue
                for row in rows:
                    for place in places:
                        counted = row[place]
                        if counted is None:
                            counted = row[place] = Tally(keep)
                        counted.add(segment)
        if source.text is not None:
            for key in held:
                texts[key] += len(source.text)
    return tallies, texts


def _row(tallies: Tallies, key: Key, width: int) -> list[Tally | None]:
    row = tallies.get(key)
    if row is None:
        row = tallies[key] = [None] * width
    return row


def found(tallies: Tallies, key: Key, place: int) -> Tally | None:
    """The tally of the item at ``place`` in the group ``key``, if it has one."""
    row = tallies.get(key)
    return None if row is None else row[place]


def groups(by: Breakdown, tallies: Tallies) -> list[Key]:
    """Every group of ``by`` in its order, then those only the segments brought (no case,
    no value, a coder the project does not list)."""
    keys = dict.fromkeys(by.groups)
    for key in tallies:
        keys.setdefault(key)
    return list(keys)


FREQUENCY_COLUMNS = (
    "references",
    "sources",
    "cases",
    "characters",
    "coverage",
    "milliseconds",
    "without_position",
)
FIXED = (*item_columns("code"), *FREQUENCY_COLUMNS)
"""The columns of `frequencies` after its breakdown's."""


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
    spans without a timed sync point at each end). ``include_children`` counts each code
    with every code below it; ``by`` breaks the counts down (``"source"``, ``"kind"``,
    ``"case"``, ``"variable:NAME"``, ``"coder"``)."""
    coded = Coded(project)
    split = breakdown(coded, by)
    items = select(project, codes, include_children=include_children)
    coded.about(items)
    tallies, texts = tally(coded, items, split)
    rows = []
    for key in groups(split, tallies):
        within = split.cases_in(key)
        for place, item in enumerate(items):
            counted = found(tallies, key, place) or Tally()
            rows.append((*key, *item.cells, *counted.measures(texts.get(key, 0), within)))
    notes = [
        "references: excerpts coded (an excerpt coded twice with a code counts once); "
        "characters and milliseconds: the union of the code's spans in each source, so "
        "overlapping excerpts count once; coverage: characters over the characters of "
        "every text source of the row's group (of the project, without a breakdown); "
        "without_position: references on picture or PDF regions, or on transcript spans "
        "without a timed sync point at each end, which have neither (a timed transcript "
        "span counts in the recording's milliseconds).",
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
        (*distinct(split.columns, FIXED), *FIXED),
        rows,
        notes=(*notes, *coded.notes()),
    )


class _Contribution:
    """What one case's excerpts add up to, counted in one sweep in document order."""

    __slots__ = ("codes", "excerpts", "last", "references", "sources")

    def __init__(self, case: Case) -> None:
        self.excerpts = self.references = 0
        self.sources = set(case.sources)
        self.codes: set[UUID] = set()
        self.last: object = None

    def add(self, segment: Segment) -> None:
        codes = segment.codes
        self.excerpts += 1
        self.references += len(codes)
        self.codes.update(codes)
        if segment.source is not self.last:  # a source's segments are consecutive
            self.last = segment.source
            self.sources.add(segment.source.id)


_CASE_COLUMNS = frozenset(("case_id", "case", "kind", "excerpts", "references", "sources", "codes"))


def used_variables(project: Project, used: Iterable[UUID]) -> list[Variable]:
    """The variables whose ids are in ``used``, in the project's order, the first of an id
    that two share (a damaged file's: `duplicate-id`) once."""
    wanted = set(used)
    first: dict[UUID, Variable] = {}
    for variable in project.variables:
        if variable.id in wanted:
            first.setdefault(variable.id, variable)
    return list(first.values())


def variable_headers(variables: list[Variable], fixed: Iterable[str] = _CASE_COLUMNS) -> list[str]:
    """A variable's column is its name; where another variable or a ``fixed`` column of
    the table has that name, its name and type, and where that too is taken, its name
    and id."""
    names = Counter(variable.name for variable in variables)
    typed = Counter((variable.name, variable.type) for variable in variables)
    taken = set(fixed)
    headers = []
    for v in variables:
        tried = [v.name] if names[v.name] == 1 else []
        if typed[v.name, v.type] == 1:
            tried.append(f"{v.name} ({v.type.value})")
        header = next(
            (h for h in tried if h not in taken and (h == v.name or h not in names)),
            f"{v.name} ({v.id})",
        )
        taken.add(header)
        headers.append(header)
    return headers


_NO_CASES = (
    "The project has no cases, so the table has no rows; frequencies by='source' "
    "(--by source) gives a row per code and source.",
)


@bulk()
def cases(project: Project) -> Table:
    """One row per case: its kind, the value of every variable (a column each, by name;
    by name and type, or name and id, where names are shared),
    and what it contributed: excerpts attributed to it (directly or through its sources),
    the references on them, the distinct sources they lie in and the distinct codes
    applied."""
    coded = Coded(project)
    used = dict.fromkeys(value.variable for case in project.cases for value in case.values)
    variables = used_variables(project, used)
    contributions = {id(case): _Contribution(case) for case in project.cases}
    for _, segments in coded.sources():
        for segment in segments:
            for case in segment.cases:
                contributions[id(case)].add(segment)
    rows = []
    for case in project.cases:
        values = {value.variable: cell(value.value) for value in case.values}
        found = contributions[id(case)]
        rows.append(
            (
                str(case.id),
                case.label,
                case.kind,
                *(values.get(v.id) for v in variables),
                found.excerpts,
                found.references,
                len(found.sources),
                len(found.codes),
            )
        )
    return Table(
        "cases",
        (
            "case_id",
            "case",
            "kind",
            *variable_headers(variables),
            "excerpts",
            "references",
            "sources",
            "codes",
        ),
        rows,
        notes=(
            "references: codes applied to the case's excerpts (a code once per excerpt); "
            "sources: those the case lists and those its excerpts lie in.",
            *(() if project.cases else _NO_CASES),
            *coded.notes(),
        ),
    )
