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

A build that passed every step leaves a stamp in the build folder
(:data:`STAMP`): a digest of what it read and wrote (:func:`state_digest`).
When nothing of it changed since, the next build does nothing and says so:
the site is the one that passed, and another build would write the same.

Each Sphinx build runs through :mod:`annbook_book.no_warnings`, which fails it
on any ``WARNING`` line in its output, also one from a chapter's kernel that
Sphinx does not see. Run it with ``python -m annbook_book build [SPHINX
ARGUMENTS ...]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import importlib.metadata
import json
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

#: In the build folder: the digest of the last build that passed every step.
STAMP = "annbook-passed.json"
#: In the build folder: modified when the last site check that passed started.
SITE_CHECKED = "annbook-site-checked"
#: Folders of the build folder that other commands own (the benchmark, ``repro``, the PDF).
NOT_THE_BUILDS = frozenset({"bench", "repro", layout.LATEX_FOLDER})
#: Files the PDF's build (``python -m annbook_book pdf``) puts into the site.
PDFS = frozenset(layout.pdf_name(language) for language in ("en", *layout.TRANSLATIONS))


def _files(folder: Path, skip):
    """Yield (path, size, modification time) of the files under ``folder``, less ``skip``."""
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in sorted(entries, key=lambda entry: entry.name):
        if skip(entry):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _files(Path(entry.path), skip)
        elif entry.is_file():
            stat = entry.stat()
            yield entry.path, stat.st_size, stat.st_mtime_ns


def mirror(source: Path, target: Path) -> None:
    """Make folder ``target`` a copy of ``source``, copying only the files that differ.

    A file is copied (with its modification time) when ``target`` lacks it
    or has it with another size or modification time; what ``source`` lacks
    is deleted from ``target``.
    """
    target.mkdir(parents=True, exist_ok=True)
    wanted = {entry.name: entry for entry in os.scandir(source)}
    for entry in os.scandir(target):
        kind = wanted.get(entry.name)
        if kind is None or kind.is_dir() != entry.is_dir(follow_symlinks=False):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    for name, entry in wanted.items():
        destination = target / name
        if entry.is_dir():
            mirror(Path(entry.path), destination)
            continue
        stat = entry.stat()
        try:
            present = destination.stat()
        except FileNotFoundError:
            present = None
        if present is None or (present.st_size, present.st_mtime_ns) != (
            stat.st_size, stat.st_mtime_ns
        ):  # fmt: skip
            shutil.copy2(entry.path, destination)


def state_digest(docs: Path, build: Path, cache: Path, sphinx_args: tuple[str, ...], env) -> str:
    """Return a SHA-256 of what a build of ``docs`` into ``build`` reads and writes, as it is now.

    Read: the files of the project that holds ``docs`` (its hidden folders,
    ``__pycache__`` and the build folders left out) and of this package,
    by size and modification time, as Sphinx compares sources; the Python
    that runs the build, ``sys.path`` and the installed distributions with
    their versions (not the folders' modification times: ``nox`` touches
    them on every run, installing nothing), the arguments,
    and the environment's ``PYTHONPATH`` and ``ANNBOOK_*`` variables.
    Written: every file of the build folder (less :data:`STAMP`, the
    folders of :data:`NOT_THE_BUILDS` and the PDFs) and of the execution cache ``cache``.
    """
    build, cache = build.resolve(), cache.resolve()
    builds = {build, cache, (docs / layout.BUILD_FOLDER).resolve()}
    digest = hashlib.sha256()
    environment = os.environ if env is None else env
    settings = {
        "python": [sys.executable, sys.version],
        "arguments": list(sphinx_args),
        "environment": sorted(
            (name, value) for name, value in environment.items()
            if name == "PYTHONPATH" or name.startswith("ANNBOOK_")
        ),
        "path": sys.path,
        "installed": sorted(
            [distribution.metadata["Name"] or "", distribution.version]
            for distribution in importlib.metadata.distributions()
        ),
    }  # fmt: skip
    digest.update(json.dumps(settings).encode())

    def source_skip(entry: os.DirEntry) -> bool:
        return (
            entry.name.startswith(".") or entry.name == "__pycache__" or Path(entry.path) in builds
        )

    def build_skip(entry: os.DirEntry) -> bool:
        path = Path(entry.path)
        return (
            path == build / STAMP
            or (path.parent == build and entry.name in NOT_THE_BUILDS)
            or entry.name in PDFS
        )

    here = Path(__file__).resolve().parent
    for folder, skip in (
        (docs.resolve().parent, source_skip),
        (here, source_skip),
        (build, build_skip),
        (cache, build_skip),
    ):
        for path, size, modified in _files(folder, skip):
            digest.update(f"{path}\0{size}\0{modified}\n".encode())
    return digest.hexdigest()


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
    build: Path | None = None,
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
    build : Path, optional
        The build folder (default: the book's, ``docs/_build``): the site
        lands in its ``html``.

    Returns
    -------
    BuildResult
    """
    if not (docs / "conf.py").is_file():
        msg = f"docs must be a book's source folder, with a conf.py: docs={str(docs)!r}"
        raise ValueError(msg)
    result = BuildResult()
    cache = cache_folder(docs, env)
    build = docs / layout.BUILD_FOLDER if build is None else build
    html = build / "html"
    stamp = build / STAMP
    settings = (*sphinx_args, "-j", jobs)
    start = time.perf_counter()
    if stamp.is_file() and stamp.read_text() == state_digest(docs, build, cache, settings, env):
        result.seconds["up to date"] = round(time.perf_counter() - start, 1)
        print(
            f"annbook: nothing changed since the last build of {docs}, which passed "
            f"every step: the site is up to date (delete {stamp} to build anyway)",
            file=sys.stderr,
        )
        return result
    stamp.unlink(missing_ok=True)

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
        args = layout.edition_args(language, *parallel, *sphinx_args, source=docs, build=build)
        if not step(language, edition, language, args):
            return result
        mirror(layout.edition_build(language, docs, build) / "html", html / language)
    # The pages written since the last site check that passed; a page that did not change
    # passed then.
    checked = build / SITE_CHECKED
    started = time.time_ns()
    if step("site check", site.main, [str(html), "--newer-than", str(checked)]):
        checked.touch()
        os.utime(checked, ns=(started, started))
        if layout.KOREAN in translations(docs):
            step("search check", search.main, [str(html / layout.KOREAN)])
    if result.status == 0:
        stamp.write_text(state_digest(docs, build, cache, settings, env))
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m annbook_book build [--docs DIR] [SPHINX ARGUMENTS ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m annbook_book build", description=__doc__.split("\n\n")[0],
        epilog="Other arguments go to every sphinx-build, e.g. -j 1 or -D nb_execution_mode=off.",
    )  # fmt: skip
    parser.add_argument("--docs", type=Path, default=layout.DOCS, help="the book's source folder")
    parser.add_argument(
        "--report", type=Path, metavar="FILE",
        help="write what the build ran (BuildResult) to FILE, as JSON",
    )  # fmt: skip
    args, sphinx_args = parser.parse_known_args(argv)
    result = build_book(args.docs, *sphinx_args)
    if args.report:
        args.report.write_text(json.dumps(dataclasses.asdict(result), indent=2) + "\n")
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result.seconds.items())
    executed = sorted({name for chapters in result.executed.values() for name in chapters})
    print(f"annbook: {steps}; chapters executed: {', '.join(executed) or 'none'}", file=sys.stderr)
    return result.status
