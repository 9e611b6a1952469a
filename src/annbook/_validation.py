"""Argument checks shared by the public functions.

Each check raises ``TypeError`` for a value of the wrong type and
``ValueError`` for a value out of range, and the message names the argument
and shows the value received, in the manner of Keras' own builders.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence

import numpy as np


def _received(name: str, value: object) -> str:
    return f"Received: {name}={value!r}"


def check_int(name: str, value: object, *, minimum: int = 1) -> int:
    """Return ``value`` if it is an integer ``>= minimum``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        msg = f"`{name}` must be an integer. {_received(name, value)}"
        raise TypeError(msg)
    if value < minimum:
        msg = f"`{name}` must be an integer >= {minimum}. {_received(name, value)}"
        raise ValueError(msg)
    return int(value)


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


def check_positive_float(name: str, value: object) -> float:
    """Return ``value`` if it is a finite real number ``> 0``, else raise."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"`{name}` must be a positive number. {_received(name, value)}"
        raise TypeError(msg)
    if not 0.0 < value < float("inf"):
        msg = f"`{name}` must be a finite number > 0. {_received(name, value)}"
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


#: What ``check_array(dtype=...)`` accepts: each kind's wording and test.
_ARRAY_KINDS = {
    "number": ("integers or floats", (np.integer, np.floating)),
    "float": ("floats", (np.floating,)),
}


def check_array(
    name: str,
    value: object,
    *,
    ndim: int | tuple[int, ...] | None = None,
    dtype: str | None = None,
    finite: bool = False,
) -> np.ndarray:
    """Return ``value`` if it is a numpy array as asked, else raise.

    ``ndim`` is the number of dimensions, or a tuple of the numbers allowed;
    ``dtype`` is ``"number"`` (integers or floats, not booleans, strings or
    objects) or ``"float"``; ``finite=True`` rejects NaN and infinity, and
    the message shows the first such entry.
    """
    if not isinstance(value, np.ndarray):
        msg = f"`{name}` must be a numpy array. Received: {name}={type(value).__name__}"
        raise TypeError(msg)
    if dtype is not None:
        wording, kinds = _ARRAY_KINDS[dtype]
        if not any(np.issubdtype(value.dtype, kind) for kind in kinds):
            msg = f"`{name}` must hold {wording}. Received: {name}.dtype={value.dtype}"
            raise TypeError(msg)
    dims = (ndim,) if isinstance(ndim, int) else ndim
    if dims is not None and value.ndim not in dims:
        msg = (
            f"`{name}` must have {' or '.join(map(str, dims))} dimensions. "
            f"Received: {name}.shape={value.shape}"
        )
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
