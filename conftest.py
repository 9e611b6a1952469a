"""Shared test set-up, for the tests and the docstring examples of every package.

- Draw off-screen and close every figure a test opens.
- Let Ctrl-C reach the processes the tests start, as from a terminal, also
  when the suite itself runs with SIGINT ignored (a job started in the
  background by a non-interactive shell, as some CI runners do: the ignored
  signal would be inherited by every child, and the tests of what Ctrl-C
  does to a build or the benchmark would test nothing).
- Run the costly tests first (marked ``build`` or ``train``), so that
  pytest-xdist's workers share them out while the quick tests fill the gaps,
  instead of one worker meeting a costly test near the end.
"""

import signal

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest

#: The markers that say what a test costs (declared in pyproject.toml).
COSTLY = ("build", "train")


def pytest_configure(config):  # noqa: ARG001
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        # A Python handler, unlike SIG_IGN, is not inherited through exec.
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: not any(item.get_closest_marker(name) for name in COSTLY))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
