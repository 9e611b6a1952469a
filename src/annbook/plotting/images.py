"""Images on Axes: grids of digits, filters and feature maps, and the confusion matrix."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from annbook._validation import check_array, check_bool, check_int
from annbook.plotting._figures import axes_or_new, figure_or_new

__all__ = ["plot_confusion_matrix", "plot_digits", "plot_feature_maps", "plot_filters"]


def _as_list(name: str, values: object) -> list:
    """A sequence or 1-D array as a list; anything else, a string too, raises TypeError."""
    if isinstance(values, np.ndarray) and values.ndim == 1:
        values = values.tolist()
    if isinstance(values, str) or not isinstance(values, Sequence):
        msg = f"`{name}` must be a sequence or a 1-D array. Received: {name}={values!r}"
        raise TypeError(msg)
    return list(values)


def _one_each(name: str, values: object, n: int, what: str) -> list | None:
    """``values`` as a list of one entry per ``what`` (``n`` of them), or None; else raise."""
    if values is None:
        return None
    values = _as_list(name, values)
    if len(values) != n:
        msg = f"`{name}` must have one entry per {what} ({n}). Received: len({name})={len(values)}"
        raise ValueError(msg)
    return values


def _grid(fig: object, n: int, ncols: int, *, cell: tuple[float, float]) -> tuple[Figure, list]:
    """``n`` Axes without ticks, ``ncols`` to a row, on ``fig`` or a new figure sized by ``cell``.

    ``cell`` is the (width, height) in inches that a new figure gives each Axes.
    """
    ncols = min(n, ncols)
    nrows = -(-n // ncols)
    fig = figure_or_new(fig, size=(cell[0] * ncols, cell[1] * nrows))
    axes = [fig.add_subplot(nrows, ncols, i + 1, xticks=[], yticks=[]) for i in range(n)]
    return fig, axes


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
        Where to draw; if None, a new figure of 1.1 by 1.3 inches per image.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per image.

    Raises
    ------
    TypeError
        If ``images`` is not an array, ``labels`` or ``predictions`` not a
        sequence, ``ncols`` not an int, or ``fig`` not a Figure.
    ValueError
        If ``images`` has the wrong shape, ``labels`` or ``predictions``
        not one entry per image, or ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST", for its training
    images and, with ``predictions``, the network's answers on test images.

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
    if images.ndim != 3 or 0 in images.shape:
        msg = (
            "`images` must have shape (n, height, width) or (n, height, width, 1) "
            f"with n, height and width >= 1. Received: images.shape={images.shape}"
        )
        raise ValueError(msg)
    labels = _one_each("labels", labels, len(images), "image")
    predictions = _one_each("predictions", predictions, len(images), "image")
    ncols = check_int("ncols", ncols)
    fig, axes = _grid(fig, len(images), ncols, cell=(1.1, 1.3))
    for i, (ax, image) in enumerate(zip(axes, images, strict=True)):
        ax.imshow(image, cmap="gray_r")
        title, color = "", "black"
        if labels is not None:
            title = f"{labels[i]}"
        if predictions is not None:
            wrong = labels is not None and predictions[i] != labels[i]
            title = f"{title}→{predictions[i]}" if labels is not None else f"{predictions[i]}"
            color = "tab:red" if wrong else "black"
        ax.set_title(title, color=color, fontsize=9)
    return fig


def _zero_white() -> object:
    """Matplotlib's RdBu_r with pure white at its centre (RdBu_r's own is a pale grey).

    So that a value of 0 looks like the page: blue negative, red positive.
    Built when a grid is drawn, so that importing the module imports no more.
    """
    from matplotlib.colors import LinearSegmentedColormap  # noqa: PLC0415

    return LinearSegmentedColormap.from_list("annbook_zero_white", _zero_white_colours(), N=255)


def _zero_white_colours() -> list:
    """The eleven colours of :func:`_zero_white`, blue to white (the sixth) to red."""
    from matplotlib import colormaps  # noqa: PLC0415

    colours = [colormaps["RdBu_r"](i / 10) for i in range(11)]
    colours[5] = (1.0, 1.0, 1.0, 1.0)
    # an odd number of colours, so that one sits exactly at the centre
    return colours


def _white_red() -> object:
    """The red half of :func:`_zero_white`: white at 0, dark red at the largest value."""
    from matplotlib.colors import LinearSegmentedColormap  # noqa: PLC0415

    return LinearSegmentedColormap.from_list("annbook_white_red", _zero_white_colours()[5:], N=255)


def _diverging_grid(
    images: np.ndarray,
    *,
    titles: list | None,
    ncols: int,
    fig: object,
    size: float,
    shared: str | None = None,
    diverging: bool = True,
) -> Figure:
    """Draw 2-D arrays in a grid, zero white (as the page), positive red, negative blue.

    Each array has its own colour scale, or, if ``shared`` names what the
    values are, all share one, shown in a colour bar labelled ``shared``.
    The scale runs from minus to plus the largest magnitude; with
    ``diverging=False``, for values that are never negative, from 0 (white)
    to the largest value (dark red), so that no half of it goes unused.
    """
    cell = (size, size + (0.25 if titles else 0))
    fig, axes = _grid(fig, len(images), ncols, cell=cell)
    common = float(np.abs(images).max()) or 1.0
    cmap = _zero_white() if diverging else _white_red()
    for i, (ax, image) in enumerate(zip(axes, images, strict=True)):
        limit = common if shared else (float(np.abs(image).max()) or 1.0)
        picture = ax.imshow(image, cmap=cmap, vmin=-limit if diverging else 0.0, vmax=limit)
        if titles is not None:
            ax.set_title(titles[i], fontsize=9)
    if shared:
        fig.colorbar(picture, ax=axes, label=shared, fraction=0.04, pad=0.03)
    return fig


def plot_filters(
    kernel: np.ndarray,
    *,
    in_channel: int = 0,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    fig: Figure | None = None,
) -> Figure:
    """Draw the filters of a ``Conv2D`` layer, one small image each, on one colour scale.

    All filters share one colour scale centred on zero, shown in a colour
    bar: white is a weight of 0, red positive and blue negative weights,
    the strongest weight of the whole layer at full colour, so that the
    filters can be compared with one another.

    Parameters
    ----------
    kernel : numpy.ndarray
        The layer's kernel, of shape (kernel_height, kernel_width,
        in_channels, out_channels), as ``layer.get_weights()[0]`` returns it.
    in_channel : int, default=0
        Which input channel of each filter to draw.
    titles : sequence of str, default=None
        A title for each filter, such as its number, to find it again in a
        figure of the layer's feature maps.
    ncols : int, default=8
        Filters per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; if None, a new figure of 0.8 inches square per filter.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per filter, ``ncols`` to a row, and
        last the colour bar's Axes.

    Raises
    ------
    TypeError
        If ``kernel`` is not an array, an int argument is not an int,
        ``titles`` not a sequence, or ``fig`` not a Figure.
    ValueError
        If ``kernel`` is not 4-D, ``in_channel`` is not one of its input
        channels, or ``titles`` is not one per filter.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks", on the
    kernel of its trained network's first layer.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_filters
    >>> fig = plot_filters(np.linspace(-1, 2, 3 * 3 * 32).reshape(3, 3, 1, 32))
    >>> len(fig.axes), fig.axes[0].images[0].get_array().shape
    (33, (3, 3))
    >>> fig.axes[0].images[0].get_clim()
    (-2.0, 2.0)
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
    titles = _one_each("titles", titles, kernel.shape[-1], "filter")
    ncols = check_int("ncols", ncols)
    filters = np.moveaxis(kernel[:, :, in_channel, :], -1, 0)
    return _diverging_grid(filters, titles=titles, ncols=ncols, fig=fig, size=0.8, shared="weight")


def plot_feature_maps(
    maps: np.ndarray,
    *,
    titles: Sequence[str] | None = None,
    shared_scale: bool = False,
    ncols: int = 8,
    fig: Figure | None = None,
) -> Figure:
    """Draw the channels of one image or activation, one small image each.

    Each channel is drawn on a colour scale centred on zero: white is 0, red
    positive and blue negative values. Maps with no negative value, such as
    those after a ReLU, are drawn on a scale from 0 instead: white is 0 and
    dark red the largest value, so that no half of the scale is left
    unused. By default each channel has its own scale, its largest
    magnitude at full colour, which shows the pattern of a weak map as
    clearly as a strong one; with ``shared_scale=True`` all share one, shown
    in a colour bar, so that a weak map looks weak.

    Parameters
    ----------
    maps : numpy.ndarray
        Shape (height, width, channels), or (1, height, width, channels) as
        a model returns it for a batch of one.
    titles : sequence of str, default=None
        A title for each channel.
    shared_scale : bool, default=False
        One colour scale for all channels, set by the largest magnitude of
        any, with a colour bar; else one per channel. Either way the scale
        starts at 0 when no map has a negative value.
    ncols : int, default=8
        Maps per row.
    fig : matplotlib.figure.Figure, default=None
        Where to draw; a new figure, sized to the grid, if None.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on, one Axes per channel, titled if ``titles`` is given.

    Raises
    ------
    TypeError
        If ``maps`` is not an array, ``titles`` not a sequence,
        ``shared_scale`` not a bool, ``ncols`` not an int, or ``fig`` not a
        Figure.
    ValueError
        If ``maps`` has the wrong shape, ``titles`` is not one per map, or
        ``ncols`` is not positive.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks", for the maps
    of hand-made filters and of its trained network's two convolutions.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.plotting import plot_feature_maps
    >>> fig = plot_feature_maps(np.zeros((1, 26, 26, 4)), titles=list("abcd"), ncols=2)
    >>> len(fig.axes), fig.axes[3].get_title()
    (4, 'd')
    >>> maps = np.stack([np.full((4, 4), 2.0), np.full((4, 4), 0.5)], axis=-1)
    >>> fig = plot_feature_maps(maps, shared_scale=True)  # no negative value: a scale from 0
    >>> [ax.images[0].get_clim() for ax in fig.axes[:2]], len(fig.axes)  # the last: the colour bar
    ([(0.0, 2.0), (0.0, 2.0)], 3)
    >>> maps[0, 0, 1] = -1.0
    >>> plot_feature_maps(maps, shared_scale=True).axes[0].images[0].get_clim()
    (-2.0, 2.0)
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
    titles = _one_each("titles", titles, maps.shape[-1], "map")
    shared_scale = check_bool("shared_scale", shared_scale)
    ncols = check_int("ncols", ncols)
    return _diverging_grid(
        np.moveaxis(maps, -1, 0), titles=titles, ncols=ncols, fig=fig, size=1.1,
        shared="value" if shared_scale else None, diverging=bool(maps.min() < 0),
    )  # fmt: skip


def plot_confusion_matrix(
    y_true: Sequence[int] | np.ndarray,
    y_pred: Sequence[int] | np.ndarray,
    *,
    class_names: Sequence[str] | None = None,
    mistakes_only: bool = False,
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
    mistakes_only : bool, default=False
        If True, colour only the mistakes, on a scale set by the largest of
        them, and leave the diagonal white (its counts still printed): with
        an accurate classifier, the correct answers would otherwise take
        the whole scale and every mistake look pale.
    ax : matplotlib.axes.Axes, default=None
        Where to draw; a new figure's Axes, sized to the number of classes, if None.

    Returns
    -------
    matplotlib.axes.Axes
        The Axes drawn on; ``ax.images[0].get_array()`` is the matrix as
        coloured (masked on the diagonal if ``mistakes_only``).

    Raises
    ------
    TypeError
        If ``class_names`` is not a sequence, ``mistakes_only`` not a bool
        or ``ax`` not an Axes.
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
    >>> ax = plot_confusion_matrix([0, 0, 1, 2, 2], [0, 1, 1, 2, 0], mistakes_only=True)
    >>> ax.images[0].get_array().tolist()
    [[None, 1, 0], [0, None, 0], [1, 0, None]]
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
        class_names = _as_list("class_names", class_names)
        if len(class_names) < n_classes:
            msg = (
                f"`class_names` must name all {n_classes} classes in the labels. "
                f"Received: class_names={class_names!r}"
            )
            raise ValueError(msg)
        n_classes = len(class_names)
    if not isinstance(mistakes_only, bool):
        msg = f"`mistakes_only` must be True or False. Received: mistakes_only={mistakes_only!r}"
        raise TypeError(msg)
    side = 0.5 * n_classes
    ax = axes_or_new(ax, size=(side + 2, side + 1.6), layout_engine="constrained")
    matrix = np.bincount(n_classes * y_true + y_pred, minlength=n_classes**2)
    matrix = matrix.reshape(n_classes, n_classes)
    names = [str(c) for c in range(n_classes)] if class_names is None else class_names
    shown = matrix
    if mistakes_only:
        shown = np.ma.masked_array(matrix, mask=np.eye(n_classes, dtype=bool))
    ax.imshow(shown, cmap="Blues", vmin=0, vmax=max(int(shown.max()), 1))
    threshold = shown.max() / 2
    for (i, j), count in np.ndenumerate(matrix):
        on_colour = count > threshold and not (mistakes_only and i == j)
        colour = "white" if on_colour else ("black" if count else "0.45")
        ax.text(j, i, f"{count}", ha="center", va="center", color=colour, fontsize=8)
    ticks = np.arange(n_classes)
    ax.set_xticks(ticks, names)
    ax.set_yticks(ticks, names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    return ax
