"""What every ``qcode`` command shares: exit codes, one-line messages, reading a file."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from qcode._formats import ReadOptions, ReadResult, format_for, read
from qcode._formats._refi import _offsets
from qcode._issues import (
    AmbiguousNameError,
    InvalidProjectError,
    Issue,
    NotFoundError,
    WriteError,
)
from qcode._model import Codebook, Project
from qcode._table import Table

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_STOPPED = 130
"""Stopped by Ctrl-C or a termination signal (128 + SIGINT's number, as shells report it)."""


def file_name(text: str) -> Path:
    """A file or folder named on the command line; an empty name (``-o ""``) is refused,
    which `Path` would take for the current folder, ``.``."""
    if not text.strip():
        raise argparse.ArgumentTypeError(f"{text!r} names no file")
    return Path(text)


class UsageError(Exception):
    """A failure worded for the user (bad usage, a refused write): one line, exit 2."""


@contextlib.contextmanager
def looking_in(path: Path) -> Iterator[None]:
    """Name ``path`` in the message of a look-up or a comparison that fails inside the
    block (a code, a coder or a variable the file lacks; too few coders in it)."""
    from qcode.agreement import AgreementError

    try:
        yield
    except (NotFoundError, AmbiguousNameError, AgreementError) as exc:
        raise type(exc)(f"{path}: {exc}") from None


@contextlib.contextmanager
def held_by_id(path: Path) -> Iterator[None]:
    """Turn the refusal, inside the block, of ``path``'s objects that share an id (a
    ValueError) into one line, with the command that lists every problem."""
    try:
        yield
    except ValueError as exc:
        raise UsageError(str(exc).replace("qcode.validate", f"qcode validate {path}")) from None


def refused(exc: InvalidProjectError, given: Path | None, out: Path) -> UsageError:
    """The one line for a write ``--strict`` refused: what ``out`` cannot carry, or the
    errors of the input ``given`` (or, with none, of what a command made)."""
    if all(issue.code == "schema" for issue in exc.issues):
        hint = (
            "the document qcode made does not pass the official REFI-QDA schema, whatever the "
            "input holds: please report it; without --check-schema it is written"
        )
    elif all(issue.code == "not-carried" for issue in exc.issues):
        hint = (
            f"{out.suffix or 'the output'} cannot carry it as it is; without --strict it is "
            "written as the message says"
        )
    elif given is None:
        hint = "the result has these errors; without --strict it is written with them"
    else:
        hint = f"run 'qcode validate {given}' to see every problem of the input"
        if all(issue.file is None and issue.code != "schema" for issue in exc.issues):
            # the project's errors, which validate finds in the input (a schema's are the
            # output document's)
            exc = InvalidProjectError(str(given), exc.issues)
    return UsageError(f"qcode: {exc}; nothing was written ({hint})")


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are `UsageError`, so ``main`` words them."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def reading_options() -> argparse.ArgumentParser:
    """The options of every command that reads a project file."""
    reading = Parser(add_help=False)
    reading.add_argument(
        "--dialect",
        choices=_offsets.DIALECTS,
        help="how the file counts text offsets (default: chosen from its origin and checked)",
    )
    reading.add_argument(
        "--strict", action="store_true", help="refuse a file that needed any normalising"
    )
    reading.add_argument(
        "-q", "--quiet", action="store_true", help="do not print what reading or writing reported"
    )
    reading.add_argument(
        "--external-root",
        type=file_name,
        metavar="DIR",
        help="let a REFI-QDA file read relative:// and absolute:// texts (and look for media) "
        "inside DIR; by default qcode opens nothing outside the file",
    )
    return reading


def add_target(command: argparse.ArgumentParser) -> None:
    """``--target``, for a command that writes a project: the tool its REFI-QDA output is
    for (an NVivo project changed and written back keeps NVivo's text offsets)."""
    command.add_argument(
        "--target",
        choices=sorted(_offsets.TARGETS),
        help="adapt REFI-QDA output to this tool: its text offsets and what its importer "
        "needs (default: the standard)",
    )


def refuse_idle_target(args: argparse.Namespace, suffix: str, command: str) -> None:
    """Refuse ``--target`` where the output (of ``suffix``) is no REFI-QDA file: nothing
    would be adapted, and the option would be ignored without a word."""
    if getattr(args, "target", None) and suffix.lower() not in (".qdpx", ".qde", ".qdc", ".zip"):
        raise UsageError(
            f"qcode {command}: --target adapts REFI-QDA output (.qdpx, .qde, .qdc); a "
            f"{suffix or 'file without an extension'} output has no tool's offsets to take"
        )


def say(message: str) -> None:
    """Print ``message`` to stderr as one line, whatever line breaks it holds."""
    print(terminal(_BREAKS.sub(" ", message.strip())), file=sys.stderr)


def terminal(text: str) -> str:
    """``text`` safe to show in a terminal: control characters a file's names may hold
    (an escape sequence retitles the window or recolours what follows) shown as ``\\x1b``."""
    return _CONTROLS.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


def on_screen(text: str) -> str:
    """Data for standard output (a table, a diff): escaped as `terminal` escapes it where
    that is a terminal, as it is where it goes to a file or a program."""
    try:
        shown = sys.stdout.isatty()
    except (AttributeError, ValueError, OSError):  # a stream that is none, or closed
        shown = False
    return terminal(text) if shown else text


_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def read_file(args: argparse.Namespace, path: Path) -> ReadResult:
    """Read ``path`` with the reading options in ``args``, printing what reading reported."""
    options = ReadOptions(dialect=args.dialect, external_root=args.external_root)
    result = read(path, options, strict=args.strict)
    print_report(args, result.report)
    return result


def checked(result: ReadResult, path: Path) -> Project | Codebook:
    """What is validated of ``path`` read as a project: a REFI-QDA codebook (a ``.qdc``, or
    another file that held one and was reported so) is checked as a codebook, whose
    examples and memos belong to the project it came from."""
    other = any(i.code == "document-kind" for i in result.report)
    book = (path.suffix.lower() == ".qdc") != other
    return result.project.codebook if book else result.project


def refuse_replacing(
    out: Path | None, files: Sequence[Path | None], command: str, what: str = "table"
) -> None:
    """Refuse, before any work, an output that is one of the files the command reads: the
    ``what`` it writes would replace the project (both may be ``.json``). An output that is
    a link is not refused: the write replaces the link, not what it points to."""
    if out is None or not out.exists() or out.is_symlink():
        return
    for given in files:
        if given is not None and given.exists() and out.samefile(given):
            raise UsageError(
                f"qcode {command}: {out} is the file it reads; the {what} would replace it: "
                f"write the {what} to another file"
            )


def check_output(path: Path) -> None:
    """Refuse, before any work, a project output whose extension qcode does not write."""
    format_for(path, WriteError)


def print_table(args: argparse.Namespace, table: Table, shown: Table | None = None) -> None:
    """Print ``table`` (or the version of it ``shown``) in ``args.format``; with CSV, its
    notes go to stderr, unless ``--quiet``."""
    sys.stdout.write(on_screen((shown or table).to_text(args.format)))
    _say_notes_of_csv(args, table, args.format)


def write_table(args: argparse.Namespace, table: Table, out: Path, form: str | None = None) -> None:
    """Write ``table`` to ``out``, saying what its format could not hold as it was and, for
    CSV, its notes (unless ``--quiet``), and that it was written."""
    for change in table.write(out, form):
        if not args.quiet:
            say(f"WARNING {out}: {change}")
    _say_notes_of_csv(args, table, form or out.suffix.lower().lstrip("."))
    say_written(args, out)


def _say_notes_of_csv(args: argparse.Namespace, table: Table, form: str) -> None:
    """CSV has no place for a table's notes: they go to stderr, unless ``--quiet``."""
    if form == "csv" and not args.quiet:
        for note in table.notes:
            say(note)


def say_written(args: argparse.Namespace, path: Path | str) -> None:
    """Say on stderr that ``path`` was written, unless ``--quiet``."""
    if not args.quiet:
        say(f"wrote {path}")


def of_input(report: Sequence[Issue], given: Path) -> tuple[Issue, ...]:
    """``report`` of a write, each error that names no file said of ``given``, the input:
    what the written data holds wrong was in the input (validate finds it there); what the
    output cannot carry (warnings) is the output's."""
    return tuple(
        attrs.evolve(issue, file=str(given)) if issue.is_error and issue.file is None else issue
        for issue in report
    )


def print_report(
    args: argparse.Namespace, report: Sequence[Issue], file: Path | None = None
) -> None:
    """Print each issue of ``report`` on stderr (with ``--quiet``, only the errors: what
    the exit status 1 stands for); one that names no file is said of ``file`` (the file
    written, or read, that holds the problem)."""
    for issue in report:
        if args.quiet and not issue.is_error:
            continue
        if file is not None and issue.file is None:
            issue = attrs.evolve(issue, file=str(file))
        say(str(issue))
