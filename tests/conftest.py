"""Shared test set-up.

- Draw off-screen and close every figure a test opens.
- Make small books with the book's real configuration, extension and kernel
  (``tree``, ``make_book``, ``build_book``), built cheaply in a fresh Sphinx
  process.
- Let Ctrl-C reach the processes the tests start, as from a terminal, also
  when the suite itself runs with SIGINT ignored (a job started in the
  background by a non-interactive shell, as some CI runners do: the ignored
  signal would be inherited by every child, and the tests of what Ctrl-C
  does to a build or the benchmark would test nothing).
- Run the slow tests first, so that pytest-xdist's workers share them out
  while the quick tests fill the gaps, instead of one worker meeting a
  slow test near the end.
"""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest

from tools import project


def pytest_configure(config):  # noqa: ARG001
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # A Python handler, unlike SIG_IGN, is not inherited through exec.
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture
def tree(tmp_path):
    """A copy of the parts of the project the execution fingerprint reads."""
    shutil.copytree(project.ROOT / "src" / "annbook", tmp_path / "src" / "annbook")
    shutil.copytree(project.DOCS / project.KERNELS, tmp_path / "docs" / project.KERNELS)
    return tmp_path


def _make_book(tree: Path, chapter: str) -> Path:
    """Make ``tree`` a one-chapter book with the real conf.py, extension and kernel."""
    docs = tree / "docs"
    for name in ("conf.py", "references.bib"):
        shutil.copy(project.DOCS / name, docs)
    for folder in (project.DOCS / "_static", project.DOCS / "_templates", project.EXTENSIONS):
        shutil.copytree(folder, docs / folder.name, ignore=shutil.ignore_patterns("__pycache__"))
    root_tools = project.ROOT / "tools"
    shutil.copytree(root_tools, tree / "tools", ignore=shutil.ignore_patterns("__pycache__"))
    (docs / "index.md").write_text("# Book\n\n```{toctree}\nchapter\n```\n")
    (docs / "chapter.md").write_text(chapter)
    (docs / project.BANDS).write_text("[chapter]\n")  # shows no summary, band or claim
    return tree


def _build_book(tree: Path) -> subprocess.CompletedProcess:
    """Build the book in ``tree`` in a fresh Sphinx process; return it, its output captured.

    Fails the test, showing the output, if the build fails.
    """
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    env.pop("ANNBOOK_EXECUTION_CACHE", None)
    html = tree / "docs" / "_build" / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", *project.sphinx_args(html, "-q", source=tree / "docs")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"the build failed:\n{run.stdout}\n{run.stderr}"
    return run


@pytest.fixture
def make_book():
    """``make_book(tree, chapter)``: make ``tree`` a one-chapter book; return ``tree``."""
    return _make_book


@pytest.fixture
def build_book():
    """``build_book(tree)``: build the book in ``tree``; return the finished process."""
    return _build_book
