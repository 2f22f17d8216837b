"""A code's structured definition written as, and read back from, one plain-text Description.

The layout starts with ``Brief definition:`` (or another heading) and reads well in any QDA
tool; a description that does not start with a heading is free text, kept whole as the full
definition. See docs/refi-mapping.md, "The definition layout".
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from qcode._model import Code, CodeOrigin, CodeStatus, Example, ExampleKind
from qcode._model._document import DEFINITION_FIELDS

_BRIEF, _FULL, _USE, _NOT_USE, _EXAMPLES, _ORIGIN, _STATUS = (
    "Brief definition:",
    "Full definition:",
    "When to use:",
    "When not to use:",
    "Examples:",
    "Origin:",
    "Status:",
)
_HEADINGS = (_BRIEF, _FULL, _USE, _NOT_USE, _EXAMPLES, _ORIGIN, _STATUS)
_HEADING = re.compile("^(" + "|".join(re.escape(h) for h in _HEADINGS) + ")[ \n]?", re.M)
_KINDS = {
    ExampleKind.TYPICAL: "typical",
    ExampleKind.ATYPICAL: "atypical",
    ExampleKind.NEAR_MISS: "near miss",
}
_KIND_OF = {label: kind for kind, label in _KINDS.items()}
_ORIGINS = {
    CodeOrigin.DEDUCTIVE: "deductive",
    CodeOrigin.INDUCTIVE: "inductive",
    CodeOrigin.IN_VIVO: "in vivo",
}
_ORIGIN_OF = {label: origin for origin, label in _ORIGINS.items()}
_EXAMPLE = re.compile(r"^- \[(typical|atypical|near miss)\] ?(.*)$")
_EXCERPT = re.compile(r"^  \(excerpt: ([0-9A-Fa-f-]{36})\)$")
_NOTE = re.compile(r"^  \(note: (.*)\)$", re.S)


def _indent(text: str) -> str:
    return text.replace("\n", "\n  ")


def items_text(items: tuple[str, ...]) -> str:
    """A list of criteria as the layout writes it: ``- item`` lines, continued with two spaces."""
    return "\n".join(f"- {_indent(item)}" for item in items)


def examples_text(examples: tuple[Example, ...]) -> str:
    """Examples as the layout writes them: ``- [kind] text`` lines, then excerpt and note."""
    return "\n".join(_example(e) for e in examples)


def _example(example: Example) -> str:
    lines = [f"- [{_KINDS[example.kind]}] {_indent(example.text)}"]
    if example.excerpt is not None:
        lines.append(f"  (excerpt: {str(example.excerpt).upper()})")
    if example.note is not None:
        lines.append(f"  (note: {_indent(example.note)})")
    return "\n".join(lines)


def render(code: Code) -> str | None:
    """The Description for ``code``, or ``None`` if it has no definition at all."""
    structured = (
        code.brief_definition is not None
        or code.when_to_use
        or code.when_not_to_use
        or code.examples
        or code.origin is not None
        or code.status is not None
    )
    if not structured:
        return code.full_definition
    sections = []
    if code.brief_definition is not None:
        sections.append(f"{_BRIEF} {code.brief_definition}")
    if code.full_definition is not None:
        sections.append(f"{_FULL} {code.full_definition}")
    if code.when_to_use:
        sections.append(f"{_USE}\n{items_text(code.when_to_use)}")
    if code.when_not_to_use:
        sections.append(f"{_NOT_USE}\n{items_text(code.when_not_to_use)}")
    if code.examples:
        sections.append(f"{_EXAMPLES}\n{examples_text(code.examples)}")
    if code.origin is not None:
        sections.append(f"{_ORIGIN} {_ORIGINS[code.origin]}")
    if code.status is not None:
        sections.append(f"{_STATUS} {code.status.value}")
    return "\n\n".join(sections)


def parse(description: str | None) -> dict[str, Any]:
    """The definition fields of a Description: the layout if it starts with a heading,
    otherwise the whole text as ``full_definition``."""
    # Any: values are strings, tuples of strings or examples, and enum members.
    if description is None:
        return {}
    if not _HEADING.match(description):
        return {"full_definition": description}
    marks = list(_HEADING.finditer(description))
    fields: dict[str, Any] = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        end = following.start() if following else len(description)
        body = description[mark.end() : end]
        if following is not None:
            body = body.removesuffix("\n\n")
        heading = mark.group(1)
        if heading == _BRIEF:
            fields["brief_definition"] = body
        elif heading == _FULL:
            fields["full_definition"] = body
        elif heading == _USE:
            fields["when_to_use"] = parse_items(body)
        elif heading == _NOT_USE:
            fields["when_not_to_use"] = parse_items(body)
        elif heading == _EXAMPLES:
            fields["examples"] = parse_examples(body)
        elif heading == _ORIGIN:
            fields["origin"] = _ORIGIN_OF.get(body.strip())
        else:
            fields["status"] = next((s for s in CodeStatus if s.value == body.strip()), None)
    return fields


def _blocks(body: str) -> list[list[str]]:
    """Lines grouped into items: ``- `` starts an item, two spaces continue it."""
    blocks: list[list[str]] = []
    for line in body.split("\n"):
        if line.startswith("- ") or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return blocks


def _join(lines: list[str]) -> str:
    return "\n".join([lines[0], *(line.removeprefix("  ") for line in lines[1:])])


def parse_items(body: str) -> tuple[str, ...]:
    """The items of `items_text`."""
    return tuple(_join(block).removeprefix("- ") for block in _blocks(body) if block != [""])


def parse_examples(body: str) -> tuple[Example, ...]:
    """The examples of `examples_text`; an item that does not start ``- [kind]`` is skipped."""
    examples = []
    for block in _blocks(body):
        head = _EXAMPLE.match(block[0])
        if head is None:
            continue
        lines = [head.group(2), *block[1:]]
        excerpt = note = None
        # the note is on a line of its own: the text's first line is never one
        note_at = next(
            (i for i, line in enumerate(lines) if i and line.startswith("  (note: ")), None
        )
        if note_at is not None and (found := _NOTE.match(_join(lines[note_at:]))):
            note = found.group(1)
            lines = lines[:note_at]
        if len(lines) > 1 and (found := _EXCERPT.match(lines[-1])):
            excerpt = uuid.UUID(found.group(1))
            lines = lines[:-1]
        examples.append(
            Example(text=_join(lines), kind=_KIND_OF[head.group(1)], excerpt=excerpt, note=note)
        )
    return tuple(examples)


_NONE: dict[str, Any] = {"when_to_use": (), "when_not_to_use": (), "examples": ()}


def misread(code: Code, description: str | None) -> list[str]:
    """The definition fields of ``code`` that its ``description`` (`render`'s, as written)
    reads back as something else: a text that looks like the layout's own lines (a full
    definition that starts with a heading, an example with a line ``(note: …)``), which no
    layout written in plain text can tell apart. A writer reports them."""
    if description is None:
        return []
    found = parse(description)
    return [f for f in DEFINITION_FIELDS if found.get(f, _NONE.get(f)) != getattr(code, f)]


def misread_lists(code: Code) -> list[str]:
    """The lists of ``code`` (criteria, examples) that their layout, each in a cell of its
    own, reads back as something else (see `misread`)."""
    lists = (
        ("when_to_use", parse_items, items_text),
        ("when_not_to_use", parse_items, items_text),
        ("examples", parse_examples, examples_text),
    )
    return [
        f for f, read, write in lists if (value := getattr(code, f)) and read(write(value)) != value
    ]


def misread_message(name: str, fields: list[str]) -> str:
    """What a writer says of a code whose definition text looks like the layout's lines."""
    return (
        f"code {name!r}: its {', '.join(fields)} would not read back as written: a text in it "
        "looks like the definition layout's own lines (a heading, '(note: ...)')"
    )
