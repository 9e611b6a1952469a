"""The book check catches each fault it exists for, on planted notebooks."""

import tomllib
from pathlib import Path

import pytest

from annbook_book import layout
from annbook_book.checks import book as check_book
from annbook_book.publishing.package import Published, setup_cells

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
    bands = tomllib.loads((layout.DOCS / layout.BANDS).read_text())
    assert set(bands) == {chapter.stem for chapter in layout.chapters()}


def test_a_chapter_without_bands_fails_the_check_saying_what_to_add(tmp_path):
    chapter = "---\nkernelspec:\n  name: annbook\n---\n# New\n"
    (tmp_path / "new.md").write_text(chapter)
    (tmp_path / "bands.toml").write_text("[old]\n")
    result = check_book.check_book(tmp_path, tmp_path / "html", cache=None, keys=None)
    missing = (
        f"new: no [new] table in {tmp_path / 'bands.toml'}; add the chapter's pinned model "
        "summaries ([new.summaries], model name = total parameters), its headline numbers "
        "([new.metrics], glued name = { min = …, max = … }) and its claims ([[new.claims]]), "
        "or an empty [new] if it shows none of them"
    )
    extra = f"old: has a table in {tmp_path / 'bands.toml'} but no chapter old.md"
    assert result.problems == [missing, extra]


def test_two_identical_executions_compare_equal():
    assert check_book.compare_notebooks("ch", GOOD, GOOD) == []


def test_a_number_that_changed_between_builds_is_reported():
    other = notebook(code_cell(summary("cnn", 225_034)), code_cell(glue("test_accuracy", 0.9911)))
    problems = check_book.compare_notebooks("ch", GOOD, other)
    assert problems == ["ch: output 1 differs: '0.9909' != '0.9911'"]


def write_download(html: Path, name: str, nb: dict, *, setup: bool = True) -> None:
    """Write the notebook a chapter offers for download: the book's setup cells, then ``nb``."""
    import nbformat  # noqa: PLC0415

    cells = [
        nbformat.v4.new_code_cell(outputs=nbformat.from_dict(cell["outputs"]))
        for cell in nb["cells"]
    ]
    if setup:
        cells[:0] = setup_cells(Published("0.1.0", "f" * 64))
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


def test_the_download_must_check_the_readers_annbook(tmp_path):
    write_download(tmp_path, "ch", GOOD, setup=False)
    assert check_book.check_download("ch", GOOD, tmp_path) == [
        "ch: the notebook offered for download does not check annbook's version"
    ]


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


# -- Claims -------------------------------------------------------------------

SOURCE = """The CNN reads {glue:text}`test_accuracy:.2%` of the digits,
more  than the
dense network's {glue:text}`mlp_accuracy:.2%`."""
CLAIMED = notebook(*GOOD["cells"], code_cell(glue("mlp_accuracy", 0.981)))


def claims(*entries):
    return {**BANDS, "claims": [{"says": says, "check": check} for says, check in entries]}


def test_a_claim_that_holds_passes_with_white_space_folded():
    bands = claims(("more than the dense network's", "test_accuracy > mlp_accuracy"))
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == []


def test_a_claim_whose_check_is_false_names_phrase_and_values():
    bands = claims(("more than the dense network's", "test_accuracy < mlp_accuracy"))
    expected = (
        'ch: claim "more than the dense network\'s" does not hold: '
        "test_accuracy < mlp_accuracy is false for mlp_accuracy=0.981, test_accuracy=0.9909"
    )
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == [expected]


def test_a_claim_whose_phrase_left_the_chapter_is_reported():
    bands = claims(("far more than the dense network's", "test_accuracy > mlp_accuracy"))
    expected = (
        "ch: claim \"far more than the dense network's\" is not in the chapter's text; "
        "copy the phrase from it"
    )
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == [expected]


def test_a_claim_that_names_an_unknown_value_is_reported():
    bands = claims(("more than the dense network's", "test_accuracy > cnn_accuracy"))
    expected = (
        "ch: claim \"more than the dense network's\": check 'test_accuracy > cnn_accuracy' "
        "names 'cnn_accuracy', which is neither a glued value of the chapter "
        "(mlp_accuracy, test_accuracy) nor one of abs, all, any, len, max, min, round, sorted, "
        "sum, zip"
    )
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == [expected]


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ({"says": "more than the"}, "needs exactly a `says` and a `check` string"),
        ({"says": "more than the", "check": "test_accuracy >"}, "is not a Python expression"),
        ({"says": "more than the", "check": "open('x')"}, "names 'open', which is neither"),
        ({"says": "more than the", "check": "mlp_accuracy / 0"}, "ZeroDivisionError"),
    ],
)
def test_a_malformed_claim_is_reported(claim, expected):
    bands = {**BANDS, "claims": [claim]}
    problems = check_book.check_chapter("ch", CLAIMED, bands, SOURCE)
    assert len(problems) == 1
    assert expected in problems[0]


def test_the_books_claims_are_well_formed_and_their_phrases_in_their_chapters():
    bands = tomllib.loads((layout.DOCS / layout.BANDS).read_text())
    claimed = {name: table["claims"] for name, table in bands.items() if "claims" in table}
    assert claimed, "the book makes no claims"
    for name, entries in claimed.items():
        source = (layout.DOCS / f"{name}.md").read_text()
        for claim in entries:
            assert set(claim) == {"says", "check"}, claim
            assert " ".join(claim["says"].split()) in " ".join(source.split()), claim


def test_the_success_line_counts_claims_per_chapter():
    result = check_book.BookCheck(claims={"ann": 0, "lstm": 2, "rnn": 1})
    assert result.summary() == (
        "3 chapters executed, clean, within their bands, and saying what they show "
        "(ann: 0 claims hold, lstm: 2 claims hold, rnn: 1 claim holds)"
    )
