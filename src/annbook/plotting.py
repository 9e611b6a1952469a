"""Figures the chapters draw: training curves and grids of images.

Every function draws on the Matplotlib Axes or Figure it is given (or makes
one) and returns what it drew, so a chapter can add titles or save it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import check_int

__all__ = ["plot_digits", "plot_history"]


def _history_dict(history: object) -> Mapping[str, Sequence[float]]:
    # A keras.callbacks.History keeps its per-epoch logs in `.history`.
    logs = getattr(history, "history", history)
    if not isinstance(logs, Mapping):
        msg = (
            "`history` must be a keras History or a dict of per-epoch values. "
            f"Received: history={history!r}"
        )
        raise TypeError(msg)
    return logs


def plot_history(history: object, *, metric: str = "loss", ax: Axes | None = None) -> Axes:
    """Plot one metric per epoch, on the training and the validation data.

    Parameters
    ----------
    history : keras.callbacks.History or dict
        What ``model.fit`` returned, or its ``.history`` dict.
    metric : str, default="loss"
        The metric to draw, such as ``"loss"`` or ``"accuracy"``. Its
        validation twin ``"val_" + metric`` is drawn too when present.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``history`` is neither a History nor a dict, or ``metric`` is not a str.
    ValueError
        If ``metric`` is not in ``history``.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST".

    Examples
    --------
    >>> from annbook.plotting import plot_history
    >>> history = {"loss": [0.9, 0.5, 0.4], "val_loss": [0.7, 0.6, 0.55]}
    >>> ax = plot_history(history)
    >>> [line.get_label() for line in ax.get_lines()]
    ['training', 'validation']
    """
    logs = _history_dict(history)
    if not isinstance(metric, str):
        msg = f"`metric` must be a str. Received: metric={metric!r}"
        raise TypeError(msg)
    if metric not in logs:
        msg = f"`metric` must be one of {sorted(logs)}. Received: metric={metric!r}"
        raise ValueError(msg)
    if ax is None:
        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    epochs = np.arange(1, len(logs[metric]) + 1)
    ax.plot(epochs, logs[metric], "o-", label="training")
    if f"val_{metric}" in logs:
        ax.plot(epochs, logs[f"val_{metric}"], "s--", label="validation")
    ax.set_xlabel("epoch")
    ax.set_ylabel(metric)
    ax.set_xticks(epochs)
    ax.legend()
    return ax


def plot_digits(
    images: np.ndarray,
    *,
    labels: Sequence[int] | np.ndarray | None = None,
    predictions: Sequence[int] | np.ndarray | None = None,
    ncols: int = 10,
    fig: Figure | None = None,
) -> Figure:
    """Draw a grid of grey-scale images, each titled with its label.

    Parameters
    ----------
    images : numpy.ndarray
        Images of shape (n, height, width) or (n, height, width, 1).
    labels : sequence of int, default=None
        The true label of each image, shown above it.
    predictions : sequence of int, default=None
        A predicted label of each image; shown beside the true label, and in
        red where it differs from it.
    ncols : int, default=10
        Images per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per image.

    Raises
    ------
    TypeError
        If ``images`` is not an array or ``ncols`` not an int.
    ValueError
        If the shapes do not match or ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_digits
    >>> fig = plot_digits(np.zeros((12, 28, 28)), labels=range(12), ncols=6)
    >>> len(fig.axes), fig.axes[7].get_title()
    (12, '7')
    """
    if not isinstance(images, np.ndarray):
        msg = f"`images` must be a numpy array. Received: images={type(images).__name__}"
        raise TypeError(msg)
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or len(images) == 0:
        msg = (
            "`images` must have shape (n, height, width) or (n, height, width, 1) "
            f"with n >= 1. Received: images.shape={images.shape}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    n = len(images)
    for name, values in (("labels", labels), ("predictions", predictions)):
        if values is not None and len(values) != n:
            msg = (
                f"`{name}` must have one entry per image ({n}). Received: len({name})={len(values)}"
            )
            raise ValueError(msg)
    if fig is None:
        nrows = -(-n // ncols)
        fig = plt.figure(figsize=(1.1 * min(n, ncols), 1.3 * nrows))
    elif not isinstance(fig, Figure):
        msg = f"`fig` must be a matplotlib Figure or None. Received: fig={fig!r}"
        raise TypeError(msg)
    nrows = -(-n // ncols)
    for i, image in enumerate(images):
        ax = fig.add_subplot(nrows, min(n, ncols), i + 1)
        ax.imshow(image, cmap="gray_r")
        ax.set_xticks([])
        ax.set_yticks([])
        title, color = "", "black"
        if labels is not None:
            title = f"{labels[i]}"
        if predictions is not None:
            wrong = labels is not None and predictions[i] != labels[i]
            title = f"{title}→{predictions[i]}" if labels is not None else f"{predictions[i]}"
            color = "tab:red" if wrong else "black"
        ax.set_title(title, color=color, fontsize=9)
    return fig
