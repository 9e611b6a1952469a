"""Keras model builders, one module per architecture.

Every builder takes keyword-only arguments, validates them before it builds a
layer, and returns an **uncompiled** :class:`keras.Model` with deterministic
layer names, so a chapter shows ``model.compile(...)`` the way a reader
writes it. Importing this package imports Keras (and TensorFlow).
"""

from annbook.models.conv import build_cnn
from annbook.models.dense import build_autoencoder, build_mlp, build_perceptron

__all__ = ["build_autoencoder", "build_cnn", "build_mlp", "build_perceptron"]
