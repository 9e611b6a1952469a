"""The branch that Colab and Binder open the chapters from: the reader's notebooks of every edition.

The hosted book's workflow (``.github/workflows/pages.yml``) builds the book
with ``ANNBOOK_NOTEBOOKS_BRANCH`` set, so that each chapter has launch
buttons (:func:`~annbook_book.publishing.package.launch_buttons`), then
publishes what they open::

    python -m annbook_book notebooks-branch docs/_build/html FOLDER --commit BRANCH

writes into ``FOLDER`` (made anew) each edition's downloaded notebooks at
their place in the site (``_sources/<chapter>.ipynb``,
``ko/_sources/<chapter>.ipynb``), where the buttons look for them; for
Binder, a ``requirements.txt`` naming the wheel the notebooks' first cell
installs (when the book has a URL) and a ``runtime.txt`` with the Python
the book ran on; and a README. It checks them first, and writes nothing
when one fails: every chapter page of every edition has its notebook, each
a valid notebook that starts with the cell checking the reader's annbook,
with no MyST left in its text
(:func:`annbook_book.checks.notebooks.myst_left`). With ``--commit``, the
folder becomes a git repository whose one commit, on ``BRANCH``, holds
them; the workflow pushes it.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

from annbook_book import layout
from annbook_book.checks.notebooks import editions, myst_left

from .package import is_setup_cell

#: The wheel the notebooks' first cell installs (``setup_cells``).
_WHEEL = re.compile(r'^WHEEL = "(?P<url>[^"]+)"$', re.MULTILINE)
README = """\
# annbook's chapters as notebooks

The executed notebooks of the book's chapters, as the book offers them for
download, for Colab and Binder to open (the book's launch buttons point
here). This branch is written by the workflow that publishes the book;
edit the book's sources, not these files.
"""


def branch_problems(html: Path) -> list[str]:
    """Return what keeps the built site ``html`` from being published for Colab and Binder."""
    import nbformat  # noqa: PLC0415

    problems = []
    for edition in editions(html):
        chapters = [
            page.stem for page in sorted(edition.glob("*.html"))
            if (edition / "_sources" / f"{page.stem}.md").is_file()
            and layout.is_chapter((edition / "_sources" / f"{page.stem}.md").read_text("utf-8"))
        ]  # fmt: skip
        for chapter in chapters:
            path = edition / "_sources" / f"{chapter}.ipynb"
            where = path.relative_to(html)
            if not path.is_file():
                problems.append(f"{where}: no notebook for the chapter {chapter}")
                continue
            notebook = nbformat.read(path, as_version=4)
            try:
                nbformat.validate(notebook)
            except nbformat.ValidationError as error:
                problems.append(f"{where}: not a valid notebook: {error.message}")
            if not (notebook.cells and any(is_setup_cell(c) for c in notebook.cells[:3])):
                problems.append(f"{where}: does not start with the cell that checks annbook")
            text = "\n\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
            if left := myst_left(text):
                problems.append(f"{where}: MyST left in its text: {dict(sorted(left.items()))}")
    if not any((edition / "_sources").glob("*.ipynb") for edition in editions(html)):
        problems.append(f"{html}: no notebooks in {html / '_sources'}")
    return problems


def write_branch(html: Path, folder: Path) -> list[Path]:
    """Write the branch's files into ``folder`` (made anew); return them, relative to it."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    written = []
    for edition in editions(html):
        for path in sorted((edition / "_sources").glob("*.ipynb")):
            target = folder / path.relative_to(html)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
            written.append(target)
    cells = json.loads(written[0].read_text("utf-8"))["cells"] if written else []
    wheels = {match["url"] for cell in cells for match in _WHEEL.finditer("".join(cell["source"]))}
    if wheels:
        (folder / "requirements.txt").write_text("".join(sorted(wheels)) + "\n")
        written.append(folder / "requirements.txt")
    python = ".".join(platform.python_version_tuple()[:2])
    (folder / "runtime.txt").write_text(f"python-{python}\n")
    (folder / "README.md").write_text(README)
    written += [folder / "runtime.txt", folder / "README.md"]
    return sorted(path.relative_to(folder) for path in written)


def commit(folder: Path, branch: str, message: str) -> None:
    """Make ``folder`` a git repository whose one commit, on ``branch``, holds its files."""

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(folder), *args], check=True)

    git("init", "--quiet", "--initial-branch", branch)
    git("add", "--all")
    git(
        "-c", "user.name=annbook", "-c", "user.email=annbook@users.noreply.github.com",
        "commit", "--quiet", "--message", message,
    )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="the built site (docs/_build/html)")
    parser.add_argument("folder", type=Path, help="where to write the branch's files (made anew)")
    parser.add_argument("--commit", metavar="BRANCH", help="commit them on BRANCH, in FOLDER")
    parser.add_argument("--message", default="The reader's notebooks of the book's chapters")
    args = parser.parse_args(argv)
    if args.folder.resolve().is_relative_to(args.html.resolve()):
        print(f"notebooks-branch: folder={str(args.folder)!r} is inside the site", file=sys.stderr)
        return 2
    problems = branch_problems(args.html)
    if problems:
        print("\n".join(problems))
        print(f"notebooks-branch: {len(problems)} problems; nothing written")
        return 1
    files = write_branch(args.html, args.folder)
    if args.commit:
        commit(args.folder, args.commit, args.message)
    notebooks = sum(path.suffix == ".ipynb" for path in files)
    where = f" (committed on {args.commit})" if args.commit else ""
    print(f"notebooks-branch: {notebooks} notebooks and {len(files) - notebooks} files "
          f"in {args.folder}{where}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
