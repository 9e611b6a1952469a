"""The offline check's parts that need no browser: its server, its record of requests, its refusals.

The check itself drives Chromium (``nox -s offline``, which CI runs on the
built book); these tests need neither Chromium nor Playwright.
"""

from __future__ import annotations

import urllib.request
from types import SimpleNamespace

from annbook_book.checks import offline

ORIGIN = "http://127.0.0.1:8000"


class Route:
    """A request the browser is about to send, as Playwright hands it to the check."""

    def __init__(self, url: str) -> None:
        self.request = SimpleNamespace(url=url)
        self.outcome = ""

    def continue_(self) -> None:
        self.outcome = "sent"

    def abort(self, reason: str) -> None:
        self.outcome = f"aborted: {reason}"


def test_the_server_serves_the_site_on_this_machine_only(tmp_path):
    (tmp_path / "index.html").write_text("<p>the book</p>")
    server = offline.serve(tmp_path)
    try:
        host, port = server.server_address
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://{host}:{port}/index.html") as response:
            assert response.read() == b"<p>the book</p>"
    finally:
        server.shutdown()
        server.server_close()


def test_requests_to_the_book_go_and_all_others_are_aborted_and_named():
    tally = offline.Tally()
    recorder = offline.Recorder(ORIGIN, tally)
    recorder.page = "cnn.html"
    routes = {
        url: Route(url)
        for url in (
            f"{ORIGIN}/_static/book.css",
            "data:image/png;base64,AAAA",
            "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js",
            "http://127.0.0.1:8000.example.org/x.js",  # not the book's origin
        )
    }
    for route in routes.values():
        recorder.route(route)
    assert [route.outcome for route in routes.values()] == [
        "sent",
        "sent",
        "aborted: blockedbyclient",
        "aborted: blockedbyclient",
    ]
    assert tally.external == [
        "cnn.html: https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js",
        "cnn.html: http://127.0.0.1:8000.example.org/x.js",
    ]


def test_missing_assets_and_failed_requests_are_recorded_but_not_those_cancelled():
    tally = offline.Tally()
    recorder = offline.Recorder(ORIGIN, tally)
    recorder.page = "ann.html"
    recorder.response(SimpleNamespace(status=404, url=f"{ORIGIN}/_static/gone.js"))
    recorder.response(SimpleNamespace(status=200, url=f"{ORIGIN}/_static/here.js"))
    recorder.failed(SimpleNamespace(url=f"{ORIGIN}/a.woff2", failure="net::ERR_FAILED"))
    recorder.failed(SimpleNamespace(url=f"{ORIGIN}/b.woff2", failure="net::ERR_ABORTED"))
    recorder.error(ValueError("boom"))
    assert tally.failed == {
        f"ann.html: {ORIGIN}/_static/gone.js": "HTTP 404",
        f"ann.html: {ORIGIN}/a.woff2": "net::ERR_FAILED",
    }
    assert tally.errors == ["ann.html: boom"]


def test_without_chromium_or_a_built_book_it_says_so_in_one_line(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(offline, "CHROMIUM", str(tmp_path / "no-chromium"))
    assert offline.main([str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"check_offline: no Chromium at {tmp_path / 'no-chromium'}; install it (Debian: "
        "apt-get install chromium) or point $CHROMIUM at one\n"
    )
    browser = tmp_path / "chromium"
    browser.write_text("")
    monkeypatch.setattr(offline, "CHROMIUM", str(browser))
    assert offline.main([str(tmp_path / "html")]) == 1
    assert capsys.readouterr().err == (
        f"check_offline: no built book in {tmp_path / 'html'} (no index.html)\n"
    )
