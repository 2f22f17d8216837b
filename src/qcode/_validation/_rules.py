"""The validation rules. Each takes the project and its walk and yields issues.

Every issue code used here is documented in ``docs/validation.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol
from uuid import UUID

from qcode._formats._limits import Limits
from qcode._issues import Issue, clip, error, warning
from qcode._model import (
    AudioContent,
    Code,
    PDFRegion,
    PictureRegion,
    Project,
    Source,
    SyncPoint,
    TextSpan,
    Theme,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    Variable,
    VideoContent,
)
from qcode._model._cases import value_mismatch
from qcode._model._common import COLOR, blank
from qcode._model._lookup import nfc
from qcode._model._sources import (
    ANCHOR_NAMES,
    anchor_misfit,
    anchor_problems,
    backwards,
    sync_point_problems,
    transcript_words,
)
from qcode._validation._walk import Definition, Walk

Rule = Callable[[Project, Walk], Iterator[Issue]]


def _label(definition: Definition) -> str:
    kind, id, _, name = definition
    return f"{kind} {name!r}" if name else f"{kind} {id}"


def unique_ids(project: Project, walk: Walk) -> Iterator[Issue]:
    """Ids are unique within a kind; one id on two kinds of object is only a warning
    (ATLAS.ti writes them), since references name the kind they expect."""
    # Keyed by the UUIDs' numbers, which hash much faster than the UUIDs themselves.
    seen: dict[int, Definition] = {}
    # For ids on more than one object: the first object of each kind with that id, so that
    # two codes sharing an id are found even when a user had it first.
    kinds: dict[int, dict[str, Definition]] = {}
    for definition in walk.definitions:
        kind, id, path, _ = definition
        key = id.int
        first = seen.setdefault(key, definition)
        if first is definition:
            continue
        of_kind = kinds.setdefault(key, {first[0]: first})
        same = of_kind.setdefault(kind, definition)
        if same is not definition:
            yield error(
                "duplicate-id",
                path,
                f"id {id} is already used by {_label(same)} at {same[2]}",
            )
        else:
            yield warning(
                "shared-id",
                path,
                f"id {id} is shared with {_label(first)} at {first[2]}",
            )


def references_resolve(project: Project, walk: Walk) -> Iterator[Issue]:
    """Every reference points at an existing object of a kind it may point at."""
    kinds_of: dict[int, set[str]] = {}
    first_of: dict[int, Definition] = {}
    for definition in walk.definitions:
        key = definition[1].int
        kinds = kinds_of.get(key)
        if kinds is None:
            kinds_of[key] = {definition[0]}
            first_of[key] = definition
        else:
            kinds.add(definition[0])
    for path, target, kind in walk.references:
        kinds = kinds_of.get(target.int)
        if kinds is not None and (kind is None or kind in kinds):
            continue
        wanted = kind or "object"
        if kinds is None:
            yield error("unresolved-reference", path, f"no {wanted} has id {target}")
        else:
            yield error(
                "wrong-reference-kind",
                path,
                f"id {target} is {_label(first_of[target.int])}, not "
                f"{'an' if wanted in ('excerpt', 'object') else 'a'} {wanted}",
            )


def anchors_fit(project: Project, walk: Walk) -> Iterator[Issue]:
    """Excerpt anchors suit their source's medium and lie inside it; quotes match."""
    transcripts = {t.id: s.name for s in project.sources for t in _transcripts(s)}
    syncs = {
        sync.id: t.id for s in project.sources for t in _transcripts(s) for sync in t.sync_points
    }
    for i, source in enumerate(project.sources):
        yield from _source_anchors(f"$.sources[{i}]", source, transcripts, syncs)
    for i, note in enumerate(project.notes):
        for j, excerpt in enumerate(note.excerpts):
            at = f"$.notes[{i}].excerpts[{j}]"
            if isinstance(excerpt.anchor, TextSpan):
                yield from _text_span(at, excerpt.anchor, note.text, excerpt.quote)
            else:
                name = ANCHOR_NAMES[type(excerpt.anchor)]
                yield error(
                    "anchor-mismatch", f"{at}.anchor", f"{name} cannot anchor an excerpt in a note"
                )


def _transcripts(source: Source) -> tuple[Transcript, ...]:
    content = source.content
    return content.transcripts if isinstance(content, (AudioContent, VideoContent)) else ()


def _source_anchors(
    here: str, source: Source, everywhere: dict[UUID, str], syncs: dict[UUID, UUID]
) -> Iterator[Issue]:
    """``everywhere``: every source's transcripts, by id, with the source's name;
    ``syncs``: every sync point's transcript, by the sync point's id."""
    text = source.text
    transcripts = _transcripts(source)
    for j, transcript in enumerate(transcripts):
        for field, message in sync_point_problems(transcript):
            yield error("span-out-of-range", f"{here}.content.transcripts[{j}].{field}", message)
    syncs_of = {t.id: {s.id: s for s in t.sync_points} for t in transcripts}
    words: Callable[[TranscriptSpan], str | None] | None = None
    for j, excerpt in enumerate(source.excerpts):
        at = f"{here}.excerpts[{j}]"
        anchor = excerpt.anchor
        misfit = anchor_misfit(anchor, source.medium)
        if misfit is not None:
            yield error("anchor-mismatch", f"{at}.anchor", misfit)
        elif isinstance(anchor, TextSpan):
            yield from _text_span(at, anchor, text, excerpt.quote)
        elif isinstance(anchor, (TimeSpan, PictureRegion, PDFRegion)):
            yield from _impossible(at, anchor)
        else:
            found = list(_transcript_span(at, anchor, syncs_of, everywhere, syncs))
            yield from found
            if found or excerpt.quote is None:
                continue
            words = words or transcript_words(source)
            said = words(anchor)
            if said is not None and said != excerpt.quote:
                yield error(
                    "quote-mismatch",
                    f"{at}.quote",
                    f"quote {clip(excerpt.quote)} differs from the transcript's words between "
                    f"its sync points: {clip(said)}",
                )


def _impossible(at: str, anchor: TextSpan | TimeSpan | PictureRegion | PDFRegion) -> list[Issue]:
    """`anchor_problems` as errors at ``at``."""
    found = []
    for field, message in anchor_problems(anchor):
        path = f"{at}.anchor" + (f".{field}" if field else "")
        if isinstance(anchor, (PictureRegion, PDFRegion)):
            found.append(error("region-invalid", path, message))
        elif field == "end":
            found.append(error("span-order", path, message))
        else:
            found.append(error("span-out-of-range", path, message))
    return found


def _text_span(at: str, span: TextSpan, text: str | None, quote: str | None) -> Iterator[Issue]:
    if text is None:
        yield error("anchor-mismatch", f"{at}.anchor", "the source has no text for a text span")
        return
    issues = _impossible(at, span)
    if span.end > len(text):
        issues.append(
            error(
                "span-out-of-range",
                f"{at}.anchor.end",
                f"end {span.end} is beyond the end of the text ({len(text)} characters)",
            )
        )
    yield from issues
    covered = text[span.start : span.end]
    if not issues and quote is not None and covered != quote:
        form = ""
        if nfc(covered) == nfc(quote):  # they look alike: say how they differ
            form = " (the same letters, composed in another Unicode form: compare them in NFC)"
        yield error(
            "quote-mismatch",
            f"{at}.quote",
            f"quote {clip(quote)} differs from the text at [{span.start}, {span.end}): "
            f"{clip(covered)}{form}",
        )


def _transcript_span(
    at: str,
    span: TranscriptSpan,
    syncs_of: dict[UUID, dict[UUID, SyncPoint]],
    everywhere: dict[UUID, str],
    homes: dict[UUID, UUID],
) -> Iterator[Issue]:
    syncs = syncs_of.get(span.transcript)
    if syncs is None:
        if span.transcript in everywhere:
            yield error(
                "anchor-mismatch",
                f"{at}.anchor.transcript",
                f"transcript {span.transcript} is one of source {everywhere[span.transcript]!r}",
            )
        return  # an unresolved transcript is reported by references_resolve
    for name in ("from_sync", "to_sync"):
        sync: UUID | None = getattr(span, name)
        if sync is not None and sync not in syncs and sync in homes:  # else unresolved
            yield error(
                "unresolved-reference",
                f"{at}.anchor.{name}",
                f"sync point {sync} is one of transcript {homes[sync]}, not of transcript "
                f"{span.transcript}",
            )
    start = syncs.get(span.from_sync) if span.from_sync else None
    end = syncs.get(span.to_sync) if span.to_sync else None
    if start is None or end is None:
        return
    if start is end:
        yield error(
            "span-order",
            f"{at}.anchor.to_sync",
            f"the span starts and ends at sync point {end.id}, so it marks nothing",
        )
        return
    back = backwards(start, end)
    if back is not None:
        yield error(
            "span-order",
            f"{at}.anchor.to_sync",
            f"the span ends at sync point {end.id} ({back[1]}), before its start, sync point "
            f"{start.id} ({back[0]})",
        )


def hierarchies_acyclic(project: Project, walk: Walk) -> Iterator[Issue]:
    """No code or theme is its own ancestor."""
    yield from _cycles("code-cycle", "code", "codes", project.codes)
    yield from _cycles("theme-cycle", "theme", "themes", project.themes)


class _Node(Protocol):
    @property
    def id(self) -> UUID: ...
    @property
    def name(self) -> str: ...
    @property
    def parent(self) -> UUID | None: ...


def _cycles(code: str, kind: str, field: str, items: Sequence[_Node]) -> Iterator[Issue]:
    """Each parent cycle once, at its first item, in time linear in the items (a hostile
    file's chain of thousands of parents is walked once, not once per item)."""
    parent_of: dict[UUID, UUID | None] = {}
    name_of: dict[UUID, str] = {}
    for item in items:
        parent_of.setdefault(item.id, item.parent)
        name_of.setdefault(item.id, item.name)
    cycle_of: dict[UUID, list[UUID]] = {}
    walked: set[UUID] = set()
    for item in items:
        path: dict[UUID, int] = {}  # the ids of this walk, in order
        current: UUID | None = item.id
        while current is not None and current in parent_of and current not in walked:
            walked.add(current)
            path[current] = len(path)
            current = parent_of[current]
        if current is not None and current in path:  # the walk came back onto itself
            cycle = list(path)[path[current] :]
            cycle_of.update(dict.fromkeys(cycle, cycle))
    reported: set[int] = set()
    for i, item in enumerate(items):
        loop = cycle_of.get(item.id)
        if loop is None or id(loop) in reported:
            continue
        reported.add(id(loop))
        at = loop.index(item.id)
        chain = [*loop[at:], *loop[:at], item.id]
        if len(loop) > _SHOWN_LOOP:  # the first few and the way back: a line, not a page
            shown = [*map(repr, (name_of[c] for c in chain[:5])), f"… ({len(loop):,} {kind}s)"]
            chain, names = chain[-1:], " → ".join(shown) + " → "
        else:
            names = ""
        names += " → ".join(repr(name_of[c]) for c in chain)
        yield error(code, f"$.{field}[{i}].parent", f"{kind} hierarchy loops: {names}")


_SHOWN_LOOP = 12
"""The longest loop a message shows whole (with the first name again at its end)."""


def codes_not_too_deep(project: Project, walk: Walk) -> Iterator[Issue]:
    """No code sits deeper than `Limits.code_depth`: REFI-QDA nests codes as XML elements,
    and parsers refuse documents nested past 256 elements."""
    limit = Limits().code_depth
    depths = code_depths(project.codes)
    deeper = [code for code in project.codes if depths.get(code.id, 0) > limit + 1]
    below: Counter[UUID | None] = Counter()  # the codes below each, past the limit
    for code in sorted(deeper, key=lambda c: -depths[c.id]):  # most often none: no sort
        below[code.parent] += 1 + below[code.id]
    for i, code in enumerate(project.codes):
        if depths.get(code.id, 0) == limit + 1:  # the first too deep: one error a branch
            under = below[code.id]
            more = f", with {under:,} code{'s' * (under != 1)} below it" if under else ""
            yield error(
                "code-too-deep",
                f"$.codes[{i}].parent",
                f"code {code.name!r} sits {limit + 1} levels deep{more}; REFI-QDA files hold "
                f"at most {limit} (Limits.code_depth)",
            )


def code_depths(codes: Sequence[_Node]) -> dict[UUID, int]:
    """How deep each code sits (1 at the top), found without recursion; codes in a parent
    cycle are left out."""
    parent_of = {code.id: code.parent for code in codes}
    depths: dict[UUID, int] = {}
    looped: set[UUID] = set()  # in a cycle, or below one: no depth (each walked once)
    for code in codes:
        chain: list[UUID] = []
        seen: set[UUID] = set()
        current: UUID | None = code.id
        while (
            current is not None
            and current in parent_of
            and current not in depths
            and current not in seen
            and current not in looped
        ):
            chain.append(current)
            seen.add(current)
            current = parent_of[current]
        if current is not None and (current in seen or current in looped):
            looped.update(chain)  # a cycle: its members, and what hangs below them
            continue
        above = depths.get(current, 0) if current is not None else 0
        for depth, member in enumerate(reversed(chain), start=above + 1):
            depths[member] = depth
    return depths


def codings_use_codable_codes(project: Project, walk: Walk) -> Iterator[Issue]:
    """Codings apply codes that are meant for coding, not folders."""
    folders = {code.id: code.name for code in project.codes if not code.codable}
    for path, coding in walk.codings:
        if coding.code in folders:
            yield warning(
                "code-not-codable",
                f"{path}.code",
                f"code {folders[coding.code]!r} is a folder (not codable) but is applied here",
            )


def values_match_types(project: Project, walk: Walk) -> Iterator[Issue]:
    """Variable values have their variable's declared type, once per object."""
    variables: dict[UUID, Variable] = {}
    for variable in project.variables:
        variables.setdefault(variable.id, variable)
    seen: set[tuple[str, UUID]] = set()
    for path, value in walk.values:
        owner = path.rsplit(".values[", 1)[0]
        if (owner, value.variable) in seen:
            known = variables.get(value.variable)
            shown = repr(known.name) if known is not None else str(value.variable)
            yield error(
                "duplicate-value", path, f"variable {shown} already has a value on this object"
            )
        seen.add((owner, value.variable))
        declared = variables.get(value.variable)
        mismatch = None if declared is None else value_mismatch(value.value, declared)
        if mismatch is not None:
            yield error("value-type-mismatch", f"{path}.value", mismatch)


def colors_well_formed(project: Project, walk: Walk) -> Iterator[Issue]:
    """Colours are ``#RRGGBB`` or ``#RGB``."""
    for path, color in walk.colors:
        if not COLOR.match(color):
            yield error(
                "invalid-color", path, f"{color!r} is not a colour like '#1F77B4' or '#F00'"
            )


def timestamps_have_zones(project: Project, walk: Walk) -> Iterator[Issue]:
    """Timestamps say their time zone, so that they mean the same moment everywhere."""
    for path, moment in walk.timestamps:
        if moment.tzinfo is None or moment.utcoffset() is None:
            yield error(
                "naive-timestamp",
                path,
                f"timestamp {moment.isoformat()} has no time zone (add one, e.g. +00:00)",
            )


_NAMES = {
    "codes": ("code", "name"),
    "themes": ("theme", "name"),
    "sources": ("source", "name"),
    "cases": ("case", "label"),
    "variables": ("variable", "name"),
    "users": ("user", "name"),
    "sets": ("set", "name"),
    "notes": ("note", "name"),
}
"""What each named collection of a project holds, and the field that names it."""


def _named(
    project: Project, fields: Sequence[str]
) -> Iterator[tuple[str, str, Sequence[object], str]]:
    """For each of ``fields``: the field, what it holds, its items and their name's field."""
    for field in fields:
        kind, attribute = _NAMES[field]
        yield field, kind, getattr(project, field), attribute


def names_present(project: Project, walk: Walk) -> Iterator[Issue]:
    """Projects, codes, themes, sources, variables, sets and participants have names."""
    if blank(project.name):
        yield error("missing-name", "$.name", "the project has no name")
    for field, kind, items, attribute in _named(
        project, ("codes", "themes", "sources", "variables", "sets")
    ):
        for i, item in enumerate(items):
            if blank(getattr(item, attribute)):
                yield error("missing-name", f"$.{field}[{i}].{attribute}", f"a {kind} has no name")
    for i, case in enumerate(project.cases):
        if case.is_participant and blank(case.label or ""):
            yield error("missing-name", f"$.cases[{i}].label", "a participant has no label")


def sibling_codes_distinct(project: Project, walk: Walk) -> Iterator[Issue]:
    """Codes under one parent have different names, whatever their letter case and Unicode
    form (tools merge or rename duplicates; the two look alike)."""
    seen: dict[tuple[UUID | None, str], int] = {}
    for i, code in enumerate(project.codes):
        key = (code.parent, nfc(code.name.strip()).casefold())
        if key in seen:
            yield warning(
                "duplicate-code-name",
                f"$.codes[{i}].name",
                f"code {code.name!r} has the same name as $.codes[{seen[key]}] "
                "under the same parent",
            )
        else:
            seen[key] = i


def code_paths_distinct(project: Project, walk: Walk) -> Iterator[Issue]:
    """A ``/`` in a code's (or theme's) name can give two one path (``Work/life`` at the
    top and ``life`` under ``Work``); look-ups and tables by path cannot tell them apart."""
    if any("/" in code.name for code in project.codes):
        yield from _paths_distinct("codes", project.codes, project._index.paths)
    if any("/" in theme.name for theme in project.themes):
        yield from _paths_distinct("themes", project.themes, project._index.theme_paths)


def _paths_distinct(
    field: str, nodes: Sequence[Code | Theme], paths: dict[UUID, str]
) -> Iterator[Issue]:
    seen: dict[str, tuple[int, Code | Theme]] = {}
    for i, node in enumerate(nodes):
        path = nfc(paths[node.id])
        if path not in seen:
            seen[path] = (i, node)
            continue
        first, other = seen[path]
        if (other.parent, nfc(other.name)) != (node.parent, nfc(node.name)):  # else named twins
            kind = type(node).__name__.lower()
            yield warning(
                "duplicate-code-path",
                f"$.{field}[{i}].name",
                f"{kind} {node.name!r} has the same path as $.{field}[{first}] ({path!r}): a "
                "'/' in a name makes paths ambiguous (look it up by id)",
            )


def names_distinct(project: Project, walk: Walk) -> Iterator[Issue]:
    """Sources, cases, variables, users, sets, notes and sibling themes have names of
    their own (in either Unicode form): a look-up by name, a table's ``value:NAME`` or an
    agreement's coder could not tell two apart."""
    for field, kind, items, attribute in _named(
        project, ("sources", "cases", "variables", "users", "sets", "notes", "themes")
    ):
        seen: dict[tuple[object, str], int] = {}
        for i, item in enumerate(items):
            name = getattr(item, attribute)
            if not name:
                continue
            key = (getattr(item, "parent", None), nfc(name))
            if key in seen:
                yield warning(
                    "duplicate-name",
                    f"$.{field}[{i}].{attribute}",
                    f"{kind} {name!r} has the same name as $.{field}[{seen[key]}]"
                    + (" under the same parent" if kind == "theme" else "")
                    + "; a look-up by name cannot tell them apart (use the id)",
                )
            else:
                seen[key] = i


RULES: tuple[Rule, ...] = (
    unique_ids,
    references_resolve,
    anchors_fit,
    hierarchies_acyclic,
    codes_not_too_deep,
    codings_use_codable_codes,
    values_match_types,
    colors_well_formed,
    timestamps_have_zones,
    names_present,
    sibling_codes_distinct,
    code_paths_distinct,
    names_distinct,
)
