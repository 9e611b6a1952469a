"""The Korean edition's term list: the glossary's words, checked in every catalog."""

import json
from pathlib import Path

import pytest

from annbook_book import layout as project
from annbook_book.i18n import terms

GLOSSARY = """\
---
terms:
  gradient:
    en: ['\\bgradients?\\b(?!\\s+descent)']
    not: ['기울기']
  slope:
    not: ['그래디언트']
  unit:
    not: ['단위']
    keep: ['자연로그 단위']
  Setup:
    en: ['^Setup$']
    ko: 준비
    required: true
typography:
  percent:
    ko: 75%
    not: ['\\d+\\s+%']
---

# Glossary

```{glossary}
:sorted:

gradient
그래디언트
  The vector of partial derivatives.

slope
기울기
  A derivative of a function of one variable.

unit
유닛
단위
  One neuron of a layer.
```
"""
HEADER = 'msgid ""\nmsgstr ""\n"Language: ko\\n"\n\n'


@pytest.fixture
def ideas(tmp_path):
    path = tmp_path / "glossary.md"
    path.write_text(GLOSSARY, "utf-8")
    return terms.read_terms(path)


def catalog(tmp_path: Path, name: str, entries: dict[str, str]) -> Path:
    text = HEADER + "".join(
        f"msgid {json.dumps(msgid, ensure_ascii=False)}\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}\n\n"
        for msgid, msgstr in entries.items()
    )
    path = tmp_path / f"{name}.po"
    path.write_text(text, "utf-8")
    return path


def test_the_glossary_gives_each_entry_its_word_and_aliases(ideas):
    unit = next(idea for idea in ideas if idea.name == "unit")
    assert (unit.word, unit.aliases) == ("유닛", ("단위",))
    setup = next(idea for idea in ideas if idea.name == "Setup")
    assert (setup.word, setup.required) == ("준비", True)


def test_a_planted_variant_fails_with_its_catalog_and_line(ideas, tmp_path):
    path = catalog(
        tmp_path,
        "ann",
        {"A neuron.": "뉴런.", "Each hidden unit has a bias.": "은닉 단위마다 편향이 있다."},
    )
    problems = terms.check_catalogs(ideas, [path])
    assert [str(problem) for problem in problems] == [
        f'{path}:8: uses "단위" for "unit"; the book\'s word is "유닛"'
    ]


def test_a_catalog_in_the_books_words_passes(ideas, tmp_path):
    path = catalog(
        tmp_path,
        "ann",
        {
            "Each hidden unit has a bias.": "은닉 유닛마다 편향이 있다.",
            "Gradient descent follows the slope.": "경사 하강법은 기울기를 따라간다.",
            "The loss is in natural-log units.": "손실은 자연로그 단위로 잰다.",
            "Setup": "준비",
        },
    )
    assert terms.check_catalogs(ideas, [path]) == []


def test_two_ideas_are_never_one_word(ideas):
    english = "The gradient is multiplied by the sigmoid's slope."
    assert terms.check_string(ideas, english, "그래디언트에 시그모이드의 기울기가 곱해진다.") == []
    # One 기울기 for the slope the English names, a second for its gradient: one too many.
    assert terms.check_string(ideas, english, "기울기에 시그모이드의 기울기가 곱해진다.") == [
        (
            'uses "기울기" for "gradient"; the book\'s word is "그래디언트" '
            '("기울기" is the word for "slope")'
        )
    ]
    assert terms.check_string(ideas, "Its slope is 1.", "그래디언트는 1이다.") == [
        (
            'uses "그래디언트" for "slope"; the book\'s word is "기울기" '
            '("그래디언트" is the word for "gradient")'
        )
    ]


def test_a_heading_the_list_requires_is_said_with_its_word(ideas):
    assert terms.check_string(ideas, "Setup", "설정") == [
        'says "Setup" without the book\'s word "준비"'
    ]


def test_typography_holds_in_every_string(ideas):
    assert terms.check_string(ideas, "About 75 % of them.", "약 75%다.") == []
    assert terms.check_string(ideas, "About 75 % of them.", "약 75 %다.") == [
        'uses "75 %" for "percent"; the book writes "75%"'
    ]


@pytest.mark.parametrize(
    "korean",
    [
        "`기울기`를 출력한다.",
        "$기울기 = 0$이다.",
        "{glue:text}`기울기_5 %`를 본다.",
        "[그림](https://example.org/기울기) 을 본다.",
        "https://example.org/5 % 를 본다.",
    ],
)
def test_code_math_roles_and_addresses_are_not_prose(ideas, korean):
    assert terms.check_string(ideas, "The gradient, in `code`.", korean) == []


def test_a_term_role_shows_prose(ideas):
    english = "the {term}`vanishing gradient`"
    assert terms.check_string(ideas, english, "{term}`기울기 소실 <vanishing gradient>`") == [
        (
            'uses "기울기" for "gradient"; the book\'s word is "그래디언트" '
            '("기울기" is the word for "slope")'
        )
    ]


def test_the_korean_the_english_gives_is_held_to_the_list(ideas):
    english = "the {term}`vanishing gradient` (기울기 소실)"
    assert terms.check_string(ideas, english, "그래디언트 소실") == [
        (
            'the English source\'s Korean uses "기울기" for "gradient"; '
            'the book\'s word is "그래디언트" ("기울기" is the word for "slope")'
        )
    ]


def test_a_string_the_english_repeats_is_translated_once(ideas, tmp_path):
    first = catalog(tmp_path, "ann", {"Exercises": "연습 문제", "Setup": "준비"})
    second = catalog(tmp_path, "rnn", {"Exercises": "연습"})
    problems = terms.check_catalogs(ideas, [first, second])
    assert [str(problem) for problem in problems] == [
        (
            f'{second}:5: translates "Exercises" as "연습", but ann.po:5 as "연습 문제": '
            "a string the English repeats is translated once"
        )
    ]


@pytest.mark.parametrize(
    ("table", "match"),
    [
        ("terms:\n  unit:\n    ko: 단위\n", "'unit' is a glossary entry, which names it '유닛'"),
        ("terms:\n  width:\n    not: ['폭']\n", "'width' is no glossary entry .* give its word"),
        ("terms:\n  unit:\n    forbid: ['단위']\n", r"'unit' has unknown keys \['forbid'\]"),
        (
            "terms:\n  unit:\n    not: ['유']\n",
            "'unit' forbids .*'유'.*, which its word '유닛' holds",
        ),
    ],
)
def test_a_wrong_term_list_is_named(tmp_path, table, match):
    path = tmp_path / "glossary.md"
    path.write_text(f"---\n{table}---\n\n```{{glossary}}\nunit\n유닛\n  A neuron.\n```\n", "utf-8")
    with pytest.raises(terms.TermListError, match=match):
        terms.read_terms(path)


def test_the_books_catalogs_keep_the_books_term_list():
    ideas = terms.read_terms(project.DOCS / terms.GLOSSARY)
    catalogs = sorted((project.DOCS / project.LOCALES / "ko" / "LC_MESSAGES").glob("*.po"))
    assert len(ideas) > 10
    assert terms.check_catalogs(ideas, catalogs) == []
