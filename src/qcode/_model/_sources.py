"""Sources (what was collected), their media, and the excerpts coded in them.

A source has an open ``kind`` (workshop, diary, collage, ...) and a ``content`` that says its
medium and holds what the medium needs. Excerpts are anchored in their source by an
``anchor``: a text span, a picture or PDF region, a time span or a transcript span.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from uuid import UUID

from attrs import frozen

from qcode._model._cases import VariableValue
from qcode._model._checks import typed
from qcode._model._common import Audit, Displayed


class Medium(enum.Enum):
    """The medium of a source, which decides how excerpts are anchored in it."""

    TEXT = "text"
    PICTURE = "picture"
    PDF = "pdf"
    AUDIO = "audio"
    VIDEO = "video"


@frozen(field_transformer=typed)
class TextSpan:
    """Characters ``[start, end)`` of the source's text, counted in Unicode code points.

    Fields:

    - ``start``: the first character, counted from 0 in code points.
    - ``end``: one past the last character.
    """

    start: int
    end: int


@frozen(field_transformer=typed)
class PictureRegion:
    """A rectangle in a picture, in pixels: upper-left ``(x1, y1)``, lower-right ``(x2, y2)``.

    Fields:

    - ``x1``: left edge.
    - ``y1``: top edge.
    - ``x2``: right edge.
    - ``y2``: bottom edge, all in pixels.
    """

    x1: int
    y1: int
    x2: int
    y2: int


@frozen(field_transformer=typed)
class PDFRegion:
    """A rectangle on a PDF page (0-based page; points, from the page's bottom-left).

    Fields:

    - ``page``: the page, from 0.
    - ``x1``: left edge.
    - ``y1``: bottom edge.
    - ``x2``: right edge.
    - ``y2``: top edge, all in points.
    """

    page: int
    x1: int
    y1: int
    x2: int
    y2: int


@frozen(field_transformer=typed)
class TimeSpan:
    """Milliseconds ``[begin, end)`` of an audio or video recording.

    Fields:

    - ``begin``: the first millisecond.
    - ``end``: one past the last millisecond.
    """

    begin: int
    end: int


@frozen(kw_only=True, field_transformer=typed)
class TranscriptSpan:
    """The part of a transcript between two of its sync points (either may be open).

    Fields:

    - ``transcript``: the id of the `Transcript`.
    - ``from_sync``: the id of the sync point it starts at (``None``: the start).
    - ``to_sync``: the id of the sync point it ends at (``None``: the end).
    """

    transcript: UUID
    from_sync: UUID | None = None
    to_sync: UUID | None = None


Anchor = TextSpan | PictureRegion | PDFRegion | TimeSpan | TranscriptSpan
ANCHOR_TYPES = (TextSpan, PictureRegion, PDFRegion, TimeSpan, TranscriptSpan)

ANCHOR_MEDIA: dict[type, tuple[Medium, ...]] = {
    TextSpan: (Medium.TEXT, Medium.PICTURE, Medium.PDF),
    PictureRegion: (Medium.PICTURE,),
    PDFRegion: (Medium.PDF,),
    TimeSpan: (Medium.AUDIO, Medium.VIDEO),
    TranscriptSpan: (Medium.AUDIO, Medium.VIDEO),
}
"""The media each kind of anchor can mark."""

ANCHOR_NAMES: dict[type, str] = {
    TextSpan: "a text span",
    PictureRegion: "a picture region",
    PDFRegion: "a PDF region",
    TimeSpan: "a time span",
    TranscriptSpan: "a transcript span",
}
"""What messages call each kind of anchor."""


def sync_point_problems(transcript: Transcript) -> list[tuple[str, str]]:
    """What places a sync point of ``transcript`` where none can be, each as (its field
    within the transcript; message): a position outside the transcript's text, a time
    before the recording starts. One rule for `qcode.validate` (errors) and the builder
    (refuses)."""
    length = len(transcript.text)
    return [
        (f"sync_points[{k}].{field}", message)
        for k, sync in enumerate(transcript.sync_points)
        for field, message in misplaced(sync, length)
    ]


def held_sync_points(content: object) -> set[tuple[UUID, str, SyncPoint]]:
    """The sync points of ``content``'s transcripts, each with its transcript's id and
    text: a point a file held stays while its transcript's text does."""
    return {
        (transcript.id, transcript.text, sync)
        for transcript in getattr(content, "transcripts", ())
        for sync in transcript.sync_points
    }


def misplaced(sync: SyncPoint, length: int) -> list[tuple[str, str]]:
    """What places ``sync`` where no sync point of a transcript of ``length`` characters
    can be, each as (its field; message)."""
    found = []
    if sync.position is not None and not 0 <= sync.position <= length:
        message = f"position {sync.position} is outside the transcript text (0 to {length})"
        found.append(("position", message))
    if sync.time is not None and sync.time < 0:
        found.append(("time", f"time {sync.time} is negative"))
    return found


def anchor_problems(
    anchor: TextSpan | TimeSpan | PictureRegion | PDFRegion,
) -> list[tuple[str, str]]:
    """What makes a span or region impossible whatever its source holds, each as (the field
    it is in, ``""`` for the anchor as a whole; message): a negative start, page or
    coordinate, an end not after its start, corners out of order. One rule for
    `qcode.validate` (errors), the builder (refuses) and agreement (leaves out)."""
    if isinstance(anchor, (TextSpan, TimeSpan)):
        low, first = (
            ("start", anchor.start) if isinstance(anchor, TextSpan) else ("begin", anchor.begin)
        )
        last = anchor.end
        if 0 <= first < last:  # the common case, on every save's validation: nothing made
            return []
        found = []
        if first < 0:
            found.append((low, f"{low} {first} is negative"))
        if first >= last:
            found.append(("end", f"end ({last}) must be greater than {low} ({first})"))
        return found
    found = []
    if isinstance(anchor, PDFRegion) and anchor.page < 0:
        found.append(("page", f"page {anchor.page} is negative"))
    corners = (anchor.x1, anchor.y1, anchor.x2, anchor.y2)
    if min(corners) < 0:
        found.append(("", f"region {corners} has a negative coordinate"))
    if anchor.x2 < anchor.x1 or anchor.y2 < anchor.y1:
        reversed_ = (
            "its lower-right corner above or left of its upper-left corner"
            if isinstance(anchor, PictureRegion)
            else "its top-right corner below or left of its bottom-left corner"  # y grows up
        )
        found.append(("", f"region {corners} has {reversed_}"))
    return found


def anchor_misfit(anchor: Anchor, medium: Medium) -> str | None:
    """Why ``anchor`` cannot mark a source in ``medium`` (``None`` if it can)."""
    if medium in ANCHOR_MEDIA[type(anchor)]:
        return None
    article = "an" if medium.value[0] in "aeiou" else "a"
    return (
        f"{ANCHOR_NAMES[type(anchor)]} cannot anchor an excerpt in {article} {medium.value} source"
    )


@frozen(kw_only=True, field_transformer=typed)
class TextMeta:
    """The identity of a text embedded in a picture or PDF, as REFI-QDA records it.

    REFI-QDA gives a picture's description, a PDF's representation and the text under a PDF
    region their own id, name, file and audit data; qcode keeps them so that a project
    read from a REFI file is written back unchanged.

    Fields:

    - ``id``: the embedded text's REFI-QDA id.
    - ``name``: its name.
    - ``path``: its file.
    - ``audit``: its `Audit`.
    """

    id: UUID
    name: str | None = None
    path: str | None = None
    audit: Audit | None = None


@frozen(kw_only=True, field_transformer=typed)
class Coding:
    """One code applied to an excerpt or a whole source, by a coder, at a time.

    Fields:

    - ``id``: the coding's id.
    - ``code``: the id of the code applied.
    - ``coder``: the id of the user who applied it.
    - ``coded_at``: when.
    - ``note_refs``: ids of memos about this coding.
    """

    id: UUID
    code: UUID
    coder: UUID | None = None
    coded_at: dt.datetime | None = None
    note_refs: tuple[UUID, ...] = ()


@frozen(kw_only=True, field_transformer=typed)
class Excerpt(Displayed):
    """A coded part of a source. ``quote`` optionally carries the text of a text span, or
    the text under a PDF region.

    Fields:

    - ``id``: the excerpt's id.
    - ``anchor``: where it is in its source (an `Anchor`).
    - ``name``: a name.
    - ``quote``: the text it covers, if kept.
    - ``quote_meta``: REFI-QDA's data on the text under a PDF region.
    - ``description``: a comment on it.
    - ``codings``: the `Coding` s applied to it.
    - ``note_refs``: ids of memos about it.
    - ``audit``: its `Audit`.
    """

    id: UUID
    anchor: Anchor
    name: str | None = None
    quote: str | None = None
    quote_meta: TextMeta | None = None
    """REFI-QDA's id and audit data for the text under a PDF region (its ``Representation``)."""
    description: str | None = None
    codings: tuple[Coding, ...] = ()
    note_refs: tuple[UUID, ...] = ()
    audit: Audit | None = None


@frozen(kw_only=True, field_transformer=typed)
class SyncPoint:
    """Ties a character position in a transcript to a time in its recording.

    Fields:

    - ``id``: the sync point's id.
    - ``time``: milliseconds into the recording.
    - ``position``: the code-point offset in the transcript.
    """

    id: UUID
    time: int | None = None
    """Milliseconds from the start of the recording."""
    position: int | None = None
    """Code-point offset in the transcript text."""


@frozen(kw_only=True, field_transformer=typed)
class Transcript:
    """The text of an audio or video recording, with sync points.

    Fields:

    - ``id``: the transcript's id.
    - ``text``: its text.
    - ``name``: its name.
    - ``description``: a description.
    - ``sync_points``: `SyncPoint` s tying text to time.
    - ``path``: its file.
    - ``note_refs``: ids of memos about it.
    - ``audit``: its `Audit`.
    """

    id: UUID
    text: str
    name: str | None = None
    description: str | None = None
    sync_points: tuple[SyncPoint, ...] = ()
    path: str | None = None
    note_refs: tuple[UUID, ...] = ()
    audit: Audit | None = None


@frozen(kw_only=True, field_transformer=typed)
class TextContent:
    """A text source: its plain text verbatim; ``path`` names a rich original (e.g. a .docx).

    Fields:

    - ``text``: the source's text, verbatim.
    - ``path``: a rich original (``richTextPath``), if any.
    - ``external``: a ``relative://`` or ``absolute://`` file the text was not read from
      (reading outside a file needs an allowed folder), kept so that writing the project
      again still points at it.
    """

    text: str
    path: str | None = None
    external: str | None = None


@frozen(kw_only=True, field_transformer=typed)
class PictureContent:
    """A picture; ``text`` is an optional description (a collage's title and words) that
    text spans can code.

    Fields:

    - ``path``: the picture file.
    - ``current_path``: where the tool last found it.
    - ``text``: a description that text spans can code.
    - ``text_meta``: REFI-QDA's data on the description.
    """

    path: str | None = None
    current_path: str | None = None
    text: str | None = None
    text_meta: TextMeta | None = None
    """REFI-QDA's id and audit data for the description (its ``TextDescription``)."""


@frozen(kw_only=True, field_transformer=typed)
class PDFContent:
    """A PDF document; ``text`` is its plain-text representation, which text spans index.

    Fields:

    - ``path``: the PDF file.
    - ``current_path``: where the tool last found it.
    - ``text``: its plain-text representation.
    - ``text_meta``: REFI-QDA's data on the representation.
    """

    path: str | None = None
    current_path: str | None = None
    text: str | None = None
    text_meta: TextMeta | None = None
    """REFI-QDA's id and audit data for the representation (its ``Representation``)."""


@frozen(kw_only=True, field_transformer=typed)
class AudioContent:
    """An audio recording and its transcripts.

    Fields:

    - ``path``: the recording.
    - ``current_path``: where the tool last found it.
    - ``transcripts``: its `Transcript` s.
    """

    path: str | None = None
    current_path: str | None = None
    transcripts: tuple[Transcript, ...] = ()


@frozen(kw_only=True, field_transformer=typed)
class VideoContent:
    """A video recording and its transcripts.

    Fields:

    - ``path``: the recording.
    - ``current_path``: where the tool last found it.
    - ``transcripts``: its `Transcript` s.
    """

    path: str | None = None
    current_path: str | None = None
    transcripts: tuple[Transcript, ...] = ()


Content = TextContent | PictureContent | PDFContent | AudioContent | VideoContent

_MEDIUM_OF: dict[type, Medium] = {
    TextContent: Medium.TEXT,
    PictureContent: Medium.PICTURE,
    PDFContent: Medium.PDF,
    AudioContent: Medium.AUDIO,
    VideoContent: Medium.VIDEO,
}


@frozen(kw_only=True, field_transformer=typed)
class Source(Displayed):
    """Something collected in the study: a transcript, a diary entry, a collage, a recording...

    ``kind`` is an open vocabulary (``"workshop"``, ``"diary"``, ``"collage"``, ``"interview"``,
    or any kind a project needs); ``content`` gives the medium.

    Fields:

    - ``id``: the source's id.
    - ``name``: its name.
    - ``kind``: what it is (``"workshop"``, ``"diary"``, ...).
    - ``description``: a description.
    - ``values``: its `VariableValue` s.
    - ``codings``: codings of the whole source.
    - ``note_refs``: ids of memos about it.
    - ``audit``: its `Audit`.
    - ``content``: its medium and what the medium holds.
    - ``excerpts``: its coded `Excerpt` s.
    """

    id: UUID
    name: str
    kind: str = "document"
    description: str | None = None
    values: tuple[VariableValue, ...] = ()
    codings: tuple[Coding, ...] = ()
    note_refs: tuple[UUID, ...] = ()
    audit: Audit | None = None
    content: Content
    excerpts: tuple[Excerpt, ...] = ()

    @property
    def medium(self) -> Medium:
        """The medium this source's content is in."""
        return _MEDIUM_OF[type(self.content)]

    @property
    def text(self) -> str | None:
        """The text that text spans index: the text itself, a picture's description or a
        PDF's representation; ``None`` for recordings."""
        content = self.content
        if isinstance(content, (AudioContent, VideoContent)):
            return None
        return content.text


def _sync_points(source: Source) -> dict[tuple[UUID, UUID], SyncPoint]:
    """A recording's sync points by transcript id and point id."""
    transcripts: tuple[Transcript, ...] = getattr(source.content, "transcripts", ())
    return {(t.id, point.id): point for t in transcripts for point in t.sync_points}


def transcript_clock(source: Source) -> Callable[[TranscriptSpan], tuple[int, int] | None]:
    """For a recording's transcript spans, their place on the recording's time axis: the
    times, in milliseconds, of the two sync points a span runs between; ``None`` when an
    end is open, a sync point has no time or is not in the transcript, or the end comes
    before the start (analyses and agreement count such spans apart)."""
    times = {key: point.time for key, point in _sync_points(source).items()}

    def clock(span: TranscriptSpan) -> tuple[int, int] | None:
        start = times.get((span.transcript, span.from_sync)) if span.from_sync else None
        end = times.get((span.transcript, span.to_sync)) if span.to_sync else None
        if start is None or end is None or end < start:
            return None
        return start, end

    return clock


def transcript_span_problem(span: TranscriptSpan, source: Source) -> str | None:
    """Why ``span`` cannot mark ``source`` (``None`` if it can): its transcript is not one of
    the source's, a sync point is not in that transcript, it starts and ends at one sync
    point, or it ends before it starts (in the transcript's text or in the recording's
    time)."""
    transcripts: tuple[Transcript, ...] = getattr(source.content, "transcripts", ())
    transcript = next((t for t in transcripts if t.id == span.transcript), None)
    if transcript is None:
        return f"transcript {span.transcript} is not one of the source's transcripts"
    points = {point.id: point for point in transcript.sync_points}
    for name in ("from_sync", "to_sync"):
        sync: UUID | None = getattr(span, name)
        if sync is not None and sync not in points:
            return f"sync point {sync} is not in transcript {transcript.id}"
    if span.from_sync is None or span.to_sync is None:
        return None
    if span.from_sync == span.to_sync:
        return f"it starts and ends at sync point {span.to_sync}, so it marks nothing"
    back = backwards(points[span.from_sync], points[span.to_sync])
    return None if back is None else f"it ends at {back[1]}, before its start ({back[0]})"


def backwards(start: SyncPoint, end: SyncPoint) -> tuple[str, str] | None:
    """Where a span from ``start`` to ``end`` runs backwards, in the transcript's text or
    else in the recording's time: each end's place there ("position 6", "time 2000 ms");
    ``None`` where it does not."""
    for name, unit in (("position", ""), ("time", " ms")):
        first, last = getattr(start, name), getattr(end, name)
        if first is not None and last is not None and last < first:
            return f"{name} {first}{unit}", f"{name} {last}{unit}"
    return None


def transcript_words(source: Source) -> Callable[[TranscriptSpan], str | None]:
    """For a recording's transcript spans, the words they cover: the transcript's text
    between the positions of the span's two sync points (an open start or end: the
    transcript's start or end); ``None`` when a sync point has no position or is not in
    the transcript, or the end comes before the start."""
    transcripts: tuple[Transcript, ...] = getattr(source.content, "transcripts", ())
    texts = {transcript.id: transcript.text for transcript in transcripts}
    positions = {key: point.position for key, point in _sync_points(source).items()}

    def words(span: TranscriptSpan) -> str | None:
        text = texts.get(span.transcript)
        if text is None:
            return None
        start = positions.get((span.transcript, span.from_sync)) if span.from_sync else 0
        end = positions.get((span.transcript, span.to_sync)) if span.to_sync else len(text)
        if start is None or end is None or not 0 <= start <= end <= len(text):
            return None
        return text[start:end]

    return words
