"""The extension's own words, in each edition's language: one message catalog per language.

What the extension writes on a page itself (the "Tested with" box, how to
install annbook, the link to the other edition, the translation status
table) and the words of the book's tools that no catalog of theirs
translates (the theme's, myst-nb's, sphinx-exercise's word order) are
messages of the catalog ``annbook_book``:
``annbook_book/locale/<language>/LC_MESSAGES/annbook_book.po``. The code
writes them in English, as gettext messages (``_("Tested with")``), so the
English edition needs no catalog.

Sphinx reads compiled catalogs (.mo files). They are not kept beside the
.po files: each build compiles the catalog of its language into its
doctrees folder (:func:`compile_catalog`), so that an edited catalog is
never read stale. Code that runs in the build looks its words up with
:data:`_` (Sphinx's :func:`~sphinx.locale.get_translation`, in the build's
language); code that writes in a language it is given (a downloaded
notebook's first cell, the link to the other edition) with
:func:`translation`, from the same catalog.

A translated build fails on a message of the code that its catalog does
not translate, or translates with a fuzzy entry
(:func:`annbook_book.i18n.status.check_translations`); ``nox -s
translations`` brings the catalogs up to date with the code
(:func:`update_catalogs`).
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import io
import shutil
from pathlib import Path

import sphinx.locale
from sphinx.locale import get_translation

from annbook_book.layout import TRANSLATIONS

#: The catalog's name (its gettext domain).
DOMAIN = "annbook_book"
#: The folder of the catalogs: ``<language>/LC_MESSAGES/annbook_book.po``.
LOCALE = Path(__file__).resolve().parents[1] / "locale"
#: The package whose code holds the messages.
CODE = LOCALE.parent
#: The header of a new catalog.
_HEADER = {
    "project": "annbook",
    "copyright_holder": "The annbook authors",
    "header_comment": "# The words annbook's Sphinx extension writes (annbook_book.i18n.messages).",
    "fuzzy": False,
}
#: The extension's words, in the build's language.
_ = get_translation(DOMAIN)


def catalog_path(language: str) -> Path:
    """Return the catalog (.po file) of the extension's words in ``language``.

    Examples
    --------
    >>> catalog_path("xx").relative_to(LOCALE).as_posix()
    'xx/LC_MESSAGES/annbook_book.po'
    """
    return LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def translation(language: str) -> gettext.NullTranslations:
    """Return the extension's words in ``language`` (as the code writes them, without a catalog).

    Examples
    --------
    >>> translation("en").gettext("Tested with")
    'Tested with'
    """
    path = catalog_path(language)
    if not path.is_file():
        return gettext.NullTranslations()
    return _translation(path, path.stat().st_mtime_ns)


@functools.cache
def _translation(path: Path, mtime: int) -> gettext.GNUTranslations:  # noqa: ARG001 (cache key)
    return gettext.GNUTranslations(io.BytesIO(_compiled(path)))


def _compiled(path: Path) -> bytes:
    """Return a catalog compiled as gettext reads it (.mo), without its fuzzy entries."""
    from babel.messages.mofile import write_mo  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with path.open("rb") as file:
        catalog = read_po(file)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def compile_catalog(language: str, folder: Path) -> Path:
    """Compile the catalog of ``language`` into a locale folder under ``folder``; return it.

    The locale folder is named by the catalog's contents: gettext keeps each
    .mo file it read, by path, for as long as Python runs, so a catalog
    edited between two builds in one process is compiled to a new path.
    Older locale folders are removed.
    """
    path = catalog_path(language)
    compiled = _compiled(path) if path.is_file() else b""
    locale = folder / hashlib.sha256(compiled).hexdigest()[:16]
    for old in folder.glob("*") if folder.is_dir() else ():
        if old != locale:
            shutil.rmtree(old, ignore_errors=True)
    if compiled:
        target = locale / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(compiled)
    return locale


def extract() -> dict[str, tuple[str, int]]:
    """Return the messages of the code (``_``, ``gettext``, ``N_`` ...): where each first is.

    Places are files relative to the package, and lines.
    """
    from babel.messages.extract import extract_from_dir  # noqa: PLC0415

    found: dict[str, tuple[str, int]] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
        CODE, method_map=[("**.py", "python")]
    ):
        if isinstance(message, str):
            found.setdefault(message, (filename, line))
    return found


def update_catalogs() -> list[Path]:
    """Bring each translation's catalog up to date with the messages of the code; return them.

    A new message gets an empty entry, an edited one a fuzzy entry with the
    old translation, to be checked and unmarked.
    """
    from babel.messages.catalog import Catalog  # noqa: PLC0415
    from babel.messages.pofile import read_po, write_po  # noqa: PLC0415

    template = Catalog(domain=DOMAIN, **_HEADER)
    for message, (filename, line) in extract().items():
        template.add(message, locations=[(filename, line)])
    paths = []
    for language in TRANSLATIONS:
        path = catalog_path(language)
        if path.is_file():
            with path.open("rb") as file:
                catalog = read_po(file)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, **_HEADER)
        catalog.update(template, update_creation_date=False)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as file:
            write_po(file, catalog, width=100, ignore_obsolete=True)
        paths.append(path)
    return paths


def register(app) -> None:
    """Compile the catalog of the build's language, and make it :data:`_`'s."""
    language = app.config.language
    folder = Path(app.doctreedir) / "annbook_book-locale"
    # Sphinx merges a catalog into one it already has: drop another build's.
    sphinx.locale.translators.pop(("general", DOMAIN), None)
    app.add_message_catalog(DOMAIN, compile_catalog(language, folder))


def setup(app):
    register(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
