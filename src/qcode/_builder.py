"""`ProjectBuilder`: the one way to make or change a project.

The model is immutable. A builder holds the project's objects as they stand, by id; every
method takes objects (or their ids) from any version of the project and works on the
builder's current version of each, and `build` returns the project. `from_project` starts
from a project read from any file. Excerpts are added by quoting the source, never by
counting characters; removing an object takes what depends on it along (`qcode._cascade`).
"""

from __future__ import annotations

import datetime as dt
import difflib
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

import attrs

from qcode._cascade import Parts, Repoint, sweep
from qcode._codebooks._align import Match
from qcode._issues import AmbiguousNameError, Issue, NotFoundError, QuoteError
from qcode._model import (
    Audit,
    Case,
    Code,
    Codebook,
    CodeOrigin,
    CodeStatus,
    Coding,
    Content,
    Direction,
    Example,
    Excerpt,
    Graph,
    Link,
    Note,
    PDFRegion,
    PictureRegion,
    Project,
    Set,
    Source,
    TextContent,
    TextSpan,
    Theme,
    TimeSpan,
    User,
    Variable,
    VariableType,
    VariableValue,
)
from qcode._model._cases import Value
from qcode._model._lookup import GUID, named
from qcode._model._sources import ANCHOR_NAMES, ANCHOR_TYPES, Anchor, anchor_misfit, anchor_problems
from qcode._quotes import find_quote

Ref = UUID | User | Variable | Case | Code | Theme | Source | Excerpt | Note | Link | Set | Coding

_Noted = (Code, Theme, Link, Coding, Excerpt, Source)
"""The kinds that hold memo references."""
_Removable = (User, Variable, Case, Code, Theme, Source, Excerpt, Coding, Note, Link, Set, Graph)
_NAMED = (Code, Source, Case, Theme, User)
"""The kinds that text names (by path, name or label) wherever a method takes them."""
_Any = TypeVar("_Any")
_Top = TypeVar("_Top", User, Variable, Case, Code, Theme, Source, Note, Link, Set, Graph)
_T = TypeVar("_T")


def _id_of(ref: Ref | str) -> UUID:
    """The id of an object, or an id given as a `UUID` or as its text."""
    if isinstance(ref, UUID):
        return ref
    if isinstance(ref, str):
        try:
            return UUID(ref)
        except ValueError:
            raise NotFoundError(f"{ref!r} is not an id") from None
    return ref.id


def _many(values: Iterable[_T], what: str) -> tuple[_T, ...]:
    """``values`` as a tuple; a bare string is refused rather than split into letters."""
    if isinstance(values, (str, bytes)):
        raise TypeError(f"{what} must be a list, not str {values!r}")
    return tuple(values)


class ProjectBuilder:
    """Builds a `Project` step by step, or changes one (`from_project`).

    With ``id_namespace`` every new id is a UUID5 of that namespace and the object's kind
    and name, so rebuilding a project gives the same ids; otherwise ids are random.
    ``coded_at`` is the default time of the codings that `quote`, `code_source` and
    `recode` make; their default coder is the last user added with ``default=True``.
    ``audit`` says when (and by whom) the project was created.
    """

    def __init__(
        self,
        name: str,
        *,
        description: str | None = None,
        origin: str | None = None,
        id_namespace: UUID | None = None,
        coded_at: dt.datetime | None = None,
        audit: Audit | None = None,
    ) -> None:
        self._project = Project(name=name, description=description, origin=origin)
        self._namespace = id_namespace
        self._coded_at = coded_at
        self._coder: UUID | None = None
        self._used_ids: set[UUID] = set()
        self._parts = Parts()
        self._parts.audit = audit
        self.applied: tuple[Issue, ...] = ()
        """What `apply_codebook` reported, every call's in turn."""
        self._owners: dict[UUID, UUID] | None = None
        """For each excerpt and coding, the source or excerpt holding it (made when first
        needed)."""

    @classmethod
    def from_project(
        cls,
        project: Project,
        *,
        id_namespace: UUID | None = None,
        coded_at: dt.datetime | None = None,
    ) -> ProjectBuilder:
        """A builder that continues from ``project`` (read from any format); `build` without
        changes gives it back equal. The default coder is the project's first user."""
        builder = cls(project.name, id_namespace=id_namespace, coded_at=coded_at)
        builder._project = project
        parts = builder._parts
        for collection, name in zip(parts.collections(), _COLLECTIONS, strict=True):
            items: tuple[Any, ...] = getattr(project, name)
            collection.update((item.id, item) for item in items)
        parts.note_refs = project.note_refs
        parts.audit = project.audit
        builder._coder = project.users[0].id if project.users else None
        if id_namespace is not None:
            builder._used_ids.update(builder._all_ids())
        return builder

    def _all_ids(self) -> Iterable[UUID]:
        for collection in self._parts.collections():
            yield from collection
        for source in self._parts.sources.values():
            yield from (coding.id for coding in source.codings)
            for excerpt in source.excerpts:
                yield excerpt.id
                yield from (coding.id for coding in excerpt.codings)

    def _new_id(self, kind: str, key: str) -> UUID:
        if self._namespace is None:
            new = uuid.uuid4()
        else:
            new = uuid.uuid5(self._namespace, f"{kind}/{key}")
            n = 1
            while new in self._used_ids:
                n += 1
                new = uuid.uuid5(self._namespace, f"{kind}/{key}/{n}")
        self._used_ids.add(new)
        return new

    # -- adding ------------------------------------------------------------------------

    def user(self, name: str, *, login: str | None = None, default: bool = True) -> User:
        """Add a coder; the first one (or any with ``default=True``) codes by default."""
        user = User(id=self._new_id("user", name), name=name, login=login)
        self._parts.users[user.id] = user
        if default:
            self._coder = user.id
        return user

    def variable(
        self, name: str, type: VariableType = VariableType.TEXT, *, description: str | None = None
    ) -> Variable:
        """Declare a typed variable for cases or sources."""
        variable = Variable(
            id=self._new_id("variable", name), name=name, type=type, description=description
        )
        self._parts.variables[variable.id] = variable
        return variable

    def _values(self, values: Mapping[Variable | UUID, Value | None]) -> tuple[VariableValue, ...]:
        return tuple(VariableValue(_id_of(var), value) for var, value in values.items())

    def participant(
        self,
        label: str,
        *,
        real_name: str | None = None,
        description: str | None = None,
        values: Mapping[Variable | UUID, Value | None] | None = None,
    ) -> Case:
        """Add a person who took part, known by a pseudonymous ``label``."""
        return self.case(
            label, kind="participant", real_name=real_name, description=description, values=values
        )

    def case(
        self,
        label: str,
        *,
        kind: str,
        real_name: str | None = None,
        description: str | None = None,
        values: Mapping[Variable | UUID, Value | None] | None = None,
    ) -> Case:
        """Add a case of any kind (``"site"``, ``"organisation"``, ``"group"``, ...)."""
        case = Case(
            id=self._new_id("case", label),
            label=label,
            kind=kind,
            real_name=real_name,
            description=description,
            values=self._values(values or {}),
        )
        self._parts.cases[case.id] = case
        return case

    def code(
        self,
        name: str,
        *,
        parent: Code | UUID | str | None = None,
        codable: bool = True,
        color: str | None = None,
        brief_definition: str | None = None,
        full_definition: str | None = None,
        when_to_use: Iterable[str] = (),
        when_not_to_use: Iterable[str] = (),
        examples: Iterable[Example] = (),
        origin: CodeOrigin | None = None,
        status: CodeStatus | None = None,
    ) -> Code:
        """Add a code, under ``parent`` if given."""
        parent_id = None if parent is None else self._current(parent, Code).id
        code = Code(
            id=self._new_id("code", f"{parent_id}/{name}"),
            name=name,
            parent=parent_id,
            codable=codable,
            color=color,
            brief_definition=brief_definition,
            full_definition=full_definition,
            when_to_use=_many(when_to_use, "when_to_use"),
            when_not_to_use=_many(when_not_to_use, "when_not_to_use"),
            examples=_many(examples, "examples"),
            origin=origin,
            status=status,
        )
        self._parts.codes[code.id] = code
        return code

    def add_example(self, code: Code | UUID | str, example: Example) -> Code:
        """Append an example to a code (e.g. once its excerpt exists)."""
        current = self._code(code)
        return self.update(current, examples=(*current.examples, example))

    def theme(
        self,
        name: str,
        *,
        codes: Iterable[Code | UUID | str] = (),
        parent: Theme | UUID | str | None = None,
        description: str | None = None,
        color: str | None = None,
    ) -> Theme:
        """Add a theme grouping ``codes``, under ``parent`` if given."""
        theme = Theme(
            id=self._new_id("theme", name),
            name=name,
            description=description,
            parent=None if parent is None else self._current(parent, Theme).id,
            codes=tuple(self._code(c).id for c in _many(codes, "codes")),
            color=color,
        )
        self._parts.themes[theme.id] = theme
        return theme

    def text_source(
        self,
        name: str,
        text: str,
        *,
        kind: str = "document",
        description: str | None = None,
        values: Mapping[Variable | UUID, Value | None] | None = None,
    ) -> Source:
        """Add a text source (a transcript, a diary entry, ...); its text is kept verbatim."""
        return self.source(
            name, TextContent(text=text), kind=kind, description=description, values=values
        )

    def source(
        self,
        name: str,
        content: Content,
        *,
        kind: str = "document",
        description: str | None = None,
        values: Mapping[Variable | UUID, Value | None] | None = None,
    ) -> Source:
        """Add a source in any medium, e.g. ``PictureContent(text=...)`` for a collage."""
        source = Source(
            id=self._new_id("source", name),
            name=name,
            content=content,
            kind=kind,
            description=description,
            values=self._values(values or {}),
        )
        self._parts.sources[source.id] = source
        return source

    def quote(
        self,
        source: Source | UUID | str,
        quote: str,
        *,
        codes: Iterable[Code | UUID | str] = (),
        occurrence: int | None = None,
        speaker: Case | UUID | str | None = None,
        name: str | None = None,
        coder: User | UUID | str | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Excerpt:
        """Add an excerpt of ``source`` found by quoting it, coded with ``codes``.

        Raises `QuoteError` if the quote is not in the source's text or occurs more than
        once (pass ``occurrence``). ``speaker`` records who said or wrote it.
        """
        target = self._current(source, Source)
        text = target.text
        if text is None:
            raise QuoteError(f"source {target.name!r} has no text to quote from")
        start, end = find_quote(text, quote, occurrence=occurrence, where=f"source {target.name!r}")
        return self._excerpt(
            target, TextSpan(start, end), quote, codes, speaker, name, coder, coded_at
        )

    def excerpt(
        self,
        source: Source | UUID | str,
        anchor: Anchor,
        *,
        codes: Iterable[Code | UUID | str] = (),
        quote: str | None = None,
        speaker: Case | UUID | str | None = None,
        name: str | None = None,
        coder: User | UUID | str | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Excerpt:
        """Add an excerpt of ``source`` at ``anchor``, coded with ``codes``: a
        `PictureRegion`, `PDFRegion`, `TimeSpan` or `TranscriptSpan` (or a `TextSpan` by its
        positions; `quote` finds one by its words). ``quote`` is the words it holds, if any.

        Raises ValueError if the anchor cannot mark the source's medium (a time span in a
        text), a text span lies outside the text, or a span or region is impossible (an end
        not after its start, a negative position, corners out of order); `qcode.validate`
        checks the rest (sync points)."""
        if not isinstance(anchor, ANCHOR_TYPES):
            raise TypeError(
                "anchor is a TextSpan, PictureRegion, PDFRegion, TimeSpan or TranscriptSpan, "
                f"not {type(anchor).__name__}"
            )
        target = self._current(source, Source)
        where = f"source {target.name!r}"
        misfit = anchor_misfit(anchor, target.medium)
        if misfit is not None:
            raise ValueError(f"{misfit} ({where})")
        if isinstance(anchor, (TimeSpan, PictureRegion, PDFRegion)):
            problems = anchor_problems(anchor)
            if problems:
                raise ValueError(f"{ANCHOR_NAMES[type(anchor)]} of {where}: {problems[0][1]}")
        if isinstance(anchor, TextSpan):
            if target.text is None:
                raise ValueError(f"{where} has no text for a text span to mark")
            size = len(target.text)
            if anchor.start >= anchor.end:
                raise ValueError(
                    f"text span {anchor.start}:{anchor.end} of {where} is empty or reversed"
                )
            if anchor.start < 0 or anchor.end > size:
                raise ValueError(
                    f"text span {anchor.start}:{anchor.end} is not inside the text of {where} "
                    f"(0 to {size})"
                )
        return self._excerpt(target, anchor, quote, codes, speaker, name, coder, coded_at)

    def _excerpt(
        self,
        target: Source,
        anchor: Anchor,
        quote: str | None,
        codes: Iterable[Code | UUID | str],
        speaker: Case | UUID | str | None,
        name: str | None,
        coder: User | UUID | str | None,
        coded_at: dt.datetime | None,
    ) -> Excerpt:
        key = f"{anchor.start}:{anchor.end}" if isinstance(anchor, TextSpan) else repr(anchor)
        excerpt_id = self._new_id("excerpt", f"{target.name}/{key}")
        excerpt = Excerpt(
            id=excerpt_id,
            anchor=anchor,
            name=name,
            quote=quote,
            codings=self._codings(excerpt_id, codes, coder, coded_at),
        )
        self._put(attrs.evolve(target, excerpts=(*target.excerpts, excerpt)))
        if speaker is not None:
            case = self._current(speaker, Case)
            sources = case.sources if target.id in case.sources else (*case.sources, target.id)
            self._put(attrs.evolve(case, sources=sources, excerpts=(*case.excerpts, excerpt.id)))
        return excerpt

    def code_source(
        self,
        source: Source | UUID | str,
        codes: Iterable[Code | UUID | str],
        *,
        coder: User | UUID | str | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Source:
        """Code a whole source (not a part of it)."""
        current = self._current(source, Source)
        added = self._codings(current.id, codes, coder, coded_at)
        return self.update(current, codings=(*current.codings, *added))

    def _codings(
        self,
        owner: UUID,
        codes: Iterable[Code | UUID | str],
        coder: User | UUID | str | None,
        coded_at: dt.datetime | None,
    ) -> tuple[Coding, ...]:
        coder_id = self._coder if coder is None else self._current(coder, User).id
        made = []
        for code_id in dict.fromkeys(self._code(code).id for code in _many(codes, "codes")):
            made.append(
                Coding(
                    id=self._new_id("coding", f"{owner}/{code_id}"),
                    code=code_id,
                    coder=coder_id,
                    coded_at=coded_at or self._coded_at,
                )
            )
        return tuple(made)

    def note(self, text: str, *, name: str | None = None, about: Iterable[Ref] = ()) -> Note:
        """Add a memo about the given objects (codes, themes, sources, excerpts, codings,
        links), or about the whole project if ``about`` is empty."""
        note = Note(id=self._new_id("note", name or text[:80]), name=name, text=text)
        self._parts.notes[note.id] = note
        targets = list(_many(about, "about"))
        for target in targets:
            current = self._any(target, _Noted)
            self._put(attrs.evolve(current, note_refs=(*current.note_refs, note.id)))
        if not targets:
            self._parts.note_refs = (*self._parts.note_refs, note.id)
        return note

    def link(
        self,
        origin: Ref,
        target: Ref,
        *,
        name: str | None = None,
        direction: Direction | None = None,
    ) -> Link:
        """Relate two objects (say, two codes, or a memo and an excerpt)."""
        origin_id, target_id = self._ref_id(origin), self._ref_id(target)
        link = Link(
            id=self._new_id("link", f"{origin_id}/{target_id}/{name}"),
            name=name,
            origin=origin_id,
            target=target_id,
            direction=direction,
        )
        self._parts.links[link.id] = link
        return link

    def set(
        self,
        name: str,
        *,
        codes: Iterable[Code | UUID | str] = (),
        sources: Iterable[Source | UUID | str] = (),
        notes: Iterable[Note | UUID] = (),
        description: str | None = None,
    ) -> Set:
        """Add a set (a code group or a document group)."""
        group = Set(
            id=self._new_id("set", name),
            name=name,
            description=description,
            codes=tuple(self._code(c).id for c in _many(codes, "codes")),
            sources=tuple(self._current(s, Source).id for s in _many(sources, "sources")),
            notes=tuple(_id_of(n) for n in _many(notes, "notes")),
        )
        self._parts.sets[group.id] = group
        return group

    # -- changing ------------------------------------------------------------------------

    def update(self, obj: _Any, **changes: Any) -> _Any:
        """Put a changed copy of ``obj`` (as the builder has it now) in its place; everything
        that refers to it keeps doing so. The id cannot change."""
        if "id" in changes:
            raise ValueError("an object's id cannot change; remove it and add a new one")
        current: Any = (
            self._any(obj, _Removable)
            if isinstance(obj, (UUID, str))
            else self._current(obj, type(obj))
        )
        changed = attrs.evolve(current, **changes)
        self._put(changed)
        return cast(_Any, changed)

    def rename_code(self, code: Code | UUID | str, name: str) -> Code:
        """Give a code a new name; its id, codings and place stay."""
        return self.update(self._code(code), name=name)

    def move_code(self, code: Code | UUID | str, *, parent: Code | UUID | str | None) -> Code:
        """Put a code under ``parent`` (or at the top, with ``None``), with all below it.
        Moving a code under itself or below itself is refused."""
        moved = self._code(code)
        new_parent = None if parent is None else self._code(parent)
        above = new_parent
        while above is not None:
            if above.id == moved.id:
                raise ValueError(f"code {moved.name!r} cannot move under itself or below itself")
            above = self._parts.codes.get(above.parent) if above.parent else None
        return self.update(moved, parent=None if new_parent is None else new_parent.id)

    def recode(
        self,
        excerpt: Excerpt | UUID,
        *,
        add: Iterable[Code | UUID | str] = (),
        remove: Iterable[Code | UUID | str] = (),
        coder: User | UUID | str | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Excerpt:
        """Change an excerpt's codes: every coding of a code in ``remove`` goes (whoever
        coded it); each code in ``add`` is applied by ``coder`` (the default coder) unless
        that coder has applied it already."""
        current = self._current(excerpt, Excerpt)
        dropped = {self._code(code).id for code in _many(remove, "remove")}
        kept = [c for c in current.codings if c.code not in dropped]
        coder_id = self._coder if coder is None else self._current(coder, User).id
        present = {(c.code, c.coder) for c in kept}
        wanted = [self._code(code) for code in _many(add, "add")]
        new = [c for c in dict.fromkeys(c.id for c in wanted) if (c, coder_id) not in present]
        kept += self._codings(current.id, new, coder_id, coded_at)
        if len(kept) == len(current.codings) and not dropped:
            return current
        return self.update(current, codings=tuple(kept))

    def merge_codes(self, codes: Iterable[Code | UUID | str], *, into: Code | UUID | str) -> Code:
        """Merge ``codes`` into ``into``: their codings are re-pointed (a coding that would
        repeat one of the same excerpt, code and coder is dropped), their child codes move
        under ``into`` (a child that ``into`` sits below takes its merged parent's place
        instead), their examples, memo references and memberships of themes, sets and
        cases go to ``into``, links and graph vertices point at it; then they are removed."""
        target = self._code(into)
        merged = [
            c
            for c in dict.fromkeys(self._code(c) for c in _many(codes, "codes"))
            if c.id != target.id
        ]
        ids = {code.id for code in merged}
        if not ids:
            return target
        codes = self._parts.codes

        def kept_above(code: UUID | None) -> UUID | None:
            """The nearest code at or above ``code`` that is not merged away."""
            seen = set()
            while code in ids and code not in seen:
                seen.add(code)
                code = codes[code].parent
            return code

        self.update(
            target,
            parent=kept_above(target.parent),
            examples=_unique((*target.examples, *(e for c in merged for e in c.examples))),
            note_refs=_unique((*target.note_refs, *(n for c in merged for n in c.note_refs))),
        )
        above_target = set()
        current = codes[target.id].parent
        while current is not None and current not in above_target:
            above_target.add(current)
            current = codes[current].parent if current in codes else None
        for child in [c for c in codes.values() if c.parent in ids and c.id != target.id]:
            # under ``into``, unless ``into`` sits below the child: then in the merged one's place
            parent = kept_above(child.parent) if child.id in above_target else target.id
            self._put(attrs.evolve(child, parent=parent))
        repoint = Repoint(ids, target.id)
        parts = self._parts
        for collection in parts.collections():
            for key, item in list(collection.items()):
                collection[key] = repoint.other(item)
        self._owners = None
        sweep(parts, set(ids))
        return parts.codes[target.id]

    def apply_codebook(self, codebook: Codebook, *, match: Match = "id") -> tuple[Issue, ...]:
        """Bring the project in line with ``codebook``: its new codes are added (with their
        ids), changed codes updated (name, place, definition, examples, status), its themes
        added or updated (a theme's description, parent and colour only where the codebook
        gives one). Codes and themes it does not hold are left, and reported; a code
        that would repeat a sibling's name or sit below itself is not applied, and reported.
        Codings are untouched. ``match="path"`` matches codes by path (themes by name)
        rather than by id. Returns the report (also kept in `applied`)."""
        from qcode._codebooks._apply import plan

        steps = plan(self.build(), codebook, match)
        for item in (*steps.codes, *steps.themes):
            self._put(item)
        self._used_ids.update(code.id for code in steps.codes)
        self._used_ids.update(theme.id for theme in steps.themes)
        self.applied = (*self.applied, *steps.report)
        return steps.report

    def remove(self, *objs: Ref, codings: bool = False) -> tuple[Any, ...]:
        """Remove ``objs`` (one or several, in one pass) and what depends on them: a code's
        child codes and codings, a theme's child themes, a source's excerpts, links to what
        went, graph vertices that stand for it; and every reference to what went
        (memberships of themes, sets and cases, memo references, code examples quoting a
        removed excerpt, variable values). Code examples that quote a removed excerpt are
        among what went. A user's codings go only with ``codings=True``; otherwise they
        stay, coder unknown (and a removed default coder leaves new codings without one).
        Returns what else went."""
        if any(isinstance(obj, (list, tuple, set)) for obj in objs):
            raise TypeError(
                "remove takes objects as separate arguments (remove(a, b) or remove(*items)), "
                "not a list"
            )
        found = [self._any(obj, _Removable) for obj in objs]
        ids = {current.id for current in found}
        self._owners = None
        if self._coder in ids:
            self._coder = None
        drop = {c.id for c in found if isinstance(c, User)} if codings else set()
        return tuple(sweep(self._parts, ids, drop_codings_by=drop))

    def add(self, obj: _Top) -> _Top:
        """Put an object made elsewhere (another project's user, code, source, note, ...)
        into the project as it is, id and references included; an id already in use by
        an object of its kind is refused."""
        collection = _collection_of(self._parts, type(obj))
        if collection is None:
            raise TypeError(f"{type(obj).__name__} objects are added with what holds them")
        key: UUID = cast(Any, obj).id
        if key in collection:
            raise ValueError(f"this builder already holds a {type(obj).__name__.lower()} "
                             f"with id {key}")  # fmt: skip
        collection[key] = obj
        self._used_ids.add(key)
        self._owners = None
        return obj

    # -- finding and replacing -----------------------------------------------------------

    def _code(self, code: Code | UUID | str) -> Code:
        """The builder's current version of a code given as itself, its id (or the id's
        text) or its path."""
        _check_type(code, (Code,))
        if isinstance(code, str):
            return Project(name="codes", codes=tuple(self._parts.codes.values())).code(code)
        return cast(Code, self._find(_id_of(code), (Code,)))

    def _current(self, ref: Any, kind: type[_T]) -> _T:
        """The builder's current version of ``ref`` (an object, an id or its text; a code
        also by path or name, a source, theme or user by name, a case by label), of
        ``kind``."""
        if kind is Code:
            return cast(_T, self._code(ref))
        _check_type(ref, (kind,))
        if isinstance(ref, str) and kind in _NAMED:  # an id, else a name
            return named(
                cast(dict[UUID, _T], _collection_of(self._parts, kind)).values(), ref, kind
            )
        return cast(_T, self._find(_id_of(ref), (kind,)))

    def _ref_id(self, ref: Any) -> UUID:
        """The id of an object, an id or its text, or what text that is no id names."""
        found = self._by_text(ref, _NAMED)
        return _id_of(ref) if found is None else cast(UUID, found.id)

    def _any(self, ref: Any, kinds: tuple[type, ...]) -> Any:
        """The builder's current object for ``ref``, of one of ``kinds``: an object, an id
        or its text, or what text that is no id names."""
        _check_type(ref, kinds)
        found = self._by_text(ref, kinds)
        return self._find(_id_of(ref), kinds) if found is None else found

    def _by_text(self, ref: Any, kinds: tuple[type, ...]) -> Any | None:
        """What text names (`_named`), or ``None`` where ``ref`` is no text or spells an id:
        one this builder has used, or one that names nothing (a source called like an id
        is found by that name)."""
        if not isinstance(ref, str):
            return None
        spells_id = GUID.match(ref) is not None
        if spells_id and UUID(ref) in self._used_ids:
            return None
        try:
            return self._named(ref, kinds)
        except NotFoundError:
            if spells_id:
                return None
            raise

    def _named(self, text: str, kinds: tuple[type, ...]) -> Any:
        """The one object of ``kinds`` that ``text`` names: a code by path or name, a
        source, theme or user by name, a case by label. Text naming objects of two kinds
        is refused, as is text naming none (with the one kind's own message where only
        one kind has names)."""
        tried = [kind for kind in _NAMED if kind in kinds]
        found, missed = [], []
        for kind in tried:
            try:
                found.append(self._current(text, kind))
            except NotFoundError as error:
                missed.append(error)
        if len(found) == 1:
            return found[0]
        if found:
            what = " and a ".join(type(item).__name__.lower() for item in found)
            raise AmbiguousNameError(f"{text!r} names a {what}: pass the object or its id")
        for kind in (kind for kind in _NAMED if kind not in kinds):
            try:
                self._current(text, kind)
            except (NotFoundError, AmbiguousNameError):
                continue
            raise NotFoundError(f"{text!r} names a {kind.__name__.lower()}, not "
                                f"{_kinds_text(kinds)}")  # fmt: skip
        if len(missed) == 1:
            raise missed[0]
        hints = [hint for kind, hint in _HINTS.items() if kind in tried]
        raise NotFoundError(f"no {_kinds_text(tried)[2:]} is called {text!r}"
                            + (f" ({', '.join(hints)})" if hints else "")
                            + self._close(text, tried))  # fmt: skip

    def _close(self, text: str, kinds: Iterable[type]) -> str:
        """What to add to a miss among several ``kinds``: the names of theirs closest to
        ``text``, each with its kind (nothing when none is close)."""
        names: dict[str, str] = {}
        for kind in kinds:
            for item in (_collection_of(self._parts, kind) or {}).values():
                for name in (getattr(item, field, None) for field in _NAME_FIELDS):
                    if name:
                        names.setdefault(name, kind.__name__.lower())
        close = difflib.get_close_matches(text, list(names), n=3)
        said = " or ".join(f"{names[name]} {name!r}" for name in close)
        return f"; did you mean {said}?" if close else ""

    def _find(self, key: UUID, kinds: tuple[type, ...]) -> Any:
        """The builder's current object with id ``key``, of one of ``kinds``."""
        for kind in kinds:
            collection = _collection_of(self._parts, kind)
            if collection is not None:
                found = collection.get(key)
                if found is not None:
                    return found
            elif kind in (Excerpt, Coding):
                nested = self._nested(key)
                if isinstance(nested, kind):
                    return nested
        names = " or ".join(kind.__name__.lower() for kind in kinds)
        raise NotFoundError(f"this builder holds no {names} with id {key}")

    def _nested(self, key: UUID) -> Excerpt | Coding | None:
        owner = self._owners_map().get(key)
        if owner is None:
            return None
        holder = self._parts.sources.get(owner) or self._nested(owner)
        if isinstance(holder, Source):
            inside: tuple[Excerpt | Coding, ...] = (*holder.excerpts, *holder.codings)
            return next((i for i in inside if i.id == key), None)
        if isinstance(holder, Excerpt):
            return next((c for c in holder.codings if c.id == key), None)
        return None

    def _owners_map(self) -> dict[UUID, UUID]:
        if self._owners is None:
            owners: dict[UUID, UUID] = {}
            for source in self._parts.sources.values():
                for coding in source.codings:
                    owners[coding.id] = source.id
                for excerpt in source.excerpts:
                    owners[excerpt.id] = source.id
                    for coding in excerpt.codings:
                        owners[coding.id] = excerpt.id
            self._owners = owners
        return self._owners

    def _put(self, changed: Any) -> None:
        """Put ``changed`` where the object with its id is."""
        collection = _collection_of(self._parts, type(changed))
        if collection is not None:
            collection[changed.id] = changed
            if isinstance(changed, Source) and self._owners is not None:
                for excerpt in changed.excerpts:
                    self._owners[excerpt.id] = changed.id
                    self._owners.update((c.id, excerpt.id) for c in excerpt.codings)
                self._owners.update((c.id, changed.id) for c in changed.codings)
            return
        holder = (
            self._nested(self._owners_map()[changed.id])
            or self._parts.sources[self._owners_map()[changed.id]]
        )
        for field in ("excerpts", "codings"):
            items = getattr(holder, field, ())
            if any(item.id == changed.id for item in items):
                replaced: dict[str, Any] = {
                    field: tuple(changed if item.id == changed.id else item for item in items)
                }
                self._put(attrs.evolve(holder, **replaced))
                return

    def build(self) -> Project:
        """The project as it stands (the builder can go on afterwards)."""
        parts = self._parts
        fields: dict[str, Any] = {
            name: tuple(collection.values())
            for name, collection in zip(_COLLECTIONS, parts.collections(), strict=True)
        }
        return attrs.evolve(self._project, audit=parts.audit, note_refs=parts.note_refs, **fields)


_COLLECTIONS = ("users", "variables", "cases", "codes", "themes", "sources", "notes", "links",
                "sets", "graphs")  # fmt: skip
_TYPES = (User, Variable, Case, Code, Theme, Source, Note, Link, Set, Graph)


_HINTS = {Code: "a code by path or name", Case: "a case by label"}
"""How text names the kinds not found by name alone."""
_NAME_FIELDS = ("name", "label", "login")
"""The fields by which text names an object (a case by label, a user by name or login)."""


def _kinds_text(kinds: Iterable[type]) -> str:
    """``(Code, Theme, Source)`` as "a code, theme or source"."""
    *others, last = (kind.__name__.lower() for kind in kinds)
    return f"a {', '.join(others)} or {last}" if others else f"a {last}"


def _check_type(ref: Any, kinds: tuple[type, ...]) -> None:
    """Refuse a model object of another kind than ``kinds`` (ids and text are looked up)."""
    if isinstance(ref, (str, UUID, *kinds)):
        return
    shown = getattr(ref, "name", None) or getattr(ref, "label", None)
    given = type(ref).__name__ + (f" {shown!r}" if isinstance(shown, str) else "")
    raise TypeError(f"expected {_kinds_text(kinds)} (or its id), not {given}")


def _collection_of(parts: Parts, kind: type) -> dict[UUID, Any] | None:
    for each, collection in zip(_TYPES, parts.collections(), strict=True):
        if kind is each:
            return collection
    return None


def _unique(items: tuple[_T, ...]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(items))
