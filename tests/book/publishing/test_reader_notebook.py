"""The notebook a reader downloads reads as its page, in Jupyter, Colab and nbconvert.

A small book with one chapter that uses what the book's chapters use (glued
numbers, terms, citations, API names, cross-references, an admonition, a
figure, math, a table, an exercise whose solution holds a code cell) is
built in English (links relative to the site) and in Korean, from catalogs
made here, with the settings of a hosted book (links to it, launch buttons).
Its downloaded notebooks are rendered with nbconvert, to Markdown and HTML
(:mod:`annbook_book.checks.notebooks`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings

import nbformat
import pytest
from babel.messages.pofile import read_po, write_po
from docutils import nodes
from docutils.utils import new_document
from myst_nb.core.read import read_myst_markdown_notebook
from sphinx.testing.util import SphinxTestApp

from annbook_book import layout
from annbook_book.build import mirror
from annbook_book.checks.notebooks import Site, check_notebook, check_notebooks
from annbook_book.publishing import branch
from annbook_book.publishing.markdown import Block, PageWriter, UnknownNode
from annbook_book.publishing.package import is_setup_cell
from annbook_book.publishing.reader import reader_notebook

from ..books import SmallBook, build_in_process, write

BASE_URL = "https://o.github.io/annbook/"
REPOSITORY = "https://github.com/o/annbook"
CHAPTER = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  name: annbook
  display_name: Python 3 (annbook)
  language: python
---

# A chapter

**What you will do:** train a {term}`perceptron` and a {term}`network <hidden layer>`
with {py:obj}`annbook.models.build_mlp`, as {cite:t}`rosenblatt1958` did
{cite:p}`rosenblatt1958,hinton2006`. See {doc}`other`.

## Setup

```{code-cell} ipython3
import matplotlib.pyplot as plt

from annbook.book import glue

accuracy = 0.875
print(accuracy)
```

```{code-cell} ipython3
:tags: [remove-cell]
glue("acc", accuracy, display=False)
glue("name", "a*b [c]", display=False)
```

It reaches {glue:text}`acc:.1%`, named {glue:text}`name`, with `code`, *emphasis*
and $w^\\top x + b$:

$$
y = \\phi(z)
$$ (eq-y)

As {eq}`eq-y` shows:

- one **bold**
- two

| kind | size |
| --- | --- |
| dense | {glue:text}`acc:.2f` |

```{admonition} A note
:class: tip
Watch *this*.
```

```{code-cell} ipython3
---
mystnb:
  image:
    alt: "A line going up."
  figure:
    caption: "A line, going up."
    name: fig-line
---
fig, ax = plt.subplots(figsize=(2, 2))
ax.plot([0, 1], [0, 1]);
```

See {numref}`fig-line` and {ref}`ex-one`.

## Exercises

```{exercise} Count the weights
:label: ex-one

How many weights has the {term}`perceptron`?
```

````{solution-start} ex-one
:class: dropdown
````

Three, as {glue:text}`acc` says:

```{code-cell} ipython3
print(3)
```

So three.

````{solution-end}
````
"""
PAGES = {
    "index.md": "# A small book\n\n```{toctree}\nchapter\nother\nglossary\nbibliography\napi/index\n```\n",
    "other.md": "# Another page\n\nText.\n",
    "glossary.md": "# Glossary\n\n```{glossary}\nperceptron\n  A neuron.\n\nhidden layer\n  Between.\n```\n",
    "bibliography.md": "# Bibliography\n\n```{bibliography}\n:all:\n```\n",
    "api/index.md": "# API\n\n```{py:function} annbook.models.build_mlp()\n\nBuilds one.\n```\n",
    "chapter.md": CHAPTER,
    layout.BANDS: "[chapter]\n",
}
#: What the chapter's prose glues: each {glue:text} role shows one value.
GLUED = CHAPTER.count("{glue:text}")


def korean_catalogs(docs) -> None:
    """Write Korean catalogs of every page but the API reference: "한국어 " before each string."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")  # as in sphinx-build: sphinx-exercise's deprecations
        app = SphinxTestApp("gettext", srcdir=docs, builddir=docs / "_build" / "gettext")
        try:
            app.build()
        finally:
            app.cleanup()
    assert all(
        issubclass(warning.category, DeprecationWarning | PendingDeprecationWarning)
        for warning in caught
    ), [str(warning.message) for warning in caught]
    assert app.warning.getvalue() == ""
    folder = docs / layout.LOCALES / "ko" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    for template in (docs / "_build" / "gettext" / "gettext").rglob("*.pot"):
        if template.stem == "index" and template.parent.name == "api":
            continue
        with template.open("rb") as file:
            catalog = read_po(file)
        catalog.locale, catalog.fuzzy = "ko", False
        for message in catalog:
            if message.id:
                message.string = f"한국어 {message.id}"
        with (folder / f"{template.stem}.po").open("wb") as file:
            write_po(file, catalog)
    shutil.copy(layout.DOCS / layout.LOCALES / "ko" / "LC_MESSAGES" / "sphinx.po", folder)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The small book built as ``nox -s docs`` publishes it: English, and Korean under ko/."""
    book = SmallBook(tmp_path_factory.mktemp("reader"))
    for name in ("chapter.md", "section.md"):
        (book.docs / name).unlink()
    write(book.docs, PAGES)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.delenv("ANNBOOK_EXECUTION_CACHE", raising=False)
        build_in_process(book.docs)
        korean_catalogs(book.docs)
        hosted = {
            "html_baseurl": BASE_URL,
            "annbook_repository_url": REPOSITORY,
            "annbook_notebooks_branch": "notebooks",
        }
        build_in_process(book.docs, "ko", **hosted)
    mirror(layout.edition_build("ko", book.docs) / "html", book.html / "ko")
    return book.html


def notebook(html, path="_sources/chapter.ipynb"):
    return nbformat.read(html / path, as_version=4)


def markdown_of(nb) -> str:
    return "\n\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")


@pytest.mark.build
def test_the_notebooks_of_both_editions_read_as_their_pages(site):
    reports = check_notebooks(site, BASE_URL)
    assert list(reports) == [site.resolve(), site.resolve() / "ko"]
    for report in reports.values():
        assert report.problems == []
        assert report.notebooks == 1
        assert not report.left
        assert report.glued == report.glued_found == GLUED
        assert report.links >= 10

    english, korean = (
        markdown_of(notebook(site)),
        markdown_of(notebook(site, "ko/_sources/chapter.ipynb")),
    )
    assert "It reaches 87.5%, named a\\*b \\[c\\]" in english
    assert "[perceptron](../glossary.html#term-perceptron)" in english
    assert "[`annbook.models.build_mlp`](../api/index.html#annbook.models.build_mlp)" in english
    assert re.search(r"Rosenblatt \\\[\[1958\]\(\.\./bibliography\.html#[\w-]+\)\\\]", english)
    assert "> **A note**\n>\n> Watch *this*." in english
    assert "$$\ny = \\phi(z) \\tag{1}\n$$" in english
    assert "**Fig. 1** A line, going up." in english
    assert "### Exercise 1 (Count the weights)" in english
    assert "<details>\n<summary>Solution to Exercise 1 (Count the weights)</summary>" in english
    # The Korean edition: its words, links to the hosted book's Korean pages.
    assert "### 연습 1 (한국어 Count the weights)" in korean
    assert "**그림 1** 한국어 A line, going up." in korean
    assert f"[perceptron]({BASE_URL}ko/glossary.html#term-perceptron)" in korean
    assert "본문의 수치는 책의 실행 결과다" in korean
    assert "book's run" in english
    assert "book's run" not in korean


@pytest.mark.build
def test_code_cells_are_the_chapter_s_in_its_order_with_the_left_out_ones_in_place(site):
    cells = [cell for cell in notebook(site).cells if not is_setup_cell(cell)]
    code = [cell for cell in cells if cell.cell_type == "code"]
    source = [c.source for c in read_myst_markdown_notebook(CHAPTER).cells if c.cell_type == "code"]
    assert [cell.source for cell in code] == source
    assert code[0].outputs[0]["text"] == "0.875\n"
    # The glue cell the page leaves out follows the cell it glues, before the prose.
    after = cells[cells.index(code[1]) + 1]
    assert after.cell_type == "markdown"
    assert after.source.startswith("It reaches")
    # The figure's caption follows its cell; what the page hides is folded: the glue
    # cell it leaves out, the solution's cell.
    assert cells[cells.index(code[2]) + 1].source.startswith("**Fig. 1**")
    folded = {"source_hidden": True, "outputs_hidden": True}
    assert [cell.metadata.get("jupyter") for cell in code] == [None, folded, None, folded]


@pytest.mark.build
def test_the_check_fails_on_the_myst_notebook_the_book_offered_before(site):
    old = notebook(site)
    myst = read_myst_markdown_notebook(CHAPTER).cells
    code = iter(cell for cell in old.cells if cell.cell_type == "code" and not is_setup_cell(cell))
    old.cells = [*old.cells[:3], *(next(code) if c.cell_type == "code" else c for c in myst)]
    path = site / "_sources" / "old.ipynb"
    nbformat.write(old, path)
    try:
        report = check_notebook(path, site / "chapter.html", Site(site), BASE_URL)
    finally:
        path.unlink()
    for kind in ("{glue:text}", "{term}", "{py:obj}", "{cite:t}", "{doc}", "```{exercise}"):
        assert report.left[kind] >= 1, kind
    assert report.left["{glue:text}"] == GLUED
    assert report.glued_found == 0
    assert len(report.problems) == 1 + GLUED


@pytest.mark.build
def test_a_link_the_site_lacks_fails_the_check(site):
    broken = notebook(site)
    for cell in broken.cells:
        cell.source = cell.source.replace("#term-perceptron", "#term-nothing").replace(
            "../other.html", "../gone.html"
        )
    path = site / "_sources" / "broken.ipynb"
    nbformat.write(broken, path)
    try:
        problems = check_notebook(path, site / "chapter.html", Site(site)).problems
    finally:
        path.unlink()
    term = "_sources/broken.ipynb: link '../glossary.html#term-nothing': glossary.html has no "
    assert problems == [
        f"{term}#term-nothing",
        "_sources/broken.ipynb: link '../gone.html': no such file in the site (gone.html)",
        f"{term}#term-nothing",
    ]


@pytest.mark.build
def test_the_notebooks_branch_holds_what_the_launch_buttons_open(site, tmp_path):
    page = (site / "ko" / "chapter.html").read_text("utf-8")
    buttons = re.findall(r'href="https://colab\.research\.google\.com/github/o/annbook/blob/'
                         r'notebooks/([^"]+)"', page)  # fmt: skip
    assert buttons == ["ko/_sources/chapter.ipynb"]
    folder = tmp_path / "branch"
    assert branch.main([str(site), str(folder), "--commit", "notebooks"]) == 0
    remote = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    subprocess.run(["git", "-C", str(folder), "push", "--quiet", str(remote), "notebooks"],
                   check=True)  # fmt: skip
    files = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "-r", "--name-only", "notebooks"],
        check=True, capture_output=True, text=True,
    ).stdout.split()  # fmt: skip
    assert files == [
        "README.md", "_sources/chapter.ipynb", "ko/_sources/chapter.ipynb", "runtime.txt"
    ]  # fmt: skip
    shown = subprocess.run(
        ["git", "-C", str(remote), "show", f"notebooks:{buttons[0]}"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    assert shown == (site / buttons[0]).read_text("utf-8")


@pytest.mark.build
def test_a_site_whose_notebooks_are_missing_or_hold_myst_is_not_published(site, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(site, copy)
    (copy / "ko" / "_sources" / "chapter.ipynb").unlink()
    old = notebook(copy)
    old.cells.append(nbformat.v4.new_markdown_cell("A {term}`perceptron`."))
    nbformat.write(old, copy / "_sources" / "chapter.ipynb")
    folder = tmp_path / "branch"
    assert branch.branch_problems(copy) == [
        "_sources/chapter.ipynb: MyST left in its text: {'{term}': 1}",
        "ko/_sources/chapter.ipynb: no notebook for the chapter chapter",
    ]
    assert branch.main([str(copy), str(folder)]) == 1
    assert not folder.exists()


def test_binder_installs_the_wheel_the_notebooks_install(tmp_path):
    html = tmp_path / "html"
    cell = nbformat.v4.new_code_cell('WHEEL = "https://o.github.io/annbook/dist/a.whl"\n')
    (html / "_sources").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), html / "_sources" / "ann.ipynb")
    files = branch.write_branch(html, tmp_path / "branch")
    assert [path.as_posix() for path in files] == [
        "README.md", "_sources/ann.ipynb", "requirements.txt", "runtime.txt"
    ]  # fmt: skip
    requirements = (tmp_path / "branch" / "requirements.txt").read_text()
    assert requirements == "https://o.github.io/annbook/dist/a.whl\n"


def page_writer(docname="ann"):
    return PageWriter(docname, link=lambda address: address, numbers=lambda _node: "")


def test_a_node_the_writer_does_not_know_is_an_error_naming_it_and_the_page():
    document = new_document("ann.md")
    paragraph = nodes.paragraph("", "", nodes.Text("See "), nodes.footnote_reference("", "1"))
    paragraph.line = 12
    document += paragraph
    with pytest.raises(UnknownNode, match=r"^ann\.md:12: .* docutils\.nodes\.footnote_reference"):
        page_writer().page(document)
    document = new_document("ann.md")
    document += nodes.sidebar("", nodes.paragraph("", "aside"))
    with pytest.raises(UnknownNode, match=r"^ann: .* docutils\.nodes\.sidebar node \('aside'\)"):
        page_writer().page(document)


def test_a_code_cell_inside_a_list_is_an_error():
    document = new_document("ann.md")
    cell = nodes.container(nb_element="cell_code", cell_index=1)
    document += nodes.bullet_list("", nodes.list_item("", cell))
    with pytest.raises(UnknownNode, match="a code cell in a list"):
        page_writer().page(document)


def executed(*cells):
    made = [
        nbformat.v4.new_code_cell(text[5:]) if text.startswith("code:")
        else nbformat.v4.new_markdown_cell(text)
        for text in cells
    ]  # fmt: skip
    return nbformat.v4.new_notebook(cells=made)


def shown(notebook):
    return [
        f"code:{cell.source}" if cell.cell_type == "code" else cell.source
        for cell in notebook.cells
    ]  # fmt: skip


def test_a_cell_the_page_leaves_out_keeps_its_place_in_the_chapter_s_source():
    source = executed("# T", "code:a", "code:glue", "text", "code:b", "more", "code:last glue")
    lines = [1, 3, 6, 9, 11, 14, 16]
    page = [Block("# T", line=1), Block(cell=1, line=3), Block("Text", line=9),
            Block(cell=4, line=11), Block("More", line=14)]  # fmt: skip
    assert shown(reader_notebook(source, page, lines)) == [
        "# T", "code:a", "code:glue", "Text", "code:b", "More", "code:last glue"
    ]  # fmt: skip
    # Below the prose that follows the cell it glues, it stays there.
    source = executed("# T", "code:a", "text", "code:glue", "code:b")
    page = [Block("# T", line=1), Block(cell=1, line=3), Block("Text", line=6),
            Block(cell=4, line=12)]  # fmt: skip
    assert shown(reader_notebook(source, page, [1, 3, 6, 9, 12])) == [
        "# T", "code:a", "Text", "code:glue", "code:b"
    ]  # fmt: skip
    # A page without lines (a translated page may lose them) keeps the order of the code.
    page = [Block("# T"), Block(cell=1), Block("Text"), Block(cell=4)]
    assert shown(reader_notebook(source, page, [1, 3, 6, 9, 12])) == [
        "# T", "code:a", "Text", "code:glue", "code:b"
    ]  # fmt: skip


def test_a_page_whose_cells_are_not_the_chapter_s_in_order_is_refused():
    source = executed("# T", "code:a", "code:b")
    with pytest.raises(ValueError, match=r"ann: the page's code cells \[2, 1\] are not"):
        reader_notebook(source, [Block(cell=2), Block(cell=1)], [1, 2, 3], "ann")
    with pytest.raises(ValueError, match=r"\[0\] are not, in order, code cells"):
        reader_notebook(source, [Block(cell=0)], [1, 2, 3], "ann")


@pytest.mark.build
def test_a_chapter_s_own_toctree_and_bibliography_are_written_as_its_page_lists_them(built_book):
    text = markdown_of(notebook(built_book.html))
    assert "- [A section](../section.html)" in text
    # Each entry once, though sphinxcontrib-bibtex fills it again at each resolution.
    assert text.count("Frank Rosenblatt. The perceptron") == 1
    assert "\\[1\\] Frank Rosenblatt." in text
    assert check_notebooks(built_book.html)[built_book.html.resolve()].problems == []
