"""Where the book's parts are and how it is built: one place for each fact.

The book's folders are those of the repository this package sits in
(``book/annbook_book`` in it); the functions that take a ``docs`` folder
work as well on another book, such as the tests' small ones. Only the
standard library is used.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
#: The build folder, in the book's source folder.
BUILD_FOLDER = "_build"
BUILD = DOCS / BUILD_FOLDER
HTML = BUILD / "html"
#: In the book's source folder: what each chapter must show (pinned summaries,
#: bands of glued numbers, claims).
BANDS = "bands.toml"
#: The catalogs of the book's translations, in the source folder: one .po file
#: per page under ``locales/<language>/LC_MESSAGES``.
LOCALES = "locales"
#: The package the chapters import and the book publishes.
PACKAGE = "annbook"
#: Korean, the language of the lecture the book follows. What only Korean has
#: (its search, its glossary listed by Korean names, the term list) says so by
#: this name.
KOREAN = "ko"
#: The letters Korean is written in (the Hangul syllables).
HANGUL = re.compile(r"[\uac00-\ud7a3]")
#: The languages the book is translated into. Each edition is built into
#: ``BUILD/<language>/html`` and published under ``HTML/<language>``.
TRANSLATIONS = (KOREAN,)
#: Pages that stay English in every edition (docname prefixes).
UNTRANSLATED = ("api/",)
#: Folders of the built site that hold assets, not pages. The theme copies its
#: Jinja macros, .html files that are not pages, into _static.
ASSET_FOLDERS = frozenset({"_static", "_sources", "_images", "_downloads"})

#: How every build of the book runs Sphinx: HTML; nitpicky, so every reference
#: to annbook must resolve; warnings are errors, all of them reported rather
#: than only the first; full tracebacks.
SPHINX_OPTIONS = ("-b", "html", "-n", "-W", "--keep-going", "-T")
#: How ``nox -s docs`` and the benchmark build the book: one process per core,
#: each reading (and executing) its share of the chapters.
SPHINX_PARALLEL = ("-j", "auto")

_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?)^---$", re.DOTALL | re.MULTILINE)
_KERNELSPEC = re.compile(r"^kernelspec:", re.MULTILINE)


#: In the build folder: where each edition's PDF is made, ``latex/<language>``
#: (:mod:`annbook_book.pdf`).
LATEX_FOLDER = "latex"
#: The LaTeX file of the book that Sphinx writes, in each edition's LaTeX folder.
LATEX_DOCUMENT = "annbook.tex"


def pdf_name(language: str) -> str:
    """Return the file name of the edition's PDF, at the root of its site.

    Examples
    --------
    >>> pdf_name("en"), pdf_name("ko")
    ('annbook.pdf', 'annbook-ko.pdf')
    """
    return "annbook.pdf" if language not in TRANSLATIONS else f"annbook-{language}.pdf"


def latex_args(language: str, *extra: str, source: Path = DOCS, build: Path | None = None):
    """Return the arguments of ``sphinx-build`` that write the edition in ``language`` as LaTeX.

    As every build of the book (:data:`SPHINX_OPTIONS`), with the LaTeX builder, into
    ``latex/<language>`` of the build folder ``build`` (default: the book's),
    with its own doctrees.

    Examples
    --------
    >>> latex_args("ko", source=Path("docs"))
    ['-b', 'latex', '-n', '-W', '--keep-going', '-T', '-D', 'language=ko', \
'-d', 'docs/_build/latex/ko/doctrees', 'docs', 'docs/_build/latex/ko']
    """
    out = (source / BUILD_FOLDER if build is None else build) / LATEX_FOLDER / language
    options = ("-b", "latex", *SPHINX_OPTIONS[2:])
    return [
        *options, *extra, "-D", f"language={language}", "-d", str(out / "doctrees"),
        str(source), str(out),
    ]  # fmt: skip


def execution_cache(docs: Path = DOCS) -> Path:
    """Return the execution cache: ``$ANNBOOK_EXECUTION_CACHE``, else one in the build folder.

    Examples
    --------
    >>> import os
    >>> saved = os.environ.pop("ANNBOOK_EXECUTION_CACHE", None)
    >>> execution_cache(Path("docs")).as_posix()
    'docs/_build/.jupyter_cache'
    >>> os.environ["ANNBOOK_EXECUTION_CACHE"] = "/tmp/cache"
    >>> execution_cache(Path("docs")).as_posix()
    '/tmp/cache'
    >>> del os.environ["ANNBOOK_EXECUTION_CACHE"]
    >>> if saved is not None:
    ...     os.environ["ANNBOOK_EXECUTION_CACHE"] = saved
    """
    return Path(os.environ.get("ANNBOOK_EXECUTION_CACHE", docs / BUILD_FOLDER / ".jupyter_cache"))


def sphinx_args(out: Path = HTML, *extra: str, source: Path = DOCS) -> list[str]:
    """Return the arguments of ``sphinx-build`` that build the book in ``source`` into ``out``.

    Examples
    --------
    >>> sphinx_args(Path("html"), "-q", source=Path("docs"))
    ['-b', 'html', '-n', '-W', '--keep-going', '-T', '-q', 'docs', 'html']
    """
    return [*SPHINX_OPTIONS, *extra, str(source), str(out)]


def edition_folder(language: str) -> str:
    """Return the folder of the edition in ``language`` in the published site, "" for English.

    Examples
    --------
    >>> edition_folder("ko"), edition_folder("en")
    ('ko/', '')
    """
    return f"{language}/" if language in TRANSLATIONS else ""


def edition_build(language: str, docs: Path = DOCS, build: Path | None = None) -> Path:
    """Return the folder a translated edition is built in (its HTML is copied under ``HTML``).

    ``build`` is the build folder (default: the book's, ``docs/_build``). The
    edition is not built into ``HTML/<language>`` directly: myst-nb writes its
    notebooks beside the output folder, which would put them in the English
    edition.
    """
    return (docs / BUILD_FOLDER if build is None else build) / language


def edition_args(
    language: str, *extra: str, source: Path = DOCS, build: Path | None = None
) -> list[str]:
    """Return the arguments of ``sphinx-build`` that build the edition in ``language``.

    It shares the English edition's execution cache (``conf.py`` names it),
    and has its own environment and doctrees, in the build folder ``build``
    (default: the book's).

    Examples
    --------
    >>> edition_args("ko", "-q", source=Path("docs"))[-6:]
    ['-D', 'language=ko', '-d', 'docs/_build/ko/doctrees', 'docs', 'docs/_build/ko/html']
    """
    build = edition_build(language, source, build)
    return sphinx_args(
        build / "html", *extra, "-D", f"language={language}", "-d", str(build / "doctrees"),
        source=source,
    )  # fmt: skip


def catalog(language: str, docname: str, docs: Path = DOCS) -> Path:
    """Return the catalog (.po file) that translates page ``docname`` into ``language``.

    Examples
    --------
    >>> catalog("ko", "cnn-mnist", Path("docs")).as_posix()
    'docs/locales/ko/LC_MESSAGES/cnn-mnist.po'
    """
    return docs / LOCALES / language / "LC_MESSAGES" / f"{docname}.po"


def is_asset(relative: Path) -> bool:
    """Return whether a file of the built site, given relative to its root, is an asset.

    Assets sit in ``ASSET_FOLDERS`` at the root of an edition: the English one
    at the site's root, each translation in its language's folder.

    Examples
    --------
    >>> is_asset(Path("_static/x.html")), is_asset(Path("ko/_static/x.html"))
    (True, True)
    >>> is_asset(Path("ko/ann.html")), is_asset(Path("api/index.html"))
    (False, False)
    """
    parts = relative.parts
    if parts and parts[0] in TRANSLATIONS:
        parts = parts[1:]
    return bool(parts) and parts[0] in ASSET_FOLDERS


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
    return sorted(path for path in html.rglob("*.html") if not is_asset(path.relative_to(html)))
