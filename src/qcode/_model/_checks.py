"""Converters, validators and a short ``repr`` for every model field, made from its type
annotation.

Each model class is declared ``@frozen(field_transformer=typed)``: a field typed
``tuple[X, ...]`` takes any sequence and stores a tuple; a ``UUID`` takes a UUID or its
text; every field refuses a value of the wrong type when the object is made, with a
`TypeError` naming ``Class.field``, what it got and what it wants. Whether the values make
sense together (a span that ends before it starts, a reference to nothing) is
`qcode.validate`'s business, which reports every such problem at once.
"""

from __future__ import annotations

import sys
import types
import uuid
from collections.abc import Callable, Mapping
from typing import Any, Union, get_args, get_origin

import attrs

from qcode._issues import clip

Check = Callable[[Any], bool]


def typed(cls: type, fields: list[attrs.Attribute[Any]]) -> list[attrs.Attribute[Any]]:
    """attrs' field transformer: each field with the converter and validator its type
    annotation calls for."""
    namespace = vars(sys.modules[cls.__module__])
    made = []
    for field in fields:
        hint = field.type
        if isinstance(hint, str):
            hint = eval(hint, namespace)  # the module's own annotation text
        where = f"{cls.__name__}.{field.name}"
        converter, validator = _for(hint, where)
        made.append(field.evolve(converter=converter, validator=validator, repr=_short))
    return made


def _short(value: Any) -> str:
    """A field's ``repr`` kept short for consoles and notebooks: texts cut to about 60
    characters; tuples of more than three items, or of more than one model object, counted."""
    if isinstance(value, str):
        return clip(value)
    if isinstance(value, tuple):
        if len(value) > 3 or (len(value) > 1 and attrs.has(type(value[0]))):
            kinds = sorted({type(item).__name__ for item in value})
            return f"<{len(value)} {'/'.join(kinds)}>"
        return f"({', '.join(map(_short, value))}{',' if len(value) == 1 else ''})"
    return repr(value)


def _for(hint: Any, where: str) -> tuple[Callable[[Any], Any] | None, Any]:
    """The converter and the validator (either may be ``None``) for a field of type
    ``hint``. Ids need no validator: their converter returns a UUID or refuses."""
    options = _members(hint)
    optional = type(None) in options
    options = [o for o in options if o is not type(None)]
    if len(options) == 1 and get_origin(options[0]) is tuple:
        item = get_args(options[0])[0]
        check = None if item is uuid.UUID else _Check(where, options[0], optional)
        return _tuple_converter(item, where, optional), check
    if options == [uuid.UUID]:
        return _uuid_converter(where, optional), None
    return None, _Check(where, hint, optional)


def _members(hint: Any) -> list[Any]:
    if get_origin(hint) in (Union, types.UnionType):
        return [m for arg in get_args(hint) for m in _members(arg)]
    return [hint]


def _tuple_converter(item: Any, where: str, optional: bool) -> Callable[[Any], Any]:
    ids = item is uuid.UUID

    def convert(value: Any) -> Any:
        if type(value) is tuple and not (ids and value):
            return value
        if value is None and optional:
            return None
        if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__iter__"):
            raise TypeError(f"{where} must be a sequence, not {_shown(value)}")
        if not ids:
            return tuple(value)
        return tuple(_as_uuid(member, f"{where}[{i}]") for i, member in enumerate(value))

    return convert


def _uuid_converter(where: str, optional: bool) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if type(value) is uuid.UUID or (value is None and optional):
            return value
        return _as_uuid(value, where)

    return convert


def _as_uuid(value: Any, where: str) -> uuid.UUID:
    """``value`` as a UUID: a UUID itself, or its text in any form `uuid.UUID` reads."""
    if type(value) is uuid.UUID:
        return value
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            raise ValueError(f"{where} must be a UUID, not {_shown(value)}") from None
    raise TypeError(f"{where} must be a UUID, not {_shown(value)}")


class _Check:
    """An attrs validator: the value is of ``hint`` (each member of it, for a tuple)."""

    def __init__(self, where: str, hint: Any, optional: bool) -> None:
        self.where = where
        self.optional = optional
        self.want = _name(hint) + (" or None" if optional else "")
        self.item: tuple[Check, str] | None = None
        self.kinds: frozenset[type] = frozenset()
        """The classes a tuple's members may be exactly: met by all, the members pass
        without a call per member (an excerpt added to a source of 10,000 checked each)."""
        if get_origin(hint) is tuple:
            item = get_args(hint)[0]
            if item is not Any:
                self.item = (_checker(item), _name(item))
                kinds = (m for m in _members(item) if m is not type(None))  # as `_checker`
                self.kinds = frozenset(m for m in kinds if isinstance(m, type))
            self.check: Check = lambda value: type(value) is tuple
        else:
            self.check = _checker(hint)

    def __call__(self, instance: Any, attribute: Any, value: Any) -> None:
        if value is None and self.optional:
            return
        if not self.check(value):
            raise TypeError(f"{self.where} must be {self.want}, not {_shown(value)}")
        if self.item is not None and not set(map(type, value)) <= self.kinds:
            check, want = self.item
            for i, member in enumerate(value):
                if not check(member):
                    raise TypeError(f"{self.where}[{i}] must be {want}, not {_shown(member)}")

    def __repr__(self) -> str:
        return f"<check that {self.where} is {self.want}>"


def _checker(hint: Any) -> Check:
    """A test for values of ``hint``: a class, a union of classes, or ``Any``."""
    if hint is Any:
        return lambda value: True
    options = tuple(m for m in _members(hint) if m is not type(None))
    if int in options and bool not in options:  # True is an int to isinstance, not to us
        return lambda value: isinstance(value, options) and type(value) is not bool
    return lambda value: isinstance(value, options)


def _name(hint: Any) -> str:
    if get_origin(hint) is tuple:
        return f"a tuple of {_name(get_args(hint)[0])}"
    options = [m for m in _members(hint) if m is not type(None)]
    return " or ".join(getattr(m, "__name__", str(m)) for m in options)


def _shown(value: Any) -> str:
    text = repr(value)
    if len(text) > 60:
        text = text[:59] + "…"
    return f"{type(value).__name__} {text}"
