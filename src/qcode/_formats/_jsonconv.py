"""The cattrs converter between model objects and qcode's JSON values.

Tagged unions carry their tag first (``"type"`` on anchors, ``"medium"`` on contents), defaults
are omitted, and UUIDs, dates and timestamps are ISO strings, so documents stay small and
diff well. The JSON Schema in ``schemas/`` describes exactly this shape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from uuid import UUID

import attrs
import cattrs
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import make_converter

from qcode._formats._base import parse_datetime
from qcode._model import (
    Anchor,
    AudioContent,
    Content,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    TextContent,
    TextSpan,
    TimeSpan,
    TranscriptSpan,
    VariableType,
    VariableValue,
    VideoContent,
    value_type,
)

ANCHOR_TAGS: dict[type, str] = {
    TextSpan: "text",
    PictureRegion: "picture",
    PDFRegion: "pdf",
    TimeSpan: "time",
    TranscriptSpan: "transcript",
}
CONTENT_TAGS: dict[type, str] = {
    TextContent: "text",
    PictureContent: "picture",
    PDFContent: "pdf",
    AudioContent: "audio",
    VideoContent: "video",
}


def _encode_value(value: VariableValue) -> dict[str, Any]:
    if value.value is None:
        return {"variable": str(value.variable)}
    kind = value_type(value.value)
    raw = value.value
    plain = raw.isoformat() if isinstance(raw, dt.date) else raw
    return {"variable": str(value.variable), "type": kind.value, "value": plain}


_DECODERS: dict[VariableType, Callable[[Any], Any]] = {
    VariableType.TEXT: str,
    VariableType.BOOLEAN: bool,
    VariableType.INTEGER: int,
    VariableType.FLOAT: float,
    VariableType.DATE: dt.date.fromisoformat,
    VariableType.DATETIME: parse_datetime,
}


def _decode_value(data: dict[str, Any], _: type) -> VariableValue:
    variable = UUID(data["variable"])
    if "type" not in data:
        return VariableValue(variable)
    return VariableValue(variable, _DECODERS[VariableType(data["type"])](data["value"]))


def _tagged(converter: cattrs.Converter, union: Any, key: str, tags: dict[type, str]) -> None:
    """Register hooks that write ``{key: tag, ...fields}`` and read it back."""
    classes = {tag: cls for cls, tag in tags.items()}

    def unstructure(obj: Any) -> dict[str, Any]:
        return {key: tags[type(obj)], **converter.unstructure(obj, type(obj))}

    def structure(data: dict[str, Any], _: type) -> Any:
        fields = dict(data)
        cls = classes[fields.pop(key)]
        return converter.structure(fields, cls)

    converter.register_unstructure_hook(union, unstructure)
    converter.register_structure_hook(union, structure)


def _in_field_order(
    converter: cattrs.Converter,
) -> Callable[[type], Callable[[Any], dict[str, Any]]]:
    """cattrs writes required fields first; keep the model's order, which reads better."""

    def factory(cls: type) -> Callable[[Any], dict[str, Any]]:
        plain: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, converter, _cattrs_omit_if_default=True
        )
        order = [field.name for field in attrs.fields(cls)]

        def unstructure(obj: Any) -> dict[str, Any]:
            data = plain(obj)
            return {name: data[name] for name in order if name in data}

        return unstructure

    return factory


def make_json_converter() -> cattrs.Converter:
    """A converter for qcode's JSON format (built once, at import of `_json`)."""
    converter = make_converter(omit_if_default=True, forbid_extra_keys=True)
    converter.register_unstructure_hook_factory(attrs.has, _in_field_order(converter))
    converter.register_unstructure_hook(UUID, str)
    converter.register_structure_hook(UUID, lambda v, _: UUID(v))
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook(dt.datetime, lambda v, _: parse_datetime(v))
    converter.register_unstructure_hook(VariableValue, _encode_value)
    converter.register_structure_hook(VariableValue, _decode_value)
    _tagged(converter, Anchor, "type", ANCHOR_TAGS)
    _tagged(converter, Content, "medium", CONTENT_TAGS)
    return converter
