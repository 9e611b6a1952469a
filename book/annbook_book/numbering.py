"""Chapters numbered through the whole book, on the site as in the PDF.

The landing page lists the chapters in several toctrees, one per part of the
book, each with its caption and ``:numbered:``. Sphinx starts every numbered
toctree at 1 again, so the site would have two chapters 1; LaTeX numbers the
chapters of the PDF through the book (the parts do not restart them). Here a
numbered toctree of a page goes on from the last number of the numbered
toctrees before it on the same page: chapter 3 is chapter 3 on the site, in
its figures' and equations' numbers ("Fig. 3.2") and in the PDF.

Sphinx numbers the sections (and then the figures) once the pages are read,
in ``TocTreeCollector.assign_section_numbers``; :func:`setup` wraps it: the
numbers it gives are shifted afterwards, before the figures are numbered
from them.
"""

from __future__ import annotations

from sphinx import addnodes
from sphinx.environment.collectors.toctree import TocTreeCollector

_ASSIGN = TocTreeCollector.assign_section_numbers


def _shift(env, docname: str, offset: int) -> None:
    """Add ``offset`` to the first number of every section number of page ``docname``."""
    numbers = env.toc_secnumbers.get(docname, {})
    for anchor, number in numbers.items():
        if number:
            numbers[anchor] = (number[0] + offset, *number[1:])
    for reference in env.tocs[docname].findall(addnodes.compact_paragraph):
        number = reference[0].get("secnumber") if len(reference) else None
        if number:
            reference[0]["secnumber"] = [number[0] + offset, *number[1:]]
    title = env.titles.get(docname)
    if title is not None and title.get("secnumber"):
        title["secnumber"] = [title["secnumber"][0] + offset, *title["secnumber"][1:]]


def assign_section_numbers(self, env) -> list[str]:
    """Number the sections as Sphinx does, each numbered toctree going on from the one before.

    Returns the pages whose numbers changed, which Sphinx writes again.
    """
    old = dict(env.toc_secnumbers)
    _ASSIGN(self, env)
    for docname in sorted(env.numbered_toctrees):
        offset = 0
        for toctree in env.get_doctree(docname).findall(addnodes.toctree):
            if not toctree.get("numbered"):
                continue
            numbered = [ref for _title, ref in toctree["entries"] if ref in env.toc_secnumbers]
            for ref in numbered:
                _shift(env, ref, offset)
            offset += len(numbered)
    changed = set(old) ^ set(env.toc_secnumbers)
    changed |= {name for name, numbers in env.toc_secnumbers.items() if old.get(name) != numbers}
    return sorted(changed)


def setup(app):  # noqa: ARG001
    TocTreeCollector.assign_section_numbers = assign_section_numbers
    return {"parallel_read_safe": True, "parallel_write_safe": True}
