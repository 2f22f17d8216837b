"""What every table shares: the coded segments of a project (each excerpt with its place,
cases and coders), the codes or themes a table is about, and the breakdowns of its rows.

A *segment* is one excerpt. Its position is an interval on one axis: characters of the
source's text for a text span (on a text, a picture's description or a PDF's
representation), milliseconds for a time span, and for a transcript span between two sync
points that both have a time, the recording's milliseconds between those times. Picture
and PDF regions, and transcript spans with an open or untimed end, have none, and the
tables say so in a column instead of guessing.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, TypeVar
from uuid import UUID

import attrs
from attrs import frozen

from qcode._formats._limits import Limits
from qcode._issues import NotFoundError
from qcode._model import (
    Case,
    Code,
    Coding,
    Excerpt,
    PDFContent,
    PDFRegion,
    PictureRegion,
    Project,
    Source,
    TextSpan,
    Theme,
    TimeSpan,
    TranscriptSpan,
)
from qcode._model._lookup import GUID, same_text
from qcode._model._project import given_project
from qcode._model._sources import transcript_clock, transcript_words
from qcode._table import Cell
from qcode._validation._rules import code_depths

CHARACTERS, MILLISECONDS = "characters", "milliseconds"
"""The units of a segment's position."""

Key = tuple[Cell, ...]
"""The cells that name a group of rows (a source, a kind, a case, a value, a coder)."""


class Segment:
    """One coded excerpt as the tables see it; ``number`` is its place in document order."""

    __slots__ = ("cases", "end", "excerpt", "number", "source", "start", "unit")

    def __init__(
        self, number: int, source: Source, excerpt: Excerpt, cases: tuple[Case, ...]
    ) -> None:
        self.number = number
        self.source = source
        self.excerpt = excerpt
        self.cases = cases
        anchor = excerpt.anchor
        self.unit: str | None = None
        self.start: int | None = None
        self.end: int | None = None
        if isinstance(anchor, TextSpan):
            self.unit, self.start, self.end = CHARACTERS, anchor.start, anchor.end
        elif isinstance(anchor, TimeSpan):
            self.unit, self.start, self.end = MILLISECONDS, anchor.begin, anchor.end

    @property
    def codes(self) -> tuple[UUID, ...]:
        """The codes applied, each once, in the order of the codings."""
        codings = self.excerpt.codings
        if len(codings) == 1:
            return (codings[0].code,)
        return tuple(dict.fromkeys(coding.code for coding in codings))


_REGIONS = (PictureRegion, PDFRegion)
_END = operator.attrgetter("end")


def _position(segment: Segment) -> tuple[bool, int, int]:
    """Where a segment lies in its source, those without a position after the rest."""
    return (segment.start is None, segment.start or 0, segment.end or 0)


class Coded:
    """A project's segments, made source by source as a table sweeps them, and the names
    the tables show.

    `sources` gives each source with its segments in document order, made when the sweep
    reaches it and let go when it moves on: a table holds one source's segments at a time,
    however large the project, so the memory it works in stays small, is used again source
    after source, and still holds a source's segments when the table comes to them (making
    every segment first cost 3-12 % of a table's time on 50,000 excerpts). What
    the sweep met (`notes`, `count`, `beyond`) is known once it has gone over every
    source.

    An excerpt is attributed to the cases that list it, and to those that list its source
    but none of that source's excerpts (the whole source is theirs, as in REFI-QDA)."""

    def __init__(self, project: Project) -> None:
        self.project = project = given_project(project, "a table")
        self.users = {u.id: u.name or u.login or str(u.id) for u in project.users}
        self._found = Attribution(project)
        self.cases_of_source = self._found.of_source
        self._words: dict[int, Callable[[TranscriptSpan], str | None]] = {}
        self._coder_names: dict[UUID | None, tuple[str, ...]] = {}
        self.count = 0
        """The segments swept so far (each source's numbered on from the last's)."""
        self.chosen: frozenset[UUID] | None = None
        """The codes the table is about (`about`), of which the counts below count
        segments; ``None``: every code."""
        self.untimed = 0
        """Transcript spans left without a position: an end open or its sync point untimed."""
        self.twins = 0
        """Excerpts of PDF sources counted as one with another of the same id."""
        self.regions = 0
        """Picture and PDF regions, which lie on no text or recording."""
        self.beyond = 0
        """Text spans reaching past the end of their source's text."""
        self.past_end = 0
        """Those among the segments of the source the sweep is at."""

    def sources(self) -> Iterator[tuple[Source, list[Segment]]]:
        """Each source of the project, in its order, with its segments in document order
        (by start, then end, those without a position last), numbered in the order of the
        whole project. Each sweep starts the counts again."""
        self.count = self.untimed = self.twins = self.regions = self.beyond = 0
        found = self._found
        listing = found.of_excerpt
        for source in self.project.sources:
            excerpts: Iterable[Excerpt] = source.excerpts
            if isinstance(source.content, PDFContent):
                excerpts = self._one_per_id(excerpts)
            shared, first = found.owners.get(source.id, ()), self.count
            segments = [
                Segment(n, source, excerpt, found.cases(excerpt, shared) if listing else shared)
                for n, excerpt in enumerate(excerpts, first)
            ]
            if getattr(source.content, "transcripts", ()):
                self._time(source, segments)
            self._in_document_order(segments, first)
            self._measure_beyond(source, segments)
            self.count += len(segments)
            yield source, segments

    def _in_document_order(self, placed: list[Segment], first: int) -> None:
        """Put one source's segments (numbered from ``first``) in document order, counting
        the regions among them. The common case, in order and all placed, costs one sort
        of the starts, which finds them sorted in one pass (a file may hold excerpts in
        the order they were coded)."""
        starts = [segment.start for segment in placed]
        if None in starts:
            self.regions += sum(
                type(s.excerpt.anchor) in _REGIONS and self._chosen(s.codes) for s in placed
            )
        elif sorted(starts) == starts:  # type: ignore[type-var]
            return
        placed.sort(key=_position)
        for number, segment in enumerate(placed, first):
            segment.number = number

    def _measure_beyond(self, source: Source, segments: list[Segment]) -> None:
        """Count the text spans of ``segments`` that reach past the end of the text."""
        limit = len(source.text or "")
        try:  # the common case, every end an int within the text, in one pass in C
            last = max(map(_END, segments), default=0)
        except TypeError:  # None (a region, an untimed span) among the ends
            last = None
        if isinstance(last, int) and last <= limit:
            self.past_end = 0
        else:  # some end lies past the text, or a time span's end seemed to
            past = [s for s in segments if s.unit == CHARACTERS and (s.end or 0) > limit]
            self.past_end = len(past)
            self.beyond += sum(self._chosen(s.codes) for s in past)

    def _one_per_id(self, excerpts: Iterable[Excerpt]) -> Iterable[Excerpt]:
        """A PDF source's excerpts, each id once. ATLAS.ti writes a PDF quotation twice
        under one id: as a region of a page and as a span of the PDF's text. The span
        stands for both, as it has a place in the text, with the codings of both."""
        kept: dict[UUID, Excerpt] = {}
        merged: dict[UUID, int] = {}  # by id: the twins counted as one with it
        for excerpt in excerpts:
            twin = kept.get(excerpt.id)
            if twin is None:
                kept[excerpt.id] = excerpt
                continue
            span, other = (
                (excerpt, twin) if isinstance(excerpt.anchor, TextSpan) else (twin, excerpt)
            )
            codings = tuple(dict.fromkeys((*span.codings, *other.codings)))
            quote = span.quote if span.quote is not None else other.quote  # the region's words
            kept[excerpt.id] = attrs.evolve(span, codings=codings, quote=quote)
            merged[excerpt.id] = merged.get(excerpt.id, 0) + 1
        self.twins += sum(
            n for id_, n in merged.items() if self._chosen(c.code for c in kept[id_].codings)
        )
        return kept.values()

    def _time(self, source: Source, segments: list[Segment]) -> None:
        """Place each transcript span of ``segments`` on the recording's time axis."""
        clock = transcript_clock(source)
        for segment in segments:
            anchor = segment.excerpt.anchor
            if not isinstance(anchor, TranscriptSpan):
                continue
            times = clock(anchor)
            if times is None:
                self.untimed += self._chosen(segment.codes)
            else:
                segment.unit, (segment.start, segment.end) = MILLISECONDS, times

    def text(self, segment: Segment) -> str | None:
        """What a segment says: a text span's characters (where the text reaches its end),
        else the excerpt's quote, else for a transcript span the transcript's words between
        its sync points. A quote that holds a text span's characters is given itself, not
        a copy: a table with a row per segment then makes no string per row for it."""
        quote = segment.excerpt.quote
        if segment.unit == CHARACTERS:
            text = segment.source.text
            start, end = segment.start or 0, segment.end or 0
            if text is not None and end <= len(text):  # else past a text that is missing
                if (
                    quote is not None
                    and len(quote) == end - start
                    and text.startswith(quote, start)
                ):
                    return quote
                return text[start:end]
        anchor = segment.excerpt.anchor
        if quote is not None or not isinstance(anchor, TranscriptSpan):
            return quote
        words = self._words.get(id(segment.source))
        if words is None:
            words = self._words[id(segment.source)] = transcript_words(segment.source)
        return words(anchor)

    def coder(self, coder: UUID | None) -> str | None:
        """A coder's name (their id where the project does not list them)."""
        if coder is None:
            return None
        name = self.users.get(coder)
        return str(coder) if name is None else name

    def coder_names(self, coder: UUID | None) -> tuple[str, ...]:
        """A coder's name as a table's list cell (none for no coder): one tuple per coder,
        shared by every row it is in (fewer objects to make and to collect)."""
        names = self._coder_names.get(coder)
        if names is None:
            name = self.coder(coder)
            names = self._coder_names[coder] = () if name is None else (name,)
        return names

    def about(self, items: Sequence[Item]) -> None:
        """Count in the notes only segments carrying a code of ``items`` (the table's), set
        before the sweep."""
        self.chosen = frozenset().union(*(item.codes for item in items))

    def _chosen(self, codes: Iterable[UUID]) -> bool:
        """Whether a segment with ``codes`` counts in the notes (`about`)."""
        return self.chosen is None or not self.chosen.isdisjoint(codes)

    def notes(self) -> tuple[str, ...]:
        """What the table leaves out, said rather than dropped: of the segments that carry
        a code the table is about (`about`)."""
        whole = sum(
            self._chosen((coding.code,))
            for source in self.project.sources
            for coding in source.codings
        )
        said = []
        if not self.project.sources:
            said.append(
                "The project holds no sources: nothing is coded (a codebook read as a "
                "project holds none)."
            )
        if whole:
            said.append(f"{whole} coding(s) of whole sources are not counted: only excerpts are.")
        if self.twins:
            said.append(
                f"{self.twins} excerpt(s) of PDF sources share an id with another (ATLAS.ti "
                "writes a PDF quotation as a region and as the text under it): each such pair "
                "counts once, as its text."
            )
        if self.untimed:
            said.append(
                f"{self.untimed} transcript span(s) have no position: an end is open, a sync "
                "point has no time, or the end comes before the start."
            )
        if self.beyond:
            said.append(
                f"{self.beyond} text span(s) reach past the end of their source's text "
                "(validate reports them): only their characters within the text are counted "
                "or compared, and their text is their quote, if any."
            )
        if self.regions:
            said.append(
                f"{self.regions} region(s) of pictures or PDF pages lie on no text or "
                "recording: they count as references, with no characters or milliseconds."
            )
        return tuple(said)


def pdf_twins(source: Source) -> int:
    """The excerpts of a PDF source that share an id with another of its excerpts, which the
    tables count as one with it (`Coded`); none for other sources."""
    if not isinstance(source.content, PDFContent):
        return 0
    return len(source.excerpts) - len({excerpt.id for excerpt in source.excerpts})


class Attribution:
    """The cases each excerpt is attributed to: those that list it, and those that list its
    source but none of that source's excerpts (the whole source is theirs, as in REFI-QDA).
    Finding the latter takes a walk over the excerpts, made only when a case lists any."""

    def __init__(self, project: Project) -> None:
        self.of_source: dict[UUID, list[Case]] = {}
        self.of_excerpt: dict[UUID, list[Case]] = {}
        self._place = {id(case): n for n, case in enumerate(project.cases)}
        for case in project.cases:
            for source_id in dict.fromkeys(case.sources):
                self.of_source.setdefault(source_id, []).append(case)
            for excerpt_id in dict.fromkeys(case.excerpts):
                self.of_excerpt.setdefault(excerpt_id, []).append(case)
        listed: dict[int, set[UUID]] = {}  # by case: the sources it lists excerpts of
        if self.of_excerpt:
            for source in project.sources:
                for excerpt in source.excerpts:
                    for case in self.of_excerpt.get(excerpt.id, ()):
                        listed.setdefault(id(case), set()).add(source.id)
        self.owners = {
            source_id: owners
            for source_id, cases in self.of_source.items()
            if (owners := tuple(c for c in cases if source_id not in listed.get(id(c), ())))
        }

    def cases(self, excerpt: Excerpt, shared: tuple[Case, ...]) -> tuple[Case, ...]:
        """The cases ``excerpt`` is attributed to, each once, in the project's order
        (``shared``: the owners of its whole source, from `owners`)."""
        listed = self.of_excerpt.get(excerpt.id)
        if not listed:
            return shared
        if not shared:
            return tuple(listed)
        # told apart by identity: a case's hash covers its values
        both = {id(case): case for case in (*shared, *listed)}
        return tuple(both[n] for n in sorted(both, key=self._place.__getitem__))


@frozen
class Item:
    """A code or a theme a table is about: what it shows and the codes it counts."""

    kind: str
    """``"code"`` or ``"theme"``."""
    id: UUID
    path: str
    name: str
    codes: frozenset[UUID]

    @property
    def cells(self) -> Key:
        """The id, path and name, as the first cells of the item's rows."""
        return (str(self.id), self.path, self.name)


def item_columns(kind: str) -> tuple[str, str, str]:
    """The columns that identify a code or a theme: id, path, name."""
    return (f"{kind}_id", f"{kind}_path", kind)


CodeKeys = Code | UUID | str | Iterable[Code | UUID | str]
"""A code (by itself, its id, its path or its name) or several."""
ThemeKeys = Theme | UUID | str | Iterable[Theme | UUID | str]
"""A theme (by itself, its id or its name) or several."""


def select(
    project: Project,
    codes: CodeKeys | None = None,
    themes: ThemeKeys | bool = False,
    include_children: bool = False,
) -> list[Item]:
    """The codes (default: every code) or, when ``themes`` is given (``True``: every
    theme), the themes a table is about; ``include_children`` rolls up the codes (or themes)
    below each. ``themes=None`` is ``themes`` not given, as ``codes=None`` is."""
    index = project._index
    themes = False if themes is None else themes
    flag("include_children", include_children)
    if themes is not False and codes is not None:
        raise ValueError("give codes or themes, not both: a table is about one or the other")
    if include_children:
        refuse_unbounded_trees(project.themes if themes is not False else project.codes)
    if themes is not False:
        if themes is True and not project.themes:
            raise NotFoundError("the project has no themes: make the table of codes instead")
        chosen = _chosen(themes, project.themes, (Theme, UUID, str), index.theme)
        return [_theme_item(project, theme, include_children) for theme in chosen]

    def code(key: Code | UUID | str) -> Code:
        try:
            return index.code(key)
        except NotFoundError as missed:
            if isinstance(key, str) and any(same_text(t.name, key) for t in project.themes):
                raise NotFoundError(
                    f"{missed}; {key!r} is a theme: choose it with themes= (--theme)"
                ) from None
            raise

    picked = _chosen(codes, project.codes, (Code, UUID, str), code)
    return [
        Item(
            "code",
            code.id,
            project.path(code),
            code.name,
            frozenset(c.id for c in index.descendants(code))
            if include_children
            else frozenset((code.id,)),
        )
        for code in picked
    ]


def flag(name: str, value: object) -> None:
    """Refuse an option that is a yes or no given as anything but ``True`` or ``False`` (or
    what equals them: 1 and 0, NumPy's booleans); ``per_source="no"`` would be taken as
    yes."""
    if isinstance(value, str) or value not in (True, False):
        raise TypeError(f"{name} is True or False, not {value!r}")


def refuse_unbounded_trees(nodes: tuple[Code, ...] | tuple[Theme, ...]) -> None:
    """``include_children`` gives each item its whole subtree, which costs items × depth:
    a tree with a parent cycle (where every member is below every other) or deeper than
    `Limits.code_depth` (which no REFI-QDA file holds) is refused, so that a hostile file
    cannot make a table take without bound."""
    depths = code_depths(nodes)
    limit = Limits().code_depth
    for node in nodes:
        kind = type(node).__name__.lower()
        depth = depths.get(node.id)
        if depth is None:
            raise ValueError(
                f"include_children needs a {kind} tree without loops; {kind} {node.name!r} "
                "is in or below a parent cycle (qcode validate shows it)"
            )
        if depth > limit:
            raise ValueError(
                f"include_children needs {kind}s at most {limit} levels deep "
                f"(Limits.code_depth); {kind} {node.name!r} sits {depth} levels deep"
            )


_T = TypeVar("_T")


def _chosen(
    given: object, every: Sequence[_T], one: tuple[type, ...], find: Callable[[Any], _T]
) -> Sequence[_T]:
    """``every`` item (``given`` is ``None`` or ``True``), the one ``given``, or each of
    several, found by ``find`` (each once, in the order given)."""
    if given is None or given is True:
        return every
    if isinstance(given, one):
        return [find(given)]
    if not isinstance(given, Iterable):
        raise TypeError(
            f"give one by itself, its id, path or name, or a list of them; not {given!r}"
        )
    found = {id(item): item for item in (find(key) for key in given)}
    if not found:  # a filter that kept nothing, say: the table would be empty, unsaid
        every_one = "themes=True" if one[0] is Theme else "codes=None"
        raise ValueError(
            f"an empty list chooses nothing: give one or more, or {every_one} for every one"
        )
    return list(found.values())


def _theme_item(project: Project, theme: Theme, include_children: bool) -> Item:
    codes = project.codes_of(theme, include_children=include_children)
    path = project._index.theme_paths[theme.id]
    return Item("theme", theme.id, path, theme.name, frozenset(c.id for c in codes))


def items_by_code(items: Sequence[Item]) -> dict[UUID, list[int]]:
    """For each code, the positions in ``items`` of the items that count it."""
    found: dict[UUID, list[int]] = {}
    for at, item in enumerate(items):
        for code in item.codes:
            found.setdefault(code, []).append(at)
    return found


def cell(value: Any) -> Cell:
    """A variable's value as a table cell (dates as ISO text)."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value  # type: ignore[no-any-return]


@frozen
class Breakdown:
    """How a table's rows are split: the columns that name a group, every group in order,
    and the groups a source and a segment (or one of its codings) belong to (a source or a
    segment with no case or no value belongs to the group of none, whose text it adds to)."""

    name: str
    columns: tuple[str, ...]
    groups: list[Key]
    of_source: Callable[[Source], list[Key]]
    of_segment: Callable[[Segment, Coding | None], list[Key]]
    per_coding: bool = False
    """Whether a segment's groups depend on the coding (the coder); otherwise they depend
    only on the segment's source and cases, so consecutive segments sharing both share
    their groups."""
    cases_in: Callable[[Key], set[int] | None] = lambda key: None
    """The cases (by `id`) a group is about, where it is defined by its cases (a case, a
    value cases hold): a segment of P2 and P3 counts one case in P2's group, not two.
    ``None``: every case a group's segments are attributed to counts."""

    def label(self, key: Key) -> str:
        """A group's name as a column header of a wide table."""
        if not key:
            return "(all)"
        shown = key[-1]
        return "(none)" if shown is None else str(shown)


BREAKDOWNS = ("source", "kind", "case", "variable:NAME", "coder")


def breakdown(coded: Coded, by: str | None) -> Breakdown:
    """The breakdown ``by`` names: ``None`` (all together), ``"source"``, ``"kind"``,
    ``"case"``, ``"variable:NAME"`` or ``"coder"``."""
    project = coded.project
    if by is not None and not isinstance(by, str):
        raise TypeError(f"by is a breakdown's name ({', '.join(BREAKDOWNS)}), not {by!r}")
    if by is None:
        return Breakdown("all", (), [()], lambda s: [()], lambda s, c: [()])
    if by == "source":
        return Breakdown(
            by,
            ("source_id", "source"),
            [(str(s.id), s.name) for s in project.sources],
            lambda s: [(str(s.id), s.name)],
            lambda seg, c: [(str(seg.source.id), seg.source.name)],
        )
    if by == "kind":
        return Breakdown(
            by,
            ("kind",),
            [(kind,) for kind in sorted({s.kind for s in project.sources})],
            lambda s: [(s.kind,)],
            lambda seg, c: [(seg.source.kind,)],
        )
    if by == "case":
        keys = {case.id: (str(case.id), case.label) for case in project.cases}
        own: dict[Key, set[int]] = {keys[case.id]: {id(case)} for case in project.cases}
        uncased = any(not coded.cases_of_source.get(s.id) for s in project.sources)
        return Breakdown(
            by,
            ("case_id", "case"),
            [*keys.values(), *([(None, None)] if uncased else [])],  # no case: listed too
            lambda s: [keys[c.id] for c in coded.cases_of_source.get(s.id, [])] or [(None, None)],
            lambda seg, c: [keys[case.id] for case in seg.cases] or [(None, None)],
            cases_in=lambda key: own.get(key, set()),
        )
    if by == "coder":
        return Breakdown(
            by,
            ("coder_id", "coder"),
            [(str(u.id), coded.users[u.id]) for u in project.users],
            lambda s: [],
            _by_coder(coded),
            per_coding=True,
        )
    if by.startswith("variable:"):
        return _by_variable(coded, by.removeprefix("variable:"))
    raise ValueError(f"cannot break a table down by {by!r}; choose one of {', '.join(BREAKDOWNS)}")


def _by_variable(coded: Coded, name: str) -> Breakdown:
    """The values of the variables called ``name`` (all of them, where several share it),
    or of the one whose id ``name`` spells."""
    project = coded.project
    wanted = UUID(name) if GUID.match(name) else None
    found = (
        [v for v in project.variables if v.id == wanted]
        or [v for v in project.variables if v.name == name]
        or [v for v in project.variables if same_text(v.name, name)]
    )
    if not found:
        known = ", ".join(repr(v.name) for v in project.variables) or "none"
        raise NotFoundError(f"no variable is called {name!r} (variables: {known})")
    ids = {v.id for v in found}

    def values(holders: Iterable[Source | Case]) -> list[Key]:
        found = dict.fromkeys(
            cell(value.value)
            for holder in holders
            for value in holder.values
            if value.variable in ids and value.value is not None
        )
        return [(value,) for value in found]

    def of_source(source: Source) -> list[Key]:
        return values([source, *coded.cases_of_source.get(source.id, [])]) or [(None,)]

    def of_segment(seg: Segment, coding: Coding | None) -> list[Key]:
        return values([seg.source, *seg.cases]) or [(None,)]

    holders: list[Source | Case] = [*project.sources, *project.cases]
    groups = sorted(set(values(holders)), key=_value_order)
    if any(of_source(source) == [(None,)] for source in project.sources):
        groups.append((None,))  # the group of no value, listed whether coded or not
    named = found[0].name  # as the project writes it
    if values(project.sources):  # a source's value: its excerpts' cases count in its group
        return Breakdown(f"variable:{named}", (named,), groups, of_source, of_segment)
    holding: dict[Key, set[int]] = defaultdict(set)
    for case in project.cases:
        for key in values([case]) or [(None,)]:
            holding[key].add(id(case))
    return Breakdown(
        f"variable:{named}",
        (named,),
        groups,
        of_source,
        of_segment,
        cases_in=lambda key: holding.get(key, set()),
    )


def _value_order(key: Key) -> tuple[int, float, str]:
    """Numbers by their value (9 before 30 before 100), then other values by type and text
    (dates are ISO text, which sorts by date)."""
    value = key[0]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, float(value), "")
    return (1, 0.0, f"{type(value).__name__}:{value}")


def _by_coder(coded: Coded) -> Callable[[Segment, Coding | None], list[Key]]:
    def of_segment(seg: Segment, coding: Coding | None) -> list[Key]:
        coder = None if coding is None else coding.coder
        return [(None if coder is None else str(coder), coded.coder(coder))]

    return of_segment
