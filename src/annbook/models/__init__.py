"""Keras model builders, one module per architecture.

Every builder takes keyword-only arguments, validates them before it builds a
layer, and returns an **uncompiled** :class:`keras.Model` with deterministic
layer names, so a chapter shows ``model.compile(...)`` the way a reader
writes it. Importing this package imports Keras (and TensorFlow).
"""

from annbook.models.conv import build_cnn, build_cnn1d, build_lenet5
from annbook.models.dense import build_autoencoder, build_mlp, build_perceptron
from annbook.models.recurrent import build_char_lstm, build_lstm, build_simple_rnn, sample_text

__all__ = [
    "build_autoencoder",
    "build_char_lstm",
    "build_cnn",
    "build_cnn1d",
    "build_lenet5",
    "build_lstm",
    "build_mlp",
    "build_perceptron",
    "build_simple_rnn",
    "sample_text",
]
