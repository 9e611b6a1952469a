"""Small books for the tests: chapters, planted modules, the real conf.py; and their build.

The book's extension and kernel are those installed (``annbook_book``, from
``book/``); a small book holds a copy of annbook with modules planted, and
the real configuration, static files and templates.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

from annbook_book import layout

ROOT = layout.ROOT


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
        path.write_text(textwrap.dedent(text))


def copy_annbook(tree: Path, modules: dict[str, str] | None = None) -> Path:
    """Copy annbook into ``tree/src/annbook``, with ``modules`` planted; return its folder."""
    package = tree / "src" / "annbook"
    shutil.copytree(ROOT / "src" / "annbook", package, ignore=shutil.ignore_patterns("__pycache__"))
    write(package, modules or {})
    return package


def small_book(tree: Path, modules: dict[str, str], chapters: dict[str, str]) -> Path:
    """Lay out a project in ``tree``: a copy of annbook with ``modules`` planted, and a book.

    The book has the real ``conf.py``, static files and templates, an index,
    and ``chapters`` (name: Markdown), each with an empty table in bands.toml
    (it shows no summary, band or claim).
    """
    if not (tree / "src" / "annbook").is_dir():
        copy_annbook(tree)
    write(tree / "src" / "annbook", modules)
    docs = tree / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name in ("conf.py", "references.bib"):
        shutil.copy(layout.DOCS / name, docs)
    for folder in ("_static", "_templates"):
        shutil.copytree(layout.DOCS / folder, docs / folder)
    toctree = "\n".join(chapters)
    (docs / "index.md").write_text(f"# Book\n\n```{{toctree}}\n{toctree}\n```\n")
    for name, text in chapters.items():
        (docs / f"{name}.md").write_text(text)
    (docs / layout.BANDS).write_text("".join(f"[{name}]\n" for name in chapters))
    return tree


def book_environment(tree: Path) -> dict[str, str]:
    """Return the environment that builds the book in ``tree`` with its own annbook and cache."""
    # The book's annbook first; the rest as this process has it (the same annbook_book).
    path = [str(tree / "src"), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    env.pop("ANNBOOK_EXECUTION_CACHE", None)
    return env


def build(tree: Path, *sphinx_args: str) -> subprocess.CompletedProcess:
    """Build the book in ``tree`` as ``nox -s docs`` does, in a new process; return it.

    The build is :func:`annbook_book.build.build_book` (``python -m annbook_book
    build``), quiet (``-q``), its output captured. Fails the test, showing the
    output, if the build fails.
    """
    run = subprocess.run(
        [sys.executable, "-m", "annbook_book", "build", "--docs", str(tree / "docs"), "-q",
         *sphinx_args],
        cwd=tree, env=book_environment(tree), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == 0, f"the build failed:\n{run.stdout}\n{run.stderr}"
    return run
