"""Notes, links, sets (and themes, as marked sets) and graphs: what annotates codes and
sources. Notes hold texts with selections and codings, written as a text source's are."""

from __future__ import annotations

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._write._sources import SourcesWriter
from qcode._model import Graph, Link, Note, TextSpan

_DIRECTIONS = {"associative": "Associative", "one_way": "OneWay", "bidirectional": "Bidirectional"}
_SHAPES = {
    "person": "Person",
    "oval": "Oval",
    "rectangle": "Rectangle",
    "rounded_rectangle": "RoundedRectangle",
    "star": "Star",
    "left_triangle": "LeftTriangle",
    "right_triangle": "RightTriangle",
    "up_triangle": "UpTriangle",
    "down_triangle": "DownTriangle",
    "note": "Note",
}


class AnnotationsWriter(SourcesWriter):
    """Writes notes, links, sets and graphs."""

    def link(self, i: int, link: Link) -> None:
        self.start(
            "Link",
            ("guid", self.g(link.id)),
            ("name", link.name),
            ("direction", link.direction and _DIRECTIONS[link.direction.value]),
            ("color", self.color(link.color, f"$.links[{i}].color")),
            ("originGUID", self.g(link.origin)),
            ("targetGUID", self.g(link.target)),
        )
        self.refs("NoteRef", link.note_refs)
        self.end("Link")

    def note(self, i: int, note: Note) -> None:
        stored, inline = self.stored(note.id, note.text)
        self.start(
            "Note",
            ("guid", self.g(note.id)),
            ("name", self.unique_name("note", f"$.notes[{i}]", note.name, None, f"Note {i + 1}")),
            ("richTextPath", self.media(note.path, note.id)),
            stored,
            *self.audit(note.audit),
        )
        self.text("Description", note.description)
        self.text("PlainTextContent", inline)
        spans = [e for e in note.excerpts if isinstance(e.anchor, TextSpan)]
        if len(spans) < len(note.excerpts):
            self.lost(f"$.notes[{i}].excerpts", "only text spans have a place in a note")
        self.selections(spans, note.text, f"$.notes[{i}]")
        self.codings(note.codings)
        self.values(note.values)
        self.end("Note")

    def sets(self, member: str) -> None:
        p = self.project
        in_codebook = member == "guid"
        groups = [
            (s.id, s.name, s.description, s.codes, s.sources, s.notes)
            for s in p.sets
            if not in_codebook or s.codes or not (s.sources or s.notes)
        ]
        if in_codebook:
            for i, s in enumerate(p.sets):
                if s.sources or s.notes:
                    self.lost(f"$.sets[{i}]", f"set {s.name!r}: a codebook holds only member codes")
        groups += [
            (
                t.id,
                t.name,
                conv.render_theme(t.description, t.parent, t.color, t.note_refs),
                t.codes,
                (),
                (),
            )
            for t in p.themes
        ]
        if not groups:
            return
        self.start("Sets")
        for set_id, name, description, codes, sources, notes in groups:
            self.start("Set", ("guid", self.g(set_id)), ("name", name))
            self.text("Description", description)
            for code in codes:
                self.leaf("MemberCode", (member, self.g(code)))
            if not in_codebook:
                self.refs("MemberSource", sources)
                self.refs("MemberNote", notes)
            self.end("Set")
        self.end("Sets")

    def graph(self, i: int, graph: Graph) -> None:
        self.start("Graph", ("guid", self.g(graph.id)), ("name", graph.name))
        for j, vertex in enumerate(graph.vertices):
            self.leaf(
                "Vertex",
                ("guid", self.g(vertex.id)),
                ("representedGUID", self.g(vertex.represents)),
                ("name", vertex.name),
                ("firstX", str(vertex.x1)),
                ("firstY", str(vertex.y1)),
                ("secondX", None if vertex.x2 is None else str(vertex.x2)),
                ("secondY", None if vertex.y2 is None else str(vertex.y2)),
                ("shape", vertex.shape and _SHAPES[vertex.shape.value]),
                ("color", self.color(vertex.color, f"$.graphs[{i}].vertices[{j}].color")),
            )
        for j, edge in enumerate(graph.edges):
            self.leaf(
                "Edge",
                ("guid", self.g(edge.id)),
                ("representedGUID", self.g(edge.represents)),
                ("name", edge.name),
                ("sourceVertex", self.g(edge.source)),
                ("targetVertex", self.g(edge.target)),
                ("color", self.color(edge.color, f"$.graphs[{i}].edges[{j}].color")),
                ("direction", edge.direction and _DIRECTIONS[edge.direction.value]),
                ("lineStyle", edge.line_style and edge.line_style.value),
            )
        self.end("Graph")
