"""Execution of the chapters: a cache key per chapter, and the notebook each executed.

jupyter-cache keys a chapter on its code cells and its kernelspec only, so
an edit to annbook itself, or a new TensorFlow, would leave stale outputs.
Each chapter's kernelspec therefore carries a key (:class:`ChapterKeys`) of
everything else its outputs depend on, and nothing more:

- the code of the annbook modules it reaches and the data files they name
  (see :mod:`annbook_book.execution.dependencies`), docstrings and comments left out;
- the book's kernel (``annbook_book/kernel/jupyter``);
- the Python that runs it, and the installed versions of annbook's requirements
  (:func:`fingerprinted_packages`): a new Python or NumPy may print other digits.

Prose edits, and edits to modules the chapter does not reach, leave it unchanged.
"""

from __future__ import annotations

import hashlib
import importlib.util
import platform
import re
from importlib.metadata import metadata, requires
from importlib.metadata import version as installed_version
from pathlib import Path

from packaging.requirements import Requirement

from annbook_book.layout import PACKAGE

from .dependencies import Package, Reached

_KERNELSPEC = re.compile(r"^kernelspec:\n", re.MULTILINE)


def fingerprinted_packages(package: str = PACKAGE) -> list[str]:
    """Return the distributions whose versions a chapter's outputs depend on.

    These are ``package``'s own requirements, as its metadata declares them
    (extras left out), by their distribution names.

    Examples
    --------
    >>> sorted(fingerprinted_packages())
    ['keras', 'matplotlib', 'numpy', 'tensorflow']
    """
    names = []
    for line in requires(package) or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            names.append(metadata(requirement.name)["Name"])
    return names


def package_folder(package: str = PACKAGE) -> Path:
    """Return the folder of the ``package`` that Python, and so the chapters' kernel, imports."""
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        msg = f"cannot find the package the chapters import: package={package!r}"
        raise ModuleNotFoundError(msg)
    return Path(spec.origin).parent


def environment_digest(kernels: Path) -> str:
    """Return a SHA-256 of what every chapter runs on: the kernel's files, Python, the key versions.

    Parameters
    ----------
    kernels : Path
        Folder of the Jupyter kernel the chapters run on.
    """
    digest = hashlib.sha256()
    digest.update(f"{platform.python_implementation()} {platform.python_version()}\n".encode())
    for name in fingerprinted_packages():
        digest.update(f"{name}=={installed_version(name)}\n".encode())
    for path in sorted(kernels.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(f"kernels/{path.relative_to(kernels).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def code_cells(text: str) -> list[str]:
    """Return the sources of a chapter's code cells."""
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    notebook = read_myst_markdown_notebook(text)
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


class ChapterKeys:
    """The cache key of each chapter: what its outputs depend on besides its code cells.

    The package and kernel are read once, when the key maker is made; make a
    new one to see later edits.

    Parameters
    ----------
    package : Path
        Folder of the package the chapters import (:func:`package_folder`).
    kernels : Path
        Folder of the Jupyter kernel the chapters run on.
    """

    def __init__(self, package: Path, kernels: Path) -> None:
        self.package = Package(package)
        self.environment = environment_digest(kernels)
        self._keys: dict[str, str] = {}

    def reached(self, text: str) -> Reached:
        """Return the modules and data files the chapter with Markdown ``text`` reaches."""
        return self.package.reached(code_cells(text))

    def key(self, text: str) -> str:
        """Return the key of the chapter with Markdown ``text``: a SHA-256."""
        if text not in self._keys:
            digest = self.package.digest_of(self.reached(text))
            self._keys[text] = hashlib.sha256(f"{self.environment}\n{digest}".encode()).hexdigest()
        return self._keys[text]


def keyed_kernelspec(text: str, key: str) -> str:
    """Return a chapter's text with its ``key`` in its kernelspec, so in its cache key.

    Examples
    --------
    >>> print(keyed_kernelspec("---\\nkernelspec:\\n  name: annbook\\n---\\n", "c0ffee"))
    ---
    kernelspec:
      annbook_dependencies: c0ffee
      name: annbook
    ---
    <BLANKLINE>
    """
    return _KERNELSPEC.sub(f"kernelspec:\n  annbook_dependencies: {key}\n", text, count=1)


def executed_notebook(chapter: Path, cache, keys: ChapterKeys):
    """Return the executed notebook the book shows for ``chapter`` from ``cache``, or None."""
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    text = chapter.read_text("utf-8")
    text = keyed_kernelspec(text, keys.key(text))
    try:
        record = cache.match_cache_notebook(read_myst_markdown_notebook(text))
    except KeyError:
        return None
    return cache.get_cache_bundle(record.pk).nb


def spread(docnames: list[str], costs: dict[str, float], processes: int) -> list[str]:
    """Return ``docnames`` reordered so that Sphinx's parallel readers share the ``costs`` evenly.

    Sphinx reads under ``-j`` in chunks: consecutive slices of the list, of
    sizes that depend only on its length and the number of processes
    (``sphinx.util.parallel.make_chunks``). Documents with a cost (chapters
    that will execute, by their last execution time) are dealt out largest
    first, each to the chunk with the least cost so far that has room; the
    other documents fill the rest, in their order.

    Examples
    --------
    Two processes, two chunks of two: chapters a, b and c, of 9, 8 and 1
    seconds, go a alone, b with c; page d fills the place left.

    >>> spread(["a", "b", "c", "d"], {"a": 9, "b": 8, "c": 1}, processes=2)
    ['a', 'd', 'b', 'c']
    """
    from sphinx.util.parallel import make_chunks  # noqa: PLC0415

    sizes = [len(chunk) for chunk in make_chunks(docnames, processes)]
    chunks: list[list[str]] = [[] for _ in sizes]
    loads = [0.0 for _ in sizes]
    for name in sorted(costs, key=lambda name: -costs[name]):
        if name not in docnames:
            continue
        open_chunks = [i for i, size in enumerate(sizes) if len(chunks[i]) < size]
        best = min(open_chunks, key=lambda i: loads[i])
        chunks[best].append(name)
        loads[best] += costs[name]
    rest = iter(name for name in docnames if name not in costs)
    for chunk, size in zip(chunks, sizes, strict=True):
        chunk += [next(rest) for _ in range(size - len(chunk))]
    return [name for chunk in chunks for name in chunk]


def execution_costs(chapters: dict[str, Path], cache, keys: ChapterKeys) -> dict[str, float]:
    """Return, for each chapter that will execute, its last execution time in seconds.

    A chapter will execute when ``cache`` has no record for its key; its last
    execution time is that of its newest record, or, for a chapter never
    executed, the longest known (so it goes first).
    """
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    last: dict[str, float] = {}
    for record in sorted(cache.list_cache_records(), key=lambda record: record.created):
        last[Path(record.uri).resolve().as_posix()] = record.data.get("execution_seconds", 0.0)
    longest = max(last.values(), default=1.0)
    costs = {}
    for docname, path in chapters.items():
        text = path.read_text("utf-8")
        notebook = read_myst_markdown_notebook(keyed_kernelspec(text, keys.key(text)))
        try:
            cache.match_cache_notebook(notebook)
        except KeyError:
            costs[docname] = last.get(path.resolve().as_posix(), longest)
    return costs
