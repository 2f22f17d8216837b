"""Who is compared, and over what: the sides (coders, groups of coders, or whole projects),
the sources they share, and what each side coded with each code, as merged positions.

A *universe* is one axis of one source: its text in characters (code points, as read, so a
file's offset dialect is already corrected), a recording in milliseconds, a picture in
pixels, or a PDF's pages in points (stacked one above the other, so that regions on
different pages never meet). Each side's codings of a code in a universe are merged before
anything is counted, so a coder who coded the same words twice with one code counts them
once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from uuid import UUID

from attrs import evolve, field, frozen

from qcode._intervals import Interval, Rectangle, area, intersection, length, merged
from qcode._issues import NotFoundError, QcodeError
from qcode._model import (
    Code,
    Coding,
    PDFRegion,
    PictureRegion,
    Project,
    Source,
    TextSpan,
    TimeSpan,
    TranscriptSpan,
    User,
)
from qcode._model._lookup import counterparts, nfc
from qcode._model._project import given_project
from qcode._model._sources import anchor_problems, transcript_clock
from qcode.analysis._select import flag, refuse_unbounded_trees

CHARACTERS, MILLISECONDS, PIXELS, POINTS = "characters", "milliseconds", "pixels", "points"
_PLANES = (PIXELS, POINTS)
"""The units whose coverage is rectangles."""

CoderSpec = User | str | UUID | Sequence[User | str | UUID]
"""One side: a user (itself, its id, name or login), or a group of users as a list."""


class AgreementError(QcodeError, ValueError):
    """The comparison asked for cannot be made (too few coders, a coder who is not there)."""


@frozen
class Side:
    """One party to a comparison: some coders of a project, or all of it (``coders``
    ``None``)."""

    label: str
    project: Project
    coders: frozenset[UUID] | None = None

    def codes(self, coding: Coding) -> bool:
        """Whether ``coding`` is this side's."""
        return self.coders is None or coding.coder in self.coders


@frozen
class Universe:
    """One axis of one source: ``size`` units of ``unit``; ``text`` for characters."""

    source: str
    unit: str
    size: int
    text: str | None = None


@frozen
class Coverage:
    """What one side coded with one code in one universe: merged ``spans`` on a line, or
    ``boxes`` in a picture."""

    spans: tuple[Interval, ...] = ()
    boxes: tuple[Rectangle, ...] = ()
    size: int = field(init=False)

    @size.default
    def _size(self) -> int:
        return area(self.boxes) if self.boxes else length(self.spans)


EMPTY = Coverage()


def overlap(a: Coverage, b: Coverage) -> int:
    """How many units both cover."""
    if a.boxes or b.boxes:
        return a.size + b.size - area(a.boxes + b.boxes)
    return length(intersection(list(a.spans), list(b.spans)))


def union(coverages: Iterable[Coverage]) -> Coverage:
    """The units any of ``coverages`` covers."""
    items = list(coverages)
    boxes = tuple(box for c in items for box in c.boxes)
    return Coverage(spans=tuple(merged(s for c in items for s in c.spans)), boxes=boxes)


@frozen
class Comparison:
    """Sides, the universes they share, the codes compared (key and path), and each side's
    coverage per (universe index, code key); ``notes`` say what could not be compared."""

    sides: tuple[Side, ...]
    universes: tuple[Universe, ...]
    codes: tuple[tuple[UUID, str], ...]
    coverage: dict[tuple[int, UUID], tuple[Coverage, ...]]
    notes: tuple[str, ...] = ()
    nobody: str = "no coding names the user who made it, and it compares coders' codings"
    """Why there are no sides, where there are none."""

    def cells(self) -> Iterator[tuple[int, UUID, str, tuple[Coverage, ...]]]:
        """(universe index, code key, code path, coverage per side) for every code that some
        side coded in a universe, universes in source order, codes in codebook order."""
        paths = dict(self.codes)
        order = {key: n for n, key in enumerate(paths)}
        for index, key in sorted(self.coverage, key=lambda cell: (cell[0], order[cell[1]])):
            yield index, key, paths[key], self.coverage[index, key]

    def on_lines(
        self, notes: list[str], why: str
    ) -> Iterator[tuple[int, str, tuple[Coverage, ...]]]:
        """`cells` in characters and milliseconds, without their code key; each picture
        left out is said once in ``notes``, with ``why``."""
        skipped: set[int] = set()
        for index, _, path, coverages in self.cells():
            if any(c.boxes for c in coverages):
                if index not in skipped:
                    skipped.add(index)
                    universe = self.universes[index]
                    notes.append(f"{universe.unit} of {universe.source!r} left out: {why}")
                continue
            yield index, path, coverages

    def needs(self, count: int | None, method: str) -> None:
        """Refuse ``method``, which compares ``count`` sides (``None``: two or more), when
        there are not as many."""
        labels = ", ".join(side.label for side in self.sides)
        if len(self.sides) < 2 or (count is not None and len(self.sides) != count):
            wanted = "two sides" if count == 2 else "two or more sides"
            if not self.sides:
                hint = self.nobody
            elif len(self.sides) < 2:
                hint = (
                    "it needs a second coder's codings, in this project or in a copy to "
                    "compare it with"
                )
            else:
                hint = "choose two with coders (--coders on the command line)"
            raise AgreementError(
                f"{method} compares {wanted}; given {len(self.sides)} ({labels or 'none'}): " + hint
            )


def compare(
    project: Project,
    other: Project | None = None,
    *,
    coders: Sequence[CoderSpec] | None = None,
    include_children: bool = False,
) -> Comparison:
    """What each side coded, code by code, in the sources the sides share.

    With one project the sides are its coders (``coders``: users or groups of users; by
    default every user who coded something). With ``other``, the two projects are the two
    sides (``coders``, if given, names one user or group in each); their sources are matched
    by id, else by identical (non-empty) text, and their codes by id, else by name under the
    code their parent matched: what cannot be matched is said in the notes, never guessed.
    ``include_children`` counts a code's descendants' codings as the code's own (NVivo's
    aggregate codes).
    """
    if isinstance(coders, (User, str, UUID)):
        raise TypeError(
            f"coders is a list of sides (such as ['Ann', 'Ben']), not the one {coders!r}"
        )
    project = given_project(project, "an agreement measure")
    flag("include_children", include_children)
    if other is not None:
        other = given_project(other, "an agreement measure (the other coder's copy)")
    if other is None:
        by_coder = Counter(  # each coder's codings, in one walk over them
            coding.coder
            for source in project.sources
            for coding in (*source.codings, *(c for e in source.excerpts for c in e.codings))
        )
        sides = _sides_within(project, coders, by_coder)
        _distinct_sides(sides)
        pairs: list[tuple[Source, ...]] = [(s,) * len(sides) for s in project.sources if sides]
        notes: list[str] = _unseen(project, sides, by_coder) if sides else []
    else:
        sides = _sides_between(project, other, coders)
        pairs, notes = _matched_sources(sides)
    codes, keys = _matched_codes(sides, include_children, notes)
    universes: list[Universe] = []
    coverage: dict[tuple[int, UUID], tuple[Coverage, ...]] = {}
    left_out: dict[str, int] = defaultdict(int)
    for sources in pairs:
        found = _coded(sides, sources, keys, left_out)
        for unit, by_code in found.items():
            if unit == POINTS:
                by_code, boxes_all = _stacked(by_code)
                size = boxes_all[2] * boxes_all[3]
            else:
                size, boxes_all = _size(unit, sources, by_code)
            index = len(universes)
            universes.append(Universe(sources[0].name, unit, size, sources[0].text))
            for code_key, per_side in by_code.items():
                coverage[index, code_key] = tuple(
                    _coverage(unit, places, size, boxes_all) for places in per_side
                )
    notes.extend(
        f"{count} coding{'' if count == 1 else 's'} {kind} left out: {_LEFT_OUT[kind]}"
        for kind, count in left_out.items()
        if count and kind != _BEYOND
    )
    if beyond := left_out[_BEYOND]:
        notes.append(
            f"{beyond} coding{'' if beyond == 1 else 's'} of text spans "
            f"reach{'es' if beyond == 1 else ''} past the end of the source's text (qcode "
            "validate reports them): only the characters within the text are compared."
        )
    made = Comparison(tuple(sides), tuple(universes), codes, coverage, tuple(notes))
    if sides or any(s.codings or any(e.codings for e in s.excerpts) for s in project.sources):
        return made
    held = "no codings" if project.sources else "no sources"
    return evolve(made, nobody=f"the project holds {held}")


_LEFT_OUT = {
    "of unknown codes": "their code is not in the codebook",
    "of whole sources": "the source has no text and no coded positions to measure them by",
    "on regions": "each region has no area, corners out of order, or a negative coordinate "
    "or page (qcode validate reports the last two)",
    "on untimed transcript spans": "a span is compared on its recording's time axis, which "
    "needs a timed sync point at each end, the end not before the start",
}
"""Why the codings a comparison leaves out (counted in its notes) are left out."""
_BEYOND = "past the end"
"""The codings of text spans reaching past the end of their text, which are compared on
the characters within it (counted in `compare`'s notes)."""
_WHOLE = (-1, -1)
"""Stands for a coding of a whole source, whose extent is known once the universe is."""


Places = dict[str, dict[UUID, list[list[tuple[int, ...]]]]]
"""unit → code key → per side, the raw intervals or rectangles coded."""


def _coded(
    sides: Sequence[Side],
    sources: tuple[Source, ...],
    keys: Sequence[dict[UUID, tuple[UUID, ...]]],
    left_out: dict[str, int],
) -> Places:
    """What each side coded in one source, by unit and code key (one pass over its
    codings: most of the time a comparison takes)."""
    found: Places = {CHARACTERS: {}} if sources[0].text is not None else {}
    m = len(sides)
    for n, (side, source) in enumerate(zip(sides, sources, strict=True)):
        side_keys, coders = keys[n], side.coders
        units = _units_of(source)
        placed: list[tuple[str, tuple[int, ...], tuple[Coding, ...]]] = [
            (unit, _WHOLE, source.codings) for unit in units
        ]
        if source.codings and not units:
            left_out["of whole sources"] += sum(map(side.codes, source.codings))
        clock = None
        for excerpt in source.excerpts:
            anchor = excerpt.anchor
            if isinstance(anchor, (PictureRegion, PDFRegion)) and not _has_area(anchor):
                left_out["on regions"] += sum(map(side.codes, excerpt.codings))
            elif isinstance(anchor, TextSpan):
                if anchor.end > len(source.text or ""):  # compared within the text: said
                    left_out[_BEYOND] += sum(map(side.codes, excerpt.codings))
                placed.append((CHARACTERS, (anchor.start, anchor.end), excerpt.codings))
            elif isinstance(anchor, TimeSpan):
                placed.append((MILLISECONDS, (anchor.begin, anchor.end), excerpt.codings))
            elif isinstance(anchor, PictureRegion):
                box = (anchor.x1, anchor.y1, anchor.x2, anchor.y2)
                placed.append((PIXELS, box, excerpt.codings))
            elif isinstance(anchor, PDFRegion):
                region = (anchor.page, anchor.x1, anchor.y1, anchor.x2, anchor.y2)
                placed.append((POINTS, region, excerpt.codings))
            elif isinstance(anchor, TranscriptSpan):
                clock = clock or transcript_clock(source)
                times = clock(anchor)
                if times is not None:
                    placed.append((MILLISECONDS, times, excerpt.codings))
                else:
                    left_out["on untimed transcript spans"] += sum(map(side.codes, excerpt.codings))
        for unit, place, codings in placed:
            for coding in codings:
                if coders is not None and coding.coder not in coders:
                    continue
                targets = side_keys.get(coding.code)
                if targets is None:
                    left_out["of unknown codes"] += 1
                    continue
                if not targets:  # its code is only in one of two projects: said so
                    continue
                by_code = found.setdefault(unit, {})
                for key in targets:
                    per_side = by_code.get(key)
                    if per_side is None:
                        per_side = by_code[key] = [[] for _ in range(m)]
                    per_side[n].append(place)
    return found


def _units_of(source: Source) -> list[str]:
    """The units a coding of the whole source covers."""
    if not source.codings:
        return []
    units = [CHARACTERS] if source.text is not None else []
    anchors = {
        type(anchor)
        for anchor in (excerpt.anchor for excerpt in source.excerpts)
        if not isinstance(anchor, (PictureRegion, PDFRegion)) or _has_area(anchor)
    }
    units += [MILLISECONDS] if TimeSpan in anchors else []
    units += [PIXELS] if PictureRegion in anchors else []
    return units + ([POINTS] if PDFRegion in anchors else [])


def _has_area(region: PictureRegion | PDFRegion) -> bool:
    """Whether a region covers something: possible (`anchor_problems`, which
    `qcode.validate` reports) and wider and taller than nothing."""
    return not anchor_problems(region) and region.x2 > region.x1 and region.y2 > region.y1


def _stacked(
    by_code: dict[UUID, list[list[tuple[int, ...]]]],
) -> tuple[dict[UUID, list[list[tuple[int, ...]]]], Rectangle]:
    """PDF regions (page, x1, y1, x2, y2) as rectangles of one plane, and the plane's
    extent: pages 0 to the last coded one stacked, each as wide as the furthest coded right
    edge and as tall as the highest coded top edge on any page (qcode does not store a
    page's size). A coding of the whole PDF stays as it is."""
    places = [p for per in by_code.values() for ps in per for p in ps if p != _WHOLE]
    width = max((p[3] for p in places), default=0)
    height = max((p[4] for p in places), default=0)
    pages = max((p[0] for p in places), default=-1) + 1

    def box(p: tuple[int, ...]) -> tuple[int, ...]:
        if p == _WHOLE:
            return p
        page, x1, y1, x2, y2 = p
        return (x1, y1 + page * height, x2, y2 + page * height)

    stacked = {key: [[box(p) for p in ps] for ps in per] for key, per in by_code.items()}
    return stacked, (0, 0, width, pages * height)


def _size(
    unit: str, sources: tuple[Source, ...], by_code: dict[UUID, list[list[tuple[int, ...]]]]
) -> tuple[int, Rectangle]:
    """The universe's size and, for a picture, its extent as a rectangle from the origin."""
    if unit == CHARACTERS:
        text = sources[0].text or ""
        return len(text), (0, 0, len(text), 1)
    places = [p for per in by_code.values() for ps in per for p in ps if p != _WHOLE]
    if unit == MILLISECONDS:
        end = max((p[1] for p in places), default=0)
        return end, (0, 0, end, 1)
    width = max((p[2] for p in places), default=0)
    height = max((p[3] for p in places), default=0)
    return width * height, (0, 0, width, height)


def _coverage(unit: str, places: list[tuple[int, ...]], size: int, whole: Rectangle) -> Coverage:
    if not places:
        return EMPTY
    if unit in _PLANES:
        boxes = [whole if p == _WHOLE else p for p in places]
        return Coverage(boxes=tuple((b[0], b[1], b[2], b[3]) for b in boxes))
    spans = ((0, size) if p == _WHOLE else (max(p[0], 0), min(p[1], size)) for p in places)
    return Coverage(spans=tuple(merged(spans)))


def _label(user: User) -> str:
    return user.name or user.login or str(user.id)


def _sides_within(
    project: Project, coders: Sequence[CoderSpec] | None, made: Counter[UUID | None]
) -> list[Side]:
    """The sides ``coders`` names, or every user who made a coding (``made``)."""
    if coders is None:
        return [Side(_label(u), project, frozenset({u.id})) for u in project.users if u.id in made]
    return [_side(project, spec) for spec in coders]


def _unseen(project: Project, sides: Sequence[Side], made: Counter[UUID | None]) -> list[str]:
    """Notes on what a comparison within ``project`` cannot see: a side that made no
    codings, and codings no side can hold (they name no coder, or one the project lacks;
    a coder left out of ``coders`` was left out by choice); ``made``: each coder's codings."""
    notes = [
        f"{side.label} made no codings" for side in sides if not (side.coders or set()) & set(made)
    ]
    users = {user.id for user in project.users}
    nobody = sum(count for coder, count in made.items() if coder not in users)
    if nobody:
        notes.append(
            f"{nobody} coding{'' if nobody == 1 else 's'} of no coder left out: "
            f"{'it names' if nobody == 1 else 'they name'} none, or one the project lacks"
        )
    return notes


def _distinct_sides(sides: Sequence[Side]) -> None:
    """Refuse a coder on two sides of one project: compared with themself, they would
    agree perfectly."""
    seen: dict[UUID, str] = {}
    for side in sides:
        for coder in side.coders or ():
            if coder in seen:
                raise AgreementError(
                    f"a coder is on two sides ({seen[coder]} and {side.label}); "
                    "each side needs coders of its own"
                )
            seen[coder] = side.label


def _side(project: Project, spec: CoderSpec) -> Side:
    one = (User, str, UUID)
    group = [spec] if isinstance(spec, one) else list(spec) if isinstance(spec, Iterable) else []
    if not group:
        if not isinstance(spec, Iterable):
            raise TypeError(
                "a coder is a user, their name, login or id, or a list of them (a group), "
                f"not {spec!r}"
            )
        raise AgreementError("a group of coders needs at least one coder")
    for key in group:
        if not isinstance(key, one):
            raise TypeError(f"a coder is a user, their name, login or id, not {key!r}")
    users = [project.user(key.id if isinstance(key, User) else key) for key in group]
    return Side("+".join(_label(u) for u in users), project, frozenset(u.id for u in users))


def _sides_between(
    project: Project, other: Project, coders: Sequence[CoderSpec] | None
) -> list[Side]:
    files = [project.name, other.name]
    if files[0] == files[1]:
        files = [f"{files[0]} (1)", f"{files[1]} (2)"]
    if coders is None:
        return [Side(files[0], project), Side(files[1], other)]
    if len(coders) != 2:
        raise AgreementError(
            f"two projects are compared coder against coder, one per project; given "
            f"{len(coders)} coder{'' if len(coders) == 1 else 's'}"
        )
    sides = []
    for side, spec in zip((project, other), coders, strict=True):
        try:
            sides.append(_side(side, spec))
        except NotFoundError as exc:  # say which of the two projects lacks the coder
            raise NotFoundError(f"{side.name}: {exc.args[0]}") from None
    if nfc(sides[0].label) == nfc(sides[1].label):  # one coder's two copies: told apart
        sides = [
            evolve(s, label=f"{s.label} ({file})") for s, file in zip(sides, files, strict=True)
        ]
    return sides


def _matched_sources(sides: Sequence[Side]) -> tuple[list[tuple[Source, ...]], list[str]]:
    """Pairs of sources (by id, else by identical non-empty text), and notes on the rest."""
    first, second = sides[0].project, sides[1].project
    by_id = {s.id: s for s in second.sources}
    by_text: dict[str, list[Source]] = defaultdict(list)
    for source in second.sources:
        if source.text:  # an empty text (not transcribed yet, say) identifies nothing
            by_text[source.text].append(source)
    pairs: list[tuple[Source, ...]] = []
    notes: list[str] = []
    used: set[UUID] = set()
    for source in first.sources:
        match = by_id.get(source.id)
        if match is None and source.text:
            candidates = [s for s in by_text.get(source.text, []) if s.id not in used]
            match = candidates[0] if len(candidates) == 1 else None
            if len(candidates) > 1:
                notes.append(
                    f"source {source.name!r} of {sides[0].label}: {len(candidates)} sources of "
                    f"{sides[1].label} have its text; not compared"
                )
                continue
        if match is None:
            notes.append(f"source {source.name!r} of {sides[0].label} has no match in "
                         f"{sides[1].label}; not compared")  # fmt: skip
        elif match.text != source.text:
            used.add(match.id)
            notes.append(f"source {source.name!r} has different texts in {sides[0].label} and "
                         f"{sides[1].label}; not compared")  # fmt: skip
        else:
            used.add(match.id)
            pairs.append((source, match))
    notes.extend(
        f"source {s.name!r} of {sides[1].label} has no match in {sides[0].label}; not compared"
        for s in second.sources
        if s.id not in used
    )
    return pairs, notes


def _matched_codes(
    sides: Sequence[Side], include_children: bool, notes: list[str]
) -> tuple[tuple[tuple[UUID, str], ...], list[dict[UUID, tuple[UUID, ...]]]]:
    """The codes compared (key, path) and, per side, each code id's keys: its own and, with
    ``include_children``, its ancestors'."""
    if not sides:  # nobody to compare: `Comparison.needs` says so
        return (), []
    if include_children:
        for side in sides:
            try:
                refuse_unbounded_trees(side.project.codes)
            except ValueError as refused:
                raise AgreementError(str(refused)) from None
    first = sides[0].project
    codes: dict[UUID, str] = {c.id: first.path(c) for c in first.codes}
    owns: dict[int, dict[UUID, UUID]] = {}
    for side in sides:
        if id(side.project) not in owns:
            owns[id(side.project)] = _keys_in(side.project, first, notes, side.label)
    others = [own for key, own in owns.items() if key != id(first)]
    if others:  # two projects: a code only one holds could not be coded by the other
        used = {key for own in others for key in own.values()}
        for key in [key for key in codes if key not in used]:
            notes.append(f"code {codes.pop(key)!r} is only in {sides[0].label}; left out")
        owns[id(first)] = {c: key for c, key in owns[id(first)].items() if key in codes}
    keys: list[dict[UUID, tuple[UUID, ...]]] = []
    projects: dict[int, dict[UUID, tuple[UUID, ...]]] = {}
    for side in sides:
        project = side.project
        if id(project) not in projects:
            own = owns[id(project)]
            projects[id(project)] = {
                code.id: _with_ancestors(project, code, own, include_children)
                if code.id in own
                else ()  # only in one project: named in the notes, its codings left out
                for code in project.codes
            }
        keys.append(projects[id(project)])
    return tuple(codes.items()), keys


def _keys_in(project: Project, first: Project, notes: list[str], label: str) -> dict[UUID, UUID]:
    """Each code of ``project`` mapped to the key it is compared under: the first project's
    code of its id, else of its name under the code its parent is compared with
    (`counterparts`); one the first project lacks is named in ``notes`` and left out."""
    if project is first:
        return {code.id: code.id for code in project.codes}
    own, twins = counterparts(first, project, Code)
    own.update(twins)  # two of one path here: both compared under the first's code
    for code in project.codes:
        if code.id not in own:
            notes.append(f"code {project.path(code)!r} is only in {label}; left out")
    return own


def _with_ancestors(
    project: Project, code: Code, own: dict[UUID, UUID], include_children: bool
) -> tuple[UUID, ...]:
    found = [own[code.id]]
    above = project.get(code.parent) if include_children else None
    while isinstance(above, Code) and above.id in own and own[above.id] not in found:
        found.append(own[above.id])
        above = project.get(above.parent)
    return tuple(found)
