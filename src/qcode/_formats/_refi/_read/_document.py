"""The walk over a whole document: `RefiReader` reads a project (or a codebook document)
with every family's mixin, and `ReadAhead` has it read text sources while the file is
parsed."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from attrs import evolve
from lxml import etree

from qcode._formats._refi import _offsets
from qcode._formats._refi._conventions import NO_CODES, layer_guid
from qcode._formats._refi._read._annotations import AnnotationsReader
from qcode._formats._refi._read._codebook import CodebookReader
from qcode._formats._refi._read._core import Spans
from qcode._formats._refi._xml import CODEBOOK_NS, PROJECT_NS
from qcode._model import Audit, Project, Source, User


class ReadAhead:
    """Watches a project document as it is parsed (`parse` with ``watch``): when <Sources>
    opens, makes the reader and lets it read what comes before; then hands it each
    <TextSource> in <Sources> as soon as it is complete (`RefiReader.source_complete`)."""

    TAGS = (f"{{{PROJECT_NS}}}Sources", f"{{{PROJECT_NS}}}TextSource")
    """The elements to watch: documents in a draft namespace are simply read afterwards."""

    def __init__(self, reader_for: Callable[[etree._Element], RefiReader]) -> None:
        self._reader_for = reader_for
        self._reader: RefiReader | None = None
        self._sources: etree._Element | None = None

    def __call__(self, event: str, element: etree._Element) -> None:
        if event == "start":
            root = element.getparent()
            if (
                self._sources is None
                and element.tag == self.TAGS[0]
                and root is not None
                and root.getparent() is None
                and root.tag == f"{{{PROJECT_NS}}}Project"
            ):
                self._sources = element
                self._reader = self._reader_for(root)
                self._reader.sources_started(element)
        elif self._reader is not None and element.getparent() is self._sources:
            self._reader.source_complete(element)


class RefiReader(CodebookReader, AnnotationsReader):
    """Reads one REFI-QDA document. ``texts`` resolves ``plainTextPath`` values."""

    def project(self) -> Project:
        """The whole project. Parts already read while the document was parsed
        (`sources_started`, `source_complete`) are taken as read, their reports put back
        where the walk reaches them, so that the report is the same either way."""
        self.paths.forget()  # the tree is whole now: siblings are counted afresh
        if self.root not in self._held:
            self._start()
        self._release(self.root)
        self.choose_dialect()
        for child in self.root:
            if child not in self._held:
                self._top(child)
            self._release(child)
        project = Project(**self._fields, note_refs=tuple(self._note_refs))
        project = self._fold_document_cases(project)
        return evolve(project, vendor_data=tuple(self._vendor))

    def sources_started(self, sources: etree._Element) -> None:
        """While parsing: <Sources> has opened, so everything before it is complete and is
        read now (text sources need the variables and users before them)."""
        self._hold(self.root, self._start)
        for child in self.root[: self.root.index(sources)]:
            self._hold(child, functools.partial(self._top, child))

    def source_complete(self, element: etree._Element) -> None:
        """While parsing: a <TextSource> in <Sources> is complete. It is read now, with the
        dialect the caller or the origin names, and its elements are freed, which spares
        the tree all its selections at once. Where the dialects differ on its text, its
        raw offsets are kept: the dialect is chosen from the whole document."""
        self._early[element] = self._hold(element, lambda: self._early_text_source(element))
        element.clear()
        del self._text_cache[element]

    def _early_text_source(self, element: etree._Element) -> Source:
        text = self._text(element)
        if not _offsets.differs(text):
            return self.text_source(element)
        raw: list[tuple[int, int]] = []
        self._early_raw[element] = (Spans(text, element, self.ns), raw)
        return self.text_source(element, raw)

    def _start(self) -> None:
        """The root element's own attributes."""
        self._set_namespace(PROJECT_NS)
        root = self.root
        self.vendor(root, None, "Project")
        fields = self._fields
        fields["origin"] = self.origin()
        self._dialect = self._provisional()  # for text sources read before the choice
        fields["name"] = root.get("name") or ""
        fields["base_path"] = root.get("basePath")
        get = root.get
        if any(
            get(a) is not None
            for a in (
                "creatingUserGUID",
                "creationDateTime",
                "modifyingUserGUID",
                "modifiedDateTime",
            )
        ):
            fields["audit"] = Audit(
                created_by=self.optional_guid(get("creatingUserGUID"), root),
                created_at=self.moment(get("creationDateTime"), root),
                modified_by=self.optional_guid(get("modifyingUserGUID"), root),
                modified_at=self.moment(get("modifiedDateTime"), root),
            )
        if not fields["name"]:
            self.warn("missing-name", root, "the project has no name")

    def _top(self, child: etree._Element) -> None:
        """One child of <Project>, into the project's fields."""
        containers: dict[str, tuple[str, Callable[[etree._Element], Any]]] = {
            "Users": ("users", self.users),
            "CodeBook": ("codes", self.codebook),
            "Variables": ("variables", self.variables),
            "Cases": ("cases", self.cases),
            "Sources": ("sources", self.sources),
            "Notes": ("notes", self.notes),
            "Links": ("links", self.links),
            "Graphs": ("graphs", self.graphs),
        }
        fields, tag = self._fields, str(child.tag)
        local = tag[len(self.ns) :] if tag.startswith(self.ns) else ""
        if local in containers:
            field, read = containers[local]
            fields[field] = read(child)
        elif local == "Sets":
            fields.update(self.sets(child, "targetGUID"))
        elif local == "Description":
            fields["description"] = self.plain(child, None)
        elif local == "NoteRef":
            self._note_refs.append(self.guid(child.get("targetGUID"), child))
        else:
            self.unknown_child(child, None)

    def codebook_document(self, name: str) -> Project:
        """A standalone .qdc codebook as a project holding only codes and sets."""
        ns = self._set_namespace(CODEBOOK_NS)
        self.vendor(self.root, None, "CodeBook")
        fields: dict[str, Any] = {"name": name, "origin": self.origin()}
        for child in self.root:
            if child.tag == f"{ns}Codes":
                codes = self.codes(child)
                if [(c.id, c.name) for c in codes] == [(layer_guid(None), NO_CODES)]:
                    codes = ()  # the placeholder qcode writes for a codebook without codes
                fields["codes"] = codes
            elif child.tag == f"{ns}Sets":
                fields.update(self.sets(child, "guid"))
            else:
                self.unknown_child(child, None)
        return Project(**fields, vendor_data=tuple(self._vendor))

    def users(self, element: etree._Element) -> tuple[User, ...]:
        users = []
        for item in self.container(element, "User"):
            user = User(
                id=self.guid(item.get("guid"), item), name=item.get("name"), login=item.get("id")
            )
            self.vendor(item, user.id, "User")
            users.append(user)
        return tuple(users)
