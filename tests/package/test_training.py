import keras
import numpy as np
import pytest
import tensorflow as tf

from annbook.models import (
    build_autoencoder,
    build_cnn,
    build_cnn1d,
    build_mlp,
    build_perceptron,
    build_simple_rnn,
)
from annbook.training import (
    InferenceEvaluation,
    Paired,
    fit_and_evaluate,
    input_gradient_norms,
    layer_delta_norms,
    layer_gradient_norms,
    pretrain_layerwise,
    repeat,
    set_seed,
)


def test_same_seed_gives_the_same_initial_weights():
    set_seed(7)
    first = build_cnn().get_weights()
    set_seed(7)
    second = build_cnn().get_weights()
    for a, b in zip(first, second, strict=True):
        np.testing.assert_array_equal(a, b)


def test_different_seeds_give_different_weights():
    set_seed(1)
    first = build_cnn().get_layer("conv1").get_weights()[0]
    set_seed(2)
    second = build_cnn().get_layer("conv1").get_weights()[0]
    assert not np.array_equal(first, second)


def test_seeded_training_steps_repeat_exactly():
    rng = np.random.default_rng(0)
    x = rng.random((64, 28, 28, 1), dtype=np.float32)
    y = keras.utils.to_categorical(rng.integers(0, 10, 64), 10)

    def train():
        set_seed(3)
        model = build_cnn(filters=(4,), hidden_units=(8,))
        model.compile(optimizer="adam", loss="categorical_crossentropy")
        return model.fit(x, y, batch_size=16, epochs=2, verbose=0).history["loss"]

    assert train() == train()


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"seed": -1}, ValueError, r"seed=-1"),
        ({"seed": 1.5}, TypeError, r"seed=1.5"),
        ({"seed": "3"}, TypeError, r"seed='3'"),
        ({"seed": None}, TypeError, r"seed=None"),
        ({"seed": 3, "deterministic": "yes"}, TypeError, r"deterministic='yes'"),
    ],
)
def test_bad_arguments_are_named(kwargs, error, match):
    with pytest.raises(error, match=match):
        set_seed(**kwargs)


def test_input_gradient_norms_shape():
    set_seed(0)
    model = build_simple_rnn(input_shape=(12, 2), units=3)
    x, y = np.ones((4, 12, 2), dtype="float32"), np.zeros(4)
    norms = input_gradient_norms(model, x, y, loss="mse")
    assert norms.shape == (12,)
    assert (norms > 0).all()


def test_input_gradient_norms_use_the_compiled_loss_by_default():
    set_seed(0)
    model = build_simple_rnn(input_shape=(12, 2), units=3)
    rng = np.random.default_rng(0)
    x, y = rng.random((4, 12, 2)).astype("float32"), rng.random(4).astype("float32")
    explicit = input_gradient_norms(model, x, y, loss="mse")
    model.compile(loss="mse")
    np.testing.assert_allclose(input_gradient_norms(model, x, y), explicit, rtol=1e-6)
    absolute = input_gradient_norms(model, x, y, loss="mae")
    assert not np.allclose(absolute, explicit)


def test_input_gradient_norms_equal_a_manual_tape():
    set_seed(2)
    model = build_simple_rnn(input_shape=(5, 1), units=2)
    x = np.random.default_rng(2).random((3, 5, 1)).astype("float32")
    y = np.array([0.5, 1.0, 1.5], dtype="float32")
    inputs = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(inputs)
        loss = tf.reduce_mean(tf.square(model(inputs)[:, 0] - y))
    manual = np.abs(tape.gradient(loss, inputs).numpy()[..., 0]).mean(axis=0)
    np.testing.assert_allclose(input_gradient_norms(model, x, y, loss="mse"), manual, rtol=1e-5)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (["model", np.ones((4, 12, 2)), np.zeros(4)], {}, TypeError, r"model=str"),
        ([None, [[1.0]], np.zeros(4)], {}, TypeError, r"x=list"),
        ([None, np.full((4, 12, 2), "a"), np.zeros(4)], {}, TypeError, r"x.dtype=<U1"),
        ([None, np.ones((4, 12)), np.zeros(4)], {}, ValueError, r"x.shape=\(4, 12\)"),
        ([None, np.ones((4, 12, 2)), [0.0] * 4], {}, TypeError, r"y=list"),
        ([None, np.ones((4, 12, 2)), np.zeros(3)], {}, ValueError, r"y.shape=\(3,\)"),
        ([None, np.ones((4, 12, 2)), np.zeros(4)], {}, ValueError, r"not compiled.*loss=None"),
        ([None, np.ones((4, 12, 2)), np.zeros(4)], {"loss": "msqe"}, ValueError, r"loss='msqe'"),
        ([None, np.ones((4, 12, 2)), np.zeros(4)], {"loss": 2}, TypeError, r"loss=2"),
    ],
)  # fmt: skip
def test_input_gradient_norms_bad_arguments(args, kwargs, error, match):
    if args[0] is None:
        args = [build_simple_rnn(input_shape=(12, 2), units=3), *args[1:]]
    with pytest.raises(error, match=match):
        input_gradient_norms(*args, **kwargs)


def test_pretraining_overwrites_only_the_hidden_layers():
    set_seed(0)
    model = build_mlp(input_shape=(6,), hidden_units=(4, 3), activation="sigmoid", num_outputs=2)
    before = {layer.name: layer.get_weights() for layer in model.layers}
    x = np.random.default_rng(0).random((32, 6)).astype("float32")
    losses = pretrain_layerwise(model, x, epochs=2, batch_size=16)
    assert len(losses) == 2
    assert all(np.isfinite(loss) and loss > 0 for loss in losses)
    for name in ("hidden1", "hidden2"):
        assert not np.array_equal(model.get_layer(name).get_weights()[0], before[name][0])
    for a, b in zip(
        model.get_layer("predictions").get_weights(), before["predictions"], strict=True
    ):
        np.testing.assert_array_equal(a, b)


def test_pretraining_copies_the_trained_encoder():
    # With one hidden layer the layer must equal the encoder it trained: re-run
    # the same seeded autoencoder training by hand and compare.
    x = np.random.default_rng(1).random((16, 5)).astype("float32")
    set_seed(4)
    model = build_mlp(input_shape=(5,), hidden_units=(3,), activation="tanh", num_outputs=2)
    pretrain_layerwise(model, x, epochs=1, batch_size=8)
    set_seed(4)
    build_mlp(input_shape=(5,), hidden_units=(3,), activation="tanh", num_outputs=2)
    autoencoder = build_autoencoder(input_shape=(5,), code_units=3, activation="tanh")
    autoencoder.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse")
    autoencoder.fit(x, x, epochs=1, batch_size=8, shuffle=True, verbose=0)
    for a, b in zip(
        model.get_layer("hidden1").get_weights(),
        autoencoder.get_layer("encoder").get_weights(),
        strict=True,
    ):
        np.testing.assert_allclose(a, b)


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        (["mlp", np.zeros((2, 4))], {}, TypeError, r"model=str"),
        ([None, [[0.0] * 4]], {}, TypeError, r"x=list"),
        ([None, np.zeros((2, 5))], {}, ValueError, r"x.shape=\(2, 5\)"),
        ([None, np.zeros(4)], {}, ValueError, r"x.shape=\(4,\)"),
        ([None, np.zeros((2, 4))], {"epochs": 0}, ValueError, r"epochs=0"),
        ([None, np.zeros((2, 4))], {"batch_size": 1.5}, TypeError, r"batch_size=1.5"),
        ([None, np.zeros((2, 4))], {"learning_rate": -1.0}, ValueError, r"learning_rate=-1.0"),
        ([None, np.zeros((2, 4))], {"input_dropout": 1}, ValueError, r"input_dropout=1"),
        ([None, np.zeros((2, 4))], {"input_dropout": "0.3"}, TypeError, r"input_dropout='0.3'"),
    ],
)
def test_pretraining_bad_arguments(args, kwargs, error, match):
    if args[0] is None:
        args = [build_mlp(input_shape=(4,), hidden_units=(2,), num_outputs=2), *args[1:]]
    with pytest.raises(error, match=match):
        pretrain_layerwise(*args, **kwargs)


def test_pretraining_needs_hidden_layers():
    with pytest.raises(ValueError, match=r"named 'hidden1'.*\['predictions'\]"):
        pretrain_layerwise(build_perceptron(input_shape=(4,)), np.zeros((2, 4)))


def test_gradient_norms_vanish_in_a_deep_sigmoid_network():
    set_seed(0)
    rng = np.random.default_rng(0)
    x, y = rng.random((64, 20)).astype("float32"), rng.integers(0, 3, 64)
    sigmoid = build_mlp(
        input_shape=(20,), hidden_units=(16,) * 8, activation="sigmoid", num_outputs=3
    )
    norms = layer_gradient_norms(sigmoid, x, y, loss="sparse_categorical_crossentropy")
    assert list(norms) == [*(f"hidden{i}" for i in range(1, 9)), "predictions"]
    assert all(value > 0 for value in norms.values())
    assert norms["hidden1"] < norms["hidden8"] / 100


def test_gradient_norms_equal_a_manual_tape():
    set_seed(1)
    model = build_mlp(input_shape=(3,), hidden_units=(2,), num_outputs=2)
    x, y = np.ones((4, 3), dtype="float32"), np.array([0, 1, 1, 0])
    with tf.GradientTape() as tape:
        loss = keras.losses.sparse_categorical_crossentropy(y, model(x))
        loss = tf.reduce_mean(loss)
    kernel_grad = tape.gradient(loss, model.get_layer("predictions").kernel)
    expected = pytest.approx(float(tf.norm(kernel_grad)), rel=1e-6)
    norms = layer_gradient_norms(model, x, y, loss=keras.losses.sparse_categorical_crossentropy)
    assert norms["predictions"] == expected
    model.compile(loss="sparse_categorical_crossentropy")
    assert layer_gradient_norms(model, x, y)["predictions"] == expected


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "match"),
    [
        ([3, np.zeros((2, 3)), np.zeros(2)], {}, TypeError, r"model=int"),
        ([None, [[1, 2, 3]], np.zeros(1)], {}, TypeError, r"x=list"),
        ([None, np.zeros((2, 3)), [0, 1]], {}, TypeError, r"y=list"),
        ([None, np.zeros((2, 3)), np.zeros(3)], {}, ValueError, r"y.shape=\(3,\)"),
        ([None, np.zeros(3), np.zeros(3)], {}, ValueError, r"x.shape=\(3,\)"),
        ([None, np.zeros((2, 3)), np.zeros(2)], {}, ValueError, r"not compiled.*loss=None"),
        ([None, np.zeros((2, 3)), np.zeros(2)], {"loss": "hinge_of_doom"}, ValueError,
         r"loss='hinge_of_doom'"),
        ([None, np.zeros((2, 3)), np.zeros(2)], {"loss": 5}, TypeError, r"loss=5"),
    ],
)  # fmt: skip
def test_gradient_norms_bad_arguments(args, kwargs, error, match):
    if args[0] is None:
        args = [build_mlp(input_shape=(3,), hidden_units=(2,), num_outputs=2), *args[1:]]
    with pytest.raises(error, match=match):
        layer_gradient_norms(*args, **kwargs)


def test_layer_delta_norms_are_backpropagation_by_hand():
    set_seed(0)
    model = build_mlp(input_shape=(4,), hidden_units=(3,), activation="linear", num_outputs=2)
    x = np.random.default_rng(0).random((6, 4)).astype("float32")
    y = np.array([0, 1, 1, 0, 1, 0])
    norms = layer_delta_norms(model, x, y, loss="sparse_categorical_crossentropy")
    p = model(x).numpy()
    delta_out = p - np.eye(2)[y]  # softmax with cross-entropy: p - y
    w_out = model.get_layer("predictions").kernel.numpy()
    delta_hidden = delta_out @ w_out.T  # a linear activation has slope 1
    assert list(norms) == ["hidden1", "predictions"]
    np.testing.assert_allclose(
        norms["predictions"], np.linalg.norm(delta_out, axis=1).mean(), rtol=1e-5
    )
    np.testing.assert_allclose(
        norms["hidden1"], np.linalg.norm(delta_hidden, axis=1).mean(), rtol=1e-5
    )


def test_layer_delta_norms_refuses_layers_it_cannot_see_into():
    model = keras.Sequential(
        [keras.Input((4, 1)), keras.layers.SimpleRNN(2), keras.layers.Dense(2)]
    )
    with pytest.raises(ValueError, match=r"chain of Dense and Dropout.*simple_rnn"):
        layer_delta_norms(model, np.zeros((2, 4, 1)), np.zeros(2), loss="mse")


def test_fit_and_evaluate_trains_with_plain_sgd():
    set_seed(0)
    x = np.eye(2, dtype="float32").repeat(8, axis=0)
    y = np.array([0, 1]).repeat(8)
    model = build_mlp(input_shape=(2,), hidden_units=(4,), num_outputs=2)
    accuracy = fit_and_evaluate(
        model, x, y, x, y, epochs=20, batch_size=4, optimizer="sgd", learning_rate=0.5
    )
    assert accuracy == 1.0
    assert type(model.optimizer).__name__ == "SGD"


def test_fit_and_evaluate_learns_a_trivial_task():
    set_seed(0)
    x = np.eye(2, dtype="float32").repeat(8, axis=0)
    y = np.array([0, 1]).repeat(8)
    model = build_mlp(input_shape=(2,), hidden_units=(4,), num_outputs=2)
    accuracy = fit_and_evaluate(model, x, y, x, y, epochs=8, batch_size=4, learning_rate=0.1)
    assert accuracy == 1.0
    assert model.compiled


def _two_patterns(shape):
    # Class 0 is all zeros, class 1 all ones: any model that learns can tell them apart.
    x = np.concatenate([np.zeros((8, *shape)), np.ones((8, *shape))]).astype("float32")
    return x, np.array([0, 1]).repeat(8)


@pytest.mark.parametrize(
    ("build", "shape"),
    [
        (lambda: build_mlp(input_shape=(4,), hidden_units=(4,), num_outputs=2), (4,)),
        (lambda: build_simple_rnn(input_shape=(6, 2), num_outputs=2,
                                  output_activation="softmax"), (6, 2)),
        (lambda: build_cnn1d(input_shape=(16, 1), num_classes=2, filters=(4,), kernel_size=3),
         (16, 1)),
        (lambda: build_cnn(input_shape=(8, 8, 1), num_classes=2, filters=(4,),
                           hidden_units=(8,), dropout=0.0, conv_dropout=0.0), (8, 8, 1)),
    ],
    ids=["2-D", "3-D", "3-D conv", "4-D"],
)  # fmt: skip
def test_fit_and_evaluate_takes_inputs_of_any_rank(build, shape):
    set_seed(0)
    x, y = _two_patterns(shape)
    accuracy = fit_and_evaluate(build(), x, y, x, y, epochs=10, batch_size=4, learning_rate=0.05)
    assert accuracy == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"x_train": [[0.0, 1.0]]}, TypeError, r"x_train=list"),
        ({"x_test": np.zeros(4)}, ValueError, r"x_test.shape=\(4,\)"),
        ({"y_train": [0, 1, 0, 1]}, TypeError, r"y_train=list"),
        ({"y_test": np.zeros(3)}, ValueError, r"y_test.shape=\(3,\)"),
        ({"x_train": np.zeros((0, 2))}, ValueError, r"x_train.shape=\(0, 2\)"),
        ({"x_test": np.zeros((4, 3), dtype="float32")}, ValueError, r"x_test.shape=\(4, 3\)"),
        ({"model": "mlp"}, TypeError, r"model=str"),
        ({"epochs": 0}, ValueError, r"epochs=0"),
        ({"batch_size": "32"}, TypeError, r"batch_size='32'"),
        ({"learning_rate": 0.0}, ValueError, r"learning_rate=0.0"),
        ({"optimizer": "rmsprop"}, ValueError, r"optimizer='rmsprop'"),
    ],
)
def test_fit_and_evaluate_bad_arguments(kwargs, error, match):
    data = {
        "x_train": np.zeros((4, 2), dtype="float32"),
        "y_train": np.zeros(4),
        "x_test": np.zeros((4, 2), dtype="float32"),
        "y_test": np.zeros(4),
    }
    data.update({k: v for k, v in kwargs.items() if k in data})
    options = {k: v for k, v in kwargs.items() if k not in data and k != "model"}
    model = kwargs.get("model", build_mlp(input_shape=(2,), hidden_units=(2,), num_outputs=2))
    with pytest.raises(error, match=match):
        fit_and_evaluate(
            model, data["x_train"], data["y_train"], data["x_test"], data["y_test"], **options
        )


# Defects the fuzzing (tests/package/test_fuzz.py) found: raw Keras errors, now named.
@pytest.fixture
def small_mlp():
    model = build_mlp(input_shape=(3,), hidden_units=(4,), num_outputs=2)
    model.compile(loss="sparse_categorical_crossentropy")
    return model


def test_gradient_norms_name_x_that_does_not_fit_the_model(small_mlp):
    with pytest.raises(ValueError, match=r"input shape \(3,\).*x\.shape=\(2, 5\)"):
        layer_gradient_norms(small_mlp, np.zeros((2, 5)), np.zeros(2))


def test_fit_and_evaluate_names_examples_that_do_not_fit_the_model(small_mlp):
    x, y = np.zeros((4, 5)), np.zeros(4, dtype=int)
    with pytest.raises(ValueError, match=r"x_train\.shape=\(4, 5\)"):
        fit_and_evaluate(small_mlp, x, y, x, y, epochs=1)


def test_fit_and_evaluate_names_labels_that_are_no_class(small_mlp):
    x = np.zeros((4, 3))
    with pytest.raises(
        ValueError, match=r"class indices 0 to 1.*unique\(y_train\)\[:10\]=\[-1, 0\]"
    ):
        fit_and_evaluate(small_mlp, x, np.array([0, -1, 0, 0]), x, np.zeros(4), epochs=1)


def test_pretraining_names_a_model_that_takes_images():
    model = build_cnn(input_shape=(8, 8, 1), filters=(2,), hidden_units=(2,), num_classes=2)
    with pytest.raises(ValueError, match=r"flat examples.*model='cnn'"):
        pretrain_layerwise(model, np.zeros((2, 1)))


def test_a_seed_numpy_cannot_take_is_named():
    with pytest.raises(ValueError, match=r"<= 4294967295.*seed=4294967296"):
        set_seed(2**32)


def test_targets_the_loss_cannot_compare_are_named(small_mlp):
    # TensorFlow's InvalidArgumentError "Incompatible shapes", before.
    with pytest.raises(ValueError, match=r"'mean_squared_error'.*\(3, 2\).*y\.shape=\(3,\)"):
        layer_gradient_norms(small_mlp, np.zeros((3, 3)), np.zeros(3), loss="mse")


# -- repeat: an experiment over seeds --------------------------------------

#: Hand numbers: two conditions, five seeds; "a" wins on four of them.
HAND = {
    3: {"a": 0.90, "b": 0.85},
    1: {"a": 0.80, "b": 0.82},
    4: {"a": 0.95, "b": 0.90},
    0: {"a": 0.70, "b": 0.60},
    9: {"a": 0.88, "b": 0.87},
}


def hand_run(seed):
    return HAND[seed]


def test_repeat_runs_each_seed_once_in_order_and_keeps_the_numbers():
    called = []

    def run(seed):
        called.append(seed)
        return HAND[seed]

    repeats = repeat(run, seeds=[3, 1, 4, 0, 9])
    assert called == [3, 1, 4, 0, 9]
    assert repeats.seeds == (3, 1, 4, 0, 9)
    assert repeats.names == ["a", "b"]
    assert repeats.values("b") == [0.85, 0.82, 0.90, 0.60, 0.87]
    assert repeats.mean("a") == pytest.approx(4.23 / 5)
    assert repeats.spread("a") == (0.70, 0.95)


def test_the_paired_summary_matches_hand_numbers():
    paired = repeat(hand_run, seeds=[3, 1, 4, 0, 9]).paired("a", "b")
    # a - b per seed: 0.05, -0.02, 0.05, 0.10, 0.01; sum 0.19, mean 0.038;
    # deviations from the mean 0.012, -0.058, 0.012, 0.062, -0.028; their
    # squares sum to 0.00828, over n - 1 = 4: sd = sqrt(0.00207) = 0.045497...
    assert paired.differences == pytest.approx((0.05, -0.02, 0.05, 0.10, 0.01))
    assert paired.n == 5
    assert paired.mean == pytest.approx(0.038)
    assert paired.sd == pytest.approx(0.00207**0.5)
    assert (paired.min, paired.max) == pytest.approx((-0.02, 0.10))
    assert paired.favour_a == 4
    assert str(paired) == (
        "a - b over 5 seeds: mean 0.038 ± 0.0455 (sd), from -0.02 to 0.1; 4 of 5 seeds favour a"
    )


def test_the_table_shows_each_seed_then_mean_and_sd():
    repeats = repeat(hand_run, seeds=[3, 1, 4])
    assert (
        str(repeats)
        == repeats.table()
        == (
            "seed        a        b\n"
            "3         0.9     0.85\n"
            "1         0.8     0.82\n"
            "4        0.95      0.9\n"
            "mean   0.8833   0.8567\n"
            "sd    0.07638  0.04041"
        )
    )


def test_one_seed_has_a_mean_but_no_sd_and_no_paired_summary():
    repeats = repeat(hand_run, seeds=[0])
    assert repeats.table().splitlines()[-1] == "mean  0.7  0.6"
    with pytest.raises(ValueError, match=r"at least 3 seeds. Received: seeds=\[0\]"):
        repeats.paired("a", "b")


@pytest.mark.parametrize(
    ("run", "seeds", "error", "match"),
    [
        (None, [0, 1, 2], TypeError, r"`run` must be a function of a seed. Received: run=None"),
        (hand_run, 3, TypeError, r"`seeds` must be a sequence .* Received: seeds=3"),
        (hand_run, "013", TypeError, r"Received: seeds='013'"),
        (hand_run, [], ValueError, r"at least one seed. Received: seeds=\[\]"),
        (
            hand_run,
            [0, -1],
            ValueError,
            r"`seeds\[1\]` must be an integer >= 0. Received: seeds\[1\]=-1",
        ),
        (hand_run, [0, 1.5], TypeError, r"Received: seeds\[1\]=1.5"),
        (hand_run, [0, True], TypeError, r"Received: seeds\[1\]=True"),
        (
            hand_run,
            [0, 1, 0],
            ValueError,
            r"`seeds` must be distinct.* Received: seeds=\[0, 1, 0\]",
        ),
        (
            lambda _seed: 0.9,
            [0],
            TypeError,
            r"a dict of numbers by name.* returned 0.9 for seeds\[0\]=0",
        ),
        (lambda _seed: {}, [0], TypeError, r"returned \{\} for seeds\[0\]=0"),
        (
            lambda _seed: {"a": "0.9"},
            [0],
            TypeError,
            r"real numbers. Received: run returned a='0.9'",
        ),
        (lambda _seed: {"a": True}, [0], TypeError, r"real numbers. Received: run returned a=True"),
        (lambda _seed: {1: 0.9}, [0], TypeError, r"numbers by name \(str\)"),
        (
            lambda seed: {"a": 1 / seed if seed else float("nan")},
            [2, 0],
            ValueError,
            r"finite numbers. Received: run returned a=nan for seeds\[1\]=0",
        ),
        (
            lambda seed: {"a": 1.0} if seed else {"a": 1.0, "b": 2.0},
            [1, 0],
            ValueError,
            r"the same names for every seed, \['a'\]. Received: run returned \['a', 'b'\] for seeds\[1\]=0",
        ),
    ],
)
def test_repeat_rejects_bad_arguments(run, seeds, error, match):
    with pytest.raises(error, match=match):
        repeat(run, seeds=seeds)


def test_repeats_reject_unknown_names_and_a_self_comparison():
    repeats = repeat(hand_run, seeds=[3, 1, 4])
    with pytest.raises(ValueError, match=r"`name` must be one of \['a', 'b'\]. Received: name='c'"):
        repeats.values("c")
    with pytest.raises(TypeError, match=r"`a` must be one of \['a', 'b'\]. Received: a=0"):
        repeats.paired(0, "b")
    with pytest.raises(ValueError, match=r"two different conditions. Received: a='a', b='a'"):
        repeats.paired("a", "a")


def test_repeats_and_their_summary_are_frozen():
    repeats = repeat(hand_run, seeds=[3, 1, 4])
    paired = repeats.paired("a", "b")
    assert isinstance(paired, Paired)
    with pytest.raises(AttributeError):
        repeats.seeds = (0,)
    with pytest.raises(AttributeError):
        paired.differences = ()


def test_inference_evaluation_measures_with_dropout_off():
    set_seed(0)
    x = np.random.default_rng(0).random((32, 6)).astype("float32")
    y = np.arange(32) % 3
    model = build_mlp(input_shape=(6,), hidden_units=(8,), num_outputs=3, dropout=0.5)
    model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    evaluation = InferenceEvaluation(x, y, batch_size=10)
    model.fit(x, y, epochs=2, batch_size=8, verbose=0, callbacks=[evaluation])
    loss, accuracy = model.evaluate(x, y, verbose=0)  # Keras' own evaluation, dropout off
    assert len(evaluation.losses) == 2
    np.testing.assert_allclose(evaluation.losses[-1], loss, rtol=1e-4)
    np.testing.assert_allclose(evaluation.accuracies[-1], accuracy)


def test_inference_evaluation_names_labels_that_do_not_fit():
    with pytest.raises(ValueError, match=r"y.shape=\(3,\)"):
        InferenceEvaluation(np.zeros((4, 2)), np.zeros(3))
