"""Where the book's parts are and how it is built: one place for each fact.

Only the standard library is used, so that ``noxfile.py`` can import this
module before any session has installed anything.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
#: The book's Sphinx extension lives here (``annbook_book``).
EXTENSIONS = DOCS / "_ext"
BUILD = DOCS / "_build"
HTML = BUILD / "html"
#: In the book's source folder: what each chapter must show (pinned summaries,
#: bands of glued numbers, claims) ...
BANDS = "bands.toml"
#: ... and the Jupyter kernel the chapters run on.
KERNELS = "_kernels"
#: Folders of the built site that hold assets, not pages. The theme copies its
#: Jinja macros, .html files that are not pages, into _static.
ASSET_FOLDERS = frozenset({"_static", "_sources", "_images", "_downloads"})

#: How every build of the book runs Sphinx: HTML; nitpicky, so every reference
#: to annbook must resolve; warnings are errors, all of them reported rather
#: than only the first; full tracebacks.
SPHINX_OPTIONS = ("-b", "html", "-n", "-W", "--keep-going", "-T")
#: How the test suite runs: on every core, idle workers taking others' tests.
PYTEST_PARALLEL = ("--numprocesses=auto", "--dist=worksteal")

_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)^---$", re.DOTALL | re.MULTILINE)
_KERNELSPEC = re.compile(r"^kernelspec:", re.MULTILINE)


def execution_cache() -> Path:
    """Return the execution cache: ``$ANNBOOK_EXECUTION_CACHE``, else one in the build folder."""
    return Path(os.environ.get("ANNBOOK_EXECUTION_CACHE", BUILD / ".jupyter_cache"))


def sphinx_args(out: Path = HTML, *extra: str, source: Path = DOCS) -> list[str]:
    """Return the arguments of ``sphinx-build`` that build the book in ``source`` into ``out``.

    Examples
    --------
    >>> sphinx_args(Path("html"), "-q", source=Path("docs"))
    ['-b', 'html', '-n', '-W', '--keep-going', '-T', '-q', 'docs', 'html']
    """
    return [*SPHINX_OPTIONS, *extra, str(source), str(out)]


def is_chapter(text: str) -> bool:
    """Return whether a Markdown file's text is a chapter: a MyST notebook.

    A chapter is a page that executes: its front matter names a kernel.

    Examples
    --------
    >>> is_chapter("---\\nkernelspec:\\n  name: annbook\\n---\\n# A chapter\\n")
    True
    >>> is_chapter("# A page\\n\\n```yaml\\nkernelspec:\\n```\\n")
    False
    """
    front = _FRONT_MATTER.match(text)
    return bool(front and _KERNELSPEC.search(front["yaml"]))


def chapters(docs: Path = DOCS) -> list[Path]:
    """Return the chapters in ``docs`` (not its subfolders), sorted by name."""
    return sorted(path for path in docs.glob("*.md") if is_chapter(path.read_text("utf-8")))


def site_pages(html: Path = HTML) -> list[Path]:
    """Return the pages of a built site: its .html files, less those among its assets."""
    return sorted(
        path
        for path in html.rglob("*.html")
        if path.relative_to(html).parts[0] not in ASSET_FOLDERS
    )
