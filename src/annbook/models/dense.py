"""Fully connected (dense) networks: the perceptron, the MLP, the autoencoder."""

from __future__ import annotations

from collections.abc import Sequence

import keras

from annbook._numerics import OUTPUT_ACTIVATIONS, TRAINABLE_ACTIVATIONS
from annbook._validation import (
    check_choice,
    check_int,
    check_int_sequence,
    check_model_name,
    check_rate,
    check_shape,
)

__all__ = ["build_autoencoder", "build_mlp", "build_perceptron"]

#: Weight initialisers the dense builders accept, by their Keras names.
INITIALIZERS = ("glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "random_normal")
#: Float types a dense builder can compute in.
DTYPES = ("float32", "float64")


def build_perceptron(
    *,
    input_shape: tuple[int] = (2,),
    activation: str = "sigmoid",
    dtype: str = "float32",
    name: str | None = None,
) -> keras.Model:
    """Build a single artificial neuron: a weighted sum, a bias, an activation.

    The neuron computes :math:`\\varphi(w^\\top x + b)`. With a ``"sigmoid"``
    activation and binary cross-entropy it is logistic regression, the
    differentiable cousin of Rosenblatt's (1958) perceptron, whose hard step
    cannot be trained by gradient descent (the NumPy perceptron in
    :func:`annbook.scratch.dense.train_perceptron` uses Rosenblatt's own rule instead).

    Parameters
    ----------
    input_shape : tuple of 1 int, default=(2,)
        Shape of one input example: ``(n_features,)``, the neuron's inputs.
    activation : {"sigmoid", "tanh", "relu", "linear"}, default="sigmoid"
        The neuron's activation function.
    dtype : {"float32", "float64"}, default="float32"
        Float type of the weights and computations.
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"perceptron"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name`` with
        one ``Dense`` layer of one unit, named ``"predictions"``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range or not one of the choices.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks".

    Examples
    --------
    >>> from annbook.models import build_perceptron
    >>> model = build_perceptron(input_shape=(2,))
    >>> model.count_params(), model.output_shape
    (3, (None, 1))
    """
    input_shape = check_shape("input_shape", input_shape, ndim=1)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    dtype = check_choice("dtype", dtype, DTYPES)
    name = check_model_name("name", name, default="perceptron")
    return keras.Sequential(
        [
            keras.Input(shape=input_shape, name="inputs", dtype=dtype),
            keras.layers.Dense(1, activation=activation, name="predictions", dtype=dtype),
        ],
        name=name,
    )


def build_mlp(
    *,
    input_shape: tuple[int] = (784,),
    hidden_units: Sequence[int] = (256, 128),
    activation: str = "relu",
    dropout: float = 0.0,
    num_outputs: int = 10,
    output_activation: str = "softmax",
    kernel_initializer: str = "glorot_uniform",
    dtype: str = "float32",
    name: str | None = None,
) -> keras.Model:
    """Build a multilayer perceptron: dense hidden layers, then an output layer.

    Each entry of ``hidden_units`` adds a ``Dense`` layer named ``hidden1``,
    ``hidden2``, … with the given ``activation``, followed (when
    ``dropout > 0``) by a ``Dropout`` layer named ``dropout1``, ``dropout2``,
    … . The output layer is named ``"predictions"``. With no hidden layer the
    network is a single layer of neurons (logistic or softmax regression).
    The defaults, 784 → 256 → 128 → 10 with ReLU and softmax, classify
    flattened 28 × 28 MNIST digits.

    Parameters
    ----------
    input_shape : tuple of 1 int, default=(784,)
        Shape of one input example: ``(n_features,)`` (a flattened 28 × 28
        image has 784).
    hidden_units : sequence of int, default=(256, 128)
        Width of each hidden layer, first layer first; may be empty.
    activation : {"relu", "sigmoid", "tanh", "linear"}, default="relu"
        Activation of every hidden layer.
    dropout : float, default=0.0
        Dropout rate after every hidden layer, in [0, 1); 0 adds no layer.
    num_outputs : int, default=10
        Width of the output layer (number of classes for softmax).
    output_activation : {"softmax", "sigmoid", "linear"}, default="softmax"
        Activation of the output layer.
    kernel_initializer : str, default="glorot_uniform"
        Keras initialiser of the hidden and output kernels: one of
        ``"glorot_uniform"``, ``"glorot_normal"``, ``"he_uniform"``,
        ``"he_normal"``, ``"random_normal"``. Biases start at zero.
    dtype : {"float32", "float64"}, default="float32"
        Float type of the weights and computations.
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"mlp"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range or not one of the choices.

    Notes
    -----
    Introduced in the chapter "Artificial neurons and networks"; trained
    deep in the chapter "Deep neural networks".

    Examples
    --------
    >>> from annbook.models import build_mlp
    >>> model = build_mlp()
    >>> model.count_params()
    235146
    >>> [layer.name for layer in model.layers]
    ['hidden1', 'hidden2', 'predictions']
    >>> xor_net = build_mlp(input_shape=(2,), hidden_units=(4,), activation="tanh",
    ...                     num_outputs=1, output_activation="sigmoid", name="xor")
    >>> xor_net.name, xor_net.count_params(), xor_net.output_shape
    ('xor', 17, (None, 1))
    """
    input_shape = check_shape("input_shape", input_shape, ndim=1)
    hidden_units = check_int_sequence("hidden_units", hidden_units, allow_empty=True)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    dropout = check_rate("dropout", dropout)
    num_outputs = check_int("num_outputs", num_outputs)
    output_activation = check_choice("output_activation", output_activation, OUTPUT_ACTIVATIONS)
    kernel_initializer = check_choice("kernel_initializer", kernel_initializer, INITIALIZERS)
    dtype = check_choice("dtype", dtype, DTYPES)
    name = check_model_name("name", name, default="mlp")
    if output_activation == "softmax" and num_outputs < 2:
        msg = (
            "A softmax output needs `num_outputs` >= 2; use output_activation='sigmoid' "
            f"for one output. Received: num_outputs={num_outputs!r}"
        )
        raise ValueError(msg)

    layers: list = [keras.Input(shape=input_shape, name="inputs", dtype=dtype)]
    for depth, units in enumerate(hidden_units, start=1):
        layers.append(
            keras.layers.Dense(
                units,
                activation=activation,
                kernel_initializer=kernel_initializer,
                name=f"hidden{depth}",
                dtype=dtype,
            )
        )
        if dropout > 0:
            layers.append(keras.layers.Dropout(dropout, name=f"dropout{depth}", dtype=dtype))
    layers.append(
        keras.layers.Dense(
            num_outputs,
            activation=output_activation,
            kernel_initializer=kernel_initializer,
            name="predictions",
            dtype=dtype,
        )
    )
    return keras.Sequential(layers, name=name)


def build_autoencoder(
    *,
    input_shape: tuple[int] = (784,),
    code_units: int = 256,
    activation: str = "sigmoid",
    decoder_activation: str = "linear",
    input_dropout: float = 0.0,
    name: str | None = None,
) -> keras.Model:
    """Build a one-hidden-layer autoencoder: encode, then reconstruct the input.

    The ``"encoder"`` layer maps the input to a code of ``code_units``
    values, the ``"decoder"`` layer maps the code back to as many values as
    the input has; trained to reproduce its input (for example with the mean
    squared error), the encoder learns features of unlabelled data. With
    ``input_dropout > 0`` a ``Dropout`` layer named ``"input_dropout"`` first
    zeroes that fraction of the inputs during training (and scales the kept
    ones by 1 / (1 - rate)), which makes it a denoising autoencoder (Vincent
    et al., 2008). Stacked, such autoencoders pre-train
    a deep network layer by layer (Bengio et al., 2007), the practical
    stand-in for the restricted Boltzmann machines of Hinton's deep belief
    nets (2006).

    Parameters
    ----------
    input_shape : tuple of 1 int, default=(784,)
        Shape of one input example, ``(n_features,)``, and of its
        reconstruction.
    code_units : int, default=256
        Width of the code, the encoder's output.
    activation : {"sigmoid", "tanh", "relu", "linear"}, default="sigmoid"
        Activation of the encoder.
    decoder_activation : {"linear", "sigmoid", "tanh", "relu"}, default="linear"
        Activation of the decoder: ``"sigmoid"`` suits inputs in [0, 1],
        ``"linear"`` any real inputs.
    input_dropout : float, default=0.0
        Dropout rate on the inputs during training, in [0, 1); 0 adds no layer.
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"autoencoder"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range or not one of the choices.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> from annbook.models import build_autoencoder
    >>> model = build_autoencoder(input_shape=(784,), code_units=64)
    >>> [layer.name for layer in model.layers], model.output_shape
    (['encoder', 'decoder'], (None, 784))
    >>> model.count_params()  # 784*64 + 64 + 64*784 + 784
    101200
    """
    (n_features,) = check_shape("input_shape", input_shape, ndim=1)
    code_units = check_int("code_units", code_units)
    activation = check_choice("activation", activation, TRAINABLE_ACTIVATIONS)
    decoder_activation = check_choice(
        "decoder_activation", decoder_activation, TRAINABLE_ACTIVATIONS
    )
    input_dropout = check_rate("input_dropout", input_dropout)
    name = check_model_name("name", name, default="autoencoder")

    layers: list = [keras.Input(shape=(n_features,), name="inputs")]
    if input_dropout > 0:
        layers.append(keras.layers.Dropout(input_dropout, name="input_dropout"))
    layers += [
        keras.layers.Dense(code_units, activation=activation, name="encoder"),
        keras.layers.Dense(n_features, activation=decoder_activation, name="decoder"),
    ]
    return keras.Sequential(layers, name=name)
