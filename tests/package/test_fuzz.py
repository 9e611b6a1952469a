"""Every public function of annbook, called with arbitrary arguments (Hypothesis).

For each function in a module's ``__all__``, the arguments are drawn from its
signature: each parameter, by its name, from a strategy in
:data:`STRATEGIES` that mixes plausible values (arrays whose dimensions agree
with each other, small models, names the package knows) with wrong ones (wrong
types, NaN and infinities, empty and huge shapes, negative sizes, strings,
None). A parameter left out keeps its default. The function must then either
return a result of the kind it promises, or raise ``TypeError`` or
``ValueError`` whose message names one of the arguments and shows what it
received (``name=...``, ``name.shape=...``, ``name[2]=...``). Anything else
fails: another exception (a raw NumPy, TensorFlow or Matplotlib error), a
warning (warnings are errors in the test suite), a result of the wrong kind,
NaN in a result computed from finite numbers.

A new public function is covered as soon as it is in ``__all__``; a
parameter name with no strategy fails :func:`test_every_parameter_has_a_strategy`,
naming the function and the parameter to add here.

Profiles (``ANNBOOK_HYPOTHESIS``, see CONTRIBUTING.md): ``ci`` (the default)
runs a few examples per function, inside the suite's time budget; ``long``
runs many more, on request. ``--hypothesis-show-statistics`` shows, per
function, how many calls returned and how many raised which error.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import math
import os
import pkgutil
import re
import warnings
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from matplotlib.axes import Axes
from matplotlib.figure import Figure

import annbook
from annbook.book import PackageMismatchWarning, check_package, code_fingerprint

settings.register_profile(
    "ci",
    max_examples=10,
    deadline=None,  # Keras builders and training take their time on a busy machine
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    # The same examples on every run, so that CI passes or fails for the code,
    # not for the draw; the long profile draws new ones each time.
    derandomize=True,
    database=None,
)
settings.register_profile(
    "long", parent=settings.get_profile("ci"), max_examples=300, derandomize=False
)
settings.load_profile(os.environ.get("ANNBOOK_HYPOTHESIS", "ci"))
#: Functions that build or run Keras models take a quarter of the examples:
#: each call costs tenths of a second where a NumPy function's costs microseconds.
KERAS_MODULES = ("annbook.models", "annbook.training", "annbook.plotting.architecture")


def public_functions() -> dict[str, Callable]:
    """Return every function named in the ``__all__`` of a module of annbook, by dotted name."""
    found = {}
    for info in pkgutil.walk_packages(annbook.__path__, "annbook."):
        if info.name.rpartition(".")[2].startswith("_"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", []):
            value = getattr(module, name)
            if inspect.isfunction(value):
                found.setdefault(f"{value.__module__}.{value.__name__}", value)
    return dict(sorted(found.items()))


FUNCTIONS = public_functions()

# -- Values ------------------------------------------------------------------
# Each parameter name has two strategies: plausible values, which agree with
# each other within a call (shared dimensions), and wrong ones. A call draws
# every argument plausible, or one or two of them wrong, so that both the
# computations and the checks are reached.

#: Wrong for (almost) every parameter.
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    # Small integers, or ones past every limit: a size of 10**8, valid but
    # filling gigabytes, would exhaust the machine's memory, not test a check.
    st.integers(min_value=-3, max_value=3),
    st.sampled_from([2**31, 2**63, 2**70, -(2**70)]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.binary(max_size=4),
    st.lists(st.integers(-3, 3), max_size=3),
    st.just(object()),
    st.just(np.array("a")),
)


def arg(plausible: st.SearchStrategy, *wrong: st.SearchStrategy) -> tuple:
    """A parameter's (plausible, wrong) strategies; anything in JUNK is wrong too."""
    return plausible, st.one_of(*wrong, JUNK)


#: Counts and sizes that are wrong: zero, negative, too large, not integers.
BAD_SIZE = st.one_of(
    st.integers(min_value=-3, max_value=0),
    st.sampled_from([2**63, 10**30, 2.0, np.float64(2.0), True, "3"]),
)


def size(low: int = 1, high: int = 4) -> tuple:
    return arg(st.one_of(st.integers(low, high), st.just(np.int64(low))), BAD_SIZE)


#: Real numbers that are wrong almost everywhere.
BAD_REAL = st.sampled_from([0.0, -1.0, 1e300, math.nan, math.inf, -math.inf, "1", True])


def real(low: float, high: float) -> tuple:
    return arg(st.floats(low, high, exclude_min=low == 0), BAD_REAL)


BOOL = arg(st.booleans(), st.sampled_from([0, 1, "True"]))

# Dimensions shared by the arrays of one call.
N = st.shared(st.integers(1, 4), key="n")  # examples
T = st.shared(st.integers(1, 4), key="t")  # time steps
F = st.shared(st.integers(1, 3), key="f")  # features
U = st.shared(st.integers(1, 3), key="u")  # units
G = st.shared(st.sampled_from([1, 4]), key="gates")  # SimpleRNN, LSTM
GU = G.flatmap(lambda g: U.map(g.__mul__))  # width of a recurrent kernel
HW = st.shared(st.integers(1, 6), key="hw")  # image height and width
C = st.shared(st.integers(1, 2), key="c")  # channels
K = st.shared(st.integers(1, 3), key="k")  # kernel size

# Array entries are drawn at float32's width, so that a float32 array holds each
# exactly (NumPy 1.26 compares a float with a float32 at float64's precision,
# and Hypothesis then refuses an entry float32 rounds).
#: Finite entries, of a size that overflows any exponential taken naively.
FINITE = st.floats(min_value=-1e4, max_value=1e4, width=32)
#: Probabilities and targets in [0, 1].
UNIT = st.floats(0, 1, width=32)


def floats(*dims, elements=FINITE) -> st.SearchStrategy:
    """Float arrays (float32 or float64) of the shape ``dims`` (strategies of ints)."""
    dtype = st.sampled_from([np.float32, np.float64])
    return hnp.arrays(dtype, st.tuples(*dims), elements=elements)


def bad_arrays(*dims) -> st.SearchStrategy:
    """Arrays of the shape ``dims`` holding NaN or infinity; others of any shape and kind."""
    special = st.sampled_from([math.nan, math.inf, -math.inf])
    return st.one_of(
        hnp.arrays(np.float64, st.tuples(*dims), elements=special),
        hnp.arrays(
            hnp.scalar_dtypes(), hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=3)
        ),
        hnp.arrays(np.float64, st.sampled_from([(0,), (0, 0), (0, 1), (1, 0, 3)])),
    )


def array(*plausible: st.SearchStrategy, bad_dims=(N, F)) -> tuple:
    return arg(st.one_of(*plausible), bad_arrays(*bad_dims))


ROWS = floats(N, F)
LABELS = st.one_of(
    hnp.arrays(np.int64, st.tuples(N), elements=st.integers(0, 1)),
    hnp.arrays(np.int64, st.tuples(N, st.just(1)), elements=st.integers(0, 1)),
)
BAD_LABELS = st.one_of(
    hnp.arrays(np.int64, st.tuples(N), elements=st.integers(-2, 12)),
    floats(N),
    st.lists(st.integers(-1, 3), max_size=4),
)
ACTIVATIONS = ("sigmoid", "tanh", "relu", "linear")
BAD_NAME = st.sampled_from(["softmax", "Relu", "", "nope"])


def choice(*names: str) -> tuple:
    return arg(st.sampled_from(names), BAD_NAME, st.text(max_size=4))


def small_model(kind: str, width: int):
    """A small Keras model, built once, with its first weights back on every call.

    Some functions train the model they are given (fit_and_evaluate); the next
    call must not get weights a wild learning rate left NaN.
    """
    model, weights = _built_model(kind, width)
    model.set_weights(weights)
    return model


@functools.cache
def _built_model(kind: str, width: int):
    model = _build_model(kind, width)
    return model, model.get_weights()


def _build_model(kind: str, width: int):
    from annbook import models  # noqa: PLC0415

    if kind == "mlp":
        model = models.build_mlp(
            input_shape=(width,), hidden_units=(3, 2), num_outputs=2, output_activation="softmax"
        )
        model.compile(loss="sparse_categorical_crossentropy")
        return model
    if kind == "rnn":
        model = models.build_simple_rnn(input_shape=(None, width), units=2)
        model.compile(loss="mse")
        return model
    if kind == "mlp-uncompiled":
        return models.build_mlp(
            input_shape=(width,), hidden_units=(2,), num_outputs=1, output_activation="sigmoid"
        )
    if kind == "char":
        return models.build_char_lstm(num_classes=max(width, 2), embedding_dim=2, units=2)
    if kind == "cnn":
        return models.build_cnn(
            input_shape=(8, 8, 1), filters=(2,), hidden_units=(2,), num_classes=2
        )
    import keras  # noqa: PLC0415

    return keras.Sequential(name="unbuilt")  # a model without inputs


def forward_cache(x, width, units):
    """The cache of a two-layer forward pass on ``x``, for two_layer_backward."""
    from annbook.scratch.dense import init_two_layer, two_layer_forward  # noqa: PLC0415

    params = init_two_layer(input_shape=(width,), hidden_units=(units,))
    return two_layer_forward(x, params)[1]


def two_layer_params(width, units):
    from annbook.scratch.dense import init_two_layer  # noqa: PLC0415

    return init_two_layer(input_shape=(width,), hidden_units=(units,))


class Lazy:
    """A value made only when the function is called (Keras seeds from ``random``)."""

    def __init__(self, make: Callable, *args) -> None:
        self.make, self.args = make, args

    def __repr__(self) -> str:
        return f"{self.make.__name__}{self.args!r}"


def made(value: object) -> object:
    return value.make(*value.args) if isinstance(value, Lazy) else value


def predictor(kind: str) -> Callable:
    """A ``predict`` function for plot_decision_boundary."""
    return {
        "probabilities": lambda x: np.full(len(x), 0.7),
        "column": lambda x: np.linspace(0, 1, len(x))[:, None],
        "nan": lambda x: np.full(len(x), np.nan),
        "wrong length": lambda _x: np.zeros(3),
        "text": lambda _x: "no",
    }[kind]


def experiment(kind: str) -> Callable:
    """A ``run(seed)`` function for repeat."""
    return {
        "pair": lambda seed: {"a": seed % 7 / 7, "b": 0.5},
        "one": lambda seed: {"loss": float(seed)},
        "nan": lambda seed: {"a": math.nan if seed % 2 else 0.0},
        "names": lambda seed: {f"a{seed % 2}": 1.0},
        "text": lambda _seed: {"a": "0.9"},
        "number": lambda _seed: 0.9,
    }[kind]


class History:
    """Stands for keras.callbacks.History: a ``history`` dict attribute."""

    def __init__(self, history):
        self.history = history


def curves(epochs: int) -> st.SearchStrategy:
    values = st.lists(st.floats(0, 10), min_size=epochs, max_size=epochs)
    return st.fixed_dictionaries({"loss": values}, optional={"val_loss": values})


HISTORY = st.integers(1, 4).flatmap(curves)

#: (plausible, wrong) strategies per parameter name: one name means one thing
#: across the package.
STRATEGIES: dict[str, tuple[st.SearchStrategy, st.SearchStrategy]] = {
    # Sizes, counts, seeds.
    "n_samples": size(4, 40),
    "length": size(16, 24),
    "window": size(1, 4),
    "horizon": size(1, 3),
    "epochs": size(1, 3),
    "n_workers": size(1, 4),
    "batch_size": size(1, 8),
    "units": size(1, 4),
    "code_units": size(1, 4),
    "num_classes": size(2, 4),
    "num_outputs": size(1, 3),
    "embedding_dim": size(1, 4),
    "kernel_size": size(1, 3),
    "pool_size": arg(st.one_of(st.integers(1, 2), st.none()), BAD_SIZE),
    "stride": arg(st.one_of(st.integers(1, 2), st.none()), BAD_SIZE),
    "ncols": size(1, 4),
    "steps": size(1, 4),
    "resolution": size(2, 20),
    "context": size(1, 5),
    "in_channel": arg(st.just(0), st.integers(-2, -1), st.just(9)),
    "seed": arg(st.integers(0, 2**32 - 1), st.sampled_from([-1, 2**32, 2**64, 1.5, "0"])),
    "seeds": arg(
        st.lists(st.integers(0, 2**32 - 1), min_size=1, max_size=5, unique=True),
        st.lists(st.sampled_from([0, 1, -1, 2**32, 1.5, "0"]), max_size=4),
    ),
    # Real numbers and rates.
    "margin": real(0, 0.99),
    "noise": real(0, 10),
    "size": size(3, 6),
    "n_inputs": size(1, 4),
    "widths": arg(
        st.lists(st.integers(1, 4), min_size=2, max_size=4).map(tuple),
        BAD_SIZE,
        st.lists(st.integers(-1, 9), max_size=3),
    ),
    "values": array(st.none(), floats(st.integers(2, 8), st.integers(2, 8))),
    "outputs": choice("all", "last"),
    # annbook.book: the plausible package is the installed one, so that
    # check_package stays silent (it warns, on purpose, for any other).
    "version": arg(st.just(annbook.__version__), st.none(), st.integers(), st.just(b"0.1")),
    "fingerprint": arg(st.just(code_fingerprint()), st.none(), st.integers()),
    "install": arg(st.text(max_size=8), st.none(), st.integers()),
    "package": arg(st.none(), st.integers(), st.just("no-such-folder"), st.just(b"src")),
    "value": arg(st.one_of(st.integers(), st.floats(allow_nan=False), st.text(max_size=4))),
    "display": BOOL,
    "sample_rate": arg(st.integers(4000, 8000), BAD_SIZE, st.integers(3000, 3999)),
    "duration": arg(st.floats(0.128, 0.25), BAD_REAL, st.floats(0.0, 0.12)),
    "learning_rate": real(1e-4, 10),
    "temperature": real(0.1, 5),
    "limit": real(0.5, 10),
    "timeout": real(0.1, 1e4),
    "threshold": arg(st.floats(0, 1), st.sampled_from([math.nan, math.inf, "0.5"])),
    "dropout": real(0, 0.9),
    "conv_dropout": real(0, 0.9),
    "input_dropout": real(0, 0.9),
    "bias": array(st.floats(-1e4, 1e4), floats(GU), floats(U), bad_dims=(GU,)),
    # Flags.
    "lowercase": BOOL,
    "deterministic": BOOL,
    "derivative": BOOL,
    "show_input": BOOL,
    "show_names": BOOL,
    "legend": BOOL,
    "return_sequences": BOOL,
    # Names.
    # A text to load, or a model's name (None: the builder's own).
    "name": arg(
        st.one_of(st.none(), st.sampled_from(["step", *ACTIVATIONS, "hamlet", "lenet5-max.2"])),
        BAD_NAME,
        st.text(max_size=4),
        st.sampled_from(["a b", "a/b", "_x", "é", "mlp\n"]),
    ),
    "activation": choice(*ACTIVATIONS),
    "decoder_activation": choice(*ACTIVATIONS),
    "output_activation": choice("softmax", "sigmoid", "linear"),
    "kernel_initializer": choice("glorot_uniform", "zeros"),
    "dtype": choice("float32", "float64"),
    "subsampling": choice("average", "max"),
    "padding": arg(st.one_of(st.sampled_from(["valid", "same"]), st.integers(0, 1)), BAD_SIZE),
    "orientation": choice("vertical", "horizontal"),
    "metric": choice("loss"),
    "names": arg(
        st.lists(st.sampled_from(["step", *ACTIVATIONS]), min_size=1, max_size=3, unique=True),
        st.lists(BAD_NAME, min_size=1, max_size=2),
        st.just([]),
    ),
    "title": arg(st.one_of(st.none(), st.text(max_size=5)), st.just(3)),
    "titles": arg(st.none(), st.lists(st.text(max_size=3), max_size=4)),
    "class_names": arg(st.none(), st.lists(st.text(max_size=3), max_size=4)),
    "loss": arg(
        st.one_of(
            st.none(),
            st.just("mse"),
            st.just(lambda y_true, y_pred: (y_true - y_pred) ** 2),
        ),
        st.just("no_such_loss"),
    ),
    "vocabulary": arg(st.sampled_from(["ab", "abc"]), st.sampled_from(["", "a", "aa"])),
    "prompt": arg(st.text(alphabet="ab", min_size=1, max_size=4), st.just(""), st.just("z")),
    "path": arg(
        st.none(),
        st.sampled_from(["", "/nonexistent/file", "/", "/dev/null", __file__, "a\x00b"]),
    ),
    # Shapes and layer widths.
    "input_shape": arg(
        st.one_of(
            st.tuples(F),
            st.tuples(st.none()),
            st.tuples(st.none(), F),
            st.tuples(T, F),
            st.tuples(HW, HW, C),
        ),
        st.lists(st.one_of(BAD_SIZE, st.integers(1, 3)), max_size=4).map(tuple),
    ),
    "hidden_units": arg(
        st.one_of(st.lists(st.integers(1, 4), min_size=1, max_size=2), st.tuples(U)),
        st.lists(st.one_of(BAD_SIZE, st.integers(1, 3)), max_size=3),
    ),
    "filters": arg(
        st.lists(st.integers(1, 3), min_size=1, max_size=2),
        st.lists(st.one_of(BAD_SIZE, st.integers(1, 3)), max_size=3),
    ),
    # Arrays, with dimensions shared within a call.
    "x": array(ROWS, floats(N, T, F), floats(N, HW, HW, C)),
    "y": arg(st.one_of(LABELS, floats(N, st.just(1), elements=UNIT)), BAD_LABELS),
    "x_train": array(ROWS),
    "x_test": array(ROWS),
    "y_train": arg(LABELS, BAD_LABELS),
    "y_test": arg(LABELS, BAD_LABELS),
    "y_true": arg(LABELS, BAD_LABELS),
    "y_pred": arg(LABELS, BAD_LABELS),
    "labels": arg(st.one_of(st.none(), LABELS), BAD_LABELS),
    "predictions": arg(st.one_of(st.none(), LABELS), BAD_LABELS),
    "x_t": array(ROWS),
    "h_prev": arg(st.one_of(st.none(), floats(N, U)), bad_arrays(N, U)),
    "c_prev": arg(st.one_of(st.none(), floats(N, U)), bad_arrays(N, U)),
    "output_gradient": array(floats(N, U), floats(N, T, U), bad_dims=(N, U)),
    "kernel": array(floats(F, GU), floats(K, K, C, U)),
    "recurrent_kernel": array(floats(U, GU), bad_dims=(U, GU)),
    "weights": array(floats(F), bad_dims=(F,)),
    "series": array(floats(st.integers(1, 12)), bad_dims=(N,)),
    "z": array(ROWS),
    "p": array(floats(N, st.just(1), elements=UNIT)),
    "images": array(floats(N, HW, HW), floats(N, HW, HW, C), bad_dims=(N, HW, HW)),
    "maps": array(floats(HW, HW, C), floats(st.just(1), HW, HW, C), bad_dims=(HW, HW, C)),
    "params": arg(
        st.tuples(F, U).map(lambda fu: Lazy(two_layer_params, *fu)),
        st.dictionaries(st.sampled_from(["W1", "b1", "W2", "b2"]), bad_arrays(F), max_size=4),
    ),
    "cache": arg(
        st.tuples(ROWS, F, U).map(lambda xfu: Lazy(forward_cache, *xfu)),
        st.dictionaries(st.sampled_from(["x", "z1", "a1", "p"]), ROWS, max_size=4),
    ),
    "norms": arg(
        st.one_of(
            st.dictionaries(st.text(max_size=3), st.lists(st.floats(0, 10), max_size=3)),
            st.dictionaries(st.text(max_size=3), st.floats(0, 10), min_size=1),
        ),
        st.dictionaries(st.text(max_size=3), JUNK, min_size=1),
    ),
    # Figures' options added with the ANN, DNN and CNN chapters.
    "unit_labels": arg(
        st.one_of(
            st.none(),
            st.lists(st.lists(st.text(max_size=2), min_size=1, max_size=4), min_size=1, max_size=3),
        ),
        st.lists(st.integers(), min_size=1, max_size=2),
    ),
    "mistakes_only": BOOL,
    "shared_scale": BOOL,
    "with_derivative": BOOL,
    "mistakes": arg(st.one_of(st.none(), hnp.arrays(np.bool_, st.tuples(N))), bad_arrays(N)),
    "styles": arg(
        st.one_of(
            st.none(),
            st.dictionaries(
                st.text(max_size=3),
                st.fixed_dictionaries({}, optional={"linestyle": st.sampled_from(["-", "--"])}),
            ),
        ),
        st.dictionaries(st.text(max_size=3), JUNK, min_size=1),
    ),
    "h": array(ROWS),
    "nodes": arg(
        st.lists(st.text(min_size=1, max_size=3), min_size=2, max_size=4),
        st.lists(st.integers(), max_size=2),
    ),
    "derivatives": arg(st.none(), st.lists(JUNK, min_size=1, max_size=3)),
    "init": arg(
        st.none(),
        st.dictionaries(st.sampled_from(["W1", "b1", "W2", "b2"]), bad_arrays(F), max_size=4),
    ),
    "optimizer": choice("adam", "sgd"),
    "replicas": size(1, 4),
    "history": arg(st.one_of(HISTORY, HISTORY.map(History)), st.just({"loss": None})),
    # Callables and objects.
    "model": arg(
        st.one_of(
            st.tuples(st.sampled_from(["mlp", "rnn"]), F).map(lambda kw: Lazy(small_model, *kw)),
            st.just(Lazy(small_model, "char", 3)),
        ),
        st.tuples(st.sampled_from(["mlp-uncompiled", "char"]), F).map(
            lambda kw: Lazy(small_model, *kw)
        ),
        st.sampled_from(["cnn", "unbuilt"]).map(lambda kind: Lazy(small_model, kind, 0)),
    ),
    "predict": arg(
        st.sampled_from(["probabilities", "column"]).map(predictor),
        st.sampled_from(["nan", "wrong length", "text"]).map(predictor),
    ),
    "run": arg(
        st.sampled_from(["pair", "one"]).map(experiment),
        st.sampled_from(["nan", "names", "text", "number"]).map(experiment),
    ),
    "ax": arg(st.none()),
    "fig": arg(st.none()),
}


# -- The property ------------------------------------------------------------


def arguments(function: Callable) -> st.SearchStrategy:
    """Arguments for ``function`` drawn from its signature: (positional, keyword).

    Half the calls have every argument plausible (a keyword argument left out
    half the time, keeping its default); the others one or two wrong.
    """
    parameters = list(inspect.signature(function).parameters.values())

    @st.composite
    def drawn(draw):
        names = [p.name for p in parameters]
        wrong = set()
        if names and draw(st.booleans()):
            wrong = draw(st.sets(st.sampled_from(names), min_size=1, max_size=2))
        positional, keyword = [], {}
        for parameter in parameters:
            plausible, bad = STRATEGIES[parameter.name]
            if parameter.name in wrong:
                value = draw(bad)
            elif parameter.default is not inspect.Parameter.empty and draw(st.booleans()):
                continue  # its default
            else:
                value = draw(plausible)
            if parameter.kind is inspect.Parameter.POSITIONAL_ONLY:
                positional.append(value)
            else:
                keyword[parameter.name] = value
        return tuple(positional), keyword

    return drawn()


def named(message: str, names: list[str]) -> bool:
    """Whether ``message`` shows one of ``names`` with a value.

    As ``x=...``, ``x.shape=...``, ``x[1]=...``, ``x[']']=...`` or ``unique(x)=...``.
    """
    return any(
        re.search(
            rf"(?<![\w.])(\w+\()?{re.escape(name)}(\[(?:'[^']*'|\"[^\"]*\"|[^\]])*\])*(\.\w+(\(\))?)?\)?=\S",
            message,
        )
        for name in names
    )


def finite(value: object) -> bool:
    """Whether every number in ``value`` (arrays, tuples, lists, dicts) is finite."""
    if isinstance(value, np.ndarray) and np.issubdtype(value.dtype, np.number):
        return bool(np.isfinite(value).all())
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, tuple | list):
        return all(finite(item) for item in value)
    if isinstance(value, dict):
        return all(finite(item) for item in value.values())
    return True


def inputs_finite(args: tuple, kwargs: dict) -> bool:
    values = [*args, *kwargs.values()]
    return all(finite(v) for v in values if isinstance(v, np.ndarray | float | tuple | list))


def check_result(function: Callable, result: object, args: tuple, kwargs: dict) -> None:
    """The result is of the kind the function promises (its return annotation)."""
    returns = str(inspect.signature(function).return_annotation)
    if returns == "Axes":
        assert isinstance(result, Axes)
    elif returns == "Figure":
        assert isinstance(result, Figure)
    elif returns == "keras.Model":
        import keras  # noqa: PLC0415

        assert isinstance(result, keras.Model)
    elif returns == "None":
        assert result is None
    elif returns == "str":
        assert isinstance(result, str)
    elif returns.startswith("tuple[np.ndarray, np.ndarray]"):
        assert len(result) == 2
        assert all(isinstance(a, np.ndarray) for a in result)
    if inputs_finite(args, kwargs) and not function.__name__.startswith("load_"):
        assert finite(result), f"NaN or infinity in the result of finite input: {result!r}"


@pytest.mark.parametrize("function", FUNCTIONS.values(), ids=FUNCTIONS.keys())
def test_arbitrary_arguments_give_a_result_or_a_clear_error(function):
    """Either a result of the promised kind, or TypeError/ValueError naming an argument."""
    names = list(inspect.signature(function).parameters)
    missing = [name for name in names if name not in STRATEGIES]
    if missing:
        pytest.fail(f"no strategy for {missing} of {function.__qualname__}: add one to STRATEGIES")

    @given(arguments(function))
    def call(drawn):
        args = tuple(made(value) for value in drawn[0])
        kwargs = {name: made(value) for name, value in drawn[1].items()}
        error = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error")
                result = function(*args, **kwargs)
        except (TypeError, ValueError) as raised:
            error = raised
        except PackageMismatchWarning:
            if function is not check_package:
                raise
            return  # what it is for: a version and fingerprint of another package
        except OSError as raised:  # DataFileError, for a path that is no data file
            if "path" not in kwargs or not isinstance(raised, annbook.datasets.DataFileError):
                raise
            return
        finally:
            plt.close("all")
        event("raised " + type(error).__name__ if error else "returned")
        if error is not None:
            message = str(error)
            assert named(message, names), (
                f"{type(error).__name__} names no argument with its value: {message}"
            )
        else:
            check_result(function, result, args, kwargs)

    if function.__module__.startswith(KERAS_MODULES):
        call = settings(max_examples=max(1, settings.default.max_examples // 4))(call)
    call()


def test_every_parameter_has_a_strategy():
    """A new public function's new parameter name needs a strategy above."""
    missing = {
        f"{key}({name})"
        for key, function in FUNCTIONS.items()
        for name in inspect.signature(function).parameters
        if name not in STRATEGIES
    }
    assert not missing, f"add a strategy to STRATEGIES in {__file__} for: {sorted(missing)}"


def test_every_public_function_is_fuzzed():
    """The list is made from the modules' __all__, so it holds the API reference's functions."""
    from annbook import datasets, distributed, models, plotting, training  # noqa: PLC0415
    from annbook.scratch import conv, dense, recurrent  # noqa: PLC0415

    for module in (datasets, distributed, models, plotting, training, conv, dense, recurrent):
        for name in module.__all__:
            value = getattr(module, name)
            if inspect.isfunction(value):
                assert f"{value.__module__}.{name}" in FUNCTIONS
