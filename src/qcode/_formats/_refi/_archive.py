"""Reading .qdpx archives safely: no paths outside the archive, bounded sizes, no member
that tools could disagree about."""

from __future__ import annotations

import stat
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from qcode._formats._base import METHODS, check_packed, packed_ends, read_member, unpacking
from qcode._formats._limits import Budget, Limits
from qcode._issues import Issue, ReadError, Severity


class Archive:
    """A checked .qdpx: its project document and its ``sources/`` folder."""

    def __init__(self, path: Path, limits: Limits, budget: Budget, report: list[Issue]) -> None:
        self.file = str(path)
        """The archive's path, as messages name it."""
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise ReadError(
                self.file, f"not a readable ZIP archive ({exc}); is it truncated?"
            ) from exc
        self._limits = limits
        self._budget = budget
        self._ends = packed_ends(self._zip)
        try:
            self._check_members()
        except BaseException:
            self._zip.close()
            raise
        self._sources: dict[str, zipfile.ZipInfo] = {}
        self._sources_folded: dict[str, zipfile.ZipInfo] = {}
        self.named: set[str] = set()
        """The members the project has named so far (by `source`)."""
        folders = set()
        for info in self._zip.infolist():
            parts = PurePosixPath(info.filename).parts
            if len(parts) == 2 and parts[0].lower() == "sources" and not info.is_dir():
                folders.add(parts[0])
                self._sources[parts[1]] = info
                self._sources_folded.setdefault(parts[1].lower(), info)
        for folder in sorted(folders - {"sources"}):
            report.append(
                Issue(
                    severity=Severity.WARNING,
                    code="sources-folder",
                    path=f"{folder}/",
                    message=f"the sources folder is called {folder!r}, not 'sources'; a read "
                    "without strict reads it there",
                    file=self.file,
                )
            )

    def _check_members(self) -> None:
        infos = self._zip.infolist()
        limits = self._limits
        if len(infos) > limits.members:
            raise ReadError(self.file, f"holds {len(infos)} files; the limit is {limits.members}")
        spelled: dict[str, str] = {}
        for info in infos:  # one name twice, or two that unpack to one file somewhere
            key = _one_spelling(info.filename)
            first = spelled.get(key)
            spelled[key] = info.filename
            if first is not None:
                again = "" if first == info.filename else f" (again as {info.filename!r})"
                raise ReadError(
                    self.file,
                    f"holds {first!r} more than once{again}; tools disagree on which copy is "
                    "the file, so qcode refuses the archive",
                )
        total = 0
        for info in infos:
            name = info.filename
            unified = name.replace("\\", "/")  # Windows tools split a path at both
            parts = PurePosixPath(unified).parts
            if name.startswith(("/", "\\")) or ".." in parts or ":" in unified.split("/", 1)[0]:
                raise ReadError(self.file, f"member {name!r} has an absolute or '..' path; refused")
            if stat.S_ISLNK(info.external_attr >> 16):
                raise ReadError(
                    self.file, f"member {name!r} is a symbolic link (to a file elsewhere); refused"
                )
            if info.flag_bits & 0x1:
                raise ReadError(
                    self.file, f"member {name!r} is encrypted; qcode reads no encrypted archive"
                )
            if info.compress_type not in METHODS:
                raise ReadError(
                    self.file,
                    f"member {name!r} is packed with compression method {info.compress_type}, "
                    f"which qcode does not unpack (it reads {' and '.join(METHODS.values())}, "
                    "the methods REFI-QDA tools and spreadsheet programs write)",
                )
            if info.file_size > limits.member_size:
                raise ReadError(
                    self.file,
                    f"member {name!r} unpacks to {info.file_size} bytes; "
                    f"the limit is {limits.member_size}",
                )
            if info.file_size > limits.ratio_above and info.file_size > limits.ratio * max(
                info.compress_size, 1
            ):
                raise ReadError(
                    self.file,
                    f"member {name!r} is compressed {info.file_size // max(info.compress_size, 1)}"
                    f" to 1, beyond the limit of {limits.ratio} to 1 (a zip bomb?)",
                )
            total += info.file_size
        if total > limits.total_size:
            raise ReadError(
                self.file,
                f"unpacks to {total} bytes in all; the limit is {limits.total_size}",
            )

    def project_member(self) -> zipfile.ZipInfo:
        """The project document: the one ``*.qde`` at the top level. Two are refused, as
        which one is the project cannot be told; one only in a folder is named."""
        found = [info for info in self._zip.infolist() if info.filename.lower().endswith(".qde")]
        top = [info for info in found if "/" not in info.filename]  # none starts with "/"
        if len(top) == 1:
            return top[0]
        if top:
            names = ", ".join(repr(info.filename) for info in top)
            raise ReadError(
                self.file,
                f"holds {len(top)} .qde project documents ({names}); a REFI-QDA archive holds one",
            )
        inner = f" ({found[0].filename!r} is in a folder)" if found else ""
        raise ReadError(self.file, f"holds no .qde project document at its top level{inner}")

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """The bytes of one member, paid for from the read budget before anything is
        unpacked, and unpacked no further than the size its header declares (checked
        against the limits when the archive was opened)."""
        member = info.filename
        self._budget.spend(info.file_size, f"member {member!r}")
        check_packed(self.file, info, self._ends)
        with unpacking(self.file, member), self._zip.open(info) as stream:
            return b"".join(read_member(stream))

    def members(self) -> list[zipfile.ZipInfo]:
        """Every member, checked when the archive was opened."""
        return self._zip.infolist()

    def source(self, name: str) -> zipfile.ZipInfo | None:
        """The member for an internal file name, matching case-insensitively if need be."""
        found = self._sources.get(name) or self._sources_folded.get(name.lower())
        if found is not None:
            self.named.add(found.filename)
        return found

    def sources(self) -> Iterator[zipfile.ZipInfo]:
        """Every file in the sources folder."""
        yield from self._sources.values()

    def close(self) -> None:
        self._zip.close()


def _one_spelling(name: str) -> str:
    """A member's name as a file system would find it: ``\\`` and ``/`` alike, repeated and
    ``.`` steps gone, letter case folded and one Unicode form (Windows and macOS unpack
    ``A.txt`` and ``a.txt``, or ``é`` written either way, to one file), dots and spaces at
    a step's end dropped (Windows drops them)."""
    unified = unicodedata.normalize("NFC", name.replace("\\", "/"))
    steps = [step.rstrip(". ") for step in unified.split("/") if step not in ("", ".")]
    return "/".join(steps).casefold() + ("/" if name.endswith(("/", "\\")) else "")
