"""The package published with the book: its wheel, how to install it, and where to run a chapter.

The book executes its chapters against the ``annbook`` of its source tree
(installed in editable mode), so the build makes the wheel of that
very code into the site's ``dist`` folder, checks that the wheel holds the
same files (:func:`annbook.book.code_fingerprint`), and tells readers how to
install it:

- with ``html_baseurl`` (where the book is served; ``ANNBOOK_BASE_URL`` in
  ``docs/conf.py``) set:
  ``pip install "<base URL>/dist/<wheel>"``;
- with ``annbook_repository_url`` set and the package's files committed:
  ``pip install "git+<repository URL>@<commit>"``;
- always: a link to download the wheel, and the command that installs the
  downloaded file. A relative link works in a book opened from files, where
  no URL of the wheel could be given to pip.

Each downloaded notebook starts with a cell, not part of the chapter, that
installs the wheel where ``annbook`` is missing (a fresh Colab or Binder
machine) and warns when the installed package is not the one the book ran.
The launch buttons (Colab, Binder) open those notebooks from the branch
``annbook_notebooks_branch`` of the repository where the built book is
published; without both settings there are none.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from annbook.book import code_fingerprint
from annbook_book.i18n.messages import translation

#: Folder of the built site that holds the package's wheel.
DIST = "dist"
#: Metadata key of the cells the book puts before a downloaded chapter.
SETUP = "annbook_setup"
_GITHUB = re.compile(r"^https://github\.com/(?P<org>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Published:
    """The package a build of the book executed and published, and where readers get it."""

    version: str
    fingerprint: str
    wheel: str = ""
    base_url: str = ""
    repository_url: str = ""
    commit: str = ""

    @property
    def wheel_url(self) -> str:
        """Return the URL of the published wheel, or "" where the book's URL is not set."""
        if not (self.base_url and self.wheel):
            return ""
        return f"{self.base_url.rstrip('/')}/{DIST}/{self.wheel}"

    def install_commands(self) -> list[str]:
        """Return the commands that install this package: from the book's wheel, from git.

        Examples
        --------
        >>> Published("0.1.0", "f" * 64, "annbook-0.1.0-py3-none-any.whl",
        ...           "https://example.org/book/", "https://github.com/o/annbook", "abc123"
        ...           ).install_commands()  # doctest: +NORMALIZE_WHITESPACE
        ['pip install "https://example.org/book/dist/annbook-0.1.0-py3-none-any.whl"',
         'pip install "git+https://github.com/o/annbook@abc123"']
        >>> Published("0.1.0", "f" * 64, "annbook-0.1.0-py3-none-any.whl").install_commands()
        []
        """
        commands = []
        if self.wheel_url:
            commands.append(f'pip install "{self.wheel_url}"')
        if self.repository_url and self.commit:
            commands.append(f'pip install "git+{self.repository_url}@{self.commit}"')
        return commands

    def markdown(self, language: str = "en") -> str:
        """Return what a page says about installing this package, as MyST Markdown.

        It is written in ``language`` (:mod:`annbook_book.i18n.messages`): it
        is made by the extension, not written in a page, so it is not in the
        pages' catalogs. Links are relative to a page at the top of the book.

        Examples
        --------
        >>> wheel = "annbook-0.1.0-py3-none-any.whl"
        >>> print(Published("0.1.0", "f" * 64, wheel).markdown())  # doctest: +NORMALIZE_WHITESPACE
        Install annbook 0.1.0, the package this book ran:
        download <a href="dist/annbook-0.1.0-py3-none-any.whl">annbook-0.1.0-py3-none-any.whl</a>
        and run `pip install annbook-0.1.0-py3-none-any.whl` in its folder.
        >>> Published("0.1.0", "f" * 64).markdown()
        ''
        """
        if not self.wheel:
            return ""
        words = translation(language)
        commands = [f"`{command}`" for command in self.install_commands()]
        link = f'<a href="{DIST}/{self.wheel}">{self.wheel}</a>'
        if not commands:
            text = words.gettext(
                "Install annbook {version}, the package this book ran:\n"
                "download {link} and run `pip install {wheel}` in its folder."
            )
        elif len(commands) == 1:
            text = words.gettext(
                "Install annbook {version}, the package this book ran:\n"
                "{command}\n"
                "(the wheel: {link})."
            )
        else:
            text = words.gettext(
                "Install annbook {version}, the package this book ran:\n"
                "{command}\n"
                "or, from the repository at the same commit, {repository}\n"
                "(the wheel: {link})."
            )
        command, repository = [*commands, "", ""][:2]
        return text.format(
            version=self.version, command=command, repository=repository, link=link,
            wheel=self.wheel,
        )  # fmt: skip


def build_package(root: Path, out: Path, package: Path, fingerprint: str | None = None) -> str:
    """Build the wheel of the project in ``root`` into ``out``; return its name.

    Fails unless the wheel holds exactly the files of ``package``, the
    folder the chapters' kernel imports (``fingerprint``: their
    :func:`~annbook.book.code_fingerprint`, computed if not given). A wheel
    already in ``out`` is kept when it holds those files and is newer than
    ``pyproject.toml``: a build with no change to the package spends no
    seconds on it. (The site offers the wheel alone; ``nox -s build`` makes
    the sdist.)
    """
    fingerprint = fingerprint or code_fingerprint(package)
    out.mkdir(parents=True, exist_ok=True)
    wheels = sorted(out.glob("annbook-*.whl"))
    if (
        len(wheels) == 1
        and wheels[0].stat().st_mtime > (root / "pyproject.toml").stat().st_mtime
        and wheel_fingerprint(wheels[0]) == fingerprint
    ):
        return wheels[0].name
    for old in out.glob("annbook-*"):
        old.unlink()
    command = [sys.executable, "-m", "build", "--no-isolation", "--wheel"]
    command += ["--outdir", str(out), str(root)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wheels = sorted(out.glob("annbook-*.whl"))
    if result.returncode != 0 or len(wheels) != 1:
        msg = f"building annbook's wheel failed: {' '.join(command)}\n{result.stdout[-2000:]}"
        raise RuntimeError(msg + result.stderr[-2000:])
    if wheel_fingerprint(wheels[0]) != fingerprint:
        msg = f"the wheel {wheels[0]} does not hold the files of {package}, which the book ran"
        raise RuntimeError(msg)
    return wheels[0].name


def wheel_fingerprint(wheel: Path) -> str:
    """Return :func:`annbook.book.code_fingerprint` of the package inside a wheel.

    The wheel's files are read in memory, in the order that function reads
    a folder's (sorted paths), with nothing written to disk.
    """
    digest = hashlib.sha256()
    with zipfile.ZipFile(wheel) as archive:
        files = {
            PurePosixPath(name).relative_to("annbook"): name
            for name in archive.namelist()
            if name.startswith("annbook/") and not name.endswith("/")
        }
        for relative in sorted(files):
            if "__pycache__" in relative.parts or relative.suffix == ".pyc":
                continue
            digest.update(f"{relative.as_posix()}\0".encode())
            digest.update(archive.read(files[relative]))
    return digest.hexdigest()


def git_commit(root: Path, paths: tuple[str, ...] = ("src", "pyproject.toml")) -> str:
    """Return the commit checked out in ``root``, or "" unless ``paths`` are as committed there.

    Installing from git at a commit gives the package the book ran only when
    the build's package files are those of that commit.
    """
    git = shutil.which("git")
    if git is None:
        return ""

    def run(*args: str) -> str:
        result = subprocess.run(
            [git, "-C", str(root), *args], capture_output=True, text=True, check=False
        )
        return result.stdout.strip() if result.returncode == 0 else "?"

    commit = run("rev-parse", "HEAD")
    changed = run("status", "--porcelain", "--", *paths)
    return commit if re.fullmatch(r"[0-9a-f]{40}", commit) and not changed else ""


def setup_cells(published: Published, language: str = "en") -> list[dict]:
    """Return the cells a downloaded chapter starts with: how to install annbook, and a check.

    The text is in ``language`` (:mod:`annbook_book.i18n.messages`).

    Examples
    --------
    >>> markdown, code = setup_cells(Published("0.1.0", "f" * 64))
    >>> print(code["source"])  # doctest: +ELLIPSIS
    # Not part of the chapter: is the installed annbook the package this notebook ran?
    from annbook.book import check_package
    <BLANKLINE>
    check_package(
        version='0.1.0',
        fingerprint='ffff...ffff',
        install='',
    )
    """
    import nbformat  # noqa: PLC0415

    words = translation(language)
    commands = published.install_commands()
    if commands:
        install = commands[0]
        shown = [f"`{command}`" for command in commands]
        while len(shown) > 1:
            either = words.gettext("{first} or {second}")
            shown[-2:] = [either.format(first=shown[-2], second=shown[-1])]
        text = words.gettext(
            "**Run this notebook yourself.** The book executed it with annbook {version}; "
            "install that package with {commands}. The next cell, which is not part of the "
            "chapter, checks that the installed annbook is that package, and installs it where "
            "annbook is missing (Colab, Binder)."
        )
        markdown = text.format(version=published.version, commands=shown[0])
    elif published.wheel:  # the book gives no URL of its wheel, only a link
        install = f"pip install {published.wheel}"
        text = words.gettext(
            "**Run this notebook yourself.** The book executed it with annbook {version}; "
            "install that package with {install}, in the folder of the wheel downloaded from "
            "the book. The next cell, which is not part of the chapter, checks that the "
            "installed annbook is that package."
        )
        markdown = text.format(version=published.version, install=f"`{install}`")
    else:
        install = ""
        text = words.gettext(
            "**Run this notebook yourself.** The book executed it with annbook {version}; "
            "install that package with the annbook package of the book's source. The next "
            "cell, which is not part of the chapter, checks that the installed annbook is that "
            "package."
        )
        markdown = text.format(version=published.version)
    lines = ["# Not part of the chapter: is the installed annbook the package this notebook ran?"]
    if published.wheel_url:
        lines += [
            "import importlib.util",
            "import subprocess",
            "import sys",
            "",
            f'WHEEL = "{published.wheel_url}"',
            'if importlib.util.find_spec("annbook") is None:  # a fresh machine: Colab, Binder',
            '    subprocess.run([sys.executable, "-m", "pip", "install", WHEEL], check=True)',
            "    importlib.invalidate_caches()",
        ]
    lines += [
        "from annbook.book import check_package",
        "",
        "check_package(",
        f"    version={published.version!r},",
        f"    fingerprint={published.fingerprint!r},",
        f"    install={install!r},",
        ")",
    ]
    metadata = {SETUP: True}
    return [
        nbformat.v4.new_markdown_cell(markdown, metadata=metadata),
        nbformat.v4.new_code_cell("\n".join(lines), metadata=metadata),
    ]


def is_setup_cell(cell: dict) -> bool:
    """Return whether a notebook's cell is one of those :func:`setup_cells` adds."""
    return bool(cell.get("metadata", {}).get(SETUP))


def launch_buttons(
    repository_url: str, branch: str, pagename: str, edition: str = ""
) -> list[dict]:
    """Return the theme's launch buttons that open a chapter's executed notebook, or none.

    The notebook is the one published with the built book (``_sources``, in
    the folder of the edition, ``edition``: "" or "ko/"), on the branch
    ``branch`` of the GitHub repository ``repository_url``
    (:mod:`annbook_book.publishing.branch`).

    Examples
    --------
    >>> [button["url"] for button in launch_buttons("https://github.com/o/annbook", "gh-pages",
    ...                                             "ann")]  # doctest: +NORMALIZE_WHITESPACE
    ['https://colab.research.google.com/github/o/annbook/blob/gh-pages/_sources/ann.ipynb',
     'https://mybinder.org/v2/gh/o/annbook/gh-pages?urlpath=lab/tree/_sources/ann.ipynb']
    >>> launch_buttons("https://github.com/o/annbook", "nb", "ann", "ko/")[0]["url"]
    'https://colab.research.google.com/github/o/annbook/blob/nb/ko/_sources/ann.ipynb'
    >>> launch_buttons("", "gh-pages", "ann")
    []
    """
    match = _GITHUB.match(repository_url)
    if not (match and branch):
        return []
    org, repo, path = match["org"], match["repo"], f"{edition}_sources/{pagename}.ipynb"
    return [
        {
            "type": "link",
            "text": "Colab",
            "tooltip": "Run this chapter on Colab",
            "icon": "_static/images/logo_colab.png",
            "url": f"https://colab.research.google.com/github/{org}/{repo}/blob/{branch}/{path}",
        },
        {
            "type": "link",
            "text": "Binder",
            "tooltip": "Run this chapter on Binder",
            "icon": "_static/images/logo_binder.svg",
            "url": f"https://mybinder.org/v2/gh/{org}/{repo}/{branch}?urlpath=lab/tree/{path}",
        },
    ]
