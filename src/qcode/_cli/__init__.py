"""The ``qcode`` command: a thin shell over the library.

Exit codes: 0 success, 1 problems found (``validate``), 2 bad usage, unreadable input or an
unwritable output, 3 an internal error (a bug: please report it with the file). Every failure
is one line on stderr that names the file and the problem; there are no tracebacks. Each
module here holds a family of commands and registers them in `_parser`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence

from qcode._cli import _agreement, _codebook, _files, _report, _tables
from qcode._cli._common import (
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_STOPPED,
    EXIT_USAGE,
    Parser,
    UsageError,
    reading_options,
    say,
)
from qcode._issues import InvalidProjectError, QcodeError

_FAMILIES = (_files, _agreement, _codebook, _tables, _report)
"""The modules of commands, each with ``add_commands`` and ``COMMANDS``."""
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    name: run for family in _FAMILIES for name, run in family.COMMANDS.items()
}


def _parser() -> argparse.ArgumentParser:
    from importlib.metadata import version

    parser = Parser(
        prog="qcode", description="Qualitative coding projects: check, inspect, convert."
    )
    parser.add_argument("--version", action="version", version=f"qcode {version('qcode-qda')}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    reading = reading_options()
    for family in _FAMILIES:
        family.add_commands(commands, reading)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    strict = False
    try:
        args, unknown = _parser().parse_known_args(argv)
        if unknown:  # named after the command they were given to, as its own errors are
            raise UsageError(f"qcode {args.command}: unrecognized arguments: {' '.join(unknown)}")
        strict = bool(getattr(args, "strict", False))
        return int(_COMMANDS[args.command](args))
    except UsageError as exc:
        say(str(exc))
    except InvalidProjectError as exc:  # what --strict made errors, validate shows with it
        command = "qcode validate --strict" if strict else "qcode validate"
        say(f"qcode: {exc}; run '{command} {exc.file}' to see every problem")
    except QcodeError as exc:
        say(f"qcode: {exc}")
    except KeyboardInterrupt:  # Ctrl-C, or a termination signal (`console`)
        say(
            "qcode: stopped before it finished; a file it was writing is left as it was (what it "
            "printed may be cut short)"
        )
        return EXIT_STOPPED
    except BrokenPipeError:  # the reader stopped early (`| head`): nothing is wrong
        _stop_writing()
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        say(f"qcode: {where}{exc.strerror or exc}")
    except Exception as exc:  # a bug (RecursionError, MemoryError too): still one line
        say(f"qcode: internal error ({type(exc).__name__}: {exc}); please report it")
        return EXIT_INTERNAL
    return EXIT_USAGE


def console() -> int:
    """The ``qcode`` program: `main`, where a termination signal (``kill``, ``timeout``)
    stops the command as Ctrl-C does, so that a file being written is taken away rather
    than left half-written."""
    signal.signal(signal.SIGTERM, _terminated)
    return main()


def _terminated(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_writing() -> None:
    """Point stdout at the null device, so that the flush at exit does not fail again."""
    with contextlib.suppress(OSError, ValueError):  # a stdout without a file descriptor
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
