"""Looking at a project: compact HTML for notebooks and the self-contained HTML report.

Both render Jinja2 templates shipped in ``templates/`` with every value escaped. Jinja2 is
imported here only, when something is displayed, so that ``import qcode`` and the command
line stay fast.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any
from uuid import UUID

from qcode._model import (
    Anchor,
    Code,
    PDFRegion,
    PictureRegion,
    Project,
    TextSpan,
    Theme,
    TimeSpan,
    TranscriptSpan,
)
from qcode._model._codebook import in_tree_order
from qcode._model._common import full_color

if TYPE_CHECKING:
    import jinja2

GREY = "#9e9e9e"
"""The colour of a code that has none (or none a browser could safely be given)."""


@functools.cache
def _environment() -> jinja2.Environment:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("qcode._display", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters["clip"] = clipped
    environment.filters["isolated"] = isolated
    return environment


def isolated(text: object) -> str:
    """``text`` between the first-strong isolate and its closing mark (U+2068, U+2069), the
    plain-text form of ``<bdi>``, where markup cannot go (an SVG title or label, the page's
    title): a right-to-left name then leaves the words around it as they are. Its own
    embedding, override and isolate marks are left out, as one of them could close the
    isolate early and turn the words after it around."""
    return f"\u2068{_DIRECTION_MARKS.sub('', str(text))}\u2069"


_DIRECTION_MARKS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def render(template: str, **context: Any) -> str:
    """``template`` (a file in ``templates/``) rendered with ``context``, escaped."""
    # Any: a template's context holds model objects, tables and plain values alike.
    return _environment().get_template(template).render(**context)


PALETTE = (
    *("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"),
    *("#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39"),
)
"""Colours for codes that have none, given in tree order (set a code's ``color`` to choose)."""


def colour(item: Code | Theme, default: str = GREY) -> str:
    """``item``'s colour as ``#RRGGBB``, or ``default``: only a checked colour reaches a
    style."""
    return full_color(item.color) or default


def colours(project: Project) -> dict[UUID, str]:
    """Every code's colour: its own, or the next of `PALETTE` in tree order."""
    return {
        code.id: colour(code, PALETTE[n % len(PALETTE)])
        for n, code in enumerate(in_tree_order(project.codes))
    }


_TO = "\u2013"  # an en dash, between the ends of a range


def place(anchor: Anchor) -> str:
    """Where an excerpt is, in words: characters, a region, a page or a time."""
    if isinstance(anchor, TextSpan):
        return f"characters {anchor.start}{_TO}{anchor.end}"
    if isinstance(anchor, PictureRegion | PDFRegion):
        region = f"region ({anchor.x1}, {anchor.y1}){_TO}({anchor.x2}, {anchor.y2})"
        return f"page {anchor.page + 1}, {region}" if isinstance(anchor, PDFRegion) else region
    if isinstance(anchor, TimeSpan):
        return f"{_clock(anchor.begin)}{_TO}{_clock(anchor.end)}"
    assert isinstance(anchor, TranscriptSpan)
    return "part of a transcript"


def _clock(milliseconds: int) -> str:
    seconds, thousandths = divmod(milliseconds, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{seconds:02}.{thousandths:03}"


def clipped(text: str | None, limit: int) -> str:
    """``text`` cut to at most ``limit`` columns at a word break, with ``…`` if cut.

    A column is the room of an average lower-case Latin letter in a proportional font:
    a wide character (Chinese, Japanese, Korean) takes two, a broad letter (``W``, ``m``)
    1.75, other capitals 1.4, a narrow one (``i``, ``l``, a space) 0.6, and a combining
    accent none, so that a label of any script fits the room it is given."""
    if not text:
        return ""
    width, fits = 0.0, len(text)
    for at, character in enumerate(text):
        width += _columns(character)
        if width > limit:
            fits = at
            break
    if fits == len(text):
        return text
    cut = text[:fits]
    space = cut.rfind(" ", fits // 2)
    return (cut[:space] if space > 0 else cut).rstrip() + "…"


def _columns(character: str) -> float:
    """The room ``character`` takes, in columns (see `clipped`)."""
    if character in _BROAD:
        return 1.75
    if character in _NARROW:
        return 0.6
    if unicodedata.east_asian_width(character) in _WIDE:
        return 2.0
    if unicodedata.combining(character) or unicodedata.category(character) == "Cf":
        return 0.0
    return 1.4 if character.isupper() else 1.0


_WIDE = ("W", "F")
"""East Asian widths of characters that take two columns."""
_BROAD = frozenset("MWmw@%")
_NARROW = frozenset(" .,:;!|'ijlftrI")


PARAGRAPH_BREAK = re.compile(r"(?:(?:\r\n|\r(?!\n)|\n)[ \t]*){2,}")
"""A blank line (or more) between paragraphs, with any line ends (``\\n``, ``\\r\\n``,
``\\r``)."""


def trimmed(text: str | None, anchor: Anchor, before: str, after: str) -> tuple[str, str]:
    """The context of a segment (the ``before`` and ``after`` of the ``segments`` table),
    kept within the segment's paragraph (text between blank lines) and cut at word
    breaks, ``…`` where cut."""
    if text is None or not isinstance(anchor, TextSpan):
        return before, after
    breaks = list(PARAGRAPH_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    elif anchor.start > len(before) and before:
        space = before.find(" ")
        before = "…" + (before[space + 1 :] if space >= 0 else before)
    first = PARAGRAPH_BREAK.search(after)
    if first:
        after = after[: first.start()]
    elif anchor.end + len(after) < len(text) and after:
        space = after.rfind(" ")
        after = (after[:space] if space >= 0 else after) + "…"
    return before, after


def notebook_html(item: Any) -> str:
    """The compact notebook display of a project, source, code, excerpt or table."""
    # Any: whichever displayable object a notebook asks about.
    from qcode._display import _notebook

    return _notebook.html(item)
