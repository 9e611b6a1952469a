"""The book's markup fixes for assistive technology, in the small book built for real.

axe-core checks every page of the built book (``nox -s offline``); these
tests show each fix on the small book (``tests/books/small``), with the real
configuration, extension and templates, without a browser.
"""

import pytest
from bs4 import BeautifulSoup

from annbook_book.accessibility import name_navigation_toggles


@pytest.mark.build
def test_toggles_search_and_bibliography_have_fitting_names(built_book):
    # The small book's chapter has a hidden input, a citation, a bibliography
    # and a section.
    chapter = BeautifulSoup((built_book.html / "chapter.html").read_text(), "html.parser")

    # myst-nb's toggle is named by the words it shows.
    toggle = next(s for s in chapter.find_all("summary") if "code cell source" in s.get_text())
    assert toggle.get("aria-label") is None
    assert "Show code cell source" in toggle.get_text()

    # Every summary, the navigation's chevrons too, has a name.
    for summary in chapter.find_all("summary"):
        assert summary.get_text(strip=True) or summary.get("aria-label"), summary
    assert chapter.find("summary", attrs={"aria-label": "Sections of A chapter"})

    # The search field is named by what it shows, "Search Ctrl+K".
    for field in chapter.select(".search-button-field"):
        assert field.get("aria-label") is None
        assert field.get_text(" ", strip=True).startswith("Search")

    # Citations are the items of their list.
    citations = chapter.select('[role="list"].citation-list > .citation')
    assert citations
    assert all(c.get("role") == "listitem" for c in citations)


def test_a_named_toggle_keeps_its_name():
    html = '<li><a href="a.html">A</a><details><summary aria-label="Open"><i></i></summary>'
    named = name_navigation_toggles(html)
    assert 'aria-label="Open"' in named
    assert "Sections of" not in named


def test_a_toggle_is_named_in_the_edition_s_words():
    html = '<li><a href="a.html">합성곱 신경망</a><details><summary><i></i></summary>'
    assert 'aria-label="합성곱 신경망의 절"' in name_navigation_toggles(html, "ko")
    assert 'aria-label="Sections of 합성곱 신경망"' in name_navigation_toggles(html)


def test_a_toggle_with_text_needs_no_label():
    html = '<details><summary><p class="caption">Chapters</p></summary></details>'
    assert "aria-label" not in name_navigation_toggles(html)
