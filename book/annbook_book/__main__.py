"""``python -m annbook_book COMMAND [ARGUMENT ...]``: build the book, check it, measure it.

Each command is a module's ``main``; ``python -m annbook_book COMMAND --help``
gives its arguments.
"""

from __future__ import annotations

import importlib
import sys

#: Command: (module, what it does).
COMMANDS = {
    "build": ("annbook_book.build", "build both editions and check them (nox -s docs)"),
    "pdf": ("annbook_book.pdf.build", "the book as a PDF, each edition (nox -s pdf)"),
    "check-pdf": ("annbook_book.checks.pdf", "the PDFs: chapters, fonts, characters, languages"),
    "serve": ("annbook_book.serve", "preview the book, rebuilt on every save (nox -s serve)"),
    "translations": ("annbook_book.i18n.catalogs", "update the catalogs after an English edit"),
    "preflight": ("annbook_book.preflight", "check that a build can finish, before it starts"),
    "check-book": ("annbook_book.checks.book", "the book check again, outside a build"),
    "check-site": ("annbook_book.checks.site", "other hosts' assets and accessibility in the HTML"),
    "check-search": ("annbook_book.checks.search", "the Korean edition's search queries"),
    "check-notebooks": (
        "annbook_book.checks.notebooks",
        "the downloaded notebooks read as their pages (nbconvert)",
    ),
    "offline": ("annbook_book.checks.offline", "every page in Chromium, network cut off (axe)"),
    "repro": ("annbook_book.repro", "two builds from clean caches, compared"),
    "bench": ("annbook_book.bench", "build, test and training times against the budgets"),
    "reader": ("annbook_book.reader", "the downloaded notebooks, run with the wheel alone"),
    "notebooks-branch": (
        "annbook_book.publishing.branch",
        "the notebooks Colab and Binder open, for their branch",
    ),
    "tested": ("annbook_book.publishing.tested", "record a passed test run for the book's box"),
}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] not in COMMANDS:
        print(f"annbook_book: no command {args[0]!r}", file=sys.stderr)
    if not args or args[0] not in COMMANDS:
        lines = [f"  {name:13} {text}" for name, (_, text) in COMMANDS.items()]
        print("usage: python -m annbook_book COMMAND [ARGUMENT ...]", *lines, sep="\n",
              file=sys.stderr if args else sys.stdout)  # fmt: skip
        return 2 if args else 0
    module = importlib.import_module(COMMANDS[args[0]][0])
    # What argparse's usage line names: the command as typed, not "__main__.py".
    program, sys.argv[:1] = sys.argv[:1], [f"python -m annbook_book {args[0]}"]
    try:
        return module.main(args[1:])
    finally:
        sys.argv[:1] = program


if __name__ == "__main__":
    sys.exit(main())
