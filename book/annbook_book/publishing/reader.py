"""The notebook a reader downloads: the page's prose around the chapter's executed code cells.

:func:`reader_notebook` pairs the page, written as Markdown
(:mod:`annbook_book.publishing.markdown`), with the chapter's executed
notebook: each code cell the page shows takes its place, with its outputs
unchanged; a cell the page leaves out (``remove-cell``: glue, checks) keeps
its place in the chapter's source, so the notebook runs every cell in the
order the book ran them. What the page hides is folded (cell metadata
``jupyter.source_hidden``, ``outputs_hidden``, which JupyterLab and Notebook
show collapsed; Colab shows it open): by the cell's tags (``hide-input``,
``remove-cell``, …), and an exercise's solution cells whole.

Links go to the hosted book when its URL is set (``html_baseurl``,
``ANNBOOK_BASE_URL``), and otherwise to the pages beside the notebook in
the built site (``../glossary.html#term-…`` from ``_sources``), so that a
notebook opened from a copy of the site finds them offline.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from annbook_book.i18n.messages import _

from .package import SETUP

if TYPE_CHECKING:
    from nbformat import NotebookNode

    from .markdown import Block

#: How JupyterLab and Notebook 7 fold a cell's code and its outputs (cell metadata).
SOURCE, OUTPUTS = "source_hidden", "outputs_hidden"
#: What the page hides or leaves out of a cell, by the cell's tags: the notebook folds it.
FOLDED_BY_TAG = {
    "hide-input": (SOURCE,), "remove-input": (SOURCE,),
    "hide-output": (OUTPUTS,), "remove-output": (OUTPUTS,),
    "hide-cell": (SOURCE, OUTPUTS), "remove-cell": (SOURCE, OUTPUTS),
}  # fmt: skip


def folded(cell: NotebookNode, *, solution: bool = False) -> NotebookNode:
    """Return a copy of a code cell, folded where the page hides it, or whole in a solution.

    Examples
    --------
    >>> import nbformat
    >>> cell = nbformat.v4.new_code_cell("plot()", metadata={"tags": ["hide-input"]})
    >>> folded(cell).metadata["jupyter"]
    {'source_hidden': True}
    >>> folded(cell, solution=True).metadata["jupyter"]
    {'source_hidden': True, 'outputs_hidden': True}
    >>> "jupyter" in folded(nbformat.v4.new_code_cell("x = 1")).metadata
    False
    """
    cell = copy.deepcopy(cell)
    hidden = [name for tag in cell.metadata.get("tags", []) for name in FOLDED_BY_TAG.get(tag, ())]
    hidden += [SOURCE, OUTPUTS] if solution else []
    if hidden:
        jupyter = cell.metadata.setdefault("jupyter", {})
        jupyter.update(dict.fromkeys(sorted(set(hidden), key=[SOURCE, OUTPUTS].index), True))
    return cell


def note_cell() -> NotebookNode:
    """Return the notebook's first cell: the numbers in its text are the book's run's."""
    import nbformat  # noqa: PLC0415

    note = _(
        "**The numbers in this notebook's text are the book's.** They were written in from "
        "the run that built the book, as its page shows them, and the outputs below the code "
        "cells are that run's. Run the cells yourself and your outputs may differ a little; "
        "the text describes the book's run."
    )
    return nbformat.v4.new_markdown_cell(note, metadata={SETUP: True})


def reader_notebook(
    executed: NotebookNode, blocks: list[Block], source_map: list[int], docname: str = ""
) -> NotebookNode:
    """Return the chapter's notebook with the page's Markdown in place of its MyST.

    Parameters
    ----------
    executed : NotebookNode
        The chapter's executed notebook, cells as in its source.
    blocks : list of Block
        The page, as :class:`~annbook_book.publishing.markdown.PageWriter` wrote it.
    source_map : list of int
        The line of the chapter's source each cell of ``executed`` starts on
        (myst-nb's ``add_source_map``).
    docname : str
        The chapter, for messages.
    """
    import nbformat  # noqa: PLC0415

    code = [index for index, cell in enumerate(executed.cells) if cell.cell_type == "code"]
    shown = [block.cell for block in blocks if block.cell is not None]
    if shown != sorted(set(shown)) or not set(shown) <= set(code):
        msg = (
            f"{docname}: the page's code cells {shown} are not, in order, code cells of the "
            f"chapter's notebook {code}"
        )
        raise ValueError(msg)
    left_out = [index for index in code if index not in set(shown)]
    upcoming = iter([*shown, len(executed.cells)])
    next_shown = next(upcoming)
    cells: list[NotebookNode] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            cells.append(nbformat.v4.new_markdown_cell("\n\n".join(text)))
            text.clear()

    def add_left_out(*, before_cell: int | None = None, before_line: int | None = None) -> None:
        while left_out and left_out[0] < next_shown:
            index = left_out[0]
            if before_cell is None and (before_line is None or source_map[index] >= before_line):
                return
            flush()
            cells.append(folded(executed.cells[left_out.pop(0)]))

    for block in blocks:
        if block.cell is None:
            add_left_out(before_line=block.line)
            text.append(block.markdown)
            continue
        add_left_out(before_cell=block.cell)
        flush()
        cells.append(folded(executed.cells[block.cell], solution=block.fold))
        next_shown = next(upcoming)
    add_left_out(before_cell=len(executed.cells))
    flush()
    notebook = copy.deepcopy(executed)
    notebook.cells = cells
    notebook.metadata.pop("source_map", None)
    return notebook
