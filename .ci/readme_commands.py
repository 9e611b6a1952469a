"""Read the README's two commands and run them exactly as written.

CI (``.ci/run``) and the hosted builds run the book and the tests through this
script, so the commands a new reader copies are the ones that are tested, not
a copy of them.

The rule: under the heading ``## Build the book, run the tests``, the first
fenced block whose info string is ``console`` holds exactly two commands, one
per line, each exactly as a reader types it: no prompt (``$``), no comment (a
``#`` comment is passed to the command as arguments in zsh) and no line
continuation. The first builds the book, the second runs the tests.

Usage::

    python3 .ci/readme_commands.py README.md               # print both, check their syntax
    python3 .ci/readme_commands.py README.md --run tests   # run one, in the README's folder

It needs only the standard library, so it runs on the operating system's
own ``python3`` before anything is installed.
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
from pathlib import Path

HEADING = "## Build the book, run the tests"
NAMES = ("book", "tests")


class ReadmeError(Exception):
    """The README has no block of two commands that follows the rule."""


def extract(text: str) -> dict[str, str]:
    """Return the README's commands as ``{"book": ..., "tests": ...}``.

    Raises ReadmeError, saying what is missing, when the README does not
    follow the rule in this module's docstring.
    """
    commands = [line.strip() for line in _block(text.splitlines()) if line.strip()]
    if len(commands) != len(NAMES):
        msg = f"the ```console block under {HEADING!r} must hold 2 commands, found {commands!r}"
        raise ReadmeError(msg)
    for command in commands:
        if command.startswith(("$", "#")) or command.endswith("\\"):
            msg = f"a command must be one line, as typed, without prompt or comment: {command!r}"
            raise ReadmeError(msg)
        try:
            has_comment = shlex.split(command, comments=True) != shlex.split(command)
        except ValueError as error:
            msg = f"a command does not parse ({error}): {command!r}"
            raise ReadmeError(msg) from None
        if has_comment:
            msg = f"a command must not end with a # comment: {command!r}"
            raise ReadmeError(msg)
    return dict(zip(NAMES, commands, strict=True))


def _block(lines: list[str]) -> list[str]:
    """Return the lines of the first ```console block in the section under HEADING."""
    try:
        start = [line.rstrip() for line in lines].index(HEADING) + 1
    except ValueError:
        msg = f"README has no heading {HEADING!r}"
        raise ReadmeError(msg) from None
    for i, line in enumerate(lines[start:], start):
        if re.match(r"#{1,2} ", line):
            break  # the next section
        if re.fullmatch(r"```console\s*", line):
            block = lines[i + 1 :]
            for j, inner in enumerate(block):
                if re.fullmatch(r"```\s*", inner):
                    return block[:j]
            msg = f"the ```console block under {HEADING!r} is not closed"
            raise ReadmeError(msg)
    msg = f"no ```console block under {HEADING!r}"
    raise ReadmeError(msg)


def check_syntax(command: str) -> None:
    """Raise ReadmeError when bash cannot parse ``command``; runs nothing."""
    result = subprocess.run(
        ["bash", "-n", "-c", command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        msg = f"bash cannot parse {command!r}: {result.stderr.strip()}"
        raise ReadmeError(msg)


def main(argv: list[str] | None = None) -> int:
    """Print the README's commands, or run one; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readme", type=Path, help="the README.md to read")
    parser.add_argument("--run", choices=NAMES, help="run this command with bash -c")
    args = parser.parse_args(argv)
    try:
        commands = extract(args.readme.read_text(encoding="utf-8"))
        for command in commands.values():
            check_syntax(command)
    except (OSError, ReadmeError) as error:
        print(f"{args.readme}: {error}", file=sys.stderr)
        return 2
    if args.run is None:
        for name, command in commands.items():
            print(f"{name}: {command}")
        return 0
    command = commands[args.run]
    print(f"+ {command}", flush=True)
    result = subprocess.run(["bash", "-c", command], cwd=args.readme.parent, check=False)
    if result.returncode != 0:
        print(f"README's {args.run} command failed (exit {result.returncode})", file=sys.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
