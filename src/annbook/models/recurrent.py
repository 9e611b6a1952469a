"""Recurrent networks: a simple RNN, an LSTM and a character-level LSTM."""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import keras
import numpy as np

from annbook._numerics import OUTPUT_ACTIVATIONS
from annbook._validation import (
    check_choice,
    check_int,
    check_model,
    check_model_name,
    check_model_ranks,
    check_positive_float,
    check_seed,
)

__all__ = ["build_char_lstm", "build_lstm", "build_simple_rnn", "sample_text"]


def _check_sequence_shape(input_shape: object, *, features: bool = True) -> tuple:
    """Return ``(steps, features)``, or ``(steps,)`` if not ``features``; steps may be None."""
    message = (
        f"`input_shape` must be {'(steps, features)' if features else '(steps,)'}: steps a "
        f"positive integer or None{', features a positive integer' if features else ''}. "
        f"Received: input_shape={input_shape!r}"
    )
    if isinstance(input_shape, str | bytes) or not isinstance(input_shape, Sequence):
        raise TypeError(message)
    if len(input_shape) != (2 if features else 1):
        raise ValueError(message)

    def positive(value: object) -> bool:
        return isinstance(value, numbers.Integral) and not isinstance(value, bool) and value > 0

    steps, *rest = input_shape
    if not (steps is None or positive(steps)) or not all(positive(v) for v in rest):
        raise ValueError(message)
    return (None if steps is None else int(steps), *(int(v) for v in rest))


def _build_recurrent(
    layer: type[keras.layers.Layer],
    *,
    layer_name: str,
    name: object,
    input_shape: object,
    units: object,
    num_outputs: object,
    output_activation: object,
) -> keras.Model:
    steps, features = _check_sequence_shape(input_shape)
    units = check_int("units", units)
    num_outputs = check_int("num_outputs", num_outputs)
    output_activation = check_choice("output_activation", output_activation, OUTPUT_ACTIVATIONS)
    if output_activation == "softmax" and num_outputs < 2:
        msg = (
            "A softmax output needs `num_outputs` >= 2; use output_activation='sigmoid' "
            f"for one output. Received: num_outputs={num_outputs!r}"
        )
        raise ValueError(msg)
    name = check_model_name("name", name, default=layer_name)
    return keras.Sequential(
        [
            keras.Input(shape=(steps, features), name="sequence"),
            layer(units, name=layer_name),
            keras.layers.Dense(num_outputs, activation=output_activation, name="predictions"),
        ],
        name=name,
    )


def build_simple_rnn(
    *,
    input_shape: tuple[int | None, int] = (None, 1),
    units: int = 32,
    num_outputs: int = 1,
    output_activation: str = "linear",
    name: str | None = None,
) -> keras.Model:
    """Build a one-layer simple RNN (Elman, 1990) that reads a whole sequence.

    A ``SimpleRNN`` layer updates its hidden state
    ``h_t = tanh(x_t W + h_{t-1} U + b)`` at every step; a ``Dense`` layer
    reads the state after the last step. The recurrent layer has
    ``units * (units + features + 1)`` parameters.

    Parameters
    ----------
    input_shape : tuple (steps, features), default=(None, 1)
        Steps per sequence (None: any length) and inputs per step.
    units : int, default=32
        Size of the hidden state.
    num_outputs : int, default=1
        Width of the output layer (number of classes for softmax).
    output_activation : {"linear", "sigmoid", "softmax"}, default="linear"
        Activation of the output layer ("linear" for regression).
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"simple_rnn"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``, with
        layers ``"simple_rnn"`` and ``"predictions"``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Recurrent neural networks".

    Examples
    --------
    >>> from annbook.models import build_simple_rnn
    >>> model = build_simple_rnn(input_shape=(10, 1), units=8)
    >>> [layer.count_params() for layer in model.layers]
    [80, 9]
    >>> model.output_shape
    (None, 1)
    """
    return _build_recurrent(
        keras.layers.SimpleRNN,
        layer_name="simple_rnn",
        name=name,
        input_shape=input_shape,
        units=units,
        num_outputs=num_outputs,
        output_activation=output_activation,
    )


def build_lstm(
    *,
    input_shape: tuple[int | None, int] = (None, 1),
    units: int = 32,
    num_outputs: int = 1,
    output_activation: str = "linear",
    name: str | None = None,
) -> keras.Model:
    """Build a one-layer LSTM (Hochreiter and Schmidhuber, 1997) that reads a sequence.

    An ``LSTM`` layer (Keras defaults: forget-gate bias 1 at the start, as
    Jozefowicz et al. (2015) recommend) feeds its last hidden state to a
    ``Dense`` layer. With four gate blocks, the recurrent layer has
    ``4 * units * (units + features + 1)`` parameters, four times a simple
    RNN of the same size.

    Parameters
    ----------
    input_shape : tuple (steps, features), default=(None, 1)
        Steps per sequence (None: any length) and inputs per step.
    units : int, default=32
        Size of the hidden state and of the cell state.
    num_outputs : int, default=1
        Width of the output layer (number of classes for softmax).
    output_activation : {"linear", "sigmoid", "softmax"}, default="linear"
        Activation of the output layer ("linear" for regression).
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"lstm"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name``, with
        layers ``"lstm"`` and ``"predictions"``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> from annbook.models import build_lstm
    >>> model = build_lstm(input_shape=(10, 1), units=8)
    >>> [layer.count_params() for layer in model.layers]
    [320, 9]
    """
    return _build_recurrent(
        keras.layers.LSTM,
        layer_name="lstm",
        name=name,
        input_shape=input_shape,
        units=units,
        num_outputs=num_outputs,
        output_activation=output_activation,
    )


def build_char_lstm(
    *,
    input_shape: tuple[int | None] = (None,),
    num_classes: int,
    embedding_dim: int = 16,
    units: int = 128,
    name: str | None = None,
) -> keras.Model:
    """Build a character-level LSTM language model.

    The model reads a sequence of character ids and, at every step, gives the
    probability of each character coming next: ``Embedding`` (each id to a
    learned vector), ``LSTM`` with ``return_sequences=True``, and a softmax
    ``Dense`` layer over the vocabulary. Train it with
    ``sparse_categorical_crossentropy`` on the same text shifted by one
    character; generate text with :func:`sample_text`.

    Parameters
    ----------
    input_shape : tuple (steps,), default=(None,)
        Characters per sequence, as integer ids (None: any length). The
        default trains on windows of one length and generates from a
        prompt of another, as :func:`sample_text` does.
    num_classes : int
        Number of distinct characters, one class each (at least 2): the
        width of the softmax output and the number of embedded ids.
    embedding_dim : int, default=16
        Length of each character's vector.
    units : int, default=128
        Size of the LSTM's hidden and cell state.
    name : str, default=None
        The model's name, which ``model.summary()`` prints; None names it
        ``"char_lstm"``.

    Returns
    -------
    keras.Model
        An uncompiled ``keras.Sequential`` model named ``name`` with
        layers ``"embedding"``, ``"lstm"`` and ``"predictions"``; input
        shape ``(None, *input_shape)`` of ids, output
        ``(None, steps, num_classes)``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range.

    Notes
    -----
    Introduced in the chapter "Long short-term memory", after the
    character-level models of Karpathy (2015).

    Examples
    --------
    >>> from annbook.models import build_char_lstm
    >>> model = build_char_lstm(num_classes=40, embedding_dim=8, units=16)
    >>> [layer.count_params() for layer in model.layers]
    [320, 1600, 680]
    >>> model.output_shape
    (None, None, 40)
    >>> build_char_lstm(input_shape=(100,), num_classes=40).output_shape
    (None, 100, 40)
    """
    (steps,) = _check_sequence_shape(input_shape, features=False)
    num_classes = check_int("num_classes", num_classes, minimum=2)
    embedding_dim = check_int("embedding_dim", embedding_dim)
    units = check_int("units", units)
    name = check_model_name("name", name, default="char_lstm")
    return keras.Sequential(
        [
            keras.Input(shape=(steps,), dtype="int32", name="characters"),
            keras.layers.Embedding(num_classes, embedding_dim, name="embedding"),
            keras.layers.LSTM(units, return_sequences=True, name="lstm"),
            keras.layers.Dense(num_classes, activation="softmax", name="predictions"),
        ],
        name=name,
    )


def sample_text(
    model: keras.Model,
    *,
    vocabulary: str,
    prompt: str,
    length: int,
    temperature: float = 1.0,
    context: int = 100,
    seed: int = 0,
) -> str:
    """Generate text from a character-level model, one character at a time.

    At each step the model reads the last ``context`` characters and gives
    the probabilities ``p`` of the next one; the character is drawn from
    ``p ** (1 / temperature)``, renormalised. A low temperature sharpens the
    distribution towards the likeliest characters; 1 samples the model as
    it is; higher values flatten it towards random characters.

    Parameters
    ----------
    model : keras.Model
        A model such as :func:`build_char_lstm` returns: ids of shape
        (batch, steps) in, probabilities of shape (batch, steps, num_classes) out.
    vocabulary : str
        The distinct characters, in the order of their ids.
    prompt : str
        Text to start from; every character must be in ``vocabulary``.
    length : int
        How many characters to generate.
    temperature : float, default=1.0
        Sampling temperature, > 0.
    context : int, default=100
        How many of the latest characters the model reads at each step.
    seed : int, default=0
        Seed of the NumPy generator that draws the characters.

    Returns
    -------
    str
        The ``length`` generated characters, without the prompt.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``model`` does not map character sequences to per-step
        probabilities, ``vocabulary`` repeats a character or does not match
        the model's output, ``prompt`` is empty or uses other characters, or
        a number is out of range.

    Notes
    -----
    Introduced in the chapter "Long short-term memory".

    Examples
    --------
    >>> from annbook.models import build_char_lstm, sample_text
    >>> model = build_char_lstm(num_classes=3, embedding_dim=2, units=4)
    >>> text = sample_text(model, vocabulary="ab ", prompt="ab", length=10)
    >>> len(text), set(text) <= set("ab ")
    (10, True)
    """
    model = check_model("model", model, built=True)
    check_model_ranks(
        "model",
        model,
        inputs=2,
        outputs=3,
        what="a model from character indices (batch, steps) to probabilities of the next "
        "character at each step (batch, steps, characters), as build_char_lstm makes",
    )
    for name, value in (("vocabulary", vocabulary), ("prompt", prompt)):
        if not isinstance(value, str):
            msg = f"`{name}` must be a str. Received: {name}={value!r}"
            raise TypeError(msg)
    if len(set(vocabulary)) != len(vocabulary) or len(vocabulary) != model.output_shape[-1]:
        msg = (
            f"`vocabulary` must hold {model.output_shape[-1]} distinct characters, one per "
            f"model output. Received: vocabulary={vocabulary!r}"
        )
        raise ValueError(msg)
    unknown = sorted(set(prompt) - set(vocabulary))
    if not prompt or unknown:
        msg = (
            "`prompt` must be a non-empty string of characters from `vocabulary`"
            f"{f' (not {unknown})' if unknown else ''}. Received: prompt={prompt!r}"
        )
        raise ValueError(msg)
    length = check_int("length", length)
    temperature = check_positive_float("temperature", temperature)
    context = check_int("context", context)
    seed = check_seed("seed", seed)

    rng = np.random.default_rng(seed)
    index = {char: i for i, char in enumerate(vocabulary)}
    ids = [index[char] for char in prompt]
    for _ in range(length):
        window = np.array([ids[-context:]], dtype=np.int32)
        probabilities = np.asarray(model.predict_on_batch(window)[0, -1], dtype=np.float64)
        logits = np.log(np.maximum(probabilities, 1e-12)) / temperature
        weights = np.exp(logits - logits.max())
        ids.append(int(rng.choice(len(vocabulary), p=weights / weights.sum())))
    return "".join(vocabulary[i] for i in ids[len(prompt) :])
