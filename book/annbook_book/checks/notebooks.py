"""Check that each downloaded notebook reads as its page, rendered as Jupyter renders it.

Run after the build (``nox -s reader`` does, before it runs the notebooks)::

    python -m annbook_book check-notebooks [docs/_build/html] [--base-url URL]

In each edition (the site, and each translation's folder in it), every
chapter's notebook, ``_sources/<chapter>.ipynb``, is rendered with
nbconvert to Markdown and to HTML. It fails (exit status 1, one line per
problem) on:

* MyST left in its text: a role (``{term}`…```, ``{glue:text}`…```), a
  directive's fence (````` ```{exercise} `````, ``:::{note}``), an equation's
  label (``$$ (eq-x)``), in the Markdown or as the HTML shows it;
* a glued value the page shows (``<span class="pasted-text">``) that the
  notebook's rendered text lacks, looked for in the page's order;
* a link or image of its text that does not resolve in the built site: a
  page or file missing, or an anchor the page lacks. Addresses in the hosted
  book (``--base-url``, default ``$ANNBOOK_BASE_URL``) are looked up in the
  site; other sites are counted, not fetched.

Each edition gets a line: what MyST is left, by kind, and how many glued
values and links were found. nbconvert is not among the book's
requirements: the test group and ``nox -s reader`` install it.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from annbook_book import layout

#: A MyST role in Markdown: ``{name}`…```.
_ROLE = re.compile(r"\{(?P<name>[a-zA-Z][\w:.-]*)\}`")
#: A MyST directive's opening fence, also inside a quote or a list.
_FENCE = re.compile(r"^[ \t>*+-]*(?:`{3,}|:{3,})\{(?P<name>[\w:.-]+)\}", re.MULTILINE)
#: A MyST equation's label after its closing ``$$``.
_LABEL = re.compile(r"\$\$[ \t]*\((?P<name>[\w:.-]+)\)")
#: The same in rendered HTML: a role's name before its code, a fence as a
#: code block's language or as text.
_HTML_ROLE = re.compile(r"\{(?P<name>[a-zA-Z][\w:.-]*)\}(?:<code>|`)")
_HTML_FENCE = re.compile(r"language-\{(?P<name>[\w:.-]+)\}|(?:`{3,}|:{3,})\{(?P<text>[\w:.-]+)\}")


def myst_left(markdown: str) -> Counter:
    """Return the MyST left in Markdown, counted by its name as written (``{term}``, ``$$ (…)``).

    Examples
    --------
    >>> text = "A {term}`unit` is {glue:text}`x:.1f`.\\n\\n```{exercise} Title\\n```\\n$$ (eq-a)"
    >>> sorted(myst_left(text).items())
    [('$$ (label)', 1), ('```{exercise}', 1), ('{glue:text}', 1), ('{term}', 1)]
    >>> myst_left("Plain $x$, `code` and [a link](x.html).")
    Counter()
    """
    found = Counter(f"{{{match['name']}}}" for match in _ROLE.finditer(markdown))
    found.update(f"```{{{match['name']}}}" for match in _FENCE.finditer(markdown))
    found.update("$$ (label)" for _ in _LABEL.finditer(markdown))
    return found


def myst_left_in_html(html: str) -> Counter:
    """Return the MyST that rendered HTML still shows, counted by name.

    Examples
    --------
    >>> sorted(myst_left_in_html('<p>A {term}<code>unit</code></p><pre><code '
    ...     'class="language-{note}">x</code></pre><p>:::{tip}</p>').items())
    [('```{note}', 1), ('```{tip}', 1), ('{term}', 1)]
    """
    found = Counter(f"{{{match['name']}}}" for match in _HTML_ROLE.finditer(html))
    found.update(f"```{{{match['name'] or match['text']}}}" for match in _HTML_FENCE.finditer(html))
    return found


def find_in_order(values: list[str], text: str) -> list[int]:
    """Return the indices of ``values`` not found in ``text``, each looked for after the last found.

    A value that starts or ends with a digit is not found inside a longer number.

    Examples
    --------
    >>> find_in_order(["35", "3", "87.5%"], "reaches 35 and 3, then 87.5%의 정확도")
    []
    >>> find_in_order(["3", "35"], "only 35 here")
    [0]
    >>> find_in_order(["b", "a"], "a b")
    [1]
    """
    missing, start = [], 0
    for index, value in enumerate(values):
        before = r"(?<![\d.])" if value[:1].isdigit() else ""
        after = r"(?![\d])" if value[-1:].isdigit() else ""
        match = re.compile(before + re.escape(value) + after).search(text, start)
        if match is None:
            missing.append(index)
        else:
            start = match.end()
    return missing


def glued_values(page: str) -> list[str]:
    """Return the glued values a page shows, each with the words of text just before it.

    The words (at most two, in the same paragraph) tell a value from the same
    number elsewhere in the text.

    Examples
    --------
    >>> glued_values('<article><p>It reaches <span class="pasted-text">87.5%</span>, '
    ...              '<code>x</code> <span class="pasted-text">3</span> of them (in '
    ...              '<span class="pasted-text">5</span>)</p></article>')
    ['It reaches 87.5%', '3', 'them (in 5']
    """
    from bs4 import BeautifulSoup, NavigableString  # noqa: PLC0415

    article = BeautifulSoup(page, "html.parser").find("article")
    values = []
    for span in article.select("span.pasted-text") if article else []:
        before = span.previous_sibling
        text = str(before) if isinstance(before, NavigableString) else ""
        tail = folded(text) + (" " if text.strip() and text[-1].isspace() else "")
        values.append(re.search(r"(?:\S+ ){0,2}\S*$", tail)[0] + folded(span.get_text()))
    return values


def folded(text: str) -> str:
    """Return text with its white space folded to single spaces."""
    return " ".join(text.split())


@dataclass
class Report:
    """What the check found in one edition."""

    notebooks: int = 0
    left: Counter = field(default_factory=Counter)
    glued: int = 0
    glued_found: int = 0
    links: int = 0
    other_sites: int = 0
    problems: list[str] = field(default_factory=list)

    def line(self, edition: Path) -> str:
        left = ", ".join(f"{name} ×{count}" for name, count in sorted(self.left.items()))
        return (
            f"{edition}: {self.notebooks} notebooks; MyST left: {left or 'none'}; glued values "
            f"{self.glued_found} of {self.glued}; {self.links} links resolved in the site, "
            f"{self.other_sites} to other sites (not fetched)"
        )


class Site:
    """The built site: which files it has, and the ids of its pages."""

    def __init__(self, html: Path) -> None:
        self.html = html.resolve()
        self._ids: dict[Path, set[str]] = {}

    def ids(self, page: Path) -> set[str]:
        from bs4 import BeautifulSoup  # noqa: PLC0415

        if page not in self._ids:
            soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
            self._ids[page] = {tag["id"] for tag in soup.find_all(id=True)} | {
                tag["name"] for tag in soup.find_all("a", attrs={"name": True})
            }
        return self._ids[page]

    def problem(self, address: str, folder: Path, base_url: str) -> str | None:
        """Return what is wrong with a link to ``address`` written in ``folder``, or None."""
        if base_url and address.startswith(base_url.rstrip("/") + "/"):
            parts = urlsplit(address[len(base_url.rstrip("/")) + 1 :])
            target = self.html / unquote(parts.path)
        else:
            parts = urlsplit(address)
            target = (folder / unquote(parts.path)).resolve()
        if not target.is_relative_to(self.html):
            return "leaves the built site"
        if target.is_dir():
            target /= "index.html"
        if not target.is_file():
            return f"no such file in the site ({target.relative_to(self.html)})"
        if parts.fragment and target.suffix == ".html" and parts.fragment not in self.ids(target):
            return f"{target.relative_to(self.html)} has no #{parts.fragment}"
        return None


def render(notebook) -> tuple[str, str]:
    """Return a notebook's Markdown cells rendered by nbconvert: as Markdown, and as HTML."""
    import nbformat  # noqa: PLC0415
    from nbconvert import HTMLExporter, MarkdownExporter  # noqa: PLC0415

    prose = nbformat.v4.new_notebook(
        cells=[cell for cell in notebook.cells if cell.cell_type == "markdown"],
        metadata=notebook.metadata,
    )
    markdown, _ = MarkdownExporter().from_notebook_node(prose)
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(prose)
    return markdown, html


def check_notebook(
    path: Path, page: Path, site: Site, base_url: str = "", report: Report | None = None
) -> Report:
    """Check one downloaded notebook against its page (see the module's text)."""
    import nbformat  # noqa: PLC0415
    from bs4 import BeautifulSoup  # noqa: PLC0415

    report = Report() if report is None else report
    name = path.relative_to(site.html) if path.is_relative_to(site.html) else path
    markdown, html = render(nbformat.read(path, as_version=4))
    body = BeautifulSoup(html, "html.parser").find("main") or BeautifulSoup(html, "html.parser")
    left = myst_left(markdown) | myst_left_in_html(str(body))
    report.notebooks += 1
    report.left.update(left)
    if left:
        shown = ", ".join(f"{key} ×{count}" for key, count in sorted(left.items()))
        report.problems.append(f"{name}: MyST left in the text: {shown}")

    values = glued_values(page.read_text("utf-8"))
    missing = find_in_order(values, folded(body.get_text(" ")))
    report.glued += len(values)
    report.glued_found += len(values) - len(missing)
    report.problems += [
        f"{name}: glued value {index + 1} of {len(values)} on its page, {values[index]!r}, "
        "is not in the text (looked for in the page's order)"
        for index in missing
    ]

    addresses = [tag["href"] for tag in body.find_all("a", href=True)]
    addresses += [tag["src"] for tag in body.find_all("img", src=True)]
    own = {unquote(tag["id"]) for tag in body.find_all(id=True)}  # nbconvert quotes its ids
    for address in addresses:
        parts = urlsplit(address)
        if address.startswith("#"):  # in the notebook: its headings' anchors
            if unquote(parts.fragment) in own:
                report.links += 1
            else:
                report.problems.append(f"{name}: link {address!r}: the notebook has no such id")
            continue
        inside = base_url and address.startswith(base_url.rstrip("/") + "/")
        if (parts.scheme or parts.netloc) and not inside:
            report.other_sites += 1
            continue
        problem = site.problem(address, path.parent, base_url)
        if problem:
            report.problems.append(f"{name}: link {address!r}: {problem}")
        else:
            report.links += 1
    return report


def editions(html: Path) -> list[Path]:
    """Return the folders of the site's editions: the site, and each translation's."""
    return [
        html,
        *(html / language for language in layout.TRANSLATIONS if (html / language).is_dir()),
    ]


def check_notebooks(html: Path, base_url: str = "") -> dict[Path, Report]:
    """Check every chapter's notebook of every edition of the site ``html``."""
    site = Site(html)
    reports = {}
    for edition in editions(site.html):
        report = reports[edition] = Report()
        for path in sorted((edition / "_sources").glob("*.ipynb")):
            page = edition / f"{path.stem}.html"
            if not page.is_file():
                report.problems.append(f"{path}: no page {page.name} beside it")
                continue
            check_notebook(path, page, site, base_url, report)
    return reports


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=layout.HTML, help="built site")
    parser.add_argument(
        "--base-url", default=os.environ.get("ANNBOOK_BASE_URL", ""),
        help="the hosted book's URL, whose links are looked up in the site "
        "(default: $ANNBOOK_BASE_URL)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"check-notebooks: no built book in {args.html} (no index.html)", file=sys.stderr)
        return 1
    reports = check_notebooks(args.html, args.base_url)
    problems = [problem for report in reports.values() for problem in report.problems]
    print("\n".join(problems) if problems else "", end="\n" if problems else "")
    for edition, report in reports.items():
        print(f"check-notebooks: {report.line(edition)}")
    if not any(report.notebooks for report in reports.values()):
        print(f"check-notebooks: no notebooks in {args.html}/_sources", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
