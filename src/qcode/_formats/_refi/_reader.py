"""REFI-QDA XML (a project or a codebook) into the model, leniently, reporting everything.

The reader walks the lxml tree once. A project is usually read while it is parsed
(`ReadAhead`): each text source as soon as its element is complete, which is then freed,
so that the tree never holds every selection; the report comes out the same either way.
Per-element work is kept small because projects with tens of thousands of selections are
common: GUIDs are parsed once and cached, text offsets are converted only where the
dialects can disagree, and report paths are computed only for elements that are reported.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar
from uuid import UUID

from attrs import evolve
from lxml import etree

from qcode._formats._base import GUID, checked_uuid, parse_datetime
from qcode._formats._refi import _conventions as conv
from qcode._formats._refi import _definition, _offsets
from qcode._formats._refi._xml import CODEBOOK_NS, PROJECT_NS, element_path
from qcode._issues import Issue, Severity
from qcode._model import (
    AudioContent,
    Audit,
    Case,
    Code,
    Coding,
    Direction,
    Edge,
    Excerpt,
    Graph,
    LineStyle,
    Link,
    Note,
    PDFContent,
    PDFRegion,
    PictureContent,
    PictureRegion,
    Project,
    Set,
    Shape,
    Source,
    SyncPoint,
    TextContent,
    TextMeta,
    TextSpan,
    Theme,
    TimeSpan,
    Transcript,
    TranscriptSpan,
    User,
    Variable,
    VariableType,
    VariableValue,
    VendorData,
    Vertex,
    VideoContent,
)
from qcode._model._cases import Value
from qcode._model._codebook import in_tree_order

_T = TypeVar("_T")
TextLoader = Callable[[str, etree._Element], str | None]
"""Returns the text a ``plainTextPath`` names, or ``None`` if the file is not there."""

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_AUDIT = ("creatingUser", "creationDateTime", "modifyingUser", "modifiedDateTime")
_TYPES = {
    "Text": VariableType.TEXT,
    "Boolean": VariableType.BOOLEAN,
    "Integer": VariableType.INTEGER,
    "Float": VariableType.FLOAT,
    "Date": VariableType.DATE,
    "DateTime": VariableType.DATETIME,
}
_DIRECTIONS = {
    "Associative": Direction.ASSOCIATIVE,
    "OneWay": Direction.ONE_WAY,
    "Bidirectional": Direction.BIDIRECTIONAL,
}
_SHAPES = {
    "Person": Shape.PERSON,
    "Oval": Shape.OVAL,
    "Rectangle": Shape.RECTANGLE,
    "RoundedRectangle": Shape.ROUNDED_RECTANGLE,
    "Star": Shape.STAR,
    "LeftTriangle": Shape.LEFT_TRIANGLE,
    "RightTriangle": Shape.RIGHT_TRIANGLE,
    "UpTriangle": Shape.UP_TRIANGLE,
    "DownTriangle": Shape.DOWN_TRIANGLE,
    "Note": Shape.NOTE,
}
_LINE_STYLES = {"dotted": LineStyle.DOTTED, "dashed": LineStyle.DASHED, "solid": LineStyle.SOLID}
_HEX_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")
_RGB_FUNCTION = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,[^)]*)?\)\Z")
_FOLDER_NAMESPACE = uuid.UUID("5b8f0d4e-2f3a-5c61-8e7d-9a0b1c2d3e4f")

# Attributes each element may carry (besides xsi:*); anything else is vendor data.
_ATTRIBUTES: dict[str, frozenset[str]] = {
    name: frozenset(attrs.split())
    for name, attrs in {
        "Project": "name origin creatingUserGUID creationDateTime modifyingUserGUID "
        "modifiedDateTime basePath",
        "User": "guid name id",
        "Code": "guid name isCodable color",
        "Variable": "guid name typeOfVariable",
        "Case": "guid name",
        "TextSource": "guid name richTextPath plainTextPath " + " ".join(_AUDIT),
        "PlainTextSelection": "guid name startPosition endPosition " + " ".join(_AUDIT),
        "PictureSource": "guid name path currentPath " + " ".join(_AUDIT),
        "PictureSelection": "guid name firstX firstY secondX secondY " + " ".join(_AUDIT),
        "PDFSource": "guid name path currentPath " + " ".join(_AUDIT),
        "PDFSelection": "guid name page firstX firstY secondX secondY " + " ".join(_AUDIT),
        "AudioSource": "guid name path currentPath " + " ".join(_AUDIT),
        "VideoSource": "guid name path currentPath " + " ".join(_AUDIT),
        "AudioSelection": "guid name begin end " + " ".join(_AUDIT),
        "VideoSelection": "guid name begin end " + " ".join(_AUDIT),
        "Transcript": "guid name richTextPath plainTextPath " + " ".join(_AUDIT),
        "TranscriptSelection": "guid name fromSyncPoint toSyncPoint " + " ".join(_AUDIT),
        "SyncPoint": "guid timeStamp position",
        "Coding": "guid creatingUser creationDateTime",
        "Note": "guid name richTextPath plainTextPath " + " ".join(_AUDIT),
        "Link": "guid name direction color originGUID targetGUID",
        "Set": "guid name",
        "Graph": "guid name",
        "Vertex": "guid representedGUID name firstX firstY secondX secondY shape color",
        "Edge": "guid representedGUID name sourceVertex targetVertex color direction lineStyle",
        "CodeBook": "origin",
    }.items()
}


class _Spans:
    """Raw offsets of the PlainTextSelections under one text-holding element."""

    def __init__(self, text: str, element: etree._Element, ns: str) -> None:
        self.text = text
        self.pairs: list[tuple[int, int]] = []
        for selection in element.iterchildren(f"{ns}PlainTextSelection"):
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                continue
            self.pairs.append((start, end))


class ReadAhead:
    """Watches a project document as it is parsed (`parse` with ``watch``): when <Sources>
    opens, makes the reader and lets it read what comes before; then hands it each
    <TextSource> in <Sources> as soon as it is complete (`RefiReader.source_complete`)."""

    TAGS = (f"{{{PROJECT_NS}}}Sources", f"{{{PROJECT_NS}}}TextSource")
    """The elements to watch: documents in a draft namespace are simply read afterwards."""

    def __init__(self, reader_for: Callable[[etree._Element], RefiReader]) -> None:
        self._reader_for = reader_for
        self._reader: RefiReader | None = None
        self._sources: etree._Element | None = None

    def __call__(self, event: str, element: etree._Element) -> None:
        if event == "start":
            root = element.getparent()
            if (
                self._sources is None
                and element.tag == self.TAGS[0]
                and root is not None
                and root.getparent() is None
                and root.tag == f"{{{PROJECT_NS}}}Project"
            ):
                self._sources = element
                self._reader = self._reader_for(root)
                self._reader.sources_started(element)
        elif self._reader is not None and element.getparent() is self._sources:
            self._reader.source_complete(element)


class RefiReader:
    """Reads one REFI-QDA document. ``texts`` resolves ``plainTextPath`` values."""

    def __init__(
        self,
        root: etree._Element,
        *,
        file: str,
        texts: TextLoader,
        report: list[Issue],
        dialect: str | None = None,
        split_code_names: bool | None = None,
    ) -> None:
        self.root = root
        self.file = file
        self._texts = texts
        self.report = report
        self._dialect_override = dialect
        self._split = split_code_names
        self._guids: dict[str, UUID] = {}
        self._moments: dict[str, dt.datetime] = {}
        self._audits: dict[tuple[str | None, ...], tuple[Audit | None, int]] = {}
        self._vendor: list[VendorData] = []
        self._text_cache: dict[etree._Element, str] = {}
        self._reserved: dict[UUID, str] = {}
        self.ns = ""
        self._fields: dict[str, Any] = {}
        self._note_refs: list[UUID] = []
        # Reports of parts read before the walk reaches them, and text sources read early.
        self._held: dict[etree._Element, tuple[list[Issue], list[VendorData]]] = {}
        self._early: dict[etree._Element, Source] = {}
        # Text sources read early whose offsets the chosen dialect may read otherwise: their
        # selections' offsets as the file gives them, and each one's raw offsets.
        self._early_raw: dict[etree._Element, tuple[_Spans, list[tuple[int, int]]]] = {}
        self._dialect = _offsets.CODEPOINTS

    # -- reporting -------------------------------------------------------------------

    def _say(
        self, severity: Severity, code: str, element: etree._Element | None, message: str
    ) -> None:
        self.report.append(
            Issue(
                severity=severity,
                code=code,
                path=element_path(element) if element is not None else "/",
                message=message,
                file=self.file,
                line=element.sourceline if element is not None else None,
            )
        )

    def warn(self, code: str, element: etree._Element | None, message: str) -> None:
        self._say(Severity.WARNING, code, element, message)

    def note(self, code: str, element: etree._Element | None, message: str) -> None:
        self._say(Severity.INFO, code, element, message)

    # -- simple values ---------------------------------------------------------------

    def guid(self, value: str | None, element: etree._Element) -> UUID:
        """A GUID attribute as a UUID, whatever its case and braces; a malformed one gets a
        stable stand-in (reported) so that references to it still agree."""
        if value is None:
            self.warn("missing-guid", element, "the element has no guid; one was made up")
            return uuid.uuid4()
        found = self._guids.get(value)
        if found is not None:
            return found
        try:
            found = checked_uuid(value) if GUID.match(value) else UUID(value.strip().strip("{}"))
        except ValueError:
            found = uuid.uuid5(_FOLDER_NAMESPACE, value)
            self.warn("invalid-guid", element, f"{value!r} is not a GUID; read as {found}")
        self._guids[value] = found
        return found

    def optional_guid(self, value: str | None, element: etree._Element) -> UUID | None:
        return None if value is None else self.guid(value, element)

    def moment(self, value: str | None, element: etree._Element) -> dt.datetime | None:
        if value is None:
            return None
        found = self._moments.get(value)
        if found is not None:
            return found
        try:
            found = self._moments[value] = parse_datetime(value)
        except ValueError:
            self.warn("invalid-timestamp", element, f"{value!r} is not a timestamp; dropped")
            return None
        return found

    def integer(self, element: etree._Element, name: str, default: int | None = 0) -> int | None:
        value = element.get(name)
        if value is None:
            return default
        try:
            return int(value)
        except ValueError:
            self.warn("invalid-number", element, f"{name}={value!r} is not an integer")
            return default

    def audit(self, element: etree._Element) -> Audit | None:
        """The four audit attributes; equal ones share one (immutable) `Audit`."""
        return self.counted_audit(element)[0]

    def counted_audit(self, element: etree._Element) -> tuple[Audit | None, int]:
        """The element's `Audit`, and how many audit attributes it carries."""
        get = element.get
        key = (
            get("creatingUser"),
            get("creationDateTime"),
            get("modifyingUser"),
            get("modifiedDateTime"),
        )
        found = self._audits.get(key)
        if found is not None:
            return found
        created_by, created_at, modified_by, modified_at = key
        audit = None
        if key != (None, None, None, None):
            audit = Audit(
                created_by=self.optional_guid(created_by, element),
                created_at=self.moment(created_at, element),
                modified_by=self.optional_guid(modified_by, element),
                modified_at=self.moment(modified_at, element),
            )
        found = self._audits[key] = (audit, 4 - key.count(None))
        return found

    def color(self, element: etree._Element) -> str | None:
        value = element.get("color")
        if value is None or _HEX_COLOR.match(value):
            return value
        fixed = _normal_color(value)
        if fixed is None:
            self.warn("invalid-color", element, f"colour {value!r} is not understood; dropped")
        else:
            self.warn("color-normalised", element, f"colour {value!r} read as {fixed!r}")
        return fixed

    def vendor(self, element: etree._Element, owner: UUID | None, local: str) -> None:
        """Keep and report attributes this element may not carry."""
        allowed = _ATTRIBUTES[local]
        if allowed.issuperset(element.keys()):
            return
        for key, value in element.attrib.items():
            if key not in allowed and not key.startswith(_XSI):
                self._vendor.append(
                    VendorData(owner=owner, path=element_path(element), xml=f'{key}="{value}"')
                )
                self.warn(
                    "vendor-data",
                    element,
                    f"attribute {key!r} is not REFI-QDA; kept as vendor data",
                )

    def unknown_child(self, child: etree._Element, owner: UUID | None) -> None:
        if not isinstance(child.tag, str):
            return  # comments and processing instructions
        xml = etree.tostring(child, encoding="unicode", with_tail=False)
        self._vendor.append(VendorData(owner=owner, path=element_path(child), xml=xml))
        name = etree.QName(child).localname
        self.warn(
            "vendor-data", child, f"element <{name}> is not REFI-QDA here; kept as vendor data"
        )

    # -- texts and offsets -----------------------------------------------------------

    def text_of(self, element: etree._Element) -> str:
        """The plain text of a TextSourceType element: inline content or its file. Problems
        with it are reported here, even if it was read earlier to choose the dialect."""
        self._release(element)
        return self._text(element)

    def _text(self, element: etree._Element) -> str:
        cached = self._text_cache.get(element)
        if cached is not None:
            return cached
        content = element.find(f"{self.ns}PlainTextContent")
        text: str | None
        if content is not None:
            text = content.text or ""
        else:
            path = element.get("plainTextPath")
            text = None if path is None else self._texts(path, element)
            if text is None:
                where = f"file {path!r}" if path else "no plainTextPath or PlainTextContent"
                self.warn("missing-text", element, f"the text is missing ({where}); read as empty")
                text = ""
        self._text_cache[element] = text
        return text

    def origin(self) -> str | None:
        """The project's origin; a file qcode wrote also says which offsets it used."""
        value = self.root.get("origin")
        mark = conv.parse_origin(value)
        if mark is None:
            self._hint = _offsets.dialect_for_origin(value)
            self._origin = value
        else:
            self._hint = (
                mark.dialect,
                f"written by qcode {mark.version} with {mark.dialect} offsets",
            )
            self._origin = mark.origin
            if self._dialect_override is None:  # qcode says what it wrote: no guessing
                self._dialect_override = mark.dialect
        return self._origin

    def choose_dialect(self) -> None:
        """Pick the offset dialect for the whole file and report the choice and why."""
        ns = self.ns
        # The texts the walk reads that can hold selections: text sources, the embedded
        # texts of pictures and PDFs, and notes (exactly those: a text read here has its
        # problems reported when the walk reads it). Looking only there avoids walking
        # every selection of a large project.
        layers = {
            f"{ns}PictureSource": f"{ns}TextDescription",
            f"{ns}PDFSource": f"{ns}Representation",
        }
        holders = [
            n for c in self.root.iterchildren(f"{ns}Notes") for n in c.iterchildren(f"{ns}Note")
        ]
        for item in (i for c in self.root.iterchildren(f"{ns}Sources") for i in c):
            if item.tag == f"{ns}TextSource" and item not in self._early:
                holders.append(item)
            elif item.tag in layers:
                holders.extend(item.iterchildren(layers[item.tag]))
        texts = [(self._peek_text(h), h) for h in holders]
        spans = [_Spans(text, h, ns) for text, h in texts if _offsets.differs(text)]
        early = [found for found, _ in self._early_raw.values()]
        spans = [s for s in (*spans, *early) if s.pairs]
        by_origin, why = self._hint
        chosen = self._provisional()
        if chosen != by_origin:
            why = "chosen by the caller"
        if not spans:  # no text has emoji or CRLF: every dialect reads the same
            self._dialect = chosen
            return
        pairs = [(s.text, s.pairs) for s in spans]
        scores = {d: _offsets.plausibility(pairs, d) for d in _offsets.DIALECTS}
        best = max(_offsets.DIALECTS, key=lambda d: (scores[d], d == chosen))
        shown = ", ".join(f"{d} {scores[d]:.0%}" for d in _offsets.DIALECTS)
        if self._dialect_override is None and scores[best] > scores[chosen] + 0.1:
            self.warn(
                "offset-dialect",
                None,
                f"text offsets read as {best}, not {chosen} as the origin suggests ({why}), "
                f"because more selections then fall on word boundaries ({shown})",
            )
            chosen = best
        else:
            self.note(
                "offset-dialect",
                None,
                f"text offsets read as {chosen} ({why}); selections on word boundaries: {shown}",
            )
        self._dialect = chosen

    def _provisional(self) -> str:
        """The dialect the caller or the origin names, before the selections are seen."""
        return self._dialect_override or self._hint[0]

    def _peek_text(self, element: etree._Element) -> str:
        """A text read ahead of the walk, its problems kept until the walk reaches it."""
        cached = self._text_cache.get(element)
        return cached if cached is not None else self._hold(element, lambda: self._text(element))

    def spans_for(self, text: str) -> Callable[[int], int]:
        return _offsets.reader(text, self._dialect)

    # -- the project -----------------------------------------------------------------

    def _set_namespace(self, namespace: str) -> str:
        self.ns = f"{{{namespace}}}"
        self._code_ref = self.ns + "CodeRef"
        self._note_ref = self.ns + "NoteRef"
        return self.ns

    def project(self) -> Project:
        """The whole project. Parts already read while the document was parsed
        (`sources_started`, `source_complete`) are taken as read, their reports put back
        where the walk reaches them, so that the report is the same either way."""
        if self.root not in self._held:
            self._start()
        self._release(self.root)
        self.choose_dialect()
        for child in self.root:
            if child not in self._held:
                self._top(child)
            self._release(child)
        project = Project(**self._fields, note_refs=tuple(self._note_refs))
        project = self._fold_document_cases(project)
        return evolve(project, vendor_data=tuple(self._vendor))

    def sources_started(self, sources: etree._Element) -> None:
        """While parsing: <Sources> has opened, so everything before it is complete and is
        read now (text sources need the variables and users before them)."""
        self._hold(self.root, self._start)
        for child in self.root[: self.root.index(sources)]:
            self._hold(child, functools.partial(self._top, child))

    def source_complete(self, element: etree._Element) -> None:
        """While parsing: a <TextSource> in <Sources> is complete. It is read now, with the
        dialect the caller or the origin names, and its elements are freed, which spares
        the tree all its selections at once. Where the dialects differ on its text, its
        raw offsets are kept: the dialect is chosen from the whole document."""
        self._early[element] = self._hold(element, lambda: self._early_text_source(element))
        element.clear()
        del self._text_cache[element]

    def _early_text_source(self, element: etree._Element) -> Source:
        text = self._text(element)
        if not _offsets.differs(text):
            return self.text_source(element)
        raw: list[tuple[int, int]] = []
        self._early_raw[element] = (_Spans(text, element, self.ns), raw)
        return self.text_source(element, raw)

    def _as_chosen(self, element: etree._Element, source: Source) -> Source:
        """A source read early, its selections read again if another dialect was chosen."""
        early = self._early_raw.pop(element, None)
        if early is None or self._dialect == self._provisional():
            return source
        text, raw = early[0].text, early[1]
        convert = self.spans_for(text)
        excerpts = []
        for excerpt, (first, last) in zip(source.excerpts, raw, strict=True):
            start, end = convert(first), convert(last)
            quote = _quote(text, start, end)
            excerpts.append(evolve(excerpt, anchor=TextSpan(start, end), quote=quote))
        return evolve(source, excerpts=tuple(excerpts))

    def _hold(self, key: etree._Element, work: Callable[[], _T]) -> _T:
        """Do ``work`` now, but keep what it reports until the walk reaches ``key``."""
        issues, vendor = len(self.report), len(self._vendor)
        result = work()
        held_issues, held_vendor = self._held.setdefault(key, ([], []))
        held_issues.extend(self.report[issues:])
        held_vendor.extend(self._vendor[vendor:])
        del self.report[issues:], self._vendor[vendor:]
        return result

    def _release(self, key: etree._Element) -> None:
        held = self._held.pop(key, None)
        if held is not None:
            self.report.extend(held[0])
            self._vendor.extend(held[1])

    def _start(self) -> None:
        """The root element's own attributes."""
        self._set_namespace(PROJECT_NS)
        root = self.root
        self.vendor(root, None, "Project")
        fields = self._fields
        fields["origin"] = self.origin()
        self._dialect = self._provisional()  # for text sources read before the choice
        fields["name"] = root.get("name") or ""
        fields["base_path"] = root.get("basePath")
        get = root.get
        if any(
            get(a) is not None
            for a in (
                "creatingUserGUID",
                "creationDateTime",
                "modifyingUserGUID",
                "modifiedDateTime",
            )
        ):
            fields["audit"] = Audit(
                created_by=self.optional_guid(get("creatingUserGUID"), root),
                created_at=self.moment(get("creationDateTime"), root),
                modified_by=self.optional_guid(get("modifyingUserGUID"), root),
                modified_at=self.moment(get("modifiedDateTime"), root),
            )
        if not fields["name"]:
            self.warn("missing-name", root, "the project has no name")

    def _top(self, child: etree._Element) -> None:
        """One child of <Project>, into the project's fields."""
        containers: dict[str, tuple[str, Callable[[etree._Element], Any]]] = {
            "Users": ("users", self.users),
            "CodeBook": ("codes", self.codebook),
            "Variables": ("variables", self.variables),
            "Cases": ("cases", self.cases),
            "Sources": ("sources", self.sources),
            "Notes": ("notes", self.notes),
            "Links": ("links", self.links),
            "Graphs": ("graphs", self.graphs),
        }
        fields, tag = self._fields, str(child.tag)
        local = tag[len(self.ns) :] if tag.startswith(self.ns) else ""
        if local in containers:
            field, read = containers[local]
            fields[field] = read(child)
        elif local == "Sets":
            fields.update(self.sets(child, "targetGUID"))
        elif local == "Description":
            fields["description"] = child.text or ""
        elif local == "NoteRef":
            self._note_refs.append(self.guid(child.get("targetGUID"), child))
        else:
            self.unknown_child(child, None)

    def codebook_document(self, name: str) -> Project:
        """A standalone .qdc codebook as a project holding only codes and sets."""
        ns = self._set_namespace(CODEBOOK_NS)
        self.vendor(self.root, None, "CodeBook")
        fields: dict[str, Any] = {"name": name, "origin": self.origin()}
        for child in self.root:
            if child.tag == f"{ns}Codes":
                fields["codes"] = self.codes(child)
            elif child.tag == f"{ns}Sets":
                fields.update(self.sets(child, "guid"))
            else:
                self.unknown_child(child, None)
        return Project(**fields, vendor_data=tuple(self._vendor))

    def container(self, element: etree._Element, child: str) -> Iterator[etree._Element]:
        """The children of a container, reporting an empty one and any stranger inside."""
        tag = f"{self.ns}{child}"
        found = False
        for item in element:
            if item.tag == tag:
                found = True
                yield item
            else:
                self.unknown_child(item, None)
        if not found:
            name = etree.QName(element).localname
            self.warn("empty-container", element, f"<{name}> is empty (REFI-QDA needs one child)")

    def users(self, element: etree._Element) -> tuple[User, ...]:
        users = []
        for item in self.container(element, "User"):
            user = User(
                id=self.guid(item.get("guid"), item), name=item.get("name"), login=item.get("id")
            )
            self.vendor(item, user.id, "User")
            users.append(user)
        return tuple(users)

    def codebook(self, element: etree._Element) -> tuple[Code, ...]:
        codes: tuple[Code, ...] = ()
        for child in element:
            if child.tag == f"{self.ns}Codes":
                codes = self.codes(child)
            else:
                self.unknown_child(child, None)
        return codes

    def codes(self, element: etree._Element) -> tuple[Code, ...]:
        codes: list[Code] = []
        for item in self.container(element, "Code"):
            self._code(item, None, codes)
        nested = any(code.parent is not None for code in codes)
        split = self._split if self._split is not None else not nested
        if split and any("::" in code.name for code in codes):
            return self._split_names(element, codes)
        return tuple(codes)

    def _code(self, element: etree._Element, parent: UUID | None, out: list[Code]) -> None:
        ns = self.ns
        code_id = self.guid(element.get("guid"), element)
        self.vendor(element, code_id, "Code")
        description: str | None = None
        note_refs: list[UUID] = []
        children = []
        for child in element:
            tag = child.tag
            if tag == f"{ns}Description":
                description = child.text or ""
            elif tag == f"{ns}NoteRef":
                note_refs.append(self.guid(child.get("targetGUID"), child))
            elif tag == f"{ns}Code":
                children.append(child)
            else:
                self.unknown_child(child, code_id)
        codable = element.get("isCodable", "true").strip() in ("true", "1")
        name = element.get("name")
        if not name:
            self.warn("missing-name", element, "a code has no name")
        out.append(
            Code(
                id=code_id,
                name=name or "",
                parent=parent,
                codable=codable,
                color=self.color(element),
                note_refs=tuple(note_refs),
                **_definition.parse(description),
            )
        )
        for child in children:
            self._code(child, code_id, out)

    def _split_names(self, element: etree._Element, codes: list[Code]) -> tuple[Code, ...]:
        """ATLAS.ti 8 writes a hierarchy as names like ``Coke::diet Coke``: make it a tree."""
        by_path: dict[tuple[str, ...], UUID] = {
            (code.name,): code.id for code in codes if "::" not in code.name
        }
        result: list[Code] = []
        made: list[Code] = []
        for code in codes:
            parts = tuple(part.strip() for part in code.name.split("::"))
            if len(parts) == 1 or not all(parts):
                result.append(code)
                continue
            parent: UUID | None = None
            for depth in range(1, len(parts)):
                key = parts[:depth]
                if key not in by_path:
                    folder = Code(
                        id=uuid.uuid5(_FOLDER_NAMESPACE, "::".join(key)),
                        name=key[-1],
                        parent=parent,
                        codable=False,
                    )
                    made.append(folder)
                    by_path[key] = folder.id
                parent = by_path[key]
            result.append(evolve(code, name=parts[-1], parent=parent))
        self.warn(
            "code-names-split",
            element,
            f"code names with '::' were read as a hierarchy ({len(made)} folder code(s) added); "
            "pass split_code_names=False to keep the names as written",
        )
        return in_tree_order((*made, *result))

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
                    description=None if description is None else description.text or "",
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
                if child.tag == f"{ns}VariableRef":
                    continue
                value = self._value(child)
            name = self._reserved.get(variable)
            if name is not None:
                reserved[name] = value if isinstance(value, str) else str(value)
            else:
                values.append(VariableValue(variable, value))
        return tuple(values), reserved

    def _value(self, element: etree._Element) -> Value | None:
        local = etree.QName(element).localname
        raw = element.text or ""
        try:
            if local == "TextValue":
                return raw
            if local == "BooleanValue":
                return raw.strip() in ("true", "1")
            if local == "IntegerValue":
                return int(raw)
            if local == "FloatValue":
                return float(Decimal(raw.strip()))
            if local == "DateValue":
                return dt.date.fromisoformat(raw.strip())
            if local == "DateTimeValue":
                return parse_datetime(raw.strip())
        except (ValueError, InvalidOperation):
            self.warn("invalid-value", element, f"<{local}> {raw!r} cannot be read; dropped")
            return None
        self.unknown_child(element, None)
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
                    description = child.text or ""
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

    # -- sources ---------------------------------------------------------------------

    def sources(self, element: etree._Element) -> tuple[Source, ...]:
        ns = self.ns
        readers = {
            f"{ns}TextSource": self.text_source,
            f"{ns}PictureSource": self.picture_source,
            f"{ns}PDFSource": self.pdf_source,
            f"{ns}AudioSource": self.recording_source,
            f"{ns}VideoSource": self.recording_source,
        }
        sources = []
        for item in element:
            early = self._early.pop(item, None)
            read = readers.get(item.tag)  # type: ignore[arg-type]
            if early is not None:
                self._release(item)
                sources.append(self._as_chosen(item, early))
            elif read is None:
                self.unknown_child(item, None)
            else:
                sources.append(read(item))
        if not sources:
            self.warn("empty-container", element, "<Sources> is empty (REFI-QDA needs one child)")
        return tuple(sources)

    def _source(
        self,
        element: etree._Element,
        content: Any,
        excerpts: list[Excerpt],
        parts: dict[str, list[etree._Element]],
    ) -> Source:
        source_id = self.guid(element.get("guid"), element)
        ns = self.ns
        values, reserved = self.values(parts.get(f"{ns}VariableValue", []))
        description = parts.get(f"{ns}Description")
        name = element.get("name")
        if not name:
            self.warn("missing-name", element, "a source has no name")
        return Source(
            id=source_id,
            name=name or "",
            kind=reserved.get(conv.SOURCE_KIND, conv.DEFAULT_SOURCE_KIND),
            description=None if not description else description[0].text or "",
            values=values,
            codings=self.codings(parts.get(f"{ns}Coding", [])),
            note_refs=self.refs(parts.get(f"{ns}NoteRef", [])),
            audit=self.audit(element),
            content=content,
            excerpts=tuple(excerpts),
        )

    def _parts(
        self, element: etree._Element, owner_local: str, known: tuple[str, ...]
    ) -> dict[str, list[etree._Element]]:
        """The element's children by tag; unknown ones are vendor data."""
        ns = self.ns
        allowed = {f"{ns}{name}" for name in known}
        parts: dict[str, list[etree._Element]] = defaultdict(list)
        owner = None
        for child in element:
            tag = child.tag
            if tag in allowed:
                parts[tag].append(child)
            else:
                owner = owner or self.guid(element.get("guid"), element)
                self.unknown_child(child, owner)
        self.vendor(element, None, owner_local)
        return parts

    _TEXT_PARTS = (
        "Description",
        "PlainTextContent",
        "PlainTextSelection",
        "Coding",
        "NoteRef",
        "VariableValue",
    )

    def text_source(
        self, element: etree._Element, raw: list[tuple[int, int]] | None = None
    ) -> Source:
        """A text source; ``raw`` collects each selection's offsets as the file gives them."""
        text = self.text_of(element)
        parts = self._parts(element, "TextSource", self._TEXT_PARTS)
        selections = parts.get(f"{self.ns}PlainTextSelection", [])
        excerpts = self.text_selections(selections, text, raw)
        content = TextContent(text=text, path=element.get("richTextPath"))
        return self._source(element, content, excerpts, parts)

    def text_selections(
        self,
        elements: list[etree._Element],
        text: str,
        raw: list[tuple[int, int]] | None = None,
    ) -> list[Excerpt]:
        """PlainTextSelections: the hot path of large projects, read with as little per
        element as possible. The quote is filled in from the text, for scripts' sake."""
        convert = self.spans_for(text)
        coding_tag = self.ns + "Coding"
        guid, coding, counted_audit = self.guid, self.coding, self.counted_audit
        excerpts = []
        for item in elements:
            get = item.get
            value = get("guid")
            # Selection GUIDs are unique: parse them straight away, no cache.
            excerpt_id = checked_uuid(value) if value and GUID.match(value) else guid(value, item)
            name = get("name")
            audit, known = counted_audit(item)
            try:
                first, last = int(get("startPosition", "")), int(get("endPosition", ""))
            except (TypeError, ValueError):
                first = self.integer(item, "startPosition") or 0
                last = self.integer(item, "endPosition") or 0
                known = -1  # let `vendor` look at every attribute
            start, end = convert(first), convert(last)
            if raw is not None:
                raw.append((first, last))
            # Every attribute a selection may carry has been read; counting them is much
            # cheaper than listing the element's attributes, which only vendor data needs.
            known += 2 + (value is not None) + (name is not None)
            if len(item.attrib) != known:
                self.vendor(item, excerpt_id, "PlainTextSelection")
            description = None
            codings: tuple[Coding, ...] = ()
            note_refs: tuple[UUID, ...] = ()
            if len(item) == 1 and (child := item[0]).tag == coding_tag:  # the common case
                found = coding(child)
                if found is not None:
                    codings = (found,)
            elif len(item):
                description, codings, note_refs = self._selection_children(item, excerpt_id)
            excerpts.append(
                Excerpt(
                    id=excerpt_id,
                    anchor=TextSpan(start, end),
                    name=name,
                    quote=_quote(text, start, end),
                    description=description,
                    codings=codings,
                    note_refs=note_refs,
                    audit=audit,
                )
            )
        return excerpts

    def _selection_children(
        self, item: etree._Element, owner: UUID
    ) -> tuple[str | None, tuple[Coding, ...], tuple[UUID, ...]]:
        """A text selection's description, codings and note references."""
        ns = self.ns
        coding_tag, description_tag, note_tag = ns + "Coding", ns + "Description", ns + "NoteRef"
        description = None
        codings = []
        note_refs = []
        for child in item:
            tag = child.tag
            if tag == coding_tag:
                found = self.coding(child)
                if found is not None:
                    codings.append(found)
            elif tag == description_tag:
                description = child.text or ""
            elif tag == note_tag:
                note_refs.append(self.guid(child.get("targetGUID"), child))
            else:
                self.unknown_child(child, owner)
        return description, tuple(codings), tuple(note_refs)

    def excerpt(
        self,
        element: etree._Element,
        anchor: Any,
        local: str,
        extra: tuple[str, ...] = (),
        quote: str | None = None,
    ) -> Excerpt:
        ns = self.ns
        excerpt_id = self.guid(element.get("guid"), element)
        self.vendor(element, excerpt_id, local)
        description = None
        codings: list[etree._Element] = []
        note_refs: list[etree._Element] = []
        quote_meta: TextMeta | None = None
        for child in element:
            tag = child.tag
            if tag == f"{ns}Coding":
                codings.append(child)
            elif tag == f"{ns}Description":
                description = child.text or ""
            elif tag == f"{ns}NoteRef":
                note_refs.append(child)
            elif tag == f"{ns}Representation" and "Representation" in extra:
                quote = self.text_of(child)
                quote_meta = self.text_meta(child, excerpt_id)
                self._not_carried_in_text(child)
            else:
                self.unknown_child(child, excerpt_id)
        return Excerpt(
            id=excerpt_id,
            anchor=anchor,
            name=element.get("name"),
            quote=quote,
            quote_meta=quote_meta,
            description=description,
            codings=self.codings(codings),
            note_refs=self.refs(note_refs),
            audit=self.audit(element),
        )

    def text_meta(self, element: etree._Element, owner: UUID) -> TextMeta | None:
        """The identity of an embedded text, unless it is one qcode made up on export."""
        meta = TextMeta(
            id=self.guid(element.get("guid"), element),
            name=element.get("name"),
            path=element.get("richTextPath"),
            audit=self.audit(element),
        )
        if meta == TextMeta(id=conv.layer_guid(owner)):
            return None
        return meta

    def _not_carried_in_text(self, element: etree._Element) -> None:
        """An embedded text's own codings, notes and values have no place in qcode."""
        ns = self.ns
        for child in element:
            if child.tag in (
                f"{ns}Coding",
                f"{ns}NoteRef",
                f"{ns}VariableValue",
                f"{ns}Description",
            ):
                self.unknown_child(child, None)

    def embedded_text(
        self, element: etree._Element, owner: UUID
    ) -> tuple[str, TextMeta | None, list[Excerpt]]:
        """A TextDescription or Representation: its text, identity and coded selections."""
        text = self.text_of(element)
        self.vendor(element, None, "TextSource")
        selections = [c for c in element if c.tag == f"{self.ns}PlainTextSelection"]
        self._not_carried_in_text(element)
        return text, self.text_meta(element, owner), self.text_selections(selections, text)

    def _source_id(self, element: etree._Element) -> UUID:
        return self.guid(element.get("guid"), element)

    def picture_source(self, element: etree._Element) -> Source:
        parts = self._parts(
            element,
            "PictureSource",
            (
                "Description",
                "TextDescription",
                "PictureSelection",
                "Coding",
                "NoteRef",
                "VariableValue",
            ),
        )
        text: str | None = None
        meta: TextMeta | None = None
        excerpts: list[Excerpt] = []
        for description in parts.get(f"{self.ns}TextDescription", []):
            text, meta, excerpts = self.embedded_text(description, self._source_id(element))
        for item in parts.get(f"{self.ns}PictureSelection", []):
            region = PictureRegion(
                *(self.integer(item, a) or 0 for a in ("firstX", "firstY", "secondX", "secondY"))
            )
            excerpts.append(self.excerpt(item, region, "PictureSelection"))
        content = PictureContent(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            text=text,
            text_meta=meta,
        )
        return self._source(element, content, excerpts, parts)

    def pdf_source(self, element: etree._Element) -> Source:
        parts = self._parts(
            element,
            "PDFSource",
            ("Description", "PDFSelection", "Representation", "Coding", "NoteRef", "VariableValue"),
        )
        excerpts: list[Excerpt] = []
        for item in parts.get(f"{self.ns}PDFSelection", []):
            region = PDFRegion(
                *(
                    self.integer(item, a) or 0
                    for a in ("page", "firstX", "firstY", "secondX", "secondY")
                )
            )
            excerpts.append(self.excerpt(item, region, "PDFSelection", ("Representation",)))
        text: str | None = None
        meta: TextMeta | None = None
        for representation in parts.get(f"{self.ns}Representation", []):
            text, meta, selections = self.embedded_text(representation, self._source_id(element))
            excerpts.extend(selections)
        content = PDFContent(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            text=text,
            text_meta=meta,
        )
        return self._source(element, content, excerpts, parts)

    def recording_source(self, element: etree._Element) -> Source:
        ns = self.ns
        video = element.tag == f"{ns}VideoSource"
        local = "VideoSource" if video else "AudioSource"
        selection = "VideoSelection" if video else "AudioSelection"
        parts = self._parts(
            element,
            local,
            ("Description", "Transcript", selection, "Coding", "NoteRef", "VariableValue"),
        )
        excerpts: list[Excerpt] = []
        transcripts = []
        for item in parts.get(f"{ns}Transcript", []):
            transcript, spans = self.transcript(item)
            transcripts.append(transcript)
            excerpts.extend(spans)
        for item in parts.get(f"{ns}{selection}", []):
            span = TimeSpan(self.integer(item, "begin") or 0, self.integer(item, "end") or 0)
            excerpts.append(self.excerpt(item, span, selection))
        kind = VideoContent if video else AudioContent
        content = kind(
            path=element.get("path"),
            current_path=element.get("currentPath"),
            transcripts=tuple(transcripts),
        )
        return self._source(element, content, excerpts, parts)

    def transcript(self, element: etree._Element) -> tuple[Transcript, list[Excerpt]]:
        ns = self.ns
        parts = self._parts(
            element,
            "Transcript",
            ("Description", "PlainTextContent", "SyncPoint", "TranscriptSelection", "NoteRef"),
        )
        transcript_id = self.guid(element.get("guid"), element)
        syncs = []  # id, time, position in the file's dialect
        for item in parts.get(f"{ns}SyncPoint", []):
            self.vendor(item, None, "SyncPoint")
            syncs.append(
                (
                    self.guid(item.get("guid"), item),
                    self.integer(item, "timeStamp", None),
                    self.integer(item, "position", None),
                )
            )
        spans = [
            self.excerpt(
                item,
                TranscriptSpan(
                    transcript=transcript_id,
                    from_sync=self.optional_guid(item.get("fromSyncPoint"), item),
                    to_sync=self.optional_guid(item.get("toSyncPoint"), item),
                ),
                "TranscriptSelection",
            )
            for item in parts.get(f"{ns}TranscriptSelection", [])
        ]
        description = parts.get(f"{ns}Description")
        text = self.text_of(element)
        convert = self.spans_for(text)
        transcript = Transcript(
            id=transcript_id,
            text=text,
            name=element.get("name"),
            description=None if not description else description[0].text or "",
            sync_points=tuple(
                SyncPoint(id=i, time=time, position=None if at is None else convert(at))
                for i, time, at in syncs
            ),
            path=element.get("richTextPath"),
            note_refs=self.refs(parts.get(f"{ns}NoteRef", [])),
            audit=self.audit(element),
        )
        return transcript, spans

    def codings(self, elements: list[etree._Element]) -> tuple[Coding, ...]:
        found = [self.coding(element) for element in elements]
        return tuple([coding for coding in found if coding is not None])

    def coding(self, element: etree._Element) -> Coding | None:
        get = element.get
        guids, moments = self._guids, self._moments
        value = get("guid")
        coding_id = (
            checked_uuid(value) if value and GUID.match(value) else self.guid(value, element)
        )
        user = get("creatingUser")
        when = get("creationDateTime")
        # As for selections: count the attributes read rather than list the element's.
        known = (value is not None) + (user is not None) + (when is not None)
        if len(element.attrib) != known:
            self.vendor(element, coding_id, "Coding")
        code: UUID | None = None
        note_refs: list[UUID] = []
        if len(element) == 1 and (child := element[0]).tag == self._code_ref:  # common case
            value = child.get("targetGUID")
            code = guids.get(value) if value else None
            if code is None:
                code = self.guid(value, child)
        else:
            for child in element:
                tag = child.tag
                if tag == self._code_ref:
                    value = child.get("targetGUID")
                    code = self.guid(value, child)
                elif tag == self._note_ref:
                    note_refs.append(self.guid(child.get("targetGUID"), child))
                else:
                    self.unknown_child(child, coding_id)
        if code is None:
            self.warn("missing-reference", element, "a Coding has no CodeRef; dropped")
            return None
        return Coding(
            id=coding_id,
            code=code,
            coder=None if user is None else (guids.get(user) or self.guid(user, element)),
            coded_at=None if when is None else (moments.get(when) or self.moment(when, element)),
            note_refs=tuple(note_refs),
        )

    def refs(self, elements: list[etree._Element]) -> tuple[UUID, ...]:
        if not elements:
            return ()
        return tuple([self.guid(e.get("targetGUID"), e) for e in elements])

    # -- notes, links, sets, graphs -------------------------------------------------

    def notes(self, element: etree._Element) -> tuple[Note, ...]:
        ns = self.ns
        notes = []
        for item in self.container(element, "Note"):
            text = self.text_of(item)
            parts = self._parts(item, "Note", self._TEXT_PARTS)
            values, _ = self.values(parts.get(f"{ns}VariableValue", []))
            description = parts.get(f"{ns}Description")
            notes.append(
                Note(
                    id=self.guid(item.get("guid"), item),
                    text=text,
                    name=item.get("name"),
                    description=None if not description else description[0].text or "",
                    path=item.get("richTextPath"),
                    audit=self.audit(item),
                    values=values,
                    codings=self.codings(parts.get(f"{ns}Coding", [])),
                    excerpts=tuple(
                        self.text_selections(parts.get(f"{ns}PlainTextSelection", []), text)
                    ),
                )
            )
        return tuple(notes)

    def links(self, element: etree._Element) -> tuple[Link, ...]:
        links = []
        for item in self.container(element, "Link"):
            link_id = self.guid(item.get("guid"), item)
            self.vendor(item, link_id, "Link")
            note_refs = []
            for child in item:
                if child.tag == f"{self.ns}NoteRef":
                    note_refs.append(child)
                else:
                    self.unknown_child(child, link_id)
            links.append(
                Link(
                    id=link_id,
                    name=item.get("name"),
                    origin=self.optional_guid(item.get("originGUID"), item),
                    target=self.optional_guid(item.get("targetGUID"), item),
                    direction=self._enum(item, "direction", _DIRECTIONS),
                    color=self.color(item),
                    note_refs=self.refs(note_refs),
                )
            )
        return tuple(links)

    def _enum(self, element: etree._Element, name: str, choices: dict[str, Any]) -> Any:
        value = element.get(name)
        if value is None:
            return None
        if value not in choices:
            self.warn(
                "invalid-value",
                element,
                f"{name}={value!r} is not one of {', '.join(choices)}; dropped",
            )
            return None
        return choices[value]

    def sets(self, element: etree._Element, member_attribute: str) -> dict[str, tuple[Any, ...]]:
        """Sets and theme sets. Codebooks name members with ``guid``, projects with
        ``targetGUID``; either is accepted in both."""
        ns = self.ns
        sets: list[Set] = []
        themes: list[Theme] = []
        for item in self.container(element, "Set"):
            set_id = self.guid(item.get("guid"), item)
            self.vendor(item, set_id, "Set")
            members: dict[str, list[UUID]] = defaultdict(list)
            description = None
            for child in item:
                tag = child.tag
                if tag == f"{ns}Description":
                    description = child.text or ""
                elif tag in (f"{ns}MemberCode", f"{ns}MemberSource", f"{ns}MemberNote"):
                    target = (
                        child.get(member_attribute) or child.get("targetGUID") or child.get("guid")
                    )
                    members[tag].append(self.guid(target, child))
                else:
                    self.unknown_child(child, set_id)
            codes = tuple(members[f"{ns}MemberCode"])
            mark = conv.parse_theme(description)
            if (
                mark is not None
                and not members[f"{ns}MemberSource"]
                and not members[f"{ns}MemberNote"]
            ):
                themes.append(
                    Theme(
                        id=set_id,
                        name=item.get("name") or "",
                        description=mark.description,
                        parent=mark.parent,
                        codes=codes,
                        color=mark.color,
                        note_refs=mark.notes,
                    )
                )
                continue
            sets.append(
                Set(
                    id=set_id,
                    name=item.get("name") or "",
                    description=description,
                    codes=codes,
                    sources=tuple(members[f"{ns}MemberSource"]),
                    notes=tuple(members[f"{ns}MemberNote"]),
                )
            )
        return {"sets": tuple(sets), "themes": tuple(themes)}

    def graphs(self, element: etree._Element) -> tuple[Graph, ...]:
        ns = self.ns
        graphs = []
        for item in self.container(element, "Graph"):
            graph_id = self.guid(item.get("guid"), item)
            self.vendor(item, graph_id, "Graph")
            vertices, edges = [], []
            for child in item:
                if child.tag == f"{ns}Vertex":
                    self.vendor(child, None, "Vertex")
                    vertices.append(
                        Vertex(
                            id=self.guid(child.get("guid"), child),
                            x1=self.integer(child, "firstX") or 0,
                            y1=self.integer(child, "firstY") or 0,
                            x2=self.integer(child, "secondX", None),
                            y2=self.integer(child, "secondY", None),
                            name=child.get("name"),
                            represents=self.optional_guid(child.get("representedGUID"), child),
                            shape=self._enum(child, "shape", _SHAPES),
                            color=self.color(child),
                        )
                    )
                elif child.tag == f"{ns}Edge":
                    self.vendor(child, None, "Edge")
                    edges.append(
                        Edge(
                            id=self.guid(child.get("guid"), child),
                            source=self.guid(child.get("sourceVertex"), child),
                            target=self.guid(child.get("targetVertex"), child),
                            name=child.get("name"),
                            represents=self.optional_guid(child.get("representedGUID"), child),
                            direction=self._enum(child, "direction", _DIRECTIONS),
                            line_style=self._enum(child, "lineStyle", _LINE_STYLES),
                            color=self.color(child),
                        )
                    )
                else:
                    self.unknown_child(child, graph_id)
            graphs.append(
                Graph(
                    id=graph_id, name=item.get("name"), vertices=tuple(vertices), edges=tuple(edges)
                )
            )
        return tuple(graphs)


def _quote(text: str, start: int, end: int) -> str | None:
    """The text a span covers, if the span lies within it."""
    return text[start:end] if 0 <= start <= end <= len(text) else None


def _normal_color(value: str) -> str | None:
    """``#RRGGBB`` for the colour variants seen in the wild, or ``None``."""
    text = value.strip()
    if re.fullmatch(r"#?[0-9A-Fa-f]{8}", text):  # with an alpha channel, first or last
        return "#" + text.lstrip("#")[:6].upper()
    if re.fullmatch(r"[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3}", text):
        return "#" + text.upper()
    found = _RGB_FUNCTION.fullmatch(text)
    if found and all(0 <= int(n) <= 255 for n in found.groups()):
        return "#" + "".join(f"{int(n):02X}" for n in found.groups())
    return None
