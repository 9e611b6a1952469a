"""Previews on hover and on keyboard focus: what a term or a reference points to, in a popup.

A link of a page's text to a glossary term, a chapter or section, a figure or
table, an equation, an exercise or a citation shows, when the pointer rests
on it or the keyboard reaches it, a short preview of its target: the term and
its definition, the section's title and first paragraph, the figure and its
caption, the equation, the exercise's title and first paragraph, the
reference as the bibliography lists it. Escape closes it.

The previews are made when the build has finished (``build-finished``),
from the written pages: the targets of every page of the edition, and for
each page the links of its text that have one, into
``_static/previews/<page>.js``. Made from the pages as written, they hold
whatever Sphinx wrote in parallel processes, and after a rebuild that wrote
only some pages, also the previews of the pages it left alone (a page is
parsed again only when it changed, :data:`CACHE`). The popups are tippy.js
6.3.7 on Popper 2.11.8 (MIT licence, ``static/LICENSE-tippy-popper.txt``),
from the npm registry, served by the book itself: no request leaves it.
The API reference, whose links go to code, gets none.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import unquote

from annbook_book import layout

STATIC = Path(__file__).parent / "static"
#: In the build's doctrees folder: each page's targets and links, by modification time.
CACHE = "annbook-previews.json"
#: The scripts every page with previews loads, in order, then its own data.
SCRIPTS = ("popper.min.js", "tippy.umd.min.js", "annbook-previews.js")
#: Pages that get no previews and give none (prefixes of page names).
WITHOUT = ("api/", "_modules/", "genindex", "search", "py-modindex")
#: Longest preview text of a paragraph, in characters; a longer one ends in "…".
LONGEST = 420

_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _has_previews(pagename: str) -> bool:
    return not pagename.startswith(WITHOUT)


def _shortened(tag, soup):
    """Return a copy of paragraph ``tag`` cut to about :data:`LONGEST` characters of text."""
    copy = _copy(tag, soup)
    if len(copy.get_text()) <= LONGEST:
        return copy
    paragraph = soup.new_tag("p")
    text = copy.get_text(" ", strip=True)
    paragraph.string = text[: text.rfind(" ", 0, LONGEST)] + " …"
    return paragraph


def _copy(tag, soup):
    """Return a copy of ``tag`` without its ids and permalinks (the page has them already)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    copy = BeautifulSoup(str(tag), "html.parser")
    for link in copy.select("a.headerlink"):
        link.decompose()
    for element in copy.find_all(id=True):
        del element["id"]
    return copy.contents[0] if copy.contents else soup.new_tag("span")


def _title(text: str, soup):
    title = soup.new_tag("p", attrs={"class": "annbook-preview-title"})
    title.string = " ".join(text.split())
    return title


def _first_paragraph(container):
    for child in container.find_all(["p", "figure", "div"], recursive=False):
        if child.name == "p":
            return child
    return container.find("p")


def targets(article, soup) -> dict[str, str]:
    """Return the previews of the targets in a page's ``article``, by their ids (None: the page)."""
    previews: dict[str | None, str] = {}

    def keep(key, parts) -> None:
        html = "".join(str(part) for part in parts if part is not None)
        if html and key not in previews:
            previews[key] = html

    for section in article.find_all("section", id=True):
        heading = section.find(_HEADINGS)
        if heading is None:
            continue
        paragraph = _first_paragraph(section)
        parts = [_title(_copy(heading, soup).get_text(" "), soup)]
        if paragraph is not None:
            parts.append(_shortened(paragraph, soup))
        keep(section["id"], parts)
        if heading.name == "h1":
            keep(None, parts)
    for term in article.select("dl.glossary > dt[id]"):
        names = [term]
        sibling = term.find_next_sibling(["dt", "dd"])
        while sibling is not None and sibling.name == "dt":
            names.append(sibling)
            sibling = sibling.find_next_sibling(["dt", "dd"])
        previous = term.find_previous_sibling(["dt", "dd"])
        while previous is not None and previous.name == "dt":
            names.insert(0, previous)
            previous = previous.find_previous_sibling(["dt", "dd"])
        definition = sibling.find("p") if sibling is not None else None
        title = " · ".join(_copy(name, soup).get_text(" ", strip=True) for name in names)
        keep(term["id"], [_title(title, soup), definition and _shortened(definition, soup)])
    for figure in article.select("figure[id], table[id]"):
        keep(figure["id"], [_copy(figure, soup)])
    for equation in article.select("div.math[id]"):
        copy = _copy(equation, soup)
        for number in copy.select("span.eqno"):
            number.decompose()
        keep(equation["id"], [copy])
    for exercise in article.select("div.exercise[id], div.solution[id]"):
        title = exercise.find(class_="admonition-title")
        content = exercise.find("section")
        paragraph = content.find("p") if content is not None else None
        keep(
            exercise["id"],
            [
                title and _title(title.get_text(" "), soup),
                paragraph and _shortened(paragraph, soup),
            ],
        )
    for citation in article.select("div.citation[id]"):
        keep(citation["id"], [citation.find("p") and _copy(citation.find("p"), soup)])
    return previews


def links(article) -> list[str]:
    """Return the addresses of the links to other parts of the book in a page's ``article``."""
    found = []
    for link in article.select("a.reference.internal[href]"):
        if "headerlink" in (link.get("class") or []):
            continue
        found.append(link["href"])
    return sorted(set(found))


def resolve(href: str, pagename: str) -> tuple[str, str | None]:
    """Return the page and the id a link of page ``pagename`` points to.

    Examples
    --------
    >>> resolve("glossary.html#term-weight", "ann")
    ('glossary', 'term-weight')
    >>> resolve("#equation-eq-1", "ann"), resolve("dnn.html", "ann")
    (('ann', 'equation-eq-1'), ('dnn', None))
    """
    path, _, anchor = href.partition("#")
    page = pagename if not path else os.path.normpath(
        os.path.join(os.path.dirname(pagename), unquote(path))
    ).removesuffix(".html")  # fmt: skip
    return page, (unquote(anchor) or None)


def read_page(path: Path) -> dict:
    """Return the previews of the targets on a written page, and its links."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    article = soup.find("article") or soup
    found = targets(article, soup)
    return {
        "targets": {"" if key is None else key: html for key, html in found.items()},
        "links": links(article),
    }


def write_previews(outdir: Path, cache_path: Path) -> int:
    """Write each page's previews under ``outdir/_static/previews``; return how many links got one.

    Pages are read again only when they changed since the last build
    (``cache_path``).
    """
    try:
        cache = json.loads(cache_path.read_text("utf-8"))
    except (FileNotFoundError, ValueError):
        cache = {}
    pages: dict[str, dict] = {}
    for path in layout.site_pages(outdir):
        pagename = path.relative_to(outdir).with_suffix("").as_posix()
        if not _has_previews(pagename):
            continue
        modified = path.stat().st_mtime_ns
        cached = cache.get(pagename)
        if cached is None or cached["modified"] != modified:
            cached = {"modified": modified, **read_page(path)}
        pages[pagename] = cached
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(pages), "utf-8")
    count = 0
    folder = outdir / "_static" / "previews"
    for pagename, page in pages.items():
        previews = {}
        for href in page["links"]:
            target, anchor = resolve(href, pagename)
            html = pages.get(target, {}).get("targets", {}).get(anchor or "")
            if html and target == pagename and anchor is None:
                continue  # a link to the page itself
            if html:
                previews[href] = _relative(html, pagename, target)
        count += len(previews)
        text = f"window.annbookPreviews = {json.dumps(previews, ensure_ascii=False)};\n"
        target_file = folder / f"{pagename}.js"
        if not target_file.is_file() or target_file.read_text("utf-8") != text:
            target_file.parent.mkdir(parents=True, exist_ok=True)
            target_file.write_text(text, "utf-8")
    return count


_ADDRESS = re.compile(r'(\s(?:src|href)=")(?![a-z]+:|#|/)([^"]*)"')


def _relative(html: str, pagename: str, target: str) -> str:
    """Return a preview of page ``target`` with its relative addresses as page ``pagename`` sees them."""
    source, there = os.path.dirname(pagename), os.path.dirname(target)
    if source == there:
        return html

    def moved(match) -> str:
        path = os.path.relpath(os.path.join(there, match[2]), source or ".")
        return f'{match[1]}{path}"'

    return _ADDRESS.sub(moved, html)


def _add_static(app, config) -> None:  # noqa: ARG001
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _add_scripts(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    if doctree is None or not _has_previews(pagename):
        return
    app.add_js_file(f"previews/{pagename}.js", loading_method="defer")
    for script in SCRIPTS:
        app.add_js_file(script, loading_method="defer")


def _write(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    write_previews(Path(app.outdir), Path(app.doctreedir) / CACHE)


def setup(app):
    app.connect("config-inited", _add_static)
    app.add_css_file("tippy.css")
    app.add_css_file("annbook-previews.css")
    app.connect("html-page-context", _add_scripts)
    app.connect("build-finished", _write)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
