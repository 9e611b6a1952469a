"""Execution of the chapters: cache keys that follow the package, and what a page says of its run.

jupyter-cache keys a chapter on its code cells and its kernelspec only, so
an edit to annbook itself, or a new TensorFlow, would leave stale outputs.
Each chapter's kernelspec therefore carries a fingerprint of everything else
its outputs depend on: the annbook package the kernel imports, the book's
kernel, and the installed versions of annbook's dependencies. Prose edits
leave it unchanged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.util
import platform
import re
from importlib.metadata import metadata, requires
from importlib.metadata import version as installed_version
from pathlib import Path

from packaging.requirements import Requirement

PACKAGE = "annbook"
_KERNELSPEC = re.compile(r"^kernelspec:\n", re.MULTILINE)
_TITLE = re.compile(r"^# .*\n", re.MULTILINE)
#: The words of the "Tested with" box, in each edition. The box is made by the
#: extension, not written in a chapter, so it is not in the catalogs: its line
#: of versions and build date would be a new string to translate every day.
BOX_CLASS = "annbook-tested-with"
BOX_WORDS = {
    "en": {
        "title": "Tested with",
        "built": "built",
        "download": "Download",
        "notebook": "executed notebook (.ipynb)",
        "source": "source (.md)",
    },
    "ko": {
        "title": "실행 환경",
        "built": "빌드",
        "download": "내려받기",
        "notebook": "실행된 노트북(.ipynb)",
        "source": "원본(.md)",
    },
}
#: What a reader's copy of a downloaded notebook runs on.
READER_KERNELSPEC = {
    "name": "python3",
    "display_name": "Python 3 (ipykernel)",
    "language": "python",
}


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


def execution_fingerprint(package: Path, kernels: Path) -> str:
    """Return a SHA-256 of the package's files, the kernel's files and the key versions.

    Parameters
    ----------
    package : Path
        Folder of the package the chapters import.
    kernels : Path
        Folder of the Jupyter kernel the chapters run on.
    """
    digest = hashlib.sha256()
    for name in fingerprinted_packages():
        digest.update(f"{name}=={installed_version(name)}\n".encode())
    for label, folder in (("package", package), ("kernels", kernels)):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def box_words(language: str) -> dict[str, str]:
    """Return the words of the "Tested with" box in ``language`` (English if not translated)."""
    return BOX_WORDS.get(language, BOX_WORDS["en"])


def tested_with(language: str) -> str:
    """Return the line that says what the book ran on, and when it was built."""
    versions = ", ".join(f"{name} {installed_version(name)}" for name in fingerprinted_packages())
    return (
        f"Python {platform.python_version()}, {versions}, {PACKAGE} {installed_version(PACKAGE)}; "
        f"{box_words(language)['built']} {dt.datetime.now(dt.UTC):%Y-%m-%d}"
    )


def fingerprint_kernelspec(text: str, fingerprint: str) -> str:
    """Return a chapter's text with ``fingerprint`` in its kernelspec, so in its cache key."""
    return _KERNELSPEC.sub(f"kernelspec:\n  annbook_fingerprint: {fingerprint}\n", text, count=1)


def add_tested_with(text: str, docname: str, line: str, language: str = "en") -> str:
    """Return a chapter's text with a "Tested with" box and download links under its title."""
    words = box_words(language)
    downloads = (
        f'{words["download"]}: <a href="_sources/{docname}.ipynb">{words["notebook"]}</a>'
        f' · <a href="_sources/{docname}.md">{words["source"]}</a>'
    )
    box = (
        f"\n```{{admonition}} {words['title']}\n:class: tip {BOX_CLASS}\n"
        f"{line}\n\n{downloads}\n```\n"
    )
    return _TITLE.sub(lambda title: title[0] + box, text, count=1)


def executed_notebook(chapter: Path, cache, fingerprint: str):
    """Return the executed notebook the book shows for ``chapter`` from ``cache``, or None."""
    from myst_nb.core.read import read_myst_markdown_notebook  # noqa: PLC0415

    text = fingerprint_kernelspec(chapter.read_text("utf-8"), fingerprint)
    try:
        record = cache.match_cache_notebook(read_myst_markdown_notebook(text))
    except KeyError:
        return None
    return cache.get_cache_bundle(record.pk).nb
