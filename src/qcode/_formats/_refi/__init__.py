"""REFI-QDA files: projects (``.qdpx`` archives and bare ``.qde`` documents) and codebooks
(``.qdc``). Read leniently, write strictly, report everything."""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from uuid import UUID

import attrs
from lxml import etree

from qcode._atomic import atomic_output
from qcode._formats._base import (
    Attachment,
    ReadOptions,
    ReadResult,
    WriteOptions,
    file_stem,
    media_references,
    refuse_if_strict,
)
from qcode._formats._limits import Budget, Limits, read_bytes, refuse_many
from qcode._formats._refi import _offsets
from qcode._formats._refi._archive import Archive
from qcode._formats._refi._conventions import EXTERNAL, parse_origin, split_uri
from qcode._formats._refi._read import ReadAhead, RefiReader
from qcode._formats._refi._write import RefiWriter, TextStore, guid
from qcode._formats._refi._xml import (
    INLINE_LIMIT,
    ElementPaths,
    Kind,
    identify,
    parse,
    schema_issues,
)
from qcode._issues import InvalidProjectError, Issue, ReadError, Severity, WriteError
from qcode._model import Project

_BOM = b"\xef\xbb\xbf"
_HEADER = b'<?xml version="1.0" encoding="utf-8"?>\n'
_GUID_NAME = re.compile(
    r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\."
)
_MEDIA_ATTRIBUTES = ("richTextPath", "path", "currentPath")


class _TextFiles:
    """Resolves ``plainTextPath`` values to text: inside the archive, or (only where the
    caller allowed a folder) on disk. Each file is unpacked and decoded once; every text
    handed out is paid for from the read budget."""

    def __init__(
        self,
        archive: Archive | None,
        folder: Path,
        base_path: str | None,
        file: str,
        report: list[Issue],
        options: ReadOptions,
        budget: Budget,
        origin: str | None = None,
    ) -> None:
        self._archive = archive
        self._folder = folder
        self._ours = parse_origin(origin) is not None
        """Whether qcode wrote the project, so that a leading byte-order mark is its own."""
        self._base = Path(base_path) if base_path else None
        self._file = file
        self._report = report
        self._root = options.external_root
        self._limits = options.limits
        self._budget = budget
        self._decoded: dict[str, tuple[str, int]] = {}
        self.paths = ElementPaths()
        """Where the elements reported are: the reader's own (`_read_document`)."""

    @classmethod
    def maker(
        cls,
        archive: Archive | None,
        folder: Path,
        file: str,
        report: list[Issue],
        options: ReadOptions,
        budget: Budget,
    ) -> Callable[[etree._Element], _TextFiles]:
        """What makes the texts' resolver of a document once its root is read (its
        ``basePath``, and its ``origin``: whether qcode wrote it)."""
        return lambda root: cls(
            archive, folder, root.get("basePath"), file, report, options, budget, root.get("origin")
        )

    def external(
        self, value: str, source: str | None, element: etree._Element | None, path: str
    ) -> Path | None:
        """The allowed local file a ``relative://`` or ``absolute://`` value of ``source``
        names, or ``None`` with a warning saying why it is not read (``path`` locates the
        reference when there is no element)."""
        scheme, rest = split_uri(value)
        what = f"external file {value!r} of source {source!r}"
        if self._root is None:
            self._warn(
                "external-file-not-read",
                element,
                path,
                f"{what} is not read: qcode opens no local file unless a folder is allowed "
                "(ReadOptions(external_root=...), qcode --external-root DIR)",
            )
            return None
        root = self._root.resolve()
        candidates = (
            [Path(rest)]
            if scheme == "absolute"
            else [base / rest for base in (self._base, self._folder) if base is not None]
        )
        refused: str | None = None
        inside = False  # a place in the folder where it could be: if not, refused, whether
        for candidate in candidates:  # or not a file is there (no file outside is told of)
            resolved = candidate.resolve()
            if not resolved.is_relative_to(root):
                continue
            inside = True
            if not resolved.exists():
                continue
            if not resolved.is_file():
                refused = "it is not a regular file"
            elif resolved.stat().st_size > self._limits.member_size:
                refused = f"it is larger than {self._limits.member_size} bytes (Limits.member_size)"
            else:
                return resolved
        if not inside:
            refused = f"it is outside the allowed folder {str(root)!r}"
        if refused is None:
            self._warn("external-file-missing", element, path, f"{what} is not on this machine")
        else:
            self._warn("external-file-refused", element, path, f"{what} is not read: {refused}")
        return None

    def __call__(self, value: str, element: etree._Element) -> str | None:
        scheme, rest = split_uri(value)
        if scheme in ("", "internal"):
            if scheme == "" or not value.startswith("internal://"):
                self._warn(
                    "path-scheme",
                    element,
                    None,
                    f"path {value!r} is not written as internal://…; read as an internal file",
                )
            info = self._archive.source(PurePosixPath(rest).name) if self._archive else None
            if info is None:
                return None
            key, name = f"internal:{info.filename}", info.filename
            read = functools.partial(self._archive.read, info)  # type: ignore[union-attr]
            where = (self._archive.file, f"member {name!r} is")  # type: ignore[union-attr]
        else:
            found = self.external(value, element.get("name"), element, "")
            if found is None:
                return None
            key, name = f"external:{found}", str(found)
            read = functools.partial(self._read_external, found)
            where = (name, "it is")
        decoded = self._decoded.get(key)
        if decoded is None:
            decoded = self._decoded[key] = self._decode(read(), name, where, element)
        else:  # each source holding the text counts, as each is written out again
            self._budget.spend(decoded[1], name)
        return decoded[0]

    def peek(self, value: str) -> str | None:
        """The text of the archive's file ``value`` names (``internal://``), or ``None``
        where there is none or it cannot be read: no warning, no refusal, as the text is
        only compared with one its source holds inline (the file counts as read)."""
        info = (
            self._archive.source(PurePosixPath(split_uri(value)[1]).name) if self._archive else None
        )
        if info is None or info.file_size > self._budget.left:  # the budget is the texts'
            return None
        try:
            data = self._archive.read(info)  # type: ignore[union-attr]
        except ReadError:  # damaged: nothing to compare
            return None
        try:
            return data.removeprefix(_BOM).decode("utf-8")
        except UnicodeDecodeError:
            return None

    def _read_external(self, path: Path) -> bytes:
        try:
            with path.open("rb") as stream:
                data = stream.read(self._limits.member_size + 1)
        except OSError as exc:
            raise ReadError(self._file, f"{path} cannot be read ({exc.strerror})") from exc
        self._budget.spend(len(data), str(path))
        return data

    def _decode(
        self, data: bytes, name: str, where: tuple[str, str], element: etree._Element
    ) -> tuple[str, int]:
        """``data`` as UTF-8 text, and its size; ``where`` is the file a refusal names and
        what it is said of (an archive and its member, or a file on disk)."""
        size = len(data)
        whole = data
        if self._ours:
            # qcode writes a byte-order mark only before a text that starts with U+FEFF
            # (other readers drop one), and none for QualCoder, which keeps one as a
            # character: what follows a second is the text (a QualCoder text starting
            # with two U+FEFF is the one case this reads otherwise)
            if data.startswith(_BOM * 2):
                data = data[len(_BOM) :]
        elif data.startswith(_BOM):
            data = data[len(_BOM) :]
            said = f"{name} starts with a byte-order mark (a read without strict drops it)"
            self._warn("text-bom", element, None, said)
        try:
            return data.decode("utf-8"), size
        except UnicodeDecodeError as exc:
            file, subject = where
            at = exc.start + len(whole) - len(data)  # in the file, a byte-order mark counted
            said = f"{subject} not UTF-8 text (bad byte at offset {at})"
            raise ReadError(file, said) from exc

    def _warn(
        self, code: str, element: etree._Element | None, path: str | None, message: str
    ) -> None:
        self._report.append(
            Issue(
                severity=Severity.WARNING,
                code=code,
                path=self.paths(element) if element is not None else path or "/",
                message=message,
                file=self._file,
                line=element.sourceline if element is not None else None,
            )
        )


def _read_document(
    data: bytes,
    *,
    file: str,
    expect: Kind,
    texts: Callable[[etree._Element], _TextFiles],
    options: ReadOptions,
    report: list[Issue],
    name: str,
) -> Project:
    made: list[tuple[RefiReader, _TextFiles]] = []

    def reader_for(root: etree._Element) -> RefiReader:
        if not made:
            loader = texts(root)
            reader = RefiReader(
                root,
                file=file,
                texts=loader,
                report=report,
                dialect=options.dialect,
                split_code_names=options.split_code_names,
                code_depth=options.limits.code_depth,
                peek=loader.peek,
            )
            loader.paths = reader.paths  # one count of siblings, forgotten once parsed
            made.append((reader, loader))
        return made[0][0]

    refuse_many(data.count(b"<"), options.limits, file, "'<' characters (XML tags)")
    # A project is read as it is parsed, unless the schema check needs the whole tree.
    if expect == "project" and not options.check_schema:
        root = parse(data, file, report, ReadAhead(reader_for), ReadAhead.TAGS)
    else:
        root = parse(data, file, report)
    kind = identify(root, file, report)
    reader = reader_for(root)
    loader = made[0][1]
    if kind != expect:
        report.append(
            Issue(
                severity=Severity.WARNING,
                code="document-kind",
                path="/",
                message=f"a {kind} where a {expect} was expected; read as a {kind}",
                file=file,
            )
        )
    project = reader.project() if kind == "project" else reader.codebook_document(name)
    if options.check_schema:
        report.extend(schema_issues(root, kind, file, Severity.WARNING))
    _check_external(project, loader)
    return project


def _embedded(
    project: Project, archive: Archive, path: Path, file: str, report: list[Issue], limits: Limits
) -> dict[str, Attachment]:
    """The embedded files of the archive at ``path``, by their ``internal://`` name, and
    under each name the project gives one in another letter case, as reading finds it (so
    that a copy finds it too); a warning in ``report`` for each the project names (a rich
    text, picture, PDF or recording) and the archive lacks, whose reference is kept. An
    archive whose files so named would unpack beyond ``limits`` when copied is refused."""
    files: dict[str, Attachment] = {}
    packed_of: dict[str, int] = {}
    for info in archive.sources():
        name = f"internal://{PurePosixPath(info.filename).name}"
        files[name] = Attachment(path, info.filename, info.file_size)
        packed_of[info.filename] = info.compress_size
    copied = packed = 0  # what writing the project again unpacks, from how much
    named: set[str] = set()  # a writer stores a file once for each name it is given by
    for owner, where, name in media_references(project):
        if not name.startswith("internal://"):
            continue
        if name not in files:
            member = archive.source(name.removeprefix("internal://"))
            if member is not None:
                files[name] = Attachment(path, member.filename, member.file_size)
        if name in files:
            archive.named.add(files[name].member)
            if name not in named:
                named.add(name)
                copied += files[name].size
            packed += packed_of.pop(files[name].member, 0)  # once
            continue
        report.append(
            Issue(
                severity=Severity.WARNING,
                code="embedded-file-missing",
                path=where,
                message=f"embedded file {name!r} of {owner} is not in the archive; the "
                "reference is kept",
                file=file,
            )
        )
    _refuse_copy_bomb(copied, packed, limits, str(path))
    for info in archive.sources():
        if info.filename not in archive.named:
            report.append(
                Issue(
                    severity=Severity.INFO,
                    code="unnamed-file",
                    path=info.filename,
                    message="nothing in the project is read from this file; writing the "
                    "project does not carry it",
                    file=str(path),
                )
            )
    return files


def _refuse_copy_bomb(copied: int, packed: int, limits: Limits, file: str) -> None:
    """Refuse an archive whose embedded files, copied once for each name the project gives
    them (as writing the project again copies them: names differing in letter case find
    one member), unpack to more than ``limits`` allow: in all beyond ``total_size``, or
    beyond ``ratio_above`` at more than ``ratio`` to 1 (small members escape the ratio one
    by one, and one member can be given thousands of names)."""
    if copied > limits.total_size or (
        copied > limits.ratio_above and copied > limits.ratio * max(packed, 1)
    ):
        raise ReadError(
            file,
            f"its embedded files, copied once for each name the project gives them, unpack to "
            f"{copied} bytes from {packed} packed, beyond the limit of {limits.ratio} to 1 "
            f"(Limits.ratio) or {limits.total_size} bytes (Limits.total_size): a zip bomb?; "
            "refused",
        )


def _check_external(project: Project, texts: _TextFiles) -> None:
    """Look for external media (``relative://``, ``absolute://``) where a folder is allowed;
    say that they were not looked for where none is."""
    for i, source in enumerate(project.sources):
        content = source.content
        for attribute in ("path", "current_path"):
            value = getattr(content, attribute, None)
            if value and split_uri(value)[0] in EXTERNAL:
                texts.external(value, source.name, None, f"$.sources[{i}].content.{attribute}")


class Qdpx:
    """A REFI-QDA project archive: one ``.qde`` and a ``sources/`` folder."""

    def read(self, path: Path, options: ReadOptions) -> ReadResult:
        report: list[Issue] = []
        budget = Budget(options.limits, str(path))
        archive = Archive(path, options.limits, budget, report)
        try:
            member = archive.project_member()
            name = member.filename
            if name != "project.qde":
                report.append(
                    Issue(
                        severity=Severity.WARNING,
                        code="qde-name",
                        path=name,
                        message=f"the project document is {name!r}, not 'project.qde'",
                        file=str(path),
                    )
                )
            file = f"{path}/{name}"
            project = _read_document(
                archive.read(member),
                file=file,
                expect="project",
                texts=_TextFiles.maker(archive, path.parent, file, report, options, budget),
                options=options,
                report=report,
                name=file_stem(path),
            )
            files = _embedded(project, archive, path, file, report, options.limits)
        finally:
            archive.close()
        return ReadResult(project, tuple(report), files)

    def write(self, project: Project, path: Path, options: WriteOptions) -> tuple[Issue, ...]:
        taken: set[str] = set()  # one archive: texts and embedded files named apart
        texts = ArchiveTexts(taken)
        writer = _writer(project, path, texts, options, options.files, taken)
        document = writer.project_document()
        refuse_if_strict(writer.report, options, str(path))
        data = _checked(document, "project", str(path), options)
        with atomic_output(path) as stream, zipfile.ZipFile(stream, "w") as archive:
            archive.writestr(_member("project.qde"), data, compresslevel=1)
            # Readers drop one leading BOM (qcode too): a text that starts with U+FEFF gets
            # one more, so that its first character survives; QualCoder keeps a BOM as a
            # character, so for it the text is written as it is.
            bom = _BOM if options.target != "qualcoder" else b""
            for name, text in texts.files.items():
                data = bom * text.startswith("\ufeff") + text.encode("utf-8")
                archive.writestr(_text_member(f"sources/{name}", data), data, compresslevel=1)
            for name, attachment in writer.attachments.items():
                with archive.open(_member(f"sources/{name}"), "w", force_zip64=True) as target:
                    attachment.copy_to(target)
            if not texts.files and not writer.attachments:
                # Importers list the folder (QualCoder fails without it): keep it, empty.
                folder = _member("sources/")
                folder.external_attr = 0o40755 << 16 | 0x10  # a directory, for every unzipper
                archive.writestr(folder, b"")
        return tuple(writer.report)


class ArchiveTexts:
    """The texts of a ``.qdpx``: each becomes ``sources/<GUID>.txt``, where ``<GUID>`` is its
    owner's. Where another text has that name already (objects sharing a GUID, as ATLAS.ti
    writes them, or a damaged file's two sources of one id), ``<GUID>-2.txt`` and on: a
    file never holds two texts, so neither is lost."""

    def __init__(self, taken: set[str] | None = None) -> None:
        self.files: dict[str, str] = {}
        self.taken = set() if taken is None else taken
        """The archive's member names in lower case, which the embedded files share (two
        names that differ only in case are one file once unzipped on Windows or macOS)."""

    def __call__(self, owner: UUID, text: str) -> str:
        stem = guid(owner)
        name, number = f"{stem}.txt", 1
        while name.lower() in self.taken and self.files.get(name) != text:
            number += 1
            name = f"{stem}-{number}.txt"
        self.files[name] = text
        self.taken.add(name.lower())
        return f"internal://{name}"


def _member(name: str) -> zipfile.ZipInfo:
    """An archive member with a fixed date, so that the same project gives the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _text_member(name: str, data: bytes) -> zipfile.ZipInfo:
    """A member for a text; stored rather than compressed if the reader's zip-bomb check
    (`Limits.ratio` beyond `Limits.ratio_above`) would refuse it, so that qcode reads back
    every file it writes."""
    info = _member(name)
    limits = Limits()
    if len(data) > limits.ratio_above and len(data) > limits.ratio * len(zlib.compress(data, 1)):
        info.compress_type = zipfile.ZIP_STORED
    return info


class _XmlFile:
    """A REFI-QDA document that is a plain XML file (texts inline, no embedded files)."""

    kind: Kind

    def read(self, path: Path, options: ReadOptions) -> ReadResult:
        report: list[Issue] = []
        file = str(path)
        budget = Budget(options.limits, file)
        project = _read_document(
            read_bytes(path, budget),
            file=file,
            expect=self.kind,
            texts=_TextFiles.maker(None, path.parent, file, report, options, budget),
            options=options,
            report=report,
            name=file_stem(path),
        )
        return ReadResult(project, tuple(report))

    def write(self, project: Project, path: Path, options: WriteOptions) -> tuple[Issue, ...]:
        writer = _writer(project, path, _inline(path, project), options, None)
        is_project = self.kind == "project"
        document = writer.project_document() if is_project else writer.codebook_document()
        refuse_if_strict(writer.report, options, str(path))
        data = _checked(document, self.kind, str(path), options)
        with atomic_output(path) as stream:
            stream.write(data)
        return tuple(writer.report)


class Qde(_XmlFile):
    """A bare REFI-QDA project document; texts are written inline."""

    kind: Kind = "project"


class Qdc(_XmlFile):
    """A REFI-QDA codebook: codes and code sets."""

    kind: Kind = "codebook"


def _inline(path: Path, project: Project) -> TextStore:
    """Texts of a bare document are written inline, as PlainTextContent; one too long for an
    XML reader to take back is refused."""

    def store(owner: UUID, text: str) -> None:
        if len(text) * 4 <= INLINE_LIMIT:  # four bytes a character at most: no need to count
            return
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > INLINE_LIMIT:
            found = project.get(owner)
            name = getattr(found, "name", None)
            what = f"{type(found).__name__.lower()} {name!r}" if name else str(owner)
            raise WriteError(
                str(path),
                f"the text of {what} is {size:,} bytes; XML readers take at most "
                f"{INLINE_LIMIT:,} in one text, so it cannot be written inline: write a "
                ".qdpx, which keeps texts in files",
            )

    return store


def _writer(
    project: Project,
    path: Path,
    store: TextStore,
    options: WriteOptions,
    files: Mapping[str, Attachment] | None,
    taken: set[str] | None = None,
) -> RefiWriter:
    target = options.target or "refi"
    dialect = _offsets.TARGETS.get(target)
    if dialect is None:
        choices = ", ".join(_offsets.TARGETS)
        raise WriteError(str(path), f"unknown target {target!r}; choose one of {choices}")
    return RefiWriter(
        project,
        file=str(path),
        store_text=store,
        dialect=dialect,
        include_real_names=options.include_real_names,
        files=files,
        qualcoder=target == "qualcoder",
        taken=taken,
    )


def _checked(document: str, kind: Kind, file: str, options: WriteOptions) -> bytes:
    """The document as UTF-8 without a BOM; checked against the official schema on request
    (the writer's output is valid by construction, and the tests hold it to that)."""
    data = document.encode("utf-8")
    if options.check_schema:
        problems = schema_issues(parse(data, file, []), kind, file, Severity.ERROR)
        if problems:  # lines of a document that is not written would point nowhere
            raise InvalidProjectError(file, [attrs.evolve(p, line=None) for p in problems])
    return data


__all__ = ["Qdc", "Qde", "Qdpx"]
