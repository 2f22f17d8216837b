"""Write files so that a failure never leaves a half-written or clobbered target."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from qcode._issues import WriteError


def refuse_folder(path: Path) -> None:
    """Refuse (`WriteError`) an output named by a folder, before its name is read for a
    format (a folder has no extension)."""
    if path.is_dir():
        raise WriteError(str(path), "is a directory; name a file to write")


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[BinaryIO]:
    """Yield a temporary file beside ``path``; rename it over ``path`` only on success.
    Every failure of the file system is a `WriteError` that names ``path``."""
    directory = path.parent
    if not directory.is_dir():
        above = next((p for p in (directory, *directory.parents) if p.exists()), None)
        if above is not None and not above.is_dir():  # a file where a folder should be
            raise WriteError(
                str(path), f"cannot write here: {str(above)!r} is a file, not a folder"
            )
        raise WriteError(str(path), f"cannot write here: no folder {str(directory)!r}")
    refuse_folder(path)
    if path.exists() and not path.is_file():
        raise WriteError(str(path), "is not a regular file (a device or a pipe); not replaced")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise WriteError(
            str(path), f"cannot write in folder {str(directory)!r} ({exc.strerror})"
        ) from exc
    try:
        Path(temporary).chmod(_mode(path))
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise WriteError(str(path), f"cannot be written ({exc.strerror or exc})") from exc
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The permissions the output gets: those of the file it replaces (a file kept private,
    0600, stays so), else an ordinary new file's (not mkstemp's 0600)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:  # no such file yet
        return 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
