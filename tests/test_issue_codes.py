"""Every issue code qcode can emit, collected from the source itself: each is documented in
docs/validation.md, and each has a fixture here that triggers it through the public API
and pins the exact issue."""

from __future__ import annotations

import ast
import datetime as dt
import functools
import json
import re
import typing
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import attrs
import pytest
from attrs import evolve

import qcode
from tests.conftest import PROJECT, ROOT, WHEN, small_project
from tests.refi.fixtures import CODE, CODING, SOURCE, project_xml, qdpx

SRC = PROJECT / "src"  # as written, not mutmut's copy with its mutants

# -- the collector -------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """Where an issue code is written: the code, the module and line, and the function or
    method that makes the issue from it."""

    code: str
    module: str
    line: int
    maker: str


@dataclass(frozen=True)
class _Maker:
    position: int | None  # the code's place among the positional arguments (after self)
    keyword: str


Function = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class _Scope:
    module: str
    cls: ast.ClassDef | None
    functions: tuple[Function, ...]
    method_of: ast.ClassDef | None  # the class whose method the innermost function is


def source_modules() -> dict[str, str]:
    """The text of every module under src/qcode, by dotted name."""
    modules = {}
    for path in sorted((SRC / "qcode").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path.read_text("utf-8")
    return modules


def _parameters(function: Function) -> list[str]:
    a = function.args
    names = [x.arg for x in (*a.posonlyargs, *a.args, *a.kwonlyargs)]
    return names + [x.arg for x in (a.vararg, a.kwarg) if x is not None]


class Collector:
    """Finds the issue codes written in ``modules``: the string literals that reach the
    ``code`` of `qcode.Issue`, directly or through any function or method that hands one
    of its parameters on as a code (``error``, ``warning``, a reader's ``warn`` and
    ``note``, a writer's ``_say``...), found by following the calls until no new such
    function turns up. A code made any other way (an f-string, a variable, a relative
    import of a maker) is listed in ``unresolved``: the collector cannot vouch for it."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self.trees = {name: ast.parse(text) for name, text in modules.items()}
        self.functions: dict[tuple[str, str], _Maker] = {
            ("qcode._issues", "Issue"): _Maker(None, "code")
        }
        self.methods: dict[tuple[str, str], _Maker] = {}
        self.sites: set[Site] = set()
        self.unresolved: set[str] = set()
        self._bases: dict[str, set[str]] = {}
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    self._bases.setdefault(node.name, set()).update(
                        b.id if isinstance(b, ast.Name) else ast.unparse(b).split(".")[-1]
                        for b in node.bases
                    )
        self._names = {name: self._module_names(name, tree) for name, tree in self.trees.items()}
        while True:
            known = (len(self.functions), len(self.methods))
            for name, tree in self.trees.items():
                self._scan(tree, _Scope(name, None, (), None))
            if (len(self.functions), len(self.methods)) == known:
                break

    @property
    def codes(self) -> set[str]:
        return {site.code for site in self.sites}

    def _module_names(self, module: str, tree: ast.Module) -> dict[str, tuple[str, str]]:
        """The names ``module`` binds to functions and classes: what it defines at the top
        and what it imports anywhere, each as (defining module, name)."""
        names: dict[str, tuple[str, str]] = {}
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names[node.name] = (module, node.name)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    self.unresolved.add(f"{module}:{node.lineno}: a relative import")
                for alias in node.names:
                    names[alias.asname or alias.name] = (node.module or "", alias.name)
        return names

    def _lineage(self, cls: str) -> list[str]:
        seen = [cls]
        for current in seen:
            seen.extend(b for b in sorted(self._bases.get(current, ())) if b not in seen)
        return seen

    def _scan(self, node: ast.AST, scope: _Scope) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                self._scan(child, _Scope(scope.module, child, scope.functions, None))
            elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                method_of = scope.cls if scope.cls and child in scope.cls.body else None
                functions = (*scope.functions, child)
                self._scan(child, _Scope(scope.module, scope.cls, functions, method_of))
            else:
                if isinstance(child, ast.Call):
                    self._call(child, scope)
                self._scan(child, scope)

    def _maker(self, call: ast.Call, scope: _Scope) -> tuple[str, _Maker] | None:
        func = call.func
        if isinstance(func, ast.Name):
            if any(func.id in _parameters(f) for f in scope.functions):
                return None  # a parameter of that name, not the function
            origin = self._names[scope.module].get(func.id)
            found = self.functions.get(origin) if origin else None
            if found is None and any(func.id == name for _, name in self.functions):
                self.unresolved.add(f"{scope.module}:{call.lineno}: which {func.id}()?")
            return (func.id, found) if found else None
        if (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
            and scope.cls is not None
        ):
            for cls in self._lineage(scope.cls.name):
                found = self.methods.get((cls, func.attr))
                if found:
                    return f"{cls}.{func.attr}", found
        return None

    def _call(self, call: ast.Call, scope: _Scope) -> None:
        made = self._maker(call, scope)
        if made is None:
            return
        maker, how = made
        argument: ast.expr | None = None
        starred = any(isinstance(a, ast.Starred) for a in call.args)
        if how.position is not None and not starred and how.position < len(call.args):
            argument = call.args[how.position]
        for keyword in call.keywords:
            if keyword.arg == how.keyword:
                argument = keyword.value
        if argument is None:
            self.unresolved.add(f"{scope.module}:{call.lineno}: {maker}() without a code")
        else:
            self._code(argument, maker, scope, call.lineno)

    def _code(self, value: ast.expr, maker: str, scope: _Scope, line: int) -> None:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            self.sites.add(Site(value.value, scope.module, line, maker))
        elif isinstance(value, ast.IfExp):
            self._code(value.body, maker, scope, line)
            self._code(value.orelse, maker, scope, line)
        elif isinstance(value, ast.Attribute) and value.attr == "code":
            pass  # an existing issue's code, copied (as_errors, an issue given its file)
        elif (
            isinstance(value, ast.Name)
            and scope.functions
            and value.id in _parameters(scope.functions[-1])
        ):
            self._passes_on(scope, value.id)
        else:
            self.unresolved.add(f"{scope.module}:{line}: {maker}({ast.unparse(value)}, ...)")

    def _passes_on(self, scope: _Scope, parameter: str) -> None:
        """The innermost function hands ``parameter`` on as a code: calls to it make issues."""
        function = scope.functions[-1]
        positional = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
        position = positional.index(parameter) if parameter in positional else None
        if scope.method_of is not None:
            after_self = None if position is None else position - 1
            self.methods[(scope.method_of.name, function.name)] = _Maker(after_self, parameter)
        elif len(scope.functions) == 1:
            self.functions[(scope.module, function.name)] = _Maker(position, parameter)
        else:
            self.unresolved.add(f"{scope.module}:{function.lineno}: nested {function.name}()")


@functools.cache
def collected() -> Collector:
    """The collector run once over qcode's own source."""
    return Collector(source_modules())


def test_the_collector_follows_every_way_of_making_an_issue() -> None:
    modules = {
        "qcode._issues": (
            "class Issue: ...\n"
            "def error(code, path, message):\n"
            "    return Issue(severity='e', code=code, path=path, message=message)\n"
            "def as_errors(issues):\n"
            "    return [Issue(code=i.code) for i in issues]\n"
        ),
        "qcode.m": (
            "from qcode._issues import Issue, error\n"
            "class Base:\n"
            "    def _say(self, severity, code, path):\n"
            "        self.out.append(Issue(severity=severity, code=code, path=path))\n"
            "class Reader(Base):\n"
            "    def warn(self, code, path):\n"
            "        self._say('w', code, path)\n"
            "    def read(self, x):\n"
            "        self.warn('by-warn', '$')\n"
            "        self._say('i', 'by-say' if x else 'by-say-else', '$')\n"
            "def helper(kind, code):\n"
            "    return error(code, '$', kind)\n"
            "def rules(kind):\n"
            "    yield helper('a', 'by-helper')\n"
            "    yield error(f'{kind}-made', '$', 'm')\n"
            "    yield Issue(code=CODE)\n"
            "def elsewhere(error):\n"
            "    error('a-parameter-not-the-function')\n"
            "def local():\n"
            "    from qcode._issues import error as made\n"
            "    return made('by-a-local-import', '$', 'm')\n"
            "class Unrelated:\n"
            "    def warn(self, code):\n"
            "        print(code)\n"
            "    def go(self):\n"
            "        self.warn('not-an-issue')\n"
        ),
        "qcode.n": "from .m import helper\n",
        "qcode.o": "from other import helper\nhelper('a', 'another-helper')\n",
    }
    found = Collector(modules)
    assert sorted((s.code, s.module, s.line, s.maker) for s in found.sites) == [
        ("by-a-local-import", "qcode.m", 21, "made"),
        ("by-helper", "qcode.m", 14, "helper"),
        ("by-say", "qcode.m", 10, "Base._say"),
        ("by-say-else", "qcode.m", 10, "Base._say"),
        ("by-warn", "qcode.m", 9, "Reader.warn"),
    ]
    assert sorted(found.unresolved) == [
        "qcode.m:15: error(f'{kind}-made', ...)",
        "qcode.m:16: Issue(CODE, ...)",
        "qcode.n:1: a relative import",
        "qcode.o:2: which helper()?",
    ]


def test_every_code_in_the_source_is_collected() -> None:
    found = collected()
    assert sorted(found.unresolved) == []
    # One code of each kind of site: made by the shorthands, by Issue itself, by the
    # reader's warn and note, by the writer's and the text loader's reporters, and through
    # a rule's own helper.
    examples = {
        ("duplicate-id", "qcode._validation._rules", "error"),
        ("shared-id", "qcode._validation._rules", "warning"),
        ("code-cycle", "qcode._validation._rules", "_cycles"),
        ("theme-cycle", "qcode._validation._rules", "_cycles"),
        ("missing-key", "qcode._formats._json", "error"),
        ("invalid-format", "qcode._formats._json", "error"),
        ("invalid-text", "qcode._formats._json", "error"),
        ("not-carried", "qcode._formats._json", "warning"),
        ("sources-folder", "qcode._formats._refi._archive", "Issue"),
        ("qde-name", "qcode._formats._refi", "Issue"),
        ("schema", "qcode._formats._refi._xml", "Issue"),
        ("missing-guid", "qcode._formats._refi._read._core", "ReaderCore.warn"),
        ("document-variables", "qcode._formats._refi._read._cases", "ReaderCore.note"),
        ("external-file-refused", "qcode._formats._refi", "_TextFiles._warn"),
        ("not-carried", "qcode._formats._refi._write._core", "WriterCore._say"),
        ("cycle-broken", "qcode._formats._refi._write._codebook", "WriterCore._say"),
    }
    assert examples - {(s.code, s.module, s.maker) for s in found.sites} == set()


# -- the documentation ---------------------------------------------------------------

DOC = ROOT / "docs" / "validation.md"


def documented_codes() -> set[str]:
    """The codes in the first column of the tables in docs/validation.md whose first
    column is headed ``code``."""
    codes: set[str] = set()
    in_code_table = False
    for line in DOC.read_text("utf-8").splitlines():
        if not line.startswith("|"):
            in_code_table = False
            continue
        first = line.split("|")[1].strip()
        if first == "code":
            in_code_table = True
        elif in_code_table and not set(first) <= set("-: "):
            codes.update(re.findall(r"`([a-z0-9-]+)`", first))
    return codes


def test_every_collected_code_is_documented_and_nothing_else() -> None:
    assert documented_codes() == collected().codes


# -- one fixture per code ------------------------------------------------------------

Trigger = Callable[[Path], Sequence[qcode.Issue]]


@dataclass(frozen=True)
class Fixture:
    name: str
    trigger: Trigger
    expected: tuple[tuple[str, str], ...]  # (code, str(issue) with tmp_path shown as TMP)


FIXTURES: list[Fixture] = []


def fixture(*expected: tuple[str, str]) -> Callable[[Trigger], Trigger]:
    """Register a trigger with the exact issues it must give, in order."""

    def register(trigger: Trigger) -> Trigger:
        FIXTURES.append(Fixture(trigger.__name__, trigger, expected))
        return trigger

    return register


def shown(issue: qcode.Issue, tmp: Path) -> str:
    return str(issue).replace(str(tmp), "TMP")


P = small_project()
FINDINGS, BRIDGE, TOLL = P.codes
SOURCE_0 = P.sources[0]
U1 = uuid.UUID("11111111-1111-1111-1111-111111111111")


def changed(**changes: object) -> qcode.Project:
    return evolve(P, **changes)


def with_excerpt(**changes: object) -> qcode.Project:
    first = evolve(SOURCE_0.excerpts[0], **changes)
    return changed(sources=(evolve(SOURCE_0, excerpts=(first, *SOURCE_0.excerpts[1:])),))


def with_codes(*codes: qcode.Code) -> qcode.Project:
    return changed(codes=codes)


# validate


@fixture(
    (
        "duplicate-id",
        f"ERROR $.users[1]: id {P.users[0].id} is already used by user 'Analyst' at $.users[0]",
    )
)
def duplicate_id(tmp: Path) -> Sequence[qcode.Issue]:
    twin = qcode.User(id=P.users[0].id, name="Twin")
    return qcode.validate(changed(users=(*P.users, twin)))


@fixture(
    (
        "shared-id",
        f"WARNING $.variables[0]: id {P.variables[0].id} is shared with user 'Role player' at "
        "$.users[1]",
    )
)
def shared_id(tmp: Path) -> Sequence[qcode.Issue]:
    player = qcode.User(id=P.variables[0].id, name="Role player")
    return qcode.validate(changed(users=(*P.users, player)))


@fixture(("unresolved-reference", f"ERROR $.themes[0].codes[2]: no code has id {U1}"))
def unresolved_reference(tmp: Path) -> Sequence[qcode.Issue]:
    theme = P.themes[0]
    return qcode.validate(changed(themes=(evolve(theme, codes=(*theme.codes, U1)),)))


@fixture(
    (
        "wrong-reference-kind",
        f"ERROR $.themes[0].codes[2]: id {SOURCE_0.id} is source 'Workshop 1', not a code",
    )
)
def wrong_reference_kind(tmp: Path) -> Sequence[qcode.Issue]:
    theme = P.themes[0]
    return qcode.validate(changed(themes=(evolve(theme, codes=(*theme.codes, SOURCE_0.id)),)))


@fixture(
    (
        "anchor-mismatch",
        "ERROR $.sources[0].excerpts[0].anchor: a time span cannot anchor an excerpt in a text "
        "source",
    )
)
def anchor_mismatch(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_excerpt(anchor=qcode.TimeSpan(0, 10)))


@fixture(
    (
        "span-order",
        "ERROR $.sources[0].excerpts[0].anchor.end: end (7) must be greater than start (15)",
    )
)
def span_order(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_excerpt(anchor=qcode.TextSpan(15, 7)))


@fixture(
    (
        "span-out-of-range",
        "ERROR $.sources[0].excerpts[0].anchor.end: end 36 is beyond the end of the text "
        "(35 characters)",
    )
)
def span_out_of_range(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_excerpt(anchor=qcode.TextSpan(7, 36)))


@fixture(
    (
        "quote-mismatch",
        "ERROR $.sources[0].excerpts[0].quote: quote 'a brigde' differs from the text at "
        "[7, 15): 'a bridge'",
    )
)
def quote_mismatch(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_excerpt(quote="a brigde"))


def picture(*regions: qcode.PictureRegion | qcode.PDFRegion) -> qcode.Project:
    """A project with one picture (or PDF) source holding an excerpt per region."""
    pdf = any(isinstance(r, qcode.PDFRegion) for r in regions)
    content = qcode.PDFContent() if pdf else qcode.PictureContent()
    excerpts = tuple(
        qcode.Excerpt(id=uuid.UUID(int=i + 1), anchor=r) for i, r in enumerate(regions)
    )
    source = qcode.Source(id=U1, name="Collage", content=content, excerpts=excerpts)
    return qcode.Project(name="Regions", sources=(source,))


@fixture(
    (
        "region-invalid",
        "ERROR $.sources[0].excerpts[0].anchor: region (0, -1, 5, 5) has a negative coordinate",
    )
)
def region_invalid(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(picture(qcode.PictureRegion(0, -1, 5, 5)))


@fixture(
    (
        "code-cycle",
        "ERROR $.codes[0].parent: code hierarchy loops: 'Findings' → 'Toll' → 'Findings'",
    )
)
def code_cycle(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_codes(evolve(FINDINGS, parent=TOLL.id), BRIDGE, TOLL))


@fixture(
    (
        "theme-cycle",
        "ERROR $.themes[0].parent: theme hierarchy loops: 'Core tension' → 'Core tension'",
    )
)
def theme_cycle(tmp: Path) -> Sequence[qcode.Issue]:
    theme = P.themes[0]
    return qcode.validate(changed(themes=(evolve(theme, parent=theme.id),)))


def chain(levels: int) -> qcode.Project:
    b = qcode.ProjectBuilder("Deep")
    parent = None
    for level in range(1, levels + 1):
        parent = b.code(f"Level {level}", parent=parent)
    return b.build()


@fixture(
    (
        "code-too-deep",
        "ERROR $.codes[100].parent: code 'Level 101' sits 101 levels deep; REFI-QDA files hold "
        "at most 100 (Limits.code_depth)",
    )
)
def code_too_deep(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(chain(101))


@fixture(
    (
        "code-not-codable",
        "WARNING $.sources[0].excerpts[0].codings[0].code: code 'Findings' is a folder (not "
        "codable) but is applied here",
    )
)
def code_not_codable(tmp: Path) -> Sequence[qcode.Issue]:
    coding = SOURCE_0.excerpts[0].codings[0]
    return qcode.validate(with_excerpt(codings=(evolve(coding, code=FINDINGS.id),)))


@fixture(
    (
        "duplicate-value",
        f"ERROR $.cases[0].values[1]: variable {P.variables[0].name!r} already has a value on "
        "this object",
    )
)
def duplicate_value(tmp: Path) -> Sequence[qcode.Issue]:
    case = P.cases[0]
    return qcode.validate(changed(cases=(evolve(case, values=case.values * 2),)))


@fixture(
    (
        "value-type-mismatch",
        "ERROR $.cases[0].values[0].value: 42 is an integer value, but variable 'Role' holds "
        "text values",
    )
)
def value_type_mismatch(tmp: Path) -> Sequence[qcode.Issue]:
    case = P.cases[0]
    value = evolve(case.values[0], value=42)
    return qcode.validate(changed(cases=(evolve(case, values=(value,)),)))


@fixture(
    ("invalid-color", "ERROR $.codes[2].color: 'red' is not a colour like '#1F77B4' or '#F00'")
)
def invalid_color(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_codes(FINDINGS, BRIDGE, evolve(TOLL, color="red")))


@fixture(
    (
        "naive-timestamp",
        "ERROR $.audit.created_at: timestamp 2023-01-02T03:04:00 has no time zone (add one, "
        "e.g. +00:00)",
    )
)
def naive_timestamp(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(changed(audit=qcode.Audit(created_at=dt.datetime(2023, 1, 2, 3, 4))))


@fixture(("missing-name", "ERROR $.codes[1].name: a code has no name"))
def missing_name(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_codes(FINDINGS, evolve(BRIDGE, name=""), TOLL))


@fixture(
    (
        "duplicate-code-name",
        "WARNING $.codes[2].name: code 'bridge ' has the same name as $.codes[1] under the "
        "same parent",
    )
)
def duplicate_code_name(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.validate(with_codes(FINDINGS, BRIDGE, evolve(TOLL, name="bridge ")))


@fixture(
    (
        "duplicate-code-path",
        "WARNING $.codes[3].name: code 'Findings/Bridge' has the same path as $.codes[1] "
        "('Findings/Bridge'): a '/' in a name makes paths ambiguous (look it up by id)",
    )
)
def duplicate_code_path(tmp: Path) -> Sequence[qcode.Issue]:
    slashed = evolve(BRIDGE, id=uuid.UUID(int=43), name="Findings/Bridge", parent=None)
    return qcode.validate(with_codes(FINDINGS, BRIDGE, TOLL, slashed))


@fixture(
    (
        "duplicate-name",
        "WARNING $.variables[1].name: variable 'Role' has the same name as $.variables[0]; a "
        "look-up by name cannot tell them apart (use the id)",
    )
)
def duplicate_name(tmp: Path) -> Sequence[qcode.Issue]:
    (role,) = P.variables
    return qcode.validate(changed(variables=(role, evolve(role, id=uuid.UUID(int=42)))))


# reading qcode JSON


def refused(path: Path) -> Sequence[qcode.Issue]:
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.load(path)
    return caught.value.issues


DELETED = object()


def json_file(tmp: Path, keys: tuple[str | int, ...], value: object) -> Path:
    """The small project as a qcode JSON file, with the value at ``keys`` replaced (or
    deleted)."""
    document = json.loads(qcode.dumps(P))
    *above, last = keys
    target = document
    for key in above:
        target = target[key]
    if value is DELETED:
        del target[last]
    else:
        target[last] = value
    path = tmp / "p.json"
    path.write_text(json.dumps(document), "utf-8")
    return path


@fixture(("missing-key", "ERROR TMP/p.json $: missing required key 'name'"))
def missing_key(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("name",), DELETED))


@fixture(("unknown-key", "ERROR TMP/p.json $.colour: unknown key 'colour'"))
def unknown_key(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("colour",), "#FFF"))


@fixture(("wrong-type", "ERROR TMP/p.json $.name: expected string, got 5"))
def wrong_type(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("name",), 5))


@fixture(
    (
        "invalid-value",
        "ERROR TMP/p.json $.sources[0].content.medium: \"sound\" is not one of 'audio', 'pdf', "
        "'picture', 'text', 'video'",
    )
)
def invalid_value(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("sources", 0, "content", "medium"), "sound"))


@fixture(("invalid-format", 'ERROR TMP/p.json $.users[0].id: "nope" is not a valid uuid'))
def invalid_format(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("users", 0, "id"), "nope"))


@fixture(
    (
        "invalid-text",
        "ERROR TMP/p.json $.name: holds a lone surrogate (U+D800), not a character",
    )
)
def invalid_text(tmp: Path) -> Sequence[qcode.Issue]:
    return refused(json_file(tmp, ("name",), "\ud800"))


@fixture(
    (
        "json-bom",
        "WARNING TMP/p.json $: the JSON starts with a byte-order mark, which JSON does not "
        "have (a read without strict drops it)",
    )
)
def json_bom(tmp: Path) -> Sequence[qcode.Issue]:
    path = tmp / "p.json"
    path.write_bytes(b"\xef\xbb\xbf" + qcode.dumps(P).encode())
    return report(path)


# writing qcode JSON


@fixture(
    (
        "not-carried",
        "WARNING TMP/p.json $: 1 embedded file(s) (documents, pictures, recordings) cannot be "
        "stored in qcode JSON; keep the original archive",
    )
)
def not_carried_by_json(tmp: Path) -> Sequence[qcode.Issue]:
    photo = qcode.Source(
        id=U1, name="Photo", content=qcode.PictureContent(path="internal://photo.png")
    )
    attachment = qcode.Attachment(tmp / "p.qdpx", "sources/photo.png", 3)
    options = qcode.WriteOptions(files={"internal://photo.png": attachment})
    return qcode.write(changed(sources=(*P.sources, photo)), tmp / "p.json", options)


# reading REFI-QDA


def report(path: Path, options: qcode.ReadOptions | None = None) -> Sequence[qcode.Issue]:
    return qcode.read(path, options).report


def archive(tmp: Path, xml: str | bytes, **changes: object) -> Path:
    return qdpx(tmp / "p.qdpx", xml, **changes)  # type: ignore[arg-type]


QDE = "TMP/p.qdpx/project.qde"
SELECTION = "/Project/Sources/TextSource/PlainTextSelection"


@fixture(
    (
        "draft-namespace",
        f"WARNING {QDE}:2 /Project: namespace 'urn:QDA-XML:project:1:0' is a draft; read as "
        "'urn:QDA-XML:project:1.0'",
    )
)
def draft_namespace(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(namespace="urn:QDA-XML:project:1:0")))


@fixture(
    (
        "sources-folder",
        "WARNING TMP/p.qdpx Sources/: the sources folder is called 'Sources', not 'sources'; "
        "a read without strict reads it there",
    )
)
def sources_folder(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(), folder="Sources"))


@fixture(
    (
        "qde-name",
        "WARNING TMP/p.qdpx Study.qde: the project document is 'Study.qde', not 'project.qde'",
    )
)
def qde_name(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(), qde="Study.qde"))


@fixture(
    (
        "xml-bom",
        f"WARNING {QDE} /: the XML starts with a byte-order mark (a read without strict drops it)",
    )
)
def xml_bom(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, b"\xef\xbb\xbf" + project_xml().encode()))


@fixture(
    (
        "text-bom",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: sources/{SOURCE}.txt starts with a "
        "byte-order mark (a read without strict drops it)",
    )
)
def text_bom(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(), text=b"\xef\xbb\xbfHello world"))


@fixture(
    (
        "path-scheme",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: path '{SOURCE}.txt' is not written as "
        "internal://…; read as an internal file",
    )
)
def path_scheme(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(text_path=f"{SOURCE}.txt")))


@fixture(
    (
        "missing-text",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: the text is missing (file "
        "'internal://gone.txt'); read as empty",
    ),
    (
        "unnamed-file",
        f"INFO TMP/p.qdpx sources/{SOURCE}.txt: nothing in the project is read from this file; "
        "writing the project does not carry it",
    ),
)
def missing_text(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(text_path="internal://gone.txt")))


@fixture(
    (
        "text-differs",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: the text held inline (11 characters) "
        f"and the file 'internal://{SOURCE}.txt' (11 characters) differ; the inline text is "
        "read, the file's left",
    )
)
def text_differs(tmp: Path) -> Sequence[qcode.Issue]:
    inline = "<PlainTextContent>Other words</PlainTextContent><PlainTextSelection"
    xml = project_xml().replace("><PlainTextSelection", ">" + inline, 1)
    return report(archive(tmp, xml))  # the file says "Hello world"


@fixture(
    (
        "embedded-file-missing",
        f"WARNING {QDE} $.sources[0].content.path: embedded file 'internal://gone.docx' of "
        "source 'Doc' is not in the archive; the reference is kept",
    )
)
def embedded_file_missing(tmp: Path) -> Sequence[qcode.Issue]:
    xml = project_xml().replace('name="Doc"', 'name="Doc" richTextPath="internal://gone.docx"')
    return report(archive(tmp, xml))


@fixture(
    (
        "unnamed-file",
        "INFO TMP/p.qdpx sources/.root: nothing in the project is read from this file; writing "
        "the project does not carry it",
    )
)
def unnamed_file(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(), extra={"sources/.root": b""}))  # as NVivo writes


@fixture(
    (
        "external-file-not-read",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: external file 'relative:///doc.txt' of "
        "source 'Doc' is not read: qcode opens no local file unless a folder is allowed "
        "(ReadOptions(external_root=...), qcode --external-root DIR)",
    ),
    (
        "missing-text",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: the text is missing (file "
        "'relative:///doc.txt'); read as empty",
    ),
)
def external_file_not_read(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(text_path="relative:///doc.txt"), text=None))


@fixture(
    (
        "external-file-missing",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: external file 'relative:///doc.txt' of "
        "source 'Doc' is not on this machine",
    ),
    (
        "missing-text",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: the text is missing (file "
        "'relative:///doc.txt'); read as empty",
    ),
)
def external_file_missing(tmp: Path) -> Sequence[qcode.Issue]:
    path = archive(tmp, project_xml(text_path="relative:///doc.txt"), text=None)
    return report(path, qcode.ReadOptions(external_root=tmp))


@fixture(
    (
        "external-file-refused",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: external file 'absolute://TMP/doc.txt' "
        "of source 'Doc' is not read: it is outside the allowed folder 'TMP/allowed'",
    ),
    (
        "missing-text",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: the text is missing (file "
        "'absolute://TMP/doc.txt'); read as empty",
    ),
)
def external_file_refused(tmp: Path) -> Sequence[qcode.Issue]:
    (tmp / "allowed").mkdir()
    (tmp / "doc.txt").write_text("Hello world", "utf-8")
    path = archive(tmp, project_xml(text_path=f"absolute://{tmp}/doc.txt"), text=None)
    return report(path, qcode.ReadOptions(external_root=tmp / "allowed"))


@fixture(
    (
        "empty-container",
        f"WARNING {QDE}:2 /Project/Variables: <Variables> is empty (REFI-QDA needs one child)",
    )
)
def empty_container(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(extra_project="<Variables/>")))


@fixture(
    (
        "color-normalised",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: colour 'ff8800' read as '#FF8800'",
    )
)
def color_normalised(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(code_attributes=' color="ff8800"')))


@fixture(
    (
        "invalid-color",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: colour 'orange' is not understood; dropped",
    )
)
def invalid_color_read(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(code_attributes=' color="orange"')))


def codebook(path: Path, name: str) -> Path:
    """A codebook document holding one code."""
    path.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        f'<Code guid="{CODE}" name="{name}" isCodable="true"/></Codes></CodeBook>',
        "utf-8",
    )
    return path


@fixture(
    (
        "code-names-split",
        "WARNING TMP/c.qdc:1 /CodeBook/Codes: code names with '::' were read as a hierarchy "
        "(1 folder code(s) added); pass split_code_names=False to keep the names as written",
    )
)
def code_names_split(tmp: Path) -> Sequence[qcode.Issue]:
    return report(codebook(tmp / "c.qdc", "Places::Bridge"))


VARIABLE = "77777777-0000-4000-8000-000000000001"


@fixture(
    (
        "document-variables",
        f"INFO {QDE}:2 /Project/Cases/Case: a nameless case holding variables of source 'Doc' "
        "was read as that source's values",
    )
)
def document_variables(tmp: Path) -> Sequence[qcode.Issue]:
    cases = (
        f'<Variables><Variable guid="{VARIABLE}" name="Wave" typeOfVariable="Integer"/>'
        f'</Variables><Cases><Case guid="{VARIABLE[:-1]}2">'
        f'<VariableValue><VariableRef targetGUID="{VARIABLE}"/>'
        f'<IntegerValue>2</IntegerValue></VariableValue><SourceRef targetGUID="{SOURCE}"/></Case>'
        "</Cases>"
    )
    return report(archive(tmp, project_xml(extra_project=cases, origin="MAXQDA 24")))


@fixture(
    (
        "classification-prefix",
        f"INFO {QDE}:2 /Project/Variables/Variable: variable 'People:Age group' carries an "
        "NVivo classification prefix; kept in the name",
    )
)
def classification_prefix(tmp: Path) -> Sequence[qcode.Issue]:
    extra = (
        f'<Variables><Variable guid="{VARIABLE}" name="People:Age group" typeOfVariable="Text"/>'
        "</Variables>"
    )
    return report(archive(tmp, project_xml(extra_project=extra, origin="NVivo 14")))


@fixture(
    (
        "reserved-variable",
        f"INFO {QDE}:2 /Project/Variables/Variable: variable 'Real name' is read as each case's "
        "real name, as qcode writes it, not as a variable",
    )
)
def reserved_variable(tmp: Path) -> Sequence[qcode.Issue]:
    extra = (  # another tool's variable of that name: not qcode's GUID for it
        f'<Variables><Variable guid="{VARIABLE}" name="Real name" typeOfVariable="Text"/>'
        "</Variables>"
    )
    return report(archive(tmp, project_xml(extra_project=extra, origin="MAXQDA 24")))


@fixture(
    (
        "offset-dialect",
        f"INFO {QDE} /: text offsets read as utf16 (origin 'NVivo 14': NVivo counts UTF-16 "
        "code units); selections on word boundaries: codepoints 100%, utf16 100%, "
        "codepoints-lf 100%",
    ),
    (
        "offset-split",
        f"WARNING {QDE}:2 /Project/Sources/TextSource: 1 position(s) fall between the two "
        "UTF-16 units of one character (an emoji, say), the first at 3: each is read at the "
        "character's start",
    ),
)
def offset_split(tmp: Path) -> Sequence[qcode.Issue]:
    xml = project_xml(origin="NVivo 14", start=3, end=6)
    return report(archive(tmp, xml, text="ab😀cd efg hij".encode()))


@fixture(
    (
        "offset-dialect",
        f"WARNING {QDE} /: text offsets read as utf16, not codepoints as the origin suggests "
        "(origin 'Some tool': the REFI-QDA standard counts code points), because more "
        "selections then fall on word boundaries (codepoints 0%, utf16 100%, codepoints-lf 0%)",
    )
)
def offset_dialect(tmp: Path) -> Sequence[qcode.Issue]:
    xml = project_xml(origin="Some tool", start=5, end=11)
    return report(archive(tmp, xml, text="😀😀 bridge".encode()))


@fixture(
    (
        "vendor-data",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: attribute 'weight' is not REFI-QDA; "
        "kept as vendor data",
    )
)
def vendor_data(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(code_attributes=' weight="3"')))


@fixture(
    (
        "invalid-guid",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: 'not-a-guid' is not a GUID; read as "
        "79318cb2-be53-5f56-a4d8-e476a09b471b",
    )
)
def invalid_guid(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml().replace(CODE, "not-a-guid")))


@fixture(
    (
        "missing-guid",
        f"WARNING {QDE}:2 {SELECTION}/Coding: the element has no guid; one was made up",
    )
)
def missing_guid(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml().replace(f'<Coding guid="{CODING}"', "<Coding")))


@fixture(
    (
        "duplicate-guid",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code[2]: code 'Twin' has the GUID of code "
        "'Bridge' read before it; it was given the new id 007035f8-b558-5819-bd2c-a50a756913bd, "
        "and references to the GUID mean 'Bridge'",
    )
)
def duplicate_guid(tmp: Path) -> Sequence[qcode.Issue]:
    twin = f'<Code guid="{CODE}" name="Twin" isCodable="true"/>'
    return report(archive(tmp, project_xml().replace("</Codes>", f"{twin}</Codes>")))


@fixture(
    (
        "code-too-deep",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code/Code: code 'Under' sits 2 levels deep, "
        "beyond Limits.code_depth (1); it is kept, but a REFI-QDA file cannot hold it",
    )
)
def code_too_deep_read(tmp: Path) -> Sequence[qcode.Issue]:
    inner = f'<Code guid="{U1}" name="Under" isCodable="true"/>'
    xml = project_xml().replace('isCodable="true"/>', f'isCodable="true">{inner}</Code>', 1)
    options = qcode.ReadOptions(limits=qcode.Limits(code_depth=1))
    return report(archive(tmp, xml), options)


@fixture(
    (
        "invalid-timestamp",
        f"WARNING {QDE}:2 {SELECTION}: 'yesterday' is not a timestamp; dropped",
    )
)
def invalid_timestamp(tmp: Path) -> Sequence[qcode.Issue]:
    xml = project_xml(selection_attributes=' creationDateTime="yesterday"')
    return report(archive(tmp, xml))


@fixture(
    (
        "invalid-number",
        f"WARNING {QDE}:2 {SELECTION}: startPosition='one' is not an integer; the selection "
        "is left out",
    )
)
def invalid_number(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(start="one")))


@fixture(
    (
        "invalid-value",
        f"WARNING {QDE}:2 /Project/Variables/Variable: typeOfVariable 'Colour' is unknown; "
        "read as Text",
    )
)
def invalid_value_read(tmp: Path) -> Sequence[qcode.Issue]:
    extra = (
        f'<Variables><Variable guid="{VARIABLE}" name="Hue" typeOfVariable="Colour"/></Variables>'
    )
    return report(archive(tmp, project_xml(extra_project=extra)))


@fixture(
    (
        "missing-reference",
        f"WARNING {QDE}:2 {SELECTION}/Coding: a Coding has no CodeRef; dropped",
    )
)
def missing_reference(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml(selection_body=f'<Coding guid="{CODING}"/>')))


@fixture(
    (
        "missing-name",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: a code has no name",
    )
)
def missing_name_read(tmp: Path) -> Sequence[qcode.Issue]:
    return report(archive(tmp, project_xml().replace(' name="Bridge"', "")))


@fixture(
    (
        "document-kind",
        "WARNING TMP/c.qde /: a codebook where a project was expected; read as a codebook",
    )
)
def document_kind(tmp: Path) -> Sequence[qcode.Issue]:
    return report(codebook(tmp / "c.qde", "Bridge"))


@fixture(
    (
        "schema",
        f"WARNING {QDE}:2 /Project/CodeBook/Codes/Code: Element 'Code': The attribute "
        "'isCodable' is required but missing.",
    )
)
def schema(tmp: Path) -> Sequence[qcode.Issue]:
    xml = project_xml().replace(' isCodable="true"', "")
    return report(archive(tmp, xml), qcode.ReadOptions(check_schema=True))


# writing REFI-QDA


@fixture(
    (
        "invalid-color",
        "ERROR $.codes[2].color: 'red' is not a colour like '#1F77B4' or '#F00'",
    ),
    (
        "not-carried",
        "WARNING TMP/p.qde $.codes[2].color: colour 'red' is not #RRGGBB or #RGB; left out",
    ),
)
def not_carried_by_refi(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.write(with_codes(FINDINGS, BRIDGE, evolve(TOLL, color="red")), tmp / "p.qde")


@fixture(
    (
        "unresolved-reference",
        f"ERROR $.codes[2].parent: no code has id {U1}",
    ),
    (
        "orphan-code",
        "WARNING TMP/p.qde $.codes[2].parent: code 'Toll' has a parent that does not exist; "
        "written at the top",
    ),
)
def orphan_code(tmp: Path) -> Sequence[qcode.Issue]:
    return qcode.write(with_codes(FINDINGS, BRIDGE, evolve(TOLL, parent=U1)), tmp / "p.qde")


@fixture(
    (
        "code-cycle",
        "ERROR $.codes[0].parent: code hierarchy loops: 'Findings' → 'Toll' → 'Findings'",
    ),
    (
        "cycle-broken",
        "WARNING TMP/p.qde $.codes[0].parent: code 'Findings' is in a parent cycle; written at "
        "the top",
    ),
)
def cycle_broken(tmp: Path) -> Sequence[qcode.Issue]:
    codes = with_codes(evolve(FINDINGS, parent=TOLL.id), BRIDGE, TOLL)
    return qcode.write(codes, tmp / "p.qde")


@fixture(
    (
        "name-changed",
        "INFO TMP/p.qdpx $.codes[2].name: code 'Bridge' was written as 'Bridge (2)', because "
        "QualCoder keeps codes by name",
    ),
    (
        "stamp-added",
        "INFO TMP/p.qdpx $: 6 element(s) had no creation time and were stamped "
        f"2023-05-04T09:30:00Z by {str(P.users[0].id).upper()}, because QualCoder's importer "
        "stops at a selection, note or transcript without one",
    ),
    (
        "line-breaks",
        "INFO TMP/p.qdpx $: 1 text(s) with CRLF or CR line breaks were written with LF, positions "
        "counted to match, because QualCoder reads line breaks as LF",
    ),
    (
        "name-added",
        "INFO TMP/p.qdpx $: 1 transcript(s) had no name and were named after their recording "
        "(<recording>.txt), because QualCoder cannot import a transcript without one",
    ),
)
def written_for_qualcoder(tmp: Path) -> Sequence[qcode.Issue]:
    """QualCoder's needs: creation stamps, LF line breaks, transcript names, unique names."""
    recording = qcode.Source(
        id=U1,
        name="Talk",
        content=qcode.AudioContent(
            path="relative:///talk.m4a",
            transcripts=(qcode.Transcript(id=uuid.UUID(int=2), text="Hi."),),
        ),
    )
    text = evolve(SOURCE_0, content=qcode.TextContent(text=f"{SOURCE_0.text}\r\n"))
    project = changed(
        audit=qcode.Audit(created_at=WHEN),
        sources=(text, recording),
        codes=(FINDINGS, evolve(BRIDGE, note_refs=()), evolve(TOLL, name="Bridge", parent=None)),
    )
    return qcode.write(project, tmp / "p.qdpx", qcode.WriteOptions(target="qualcoder"))


@fixture(
    (
        "picture-as-text",
        "INFO TMP/p.qdpx $.sources[0]: picture 'Collage' has no image: written as a text source "
        "holding its text, because QualCoder's importer stops at a picture source without one",
    ),
    (
        "not-carried",
        "WARNING TMP/p.qdpx $.sources[0].content.text_meta: the text's own id, name and audit "
        "have no place in a text source",
    ),
    (
        "not-carried",
        "WARNING TMP/p.qdpx $.sources[0].excerpts[1]: a PictureRegion has no place in a TextSource",
    ),
)
def picture_without_an_image_for_qualcoder(tmp: Path) -> Sequence[qcode.Issue]:
    collage = qcode.Source(
        id=U1,
        name="Collage",
        audit=qcode.Audit(created_at=WHEN),
        content=qcode.PictureContent(
            text="A bridge", text_meta=qcode.TextMeta(id=uuid.UUID(int=4), name="Words")
        ),
        excerpts=(
            qcode.Excerpt(
                id=uuid.UUID(int=5), anchor=qcode.TextSpan(2, 8), audit=qcode.Audit(created_at=WHEN)
            ),
            qcode.Excerpt(id=uuid.UUID(int=6), anchor=qcode.PictureRegion(0, 0, 5, 5)),
        ),
    )
    project = qcode.Project(name="P", sources=(collage,))
    return qcode.write(project, tmp / "p.qdpx", qcode.WriteOptions(target="qualcoder"))


# codebooks


def table(tmp: Path, text: str) -> Sequence[qcode.Issue]:
    path = tmp / "c.csv"
    path.write_text(text, "utf-8")
    with pytest.raises(qcode.InvalidProjectError) as caught:
        qcode.read_codebook(path)
    return caught.value.issues


@fixture(
    ("bad-header", "ERROR TMP/c.csv row 1: column 'Status' is given twice"),
    ("bad-header", "ERROR TMP/c.csv row 1: no 'path' column: each row needs the code's path"),
)
def bad_header(tmp: Path) -> Sequence[qcode.Issue]:
    return table(tmp, "status,Status\nactive,draft\n")


@fixture(
    (
        "unknown-column",
        "WARNING TMP/c.csv row 1: column 'memo' is not a codebook column (id, path, codable, "
        "color, brief_definition, full_definition, when_to_use, when_not_to_use, examples, "
        "origin, status, themes); it was not read",
    ),
    ("bad-cell", "ERROR TMP/c.csv row 2, column 'status': 'done' is not draft, active or retired"),
)
def bad_cell(tmp: Path) -> Sequence[qcode.Issue]:
    return table(tmp, "path,status,memo\nA,done,x\n")


@fixture(
    (
        "trimmed-name",
        "WARNING TMP/c.csv row 3, column 'path': spaces around a name in 'Coping /Humour ' were "
        "removed: read as 'Coping/Humour'",
    ),
    (
        "bad-cell",
        "ERROR TMP/c.csv row 4, column 'Colour': 'red' is not a colour like #1A2B3C or #F00",
    ),
)
def trimmed_name(tmp: Path) -> Sequence[qcode.Issue]:
    return table(tmp, "path,Colour\nCoping,\nCoping /Humour ,#00FF00\nOther,red\n")


def _applied(book: qcode.Codebook) -> Sequence[qcode.Issue]:
    return qcode.ProjectBuilder.from_project(P).apply_codebook(book)


@fixture(
    ("codebook-updated", "INFO Findings: updated: brief_definition"),
    ("codebook-added", "INFO Peers: added"),
    (
        "not-in-codebook",
        "WARNING Findings/Bridge: not in the codebook; left as it is, with its codings",
    ),
    (
        "not-in-codebook",
        "WARNING Findings/Toll: not in the codebook; left as it is, with its codings",
    ),
    ("not-in-codebook", "WARNING Core tension: not in the codebook; left as it is"),
)
def codebook_applied(tmp: Path) -> Sequence[qcode.Issue]:
    peers = qcode.Code(id=U1, name="Peers")
    return _applied(
        qcode.Codebook(
            id=U1, name="c", codes=(evolve(FINDINGS, brief_definition="Changed."), peers)
        )
    )


@fixture(
    (
        "example-elsewhere",
        f"WARNING Findings: an example quotes excerpt {U1}, which this project does not hold; "
        "the example is kept",
    ),
    (
        "codebook-conflict",
        "WARNING Findings/Toll: the project has another code with this path (id "
        f"{TOLL.id}); the codebook's code (id {U1}) was not applied",
    ),
)
def codebook_conflict(tmp: Path) -> Sequence[qcode.Issue]:
    example = qcode.Example(text="Elsewhere", excerpt=U1)
    book = qcode.Codebook(
        id=U1,
        name="c",
        codes=(
            evolve(FINDINGS, examples=(example,)),
            BRIDGE,
            qcode.Code(id=U1, name="Toll", parent=FINDINGS.id),
            TOLL,
        ),
        themes=P.themes,
    )
    return [i for i in _applied(book) if i.code != "codebook-updated"]


@pytest.mark.parametrize("case", FIXTURES, ids=lambda f: f.name)
def test_each_fixture_gives_exactly_its_issues(case: Fixture, tmp_path: Path) -> None:
    issues = case.trigger(tmp_path)
    assert [(i.code, shown(i, tmp_path)) for i in issues] == list(case.expected)


def test_every_collected_code_has_a_fixture() -> None:
    covered = {code for case in FIXTURES for code, _ in case.expected}
    assert covered == collected().codes


# -- regions: every coordinate, both axes --------------------------------------------

AT = "$.sources[0].excerpts[0].anchor"
SWAPPED = "has its lower-right corner above or left of its upper-left corner"
PDF_SWAPPED = "has its top-right corner below or left of its bottom-left corner"


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        (
            qcode.PictureRegion(-1, 0, 5, 5),
            [(AT, "region (-1, 0, 5, 5) has a negative coordinate")],
        ),
        (
            qcode.PictureRegion(0, -1, 5, 5),
            [(AT, "region (0, -1, 5, 5) has a negative coordinate")],
        ),
        (
            qcode.PictureRegion(0, 0, -1, 5),
            [
                (AT, "region (0, 0, -1, 5) has a negative coordinate"),
                (AT, f"region (0, 0, -1, 5) {SWAPPED}"),
            ],
        ),
        (
            qcode.PictureRegion(0, 0, 5, -1),
            [
                (AT, "region (0, 0, 5, -1) has a negative coordinate"),
                (AT, f"region (0, 0, 5, -1) {SWAPPED}"),
            ],
        ),
        (qcode.PDFRegion(-1, 0, 0, 5, 5), [(f"{AT}.page", "page -1 is negative")]),
        (qcode.PDFRegion(0, -1, 0, 5, 5), [(AT, "region (-1, 0, 5, 5) has a negative coordinate")]),
        (qcode.PDFRegion(0, 0, -1, 5, 5), [(AT, "region (0, -1, 5, 5) has a negative coordinate")]),
        (
            qcode.PDFRegion(0, 0, 0, -1, 5),
            [
                (AT, "region (0, 0, -1, 5) has a negative coordinate"),
                (AT, f"region (0, 0, -1, 5) {PDF_SWAPPED}"),
            ],
        ),
        (
            qcode.PDFRegion(0, 0, 0, 5, -1),
            [
                (AT, "region (0, 0, 5, -1) has a negative coordinate"),
                (AT, f"region (0, 0, 5, -1) {PDF_SWAPPED}"),
            ],
        ),
        (qcode.PictureRegion(6, 0, 5, 5), [(AT, f"region (6, 0, 5, 5) {SWAPPED}")]),
        (qcode.PictureRegion(0, 6, 5, 5), [(AT, f"region (0, 6, 5, 5) {SWAPPED}")]),
        (qcode.PDFRegion(0, 6, 0, 5, 5), [(AT, f"region (6, 0, 5, 5) {PDF_SWAPPED}")]),
        (qcode.PDFRegion(0, 0, 6, 5, 5), [(AT, f"region (0, 6, 5, 5) {PDF_SWAPPED}")]),
    ],
    ids=[
        *(f"picture-{c}" for c in ("x1", "y1", "x2", "y2")),
        *(f"pdf-{c}" for c in ("page", "x1", "y1", "x2", "y2")),
        "picture-swapped-x",
        "picture-swapped-y",
        "pdf-swapped-x",
        "pdf-swapped-y",
    ],
)
def test_every_region_coordinate_is_checked(
    region: qcode.PictureRegion | qcode.PDFRegion, expected: list[tuple[str, str]]
) -> None:
    issues = qcode.validate(picture(region))
    assert [(i.severity, i.code, i.path, i.message) for i in issues] == [
        (qcode.Severity.ERROR, "region-invalid", path, message) for path, message in expected
    ]


# -- ids and references: every object, not only the first ----------------------------


def ids(first: int, count: int) -> list[uuid.UUID]:
    return [uuid.UUID(int=first + i) for i in range(count)]


def references_to_later_objects() -> qcode.Project:
    """A project in which every kind of reference points at the last of several objects
    that could be meant: the second user, variable, note..., the third code."""
    users, variables, notes, themes, sources = (ids(10 * k, 2) for k in range(1, 6))
    codes, excerpts, transcripts, syncs, vertices = (ids(10 * k, 3) for k in range(6, 11))
    audit = qcode.Audit(created_by=users[1], modified_by=users[1])
    coding = qcode.Coding(id=uuid.UUID(int=200), code=codes[2], coder=users[1])
    value = qcode.VariableValue(variable=variables[1], value="x")
    text = qcode.Source(
        id=sources[0],
        name="Text",
        content=qcode.TextContent(text="Hello world"),
        excerpts=tuple(qcode.Excerpt(id=e, anchor=qcode.TextSpan(0, 5)) for e in excerpts),
        codings=(coding,),
        values=(value,),
        note_refs=(notes[1],),
        audit=audit,
    )
    points = tuple(qcode.SyncPoint(id=s, time=0) for s in syncs)
    spoken = [
        qcode.Transcript(id=t, text="Hi.", sync_points=points if t == transcripts[2] else ())
        for t in transcripts
    ]
    span = qcode.TranscriptSpan(transcript=transcripts[2], from_sync=syncs[1], to_sync=syncs[2])
    recording = qcode.Source(
        id=sources[1],
        name="Talk",
        content=qcode.AudioContent(transcripts=tuple(spoken)),
        excerpts=(qcode.Excerpt(id=uuid.UUID(int=201), anchor=span),),
    )
    example = qcode.Example(text="Hello", excerpt=excerpts[2])
    return qcode.Project(
        name="Later objects",
        audit=audit,
        users=tuple(qcode.User(id=u, name=f"User {u.int}") for u in users),
        variables=tuple(qcode.Variable(id=v, name=f"Variable {v.int}") for v in variables),
        cases=(
            qcode.Case(
                id=uuid.UUID(int=202),
                label="P1",
                values=(value,),
                sources=(sources[1],),
                excerpts=(excerpts[2],),
                codes=(codes[2],),
            ),
        ),
        codes=(
            qcode.Code(id=codes[0], name="A"),
            qcode.Code(id=codes[1], name="B"),
            qcode.Code(id=codes[2], name="C", parent=codes[1], examples=(example,)),
        ),
        themes=(
            qcode.Theme(id=themes[0], name="T1", parent=themes[1], codes=(codes[2],)),
            qcode.Theme(id=themes[1], name="T2"),
        ),
        sources=(text, recording),
        notes=tuple(qcode.Note(id=n, text="memo") for n in notes),
        links=(qcode.Link(id=uuid.UUID(int=203), origin=excerpts[2], target=notes[1]),),
        sets=(
            qcode.Set(
                id=uuid.UUID(int=204),
                name="S",
                codes=(codes[2],),
                sources=(sources[1],),
                notes=(notes[1],),
            ),
        ),
        graphs=(
            qcode.Graph(
                id=uuid.UUID(int=205),
                vertices=tuple(
                    qcode.Vertex(
                        id=v, x1=0, y1=0, represents=codes[2] if v == vertices[2] else None
                    )
                    for v in vertices
                ),
                edges=(
                    qcode.Edge(
                        id=uuid.UUID(int=206),
                        source=vertices[1],
                        target=vertices[2],
                        represents=sources[1],
                    ),
                ),
            ),
        ),
    )


def test_references_to_any_object_of_a_kind_resolve() -> None:
    assert qcode.validate(references_to_later_objects()) == ()


def test_a_reference_resolves_to_the_object_of_its_kind_whatever_came_first() -> None:
    shared = uuid.UUID(int=7)
    project = evolve(
        P,
        users=(*P.users, qcode.User(id=shared, name="Ana")),
        notes=(*P.notes, qcode.Note(id=shared, text="memo")),
        codes=(*P.codes, qcode.Code(id=shared, name="Later")),
        themes=(evolve(P.themes[0], codes=(*P.themes[0].codes, shared)),),
    )
    assert [str(i) for i in qcode.validate(project)] == [
        f"WARNING $.codes[3]: id {shared} is shared with user 'Ana' at $.users[1]",
        f"WARNING $.notes[1]: id {shared} is shared with user 'Ana' at $.users[1]",
    ]
    unmatched = evolve(project, codes=P.codes)
    assert [str(i) for i in qcode.validate(unmatched)] == [
        f"WARNING $.notes[1]: id {shared} is shared with user 'Ana' at $.users[1]",
        f"ERROR $.themes[0].codes[2]: id {shared} is user 'Ana', not a code",
    ]


def test_two_objects_of_a_kind_share_an_id_even_after_another_kind() -> None:
    shared = uuid.UUID(int=7)
    project = qcode.Project(
        name="p",
        users=(qcode.User(id=shared, name="Ana"),),
        codes=tuple(qcode.Code(id=shared, name=name) for name in ("A", "B", "C")),
    )
    assert [str(i) for i in qcode.validate(project)] == [
        f"WARNING $.codes[0]: id {shared} is shared with user 'Ana' at $.users[0]",
        f"ERROR $.codes[1]: id {shared} is already used by code 'A' at $.codes[0]",
        f"ERROR $.codes[2]: id {shared} is already used by code 'A' at $.codes[0]",
    ]


# -- names: every kind that has one, blank or missing --------------------------------

NAMED: dict[str, tuple[Callable[[str | None], qcode.Project], str, str]] = {
    "project": (lambda blank: changed(name=blank), "$.name", "the project has no name"),
    "codes": (
        lambda blank: with_codes(FINDINGS, evolve(BRIDGE, name=blank), TOLL),
        "$.codes[1].name",
        "a code has no name",
    ),
    "themes": (
        lambda blank: changed(themes=(evolve(P.themes[0], name=blank),)),
        "$.themes[0].name",
        "a theme has no name",
    ),
    "sources": (
        lambda blank: changed(sources=(evolve(SOURCE_0, name=blank),)),
        "$.sources[0].name",
        "a source has no name",
    ),
    "variables": (
        lambda blank: changed(variables=(evolve(P.variables[0], name=blank),)),
        "$.variables[0].name",
        "a variable has no name",
    ),
    "sets": (
        lambda blank: changed(sets=(qcode.Set(id=U1, name=blank, codes=(BRIDGE.id,)),)),
        "$.sets[0].name",
        "a set has no name",
    ),
    "participants": (
        lambda blank: changed(cases=(evolve(P.cases[0], label=blank),)),
        "$.cases[0].label",
        "a participant has no label",
    ),
}


def test_the_named_kinds_are_every_list_whose_items_need_a_name() -> None:
    hints = typing.get_type_hints(qcode.Project)
    needing = {
        field
        for field, hint in hints.items()
        if typing.get_origin(hint) is tuple
        and attrs.has(typing.get_args(hint)[0])
        and typing.get_type_hints(typing.get_args(hint)[0]).get("name") is str
    }
    assert hints["name"] is str
    assert needing == set(NAMED) - {"project", "participants"}


@pytest.mark.parametrize("blank", ["", " ", "   ", "\t\n", "\u00a0"])
@pytest.mark.parametrize("kind", list(NAMED))
def test_a_blank_name_is_missing_for_every_kind(kind: str, blank: str) -> None:
    make, path, message = NAMED[kind]
    assert [(i.severity, i.code, i.path, i.message) for i in qcode.validate(make(blank))] == [
        (qcode.Severity.ERROR, "missing-name", path, message)
    ]


def test_a_participant_without_a_label_has_a_missing_name_but_other_cases_need_none() -> None:
    make, path, message = NAMED["participants"]
    assert [(i.code, i.path, i.message) for i in qcode.validate(make(None))] == [
        ("missing-name", path, message)
    ]
    site = evolve(P.cases[0], kind="site", label=None)
    assert qcode.validate(changed(cases=(site,))) == ()


# -- the order of validate's issues --------------------------------------------------


def test_issues_come_sorted_by_path_with_list_positions_as_numbers() -> None:
    extra = tuple(qcode.Code(id=uuid.UUID(int=i), name=f"Extra {i}") for i in range(3, 10))
    last = qcode.Code(id=uuid.UUID(int=10), name="", color="red")
    theme = P.themes[0]
    project = with_excerpt(anchor=qcode.TextSpan(40, 36), quote=None)
    project = evolve(
        project,
        name=" ",
        audit=qcode.Audit(created_at=dt.datetime(2023, 1, 2, 3, 4)),
        cases=(evolve(P.cases[0], label=None),),
        codes=(FINDINGS, BRIDGE, evolve(TOLL, color="red"), *extra, last),
        themes=(evolve(theme, codes=(*theme.codes, U1)),),
    )
    assert [(i.code, i.path) for i in qcode.validate(project)] == [
        ("naive-timestamp", "$.audit.created_at"),
        ("missing-name", "$.cases[0].label"),
        ("invalid-color", "$.codes[2].color"),
        ("invalid-color", "$.codes[10].color"),
        ("missing-name", "$.codes[10].name"),
        ("missing-name", "$.name"),
        ("span-order", "$.sources[0].excerpts[0].anchor.end"),
        ("span-out-of-range", "$.sources[0].excerpts[0].anchor.end"),
        ("unresolved-reference", "$.themes[0].codes[2]"),
    ]
