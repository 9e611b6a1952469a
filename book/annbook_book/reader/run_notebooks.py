"""Run the book's downloaded notebooks as a reader would: ``nox -s reader`` runs this.

Usage: ``python run_notebooks.py --full NAME NOTEBOOK [NOTEBOOK ...]``

It is copied outside the repository and run there, by the Python of a fresh
virtual environment that holds only annbook's wheel, nbclient and ipykernel,
so it uses nothing but the standard library and nbclient. Each notebook runs
on that environment's ``python3`` kernel, in the current folder:

- first a probe: the kernel's Python and annbook are those of the fresh
  environment, not of the repository, and the notebooks' first cell warns
  for a package other than the book's;
- each notebook named by ``--full`` as the book ran it;
- every notebook in the fast profile (``ANNBOOK_FAST=1``, applied from
  outside the notebook by the IPython start-up file the session writes).

It fails on any error, and when a notebook's first cell, which checks that
the installed annbook is the book's, shows anything.
"""

from __future__ import annotations

import argparse
import copy
import os
import re
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

SETUP = "annbook_setup"


def execute(notebook, *, fast: bool):
    """Execute a notebook in the current folder, in the fast profile or not."""
    env = {**os.environ, "ANNBOOK_FAST": "1" if fast else "0"}
    client = NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": os.getcwd()}},
    )
    client.execute(env=env)
    return notebook


def text(cell) -> str:
    """Return what a cell shows as text."""
    parts = []
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            parts.append(output["text"])
        elif output["output_type"] == "error":
            parts.append(f"{output['ename']}: {output['evalue']}")
        else:
            parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def probe(notebook, venv: Path, repository: Path) -> list[str]:
    """Check where the kernel runs and that the first cell warns for another package."""
    setup = next(c for c in notebook.cells if c.cell_type == "code" and c.metadata.get(SETUP))
    where = nbformat.v4.new_code_cell(
        "import os, sys, annbook\nprint(sys.prefix, annbook.__file__, os.getcwd(), sep='\\n')"
    )
    # Another package's fingerprint: a valid one, but not the installed package's.
    # A new cell, not a copy: a copy would repeat the first cell's id.
    mismatch = nbformat.v4.new_code_cell(
        re.sub(r"fingerprint='[0-9a-f]{64}'", f"fingerprint='{'0' * 64}'", setup.source, count=1),
        metadata=copy.deepcopy(setup.metadata),
    )
    probe_notebook = nbformat.v4.new_notebook(cells=[where, setup, mismatch])
    probe_notebook.metadata = copy.deepcopy(notebook.metadata)
    execute(probe_notebook, fast=False)
    problems = []
    prefix, package, cwd = text(probe_notebook.cells[0]).split()
    if Path(prefix).resolve() != venv.resolve():
        problems.append(f"the kernel runs in {prefix}, not in the fresh environment {venv}")
    for path in (package, cwd):
        if Path(path).resolve().is_relative_to(repository.resolve()):
            problems.append(f"{path} is inside the repository {repository}")
    if text(probe_notebook.cells[1]):
        problems.append(f"the first cell is not silent: {text(probe_notebook.cells[1])}")
    warning = text(probe_notebook.cells[2])
    if "PackageMismatchWarning" not in warning or "pip install" not in warning:
        problems.append(f"the first cell does not warn for another package: {warning!r}")
    return problems


def run(path: Path, *, fast: bool) -> list[str]:
    """Run one notebook; return its problems."""
    notebook = nbformat.read(path, as_version=4)
    if not any(cell.metadata.get(SETUP) for cell in notebook.cells):
        return [f"{path.name}: no first cell that checks annbook"]
    start = time.perf_counter()
    try:
        execute(notebook, fast=fast)
    except CellExecutionError as error:
        return [f"{path.name}: {str(error)[-3000:]}"]
    finally:
        profile = "fast profile" if fast else "in full"
        print(f"{path.name} ({profile}): {time.perf_counter() - start:.0f} s", flush=True)
    return [
        f"{path.name}: the check of annbook shows {text(cell)!r}"
        for cell in notebook.cells
        if cell.metadata.get(SETUP) and cell.cell_type == "code" and text(cell)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--full", action="append", default=[], help="run NAME.ipynb in full too")
    parser.add_argument("--repository", type=Path, required=True, help="must not be used")
    args = parser.parse_args(argv)
    first = nbformat.read(args.notebooks[0], as_version=4)
    problems = probe(first, Path(sys.prefix), args.repository)
    for path in args.notebooks:
        if path.stem in args.full:
            problems += run(path, fast=False)
    for path in args.notebooks:
        problems += run(path, fast=True)
    for problem in problems:
        print(f"reader: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(
        f"reader: {len(args.notebooks)} notebooks ran with the wheel alone, outside the repository"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
