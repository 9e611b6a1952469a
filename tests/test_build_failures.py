"""A build that cannot finish says why in one line, and leaves the last build usable.

``annbook_book.preflight`` runs before Sphinx in ``nox -s docs``: a damaged or missing
data file, a build folder that cannot be written and a full disk stop the
build before anything is written. A build interrupted while a chapter runs
leaves the previous pages and the execution cache as they were, and the next
build writes every page again from the cache (``annbook_book.execution.unfinished``).
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path

import pytest
from jupyter_cache import get_cache

from annbook_book import layout, no_warnings, preflight

from .books import chapter, small_book

ROOT = layout.ROOT
DATA = ROOT / "src" / "annbook" / "data"


def run_preflight(tree: Path, *folders: Path) -> subprocess.CompletedProcess:
    """Run ``python -m annbook_book preflight`` with the annbook copy in ``tree``."""
    return subprocess.run(
        [sys.executable, "-m", "annbook_book", "preflight", *map(str, folders)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "src"), str(ROOT)])},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def annbook_copy(tmp_path):
    """A copy of annbook, with its data, and a previous build beside it."""
    shutil.copytree(
        ROOT / "src" / "annbook",
        tmp_path / "src" / "annbook",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    page = tmp_path / "_build" / "html" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>the previous build</p>")
    return tmp_path


@pytest.mark.parametrize("damage", ["truncated", "missing"])
def test_a_damaged_or_missing_data_file_stops_the_build_before_it_starts(annbook_copy, damage):
    data = annbook_copy / "src" / "annbook" / "data" / "mnist.npz"
    if damage == "missing":
        data.unlink()
    else:
        data.write_bytes(data.read_bytes()[:1000])

    result = run_preflight(annbook_copy, annbook_copy / "_build")

    assert result.returncode == 1
    problem, nothing_built = result.stderr.splitlines()
    assert str(data) in problem
    assert ("is missing" if damage == "missing" else "is damaged") in problem
    assert "git checkout -- src/annbook/data" in problem
    assert "previous build" in nothing_built
    assert "Traceback" not in result.stderr
    assert (annbook_copy / "_build" / "html" / "index.html").read_text() == (
        "<p>the previous build</p>"
    )


def test_intact_data_and_a_writable_folder_let_the_build_start(annbook_copy):
    result = run_preflight(annbook_copy, annbook_copy / "_build", annbook_copy / "new" / "cache")
    assert (result.returncode, result.stderr) == (0, "")
    assert not (annbook_copy / "new").exists()  # checking writes nothing that stays


@contextmanager
def read_only(folder: Path):
    """Make ``folder`` read-only, also for root: immutable (chattr) as root, else chmod."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


def test_a_build_folder_that_cannot_be_written_stops_the_build(tmp_path):
    build = tmp_path / "_build"
    (build / "html").mkdir(parents=True)
    (build / "html" / "index.html").write_text("previous")
    with read_only(build / "html"):
        problems = preflight.problems([build / "html"])
        # A folder not made yet is checked where it would be made.
        with read_only(build):
            problems += preflight.problems([build / "ko" / "html"])
        assert (build / "html" / "index.html").read_text() == "previous"
    assert len(problems) == 2
    assert problems[0].startswith(f"cannot write in {build / 'html'} (")
    assert problems[1].startswith(f"cannot write in {build} (")


def test_a_full_disk_stops_the_build(tmp_path, monkeypatch):
    usage = namedtuple("usage", "total used free")

    def nearly_full(path):
        assert Path(path).exists()
        return usage(10**9, 10**9 - 12 * 10**6, 12 * 10**6)

    monkeypatch.setattr(preflight.shutil, "disk_usage", nearly_full)
    (problem,) = preflight.problems([tmp_path / "_build"])
    assert problem.startswith(f"only 12 MB free on the disk of {tmp_path / '_build'}; ")
    assert f"needs {preflight.FREE_SPACE_NEEDED // 10**6} MB" in problem


def test_a_file_where_the_build_folder_should_be_is_named(tmp_path):
    (tmp_path / "_build").write_text("not a folder")
    (problem,) = preflight.problems([tmp_path / "_build" / "html"])
    assert problem == f"{tmp_path / '_build'} is not a folder, so the build cannot write " + str(
        tmp_path / "_build" / "html"
    )


# -- An interrupted build ----------------------------------------------------

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


def build_command(tree: Path) -> list[str]:
    html = tree / "docs" / "_build" / "html"
    return [sys.executable, "-m", "sphinx", *layout.sphinx_args(html, source=tree / "docs")]


def build_env(tree: Path) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tree / "src"), str(tree)])}
    env.pop("ANNBOOK_EXECUTION_CACHE", None)
    return env


def snapshot(tree: Path) -> tuple[dict[str, list[str]], set[int]]:
    """The runs the chapters' pages show, and the execution cache's records."""
    html = tree / "docs" / "_build" / "html"
    pages = {name: RUN.findall((html / f"{name}.html").read_text()) for name in ("one", "two")}
    cache = get_cache(tree / "docs" / "_build" / ".jupyter_cache")
    return pages, {record.pk for record in cache.list_cache_records()}


@pytest.mark.slow
def test_an_interrupted_build_leaves_the_last_build_and_cache_usable(tmp_path):
    chapters = {"one": chapter(SHOWN), "two": chapter(SHOWN)}
    tree = small_book(tmp_path, {}, chapters)
    run = {"cwd": tree / "docs", "env": build_env(tree), "capture_output": True, "text": True}
    subprocess.run(build_command(tree), check=True, **run)
    before = snapshot(tree)
    assert [len(runs) for runs in before[0].values()] == [1, 1]

    # Chapter two now runs for minutes. Ctrl-C reaches the whole process
    # group, as a terminal sends it, once its first cell has run.
    two = tree / "docs" / "two.md"
    two.write_text(chapter(SLOW_CELL))
    with subprocess.Popen(
        [sys.executable, "-m", "annbook_book.no_warnings", *build_command(tree)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        **{key: value for key, value in run.items() if key != "capture_output"},
    ) as process:
        deadline = time.monotonic() + 120
        while not (tree / "docs" / STARTED).exists():
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
    assert processes_in(tree) == []  # the kernel stopped too
    assert snapshot(tree) == before
    assert not marker(tree).exists()  # deleted when the build started

    # Sphinx dropped its environment on the error the interruption raised:
    # the next build reads every page again, and executes nothing.
    two.write_text(chapters["two"])
    subprocess.run(build_command(tree), check=True, **run)
    assert snapshot(tree) == before
    assert marker(tree).exists()


def marker(tree: Path) -> Path:
    """The file that says the last build of the book in ``tree`` wrote every page."""
    return tree / "docs" / "_build" / "html" / ".doctrees" / "annbook-build-finished"


@pytest.mark.slow
def test_after_a_build_stopped_while_writing_every_page_is_written_again(tmp_path):
    # Stopped while writing (Ctrl-C, a kill), Sphinx keeps the environment it
    # saved after reading, and would rewrite only pages older than their
    # source; the build's marker is missing then, as here.
    tree = small_book(tmp_path, {}, {"one": chapter(SHOWN)})
    run = {"cwd": tree / "docs", "env": build_env(tree), "capture_output": True, "text": True}
    subprocess.run(build_command(tree), check=True, **run)
    page = tree / "docs" / "_build" / "html" / "one.html"
    written = RUN.findall(page.read_text())
    assert len(written) == 1
    page.write_text("<p>half of a page</p>")
    marker(tree).unlink()

    after = subprocess.run(build_command(tree), check=True, **run)
    assert "the last build did not finish; every page is written again" in after.stdout
    assert RUN.findall(page.read_text()) == written  # from the cache: the same run
    assert marker(tree).exists()

    again = subprocess.run(build_command(tree), check=True, **run)
    assert "did not finish" not in again.stdout


API_MODULES = {
    "_book_api/__init__.py": "from annbook._book_api.parts import part\n",
    "_book_api/parts.py": 'def part():\n    """Say part."""\n    return 1\n',
}
API_PAGE = """\
# API

```{eval-rst}
.. automodule:: annbook._book_api
   :no-members:

.. currentmodule:: annbook

.. autosummary::
   :toctree: generated

   _book_api.part
```
"""


@pytest.mark.slow
def test_an_api_page_that_failed_to_import_leaves_nothing_stale_once_fixed(tmp_path):
    tree = small_book(tmp_path, API_MODULES, {"one": chapter(SHOWN)})
    api = tree / "docs" / "api.md"
    api.write_text(API_PAGE)
    index = tree / "docs" / "index.md"
    index.write_text(index.read_text().replace("one\n", "one\napi\n"))
    run = {"cwd": tree / "docs", "env": build_env(tree), "capture_output": True, "text": True}
    subprocess.run(build_command(tree), check=True, **run)

    # A new function, listed in the API page, in a module that fails to import.
    package = tree / "src" / "annbook" / "_book_api"
    parts = package / "parts.py"
    fine = f'{parts.read_text()}\n\ndef other():\n    """Say other."""\n    return 2\n'
    parts.write_text(f"import annbook._no_such_module\n\n{fine}")
    (package / "__init__.py").write_text("from annbook._book_api.parts import other, part\n")
    api.write_text(
        API_PAGE.replace("   _book_api.part\n", "   _book_api.part\n   _book_api.other\n")
    )
    broken = subprocess.run(build_command(tree), check=False, **run)
    assert broken.returncode != 0
    assert "_no_such_module" in broken.stdout + broken.stderr

    # Fixed: the page of the new function is generated, and the API page lists it.
    parts.write_text(fine)
    fixed = subprocess.run(build_command(tree), check=False, **run)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    html = tree / "docs" / "_build" / "html"
    assert "Say other." in (html / "generated" / "annbook._book_api.other.html").read_text()
    assert "annbook._book_api.other.html" in (html / "api.html").read_text()
