"""A build that cannot finish says why in one line, and leaves the last build usable.

``annbook_book.preflight`` runs before Sphinx in ``nox -s docs``: a damaged or missing
data file, a build folder that cannot be written and a full disk stop the
build before anything is written. A build interrupted while a chapter runs
leaves the previous pages and the execution cache as they were, and the next
build writes every page again from the cache (``annbook_book.execution.unfinished``).
"""

import os
import subprocess
import sys
from collections import namedtuple
from contextlib import contextmanager
from pathlib import Path

import pytest

from annbook_book import layout, preflight

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
def project(annbook_copy):
    """A project with a copy of annbook, with its data, and a previous build."""
    root = annbook_copy.parents[1]
    page = root / "_build" / "html" / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>the previous build</p>")
    return root


@pytest.mark.parametrize("damage", ["truncated", "missing"])
def test_a_damaged_or_missing_data_file_stops_the_build_before_it_starts(project, damage):
    data = project / "src" / "annbook" / "data" / "mnist.npz"
    if damage == "missing":
        data.unlink()
    else:
        data.write_bytes(data.read_bytes()[:1000])

    result = run_preflight(project, project / "_build")

    assert result.returncode == 1
    problem, nothing_built = result.stderr.splitlines()
    assert str(data) in problem
    assert ("is missing" if damage == "missing" else "is damaged") in problem
    assert "git checkout -- src/annbook/data" in problem
    assert "previous build" in nothing_built
    assert "Traceback" not in result.stderr
    assert (project / "_build" / "html" / "index.html").read_text() == ("<p>the previous build</p>")


def test_intact_data_and_a_writable_folder_let_the_build_start(project):
    result = run_preflight(project, project / "_build", project / "new" / "cache")
    assert (result.returncode, result.stderr) == (0, "")
    assert not (project / "new").exists()  # checking writes nothing that stays


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
