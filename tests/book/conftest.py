"""Fixtures of small books (see ``books.py``).

- ``annbook_copy``: a copy of annbook (``src/annbook``) in the test's folder;
- ``small_book``: a fresh copy of the small book in the test's folder;
- ``sphinx_build``: builds a small book in the test's own process;
- ``built_book``: the small book as it is on disk, built once, only to read.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .books import SmallBook, build_in_process, copy_annbook


@pytest.fixture
def annbook_copy(tmp_path) -> Path:
    """A copy of annbook, with its data, in ``tmp_path/src/annbook``; returns that folder."""
    return copy_annbook(tmp_path)


@pytest.fixture
def small_book(tmp_path) -> SmallBook:
    """A copy of the small book (``tests/books/small``) in ``tmp_path/docs``."""
    return SmallBook(tmp_path)


@pytest.fixture
def sphinx_build(monkeypatch):
    """``sphinx_build(docs, language="en", ...)``: build in this process; return the app.

    See :func:`books.build_in_process`.
    """
    monkeypatch.delenv("ANNBOOK_EXECUTION_CACHE", raising=False)
    return build_in_process


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> SmallBook:
    """The small book as it is on disk, built once in this process (English); only to read."""
    book = SmallBook(tmp_path_factory.mktemp("built"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("ANNBOOK_EXECUTION_CACHE", raising=False)
        build_in_process(book.docs)
    return book
