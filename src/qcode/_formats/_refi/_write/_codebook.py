"""The codebook: <Codes> as a tree, each code's definition written into its description (by
`_definition`); codes whose parent is missing or in a cycle are written at the top and
reported, so that every code is written and the output is always schema-valid."""

from __future__ import annotations

from collections import defaultdict
from uuid import UUID

from qcode._formats._limits import Limits
from qcode._formats._refi import _definition
from qcode._formats._refi._write._core import WriterCore
from qcode._issues import Severity, WriteError
from qcode._model import Code


class CodebookWriter(WriterCore):
    """Writes <Codes>."""

    def codes(self, *, memos_lost: str | None) -> None:
        """The code tree, written without recursion; ``memos_lost`` says why code memo
        references are left out, if they are. Every code is written once: one whose parent
        is missing or in a cycle goes to the top, reported; a second code with an id already
        written is left out, reported. A tree deeper than `Limits.code_depth` is refused."""
        codes = self.project.codes
        position: dict[UUID, int] = {}
        for i, code in enumerate(codes):
            first = position.setdefault(code.id, i)
            if first != i:
                self.lost(
                    f"$.codes[{i}]",
                    f"code {code.name!r} has the id of $.codes[{first}] ({codes[first].name!r}); "
                    "only the first is written",
                )
        parent_of: dict[UUID, UUID | None] = {}
        for i in position.values():
            code = codes[i]
            parent = code.parent
            if parent is not None and parent not in position:
                self._say(
                    Severity.WARNING,
                    "orphan-code",
                    f"$.codes[{i}].parent",
                    f"code {code.name!r} has a parent that does not exist; written at the top",
                )
                parent = None
            parent_of[code.id] = parent
        roots, below = self._break_cycles(parent_of, position)
        names = {code.id: code.name for code in codes}
        limit = Limits().code_depth
        self.start("Codes")
        stack: list[tuple[Code, int]] = [(codes[position[r]], 1) for r in reversed(roots)]
        while stack:
            code, depth = stack.pop()
            if depth == 0:  # the code's children are written: close it
                self.end("Code")
                continue
            at = f"$.codes[{position[code.id]}]"
            if depth > limit:
                raise WriteError(
                    self.file,
                    f"{at}: code {code.name!r} sits {depth} levels deep; REFI-QDA files qcode "
                    f"writes hold at most {limit} (Limits.code_depth), so nothing was written",
                )
            parent_name = None if code.parent is None else names.get(code.parent)
            self.start(
                "Code",
                ("guid", self.g(code.id)),
                ("name", self.unique_name("code", at, code.name, parent_name, code.name)),
                ("isCodable", "true" if code.codable else "false"),
                ("color", self.color(code.color, f"{at}.color")),
            )
            description = _definition.render(code)
            self.text("Description", description)
            if misread := _definition.misread(code, description):
                self.lost(at, _definition.misread_message(code.name, misread))
            if memos_lost is None:
                self.refs("NoteRef", code.note_refs)
            elif code.note_refs:
                self.lost(f"{at}.note_refs", memos_lost)
            stack.append((code, 0))
            stack.extend((codes[position[c]], depth + 1) for c in reversed(below[code.id]))
        self.end("Codes")

    def _break_cycles(
        self, parent_of: dict[UUID, UUID | None], position: dict[UUID, int]
    ) -> tuple[list[UUID], dict[UUID | None, list[UUID]]]:
        """The codes to write at the top, in order: those without a parent, then, for each
        parent cycle, the member met first (reported), so that every code is written; and
        each code's children to write below it, in order."""
        below: dict[UUID | None, list[UUID]] = defaultdict(list)
        for code, parent in parent_of.items():
            below[parent].append(code)
        roots = list(below[None])
        reached: set[UUID] = set()

        def reach(start: UUID) -> None:
            pending = [start]
            while pending:
                current = pending.pop()
                reached.add(current)
                pending.extend(below[current])

        for root in roots:
            reach(root)
        for code in parent_of:
            if code in reached:
                continue
            seen: set[UUID] = set()
            member = code
            while member not in seen:  # climb until the climb repeats: that is the cycle
                seen.add(member)
                member = parent_of[member]  # type: ignore[assignment]  # unreached: in a cycle
            name = self.project.codes[position[member]].name
            self._say(
                Severity.WARNING,
                "cycle-broken",
                f"$.codes[{position[member]}].parent",
                f"code {name!r} is in a parent cycle; written at the top",
            )
            below[parent_of[member]].remove(member)
            roots.append(member)
            reach(member)
        return roots, below
