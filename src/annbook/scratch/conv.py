"""Convolution and max pooling in NumPy, laid out as Keras lays them out.

Arrays are "channels last", as in Keras: a batch of images has shape
(batch, height, width, channels) and a convolution kernel has shape
(kernel_height, kernel_width, in_channels, out_channels), so the weights of
a ``keras.layers.Conv2D`` can be passed here unchanged.
"""

from __future__ import annotations

import numbers

import numpy as np

from annbook._validation import check_array, check_choice, check_int

__all__ = ["conv2d", "max_pool2d"]


def _check_images(name: str, value: object) -> np.ndarray:
    value = check_array(name, value)
    if value.ndim != 4 or 0 in value.shape:
        msg = (
            f"`{name}` must have shape (batch, height, width, channels). "
            f"Received: {name}.shape={value.shape}"
        )
        raise ValueError(msg)
    return value


def _same_padding(size: int, kernel: int, stride: int) -> tuple[int, int]:
    # Keras' "same": ceil(size / stride) outputs, the extra zero at the end.
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def conv2d(
    x: np.ndarray,
    kernel: np.ndarray,
    *,
    bias: np.ndarray | None = None,
    stride: int = 1,
    padding: str | int = "valid",
) -> np.ndarray:
    """Convolve a batch of images with a bank of filters, as ``Conv2D`` does.

    Each output value is the sum, over one window of the input and all its
    channels, of the window times one filter, plus that filter's bias.
    Like Keras (and every deep-learning library) the kernel is not flipped:
    mathematicians would call this a cross-correlation.

    Parameters
    ----------
    x : numpy.ndarray
        Images of shape (batch, height, width, in_channels).
    kernel : numpy.ndarray
        Filters of shape (kernel_height, kernel_width, in_channels,
        out_channels), the layout of ``Conv2D.kernel``.
    bias : numpy.ndarray, default=None
        One value per filter, shape (out_channels,); zeros if None.
    stride : int, default=1
        Step of the window, in both directions.
    padding : {"valid", "same"} or int, default="valid"
        ``"valid"`` adds no zeros; ``"same"`` adds the zeros that Keras adds
        so that the output has ``ceil(size / stride)`` rows and columns; an
        integer ``p`` adds ``p`` rows and columns of zeros on every side.

    Returns
    -------
    numpy.ndarray
        Shape (batch, out_height, out_width, out_channels), where
        ``out = (n + 2p - k) // stride + 1`` along each side.

    Raises
    ------
    TypeError
        If an array is not a numpy array, or ``stride`` or ``padding`` has
        the wrong type.
    ValueError
        If the shapes do not fit together, ``stride`` is not positive,
        ``padding`` is negative or unknown, or the kernel is larger than
        the padded image.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.conv import conv2d
    >>> x = np.arange(16.0).reshape(1, 4, 4, 1)
    >>> kernel = np.ones((3, 3, 1, 1))
    >>> conv2d(x, kernel)[0, :, :, 0]
    array([[45., 54.],
           [81., 90.]])
    >>> conv2d(x, kernel, padding="same").shape, conv2d(x, kernel, stride=2, padding=1).shape
    ((1, 4, 4, 1), (1, 2, 2, 1))
    """
    x = _check_images("x", x)
    kernel = check_array("kernel", kernel)
    if kernel.ndim != 4 or 0 in kernel.shape or kernel.shape[2] != x.shape[3]:
        msg = (
            "`kernel` must have shape (kernel_height, kernel_width, in_channels, "
            f"out_channels) with in_channels = x.shape[3] = {x.shape[3]}. "
            f"Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    kh, kw, _, c_out = kernel.shape
    if bias is None:
        bias = np.zeros(c_out, dtype=np.result_type(x, kernel))
    elif not isinstance(bias, np.ndarray):
        msg = f"`bias` must be a numpy array or None. Received: bias={type(bias).__name__}"
        raise TypeError(msg)
    elif bias.shape != (c_out,):
        msg = f"`bias` must have shape ({c_out},), one value per filter. Received: bias.shape={bias.shape}"
        raise ValueError(msg)
    stride = check_int("stride", stride)
    if isinstance(padding, str):
        padding = check_choice("padding", padding, ["valid", "same"])
    elif isinstance(padding, bool) or not isinstance(padding, numbers.Integral):
        msg = f"`padding` must be 'valid', 'same' or an int. Received: padding={padding!r}"
        raise TypeError(msg)
    else:
        padding = check_int("padding", padding, minimum=0)

    if padding == "valid":
        pads = ((0, 0), (0, 0))
    elif padding == "same":
        pads = (_same_padding(x.shape[1], kh, stride), _same_padding(x.shape[2], kw, stride))
    else:
        pads = ((padding, padding), (padding, padding))
    padded = np.pad(x, ((0, 0), *pads, (0, 0)))
    if padded.shape[1] < kh or padded.shape[2] < kw:
        msg = (
            f"`kernel` of {kh}x{kw} is larger than the padded images of "
            f"{padded.shape[1]}x{padded.shape[2]}. Received: kernel.shape={kernel.shape}"
        )
        raise ValueError(msg)
    # windows[n, i, j, c, a, b] = padded[n, i*stride + a, j*stride + b, c]
    windows = np.lib.stride_tricks.sliding_window_view(padded, (kh, kw), axis=(1, 2))
    windows = windows[:, ::stride, ::stride]
    return np.einsum("nijcab,abco->nijo", windows, kernel, optimize=True) + bias


def max_pool2d(x: np.ndarray, *, pool_size: int = 2, stride: int | None = None) -> np.ndarray:
    """Keep the largest value of each window, as ``MaxPooling2D`` does.

    Windows are square and taken without padding, so rows and columns that
    do not fill a whole window at the end are dropped, as with Keras'
    default ``padding="valid"``. Each channel is pooled on its own.

    Parameters
    ----------
    x : numpy.ndarray
        Images of shape (batch, height, width, channels).
    pool_size : int, default=2
        Side of the square window.
    stride : int, default=None
        Step of the window; ``pool_size`` if None, so windows do not overlap.

    Returns
    -------
    numpy.ndarray
        Shape (batch, out_height, out_width, channels), where
        ``out = (n - pool_size) // stride + 1`` along each side.

    Raises
    ------
    TypeError
        If ``x`` is not a numpy array, or ``pool_size`` or ``stride`` not an int.
    ValueError
        If ``x`` is not 4-D, ``pool_size`` or ``stride`` is not positive, or
        the window is larger than the images.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.scratch.conv import max_pool2d
    >>> x = np.arange(25.0).reshape(1, 5, 5, 1)
    >>> max_pool2d(x)[0, :, :, 0]
    array([[ 6.,  8.],
           [16., 18.]])
    >>> max_pool2d(x, pool_size=3, stride=1).shape
    (1, 3, 3, 1)
    """
    x = _check_images("x", x)
    pool_size = check_int("pool_size", pool_size)
    stride = pool_size if stride is None else check_int("stride", stride)
    if pool_size > min(x.shape[1], x.shape[2]):
        msg = (
            f"`pool_size` must fit in the images of {x.shape[1]}x{x.shape[2]}. "
            f"Received: pool_size={pool_size}"
        )
        raise ValueError(msg)
    windows = np.lib.stride_tricks.sliding_window_view(x, (pool_size, pool_size), axis=(1, 2))
    return windows[:, ::stride, ::stride].max(axis=(-2, -1))
