"""What every format module takes and returns."""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import json
import re
import uuid
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Protocol

from attrs import field, frozen

from qcode._formats._limits import Limits
from qcode._issues import InvalidProjectError, Issue, ReadError, as_errors
from qcode._model import Project

GUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\Z")
"""A GUID as REFI-QDA and qcode JSON write it: 8-4-4-4-12 hex digits, either case."""


def checked_uuid(text: str) -> uuid.UUID:
    """A UUID from text that matched `GUID`, built without `UUID.__init__`'s general parsing
    (braces, URNs, …), which costs as much again and is a large share of loading a big
    project. This is how the uuid module builds UUIDs itself; `tests/test_internals.py`
    holds it to ``UUID(text)``."""
    value = _new(uuid.UUID)
    _set(value, "int", int(text.replace("-", ""), 16))
    _set(value, "is_safe", _UNKNOWN)
    return value


_new = object.__new__
_set = object.__setattr__
_UNKNOWN = uuid.SafeUUID.unknown  # looking an enum member up each time is slow


@frozen
class Attachment:
    """A file inside an archive, copied byte for byte when the project is written again.

    Fields:

    - ``archive``: the archive that holds the file.
    - ``member``: its name in the archive.
    - ``size``: its size in bytes.
    """

    archive: Path
    member: str
    size: int

    def copy_to(self, target: IO[bytes]) -> None:
        """Stream the file's bytes into ``target``; a damaged or unreadable member is a
        `ReadError` naming it (the CRC is checked as the last bytes are read)."""
        with zipfile.ZipFile(self.archive) as archive:
            with unpacking(str(self.archive), self.member):
                info = archive.getinfo(self.member)
                if info.compress_type not in METHODS:  # changed since it was read
                    raise NotImplementedError(f"compression method {info.compress_type}")
                check_packed(str(self.archive), info, packed_ends(archive))
                source = archive.open(info)
            with source, unpacking(str(self.archive), self.member):
                for chunk in read_member(source):
                    target.write(chunk)


METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflate"}
"""The compression methods qcode unpacks: those REFI-QDA tools write, and the two whose
output it can bound. Python's zipfile unpacks a bzip2 or lzma block whole, whatever its
size (a 2 KB member can unpack to gigabytes before the header's size is checked)."""
_CHUNK = 1 << 24
"""16 MiB: the most zlib inflates at once (smaller chunks left the peak memory of reading a
20 MB document 20 MB higher, the allocator keeping what they freed)."""


def file_stem(path: Path) -> str:
    """``path``'s name without its extension, as a name in a project: bytes a file system
    allows that are no UTF-8 (which Python keeps as lone surrogates) become U+FFFD, as no
    writer could write them."""
    return path.stem.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def packed_ends(archive: zipfile.ZipFile) -> list[int]:
    """Where each member's room in ``archive`` may end, in order: the next member's header
    or the central directory."""
    ends = {info.header_offset for info in archive.infolist()}
    ends.add(getattr(archive, "start_dir", 0))
    return sorted(ends)


def check_packed(file: str, info: zipfile.ZipInfo, ends: list[int]) -> None:
    """Refuse, before unpacking it, a member whose header declares more packed bytes than
    the archive holds between it and what follows (`packed_ends`): the compression ratio is
    judged on that size, and a header claiming 100 MB packed for 100 KB passed as 1 to 1."""
    at = bisect.bisect_right(ends, info.header_offset)
    if at < len(ends) and info.compress_size > ends[at] - info.header_offset:
        raise ReadError(
            file,
            f"member {info.filename!r} declares {info.compress_size} packed bytes, more than "
            f"the {ends[at] - info.header_offset} the archive holds for it; refused",
        )


def read_member(stream: IO[bytes]) -> Iterator[bytes]:
    """A member's bytes (one packed by a method of `METHODS`), a chunk at a time: zipfile
    then inflates at most a chunk per step (one read of it all would inflate up to 2 GiB at
    once) and stops at the size the header declares."""
    while chunk := stream.read(_CHUNK):
        yield chunk


@contextlib.contextmanager
def unpacking(file: str, member: str) -> Iterator[None]:
    """Turn every way unpacking an archive member can fail into one `ReadError`."""
    try:
        yield
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        OSError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise ReadError(file, f"member {member!r} cannot be unpacked ({exc})") from exc


def _optional_path(value: str | Path | None) -> Path | None:
    return None if value is None else Path(value).expanduser()


@frozen(kw_only=True)
class ReadOptions:
    """How to read a file; each format uses the options that apply to it.

    Fields:

    - ``dialect``: the text-offset dialect of REFI-QDA selections (``None``: by origin).
    - ``split_code_names``: read ``Parent::Child`` names as a tree (``None``: for flat codebooks).
    - ``check_schema``: also report what the official XML schema finds.
    - ``limits``: the `Limits` of one read.
    - ``external_root``: the one folder external files may be read from (``None``: none).
    """

    dialect: str | None = field(default=None)
    """The text-offset dialect to read REFI-QDA selections in; ``None`` chooses by origin."""
    split_code_names: bool | None = None
    """Read ``Parent::Child`` code names as a hierarchy; ``None`` does so for flat codebooks."""
    check_schema: bool = False
    """Also report what the official XML schema finds."""
    limits: Limits = field(factory=Limits)

    @dialect.validator
    def _known(self, _: object, value: object) -> None:
        """A dialect qcode knows: any other string would read every position as code
        points without a word, shifting the excerpts of NVivo's and ATLAS.ti's files."""
        from qcode._formats._refi._offsets import DIALECTS, TARGETS  # _refi imports this

        if value is None or value in DIALECTS:
            return
        if not isinstance(value, str):
            raise TypeError(f"dialect is a dialect's name or None, not {value!r}")
        spelled = {d.replace("-", ""): d for d in DIALECTS}.get(re.sub(r"[-_ ]", "", value.lower()))
        tool = TARGETS.get(value.lower())
        hint = ""
        if spelled is not None:
            hint = f"; did you mean {spelled!r}?"
        elif tool is not None:
            hint = (
                f"; {value}'s files count in {tool!r}, which dialect=None finds from their origin"
            )
        raise ValueError(
            f"dialect is one of {', '.join(map(repr, DIALECTS))}, or None to choose by the "
            f"file's origin; not {value!r}{hint}"
        )

    external_root: Path | None = field(default=None, converter=_optional_path)
    """The folder a REFI-QDA file may read ``relative://`` and ``absolute://`` texts from
    (and look for media in); ``~`` is expanded, and it must be a folder. ``None``, the
    default, reads nothing outside the file itself: a file from someone else must not make
    qcode open local files."""


@frozen(kw_only=True)
class WriteOptions:
    """How to write a file; each format uses the options that apply to it.

    Fields:

    - ``target``: the tool to write REFI-QDA for (``None``: the standard).
    - ``include_real_names``: export participants' real names.
    - ``files``: embedded files to copy, from `ReadResult.files`.
    - ``strict``: refuse to write on any error or anything not carried.
    - ``check_schema``: check REFI-QDA output against the official schema first.
    """

    target: str | None = None
    """The tool to write REFI-QDA for (``"nvivo"``, ``"atlasti"``, ``"qualcoder"``): its
    text-offset dialect, and what its importer needs; ``None`` follows the standard."""
    include_real_names: bool = False
    """Export participants' real names (they stay out of exchange files unless asked for)."""
    files: Mapping[str, Attachment] = field(factory=dict)
    """Embedded files read from the original archive, to copy byte for byte."""
    strict: bool = False
    """Refuse to write (and leave the target untouched) if anything cannot be carried."""
    check_schema: bool = False
    """Check REFI-QDA output against the official schema before writing it (it is valid by
    construction; the check costs about as much as writing)."""


@frozen
class ReadResult:
    """A project read from a file, what reading noticed or changed, and its embedded files.

    Fields:

    - ``project``: the project read.
    - ``report``: what reading normalised, guessed, kept or could not read.
    - ``files``: the embedded files, to copy when writing.
    """

    project: Project
    report: tuple[Issue, ...] = field(default=(), repr=lambda r: f"<{len(r)} Issue>")
    files: Mapping[str, Attachment] = field(
        factory=dict, eq=False, repr=lambda f: f"<{len(f)} files>"
    )


class Format(Protocol):
    """A file format qcode reads and writes."""

    def read(self, path: Path, options: ReadOptions) -> ReadResult: ...

    def write(self, project: Project, path: Path, options: WriteOptions) -> tuple[Issue, ...]: ...


_ZONE = re.compile(r"[+-][0-9]{2}:?([0-9]{2})(?::?([0-9]{2})(?:\.[0-9]+)?)?\Z")
"""A timestamp's offset from UTC, its minutes and seconds."""


def parse_datetime(text: str) -> dt.datetime:
    """An ISO 8601 timestamp; accepts a trailing ``Z`` on every Python version."""
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        zone = _ZONE.search(iso, 11)  # after the date and its T
        if zone is not None and max(int(part or 0) for part in zone.groups()) > 59:
            raise ValueError("its offset's minutes and seconds must be less than 60")  # which
        moment = dt.datetime.fromisoformat(iso)  # Python would carry into the hours
        if moment.tzinfo is not None and moment.year in (1, 9999):  # the ends of the range
            moment.astimezone(dt.timezone.utc)  # REFI-QDA writes UTC: it must have one
    except ValueError as exc:
        reason = str(exc).rstrip(".")
        if reason.startswith("offset must be"):  # Python's words name its own types
            reason = "its offset from UTC must be less than 24 hours"
        raise ValueError(f"{json.dumps(text)} is not a valid timestamp ({reason})") from exc
    except OverflowError as exc:
        raise ValueError(
            f"{json.dumps(text)} is not a valid timestamp (in UTC it falls outside the years "
            "1 to 9999)"
        ) from exc
    return moment


def refuse_if_strict(report: list[Issue], options: WriteOptions, file: str) -> None:
    """In strict mode, what a writer could not carry stops the write before it starts."""
    problems = as_errors(report) if options.strict else []
    if problems:
        raise InvalidProjectError(file, problems)


def media_paths(project: Project) -> set[str]:
    """The paths of the files a project's sources, notes and transcripts are (or were
    typed from): what an archive embeds beyond the plain texts, which the project holds."""
    return {path for _, _, path in media_references(project)}


def media_references(project: Project) -> Iterator[tuple[str, str, str]]:
    """Each file a source or note of ``project`` names beyond its plain text (a rich
    text, picture, PDF or recording), with what names it (``source 'Diary'``) and where
    (``$.sources[0].content.path``)."""
    for i, note in enumerate(project.notes):
        if note.path is not None:
            yield f"note {note.name or str(note.id)!r}", f"$.notes[{i}].path", note.path
    for i, source in enumerate(project.sources):
        content, at = source.content, f"$.sources[{i}].content"
        meta = getattr(content, "text_meta", None)
        places = [(f"{at}.path", content.path)]
        places.append((f"{at}.current_path", getattr(content, "current_path", None)))
        places.append((f"{at}.text_meta.path", meta.path if meta is not None else None))
        for j, transcript in enumerate(getattr(content, "transcripts", ())):
            places.append((f"{at}.transcripts[{j}].path", transcript.path))
        for where, path in places:
            if path is not None:
                yield f"source {source.name!r}", where, path
