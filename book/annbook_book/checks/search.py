"""Check the Korean edition's search: each query of a student finds its page first.

Run after the Korean build (``nox -s docs`` does)::

    python -m annbook_book check-search [docs/_build/html/ko]

It reads the edition's search index (``searchindex.js``) and ranks the pages
for each query of ``QUERIES`` the way the edition's search page does: Sphinx's
``searchtools.js`` for a query of words, with the Korean search around it
(:mod:`annbook_book.i18n.search_ko`, whose JavaScript does the same). The
query is split into words, each stemmed by the edition's search language
(:class:`~annbook_book.i18n.search_ko.SearchKorean`), a compound split into
words of the index and a Korean word the index lacks left out
(:func:`~annbook_book.i18n.search_ko.query_terms`); a page scores 15 for a
word in a title, 5 in the text, 7 and 2 for a word that only contains the
query's (a partial match), its best word counting; a page must contain every
word, and each more of its words in the page's titles adds a tenth (which
orders pages tied on their best word). An index entry that holds the query
(a glossary term, an API name) scores 14 for the whole entry (the book's
scorer; 100 in Sphinx's), the main entries among the other results, the
others after them. A title that contains the whole query scores too, as Sphinx compares
them and with particles stripped and spaces left out on both sides
(:func:`~annbook_book.i18n.search_ko.title_results`). Results are ordered by
score, then by title. Searches of API objects are left out: no query here
names one.

It fails (exit status 1) on a query whose first result is not its page,
printing the first results with their scores.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from annbook_book.i18n.search_ko import (
    TITLE,
    SearchKorean,
    js_round,
    known_words,
    query_terms,
    query_words,
    title_results,
    title_words_bonus,
)
from annbook_book.layout import HTML, KOREAN

#: What a student would type, with and without particles, and the page it must rank first.
#: The chapters' pages are found by the glossary's terms that their section
#: titles use (the translations must keep them: "퍼셉트론", "역전파", ...),
#: typed as a student who has not read the index types them: with a
#: particle, a compound with or without its space, a question.
QUERIES = [
    ("용어집", "glossary"),
    ("용어집에서", "glossary"),
    ("참고 문헌", "bibliography"),
    ("실행 보고서", "execution-report"),
    ("번역", "execution-report"),
    ("책의 지도", "map"),
    ("정직하게", "honesty"),
    ("퍼셉트론", "ann"),
    ("퍼셉트론은", "ann"),
    ("역전파", "ann"),
    ("역전파를", "ann"),
    ("사전 학습", "dnn"),
    ("오토인코더를", "dnn"),
    ("순환 신경망", "rnn"),
    ("흑점을", "rnn"),
    ("GRU", "lstm"),
    ("GRU는", "lstm"),
    ("어텐션", "lstm"),
    ("어텐션이", "lstm"),
    ("합성곱", "cnn"),
    ("합성곱의", "cnn"),
    ("수용 영역", "cnn"),
    ("혼동 행렬을", "cnn"),
    ("LeNet", "cnn"),
    ("시드", "cnn-mnist"),
    # A chapter's title with a particle on its last word, which the whole-title match must survive.
    ("순환 신경망은", "rnn"),
    ("합성곱 신경망이란", "cnn"),
    ("장단기 메모리의", "lstm"),
    ("심층 신경망을", "dnn"),
    # A compound typed without its space, and one typed with it.
    ("합성곱신경망", "cnn"),
    ("순환신경망", "rnn"),
    ("장단기메모리", "lstm"),
    ("사전학습", "dnn"),
    ("혼동행렬", "cnn"),
    ("최대풀링", "cnn"),
    ("망각게이트", "lstm"),
    ("인공 신경망", "ann"),
    # What a student looks for, in words of their own, and questions.
    ("퍼셉트론 학습 규칙", "ann"),
    ("오토인코더로 사전 학습하기", "dnn"),
    ("태양 흑점 예측", "rnn"),
    ("문자 수준 언어 모델", "lstm"),
    ("여러 장치에서 학습하려면", "distributed"),
    ("활성화 함수는 무엇인가", "ann"),
    ("역전파는 어떻게 계산하나요", "ann"),
    ("LSTM의 망각 게이트는 무엇인가요", "lstm"),
    ("합성곱신경망은 어떻게 이미지를 읽나요", "cnn"),
]

PARTIAL_TITLE, TERM, PARTIAL_TERM = 7, 5, 2
#: The page whose text results the book's scorer ranks one lower.
LANDING_PAGE = "index"


def load_index(html: Path) -> dict:
    """Return the search index a built site's ``searchindex.js`` holds."""
    text = (html / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def rank(index: dict, query: str, language) -> list[tuple[float, str, str]]:
    """Return (score, docname, title shown) of the results for ``query``, in the page's order."""
    query_lower = query.lower().strip()
    results = sphinx_title_results(index, query_lower)
    main, later = index_entry_results(index, query_lower)
    terms = list(dict.fromkeys(query_terms(query_words(query, language), known_words(index))))
    results += main + title_results(index, terms, language) + text_results(index, set(terms))

    def order(found):
        return sorted(found, key=lambda result: (-result[0], result[2].lower()))

    return order(results) + order(later)


def sphinx_title_results(index: dict, query_lower: str) -> list[tuple[float, str, str]]:
    """Return the results of Sphinx's own titles that contain the query as typed."""
    results = []
    titles, docnames = index["titles"], index["docnames"]
    for title, found in index["alltitles"].items():
        if query_lower in title.lower().strip() and len(query_lower) >= len(title) / 2:
            for file, _anchor in found:
                score = js_round(TITLE * len(query_lower) / len(title))
                boost = 1 if titles[file] == title else 0
                shown = title if titles[file] == title else f"{titles[file]} > {title}"
                results.append((score + boost, docnames[file], shown))
    return results


def index_entry_results(index: dict, query_lower: str) -> tuple[list, list]:
    """Return the results of the index entries (the glossary's terms, the API's names).

    The main entries go among the other results, the others after them all.
    """
    main, later = [], []
    titles, docnames = index["titles"], index["docnames"]
    for entry, found in index.get("indexentries", {}).items():
        if query_lower in entry and len(query_lower) >= len(entry) / 2:
            score = index_entry_score(js_round(100 * len(query_lower) / len(entry)))
            for file, _anchor, is_main in found:
                (main if is_main else later).append((score, docnames[file], titles[file]))
    return main, later


def text_results(index: dict, words: set[str]) -> list[tuple[float, str, str]]:
    """Return the pages that hold every word, each scored by its best word (and the bonus)."""
    titles, docnames = index["titles"], index["docnames"]
    scores: dict[int, dict[str, int]] = defaultdict(dict)
    for word in words:
        records = [(index["terms"].get(word), TERM), (index["titleterms"].get(word), TITLE)]
        if len(word) > 2:
            for key, score in (("terms", PARTIAL_TERM), ("titleterms", PARTIAL_TITLE)):
                if word not in index[key]:
                    records += [
                        (files, score) for term, files in index[key].items() if word in term
                    ]
        for files, score in records:
            for file in [] if files is None else [files] if isinstance(files, int) else files:
                scores[file][word] = score  # as searchtools.js: the last record counts
    long_words = sum(len(word) > 2 for word in words)
    results = []
    for file, found in scores.items():
        if len(found) in (len(words), long_words):
            score = max(found.values()) - (docnames[file] == LANDING_PAGE)
            score += title_words_bonus(index, words, file)
            results.append((score, docnames[file], titles[file]))
    return results


def index_entry_score(score: int) -> int:
    """Return an index entry's score as the book's scorer gives it (``search_scorer.js``).

    Sphinx scores an entry that is the whole query 100, above any page; the
    book scores it one less than a title (14), so a chapter whose titles name
    a term comes first and the glossary's entry for it next, above the pages
    that only mention it.

    Examples
    --------
    >>> index_entry_score(100), index_entry_score(57)
    (14, 8)
    """
    return js_round(score * (TITLE - 1) / 100)


def check_search(html: Path, queries=QUERIES) -> list[str]:
    """Return a problem for each query whose first result is not its page."""
    index = load_index(html)
    language = SearchKorean({})
    problems = []
    for query, page in queries:
        results = rank(index, query, language)
        if not results or results[0][1] != page:
            shown = ", ".join(f"{name} ({score})" for score, name, _ in results[:4]) or "none"
            problems.append(f"{query!r} must find {page!r} first; found: {shown}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=HTML / KOREAN, help="built edition")
    args = parser.parse_args(argv)
    problems = check_search(args.html)
    for problem in problems:
        print(problem)
    if problems:
        print(f"check_search: {len(problems)} of {len(QUERIES)} queries miss their page")
        return 1
    print(f"check_search: all {len(QUERIES)} queries find their page first")
    return 0


if __name__ == "__main__":
    sys.exit(main())
