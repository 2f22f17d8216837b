"""The codebook: the code tree (a project's <CodeBook>, a codebook document's <Codes>), code
definitions kept in descriptions, and ATLAS.ti's ``Parent::Child`` names made a hierarchy."""

from __future__ import annotations

import uuid
from uuid import UUID

from attrs import evolve
from lxml import etree

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi import _definition
from qcode._formats._refi._read._core import FOLDER_NAMESPACE, ReaderCore
from qcode._model import Code
from qcode._model._codebook import in_tree_order


class CodebookReader(ReaderCore):
    """Reads codes."""

    def codebook(self, element: etree._Element) -> tuple[Code, ...]:
        codes: tuple[Code, ...] = ()
        for child in element:
            if child.tag == f"{self.ns}Codes":
                codes = self.codes(child)
            else:
                self.unknown_child(child, None)
        return codes

    def codes(self, element: etree._Element) -> tuple[Code, ...]:
        codes: list[Code] = []
        names: dict[UUID, str] = {}
        for item in self.container(element, "Code"):
            self._code(item, None, 1, codes, names)
        nested = any(code.parent is not None for code in codes)
        # qcode writes a tree as a tree: '::' in a name it wrote is part of the name
        ours = conv.parse_origin(self.root.get("origin")) is not None
        split = self._split if self._split is not None else not (nested or ours)
        if split and any("::" in code.name for code in codes):
            return self._split_names(element, codes)
        return tuple(codes)

    def _code(
        self,
        element: etree._Element,
        parent: UUID | None,
        depth: int,
        out: list[Code],
        names: dict[UUID, str],
    ) -> None:
        """One code and, below it, its children (XML parsers stop at 256 levels, so the
        recursion is bounded); ``names`` holds the codes read so far, by id."""
        ns = self.ns
        name = element.get("name")
        code_id = self.guid(element.get("guid"), element)
        if code_id in names:
            first = names[code_id]
            code_id = uuid.uuid5(FOLDER_NAMESPACE, f"duplicate {code_id} {len(out)}")
            self.warn(
                "duplicate-guid",
                element,
                f"code {name!r} has the GUID of code {first!r} read before it; it was given "
                f"the new id {code_id}, and references to the GUID mean {first!r}",
            )
        names[code_id] = name or ""
        if depth == self._code_depth + 1:
            self.warn(
                "code-too-deep",
                element,
                f"code {name!r} sits {depth} levels deep, beyond Limits.code_depth "
                f"({self._code_depth}); it is kept, but a REFI-QDA file cannot hold it",
            )
        self.vendor(element, code_id, "Code")
        description: str | None = None
        note_refs: list[UUID] = []
        children = []
        for child in element:
            tag = child.tag
            if tag == f"{ns}Description":
                description = self.plain(child, code_id)
            elif tag == f"{ns}NoteRef":
                note_refs.append(self.guid(child.get("targetGUID"), child))
            elif tag == f"{ns}Code":
                children.append(child)
            else:
                self.unknown_child(child, code_id)
        codable = self.flag(element, "isCodable", True)
        if not name:
            self.warn("missing-name", element, "a code has no name")
        out.append(
            Code(
                id=code_id,
                name=name or "",
                parent=parent,
                codable=codable,
                color=self.color(element),
                note_refs=tuple(note_refs),
                **_definition.parse(description),
            )
        )
        for child in children:
            self._code(child, code_id, depth + 1, out, names)

    def _split_names(self, element: etree._Element, codes: list[Code]) -> tuple[Code, ...]:
        """ATLAS.ti 8 writes a hierarchy as names like ``Coke::diet Coke``: make it a tree."""
        by_path: dict[tuple[str, ...], UUID] = {
            (code.name,): code.id for code in codes if "::" not in code.name
        }
        result: list[Code] = []
        made: list[Code] = []
        for code in codes:
            parts = tuple(part.strip() for part in code.name.split("::"))
            if len(parts) == 1 or not all(parts):
                result.append(code)
                continue
            parent: UUID | None = None
            for depth in range(1, len(parts)):
                key = parts[:depth]
                if key not in by_path:
                    folder = Code(
                        id=uuid.uuid5(FOLDER_NAMESPACE, "::".join(key)),
                        name=key[-1],
                        parent=parent,
                        codable=False,
                    )
                    made.append(folder)
                    by_path[key] = folder.id
                parent = by_path[key]
            result.append(evolve(code, name=parts[-1], parent=parent))
        self.warn(
            "code-names-split",
            element,
            f"code names with '::' were read as a hierarchy ({len(made)} folder code(s) added); "
            "pass split_code_names=False to keep the names as written",
        )
        return in_tree_order((*made, *result))
