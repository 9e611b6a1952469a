"""Shared test set-up.

- Draw off-screen and close every figure a test opens.
- Run the slow tests first, so that pytest-xdist's workers share them out
  while the quick tests fill the gaps, instead of one worker meeting a
  slow test near the end.
"""

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest


def pytest_collection_modifyitems(items):
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")
