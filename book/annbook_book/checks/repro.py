"""Repeatable runs: build the book twice from clean execution caches, compare what it shows.

``nox -s repro`` runs ``python -m annbook_book repro``: two builds of the
English edition, each with its own new execution cache under
``docs/_build/repro``, then the book check's comparison
(:func:`annbook_book.checks.book.compare_caches`) of every text and number
they show.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from annbook_book import layout

from .book import main as check_book

FOLDER = layout.BUILD / "repro"


def main(argv: list[str] | None = None) -> int:  # noqa: ARG001
    caches = []
    for run in ("first", "second"):
        cache = FOLDER / run / ".jupyter_cache"
        shutil.rmtree(FOLDER / run, ignore_errors=True)
        subprocess.run(
            [sys.executable, "-m", "sphinx", *layout.sphinx_args(FOLDER / run / "html", "-q")],
            env={**os.environ, "ANNBOOK_EXECUTION_CACHE": str(cache)},
            check=True,
        )
        caches.append(cache)
    os.environ["ANNBOOK_EXECUTION_CACHE"] = str(caches[0])
    return check_book(["--same-as", str(caches[1])])
