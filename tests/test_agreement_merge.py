"""Merging coders' separate projects and splitting a project by coder: agreement survives
both, and what the inputs disagree on is reported."""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import qcode
from qcode.agreement import (
    AgreementError,
    MergeConflict,
    Merged,
    alpha,
    definition_conflicts,
    merge,
    nvivo,
    split,
)

from .conftest import NAMESPACE, ROOT, examples
from .test_agreement import two_coders

EXAMPLE = ROOT / "examples" / "sustaining_social_work" / "sustaining_social_work.json"

POOLED = " (both kept under one user: give each coder a user of their own to compare them)"
"""How a conflict on a coder found in two inputs ends."""


def said(merged: Merged) -> tuple[str, ...]:
    """What the conflicts say."""
    return tuple(map(str, merged.conflicts))


def second_coder(project: qcode.Project, every: int = 3) -> qcode.Project:
    """The example study with a second coder, Bea, who codes each excerpt again but leaves
    out the first two words of every ``every``-th one and the last code of every fifth."""
    b = qcode.ProjectBuilder.from_project(project, id_namespace=NAMESPACE)
    bea = b.user("Bea", login="BE", default=False)
    for n, (source, excerpt) in enumerate(project.iter_excerpts()):
        codes = [c.code for c in excerpt.codings]
        codes = codes[:-1] if n % 5 == 2 else codes
        quote = excerpt.quote or ""
        if n % every == 1:
            quote = quote.split(" ", 2)[-1]
        if codes:
            b.quote(source, quote, codes=codes, coder=bea)
    return b.build()


@pytest.fixture(scope="module")
def study() -> qcode.Project:
    return second_coder(qcode.load(EXAMPLE))


def test_split_gives_each_coder_their_codings_and_merge_gives_them_back(
    study: qcode.Project,
) -> None:
    parts = split(study)
    assert list(parts) == ["Analyst", "Bea"]
    for name, part in parts.items():
        coders = {c.coder for _, e in part.iter_excerpts() for c in e.codings}
        assert coders == {study.user(name).id}
        quoted = {x.excerpt for code in part.codes for x in code.examples}
        assert all(e.codings or e.id in quoted for _, e in part.iter_excerpts())
    merged = merge(list(parts.values()), labels=list(parts))
    assert (merged.conflicts, merged.notes) == ((), ())
    codings = {c for _, e in study.iter_excerpts() for c in e.codings}
    assert {c for _, e in merged.project.iter_excerpts() for c in e.codings} == codings
    assert nvivo(merged.project).rows == nvivo(study).rows


def test_agreement_on_a_merge_equals_agreement_between_its_inputs(study: qcode.Project) -> None:
    analyst, bea = split(study).values()
    merged = merge([analyst, bea]).project
    assert nvivo(merged).rows == nvivo(analyst, bea).rows
    assert alpha(merged).rows == alpha(analyst, bea).rows


def test_merge_matches_sources_by_text_and_codes_by_path() -> None:
    one = qcode.ProjectBuilder("One", id_namespace=NAMESPACE)
    two = qcode.ProjectBuilder("Two")  # random ids: nothing shares an id with One
    for b, name, quote in ((one, "Ann", "a bridge"), (two, "Ben", "We are a bridge")):
        b.user(name)
        folder = b.code("Findings", codable=False)
        bridge = b.code("Bridge", parent=folder, brief_definition=f"{name}'s bridge")
        source = b.text_source(f"{name}'s copy", "We are a bridge. It takes its toll.")
        b.quote(source, quote, codes=[bridge])
    toll = two.code("Toll", parent=two.build().code("Findings"))
    two.quote(two.build().sources[0], "It takes its toll.", codes=[toll])
    merged = merge([one.build(), two.build()])
    assert said(merged) == (
        "code 'Findings/Bridge' differs in Two: brief_definition; kept the version in One",
    )
    assert merged.notes == ('source "Ben\'s copy" of Two matched "Ann\'s copy" by text',)
    project = merged.project
    assert [project.path(c) for c in project.codes] == [
        "Findings",
        "Findings/Bridge",
        "Findings/Toll",
    ]
    ((source, first), (_, second), _) = project.iter_excerpts()
    assert (first.anchor, second.anchor) == (qcode.TextSpan(7, 15), qcode.TextSpan(0, 15))
    assert len(project.sources) == 1
    row = nvivo(project).records()[0]
    assert (row["both"], row["a_only"], row["b_only"]) == (8, 0, 7)


def test_empty_texts_match_nothing_by_text() -> None:
    """Two interviews not transcribed yet were merged into one, and compared as one, as
    sources of identical text."""
    one = qcode.ProjectBuilder("One", id_namespace=NAMESPACE)
    two = qcode.ProjectBuilder("Two")  # random ids: nothing shares an id with One
    one.text_source("Interview 7", "")
    two.text_source("Interview 9", "")
    merged = merge([one.build(), two.build()])
    assert [s.name for s in merged.project.sources] == ["Interview 7", "Interview 9"]
    assert merged.notes == ()
    one.user("Ann")
    two.user("Ben")
    compared = nvivo(one.build(), two.build())
    assert compared.rows == ()
    assert compared.notes[2:] == (
        "source 'Interview 7' of One has no match in Two; not compared",
        "source 'Interview 9' of Two has no match in One; not compared",
    )


def test_merge_and_split_refuse_what_is_no_list_of_projects_or_no_project() -> None:
    project = qcode.ProjectBuilder("Study").build()
    for wrong, message in [
        (project, "merge takes a list of two or more projects, not one: project 'Study'"),
        ("a.json", "merge takes a list of two or more projects, not one: 'a.json'"),
    ]:
        with pytest.raises(TypeError) as caught:
            merge(wrong)  # type: ignore[arg-type]
        assert str(caught.value) == message
    with pytest.raises(TypeError) as refused:
        split("two.json")  # type: ignore[arg-type]
    assert str(refused.value) == (
        "split takes a loaded project (qcode.load, qcode.read), not str 'two.json'"
    )


def coderless_exports() -> list[qcode.Project]:
    """Two exports of one project, each quoting other words, naming no coder (as
    Taguette's do)."""
    b = qcode.ProjectBuilder("Export", id_namespace=NAMESPACE)
    code = b.code("Bridge")
    b.text_source("Diary", "A bridge over the river.")
    base = b.build()
    inputs = []
    for quote in ("bridge", "river"):
        copy = qcode.ProjectBuilder.from_project(base)
        copy.quote(base.sources[0], quote, codes=[code])
        inputs.append(copy.build())
    return inputs


def test_merge_reports_codings_with_no_coder_from_two_inputs() -> None:
    """Taguette names no coder: two such exports merged cannot be compared as they are."""
    inputs = coderless_exports()
    merged = merge([*inputs, inputs[0]], labels=["ann.qdpx", "bea.qdpx", "again.qdpx"])
    assert said(merged) == (
        "codings with no coder come from ann.qdpx and bea.qdpx; they cannot be told apart "
        "(both kept with no coder: give each input's codings a coder, update(coding, "
        "coder=user), to compare them)",
    )  # the third input adds none: it holds the first one's codings under their ids
    (conflict,) = merged.conflicts
    assert (conflict.kind, conflict.id, conflict.name, conflict.kept, conflict.input) == (
        "user",
        None,
        "(no coder)",
        "ann.qdpx",
        "bea.qdpx",
    )
    assert merged.notes == ()
    assert [c.coder for _, e in merged.project.iter_excerpts() for c in e.codings] == [None] * 2


def test_a_coding_changed_under_its_id_is_the_coder_s_work_in_the_later_input() -> None:
    """A copy keeps its code and coder (its memos may grow); one recoded is new work."""
    b = qcode.ProjectBuilder("Same", id_namespace=NAMESPACE)
    b.user("Ann")
    bridge, river = b.code("Bridge"), b.code("River")
    b.quote(b.text_source("Diary", "A bridge."), "bridge", codes=[bridge])
    base = b.build()
    ((_, excerpt),) = base.iter_excerpts()
    memo = qcode.ProjectBuilder.from_project(base)
    memo.update(excerpt.codings[0], note_refs=[memo.note("Why a bridge.")])
    assert said(merge([base, memo.build()], labels=["a.json", "b.json"])) == ()
    recoded = qcode.ProjectBuilder.from_project(base)
    recoded.update(excerpt.codings[0], code=river)
    merged = merge([base, recoded.build()], labels=["a.json", "b.json"])
    assert said(merged) == (
        "user 'Ann' coded in a.json and in b.json; their codings cannot be told apart" + POOLED,
    )
    ((_, joined),) = merged.project.iter_excerpts()
    assert [merged.project.code(c.code).name for c in joined.codings] == ["Bridge", "River"]


def _renamed_later(
    code: str, theme: str, participant: str
) -> tuple[qcode.Project, qcode.ProjectBuilder]:
    """A project with a code, a theme of it and a participant, and a builder of a later
    copy in which each is renamed ``Old NAME``."""
    b = qcode.ProjectBuilder("Same", id_namespace=NAMESPACE)
    b.user("Ann")
    made = b.code(code)
    b.theme(theme, codes=[made])
    b.participant(participant)
    base = b.build()
    later = qcode.ProjectBuilder.from_project(base)
    later.rename_code(made, f"Old {code}")
    later.update(base.themes[0], name=f"Old {theme}")
    later.update(base.cases[0], label=f"Old {participant}")
    return base, later


def test_a_later_input_s_two_codes_themes_or_cases_stay_two() -> None:
    """Renamed, and a new one given the old name: matching the new one by path, name or
    label would join it to the renamed one, which its id matches."""
    base, later = _renamed_later("Toll", "Battles", "P1")
    new = later.code("Toll", brief_definition="Narrower.")
    later.theme("Battles", codes=[new])
    later.participant("P1")
    merged = merge([base, later.build()], labels=["a.json", "b.json"])
    assert merged.notes == (
        "code 'Toll' of b.json has the path of a code matched to another of its codes; added "
        "apart as 'Toll (b.json)'",
        "theme 'Battles' of b.json has the path of a theme matched to another of its themes; "
        "added apart as 'Battles (b.json)'",
        "case 'P1' of b.json has the label of a case matched to another of its cases; added "
        "apart as 'P1 (b.json)'",
    )
    project = merged.project
    assert [c.name for c in project.codes] == ["Toll", "Toll (b.json)"]
    assert project.code("Toll (b.json)").brief_definition == "Narrower."
    assert [(t.name, [project.code(c).name for c in t.codes]) for t in project.themes] == [
        ("Battles", ["Toll"]),
        ("Battles (b.json)", ["Toll (b.json)"]),
    ]
    assert [c.label for c in project.cases] == ["P1", "P1 (b.json)"]
    assert [c.fields for c in merged.conflicts] == [("name",), ("name",), ("label",)]


def test_a_name_given_apart_is_one_the_input_does_not_hold_either() -> None:
    base, later = _renamed_later("Toll", "Top", "Al")
    later.code("Toll")
    later.theme("Top")
    later.participant("Al")
    later.code("Toll (b.json)")  # after them, the names the merge would give them apart
    later.theme("Top (b.json)")
    later.participant("Al (b.json)")
    merged = merge([base, later.build()], labels=["a.json", "b.json"])
    project = merged.project
    assert [c.name for c in project.codes] == ["Toll", "Toll (b.json) 2", "Toll (b.json)"]
    assert [t.name for t in project.themes] == ["Top", "Top (b.json) 2", "Top (b.json)"]
    assert [c.label for c in project.cases] == ["Al", "Al (b.json) 2", "Al (b.json)"]


def test_a_code_under_a_parent_added_apart_is_matched_by_path_nowhere() -> None:
    """Its path is an earlier input's code's, under another parent: a new code, under
    the new parent, keeping its name."""
    b = qcode.ProjectBuilder("Same", id_namespace=NAMESPACE)
    b.user("Ann")
    old = b.code("P")
    b.code("C", parent=old)
    base = b.build()
    later = qcode.ProjectBuilder.from_project(base)
    later.rename_code(old, "Q")
    later.remove(later.build().code("Q/C"))
    new = later.code("P")
    later.code("C", parent=new)
    later.code("E", parent=new)
    merged = merge([base, later.build()], labels=["a.json", "b.json"])
    assert merged.notes == (
        "code 'P' of b.json has the path of a code matched to another of its codes; added "
        "apart as 'P (b.json)'",
    )
    assert [merged.project.path(c) for c in merged.project.codes] == [
        "P",
        "P/C",
        "P (b.json)",
        "P (b.json)/C",
        "P (b.json)/E",
    ]
    assert [c.fields for c in merged.conflicts] == [("name",)]


def test_a_code_is_matched_by_path_under_its_parent_where_two_codes_read_one_path() -> None:
    """A top code called ``Home/Stress`` (as a file may hold it) listed after ``Stress``
    under ``Home`` hid the nested one from a match by path: the later input's ``Stress``
    was added beside it, two codes on one path."""
    ids = iter(uuid.uuid5(NAMESPACE, f"slash/{n}") for n in range(3))
    home = qcode.Code(id=next(ids), name="Home")
    stress = qcode.Code(id=next(ids), name="Stress", parent=home.id)
    slash = qcode.Code(id=next(ids), name="Home/Stress")
    first = qcode.Project(name="First", codes=(home, stress, slash))
    later = qcode.ProjectBuilder("Later", id_namespace=NAMESPACE)
    later.code("Stress", parent=later.code("Home"))
    merged = merge([first, later.build()], labels=["a.json", "b.json"])
    assert merged.project.codes == first.codes
    assert (merged.notes, merged.conflicts) == ((), ())


def test_a_code_follows_its_parent_matched_by_id_through_a_rename_and_twins_fill_in() -> None:
    """Codes were matched by their whole path: under a parent one input renamed (matched by
    its id), the other's child of the same name was added beside it, two codes on one
    path; and of a base's two twins, a later twin matched the taken one and went apart."""
    ids = iter(uuid.uuid5(NAMESPACE, f"rename/{n}") for n in range(6))
    parent, mine, theirs = next(ids), next(ids), next(ids)
    first = qcode.Project(
        name="A",
        codes=(
            qcode.Code(id=parent, name="Home"),
            qcode.Code(id=mine, name="Stress", parent=parent),
        ),
    )
    later = qcode.Project(
        name="B",
        codes=(
            qcode.Code(id=parent, name="House"),
            qcode.Code(id=theirs, name="Stress", parent=parent),
        ),
    )
    merged = merge([first, later], labels=["a.json", "b.json"])
    assert [merged.project.path(c) for c in merged.project.codes] == ["Home", "Home/Stress"]
    assert [c.fields for c in merged.conflicts] == [("name",)]  # Home or House
    x, y, z = next(ids), next(ids), next(ids)
    twins = qcode.Project(name="T", codes=(qcode.Code(id=x, name="A"), qcode.Code(id=y, name="A")))
    other = qcode.Project(name="U", codes=(qcode.Code(id=x, name="A"), qcode.Code(id=z, name="A")))
    merged = merge([twins, other], labels=["t.json", "u.json"])
    assert (merged.project.codes, merged.notes) == (twins.codes, ())


def test_merge_reports_a_coder_in_two_inputs_and_what_it_cannot_merge() -> None:
    b = qcode.ProjectBuilder("Same", id_namespace=NAMESPACE)
    b.user("Ann")
    code = b.code("Bridge")
    b.text_source("Diary", "A bridge.")
    b.case("Site", kind="site")
    base = b.build()
    other = qcode.ProjectBuilder.from_project(base)
    other.quote(base.sources[0], "bridge", codes=[code])
    other.case("Other site", kind="site")
    first = qcode.ProjectBuilder.from_project(base)
    first.quote(base.sources[0], "A", codes=[code])
    merged = merge([first.build(), other.build()], labels=["a.json", "b.json"])
    assert said(merged) == (
        "user 'Ann' coded in a.json and in b.json; their codings cannot be told apart" + POOLED,
    )
    assert merged.notes == ()
    assert [(c.label, c.kind) for c in merged.project.cases] == [
        ("Site", "site"),
        ("Other site", "site"),
    ]
    linked = qcode.ProjectBuilder.from_project(base)
    linked.link(base.sources[0], base.codes[0], name="about")
    merged = merge([base, linked.build()], labels=["a.json", "b.json"])
    assert merged.notes == ()
    assert [(x.name, x.origin, x.target) for x in merged.project.links] == [
        ("about", base.sources[0].id, base.codes[0].id)
    ]


def test_merge_carries_links_sets_and_graphs_pointing_where_the_merge_put_things() -> None:
    ann = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    ann.user("Ann")
    ann.code("Bridge")
    ann.text_source("Diary", "A bridge.")
    ben = qcode.ProjectBuilder("Study", id_namespace=uuid.uuid5(NAMESPACE, "ben"))
    ben.user("Ben")
    bridge = ben.code("Bridge")  # the same path, another id: matched by path
    diary = ben.text_source("Diary", "A bridge.")  # the same text, another id
    ben.quote(diary, "bridge", codes=[bridge])
    ben.link(diary, bridge, name="about")
    ben.set("Core", codes=[bridge], sources=[diary])
    nowhere = uuid.uuid5(NAMESPACE, "nowhere")
    vertices = (
        qcode.Vertex(id=uuid.uuid5(NAMESPACE, "v1"), x1=0, y1=0, represents=bridge.id),
        qcode.Vertex(id=uuid.uuid5(NAMESPACE, "v2"), x1=9, y1=9, represents=nowhere),
    )
    edge = qcode.Edge(id=uuid.uuid5(NAMESPACE, "e"), source=vertices[0].id, target=vertices[1].id)
    ben.add(
        qcode.Graph(id=uuid.uuid5(NAMESPACE, "g"), name="Map", vertices=vertices, edges=(edge,))
    )
    ben.add(
        qcode.Link(id=uuid.uuid5(NAMESPACE, "l"), name="loose", origin=diary.id, target=nowhere)
    )
    first = ann.build()
    merged = merge([first, ben.build()])
    kept_code, kept_diary = first.codes[0].id, first.sources[0].id
    assert [(x.name, x.origin, x.target) for x in merged.project.links] == [
        ("about", kept_diary, kept_code)
    ]
    (core,) = merged.project.sets
    assert (core.codes, core.sources) == ((kept_code,), (kept_diary,))
    (drawn,) = merged.project.graphs
    assert [v.represents for v in drawn.vertices] == [kept_code, None]
    assert drawn.edges == (edge,)
    assert merged.notes == (
        "source 'Diary' of Study (input 2) matched 'Diary' by text",
        "link 'loose' of Study (input 2) not merged: it names an object the merge does not hold",
        "graph 'Map' of Study (input 2): 1 member(s) name objects the merge does not hold; "
        "left out (each vertex stays, standing for nothing)",
    )


def test_definition_conflicts_name_the_fields_that_differ() -> None:
    code = qcode.Code(id=NAMESPACE, name="Bridge", brief_definition="Between")
    other = attrs.evolve(code, name="Bridges", when_to_use=("always",))
    assert definition_conflicts(code, other) == ["name", "when_to_use"]
    assert definition_conflicts(code, code) == []
    with pytest.raises(TypeError) as wrong:
        definition_conflicts(qcode.Project(name="A"), code)  # type: ignore[arg-type]
    assert (
        str(wrong.value) == "definition_conflicts compares two versions of one code, not a Project"
    )


def test_merge_and_split_refuse_what_they_cannot_do(study: qcode.Project) -> None:
    with pytest.raises(AgreementError, match=r"^merging needs two or more projects; given 1$"):
        merge([study])
    empty = qcode.Project(name="Empty")
    with pytest.raises(
        AgreementError, match=r"^project 'Empty' has no codings with a coder to split by$"
    ):
        split(empty)


@settings(max_examples=examples(10), deadline=None)
@given(st.integers(2, 6))
def test_merging_split_parts_keeps_agreement(every: int) -> None:
    project = second_coder(qcode.load(EXAMPLE), every)
    merged = merge(list(split(project).values())).project
    assert nvivo(merged).rows == nvivo(project).rows


def test_merge_keeps_what_only_a_later_input_holds_and_what_collides_apart() -> None:
    b = qcode.ProjectBuilder("Base", id_namespace=NAMESPACE)
    b.user("Ann")
    bridge, toll = b.code("Bridge"), b.code("Toll")
    diary = b.text_source("Diary", "We are a bridge.")
    b.text_source("Notes", "It takes its toll.")
    b.quote(diary, "a bridge", codes=[bridge])
    same = b.quote(diary, "We", codes=[toll])
    base = b.build()
    later = qcode.ProjectBuilder.from_project(base)
    later.user("Ben")
    later.variable("Role")
    later.note("Ben's memo")
    excerpt = base.sources[0].excerpts[0]
    later.update(excerpt, anchor=qcode.TextSpan(3, 15), quote="are a bridge")  # same id, moved
    notes = base.sources[1]
    later.update(notes, content=qcode.TextContent(text="It takes a toll."))
    site = later.case("Site", kind="site")
    later.update(site, sources=(notes.id,), excerpts=(excerpt.id,))
    coding = excerpt.codings[0]
    changed = later.build()
    recoded = attrs.evolve(changed.sources[0].excerpts[0].codings[0], code=toll.id)
    later.update(changed.sources[0], excerpts=(
        attrs.evolve(changed.sources[0].excerpts[0], codings=(recoded,)),
        changed.sources[0].excerpts[1]))  # fmt: skip
    merged = merge([base, later.build()], labels=["base", "later"])
    assert merged.notes == (
        "source 'Diary': 1 excerpt(s) of later sit at another anchor under an id the merge "
        "holds; given new ids",
        "source 'Notes' has another text in later; added apart as 'Notes (later)'",
    )
    project = merged.project
    assert [u.name for u in project.users] == ["Ann", "Ben"]
    assert [v.name for v in project.variables] == ["Role"]
    assert [n.text for n in project.notes] == ["Ben's memo"]
    assert [s.name for s in project.sources] == ["Diary", "Notes", "Notes (later)"]
    assert project.sources[2].id == uuid.uuid5(notes.id, "later")
    kept, unchanged, moved = project.sources[0].excerpts
    assert (kept.id, kept.anchor, kept.codings) == (excerpt.id, excerpt.anchor, (coding,))
    assert unchanged == same
    assert moved.id == uuid.uuid5(excerpt.id, "later")
    assert moved.anchor == qcode.TextSpan(3, 15)
    assert [(c.id, c.code) for c in moved.codings] == [(uuid.uuid5(coding.id, "later"), toll.id)]
    # the case points where its source and excerpt went: the ones added apart
    (case,) = project.cases
    assert (case.sources, case.excerpts) == ((project.sources[2].id,), (moved.id,))


intervals = st.lists(
    st.tuples(st.integers(0, 50), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=5,
)


@settings(max_examples=examples(40), deadline=None)
@given(intervals, intervals, intervals)
def test_agreement_on_a_merge_equals_agreement_between_the_inputs(
    ann: list[tuple[int, int]], ben: list[tuple[int, int]], toll: list[tuple[int, int]]
) -> None:
    text = "x" * 80
    base = two_coders(text, {"Bridge": [], "Toll": []}, names=("Nobody",))
    code = {c.name: c.id for c in base.codes}

    def copy(user: str, coded: dict[str, list[tuple[int, int]]]) -> qcode.Project:
        coder = qcode.User(id=uuid.uuid5(NAMESPACE, user), name=user)
        excerpts = [
            qcode.Excerpt(
                id=uuid.uuid5(NAMESPACE, f"{user}/{name}/{n}"),
                anchor=qcode.TextSpan(*span),
                codings=(
                    qcode.Coding(
                        id=uuid.uuid5(NAMESPACE, f"{user}/{name}/{n}/coding"),
                        code=code[name],
                        coder=coder.id,
                    ),
                ),
            )
            for name, spans in coded.items()
            for n, span in enumerate(spans)
        ]
        source = attrs.evolve(base.sources[0], excerpts=tuple(excerpts))
        return attrs.evolve(base, users=(coder,), sources=(source,))

    first, second = copy("Ann", {"Bridge": ann, "Toll": toll}), copy("Ben", {"Bridge": ben})
    if not (ann or toll) or not ben:
        return  # a side that coded nothing is not a coder of the merged project
    merged = merge([first, second]).project
    assert nvivo(merged).rows == nvivo(first, second).rows
    assert alpha(merged).rows == alpha(first, second).rows


def test_merge_joins_themes_by_name_and_cases_by_label_carrying_their_references() -> None:
    b = qcode.ProjectBuilder("Base", id_namespace=NAMESPACE)
    b.user("Ann")
    role = b.variable("Role")
    bridge, toll = b.code("Bridge"), b.code("Toll")
    p1 = b.participant("P1", values={role: "worker"})
    diary = b.text_source("Diary", "We are a bridge. It takes its toll.")
    b.quote(diary, "a bridge", codes=[bridge], speaker=p1)
    b.theme("Tension", codes=[bridge])
    base = b.build()
    # Ben's copy: its own ids throughout, the same names, labels and text
    c = qcode.ProjectBuilder("Ben's copy")
    c.user("Ben")
    role2 = c.variable("Role")
    bridge2, toll2 = c.code("Bridge"), c.code("Toll")
    ben_p1 = c.participant("P1", values={role2: "manager"})
    p2 = c.participant("P2")
    diary2 = c.text_source("Diary", "We are a bridge. It takes its toll.")
    quoted = c.quote(diary2, "It takes its toll.", codes=[toll2], speaker=ben_p1)
    c.quote(diary2, "We are", codes=[toll2], speaker=p2)
    c.theme("Tension", codes=[toll2])
    sub = c.theme("Strain", codes=[bridge2, toll2])
    c.theme("Fatigue", codes=[toll2], parent=sub)
    merged = merge([base, c.build()], labels=["ann", "ben"])
    assert merged.notes == (
        "source 'Diary' of ben matched 'Diary' by text",
        "theme 'Tension' of ben matched by path",
        "case 'P1' of ben matched by label",
    )
    assert said(merged) == ("case 'P1' has Role 'manager' in ben; kept 'worker', the value in ann",)
    project = merged.project
    assert [(t.name, [project.path(c) for c in t.codes]) for t in project.themes] == [
        ("Tension", ["Bridge", "Toll"]),
        ("Strain", ["Bridge", "Toll"]),
        ("Fatigue", ["Toll"]),
    ]
    assert project.themes[2].parent == project.themes[1].id
    (source,) = project.sources
    first, second, third = source.excerpts
    one, two = project.cases[0], project.cases[1]
    assert (one.label, one.sources, one.excerpts) == ("P1", (source.id,), (first.id, quoted.id))
    assert [v.value for v in one.values] == ["worker"]
    assert second.id == quoted.id
    assert (two.label, two.sources, two.excerpts) == ("P2", (source.id,), (third.id,))
    assert [v.id for v in project.variables] == [role.id]
    assert [(c.id, c.name) for c in project.codes] == [(bridge.id, "Bridge"), (toll.id, "Toll")]


def test_merge_keeps_a_variable_of_another_type_apart_and_says_so() -> None:
    copies = []
    for name, kind in (("Ann", qcode.VariableType.INTEGER), ("Ben", qcode.VariableType.TEXT)):
        b = qcode.ProjectBuilder(f"{name}'s copy")
        b.user(name)
        age = b.variable("Age", kind)
        b.participant("P1", values={age: 40 if kind is qcode.VariableType.INTEGER else "forty"})
        copies.append(b.build())
    merged = merge(copies, labels=["ann", "ben"])
    assert merged.notes == (
        "variable 'Age' is text in ben, integer before; added apart as 'Age (ben)', with its "
        "values",
        "case 'P1' of ben matched by label",
    )
    assert merged.conflicts == ()
    (case,) = merged.project.cases
    assert [v.value for v in case.values] == [40, "forty"]
    assert [v.type.value for v in merged.project.variables] == ["integer", "text"]


def _renamed(name: str, new: str) -> tuple[qcode.Project, qcode.Project]:
    """A study with one code, and a copy of it where the code has another name."""
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    b.code(name)
    base = b.build()
    copy = qcode.ProjectBuilder.from_project(base)
    copy.rename_code(name, new)
    return base, copy.build()


def test_a_code_renamed_in_one_input_is_a_conflict_naming_the_other_name() -> None:
    merged = merge(list(_renamed("Support", "Team support")), labels=["ann.json", "ben.json"])
    assert said(merged) == (
        "code 'Support' differs in ben.json: name ('Team support' there); kept the "
        "version in ann.json",
    )
    assert [c.name for c in merged.project.codes] == ["Support"]


def test_merge_numbers_inputs_that_share_a_name_and_checks_the_labels_given() -> None:
    copies = []
    for name, kind in (("Ann", qcode.VariableType.INTEGER), ("Ben", qcode.VariableType.TEXT)):
        b = qcode.ProjectBuilder("Study")
        b.user(name)
        b.variable("Age", kind)
        copies.append(b.build())
    assert merge(copies).notes == (
        "variable 'Age' is text in Study (input 2), integer before; added apart as "
        "'Age (Study (input 2))', with its values",
    )
    with pytest.raises(AgreementError) as error:
        merge(copies, labels=["ann"])
    assert str(error.value) == "labels: 1 given for 2 projects"
    with pytest.raises(AgreementError) as empty:
        merge(copies, labels=["ann", ""])
    assert str(empty.value) == "labels: input 2 has an empty label"
    with pytest.raises(TypeError) as text:
        merge(copies, labels="ab")
    assert str(text.value) == "labels must be a list, one per project, not str 'ab'"


def test_merge_keeps_the_later_coders_memos_on_codes_sources_and_excerpts_both_hold() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    toll = b.code("Toll")
    diary = b.text_source("Diary", "A long day.")
    day = b.quote(diary, "long day", codes=[toll])
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    bea.user("Bea")
    memo = bea.note("Tired, not hurt", about=[toll, diary, day])
    merged = merge([base, bea.build()]).project
    assert merged.code("Toll").note_refs == (memo.id,)
    assert merged.source("Diary").note_refs == (memo.id,)
    assert merged.sources[0].excerpts[0].note_refs == (memo.id,)
    assert qcode.validate(merged) == ()
    first = b.note("About the whole study")  # a memo about the project
    ann = qcode.ProjectBuilder.from_project(b.build())
    later = bea.note("The study, as Bea saw it")
    merged = merge([ann.build(), bea.build()]).project
    assert merged.note_refs == (first.id, later.id)
    assert qcode.validate(merged) == ()


def test_a_set_both_inputs_hold_gains_members_and_a_renamed_set_or_link_is_a_conflict() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    toll, calm = b.code("Toll"), b.code("Calm")
    diary = b.text_source("Diary", "A long day.")
    core = b.set("Core", codes=[toll])
    about = b.link(diary, toll, name="about")
    base = b.build()
    ann, bea = (qcode.ProjectBuilder.from_project(base) for _ in range(2))
    ann.user("Ann")
    bea.user("Bea")
    ann.update(core, name="Core codes")
    bea.update(core, codes=(toll.id, calm.id))
    bea.update(about, name="is about")
    merged = merge([ann.build(), bea.build()])
    assert said(merged) == (
        "link 'about' differs in Study (input 2): name ('is about' there); kept the "
        "version in Study (input 1)",
        "set 'Core codes' differs in Study (input 2): name ('Core' there); kept the "
        "version in Study (input 1)",
    )
    (kept,) = merged.project.sets
    assert (kept.name, kept.codes) == ("Core codes", (toll.id, calm.id))
    assert [link.name for link in merged.project.links] == ["about"]


def test_renamed_themes_cases_sources_moved_codes_and_changed_links_are_conflicts() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    moods = b.code("Moods", codable=False)
    calm = b.code("Calm", parent=moods)
    feelings = b.theme("Feelings", codes=[calm])
    p1 = b.participant("P1")
    diary = b.text_source("Diary", "A calm day.", kind="diary")
    about = b.link(diary, calm, name="about")
    plain = b.link(p1, diary)
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    bea.user("Bea")
    bea.move_code(calm, parent=None)
    bea.update(feelings, name="Emotions")
    bea.update(p1, label="P01", description="Nurse")
    bea.update(diary, name="Day book")
    bea.update(about, name=None, direction=qcode.Direction.ONE_WAY)
    bea.update(plain, name="wrote")
    merged = merge([base, bea.build()], labels=["base.json", "base.json"])
    assert said(merged) == (
        "code 'Moods/Calm' differs in base.json (input 2): place (at the top there); kept the "
        "version in base.json (input 1)",
        "source 'Diary' differs in base.json (input 2): name ('Day book' there); kept the "
        "version in base.json (input 1)",
        "theme 'Feelings' differs in base.json (input 2): name ('Emotions' there); kept the "
        "version in base.json (input 1)",
        "case 'P1' differs in base.json (input 2): label ('P01' there), description; kept the "
        "version in base.json (input 1)",
        "link 'about' differs in base.json (input 2): name (none there), direction; kept the "
        "version in base.json (input 1)",
        f"link '{plain.id}' differs in base.json (input 2): name ('wrote' there); kept the "
        "version in base.json (input 1)",
    )
    assert merged.project.path(merged.project.code("Calm")) == "Moods/Calm"
    assert [t.name for t in merged.project.themes] == ["Feelings"]
    assert qcode.validate(merged.project) == ()


def test_a_renamed_parent_is_one_conflict_and_its_children_stay_in_place() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    moods = b.code("Moods", codable=False)
    b.code("Calm", parent=moods)
    b.code("Angry", parent=moods)
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    bea.rename_code(moods, "Feelings")
    bea.move_code("Angry", parent=None)
    assert said(merge([base, bea.build()])) == (
        "code 'Moods' differs in Study (input 2): name ('Feelings' there); kept the "
        "version in Study (input 1)",
        "code 'Moods/Angry' differs in Study (input 2): place (at the top there); kept the "
        "version in Study (input 1)",
    )


def test_a_source_added_apart_and_an_excerpt_moved_keep_every_coding_under_new_ids() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    ann = b.user("Ann")
    like = b.code("Like")
    interview = b.text_source("Interview", "I like my job.")
    diary = b.text_source("Diary", "A long day at work.")
    liked = b.quote(interview, "I like my job", codes=[like])
    day = b.quote(diary, "long day", codes=[like])
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    bea.user("Bea")
    bea.update(interview, content=qcode.TextContent(text="I like my job a lot."))
    bea.recode(liked, add=[like])  # Bea codes the same words in her copy
    ann_again = qcode.ProjectBuilder.from_project(base)
    ann_again.update(day, anchor=qcode.TextSpan(2, 15), quote=None)  # Ann moves her excerpt
    merged = merge([base, bea.build(), ann_again.build()], labels=["a", "b", "c"])
    project = merged.project
    assert merged.notes == (
        "source 'Interview' has another text in b; added apart as 'Interview (b)'",
        "source 'Diary': 1 excerpt(s) of c sit at another anchor under an id the merge holds; "
        "given new ids",
    )
    assert qcode.validate(project) == ()
    apart = project.source("Interview (b)")
    assert apart.excerpts[0].id == uuid.uuid5(liked.id, "b")
    assert [(c.coder, c.code) for c in apart.excerpts[0].codings] == [
        (ann.id, like.id),
        (project.user("Bea").id, like.id),
    ]
    moved = project.source("Diary").excerpts[1]
    assert (moved.id, moved.anchor) == (uuid.uuid5(day.id, "c"), qcode.TextSpan(2, 15))
    assert [c.coder for c in moved.codings] == [ann.id]
    # Ann's coding came with the source added apart, and with her excerpt moved: copies
    # under its id, not codings of hers the merge cannot tell apart
    assert merged.conflicts == ()
    parts = qcode.agreement.split(project)
    assert [e.codings[0].code for e in parts["Bea"].source("Interview (b)").excerpts] == [like.id]


def test_every_field_a_later_input_changes_is_a_conflict_or_joined() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    b.user("Ann", login="ann")
    calm = b.code("Calm", color="#00AA00")
    top, low = b.theme("Feelings", codes=[calm]), b.theme("Quiet")
    age = b.variable("Age", qcode.VariableType.INTEGER)
    role = b.variable("Role")
    diary = b.text_source("Diary", "A calm day.", values={age: 30})
    day = b.quote(diary, "calm day", codes=[calm], name="Day")
    memo = b.note("Calm days are rare.", name="Rare")
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    bea.update(calm, color="#FF0000")
    bea.update(low, parent=top.id)
    bea.update(memo, text="Calm days are common.")
    bea.update(diary, values=(qcode.VariableValue(age.id, 31), qcode.VariableValue(role.id, "x")))
    bea.update(age, description="In years")
    bea.update("Ann", login="ann.k")
    bea.update(day, name="A day")
    merged = merge([base, bea.build()], labels=["a", "b"])
    assert said(merged) == (
        "user 'Ann' differs in b: login; kept the version in a",
        "code 'Calm' differs in b: color; kept the version in a",
        "variable 'Age' differs in b: description; kept the version in a",
        "excerpt 'Day' differs in b: name ('A day' there); kept the version in a",
        "source 'Diary' has Age 31 in b; kept 30, the value in a",
        "note 'Rare' differs in b: text; kept the version in a",
        "theme 'Quiet' differs in b: place (under 'Feelings' there); kept the version in a",
    )
    assert merged.project.source("Diary").values == (
        qcode.VariableValue(age.id, 30),
        qcode.VariableValue(role.id, "x"),
    )


def test_links_and_sets_of_copies_built_apart_are_matched_by_ends_and_by_name() -> None:
    def copy(coder: str) -> qcode.Project:
        b = qcode.ProjectBuilder("Study")  # random ids: each copy built apart
        b.user(coder)
        calm, angry = b.code("Calm"), b.code("Angry")
        diary = b.text_source("Diary", "A calm day.")
        b.quote(diary, "calm day", codes=[calm])
        b.link(calm, angry, name="opposes")
        b.set("Moods", codes=[calm] if coder == "Ann" else [angry])
        return b.build()

    merged = merge([copy("Ann"), copy("Bea")], labels=["a", "b"])
    project = merged.project
    assert merged.notes == (
        "source 'Diary' of b matched 'Diary' by text",
        "link 'opposes' of b matched by its ends and name",
        "set 'Moods' of b matched by name",
    )
    (link,) = project.links
    assert (project.get(link.origin).name, project.get(link.target).name) == ("Calm", "Angry")
    (moods,) = project.sets
    assert [project.get(c).name for c in moods.codes] == ["Calm", "Angry"]
    assert merged.conflicts == ()
    assert qcode.validate(project) == ()


def test_a_graph_keeps_what_its_input_added_with_it() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    calm, angry = b.code("Calm"), b.code("Angry")
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base)
    link = bea.link(calm, angry, name="opposes")
    group = bea.set("Moods", codes=[calm, angry])
    ends = (uuid.uuid5(NAMESPACE, "v1"), uuid.uuid5(NAMESPACE, "v2"))
    vertices = (
        qcode.Vertex(id=ends[0], x1=0, y1=0, represents=group.id),
        qcode.Vertex(id=ends[1], x1=50, y1=0, represents=calm.id),
    )
    edge = qcode.Edge(id=uuid.uuid5(NAMESPACE, "e"), source=ends[0], target=ends[1],
                      represents=link.id)  # fmt: skip
    bea.add(qcode.Graph(id=uuid.uuid5(NAMESPACE, "g"), name="Map", vertices=vertices,
                        edges=(edge,)))  # fmt: skip
    merged = merge([base, bea.build()])
    (graph,) = merged.project.graphs
    assert [v.represents for v in graph.vertices] == [group.id, calm.id]
    assert graph.edges[0].represents == link.id
    assert merged.notes == ()


def test_a_conflict_holds_what_differs_and_names_the_input_whose_version_is_kept() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    ann = b.user("Ann")
    moods = b.code("Moods")
    role = b.variable("Role")
    p1 = b.participant("P1", values={role: "worker"})
    diary = b.text_source("Diary", "A calm day.")
    b.quote(diary, "calm", codes=[moods], coder=ann)
    base = b.build()
    second = qcode.ProjectBuilder.from_project(base)
    calm = second.code("Calm", parent=moods, brief_definition="At ease.")
    third = qcode.ProjectBuilder.from_project(second.build())
    third.update(calm, brief_definition="Quiet.", name="Serene")
    third.move_code(calm, parent=None)
    third.update(p1, values=(qcode.VariableValue(role.id, "manager"),))
    third.quote(diary, "day", codes=[moods], coder=ann)
    merged = merge([base, second.build(), third.build()], labels=["a", "b", "c"])
    assert merged.conflicts == (
        MergeConflict(
            "code",
            calm.id,
            "Moods/Calm",
            ("name", "brief_definition", "parent"),
            ("Calm", "At ease.", moods.id),
            ("Serene", "Quiet.", None),
            "b",
            "c",
            "code 'Moods/Calm' differs in c: name ('Serene' there), brief_definition, place "
            "(at the top there); kept the version in b",
        ),
        MergeConflict(
            "user",
            ann.id,
            "Ann",
            ("codings",),
            (None,),
            (None,),
            "a",
            "c",
            "user 'Ann' coded in a and in c; their codings cannot be told apart" + POOLED,
        ),
        MergeConflict(
            "case",
            p1.id,
            "P1",
            ("value:Role",),
            ("worker",),
            ("manager",),
            "a",
            "c",
            "case 'P1' has Role 'manager' in c; kept 'worker', the value in a",
        ),
    )
    assert (
        str(merged.conflicts[2])
        == "case 'P1' has Role 'manager' in c; kept 'worker', the value in a"
    )
    assert merged.project.code("Moods/Calm").brief_definition == "At ease."


def test_a_value_a_later_input_gave_is_kept_as_that_inputs_and_another_type_goes_apart() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    role = b.variable("Role")
    size = b.variable("Size", qcode.VariableType.INTEGER)
    site = b.case("Site", kind="site")
    base = b.build()
    copies = []
    for value in ("lead", "helper"):
        copy = qcode.ProjectBuilder.from_project(base)
        copy.update(site, values=(qcode.VariableValue(role.id, value),))
        copies.append(copy.build())
    retyped = qcode.ProjectBuilder.from_project(base)
    retyped.update(size, type=qcode.VariableType.TEXT)
    retyped.case("Team", kind="group", values={size: "five"})
    merged = merge([base, *copies, retyped.build()], labels=["a", "b", "c", "d"])
    assert said(merged) == ("case 'Site' has Role 'helper' in c; kept 'lead', the value in b",)
    assert merged.conflicts[0].kept == "b"
    assert merged.notes == (
        "variable 'Size' is text in d, integer before; added apart as 'Size (d)', with its values",
    )
    project = merged.project
    assert [(v.name, v.type.value) for v in project.variables] == [
        ("Role", "text"),
        ("Size", "integer"),
        ("Size (d)", "text"),
    ]
    team = project.case("Team")
    assert [(project.get(v.variable).name, v.value) for v in team.values] == [("Size (d)", "five")]
    assert team.values[0].variable == uuid.uuid5(size.id, "d")
    assert qcode.validate(project) == ()


def test_merge_refuses_what_is_not_a_project() -> None:
    with pytest.raises(TypeError) as wrong:
        merge([qcode.Project(name="A"), "b.json"])  # type: ignore[list-item]
    assert str(wrong.value) == (
        "merge takes loaded projects (qcode.load, qcode.read), not str 'b.json'"
    )


def test_a_later_inputs_transcripts_notes_and_values_are_joined_not_dropped() -> None:
    b = qcode.ProjectBuilder("R", id_namespace=NAMESPACE)
    calm = b.code("Calm")
    ana = b.user("Ana")
    role = b.variable("Role")
    b.source("Rec", qcode.AudioContent(path="a.mp3"))
    b.excerpt("Rec", qcode.TimeSpan(0, 1000), codes=[calm], coder=ana)
    memo = b.note("Calm at first.", name="Memo")
    base = b.build()
    bea = qcode.ProjectBuilder.from_project(base, id_namespace=NAMESPACE)
    ben = bea.user("Bea")
    new = bea.code("New")
    extra = bea.variable("Extra")
    points = tuple(
        qcode.SyncPoint(id=uuid.uuid5(NAMESPACE, f"sync {n}"), time=n * 900, position=n * 12)
        for n in (0, 1)
    )
    words = qcode.Transcript(
        id=uuid.uuid5(NAMESPACE, "said"), text="Hello there.", sync_points=points
    )
    bea.update("Rec", content=qcode.AudioContent(path="a.mp3", transcripts=(words,)))
    span = qcode.TranscriptSpan(transcript=words.id, from_sync=points[0].id, to_sync=points[1].id)
    bea.excerpt("Rec", span, codes=[new], coder=ben)
    coding = qcode.Coding(id=uuid.uuid5(NAMESPACE, "memo coding"), code=new.id, coder=ben.id)
    bea.update(memo, values=(qcode.VariableValue(role.id, "lead"),), codings=(coding,))
    bea.update(bea.note("Bea's memo.", name="Bea"), values=(qcode.VariableValue(extra.id, "x"),))
    moved = qcode.ProjectBuilder.from_project(base)
    moved.update("Rec", content=qcode.AudioContent(path="b.mp3"))
    merged = merge([base, bea.build(), moved.build()], labels=["a", "b", "c"])
    project = merged.project
    assert qcode.validate(project) == ()
    assert project.source("Rec").content == qcode.AudioContent(path="a.mp3", transcripts=(words,))
    assert said(merged) == ("source 'Rec' differs in c: content; kept the version in a",)
    kept = project.note("Memo")
    assert (kept.values, kept.codings) == ((qcode.VariableValue(role.id, "lead"),), (coding,))
    assert project.note("Bea").values == (qcode.VariableValue(extra.id, "x"),)
    assert merged.notes == ()


def test_the_same_change_in_two_inputs_goes_apart_once_and_its_conflicts_name_who_brought_it() -> (
    None
):
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    size = b.variable("Size", qcode.VariableType.INTEGER)
    chat = b.text_source("Chat", "Hello.")
    site = b.case("Site", kind="site", values={size: 5})
    b.link(site, chat, name="about")
    base = b.build()
    copy = qcode.ProjectBuilder.from_project(base)
    copy.update(site, values={})  # a value of the old type goes before the type changes
    copy.update(size, type=qcode.VariableType.TEXT)
    copy.update(site, values=(qcode.VariableValue(size.id, "five"),))
    copy.update(chat, content=qcode.TextContent(text="Hello. And more."))
    again = qcode.ProjectBuilder.from_project(copy.build())
    again.update(chat, description="A chat")
    merged = merge([base, copy.build(), copy.build(), again.build()], labels=["a", "b", "c", "d"])
    project = merged.project
    assert qcode.validate(project) == ()
    assert [(v.name, v.type.value) for v in project.variables] == [
        ("Size", "integer"),
        ("Size (b)", "text"),
    ]
    assert [s.name for s in project.sources] == ["Chat", "Chat (b)"]
    assert merged.notes == (
        "variable 'Size' is text in b, integer before; added apart as 'Size (b)', with its values",
        "source 'Chat' has another text in b; added apart as 'Chat (b)'",
        "source 'Chat' of c matched 'Chat (b)' by text",
        "source 'Chat' of d matched 'Chat (b)' by text",
    )
    assert said(merged) == ("source 'Chat (b)' differs in d: description; kept the version in b",)
    assert [(v.value) for v in project.case("Site").values] == [5, "five"]


def test_a_label_given_like_anothers_numbered_form_numbers_every_label() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    calm = b.code("Calm")
    chat = b.text_source("Chat", "Hello.")
    base = b.build()
    inputs = [base]
    for text in ("Hello. Two.", "Hello. Three."):
        copy = qcode.ProjectBuilder.from_project(base)
        copy.update(chat, content=qcode.TextContent(text=text))
        copy.rename_code(calm, "Serene")
        inputs.append(copy.build())
    merged = merge(inputs, labels=["x", "x", "x (input 2)"])
    assert [s.name for s in merged.project.sources] == [
        "Chat",
        "Chat (x (input 2))",
        "Chat (x (input 2) (input 3))",
    ]
    assert said(merged)[-1] == (
        "code 'Calm' differs in x (input 2) (input 3): name ('Serene' there); kept the version "
        "in x (input 1)"
    )


def test_names_in_either_unicode_form_are_matched() -> None:
    copies = []
    for form in ("NFC", "NFD"):
        b = qcode.ProjectBuilder("Study")  # random ids: matched by path, name and label
        cafe = b.code(unicodedata.normalize(form, "Café"))
        b.theme(unicodedata.normalize(form, "Thème"), codes=[cafe])
        b.case(unicodedata.normalize(form, "Zoë"), kind="site")
        b.variable(unicodedata.normalize(form, "Rôle"))
        copies.append(b.build())
    merged = merge(copies, labels=["a", "b"])
    project = merged.project
    assert [len(project.codes), len(project.themes), len(project.cases)] == [1, 1, 1]
    assert len(project.variables) == 1
    theme, case = (unicodedata.normalize("NFD", name) for name in ("Thème", "Zoë"))
    assert merged.notes == (
        f"theme {theme!r} of b matched by path",
        f"case {case!r} of b matched by label",
    )
    assert project.themes[0].codes == (project.codes[0].id,)


def test_another_file_of_a_picture_is_a_conflict_and_a_texts_file_is_not() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    b.source("Diary", qcode.TextContent(text="A day.", path="diary.txt"))
    b.source("Collage", qcode.PictureContent(path="collage.png", current_path="/home/a"))
    base = b.build()
    other = qcode.ProjectBuilder.from_project(base)
    other.update("Diary", content=qcode.TextContent(text="A day.", path="sources/1.txt"))
    other.update("Collage", content=qcode.PictureContent(path="collage.png", current_path="/b"))
    assert merge([base, other.build()]).conflicts == ()
    other.update("Collage", content=qcode.PictureContent(path="collage-2.png"))
    assert said(merge([base, other.build()], labels=["a", "b"])) == (
        "source 'Collage' differs in b: content; kept the version in a",
    )


def test_ids_two_kinds_share_are_merged_as_what_each_is() -> None:
    """ATLAS.ti shares ids between kinds (`shared-id` warns of it): a note, a user or a
    source with a code's id is merged as a note, user or source, in either order."""
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    calm = b.code("Calm")
    base = b.build()
    clash = qcode.Note(id=calm.id, text="Same id as a code.", name="Clash")
    ann = qcode.User(id=calm.id, name="Ann")
    other = attrs.evolve(base, notes=(clash,), users=(ann,))
    for inputs in ([base, other], [other, base], [other, other]):
        merged = merge(inputs, labels=["a", "b"])
        assert (merged.notes, merged.conflicts) == ((), ())
        project = merged.project
        assert (project.codes, project.notes, project.users) == ((calm,), (clash,), (ann,))
        assert [i.code for i in qcode.validate(project)] == ["shared-id", "shared-id"]


def test_excerpts_at_one_place_under_other_ids_are_one_excerpt_unless_named_otherwise() -> None:
    copies = []
    for coder, name in (("Ann", None), ("Bea", None), ("Cy", "Cy's own")):
        b = qcode.ProjectBuilder("Study")  # random ids: nothing shares an id
        user = b.user(coder)
        diary = b.text_source("Diary", "A calm day.")
        b.quote(diary, "calm day", codes=[b.code("Calm")], coder=user, name=name)
        copies.append(b.build())
    merged = merge(copies, labels=["a", "b", "c"])
    project = merged.project
    assert qcode.validate(project) == ()
    excerpts = project.source("Diary").excerpts
    assert [(e.name, [project.get(c.coder).name for c in e.codings]) for e in excerpts] == [
        (None, ["Ann", "Bea"]),
        ("Cy's own", ["Cy"]),
    ]
    again = merge([copies[0], copies[1], copies[1]], labels=["a", "b", "c"])
    assert [len(e.codings) for e in again.project.source("Diary").excerpts] == [2]
    assert again.conflicts == ()  # c holds only copies of what the merge has


def test_pictures_of_one_name_under_other_ids_are_said_to_have_no_text_to_match() -> None:
    """The note said the picture had "another text", which no picture has."""
    copies = [
        qcode.Project(
            name="Study",
            sources=(
                qcode.Source(
                    id=uuid.uuid4(), name="Cat", content=qcode.PictureContent(path="cat.png")
                ),
            ),
        )
        for _ in range(2)
    ]
    merged = merge(copies, labels=["a", "b"])
    assert merged.notes == (
        "source 'Cat' of b has no text to be matched by, and another id than 'Cat'; added "
        "apart as 'Cat (b)'",
    )


def test_copies_built_apart_say_what_differs_and_nothing_that_does_not() -> None:
    copies = []
    for form, role, text in (("NFC", "Job title", "A day."), ("NFD", "Profession", "A day.\n")):
        b = qcode.ProjectBuilder("Study")  # random ids
        b.code(unicodedata.normalize(form, "Café"))
        b.variable("Role", description=role)
        b.text_source("Interview", text)
        copies.append(b.build())
    merged = merge(copies, labels=["a", "b"])
    assert said(merged) == ("variable 'Role' differs in b: description; kept the version in a",)
    assert merged.notes == (
        "source 'Interview' of b has another text than 'Interview'; added apart as 'Interview (b)'",
    )
    assert [s.name for s in merged.project.sources] == ["Interview", "Interview (b)"]
    with pytest.raises(TypeError) as not_text:
        merge(copies, labels=["a", Path("b.json")])  # type: ignore[list-item]
    assert str(not_text.value) == "labels are text, not PosixPath PosixPath('b.json')"
    assert merge(iter(copies)).project.name == "Study"


def test_a_new_codes_example_quotes_the_excerpt_where_the_merge_put_it() -> None:
    copies = []
    for coder in ("Ana", "Bea"):
        b = qcode.ProjectBuilder("Study")  # random ids
        b.user(coder)
        diary = b.text_source("Diary", "I was tired. Then calm.")
        quoted = b.quote(diary, "I was tired", codes=[b.code("Tired")])
        if coder == "Bea":
            b.code("Exhaustion", examples=[qcode.Example(text="I was tired", excerpt=quoted.id)])
        copies.append(b.build())
    merged = merge(copies, labels=["a", "b"]).project
    assert qcode.validate(merged) == ()
    (excerpt,) = merged.source("Diary").excerpts
    assert merged.code("Exhaustion").examples[0].excerpt == excerpt.id


def test_a_theme_gains_the_memo_references_a_later_input_added() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    feelings = b.theme("Feelings")
    base = b.build()
    copy = qcode.ProjectBuilder.from_project(base)
    memo = copy.note("Feelings run high.", about=[feelings])
    merged = merge([base, copy.build()]).project
    assert merged.theme("Feelings").note_refs == (memo.id,)
    assert qcode.validate(merged) == ()


def _recording(
    label: str, text: str
) -> tuple[qcode.ProjectBuilder, qcode.Code, qcode.Transcript, Iterator[uuid.UUID]]:
    """A builder holding a recording "Rec" whose transcript ``text`` has two sync points
    (at 0 ms and position 0, at 5000 ms and position 6), a code "Calm", the transcript, and
    more ids (the first two were the sync points')."""
    made = iter(uuid.uuid5(NAMESPACE, f"{label} {n}") for n in range(10))
    points = (
        qcode.SyncPoint(id=next(made), time=0, position=0),
        qcode.SyncPoint(id=next(made), time=5000, position=6),
    )
    words = qcode.Transcript(id=next(made), text=text, sync_points=points)
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    calm = b.code("Calm")
    b.source("Rec", qcode.AudioContent(path="rec.mp3", transcripts=(words,)))
    return b, calm, words, made


def test_a_transcript_gains_a_later_inputs_sync_points_and_spans_on_another_version_go() -> None:
    b, calm, words, made = _recording("sync", "hello there world")
    points = words.sync_points
    first, second, third = points[0].id, points[1].id, next(made)
    span = qcode.TranscriptSpan(transcript=words.id, from_sync=first, to_sync=second)
    b.excerpt("Rec", span, codes=[calm])
    base = b.build()
    more = qcode.ProjectBuilder.from_project(base, id_namespace=NAMESPACE)
    bea = more.user("Bea")
    later = qcode.SyncPoint(id=third, time=9000, position=12)
    longer = attrs.evolve(words, sync_points=(*points, later))
    more.update("Rec", content=qcode.AudioContent(path="rec.mp3", transcripts=(longer,)))
    span = qcode.TranscriptSpan(transcript=words.id, from_sync=second, to_sync=third)
    more.excerpt("Rec", span, codes=[calm], coder=bea)
    merged = merge([base, more.build()], labels=["a", "b"])
    assert (merged.conflicts, merged.notes) == ((), ())
    assert merged.project.source("Rec").content.transcripts == (longer,)  # type: ignore[union-attr]
    assert qcode.validate(merged.project) == ()
    retold = qcode.ProjectBuilder.from_project(more.build())
    other = attrs.evolve(longer, text="hello there, world")
    retold.update("Rec", content=qcode.AudioContent(path="rec.mp3", transcripts=(other,)))
    again = merge([base, retold.build()], labels=["a", "c"])
    assert said(again) == ("source 'Rec' differs in c: content; kept the version in a",)
    assert again.notes == (
        "source 'Rec': 1 excerpt(s) of c on a transcript the merge keeps in another version "
        "left out",
    )
    assert qcode.validate(again.project) == ()


def test_a_later_input_s_sync_point_outside_its_transcript_is_left_out_and_said() -> None:
    b, calm, words, made = _recording("out", "hello there")
    points = words.sync_points
    second, beyond = points[1].id, next(made)
    base = b.build()
    outside = qcode.SyncPoint(id=beyond, time=9000, position=40)  # as a damaged file holds it
    longer = attrs.evolve(words, sync_points=(*points, outside))
    span = qcode.TranscriptSpan(transcript=words.id, from_sync=second, to_sync=beyond)
    coding = qcode.Coding(id=next(made), code=calm.id)
    held = attrs.evolve(
        base.sources[0],
        content=qcode.AudioContent(path="rec.mp3", transcripts=(longer,)),
        excerpts=(qcode.Excerpt(id=next(made), anchor=span, codings=(coding,)),),
    )
    damaged = attrs.evolve(base, sources=(held,))
    assert [i.code for i in qcode.validate(damaged)] == ["span-out-of-range"]
    merged = merge([base, damaged], labels=["a", "b"])
    assert merged.notes == (
        "source 'Rec': 1 sync point(s) of b outside their transcript left out",
        "source 'Rec': 1 excerpt(s) of b at those sync points left out",
    )
    assert merged.project.source("Rec").content.transcripts == (words,)  # type: ignore[union-attr]
    assert qcode.validate(merged.project) == ()
    kept = merge([damaged, base], labels=["b", "a"])  # the first input's file, as it is
    assert kept.project.source("Rec").content.transcripts == (longer,)  # type: ignore[union-attr]


def test_a_graph_or_link_whose_end_was_added_apart_is_no_conflict() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    chat = b.text_source("Chat", "Hello.")
    site = b.case("Site", kind="site")
    b.link(site, chat, name="about")
    vertex = qcode.Vertex(id=uuid.uuid5(NAMESPACE, "v"), represents=chat.id, x1=0, y1=0)
    b.add(qcode.Graph(id=uuid.uuid5(NAMESPACE, "g"), name="Map", vertices=(vertex,)))
    base = b.build()
    copy = qcode.ProjectBuilder.from_project(base)
    copy.update(chat, content=qcode.TextContent(text="Hello. And more."))
    merged = merge([base, copy.build()], labels=["a", "b"])
    assert merged.conflicts == ()
    assert merged.notes == ("source 'Chat' has another text in b; added apart as 'Chat (b)'",)
    assert merged.project.graphs[0].vertices == (vertex,)


def test_a_coding_gains_the_memo_references_a_later_input_added() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    b.user("Ana")
    diary = b.text_source("Diary", "A calm day.")
    excerpt = b.quote(diary, "calm", codes=[b.code("Calm")])
    base = b.build()
    copy = qcode.ProjectBuilder.from_project(base)
    memo = copy.note("Why calm?", about=[excerpt.codings[0]])
    merged = merge([base, copy.build()])
    (coding,) = merged.project.source("Diary").excerpts[0].codings
    assert (coding.id, coding.note_refs) == (excerpt.codings[0].id, (memo.id,))
    assert (merged.conflicts, qcode.validate(merged.project)) == ((), ())


def test_labels_in_either_unicode_form_are_one_label_and_numbered() -> None:
    labels = [unicodedata.normalize(form, "José") for form in ("NFC", "NFD")]
    (conflict,) = merge(list(_renamed("Calm", "Serene")), labels=labels).conflicts
    assert (conflict.kept, conflict.input) == (f"{labels[0]} (input 1)", f"{labels[1]} (input 2)")


def test_an_unnamed_excerpt_in_a_conflict_is_shown_by_its_source_and_place() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    diary = b.text_source("Diary", "A calm day.")
    day = b.quote(diary, "calm day")
    base = b.build()
    other = qcode.ProjectBuilder.from_project(base)
    other.update(day, description="The weather")
    merged = merge([base, other.build()], labels=["a", "b"])
    assert [(c.kind, c.name, c.fields) for c in merged.conflicts] == [
        ("excerpt", "Diary, characters 2\u201310", ("description",))
    ]
    assert said(merged) == (
        "excerpt 'Diary, characters 2\u201310' differs in b: description; kept the version in a",
    )


def test_atlas_ti_s_pdf_quotation_twins_merge_as_two_excerpts() -> None:
    """ATLAS.ti gives a PDF quotation's region and its text span one id: both are kept, a
    merge of the file with itself is the file, and an excerpt added beside them is added."""
    from tests.conftest import shared_path

    project = qcode.read(shared_path("refi", "samples", "atlasti", "Project.qde")).project
    source = next(s for s in project.sources if len({e.id for e in s.excerpts}) < len(s.excerpts))
    assert merge([project, project]).project == project
    added = qcode.Excerpt(id=uuid.UUID(int=77), anchor=qcode.PDFRegion(1, 1, 1, 5, 5))
    copy = attrs.evolve(
        project,
        sources=tuple(
            attrs.evolve(s, excerpts=(added,)) if s.id == source.id else s for s in project.sources
        ),
    )
    merged = merge([project, copy], labels=["a", "b"])
    out = next(s for s in merged.project.sources if s.id == source.id)
    assert out.excerpts == (*source.excerpts, added)
    assert (merged.notes, merged.conflicts) == ((), ())


def test_a_variable_added_apart_is_named_after_its_input_and_numbered_where_that_is_taken() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=NAMESPACE)
    size = b.variable("Size", qcode.VariableType.INTEGER)
    b.variable("Size (b)")
    base = b.build()
    retyped = qcode.ProjectBuilder.from_project(base)
    retyped.update(size, type=qcode.VariableType.TEXT)
    merged = merge([base, retyped.build()], labels=["a", "b"])
    assert [v.name for v in merged.project.variables] == ["Size", "Size (b)", "Size (b) 2"]
    assert merged.notes == (
        "variable 'Size' is text in b, integer before; added apart as 'Size (b) 2', with its "
        "values",
    )
    assert qcode.validate(merged.project) == ()


def test_a_file_with_a_parent_cycle_merges_with_itself_and_into_another_as_it_is() -> None:
    a, b = uuid.uuid5(NAMESPACE, "cycle a"), uuid.uuid5(NAMESPACE, "cycle b")
    ring = (qcode.Code(id=a, name="A", parent=b), qcode.Code(id=b, name="B", parent=a))
    cyclic = qcode.Project(name="Ring", codes=ring)
    itself = merge([cyclic, cyclic])
    assert (itself.conflicts, itself.notes, itself.project) == ((), (), cyclic)
    into = merge([qcode.Project(name="Ring"), cyclic])
    assert (into.conflicts, into.notes) == ((), ())
    assert [(c.name, c.parent) for c in into.project.codes] == [("A", b), ("B", a)]
    assert [i.code for i in qcode.validate(into.project)] == ["code-cycle"]


def test_themes_built_apart_are_matched_by_path_not_by_name_under_another_parent() -> None:
    def copy(coder: str, under: str) -> qcode.Project:
        b = qcode.ProjectBuilder("Study")  # random ids: each copy built apart
        b.user(coder)
        calm = b.code("Calm")
        tops = {name: b.theme(name) for name in ("Feelings", "Work")}
        b.theme("Quiet", codes=[calm], parent=tops[under])
        b.theme("Rest", parent=tops["Feelings"])
        return b.build()

    merged = merge([copy("Ann", "Feelings"), copy("Ben", "Work")], labels=["a", "b"])
    project = merged.project
    assert [project.path(theme) for theme in project.themes] == [
        "Feelings",
        "Work",
        "Feelings/Quiet",
        "Feelings/Rest",
        "Work/Quiet",
    ]
    assert merged.conflicts == ()
    assert merged.notes == (
        "theme 'Feelings' of b matched by path",
        "theme 'Feelings/Rest' of b matched by path",
        "theme 'Work' of b matched by path",
    )
    assert project.themes[4].codes == (project.code("Calm").id,)
