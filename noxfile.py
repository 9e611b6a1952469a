"""Sessions for annbook: ``nox -s tests``, ``nox -s docs``, ``nox -s lint``, ``nox -s serve``.

``nox -s translations`` brings the catalogs of the translated editions up to
date after an English edit.

``nox -s tests-fast`` runs the tests without the slow ones. ``nox -s offline``
(not run by default: it needs Chromium; CI runs it) loads the built book in a
browser with the network cut off and runs axe-core on every page;
``nox -s repro`` builds the book twice and compares; ``nox -s bench``
measures the budgets. ``nox -s build`` builds annbook's sdist and wheel into
``dist/``; ``nox -s reader`` (after ``docs``) runs every chapter's downloaded
notebook with that wheel alone, outside the repository.

Each session keeps its virtual environment under ``.nox/`` and reuses it on
the next run, so TensorFlow is installed once.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import nox

sys.path.insert(0, str(Path(__file__).parent))  # nox does not put it there

from tools.project import (
    BUILD,
    DOCS,
    EXTENSIONS,
    HTML,
    LOCALES,
    PYTEST_PARALLEL,
    ROOT,
    SPHINX_PARALLEL,
    TRANSLATIONS,
    UNTRANSLATED,
    edition_args,
    edition_build,
    execution_cache,
    sphinx_args,
)

# Install packages with their bytecode compiled. uv skips that by default, and
# where PYTHONDONTWRITEBYTECODE is set nothing writes it later, so every
# process (each chapter's kernel, each test worker) would compile
# TensorFlow's Python source again: `import keras` took 20 s instead of 8 s.
os.environ["UV_COMPILE_BYTECODE"] = "1"

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "tests", "docs"]

PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, docstring examples included, on every core."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *PYTEST_PARALLEL, *session.posargs)


@nox.session(name="tests-fast")
def tests_fast(session: nox.Session) -> None:
    """Run the tests that take a moment: all but those marked slow."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *PYTEST_PARALLEL, "-m", "not slow", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """Build the book into docs/_build/html, executing changed chapters, and check it.

    The English edition is built first, then each translation into
    docs/_build/<language>, copied to docs/_build/html/<language>. A
    translation reads the English edition's execution cache, so it executes
    nothing; it fails on any string its catalogs do not translate.

    Chapters execute in parallel, one Sphinx process per core (``-j auto``;
    ``nox -s docs -- -j 1`` executes them one by one), except those that show
    their own timings (``annbook_execute_alone`` in conf.py), which execute
    first, alone.

    First ``tools.preflight`` checks what would stop the build half-way (a
    damaged data file, a build folder that cannot be written, a full disk)
    and stops it before anything is written, in one line per problem.

    The book check (executed cells, bands, claims, downloads) runs inside the
    builds, at their end; the site check reads the HTML they wrote, and the
    search check runs the Korean edition's table of queries on its index.
    Each build runs through ``tools.no_warnings``, which fails it on any
    WARNING line in its output, also one from a chapter's kernel that Sphinx
    does not see.
    """
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    session.run("python", "-m", "tools.preflight")
    session.run(
        "python", "-m", "tools.no_warnings",
        "sphinx-build", *sphinx_args(HTML), *SPHINX_PARALLEL, *session.posargs,
    )  # fmt: skip
    for language in TRANSLATIONS:
        session.run(
            "python", "-m", "tools.no_warnings",
            "sphinx-build", *edition_args(language), *SPHINX_PARALLEL, *session.posargs,
        )  # fmt: skip
        shutil.rmtree(HTML / language, ignore_errors=True)
        shutil.copytree(edition_build(language) / "html", HTML / language)
    session.run("python", "-m", "tools.check_site", str(HTML))
    session.run("python", "-m", "tools.check_search", str(HTML / "ko"))


@nox.session
def translations(session: nox.Session) -> None:
    """Bring the catalogs in docs/locales up to date with the English text.

    Sphinx extracts every page's strings (``-b gettext``; figure captions come
    from the execution cache, so run it after `nox -s docs`, or it executes the
    chapters first), and sphinx-intl merges them into each language's
    catalogs: a new string gets an empty entry, an edited one a fuzzy entry
    with the old translation, to be checked and unmarked.
    """
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    templates = BUILD / "gettext"
    shutil.rmtree(templates, ignore_errors=True)
    session.run("sphinx-build", "-b", "gettext", "-q", "-T", str(DOCS), str(templates))
    # The API reference stays English; _static holds no page of the book.
    for folder in (*UNTRANSLATED, "_static"):
        shutil.rmtree(templates / folder, ignore_errors=True)
    for language in TRANSLATIONS:
        session.run(
            "sphinx-intl", "update", "--pot-dir", str(templates),
            "--locale-dir", str(DOCS / LOCALES), "--language", language,
        )  # fmt: skip


@nox.session
def build(session: nox.Session) -> None:
    """Build annbook's sdist and wheel into dist/; the wheel carries the data."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "build"))
    shutil.rmtree(ROOT / "dist", ignore_errors=True)
    session.run(
        "python", "-m", "build", "--no-isolation", "--outdir", str(ROOT / "dist"), str(ROOT)
    )


#: Chapters the reader session also runs in full, as the book ran them.
READER_FULL = ("ann",)
#: Runs the fast profile (tests/fast_profile.py) in every kernel of the
#: reader's environment when ANNBOOK_FAST=1, from outside the notebooks.
IPYTHON_STARTUP = """\
import os
import sys

if os.environ.get("ANNBOOK_FAST") == "1":
    sys.path.insert(0, {folder!r})
    import fast_profile

    fast_profile.install_fast_profile()
"""


@nox.session
def reader(session: nox.Session) -> None:
    """Run every chapter's downloaded notebook with the wheel alone, outside the repository.

    After ``nox -s docs``: a fresh virtual environment in a temporary folder
    gets annbook's wheel, built now, nbclient and ipykernel, and nothing
    else; there, each notebook of docs/_build/html/_sources runs in the fast
    profile, and those of READER_FULL in full, in that folder
    (tools/run_notebooks.py). The notebooks' first cell checks that the
    installed package is the one the book ran.
    """
    notebooks = sorted((HTML / "_sources").glob("*.ipynb"))
    if not notebooks:
        session.error(f"No notebooks in {HTML / '_sources'}: build the book first (nox -s docs).")
    session.install(*nox.project.dependency_groups(PYPROJECT, "build"), "uv")
    home = Path(tempfile.mkdtemp(prefix="annbook-reader-"))
    try:
        session.run(
            "python", "-m", "build", "--no-isolation", "--wheel", "--outdir", str(home), str(ROOT)
        )
        venv = home / "venv"
        python = venv / "bin" / "python"
        session.run(
            "uv", "venv", "--quiet", "--python", session.virtualenv.bin + "/python", str(venv)
        )
        wheels = [str(path) for path in home.glob("annbook-*.whl")]
        session.run(
            "uv", "pip", "install", "--python", str(python), *wheels, "nbclient", "ipykernel"
        )
        shutil.copy(ROOT / "tests" / "fast_profile.py", home)
        shutil.copy(ROOT / "tools" / "run_notebooks.py", home)
        startup = home / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-annbook-fast.py").write_text(IPYTHON_STARTUP.format(folder=str(home)))
        copies = [str(shutil.copy(notebook, home)) for notebook in notebooks]
        full = [f"--full={name}" for name in READER_FULL]
        session.chdir(home)
        session.run(
            str(python), "run_notebooks.py", f"--repository={ROOT}", *full, *copies,
            env={"IPYTHONDIR": str(home / "ipython"), "JUPYTER_DATA_DIR": str(home / "jupyter"),
                 "MPLBACKEND": "Agg", "PYTHONPATH": None, "TF_CPP_MIN_LOG_LEVEL": "1"},
            external=True,
        )  # fmt: skip
    finally:
        session.chdir(ROOT)
        shutil.rmtree(home, ignore_errors=True)


@nox.session
def offline(session: nox.Session) -> None:
    """Load every built page in headless Chromium, network cut off, and run axe-core (after docs)."""
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
        "python", "-m", "tools.check_offline", str(HTML), *session.posargs,
        env={"CHROMIUM": str(chromium)},
    )  # fmt: skip


@nox.session
def repro(session: nox.Session) -> None:
    """Build the book twice from clean execution caches and compare what it shows."""
    session.install("-e", ".", *nox.project.dependency_groups(PYPROJECT, "docs"))
    builds = BUILD / "repro"
    caches = []
    for run in ("first", "second"):
        cache = builds / run / ".jupyter_cache"
        shutil.rmtree(builds / run, ignore_errors=True)
        session.run(
            "sphinx-build", *sphinx_args(builds / run / "html", "-q"),
            env={"ANNBOOK_EXECUTION_CACHE": str(cache)},
        )  # fmt: skip
        caches.append(cache)
    session.run(
        "python", "-m", "annbook_book", "--same-as", str(caches[1]),
        env={"ANNBOOK_EXECUTION_CACHE": str(caches[0]), "PYTHONPATH": str(EXTENSIONS)},
    )  # fmt: skip


@nox.session
def bench(session: nox.Session) -> None:
    """Measure build, test and training times against the budgets, on a copy (slow: a cold build).

    It builds as ``nox -s docs`` does; ``nox -s bench -- --jobs 1`` builds one
    chapter at a time.
    """
    groups = nox.project.dependency_groups(PYPROJECT, "docs", "test")
    session.install("-e", ".", *groups)
    session.run("python", "-m", "tools.bench", *session.posargs)


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
    # The options of `nox -s docs`, so the preview fails where the book build
    # does; conf.py is the same, so only chapters the execution cache says
    # changed run.
    watch = [
        "--host", "127.0.0.1", "--port", "8000",
        "--watch", str(ROOT / "src" / "annbook"),
        "--ignore", str(BUILD),
        "--ignore", str(execution_cache()),
        "--ignore", str(ROOT / "docs" / "api" / "generated"),
    ]  # fmt: skip
    session.run("python", "-m", "tools.preflight")
    session.run("sphinx-autobuild", *sphinx_args(HTML, *watch), *session.posargs)
