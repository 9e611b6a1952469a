"""What the book says about installing annbook, with and without the settings of a hosted book."""

from __future__ import annotations

import shutil
import subprocess
import time

from annbook.book import code_fingerprint
from annbook_book.layout import ROOT
from annbook_book.publishing.package import (
    Published,
    build_package,
    git_commit,
    setup_cells,
    wheel_fingerprint,
)

WHEEL = "annbook-0.1.0-py3-none-any.whl"


def test_a_book_read_from_files_links_its_wheel_and_installs_the_download():
    text = Published("0.1.0", "f" * 64, WHEEL).markdown()
    assert f'<a href="dist/{WHEEL}">' in text
    assert f"`pip install {WHEEL}` in its folder" in text
    assert "https://" not in text
    assert "git+" not in text


def test_a_hosted_book_gives_the_commands_that_install_its_wheel_and_its_commit():
    published = Published(
        "0.1.0", "f" * 64, WHEEL, "https://o.github.io/annbook", "https://github.com/o/a", "c" * 40
    )
    text = published.markdown()
    assert f'`pip install "https://o.github.io/annbook/dist/{WHEEL}"`' in text
    assert f'`pip install "git+https://github.com/o/a@{"c" * 40}"`' in text


def test_the_korean_edition_says_it_in_korean_with_the_same_commands_and_link():
    published = Published("0.1.0", "f" * 64, WHEEL, "https://o.github.io/annbook")
    english, korean = published.markdown(), published.markdown("ko")
    assert "Install annbook" in english
    assert "Install" not in korean
    assert "설치한다" in korean
    for command in published.install_commands():
        assert f"`{command}`" in english
        assert f"`{command}`" in korean
    assert f'<a href="dist/{WHEEL}">' in korean


def test_a_korean_download_says_in_korean_how_to_install_the_package():
    published = Published("0.1.0", "f" * 64, WHEEL, "https://o.github.io/annbook")
    (english, english_code), (korean, korean_code) = (
        setup_cells(published),
        setup_cells(published, "ko"),
    )
    assert "Run this notebook yourself" in english["source"]
    assert "Run this" not in korean["source"]
    assert "직접 실행" in korean["source"]
    assert f"`{published.install_commands()[0]}`" in korean["source"]
    assert korean_code["source"] == english_code["source"]  # the code is the same


def test_nothing_is_said_without_a_published_wheel():
    assert Published("0.1.0", "f" * 64, base_url="https://o.github.io/annbook").markdown() == ""


def test_the_commit_is_offered_only_when_the_package_is_as_committed(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "code.py").write_text("x = 1\n")
    git("add", "-A")
    git("-c", "user.name=a", "-c", "user.email=a@b", "commit", "-qm", "code")
    commit = git_commit(tmp_path)
    assert len(commit) == 40
    (tmp_path / "notes.md").write_text("prose\n")  # not the package: still that commit
    assert git_commit(tmp_path) == commit
    (tmp_path / "src" / "code.py").write_text("x = 2\n")
    assert git_commit(tmp_path) == ""
    assert git_commit(tmp_path / "src" / "not-a-repository") == ""


def test_the_wheel_is_built_again_only_when_the_package_or_its_metadata_changed(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(
        ROOT,
        root,
        ignore=shutil.ignore_patterns(".git", ".nox", "_build", "__pycache__", "dist", ".venv"),
    )
    package, out = root / "src" / "annbook", tmp_path / "dist"

    def built() -> tuple[str, int]:
        name = build_package(root, out, package)
        (wheel,) = out.glob("annbook-*.whl")
        assert wheel.name == name
        return name, wheel.stat().st_mtime_ns

    first = built()
    assert built() == first  # nothing changed: the wheel is kept

    time.sleep(0.01)
    (root / "pyproject.toml").touch()
    after_metadata = built()
    assert after_metadata[1] > first[1]

    (package / "book.py").write_text((package / "book.py").read_text() + "\n# edited\n")
    after_code = built()
    assert after_code[1] > after_metadata[1]
    assert wheel_fingerprint(out / after_code[0]) == code_fingerprint(package)
