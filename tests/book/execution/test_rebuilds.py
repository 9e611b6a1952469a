"""A rebuild of the book executes exactly the chapters whose key changed; some execute alone.

The small book, with modules planted in a copy of annbook, is built in a new
Sphinx process on every core, as ``nox -s docs`` builds it, again after each
edit (:mod:`annbook_book.execution`). The keys themselves are tested in
``test_keys.py``.
"""

import re
import shutil

import pytest

from annbook_book.build import cache_records
from annbook_book.edits import edit_docstrings

from ..books import SmallBook, chapter, edit

BOOK_MODULES = {
    # Chapter one calls one(), which imports _book_deep when called.
    "_book_one.py": '''\
        """Planted for a test."""


        def one():
            """Say what _book_deep says."""
            from annbook._book_deep import deep  # noqa: PLC0415

            return "one-" + deep()
        ''',
    "_book_deep.py": 'def deep():\n    """Say deep."""\n    return "deep"\n',
    "_book_two.py": 'def two():\n    """Say two."""\n    return "two"\n',
    "_book_unused.py": 'def unused():\n    """Say nothing."""\n    return ""\n',
}
BOOK_CHAPTERS = {
    "one": "from annbook._book_one import one",
    "two": "from annbook._book_two import two",
}
SHOWN = re.compile(r"says: (\S+) run: ([0-9a-f]{32})")


@pytest.fixture
def book(small_book):
    """The small book with two chapters, on a copy of annbook with the modules planted."""
    shown = 'import uuid\n\nprint("says:", {}(), "run:", uuid.uuid4().hex)'
    chapters = {
        name: chapter(imports, shown.format(name)) for name, imports in BOOK_CHAPTERS.items()
    }
    small_book.chapters(chapters).plant(BOOK_MODULES)
    return small_book


def build(book: SmallBook) -> dict[str, tuple[str, ...]]:
    """Build the book in a fresh Sphinx process, on every core; return what each chapter shows.

    Also returned, under "executed" and "read": the chapters that executed
    (new jupyter-cache records) and those Sphinx read (rewrote their doctree).
    """
    html, doctrees = book.html, book.html / ".doctrees"
    cache = book.docs / "_build" / ".jupyter_cache"

    def state():
        return (
            {pk: name for pk, (name, _) in cache_records(cache).items()},
            {name: (doctrees / f"{name}.doctree").stat().st_mtime_ns
             for name in BOOK_CHAPTERS if (doctrees / f"{name}.doctree").exists()},
        )  # fmt: skip

    (records, doctree_times) = state()
    book.sphinx("-q", "-j", "auto", check=True)
    (new_records, new_times) = state()
    shown = {name: SHOWN.search((html / f"{name}.html").read_text()).groups()
             for name in BOOK_CHAPTERS}  # fmt: skip
    shown["executed"] = tuple(sorted(new_records[pk] for pk in set(new_records) - set(records)))
    shown["read"] = tuple(
        sorted(name for name in new_times if new_times[name] != doctree_times.get(name))
    )
    return shown


@pytest.mark.build
def test_a_book_executes_exactly_the_chapters_whose_dependencies_changed(book):
    # Four builds, one per outcome: both chapters, neither, chapter two, chapter one. Each
    # kind of edit is a case of test_keys.py, which computes the keys without building.
    package = book.root / "src" / "annbook"
    first = build(book)
    assert first["executed"] == ("one", "two")
    assert (first["one"][0], first["two"][0]) == ("one-deep", "two")

    # Docstrings everywhere, a module no chapter imports, and a new function that no chapter
    # calls, re-exported by the package: nothing executes, no chapter is read again.
    for name in ("_book_one.py", "_book_deep.py", "_book_two.py"):
        (package / name).write_text(edit_docstrings((package / name).read_text()))
    edit(package / "_book_unused.py", 'return ""', 'return "something"')
    two = package / "_book_two.py"
    two.write_text(two.read_text() + '\n\ndef three():\n    """Say three."""\n    return "three"\n')
    init = package / "__init__.py"
    init.write_text(f"{init.read_text()}\nfrom annbook._book_two import three\n")
    unchanged = build(book)
    assert unchanged["executed"] == unchanged["read"] == ()
    assert unchanged["one"] == first["one"]

    edit(two, 'return "two"', 'return "TWO"')
    after_two = build(book)
    assert after_two["executed"] == after_two["read"] == ("two",)
    assert after_two["two"][0] == "TWO"
    assert after_two["one"] == first["one"]

    # _book_deep is reached only through the import inside _book_one.one
    edit(package / "_book_deep.py", 'return "deep"', 'return "deeper"')
    after_deep = build(book)
    assert after_deep["executed"] == after_deep["read"] == ("one",)
    assert after_deep["one"][0] == "one-deeper"
    assert after_deep["one"][1] != first["one"][1]  # a new run, shown
    assert after_deep["two"] == after_two["two"]


# -- Chapters that time themselves execute alone -----------------------------

TIMED = 'import time\n\nstarted = time.time()\ntime.sleep({})\nprint("ran:", started, time.time())'
RAN = re.compile(r"ran: ([\d.]+) ([\d.]+)")


def executed_when(book: SmallBook, *options: str) -> dict[str, tuple[float, float]]:
    """Build ``book`` cold with ``-j 2``; return when each chapter's cell started and ended."""
    shutil.rmtree(book.docs / "_build", ignore_errors=True)
    book.sphinx("-q", "-j", "2", *options, check=True)
    return {
        name: tuple(map(float, RAN.search((book.html / f"{name}.html").read_text()).groups()))
        for name in ("timed", "other")
    }


@pytest.mark.build
def test_under_j_a_chapter_that_times_itself_executes_with_no_other_beside_it(small_book):
    # (different code: the same code would be one cache record, executed once)
    chapters = {"timed": chapter(TIMED.format(3)), "other": chapter(TIMED.format(2))}
    book = small_book.chapters(chapters)
    # Without the setting, Sphinx's two readers execute the two chapters at once.
    together = executed_when(book, "-D", "annbook_execute_alone=")
    assert together["timed"][0] < together["other"][1]
    assert together["other"][0] < together["timed"][1]

    alone = executed_when(book, "-D", "annbook_execute_alone=timed")
    assert alone["timed"][1] < alone["other"][0]  # over before the other started
