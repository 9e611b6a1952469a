"""CI runs the README's two commands as written, and fails when one is broken.

`.ci/run` runs ``python3 .ci/readme_commands.py README.md --run <name>``; these
tests run that same step on the real README, on broken copies of it and on
small READMEs whose commands are cheap, so no book is built here.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
SCRIPT = ROOT / ".ci" / "readme_commands.py"
spec = importlib.util.spec_from_file_location("readme_commands", SCRIPT)
readme_commands = importlib.util.module_from_spec(spec)
spec.loader.exec_module(readme_commands)

README = (ROOT / "README.md").read_text(encoding="utf-8")
HEADING = "## Build the book, run the tests"


def ci_step(readme: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CI step on ``readme`` as `.ci/run` does."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), str(readme), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def write_readme(folder: Path, book: str, tests: str) -> Path:
    """Write a README whose block holds the commands ``book`` and ``tests``."""
    readme = folder / "README.md"
    readme.write_text(
        f"# A project\n\n{HEADING}\n\nTwo commands:\n\n"
        f"```console\n{book}\n{tests}\n```\n\n## Next\n",
        encoding="utf-8",
    )
    return readme


def test_the_real_readme_gives_two_commands_that_install_nox_themselves():
    commands = readme_commands.extract(README)
    assert list(commands) == ["book", "tests"]
    assert commands["book"].endswith("nox -s docs")
    assert commands["tests"].endswith("nox -s tests")
    for command in commands.values():
        # Each starts from a bare python3: no nox, no uv, no pip into the system's Python.
        assert command.startswith("python3 -m venv ")
        assert f"\n{command}\n" in README  # one whole line of the README, as typed
        readme_commands.check_syntax(command)

    result = ci_step(ROOT / "README.md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"book: {commands['book']}",
        f"tests: {commands['tests']}",
    ]


@pytest.mark.parametrize("broken", ["book", "tests"])
def test_a_syntax_error_in_either_real_command_fails_the_book_step_before_it_runs(tmp_path, broken):
    command = readme_commands.extract(README)[broken]
    copy = tmp_path / "README.md"
    copy.write_text(README.replace(command, command.replace(" && ", " && && ", 1)), "utf-8")

    result = ci_step(copy, "--run", "book")

    assert result.returncode == 2
    assert "bash cannot parse" in result.stderr
    assert list(tmp_path.iterdir()) == [copy]  # nothing ran: no .venv was made


def test_a_command_that_fails_fails_the_step_with_its_status_and_stops(tmp_path):
    readme = write_readme(
        tmp_path,
        book="echo started > ran.txt && .venv/bin/nox -s docz && echo finished >> ran.txt",
        tests="true",
    )

    result = ci_step(readme, "--run", "book")

    assert result.returncode == 127  # bash: command not found
    assert "README's book command failed (exit 127)" in result.stderr
    assert (tmp_path / "ran.txt").read_text() == "started\n"


def test_the_step_runs_its_line_with_bash_in_the_readmes_folder(tmp_path):
    readme = write_readme(
        tmp_path,
        book="echo book > ran.txt",
        tests='[[ -f README.md ]] && echo "tests in ${PWD##*/}" > ran.txt',
    )

    result = ci_step(readme, "--run", "tests")

    assert result.returncode == 0, result.stderr
    assert (tmp_path / "ran.txt").read_text() == f"tests in {tmp_path.name}\n"
    assert result.stdout.startswith("+ [[ -f README.md ]]")


BLOCK = "```console\npython3 -m build\npython3 -m pytest\n```\n"
SECTION = HEADING + "\n\n"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("# A project\n\n## Build it\n\n" + BLOCK, "no heading"),
        (SECTION + "See below.\n\n## Next\n\n" + BLOCK, "no ```console block"),
        (SECTION + BLOCK.replace("console", "bash"), "no ```console block"),
        (SECTION + BLOCK.removesuffix("```\n"), "not closed"),
        (SECTION + "```console\npython3 -m build\n```\n", "must hold 2 commands"),
        (SECTION + BLOCK.replace("-m pytest", "-m pytest\nmore"), "must hold 2 commands"),
        (SECTION + BLOCK.replace("python3 -m build", "$ python3 -m build"), "prompt"),
        (SECTION + BLOCK.replace("-m build", "-m build  # build it"), "# comment"),
        (SECTION + BLOCK.replace("-m build", "-m build \\"), "one line"),
        (SECTION + BLOCK.replace("-m build", '-m build "'), "does not parse"),
    ],
    ids=[
        "no heading",
        "block in the next section",
        "not a console block",
        "unclosed block",
        "one command",
        "three commands",
        "prompt",
        "comment",
        "continuation",
        "open quote",
    ],
)
def test_a_readme_that_breaks_the_rule_fails_the_step(tmp_path, text, error):
    with pytest.raises(readme_commands.ReadmeError, match=error.replace("$", r"\$")):
        readme_commands.extract(text)

    readme = tmp_path / "README.md"
    readme.write_text(text, encoding="utf-8")
    result = ci_step(readme, "--run", "tests")
    assert result.returncode == 2
    assert error in result.stderr


def test_a_missing_readme_fails_the_step(tmp_path):
    result = ci_step(tmp_path / "README.md", "--run", "book")
    assert result.returncode == 2
    assert "README.md" in result.stderr
