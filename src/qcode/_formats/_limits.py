"""What reading one file may cost: the limits (`Limits`), the budget a read spends from
(`Budget`), and reading a document from disk against that budget."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from attrs import Attribute, field, frozen

from qcode._issues import ReadError


def _at_least(least: int) -> Callable[[object, Attribute[Any], object], None]:
    """A check that a limit is a whole number of ``least`` or more (a negative limit refused
    every file, and one given as text failed deep inside a read)."""

    def check(_: object, attribute: Attribute[Any], value: object) -> None:
        if type(value) is not int:
            raise TypeError(
                f"Limits.{attribute.name} is an int, not {type(value).__name__} {value!r}"
            )
        if value < least:
            raise ValueError(f"Limits.{attribute.name} must be {least} or more, not {value}")

    return check


_whole = _at_least(1)


@frozen(kw_only=True)
class Limits:
    """Bounds on what reading one file may cost, so that a hostile file is refused rather
    than filling memory or disk. The defaults are generous enough for projects with video;
    see docs/security.md.

    Fields:

    - ``member_size``: the largest archive member and external file, in bytes.
    - ``total_size``: the most an archive may unpack to in all.
    - ``ratio``: the largest compression ratio of a member over ``ratio_above``, and of
      the embedded files a project names, counted once per source that names them, where
      they come to more than ``ratio_above``.
    - ``ratio_above``: the size from which ``ratio`` applies.
    - ``members``: the most members an archive may hold.
    - ``read_budget``: the bytes one read may unpack, read and decode.
    - ``code_depth``: the deepest a code may sit.
    - ``nodes``: the most parts a document may hold, counted before it is parsed.
    """

    member_size: int = field(default=2_147_483_647, validator=_whole)
    """The largest file an archive may hold, and the largest external file read (the
    REFI-QDA limit for one internal file, §8.5)."""
    total_size: int = field(default=16 * 1024**3, validator=_whole)
    """The most an archive's files may unpack to in all, as their headers declare."""
    ratio: int = field(default=200, validator=_whole)
    """The largest compression ratio a large member may have (zip bombs reach thousands)."""
    ratio_above: int = field(default=64 * 1024**2, validator=_at_least(0))
    """Members up to this size are not held to ``ratio`` one by one: repetitive text
    compresses well, and what is unpacked while reading is bounded by ``read_budget``; the
    embedded files a project names, which writing it again copies, are held to ``ratio``
    together."""
    members: int = field(default=100_000, validator=_whole)
    read_budget: int = field(default=512 * 1024**2, validator=_whole)
    """The most bytes one read may unpack, read from disk and decode: the project document
    plus every text handed to a source (a text several sources share counts for each)."""
    nodes: int = field(default=10_000_000, validator=_whole)
    """The most parts a document may hold, counted before it is parsed: XML's ``<`` marks
    (elements, comments), JSON's ``[`` and ``{``, a table's commas and line ends. Each part
    becomes an object many times its size in the file (16,000,000 ``<x/>`` in 64 MB took 4
    GB); a project of 1,000,000 selections holds about 5,000,000."""
    code_depth: int = field(default=100, validator=_whole)
    """The deepest a code may sit in its hierarchy (a top-level code is at depth 1). Files
    qcode writes stay readable by every tool, qcode included: XML parsers stop at 256
    nested elements."""


def refuse_many(count: int, limits: Limits, file: str, what: str) -> None:
    """Refuse (`ReadError`) a document of more than `Limits.nodes` parts (``what``)."""
    if count > limits.nodes:
        raise ReadError(
            file,
            f"holds {count} {what}, beyond the limit of {limits.nodes} (Limits.nodes), "
            "each counted wherever it stands, as each may become an object in memory; a "
            "script can read it with ReadOptions(limits=qcode.Limits(nodes=...))",
        )


class Budget:
    """What one read may still unpack, read from disk and decode (`Limits.read_budget`)."""

    def __init__(self, limits: Limits, file: str) -> None:
        self.limit = limits.read_budget
        self.left = limits.read_budget
        self._file = file

    def spend(self, size: int, what: str) -> None:
        """Take ``size`` bytes for ``what``, or refuse the read before they are unpacked."""
        self.left -= size
        if self.left < 0:
            raise ReadError(
                self._file,
                f"{what} takes the read past its budget of {self.limit} bytes unpacked and "
                "decoded (Limits.read_budget); refused",
            )


def read_bytes(path: Path, budget: Budget) -> bytes:
    """The bytes of the document ``path``, paid for from ``budget`` before they are read,
    or a `ReadError` that says why they cannot be had (`qcode.read` has already refused
    what is missing or not a regular file)."""
    try:
        budget.spend(path.stat().st_size, "the document")
        return path.read_bytes()
    except OSError as exc:
        raise ReadError(str(path), f"cannot be read ({exc.strerror})") from exc
