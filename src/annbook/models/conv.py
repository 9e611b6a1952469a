"""Convolutional networks."""

from __future__ import annotations

from collections.abc import Sequence

import keras

from annbook._numerics import TRAINABLE_ACTIVATIONS
from annbook._validation import (
    check_choice,
    check_int,
    check_int_sequence,
    check_model_name,
    check_rate,
    check_shape,
)

__all__ = ["build_cnn", "build_cnn1d", "build_lenet5"]


def build_cnn(
    *,
    input_shape: tuple[int, int, int] = (28, 28, 1),
    num_classes: int = 10,
    filters: Sequence[int] = (32, 64),
    kernel_size: int = 3,
    pool_size: int = 2,
    hidden_units: Sequence[int] = (128,),
    conv_dropout: float = 0.25,
    dropout: float = 0.5,
    name: str | None = None,
) -> keras.Model:
    """Build the lecture's small CNN for image classification.

    Each entry of ``filters`` adds a block of ``Conv2D`` (valid padding,
    ReLU) and ``MaxPooling2D``; then come ``Dropout``, ``Flatten``, and for
    each entry of ``hidden_units`` a ReLU ``Dense`` layer (``hidden1``, …)
    and a ``Dropout`` (``dropout1``, …), and a softmax output named
    ``"predictions"``. A dropout rate of 0 adds no layer. The defaults are the
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
    hidden_units : sequence of int, default=(128,)
        Width of each hidden dense layer, first layer first; may be empty.
    conv_dropout : float, default=0.25
        Dropout rate after the last convolution block, in [0, 1).
    dropout : float, default=0.5
        Dropout rate after every hidden dense layer, in [0, 1).
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"cnn"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``.

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
    filters = check_int_sequence("filters", filters)
    kernel_size = check_int("kernel_size", kernel_size)
    pool_size = check_int("pool_size", pool_size)
    hidden_units = check_int_sequence("hidden_units", hidden_units, allow_empty=True)
    conv_dropout = check_rate("conv_dropout", conv_dropout)
    dropout = check_rate("dropout", dropout)
    name = check_model_name("name", name, default="cnn")

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
    if conv_dropout > 0:
        layers.append(keras.layers.Dropout(conv_dropout, name="conv_dropout"))
    layers.append(keras.layers.Flatten(name="flatten"))
    for depth, units in enumerate(hidden_units, start=1):
        layers.append(keras.layers.Dense(units, activation="relu", name=f"hidden{depth}"))
        if dropout > 0:
            layers.append(keras.layers.Dropout(dropout, name=f"dropout{depth}"))
    layers.append(keras.layers.Dense(num_classes, activation="softmax", name="predictions"))
    return keras.Sequential(layers, name=name)


def build_lenet5(
    *,
    input_shape: tuple[int, int, int] = (32, 32, 1),
    num_classes: int = 10,
    activation: str = "tanh",
    subsampling: str = "average",
    name: str | None = None,
) -> keras.Model:
    """Build LeNet-5, the convolutional network of LeCun et al. (1998).

    Y. LeCun, L. Bottou, Y. Bengio and P. Haffner, "Gradient-based learning
    applied to document recognition", *Proceedings of the IEEE* 86(11),
    2278-2324, 1998. The layers keep the paper's names and sizes: C1, 6
    filters of 5x5 -> S2, 2x2 subsampling -> C3, 16 filters of 5x5 -> S4,
    2x2 subsampling -> C5, 120 filters of 5x5 -> F6, 84 units -> output,
    10 classes. On the paper's 32x32 images that is 61,706 parameters.

    Three simplifications, as in most modern versions: C3 sees all six maps
    of S2 (the paper wired each of its 16 maps to a chosen subset, to save
    weights and break symmetry); S2 and S4 are plain average (or max)
    pooling, without the paper's trainable coefficient and bias per map;
    the output is a softmax ``Dense`` layer instead of the paper's radial
    basis function units. The paper counts about 60,000 parameters.

    The layer names are the paper's, not the ``conv1``, ``pool1``, … of the
    other builders, because the chapter reads the network against the
    paper's figure. The argument that picks S2's and S4's kind is
    ``subsampling``, the paper's word for them: Keras applications use
    ``pooling="avg"`` or ``"max"`` for something else, a *global* pooling
    that replaces the classifier's ``Flatten``, which this is not.

    Parameters
    ----------
    input_shape : tuple of 3 int, default=(32, 32, 1)
        Height, width and channels of one image, at least 32x32 (the paper
        pads the 28x28 MNIST digits with 2 pixels of background).
    num_classes : int, default=10
        Width of the softmax output, at least 2.
    activation : {"tanh", "sigmoid", "relu", "linear"}, default="tanh"
        Activation of C1, C3, C5 and F6. The paper uses a scaled tanh.
    subsampling : {"average", "max"}, default="average"
        Kind of the 2x2 subsampling in S2 and S4: ``AveragePooling2D``, as
        in the paper, or ``MaxPooling2D``. Either keeps the 5x5 maps that
        C5 reads.
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"lenet5"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range or an unknown choice.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.models import build_lenet5
    >>> model = build_lenet5()
    >>> model.count_params()
    61706
    >>> [layer.name for layer in model.layers]
    ['C1', 'S2', 'C3', 'S4', 'C5', 'flatten', 'F6', 'predictions']
    >>> model.get_layer("C5").output.shape
    (None, 1, 1, 120)
    >>> build_lenet5(subsampling="max").get_layer("S2").__class__.__name__
    'MaxPooling2D'
    """
    height, width, channels = check_shape("input_shape", input_shape, ndim=3)
    if min(height, width) < 32:
        msg = (
            "`input_shape` must be at least 32x32, the size LeNet-5 was designed for. "
            f"Received: input_shape={input_shape!r}"
        )
        raise ValueError(msg)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    subsampling = check_choice("subsampling", subsampling, ["average", "max"])
    name = check_model_name("name", name, default="lenet5")

    pool = keras.layers.AveragePooling2D if subsampling == "average" else keras.layers.MaxPooling2D
    return keras.Sequential(
        [
            keras.Input(shape=(height, width, channels), name="image"),
            keras.layers.Conv2D(6, 5, activation=activation, name="C1"),
            pool(2, name="S2"),
            keras.layers.Conv2D(16, 5, activation=activation, name="C3"),
            pool(2, name="S4"),
            keras.layers.Conv2D(120, 5, activation=activation, name="C5"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(84, activation=activation, name="F6"),
            keras.layers.Dense(num_classes, activation="softmax", name="predictions"),
        ],
        name=name,
    )


def build_cnn1d(
    *,
    input_shape: tuple[int, int] = (128, 1),
    num_classes: int = 4,
    filters: Sequence[int] = (16, 32),
    kernel_size: int = 7,
    pool_size: int = 2,
    name: str | None = None,
) -> keras.Model:
    """Build a small one-dimensional CNN that classifies signals.

    Each entry of ``filters`` adds a block of ``Conv1D`` (valid padding,
    ReLU) and ``MaxPooling1D``; a ``GlobalAveragePooling1D`` layer then
    averages each filter's response over time, so the network answers the
    same wherever in the signal a pattern occurs, and a softmax ``Dense``
    layer classifies. With the defaults it has 3,876 parameters.

    Parameters
    ----------
    input_shape : tuple of 2 int, default=(128, 1)
        Time steps and channels of one signal.
    num_classes : int, default=4
        Width of the softmax output, at least 2.
    filters : sequence of int, default=(16, 32)
        Number of filters of each convolution block, first block first.
    kernel_size : int, default=7
        Length of the convolution kernels, in time steps.
    pool_size : int, default=2
        Length of the max-pooling windows (also their stride).
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"cnn1d"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, or the signals are too short for
        the requested blocks.

    Notes
    -----
    Introduced in the chapter "Convolutional neural networks".

    Examples
    --------
    >>> from annbook.models import build_cnn1d
    >>> model = build_cnn1d()
    >>> model.count_params()
    3876
    >>> [layer.count_params() for layer in model.layers if layer.weights]
    [128, 3616, 132]
    >>> model.output_shape
    (None, 4)
    """
    steps, channels = check_shape("input_shape", input_shape, ndim=2)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    filters = check_int_sequence("filters", filters)
    kernel_size = check_int("kernel_size", kernel_size)
    pool_size = check_int("pool_size", pool_size)
    name = check_model_name("name", name, default="cnn1d")

    size = steps
    for _ in filters:
        size = (size - kernel_size + 1) // pool_size
        if size < 1:
            msg = (
                f"`input_shape` is too short for {len(filters)} blocks of a "
                f"convolution of {kernel_size} and pooling of {pool_size}. "
                f"Received: input_shape={input_shape!r}"
            )
            raise ValueError(msg)

    layers = [keras.Input(shape=(steps, channels), name="signal")]
    for block, n_filters in enumerate(filters, start=1):
        layers += [
            keras.layers.Conv1D(n_filters, kernel_size, activation="relu", name=f"conv{block}"),
            keras.layers.MaxPooling1D(pool_size, name=f"pool{block}"),
        ]
    layers += [
        keras.layers.GlobalAveragePooling1D(name="average"),
        keras.layers.Dense(num_classes, activation="softmax", name="predictions"),
    ]
    return keras.Sequential(layers, name=name)
