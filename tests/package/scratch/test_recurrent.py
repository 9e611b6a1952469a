import keras
import numpy as np
import pytest
import tensorflow as tf

from annbook.scratch.recurrent import (
    lstm,
    lstm_cell,
    lstm_states,
    simple_rnn,
    simple_rnn_backward,
    simple_rnn_cell,
)


def _keras_layer_and_weights(layer_class, *, units, features, seed):
    """A Keras recurrent layer with random weights (bias too), and those weights."""
    layer = layer_class(units, return_sequences=True)
    layer.build((None, None, features))
    rng = np.random.default_rng(seed)
    weights = [rng.normal(scale=0.5, size=w.shape).astype("float32") for w in layer.get_weights()]
    layer.set_weights(weights)
    return layer, dict(zip(["kernel", "recurrent_kernel", "bias"], weights, strict=True))


@pytest.mark.parametrize(
    ("layer_class", "numpy_version"),
    [(keras.layers.SimpleRNN, simple_rnn), (keras.layers.LSTM, lstm)],
)
def test_numpy_matches_keras_on_the_same_weights(layer_class, numpy_version):
    layer, weights = _keras_layer_and_weights(layer_class, units=6, features=3, seed=0)
    x = np.random.default_rng(1).normal(size=(4, 20, 3)).astype("float32")
    expected = keras.ops.convert_to_numpy(layer(x))
    every_step = numpy_version(x.astype("float64"), **weights, return_sequences=True)
    assert every_step.shape == expected.shape == (4, 20, 6)
    assert np.abs(every_step - expected).max() <= 1e-5
    last = numpy_version(x.astype("float64"), **weights)
    np.testing.assert_array_equal(last, every_step[:, -1])


def test_simple_rnn_cell_is_the_recurrence():
    rng = np.random.default_rng(2)
    W, U, b = rng.normal(size=(2, 3)), rng.normal(size=(3, 3)), rng.normal(size=3)
    x_t, h_prev = rng.normal(size=(5, 2)), rng.normal(size=(5, 3))
    h = simple_rnn_cell(x_t, h_prev=h_prev, kernel=W, recurrent_kernel=U, bias=b)
    np.testing.assert_allclose(h, np.tanh(x_t @ W + h_prev @ U + b))


def test_lstm_cell_gate_order_is_i_f_c_o():
    units = 2
    W, U, b = np.zeros((1, 4 * units)), np.zeros((units, 4 * units)), np.zeros(4 * units)
    c_prev = np.full((1, units), 0.5)
    # Only the forget gate is shut (bias -inf-ish): the old cell state is erased.
    b[units : 2 * units] = -50.0
    _, c = lstm_cell(np.zeros((1, 1)), c_prev=c_prev, kernel=W, recurrent_kernel=U, bias=b)
    np.testing.assert_allclose(c, 0.0, atol=1e-12)
    # Forget gate open, candidate block (third) driven to 1, input gate half open.
    b[:] = 0.0
    b[units : 2 * units] = 50.0
    b[2 * units : 3 * units] = 50.0
    h, c = lstm_cell(np.zeros((1, 1)), c_prev=c_prev, kernel=W, recurrent_kernel=U, bias=b)
    np.testing.assert_allclose(c, 0.5 + 0.5 * 1.0)
    np.testing.assert_allclose(h, 0.5 * np.tanh(1.0))


def test_lstm_with_huge_biases_saturates_without_overflow():
    # Gate pre-activations of +-1000: a naive 1 / (1 + exp(-z)) overflows in exp.
    units = 2
    W, U, b = np.zeros((1, 4 * units)), np.zeros((units, 4 * units)), np.zeros(4 * units)
    b[:units] = -1000.0  # input gate shut
    b[units : 2 * units] = 1000.0  # forget gate open
    b[3 * units :] = 1000.0  # output gate open
    x = np.ones((3, 7, 1))
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        h, c = lstm_cell(x[:, 0], c_prev=np.full((3, units), 0.5), kernel=W,
                         recurrent_kernel=U, bias=b)  # fmt: skip
        states = lstm(x, kernel=W, recurrent_kernel=U, bias=b, return_sequences=True)
    np.testing.assert_array_equal(c, 0.5)
    np.testing.assert_allclose(h, np.tanh(0.5))
    np.testing.assert_array_equal(states, 0.0)  # zero start, input gate shut: stays zero


W2, U2, B2 = np.zeros((2, 3)), np.zeros((3, 3)), np.zeros(3)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x_t": [[1.0, 2.0]]}, TypeError, r"x_t=list"),
        ({"x_t": np.ones((1, 2), dtype=int)}, TypeError, r"x_t.dtype=int"),
        ({"x_t": np.ones(2)}, ValueError, r"x_t.shape=\(2,\)"),
        ({"x_t": np.ones((1, 5))}, ValueError, r"row of `kernel` \(2\).*x_t.shape=\(1, 5\)"),
        ({"h_prev": np.ones((2, 3))}, ValueError, r"h_prev.shape=\(2, 3\)"),
        ({"kernel": np.zeros((2, 4))}, ValueError, r"kernel.shape=\(2, 4\)"),
        ({"recurrent_kernel": np.zeros((3, 2))}, ValueError, r"recurrent_kernel.shape=\(3, 2\)"),
        ({"bias": np.zeros(4)}, ValueError, r"bias.shape=\(4,\)"),
        ({"bias": np.zeros((1, 3))}, ValueError, r"bias.shape=\(1, 3\)"),
    ],
)
def test_simple_rnn_cell_bad_arguments(kwargs, error, match):
    arguments = {"x_t": np.ones((1, 2)), "kernel": W2, "recurrent_kernel": U2, "bias": B2}
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        simple_rnn_cell(**arguments)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"kernel": np.zeros((2, 3))}, ValueError, r"kernel.shape=\(2, 3\)"),
        ({"recurrent_kernel": np.zeros((3, 3))}, ValueError, r"recurrent_kernel.shape=\(3, 3\)"),
        ({"bias": np.zeros(3)}, ValueError, r"bias.shape=\(3,\)"),
        ({"c_prev": np.ones((1, 4))}, ValueError, r"c_prev.shape=\(1, 4\)"),
        ({"c_prev": [[0.0, 0.0, 0.0]]}, TypeError, r"c_prev=list"),
        ({"h_prev": np.ones((2, 3))}, ValueError, r"h_prev.shape=\(2, 3\)"),
        ({"x_t": np.ones((1, 2), dtype=int)}, TypeError, r"x_t.dtype=int"),
        ({"x_t": np.ones((1, 3))}, ValueError, r"row of `kernel` \(2\).*x_t.shape=\(1, 3\)"),
        ({"kernel": np.zeros(12)}, ValueError, r"kernel.shape=\(12,\)"),
    ],
)
def test_lstm_cell_bad_arguments(kwargs, error, match):
    arguments = {
        "x_t": np.ones((1, 2)),
        "kernel": np.zeros((2, 12)),
        "recurrent_kernel": np.zeros((3, 12)),
        "bias": np.zeros(12),
    }
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        lstm_cell(**arguments)


@pytest.mark.parametrize("run", [simple_rnn, lstm])
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x": np.ones((4, 2))}, ValueError, r"x.shape=\(4, 2\)"),
        ({"x": [[[1.0, 2.0]]]}, TypeError, r"x=list"),
        ({"x": np.ones((4, 5, 2), dtype=int)}, TypeError, r"x.dtype=int"),
        ({"x": np.ones((4, 5, 3))}, ValueError, r"row of `kernel` \(2\).*x.shape=\(4, 5, 3\)"),
        ({"bias": np.zeros(2)}, ValueError, r"bias.shape=\(2,\)"),
        ({"recurrent_kernel": "U"}, TypeError, r"recurrent_kernel=str"),
        ({"return_sequences": "yes"}, TypeError, r"return_sequences='yes'"),
        ({"return_sequences": 1}, TypeError, r"return_sequences=1"),
    ],
)
def test_sequence_runners_bad_arguments(run, kwargs, error, match):
    gates = 1 if run is simple_rnn else 4
    arguments = {
        "x": np.ones((4, 5, 2)),
        "kernel": np.zeros((2, 3 * gates)),
        "recurrent_kernel": np.zeros((3, 3 * gates)),
        "bias": np.zeros(3 * gates),
    }
    arguments.update(kwargs)
    x = arguments.pop("x")
    with pytest.raises(error, match=match):
        run(x, **arguments)


def test_lstm_states_are_the_steps_of_lstm_and_lstm_cell():
    rng = np.random.default_rng(3)
    W, U, b = rng.normal(size=(2, 12)), rng.normal(size=(3, 12)), rng.normal(size=12)
    x = rng.normal(size=(4, 6, 2))
    states = lstm_states(x, kernel=W, recurrent_kernel=U, bias=b)
    assert sorted(states) == ["c", "c_tilde", "f", "h", "i", "o"]
    assert all(value.shape == (4, 6, 3) for value in states.values())
    hidden = lstm(x, kernel=W, recurrent_kernel=U, bias=b, return_sequences=True)
    np.testing.assert_allclose(states["h"], hidden)
    # Step 3 from the states of step 2 is one lstm_cell call.
    h, c = lstm_cell(x[:, 3], h_prev=states["h"][:, 2], c_prev=states["c"][:, 2],
                     kernel=W, recurrent_kernel=U, bias=b)  # fmt: skip
    np.testing.assert_allclose(h, states["h"][:, 3])
    np.testing.assert_allclose(c, states["c"][:, 3])
    # The cell update holds between the returned arrays.
    np.testing.assert_allclose(
        states["c"][:, 1:],
        states["f"][:, 1:] * states["c"][:, :-1] + states["i"][:, 1:] * states["c_tilde"][:, 1:],
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x": np.ones((4, 2))}, ValueError, r"x.shape=\(4, 2\)"),
        ({"x": np.ones((4, 0, 2))}, ValueError, r"at least one step.*x.shape=\(4, 0, 2\)"),
        ({"x": [[[1.0, 2.0]]]}, TypeError, r"x=list"),
        ({"x": np.ones((4, 5, 2), dtype=int)}, TypeError, r"x.dtype=int"),
        ({"x": np.ones((4, 5, 3))}, ValueError, r"x.shape=\(4, 5, 3\)"),
        ({"bias": np.zeros(3)}, ValueError, r"bias.shape=\(3,\)"),
        ({"kernel": np.zeros((2, 3))}, ValueError, r"kernel.shape=\(2, 3\)"),
        ({"recurrent_kernel": "U"}, TypeError, r"recurrent_kernel=str"),
    ],
)
def test_lstm_states_bad_arguments(kwargs, error, match):
    arguments = {
        "x": np.ones((4, 5, 2)),
        "kernel": np.zeros((2, 12)),
        "recurrent_kernel": np.zeros((3, 12)),
        "bias": np.zeros(12),
    }
    arguments.update(kwargs)
    x = arguments.pop("x")
    with pytest.raises(error, match=match):
        lstm_states(x, **arguments)


@pytest.mark.parametrize("argument", ["x_t", "h_prev", "kernel", "recurrent_kernel", "bias"])
@pytest.mark.parametrize("value", [np.inf, -np.inf, np.nan])
def test_a_cell_refuses_nan_and_infinity_by_name(argument, value):
    # Found by the long fuzzing profile: x_t = [[inf]] with a zero kernel gave
    # NaN and NumPy's "invalid value encountered in matmul".
    arrays = {
        "x_t": np.ones((1, 2)),
        "h_prev": np.zeros((1, 3)),
        "kernel": np.ones((2, 3)),
        "recurrent_kernel": np.zeros((3, 3)),
        "bias": np.zeros(3),
    }
    arrays[argument] = arrays[argument].copy()
    arrays[argument].flat[0] = value
    x_t = arrays.pop("x_t")
    with pytest.raises(
        ValueError, match=rf"`{argument}` must not hold NaN or infinity\. Received: {argument}\[0"
    ):
        simple_rnn_cell(x_t, **arrays)


def _relative_difference(ours: np.ndarray, expected: np.ndarray) -> float:
    return float(np.linalg.norm(ours - expected) / np.linalg.norm(expected))


@pytest.mark.parametrize("every_step", [False, True], ids=["loss on the last step", "on every"])
def test_simple_rnn_backward_matches_gradient_tape(every_step):
    # Float64 on both sides, so that only a wrong gradient, not float32
    # rounding, can exceed the bound: a factor of 2 anywhere gives 0.5 or more.
    layer = keras.layers.SimpleRNN(5, return_sequences=every_step, dtype="float64")
    layer.build((None, None, 3))
    rng = np.random.default_rng(4)
    layer.set_weights([rng.normal(scale=0.5, size=w.shape) for w in layer.get_weights()])
    names = [w.name for w in layer.trainable_weights]
    assert names == ["kernel", "recurrent_kernel", "bias"]
    weights = dict(zip(names, layer.get_weights(), strict=True))
    x = rng.normal(size=(4, 12, 3))
    target = rng.normal(scale=0.5, size=(4, 12, 5) if every_step else (4, 5))
    x_tensor = tf.constant(x)
    with tf.GradientTape() as tape:
        tape.watch(x_tensor)
        loss = tf.reduce_sum((layer(x_tensor) - target) ** 2) / (2 * len(x))
    expected = tape.gradient(loss, [*layer.trainable_weights, x_tensor])
    states = simple_rnn(x, **weights, return_sequences=every_step)
    ours = simple_rnn_backward(x, **weights, output_gradient=(states - target) / len(x))
    assert sorted(ours) == sorted([*names, "x"])
    for name, gradient in zip([*names, "x"], expected, strict=True):
        assert ours[name].shape == tuple(gradient.shape)
        assert _relative_difference(ours[name], gradient.numpy()) < 1e-12, name


def test_a_loss_on_the_last_step_is_a_loss_on_every_step_that_is_zero_before():
    rng = np.random.default_rng(5)
    weights = {"kernel": rng.normal(size=(2, 3)), "recurrent_kernel": rng.normal(size=(3, 3)),
               "bias": rng.normal(size=3)}  # fmt: skip
    x, last = rng.normal(size=(4, 6, 2)), rng.normal(size=(4, 3))
    every = np.zeros((4, 6, 3))
    every[:, -1] = last
    from_last = simple_rnn_backward(x, **weights, output_gradient=last)
    from_every = simple_rnn_backward(x, **weights, output_gradient=every)
    for name, gradient in from_last.items():
        np.testing.assert_allclose(gradient, from_every[name], rtol=1e-12)


def test_the_gradient_of_an_early_input_obeys_the_singular_value_bound():
    # The chapter's bound: ||dL/dh_t|| <= ||dL/dh_T|| (gamma sigma_max(U))^(T - t)
    # with gamma = max tanh' = 1, so ||dL/dx_t|| <= that times sigma_max(W) * max(1 - h_t^2).
    rng = np.random.default_rng(6)
    steps = 15
    weights = {"kernel": rng.normal(size=(2, 4)), "recurrent_kernel": rng.normal(size=(4, 4)),
               "bias": np.zeros(4)}  # fmt: skip
    x, last = rng.normal(size=(1, steps, 2)), rng.normal(size=(1, 4))
    dx = simple_rnn_backward(x, **weights, output_gradient=last)["x"][0]
    sigma_u = np.linalg.norm(weights["recurrent_kernel"], 2)
    sigma_w = np.linalg.norm(weights["kernel"], 2)
    lag = np.arange(steps)[::-1]
    bound = np.linalg.norm(last) * sigma_u**lag * sigma_w
    assert np.all(np.linalg.norm(dx, axis=1) <= bound * (1 + 1e-12))
    # Not a bound that always holds trivially: shrink U and the early inputs' gradient vanishes.
    weights["recurrent_kernel"] *= 0.5 / sigma_u
    dx = simple_rnn_backward(x, **weights, output_gradient=last)["x"][0]
    assert np.linalg.norm(dx[0]) <= np.linalg.norm(last) * 0.5 ** (steps - 1) * sigma_w
    assert np.linalg.norm(dx[0]) < 1e-3 * np.linalg.norm(dx[-1])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"output_gradient": np.ones((4, 2))},
            ValueError,
            r"\(4, 3\).*output_gradient.shape=\(4, 2\)",
        ),
        (
            {"output_gradient": np.ones((4, 4, 3))},
            ValueError,
            r"\(4, 5, 3\).*output_gradient.shape=\(4, 4, 3\)",
        ),
        (
            {"output_gradient": np.ones(3)},
            ValueError,
            r"2 or 3 dimensions.*output_gradient.shape=\(3,\)",
        ),
        ({"output_gradient": [[1.0, 2.0, 3.0]]}, TypeError, r"output_gradient=list"),
        ({"output_gradient": np.ones((4, 3), dtype=int)}, TypeError, r"output_gradient.dtype=int"),
        ({"output_gradient": np.full((4, 3), np.nan)}, ValueError, r"output_gradient\[0, 0\]=nan"),
        ({"x": np.ones((4, 0, 2))}, ValueError, r"at least one step.*x.shape=\(4, 0, 2\)"),
        ({"x": np.ones((4, 5, 3))}, ValueError, r"row of `kernel` \(2\).*x.shape=\(4, 5, 3\)"),
        ({"recurrent_kernel": np.zeros((3, 12))}, ValueError, r"recurrent_kernel.shape=\(3, 12\)"),
        ({"bias": np.zeros(2)}, ValueError, r"bias.shape=\(2,\)"),
    ],
)
def test_simple_rnn_backward_bad_arguments(kwargs, error, match):
    arguments = {
        "x": np.ones((4, 5, 2)),
        "kernel": np.zeros((2, 3)),
        "recurrent_kernel": np.zeros((3, 3)),
        "bias": np.zeros(3),
        "output_gradient": np.ones((4, 3)),
    }
    arguments.update(kwargs)
    x = arguments.pop("x")
    with pytest.raises(error, match=match):
        simple_rnn_backward(x, **arguments)
