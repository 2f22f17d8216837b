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

from qcode._builder import ProjectBuilder
from qcode._formats import ReadResult, extensions, read, write
from qcode._formats._json import dumps, loads
from qcode._issues import (
    FileError,
    InvalidProjectError,
    Issue,
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
from qcode._validation import validate


def load(path: str | Path, *, strict: bool = False) -> Project:
    """Read a project from a file in any format qcode knows (chosen by extension).

    Raises `ReadError` if the file cannot be read and `InvalidProjectError` if it does not
    hold a project. With ``strict``, a project that `validate` finds errors in is refused too.
    """
    project = read(path).project
    if strict:
        errors = [issue for issue in validate(project) if issue.is_error]
        if errors:
            raise InvalidProjectError(str(path), errors)
    return project


def dump(project: Project, path: str | Path) -> tuple[Issue, ...]:
    """Write ``project`` to a file in the format its extension names, atomically.

    Returns the report of what the format could not carry (empty for qcode JSON).
    """
    return write(project, path)


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        return version("qcode-qda")
    raise AttributeError(f"module 'qcode' has no attribute {name!r}")


__all__ = [
    "Anchor",
    "AudioContent",
    "Audit",
    "Case",
    "Code",
    "CodeOrigin",
    "CodeStatus",
    "Coding",
    "Content",
    "Direction",
    "Edge",
    "Example",
    "ExampleKind",
    "Excerpt",
    "FileError",
    "Graph",
    "InvalidProjectError",
    "Issue",
    "LineStyle",
    "Link",
    "Medium",
    "Note",
    "PDFContent",
    "PDFRegion",
    "PictureContent",
    "PictureRegion",
    "Project",
    "ProjectBuilder",
    "QcodeError",
    "QuoteError",
    "ReadError",
    "ReadResult",
    "Set",
    "Severity",
    "Shape",
    "Source",
    "SyncPoint",
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
    "dump",
    "dumps",
    "extensions",
    "find_quote",
    "load",
    "loads",
    "read",
    "validate",
    "write",
]


def __dir__() -> list[str]:
    return [*__all__, "__version__"]
