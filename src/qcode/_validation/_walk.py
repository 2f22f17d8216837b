"""One pass over a project that lists every object with an id and every reference.

The rules in `_rules` work on this flat picture instead of walking the tree themselves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from uuid import UUID

from attrs import define, field

from qcode._model import (
    AudioContent,
    Audit,
    Case,
    Code,
    Coding,
    Excerpt,
    PDFContent,
    PDFRegion,
    PictureContent,
    Project,
    Source,
    TextMeta,
    TextSpan,
    TranscriptSpan,
    VariableValue,
    VideoContent,
)

Definition = tuple[str, UUID, str, "str | None"]
"""An object with an id: its kind (``"code"``, ``"excerpt"``, ...), id, path and name. Plain
tuples, as are references: a large project has hundreds of thousands of each."""

Reference = tuple[str, UUID, "str | None"]
"""A reference: its path, its target and the kind the target must be (any if ``None``)."""


@define
class Walk:
    """Everything the rules need, gathered in one pass."""

    definitions: list[Definition] = field(factory=list)
    references: list[Reference] = field(factory=list)
    timestamps: list[tuple[str, dt.datetime]] = field(factory=list)
    values: list[tuple[str, VariableValue]] = field(factory=list)
    codings: list[tuple[str, Coding]] = field(factory=list)
    colors: list[tuple[str, str]] = field(factory=list)

    def define(self, kind: str, id: UUID, path: str, name: str | None = None) -> None:
        self.definitions.append((kind, id, path, name))

    def refer(self, path: str, target: UUID | None, kind: str | None = None) -> None:
        if target is not None:
            self.references.append((path, target, kind))

    def refer_all(self, path: str, targets: Iterable[UUID], kind: str) -> None:
        for i, target in enumerate(targets):
            self.refer(f"{path}[{i}]", target, kind)

    def color(self, path: str, color: str | None) -> None:
        if color is not None:
            self.colors.append((path, color))

    def audit(self, path: str, audit: Audit | None) -> None:
        if audit is None:
            return
        # Paths are only made for what is there: large projects have many audits.
        if audit.created_by is not None:
            self.refer(f"{path}.created_by", audit.created_by, "user")
        if audit.modified_by is not None:
            self.refer(f"{path}.modified_by", audit.modified_by, "user")
        if audit.created_at is not None:
            self.stamp(f"{path}.created_at", audit.created_at)
        if audit.modified_at is not None:
            self.stamp(f"{path}.modified_at", audit.modified_at)

    def text_meta(self, path: str, meta: TextMeta) -> None:
        self.define("text", meta.id, path, meta.name)
        self.audit(f"{path}.audit", meta.audit)

    def stamp(self, path: str, moment: dt.datetime | None) -> None:
        if moment is not None:
            self.timestamps.append((path, moment))

    def notes(self, path: str, note_refs: tuple[UUID, ...]) -> None:
        if note_refs:
            self.refer_all(f"{path}.note_refs", note_refs, "note")

    def variable_values(self, path: str, values: tuple[VariableValue, ...]) -> None:
        for i, value in enumerate(values):
            self.refer(f"{path}.values[{i}].variable", value.variable, "variable")
            self.values.append((f"{path}.values[{i}]", value))
            if isinstance(value.value, dt.datetime):  # a moment, as a timestamp is
                self.stamp(f"{path}.values[{i}].value", value.value)

    def coding_list(self, path: str, codings: tuple[Coding, ...]) -> None:
        for i, coding in enumerate(codings):
            here = f"{path}.codings[{i}]"
            self.define("coding", coding.id, here)
            self.refer(f"{here}.code", coding.code, "code")
            if coding.coder is not None:
                self.refer(f"{here}.coder", coding.coder, "user")
            if coding.coded_at is not None:
                self.stamp(f"{here}.coded_at", coding.coded_at)
            self.notes(here, coding.note_refs)
            self.codings.append((here, coding))


def walk(project: Project) -> Walk:
    """Gather every id, reference, timestamp, value, coding and colour of ``project``."""
    w = Walk()
    w.audit("$.audit", project.audit)
    w.notes("$", project.note_refs)
    for i, user in enumerate(project.users):
        w.define("user", user.id, f"$.users[{i}]", user.name)
    for i, variable in enumerate(project.variables):
        w.define("variable", variable.id, f"$.variables[{i}]", variable.name)
    for i, case in enumerate(project.cases):
        _case(w, f"$.cases[{i}]", case)
    for i, code in enumerate(project.codes):
        _code(w, f"$.codes[{i}]", code)
    for i, theme in enumerate(project.themes):
        here = f"$.themes[{i}]"
        w.define("theme", theme.id, here, theme.name)
        w.refer(f"{here}.parent", theme.parent, "theme")
        w.refer_all(f"{here}.codes", theme.codes, "code")
        w.color(f"{here}.color", theme.color)
        w.notes(here, theme.note_refs)
    for i, source in enumerate(project.sources):
        _source(w, f"$.sources[{i}]", source)
    for i, note in enumerate(project.notes):
        here = f"$.notes[{i}]"
        w.define("note", note.id, here, note.name)
        w.audit(f"{here}.audit", note.audit)
        w.variable_values(here, note.values)
        w.coding_list(here, note.codings)
        for j, excerpt in enumerate(note.excerpts):
            _excerpt(w, f"{here}.excerpts[{j}]", excerpt)
    for i, link in enumerate(project.links):
        here = f"$.links[{i}]"
        w.define("link", link.id, here, link.name)
        w.refer(f"{here}.origin", link.origin)
        w.refer(f"{here}.target", link.target)
        w.color(f"{here}.color", link.color)
        w.notes(here, link.note_refs)
    for i, group in enumerate(project.sets):
        here = f"$.sets[{i}]"
        w.define("set", group.id, here, group.name)
        w.refer_all(f"{here}.codes", group.codes, "code")
        w.refer_all(f"{here}.sources", group.sources, "source")
        w.refer_all(f"{here}.notes", group.notes, "note")
    for i, graph in enumerate(project.graphs):
        here = f"$.graphs[{i}]"
        w.define("graph", graph.id, here, graph.name)
        for j, vertex in enumerate(graph.vertices):
            there = f"{here}.vertices[{j}]"
            w.define("vertex", vertex.id, there, vertex.name)
            w.refer(f"{there}.represents", vertex.represents)
            w.color(f"{there}.color", vertex.color)
        for j, edge in enumerate(graph.edges):
            there = f"{here}.edges[{j}]"
            w.define("edge", edge.id, there, edge.name)
            w.refer(f"{there}.source", edge.source, "vertex")
            w.refer(f"{there}.target", edge.target, "vertex")
            w.refer(f"{there}.represents", edge.represents)
            w.color(f"{there}.color", edge.color)
    return w


def _case(w: Walk, here: str, case: Case) -> None:
    w.define("case", case.id, here, case.label)
    w.variable_values(here, case.values)
    w.refer_all(f"{here}.sources", case.sources, "source")
    w.refer_all(f"{here}.excerpts", case.excerpts, "excerpt")
    w.refer_all(f"{here}.codes", case.codes, "code")


def _code(w: Walk, here: str, code: Code) -> None:
    w.define("code", code.id, here, code.name)
    w.refer(f"{here}.parent", code.parent, "code")
    w.color(f"{here}.color", code.color)
    for j, example in enumerate(code.examples):
        w.refer(f"{here}.examples[{j}].excerpt", example.excerpt, "excerpt")
    w.notes(here, code.note_refs)


def _source(w: Walk, here: str, source: Source) -> None:
    w.define("source", source.id, here, source.name)
    w.variable_values(here, source.values)
    w.coding_list(here, source.codings)
    w.notes(here, source.note_refs)
    w.audit(f"{here}.audit", source.audit)
    content = source.content
    if isinstance(content, (PictureContent, PDFContent)) and content.text_meta is not None:
        w.text_meta(f"{here}.content.text_meta", content.text_meta)
    if isinstance(content, (AudioContent, VideoContent)):
        for j, transcript in enumerate(content.transcripts):
            there = f"{here}.content.transcripts[{j}]"
            w.define("transcript", transcript.id, there, transcript.name)
            w.notes(there, transcript.note_refs)
            w.audit(f"{there}.audit", transcript.audit)
            for k, sync in enumerate(transcript.sync_points):
                w.define("sync point", sync.id, f"{there}.sync_points[{k}]")
    # ATLAS.ti writes a PDF quotation twice under one id, as a region of a page and as a
    # span of the PDF's text: the region is defined apart, so that the pair is a shared id
    # (a warning), not a repeated one, and references to the excerpt find the span.
    spans = (
        {e.id for e in source.excerpts if isinstance(e.anchor, TextSpan)}
        if isinstance(content, PDFContent)
        else set()
    )
    for j, excerpt in enumerate(source.excerpts):
        twin = excerpt.id in spans and isinstance(excerpt.anchor, PDFRegion)
        _excerpt(w, f"{here}.excerpts[{j}]", excerpt, "PDF region" if twin else "excerpt")


def _excerpt(w: Walk, here: str, excerpt: Excerpt, kind: str = "excerpt") -> None:
    w.define(kind, excerpt.id, here, excerpt.name)
    if excerpt.quote_meta is not None:
        w.text_meta(f"{here}.quote_meta", excerpt.quote_meta)
    w.coding_list(here, excerpt.codings)
    w.notes(here, excerpt.note_refs)
    w.audit(f"{here}.audit", excerpt.audit)
    anchor = excerpt.anchor
    if isinstance(anchor, TranscriptSpan):
        w.refer(f"{here}.anchor.transcript", anchor.transcript, "transcript")
        w.refer(f"{here}.anchor.from_sync", anchor.from_sync, "sync point")
        w.refer(f"{here}.anchor.to_sync", anchor.to_sync, "sync point")
