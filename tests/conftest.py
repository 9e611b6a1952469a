"""Shared test set-up.

- Draw off-screen and close every figure a test opens.
- Make small books with the book's real configuration, extension and kernel
  (``tree``, ``make_book``, ``build_book``: those of ``books.py``), built in
  a fresh process as ``nox -s docs`` builds the book.
- Let Ctrl-C reach the processes the tests start, as from a terminal, also
  when the suite itself runs with SIGINT ignored (a job started in the
  background by a non-interactive shell, as some CI runners do: the ignored
  signal would be inherited by every child, and the tests of what Ctrl-C
  does to a build or the benchmark would test nothing).
- Run the slow tests first, so that pytest-xdist's workers share them out
  while the quick tests fill the gaps, instead of one worker meeting a
  slow test near the end.
"""

import signal

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest

from . import books


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
    """A folder holding a copy of annbook (``src/annbook``), as a small book's project has."""
    books.copy_annbook(tmp_path)
    return tmp_path


@pytest.fixture
def make_book():
    """``make_book(tree, chapter)``: make ``tree`` a one-chapter book; return ``tree``."""
    return lambda tree, text: books.small_book(tree, {}, {"chapter": text})


@pytest.fixture
def build_book():
    """``build_book(tree)``: build the book in ``tree``; return the finished process."""
    return books.build
