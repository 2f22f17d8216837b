"""``qcode report``: a project as one self-contained HTML page."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qcode._atomic import atomic_output
from qcode._cli._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    checked,
    file_name,
    print_report,
    read_file,
    say_written,
)
from qcode._issues import WriteError


def add_commands(commands: Any, reading: argparse.ArgumentParser) -> None:
    """Add this family's parsers to ``commands`` (argparse's private subparsers action)."""
    made = commands.add_parser(
        "report", parents=[reading], help="write a project as one self-contained HTML page"
    )
    made.add_argument("file", type=file_name)
    made.add_argument(
        "-o", "--output", type=file_name, required=True, metavar="HTML", help="the page to write"
    )


def _report(args: argparse.Namespace) -> int:
    from qcode._display._report import report
    from qcode._validation import validate

    out: Path = args.output
    if out.suffix.lower() not in (".html", ".htm"):
        if out.name.lower() in (".html", ".htm"):  # a hidden file's name, with no extension
            raise WriteError(str(out), "the page needs a name before .html, such as report.html")
        raise WriteError(str(out), "a report is an HTML page: name it like report.html")
    result = read_file(args, args.file)
    project = result.project
    errors = [issue for issue in validate(checked(result, args.file)) if issue.is_error]
    print_report(args, errors, args.file)
    page = report(project)
    with atomic_output(out) as stream:
        stream.write(page.encode("utf-8"))
    say_written(args, out)
    return EXIT_PROBLEMS if errors else EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"report": _report}
