"""The execution report's tables list every comparison and every claim resting on one run."""

import pytest

from annbook_book.checks import report
from annbook_book.checks.claims import NOT_YET_REPEATED

SOURCE = (
    "In all {glue:text}`n_seeds` seeds the pre-trained network wins. "
    "The ranges overlap in five seeds. It is right on {glue:text}`acc:.0%` of them. "
    "It beats the baseline. Both curves fall. The accuracy is high."
)
VALUES = {
    "n_seeds": 5,
    "acc": 0.514,
    "pre": [0.91, 0.92, 0.90, 0.93, 0.92],
    "rand": [0.89, 0.90, 0.91, 0.90, 0.88],  # the third seed goes the other way
    "a": [1.0, 2.0, 3.0, 4.0, 5.0],
    "b": [1.5, 2.5, 3.5, 4.5, 5.5],
    "model_mse": 0.2,
    "baseline_mse": 1.0,
    "accuracy": 0.97,
}
CLAIMS = [
    {"says": "In all {glue:text}`n_seeds` seeds", "compare": "pre > rand"},
    {"says": "The ranges overlap in five seeds", "compare": "a ~ b", "paired": False},
    {
        "says": "right on {glue:text}`acc:.0%` of them",
        "check": "acc < accuracy",
        "one_run": "a subset of the same network's test set",
    },
    {
        "says": "It beats the baseline",
        "check": "model_mse < baseline_mse",
        "one_run": NOT_YET_REPEATED,
    },
    {"says": "The accuracy is high", "check": "accuracy > 0.9"},  # a band: neither kind
]


def test_each_comparison_is_listed_with_its_seeds_and_whether_it_holds():
    comparisons, _ = report.claim_rows("dnn", SOURCE, CLAIMS, VALUES)

    assert [(row.compare, row.seeds, row.paired) for row in comparisons] == [
        ("pre > rand", 5, True),
        ("a ~ b", 5, False),
    ]
    first, second = comparisons
    assert first.holds is False  # one seed of five disagrees: the table says so
    assert first.chance == "1/32"
    assert first.phrase == "In all 5 seeds"
    assert second.holds is True
    assert second.chance == report.UNKNOWN  # no sign test for unpaired ranges


def test_each_claim_on_one_run_is_listed_with_its_reason_and_open_ones_are_marked():
    _, one_run = report.claim_rows("dnn", SOURCE, CLAIMS, VALUES)

    assert [(row.check, row.open, row.holds) for row in one_run] == [
        ("acc < accuracy", False, True),
        ("model_mse < baseline_mse", True, True),
    ]
    assert one_run[0].reason == "a subset of the same network's test set"
    assert one_run[0].phrase == "right on 51% of them"


def test_a_chapter_that_has_not_executed_shows_nothing_as_holding():
    comparisons, one_run = report.claim_rows("dnn", SOURCE, CLAIMS, None)

    assert [(row.seeds, row.holds) for row in comparisons] == [(None, None), (None, None)]
    assert [row.holds for row in one_run] == [None, None]
    assert comparisons[0].phrase == "In all … seeds"


def test_a_claim_whose_phrase_left_the_chapter_does_not_hold():
    claim = {"says": "In all {glue:text}`n_seeds` seeds", "compare": "pre > a"}
    comparisons, _ = report.claim_rows("dnn", "The chapter says no more.", [claim], VALUES)

    assert comparisons[0].holds is False


WORDS = [
    "chapter: Chapter", "claim: Claim", "check: Check", "reason: Why one run decides it",
    "holds: Holds", "yes: yes", "no: no", "open: open",
]  # fmt: skip


def test_the_tables_words_come_from_the_directive_by_key():
    words = report.parse_words(["", *WORDS], "one-run")

    assert words["reason"] == "Why one run decides it"
    assert tuple(words) == report.WORDS["one-run"]


@pytest.mark.parametrize(
    ("lines", "kind", "match"),
    [
        (WORDS, "seeds", "annbook-claims takes comparisons or one-run, got kind='seeds'"),
        ([*WORDS, "Seeds"], "one-run", "each line of annbook-claims is `key: words`, got 'Seeds'"),
        ([*WORDS, "seeds: Seeds"], "one-run", "the one-run table takes the keys .*, got 'seeds'"),
        (WORDS[1:], "one-run", "the annbook-claims one-run table needs the words of: chapter"),
        ([*WORDS[:-1], "open:"], "one-run", "is `key: words`, got 'open:'"),
    ],
)
def test_the_directive_refuses_words_it_cannot_place(lines, kind, match):
    with pytest.raises(ValueError, match=match):
        report.parse_words(lines, kind)
