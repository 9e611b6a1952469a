"""What the book's chapters need beyond the package: glued values and a package check.

A chapter is a notebook that runs in the book's build and on a reader's
machine. Two things differ between the two, and this module keeps them
apart, so that the code a reader copies is the code the book ran:

- :func:`glue` hands a value to the book's text when the book is being
  built, and otherwise shows it only where the book shows it;
- :func:`check_package` warns a reader whose installed ``annbook`` is not
  the package the book was built with, since names and outputs may differ.

Importing this module imports neither TensorFlow nor myst-nb.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from pathlib import Path

from annbook import __version__

__all__ = ["PackageMismatchWarning", "check_package", "code_fingerprint", "glue"]

#: The book's build sets this environment variable to ``"1"`` for the
#: kernels that execute its chapters.
BUILD_VARIABLE = "ANNBOOK_BOOK_BUILD"
_PACKAGE = Path(__file__).resolve().parent


def glue(name: str, value: object, display: bool = True) -> None:
    """Give ``value`` to the book's text under ``name``; show it if ``display``.

    In the book's build (``ANNBOOK_BOOK_BUILD=1``) this is myst-nb's
    ``glue``, which records the value so that the prose can quote it.
    Anywhere else it shows the value when ``display`` is true, as the book
    does, and does nothing otherwise; myst-nb is not needed.

    Parameters
    ----------
    name : str
        Name under which the chapter's prose quotes the value.
    value : object
        The value.
    display : bool, default=True
        Whether the cell shows the value too.

    Examples
    --------
    >>> glue("epochs", 12, display=False)
    >>> glue("epochs", 12)
    12

    Notes
    -----
    Every chapter imports it in its first cell.
    """
    if not isinstance(name, str) or not name:
        msg = f"name must be a non-empty string: name={name!r}"
        raise ValueError(msg)
    if not isinstance(display, bool):
        msg = f"display must be True or False: display={display!r}"
        raise TypeError(msg)
    if os.environ.get(BUILD_VARIABLE) == "1":
        from myst_nb import glue as myst_glue  # noqa: PLC0415

        myst_glue(name, value, display)
    elif display:
        try:
            from IPython.display import display as show  # noqa: PLC0415
        except ModuleNotFoundError:  # plain Python without IPython
            print(repr(value))
        else:
            show(value)


def code_fingerprint(package: str | os.PathLike[str] | None = None) -> str:
    """Return a SHA-256 of the files of the ``annbook`` package: its code and its data.

    The same files give the same fingerprint wherever the package lives: in
    the book's source tree, in its wheel, or installed from it.

    Parameters
    ----------
    package : path-like, optional
        Folder of an ``annbook`` package; by default the one imported.

    Examples
    --------
    >>> fingerprint = code_fingerprint()
    >>> len(fingerprint), fingerprint == code_fingerprint()
    (64, True)
    """
    if package is not None and not isinstance(package, str | os.PathLike):
        msg = f"package must be a path: package={package!r}"
        raise TypeError(msg)
    folder = _PACKAGE if package is None else Path(package)
    if not (folder / "__init__.py").is_file():
        msg = f"package must be the folder of a Python package: package={package!r}"
        raise ValueError(msg)
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


class PackageMismatchWarning(UserWarning):
    """The installed ``annbook`` is not the package a notebook was executed with."""


def check_package(*, version: str, fingerprint: str, install: str = "") -> None:
    """Warn unless the installed ``annbook`` is the package a notebook was executed with.

    The first cell of every notebook the book offers for download calls it
    with the version and :func:`code_fingerprint` of the package the book
    ran, and the command that installs that package.

    Parameters
    ----------
    version : str
        Version of the package the notebook was executed with.
    fingerprint : str
        Its :func:`code_fingerprint`.
    install : str, default=""
        Command that installs it, quoted in the warning.

    Warns
    -----
    PackageMismatchWarning
        When the installed package is another one, saying how to install the
        right one. For that one it is silent, so that the notebook shows
        only what the book shows.

    Examples
    --------
    >>> import annbook
    >>> check_package(version=annbook.__version__, fingerprint=code_fingerprint())
    """
    for name, value in (("version", version), ("fingerprint", fingerprint), ("install", install)):
        if not isinstance(value, str):
            msg = f"{name} must be a string: {name}={value!r}"
            raise TypeError(msg)
    if not version.strip():
        msg = f"version must name a version: version={version!r}"
        raise ValueError(msg)
    if not re.fullmatch(r"[0-9a-f]{64}", fingerprint):
        msg = f"fingerprint must be a SHA-256 in hex, as code_fingerprint gives: fingerprint={fingerprint!r}"
        raise ValueError(msg)
    installed = code_fingerprint()
    if (version, fingerprint) == (__version__, installed):
        return
    how = f" Install it with:\n\n    {install}\n" if install else ""
    msg = (
        f"This notebook was executed with annbook {version} (code {fingerprint[:12]}), "
        f"but the annbook installed here is {__version__} (code {installed[:12]}). "
        "Its names and outputs may differ from what the notebook shows; run it with "
        f"the package the book was built with.{how}"
    )
    warnings.warn(msg, PackageMismatchWarning, stacklevel=2)
