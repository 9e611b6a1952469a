"""Helpers that make training runs repeatable."""

from __future__ import annotations

import math
import numbers
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import keras
import numpy as np
import tensorflow as tf

from annbook._validation import (
    check_array,
    check_bool,
    check_choice,
    check_int,
    check_labels,
    check_model,
    check_model_input,
    check_positive_float,
    check_rate,
    check_seed,
)

__all__ = ["set_seed"]
__all__ += ["input_gradient_norms"]
__all__ += ["fit_and_evaluate", "layer_delta_norms", "layer_gradient_norms", "pretrain_layerwise"]
__all__ += ["EpochTimer", "InferenceEvaluation"]
__all__ += ["Paired", "Repeats", "repeat"]

#: The optimizers :func:`fit_and_evaluate` trains with, by name.
OPTIMIZERS = {"adam": keras.optimizers.Adam, "sgd": keras.optimizers.SGD}


def set_seed(seed: int, *, deterministic: bool = True) -> None:
    """Seed every random generator a Keras run uses, and pin its op order.

    Calls :func:`keras.utils.set_random_seed`, which seeds Python's
    ``random``, NumPy and TensorFlow (and so weight initialisers, dropout
    masks and ``fit``'s shuffling), and with ``deterministic=True`` also
    :func:`tf.config.experimental.enable_op_determinism`, so that ops whose
    CPU kernels could sum in a varying order give the same result every run.
    Two runs of the same cell then print the same numbers.

    Parameters
    ----------
    seed : int
        A non-negative integer.
    deterministic : bool, default=True
        Also make TensorFlow's ops deterministic (slightly slower).

    Raises
    ------
    TypeError
        If ``seed`` is not an integer or ``deterministic`` not a bool.
    ValueError
        If ``seed`` is negative.

    Notes
    -----
    Introduced in the chapter "Train a CNN on MNIST", where the lecture
    notebook called ``tf.random.set_seed(3)``.

    Examples
    --------
    >>> import keras
    >>> from annbook.training import set_seed
    >>> set_seed(3)
    >>> a = keras.random.uniform((2,)).numpy()
    >>> set_seed(3)
    >>> b = keras.random.uniform((2,)).numpy()
    >>> bool((a == b).all())
    True
    """
    seed = check_seed("seed", seed)
    deterministic = check_bool("deterministic", deterministic)
    keras.utils.set_random_seed(seed)
    if deterministic:
        tf.config.experimental.enable_op_determinism()


def _loss_function(model: keras.Model, loss: object) -> Callable:
    """Return the loss that ``loss`` names; the model's compiled loss if it is None."""
    if loss is None:
        if not model.compiled or model.loss is None:
            msg = (
                "`loss` must be given when `model` is not compiled with a loss: pass a "
                "Keras loss name such as loss='mse', or compile the model first. "
                "Received: loss=None"
            )
            raise ValueError(msg)
        loss = model.loss
    if isinstance(loss, str):
        try:
            return keras.losses.get(loss)
        except ValueError:
            msg = f"`loss` must be a Keras loss name or a callable. Received: loss={loss!r}"
            raise ValueError(msg) from None
    if callable(loss):
        return loss
    msg = f"`loss` must be a Keras loss name, a callable or None. Received: loss={loss!r}"
    raise TypeError(msg)


def _mean_loss(loss_fn: Callable, y: np.ndarray, y_pred: tf.Tensor) -> tf.Tensor:
    """The mean of ``loss_fn`` over the batch, as ``fit`` would compute it.

    Targets the loss cannot compare with the model's outputs (shapes that do not
    broadcast, labels outside the classes) raise ``ValueError`` naming ``y``.
    """
    try:
        if isinstance(loss_fn, keras.losses.Loss):
            return loss_fn(y, y_pred)
        if y.ndim == len(y_pred.shape) - 1 and y_pred.shape[-1] == 1:
            y = y[..., None]  # (batch,) targets of a one-unit output
        return tf.reduce_mean(loss_fn(y, y_pred))
    except (tf.errors.InvalidArgumentError, ValueError) as error:
        name = getattr(loss_fn, "name", getattr(loss_fn, "__name__", repr(loss_fn)))
        msg = (
            f"`y` must be targets the loss {name!r} can compare with the model's outputs, "
            f"shape {tuple(y_pred.shape)}. Received: y.shape={y.shape}"
        )
        raise ValueError(msg) from error


def _check_batch(x: object, y: object) -> tuple[np.ndarray, np.ndarray]:
    x = check_array("x", x, dtype="number")
    y = check_array("y", y, dtype="number")
    if x.ndim < 2 or len(x) == 0:
        msg = (
            f"`x` must be a batch (n >= 1 examples, batch axis first). Received: x.shape={x.shape}"
        )
        raise ValueError(msg)
    if y.ndim == 0 or len(y) != len(x):
        msg = f"`y` must hold one target per example of `x` ({len(x)}). Received: y.shape={y.shape}"
        raise ValueError(msg)
    return x, y


def input_gradient_norms(
    model: keras.Model, x: np.ndarray, y: np.ndarray, *, loss: str | Callable | None = None
) -> np.ndarray:
    """Measure how strongly the loss reacts to each time step of the input.

    For a model that reads sequences of shape (batch, steps, features),
    compute the gradient ``d loss / d x_t`` of the mean loss over the batch
    at every step t, take its Euclidean norm over the features, and average
    over the batch. In a network with vanishing gradients, the norm falls
    fast as t moves away from the last step. The model's weights do not
    change, and dropout is off.

    Parameters
    ----------
    model : keras.Model
        A model whose output has one row per sequence, like ``y``.
    x : numpy.ndarray
        Sequences of numbers, shape (batch, steps, features).
    y : numpy.ndarray
        Targets of shape (batch,) or (batch, outputs), as ``loss`` expects.
    loss : str or callable, default=None
        A Keras loss name (``"mse"``), or a function ``loss(y_true,
        y_pred)``; None means the loss ``model`` was compiled with, and is
        an error for a model not compiled.

    Returns
    -------
    numpy.ndarray
        float64 array of shape (steps,): the mean gradient norm at each step,
        the first step first.

    Raises
    ------
    TypeError
        If ``model`` is not a keras.Model, an array is not a numeric array or
        ``loss`` is not a name, a callable or None.
    ValueError
        If ``x`` is not 3-D or does not fit the model's input, ``y`` has
        another batch size, ``loss`` is an unknown name, or None for a model
        not compiled.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_simple_rnn
    >>> from annbook.training import input_gradient_norms, set_seed
    >>> set_seed(0)
    >>> model = build_simple_rnn(input_shape=(20, 1), units=4)
    >>> norms = input_gradient_norms(model, np.ones((8, 20, 1)), np.zeros(8), loss="mse")
    >>> norms.shape, bool(norms[-1] > norms[0])
    ((20,), True)
    """
    model = check_model("model", model, built=True)
    x, y = _check_batch(x, y)
    if x.ndim != 3:
        msg = f"`x` must have shape (batch, steps, features). Received: x.shape={x.shape}"
        raise ValueError(msg)
    check_model_input("x", x, model)
    loss_fn = _loss_function(model, loss)
    inputs = tf.convert_to_tensor(x, dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        value = _mean_loss(loss_fn, y, model(inputs, training=False))
    gradient = tape.gradient(value, inputs).numpy().astype(np.float64)
    return np.linalg.norm(gradient, axis=-1).mean(axis=0)


def _check_rows(name: str, x: object, *, width: int) -> np.ndarray:
    x = check_array(name, x, dtype="number")
    if x.ndim != 2 or len(x) == 0 or x.shape[1] != width:
        msg = f"`{name}` must have shape (n, {width}) with n >= 1. Received: {name}.shape={x.shape}"
        raise ValueError(msg)
    return x


def _hidden_layers(model: keras.Model) -> list[keras.layers.Dense]:
    hidden = [
        layer
        for layer in model.layers
        if isinstance(layer, keras.layers.Dense) and layer.name.startswith("hidden")
    ]
    if not hidden:
        names = [layer.name for layer in model.layers]
        msg = (
            "`model` must have Dense layers named 'hidden1', 'hidden2', ..., as "
            f"annbook.models.build_mlp makes. Received: model={model.name!r} with layers {names}"
        )
        raise ValueError(msg)
    return hidden


def pretrain_layerwise(
    model: keras.Model,
    x: np.ndarray,
    *,
    epochs: int = 1,
    batch_size: int = 256,
    learning_rate: float = 1e-3,
    input_dropout: float = 0.0,
) -> list[float]:
    """Pre-train the hidden layers of an MLP greedily, one autoencoder at a time.

    Greedy layer-wise pre-training (Hinton, Osindero and Teh, 2006; Bengio
    et al., 2007) without labels: the first hidden layer is trained as the
    encoder of an autoencoder (:func:`annbook.models.build_autoencoder`, same
    width and activation, linear decoder, mean squared error, Adam) that
    reconstructs ``x``; its weights are copied into the layer, ``x`` is
    passed through it, and the next hidden layer is trained the same way on
    those codes, and so on. The output layer is left as it is. Fine-tune the
    whole network with labels afterwards.

    Parameters
    ----------
    model : keras.Model
        A network from :func:`annbook.models.build_mlp`; its ``Dense`` layers
        named ``hidden1``, ``hidden2``, … are overwritten in place.
    x : numpy.ndarray
        Unlabelled inputs of shape (n, n_features).
    epochs : int, default=1
        Epochs of autoencoder training per layer.
    batch_size : int, default=256
        Examples per gradient step.
    learning_rate : float, default=1e-3
        Adam's learning rate.
    input_dropout : float, default=0.0
        Dropout rate on each autoencoder's inputs during training (a
        denoising autoencoder), in [0, 1).

    Returns
    -------
    list of float
        The final-epoch reconstruction loss of each layer's autoencoder.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, ``x`` does not fit the model, or the
        model has no hidden layers or does not take flat examples.

    Notes
    -----
    Introduced in the chapter "Deep neural networks". For a model built in
    the scope of a ``tf.distribute`` strategy, the autoencoders are built
    and trained in that scope too.

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import pretrain_layerwise, set_seed
    >>> set_seed(0)
    >>> model = build_mlp(input_shape=(8,), hidden_units=(4, 2), activation="sigmoid")
    >>> x = np.random.default_rng(0).random((64, 8)).astype("float32")
    >>> losses = pretrain_layerwise(model, x, epochs=2, batch_size=32)
    >>> len(losses)
    2
    """
    model = check_model("model", model, built=True)
    hidden = _hidden_layers(model)
    if len(model.input_shape) != 2:
        msg = (
            "`model` must take flat examples, shape (n_features,), as annbook.models.build_mlp "
            f"makes. Received: model={model.name!r} with input shape {model.input_shape}"
        )
        raise ValueError(msg)
    x = _check_rows("x", x, width=model.input_shape[-1])
    epochs = check_int("epochs", epochs)
    batch_size = check_int("batch_size", batch_size)
    learning_rate = check_positive_float("learning_rate", learning_rate)
    input_dropout = check_rate("input_dropout", input_dropout)

    # Imported here: annbook.models imports this module's neighbours, not it.
    from annbook.models.dense import build_autoencoder  # noqa: PLC0415

    codes = x.astype(model.layers[0].dtype, copy=False)
    losses = []
    for layer in hidden:
        # In the scope of the model's tf.distribute strategy (the default one for a
        # model built outside any), so that its variables live where the model's do.
        with model.distribute_strategy.scope():
            autoencoder = build_autoencoder(
                input_shape=(codes.shape[1],),
                code_units=layer.units,
                activation=layer.get_config()["activation"],
                decoder_activation="linear",
                input_dropout=input_dropout,
            )
            autoencoder.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="mse")
        history = autoencoder.fit(
            codes, codes, epochs=epochs, batch_size=batch_size, shuffle=True, verbose=0
        )
        losses.append(float(history.history["loss"][-1]))
        layer.set_weights(autoencoder.get_layer("encoder").get_weights())
        codes = keras.ops.convert_to_numpy(layer(codes))
    return losses


def layer_gradient_norms(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    loss: str | Callable | None = None,
) -> dict[str, float]:
    """Measure the size of the loss gradient at each layer's weights.

    One forward and backward pass over the batch ``(x, y)`` in inference
    mode (dropout off), with the weights unchanged. For every layer that has
    a ``kernel`` the result holds the Euclidean (Frobenius) norm of
    :math:`\\partial L / \\partial W`, in the order of the layers, input
    side first: small norms near the input are the vanishing gradient.

    Parameters
    ----------
    model : keras.Model
        Any Keras model whose layers have ``kernel`` weights.
    x : numpy.ndarray
        A batch of inputs, batch axis first.
    y : numpy.ndarray
        The batch's targets, as ``loss`` expects them.
    loss : str or callable, default=None
        A Keras loss name (``"sparse_categorical_crossentropy"``), or a
        function ``loss(y_true, y_pred)``; None means the loss ``model`` was
        compiled with, and is an error for a model not compiled. Its mean
        over the batch is differentiated.

    Returns
    -------
    dict of str to float
        Gradient norm per layer name.

    Raises
    ------
    TypeError
        If ``model`` is not a keras.Model, ``x``/``y`` are not numeric arrays
        or ``loss`` is not a name, a callable or None.
    ValueError
        If ``x`` and ``y`` differ in length, ``x`` does not fit the model's
        input, ``loss`` is an unknown name, or None for a model not compiled.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import layer_gradient_norms, set_seed
    >>> set_seed(0)
    >>> model = build_mlp(input_shape=(4,), hidden_units=(3, 3), num_outputs=2)
    >>> x, y = np.ones((5, 4), dtype="float32"), np.array([0, 1, 0, 1, 1])
    >>> norms = layer_gradient_norms(model, x, y, loss="sparse_categorical_crossentropy")
    >>> list(norms)
    ['hidden1', 'hidden2', 'predictions']
    """
    model = check_model("model", model, built=True)
    x, y = _check_batch(x, y)
    check_model_input("x", x, model)
    loss_fn = _loss_function(model, loss)
    layers = [layer for layer in model.layers if hasattr(layer, "kernel")]
    kernels = [layer.kernel for layer in layers]
    with tf.GradientTape() as tape:
        value = _mean_loss(loss_fn, y, model(x, training=False))
    gradients = tape.gradient(value, kernels)
    return {
        layer.name: float(tf.norm(gradient))
        for layer, gradient in zip(layers, gradients, strict=True)
    }


def layer_delta_norms(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    loss: str | Callable | None = None,
) -> dict[str, float]:
    """Measure the error signal backpropagation carries into each dense layer.

    For every ``Dense`` layer ``l`` of a chain of ``Dense`` and ``Dropout``
    layers, the error signal of one example is
    :math:`\\delta_l = \\partial L / \\partial z_l`, the gradient of that
    example's loss with respect to the layer's weighted sums
    :math:`z_l = h_{l-1} W_l + b_l`, before the activation. Backpropagation
    computes :math:`\\delta_l` from :math:`\\delta_{l+1}` by one multiplication
    with :math:`W_{l+1}^\\top` and one with the activation's slope, so the
    ratio of neighbouring layers' norms is what one layer does to the signal.
    The weight gradient :math:`\\partial L / \\partial W_l = h_{l-1}^\\top \\delta_l`
    also depends on the layer's inputs; :math:`\\delta_l` does not. One
    forward and backward pass in inference mode (dropout off); the weights
    do not change.

    Parameters
    ----------
    model : keras.Model
        A ``keras.Sequential`` chain of ``Dense`` and ``Dropout`` layers, such
        as :func:`annbook.models.build_mlp` makes.
    x : numpy.ndarray
        A batch of inputs, shape (batch, n_features).
    y : numpy.ndarray
        The batch's targets, as ``loss`` expects them.
    loss : str or callable, default=None
        A Keras loss name (``"sparse_categorical_crossentropy"``), or a
        function ``loss(y_true, y_pred)``; None means the loss ``model`` was
        compiled with, and is an error for a model not compiled.

    Returns
    -------
    dict of str to float
        For each ``Dense`` layer's name, input side first, the Euclidean norm
        of :math:`\\delta_l` averaged over the examples of the batch.

    Raises
    ------
    TypeError
        If ``model`` is not a keras.Model, ``x``/``y`` are not numeric arrays
        or ``loss`` is not a name, a callable or None.
    ValueError
        If ``model`` has layers other than ``Dense`` and ``Dropout``, ``x``
        and ``y`` differ in length, ``x`` does not fit the model's input,
        ``loss`` is an unknown name, or None for a model not compiled.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import layer_delta_norms, set_seed
    >>> set_seed(0)
    >>> model = build_mlp(input_shape=(4,), hidden_units=(3, 3), num_outputs=2)
    >>> x, y = np.ones((5, 4), dtype="float32"), np.array([0, 1, 0, 1, 1])
    >>> norms = layer_delta_norms(model, x, y, loss="sparse_categorical_crossentropy")
    >>> list(norms)
    ['hidden1', 'hidden2', 'predictions']
    """
    model = check_model("model", model, built=True)
    others = [
        layer.name
        for layer in model.layers
        if not isinstance(layer, keras.layers.Dense | keras.layers.Dropout)
    ]
    if others or not model.layers:
        msg = (
            "`model` must be a chain of Dense and Dropout layers, as annbook.models.build_mlp "
            f"makes. Received: model={model.name!r} with other layers {others}"
        )
        raise ValueError(msg)
    x, y = _check_batch(x, y)
    check_model_input("x", x, model)
    loss_fn = _loss_function(model, loss)
    dense, sums = [], []
    with tf.GradientTape() as tape:
        h = tf.convert_to_tensor(x, dtype=model.layers[0].dtype)
        for layer in model.layers:
            if isinstance(layer, keras.layers.Dense):
                z = tf.matmul(h, layer.kernel)
                z = z if layer.bias is None else z + layer.bias
                tape.watch(z)
                dense.append(layer)
                sums.append(z)
                h = layer.activation(z)
            else:
                h = layer(h, training=False)
        # The batch's summed loss: row n of its gradient is example n's own delta.
        value = _mean_loss(loss_fn, y, h) * len(x)
    deltas = tape.gradient(value, sums)
    return {
        layer.name: float(tf.reduce_mean(tf.norm(delta, axis=-1)))
        for layer, delta in zip(dense, deltas, strict=True)
    }


def fit_and_evaluate(
    model: keras.Model,
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
    *,
    epochs: int = 10,
    batch_size: int = 32,
    optimizer: str = "adam",
    learning_rate: float = 1e-3,
) -> float:
    """Compile a classifier, fit it and return its accuracy on test data.

    Compiles ``model`` with ``optimizer`` and sparse categorical cross-entropy (so
    the labels are integers and the output a softmax), trains it silently
    on ``(x_train, y_train)`` and evaluates it on ``(x_test, y_test)`` (in
    batches of 1,024, which changes only the speed). It is the few lines a
    chapter would otherwise repeat for every run of an experiment.

    Parameters
    ----------
    model : keras.Model
        A classifier with a softmax output.
    x_train, y_train : numpy.ndarray
        Training inputs, of any shape with the batch axis first (vectors,
        sequences, images), and integer labels.
    x_test, y_test : numpy.ndarray
        Test inputs, shaped like the training inputs, and integer labels.
    epochs : int, default=10
        Passes over the training data.
    batch_size : int, default=32
        Examples per gradient step.
    optimizer : {"adam", "sgd"}, default="adam"
        Adam, or plain stochastic gradient descent (no momentum).
    learning_rate : float, default=1e-3
        The optimizer's learning rate.

    Returns
    -------
    float
        Accuracy on the test data, between 0 and 1. The model stays trained,
        so ``model.evaluate`` can measure it on other data afterwards.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, inputs and labels differ in length,
        training and test examples differ in shape or do not fit the model's
        input, the model is no classifier of at least two classes, or a
        label is not a class index of the model's output.

    Notes
    -----
    Introduced in the chapter "Deep neural networks". A model built in the
    scope of a ``tf.distribute`` strategy is compiled in that scope, so that
    the optimizer's variables are mirrored like its weights, and trained on
    all the strategy's replicas ("Training on many devices").

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import fit_and_evaluate, set_seed
    >>> set_seed(0)
    >>> x = np.eye(2, dtype="float32").repeat(8, axis=0)
    >>> y = np.array([0, 1]).repeat(8)
    >>> model = build_mlp(input_shape=(2,), hidden_units=(4,), num_outputs=2)
    >>> fit_and_evaluate(model, x, y, x, y, epochs=8, batch_size=4, learning_rate=0.1)
    1.0
    """
    model = check_model("model", model, built=True)
    if len(model.output_shape) != 2 or (model.output_shape[-1] or 0) < 2:
        msg = (
            "`model` must be a classifier with one output per class, shape (batch, classes), "
            f"classes >= 2. Received: model={model.name!r} with output shape {model.output_shape}"
        )
        raise ValueError(msg)
    for name, value in (("x_train", x_train), ("x_test", x_test)):
        check_array(name, value, dtype="number")
        if value.ndim < 2 or len(value) == 0:
            msg = (
                f"`{name}` must be a batch of n >= 1 examples, batch axis first, "
                f"of any shape. Received: {name}.shape={value.shape}"
            )
            raise ValueError(msg)
        check_model_input(name, value, model)
    if x_test.shape[1:] != x_train.shape[1:]:
        msg = (
            f"`x_test` must hold examples of the shape of `x_train`'s, {x_train.shape[1:]}. "
            f"Received: x_test.shape={x_test.shape}"
        )
        raise ValueError(msg)
    for x_name, x_value, y_name, y_value in (
        ("x_train", x_train, "y_train", y_train),
        ("x_test", x_test, "y_test", y_test),
    ):
        check_array(y_name, y_value, dtype="number")
        if y_value.ndim == 0 or len(y_value) != len(x_value):
            msg = (
                f"`{y_name}` must have one label per example of `{x_name}` ({len(x_value)}). "
                f"Received: {y_name}.shape={y_value.shape}"
            )
            raise ValueError(msg)
        check_labels(y_name, y_value, num_classes=model.output_shape[-1])
    epochs = check_int("epochs", epochs)
    batch_size = check_int("batch_size", batch_size)
    optimizer = check_choice("optimizer", optimizer, tuple(OPTIMIZERS))
    learning_rate = check_positive_float("learning_rate", learning_rate)

    # The optimizer's variables are made in the scope of the strategy the model was built in.
    with model.distribute_strategy.scope():
        model.compile(
            optimizer=OPTIMIZERS[optimizer](learning_rate),
            loss="sparse_categorical_crossentropy",
            metrics=["accuracy"],
        )
    model.fit(x_train, y_train, epochs=epochs, batch_size=batch_size, verbose=0)
    _, accuracy = model.evaluate(x_test, y_test, batch_size=1024, verbose=0)
    return float(accuracy)


class EpochTimer(keras.callbacks.Callback):
    """A Keras callback that measures how long each epoch of ``fit`` takes.

    Pass it to ``fit(..., callbacks=[timer])``; afterwards ``timer.seconds``
    holds one wall-clock time per epoch, in seconds, the first epoch first.
    The first epoch also traces and compiles the training step, so compare
    speeds on the later ones.

    Attributes
    ----------
    seconds : list of float
        The duration of each epoch of the last ``fit`` the timer was passed to.

    Notes
    -----
    Introduced in the chapter "Training on many devices".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import EpochTimer
    >>> model = build_mlp(input_shape=(2,), hidden_units=(2,), num_outputs=1, output_activation="linear")
    >>> model.compile(loss="mse")
    >>> timer = EpochTimer()
    >>> _ = model.fit(np.zeros((4, 2)), np.zeros(4), epochs=3, verbose=0, callbacks=[timer])
    >>> len(timer.seconds), all(s > 0 for s in timer.seconds)
    (3, True)
    """

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self._start = 0.0

    def on_train_begin(self, logs: dict | None = None) -> None:  # noqa: ARG002
        """Forget the times of an earlier ``fit``."""
        self.seconds = []

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:  # noqa: ARG002
        """Start the clock."""
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:  # noqa: ARG002
        """Record the epoch's time."""
        self.seconds.append(time.perf_counter() - self._start)


#: The fewest seeds a paired summary takes: with fewer, every seed agreeing
#: would still be likely by chance (two seeds agree half the time).
MIN_PAIRED_SEEDS = 3


def _format(value: float) -> str:
    return f"{value:.4g}"


@dataclass(frozen=True)
class Paired:
    """The differences ``a - b`` of two conditions, seed by seed: what :meth:`Repeats.paired` returns.

    Attributes
    ----------
    a : str
        The name of the first condition compared.
    b : str
        The name of the second condition compared.
    differences : tuple of float
        ``a - b`` for each seed, in the order of the seeds.
    """

    a: str
    b: str
    differences: tuple[float, ...]

    @property
    def n(self) -> int:
        """The number of seeds, so of paired differences."""
        return len(self.differences)

    @property
    def mean(self) -> float:
        """The mean difference."""
        return statistics.fmean(self.differences)

    @property
    def sd(self) -> float:
        """The standard deviation of the differences over the seeds (n - 1 in the denominator)."""
        return statistics.stdev(self.differences)

    @property
    def min(self) -> float:
        """The smallest difference."""
        return min(self.differences)

    @property
    def max(self) -> float:
        """The largest difference."""
        return max(self.differences)

    @property
    def favour_a(self) -> int:
        """How many seeds favour ``a``: those where ``a - b > 0``."""
        return sum(difference > 0 for difference in self.differences)

    def __str__(self) -> str:
        return (
            f"{self.a} - {self.b} over {self.n} seeds: mean {_format(self.mean)} "
            f"± {_format(self.sd)} (sd), from {_format(self.min)} to {_format(self.max)}; "
            f"{self.favour_a} of {self.n} seeds favour {self.a}"
        )


@dataclass(frozen=True)
class Repeats:
    """One experiment run once per seed: its numbers by name, one per seed.

    Made by :func:`repeat`. ``str()`` (and :meth:`table`) shows one row per
    seed, then the mean and the standard deviation of each column.

    Attributes
    ----------
    seeds : tuple of int
        The seeds, in the order they ran.
    results : dict of str to tuple of float
        For each name the run returned, its number for each seed.
    """

    seeds: tuple[int, ...]
    results: Mapping[str, tuple[float, ...]]

    @property
    def names(self) -> list[str]:
        """The names each run returned, in the order of the first run."""
        return list(self.results)

    def _check_name(self, argument: str, name: object) -> str:
        if not isinstance(name, str) or name not in self.results:
            msg = f"`{argument}` must be one of {self.names}. Received: {argument}={name!r}"
            raise (ValueError if isinstance(name, str) else TypeError)(msg)
        return name

    def values(self, name: str) -> list[float]:
        """Return the numbers of ``name``, one per seed, in the order of the seeds."""
        return list(self.results[self._check_name("name", name)])

    def mean(self, name: str) -> float:
        """Return the mean of ``name`` over the seeds."""
        return statistics.fmean(self.values(name))

    def spread(self, name: str) -> tuple[float, float]:
        """Return the smallest and the largest number of ``name`` over the seeds."""
        values = self.values(name)
        return min(values), max(values)

    def paired(self, a: str, b: str) -> Paired:
        """Return the differences ``a - b`` seed by seed, with their summary.

        Both conditions ran from the same seed, so each difference compares
        like with like; the spread of the differences says how much of the
        mean difference the seed alone could make. It needs at least
        three seeds.
        """
        a, b = self._check_name("a", a), self._check_name("b", b)
        if a == b:
            msg = f"`a` and `b` must name two different conditions. Received: a={a!r}, b={b!r}"
            raise ValueError(msg)
        if len(self.seeds) < MIN_PAIRED_SEEDS:
            msg = (
                f"a paired summary needs at least {MIN_PAIRED_SEEDS} seeds. "
                f"Received: seeds={list(self.seeds)}"
            )
            raise ValueError(msg)
        differences = zip(self.results[a], self.results[b], strict=True)
        return Paired(a, b, tuple(x - y for x, y in differences))

    def table(self) -> str:
        """Return the numbers as a table: one row per seed, then each name's mean and sd.

        The standard deviation (n - 1 in the denominator) needs two seeds.
        """
        rows = [["seed", *self.names]]
        rows += [
            [str(seed), *(_format(self.results[name][i]) for name in self.names)]
            for i, seed in enumerate(self.seeds)
        ]
        rows.append(["mean", *(_format(self.mean(name)) for name in self.names)])
        if len(self.seeds) > 1:
            rows.append(
                ["sd", *(_format(statistics.stdev(self.values(name))) for name in self.names)]
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return "\n".join(
            "  ".join(
                cell.ljust(width) if i == 0 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(row, widths, strict=True))
            ).rstrip()
            for row in rows
        )

    def __str__(self) -> str:
        return self.table()


def _check_seeds(seeds: object) -> tuple[int, ...]:
    if isinstance(seeds, str | bytes) or not isinstance(seeds, Sequence):
        msg = f"`seeds` must be a sequence of distinct seeds. Received: seeds={seeds!r}"
        raise TypeError(msg)
    if len(seeds) == 0:
        msg = f"`seeds` must hold at least one seed. Received: seeds={seeds!r}"
        raise ValueError(msg)
    checked = tuple(check_seed(f"seeds[{i}]", seed) for i, seed in enumerate(seeds))
    if len(set(checked)) != len(checked):
        msg = (
            "`seeds` must be distinct: a seed run twice repeats the same run. "
            f"Received: seeds={list(seeds)!r}"
        )
        raise ValueError(msg)
    return checked


def _check_result(i: int, seed: int, result: object, names: list[str] | None) -> dict[str, float]:
    where = f"seeds[{i}]={seed}"
    if not isinstance(result, Mapping) or not result:
        msg = (
            "`run` must return a dict of numbers by name, at least one. "
            f"Received: run returned {result!r} for {where}"
        )
        raise TypeError(msg)
    if names is not None and list(result) != names:
        msg = (
            f"`run` must return the same names for every seed, {names}. "
            f"Received: run returned {list(result)} for {where}"
        )
        raise ValueError(msg)
    checked = {}
    for name, value in result.items():
        if not isinstance(name, str):
            msg = f"`run` must return numbers by name (str). Received: run returned {result!r} for {where}"
            raise TypeError(msg)
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            msg = f"`run` must return real numbers. Received: run returned {name}={value!r} for {where}"
            raise TypeError(msg)
        if not math.isfinite(value):
            msg = f"`run` must return finite numbers. Received: run returned {name}={value!r} for {where}"
            raise ValueError(msg)
        checked[name] = float(value)
    return checked


def repeat(run: Callable[[int], Mapping[str, float]], *, seeds: Sequence[int]) -> Repeats:
    """Run an experiment once per seed and collect its numbers, paired by seed.

    A difference between two trainings that one seed shows may be the seed's
    doing: another initialisation, another shuffle, and it may shrink or turn
    round. Run the experiment over several seeds, with every condition of
    the comparison trained from the same seed, and look at the differences
    seed by seed (:meth:`Repeats.paired`): a difference within the spread
    over seeds is no difference.

    Parameters
    ----------
    run : callable
        ``run(seed)`` runs the experiment once and returns a dict of finite
        numbers by name: one per condition or metric, the same names every
        time (``{"pretrained": 0.93, "random": 0.91}``). It seeds its own
        randomness from ``seed``: :func:`set_seed` for Keras, or
        ``numpy.random.default_rng(seed)``.
    seeds : sequence of int
        Distinct non-negative seeds, one run each, in this order.

    Returns
    -------
    Repeats
        The numbers of every run; ``str()`` of it is a table of them.

    Raises
    ------
    TypeError
        If ``run`` is not callable, ``seeds`` not a sequence of integers, or
        a run returns anything but a dict of real numbers by name.
    ValueError
        If ``seeds`` is empty, holds a negative seed or one twice, or a run
        returns a number that is not finite, or other names than the
        first run.

    Notes
    -----
    Introduced in the chapter "Deep neural networks", where layer-wise
    pretraining is compared with a random initialisation over several seeds.
    ``repeat`` sets no seed itself: the reader's ``run`` shows where each
    seed goes, and a run that draws no random numbers (a NumPy network with
    its own generator, say) needs no Keras.

    Examples
    --------
    Two conditions that share each seed, here a table of made-up accuracies:

    >>> from annbook.training import repeat
    >>> accuracy = {0: (0.91, 0.88), 1: (0.93, 0.90), 2: (0.90, 0.91)}
    >>> def run(seed):
    ...     wide, narrow = accuracy[seed]
    ...     return {"wide": wide, "narrow": narrow}
    >>> repeats = repeat(run, seeds=[0, 1, 2])
    >>> repeats.values("narrow")
    [0.88, 0.9, 0.91]
    >>> print(repeats)
    seed     wide   narrow
    0        0.91     0.88
    1        0.93      0.9
    2         0.9     0.91
    mean   0.9133   0.8967
    sd    0.01528  0.01528
    >>> print(repeats.paired("wide", "narrow"))
    wide - narrow over 3 seeds: mean 0.01667 ± 0.02309 (sd), from -0.01 to 0.03; 2 of 3 seeds favour wide
    """
    if not callable(run):
        msg = f"`run` must be a function of a seed. Received: run={run!r}"
        raise TypeError(msg)
    seeds = _check_seeds(seeds)
    results: dict[str, list[float]] = {}
    for i, seed in enumerate(seeds):
        checked = _check_result(i, seed, run(seed), list(results) if results else None)
        for name, value in checked.items():
            results.setdefault(name, []).append(value)
    return Repeats(seeds, {name: tuple(values) for name, values in results.items()})


class InferenceEvaluation(keras.callbacks.Callback):
    """A Keras callback that measures a classifier on fixed data after every epoch, dropout off.

    The loss and accuracy ``fit`` reports for the training data are averages
    over the epoch's batches, taken while the weights still change and with
    dropout on. Passed to ``fit(..., callbacks=[evaluation])``, this callback
    instead runs the model in inference mode (``training=False``, as
    validation data are measured) on ``(x, y)`` at the end of every epoch and
    records its sparse categorical cross-entropy and accuracy. With the
    training data as ``(x, y)`` the gap to the validation curves is then the
    gap between the data the network learnt from and data it has not seen.

    Parameters
    ----------
    x : numpy.ndarray
        Inputs, batch axis first, as the model takes them.
    y : numpy.ndarray
        Integer class labels, one per example.
    batch_size : int, default=1024
        Examples per forward pass (changes only the speed).

    Attributes
    ----------
    losses, accuracies : list of float
        One value per epoch of the last ``fit`` the callback was passed to.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``x`` is empty or ``y`` does not hold one label per example.

    Notes
    -----
    Introduced in the chapter "Deep neural networks".

    Examples
    --------
    >>> import numpy as np
    >>> from annbook.models import build_mlp
    >>> from annbook.training import InferenceEvaluation, set_seed
    >>> set_seed(0)
    >>> x, y = np.eye(2, dtype="float32").repeat(4, axis=0), np.array([0, 1]).repeat(4)
    >>> model = build_mlp(input_shape=(2,), hidden_units=(4,), num_outputs=2, dropout=0.5)
    >>> model.compile(loss="sparse_categorical_crossentropy")
    >>> evaluation = InferenceEvaluation(x, y)
    >>> _ = model.fit(x, y, epochs=3, verbose=0, callbacks=[evaluation])
    >>> len(evaluation.losses), len(evaluation.accuracies)
    (3, 3)
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, *, batch_size: int = 1024) -> None:
        super().__init__()
        x, y = _check_batch(x, y)
        self.x, self.y = x, y.astype(np.int64).reshape(-1)
        self.batch_size = check_int("batch_size", batch_size)
        self.losses: list[float] = []
        self.accuracies: list[float] = []

    def on_train_begin(self, logs: dict | None = None) -> None:  # noqa: ARG002
        """Forget the values of an earlier ``fit``."""
        self.losses, self.accuracies = [], []

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:  # noqa: ARG002
        """Measure the model on the data, dropout off."""
        probabilities = np.concatenate([
            keras.ops.convert_to_numpy(
                self.model(self.x[start : start + self.batch_size], training=False)
            )
            for start in range(0, len(self.x), self.batch_size)
        ])  # fmt: skip
        picked = np.clip(probabilities[np.arange(len(self.y)), self.y], 1e-7, 1.0)
        self.losses.append(float(-np.log(picked).mean()))
        self.accuracies.append(float((probabilities.argmax(axis=1) == self.y).mean()))
