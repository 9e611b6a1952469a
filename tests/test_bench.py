"""The benchmark counts the lecture CNN's work from its layers."""

import keras
import pytest

from annbook.models import build_cnn
from tools.bench import multiply_adds


def test_the_lecture_cnns_multiply_adds_match_a_hand_count():
    conv1 = 26 * 26 * 32 * (3 * 3 * 1)  # 26 x 26 x 32 outputs, each over a 3 x 3 x 1 window
    conv2 = 11 * 11 * 64 * (3 * 3 * 32)
    dense = 5 * 5 * 64 * 128 + 128 * 10
    assert multiply_adds(build_cnn()) == conv1 + conv2 + dense == 2_631_040


def test_grouped_convolutions_and_dense_layers_on_sequences_are_counted():
    model = keras.Sequential([
        keras.Input((10, 4)),
        keras.layers.Conv1D(6, 3, groups=2),  # 8 x 6 outputs over 3 x (4 / 2) inputs
        keras.layers.Dense(5),  # 8 positions x 6 inputs x 5 units
    ])  # fmt: skip
    assert multiply_adds(model) == 8 * 6 * 3 * 2 + 8 * 6 * 5


def test_a_layer_it_cannot_count_is_an_error_not_free():
    model = keras.Sequential([keras.Input((5, 2)), keras.layers.LSTM(4, name="memory")])
    with pytest.raises(
        ValueError, match=r"cannot count the multiply-adds of layer 'memory' \(LSTM\)"
    ):
        multiply_adds(model)
