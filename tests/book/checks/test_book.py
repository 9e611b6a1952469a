"""The book check catches each fault it exists for, on planted notebooks."""

import tomllib
from pathlib import Path

import pytest

from annbook_book import layout
from annbook_book.checks import book as check_book
from annbook_book.checks import claims as claims_rules
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


ONE_RUN = "both were evaluated on the same test set"


def claims(*entries, **extra):
    return {
        **BANDS,
        "claims": [{"says": says, "check": check, **extra} for says, check in entries],
    }


def test_a_claim_that_holds_passes_with_white_space_folded():
    bands = claims(("more than the dense network's", "test_accuracy > 0.98"))
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == []


def test_a_claim_whose_check_is_false_names_phrase_and_values():
    bands = claims(
        ("more than the dense network's", "test_accuracy < mlp_accuracy"), one_run=ONE_RUN
    )
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
        ({"says": "more than the"}, "has neither `check` nor `compare`"),
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
            assert claims_rules.check_form(claim) == "", claim
            assert " ".join(claim["says"].split()) in " ".join(source.split()), claim


def test_the_success_line_counts_claims_per_chapter():
    result = check_book.BookCheck(claims={"ann": 0, "lstm": 2, "rnn": 1})
    assert result.summary() == (
        "3 chapters executed, clean, within their bands, and saying what they show "
        "(ann: 0 claims hold, lstm: 2 claims hold, rnn: 1 claim holds)"
    )


def test_the_success_line_counts_what_the_comparisons_rest_on():
    result = check_book.BookCheck(
        claims={"dnn": 3},
        rests_on=[
            ("dnn", "in all five seeds", "a > b over 5 seeds, paired: ..."),
            ("dnn", "the same network", "one run: the same network, twice"),
            ("dnn", "fewer mistakes", "open: one seed: not yet repeated"),
        ],
    )
    assert result.summary().endswith(
        "(dnn: 3 claims hold); of their comparisons, 1 rest on several seeds, "
        "1 on one run for a stated reason, 1 on one seed not yet repeated"
    )


# -- Comparisons: a conclusion must follow from its experiment ------------------

RUNS_SOURCE = """The CNN beats the dense network in all five seeds, and in every one
of the {glue:text}`n_seeds` seeds its loss is lower. The two inits are alike
over 5 seeds; the CNN reads {glue:text}`test_accuracy:.2%` of the digits."""


def runs_notebook(**lists):
    return notebook(*GOOD["cells"], *(code_cell(glue(k, v)) for k, v in lists.items()))


CNN = [0.991, 0.989, 0.990, 0.992, 0.988]
MLP = [0.981, 0.983, 0.979, 0.980, 0.982]


def compare(says, expression, **extra):
    return {**BANDS, "claims": [{"says": says, "compare": expression, **extra}]}


def problems_of(bands, **lists):
    return check_book.check_chapter("ch", runs_notebook(**lists), bands, RUNS_SOURCE)


def test_a_one_seed_comparison_written_as_a_check_is_refused_naming_the_claim():
    bands = claims(("more than the dense network's", "test_accuracy > mlp_accuracy"))
    problems = check_book.check_chapter("ch", CLAIMED, bands, SOURCE)
    assert problems == [
        (
            "ch: claim \"more than the dense network's\": check 'test_accuracy > mlp_accuracy' "
            "compares two glued values (test_accuracy > mlp_accuracy), which one run may decide "
            "by its seed: write it as a `compare` over seeds (A > B, A < B or A ~ B over glued "
            'lists, one number per seed), or say in `one_run = "..."` why one run decides it'
        )
    ]


@pytest.mark.parametrize(
    "check",
    [
        "test_accuracy > 0.5 * mlp_accuracy",
        "mlp_accuracy < test_accuracy <= 1",
        "test_accuracy - mlp_accuracy > 0",
        "test_accuracy / mlp_accuracy > 1",
        "all(c > m for c, m in zip([test_accuracy], [mlp_accuracy]))",
    ],
)
def test_every_way_of_writing_a_comparison_as_a_check_is_refused(check):
    bands = claims(("more than the dense network's", check))
    (problem,) = check_book.check_chapter("ch", CLAIMED, bands, SOURCE)
    assert "compares two glued values" in problem


@pytest.mark.parametrize(
    "check",
    [
        "test_accuracy > 0.98",
        "abs(test_accuracy - mlp_accuracy) < 0.1",
        "len([test_accuracy, mlp_accuracy]) == 2",
    ],
)
def test_a_fact_about_the_numbers_is_no_comparison(check):
    bands = claims(("more than the dense network's", check))
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == []


def test_a_one_run_reason_lets_a_one_run_comparison_pass():
    bands = claims(
        ("more than the dense network's", "test_accuracy > mlp_accuracy"), one_run=ONE_RUN
    )
    assert check_book.check_chapter("ch", CLAIMED, bands, SOURCE) == []


def test_a_one_run_reason_on_a_check_that_compares_nothing_is_refused():
    bands = claims(("more than the dense network's", "test_accuracy > 0.98"), one_run=ONE_RUN)
    (problem,) = check_book.check_chapter("ch", CLAIMED, bands, SOURCE)
    assert "compares no two glued values, so it needs no `one_run`" in problem


@pytest.mark.parametrize("reason", ["", "  ", "ok", 1, True])
def test_a_one_run_reason_must_be_a_sentence(reason):
    bands = claims(
        ("more than the dense network's", "test_accuracy > mlp_accuracy"), one_run=reason
    )
    (problem,) = check_book.check_chapter("ch", CLAIMED, bands, SOURCE)
    assert "`one_run` must be a sentence saying why one run decides the comparison" in problem
    assert problem.endswith(f"got {reason!r}")


def test_a_comparison_that_holds_on_every_seed_passes():
    bands = compare("in all five seeds", "cnn > mlp")
    assert problems_of(bands, cnn=CNN, mlp=MLP) == []
    assert problems_of(compare("in all five seeds", "mlp < cnn"), cnn=CNN, mlp=MLP) == []


def test_the_number_of_runs_may_be_glued():
    bands = compare("in every one of the {glue:text}`n_seeds` seeds", "mlp < cnn")
    assert problems_of(bands, cnn=CNN, mlp=MLP, n_seeds=5) == []
    (problem,) = problems_of(bands, cnn=CNN, mlp=MLP, n_seeds=4)
    assert "rests on 5 runs, and the phrase must say so: write 5 (or five), or glue it" in problem


def test_a_comparison_one_seed_disagrees_with_fails_showing_the_differences():
    mlp = [*MLP[:4], 0.989]  # the last seed: 0.988 - 0.989 < 0
    (problem,) = problems_of(compare("in all five seeds", "cnn > mlp"), cnn=CNN, mlp=mlp)
    assert problem.startswith(
        "ch: claim 'in all five seeds' does not hold: cnn > mlp needs every paired "
        "difference cnn - mlp > 0, and they are ["
    )
    assert problem.endswith("] over 5 seeds")


@pytest.mark.parametrize("n", [1, 2])
def test_a_comparison_over_fewer_than_three_seeds_fails(n):
    bands = compare("in all five seeds", "cnn > mlp")
    (problem,) = problems_of(bands, cnn=CNN[:n], mlp=MLP[:n])
    assert f"needs at least 3 seeds; with {n}, every seed agreeing is likely by chance" in problem


def test_a_phrase_that_does_not_say_how_many_runs_fails():
    (problem,) = problems_of(
        compare("The CNN beats the dense network", "cnn > mlp"), cnn=CNN, mlp=MLP
    )
    assert problem == (
        "ch: claim 'The CNN beats the dense network': compare 'cnn > mlp' rests on 5 runs, "
        "and the phrase must say so: write 5 (or five), or glue it"
    )


def test_no_difference_holds_when_the_differences_have_both_signs():
    alike = [0.990, 0.991, 0.987, 0.993, 0.985]  # cnn - alike: +, -, +, -, +
    bands = compare("alike over 5 seeds", "cnn ~ alike")
    assert problems_of(bands, cnn=CNN, alike=alike) == []
    (problem,) = problems_of(compare("alike over 5 seeds", "cnn ~ mlp"), cnn=CNN, mlp=MLP)
    assert "does not hold: cnn ~ mlp needs paired differences cnn - mlp of both signs" in problem


def test_unpaired_runs_need_ranges_apart_to_differ_and_overlapping_to_be_alike():
    # Every paired difference is positive, but the ranges overlap.
    low = [0.980, 0.975, 0.989, 0.970, 0.985]
    assert problems_of(compare("in all five seeds", "cnn > low"), cnn=CNN, low=low) == []
    unpaired = compare("in all five seeds", "cnn > low", paired=False)
    (problem,) = problems_of(unpaired, cnn=CNN, low=low)
    assert problem == (
        "ch: claim 'in all five seeds' does not hold: cnn > low needs min(cnn) > max(low), "
        "and cnn spans [0.988, 0.992], low [0.97, 0.989] over 5 seeds"
    )
    assert (
        problems_of(compare("in all five seeds", "cnn ~ low", paired=False), cnn=CNN, low=low) == []
    )
    assert (
        problems_of(compare("in all five seeds", "cnn > mlp", paired=False), cnn=CNN, mlp=MLP) == []
    )
    (problem,) = problems_of(
        compare("in all five seeds", "cnn ~ mlp", paired=False), cnn=CNN, mlp=MLP
    )
    assert "needs the ranges of cnn and mlp to overlap" in problem


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            {"says": "in all five seeds", "check": "cnn[0] > 0", "compare": "cnn > mlp"},
            "ch: claim 'in all five seeds' has both `check` and `compare`; a claim is one of them",
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > mlp", "seeds": 5},
            (
                "ch: claim 'in all five seeds' has unknown key 'seeds'; a claim has `says`, and "
                "`check` (with `one_run`) or `compare` (with `paired`)"
            ),
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > mlp", "one_run": "one seed decides"},
            "ch: claim 'in all five seeds': `one_run` goes with a `check`, not a `compare`",
        ),
        (
            {"says": "in all five seeds", "check": "cnn[0] > 0", "paired": False},
            "ch: claim 'in all five seeds': `paired` goes with a `compare`, not a `check`",
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > mlp", "paired": "no"},
            "ch: claim 'in all five seeds': `paired` must be true or false, got 'no'",
        ),
        (
            {"says": "in all five seeds", "compare": "cnn >= mlp"},
            (
                "ch: claim 'in all five seeds': compare 'cnn >= mlp' must be `A > B`, `A < B` or "
                "`A ~ B`, where A and B are glued lists of numbers, one per seed"
            ),
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > best"},
            (
                "ch: claim 'in all five seeds': compare 'cnn > best' names 'best', which is not a "
                "glued value of the chapter (cnn, mlp, one, test_accuracy)"
            ),
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > one"},
            (
                "ch: claim 'in all five seeds': compare 'cnn > one' needs one to be a glued list of "
                "finite numbers, one per seed, got 0.98"
            ),
        ),
        (
            {"says": "in all five seeds", "compare": "cnn > mlp"},
            (
                "ch: claim 'in all five seeds': compare 'cnn > mlp' needs one number per seed on "
                "both sides, got 5 for cnn and 4 for mlp"
            ),
        ),
    ],
)
def test_a_malformed_comparison_is_reported_clearly(claim, expected):
    bands = {**BANDS, "claims": [claim]}
    assert problems_of(bands, cnn=CNN, mlp=MLP[:4], one=0.98) == [expected]


def test_a_list_with_a_non_number_is_not_a_list_of_runs():
    (problem,) = problems_of(
        compare("in all five seeds", "cnn > mlp"), cnn=CNN, mlp=[*MLP[:4], "x"]
    )
    assert "needs mlp to be a glued list of finite numbers, one per seed" in problem


def test_the_check_lists_what_each_comparison_rests_on(tmp_path):
    chapter = "---\nkernelspec:\n  name: annbook\n---\n# Ch\n" + RUNS_SOURCE
    (tmp_path / "ch.md").write_text(chapter)
    (tmp_path / "bands.toml").write_text(
        "[ch.metrics]\ntest_accuracy = { min = 0.99 }\n[ch.summaries]\ncnn = 225_034\n"
        '[[ch.claims]]\nsays = "in all five seeds"\ncompare = "cnn > mlp"\n'
        '[[ch.claims]]\nsays = "its loss is lower"\ncheck = "cnn[0] > mlp[0]"\n'
        'one_run = "one seed: not yet repeated"\n'
    )

    class Cache:
        """Stands for the execution cache: every chapter's record is the planted notebook."""

        def match_cache_notebook(self, _nb):
            return type("Record", (), {"pk": 1})

        def get_cache_bundle(self, _pk):
            return type("Bundle", (), {"nb": runs_notebook(cnn=CNN, mlp=MLP)})

    class Keys:
        def key(self, _text):
            return "0" * 64

    result = check_book.check_book(tmp_path, tmp_path / "html", Cache(), Keys())
    assert result.rests_on == [
        (
            "ch",
            "in all five seeds",
            "cnn > mlp over 5 seeds, paired: every difference has that sign (sign test: p = 1/32)",
        ),
        ("ch", "its loss is lower", "open: one seed: not yet repeated"),
    ]
