"""Problems found in a project or a file, and the exceptions that carry them."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from attrs import frozen


class Severity(enum.Enum):
    """How bad a problem is: errors make a project invalid, warnings do not, and notes
    (``INFO``) only say what a reader or writer did."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@frozen(kw_only=True)
class Issue:
    """One problem: a severity, a stable code (a slug), where it is, and what is wrong.

    ``path`` is a JSON path into qcode's format (``$.sources[3].excerpts[0].anchor.end``) or
    an element path into an XML file; ``file`` and ``line`` say where in a file, if known.

    Fields:

    - ``severity``: error, warning or note (`Severity`).
    - ``code``: a stable slug (docs/validation.md lists them).
    - ``path``: where: a JSON path or an element path.
    - ``message``: what is wrong.
    - ``file``: the file, if known.
    - ``line``: the line, if known.
    """

    severity: Severity
    code: str
    path: str
    message: str
    file: str | None = None
    line: int | None = None

    @property
    def is_error(self) -> bool:
        """Whether this problem makes the project invalid."""
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            where += " "
        return f"{self.severity.name} {where}{self.path}: {self.message}"


_TOKEN = re.compile(r"\d+|\D+")


def path_order(issue: Issue) -> tuple[tuple[int, int | str], ...]:
    """The sort key of an issue's path: keys alphabetically, list positions by number
    (``$.codes[2]`` before ``$.codes[10]``)."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in _TOKEN.findall(issue.path))


def as_errors(issues: Iterable[Issue]) -> list[Issue]:
    """The warnings among ``issues`` made errors (strict mode); notes are left out."""
    return [
        Issue(
            severity=Severity.ERROR,
            code=i.code,
            path=i.path,
            message=i.message,
            file=i.file,
            line=i.line,
        )
        for i in issues
        if i.severity is Severity.WARNING
    ]


def error(code: str, path: str, message: str) -> Issue:
    """An error issue (shorthand used by the rules)."""
    return Issue(severity=Severity.ERROR, code=code, path=path, message=message)


def warning(code: str, path: str, message: str, file: str | None = None) -> Issue:
    """A warning issue (shorthand used by the rules and readers), of ``file`` if given."""
    return Issue(severity=Severity.WARNING, code=code, path=path, message=message, file=file)


class QcodeError(Exception):
    """Base class of every error qcode raises."""


class FileError(QcodeError):
    """A problem with a file as a whole, named by ``file``."""

    def __init__(self, file: str, message: str) -> None:
        super().__init__(file, message)
        self.file = file
        self.message = message

    def __str__(self) -> str:
        return f"{self.file}: {self.message}"


class ReadError(FileError):
    """A file cannot be read at all: missing, not the format its name says, or malformed."""


class WriteError(FileError):
    """A file cannot be written (no such folder, an unknown extension); nothing was written."""


class InvalidProjectError(QcodeError, ValueError):
    """A file was read, but what it holds is not a valid project; ``issues`` lists why."""

    def __init__(self, file: str, issues: Iterable[Issue]) -> None:
        issues = tuple(issues)
        super().__init__(file, issues)
        self.file = file
        self.issues = issues

    def __str__(self) -> str:
        errors = [issue for issue in self.issues if issue.is_error] or list(self.issues)
        first = errors[0] if errors else None
        if first is None:
            return f"{self.file}: invalid"
        where = first.file or self.file  # the member of an archive, with its line, where known
        if first.line is not None:
            where += f":{first.line}"
        text = f"{where}: {first.path}: {first.message}"
        if len(errors) > 1:
            more = len(errors) - 1
            text += f" (and {more} more error{'s' if more > 1 else ''})"
        return text


class NotFoundError(QcodeError, KeyError):
    """A look-up found nothing: no object has that id, name or path."""

    def __str__(self) -> str:
        return str(self.args[0])


class AmbiguousNameError(QcodeError, ValueError):
    """A name given to a look-up belongs to more than one object; the message lists them."""


class QuoteError(QcodeError, ValueError):
    """A quotation cannot be placed in its source: it is absent or occurs more than once."""


def clip(text: str, limit: int = 60) -> str:
    """``repr`` of ``text`` shortened to about ``limit`` characters, for messages."""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
