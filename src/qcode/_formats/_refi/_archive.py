"""Reading .qdpx archives safely: no paths outside the archive, bounded sizes."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from qcode._formats._base import Limits
from qcode._issues import Issue, ReadError, Severity


class Archive:
    """A checked .qdpx: its project document and its ``sources/`` folder."""

    def __init__(self, path: Path, limits: Limits, report: list[Issue]) -> None:
        self.path = path
        self._file = str(path)
        try:
            self._zip = zipfile.ZipFile(path)
        except FileNotFoundError as exc:
            raise ReadError(self._file, "no such file") from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise ReadError(
                self._file, f"not a readable ZIP archive ({exc}); is it truncated?"
            ) from exc
        self._limits = limits
        self._check_members()
        self._sources: dict[str, zipfile.ZipInfo] = {}
        self._sources_folded: dict[str, zipfile.ZipInfo] = {}
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
                    message=f"the sources folder is called {folder!r}, not 'sources'; read anyway",
                    file=self._file,
                )
            )

    def _check_members(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > self._limits.members:
            raise ReadError(
                self._file, f"holds {len(infos)} files; the limit is {self._limits.members}"
            )
        total = 0
        for info in infos:
            name = info.filename
            parts = PurePosixPath(name).parts
            if name.startswith(("/", "\\")) or ".." in parts or ":" in (parts[0] if parts else ""):
                raise ReadError(
                    self._file, f"member {name!r} has an absolute or '..' path; refused"
                )
            if info.file_size > self._limits.member_size:
                raise ReadError(
                    self._file,
                    f"member {name!r} unpacks to {info.file_size} bytes; "
                    f"the limit is {self._limits.member_size}",
                )
            if info.file_size > 1024 * 1024 and info.file_size > self._limits.ratio * max(
                info.compress_size, 1
            ):
                raise ReadError(
                    self._file,
                    f"member {name!r} is compressed {info.file_size // max(info.compress_size, 1)}"
                    f" to 1, beyond the limit of {self._limits.ratio} to 1 (a zip bomb?)",
                )
            total += info.file_size
        if total > self._limits.total_size:
            raise ReadError(
                self._file,
                f"unpacks to {total} bytes in all; the limit is {self._limits.total_size}",
            )

    def project_member(self) -> str:
        """The name of the project document: the first ``*.qde`` at the top level."""
        for info in self._zip.infolist():
            name = info.filename
            if "/" not in name.strip("/") and name.lower().endswith(".qde"):
                return name
        raise ReadError(self._file, "holds no .qde project document")

    def read(self, member: str) -> bytes:
        """The bytes of one member, never more than its declared size."""
        info = self._zip.getinfo(member)
        try:
            with self._zip.open(info) as stream:
                data = stream.read(info.file_size + 1)
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise ReadError(self._file, f"member {member!r} cannot be read ({exc})") from exc
        if len(data) > info.file_size:
            raise ReadError(self._file, f"member {member!r} is larger than its header says")
        return data

    def source(self, name: str) -> zipfile.ZipInfo | None:
        """The member for an internal file name, matching case-insensitively if need be."""
        return self._sources.get(name) or self._sources_folded.get(name.lower())

    def sources(self) -> Iterator[zipfile.ZipInfo]:
        """Every file in the sources folder."""
        yield from self._sources.values()

    def close(self) -> None:
        self._zip.close()
