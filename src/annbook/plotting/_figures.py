"""New figures sized for what they will hold, for the plotting modules."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import check_axes, check_figure


def axes_or_new(ax: object, *, size: tuple[float, float], **settings: object) -> Axes:
    """Check ``ax`` as :func:`check_axes` does; a new one's figure gets ``size`` and ``settings``.

    ``size`` is the new figure's (width, height) in inches and ``settings``
    are Figure properties such as ``layout_engine="constrained"``; a given
    Axes keeps its figure as it is.
    """
    new = ax is None
    ax = check_axes("ax", ax)
    if new:
        ax.figure.set(size_inches=size, **settings)
    return ax


def figure_or_new(fig: object, *, size: tuple[float, float]) -> Figure:
    """Check ``fig`` as :func:`check_figure` does; a new one is ``size`` inches (width, height)."""
    new = fig is None
    fig = check_figure("fig", fig)
    if new:
        fig.set_size_inches(size)
    return fig
