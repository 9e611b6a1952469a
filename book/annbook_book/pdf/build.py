"""Build the book as a PDF, each edition, from the chapters the HTML build executed.

``python -m annbook_book pdf`` (``nox -s pdf``, after ``nox -s docs``), for
each edition (English, then each translation the book has catalogs of):

1. Sphinx's LaTeX builder writes the edition into ``_build/latex/<language>``
   (:func:`annbook_book.layout.latex_args`), through
   :mod:`annbook_book.no_warnings` as every build of the book. It reads the
   chapters from the execution cache the HTML build filled: a chapter that
   executes (myst-nb says so in the build's output) is not the HTML's, and
   fails the build, named;
2. XeLaTeX typesets it (``latexmk``, as Sphinx's Makefile runs it: the
   contents, the references and the index need several passes);
3. the PDF is copied to the root of the edition's site
   (:func:`annbook_book.layout.pdf_name`), where every page's download menu
   links it.

It needs TeX Live with XeLaTeX, ko.TeX and xindy, the fonts, and
rsvg-convert: Debian's ``texlive-xetex texlive-lang-korean
texlive-latex-extra latexmk xindy fonts-freefont-otf fonts-nanum
librsvg2-bin``. Then ``python -m annbook_book check-pdf`` checks the PDFs
(:mod:`annbook_book.checks.pdf`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from annbook_book import layout, no_warnings
from annbook_book.build import translations

#: Debian's packages the PDF needs, for the message when a tool is missing.
DEBIAN_PACKAGES = (
    "texlive-xetex texlive-lang-korean texlive-latex-extra latexmk xindy fonts-freefont-otf "
    "fonts-nanum librsvg2-bin poppler-utils"
)
#: What myst-nb says when it executes a chapter (the cache, shared with other builds, may
#: gain records of theirs meanwhile: the build's own output says what it ran).
EXECUTING = re.compile(r"(?P<path>\S+\.(?:md|ipynb)): Executing notebook")
#: The programs the PDF's build runs.
TOOLS = ("xelatex", "latexmk", "xindy", "rsvg-convert", "make")


@dataclass
class PdfResult:
    """What a build of the PDFs ran.

    Attributes
    ----------
    status : int
        The exit status: 0 when every edition's PDF was made.
    seconds : dict of str to float
        Seconds per step: ``"<language> latex"`` (Sphinx), ``"<language> pdf"`` (XeLaTeX).
    executed : dict of str to list of str
        By edition, the chapters that executed (none, when the HTML was built first).
    pdfs : dict of str to str
        By edition, the PDF in the site.
    """

    status: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    executed: dict[str, list[str]] = field(default_factory=dict)
    pdfs: dict[str, str] = field(default_factory=dict)


def latex_folder(language: str, docs: Path = layout.DOCS, build: Path | None = None) -> Path:
    """Return the folder the edition in ``language`` is written to as LaTeX."""
    return (docs / layout.BUILD_FOLDER if build is None else build) / layout.LATEX_FOLDER / language


def site_pdfs(language: str, docs: Path = layout.DOCS, build: Path | None = None) -> list[Path]:
    """Return where the edition's PDF goes: the root of its site (and of its own build).

    A translated edition is built in its own folder, then mirrored into the
    site (:func:`annbook_book.build.mirror`, which deletes what its build
    lacks): its PDF goes into both.
    """
    build = docs / layout.BUILD_FOLDER if build is None else build
    name = layout.pdf_name(language)
    html = build / "html"
    if language not in layout.TRANSLATIONS:
        return [html / name]
    return [layout.edition_build(language, docs, build) / "html" / name, html / language / name]


def executed_chapter(line: str) -> str | None:
    """Return the chapter a line of the build's output says is executing, if it says so.

    Examples
    --------
    >>> executed_chapter("/book/docs/ann.md: Executing notebook using local CWD [mystnb]")
    'ann'
    >>> executed_chapter("/book/docs/ann.md: Using cached notebook: ID=8 [mystnb]") is None
    True
    """
    match = EXECUTING.search(line)
    return Path(match["path"]).stem if match else None


def missing_tools() -> list[str]:
    """Return the programs of :data:`TOOLS` that are not on ``PATH``."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def typeset(folder: Path, *, echo: bool = True) -> int:
    """Run XeLaTeX on the LaTeX Sphinx wrote into ``folder`` until the references settle."""
    command = [
        "make", "-C", str(folder), "all-pdf",
        "LATEXMKOPTS=-interaction=nonstopmode -halt-on-error -file-line-error",
    ]  # fmt: skip
    output = None if echo else subprocess.DEVNULL
    completed = subprocess.run(command, check=False, stdout=output, stderr=subprocess.STDOUT)
    return completed.returncode


def build_pdf(
    language: str,
    docs: Path = layout.DOCS,
    *sphinx_args: str,
    build: Path | None = None,
    result: PdfResult | None = None,
    echo: bool = True,
) -> PdfResult:
    """Build the PDF of the edition in ``language``; return what ran (``result``, updated)."""
    result = PdfResult() if result is None else result
    folder = latex_folder(language, docs, build)
    executed: list[str] = []

    def note_execution(line: str) -> None:
        if chapter := executed_chapter(line):
            executed.append(chapter)

    start = time.perf_counter()
    args = layout.latex_args(language, *sphinx_args, source=docs, build=build)
    command = [sys.executable, "-m", "sphinx", *args]
    status = no_warnings.run(command, echo=echo, seen=note_execution)
    result.seconds[f"{language} latex"] = round(time.perf_counter() - start, 1)
    result.executed[language] = sorted(executed)
    if executed:
        print(
            f"annbook: the {language} PDF executed {', '.join(executed)}: the PDF shows the "
            "HTML build's runs; build the book first (nox -s docs)",
            file=sys.stderr,
        )
        status = status or 1
    if status:
        result.status = status
        return result
    start = time.perf_counter()
    status = typeset(folder, echo=echo)
    result.seconds[f"{language} pdf"] = round(time.perf_counter() - start, 1)
    pdf = folder / Path(layout.LATEX_DOCUMENT).with_suffix(".pdf")
    if status or not pdf.is_file():
        print(f"annbook: XeLaTeX failed on {folder / layout.LATEX_DOCUMENT}", file=sys.stderr)
        result.status = status or 1
        return result
    for target in site_pdfs(language, docs, build):
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(pdf, target)
    result.pdfs[language] = str(site_pdfs(language, docs, build)[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """``python -m annbook_book pdf [--docs DIR] [--language LANG ...] [SPHINX ARGUMENTS ...]``."""
    parser = argparse.ArgumentParser(
        prog="python -m annbook_book pdf", description=__doc__.split("\n\n")[0],
        epilog="Other arguments go to every sphinx-build, e.g. -j 1.",
    )  # fmt: skip
    parser.add_argument("--docs", type=Path, default=layout.DOCS, help="the book's source folder")
    parser.add_argument(
        "--language", action="append", metavar="LANG",
        help="build only this edition (repeatable; default: English and every translation)",
    )  # fmt: skip
    parser.add_argument(
        "--report", type=Path, metavar="FILE", help="write what ran (PdfResult) to FILE, as JSON"
    )
    args, sphinx_args = parser.parse_known_args(argv)
    missing = missing_tools()
    if missing:
        print(
            f"annbook: the PDF needs {', '.join(missing)}, not found; on Debian: "
            f"apt-get install {DEBIAN_PACKAGES}",
            file=sys.stderr,
        )
        return 1
    languages = args.language or ["en", *translations(args.docs)]
    result = PdfResult()
    for language in languages:
        build_pdf(language, args.docs, *sphinx_args, result=result)
        if result.status:
            break
    if args.report:
        args.report.write_text(json.dumps(dataclasses.asdict(result), indent=2) + "\n")
    steps = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in result.seconds.items())
    executed = sorted({name for names in result.executed.values() for name in names})
    pdfs = ", ".join(
        f"{path} ({Path(path).stat().st_size / 1e6:.1f} MB)" for path in result.pdfs.values()
    )
    print(
        f"annbook: {steps}; chapters executed: {', '.join(executed) or 'none'}; "
        f"PDFs: {pdfs or 'none'}",
        file=sys.stderr,
    )
    return result.status
