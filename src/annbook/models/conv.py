"""Convolutional networks."""

from __future__ import annotations

from collections.abc import Sequence

import keras

from annbook._validation import check_int, check_rate, check_shape

__all__ = ["build_cnn"]


def build_cnn(
    *,
    input_shape: tuple[int, int, int] = (28, 28, 1),
    num_classes: int = 10,
    filters: Sequence[int] = (32, 64),
    kernel_size: int = 3,
    pool_size: int = 2,
    dense_units: int = 128,
    conv_dropout: float = 0.25,
    dense_dropout: float = 0.5,
) -> keras.Model:
    """Build the lecture's small CNN for image classification.

    Each entry of ``filters`` adds a block of ``Conv2D`` (valid padding,
    ReLU) and ``MaxPooling2D``; then come ``Dropout``, ``Flatten``, a ReLU
    ``Dense`` layer, ``Dropout`` and a softmax output. The defaults are the
    network of the Keras MNIST notebook this book grew from, itself the
    Keras ``mnist_cnn`` example: Conv2D 32 (3x3) -> MaxPooling 2 -> Conv2D
    64 (3x3) -> MaxPooling 2 -> Dropout 0.25 -> Flatten -> Dense 128 ->
    Dropout 0.5 -> Dense 10, with 225,034 parameters.

    Parameters
    ----------
    input_shape : tuple of 3 int, default=(28, 28, 1)
        Height, width and channels of one image.
    num_classes : int, default=10
        Number of classes, the width of the softmax output (at least 2).
    filters : sequence of int, default=(32, 64)
        Number of filters of each convolution block, first block first.
    kernel_size : int, default=3
        Side of the square convolution kernels.
    pool_size : int, default=2
        Side of the square max-pooling windows (also their stride).
    dense_units : int, default=128
        Width of the hidden dense layer.
    conv_dropout : float, default=0.25
        Dropout rate after the last convolution block, in [0, 1).
    dense_dropout : float, default=0.5
        Dropout rate after the hidden dense layer, in [0, 1).

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``"cnn"``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, or the images are too small for the
        requested blocks.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST".

    Examples
    --------
    >>> from annbook.models import build_cnn
    >>> model = build_cnn()
    >>> model.count_params()
    225034
    >>> [layer.count_params() for layer in model.layers if layer.weights]
    [320, 18496, 204928, 1290]
    >>> model.output_shape
    (None, 10)
    """
    height, width, channels = check_shape("input_shape", input_shape, ndim=3)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    if isinstance(filters, str | bytes) or not isinstance(filters, Sequence):
        msg = f"`filters` must be a sequence of positive integers. Received: filters={filters!r}"
        raise TypeError(msg)
    if len(filters) == 0:
        msg = f"`filters` must name at least one convolution block. Received: filters={filters!r}"
        raise ValueError(msg)
    filters = [check_int(f"filters[{i}]", f) for i, f in enumerate(filters)]
    kernel_size = check_int("kernel_size", kernel_size)
    pool_size = check_int("pool_size", pool_size)
    dense_units = check_int("dense_units", dense_units)
    conv_dropout = check_rate("conv_dropout", conv_dropout)
    dense_dropout = check_rate("dense_dropout", dense_dropout)

    size = min(height, width)
    for _ in filters:
        size = (size - kernel_size + 1) // pool_size
        if size < 1:
            msg = (
                f"`input_shape` is too small for {len(filters)} blocks of a "
                f"{kernel_size}x{kernel_size} convolution and {pool_size}x{pool_size} "
                f"pooling. Received: input_shape={input_shape!r}"
            )
            raise ValueError(msg)

    layers = [keras.Input(shape=(height, width, channels), name="image")]
    for block, n_filters in enumerate(filters, start=1):
        layers += [
            keras.layers.Conv2D(n_filters, kernel_size, activation="relu", name=f"conv{block}"),
            keras.layers.MaxPooling2D(pool_size, name=f"pool{block}"),
        ]
    layers += [
        keras.layers.Dropout(conv_dropout, name="conv_dropout"),
        keras.layers.Flatten(name="flatten"),
        keras.layers.Dense(dense_units, activation="relu", name="dense"),
        keras.layers.Dropout(dense_dropout, name="dense_dropout"),
        keras.layers.Dense(num_classes, activation="softmax", name="predictions"),
    ]
    return keras.Sequential(layers, name="cnn")
