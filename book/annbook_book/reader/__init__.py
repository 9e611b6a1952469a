"""Run every chapter's downloaded notebook with the wheel alone, outside the repository.

``nox -s reader`` runs ``python -m annbook_book reader`` after ``nox -s docs``:
a fresh virtual environment in a temporary folder gets annbook's wheel, built
now, nbclient and ipykernel, and nothing else; there, each notebook of
``docs/_build/html/_sources`` runs in the fast profile (:mod:`.fast_profile`),
and those of :data:`FULL` in full, in that folder (:mod:`.run_notebooks`,
copied there with the fast profile: the environment holds no annbook_book).
The notebooks' first cell checks that the installed package is the one the
book ran.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from annbook_book import layout

#: Chapters also run in full, as the book ran them.
FULL = ("ann",)
#: Runs the fast profile in every kernel of the reader's environment when
#: ANNBOOK_FAST=1, from outside the notebooks.
IPYTHON_STARTUP = """\
import os
import sys

if os.environ.get("ANNBOOK_FAST") == "1":
    sys.path.insert(0, {folder!r})
    import fast_profile

    fast_profile.install_fast_profile()
"""


def main(argv: list[str] | None = None) -> int:
    # No arguments; --help says what the command does.
    argparse.ArgumentParser(description=__doc__.split("\n\n")[0]).parse_args(argv)
    notebooks = sorted((layout.HTML / "_sources").glob("*.ipynb"))
    if not notebooks:
        print(
            f"reader: no notebooks in {layout.HTML / '_sources'}: build the book first "
            "(nox -s docs).",
            file=sys.stderr,
        )
        return 1
    home = Path(tempfile.mkdtemp(prefix="annbook-reader-"))
    here = Path(__file__).parent

    def run(*command: str, **options) -> None:
        print(">", *command, file=sys.stderr, flush=True)
        subprocess.run(command, check=True, **options)

    try:
        run(sys.executable, "-m", "build", "--no-isolation", "--wheel", "--outdir", str(home),
            str(layout.ROOT))  # fmt: skip
        venv = home / "venv"
        python = venv / "bin" / "python"
        run("uv", "venv", "--quiet", "--python", sys.executable, str(venv))
        wheels = [str(path) for path in home.glob("annbook-*.whl")]
        run("uv", "pip", "install", "--python", str(python), *wheels, "nbclient", "ipykernel")
        shutil.copy(here / "fast_profile.py", home)
        shutil.copy(here / "run_notebooks.py", home)
        startup = home / "ipython" / "profile_default" / "startup"
        startup.mkdir(parents=True)
        (startup / "00-annbook-fast.py").write_text(IPYTHON_STARTUP.format(folder=str(home)))
        copies = [str(shutil.copy(notebook, home)) for notebook in notebooks]
        full = [f"--full={name}" for name in FULL]
        env = {
            **os.environ, "IPYTHONDIR": str(home / "ipython"),
            "JUPYTER_DATA_DIR": str(home / "jupyter"), "MPLBACKEND": "Agg",
            "TF_CPP_MIN_LOG_LEVEL": "1",
        }  # fmt: skip
        env.pop("PYTHONPATH", None)
        run(str(python), "run_notebooks.py", f"--repository={layout.ROOT}", *full, *copies,
            cwd=home, env=env)  # fmt: skip
    except subprocess.CalledProcessError as error:
        return error.returncode
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return 0
