"""The model into REFI-QDA XML that validates against the official schemas.

Elements come in schema order, containers are never empty, GUIDs are upper case, colours
``#RRGGBB``, timestamps UTC. Text offsets are code points unless a target tool's dialect is
asked for. What REFI-QDA cannot carry is reported, never dropped silently.

The document is written as text in one pass, without building an element tree: projects
with tens of thousands of codings are common, and this is several times faster.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import PurePosixPath
from typing import TypeVar
from uuid import UUID

from attrs import evolve

from qcode._formats._base import Attachment
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
    Graph,
    Link,
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
from qcode._model._codebook import in_tree_order

TextStore = Callable[[UUID, str], str | None]
"""Stores a text: returns the ``plainTextPath`` of its file (``.qdpx``), or ``None`` to have
it written inline as ``PlainTextContent`` (``.qde``)."""
Attributes = Iterable[tuple[str, str | None]]
_T = TypeVar("_T")

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
_SOURCE_TAGS = {
    TextContent: "TextSource",
    PictureContent: "PictureSource",
    PDFContent: "PDFSource",
    AudioContent: "AudioSource",
    VideoContent: "VideoSource",
}
_ANCHORS_IN = {
    TextContent: (TextSpan,),
    PictureContent: (TextSpan, PictureRegion),
    PDFContent: (TextSpan, PDFRegion),
    AudioContent: (TimeSpan, TranscriptSpan),
    VideoContent: (TimeSpan, TranscriptSpan),
}
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\r": "&#13;",
    }
)
_GUID_FILE = re.compile(r"^[0-9A-Fa-f]{8}-([0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}\.")
_MEDIA_SCHEME = re.compile(r"(internal|relative|absolute):")


def _version() -> str:
    from importlib.metadata import version

    return version("qcode-qda")


def guid(value: UUID) -> str:
    """A GUID as REFI-QDA tools most often write it: upper case, no braces."""
    return str(value).upper()


_GUID_COLUMNS = [i for i in range(36) if i not in (8, 13, 18, 23)]


def guids(values: Sequence[UUID]) -> list[str]:
    """Many GUIDs as `guid` writes them, in about half the time: the hex digits of all of
    them are made in one call, then put in place a column at a time."""
    count = len(values)
    digits = b"".join([value.bytes for value in values]).hex().upper().encode("ascii")
    text = bytearray(b"-" * (36 * count))
    for column, position in enumerate(_GUID_COLUMNS):
        text[position::36] = digits[column::32]
    joined = text.decode("ascii")
    return [joined[k : k + 36] for k in range(0, 36 * count, 36)]


def _number(value: UUID | None) -> int | None:
    # A UUID's number hashes much faster than the UUID.
    return None if value is None else value.int


def _creation_stamp(project: Project) -> tuple[UUID | None, dt.datetime]:
    """Who and when to write on elements that have no creation time: the project's own
    creation, or else now; the coder, if the project has exactly one user."""
    audit = project.audit or Audit()
    users = project.users
    by = audit.created_by or (users[0].id if len(users) == 1 else None)
    return by, audit.created_at or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def moment(value: dt.datetime) -> str:
    """UTC with ``Z`` for aware timestamps; naive ones are written as they are."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"
    return value.isoformat()


def color(value: str | None) -> str | None:
    """``#RRGGBB`` (a ``#RGB`` colour is spelled out), or ``None`` if it is not a colour."""
    if value is None or not re.fullmatch(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})", value):
        return None
    if len(value) == 4:
        return "#" + "".join(d * 2 for d in value[1:])
    return value


class RefiWriter:
    """Writes one project (or its codebook) as REFI-QDA XML text.

    ``dialect`` is the offset dialect of the target tool; ``files`` are embedded files that
    can travel with a ``.qdpx`` (``None`` for a bare ``.qde``, which cannot hold them).
    With ``qualcoder``, the file is shaped for QualCoder's importer: a creation time on
    every element that can carry one (the project's own, or else the time of writing), a
    name on every transcript, no code memo references (it skips codes that have them), and
    LF line breaks (with ``dialect`` counting a CRLF as one, positions still point at the
    same characters); the report says what was added, changed or left out.
    """

    def __init__(
        self,
        project: Project,
        *,
        file: str,
        store_text: TextStore,
        dialect: str = _offsets.CODEPOINTS,
        include_real_names: bool = False,
        files: Mapping[str, Attachment] | None = None,
        qualcoder: bool = False,
    ) -> None:
        self.project = project
        self.file = file
        self._store = store_text
        self._dialect = dialect
        self._real_names = include_real_names
        self._files = files
        self.attachments: dict[str, Attachment] = {}
        self.report: list[Issue] = []
        self._out: list[str] = ['<?xml version="1.0" encoding="utf-8"?>\n']
        self._guids: dict[int, str] = {}
        self._moments: dict[dt.datetime, str] = {}
        self._stamps: dict[tuple[int | dt.datetime | None, ...], str] = {}
        self._replaced = 0
        self._qualcoder = qualcoder
        self._fallback = _creation_stamp(project) if qualcoder else None
        self._stamped = 0
        self._named = 0
        self._crlf = 0
        self._names: dict[str, set[str]] = defaultdict(set)

    # -- reporting -------------------------------------------------------------------

    def _say(self, severity: Severity, code: str, path: str, message: str) -> None:
        self.report.append(
            Issue(severity=severity, code=code, path=path, message=message, file=self.file)
        )

    def lost(self, path: str, message: str) -> None:
        """Report something REFI-QDA cannot carry."""
        self._say(Severity.WARNING, "not-carried", path, message)

    # -- emitting --------------------------------------------------------------------

    def g(self, value: UUID | None) -> str | None:
        if value is None:
            return None
        key = value.int  # hashing the int is much cheaper than hashing the UUID
        text = self._guids.get(key)
        if text is None:
            text = self._guids[key] = guid(value)
        return text

    def t(self, value: dt.datetime | None) -> str | None:
        if value is None:
            return None
        text = self._moments.get(value)
        if text is None:
            text = self._moments[value] = moment(value)
        return text

    def _open(self, tag: str, attributes: Attributes, end: str) -> None:
        parts = [f"<{tag}"]
        for key, value in attributes:
            if value is not None:
                parts.append(f' {key}="{self.attribute(value)}"')
        parts.append(end)
        self._out.append("".join(parts))

    def start(self, tag: str, *attributes: tuple[str, str | None]) -> None:
        self._open(tag, attributes, ">")

    def leaf(self, tag: str, *attributes: tuple[str, str | None]) -> None:
        self._open(tag, attributes, "/>")

    def end(self, tag: str) -> None:
        self._out.append(f"</{tag}>")

    def text(self, tag: str, content: str | None) -> None:
        if content is not None:
            self._out.append(f"<{tag}>{self.clean(content).translate(_TEXT_ESCAPES)}</{tag}>")

    def refs(self, tag: str, targets: Iterable[UUID]) -> None:
        for target in targets:
            self._out.append(f'<{tag} targetGUID="{self.g(target)}"/>')

    def audit(self, audit: Audit | None) -> list[tuple[str, str | None]]:
        if self._fallback is not None:
            audit = self._stamped_audit(audit, self._fallback)
        if audit is None:
            return []
        return [
            ("creatingUser", self.g(audit.created_by)),
            ("creationDateTime", self.t(audit.created_at)),
            ("modifyingUser", self.g(audit.modified_by)),
            ("modifiedDateTime", self.t(audit.modified_at)),
        ]

    def audit_text(self, audit: Audit | None) -> str:
        """The audit attributes as text (GUIDs and timestamps never need escaping)."""
        if self._fallback is not None:
            audit = self._stamped_audit(audit, self._fallback)
        if audit is None:
            return ""
        by, at = audit.created_by, audit.created_at
        changed_by, changed_at = audit.modified_by, audit.modified_at
        key = (_number(by), at, _number(changed_by), changed_at)
        text = self._stamps.get(key)
        if text is None:
            text = self._stamps[key] = self._stamp(
                ("creatingUser", by),
                ("creationDateTime", at),
                ("modifyingUser", changed_by),
                ("modifiedDateTime", changed_at),
            )
        return text

    def coding_stamp(self, coding: Coding) -> str:
        """A coding's coder and time as attribute text."""
        coder, when = coding.coder, coding.coded_at
        if when is None and self._fallback is not None:
            self._stamped += 1
            coder, when = coder or self._fallback[0], self._fallback[1]
        key = (_number(coder), when)
        text = self._stamps.get(key)
        if text is None:
            text = self._stamps[key] = self._stamp(
                ("creatingUser", coder), ("creationDateTime", when)
            )
        return text

    def _stamped_audit(
        self, audit: Audit | None, fallback: tuple[UUID | None, dt.datetime]
    ) -> Audit | None:
        """``audit``, given the ``fallback`` creation stamp if it has no time at all."""
        if audit is not None and (audit.created_at or audit.modified_at):
            return audit
        self._stamped += 1
        by, at = fallback
        if audit is None:
            return Audit(created_by=by, created_at=at)
        return evolve(audit, created_by=audit.created_by or by, created_at=at)

    def _stamp(self, *attributes: tuple[str, UUID | dt.datetime | None]) -> str:
        # `audit_text` and `coding_stamp` cache stamps by value: a project has few coders
        # and few distinct times, and equal values always give equal text.
        return "".join(
            f' {name}="{self.g(value) if isinstance(value, UUID) else self.t(value)}"'
            for name, value in attributes
            if value is not None
        )

    def attribute(self, value: str) -> str:
        """An attribute value, cleaned and escaped."""
        return self.clean(value).translate(_ATTRIBUTE_ESCAPES)

    def clean(self, text: str) -> str:
        """XML cannot hold most control characters: they become U+FFFD, and are counted."""
        if text.isprintable():  # a fast, sufficient test for almost every string
            return text
        unsafe = _XML_UNSAFE.findall(text)
        if not unsafe:
            return text
        self._replaced += len(unsafe)
        return _XML_UNSAFE.sub("\ufffd", text)

    def document(self) -> str:
        """The finished document, with a report of any characters XML could not hold and
        of any creation stamps added."""
        if self._stamped and self._fallback is not None:
            by, at = self._fallback
            who = "" if by is None else f" by {guid(by)}"
            self._say(
                Severity.INFO,
                "stamp-added",
                "$",
                f"{self._stamped} element(s) had no creation time and were stamped "
                f"{moment(at)}{who}, because QualCoder's importer stops at a selection, note "
                "or transcript without one",
            )
        if self._crlf:
            self._say(
                Severity.INFO,
                "line-breaks",
                "$",
                f"{self._crlf} text(s) with CRLF line breaks were written with LF, positions "
                "counted to match, because QualCoder reads line breaks as LF",
            )
        if self._named:
            self._say(
                Severity.INFO,
                "name-added",
                "$",
                f"{self._named} transcript(s) had no name and were named after their recording "
                "(<recording>.txt), because QualCoder cannot import a transcript without one",
            )
        if self._replaced:
            self._say(
                Severity.WARNING,
                "not-carried",
                "$",
                f"{self._replaced} control character(s) that XML cannot hold were written as "
                "U+FFFD",
            )
        self._out.append("\n")
        return "".join(self._out)

    def media(self, value: str | None, owner: UUID) -> str | None:
        """A file path as it will be written; embedded files are named ``<GUID>.<ext>``."""
        if value is None:
            return None
        scheme = _MEDIA_SCHEME.match(value)
        if scheme is not None and scheme.group(1) != "internal":
            return value
        if self._files is None:
            self.lost(value, f"{value}: a bare .qde cannot hold embedded files; use .qdpx")
            return value
        attachment = self._files.get(value)
        if attachment is None:
            self.lost(value, f"embedded file {value!r} is not available; the reference is kept")
            return value
        name = PurePosixPath(value.split(":", 1)[-1].lstrip("/")).name
        if not _GUID_FILE.match(name) or name in self.attachments:
            name = f"{guid(owner)}{PurePosixPath(name).suffix}"
        self.attachments[name] = attachment
        return f"internal://{name}"

    def stored(self, owner: UUID, text: str) -> tuple[tuple[str, str | None], str | None]:
        """The plainTextPath attribute for a text, or the text to write inline."""
        if self._qualcoder and "\r\n" in text:
            # QualCoder reads text files with Python's universal newlines, and makes up for
            # the lost CRs in a way that depends on the file's origin: LF alone is safe.
            text = text.replace("\r\n", "\n")
            self._crlf += 1
        path = self._store(owner, text)
        return ("plainTextPath", path), (text if path is None else None)

    def unique_name(
        self, kind: str, at: str, name: str | None, qualifier: str | None, default: str
    ) -> str | None:
        """``name`` as written. For QualCoder, which keeps codes and notes by unique name
        (a repeated code loses its codings there; a repeated note stops the import), a
        missing or repeated name gets ``default``, the ``qualifier`` or a number, and the
        change is reported."""
        if not self._qualcoder:
            return name
        used = self._names[kind]
        wanted = default if name is None else name
        written = wanted
        if written in used and qualifier is not None:
            written = f"{wanted} ({qualifier})"
        number = 2
        while written in used:
            written = f"{wanted} ({number})"
            number += 1
        used.add(written)
        if written != name:
            was = f"a {kind} without a name" if name is None else f"{kind} {name!r}"
            self._say(
                Severity.INFO,
                "name-changed",
                f"{at}.name",
                f"{was} was written as {written!r}, because QualCoder keeps {kind}s by name",
            )
        return written

    # -- project ---------------------------------------------------------------------

    def project_document(self) -> str:
        p = self.project
        audit = p.audit or Audit()
        self.start(
            "Project",
            ("xmlns", PROJECT_NS),
            ("name", p.name),
            ("origin", conv.render_origin(p.origin, self._dialect, _version())),
            ("creatingUserGUID", self.g(audit.created_by)),
            ("creationDateTime", self.t(audit.created_at)),
            ("modifyingUserGUID", self.g(audit.modified_by)),
            ("modifiedDateTime", self.t(audit.modified_at)),
            ("basePath", p.base_path),
        )
        self._reserved_ids()
        if p.users:
            self.start("Users")
            for user in p.users:
                self.leaf(
                    "User", ("guid", self.g(user.id)), ("name", user.name), ("id", user.login)
                )
            self.end("Users")
        if p.codes:
            self.start("CodeBook")
            memos_lost = (
                "QualCoder skips a code with memo references, so they were left out (the memos "
                "are kept)"
            )
            self.codes(memos_lost=memos_lost if self._qualcoder else None)
            self.end("CodeBook")
        self.variables()
        self.container("Cases", p.cases, self.case)
        self.container("Sources", p.sources, self.source)
        self.container("Notes", p.notes, self.note)
        self.container("Links", p.links, self.link)
        self.sets(member="targetGUID")
        self.container("Graphs", p.graphs, self.graph)
        self.text("Description", p.description)
        self.refs("NoteRef", p.note_refs)
        self.end("Project")
        if p.vendor_data:
            self.lost(
                "$.vendor_data",
                f"{len(p.vendor_data)} piece(s) of vendor data from the original file have no "
                "place in REFI-QDA",
            )
        return self.document()

    def container(self, tag: str, items: Sequence[_T], write: Callable[[int, _T], None]) -> None:
        if items:
            self.start(tag)
            for i, item in enumerate(items):
                write(i, item)
            self.end(tag)

    def color(self, value: str | None, path: str) -> str | None:
        written = color(value)
        if value is not None and written is None:
            self.lost(path, f"colour {value!r} is not #RRGGBB or #RGB; left out")
        return written

    def codes(self, *, memos_lost: str | None) -> None:
        """The code tree; ``memos_lost`` says why code memo references are left out, if they
        are."""
        codes = self.project.codes
        position = {code.id: i for i, code in enumerate(codes)}
        children: dict[UUID | None, list[Code]] = defaultdict(list)
        for code in in_tree_order(codes):
            parent = code.parent
            if parent is not None and parent not in position:
                self._say(
                    Severity.WARNING,
                    "orphan-code",
                    f"$.codes[{position[code.id]}].parent",
                    f"code {code.name!r} has a parent that does not exist; written at the top",
                )
                parent = None
            children[parent].append(code)
        written: set[UUID] = set()
        names = {code.id: code.name for code in codes}

        def write(code: Code) -> None:
            written.add(code.id)
            at = f"$.codes[{position[code.id]}]"
            parent = None if code.parent is None else names.get(code.parent)
            self.start(
                "Code",
                ("guid", self.g(code.id)),
                ("name", self.unique_name("code", at, code.name, parent, code.name)),
                ("isCodable", "true" if code.codable else "false"),
                ("color", self.color(code.color, f"{at}.color")),
            )
            self.text("Description", _definition.render(code))
            if memos_lost is None:
                self.refs("NoteRef", code.note_refs)
            elif code.note_refs:
                self.lost(f"{at}.note_refs", memos_lost)
            for child in children.get(code.id, []):
                write(child)
            self.end("Code")

        self.start("Codes")
        for code in children[None]:
            write(code)
        self.end("Codes")
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

    def variables(self) -> None:
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
        self.start("Variables")
        for variable in self.project.variables:
            self.start(
                "Variable",
                ("guid", self.g(variable.id)),
                ("name", variable.name),
                ("typeOfVariable", _TYPES[variable.type]),
            )
            self.text("Description", variable.description)
            self.end("Variable")
        for variable_id, name in reserved:
            self.leaf(
                "Variable",
                ("guid", self.g(variable_id)),
                ("name", name),
                ("typeOfVariable", "Text"),
            )
        self.end("Variables")

    def values(
        self, values: tuple[VariableValue, ...], *extra: tuple[UUID | None, str | None]
    ) -> None:
        for value in values:
            self.value(value.variable, value.value)
        for variable_id, text in extra:
            if variable_id is not None and text is not None:
                self.value(variable_id, text)

    def value(self, variable: UUID, value: Value | None) -> None:
        self.start("VariableValue")
        self.leaf("VariableRef", ("targetGUID", self.g(variable)))
        if value is None:
            pass
        elif isinstance(value, bool):
            self.text("BooleanValue", "true" if value else "false")
        elif isinstance(value, int):
            self.text("IntegerValue", str(value))
        elif isinstance(value, float):
            self.text("FloatValue", format(Decimal(repr(value)), "f"))
        elif isinstance(value, dt.datetime):
            self.text("DateTimeValue", moment(value))
        elif isinstance(value, dt.date):
            self.text("DateValue", value.isoformat())
        else:
            self.text("TextValue", value)
        self.end("VariableValue")

    def case(self, i: int, case: Case) -> None:
        self.start("Case", ("guid", self.g(case.id)), ("name", case.label))
        self.text("Description", case.description)
        self.refs("CodeRef", case.codes)
        kind = None if case.kind == conv.IMPORTED_CASE_KIND else case.kind
        self.values(case.values, (self._case_kind, kind), (self._real_name, case.real_name))
        self.refs("SourceRef", case.sources)
        self.refs("SelectionRef", case.excerpts)
        self.end("Case")

    def link(self, i: int, link: Link) -> None:
        self.start(
            "Link",
            ("guid", self.g(link.id)),
            ("name", link.name),
            ("direction", link.direction and _DIRECTIONS[link.direction.value]),
            ("color", self.color(link.color, f"$.links[{i}].color")),
            ("originGUID", self.g(link.origin)),
            ("targetGUID", self.g(link.target)),
        )
        self.refs("NoteRef", link.note_refs)
        self.end("Link")

    # -- sources ---------------------------------------------------------------------

    def source(self, i: int, source: Source) -> None:
        path = f"$.sources[{i}]"
        content = source.content
        tag = _SOURCE_TAGS[type(content)]
        by_anchor: dict[type, list[Excerpt]] = defaultdict(list)
        allowed = _ANCHORS_IN[type(content)]
        if source.text is None:
            allowed = tuple(t for t in allowed if t is not TextSpan)
        for j, excerpt in enumerate(source.excerpts):
            anchor_type = type(excerpt.anchor)
            if anchor_type in allowed:
                by_anchor[anchor_type].append(excerpt)
            else:
                self.lost(
                    f"{path}.excerpts[{j}]", f"a {anchor_type.__name__} has no place in a {tag}"
                )
        head: list[tuple[str, str | None]] = [("guid", self.g(source.id)), ("name", source.name)]
        inline: str | None = None
        if isinstance(content, TextContent):
            stored, inline = self.stored(source.id, content.text)
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
            self.selections(spans, content.text)
        elif isinstance(content, PictureContent):
            if content.text is not None:
                self.layer("TextDescription", source.id, content.text, content.text_meta, spans)
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
                self.layer("Representation", source.id, content.text, content.text_meta, spans)
        else:
            self.recording(content, by_anchor, path, source.name)
        self.codings(source.codings)
        self.refs("NoteRef", source.note_refs)
        kind = None if source.kind == conv.DEFAULT_SOURCE_KIND else source.kind
        self.values(source.values, (self._source_kind, kind))
        self.end(tag)

    def layer(
        self, tag: str, owner: UUID, text: str, meta: TextMeta | None, spans: list[Excerpt]
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
        self.selections(spans, text)
        self.end(tag)

    def selections(self, excerpts: list[Excerpt], text: str) -> None:
        """PlainTextSelections: the hot path of large projects, written as plain strings."""
        convert = _offsets.writer(text, self._dialect)
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
        for transcript in content.transcripts:
            self.transcript(transcript, spans_of[transcript.id], name)
        tag = "VideoSelection" if isinstance(content, VideoContent) else "AudioSelection"
        for excerpt in by_anchor[TimeSpan]:
            span = excerpt.anchor
            assert isinstance(span, TimeSpan)
            self.excerpt(tag, excerpt, ("begin", str(span.begin)), ("end", str(span.end)))

    def transcript(self, transcript: Transcript, spans: list[Excerpt], recording: str) -> None:
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
        convert = _offsets.writer(transcript.text, self._dialect)
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

    # -- notes, sets, graphs ---------------------------------------------------------

    def note(self, i: int, note: Note) -> None:
        stored, inline = self.stored(note.id, note.text)
        self.start(
            "Note",
            ("guid", self.g(note.id)),
            ("name", self.unique_name("note", f"$.notes[{i}]", note.name, None, f"Note {i + 1}")),
            ("richTextPath", self.media(note.path, note.id)),
            stored,
            *self.audit(note.audit),
        )
        self.text("Description", note.description)
        self.text("PlainTextContent", inline)
        spans = [e for e in note.excerpts if isinstance(e.anchor, TextSpan)]
        if len(spans) < len(note.excerpts):
            self.lost(f"$.notes[{i}].excerpts", "only text spans have a place in a note")
        self.selections(spans, note.text)
        self.codings(note.codings)
        self.values(note.values)
        self.end("Note")

    def sets(self, member: str) -> None:
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
        self.start("Sets")
        for set_id, name, description, codes, sources, notes in groups:
            self.start("Set", ("guid", self.g(set_id)), ("name", name))
            self.text("Description", description)
            for code in codes:
                self.leaf("MemberCode", (member, self.g(code)))
            if not in_codebook:
                self.refs("MemberSource", sources)
                self.refs("MemberNote", notes)
            self.end("Set")
        self.end("Sets")

    def graph(self, i: int, graph: Graph) -> None:
        self.start("Graph", ("guid", self.g(graph.id)), ("name", graph.name))
        for j, vertex in enumerate(graph.vertices):
            self.leaf(
                "Vertex",
                ("guid", self.g(vertex.id)),
                ("representedGUID", self.g(vertex.represents)),
                ("name", vertex.name),
                ("firstX", str(vertex.x1)),
                ("firstY", str(vertex.y1)),
                ("secondX", None if vertex.x2 is None else str(vertex.x2)),
                ("secondY", None if vertex.y2 is None else str(vertex.y2)),
                ("shape", vertex.shape and _SHAPES[vertex.shape.value]),
                ("color", self.color(vertex.color, f"$.graphs[{i}].vertices[{j}].color")),
            )
        for j, edge in enumerate(graph.edges):
            self.leaf(
                "Edge",
                ("guid", self.g(edge.id)),
                ("representedGUID", self.g(edge.represents)),
                ("name", edge.name),
                ("sourceVertex", self.g(edge.source)),
                ("targetVertex", self.g(edge.target)),
                ("color", self.color(edge.color, f"$.graphs[{i}].edges[{j}].color")),
                ("direction", edge.direction and _DIRECTIONS[edge.direction.value]),
                ("lineStyle", edge.line_style and edge.line_style.value),
            )
        self.end("Graph")

    # -- codebook --------------------------------------------------------------------

    def codebook_document(self) -> str:
        p = self.project
        origin = conv.render_origin(p.origin, self._dialect, _version())
        self.start("CodeBook", ("xmlns", CODEBOOK_NS), ("origin", origin))
        if p.codes:
            self.codes(memos_lost="a codebook has no code memos")
        else:
            self.lost("$.codes", "the project has no codes; the codebook holds one placeholder")
            self.start("Codes")
            self.leaf(
                "Code",
                ("guid", self.g(layer_guid(None))),
                ("name", "(no codes)"),
                ("isCodable", "false"),
            )
            self.end("Codes")
        self.sets(member="guid")
        self.end("CodeBook")
        return self.document()
