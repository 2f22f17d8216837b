"""The cattrs converter between model objects and qcode's JSON values.

Tagged unions carry their tag first (``"type"`` on anchors, ``"medium"`` on contents), defaults
are omitted, and UUIDs, dates and timestamps are ISO strings, so documents stay small and
diff well. The JSON Schema in ``src/qcode/schemas/`` describes exactly this shape.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing
from collections.abc import Callable
from typing import Any
from uuid import UUID

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_unstructure_fn
from cattrs.preconf.json import make_converter

from qcode._formats._base import GUID, checked_uuid, parse_datetime
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


def _tagged(converter: cattrs.Converter, union: Any, key: str, tags: dict[type, str]) -> None:
    """Register hooks that write ``{key: tag, ...fields}`` and read it back."""
    classes = {tag: cls for cls, tag in tags.items()}

    def unstructure(obj: Any) -> dict[str, Any]:
        return {key: tags[type(obj)], **converter.unstructure(obj, type(obj))}

    def structure(data: Any, _: type) -> Any:
        if not isinstance(data, dict):
            raise TypeError(f"expected object, got {data!r}")
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
        fields = attrs.fields(cls)
        order = [field.name for field in fields]
        required = [f.name for f in fields if f.default is attrs.NOTHING]
        if order == required + [name for name in order if name not in required]:
            return plain  # the model already puts required fields first

        def unstructure(obj: Any) -> dict[str, Any]:
            data = plain(obj)
            return {name: data[name] for name in order if name in data}

        return unstructure

    return factory


_END = r"(?![\s\S])"
"""The end of the text, in the schema's patterns: ``$`` also matches before a final line
break in Python's ``re``, which Python's JSON Schema validators use; this matches in every
regular expression dialect only where no character follows."""
TIMESTAMP = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|z|[+-][0-9]{2}:[0-5][0-9](:[0-5][0-9])?)?" + _END
)
"""An ISO 8601 timestamp as qcode's JSON holds it: ASCII digits (``\\d`` takes any script's
in Python), a zone's minutes and seconds under 60."""
DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}" + _END
UUID_PATTERN = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}" + _END
"""A UUID as the schema gives it, for validators that check no ``format``."""
_TIMESTAMP = re.compile(TIMESTAMP)
_DATE = re.compile(DATE)


def _integer(value: Any) -> int:
    """An integer: ``3`` or, since JSON Schema counts it one too, ``3.0`` (a number with no
    fraction), read as ``3``; ``True`` is no number."""
    if type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise TypeError(f"expected integer, got {value!r}")


def _float(value: float) -> float:
    """A float value; an integer beyond the largest float is refused, said in words (the
    schema's "number" has no bound, and Python's own message names a C type)."""
    try:
        return float(value)
    except OverflowError:
        digits = len(str(abs(int(value))))
        raise ValueError(
            f"the integer of {digits} digits is beyond the largest a number of type float can "
            "hold (about 1.8e308)"
        ) from None


def _expect(kind: type | tuple[type, ...], value: Any, name: str) -> Any:
    """``value`` if it has exactly the JSON type the schema asks for (``True`` is no number)."""
    if isinstance(value, bool) and kind is not bool:
        raise TypeError(f"expected {name}, got {value!r}")
    if not isinstance(value, kind):
        raise TypeError(f"expected {name}, got {value!r}")
    return value


def _uuid(value: Any, _: type) -> UUID:
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a valid uuid")
    return _uuid_of(value)


@functools.lru_cache(maxsize=4096)
def _uuid_text(number: int) -> str:
    # Cached like `_uuid_of`, and keyed by the number, which hashes faster than the UUID.
    digits = f"{number:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


@functools.lru_cache(maxsize=4096)
def _uuid_of(text: str) -> UUID:
    # Cached: a project names the same codes, coders and sources over and over.
    if not GUID.match(text):
        raise ValueError(f"{text!r} is not a valid uuid")
    return checked_uuid(text)


def _timestamp(value: Any, _: type | None = None) -> dt.datetime:
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        raise ValueError(f"{value!r} is not a valid ISO 8601 timestamp")
    return parse_datetime(value)


def _date(value: Any, _: type | None = None) -> dt.date:
    if not isinstance(value, str) or not _DATE.match(value):
        raise ValueError(f"{value!r} is not a valid date")
    return dt.date.fromisoformat(value)


def _is_tuple(kind: Any) -> bool:
    return typing.get_origin(kind) is tuple


def _tuple_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, type], Any]]:
    def factory(kind: Any) -> Callable[[Any, type], Any]:
        item = typing.get_args(kind)[0]  # tuple[X, ...]
        structure_item = converter.get_structure_hook(item)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected array, got {value!r}")
            try:
                return tuple([structure_item(v, item) for v in value])
            except Exception:  # find every failing item, with its index, as cattrs does
                errors = []
                for i, v in enumerate(value):
                    try:
                        structure_item(v, item)
                    except Exception as exc:
                        note = IterableValidationNote(f"Structuring {kind} @ index {i}", i, item)
                        notes = [*getattr(exc, "__notes__", []), note]
                        setattr(exc, "__notes__", notes)  # noqa: B010 (add_note is 3.11+)
                        errors.append(exc)
                raise IterableValidationError(f"While structuring {kind!r}", errors, kind) from None

        return structure

    return factory


def _is_optional(kind: Any) -> bool:
    arguments = typing.get_args(kind)
    return typing.get_origin(kind) in _UNIONS and len(arguments) == 2 and type(None) in arguments


_UNIONS = (typing.Union, types.UnionType)


def _optional_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, type], Any]]:
    """``X | None`` with ``X``'s hook looked up once, not on every value as cattrs does."""

    def factory(kind: Any) -> Callable[[Any, type], Any]:
        inner = next(a for a in typing.get_args(kind) if a is not type(None))
        structure_inner = converter.get_structure_hook(inner)

        def structure(value: Any, _: type) -> Any:
            return None if value is None else structure_inner(value, inner)

        return structure

    return factory


_DECODERS: dict[VariableType, Callable[[Any], Any]] = {
    VariableType.TEXT: lambda v: _expect(str, v, "string"),
    VariableType.BOOLEAN: lambda v: _expect(bool, v, "boolean"),
    VariableType.INTEGER: _integer,
    VariableType.FLOAT: lambda v: _float(_expect((int, float), v, "number")),
    VariableType.DATE: _date,
    VariableType.DATETIME: _timestamp,
}


def _decode_value(data: Any, _: type) -> VariableValue:
    if not isinstance(data, dict) or set(data) not in ({"variable"}, {"variable", "type", "value"}):
        raise ValueError(f"{data!r} is not a variable value")
    variable = _uuid(data["variable"], UUID)
    if "type" not in data:
        return VariableValue(variable)
    decode = _DECODERS[VariableType(data["type"])]
    try:
        value = decode(data["value"])
    except ValueError as exc:  # said of "value" (an impossible date), as the schema says it
        note = AttributeValidationNote("Structuring value", "value", Any)
        setattr(exc, "__notes__", [*getattr(exc, "__notes__", []), note])  # noqa: B010
        raise ClassValidationError("While structuring a value", [exc], VariableValue) from None
    return VariableValue(variable, value)


def make_json_converter() -> cattrs.Converter:
    """A converter for qcode's JSON format (built once, at import of `_json`).

    It is as strict as the JSON Schema: a value of the wrong JSON type, an unknown key or a
    malformed id is refused, so a document it accepts is one the schema accepts (the schema
    is only consulted to explain a refusal, which makes loading large projects fast).
    """
    converter = make_converter(forbid_extra_keys=True)  # _in_field_order omits defaults
    converter.register_unstructure_hook_factory(attrs.has, _in_field_order(converter))
    converter.register_structure_hook(str, lambda v, _: _expect(str, v, "string"))
    converter.register_structure_hook(int, lambda v, _: _integer(v))
    converter.register_structure_hook(bool, lambda v, _: _expect(bool, v, "boolean"))
    converter.register_unstructure_hook(UUID, lambda value: _uuid_text(value.int))
    converter.register_structure_hook(UUID, _uuid)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_structure_hook(dt.datetime, _timestamp)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _date)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook(converter))
    converter.register_structure_hook_factory(_is_optional, _optional_hook(converter))
    converter.register_unstructure_hook(VariableValue, _encode_value)
    converter.register_structure_hook(VariableValue, _decode_value)
    _tagged(converter, Anchor, "type", ANCHOR_TAGS)
    _tagged(converter, Content, "medium", CONTENT_TAGS)
    return converter
