"""`ProjectBuilder`: encode a study in code by quoting it, never by counting characters.

The model is immutable; the builder collects objects, lets later calls attach memos,
excerpts and speakers to earlier ones, and assembles a `Project` in `build`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeVar
from uuid import UUID

import attrs

from qcode._issues import QuoteError
from qcode._model import (
    Case,
    Code,
    CodeOrigin,
    CodeStatus,
    Coding,
    Content,
    Direction,
    Example,
    Excerpt,
    Link,
    Note,
    Project,
    Set,
    Source,
    TextContent,
    TextSpan,
    Theme,
    User,
    Variable,
    VariableType,
    VariableValue,
)
from qcode._model._cases import Value
from qcode._quotes import find_quote

Ref = UUID | User | Variable | Case | Code | Theme | Source | Excerpt | Note | Link | Set | Coding


_Noted = TypeVar("_Noted", Code, Theme, Link, Coding, Excerpt, Source)


def _id_of(ref: Ref) -> UUID:
    return ref if isinstance(ref, UUID) else ref.id


class ProjectBuilder:
    """Builds a `Project` step by step.

    With ``id_namespace`` every id is a UUID5 of that namespace and the object's kind and
    name, so rebuilding a project gives the same ids; otherwise ids are random. ``coder``
    and ``coded_at`` are the defaults for the codings that `quote` and `code_source` make.
    """

    def __init__(
        self,
        name: str,
        *,
        description: str | None = None,
        origin: str | None = None,
        id_namespace: UUID | None = None,
        coded_at: dt.datetime | None = None,
    ) -> None:
        self._project = Project(name=name, description=description, origin=origin)
        self._namespace = id_namespace
        self._coded_at = coded_at
        self._coder: UUID | None = None
        self._used_ids: set[UUID] = set()
        self._users: list[User] = []
        self._variables: dict[UUID, Variable] = {}
        self._cases: dict[UUID, Case] = {}
        self._codes: dict[UUID, Code] = {}
        self._themes: dict[UUID, Theme] = {}
        self._sources: dict[UUID, Source] = {}
        self._notes: list[Note] = []
        self._links: list[Link] = []
        self._sets: list[Set] = []
        self._excerpts: defaultdict[UUID, list[Excerpt]] = defaultdict(list)
        self._note_refs: defaultdict[UUID | None, list[UUID]] = defaultdict(list)
        self._spoken: defaultdict[UUID, list[tuple[UUID, UUID]]] = defaultdict(list)

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

    def user(self, name: str, *, login: str | None = None, default: bool = True) -> User:
        """Add a coder; the first one (or any with ``default=True``) codes by default."""
        user = User(id=self._new_id("user", name), name=name, login=login)
        self._users.append(user)
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
        self._variables[variable.id] = variable
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
        self._cases[case.id] = case
        return case

    def code(
        self,
        name: str,
        *,
        parent: Code | UUID | None = None,
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
        parent_id = None if parent is None else _id_of(parent)
        code = Code(
            id=self._new_id("code", f"{parent_id}/{name}"),
            name=name,
            parent=parent_id,
            codable=codable,
            color=color,
            brief_definition=brief_definition,
            full_definition=full_definition,
            when_to_use=tuple(when_to_use),
            when_not_to_use=tuple(when_not_to_use),
            examples=tuple(examples),
            origin=origin,
            status=status,
        )
        self._codes[code.id] = code
        return code

    def add_example(self, code: Code | UUID, example: Example) -> None:
        """Append an example to a code added earlier (e.g. once its excerpt exists)."""
        current = self._codes[_id_of(code)]
        self._codes[current.id] = attrs.evolve(current, examples=(*current.examples, example))

    def theme(
        self,
        name: str,
        *,
        codes: Iterable[Code | UUID] = (),
        parent: Theme | UUID | None = None,
        description: str | None = None,
        color: str | None = None,
    ) -> Theme:
        """Add a theme grouping ``codes``, under ``parent`` if given."""
        theme = Theme(
            id=self._new_id("theme", name),
            name=name,
            description=description,
            parent=None if parent is None else _id_of(parent),
            codes=tuple(_id_of(c) for c in codes),
            color=color,
        )
        self._themes[theme.id] = theme
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
        self._sources[source.id] = source
        return source

    def quote(
        self,
        source: Source | UUID,
        quote: str,
        *,
        codes: Iterable[Code | UUID] = (),
        occurrence: int | None = None,
        speaker: Case | UUID | None = None,
        name: str | None = None,
        coder: User | UUID | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Excerpt:
        """Add an excerpt of ``source`` found by quoting it, coded with ``codes``.

        Raises `QuoteError` if the quote is not in the source's text or occurs more than
        once (pass ``occurrence``). ``speaker`` records who said or wrote it.
        """
        target = self._sources[_id_of(source)]
        text = target.text
        if text is None:
            raise QuoteError(f"source {target.name!r} has no text to quote from")
        start, end = find_quote(text, quote, occurrence=occurrence, where=f"source {target.name!r}")
        excerpt_id = self._new_id("excerpt", f"{target.name}/{start}:{end}")
        excerpt = Excerpt(
            id=excerpt_id,
            anchor=TextSpan(start, end),
            name=name,
            quote=quote,
            codings=self._codings(excerpt_id, codes, coder, coded_at),
        )
        self._excerpts[target.id].append(excerpt)
        if speaker is not None:
            self._spoken[_id_of(speaker)].append((target.id, excerpt.id))
        return excerpt

    def code_source(
        self,
        source: Source | UUID,
        codes: Iterable[Code | UUID],
        *,
        coder: User | UUID | None = None,
        coded_at: dt.datetime | None = None,
    ) -> Source:
        """Code a whole source (not a part of it)."""
        current = self._sources[_id_of(source)]
        added = self._codings(current.id, codes, coder, coded_at)
        updated = attrs.evolve(current, codings=(*current.codings, *added))
        self._sources[current.id] = updated
        return updated

    def _codings(
        self,
        owner: UUID,
        codes: Iterable[Code | UUID],
        coder: User | UUID | None,
        coded_at: dt.datetime | None,
    ) -> tuple[Coding, ...]:
        coder_id = self._coder if coder is None else _id_of(coder)
        return tuple(
            Coding(
                id=self._new_id("coding", f"{owner}/{_id_of(code)}"),
                code=_id_of(code),
                coder=coder_id,
                coded_at=coded_at or self._coded_at,
            )
            for code in codes
        )

    def note(self, text: str, *, name: str | None = None, about: Iterable[Ref] = ()) -> Note:
        """Add a memo about the given objects, or about the whole project if ``about`` is empty."""
        note = Note(id=self._new_id("note", name or text[:80]), name=name, text=text)
        self._notes.append(note)
        targets: list[UUID | None] = [_id_of(ref) for ref in about]
        for target in targets or [None]:
            self._note_refs[target].append(note.id)
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
        origin_id, target_id = _id_of(origin), _id_of(target)
        link = Link(
            id=self._new_id("link", f"{origin_id}/{target_id}/{name}"),
            name=name,
            origin=origin_id,
            target=target_id,
            direction=direction,
        )
        self._links.append(link)
        return link

    def set(
        self,
        name: str,
        *,
        codes: Iterable[Code | UUID] = (),
        sources: Iterable[Source | UUID] = (),
        notes: Iterable[Note | UUID] = (),
        description: str | None = None,
    ) -> Set:
        """Add a set (a code group or a document group)."""
        group = Set(
            id=self._new_id("set", name),
            name=name,
            description=description,
            codes=tuple(_id_of(c) for c in codes),
            sources=tuple(_id_of(s) for s in sources),
            notes=tuple(_id_of(n) for n in notes),
        )
        self._sets.append(group)
        return group

    def build(self) -> Project:
        """The project as built so far (the builder can go on afterwards)."""
        return attrs.evolve(
            self._project,
            note_refs=tuple(self._note_refs.get(None, ())),
            users=tuple(self._users),
            variables=tuple(self._variables.values()),
            cases=tuple(self._with_contributions(c) for c in self._cases.values()),
            codes=tuple(self._with_notes(c) for c in self._codes.values()),
            themes=tuple(self._with_notes(t) for t in self._themes.values()),
            sources=tuple(self._assembled(s) for s in self._sources.values()),
            notes=tuple(self._notes),
            links=tuple(self._with_notes(link) for link in self._links),
            sets=tuple(self._sets),
        )

    def _with_notes(self, obj: _Noted) -> _Noted:
        extra: list[UUID] = self._note_refs.get(obj.id, [])
        if not extra:
            return obj
        return attrs.evolve(obj, note_refs=(*obj.note_refs, *extra))

    def _with_contributions(self, case: Case) -> Case:
        spoken = self._spoken.get(case.id)
        if not spoken:
            return case
        sources = list(case.sources)
        sources += [s for s in dict.fromkeys(s for s, _ in spoken) if s not in sources]
        excerpts = (*case.excerpts, *(e for _, e in spoken))
        return attrs.evolve(case, sources=tuple(sources), excerpts=excerpts)

    def _assembled(self, source: Source) -> Source:
        excerpts = tuple(
            attrs.evolve(self._with_notes(e), codings=tuple(self._with_notes(c) for c in e.codings))
            for e in (*source.excerpts, *self._excerpts.get(source.id, ()))
        )
        codings = tuple(self._with_notes(c) for c in source.codings)
        return attrs.evolve(self._with_notes(source), excerpts=excerpts, codings=codings)
