"""What every format module takes and returns."""

from __future__ import annotations

import datetime as dt
import re
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Protocol

from attrs import field, frozen

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


@frozen(kw_only=True)
class Limits:
    """Bounds on what an archive may unpack to; generous enough for projects with video."""

    member_size: int = 2_147_483_647
    """The REFI-QDA limit for one internal file (§8.5)."""
    total_size: int = 16 * 1024**3
    ratio: int = 200
    """The largest compression ratio a member may have (zip bombs reach thousands)."""
    members: int = 100_000


@frozen
class Attachment:
    """A file inside an archive, copied byte for byte when the project is written again."""

    archive: Path
    member: str
    size: int

    def copy_to(self, target: IO[bytes]) -> None:
        """Stream the file's bytes into ``target``."""
        with zipfile.ZipFile(self.archive) as archive, archive.open(self.member) as source:
            while chunk := source.read(1 << 20):
                target.write(chunk)


@frozen(kw_only=True)
class ReadOptions:
    """How to read a file; each format uses the options that apply to it."""

    dialect: str | None = None
    """The text-offset dialect to read REFI-QDA selections in; ``None`` chooses by origin."""
    split_code_names: bool | None = None
    """Read ``Parent::Child`` code names as a hierarchy; ``None`` does so for flat codebooks."""
    check_schema: bool = False
    """Also report what the official XML schema finds."""
    limits: Limits = field(factory=Limits)


@frozen(kw_only=True)
class WriteOptions:
    """How to write a file; each format uses the options that apply to it."""

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
    """A project read from a file, what reading noticed or changed, and its embedded files."""

    project: Project
    report: tuple[Issue, ...] = ()
    files: Mapping[str, Attachment] = field(factory=dict, eq=False)


class Format(Protocol):
    """A file format qcode reads and writes."""

    def read(self, path: Path, options: ReadOptions) -> ReadResult: ...

    def write(self, project: Project, path: Path, options: WriteOptions) -> tuple[Issue, ...]: ...


def parse_datetime(text: str) -> dt.datetime:
    """An ISO 8601 timestamp; accepts a trailing ``Z`` on every Python version."""
    iso = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        return dt.datetime.fromisoformat(iso)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a valid timestamp ({exc})") from exc


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, or a `ReadError` that says why they cannot be had."""
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ReadError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise ReadError(str(path), "is a directory, not a file") from exc
    except OSError as exc:
        raise ReadError(str(path), f"cannot be read ({exc.strerror})") from exc


def refuse_if_strict(report: list[Issue], options: WriteOptions, file: str) -> None:
    """In strict mode, what a writer could not carry stops the write before it starts."""
    problems = as_errors(report) if options.strict else []
    if problems:
        raise InvalidProjectError(file, problems)
