"""Checks the builder makes of a single value before a change, by the rules `qcode.validate`
applies (those that need what the builder holds are its own): a blank name, a malformed
colour, a field an object lacks, a string given for a list, an anchor or sync point where
its source cannot hold it."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from qcode._model import Content, Excerpt, Source, TextSpan, TranscriptSpan
from qcode._model._common import COLOR, blank
from qcode._model._sources import (
    ANCHOR_NAMES,
    Anchor,
    anchor_misfit,
    anchor_problems,
    held_sync_points,
    misplaced,
    transcript_span_problem,
)

_T = TypeVar("_T")


_UNNAMED = ("user", "note", "case")
"""The kinds that may have no name (``None``), though not a blank one."""


def checked_name(name: str, what: str) -> str:
    """``name``, refused (`ValueError`) when it is empty or blank, as `qcode.validate` would
    report it, or has spaces or a line break around it (``"Peace "`` beside ``"Peace"``
    looks like it and is found by neither's name); ``what`` is the kind of object it names.
    A name a file held is kept as it is."""
    field = "label" if what in ("participant", "case") else "name"
    if isinstance(name, str) and blank(name):
        if what in _UNNAMED:  # a blank name is found by nothing; no name is None
            raise ValueError(f"a {what}'s {field} is not blank ({name!r}): give None for none")
        raise ValueError(f"a {what} needs a {field}, not {name!r}")
    if isinstance(name, str) and name.strip() != name:
        raise ValueError(f"a {what}'s {field} has no spaces or line breaks around it: {name!r}")
    return name


def checked_colour(color: str | None) -> str | None:
    """``color``, refused (`ValueError`; `TypeError` if it is no text) unless it is
    ``#RRGGBB`` or ``#RGB``, as `qcode.validate` requires (the adders and `update` check it;
    `update` keeps a colour a file held that it does not change)."""
    if color is not None and not isinstance(color, str):
        raise TypeError(f"a colour is text like '#1F77B4' or None, not {type(color).__name__}")
    if color is not None and not COLOR.match(color):
        raise ValueError(f"{color!r} is not a colour like '#1F77B4' or '#F00'")
    return color


def refuse_unknown(kind: str, changes: Mapping[str, Any], fields: list[str]) -> None:
    """Refuse (`TypeError`) a change of a field ``kind`` lacks, naming the closest it has."""
    unknown = [name for name in changes if name not in fields]
    if not unknown:
        return
    said = []
    for name in unknown:
        near = difflib.get_close_matches(name, fields, n=1)
        said.append(f"{name!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
    raise TypeError(f"{kind} has no field {' or '.join(said)}; its fields: {', '.join(fields)}")


def as_tuple(values: Iterable[_T], what: str) -> tuple[_T, ...]:
    """``values`` as a tuple; a bare string is refused rather than split into letters, and
    one object rather than failing to loop over it."""
    if isinstance(values, (str, bytes)) or attrs.has(type(values)):
        shown = getattr(values, "name", None) or values
        raise TypeError(f"{what} must be a list, not {type(values).__name__} {shown!r}")
    return tuple(values)


def fits(source: Source, excerpt: Excerpt) -> bool:
    """Whether ``excerpt`` fits ``source`` by `check_anchor`'s rules."""
    try:
        check_anchor(source, excerpt.anchor, excerpt.quote)
    except ValueError:
        return False
    return True


def check_content(name: str, content: Content, before: Content | None = None) -> None:
    """Refuse (ValueError) a sync point ``content`` puts where none can be, by the rule
    `qcode.validate` applies; one a transcript of the content ``before`` held, with the
    same text, is kept."""
    held = held_sync_points(before)
    for transcript in getattr(content, "transcripts", ()):
        for k, sync in enumerate(transcript.sync_points):
            found = misplaced(sync, len(transcript.text))
            if found and (transcript.id, transcript.text, sync) not in held:
                field, problem = found[0]
                shown = repr(transcript.name) if transcript.name else str(transcript.id)
                raise ValueError(
                    f"transcript {shown} of source {name!r}, sync_points[{k}].{field}: {problem}"
                )


def check_anchor(target: Source, anchor: Anchor, quote: str | None, hint: str = "") -> None:
    """Refuse (ValueError) an anchor ``target`` cannot hold, by the rules `qcode.validate`
    applies, and a ``quote`` other than the text a text span marks (``hint`` ends that
    message)."""
    where = f"source {target.name!r}"
    misfit = anchor_misfit(anchor, target.medium)
    if misfit is not None:
        raise ValueError(f"{misfit} ({where})")
    if isinstance(anchor, TranscriptSpan):
        problem = transcript_span_problem(anchor, target)
    else:
        problem = next((said for _, said in anchor_problems(anchor)), None)
    if problem is not None:
        raise ValueError(f"{ANCHOR_NAMES[type(anchor)]} of {where}: {problem}")
    if isinstance(anchor, TextSpan):
        if target.text is None:
            raise ValueError(f"{where} has no text for a text span to mark")
        marked = target.text[anchor.start : anchor.end]
        if anchor.end > len(target.text):
            raise ValueError(
                f"a text span of {where}: end {anchor.end} is beyond the end of the text "
                f"({len(target.text)} characters)"
            )
        if quote is not None and marked != quote:
            raise ValueError(
                f"quote {quote!r} is not the text at [{anchor.start}, {anchor.end}) of {where}: "
                f"{marked!r}{hint}"
            )
