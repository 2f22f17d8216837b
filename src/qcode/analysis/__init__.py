"""The tables researchers make from coded data, each a `qcode.Table`.

- `frequencies`: how much each code is used, overall or by source, kind, case, variable
  value or coder.
- `segments`: the coding report, every segment of the chosen codes or themes.
- `cooccurrence`: which codes occur together (same excerpt, overlap, proximity).
- `matrix`: codes or themes x groups (NVivo's matrix coding query).
- `framework`: cases or sources x themes, with the coded texts (Framework analysis).
- `cases`: one row per case with its variables and what it contributed.

Codes are identified by id and path in every table, their names shown too.
"""

from qcode.analysis._cooccurrence import cooccurrence
from qcode.analysis._counts import cases, frequencies
from qcode.analysis._matrix import framework, matrix
from qcode.analysis._segments import segments
from qcode.analysis._summary import excerpt_rows, summarize

TABLES = ("frequencies", "segments", "cooccurrence", "matrix", "framework", "cases")
"""The names of the tables, as ``qcode table`` takes them."""

__all__ = [
    "TABLES",
    "cases",
    "cooccurrence",
    "excerpt_rows",
    "framework",
    "frequencies",
    "matrix",
    "segments",
    "summarize",
]
