"""NumPy implementations of the networks, written out to be read.

The chapters build each network by hand here, then check it against Keras on
the same weights. Nothing in this package imports TensorFlow.
"""
