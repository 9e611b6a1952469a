"""The book check catches each fault it exists for, on planted notebooks."""

import importlib.util
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"
spec = importlib.util.spec_from_file_location("check_book", DOCS / "check_book.py")
check_book = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check_book)

PREFIX = "application/papermill.record/"
BANDS = {
    "metrics": {"test_accuracy": {"min": 0.99, "max": 1.0}},
    "summaries": {"cnn": 225_034},
}


def code_cell(*outputs, execution_count=1):
    return {"cell_type": "code", "execution_count": execution_count, "outputs": list(outputs)}


def glue(name, value):
    return {
        "output_type": "display_data",
        "metadata": {"scrapbook": {"name": name, "mime_prefix": PREFIX}},
        "data": {PREFIX + "text/plain": repr(value)},
    }


def summary(name, total):
    text = (
        f'Model: "{name}"\n ... \x1b[1m Total params: \x1b[0m{total + 36:,} (879.04 KB)\n'
        f"\x1b[1m Trainable params: \x1b[0m{total:,} (879.04 KB)\n"
        " Non-trainable params: 0 (0.00 B)\n Optimizer params: 36 (144.00 B)\n"
    )
    return {"output_type": "stream", "name": "stdout", "text": text}


def notebook(*cells):
    return {"cells": list(cells)}


GOOD = notebook(code_cell(summary("cnn", 225_034)), code_cell(glue("test_accuracy", 0.9909)))


def test_a_clean_chapter_passes():
    assert check_book.check_chapter("ch", GOOD, BANDS) == []


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        ([code_cell(execution_count=None)], "did not execute"),
        (
            [code_cell({"output_type": "error", "ename": "ValueError", "evalue": "bad"})],
            "error ValueError: bad",
        ),
        (
            [code_cell({"output_type": "stream", "name": "stderr", "text": "W0000 oops\n"})],
            "wrote to stderr",
        ),
        ([code_cell(summary("cnn", 225_035))], "shows 225,035 parameters, pinned 225,034"),
        ([code_cell(summary("mystery", 10))], "'mystery' (10) is not pinned"),
        ([code_cell(glue("test_accuracy", 0.9871))], "outside its band"),
        ([code_cell(glue("test_accuracy", "98.71%"))], "not a number"),
    ],
)
def test_each_planted_fault_is_reported(cells, expected):
    planted = notebook(*GOOD["cells"], *cells)
    problems = check_book.check_chapter("ch", planted, BANDS)
    assert any(expected in problem for problem in problems), problems


def test_missing_pinned_summary_and_glued_number_are_reported():
    problems = check_book.check_chapter("ch", notebook(code_cell()), BANDS)
    assert problems == [
        "ch: summary of 'cnn' is pinned but not shown",
        "ch: glued number 'test_accuracy' is missing or not a number: None",
    ]


def test_every_chapter_has_bands_and_every_band_a_chapter():
    bands = check_book.tomllib.loads((DOCS / "bands.toml").read_text())
    assert set(bands) == set(check_book.chapters())


def test_two_identical_executions_compare_equal():
    assert check_book.compare_notebooks("ch", GOOD, GOOD) == []


def test_a_number_that_changed_between_builds_is_reported():
    other = notebook(code_cell(summary("cnn", 225_034)), code_cell(glue("test_accuracy", 0.9911)))
    problems = check_book.compare_notebooks("ch", GOOD, other)
    assert problems == ["ch: output 1 differs: '0.9909' != '0.9911'"]


def write_download(html: Path, name: str, nb: dict) -> None:
    import nbformat  # noqa: PLC0415

    cells = [
        nbformat.v4.new_code_cell(outputs=nbformat.from_dict(cell["outputs"]))
        for cell in nb["cells"]
    ]
    (html / "_sources").mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells), html / "_sources" / f"{name}.ipynb")


def test_the_download_must_carry_the_executed_outputs(tmp_path):
    assert check_book.check_download("ch", GOOD, tmp_path) == [
        f"ch: no executed notebook to download at {tmp_path / '_sources' / 'ch.ipynb'}"
    ]
    write_download(tmp_path, "ch", notebook(code_cell(), code_cell()))  # no outputs
    assert check_book.check_download("ch", GOOD, tmp_path) == [
        "ch: the notebook offered for download differs from the executed one"
    ]
    write_download(tmp_path, "ch", GOOD)
    assert check_book.check_download("ch", GOOD, tmp_path) == []


def stdout(text):
    return {"output_type": "stream", "name": "stdout", "text": text}


def test_builds_that_split_printing_differently_show_the_same_text():
    one_message = notebook(code_cell(stdout("a 1\nb 2\n")))
    two_messages = notebook(code_cell(stdout("a 1\n"), stdout("b 2\n")))
    assert check_book.compare_notebooks("ch", one_message, two_messages) == []
    changed = notebook(code_cell(stdout("a 1\n"), stdout("b 3\n")))
    assert check_book.compare_notebooks("ch", one_message, changed) == [
        "ch: output 0 differs: 'a 1\\nb 2\\n' != 'a 1\\nb 3\\n'"
    ]
