"""Load every page of the built book in headless Chromium with the network cut off.

Run after the HTML build (``nox -s offline`` does)::

    python -m annbook_book offline [docs/_build/html] [--screenshots DIR] [--page cnn.html]

The book is served from 127.0.0.1 by Python's own HTTP server; every request
to any other host is recorded and aborted, so nothing leaves the machine.
Each page is loaded, its MathJax typesetting waited for, and the network
left to go quiet. The check fails (exit status 1) if any request went to
another host, any request failed (an asset missing from the site, say), or
a page raised a JavaScript error: a reader without a network, or one who does
not want the book to tell third parties what they read, would meet it.

On the first chapter of each edition (:data:`PREVIEW_PAGES`) it hovers a
glossary term and focuses, from the keyboard, a reference to an equation and
one to the bibliography: each must open its preview (annbook_book.previews),
with text, and close it on Escape.

On every page, in the light and the dark colour scheme, it also runs axe-core
(the copy that ships in the ``axe-playwright-python`` package, injected into
the page: nothing is fetched) and fails on any finding of impact serious or
critical, colour contrast included; the report counts the failing nodes per
rule and lists each one.

It drives the system's Chromium (``/usr/bin/chromium``, or ``$CHROMIUM``)
through Playwright, whose own browser download is not needed.

With ``--screenshots DIR`` it also saves a full-page screenshot of each page
loaded, in each colour scheme, to check how figures and code read in the
theme's dark mode.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from annbook_book.layout import HTML, site_pages

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: Wait for MathJax, when a page has it, to finish typesetting (and so to load its fonts).
MATHJAX_DONE = """() => Promise.race([
  window.MathJax?.startup?.promise ?? null,
  new Promise((_, fail) => setTimeout(() => fail(new Error("MathJax is not done in 20 s")), 20000)),
])"""
#: A reader who switches on "Accessibility > Activate" in MathJax's menu has it
#: saved in the browser; from then on every page loads MathJax's accessibility
#: components and speech rules, which must come from the book too.
MATHJAX_SPEECH_ON = "() => localStorage.setItem('MathJax-Menu-Settings', '{\"explorer\":true}')"
MATHJAX_SPEECH_OFF = "() => localStorage.removeItem('MathJax-Menu-Settings')"
MATHJAX_SPOKEN = "() => document.querySelector('mjx-container[aria-label]') !== null"
HAS_MATH = "() => document.querySelector('mjx-container') !== null && !!window.MathJax?.startup"
#: The impacts of axe-core's findings that fail the check.
AXE_FAILING = frozenset({"serious", "critical"})
#: axe-core's rules as it runs them by default, plus label-content-name-mismatch
#: (still tagged experimental): a control whose name differs from the words it
#: shows cannot be named by a speech-input user. No preloading of style sheets:
#: axe-core would fetch their @import URLs relative to the page, not the sheet,
#: and those requests fail (only experimental rules read them).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "preload": False,
    "rules": {"label-content-name-mismatch": {"enabled": True}},
}


#: Where the previews of terms and references are tried, in each edition.
PREVIEW_PAGES = ("ann.html", "ko/ann.html")
#: A preview open on the page (annbook_book.previews).
POPUP = ".tippy-box[data-theme~='annbook']"
#: The links tried: a glossary term, by the pointer; a reference to an equation
#: and one to the bibliography, by the keyboard.
PREVIEW_LINKS = {
    "term (hover)": "article a.reference.internal[href*='glossary.html#term-']",
    "equation (focus)": "article a.reference.internal[href^='#equation-']",
    "citation (focus)": "article a.reference.internal[href*='bibliography.html#']",
}


@dataclass
class Tally:
    """What the browser did on all the pages."""

    pages: int = 0
    requests: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # "page: url" -> why
    external: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    speech: str = ""  # the page on which MathJax's speech was switched on
    axe: list[tuple[str, str]] = field(default_factory=list)  # (rule, "page [scheme]: node")
    previews: list[str] = field(default_factory=list)  # "page: link: what its popup said"


def axe_findings(axe, page) -> list[tuple[str, str]]:
    """Run axe-core on the loaded ``page``; return its serious and critical failing nodes.

    Each is ``(rule, "target: why")``.
    """
    results = axe.run(page, options=AXE_OPTIONS).response
    return [
        (rule["id"], f"{' '.join(map(str, node['target']))}: {node['failureSummary']!r}")
        for rule in results["violations"]
        for node in rule["nodes"]
        if (node.get("impact") or rule["impact"]) in AXE_FAILING
    ]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """Keep the server's log of requests out of the report."""


def serve(root: Path) -> ThreadingHTTPServer:
    """Start serving ``root`` on a free port of 127.0.0.1, in a daemon thread."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Recorder:
    """Let through requests to ``origin``, abort the rest, and tally both."""

    def __init__(self, origin: str, tally: Tally) -> None:
        self.origin = origin + "/"
        self.tally = tally
        self.page = ""  # the page being loaded, to say where each request came from

    def route(self, route) -> None:
        url = route.request.url
        if url.startswith((self.origin, "data:", "blob:")):
            route.continue_()
        else:
            self.tally.external.append(f"{self.page}: {url}")
            route.abort("blockedbyclient")

    def request(self, _request) -> None:
        self.tally.requests += 1

    def failed(self, request) -> None:
        # External requests are counted by route(). A request the browser
        # cancels because the check moves on to the next page (a font that
        # axe-core's reading of styles set loading) is no failure of the book.
        if request.url.startswith(self.origin) and request.failure != "net::ERR_ABORTED":
            self.tally.failed.setdefault(f"{self.page}: {request.url}", request.failure)

    def response(self, response) -> None:
        if response.status >= 400:
            self.tally.failed[f"{self.page}: {response.url}"] = f"HTTP {response.status}"

    def error(self, exc) -> None:
        self.tally.errors.append(f"{self.page}: {exc}")


def try_previews(page, name: str, tally: Tally) -> None:
    """Hover a term and focus two references on the loaded ``page``; read each one's popup.

    Each popup must open, hold text, and close on Escape; what it said is kept
    in ``tally.previews``, a failure in ``tally.errors``.
    """
    from playwright.sync_api import Error  # noqa: PLC0415

    for kind, selector in PREVIEW_LINKS.items():
        link = page.locator(selector).first
        try:
            if "hover" in kind:
                link.hover()
            else:
                link.focus()
            popup = page.locator(POPUP).first
            popup.wait_for(state="visible", timeout=5000)
            text = " ".join(popup.inner_text().split())
            if not text:
                tally.errors.append(f"{name}: the preview of a {kind} is empty")
            page.keyboard.press("Escape")
            popup.wait_for(state="hidden", timeout=5000)
            tally.previews.append(f"{name}: {kind}: {text[:90]}")
        except Error as exc:
            tally.errors.append(f"{name}: no preview of a {kind}: {exc.message.splitlines()[0]}")
        page.mouse.move(0, 0)


def speak_math(page, name: str, tally: Tally) -> str:
    """Reload ``page`` with MathJax's accessibility on; return its name once math is spoken."""
    from playwright.sync_api import Error  # noqa: PLC0415

    page.evaluate(MATHJAX_SPEECH_ON)
    try:
        page.reload(wait_until="load")
        page.evaluate(MATHJAX_DONE)
        page.wait_for_function(MATHJAX_SPOKEN)
        page.wait_for_load_state("networkidle")
    except Error as exc:
        tally.errors.append(f"{name}: MathJax speech: {exc.message.splitlines()[0]}")
    finally:
        page.evaluate(MATHJAX_SPEECH_OFF)
    return name


def check_pages(
    root: Path, pages: list[str], *, screenshots: Path | None = None, timeout: float = 30
) -> Tally:
    """Load ``pages`` (paths relative to ``root``), count their requests, run axe-core on each."""
    from axe_playwright_python.sync_playwright import Axe  # noqa: PLC0415
    from playwright.sync_api import Error, sync_playwright  # noqa: PLC0415

    server = serve(root)
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    tally = Tally()
    recorder = Recorder(origin, tally)
    axe = Axe()
    schemes = ("light", "dark")
    try:
        with sync_playwright() as playwright:
            # Name resolution fails for every host but this one, as a second wall
            # behind Recorder.route: a request that slipped past it would fail.
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
            )
            for scheme in schemes:
                context = browser.new_context(
                    color_scheme=scheme,
                    service_workers="block",
                    viewport={"width": 1280, "height": 900},
                )
                context.set_default_timeout(timeout * 1000)
                context.route("**/*", recorder.route)
                context.on("request", recorder.request)
                context.on("requestfailed", recorder.failed)
                context.on("response", recorder.response)
                page = context.new_page()
                page.on("pageerror", recorder.error)
                for name in pages:
                    recorder.page = name
                    try:
                        page.goto(f"{origin}/{name}", wait_until="load")
                        page.evaluate(MATHJAX_DONE)
                        page.wait_for_load_state("networkidle")
                    except Error as exc:
                        tally.errors.append(f"{name}: {exc.message.splitlines()[0]}")
                        continue
                    tally.pages += scheme == schemes[0]
                    tally.axe += [
                        (rule, f"{name} [{scheme}] {where}")
                        for rule, where in axe_findings(axe, page)
                    ]
                    page.evaluate("document.fonts.ready.then(() => true)")
                    if scheme == schemes[0] and name in PREVIEW_PAGES:
                        try_previews(page, name, tally)
                    if not tally.speech and page.evaluate(HAS_MATH):
                        tally.speech = speak_math(page, name, tally)
                    if screenshots:
                        shot = screenshots / f"{name.replace('/', '_')}-{scheme}.png"
                        page.screenshot(path=shot, full_page=True)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", nargs="?", type=Path, default=HTML, help="built site")
    parser.add_argument("--page", action="append", help="load only this page (repeatable)")
    parser.add_argument("--screenshots", type=Path, help="save light and dark screenshots here")
    args = parser.parse_args(argv)
    if not Path(CHROMIUM).is_file():
        print(
            f"check_offline: no Chromium at {CHROMIUM}; install it (Debian: apt-get install "
            "chromium) or point $CHROMIUM at one",
            file=sys.stderr,
        )
        return 1
    if not (args.html / "index.html").is_file():
        print(f"check_offline: no built book in {args.html} (no index.html)", file=sys.stderr)
        return 1
    pages = args.page or [path.relative_to(args.html).as_posix() for path in site_pages(args.html)]
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)
    tally = check_pages(args.html, pages, screenshots=args.screenshots)
    failed = [f"{request} ({why})" for request, why in tally.failed.items()]
    axe = [f"{rule}: {where}" for rule, where in tally.axe]
    for kind, lines in (
        ("external", tally.external),
        ("failed", failed),
        ("error", tally.errors),
        ("axe", axe),
    ):
        for line in lines:
            print(f"{kind}: {line}")
    for line in tally.previews:
        print(f"preview: {line}")
    rules = Counter(rule for rule, _ in tally.axe)
    for rule, count in sorted(rules.items()):
        print(f"check_offline: axe {rule}: {count} failing nodes")
    summary = (
        f"{tally.pages} of {len(pages)} pages loaded, {tally.requests} requests, "
        f"{len(tally.failed)} failed, {len(tally.external)} to other hosts, "
        f"{len(tally.errors)} page errors, {len(tally.axe)} serious or critical axe-core "
        f"findings (light and dark); {len(tally.previews)} previews opened and closed; "
        f"MathJax speech switched on in "
        f"{tally.speech or 'no page (no math)'}"
    )
    print(f"check_offline: {summary}")
    tried = [name for name in PREVIEW_PAGES if name in pages]
    bad = tally.failed or tally.external or tally.errors or tally.axe or tally.pages < len(pages)
    bad = bad or len(tally.previews) < len(tried) * len(PREVIEW_LINKS)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
