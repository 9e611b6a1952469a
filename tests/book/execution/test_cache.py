"""A build leaves no connection to the execution cache's database open.

myst-nb opens the cache for each chapter it reads and leaves its engine to
the garbage collector; the book's extension closes it once the chapter is
read (:mod:`annbook_book.execution.cache`). Left open, each connection is
closed by the garbage collector whenever it runs, and Python 3.13 warns
then (``ResourceWarning: unclosed database``).
"""

import sqlite3

import pytest
from sqlalchemy import event
from sqlalchemy.pool import Pool

from ..books import chapter


def is_open(connection: sqlite3.Connection) -> bool:
    try:
        connection.execute("select 1")
    except sqlite3.ProgrammingError:  # "Cannot operate on a closed database."
        return False
    return True


@pytest.mark.build
def test_a_build_closes_every_connection_to_the_execution_cache(small_book, sphinx_build):
    book = small_book.chapters({"one": chapter("print(1 + 1)"), "two": chapter("print(2)")})
    opened = []  # held here, so that no connection is closed by the garbage collector

    def note(connection, record) -> None:  # noqa: ARG001
        opened.append(connection)

    event.listen(Pool, "connect", note)
    try:
        sphinx_build(book.docs)
    finally:
        event.remove(Pool, "connect", note)
    assert opened, "the build opened no connection: the test sees nothing"
    assert [connection for connection in opened if is_open(connection)] == []
