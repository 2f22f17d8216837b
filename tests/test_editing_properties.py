"""Any sequence of builder edits on a valid project gives a project `validate` finds no
error in."""

from __future__ import annotations

import contextlib
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import qcode
from tests.conftest import examples

WORDS = ["bridge", "toll", "rock", "garden", "gate", "police", "river", "paradox"]


def errors(project: qcode.Project) -> list[str]:
    return [str(issue) for issue in qcode.validate(project) if issue.is_error]


def a_project(data: st.DataObject) -> qcode.Project:
    b = qcode.ProjectBuilder("Generated")
    users = [b.user(f"Coder {i}") for i in range(data.draw(st.integers(1, 3)))]
    codes: list[qcode.Code] = []
    for i in range(data.draw(st.integers(1, 8))):
        parent = data.draw(st.none() | st.sampled_from(codes)) if codes else None
        codes.append(b.code(f"Code {i}", parent=parent))
    for i in range(data.draw(st.integers(0, 3))):
        b.theme(f"Theme {i}", codes=data.draw(st.lists(st.sampled_from(codes), max_size=3)))
    cases = [b.participant(f"P{i}") for i in range(data.draw(st.integers(0, 3)))]
    excerpts: list[qcode.Excerpt] = []
    sources = []
    for i in range(data.draw(st.integers(1, 3))):
        words = data.draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12))
        source = b.text_source(f"Source {i}", " ".join(f"<{w}{n}>" for n, w in enumerate(words)))
        sources.append(source)
        for n in sorted(set(data.draw(st.lists(st.integers(0, len(words) - 1), max_size=4)))):
            excerpts.append(
                b.quote(
                    source,
                    f"<{words[n]}{n}>",
                    codes=data.draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)),
                    speaker=data.draw(st.none() | st.sampled_from(cases)) if cases else None,
                    coder=data.draw(st.sampled_from(users)),
                )
            )
    targets: list[Any] = [*codes, *sources, *excerpts]
    for i in range(data.draw(st.integers(0, 3))):
        b.note(f"Memo {i}", about=data.draw(st.lists(st.sampled_from(targets), max_size=2)))
    for i in range(data.draw(st.integers(0, 2))):
        b.link(
            data.draw(st.sampled_from(targets)), data.draw(st.sampled_from(targets)), name=f"L{i}"
        )
    b.set("Set", codes=codes[:2], sources=sources[:1])
    for excerpt in excerpts[:1]:
        b.add_example(codes[0], qcode.Example(text="example", excerpt=excerpt.id))
    return b.build()


def an_edit(data: st.DataObject, b: qcode.ProjectBuilder) -> None:
    project = b.build()
    excerpts = [e for _, e in project.iter_excerpts()]
    kind = data.draw(st.sampled_from(["remove", "rename", "move", "merge", "recode", "update"]))
    if kind == "remove":
        things: list[Any] = [*project.codes, *project.themes, *project.sources, *excerpts,
                             *project.notes, *project.cases, *project.users, *project.links,
                             *project.sets, *(c for e in excerpts for c in e.codings)]  # fmt: skip
        if things:
            b.remove(data.draw(st.sampled_from(things)), codings=data.draw(st.booleans()))
    elif not project.codes:
        return
    elif kind == "rename":
        code, name = data.draw(st.sampled_from(project.codes)), data.draw(st.sampled_from(WORDS))
        with contextlib.suppress(ValueError):  # onto a sibling's path: refused, nothing changed
            b.rename_code(code, name)
    elif kind == "move":
        code = data.draw(st.sampled_from(project.codes))
        parent = data.draw(st.none() | st.sampled_from(project.codes))
        with contextlib.suppress(ValueError):  # under itself, onto a sibling's path: refused
            b.move_code(code, parent=parent)
    elif kind == "merge":
        merged = data.draw(st.lists(st.sampled_from(project.codes), min_size=1, max_size=3))
        b.merge_codes(merged, into=data.draw(st.sampled_from(project.codes)))
    elif kind == "recode" and excerpts:
        b.recode(
            data.draw(st.sampled_from(excerpts)),
            add=data.draw(st.lists(st.sampled_from(project.codes), max_size=2)),
            remove=data.draw(st.lists(st.sampled_from(project.codes), max_size=2)),
        )
    elif kind == "update":
        b.update(data.draw(st.sampled_from(project.codes)), color="#AA3300")


@settings(max_examples=examples(150), deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_any_edits_keep_a_valid_project_valid(data: st.DataObject) -> None:
    project = a_project(data)
    assert errors(project) == []
    b = qcode.ProjectBuilder.from_project(project)
    for _ in range(data.draw(st.integers(1, 6))):
        an_edit(data, b)
        assert errors(b.build()) == []
