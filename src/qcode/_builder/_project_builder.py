"""`ProjectBuilder`'s ways of adding, changing and removing (what it holds, and how a
reference finds it, are `Holdings`; the checks of a single value, `_checks`).
`from_project` starts from a project read from any file. Excerpts are added by quoting the
source, never by counting characters; removing an object takes what depends on it along
(`_cascade`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

import attrs

from qcode._builder._cascade import Repoint, referenced, sweep
from qcode._builder._checks import (
    as_tuple,
    check_anchor,
    check_content,
    checked_colour,
    checked_name,
    fits,
    refuse_unknown,
)
from qcode._builder._holdings import (
    COLLECTIONS,
    Holdings,
    Ref,
    collection_of,
    gives_back_ids,
    id_of,
)
from qcode._codebooks._align import Match
from qcode._issues import AmbiguousNameError, Issue, NotFoundError, QuoteError, clip
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
    Project,
    Set,
    Source,
    SyncPoint,
    TextContent,
    TextSpan,
    Theme,
    Transcript,
    User,
    Variable,
    VariableType,
    VariableValue,
)
from qcode._model._cases import Value, value_mismatch
from qcode._model._lookup import GUID, SEPARATOR, nfc, paths_of, same_text
from qcode._model._project import given_project
from qcode._model._sources import (
    ANCHOR_TYPES,
    Anchor,
)
from qcode._quotes import find_quote

_Noted = (Code, Theme, Link, Coding, Excerpt, Source)
"""The kinds that hold memo references."""
_Removable = (User, Variable, Case, Code, Theme, Source, Excerpt, Coding, Note, Link, Set, Graph)
_REFERENCES: dict[type, dict[str, type | None]] = {
    Theme: {"codes": Code},
    Case: {"sources": Source, "excerpts": Excerpt, "codes": Code},
    Set: {"codes": Code, "sources": Source, "notes": Note},
    Coding: {"code": Code, "coder": User},
    Link: {"origin": None, "target": None},  # None: an object of any kind
}
"""The fields (beside ``parent``, ``values`` and ``note_refs``) where `update` looks up
what it is given, as the adders do."""
_NAMED_KINDS = (Code, Theme, Source, Variable, Set, User, Note)
"""The kinds whose new names `update` checks as the adders do (`checked_name`)."""
_HOLDERS = (Source, Note, Excerpt)
"""What holds excerpts or codings."""
_Any = TypeVar("_Any")
_Top = TypeVar("_Top", User, Variable, Case, Code, Theme, Source, Note, Link, Set, Graph)
_T = TypeVar("_T")
_P = TypeVar("_P", Excerpt, Coding)


class ProjectBuilder(Holdings):
    """Builds a `Project` step by step, or changes one (`from_project`).

    With ``id_namespace`` every new id is a UUID5 of that namespace and the object's kind
    and name, so rebuilding a project gives the same ids (a refused call uses none);
    otherwise ids are random.
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
        super().__init__(Project(name=name, description=description, origin=origin), id_namespace)
        self._coded_at = coded_at
        self._coder: UUID | None = None
        self._parts.audit = audit
        self.applied: tuple[Issue, ...] = ()
        """What `apply_codebook` reported, every call's in turn."""

    @classmethod
    def from_project(
        cls,
        project: Project,
        *,
        id_namespace: UUID | None = None,
        coded_at: dt.datetime | None = None,
    ) -> ProjectBuilder:
        """A builder that continues from ``project`` (read from any format); `build` without
        changes gives it back equal. The default coder is the user who made the most
        codings (the first of the project's users where several made as many, or none
        did): a tool's own user, which ATLAS.ti lists first, is not taken for the coder.
        A project in which two objects of one kind (two codes, say) share an id is refused
        (`ValueError`): the builder holds objects by id and would keep one of them."""
        project = given_project(project, "ProjectBuilder.from_project")
        builder = cls(project.name, id_namespace=id_namespace, coded_at=coded_at)
        builder._hold(project)
        made = Counter(c.coder for _, e in project.iter_excerpts() for c in e.codings)
        made.update(c.coder for source in project.sources for c in source.codings)
        first = max(project.users, key=lambda user: made[user.id], default=None)
        builder._coder = None if first is None else first.id
        return builder

    # -- adding ------------------------------------------------------------------------

    @gives_back_ids
    def user(self, name: str, *, login: str | None = None, default: bool = True) -> User:
        """Add a coder, who codes by default from now on (``default=True``, the default: the
        last user added so codes what is quoted or recoded without a coder); with
        ``default=False`` the coder so far stays."""
        user = User(id=self._new_id("user", name), name=checked_name(name, "user"), login=login)
        self._unique_among_siblings(user)
        self._parts.users[user.id] = user
        if default:
            self._coder = user.id
        return user

    @gives_back_ids
    def variable(
        self, name: str, type: VariableType = VariableType.TEXT, *, description: str | None = None
    ) -> Variable:
        """Declare a typed variable for cases or sources."""
        variable = Variable(
            id=self._new_id("variable", name),
            name=checked_name(name, "variable"),
            type=type,
            description=description,
        )
        self._unique_among_siblings(variable)
        self._parts.variables[variable.id] = variable
        return variable

    def _values(
        self, values: Mapping[Variable | UUID | str, Value | None]
    ) -> tuple[VariableValue, ...]:
        """``values`` as the model holds them, a variable given as itself, its id or its
        name; a value not of its variable's type is refused (`TypeError`)."""
        made = []
        for given, value in values.items():
            variable = self._variable(given)
            self._refuse_misfit_value(value, self._parts.variables.get(variable))
            made.append(VariableValue(variable, value))
        return tuple(made)

    @staticmethod
    def _refuse_misfit_value(value: Value | None, declared: Variable | None) -> None:
        """Refuse a value ``validate`` would flag: not of its variable's type (`TypeError`),
        or a date and time without a zone."""
        mismatch = None if declared is None else value_mismatch(value, declared)
        if mismatch is not None:
            raise TypeError(mismatch)
        if isinstance(value, dt.datetime) and value.utcoffset() is None:
            raise ValueError(
                f"timestamp {value.isoformat()} has no time zone (add one, e.g. +00:00)"
            )

    def _variable(self, variable: Variable | UUID | str) -> UUID:
        if isinstance(variable, str) and GUID.match(variable) is None:
            named = [v for v in self._parts.variables.values() if same_text(v.name, variable)]
            if len(named) > 1:
                ids = ", ".join(str(v.id) for v in named)
                raise AmbiguousNameError(
                    f"{len(named)} variables are called {variable!r} (ids {ids}): pass the "
                    "variable or its id"
                )
            if not named:
                known = ", ".join(repr(v.name) for v in self._parts.variables.values()) or "none"
                raise NotFoundError(f"no variable is called {variable!r} (variables: {known})")
            return named[0].id
        key = id_of(variable)
        if key not in self._parts.variables:
            raise NotFoundError(f"this builder holds no variable with id {key}")
        return key

    def participant(
        self,
        label: str,
        *,
        real_name: str | None = None,
        description: str | None = None,
        values: Mapping[Variable | UUID | str, Value | None] | None = None,
    ) -> Case:
        """Add a person who took part, known by a pseudonymous ``label``."""
        return self.case(
            label, kind="participant", real_name=real_name, description=description, values=values
        )

    @gives_back_ids
    def case(
        self,
        label: str,
        *,
        kind: str,
        real_name: str | None = None,
        description: str | None = None,
        values: Mapping[Variable | UUID | str, Value | None] | None = None,
    ) -> Case:
        """Add a case of any kind (``"site"``, ``"organisation"``, ``"group"``, ...)."""
        case = Case(
            id=self._new_id("case", label),
            label=checked_name(label, "participant" if kind == "participant" else "case"),
            kind=kind,
            real_name=real_name,
            description=description,
            values=self._values(values or {}),
        )
        self._parts.cases[case.id] = case
        return case

    @gives_back_ids
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
            name=checked_name(name, "code"),
            parent=parent_id,
            codable=codable,
            color=checked_colour(color),
            brief_definition=brief_definition,
            full_definition=full_definition,
            when_to_use=as_tuple(when_to_use, "when_to_use"),
            when_not_to_use=as_tuple(when_not_to_use, "when_not_to_use"),
            examples=as_tuple(examples, "examples"),
            origin=origin,
            status=status,
        )
        self._unique_among_siblings(code)
        self._parts.codes[code.id] = code
        return code

    def add_example(self, code: Code | UUID | str, example: Example) -> Code:
        """Append an example to a code (e.g. once its excerpt exists)."""
        current = self._code(code)
        return self.update(current, examples=(*current.examples, example))

    @gives_back_ids
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
            name=checked_name(name, "theme"),
            description=description,
            parent=None if parent is None else self._current(parent, Theme).id,
            codes=_once(self._code(c).id for c in as_tuple(codes, "codes")),
            color=checked_colour(color),
        )
        self._unique_among_siblings(theme)
        self._parts.themes[theme.id] = theme
        return theme

    def text_source(
        self,
        name: str,
        text: str,
        *,
        kind: str = "document",
        description: str | None = None,
        values: Mapping[Variable | UUID | str, Value | None] | None = None,
    ) -> Source:
        """Add a text source (a transcript, a diary entry, ...); its text is kept verbatim."""
        return self.source(
            name, TextContent(text=text), kind=kind, description=description, values=values
        )

    @gives_back_ids
    def source(
        self,
        name: str,
        content: Content,
        *,
        kind: str = "document",
        description: str | None = None,
        values: Mapping[Variable | UUID | str, Value | None] | None = None,
    ) -> Source:
        """Add a source in any medium, e.g. ``PictureContent(text=...)`` for a collage."""
        check_content(name, content)
        source = Source(
            id=self._new_id("source", name),
            name=checked_name(name, "source"),
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
        text), a text span lies outside the text or marks other words than ``quote``, a span
        or region is impossible (an end not after its start, a negative position, corners
        out of order), or a transcript span names a transcript or sync point the source
        does not hold, starts and ends at one sync point, or ends before it starts."""
        if not isinstance(anchor, ANCHOR_TYPES):
            raise TypeError(
                "anchor is a TextSpan, PictureRegion, PDFRegion, TimeSpan or TranscriptSpan, "
                f"not {type(anchor).__name__}"
            )
        target = self._current(source, Source)
        check_anchor(target, anchor, quote)
        return self._excerpt(target, anchor, quote, codes, speaker, name, coder, coded_at)

    @gives_back_ids
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
        case = None if speaker is None else self._current(speaker, Case)  # found before any change
        code_ids, coder_id = self._applied(codes, coder)
        key = f"{anchor.start}:{anchor.end}" if isinstance(anchor, TextSpan) else repr(anchor)
        excerpt_id = self._new_id("excerpt", f"{target.name}/{key}")
        excerpt = Excerpt(
            id=excerpt_id,
            anchor=anchor,
            name=name,
            quote=quote,
            codings=self._codings(excerpt_id, code_ids, coder_id, coded_at),
        )
        self._put(attrs.evolve(target, excerpts=(*target.excerpts, excerpt)))
        if case is not None:
            sources = case.sources if target.id in case.sources else (*case.sources, target.id)
            self._put(attrs.evolve(case, sources=sources, excerpts=(*case.excerpts, excerpt.id)))
        return excerpt

    @gives_back_ids
    def code_source(
        self,
        source: Source | UUID | str,
        codes: Iterable[Code | UUID | str],
        *,
        coder: User | UUID | str | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Source:
        """Code a whole source (not a part of it) with each of ``codes`` that ``coder`` (the
        default coder) has not applied to it already."""
        current = self._current(source, Source)
        code_ids, coder_id = self._applied(codes, coder)
        added = self._codings(current.id, code_ids, coder_id, coded_at, current.codings)
        if not added:
            return current
        return self.update(current, codings=(*current.codings, *added))

    def _applied(
        self, codes: Iterable[Code | UUID | str], coder: User | UUID | str | None
    ) -> tuple[list[UUID], UUID | None]:
        """The ids of ``codes`` and of ``coder`` (the default coder), all found before a
        call makes any id or change (a refused call uses none)."""
        coder_id = self._coder if coder is None else self._current(coder, User).id
        return [self._code(code).id for code in as_tuple(codes, "codes")], coder_id

    def _codings(
        self,
        owner: UUID,
        code_ids: Iterable[UUID],
        coder_id: UUID | None,
        coded_at: dt.datetime | None,
        held: Iterable[Coding] = (),
    ) -> tuple[Coding, ...]:
        """New codings of ``owner`` by ``coder_id``, one per code that the coder has not
        applied in ``held`` already."""
        present = {c.code for c in held if c.coder == coder_id}
        return tuple(
            Coding(
                id=self._new_id("coding", f"{owner}/{code_id}"),
                code=code_id,
                coder=coder_id,
                coded_at=coded_at or self._coded_at,
            )
            for code_id in dict.fromkeys(code_ids)
            if code_id not in present
        )

    @gives_back_ids
    def note(self, text: str, *, name: str | None = None, about: Iterable[Ref] = ()) -> Note:
        """Add a memo about the given objects (codes, themes, sources, excerpts, codings,
        links), or about the whole project if ``about`` is empty."""
        found = [self._any(target, _Noted) for target in as_tuple(about, "about")]
        targets = dict.fromkeys((type(target), target.id) for target in found)  # each once
        name = None if name is None else checked_name(name, "note")
        note = Note(id=self._new_id("note", name or text[:80]), name=name, text=text)
        self._parts.notes[note.id] = note
        for kind, key in targets:  # all found before any change
            current = self._current(key, kind)
            self._put(attrs.evolve(current, note_refs=(*current.note_refs, note.id)))
        if not targets:
            self._parts.note_refs = (*self._parts.note_refs, note.id)
        return note

    @gives_back_ids
    def link(
        self,
        origin: Ref,
        target: Ref,
        *,
        name: str | None = None,
        direction: Direction | None = None,
    ) -> Link:
        """Relate two objects (say, two codes, or a memo and an excerpt) the builder holds."""
        origin_id = self._any(origin, _Removable).id
        target_id = self._any(target, _Removable).id
        link = Link(
            id=self._new_id("link", f"{origin_id}/{target_id}/{name}"),
            name=name,
            origin=origin_id,
            target=target_id,
            direction=direction,
        )
        self._parts.links[link.id] = link
        return link

    @gives_back_ids
    def set(
        self,
        name: str,
        *,
        codes: Iterable[Code | UUID | str] = (),
        sources: Iterable[Source | UUID | str] = (),
        notes: Iterable[Note | UUID | str] = (),
        description: str | None = None,
    ) -> Set:
        """Add a set (a code group or a document group)."""
        group = Set(
            id=self._new_id("set", name),
            name=checked_name(name, "set"),
            description=description,
            codes=_once(self._code(c).id for c in as_tuple(codes, "codes")),
            sources=_once(self._current(s, Source).id for s in as_tuple(sources, "sources")),
            notes=_once(self._current(n, Note).id for n in as_tuple(notes, "notes")),
        )
        self._parts.sets[group.id] = group
        return group

    # -- changing ------------------------------------------------------------------------

    def update(self, obj: _Any, **changes: Any) -> _Any:
        """Put a changed copy of ``obj`` (as the builder has it now) in its place; everything
        that refers to it keeps doing so. The id cannot change. ``values`` may be a mapping
        of variables to values, and a code's or theme's ``parent`` the object, its id or
        its name (a code's path); a parent under the object itself is refused. Other
        references (a theme's codes, a case's sources and excerpts, a set's members, memo
        references, a link's ends, a coding's code and coder) may be objects, ids or names,
        as the adders take them; an id the object held already is kept as it is (one a file
        left pointing at nothing stays, for `qcode.validate` to report), a new one must name
        an object the builder holds (so must a code example's excerpt and a value's
        variable). Excerpts and codings the change leaves out go as `remove` takes them
        (links to them and graph vertices with them)."""
        if isinstance(obj, Project):
            return cast(_Any, self._update_project(changes))
        if isinstance(obj, (Transcript, SyncPoint)):
            raise TypeError(
                f"a {type(obj).__name__.lower()} is part of its source's content: update the "
                "source with a new content (update(source, content=...))"
            )
        if "id" in changes:
            raise ValueError("an object's id cannot change; remove it and add a new one")
        current: Any = (
            self._any(obj, _Removable)
            if isinstance(obj, (UUID, str))
            else self._current(obj, type(obj))
        )
        refuse_unknown(
            type(current).__name__, changes, [f.name for f in attrs.fields(type(current))]
        )
        if "name" in changes and isinstance(current, _NAMED_KINDS):
            checked_name(changes["name"], type(current).__name__.lower())
        if "label" in changes and isinstance(current, Case):
            checked_name(changes["label"], "participant" if current.is_participant else "case")
        if "color" in changes and changes["color"] != current.color:
            checked_colour(changes["color"])  # a new colour is checked; one a file held is kept
        changed = attrs.evolve(current, **self._looked_up(current, changes))
        self._refuse_misfits(current, changed, changes)
        if changes.keys() & {"excerpts", "codings"} and isinstance(current, _HOLDERS):
            self._refuse_new_parts(current, changed)
        self._put(changed)
        if isinstance(current, (Source, Note, Excerpt)) and changes.keys() & {
            "codings",
            "excerpts",
        }:
            self._let_go(current, changed)
        return cast(_Any, changed)

    def _refuse_new_parts(
        self, current: Source | Note | Excerpt, changed: Source | Note | Excerpt
    ) -> None:
        """Refuse an excerpt or coding the update of a holder brings (new, or changed) that
        `excerpt` or `recode` would not make: an id the call gives twice (where the holder
        did not already, as a file may) or another holder holds, an anchor the source cannot
        hold or a quote other than the text it marks, a new code or coder the builder does
        not hold. What the holder held as it is stays, whatever a file left in it."""
        before_excerpts = getattr(current, "excerpts", ())
        after_excerpts = getattr(changed, "excerpts", ())
        before_codings, after_codings = _codings_in(current), _codings_in(changed)
        _given_once("excerpt", before_excerpts, after_excerpts)
        _given_once("coding", before_codings, after_codings)
        own = frozenset((current.id, *(excerpt.id for excerpt in before_excerpts)))
        excerpts = ("excerpt", "source", "excerpt and quote")
        for excerpt, was in self._brought(excerpts, before_excerpts, after_excerpts, own):
            placed = was is not None and (was.anchor, was.quote) == (excerpt.anchor, excerpt.quote)
            if isinstance(changed, Source) and not placed:
                check_anchor(changed, excerpt.anchor, excerpt.quote)
        codings = ("coding", "excerpt or source", "recode and code_source")
        for coding, old in self._brought(codings, before_codings, after_codings, own):
            if old is None or old.code != coding.code:  # one a file left pointing at
                self._current(coding.code, Code)  # nothing stays, for validate
            if coding.coder is not None and (old is None or old.coder != coding.coder):
                self._current(coding.coder, User)

    def _brought(
        self,
        kind: tuple[str, str, str],
        before: Iterable[_P],
        after: Iterable[_P],
        own: frozenset[UUID],
    ) -> Iterator[tuple[_P, _P | None]]:
        """Each part (excerpt or coding) of ``after`` that ``before`` did not hold as it is,
        with the one of its id ``before`` held (``None``: a new one). A new one that another
        holder holds is refused; ``kind`` names the part, its holders and its adders."""
        part_kind, holders, adders = kind
        held, by_id = set(before), {part.id: part for part in before}
        for part in after:
            if part in held:
                continue
            was = by_id.get(part.id)
            if was is None and self._held_elsewhere(part.id, own):
                raise ValueError(
                    f"{part_kind} {part.id} is held already (by another {holders}): a new "
                    f"{part_kind} needs an id of its own ({adders} add one)"
                )
            yield part, was

    def _held_elsewhere(self, key: UUID, own: frozenset[UUID]) -> bool:
        """Whether an excerpt or coding of id ``key`` is held outside ``own`` (the holder
        being changed and its excerpts): by a source (the map of holders may name one that
        has let it go since), one of its excerpts, or a note."""
        owners = self._owners_map()
        holder = owners.get(key)
        if holder is not None and holder not in own:  # a source, or an excerpt in one
            sources = self._parts.sources
            source = sources.get(holder) or sources.get(owners.get(holder, holder))
            if key in _ids_in(source):
                return True
        return any(
            note.id not in own and key in _ids_in(note) for note in self._parts.notes.values()
        )

    def _let_go(self, current: Any, changed: Any) -> None:
        """Take along what referred to the excerpts and codings ``changed`` no longer holds
        (links, graph vertices; for an excerpt, also memberships and code examples)."""
        went = _ids_in(current) - _ids_in(changed)
        excerpts = {e.id for e in getattr(current, "excerpts", ())} & went
        if excerpts or (went and referenced(self._parts, went)):
            self._owners = None
            sweep(self._parts, went)

    def _carry(self, obj: _Any, **changes: Any) -> _Any:
        """Put ``obj`` (as the builder has it) with ``changes`` taken as given, ids not
        looked up: for `qcode.agreement.merge`, which joins references to what it adds
        later (memos, excerpts) and carries those an input left pointing at nothing. A
        project's memo references are its only field carried so."""
        if isinstance(obj, Project):
            self._parts.note_refs = changes.pop("note_refs", self._parts.note_refs)
            refuse_unknown("Project", changes, [])
            return cast(_Any, self.build())
        current: Any = self._any(obj, _Removable) if isinstance(obj, UUID) else obj
        changed = attrs.evolve(self._current(current, type(current)), **changes)
        self._put(changed)
        return cast(_Any, changed)

    def _update_project(self, changes: dict[str, Any]) -> Project:
        """The project with its own fields changed (name, description, origin, base path,
        audit, memo references, vendor data); what it holds changes one object at a time."""
        held = [name for name in changes if name in COLLECTIONS]
        if held:
            raise TypeError(
                f"a project's {' and '.join(held)} change one object at a time: add, update "
                "or remove them"
            )
        own = [f.name for f in attrs.fields(Project) if f.name not in COLLECTIONS]
        refuse_unknown("Project", changes, own)
        if "name" in changes:
            checked_name(changes["name"], "project")
        if "note_refs" in changes:
            given = as_tuple(changes["note_refs"], "note_refs")
            changes["note_refs"] = tuple(
                self._reference(ref, Note, self._parts.note_refs) for ref in given
            )
        in_parts = {"audit": self._parts.audit, "note_refs": self._parts.note_refs}
        # the whole change checked by the model's validators before any of it is made:
        changed = attrs.evolve(Project(name=self._project.name), **{**in_parts, **changes})
        self._parts.audit, self._parts.note_refs = changed.audit, changed.note_refs
        rest = {k: v for k, v in changes.items() if k not in in_parts}
        self._project = attrs.evolve(self._project, **rest)
        return self.build()

    def _looked_up(self, current: Any, changes: dict[str, Any]) -> dict[str, Any]:
        """``changes`` with what names or holds objects turned into ids, as the adders
        turn them: values by variable, a parent (refused below ``current``), references."""
        if isinstance(changes.get("values"), Mapping):
            changes["values"] = self._values(changes["values"])
        references = _REFERENCES.get(type(current), {})
        if isinstance(current, _Noted):
            references = {**references, "note_refs": Note}
        for name, kind in references.items():
            if name not in changes:
                continue
            before = getattr(current, name)
            if isinstance(before, tuple):
                given = as_tuple(changes[name], name)
                found = (self._reference(ref, kind, before) for ref in given)
                changes[name] = _once(found)
            elif changes[name] is not None:
                changes[name] = self._reference(changes[name], kind, (before,))
        if isinstance(current, Code) and "examples" in changes:
            quoted = {example.excerpt for example in current.examples}
            for example in as_tuple(changes["examples"], "examples"):
                if not isinstance(example, Example):
                    raise TypeError(f"an example is a qcode.Example, not {type(example).__name__}")
                if example.excerpt is not None and example.excerpt not in quoted:
                    self._current(example.excerpt, Excerpt)  # refused if it is nowhere
        if isinstance(current, (Code, Theme)) and changes.get("parent") is not None:
            changes["parent"] = self._parent(current, changes["parent"])
        return changes

    def _refuse_misfits(self, current: Any, changed: Any, changes: dict[str, Any]) -> None:
        """Refuse a change that leaves ``changed`` where it cannot be: a code on a sibling's
        path, an excerpt its source cannot hold, a source's content that an excerpt which
        fitted the old one does not fit."""
        if isinstance(changed, (Code, Theme, Variable, User)) and (
            "name" in changes or "parent" in changes
        ):
            self._unique_among_siblings(changed)
        if isinstance(changed, Excerpt) and ("anchor" in changes or "quote" in changes):
            holder = self._parts.sources.get(self._owners_map().get(changed.id, changed.id))
            if holder is not None:
                alone = "quote" not in changes and changed.quote is not None
                hint = "; give the new quote with the anchor (quote=...)" if alone else ""
                check_anchor(holder, changed.anchor, changed.quote, hint)
        if isinstance(changed, Source) and "content" in changes:
            check_content(changed.name, changed.content, current.content)
            for excerpt in current.excerpts:
                if fits(current, excerpt):
                    try:
                        check_anchor(changed, excerpt.anchor, excerpt.quote)
                    except ValueError as exc:
                        said = f" ({clip(excerpt.quote)})" if excerpt.quote is not None else ""
                        raise ValueError(
                            f"the new content does not hold excerpt {excerpt.id}{said}: {exc}"
                        ) from None
        if "values" in changes:
            self._refuse_new_misfit_values(current.values, changed.values)
        if isinstance(changed, Variable) and changed.type != current.type:
            self._refuse_retyped(current, changed)

    def _refuse_retyped(self, current: Variable, changed: Variable) -> None:
        """Refuse a new type for a variable where a value held for it fits the old type but
        not the new one (a value that fitted neither, as a file held it, stays)."""
        parts = self._parts
        holders: list[Case | Source | Note] = [
            *parts.cases.values(),
            *parts.sources.values(),
            *parts.notes.values(),
        ]
        for holder in holders:
            for value in holder.values:
                if value.variable != current.id or value_mismatch(value.value, current):
                    continue
                mismatch = value_mismatch(value.value, changed)
                if mismatch is not None:
                    kind = type(holder).__name__.lower()
                    name = getattr(holder, "label", None) or getattr(holder, "name", None)
                    called = repr(name) if name else str(holder.id)
                    raise TypeError(
                        f"{mismatch}: {kind} {called} holds it; remove that value first, and "
                        "give it again in the new type once the type changed"
                    )

    def _refuse_new_misfit_values(
        self, before: tuple[VariableValue, ...], after: tuple[VariableValue, ...]
    ) -> None:
        """Refuse a value ``after`` adds that is not of its variable's type, or a second
        value for one variable (what a file held already is kept, for `validate`)."""
        held = Counter(before)
        counts = Counter(value.variable for value in before)
        for value in after:
            if held[value] > 0:
                held[value] -= 1
                continue
            self._refuse_misfit_value(
                value.value, self._parts.variables[self._variable(value.variable)]
            )
        for variable, n in Counter(value.variable for value in after).items():
            if n > max(1, counts[variable]):
                declared = self._parts.variables.get(variable)
                name = repr(declared.name) if declared is not None else str(variable)
                raise ValueError(
                    f"{n} values for variable {name}: an object holds one value per variable"
                )

    def _reference(self, ref: Any, kind: type | None, held: Iterable[UUID | None]) -> UUID:
        """The id ``update`` stores for ``ref``: one the object ``held`` there already as it
        is (references a file left pointing at nothing are carried, for `qcode.validate` to
        report), another object, id or text looked up as the adders look it up (refused if
        the builder holds no such object)."""
        if isinstance(ref, UUID) and ref in held:
            return ref
        if kind is None:
            return cast(UUID, self._any(ref, _Removable).id)
        return cast(UUID, self._current(ref, kind).id)

    def rename_code(self, code: Code | UUID | str, name: str) -> Code:
        """Give a code a new name; its id, codings and place stay."""
        return self.update(self._code(code), name=name)

    def move_code(self, code: Code | UUID | str, *, parent: Code | UUID | str | None) -> Code:
        """Put a code under ``parent`` (or at the top, with ``None``), with all below it.
        Moving a code under itself or below itself is refused."""
        return self.update(self._code(code), parent=parent)

    def _unique_among_siblings(self, item: Code | Theme | Variable | User) -> None:
        """Refuse ``item`` where another of its kind (under its parent, for codes and
        themes) has its name, in either Unicode form, or where a ``/`` in a name would give
        a code or theme the path of another: the two could not be told apart by the name
        or path by which they are found."""
        name, parent = nfc(item.name), getattr(item, "parent", None)
        kind = type(item).__name__.lower()
        for other in (collection_of(self._parts, type(item)) or {}).values():
            if getattr(other, "parent", None) != parent or other.id == item.id:
                continue
            if name is None or other.name is None:  # a user without a name: found otherwise
                continue
            if other.name == name or (not other.name.isascii() and nfc(other.name) == name):
                if isinstance(other, (Code, Theme)):
                    where = "at the top" if parent is None else "under that parent"
                    raise ValueError(
                        f"a {kind} named {item.name!r} is already {where} "
                        f"({self.build().path(other)!r}); two {kind}s with one path cannot be "
                        "told apart"
                    )
                raise ValueError(
                    f"a {kind} named {item.name!r} is already in the project; two {kind}s "
                    "with one name cannot be told apart by name"
                )
        if isinstance(item, (Code, Theme)):
            self._refuse_path_twins(item)

    def _refuse_path_twins(self, item: Code | Theme) -> None:
        """Refuse ``item`` (added, renamed or moved) where a ``/`` in a name gives it, or
        a code or theme below it, the path of another (``Work/life`` at the top and
        ``life`` under ``Work``) that no two had before."""
        held: dict[UUID, Code | Theme] = collection_of(self._parts, type(item)) or {}
        nodes = {**held, item.id: item}
        if not any(SEPARATOR in node.name for node in nodes.values()):
            return
        before, after = _shared_paths(held), _shared_paths(nodes)
        for path in after.keys() - before.keys():
            kind = type(item).__name__.lower()
            raise ValueError(
                f"{kind} {item.name!r} would give two {kind}s the path {path!r}: a '/' in a "
                f"name makes two paths one, and neither could be found by it"
            )

    def _refuse_shared_paths(self, moved: list[Code], merged: list[Code], into: Code) -> None:
        """Refuse merging ``merged`` into ``into`` where a code it ``moved`` (in its new
        place) would share a path with another: neither could be found by it."""
        taken: dict[tuple[UUID | None, str], Code] = {}
        moving = {code.id for code in moved}
        leaving = {code.id for code in merged} | moving
        staying = [c for c in self._parts.codes.values() if c.id not in leaving]

        def refused(why: str) -> ValueError:
            built = self.build()
            doing = ", ".join(repr(built.path(c)) for c in merged)
            return ValueError(f"merging {doing} into {built.path(into)!r} would {why}")

        for code in (*staying, *moved):
            other = taken.setdefault((code.parent, nfc(code.name)), code)
            if other is not code and code.id in moving:  # a file's own twins are kept
                built = self.build()
                paths = sorted({built.path(other), built.path(code)})
                raise refused(
                    f"put {paths[0]!r} and {paths[-1]!r} under one parent with one name: two "
                    "codes with one path cannot be told apart (merge or rename one of them "
                    "first)"
                )
        after = {code.id: code for code in (*staying, *moved)}
        if any(SEPARATOR in code.name for code in after.values()):
            before = _shared_paths(self._parts.codes)
            for path, n in _shared_paths(after).items():
                if n > before.get(path, 1):
                    raise refused(
                        f"give two codes the path {path!r}: a '/' in a name makes two paths "
                        "one, and neither could be found by it"
                    )

    def _parent(self, moved: Code | Theme, parent: Any) -> UUID:
        """The id of ``parent`` (a code or theme like ``moved``, or its id, path or name),
        refused where it is ``moved`` or below it."""
        kind = type(moved)
        held = collection_of(self._parts, kind) or {}
        found: Code | Theme = self._current(parent, kind)
        above: Code | Theme | None = found
        while above is not None:
            if above.id == moved.id:
                what = kind.__name__.lower()
                raise ValueError(f"{what} {moved.name!r} cannot move under itself or below itself")
            above = held.get(above.parent) if above.parent else None
        return found.id

    @gives_back_ids
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
        that coder has applied it already. A code in both ends applied by ``coder`` alone:
        another coder's coding of it goes, the coder's own stays as it was (its id, time and
        memos)."""
        current = self._current(excerpt, Excerpt)
        dropped = {self._code(code).id for code in as_tuple(remove, "remove")}
        code_ids, coder_id = self._applied(as_tuple(add, "add"), coder)
        again = set(code_ids)  # removed and added: the coder's own coding of it stays as it is
        kept = [
            c
            for c in current.codings
            if c.code not in dropped or (c.code in again and c.coder == coder_id)
        ]
        kept += self._codings(current.id, code_ids, coder_id, coded_at, kept)
        if len(kept) == len(current.codings) and not dropped:
            return current
        return self.update(current, codings=tuple(kept))

    def merge_codes(self, codes: Iterable[Code | UUID | str], *, into: Code | UUID | str) -> Code:
        """Merge ``codes`` into ``into``: their codings are re-pointed (a coding that would
        repeat one of the same excerpt, code and coder is dropped, its memo references going
        to the one kept, links to it with it), their child codes move
        under ``into`` (a child that ``into`` sits below takes its merged parent's place
        instead), their examples, memo references and memberships of themes, sets and
        cases go to ``into``, links and graph vertices point at it (a link between two of
        the merged codes, which would link ``into`` to itself, goes); then they are removed.
        Their when-to-use and when-not-to-use items join ``into``'s (a rule both hold, in
        either Unicode form, once); a definition (brief or full) ``into`` lacks is the first
        merged code's that has one. Where ``into`` has its own, the merged codes' are not
        kept: a code holds one definition, and which to keep is the caller's to say
        (`update` before or after)."""
        target = self._code(into)
        given = as_tuple(codes, "codes")
        if not given:  # a list that chose nothing: the caller meant some code
            raise ValueError(f"merge_codes needs one or more codes to merge into {target.name!r}")
        merged = [c for c in dict.fromkeys(self._code(c) for c in given) if c.id != target.id]
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

        above_target = set()
        current = target.parent
        while current is not None and current not in above_target:
            above_target.add(current)
            current = codes[current].parent if current in codes else None
        moves = []
        for child in [c for c in codes.values() if c.parent in ids and c.id != target.id]:
            # under ``into``, unless ``into`` sits below the child: then in the merged one's place
            parent = kept_above(child.parent) if child.id in above_target else target.id
            moves.append(attrs.evolve(child, parent=parent))
        self._refuse_shared_paths(
            [attrs.evolve(target, parent=kept_above(target.parent)), *moves], merged, target
        )
        self.update(
            target,
            examples=_once((*target.examples, *(e for c in merged for e in c.examples))),
            note_refs=_once((*target.note_refs, *(n for c in merged for n in c.note_refs))),
            **{
                field: _items_once(
                    (*getattr(target, field), *(i for c in merged for i in getattr(c, field)))
                )
                for field in ("when_to_use", "when_not_to_use")
            },
            **{
                field: next((d for c in (target, *merged) if (d := getattr(c, field))), None)
                for field in ("brief_definition", "full_definition")
            },
        )
        above = kept_above(target.parent)  # its place checked with the others' above, the
        if above != target.parent:  # codes merged away counted out (no update, which would not)
            self._put(attrs.evolve(self._parts.codes[target.id], parent=above))
        for child in moves:
            self._put(child)
        parts = self._parts
        joined = {*ids, target.id}  # a link between two of them would link the code to itself
        between = {k for k, link in parts.links.items() if {link.origin, link.target} <= joined}
        between -= {k for k, link in parts.links.items() if link.origin == link.target}
        repoint = Repoint(ids, target.id)
        for collection in parts.collections():
            for key, item in list(collection.items()):
                collection[key] = repoint.other(item)
        self._owners = None
        sweep(parts, {*ids, *repoint.dropped, *between})
        return parts.codes[target.id]

    def apply_codebook(
        self, codebook: Codebook | Project, *, match: Match = "id"
    ) -> tuple[Issue, ...]:
        """Bring the project in line with ``codebook`` (or a project's): its new codes are
        added (with their ids), changed codes updated (name, place, definition, examples,
        status), its themes added or updated (a theme's description, parent and colour only
        where the codebook gives one). Codes and themes it does not hold are left, and
        reported; a code or theme that would repeat a sibling's name or sit below itself, a
        theme whose parent is nowhere, and a theme's member neither holds are not applied,
        and reported; a codebook that gives two codes or themes one id is refused
        (`ValueError`). Codings are untouched. ``match="path"`` matches codes by path
        (themes by name) rather than by id. Returns the report (also kept in `applied`)."""
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
        into the project as it is, id and references included, as a file would hold it:
        nothing it names or holds is checked (`validate` reports what is wrong, such as a
        parent or coder the builder does not hold), so add what it names first. An id
        already in use by an object of its kind is refused."""
        collection = collection_of(self._parts, type(obj))
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

    def build(self) -> Project:
        """The project as it stands (the builder can go on afterwards)."""
        parts = self._parts
        fields: dict[str, Any] = {
            name: tuple(collection.values())
            for name, collection in zip(COLLECTIONS, parts.collections(), strict=True)
        }
        return attrs.evolve(self._project, audit=parts.audit, note_refs=parts.note_refs, **fields)


def _shared_paths(nodes: dict[UUID, Any]) -> dict[str, int]:
    """Each path (in NFC) that more than one of ``nodes`` has, with how many have it."""
    counts = Counter(nfc(path) for path in paths_of(nodes.values(), nodes).values())
    return {path: n for path, n in counts.items() if n > 1}


def _given_once(kind: str, before: Iterable[Any], after: Iterable[Any]) -> None:
    """Refuse excerpts or codings ``after`` of which two share an id, but for ids
    ``before`` held as often already (a file may: ATLAS.ti gives a PDF quotation's region
    and span one id)."""
    was = Counter(part.id for part in before)
    for key, n in Counter(part.id for part in after).items():
        if n > max(1, was[key]):
            raise ValueError(f"{kind} {key} is given twice: each is held once")


def _ids_in(holder: Source | Note | Excerpt | None) -> set[UUID]:
    """The ids of the excerpts and codings ``holder`` holds (none for ``None``)."""
    if holder is None:
        return set()
    return {*(excerpt.id for excerpt in getattr(holder, "excerpts", ())),
            *(coding.id for coding in _codings_in(holder))}  # fmt: skip


def _codings_in(holder: Any) -> tuple[Coding, ...]:
    """The codings of a source, note or excerpt, and of the excerpts it holds."""
    excerpts = getattr(holder, "excerpts", ())
    return (*holder.codings, *(coding for excerpt in excerpts for coding in excerpt.codings))


def _once(items: Iterable[_T]) -> tuple[_T, ...]:
    """``items``, each once, where it first comes (a theme's codes, a set's members)."""
    return tuple(dict.fromkeys(items))


def _items_once(items: Iterable[str]) -> tuple[str, ...]:
    """Rules (when to use a code), each once as first written, one written in the other
    Unicode form (or with other spaces around it) being the same rule."""
    first: dict[str, str] = {}
    for item in items:
        first.setdefault(nfc(item.strip()), item)
    return tuple(first.values())
