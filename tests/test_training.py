import keras
import numpy as np
import pytest

from annbook.models import build_cnn, build_simple_rnn
from annbook.training import input_gradient_norms, set_seed


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
        model = build_cnn(filters=(4,), dense_units=8)
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


def test_input_gradient_norms_shape_and_checks():

    set_seed(0)
    model = build_simple_rnn(input_shape=(12, 2), units=3)
    x, y = np.ones((4, 12, 2), dtype="float32"), np.zeros(4)
    norms = input_gradient_norms(model, x, y)
    assert norms.shape == (12,)
    assert (norms > 0).all()
    with pytest.raises(TypeError, match=r"model=str"):
        input_gradient_norms("model", x, y)
    with pytest.raises(TypeError, match=r"inputs=list"):
        input_gradient_norms(model, [[1.0]], y)
    with pytest.raises(ValueError, match=r"inputs.shape=\(4, 12\)"):
        input_gradient_norms(model, x[..., 0], y)
    with pytest.raises(ValueError, match=r"targets.shape=\(3,\)"):
        input_gradient_norms(model, x, y[:3])
