"""qcode: a typed, validated model for qualitative coding, with REFI-QDA import and export.

Load a project, walk its participants, sources, excerpts, codes and themes as typed objects,
validate it, and write it in another format::

    import qcode
    project = qcode.load("study.json")
    for source, excerpt in project.iter_excerpts():
        print(source.name, excerpt.quote)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

from qcode import agreement, analysis
from qcode._builder import ProjectBuilder
from qcode._codebooks import (
    CodebookDiff,
    Conflict,
    Difference,
    ExtensionError,
    MergeResult,
    diff_codebooks,
    merge_codebooks,
    read_codebook,
    resolve,
    write_codebook,
)
from qcode._codebooks._formats._markdown import codebook_markdown, coded_excerpts
from qcode._display._report import report
from qcode._formats import (
    Attachment,
    Limits,
    ReadOptions,
    ReadResult,
    WriteOptions,
    extensions,
    read,
    write,
)
from qcode._formats._json import OtherDocumentError, dumps, loads
from qcode._issues import (
    AmbiguousNameError,
    FileError,
    InvalidProjectError,
    Issue,
    NotFoundError,
    QcodeError,
    QuoteError,
    ReadError,
    Severity,
    WriteError,
)
from qcode._model import (
    Anchor,
    AudioContent,
    Audit,
    Case,
    Code,
    Codebook,
    CodebookChange,
    CodebookRef,
    CodeOrigin,
    CodeStatus,
    Coding,
    Content,
    Direction,
    Edge,
    Example,
    ExampleKind,
    Excerpt,
    Graph,
    LineStyle,
    Link,
    Medium,
    Note,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Project,
    Set,
    Shape,
    Source,
    SyncPoint,
    TextContent,
    TextMeta,
    TextSpan,
    Theme,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    User,
    Variable,
    VariableType,
    VariableValue,
    VendorData,
    Vertex,
    VideoContent,
)
from qcode._quotes import find_quote
from qcode._table import MissingExtraError, Table
from qcode._validation import validate
from qcode.analysis import excerpt_rows, summarize


def load(path: str | Path, *, dialect: str | None = None, strict: bool = False) -> Project:
    """Read a project from a file in any format qcode knows (chosen by extension).

    Raises `ReadError` if the file cannot be read and `InvalidProjectError` if it does not
    hold a project. ``dialect`` says how a REFI-QDA file counts text offsets (chosen from
    its origin otherwise). With ``strict``, a file that needed normalising, or a project
    that `validate` finds errors in, is refused.
    """
    project = read(path, ReadOptions(dialect=dialect), strict=strict).project
    if strict:
        errors = [
            attrs.evolve(issue, file=str(path)) for issue in validate(project) if issue.is_error
        ]
        if errors:
            raise InvalidProjectError(str(path), errors)
    return project


def dump(
    project: Project,
    path: str | Path,
    *,
    target: str | None = None,
    include_real_names: bool = False,
) -> tuple[Issue, ...]:
    """Write ``project`` to a file in the format its extension names, atomically.

    ``target`` writes REFI-QDA text offsets the way a tool counts them (``"nvivo"``).
    Returns what `write` returns: every validation error of the project, then what the
    format could not carry.
    """
    options = WriteOptions(target=target, include_real_names=include_real_names)
    return write(project, path, options)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("qcode-qda")
    raise AttributeError(f"module 'qcode' has no attribute {name!r}")


__all__ = [
    "AmbiguousNameError",
    "Anchor",
    "Attachment",
    "AudioContent",
    "Audit",
    "Case",
    "Code",
    "CodeOrigin",
    "CodeStatus",
    "Codebook",
    "CodebookChange",
    "CodebookDiff",
    "CodebookRef",
    "Coding",
    "Conflict",
    "Content",
    "Difference",
    "Direction",
    "Edge",
    "Example",
    "ExampleKind",
    "Excerpt",
    "ExtensionError",
    "FileError",
    "Graph",
    "InvalidProjectError",
    "Issue",
    "Limits",
    "LineStyle",
    "Link",
    "Medium",
    "MergeResult",
    "MissingExtraError",
    "NotFoundError",
    "Note",
    "OtherDocumentError",
    "PDFContent",
    "PDFRegion",
    "PictureContent",
    "PictureRegion",
    "Project",
    "ProjectBuilder",
    "QcodeError",
    "QuoteError",
    "ReadError",
    "ReadOptions",
    "ReadResult",
    "Set",
    "Severity",
    "Shape",
    "Source",
    "SyncPoint",
    "Table",
    "TextContent",
    "TextMeta",
    "TextSpan",
    "Theme",
    "TimeSpan",
    "Transcript",
    "TranscriptSpan",
    "User",
    "Variable",
    "VariableType",
    "VariableValue",
    "VendorData",
    "Vertex",
    "VideoContent",
    "WriteError",
    "WriteOptions",
    "agreement",
    "analysis",
    "codebook_markdown",
    "coded_excerpts",
    "diff_codebooks",
    "dump",
    "dumps",
    "excerpt_rows",
    "extensions",
    "find_quote",
    "load",
    "loads",
    "merge_codebooks",
    "read",
    "read_codebook",
    "report",
    "resolve",
    "summarize",
    "validate",
    "write",
    "write_codebook",
]


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
