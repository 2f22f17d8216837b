"""Participants and other cases, and the typed variables that describe them and sources."""

from __future__ import annotations

import datetime as dt
import enum
import math
from uuid import UUID

from attrs import frozen

from qcode._model._checks import typed

Value = str | bool | int | float | dt.date | dt.datetime
"""A variable value; its Python type says which `VariableType` it has."""


class VariableType(enum.Enum):
    """The six value types REFI-QDA knows."""

    TEXT = "text"
    BOOLEAN = "boolean"
    INTEGER = "integer"
    FLOAT = "float"
    DATE = "date"
    DATETIME = "datetime"


def value_type(value: Value) -> VariableType:
    """The variable type of a Python value (``bool`` is not integer, ``datetime`` is not date)."""
    if isinstance(value, bool):
        return VariableType.BOOLEAN
    if isinstance(value, int):
        return VariableType.INTEGER
    if isinstance(value, float):
        return VariableType.FLOAT
    if isinstance(value, dt.datetime):
        return VariableType.DATETIME
    if isinstance(value, dt.date):
        return VariableType.DATE
    return VariableType.TEXT


def value_mismatch(value: Value | None, variable: Variable) -> str | None:
    """Why ``value`` cannot be ``variable``'s (``None`` if it can: of its type, or empty)."""
    if value is None:
        return None
    actual = value_type(value)
    if actual is variable.type:
        return None
    article = "an" if actual.value[0] in "aeiou" else "a"
    shown = repr(value.isoformat()) if isinstance(value, dt.date) else repr(value)  # as written
    return (
        f"{shown} is {article} {actual.value} value, but variable {variable.name!r} holds "
        f"{variable.type.value} values"
    )


@frozen(kw_only=True, field_transformer=typed)
class Variable:
    """A typed attribute that cases and sources can carry (REFI `Variable`).

    Fields:

    - ``id``: the variable's id.
    - ``name``: its name.
    - ``type``: the `VariableType` of its values.
    - ``description``: what it records.
    """

    id: UUID
    name: str
    type: VariableType = VariableType.TEXT
    description: str | None = None


@frozen(field_transformer=typed)
class VariableValue:
    """The value of one variable on a case or a source; `None` means "declared but empty".

    Fields:

    - ``variable``: the id of the `Variable`.
    - ``value``: the value, of the variable's type; ``None`` means declared but empty.
    """

    variable: UUID
    value: Value | None = None

    def __attrs_post_init__(self) -> None:
        value = self.value
        if type(value) is float and not math.isfinite(value):
            raise ValueError(
                f"VariableValue.value must be a finite number, not {value!r}: REFI-QDA and "
                "JSON hold no NaN or infinity"
            )


@frozen(kw_only=True, field_transformer=typed)
class Case:
    """A participant or another unit of analysis (a site, an organisation, a group).

    Participants are cases whose ``kind`` is ``"participant"``. They are pseudonymised by
    default: ``label`` is the name shown everywhere, ``real_name`` is optional and never needed.
    ``sources`` and ``excerpts`` say what the case contributed (who said or made what).

    Fields:

    - ``id``: the case's id.
    - ``label``: the (pseudonymous) name shown everywhere.
    - ``kind``: ``"participant"`` or any other kind of case.
    - ``real_name``: a real name, left out of exchange files unless asked for.
    - ``description``: a description.
    - ``values``: its `VariableValue` s.
    - ``sources``: ids of the sources it contributed.
    - ``excerpts``: ids of the excerpts attributed to it.
    - ``codes``: ids of codes that describe the case as a whole.
    """

    id: UUID
    label: str | None = None
    kind: str = "participant"
    real_name: str | None = None
    description: str | None = None
    values: tuple[VariableValue, ...] = ()
    sources: tuple[UUID, ...] = ()
    excerpts: tuple[UUID, ...] = ()
    codes: tuple[UUID, ...] = ()

    @property
    def is_participant(self) -> bool:
        """Whether this case is a person who took part in the study."""
        return self.kind == "participant"
