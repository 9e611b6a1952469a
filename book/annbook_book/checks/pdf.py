"""Check the book's PDFs: whole, every glyph drawn and embedded, each in its edition's language.

Run after ``python -m annbook_book pdf`` (``nox -s pdf`` runs both)::

    python -m annbook_book check-pdf [--docs docs] [--language LANG ...]

For each edition it reads the PDF in the site (text by ``pdftotext``, fonts
by ``pdffonts``: Debian's poppler-utils), the log XeLaTeX wrote beside it,
and the edition's built HTML, and fails (exit status 1, one line per
problem) on:

* a chapter missing: a chapter's title (as its HTML page shows it) that the
  PDF's text does not hold;
* a glyph missing: a "Missing character" line in the log, a character no
  font of the PDF has, which XeLaTeX leaves out, blank;
* an overfull box wider than :data:`OVERFULL_POINTS`: a line of text, code or
  a table that sticks out into the margin;
* a font not embedded: a reader without it would see another font, or none;
* in a translated edition: a page of the chapters whose text is mostly not
  its language (:func:`mostly_korean`; Korean that vanished from the PDF's
  text, or an English page left in), and a number glued into a chapter's
  text that its HTML page shows and the PDF's text does not hold;
* in the English edition: Korean outside the glossary and outside brackets,
  where the text gives a term's Korean name "(인공신경망)".
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from annbook_book import layout

#: An overfull box up to this wide or high (in points) reaches a few points into the
#: margin, which no reader sees; a wider one is a line or a box that sticks out.
OVERFULL_POINTS = 5.0
#: A prose page of the Korean edition: one of its chapters' pages with at least
#: this many letters, Hangul or Latin, on its lines that hold Hangul.
PROSE_LETTERS = 100
#: Mostly Hangul: at least this share of those letters are Hangul syllables.
KOREAN_SHARE = 0.5
#: At least this share of a translated edition's chapter pages are prose pages
#: (code and outputs fill the rest; 90 % in the Korean PDF of December 2026)...
PROSE_PAGES = 0.5
#: ...and at least this share of the prose pages are mostly Hangul (all but one).
KOREAN_PAGES = 0.9

_OVERFULL = re.compile(
    r"^Overfull \\[hv]box \((?P<points>[\d.]+)pt too (?:wide|high)\).*$", re.MULTILINE
)
_MISSING = re.compile(r"^Missing character: .*$", re.MULTILINE)
_LATIN = re.compile(r"[A-Za-z]")
_BRACKETS = re.compile(r"\([^()]*\)")


@dataclass
class Report:
    """The problems found, one line each, by edition."""

    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    def add(self, language: str, message: str) -> None:
        self.problems.append(f"{language}: {message}")


def pdf_pages(pdf: Path) -> list[str]:
    """Return the text of each page of ``pdf``, as ``pdftotext`` reads it."""
    completed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    pages = completed.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def pdf_fonts(pdf: Path) -> list[tuple[str, bool]]:
    """Return each font of ``pdf`` with whether it is embedded, as ``pdffonts`` lists them."""
    completed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    return parse_fonts(completed.stdout)


def parse_fonts(listing: str) -> list[tuple[str, bool]]:
    """Return the fonts of a ``pdffonts`` listing, each with whether it is embedded.

    The columns after the name (type, encoding, emb, sub, uni, object) are
    read from the right: a type can hold spaces ("CID Type 0C").

    Examples
    --------
    >>> parse_fonts(
    ...     "name  type  encoding  emb sub uni object ID\\n------ ---\\n"
    ...     "ABCDEF+FreeSerif  CID Type 0C  Identity-H  yes yes yes  4  0\\n"
    ...     "Helvetica  Type 1  WinAnsi  no  no  no  9  0\\n"
    ... )
    [('ABCDEF+FreeSerif', True), ('Helvetica', False)]
    """
    fonts = []
    for line in listing.splitlines()[2:]:
        words = line.split()
        if len(words) >= 7:
            fonts.append((words[0], words[-5] == "yes"))
    return fonts


def log_problems(log: str, widest: float = OVERFULL_POINTS) -> list[str]:
    """Return the missing glyphs, and the overfull boxes wider than ``widest`` points, of a log.

    Examples
    --------
    >>> log_problems(
    ...     "Missing character: There is no ㄱ (U+3131) in font FreeSerif!\\n"
    ...     "Overfull \\\\hbox (0.9pt too wide) in paragraph at lines 1--2\\n"
    ...     "Overfull \\\\hbox (24.1pt too wide) in paragraph at lines 8--9\\n"
    ... )  # doctest: +NORMALIZE_WHITESPACE
    ['Missing character: There is no ㄱ (U+3131) in font FreeSerif!',
     'Overfull \\\\hbox (24.1pt too wide) in paragraph at lines 8--9']
    """
    problems = [match[0] for match in _MISSING.finditer(log)]
    problems += [match[0] for match in _OVERFULL.finditer(log) if float(match["points"]) > widest]
    return problems


def _folded(text: str) -> str:
    """Return ``text`` with its white space folded, as a line break in the PDF is a space."""
    return " ".join(text.split())


def missing_texts(pages: list[str], texts: list[str]) -> list[str]:
    """Return those of ``texts`` that no page holds (white space folded, line breaks joined).

    Examples
    --------
    >>> missing_texts(["Recurrent\\nnetworks 0.93", "LSTM"], ["Recurrent networks", "0.93", "CNN"])
    ['CNN']
    """
    whole = _folded(" ".join(pages))
    joined = whole.replace("- ", "-")  # a word or number broken at a hyphen
    return [text for text in texts if _folded(text) not in whole and _folded(text) not in joined]


def hangul_share(text: str) -> tuple[int, float]:
    """Return how many letters ``text`` has (Hangul syllables and Latin), and the share of Hangul.

    Examples
    --------
    >>> hangul_share("순환 신경망(RNN)")
    (8, 0.625)
    """
    hangul = len(layout.HANGUL.findall(text))
    letters = hangul + len(_LATIN.findall(text))
    return letters, (hangul / letters if letters else 0.0)


def mostly_korean(pages: list[str]) -> tuple[int, int, list[int]]:
    """Return the prose pages, those of them mostly Hangul, and the others' numbers (from 1).

    A page's prose is its lines that hold Hangul: lines of code and outputs
    hold none, and they are the same in both editions. A prose page has at
    least :data:`PROSE_LETTERS` letters of prose; it is mostly Hangul when at
    least :data:`KOREAN_SHARE` of them are Hangul syllables (the rest: English
    terms in brackets, names, inline code). A page whose Korean vanished from
    the PDF's text, or was never translated, has no prose: the check counts
    the prose pages against the chapters' pages (:data:`PROSE_PAGES`).
    """
    prose, korean, others = 0, 0, []
    for number, text in enumerate(pages, start=1):
        lines = "\n".join(line for line in text.splitlines() if layout.HANGUL.search(line))
        letters, share = hangul_share(lines)
        if letters < PROSE_LETTERS:
            continue
        prose += 1
        if share >= KOREAN_SHARE:
            korean += 1
        else:
            others.append(number)
    return prose, korean, others


def hangul_outside(pages: list[str], allowed: range) -> list[str]:
    """Return the Korean on ``pages`` outside the pages ``allowed`` and outside brackets.

    Each is "page N: the words around it". ``allowed`` holds page indices
    (from 0): the glossary's pages.

    Examples
    --------
    >>> hangul_outside(["A neuron (인공 뉴런) fires.", "그 뉴런", "용어집"], range(2, 3))
    ['page 2: 그 뉴런']
    """
    found = []
    for index, text in enumerate(pages):
        if index in allowed:
            continue
        outside = _folded(_BRACKETS.sub(" ", _BRACKETS.sub(" ", text)))
        match = layout.HANGUL.search(outside)
        if match:
            start = max(0, match.start() - 30)
            found.append(f"page {index + 1}: {outside[start : match.end() + 30]}")
    return found


def chapter_pages(pages: list[str], titles: list[str]) -> tuple[int, int]:
    """Return the index of the page where the first of ``titles`` opens, and of the page after the last.

    A chapter opens on the first page, after the contents, whose first lines
    hold its title; the last chapter ends where the next title of ``titles``
    after it (the glossary, say) opens, or at the end.
    """
    opening = [_first_page(pages, title) for title in titles]
    found = [page for page in opening if page is not None]
    if not found:
        return 0, 0
    return min(found), max(found) + 1


def _first_page(pages: list[str], title: str, after: int = 0) -> int | None:
    """Return the index of the first page from ``after`` whose first lines hold ``title``."""
    wanted = _folded(title)
    contents = _contents_end(pages)
    for index in range(max(after, contents), len(pages)):
        head = _folded(" ".join(pages[index].strip().splitlines()[:6]))
        if wanted in head:
            return index
    return None


def _contents_end(pages: list[str]) -> int:
    """Return the index of the first page after the table of contents (0 if none is found)."""
    last = 0
    for index, text in enumerate(pages[:30]):
        if re.search(r"\.\s?\.\s?\.\s?\.", text) or index == 0:
            last = index
    return last + 1


@dataclass
class Edition:
    """What the check reads of one edition."""

    language: str
    pdf: Path
    log: Path
    html: Path


def edition(language: str, docs: Path = layout.DOCS) -> Edition:
    build = docs / layout.BUILD_FOLDER
    latex = build / layout.LATEX_FOLDER / language
    html = build / "html" / layout.edition_folder(language)
    return Edition(
        language,
        html / layout.pdf_name(language),
        latex / Path(layout.LATEX_DOCUMENT).with_suffix(".log"),
        html,
    )


def page_title(html: Path) -> str:
    """Return a built page's title (its h1), without its number and permalink."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    heading = soup.find("article").find("h1")
    for extra in heading.select(".section-number, a.headerlink"):
        extra.decompose()
    return heading.get_text(" ", strip=True)


def glued_numbers(html: Path) -> list[str]:
    """Return the glued values a built page's text shows (myst-nb's ``pasted-text``)."""
    from bs4 import BeautifulSoup  # noqa: PLC0415

    soup = BeautifulSoup(html.read_text("utf-8"), "html.parser")
    return sorted({span.get_text() for span in soup.select("article span.pasted-text")})


def check_edition(found: Edition, docs: Path, report: Report) -> None:  # noqa: PLR0912
    """Check the PDF of one edition, adding what is wrong to ``report``."""
    language = found.language
    if not found.pdf.is_file():
        report.add(language, f"no PDF at {found.pdf}: build it first (python -m annbook_book pdf)")
        return
    report.checked.append(str(found.pdf))
    pages = pdf_pages(found.pdf)
    chapters = [path.stem for path in layout.chapters(docs)]
    titles = {name: page_title(found.html / f"{name}.html") for name in chapters}
    for name, title in titles.items():
        if missing_texts(pages, [title]):
            report.add(language, f"chapter {name!r} ({title!r}) is not in {found.pdf.name}")
    if found.log.is_file():
        for line in log_problems(found.log.read_text("utf-8", errors="replace")):
            report.add(language, f"{found.log.name}: {line}")
    else:
        report.add(language, f"no LaTeX log at {found.log}")
    for font, embedded in pdf_fonts(found.pdf):
        if not embedded:
            report.add(language, f"font {font} is not embedded in {found.pdf.name}")
    glossary = page_title(found.html / "glossary.html")
    start, end = chapter_pages(pages, list(titles.values()))
    end = _first_page(pages, glossary, after=end - 1) or end
    if language in layout.TRANSLATIONS:
        prose, korean, others = mostly_korean(pages[start:end])
        if prose < PROSE_PAGES * (end - start) or korean < KOREAN_PAGES * prose:
            report.add(
                language,
                f"of the chapters' {end - start} pages, {prose} are prose (some Hangul), "
                f"{korean} of them mostly Hangul; pages mostly not: "
                f"{[start + number for number in others][:20]}",
            )
        for name in chapters:
            for number in missing_texts(pages, glued_numbers(found.html / f"{name}.html")):
                report.add(language, f"{name}: the glued value {number!r} is not in the PDF")
    else:
        last = _first_page(pages, page_title(found.html / "bibliography.html"), after=end)
        allowed = range(end, last if last is not None else len(pages))
        for where in hangul_outside(pages, allowed):
            report.add(language, f"Korean outside the glossary and brackets, {where}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m annbook_book check-pdf", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--docs", type=Path, default=layout.DOCS, help="the book's source folder")
    parser.add_argument(
        "--language", action="append", metavar="LANG",
        help="check only this edition (repeatable; default: English and every translation)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    from annbook_book.build import translations  # noqa: PLC0415

    report = Report()
    for language in args.language or ["en", *translations(args.docs)]:
        check_edition(edition(language, args.docs), args.docs, report)
    for problem in report.problems:
        print(f"check-pdf: {problem}")
    print(
        f"check-pdf: {len(report.checked)} PDFs checked, {len(report.problems)} problems",
        file=sys.stderr,
    )
    return 1 if report.problems or not report.checked else 0


if __name__ == "__main__":
    sys.exit(main())
