"""Argument checks shared by the public functions.

Each check raises ``TypeError`` for a value of the wrong type and
``ValueError`` for a value out of range, and the message names the argument
and shows the value received, in the manner of Keras' own builders.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Sequence

import numpy as np


def _received(name: str, value: object) -> str:
    return f"Received: {name}={value!r}"


#: The largest count or size an argument may have: the largest length of one
#: dimension that every NumPy and TensorFlow operation takes. Far past what
#: fits in memory, it refuses only values NumPy and TensorFlow would reject
#: with an error that names no argument ("Maximum allowed dimension exceeded").
MAX_INT = 2**31 - 1
#: The largest seed: NumPy's global generator takes seeds below 2**32.
MAX_SEED = 2**32 - 1


def check_int(name: str, value: object, *, minimum: int = 1, maximum: int = MAX_INT) -> int:
    """Return ``value`` if it is an integer in ``[minimum, maximum]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"`{name}` must be an integer. {_received(name, value)}"
        raise TypeError(msg)
    if value < minimum:
        msg = f"`{name}` must be an integer >= {minimum}. {_received(name, value)}"
        raise ValueError(msg)
    if value > maximum:
        msg = f"`{name}` must be an integer <= {maximum}. {_received(name, value)}"
        raise ValueError(msg)
    return int(value)


def check_seed(name: str, value: object) -> int:
    """Return ``value`` if it is an integer in ``[0, MAX_SEED]``, else raise."""
    return check_int(name, value, minimum=0, maximum=MAX_SEED)


def check_bool(name: str, value: object) -> bool:
    """Return ``value`` if it is a bool, else raise (0 and 1 are not bools)."""
    if not isinstance(value, bool):
        msg = f"`{name}` must be a bool. {_received(name, value)}"
        raise TypeError(msg)
    return value


def check_rate(name: str, value: object) -> float:
    """Return ``value`` if it is a real number in ``[0, 1)``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"`{name}` must be a number in [0, 1). {_received(name, value)}"
        raise TypeError(msg)
    if not 0.0 <= value < 1.0:
        msg = f"`{name}` must be in [0, 1). {_received(name, value)}"
        raise ValueError(msg)
    return float(value)


def check_positive_float(name: str, value: object, *, maximum: float = math.inf) -> float:
    """Return ``value`` if it is a finite real number in ``(0, maximum]``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"`{name}` must be a positive number. {_received(name, value)}"
        raise TypeError(msg)
    if not 0.0 < value < float("inf"):
        msg = f"`{name}` must be a finite number > 0. {_received(name, value)}"
        raise ValueError(msg)
    if value > maximum:
        msg = f"`{name}` must be a number in (0, {maximum:g}]. {_received(name, value)}"
        raise ValueError(msg)
    return float(value)


def check_real(name: str, value: object) -> float:
    """Return ``value`` if it is a finite real number, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"`{name}` must be a real number. {_received(name, value)}"
        raise TypeError(msg)
    if not math.isfinite(value):
        msg = f"`{name}` must be a finite number. {_received(name, value)}"
        raise ValueError(msg)
    return float(value)


def check_shape(name: str, value: object, *, ndim: int) -> tuple[int, ...]:
    """Return ``value`` as a tuple of ``ndim`` positive integers, else raise."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = f"`{name}` must be a tuple of {ndim} positive integers. {_received(name, value)}"
        raise TypeError(msg)
    if len(value) != ndim or not all(
        isinstance(v, numbers.Integral) and not isinstance(v, bool) and v > 0 for v in value
    ):
        msg = f"`{name}` must be a tuple of {ndim} positive integers. {_received(name, value)}"
        raise ValueError(msg)
    return tuple(int(v) for v in value)


#: What a model's name may hold: TensorFlow opens a name scope with it when
#: the model trains, and refuses spaces, "/", non-ASCII letters and a leading "_".
_MODEL_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def check_model_name(name: str, value: object, *, default: str) -> str:
    """Return ``value``, or ``default`` for None, if it is a name a Keras model can train under.

    A non-empty str of ASCII letters, digits, ``_``, ``.`` and ``-`` that
    starts with a letter or digit; else raise.
    """
    if value is None:
        return default
    rule = (
        f"`{name}` must be a non-empty str of ASCII letters, digits, '_', '.' and '-', "
        "starting with a letter or digit"
    )
    if not isinstance(value, str):
        msg = f"{rule}. {_received(name, value)}"
        raise TypeError(msg)
    if not _MODEL_NAME.fullmatch(value):
        msg = f"{rule}. {_received(name, value)}"
        raise ValueError(msg)
    return value


def check_int_sequence(name: str, value: object, *, allow_empty: bool = False) -> list[int]:
    """Return ``value`` as a list of positive integers (layer widths), else raise."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence):
        msg = f"`{name}` must be a sequence of positive integers. {_received(name, value)}"
        raise TypeError(msg)
    if not allow_empty and len(value) == 0:
        msg = f"`{name}` must name at least one layer. {_received(name, value)}"
        raise ValueError(msg)
    return [check_int(f"{name}[{i}]", item) for i, item in enumerate(value)]


def check_choice(name: str, value: object, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the strings in ``choices``, else raise."""
    if not isinstance(value, str):
        msg = f"`{name}` must be one of {list(choices)}. {_received(name, value)}"
        raise TypeError(msg)
    if value not in choices:
        msg = f"`{name}` must be one of {list(choices)}. {_received(name, value)}"
        raise ValueError(msg)
    return value


def check_number_sequence(name: str, value: object) -> np.ndarray:
    """Return ``value``, a sequence of real numbers (NaN allowed), as a 1-D float array."""
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        msg = f"`{name}` must be a sequence of numbers. {_received(name, value)}"
        raise TypeError(msg)
    for i, item in enumerate(value):
        if isinstance(item, bool | np.bool_) or not isinstance(item, numbers.Real):
            msg = f"`{name}` must be a sequence of numbers. {_received(f'{name}[{i}]', item)}"
            raise TypeError(msg)
    return np.asarray(value, dtype=float).reshape(-1)


#: What ``check_array(dtype=...)`` accepts: each kind's wording and test.
_ARRAY_KINDS = {  # by dtype.kind: np.issubdtype counts timedelta64 as an integer
    "number": ("integers or floats", "iuf"),
    "float": ("floats", "f"),
    "bool": ("booleans", "b"),
}


def check_array(
    name: str,
    value: object,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: str | None = None,
    finite: bool = False,
    nonempty: bool = False,
) -> np.ndarray:
    """Return ``value`` if it is a numpy array as asked, else raise.

    ``ndim`` is the number of dimensions, or a tuple of the numbers allowed;
    ``dtype`` is ``"number"`` (integers or floats, not booleans, strings or
    objects), ``"float"`` or ``"bool"``; ``finite=True`` rejects NaN and infinity, and
    the message shows the first such entry; ``nonempty=True`` rejects an
    array without entries (an empty batch, which has no mean).
    """
    if not isinstance(value, np.ndarray):
        msg = f"`{name}` must be a numpy array. Received: {name}={type(value).__name__}"
        raise TypeError(msg)
    if dtype is not None:
        wording, kinds = _ARRAY_KINDS[dtype]
        if value.dtype.kind not in kinds:
            msg = f"`{name}` must hold {wording}. Received: {name}.dtype={value.dtype}"
            raise TypeError(msg)
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and value.ndim not in dims:
        msg = (
            f"`{name}` must have {' or '.join(map(str, dims))} dimensions. "
            f"Received: {name}.shape={value.shape}"
        )
        raise ValueError(msg)
    if nonempty and value.size == 0:
        msg = f"`{name}` must not be empty. Received: {name}.shape={value.shape}"
        raise ValueError(msg)
    if finite:
        bad = ~np.isfinite(value)
        if bad.any():
            first = tuple(int(i) for i in np.argwhere(bad)[0])
            msg = (
                f"`{name}` must not hold NaN or infinity. "
                f"Received: {name}[{', '.join(map(str, first))}]={value[first].item()!r}"
            )
            raise ValueError(msg)
    return value


def check_model(name: str, value: object, *, built: bool = False) -> object:
    """Return ``value`` if it is a ``keras.Model`` (built, if asked), else raise.

    Keras is imported here, not at the top, so that the modules that need no
    model (datasets, scratch) do not import TensorFlow through this one.
    """
    import keras  # noqa: PLC0415

    if not isinstance(value, keras.Model):
        msg = f"`{name}` must be a keras.Model. Received: {name}={type(value).__name__}"
        raise TypeError(msg)
    if built and not value.built:
        msg = (
            f"`{name}` must be built, so that its layers have shapes: give it a "
            f"keras.Input or call {name}.build(input_shape). Received: {name}={value.name!r}"
        )
        raise ValueError(msg)
    return value


def check_model_ranks(name: str, model: object, *, inputs: int, outputs: int, what: str) -> object:
    """Return the built ``model`` if its input and output have these ranks, batch axis included.

    ``what`` says, for the message, what the model must be, and which builder makes one.
    """
    if len(model.input_shape) != inputs or len(model.output_shape) != outputs:
        msg = (
            f"`{name}` must be {what}. Received: {name}={model.name!r} with input shape "
            f"{model.input_shape} and output shape {model.output_shape}"
        )
        raise ValueError(msg)
    return model


def check_model_input(name: str, value: np.ndarray, model: object) -> np.ndarray:
    """Return the batch ``value`` if its examples have the shape of ``model``'s input, else raise.

    ``model`` is a built ``keras.Model``; ``None`` in its input shape matches any length.
    A model whose first layers include an ``Embedding`` takes integer indices into its table.
    """
    expected = tuple(model.input_shape[1:])
    shape = value.shape[1:]
    fits = len(shape) == len(expected) and all(
        e in (None, s) for e, s in zip(expected, shape, strict=True)
    )
    if not fits:
        msg = (
            f"`{name}` must hold examples of the model's input shape {expected} "
            f"(None: any length), batch axis first. Received: {name}.shape={value.shape}"
        )
        raise ValueError(msg)
    # A model that starts with an Embedding takes indices into its table.
    embedding = next((layer for layer in model.layers if hasattr(layer, "input_dim")), None)
    if embedding is not None and value.size:
        indices = np.issubdtype(value.dtype, np.integer) or (
            np.isfinite(value).all() and (value == np.round(value)).all()
        )
        if not indices or value.min() < 0 or value.max() >= embedding.input_dim:
            msg = (
                f"`{name}` must hold indices 0 to {embedding.input_dim - 1} into the model's "
                f"{embedding.name!r} table. Received: {name}.min()={value.min()!r}, "
                f"{name}.max()={value.max()!r}"
            )
            raise ValueError(msg)
    return value


def check_labels(name: str, value: np.ndarray, *, num_classes: int) -> np.ndarray:
    """Return ``value`` if it holds class indices in ``[0, num_classes)``, else raise."""
    integral = np.issubdtype(value.dtype, np.integer) or (
        np.issubdtype(value.dtype, np.floating)
        and np.isfinite(value).all()
        and (value == np.round(value)).all()
    )
    if not integral or value.size == 0 or value.min() < 0 or value.max() >= num_classes:
        shown = np.unique(value)[:10]
        msg = (
            f"`{name}` must hold class indices 0 to {num_classes - 1}, one per output unit "
            f"of the model. Received: unique({name})[:10]={shown.tolist()}"
        )
        raise ValueError(msg)
    return value


def check_axes(name: str, value: object) -> object:
    """Return ``value`` if it is a Matplotlib Axes, a new one if it is None, else raise."""
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.axes import Axes  # noqa: PLC0415

    if value is None:
        _, value = plt.subplots()
    elif not isinstance(value, Axes):
        msg = f"`{name}` must be a matplotlib Axes or None. Received: {name}={value!r}"
        raise TypeError(msg)
    return value


def check_figure(name: str, value: object) -> object:
    """Return ``value`` if it is a Matplotlib Figure, a new one if it is None, else raise."""
    import matplotlib.pyplot as plt  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    if value is None:
        value = plt.figure()
    elif not isinstance(value, Figure):
        msg = f"`{name}` must be a matplotlib Figure or None. Received: {name}={value!r}"
        raise TypeError(msg)
    return value
