"""Cases and variables: <Variables> (with the reserved variables that carry what REFI-QDA has
no place for), variable values and <Cases>."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from uuid import UUID

from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._write._core import WriterCore, moment
from qcode._model import Case, VariableType, VariableValue
from qcode._model._cases import Value

_TYPES = {
    VariableType.TEXT: "Text",
    VariableType.BOOLEAN: "Boolean",
    VariableType.INTEGER: "Integer",
    VariableType.FLOAT: "Float",
    VariableType.DATE: "Date",
    VariableType.DATETIME: "DateTime",
}


class CasesWriter(WriterCore):
    """Writes variables, variable values and cases."""

    def _reserved_ids(self) -> None:
        p = self.project
        # A kind equal to what the reader assumes without the variable needs no value.
        kinds = any(source.kind != conv.DEFAULT_SOURCE_KIND for source in p.sources)
        self._source_kind = conv.reserved_variable_id(conv.SOURCE_KIND) if kinds else None
        kinds = any(case.kind != conv.IMPORTED_CASE_KIND for case in p.cases)
        self._case_kind = conv.reserved_variable_id(conv.CASE_KIND) if kinds else None
        has_names = sum(case.real_name is not None for case in p.cases)
        self._real_name = (
            conv.reserved_variable_id(conv.REAL_NAME) if has_names and self._real_names else None
        )
        if has_names and not self._real_names:
            self.lost(
                "$.cases",
                f"the real names of {has_names} case(s) are not exported (pass "
                "include_real_names=True to export them)",
            )

    def variables(self) -> None:
        reserved = [
            (variable_id, name)
            for variable_id, name in (
                (self._source_kind, conv.SOURCE_KIND),
                (self._case_kind, conv.CASE_KIND),
                (self._real_name, conv.REAL_NAME),
            )
            if variable_id is not None
        ]
        if not self.project.variables and not reserved:
            return
        self.start("Variables")
        for variable in self.project.variables:
            self.start(
                "Variable",
                ("guid", self.g(variable.id)),
                ("name", variable.name),
                ("typeOfVariable", _TYPES[variable.type]),
            )
            self.text("Description", variable.description)
            self.end("Variable")
        for variable_id, name in reserved:
            self.leaf(
                "Variable",
                ("guid", self.g(variable_id)),
                ("name", name),
                ("typeOfVariable", "Text"),
            )
        self.end("Variables")

    def values(
        self, values: tuple[VariableValue, ...], *extra: tuple[UUID | None, str | None]
    ) -> None:
        for value in values:
            self.value(value.variable, value.value)
        for variable_id, text in extra:
            if variable_id is not None and text is not None:
                self.value(variable_id, text)

    def value(self, variable: UUID, value: Value | None) -> None:
        self.start("VariableValue")
        self.leaf("VariableRef", ("targetGUID", self.g(variable)))
        if value is None:
            pass
        elif isinstance(value, bool):
            self.text("BooleanValue", "true" if value else "false")
        elif isinstance(value, int):
            self.text("IntegerValue", str(value))
        elif isinstance(value, float):
            self.text("FloatValue", format(Decimal(repr(value)), "f"))
        elif isinstance(value, dt.datetime):
            self.text("DateTimeValue", moment(value))
        elif isinstance(value, dt.date):
            self.text("DateValue", value.isoformat())
        else:
            self.text("TextValue", value)
        self.end("VariableValue")

    def case(self, i: int, case: Case) -> None:
        self.start("Case", ("guid", self.g(case.id)), ("name", case.label))
        self.text("Description", case.description)
        self.refs("CodeRef", case.codes)
        kind = None if case.kind == conv.IMPORTED_CASE_KIND else case.kind
        self.values(case.values, (self._case_kind, kind), (self._real_name, case.real_name))
        self.refs("SourceRef", case.sources)
        self.refs("SelectionRef", case.excerpts)
        self.end("Case")
