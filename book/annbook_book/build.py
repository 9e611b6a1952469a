"""Build the book: the one way it is built, by ``nox -s docs``, the benchmark and the tests.

:func:`build_book` runs, in order, stopping at the first failure:

1. the preflight (:mod:`annbook_book.preflight`): what would stop the build
   half-way (a damaged data file, a build folder that cannot be written, a
   full disk), named in one line each before anything is written;
2. the English edition into ``_build/html``, one Sphinx process per core
   (``-j auto``) unless told otherwise; chapters execute in cache mode, and
   the book check runs at the end of the build, inside it;
3. each translated edition whose catalogs the book has, into
   ``_build/<language>``, copied to ``_build/html/<language>``; it reads the
   English edition's execution cache, so it executes nothing;
4. the site check (:mod:`annbook_book.checks.site`) on the written site, and
   the search check (:mod:`annbook_book.checks.search`) on the Korean edition.

Each Sphinx build runs through :mod:`annbook_book.no_warnings`, which fails it
on any ``WARNING`` line in its output, also one from a chapter's kernel that
Sphinx does not see. Run it with ``python -m annbook_book build [SPHINX
ARGUMENTS ...]``.
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import layout, no_warnings, preflight
from .checks import search, site
from .execution.cache import open_cache


@dataclass
class BuildResult:
    """What a build of the book ran.

    Attributes
    ----------
    status : int
        The exit status: 0 when every step passed.
    seconds : dict of str to float
        Seconds per step that ran, in order: ``"preflight"``, each edition by
        its language (``"en"``, ``"ko"``), ``"site check"``, ``"search check"``.
    executed : dict of str to dict of str to float
        By edition, the chapters it executed and their execution seconds (new
        records in the execution cache).
    """

    status: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    executed: dict[str, dict[str, float]] = field(default_factory=dict)


def cache_folder(docs: Path, env: dict[str, str] | None = None) -> Path:
    """Return the execution cache the book in ``docs`` uses when built with ``env``.

    Examples
    --------
    >>> cache_folder(Path("docs"), {}).as_posix()
    'docs/_build/.jupyter_cache'
    >>> cache_folder(Path("docs"), {"ANNBOOK_EXECUTION_CACHE": "/tmp/c"}).as_posix()
    '/tmp/c'
    """
    environment = os.environ if env is None else env
    if "ANNBOOK_EXECUTION_CACHE" in environment:
        return Path(environment["ANNBOOK_EXECUTION_CACHE"])
    return docs / layout.BUILD_FOLDER / ".jupyter_cache"


def cache_records(cache: Path) -> dict[int, tuple[str, float]]:
    """Return the records of an execution cache: chapter and execution seconds, by record id."""
    if not cache.exists():
        return {}
    with open_cache(cache) as opened:
        return {
            record.pk: (Path(record.uri).stem, record.data.get("execution_seconds", math.nan))
            for record in opened.list_cache_records()
        }


def translations(docs: Path) -> list[str]:
    """Return the languages of :data:`~annbook_book.layout.TRANSLATIONS` the book has catalogs of."""
    return [
        language for language in layout.TRANSLATIONS if (docs / layout.LOCALES / language).is_dir()
    ]


def build_book(
    docs: Path = layout.DOCS,
    *sphinx_args: str,
    jobs: str = layout.SPHINX_PARALLEL[1],
    env: dict[str, str] | None = None,
    echo: bool = True,
) -> BuildResult:
    """Build the book in ``docs`` into ``docs/_build/html``, both editions, and check it.

    Parameters
    ----------
    docs : Path, default=the book's
        The book's source folder (with ``conf.py``).
    *sphinx_args : str
        More arguments for every ``sphinx-build``, after the book's own
        (:data:`~annbook_book.layout.SPHINX_OPTIONS`); ``-j 1`` overrides ``jobs``.
    jobs : str, default="auto"
        ``sphinx-build``'s ``-j``: a number of processes, or ``auto``.
    env : dict of str to str, optional
        The environment of the Sphinx processes (default: this one's).
    echo : bool, default=True
        Pass the builds' output on as it comes (warnings fail the build either way).

    Returns
    -------
    BuildResult
    """
    if not (docs / "conf.py").is_file():
        msg = f"docs must be a book's source folder, with a conf.py: docs={str(docs)!r}"
        raise ValueError(msg)
    result = BuildResult()
    cache = cache_folder(docs, env)
    html = docs / layout.BUILD_FOLDER / "html"

    def step(name: str, run, *args) -> bool:
        start = time.perf_counter()
        status = run(*args)
        result.seconds[name] = round(time.perf_counter() - start, 1)
        result.status = status
        return status == 0

    def edition(language: str, args: list[str]) -> int:
        before = cache_records(cache)
        command = [sys.executable, "-m", "sphinx", *args]
        status = no_warnings.run(command, env=env, echo=echo)
        new = {pk: record for pk, record in cache_records(cache).items() if pk not in before}
        result.executed[language] = {name: round(run, 1) for name, run in sorted(new.values())}
        return status

    if not step("preflight", preflight.main, [str(html.parent), str(cache)]):
        return result
    parallel = ("-j", jobs)
    args = layout.sphinx_args(html, *parallel, *sphinx_args, source=docs)
    if not step("en", edition, "en", args):
        return result
    for language in translations(docs):
        args = layout.edition_args(language, *parallel, *sphinx_args, source=docs)
        if not step(language, edition, language, args):
            return result
        shutil.rmtree(html / language, ignore_errors=True)
        shutil.copytree(layout.edition_build(language, docs) / "html", html / language)
    if step("site check", site.main, [str(html)]) and layout.KOREAN in translations(docs):
        step("search check", search.main, [str(html / layout.KOREAN)])
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m annbook_book build [--docs DIR] [SPHINX ARGUMENTS ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m annbook_book build", description=__doc__.split("\n\n")[0],
        epilog="Other arguments go to every sphinx-build, e.g. -j 1 or -D nb_execution_mode=off.",
    )  # fmt: skip
    parser.add_argument("--docs", type=Path, default=layout.DOCS, help="the book's source folder")
    args, sphinx_args = parser.parse_known_args(argv)
    result = build_book(args.docs, *sphinx_args)
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result.seconds.items())
    executed = sorted({name for chapters in result.executed.values() for name in chapters})
    print(f"annbook: {steps}; chapters executed: {', '.join(executed) or 'none'}", file=sys.stderr)
    return result.status
