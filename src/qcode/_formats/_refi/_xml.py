"""Safe XML parsing, REFI-QDA namespaces, and validation against the bundled schemas."""

from __future__ import annotations

import functools
import re
from collections import Counter, OrderedDict
from collections.abc import Callable
from importlib import resources
from typing import Literal, TypedDict

from lxml import etree

from qcode._issues import Issue, ReadError, Severity

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
Kind = Literal["project", "codebook"]

_NAMESPACES: dict[str, tuple[Kind, str]] = {
    PROJECT_NS: ("project", "1.0"),
    "urn:QDA-XML:project:1:0": ("project", "1:0"),
    "urn:QDA-XML:project:0:10": ("project", "0:10"),
    CODEBOOK_NS: ("codebook", "1.0"),
    "urn:QDA-XML:codebook:1:0": ("codebook", "1:0"),
    "urn:QDA-XML:codebook:0:4": ("codebook", "0:4"),
}
_ROOTS: dict[str, Kind] = {"Project": "project", "CodeBook": "codebook"}
_BOM = b"\xef\xbb\xbf"
_DOCTYPE = re.compile(rb"(?:\s|<\?(?:[^?]|\?(?!>))*\?>|<!--(?:[^-]|-(?!->))*-->)*<!DOCTYPE")
"""A DTD after what may come before it (spaces, processing instructions, comments), each
part matched one way only: lazy ``.*?`` could also stretch over several comments, and a
file of 40 comments and no DTD then took days to tell."""
_DTD_REFUSED = (
    "the XML declares a DTD (<!DOCTYPE ...>), which REFI-QDA never uses and which can "
    "expand entities or fetch files; qcode refuses it"
)
_NS_PART = re.compile(r"\{[^{}]*:[^{}]*\}")
"""A namespace in Clark notation (``{urn:QDA-XML:project:1.0}``); a pattern's ``{6}`` holds
no colon, and stays."""
_PREFIXED_STEP = re.compile(r"(?<=/)[A-Za-z_][\w.-]*:([A-Za-z_][\w.-]*)")
"""A step of a libxml2 error path in another namespace (``v:Thing``): its local name."""


class _Safe(TypedDict):
    resolve_entities: bool
    no_network: bool
    load_dtd: bool
    dtd_validation: bool
    attribute_defaults: bool
    huge_tree: bool
    remove_blank_text: bool


# Every hardening option is spelled out, whatever lxml's defaults are.
_SAFE = _Safe(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    attribute_defaults=False,
    huge_tree=False,
    remove_blank_text=False,
)
INLINE_LIMIT = 10_000_000
"""The most bytes one text or attribute inside XML may hold: libxml2, and so lxml and qcode,
stop there (the limit qcode's writers keep to)."""
_PLACE = re.compile(r", (line \d+, column \d+)$")
"""Where libxml2's message says the problem is."""
_STEP = 1 << 16
"""Bytes fed to the parser at a time when parsing in steps."""

Watcher = Callable[[str, etree._Element], None]
"""Called as ``watch("start" | "end", element)`` while a document is parsed in steps."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(**_SAFE)


def declares_dtd(data: bytes) -> bool:
    """Whether an XML document of another program (a workbook's part) declares a DTD
    anywhere, in UTF-8 or UTF-16: such a part is refused whole rather than parsed by a
    parser qcode does not configure."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        data = data.decode("utf-16", "replace").encode("utf-8")
    return b"<!DOCTYPE" in data


def parse(
    data: bytes,
    file: str,
    report: list[Issue],
    watch: Watcher | None = None,
    tags: tuple[str, ...] = (),
) -> etree._Element:
    """Parse untrusted XML: no DTDs, no entities, no network. A leading BOM is dropped
    (and reported); a DTD is refused.

    With ``watch``, the document is parsed in steps and ``watch`` hears the start and end
    of each element named in ``tags`` while the rest is still unread, so that the caller
    can read a large part as soon as it is complete and free it."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
        report.append(
            Issue(
                severity=Severity.WARNING,
                code="xml-bom",
                path="/",
                message="the XML starts with a byte-order mark (a read without strict drops it)",
                file=file,
            )
        )
    if _DOCTYPE.match(data[:65536]):
        raise ReadError(file, _DTD_REFUSED)
    try:
        if watch is None:
            root = etree.fromstring(data, _parser())
        else:
            root = _parse_in_steps(data, watch, tags)
    except etree.XMLSyntaxError as exc:
        # libxml2 ends some messages in a newline, advises an option qcode does not offer,
        # and repeats the place, given once here
        reason = re.sub(r"\s*\n\s*|,? (?:use|try) XML_PARSE_HUGE(?: option)?", "", exc.msg)
        said = _PLACE.search(reason)
        place = said.group(1) if said else f"line {exc.lineno}"
        reason = reason[: said.start()] if said else reason
        if reason.startswith("Resource limit exceeded"):
            raise ReadError(
                file,
                f"{reason[len('Resource limit exceeded: ') :]} ({place}): XML readers take at "
                f"most {INLINE_LIMIT:,} bytes in one text or attribute (a .qdpx keeps long "
                "texts in files)",
            ) from exc
        raise ReadError(file, f"not well-formed XML: {reason} ({place})") from exc
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise ReadError(file, _DTD_REFUSED)
    return root


def _parse_in_steps(data: bytes, watch: Watcher, tags: tuple[str, ...]) -> etree._Element:
    parser = etree.XMLPullParser(events=("start", "end"), tag=tags, **_SAFE)
    for offset in range(0, max(len(data), 1), _STEP):  # an empty document is fed too
        parser.feed(data[offset : offset + _STEP])
        for event, element in parser.read_events():
            watch(event, element)
    try:
        root: etree._Element = parser.close()
    except etree.XMLSyntaxError:  # some problems it names only "no element found (line 0)":
        etree.fromstring(data, _parser())  # the whole-document parser names them, and where
        raise
    return root


def identify(root: etree._Element, file: str, report: list[Issue]) -> Kind:
    """The document kind. A draft namespace is reported and rewritten to the standard one."""
    qname = etree.QName(root)
    kind = _ROOTS.get(qname.localname)
    if kind is None:
        raise ReadError(
            file,
            f"not a REFI-QDA file: the root element is <{qname.localname}>, "
            "not <Project> or <CodeBook>",
        )
    namespace = qname.namespace or ""
    known = _NAMESPACES.get(namespace)
    if known is None or known[0] != kind:
        raise ReadError(
            file,
            f"not a REFI-QDA file: <{qname.localname}> is in namespace {namespace!r}, "
            f"expected {PROJECT_NS if kind == 'project' else CODEBOOK_NS!r}",
        )
    if known[1] != "1.0":
        standard = PROJECT_NS if kind == "project" else CODEBOOK_NS
        report.append(
            Issue(
                severity=Severity.WARNING,
                code="draft-namespace",
                path=f"/{qname.localname}",
                message=f"namespace {namespace!r} is a draft; read as {standard!r}",
                file=file,
                line=root.sourceline,
            )
        )
        _standardise(root, namespace, standard)
    return kind


class ElementPaths:
    """Where elements of one document are, without namespaces
    (``/Project/Sources/TextSource[2]``), each found in time that does not grow with the
    siblings before it when they come in document order, as a reader meets them. (lxml's
    ``getelementpath`` counts them every time: a hostile file's 100,000 unknown elements,
    each reported, took a minute.) A few parents are remembered, each with the last child
    asked for and how many of each tag came up to it: more than the deepest tree the parser
    builds (libxml2 refuses one over 256 levels), so that every parent on one element's way
    to the root stays remembered (fewer made a path at depth 65 count its siblings again)."""

    _KEPT = 1024

    def __init__(self) -> None:
        self._parents: OrderedDict[etree._Element, _Siblings] = OrderedDict()

    def forget(self) -> None:
        """Forget the siblings counted: a document parsed in steps is whole now, and a
        parent counted while it was parsed may have more children."""
        self._parents.clear()

    def __call__(self, element: etree._Element) -> str:
        steps = []
        node, parent = element, element.getparent()
        while parent is not None:
            steps.append(self._step(parent, node))
            node, parent = parent, parent.getparent()
        return "/" + "/".join((etree.QName(node).localname, *reversed(steps)))

    def _step(self, parent: etree._Element, child: etree._Element) -> str:
        state = self._parents.get(parent)
        if state is None:
            state = self._parents[parent] = _Siblings(parent)
            if len(self._parents) > self._KEPT:
                self._parents.popitem(last=False)
        else:
            self._parents.move_to_end(parent)
        if not state.count_to(child):  # it comes before the last one asked for
            state.last, state.seen = None, Counter()
            state.count_to(child)
        tag = child.tag
        if state.seen[tag] > state.totals[tag]:  # the tree grew since (a parse in steps)
            state.totals[tag] = state.seen[tag]
        name = _NS_PART.sub("", str(tag))
        return name if state.totals[tag] == 1 else f"{name}[{state.seen[tag]}]"


class _Siblings:
    """A parent's children's tags (``totals``), the last child counted and the tags counted
    up to and with it (``seen``)."""

    def __init__(self, parent: etree._Element) -> None:
        self.parent = parent
        self.totals: Counter[object] = Counter(child.tag for child in parent)
        self.last: etree._Element | None = None
        self.seen: Counter[object] = Counter()

    def count_to(self, child: etree._Element) -> bool:
        """Count the tags from the last child counted on to ``child``; ``False`` where
        ``child`` is not after it."""
        if child is self.last:
            return True
        after = self.last.itersiblings() if self.last is not None else iter(self.parent)
        for node in after:
            self.seen[node.tag] += 1
            if node is child:
                self.last = child
                return True
        return False


@functools.cache
def schema(kind: Kind) -> etree.XMLSchema:
    """The official schema for projects or codebooks (shipped inside the package)."""
    name = "Project.xsd" if kind == "project" else "Codebook.xsd"
    data = resources.files("qcode").joinpath("schemas").joinpath("refi").joinpath(name)
    return etree.XMLSchema(etree.fromstring(data.read_bytes(), _parser()))


def schema_issues(root: etree._Element, kind: Kind, file: str, severity: Severity) -> list[Issue]:
    """Problems the official schema finds (call `identify` first, which standardises the
    namespace)."""
    checker = schema(kind)
    if checker.validate(root):
        return []
    paths = ElementPaths()
    return [
        Issue(
            severity=severity,
            code="schema",
            path=_where(root, entry.path, paths),
            message=_NS_PART.sub("", entry.message),
            file=file,
            line=entry.line,
        )
        for entry in checker.error_log
    ]


def _where(root: etree._Element, xpath: str | None, paths: ElementPaths) -> str:
    """The readable element path of a schema error (libxml2 gives ``/*/*[2]``, and a step
    in another namespace by a prefix the path cannot resolve: ``/*/*/v:Thing``)."""
    if not xpath:
        return "/"
    try:
        found = root.xpath(_PREFIXED_STEP.sub(r"*[local-name()='\1']", xpath))
    except etree.XPathError:
        return xpath
    if isinstance(found, list) and found and isinstance(found[0], etree._Element):
        return paths(found[0])
    return xpath


def _standardise(root: etree._Element, old: str, new: str) -> None:
    """Move every element from a draft namespace into the standard one, in place."""
    prefix, replacement = f"{{{old}}}", f"{{{new}}}"
    for element in root.iter(f"{prefix}*"):
        element.tag = replacement + str(element.tag)[len(prefix) :]
