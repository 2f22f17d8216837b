"""What every REFI-QDA element family is written with: reports, GUIDs and timestamps as
text, elements and escaped attributes, audit stamps, colours, file paths and stored texts.
`WriterCore` holds the writer's state, shared by every family's mixin."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import PurePosixPath
from uuid import UUID

from attrs import evolve

from qcode._formats._base import Attachment
from qcode._formats._refi import _offsets
from qcode._issues import Issue, Severity
from qcode._model import Audit, Coding, Project
from qcode._model._common import full_color

TextStore = Callable[[UUID, str], str | None]
"""Stores a text: returns the ``plainTextPath`` of its file (``.qdpx``), or ``None`` to have
it written inline as ``PlainTextContent`` (``.qde``)."""
Attributes = Iterable[tuple[str, str | None]]
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
    """UTC with ``Z`` for aware timestamps; naive ones are written as they are, and so is
    one whose UTC time lies past the year 9999 (its offset kept, which xs:dateTime takes)."""
    if value.tzinfo is not None and value.utcoffset() is not None:
        try:
            return value.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"
        except OverflowError:  # 9999-12-31T23:00-02:00 is in the year 10000 in UTC
            pass
    return value.isoformat()


class WriterCore:
    """The document being written and what every family writes with; `RefiWriter` adds the
    families and the document's skeleton."""

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
        taken: set[str] | None = None,
    ) -> None:
        self.project = project
        self._members = set() if taken is None else taken
        """The archive's member names in lower case, which the texts share (`ArchiveTexts`):
        two names that differ only in case are one file once unzipped on Windows or macOS."""
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
        self._embedded: dict[str, str] = {}
        """Each embedded file written, by the reference that named it: its new reference."""
        self._unembedded: set[str] = set()
        """The embedded files already reported as not carried (several sources may share one)."""
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

    def positions(self, text: str, at: str) -> Callable[[int], int]:
        """Code-point positions in ``text`` as the target counts them. ``codepoints-lf``
        has no position between the CR and the LF of a line break: one there is written at
        the line break's start and reported (``at`` names the text's owner)."""
        convert = _offsets.writer(text, self._dialect)
        if self._dialect != _offsets.CODEPOINTS_LF or "\r\n" not in text:
            return convert

        def checked(offset: int) -> int:
            written = convert(offset)
            if 0 < offset < len(text) and text[offset - 1 : offset + 1] == "\r\n":
                self.lost(
                    at,
                    f"position {offset} falls between the CR and LF of a line break, where "
                    f"{self._dialect} offsets cannot point; written as {written}, the line "
                    "break's start",
                )
            return written

        return checked

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
                f"{self._crlf} text(s) with CRLF or CR line breaks were written with LF, positions "
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
        attachment = None if self._files is None else self._files.get(value)
        if attachment is None:
            if value not in self._unembedded:
                self._unembedded.add(value)
                self.lost(
                    value,
                    "a bare .qde cannot hold embedded files; use .qdpx"
                    if self._files is None
                    else f"embedded file {value!r} is not available; the reference is kept",
                )
            return value
        named = self._embedded.get(value)
        if named is not None:  # a file several sources name is stored once
            return named
        name = PurePosixPath(value.split(":", 1)[-1].lstrip("/")).name
        if not _GUID_FILE.match(name) or self._taken(name):
            why = (
                "another file of the archive has that name"
                if _GUID_FILE.match(name)
                else "REFI-QDA names the files of a .qdpx by GUID"
            )
            suffix, number = PurePosixPath(name).suffix, 1
            renamed = f"{guid(owner)}{suffix}"
            while self._taken(renamed):  # the owner's GUID names a text or another file
                number += 1
                renamed = f"{guid(owner)}-{number}{suffix}"
            self._say(
                Severity.INFO,
                "name-changed",
                value,
                f"embedded file {name!r} is written as {renamed!r}: {why}",
            )
            name = renamed
        self.attachments[name] = attachment
        self._members.add(name.lower())
        self._embedded[value] = f"internal://{name}"
        return self._embedded[value]

    def _taken(self, name: str) -> bool:
        """Whether a file of the archive has ``name`` already, in any case."""
        return name.lower() in self._members

    def stored(self, owner: UUID, text: str) -> tuple[tuple[str, str | None], str | None]:
        """The plainTextPath attribute for a text, or the text to write inline."""
        if self._qualcoder and "\r" in text:
            # QualCoder reads text files with Python's universal newlines (a CR alone is a
            # line break too), and makes up for the lost CRs in a way that depends on the
            # file's origin: LF alone is safe. Positions count a CRLF as one, as here.
            text = text.replace("\r\n", "\n").replace("\r", "\n")
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

    def color(self, value: str | None, path: str) -> str | None:
        written = full_color(value)
        if value is not None and written is None:
            self.lost(path, f"colour {value!r} is not #RRGGBB or #RGB; left out")
        return written
