"""Text-position dialects: how tools count the offsets of text selections.

qcode counts code points over the text as stored (REFI-QDA §10.2). NVivo counts UTF-16
code units; ATLAS.ti is reported to count a CRLF line break as one character. The dialects
differ only on texts with characters outside the Basic Multilingual Plane (emoji) or CRLF
line breaks, so most texts need no conversion at all.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction

CODEPOINTS = "codepoints"
UTF16 = "utf16"
CODEPOINTS_LF = "codepoints-lf"
DIALECTS = (CODEPOINTS, UTF16, CODEPOINTS_LF)
TARGETS = {
    "refi": CODEPOINTS,
    "nvivo": UTF16,
    "atlasti": CODEPOINTS_LF,
    "qualcoder": CODEPOINTS_LF,  # with texts written LF-only (see RefiWriter)
    **{d: d for d in DIALECTS},
}

OVERRULE = Fraction(1, 10)
"""How much more of the selections (10 percentage points) must fall on word boundaries under
another dialect for it to replace the one the file's origin names."""

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
Mapping = Callable[[int], int]


def _identity(offset: int) -> int:
    return offset


def dialect_for_origin(origin: str | None) -> tuple[str, str]:
    """The dialect a tool is known to write, and why we think so."""
    name = (origin or "").strip()
    if name.lower().startswith("nvivo"):
        return UTF16, f"origin {name!r}: NVivo counts UTF-16 code units"
    if name.lower().startswith("atlas.ti"):
        return CODEPOINTS_LF, f"origin {name!r}: ATLAS.ti counts a CRLF line break as one"
    shown = repr(name) if name else "none"
    return CODEPOINTS, f"origin {shown}: the REFI-QDA standard counts code points"


def differs(text: str) -> bool:
    """Whether the dialects can disagree on ``text`` at all."""
    if "\r\n" in text:
        return True
    return not text.isascii() and _ASTRAL.search(text) is not None  # isascii is much faster


def splits(text: str, dialect: str) -> bool:
    """Whether an offset in ``dialect`` can fall inside one character of ``text``: between
    the two UTF-16 units of a character outside the Basic Multilingual Plane (an emoji);
    a line break's CR and LF are two characters, so they split nothing."""
    return dialect == UTF16 and not text.isascii() and _ASTRAL.search(text) is not None


def inside_pairs(text: str, dialect: str, offsets: Iterable[int]) -> list[int]:
    """The ``offsets`` that fall inside one character of ``text`` (see `splits`), which
    `reader` reads as that character's start."""
    if not splits(text, dialect):
        return []
    inside = {m.start() + n + 1 for n, m in enumerate(_ASTRAL.finditer(text))}
    return [offset for offset in offsets if offset in inside]


def reader(text: str, dialect: str) -> Mapping:
    """A function from an offset in ``dialect`` to a code-point offset in ``text``."""
    if dialect == UTF16:
        astral = [m.start() for m in _ASTRAL.finditer(text)]
        if not astral:
            return _identity
        units = [position + n for n, position in enumerate(astral)]
        return lambda offset: offset - bisect.bisect_left(units, offset)
    if dialect == CODEPOINTS_LF:
        breaks = [m.start() - n for n, m in enumerate(re.finditer("\r\n", text))]
        if not breaks:
            return _identity
        return lambda offset: offset + bisect.bisect_left(breaks, offset)
    return _identity


def writer(text: str, dialect: str) -> Mapping:
    """A function from a code-point offset in ``text`` to an offset in ``dialect``."""
    if dialect == UTF16:
        astral = [m.start() for m in _ASTRAL.finditer(text)]
        if not astral:
            return _identity
        return lambda offset: offset + bisect.bisect_left(astral, offset)
    if dialect == CODEPOINTS_LF:
        breaks = [m.start() for m in re.finditer("\r\n", text)]
        if not breaks:
            return _identity
        return lambda offset: offset - bisect.bisect_left(breaks, offset)
    return _identity


def _on_boundary(text: str, position: int) -> bool:
    if position <= 0 or position >= len(text):
        return 0 <= position <= len(text)
    return not (text[position - 1].isalnum() and text[position].isalnum())


def plausibility(spans: Iterable[tuple[str, Sequence[tuple[int, int]]]], dialect: str) -> Fraction:
    """The share of spans whose both ends fall on word boundaries when read in ``dialect``,
    exact, so that a threshold of 10 percentage points is met by 9 of 10 against 10 of 10."""
    hits = total = 0
    for text, pairs in spans:
        convert = reader(text, dialect)
        for start, end in pairs:
            total += 1
            hits += _on_boundary(text, convert(start)) and _on_boundary(text, convert(end))
    return Fraction(hits, total) if total else Fraction(1)


def choose(
    spans: Sequence[tuple[str, Sequence[tuple[int, int]]]], named: str, *, fixed: bool
) -> tuple[str, dict[str, Fraction]]:
    """The dialect to read ``spans`` in, and each dialect's share of spans on word
    boundaries. ``named`` (by the caller or the file's origin) is kept unless another
    dialect scores at least `OVERRULE` more; with ``fixed`` (the caller named it, or qcode
    wrote the file and said which) it is kept whatever the scores."""
    scores = {d: plausibility(spans, d) for d in DIALECTS}
    best = max(DIALECTS, key=scores.__getitem__)
    if not fixed and scores[best] - scores[named] >= OVERRULE:
        return best, scores
    return named, scores
