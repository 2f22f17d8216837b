"""The model into REFI-QDA XML that validates against the official schemas.

Elements come in schema order, containers are never empty, GUIDs are upper case, colours
``#RRGGBB``, timestamps UTC. Text offsets are code points unless a target tool's dialect is
asked for. What REFI-QDA cannot carry is reported, never dropped silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal
from uuid import UUID

from lxml import etree

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi import _definition, _offsets
from qcode._formats._refi._conventions import layer_guid
from qcode._formats._refi._xml import CODEBOOK_NS, PROJECT_NS
from qcode._issues import Issue, Severity
from qcode._model import (
    AudioContent,
    Audit,
    Case,
    Code,
    Coding,
    Excerpt,
    Note,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Project,
    Source,
    TextContent,
    TextMeta,
    TextSpan,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    VariableType,
    VariableValue,
    VideoContent,
)
from qcode._model._cases import Value

TextStore = Callable[[etree._Element, UUID, str], None]
"""Puts a text into a TextSourceType element: as a file (``.qdpx``) or inline (``.qde``)."""

_DIRECTIONS = {"associative": "Associative", "one_way": "OneWay", "bidirectional": "Bidirectional"}
_TYPES = {
    VariableType.TEXT: "Text",
    VariableType.BOOLEAN: "Boolean",
    VariableType.INTEGER: "Integer",
    VariableType.FLOAT: "Float",
    VariableType.DATE: "Date",
    VariableType.DATETIME: "DateTime",
}
_SHAPES = {
    "person": "Person",
    "oval": "Oval",
    "rectangle": "Rectangle",
    "rounded_rectangle": "RoundedRectangle",
    "star": "Star",
    "left_triangle": "LeftTriangle",
    "right_triangle": "RightTriangle",
    "up_triangle": "UpTriangle",
    "down_triangle": "DownTriangle",
    "note": "Note",
}

_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _version() -> str:
    from importlib.metadata import version

    return version("qcode-qda")


def guid(value: UUID) -> str:
    return str(value).upper()


def optional_guid(value: UUID | None) -> str | None:
    return None if value is None else guid(value)


def optional_moment(value: dt.datetime | None) -> str | None:
    return None if value is None else moment(value)


def moment(value: dt.datetime) -> str:
    """UTC with ``Z`` for aware timestamps; naive ones are written as they are."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return value.isoformat() + "Z"
    return value.isoformat()


def color(value: str | None) -> str | None:
    """``#RRGGBB`` (a ``#RGB`` colour is spelled out); anything that is not a colour is left
    out (and reported)."""
    if value is None or not re.fullmatch(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})", value):
        return None
    if len(value) == 4:
        return "#" + "".join(d * 2 for d in value[1:])
    return value


class RefiWriter:
    """Writes one project. ``dialect`` is the offset dialect of the target tool."""

    def __init__(
        self,
        project: Project,
        *,
        file: str,
        store_text: TextStore,
        dialect: str = _offsets.CODEPOINTS,
        include_real_names: bool = False,
    ) -> None:
        self.project = project
        self.file = file
        self._store = store_text
        self._dialect = dialect
        self._real_names = include_real_names
        self.report: list[Issue] = []
        self.ns = ""
        self._replaced = 0

    def _say(self, severity: Severity, code: str, path: str, message: str) -> None:
        self.report.append(
            Issue(severity=severity, code=code, path=path, message=message, file=self.file)
        )

    def safe(self, text: str) -> str:
        """XML cannot hold most control characters: they become U+FFFD, and are counted."""
        if _XML_UNSAFE.search(text) is None:
            return text
        self._replaced += len(_XML_UNSAFE.findall(text))
        return _XML_UNSAFE.sub("\ufffd", text)

    def finish(self) -> None:
        """Report what had to change on the way; call once the document is built."""
        if self._replaced:
            self._say(
                Severity.WARNING,
                "not-carried",
                "$",
                f"{self._replaced} control character(s) that XML cannot hold were written as "
                "U+FFFD",
            )

    def lost(self, path: str, message: str) -> None:
        """Report something REFI-QDA cannot carry."""
        self._say(Severity.WARNING, "not-carried", path, message)

    def el(self, parent: etree._Element, tag: str, /, **attributes: str | None) -> etree._Element:
        element = etree.SubElement(parent, self.ns + tag)
        for key, value in attributes.items():
            if value is not None:
                element.set(key, self.safe(value))
        return element

    def text_el(self, parent: etree._Element, name: str, text: str | None) -> None:
        if text is not None:
            self.el(parent, name).text = self.safe(text)

    def audit(self, element: etree._Element, audit: Audit | None) -> None:
        if audit is None:
            return
        pairs = (
            ("creatingUser", optional_guid(audit.created_by)),
            ("creationDateTime", optional_moment(audit.created_at)),
            ("modifyingUser", optional_guid(audit.modified_by)),
            ("modifiedDateTime", optional_moment(audit.modified_at)),
        )
        for key, value in pairs:
            if value:
                element.set(key, value)

    def refs(self, parent: etree._Element, name: str, targets: Iterable[UUID]) -> None:
        for target in targets:
            self.el(parent, name, targetGUID=guid(target))

    # -- project ---------------------------------------------------------------------

    def project_element(self) -> etree._Element:
        self.ns = f"{{{PROJECT_NS}}}"
        p = self.project
        root = etree.Element(self.ns + "Project", nsmap={None: PROJECT_NS})
        root.set("name", self.safe(p.name))
        root.set("origin", self.safe(conv.render_origin(p.origin, self._dialect, _version())))
        if p.audit is not None:
            for key, value in (
                ("creatingUserGUID", optional_guid(p.audit.created_by)),
                ("creationDateTime", optional_moment(p.audit.created_at)),
                ("modifyingUserGUID", optional_guid(p.audit.modified_by)),
                ("modifiedDateTime", optional_moment(p.audit.modified_at)),
            ):
                if value:
                    root.set(key, value)
        if p.base_path is not None:
            root.set("basePath", self.safe(p.base_path))
        self._reserved_ids()
        if p.users:
            users = self.el(root, "Users")
            for user in p.users:
                self.el(users, "User", guid=guid(user.id), name=user.name, id=user.login)
        if p.codes:
            self.codes(self.el(self.el(root, "CodeBook"), "Codes"), with_notes=True)
        self.variables(root)
        if p.cases:
            cases = self.el(root, "Cases")
            for i, case in enumerate(p.cases):
                self.case(cases, case, f"$.cases[{i}]")
        if p.sources:
            sources = self.el(root, "Sources")
            for i, source in enumerate(p.sources):
                self.source(sources, source, f"$.sources[{i}]")
        if p.notes:
            notes = self.el(root, "Notes")
            for note in p.notes:
                self.note(notes, note)
        if p.links:
            links = self.el(root, "Links")
            for link in p.links:
                element = self.el(
                    links,
                    "Link",
                    guid=guid(link.id),
                    name=link.name,
                    direction=link.direction and _DIRECTIONS[link.direction.value],
                    color=self.color(link.color, f"$.links[{p.links.index(link)}].color"),
                    originGUID=optional_guid(link.origin),
                    targetGUID=optional_guid(link.target),
                )
                self.refs(element, "NoteRef", link.note_refs)
        self.sets(root, "targetGUID")
        if p.graphs:
            self.graphs(self.el(root, "Graphs"))
        self.text_el(root, "Description", p.description)
        self.refs(root, "NoteRef", p.note_refs)
        self.finish()
        if p.vendor_data:
            self.lost(
                "$.vendor_data",
                f"{len(p.vendor_data)} piece(s) of vendor data from the original file have no "
                "place in REFI-QDA",
            )
        return root

    def color(self, value: str | None, path: str) -> str | None:
        written = color(value)
        if value is not None and written is None:
            self.lost(path, f"colour {value!r} is not #RRGGBB or #RGB; left out")
        return written

    def codes(self, parent: etree._Element, *, with_notes: bool) -> None:
        codes = self.project.codes
        known = {code.id for code in codes}
        children: dict[UUID | None, list[Code]] = defaultdict(list)
        for i, code in enumerate(codes):
            if code.parent is not None and code.parent not in known:
                self._say(
                    Severity.WARNING,
                    "orphan-code",
                    f"$.codes[{i}].parent",
                    f"code {code.name!r} has a parent that does not exist; written at the top",
                )
                children[None].append(code)
            else:
                children[code.parent].append(code)
        written: set[UUID] = set()

        def write(into: etree._Element, code: Code) -> None:
            if code.id in written:
                return  # a cycle; validation reports it
            written.add(code.id)
            element = self.el(
                into,
                "Code",
                guid=guid(code.id),
                name=code.name,
                isCodable="true" if code.codable else "false",
                color=self.color(code.color, f"$.codes[{codes.index(code)}].color"),
            )
            self.text_el(element, "Description", _definition.render(code))
            if with_notes:
                self.refs(element, "NoteRef", code.note_refs)
            elif code.note_refs:
                self.lost(f"$.codes[{codes.index(code)}].note_refs", "a codebook has no code memos")
            for child in children.get(code.id, []):
                write(element, child)

        for code in children[None]:
            write(parent, code)
        for i, code in enumerate(codes):
            if code.id not in written:
                self.lost(f"$.codes[{i}]", f"code {code.name!r} is in a parent cycle; left out")

    def _reserved_ids(self) -> None:
        p = self.project
        # A kind equal to what the reader assumes without the variable needs no value.
        kinds = any(source.kind != conv.DEFAULT_SOURCE_KIND for source in p.sources)
        self._source_kind = conv.reserved_variable_id(conv.SOURCE_KIND) if kinds else None
        kinds = any(case.kind != conv.IMPORTED_CASE_KIND for case in p.cases)
        self._case_kind = conv.reserved_variable_id(conv.CASE_KIND) if kinds else None
        has_names = any(case.real_name is not None for case in p.cases)
        self._real_name = (
            conv.reserved_variable_id(conv.REAL_NAME) if has_names and self._real_names else None
        )
        if has_names and not self._real_names:
            self.lost(
                "$.cases",
                "participants' real names are not exported (pass include_real_names=True to "
                "export them)",
            )

    def variables(self, root: etree._Element) -> None:
        reserved = [
            (variable_id, name)
            for variable_id, name in (
                (self._source_kind, conv.SOURCE_KIND),
                (self._case_kind, conv.CASE_KIND),
                (self._real_name, conv.REAL_NAME),
            )
            if variable_id is not None
        ]
        if not self.project.variables and not reserved:
            return
        variables = self.el(root, "Variables")
        for variable in self.project.variables:
            element = self.el(
                variables,
                "Variable",
                guid=guid(variable.id),
                name=variable.name,
                typeOfVariable=_TYPES[variable.type],
            )
            self.text_el(element, "Description", variable.description)
        for variable_id, name in reserved:
            self.el(variables, "Variable", guid=guid(variable_id), name=name, typeOfVariable="Text")

    def values(
        self,
        parent: etree._Element,
        values: tuple[VariableValue, ...],
        *extra: tuple[UUID | None, str | None],
    ) -> None:
        for value in values:
            self.value(parent, value.variable, value.value)
        for variable_id, text in extra:
            if variable_id is not None and text is not None:
                self.value(parent, variable_id, text)

    def value(self, parent: etree._Element, variable: UUID, value: Value | None) -> None:
        element = self.el(parent, "VariableValue")
        self.el(element, "VariableRef", targetGUID=guid(variable))
        if value is None:
            return
        if isinstance(value, bool):
            self.el(element, "BooleanValue").text = "true" if value else "false"
        elif isinstance(value, int):
            self.el(element, "IntegerValue").text = str(value)
        elif isinstance(value, float):
            self.el(element, "FloatValue").text = format(Decimal(repr(value)), "f")
        elif isinstance(value, dt.datetime):
            self.el(element, "DateTimeValue").text = moment(value)
        elif isinstance(value, dt.date):
            self.el(element, "DateValue").text = value.isoformat()
        else:
            self.el(element, "TextValue").text = self.safe(value)

    def case(self, parent: etree._Element, case: Case, path: str) -> None:
        element = self.el(parent, "Case", guid=guid(case.id), name=case.label)
        self.text_el(element, "Description", case.description)
        self.refs(element, "CodeRef", case.codes)
        self.values(
            element,
            case.values,
            (self._case_kind, None if case.kind == conv.IMPORTED_CASE_KIND else case.kind),
            (self._real_name, case.real_name),
        )
        self.refs(element, "SourceRef", case.sources)
        self.refs(element, "SelectionRef", case.excerpts)

    # -- sources ---------------------------------------------------------------------

    def source(self, parent: etree._Element, source: Source, path: str) -> None:
        content = source.content
        tag = {
            TextContent: "TextSource",
            PictureContent: "PictureSource",
            PDFContent: "PDFSource",
            AudioContent: "AudioSource",
            VideoContent: "VideoSource",
        }[type(content)]
        element = self.el(parent, tag, guid=guid(source.id), name=source.name)
        if isinstance(content, TextContent):
            if content.path is not None:
                element.set("richTextPath", self.safe(content.path))
        else:
            for key, value in (("path", content.path), ("currentPath", content.current_path)):
                if value is not None:
                    element.set(key, self.safe(value))
        self.audit(element, source.audit)
        self.text_el(element, "Description", source.description)
        by_anchor: dict[type, list[tuple[int, Excerpt]]] = defaultdict(list)
        for j, excerpt in enumerate(source.excerpts):
            by_anchor[type(excerpt.anchor)].append((j, excerpt))
        allowed = {
            TextContent: (TextSpan,),
            PictureContent: (TextSpan, PictureRegion),
            PDFContent: (TextSpan, PDFRegion),
            AudioContent: (TimeSpan, TranscriptSpan),
            VideoContent: (TimeSpan, TranscriptSpan),
        }[type(content)]
        for anchor_type, items in by_anchor.items():
            if anchor_type not in allowed or (anchor_type is TextSpan and source.text is None):
                for j, _ in items:
                    self.lost(
                        f"{path}.excerpts[{j}]", f"a {anchor_type.__name__} has no place in a {tag}"
                    )
        spans = [e for _, e in by_anchor.get(TextSpan, [])]
        if isinstance(content, TextContent):
            self._store(element, source.id, content.text)
            self.selections(element, spans, content.text)
        elif isinstance(content, PictureContent):
            if content.text is not None:
                layer = self.el(element, "TextDescription")
                self.layer(layer, source.id, content.text, content.text_meta, spans)
            for _, excerpt in by_anchor.get(PictureRegion, []):
                region = excerpt.anchor
                assert isinstance(region, PictureRegion)
                self.excerpt(
                    element,
                    "PictureSelection",
                    excerpt,
                    firstX=str(region.x1),
                    firstY=str(region.y1),
                    secondX=str(region.x2),
                    secondY=str(region.y2),
                )
        elif isinstance(content, PDFContent):
            for _, excerpt in by_anchor.get(PDFRegion, []):
                region = excerpt.anchor
                assert isinstance(region, PDFRegion)
                self.excerpt(
                    element,
                    "PDFSelection",
                    excerpt,
                    page=str(region.page),
                    firstX=str(region.x1),
                    firstY=str(region.y1),
                    secondX=str(region.x2),
                    secondY=str(region.y2),
                )
            if content.text is not None:
                layer = self.el(element, "Representation")
                self.layer(layer, source.id, content.text, content.text_meta, spans)
        else:
            self.recording(element, content, by_anchor, path)
        self.codings(element, source.codings)
        self.refs(element, "NoteRef", source.note_refs)
        kind = None if source.kind == conv.DEFAULT_SOURCE_KIND else source.kind
        self.values(element, source.values, (self._source_kind, kind))

    def layer(
        self,
        element: etree._Element,
        owner: UUID,
        text: str,
        meta: TextMeta | None,
        spans: list[Excerpt],
    ) -> None:
        """A TextDescription or Representation: the identity, the text and its selections."""
        layer_id = meta.id if meta is not None else layer_guid(owner)
        element.set("guid", guid(layer_id))
        if meta is not None:
            if meta.name is not None:
                element.set("name", self.safe(meta.name))
            if meta.path is not None:
                element.set("richTextPath", self.safe(meta.path))
            self.audit(element, meta.audit)
        self._store(element, layer_id, text)
        self.selections(element, spans, text)

    def selections(self, parent: etree._Element, excerpts: list[Excerpt], text: str) -> None:
        convert = _offsets.writer(text, self._dialect)
        for excerpt in excerpts:
            span = excerpt.anchor
            assert isinstance(span, TextSpan)
            self.excerpt(
                parent,
                "PlainTextSelection",
                excerpt,
                startPosition=str(convert(span.start)),
                endPosition=str(convert(span.end)),
            )

    def excerpt(self, parent: etree._Element, tag: str, excerpt: Excerpt, **where: str) -> None:
        element = self.el(parent, tag, guid=guid(excerpt.id), name=excerpt.name, **where)
        self.audit(element, excerpt.audit)
        self.text_el(element, "Description", excerpt.description)
        if tag == "PDFSelection" and excerpt.quote is not None:
            meta = excerpt.quote_meta
            layer_id = meta.id if meta is not None else layer_guid(excerpt.id)
            layer = self.el(element, "Representation", guid=guid(layer_id))
            if meta is not None:
                if meta.name is not None:
                    layer.set("name", self.safe(meta.name))
                self.audit(layer, meta.audit)
            self.text_el(layer, "PlainTextContent", excerpt.quote)
        self.codings(element, excerpt.codings)
        self.refs(element, "NoteRef", excerpt.note_refs)

    def recording(
        self,
        element: etree._Element,
        content: AudioContent | VideoContent,
        by_anchor: dict[type, list[tuple[int, Excerpt]]],
        path: str,
    ) -> None:
        spans_of: dict[UUID, list[Excerpt]] = defaultdict(list)
        for j, excerpt in by_anchor.get(TranscriptSpan, []):
            span = excerpt.anchor
            assert isinstance(span, TranscriptSpan)
            if span.transcript not in {t.id for t in content.transcripts}:
                self.lost(
                    f"{path}.excerpts[{j}]", "a transcript span names no transcript of its source"
                )
            spans_of[span.transcript].append(excerpt)
        for transcript in content.transcripts:
            self.transcript(element, transcript, spans_of.get(transcript.id, []))
        tag = "VideoSelection" if isinstance(content, VideoContent) else "AudioSelection"
        for _, excerpt in by_anchor.get(TimeSpan, []):
            span = excerpt.anchor
            assert isinstance(span, TimeSpan)
            self.excerpt(element, tag, excerpt, begin=str(span.begin), end=str(span.end))

    def transcript(
        self, parent: etree._Element, transcript: Transcript, spans: list[Excerpt]
    ) -> None:
        element = self.el(
            parent,
            "Transcript",
            guid=guid(transcript.id),
            name=transcript.name,
            richTextPath=transcript.path,
        )
        self.audit(element, transcript.audit)
        self.text_el(element, "Description", transcript.description)
        self._store(element, transcript.id, transcript.text)
        for sync in transcript.sync_points:
            self.el(
                element,
                "SyncPoint",
                guid=guid(sync.id),
                timeStamp=None if sync.time is None else str(sync.time),
                position=None if sync.position is None else str(sync.position),
            )
        for excerpt in spans:
            span = excerpt.anchor
            assert isinstance(span, TranscriptSpan)
            self.excerpt(
                element,
                "TranscriptSelection",
                excerpt,
                **{
                    key: guid(value)
                    for key, value in (
                        ("fromSyncPoint", span.from_sync),
                        ("toSyncPoint", span.to_sync),
                    )
                    if value is not None
                },
            )
        self.refs(element, "NoteRef", transcript.note_refs)

    def codings(self, parent: etree._Element, codings: tuple[Coding, ...]) -> None:
        for coding in codings:
            element = self.el(
                parent,
                "Coding",
                guid=guid(coding.id),
                creatingUser=optional_guid(coding.coder),
                creationDateTime=optional_moment(coding.coded_at),
            )
            self.el(element, "CodeRef", targetGUID=guid(coding.code))
            self.refs(element, "NoteRef", coding.note_refs)

    # -- notes, sets, graphs ---------------------------------------------------------

    def note(self, parent: etree._Element, note: Note) -> None:
        element = self.el(
            parent, "Note", guid=guid(note.id), name=note.name, richTextPath=note.path
        )
        self.audit(element, note.audit)
        self.text_el(element, "Description", note.description)
        self._store(element, note.id, note.text)
        self.selections(
            element, [e for e in note.excerpts if isinstance(e.anchor, TextSpan)], note.text
        )
        self.codings(element, note.codings)
        self.values(element, note.values)

    def sets(self, root: etree._Element, member: str) -> None:
        p = self.project
        in_codebook = member == "guid"
        groups = [
            (s.id, s.name, s.description, s.codes, s.sources, s.notes)
            for s in p.sets
            if not in_codebook or s.codes
        ]
        if in_codebook:
            for i, s in enumerate(p.sets):
                if s.sources or s.notes:
                    self.lost(f"$.sets[{i}]", f"set {s.name!r}: a codebook holds only member codes")
        groups += [
            (
                t.id,
                t.name,
                conv.render_theme(t.description, t.parent, t.color, t.note_refs),
                t.codes,
                (),
                (),
            )
            for t in p.themes
        ]
        if not groups:
            return
        sets = self.el(root, "Sets")
        for set_id, name, description, codes, sources, notes in groups:
            element = self.el(sets, "Set", guid=guid(set_id), name=name)
            self.text_el(element, "Description", description)
            for code in codes:
                self.el(element, "MemberCode", **{member: guid(code)})
            if not in_codebook:
                self.refs(element, "MemberSource", sources)
                self.refs(element, "MemberNote", notes)

    def graphs(self, parent: etree._Element) -> None:
        for i, graph in enumerate(self.project.graphs):
            element = self.el(parent, "Graph", guid=guid(graph.id), name=graph.name)
            for j, vertex in enumerate(graph.vertices):
                self.el(
                    element,
                    "Vertex",
                    guid=guid(vertex.id),
                    representedGUID=optional_guid(vertex.represents),
                    name=vertex.name,
                    firstX=str(vertex.x1),
                    firstY=str(vertex.y1),
                    secondX=None if vertex.x2 is None else str(vertex.x2),
                    secondY=None if vertex.y2 is None else str(vertex.y2),
                    shape=vertex.shape and _SHAPES[vertex.shape.value],
                    color=self.color(vertex.color, f"$.graphs[{i}].vertices[{j}].color"),
                )
            for j, edge in enumerate(graph.edges):
                self.el(
                    element,
                    "Edge",
                    guid=guid(edge.id),
                    representedGUID=optional_guid(edge.represents),
                    name=edge.name,
                    sourceVertex=guid(edge.source),
                    targetVertex=guid(edge.target),
                    color=self.color(edge.color, f"$.graphs[{i}].edges[{j}].color"),
                    direction=edge.direction and _DIRECTIONS[edge.direction.value],
                    lineStyle=edge.line_style and edge.line_style.value,
                )

    # -- codebook --------------------------------------------------------------------

    def codebook_element(self) -> etree._Element:
        self.ns = f"{{{CODEBOOK_NS}}}"
        p = self.project
        root = etree.Element(self.ns + "CodeBook", nsmap={None: CODEBOOK_NS})
        root.set("origin", self.safe(conv.render_origin(p.origin, self._dialect, _version())))
        codes = self.el(root, "Codes")
        self.codes(codes, with_notes=False)
        if not p.codes:
            self.lost("$.codes", "the project has no codes; the codebook holds one placeholder")
            self.el(
                codes,
                "Code",
                guid=guid(layer_guid(None)),
                name="(no codes)",
                isCodable="false",
            )
        self.sets(root, "guid")
        self.finish()
        return root
