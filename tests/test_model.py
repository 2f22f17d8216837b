"""The model takes what it is given, or says no when the object is made."""

from __future__ import annotations

import uuid
from pathlib import Path

import attrs
import pytest

import qcode

ID = "6a2f0b7e-9c7b-4f0e-8a43-1f7b6e4b0c11"


def test_sequences_become_tuples_and_objects_stay_hashable() -> None:
    code = qcode.Code(id=uuid.UUID(ID), name="Toll", when_to_use=["when it hurts"])
    theme = qcode.Theme(id=uuid.uuid4(), name="Core tension", codes=[code.id])
    assert code.when_to_use == ("when it hurts",)
    assert theme.codes == (code.id,)
    assert hash(code) == hash(
        qcode.Code(id=uuid.UUID(ID), name="Toll", when_to_use=("when it hurts",))
    )
    assert hash(theme) == hash(attrs.evolve(theme))


def test_text_ids_become_uuids(tmp_path: Path) -> None:
    code = qcode.Code(id=ID, name="Toll", parent=ID.upper(), note_refs=[ID])
    assert (code.id, code.parent, code.note_refs) == (
        uuid.UUID(ID),
        uuid.UUID(ID),
        (uuid.UUID(ID),),
    )
    project = qcode.Project(name="p", codes=[qcode.Code(id=str(uuid.uuid4()), name="x")])
    assert [i.code for i in qcode.validate(project)] == []
    qcode.write(project, tmp_path / "p.qdpx")
    assert qcode.read(tmp_path / "p.qdpx").project == project


def test_a_project_built_with_lists_round_trips_through_json() -> None:
    project = qcode.Project(
        name="Lists",
        codes=[
            qcode.Code(
                id=ID, name="Toll", when_to_use=["a", "b"], examples=[qcode.Example(text="t")]
            )
        ],
        themes=[qcode.Theme(id=uuid.uuid4(), name="T", codes=[ID])],
    )
    assert qcode.loads(qcode.dumps(project)) == project


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: qcode.TextSpan(start="a", end=2), TypeError,
         "TextSpan.start must be int, not str 'a'"),
        (lambda: qcode.TextSpan(True, 2), TypeError, "TextSpan.start must be int, not bool True"),
        (lambda: qcode.Code(id=5, name="x"), TypeError, "Code.id must be a UUID, not int 5"),
        (lambda: qcode.Code(id="nope", name="x"), ValueError,
         "Code.id must be a UUID, not str 'nope'"),
        (lambda: qcode.Code(id=ID, name=None), TypeError,
         "Code.name must be str, not NoneType None"),
        (lambda: qcode.Code(id=ID, name="x", when_to_use="abc"), TypeError,
         "Code.when_to_use must be a sequence, not str 'abc'"),
        (lambda: qcode.Code(id=ID, name="x", when_to_use=["a", 1]), TypeError,
         "Code.when_to_use[1] must be str, not int 1"),
        (lambda: qcode.Theme(id=ID, name="x", codes=[ID, "nope"]), ValueError,
         "Theme.codes[1] must be a UUID, not str 'nope'"),
        (lambda: qcode.Code(id=ID, name="x", parent=3), TypeError,
         "Code.parent must be a UUID, not int 3"),
        (lambda: qcode.Excerpt(id=ID, anchor=(1, 2)), TypeError,
         "Excerpt.anchor must be TextSpan or PictureRegion or PDFRegion or TimeSpan or "
         "TranscriptSpan, not tuple (1, 2)"),
        (lambda: qcode.Source(id=ID, name="s", content=qcode.TextContent(text="x"), excerpts=[1]),
         TypeError, "Source.excerpts[0] must be Excerpt, not int 1"),
        (lambda: qcode.Coding(id=ID, code=ID, coded_at="2024-01-01"), TypeError,
         "Coding.coded_at must be datetime or None, not str '2024-01-01'"),
        (lambda: qcode.Variable(id=ID, name="Role", type="text"), TypeError,
         "Variable.type must be VariableType, not str 'text'"),
        (lambda: qcode.VariableValue(uuid.UUID(ID), [1]), TypeError,
         "VariableValue.value must be str or bool or int or float or date or datetime or None, "
         "not list [1]"),
    ],
)  # fmt: skip
def test_a_wrong_type_is_refused_when_the_object_is_made(
    make: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        make()  # type: ignore[operator]
    assert str(caught.value) == message


def test_a_tuple_member_of_a_subclass_or_of_a_wrong_type_among_right_ones_is_told_apart() -> None:
    class Label(str):
        pass

    code = qcode.Code(id=ID, name="x", when_to_use=("a", Label("b")))
    assert code.when_to_use == ("a", "b")
    assert type(code.when_to_use[1]) is Label
    with pytest.raises(TypeError) as caught:
        qcode.Code(id=ID, name="x", when_to_use=("a", "b", True))
    assert str(caught.value) == "Code.when_to_use[2] must be str, not bool True"

    from qcode._model._checks import typed

    @attrs.frozen(field_transformer=typed)
    class Labels:  # a tuple whose members may not be None, though its hint names None
        texts: tuple[str | None, ...]

    with pytest.raises(TypeError) as caught:
        Labels(("a", None))
    assert str(caught.value) == "Labels.texts[1] must be str, not NoneType None"


def test_semantic_problems_are_left_to_validate() -> None:
    span = qcode.TextSpan(40, 30)  # ends before it starts: constructs, validate reports it
    source = qcode.Source(
        id=uuid.uuid4(),
        name="s",
        content=qcode.TextContent(text="x" * 50),
        excerpts=[qcode.Excerpt(id=uuid.uuid4(), anchor=span)],
    )
    issues = qcode.validate(qcode.Project(name="p", sources=[source]))
    assert [i.code for i in issues] == ["span-order"]


def test_checks_are_back_on_after_reading_even_a_refused_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", "utf-8")
    with pytest.raises(qcode.ReadError):
        qcode.read(bad)
    assert attrs.validators.get_disabled() is False
    with pytest.raises(TypeError):
        qcode.TextSpan("a", 2)  # type: ignore[arg-type]


def test_every_public_class_documents_its_fields() -> None:
    undocumented = {
        name: [f.name for f in attrs.fields(cls) if f"``{f.name}``" not in (cls.__doc__ or "")]
        for name in qcode.__all__
        if isinstance(cls := getattr(qcode, name), type) and attrs.has(cls)
    }
    assert {name: fields for name, fields in undocumented.items() if fields} == {}
    assert "- ``when_not_to_use``: exclusion criteria." in (qcode.Code.__doc__ or "")
