"""Cases and variables: <Variables>, the variable values of cases, sources and notes (with
qcode's reserved variables taken out), and <Cases>, where a nameless case that only gives
one source its values becomes that source's values."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from typing import Any

from attrs import evolve
from lxml import etree

from qcode._formats._base import parse_datetime
from qcode._formats._refi import _conventions as conv
from qcode._formats._refi._read._core import BOOLEANS, ReaderCore, xml_integer
from qcode._model import Case, Project, Variable, VariableType, VariableValue
from qcode._model._cases import Value

_TYPES = {
    "Text": VariableType.TEXT,
    "Boolean": VariableType.BOOLEAN,
    "Integer": VariableType.INTEGER,
    "Float": VariableType.FLOAT,
    "Date": VariableType.DATE,
    "DateTime": VariableType.DATETIME,
}


_VALUE_ELEMENTS = frozenset(
    ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue")
)
"""The elements a VariableValue gives its value in."""
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z")
"""An xs:decimal: ASCII digits, an optional point, no exponent."""


_RESERVED_AS = {
    conv.SOURCE_KIND: "each source's kind",
    conv.CASE_KIND: "each case's kind",
    conv.REAL_NAME: "each case's real name",
}
"""What each of qcode's reserved variables is read as (refi-mapping.md)."""


class CasesReader(ReaderCore):
    """Reads variables, variable values and cases."""

    def variables(self, element: etree._Element) -> tuple[Variable, ...]:
        variables = []
        for item in self.container(element, "Variable"):
            variable_id = self.guid(item.get("guid"), item)
            self.vendor(item, variable_id, "Variable")
            kind = item.get("typeOfVariable", "Text")
            var_type = _TYPES.get(kind)
            if var_type is None:
                self.warn(
                    "invalid-value", item, f"typeOfVariable {kind!r} is unknown; read as Text"
                )
                var_type = VariableType.TEXT
            name = item.get("name") or ""
            if name in conv.RESERVED_VARIABLES and var_type is VariableType.TEXT:
                self._reserved[variable_id] = name
                if variable_id != conv.reserved_variable_id(name):  # not written by qcode
                    self.note(
                        "reserved-variable",
                        item,
                        f"variable {name!r} is read as {_RESERVED_AS[name]}, as qcode writes "
                        "it, not as a variable",
                    )
                continue
            if ":" in name and (self._origin or "").lower().startswith("nvivo"):
                self.note(
                    "classification-prefix",
                    item,
                    f"variable {name!r} carries an NVivo classification prefix; kept in the name",
                )
            description = item.find(f"{self.ns}Description")
            variables.append(
                Variable(
                    id=variable_id,
                    name=name,
                    type=var_type,
                    description=None
                    if description is None
                    else self.plain(description, variable_id),
                )
            )
        return tuple(variables)

    def values(
        self, elements: list[etree._Element]
    ) -> tuple[tuple[VariableValue, ...], dict[str, str]]:
        """Variable values, and the reserved qcode variables among them by name."""
        values: list[VariableValue] = []
        reserved: dict[str, str] = {}
        ns = self.ns
        for element in elements:
            ref = element.find(f"{ns}VariableRef")
            if ref is None:
                self.warn("missing-reference", element, "a VariableValue has no VariableRef")
                continue
            variable = self.guid(ref.get("targetGUID"), ref)
            value: Value | None = None
            for child in element:
                if child.tag == f"{ns}VariableRef" or not isinstance(child.tag, str):
                    continue  # the reference, or a comment or processing instruction
                value = self._value(child)
            name = self._reserved.get(variable)
            if name is not None:
                reserved[name] = value if isinstance(value, str) else str(value)
            else:
                values.append(VariableValue(variable, value))
        return tuple(values), reserved

    def _value(self, element: etree._Element) -> Value | None:
        local = etree.QName(element).localname
        if local not in _VALUE_ELEMENTS:
            self.unknown_child(element, None)
            return None
        raw = self.plain(element, None)  # markup inside the value: vendor data, every word read
        try:
            if local == "TextValue":
                return raw
            if local == "BooleanValue":
                return BOOLEANS[raw.strip()]
            if local == "IntegerValue":
                return xml_integer(raw)
            if local == "FloatValue":
                text = raw.strip()
                if not _DECIMAL.match(text):  # float() takes 1_0.5, other digits, exponents
                    raise ValueError(raw)
                value = float(text)  # xs:decimal has no NaN or infinity,
                if not math.isfinite(value):  # but one beyond a float's range reads as one
                    raise ValueError(raw)
                return value
            if local == "DateValue":
                return dt.date.fromisoformat(raw.strip())
            return parse_datetime(raw.strip())  # DateTimeValue
        except (ValueError, KeyError):
            self.warn("invalid-value", element, f"<{local}> {raw!r} cannot be read; dropped")
            return None

    def cases(self, element: etree._Element) -> tuple[Case, ...]:
        ns = self.ns
        cases = []
        for item in self.container(element, "Case"):
            case_id = self.guid(item.get("guid"), item)
            self.vendor(item, case_id, "Case")
            lists: dict[str, list[Any]] = defaultdict(list)
            description = None
            for child in item:
                tag = child.tag
                if tag == f"{ns}Description":
                    description = self.plain(child, case_id)
                elif tag in (f"{ns}CodeRef", f"{ns}SourceRef", f"{ns}SelectionRef"):
                    lists[tag].append(self.guid(child.get("targetGUID"), child))
                elif tag == f"{ns}VariableValue":
                    lists[tag].append(child)
                else:
                    self.unknown_child(child, case_id)
            values, reserved = self.values(lists[f"{ns}VariableValue"])
            case = Case(
                id=case_id,
                label=item.get("name"),
                kind=reserved.get(conv.CASE_KIND, conv.IMPORTED_CASE_KIND),
                real_name=reserved.get(conv.REAL_NAME),
                description=description,
                values=values,
                sources=tuple(lists[f"{ns}SourceRef"]),
                excerpts=tuple(lists[f"{ns}SelectionRef"]),
                codes=tuple(lists[f"{ns}CodeRef"]),
            )
            cases.append((item, case))
        self._case_elements = {case.id: item for item, case in cases}
        return tuple(case for _, case in cases)

    def _fold_document_cases(self, project: Project) -> Project:
        """MAXQDA and Quirkos give documents variables through a nameless case with one
        SourceRef: fold those values into the source."""
        sources = {source.id: source for source in project.sources}
        kept, folded = [], 0
        for case in project.cases:
            if (
                case.label is None
                and case.description is None
                and len(case.sources) == 1
                and not case.excerpts
                and not case.codes
                and case.sources[0] in sources
            ):
                source = sources[case.sources[0]]
                sources[source.id] = evolve(source, values=(*source.values, *case.values))
                folded += 1
                self.note(
                    "document-variables",
                    self._case_elements[case.id],
                    f"a nameless case holding variables of source {source.name!r} was read as "
                    "that source's values",
                )
            else:
                kept.append(case)
        if not folded:
            return project
        return evolve(project, cases=tuple(kept), sources=tuple(sources.values()))
