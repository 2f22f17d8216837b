"""Changing a loaded project with the builder: every edit with its exact result."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from attrs import evolve

import qcode
from tests.conftest import NAMESPACE, WHEN, small_project


def loaded(tmp_path: Path) -> qcode.Project:
    """The small project, written as REFI-QDA and read back: a project from a file."""
    path = tmp_path / "small.qdpx"
    qcode.write(small_project(), path, qcode.WriteOptions(include_real_names=True))
    return qcode.read(path).project


def test_from_project_and_build_give_the_project_back(tmp_path: Path) -> None:
    for project in (small_project(), loaded(tmp_path)):
        assert qcode.ProjectBuilder.from_project(project).build() == project


def test_every_method_works_on_a_loaded_project(tmp_path: Path) -> None:
    project = loaded(tmp_path)
    b = qcode.ProjectBuilder.from_project(project, id_namespace=NAMESPACE, coded_at=WHEN)
    source = project.source("Workshop 1")
    excerpt = b.quote(source, "We are", codes=[project.code("Findings/Bridge")],
                      speaker=project.case("P1"))  # fmt: skip
    b.note("On the toll.", about=[project.code("Toll")])
    built = b.build()
    assert [e.quote for e in built.source("Workshop 1").excerpts] == [
        "a bridge",
        "It takes its toll.",
        "We are",
    ]
    assert built.case("P1").excerpts == (*project.case("P1").excerpts, excerpt.id)
    assert len(built.code("Toll").note_refs) == 1
    assert excerpt.codings[0].coder == project.users[0].id
    assert qcode.validate(built) == ()


def test_update_puts_a_changed_copy_in_place() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    excerpt = project.sources[0].excerpts[1]
    changed = b.update(excerpt, name="The toll quote")
    coding = b.update(excerpt.codings[0], coder=None)
    built = b.build()
    assert built.sources[0].excerpts[1] == evolve(changed, codings=(coding,))
    assert built.sources[0].excerpts[1].name == "The toll quote"
    assert built.get(coding.id) == evolve(excerpt.codings[0], coder=None)
    with pytest.raises(ValueError, match="an object's id cannot change"):
        b.update(excerpt, id=uuid.uuid4())
    with pytest.raises(TypeError, match=r"^Excerpt\.name must be str or None, not int 5$"):
        b.update(excerpt, name=5)


def test_update_looks_up_references_as_the_adders_do() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    bridge, toll = project.code("Findings/Bridge"), project.code("Findings/Toll")
    source, memo = project.source("Workshop 1"), project.note("Memo")
    theme = b.update("Core tension", codes=["Findings/Toll", bridge.id], note_refs=["Memo"])
    assert (theme.codes, theme.note_refs) == ((toll.id, bridge.id), (memo.id,))
    case = b.update("P1", sources=["Workshop 1"], codes=[toll])
    assert (case.sources, case.codes) == ((source.id,), (toll.id,))
    group = b.update(b.set("Group"), codes=["Bridge"], sources=[source], notes=["Memo"])
    assert (group.codes, group.sources, group.notes) == ((bridge.id,), (source.id,), (memo.id,))
    assert b.set("Other", notes=["Memo"]).notes == (memo.id,)  # the adder takes names too
    link = b.update(b.link(bridge, toll), target="Workshop 1")
    assert (link.origin, link.target) == (bridge.id, source.id)
    coding = b.update(source.excerpts[0].codings[0], code="Toll", coder="Analyst")
    assert (coding.code, coding.coder) == (toll.id, project.users[0].id)
    dangling = uuid.UUID(int=9)  # a new id must name an object the builder holds
    with pytest.raises(qcode.NotFoundError) as caught:
        b.update(theme, codes=[dangling])
    assert str(caught.value) == f"this builder holds no code with id {dangling}"
    damaged = evolve(project, themes=(evolve(project.themes[0], codes=(dangling,)),))
    held = qcode.ProjectBuilder.from_project(damaged)  # one a file held is kept, for validate
    assert held.update("Core tension", codes=[dangling, "Toll"]).codes == (dangling, toll.id)
    with pytest.raises(qcode.NotFoundError) as caught:
        b.update(coding, coder=dangling)
    assert str(caught.value) == f"this builder holds no user with id {dangling}"
    with pytest.raises(qcode.NotFoundError) as caught:
        b.update(link, origin=dangling)
    assert str(caught.value) == f"this builder holds nothing with id {dangling}"
    with pytest.raises(qcode.NotFoundError) as caught:
        b.add_example("Toll", qcode.Example(text="x", excerpt=dangling))
    assert str(caught.value) == f"this builder holds no excerpt with id {dangling}"
    for values in ({dangling: "x"}, (qcode.VariableValue(dangling, "x"),)):
        with pytest.raises(qcode.NotFoundError) as caught:
            b.update("P1", values=values)
        assert str(caught.value) == f"this builder holds no variable with id {dangling}"
    with pytest.raises(qcode.NotFoundError) as caught:
        b.update(qcode.Project(name="p"), note_refs=[dangling])
    assert str(caught.value) == f"this builder holds no note with id {dangling}"
    with pytest.raises(qcode.NotFoundError, match=r"^no code has the path or name 'Tol' "):
        b.update(theme, codes=["Tol"])
    with pytest.raises(TypeError, match=r"^codes must be a list, not str 'Toll'$"):
        b.update(theme, codes="Toll")
    with pytest.raises(qcode.NotFoundError, match=r"^no note is called 'Memos'"):
        b.update(theme, note_refs=["Memos"])


def test_rename_and_move_codes() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    b.rename_code("Findings/Toll", "The toll")
    b.move_code("Findings/Bridge", parent=None)
    built = b.build()
    assert [built.path(c) for c in built.codes] == ["Findings", "Bridge", "Findings/The toll"]
    assert built.codes[2].id == project.codes[2].id
    with pytest.raises(ValueError, match="cannot move under itself or below itself"):
        b.move_code("Findings", parent="Findings/The toll")


def test_recode_adds_and_removes_codes() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project, coded_at=WHEN)
    bridge, toll = project.code("Bridge"), project.code("Toll")
    excerpt = project.sources[0].excerpts[0]  # coded Bridge
    after = b.recode(excerpt, add=[toll, bridge], remove=[])
    assert [c.code for c in after.codings] == [bridge.id, toll.id]  # Bridge not repeated
    assert after.codings[1].coder == project.users[0].id
    after = b.recode(excerpt, remove=["Findings/Bridge"])
    assert [c.code for c in after.codings] == [toll.id]
    assert b.build().sources[0].excerpts[0] == after
    assert b.recode(excerpt, add=[toll]) == after  # nothing to do


def test_remove_a_code_takes_its_children_and_codings_along() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    folder = project.code("Findings")
    went = b.remove(folder)
    built = b.build()
    assert [type(x).__name__ for x in went] == ["Code", "Code", "Coding", "Coding"]
    assert built.codes == ()
    assert [e.codings for e in built.sources[0].excerpts] == [(), ()]
    assert built.themes[0].codes == ()
    assert built.notes == project.notes  # the memo stays
    assert qcode.validate(built) == ()


def test_remove_a_source_takes_its_excerpts_and_every_reference() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    b.add_example(
        "Bridge", qcode.Example(text="a bridge", excerpt=project.sources[0].excerpts[0].id)
    )
    went = b.remove(project.sources[0])
    built = b.build()
    assert [type(x).__name__ for x in went] == ["Excerpt", "Excerpt", "Example"]
    assert built.sources == ()
    assert (built.cases[0].sources, built.cases[0].excerpts) == ((), ())
    assert built.code("Bridge").examples == ()
    assert qcode.validate(built) == ()


def test_remove_a_user_keeps_codings_unless_asked() -> None:
    project = small_project()
    kept = qcode.ProjectBuilder.from_project(project)
    assert kept.remove(project.users[0]) == ()
    codings = [c for _, e in kept.build().iter_excerpts() for c in e.codings]
    assert [c.coder for c in codings] == [None, None]
    dropped = qcode.ProjectBuilder.from_project(project)
    went = dropped.remove(project.users[0], codings=True)
    assert [type(x).__name__ for x in went] == ["Coding", "Coding"]
    assert all(not e.codings for _, e in dropped.build().iter_excerpts())


def test_remove_a_note_clears_every_reference_to_it() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    assert b.remove(project.notes[0]) == ()
    built = b.build()
    assert built.notes == () and built.code("Bridge").note_refs == ()


def test_merge_codes_repoints_codings_and_collapses_repeats() -> None:
    b = qcode.ProjectBuilder("Merge", id_namespace=NAMESPACE, coded_at=WHEN)
    b.user("Ana")
    cost = b.code("Cost", brief_definition="What it costs.")
    toll = b.code("Toll", examples=[qcode.Example(text="toll")])
    under = b.code("Under toll", parent=toll)
    b.theme("Tension", codes=[toll, cost])
    source = b.text_source("S", "It takes its toll. A cost.")
    both = b.quote(source, "It takes its toll.", codes=[toll, cost])
    b.quote(source, "A cost.", codes=[toll])
    merged = b.merge_codes([toll], into=cost)
    built = b.build()
    assert [c.name for c in built.codes] == ["Cost", "Under toll"]
    assert built.code("Under toll").parent == cost.id == merged.id
    assert merged.examples == (qcode.Example(text="toll"),)
    assert [[c.code for c in e.codings] for e in built.sources[0].excerpts] == [
        [cost.id],
        [cost.id],
    ]
    assert built.sources[0].excerpts[0].codings[0].id == both.codings[1].id
    assert built.themes[0].codes == (cost.id,)
    assert under.id in {c.id for c in built.codes}
    assert qcode.validate(built) == ()


def test_merge_codes_joins_their_items_and_fills_the_definitions_the_target_lacks() -> None:
    """The merged codes' definitions and when-to-use items went without a word."""
    b = qcode.ProjectBuilder("Merge", id_namespace=NAMESPACE)
    cost = b.code("Cost", brief_definition="What it costs.", when_to_use=["money", "time"])
    toll = b.code(
        "Toll",
        brief_definition="What it takes.",
        full_definition="The wear of the work on the worker.",
        when_to_use=["time", "wear"],
        when_not_to_use=["relief"],
    )
    strain = b.code(
        "Strain",
        full_definition="Pressure.",
        when_to_use=["cafe\u0301 talk", " money"],  # "café talk" in NFD: one rule with NFC's
        when_not_to_use=["rest"],
    )
    b.update(cost, when_to_use=["money", "time", "café talk"])
    merged = b.merge_codes([toll, strain], into=cost)
    assert (
        merged.brief_definition,
        merged.full_definition,
        merged.when_to_use,
        merged.when_not_to_use,
    ) == (
        "What it costs.",
        "The wear of the work on the worker.",
        ("money", "time", "café talk", "wear"),
        ("relief", "rest"),
    )


def test_merge_codes_of_an_empty_list_is_refused() -> None:
    """It merged nothing without a word."""
    b = qcode.ProjectBuilder("Merge", id_namespace=NAMESPACE)
    cost = b.code("Cost")
    with pytest.raises(ValueError) as refused:
        b.merge_codes([], into=cost)
    assert str(refused.value) == "merge_codes needs one or more codes to merge into 'Cost'"
    assert b.merge_codes([cost], into=cost) == cost  # into itself: nothing to do


def test_a_builder_refuses_what_it_does_not_hold() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    stranger = uuid.UUID(int=3)
    with pytest.raises(qcode.NotFoundError) as caught:
        b.quote(stranger, "x")
    assert str(caught.value) == f"this builder holds no source with id {stranger}"


def test_writing_reports_every_validation_error_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project()
    excerpt = project.sources[0].excerpts[0]
    stray = uuid.UUID(int=9)
    recoded = evolve(excerpt, codings=(evolve(excerpt.codings[0], code=stray),))
    source = evolve(project.sources[0], excerpts=(recoded, *project.sources[0].excerpts[1:]))
    broken = evolve(project, sources=(source,))  # made without the builder, which refuses it
    path = tmp_path / "p.qdpx"
    expected = f"ERROR $.sources[0].excerpts[0].codings[0].code: no code has id {stray}"
    assert [str(i) for i in qcode.write(broken, path)] == [expected]
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.write(broken, tmp_path / "strict.qdpx", qcode.WriteOptions(strict=True))
    assert [str(i) for i in caught.value.issues] == [expected]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.qdpx"]
    source = tmp_path / "broken.json"
    qcode.dump(broken, source)
    from qcode._cli import main

    out = tmp_path / "out.qdpx"
    assert main(["convert", str(source), str(out)]) == 1  # written, with errors, named
    said = expected.replace("ERROR ", f"ERROR {source} ", 1)  # the input's error
    assert capsys.readouterr().err == f"{said}\nwrote {out}\n"


def test_objects_ids_id_texts_and_code_paths_are_taken_everywhere() -> None:
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project, coded_at=WHEN)
    bridge, toll, source = project.code("Bridge"), project.code("Toll"), project.sources[0]
    excerpt = b.quote(str(source.id), "We are", codes=["Findings/Bridge", str(toll.id), toll])
    assert [c.code for c in excerpt.codings] == [bridge.id, toll.id]
    b.note("On it.", about=["Findings/Toll", str(excerpt.id)])
    b.update(str(toll.id), color="#FF0000")
    b.update(bridge.id, color="#00FF00")
    b.set("Group", codes=["Bridge"], sources=[str(source.id)])
    link = b.link("Findings/Bridge", str(source.id), name="in")
    assert (link.origin, link.target) == (bridge.id, source.id)
    assert len(b.remove("Findings/Toll")) == 2  # its codings
    built = b.build()
    assert built.code("Bridge").color == "#00FF00"
    assert built.sets[0].codes == (bridge.id,)
    assert qcode.validate(built) == ()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda b: b.code("x", when_to_use="one string"),
         "when_to_use must be a list, not str 'one string'"),
        (lambda b: b.recode(b.build().sources[0].excerpts[0], add="Toll"),
         "add must be a list, not str 'Toll'"),
        (lambda b: b.merge_codes("Toll", into="Bridge"), "codes must be a list, not str 'Toll'"),
    ],
)  # fmt: skip
def test_a_bare_string_where_a_list_belongs_is_refused(call: object, message: str) -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    with pytest.raises(TypeError) as caught:
        call(b)  # type: ignore[operator]
    assert str(caught.value) == message


def test_add_puts_an_object_made_elsewhere_in_and_refuses_an_id_in_use(
    project: qcode.Project,
) -> None:
    b = qcode.ProjectBuilder.from_project(project)
    other = qcode.User(id=uuid.uuid5(NAMESPACE, "elsewhere"), name="Elsewhere")
    assert b.add(other) is other
    assert b.build().users[-1] == other
    with pytest.raises(ValueError, match=r"^this builder already holds a user with id "):
        b.add(other)
    excerpt = project.sources[0].excerpts[0]
    with pytest.raises(TypeError, match=r"^Excerpt objects are added with what holds them$"):
        b.add(excerpt)  # type: ignore[type-var]


def test_remove_takes_several_objects_in_one_pass(project: qcode.Project) -> None:
    b = qcode.ProjectBuilder.from_project(project)
    first, second = project.sources[0].excerpts
    assert b.remove(first, second) == ()
    assert b.build().sources[0].excerpts == ()


def test_the_builder_refuses_what_validate_would_flag() -> None:
    """Empty names, values of another type, link ends it does not hold, a source's new
    text that its excerpts no longer fit, a variable name two share."""
    b = qcode.ProjectBuilder.from_project(small_project())
    excerpt = small_project().sources[0].excerpts[0]
    refusals = [
        (lambda: b.code(""), ValueError, "a code needs a name, not ''"),
        (lambda: b.code("\u200b"), ValueError, "a code needs a name, not '\\u200b'"),
        (lambda: b.participant(" "), ValueError, "a participant needs a label, not ' '"),
        (lambda: b.rename_code("Findings/Toll", ""), ValueError, "a code needs a name, not ''"),
        (lambda: b.participant("P2", values={"Role": 3}), TypeError,
         "3 is an integer value, but variable 'Role' holds text values"),
        (lambda: b.link("Findings/Toll", uuid.UUID(int=99)), qcode.NotFoundError, None),
        (lambda: b.code("Red", color="red"), ValueError,
         "'red' is not a colour like '#1F77B4' or '#F00'"),
        (lambda: b.update("Workshop 1", content=qcode.TextContent(text="XX We are a bridge.")),
         ValueError, f"the new content does not hold excerpt {excerpt.id} ('a bridge'): quote "
         "'a bridge' is not the text at [7, 15) of source 'Workshop 1': 're a bri'"),
        (lambda: b.update(excerpt, anchor=qcode.TextSpan(0, 6)), ValueError, "quote 'a bridge' "
         "is not the text at [0, 6) of source 'Workshop 1': 'We are'; give the new quote with "
         "the anchor (quote=...)"),
    ]  # fmt: skip
    for call, kind, message in refusals:
        with pytest.raises(kind) as refused:
            call()
        if message is not None:
            assert str(refused.value) == message
    assert b.build() == small_project()  # nothing half-made
    (role,) = small_project().variables
    b.add(evolve(role, id=uuid.UUID(int=98)))  # a file's twin: `variable` refuses one
    with pytest.raises(qcode.AmbiguousNameError, match=r"^2 variables are called 'Role' \(ids "):
        b.participant("P3", values={"Role": 1})
    assert b.update("Workshop 1", content=qcode.TextContent(text="We are a bridge. It takes "
                    "its toll. More.")).text.endswith("More.")  # fmt: skip


def test_code_source_applies_a_code_a_coder_applied_once() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    first = b.code_source("Workshop 1", ["Findings/Toll"])
    assert b.code_source("Workshop 1", ["Findings/Toll"]) == first
    assert len(first.codings) == 1


def test_a_code_is_not_added_renamed_or_moved_onto_a_sibling_s_path() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    said = (
        "is already under that parent ('Findings/Toll'); two codes with one path cannot be "
        "told apart"
    )
    for call in (
        lambda: b.code("Toll", parent="Findings"),
        lambda: b.rename_code("Findings/Bridge", "Toll"),
    ):
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == f"a code named 'Toll' {said}"
    top = b.code("Toll")  # at the top, another path: allowed
    with pytest.raises(ValueError) as refused:
        b.move_code(top, parent="Findings")
    assert str(refused.value) == f"a code named 'Toll' {said}"
    assert b.code("toll", parent="Findings").name == "toll"  # another path (a warning only)


def test_a_sibling_s_name_in_the_other_unicode_form_is_its_name() -> None:
    b = qcode.ProjectBuilder("Cafés", id_namespace=NAMESPACE)
    b.code("Caf\u00e9")
    with pytest.raises(ValueError, match=r"^a code named 'Cafe\u0301' is already at the top "):
        b.code("Cafe\u0301")


def test_a_variable_user_or_theme_is_not_added_or_renamed_onto_anothers_name() -> None:
    """Variables and users are found by name, themes by path: the builder refuses a
    second of one name (in either Unicode form), as `validate` warns of a file's."""
    b = qcode.ProjectBuilder("Names", id_namespace=uuid.UUID(int=12))
    role, ann = b.variable("Caf\u00e9"), b.user("Ann")
    top = b.theme("Top")
    b.theme("Sub", parent=top)
    refusals = [
        (lambda: b.variable("Cafe\u0301"), "a variable named 'Cafe\u0301' is already in the "
         "project; two variables with one name cannot be told apart by name"),
        (lambda: b.update(b.variable("Age"), name="Caf\u00e9"), "a variable named 'Caf\u00e9' "
         "is already in the project; two variables with one name cannot be told apart by name"),
        (lambda: b.user("Ann"), "a user named 'Ann' is already in the project; two users with "
         "one name cannot be told apart by name"),
        (lambda: b.theme("Sub", parent="Top"), "a theme named 'Sub' is already under that "
         "parent ('Top/Sub'); two themes with one path cannot be told apart"),
        (lambda: b.update(b.theme("Sub"), parent=top), "a theme named 'Sub' is already under "
         "that parent ('Top/Sub'); two themes with one path cannot be told apart"),
    ]  # fmt: skip
    for call, message in refusals:
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == message
    project = b.build()
    assert [v.name for v in project.variables] == ["Caf\u00e9", "Age"]
    assert [u.name for u in project.users] == ["Ann"]
    assert [project.path(t) for t in project.themes] == ["Top", "Top/Sub", "Sub"]
    assert (project.get(role.id), project.get(ann.id)) == (role, ann)
    assert qcode.validate(project) == ()


def test_update_refuses_values_a_variable_cannot_hold_but_keeps_what_a_file_held() -> None:
    b = qcode.ProjectBuilder("Values", id_namespace=uuid.UUID(int=13))
    role = b.variable("Role")
    person = b.participant("P1")
    for values, kind, message in (
        ((qcode.VariableValue(role.id, 3),), TypeError,
         "3 is an integer value, but variable 'Role' holds text values"),
        ((qcode.VariableValue(role.id, "a"), qcode.VariableValue(role.id, "b")), ValueError,
         "2 values for variable 'Role': an object holds one value per variable"),
    ):  # fmt: skip
        with pytest.raises(kind) as refused:
            b.update(person, values=values)
        assert str(refused.value) == message
    assert b.build().case("P1").values == ()
    held = (qcode.VariableValue(role.id, 3), qcode.VariableValue(role.id, "b"))
    b.add(evolve(person, id=uuid.UUID(int=5), label="P2", values=held))  # as a file held them
    age = b.variable("Age", qcode.VariableType.INTEGER)
    kept = b.update("P2", values=(*held, qcode.VariableValue(age.id, 40)))
    assert kept.values == (*held, qcode.VariableValue(age.id, 40))
    assert [i.code for i in qcode.validate(b.build())] == ["value-type-mismatch", "duplicate-value"]


def test_removing_an_object_twice_says_what_it_is() -> None:
    b = qcode.ProjectBuilder("Twice", id_namespace=uuid.UUID(int=14))
    code = b.code("A")
    b.remove(code)
    with pytest.raises(qcode.NotFoundError) as refused:
        b.remove(code)
    assert str(refused.value) == (
        f"this builder holds no code 'A' with id {code.id}: it was removed, or never added"
    )
    source = b.text_source("Diary", "Some text.")
    other = b.code("Other")
    excerpt = b.quote(b.text_source("Log", "A day."), "A day", codes=[other])
    b.remove(source)
    attempts = {
        "update": lambda: b.update(code, name="B"),
        "rename": lambda: b.rename_code(code, "B"),
        "move": lambda: b.move_code(code, parent=None),
        "update a source": lambda: b.update(source, name="Log"),
        "recode": lambda: b.recode(source, add=[code]),
        "update by id": lambda: b.update(code.id, name="B"),
        "a coder": lambda: b.recode(excerpt, add=[other], coder=5),  # type: ignore[arg-type]
    }
    said = {}
    for what, attempt in attempts.items():
        with pytest.raises((qcode.NotFoundError, TypeError)) as caught:
            attempt()
        said[what] = str(caught.value)
    gone = "it was removed, or never added"
    assert said == {
        "update": f"this builder holds no code 'A' with id {code.id}: {gone}",
        "rename": f"this builder holds no code 'A' with id {code.id}: {gone}",
        "move": f"this builder holds no code 'A' with id {code.id}: {gone}",
        "update a source": f"this builder holds no source 'Diary' with id {source.id}: {gone}",
        "recode": "expected an excerpt (or its id), not Source 'Diary'",
        "a coder": "expected a user (or its id), not int",
        "update by id": f"this builder holds nothing with id {code.id}",
    }


def test_a_variable_is_not_given_a_moment_without_a_zone() -> None:
    b = qcode.ProjectBuilder("Types", id_namespace=uuid.UUID(int=15))
    when = b.variable("When", qcode.VariableType.DATETIME)
    b.participant("P1")
    naive = dt.datetime(2024, 1, 1, 9, 30)
    for call in (
        lambda: b.participant("P2", values={when: naive}),
        lambda: b.update("P1", values=(qcode.VariableValue(when.id, naive),)),
    ):
        with pytest.raises(ValueError) as refused_time:
            call()
        assert str(refused_time.value) == (
            "timestamp 2024-01-01T09:30:00 has no time zone (add one, e.g. +00:00)"
        )
    assert qcode.validate(b.build()) == ()


def test_update_checks_a_new_colour_and_keeps_one_a_file_held() -> None:
    b = qcode.ProjectBuilder("Colours", id_namespace=uuid.UUID(int=16))
    code = b.code("A", color="#F00")
    with pytest.raises(ValueError) as refused:
        b.update(code, color="red")
    assert str(refused.value) == "'red' is not a colour like '#1F77B4' or '#F00'"
    assert b.update(code, color="#00FF00").color == "#00FF00"
    assert b.update(code, color=None).color is None
    held = qcode.Project(name="File", codes=(qcode.Code(id=code.id, name="A", color="red"),))
    kept = qcode.ProjectBuilder.from_project(held)
    assert kept.update(code.id, name="B", color="red").color == "red"  # not changed: kept
    with pytest.raises(ValueError):
        kept.update(code.id, color="blue")


def test_a_sync_point_outside_its_transcript_is_refused_where_it_is_given() -> None:
    b = qcode.ProjectBuilder("Sync", id_namespace=uuid.UUID(int=17))

    def audio(position: int, time: int) -> qcode.AudioContent:
        sync = qcode.SyncPoint(id=uuid.UUID(int=1), position=position, time=time)
        spoken = qcode.Transcript(
            id=uuid.UUID(int=2), text="Hello.", name="T1", sync_points=(sync,)
        )
        return qcode.AudioContent(transcripts=(spoken,))

    with pytest.raises(ValueError) as refused:
        b.source("Talk", audio(7, 0), kind="interview")
    assert str(refused.value) == (
        "transcript 'T1' of source 'Talk', sync_points[0].position: position 7 is outside the "
        "transcript text (0 to 6)"
    )
    talk = b.source("Talk", audio(6, 0), kind="interview")
    with pytest.raises(ValueError) as refused:
        b.update(talk, content=audio(0, -5))
    assert str(refused.value) == (
        "transcript 'T1' of source 'Talk', sync_points[0].time: time -5 is negative"
    )
    (spoken,) = audio(6, 0).transcripts
    for part in (spoken, spoken.sync_points[0]):  # changed with the content, not alone
        with pytest.raises(TypeError) as refused:
            b.update(part, name="T2")
        assert str(refused.value) == (
            f"a {type(part).__name__.lower()} is part of its source's content: update the "
            "source with a new content (update(source, content=...))"
        )
    held = qcode.Project(name="File", sources=(evolve(talk, content=audio(9, 0)),))
    kept = qcode.ProjectBuilder.from_project(held)
    assert kept.update(talk.id, name="Chat").content == audio(9, 0)  # what a file held stays
    shorter = b.source("Short", audio(6, 0), kind="interview")
    (spoken,) = audio(6, 0).transcripts
    with pytest.raises(ValueError) as refused:  # a held point its new, shorter text leaves out
        b.update(shorter, content=qcode.AudioContent(transcripts=(evolve(spoken, text="Hi"),)))
    assert str(refused.value) == (
        "transcript 'T1' of source 'Short', sync_points[0].position: position 6 is outside the "
        "transcript text (0 to 2)"
    )
    assert [i.message for i in qcode.validate(kept.build())] == [
        "position 9 is outside the transcript text (0 to 6)"
    ]


def test_update_changes_the_project_s_own_fields_and_nothing_it_holds() -> None:
    b = qcode.ProjectBuilder("Study", id_namespace=uuid.UUID(int=18))
    memo = b.note("Why the study", name="Why")
    other = b.note("A note about a code", about=[b.code("A")])
    project = b.build()
    changed = b.update(project, name="The study", description="Two workshops.", note_refs=[other])
    assert (changed.name, changed.description, changed.note_refs) == (
        "The study",
        "Two workshops.",
        (other.id,),
    )
    assert b.build() == changed
    assert b.update(project, note_refs=["Why", other.id]).note_refs == (memo.id, other.id)
    refusals = {
        "codes": lambda: b.update(project, codes=()),
        "typo": lambda: b.update(project, descripton="x"),
        "empty": lambda: b.update(project, name=""),
    }
    said = {}
    for what, attempt in refusals.items():
        with pytest.raises((TypeError, ValueError)) as caught:
            attempt()
        said[what] = str(caught.value)
    assert said == {
        "codes": "a project's codes change one object at a time: add, update or remove them",
        "typo": "Project has no field 'descripton' (did you mean 'description'?); its fields: "
        "name, description, origin, base_path, audit, note_refs, vendor_data",
        "empty": "a project needs a name, not ''",
    }
    before = b.build()
    for refused in ({"audit": "yesterday"}, {"note_refs": [memo], "vendor_data": "oops"}):
        with pytest.raises(TypeError):
            b.update(project, **refused)
        assert b.build() == before  # nothing of a refused change is made


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda b: b.quote("Workshop 1", "It takes", codes=["Bridge"], speaker="P2"),
            "no case is called 'P2' (cases: 'P1')",
        ),
        (
            lambda b: b.excerpt("Workshop 1", qcode.TextSpan(0, 2), speaker="P2"),
            "no case is called 'P2' (cases: 'P1')",
        ),
        (
            lambda b: b.quote("Workshop 1", "It takes", codes=["Bridge", "Nope"]),
            "no code has the path or name 'Nope' (codes: 'Findings', 'Findings/Bridge', "
            "'Findings/Toll')",
        ),
        (
            lambda b: b.quote("Workshop 1", "It takes", codes=["Bridge"], coder="Nobody"),
            "no user has the name or login 'Nobody' (users: 'Analyst')",
        ),
        (
            lambda b: b.note("Half.", name="Half", about=["Toll", "Nope"]),
            "no code, source or theme is called 'Nope' (a code by path or name)",
        ),
        (
            lambda b: b.note("Half.", name="Half", about=["P1"]),
            "'P1' names a case, not a code, theme, link, coding, excerpt or source",
        ),
    ],
)
def test_a_call_that_fails_changes_nothing_and_uses_no_id(call: Any, message: str) -> None:
    b = qcode.ProjectBuilder.from_project(small_project(), id_namespace=NAMESPACE)
    with pytest.raises((qcode.NotFoundError, TypeError)) as caught:
        call(b)
    assert str(caught.value) == message
    assert b.build() == small_project()
    retried = b.quote("Workshop 1", "It takes", codes=["Bridge"])  # the id it would have had
    fresh = qcode.ProjectBuilder.from_project(small_project(), id_namespace=NAMESPACE)
    assert retried == fresh.quote("Workshop 1", "It takes", codes=["Bridge"])


def test_a_note_about_one_object_twice_refers_to_it_once() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    note = b.note("Twice.", about=["Toll", b.build().code("Findings/Toll")])
    assert b.build().code("Toll").note_refs == (note.id,)


def _linked_to_a_coding() -> tuple[qcode.ProjectBuilder, qcode.Excerpt]:
    """The small project with a second coder's coding of 'It takes its toll.' with Bridge,
    a link from that coding to the code Toll, and a graph showing the coding."""
    b = qcode.ProjectBuilder.from_project(small_project(), id_namespace=NAMESPACE)
    b.user("Second")
    toll = b.build().sources[0].excerpts[1]
    recoded = b.recode(toll, add=["Bridge"], coder="Second")
    b.link(recoded.codings[1], "Toll", name="why")
    vertex = qcode.Vertex(id=uuid.UUID(int=7), represents=recoded.codings[1].id, x1=0, y1=0)
    b.add(qcode.Graph(id=uuid.UUID(int=8), name="Map", vertices=(vertex,)))
    return b, recoded


@pytest.mark.parametrize(
    "change",
    [
        lambda b, e: b.recode(e, remove=["Bridge"]),
        lambda b, e: b.remove("Bridge"),
        lambda b, e: b.remove(e),
        lambda b, e: b.remove("Second", codings=True),
        lambda b, e: b.update(e, codings=e.codings[:1]),
        lambda b, e: b.update("Workshop 1", excerpts=b.build().sources[0].excerpts[:1]),
    ],
)
def test_a_coding_that_goes_takes_the_links_and_vertices_to_it_along(change: Any) -> None:
    b, excerpt = _linked_to_a_coding()
    assert len(b.build().links) == 1
    change(b, excerpt)
    built = b.build()
    assert (built.links, built.graphs[0].vertices) == ((), ())
    assert qcode.validate(built) == ()


def test_merging_codes_keeps_a_dropped_coding_s_memos_and_no_link_of_a_code_to_itself() -> None:
    b = qcode.ProjectBuilder.from_project(small_project(), id_namespace=NAMESPACE)
    toll = b.recode(b.build().sources[0].excerpts[1], add=["Bridge"])
    why = b.note("Why both.", name="Why", about=[toll.codings[1]])
    b.link("Bridge", "Toll", name="feeds")
    b.link("Bridge", "P1", name="said by")
    b.link(toll.codings[1], "P1", name="the repeat's")
    b.merge_codes(["Bridge"], into="Toll")
    built = b.build()
    (kept,) = built.sources[0].excerpts[1].codings
    assert (kept.id, kept.code, kept.note_refs) == (
        toll.codings[0].id,
        toll.codings[0].code,
        (why.id,),
    )
    assert [(link.name, link.origin, link.target) for link in built.links] == [
        ("said by", built.code("Toll").id, built.case("P1").id)
    ]
    assert qcode.validate(built) == ()


def test_merging_codes_refuses_to_put_two_codes_on_one_path() -> None:
    b = qcode.ProjectBuilder("Merge", id_namespace=NAMESPACE)
    a, bb, c = b.code("A"), b.code("B"), b.code("C")
    for parent in (a, bb, c):
        b.code("X", parent=parent)
    before = b.build()
    message = (
        "merging {} into 'C' would put {!r} and {!r} under one parent with one name: two "
        "codes with one path cannot be told apart (merge or rename one of them first)"
    )
    with pytest.raises(ValueError) as caught:
        b.merge_codes(["A"], into="C")
    assert str(caught.value) == message.format("'A'", "A/X", "C/X")
    b.remove("C/X")
    with pytest.raises(ValueError) as caught:
        b.merge_codes(["A", "B"], into="C")
    assert str(caught.value) == message.format("'A', 'B'", "A/X", "B/X")
    unchanged = qcode.ProjectBuilder.from_project(before)
    unchanged.remove("C/X")
    assert b.build() == unchanged.build()
    b.merge_codes(["B"], into="C")
    assert [b.build().path(code) for code in b.build().codes] == ["A", "C", "A/X", "C/X"]


def test_a_slash_in_a_name_cannot_give_two_codes_or_themes_one_path() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    b.code("Peace")
    said = "code {!r} would give two codes the path {!r}: a '/' in a name makes two paths one, "
    said += "and neither could be found by it"
    for call, name, path in (
        (lambda: b.rename_code("Peace", "Findings/Toll"), "Findings/Toll", "Findings/Toll"),
        (lambda: b.code("Findings/Bridge"), "Findings/Bridge", "Findings/Bridge"),
        (lambda: b.code("Bridge", parent=b.code("Findings/Bridge ok")), "Bridge", None),
    ):
        if path is None:  # 'Findings/Bridge ok/Bridge' is no other code's path: allowed
            assert call().name == name
            continue
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == said.format(name, path)
    b.code("Findings/Other")  # no code has that path yet
    with pytest.raises(ValueError) as refused:
        b.code("Other", parent="Findings")
    assert str(refused.value) == said.format("Other", "Findings/Other")
    b.theme("Core tension/Strain")
    with pytest.raises(ValueError) as refused:
        b.theme("Strain", parent="Core tension")
    assert str(refused.value) == (
        "theme 'Strain' would give two themes the path 'Core tension/Strain': a '/' in a "
        "name makes two paths one, and neither could be found by it"
    )
    assert qcode.validate(b.build()) == ()


@pytest.mark.parametrize("name", [" Peace", "Peace ", "Peace\n", "\tPeace"])
def test_a_new_name_has_no_spaces_around_it(name: str) -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    for call, what in (
        (lambda: b.code(name), "code's name"),
        (lambda: b.theme(name), "theme's name"),
        (lambda: b.variable(name), "variable's name"),
        (lambda: b.participant(name), "participant's label"),
        (lambda: b.update("Findings/Toll", name=name), "code's name"),
    ):
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == f"a {what} has no spaces or line breaks around it: {name!r}"
    assert b.build() == small_project()


def test_a_loaded_project_s_default_coder_is_who_coded_most_not_the_tool_listed_first() -> None:
    b = qcode.ProjectBuilder("From ATLAS.ti", id_namespace=NAMESPACE)
    b.user("ATLAS.ti")  # the program's own user, listed first
    b.user("Friedrich")
    b.user("Ann")
    diary = b.text_source("Diary", "A calm day. A sad day.")
    calm, sad = b.code("Calm"), b.code("Sad")
    b.quote(diary, "A calm day.", codes=[calm, sad], coder="Friedrich")
    b.quote(diary, "A sad day.", codes=[sad], coder="Ann")
    project = b.build()
    again = qcode.ProjectBuilder.from_project(project)
    excerpt = again.recode(project.sources[0].excerpts[1], add=[calm])
    assert [project.user(c.coder).name for c in excerpt.codings] == ["Ann", "Friedrich"]
    tied = qcode.ProjectBuilder.from_project(evolve(project, sources=()))
    made = tied.quote(tied.text_source("New", "Words."), "Words.", codes=[calm])
    assert project.user(made.codings[0].coder).name == "ATLAS.ti"  # no codings: the first


def test_a_member_given_twice_is_held_once() -> None:
    b = qcode.ProjectBuilder.from_project(small_project())
    toll = b.build().code("Toll")
    theme = b.update("Core tension", codes=["Toll", "Findings/Toll", toll.id, "Bridge"])
    assert [b.build().path(c) for c in theme.codes] == ["Findings/Toll", "Findings/Bridge"]
    assert b.theme("Again", codes=[toll, "Toll"]).codes == (toll.id,)
    group = b.set("Group", codes=[toll, toll], sources=["Workshop 1"] * 2, notes=["Memo"] * 2)
    assert (len(group.codes), len(group.sources), len(group.notes)) == (1, 1, 1)
    assert b.update("P1", codes=[toll, toll]).codes == (toll.id,)


def test_a_project_whose_objects_of_one_kind_share_an_id_is_refused_where_one_would_be_lost() -> (
    None
):
    """A builder holds objects by id: ``from_project`` kept the last of two codes of one
    id, and build gave the project back without the other (as did apply, merge and split)."""
    from qcode.agreement import merge, split

    project = small_project()
    code = project.codes[1]
    twin = evolve(code, name="Twin")
    twins = evolve(project, codes=(*project.codes, twin))
    said = (
        "{}: two codes have the id {} ({!r} and 'Twin'); a changed project's objects are held "
        "by id, so one would be lost: qcode.validate lists every problem"
    )
    for call, where in (
        (qcode.ProjectBuilder.from_project, "ProjectBuilder.from_project"),
        (lambda given: merge([project, given]), "merge: 'Small study (input 2)'"),
        (split, "split: project 'Small study'"),
    ):
        with pytest.raises(ValueError) as refused:
            call(twins)
        assert str(refused.value) == said.format(where, code.id, code.name)
    listed_twice = evolve(project, codes=(*project.codes, code))  # the one object again
    with pytest.raises(ValueError) as refused:
        qcode.ProjectBuilder.from_project(listed_twice)
    assert str(refused.value) == (
        f"ProjectBuilder.from_project: code {code.name!r} is listed twice (id {code.id}); a "
        "changed project's objects are held by id, so one would be lost: qcode.validate lists "
        "every problem"
    )
    cased = evolve(project, cases=(*project.cases, evolve(project.cases[0], label=None)))
    with pytest.raises(ValueError) as refused:
        qcode.ProjectBuilder.from_project(cased)
    assert str(refused.value) == (
        f"ProjectBuilder.from_project: two cases have the id {project.cases[0].id} "
        f"({project.cases[0].label!r} and a Case); a changed project's objects are held by "
        "id, so one would be lost: qcode.validate lists every problem"
    )


def test_update_refuses_excerpts_and_codings_the_adders_would_refuse() -> None:
    """They were taken as given through their holder: an excerpt of another source, a span
    past the text, a coding twice or of a code or coder the project lacks, each found only
    by `validate` (and carried on by split and codebook apply)."""
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    other = b.text_source("Workshop 2", "Another text.")
    elsewhere = b.excerpt(other, qcode.TextSpan(0, 7), codes=["Toll"])
    source = b.build().source("Workshop 1")
    first = source.excerpts[0]
    bridge = project.code("Bridge").id
    stranger = uuid.UUID(int=7)
    past = evolve(first, id=stranger, anchor=qcode.TextSpan(0, 99), quote=None, codings=())
    for call, error, message in (
        (
            lambda: b.update(source, excerpts=(*source.excerpts, elsewhere)),
            ValueError,
            f"excerpt {elsewhere.id} is held already (by another source): a new excerpt "
            "needs an id of its own (excerpt and quote add one)",
        ),
        (
            lambda: b.update(source, excerpts=(*source.excerpts, first)),
            ValueError,
            f"excerpt {first.id} is given twice: each is held once",
        ),
        (
            lambda: b.update(source, excerpts=(*source.excerpts, past)),
            ValueError,
            "a text span of source 'Workshop 1': end 99 is beyond the end of the text (35 "
            "characters)",
        ),
        (
            lambda: b.update(first, codings=(*first.codings, first.codings[0])),
            ValueError,
            f"coding {first.codings[0].id} is given twice: each is held once",
        ),
        (
            lambda: b.update(first, codings=(elsewhere.codings[0],)),
            ValueError,
            f"coding {elsewhere.codings[0].id} is held already (by another excerpt or source): "
            "a new coding needs an id of its own (recode and code_source add one)",
        ),
        (
            lambda: b.update(first, codings=(qcode.Coding(id=stranger, code=stranger),)),
            qcode.NotFoundError,
            f"this builder holds no code with id {stranger}",
        ),
        (
            lambda: b.update(
                source, codings=(qcode.Coding(id=stranger, code=bridge, coder=stranger),)
            ),
            qcode.NotFoundError,
            f"this builder holds no user with id {stranger}",
        ),
    ):
        with pytest.raises(error) as refused:
            call()
        assert str(refused.value) == message
    assert b.build().source("Workshop 1") == source  # a refused call changed nothing
    # what the adders would make is taken: a new excerpt with new codings, a coding re-pointed
    fresh = evolve(past, anchor=first.anchor, quote=first.quote,
                   codings=(qcode.Coding(id=uuid.UUID(int=8), code=bridge),))  # fmt: skip
    b.update(source, excerpts=(*source.excerpts[1:], fresh))
    b.update(fresh, codings=(evolve(fresh.codings[0], code=project.code("Toll").id),))
    assert [i for i in qcode.validate(b.build()) if i.is_error] == []


def test_update_judges_excerpts_and_codings_by_what_the_call_leaves() -> None:
    """A first version looked at the project before the call and at every id a file gave
    twice: it refused a coding put back after its removal, or moved between two excerpts
    in one call, and a PDF source whose region and span share an id (ATLAS.ti) could not
    be reordered; it took two new excerpts sharing a coding, and a note's excerpts."""
    project = small_project()
    bridge, toll = project.code("Bridge").id, project.code("Toll").id
    b = qcode.ProjectBuilder.from_project(project)
    source = b.build().sources[0]
    one, two = source.excerpts
    b.recode(one, remove=[bridge, toll])
    other = b.quote(b.text_source("Elsewhere", "Another text."), "Another")
    b.update(other, codings=one.codings)  # taken away from its excerpt, given to another
    b.update(other, codings=())
    b.update(b.build().sources[0].excerpts[0], codings=one.codings)  # put back
    moved = (evolve(one, codings=()), evolve(two, codings=(*two.codings, *one.codings)))
    b.update(source, excerpts=moved)  # moved from one excerpt to the other, in one call
    anchored = evolve(two, id=uuid.UUID(int=11), anchor=qcode.TextSpan(0, 4), quote=None)
    b.update(b.build().sources[0], excerpts=(moved[0], anchored))  # re-anchored, codings kept
    assert [i for i in qcode.validate(b.build()) if i.is_error] == []
    held = b.build().sources[0]
    coding = qcode.Coding(id=uuid.UUID(int=12), code=bridge)
    new = [evolve(one, id=uuid.UUID(int=n), codings=(coding,)) for n in (13, 14)]
    for call in (
        lambda: b.update(held, excerpts=(*held.excerpts, *new)),
        lambda: b.update(held, excerpts=(*held.excerpts, new[0]), codings=(coding,)),
    ):
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == f"coding {coding.id} is given twice: each is held once"
    note = b.note("A memo")
    with pytest.raises(ValueError) as refused:
        b.update(note, excerpts=(new[0], new[0]))
    assert str(refused.value) == f"excerpt {new[0].id} is given twice: each is held once"
    # what a file held as it is stays: twins of one id, a coder no user has
    twin = evolve(held.excerpts[0], anchor=qcode.TextSpan(5, 9), quote=None)
    stray = evolve(held.excerpts[1].codings[0], coder=uuid.UUID(int=15))
    odd = evolve(
        held, excerpts=(*held.excerpts[:1], evolve(held.excerpts[1], codings=(stray,)), twin)
    )
    b = qcode.ProjectBuilder.from_project(evolve(project, sources=(odd,)))
    b.update(odd, excerpts=tuple(reversed(odd.excerpts)))
    b.update(odd.excerpts[1], codings=(evolve(stray, coded_at=WHEN),))
    assert len(b.build().sources[0].excerpts) == 3


def test_merge_codes_joins_a_file_s_twins_and_refuses_a_slash_that_makes_two_paths_one() -> None:
    """Merging one of two codes on one path into the other was refused ("a code named
    'Toll' is already ..."): the code merged away was counted as a sibling. A '/' in a
    moved child's name could give two codes one path."""
    project = small_project()
    toll = project.code("Toll")
    twin = qcode.Code(id=uuid.UUID(int=5), name="Toll", parent=toll.parent)
    twins = evolve(project, codes=(*project.codes, twin))
    for gone, into in ((twin, toll), (toll, twin)):
        b = qcode.ProjectBuilder.from_project(twins)
        assert b.merge_codes([gone], into=into) == b.build().code(into.id)
        assert [c.name for c in b.build().codes].count("Toll") == 1
    b = qcode.ProjectBuilder("x")  # into's parent merged too, beside a code merged away
    top, parent = b.code("T"), b.code("P")
    b.merge_codes([parent, top], into=b.code("T", parent=parent))
    assert [b.build().path(c) for c in b.build().codes] == ["T"]
    b = qcode.ProjectBuilder("x")
    a = b.code("A")
    b.code("C", parent=b.code("B", parent=a))
    x = b.code("X")
    b.code("B/C", parent=x)
    with pytest.raises(ValueError) as refused:
        b.merge_codes([x], into=a)
    assert str(refused.value) == (
        "merging 'X' into 'A' would give two codes the path 'A/B/C': a '/' in a name makes "
        "two paths one, and neither could be found by it"
    )
    assert [b.build().path(c) for c in b.build().codes] == ["A", "A/B", "A/B/C", "X", "X/B/C"]
    codebook = qcode.Codebook(
        id=uuid.UUID(int=6),
        name="cb",
        codes=(*b.build().codes[:3], qcode.Code(id=uuid.UUID(int=7), name="B/C", parent=a.id)),
    )
    said = b.apply_codebook(codebook)  # added as "A/B/C" beside the other before
    assert [str(i) for i in said if i.code == "codebook-conflict"] == [
        f"WARNING A/B/C: a '/' in a name would give it the path of another (id "
        f"{b.build().code('A/B/C').id}); the codebook's entry (id {uuid.UUID(int=7)}) was not "
        "applied"
    ]


def test_a_variable_s_new_type_is_refused_where_a_value_held_for_it_would_not_fit() -> None:
    """Accepted before, leaving `validate` an error at the case's value."""
    project = small_project()
    role = project.variables[0]
    b = qcode.ProjectBuilder.from_project(project)
    with pytest.raises(TypeError) as refused:
        b.update(role, type=qcode.VariableType.INTEGER)
    assert str(refused.value) == (
        "'social worker' is a text value, but variable 'Role' holds integer values: case 'P1' "
        "holds it; remove that value first, and give it again in the new type once the type "
        "changed"
    )
    assert b.build() == project
    b.update(project.cases[0], values={})
    memo = b.update(b.note("Unnamed"), values={role: "lead"})
    with pytest.raises(TypeError) as refused:
        b.update(role, type=qcode.VariableType.INTEGER)
    said = f"note {memo.id} holds it; remove that value first, and give it again in the new"
    assert str(refused.value).endswith(f"{said} type once the type changed")
    b.update(memo, values={})
    assert b.update(role, type=qcode.VariableType.INTEGER).type is qcode.VariableType.INTEGER
    assert [i for i in qcode.validate(b.build()) if i.is_error] == []


def test_users_notes_and_cases_of_any_kind_refuse_names_with_spaces_around_or_empty() -> None:
    """A participant, source, code, theme or variable was refused a name like "Peace "
    (found by neither its name nor the trimmed one); a user, a note or a site was not."""
    project = small_project()
    b = qcode.ProjectBuilder.from_project(project)
    for call, message in (
        (lambda: b.user("Ann "), "a user's name has no spaces or line breaks around it: 'Ann '"),
        (lambda: b.user(""), "a user's name is not blank (''): give None for none"),
        (
            lambda: b.update(project.users[0], name=" Ann"),
            "a user's name has no spaces or line breaks around it: ' Ann'",
        ),
        (
            lambda: b.note("t", name="Peace "),
            "a note's name has no spaces or line breaks around it: 'Peace '",
        ),
        (
            lambda: b.case("Site\n", kind="site"),
            "a case's label has no spaces or line breaks around it: 'Site\\n'",
        ),
        (lambda: b.case(" ", kind="site"), "a case's label is not blank (' '): give None for none"),
    ):
        with pytest.raises(ValueError) as refused:
            call()
        assert str(refused.value) == message
    assert b.build() == project
    assert b.note("t").name is None  # a note needs no name
    nameless = b.update(b.user("Someone"), name=None)  # nor a user: and others are added
    assert [b.user(name).name for name in ("Bea", "Cy")] == ["Bea", "Cy"]
    assert b.update(b.add(evolve(nameless, id=uuid.UUID(int=21))), login="x").name is None
    assert b.case("Site", kind="site").label == "Site"


def test_a_wrong_type_for_an_example_or_a_colour_is_a_type_error() -> None:
    """An AttributeError ('str' object has no attribute 'excerpt') and a ValueError."""
    b = qcode.ProjectBuilder.from_project(small_project())
    for call, message in (
        (lambda: b.add_example("Toll", "x"), "an example is a qcode.Example, not str"),
        (lambda: b.update("Toll", examples=("x",)), "an example is a qcode.Example, not str"),
        (lambda: b.update("Toll", color=5), "a colour is text like '#1F77B4' or None, not int"),
        (lambda: b.code("New", color=5), "a colour is text like '#1F77B4' or None, not int"),
    ):
        with pytest.raises(TypeError) as refused:
            call()
        assert str(refused.value) == message
