"""Check the built book for third-party loads and for accessibility faults.

Run after the HTML build (``nox -s docs`` does)::

    python -m annbook_book check-site [docs/_build/html]

It reads every page (parsed with Beautiful Soup), stylesheet and script of
the built site, with no browser, and
fails (exit status 1, one line per problem: file, line, what is wrong) on:

* an asset loaded from another host, so that the book would make third-party
  requests: ``<script src>``, ``<link href>`` that loads (stylesheet, icon,
  preload, preconnect...), ``<img src/srcset>``, ``<iframe>``, ``<source>``,
  ``<video>``/``<audio>``/``<track>``/``<embed>``/``<object>``, ``url()`` and
  ``@import`` in ``style`` attributes, ``<style>`` elements and the site's own
  ``.css`` files, and a CDN address (or the address of a script, font, image
  or data file) in a ``.js`` file or an inline ``<script>``. Other addresses
  in scripts (XML namespaces, links in error messages and licences) are not
  fetched and are left alone, and so are the few defaults in ``NOT_FETCHED``
  that the browser check shows are never used;
* an ``<img>`` without alt text: no ``alt`` at all, or an alt that is only the
  image's file name (what Sphinx writes when a chapter gives none). In the
  main content (the ``<article>``) the alt must also be non-empty. Outside it,
  in the theme's frame, ``alt=""`` is accepted: there the only images are the
  logo, which sits beside the book's title and links home, so it is decorative;
* a figure without a caption: a ``<figure>`` with no text in its
  ``<figcaption>``, or an image output of a chapter's code cell (``cell_output``)
  that is not in a ``<figure>`` at all. myst-nb makes the figure and caption from
  the cell's ``mystnb: figure: caption:`` metadata, and the alt from
  ``mystnb: image: alt:``;
* headings that skip a level (an h1 followed by an h3) in the main content,
  and a page with more than one h1. The theme's print-only block
  (``class="onlyprint"``, ``display: none`` on screen) repeats the title as an
  h1; nobody on screen, and no screen reader, meets it, so it is not counted.

* on a page of a translated edition (``ko/...``), English left in its text:
  a word of ``ENGLISH_WORDS`` ("the", "of", "by", "show" ...), which no
  Korean sentence needs, outside what stays English (code, outputs, math,
  the bibliography, the glossary's English names, English in brackets after
  a Korean term, and anything marked ``lang="en"``). The book's tools write
  some text themselves (titles, toggles, the footer), which the catalogs of
  the pages do not check; the API reference stays English and is skipped.
  The names and tooltips a reader hears or sees (``aria-label``, ``title``,
  ``alt``, ``placeholder``...) are held to more: one in Latin letters alone
  holding a word ("Main", "Link to this equation"), not only an acronym or a
  name of code, is English too, unless it names a page that stays English;
* on a page of the Korean edition, a particle after a textual citation that
  does not fit the authors' name before it ("Hinton 외 [2006]은"; see
  :mod:`annbook_book.i18n.citations_ko`).

Links to other sites (``<a href="https://...">``) are navigation, not loads:
they are counted in the summary, not reported.

``--newer-than FILE`` checks only the files modified since ``FILE`` was
(:func:`annbook_book.build.build_book` passes the stamp of the last check
that passed, so a rebuild checks the pages it wrote); without it, every file
is checked.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag
from bs4.element import PreformattedString

from annbook_book.i18n.citations_ko import particle_problems
from annbook_book.layout import HANGUL, HTML, KOREAN, TRANSLATIONS, UNTRANSLATED, is_asset

#: ``<link rel>`` values that make the browser fetch something.
LOADING_RELS = frozenset(
    {"stylesheet", "icon", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
    | {"manifest", "preload", "modulepreload", "prefetch", "prerender", "preconnect"}
    | {"dns-prefetch"}
)
#: Element and attribute pairs that load what they name.
LOADING_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
}
CSS_URL = re.compile(r"""url\(\s*(['"]?)(?P<url>[^'")]*)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT = re.compile(r"""@import\s+(['"])(?P<url>[^'"]*)\1""", re.IGNORECASE)
JS_URL = re.compile(r"""(?P<url>(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s'"`)<>\\]*)""")
#: Hosts that serve scripts, styles and fonts to other sites.
CDN_HOSTS = re.compile(
    r"(^|\.)(jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|googleapis\.com|gstatic\.com"
    r"|bootstrapcdn\.com|jquery\.com|polyfill\.io|cloudflare\.com"
    r"|fontawesome\.com|typekit\.net|github\.io|githubusercontent\.com)$"
    r"|^cdn\.|^static\.",
    re.IGNORECASE,
)
ASSET_SUFFIX = re.compile(
    r"\.(m?js|css|json|woff2?|ttf|otf|eot|png|jpe?g|gif|svg|webp|ico|wasm)([?#]|$)",
    re.IGNORECASE,
)
#: Addresses of the kind above that a script of the site holds but never fetches, and why.
#: The speech-rule engine that MathJax bundles (in tex-chtml-full.js and a11y/sre.js)
#: names its defaults; ``python -m annbook_book offline`` switches speech on to show
#: that the book's copy is what gets loaded.
NOT_FETCHED = {
    "https://cdn.jsdelivr.net/npm/speech-rule-engine@": (
        "the speech rules' default home; MathJax points them at _static/mathjax/sre/mathmaps"
    ),
    "https://cdn.jsdelivr.net/npm/sre-mathmaps-ie@": "loaded for Internet Explorer only",
    "https://cdn.jsdelivr.net/npm/wicked-good-xpath@": (
        "loaded only where a browser lacks document.evaluate (Internet Explorer)"
    ),
}
#: English words that a sentence of a translated page never needs: one in its
#: text is an English fragment left over ("Show code cell source", "4 read
#: as 9", "By The annbook authors"). Names (Keras, MNIST) and terms are not
#: among them.
ENGLISH_WORDS = frozenset(
    {"the", "of", "and", "to", "is", "are", "was", "as", "by", "with", "for", "from", "this"}
    | {"that", "these", "it", "its", "in", "on", "at", "or", "not", "be", "can", "into"}
    | {"read", "times", "show", "hide", "click", "solution", "exercise", "install"}
    | {"copyright", "contents", "skip", "back", "top", "next", "previous", "search"}
)
#: A word in Latin letters, not part of a name (``fit_and_evaluate``,
#: ``annbook.training``) or of a compound (``many-to-one``).
ENGLISH_WORD = re.compile(r"(?<![\w.-])[A-Za-z]+(?![\w.-])")
#: Text of a translated page that stays English: code, outputs, math, the
#: bibliography and the authors' names citing it, the glossary's names of its terms.
STAYS_ENGLISH = frozenset({"script", "style", "pre", "code", "kbd", "samp", "var"})
STAYS_ENGLISH_CLASSES = frozenset(
    {"cell_output", "math", "citation", "bibtex-citation", "highlight"}
)
BRACKETS = re.compile(r"\([^()]*\)")
#: Attributes whose words a reader hears (an element's accessible name or
#: description) or sees (a tooltip, an image's text in its place).
READ_ATTRIBUTES = (
    "aria-label", "aria-description", "aria-roledescription", "aria-placeholder", "title",
    "alt", "placeholder",
)  # fmt: skip
#: The book's name, which stays as it is in every edition.
BOOK_NAME = "annbook"
FILE_NAME_ALT = re.compile(r"\.(png|jpe?g|gif|svg|webp|bmp|tiff?)$", re.IGNORECASE)


def is_external(url: str) -> bool:
    """Return whether loading ``url`` from a page of the site goes to another host."""
    url = url.strip()
    return url.startswith("//") or urlsplit(url).scheme.lower() in {"http", "https", "ftp"}


def srcset_urls(value: str) -> list[str]:
    """Return the addresses in a ``srcset`` ("a.png 1x, b.png 2x")."""
    return [part.split()[0] for part in value.split(",") if part.strip()]


def fetched_by_script(url: str) -> bool:
    """Return whether an address written in a script looks like one it would load."""
    host = urlsplit(url if "://" in url else "https:" + url).hostname or ""
    return bool(CDN_HOSTS.search(host) or ASSET_SUFFIX.search(urlsplit(url).path))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@dataclass
class Report:
    """What the check found in the whole site."""

    problems: list[str] = field(default_factory=list)
    pages: int = 0
    images: int = 0
    captioned_figures: int = 0
    external_links: int = 0

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(f"{path}:{line}: {message}")


def css_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Return (line, message) for each external ``url()`` or ``@import`` in CSS."""
    found = []
    for pattern, what in ((CSS_URL, "url()"), (CSS_IMPORT, "@import")):
        for match in pattern.finditer(text):
            if is_external(match["url"]):
                line = first_line + line_of(text, match.start()) - 1
                found.append((line, f"CSS {what} loads {match['url']} from another host"))
    return sorted(found)


def script_problems(text: str, first_line: int = 1) -> list[tuple[int, str]]:
    """Return (line, message) for each address in a script that it would fetch."""
    found = []
    for match in JS_URL.finditer(text):
        url = match["url"]
        if text[max(match.start() - 1, 0)] not in "'\"`(=, " and "://" not in url:
            continue  # "//" that starts a comment, not a protocol-relative address
        if fetched_by_script(url) and not url.startswith(tuple(NOT_FETCHED)):
            line = first_line + line_of(text, match.start()) - 1
            found.append((line, f"script may fetch {url} from another host"))
    return found


def classes(tag: Tag) -> list[str]:
    return (tag.get("class") or "").split()


def within(tag: Tag, name: str = "", cls: str = "") -> bool:
    """Return whether ``tag`` is inside an element with this name and class (either optional)."""
    return any(
        (not name or parent.name == name) and (not cls or cls in classes(parent))
        for parent in tag.parents
    )


HEADING = re.compile(r"h[1-6]")


def is_heading(tag: Tag) -> bool:
    return bool(HEADING.fullmatch(tag.name)) or tag.get("role") == "heading"


def stays_english(tag: Tag) -> bool:
    """Return whether text in ``tag`` may be English on a translated page."""
    for element in (tag, *tag.parents):
        if element.name in STAYS_ENGLISH or set(classes(element)) & STAYS_ENGLISH_CLASSES:
            return True
        if element.name == "dt" and within(element, "dl", "glossary"):
            return True
        language = element.get("lang") if isinstance(element, Tag) else None
        if language:
            return language.split("-")[0].lower() == "en"
    return False


def english_fragments(soup: BeautifulSoup) -> list[tuple[int, str]]:
    """Return (line, text) for each text of a translated page that holds an English word.

    Examples
    --------
    >>> page = (
    ...     '<html lang="ko"><p>가장 잦은 실수는 <span>4 read as 9</span>이다.</p>'
    ...     "<p>순환 신경망(recurrent neural network, RNN)은 <code>the_state</code>를 쓴다.</p>"
    ...     '<pre>for x in the_list</pre><p lang="en">Read this page in English</p></html>'
    ... )
    >>> english_fragments(BeautifulSoup(page, "html.parser", multi_valued_attributes=None))
    [(1, '4 read as 9')]
    """
    found = []
    for text in soup.find_all(string=True):
        words = ENGLISH_WORD.findall(BRACKETS.sub("", str(text)))
        if not any(word.lower() in ENGLISH_WORDS for word in words):
            continue
        if (
            text.parent is None
            or stays_english(text.parent)
            or isinstance(text, PreformattedString)
        ):
            continue
        found.append((text.parent.sourceline or 0, " ".join(text.split())))
    return found


def english_attribute(value: str) -> bool:
    """Return whether an attribute's text on a translated page is English.

    Text with Hangul is translated, and English only if it holds a word of
    :data:`ENGLISH_WORDS`, as the page's text. Text in Latin letters alone is
    English when it holds a word (lower case or capitalised), not only
    acronyms, mixed-case names (LeNet, ReLU), names of code or the book's.

    Examples
    --------
    >>> [english_attribute(text) for text in ["Main", "Link to this equation", "이전 쪽"]]
    [True, True, False]
    >>> [english_attribute(text) for text in ["MNIST", "LeNet-5", "annbook.training.repeat"]]
    [False, False, False]
    """
    words = ENGLISH_WORD.findall(BRACKETS.sub("", value))
    if HANGUL.search(value):
        return any(word.lower() in ENGLISH_WORDS for word in words)
    return any(
        len(word) > 1 and (word.islower() or word.istitle()) and word != BOOK_NAME for word in words
    )


def names_stay_english(tag: Tag) -> bool:
    """Return whether the names and tooltips of ``tag`` may be English on a translated page.

    Only in what is marked English (``lang="en"``) and in citations (whose
    tooltips are the bibliography's entries): a control inside code or math,
    such as a link to an equation, is named in the edition's words.
    """
    for element in (tag, *tag.parents):
        if set(classes(element)) & {"citation", "bibtex-citation"}:
            return True
        language = element.get("lang") if isinstance(element, Tag) else None
        if language:
            return language.split("-")[0].lower() == "en"
    return False


def names_english_page(tag: Tag) -> bool:
    """Return whether ``tag`` links to a page that stays English (whose title it may show)."""
    path = urlsplit(tag.get("href", "")).path
    return tag.name in {"a", "link"} and any(
        f"/{path}".find(f"/{prefix}") >= 0 for prefix in UNTRANSLATED
    )


def english_attributes(soup: BeautifulSoup) -> list[tuple[int, str]]:
    """Return (line, attribute) for each English name or tooltip of a translated page.

    Examples
    --------
    >>> page = (
    ...     '<nav aria-label="Main"><a href="api/index.html" title="API reference">API</a>'
    ...     '<a title="다음 쪽" href="rnn.html">순환 신경망</a></nav>'
    ...     '<a lang="en" title="Read this page in English" href="../cnn.html">English</a>'
    ... )
    >>> english_attributes(BeautifulSoup(page, "html.parser", multi_valued_attributes=None))
    [(1, 'aria-label="Main"')]
    """
    found = []
    for tag in soup.find_all(True):
        for name in READ_ATTRIBUTES:
            value = tag.get(name)
            if not value or not english_attribute(value):
                continue
            if names_stay_english(tag) or (name == "title" and names_english_page(tag)):
                continue
            found.append((tag.sourceline or 0, f'{name}="{" ".join(value.split())}"'))
    return found


class PageChecker:
    """Check one parsed page and record its problems in a :class:`Report`."""

    def __init__(
        self, path: Path, report: Report, *, translated: bool = False, language: str = "en"
    ) -> None:
        self.path = path
        self.report = report
        self.translated = translated
        self.language = language

    def problem(self, tag: Tag, message: str) -> None:
        self.report.add(self.path, tag.sourceline, message)

    def check(self, text: str) -> None:
        # Every attribute as written (class and rel too), and the line of each tag.
        soup = BeautifulSoup(text, "html.parser", multi_valued_attributes=None)
        # The main content is the <article> (the theme's), else <main>, else all.
        main = soup.find("article") or soup.find("main") or soup
        for tag in soup.find_all(True):
            self.check_loads(tag)
            if tag.name == "a" and is_external(tag.get("href", "")):
                self.report.external_links += 1
            elif tag.name == "img":
                self.check_image(tag, in_main=main is soup or main in tag.parents)
            elif tag.name == "figure":
                self.check_figure(tag)
            elif tag.name in {"style", "script"} and tag.string:
                found = (css_problems if tag.name == "style" else script_problems)(
                    tag.string, tag.sourceline
                )
                where = "<style>" if tag.name == "style" else "inline <script>"
                for line, message in found:
                    self.report.add(self.path, line, f"{where}: {message}")
        self.check_headings(soup, main)
        self.check_navigation(soup)
        if self.translated:
            for line, fragment in english_fragments(soup):
                shown = fragment if len(fragment) <= 80 else fragment[:77] + "..."
                self.report.add(self.path, line, f"English on a translated page: {shown!r}")
            for line, attribute in english_attributes(soup):
                self.report.add(self.path, line, f"English name on a translated page: {attribute}")
        if self.translated and self.language == KOREAN:
            for line, message in particle_problems(soup):
                self.report.add(self.path, line, f"particle after a citation: {message}")

    def check_loads(self, tag: Tag) -> None:
        urls = []
        if tag.name == "link":
            rels = set(tag.get("rel", "").lower().split())
            if rels & LOADING_RELS:
                urls.append(tag.get("href", ""))
                urls += srcset_urls(tag.get("imagesrcset", ""))
        for name in LOADING_ATTRS.get(tag.name, ()):
            value = tag.get(name, "")
            urls += srcset_urls(value) if name == "srcset" else [value]
        for url in urls:
            if url and is_external(url):
                self.problem(tag, f"<{tag.name}> loads {url} from another host")
        for line, message in css_problems(tag.get("style", ""), tag.sourceline):
            self.report.add(self.path, line, f'<{tag.name} style="...">: {message}')

    def check_image(self, tag: Tag, *, in_main: bool) -> None:
        self.report.images += 1
        src = tag.get("src", "")
        name = f"<img src={src!r}>"
        alt = tag.get("alt")
        if alt is None:
            self.problem(tag, f"{name} has no alt attribute")
        elif alt.strip() and (alt.strip() == src or FILE_NAME_ALT.search(alt.strip())):
            self.problem(
                tag, f"{name} has its file name as alt text ({alt!r}); give it real alt text"
            )
        elif not alt.strip() and in_main:
            self.problem(tag, f"{name} has empty alt text in the main content")
        if within(tag, cls="cell_output") and not within(tag, "figure"):
            self.problem(
                tag, f"{name} is a code cell's figure without a caption (not in a <figure>)"
            )

    def check_figure(self, tag: Tag) -> None:
        caption = tag.find("figcaption")
        if caption is not None and caption.get_text(strip=True):
            self.report.captioned_figures += 1
        else:
            self.problem(tag, "<figure> without a caption")

    def check_navigation(self, soup: BeautifulSoup) -> None:
        # The theme's sidebar navigation: every page must lead to every other.
        navigation = [nav for nav in soup.find_all("nav") if "bd-docs-nav" in classes(nav)]
        if not any(nav.find("a", href=True) for nav in navigation):
            self.report.add(self.path, 1, "no navigation to the book's pages (the sidebar's)")

    def check_headings(self, soup: BeautifulSoup, main: Tag) -> None:
        # The theme's print-only block (class "onlyprint") is hidden on screen.
        shown = [
            tag
            for tag in soup.find_all(is_heading)
            if "onlyprint" not in classes(tag) and not within(tag, cls="onlyprint")
        ]
        h1_lines = [tag.sourceline for tag in shown if tag.name == "h1"]
        last_level = 0
        for tag in shown:
            if main is not soup and main not in tag.parents:
                continue
            if HEADING.fullmatch(tag.name):
                level = int(tag.name[1:])
            else:
                level = int(tag.get("aria-level", "2") or 2)
            if level > last_level + 1:
                before = f"h{last_level}" if last_level else "the start of the content"
                self.problem(tag, f"heading <{tag.name}> skips a level: it follows {before}")
            last_level = level
        if len(h1_lines) > 1:
            lines = ", ".join(map(str, h1_lines))
            self.report.add(self.path, h1_lines[1], f"{len(h1_lines)} h1s (lines {lines})")


def is_translated_page(relative: Path) -> bool:
    """Return whether a page, given relative to the site's root, is of a translated edition.

    The API reference, which stays English, and the highlighted source of the
    package's modules are not.

    Examples
    --------
    >>> is_translated_page(Path("ko/cnn.html")), is_translated_page(Path("cnn.html"))
    (True, False)
    >>> is_translated_page(Path("ko/api/index.html"))
    False
    """
    parts = relative.parts
    if len(parts) < 2 or parts[0] not in TRANSLATIONS:
        return False
    page = "/".join(parts[1:])
    return not page.startswith((*UNTRANSLATED, "_modules/"))


def check_site(root: Path, newer_than: int | None = None) -> Report:
    """Check every page, stylesheet and script under ``root``.

    With ``newer_than`` (nanoseconds since the epoch), only those modified
    since then.
    """
    report = Report()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        if newer_than is not None and path.stat().st_mtime_ns < newer_than:
            continue
        shown = path.relative_to(root)
        suffix = path.suffix.lower()
        if suffix not in {".html", ".htm", ".css", ".js", ".mjs"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in {".html", ".htm"}:
            if is_asset(shown):
                continue  # e.g. the theme's Jinja macros, copied along with its assets
            report.pages += 1
            translated = is_translated_page(shown)
            language = shown.parts[0] if translated else "en"
            PageChecker(shown, report, translated=translated, language=language).check(text)
        elif suffix == ".css":
            for line, message in css_problems(text):
                report.add(shown, line, message)
        else:
            for line, message in script_problems(text):
                report.add(shown, line, message)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=HTML, help="built site")
    parser.add_argument(
        "--newer-than", type=Path, metavar="FILE",
        help="check only the files modified since FILE was (all, if it does not exist)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"check_site: no built book in {args.html} (no index.html)", file=sys.stderr)
        return 1
    since = (
        args.newer_than.stat().st_mtime_ns if args.newer_than and args.newer_than.exists() else None
    )
    report = check_site(args.html, since)
    checked = "" if since is None else " modified since the last check that passed"
    summary = (
        f"{report.pages} pages{checked}, {report.images} images, "
        f"{report.captioned_figures} figures with captions, "
        f"{report.external_links} links to other sites"
    )
    if report.problems:
        print("\n".join(report.problems))
        print(f"check_site: {len(report.problems)} problems in {args.html} ({summary})")
        return 1
    print(f"check_site: {args.html} is self-contained and accessible: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
