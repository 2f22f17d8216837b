"""qcode's JSON format through the public API."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import re
import uuid
from pathlib import Path

import attrs
import pytest
from jsonschema import Draft202012Validator

import qcode
from qcode._formats import ReadOptions, read
from qcode._formats._json import schema_validator


def test_document_starts_with_the_format_marker(project: qcode.Project) -> None:
    text = qcode.dumps(project)
    assert text.startswith('{\n  "format": "qcode-project",\n  "version": 1,\n  "name": ')
    assert text.endswith("}\n")


def test_defaults_are_omitted_and_tags_come_first(project: qcode.Project) -> None:
    document = json.loads(qcode.dumps(project))
    source = document["sources"][0]
    assert list(source) == ["id", "name", "kind", "content", "excerpts"]
    assert source["content"] == {"medium": "text", "text": "We are a bridge. It takes its toll."}
    assert source["excerpts"][0]["anchor"] == {"type": "text", "start": 7, "end": 15}
    assert document["cases"][0]["values"] == [
        {"variable": str(project.variables[0].id), "type": "text", "value": "social worker"}
    ]


def test_file_round_trip(project: qcode.Project, tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    assert qcode.dump(project, target) == ()
    assert qcode.load(target) == project
    assert qcode.read(target) == qcode.ReadResult(project, ())


def test_a_bom_is_accepted_with_a_warning_and_refused_when_strict(
    project: qcode.Project, tmp_path: Path
) -> None:
    target = tmp_path / "bom.json"
    target.write_bytes(b"\xef\xbb\xbf" + qcode.dumps(project).encode())
    assert qcode.load(target) == project
    said = qcode.Issue(
        severity=qcode.Severity.WARNING,
        code="json-bom",
        path="$",
        message="the JSON starts with a byte-order mark, which JSON does not have (a read "
        "without strict drops it)",
        file=str(target),
    )
    assert qcode.read(target) == qcode.ReadResult(project, (said,))
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.read(target, strict=True)
    assert [(i.severity, i.code) for i in caught.value.issues] == [
        (qcode.Severity.ERROR, "json-bom")
    ]
    book = tmp_path / "book.json"
    book.write_bytes(b"\xef\xbb\xbf" + qcode.dumps(project).encode())
    found: list[qcode.Issue] = []
    assert qcode.read_codebook(book, report=found) == project.codebook
    assert [(i.code, i.file) for i in found] == [("json-bom", str(book))]
    with pytest.raises(qcode.InvalidProjectError):
        qcode.read_codebook(book, strict=True)


def test_a_schema_pointer_is_allowed_and_not_kept(project: qcode.Project, tmp_path: Path) -> None:
    """Editors find a JSON file's schema from a top-level "$schema" key."""
    import jsonschema

    from qcode._codebooks._formats._json import dumps as dumps_codebook
    from qcode._formats._json import SCHEMA_ID, schema_validator

    document = {"$schema": SCHEMA_ID, **json.loads(qcode.dumps(project))}
    assert qcode.loads(json.dumps(document)) == project
    assert "$schema" not in qcode.dumps(qcode.loads(json.dumps(document)))
    schema_validator("qcode-project.schema.json").validate(document)
    book = tmp_path / "book.json"
    written = json.loads(dumps_codebook(project.codebook))
    book.write_text(json.dumps({"$schema": "codebook.schema.json", **written}), "utf-8")
    assert qcode.read_codebook(book) == project.codebook
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps({**document, "$schema": 5}), file="p.json")
    assert [str(i) for i in caught.value.issues] == [
        "ERROR p.json $.$schema: expected string, got 5"
    ]
    with pytest.raises(jsonschema.ValidationError):
        schema_validator("qcode-project.schema.json").validate({**document, "$schema": 5})


def test_utc_z_suffix_is_read(project: qcode.Project) -> None:
    text = qcode.dumps(project).replace("+00:00", "Z")
    assert qcode.loads(text) == project


def test_invalid_project_error_lists_every_issue() -> None:
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads('{"format": "qcode-project", "version": 1, "nme": "x", "x": 1}', file="f.json")
    error = caught.value
    assert [str(i) for i in error.issues] == [
        "ERROR f.json $: missing required key 'name'",
        "ERROR f.json $.nme: unknown key 'nme'",
        "ERROR f.json $.x: unknown key 'x'",
    ]
    assert str(error) == "f.json: $: missing required key 'name' (and 2 more errors)"
    assert pickle.loads(pickle.dumps(error)).issues == error.issues


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "x.json: not valid JSON: Expecting property name enclosed in double quotes "
         "(line 1, column 2)"),
        ("[]", 'x.json: not a qcode project (expected "format": "qcode-project")'),
        ('{"format": "other"}',
         'x.json: not a qcode project ("format" is \'other\', expected "format": "qcode-project")'),
        ('{"format": "qcode-codebook"}',
         'x.json: not a qcode project ("format" is \'qcode-codebook\', expected "format": '
         '"qcode-project"); it is a codebook: qcode codebook export (or qcode.read_codebook) '
         "reads it"),
        ('{"format": "qcode-project", "name": "A", "codes": [], "name": "B"}',
         "x.json: not valid JSON for qcode: key 'name' is given twice at $ (a reader would keep "
         "one of them)"),
        ('{"format": "qcode-project", "name": "p", "codes": [{"id": "1", "name": "a"}, '
         '{"name": "b", "id": "2", "name": "c", "id": "3"}]}',
         "x.json: not valid JSON for qcode: key 'name' is given twice at $.codes[1] (a reader "
         "would keep one of them)"),
        ('{"format": "qcode-project", "version": 2, "name": "p"}',
         "x.json: format version 2 is newer than this qcode reads (1); upgrade qcode"),
        ('{"format": "qcode-project", "version": 2.0, "name": "p"}',
         "x.json: format version 2 is newer than this qcode reads (1); upgrade qcode"),
        ('{"format": "qcode-project", "name": "p", "cases": [{"values": [1, NaN]}]}',
         "x.json: not valid JSON: NaN at $.cases[0].values[1] is not a number JSON can hold "
         "(it has no NaN or Infinity)"),
        ("-Infinity", "x.json: not valid JSON: -Infinity at $ is not a number JSON can hold "
         "(it has no NaN or Infinity)"),
        ('{"format": "qcode-project", "name": "p", "cases": [{"values": [1.5, -1e400]}]}',
         "x.json: not valid JSON for qcode: the number -1e400 at $.cases[0].values[1] is beyond "
         "the largest a number can hold (about 1.8e308)"),
    ],
)  # fmt: skip
def test_unreadable_documents(text: str, message: str) -> None:
    with pytest.raises(qcode.ReadError) as caught:
        qcode.loads(text, file="x.json")
    assert str(caught.value) == message
    assert str(pickle.loads(pickle.dumps(caught.value))) == message


def test_another_document_says_what_it_is(tmp_path: Path) -> None:
    """A script reading files of either kind catches the public error and reads its kind."""
    with pytest.raises(qcode.OtherDocumentError) as caught:
        qcode.loads('{"format": "qcode-codebook"}', file="x.json")
    assert caught.value.found == "qcode-codebook"
    assert pickle.loads(pickle.dumps(caught.value)).found == "qcode-codebook"
    other = tmp_path / "other.json"
    other.write_text('{"format": "survey"}', encoding="utf-8")
    with pytest.raises(qcode.OtherDocumentError) as book:
        qcode.read_codebook(other)
    assert (str(book.value), book.value.found) == (
        f'{other}: not a qcode codebook ("format" is \'survey\', expected "format": '
        '"qcode-codebook")',
        "survey",
    )


def test_unreadable_files(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(qcode.ReadError, match=r"missing\.json: no such file$"):
        qcode.load(missing)
    with pytest.raises(qcode.ReadError, match=r": is a directory, not a file$"):
        qcode.load(tmp_path / "dir.json" if (tmp_path / "dir.json").mkdir() is None else "")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{\n"name": "caf\xe9"}')
    with pytest.raises(qcode.ReadError, match=r"not UTF-8 text \(bad byte at offset 14, line 2\)$"):
        qcode.load(latin)
    (tmp_path / "notes.txt").touch()
    with pytest.raises(
        qcode.ReadError,
        match=r"unknown file type '\.txt'; qcode reads \.json, \.qdc, \.qde, \.qdpx, \.zip$",
    ):
        qcode.load(tmp_path / "notes.txt")
    (tmp_path / "folder").mkdir()
    with pytest.raises(qcode.ReadError, match=r"folder: is a directory, not a file$"):
        qcode.load(tmp_path / "folder")
    with pytest.raises(qcode.ReadError, match=r"folder: is a directory, not a file$"):
        qcode.read_codebook(tmp_path / "folder")


def test_strict_load_refuses_invalid_projects(project: qcode.Project, tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    broken = qcode.Project(name="")
    qcode.dump(broken, target)
    assert qcode.load(target) == broken
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.load(target, strict=True)
    assert [(i.code, i.file) for i in caught.value.issues] == [("missing-name", str(target))]
    qcode.dump(project, target)
    assert qcode.load(target, strict=True) == project


def test_failed_write_leaves_the_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "p.json"
    target.write_text("precious", "utf-8")
    bad = qcode.Project(name="bad \ud800 surrogate")
    with pytest.raises(qcode.WriteError):
        qcode.dump(bad, target)
    assert target.read_text("utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_the_shipped_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = schema_validator().schema
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


U1, U2 = uuid.UUID(int=1), uuid.UUID(int=2)
VALUES = {
    "format": "qcode-project",
    "version": 1,
    "name": "P",
    "variables": [{"id": str(U1), "name": "V", "type": "float"}],
    "cases": [{"id": str(U2), "label": "A", "values": [{"variable": str(U1)}]}],
}


def _value_of(kind: str, value: object, case_id: str = str(U2)) -> object:
    document = json.loads(json.dumps(VALUES))
    document["variables"][0]["type"] = kind
    document["cases"][0]["id"] = case_id
    document["cases"][0]["values"][0].update(type=kind, value=value)
    return qcode.loads(json.dumps(document), file="x.json").cases[0].values[0].value


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [("float", 3, 3.0), ("float", -0.5, -0.5), ("integer", 3, 3), ("boolean", False, False),
     ("text", "3", "3"), ("date", "2023-02-28", dt.date(2023, 2, 28))],
)  # fmt: skip
def test_variable_values_load_as_their_type(kind: str, value: object, expected: object) -> None:
    loaded = _value_of(kind, value)
    assert (loaded, type(loaded)) == (expected, type(expected))


AT = "$.cases[0].values[0].value: "


@pytest.mark.parametrize(
    ("kind", "value", "case_id", "message"),
    [
        ("integer", True, str(U2), AT + "expected integer, got true"),
        ("float", True, str(U2), AT + "expected number, got true"),
        ("boolean", 1, str(U2), AT + "expected boolean, got 1"),
        ("integer", 3.5, str(U2), AT + "expected integer, got 3.5"),
        ("date", "2023-02-30", str(U2),
         AT + '"2023-02-30" is not a valid date (day is out of range for month)'),
        # Python reads these as dates; the format does not
        ("date", "20230105", str(U2), AT + '"20230105" is not a valid date'),
        ("date", "2023-2-3", str(U2), AT + '"2023-2-3" is not a valid date'),
        ("datetime", "2023-02-03", str(U2),
         AT + '"2023-02-03" is not a valid ISO 8601 timestamp'),
        ("text", "x", "not-a-uuid", '$.cases[0].id: "not-a-uuid" is not a valid uuid'),
        # the schema takes these; the converter refuses them, at the value as the schema would
        ("datetime", "2023-13-01T00:00:00Z", str(U2),
         AT + '"2023-13-01T00:00:00Z" is not a valid timestamp (month must be in 1..12)'),
        ("datetime", "2024-03-01T10:00:00+99:00", str(U2),
         AT + '"2024-03-01T10:00:00+99:00" is not a valid timestamp (its offset from UTC must '
         "be less than 24 hours)"),
        # Python would read these as other moments or other digits; the schema refuses them too
        ("datetime", "2024-03-01T10:00:00+01:99", str(U2),
         AT + '"2024-03-01T10:00:00+01:99" is not a valid ISO 8601 timestamp'),
        ("datetime", "2024-03-01T10:00:00+00:00\n", str(U2),
         AT + '"2024-03-01T10:00:00+00:00\\n" is not a valid ISO 8601 timestamp'),
        ("datetime", "\u0662\u0660\u0662\u0664-03-01T10:00:00Z", str(U2),
         AT + '"\u0662\u0660\u0662\u0664-03-01T10:00:00Z" is not a valid ISO 8601 timestamp'),
        ("date", "2023-02-03\n", str(U2), AT + '"2023-02-03\\n" is not a valid date'),
        ("text", "x", str(U2) + "\n", f'$.cases[0].id: "{U2}\\n" is not a valid uuid'),
        # Python's "int too large to convert to float", at the value's object
        ("float", 10**400, str(U2), AT + "the integer of 401 digits is beyond the largest a "
         "number of type float can hold (about 1.8e308)"),
    ],
)  # fmt: skip
def test_values_of_the_wrong_type_or_format_are_refused(
    kind: str, value: object, case_id: str, message: str
) -> None:
    with pytest.raises(qcode.InvalidProjectError) as caught:
        _value_of(kind, value, case_id)
    assert [str(i) for i in caught.value.issues] == [f"ERROR x.json {message}"]


def test_an_impossible_date_is_an_invalid_value_as_an_impossible_timestamp_is() -> None:
    """Both are written in their form but name no day: the timestamp was `invalid-value`
    (as validation.md says), the date `invalid-format`, the code for a malformed one."""
    codes = []
    for kind, value in [("date", "2023-02-30"), ("datetime", "2023-02-30T00:00:00Z"),
                        ("date", "2023-2-3"), ("datetime", "2023-02-03")]:  # fmt: skip
        with pytest.raises(qcode.InvalidProjectError) as caught:
            _value_of(kind, value)
        codes += [issue.code for issue in caught.value.issues]
    assert codes == ["invalid-value", "invalid-value", "invalid-format", "invalid-format"]


@pytest.mark.parametrize(
    ("kind", "value", "case_id"),
    [
        ("datetime", "2024-03-01T10:00:00+01:99", str(U2)),
        ("datetime", "2024-03-01T10:00:00+00:00\n", str(U2)),
        ("datetime", "\u0662\u0660\u0662\u0664-03-01T10:00:00Z", str(U2)),
        ("date", "2023-02-03\n", str(U2)),
        ("date", "\u0662\u0660\u0662\u0664-02-03", str(U2)),
        ("text", "x", str(U2) + "\n"),
    ],
)
def test_the_schema_refuses_what_python_would_misread_as_qcode_does(
    kind: str, value: str, case_id: str
) -> None:
    """Python's ``re`` lets ``$`` match before a final line break and ``\\d`` match any
    script's digits; Python's JSON Schema validators use it. The patterns alone refuse
    these, as a validator that checks no ``format`` does."""
    from jsonschema import Draft202012Validator

    document = json.loads(json.dumps(VALUES))
    document["variables"][0]["type"] = kind
    document["cases"][0]["id"] = case_id
    document["cases"][0]["values"][0].update(type=kind, value=value)
    bare = Draft202012Validator(schema_validator().schema)  # patterns only, as every validator
    found = [list(error.absolute_path) for error in bare.iter_errors(document)]
    assert found == [["cases", 0, "id"] if kind == "text" else ["cases", 0, "values", 0]]


def test_the_schema_patterns_are_named_in_messages() -> None:
    from qcode._formats._json import _PATTERNS

    text = json.dumps(schema_validator().schema)
    patterns = set(re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', text))
    assert {json.loads(p) for p in patterns} == set(_PATTERNS)


def test_public_api_is_exported() -> None:
    assert sorted(qcode.__all__) == qcode.__all__
    assert all(hasattr(qcode, name) for name in qcode.__all__)
    assert qcode.__version__ == "0.1.0"
    assert "__version__" in dir(qcode)
    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = qcode.nope  # type: ignore[attr-defined]


HEAD = '{"format": "qcode-project", "version": 1, "name": '


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEAD + "[" * 100_000 + "]" * 100_000 + "}",
         "x.json: values are nested too deeply to read"),
        (HEAD + "9" * 5000 + "}",
         "x.json: not valid JSON for qcode: the integer at $.name has 5000 digits, more than "
         "Python converts (4300)"),
        (HEAD + '"p", "sources": [{"a": 1, "b": [2, -' + "9" * 4301 + "]}]}",
         "x.json: not valid JSON for qcode: the integer at $.sources[0].b[1] has 4301 digits, "
         "more than Python converts (4300)"),
        ('{"a": ' + "9" * 4400 + ', "a": 1}',
         "x.json: not valid JSON for qcode: an integer under a key given twice has 4400 "
         "digits, more than Python converts (4300)"),
        (HEAD + "9" * 5000 + ', "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
         "x.json: not valid JSON for qcode: Exceeds the limit (4300 digits) for integer string "
         "conversion: value has 5000 digits"),
    ],
)  # fmt: skip
def test_hostile_json_is_one_read_error(text: str, message: str) -> None:
    with pytest.raises(qcode.ReadError) as caught:
        qcode.loads(text, file="x.json")
    assert str(caught.value) == message


def test_a_lone_surrogate_is_refused_at_load_with_its_path(project: qcode.Project) -> None:
    document = json.loads(qcode.dumps(project))
    document["sources"][0]["name"] = "half \ud800 a pair"
    document["codes"][1]["name"] = "a whole pair \U0001f600 is fine"
    text = json.dumps(document)  # ASCII: the surrogate becomes the escape \ud800
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(text, file="x.json")
    assert [(i.code, i.path, i.message) for i in caught.value.issues] == [
        ("invalid-text", "$.sources[0].name", "holds a lone surrogate (U+D800), not a character")
    ]
    document["codes"][0]["colour"] = "#F00"  # the file's other problems come with it
    user = document["users"][0]["id"]
    document["users"][0]["id"] = "nope"
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(document), file="x.json")
    assert [(i.code, i.path) for i in caught.value.issues] == [
        ("unknown-key", "$.codes[0].colour"),
        ("invalid-text", "$.sources[0].name"),
        ("invalid-format", "$.users[0].id"),
    ]
    raw = json.loads(json.dumps(document))
    raw["codes"][0]["brief\ud800"] = "x"  # surrogates in a key and in an id: shown escaped
    raw["codes"][0]["id"] = "\udc00" + raw["codes"][0]["id"][1:]
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(raw), file="x.json")
    said = [str(i) for i in caught.value.issues]
    assert "ERROR x.json $.codes[0].brief\\ud800: unknown key 'brief\\ud800'" in said
    assert all(text.encode("utf-8") for text in said)  # printable as UTF-8
    document["sources"][0]["name"] = "fine"
    del document["codes"][0]["colour"]
    document["users"][0]["id"] = user
    assert qcode.loads(json.dumps(document)).codes[1].name == "a whole pair \U0001f600 is fine"


@pytest.mark.parametrize(("version", "shown"), [(True, "true"), ("1", '"1"'), (0, "0")])
def test_a_version_other_than_the_number_1_is_not_a_version(
    version: object, shown: str, project: qcode.Project
) -> None:
    document = json.loads(qcode.dumps(project))
    document["version"] = version
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(document), file="x.json")
    assert [(i.path, i.message) for i in caught.value.issues] == [
        ("$.version", f"must be 1, not {shown}")
    ]


def test_a_document_beyond_the_read_budget_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(qcode.dumps(qcode.Project(name="P")), "utf-8")
    size = path.stat().st_size
    with pytest.raises(qcode.ReadError) as caught:
        read(path, ReadOptions(limits=qcode.Limits(read_budget=size - 1)))
    assert str(caught.value) == (
        f"{path}: the document takes the read past its budget of {size - 1} bytes unpacked "
        "and decoded (Limits.read_budget); refused"
    )


def test_a_document_that_cannot_be_read_names_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.json"
    path.write_text(qcode.dumps(qcode.Project(name="P")), "utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(qcode.ReadError) as caught:
        qcode.load(path)
    assert (caught.value.file, caught.value.message) == (
        str(path),
        "cannot be read (Permission denied)",
    )


def test_a_variable_value_with_a_key_too_many_is_refused() -> None:
    document = json.loads(json.dumps(VALUES))
    document["cases"][0]["values"][0].update(type="float", value=1.5, extra=1)
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(document), file="x.json")
    assert [str(i) for i in caught.value.issues] == [
        "ERROR x.json $.cases[0].values[0].extra: unknown key 'extra'"
    ]


def test_null_for_an_optional_value_means_none(project: qcode.Project) -> None:
    document = json.loads(qcode.dumps(project))
    document["sources"][0]["description"] = None
    document["codes"][0]["color"] = None
    loaded = qcode.loads(json.dumps(document))
    assert (loaded.sources[0].description, loaded.codes[0].color) == (None, None)
    assert loaded == attrs.evolve(
        project,
        sources=(attrs.evolve(project.sources[0], description=None), *project.sources[1:]),
        codes=(attrs.evolve(project.codes[0], color=None), *project.codes[1:]),
    )


def test_a_string_where_a_list_is_asked_is_not_a_list(project: qcode.Project) -> None:
    document = json.loads(qcode.dumps(project))
    document["codes"][0]["when_to_use"] = "abc"
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(document), file="x.json")
    assert [str(i) for i in caught.value.issues] == [
        'ERROR x.json $.codes[0].when_to_use: expected array, got "abc"'
    ]


@pytest.mark.parametrize(
    "spelling",
    [
        "{08be5de1-716c-5f88-b000-ba38d5daaf7b}",
        "urn:uuid:08be5de1-716c-5f88-b000-ba38d5daaf7b",
        "08be5de1716c5f88b000ba38d5daaf7b",
    ],
)
def test_ids_only_in_the_formats_spelling(project: qcode.Project, spelling: str) -> None:
    """Python's UUID reads braces, URNs and bare digits; the format (and the schema) does
    not, so a document another tool accepts is one qcode accepts too."""
    document = json.loads(qcode.dumps(project))
    document["codes"][0]["id"] = spelling
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.loads(json.dumps(document), file="x.json")
    assert [str(i) for i in caught.value.issues] == [
        f'ERROR x.json $.codes[0].id: "{spelling}" is not a valid uuid'
    ]


def test_an_id_in_capitals_is_the_same_id(project: qcode.Project) -> None:
    document = json.loads(qcode.dumps(project))
    document["codes"][0]["id"] = document["codes"][0]["id"].upper()
    assert qcode.loads(json.dumps(document)) == project


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_value_that_is_no_finite_number_is_refused(number: float) -> None:
    with pytest.raises(ValueError) as caught:
        qcode.VariableValue(uuid.UUID(int=1), number)
    assert str(caught.value) == (
        f"VariableValue.value must be a finite number, not {number!r}: REFI-QDA and JSON hold "
        "no NaN or infinity"
    )


def test_a_whole_number_written_with_a_fraction_is_read_as_the_schema_reads_it() -> None:
    """JSON Schema counts ``7.0`` an integer, so the reader does too (and writes ``7``);
    ``7.5`` is refused by both."""
    from tests.conftest import small_project

    project = small_project()
    document = json.loads(qcode.dumps(project))
    anchor = document["sources"][0]["excerpts"][0]["anchor"]
    anchor["start"] = float(anchor["start"])
    assert list(schema_validator().iter_errors(document)) == []
    assert qcode.loads(json.dumps(document)) == project
    anchor["start"] += 0.5
    assert list(schema_validator().iter_errors(document)) != []
    with pytest.raises(qcode.InvalidProjectError) as refused:
        qcode.loads(json.dumps(document))
    assert [i.code for i in refused.value.issues] == ["wrong-type"]


def test_a_tagged_object_says_what_is_wrong_with_it_and_nothing_else() -> None:
    """Content is told apart by ``medium``, anchors by ``type``: a ``type`` key in content
    is an unknown key, and an anchor without its ``type`` is said to lack only that."""
    from tests.conftest import small_project

    document = json.loads(qcode.dumps(small_project()))
    document["sources"][0]["content"]["type"] = "text"
    document["sources"][0]["excerpts"][0]["anchor"] = {}
    with pytest.raises(qcode.InvalidProjectError) as refused:
        qcode.loads(json.dumps(document), file="x.json")
    assert [str(i) for i in refused.value.issues] == [
        "ERROR x.json $.sources[0].content.type: unknown key 'type'",
        "ERROR x.json $.sources[0].excerpts[0].anchor: missing required key 'type'",
    ]


def test_a_document_s_problems_come_sorted_by_path() -> None:
    text = '{"format": "qcode-project", "version": 1, "name": 1, "audit": {"created_at": "x"}}'
    with pytest.raises(qcode.InvalidProjectError) as refused:
        qcode.loads(text, file="x.json")
    assert [i.path for i in refused.value.issues] == ["$.audit.created_at", "$.name"]


def test_a_timestamp_with_no_utc_form_is_refused(project: qcode.Project) -> None:
    """REFI-QDA writes timestamps in UTC: year 1 at +01:00 has none."""
    text = qcode.dumps(project)
    when = project.sources[0].excerpts[0].codings[0].coded_at
    assert when is not None
    written = json.dumps(when.isoformat())
    assert written in text
    for edge in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:59:00-01:00"):
        with pytest.raises(qcode.InvalidProjectError) as caught:
            qcode.loads(text.replace(written, json.dumps(edge), 1), file="y.json")
        assert [i.message for i in caught.value.issues] == [
            f'"{edge}" is not a valid timestamp (in UTC it falls outside the years 1 to 9999)'
        ]
    late = qcode.loads(text.replace(written, '"0001-01-01T00:00:00-01:00"', 1))
    assert late.sources[0].excerpts[0].codings[0].coded_at is not None


def test_a_lone_surrogate_in_a_python_string_is_never_written(
    project: qcode.Project, tmp_path: Path
) -> None:
    """A file cannot hold one (it is decoded from UTF-8); a string made in Python can, and
    scanning every text for it would slow loading by a tenth: writing refuses it."""
    raw = qcode.dumps(project).replace('"name": "', '"name": "Half \udc00', 1)  # no escape
    made = qcode.loads(raw)
    assert made == attrs.evolve(project, name="Half \udc00" + project.name)
    for name in ("p.json", "p.qdpx", "p.qde"):
        with pytest.raises(qcode.WriteError) as refused:
            qcode.write(made, tmp_path / name)
        assert str(refused.value) == (
            f"{tmp_path / name}: $.name holds a lone surrogate (U+DC00), not a character, "
            "which UTF-8 cannot encode; nothing was written"
        )
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(qcode.WriteError) as as_text:
        qcode.dumps(made)  # it gave text that could not be saved
    assert str(as_text.value) == (
        "<string>: $.name holds a lone surrogate (U+DC00), not a character, which UTF-8 "
        "cannot encode; nothing was written"
    )
    two = attrs.evolve(made, name="\udc01", codes=(attrs.evolve(made.codes[0], name="\udc02"),))
    with pytest.raises(qcode.WriteError) as first:
        qcode.dumps(two)  # the text's first surrogate was named at the first path's place
    assert str(first.value).startswith("<string>: $.codes[0].name holds a lone surrogate (U+DC02)")
