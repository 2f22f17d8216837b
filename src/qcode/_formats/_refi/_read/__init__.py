"""REFI-QDA XML (a project or a codebook) into the model, leniently, reporting everything.

The reader walks the lxml tree once. A project is usually read while it is parsed
(`ReadAhead`): each text source as soon as its element is complete, which is then freed,
so that the tree never holds every selection; the report comes out the same either way.
Per-element work is kept small because projects with tens of thousands of selections are
common: GUIDs are parsed once and cached, text offsets are converted only where the
dialects can disagree, and report paths are computed only for elements that are reported.

`RefiReader` (`_document`: the walk) is one mixin per element family over `ReaderCore`
(`_core`: reports, simple values, texts and their offset dialect): `_codebook`, `_sources`
(with selections, codings and transcripts), `_cases` (with variables and their values) and
`_annotations` (notes, links, sets, graphs). Being one object, the reader reaches the
shared helpers from a family's hot loop as directly as that family's own methods.
"""

from qcode._formats._refi._read._document import ReadAhead, RefiReader

__all__ = ["ReadAhead", "RefiReader"]
