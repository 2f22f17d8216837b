"""Sources and what is anchored in them: text, picture, PDF, audio and video sources, their
selections and codings, transcripts, and the embedded texts of pictures and PDFs. Text
selections are the hot path of large projects."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from attrs import evolve
from lxml import etree

from qcode._formats._base import GUID, checked_uuid
from qcode._formats._refi import _conventions as conv
from qcode._formats._refi import _offsets
from qcode._formats._refi._read._cases import CasesReader
from qcode._formats._refi._read._core import xml_integer
from qcode._model import (
    AudioContent,
    Coding,
    Excerpt,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Source,
    SyncPoint,
    TextContent,
    TextMeta,
    TextSpan,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    VideoContent,
)


class SourcesReader(CasesReader):
    """Reads <Sources>; a source's variable values are read as a case's are."""

    def sources(self, element: etree._Element) -> tuple[Source, ...]:
        ns = self.ns
        readers = {
            f"{ns}TextSource": self.text_source,
            f"{ns}PictureSource": self.picture_source,
            f"{ns}PDFSource": self.pdf_source,
            f"{ns}AudioSource": self.recording_source,
            f"{ns}VideoSource": self.recording_source,
        }
        sources = []
        for item in element:
            early = self._early.pop(item, None)
            read = readers.get(item.tag)  # type: ignore[arg-type]
            if early is not None:
                self._release(item)
                sources.append(self._as_chosen(item, early))
            elif read is None:
                self.unknown_child(item, None)
            else:
                sources.append(read(item))
        if not sources:
            self.warn("empty-container", element, "<Sources> is empty (REFI-QDA needs one child)")
        return tuple(sources)

    def _as_chosen(self, element: etree._Element, source: Source) -> Source:
        """A source read early, its selections read again if another dialect was chosen."""
        early = self._early_raw.pop(element, None)
        if early is None:
            return source
        text, raw = early[0].text, early[1]
        self.split_offsets(element, text, (offset for pair in raw for offset in pair))
        if self._dialect == self._provisional():
            return source
        convert = self.spans_for(text)
        excerpts = []
        for excerpt, (first, last) in zip(source.excerpts, raw, strict=True):
            start, end = convert(first), convert(last)
            quote = _quote(text, start, end)
            excerpts.append(evolve(excerpt, anchor=TextSpan(start, end), quote=quote))
        return evolve(source, excerpts=tuple(excerpts))

    def _source(
        self,
        element: etree._Element,
        content: Any,
        excerpts: list[Excerpt],
        parts: dict[str, list[etree._Element]],
    ) -> Source:
        source_id = self.guid(element.get("guid"), element)
        ns = self.ns
        values, reserved = self.values(parts.get(f"{ns}VariableValue", []))
        description = parts.get(f"{ns}Description")
        name = element.get("name")
        if not name:
            self.warn("missing-name", element, "a source has no name")
        return Source(
            id=source_id,
            name=name or "",
            kind=reserved.get(conv.SOURCE_KIND, conv.DEFAULT_SOURCE_KIND),
            description=None if not description else self.plain(description[0], source_id),
            values=values,
            codings=self.codings(parts.get(f"{ns}Coding", [])),
            note_refs=self.refs(parts.get(f"{ns}NoteRef", [])),
            audit=self.audit(element),
            content=content,
            excerpts=tuple(excerpts),
        )

    def _parts(
        self, element: etree._Element, owner_local: str, known: tuple[str, ...]
    ) -> dict[str, list[etree._Element]]:
        """The element's children by tag; unknown ones are vendor data."""
        ns = self.ns
        allowed = {f"{ns}{name}" for name in known}
        parts: dict[str, list[etree._Element]] = defaultdict(list)
        owner = None
        for child in element:
            tag = child.tag
            if tag in allowed:
                parts[tag].append(child)
            else:
                owner = owner or self.guid(element.get("guid"), element)
                self.unknown_child(child, owner)
        self.vendor(element, None, owner_local)
        return parts

    _TEXT_PARTS = (
        "Description",
        "PlainTextContent",
        "PlainTextSelection",
        "Coding",
        "NoteRef",
        "VariableValue",
    )

    def text_source(
        self, element: etree._Element, raw: list[tuple[int, int]] | None = None
    ) -> Source:
        """A text source; ``raw`` collects each selection's offsets as the file gives them."""
        text = self.text_of(element)
        parts = self._parts(element, "TextSource", self._TEXT_PARTS)
        selections = parts.get(f"{self.ns}PlainTextSelection", [])
        excerpts = self.text_selections(selections, text, raw)
        value = element.get("plainTextPath") or ""
        external = value if not text and conv.split_uri(value)[0] in conv.EXTERNAL else None
        content = TextContent(text=text, path=element.get("richTextPath"), external=external)
        return self._source(element, content, excerpts, parts)

    def text_selections(
        self,
        elements: list[etree._Element],
        text: str,
        raw: list[tuple[int, int]] | None = None,
    ) -> list[Excerpt]:
        """PlainTextSelections: the hot path of large projects, read with as little per
        element as possible. The quote is filled in from the text, for scripts' sake."""
        convert = self.spans_for(text)
        coding_tag = self.ns + "Coding"
        guid, coding, counted_audit = self.guid, self.coding, self.counted_audit
        excerpts = []
        # offsets inside a character: checked here once the dialect is chosen (an early
        # read keeps them raw for `_as_chosen`), and only where the text can hold them
        watched: list[int] | None = (
            [] if raw is None and _offsets.splits(text, self._dialect) else None
        )
        for item in elements:
            get = item.get
            value = get("guid")
            # Selection GUIDs are unique: parse them straight away, no cache.
            excerpt_id = checked_uuid(value) if value and GUID.match(value) else guid(value, item)
            name = get("name")
            audit, known = counted_audit(item)
            try:
                first = xml_integer(get("startPosition", ""))
                last = xml_integer(get("endPosition", ""))
            except (TypeError, ValueError):
                self.place(item, ("startPosition", "endPosition"))  # says which one is wrong
                continue
            start, end = convert(first), convert(last)
            if raw is not None:
                raw.append((first, last))
            elif watched is not None:
                watched += (first, last)
            # Every attribute a selection may carry has been read; counting them is much
            # cheaper than listing the element's attributes, which only vendor data needs.
            known += 2 + (value is not None) + (name is not None)
            if len(item.attrib) != known:
                self.vendor(item, excerpt_id, "PlainTextSelection")
            description = None
            codings: tuple[Coding, ...] = ()
            note_refs: tuple[UUID, ...] = ()
            if len(item) == 1 and (child := item[0]).tag == coding_tag:  # the common case
                found = coding(child)
                if found is not None:
                    codings = (found,)
            elif len(item):
                description, codings, note_refs = self._selection_children(item, excerpt_id)
            excerpts.append(
                Excerpt(
                    id=excerpt_id,
                    anchor=TextSpan(start, end),
                    name=name,
                    quote=_quote(text, start, end),
                    description=description,
                    codings=codings,
                    note_refs=note_refs,
                    audit=audit,
                )
            )
        if watched and (holder := elements[0].getparent()) is not None:
            self.split_offsets(holder, text, watched)
        return excerpts

    def _selection_children(
        self, item: etree._Element, owner: UUID
    ) -> tuple[str | None, tuple[Coding, ...], tuple[UUID, ...]]:
        """A text selection's description, codings and note references."""
        ns = self.ns
        coding_tag, description_tag, note_tag = ns + "Coding", ns + "Description", ns + "NoteRef"
        description = None
        codings = []
        note_refs = []
        for child in item:
            tag = child.tag
            if tag == coding_tag:
                found = self.coding(child)
                if found is not None:
                    codings.append(found)
            elif tag == description_tag:
                description = self.plain(child, owner)
            elif tag == note_tag:
                note_refs.append(self.guid(child.get("targetGUID"), child))
            else:
                self.unknown_child(child, owner)
        return description, tuple(codings), tuple(note_refs)

    def excerpt(
        self,
        element: etree._Element,
        anchor: Any,
        local: str,
        extra: tuple[str, ...] = (),
        quote: str | None = None,
    ) -> Excerpt:
        ns = self.ns
        excerpt_id = self.guid(element.get("guid"), element)
        self.vendor(element, excerpt_id, local)
        description = None
        codings: list[etree._Element] = []
        note_refs: list[etree._Element] = []
        quote_meta: TextMeta | None = None
        for child in element:
            tag = child.tag
            if tag == f"{ns}Coding":
                codings.append(child)
            elif tag == f"{ns}Description":
                description = self.plain(child, excerpt_id)
            elif tag == f"{ns}NoteRef":
                note_refs.append(child)
            elif tag == f"{ns}Representation" and "Representation" in extra:
                quote = self.text_of(child)
                quote_meta = self.text_meta(child, excerpt_id)
                self._not_carried_in_text(child)
            else:
                self.unknown_child(child, excerpt_id)
        return Excerpt(
            id=excerpt_id,
            anchor=anchor,
            name=element.get("name"),
            quote=quote,
            quote_meta=quote_meta,
            description=description,
            codings=self.codings(codings),
            note_refs=self.refs(note_refs),
            audit=self.audit(element),
        )

    def text_meta(self, element: etree._Element, owner: UUID) -> TextMeta | None:
        """The identity of an embedded text, unless it is one qcode made up on export."""
        meta = TextMeta(
            id=self.guid(element.get("guid"), element),
            name=element.get("name"),
            path=element.get("richTextPath"),
            audit=self.audit(element),
        )
        if meta == TextMeta(id=conv.layer_guid(owner)):
            return None
        return meta

    def _not_carried_in_text(self, element: etree._Element) -> None:
        """An embedded text's own codings, notes and values have no place in qcode."""
        ns = self.ns
        for child in element:
            if child.tag in (
                f"{ns}Coding",
                f"{ns}NoteRef",
                f"{ns}VariableValue",
                f"{ns}Description",
            ):
                self.unknown_child(child, None)

    def embedded_text(
        self, element: etree._Element, owner: UUID
    ) -> tuple[str, TextMeta | None, list[Excerpt]]:
        """A TextDescription or Representation: its text, identity and coded selections."""
        text = self.text_of(element)
        self.vendor(element, None, "TextSource")
        selections = [c for c in element if c.tag == f"{self.ns}PlainTextSelection"]
        self._not_carried_in_text(element)
        return text, self.text_meta(element, owner), self.text_selections(selections, text)

    def _source_id(self, element: etree._Element) -> UUID:
        return self.guid(element.get("guid"), element)

    def picture_source(self, element: etree._Element) -> Source:
        parts = self._parts(
            element,
            "PictureSource",
            (
                "Description",
                "TextDescription",
                "PictureSelection",
                "Coding",
                "NoteRef",
                "VariableValue",
            ),
        )
        text: str | None = None
        meta: TextMeta | None = None
        excerpts: list[Excerpt] = []
        for description in parts.get(f"{self.ns}TextDescription", []):
            text, meta, excerpts = self.embedded_text(description, self._source_id(element))
        for item in parts.get(f"{self.ns}PictureSelection", []):
            corners = self.place(item, ("firstX", "firstY", "secondX", "secondY"))
            if corners is not None:
                excerpts.append(self.excerpt(item, PictureRegion(*corners), "PictureSelection"))
        content = PictureContent(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            text=text,
            text_meta=meta,
        )
        return self._source(element, content, excerpts, parts)

    def pdf_source(self, element: etree._Element) -> Source:
        parts = self._parts(
            element,
            "PDFSource",
            ("Description", "PDFSelection", "Representation", "Coding", "NoteRef", "VariableValue"),
        )
        excerpts: list[Excerpt] = []
        for item in parts.get(f"{self.ns}PDFSelection", []):
            where = self.place(item, ("page", "firstX", "firstY", "secondX", "secondY"))
            if where is not None:
                region = PDFRegion(*where)
                excerpts.append(self.excerpt(item, region, "PDFSelection", ("Representation",)))
        text: str | None = None
        meta: TextMeta | None = None
        for representation in parts.get(f"{self.ns}Representation", []):
            text, meta, selections = self.embedded_text(representation, self._source_id(element))
            excerpts.extend(selections)
        content = PDFContent(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            text=text,
            text_meta=meta,
        )
        return self._source(element, content, excerpts, parts)

    def recording_source(self, element: etree._Element) -> Source:
        ns = self.ns
        video = element.tag == f"{ns}VideoSource"
        local = "VideoSource" if video else "AudioSource"
        selection = "VideoSelection" if video else "AudioSelection"
        parts = self._parts(
            element,
            local,
            ("Description", "Transcript", selection, "Coding", "NoteRef", "VariableValue"),
        )
        excerpts: list[Excerpt] = []
        transcripts = []
        for item in parts.get(f"{ns}Transcript", []):
            transcript, spans = self.transcript(item)
            transcripts.append(transcript)
            excerpts.extend(spans)
        for item in parts.get(f"{ns}{selection}", []):
            times = self.place(item, ("begin", "end"))
            if times is not None:
                excerpts.append(self.excerpt(item, TimeSpan(*times), selection))
        kind = VideoContent if video else AudioContent
        content = kind(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            transcripts=tuple(transcripts),
        )
        return self._source(element, content, excerpts, parts)

    def transcript(self, element: etree._Element) -> tuple[Transcript, list[Excerpt]]:
        ns = self.ns
        parts = self._parts(
            element,
            "Transcript",
            ("Description", "PlainTextContent", "SyncPoint", "TranscriptSelection", "NoteRef"),
        )
        transcript_id = self.guid(element.get("guid"), element)
        syncs = []  # id, time, position in the file's dialect
        for item in parts.get(f"{ns}SyncPoint", []):
            self.vendor(item, None, "SyncPoint")
            syncs.append(
                (
                    self.guid(item.get("guid"), item),
                    self.integer(item, "timeStamp", None),
                    self.integer(item, "position", None),
                )
            )
        spans = [
            self.excerpt(
                item,
                TranscriptSpan(
                    transcript=transcript_id,
                    from_sync=self.optional_guid(item.get("fromSyncPoint"), item),
                    to_sync=self.optional_guid(item.get("toSyncPoint"), item),
                ),
                "TranscriptSelection",
            )
            for item in parts.get(f"{ns}TranscriptSelection", [])
        ]
        description = parts.get(f"{ns}Description")
        text = self.text_of(element)
        convert = self.spans_for(text)
        transcript = Transcript(
            id=transcript_id,
            text=text,
            name=element.get("name"),
            description=None if not description else self.plain(description[0], transcript_id),
            sync_points=tuple(
                SyncPoint(id=i, time=time, position=None if at is None else convert(at))
                for i, time, at in syncs
            ),
            path=element.get("richTextPath"),
            note_refs=self.refs(parts.get(f"{ns}NoteRef", [])),
            audit=self.audit(element),
        )
        return transcript, spans

    def codings(self, elements: list[etree._Element]) -> tuple[Coding, ...]:
        found = [self.coding(element) for element in elements]
        return tuple([coding for coding in found if coding is not None])

    def coding(self, element: etree._Element) -> Coding | None:
        get = element.get
        guids, moments = self._guids, self._moments
        value = get("guid")
        coding_id = (
            checked_uuid(value) if value and GUID.match(value) else self.guid(value, element)
        )
        user = get("creatingUser")
        when = get("creationDateTime")
        # As for selections: count the attributes read rather than list the element's.
        known = (value is not None) + (user is not None) + (when is not None)
        if len(element.attrib) != known:
            self.vendor(element, coding_id, "Coding")
        code: UUID | None = None
        note_refs: list[UUID] = []
        if len(element) == 1 and (child := element[0]).tag == self._code_ref:  # common case
            value = child.get("targetGUID")
            code = guids.get(value) if value else None
            if code is None:
                code = self.guid(value, child)
        else:
            for child in element:
                tag = child.tag
                if tag == self._code_ref:
                    value = child.get("targetGUID")
                    code = self.guid(value, child)
                elif tag == self._note_ref:
                    note_refs.append(self.guid(child.get("targetGUID"), child))
                else:
                    self.unknown_child(child, coding_id)
        if code is None:
            self.warn("missing-reference", element, "a Coding has no CodeRef; dropped")
            return None
        return Coding(
            id=coding_id,
            code=code,
            coder=None if user is None else (guids.get(user) or self.guid(user, element)),
            coded_at=None if when is None else (moments.get(when) or self.moment(when, element)),
            note_refs=tuple(note_refs),
        )

    def refs(self, elements: list[etree._Element]) -> tuple[UUID, ...]:
        if not elements:
            return ()
        return tuple([self.guid(e.get("targetGUID"), e) for e in elements])


def _quote(text: str, start: int, end: int) -> str | None:
    """The text a span covers, if the span lies within it."""
    return text[start:end] if 0 <= start <= end <= len(text) else None
