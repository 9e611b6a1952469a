"""The records of passed test runs, and what the book's box says of them."""

from __future__ import annotations

import json
import platform
import subprocess
import sys

import pytest

from annbook.book import code_fingerprint
from annbook_book.publishing import tested


def test_a_record_holds_this_python_the_requirements_versions_and_the_code(tmp_path):
    path = tested.record("lowest", tmp_path)
    run = json.loads(path.read_text())
    assert path.name == f"{sys.version_info.major}.{sys.version_info.minor}-lowest.json"
    assert run["python"] == platform.python_version()
    assert set(run["versions"]) == {"tensorflow", "keras", "numpy", "matplotlib"}
    assert run["annbook"] == code_fingerprint()
    assert tested.passed(tmp_path) == [run]


def test_only_the_runs_of_the_code_published_are_named(tmp_path):
    tested.record("newest", tmp_path)
    assert tested.passed(tmp_path, fingerprint="0" * 64) == []
    assert tested.describe([]) == ("have no run recorded for this code (`nox -s tests-matrix`)")


def test_runs_are_named_by_python_then_newest_before_oldest(tmp_path):
    for python, resolution in [("3.13.0", "newest"), ("3.11.2", "lowest"), ("3.11.2", "newest")]:
        run = {"python": python, "resolution": resolution, "versions": {}, "annbook": "f"}
        (tmp_path / f"{python}-{resolution}.json").write_text(json.dumps(run))
    runs = tested.passed(tmp_path, fingerprint="f")
    assert tested.describe(runs) == (
        "passed on Python 3.11.2 (newest releases, oldest releases), 3.13.0 (newest releases)"
    )
    korean = tested.describe(runs, "ko")
    assert korean.startswith("Python 3.11.2 (최신 릴리스, ")
    assert korean.endswith("3.13.0 (최신 릴리스)에서 통과")


@pytest.mark.parametrize("resolution", ["highest", "lowest-direct", "", None, 1])
def test_a_resolution_not_of_the_matrix_is_refused_by_name(tmp_path, resolution):
    with pytest.raises(ValueError, match=f"resolution=.*{resolution!r}"):
        tested.record(resolution, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_command_refuses_an_unknown_resolution():
    command = [sys.executable, "-m", "annbook_book", "tested", "highest"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert "invalid choice: 'highest'" in result.stderr
