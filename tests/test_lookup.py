"""Look-ups on a project: by id, name and code path, and along the hierarchies; and short
representations for consoles and notebooks."""

from __future__ import annotations

import uuid

import pytest
from attrs import evolve

import qcode
from tests.conftest import small_project


def project_with_twins() -> qcode.Project:
    b = qcode.ProjectBuilder("Twins", id_namespace=uuid.UUID(int=1))
    ana = b.user("Ana", login="AN")
    left = b.code("Left", codable=False)
    right = b.code("Right", codable=False)
    left_toll = b.code("Toll", parent=left)
    right_toll = b.code("Toll", parent=right)
    deeper = b.code("Deeper", parent=left_toll)
    b.theme("Costs", codes=[left_toll, deeper])
    b.theme("Wider", codes=[right_toll])
    source = b.text_source("Diary", "It takes its toll. Deep down. Right here.")
    b.quote(source, "It takes its toll.", codes=[left_toll], coder=ana)
    b.quote(source, "Deep down.", codes=[deeper])
    b.quote(source, "Right here.", codes=[right_toll, left_toll])
    project = b.build()
    wider = next(t for t in project.themes if t.name == "Wider")
    costs = next(t for t in project.themes if t.name == "Costs")
    return evolve(project, themes=(costs, evolve(wider, parent=costs.id)))


def test_codes_by_path_name_and_id() -> None:
    project = project_with_twins()
    left_toll = project.code("Left/Toll")
    assert (left_toll.name, project.path(left_toll)) == ("Toll", "Left/Toll")
    assert (
        project.code("Left/Toll/Deeper")
        == project.code("Deeper")
        == project.code(project.code("Deeper").id)
    )
    with pytest.raises(qcode.AmbiguousNameError) as ambiguous:
        project.code("Toll")
    assert str(ambiguous.value) == "2 codes are called 'Toll': 'Left/Toll', 'Right/Toll'"
    with pytest.raises(qcode.NotFoundError) as missing:
        project.code("Nowhere")
    assert str(missing.value) == (
        "no code has the path or name 'Nowhere' "
        "(codes: 'Left', 'Right', 'Left/Toll', 'Right/Toll', 'Left/Toll/Deeper')"
    )
    with pytest.raises(KeyError):  # a NotFoundError is a KeyError too
        project.code(uuid.UUID(int=5))


def test_get_finds_every_kind_by_id() -> None:
    project = project_with_twins()
    source = project.sources[0]
    excerpt = source.excerpts[0]
    coding = excerpt.codings[0]
    for item in (project.users[0], project.codes[2], project.themes[0], source, excerpt, coding):
        assert project.get(item.id) is item
    assert project.get(str(excerpt.id)) is excerpt
    assert project.get(uuid.UUID(int=7)) is None


def test_sources_cases_and_users_by_name() -> None:
    project = small_project()
    assert project.source("Workshop 1") is project.sources[0]
    assert project.case("P1") is project.cases[0]
    assert project.user("Analyst") is project.user("AN") is project.users[0]
    with pytest.raises(qcode.NotFoundError) as missing:
        project.source("Workshop 9")
    assert str(missing.value) == "no source is called 'Workshop 9' (sources: 'Workshop 1')"


def test_a_miss_among_many_names_the_closest_or_says_none_is_close() -> None:
    project = qcode.ProjectBuilder(name="Many")
    for n in range(12):
        project.code(f"Theme {n}" if n else "The toll")
    built = project.build()
    with pytest.raises(qcode.NotFoundError) as close:
        built.code("The tol")
    assert str(close.value) == "no code has the path or name 'The tol'; did you mean 'The toll'?"
    with pytest.raises(qcode.NotFoundError) as far:
        built.code("Zzz")
    assert str(far.value) == "no code has the path or name 'Zzz' (none of the 12 codes is close)"
    with pytest.raises(qcode.NotFoundError) as empty:
        built.case("P1")
    assert str(empty.value) == "no case is called 'P1'; there are no cases"
    with pytest.raises(qcode.NotFoundError) as shouted:
        built.code("THE TOLL")
    assert str(shouted.value) == "no code has the path or name 'THE TOLL'; did you mean 'The toll'?"


def test_a_miss_close_to_a_shared_name_offers_each_code_by_path() -> None:
    project = qcode.ProjectBuilder(name="Many")
    for n in range(8):
        project.code(f"Theme {n}")
    for parent in ("Alpha", "Beta"):
        project.code("Calm", parent=project.code(parent))
    built = project.build()
    with pytest.raises(qcode.NotFoundError) as close:
        built.code("Calmm")
    assert str(close.value) == (
        "no code has the path or name 'Calmm'; did you mean 'Alpha/Calm' or 'Beta/Calm'?"
    )
    with pytest.raises(qcode.NotFoundError) as by_path:
        built.code("alpha/calmm")
    assert str(by_path.value) == (
        "no code has the path or name 'alpha/calmm'; did you mean 'Alpha/Calm' or 'Alpha' or "
        "'Beta/Calm'?"
    )


def test_children_excerpts_and_theme_codes() -> None:
    project = project_with_twins()
    assert [c.name for c in project.children("Left")] == ["Toll"]
    quotes = [e.quote for _, e in project.excerpts_of("Left/Toll")]
    assert quotes == ["It takes its toll.", "Right here."]
    with_children = [e.quote for _, e in project.excerpts_of("Left/Toll", include_children=True)]
    assert with_children == ["It takes its toll.", "Deep down.", "Right here."]
    assert all(s is project.sources[0] for s, _ in project.excerpts_of("Deeper"))
    assert [project.path(c) for c in project.codes_of("Costs")] == ["Left/Toll", "Left/Toll/Deeper"]
    assert [project.path(c) for c in project.codes_of("Costs", include_children=True)] == [
        "Left/Toll",
        "Left/Toll/Deeper",
        "Right/Toll",
    ]


def test_reprs_stay_short() -> None:
    project = project_with_twins()
    assert repr(project) == (
        "<Project 'Twins': 1 sources, 5 codes, 2 themes, 0 cases, 1 users, 0 notes, 3 excerpts>"
    )
    long = evolve(project.sources[0], content=qcode.TextContent(text="word " * 10_000))
    shown = repr(long)
    assert "text='word word" in shown and len(shown) < 400
    assert "excerpts=<3 Excerpt>" in shown
    one = repr(evolve(long, excerpts=long.excerpts[:1]))
    assert "excerpts=(Excerpt(" in one and "quote='It takes its toll.'" in one


def test_get_takes_id_text_and_answers_none_for_what_is_no_id() -> None:
    project = small_project()
    code = project.codes[1]
    assert project.get(str(code.id)) is code
    assert project.get(str(code.id).upper()) is code
    assert project.get(None) is None
    assert project.get("not an id") is None
    assert project.get(code.parent) is project.codes[0]
    assert project.code(str(code.id)) is code
    assert project.source(str(project.sources[0].id)) is project.sources[0]


def test_codes_with_one_path_are_told_apart_by_id() -> None:
    yes = qcode.Code(id=uuid.UUID(int=1), name="Yes")
    no = qcode.Code(id=uuid.UUID(int=2), name="No", parent=yes.id)
    flat = qcode.Code(id=uuid.UUID(int=3), name="Yes/No")  # as a file may hold them
    project = qcode.Project(name="Slashes", codes=(yes, no, flat))
    with pytest.raises(qcode.AmbiguousNameError) as caught:
        project.code("Yes/No")
    assert str(caught.value) == (
        f"2 codes are called 'Yes/No': 'Yes/No' (id {no.id}), 'Yes/No' (id {flat.id})"
    )


def test_a_read_result_repr_counts_its_report() -> None:
    result = qcode.ReadResult(small_project(), tuple(qcode.validate(small_project())))
    assert repr(result) == (
        "ReadResult(project=<Project 'Small study': 1 sources, 3 codes, 1 themes, 1 cases, "
        "1 users, 1 notes, 2 excerpts>, report=<0 Issue>, files=<0 files>)"
    )


def test_names_written_in_either_unicode_form_are_found_by_the_other() -> None:
    decomposed, composed = "Sa\u0301rga", "S\u00e1rga"  # macOS writes the first
    b = qcode.ProjectBuilder("Forms", id_namespace=uuid.UUID(int=2))
    b.user("Ana")
    colour = b.code("Colours", codable=False)
    yellow = b.code(decomposed, parent=colour)
    age = b.variable(f"{decomposed} age", qcode.VariableType.INTEGER)
    b.participant(decomposed, values={age: 7})
    b.theme(decomposed, codes=[yellow])
    project = b.build()
    assert project.code(composed) == yellow
    assert project.code(f"Colours/{composed}") == yellow
    assert project.case(composed).label == decomposed
    assert qcode.analysis.frequencies(project, composed).column("code") == (decomposed,)
    assert qcode.analysis.segments(project, themes=composed).columns[2] == "theme"
    by_age = qcode.analysis.frequencies(project, by=f"variable:{composed} age")
    assert by_age.columns[0] == f"{decomposed} age"
    exact = qcode.ProjectBuilder.from_project(project)
    with pytest.raises(ValueError, match=r"^a code named 'S\u00e1rga' is already under "):
        exact.code(composed, parent=colour)  # the builder makes no such twin; a file may hold one
    twin = exact.add(qcode.Code(id=uuid.UUID(int=5), name=composed, parent=colour.id))
    both = exact.build()
    assert both.code(decomposed) == yellow
    assert both.code(composed) == twin


def test_users_by_name_in_either_form_else_by_login_and_ids_in_any_spelling() -> None:
    decomposed, composed = "Jose\u0301", "Jos\u00e9"
    nameless = qcode.User(id=uuid.UUID(int=1), login="zz")
    named = qcode.User(id=uuid.UUID(int=2), name=composed, login="jo")
    login_like = qcode.User(id=uuid.UUID(int=3), name="jo", login="other")
    project = qcode.Project(name="Users", users=(nameless, named, login_like))
    assert project.user("zz") is nameless  # a user without a name is found by login
    assert project.user(decomposed) is named
    assert project.user("jo") is login_like  # a name wins over another user's login
    with pytest.raises(qcode.NotFoundError) as missing:
        project.user("c99")
    assert (
        str(missing.value)
        == f"no user has the name or login 'c99' (users: 'zz', '{composed}', 'jo')"
    )
    small = small_project()
    source = small.sources[0]
    spelled = "{" + str(source.id).upper() + "}"
    assert small.source(spelled) is small.source(source.id.hex) is source
    assert small.theme("Core tension") is small.theme(str(small.themes[0].id)) is small.themes[0]


def test_an_object_is_looked_up_by_its_id_not_taken_as_it_is() -> None:
    """Any version of a code or theme finds the project's; one the project lacks is not
    found (a bare KeyError, or the stale object, before)."""
    code = qcode.Code(id=uuid.UUID(int=1), name="Toll")
    theme = qcode.Theme(id=uuid.UUID(int=2), name="Strain", codes=(code.id,))
    project = qcode.Project(name="p", codes=(code,), themes=(theme,))
    assert project.path(evolve(code, name="Old name")) == "Toll"
    assert project.codes_of(evolve(theme, codes=())) == (code,)
    stranger = qcode.Code(id=uuid.UUID(int=3), name="Elsewhere")
    with pytest.raises(
        qcode.NotFoundError, match=r"^no code has id 00000000-0000-0000-0000-000000000003$"
    ):
        project.path(stranger)
    with pytest.raises(
        qcode.NotFoundError, match=r"^no theme has id 00000000-0000-0000-0000-000000000004"
    ):
        project.codes_of(qcode.Theme(id=uuid.UUID(int=4), name="Other"))


def test_a_source_case_user_or_note_is_found_given_as_itself_as_codes_and_themes_are() -> None:
    """They were a TypeError ("a source is looked up by id or name, not Source")."""
    project = small_project()
    for look_up, held in (
        (project.source, project.sources[0]),
        (project.case, project.cases[0]),
        (project.user, project.users[0]),
        (project.note, project.notes[0]),
    ):
        assert look_up(held) is held
        assert look_up(evolve(held, id=held.id)) is held  # another version: the project's
    renamed = evolve(project.sources[0], name="Old name")
    assert project.source(renamed) is project.sources[0]
    with pytest.raises(qcode.NotFoundError) as missing:
        project.case(qcode.Case(id=uuid.UUID(int=9), label="Stranger"))
    assert str(missing.value) == "no case has id 00000000-0000-0000-0000-000000000009"
    with pytest.raises(TypeError) as wrong:
        project.source(project.cases[0])  # type: ignore[arg-type]
    assert str(wrong.value) == "a source is looked up by id or name, not Case"


def test_a_theme_is_found_by_its_path_and_a_shared_name_names_the_paths() -> None:
    b = qcode.ProjectBuilder("Themes", id_namespace=uuid.UUID(int=9))
    code = b.code("C")
    first, second = b.theme("Top1"), b.theme("Top2")
    b.theme("Same", parent=first, codes=[code])
    b.theme("Same", parent=second)
    project = b.build()
    assert project.codes_of("Top1/Same") == (project.code("C"),)
    assert project.codes_of("Top2/Same") == ()
    with pytest.raises(qcode.AmbiguousNameError) as refused:
        project.codes_of("Same")
    assert str(refused.value) == "2 themes are called 'Same': 'Top1/Same', 'Top2/Same'"
    with pytest.raises(qcode.NotFoundError) as missed:
        project.theme("Top3/Same")
    assert str(missed.value) == (
        "no theme has the path or name 'Top3/Same' (themes: 'Top1', 'Top2', 'Top1/Same', "
        "'Top2/Same')"
    )  # by path: the names alone ('Same', 'Same') hid which is which
    with pytest.raises(TypeError) as wrong:
        project.theme(code)  # type: ignore[arg-type]
    assert str(wrong.value) == "a theme is looked up by id or path or name, not Code"
    twins = evolve(project.themes[2], id=uuid.UUID(int=7))  # as a damaged file has it
    doubled = evolve(project, themes=(*project.themes, twins))
    with pytest.raises(qcode.AmbiguousNameError) as shared:
        doubled.theme("Top1/Same")  # it was "no theme has the path or name 'Top1/Same'"
    assert str(shared.value) == (
        f"2 themes have the path 'Top1/Same' (ids {project.themes[2].id}, {twins.id})"
    )


def test_a_theme_has_a_path_and_themes_alike_in_path_are_told_apart_by_id() -> None:
    b = qcode.ProjectBuilder("Themes", id_namespace=uuid.UUID(int=10))
    top = b.theme("Top")
    sub = b.theme("Sub", parent=top)
    twin = b.theme("T")
    other = b.add(evolve(twin, id=uuid.UUID(int=99)))  # a file's twins: the adders refuse one
    project = b.build()
    assert project.path(sub) == "Top/Sub"
    with pytest.raises(qcode.AmbiguousNameError) as refused:
        project.codes_of("T")
    assert str(refused.value) == (
        f"2 themes are called 'T': 'T' (id {twin.id}), 'T' (id {other.id})"
    )


def test_the_builder_finds_a_theme_by_path_and_a_top_theme_by_its_own_path() -> None:
    b = qcode.ProjectBuilder("Paths", id_namespace=uuid.UUID(int=11))
    b.theme("A")
    inner = b.theme("Sub", parent="A")
    top = b.theme("Sub")
    below = b.theme("C", parent="A/Sub")
    moved = b.update(b.theme("X"), parent="A/Sub")
    project = b.build()
    assert (below.parent, moved.parent) == (inner.id, inner.id)
    assert (project.theme("Sub"), project.theme("A/Sub")) == (top, inner)
    assert b.update("A/Sub", description="d").description == "d"


def test_get_of_an_object_is_refused_rather_than_said_absent() -> None:
    """``get(code)`` returned None, as for an id the project lacks."""
    project = small_project()
    code = project.codes[1]
    assert project.get(code.id) == code and project.get(str(code.id)) == code
    assert project.get("no id") is None and project.get(None) is None
    with pytest.raises(TypeError) as refused:
        project.get(code)  # type: ignore[arg-type]
    assert str(refused.value) == "get takes an id (a UUID or its text), not Code; give its .id"
    with pytest.raises(TypeError) as refused:
        project.get(3)  # type: ignore[arg-type]
    assert str(refused.value) == "get takes an id (a UUID or its text), not int"
