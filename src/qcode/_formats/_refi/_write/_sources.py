"""Sources and what is anchored in them: text, picture, PDF, audio and video sources, their
selections and codings, transcripts, and the embedded texts of pictures and PDFs. Text
selections are the hot path of large projects."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._conventions import layer_guid
from qcode._formats._refi._write._cases import CasesWriter
from qcode._formats._refi._write._core import guids
from qcode._issues import Severity
from qcode._model import (
    AudioContent,
    Coding,
    Excerpt,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Source,
    TextContent,
    TextMeta,
    TextSpan,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    VideoContent,
)

_SOURCE_TAGS = {
    TextContent: "TextSource",
    PictureContent: "PictureSource",
    PDFContent: "PDFSource",
    AudioContent: "AudioSource",
    VideoContent: "VideoSource",
}
_UNQUOTED = (PictureRegion, TimeSpan, TranscriptSpan)
"""Anchors whose selections hold no text of their own (a PDF region has its representation;
a text span's quote is its source's text)."""

_ANCHORS_IN = {
    TextContent: (TextSpan,),
    PictureContent: (TextSpan, PictureRegion),
    PDFContent: (TextSpan, PDFRegion),
    AudioContent: (TimeSpan, TranscriptSpan),
    VideoContent: (TimeSpan, TranscriptSpan),
}


class SourcesWriter(CasesWriter):
    """Writes sources; a source's variable values are written as a case's are."""

    def source(self, i: int, source: Source) -> None:
        path = f"$.sources[{i}]"
        content = source.content
        if self._qualcoder and isinstance(content, PictureContent):
            content = self.imageless_picture(path, source.name, content)
        tag = _SOURCE_TAGS[type(content)]
        by_anchor: dict[type, list[Excerpt]] = defaultdict(list)
        allowed = _ANCHORS_IN[type(content)]
        if source.text is None:
            allowed = tuple(t for t in allowed if t is not TextSpan)
        for j, excerpt in enumerate(source.excerpts):
            anchor_type = type(excerpt.anchor)
            if anchor_type in allowed:
                by_anchor[anchor_type].append(excerpt)
                if excerpt.quote is not None and anchor_type in _UNQUOTED:
                    self.lost(
                        f"{path}.excerpts[{j}].quote",
                        f"a {anchor_type.__name__} has no place for a quote in REFI-QDA; "
                        "written without it",
                    )
            else:
                self.lost(
                    f"{path}.excerpts[{j}]", f"a {anchor_type.__name__} has no place in a {tag}"
                )
        head: list[tuple[str, str | None]] = [("guid", self.g(source.id)), ("name", source.name)]
        inline: str | None = None
        if isinstance(content, TextContent):
            stored: tuple[str, str | None]
            if content.external is not None and not content.text:  # still outside: point at it
                stored = ("plainTextPath", content.external)
            else:
                stored, inline = self.stored(source.id, content.text)
                if content.external is not None:  # REFI-QDA gives a text one place
                    self.lost(
                        f"{path}.content.external",
                        f"the text is written into the file, so the external file "
                        f"{content.external!r} it names is not referred to",
                    )
            head += [("richTextPath", self.media(content.path, source.id)), stored]
        else:
            head += [
                ("path", self.media(content.path, source.id)),
                ("currentPath", self.media(content.current_path, source.id)),
            ]
        self.start(tag, *head, *self.audit(source.audit))
        self.text("Description", source.description)
        spans = by_anchor[TextSpan]
        if isinstance(content, TextContent):
            self.text("PlainTextContent", inline)
            self.selections(spans, content.text, path)
        elif isinstance(content, PictureContent):
            if content.text is not None:
                self.layer(
                    "TextDescription", source.id, content.text, content.text_meta, spans, path
                )
            for excerpt in by_anchor[PictureRegion]:
                r = excerpt.anchor
                assert isinstance(r, PictureRegion)
                self.excerpt(
                    "PictureSelection",
                    excerpt,
                    ("firstX", str(r.x1)),
                    ("firstY", str(r.y1)),
                    ("secondX", str(r.x2)),
                    ("secondY", str(r.y2)),
                )
        elif isinstance(content, PDFContent):
            for excerpt in by_anchor[PDFRegion]:
                r = excerpt.anchor
                assert isinstance(r, PDFRegion)
                self.excerpt(
                    "PDFSelection",
                    excerpt,
                    ("page", str(r.page)),
                    ("firstX", str(r.x1)),
                    ("firstY", str(r.y1)),
                    ("secondX", str(r.x2)),
                    ("secondY", str(r.y2)),
                )
            if content.text is not None:
                self.layer(
                    "Representation", source.id, content.text, content.text_meta, spans, path
                )
        else:
            self.recording(content, by_anchor, path, source.name)
        self.codings(source.codings)
        self.refs("NoteRef", source.note_refs)
        kind = None if source.kind == conv.DEFAULT_SOURCE_KIND else source.kind
        self.values(source.values, (self._source_kind, kind))
        self.end(tag)

    def imageless_picture(
        self, path: str, name: str, content: PictureContent
    ) -> PictureContent | TextContent:
        """For QualCoder, whose importer stops at a picture source with no image path, a
        picture without an image becomes a text source holding its text; its regions, which
        point into no image, are reported as not carried."""
        if content.path is not None or content.current_path is not None:
            return content
        self._say(
            Severity.INFO,
            "picture-as-text",
            path,
            f"picture {name!r} has no image: written as a text source holding its text, "
            "because QualCoder's importer stops at a picture source without one",
        )
        if content.text_meta is not None:
            self.lost(
                f"{path}.content.text_meta",
                "the text's own id, name and audit have no place in a text source",
            )
        return TextContent(text=content.text or "")

    def layer(
        self,
        tag: str,
        owner: UUID,
        text: str,
        meta: TextMeta | None,
        spans: list[Excerpt],
        at: str,
    ) -> None:
        """A TextDescription or Representation: the identity, the text and its selections."""
        layer_id = meta.id if meta is not None else layer_guid(owner)
        stored, inline = self.stored(layer_id, text)
        attributes = [("guid", self.g(layer_id))]
        if meta is not None:
            attributes += [("name", meta.name), ("richTextPath", self.media(meta.path, layer_id))]
            attributes += self.audit(meta.audit)
        self.start(tag, *attributes, stored)
        self.text("PlainTextContent", inline)
        self.selections(spans, text, at)
        self.end(tag)

    def selections(self, excerpts: list[Excerpt], text: str, at: str) -> None:
        """PlainTextSelections: the hot path of large projects, written as plain strings."""
        convert = self.positions(text, at)
        out = self._out
        coding_ids = iter(guids([c.id for excerpt in excerpts for c in excerpt.codings]))
        for excerpt, excerpt_id in zip(excerpts, guids([e.id for e in excerpts]), strict=True):
            span = excerpt.anchor
            assert isinstance(span, TextSpan)
            name = excerpt.name
            named = "" if name is None else f' name="{self.attribute(name)}"'
            out.append(
                f'<PlainTextSelection guid="{excerpt_id}"{named} startPosition='
                f'"{convert(span.start)}" endPosition="{convert(span.end)}"'
                f"{self.audit_text(excerpt.audit)}>"
            )
            if excerpt.description is not None:
                self.text("Description", excerpt.description)
            for coding in excerpt.codings:
                self.coding(coding, next(coding_ids))
            if excerpt.note_refs:
                self.refs("NoteRef", excerpt.note_refs)
            out.append("</PlainTextSelection>")

    def excerpt(self, tag: str, excerpt: Excerpt, *where: tuple[str, str | None]) -> None:
        self.start(
            tag,
            ("guid", self.g(excerpt.id)),
            ("name", excerpt.name),
            *where,
            *self.audit(excerpt.audit),
        )
        self.text("Description", excerpt.description)
        if tag == "PDFSelection" and excerpt.quote is not None:
            meta = excerpt.quote_meta
            layer_id = meta.id if meta is not None else layer_guid(excerpt.id)
            attributes = [("guid", self.g(layer_id))]
            if meta is not None:
                attributes += [("name", meta.name), *self.audit(meta.audit)]
            self.start("Representation", *attributes)
            self.text("PlainTextContent", excerpt.quote)
            self.end("Representation")
        self.codings(excerpt.codings)
        self.refs("NoteRef", excerpt.note_refs)
        self.end(tag)

    def recording(
        self,
        content: AudioContent | VideoContent,
        by_anchor: dict[type, list[Excerpt]],
        path: str,
        name: str,
    ) -> None:
        spans_of: dict[UUID, list[Excerpt]] = defaultdict(list)
        known = {t.id for t in content.transcripts}
        for excerpt in by_anchor[TranscriptSpan]:
            span = excerpt.anchor
            assert isinstance(span, TranscriptSpan)
            if span.transcript not in known:
                self.lost(
                    f"{path}.excerpts", f"excerpt {excerpt.id} names no transcript of its source"
                )
            spans_of[span.transcript].append(excerpt)
        for k, transcript in enumerate(content.transcripts):
            at = f"{path}.content.transcripts[{k}]"
            self.transcript(transcript, spans_of[transcript.id], name, at)
        tag = "VideoSelection" if isinstance(content, VideoContent) else "AudioSelection"
        for excerpt in by_anchor[TimeSpan]:
            span = excerpt.anchor
            assert isinstance(span, TimeSpan)
            self.excerpt(tag, excerpt, ("begin", str(span.begin)), ("end", str(span.end)))

    def transcript(
        self, transcript: Transcript, spans: list[Excerpt], recording: str, at: str
    ) -> None:
        stored, inline = self.stored(transcript.id, transcript.text)
        name = transcript.name
        if name is None and self._qualcoder:  # QualCoder files it under its name
            name = f"{recording}.txt"
            self._named += 1
        self.start(
            "Transcript",
            ("guid", self.g(transcript.id)),
            ("name", name),
            ("richTextPath", self.media(transcript.path, transcript.id)),
            stored,
            *self.audit(transcript.audit),
        )
        self.text("Description", transcript.description)
        self.text("PlainTextContent", inline)
        convert = self.positions(transcript.text, at)
        for sync in transcript.sync_points:
            self.leaf(
                "SyncPoint",
                ("guid", self.g(sync.id)),
                ("timeStamp", None if sync.time is None else str(sync.time)),
                ("position", None if sync.position is None else str(convert(sync.position))),
            )
        for excerpt in spans:
            span = excerpt.anchor
            assert isinstance(span, TranscriptSpan)
            self.excerpt(
                "TranscriptSelection",
                excerpt,
                ("fromSyncPoint", self.g(span.from_sync)),
                ("toSyncPoint", self.g(span.to_sync)),
            )
        self.refs("NoteRef", transcript.note_refs)
        self.end("Transcript")

    def codings(self, codings: tuple[Coding, ...]) -> None:
        for coding, coding_id in zip(codings, guids([c.id for c in codings]), strict=True):
            self.coding(coding, coding_id)

    def coding(self, coding: Coding, coding_id: str) -> None:
        self._out.append(
            f'<Coding guid="{coding_id}"{self.coding_stamp(coding)}>'
            f'<CodeRef targetGUID="{self.g(coding.code)}"/>'
        )
        if coding.note_refs:
            self.refs("NoteRef", coding.note_refs)
        self._out.append("</Coding>")
