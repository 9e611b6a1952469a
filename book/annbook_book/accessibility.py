"""Markup that screen readers and keyboard users can name, where the book's tools fall short.

axe-core (run on every page by ``annbook_book.checks.offline``) found three kinds
of nodes without a fitting accessible name or role, each made by a tool the
book uses; each is fixed here, where the markup is written:

- myst-nb's "Show code cell source" toggles (``hide-input`` cells) are
  ``<summary aria-label="Toggle hidden content">``: a speech-input user who
  says the words on screen, "show code cell source", names nothing. Written
  here without the label, the summary is named by its visible text, in each
  edition's words (the Korean ones are set by
  :class:`annbook_book.i18n.notebooks.EditionCodeToggles`).
- The theme's navigation opens a page's sections with a ``<summary>`` that
  holds only a chevron icon, so it has no name at all. It gets one here:
  "Sections of <page>", from the link beside it.
- docutils writes citations (the bibliography) as ``role="doc-biblioentry"``
  children of a ``role="list"``; that role is deprecated in DPUB-ARIA 1.1
  and a list must hold list items. They are written as ``role="listitem"``.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from annbook_book.i18n.messages import translation


def visit_hide_code_cell(self, node) -> None:
    """Open myst-nb's hidden-input toggle; the summary is named by its visible text."""
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n<summary>\n')
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


def depart_hide_code_cell(self, node) -> None:  # noqa: ARG001
    self.body.append("</details>\n")


def visit_citation(self, node) -> None:
    """Open a citation as an item of the citation list docutils opens before the first."""
    if not isinstance(node.previous_sibling(), type(node)):
        self.body.append('<div role="list" class="citation-list">\n')
    self.body.append(self.starttag(node, "div", classes=[node.tagname], role="listitem"))


def name_navigation_toggles(html, language: str = "en"):
    """Give each nameless ``<summary>`` of the theme's navigation the name of its page's sections.

    ``html`` is the theme's navigation, as a string or as the BeautifulSoup
    tree the theme returns (changed in place); it is returned. The name is
    in ``language`` (:mod:`annbook_book.i18n.messages`).

    Examples
    --------
    >>> name_navigation_toggles(
    ...     '<li><a href="ann.html">Neurons</a><details><summary>'
    ...     '<span role="presentation"><i></i></span></summary><ul></ul></details></li>'
    ... )  # doctest: +ELLIPSIS
    '<li><a href="ann.html">Neurons</a><details><summary aria-label="Sections of Neurons">...'
    """
    from bs4 import BeautifulSoup, Tag  # noqa: PLC0415

    if isinstance(html, Tag):
        soup = html
    elif isinstance(html, str) and "<summary" in html:
        soup = BeautifulSoup(html, "html.parser")
    else:
        return html
    sections = translation(language).gettext("Sections of {title}")
    for summary in soup.find_all("summary"):
        if summary.get_text(strip=True) or summary.get("aria-label"):
            continue
        link = summary.parent.find_previous_sibling("a")
        title = link.get_text(" ", strip=True) if link else "this page"
        summary["aria-label"] = sections.format(title=title)
    return html if soup is html else str(soup)


def _wrap_toctree(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """After the theme adds its navigation function, name the toggles it draws."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def generate_named(kind: str, *args, **kwargs):
        return name_navigation_toggles(generate(kind, *args, **kwargs), app.config.language)

    context["generate_toctree_html"] = generate_named


def setup(app) -> None:
    """Replace the writers of the three kinds of markup."""
    from myst_nb.sphinx_ import HideCodeCellNode  # noqa: PLC0415

    app.setup_extension("myst_nb")  # so that the node is myst-nb's before it is replaced
    app.add_node(
        HideCodeCellNode, override=True, html=(visit_hide_code_cell, depart_hide_code_cell)
    )
    depart_citation = HTML5Translator.depart_citation  # docutils' own, unchanged
    app.add_node(nodes.citation, override=True, html=(visit_citation, depart_citation))
    # The theme adds generate_toctree_html at the default priority, 500.
    app.connect("html-page-context", _wrap_toctree, priority=900)
