"""What annbook's tests passed on: one record per run of the test matrix, read by the book.

``nox -s tests`` and each cell of ``nox -s tests-matrix`` (a Python, with the
newest or the oldest releases annbook's requirements allow) run ``python -m
annbook_book tested RESOLUTION`` after the whole test suite has passed, in
the environment the tests ran in. It writes what that environment holds into
``docs/_build/tested/<python>-<resolution>.json``: the Python, the versions of
annbook's requirements and the fingerprint of annbook's code
(:func:`annbook.book.code_fingerprint`).

The book's "Tested with" box and its execution report name the records whose
fingerprint is that of the code the book publishes, and only those: a record
of other code, or none at all, is not shown. A build therefore names what was
tested in the same clone before it (CI runs the matrix's two ends before the
book), and never a run it cannot know of.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
from importlib.metadata import version as installed_version
from pathlib import Path

from annbook.book import code_fingerprint
from annbook_book import layout
from annbook_book.execution.keys import fingerprinted_packages, package_folder
from annbook_book.i18n.messages import translation

FOLDER = layout.BUILD / "tested"
#: How the test environment's releases were chosen (``nox -s tests-matrix``).
RESOLUTIONS = ("newest", "lowest")


def record(resolution: str, folder: Path = FOLDER) -> Path:
    """Write what this environment holds as a passed run of the tests; return the file.

    Parameters
    ----------
    resolution : {"newest", "lowest"}
        Whether the environment holds the newest releases annbook's
        requirements allow, or the oldest.
    folder : Path
        Where the records are kept.
    """
    if resolution not in RESOLUTIONS:
        msg = f"resolution must be one of {RESOLUTIONS}: resolution={resolution!r}"
        raise ValueError(msg)
    run = {
        "python": platform.python_version(),
        "resolution": resolution,
        "versions": {name: installed_version(name) for name in fingerprinted_packages()},
        "annbook": code_fingerprint(package_folder()),
        "date": f"{dt.datetime.now(dt.UTC):%Y-%m-%d}",
    }
    folder.mkdir(parents=True, exist_ok=True)
    minor = ".".join(run["python"].split(".")[:2])
    path = folder / f"{minor}-{resolution}.json"
    path.write_text(json.dumps(run, indent=2) + "\n", "utf-8")
    return path


def passed(folder: Path = FOLDER, fingerprint: str | None = None) -> list[dict]:
    """Return the recorded runs of the code with ``fingerprint`` (default: annbook's now).

    They are sorted by Python version, the newest releases first.
    """
    fingerprint = fingerprint or code_fingerprint(package_folder())
    runs = [json.loads(path.read_text("utf-8")) for path in sorted(folder.glob("*.json"))]

    def order(run: dict) -> tuple:
        python = tuple(int(part) for part in run["python"].split(".")[:3] if part.isdigit())
        return python, RESOLUTIONS.index(run["resolution"])

    return sorted((run for run in runs if run.get("annbook") == fingerprint), key=order)


def describe(runs: list[dict], language: str = "en", versions: bool = False) -> str:
    """Return the runs as a line in ``language``: each Python with its releases, versions if asked.

    Examples
    --------
    >>> runs = [
    ...     {"python": "3.11.2", "resolution": "newest", "versions": {"numpy": "2.5.5"}},
    ...     {"python": "3.11.2", "resolution": "lowest", "versions": {"numpy": "1.26.0"}},
    ...     {"python": "3.13.0", "resolution": "newest", "versions": {"numpy": "2.5.5"}},
    ... ]
    >>> describe(runs)
    'passed on Python 3.11.2 (newest releases, oldest releases), 3.13.0 (newest releases)'
    >>> describe(runs[1:2], versions=True)
    'passed on Python 3.11.2 oldest releases (numpy 1.26.0)'
    >>> describe([])
    'have no run recorded for this code (`nox -s tests-matrix`)'
    """
    _ = translation(language).gettext
    if not runs:
        return _("have no run recorded for this code (`nox -s tests-matrix`)")
    names = {"newest": _("newest releases"), "lowest": _("oldest releases")}
    if versions:
        line = "; ".join(
            f"Python {run['python']} {names[run['resolution']]} ("
            + ", ".join(f"{name} {number}" for name, number in run["versions"].items())
            + ")"
            for run in runs
        )
    else:
        pythons: dict[str, list[str]] = {}
        for run in runs:
            pythons.setdefault(run["python"], []).append(names[run["resolution"]])
        line = "Python " + ", ".join(
            f"{python} ({', '.join(kinds)})" for python, kinds in pythons.items()
        )
    return _("passed on {runs}").format(runs=line)


def main(argv: list[str] | None = None) -> int:
    """``python -m annbook_book tested RESOLUTION``: record a passed run of the tests."""
    parser = argparse.ArgumentParser(
        prog="python -m annbook_book tested", description=main.__doc__.split(": ")[1]
    )
    parser.add_argument("resolution", choices=RESOLUTIONS)
    path = record(parser.parse_args(argv).resolution)
    print(f"annbook: the tests passed; recorded in {path}")
    return 0
