"""What changed between two codebooks: a typed list of differences, shown as text, JSON or
Markdown. Codes and themes are matched by id (or by path and name, `aligned`), so a rename
is a rename, not a removal and an addition. The order of codes and themes is not compared."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

from attrs import frozen

from qcode._codebooks._align import Match, aligned, as_codebook
from qcode._codebooks._formats._table import TABLE_NAMESPACE
from qcode._formats._json import plain
from qcode._model import Code, Codebook, CodebookChange, CodebookRef, Example, Project, Theme
from qcode._model._codebook import in_tree_order
from qcode._model._document import ENTRY_FIELDS, METADATA
from qcode._table import markdown_row

CODE_FIELDS = (
    *(f for f in ENTRY_FIELDS if f not in ("name", "parent", "examples", "status")),
    "note_refs",
)
"""The fields of a code reported as ``code-changed`` (name, parent, status and examples have
kinds of their own)."""
THEME_FIELDS = ("description", "parent", "color", "note_refs")


@frozen(kw_only=True)
class Difference:
    """One difference between two codebooks.

    Fields:

    - ``kind``: what changed: ``codebook-changed``, ``code-added``, ``code-removed``,
      ``code-renamed``, ``code-moved``, ``code-changed``, ``status-changed``,
      ``example-added``, ``example-removed``, ``example-changed`` (the same text, of
      the same excerpt, with another kind or note), ``theme-added``, ``theme-removed``,
      ``theme-renamed``, ``theme-changed``, ``theme-code-added`` or ``theme-code-removed``.
    - ``path``: where: a code's path (in the new codebook, or the old one if it went), a
      theme's name, or the codebook's name.
    - ``id``: the id of the code or theme (``None`` for the codebook itself).
    - ``field``: the field that changed, for ``*-changed`` kinds.
    - ``old``, ``new``: the values before and after (a parent as its path; ``None`` where
      there is none; for ``example-changed``, the whole examples).
    """

    kind: str
    path: str
    id: UUID | None = None
    field: str | None = None
    old: Any = None
    new: Any = None

    def __str__(self) -> str:
        field = f" {self.field}" if self.field else ""
        # one line each: a path holding a line break or control character is quoted
        path = self.path if self.path.isprintable() else json.dumps(self.path, ensure_ascii=False)
        if self.kind in ("code-added", "code-removed", "theme-added", "theme-removed"):
            return f"{self.kind} {path}"
        if self.kind in ("example-added", "theme-code-added"):
            return f"{self.kind} {path}: {show(self.new)}"
        if self.kind in ("example-removed", "theme-code-removed"):
            return f"{self.kind} {path}: {show(self.old)}"
        old, new = self._shown()
        if self.kind == "example-changed":
            return f"{self.kind} {path}: {show(self.old)}{field}: {old} -> {new}"
        return f"{self.kind} {path}{field}: {old} -> {new}"

    def _shown(self, shown: Callable[[Any], str] | None = None) -> tuple[str, str]:
        """The old and new values of a change as ``shown`` (by default `show`) shows them:
        of an example, the changed field's; two long texts from where they part."""
        shown = shown or show
        if self.kind == "example-changed":
            field = str(self.field)
            return _where_differ(getattr(self.old, field), getattr(self.new, field), shown)
        return _where_differ(self.old, self.new, shown)

    def to_json(self) -> dict[str, Any]:
        """A JSON object of the difference (values as qcode's JSON writes them)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "id": None if self.id is None else str(self.id),
            "field": self.field,
            "old": plain(self.old),
            "new": plain(self.new),
        }


def show(value: Any) -> str:
    """A value as a diff shows it: texts quoted and cut short, lists joined with ``; ``."""
    if value is None or value == ():
        return "(none)"
    if isinstance(value, str):
        return json.dumps(value if len(value) <= 60 else value[:59] + "…", ensure_ascii=False)
    if isinstance(value, (Code, Theme)):
        return show(value.name)
    if isinstance(value, CodebookChange):
        return show(value.text)
    if isinstance(value, enum.Enum):  # as tables write them: "near miss", "in vivo"
        return str(value.value).replace("_", " ")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Example):
        return f"[{value.kind.value.replace('_', ' ')}] {show(value.text)}"
    if isinstance(value, tuple):
        return "; ".join(show(item) for item in value)
    if isinstance(value, CodebookRef):  # the codebook an extension extends
        return f"codebook {value.id}" + (f" version {show(value.version)}" if value.version else "")
    return str(plain(value))


def _where_differ(old: Any, new: Any, shown: Callable[[Any], str] = show) -> tuple[str, str]:
    """Two values as ``shown`` shows them; two long texts alike at the start are shown
    from a little before where they part, so that the change is in sight."""
    if not (isinstance(old, str) and isinstance(new, str)) or max(len(old), len(new)) <= 60:
        return shown(old), shown(new)
    pairs = enumerate(zip(old, new, strict=False))
    common = next((i for i, (a, b) in pairs if a != b), min(len(old), len(new)))
    if common < 40:
        return shown(old), shown(new)
    space = old.find(" ", common - 30, common - 5)  # from a word's start, if one is near
    start = space + 1 if space >= 0 else common - 20
    return shown("…" + old[start:]), shown("…" + new[start:])


@frozen
class CodebookDiff:
    """The differences between an old and a new codebook (`diff_codebooks`); empty (and
    false) when they hold the same codes, themes and metadata.

    Fields:

    - ``old``, ``new``: the two codebooks' names.
    - ``differences``: the `Difference` s: metadata first, then codes in the new tree's
      order (removed codes after them), then themes.
    """

    old: str
    new: str
    differences: tuple[Difference, ...]

    def __bool__(self) -> bool:
        return bool(self.differences)

    def __len__(self) -> int:
        return len(self.differences)

    def __iter__(self) -> Iterator[Difference]:
        return iter(self.differences)

    def to_text(self) -> str:
        """One line per difference (nothing when there are none)."""
        return "".join(f"{difference}\n" for difference in self.differences)

    def to_json(self) -> str:
        """The diff as a JSON document: both names, whether equal, and the differences."""
        document = {
            "old": self.old,
            "new": self.new,
            "equal": not self.differences,
            "differences": [d.to_json() for d in self.differences],
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"

    def to_markdown(self) -> str:
        """A Markdown heading and a table of the differences."""
        lines = [f"# Codebook changes: {self.old} → {self.new}", ""]
        if not self.differences:
            return "\n".join([*lines, "No differences.", ""])
        lines += ["| change | where | field | old | new |", "|---|---|---|---|---|"]
        for d in self.differences:
            where = f"{d.path}: {show(d.old)}" if d.kind == "example-changed" else d.path
            old, new = d._shown(_cell)
            cells = (d.kind, where, d.field or "", old, new)
            lines.append(markdown_row(cells))
        return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    return "" if value is None or value == () else show(value)


def diff_codebooks(
    old: Codebook | Project, new: Codebook | Project, *, match: Match = "id"
) -> CodebookDiff:
    """What changed from ``old`` to ``new``: codes added, removed, renamed, moved, each
    definition field changed, examples added and removed, status changes; themes added,
    removed, renamed or changed and the codes they group; the codebook's own metadata.
    ``match="path"`` matches codes by path (and themes by name) instead of by id. A project
    given for either stands for its codebook."""
    old, new = as_codebook(old, "old"), as_codebook(new, "new")
    if old.id == TABLE_NAMESPACE and new.id != TABLE_NAMESPACE:
        old = aligned(old, new, "id")  # what a table cannot hold is not a change either way
    new = aligned(new, old, match)
    found: list[Difference] = []
    for field in METADATA:
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            found.append(
                Difference(
                    kind="codebook-changed", path=new.name, field=field, old=before, new=after
                )
            )
    found += _codes(old, new)
    found += _themes(old, new)
    return CodebookDiff(old.name, new.name, tuple(found))


def _parent(codebook: Codebook, code: Code) -> str | None:
    if code.parent is None:
        return None
    try:
        return codebook.path(code.parent)
    except LookupError:
        return str(code.parent)


def _codes(old: Codebook, new: Codebook) -> Iterator[Difference]:
    before = {code.id: code for code in old.codes}
    after = {code.id: code for code in new.codes}
    for code in in_tree_order(new.codes):
        path = new.path(code)
        was = before.get(code.id)
        if was is None:
            yield Difference(kind="code-added", path=path, id=code.id, new=code)
            continue
        if was.name != code.name:
            yield Difference(
                kind="code-renamed", path=path, id=code.id, old=was.name, new=code.name
            )
        if was.parent != code.parent:
            old_parent, new_parent = _parent(old, was), _parent(new, code)
            yield Difference(
                kind="code-moved", path=path, id=code.id, old=old_parent, new=new_parent
            )
        for field in CODE_FIELDS:
            a, b = getattr(was, field), getattr(code, field)
            if a != b:
                yield Difference(
                    kind="code-changed", path=path, id=code.id, field=field, old=a, new=b
                )
        if was.status != code.status:
            yield Difference(
                kind="status-changed", path=path, id=code.id, old=was.status, new=code.status
            )
        yield from _examples(path, code.id, was.examples, code.examples)
    for code in in_tree_order(old.codes):
        if code.id not in after:
            yield Difference(kind="code-removed", path=old.path(code), id=code.id, old=code)


def _examples(
    path: str, code: UUID, old: tuple[Example, ...], new: tuple[Example, ...]
) -> Iterator[Difference]:
    """Examples removed, added, and changed in kind or note (the same text of the same
    excerpt on both sides)."""
    same = {(e.text, e.excerpt): e for e in new if e not in old}
    changed = {}
    for example in old:
        if example in new:
            continue
        other = same.pop((example.text, example.excerpt), None)
        if other is None:
            yield Difference(kind="example-removed", path=path, id=code, old=example)
        else:
            changed[other] = example
    for example in new:
        if example in changed:
            was = changed[example]
            for field in ("kind", "note"):
                if getattr(was, field) != getattr(example, field):
                    yield Difference(
                        kind="example-changed",
                        path=path,
                        id=code,
                        field=field,
                        old=was,
                        new=example,
                    )
        elif example not in old:
            yield Difference(kind="example-added", path=path, id=code, new=example)


def _members(codebook: Codebook, theme: Theme) -> dict[UUID, str]:
    known = {code.id for code in codebook.codes}
    return {c: codebook.path(c) if c in known else str(c) for c in theme.codes}


def _theme_name(codebook: Codebook, theme: UUID | None) -> str | None:
    named = {t.id: t.name for t in codebook.themes}
    return None if theme is None else named.get(theme, str(theme))


def _themes(old: Codebook, new: Codebook) -> Iterator[Difference]:
    before = {theme.id: theme for theme in old.themes}
    after = {theme.id for theme in new.themes}
    for theme in new.themes:
        was = before.get(theme.id)
        if was is None:
            yield Difference(kind="theme-added", path=theme.name, id=theme.id, new=theme)
            continue
        if was.name != theme.name:
            yield Difference(
                kind="theme-renamed", path=theme.name, id=theme.id, old=was.name, new=theme.name
            )
        for field in THEME_FIELDS:
            a, b = getattr(was, field), getattr(theme, field)
            if a != b:
                if field == "parent":  # a parent as its name, as a code's is its path
                    a, b = _theme_name(old, a), _theme_name(new, b)
                yield Difference(
                    kind="theme-changed", path=theme.name, id=theme.id, field=field, old=a, new=b
                )
        old_members, new_members = _members(old, was), _members(new, theme)
        for code, path in old_members.items():
            if code not in new_members:
                yield Difference(kind="theme-code-removed", path=theme.name, id=theme.id, old=path)
        for code, path in new_members.items():
            if code not in old_members:
                yield Difference(kind="theme-code-added", path=theme.name, id=theme.id, new=path)
    for theme in old.themes:
        if theme.id not in after:
            yield Difference(kind="theme-removed", path=theme.name, id=theme.id, old=theme)
