"""The reader's runner: a notebook fails on an error or when its check of annbook speaks.

``nox -s reader`` runs it on the book's downloaded notebooks with the wheel
alone; here it runs small notebooks on this environment's ``python3`` kernel.
"""

from __future__ import annotations

import nbformat
import pytest

from annbook_book.reader import run_notebooks


def write(path, *sources: str, setup: str | None = "x = 1"):
    """Write a notebook: a first cell checking annbook (``setup``), then ``sources``."""
    cells = [nbformat.v4.new_code_cell(source) for source in sources]
    if setup is not None:
        cells.insert(0, nbformat.v4.new_code_cell(setup, metadata={run_notebooks.SETUP: True}))
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_what_a_cell_shows_is_its_text_its_error_and_its_plain_data():
    cell = nbformat.v4.new_code_cell(
        outputs=[
            nbformat.v4.new_output("stream", name="stdout", text="printed\n"),
            nbformat.v4.new_output("execute_result", data={"text/plain": "42"}),
            nbformat.v4.new_output("error", ename="ValueError", evalue="bad", traceback=[]),
        ]
    )
    assert run_notebooks.text(cell) == "printed\n42ValueError: bad"


def test_a_notebook_without_the_check_of_annbook_fails_unrun(tmp_path):
    path = write(tmp_path / "ch.ipynb", "raise SystemExit", setup=None)
    assert run_notebooks.run(path, fast=True) == ["ch.ipynb: no first cell that checks annbook"]


@pytest.mark.parametrize(
    ("setup", "code", "problem"),
    [
        ("x = 1", "import os\nassert os.environ['ANNBOOK_FAST'] == '1'", None),
        ("print('another annbook')", "", "the check of annbook shows 'another annbook\\n'"),
        ("x = 1", "raise ValueError('broken chapter')", "broken chapter"),
    ],
    ids=["clean", "check speaks", "error"],
)
def test_a_notebook_runs_in_the_fast_profile_and_fails_on_what_a_reader_would_meet(
    tmp_path, monkeypatch, setup, code, problem
):
    monkeypatch.chdir(tmp_path)
    problems = run_notebooks.run(write(tmp_path / "ch.ipynb", code, setup=setup), fast=True)
    if problem is None:
        assert problems == []
    else:
        assert len(problems) == 1
        assert problems[0].startswith("ch.ipynb: ")
        assert problem in problems[0]
