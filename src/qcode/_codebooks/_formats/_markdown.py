"""The codebook as a readable Markdown document (written, never read), with the counts a
project's version shows."""

from __future__ import annotations

import re
from collections import Counter
from uuid import UUID

from qcode._issues import Issue, warning
from qcode._model import Code, Codebook, PDFContent, Project, Theme
from qcode._model._codebook import by_parent, in_tree_order
from qcode._model._project import given_project
from qcode._table import tags_escaped

_KINDS = {"typical": "typical", "atypical": "atypical", "near_miss": "near miss"}


def coded_excerpts(project: Project) -> Counter[UUID]:
    """How many excerpts each code is applied to (an excerpt counts once per code, and the
    two a PDF source holds under one id, as ATLAS.ti writes a quotation of a PDF, once:
    as the tables of `qcode.analysis` count them)."""
    project = given_project(project, "qcode.coded_excerpts")
    counts: Counter[UUID] = Counter()
    for source in project.sources:
        if isinstance(source.content, PDFContent):
            codes: dict[UUID, set[UUID]] = {}
            for excerpt in source.excerpts:
                codes.setdefault(excerpt.id, set()).update(c.code for c in excerpt.codings)
            for applied in codes.values():
                counts.update(applied)
            continue
        for excerpt in source.excerpts:
            counts.update({coding.code for coding in excerpt.codings})
    return counts


def unheld(codebook: Codebook, file: str) -> list[Issue]:
    """What a Markdown codebook, a document to read, leaves out of ``codebook``: one
    ``not-carried`` warning naming it, or none."""
    entries: tuple[Code | Theme, ...] = (*codebook.codes, *codebook.themes)
    lost = [
        what
        for what, held in (
            ("ids", entries),
            ("colours", any(entry.color for entry in entries)),
            ("memo references", any(entry.note_refs for entry in entries)),
            (
                "links from examples to excerpts",
                any(example.excerpt for code in codebook.codes for example in code.examples),
            ),
        )
        if held
    ]
    if not lost:
        return []
    listed = ", ".join(lost[:-1]) + " or " + lost[-1] if len(lost) > 1 else lost[0]
    said = f"a Markdown codebook is for reading and holds no {listed}; .json or .qdc keeps them"
    return [warning("not-carried", "$", said, file)]


def codebook_markdown(project: Project | Codebook) -> str:
    """The codebook as Markdown: themes, then their codes with full definitions and
    examples, then codes in no theme. Generated from the model, so it never drifts. A
    project's codebook says how many excerpts each code is applied to and where each example
    comes from; a `Codebook` gives its version, authors and change log instead."""
    if isinstance(project, Project):
        counts: Counter[UUID] | None = coded_excerpts(project)
        where_from = {excerpt.id: source.name for source, excerpt in project.iter_excerpts()}
        codebook = project.codebook
    else:
        counts, where_from, codebook = None, {}, project
    by_id = {code.id: code for code in codebook.codes}
    lines = [f"# Codebook: {_line(codebook.name)}", ""]
    about = [f"Version {_line(codebook.version)}"] if codebook.version else []
    if codebook.authors:
        about.append("by " + ", ".join(_line(author) for author in codebook.authors))
    if about:
        lines += ["*" + "; ".join(about) + "*", ""]
    if codebook.description:
        lines += [_block(codebook.description), ""]
    if codebook.extends is not None:
        pinned = f", version {codebook.extends.version}" if codebook.extends.version else ""
        lines += [f"Extends codebook {codebook.extends.id}{pinned}.", ""]
    if codebook.removes:
        lines += ["Removes its codes:", "", *(f"- {code}" for code in codebook.removes), ""]
    placed: set[UUID] = set()
    shown: set[UUID] = set()
    children = by_parent(codebook.themes)  # a theme whose parent is no theme is at the top

    def theme_section(top: Theme) -> None:
        """``top`` and the themes below it, each before its children: a stack rather than
        recursion, so that a theme tree of any depth is written."""
        pending = [(top, 2)]
        while pending:
            theme, depth = pending.pop()
            if theme.id in shown:  # a parent cycle, which validate reports
                continue
            shown.add(theme.id)
            lines.extend([f"{_heading(depth)} Theme: {_line(theme.name)}", ""])
            if theme.description:
                lines.extend([_block(theme.description), ""])
            members = [by_id[c] for c in theme.codes if c in by_id]
            for code in in_tree_order(tuple(members)):
                placed.add(code.id)
                code_section(code, depth + 1)
            below = children.get(theme.id, [])
            pending.extend((child, depth + 1) for child in reversed(below))

    def code_section(code: Code, depth: int) -> None:
        parent = by_id.get(code.parent) if code.parent else None
        heading = f"{_heading(depth)} {_line(code.name)}"
        lines.extend([heading, ""])
        facts = [] if counts is None else [f"{counts[code.id]} coded excerpt(s)"]
        if parent is not None:
            facts.append(f"under *{_line(parent.name)}*")
        elif code.parent is not None:  # an extension's code under one of its base's
            outside = "the codebook it extends" if codebook.extends else "not in this codebook"
            facts.append(f"under code {code.parent} ({outside})")
        if not code.codable:
            facts.append("a folder (not applied directly)")
        if code.origin is not None:
            facts.append(code.origin.value.replace("_", " "))
        if code.status is not None:
            facts.append(code.status.value)
        if facts:
            lines.extend(["*" + "; ".join(facts) + "*", ""])
        if code.brief_definition:
            lines.extend([f"**Brief definition.** {_block(code.brief_definition)}", ""])
        if code.full_definition:
            lines.extend([f"**Full definition.** {_block(code.full_definition)}", ""])
        for title, items in (
            ("When to use", code.when_to_use),
            ("When not to use", code.when_not_to_use),
        ):
            if items:
                lines.extend([f"**{title}.**", "", *(_item(item) for item in items), ""])
        if code.examples:
            lines.extend(["**Examples.**", ""])
            for example in code.examples:
                source = where_from.get(example.excerpt) if example.excerpt else None
                where = f" ({_line(source)})" if source else ""
                note = f" — {_marks(example.note)}" if example.note else ""
                said = f"*{_KINDS[example.kind.value]}*: “{_marks(example.text)}”{where}{note}"
                lines.append(_item(said))
            lines.append("")

    for theme in children.get(None, []):
        theme_section(theme)
    for theme in codebook.themes:  # in a parent cycle: none of them is at the top
        theme_section(theme)
    rest = [code for code in in_tree_order(codebook.codes) if code.id not in placed]
    if rest:
        lines.extend(["## Codes in no theme", ""])
        for code in rest:
            code_section(code, 3)
    if codebook.changes:
        lines.extend(["## Changes", ""])
        for change in codebook.changes:
            when = [str(part) for part in (change.date, change.author) if part is not None]
            lines.append(_item(change.text + (f" ({', '.join(when)})" if when else "")))
    return tags_escaped("\n".join(lines).rstrip()) + "\n"


def _heading(depth: int) -> str:
    """The marks of a heading at ``depth``: Markdown has six levels, so a deeper theme or
    code is a sixth-level heading (and a tree thousands deep writes no more per line)."""
    return "#" * min(depth, 6)


def _line(name: str) -> str:
    """A name as one line of Markdown (a heading ends at a line break), its marks escaped
    (``*Stars*`` is a name, not emphasis; ``[1](x)`` not a link)."""
    return _marks(_BREAKS.sub(" ", name))


def _marks(text: str) -> str:
    """A quotation (an example's words, its note) with its marks escaped, as a name's are,
    and its lines kept: a participant's ``*`` or ``_`` is what they wrote, not emphasis."""
    marked = _MARKS.sub(r"\\\g<0>", text)
    return _ORDERED.sub(r"\g<1>\\\g<2>", _BULLET.sub(r"\g<1>\\\g<2>", marked))


def _block(text: str) -> str:
    """A researcher's text (a definition, a description) as Markdown that stays in its
    place: its own emphasis and lists are kept, but a line that would end the code's
    section, make the line above a heading or open a code fence (`_OUTLINE`) is escaped."""
    return _OUTLINE.sub(r"\g<1>\\", text)


def _item(text: str) -> str:
    """``text`` as one item of a list, its lines (blank ones too) kept inside the item."""
    first, *rest = _block(text).split("\n")
    return "\n".join([f"- {first}", *(f"  {line}" if line else "" for line in rest)])


_END = r"[ \t]*(?:[\r\n]|\Z)"
_OUTLINE = re.compile(
    rf"(?:\A|(?<=[\r\n]))( {{0,3}})(?=#{{1,6}}(?:[ \t\r\n]|\Z)|=+{_END}|-[ \t]*-[ \t]*-[- \t]*"
    rf"(?:[\r\n]|\Z)|-+{_END}|`{{3,}}|~{{3,}})"
)
"""A line that would change the document's outline: a heading (``#``, or a line under
``===`` or ``---``), a thematic break, or a code fence (which, left open, would hold every
code after it). A line ends in LF, CR LF or CR alone, as CommonMark reads it."""
_BREAKS = re.compile(r"\s*[\r\n\u2028\u2029]+\s*")
_MARKS = re.compile(r"[\\`*_\[\]#|~&]")  # "<" is escaped for the whole text
_BULLET = re.compile(r"(?<=[\r\n])([ \t]*)([-+>])")
"""A line of a text (after its first, which follows the layout's words) that would start a
list item or a quotation (``*`` is among `_MARKS`)."""
_ORDERED = re.compile(r"(?<=[\r\n])([ \t]*\d{1,9})([.)])")
"""Likewise a line that would start an item of a numbered list."""
