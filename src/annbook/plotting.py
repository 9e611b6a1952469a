"""Figures the chapters draw: training curves, grids of images, confusion matrices.

Every function draws on the Matplotlib Axes or Figure it is given (or makes
one) and returns what it drew, so a chapter can add titles or save it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch, Patch

from annbook._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_positive_float,
    check_real,
)
from annbook.scratch.dense import ACTIVATIONS, activation, activation_derivative

__all__ = ["plot_digits", "plot_history"]
__all__ += ["plot_lstm_cell", "plot_unrolled_rnn"]
__all__ += ["plot_confusion_matrix", "plot_feature_maps", "plot_filters"]
__all__ += ["plot_activations", "plot_decision_boundary", "plot_gradient_norms"]
__all__ += ["plot_architecture"]


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
    images = check_array("images", images)
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


def _box(ax: Axes, x: float, y: float, text: str, *, color: str, width: float = 0.8) -> None:
    ax.add_patch(
        plt.Rectangle(
            (x - width / 2, y - 0.3), width, 0.6, facecolor=color, edgecolor="black", zorder=2
        )
    )
    ax.text(x, y, text, ha="center", va="center", fontsize=11, zorder=3)


def _arrow(ax: Axes, start: tuple[float, float], end: tuple[float, float], **style: object) -> None:
    ax.annotate(
        "", xy=end, xytext=start, arrowprops={"arrowstyle": "->", "lw": 1.4, **style}, zorder=1
    )


def plot_unrolled_rnn(*, steps: int = 4, ax: Axes | None = None) -> Axes:
    """Draw a recurrent layer unrolled through time.

    One column per time step: the input ``x_t`` feeds the hidden state
    ``h_t``, which feeds the output ``y_t`` and, through the same recurrent
    weights ``U``, the next step's hidden state. On the left, the same layer
    drawn with its cycle.

    Parameters
    ----------
    steps : int, default=4
        How many time steps to draw (1 to 8).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``steps`` is not an int or ``ax`` not an Axes.
    ValueError
        If ``steps`` is not between 1 and 8.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_unrolled_rnn
    >>> ax = plot_unrolled_rnn(steps=3)
    >>> [t.get_text() for t in ax.texts][:3]
    ['$x$', '$h$', '$y$']
    """
    steps = check_int("steps", steps)
    if steps > 8:
        msg = f"`steps` must be between 1 and 8. Received: steps={steps}"
        raise ValueError(msg)
    if ax is None:
        _, ax = plt.subplots(figsize=(2.0 + 1.6 * steps, 3.4))
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    colours = {"x": "#cfe2f3", "h": "#fce5cd", "y": "#d9ead3"}
    # The folded layer, with its cycle.
    for row, name in ((0, "x"), (1, "h"), (2, "y")):
        _box(ax, 0, row, f"${name}$", color=colours[name])
    _arrow(ax, (0, 0.3), (0, 0.7))
    _arrow(ax, (0, 1.3), (0, 1.7))
    ax.annotate(
        "", xy=(0.4, 0.9), xytext=(0.4, 1.1),
        arrowprops={"arrowstyle": "->", "lw": 1.4, "connectionstyle": "arc3,rad=-2.5"},
    )  # fmt: skip
    ax.text(0.95, 1.0, "$U$", va="center", fontsize=11)
    ax.text(1.35, 1.0, "=", va="center", ha="center", fontsize=18)
    first = 3.4
    # The same layer, unrolled.
    for t in range(steps):
        x = first + 1.6 * t
        label = f"{t + 1}"
        for row, name in ((0, "x"), (1, "h"), (2, "y")):
            _box(ax, x, row, f"${name}_{label}$", color=colours[name])
        _arrow(ax, (x, 0.3), (x, 0.7))
        _arrow(ax, (x, 1.3), (x, 1.7))
        ax.text(x + 0.08, 0.5, "$W$", fontsize=9)
        _arrow(ax, (x - 1.2, 1.0), (x - 0.4, 1.0), color="tab:red")
        ax.text(x - 0.8, 1.08, "$U$", fontsize=9, color="tab:red", ha="center")
    ax.text(first - 1.25, 1.0, "$h_0$", va="center", ha="right", fontsize=10)
    ax.set_xlim(-0.7, first + 0.7 + 1.6 * (steps - 1))
    ax.set_ylim(-0.5, 2.5)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def plot_lstm_cell(*, ax: Axes | None = None) -> Axes:
    """Draw one LSTM cell: its cell state, hidden state and three gates.

    The cell state ``c`` runs along the top, touched only by a product with
    the forget gate ``f`` and a sum with ``i * c~``; the hidden state ``h``
    and input ``x`` enter at the bottom and feed the four blocks (the gates
    ``f``, ``i``, ``o`` with a sigmoid, the candidate ``c~`` with tanh).

    Parameters
    ----------
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> from annbook.plotting import plot_lstm_cell
    >>> ax = plot_lstm_cell()
    >>> "$c_t$" in [t.get_text() for t in ax.texts]
    True
    """
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.2))
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    ax.add_patch(
        plt.Rectangle((0.5, -0.2), 7.0, 3.9, facecolor="#f3f3f3", edgecolor="grey", zorder=0)
    )
    top, bottom = 3.2, 0.3
    # Cell state line, with x (forget) and + (write).
    _arrow(ax, (-0.3, top), (1.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (2.25, top), (3.75, top), color="tab:red", lw=2.2)
    _arrow(ax, (4.25, top), (8.3, top), color="tab:red", lw=2.2)
    for x, op in ((2.0, "×"), (4.0, "+")):
        ax.add_patch(plt.Circle((x, top), 0.25, facecolor="white", edgecolor="black", zorder=2))
        ax.text(x, top, op, ha="center", va="center", fontsize=13, zorder=3)
    ax.text(-0.35, top + 0.25, "$c_{t-1}$", fontsize=12, color="tab:red")
    ax.text(8.0, top + 0.25, "$c_t$", fontsize=12, color="tab:red")
    # Inputs: h_{t-1} and x_t join along the bottom.
    _arrow(ax, (-0.3, bottom), (6.6, bottom), lw=1.6)
    _arrow(ax, (1.0, -0.8), (1.0, bottom - 0.02), lw=1.6)
    ax.text(-0.35, bottom - 0.4, "$h_{t-1}$", fontsize=12)
    ax.text(1.1, -0.8, "$x_t$", fontsize=12)
    # The four blocks, in the order Keras stores them is i, f, c~, o;
    # here drawn left to right by where they act: f, i, c~, o.
    blocks = [
        (2.0, "$\\sigma$", "$f_t$ forget"),
        (3.2, "$\\sigma$", "$i_t$ input"),
        (4.4, "tanh", "$\\tilde c_t$ candidate"),
        (5.8, "$\\sigma$", "$o_t$ output"),
    ]
    for x, text, name in blocks:
        _box(ax, x, 1.3, text, color="#fff2cc", width=0.7)
        _arrow(ax, (x, bottom), (x, 1.0))
        ax.text(x, 0.72, name, ha="center", fontsize=8, color="dimgrey")
    _arrow(ax, (2.0, 1.6), (2.0, top - 0.25))
    # i * c~ goes up into the +.
    ax.add_patch(plt.Circle((3.8, 2.3), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(3.8, 2.3, "×", ha="center", va="center", fontsize=12, zorder=3)
    _arrow(ax, (3.2, 1.6), (3.62, 2.16))
    _arrow(ax, (4.4, 1.6), (3.98, 2.16))
    _arrow(ax, (3.85, 2.52), (4.0, top - 0.25))
    # h_t = o * tanh(c_t).
    ax.add_patch(plt.Circle((6.8, 2.3), 0.22, facecolor="white", edgecolor="black", zorder=2))
    ax.text(6.8, 2.3, "×", ha="center", va="center", fontsize=12, zorder=3)
    _box(ax, 6.8, top - 0.1, "tanh", color="#fff2cc", width=0.7)
    _arrow(ax, (5.8, 1.6), (6.6, 2.2))
    _arrow(ax, (6.8, top - 0.4), (6.8, 2.52))
    _arrow(ax, (6.8, 2.08), (8.3, bottom + 0.5), lw=1.6)
    ax.text(8.0, bottom + 0.1, "$h_t$", fontsize=12)
    ax.set_xlim(-0.8, 8.8)
    ax.set_ylim(-1.0, 3.9)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _check_fig(fig: object) -> None:
    if fig is not None and not isinstance(fig, Figure):
        msg = f"`fig` must be a matplotlib Figure or None. Received: fig={fig!r}"
        raise TypeError(msg)


def _image_grid(
    images: np.ndarray, *, titles: Sequence[str] | None, ncols: int, fig: Figure | None, size: float
) -> Figure:
    """Draw 2-D arrays in a grid, zero white, positive red, negative blue."""
    n = len(images)
    ncols = min(n, ncols)
    nrows = -(-n // ncols)
    if fig is None:
        fig = plt.figure(figsize=(size * ncols, (size + (0.25 if titles else 0)) * nrows))
    for i, image in enumerate(images):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        limit = float(np.abs(image).max()) or 1.0
        ax.imshow(image, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    return fig


def plot_filters(
    kernel: np.ndarray, *, in_channel: int = 0, ncols: int = 8, fig: Figure | None = None
) -> Figure:
    """Draw the filters of a ``Conv2D`` layer, one small image each.

    Each filter is drawn on its own colour scale centred on zero: white is
    a weight of 0, red positive and blue negative weights, the strongest
    weight of the filter at full colour.

    Parameters
    ----------
    kernel : numpy.ndarray
        The layer's kernel, of shape (kernel_height, kernel_width,
        in_channels, out_channels), as ``layer.get_weights()[0]`` returns it.
    in_channel : int, default=0
        Which input channel of each filter to draw.
    ncols : int, default=8
        Filters per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per filter.

    Raises
    ------
    TypeError
        If ``kernel`` is not an array or an int argument is not an int.
    ValueError
        If ``kernel`` is not 4-D or ``in_channel`` is not one of its input
        channels.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_filters
    >>> fig = plot_filters(np.ones((3, 3, 1, 32)))
    >>> len(fig.axes), fig.axes[0].images[0].get_array().shape
    (32, (3, 3))
    """
    kernel = check_array("kernel", kernel)
    if kernel.ndim != 4 or 0 in kernel.shape:
        msg = (
            "`kernel` must have shape (kernel_height, kernel_width, in_channels, "
            f"out_channels). Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    in_channel = check_int("in_channel", in_channel, minimum=0)
    if in_channel >= kernel.shape[2]:
        msg = (
            f"`in_channel` must be below the kernel's {kernel.shape[2]} input channels. "
            f"Received: in_channel={in_channel}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    _check_fig(fig)
    filters = np.moveaxis(kernel[:, :, in_channel, :], -1, 0)
    return _image_grid(filters, titles=None, ncols=ncols, fig=fig, size=0.8)


def plot_feature_maps(
    maps: np.ndarray,
    *,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    fig: Figure | None = None,
) -> Figure:
    """Draw the channels of one image or activation, one small image each.

    Each channel is drawn on its own colour scale centred on zero: white is
    0, red positive and blue negative values, the largest magnitude of the
    channel at full colour. After a ReLU every value is 0 or positive, so
    the maps show white and red only.

    Parameters
    ----------
    maps : numpy.ndarray
        Shape (height, width, channels), or (1, height, width, channels) as
        a model returns it for a batch of one.
    titles : sequence of str, default=None
        A title for each channel.
    ncols : int, default=8
        Maps per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per channel.

    Raises
    ------
    TypeError
        If ``maps`` is not an array or ``ncols`` not an int.
    ValueError
        If the shapes do not match or ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_feature_maps
    >>> fig = plot_feature_maps(np.zeros((1, 26, 26, 4)), titles=list("abcd"), ncols=2)
    >>> len(fig.axes), fig.axes[3].get_title()
    (4, 'd')
    """
    maps = check_array("maps", maps)
    if maps.ndim == 4 and maps.shape[0] == 1:
        maps = maps[0]
    if maps.ndim != 3 or 0 in maps.shape:
        msg = (
            "`maps` must have shape (height, width, channels) or "
            f"(1, height, width, channels). Received: maps.shape={maps.shape}"
        )
        raise ValueError(msg)
    if titles is not None and len(titles) != maps.shape[-1]:
        msg = (
            f"`titles` must have one entry per map ({maps.shape[-1]}). "
            f"Received: len(titles)={len(titles)}"
        )
        raise ValueError(msg)
    ncols = check_int("ncols", ncols)
    _check_fig(fig)
    return _image_grid(np.moveaxis(maps, -1, 0), titles=titles, ncols=ncols, fig=fig, size=1.1)


def plot_confusion_matrix(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    class_names: Sequence[str] | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the confusion matrix of a classifier, with the count in each cell.

    Row ``i``, column ``j`` counts the examples of true class ``i`` that
    were predicted as class ``j``: the diagonal holds the correct answers,
    everything else a mistake.

    Parameters
    ----------
    y_true : sequence of int
        True labels, integers from 0 to ``n_classes - 1``.
    y_pred : sequence of int
        Predicted labels, one per true label.
    class_names : sequence of str, default=None
        Names of the classes, in label order; the labels 0, 1, ... if None.
        Their number sets the number of classes; otherwise the largest
        label does.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; ``ax.images[0].get_array()`` is the matrix.

    Raises
    ------
    TypeError
        If ``ax`` is not an Axes.
    ValueError
        If the labels are not non-negative integers, their lengths differ,
        or a label has no name in ``class_names``.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_confusion_matrix
    >>> ax = plot_confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0])
    >>> ax.images[0].get_array().tolist()
    [[1, 1, 0], [0, 1, 0], [1, 0, 1]]
    """
    labels = []
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        array = np.asarray(values)
        if array.ndim != 1 or len(array) == 0 or not np.issubdtype(array.dtype, np.integer):
            msg = (
                f"`{name}` must be a non-empty 1-D sequence of integer labels. "
                f"Received: {name}.shape={array.shape}, {name}.dtype={array.dtype}"
            )
            raise ValueError(msg)
        if array.min() < 0:
            msg = f"`{name}` must hold labels >= 0. Received: min({name})={array.min()}"
            raise ValueError(msg)
        labels.append(array)
    y_true, y_pred = labels
    if len(y_true) != len(y_pred):
        msg = (
            "`y_true` and `y_pred` must have the same length. "
            f"Received: len(y_true)={len(y_true)}, len(y_pred)={len(y_pred)}"
        )
        raise ValueError(msg)
    n_classes = int(max(y_true.max(), y_pred.max())) + 1
    if class_names is not None:
        if len(class_names) < n_classes:
            msg = (
                f"`class_names` must name all {n_classes} classes in the labels. "
                f"Received: class_names={list(class_names)!r}"
            )
            raise ValueError(msg)
        n_classes = len(class_names)
    if ax is None:
        side = 0.5 * n_classes
        _, ax = plt.subplots(figsize=(side + 2, side + 1.6), layout="constrained")
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)

    matrix = np.bincount(n_classes * y_true + y_pred, minlength=n_classes**2)
    matrix = matrix.reshape(n_classes, n_classes)
    names = [str(c) for c in range(n_classes)] if class_names is None else list(class_names)
    ax.imshow(matrix, cmap="Blues")
    threshold = matrix.max() / 2
    for (i, j), count in np.ndenumerate(matrix):
        colour = "white" if count > threshold else ("black" if count else "0.45")
        ax.text(j, i, f"{count}", ha="center", va="center", color=colour, fontsize=8)
    ticks = np.arange(n_classes)
    ax.set_xticks(ticks, names)
    ax.set_yticks(ticks, names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    return ax


def _check_ax(ax: object) -> Axes:
    if ax is None:
        _, ax = plt.subplots()
    elif not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)
    return ax


def plot_decision_boundary(
    predict: Callable[[np.ndarray], np.ndarray],
    x: np.ndarray,
    y: np.ndarray,
    *,
    threshold: float = 0.5,
    resolution: int = 200,
    ax: Axes | None = None,
) -> Axes:
    """Shade where a 2-D binary classifier says 1, and draw the labelled points.

    ``predict`` is called once on a ``resolution`` × ``resolution`` grid
    covering the points (with a margin); grid points whose score is at least
    ``threshold`` are shaded as class 1, and the boundary between the two
    regions is drawn as a line.

    Parameters
    ----------
    predict : callable
        Maps an array of shape (m, 2) to m scores (shape (m,) or (m, 1)):
        probabilities, or labels 0/1.
    x : numpy.ndarray
        Points of shape (n, 2).
    y : numpy.ndarray
        Their labels 0 or 1, shape (n,).
    threshold : float, default=0.5
        Scores at or above it count as class 1.
    resolution : int, default=200
        Grid points per axis (at least 2).
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, ``x`` holds NaN or infinity, ``threshold``
        is not finite, or ``predict`` returns the wrong number of scores.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_decision_boundary
    >>> x, y = np.array([[0.0, 0.0], [1.0, 1.0]]), np.array([0, 1])
    >>> ax = plot_decision_boundary(lambda g: g.sum(axis=1) >= 1, x, y, resolution=50)
    >>> len(ax.collections) >= 3  # shading, boundary line, points
    True
    """
    if not callable(predict):
        msg = f"`predict` must be callable. Received: predict={predict!r}"
        raise TypeError(msg)
    x, y = check_array("x", x, dtype="number"), check_array("y", y)
    if x.ndim != 2 or x.shape[1] != 2 or len(x) == 0 or y.shape != (len(x),):
        msg = (
            "`x` must have shape (n, 2) with n >= 1 and `y` shape (n,). "
            f"Received: x.shape={x.shape}, y.shape={y.shape}"
        )
        raise ValueError(msg)
    x = check_array("x", x, finite=True)
    threshold = check_real("threshold", threshold)
    resolution = check_int("resolution", resolution, minimum=2)
    ax = _check_ax(ax)

    low, high = x.min(axis=0), x.max(axis=0)
    pad = 0.15 * np.maximum(high - low, 1e-9)
    g1, g2 = np.meshgrid(
        np.linspace(low[0] - pad[0], high[0] + pad[0], resolution),
        np.linspace(low[1] - pad[1], high[1] + pad[1], resolution),
    )
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    scores = np.asarray(predict(grid), dtype=float).reshape(-1)
    if scores.size != len(grid):
        msg = (
            f"`predict` must return one score per grid point ({len(grid)}). "
            f"Received: predict(grid).size={scores.size}"
        )
        raise ValueError(msg)
    region = (scores >= threshold).reshape(g1.shape).astype(float)
    ax.contourf(g1, g2, region, levels=[-0.5, 0.5, 1.5], colors=["#c6dbef", "#fdd0a2"])
    if 0 < region.mean() < 1:
        ax.contour(g1, g2, region, levels=[0.5], colors="black", linewidths=1.2)
    for label, color, marker in ((0, "tab:blue", "o"), (1, "tab:orange", "^")):
        mask = y == label
        ax.scatter(*x[mask].T, c=color, marker=marker, edgecolors="black", linewidths=0.4,
                   s=22, label=f"class {label}")  # fmt: skip
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    return ax


def plot_activations(
    *,
    names: Sequence[str] = ACTIVATIONS,
    derivative: bool = False,
    limit: float = 4.0,
    ax: Axes | None = None,
) -> Axes:
    """Plot activation functions, or their derivatives, on one Axes.

    Parameters
    ----------
    names : sequence of str, default=("step", "sigmoid", "tanh", "relu")
        Which functions to draw (names of :func:`annbook.scratch.dense.activation`).
    derivative : bool, default=False
        Draw the derivatives instead of the functions.
    limit : float, default=4.0
        Draw over :math:`z \\in [-\\text{limit}, \\text{limit}]`.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, one labelled line per function.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If a name is unknown, ``names`` is empty or ``limit`` is not positive.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.plotting import plot_activations
    >>> ax = plot_activations(names=["sigmoid", "relu"], derivative=True)
    >>> [text.get_text() for text in ax.get_legend().get_texts()]
    ["sigmoid'", "relu'"]
    """
    if isinstance(names, str) or not isinstance(names, Sequence):
        msg = f"`names` must be a sequence of activation names. Received: names={names!r}"
        raise TypeError(msg)
    if len(names) == 0:
        msg = f"`names` must name at least one activation. Received: names={names!r}"
        raise ValueError(msg)
    for i, name in enumerate(names):
        check_choice(f"names[{i}]", name, ACTIVATIONS)
    derivative = check_bool("derivative", derivative)
    limit = check_positive_float("limit", limit)
    ax = _check_ax(ax)
    function = activation_derivative if derivative else activation
    z = np.linspace(-limit, limit, 801)
    jumps = {"step", "relu"} if derivative else {"step"}
    for name in names:
        values = function(name, z)
        if name in jumps:  # no vertical line at the jump
            values = np.where(np.isclose(z, 0, atol=limit / 800), np.nan, values)
        ax.plot(
            z,
            values,
            "--" if name == "step" else "-",  # dashed, to show where it overlaps ReLU
            label=f"{name}'" if derivative else name,
            linewidth=2,
        )
    ax.axhline(0, color="grey", linewidth=0.6)
    ax.axvline(0, color="grey", linewidth=0.6)
    ax.set_xlabel("$z$")
    ax.set_ylabel(r"$\varphi'(z)$" if derivative else r"$\varphi(z)$")
    ax.legend()
    return ax


def plot_gradient_norms(
    norms: Mapping[str, Sequence[float] | Mapping[str, float]], *, ax: Axes | None = None
) -> Axes:
    """Plot the gradient norm of each layer against its depth, one line per network.

    Parameters
    ----------
    norms : dict
        For each network's label, its gradient norms by layer, input side
        first: a sequence of floats, or a dict of layer name to norm such as
        :func:`annbook.training.layer_gradient_norms` returns.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on, with a logarithmic y axis.

    Raises
    ------
    TypeError
        If ``norms`` is not a dict.
    ValueError
        If it is empty, or a norm is not a positive finite number (a log
        axis cannot show it).

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> from annbook.plotting import plot_gradient_norms
    >>> ax = plot_gradient_norms({"sigmoid": [1e-4, 1e-3, 1e-2], "relu": [0.1, 0.1, 0.2]})
    >>> [line.get_label() for line in ax.get_lines()], ax.get_yscale()
    (['sigmoid', 'relu'], 'log')
    """
    if not isinstance(norms, Mapping):
        msg = f"`norms` must be a dict of label to norms by layer. Received: norms={norms!r}"
        raise TypeError(msg)
    if not norms:
        msg = f"`norms` must hold at least one network. Received: norms={norms!r}"
        raise ValueError(msg)
    curves = {}
    for label, by_layer in norms.items():
        values = list(by_layer.values()) if isinstance(by_layer, Mapping) else by_layer
        try:
            values = np.asarray(values, dtype=float)
            good = values.ndim == 1 and len(values) > 0
            good = good and bool((np.isfinite(values) & (values > 0)).all())
        except (TypeError, ValueError):  # not numbers
            good = False
        if not good:
            msg = (
                f"`norms[{label!r}]` must be a non-empty sequence of positive finite numbers. "
                f"Received: norms[{label!r}]={by_layer!r}"
            )
            raise ValueError(msg)
        curves[label] = values
    ax = _check_ax(ax)
    for label, values in curves.items():
        ax.plot(np.arange(1, len(values) + 1), values, "o-", label=str(label))
    ax.set_yscale("log")
    ax.set_xlabel("layer (1 = nearest the input)")
    ax.set_ylabel(r"$\|\partial L / \partial W\|$")
    ax.legend()
    return ax


#: Fill colour and legend label of each kind of layer in :func:`plot_architecture`.
#: Pale fills under black text, on the figure's own white background, read the
#: same in the book's light and dark themes.
LAYER_KINDS = {
    "input": ("#ffffff", "input"),
    "dense": ("#c6dbef", "dense"),
    "conv": ("#fdd0a2", "convolution"),
    "pooling": ("#c7e9c0", "pooling"),
    "recurrent": ("#dadaeb", "recurrent"),
    "embedding": ("#fcc5c0", "embedding"),
    "regularisation": ("#e8e8e8", "dropout / regularisation"),
    "reshape": ("#fff2ae", "reshape / flatten"),
    "other": ("#ffffff", "other"),
}

_MEASURE = RendererAgg(1, 1, 72)  # measures text in points, to size the boxes
_RECURRENT = ("SimpleRNN", "LSTM", "GRU", "RNN", "Bidirectional", "ConvLSTM")
_REGULARISATION = ("Dropout", "Normalization", "Noise", "ActivityRegularization")
_RESHAPE = ("Flatten", "Reshape", "Permute", "RepeatVector", "Cropping", "Padding", "UpSampling")
#: How a class name tells the kind of layer; the first rule that matches wins,
#: so ConvLSTM2D is recurrent and MaxPooling2D pooling, not convolution.
_KIND_RULES: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("input", lambda name: name == "InputLayer"),
    ("embedding", lambda name: name == "Embedding"),
    ("recurrent", lambda name: name.startswith(_RECURRENT)),
    ("pooling", lambda name: "Pooling" in name),
    ("conv", lambda name: "Conv" in name),
    ("regularisation", lambda name: any(word in name for word in _REGULARISATION)),
    ("reshape", lambda name: name.startswith(_RESHAPE)),
    ("dense", lambda name: name in {"Dense", "EinsumDense"}),
)


def _layer_kind(layer: object) -> str:
    """Which entry of LAYER_KINDS a layer is, from its class or the classes it extends."""
    for cls in type(layer).__mro__:
        for kind, matches in _KIND_RULES:
            if matches(cls.__name__):
                return kind
    return "other"


def _sides(value: object) -> str:
    """'3×3' for a kernel or pool size (3, 3), '7' for (7,)."""
    return "×".join(str(side) for side in _as_tuple(value))


def _stride(value: object) -> str:
    """'stride 2' for strides (2, 2), 'stride 2×1' for (2, 1)."""
    strides = _as_tuple(value)
    return f"stride {strides[0] if len(set(strides)) == 1 else _sides(strides)}"


def _conv_settings(config: Mapping) -> list[str]:
    kernel = _sides(config["kernel_size"])
    parts = [str(config["filters"]), kernel if "×" in kernel else f"kernel {kernel}"]
    if set(_as_tuple(config.get("strides", 1))) != {1}:
        parts.append(_stride(config["strides"]))
    if config.get("padding") == "same":
        parts.append("same")
    return parts


def _pooling_settings(config: Mapping) -> list[str]:
    if config.get("pool_size") is None:  # global pooling
        return []
    parts = [_sides(config["pool_size"])]
    strides = config.get("strides")
    if strides is not None and _as_tuple(strides) != _as_tuple(config["pool_size"]):
        parts.append(_stride(strides))
    return parts


def _recurrent_settings(config: Mapping) -> list[str]:
    if "layer" in config:  # a wrapper such as Bidirectional: name the layer it wraps
        inner = config["layer"]
        first, *rest = _recurrent_settings(inner["config"])
        return [f"{inner['class_name']} {first}", *rest]
    return [str(config["units"])] + (["sequences"] if config.get("return_sequences") else [])


#: The settings each kind of layer shows after its class name, from its config.
_SETTINGS: dict[str, Callable[[Mapping], list[str]]] = {
    "dense": lambda config: [str(config["units"])],
    "conv": _conv_settings,
    "pooling": _pooling_settings,
    "recurrent": _recurrent_settings,
    "embedding": lambda config: [f"{config['input_dim']} → {config['output_dim']}"],
    "regularisation": lambda config: [f"{config['rate']:g}"] if "rate" in config else [],
}


def _describe(layer: object) -> tuple[str, str]:
    """The class of a layer and a short summary of its settings, as in 'Conv2D', '32, 3×3, relu'."""
    kind = _layer_kind(layer)
    try:
        config = layer.get_config()
        parts = _SETTINGS[kind](config) if kind in _SETTINGS else []
    except (AttributeError, KeyError, NotImplementedError, TypeError):  # an unusual layer
        config, parts = {}, []
    activation = config.get("activation")
    default = "tanh" if kind == "recurrent" else "linear"  # not worth a word
    if isinstance(activation, str) and activation != default:
        parts.append(activation)
    return type(layer).__name__, ", ".join(parts)


def _as_tuple(value: object) -> tuple:
    return tuple(value) if isinstance(value, Sequence) else (value,)


def _shape_text(shape: object) -> str:
    """A tensor's shape without its batch axis: '(26, 26, 32)', '(128,)'."""
    if isinstance(shape, list):  # a layer with several outputs
        return ", ".join(_shape_text(s) for s in shape)
    return str(tuple(shape)[1:])


def _architecture_rows(model: object) -> list[tuple[str, str, str, str, str, int]]:
    """(kind, class, settings, name, output shape, parameters) of each layer of a chain."""

    def not_a_chain(why: str) -> ValueError:
        msg = (
            "`model` must be a chain of layers, each feeding the next, with one input "
            f"and one output; {why}. Received: model={model.name!r}"
        )
        return ValueError(msg)

    if len(model.inputs) != 1 or len(model.outputs) != 1:
        why = f"it has {len(model.inputs)} inputs and {len(model.outputs)} outputs"
        raise not_a_chain(why)
    previous = model.inputs[0]
    dtype = str(getattr(previous, "dtype", ""))
    detail = dtype if dtype.startswith(("int", "uint")) else ""  # token ids, not measurements
    name = "" if previous.name.startswith("keras_tensor") else previous.name  # no name given
    rows = [("input", "Input", detail, name, _shape_text(previous.shape), 0)]
    for layer in model.layers:
        if _layer_kind(layer) == "input":
            continue
        try:
            layer_input, layer_output = layer.input, layer.output
        except (AttributeError, ValueError) as error:
            why = f"layer {layer.name!r} has no single input and output"
            raise not_a_chain(why) from error
        if layer_input is not previous:
            why = f"layer {layer.name!r} does not take the previous layer's output"
            raise not_a_chain(why)
        head, detail = _describe(layer)
        shape = _shape_text(layer_output.shape)
        rows.append((_layer_kind(layer), head, detail, layer.name, shape, layer.count_params()))
        previous = layer_output
    if previous is not model.outputs[0]:
        why = "its output is not the last layer's output"
        raise not_a_chain(why)
    return rows


def _text_width(text: str, size: float, *, weight: str = "normal") -> float:
    """Width in inches of ``text`` at ``size`` points, as Matplotlib's Agg renderer draws it."""
    if not text:
        return 0.0
    width, _, _ = _MEASURE.get_text_width_height_descent(
        text, FontProperties(size=size, weight=weight), ismath=False
    )
    return width / 72


def _layer_box(
    ax: Axes, x: float, y: float, *, size: tuple[float, float], kind: str, head: str
) -> None:
    width, height = size
    dashed = "Dropout" in head or "Noise" in head  # a layer that acts only during training
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2), width, height,
            boxstyle="round,pad=0,rounding_size=0.06", facecolor=LAYER_KINDS[kind][0],
            edgecolor="0.15", linewidth=1.0, linestyle="--" if dashed else "-",
            gid="layer", zorder=2,
        )
    )  # fmt: skip


def _link(ax: Axes, start: tuple[float, float], end: tuple[float, float]) -> None:
    ax.add_patch(
        FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=11, linewidth=1.1,
                        color="0.25", shrinkA=0, shrinkB=0, zorder=1)
    )  # fmt: skip


def _label(ax: Axes, x: float, y: float, head: str, *, detail: str, size: float) -> None:
    """Draw 'Head detail' centred at (x, y), the class name in bold."""
    gap = size * 0.35  # points, about a space
    head_width = _text_width(head, size, weight="bold")
    width = head_width + (gap / 72 + _text_width(detail, size) if detail else 0.0)
    text = ax.text(x - width / 2, y, head, ha="left", va="center_baseline", fontsize=size,
                   fontweight="bold", zorder=3)  # fmt: skip
    if detail:  # placed against the bold text as drawn, so the two never overlap
        ax.annotate(detail, xy=(1, 0), xycoords=text, xytext=(gap, 0), textcoords="offset points",
                    ha="left", va="bottom", fontsize=size, zorder=3)  # fmt: skip


def plot_architecture(
    model: object,
    *,
    orientation: str = "vertical",
    show_input: bool = True,
    show_names: bool = True,
    legend: bool = True,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw a Keras model as a stack of boxes, one per layer, with its sizes.

    Each box names the layer's class and its settings ("Conv2D 32, 3×3,
    relu"), is coloured by the kind of layer (dense, convolution, pooling,
    recurrent, embedding, dropout and other regularisation, reshape), and
    is followed by an arrow to the next layer. Beside it (below it, drawn
    horizontally) stand the layer's output shape without the batch axis and
    its number of parameters; a dashed box is a layer that acts only in
    training (dropout). The title gives the model's name and its total of
    parameters, the legend the kinds of layer drawn.

    Parameters
    ----------
    model : keras.Model
        A built ``keras.Sequential`` model, or a functional model whose
        layers form a chain (one input, each layer feeding the next).
    orientation : {"vertical", "horizontal"}, default="vertical"
        Stack the layers from top to bottom (with a column each of names,
        shapes and parameters), or from left to right, which suits models
        of up to about six layers.
    show_input : bool, default=True
        Draw the model's input as a first, white "Input" box.
    show_names : bool, default=True
        Write each layer's name (as in ``model.summary()``) beside its box.
    legend : bool, default=True
        Add a legend of the kinds of layer drawn.
    title : str, default=None
        The title; if None, the model's name and its number of parameters.
        An empty string draws none.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes, sized to the model, if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on. Each layer's box is a patch with the gid
        ``"layer"``; the arrows are the other patches.

    Raises
    ------
    TypeError
        If ``model`` is not a Keras model or another argument has the wrong type.
    ValueError
        If ``model`` is not built, is not a chain of layers, or
        ``orientation`` is not one of the choices.

    Notes
    -----
    Used in every chapter that trains a model. Sizes are laid out in
    inches for the figure this function makes; on a given ``ax`` the
    drawing is scaled to fit it, text keeping its size, so give a small
    Axes a model of few layers.

    Examples
    --------
    >>> from annbook.models import build_cnn
    >>> from annbook.plotting import plot_architecture
    >>> ax = plot_architecture(build_cnn())
    >>> sum(patch.get_gid() == "layer" for patch in ax.patches)  # the input and 9 layers
    10
    >>> ax.get_title()
    'cnn: 225,034 parameters'
    """
    import keras  # noqa: PLC0415 -- only here, so that importing annbook does not import TensorFlow

    if not isinstance(model, keras.Model):
        msg = f"`model` must be a keras Model. Received: model={model!r}"
        raise TypeError(msg)
    if not model.built:
        msg = (
            "`model` must be built, so that its layers have shapes: give it a "
            f"keras.Input or call model.build(input_shape). Received: model={model.name!r}"
        )
        raise ValueError(msg)
    orientation = check_choice("orientation", orientation, ["vertical", "horizontal"])
    show_input = check_bool("show_input", show_input)
    show_names = check_bool("show_names", show_names)
    legend = check_bool("legend", legend)
    if title is not None and not isinstance(title, str):
        msg = f"`title` must be a str or None. Received: title={title!r}"
        raise TypeError(msg)
    if ax is not None and not isinstance(ax, Axes):
        msg = f"`ax` must be a matplotlib Axes or None. Received: ax={ax!r}"
        raise TypeError(msg)

    rows = _architecture_rows(model)
    if not show_input:
        rows = rows[1:]
    draw = _draw_vertical if orientation == "vertical" else _draw_horizontal
    ax = draw(rows, show_names=show_names, ax=ax)
    if title is None:
        title = f"{model.name}: {model.count_params():,} parameters"
    if title:
        ax.set_title(title, fontsize=12)
    if legend:
        _kinds_legend(ax, [row[0] for row in rows])
    return ax


_BOX_FONT, _SIDE_FONT = 10.0, 9.0


def _kinds_legend(ax: Axes, kinds: Sequence[str]) -> None:
    """A legend below the drawing of each kind of layer but the input, in order of appearance."""
    kinds = list(dict.fromkeys(kind for kind in kinds if kind != "input"))
    if not kinds:
        return
    handles = [
        Patch(facecolor=LAYER_KINDS[kind][0], edgecolor="0.15", label=LAYER_KINDS[kind][1])
        for kind in kinds
    ]  # fmt: skip
    nrows = -(-len(handles) // 4)
    ncol = -(-len(handles) // nrows)
    # Matplotlib fills a legend column by column; reorder so it reads row by row.
    order = [row * ncol + col for col in range(ncol) for row in range(nrows)]
    ordered = [handles[i] if i < len(handles) else Patch(alpha=0, label="") for i in order]
    ax.legend(handles=ordered, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=ncol,
              frameon=False, fontsize=9, handlelength=1.4, columnspacing=1.2)  # fmt: skip


def _new_axes(width: float, height: float) -> Axes:
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    fig.set_facecolor("white")
    return ax


def _draw_vertical(rows: list, *, show_names: bool, ax: Axes | None) -> Axes:
    pitch, height = 0.62, 0.40
    names = [row[3] for row in rows] if show_names else []
    name_width = max((_text_width(n, _SIDE_FONT) for n in names), default=0.0)
    box_width = (
        max(
            1.8,
            *(
                _text_width(head, _BOX_FONT, weight="bold") + 0.06 + _text_width(detail, _BOX_FONT)
                for _, head, detail, *_ in rows
            ),
        )
        + 0.35
    )
    shape_width = max(
        _text_width(row[4], _BOX_FONT) for row in [*rows, ("", "", "", "", "output shape")]
    )
    params = [f"{row[5]:,}" for row in rows]
    param_width = max(_text_width(p, _BOX_FONT) for p in [*params, "parameters"])
    x_box = (name_width + 0.2 if names else 0.0) + box_width / 2
    x_shape = x_box + box_width / 2 + 0.3 + shape_width / 2
    x_param = x_shape + shape_width / 2 + 0.35 + param_width  # right edge
    top, bottom = 0.55, -(len(rows) - 1) * pitch - height / 2 - 0.05
    if ax is None:
        ax = _new_axes(x_param + 0.5, top - bottom + 1.0)
    for i, (kind, head, detail, name, shape, count) in enumerate(rows):
        y = -i * pitch
        _layer_box(ax, x_box, y, size=(box_width, height), kind=kind, head=head)
        _label(ax, x_box, y, head, detail=detail, size=_BOX_FONT)
        if names:
            ax.text(x_box - box_width / 2 - 0.12, y, name, ha="right", va="center_baseline",
                    fontsize=_SIDE_FONT, color="0.35", fontstyle="italic")  # fmt: skip
        ax.text(x_shape, y, shape, ha="center", va="center_baseline", fontsize=_BOX_FONT)
        ax.text(x_param, y, params[i], ha="right", va="center_baseline", fontsize=_BOX_FONT,
                color="black" if count else "0.5")  # fmt: skip
        if i:
            _link(ax, (x_box, y + pitch - height / 2), (x_box, y + height / 2))
    for x, header, align in ((x_shape, "output shape", "center"), (x_param, "parameters", "right")):
        ax.text(x, top - 0.15, header, ha=align, va="center", fontsize=_SIDE_FONT, color="0.35")
    ax.set_xlim(-0.15, x_param + 0.15)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax


def _draw_horizontal(rows: list, *, show_names: bool, ax: Axes | None) -> Axes:
    height, gap = 0.78, 0.4
    widths = [
        max(0.95, _text_width(head, _BOX_FONT, weight="bold"), _text_width(detail, _SIDE_FONT),
            _text_width(shape, _SIDE_FONT), _text_width(name, _SIDE_FONT) * show_names) + 0.25
        for _, head, detail, name, shape, _ in rows
    ]  # fmt: skip
    label_width = _text_width("output shape", _SIDE_FONT) + 0.15
    x = label_width + 0.1
    centres = []
    for width in widths:
        centres.append(x + width / 2)
        x += width + gap
    right = x - gap
    top = height / 2 + (0.35 if show_names else 0.1)
    bottom = -height / 2 - 0.7
    if ax is None:
        ax = _new_axes(right + 0.3, top - bottom + 1.0)
    y_shape, y_param = -height / 2 - 0.25, -height / 2 - 0.55
    for i, ((kind, head, detail, name, shape, count), cx, width) in enumerate(
        zip(rows, centres, widths, strict=True)
    ):
        _layer_box(ax, cx, 0.0, size=(width, height), kind=kind, head=head)
        if detail:
            ax.text(cx, 0.13, head, ha="center", va="center_baseline", fontsize=_BOX_FONT,
                    fontweight="bold", zorder=3)  # fmt: skip
            ax.text(cx, -0.15, detail, ha="center", va="center_baseline", fontsize=_SIDE_FONT,
                    zorder=3)  # fmt: skip
        else:
            ax.text(cx, 0.0, head, ha="center", va="center_baseline", fontsize=_BOX_FONT,
                    fontweight="bold", zorder=3)  # fmt: skip
        if show_names:
            ax.text(cx, height / 2 + 0.15, name, ha="center", va="center_baseline",
                    fontsize=_SIDE_FONT, color="0.35", fontstyle="italic")  # fmt: skip
        ax.text(cx, y_shape, shape, ha="center", va="center_baseline", fontsize=_SIDE_FONT)
        ax.text(cx, y_param, f"{count:,}", ha="center", va="center_baseline",
                fontsize=_SIDE_FONT, color="black" if count else "0.5")  # fmt: skip
        if i:
            _link(ax, (centres[i - 1] + widths[i - 1] / 2, 0.0), (cx - width / 2, 0.0))
    for y, header in ((y_shape, "output shape"), (y_param, "parameters")):
        ax.text(label_width, y, header, ha="right", va="center_baseline", fontsize=_SIDE_FONT,
                color="0.35")  # fmt: skip
    ax.set_xlim(0.0, right + 0.05)
    ax.set_ylim(bottom, top)
    ax.set_aspect("equal")
    ax.axis("off")
    return ax
