"""What every format module returns."""

from __future__ import annotations

from attrs import frozen

from qcode._issues import Issue
from qcode._model import Project


@frozen
class ReadResult:
    """A project read from a file, with the report of what reading noticed or changed."""

    project: Project
    report: tuple[Issue, ...] = ()
