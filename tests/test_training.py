import keras
import numpy as np
import pytest

from annbook.models import build_cnn
from annbook.training import set_seed


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
