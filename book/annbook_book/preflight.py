"""Check, before a build starts, that it can finish; say in one line why not.

``nox -s docs`` runs it before Sphinx::

    python -m annbook_book preflight docs/_build

A build that fails half-way costs minutes and can leave a half-written site.
The causes that can be seen in advance are checked here, before anything is
written, so the previous build and the execution cache stay as they were:

- a data file that ships with annbook is missing or damaged (a chapter
  would fail on it after the chapters before it had run);
- a folder the build writes (the build folder, the execution cache) cannot
  be written;
- the disk holding them has less free space than a cold build needs.

Each problem is one line on standard error, and the exit status is 1.
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

from annbook_book import layout as project

#: Free space a build needs: a cold build of both editions writes about
#: 170 MB (docs/_build: 97 MB English, 64 MB Korean, 5 MB notebooks and
#: cache); twice that leaves room for what an edit adds.
FREE_SPACE_NEEDED = 350 * 10**6


def _existing_parent(folder: Path) -> Path:
    """Return ``folder``, or its nearest parent that exists (where it would be made)."""
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def unwritable(folder: Path) -> str | None:
    """Say why files cannot be written in ``folder`` (or where it would be made), or None."""
    place = _existing_parent(folder)
    if not place.is_dir():
        return f"{place} is not a folder, so the build cannot write {folder}"
    try:
        # A real write, not os.access: root passes every permission check,
        # but not a read-only file system or an immutable folder.
        with tempfile.TemporaryFile(dir=place):
            pass
    except OSError as error:
        return f"cannot write in {place} ({error.strerror or error})"
    return None


def problems(folders: list[Path], *, needed: int = FREE_SPACE_NEEDED) -> list[str]:
    """Return what would stop a build that writes into ``folders``, one sentence each."""
    found = []
    try:
        from annbook.datasets import DataFileError, check_data_files  # noqa: PLC0415

        check_data_files()
    except DataFileError as error:
        found.append(
            f"{error} In a clone of the repository, `git checkout -- src/annbook/data` "
            "restores the files."
        )
    for folder in dict.fromkeys(folders):
        if (reason := unwritable(folder)) is not None:
            found.append(reason)
            continue
        free = shutil.disk_usage(_existing_parent(folder)).free
        if free < needed:
            found.append(
                f"only {free / 10**6:.0f} MB free on the disk of {folder}; "
                f"a build needs {needed / 10**6:.0f} MB ({os.strerror(errno.ENOSPC)})"
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders", nargs="*", type=Path, help="folders the build writes (default: the book's)"
    )
    folders = parser.parse_args(argv).folders or [project.BUILD, project.execution_cache()]
    found = problems(folders)
    for problem in found:
        print(f"annbook: cannot build the book: {problem}", file=sys.stderr)
    if found:
        print(
            "annbook: nothing was built; the previous build and the execution cache are "
            "as they were.",
            file=sys.stderr,
        )
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
