import numpy as np
import pytest

from annbook.datasets import make_linearly_separable, make_xor
from annbook.scratch.dense import (
    activation,
    activation_derivative,
    init_two_layer,
    perceptron_predict,
    train_perceptron,
    train_two_layer,
    two_layer_backward,
    two_layer_forward,
    two_layer_loss,
)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "linear"])
def test_derivatives_match_finite_differences(name):
    z = np.linspace(-3, 3, 61) + 0.013  # avoid ReLU's kink at 0
    h = 1e-6
    numeric = (activation(name, z + h) - activation(name, z - h)) / (2 * h)
    np.testing.assert_allclose(activation_derivative(name, z), numeric, atol=1e-6)


def test_activation_values():
    z = np.array([-1.0, 0.0, 1.0])
    np.testing.assert_array_equal(activation("step", z), [0, 1, 1])
    np.testing.assert_allclose(activation("sigmoid", np.array([-800.0, 800.0])), [0, 1])
    np.testing.assert_array_equal(activation_derivative("step", z), [0, 0, 0])
    assert activation_derivative("sigmoid", np.array([0.0]))[0] == 0.25
    np.testing.assert_array_equal(activation("linear", z), z)


def test_one_list_of_activations_for_numpy_and_keras():
    from annbook._numerics import ACTIVATIONS, TRAINABLE_ACTIVATIONS  # noqa: PLC0415

    z = np.linspace(-2, 2, 5)
    for name in ACTIVATIONS:
        assert activation(name, z).shape == z.shape
    # Every name the Keras builders take is a Keras activation of the same values.
    keras = pytest.importorskip("keras")
    for name in TRAINABLE_ACTIVATIONS:
        keras_values = keras.ops.convert_to_numpy(keras.activations.get(name)(z))
        np.testing.assert_allclose(activation(name, z), keras_values, rtol=1e-6)
    assert "step" not in TRAINABLE_ACTIVATIONS


def test_sigmoid_of_huge_pre_activations_does_not_overflow():
    z = np.array([-1e4, -800.0, 0.0, 800.0, 1e4])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        values = activation("sigmoid", z)
        slopes = activation_derivative("sigmoid", z)
    np.testing.assert_array_equal(values, [0.0, 0.0, 0.5, 1.0, 1.0])
    np.testing.assert_array_equal(slopes, [0.0, 0.0, 0.25, 0.0, 0.0])


@pytest.mark.parametrize("dtype", ["m8[s]", "M8[D]", "complex128", "bool", "U1"])
def test_activations_reject_arrays_that_hold_no_real_numbers(dtype):
    # NumPy counts timedelta64 as an integer type; found by the long fuzzing profile.
    z = np.zeros(3, dtype=dtype)
    with pytest.raises(TypeError, match=r"`z` must hold integers or floats\. Received: z\.dtype="):
        activation("sigmoid", z)


def test_perceptron_converges_on_separable_data():
    x, y = make_linearly_separable(n_samples=100, margin=0.2, seed=0)
    fit = train_perceptron(x, y, epochs=50)
    assert fit.errors[-1] == 0
    assert len(fit.errors) < 50
    assert len(fit.history) == len(fit.errors) + 1
    np.testing.assert_array_equal(fit.history[0][0], [0.0, 0.0])
    labels = perceptron_predict(x, weights=fit.weights, bias=fit.bias)
    np.testing.assert_array_equal(labels, y)


def test_perceptron_never_settles_on_xor():
    x, y = make_xor(n_samples=200, seed=0)
    fit = train_perceptron(x, y, epochs=20)
    assert len(fit.errors) == 20
    assert min(fit.errors) > 0


def test_perceptron_order_on_xor_depends_on_the_seed():
    x, y = make_xor(n_samples=200, seed=0)
    given = train_perceptron(x, y, epochs=5)
    shuffled = [train_perceptron(x, y, epochs=5, seed=seed) for seed in (0, 1)]
    again = train_perceptron(x, y, epochs=5, seed=0)
    np.testing.assert_array_equal(again.weights, shuffled[0].weights)
    assert not np.array_equal(shuffled[0].weights, shuffled[1].weights)
    assert not np.array_equal(given.weights, shuffled[0].weights)


def test_two_layer_starts_from_init_without_changing_it():
    x, y = make_xor(n_samples=40, seed=0)
    init = init_two_layer(input_shape=(2,), hidden_units=(3,), seed=5)
    before = {name: value.copy() for name, value in init.items()}
    params, losses = train_two_layer(x, y, hidden_units=(3,), epochs=3, init=init)
    for name in init:
        np.testing.assert_array_equal(init[name], before[name])
    assert losses[0] == two_layer_loss(two_layer_forward(x, init)[0], y)
    zero = {name: np.zeros_like(value) for name, value in init.items()}
    params, _ = train_two_layer(x, y, hidden_units=(3,), epochs=50, init=zero)
    assert not params["W1"].any()  # symmetric start: no gradient reaches W1
    assert not params["W2"].any()


def test_two_layer_mini_batches_take_one_step_per_batch():
    x, y = make_xor(n_samples=40, seed=0)
    full, _ = train_two_layer(x, y, hidden_units=(3,), epochs=1, seed=2)
    one_batch, _ = train_two_layer(x, y, hidden_units=(3,), epochs=1, seed=2, batch_size=40)
    for name in full:
        np.testing.assert_array_equal(full[name], one_batch[name])
    # Batches of one, in a seeded order: the same order gives the same weights.
    a, losses = train_two_layer(x, y, hidden_units=(3,), epochs=2, seed=2, batch_size=1)
    b, _ = train_two_layer(x, y, hidden_units=(3,), epochs=2, seed=2, batch_size=1)
    np.testing.assert_array_equal(a["W1"], b["W1"])
    assert len(losses) == 2
    assert not np.array_equal(a["W1"], full["W1"])


def test_two_layer_network_learns_xor():
    x, y = make_xor(n_samples=200, seed=0)
    params, losses = train_two_layer(x, y, hidden_units=(4,), epochs=2000, seed=0)
    p, _ = two_layer_forward(x, params)
    assert ((p.ravel() >= 0.5) == y).mean() == 1.0
    assert losses[-1] < 0.05 < losses[0]


def test_init_is_glorot_uniform_and_seeded():
    params = init_two_layer(input_shape=(30,), hidden_units=(20,), num_outputs=5, seed=3)
    assert np.abs(params["W1"]).max() <= np.sqrt(6 / 50)
    assert np.abs(params["W2"]).max() <= np.sqrt(6 / 25)
    assert not params["b1"].any()
    assert params["W1"].dtype == np.float64
    again = init_two_layer(input_shape=(30,), hidden_units=(20,), num_outputs=5, seed=3)
    np.testing.assert_array_equal(params["W1"], again["W1"])


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "linear"])
def test_backward_matches_finite_differences(hidden):
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(6, 3)), rng.integers(0, 2, size=(6, 2))
    params = init_two_layer(input_shape=(3,), hidden_units=(4,), num_outputs=2, seed=1)
    _, cache = two_layer_forward(x, params, activation=hidden)
    grads = two_layer_backward(cache, y, params)
    h = 1e-6
    for name, value in params.items():
        numeric = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            for sign in (1, -1):
                shifted = {k: v.copy() for k, v in params.items()}
                shifted[name][index] += sign * h
                p, _ = two_layer_forward(x, shifted, activation=hidden)
                numeric[index] += sign * two_layer_loss(p, y) / (2 * h)
        # Relative: the gradients are about 1e-2, so an absolute 1e-7 would let a
        # wrong factor in a small entry pass. The central difference is good to
        # about 1e-8 of the entry; atol covers the entries that are nearly 0.
        np.testing.assert_allclose(grads[name], numeric, rtol=1e-6, atol=1e-10)


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "linear"])
def test_backward_matches_gradient_tape_in_float64(hidden):
    import keras  # noqa: PLC0415
    import tensorflow as tf  # noqa: PLC0415

    from annbook.models import build_mlp  # noqa: PLC0415

    x, y = make_xor(n_samples=8, seed=0)
    params = init_two_layer(input_shape=(2,), hidden_units=(4,), num_outputs=1, seed=1)
    p, cache = two_layer_forward(x, params, activation=hidden)
    grads = two_layer_backward(cache, y, params)

    network = build_mlp(
        input_shape=(2,), hidden_units=(4,), activation=hidden, num_outputs=1,
        output_activation="sigmoid", dtype="float64",
    )  # fmt: skip
    network.set_weights([params["W1"], params["b1"], params["W2"], params["b2"]])
    with tf.GradientTape() as tape:
        p_keras = network(x)
        loss = tf.reduce_mean(keras.losses.binary_crossentropy(y[:, None], p_keras))
    keras_grads = tape.gradient(loss, network.trainable_weights)

    assert float(loss) == pytest.approx(two_layer_loss(p, y), rel=1e-12)
    # Relative to each gradient's size (about 1e-2 here): float64 rounding leaves
    # about 1e-16 of it, float32 arithmetic slipping in about 1e-7, a wrong
    # factor 1 or more; an absolute 1e-6 would have let float32 through.
    for name, g in zip(["W1", "b1", "W2", "b2"], keras_grads, strict=True):
        relative = np.linalg.norm(grads[name] - g.numpy()) / np.linalg.norm(g.numpy())
        assert relative <= 1e-12, name


Z = np.array([-1.0, 0.0, 1.0])
X2, Y2 = np.zeros((2, 2)), np.array([0, 1])
PARAMS = init_two_layer(input_shape=(2,), hidden_units=(2,))
_, CACHE = two_layer_forward(np.zeros((3, 2)), PARAMS)


@pytest.mark.parametrize(
    ("function", "args", "kwargs", "error", "match"),
    [
        # activation
        (activation, ["gelu", Z], {}, ValueError, r"name='gelu'"),
        (activation, ["ReLU", Z], {}, ValueError, r"name='ReLU'"),
        (activation, [None, Z], {}, TypeError, r"name=None"),
        (activation, ["relu", [0, 1]], {}, TypeError, r"z=list"),
        (activation, ["relu", 0.5], {}, TypeError, r"z=float"),
        (activation, ["relu", np.array(["a"])], {}, TypeError, r"z.dtype=<U1"),
        # activation_derivative
        (activation_derivative, [1, Z], {}, TypeError, r"name=1"),
        (activation_derivative, ["softmax", Z], {}, ValueError, r"name='softmax'"),
        (activation_derivative, ["step", (0.0, 1.0)], {}, TypeError, r"z=tuple"),
        (activation_derivative, ["tanh", np.array([None])], {}, TypeError, r"z.dtype=object"),
        (activation_derivative, ["sigmoid", np.array([True])], {}, TypeError, r"z.dtype=bool"),
        # perceptron_predict
        (perceptron_predict, [np.zeros(2)], {"weights": np.zeros(2), "bias": 0.0},
         ValueError, r"x.shape=\(2,\)"),
        (perceptron_predict, [[[0, 1]]], {"weights": np.zeros(2), "bias": 0.0},
         TypeError, r"x=list"),
        (perceptron_predict, [np.zeros((3, 2))], {"weights": np.zeros(3), "bias": 0.0},
         ValueError, r"weights.shape=\(3,\)"),
        (perceptron_predict, [np.zeros((3, 2))], {"weights": [1.0, 1.0], "bias": 0.0},
         TypeError, r"weights=list"),
        (perceptron_predict, [np.zeros((3, 2))], {"weights": np.zeros(2), "bias": "0"},
         TypeError, r"bias='0'"),
        (perceptron_predict, [np.zeros((3, 2))], {"weights": np.zeros(2), "bias": float("nan")},
         ValueError, r"bias=nan"),
        # train_perceptron
        (train_perceptron, [np.zeros((3, 2)), Y2], {}, ValueError, r"y.shape=\(2,\)"),
        (train_perceptron, [X2, np.array([-1, 1])], {}, ValueError, r"unique\(y\)=\[-1, 1\]"),
        (train_perceptron, [X2, [0, 1]], {}, TypeError, r"y=list"),
        (train_perceptron, [np.array([[0.0, np.nan], [1.0, 1.0]]), Y2], {},
         ValueError, r"x\[0, 1\]=nan"),
        (train_perceptron, [X2, Y2], {"learning_rate": 0}, ValueError, r"learning_rate=0"),
        (train_perceptron, [X2, Y2], {"learning_rate": "1"}, TypeError, r"learning_rate='1'"),
        (train_perceptron, [X2, Y2], {"epochs": 0}, ValueError, r"epochs=0"),
        (train_perceptron, [X2, Y2], {"epochs": 2.5}, TypeError, r"epochs=2.5"),
        (train_perceptron, [X2, Y2], {"seed": -3}, ValueError, r"seed=-3"),
        (train_perceptron, [X2, Y2], {"seed": 1.0}, TypeError, r"seed=1.0"),
        # init_two_layer
        (init_two_layer, [], {"input_shape": (0,), "hidden_units": (2,)},
         ValueError, r"input_shape=\(0,\)"),
        (init_two_layer, [], {"input_shape": 2, "hidden_units": (2,)},
         TypeError, r"input_shape=2"),
        (init_two_layer, [], {"input_shape": (2, 2), "hidden_units": (2,)},
         ValueError, r"input_shape=\(2, 2\)"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": (2.0,)},
         TypeError, r"hidden_units\[0\]=2.0"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": 2},
         TypeError, r"hidden_units=2"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": (2, 2)},
         ValueError, r"exactly one hidden layer.*hidden_units=\(2, 2\)"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": (2,), "num_outputs": 0},
         ValueError, r"num_outputs=0"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": (2,), "seed": -1},
         ValueError, r"seed=-1"),
        (init_two_layer, [], {"input_shape": (2,), "hidden_units": (2,), "seed": None},
         TypeError, r"seed=None"),
        # two_layer_forward
        (two_layer_forward, [np.zeros((3, 5)), PARAMS], {}, ValueError, r"x.shape=\(3, 5\)"),
        (two_layer_forward, [[[0.0, 0.0]], PARAMS], {}, TypeError, r"x=list"),
        (two_layer_forward, [np.zeros((3, 2)), {"W1": 1}], {}, TypeError, r"params=\['W1'\]"),
        (two_layer_forward, [np.zeros((3, 2)), {**PARAMS, "W1": [[1.0]]}], {},
         TypeError, r"params\['W1'\]=list"),
        (two_layer_forward, [np.zeros((3, 2)), {**PARAMS, "b1": np.zeros(4)}], {},
         ValueError, r"params\['b1'\].shape=\(4,\)"),
        (two_layer_forward, [np.zeros((3, 2)), PARAMS], {"activation": "step"},
         ValueError, r"activation='step'"),
        (two_layer_forward, [np.zeros((3, 2)), PARAMS], {"activation": None},
         TypeError, r"activation=None"),
        # two_layer_loss
        (two_layer_loss, [np.full((3, 1), 0.5), np.zeros(4)], {}, ValueError, r"y.shape=\(4, 1\)"),
        (two_layer_loss, [np.full((3, 1), 0.5), [0, 1, 0]], {}, TypeError, r"y=list"),
        (two_layer_loss, [[[0.5]], np.zeros(1)], {}, TypeError, r"p=list"),
        (two_layer_loss, [np.full(3, 0.5), np.zeros(3)], {}, ValueError, r"p.shape=\(3,\)"),
        (two_layer_loss, [np.array([[0.5], [1.5]]), np.zeros(2)], {}, ValueError, r"p\[1, 0\]=1.5"),
        (two_layer_loss, [np.array([[np.nan]]), np.zeros(1)], {}, ValueError, r"p\[0, 0\]=nan"),
        # two_layer_backward
        (two_layer_backward, [{}, np.zeros(3), PARAMS], {}, TypeError, r"cache=\[\]"),
        (two_layer_backward, [None, np.zeros(3), PARAMS], {}, TypeError, r"cache=NoneType"),
        (two_layer_backward, [CACHE, np.zeros(4), PARAMS], {}, ValueError, r"y.shape=\(4, 1\)"),
        (two_layer_backward, [CACHE, [0, 1, 0], PARAMS], {}, TypeError, r"y=list"),
        (two_layer_backward, [CACHE, np.zeros(3), init_two_layer(input_shape=(2,), hidden_units=(5,))], {},
         ValueError, r"params\['W2'\].shape=\(5, 1\)"),
        (two_layer_backward, [CACHE, np.zeros(3), [PARAMS]], {}, TypeError, r"params=list"),
        # train_two_layer
        (train_two_layer, [X2, Y2], {"hidden_units": (0,)}, ValueError, r"hidden_units\[0\]=0"),
        (train_two_layer, [X2, Y2], {"hidden_units": 4}, TypeError, r"hidden_units=4"),
        (train_two_layer, [X2, Y2], {"hidden_units": ()}, ValueError, r"hidden_units=\(\)"),
        (train_two_layer, [X2, Y2], {"activation": "step"},
         ValueError, r"activation='step'"),
        (train_two_layer, [X2, Y2], {"learning_rate": -1.0}, ValueError, r"learning_rate=-1.0"),
        (train_two_layer, [X2, Y2], {"epochs": 0}, ValueError, r"epochs=0"),
        (train_two_layer, [X2, Y2], {"seed": -1}, ValueError, r"seed=-1"),
        (train_two_layer, [X2, Y2], {"batch_size": 0}, ValueError, r"batch_size=0"),
        (train_two_layer, [X2, Y2], {"init": {"W1": 1}}, TypeError, r"init=\['W1'\]"),
        (train_two_layer, [X2, Y2], {"init": PARAMS, "hidden_units": (3,)}, ValueError,
         r"init\['W1'\].shape=\(2, 2\)"),
        (train_two_layer, [np.zeros(2), Y2], {}, ValueError, r"x.shape=\(2,\)"),
        (train_two_layer, [X2, np.array([0, 2])], {}, ValueError, r"unique\(y\)=\[0, 2\]"),
    ],
)  # fmt: skip
def test_bad_arguments_are_named(function, args, kwargs, error, match):
    with pytest.raises(error, match=match):
        function(*args, **kwargs)


# Defects the fuzzing (tests/package/test_fuzz.py) found.
def test_the_loss_of_a_certain_probability_is_finite():
    # log(0) warned and gave NaN; as in Keras, p is kept in [1e-7, 1 - 1e-7].
    assert two_layer_loss(np.array([[0.0]]), np.array([0])) == pytest.approx(1e-7, rel=1e-3)
    assert two_layer_loss(np.array([[0.0]]), np.array([1])) == pytest.approx(16.118, rel=1e-4)


def test_the_loss_of_an_empty_batch_is_refused():
    with pytest.raises(ValueError, match=r"must not be empty.*p\.shape=\(0, 1\)"):
        two_layer_loss(np.zeros((0, 1)), np.zeros(0))


def test_perceptron_inputs_must_be_finite():
    # inf * 0 warned in the product, before.
    with pytest.raises(ValueError, match=r"x\[0, 0\]=inf"):
        perceptron_predict(np.array([[np.inf]]), weights=np.zeros(1), bias=0.0)
