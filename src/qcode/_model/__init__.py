"""The qcode data model: immutable attrs classes with no I/O.

Everything a REFI-QDA project can hold, plus what qualitative researchers record beyond it
(participants, source kinds, structured code definitions, themes).  Objects refer to each
other by UUID; `qcode.validate` checks that those references resolve.
"""

from qcode._model._cases import Case, Variable, VariableType, VariableValue, value_type
from qcode._model._codebook import Code, CodeOrigin, CodeStatus, Example, ExampleKind, Theme
from qcode._model._common import Audit, User, VendorData
from qcode._model._document import Codebook, CodebookChange, CodebookRef
from qcode._model._project import Project
from qcode._model._relations import (
    Direction,
    Edge,
    Graph,
    LineStyle,
    Link,
    Note,
    Set,
    Shape,
    Vertex,
)
from qcode._model._sources import (
    Anchor,
    AudioContent,
    Coding,
    Content,
    Excerpt,
    Medium,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Source,
    SyncPoint,
    TextContent,
    TextMeta,
    TextSpan,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    VideoContent,
)

__all__ = [
    "Anchor",
    "AudioContent",
    "Audit",
    "Case",
    "Code",
    "CodeOrigin",
    "CodeStatus",
    "Codebook",
    "CodebookChange",
    "CodebookRef",
    "Coding",
    "Content",
    "Direction",
    "Edge",
    "Example",
    "ExampleKind",
    "Excerpt",
    "Graph",
    "LineStyle",
    "Link",
    "Medium",
    "Note",
    "PDFContent",
    "PDFRegion",
    "PictureContent",
    "PictureRegion",
    "Project",
    "Set",
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
    "value_type",
]
