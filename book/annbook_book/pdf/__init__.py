"""The book on paper: what Sphinx's LaTeX builder needs to make a book of it, and the links to it.

``python -m annbook_book pdf`` (:mod:`.build`) writes each edition with
Sphinx's LaTeX builder and typesets it with XeLaTeX; ``docs/conf.py`` holds
the look (``latex_elements``). Here, for the LaTeX builder only:

- ``builder-inited``: Korean is typeset by ko.TeX (``kotex``, with Debian's
  Nanum fonts) in both editions, since the English one has Korean terms too;
  babel and polyglossia, which know no Korean, are left out
  (:func:`_korean_typesetting`);
- ``env-updated``: the PDF's title is the landing page's, in the edition's words;
- ``doctree-read``: the pages the PDF leaves out (``annbook_pdf_leave_out``:
  the API reference, the execution report) are taken out of the landing
  page's toctrees, so that the PDF neither holds them nor links to them
  (:func:`_leave_out`);
- ``doctree-resolved``, on the whole book: each toctree caption of the
  landing page that lists chapters becomes a part; the pages before the
  first part are the front matter (roman page numbers, unnumbered), those
  after the last the back matter (:func:`_book_structure`); in the English
  edition the index lists the glossary's terms by their English names only;
- post-transforms: outputs longer than ``annbook_pdf_output_lines`` are
  shortened, visibly (:class:`ShortenOutputs`); the bibliography prints its
  links' addresses (:class:`AddressesInTheBibliography`);
- exercises and solutions are headed text, not boxes (:func:`_exercises_as_text`).

For the HTML builder, each page's download menu links the edition's PDF
(:func:`_link_pdf`), and the landing page does through the substitution
``{{ book_pdf }}``.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.writers.latex2e import Babel
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.texescape import escape

from annbook_book import layout
from annbook_book.i18n.messages import _


def N_(message: str) -> str:
    """Return ``message``: a word of the catalog that the theme's templates look up."""
    return message


#: The download menu's entry (the templates translate it, :mod:`annbook_book.i18n.theme`).
BUTTON_TEXT = N_("Book (PDF)")
BUTTON_TOOLTIP = N_("Download the whole book as one PDF")

#: Hangul in ko.TeX: Nanum Myeongjo for the text (Nanum Gothic for emphasis, as Korean
#: books set it, Hangul having no italic), Nanum Gothic for headings, Nanum Gothic
#: Coding in code. Symbols that xetexko would set in the Hangul font (box drawing in
#: Keras' summaries, arrows) stay in the Latin one, whose widths the columns assume,
#: and so do brackets and quotes; quotes are ordinary characters, not CJK punctuation,
#: after which xetexko put a space ("the sigmoid’ s slope").
KOTEX = r"""
\usepackage%(options)s{kotex}
\setmainhangulfont{NanumMyeongjo}[ItalicFont=NanumGothic,BoldItalicFont=NanumGothicBold]
\setsanshangulfont{NanumGothic}
\setmonohangulfont{NanumGothicCoding}
\latincjksymbols\latinparens
\XeTeXcharclass"2018=0 \XeTeXcharclass"2019=0 \XeTeXcharclass"201C=0 \XeTeXcharclass"201D=0
"""


#: A chapter opens with "제 1 장": fncychap's style would show ko.TeX's name of
#: chapters (a macro of two arguments) as "제 1".
#: The index lists the Hangul terms first, under 한글 (xindy has no Korean rules:
#: they are its "not alphabetical" group), then the English ones by letter.
KOREAN_CHAPTERS = r"""
\renewcommand{\DOCH}{\raggedleft\CNV 제\space\CNoV\thechapter\space\CNV 장\par\nobreak
  \vskip 40pt}
\renewcommand{\sphinxnonalphabeticalgroupname}{한글}
"""
#: Exercises and solutions on paper: a heading and text in the column, a solution
#: indented under its exercise. sphinx-exercise draws them as boxes, and a box
#: cannot break a long solution's code across pages: it ran over the footer.
EXERCISES = r"""
\newenvironment{annbookexercise}[1]{\par\medskip\noindent{\sffamily\bfseries #1}%
  \par\nobreak\smallskip}{\par\medskip}
\newenvironment{annbooksolution}[1]{\par\smallskip\begin{list}{}{\leftmargin=1.5em}%
  \item[]\noindent{\sffamily\bfseries #1}\par\nobreak\smallskip}{\end{list}\par\medskip}
"""


def _visit_exercise(self, node) -> None:
    """Open an exercise, with the labels of its ids (references, their page numbers)."""
    self.body.append(self.hypertarget_to(node))
    if node.get("label"):  # what sphinx-exercise's numbered references point to
        self.body.append(f"\\phantomsection\\label{{exercise:{node['label']}}}")
    self.body.append("\n\\begin{annbookexercise}")


def _depart_exercise(self, node) -> None:  # noqa: ARG001
    self.body.append("\\end{annbookexercise}\n")


def _visit_solution(self, node) -> None:
    self.body.append(self.hypertarget_to(node))
    self.body.append("\n\\begin{annbooksolution}")


def _depart_solution(self, node) -> None:  # noqa: ARG001
    self.body.append("\\end{annbooksolution}\n")


def _is_latex(app) -> bool:
    return app.builder.name == "latex"


def _korean_typesetting(app) -> None:
    """Typeset Korean with ko.TeX, in every edition, instead of babel or polyglossia."""
    if not _is_latex(app):
        return
    korean = app.config.language == layout.KOREAN
    app.builder.context["multilingual"] = ""
    app.builder.context["polyglossia"] = ""
    app.builder.context["babel"] = ""
    app.builder.context["fontenc"] += KOTEX % {"options": "[hangul]" if korean else ""}
    if korean:
        app.builder.context["preamble"] += KOREAN_CHAPTERS
    # Sphinx names the contents after the first toctree's caption; the title page
    # says "Version".
    app.builder.context["preamble"] += EXERCISES
    contents = escape(_("Contents"))
    app.builder.context["preamble"] += f"\\renewcommand{{\\contentsname}}{{{contents}}}\n"
    app.builder.context["releasename"] = _("Version")


def _title(app, env) -> list[str]:
    """Title the PDF as the landing page is titled in the edition (LaTeX only)."""
    if _is_latex(app):
        root, target, _title, _author, theme, *rest = app.config.latex_documents[0]
        title = escape(env.titles[app.config.root_doc].astext())
        author = escape(app.config.author)
        app.config.latex_documents = [(root, target, title, author, theme, *rest)]
    return []


def _leave_out(app, doctree) -> None:
    """Take the pages the PDF leaves out out of the landing page's toctrees (LaTeX only)."""
    if not _is_latex(app) or app.env.docname != app.config.root_doc:
        return
    left_out = set(app.config.annbook_pdf_leave_out)
    for toctree in doctree.findall(addnodes.toctree):
        toctree["entries"] = [entry for entry in toctree["entries"] if entry[1] not in left_out]
        toctree["includefiles"] = [name for name in toctree["includefiles"] if name not in left_out]


def _parts(app) -> list[tuple[str, list[str], bool]]:
    """Return the landing page's toctrees: caption, pages, and whether it lists chapters."""
    srcdir = Path(app.srcdir)
    parts = []
    for toctree in app.env.get_doctree(app.config.root_doc).findall(addnodes.toctree):
        pages = list(toctree["includefiles"])
        chapters = any(
            (srcdir / f"{page}.md").is_file()
            and layout.is_chapter((srcdir / f"{page}.md").read_text("utf-8"))
            for page in pages
        )
        parts.append((toctree.get("caption") or "", pages, chapters))
    return parts


def book_structure(parts: list[tuple[str, list[str], bool]]) -> dict[str, str]:
    """Return the LaTeX to put before the first page of each group of pages.

    The groups that list chapters are parts, the first opening the main
    matter; the groups after the last part open the back matter. The front
    matter is opened before the table of contents (``docs/conf.py``).

    Examples
    --------
    >>> before = book_structure([
    ...     ("Start here", ["map"], False), ("Deep networks", ["ann"], True),
    ...     ("Recurrent", ["rnn"], True), ("Reference", ["glossary"], False),
    ... ])
    >>> for page, latex in before.items():
    ...     print(page, latex.split())
    ann ['\\\\mainmatter', '\\\\part{Deep', 'networks}']
    rnn ['\\\\part{Recurrent}']
    glossary ['\\\\backmatter']
    """
    numbered = [index for index, (_caption, _pages, chapters) in enumerate(parts) if chapters]
    if not numbered:
        return {}
    before: dict[str, str] = {}
    for index, (caption, pages, chapters) in enumerate(parts):
        if not pages:
            continue
        latex = ""
        if index == numbered[0]:
            latex += "\\mainmatter\n"
        if index == numbered[-1] + 1:
            latex += "\\backmatter\n"
        if chapters:
            latex += f"\\part{{{escape(caption)}}}\n"
        if latex:
            before[pages[0]] = latex
    return before


def _book_structure(app, doctree, docname: str) -> None:
    """Give the whole book (LaTeX) its parts and matters, and its index in the edition's words."""
    if not _is_latex(app) or docname != app.config.root_doc:
        return
    before = book_structure(_parts(app))
    for start in list(doctree.findall(addnodes.start_of_file)):
        latex = before.pop(start["docname"], None)
        if latex is not None:
            start.parent.insert(start.parent.index(start), nodes.raw("", latex, format="latex"))
    english = app.config.language not in layout.TRANSLATIONS
    if english:
        # The glossary's Korean names are terms too; an English reader looks up English.
        for index in doctree.findall(addnodes.index):
            index["entries"] = [
                entry for entry in index["entries"] if not layout.HANGUL.search(entry[1])
            ]
    _index_term_uses(app, doctree, english=english)


def _index_term_uses(app, doctree, *, english: bool) -> None:
    """Index each use of a glossary term in the text, beside the term's own entry.

    The English edition indexes a use under the term's English name; the
    Korean one under the words the text shows, the term's Korean name.
    """
    names = {
        labelid: name
        for (kind, name), (_docname, labelid) in app.env.get_domain("std").objects.items()
        if kind == "term"
    }
    for reference in list(doctree.findall(nodes.reference)):
        inner = reference.children[0] if reference.children else None
        if not isinstance(inner, nodes.Element) or "std-term" not in inner.get("classes", []):
            continue
        target = reference.get("refid") or reference.get("refuri", "").partition("#")[2]
        name = names.get(target) if english else reference.astext()
        if name:
            index = addnodes.index(entries=[("single", name, "", "", None)], inline=True)
            reference.parent.insert(reference.parent.index(reference), index)


class ShortenOutputs(SphinxPostTransform):
    """Shorten a long output in the PDF to its first and last lines, with a line saying so.

    A training log of a hundred epochs would fill pages; the site shows it
    whole, in a scrolling box. The line left in its place says how many lines
    are left out, in the edition's words.
    """

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        note = _("[… {count} lines left out: the online book shows the whole output …]")
        for block in self.document.findall(nodes.literal_block):
            if "output" not in block.get("classes", []):
                continue
            text = shortened(block.astext(), self.config.annbook_pdf_output_lines, note)
            if text != block.astext():
                block.replace_self(block.__class__(text, text, **block.attributes))


def shortened(text: str, limit: int, note: str) -> str:
    """Return an output ``text`` of more than ``limit`` lines as its first and last lines.

    Two thirds of ``limit`` come from the start, a third from the end, and
    between them ``note``, with the count of the lines left out.

    Examples
    --------
    >>> print(shortened("\\n".join(f"epoch {i}" for i in range(1, 11)), 6, "[{count} more]"))
    epoch 1
    epoch 2
    epoch 3
    epoch 4
    [4 more]
    epoch 9
    epoch 10
    >>> shortened("a\\nb", 6, "[{count} more]")
    'a\\nb'
    """
    lines = text.splitlines()
    if len(lines) <= limit:
        return text
    head, tail = limit * 2 // 3, limit // 3
    return "\n".join([*lines[:head], note.format(count=len(lines) - head - tail), *lines[-tail:]])


class AddressesInTheBibliography(SphinxPostTransform):
    """Print a reference's address in the bibliography, not its short name with a footnote.

    A link elsewhere in the text gets its address as a footnote
    (``latex_show_urls``); in the bibliography that made "doi:10.1038/323533a0"
    and a footnote number that reads as part of it. Before Sphinx adds the
    footnotes (priority 400), a link there shows its address instead.
    """

    default_priority = 390
    formats = ("latex",)

    def run(self, **kwargs) -> None:  # noqa: ARG002
        for citation in self.document.findall(nodes.citation):
            for reference in list(citation.findall(nodes.reference)):
                uri = reference.get("refuri", "")
                if uri.startswith(("http://", "https://")):
                    reference.children = []
                    reference.append(nodes.Text(uri))


def pdf_link(language: str) -> str:
    """Return the HTML of the landing page's link to the edition's PDF.

    Examples
    --------
    >>> pdf_link("ko")
    '<a href="annbook-ko.pdf" download>annbook-ko.pdf</a>'
    """
    name = layout.pdf_name(language)
    return f'<a href="{name}" download>{name}</a>'


def _substitution(app, config) -> None:  # noqa: ARG001
    config.myst_substitutions = {
        **config.myst_substitutions, "book_pdf": pdf_link(config.language),
    }  # fmt: skip


def _link_pdf(app, pagename, templatename, context, doctree) -> None:  # noqa: ARG001
    """Add the edition's PDF to the page's download menu."""
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append(
                {
                    "type": "link",
                    "url": context["pathto"](layout.pdf_name(app.config.language), 1),
                    "text": _(BUTTON_TEXT),
                    "tooltip": _(BUTTON_TOOLTIP),
                    "icon": "fas fa-book",
                    "label": "download-book-pdf-button",
                }
            )


def _exercises_as_text(app) -> None:
    """Write sphinx-exercise's exercises and solutions as headed text in the PDF."""
    from sphinx_exercise import nodes as exercise  # noqa: PLC0415

    app.setup_extension("sphinx_exercise")  # so that its nodes are its own before this
    for node in (exercise.exercise_node, exercise.exercise_enumerable_node):
        app.add_node(node, override=True, latex=(_visit_exercise, _depart_exercise))
    app.add_node(exercise.solution_node, override=True, latex=(_visit_solution, _depart_solution))


def setup(app):
    # docutils' Babel knows no Korean, and Sphinx's LaTeX builder warns on a language it
    # does not know; ko.TeX, not Babel, typesets it (babel and polyglossia are off).
    Babel.language_codes.setdefault(layout.KOREAN, "korean")
    #: Pages of the site the PDF leaves out.
    app.add_config_value("annbook_pdf_leave_out", [], "env", types=[list])
    #: Outputs longer than this many lines are shortened in the PDF.
    app.add_config_value("annbook_pdf_output_lines", 40, "env", types=[int])
    app.connect("config-inited", _substitution)
    app.connect("builder-inited", _korean_typesetting)
    # After Sphinx's toctree collector has noted every page the toctrees include (500).
    app.connect("doctree-read", _leave_out, priority=600)
    app.connect("doctree-resolved", _book_structure)
    app.connect("env-updated", _title)
    app.add_post_transform(ShortenOutputs)
    app.add_post_transform(AddressesInTheBibliography)
    _exercises_as_text(app)
    # After the theme has made its download menu (priority 501).
    app.connect("html-page-context", _link_pdf, priority=502)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
