"""The codebook: <Codes> as a tree, each code's definition written into its description (by
`_definition`), and codes whose parent is missing or in a cycle reported."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from qcode._formats._refi import _definition
from qcode._formats._refi._write._core import WriterCore
from qcode._issues import Severity
from qcode._model import Code
from qcode._model._codebook import in_tree_order


class CodebookWriter(WriterCore):
    """Writes <Codes>."""

    def codes(self, *, memos_lost: str | None) -> None:
        """The code tree; ``memos_lost`` says why code memo references are left out, if they
        are."""
        codes = self.project.codes
        position = {code.id: i for i, code in enumerate(codes)}
        children: dict[UUID | None, list[Code]] = defaultdict(list)
        for code in in_tree_order(codes):
            parent = code.parent
            if parent is not None and parent not in position:
                self._say(
                    Severity.WARNING,
                    "orphan-code",
                    f"$.codes[{position[code.id]}].parent",
                    f"code {code.name!r} has a parent that does not exist; written at the top",
                )
                parent = None
            children[parent].append(code)
        written: set[UUID] = set()
        names = {code.id: code.name for code in codes}

        def write(code: Code) -> None:
            written.add(code.id)
            at = f"$.codes[{position[code.id]}]"
            parent = None if code.parent is None else names.get(code.parent)
            self.start(
                "Code",
                ("guid", self.g(code.id)),
                ("name", self.unique_name("code", at, code.name, parent, code.name)),
                ("isCodable", "true" if code.codable else "false"),
                ("color", self.color(code.color, f"{at}.color")),
            )
            self.text("Description", _definition.render(code))
            if memos_lost is None:
                self.refs("NoteRef", code.note_refs)
            elif code.note_refs:
                self.lost(f"{at}.note_refs", memos_lost)
            for child in children.get(code.id, []):
                write(child)
            self.end("Code")

        self.start("Codes")
        for code in children[None]:
            write(code)
        self.end("Codes")
        for i, code in enumerate(codes):
            if code.id not in written:
                self.lost(f"$.codes[{i}]", f"code {code.name!r} is in a parent cycle; left out")
