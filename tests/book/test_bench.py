"""The benchmark: it counts the lecture CNN's work from its layers, and builds only a copy."""

import ast
import signal
import subprocess
import sys
from pathlib import Path

import keras
import pytest

from annbook.models import build_cnn
from annbook_book import bench
from annbook_book.bench import multiply_adds
from annbook_book.execution.dependencies import without_docstrings
from annbook_book.layout import ROOT

from .books import chapter


def test_the_lecture_cnns_multiply_adds_match_a_hand_count():
    conv1 = 26 * 26 * 32 * (3 * 3 * 1)  # 26 x 26 x 32 outputs, each over a 3 x 3 x 1 window
    conv2 = 11 * 11 * 64 * (3 * 3 * 32)
    dense = 5 * 5 * 64 * 128 + 128 * 10
    assert multiply_adds(build_cnn()) == conv1 + conv2 + dense == 2_631_040


def test_grouped_convolutions_and_dense_layers_on_sequences_are_counted():
    model = keras.Sequential([
        keras.Input((10, 4)),
        keras.layers.Conv1D(6, 3, groups=2),  # 8 x 6 outputs over 3 x (4 / 2) inputs
        keras.layers.Dense(5),  # 8 positions x 6 inputs x 5 units
    ])  # fmt: skip
    assert multiply_adds(model) == 8 * 6 * 3 * 2 + 8 * 6 * 5


def test_a_layer_it_cannot_count_is_an_error_not_free():
    model = keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(4, name="memory")])
    with pytest.raises(
        ValueError, match=r"cannot count the multiply-adds of layer 'memory' \(LSTM\)"
    ):
        multiply_adds(model)


# -- The benchmark works on a copy, and reports the chapters that executed ----


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` (but .git): its bytes and modification time."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in folder.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(folder).parts
    }


@pytest.fixture
def repository(tmp_path):
    """A git repository with a committed, an edited, a deleted and an untracked file."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("kept.txt", "edited.txt", "deleted.txt"):
        (repo / name).write_text(f"{name}, committed\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "-c", "user.name=a", "-c", "user.email=a@b", "commit", "-q", "-m", "files")
    (repo / "edited.txt").write_text("edited, not committed\n")
    (repo / "deleted.txt").unlink()
    (repo / "untracked.txt").write_text("untracked\n")
    return repo


def test_the_copy_holds_the_tracked_files_as_they_are_now_and_goes_away(repository):
    with bench.project_copy(repository) as copy:
        files = sorted(path.name for path in copy.iterdir() if path.is_file())
        assert files == ["edited.txt", "kept.txt"]
        assert (copy / "edited.txt").read_text() == "edited, not committed\n"
    assert not copy.exists()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGINT"])
def test_an_interrupted_benchmark_leaves_no_copy_and_the_project_as_it_was(repository, signal_name):
    before = snapshot(repository)
    script = (
        "import sys, time\nfrom pathlib import Path\nfrom annbook_book import bench\n"
        f"with bench.project_copy(Path({str(repository)!r})) as copy:\n"
        "    (copy / 'kept.txt').write_text('edited in the copy')\n"
        "    print(copy, flush=True)\n    time.sleep(60)\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:
        copy = Path(process.stdout.readline().strip())
        assert copy.is_dir()
        process.send_signal(getattr(signal, signal_name))
        assert process.wait(timeout=30) != 0
    assert not copy.exists()
    assert snapshot(repository) == before


SMALL_MODULES = {
    "_book_rnn.py": """\
        \"\"\"Planted: a module one chapter builds with.\"\"\"


        def _inner():
            return "rnn"


        def rnn():
            \"\"\"Say rnn.\"\"\"
            return _inner()
        """,
    "_book_other.py": '"""Planted."""\n\n\ndef other():\n    return "other"\n',
}
SMALL_CHAPTERS = {
    "alpha": chapter("from annbook._book_rnn import rnn\n\nrnn()"),
    "beta": chapter("from annbook._book_other import other\n\nother()"),
}


class RecordingBook(bench.Book):
    """A benchmark's book that records each build's change and files instead of building."""

    def __init__(self, copy: Path) -> None:
        super().__init__(copy)
        self.builds: list[tuple[str, list[str], dict[str, str]]] = []

    def build(self, change: str, expected: list[str]) -> list[bench.Row]:
        files = {
            path.relative_to(self.copy).as_posix(): path.read_text("utf-8")
            for folder in ("docs", "src")
            for path in sorted((self.copy / folder).rglob("*"))
            if path.suffix in {".md", ".py", ".po"} and "_build" not in path.parts
        }
        self.builds.append((change, sorted(expected), files))
        if change == "cold build":  # what the chapters took to execute
            self.seconds.update({"alpha": 2.0, "beta": 1.0})
        return [bench.Row(change, 1.0, sorted(expected), sorted(expected))]


def code_of(source: str) -> str:
    """A module's code, without docstrings and comments, as the chapters' keys see it."""
    return ast.dump(without_docstrings(ast.parse(source)))


def changed(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def test_the_benchmark_makes_each_edit_and_expects_the_chapters_it_should(small_book):
    small_book.chapters(SMALL_CHAPTERS).plant(SMALL_MODULES)
    book = RecordingBook(small_book.root)
    bench.build_rows(book, ("src/annbook/_book_rnn.py", "_inner"))
    changes = [(change, expected) for change, expected, _ in book.builds]
    assert changes == [
        ("cold build", ["alpha", "beta"]),
        ("no change", []),
        ("prose of one chapter", []),
        ("docstrings and comments in every module", []),
        # _inner is called by rnn(), which only alpha calls.
        ("code of annbook._book_rnn", ["alpha"]),
        # beta took less time to execute.
        ("code of one chapter (beta)", ["beta"]),
    ]
    files = [files for _, _, files in book.builds]
    assert changed(files[0], files[1]) == []
    assert changed(files[1], files[2]) == ["docs/alpha.md"]
    assert bench.PROSE_EDIT in files[2]["docs/alpha.md"]
    docstrings = changed(files[2], files[3])
    assert "src/annbook/_book_rnn.py" in docstrings
    assert all(name.endswith(".py") for name in docstrings)
    assert all(code_of(files[3][name]) == code_of(files[2][name]) for name in docstrings)
    assert changed(files[3], files[4]) == ["src/annbook/_book_rnn.py"]
    module = "src/annbook/_book_rnn.py"
    assert code_of(files[4][module]) != code_of(files[3][module])
    assert changed(files[4], files[5]) == ["docs/beta.md"]
    assert files[5]["docs/beta.md"].endswith("```{code-cell} ipython3\n1 + 1\n```\n")


@pytest.mark.build
def test_a_benchmark_build_reports_the_chapters_that_executed_and_edits_only_a_copy(small_book):
    # The edits themselves are the test above's; that each edit executes
    # exactly the chapters whose key it changes is tests/book/execution's.
    small_book.chapters(SMALL_CHAPTERS).plant(SMALL_MODULES)
    project = small_book.root
    git(project, "init", "-q")
    git(project, "add", ".")
    before = snapshot(project)
    with bench.project_copy(project) as copy:
        book = bench.Book(copy)
        (row,) = book.build("cold build", ["alpha", "beta"])
    assert (row.change, row.executed, row.expected, row.met) == (
        "cold build",
        ["alpha", "beta"],
        ["alpha", "beta"],
        True,
    )
    assert row.seconds > 0
    assert {"preflight", "en", "site check"} <= set(row.steps)
    assert set(book.seconds) == {"alpha", "beta"}
    assert snapshot(project) == before  # nothing edited, no build folder made
