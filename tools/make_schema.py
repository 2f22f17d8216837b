"""Generate ``src/qcode/schemas/qcode-project.schema.json`` (and ``qcode-codebook``) from the
model classes.

The schema is derived from the attrs classes, so it cannot drift from what the model holds;
``tests/test_schema.py`` fails when the committed file differs from what this prints.
After changing the model, run
``python tools/make_schema.py > src/qcode/schemas/qcode-project.schema.json`` and
``python tools/make_schema.py codebook > src/qcode/schemas/qcode-codebook.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sys
import types
import typing
from typing import Any
from uuid import UUID

import attrs

from qcode._codebooks._formats._json import CODEBOOK, CODEBOOK_SCHEMA_ID
from qcode._formats._json import PROJECT, SCHEMA_ID, DocumentKind
from qcode._formats._jsonconv import ANCHOR_TAGS, CONTENT_TAGS, DATE, TIMESTAMP, UUID_PATTERN
from qcode._model import Anchor, Content, VariableType, VariableValue

# Any: JSON Schema fragments are untyped nested dicts.
Schema = dict[str, Any]

_SCALARS: dict[Any, Schema] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    UUID: {"$ref": "#/$defs/uuid"},
    dt.datetime: {"$ref": "#/$defs/timestamp"},
    dt.date: {"type": "string", "pattern": DATE, "format": "date"},
}
_UNIONS: dict[Any, tuple[str, dict[type, str]]] = {
    Anchor: ("type", ANCHOR_TAGS),
    Content: ("medium", CONTENT_TAGS),
}


class _Generator:
    def __init__(self) -> None:
        self.defs: dict[str, Schema] = {
            "uuid": {"type": "string", "pattern": UUID_PATTERN, "format": "uuid"},
            "timestamp": {
                "type": "string",
                "pattern": TIMESTAMP,
                "description": "ISO 8601 with a time zone (validate reports one without).",
            },
            "VariableValue": _variable_value(),
        }

    def type_schema(self, tp: Any) -> Schema:
        if tp in _SCALARS:
            return dict(_SCALARS[tp])
        if tp in _UNIONS:
            key, tags = _UNIONS[tp]
            return {"oneOf": [self.class_ref(cls, (key, tag)) for cls, tag in tags.items()]}
        origin = typing.get_origin(tp)
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(tp)[0])}
        if origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            (inner,) = args
            return {"anyOf": [self.type_schema(inner), {"type": "null"}]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [member.value for member in tp]}
        if attrs.has(tp):
            return self.class_ref(tp)
        raise TypeError(f"no schema for {tp!r}")

    def class_ref(self, cls: type, tag: tuple[str, str] | None = None) -> Schema:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name before recursing
            self.defs[name] = self.class_schema(cls, tag)
        return {"$ref": f"#/$defs/{name}"}

    def class_schema(self, cls: type, tag: tuple[str, str] | None) -> Schema:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Schema] = {}
        required: list[str] = []
        if tag is not None:
            properties[tag[0]] = {"const": tag[1]}
            required.append(tag[0])
        for attribute in attrs.fields(cls):
            hint = hints[attribute.name]
            properties[attribute.name] = self.type_schema(hint)
            if attribute.default is attrs.NOTHING:
                required.append(attribute.name)
        schema: Schema = {"type": "object", "description": _summary(cls)}
        schema["properties"] = properties
        schema["required"] = required
        schema["additionalProperties"] = False
        return schema


def _summary(cls: type) -> str:
    doc = cls.__doc__ or cls.__name__
    return " ".join(doc.strip().split("\n\n")[0].split())


def _variable_value() -> Schema:
    value_schemas = {
        VariableType.TEXT: {"type": "string"},
        VariableType.BOOLEAN: {"type": "boolean"},
        VariableType.INTEGER: {"type": "integer"},
        VariableType.FLOAT: {"type": "number"},
        VariableType.DATE: {"type": "string", "pattern": DATE, "format": "date"},
        VariableType.DATETIME: {"$ref": "#/$defs/timestamp"},
    }
    empty: Schema = {
        "type": "object",
        "properties": {"variable": {"$ref": "#/$defs/uuid"}},
        "required": ["variable"],
        "additionalProperties": False,
    }
    typed = [
        {
            "type": "object",
            "properties": {
                "variable": {"$ref": "#/$defs/uuid"},
                "type": {"const": kind.value},
                "value": schema,
            },
            "required": ["variable", "type", "value"],
            "additionalProperties": False,
        }
        for kind, schema in value_schemas.items()
    ]
    return {"description": _summary(VariableValue), "oneOf": [empty, *typed]}


def document_schema(kind: DocumentKind[Any], schema_id: str, title: str, about: str) -> Schema:
    """The JSON Schema of a qcode document of ``kind``: the marker, then the model's fields."""
    generator = _Generator()
    body = generator.class_schema(kind.model, None)
    marker = {
        "$schema": {
            "type": "string",
            "description": "Where an editor finds this schema (a path or address of a "
            "copy), if a file says; qcode does not need it and does not keep it.",
        },
        "format": {"const": kind.name},
        kind.version_key: {"const": kind.version},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_id,
        "title": title,
        "description": about,
        "type": "object",
        "properties": {**marker, **body["properties"]},
        "required": ["format", kind.version_key, *body["required"]],
        "additionalProperties": False,
        "$defs": _used(generator.defs, body["properties"]),
    }


def _used(defs: Schema, properties: Schema) -> Schema:
    """The definitions reached from ``properties``, directly or through one another (a
    codebook holds no variable values, so it needs no schema of one)."""
    return {name: defs[name] for name in sorted(reached(defs, properties))}


def reached(defs: Schema, start: Any) -> set[str]:
    """The names of the definitions ``start`` refers to, directly or through others."""
    found: set[str] = set()
    pending = [start]
    while pending:
        for name in _REF.findall(json.dumps(pending.pop())):
            if name not in found:
                found.add(name)
                pending.append(defs[name])
    return found


_REF = re.compile(r'"#/\$defs/([^"]+)"')


def project_schema() -> Schema:
    """The JSON Schema of a qcode project document."""
    return document_schema(
        PROJECT,
        SCHEMA_ID,
        "qcode project",
        "A qualitative coding project in qcode's JSON format: a format marker and version, "
        "then the project's fields.",
    )


def codebook_schema() -> Schema:
    """The JSON Schema of a qcode codebook document."""
    return document_schema(
        CODEBOOK,
        CODEBOOK_SCHEMA_ID,
        "qcode codebook",
        "A codebook in qcode's JSON format: a format marker and version, then the codebook's "
        "fields (metadata, codes and themes).",
    )


_SCHEMAS = {"project": project_schema, "codebook": codebook_schema}


def render(kind: str = "project") -> str:
    """The schema of ``kind`` (``project`` or ``codebook``) as the committed file holds it."""
    return json.dumps(_SCHEMAS[kind](), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render(*sys.argv[1:2]))
