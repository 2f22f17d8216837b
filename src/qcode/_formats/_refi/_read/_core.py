"""What every REFI-QDA element family is read with: reports, GUIDs, timestamps, numbers,
audits, colours, vendor data, the texts and the offset dialect they are read in.
`ReaderCore` holds the reader's state, shared by every family's mixin."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar
from uuid import UUID

from attrs import evolve
from lxml import etree

from qcode._formats._base import GUID, checked_uuid, parse_datetime
from qcode._formats._limits import Limits
from qcode._formats._refi import _conventions as conv
from qcode._formats._refi import _offsets
from qcode._formats._refi._xml import ElementPaths
from qcode._issues import Issue, ReadError, Severity
from qcode._model import Audit, Source, VendorData

_T = TypeVar("_T")
TextLoader = Callable[[str, etree._Element], str | None]
"""Returns the text a ``plainTextPath`` names, or ``None`` if the file is not there."""

_XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
_AUDIT = ("creatingUser", "creationDateTime", "modifyingUser", "modifiedDateTime")
_HEX_COLOR = re.compile(r"#(?:[0-9A-Fa-f]{3}|[0-9A-Fa-f]{6})\Z")
_RGB_FUNCTION = re.compile(r"rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,[^)]*)?\)\Z")
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
"""The spellings of ``xs:boolean``."""
FOLDER_NAMESPACE = uuid.UUID("5b8f0d4e-2f3a-5c61-8e7d-9a0b1c2d3e4f")

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


MOST_ATTRIBUTES = 1000
"""The attributes an element may have: a REFI-QDA element has at most 20, and listing the
values of a crafted element's 200,000 took minutes."""


class Spans:
    """Raw offsets of the PlainTextSelections under one text-holding element."""

    def __init__(self, text: str, element: etree._Element, ns: str) -> None:
        self.text = text
        self.pairs: list[tuple[int, int]] = []
        for selection in element.iterchildren(f"{ns}PlainTextSelection"):
            try:
                start = xml_integer(selection.get("startPosition", ""))
                end = xml_integer(selection.get("endPosition", ""))
            except ValueError:
                continue
            self.pairs.append((start, end))


def xml_integer(value: str) -> int:
    """``value`` as an XML Schema integer. Python's ``int`` also reads ``1_0`` and other
    scripts' digits (Arabic-Indic, say), which another tool would refuse or read otherwise."""
    number = int(value)
    if "_" in value or not value.isascii():
        raise ValueError(f"{value!r} is not an integer")
    return number


class ReaderCore:
    """The state of one document's reading and what every family reads with; `RefiReader`
    adds the families and the walk."""

    def __init__(
        self,
        root: etree._Element,
        *,
        file: str,
        texts: TextLoader,
        report: list[Issue],
        dialect: str | None = None,
        split_code_names: bool | None = None,
        code_depth: int | None = None,
        peek: Callable[[str], str | None] | None = None,
    ) -> None:
        self.root = root
        self.file = file
        self.paths = ElementPaths()
        """Where each element reported is (one reported among thousands found quickly)."""
        self._texts = texts
        self._peek = peek
        """The text of an internal file, or ``None``, without a report or a refusal: to
        compare a text held inline with the file its source also names."""
        self.report = report
        self._dialect_override = dialect
        self._split = split_code_names
        self._code_depth = Limits().code_depth if code_depth is None else code_depth
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
        self._early_raw: dict[etree._Element, tuple[Spans, list[tuple[int, int]]]] = {}
        self._dialect = _offsets.CODEPOINTS

    # -- reporting -------------------------------------------------------------------

    def _say(
        self, severity: Severity, code: str, element: etree._Element | None, message: str
    ) -> None:
        self.report.append(
            Issue(
                severity=severity,
                code=code,
                path=self.paths(element) if element is not None else "/",
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
            found = uuid.uuid5(FOLDER_NAMESPACE, value)
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
            return xml_integer(value)
        except ValueError:
            done = "left without a value" if default is None else f"read as {default}"
            self.warn("invalid-number", element, f"{name}={value!r} is not an integer; {done}")
            return default

    def place(self, element: etree._Element, names: tuple[str, ...]) -> tuple[int, ...] | None:
        """The integer attributes ``names`` that place a selection; ``None`` (reported: the
        selection is left out rather than put at a made-up place) if one is missing or no
        integer."""
        found = []
        for name in names:
            value = element.get(name)
            try:
                if value is None:
                    raise LookupError(f"has no {name}")
                found.append(xml_integer(value))
            except ValueError:
                said = f"{name}={value!r} is not an integer"
            except LookupError as missing:
                said = str(missing)
            else:
                continue
            self.warn("invalid-number", element, f"{said}; the selection is left out")
            return None
        return tuple(found)

    def flag(self, element: etree._Element, name: str, default: bool) -> bool:
        """An ``xs:boolean`` attribute (``true``, ``false``, ``1`` or ``0``); anything else
        is reported and read as ``default``."""
        value = element.get(name)
        if value is None:
            return default
        found = BOOLEANS.get(value.strip())
        if found is None:
            shown = "true" if default else "false"
            self.warn("invalid-value", element, f"{name}={value!r} is not true or false; "
                      f"read as {shown}")  # fmt: skip
            return default
        return found

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
        keys = element.keys()
        if allowed.issuperset(keys):
            return
        if len(keys) > MOST_ATTRIBUTES:  # lxml lists n attributes' values in n² steps
            raise ReadError(
                self.file,
                f"{self.paths(element)}: the element has {len(keys)} attributes (REFI-QDA's "
                f"have at most 20; qcode reads at most {MOST_ATTRIBUTES}); refused",
            )
        for key, value in element.items():
            if key not in allowed and not key.startswith(_XSI):
                self._vendor.append(
                    VendorData(owner=owner, path=self.paths(element), xml=f'{key}="{value}"')
                )
                self.warn(
                    "vendor-data",
                    element,
                    f"attribute {key!r} is not REFI-QDA; kept as vendor data",
                )

    def plain(self, element: etree._Element, owner: UUID | None) -> str:
        """The text of an element REFI-QDA gives text alone (a description): every word in
        it, an element inside it (markup, say) kept as vendor data and reported, a comment
        left out."""
        if len(element) == 0:  # the common case: text alone
            return element.text or ""
        for child in element:
            self.unknown_child(child, owner)
        return "".join(element.itertext())

    def unknown_child(self, child: etree._Element, owner: UUID | None) -> None:
        if not isinstance(child.tag, str):
            return  # comments and processing instructions
        xml = etree.tostring(child, encoding="unicode", with_tail=False)
        self._vendor.append(VendorData(owner=owner, path=self.paths(child), xml=xml))
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
            # Markup inside the text (which REFI-QDA does not allow) is kept as vendor data
            # of the element holding the text (a source, or a PDF's or picture's embedded
            # text), every word read: its guid is looked up only then (from the cache when
            # the element's own reading looks it up again).
            value = element.get("guid")
            owner = self.guid(value, element) if len(content) and value else None
            text = self.plain(content, owner)
            self._same_as_file(element, text)
        else:
            path = element.get("plainTextPath")
            text = None if path is None else self._texts(path, element)
            if text is None:
                where = f"file {path!r}" if path else "no plainTextPath or PlainTextContent"
                self.warn("missing-text", element, f"the text is missing ({where}); read as empty")
                text = ""
        self._text_cache[element] = text
        return text

    def _same_as_file(self, element: etree._Element, text: str) -> None:
        """Where a text held inline also names a file of the archive, warn if the file says
        otherwise: the inline text is read, and the file's would be lost unsaid."""
        path = element.get("plainTextPath")
        if path is None or not path.startswith("internal://") or self._peek is None:
            return
        other = self._peek(path)
        if other is not None and other != text:
            self.warn(
                "text-differs",
                element,
                f"the text held inline ({len(text):,} characters) and the file {path!r} "
                f"({len(other):,} characters) differ; the inline text is read, the file's left",
            )

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
        spans = [Spans(text, h, ns) for text, h in texts if _offsets.differs(text)]
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
        fixed = self._dialect_override is not None
        best, scores = _offsets.choose(pairs, chosen, fixed=fixed)
        shown = ", ".join(f"{d} {float(scores[d]):.0%}" for d in _offsets.DIALECTS)
        if best != chosen:
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

    def split_offsets(self, element: etree._Element, text: str, offsets: Iterable[int]) -> None:
        """Report the ``offsets`` (as the file gives them) that fall inside one character
        of ``text`` in the chosen dialect (between a UTF-16 pair's units); they are looked
        at only where the text has such a character."""
        inside = _offsets.inside_pairs(text, self._dialect, offsets)
        if inside:
            self.warn(
                "offset-split",
                element,
                f"{len(inside)} position(s) fall between the two UTF-16 units of one "
                f"character (an emoji, say), the first at {inside[0]}: each is read at the "
                "character's start",
            )

    # -- namespaces, held reports, containers ----------------------------------------

    def _set_namespace(self, namespace: str) -> str:
        self.ns = f"{{{namespace}}}"
        self._code_ref = self.ns + "CodeRef"
        self._note_ref = self.ns + "NoteRef"
        return self.ns

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
        """Put back what was reported while ``key`` was held. Paths made while the document
        was still being parsed can lack a number its later siblings call for
        (``TextSource`` for ``TextSource[1]``): they are made again from the whole tree."""
        held = self._held.pop(key, None)
        if held is None:
            return
        issues, vendor = held
        if issues or vendor:
            whole = _renamer(self.paths(key))
            self.report.extend(evolve(i, path=whole(i.path)) for i in issues)
            self._vendor.extend(evolve(v, path=whole(v.path)) for v in vendor)

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


_NUMBER = re.compile(r"\[\d+\]")


def _renamer(now: str) -> Callable[[str], str]:
    """What gives a path within the element now at ``now``, or of it, as ``now`` names the
    element: its numbers may have changed (none where the siblings had not been parsed)."""
    steps = now.count("/")
    bare = _NUMBER.sub("", now)

    def whole(path: str) -> str:
        parts = path.split("/")
        if _NUMBER.sub("", "/".join(parts[: steps + 1])) != bare:
            return path
        return "/".join([now, *parts[steps + 1 :]])

    return whole


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
