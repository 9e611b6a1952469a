"""Small books for the tests: chapters, planted modules, and the real conf.py and extension."""

import shutil
import textwrap
from pathlib import Path

from tools import project

ROOT = project.ROOT


def chapter(*cells: str) -> str:
    """Return a chapter's Markdown with these code cells."""
    code = "".join(f"\n```{{code-cell}} ipython3\n{cell}\n```\n" for cell in cells)
    return (
        "---\njupytext:\n  text_representation:\n    extension: .md\n    format_name: myst\n"
        "kernelspec:\n  name: annbook\n  display_name: Python 3 (annbook)\n  language: python\n"
        f"---\n\n# A chapter\n\nProse.\n{code}"
    )


def write(folder: Path, files: dict[str, str]) -> None:
    """Write ``files`` (path in ``folder``: text, dedented) into ``folder``."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))


def small_book(tree: Path, modules: dict[str, str], chapters: dict[str, str]) -> Path:
    """Lay out a project in ``tree``: a copy of annbook with ``modules`` planted, and a book.

    The book has the real ``conf.py``, extension, kernel and tools, an index,
    and ``chapters`` (name: Markdown), each with an empty table in bands.toml.
    """
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "src" / "annbook", tree / "src" / "annbook", ignore=ignore)
    write(tree / "src" / "annbook", modules)
    docs = tree / "docs"
    for name in ("conf.py", "references.bib"):
        docs.mkdir(parents=True, exist_ok=True)
        shutil.copy(project.DOCS / name, docs)
    for folder in (project.DOCS / project.KERNELS, project.DOCS / "_static", project.EXTENSIONS):
        shutil.copytree(folder, docs / folder.name, ignore=ignore)
    shutil.copytree(ROOT / "tools", tree / "tools", ignore=ignore)
    toctree = "\n".join(chapters)
    (docs / "index.md").write_text(f"# Book\n\n```{{toctree}}\n{toctree}\n```\n")
    for name, text in chapters.items():
        (docs / f"{name}.md").write_text(text)
    (docs / project.BANDS).write_text("".join(f"[{name}]\n" for name in chapters))
    return tree
