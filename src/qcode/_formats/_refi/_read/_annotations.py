"""Notes, links, sets (and the theme sets qcode writes) and graphs: what annotates codes and
sources. Notes hold texts with selections and codings, read as a text source's are."""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from lxml import etree

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._read._sources import SourcesReader
from qcode._model import Direction, Edge, Graph, LineStyle, Link, Note, Set, Shape, Theme, Vertex

_DIRECTIONS = {
    "Associative": Direction.ASSOCIATIVE,
    "OneWay": Direction.ONE_WAY,
    "Bidirectional": Direction.BIDIRECTIONAL,
}
_SHAPES = {
    "Person": Shape.PERSON,
    "Oval": Shape.OVAL,
    "Rectangle": Shape.RECTANGLE,
    "RoundedRectangle": Shape.ROUNDED_RECTANGLE,
    "Star": Shape.STAR,
    "LeftTriangle": Shape.LEFT_TRIANGLE,
    "RightTriangle": Shape.RIGHT_TRIANGLE,
    "UpTriangle": Shape.UP_TRIANGLE,
    "DownTriangle": Shape.DOWN_TRIANGLE,
    "Note": Shape.NOTE,
}
_LINE_STYLES = {"dotted": LineStyle.DOTTED, "dashed": LineStyle.DASHED, "solid": LineStyle.SOLID}


class AnnotationsReader(SourcesReader):
    """Reads <Notes>, <Links>, <Sets> and <Graphs>."""

    def notes(self, element: etree._Element) -> tuple[Note, ...]:
        ns = self.ns
        notes = []
        for item in self.container(element, "Note"):
            text = self.text_of(item)
            parts = self._parts(item, "Note", self._TEXT_PARTS)
            values, _ = self.values(parts.get(f"{ns}VariableValue", []))
            description = parts.get(f"{ns}Description")
            note_id = self.guid(item.get("guid"), item)  # once: a made-up one is made once
            notes.append(
                Note(
                    id=note_id,
                    text=text,
                    name=item.get("name"),
                    description=None if not description else self.plain(description[0], note_id),
                    path=item.get("richTextPath"),
                    audit=self.audit(item),
                    values=values,
                    codings=self.codings(parts.get(f"{ns}Coding", [])),
                    excerpts=tuple(
                        self.text_selections(parts.get(f"{ns}PlainTextSelection", []), text)
                    ),
                )
            )
        return tuple(notes)

    def links(self, element: etree._Element) -> tuple[Link, ...]:
        links = []
        for item in self.container(element, "Link"):
            link_id = self.guid(item.get("guid"), item)
            self.vendor(item, link_id, "Link")
            note_refs = []
            for child in item:
                if child.tag == f"{self.ns}NoteRef":
                    note_refs.append(child)
                else:
                    self.unknown_child(child, link_id)
            links.append(
                Link(
                    id=link_id,
                    name=item.get("name"),
                    origin=self.optional_guid(item.get("originGUID"), item),
                    target=self.optional_guid(item.get("targetGUID"), item),
                    direction=self._enum(item, "direction", _DIRECTIONS),
                    color=self.color(item),
                    note_refs=self.refs(note_refs),
                )
            )
        return tuple(links)

    def _enum(self, element: etree._Element, name: str, choices: dict[str, Any]) -> Any:
        value = element.get(name)
        if value is None:
            return None
        if value not in choices:
            self.warn(
                "invalid-value",
                element,
                f"{name}={value!r} is not one of {', '.join(choices)}; dropped",
            )
            return None
        return choices[value]

    def sets(self, element: etree._Element, member_attribute: str) -> dict[str, tuple[Any, ...]]:
        """Sets and theme sets. Codebooks name members with ``guid``, projects with
        ``targetGUID``; either is accepted in both."""
        ns = self.ns
        sets: list[Set] = []
        themes: list[Theme] = []
        for item in self.container(element, "Set"):
            set_id = self.guid(item.get("guid"), item)
            self.vendor(item, set_id, "Set")
            members: dict[str, list[UUID]] = defaultdict(list)
            description = None
            for child in item:
                tag = child.tag
                if tag == f"{ns}Description":
                    description = self.plain(child, set_id)
                elif tag in (f"{ns}MemberCode", f"{ns}MemberSource", f"{ns}MemberNote"):
                    target = (
                        child.get(member_attribute) or child.get("targetGUID") or child.get("guid")
                    )
                    members[tag].append(self.guid(target, child))
                else:
                    self.unknown_child(child, set_id)
            codes = tuple(members[f"{ns}MemberCode"])
            mark = conv.parse_theme(description)
            if (
                mark is not None
                and not members[f"{ns}MemberSource"]
                and not members[f"{ns}MemberNote"]
            ):
                if mark.unread:
                    self.warn(
                        "invalid-value",
                        item,
                        f"theme {item.get('name') or ''!r}: its qcode-theme line holds "
                        f"{', '.join(map(repr, mark.unread))}, which qcode cannot read; the "
                        f"theme is read without {'it' if len(mark.unread) == 1 else 'them'}",
                    )
                themes.append(
                    Theme(
                        id=set_id,
                        name=item.get("name") or "",
                        description=mark.description,
                        parent=mark.parent,
                        codes=codes,
                        color=mark.color,
                        note_refs=mark.notes,
                    )
                )
                continue
            sets.append(
                Set(
                    id=set_id,
                    name=item.get("name") or "",
                    description=description,
                    codes=codes,
                    sources=tuple(members[f"{ns}MemberSource"]),
                    notes=tuple(members[f"{ns}MemberNote"]),
                )
            )
        return {"sets": tuple(sets), "themes": tuple(themes)}

    def graphs(self, element: etree._Element) -> tuple[Graph, ...]:
        ns = self.ns
        graphs = []
        for item in self.container(element, "Graph"):
            graph_id = self.guid(item.get("guid"), item)
            self.vendor(item, graph_id, "Graph")
            vertices, edges = [], []
            for child in item:
                if child.tag == f"{ns}Vertex":
                    self.vendor(child, None, "Vertex")
                    vertices.append(
                        Vertex(
                            id=self.guid(child.get("guid"), child),
                            x1=self.integer(child, "firstX") or 0,
                            y1=self.integer(child, "firstY") or 0,
                            x2=self.integer(child, "secondX", None),
                            y2=self.integer(child, "secondY", None),
                            name=child.get("name"),
                            represents=self.optional_guid(child.get("representedGUID"), child),
                            shape=self._enum(child, "shape", _SHAPES),
                            color=self.color(child),
                        )
                    )
                elif child.tag == f"{ns}Edge":
                    self.vendor(child, None, "Edge")
                    edges.append(
                        Edge(
                            id=self.guid(child.get("guid"), child),
                            source=self.guid(child.get("sourceVertex"), child),
                            target=self.guid(child.get("targetVertex"), child),
                            name=child.get("name"),
                            represents=self.optional_guid(child.get("representedGUID"), child),
                            direction=self._enum(child, "direction", _DIRECTIONS),
                            line_style=self._enum(child, "lineStyle", _LINE_STYLES),
                            color=self.color(child),
                        )
                    )
                else:
                    self.unknown_child(child, graph_id)
            graphs.append(
                Graph(
                    id=graph_id, name=item.get("name"), vertices=tuple(vertices), edges=tuple(edges)
                )
            )
        return tuple(graphs)
