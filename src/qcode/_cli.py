"""The ``qcode`` command: a thin shell over the library.

Exit codes: 0 success, 1 problems found (``validate``), 2 bad usage or unreadable input.
Messages name the file and the problem; there are no tracebacks.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from qcode._analysis import EXCERPT_COLUMNS, excerpt_rows, summarize
from qcode._formats import extensions, read, write
from qcode._issues import InvalidProjectError, Issue, QcodeError, WriteError
from qcode._model import Project
from qcode._validation import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class _UsageError(Exception):
    """Bad command-line usage, reported as one line with exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = _Parser(
        prog="qcode", description="Qualitative coding projects: check, inspect, convert."
    )
    parser.add_argument("--version", action="version", version=f"qcode {version('qcode-qda')}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = commands.add_parser("validate", help="report every problem in a project file")
    check.add_argument("file", type=Path)

    info = commands.add_parser("info", help="summarise a project file")
    info.add_argument("file", type=Path)
    info.add_argument("--json", action="store_true", help="print one JSON object")

    excerpts = commands.add_parser("excerpts", help="list every excerpt with its codes")
    excerpts.add_argument("file", type=Path)
    excerpts.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")

    convert = commands.add_parser("convert", help="convert between formats (by extension)")
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        return int(_COMMANDS[args.command](args))
    except _UsageError as exc:
        _say(str(exc))
    except InvalidProjectError as exc:
        _say(f"qcode: {exc}; run 'qcode validate {exc.file}' to see every problem")
    except QcodeError as exc:
        _say(f"qcode: {exc}")
    except OSError as exc:
        _say(f"qcode: {exc.filename or ''}: {exc.strerror or exc}")
    return EXIT_USAGE


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _load(path: Path) -> Project:
    return read(path).project


def _validate(args: argparse.Namespace) -> int:
    try:
        issues: Sequence[Issue] = validate(_load(args.file))
    except InvalidProjectError as exc:
        issues = exc.issues
    for issue in issues:
        print(f"{issue.severity.name} {issue.path}: {issue.message}")
    errors = sum(issue.is_error for issue in issues)
    warnings = len(issues) - errors
    _say(f"{args.file}: {errors} error(s), {warnings} warning(s)")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _info(args: argparse.Namespace) -> int:
    summary = summarize(_load(args.file))
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return EXIT_OK
    print(f"project: {summary['name']}")
    for key in ("participants", "cases", "users", "sources"):
        print(f"{key + ':':14}{summary[key]}")
    for kind, count in summary["sources_by_kind"].items():
        print(f"  {kind + ':':12}{count}")
    for key in (
        "excerpts",
        "codings",
        "codes",
        "themes",
        "notes",
        "sets",
        "links",
        "graphs",
        "variables",
    ):
        print(f"{key + ':':14}{summary[key]}")
    return EXIT_OK


def _excerpts(args: argparse.Namespace) -> int:
    rows = excerpt_rows(_load(args.file))
    if args.format == "jsonl":
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return EXIT_OK
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXCERPT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = {k: "; ".join(v) if isinstance(v, list) else v for k, v in row.items()}
        writer.writerow(flat)
    sys.stdout.write(buffer.getvalue())
    return EXIT_OK


def _convert(args: argparse.Namespace) -> int:
    out: Path = args.output
    if out.suffix.lower() not in extensions():
        known = ", ".join(extensions())
        raise WriteError(
            str(out),
            f"cannot write {out.suffix or 'files without an extension'!r}; qcode writes {known}",
        )
    result = read(args.input)
    report = (*result.report, *write(result.project, out))
    for issue in report:
        _say(str(issue))
    _say(f"wrote {out}")
    return EXIT_OK


_COMMANDS = {"validate": _validate, "info": _info, "excerpts": _excerpts, "convert": _convert}
