"""``python -m annbook_book``: every command answers ``--help`` and does nothing else."""

import importlib
import subprocess

import pytest

from annbook_book.__main__ import COMMANDS, main


def test_without_a_command_it_lists_the_commands(capsys):
    assert main([]) == 0
    listed = capsys.readouterr().out
    assert all(f"  {name} " in listed for name in COMMANDS)


def test_an_unknown_command_is_named(capsys):
    assert main(["bulid"]) == 2
    assert "no command 'bulid'" in capsys.readouterr().err


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - {"serve"}))
def test_every_command_answers_help_and_does_nothing_else(command, capsys, monkeypatch):
    # A command that ignored its arguments would start its work here (repro:
    # two cold builds, each a new process); make that fail at once instead.
    def started(*args, **_):
        msg = f"{command} --help started a process: {args[:1]}"
        raise AssertionError(msg)

    monkeypatch.setattr(subprocess, "run", started)
    monkeypatch.setattr(subprocess, "Popen", started)
    importlib.import_module(COMMANDS[command][0])
    with pytest.raises(SystemExit) as exit_:
        main([command, "--help"])
    assert exit_.value.code == 0
    assert f"python -m annbook_book {command}" in capsys.readouterr().out


def test_serve_answers_help_with_sphinx_autobuilds_and_starts_nothing_else(capsys, monkeypatch):
    started = []
    monkeypatch.setattr(
        subprocess,
        "run",
        lambda command, **_: started.append(command) or subprocess.CompletedProcess(command, 0),
    )
    assert main(["serve", "--help"]) == 0
    assert started == [["sphinx-autobuild", "--help"]]
    assert "sphinx-autobuild's" in capsys.readouterr().out
