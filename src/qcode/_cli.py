"""The ``qcode`` command: a thin shell over the library.

Exit codes: 0 success, 1 problems found (``validate``), 2 bad usage, unreadable input or an
unwritable output, 3 an internal error (a bug: please report it with the file). Every failure
is one line on stderr that names the file and the problem; there are no tracebacks.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from qcode._analysis import EXCERPT_COLUMNS, excerpt_rows, summarize
from qcode._formats import ReadOptions, ReadResult, WriteOptions, extensions, read, write
from qcode._formats._refi import _offsets
from qcode._issues import InvalidProjectError, Issue, QcodeError, Severity, WriteError
from qcode._validation import validate

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class _PlainError(Exception):
    """A failure worded for the user (bad usage, a refused write): one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _PlainError(f"{self.prog}: {message}")


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = _Parser(
        prog="qcode", description="Qualitative coding projects: check, inspect, convert."
    )
    parser.add_argument("--version", action="version", version=f"qcode {version('qcode-qda')}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    reading = _Parser(add_help=False)
    reading.add_argument(
        "--dialect",
        choices=_offsets.DIALECTS,
        help="how the file counts text offsets (default: chosen from its origin and checked)",
    )
    reading.add_argument(
        "--strict", action="store_true", help="refuse a file that needed any normalising"
    )
    reading.add_argument(
        "--quiet", action="store_true", help="do not print what reading or writing reported"
    )
    reading.add_argument(
        "--external-root",
        type=Path,
        metavar="DIR",
        help="let a REFI-QDA file read relative:// and absolute:// texts (and look for media) "
        "inside DIR; by default qcode opens nothing outside the file",
    )

    check = commands.add_parser(
        "validate", parents=[reading], help="report every problem in a project file"
    )
    check.add_argument("file", type=Path)

    info = commands.add_parser("info", parents=[reading], help="summarise a project file")
    info.add_argument("file", type=Path)
    info.add_argument("--json", action="store_true", help="print one JSON object")

    excerpts = commands.add_parser(
        "excerpts", parents=[reading], help="list every excerpt with its codes"
    )
    excerpts.add_argument("file", type=Path)
    excerpts.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")

    convert = commands.add_parser(
        "convert", parents=[reading], help="convert between formats (chosen by extension)"
    )
    convert.add_argument("input", type=Path)
    convert.add_argument("output", type=Path)
    convert.add_argument(
        "--target",
        choices=sorted(_offsets.TARGETS),
        help="adapt REFI-QDA output to this tool: its text offsets and what its importer "
        "needs (default: the standard)",
    )
    convert.add_argument(
        "--include-real-names",
        action="store_true",
        help="export participants' real names (left out by default)",
    )
    convert.add_argument(
        "--check-schema",
        action="store_true",
        help="check REFI-QDA output against the official schema before writing it",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
        return int(_COMMANDS[args.command](args))
    except _PlainError as exc:
        _say(str(exc))
    except InvalidProjectError as exc:
        _say(f"qcode: {exc}; run 'qcode validate {exc.file}' to see every problem")
    except QcodeError as exc:
        _say(f"qcode: {exc}")
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _say(f"qcode: {where}{exc.strerror or exc}")
    except Exception as exc:  # a bug (RecursionError, MemoryError too): still one line
        _say(f"qcode: internal error ({type(exc).__name__}: {exc}); please report it")
        return EXIT_INTERNAL
    return EXIT_USAGE


def _say(message: str) -> None:
    """Print ``message`` to stderr as one line, whatever line breaks it holds."""
    print(_BREAKS.sub(" ", message.strip()), file=sys.stderr)


_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def _read(args: argparse.Namespace, path: Path) -> ReadResult:
    options = ReadOptions(dialect=args.dialect, external_root=args.external_root)
    result = read(path, options, strict=args.strict)
    _print_report(args, result.report)
    return result


def _print_report(args: argparse.Namespace, report: Sequence[Issue]) -> None:
    if not args.quiet:
        for issue in report:
            _say(str(issue))


def _line(issue: Issue) -> str:
    """``SEVERITY path: message``, with ``file:line`` first when the problem has a line."""
    where = f"{issue.file}:{issue.line} " if issue.line is not None else ""
    return f"{issue.severity.name} {where}{issue.path}: {issue.message}"


def _validate(args: argparse.Namespace) -> int:
    issues: Sequence[Issue]
    try:
        options = ReadOptions(
            dialect=args.dialect, check_schema=True, external_root=args.external_root
        )
        result = read(args.file, options, strict=args.strict)
        report = [i for i in result.report if i.severity is not Severity.INFO or not args.quiet]
        issues = (*report, *validate(result.project))
    except InvalidProjectError as exc:
        issues = exc.issues
    for issue in issues:
        print(_line(issue))
    errors = sum(issue.is_error for issue in issues)
    warnings = sum(issue.severity is Severity.WARNING for issue in issues)
    _say(f"{args.file}: {errors} error(s), {warnings} warning(s)")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _info(args: argparse.Namespace) -> int:
    summary = summarize(_read(args, args.file).project)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return EXIT_OK
    print(f"project: {summary['name']}")
    for key in ("participants", "cases", "users", "sources"):
        print(f"{key + ':':14}{summary[key]}")
    for kind, count in summary["sources_by_kind"].items():
        print(f"  {kind}: {count}")
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
    rows = excerpt_rows(_read(args, args.file).project)
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
        shown = out.suffix or "files without an extension"
        raise WriteError(str(out), f"cannot write {shown!r}; qcode writes {known}")
    result = _read(args, args.input)
    options = WriteOptions(
        target=args.target,
        include_real_names=args.include_real_names,
        files=result.files,
        strict=args.strict,
        check_schema=args.check_schema,
    )
    try:
        report = write(result.project, out, options)
    except InvalidProjectError as exc:
        raise _PlainError(
            f"qcode: {exc}; nothing was written (run 'qcode validate {args.input}' to see every "
            "problem of the input)"
        ) from exc
    _print_report(args, report)
    if not args.quiet:
        _say(f"wrote {out}")
    return EXIT_OK


_COMMANDS = {"validate": _validate, "info": _info, "excerpts": _excerpts, "convert": _convert}
