"""Check the Korean edition's search: each query of a student finds its page first.

Run after the Korean build (``nox -s docs`` does)::

    python -m annbook_book check-search [docs/_build/html/ko]

It reads the edition's search index (``searchindex.js``) and ranks the pages
for each query of ``QUERIES`` the way Sphinx's ``searchtools.js`` does for a
query of words: the query is split into words, each stemmed by the edition's
search language (:class:`annbook_book.i18n.search_ko.SearchKorean`, the same
stemmer its JavaScript runs), and a page scores 15 for a word in a title, 5
in the text, 7 and 2 for a word that only contains the query's (a partial
match), its best word counting; a page must contain every word; a title that
contains the whole query scores too. Results are ordered by score, then by
title. Searches of API objects are left out: no query here names one.

It fails (exit status 1) on a query whose first result is not its page,
printing the first results with their scores.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

from annbook_book.layout import HTML, KOREAN

#: What a student would type, with and without particles, and the page it must rank first.
#: The chapters' pages are found by the glossary's terms that their section
#: titles use (the translations must keep them: "퍼셉트론", "역전파", ...).
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
]

TITLE, PARTIAL_TITLE, TERM, PARTIAL_TERM = 15, 7, 5, 2
#: The page whose text results the book's scorer ranks one lower.
LANDING_PAGE = "index"
_WORD = re.compile(r"[^\w]+")


def load_index(html: Path) -> dict:
    """Return the search index a built site's ``searchindex.js`` holds."""
    text = (html / "searchindex.js").read_text("utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def rank(index: dict, query: str, language) -> list[tuple[int, str, str]]:
    """Return (score, docname, title) of the results for ``query``, best first."""
    results = []
    query_lower = query.lower().strip()
    titles, docnames = index["titles"], index["docnames"]
    for title, found in index["alltitles"].items():
        if query_lower in title.lower().strip() and len(query_lower) >= len(title) / 2:
            for file, _anchor in found:
                score = round(TITLE * len(query_lower) / len(title))
                boost = 1 if titles[file] == title else 0
                results.append((score + boost, docnames[file], title))
    words = {
        language.stem(word.lower())
        for word in _WORD.split(query)
        if word and word.lower() not in language.stopwords and not word.isdigit()
    }
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
    for file, found in scores.items():
        if len(found) in (len(words), long_words):
            score = max(found.values()) - (docnames[file] == LANDING_PAGE)
            results.append((score, docnames[file], titles[file]))
    return sorted(results, key=lambda result: (-result[0], result[2].lower()))


def check_search(html: Path, queries=QUERIES) -> list[str]:
    """Return a problem for each query whose first result is not its page."""
    from annbook_book.i18n.search_ko import SearchKorean  # noqa: PLC0415

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
