"""The committed JSON Schema is exactly what tools/make_schema.py derives from the model."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.parametrize("kind", ["project", "codebook"])
def test_committed_schema_matches_the_model(kind: str) -> None:
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "tools" / "make_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_schema"] = module
    spec.loader.exec_module(module)
    name = f"qcode-{kind}.schema.json"
    committed = (ROOT / "src" / "qcode" / "schemas" / name).read_text("utf-8")
    assert committed == module.render(kind), (
        f"src/qcode/schemas/{name} is out of date: run "
        f"python tools/make_schema.py {kind} > src/qcode/schemas/{name}"
    )
