"""Sessions for annbook: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``, ``nox -s serve``.

``nox -s translations`` brings the catalogs of the translated editions up to
date after an English edit.

``nox -s tests-fast`` runs the tests without those that build a small book or
train a model (markers ``build`` and ``train``). ``nox -s offline``
(not run by default: it needs Chromium; CI runs it) loads the built book in a
browser with the network cut off and runs axe-core on every page;
``nox -s repro`` builds the book twice and compares; ``nox -s bench``
measures the budgets. ``nox -s build`` builds annbook's sdist and wheel into
``dist/``; ``nox -s reader`` (after ``docs``) runs every chapter's downloaded
notebook with that wheel alone, outside the repository.

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

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
#: annbook and the book's machinery, both editable.
PROJECT = ("-e", str(ROOT), "-e", str(ROOT / "book"))


def install(session: nox.Session, *groups: str, project: bool = True) -> None:
    """Install the dependency ``groups`` of pyproject.toml, with annbook and book/ if ``project``."""
    packages = nox.project.dependency_groups(PYPROJECT, *groups) if groups else ()
    session.install(*(PROJECT if project else ()), *packages)


def annbook_book(session: nox.Session, *args: str, **kwargs) -> None:
    """Run one of the book's commands, ``python -m annbook_book ...``."""
    session.run("python", "-m", "annbook_book", *args, **kwargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, docstring examples included, on every core."""
    install(session, "test")
    session.run("pytest", *session.posargs)


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
    """Run every chapter's downloaded notebook with the wheel alone, outside the repository.

    After ``nox -s docs``; see :mod:`annbook_book.reader`. The notebooks run
    in a new environment that holds annbook's wheel and nothing of this one.
    """
    session.install(*PROJECT, "uv")
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
