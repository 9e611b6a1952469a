"""Search for the Korean edition: words found with or without their particles, and compounds.

Sphinx has no Korean search language: ``html_search_language = "ko"`` falls
back to English without a word, and Korean words carry particles and endings
(신경망은, 신경망을, 신경망의) that defeat whole-word matching. This language
strips the common ones from the end of a Hangul word, the same way in Python
(the index) and in JavaScript (the reader's query), so that every form of a
word finds the pages that use any other form. Words in Latin letters (LSTM,
ReLU, Keras), which Korean pages keep, get Sphinx's English stemming.

A particle is stripped only where at least two syllables remain, so that
결과 or 차이 are not cut to one syllable; stripping repeats, so 신경망에서는
becomes 신경망. A question's own words (무엇, 어떻게, 왜 ...) are stop words.

A student types a term as a compound without its space ("합성곱신경망"),
with a particle after a title of several words ("순환 신경망은"), or with
a verb the stemmer does not know ("막나요"). So a query's words are taken as
:func:`query_terms` says (a compound split into words of the index, a Korean
word the book never uses left out), a title matches the whole query when
:func:`title_key` of the title holds that of the query (particles stripped,
spaces left out): :func:`title_results`, and of two pages tied on their best
word, the one whose titles hold more of the query's words comes first
(:func:`title_words_bonus`). The search page does the same in
JavaScript (``search_ko.js``, around Sphinx's ``searchtools.js``), and
:mod:`annbook_book.checks.search` ranks with these functions.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Iterable
from pathlib import Path

import snowballstemmer
import sphinx.search
from sphinx.search import SearchLanguage
from sphinx.search.en import SearchEnglish

from annbook_book.layout import HANGUL, KOREAN

#: Particles (조사) and the endings of 하다/되다/이다 in the book's register,
#: longest first, so that 에서는 goes before 는.
# fmt: off
_ENDINGS = {
    # particles
    "은", "는", "이", "가", "을", "를", "의", "에", "에서", "에게", "으로", "로",
    "와", "과", "도", "만", "까지", "부터", "보다", "처럼", "마다", "이나", "나",
    "이란", "란", "이라는", "라는", "으로써", "로써", "으로서", "로서",
    "에는", "에서는", "에서도", "으로는", "로는", "와는", "과는", "에도", "만을",
    "들", "들은", "들이", "들을", "들의", "들에", "들로",
    # endings of 하다, 되다 and 이다
    "한다", "하는", "하고", "하면", "하여", "해서", "했다", "하지", "할", "한",
    "된다", "되는", "되고", "되면", "되어", "됐다", "된",
    "이다", "이며", "이고", "이면", "였다", "이었다",
    # endings of a question, as a student types one
    "하나요", "되나요", "인가요", "인가", "나요", "까요", "할까", "일까", "는가", "하는가",
    "되는가", "인지", "는지", "하는지", "되는지", "하려면", "려면", "해요", "돼요", "예요",
    "이에요", "에요", "입니다", "합니다", "됩니다", "합니까", "입니까",
}
#: A question's own words, which say nothing about what a page holds (stop words).
QUESTION_WORDS = frozenset({"무엇", "뭐", "뭔가", "왜", "어떻게", "어떤", "무슨", "언제", "어디", "얼마나"})
# fmt: on
ENDINGS = tuple(sorted(_ENDINGS, key=lambda ending: (-len(ending), ending)))
MIN_STEM = 2
#: Sphinx's JavaScript stemmers (the Snowball ones), which its languages use.
SPHINX_STEMMERS = Path(sphinx.search.__file__).parent / "minified-js"
#: The same search in JavaScript, after the constants :attr:`SearchKorean.js_stemmer_code` sets.
SCRIPT = Path(__file__).with_suffix(".js")
#: How Sphinx's searchtools.js splits a query into words (``splitQuery``).
_SPLIT = re.compile(r"[^\w]+")
#: The score of a word found in a title (searchtools.js's ``Scorer.title``).
TITLE = 15
#: What each more word of the query in a page's titles adds (:func:`title_words_bonus`).
TIE_BREAK = 0.1


def strip_endings(word: str) -> str:
    """Return a Hangul word without the particles and endings at its end.

    Examples
    --------
    >>> [strip_endings(word) for word in ["신경망은", "신경망을", "신경망의", "신경망에서는"]]
    ['신경망', '신경망', '신경망', '신경망']
    >>> strip_endings("결과"), strip_endings("학습한다"), strip_endings("LSTM은")
    ('결과', '학습', 'LSTM')
    """
    stripped = True
    while stripped:
        stripped = False
        for ending in ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
                word = word[: -len(ending)]
                stripped = True
                break
    return word


class SearchKorean(SearchLanguage):
    """Korean: particles and endings stripped, English words stemmed as in English."""

    lang = KOREAN
    language_name = "Korean"
    stopwords = SearchEnglish.stopwords | QUESTION_WORDS

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.english = snowballstemmer.stemmer("english")

    def stem(self, word: str) -> str:
        word = word.lower()
        if HANGUL.search(word):
            word = strip_endings(word)
            if HANGUL.search(word):
                return word
        return self.english.stemWord(word)

    @property
    def js_stemmer_code(self) -> str:
        """The same search in JavaScript: Sphinx's English stemmer, the endings, ``search_ko.js``."""
        english = "\n".join(
            (SPHINX_STEMMERS / name).read_text("utf-8")
            for name in ("base-stemmer.js", "english-stemmer.js")
        )
        return f"""{english}
const KOREAN_ENDINGS = {json.dumps(ENDINGS, ensure_ascii=False)};
const HANGUL = /{HANGUL.pattern}/;
const MIN_STEM = {MIN_STEM};
const TIE_BREAK = {TIE_BREAK};
{SCRIPT.read_text("utf-8")}"""


def query_words(text: str, language: SearchLanguage) -> list[str]:
    """Return a text's words as Sphinx's search takes a query's: stemmed, no stop words or numbers.

    Examples
    --------
    >>> query_words("순환 신경망은 무엇인가요?", SearchKorean({}))
    ['순환', '신경망']
    """
    words = [word.lower() for word in _SPLIT.split(text.strip()) if word]
    stems = [
        language.stem(word)
        for word in words
        if word not in language.stopwords and not word.isdigit()
    ]
    return [stem for stem in stems if stem not in language.stopwords]


def split_compound(word: str, known: frozenset[str] | set[str]) -> list[str] | None:
    """Return ``word`` as words of ``known``, the longest first word first; ``None`` if it is not.

    Examples
    --------
    >>> split_compound("합성곱신경망", {"합성", "합성곱", "신경망"})
    ['합성곱', '신경망']
    >>> split_compound("장단기메모리", {"장단기"}) is None
    True
    """
    if word in known:
        return [word]
    for cut in range(len(word) - MIN_STEM, MIN_STEM - 1, -1):
        if word[:cut] in known:
            rest = split_compound(word[cut:], known)
            if rest is not None:
                return [word[:cut], *rest]
    return None


def query_terms(words: Iterable[str], known: frozenset[str] | set[str]) -> list[str]:
    """Return what the Korean search looks for, given a query's stemmed words and the index's.

    A word of the index, or one in Latin letters, stays; a Hangul compound is
    split into words of the index; another Hangul word that no word of the
    index holds is left out (a verb's form the stemmer does not know).

    Examples
    --------
    >>> query_terms(["합성곱신경망", "lstm", "막나요"], {"합성곱", "신경망", "lstm"})
    ['합성곱', '신경망', 'lstm']
    """
    terms = []
    for word in words:
        if not HANGUL.search(word) or word in known:
            terms.append(word)
            continue
        parts = split_compound(word, known)
        if parts is not None:
            terms += parts
        elif len(word) > 2 and any(word in term for term in known):
            terms.append(word)
    return terms


def title_words_bonus(index: dict, words: Iterable[str], file: int) -> float:
    """Return what a page adds to its best word's score for the query's other words in its titles.

    Sphinx scores a page by its best word alone, so for a query of several
    words a page whose titles hold one of them ties with one whose titles
    hold them all ("인공 신경망": every chapter titled "... 신경망"). Each more
    word in the page's titles adds a tenth: less than any score Sphinx gives,
    so it only orders pages tied on their best word.
    """
    titled = 0
    for word in words:
        files = index["titleterms"].get(word, [])
        titled += file == files if isinstance(files, int) else file in files
    return TIE_BREAK * max(titled - 1, 0)


def known_words(index: dict) -> frozenset[str]:
    """Return the words of a search index (its text's and its titles')."""
    return frozenset(index["terms"]) | frozenset(index["titleterms"])


def title_key(text: str, language: SearchLanguage) -> str:
    """Return what a title is compared by: its words stemmed, without stop words, joined.

    Examples
    --------
    >>> title_key("순환 신경망의 그래디언트", SearchKorean({}))
    '순환신경망그래디언트'
    """
    return "".join(query_words(text, language))


def title_results(index: dict, terms: Iterable[str], language) -> list[tuple[int, str, str]]:
    """Return (score, docname, title shown) of each title that holds the whole query.

    ``terms`` are the query's words as the search looks for them
    (:func:`query_terms`, each once), joined to be compared with each title's
    :func:`title_key`, with Sphinx's rule: the query must be at least half the
    title, and scores 15 times its share of it, one more for a page's own
    title.
    """
    wanted = "".join(terms)
    results: list[tuple[int, str, str]] = []
    if not wanted:
        return results
    titles, docnames = index["titles"], index["docnames"]
    for title, found in index["alltitles"].items():
        key = title_key(title, language)
        if wanted not in key or len(wanted) < len(key) / 2:
            continue
        for file, _anchor in found:
            score = js_round(TITLE * len(wanted) / len(key)) + (titles[file] == title)
            shown = title if titles[file] == title else f"{titles[file]} > {title}"
            results.append((score, docnames[file], shown))
    return results


def js_round(number: float) -> int:
    """Round as JavaScript's ``Math.round`` does (halves up), not as Python's (halves to even).

    Examples
    --------
    >>> js_round(7.5), round(8.5), js_round(8.5)
    (8, 8, 9)
    """
    return math.floor(number + 0.5)


def stemming_version() -> int:
    """Return a number that changes with what the index's words are stemmed by.

    Sphinx keeps the search index of pages it does not write again, and
    reads every page again when an extension's ``env_version`` changes: so
    an edit to the endings or the stop words re-indexes every page.
    """
    facts = json.dumps([ENDINGS, MIN_STEM, sorted(SearchKorean.stopwords)], ensure_ascii=False)
    return int(hashlib.sha256(facts.encode()).hexdigest()[:8], 16)


def setup(app):
    app.add_search_language(SearchKorean)
    return {
        "env_version": stemming_version(),
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
