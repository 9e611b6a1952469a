"""Check the built book for third-party loads and for accessibility faults.

Run after the HTML build (``nox -s docs`` does)::

    python docs/check_site.py [docs/_build/html]

It reads every page and stylesheet of the built site, with no browser, and
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

Links to other sites (``<a href="https://...">``) are navigation, not loads:
they are counted in the summary, not reported.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_HTML = Path(__file__).parent / "_build" / "html"

#: Elements that have no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
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
#: names its defaults; ``python docs/check_offline.py`` switches speech on to show
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
#: Folders of the built site that hold assets, not pages.
ASSET_FOLDERS = frozenset({"_static", "_sources", "_images", "_downloads"})
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


@dataclass
class Element:
    tag: str
    classes: frozenset[str]
    line: int


class PageChecker(HTMLParser):
    """Read one page and record its problems in a :class:`Report`."""

    def __init__(self, path: Path, report: Report) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.report = report
        self.stack: list[Element] = []
        self.h1_lines: list[int] = []
        self.last_level = 0
        self.figures: list[dict] = []  # open <figure>s: line, caption text, in caption
        self.raw_start = 0  # line where a <style> or <script> began

    # -- where we are -------------------------------------------------------
    def inside(self, tag: str = "", cls: str = "") -> bool:
        return any((not tag or e.tag == tag) and (not cls or cls in e.classes) for e in self.stack)

    def in_main(self) -> bool:
        """Return whether the parser is in the page's main content."""
        if self.main_tag:
            return self.inside(self.main_tag)
        return True

    def problem(self, message: str) -> None:
        self.report.add(self.path, self.getpos()[0], message)

    # -- parsing ------------------------------------------------------------
    def feed_page(self, text: str) -> None:
        # The main content is the <article> (the theme's), else <main>, else all.
        self.main_tag = next((tag for tag in ("article", "main") if f"<{tag}" in text), "")
        self.feed(text)
        self.close()
        if len(self.h1_lines) > 1:
            lines = ", ".join(map(str, self.h1_lines))
            self.report.add(
                self.path, self.h1_lines[1], f"{len(self.h1_lines)} h1s (lines {lines})"
            )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        classes = frozenset(values.get("class", "").split())
        self.check_loads(tag, values)
        if tag == "img":
            self.check_image(values)
        elif tag == "a" and is_external(values.get("href", "")):
            self.report.external_links += 1
        elif tag == "figure":
            self.figures.append({"line": self.getpos()[0], "caption": "", "in": 0})
        elif tag == "figcaption" and self.figures:
            self.figures[-1]["in"] += 1
        elif re.fullmatch(r"h[1-6]", tag) or values.get("role") == "heading":
            self.check_heading(tag, values, classes)
        if tag in {"style", "script"}:
            self.raw_start = self.getpos()[0]
        if tag not in VOID:
            self.stack.append(Element(tag, classes, self.getpos()[0]))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "figcaption" and self.figures:
            self.figures[-1]["in"] -= 1
        elif tag == "figure" and self.figures:
            figure = self.figures.pop()
            if figure["caption"].strip():
                self.report.captioned_figures += 1
            else:
                self.report.add(self.path, figure["line"], "<figure> without a caption")
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self.figures and self.figures[-1]["in"]:
            self.figures[-1]["caption"] += data
        if self.stack and self.stack[-1].tag == "style":
            for line, message in css_problems(data, self.raw_start):
                self.report.add(self.path, line, f"<style>: {message}")
        elif self.stack and self.stack[-1].tag == "script":
            for line, message in script_problems(data, self.raw_start):
                self.report.add(self.path, line, f"inline <script>: {message}")

    # -- the checks -----------------------------------------------------------
    def check_loads(self, tag: str, values: dict[str, str]) -> None:
        urls = []
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & LOADING_RELS:
                urls.append(values.get("href", ""))
                urls += srcset_urls(values.get("imagesrcset", ""))
        for name in LOADING_ATTRS.get(tag, ()):
            value = values.get(name, "")
            urls += srcset_urls(value) if name == "srcset" else [value]
        for url in urls:
            if url and is_external(url):
                self.problem(f"<{tag}> loads {url} from another host")
        for line, message in css_problems(values.get("style", ""), self.getpos()[0]):
            self.report.add(self.path, line, f'<{tag} style="...">: {message}')

    def check_image(self, values: dict[str, str]) -> None:
        self.report.images += 1
        src = values.get("src", "")
        name = f"<img src={src!r}>"
        alt = values.get("alt")
        in_main = self.in_main()
        if alt is None:
            self.problem(f"{name} has no alt attribute")
        elif alt.strip() and (alt.strip() == src or FILE_NAME_ALT.search(alt.strip())):
            self.problem(f"{name} has its file name as alt text ({alt!r}); give it real alt text")
        elif not alt.strip() and in_main:
            self.problem(f"{name} has empty alt text in the main content")
        if self.inside(cls="cell_output") and not self.inside("figure"):
            self.problem(f"{name} is a code cell's figure without a caption (not in a <figure>)")

    def check_heading(self, tag: str, values: dict[str, str], classes: frozenset[str]) -> None:
        if self.inside(cls="onlyprint") or "onlyprint" in classes:
            return  # hidden on screen: the theme's print-only copy of the title
        if tag[0] == "h" and tag[1:].isdigit():
            level = int(tag[1:])
        else:
            level = int(values.get("aria-level", "2") or 2)
        if tag == "h1":
            self.h1_lines.append(self.getpos()[0])
        if not self.in_main():
            return
        if level > self.last_level + 1:
            before = f"h{self.last_level}" if self.last_level else "the start of the content"
            self.problem(f"heading <{tag}> skips a level: it follows {before}")
        self.last_level = level


def check_site(root: Path) -> Report:
    """Check every page, stylesheet and script under ``root``."""
    report = Report()
    for path in sorted(root.rglob("*")):
        if not path.is_file():
            continue
        shown = path.relative_to(root)
        suffix = path.suffix.lower()
        if suffix not in {".html", ".htm", ".css", ".js", ".mjs"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if suffix in {".html", ".htm"}:
            if shown.parts[0] in ASSET_FOLDERS:
                continue  # e.g. the theme's Jinja macros, copied along with its assets
            report.pages += 1
            PageChecker(shown, report).feed_page(text)
        elif suffix == ".css":
            for line, message in css_problems(text):
                report.add(shown, line, message)
        else:
            for line, message in script_problems(text):
                report.add(shown, line, message)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=DEFAULT_HTML, help="built site")
    args = parser.parse_args(argv)
    if not (args.html / "index.html").is_file():
        print(f"check_site: no built book in {args.html} (no index.html)", file=sys.stderr)
        return 1
    report = check_site(args.html)
    summary = (
        f"{report.pages} pages, {report.images} images, "
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
