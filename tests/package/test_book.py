"""annbook.book: glue outside and inside the book's build, and the package check."""

from __future__ import annotations

import shutil
import warnings

import pytest

import annbook
from annbook.book import (
    BUILD_VARIABLE,
    PackageMismatchWarning,
    check_package,
    code_fingerprint,
    glue,
)


def test_glue_outside_the_book_shows_only_what_the_book_shows(capsys, monkeypatch):
    monkeypatch.delenv(BUILD_VARIABLE, raising=False)
    glue("hidden", 0.25, display=False)
    glue("shown", 0.5)
    assert capsys.readouterr().out == "0.5\n"


def test_glue_in_the_book_is_myst_nbs(monkeypatch):
    import myst_nb  # noqa: PLC0415  (the book's build has it; a reader need not)

    calls = []
    monkeypatch.setattr(myst_nb, "glue", lambda *args: calls.append(args))
    monkeypatch.setenv(BUILD_VARIABLE, "1")
    glue("hidden", 0.25, display=False)
    glue("shown", 0.5)
    assert calls == [("hidden", 0.25, False), ("shown", 0.5, True)]


@pytest.mark.parametrize(
    ("args", "error", "match"),
    [
        (("", 1), ValueError, "name=''"),
        ((None, 1), ValueError, "name=None"),
        ((3, 1), ValueError, "name=3"),
        (("x", 1, "no"), TypeError, "display='no'"),
        (("x", 1, 0), TypeError, "display=0"),
    ],
)
def test_glue_rejects_bad_arguments(args, error, match):
    with pytest.raises(error, match=match):
        glue(*args)


def test_the_fingerprint_follows_the_files_not_their_place(tmp_path):
    copy = tmp_path / "annbook"
    shutil.copytree(
        annbook.book.__file__.rpartition("/")[0], copy, ignore=shutil.ignore_patterns("*.pyc")
    )
    (copy / "__pycache__").mkdir(exist_ok=True)
    (copy / "__pycache__" / "stale.cpython-311.pyc").write_bytes(b"compiled")
    assert code_fingerprint(copy) == code_fingerprint()
    (copy / "datasets.py").write_text((copy / "datasets.py").read_text() + "\n# edited\n")
    assert code_fingerprint(copy) != code_fingerprint()


@pytest.mark.parametrize(
    ("package", "error"),
    [("", ValueError), ("missing-folder", ValueError), (".", ValueError), (7, TypeError)],
)
def test_the_fingerprint_rejects_what_is_not_a_package(package, error, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(error, match="package="):
        code_fingerprint(package)


def test_the_check_is_silent_for_the_package_the_notebook_ran():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_package(version=annbook.__version__, fingerprint=code_fingerprint())


@pytest.mark.parametrize(
    ("version", "fingerprint"),
    [("0.0.1", None), (None, "0" * 64), ("0.0.1", "0" * 64)],
    ids=["other version", "other code", "both"],
)
def test_the_check_warns_in_plain_words_for_another_package(version, fingerprint):
    install = 'pip install "https://example.org/book/dist/annbook-0.1.0-py3-none-any.whl"'
    with pytest.warns(PackageMismatchWarning) as caught:
        check_package(
            version=version or annbook.__version__,
            fingerprint=fingerprint or code_fingerprint(),
            install=install,
        )
    message = str(caught[0].message)
    assert message.startswith(f"This notebook was executed with annbook {version or ''}")
    assert f"the annbook installed here is {annbook.__version__}" in message
    assert message.endswith(f"Install it with:\n\n    {install}\n")


@pytest.mark.parametrize("name", ["version", "fingerprint", "install"])
def test_the_check_rejects_arguments_that_are_not_strings(name):
    arguments = {"version": "0.1.0", "fingerprint": "0" * 64, "install": "", name: 1}
    with pytest.raises(TypeError, match=f"{name}=1"):
        check_package(**arguments)


@pytest.mark.parametrize(
    ("arguments", "match"),
    [
        ({"version": ""}, r"version=''"),
        ({"version": "  "}, r"version='  '"),
        ({"fingerprint": ""}, r"fingerprint=''"),
        ({"fingerprint": "f426c67d8de8"}, r"fingerprint='f426c67d8de8'"),
        ({"fingerprint": "G" * 64}, r"fingerprint='GGGG"),
    ],
)
def test_the_check_rejects_a_version_or_fingerprint_that_names_nothing(arguments, match):
    with pytest.raises(ValueError, match=match):
        check_package(**{"version": "0.1.0", "fingerprint": "0" * 64, **arguments})
