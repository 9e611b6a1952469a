"""Preview the book on http://127.0.0.1:8000, rebuilt on every save (Ctrl-C stops).

``nox -s serve`` runs ``python -m annbook_book serve [SPHINX-AUTOBUILD
ARGUMENTS ...]``: the preflight, then sphinx-autobuild with the options of
``nox -s docs`` (the English edition), so the preview fails where the book
build does; conf.py is the same, so only chapters the execution cache says
changed run. It also watches annbook's source.
"""

from __future__ import annotations

import subprocess

from annbook_book import layout, preflight


def main(argv: list[str] | None = None) -> int:
    if {"-h", "--help"} & set(argv or []):
        print(__doc__.split("\n\n")[0], "Its arguments are sphinx-autobuild's:", sep="\n\n")
        return subprocess.run(["sphinx-autobuild", "--help"], check=False).returncode
    if status := preflight.main([]):
        return status
    watch = [
        "--host", "127.0.0.1", "--port", "8000",
        "--watch", str(layout.ROOT / "src" / "annbook"),
        "--ignore", str(layout.BUILD),
        "--ignore", str(layout.execution_cache()),
        "--ignore", str(layout.DOCS / "api" / "generated"),
    ]  # fmt: skip
    command = ["sphinx-autobuild", *layout.sphinx_args(layout.HTML, *watch), *(argv or [])]
    try:
        return subprocess.run(command, check=False).returncode
    except KeyboardInterrupt:
        return 130
