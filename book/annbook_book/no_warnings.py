"""Run a command, pass its output on as it comes, and fail if any line is a warning.

:func:`annbook_book.build.build_book` runs each Sphinx build through it, and
so does ``python -m annbook_book.no_warnings sphinx-build -b html ...``.

Sphinx's own warnings already fail the build (``-W``), but the chapters'
kernels, and any other process the build starts, write to the same terminal
without Sphinx seeing it: a kernel that warns at start-up would print its
line on every build and pass. Here every line of the command's output and
error streams (merged, in order) is shown, and the command fails when one
holds the word ``WARNING``; the offending lines are repeated at the end.

Ctrl-C reaches the command too (the terminal signals the whole process
group). What the command prints after it (Sphinx reports the interrupted
kernel as an error, with its versions and extensions, and asks for a bug
report) is not passed on; one line says what happened instead, and the exit
status is 130.
"""

from __future__ import annotations

import collections
import re
import signal
import subprocess
import sys

WARNING = re.compile(r"\bWARNING\b")
#: Lines of a quiet command's output shown when it fails.
TAIL = 60


def run(
    command: list[str], *, env: dict[str, str] | None = None, echo: bool = True, seen=None
) -> int:
    """Run ``command``; return its exit status, or 1 if it succeeded but warned.

    ``env`` is the command's environment (default: this one's); with
    ``echo=False`` its output is passed on only if it fails (its last
    :data:`TAIL` lines), and the warning lines are shown at the end either way.
    ``seen``, if given, is called with each line of the output.
    """
    warnings = []
    kept: collections.deque[str] = collections.deque(maxlen=TAIL)
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace",
        env=env,
    ) as process:  # fmt: skip
        try:
            for line in process.stdout:
                if seen is not None:
                    seen(line)
                if echo:
                    sys.stdout.write(line)
                    sys.stdout.flush()
                else:
                    kept.append(line)
                if WARNING.search(line):
                    warnings.append(line.rstrip("\n"))
        except KeyboardInterrupt:
            _stop(process)
            print(INTERRUPTED, file=sys.stderr)
            return 130
    if process.returncode:
        sys.stdout.writelines(kept)
        return process.returncode
    if warnings:
        print(f"\nno_warnings: {len(warnings)} warning line(s) in the output:", file=sys.stderr)
        for line in warnings:
            print(f"  {line}", file=sys.stderr)
        return 1
    return 0


INTERRUPTED = (
    "\nno_warnings: interrupted. The site and the execution cache stay usable: the next "
    "build executes only the chapters that did not finish, and writes every page again."
)


def _stop(process: subprocess.Popen) -> None:
    """Let ``process`` end on the Ctrl-C it received too (or send one), its output dropped."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave it behind
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGINT)  # the signal reached this process alone
    process.communicate()


def main(argv: list[str] | None = None) -> int:
    command = sys.argv[1:] if argv is None else argv
    if not command:
        print("usage: python -m annbook_book.no_warnings COMMAND [ARGUMENT ...]", file=sys.stderr)
        return 2
    return run(command)


if __name__ == "__main__":
    sys.exit(main())
