"""The docs session fails on a warning that Sphinx does not see, and passes output on."""

import sys

import pytest

from annbook_book import no_warnings


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_clean_output_passes_and_is_shown(capsys):
    assert no_warnings.main(python("print('build succeeded')")) == 0
    assert capsys.readouterr().out == "build succeeded\n"


@pytest.mark.parametrize(
    "line",
    [
        "[IPKernelApp] WARNING | Kernel is running over TCP without encryption.",
        "docs/ann.md:3: WARNING: undefined label",
    ],
)
def test_a_warning_on_either_stream_fails(capsys, line):
    code = f"import sys; print('ok'); print({line!r}, file=sys.stderr)"
    assert no_warnings.main(python(code)) == 1
    captured = capsys.readouterr()
    assert line in captured.out  # shown where it came
    assert line in captured.err  # and repeated at the end


def test_a_failing_command_keeps_its_status():
    assert no_warnings.main(python("raise SystemExit(3)")) == 3


def test_the_word_must_stand_alone():
    assert no_warnings.main(python("print('NOWARNINGS here, warnings: 0')")) == 0
