"""Figures the chapters draw, one module per kind of figure.

- :mod:`~annbook.plotting.curves`: training curves, activation functions,
  gradient norms, decision regions and a hidden layer's view of the data;
- :mod:`~annbook.plotting.images`: grids of images (digits, filters, feature
  maps) and the confusion matrix;
- :mod:`~annbook.plotting.diagrams`: hand-drawn diagrams (a neuron, a network
  graph, a computation graph, an RBM, recurrent layers, a convolution's sliding window, max pooling,
  a data-parallel training step);
- :mod:`~annbook.plotting.architecture`: a Keras model drawn layer by layer.

A function that draws into one Axes takes ``ax=None`` (a new figure when
``None``) and returns that Axes; a function that draws a grid of several
Axes takes ``fig=None`` and returns the Figure. Either way a chapter can add
titles to what it gets back, or save it. Importing this package does not
import TensorFlow: only :func:`plot_architecture` imports Keras, when called.
"""

from annbook.plotting.architecture import LAYER_KINDS, plot_architecture
from annbook.plotting.curves import (
    plot_activations,
    plot_decision_boundary,
    plot_gradient_norms,
    plot_hidden_space,
    plot_history,
)
from annbook.plotting.diagrams import (
    plot_computation_graph,
    plot_convolution_steps,
    plot_data_parallel_step,
    plot_lstm_cell,
    plot_max_pooling,
    plot_network_graph,
    plot_neuron,
    plot_rbm_and_feedforward,
    plot_unrolled_rnn,
)
from annbook.plotting.images import (
    plot_confusion_matrix,
    plot_digits,
    plot_feature_maps,
    plot_filters,
)

__all__ = [
    "LAYER_KINDS",
    "plot_activations",
    "plot_architecture",
    "plot_confusion_matrix",
    "plot_convolution_steps",
    "plot_decision_boundary",
    "plot_digits",
    "plot_feature_maps",
    "plot_filters",
    "plot_gradient_norms",
    "plot_history",
    "plot_lstm_cell",
    "plot_max_pooling",
    "plot_unrolled_rnn",
]
__all__ += ["plot_network_graph", "plot_neuron", "plot_rbm_and_feedforward"]
__all__ += ["plot_computation_graph", "plot_hidden_space"]
__all__ += ["plot_data_parallel_step"]
