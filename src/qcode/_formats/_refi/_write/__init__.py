"""The model into REFI-QDA XML that validates against the official schemas.

Elements come in schema order, containers are never empty, GUIDs are upper case, colours
``#RRGGBB``, timestamps UTC. Text offsets are code points unless a target tool's dialect is
asked for. What REFI-QDA cannot carry is reported, never dropped silently.

The document is written as text in one pass, without building an element tree: projects
with tens of thousands of codings are common, and this is several times faster.

`RefiWriter` (`_document`: the skeleton, project attributes and users) is one mixin per
element family over `WriterCore` (`_core`: reports, GUIDs, elements, attributes, audits):
`_codebook`, `_sources` (with selections, codings and transcripts), `_cases` (with
variables and their values) and `_annotations` (notes, links, sets, graphs).
"""

from qcode._formats._refi._write._core import TextStore, guid, guids
from qcode._formats._refi._write._document import RefiWriter

__all__ = ["RefiWriter", "TextStore", "guid", "guids"]
