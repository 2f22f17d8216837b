"""The committed JSON Schema is exactly what tools/make_schema.py derives from the model."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).parent.parent


def _make_schema() -> Any:
    """tools/make_schema.py, imported."""
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "tools" / "make_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_schema"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["project", "codebook"])
def test_committed_schema_matches_the_model(kind: str) -> None:
    module = _make_schema()
    name = f"qcode-{kind}.schema.json"
    committed = (ROOT / "src" / "qcode" / "schemas" / name).read_text("utf-8")
    assert committed == module.render(kind), (
        f"src/qcode/schemas/{name} is out of date: run "
        f"python tools/make_schema.py {kind} > src/qcode/schemas/{name}"
    )


@pytest.mark.parametrize("kind", ["project", "codebook"])
def test_every_definition_is_reached_from_the_document(kind: str) -> None:
    """The codebook's schema defined a variable value and a timestamp it never used."""
    name = f"qcode-{kind}.schema.json"
    schema = json.loads((ROOT / "src" / "qcode" / "schemas" / name).read_text("utf-8"))
    reached = _make_schema().reached(schema["$defs"], schema["properties"])
    assert sorted(schema["$defs"]) == sorted(reached)


def test_a_validator_that_checks_no_format_still_checks_ids_and_dates() -> None:
    """Other languages' validators often leave "format" unchecked: ids, dates and
    timestamps are patterns too."""
    import json

    import jsonschema

    import qcode
    from tests.conftest import small_project

    schema = json.loads(
        (ROOT / "src" / "qcode" / "schemas" / "qcode-project.schema.json").read_text()
    )
    plain = jsonschema.Draft202012Validator(schema)  # no format checker
    document = json.loads(qcode.dumps(small_project()))
    plain.validate(document)
    user = document["users"][0]
    for given in ("nope", "{" + user["id"] + "}", user["id"].replace("-", "")):
        broken = {**document, "users": [{**user, "id": given}]}
        assert [e.message for e in plain.iter_errors(broken)] == [
            f"{given!r} does not match {schema['$defs']['uuid']['pattern']!r}"
        ]
    assert not plain.is_valid({**document, "audit": {"created_at": "yesterday"}})
    assert plain.is_valid({**document, "users": [{**user, "id": user["id"].upper()}]})
