"""The skeleton of a whole document: `RefiWriter` writes a project (or its codebook) with
every family's mixin, its elements in schema order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._conventions import layer_guid
from qcode._formats._refi._write._annotations import AnnotationsWriter
from qcode._formats._refi._write._codebook import CodebookWriter
from qcode._formats._refi._xml import CODEBOOK_NS, PROJECT_NS
from qcode._model import Audit

_T = TypeVar("_T")


def _version() -> str:
    from importlib.metadata import version

    return version("qcode-qda")


class RefiWriter(CodebookWriter, AnnotationsWriter):
    """Writes one project (or its codebook) as REFI-QDA XML text.

    ``dialect`` is the offset dialect of the target tool; ``files`` are embedded files that
    can travel with a ``.qdpx`` (``None`` for a bare ``.qde``, which cannot hold them).
    With ``qualcoder``, the file is shaped for QualCoder's importer: a creation time on
    every element that can carry one (the project's own, or else the time of writing), a
    name on every transcript, no code memo references (it skips codes that have them), and
    LF line breaks (with ``dialect`` counting a CRLF as one, positions still point at the
    same characters); the report says what was added, changed or left out.
    """

    def project_document(self) -> str:
        p = self.project
        audit = p.audit or Audit()
        self.start(
            "Project",
            ("xmlns", PROJECT_NS),
            ("name", p.name),
            ("origin", conv.render_origin(p.origin, self._dialect, _version())),
            ("creatingUserGUID", self.g(audit.created_by)),
            ("creationDateTime", self.t(audit.created_at)),
            ("modifyingUserGUID", self.g(audit.modified_by)),
            ("modifiedDateTime", self.t(audit.modified_at)),
            ("basePath", p.base_path),
        )
        self._reserved_ids()
        if p.users:
            self.start("Users")
            for user in p.users:
                self.leaf(
                    "User", ("guid", self.g(user.id)), ("name", user.name), ("id", user.login)
                )
            self.end("Users")
        if p.codes:
            self.start("CodeBook")
            memos_lost = (
                "QualCoder skips a code with memo references, so they were left out (the memos "
                "are kept)"
            )
            self.codes(memos_lost=memos_lost if self._qualcoder else None)
            self.end("CodeBook")
        self.variables()
        self.container("Cases", p.cases, self.case)
        self.container("Sources", p.sources, self.source)
        self.container("Notes", p.notes, self.note)
        self.container("Links", p.links, self.link)
        self.sets(member="targetGUID")
        self.container("Graphs", p.graphs, self.graph)
        self.text("Description", p.description)
        self.refs("NoteRef", p.note_refs)
        self.end("Project")
        if p.vendor_data:
            self.lost(
                "$.vendor_data",
                f"{len(p.vendor_data)} piece(s) of vendor data from the original file have no "
                "place in REFI-QDA",
            )
        return self.document()

    def container(self, tag: str, items: Sequence[_T], write: Callable[[int, _T], None]) -> None:
        if items:
            self.start(tag)
            for i, item in enumerate(items):
                write(i, item)
            self.end(tag)

    def codebook_document(self) -> str:
        p = self.project
        codings = sum(len(s.codings) + sum(len(e.codings) for e in s.excerpts) for s in p.sources)
        held = [
            (len(p.sources), "source(s)"),
            (codings, "coding(s)"),
            (len(p.cases), "case(s)"),
            (len(p.variables), "variable(s)"),
            (len(p.users), "user(s)"),
            (len(p.notes), "memo(s)"),
            (len(p.links), "link(s)"),
            (len(p.graphs), "graph(s)"),
        ]
        if any(count for count, _ in held):
            listed = ", ".join(f"{count} {what}" for count, what in held if count)
            self.lost("$", f"a codebook holds only codes and code sets; not written: {listed}")
        origin = conv.render_origin(p.origin, self._dialect, _version())
        self.start("CodeBook", ("xmlns", CODEBOOK_NS), ("origin", origin))
        if p.codes:
            self.codes(memos_lost="a codebook has no code memos")
        else:
            self.lost(
                "$.codes",
                f"there are no codes; the codebook holds one placeholder, {conv.NO_CODES}, "
                "which qcode reads back as none",
            )
            self.start("Codes")
            self.leaf(
                "Code",
                ("guid", self.g(layer_guid(None))),
                ("name", conv.NO_CODES),
                ("isCodable", "false"),
            )
            self.end("Codes")
        self.sets(member="guid")
        self.end("CodeBook")
        return self.document()
