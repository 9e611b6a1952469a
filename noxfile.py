"""Sessions for annbook: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``, ``nox -s serve``.

``nox -s translations`` brings the catalogs of the translated editions up to
date after an English edit.

``nox -s tests-fast`` runs the tests without those that build a small book or
train a model (markers ``build`` and ``train``). ``nox -s tests-matrix`` runs
them on every Python that pyproject.toml's classifiers name, each with the
newest releases annbook's requirements allow and with the oldest
(``lowest-direct``); ``nox -s docs-matrix`` builds the book on each. ``nox -s offline``
(not run by default: it needs Chromium; CI runs it) loads the built book in a
browser with the network cut off and runs axe-core on every page;
``nox -s repro`` builds the book twice and compares; ``nox -s bench``
measures the budgets. ``nox -s build`` builds annbook's sdist and wheel into
``dist/``; ``nox -s pdf`` (after ``docs``; it needs TeX Live) builds and checks the PDF of each
edition; ``nox -s reader`` (after ``docs``) checks that every chapter's
downloaded notebook reads as its page, and runs each with that wheel alone,
outside the repository.

Each session keeps its virtual environment under ``.nox/`` and reuses it on
the next run, so TensorFlow is installed once. The sessions that build or
check the book install annbook and the book's machinery, ``book/`` (the
``annbook_book`` package), and run its commands, ``python -m annbook_book
...``; this file imports nothing of the project.
"""

from __future__ import annotations

import os
from pathlib import Path

import nox

# Install packages with their bytecode compiled. uv skips that by default, and
# where PYTHONDONTWRITEBYTECODE is set nothing writes it later, so every
# process (each chapter's kernel, each test worker) would compile
# TensorFlow's Python source again: `import keras` took 20 s instead of 8 s.
os.environ["UV_COMPILE_BYTECODE"] = "1"

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests", "docs"]
# The matrix runs on the Pythons found on this machine (PATH, pyenv, uv's
# own): one that is missing is reported, and fails the run on CI (where
# $CI is set, or with --error-on-missing-interpreters), never downloaded.
nox.options.download_python = "never"

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
#: annbook and the book's machinery, both editable.
PROJECT = ("-e", str(ROOT), "-e", str(ROOT / "book"))
#: The Pythons annbook supports: its classifiers, "Programming Language :: Python :: 3.x".
PYTHONS = nox.project.python_versions(PYPROJECT)
#: The versions of annbook's requirements a matrix cell installs: the newest
#: its bounds allow, or the oldest (uv's lowest-direct: each requirement at
#: its lower bound, or the oldest release this Python has a wheel of).
RESOLUTIONS = {"newest": "highest", "lowest": "lowest-direct"}
#: The cells CI runs beside the README's commands (which run the tests on the
#: system's Python with the newest releases): the two ends of the matrix.
CI_CELLS = {(PYTHONS[-1], "newest"), (PYTHONS[0], "lowest")}


def install(session: nox.Session, *groups: str, project: bool = True) -> None:
    """Install the dependency ``groups`` of pyproject.toml, with annbook and book/ if ``project``."""
    packages = nox.project.dependency_groups(PYPROJECT, *groups) if groups else ()
    session.install(*(PROJECT if project else ()), *packages)


def annbook_book(session: nox.Session, *args: str, **kwargs) -> None:
    """Run one of the book's commands, ``python -m annbook_book ...``."""
    session.run("python", "-m", "annbook_book", *args, **kwargs)


def pytest_recorded(session: nox.Session, resolution: str) -> None:
    """Run the whole test suite; when it passes, record what it ran on for the book's box.

    A run of part of it (arguments after ``--``) is not recorded.
    """
    session.run("pytest", *session.posargs)
    if session.posargs:
        session.log("not recorded for the book: the tests ran with arguments")
    else:
        annbook_book(session, "tested", resolution)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, docstring examples included, on every core."""
    install(session, "test")
    pytest_recorded(session, "newest")


@nox.session(name="tests-matrix")
@nox.parametrize(
    ("python", "resolution"),
    [
        nox.param(python, resolution, id=f"{python}-{resolution}",
                  tags=["ci"] if (python, resolution) in CI_CELLS else [])
        for python in PYTHONS
        for resolution in RESOLUTIONS
    ],
)  # fmt: skip
def tests_matrix(session: nox.Session, resolution: str) -> None:
    """Run the test suite on one Python with the newest or the oldest releases annbook allows.

    ``nox -s tests-matrix`` runs every cell; ``-p 3.13`` those of one
    Python, ``-k lowest`` those of one resolution, ``-t ci`` the two CI
    runs. Each cell that passes records what it ran on in the build folder,
    for the book's "Tested with" box (:mod:`annbook_book.publishing.tested`).
    """
    if session.venv_backend != "uv":
        session.error("tests-matrix resolves the oldest versions with uv: pip install 'nox[uv]'")
    packages = nox.project.dependency_groups(PYPROJECT, "test")
    session.install(*PROJECT, *packages, env={"UV_RESOLUTION": RESOLUTIONS[resolution]})
    pytest_recorded(session, resolution)


@nox.session(name="tests-fast")
def tests_fast(session: nox.Session) -> None:
    """Run the tests that take a moment: all but those that build a book or train a model."""
    install(session, "test")
    session.run("pytest", "-m", "not build and not train", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the book into docs/_build/html, executing changed chapters, and check it.

    ``python -m annbook_book build`` (:func:`annbook_book.build.build_book`):
    the preflight, the English edition (``-j auto``; ``nox -s docs -- -j 1``
    executes the chapters one by one), the Korean edition (it executes
    nothing) copied to docs/_build/html/ko, then the site and search checks;
    any WARNING line in a build's output fails it.
    """
    install(session, "docs")
    annbook_book(session, "build", *session.posargs)


@nox.session(name="docs-matrix", python=PYTHONS)
def docs_matrix(session: nox.Session) -> None:
    """Build the book as ``nox -s docs`` does, on each Python of the matrix (``-p`` picks one).

    Each build executes every chapter again (the Python's version is part of
    each chapter's cache key) and leaves its book in docs/_build/html.
    """
    install(session, "docs")
    annbook_book(session, "build", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """Bring the catalogs in docs/locales up to date with the English text (after docs)."""
    install(session, "docs")
    annbook_book(session, "translations")


@nox.session
def build(session: nox.Session) -> None:
    """Build annbook's sdist and wheel into dist/; the wheel carries the data."""
    install(session, "build", project=False)
    dist = ROOT / "dist"
    session.run("python", "-c", f"import shutil; shutil.rmtree({str(dist)!r}, ignore_errors=True)")
    session.run("python", "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT))


@nox.session
def reader(session: nox.Session) -> None:
    """Check that every downloaded notebook reads as its page, then run them with the wheel alone.

    After ``nox -s docs``. The notebooks of both editions are rendered with
    nbconvert (:mod:`annbook_book.checks.notebooks`); then, see
    :mod:`annbook_book.reader`, they run in a new environment outside the
    repository that holds annbook's wheel and nothing of this one.
    """
    session.install(*PROJECT, "uv", *nox.project.dependency_groups(PYPROJECT, "notebooks"))
    annbook_book(session, "check-notebooks")
    annbook_book(session, "reader")


@nox.session
def offline(session: nox.Session) -> None:
    """Load every built page in headless Chromium, network cut off, and run axe-core (after docs).

    It needs Chromium at /usr/bin/chromium or $CHROMIUM; Playwright's own
    browser download is not used.
    """
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.is_file():
        session.error(
            f"No Chromium at {chromium}: install it (Debian: apt-get install chromium) "
            "or set $CHROMIUM to one. Playwright's own browser download is not used."
        )
    install(session, "offline")
    annbook_book(session, "offline", *session.posargs, env={"CHROMIUM": str(chromium)})


@nox.session
def pdf(session: nox.Session) -> None:
    """Build the book as a PDF in each edition from the executed chapters, and check them (after docs).

    :mod:`annbook_book.pdf`: Sphinx's LaTeX builder reads the chapters from
    the execution cache (it fails if one would execute: build the HTML first),
    XeLaTeX typesets them, and each PDF is copied into its edition's site;
    then :mod:`annbook_book.checks.pdf` checks them. It needs TeX Live, the
    Korean fonts and poppler-utils from Debian (see CONTRIBUTING).
    """
    install(session, "docs")
    annbook_book(session, "pdf", *session.posargs)
    annbook_book(session, "check-pdf")


@nox.session
def repro(session: nox.Session) -> None:
    """Build the book twice from clean execution caches and compare what it shows."""
    install(session, "docs")
    annbook_book(session, "repro")


@nox.session
def bench(session: nox.Session) -> None:
    """Measure build, test and training times against the budgets, on a copy (slow: a cold build).

    It builds as ``nox -s docs`` does; ``nox -s bench -- --jobs 1`` builds one
    chapter at a time.
    """
    install(session, "docs", "test")
    annbook_book(session, "bench", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Check the code with ruff: lint rules and formatting."""
    install(session, "lint", project=False)
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def serve(session: nox.Session) -> None:
    """Preview the book on http://127.0.0.1:8000, rebuilt on every save (Ctrl-C stops).

    Arguments after ``--`` go to sphinx-autobuild; see :mod:`annbook_book.serve`.
    """
    install(session, "docs")
    annbook_book(session, "serve", *session.posargs)
