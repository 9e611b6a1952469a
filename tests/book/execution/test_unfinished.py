"""A build stopped half-way leaves the last build usable; the next one writes every page again.

A build interrupted while a chapter runs leaves the previous pages and the
execution cache as they were; after a build stopped while writing, the next
build writes every page again from the cache
(:mod:`annbook_book.execution.unfinished`).
"""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annbook_book import layout, no_warnings
from annbook_book.build import cache_records
from annbook_book.execution.unfinished import MARKER

from ..books import SmallBook, chapter

STARTED = "started.flag"
SLOW_CELL = f'open({STARTED!r}, "w").close()\nimport time\n\ntime.sleep(600)'
SHOWN = 'import uuid\n\nprint("run:", uuid.uuid4().hex)'
RUN = re.compile(r"run: ([0-9a-f]{32})")


def processes_in(tree: Path) -> list[int]:
    """Return the processes whose working folder is in ``tree`` (Linux's /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and Path(os.readlink(entry / "cwd")).is_relative_to(tree):
                found.append(int(entry.name))
        except OSError:  # ended meanwhile, or not ours to read
            continue
    return found


def snapshot(book: SmallBook) -> tuple[dict[str, list[str]], set[int]]:
    """The runs the chapters' pages show, and the execution cache's records."""
    pages = {name: RUN.findall((book.html / f"{name}.html").read_text()) for name in ("one", "two")}
    return pages, set(cache_records(book.docs / "_build" / ".jupyter_cache"))


@pytest.mark.build
def test_an_interrupted_build_leaves_the_last_build_and_cache_usable(small_book):
    # Ctrl-C is under test: the builds run in a new process, as nox -s docs runs them.
    chapters = {"one": chapter(SHOWN), "two": chapter(SHOWN)}
    book = small_book.chapters(chapters)
    book.sphinx(check=True, capture_output=True)
    before = snapshot(book)
    assert [len(runs) for runs in before[0].values()] == [1, 1]

    # Chapter two now runs for minutes. Ctrl-C reaches the whole process
    # group, as a terminal sends it, once its first cell has run.
    two = book.docs / "two.md"
    two.write_text(chapter(SLOW_CELL))
    sphinx = [sys.executable, "-m", "sphinx", *layout.sphinx_args(book.html, source=book.docs)]
    with subprocess.Popen(
        [sys.executable, "-m", "annbook_book.no_warnings", *sphinx],
        cwd=book.docs,
        env=book.env(),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    ) as process:
        deadline = time.monotonic() + 120
        while not (book.docs / STARTED).exists():
            assert process.poll() is None, process.stdout.read()
            assert time.monotonic() < deadline, "chapter two never started"
            time.sleep(0.2)
        os.killpg(process.pid, signal.SIGINT)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    last = output[output.rindex("no_warnings: interrupted.") :]
    assert last.rstrip() == no_warnings.INTERRUPTED.strip()
    assert "Traceback" not in output
    assert "report this" not in output
    assert processes_in(book.root) == []  # the kernel stopped too
    assert snapshot(book) == before
    assert not (book.html / ".doctrees" / MARKER).exists()  # deleted when the build started

    # Sphinx dropped its environment on the error the interruption raised:
    # the next build reads every page again, and executes nothing.
    two.write_text(chapters["two"])
    book.sphinx(check=True, capture_output=True)
    assert snapshot(book) == before
    assert (book.html / ".doctrees" / MARKER).exists()


@pytest.mark.build
def test_after_a_build_stopped_while_writing_every_page_is_written_again(small_book, sphinx_build):
    # Stopped while writing (Ctrl-C, a kill), Sphinx keeps the environment it
    # saved after reading, and would rewrite only pages older than their
    # source; the build's marker is missing then, as here. No signal is
    # under test: the builds run in this process.
    book = small_book.chapters({"one": chapter(SHOWN)})
    marker = book.docs / "_build" / "doctrees" / MARKER
    sphinx_build(book.docs)
    page = book.html / "one.html"
    written = RUN.findall(page.read_text())
    assert len(written) == 1
    page.write_text("<p>half of a page</p>")
    marker.unlink()

    after = sphinx_build(book.docs)
    assert "the last build did not finish; every page is written again" in after.status.getvalue()
    assert RUN.findall(page.read_text()) == written  # from the cache: the same run
    assert marker.exists()

    again = sphinx_build(book.docs)
    assert "did not finish" not in again.status.getvalue()
