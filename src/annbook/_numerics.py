"""Activation functions by name, and one numerically stable sigmoid.

The Keras builders (:mod:`annbook.models`) and the NumPy networks
(:mod:`annbook.scratch`) take their activation names from the lists here, so
that a name one of them accepts means the same function in the other. This
module imports NumPy only.
"""

from __future__ import annotations

import numpy as np

#: Activation functions by name, as Keras spells them, plus the perceptron's
#: threshold ``"step"``. The NumPy networks compute every one of them.
ACTIVATIONS = ("step", "sigmoid", "tanh", "relu", "linear")

#: The activations of layers trained by gradient descent: every one but
#: ``"step"``, whose derivative is zero wherever it is defined (Keras has no
#: step either). The Keras builders and the NumPy two-layer network take these.
TRAINABLE_ACTIVATIONS = tuple(name for name in ACTIVATIONS if name != "step")

#: Keras' fuzz factor (``keras.config.epsilon()``): a cross-entropy keeps
#: probabilities in ``[EPSILON, 1 - EPSILON]``, off the logarithm's pole.
EPSILON = 1e-7

#: Activations of a network's output layer (``output_activation``).
OUTPUT_ACTIVATIONS = ("softmax", "sigmoid", "linear")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Return :math:`1 / (1 + e^{-z})` elementwise, without overflow for any ``z``.

    Only ``exp`` of a non-positive number is taken: :math:`1 / (1 + e^{-z})`
    for ``z >= 0`` and :math:`e^{z} / (1 + e^{z})` otherwise.
    """
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
