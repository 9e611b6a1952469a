"""Small books for the tests of the book's machinery, and the two ways to build one.

Every small book is a copy of ``tests/books/small`` (its ``conf.py`` runs the
book's own configuration, with the book's extension, static files and
templates), in which a test may replace the chapters and plant modules in a
copy of annbook:

- ``small_book``: a fresh copy in the test's folder (:class:`SmallBook`);
- ``sphinx_build``: builds a small book in the test's own process, with
  ``sphinx.testing`` (no new Python, no Sphinx to import again): for every
  test where no kernel's start, no ``-j`` and no signal is under test;
- ``built_book``: the small book as it is on disk, built once (English), for
  the tests that only read what it shows;
- :meth:`SmallBook.build`: ``python -m annbook_book build`` in a new process,
  as ``nox -s docs`` builds the book, for the tests of the kernel, ``-j`` and
  Ctrl-C.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

from sphinx.testing.util import SphinxTestApp

from annbook_book import layout

#: The book's machinery, whose warnings always fail a test.
BOOK_CODE = Path(layout.__file__).parent
#: The small book, as it is on disk.
SMALL = Path(__file__).parents[1] / "books" / "small"


def chapter(*cells: str) -> str:
    """Return a chapter's Markdown with these code cells."""
    code = "".join(f"\n```{{code-cell}} ipython3\n{cell}\n```\n" for cell in cells)
    return (
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  name: annbook\n  display_name: Python 3 (annbook)\n  language: python\n"
        f"---\n\n# A chapter\n\nProse.\n{code}"
    )


def write(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` (path in ``folder``: text, dedented) into ``folder``."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), "utf-8")


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` once in the file at ``path``; fail if it lacks ``old``."""
    text = path.read_text()
    assert old in text, f"{path.name} lacks {old!r}"
    path.write_text(text.replace(old, new, 1))


def copy_annbook(root: Path) -> Path:
    """Copy annbook, with its data, into ``root/src/annbook``; return that folder."""
    package = root / "src" / "annbook"
    shutil.copytree(
        layout.ROOT / "src" / "annbook", package, ignore=shutil.ignore_patterns("__pycache__")
    )
    return package


class SmallBook:
    """A copy of the small book in ``root/docs``; ``root`` is a project (``src/annbook``).

    Its annbook is the installed one until :meth:`plant` copies it into
    ``root/src`` (a build in a new process then runs on that copy).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.docs = root / "docs"
        shutil.copytree(SMALL, self.docs, ignore=shutil.ignore_patterns("_build", "__pycache__"))
        self.html = self.docs / layout.BUILD_FOLDER / "html"

    def chapters(self, chapters: dict[str, str]) -> SmallBook:
        """Make ``chapters`` (name: Markdown) the book's only chapters, with empty bands."""
        for name in ("chapter", "section"):
            (self.docs / f"{name}.md").unlink()
        toctree = "\n".join(chapters)
        (self.docs / "index.md").write_text(f"# A small book\n\n```{{toctree}}\n{toctree}\n```\n")
        write(self.docs, {f"{name}.md": text for name, text in chapters.items()})
        (self.docs / layout.BANDS).write_text("".join(f"[{name}]\n" for name in chapters))
        return self

    def plant(self, modules: dict[str, str]) -> Path:
        """Copy annbook into the project, with ``modules`` planted in it; return its folder."""
        package = self.root / "src" / "annbook"
        if not package.is_dir():
            copy_annbook(self.root)
        write(package, modules)
        return package

    def env(self) -> dict[str, str]:
        """The environment of a build in a new process: the project's annbook, its own cache."""
        env = {**os.environ}
        if (self.root / "src" / "annbook").is_dir():
            paths = [str(self.root / "src"), *filter(None, [env.get("PYTHONPATH")])]
            env["PYTHONPATH"] = os.pathsep.join(paths)
        env.pop("ANNBOOK_EXECUTION_CACHE", None)
        return env

    def sphinx(self, *args: str, **options) -> subprocess.CompletedProcess:
        """Run ``python -m sphinx`` with the book's options, in a new process, into ``html``."""
        command = [
            sys.executable,
            "-m",
            "sphinx",
            *layout.sphinx_args(self.html, *args, source=self.docs),
        ]
        return subprocess.run(command, cwd=self.root, env=self.env(), **options)  # noqa: PLW1510

    def build(self, *sphinx_args: str) -> subprocess.CompletedProcess:
        """Build as ``nox -s docs`` does (``python -m annbook_book build -q``), in a new process.

        Fails the test, showing the output, if the build fails.
        """
        run = subprocess.run(
            [sys.executable, "-m", "annbook_book", "build", "--docs", str(self.docs), "-q",
             *sphinx_args],
            cwd=self.root, env=self.env(), capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert run.returncode == 0, f"the build failed:\n{run.stdout}\n{run.stderr}"
        return run


def build_in_process(
    docs: Path, language: str = "en", *, fresh: bool = False, warns: bool = False, **confoverrides
) -> SphinxTestApp:
    """Build the book in ``docs`` in this process, as ``sphinx-build`` would; return the app.

    The English edition goes to ``_build/html`` (its doctrees to
    ``_build/doctrees``), another to ``_build/<language>/html``
    (:func:`annbook_book.layout.edition_build`); ``fresh`` reads every page
    again (``-E``). A Sphinx warning fails the test, as ``-W`` fails the
    build, unless ``warns``: then the test reads them in ``app.warning``. The
    build's log is in ``app.status``.
    """
    build = layout.edition_build(language, docs) if language != "en" else docs / "_build"
    language_override = {"language": language} if language != "en" else {}
    with warnings.catch_warnings(record=True) as caught:
        # As in ``sphinx-build``, a new process: Python's default filters.
        warnings.resetwarnings()
        warnings.simplefilter("default")
        app = SphinxTestApp(
            "html", srcdir=docs, builddir=build, freshenv=fresh,
            confoverrides={**language_override, **confoverrides},
        )  # fmt: skip
        try:
            app.build()
        finally:
            app.cleanup()
    # Other libraries' deprecations, which sphinx-build does not show either;
    # any other warning, and any from the book's own code, fails the test.
    shown = [
        caught_warning for caught_warning in caught
        if not issubclass(caught_warning.category, DeprecationWarning | PendingDeprecationWarning)
        or Path(caught_warning.filename).is_relative_to(BOOK_CODE)
    ]  # fmt: skip
    assert shown == [], [str(caught_warning.message) for caught_warning in shown]
    assert warns or app.warning.getvalue() == "", app.warning.getvalue()
    return app
