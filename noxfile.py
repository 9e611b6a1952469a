"""Sessions for annbook: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``, ``nox -s serve``.

``nox -s offline`` (not run by default: it needs Chromium) loads the built
book in a browser with the network cut off.

Each session keeps its virtual environment under ``.nox/`` and reuses it on
the next run, so TensorFlow is installed once.
"""

from __future__ import annotations

import os
import shutil
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
HTML = ROOT / "docs" / "_build" / "html"


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, docstring examples included, on every core."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", "--numprocesses=auto", "--dist=worksteal", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the book into docs/_build/html, executing changed chapters."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run(
        "sphinx-build",
        "-b", "html",
        "-n", "-W", "--keep-going", "-T",
        "docs", str(HTML),
        *session.posargs,
    )  # fmt: skip
    session.run("python", "docs/check_book.py")
    session.run("python", "docs/check_site.py", str(HTML))


@nox.session
def offline(session: nox.Session) -> None:
    """Load every built page in headless Chromium with the network cut off (after docs)."""
    chromium = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not chromium.is_file():
        session.error(
            f"No Chromium at {chromium}: install it (Debian: apt-get install chromium) "
            "or set $CHROMIUM to one. Playwright's own browser download is not used."
        )
    if not (HTML / "index.html").is_file():
        session.error(f"No book in {HTML}: build it first with `nox -s docs offline`.")
    session.install(*nox.project.dependency_groups(PYPROJECT, "offline"))
    session.run(
        "python", "docs/check_offline.py", str(HTML), *session.posargs,
        env={"CHROMIUM": str(chromium)},
    )  # fmt: skip


@nox.session
def repro(session: nox.Session) -> None:
    """Build the book twice from clean execution caches and compare what it shows."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    builds = ROOT / "docs" / "_build" / "repro"
    caches = []
    for run in ("first", "second"):
        cache = builds / run / ".jupyter_cache"
        shutil.rmtree(builds / run, ignore_errors=True)
        session.run(
            "sphinx-build", "-b", "html", "-n", "-W", "--keep-going", "-T", "-q",
            "docs", str(builds / run / "html"),
            env={"ANNBOOK_EXECUTION_CACHE": str(cache)},
        )  # fmt: skip
        caches.append(cache)
    session.run(
        "python",
        "docs/check_book.py",
        "--same-as",
        str(caches[1]),
        env={"ANNBOOK_EXECUTION_CACHE": str(caches[0])},
    )


@nox.session
def bench(session: nox.Session) -> None:
    """Measure build, test and training times against the budgets (slow: a cold build)."""
    groups = nox.project.dependency_groups(PYPROJECT, "docs", "test")
    session.install("-e", ".", *groups)
    session.run("python", "benchmarks/bench.py")


@nox.session
def lint(session: nox.Session) -> None:
    """Check the code with ruff: lint rules and formatting."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def serve(session: nox.Session) -> None:
    """Preview the book on http://127.0.0.1:8000, rebuilt on every save (Ctrl-C stops)."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    cache = os.environ.get(
        "ANNBOOK_EXECUTION_CACHE", str(ROOT / "docs" / "_build" / ".jupyter_cache")
    )
    # The flags of `nox -s docs`, so the preview fails where the book build does;
    # conf.py is the same, so only chapters the execution cache says changed run.
    session.run(
        "sphinx-autobuild",
        "-b", "html",
        "-n", "-W", "--keep-going", "-T",
        "--host", "127.0.0.1", "--port", "8000",
        "--watch", str(ROOT / "src" / "annbook"),
        "--ignore", str(ROOT / "docs" / "_build"),
        "--ignore", cache,
        "--ignore", str(ROOT / "docs" / "api" / "generated"),
        "docs", str(HTML),
        *session.posargs,
    )  # fmt: skip
