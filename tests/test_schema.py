"""The committed JSON Schema is exactly what tools/make_schema.py derives from the model."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_committed_schema_matches_the_model() -> None:
    spec = importlib.util.spec_from_file_location("make_schema", ROOT / "tools" / "make_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_schema"] = module
    spec.loader.exec_module(module)
    committed = (ROOT / "src" / "qcode" / "schemas" / "qcode-project.schema.json").read_text(
        "utf-8"
    )
    assert committed == module.render(), (
        "src/qcode/schemas/qcode-project.schema.json is out of date: run "
        "python tools/make_schema.py > src/qcode/schemas/qcode-project.schema.json"
    )
