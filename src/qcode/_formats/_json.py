"""qcode's own JSON format: a versioned, lossless, diff-friendly document.

Reading checks the JSON Schema first (exact paths for shape and type problems), then builds
the model; the project's own rules are `qcode.validate`'s business.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sys
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import attrs
import cattrs
from attrs import frozen

from qcode._atomic import atomic_output
from qcode._bulk import bulk, reading
from qcode._formats._base import (
    ReadOptions,
    ReadResult,
    WriteOptions,
    media_paths,
    refuse_if_strict,
)
from qcode._formats._jsonconv import DATE, TIMESTAMP, UUID_PATTERN, make_json_converter
from qcode._formats._limits import Budget, Limits, read_bytes, refuse_many
from qcode._issues import (
    InvalidProjectError,
    Issue,
    QcodeError,
    ReadError,
    WriteError,
    error,
    path_order,
    warning,
)
from qcode._model import Project
from qcode._model._project import given_project

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

FORMAT_NAME = "qcode-project"
FORMAT_VERSION = 1
SCHEMA_ID = "https://qcode.readthedocs.io/schemas/qcode-project-1.schema.json"
SCHEMA_FILE = "qcode-project.schema.json"
_TAG_KEYS = ("type", "medium")

_converter = make_json_converter()
_fast = _converter.copy(detailed_validation=False)
_T = TypeVar("_T")


@frozen
class DocumentKind(Generic[_T]):
    """A kind of qcode JSON document: its format marker and version, its schema file and
    the model class it holds (a project; a codebook, in `qcode._codebooks`)."""

    name: str
    version: int
    schema_file: str
    model: type[_T]
    what: str
    """What it holds, for messages: ``"project"``."""
    version_key: str = "version"
    """The key of the format's version (a codebook has a ``version`` of its own)."""


PROJECT = DocumentKind(FORMAT_NAME, FORMAT_VERSION, SCHEMA_FILE, Project, "project")


@functools.cache
def schema_validator(schema_file: str = SCHEMA_FILE) -> Draft202012Validator:
    """The validator for qcode documents of the schema ``schema_file`` (the schemas ship
    inside the package).

    jsonschema is imported here, not at the top: loading valid documents never needs it,
    and importing it (with the format checkers it finds installed) can take a second,
    which every ``qcode`` command would otherwise pay at start-up.
    """
    from jsonschema import Draft202012Validator

    text = resources.files("qcode").joinpath("schemas").joinpath(schema_file).read_text("utf-8")
    schema = json.loads(text)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def to_document(project: Project) -> dict[str, Any]:
    """The JSON value of a qcode document: the format marker, then the project's fields."""
    return document_of(project, PROJECT)


def document_of(value: _T, kind: DocumentKind[_T]) -> dict[str, Any]:
    """The JSON value of a qcode document of ``kind``: the marker, then ``value``'s fields."""
    return {"format": kind.name, kind.version_key: kind.version, **_converter.unstructure(value)}


def plain(value: Any) -> Any:
    """``value`` (a model object, a tuple of them, an id, an enum member, ...) as the JSON
    value qcode's format writes for it."""
    return _converter.unstructure(value)


def dumps(project: Project) -> str:
    """``project`` as qcode JSON text (two-space indent, fields in model order); a project
    holding a lone surrogate, which UTF-8 cannot encode, is refused as `write` refuses
    it."""
    text = _json_text(given_project(project, "qcode.dumps"))
    found = None if text.isascii() else _SURROGATE.search(text)  # isascii: O(1) in CPython
    if found is not None:
        raise surrogate_refused(project, "<string>", ord(found.group()))
    return text


def _json_text(project: Project) -> str:
    """``project`` as qcode JSON text, unchecked (a file's writer finds a lone surrogate as
    it encodes the text)."""
    with bulk():
        return indented(to_document(project)) + "\n"


def surrogate_refused(
    value: _T, file: str, half: int, kind: DocumentKind[_T] | None = None
) -> WriteError:
    """The refusal of a project (or a document of ``kind``) that holds a lone surrogate (a
    string made in code can hold one), naming the first place one is at, in path order, as
    reading names it (``half``: the first the encoder met, where none is found)."""
    kind = kind or cast(DocumentKind[_T], PROJECT)
    where = sorted(lone_surrogates(document_of(value, kind)), key=path_order)
    said = (
        f"{escaped(where[0].path)} {escaped(where[0].message)}"
        if where
        else f"the {kind.what} holds a lone surrogate (U+{half:04X})"
    )
    return WriteError(file, f"{said}, which UTF-8 cannot encode; nothing was written")


def indented(value: Any) -> str:
    """What ``json.dumps(value, indent=2, ensure_ascii=False)`` writes, in well under half
    the time: Python's indenting encoder is written in Python around generators, and this
    appends to one list. ``value`` is made of what the converter gives: dicts with string
    keys, lists, strings, numbers, booleans and ``None``."""
    out: list[str] = []
    add = out.append

    def emit(item: Any, indent: str) -> None:
        kind = type(item)
        if kind is str:
            add(_string(item))
        elif kind is dict or kind is list or kind is tuple:
            if not item:
                add("{}" if kind is dict else "[]")
                return
            inner = indent + "  "
            separator = "\n" + inner
            add("{" if kind is dict else "[")
            if kind is dict:
                for key, member in item.items():
                    if type(key) is not str:
                        raise TypeError(f"keys must be str, not {type(key).__name__}")
                    add(f"{separator}{_string(key)}: ")
                    emit(member, inner)
                    separator = ",\n" + inner
            else:
                for member in item:
                    add(separator)
                    emit(member, inner)
                    separator = ",\n" + inner
            add("\n" + indent + ("}" if kind is dict else "]"))
        elif item is None or item is True or item is False:
            add(_CONSTANTS[item])
        elif kind is int:
            add(int.__repr__(item))
        elif kind is float:
            add(_number(item))
        else:
            raise TypeError(f"Object of type {kind.__name__} is not JSON serializable")

    emit(value, "")
    return "".join(out)


_string = json.encoder.encode_basestring  # the C version where there is one
_CONSTANTS = {None: "null", True: "true", False: "false"}


def _number(value: float) -> str:
    """A float as `json` writes it (which is not quite JSON for NaN and the infinities)."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


_INFINITY = float("inf")


def loads(text: str, *, file: str = "<string>") -> Project:
    """Read a project from qcode JSON text; ``file`` names it in messages."""
    return load_text(text, file, lambda document: structure(document, file, PROJECT))


def load_text(text: str, file: str, build: Callable[[Any], _T]) -> _T:
    """What ``build`` makes of the JSON value of ``text``, with every way the text can fail
    worded as a `ReadError` naming ``file``."""
    with reading():
        try:
            constants: list[str] = []
            huge: list[str] = []
            repeated: list[_Repeated] = []
            document = json.loads(
                text,
                parse_constant=lambda token: _constant(token, constants),
                parse_float=lambda token: _float(token, huge),
                object_pairs_hook=functools.partial(_unique, repeated=repeated),
            )
            if constants:
                raise ReadError(
                    file,
                    f"not valid JSON: {constants[0]} at {_path_to(document, _CONSTANT)} is not a "
                    "number JSON can hold (it has no NaN or Infinity)",
                )
            if huge:
                raise ReadError(
                    file,
                    f"not valid JSON for qcode: the number {huge[0]} at "
                    f"{_path_to(document, _HUGE)} is beyond the largest a number can hold "
                    "(about 1.8e308)",
                )
            if repeated:
                raise ReadError(
                    file,
                    f"not valid JSON for qcode: key {repeated[0].key!r} is given twice at "
                    f"{_path_to(document, repeated[0])} (a reader would keep one of them)",
                )
            if _SURROGATE_ESCAPE.search(text):
                _refuse_lone_surrogates(document, file, build)
            return build(document)
        except json.JSONDecodeError as exc:
            raise ReadError(
                file, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from exc
        except RecursionError as exc:
            raise ReadError(file, "values are nested too deeply to read") from exc
        except QcodeError:
            raise  # an InvalidProjectError is a ValueError too
        except ValueError as exc:
            long = _long_integer(text)
            if long is not None:
                digits, where = long
                raise ReadError(
                    file,
                    f"not valid JSON for qcode: {where} has {digits} digits, more than Python "
                    f"converts ({sys.get_int_max_str_digits()})",
                ) from exc
            reason = str(exc).split(";")[0]  # the advice after it is for programmers
            raise ReadError(file, f"not valid JSON for qcode: {reason}") from exc


def _long_integer(text: str) -> tuple[int, str] | None:
    """The digits and the place (worded) of the first integer in ``text`` longer than Python
    converts (`sys.get_int_max_str_digits`), found by reading the text again once a read
    has failed: watching every integer on the first read would slow every load."""
    found: list[str] = []

    def integer(token: str) -> object:
        try:
            return int(token)
        except ValueError:
            found.append(token)
            return _LONG

    try:
        document = json.loads(text, parse_int=integer)
    except (ValueError, RecursionError):  # the text's other fault, said as it is
        return None
    if not found:
        return None
    place = _path_to(document, _LONG)  # none where a key given twice dropped the integer
    where = f"the integer at {place}" if place else "an integer under a key given twice"
    return len(found[0].lstrip("-")), where


def _float(token: str, huge: list[str]) -> float | object:
    """A JSON number with a fraction or exponent; one beyond the range of a float (which
    Python would read as an infinity) is recorded in ``huge`` and stands as `_HUGE`."""
    value = float(token)
    if value in (_INFINITY, -_INFINITY):
        huge.append(token)
        return _HUGE
    return value


_HUGE = object()
"""What the parser gives for a number too large for a float."""
_LONG = object()
"""What `_long_integer`'s reading gives for an integer longer than Python converts."""
_CONSTANT = object()
"""What the parser gives for ``NaN``, ``Infinity`` and ``-Infinity``, which Python's parser
takes and JSON does not."""


class _Repeated(dict[str, Any]):
    """An object that gives a key twice (`json.loads` would keep the last silently)."""

    key: str


def _unique(pairs: list[tuple[str, Any]], repeated: list[_Repeated]) -> dict[str, Any]:
    """The object of ``pairs``; one that gives a key twice is noted in ``repeated``."""
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Repeated(found)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            marked.key = key
            break
        seen.add(key)
    repeated.append(marked)
    return marked


def _constant(token: str, seen: list[str]) -> object:
    seen.append(token)
    return _CONSTANT


def _path_to(value: Any, target: object, at: str = "$") -> str:
    """The JSON path of ``target`` in ``value`` (which holds it)."""
    if value is target:
        return at
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, (dict, list)) or item is target:
            step = f"{at}.{key}" if isinstance(key, str) else f"{at}[{key}]"
            found = _path_to(item, target, step)
            if found:
                return found
    return ""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""A ``\\uD800``-``\\uDFFF`` escape: half of a pair, or a lone surrogate."""
_SURROGATE = re.compile("[\ud800-\udfff]")


def _refuse_lone_surrogates(document: Any, file: str, build: Callable[[Any], object]) -> None:
    """Refuse strings holding a surrogate that is not half of a pair: it is not a
    character, and no UTF-8 writer can write it. The document's other problems (what
    ``build`` refuses) are reported with them."""
    issues = lone_surrogates(document)
    if not issues:
        return
    try:
        build(document)
    except InvalidProjectError as exc:
        issues.extend(exc.issues)
    shown = [  # paths and values may hold the surrogates themselves
        attrs.evolve(i, path=escaped(i.path), message=escaped(i.message)) for i in issues
    ]
    raise InvalidProjectError(file, _located(sorted(shown, key=path_order), file))


def lone_surrogates(document: Any) -> list[Issue]:
    """Each string (or key) of a JSON value that holds a lone surrogate, at its path."""
    issues = []
    stack: list[tuple[str, Any]] = [("$", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            found = _SURROGATE.search(value)
            if found:
                message = f"holds a lone surrogate (U+{ord(found.group()):04X}), not a character"
                issues.append(error("invalid-text", path, message))
        elif isinstance(value, dict):
            for key, member in value.items():
                if _SURROGATE.search(key):
                    issues.append(
                        error("invalid-text", path, f"key {key!r} holds a lone surrogate")
                    )
                stack.append((f"{path}.{key}", member))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", member) for i, member in enumerate(value))
    return issues


def escaped(text: str) -> str:
    """``text`` with each lone surrogate written as its escape (``\\ud800``), which any
    output can show."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


class OtherDocumentError(ReadError):
    """A qcode document of another kind than the one read for (a codebook where a project
    was asked for); ``found`` is its ``"format"``."""

    def __init__(self, file: str, message: str, found: str = "") -> None:
        super().__init__(file, message)
        self.args = (file, message, found)  # so that a copy (pickle) keeps ``found``
        self.found = found


def from_document(document: Any, *, file: str = "<string>") -> Project:
    """Build a project from a parsed qcode document, checking it against the schema."""
    return structure(document, file, PROJECT)


def structure(document: Any, file: str, kind: DocumentKind[_T]) -> _T:
    """Build the model object a parsed qcode document of ``kind`` holds, checking it
    against the kind's schema."""
    if not isinstance(document, dict) or document.get("format") != kind.name:
        said = document.get("format") if isinstance(document, dict) else None
        other = f'"format" is {said!r}, ' if isinstance(said, str) and said else ""
        message = f'not a qcode {kind.what} ({other}expected "format": "{kind.name}")'
        if kind is PROJECT and said == "qcode-codebook":
            message += "; it is a codebook: qcode codebook export (or qcode.read_codebook) reads it"
        if isinstance(said, str) and said:  # another document, which names its format
            raise OtherDocumentError(file, message, said)
        raise ReadError(file, message)
    version = document.get(kind.version_key)
    if type(version) is float and version.is_integer():
        version = int(version)  # 2.0 is 2, as JSON Schema counts numbers
    if type(version) is int and version > kind.version:
        raise ReadError(
            file,
            f"format version {version} is newer than this qcode reads ({kind.version}); "
            "upgrade qcode",
        )
    skipped = {"format", kind.version_key}
    if isinstance(document.get("$schema"), str):  # an editor's pointer: no field of the model
        skipped.add("$schema")  # (any other "$schema" is refused by the schema, below)
    fields = {k: v for k, v in document.items() if k not in skipped}
    if type(version) is int and version == kind.version:
        try:  # the converter is as strict as the schema: this is the fast path
            made: _T = _fast.structure(fields, kind.model)
        except Exception:  # any refusal is explained below, with the schema's help
            pass
        else:
            return made
    validator = schema_validator(kind.schema_file)
    explained = (issue for exc in validator.iter_errors(document) for issue in _explain(exc))
    issues = list(dict.fromkeys(explained))  # a date's pattern and format say the same thing
    if issues:
        raise InvalidProjectError(file, _located(sorted(issues, key=path_order), file))
    try:
        made = _converter.structure(fields, kind.model)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        raise InvalidProjectError(file, _located(_structure_issues(exc), file)) from exc
    return made


class Json:
    """qcode's JSON format. It carries everything qcode holds except embedded files."""

    def read(self, path: Path, options: ReadOptions) -> ReadResult:
        text, report = read_json_text(path, options.limits)
        try:
            project = loads(text, file=str(path))
        except InvalidProjectError as exc:  # what reading said comes first, as it would
            raise InvalidProjectError(str(path), (*report, *exc.issues)) from None
        return ReadResult(project, report)

    def write(self, project: Project, path: Path, options: WriteOptions) -> tuple[Issue, ...]:
        report = []
        media = media_paths(project)
        lost = [name for name in options.files if name in media]
        if lost:
            message = (
                f"{len(lost)} embedded file(s) (documents, pictures, recordings) "
                "cannot be stored in qcode JSON; keep the original archive"
            )
            report = _located([warning("not-carried", "$", message)], str(path))
        refuse_if_strict(report, options, str(path))
        data = _json_text(project).encode("utf-8")
        with atomic_output(path) as stream:
            stream.write(data)
        return tuple(report)


def read_text(path: Path, limits: Limits) -> str:
    """The UTF-8 text of ``path`` (a BOM allowed, and removed), read within ``limits``."""
    return _decoded(path, limits).removeprefix("\ufeff")


def read_json_text(path: Path, limits: Limits) -> tuple[str, tuple[Issue, ...]]:
    """The text of a qcode JSON file, read within ``limits``, and a ``json-bom`` warning
    where it starts with a byte-order mark (JSON has none: it is removed)."""
    text = _decoded(path, limits)
    refuse_many(
        text.count("[") + text.count("{"),
        limits,
        str(path),
        "'[' and '{' characters (JSON arrays and objects)",
    )
    if not text.startswith("\ufeff"):
        return text, ()
    said = (
        "the JSON starts with a byte-order mark, which JSON does not have (a read without "
        "strict drops it)"
    )
    return text[1:], tuple(_located([warning("json-bom", "$", said)], str(path)))


def _decoded(path: Path, limits: Limits) -> str:
    data = read_bytes(path, Budget(limits, str(path)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if data.startswith(b"PK\x03\x04"):  # a .qdpx (or another ZIP) given another name
            raise ReadError(
                str(path),
                "not UTF-8 text but a ZIP archive: a .qdpx (or an .xlsx) given another name?",
            ) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise ReadError(
            str(path), f"not UTF-8 text (bad byte at offset {exc.start}, line {line})"
        ) from exc


def _located(issues: list[Issue], file: str) -> list[Issue]:
    return [
        Issue(severity=i.severity, code=i.code, path=i.path, message=i.message, file=file)
        for i in issues
    ]


def _json_path(parts: Iterable[str | int]) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


_PATTERNS = {TIMESTAMP: "ISO 8601 timestamp", DATE: "date", UUID_PATTERN: "uuid"}
"""What the schema's patterns describe, for messages."""


def _explain(exc: ValidationError) -> list[Issue]:
    """Turn one schema error into issues a researcher can act on."""
    path = _json_path(exc.absolute_path)
    # Any: jsonschema types these as "maybe unset"; they are set on every reported error.
    instance: Any = exc.instance
    expected: Any = exc.validator_value
    schema: Any = exc.schema
    if exc.validator == "oneOf" and exc.context:
        return _explain_union(exc, path)
    if exc.validator == "anyOf" and exc.context:  # an optional value: explain the non-null part
        return [
            issue
            for sub in exc.context
            if not (sub.validator == "type" and sub.validator_value == "null")
            for issue in _explain(sub)
        ]
    if exc.validator == "required":
        missing = [k for k in expected if k not in instance]
        return [error("missing-key", path, f"missing required key {k!r}") for k in missing]
    if exc.validator == "additionalProperties":
        known = schema.get("properties", {})
        return [
            error("unknown-key", f"{path}.{key}", f"unknown key {key!r}")
            for key in instance
            if key not in known
        ]
    if exc.validator == "type":
        return [error("wrong-type", path, f"expected {expected}, got {_show(instance)}")]
    if exc.validator in ("enum", "const"):
        allowed = expected if exc.validator == "enum" else [expected]
        if len(allowed) == 1:  # JSON spelling: "1" and 1 differ
            return [
                error("invalid-value", path, f"must be {_show(allowed[0])}, not {_show(instance)}")
            ]
        choices = ", ".join(repr(a) for a in allowed)
        return [error("invalid-value", path, f"{_show(instance)} is not one of {choices}")]
    if exc.validator in ("format", "pattern"):
        what = expected if exc.validator == "format" else _PATTERNS.get(expected, expected)
        if expected == "date" and isinstance(instance, str) and re.match(DATE, instance):
            try:  # written as a date, but no day of the calendar (as a timestamp's 13th month)
                dt.date.fromisoformat(instance)
            except ValueError as impossible:
                message = f"{_show(instance)} is not a valid date ({impossible})"
                return [error("invalid-value", path, message)]
        return [error("invalid-format", path, f"{_show(instance)} is not a valid {what}")]
    return [error("invalid-value", path, exc.message)]


def _explain_union(exc: ValidationError, path: str) -> list[Issue]:
    """Report the errors of the branch whose tag matches, or that the tag is unknown."""
    instance: Any = exc.instance
    branches: dict[int, list[ValidationError]] = {}
    for sub in exc.context or ():
        branches.setdefault(int(sub.schema_path[0]), []).append(sub)
    if not isinstance(instance, dict):
        return [error("wrong-type", path, f"expected object, got {_show(instance)}")]
    tags = _union_tags(branches)
    tag_key = next((k for k in _TAG_KEYS if k in instance and k in tags), None)
    if tag_key is None:
        missing = [k for k in _TAG_KEYS if k in tags and k not in instance]
        if missing:  # the tag every branch needs: the rest can only be said once it is known
            return [error("missing-key", path, f"missing required key {missing[0]!r}")]
        candidates = [errs for errs in branches.values() if not _tag_failed(errs, None)]
        if candidates:  # e.g. a variable value with neither type nor extra keys wrong
            best = min(candidates, key=len)
            return [issue for sub in best for issue in _explain(sub)]
        return [error("missing-key", path, "missing required key 'type' or 'medium'")]
    for errs in branches.values():
        if not _tag_failed(errs, tag_key):
            return [issue for sub in errs for issue in _explain(sub)]
    values: list[Any] = sorted(
        {
            sub.validator_value
            for errs in branches.values()
            for sub in errs
            if sub.validator == "const" and list(sub.relative_path) == [tag_key]
        }
    )
    choices = ", ".join(repr(t) for t in values)
    message = f"{_show(instance[tag_key])} is not one of {choices}"
    return [error("invalid-value", f"{path}.{tag_key}", message)]


def _union_tags(branches: dict[int, list[ValidationError]]) -> set[str]:
    """The keys of `_TAG_KEYS` a oneOf tells its branches apart by: those a branch wants a
    constant value of, or, where the object has none, those every branch requires."""
    consts = {
        str(sub.relative_path[-1])
        for errs in branches.values()
        for sub in errs
        if sub.validator == "const" and sub.relative_path
    }
    required: set[str] | None = None
    for errs in branches.values():
        wanted = {
            str(k)
            for sub in errs
            if sub.validator == "required"
            for k in cast(Any, sub.validator_value)
        }
        required = wanted if required is None else required & wanted
    return (consts | (required or set())) & set(_TAG_KEYS)


def _tag_failed(errors: list[ValidationError], tag_key: str | None) -> bool:
    """Whether a oneOf branch rejected the object's tag (or, untagged, any tag-like key)."""
    keys = {tag_key} if tag_key else set(_TAG_KEYS)
    for sub in errors:
        if sub.validator == "const" and sub.relative_path and sub.relative_path[-1] in keys:
            return True
        if sub.validator == "additionalProperties":
            # Any: the failing branch's schema and object, plain JSON values once reported.
            schema: Any = sub.schema
            instance: Any = sub.instance
            declared = schema.get("properties", {})
            if tag_key is None or (tag_key in instance and tag_key not in declared):
                return True
    return False


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:59] + "…"


def _structure_issues(exc: Exception) -> list[Issue]:
    if isinstance(exc, cattrs.BaseValidationError):
        messages = cattrs.transform_error(exc, path="$", format_exception=_format_exc)
    else:
        messages = [f"{exc} @ $"]
    issues = []
    for message in messages:
        text, _, where = message.rpartition(" @ ")
        issues.append(error("invalid-value", where, text))
    return issues


def _format_exc(exc: BaseException, _: type | None) -> str:
    return str(exc)
