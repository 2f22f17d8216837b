"""Properties of codebook documents: every format gives back what it holds, a merge with an
unchanged side gives the other side, a conflict-free merge does not depend on which side is
ours, and a codebook differs from nothing but itself."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from attrs import evolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qcode
from qcode._model._codebook import in_tree_order
from qcode._model._common import blank
from tests import strategies as s
from tests.conftest import examples
from tests.refi import strategies as refi

FAST = settings(
    max_examples=examples(30),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
PLAIN = st.text(st.sampled_from("abcé ,;\"'\n-[]#"), min_size=1, max_size=12)
"""Texts a spreadsheet cell holds as written (no control characters, no formulas)."""
NAMES = st.text(st.sampled_from("abcdé -"), min_size=1, max_size=6).filter(
    lambda n: n.strip() == n and n != ""
)


@st.composite
def codebooks(
    draw: st.DrawFn,
    texts: st.SearchStrategy[str] = s.texts,
    colors: st.SearchStrategy[str | None] = s.colors,
    memos: bool = True,
) -> qcode.Codebook:
    """A codebook whose codes form a tree of unique names, and whose themes group them."""
    names = draw(st.lists(NAMES, max_size=6, unique=True))
    ids = [uuid.uuid5(uuid.NAMESPACE_URL, name) for name in names]
    optional = st.none() | texts
    examples_ = st.builds(
        qcode.Example,
        text=texts,
        kind=st.sampled_from(qcode.ExampleKind),
        excerpt=s.optional_ids,
        note=optional,
    )
    codes = []
    for i, (name, code_id) in enumerate(zip(names, ids, strict=True)):
        parent = draw(st.none() | st.sampled_from(ids[:i])) if i else None
        codes.append(
            qcode.Code(
                id=code_id,
                name=name,
                parent=parent,
                codable=draw(st.booleans()),
                color=draw(colors),
                brief_definition=draw(optional),
                full_definition=draw(optional),
                when_to_use=draw(s.tuples(texts)),
                when_not_to_use=draw(s.tuples(texts)),
                examples=draw(s.tuples(examples_)),
                origin=draw(st.none() | st.sampled_from(qcode.CodeOrigin)),
                status=draw(st.none() | st.sampled_from(qcode.CodeStatus)),
                note_refs=draw(s.id_tuples) if memos else (),
            )
        )
    themes = [
        qcode.Theme(id=uuid.uuid5(uuid.NAMESPACE_DNS, name), name=name, codes=tuple(members))
        for name, members in draw(
            st.dictionaries(
                NAMES, st.lists(st.sampled_from(ids), min_size=1, unique=True), max_size=2
            )
            if ids
            else st.just({})
        ).items()
    ]
    return qcode.Codebook(
        id=draw(s.ids),
        name=draw(texts.filter(lambda name: not blank(name))),
        version=draw(st.none() | texts),
        authors=draw(s.tuples(texts)),
        description=draw(optional),
        extends=draw(st.none() | st.builds(qcode.CodebookRef, id=s.ids, version=optional)),
        removes=draw(s.id_tuples),
        changes=draw(
            s.tuples(
                st.builds(
                    qcode.CodebookChange,
                    text=texts,
                    date=st.none() | st.dates(),
                    author=optional,
                )
            )
        ),
        codes=tuple(codes),
        themes=tuple(themes),
    )


@FAST
@given(codebooks())
def test_json_gives_back_every_codebook(tmp_path: Path, book: qcode.Codebook) -> None:
    path = tmp_path / "book.json"
    qcode.write_codebook(book, path)
    assert qcode.read_codebook(path) == book


@FAST
@given(
    codebooks(texts=refi.xml_text, colors=refi.colors, memos=False).filter(lambda book: book.codes)
)
def test_qdc_gives_back_every_codebook_without_memos(tmp_path: Path, book: qcode.Codebook) -> None:
    path = tmp_path / "book.qdc"
    assert qcode.write_codebook(book, path) == ()
    assert qcode.read_codebook(path) == evolve(book, codes=in_tree_order(book.codes))


def _held(book: qcode.Codebook) -> Any:
    """What a table holds: the codes (texts empty or of spaces alone read as none: a cell of
    spaces is blank) and the themes' members (in the order of the rows)."""
    codes = tuple(
        evolve(
            code,
            brief_definition=_unless_blank(code.brief_definition),
            full_definition=_unless_blank(code.full_definition),
        )
        for code in book.codes
    )
    return codes, sorted((theme.name, tuple(sorted(theme.codes))) for theme in book.themes)


def _unless_blank(text: str | None) -> str | None:
    return text if text and text.strip() else None


@FAST
@given(codebooks(memos=False), st.sampled_from([".csv", ".xlsx"]))
def test_tables_give_back_what_they_hold(tmp_path: Path, book: qcode.Codebook, suffix: str) -> None:
    book = evolve(book, removes=(), changes=())
    path = tmp_path / f"book{suffix}"
    if suffix == ".xlsx":
        book = _plain(book)
    qcode.write_codebook(book, path)
    assert _held(qcode.read_codebook(path)) == _held(book)


def _plain(book: qcode.Codebook) -> qcode.Codebook:
    """``book`` with its texts replaced by texts a spreadsheet cell holds as written."""

    def plain(text: str | None) -> str | None:
        if text is None:
            return None
        return "".join(c if c in "abcé ,;\"'\n-[]#" else "x" for c in text).lstrip("=") or "x"

    codes = []
    for code in book.codes:
        codes.append(
            evolve(
                code,
                brief_definition=plain(code.brief_definition),
                full_definition=plain(code.full_definition),
                when_to_use=tuple(plain(t) or "" for t in code.when_to_use),
                when_not_to_use=tuple(plain(t) or "" for t in code.when_not_to_use),
                examples=tuple(
                    evolve(e, text=plain(e.text), note=plain(e.note)) for e in code.examples
                ),
            )
        )
    return evolve(book, codes=tuple(codes))


# -- merging --------------------------------------------------------------------------------


@st.composite
def versions(draw: st.DrawFn, base: qcode.Codebook) -> qcode.Codebook:
    """A version of ``base``: some leaf codes removed, some renamed or redefined (from a
    few values, so two versions often make the same change), a code or two added."""
    parents = {code.parent for code in base.codes}
    codes = []
    for code in base.codes:
        choice = draw(st.sampled_from(["keep", "keep", "define", "rename", "remove"]))
        if choice == "remove" and code.id not in parents:
            continue
        if choice == "define":
            code = evolve(code, brief_definition=draw(st.sampled_from(["one", "two"])))
        elif choice == "rename":
            code = evolve(code, name=code.name + draw(st.sampled_from(["!", "?"])))
        codes.append(code)
    for name in draw(st.lists(st.sampled_from(["new", "newer"]), max_size=2, unique=True)):
        parent = draw(st.none() | st.sampled_from([c.id for c in codes])) if codes else None
        codes.append(qcode.Code(id=uuid.uuid5(uuid.NAMESPACE_OID, name), name=name, parent=parent))
    kept = {code.id for code in codes}
    themes = tuple(evolve(t, codes=tuple(c for c in t.codes if c in kept)) for t in base.themes)
    version = draw(st.none() | st.sampled_from(["2", "3"]))
    return evolve(base, codes=tuple(codes), themes=themes, version=version)


def _canonical(book: qcode.Codebook) -> Any:
    """``book`` with its codes, themes and lists in one order: what a merge of two sides
    guarantees, whichever side is ours."""

    def ordered(items: Any) -> Any:
        return tuple(sorted(items, key=repr))

    codes = sorted(
        (
            evolve(c, when_to_use=ordered(c.when_to_use), examples=ordered(c.examples))
            for c in book.codes
        ),
        key=lambda c: c.id,
    )
    themes = sorted((evolve(t, codes=ordered(t.codes)) for t in book.themes), key=lambda t: t.id)
    return evolve(book, codes=tuple(codes), themes=tuple(themes), authors=ordered(book.authors))


@FAST
@given(st.data())
def test_merging_with_an_unchanged_side_gives_the_other_side(data: st.DataObject) -> None:
    base = data.draw(codebooks())
    changed = data.draw(st.one_of(versions(base), codebooks()))
    assert qcode.merge_codebooks(base, changed, base) == qcode.MergeResult(changed, ())
    assert qcode.merge_codebooks(base, base, changed) == qcode.MergeResult(changed, ())


@FAST
@given(st.data())
def test_a_merge_without_conflicts_does_not_depend_on_which_side_is_ours(
    data: st.DataObject,
) -> None:
    base = data.draw(codebooks())
    ours, theirs = data.draw(versions(base)), data.draw(versions(base))
    one = qcode.merge_codebooks(base, ours, theirs)
    other = qcode.merge_codebooks(base, theirs, ours)
    assert bool(one.conflicts) == bool(other.conflicts)
    if not one.conflicts:
        assert _canonical(one.codebook) == _canonical(other.codebook)


@FAST
@given(st.data())
def test_a_codebook_differs_only_from_other_codebooks(data: st.DataObject) -> None:
    base = data.draw(codebooks())
    other = data.draw(versions(base))
    assert not qcode.diff_codebooks(base, base)
    assert bool(qcode.diff_codebooks(base, other)) is (_canonical(other) != _canonical(base))


@FAST
@given(st.data())
def test_diff_reports_the_edits_that_made_the_new_codebook(data: st.DataObject) -> None:
    base = data.draw(codebooks())
    new = data.draw(versions(base))
    kinds = {d.kind for d in qcode.diff_codebooks(base, new)}
    old_ids = {c.id: c for c in base.codes}
    new_ids = {c.id: c for c in new.codes}
    expected = set()
    if set(old_ids) - set(new_ids):
        expected.add("code-removed")
    if set(new_ids) - set(old_ids):
        expected.add("code-added")
    for key in set(old_ids) & set(new_ids):
        if old_ids[key].name != new_ids[key].name:
            expected.add("code-renamed")
        if old_ids[key].brief_definition != new_ids[key].brief_definition:
            expected.add("code-changed")
    if any(a.codes != b.codes for a, b in zip(base.themes, new.themes, strict=True)):
        expected.add("theme-code-removed")
    if base.version != new.version:
        expected.add("codebook-changed")
    assert kinds == expected
