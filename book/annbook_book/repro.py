"""Repeatable runs: build the book twice from clean execution caches, compare what it shows.

``nox -s repro`` runs ``python -m annbook_book repro``: two builds of the
book as ``nox -s docs`` makes them (:func:`annbook_book.build.build_book`,
both editions and their checks), each into its own build folder under
``docs/_build/repro`` with its own new execution cache, then the book
check's comparison (:func:`annbook_book.checks.book.compare_caches`) of
every text and number they show.
"""

from __future__ import annotations

import argparse
import os
import shutil

from annbook_book import layout
from annbook_book.build import build_book
from annbook_book.checks.book import main as check_book

FOLDER = layout.BUILD / "repro"


def main(argv: list[str] | None = None) -> int:
    # No arguments; --help says what the command does.
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    caches = []
    for run in ("first", "second"):
        build = FOLDER / run
        cache = build / ".jupyter_cache"
        shutil.rmtree(build, ignore_errors=True)
        env = {**os.environ, "ANNBOOK_EXECUTION_CACHE": str(cache)}
        result = build_book(layout.DOCS, "-q", env=env, build=build)
        if result.status:
            return result.status
        caches.append(cache)
    os.environ["ANNBOOK_EXECUTION_CACHE"] = str(caches[0])
    return check_book(["--same-as", str(caches[1])])
